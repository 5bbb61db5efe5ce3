//! The new-claim form: a claim drafted from the reader's selection, checked
//! live with the same rules as `claimtrack check`, saved through the model's
//! authoring API (`prepare_claim`, `append`, `write_back`) as `claimtrack add
//! claim` is. New actors made in the form ("new actor…") go in the same save.
//!
//! The form is a [`ClaimDraft`] being edited: it opens on any draft
//! ([`ClaimForm::new`]), so editing an existing claim is the same form
//! opened on that claim's draft with another [`SaveAs`].

use super::form_fields::touched;
pub use super::form_fields::{ActorField, ActorForm, LineField, when_form};
use super::key::{Key, KeyCode};
use crate::model::authoring::{
    ActorDraft, ClaimDraft, next_claim_id, prepare_actor, prepare_claim_with, resolve_said,
    said_words, sentence_around,
};
use crate::model::validate::validate;
use crate::model::{Actor, ActorKind, ArticleIx, DateRange, Loaded, Severity, Stance, When};

/// The form's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    Text,
    Claimant,
    Via,
    About,
    Stance,
    Said,
    Tags,
    Id,
}

impl FormField {
    pub const ALL: [FormField; 8] = [
        Self::Text,
        Self::Claimant,
        Self::Via,
        Self::About,
        Self::Stance,
        Self::Said,
        Self::Tags,
        Self::Id,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Text => "Text",
            Self::Claimant => "Claimant",
            Self::Via => "Via",
            Self::About => "About",
            Self::Stance => "Stance",
            Self::Said => "Said",
            Self::Tags => "Tags",
            Self::Id => "Id",
        }
    }

    /// The actor field this is, if it is one.
    pub fn role(self) -> Option<ActorRole> {
        match self {
            Self::Claimant => Some(ActorRole::Claimant),
            Self::Via => Some(ActorRole::Via),
            Self::About => Some(ActorRole::About),
            _ => None,
        }
    }
}

/// Which actor field a pick or a new actor goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorRole {
    Claimant,
    Via,
    About,
}

/// What saving does with the draft. Editing an existing claim adds a
/// variant that replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveAs {
    /// Append a new claim at the end of the dataset's claims.
    Append,
    /// Replace the claim with this id where it is in the file (`Ctrl-E`
    /// on a claim: editing it).
    Replace(String),
}

const STANCES: [Stance; 7] = [
    Stance::Asserts,
    Stance::Denies,
    Stance::Declines,
    Stance::Considers,
    Stance::Warns,
    Stance::Condemns,
    Stance::Quotes,
];

/// What the live check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormCheck {
    /// The first problems (`check`'s messages), none when it would pass.
    pub problems: Vec<String>,
    /// How the said field reads: `2024-10-18 (the Friday before …)`.
    pub said: Option<String>,
    /// The id the claim gets.
    pub id: String,
}

/// How many of `check`'s messages the form shows.
const SHOWN_PROBLEMS: usize = 3;

pub struct ClaimForm {
    pub save_as: SaveAs,
    pub article: ArticleIx,
    article_id: String,
    published: When,
    /// 1-based, as in the file.
    paragraph: u32,
    quote: String,
    focus: FormField,
    text: LineField,
    said: LineField,
    tags: LineField,
    id: LineField,
    claimant: Option<String>,
    via: Vec<String>,
    about: Vec<String>,
    stance: Stance,
    relations: Vec<crate::model::Relation>,
    /// The draft's `said_as` and the said text it goes with: kept while
    /// the said field is not changed.
    said_as: Option<(String, String)>,
    new_actors: Vec<ActorDraft>,
    actor_form: Option<ActorForm>,
    confirming_discard: bool,
    initial: ClaimDraft,
    /// The id a claim without one gets, once found.
    next_id: Option<String>,
    check: FormCheck,
}

/// What a key did to the form, for the state to follow up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    Changed,
    Unchanged,
    /// Open the actor picker for this field, with this typed text.
    Pick(ActorRole, String),
}

impl ClaimForm {
    /// The form on `draft` (its article must be in `loaded`).
    pub fn new(loaded: &Loaded, draft: ClaimDraft, save_as: SaveAs) -> Option<Self> {
        let (i, a) = loaded
            .dataset
            .articles
            .iter()
            .enumerate()
            .find(|(_, a)| a.id == draft.article)?;
        let mut f = Self {
            save_as,
            article: ArticleIx::from_usize(i),
            article_id: a.id.to_string(),
            published: a.published.clone(),
            paragraph: draft.paragraph.unwrap_or(1),
            quote: draft.quote.clone(),
            focus: FormField::Claimant,
            text: LineField::new(draft.text.as_deref().unwrap_or(&draft.quote)),
            said: LineField::new(draft.said.as_deref().unwrap_or("")),
            tags: LineField::new(&draft.tags.join(", ")),
            id: LineField::new(draft.id.as_deref().unwrap_or("")),
            claimant: (!draft.claimant.is_empty()).then(|| draft.claimant.clone()),
            via: draft.via.clone(),
            about: draft.about.clone(),
            stance: draft.stance,
            relations: draft.relations.clone(),
            said_as: draft
                .said_as
                .clone()
                .map(|w| (draft.said.clone().unwrap_or_default(), w)),
            new_actors: Vec::new(),
            actor_form: None,
            confirming_discard: false,
            next_id: None,
            initial: ClaimDraft {
                article: String::new(),
                ..draft
            },
            check: FormCheck::default(),
        };
        f.initial = f.draft();
        f.check(loaded);
        Some(f)
    }

    /// The draft of a new claim quoting `range` (bytes) of paragraph `p`
    /// (0-based) of `article`: the quote verbatim, the claim's text the
    /// quote, via the article's outlet, said the date words of the quote's
    /// sentence (resolved against the article's date when checked).
    pub fn draft_from_selection(
        loaded: &Loaded,
        article: ArticleIx,
        p: usize,
        range: std::ops::Range<usize>,
    ) -> Option<ClaimDraft> {
        let a = loaded.dataset.articles.get(article.i())?;
        let body = a.body.get(p)?;
        let quote = body.get(range.clone())?.to_owned();
        let sentence = sentence_around(body, range);
        let outlet = loaded
            .index
            .article_outlet
            .get(article.i())
            .and_then(|o| loaded.dataset.actors.get(o.i()))
            .map(|o| o.id.to_string());
        Some(ClaimDraft {
            article: a.id.to_string(),
            text: Some(quote.trim().to_owned()),
            quote,
            paragraph: Some(p as u32 + 1),
            claimant: String::new(),
            stance: Stance::Asserts,
            via: outlet.into_iter().collect(),
            about: Vec::new(),
            said: said_words(sentence).map(str::to_owned),
            said_as: None,
            tags: Vec::new(),
            relations: Vec::new(),
            id: None,
        })
    }

    /// The draft of an existing claim, to open the form on it (editing):
    /// its date as a date form (`2024-10-18`, `..2024-10-22`), its words
    /// kept in `said_as`.
    pub fn draft_of_claim(loaded: &Loaded, c: crate::model::ClaimIx) -> Option<ClaimDraft> {
        let claim = loaded.dataset.claims.get(c.i())?;
        Some(ClaimDraft {
            article: claim.article.to_string(),
            quote: claim.quote.text.clone(),
            paragraph: Some(claim.quote.paragraph),
            claimant: claim.claimant.to_string(),
            stance: claim.stance,
            via: claim.via.iter().map(ToString::to_string).collect(),
            about: claim.about.iter().map(ToString::to_string).collect(),
            said: Some(when_form(&claim.said)),
            said_as: claim.said_as.clone(),
            text: Some(claim.text.clone()),
            tags: claim.tags.iter().map(ToString::to_string).collect(),
            relations: claim.relations.clone(),
            id: Some(claim.id.to_string()),
        })
    }

    /// The claim as the fields say now.
    pub fn draft(&self) -> ClaimDraft {
        let said = self.said.text().trim().to_owned();
        let id = self.id.text().trim().to_owned();
        ClaimDraft {
            article: self.article_id.clone(),
            quote: self.quote.clone(),
            paragraph: Some(self.paragraph),
            claimant: self.claimant.clone().unwrap_or_default(),
            stance: self.stance,
            via: self.via.clone(),
            about: self.about.clone(),
            said_as: self
                .said_as
                .as_ref()
                .filter(|(kept, _)| kept.trim() == said)
                .map(|(_, words)| words.clone()),
            said: (!said.is_empty()).then_some(said),
            text: Some(self.text.text().trim().to_owned()),
            tags: self
                .tags
                .text()
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            relations: self.relations.clone(),
            id: (!id.is_empty()).then_some(id),
        }
    }

    /// The actors the form adds, in the order they were made.
    pub fn new_actors(&self) -> &[ActorDraft] {
        &self.new_actors
    }

    /// Runs the checks of `claimtrack check` on the draft: its references
    /// and id against the whole dataset (`prepare_claim`), then the
    /// validator on the part of the dataset it touches (its article, the
    /// actors it names and their `part_of` chains, the new actors, the
    /// claim). A key costs what the draft touches, not the dataset's size;
    /// the save validates the whole file again.
    pub fn check(&mut self, loaded: &Loaded) {
        let mut draft = self.draft();
        let ds = &loaded.dataset;
        let mut problems = Vec::new();
        // The next free id is found once (it reads every claim's id).
        let next = self
            .next_id
            .get_or_insert_with(|| next_claim_id(ds.claims.iter().map(|c| c.id.as_str())));
        // Editing: the claim's own id is no duplicate of itself; it is
        // checked under a free one and keeps its own.
        let own = match &self.save_as {
            SaveAs::Replace(old) if draft.id.as_deref() == Some(old.as_str()) => {
                draft.id = Some(next.clone());
                Some(old.clone())
            }
            _ => None,
        };
        draft.id.get_or_insert_with(|| next.clone());
        self.check.id = own.clone().or_else(|| draft.id.clone()).unwrap_or_default();
        let mut made: Vec<Actor> = Vec::new();
        for a in &self.new_actors {
            match prepare_actor(ds, a) {
                Ok(x) if made.iter().any(|m| m.id == x.id) => {
                    problems.push(format!("actor id \"{}\" is made twice", x.id))
                }
                Ok(x) => made.push(x),
                Err(e) => problems.push(e.to_string()),
            }
        }
        let said = draft
            .said
            .as_deref()
            .map(|s| resolve_said(s, &self.published));
        self.check.said = match &said {
            Some(Ok(s)) => {
                let range = DateRange::resolve(&s.when)
                    .map(|r| r.to_string())
                    .unwrap_or_default();
                Some(match &s.reading {
                    Some(reading) => format!("{range} ({reading})"),
                    None => range,
                })
            }
            Some(Err(_)) => None,
            None => Some("unknown (no date words in the sentence)".into()),
        };
        if draft.claimant.is_empty() {
            problems.push("choose a claimant (Enter on Claimant)".into());
            if let Some(Err(e)) = said {
                problems.push(e.to_string());
            }
        } else {
            match prepare_claim_with(ds, &made, &draft) {
                Ok(p) => {
                    self.check.id = own.unwrap_or_else(|| p.claim.id.to_string());
                    let (_, issues) = validate(&touched(ds, p.claim, made));
                    problems.extend(
                        issues
                            .into_iter()
                            .filter(|i| i.severity == Severity::Error)
                            .map(|i| i.message),
                    );
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
        problems.truncate(SHOWN_PROBLEMS);
        self.check.problems = problems;
    }

    pub fn checked(&self) -> &FormCheck {
        &self.check
    }

    pub fn is_changed(&self) -> bool {
        self.draft() != self.initial || !self.new_actors.is_empty()
    }

    pub fn focus(&self) -> FormField {
        self.focus
    }

    pub fn quote(&self) -> &str {
        &self.quote
    }

    pub fn paragraph(&self) -> u32 {
        self.paragraph
    }

    pub fn article_id(&self) -> &str {
        &self.article_id
    }

    pub fn stance(&self) -> Stance {
        self.stance
    }

    pub fn claimant(&self) -> Option<&str> {
        self.claimant.as_deref()
    }

    pub fn actors(&self, role: ActorRole) -> Vec<&str> {
        match role {
            ActorRole::Claimant => self.claimant.as_deref().into_iter().collect(),
            ActorRole::Via => self.via.iter().map(String::as_str).collect(),
            ActorRole::About => self.about.iter().map(String::as_str).collect(),
        }
    }

    /// A text field's content and cursor (chars), for drawing.
    pub fn line(&self, field: FormField) -> Option<&LineField> {
        match field {
            FormField::Text => Some(&self.text),
            FormField::Said => Some(&self.said),
            FormField::Tags => Some(&self.tags),
            FormField::Id => Some(&self.id),
            _ => None,
        }
    }

    pub fn actor_form(&self) -> Option<&ActorForm> {
        self.actor_form.as_ref()
    }

    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    pub(super) fn set_confirming_discard(&mut self, on: bool) {
        self.confirming_discard = on;
    }

    /// Tab / BackTab: the next or previous field (of the new actor when open).
    pub(super) fn step(&mut self, dir: isize) {
        if let Some(a) = &mut self.actor_form {
            let order = [ActorField::Name, ActorField::Id, ActorField::Kind];
            let i = order.iter().position(|f| *f == a.focus).unwrap_or(0) as isize;
            if let Some(f) = order.get((i + dir).rem_euclid(3) as usize) {
                a.focus = *f;
            }
            return;
        }
        let all = FormField::ALL;
        let i = all.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        if let Some(f) = all.get((i + dir).rem_euclid(all.len() as isize) as usize) {
            self.focus = *f;
        }
    }

    /// Ctrl-T: the next stance (the next kind in the new actor).
    pub(super) fn cycle(&mut self) {
        if let Some(a) = &mut self.actor_form {
            let all = ActorKind::ALL;
            let i = all.iter().position(|k| *k == a.kind).unwrap_or(0);
            a.kind = all
                .get((i + 1) % all.len())
                .copied()
                .unwrap_or(ActorKind::Person);
            return;
        }
        let i = STANCES.iter().position(|s| *s == self.stance).unwrap_or(0);
        self.stance = STANCES
            .get((i + 1) % STANCES.len())
            .copied()
            .unwrap_or(Stance::Asserts);
    }

    /// Enter: pick an actor, cycle the stance, or go on to the next field.
    pub(super) fn enter(&mut self) -> FormOutcome {
        if let Some(role) = self.focus.role() {
            return FormOutcome::Pick(role, String::new());
        }
        if self.focus == FormField::Stance {
            self.cycle();
            return FormOutcome::Changed;
        }
        self.step(1);
        FormOutcome::Unchanged
    }

    /// A key typed into the focused field.
    pub(super) fn input(&mut self, key: Key) -> FormOutcome {
        if let Some(a) = &mut self.actor_form {
            match a.focus {
                ActorField::Name => a.name.input(key),
                ActorField::Id => a.id.input(key),
                ActorField::Kind if key.typed_char() == Some(' ') => self.cycle(),
                ActorField::Kind => {}
            }
            return FormOutcome::Unchanged;
        }
        match self.focus {
            FormField::Text => self.text.input(key),
            FormField::Said => self.said.input(key),
            FormField::Tags => self.tags.input(key),
            FormField::Id => self.id.input(key),
            FormField::Stance => match key.typed_char() {
                Some(' ') => self.cycle(),
                _ => return FormOutcome::Unchanged,
            },
            FormField::Claimant | FormField::Via | FormField::About => {
                let role = self.focus.role().unwrap_or(ActorRole::Claimant);
                if matches!(key.code, KeyCode::Backspace | KeyCode::Delete) {
                    match role {
                        ActorRole::Claimant => self.claimant = None,
                        ActorRole::Via => drop(self.via.pop()),
                        ActorRole::About => drop(self.about.pop()),
                    }
                } else if let Some(c) = key.typed_char() {
                    return FormOutcome::Pick(role, c.to_string());
                } else {
                    return FormOutcome::Unchanged;
                }
            }
        }
        FormOutcome::Changed
    }

    pub(super) fn paste(&mut self, text: &str) {
        if let Some(a) = &mut self.actor_form {
            match a.focus {
                ActorField::Name => a.name.paste(text),
                ActorField::Id => a.id.paste(text),
                ActorField::Kind => {}
            }
            return;
        }
        match self.focus {
            FormField::Text => self.text.paste(text),
            FormField::Said => self.said.paste(text),
            FormField::Tags => self.tags.paste(text),
            FormField::Id => self.id.paste(text),
            _ => {}
        }
    }

    /// Puts actor `id` in the field for `role` (a claimant replaces, via
    /// and about add in order, once each).
    pub(super) fn put_actor(&mut self, role: ActorRole, id: String) {
        match role {
            ActorRole::Claimant => self.claimant = Some(id),
            ActorRole::Via if !self.via.contains(&id) => self.via.push(id),
            ActorRole::About if !self.about.contains(&id) => self.about.push(id),
            _ => {}
        }
    }

    pub(super) fn open_actor_form(&mut self, role: ActorRole, name: &str) {
        self.actor_form = Some(ActorForm::new(role, name));
    }

    pub(super) fn close_actor_form(&mut self) {
        self.actor_form = None;
    }

    /// Enter in "new actor…": the actor is checked against the dataset and
    /// the actors already made here; if good, it goes in its field.
    pub(super) fn add_actor(&mut self, loaded: &Loaded) -> Result<String, String> {
        let Some(a) = &mut self.actor_form else {
            return Err("no new actor is being made".into());
        };
        let draft = a.draft();
        let mut ds = loaded.dataset.clone();
        for made in &self.new_actors {
            if let Ok(x) = prepare_actor(&ds, made) {
                ds.actors.push(x);
            }
        }
        match prepare_actor(&ds, &draft) {
            Ok(actor) => {
                let role = a.role;
                let id = actor.id.clone();
                self.new_actors.push(ActorDraft {
                    id: Some(id.to_string()),
                    ..draft
                });
                self.actor_form = None;
                self.put_actor(role, id.to_string());
                Ok(id.to_string())
            }
            Err(e) => {
                let why = e.to_string();
                a.problem = Some(why.clone());
                Err(why)
            }
        }
    }
}
