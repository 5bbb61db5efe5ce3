//! Annotations of claims the dataset no longer has (a renamed claim id):
//! announced at the start, listed, and re-attached to a claim, recorded in
//! the history. With the real store in a temporary directory.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::{AppState, KeyCode, StoreBackend};
use claimtrack::model::store::AnnotationStore;
use claimtrack::model::{Edit, Status, load_bundled};
use common::{code, press, render};

struct Fixture {
    _dir: tempfile::TempDir,
    file: std::path::PathBuf,
}

/// An annotation file with work on `c99-old` and `gone` (not in the
/// dataset) and on c01 (in it).
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("nk.annotations.ron");
    let id = load_bundled().expect("bundled").dataset.id;
    let mut store = AnnotationStore::open(&file, &id, "ana").expect("open");
    store
        .apply("c99-old", &Edit::Status(Status::False))
        .expect("saved");
    store
        .apply("c99-old", &Edit::Note("the old claim's note".into()))
        .expect("saved");
    store
        .apply("gone", &Edit::Status(Status::Verified))
        .expect("saved");
    store
        .apply("c01", &Edit::Status(Status::Misleading))
        .expect("saved");
    store.close().expect("close");
    Fixture { _dir: dir, file }
}

fn state(f: &Fixture) -> AppState {
    let loaded = load_bundled().expect("bundled");
    let store = AnnotationStore::open(&f.file, &loaded.dataset.id, "ana").expect("open");
    AppState::new(
        loaded,
        Box::new(StoreBackend::new(store)),
        ratatui::layout::Rect::new(0, 0, 160, 45),
    )
}

#[test]
fn the_start_says_how_many_annotations_are_orphaned() {
    let f = fixture();
    let s = state(&f);
    let m = s.message().expect("a notice");
    assert_eq!(
        m.text,
        "2 annotations belong to claims no longer in the dataset (O lists them)"
    );
    assert_eq!(s.orphans(), ["c99-old", "gone"]);
}

#[test]
fn the_list_shows_id_status_and_note_and_an_orphan_is_reattached_in_history() {
    let f = fixture();
    let mut s = state(&f);
    press(&mut s, "O");
    let screen = render(&s);
    assert!(
        screen.contains("Annotations of claims no longer in the dataset"),
        "{screen}"
    );
    assert!(
        screen.contains("c99-old")
            && screen.contains("False")
            && screen.contains("the old claim's note"),
        "{screen}"
    );
    assert!(
        screen.contains("gone") && screen.contains("Verified"),
        "{screen}"
    );
    // Pick c99-old, then the claim: typing narrows to claims without work.
    code(&mut s, KeyCode::Enter);
    press(&mut s, "c01");
    let picker = s
        .overlays()
        .orphans()
        .and_then(|v| v.target())
        .expect("picker");
    assert!(
        picker
            .matches()
            .iter()
            .all(|c| s.loaded().dataset.claims[c.i()].id != "c01"),
        "c01 has work of its own: not offered"
    );
    code(&mut s, KeyCode::Backspace);
    code(&mut s, KeyCode::Backspace);
    press(&mut s, "05");
    let picker = s
        .overlays()
        .orphans()
        .and_then(|v| v.target())
        .expect("picker");
    let first = picker
        .matches()
        .first()
        .map(|c| s.loaded().dataset.claims[c.i()].id.to_string());
    assert_eq!(first.as_deref(), Some("c05"));
    code(&mut s, KeyCode::Enter);
    let m = s.message().expect("said");
    assert_eq!(
        m.text,
        "re-attached the work on c99-old to c05 (recorded in the history)"
    );
    let set = s.annotations().set();
    let c05 = set.get("c05").expect("moved");
    assert_eq!(c05.status, Status::False);
    assert_eq!(c05.note, "the old claim's note");
    assert!(set.get("c99-old").is_none_or(|a| a.is_blank()));
    assert!(set.history_of("c05").count() >= 2, "recorded");
    assert!(set.history_of("c99-old").count() >= 4, "cleared, recorded");
    assert_eq!(s.orphans(), ["gone"]);
    // Counted as any claim's status; the list stays open for the next one.
    assert_eq!(s.statuses().total()[Status::False as usize], 1);
    assert!(s.overlays().orphans().is_some_and(|v| v.target().is_none()));
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().orphans().is_none());

    // Saved: a new session sees it.
    drop(s);
    let s = state(&f);
    assert_eq!(s.annotations().set().status("c05"), Status::False);
    assert_eq!(s.orphans(), ["gone"]);
}

#[test]
fn no_claim_chosen_or_no_orphans_is_said() {
    let f = fixture();
    let mut s = state(&f);
    press(&mut s, "O");
    code(&mut s, KeyCode::Enter);
    press(&mut s, "no such claim text");
    code(&mut s, KeyCode::Enter);
    assert!(
        s.message()
            .is_some_and(|m| m.error && m.text.contains("no claim chosen"))
    );
    assert_eq!(s.orphans().len(), 2, "nothing moved");
    // Esc goes back to the list, not out.
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().orphans().is_some_and(|v| v.target().is_none()));

    let mut plain = common::state(160, 45);
    assert!(plain.message().is_none(), "no orphans: no notice");
    press(&mut plain, "O");
    assert!(plain.overlays().orphans().is_none());
    assert!(
        plain
            .message()
            .is_some_and(|m| m.text.contains("no annotations of claims missing"))
    );
}
