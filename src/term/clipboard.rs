//! Copying text out of the TUI: through the terminal with OSC 52 (works over
//! SSH and in tmux with `set-clipboard on`), and into the system clipboard
//! when there is one (X11 through `arboard`). The message says which.

use std::io::Write;

use crossterm::clipboard::CopyToClipboard;

/// Terminals and tmux cap OSC 52 payloads (tmux: about 1 MB of base64 in a
/// sequence; some terminals far less). Beyond this only the system
/// clipboard is used, and the message says so.
const OSC52_MAX: usize = 100_000;

pub struct Clipboard {
    /// `None` when no system clipboard could be opened (no display).
    system: Option<arboard::Clipboard>,
}

impl Clipboard {
    pub fn new() -> Self {
        // Without a display there is no system clipboard: do not even try
        // (arboard would wait for a connection that cannot come).
        let has_display = std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
            || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|d| !d.is_empty());
        let system = if has_display {
            arboard::Clipboard::new().ok()
        } else {
            None
        };
        Self { system }
    }

    /// Copies `text` and returns the message for the status line.
    pub fn copy(&mut self, what: &str, text: &str) -> String {
        let system = self
            .system
            .as_mut()
            .is_some_and(|c| c.set_text(text.to_owned()).is_ok());
        let osc52 = text.len() <= OSC52_MAX && write_osc52(text).is_ok();
        let how = match (system, osc52) {
            (true, true) => "system clipboard and terminal (OSC 52)",
            (true, false) => "system clipboard",
            (false, true) => "terminal (OSC 52)",
            (false, false) => return format!("could not copy the {what}: no clipboard reachable"),
        };
        format!(
            "copied the {what} ({} chars) to the {how}",
            text.chars().count()
        )
    }
}

impl Default for Clipboard {
    fn default() -> Self {
        Self::new()
    }
}

fn write_osc52(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout();
    crossterm::execute!(out, CopyToClipboard::to_clipboard_from(text.as_bytes()))?;
    out.flush()
}
