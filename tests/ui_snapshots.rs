//! Snapshots of rendered screens (ratatui TestBackend + insta). Annotations
//! use a fixed clock, so nothing volatile reaches a snapshot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::Action;
use claimtrack::app::KeyCode;
use common::*;

#[test]
fn main_screen() {
    let mut s = state(160, 45);
    press(&mut s, "jjj3rBc2");
    insta::assert_snapshot!(render(&s));
}

#[test]
fn article_reader_highlights_the_quote() {
    let mut s = state(120, 30);
    press(&mut s, "jjj");
    code(&mut s, KeyCode::Enter);
    insta::assert_snapshot!(render(&s));
}

#[test]
fn help_overlay() {
    let mut s = state(120, 50);
    press(&mut s, "?");
    insta::assert_snapshot!(render(&s));
}

#[test]
fn filtered_by_actor_with_search() {
    let mut s = state(160, 45);
    s.update(Action::Focus(claimtrack::app::Pane::Actors));
    let nis = s.loaded().index.actor_by_id["nis"];
    let row = s
        .actors()
        .rows()
        .iter()
        .position(|r| r.0 == Some(nis))
        .expect("row");
    for _ in 0..row {
        press(&mut s, "j");
    }
    code(&mut s, KeyCode::Enter);
    press(&mut s, "/troops");
    insta::assert_snapshot!(render(&s));
}

#[test]
fn narrow_terminal_uses_tabs() {
    let mut s = state(80, 24);
    insta::assert_snapshot!(render(&s));
    code(&mut s, KeyCode::Tab);
    insta::assert_snapshot!("narrow_detail_tab", render(&s));
}

#[test]
fn tiny_terminals_render_without_panicking() {
    let s = state(20, 6);
    insta::assert_snapshot!(render(&s));
    for (w, h) in [(10, 5), (1, 1), (0, 0), (40, 12), (3, 2), (100, 3)] {
        let mut s = state(w, h);
        let _ = render(&s);
        for k in ["j", "?", "/x"] {
            press(&mut s, k);
            let _ = render(&s);
        }
        code(&mut s, KeyCode::Esc);
        code(&mut s, KeyCode::Enter);
        let _ = render(&s);
    }
}

#[test]
fn note_editor() {
    let mut s = state(120, 30);
    press(&mut s, "a");
    press(&mut s, "Two independent sources confirm the deployment.");
    insta::assert_snapshot!(render(&s));
}

#[test]
fn history_view() {
    let mut s = state(160, 45);
    press(&mut s, "32aChecked");
    ctrl(&mut s, 's');
    press(&mut s, "H");
    insta::assert_snapshot!(render(&s));
}

#[test]
fn hostile_text_is_sanitised_before_display() {
    let src = claimtrack::model::load::BUNDLED_SOURCE.replacen(
        "North Korea has sent a significant number",
        "North \\u{1b}[2J\\u{1b}]0;pwned\\u{7}Korea 北朝鮮 \\u{202e}has sent a significant number",
        1,
    );
    let loaded = claimtrack::model::parse_str(&src).expect("still valid");
    let backend = claimtrack::app::MemoryBackend::new(&loaded.dataset.id, "t");
    let s = claimtrack::app::AppState::new(
        loaded,
        Box::new(backend),
        ratatui::layout::Rect::new(0, 0, 160, 45),
    );
    let screen = render(&s);
    assert!(
        !screen.chars().any(|c| c.is_control() && c != '\n'),
        "control characters reached the screen"
    );
    assert!(
        screen.contains("North ␛[2J␛]0;pwned␇Korea"),
        "escapes are shown as pictures"
    );
}
