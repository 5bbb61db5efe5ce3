//! Owns the terminal: raw mode, alternate screen, mouse and paste. Restored
//! on drop, on panic (hook) and — through the event loop — on SIGTERM/SIGHUP;
//! given back on suspend (Ctrl-Z, SIGTSTP) and taken again on SIGCONT.

use std::io::{self, Stdout, Write};
use std::mem::ManuallyDrop;
use std::sync::Once;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

pub struct TerminalGuard {
    /// Never dropped: ratatui's `Terminal` drop reports a failure to show the
    /// cursor with `eprintln!`, which panics when the terminal has hung up
    /// (stderr gone), and that panic would skip saving or rescuing the
    /// annotations. [`restore`] shows the cursor instead, ignoring errors.
    pub terminal: ManuallyDrop<Term>,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        if let Err(e) = take_terminal() {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(Self {
                terminal: ManuallyDrop::new(terminal),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Ctrl-Z or SIGTSTP: gives the terminal back to the shell and stops the
    /// process; returns once it is continued, with the terminal ours again.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // Our SIGTSTP handler replaced the default action; this performs it
        // (signal-hook raises SIGSTOP, which cannot be caught).
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
        self.resume()
    }

    /// Takes the terminal (back) after SIGCONT, whatever the shell did to it
    /// meanwhile, and clears it so the next draw repaints every cell.
    pub fn resume(&mut self) -> io::Result<()> {
        // crossterm skips enabling raw mode while it believes it is on, but
        // the shell may have put the tty back to cooked: reset, then enable.
        disable_raw_mode()?;
        take_terminal()?;
        // `resize` clears the screen and ratatui's previous frame (it may
        // also have changed size); `clear` would query the cursor position,
        // which needs an answer from the terminal we cannot count on.
        let size = self.terminal.size()?;
        self.terminal.resize(size.into())
    }
}

/// Raw mode, alternate screen, mouse, bracketed paste, hidden cursor.
fn take_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as the shell expects it. Safe to call twice.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Restore first, or the panic message is lost in the alternate screen.
            restore();
            previous(info);
        }));
    });
}
