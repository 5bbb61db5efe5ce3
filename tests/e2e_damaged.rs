//! End-to-end: a damaged annotation file with a journal beside it. Every
//! documented choice is offered, and the damage is pointed at exactly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use pty::Tui;

/// A session killed after one acknowledged change leaves a journal; the
/// snapshot beside it is then half merged by git (markers on line 3).
fn damaged_with_journal(home: &std::path::Path) -> (std::path::PathBuf, String) {
    let file = home.join("mine.ron");
    let path = file.to_str().expect("utf8").to_owned();
    let mut t = Tui::spawn(&["--annotations", &path], home, 120, 30);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("3");
    t.wait_for("status = Verified on 1 claim");
    // The first change writes the snapshot; the next goes to the journal.
    t.keys("j4");
    t.wait_for("status = Misleading on 1 claim");
    t.kill9();
    let journal = home.join("mine.ron.journal");
    assert!(
        std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0),
        "the acknowledged change is in the journal"
    );
    let half_merged = "AnnotationSet(format: 1, dataset: \"nk-troops-ukraine\", claims: {\n\
                       \"c02\": (status: False),\n\
                       <<<<<<< HEAD\n\
                       \"c03\": (status: True),\n\
                       =======\n\
                       \"c03\": (status: False),\n\
                       >>>>>>> theirs\n\
                       })\n";
    std::fs::write(&file, half_merged).expect("write");
    (file, path)
}

#[test]
fn with_a_journal_present_the_prompt_still_offers_to_move_aside() {
    let home = tempfile::tempdir().expect("tempdir");
    let (file, path) = damaged_with_journal(home.path());
    let mut t = Tui::spawn(&["--annotations", &path], home.path(), 120, 30);
    let prompt = t.wait_for_all(&["[m] move it aside", "[r] open read-only", "[q] quit"]);
    // The marker is on line 3, and that is where the message points.
    assert!(prompt.contains("mine.ron:3:1"), "{prompt}");
    assert!(prompt.contains("conflict marker"), "{prompt}");
    t.keys("m");
    t.enter();
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let names: Vec<String> = std::fs::read_dir(home.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // The half-merged file and its journal went aside together, untouched.
    assert!(
        names.iter().any(|n| n.starts_with("mine.ron.corrupt-")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("mine.ron.journal.corrupt-")),
        "{names:?}"
    );
    assert!(
        !file.exists()
            || !std::fs::read_to_string(&file)
                .expect("read")
                .contains("<<<")
    );
}

#[test]
fn with_a_journal_present_read_only_shows_the_file_untouched() {
    let home = tempfile::tempdir().expect("tempdir");
    let (file, path) = damaged_with_journal(home.path());
    let before = std::fs::read_to_string(&file).expect("read");
    let mut t = Tui::spawn(&["--annotations", &path], home.path(), 120, 30);
    t.wait_for("[m] move it aside");
    t.keys("r");
    t.enter();
    t.wait_for("READ-ONLY");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), before);
}
