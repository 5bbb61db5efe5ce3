//! The timeline pane's entries: every event and claim (built once), and the
//! ones shown, which follow the claims list's filter so that the timeline
//! never highlights a claim the filter hides (and annotation keys never act
//! on one).

use std::sync::Arc;

use super::state::AppState;
use super::timeline_axis::TimelineAxisState;
use crate::model::timeline::{Item, Timeline};

/// The timeline pane: all entries, the shown ones and the view over them.
pub struct TimelineView {
    /// Every event and claim; `data` is made from it on each refilter.
    full: Arc<Timeline>,
    /// What the pane shows: `full` itself without a filter (shared, not a
    /// copy: at 100k claims a copy is megabytes, made at start-up and on
    /// every clearing of the filter), else the filtered claims and the
    /// events that list one of them.
    pub(super) data: Arc<Timeline>,
    pub(super) axis: TimelineAxisState,
}

impl TimelineView {
    pub(super) fn new(full: Timeline) -> Self {
        let full = Arc::new(full);
        Self {
            data: Arc::clone(&full),
            full,
            axis: TimelineAxisState::new(),
        }
    }
}

impl AppState {
    /// Shows in the timeline what the claims list shows (as `timeline
    /// --where` does): the shown claims and the events listing one of them.
    /// The timeline then selects the claim selected in the list. O(entries).
    pub(super) fn refilter_timeline(&mut self) {
        if self.claims.filter().is_empty() {
            self.timeline.data = Arc::clone(&self.timeline.full);
        } else {
            let mut shown = vec![false; self.loaded.dataset.claims.len()];
            for c in self.claims.rows() {
                if let Some(slot) = shown.get_mut(c.i()) {
                    *slot = true;
                }
            }
            let on = |c: crate::model::ClaimIx| shown.get(c.i()).copied().unwrap_or(false);
            let event_claims = &self.loaded.index.event_claims;
            self.timeline.data = Arc::new(self.timeline.full.only(|e| match e.item {
                Item::Claim(c) => on(c),
                Item::Event(ev) => event_claims.get(ev.i()).iter().any(|&c| on(c)),
            }));
        }
        self.prepare_timeline();
        self.sync_timeline_to_claim();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, MemoryBackend};
    use crate::model::load_bundled;

    #[test]
    fn without_a_filter_the_shown_timeline_is_the_full_one_not_a_copy() {
        let loaded = load_bundled().expect("bundled");
        let backend = MemoryBackend::new(&loaded.dataset.id, "tester");
        let mut s = AppState::new(
            loaded,
            Box::new(backend),
            ratatui::layout::Rect::new(0, 0, 160, 40),
        );
        assert!(Arc::ptr_eq(&s.timeline.full, &s.timeline.data));
        let all = s.timeline.data.len();
        s.update(Action::SearchStart);
        for ch in "troops".chars() {
            s.update(Action::SearchInput(crate::app::action::InputKey::Char(ch)));
        }
        while s.busy() {
            s.update(Action::Poll);
        }
        assert!(s.timeline.data.len() < all, "filtered");
        s.update(Action::SearchAccept);
        s.update(Action::ClearFilters);
        assert!(
            Arc::ptr_eq(&s.timeline.full, &s.timeline.data),
            "shared again"
        );
    }
}
