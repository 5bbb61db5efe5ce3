//! End-to-end: a second instance is read-only and says so honestly. The
//! real binary, twice, in two pseudo-terminals.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use pty::Tui;

#[test]
fn retry_save_in_a_read_only_instance_does_not_claim_it_saved() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut first = Tui::spawn(&[], home.path(), 160, 45);
    first.wait_for(pty::ALL_CLAIMS.as_str());
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

#[test]
fn a_read_only_instance_takes_over_when_the_first_exits() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut first = Tui::spawn(&[], home.path(), 160, 45);
    first.wait_for(pty::ALL_CLAIMS.as_str());
    first.keys("2");
    first.wait_for("status = InProgress on 1 claim");
    let mut second = Tui::spawn(&[], home.path(), 160, 45);
    let banner = format!("READ-ONLY: open in another claimtrack, pid {}", first.pid());
    let screen = second.wait_for(&banner);
    // The banner says it once, not "READ-ONLY: ... read-only".
    assert_eq!(screen.matches("READ-ONLY").count(), 1, "{screen}");
    assert!(!screen.to_lowercase().contains("; read-only"), "{screen}");
    first.keys("q");
    assert_eq!(first.wait_exit(), 0);
    // The second notices on its own, says so, and saves from now on.
    second.wait_for("took over");
    let screen = second.screen();
    assert!(!screen.contains("READ-ONLY"), "{screen}");
    // What the first saved is there (reloaded), and an edit in the second is saved.
    second.keys("j3");
    second.wait_for("status = Verified on 1 claim");
    second.keys("q");
    assert_eq!(second.wait_exit(), 0);
    let file = home
        .path()
        .join("data/claimtrack/nk-troops-ukraine.annotations.ron");
    let text = std::fs::read_to_string(&file).expect("annotation file");
    assert!(
        text.contains("status: InProgress") && text.contains("status: Verified"),
        "{text}"
    );
    let verified = text
        .lines()
        .filter(|l| l.contains("status: Verified"))
        .count();
    assert_eq!(verified, 1, "{text}");
}
