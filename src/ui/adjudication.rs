//! The detail pane's adjudication section: the numbered choices of the
//! selected claim (`AppState::choices`), which `T` then the number takes:
//! the compared analysts side by side (`compare.rs`), then the sides of
//! each merge conflict. Drawn at the top of the claim's detail, only when
//! there is something. Also the claims list's one-cell comparison mark.

use ratatui::text::{Line, Span};

use super::theme::{Theme, status_symbol};
use crate::app::{Action, AppState, Choice, Scope};
use crate::model::compare::Agreement;
use crate::model::{AnnotationField, ClaimIx, Edit};
use crate::text::sanitize;

pub fn lines<'a>(state: &AppState, theme: &Theme, c: ClaimIx) -> Vec<Line<'a>> {
    let choices = state.choices(c);
    if choices.is_empty() {
        return Vec::new();
    }
    let l = state.layout();
    let w = match l.detail.width {
        0 => l.main.width,
        n => n,
    };
    let mut out = super::compare::lines(state, theme, c, usize::from(w.saturating_sub(2)));
    let take = state
        .keymap()
        .hint(Scope::Claims, &Action::ChordTake, "then a number takes one");
    let mut field: Option<AnnotationField> = None;
    for (i, choice) in choices.iter().enumerate() {
        match choice {
            // Drawn side by side above.
            Choice::Analyst(_) => {}
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
    if out.last().is_some_and(|l| !l.spans.is_empty()) {
        out.push(Line::default());
    }
    out
}

/// The claims list's mark when comparing (`None` otherwise): how the
/// verdicts compare, or in blind review before your verdict how many other
/// analysts gave one (a digit; `+` past 9).
pub fn glyph<'a>(state: &AppState, theme: &Theme, c: ClaimIx) -> Option<Span<'a>> {
    let agreement = state.agreement_of(c)?;
    if state.is_hidden(c) && agreement != Agreement::Conflict {
        let n = state.others_rated(c);
        let mark = match n {
            0 => ' ',
            1..=9 => char::from_digit(n as u32, 10).unwrap_or('+'),
            _ => '+',
        };
        return Some(Span::styled(mark.to_string(), theme.dim()));
    }
    let style = match agreement {
        Agreement::Disagree | Agreement::Conflict => theme.error(),
        Agreement::Agree => theme.notice(),
        Agreement::One | Agreement::Unrated => theme.dim(),
    };
    Some(Span::styled(agreement.glyph().to_string(), style))
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
