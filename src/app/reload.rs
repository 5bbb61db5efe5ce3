//! Swapping in the dataset loaded again while the TUI runs: the edge found
//! that the file on disk is not what is shown (the cache's background
//! content check, which a re-open trusting stat data starts). Everything
//! derived from the dataset is rebuilt; what belongs to the analyst (the
//! annotations, keys, saved views, compared files) is kept, and so is the
//! selected claim when its id is still there.

use std::sync::Arc;

use super::annotations::{AnnotationBackend, MemoryBackend};
use super::state::AppState;
use crate::model::Loaded;

/// A dataset for [`super::Action::DatasetReloaded`]. Actions compare by
/// value; two reloads are the same only when they carry the same load.
#[derive(Clone)]
pub struct Reloaded(Arc<Loaded>);

impl Reloaded {
    pub fn new(loaded: Loaded) -> Self {
        Self(Arc::new(loaded))
    }
}

impl PartialEq for Reloaded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Reloaded {}

impl std::fmt::Debug for Reloaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Reloaded({} claims)", self.0.dataset.claims.len())
    }
}

impl AppState {
    /// Replaces the dataset by `r`, keeping the analyst's things. Filters,
    /// marks and the undo history refer to positions in the old dataset:
    /// they start afresh, and the status line says so.
    pub(super) fn replace_dataset(&mut self, r: Reloaded, why: &str) {
        let selected = self
            .selected_claim()
            .and_then(|c| self.loaded.dataset.claims.get(c.i()))
            .map(|c| c.id.clone());
        let placeholder: Box<dyn AnnotationBackend> =
            Box::new(MemoryBackend::new(&r.0.dataset.id, ""));
        let annotations = std::mem::replace(&mut self.annotations, placeholder);
        let mut fresh = AppState::with_shared(r.0, annotations, self.area);
        fresh.keymap = std::mem::take(&mut self.keymap);
        fresh.views = std::mem::take(&mut self.views);
        fresh.compare = self.compare.take();
        // Authoring still goes to the file (it re-reads it before writing).
        fresh.dataset_file = std::mem::replace(
            &mut self.dataset_file,
            Box::new(super::dataset_file::BundledDataset),
        );
        fresh.task = self.task.take();
        fresh.focus = self.focus;
        fresh.advance = self.advance;
        fresh.keep_marks = self.keep_marks;
        let claim = selected.and_then(|id| fresh.loaded.index.claim_by_id.get(&id).copied());
        if let Some(c) = claim {
            fresh.select_claim(c);
        }
        let earlier = fresh.message.take().map(|m| m.text);
        let text = format!(
            "{why}: reloaded ({} claims); filters, marks and undo start afresh",
            fresh.loaded.dataset.claims.len()
        );
        fresh.complain(match earlier {
            Some(e) => format!("{text}; {e}"),
            None => text,
        });
        *self = fresh;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, MemoryBackend};
    use crate::model::{Status, load_bundled, parse_str};

    fn state() -> AppState {
        let loaded = load_bundled().expect("bundled");
        let backend = MemoryBackend::new(&loaded.dataset.id, "tester");
        AppState::new(
            loaded,
            Box::new(backend),
            ratatui::layout::Rect::new(0, 0, 160, 40),
        )
    }

    /// The bundled dataset with its first claim's text changed.
    fn edited() -> Loaded {
        let text = crate::model::load::BUNDLED_SOURCE;
        let first = load_bundled().expect("bundled").dataset.claims[0]
            .text
            .clone();
        let changed = text.replacen(&first, "A claim edited behind the cache's back", 1);
        assert_ne!(changed, text, "the first claim's text is in the file");
        parse_str(&changed).expect("still valid")
    }

    #[test]
    fn a_reload_swaps_the_dataset_and_keeps_the_selection_and_annotations() {
        let mut s = state();
        s.update(Action::Down);
        s.update(Action::Down);
        let c = s.selected_claim().expect("a claim");
        let id = s.loaded.dataset.claims[c.i()].id.clone();
        s.update(Action::SetStatus(Status::Verified));
        let r = Reloaded::new(edited());
        assert_eq!(r, r.clone());
        assert_ne!(r, Reloaded::new(edited()), "another load");
        s.update(Action::DatasetReloaded(r));
        let after = s.selected_claim().expect("a claim");
        assert_eq!(
            s.loaded.dataset.claims[after.i()].id,
            id,
            "same claim selected"
        );
        assert_eq!(s.annotations.set().status(&id), Status::Verified);
        assert_eq!(
            s.loaded.dataset.claims[0].text,
            "A claim edited behind the cache's back"
        );
        let m = s.message().expect("said").text.clone();
        assert!(m.contains("reloaded"), "{m}");
        // Search answers on the new text.
        s.update(Action::SearchStart);
        for ch in "edited behind".chars() {
            s.update(Action::SearchInput(crate::app::action::InputKey::Char(ch)));
        }
        while s.busy() {
            s.update(Action::Poll);
        }
        assert_eq!(s.claims().rows().len(), 1);
    }
}
