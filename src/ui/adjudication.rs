//! The detail pane's adjudication section: the numbered choices of the
//! selected claim (`AppState::choices`), which `T` then the number takes.
//! Drawn at the top of the claim's detail, only when there is something.

use ratatui::text::{Line, Span};

use super::theme::{Theme, status_symbol};
use crate::app::{Action, AppState, Choice, Scope};
use crate::model::{AnnotationField, ClaimIx, Edit};
use crate::text::sanitize;

pub fn lines<'a>(state: &AppState, theme: &Theme, c: ClaimIx) -> Vec<Line<'a>> {
    let choices = state.choices(c);
    if choices.is_empty() {
        return Vec::new();
    }
    let take = state
        .keymap()
        .hint(Scope::Claims, &Action::ChordTake, "then a number takes one");
    let mut out = Vec::new();
    let mut field: Option<AnnotationField> = None;
    for (i, choice) in choices.iter().enumerate() {
        match choice {
            Choice::Side {
                field: f,
                value,
                analyst,
                at,
            } => {
                if field != Some(*f) {
                    field = Some(*f);
                    out.push(Line::from(vec![
                        Span::styled(format!("CONFLICT on the {}", f.label()), theme.error()),
                        Span::styled(format!(" · {take}"), theme.dim()),
                    ]));
                }
                let who = analyst.as_deref().unwrap_or("?");
                let when = at.map_or_else(String::new, |t| {
                    t.strftime(" · %Y-%m-%d %H:%M UTC").to_string()
                });
                out.push(Line::from(vec![
                    Span::styled(format!(" {:>2}  ", i + 1), theme.label()),
                    Span::raw(value_text(value)),
                    Span::styled(format!("  {}{when}", sanitize(who)), theme.dim()),
                ]));
            }
        }
    }
    out.push(Line::default());
    out
}

/// A value on one line: a status with its symbol, text with its line
/// breaks shown, nothing as ∅.
fn value_text(value: &Edit) -> String {
    let text = match value {
        Edit::Status(s) => format!("{} {}", status_symbol(*s), s.label()),
        other => other.value_text().replace('\n', " ⏎ "),
    };
    match text.is_empty() {
        true => "∅".to_owned(),
        false => sanitize(&text).into_owned(),
    }
}
