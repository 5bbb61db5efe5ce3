//! State tests for adjudication (issue 13 §4): the conflicts filter, the
//! numbered choices and `T` then a number taking one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::{AppState, Choice, KeyCode, MemoryBackend};
use claimtrack::model::annotation::{Conflict, ConflictSide};
use claimtrack::model::{AnnotationField, AnnotationSet, Edit, Status, load_bundled};
use common::*;
use jiff::Timestamp;
use ratatui::layout::Rect;

fn t(s: i64) -> Option<Timestamp> {
    Timestamp::from_second(1_764_000_000 + s).ok()
}

fn side(value: Edit, who: &str, at: i64) -> ConflictSide {
    ConflictSide {
        value,
        analyst: Some(who.into()),
        at: t(at),
    }
}

/// c04's status and c07's status and note in conflict (as a merge leaves them).
fn conflicted() -> AnnotationSet {
    let mut set = AnnotationSet::new("nk-troops-ukraine");
    let at = t(0).expect("time");
    set.apply("c04", &Edit::Status(Status::Verified), "ana", at);
    set.apply("c07", &Edit::Status(Status::False), "bob", at);
    set.conflicts = vec![
        Conflict {
            claim: "c04".into(),
            field: AnnotationField::Status,
            sides: vec![
                side(Edit::Status(Status::Verified), "ana", 1),
                side(Edit::Status(Status::False), "bob", 2),
            ],
        },
        Conflict {
            claim: "c07".into(),
            field: AnnotationField::Status,
            sides: vec![
                side(Edit::Status(Status::Misleading), "ana", 1),
                side(Edit::Status(Status::False), "bob", 2),
            ],
        },
        Conflict {
            claim: "c07".into(),
            field: AnnotationField::Note,
            sides: vec![
                side(Edit::Note("one source".into()), "ana", 1),
                side(Edit::Note("two sources".into()), "bob", 2),
            ],
        },
    ];
    set.format = 2;
    set
}

fn state_with(set: AnnotationSet) -> AppState {
    let loaded = load_bundled().expect("bundled dataset");
    let backend = MemoryBackend {
        set,
        analyst: "eve".into(),
        clock: || Timestamp::UNIX_EPOCH,
    };
    AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 160, 45))
}

#[test]
fn bang_shows_only_claims_with_conflicts_and_again_everything() {
    let mut s = state_with(conflicted());
    press(&mut s, "!");
    assert_eq!(shown_ids(&s), ["c04", "c07"]);
    assert!(s.claims().filter().contested);
    assert!(
        s.message()
            .is_some_and(|m| m.text.contains("2 claims to adjudicate"))
    );
    press(&mut s, "!");
    assert_eq!(s.claims().rows().len(), s.loaded().dataset.claims.len());
    // Esc clears it like any filter.
    press(&mut s, "!");
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.claims().rows().len(), s.loaded().dataset.claims.len());
}

#[test]
fn choices_are_numbered_field_by_field_side_by_side() {
    let mut s = state_with(conflicted());
    press(&mut s, "!j");
    assert_eq!(selected_id(&s), "c07");
    let c = s.selected_claim().expect("selected");
    let fields: Vec<(AnnotationField, String)> = s
        .choices(c)
        .into_iter()
        .filter_map(|c| match c {
            Choice::Side { field, analyst, .. } => Some((field, analyst.unwrap_or_default())),
            Choice::Analyst(_) => None,
        })
        .collect();
    assert_eq!(
        fields,
        [
            (AnnotationField::Status, "ana".to_owned()),
            (AnnotationField::Status, "bob".to_owned()),
            (AnnotationField::Note, "ana".to_owned()),
            (AnnotationField::Note, "bob".to_owned()),
        ]
    );
    let screen = render(&s);
    for line in [
        "CONFLICT on the status · T then a number takes",
        "1  ≈ Misleading  ana · 2025-11-24",
        "2  ✗ False  bob · 2025-11-24",
        "CONFLICT on the note",
        "4  two sources  bob",
    ] {
        assert!(screen.contains(line), "{line:?} in\n{screen}");
    }
}

#[test]
fn t_then_a_number_takes_that_side_and_the_history_says_whose() {
    let mut s = state_with(conflicted());
    press(&mut s, "!j");
    // c07's note: bob's.
    press(&mut s, "T4");
    let set = s.annotations().set();
    assert_eq!(set.get("c07").map(|a| a.note.as_str()), Some("two sources"));
    assert!(set.conflict("c07", AnnotationField::Note).is_none());
    let last = set.history.last().expect("recorded");
    assert_eq!(
        (last.analyst.as_str(), last.adjudication().as_deref()),
        ("eve", Some("adjudicated: took bob's note"))
    );
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("c07: adjudicated: took bob's note (two sources)")
    );
    // The status conflict is left: c07 stays in the list, now with 2 choices.
    assert_eq!(selected_id(&s), "c07");
    assert_eq!(s.choices(s.selected_claim().expect("c07")).len(), 2);
    press(&mut s, "T1");
    assert_eq!(s.annotations().set().status("c07"), Status::Misleading);
    let c07 = s.loaded().index.claim_by_id["c07"];
    assert_eq!(s.statuses().of(c07), Status::Misleading);
    // Settled: it leaves the list; the cursor rests on what is left.
    assert_eq!(shown_ids(&s), ["c04"]);
    assert_eq!(selected_id(&s), "c04");
    assert_eq!(
        s.statuses().total()[Status::Misleading as usize],
        1,
        "the counts follow"
    );
    press(&mut s, "T2");
    assert_eq!(s.annotations().conflict_count(), 0);
    assert!(shown_ids(&s).is_empty());
    // The history view shows the adjudication.
    press(&mut s, "!");
    press(&mut s, "jjjH");
    let screen = render(&s);
    assert!(
        screen.contains("adjudicated: took") && screen.contains("bob's status"),
        "{screen}"
    );
}

#[test]
fn a_number_with_no_choice_or_esc_changes_nothing() {
    let mut s = state_with(conflicted());
    let before = s.annotations().set().clone();
    press(&mut s, "T3"); // c01: nothing to adjudicate
    assert_eq!(
        s.message().map(|m| (m.text.as_str(), m.error)),
        Some(("c01 has nothing to adjudicate", true))
    );
    press(&mut s, "jjjT7");
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("c04 has 2 choices (T 1-2)")
    );
    press(&mut s, "T");
    code(&mut s, KeyCode::Esc);
    press(&mut s, "2"); // a plain 2 after the cancelled chord: a status key
    assert_eq!(s.annotations().set().status("c04"), Status::InProgress);
    assert_eq!(s.annotations().set().conflicts, before.conflicts);
}
