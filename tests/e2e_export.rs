//! End-to-end: `E` writes the shown claims as a Markdown report from a
//! thread of its own and says where when it is done. The real binary, in a pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use pty::Tui;

#[test]
fn e_exports_the_shown_claims_and_reports_where() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("E");
    let screen = t.wait_for("exported 22 claims to claimtrack-");
    assert!(
        !screen.contains("exporting"),
        "the progress line is gone: {screen}"
    );
    // The screen still answers keys after the export.
    t.keys("j");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let reports: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".md"))
        .collect();
    assert_eq!(reports.len(), 1, "one report in the working directory");
    let text = std::fs::read_to_string(reports[0].path()).unwrap();
    assert!(text.starts_with("# "), "{text}");
    assert!(text.contains("| **Total** | 22 |"), "{text}");
}
