//! The timeline pane: events and claims on a time axis (see `timeline_axis`).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::timeline_axis::TimelineAxis;
use super::widgets::pane_block;
use crate::app::{AppState, Pane};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let focused = state.focus() == Pane::Timeline;
    let ax = state.timeline_axis();
    let title = format!(
        "Timeline · {} · by {}{}",
        ax.zoom.label(),
        ax.by.label(),
        if ax.lanes { " · lanes" } else { "" }
    );
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut styles = theme.axis_styles();
    if !focused {
        styles.selected = theme.selected(false);
    }
    // The state was prepared for this area in `update`; drawing a copy
    // keeps the view a pure function of the state.
    let mut axis_state = ax.clone();
    frame.render_stateful_widget(
        TimelineAxis::new(state.timeline(), state.loaded()).styles(styles),
        inner,
        &mut axis_state,
    );
}
