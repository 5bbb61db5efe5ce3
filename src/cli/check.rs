//! `claimtrack check DATASET...`: for dataset authors and CI pipelines.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, eprint_line, print_stdout};
use crate::model::LoadError;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dataset files to validate
    #[arg(required = true, value_hint = clap::ValueHint::FilePath)]
    datasets: Vec<PathBuf>,
    /// Print errors only: no warnings, no summary
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut invalid = false;
    let mut failed_io = false;
    for path in &args.datasets {
        let origin = path.display().to_string();
        match crate::model::load_path(path) {
            Ok(loaded) => {
                if !args.quiet {
                    for w in &loaded.warnings {
                        eprint_line(&w.render(&origin));
                    }
                    let ds = &loaded.dataset;
                    print_stdout(&format!(
                        "{origin}: ok ({}, {}, {}, {}, {})\n",
                        count(ds.articles.len(), "article"),
                        count(ds.actors.len(), "actor"),
                        count(ds.claims.len(), "claim"),
                        count(ds.events.len(), "event"),
                        count(loaded.warnings.len(), "warning")
                    ))?;
                }
            }
            Err(LoadError::Invalid {
                origin,
                diagnostics,
            }) => {
                invalid = true;
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                for d in diagnostics.iter().filter(|d| !args.quiet || d.is_error()) {
                    eprint_line(&d.render(&origin));
                }
                if !args.quiet {
                    eprint_line(&format!(
                        "claimtrack: {origin}: invalid ({errors} error{})",
                        if errors == 1 { "" } else { "s" }
                    ));
                }
            }
            Err(e) => match CliError::from(e) {
                CliError::BadInput(m) => {
                    invalid = true;
                    eprint_line(&super::error_text(&m));
                }
                CliError::Failure(m) => {
                    failed_io = true;
                    eprint_line(&super::error_text(&m));
                }
            },
        }
    }
    Ok(if invalid {
        ExitCode::from(2)
    } else if failed_io {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "1 claim", "22 claims".
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
