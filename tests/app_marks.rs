//! Marks make the target of an edit unmistakable (issue 10, item 11): the
//! marked count is always in the status line, the detail pane names the
//! marked claims, and a bulk apply clears the marks unless they are kept.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::{Action, AppState, EditTarget, KeyCode};
use claimtrack::model::Status;
use common::*;

fn status_of(s: &AppState, id: &str) -> Status {
    s.annotations().set().status(id)
}

/// c05, c06 and c07 marked, the cursor on the unmarked c04 (as reported).
fn marked_c05_to_c07_cursor_on_c04() -> AppState {
    let mut s = state(160, 45);
    press(&mut s, "jjjj   "); // c05: Space marks and moves down
    press(&mut s, "kkkk");
    assert_eq!(selected_id(&s), "c04");
    assert_eq!(s.claims().marked().len(), 3);
    s
}

/// The two status lines at the bottom of the screen.
fn status_lines(s: &AppState) -> String {
    let screen = render(s);
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(2)..].join("\n")
}

/// The detail pane's columns of the screen (it is the right third).
#[test]
fn the_marked_count_is_always_in_the_status_line() {
    let mut s = marked_c05_to_c07_cursor_on_c04();
    assert!(
        status_lines(&s).contains("3 marked"),
        "{}",
        status_lines(&s)
    );
    // Even while a message is shown.
    press(&mut s, ">");
    assert!(s.message().is_some());
    assert!(
        status_lines(&s).contains("3 marked"),
        "{}",
        status_lines(&s)
    );
    // And while typing a search.
    press(&mut s, "/c");
    assert!(
        status_lines(&s).contains("3 marked"),
        "{}",
        status_lines(&s)
    );
}

#[test]
fn the_detail_pane_names_the_marked_claims_an_edit_will_change() {
    let s = marked_c05_to_c07_cursor_on_c04();
    let detail = detail_text(&s);
    assert!(detail.contains("3 marked claims"), "{detail}");
    assert!(
        detail.contains("c05") && detail.contains("c06") && detail.contains("c07"),
        "{detail}"
    );
    assert!(
        detail.contains("not marked"),
        "the cursor claim is not a target: {detail}"
    );
    let ix = &s.loaded().index;
    assert_eq!(
        s.edit_target(),
        EditTarget::Marked(vec![
            ix.claim_by_id["c05"],
            ix.claim_by_id["c06"],
            ix.claim_by_id["c07"]
        ])
    );
}

#[test]
fn a_bulk_status_changes_the_marked_claims_says_so_and_clears_the_marks() {
    let mut s = marked_c05_to_c07_cursor_on_c04();
    press(&mut s, "2");
    for id in ["c05", "c06", "c07"] {
        assert_eq!(status_of(&s, id), Status::InProgress, "{id}");
    }
    assert_eq!(status_of(&s, "c04"), Status::Unreviewed);
    let m = s.message().expect("a message").text.clone();
    assert!(m.contains("3 marked claims") && m.contains("c05"), "{m}");
    assert!(
        s.claims().marked().is_empty(),
        "marks cleared after a bulk apply"
    );
    s.update(Action::Cancel); // no message
    assert!(!status_lines(&s).contains("marked"), "{}", status_lines(&s));
    // The next key acts on the cursor's claim again.
    press(&mut s, "3");
    assert_eq!(status_of(&s, "c04"), Status::Verified);
    assert_eq!(status_of(&s, "c05"), Status::InProgress);
    // One undo takes back the single edit, the next the bulk one.
    press(&mut s, "uu");
    assert_eq!(status_of(&s, "c04"), Status::Unreviewed);
    assert_eq!(status_of(&s, "c06"), Status::Unreviewed);
}

#[test]
fn bulk_grades_and_tags_clear_the_marks_too() {
    let mut s = marked_c05_to_c07_cursor_on_c04();
    press(&mut s, "rB");
    assert!(s.claims().marked().is_empty());
    let mut s = marked_c05_to_c07_cursor_on_c04();
    press(&mut s, "tlater");
    ctrl(&mut s, 's');
    assert!(s.claims().marked().is_empty());
    for id in ["c05", "c06", "c07"] {
        let a = s.annotations().set().get(id).cloned().unwrap_or_default();
        assert_eq!(a.tags, vec!["later".to_string()], "{id}");
    }
}

#[test]
fn k_keeps_the_marks_across_bulk_edits_until_toggled_off() {
    let mut s = marked_c05_to_c07_cursor_on_c04();
    press(&mut s, "K");
    assert!(s.keep_marks());
    assert!(
        status_lines(&s).contains("3 marked (kept)"),
        "{}",
        status_lines(&s)
    );
    press(&mut s, "2rB");
    assert_eq!(s.claims().marked().len(), 3, "kept");
    for id in ["c05", "c06", "c07"] {
        assert_eq!(status_of(&s, id), Status::InProgress, "{id}");
    }
    press(&mut s, "K");
    assert!(!s.keep_marks());
    press(&mut s, "3");
    assert!(s.claims().marked().is_empty());
    // Esc and M still clear kept marks.
    let mut s = marked_c05_to_c07_cursor_on_c04();
    press(&mut s, "KM");
    assert!(s.claims().marked().is_empty());
    code(&mut s, KeyCode::Esc);
}

#[test]
fn marked_screen() {
    let s = marked_c05_to_c07_cursor_on_c04();
    insta::assert_snapshot!(render(&s));
}
