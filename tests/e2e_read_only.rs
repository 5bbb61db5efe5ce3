//! End-to-end: a second instance is read-only and says so honestly. The
//! real binary, twice, in two pseudo-terminals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test states its expectations

mod pty;

use pty::Tui;

#[test]
fn retry_save_in_a_read_only_instance_does_not_claim_it_saved() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut first = Tui::spawn(&[], home.path(), 160, 45);
    first.wait_for("Claims 22/22");
    let mut second = Tui::spawn(&[], home.path(), 160, 45);
    second.wait_for("READ-ONLY");
    second.keys("R");
    let screen = second.wait_for("read-only: nothing to save");
    assert!(!screen.contains("saved to"), "{screen}");
    second.keys("q");
    first.keys("q");
    assert_eq!(second.wait_exit(), 0);
    assert_eq!(first.wait_exit(), 0);
}
