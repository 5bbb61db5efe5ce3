//! Snapshots that see styles, for the screens where style carries meaning:
//! which row is selected, which words are the quote, what colour a status
//! is, which characters matched a search. See `render_styled`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::KeyCode;
use common::*;

#[test]
fn the_selection_and_status_colours() {
    let mut s = state(120, 30);
    // Three statuses in three colours, the cursor on a fourth claim.
    press(&mut s, "3j5j4j");
    insta::assert_snapshot!(render_styled(&s));
}

#[test]
fn the_reader_highlights_the_quote() {
    let mut s = state(100, 24);
    press(&mut s, "jjj");
    code(&mut s, KeyCode::Enter);
    insta::assert_snapshot!(render_styled(&s));
}

#[test]
fn search_matches_are_highlighted() {
    let mut s = state(120, 30);
    press(&mut s, "/troops");
    insta::assert_snapshot!(render_styled(&s));
}

/// The styled renderer sees what the plain one cannot: the same screen in
/// colour and without colour has the same text and different style marks.
#[test]
fn the_styled_render_sees_a_change_of_style_alone() {
    let mut s = state(120, 30);
    press(&mut s, "3");
    let colour = render_styled_with(&s, &claimtrack::ui::Theme::dark());
    let mono = render_styled_with(&s, &claimtrack::ui::Theme::mono());
    let text =
        |r: &str| -> Vec<String> { r.lines().step_by(2).take(30).map(str::to_owned).collect() };
    assert_eq!(text(&colour), text(&mono), "same text");
    assert_ne!(colour, mono, "different styles");
    assert!(colour.contains("\n--\na = "), "{colour}");
}
