//! Rendering tests of the §6 frictions (issue 14): the Unverifiable status
//! keeps a gap before the claimant at every width, `? help` stays on the
//! hint line at narrow widths, the actors' counts are labelled, and each
//! claims row marks a note, a grading and evidence.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use claimtrack::app::{Action, EditorField, Key, KeyCode, Pane};
use common::*;

#[test]
fn unverifiable_never_runs_into_the_claimant() {
    for w in [60u16, 80, 100, 120, 140, 160, 200, 240] {
        let mut s = state(w, 30);
        press(&mut s, "7");
        let screen = render(&s);
        let label = if screen.contains("? Unverifiable") {
            "? Unverifiable"
        } else {
            "?unv"
        };
        let line = screen
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("a row marked {label} at {w}:\n{screen}"));
        let after = line.split(label).nth(1).unwrap_or_default();
        assert!(
            after.starts_with(' '),
            "a gap after {label} at width {w}: {line:?}"
        );
    }
}

#[test]
fn the_hint_line_keeps_help_visible_at_60_columns() {
    for w in [40u16, 60, 80] {
        let s = state(w, 20);
        let screen = render(&s);
        let hint = screen.lines().last().unwrap_or_default();
        assert!(hint.trim_end().ends_with("? help"), "width {w}: {hint:?}");
    }
    let mut s = state(60, 20);
    s.update(Action::Focus(Pane::Claims));
    insta::assert_snapshot!(render(&s));
}

#[test]
fn the_actor_counts_are_labelled() {
    for w in [100u16, 120, 160] {
        let s = state(w, 40);
        let screen = render(&s);
        assert!(screen.contains("made/about"), "{screen}");
    }
    assert!(render(&state(160, 40)).contains("Actors · claims made/about"));
    assert!(render(&state(240, 40)).contains("Actors 26 · claims made/about"));
}

#[test]
fn claims_rows_mark_a_note_a_grading_and_evidence() {
    let mut s = state(160, 24);
    // c01: a note; c02: a grading; c03: evidence; c04: all three.
    let write = |s: &mut claimtrack::app::AppState, field, text: &str| {
        s.update(Action::OpenEditor(field));
        for ch in text.chars() {
            s.update(Action::EditorInput(Key::new(KeyCode::Char(ch))));
        }
        s.update(Action::EditorSave);
    };
    write(&mut s, EditorField::Note, "checked");
    press(&mut s, "j");
    press(&mut s, "rb");
    press(&mut s, "j");
    write(&mut s, EditorField::Evidence, "https://example.org/a");
    press(&mut s, "j");
    write(&mut s, EditorField::Note, "all");
    press(&mut s, "c3");
    write(&mut s, EditorField::Evidence, "https://example.org/b");
    press(&mut s, "j");
    let screen = render(&s);
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("· Unreviewed"))
        .take(4)
        .collect();
    let marks: Vec<String> = rows
        .iter()
        .map(|l| {
            let after = l.split("Unreviewed").nth(1).unwrap_or_default();
            after.chars().skip(3).take(3).collect()
        })
        .collect();
    assert_eq!(marks, ["n  ", " g ", "  e", "nge"], "{screen}");
    insta::assert_snapshot!(render_styled(&s));
}
