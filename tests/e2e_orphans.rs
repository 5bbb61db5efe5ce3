//! End-to-end: a claim id renamed in the dataset no longer hides its
//! annotation: the start says so, `O` lists it, and it is re-attached to
//! the claim's new id, saved and recorded in the history.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use claimtrack::model::store::AnnotationStore;
use claimtrack::model::{Edit, Status};
use pty::Tui;

#[test]
fn an_orphaned_annotation_is_announced_listed_and_reattached() {
    let home = tempfile::tempdir().expect("tempdir");
    let file = home
        .path()
        .join("data/claimtrack/nk-troops-ukraine.annotations.ron");
    let mut store = AnnotationStore::open(&file, "nk-troops-ukraine", "ana").expect("open");
    store
        .apply("c05-renamed", &Edit::Status(Status::False))
        .expect("saved");
    store
        .apply("c05-renamed", &Edit::Note("seen in two reports".into()))
        .expect("saved");
    store.close().expect("close");

    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    t.wait_for("1 annotation belongs to claims no longer in the dataset (O lists them)");
    t.keys("O");
    let screen = t.wait_for_all(&["c05-renamed", "seen in two reports"]);
    assert!(screen.contains("False"), "{screen}");
    t.enter();
    t.wait_for("Re-attach c05-renamed to");
    t.keys("c05");
    t.wait_for("1 without work of their own");
    t.enter();
    t.wait_for("re-attached the work on c05-renamed to c05 (recorded in the history)");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);

    let text = std::fs::read_to_string(&file).expect("annotation file");
    let c05 = text
        .lines()
        .find(|l| l.trim_start().starts_with("\"c05\":"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        c05.contains("status: False") && c05.contains("seen in two reports"),
        "{c05}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("claim: \"c05-renamed\"") && l.contains("old: \"False\"")),
        "the move is in the history: {text}"
    );
}
