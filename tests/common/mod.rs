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
    s.loaded().dataset.claims[c.i()].id.to_string()
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
/// Draws the state at its size with `theme` and returns the buffer.
fn draw(s: &AppState, theme: &Theme) -> ratatui::buffer::Buffer {
    let mut term =
        Terminal::new(TestBackend::new(s.area().width, s.area().height)).expect("test terminal");
    term.draw(|f| ui::draw(f, s, theme)).expect("draw");
    term.backend().buffer().clone()
}

pub fn render(s: &AppState) -> String {
    let buf = &draw(s, &Theme::dark());
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

/// Renders the state with its styles: each text line is followed by a line
/// of letters, one per cell, naming the cell's style (a space: the default
/// style), and a legend of the letters ends the screen. Colour and emphasis
/// regressions (the selection, the quote highlight, status colours) show up
/// as a changed letter or legend line.
pub fn render_styled(s: &AppState) -> String {
    render_styled_with(s, &Theme::dark())
}

pub fn render_styled_with(s: &AppState, theme: &Theme) -> String {
    let buf = &draw(s, theme);
    let mut styles: Vec<String> = Vec::new();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut text = String::new();
        let mut marks = String::new();
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            text.push_str(cell.symbol());
            let name = style_name(cell);
            let mark = if name.is_empty() {
                ' '
            } else {
                let i = styles.iter().position(|n| *n == name).unwrap_or_else(|| {
                    styles.push(name.clone());
                    styles.len() - 1
                });
                legend_letter(i)
            };
            marks.push(mark);
        }
        out.push_str(text.trim_end());
        out.push('\n');
        out.push_str(marks.trim_end());
        out.push('\n');
    }
    out.push_str("--\n");
    for (i, name) in styles.iter().enumerate() {
        out.push_str(&format!("{} = {name}\n", legend_letter(i)));
    }
    out
}

fn legend_letter(i: usize) -> char {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    LETTERS.get(i).map_or('?', |&b| char::from(b))
}

fn style_name(cell: &ratatui::buffer::Cell) -> String {
    use ratatui::style::{Color, Modifier};
    let mut parts = Vec::new();
    if cell.fg != Color::Reset {
        parts.push(format!("fg {:?}", cell.fg));
    }
    if cell.bg != Color::Reset {
        parts.push(format!("bg {:?}", cell.bg));
    }
    if cell.modifier != Modifier::empty() {
        parts.push(format!("{:?}", cell.modifier));
    }
    parts.join(", ")
}

/// The detail pane's part of the rendered screen, line by line.
pub fn detail_text(s: &AppState) -> String {
    let d = s.layout().detail;
    render(s)
        .lines()
        .skip(d.y as usize)
        .take(d.height as usize)
        .map(|l| {
            l.chars()
                .skip(d.x as usize)
                .take(d.width as usize)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
