//! `claimtrack keys`: the key map as a Markdown table, from the same table
//! the TUI, its help overlay and the README use.

use std::process::ExitCode;

use super::{CliError, print_stdout};

pub fn run() -> Result<ExitCode, CliError> {
    print_stdout(&crate::app::keymap::markdown_table())?;
    Ok(ExitCode::SUCCESS)
}
