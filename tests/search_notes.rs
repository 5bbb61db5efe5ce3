//! The TUI's search box finds claims by the analyst's own note and tags.

mod common;

use claimtrack::app::action::InputKey;
use claimtrack::app::{Action, EditorField};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn type_into_editor(s: &mut claimtrack::app::AppState, text: &str) {
    for c in text.chars() {
        s.update(Action::EditorInput(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

fn search(s: &mut claimtrack::app::AppState, q: &str) -> Vec<String> {
    s.update(Action::SearchStart);
    s.update(Action::SearchInput(InputKey::Clear));
    for c in q.chars() {
        s.update(Action::SearchInput(InputKey::Char(c)));
    }
    s.update(Action::SearchAccept);
    s.claim_rows
        .iter()
        .map(|c| s.loaded.dataset.claims[c.i()].id.clone())
        .collect()
}

#[test]
fn a_note_written_in_the_session_is_found_by_search() {
    let mut s = common::state(160, 50);
    assert!(search(&mut s, "kumquat").is_empty());
    search(&mut s, "");
    let id = "c04".to_owned();
    let c = s.loaded.index.claim_by_id[&id];
    s.select_claim(c);
    assert_eq!(s.selected_claim(), Some(c));
    s.update(Action::OpenEditor(EditorField::Note));
    type_into_editor(&mut s, "kumquat seller");
    s.update(Action::EditorSave);
    assert_eq!(search(&mut s, "kumquat"), vec![id]);
}
