//! End-to-end: annotation work survives kill -9, a second instance is
//! read-only, a damaged file is never overwritten. The real binary, in a pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use pty::Tui;

#[test]
fn status_and_note_survive_kill_9() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("jjj3"); // c04 Verified
    t.wait_for("status = Verified on 1 claim");
    t.keys("a");
    t.wait_for("Ctrl-S save");
    t.keys("Confirmed by two independent sources");
    t.send("\x13"); // Ctrl-S
    t.wait_for("note saved");
    t.kill9();

    // Nothing was closed cleanly: the journal holds the work.
    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    // The recovery is reported (waiting for the text itself: a screen is
    // drawn in several writes).
    t.wait_for("from an unclean exit");
    t.keys("jjj");
    t.wait_for_all(&["Claim c04", "✓ Verified"]);
    // The note comes back in the editor.
    t.keys("a");
    t.wait_for("Confirmed by two independent sources");
    t.esc();
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);

    // And the files on disk say the same, compacted on that clean exit.
    let file = home
        .path()
        .join("data/claimtrack/nk-troops-ukraine.annotations.ron");
    let text = std::fs::read_to_string(&file).expect("annotation file");
    assert!(
        text.contains("\"c04\"") && text.contains("Verified") && text.contains("Confirmed by two"),
        "{text}"
    );

    // A plain export carries the analyst's work (read through the store).
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["export", "--format", "csv"])
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .expect("export");
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    let row = csv
        .lines()
        .find(|l| l.starts_with("c04,"))
        .expect("c04 row");
    assert!(
        row.contains("Verified") && row.contains("Confirmed by two independent sources"),
        "{row}"
    );
}

#[test]
fn a_second_instance_opens_read_only_and_says_so() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut first = Tui::spawn(&[], home.path(), 160, 45);
    first.wait_for(pty::ALL_CLAIMS.as_str());
    let mut second = Tui::spawn(&[], home.path(), 160, 45);
    second.wait_for_all(&["READ-ONLY", "open in another claimtrack"]);
    // An edit in the second is refused, visibly, and changes nothing.
    second.keys("5");
    second.wait_for("read-only: open in another claimtrack, pid");
    // The first still writes.
    first.keys("3");
    first.wait_for("status = Verified on 1 claim");
    second.keys("q");
    first.keys("q");
    assert_eq!(second.wait_exit(), 0);
    assert_eq!(first.wait_exit(), 0);
    let file = home
        .path()
        .join("data/claimtrack/nk-troops-ukraine.annotations.ron");
    let text = std::fs::read_to_string(&file).expect("annotation file");
    assert!(
        text.contains("Verified") && !text.contains("False"),
        "{text}"
    );
}

#[test]
fn a_damaged_annotation_file_is_never_overwritten() {
    let home = tempfile::tempdir().expect("tempdir");
    let file = home.path().join("mine.ron");
    let garbage = "AnnotationSet(format: 1, dataset: \"nk-troops-ukraine\", claims: {\"c01\": (status: Verfied)})\n";
    std::fs::write(&file, garbage).expect("write");
    let path = file.to_str().expect("utf8");

    // Without a terminal on stdin and without a choice, it refuses (exit 2).
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["--annotations", path])
        .env("XDG_DATA_HOME", home.path())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("still there"),
        garbage
    );

    // Asked on the terminal, the user chooses read-only: the file stays as it was.
    let mut t = Tui::spawn(&["--annotations", path], home.path(), 120, 30);
    let prompt = t.wait_for("[r] open read-only");
    assert!(
        prompt.contains("mine.ron:1:"),
        "position of the damage is shown: {prompt}"
    );
    t.keys("r");
    t.enter();
    t.wait_for("READ-ONLY");
    t.keys("3q");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&file).expect("still there"),
        garbage
    );

    // Moving it aside keeps the damaged file under a timestamped name and starts clean.
    let mut t = Tui::spawn(
        &["--annotations", path, "--on-damaged", "move-aside"],
        home.path(),
        120,
        30,
    );
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("3");
    t.wait_for("status = Verified");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let aside: Vec<_> = std::fs::read_dir(home.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("mine.ron.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read_to_string(home.path().join(&aside[0])).expect("aside"),
        garbage
    );
    assert!(
        std::fs::read_to_string(&file)
            .expect("new file")
            .contains("Verified")
    );
}
