//! The search index, built on first use or in the background from start-up.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use crate::model::Loaded;
use crate::model::search::SearchIndex;

/// Datasets at least this large get their search index built in the
/// background from start-up (0.8 s at 100k claims), so the first `/` is
/// instant; smaller ones build it on the first search (milliseconds).
const BACKGROUND_INDEX_FROM: usize = 20_000;

/// The search index: built on first use, or being built in the background.
pub(super) struct LazySearch {
    ready: Option<SearchIndex>,
    building: Option<Receiver<SearchIndex>>,
}

impl LazySearch {
    pub(super) fn start(loaded: &Arc<Loaded>) -> Self {
        Self::start_with(loaded, loaded.dataset.claims.len() >= BACKGROUND_INDEX_FROM)
    }

    fn start_with(loaded: &Arc<Loaded>, background: bool) -> Self {
        let mut lazy = Self {
            ready: None,
            building: None,
        };
        if background {
            let (tx, rx) = channel();
            let shared = Arc::clone(loaded);
            let spawned = std::thread::Builder::new()
                .name("search-index".into())
                .spawn(move || {
                    // The receiver may be gone (the app quit first): nothing to do then.
                    let _ = tx.send(SearchIndex::build(&shared));
                });
            // Without a thread, the first search builds it instead.
            if spawned.is_ok() {
                lazy.building = Some(rx);
            }
        }
        lazy
    }

    /// The index, waiting for the background build if it is still running
    /// (or building it here if that thread failed).
    pub(super) fn get(&mut self, loaded: &Loaded) -> &mut SearchIndex {
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
        assert!(background.building.is_some(), "a thread was started");
        let mut on_demand = LazySearch::start_with(&loaded, false);
        assert!(on_demand.building.is_none() && on_demand.ready.is_none());
        let a = background.get(&loaded).filter("troops", &all);
        let b = on_demand.get(&loaded).filter("troops", &all);
        assert!(!a.is_empty());
        assert_eq!(a, b);
        assert!(background.building.is_none() && background.ready.is_some());
    }
}
