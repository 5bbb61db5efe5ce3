#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Authoring on existing items from the TUI (issue 12 §3): the file is the
//! truth, outside saves reload the state, delete asks and refuses while
//! anything refers to the item, and `u` undoes it byte for byte.

mod common;

use std::path::{Path, PathBuf};

use claimtrack::app::KeyCode;
use claimtrack::app::{Action, AppState, FileDataset, MemoryBackend, Pane};
use claimtrack::model::authoring::{List, NewItem, append, references_to, remove_item};
use claimtrack::model::load::BUNDLED_SOURCE;
use claimtrack::model::{Status, parse_str};
use common::{code, press, selected_id};
use ratatui::layout::Rect;

/// The seed (where every claim is in an event) and two claims nothing
/// refers to, which can be deleted.
fn src() -> String {
    let ds = parse_str(BUNDLED_SOURCE).unwrap().dataset;
    let mut text = BUNDLED_SOURCE.to_owned();
    for id in ["c98", "c99"] {
        let mut c = ds.claims[0].clone();
        c.id = id.into();
        c.relations.clear();
        text = append(&text, &NewItem::Claim(c)).unwrap();
    }
    text
}

fn file_state(dir: &Path) -> (AppState, PathBuf) {
    let path = dir.join("d.ron");
    let text = src();
    std::fs::write(&path, &text).unwrap();
    let loaded = parse_str(&text).unwrap();
    let backend = MemoryBackend::new(&loaded.dataset.id, "tester");
    let s = AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 160, 45))
        .with_dataset_file(Box::new(FileDataset::open(&path).unwrap()));
    (s, path)
}

/// As editors save: a new file renamed over the old one.
fn save_outside(path: &Path, text: &str) {
    let tmp = path.with_extension("ron.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn select(s: &mut AppState, id: &str) {
    let c = s.loaded().index.claim_by_id[id];
    s.update(Action::SelectClaim(c));
    assert_eq!(selected_id(s), id);
}

/// Claims nothing else in the seed refers to (they can be deleted).
fn unreferenced_claims() -> Vec<String> {
    let ds = parse_str(&src()).unwrap().dataset;
    ds.claims
        .iter()
        .filter(|c| references_to(&ds, List::Claims, &c.id).is_empty())
        .map(|c| c.id.to_string())
        .collect()
}

fn message(s: &AppState) -> String {
    s.message().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn an_outside_save_reloads_and_keeps_the_selected_claim() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let gone = &unreferenced_claims()[0];
    // A claim after the one removed: its index moves, its id does not.
    let keep = s
        .loaded()
        .dataset
        .claims
        .iter()
        .rev()
        .find(|c| c.id != gone)
        .unwrap()
        .id
        .clone();
    select(&mut s, &keep);
    let theirs = remove_item(&src(), List::Claims, gone).unwrap().text;
    save_outside(&path, &theirs);
    s.update(Action::DatasetChanged);
    assert!(
        message(&s).contains("changed on disk: reloaded"),
        "{}",
        message(&s)
    );
    assert!(message(&s).contains("1 claim gone"), "{}", message(&s));
    assert!(!s.loaded().index.claim_by_id.contains_key(gone.as_str()));
    assert_eq!(selected_id(&s), keep);
    // Their version is the one held now: asking again reloads nothing.
    s.update(Action::Down);
    s.update(Action::DatasetChanged);
    assert_eq!(s.message().map(|m| m.text.clone()), None);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

/// Highlight positions are cached by claim index; a reload that moves the
/// claims must not show the old claim's positions on the new one.
#[test]
fn an_outside_save_that_moves_claims_keeps_highlights_true() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    press(&mut s, "/troops");
    code(&mut s, KeyCode::Enter);
    assert!(s.highlights().query() == "troops");
    // A claim with another text at the head of the list: every index moves.
    let text = src();
    let start = text
        .find("        Claim(\n            id: \"c04\"")
        .unwrap();
    let end = start + text[start..].find("\n        ),\n").unwrap() + "\n        ),\n".len();
    let item = text[start..end].replacen("\"c04\"", "\"c00\"", 1);
    let theirs = text.replacen("    claims: [\n", &format!("    claims: [\n{item}"), 1);
    save_outside(&path, &theirs);
    s.update(Action::DatasetChanged);
    assert!(s.loaded().index.claim_by_id.contains_key("c00"));
    // What a state opened on their file shows.
    let loaded = parse_str(&theirs).unwrap();
    let backend = MemoryBackend::new(&loaded.dataset.id, "tester");
    let mut fresh = AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 160, 45));
    press(&mut fresh, "/troops");
    code(&mut fresh, KeyCode::Enter);
    let by_id = |st: &AppState| -> Vec<(String, Vec<u32>)> {
        st.claims()
            .rows()
            .iter()
            .take(20)
            .map(|&c| (common::claim_id(st, c), st.highlights().of(c).to_vec()))
            .collect()
    };
    assert_eq!(by_id(&s), by_id(&fresh));
}

#[test]
fn a_vanished_selected_claim_leaves_the_cursor_on_the_nearest_row() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let gone = unreferenced_claims()[0].clone();
    select(&mut s, &gone);
    let row = s.claims().cursor().selected;
    save_outside(
        &path,
        &remove_item(&src(), List::Claims, &gone).unwrap().text,
    );
    s.update(Action::Tick);
    let rows = s.claims().rows().len();
    assert_eq!(s.claims().cursor().selected, row.min(rows - 1));
    assert_ne!(selected_id(&s), gone);
}

#[test]
fn the_annotation_of_a_claim_removed_outside_becomes_an_orphan() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let gone = unreferenced_claims()[0].clone();
    select(&mut s, &gone);
    s.update(Action::SetStatus(Status::Verified));
    save_outside(
        &path,
        &remove_item(&src(), List::Claims, &gone).unwrap().text,
    );
    s.update(Action::DatasetChanged);
    assert!(
        message(&s).contains("1 annotation kept as orphan"),
        "{}",
        message(&s)
    );
    assert_eq!(s.orphans(), vec![gone.as_str()]);
    // Still recorded in the store, never dropped.
    assert_eq!(s.annotations().set().status(&gone), Status::Verified);
}

#[test]
fn a_bad_outside_save_keeps_the_data_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let n = s.loaded().dataset.claims.len();
    save_outside(
        &path,
        &src().replacen("format: 1,", "format: 1,\n    oops: 2,", 1),
    );
    s.update(Action::DatasetChanged);
    let m = s.message().unwrap().clone();
    assert!(m.error);
    assert!(m.text.contains("does not load"), "{}", m.text);
    assert!(
        m.text.contains(&format!("{}:", path.display())) && m.text.contains("oops"),
        "{}",
        m.text
    );
    assert!(m.text.contains(":8:5: error"), "file:line:col: {}", m.text);
    assert_eq!(s.loaded().dataset.claims.len(), n);
    s.update(Action::Tick);
    assert_eq!(s.loaded().dataset.claims.len(), n);
}

#[test]
fn delete_is_refused_while_anything_refers_to_the_item_and_lists_what() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    // The claimant of the first claim: claims and events cite it.
    let actor = s.loaded().dataset.claims[0].claimant.clone();
    let a = s.loaded().index.actor_by_id[&actor];
    s.update(Action::Focus(Pane::Actors));
    while s.actors().selected() != Some(a) {
        s.update(Action::Down);
    }
    press(&mut s, "D");
    let m = message(&s);
    assert!(m.contains(&format!("actor {actor} is not deleted")), "{m}");
    assert!(
        m.contains(&format!(
            "claim {} (claimant)",
            s.loaded().dataset.claims[0].id
        )),
        "{m}"
    );
    assert!(s.overlays().delete_prompt().is_none(), "nothing is asked");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src());
}

#[test]
fn delete_asks_then_writes_and_undo_puts_the_bytes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let id = unreferenced_claims()[0].clone();
    select(&mut s, &id);
    press(&mut s, "D");
    assert!(
        message(&s).contains(&format!("delete claim {id}")),
        "{}",
        message(&s)
    );
    press(&mut s, "n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src());
    press(&mut s, "Dy");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        parse_str(&written).is_ok(),
        "check passes on the written file"
    );
    assert!(!s.loaded().index.claim_by_id.contains_key(id.as_str()));
    assert_eq!(
        written,
        remove_item(&src(), List::Claims, &id).unwrap().text
    );
    press(&mut s, "u");
    assert!(
        message(&s).contains(&format!("undid: deleted claim {id}")),
        "{}",
        message(&s)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src());
    assert!(s.loaded().index.claim_by_id.contains_key(id.as_str()));
    s.update(Action::Redo);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
}

#[test]
fn one_undo_stack_in_app_order_for_annotations_and_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let ids = unreferenced_claims();
    let (noted, deleted) = (&ids[0], &ids[1]);
    select(&mut s, noted);
    s.update(Action::SetStatus(Status::False));
    select(&mut s, deleted);
    press(&mut s, "Dy");
    select(&mut s, noted);
    s.update(Action::SetStatus(Status::Verified));
    press(&mut s, "u");
    assert_eq!(s.annotations().set().status(noted), Status::False);
    assert!(!s.loaded().index.claim_by_id.contains_key(deleted.as_str()));
    press(&mut s, "u");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), src());
    assert_eq!(s.annotations().set().status(noted), Status::False);
    press(&mut s, "u");
    assert_eq!(s.annotations().set().status(noted), Status::Unreviewed);
}

#[test]
fn a_delete_after_an_outside_change_keeps_theirs_and_undo_too() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let id = unreferenced_claims()[0].clone();
    select(&mut s, &id);
    // Someone saves a comment before the TUI notices.
    let theirs = format!("// theirs\n{}", src());
    save_outside(&path, &theirs);
    press(&mut s, "Dy");
    let m = message(&s);
    assert!(m.contains("changed on disk"), "{m}");
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.starts_with("// theirs\n") && !now.contains(&format!("id: \"{id}\"")));
    // And again before the undo: undone on their newest version, by id.
    let again = format!("// again\n{now}");
    save_outside(&path, &again);
    press(&mut s, "u");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("// again\n{theirs}")
    );
}

#[test]
fn a_claim_deleted_outside_cannot_be_deleted_again_and_nothing_is_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = file_state(dir.path());
    let id = unreferenced_claims()[0].clone();
    select(&mut s, &id);
    press(&mut s, "D");
    let theirs = remove_item(&src(), List::Claims, &id).unwrap().text;
    std::fs::write(&path, &theirs).unwrap();
    press(&mut s, "y");
    let m = s.message().unwrap().clone();
    assert!(m.error && m.text.contains("not in the file"), "{}", m.text);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn the_bundled_dataset_cannot_be_changed_and_says_so() {
    let mut s = common::state(160, 45);
    let before = selected_id(&s);
    press(&mut s, "D");
    assert!(
        message(&s).contains("bundled dataset is read-only"),
        "{}",
        message(&s)
    );
    assert_eq!(selected_id(&s), before);
}

/// As the TUI starts from the cache: the backend takes the version the
/// cache loaded and reads nothing; an edit then reads the file, knows it
/// unchanged, and after an outside save applies to their version.
#[test]
fn opened_from_the_cache_the_file_is_read_only_when_an_edit_needs_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    std::fs::write(&path, src()).unwrap();
    let cache = dir.path().join("cache");
    let open = || claimtrack::model::cache::open_cached(&path, Some(&cache), &mut |_| {}).unwrap();
    open();
    let opened = open();
    assert_eq!(opened.outcome, claimtrack::model::cache::CacheOutcome::Hit);
    let file = FileDataset::open_loaded(&path, opened.version.as_ref()).unwrap();
    assert_eq!(file.reads(), 0, "start-up reads nothing");
    let backend = MemoryBackend::new(&opened.loaded.dataset.id, "tester");
    let mut s = AppState::new(opened.loaded, Box::new(backend), Rect::new(0, 0, 160, 45))
        .with_dataset_file(Box::new(file));
    let ids = unreferenced_claims();
    select(&mut s, &ids[0]);
    press(&mut s, "Dy");
    let m = message(&s);
    assert!(
        m.contains("deleted") && !m.contains("changed on disk"),
        "{m}"
    );
    let ours = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        ours,
        remove_item(&src(), List::Claims, &ids[0]).unwrap().text
    );
    // Someone saves before the TUI notices: the next delete applies to theirs.
    let theirs = format!("// theirs\n{ours}");
    save_outside(&path, &theirs);
    select(&mut s, &ids[1]);
    press(&mut s, "Dy");
    assert!(message(&s).contains("changed on disk"), "{}", message(&s));
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.starts_with("// theirs\n") && !now.contains(&format!("id: \"{}\"", ids[1])));
}

/// A large file's outside save is read and parsed off the UI thread (a
/// second at 100k claims): the screen keeps the version shown, then swaps.
#[test]
fn an_outside_save_of_a_large_file_is_read_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let (s, path) = file_state(dir.path());
    let mut s = s.with_dataset_file(Box::new(
        FileDataset::open(&path).unwrap().with_background_from(0),
    ));
    let gone = unreferenced_claims()[0].clone();
    let theirs = remove_item(&src(), List::Claims, &gone).unwrap().text;
    save_outside(&path, &theirs);
    s.update(Action::DatasetChanged);
    assert!(
        s.loaded().index.claim_by_id.contains_key(gone.as_str()),
        "not yet"
    );
    assert!(s.busy(), "the event loop polls until it is read");
    // Keys still act meanwhile, on the version shown.
    s.update(Action::Down);
    while s.busy() {
        s.update(Action::Poll);
    }
    assert!(!s.loaded().index.claim_by_id.contains_key(gone.as_str()));
    assert!(
        message(&s).contains("changed on disk: reloaded"),
        "{}",
        message(&s)
    );
    assert!(s.take_repaint(), "the new version is drawn");
}
