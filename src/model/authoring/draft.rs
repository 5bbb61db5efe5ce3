//! New items as a user describes them, checked against the dataset and
//! completed (quote located, date resolved, id chosen) before writing.

use super::ids::{next_claim_id, slug};
use super::quote::{QuoteLocation, locate_quote};
use super::said::{Said, SaidError, parse_when, resolve_said};
use crate::model::dataset::{
    Actor, ActorKind, Claim, Dataset, Event, Quote, Relation, Short, Stance, When,
};
use crate::model::passage::Passage;

/// A claim as given on the command line or in a form.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDraft {
    pub article: String,
    pub quote: String,
    /// 1-based; `None`: locate the quote.
    pub paragraph: Option<u32>,
    pub claimant: String,
    pub stance: Stance,
    pub via: Vec<String>,
    pub about: Vec<String>,
    /// A date form or the article's words (see [`resolve_said`]); `None`: unknown.
    pub said: Option<String>,
    /// Overrides the words kept in `said_as`.
    pub said_as: Option<String>,
    /// Defaults to the quote.
    pub text: Option<String>,
    pub tags: Vec<String>,
    pub relations: Vec<Relation>,
    /// Defaults to the next free `cNN`.
    pub id: Option<String>,
}

/// A claim ready to write, and how its date was read.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedClaim {
    pub claim: Claim,
    pub said: Said,
}

/// What is wrong with a draft.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftError {
    UnknownArticle(String),
    /// (field, id): e.g. ("claimant", "nis").
    UnknownActor(&'static str, String),
    UnknownClaim(&'static str, String),
    DuplicateId(&'static str, String),
    ParagraphOutside {
        paragraph: u32,
        paragraphs: usize,
    },
    QuoteInSeveral(Vec<u32>),
    QuoteNotFound {
        paragraph: Option<u32>,
        closest: Option<Passage>,
    },
    Said(SaidError),
    Empty(&'static str),
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownArticle(id) => write!(f, "article \"{id}\" is not in the dataset"),
            Self::UnknownActor(field, id) => write!(f, "{field} \"{id}\" is not an actor"),
            Self::UnknownClaim(field, id) => write!(f, "{field} \"{id}\" is not a claim"),
            Self::DuplicateId(kind, id) => write!(f, "{kind} id \"{id}\" is already taken"),
            Self::ParagraphOutside {
                paragraph,
                paragraphs,
            } => write!(
                f,
                "paragraph {paragraph} is outside 1..={paragraphs} of the article"
            ),
            Self::QuoteInSeveral(ps) => {
                let ps: Vec<String> = ps.iter().map(u32::to_string).collect();
                write!(
                    f,
                    "the quote is in several paragraphs ({}): choose one with --paragraph",
                    ps.join(", ")
                )
            }
            Self::QuoteNotFound { paragraph, closest } => {
                match paragraph {
                    Some(p) => write!(f, "the quote is not found verbatim in paragraph {p}")?,
                    None => f.write_str("the quote is not found verbatim in the article")?,
                }
                match closest {
                    Some(c) => write!(
                        f,
                        "; closest (paragraph {}, col {}): “{}”",
                        c.paragraph, c.col, c.text
                    ),
                    None => f.write_str("; no passage is close to it"),
                }
            }
            Self::Said(e) => e.fmt(f),
            Self::Empty(what) => write!(f, "{what} must not be empty"),
        }
    }
}

impl std::error::Error for DraftError {}

fn actor_exists(ds: &Dataset, field: &'static str, id: &str) -> Result<(), DraftError> {
    if ds.actors.iter().any(|a| a.id == id) {
        Ok(())
    } else {
        Err(DraftError::UnknownActor(field, id.to_owned()))
    }
}

fn claim_exists(ds: &Dataset, field: &'static str, id: &str) -> Result<(), DraftError> {
    if ds.claims.iter().any(|c| c.id == id) {
        Ok(())
    } else {
        Err(DraftError::UnknownClaim(field, id.to_owned()))
    }
}

/// Checks `d` against `ds`, locates its quote, resolves its date and picks
/// its id. The quote written is the article's own text for the match (only
/// whitespace may differ from what was given).
pub fn prepare_claim(ds: &Dataset, d: &ClaimDraft) -> Result<PreparedClaim, DraftError> {
    prepare_claim_with(ds, &[], d)
}

/// [`prepare_claim`] with `extra` actors counted as the dataset's: those a
/// form adds in the same save (without copying the dataset to add them).
pub fn prepare_claim_with(
    ds: &Dataset,
    extra: &[Actor],
    d: &ClaimDraft,
) -> Result<PreparedClaim, DraftError> {
    let actor_exists = |field: &'static str, id: &str| {
        if extra.iter().any(|a| a.id == id) {
            Ok(())
        } else {
            actor_exists(ds, field, id)
        }
    };
    let article = ds
        .articles
        .iter()
        .find(|a| a.id == d.article)
        .ok_or_else(|| DraftError::UnknownArticle(d.article.clone()))?;
    if d.quote.trim().is_empty() {
        return Err(DraftError::Empty("the quote"));
    }
    actor_exists("claimant", &d.claimant)?;
    for id in &d.via {
        actor_exists("via", id)?;
    }
    for id in &d.about {
        actor_exists("about", id)?;
    }
    for r in &d.relations {
        claim_exists(ds, "relation", r.target())?;
    }
    if let Some(p) = d.paragraph
        && (p == 0 || p as usize > article.body.len())
    {
        return Err(DraftError::ParagraphOutside {
            paragraph: p,
            paragraphs: article.body.len(),
        });
    }
    let paragraph = match locate_quote(&article.body, &d.quote, d.paragraph) {
        QuoteLocation::Found { paragraph, .. } => paragraph,
        QuoteLocation::Several(ps) => return Err(DraftError::QuoteInSeveral(ps)),
        QuoteLocation::NotFound { closest } => {
            return Err(DraftError::QuoteNotFound {
                paragraph: d.paragraph,
                closest,
            });
        }
    };
    let said = match &d.said {
        Some(s) => resolve_said(s, &article.published).map_err(DraftError::Said)?,
        None => Said {
            when: When::Unknown,
            said_as: None,
            reading: None,
        },
    };
    let id = match &d.id {
        Some(id) if ds.claims.iter().any(|c| c.id == id) => {
            return Err(DraftError::DuplicateId("claim", id.clone()));
        }
        Some(id) => id.clone(),
        None => next_claim_id(ds.claims.iter().map(|c| c.id.as_str())),
    };
    let quote = d.quote.trim().to_owned();
    let text = d.text.clone().unwrap_or_else(|| quote.clone());
    if text.trim().is_empty() {
        return Err(DraftError::Empty("the text"));
    }
    let claim = Claim {
        id: id.into(),
        article: d.article.clone().into(),
        text,
        quote: Quote {
            paragraph,
            text: quote,
        },
        claimant: d.claimant.clone().into(),
        via: d.via.iter().map(Short::from).collect(),
        about: d.about.iter().map(Short::from).collect(),
        stance: d.stance,
        said: said.when.clone(),
        said_as: d.said_as.clone().or_else(|| said.said_as.clone()),
        relations: d.relations.clone(),
        tags: d.tags.iter().map(Short::from).collect(),
    };
    Ok(PreparedClaim { claim, said })
}

/// An actor as given on the command line or in a form.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorDraft {
    /// Defaults to a slug of the name.
    pub id: Option<String>,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub part_of: Option<String>,
    pub note: Option<String>,
}

pub fn prepare_actor(ds: &Dataset, d: &ActorDraft) -> Result<Actor, DraftError> {
    if d.name.trim().is_empty() {
        return Err(DraftError::Empty("the name"));
    }
    let id = d.id.clone().unwrap_or_else(|| slug(&d.name));
    if ds.actors.iter().any(|a| a.id == id) {
        return Err(DraftError::DuplicateId("actor", id));
    }
    if let Some(p) = &d.part_of {
        actor_exists(ds, "part_of", p)?;
    }
    Ok(Actor {
        id: id.into(),
        name: d.name.clone(),
        kind: d.kind,
        aliases: d.aliases.clone(),
        part_of: d.part_of.as_deref().map(Short::from),
        note: d.note.clone(),
    })
}

/// An event as given on the command line or in a form.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub id: String,
    /// A date form (`2024-10-18`, `a..b`, `..b`, `a..`, `unknown`).
    pub when: String,
    pub title: String,
    pub actors: Vec<String>,
    pub claims: Vec<String>,
}

pub fn prepare_event(ds: &Dataset, d: &EventDraft) -> Result<Event, DraftError> {
    if ds.events.iter().any(|e| e.id == d.id) {
        return Err(DraftError::DuplicateId("event", d.id.clone()));
    }
    if d.title.trim().is_empty() {
        return Err(DraftError::Empty("the title"));
    }
    let when = parse_when(d.when.trim())
        .map_err(DraftError::Said)?
        .ok_or_else(|| {
            DraftError::Said(SaidError(format!(
                "cannot read --when \"{}\": expected 2024-10-18, 2024-10, 2024-10-18..2024-10-22, ..2024-10-22, 2024-10-18.. or unknown",
                d.when
            )))
        })?;
    for id in &d.actors {
        actor_exists(ds, "actor", id)?;
    }
    for id in &d.claims {
        claim_exists(ds, "claim", id)?;
    }
    Ok(Event {
        id: d.id.clone().into(),
        when,
        title: d.title.clone(),
        actors: d.actors.iter().map(Short::from).collect(),
        claims: d.claims.iter().map(Short::from).collect(),
    })
}
