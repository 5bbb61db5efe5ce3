//! Swapping in the dataset loaded again while the TUI runs: the edge found
//! that the file on disk is not what is shown (the cache's background
//! content check, which a re-open trusting stat data starts). It goes the
//! way an outside save does (`adopt.rs`): everything derived from the
//! dataset is rebuilt, and what pointed into it (selection, marks, filters,
//! reader, undo) is carried over by id.

use std::sync::Arc;

use super::state::AppState;
use crate::model::Loaded;
use crate::model::cache::Version;

/// A dataset for [`super::Action::DatasetReloaded`]. Actions compare by
/// value; two reloads are the same only when they carry the same load.
#[derive(Clone)]
pub struct Reloaded(Arc<Loaded>, Option<Version>);

impl Reloaded {
    pub fn new(loaded: Loaded) -> Self {
        Self(Arc::new(loaded), None)
    }

    /// The same, loaded from `version` of the file: the dataset backend
    /// then holds that version (an edit after it is no outside change).
    pub fn with_version(self, version: Option<Version>) -> Self {
        Self(self.0, version)
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
    /// Shows `r` in place of the dataset shown, carrying over by id what
    /// pointed into the old one (selection, marks, filters, reader, undo),
    /// as an outside save does: one path for both.
    pub(super) fn replace_dataset(&mut self, r: Reloaded, why: &str) {
        let n = r.0.dataset.claims.len();
        if let Some(v) = &r.1 {
            self.dataset_file.loaded_version(v);
        }
        let what = self.adopt_dataset(r.0).summary();
        let what = if what.is_empty() {
            String::new()
        } else {
            format!(": {what}")
        };
        self.say(format!(
            "{why}: reloaded, {n} claim{}{what}",
            if n == 1 { "" } else { "s" }
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::model::{Status, load_bundled, parse_str};

    fn state() -> AppState {
        AppState::on_bundled()
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
    fn a_reload_swaps_the_dataset_and_keeps_the_selection_marks_undo_and_annotations() {
        let mut s = state();
        s.update(Action::Down);
        s.update(Action::Down);
        let c = s.selected_claim().expect("a claim");
        let id = s.loaded.dataset.claims[c.i()].id.clone();
        s.update(Action::SetStatus(Status::Verified));
        s.update(Action::ToggleMark);
        s.update(Action::SelectClaim(c));
        assert_eq!(s.claims().marked().len(), 1);
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
        // Marks and undo follow their claims by id, as on an outside save.
        let marked: Vec<_> = s.claims().marked().iter().copied().collect();
        assert_eq!(marked, vec![after], "the mark is kept");
        s.update(Action::Undo);
        assert_eq!(s.annotations.set().status(&id), Status::Unreviewed);
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
