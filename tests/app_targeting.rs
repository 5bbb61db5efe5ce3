//! Which claim an annotation key changes, and which claim the detail pane
//! shows, for every focused pane under every kind of filter (issue 10, item 3):
//! always exactly the claim(s) the focused pane highlights.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::{Action, AppState, DetailSubject, EditTarget, KeyCode, Pane};
use claimtrack::model::timeline::Item;
use claimtrack::model::{ClaimIx, Status};
use common::*;

/// The claims whose status differs from `before`.
fn changed(before: &[Status], s: &AppState) -> Vec<String> {
    s.statuses()
        .all()
        .iter()
        .zip(before)
        .enumerate()
        .filter(|(_, (now, was))| now != was)
        .map(|(i, _)| claim_id(s, ClaimIx::from_usize(i)))
        .collect()
}

/// The item the timeline highlights.
fn timeline_item(s: &AppState) -> Option<Item> {
    s.timeline_axis().selected_item(s.timeline())
}

#[test]
fn the_reported_sequence_changes_the_claim_the_timeline_highlights() {
    // Shift-Tab, j j j (an actor with one claim), Tab Tab, j j, 5.
    let mut s = state(160, 45);
    code(&mut s, KeyCode::BackTab);
    press(&mut s, "jjj");
    assert_eq!(s.claims().rows().len(), 1, "the actor filters to one claim");
    code(&mut s, KeyCode::Tab);
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Timeline);
    press(&mut s, "jj");
    let before = s.statuses().all().to_vec();
    let highlighted = timeline_item(&s);
    press(&mut s, "5");
    let changed = changed(&before, &s);
    match highlighted {
        Some(Item::Claim(c)) => assert_eq!(changed, vec![claim_id(&s, c)]),
        other => assert!(
            changed.is_empty(),
            "{other:?} highlighted, {changed:?} changed"
        ),
    }
    // Whatever the timeline highlights is a claim the filter shows.
    if let Some(Item::Claim(c)) = timeline_item(&s) {
        assert!(
            s.claims().contains(c),
            "the timeline shows a filtered-out claim"
        );
    }
}

#[test]
fn after_a_search_the_timeline_edits_what_it_highlights() {
    let mut s = state(160, 45);
    press(&mut s, "/rumours");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.claims().rows().len(), 1);
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Timeline);
    press(&mut s, "jj");
    let before = s.statuses().all().to_vec();
    let highlighted = timeline_item(&s);
    press(&mut s, "5");
    let changed = changed(&before, &s);
    match highlighted {
        Some(Item::Claim(c)) => assert_eq!(changed, vec![claim_id(&s, c)]),
        other => assert!(
            changed.is_empty(),
            "{other:?} highlighted, {changed:?} changed"
        ),
    }
}

#[derive(Debug, Clone, Copy)]
enum Filter {
    None,
    Actor,
    Status,
    Search,
    Tag,
}

const FILTERS: [Filter; 5] = [
    Filter::None,
    Filter::Actor,
    Filter::Status,
    Filter::Search,
    Filter::Tag,
];

/// A fresh state with `f` active, focus on the claims pane.
fn filtered(f: Filter) -> AppState {
    let mut s = state(160, 45);
    match f {
        Filter::None => {}
        Filter::Actor => {
            s.update(Action::Focus(Pane::Actors));
            let nis = s.loaded().index.actor_by_id["nis"];
            let row = s.actors().rows().iter().position(|r| r.0 == Some(nis));
            for _ in 0..row.expect("nis row") {
                press(&mut s, "j");
            }
        }
        Filter::Status => {
            for id in ["c03", "c10", "c15"] {
                let c = s.loaded().index.claim_by_id[id];
                s.update(Action::SelectClaim(c));
                press(&mut s, "3");
            }
            press(&mut s, "f3");
        }
        Filter::Search => {
            press(&mut s, "/troops");
            code(&mut s, KeyCode::Enter);
        }
        Filter::Tag => {
            press(&mut s, "#");
            s.update(Action::PickerAccept);
        }
    }
    s.update(Action::Focus(Pane::Claims));
    let shown = s.claims().rows().len();
    assert!(
        shown > 1 && (matches!(f, Filter::None) || shown < s.loaded().dataset.claims.len()),
        "{f:?} shows {shown} claims"
    );
    s
}

/// Presses `5` and checks that it changed exactly `want` (or nothing), then undoes it.
fn five_lands_on(s: &mut AppState, want: Option<ClaimIx>, what: &str) {
    let before = s.statuses().all().to_vec();
    press(s, "5");
    let got = changed(&before, s);
    let want_ids: Vec<String> = want.iter().map(|&c| claim_id(s, c)).collect();
    assert_eq!(got, want_ids, "{what}");
    if want.is_some() {
        press(s, "u");
        assert_eq!(s.statuses().all(), &before[..], "{what}: undone");
    } else {
        assert!(
            s.message().is_some_and(|m| m.error),
            "{what}: refused visibly"
        );
    }
}

#[test]
fn claims_pane_edits_the_claim_under_the_cursor_under_every_filter() {
    for f in FILTERS {
        let mut s = filtered(f);
        for i in 0..s.claims().rows().len() {
            s.update(Action::Focus(Pane::Claims));
            press(&mut s, "g");
            for _ in 0..i {
                press(&mut s, "j");
            }
            let want = s.claims().rows()[i];
            let what = format!("{f:?}, claims row {i}");
            assert_eq!(s.edit_target(), EditTarget::Claim(want), "{what}");
            assert_eq!(s.detail_subject(), DetailSubject::Claim(want), "{what}");
            five_lands_on(&mut s, Some(want), &what);
        }
    }
}

#[test]
fn detail_pane_edits_the_claim_it_shows_under_every_filter() {
    for f in FILTERS {
        let mut s = filtered(f);
        for i in 0..s.claims().rows().len() {
            s.update(Action::Focus(Pane::Claims));
            press(&mut s, "g");
            for _ in 0..i {
                press(&mut s, "j");
            }
            let want = s.claims().rows()[i];
            s.update(Action::Focus(Pane::Detail));
            press(&mut s, "jk"); // scrolls the detail, never the selection
            let what = format!("{f:?}, detail of claims row {i}");
            assert_eq!(s.detail_subject(), DetailSubject::Claim(want), "{what}");
            assert_eq!(s.edit_target(), EditTarget::Claim(want), "{what}");
            five_lands_on(&mut s, Some(want), &what);
        }
    }
}

#[test]
fn timeline_edits_the_claim_it_highlights_and_refuses_events_under_every_filter() {
    for f in FILTERS {
        let mut s = filtered(f);
        let filter_on = !matches!(f, Filter::None);
        // The timeline shows the filtered claims and the events listing one.
        for e in s.timeline().entries() {
            let ok = match e.item {
                Item::Claim(c) => s.claims().contains(c),
                Item::Event(ev) => {
                    !filter_on
                        || s.loaded()
                            .index
                            .event_claims
                            .get(ev.i())
                            .iter()
                            .any(|&c| s.claims().contains(c))
                }
            };
            assert!(ok, "{f:?}: the timeline shows {:?}", e.item);
        }
        let claims_shown = s.timeline().entries().filter(|e| !e.is_event()).count();
        assert_eq!(claims_shown, s.claims().rows().len(), "{f:?}");
        for i in 0..s.timeline().len() {
            s.update(Action::Focus(Pane::Timeline));
            press(&mut s, "g");
            for _ in 0..i {
                press(&mut s, "j");
            }
            let what = format!("{f:?}, timeline row {i}");
            match timeline_item(&s).expect("highlighted") {
                Item::Claim(c) => {
                    assert_eq!(s.detail_subject(), DetailSubject::Claim(c), "{what}");
                    assert_eq!(s.selected_claim(), Some(c), "{what}: the list follows");
                    assert_eq!(s.edit_target(), EditTarget::Claim(c), "{what}");
                    five_lands_on(&mut s, Some(c), &what);
                }
                Item::Event(e) => {
                    assert_eq!(s.detail_subject(), DetailSubject::Event(e), "{what}");
                    assert!(matches!(s.edit_target(), EditTarget::Nothing(_)), "{what}");
                    five_lands_on(&mut s, None, &what);
                }
            }
        }
    }
}

#[test]
fn actors_pane_edits_nothing_under_every_filter() {
    for f in FILTERS {
        let mut s = filtered(f);
        s.update(Action::Focus(Pane::Actors));
        let what = format!("{f:?}, actors pane");
        // The default keys do nothing there.
        let before = s.statuses().all().to_vec();
        press(&mut s, "5");
        assert!(changed(&before, &s).is_empty(), "{what}");
        // A key bound there by the user is refused, visibly.
        s.update(Action::SetStatus(Status::False));
        assert!(changed(&before, &s).is_empty(), "{what}");
        assert!(s.message().is_some_and(|m| m.error), "{what}");
        let want = match s.selected_actor() {
            Some(a) => DetailSubject::Actor(a),
            None => DetailSubject::Claim(s.selected_claim().expect("claim")),
        };
        assert_eq!(s.detail_subject(), want, "{what}");
    }
}
