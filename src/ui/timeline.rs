//! The timeline pane: events and claims on a time axis (see `timeline_axis`).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::timeline_axis::TimelineAxis;
use super::widgets::pane_block;
use crate::app::{AppState, Pane};
use crate::text::fit;

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
    if state.timeline_pending() {
        // Never the previous filter's entries: the claims it hides.
        let line =
            ratatui::text::Line::styled(fit("filtering…", inner.width as usize), theme.dim());
        frame.render_widget(ratatui::widgets::Paragraph::new(line), inner);
        return;
    }
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

#[cfg(test)]
mod tests {
    use crate::app::action::InputKey;
    use crate::app::{Action, AppState};
    use crate::ui::Theme;

    #[test]
    fn a_timeline_being_filtered_shows_no_entry_of_the_previous_filter() {
        let mut s = AppState::on_bundled();
        s.set_timeline_background_from(0);
        s.update(Action::SearchStart);
        for c in "troops".chars() {
            s.update(Action::SearchInput(InputKey::Char(c)));
        }
        assert!(s.timeline_pending());
        let backend = ratatui::backend::TestBackend::new(160, 40);
        let mut term = ratatui::Terminal::new(backend).expect("terminal");
        let theme = Theme::dark();
        let screen = |term: &ratatui::Terminal<ratatui::backend::TestBackend>| -> String {
            term.backend()
                .buffer()
                .content()
                .iter()
                .map(|c| c.symbol())
                .collect()
        };
        term.draw(|f| crate::ui::draw(f, &s, &theme)).expect("draw");
        assert!(screen(&term).contains("filtering…"));
        while s.timeline_pending() {
            s.update(Action::Poll);
        }
        term.draw(|f| crate::ui::draw(f, &s, &theme)).expect("draw");
        assert!(!screen(&term).contains("filtering…"));
    }
}
