//! The normalised JSON export: ids resolved, dates expanded to `from`/`to`.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use serde::Serialize;

use super::ExportWhen;
use crate::model::{Annotation, AnnotationSet, Change, Loaded};

#[derive(Serialize)]
struct Doc<'a> {
    format: u32,
    id: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    articles: Vec<Article<'a>>,
    actors: Vec<Actor<'a>>,
    claims: Vec<Claim<'a>>,
    events: Vec<Event<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    orphaned_annotations: Vec<AnnotationOut<'a>>,
}

#[derive(Serialize)]
struct Article<'a> {
    id: &'a str,
    headline: &'a str,
    outlet: &'a str,
    url: Option<&'a str>,
    published: ExportWhen,
    credit: Option<&'a str>,
    body: &'a [String],
}

#[derive(Serialize)]
struct Actor<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    aliases: &'a [String],
    part_of: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Quote<'a> {
    paragraph: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct Relation<'a> {
    kind: &'a str,
    claim: &'a str,
}

#[derive(Serialize)]
struct Claim<'a> {
    id: &'a str,
    article: &'a str,
    text: &'a str,
    quote: Quote<'a>,
    claimant: &'a str,
    via: &'a [String],
    about: &'a [String],
    stance: &'a str,
    said: ExportWhen,
    relations: Vec<Relation<'a>>,
    tags: &'a [String],
    events: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotation: Option<AnnotationOut<'a>>,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<&'a str>,
    status: &'a str,
    reliability: Option<String>,
    credibility: Option<u8>,
    note: &'a str,
    evidence: &'a [String],
    tags: &'a [String],
    by: Option<&'a str>,
    at: Option<String>,
    history: Vec<&'a Change>,
    /// Competing versions left by a merge, one per analyst (see `versions`).
    conflicts: Vec<super::conflicts::Version>,
}

impl<'a> AnnotationOut<'a> {
    fn new(
        claim: Option<&'a str>,
        id: &'a str,
        a: Option<&'a Annotation>,
        set: &'a AnnotationSet,
    ) -> Self {
        static BLANK: std::sync::OnceLock<Annotation> = std::sync::OnceLock::new();
        let a = a.unwrap_or_else(|| BLANK.get_or_init(Annotation::default));
        Self {
            claim,
            status: a.status.label(),
            reliability: a.reliability.map(|r| r.letter().to_string()),
            credibility: a.credibility.map(|c| c.get()),
            note: &a.note,
            evidence: &a.evidence,
            tags: &a.tags,
            by: a.by.as_deref(),
            at: a.at.map(|t| t.to_string()),
            history: set.history_of(id).collect(),
            conflicts: super::conflicts::versions(a, set.conflicts_of(id)),
        }
    }
}

#[derive(Serialize)]
struct Event<'a> {
    id: &'a str,
    when: ExportWhen,
    title: &'a str,
    actors: &'a [String],
    claims: &'a [String],
}

/// The whole dataset as pretty JSON; with annotations, each claim carries its
/// own (status, grading, note, evidence, tags, history) and annotations of
/// claims the dataset no longer has are listed under `orphaned_annotations`.
pub fn to_json(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[crate::model::ClaimIx],
) -> String {
    let ds = &loaded.dataset;
    let ix = &loaded.index;
    let doc = Doc {
        format: ds.format,
        id: &ds.id,
        title: &ds.title,
        description: ds.description.as_deref(),
        articles: ds
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| Article {
                id: &a.id,
                headline: &a.headline,
                outlet: &a.outlet,
                url: a.url.as_deref(),
                published: ExportWhen::new(&ix.article_published[i], None),
                credit: a.credit.as_deref(),
                body: &a.body,
            })
            .collect(),
        actors: ds
            .actors
            .iter()
            .map(|a| Actor {
                id: &a.id,
                name: &a.name,
                kind: a.kind.label(),
                aliases: &a.aliases,
                part_of: a.part_of.as_deref(),
                note: a.note.as_deref(),
            })
            .collect(),
        claims: claims
            .iter()
            .map(|&ci| {
                let c = &ds.claims[ci.i()];
                Claim {
                    id: &c.id,
                    article: &c.article,
                    text: &c.text,
                    quote: Quote {
                        paragraph: c.quote.paragraph,
                        text: &c.quote.text,
                    },
                    claimant: &c.claimant,
                    via: &c.via,
                    about: &c.about,
                    stance: c.stance.label(),
                    said: ExportWhen::new(&ix.claim_said[ci.i()], c.said_as.as_deref()),
                    relations: c
                        .relations
                        .iter()
                        .map(|r| Relation {
                            kind: r.kind().label(),
                            claim: r.target(),
                        })
                        .collect(),
                    tags: &c.tags,
                    events: ix
                        .claim_events
                        .get(ci.i())
                        .iter()
                        .map(|e| ds.events[e.i()].id.as_str())
                        .collect(),
                    annotation: annotations
                        .map(|set| AnnotationOut::new(None, &c.id, set.get(&c.id), set)),
                }
            })
            .collect(),
        events: ds
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| Event {
                id: &e.id,
                when: ExportWhen::new(&ix.event_when[i], None),
                title: &e.title,
                actors: &e.actors,
                claims: &e.claims,
            })
            .collect(),
        orphaned_annotations: annotations
            .map(|set| {
                set.orphans(|id| ix.claim_by_id.contains_key(id))
                    .map(|id| AnnotationOut::new(Some(id), id, set.get(id), set))
                    .collect()
            })
            .unwrap_or_default(),
    };
    super::json_text::to_safe_json(&doc, super::json_text::Escape::Controls)
}
