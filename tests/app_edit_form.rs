#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The edit form of existing claims, actors and events (`Ctrl-E`, issue 12
//! §3): written back in place (only the item's bytes change), checked like
//! `check`, undoable; ids something refers to do not change.

mod common;

use std::path::{Path, PathBuf};

use claimtrack::app::claim_form::SaveAs;
use claimtrack::app::{Action, AppState, FileDataset, KeyCode, MemoryBackend, Pane, Scope};
use claimtrack::model::authoring::{List, NewItem, append, locate_item};
use claimtrack::model::load::BUNDLED_SOURCE;
use claimtrack::model::parse_str;
use common::{code, ctrl, press};
use ratatui::layout::Rect;

fn src() -> String {
    let ds = parse_str(BUNDLED_SOURCE).unwrap().dataset;
    let mut c = ds.claims[0].clone();
    c.id = "c99".into();
    c.relations.clear();
    append(BUNDLED_SOURCE, &NewItem::Claim(c)).unwrap()
}

fn file_state(dir: &Path) -> (AppState, PathBuf) {
    let path = dir.join("d.ron");
    std::fs::write(&path, src()).unwrap();
    let loaded = parse_str(&src()).unwrap();
    let backend = MemoryBackend::new(&loaded.dataset.id, "tester");
    let s = AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 160, 45))
        .with_dataset_file(Box::new(FileDataset::open(&path).unwrap()));
    (s, path)
}

fn message(s: &AppState) -> String {
    s.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn to_actor(s: &mut AppState, id: &str) {
    let a = s.loaded().index.actor_by_id[id];
    s.update(Action::Focus(Pane::Actors));
    while s.actors().selected() != Some(a) {
        s.update(Action::Down);
    }
}

/// Everything but the item `id` of `list` is byte-identical.
fn only_item_changed(before: &str, after: &str, list: List, id: &str) {
    let a = locate_item(before, list, id).unwrap().span;
    let b = locate_item(after, list, id).unwrap().span;
    assert_eq!(before[..a.start], after[..b.start]);
    assert_eq!(before[a.end..], after[b.end..]);
}

#[test]
fn an_actor_is_edited_in_place_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let actor = s.loaded().dataset.actors[3].clone();
    to_actor(&mut s, &actor.id);
    ctrl(&mut s, 'e');
    assert_eq!(s.scopes(), vec![Scope::ItemForm]);
    let screen = common::render(&s);
    assert!(
        screen.contains(&format!("Edit actor {}", actor.id)),
        "{screen}"
    );
    for label in ["id", "name", "kind", "aliases", "part_of", "note"] {
        assert!(
            screen.lines().any(|l| l.contains(&format!("┃{label} "))),
            "{label}: {screen}"
        );
    }
    code(&mut s, KeyCode::Tab);
    press(&mut s, " (edited)");
    code(&mut s, KeyCode::Tab);
    ctrl(&mut s, 't');
    ctrl(&mut s, 's');
    assert!(
        message(&s).contains(&format!("edited actor {}", actor.id)),
        "{}",
        message(&s)
    );
    assert!(s.overlays().item_form().is_none());
    let now = std::fs::read_to_string(&path).unwrap();
    let edited = &parse_str(&now).unwrap().dataset.actors[3];
    assert_eq!(edited.name, format!("{} (edited)", actor.name));
    assert_ne!(edited.kind, actor.kind);
    only_item_changed(&src(), &now, List::Actors, &actor.id);
    assert_eq!(s.loaded().dataset.actors[3].name, edited.name);
    press(&mut s, "u");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src());
}

#[test]
fn a_claim_is_edited_in_the_claim_form_in_place_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let c = s.loaded().index.claim_by_id["c99"];
    let before = s.loaded().dataset.claims[c.i()].clone();
    s.update(Action::SelectClaim(c));
    ctrl(&mut s, 'e');
    let form = s.overlays().claim_form().expect("the claim form");
    assert_eq!(form.save_as, SaveAs::Replace("c99".into()));
    assert!(
        form.checked().problems.is_empty(),
        "{:?}",
        form.checked().problems
    );
    assert_eq!(form.checked().id, "c99");
    assert!(common::render(&s).contains("Edit claim c99"));
    // Back to the text, add to it, save.
    code(&mut s, KeyCode::BackTab);
    press(&mut s, " (edited)");
    ctrl(&mut s, 's');
    assert!(message(&s).contains("edited claim c99"), "{}", message(&s));
    assert!(s.overlays().claim_form().is_none());
    let now = std::fs::read_to_string(&path).unwrap();
    let l = parse_str(&now).expect("check passes on the written file");
    let edited = l.dataset.claims.iter().find(|c| c.id == "c99").unwrap();
    assert_eq!(edited.text, format!("{} (edited)", before.text));
    assert_eq!(
        (&edited.said, &edited.said_as, &edited.tags, &edited.via),
        (&before.said, &before.said_as, &before.tags, &before.via),
        "what was not edited is kept"
    );
    assert_eq!(l.dataset.claims.len(), s.loaded().dataset.claims.len());
    only_item_changed(&src(), &now, List::Claims, "c99");
    code(&mut s, KeyCode::Esc);
    press(&mut s, "u");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src());
}

#[test]
fn the_id_of_an_actor_claims_cite_does_not_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let actor = s.loaded().dataset.claims[0].claimant.clone();
    to_actor(&mut s, &actor);
    ctrl(&mut s, 'e');
    press(&mut s, "-2");
    ctrl(&mut s, 's');
    let m = message(&s);
    assert!(m.contains(&format!("the id {actor} cannot change")), "{m}");
    assert!(m.contains("(claimant)"), "{m}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src());
}

#[test]
fn esc_on_a_changed_form_asks_and_an_unchanged_one_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _path) = file_state(dir.path());
    let first = s.loaded().dataset.actors[0].id.clone();
    to_actor(&mut s, &first);
    ctrl(&mut s, 'e');
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().item_form().is_none());
    ctrl(&mut s, 'e');
    press(&mut s, "x");
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.scopes(), vec![Scope::DiscardItemForm]);
    press(&mut s, "n");
    assert_eq!(s.scopes(), vec![Scope::ItemForm]);
    code(&mut s, KeyCode::Esc);
    press(&mut s, "y");
    assert!(s.overlays().item_form().is_none());
    assert!(message(&s).contains("discarded"));
}

#[test]
fn an_event_is_edited_from_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    s.update(Action::Focus(Pane::Timeline));
    // To the first event row.
    let event = |s: &AppState| match s.highlighted_item() {
        Ok((List::Events, id, _)) => Some(id),
        _ => None,
    };
    for _ in 0..40 {
        if event(&s).is_some() {
            break;
        }
        s.update(Action::Down);
    }
    let id = event(&s).expect("an event row");
    ctrl(&mut s, 'e');
    code(&mut s, KeyCode::Tab);
    code(&mut s, KeyCode::Tab);
    press(&mut s, " (checked)");
    ctrl(&mut s, 's');
    assert!(
        message(&s).contains(&format!("edited event {id}")),
        "{}",
        message(&s)
    );
    let now = std::fs::read_to_string(&path).unwrap();
    let l = parse_str(&now).unwrap();
    assert!(
        l.dataset
            .events
            .iter()
            .any(|e| e.id == id && e.title.ends_with(" (checked)"))
    );
    only_item_changed(&src(), &now, List::Events, &id);
}

#[test]
fn a_claim_made_in_the_new_claim_form_is_undone_with_u() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    press(&mut s, "jjjjj");
    code(&mut s, KeyCode::Enter);
    press(&mut s, "veeeeeeec");
    assert!(s.overlays().claim_form().is_some(), "{:?}", s.message());
    press(&mut s, "nis");
    code(&mut s, KeyCode::Enter);
    ctrl(&mut s, 's');
    assert!(message(&s).contains("added claim"), "{}", message(&s));
    assert_ne!(std::fs::read_to_string(&path).unwrap(), src());
    code(&mut s, KeyCode::Esc);
    press(&mut s, "u");
    assert!(
        message(&s).contains("undid: added claim"),
        "{}",
        message(&s)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src());
    s.update(Action::Redo);
    assert!(
        message(&s).contains("redid: added claim"),
        "{}",
        message(&s)
    );
}
