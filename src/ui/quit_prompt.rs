//! The question `q` asks while changes are unsaved: every choice explicit,
//! the directories a rescue copy would go to named on screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::{AppState, Scope};
use crate::text::{pad, sanitize};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(prompt) = state.overlays().quit_prompt() else {
        return;
    };
    let n = prompt.pending();
    let mut lines = vec![
        Line::from(Span::styled(
            format!(
                "{n} change{} could not be saved to",
                if n == 1 { "" } else { "s" }
            ),
            theme.heading(),
        )),
        Line::from(sanitize(&state.annotations().location()).into_owned()),
    ];
    if let Some(e) = prompt.error() {
        lines.push(Line::from(Span::styled(
            sanitize(e).into_owned(),
            theme.error(),
        )));
    }
    lines.push(Line::default());
    lines.extend(key_lines(state, theme, Scope::Unsaved));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "A rescue copy goes to the first of these that can be written:",
        theme.dim(),
    )));
    for d in prompt.dirs() {
        lines.push(Line::from(format!("  {}", sanitize(d))));
    }
    lines.push(Line::from(Span::styled(
        "and is offered for merging at the next start.",
        theme.dim(),
    )));
    let h = lines.len() as u16 + 2;
    let r = popup(frame, area, 80.min(area.width), h);
    let block = pane_block("Unsaved changes · quit?", true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// One line per choice, from the keymap (so a rebound key shows as bound).
pub(super) fn key_lines<'a>(state: &AppState, theme: &Theme, scope: Scope) -> Vec<Line<'a>> {
    state
        .keymap()
        .help_rows(scope)
        .into_iter()
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(pad(&keys, 6), theme.label()),
                Span::raw(help),
            ])
        })
        .collect()
}
