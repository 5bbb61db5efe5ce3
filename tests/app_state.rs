//! State tests: every action through `update`, on the bundled dataset.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::KeyCode;
use claimtrack::app::{Action, EditorField, Effect, Pane, SortKey};
use claimtrack::model::{Credibility, Reliability, Status};
use common::*;

fn status_of(s: &claimtrack::app::AppState, id: &str) -> Status {
    s.annotations().set().status(id)
}

#[test]
fn starts_on_claims_with_everything_shown() {
    let s = state(160, 45);
    assert_eq!(s.focus(), Pane::Claims);
    assert_eq!(s.claims().rows().len(), s.loaded().dataset.claims.len());
    assert_eq!(selected_id(&s), "c01");
    assert_eq!(
        s.statuses().total()[Status::Unreviewed as usize],
        s.claims().rows().len()
    );
}

#[test]
fn quit_by_q_and_ctrl_c() {
    let mut s = state(160, 45);
    press(&mut s, "q");
    assert!(s.should_quit());
    let mut s = state(160, 45);
    ctrl(&mut s, 'c');
    assert!(s.should_quit());
}

#[test]
fn tab_cycles_panes_both_ways() {
    let mut s = state(160, 45);
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Timeline);
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Detail);
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Actors);
    code(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus(), Pane::Detail);
    // Narrow terminals add the detail tab.
    let mut n = state(80, 24);
    code(&mut n, KeyCode::Tab);
    assert_eq!(n.focus(), Pane::Detail);
}

#[test]
fn vim_keys_arrows_and_jumps_move_the_claim_selection() {
    let mut s = state(160, 45);
    press(&mut s, "jj");
    assert_eq!(selected_id(&s), "c03");
    code(&mut s, KeyCode::Up);
    assert_eq!(selected_id(&s), "c02");
    press(&mut s, "G");
    assert_eq!(selected_id(&s), "c22");
    press(&mut s, "g");
    assert_eq!(selected_id(&s), "c01");
    code(&mut s, KeyCode::PageDown);
    assert!(s.claims().cursor().selected > 5, "page down moves a page");
    press(&mut s, "k");
    code(&mut s, KeyCode::PageUp);
    assert_eq!(s.claims().cursor().selected, 0);
}

#[test]
fn selecting_an_actor_filters_claims_and_sub_actors_toggle() {
    let mut s = state(160, 45);
    s.update(Action::Focus(Pane::Actors));
    // Find the NIS row and move there like a user would.
    let nis = s.loaded().index.actor_by_id["nis"];
    let row = s
        .actors()
        .rows()
        .iter()
        .position(|r| r.0 == Some(nis))
        .expect("nis row");
    for _ in 0..row {
        press(&mut s, "j");
    }
    assert_eq!(s.claims().filter().actor, Some(nis));
    let ids = shown_ids(&s);
    assert!(!ids.is_empty() && ids.len() < s.loaded().dataset.claims.len());
    for c in s.claims().rows() {
        assert!(
            s.roles_in(*c).is_some_and(|r| r != Default::default()),
            "every shown claim involves the actor"
        );
    }
    // South Korea's government with its sub-actors covers more claims.
    let gov = s.loaded().index.actor_by_id["seoul-government"];
    let row = s
        .actors()
        .rows()
        .iter()
        .position(|r| r.0 == Some(gov))
        .expect("gov row");
    s.update(Action::Top);
    for _ in 0..row {
        press(&mut s, "j");
    }
    let alone = s.claims().rows().len();
    press(&mut s, "i");
    assert!(s.claims().filter().sub_actors);
    assert!(
        s.claims().rows().len() > alone,
        "sub-actors add claims ({alone} → {})",
        s.claims().rows().len()
    );
    // Enter moves to the claims.
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.focus(), Pane::Claims);
}

#[test]
fn enter_opens_the_article_at_the_quote_and_n_jumps_between_quotes() {
    let mut s = state(160, 45);
    press(&mut s, "jjj"); // c04
    code(&mut s, KeyCode::Enter);
    let r = s.overlays().reader().cloned().expect("reader open");
    assert_eq!(claim_id(&s, r.current().expect("a quote")), "c04");
    press(&mut s, "n");
    let next = s
        .overlays()
        .reader()
        .cloned()
        .expect("still open")
        .current()
        .expect("a quote");
    assert_ne!(claim_id(&s, next), "c04");
    press(&mut s, "N");
    assert_eq!(
        claim_id(
            &s,
            s.overlays()
                .reader()
                .as_ref()
                .expect("open")
                .current()
                .expect("a quote")
        ),
        "c04"
    );
    // Enter selects the current quote's claim and returns.
    press(&mut s, "n");
    code(&mut s, KeyCode::Enter);
    assert!(s.overlays().reader().is_none());
    assert_eq!(selected_id(&s), claim_id(&s, next));
    code(&mut s, KeyCode::Enter);
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().reader().is_none());
}

#[test]
fn incremental_search_filters_and_esc_clears() {
    let mut s = state(160, 45);
    press(&mut s, "/");
    assert!(s.overlays().search_input().is_some());
    press(&mut s, "rumours");
    assert_eq!(s.claims().filter().query, "rumours");
    let hits = shown_ids(&s);
    assert!(hits.contains(&"c07".to_string()), "{hits:?}");
    assert!(hits.len() < s.loaded().dataset.claims.len());
    code(&mut s, KeyCode::Backspace);
    assert_eq!(s.claims().filter().query, "rumour");
    code(&mut s, KeyCode::Enter);
    assert!(s.overlays().search_input().is_none());
    assert_eq!(
        s.claims().filter().query,
        "rumour",
        "Enter keeps the search"
    );
    // n/N walk the matches, wrapping.
    let first = selected_id(&s);
    press(&mut s, "N");
    press(&mut s, "n");
    assert_eq!(selected_id(&s), first);
    code(&mut s, KeyCode::Esc);
    assert!(s.claims().filter().query.is_empty());
    assert_eq!(s.claims().rows().len(), s.loaded().dataset.claims.len());
}

#[test]
fn search_matches_actor_aliases_and_tags() {
    let mut s = state(160, 45);
    press(&mut s, "/Pyongyang");
    assert!(!s.claims().rows().is_empty());
    let mut t = state(160, 45);
    press(&mut t, "/#troop");
    assert!(
        !t.claims().rows().is_empty() && t.claims().rows().len() < t.loaded().dataset.claims.len()
    );
}

#[test]
fn sort_cycles_through_date_claimant_status() {
    let mut s = state(160, 45);
    press(&mut s, "s");
    assert_eq!(s.claims().sort(), SortKey::Said);
    let dates: Vec<_> = s
        .claims()
        .rows()
        .iter()
        .map(|c| s.loaded().index.claim_said[c.i()].sort_key())
        .collect();
    let known: Vec<_> = dates.iter().flatten().collect();
    assert!(
        known.windows(2).all(|w| w[0] <= w[1]),
        "sorted by said date"
    );
    press(&mut s, "s");
    assert_eq!(s.claims().sort(), SortKey::Claimant);
    press(&mut s, "3");
    press(&mut s, "s");
    assert_eq!(s.claims().sort(), SortKey::Status);
    press(&mut s, "s");
    assert_eq!(s.claims().sort(), SortKey::Dataset);
}

#[test]
fn status_filter_tag_and_article_filters() {
    let mut s = state(160, 45);
    press(&mut s, "3"); // c01 Verified
    press(&mut s, "f3");
    assert_eq!(s.claims().filter().status, Some(Status::Verified));
    assert_eq!(shown_ids(&s), vec!["c01"]);
    press(&mut s, "f0");
    assert_eq!(s.claims().filter().status, None);
    press(&mut s, "#");
    code(&mut s, KeyCode::Enter); // the tag picker: its first tag
    let tag = s.claims().filter().tag.clone().expect("a tag");
    assert!(s.claims().rows().iter().all(|c| {
        s.loaded().dataset.claims[c.i()]
            .tags
            .iter()
            .any(|t| *t == tag)
    }));
    press(&mut s, "A");
    code(&mut s, KeyCode::Enter);
    assert!(s.claims().filter().article.is_some());
    press(&mut s, "x");
    assert!(s.claims().filter().is_empty());
    assert_eq!(s.claims().rows().len(), s.loaded().dataset.claims.len());
}

#[test]
fn digits_set_each_status_and_counts_follow() {
    let mut s = state(160, 45);
    for st in Status::ALL {
        press(&mut s, &st.key().to_string());
        assert_eq!(status_of(&s, "c01"), st);
    }
    assert_eq!(s.statuses().total()[Status::Unverifiable as usize], 1);
    assert_eq!(s.statuses().total()[Status::Unreviewed as usize], 21);
    assert_eq!(
        s.claims().shown_by_status()[Status::Unverifiable as usize],
        1
    );
}

#[test]
fn undo_and_redo_every_change() {
    let mut s = state(160, 45);
    press(&mut s, "3");
    press(&mut s, "rb");
    press(&mut s, "u");
    assert_eq!(
        s.annotations().set().get("c01").and_then(|a| a.reliability),
        None
    );
    press(&mut s, "u");
    assert_eq!(status_of(&s, "c01"), Status::Unreviewed);
    assert_eq!(
        s.statuses().total()[Status::Unreviewed as usize],
        s.loaded().dataset.claims.len()
    );
    ctrl(&mut s, 'r');
    assert_eq!(status_of(&s, "c01"), Status::Verified);
    ctrl(&mut s, 'r');
    assert_eq!(
        s.annotations().set().get("c01").and_then(|a| a.reliability),
        Some(Reliability::B)
    );
    // Undo is recorded in the history like any change.
    assert_eq!(s.annotations().set().history_of("c01").count(), 6);
}

#[test]
fn grading_chords_set_and_clear() {
    let mut s = state(160, 45);
    press(&mut s, "rA");
    press(&mut s, "c2");
    let a = s
        .annotations()
        .set()
        .get("c01")
        .cloned()
        .expect("annotated");
    assert_eq!(
        (a.reliability, a.credibility),
        (Some(Reliability::A), Credibility::new(2))
    );
    assert_eq!(a.grading(), "A2");
    press(&mut s, "r0");
    assert_eq!(
        s.annotations().set().get("c01").and_then(|a| a.reliability),
        None
    );
    // An unbound key after a chord cancels it without acting.
    press(&mut s, "rz");
    assert!(s.overlays().chord().is_none());
    press(&mut s, "j");
    assert_eq!(
        selected_id(&s),
        "c02",
        "keys work again after a cancelled chord"
    );
}

#[test]
fn advance_mode_moves_to_the_next_unreviewed_claim() {
    let mut s = state(160, 45);
    press(&mut s, "j3"); // c02 verified, stays
    assert_eq!(selected_id(&s), "c02");
    press(&mut s, "k>");
    assert!(s.advance());
    press(&mut s, "5"); // c01 false → jumps over verified c02 to c03
    assert_eq!(status_of(&s, "c01"), Status::False);
    assert_eq!(selected_id(&s), "c03");
}

#[test]
fn bulk_marking_sets_status_on_all_marked() {
    let mut s = state(160, 45);
    press(&mut s, "  "); // marks c01, c02 (space advances)
    press(&mut s, " ");
    assert_eq!(s.claims().marked().len(), 3);
    press(&mut s, "6");
    for id in ["c01", "c02", "c03"] {
        assert_eq!(status_of(&s, id), Status::Disputed);
    }
    assert_eq!(status_of(&s, "c04"), Status::Unreviewed);
    // One undo step reverts the whole bulk change.
    press(&mut s, "u");
    for id in ["c01", "c02", "c03"] {
        assert_eq!(status_of(&s, id), Status::Unreviewed);
    }
    press(&mut s, "M");
    assert!(s.claims().marked().is_empty());
}

#[test]
fn note_editor_saves_with_ctrl_s_and_cancels_with_esc() {
    let mut s = state(160, 45);
    press(&mut s, "a");
    assert!(s.overlays().editor().is_some());
    press(&mut s, "Checked «NIS» 2× — ok");
    code(&mut s, KeyCode::Enter);
    press(&mut s, "line two");
    ctrl(&mut s, 's');
    assert!(s.overlays().editor().is_none());
    assert_eq!(
        s.annotations().set().get("c01").map(|a| a.note.as_str()),
        Some("Checked «NIS» 2× — ok\nline two")
    );
    // Esc on a changed text asks; y discards.
    press(&mut s, "a");
    press(&mut s, "zzz");
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().editor().is_some(), "asked, not closed");
    press(&mut s, "y");
    assert!(s.overlays().editor().is_none());
    assert_eq!(
        s.annotations().set().get("c01").map(|a| a.note.as_str()),
        Some("Checked «NIS» 2× — ok\nline two")
    );
    // q typed in the editor is text, not quit.
    press(&mut s, "aq");
    assert!(!s.should_quit());
    s.update(Action::EditorCancel);
}

#[test]
fn esc_on_an_edited_note_asks_before_throwing_it_away() {
    let mut s = state(160, 45);
    press(&mut s, "a");
    press(&mut s, "two days of work");
    code(&mut s, KeyCode::Esc);
    // Still open, asking, and the question names its keys.
    let e = s.overlays().editor().expect("still open");
    assert!(e.is_confirming_discard());
    assert_eq!(s.scopes(), vec![claimtrack::app::Scope::DiscardEdit]);
    let msg = s
        .message()
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        msg.contains("y discard") && msg.contains("n keep editing"),
        "{msg}"
    );
    assert!(render(&s).contains("Discard your changes?"));
    // Any other key does nothing to the text; n goes back to it.
    press(&mut s, "x");
    press(&mut s, "n");
    let e = s.overlays().editor().expect("still open");
    assert!(!e.is_confirming_discard());
    assert_eq!(e.text(), "two days of work", "the stray x was not typed");
    // Esc twice keeps editing too (a second Esc is not a yes).
    code(&mut s, KeyCode::Esc);
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().editor().is_some());
    // Ctrl-S from the question saves.
    code(&mut s, KeyCode::Esc);
    ctrl(&mut s, 's');
    assert!(s.overlays().editor().is_none());
    assert_eq!(
        s.annotations().set().get("c01").map(|a| a.note.as_str()),
        Some("two days of work")
    );
    // Opened and left unchanged: Esc just closes.
    press(&mut s, "a");
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().editor().is_none());
}

#[test]
fn a_paste_with_cr_or_crlf_line_endings_is_stored_with_lf() {
    let mut s = state(160, 45);
    press(&mut s, "a");
    s.update(Action::Paste("first\rsecond\r\nthird".into()));
    assert_eq!(
        s.overlays().editor().map(|e| e.textarea.lines().len()),
        Some(3),
        "shown as three lines, not joined on one"
    );
    ctrl(&mut s, 's');
    assert_eq!(
        s.annotations().set().get("c01").map(|a| a.note.as_str()),
        Some("first\nsecond\nthird")
    );
    // Evidence pasted from a Windows file: one link per line, no CR kept.
    press(&mut s, "e");
    s.update(Action::Paste(
        "https://a.example/1\r\nhttps://b.example/2\r\n".into(),
    ));
    ctrl(&mut s, 's');
    let ev = s
        .annotations()
        .set()
        .get("c01")
        .map(|a| a.evidence.clone())
        .unwrap_or_default();
    assert_eq!(ev, vec!["https://a.example/1", "https://b.example/2"]);
}

#[test]
fn evidence_and_tags_editors_and_bulk_tags_add() {
    let mut s = state(160, 45);
    press(&mut s, "e");
    s.update(Action::Paste(
        "https://a.example/1\nhttps://b.example/2".into(),
    ));
    ctrl(&mut s, 's');
    assert_eq!(
        s.annotations().set().get("c01").map(|a| a.evidence.len()),
        Some(2)
    );
    press(&mut s, "t");
    press(&mut s, "alpha, beta");
    ctrl(&mut s, 's');
    press(&mut s, "   "); // mark c01..c03
    press(&mut s, "t");
    assert_eq!(
        s.overlays().editor().as_ref().map(|e| e.field),
        Some(EditorField::Tags)
    );
    press(&mut s, "gamma");
    ctrl(&mut s, 's');
    assert_eq!(
        s.annotations().set().get("c01").map(|a| a.tags.clone()),
        Some(vec!["alpha".into(), "beta".into(), "gamma".into()])
    );
    assert_eq!(
        s.annotations().set().get("c03").map(|a| a.tags.clone()),
        Some(vec!["gamma".into()])
    );
}

#[test]
fn history_toggle_and_related_navigation() {
    let mut s = state(160, 45);
    press(&mut s, "H");
    assert!(s.detail().show_history());
    press(&mut s, "H");
    assert!(!s.detail().show_history());
    // c07 contradicts c04: ] follows it.
    let c07 = s.loaded().index.claim_by_id["c07"];
    s.update(Action::SelectClaim(c07));
    press(&mut s, "]");
    let linked: Vec<String> = s
        .loaded()
        .index
        .claim_links
        .get(c07.i())
        .iter()
        .map(|l| claim_id(&s, l.other))
        .collect();
    assert!(
        linked.contains(&selected_id(&s)),
        "{} in {linked:?}",
        selected_id(&s)
    );
}

#[test]
fn export_asks_the_edge_for_the_current_view() {
    let mut s = state(160, 45);
    let effects = press(&mut s, "f1E");
    assert_eq!(effects, vec![Effect::Export(s.claims().rows().to_vec())]);
}

#[test]
fn help_overlay_opens_scrolls_and_closes() {
    let mut s = state(160, 45);
    press(&mut s, "?");
    assert_eq!(s.overlays().help_scroll(), Some(0));
    press(&mut s, "jj");
    assert_eq!(s.overlays().help_scroll(), Some(2));
    press(&mut s, "q");
    assert!(
        s.overlays().help_scroll().is_none() && !s.should_quit(),
        "q closes help first"
    );
}

#[test]
fn mouse_click_selects_rows_and_wheel_scrolls() {
    let mut s = state(160, 45);
    let claims = s.layout().claims;
    s.update(Action::Click {
        column: claims.x + 5,
        row: claims.y + 1 + 4,
    });
    assert_eq!(selected_id(&s), "c05");
    let actors = s.layout().actors;
    s.update(Action::Click {
        column: actors.x + 3,
        row: actors.y + 2,
    });
    assert_eq!(s.focus(), Pane::Actors);
    assert!(s.claims().filter().actor.is_some());
    s.update(Action::ScrollDown {
        column: claims.x + 5,
        row: claims.y + 3,
    });
    s.update(Action::Resize {
        width: 10,
        height: 5,
    });
    s.update(Action::ScrollDown { column: 1, row: 1 });
}

#[test]
fn read_only_backends_refuse_edits_visibly() {
    struct ReadOnly(claimtrack::model::AnnotationSet);
    impl claimtrack::app::AnnotationBackend for ReadOnly {
        fn set(&self) -> &claimtrack::model::AnnotationSet {
            &self.0
        }
        fn apply(
            &mut self,
            _: &str,
            _: &claimtrack::model::Edit,
        ) -> Result<Option<claimtrack::model::Change>, claimtrack::app::BackendError> {
            Err(claimtrack::app::BackendError::Refused(
                "must not be called".into(),
            ))
        }
        fn read_only_reason(&self) -> Option<String> {
            Some("open in another claimtrack".into())
        }
        fn location(&self) -> String {
            "nowhere".into()
        }
    }
    let loaded = claimtrack::model::load_bundled().expect("bundled");
    let set = claimtrack::model::AnnotationSet::new(&loaded.dataset.id);
    let mut s = claimtrack::app::AppState::new(
        loaded,
        Box::new(ReadOnly(set)),
        ratatui::layout::Rect::new(0, 0, 160, 45),
    );
    press(&mut s, "3");
    assert!(
        s.message()
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("read-only"))
    );
    press(&mut s, "a");
    assert!(s.overlays().editor().is_none());
}

#[test]
fn timeline_and_claims_selections_follow_each_other() {
    use claimtrack::model::timeline::Item;
    let mut s = state(160, 45);
    press(&mut s, "jjj");
    assert_eq!(
        s.timeline_axis().selected_item(s.timeline()),
        Some(Item::Claim(s.loaded().index.claim_by_id["c04"]))
    );
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Pane::Timeline);
    press(&mut s, "j");
    let item = s
        .timeline_axis()
        .selected_item(s.timeline())
        .expect("selected");
    match item {
        Item::Claim(c) => assert_eq!(s.selected_claim(), Some(c)),
        Item::Event(e) => assert!(
            s.loaded()
                .index
                .event_claims
                .get(e.i())
                .contains(&s.selected_claim().expect("claim"))
        ),
    }
    // Annotation keys act on the claim selected in the timeline.
    let c = s.selected_claim().expect("claim");
    press(&mut s, "4");
    assert_eq!(s.statuses().of(c), Status::Misleading);
}

#[test]
fn timeline_zoom_pan_order_lanes_and_fit() {
    use claimtrack::app::timeline_axis::Zoom;
    let mut s = state(160, 45);
    code(&mut s, KeyCode::Tab);
    let zoom = s.timeline_axis().zoom;
    press(&mut s, "-");
    assert_ne!(s.timeline_axis().zoom, zoom);
    press(&mut s, "+");
    assert_eq!(s.timeline_axis().zoom, zoom);
    let start = s.timeline_axis().start;
    press(&mut s, "l");
    assert!(s.timeline_axis().start > start);
    press(&mut s, "h");
    assert_eq!(s.timeline_axis().start, start);
    press(&mut s, "zzz");
    assert_eq!(s.timeline_axis().zoom, Zoom::Year);
    press(&mut s, "o");
    assert_eq!(
        s.timeline_axis().by,
        claimtrack::model::timeline::OrderBy::Published
    );
    press(&mut s, "L");
    assert!(s.timeline_axis().lanes);
    press(&mut s, "Ft");
    let _ = render(&s);
}

#[test]
fn clicking_a_timeline_row_selects_it() {
    let mut s = state(160, 45);
    let t = s.layout().timeline;
    s.update(Action::Click {
        column: t.x + 5,
        row: t.y + 3 + 2,
    });
    assert_eq!(s.focus(), Pane::Timeline);
    assert_eq!(s.timeline_axis().selected, s.timeline_axis().offset + 2);
    s.update(Action::ScrollDown {
        column: t.x + 5,
        row: t.y + 4,
    });
    assert_eq!(s.timeline_axis().selected, s.timeline_axis().offset + 3);
}

#[test]
fn the_state_reads_keys_with_its_own_keymap_in_every_mode() {
    use claimtrack::app::Keymap;
    use claimtrack::model::config::KeyBinding;
    let kb = |scope: &str, key: &str, action: &str| KeyBinding {
        scope: scope.into(),
        key: key.into(),
        action: action.into(),
    };
    let keymap = Keymap::with_overrides(&[
        kb("claims", "v", "SetStatus(Verified)"),
        kb("credibility", "x", "SetCredibility(Some(1))"),
        kb("editor", "ctrl-d", "EditorSave"),
        kb("search", "ctrl-k", "SearchInput(Clear)"),
    ])
    .expect("bindings");
    let mut s = state(160, 45).with_keymap(keymap);
    press(&mut s, "v");
    assert_eq!(status_of(&s, "c01"), Status::Verified);
    press(&mut s, "cx");
    let grade = s.annotations().set().get("c01").and_then(|a| a.credibility);
    assert_eq!(grade, Credibility::new(1));
    press(&mut s, "ahello");
    ctrl(&mut s, 'd');
    assert!(s.overlays().editor().is_none(), "ctrl-d saved and closed");
    let note = s.annotations().set().get("c01").map(|a| a.note.clone());
    assert_eq!(note.as_deref(), Some("hello"));
    press(&mut s, "/troops");
    ctrl(&mut s, 'k');
    assert_eq!(s.overlays().search_input(), Some(""));
    // The help overlay shows the user's binding.
    let rows = s.keymap().help_rows(claimtrack::app::Scope::Editor);
    assert!(
        rows.iter()
            .any(|(k, h)| k.contains("Ctrl-D") && *h == "save"),
        "{rows:?}"
    );
}

/// A backend that refuses every edit without saying it is read-only (the
/// store closed, an edit it rejects), or keeps them pending after a failed write.
struct Flaky {
    set: claimtrack::model::AnnotationSet,
    keep_pending: bool,
}

impl claimtrack::app::AnnotationBackend for Flaky {
    fn set(&self) -> &claimtrack::model::AnnotationSet {
        &self.set
    }
    fn apply(
        &mut self,
        claim: &str,
        edit: &claimtrack::model::Edit,
    ) -> Result<Option<claimtrack::model::Change>, claimtrack::app::BackendError> {
        use claimtrack::app::BackendError;
        if !self.keep_pending {
            return Err(BackendError::Refused("the store said no".into()));
        }
        let change = self
            .set
            .apply(claim, edit, "tester", jiff::Timestamp::UNIX_EPOCH);
        Err(BackendError::NotSaved {
            change: change.map(Box::new),
            message: "disk full: kept in memory".into(),
        })
    }
    fn location(&self) -> String {
        "nowhere".into()
    }
}

fn flaky_state(keep_pending: bool) -> claimtrack::app::AppState {
    let loaded = claimtrack::model::load_bundled().expect("bundled");
    let set = claimtrack::model::AnnotationSet::new(&loaded.dataset.id);
    claimtrack::app::AppState::new(
        loaded,
        Box::new(Flaky { set, keep_pending }),
        ratatui::layout::Rect::new(0, 0, 160, 45),
    )
}

#[test]
fn a_refused_edit_changes_neither_counts_nor_undo() {
    let mut s = flaky_state(false);
    let before = s.statuses().total();
    press(&mut s, "3");
    let m = s.message().expect("a message");
    assert!(m.error && m.text.contains("said no"), "{m:?}");
    assert_eq!(s.statuses().total(), before, "counts follow the store");
    assert_eq!(
        s.statuses().of(claimtrack::model::ClaimIx(0)),
        Status::Unreviewed
    );
    press(&mut s, "u");
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("nothing to undo")
    );
}

#[test]
fn an_edit_kept_pending_counts_and_can_be_undone() {
    let mut s = flaky_state(true);
    press(&mut s, "3");
    assert!(s.message().is_some_and(|m| m.error));
    assert_eq!(s.statuses().total()[Status::Verified as usize], 1);
    press(&mut s, "u");
    assert_ne!(
        s.message().map(|m| m.text.as_str()),
        Some("nothing to undo")
    );
    assert_eq!(s.statuses().total()[Status::Verified as usize], 0);
}

#[test]
fn help_scroll_stays_within_the_help_and_pages() {
    let mut s = state(100, 30);
    press(&mut s, "?");
    let visible = (s.layout().main.height - 4) as usize;
    let max = s.help_len() - visible;
    press(&mut s, "G");
    assert_eq!(s.overlays().help_scroll(), Some(max));
    press(&mut s, "jjj");
    assert_eq!(
        s.overlays().help_scroll(),
        Some(max),
        "no scrolling past the end"
    );
    press(&mut s, "g");
    assert_eq!(s.overlays().help_scroll(), Some(0));
    code(&mut s, KeyCode::PageDown);
    assert_eq!(s.overlays().help_scroll(), Some(visible.min(max)));
    code(&mut s, KeyCode::PageUp);
    assert_eq!(s.overlays().help_scroll(), Some(0));
}

#[test]
fn the_mouse_wheel_leaves_the_panes_behind_the_editor_alone() {
    let mut s = state(160, 45);
    press(&mut s, "a");
    assert!(s.overlays().editor().is_some());
    let claims = s.layout().claims;
    let before = s.claims().cursor();
    for _ in 0..5 {
        s.update(Action::ScrollDown {
            column: claims.x + 2,
            row: claims.y + 2,
        });
    }
    assert_eq!(s.claims().cursor(), before);
    assert!(s.overlays().editor().is_some());
}

#[test]
fn scrolling_the_detail_pane_never_wraps() {
    let mut s = state(160, 45);
    let d = s.layout().detail;
    let at = |s: &mut claimtrack::app::AppState, down: bool| {
        let (column, row) = (d.x + 2, d.y + 2);
        s.update(if down {
            Action::ScrollDown { column, row }
        } else {
            Action::ScrollUp { column, row }
        });
    };
    at(&mut s, false);
    assert_eq!(s.detail().scroll(), 0);
    // 3 rows a notch: 21,846 notches would pass u16::MAX; the scroll
    // stops at the detail's last row instead.
    for _ in 0..21_846 {
        at(&mut s, true);
    }
    assert_eq!(s.detail().scroll(), s.detail_max_scroll());
}

#[test]
fn following_a_link_out_of_the_filter_keeps_sub_actors_like_clear_filters() {
    let mut s = state(160, 45);
    press(&mut s, "f3"); // only verified: none yet, so every claim is hidden
    s.update(Action::ToggleSubActors);
    assert!(s.claims().filter().sub_actors);
    let target = claimtrack::model::ClaimIx(5);
    s.update(Action::SelectClaim(target));
    assert_eq!(s.selected_claim(), Some(target));
    assert!(s.claims().filter().sub_actors, "as `x` would leave it");
    assert!(s.claims().filter().status.is_none());
}

/// The analyst gives the selected claim a tag of their own (`t`, the tags
/// editor cleared, saved).
fn give_own_tag(s: &mut claimtrack::app::AppState, tag: &str) {
    press(s, "t");
    ctrl(s, 'u');
    press(s, tag);
    ctrl(s, 's');
}

#[test]
fn an_analysts_own_tag_is_reachable_with_hash_and_by_search() {
    let mut s = state(160, 45);
    give_own_tag(&mut s, "zz-own-tag");
    let c01 = s.selected_claim().expect("c01");
    // The tag picker lists it, and picking it shows its claim.
    press(&mut s, "#zz-own");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.claims().filter().tag.as_deref(), Some("zz-own-tag"));
    assert_eq!(s.claims().rows(), [c01]);
    press(&mut s, "x/own-tag");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.claims().rows(), [c01]);
}

/// The tag filter cycles through every distinct tag, the dataset's and the
/// analysts' (on the dataset's claims only), in order, then back to none.
#[test]
fn the_tag_filter_cycles_through_every_distinct_tag_in_order() {
    let mut s = state(160, 45);
    give_own_tag(&mut s, "zz-own-tag");
    let mut want: Vec<String> = s
        .loaded()
        .dataset
        .claims
        .iter()
        .flat_map(|c| c.tags.iter().map(|t| t.to_string()))
        .collect();
    want.push("zz-own-tag".into());
    want.sort();
    want.dedup();
    let mut got = Vec::new();
    loop {
        s.update(Action::CycleTagFilter);
        match s.claims().filter().tag.clone() {
            Some(t) => got.push(t),
            None => break,
        }
        assert!(got.len() <= want.len(), "{got:?}");
    }
    assert_eq!(got, want);
}
