//! The command line: parse arguments, run a command, render errors for humans.
//!
//! Exit codes: 0 ok, 2 bad input (invalid dataset, bad arguments), 1 any other
//! failure (I/O, terminal).

mod add;
mod agreement;
mod annotate;
mod annotate_csv;
mod check;
pub(crate) mod export;
mod r#gen;
mod git_setup;
mod import;
mod keys;
mod loading;
mod merge;
mod output;
mod schema;
mod stats;
mod team_files;
mod timeline;
mod tui;

use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use output::{eprint_line, print_data, print_stdout, progress_line, prompt};

use crate::model::{LoadError, Loaded, load::BUNDLED_ORIGIN};

#[derive(Parser, Debug)]
#[command(
    name = "claimtrack",
    version,
    about = "Track and verify the claims made in news articles"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    tui: tui::Args,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate datasets: exit 0 if all are valid, 2 if any is not
    Check(check::Args),
    /// Export a dataset (and its annotations) to stdout or a file
    Export(export::Args),
    /// Print counts of articles, actors, claims and events
    Stats(stats::Args),
    /// Print the key map as a Markdown table (--actions: the bindable actions)
    Keys(keys::Args),
    /// Print events and claims in time order, with reporting lags
    Timeline(timeline::Args),
    /// Print the JSON Schema of `export --format json`
    Schema(schema::Args),
    /// Write a synthetic, valid dataset to stdout (benchmarks, demos)
    Gen(r#gen::Args),
    /// Annotate claims from a script (or --from a CSV file), saved at once
    Annotate(annotate::Args),
    /// Merge analysts' annotation files made independently (no common base)
    Merge(merge::MergeArgs),
    /// The git merge driver for annotation files (git-setup installs it)
    MergeDriver(merge::DriverArgs),
    /// Set up this git repository to merge annotation files claim by claim
    GitSetup(git_setup::Args),
    /// How far analysts agree: Krippendorff's alpha, Fleiss' and Cohen's kappa
    Agreement(agreement::Args),
    /// Add a claim, actor or event to a dataset file (format-preserving)
    Add(add::Args),
    /// Import an article (HTML, Markdown or text) into a dataset file
    Import(import::Args),
}

/// A failure, classified for the exit code.
#[derive(Debug)]
pub enum CliError {
    /// The user's input is wrong: exit 2.
    BadInput(String),
    /// Anything else: exit 1.
    Failure(String),
}

impl From<LoadError> for CliError {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Invalid { .. } | LoadError::TooLarge { .. } => Self::BadInput(e.to_string()),
            LoadError::Io { ref source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Self::BadInput(e.to_string())
            }
            LoadError::Io { .. } => Self::Failure(e.to_string()),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check(a)) => check::run(a),
        Some(Command::Export(a)) => export::run(a),
        Some(Command::Stats(a)) => stats::run(a),
        Some(Command::Keys(a)) => keys::run(a),
        Some(Command::Timeline(a)) => timeline::run(a),
        Some(Command::Gen(a)) => r#gen::run(a),
        Some(Command::Agreement(a)) => agreement::run(a),
        Some(Command::Annotate(a)) => annotate::run(a),
        Some(Command::Merge(a)) => merge::run_merge(a),
        Some(Command::MergeDriver(a)) => merge::run_driver(a),
        Some(Command::GitSetup(a)) => git_setup::run(a),
        Some(Command::Schema(a)) => schema::run(a),
        Some(Command::Add(a)) => add::run(a),
        Some(Command::Import(a)) => import::run(a),
        None => tui::run(cli.tui),
    };
    match result {
        Ok(code) => code,
        // The one place errors are printed, sanitised: they quote ids,
        // titles, paths and config keys, any of which can be hostile.
        Err(CliError::BadInput(msg)) => {
            eprint_line(&msg);
            ExitCode::from(2)
        }
        Err(CliError::Failure(msg)) => {
            eprint_line(&format!("claimtrack: {msg}"));
            ExitCode::from(1)
        }
    }
}

/// Loads the dataset at `path` (through the binary cache, with progress on
/// the terminal when it takes a while), or the bundled one.
pub fn load(path: Option<&Path>) -> Result<Loaded, LoadError> {
    match path {
        Some(p) => loading::load_with_progress(p),
        None => crate::model::load_bundled(),
    }
}

/// How a dataset is named in messages.
pub fn origin(path: Option<&Path>) -> String {
    path.map_or_else(|| BUNDLED_ORIGIN.to_owned(), |p| p.display().to_string())
}
