//! Shared helpers for TUI tests: a state on the bundled dataset with in-memory
//! annotations and a fixed clock, and rendering to text.
#![allow(dead_code)]

use claimtrack::app::{Action, AppState, Effect, Key, KeyCode, MemoryBackend};
use claimtrack::model::{ClaimIx, load_bundled};
use claimtrack::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

pub fn state(width: u16, height: u16) -> AppState {
    let loaded = load_bundled().expect("bundled dataset");
    let backend = MemoryBackend::new(&loaded.dataset.id, "tester");
    AppState::new(loaded, Box::new(backend), Rect::new(0, 0, width, height))
}

/// Presses keys as a user would: through the keymap, then `update`.
/// Returns the effects the edge would have to perform.
pub fn press(s: &mut AppState, keys: &str) -> Vec<Effect> {
    keys.chars().flat_map(|c| key(s, Key::char(c))).collect()
}

pub fn key(s: &mut AppState, k: Key) -> Vec<Effect> {
    match s.action_for_key(k) {
        Some(a) => s.update(a),
        None => Vec::new(),
    }
}

pub fn code(s: &mut AppState, c: KeyCode) -> Vec<Effect> {
    key(s, Key::new(c))
}

pub fn ctrl(s: &mut AppState, c: char) -> Vec<Effect> {
    key(s, Key::ctrl(c))
}

pub fn act(s: &mut AppState, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        s.update(a);
    }
}

pub fn claim_id(s: &AppState, c: ClaimIx) -> String {
    s.loaded().dataset.claims[c.i()].id.clone()
}

pub fn selected_id(s: &AppState) -> String {
    s.selected_claim()
        .map(|c| claim_id(s, c))
        .unwrap_or_default()
}

pub fn shown_ids(s: &AppState) -> Vec<String> {
    s.claims().rows().iter().map(|&c| claim_id(s, c)).collect()
}

/// Renders the state at its size and returns the screen as text lines.
pub fn render(s: &AppState) -> String {
    let mut term =
        Terminal::new(TestBackend::new(s.area().width, s.area().height)).expect("test terminal");
    term.draw(|f| ui::draw(f, s, &Theme { color: true }))
        .expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
