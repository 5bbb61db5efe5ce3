//! State tests of small frictions from the power-use walk-through (issue 14
//! §6): undo says what it undid, a wrong key after a chord says so, and the
//! search box counts in good English.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use claimtrack::app::KeyCode;
use common::*;

fn message(s: &claimtrack::app::AppState) -> (String, bool) {
    s.message()
        .as_ref()
        .map(|m| (m.text.clone(), m.error))
        .unwrap_or_default()
}

#[test]
fn undo_and_redo_say_what_they_put_back() {
    let mut s = state(160, 45);
    press(&mut s, "jjj3");
    press(&mut s, "u");
    assert_eq!(message(&s).0, "undid: c04 status = Unreviewed");
    ctrl(&mut s, 'r');
    assert_eq!(message(&s).0, "redid: c04 status = Verified");
    // A bulk edit names the field, the count and the first claims.
    press(&mut s, "gK");
    press(&mut s, " ");
    press(&mut s, " ");
    press(&mut s, " ");
    press(&mut s, " ");
    press(&mut s, "5");
    press(&mut s, "u");
    let (text, _) = message(&s);
    assert!(
        text.starts_with("undid: status on 4 claims (c01, c02, c03, …)"),
        "{text}"
    );
}

#[test]
fn a_key_that_is_no_choice_of_a_chord_says_it_cancelled() {
    let mut s = state(160, 45);
    press(&mut s, "rz");
    let (text, error) = message(&s);
    assert!(error && text.contains("cancelled"), "{text}");
    assert!(
        s.annotations().set().get("c01").is_none(),
        "nothing changed"
    );
    // Esc cancels quietly: that was asked for.
    press(&mut s, "r");
    code(&mut s, KeyCode::Esc);
    assert_eq!(message(&s).0, "");
}

#[test]
fn one_search_match_is_one_match() {
    let mut s = state(160, 45);
    // A phrase only one claim has.
    press(&mut s, "/summoned the Russian");
    let screen = render(&s);
    assert_eq!(s.claims().rows().len(), 1, "{screen}");
    assert!(screen.contains("1 match ·"), "{screen}");
    assert!(!screen.contains("1 matches"), "{screen}");
    // And the message once the search is kept.
    code(&mut s, KeyCode::Enter);
    let (said, _) = message(&s);
    assert!(said.starts_with("1 claim matches “"), "{said}");
}
