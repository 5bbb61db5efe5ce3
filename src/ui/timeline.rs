//! The timeline pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::pane_block;
use crate::app::{AppState, Pane};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let focused = state.focus == Pane::Timeline;
    let block = pane_block("Timeline", focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled("…", theme.dim()))),
        inner,
    );
}
