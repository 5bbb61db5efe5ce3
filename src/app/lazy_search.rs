//! The search index, built on first use or in the background from start-up.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::model::Loaded;
use crate::model::search::SearchIndex;

/// Datasets at least this large get their search index built in the
/// background from start-up (0.8 s at 100k claims, 0.1 s at 10k: the first
/// search keystroke at 10k waited that long), so the first `/` is instant;
/// smaller ones build it on the first search (a few milliseconds). The
/// build starts once the first frame is on screen ([`LazySearch::kick`]):
/// on two cores, a build running beside the start-up delayed that frame.
const BACKGROUND_INDEX_FROM: usize = 4_000;

/// Searches among at least this many candidates answer with the first
/// screenful and finish over the next turns of the event loop; smaller
/// ones are answered in full at once (a few milliseconds).
const SCREENFUL_FIRST_FROM: usize = 4_000;

/// The search index: built on first use, or being built in the background.
/// A search typed while it is being built does not wait for it: the list
/// shows the other filters' rows until the index arrives (`waiting`), so
/// every keystroke still answers at once.
pub(super) struct LazySearch {
    ready: Option<SearchIndex>,
    building: Option<Receiver<SearchIndex>>,
    /// A background build to start when the first frame is drawn.
    deferred: Option<Arc<Loaded>>,
    /// A query is typed that the rows do not reflect yet.
    waiting: bool,
    /// The search words whose first screenful is shown while the rest of
    /// the candidates are graded (see `AppState::search_screenful_first`).
    partial: Option<String>,
    /// From how many candidates a search answers a screenful first.
    pub(super) first_from: usize,
    /// The search was accepted before it was done: its count is said then.
    pub(super) announce: bool,
}

impl LazySearch {
    pub(super) fn start(loaded: &Arc<Loaded>) -> Self {
        Self::start_with(loaded, loaded.dataset.claims.len() >= BACKGROUND_INDEX_FROM)
    }

    fn start_with(loaded: &Arc<Loaded>, background: bool) -> Self {
        Self {
            deferred: background.then(|| Arc::clone(loaded)),
            ..Self::idle()
        }
    }

    /// No index, none being built: what stands in for one being let go of.
    pub(super) fn idle() -> Self {
        Self {
            ready: None,
            building: None,
            deferred: None,
            waiting: false,
            partial: None,
            first_from: SCREENFUL_FIRST_FROM,
            announce: false,
        }
    }

    /// Is a background build waiting for the first frame? (The event loop
    /// polls while the state is busy, and a poll starts it.)
    pub(super) fn deferred(&self) -> bool {
        self.deferred.is_some()
    }

    /// Starts the deferred background build, if any.
    pub(super) fn kick(&mut self) {
        let Some(shared) = self.deferred.take() else {
            return;
        };
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                // The receiver may be gone (the app quit first): nothing to do then.
                let _ = tx.send(SearchIndex::build_here(&shared));
            });
        // Without a thread, the first search builds it instead.
        if spawned.is_ok() {
            self.building = Some(rx);
        }
    }

    /// The index if it is ready (built here when none is being built in the
    /// background); `None`, without waiting, while the background build runs
    /// (a search before the deferred build started starts it now).
    pub(super) fn get_ready(&mut self, loaded: &Loaded) -> Option<&mut SearchIndex> {
        self.kick();
        if let Some(rx) = &self.building {
            match rx.try_recv() {
                Ok(index) => self.ready = Some(index),
                Err(TryRecvError::Empty) => return None,
                // The thread died without an index: build it here.
                Err(TryRecvError::Disconnected) => {}
            }
            self.building = None;
        }
        Some(self.ready.get_or_insert_with(|| SearchIndex::build(loaded)))
    }

    /// Whether the background build has finished (without waiting for it).
    pub(super) fn is_built(&mut self) -> bool {
        if self.deferred.is_some() {
            return false;
        }
        match &self.building {
            None => true,
            Some(rx) => match rx.try_recv() {
                Ok(index) => {
                    self.ready = Some(index);
                    self.building = None;
                    true
                }
                Err(TryRecvError::Empty) => false,
                Err(TryRecvError::Disconnected) => {
                    self.building = None;
                    true
                }
            },
        }
    }

    pub(super) fn waiting(&self) -> bool {
        self.waiting
    }

    pub(super) fn set_waiting(&mut self, waiting: bool) {
        self.waiting = waiting;
    }

    /// The words of a search shown a screenful first and not finished.
    pub(super) fn partial(&self) -> Option<&str> {
        self.partial.as_deref()
    }

    pub(super) fn set_partial(&mut self, words: Option<String>) {
        if words.is_none() && self.partial.is_some() {
            // Another search replaced it: what is accepted next is said then.
            self.announce = false;
        }
        self.partial = words;
    }

    /// The index, waiting for the background build if it is still running
    /// (or building it here if that thread failed).
    #[cfg(test)]
    pub(super) fn get(&mut self, loaded: &Loaded) -> &mut SearchIndex {
        self.kick();
        if let Some(rx) = self.building.take()
            && let Ok(index) = rx.recv()
        {
            self.ready = Some(index);
        }
        self.ready.get_or_insert_with(|| SearchIndex::build(loaded))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimIx, load_bundled};

    #[test]
    fn background_and_on_demand_indexes_answer_alike() {
        let loaded = Arc::new(load_bundled().expect("bundled"));
        let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let mut background = LazySearch::start_with(&loaded, true);
        assert!(background.deferred() && background.building.is_none());
        background.kick();
        assert!(background.building.is_some(), "a thread was started");
        let mut on_demand = LazySearch::start_with(&loaded, false);
        assert!(on_demand.building.is_none() && on_demand.ready.is_none());
        let a = background.get(&loaded).filter("troops", &all);
        let b = on_demand.get(&loaded).filter("troops", &all);
        assert!(!a.is_empty());
        assert_eq!(a, b);
        assert!(background.building.is_none() && background.ready.is_some());
    }

    #[test]
    fn a_search_typed_while_the_index_builds_answers_now_and_narrows_when_it_arrives() {
        use crate::app::action::InputKey;
        use crate::app::{Action, AppState};
        let mut s = AppState::on_bundled();
        // An index still being built, whose builder we hold.
        let (tx, rx) = channel();
        s.search = LazySearch {
            building: Some(rx),
            ..LazySearch::idle()
        };
        let all = s.claims().rows().len();
        s.update(Action::SearchStart);
        for c in "troops".chars() {
            s.update(Action::SearchInput(InputKey::Char(c)));
        }
        assert_eq!(
            s.claims().filter().query,
            "troops",
            "the keystrokes were taken"
        );
        assert_eq!(s.claims().rows().len(), all, "not narrowed yet");
        assert!(s.busy());
        s.update(Action::Poll);
        assert!(s.busy(), "still building");
        tx.send(SearchIndex::build(&s.loaded)).expect("send");
        s.update(Action::Poll);
        assert!(!s.busy());
        let narrowed = s.claims().rows().len();
        assert!(narrowed > 0 && narrowed < all, "{narrowed} of {all}");
        assert_eq!(s.overlays().search_input(), Some("troops"));
    }
}
