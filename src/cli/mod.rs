//! The command line: parse arguments, run a command, render errors for humans.
//!
//! Exit codes: 0 ok, 2 bad input (invalid dataset, bad arguments), 1 any other
//! failure (I/O, terminal).

mod add;
mod agreement;
mod annotate;
mod annotate_csv;
mod check;
mod dataset_watch;
pub(crate) mod export;
mod r#gen;
mod git_setup;
mod import;
mod keys;
mod loading;
mod merge;
mod opener;
mod output;
mod schema;
mod selection;
mod shell;
mod stats;
mod team_files;
mod timeline;
mod tui;
mod tui_export;

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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff): `claimtrack man | man -l -`
    Man,
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
        use std::io::ErrorKind;
        match e {
            LoadError::Invalid { .. } | LoadError::TooLarge { .. } => Self::BadInput(e.to_string()),
            // A missing file, a directory or a FIFO where a dataset should be:
            // the user named the wrong thing.
            LoadError::Io { ref source, .. }
                if matches!(
                    source.kind(),
                    ErrorKind::NotFound | ErrorKind::IsADirectory | ErrorKind::InvalidInput
                ) =>
            {
                Self::BadInput(e.to_string())
            }
            LoadError::Io { .. } => Self::Failure(e.to_string()),
        }
    }
}

/// The subcommands' names, for "did you mean".
fn command_names() -> Vec<String> {
    use clap::CommandFactory;
    Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect()
}

/// `claimtrack exprot`: the first argument is neither a command nor an
/// existing file but close to a command's name. (clap takes it for the TUI's
/// dataset, so its own suggestion never fires.)
fn mistyped_command(args: &[std::ffi::OsString]) -> Option<String> {
    let first = args.get(1)?.to_str()?;
    if first.starts_with('-') || first.contains(['/', '.']) || Path::new(first).exists() {
        return None;
    }
    let names = command_names();
    if names.iter().any(|n| n == first) || first == "help" {
        return None;
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let s = crate::model::suggest::did_you_mean(first, &refs)?;
    Some(format!(
        "claimtrack: \"{first}\" is not a command (nor a file); did you mean \"{s}\"? (claimtrack --help lists the commands)"
    ))
}

/// Every error starts `claimtrack: ` unless it already points at a place in
/// a file (`path:line:col: error: …`), so scripts and people can spot them.
pub(crate) fn error_text(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or("");
    if first.starts_with("claimtrack: ") || is_positioned(first) {
        msg.to_owned()
    } else {
        format!("claimtrack: {msg}")
    }
}

/// `path:12:5: error: …` (or `warning:`).
fn is_positioned(line: &str) -> bool {
    let head = [": error: ", ": warning: "]
        .iter()
        .find_map(|sep| line.split_once(sep).map(|(h, _)| h));
    let Some(head) = head else {
        return false;
    };
    let mut parts = head.rsplitn(3, ':');
    let col = parts.next().unwrap_or("");
    let line_no = parts.next().unwrap_or("");
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(col) && digits(line_no) && parts.next().is_some_and(|p| !p.is_empty())
}

pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(msg) = mistyped_command(&args) {
        eprint_line(&msg);
        return ExitCode::from(2);
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            // --help and --version: what the user asked for, on stdout.
            let _ = print_stdout(&e.render().to_string());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let text = e.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            eprint_line(&format!("claimtrack: {}", text.trim_end()));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Some(Command::Check(a)) => check::run(a),
        Some(Command::Export(a)) => export::run(a),
        Some(Command::Stats(a)) => stats::run(a),
        Some(Command::Keys(a)) => keys::run(a),
        Some(Command::Timeline(a)) => timeline::run(a),
        Some(Command::Gen(a)) => r#gen::run(a),
        Some(Command::Completions(a)) => shell::completions(a),
        Some(Command::Man) => shell::man(),
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
            eprint_line(&error_text(&msg));
            ExitCode::from(2)
        }
        Err(CliError::Failure(msg)) => {
            eprint_line(&error_text(&msg));
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
