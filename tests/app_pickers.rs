//! Pickers instead of cycling (issue 14 §2): a fuzzy list with counts, Enter
//! picks, Space selects several (ORed as one query term); mark all shown;
//! saving the current filters as a view.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use claimtrack::app::refine::SavedViews;
use claimtrack::app::{Effect, KeyCode};
use claimtrack::model::Status;
use claimtrack::model::views::{View, ViewSort};
use common::*;

#[test]
fn the_tag_picker_narrows_shows_counts_and_picks_one() {
    let mut s = state(160, 45);
    press(&mut s, "#");
    let p = s.overlays().picker().expect("open");
    let all = p.items().len();
    assert!(all > 3 && p.items().iter().all(|it| it.count.is_some_and(|n| n > 0)));
    let first = p.items()[0].clone();
    press(&mut s, &first.label);
    let p = s.overlays().picker().expect("open");
    assert!(p.shown_len() < all);
    assert_eq!(
        p.current().map(|it| it.label.clone()),
        Some(first.label.clone())
    );
    code(&mut s, KeyCode::Enter);
    assert!(s.overlays().picker().is_none());
    assert_eq!(
        s.claims().filter().tag.as_deref(),
        Some(first.label.as_str())
    );
    assert_eq!(s.claims().rows().len(), first.count.unwrap());
}

#[test]
fn space_selects_several_statuses_which_are_ored() {
    let mut s = state(160, 45);
    press(&mut s, "3"); // c01 Verified
    press(&mut s, "j5"); // c02 False
    press(&mut s, "Sverified ");
    assert_eq!(s.overlays().picker().expect("open").selected_len(), 1);
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().picker().is_none(), "Esc closes");
    press(&mut s, "S");
    code(&mut s, KeyCode::Down);
    code(&mut s, KeyCode::Down);
    press(&mut s, " "); // Verified
    code(&mut s, KeyCode::Down);
    press(&mut s, " "); // False (Space moved down past Misleading)
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.claims().filter().refine.text(), "status:verified,false");
    assert_eq!(shown_ids(&s), vec!["c01", "c02"]);
    // Picking one again replaces the several.
    press(&mut s, "Sfalse");
    code(&mut s, KeyCode::Enter);
    assert!(s.claims().filter().refine.is_empty());
    assert_eq!(s.claims().filter().status, Some(Status::False));
}

#[test]
fn mark_all_shown_and_unmark_all() {
    let mut s = state(160, 45);
    press(&mut s, "Sverified");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.claims().rows().len(), 0);
    press(&mut s, "x*");
    assert_eq!(s.claims().marked().len(), 22);
    press(&mut s, "M");
    assert!(s.claims().marked().is_empty());
}

#[test]
fn views_are_picked_and_the_current_query_is_saved_as_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("nk.views.ron");
    let mut s = state(160, 45).with_views(SavedViews::new(
        vec![View {
            name: "false ones".into(),
            query: "status:false".into(),
            sort: ViewSort::Claimant,
        }],
        Vec::new(),
        Some(file),
    ));
    press(&mut s, "5"); // c01 False
    press(&mut s, "v");
    code(&mut s, KeyCode::Enter);
    assert_eq!(shown_ids(&s), vec!["c01"]);
    assert_eq!(s.claims().sort(), claimtrack::app::SortKey::Claimant);
    press(&mut s, "x@nis");
    code(&mut s, KeyCode::Enter);
    press(&mut s, "V");
    assert_eq!(
        s.overlays().palette().expect("asks the name").input(),
        "save-view "
    );
    press(&mut s, "nis claims");
    let fx = code(&mut s, KeyCode::Enter);
    match fx.as_slice() {
        [Effect::SaveView(v)] => {
            assert_eq!(v.name, "nis claims");
            assert_eq!(v.query, "actor:nis");
        }
        other => panic!("{other:?}"),
    }
}
