//! End-to-end: the note editor never throws typed text away without asking,
//! and pasted CR / CRLF line endings are stored as LF. The real binary, in a pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use pty::Tui;

fn annotation_file(home: &std::path::Path) -> std::path::PathBuf {
    home.join("data/claimtrack/nk-troops-ukraine.annotations.ron")
}

#[test]
fn esc_asks_before_discarding_and_a_cr_paste_is_saved_as_lines() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("a");
    t.wait_for("Ctrl-S save");
    // A terminal sends pasted newlines as CR, inside bracketed paste.
    t.send("\x1b[200~first line\rsecond line\r\nthird line\x1b[201~");
    t.wait_for("third line");
    t.esc();
    t.wait_for("Discard your changes?");
    // n: back to the text, nothing lost.
    t.keys("n");
    t.wait_for("third line");
    t.send("\x13"); // Ctrl-S
    t.wait_for("note saved");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let text = std::fs::read_to_string(annotation_file(home.path())).expect("annotations");
    assert!(
        text.contains(r#"first line\nsecond line\nthird line"#),
        "stored with LF only: {text}"
    );
    assert!(!text.contains(r"\r"), "no CR stored: {text}");

    // Typed, then Esc and y: discarded, and the saved note is unchanged.
    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("a");
    t.wait_for("Ctrl-S save");
    t.keys(" more");
    t.esc();
    t.wait_for("Discard your changes?");
    t.keys("y");
    t.wait_for("changes discarded");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let after = std::fs::read_to_string(annotation_file(home.path())).expect("annotations");
    assert!(after.contains(r#"third line""#), "{after}");
    assert!(!after.contains("more"), "{after}");
}
