//! At the start: a rescue copy of unsaved work from an earlier session was
//! found; merge it, set it aside, or ask again next time.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::quit_prompt::key_lines;
use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::{AppState, Scope};
use crate::text::sanitize;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(offer) = state.overlays().rescue_offer() else {
        return;
    };
    let Some(path) = offer.path() else {
        return;
    };
    let mut lines = vec![
        Line::from(Span::styled(
            "Unsaved work from an earlier session was written to",
            theme.heading(),
        )),
        Line::from(sanitize(&path.display().to_string()).into_owned()),
        Line::from(Span::styled(
            "Merging keeps everything on both sides (the same field changed on both: a conflict).",
            theme.dim(),
        )),
    ];
    if let Some(e) = offer.error() {
        lines.push(Line::from(Span::styled(
            sanitize(e).into_owned(),
            theme.error(),
        )));
    }
    lines.push(Line::default());
    lines.extend(key_lines(state, theme, Scope::Rescue));
    let title = match offer.left() {
        1 => "Rescue copy found".to_owned(),
        n => format!("Rescue copy found (1 of {n})"),
    };
    let h = lines.len() as u16 + 2;
    let r = popup(frame, area, 90.min(area.width), h);
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
