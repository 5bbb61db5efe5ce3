//! The only way the command line writes to stdout and stderr.
//!
//! Dataset, annotation, config and file-name text is hostile: an id, a title
//! or a path can hold `ESC ] 0 ; … BEL` (sets the terminal's title), CSI
//! sequences or C1 controls. So every message for a human goes through
//! [`crate::text::sanitize_lines`], the TUI's sanitiser keeping line breaks,
//! whatever the command: new commands that print with these functions (and
//! return their errors as [`CliError`], printed by `cli::main`) are covered
//! without thinking about it. `tests/hostile_output.rs` checks every
//! subcommand, and that nothing in `src/` prints around this module.
//!
//! Data (exports, `gen`) is the exception: written to a file or a pipe it is
//! the bytes the format says, verbatim; written to a terminal it is
//! sanitised like any message.

use std::io::{IsTerminal, Write};

use super::CliError;
use crate::text::sanitize_lines;

/// Writes human-readable text to stdout, sanitised; a closed pipe (`| head`)
/// is success.
pub fn print_stdout(text: &str) -> Result<(), CliError> {
    write_stdout(&sanitize_lines(text))
}

/// Writes data to stdout: verbatim into a pipe or file, sanitised on a terminal.
pub fn print_data(text: &str) -> Result<(), CliError> {
    if std::io::stdout().is_terminal() {
        print_stdout(text)
    } else {
        write_stdout(text)
    }
}

/// Writes one human-readable line (or several) to stderr, sanitised.
pub fn eprint_line(text: &str) {
    eprint_raw(&format!("{}\n", sanitize_lines(text)));
}

/// A question on stderr, without a line break, flushed before reading the answer.
pub fn prompt(text: &str) {
    eprint_raw(&sanitize_lines(text));
}

/// A progress line that replaces itself on a terminal: `\r`, erase the line,
/// then the sanitised text (an empty one just erases).
pub fn progress_line(text: &str) {
    eprint_raw(&format!("\r\x1b[2K{}", crate::text::sanitize(text)));
}

fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Failure(format!("writing output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Stderr may be closed or full: there is nobody left to tell, so a failure
/// to write a message is ignored (and never a panic, as `eprintln!` would).
fn eprint_raw(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}
