//! State tests of `y`/`Y` (copy) and `o` (open): what the state asks the
//! edge to copy or open, for the claim the cursor is on.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use claimtrack::app::{Action, Effect, KeyCode, Scope};
use common::*;

fn copied(effects: &[Effect]) -> Option<(String, String)> {
    effects.iter().find_map(|e| match e {
        Effect::Copy { what, text } => Some((what.clone(), text.clone())),
        _ => None,
    })
}

fn opened(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::Open(url) => Some(url.clone()),
        _ => None,
    })
}

fn error_message(s: &claimtrack::app::AppState) -> String {
    s.message()
        .as_ref()
        .filter(|m| m.error)
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// Sets the selected claim's evidence through the editor, as a user would.
fn set_evidence(s: &mut claimtrack::app::AppState, lines: &[&str]) {
    press(s, "e");
    s.update(Action::Paste(lines.join("\n")));
    ctrl(s, 's');
}

#[test]
fn y_copies_the_selected_claim_as_a_citation() {
    let mut s = state(160, 45);
    press(&mut s, "jjj");
    let (what, text) = copied(&press(&mut s, "y")).expect("a copy");
    assert_eq!(what, "citation of c04");
    let c = &s.loaded().dataset.claims[3];
    let quote_start: String = c.quote.text.chars().take(20).collect();
    assert!(text.starts_with(&format!("“{quote_start}")), "{text}");
    assert!(text.ends_with("[c04]"), "{text}");
}

#[test]
fn shift_y_offers_each_part_and_a_wrong_key_copies_nothing() {
    let mut s = state(160, 45);
    assert!(press(&mut s, "Y").is_empty());
    assert_eq!(s.scopes(), vec![Scope::CopyMenu]);
    assert!(render(&s).contains("the quote only"), "the menu is drawn");
    let (what, text) = copied(&press(&mut s, "q")).expect("a copy");
    assert_eq!(what, "quote of c01");
    assert_eq!(text, s.loaded().dataset.claims[0].quote.text);
    let (_, id) = copied(&press(&mut s, "Yi")).expect("id");
    assert_eq!(id, "c01");
    let (_, md) = copied(&press(&mut s, "Ym")).expect("markdown");
    assert!(md.starts_with("## Claim c01"), "{md}");
    // No URL on the bundled article: said, nothing copied.
    assert!(copied(&press(&mut s, "Yu")).is_none());
    assert!(
        error_message(&s).contains("has no URL"),
        "{}",
        error_message(&s)
    );
    // Another key closes the menu without copying.
    assert!(copied(&press(&mut s, "Yx")).is_none());
    assert_ne!(s.scopes(), vec![Scope::CopyMenu]);
}

#[test]
fn o_opens_the_one_link_or_offers_a_menu_of_several() {
    let mut s = state(160, 45);
    // Nothing to open: said so.
    assert!(opened(&press(&mut s, "o")).is_none());
    assert!(
        error_message(&s).contains("no http(s) link"),
        "{}",
        error_message(&s)
    );

    set_evidence(&mut s, &["https://example.org/report"]);
    assert_eq!(
        opened(&press(&mut s, "o")).as_deref(),
        Some("https://example.org/report")
    );

    // Only http(s) evidence is a link; text notes and other schemes are not.
    press(&mut s, "j");
    set_evidence(
        &mut s,
        &[
            "https://example.org/one",
            "javascript:alert(1)",
            "call with the ministry, 3 Nov",
            "file:///etc/passwd",
            "http://example.net/two",
        ],
    );
    assert!(opened(&press(&mut s, "o")).is_none(), "a menu, not a guess");
    assert_eq!(s.scopes(), vec![Scope::LinkMenu]);
    let links: Vec<String> = s.menu_links().iter().map(|l| l.url.clone()).collect();
    assert_eq!(links, ["https://example.org/one", "http://example.net/two"]);
    assert!(render(&s).contains("http://example.net/two"));
    assert_eq!(
        opened(&press(&mut s, "2")).as_deref(),
        Some("http://example.net/two")
    );
    // The detail pane shows the notes of evidence as text (own work first).
    let screen = render(&s);
    assert!(screen.contains("(text) call with"), "{screen}");
    // Esc closes the menu, opening nothing.
    press(&mut s, "o");
    assert!(opened(&key_esc(&mut s)).is_none());
    assert_ne!(s.scopes(), vec![Scope::LinkMenu]);
}

fn key_esc(s: &mut claimtrack::app::AppState) -> Vec<Effect> {
    code(s, KeyCode::Esc)
}
