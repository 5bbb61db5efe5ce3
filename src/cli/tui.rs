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
        Effect::Export(claims) => export_view(state, &claims),
    })
    .map_err(|e| CliError::Failure(format!("terminal: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the claims of the current view as a Markdown report in the working
/// directory, and says where (or why not) in the status bar.
fn export_view(state: &mut AppState, claims: &[crate::model::ClaimIx]) {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let path = PathBuf::from(format!("claimtrack-{}-{stamp}.md", state.loaded.dataset.id));
    let text = crate::model::export::markdown::to_markdown(
        &state.loaded,
        Some(state.annotations.set()),
        claims,
    );
    let msg = match super::export::write_atomically(&path, text.as_bytes()) {
        Ok(()) => format!("exported {} claims to {}", claims.len(), path.display()),
        Err(CliError::BadInput(e) | CliError::Failure(e)) => format!("export failed: {e}"),
    };
    state.notify(msg);
}
