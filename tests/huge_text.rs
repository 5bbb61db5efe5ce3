//! Budget 6 of issue 15: one enormous claim text (100 MB is allowed) costs a
//! frame no more than a short one. Drawing looks only at what can be
//! visible, which `text::touched` (the bytes sanitised, measured or cut)
//! proves without timing anything.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::{Action, AppState, KeyCode, MemoryBackend, Pane};
use claimtrack::model::load::BUNDLED_SOURCE;
use claimtrack::model::parse_str;
use claimtrack::text::touched;
use common::{code, press, render};

/// The bundled dataset with claim c01's text repeated to `bytes` bytes.
fn with_huge_claim(bytes: usize) -> AppState {
    let text = "The South Korean government is considering sending military intelligence officers to Ukraine to monitor North Korean troops.";
    let huge = format!("{text} ").repeat(bytes / (text.len() + 1));
    let src = BUNDLED_SOURCE.replacen(
        &format!("text: \"{text}\""),
        &format!("text: \"{huge}\""),
        1,
    );
    assert!(src.len() > bytes / 2, "c01's text was replaced");
    let loaded = parse_str(&src).expect("valid");
    let backend = MemoryBackend::new(&loaded.dataset.id, "tester");
    AppState::new(
        loaded,
        Box::new(backend),
        ratatui::layout::Rect::new(0, 0, 200, 50),
    )
}

/// Bytes touched by `f`, on this thread.
fn touching(f: impl FnOnce()) -> u64 {
    let before = touched();
    f();
    touched() - before
}

#[test]
fn a_frame_with_a_huge_claim_text_touches_only_what_it_can_show() {
    const HUGE: usize = 8 << 20;
    let mut s = with_huge_claim(HUGE);
    let id = |s: &AppState| {
        s.loaded().dataset.claims[s.selected_claim().unwrap().i()]
            .id
            .clone()
    };
    assert_eq!(id(&s), "c01", "the huge claim is selected at start");
    // A 200×50 screen has 10,000 cells; a few passes over each is the bound.
    let bound = 200 * 50 * 64;
    let first = touching(|| {
        render(&s);
    });
    assert!(first < bound, "first frame touched {first} bytes");
    // Moving away and back, a keystroke in the claims pane, the detail pane
    // focused and scrolled: each frame stays bounded.
    for step in ["j", "k", "s", "\t", "PgDn", "x"] {
        match step {
            "PgDn" => {
                code(&mut s, KeyCode::PageDown);
            }
            "\t" => {
                s.update(Action::Focus(Pane::Detail));
            }
            keys => {
                press(&mut s, keys);
            }
        }
        let n = touching(|| {
            render(&s);
        });
        assert!(n < bound, "after {step:?} a frame touched {n} bytes");
    }
    assert!(render(&s).contains("…"), "the cut text ends in an ellipsis");
}
