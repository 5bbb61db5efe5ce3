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

// ----- quitting with unsaved changes (issue 10 item 5) -----

/// Changes the disk refuses: held pending until `disk_ok`; a rescue copy
/// goes to `rescue_to` when set.
struct Stuck {
    set: AnnotationSet,
    pending: usize,
    disk_ok: Rc<Cell<bool>>,
    rescue_to: Option<std::path::PathBuf>,
    offered: Vec<std::path::PathBuf>,
    merged: Rc<Cell<usize>>,
}

impl Stuck {
    fn new(disk_ok: &Rc<Cell<bool>>) -> Self {
        let loaded = load_bundled().expect("bundled");
        Self {
            set: AnnotationSet::new(&loaded.dataset.id),
            pending: 0,
            disk_ok: Rc::clone(disk_ok),
            rescue_to: Some("/state/ds.annotations.ron.rescue-1".into()),
            offered: Vec::new(),
            merged: Rc::new(Cell::new(0)),
        }
    }
}

impl AnnotationBackend for Stuck {
    fn set(&self) -> &AnnotationSet {
        &self.set
    }
    fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, BackendError> {
        let change = self.set.apply(claim, edit, "t", Timestamp::UNIX_EPOCH);
        self.pending += 1;
        Err(BackendError::NotSaved {
            change: change.map(Box::new),
            message: "No space left on device".into(),
        })
    }
    fn pending(&self) -> usize {
        self.pending
    }
    fn retry(&mut self) -> Result<(), BackendError> {
        if self.disk_ok.get() {
            self.pending = 0;
            return Ok(());
        }
        Err(BackendError::NotSaved {
            change: None,
            message: "No space left on device".into(),
        })
    }
    fn location(&self) -> String {
        "/data/ds.annotations.ron".into()
    }
    fn rescue_dirs(&self) -> Vec<String> {
        vec!["/data".into(), "/state".into(), "/tmp".into()]
    }
    fn write_rescue(&mut self) -> Result<std::path::PathBuf, BackendError> {
        self.rescue_to
            .clone()
            .ok_or_else(|| BackendError::Refused("no directory took the rescue copy".into()))
    }
    fn rescues(&self) -> Vec<std::path::PathBuf> {
        self.offered.clone()
    }
    fn merge_rescue(
        &mut self,
        _: &std::path::Path,
    ) -> Result<claimtrack::model::annotation::merge::MergeReport, BackendError> {
        self.merged.set(self.merged.get() + 1);
        self.set.apply(
            "c05",
            &Edit::Status(Status::False),
            "t",
            Timestamp::UNIX_EPOCH,
        );
        Ok(Default::default())
    }
    fn decline_rescue(&mut self, p: &std::path::Path) -> Result<std::path::PathBuf, BackendError> {
        Ok(p.with_extension("declined"))
    }
}

#[test]
fn quit_with_unsaved_changes_asks_instead_of_leaving() {
    let disk = Rc::new(Cell::new(false));
    let mut s = state_with(Stuck::new(&disk));
    press(&mut s, "3");
    assert_eq!(s.annotations().pending(), 1);
    press(&mut s, "q");
    assert!(!s.should_quit(), "q must not lose the change");
    let prompt = s.overlays().quit_prompt().expect("asked");
    assert_eq!(prompt.pending(), 1);
    assert_eq!(prompt.dirs(), ["/data", "/state", "/tmp"]);
    // Every choice is on screen, and where a rescue copy would go.
    let screen = common::render(&s);
    for text in [
        "Unsaved changes · quit?",
        "1 change could not be saved to",
        "r     retry saving",
        "w     write a rescue copy elsewhere, then quit",
        "d     discard the unsaved changes and quit",
        "Esc/c cancel: keep working",
        "  /state",
    ] {
        assert!(screen.contains(text), "{text:?} not in\n{screen}");
    }
    assert!(
        prompt.error().is_some_and(|e| e.contains("No space")),
        "{prompt:?}"
    );
    // Ctrl-C asks the same; keys that are no choice do nothing.
    press(&mut s, "x3jq");
    assert!(!s.should_quit() && s.overlays().quit_prompt().is_some());
    // Retry while the disk is still full: still asking, says why.
    press(&mut s, "r");
    assert!(!s.should_quit());
    assert!(
        s.overlays()
            .quit_prompt()
            .and_then(|p| p.error())
            .is_some_and(|e| e.contains("still cannot save"))
    );
    // Cancel: back to work, nothing lost.
    common::code(&mut s, claimtrack::app::KeyCode::Esc);
    assert!(s.overlays().quit_prompt().is_none() && !s.should_quit());
    assert_eq!(status_of(&s, "c01"), Some(Status::Verified));
    // Retry once the disk has room: saved, quits.
    common::ctrl(&mut s, 'c');
    assert!(s.overlays().quit_prompt().is_some(), "Ctrl-C asks too");
    disk.set(true);
    press(&mut s, "r");
    assert!(s.should_quit());
    assert_eq!(s.exit_choice(), None, "nothing left unsaved");
}

#[test]
fn the_rescue_and_discard_choices_are_explicit_and_reported() {
    let disk = Rc::new(Cell::new(false));
    let mut s = state_with(Stuck::new(&disk));
    press(&mut s, "3q");
    press(&mut s, "w");
    assert!(s.should_quit());
    assert_eq!(
        s.exit_choice(),
        Some(&claimtrack::app::ExitChoice::Rescued {
            path: "/state/ds.annotations.ron.rescue-1".into(),
            pending: 1
        })
    );

    let mut stuck = Stuck::new(&disk);
    stuck.rescue_to = None;
    let mut s = state_with(stuck);
    press(&mut s, "3q");
    press(&mut s, "w");
    assert!(!s.should_quit(), "no rescue copy: still asking");
    let err = s
        .overlays()
        .quit_prompt()
        .and_then(|p| p.error())
        .unwrap_or_default()
        .to_owned();
    assert!(err.contains("no rescue copy written"), "{err}");
    press(&mut s, "d");
    assert!(s.should_quit());
    assert_eq!(
        s.exit_choice(),
        Some(&claimtrack::app::ExitChoice::Discarded(1))
    );
}

#[test]
fn nothing_unsaved_quits_at_once() {
    let disk = Rc::new(Cell::new(true));
    let mut s = state_with(Stuck::new(&disk));
    press(&mut s, "q");
    assert!(s.should_quit() && s.overlays().quit_prompt().is_none());
}

#[test]
fn a_rescue_copy_found_at_the_start_is_offered_and_merged_once() {
    let disk = Rc::new(Cell::new(true));
    let mut stuck = Stuck::new(&disk);
    stuck.offered = vec!["/s/a.rescue-1".into(), "/s/a.rescue-2".into()];
    let merged = Rc::clone(&stuck.merged);
    let mut s = state_with(stuck);
    let offer = s.overlays().rescue_offer().expect("offered");
    assert_eq!(offer.left(), 2);
    let screen = common::render(&s);
    assert!(
        screen.contains("Rescue copy found (1 of 2)") && screen.contains("/s/a.rescue-1"),
        "{screen}"
    );
    // Keys of the panes do nothing while it is asked.
    press(&mut s, "3");
    assert_eq!(status_of(&s, "c01"), None);
    press(&mut s, "m");
    assert_eq!(merged.get(), 1);
    assert_eq!(
        s.statuses().total()[Status::False as usize],
        1,
        "counts reloaded"
    );
    assert!(
        s.message()
            .is_some_and(|m| m.text.contains("merged the rescue copy /s/a.rescue-1"))
    );
    assert_eq!(
        s.overlays().rescue_offer().and_then(|o| o.path()),
        Some(std::path::Path::new("/s/a.rescue-2"))
    );
    press(&mut s, "n");
    assert!(s.overlays().rescue_offer().is_none());
    assert!(
        s.message()
            .is_some_and(|m| m.text.contains("not offered again"))
    );
    assert_eq!(merged.get(), 1);
}
