//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{Theme, status_symbol};
use super::widgets::{pane_block, popup};
use crate::app::keymap::Scope;
use crate::app::{Action, AppState};
use crate::model::Status;
use crate::model::compare::Agreement;
use crate::text::pad;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(scroll) = state.overlays().help_scroll() else {
        return;
    };
    let r = popup(frame, area, 76, area.height.saturating_sub(2));
    let keys = state.keymap();
    let scroll_keys = [Action::Down, Action::Up]
        .iter()
        .filter_map(|a| keys.key_for(Scope::Help, a))
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join("/");
    let title = format!(
        "Help · {scroll_keys} scroll · {}",
        keys.hint(Scope::Help, &Action::ToggleHelp, "close"),
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines = help_lines(state, theme);
    let max = lines.len().saturating_sub(inner.height as usize);
    // The state clamps too (`AppState::help_len`); this keeps a resize safe.
    let scroll = scroll.min(max);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

/// Every line of help: the keymap's rows per scope, then the statuses.
/// `AppState::help_len` counts the same lines.
fn help_lines<'a>(state: &AppState, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for scope in Scope::ALL {
        lines.push(Line::from(Span::styled(scope.title(), theme.label())));
        for (keys, help) in state.keymap().help_rows(scope) {
            lines.push(Line::from(vec![
                Span::styled(pad(&keys, 16), theme.heading()),
                Span::raw(help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Statuses (keys 1-7 in the claims pane)",
        theme.label(),
    )));
    for s in Status::ALL {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}  {} {:<13}", s.key(), status_symbol(s), s.label()),
                theme.status(s),
            ),
            Span::raw(s.meaning()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Claims list: the marks after the status",
        theme.label(),
    )));
    lines.push(Line::from(vec![
        Span::styled(pad("n g e", 16), theme.indicator()),
        Span::raw("your annotation has a note, a grading, evidence"),
    ]));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Comparing (--compare): the mark before the status",
        theme.label(),
    )));
    for a in Agreement::ALL {
        let glyph = match a.glyph() {
            ' ' => "(blank)".to_owned(),
            g => g.to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(pad(&glyph, 16), theme.heading()),
            Span::raw(a.meaning()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(pad("1-9 (--blind)", 16), theme.heading()),
        Span::raw("how many others gave a verdict, hidden until you give yours"),
    ]));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_counts_the_lines_help_draws() {
        let loaded = crate::model::load_bundled().expect("bundled");
        let s = AppState::in_memory(loaded, Rect::new(0, 0, 100, 30));
        assert_eq!(help_lines(&s, &Theme::dark()).len(), s.help_len());
    }
}
