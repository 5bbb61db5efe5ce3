//! The edit form of an existing actor or event of the dataset file: one
//! line per field, typed into; `Ctrl-S` writes it back in place
//! (`replace_item`: the item in the file's style, every other byte as it
//! was), validated like `check`, through the file-is-truth check.

use super::action::InputKey;
use crate::model::authoring::{ActorDraft, EventDraft, List};
use crate::model::dataset::{Actor, ActorKind, Event, When};

/// A field: its label and the text typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    /// How it is read ("comma-separated ids", "2024-10-18, a..b, unknown").
    pub hint: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemForm {
    list: List,
    /// The item's id in the file: the one replaced.
    original_id: String,
    fields: Vec<Field>,
    initial: Vec<String>,
    focus: usize,
    confirming_discard: bool,
}

fn field(label: &'static str, value: impl Into<String>, hint: &'static str) -> Field {
    Field {
        label,
        value: value.into(),
        hint,
    }
}

const IDS: &str = "comma-separated ids";

/// `When` as the date forms `add event --when` reads.
fn when_text(w: &When) -> String {
    match w {
        When::On(d) => d.to_string(),
        When::Between(a, b) => format!("{a}..{b}"),
        When::Before(d) => format!("..{d}"),
        When::After(d) => format!("{d}.."),
        When::Unknown => "unknown".into(),
    }
}

fn list_of(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl ItemForm {
    pub fn actor(a: &Actor) -> Self {
        Self::new(
            List::Actors,
            &a.id,
            vec![
                field("id", a.id.as_str(), "letters, digits, - and _"),
                field("name", &a.name, ""),
                field("kind", a.kind.label(), "Ctrl-T: next kind"),
                field("aliases", a.aliases.join(", "), "comma-separated"),
                field(
                    "part_of",
                    a.part_of.clone().unwrap_or_default(),
                    "an actor id, or empty",
                ),
                field("note", a.note.clone().unwrap_or_default(), ""),
            ],
        )
    }

    pub fn event(e: &Event) -> Self {
        Self::new(
            List::Events,
            &e.id,
            vec![
                field("id", e.id.as_str(), "letters, digits, - and _"),
                field(
                    "when",
                    when_text(&e.when),
                    "2024-10-18, 2024-10, a..b, ..b, a.., unknown",
                ),
                field("title", &e.title, ""),
                field("actors", e.actors.join(", "), IDS),
                field("claims", e.claims.join(", "), IDS),
            ],
        )
    }

    fn new(list: List, id: &str, fields: Vec<Field>) -> Self {
        let initial = fields.iter().map(|f| f.value.clone()).collect();
        Self {
            list,
            original_id: id.to_owned(),
            fields,
            initial,
            focus: 0,
            confirming_discard: false,
        }
    }

    pub fn list(&self) -> List {
        self.list
    }

    pub fn original_id(&self) -> &str {
        &self.original_id
    }

    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn is_changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, i)| &f.value != i)
    }

    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    pub(super) fn set_confirming_discard(&mut self, on: bool) {
        self.confirming_discard = on;
    }

    pub(super) fn step(&mut self, by: isize) {
        let n = self.fields.len() as isize;
        self.focus = (self.focus as isize + by).rem_euclid(n.max(1)) as usize;
    }

    pub(super) fn input(&mut self, key: InputKey) {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        match key {
            // One line per field: a pasted newline becomes a space.
            InputKey::Char(c) if c == '\n' || c == '\r' => f.value.push(' '),
            InputKey::Char(c) if !c.is_control() => f.value.push(c),
            InputKey::Char(_) => {}
            InputKey::Backspace => {
                f.value.pop();
            }
            InputKey::DeleteWord => {
                let kept = f.value.trim_end().rfind([' ', ',']).map_or(0, |i| i + 1);
                f.value.truncate(kept);
            }
            InputKey::Clear => f.value.clear(),
        }
    }

    /// Ctrl-T on the kind: the next one.
    pub(super) fn cycle(&mut self) {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        if f.label != "kind" {
            return;
        }
        let labels: Vec<&str> = ActorKind::ALL.iter().map(|k| k.label()).collect();
        let now = labels
            .iter()
            .position(|l| l.eq_ignore_ascii_case(f.value.trim()));
        let next = now.map_or(0, |i| (i + 1) % labels.len());
        if let Some(l) = labels.get(next) {
            f.value = (*l).to_owned();
        }
    }

    fn value(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", |f| f.value.as_str())
    }

    /// The id the item will have.
    pub fn id(&self) -> String {
        self.value("id").trim().to_owned()
    }

    pub(super) fn actor_draft(&self) -> Result<ActorDraft, String> {
        let kind_text = self.value("kind").trim();
        let kind = ActorKind::ALL
            .into_iter()
            .find(|k| k.label().eq_ignore_ascii_case(kind_text))
            .ok_or_else(|| {
                let all: Vec<&str> = ActorKind::ALL.iter().map(|k| k.label()).collect();
                format!("kind “{kind_text}” is none of {}", all.join(", "))
            })?;
        Ok(ActorDraft {
            id: Some(self.id()),
            name: self.value("name").trim().to_owned(),
            kind,
            aliases: list_of(self.value("aliases")),
            part_of: optional(self.value("part_of")),
            note: optional(self.value("note")),
        })
    }

    pub(super) fn event_draft(&self) -> EventDraft {
        EventDraft {
            id: self.id(),
            when: self.value("when").trim().to_owned(),
            title: self.value("title").trim().to_owned(),
            actors: list_of(self.value("actors")),
            claims: list_of(self.value("claims")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_reads_back_as_it_was() {
        let e = Event {
            id: "e1".into(),
            when: When::Between("2024-10-18".into(), "2024-10-22".into()),
            title: "T".into(),
            actors: vec!["a".into(), "b".into()],
            claims: vec![],
        };
        let f = ItemForm::event(&e);
        assert!(!f.is_changed());
        let d = f.event_draft();
        assert_eq!(d.when, "2024-10-18..2024-10-22");
        assert_eq!(d.actors, vec!["a", "b"]);
        assert!(d.claims.is_empty());
    }

    #[test]
    fn typing_edits_the_focused_field_and_ctrl_t_cycles_the_kind() {
        let a = Actor {
            id: "x".into(),
            name: "X".into(),
            kind: ActorKind::Other,
            aliases: vec![],
            part_of: None,
            note: None,
        };
        let mut f = ItemForm::actor(&a);
        f.step(1);
        f.input(InputKey::Char('y'));
        f.step(1);
        f.cycle();
        assert!(f.is_changed());
        let d = f.actor_draft().expect("draft");
        assert_eq!((d.name.as_str(), d.kind), ("Xy", ActorKind::Person));
        f.input(InputKey::Clear);
        f.input(InputKey::Char('z'));
        assert!(f.actor_draft().expect_err("bad kind").contains("“z”"));
        f.step(-3);
        assert_eq!(f.focus(), 5, "wraps around");
    }
}
