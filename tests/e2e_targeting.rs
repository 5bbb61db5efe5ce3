//! End-to-end: an annotation key pressed in the timeline changes the claim
//! the timeline highlights, never a claim the filter hides (issue 10, item 3).
//! The real binary, in a pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use pty::Tui;

/// The claim id on the timeline's highlighted row (`›c18 [...] ...`).
fn highlighted_in_timeline(screen: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let at = l.find('›')?;
        let id: String = l[at + '›'.len_utf8()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        id.starts_with('c').then_some(id)
    })
}

#[test]
fn the_reported_timeline_sequence_changes_the_highlighted_claim() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&[], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.send("\x1b[Z"); // Shift-Tab: the actors pane
    t.wait_for("include sub-actors");
    t.keys("jjj"); // an actor with one claim
    t.wait_for("Claims 1/22");
    t.keys("\t\t"); // to the timeline
    t.wait_for("zoom in");
    t.keys("jj5");
    let screen = t.wait_for("status = False on 1 claim");
    let highlighted = highlighted_in_timeline(&screen).expect("a highlighted claim");
    // The detail pane shows the same claim.
    t.wait_for(&format!("Claim {highlighted}"));
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);

    let file = home
        .path()
        .join("data/claimtrack/nk-troops-ukraine.annotations.ron");
    let text = std::fs::read_to_string(&file).expect("annotation file");
    let falses: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("status: False"))
        .collect();
    assert_eq!(falses.len(), 1, "one claim changed:\n{text}");
    assert!(
        falses[0].contains(&format!("\"{highlighted}\"")),
        "the highlighted {highlighted} changed, not another:\n{text}"
    );
}
