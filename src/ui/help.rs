//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{Theme, status_symbol};
use super::widgets::{pane_block, popup};
use crate::app::AppState;
use crate::app::keymap::{HELP_SCOPES, help_rows};
use crate::model::Status;
use crate::text::pad;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(scroll) = state.help else { return };
    let r = popup(frame, area, 76, area.height.saturating_sub(2));
    let block = pane_block("Help · j/k scroll · Esc close", true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let mut lines = Vec::new();
    for scope in HELP_SCOPES {
        lines.push(Line::from(Span::styled(scope.title(), theme.label())));
        for (keys, help) in help_rows(scope) {
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
        "Editor: Ctrl-S save · Esc cancel",
        theme.label(),
    )));
    lines.push(Line::from(Span::styled(
        "Search box: type to filter · Enter keep · Esc clear · Ctrl-W/Ctrl-U delete",
        theme.label(),
    )));
    let max = lines.len().saturating_sub(inner.height as usize);
    let scroll = scroll.min(max);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
