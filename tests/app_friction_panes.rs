//! State tests of the §6 frictions about panes and navigation (issue 14):
//! `F` fits the timeline, `]`/`[` walk every related claim in order, `Enter`
//! on an actor starts at its first claim, `Z` maximises the focused pane.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use claimtrack::app::{Action, KeyCode, Pane};
use claimtrack::model::ClaimIx;
use common::*;

#[test]
fn f_fits_the_timeline_and_is_in_the_keymap() {
    let mut s = state(160, 45);
    render(&s);
    act(&mut s, [Action::Focus(Pane::Timeline), Action::FitTimeline]);
    let fitted = (s.timeline_axis().zoom, s.timeline_axis().start);
    press(&mut s, "++++hhh");
    assert_ne!(
        (s.timeline_axis().zoom, s.timeline_axis().start),
        fitted,
        "zoomed and panned"
    );
    press(&mut s, "F");
    assert_eq!((s.timeline_axis().zoom, s.timeline_axis().start), fitted);
    // In the table help, the palette and the README are made from.
    let table = s.keymap().markdown_table();
    assert!(
        table.contains("| Timeline pane | `F` | fit the whole timeline |"),
        "{table}"
    );
}

/// A claim with at least `n` relations.
fn claim_with_links(s: &claimtrack::app::AppState, n: usize) -> ClaimIx {
    let ix = &s.loaded().index;
    (0..s.loaded().dataset.claims.len())
        .map(ClaimIx::from_usize)
        .find(|c| ix.claim_links.get(c.i()).len() >= n)
        .expect("a claim with several relations")
}

#[test]
fn brackets_walk_every_related_claim_in_order_not_a_bounce() {
    let mut s = state(160, 45);
    let origin = claim_with_links(&s, 2);
    let links: Vec<ClaimIx> = s
        .loaded()
        .index
        .claim_links
        .get(origin.i())
        .iter()
        .map(|l| l.other)
        .collect();
    s.update(Action::SelectClaim(origin));
    let mut walked = Vec::new();
    for _ in 0..links.len() {
        press(&mut s, "]");
        walked.push(s.selected_claim().expect("a claim"));
    }
    assert_eq!(walked, links, "] visits each related claim once, in order");
    let m = s.message().expect("said").text.clone();
    assert!(
        m.contains(&format!("({} of {} related)", links.len(), links.len())),
        "{m}"
    );
    // Past the last it starts again; `[` goes back.
    press(&mut s, "]");
    assert_eq!(s.selected_claim(), Some(links[0]));
    press(&mut s, "[");
    assert_eq!(s.selected_claim(), links.last().copied());
    press(&mut s, "[");
    assert_eq!(s.selected_claim(), Some(links[links.len() - 2]));
    // From a claim chosen otherwise, a walk starts from that claim.
    s.update(Action::SelectClaim(origin));
    press(&mut s, "[");
    assert_eq!(s.selected_claim(), links.last().copied());
}

#[test]
fn enter_on_an_actor_goes_to_its_first_claim() {
    let mut s = state(160, 45);
    press(&mut s, "jjjjjjj");
    assert_eq!(s.claims().cursor().selected, 7);
    s.update(Action::Focus(Pane::Actors));
    // Walk the actors until one's claims are shown that the row 7 is not the first of.
    let mut tried = 0;
    loop {
        press(&mut s, "j");
        tried += 1;
        if s.claims().rows().len() > 1 && s.claims().cursor().selected != 0 {
            break;
        }
        assert!(tried < 40, "an actor with several claims");
    }
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.focus(), Pane::Claims);
    assert_eq!(s.claims().cursor().selected, 0);
    assert_eq!(s.selected_claim(), s.claims().rows().first().copied());
}

#[test]
fn z_maximises_the_focused_pane_and_back() {
    let mut s = state(160, 45);
    let before = s.layout();
    press(&mut s, "Z");
    assert!(s.zoomed());
    let l = s.layout();
    assert_eq!(l.claims, l.main);
    assert_eq!(
        (l.actors.width, l.detail.width, l.timeline.width),
        (0, 0, 0)
    );
    assert!(render(&s).contains("Claims"));
    // Tab shows the next pane maximised.
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.layout().timeline, s.layout().main);
    press(&mut s, "Z");
    assert!(!s.zoomed());
    assert_eq!(s.layout(), before);
    // Narrow terminals show one pane at a time already: said, nothing changes.
    let mut n = state(80, 30);
    press(&mut n, "Z");
    assert!(!n.zoomed());
    assert!(n.message().expect("said").text.contains("narrow"));
}
