//! The TUI's search box finds claims by the analyst's own note and tags.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::action::InputKey;
use claimtrack::app::{Action, AppState, EditorField, Key, KeyCode};

fn search(s: &mut AppState, q: &str) -> Vec<String> {
    s.update(Action::SearchStart);
    s.update(Action::SearchInput(InputKey::Clear));
    for c in q.chars() {
        s.update(Action::SearchInput(InputKey::Char(c)));
    }
    s.update(Action::SearchAccept);
    s.claims()
        .rows()
        .iter()
        .map(|c| s.loaded().dataset.claims[c.i()].id.to_string())
        .collect()
}

#[test]
fn a_note_written_in_the_session_is_found_by_search() {
    let mut s = common::state(160, 50);
    assert!(search(&mut s, "kumquat").is_empty());
    search(&mut s, "");
    let c = s.loaded().index.claim_by_id["c04"];
    s.update(Action::SelectClaim(c));
    assert_eq!(s.selected_claim(), Some(c));
    s.update(Action::OpenEditor(EditorField::Note));
    for ch in "kumquat seller".chars() {
        s.update(Action::EditorInput(Key::new(KeyCode::Char(ch))));
    }
    s.update(Action::EditorSave);
    assert_eq!(search(&mut s, "kumquat"), vec!["c04".to_owned()]);
}

/// Types `text` into the editor `field` of claim `id` and saves it.
fn write_field(s: &mut AppState, id: &str, field: EditorField, text: &str) {
    let c = s.loaded().index.claim_by_id[id];
    s.update(Action::SelectClaim(c));
    s.update(Action::OpenEditor(field));
    for ch in text.chars() {
        s.update(Action::EditorInput(Key::new(KeyCode::Char(ch))));
    }
    s.update(Action::EditorSave);
}

#[test]
fn evidence_and_tags_written_in_the_session_are_found_by_search_too() {
    let mut s = common::state(160, 50);
    assert!(search(&mut s, "persimmon").is_empty());
    assert!(search(&mut s, "quokka").is_empty());
    search(&mut s, "");
    write_field(
        &mut s,
        "c05",
        EditorField::Evidence,
        "https://persimmon.example/x",
    );
    write_field(&mut s, "c06", EditorField::Tags, "quokka");
    assert_eq!(search(&mut s, "persimmon"), vec!["c05".to_owned()]);
    assert_eq!(search(&mut s, "quokka"), vec!["c06".to_owned()]);
    // Words and fields together, in the same box.
    assert_eq!(
        search(&mut s, "has:evidence persimmon"),
        vec!["c05".to_owned()]
    );
    assert!(search(&mut s, "-has:evidence persimmon").is_empty());
}
