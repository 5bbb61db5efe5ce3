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
    /// What the pane shows: all of `full` without a filter (shared, not
    /// copied: clearing the filters costs nothing), else the filtered
    /// claims and the events that list one of them.
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
    use crate::app::Action;
    use crate::app::action::InputKey;

    #[test]
    fn the_unfiltered_timeline_is_shared_not_copied() {
        let mut s = AppState::on_bundled();
        assert!(Arc::ptr_eq(&s.timeline.data, &s.timeline.full));
        s.update(Action::SearchStart);
        for c in "troops".chars() {
            s.update(Action::SearchInput(InputKey::Char(c)));
        }
        assert!(!Arc::ptr_eq(&s.timeline.data, &s.timeline.full), "filtered");
        assert!(s.timeline.data.len() < s.timeline.full.len());
        s.update(Action::ClearFilters);
        assert!(
            Arc::ptr_eq(&s.timeline.data, &s.timeline.full),
            "clearing the filters shares the full timeline again"
        );
    }
}
