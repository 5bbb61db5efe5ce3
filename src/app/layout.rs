//! Screen geometry, computed from the terminal size alone. The view draws
//! into these rectangles and mouse clicks are hit-tested against them, so
//! both always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::action::Pane;

/// Below this width the panes become tabs.
pub const NARROW_WIDTH: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppLayout {
    /// Tab bar (narrow terminals only).
    pub tabs: Option<Rect>,
    pub actors: Rect,
    pub claims: Rect,
    pub detail: Rect,
    pub timeline: Rect,
    /// The whole area above the status bar (article reader, overlays).
    pub main: Rect,
    pub status: Rect,
}

impl AppLayout {
    /// The focused pane gets `body`; the others get empty rects there (a
    /// zoomed pane, or one pane at a time under a tab bar).
    fn one_pane(focus: Pane, body: Rect, tabs: Option<Rect>, main: Rect, status: Rect) -> Self {
        let empty = Rect::new(body.x, body.y, 0, 0);
        let mut l = Self {
            tabs,
            actors: empty,
            claims: empty,
            detail: empty,
            timeline: empty,
            main,
            status,
        };
        match focus {
            Pane::Actors => l.actors = body,
            Pane::Claims => l.claims = body,
            Pane::Timeline => l.timeline = body,
            Pane::Detail => l.detail = body,
        }
        l
    }

    /// `zoomed`: the focused pane takes the whole main area (wide terminals;
    /// narrow ones show one pane anyway).
    pub fn compute(area: Rect, focus: Pane, zoomed: bool) -> Self {
        let [main, status] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(2.min(area.height))])
                .areas(area);
        if zoomed && area.width >= NARROW_WIDTH {
            return Self::one_pane(focus, main, None, main, status);
        }
        if area.width < NARROW_WIDTH {
            // One pane at a time under a tab bar; the hidden ones get empty rects.
            let [tabs, body] =
                Layout::vertical([Constraint::Length(1.min(main.height)), Constraint::Min(0)])
                    .areas(main);
            return Self::one_pane(focus, body, Some(tabs), main, status);
        }
        let [top, timeline] =
            Layout::vertical([Constraint::Percentage(64), Constraint::Percentage(36)]).areas(main);
        let [actors, claims, detail] = Layout::horizontal([
            Constraint::Percentage(20),
            Constraint::Percentage(48),
            Constraint::Percentage(32),
        ])
        .areas(top);
        Self {
            tabs: None,
            actors,
            claims,
            detail,
            timeline,
            main,
            status,
        }
    }

    pub fn is_narrow(&self) -> bool {
        self.tabs.is_some()
    }

    /// Rows available for list items inside a bordered pane.
    pub fn inner_height(r: Rect) -> usize {
        r.height.saturating_sub(2) as usize
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let hit =
            |r: Rect| r.width > 0 && r.contains(ratatui::layout::Position { x: column, y: row });
        [
            (self.actors, Pane::Actors),
            (self.claims, Pane::Claims),
            (self.timeline, Pane::Timeline),
            (self.detail, Pane::Detail),
        ]
        .into_iter()
        .find(|(r, _)| hit(*r))
        .map(|(_, p)| p)
    }

    pub fn rect(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Actors => self.actors,
            Pane::Claims => self.claims,
            Pane::Timeline => self.timeline,
            Pane::Detail => self.detail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_shows_all_panes_narrow_shows_one() {
        let wide = AppLayout::compute(Rect::new(0, 0, 160, 50), Pane::Claims, false);
        assert!(!wide.is_narrow() && wide.actors.width > 0 && wide.timeline.height > 0);
        let narrow = AppLayout::compute(Rect::new(0, 0, 60, 20), Pane::Timeline, false);
        assert!(narrow.is_narrow() && narrow.actors.width == 0 && narrow.timeline.width == 60);
        assert_eq!(narrow.pane_at(5, 5), Some(Pane::Timeline));
        let zoomed = AppLayout::compute(Rect::new(0, 0, 160, 50), Pane::Claims, true);
        assert_eq!(zoomed.claims, zoomed.main);
        assert!(zoomed.actors.width == 0 && zoomed.detail.width == 0 && zoomed.timeline.width == 0);
        assert_eq!(zoomed.pane_at(5, 5), Some(Pane::Claims));
        for (w, h) in [(0, 0), (1, 1), (10, 5), (20, 6)] {
            let _ = AppLayout::compute(Rect::new(0, 0, w, h), Pane::Actors, true);
        }
    }
}
