//! The detail pane in the default layout (issue 10, item 12): focusable,
//! scrollable to exactly its last row, the analyst's own work shown before
//! the dataset's related claims, and back at the top when the claim changes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::{Action, AppState, KeyCode, Pane};
use common::*;

/// c04 (the claim with the most related claims) with a note, evidence and
/// a tag of the analyst's.
fn c04_with_my_work() -> AppState {
    let mut s = state(160, 45);
    press(&mut s, "jjj");
    assert_eq!(selected_id(&s), "c04");
    press(&mut s, "3rBc2a");
    s.update(Action::Paste(
        "Two independent sources confirm the deployment.\nSatellite images match.".into(),
    ));
    ctrl(&mut s, 's');
    press(&mut s, "e");
    s.update(Action::Paste("https://example.org/satellite".into()));
    ctrl(&mut s, 's');
    press(&mut s, "t");
    s.update(Action::Paste("confirmed".into()));
    ctrl(&mut s, 's');
    s
}

/// A claim whose detail is longer than the pane: many note lines.
fn long_detail() -> AppState {
    let mut s = state(160, 45);
    press(&mut s, "jjja");
    let note: Vec<String> = (1..=60).map(|i| format!("line {i} of the note")).collect();
    s.update(Action::Paste(note.join("\n")));
    ctrl(&mut s, 's');
    assert!(s.detail_max_scroll() > 20, "{}", s.detail_max_scroll());
    s
}

/// The detail pane's columns of the screen.
#[test]
fn tab_reaches_the_detail_pane_at_160x45() {
    let mut s = state(160, 45);
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Timeline);
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Detail);
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Actors);
    code(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus(), Pane::Detail);
    // Its keys are in the one keymap, so help and the hint line show them.
    assert!(render(&s).contains("j/↓ scroll down"), "{}", render(&s));
}

#[test]
fn the_focused_detail_scrolls_with_keys_and_stops_at_its_last_row() {
    let mut s = long_detail();
    let max = s.detail_max_scroll();
    s.update(Action::Focus(Pane::Detail));
    press(&mut s, "jj");
    assert_eq!(s.detail().scroll(), 2);
    press(&mut s, "k");
    assert_eq!(s.detail().scroll(), 1);
    assert_eq!(selected_id(&s), "c04", "j/k scroll, never move the claim");
    press(&mut s, "G");
    assert_eq!(s.detail().scroll(), max);
    press(&mut s, "j");
    assert_eq!(s.detail().scroll(), max, "no scrolling past the last row");
    // The last row is at the bottom of the pane.
    let width = (s.layout().detail.width - 2) as usize;
    let rows = s.detail_doc(width).rows;
    let last: String = rows
        .last()
        .expect("rows")
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    let text = detail_text(&s);
    let inner: Vec<&str> = text.lines().collect();
    let bottom = inner[inner.len() - 2];
    assert!(
        bottom.contains(last.trim()),
        "{bottom:?} vs {last:?}\n{text}"
    );
    press(&mut s, "g");
    assert_eq!(s.detail().scroll(), 0);
    code(&mut s, KeyCode::PageDown);
    let page = s.layout().detail.height - 2;
    assert_eq!(s.detail().scroll(), page.min(max));
    code(&mut s, KeyCode::PageUp);
    assert_eq!(s.detail().scroll(), 0);
    code(&mut s, KeyCode::End);
    assert_eq!(s.detail().scroll(), max);
    code(&mut s, KeyCode::Home);
    assert_eq!(s.detail().scroll(), 0);
}

#[test]
fn the_mouse_wheel_scrolls_the_detail_within_its_text() {
    let mut s = long_detail();
    let max = s.detail_max_scroll();
    let d = s.layout().detail;
    let (column, row) = (d.x + 2, d.y + 2);
    s.update(Action::ScrollDown { column, row });
    assert_eq!(s.detail().scroll(), 3);
    for _ in 0..100 {
        s.update(Action::ScrollDown { column, row });
    }
    assert_eq!(s.detail().scroll(), max);
    s.update(Action::ScrollUp { column, row });
    assert_eq!(s.detail().scroll(), max - 3);
}

/// Scrolls the detail down a little (with the wheel: the focus stays).
fn scrolled(mut s: AppState) -> AppState {
    let d = s.layout().detail;
    s.update(Action::ScrollDown {
        column: d.x + 2,
        row: d.y + 2,
    });
    assert_eq!(s.detail().scroll(), 3);
    s
}

/// Something a user does that shows another claim (or its history).
type Change = Box<dyn Fn(&mut AppState)>;

#[test]
fn the_detail_is_back_at_the_top_whenever_its_claim_changes() {
    let checks: Vec<(&str, Change)> = vec![
        (
            "j in the claims",
            Box::new(|s| {
                press(s, "j");
            }),
        ),
        (
            "n: next match",
            Box::new(|s| {
                press(s, "n");
            }),
        ),
        (
            "a status with advance on",
            Box::new(|s| {
                press(s, ">");
                let d = s.layout().detail;
                s.update(Action::ScrollDown {
                    column: d.x + 2,
                    row: d.y + 2,
                });
                press(s, "3");
            }),
        ),
        (
            "the timeline",
            Box::new(|s| {
                s.update(Action::Focus(Pane::Timeline));
                press(s, "j");
            }),
        ),
        (
            "]: a related claim",
            Box::new(|s| {
                press(s, "]");
            }),
        ),
        (
            "a click on another claim",
            Box::new(|s| {
                let c = s.layout().claims;
                s.update(Action::Click {
                    column: c.x + 3,
                    row: c.y + 1,
                });
            }),
        ),
        (
            "a search",
            Box::new(|s| {
                press(s, "/rumours");
            }),
        ),
        (
            "the history view",
            Box::new(|s| {
                press(s, "H");
            }),
        ),
    ];
    for (what, change) in checks {
        let mut s = scrolled(long_detail());
        let before = (s.selected_claim(), s.detail().show_history());
        change(&mut s);
        assert_ne!(
            (s.selected_claim(), s.detail().show_history()),
            before,
            "{what}: the subject changed"
        );
        assert_eq!(s.detail().scroll(), 0, "{what}");
    }
    // The same claim keeps its place: an edit does not move the view.
    let mut s = scrolled(long_detail());
    press(&mut s, "3");
    assert_eq!(s.detail().scroll(), 3);
}

#[test]
fn my_note_evidence_and_tags_come_before_the_related_claims() {
    let s = c04_with_my_work();
    let text = detail_text(&s);
    for mine in [
        "Two independent sources confirm",
        "Satellite images match.",
        "https://example.org/satellite",
        "confirmed",
        "grading B2",
    ] {
        assert!(text.contains(mine), "{mine:?} not visible:\n{text}");
    }
    let note = text.find("Two independent").expect("note");
    let related = text.find("Related").unwrap_or(usize::MAX);
    assert!(note < related, "{text}");
}

#[test]
fn my_work_at_160x45() {
    let s = c04_with_my_work();
    insta::assert_snapshot!(render(&s));
}
