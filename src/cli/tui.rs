//! `claimtrack [DATASET]`: the terminal UI.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CliError;
use crate::app::{AppState, Effect, MemoryBackend};
use crate::ui::Theme;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Dataset to open (RON). Without it, the bundled seed dataset.
    pub dataset: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    // Load (and report errors) before touching the terminal.
    let loaded = super::load(args.dataset.as_deref())?;
    if !std::io::stdout().is_terminal() {
        return Err(CliError::BadInput("claimtrack: the interactive view needs a terminal (try `claimtrack stats` or `claimtrack export`)".into()));
    }
    let backend = MemoryBackend::new(&loaded.dataset.id, "analyst");
    let mut state = AppState::new(
        loaded,
        Box::new(backend),
        ratatui::layout::Rect::new(0, 0, 80, 24),
    );
    let theme = Theme::from_env();
    crate::term::run(&mut state, &theme, |state, effect| match effect {
        Effect::Export(claims) => {
            let _ = (state, claims);
        }
    })
    .map_err(|e| CliError::Failure(format!("terminal: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
