//! `claimtrack keys`: the key map as a Markdown table, from the same table
//! the TUI, its help overlay and the README use (with your settings file's
//! bindings); `--actions` lists what a key can be bound to.

use std::process::ExitCode;

use super::{CliError, print_stdout};
use crate::app::keymap::{self, Keymap};
use crate::model::config::{Config, config_path, load_config};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// List the action names the settings file's `keys` can use
    #[arg(long)]
    actions: bool,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if args.actions {
        print_stdout(&(keymap::action_names().join("\n") + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let config = load_config().map_err(|e| CliError::BadInput(e.to_string()))?;
    print_stdout(&keymap(&config)?.markdown_table())?;
    Ok(ExitCode::SUCCESS)
}

/// The default keys with the settings file's bindings; any bad one is an
/// input error.
pub fn keymap(config: &Config) -> Result<Keymap, CliError> {
    Keymap::with_overrides(&config.keys).map_err(|errors| {
        let path =
            config_path().map_or_else(|| "config.ron".to_owned(), |p| p.display().to_string());
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("{path}: keys: {e}"))
            .collect();
        CliError::BadInput(lines.join("\n"))
    })
}
