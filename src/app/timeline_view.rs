//! The timeline pane's entries: every event and claim (built once), and the
//! ones shown, which follow the claims list's filter so that the timeline
//! never highlights a claim the filter hides (and annotation keys never act
//! on one).

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::state::AppState;
use super::timeline_axis::TimelineAxisState;
use crate::model::Loaded;
use crate::model::timeline::{Item, Timeline};

/// Datasets at least this large filter their timeline on a thread of its
/// own (80 ms at 1M claims, which each filter key paid); smaller ones at once.
const BACKGROUND_FROM: usize = 20_000;

/// The timeline pane: all entries, the shown ones and the view over them.
pub struct TimelineView {
    /// Every event and claim; `data` is made from it on each refilter.
    full: Arc<Timeline>,
    /// What the pane shows: all of `full` without a filter (shared, not
    /// copied: clearing the filters costs nothing), else the filtered
    /// claims and the events that list one of them.
    pub(super) data: Arc<Timeline>,
    pub(super) axis: TimelineAxisState,
    /// The filtered timeline, being made on another thread: until it comes
    /// the pane shows no entry (never those of the previous filter).
    coming: Option<Receiver<Timeline>>,
    /// Per claim, whether `data` (or what is `coming`) shows it; `None`
    /// for the full timeline. A sort, or a status the filter does not look
    /// at, leaves the same claims shown: the timeline is then kept as it
    /// is (filtering it again took 60–130 ms of a core at 1M claims).
    for_shown: Option<Vec<bool>>,
    /// From how many claims the timeline is filtered in the background.
    pub(super) background_from: usize,
}

impl TimelineView {
    pub(super) fn new(full: Timeline) -> Self {
        let full = Arc::new(full);
        Self {
            data: Arc::clone(&full),
            full,
            axis: TimelineAxisState::new(),
            coming: None,
            for_shown: None,
            background_from: BACKGROUND_FROM,
        }
    }

    /// The timeline is being filtered: `data` is not the filter's yet.
    pub(super) fn pending(&self) -> bool {
        self.coming.is_some()
    }
}

impl AppState {
    /// Filters the timeline in the background from this many claims (tests).
    #[cfg(test)]
    pub(crate) fn set_timeline_background_from(&mut self, claims: usize) {
        self.timeline.background_from = claims;
    }
}

/// The entries of `full` a filter showing the claims `shown` shows: those
/// claims, and the events listing one of them.
fn filtered(full: &Timeline, loaded: &Loaded, shown: &[bool]) -> Timeline {
    let on = |c: crate::model::ClaimIx| shown.get(c.i()).copied().unwrap_or(false);
    let event_claims = &loaded.index.event_claims;
    full.only(|e| match e.item {
        Item::Claim(c) => on(c),
        Item::Event(ev) => event_claims.get(ev.i()).iter().any(|&c| on(c)),
    })
}

impl AppState {
    /// Shows in the timeline what the claims list shows (as `timeline
    /// --where` does): the shown claims and the events listing one of them.
    /// The timeline then selects the claim selected in the list. O(entries).
    /// A large dataset's timeline is filtered on another thread (the
    /// keystroke answers first; `Poll` takes the result, and a key that may
    /// read the timeline waits for it: nothing reads a timeline that is not
    /// the filter's). Nothing is filtered when the same claims are shown.
    pub(super) fn refilter_timeline(&mut self) {
        if self.claims.filter().is_empty() {
            self.timeline.coming = None;
            self.timeline.for_shown = None;
            self.timeline.data = Arc::clone(&self.timeline.full);
            self.prepare_timeline();
            self.sync_timeline_to_claim();
            return;
        }
        let shown = self.shown_claims();
        if self.timeline.for_shown.as_ref() == Some(&shown) {
            // The same claims: what is shown (or coming) stays right.
            if !self.timeline.pending() {
                self.sync_timeline_to_claim();
            }
            return;
        }
        // A filtering still under way is for other claims.
        self.timeline.coming = None;
        if shown.len() >= self.timeline.background_from {
            let (full, loaded) = (Arc::clone(&self.timeline.full), Arc::clone(&self.loaded));
            let theirs = shown.clone();
            let (tx, rx) = channel();
            let spawned = std::thread::Builder::new()
                .name("timeline-filter".into())
                .spawn(move || {
                    // The receiver may be gone (the filter changed again).
                    let _ = tx.send(filtered(&full, &loaded, &theirs));
                });
            // Without a thread, it is filtered here.
            if spawned.is_ok() {
                self.timeline.coming = Some(rx);
                self.timeline.for_shown = Some(shown);
                return;
            }
        }
        self.refilter_timeline_here(shown);
    }

    /// Per claim, whether the claims list shows it.
    fn shown_claims(&self) -> Vec<bool> {
        let mut shown = vec![false; self.loaded.dataset.claims.len()];
        for c in self.claims.rows() {
            if let Some(slot) = shown.get_mut(c.i()) {
                *slot = true;
            }
        }
        shown
    }

    /// Filters the timeline here, for the claims `shown` marks.
    fn refilter_timeline_here(&mut self, shown: Vec<bool>) {
        self.timeline.data = Arc::new(filtered(&self.timeline.full, &self.loaded, &shown));
        self.timeline.for_shown = Some(shown);
        self.prepare_timeline();
        self.sync_timeline_to_claim();
    }

    /// Takes the timeline filtered in the background: waiting for it when
    /// `wait`, else only if it is done. Whether one was taken.
    pub(super) fn take_timeline(&mut self, wait: bool) -> bool {
        let Some(rx) = &self.timeline.coming else {
            return false;
        };
        let got = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(t) => Some(t),
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => None,
            }
        };
        self.timeline.coming = None;
        match got {
            Some(t) => {
                self.timeline.data = Arc::new(t);
                self.prepare_timeline();
                self.sync_timeline_to_claim();
            }
            // The thread died: filtered here instead.
            None => self.refilter_timeline_here(self.shown_claims()),
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::app::action::InputKey;

    fn searched(background_from: usize, query: &str) -> AppState {
        let mut s = AppState::on_bundled();
        s.timeline.background_from = background_from;
        s.update(Action::SearchStart);
        for c in query.chars() {
            s.update(Action::SearchInput(InputKey::Char(c)));
        }
        s
    }

    fn claims_in(t: &Timeline) -> Vec<crate::model::ClaimIx> {
        t.entries()
            .filter_map(|e| match e.item {
                Item::Claim(c) => Some(c),
                Item::Event(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_timeline_filtered_in_the_background_is_the_one_filtered_at_once() {
        let mut at_once = searched(usize::MAX, "troops");
        assert!(!at_once.timeline_pending());
        let mut behind = searched(0, "troops");
        assert!(behind.timeline_pending() && behind.busy());
        // `Poll` takes it once it is done (the thread sends it, or dies and
        // it is filtered here: either way the loop ends).
        while behind.timeline_pending() {
            behind.update(Action::Poll);
        }
        assert_eq!(
            claims_in(&behind.timeline.data),
            claims_in(&at_once.timeline.data)
        );
        assert!(claims_in(&behind.timeline.data).len() < claims_in(&behind.timeline.full).len());
        // Any other action waits for it first: a key acting on the timeline's
        // selection never sees the previous filter's entries.
        for s in [&mut behind, &mut at_once] {
            s.update(Action::SearchAccept);
            s.update(Action::ClearFilters);
            s.update(Action::SearchStart);
            s.update(Action::SearchInput(InputKey::Char('x')));
        }
        assert!(behind.timeline_pending());
        behind.update(Action::FocusNext);
        assert!(!behind.timeline_pending());
        assert_eq!(
            claims_in(&behind.timeline.data),
            claims_in(&at_once.timeline.data)
        );
    }

    #[test]
    fn a_change_that_shows_the_same_claims_keeps_the_filtered_timeline() {
        let mut s = searched(0, "troops");
        while s.timeline_pending() {
            s.update(Action::Poll);
        }
        let before = Arc::clone(&s.timeline.data);
        assert!(!Arc::ptr_eq(&before, &s.timeline.full), "filtered");
        s.update(Action::SearchAccept);
        // A sort reorders the same claims; a status filter that every
        // claim passes (none is reviewed yet) hides none.
        s.update(Action::CycleSort);
        s.update(Action::FilterStatus(Some(crate::model::Status::Unreviewed)));
        s.update(Action::FocusNext);
        assert!(!s.timeline_pending(), "nothing to filter again");
        assert!(Arc::ptr_eq(&before, &s.timeline.data));
        // Other claims shown: filtered again.
        s.update(Action::FilterStatus(Some(crate::model::Status::Verified)));
        while s.timeline_pending() {
            s.update(Action::Poll);
        }
        assert!(!Arc::ptr_eq(&before, &s.timeline.data));
        let mut at_once = searched(usize::MAX, "troops");
        at_once.update(Action::SearchAccept);
        at_once.update(Action::FilterStatus(Some(crate::model::Status::Verified)));
        assert_eq!(
            claims_in(&s.timeline.data),
            claims_in(&at_once.timeline.data)
        );
    }

    #[test]
    fn only_keys_that_may_read_the_timeline_wait_for_its_filtering() {
        let mut s = searched(0, "troops");
        s.update(Action::SearchAccept);
        assert!(s.timeline_pending());
        // A sort of the claims list does not read the timeline.
        s.update(Action::CycleSort);
        s.update(Action::Down);
        assert!(s.timeline_pending(), "no wait");
        // Moving to it does: its entries are those of the filter then.
        s.update(Action::Focus(crate::app::Pane::Timeline));
        assert!(!s.timeline_pending());
        let mut at_once = searched(usize::MAX, "troops");
        at_once.update(Action::SearchAccept);
        assert_eq!(
            claims_in(&s.timeline.data),
            claims_in(&at_once.timeline.data)
        );
    }

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
