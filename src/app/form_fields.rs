//! The new-claim form's pieces: one-line text fields, the inline "new
//! actor…", and the part of the dataset a draft touches (what the live
//! check validates).

use ratatui_textarea::TextArea;

use super::claim_form::ActorRole;
use super::editor::textarea_input;
use super::key::{Key, KeyCode};
use crate::model::authoring::ActorDraft;
use crate::model::{Actor, ActorKind, Claim, Dataset, Short, When};

/// A `When` as `--said` and the form's said field read it.
pub fn when_form(w: &When) -> String {
    match w {
        When::On(d) => d.to_string(),
        When::Between(a, b) => format!("{a}..{b}"),
        When::Before(b) => format!("..{b}"),
        When::After(a) => format!("{a}.."),
        When::Unknown => "unknown".into(),
    }
}

/// A one-line text field.
#[derive(Debug, Clone)]
pub struct LineField {
    area: TextArea<'static>,
}

impl LineField {
    pub fn new(text: &str) -> Self {
        let mut area = TextArea::new(vec![one_line(text)]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Self { area }
    }

    pub fn text(&self) -> String {
        self.area.lines().first().cloned().unwrap_or_default()
    }

    /// The cursor, in chars from the start.
    pub fn cursor(&self) -> usize {
        self.area.cursor().1
    }

    pub(super) fn input(&mut self, key: Key) {
        // One line: Enter and Tab move between fields instead.
        if !matches!(key.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab) {
            self.area.input(textarea_input(key));
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        self.area.insert_str(one_line(text));
    }
}

/// Pasted or prefilled text on one line: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// The fields of the inline "new actor…".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorField {
    Name,
    Id,
    Kind,
}

/// "new actor…" inside the form: name, id (default: from the name), kind.
#[derive(Debug, Clone)]
pub struct ActorForm {
    pub role: ActorRole,
    pub focus: ActorField,
    pub name: LineField,
    pub id: LineField,
    pub kind: ActorKind,
    /// Why the last Enter did not add it.
    pub problem: Option<String>,
}

impl ActorForm {
    pub(super) fn new(role: ActorRole, name: &str) -> Self {
        Self {
            role,
            focus: ActorField::Name,
            name: LineField::new(name),
            id: LineField::new(""),
            kind: ActorKind::Person,
            problem: None,
        }
    }

    pub fn draft(&self) -> ActorDraft {
        let id = self.id.text().trim().to_owned();
        ActorDraft {
            id: (!id.is_empty()).then_some(id),
            name: self.name.text().trim().to_owned(),
            kind: self.kind,
            aliases: Vec::new(),
            part_of: None,
            note: None,
        }
    }
}

/// The part of `ds` a new claim touches, with it and the new actors: its
/// article, the actors it and the article name with their `part_of`
/// chains. Its relations are left out (`prepare_claim` checked their
/// targets; the validator checks nothing else of them).
pub(super) fn touched(ds: &Dataset, mut claim: Claim, made: Vec<Actor>) -> Dataset {
    let article = ds.articles.iter().find(|a| a.id == claim.article).cloned();
    let by_id: std::collections::HashMap<&str, &Actor> =
        ds.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut wanted: Vec<&str> = std::iter::once(claim.claimant.as_str())
        .chain(claim.via.iter().map(Short::as_str))
        .chain(claim.about.iter().map(Short::as_str))
        .chain(article.as_ref().map(|a| a.outlet.as_str()))
        .collect();
    let mut actors: Vec<Actor> = Vec::new();
    while let Some(id) = wanted.pop() {
        if actors.iter().any(|a| a.id == id) {
            continue;
        }
        if let Some(a) = by_id.get(id) {
            wanted.extend(a.part_of.as_deref());
            actors.push((*a).clone());
        }
    }
    actors.extend(made);
    claim.relations.clear();
    Dataset {
        format: ds.format,
        id: ds.id.clone(),
        title: ds.title.clone(),
        description: None,
        articles: article.into_iter().collect(),
        actors,
        claims: vec![claim],
        events: Vec::new(),
    }
}
