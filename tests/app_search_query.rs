//! The `/` box speaks the query language: fields, negation, errors under
//! the box as it is typed (the list keeps the last query that ran), the
//! active query on the status line, Esc clears it; bare words are still
//! today's fuzzy text search.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::action::InputKey;
use claimtrack::app::{Action, AppState, KeyCode};
use claimtrack::model::ClaimIx;
use claimtrack::model::query::Query;
use claimtrack::model::search::SearchIndex;
use common::{code, press, render, shown_ids};

fn type_in_box(s: &mut AppState, text: &str) {
    s.update(Action::SearchStart);
    s.update(Action::SearchInput(InputKey::Clear));
    for c in text.chars() {
        s.update(Action::SearchInput(InputKey::Char(c)));
    }
}

/// What `Query::select` (the CLI's `--where`) picks over the whole dataset.
fn selected(s: &AppState, q: &str) -> Vec<String> {
    let all: Vec<ClaimIx> = (0..s.loaded().dataset.claims.len())
        .map(ClaimIx::from_usize)
        .collect();
    let query = Query::parse(q).expect("parses");
    let mut search = SearchIndex::build(s.loaded());
    let rows = query
        .select(s.loaded(), s.annotations().set(), &mut search, &all)
        .expect("runs");
    rows.iter()
        .map(|c| s.loaded().dataset.claims[c.i()].id.to_string())
        .collect()
}

#[test]
fn fields_in_the_box_select_what_where_selects() {
    let mut s = common::state(160, 40);
    let all = s.claims().rows().len();
    for q in [
        "stance:condemns,warns",
        "claimant:nis~",
        "-claimant:nis~ troops",
        "said:<2024-10-20 stance:asserts",
        "article:mt-* has:relations",
    ] {
        type_in_box(&mut s, q);
        assert_eq!(s.overlays().search_error(), None, "{q}");
        let want = selected(&s, q);
        assert!(
            !want.is_empty() && want.len() < all,
            "{q} narrows: {}",
            want.len()
        );
        assert_eq!(shown_ids(&s), want, "{q}");
    }
}

#[test]
fn bare_words_are_the_same_fuzzy_search_as_before() {
    let mut s = common::state(160, 40);
    type_in_box(&mut s, "troops said");
    let all: Vec<ClaimIx> = (0..s.loaded().dataset.claims.len())
        .map(ClaimIx::from_usize)
        .collect();
    let mut index = SearchIndex::build(s.loaded());
    let want: Vec<ClaimIx> = index.filter("troops said", &all);
    assert!(!want.is_empty());
    assert_eq!(s.claims().rows(), want.as_slice());
}

#[test]
fn an_error_shows_under_the_box_and_the_list_keeps_the_last_query_that_ran() {
    let mut s = common::state(160, 40);
    type_in_box(&mut s, "troops");
    let troops = shown_ids(&s);
    assert!(!troops.is_empty());
    for c in " stauts:false".chars() {
        s.update(Action::SearchInput(InputKey::Char(c)));
    }
    let e = s.overlays().search_error().expect("an error");
    assert_eq!(e, "unknown field \"stauts\" at 8; did you mean \"status\"?");
    // The last text that ran was the words "troops stauts", typed on the way.
    let last = selected(&s, "troops stauts");
    assert!(!last.is_empty() && last.len() <= troops.len());
    assert_eq!(shown_ids(&s), last, "not a silent empty list");
    let screen = render(&s);
    let line = screen
        .lines()
        .find(|l| l.contains("unknown field"))
        .expect("the error is on screen");
    assert!(line.contains("did you mean \"status\"?"), "{line}");
    // An id the dataset lacks is an error too, with a suggestion.
    type_in_box(&mut s, "claimant:nsi");
    let e = s.overlays().search_error().expect("an error");
    assert!(
        e.starts_with("unknown actor \"nsi\" in claimant: at 10"),
        "{e}"
    );
    // A bad date, precisely.
    type_in_box(&mut s, "said:2024-13");
    let e = s.overlays().search_error().expect("an error");
    assert!(e.starts_with("bad date \"2024-13\" in said:"), "{e}");
    // Fixed: the error goes and the query applies.
    type_in_box(&mut s, "status:false");
    assert_eq!(s.overlays().search_error(), None);
    assert_eq!(shown_ids(&s), selected(&s, "status:false"));
}

#[test]
fn enter_keeps_the_query_the_status_line_shows_it_and_esc_clears_it() {
    let mut s = common::state(160, 40);
    let all = s.claims().rows().len();
    type_in_box(&mut s, "status:unreviewed -troops");
    code(&mut s, KeyCode::Enter);
    assert!(s.overlays().search_input().is_none());
    assert!(s.claims().rows().len() < all);
    // Any key clears the message ("N claims match"): the chips show again.
    press(&mut s, "j");
    let screen = render(&s);
    assert!(
        screen.contains("[/ status:unreviewed -troops]"),
        "the active query is on the status line:\n{screen}"
    );
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.claims().filter().query, "");
    assert_eq!(s.claims().rows().len(), all);
    // Enter on a text in error keeps the last good query, and says so.
    type_in_box(&mut s, "troops status:");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.claims().filter().query, "troops status");
    let m = s.message().expect("said").text.clone();
    assert!(m.contains("not applied"), "{m}");
    press(&mut s, "/");
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.claims().rows().len(), all);
}
