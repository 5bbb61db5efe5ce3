//! State tests for `--compare` and `--blind` (issue 13 §4): the marks in the
//! claims list, the disagreements filter, taking an analyst's verdict with
//! `T` then their number, `>` walking the disagreements, blind review.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::{Action, AppState, Compare, KeyCode, MemoryBackend, Pane};
use claimtrack::model::compare::Agreement;
use claimtrack::model::{
    AnnotationField, AnnotationSet, Credibility, Edit, Reliability, Status, load_bundled,
};
use common::*;
use jiff::Timestamp;
use ratatui::layout::Rect;

const DS: &str = "nk-troops-ukraine";

/// (claim, status, reliability, credibility, note)
type Row<'a> = (&'a str, Status, Option<char>, Option<u8>, &'a str);

fn analyst(name: &str, verdicts: &[Row]) -> AnnotationSet {
    let mut set = AnnotationSet::new(DS);
    let at = Timestamp::from_second(1_764_000_000).expect("time");
    for &(claim, status, r, c, note) in verdicts {
        set.apply(claim, &Edit::Status(status), name, at);
        set.apply(
            claim,
            &Edit::Reliability(r.and_then(Reliability::from_letter)),
            name,
            at,
        );
        set.apply(
            claim,
            &Edit::Credibility(c.and_then(Credibility::new)),
            name,
            at,
        );
        set.apply(claim, &Edit::Note(note.into()), name, at);
    }
    set
}

/// ana and bob: c01 disagree, c02 agree, c03 and c04 rated by one,
/// c05 and c06 disagree.
fn others() -> Vec<(String, AnnotationSet)> {
    use Status::*;
    let mut ana = analyst(
        "ana",
        &[
            ("c01", Verified, Some('B'), Some(2), "two sources"),
            ("c02", False, None, None, ""),
            ("c03", Verified, None, None, ""),
            ("c05", Verified, None, None, ""),
            ("c06", Verified, None, None, ""),
        ],
    );
    ana.apply(
        "c01",
        &Edit::Evidence(vec!["https://example.org/a".into()]),
        "ana",
        Timestamp::UNIX_EPOCH,
    );
    let bob = analyst(
        "bob",
        &[
            ("c01", False, Some('C'), Some(3), "one source, denied"),
            ("c02", False, None, None, ""),
            ("c04", Misleading, None, None, ""),
            ("c05", False, None, None, ""),
            ("c06", Disputed, None, None, ""),
        ],
    );
    vec![("ana".into(), ana), ("bob".into(), bob)]
}

fn comparing(blind: bool, w: u16, h: u16) -> AppState {
    let loaded = load_bundled().expect("bundled dataset");
    let backend = MemoryBackend {
        set: AnnotationSet::new(DS),
        analyst: "eve".into(),
        clock: || Timestamp::UNIX_EPOCH,
    };
    AppState::new(loaded, Box::new(backend), Rect::new(0, 0, w, h))
        .with_compare(Compare::new(others(), blind))
}

fn agreement(s: &AppState, id: &str) -> Option<Agreement> {
    s.agreement_of(s.loaded().index.claim_by_id[id])
}

#[test]
fn the_claims_list_marks_how_the_verdicts_compare() {
    let s = comparing(false, 160, 45);
    assert_eq!(agreement(&s, "c01"), Some(Agreement::Disagree));
    assert_eq!(agreement(&s, "c02"), Some(Agreement::Agree));
    assert_eq!(agreement(&s, "c03"), Some(Agreement::One));
    assert_eq!(agreement(&s, "c07"), Some(Agreement::Unrated));
    let screen = render(&s);
    let row = |id: &str| {
        let text = &s.loaded().dataset.claims[s.loaded().index.claim_by_id[id].i()].text;
        let head: String = text.chars().take(20).collect();
        screen
            .lines()
            .find(|l| l.contains(&head))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(row("c01").contains("┃ ≠· Unreviewed"), "{}", row("c01"));
    assert!(row("c02").contains("┃ =· Unreviewed"), "{}", row("c02"));
    assert!(row("c03").contains("┃ 1· Unreviewed"), "{}", row("c03"));
    assert!(screen.contains("COMPARE 2"), "{screen}");
    // Not comparing: no mark at all.
    assert!(agreement(&state(160, 45), "c01").is_none());
}

#[test]
fn bang_shows_only_disagreements_and_conflicts() {
    let mut s = comparing(false, 160, 45);
    press(&mut s, "!");
    assert_eq!(shown_ids(&s), ["c01", "c05", "c06"]);
    assert!(
        s.message()
            .is_some_and(|m| m.text.contains("3 claims to adjudicate"))
    );
}

#[test]
fn t_then_an_analysts_number_takes_their_verdict_and_undo_gives_it_back() {
    let mut s = comparing(false, 160, 45);
    assert_eq!(selected_id(&s), "c01");
    press(&mut s, "T2");
    let set = s.annotations().set();
    let mine = set.get("c01").expect("taken");
    assert_eq!(
        (mine.status, mine.grading(), mine.note.as_str()),
        (Status::False, "C3".to_owned(), "one source, denied")
    );
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("c01: adjudicated: took bob's status, reliability, credibility, note")
    );
    let said: Vec<String> = set
        .history_of("c01")
        .filter_map(|c| c.adjudication())
        .collect();
    assert_eq!(said[0], "adjudicated: took bob's status");
    assert!(set.history_of("c01").all(|c| c.analyst == "eve"));
    assert_eq!(
        s.statuses().of(s.selected_claim().expect("c01")),
        Status::False,
        "counts follow"
    );
    // ana's too: only what differs (evidence now), and the status.
    press(&mut s, "T1");
    let mine = s.annotations().set().get("c01").expect("taken").clone();
    assert_eq!(mine.status, Status::Verified);
    assert_eq!(mine.evidence, ["https://example.org/a"]);
    press(&mut s, "T1");
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("c01: your verdict is already ana's")
    );
    // One undo step per take.
    press(&mut s, "u");
    assert_eq!(s.annotations().set().status("c01"), Status::False);
    press(&mut s, "u");
    assert_eq!(s.annotations().set().status("c01"), Status::Unreviewed);
    // A number nobody has.
    press(&mut s, "T3");
    assert_eq!(
        s.message().map(|m| (m.text.as_str(), m.error)),
        Some(("c01 has 2 choices (T 1-2)", true))
    );
}

#[test]
fn a_conflict_in_your_file_is_numbered_after_the_analysts() {
    let mut s = comparing(false, 160, 45);
    // A conflict on c07 as a merge would leave it.
    let mut set = AnnotationSet::new(DS);
    set.conflicts.push(claimtrack::model::annotation::Conflict {
        claim: "c07".into(),
        field: AnnotationField::Status,
        sides: ["ana", "bob"]
            .iter()
            .zip([Status::Verified, Status::False])
            .map(|(who, st)| claimtrack::model::annotation::ConflictSide {
                value: Edit::Status(st),
                analyst: Some((*who).into()),
                at: None,
            })
            .collect(),
    });
    set.format = 2;
    let loaded = load_bundled().expect("bundled");
    let backend = MemoryBackend {
        set,
        analyst: "eve".into(),
        clock: || Timestamp::UNIX_EPOCH,
    };
    s = AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 160, 45))
        .with_compare(Compare::new(others(), false))
        .with_keymap(s.keymap().clone());
    assert_eq!(agreement(&s, "c07"), Some(Agreement::Conflict));
    press(&mut s, "!");
    assert_eq!(shown_ids(&s), ["c01", "c05", "c06", "c07"]);
    press(&mut s, "G");
    press(&mut s, "T4"); // 1 ana, 2 bob, 3 and 4: the conflict's sides
    assert_eq!(s.annotations().set().status("c07"), Status::False);
    assert_eq!(s.annotations().conflict_count(), 0);
    assert_eq!(shown_ids(&s), ["c01", "c05", "c06"]);
}

#[test]
fn advance_walks_the_open_disagreements_when_comparing() {
    let mut s = comparing(false, 160, 45);
    press(&mut s, ">");
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("after a verdict: advance to the next disagreement")
    );
    press(&mut s, "T1"); // c01 settled: on to c05
    assert_eq!(selected_id(&s), "c05");
    press(&mut s, "4"); // your own verdict settles it too
    assert_eq!(selected_id(&s), "c06");
    press(&mut s, "T2");
    // Nothing open is left: the cursor stays, and says so.
    assert_eq!(selected_id(&s), "c06");
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("nothing left to adjudicate in this view")
    );
}

#[test]
fn blind_review_hides_the_others_until_you_give_your_verdict() {
    let mut s = comparing(true, 160, 45);
    let c01 = s.selected_claim().expect("c01");
    assert!(s.is_hidden(c01));
    assert_eq!(s.others_rated(c01), 2);
    let screen = render(&s);
    assert!(
        screen.contains("Blind review: 2 of 2 other analysts gave a"),
        "{screen}"
    );
    assert!(!screen.contains("two sources"), "{screen}");
    assert!(
        screen.contains("┃ 2· Unreviewed"),
        "the count, not the mark"
    );
    assert!(screen.contains("BLIND 2"), "the status line says so");
    // No disagreement is revealed, and nothing can be taken.
    press(&mut s, "!");
    assert!(shown_ids(&s).is_empty());
    press(&mut s, "!");
    press(&mut s, "T1");
    assert!(
        s.message()
            .is_some_and(|m| m.error && m.text.contains("blind review"))
    );
    assert_eq!(s.annotations().set().status("c01"), Status::Unreviewed);
    // In progress is not a verdict: still hidden.
    press(&mut s, "2");
    assert!(s.is_hidden(c01));
    // Your verdict reveals theirs.
    press(&mut s, "5");
    assert!(!s.is_hidden(c01));
    let screen = render(&s);
    assert!(screen.contains("≠ the analysts disagree"), "{screen}");
    assert!(screen.contains("two sources"), "{screen}");
    assert!(screen.contains("┃ ≠✗ False"), "{screen}");
}

#[test]
fn compare_detail_pane() {
    let mut s = comparing(false, 99, 40);
    s.update(Action::Focus(Pane::Detail));
    press(&mut s, "T2");
    code(&mut s, KeyCode::Esc);
    insta::assert_snapshot!(render(&s));
}

#[test]
fn t_then_a_part_letter_takes_only_that_part() {
    let mut s = comparing(false, 160, 45);
    press(&mut s, "Ts2");
    let mine = s.annotations().set().get("c01").expect("taken").clone();
    assert_eq!(
        (mine.status, mine.grading(), mine.note.as_str()),
        (Status::False, String::new(), "")
    );
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("c01: adjudicated: took bob's status")
    );
    press(&mut s, "Tg1");
    let mine = s.annotations().set().get("c01").expect("taken").clone();
    assert_eq!(
        (mine.status, mine.grading().as_str()),
        (Status::False, "B2")
    );
    press(&mut s, "Ta1");
    assert_eq!(
        s.annotations().set().get("c01").map(|a| a.note.as_str()),
        Some("two sources")
    );
    press(&mut s, "Te2"); // bob gave no evidence, and neither have you
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("c01: your evidence is already bob's")
    );
    // The part is for the next key only: after Esc, a digit is a status again.
    press(&mut s, "Ts");
    code(&mut s, KeyCode::Esc);
    press(&mut s, "3");
    assert_eq!(s.annotations().set().status("c01"), Status::Verified);
    assert!(s.overlays().take_part().is_none());
}

#[test]
fn with_marks_t_takes_an_analysts_verdict_on_every_marked_claim() {
    let mut s = comparing(false, 160, 45);
    press(&mut s, "!");
    press(&mut s, "  "); // c01 and c05 marked (a mark moves down)
    press(&mut s, "T2");
    let set = s.annotations().set();
    assert_eq!(
        (set.status("c01"), set.status("c05"), set.status("c06")),
        (Status::False, Status::False, Status::Unreviewed)
    );
    assert!(
        s.message().is_some_and(|m| m.text.starts_with(
            "2 marked claims (c01, c05): adjudicated: took bob's verdict; marks cleared"
        )),
        "{:?}",
        s.message()
    );
    assert!(s.claims().marked().is_empty());
    // One undo step for the whole action.
    press(&mut s, "u");
    let set = s.annotations().set();
    assert_eq!(
        (set.status("c01"), set.status("c05")),
        (Status::Unreviewed, Status::Unreviewed)
    );
    // A conflict's side is per claim: refused with marks.
    press(&mut s, " T3");
    assert!(
        s.message()
            .is_some_and(|m| m.error && m.text.contains("claim by claim"))
    );
}
