//! A bulk edit reaches the backend as one batch (one journal record, one
//! fsync for the real store), never as one write per claim.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use claimtrack::app::{
    Action, AnnotationBackend, AppState, BackendError, BatchOutcome, MemoryBackend,
};
use claimtrack::model::{AnnotationSet, Change, Edit, Status};
use common::press;

#[derive(Default)]
struct Calls {
    single: usize,
    batches: Vec<usize>,
}

struct Counting {
    inner: MemoryBackend,
    calls: Rc<RefCell<Calls>>,
}

impl AnnotationBackend for Counting {
    fn set(&self) -> &AnnotationSet {
        self.inner.set()
    }
    fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, BackendError> {
        self.calls.borrow_mut().single += 1;
        self.inner.apply(claim, edit)
    }
    fn apply_batch(&mut self, edits: &[(String, Edit)]) -> BatchOutcome {
        self.calls.borrow_mut().batches.push(edits.len());
        self.inner.apply_batch(edits)
    }
    fn location(&self) -> String {
        "memory".into()
    }
}

#[test]
fn marked_claims_are_edited_in_one_batch_and_undone_as_one_step() {
    let loaded = claimtrack::model::load_bundled().expect("bundled");
    let calls = Rc::new(RefCell::new(Calls::default()));
    let backend = Counting {
        inner: MemoryBackend::new(&loaded.dataset.id, "ana"),
        calls: Rc::clone(&calls),
    };
    let mut s = AppState::new(
        loaded,
        Box::new(backend),
        ratatui::layout::Rect::new(0, 0, 160, 45),
    );
    for _ in 0..3 {
        s.update(Action::ToggleMark);
        s.update(Action::Down);
    }
    press(&mut s, "5");
    {
        let c = calls.borrow();
        assert_eq!(c.batches, vec![3], "one batch of the three marked claims");
        assert_eq!(c.single, 0, "no per-claim writes");
    }
    let falses = |s: &AppState| {
        s.loaded()
            .dataset
            .claims
            .iter()
            .filter(|c| s.annotations().set().status(&c.id) == Status::False)
            .count()
    };
    assert_eq!(falses(&s), 3);
    press(&mut s, "u");
    assert_eq!(falses(&s), 0, "undone as one step");
    assert_eq!(
        calls.borrow().batches,
        vec![3, 3],
        "the undo is one batch too"
    );
}
