//! State tests for what keeps an analyst's work safe in the TUI: a
//! read-only instance taking over, orphaned annotations, quitting with
//! unsaved changes. Backends here are small doubles standing for the store.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use std::cell::Cell;
use std::rc::Rc;

use claimtrack::app::{AnnotationBackend, AppState, BackendError};
use claimtrack::model::{AnnotationSet, Change, Edit, Status, load_bundled};
use common::press;
use jiff::Timestamp;

/// Read-only while another instance "holds" the file (`held`); taking
/// over then loads `on_disk`, as the store rereads the file.
struct Locked {
    set: AnnotationSet,
    on_disk: AnnotationSet,
    held: Rc<Cell<bool>>,
    writable: bool,
}

impl AnnotationBackend for Locked {
    fn set(&self) -> &AnnotationSet {
        &self.set
    }
    fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, BackendError> {
        if !self.writable {
            return Err(BackendError::Refused("not saved (read-only)".into()));
        }
        Ok(self.set.apply(claim, edit, "b", Timestamp::UNIX_EPOCH))
    }
    fn read_only_reason(&self) -> Option<String> {
        (!self.writable).then(|| "open in another claimtrack, pid 42".into())
    }
    fn location(&self) -> String {
        "ds.annotations.ron".into()
    }
    fn try_take_over(&mut self) -> Result<bool, BackendError> {
        if self.writable || self.held.get() {
            return Ok(false);
        }
        self.writable = true;
        self.set = self.on_disk.clone();
        Ok(true)
    }
}

fn state_with(backend: impl AnnotationBackend + 'static) -> AppState {
    let loaded = load_bundled().expect("bundled");
    AppState::new(
        loaded,
        Box::new(backend),
        ratatui::layout::Rect::new(0, 0, 160, 45),
    )
}

fn status_of(s: &AppState, id: &str) -> Option<Status> {
    s.annotations().set().get(id).map(|a| a.status)
}

#[test]
fn a_read_only_instance_takes_over_on_a_tick_once_the_other_exits() {
    let loaded = load_bundled().expect("bundled");
    let id = loaded.dataset.id.clone();
    let mut on_disk = AnnotationSet::new(&id);
    on_disk.apply(
        "c01",
        &Edit::Status(Status::False),
        "a",
        Timestamp::UNIX_EPOCH,
    );
    let held = Rc::new(Cell::new(true));
    let mut s = state_with(Locked {
        set: AnnotationSet::new(&id),
        on_disk,
        held: Rc::clone(&held),
        writable: false,
    });
    press(&mut s, "3");
    assert!(s.message().is_some_and(|m| m.error), "refused while held");
    s.update(claimtrack::app::Action::Tick);
    assert!(s.annotations().read_only_reason().is_some(), "still held");

    held.set(false);
    s.update(claimtrack::app::Action::Tick);
    assert_eq!(s.annotations().read_only_reason(), None);
    let m = s.message().expect("a notice");
    assert!(!m.error && m.text.contains("took over"), "{m:?}");
    // Reloaded: the other instance's work is shown and counted.
    assert_eq!(s.statuses().total()[Status::False as usize], 1);
    press(&mut s, "j3");
    assert_eq!(status_of(&s, "c02"), Some(Status::Verified));
    assert_eq!(status_of(&s, "c01"), Some(Status::False));
}
