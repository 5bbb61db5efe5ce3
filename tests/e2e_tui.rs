//! End-to-end: the real binary in a pseudo-terminal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use pty::Tui;

#[test]
fn browse_open_article_search_and_quit_restores_the_terminal() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    t.wait_for_all(&["Actors", pty::ALL_CLAIMS.as_str(), "Timeline"]);
    t.wait_until("alternate screen", |s| s.alternate_screen());

    // Navigate to the fourth claim and open its article at the quote.
    t.keys("jjj");
    t.wait_for("Claim c04");
    t.enter();
    t.wait_for_all(&[
        "Article · quote",
        "claim c04",
        "Seoul’s intelligence services said last Friday",
    ]);
    t.keys("n");
    t.wait_for("claim c05");
    t.esc();
    t.wait_for(pty::ALL_CLAIMS.as_str());

    // Incremental search narrows the list.
    t.keys("/rumours");
    // One match, and it is selected.
    t.wait_for_all(&["Claims 1/22", "Claim c07"]);
    t.enter();
    t.esc();
    t.wait_for(pty::ALL_CLAIMS.as_str());

    // Help, then quit.
    t.keys("?");
    t.wait_for("Help · j/k scroll · Esc close");
    t.esc();
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 100, 30);
    t.wait_for("Claims");
    let pid = t.pid().to_string();
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(ok.success());
    t.wait_exit();
    t.assert_restored();
}

#[test]
fn invalid_dataset_fails_before_the_alternate_screen() {
    let home = tempfile::tempdir().expect("tempdir");
    let bad = home.path().join("bad.ron");
    std::fs::write(&bad, "Dataset(format: 1, id: \"x\",\n  title: 5)").expect("write");
    let mut t = Tui::spawn(&[bad.to_str().expect("utf8 path")], home.path(), 100, 30);
    let code = t.wait_exit();
    assert_eq!(code, 2);
    let screen = t.wait_for("bad.ron:2:");
    assert!(!screen.contains("panicked"), "{screen}");
    t.assert_restored();
}

#[test]
fn a_hang_up_ends_the_program_instead_of_spinning() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 100, 30);
    t.wait_for("Claims");
    t.keys("3");
    t.wait_for("status = Verified");
    t.hang_up();
    // wait_exit fails the test if the process is still running after 20 s.
    let _ = t.wait_exit();
    // The change made before the hang-up is on disk.
    let file = home
        .path()
        .join("data/claimtrack/nk-troops-ukraine.annotations.ron");
    let text = std::fs::read_to_string(&file).unwrap_or_default()
        + &std::fs::read_to_string(file.with_extension("ron.journal")).unwrap_or_default();
    assert!(text.contains("Verified"), "{text}");
}

#[test]
fn keys_can_be_bound_in_the_settings_file() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("config/claimtrack");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("config.ron"),
        "(analyst: \"Jane\", keys: [(scope: \"claims\", key: \"v\", action: \"SetStatus(Verified)\")])",
    )
    .expect("config");
    let mut t = Tui::spawn(&[], home.path(), 120, 30);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("v");
    t.wait_for("status = Verified on 1 claim");
    t.keys("H");
    t.wait_for_all(&["Unreviewed → Verified", "(Jane)"]);
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);

    // A bad binding is refused before the screen is touched, naming the file.
    std::fs::write(
        dir.join("config.ron"),
        "(keys: [(scope: \"claims\", key: \"v\", action: \"Fly\")])",
    )
    .expect("config");
    let mut t = Tui::spawn(&[], home.path(), 120, 30);
    assert_eq!(t.wait_exit(), 2);
    t.wait_for("config.ron: keys: unknown action \"Fly\"");
    t.assert_restored();
}
