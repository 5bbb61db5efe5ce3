//! The command palette (issue 14 §3): generated from the keymap table, fuzzy,
//! Enter runs the action; commands with an argument complete as you type.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use claimtrack::app::keymap::Scope;
use claimtrack::app::palette::{Run, entries};
use claimtrack::app::{Action, Effect, KeyCode, SortKey};
use claimtrack::model::Status;
use common::*;

fn palette_keys(s: &claimtrack::app::AppState) -> Vec<String> {
    s.overlays()
        .palette()
        .expect("open")
        .shown()
        .map(|e| e.keys.clone())
        .collect()
}

#[test]
fn every_action_of_the_panes_and_their_chords_is_in_the_palette() {
    let s = state(160, 45);
    let list = entries(s.keymap());
    for b in s.keymap().bindings() {
        let listed = [
            Scope::Global,
            Scope::Actors,
            Scope::Claims,
            Scope::Timeline,
            Scope::Reliability,
            Scope::Credibility,
            Scope::StatusFilter,
            Scope::CopyMenu,
            Scope::Take,
        ]
        .contains(&b.scope)
            && !matches!(b.action, Action::OpenPalette | Action::Cancel)
            && !(b.scope != Scope::Global && b.action == Action::Quit && b.scope != Scope::Claims);
        if listed {
            let e = list
                .iter()
                .find(|e| e.run == Run::Action(b.action.clone()))
                .unwrap_or_else(|| panic!("{:?} {} missing", b.scope, b.key));
            assert!(
                s.keymap()
                    .bindings()
                    .iter()
                    .any(|o| o.action == b.action && o.help == e.help),
                "{}",
                e.help
            );
            assert!(
                e.keys.contains(&b.key.to_string()),
                "{} in {}",
                b.key,
                e.keys
            );
        }
    }
    let rel = list
        .iter()
        .find(|e| {
            e.run
                == Run::Action(Action::SetReliability(Some(
                    claimtrack::model::Reliability::B,
                )))
        })
        .expect("reliability B");
    assert_eq!(
        rel.keys, "r b/r B",
        "a chord's keys follow the key that opens it"
    );
}

#[test]
fn colon_and_ctrl_p_open_it_and_enter_runs_the_match() {
    let mut s = state(160, 45);
    ctrl(&mut s, 'p');
    assert!(s.overlays().palette().is_some());
    code(&mut s, KeyCode::Esc);
    assert!(s.overlays().palette().is_none());
    press(&mut s, ":verified");
    let first = s
        .overlays()
        .palette()
        .expect("open")
        .current()
        .cloned()
        .expect("a match");
    assert_eq!(
        first.run,
        Run::Action(Action::SetStatus(Status::Verified)),
        "{first:?}"
    );
    let c = s.selected_claim().expect("a claim");
    code(&mut s, KeyCode::Enter);
    assert!(s.overlays().palette().is_none(), "closed after running");
    let id = claim_id(&s, c);
    assert_eq!(s.annotations().set().status(&id), Status::Verified);
}

#[test]
fn typing_narrows_and_help_is_searchable() {
    let mut s = state(160, 45);
    press(&mut s, ":");
    let all = s.overlays().palette().expect("open").shown_len();
    press(&mut s, "zoom");
    let keys = palette_keys(&s);
    assert!(keys.len() < all && !keys.is_empty(), "{keys:?}");
    assert!(keys.iter().any(|k| k.contains('+')), "{keys:?}");
    press(&mut s, "qqqqxxxzzz");
    assert!(palette_keys(&s).is_empty());
    code(&mut s, KeyCode::Enter);
    assert!(s.message().expect("said").error, "nothing matches is said");
}

#[test]
fn sort_completes_and_runs() {
    let mut s = state(160, 45);
    press(&mut s, ":so");
    code(&mut s, KeyCode::Enter); // the `sort` command: completed, not run
    assert_eq!(s.overlays().palette().expect("open").input(), "sort ");
    press(&mut s, "dat");
    let keys = palette_keys(&s);
    assert!(keys.contains(&"date".to_string()), "{keys:?}");
    for _ in 0..keys.iter().position(|k| k == "date").unwrap() {
        code(&mut s, KeyCode::Down);
    }
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.claims().sort(), SortKey::Said);
    assert!(s.overlays().palette().is_none());
}

#[test]
fn query_applies_the_query_language_and_shows_errors_as_you_type() {
    let mut s = state(160, 45);
    press(&mut s, "3"); // c01 Verified
    press(&mut s, ":query stauts:");
    let p = s.overlays().palette().expect("open");
    assert!(
        p.problem()
            .expect("an error")
            .contains("did you mean \"status\""),
        "{:?}",
        p.problem()
    );
    for _ in 0.."stauts:".len() {
        code(&mut s, KeyCode::Backspace);
    }
    press(&mut s, "stat");
    assert_eq!(
        palette_keys(&s).get(1).map(String::as_str),
        Some("status:"),
        "a field completes"
    );
    code(&mut s, KeyCode::Down);
    code(&mut s, KeyCode::Tab);
    press(&mut s, "veri");
    // "status:veri" does not parse yet, so the completions come first.
    assert_eq!(
        palette_keys(&s).first().map(String::as_str),
        Some("status:verified")
    );
    code(&mut s, KeyCode::Enter); // the completion: fills
    assert_eq!(
        s.overlays().palette().expect("open").input(),
        "query status:verified"
    );
    code(&mut s, KeyCode::Enter); // runs
    assert_eq!(shown_ids(&s), vec!["c01"]);
    assert!(
        claimtrack::ui::status::filter_chips(&s)
            .iter()
            .any(|c| c.contains("status:verified"))
    );
    // The same claims as `--where` would select; Esc clears it.
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.claims().rows().len(), 22);
}

#[test]
fn export_runs_the_export_effect() {
    let mut s = state(160, 45);
    press(&mut s, ":export");
    let fx = code(&mut s, KeyCode::Enter);
    assert!(
        matches!(fx.as_slice(), [Effect::Export(rows)] if rows.len() == 22),
        "{fx:?}"
    );
}

#[test]
fn a_chord_run_from_the_palette_waits_for_its_key() {
    let mut s = state(160, 45);
    press(&mut s, ":grade source reliability");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.overlays().chord(), Some(Scope::Reliability));
    press(&mut s, "B");
    let id = selected_id(&s);
    assert!(s.annotations().set().get(&id).is_some());
}

#[test]
fn help_is_searchable_from_the_palette_and_opens_at_its_group() {
    let mut s = state(160, 45);
    press(&mut s, ":");
    press(&mut s, "timeline pane");
    let p = s.overlays().palette().expect("open");
    let at = p
        .shown()
        .position(|e| e.help == "help: Timeline pane")
        .unwrap_or_else(|| panic!("{:?}", palette_keys(&s)));
    assert!(at < 10, "near the top: {:?}", palette_keys(&s));
    for _ in 0..at {
        code(&mut s, KeyCode::Down);
    }
    // Every group of help with keys is an entry.
    let all = entries(s.keymap());
    for scope in Scope::ALL {
        if !s.keymap().help_rows(scope).is_empty() {
            assert!(
                all.iter()
                    .any(|e| e.help == format!("help: {}", scope.title())),
                "{scope:?}"
            );
        }
    }
    code(&mut s, KeyCode::Enter);
    assert!(s.overlays().palette().is_none());
    let screen = render(&s);
    let help_top = screen
        .lines()
        .nth(2)
        .expect("a line under the help title")
        .to_owned();
    assert!(help_top.contains("Timeline pane"), "{screen}");
    // As a command with completion, and a wrong group is said.
    press(&mut s, "?");
    press(&mut s, ":help reader");
    code(&mut s, KeyCode::Enter);
    assert!(
        render(&s)
            .lines()
            .nth(2)
            .unwrap_or_default()
            .contains("Article reader")
    );
    press(&mut s, "?");
    press(&mut s, ":");
    s.update(Action::PaletteInput(
        claimtrack::app::action::InputKey::Clear,
    ));
    press(&mut s, "help zzz");
    code(&mut s, KeyCode::Enter);
    let m = s.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        m.contains("nothing matches") || m.contains("no help group"),
        "{m}"
    );
}
