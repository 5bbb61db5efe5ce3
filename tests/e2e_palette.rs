//! End-to-end: the command palette runs an action and a command with an
//! argument, in the real binary in a pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod pty;

use pty::Tui;

#[test]
fn the_palette_runs_an_action_and_a_command() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys(":");
    t.wait_for("Commands");
    t.keys("advance next unreviewed");
    t.wait_for("toggle advance");
    t.enter();
    t.wait_for("after a status: advance to the next unreviewed claim");
    // Ctrl-P too; a command completes, then runs with its argument.
    t.send("\x10");
    t.wait_for("Commands");
    t.keys("sort");
    t.enter();
    t.wait_for(":sort date");
    t.keys("claimant");
    t.enter();
    t.wait_for("sorted by claimant");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}
