//! `claimtrack check DATASET...`: for dataset authors and CI pipelines.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CliError;
use crate::model::LoadError;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dataset files to validate
    #[arg(required = true)]
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
                        eprintln!("{}", w.render(&origin));
                    }
                    let ds = &loaded.dataset;
                    println!(
                        "{origin}: ok ({} articles, {} actors, {} claims, {} events, {} warnings)",
                        ds.articles.len(),
                        ds.actors.len(),
                        ds.claims.len(),
                        ds.events.len(),
                        loaded.warnings.len()
                    );
                }
            }
            Err(LoadError::Invalid {
                origin,
                diagnostics,
            }) => {
                invalid = true;
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                for d in diagnostics.iter().filter(|d| !args.quiet || d.is_error()) {
                    eprintln!("{}", d.render(&origin));
                }
                eprintln!(
                    "{origin}: invalid ({errors} error{})",
                    if errors == 1 { "" } else { "s" }
                );
            }
            Err(e) => match CliError::from(e) {
                CliError::BadInput(m) => {
                    invalid = true;
                    eprintln!("{m}");
                }
                CliError::Failure(m) => {
                    failed_io = true;
                    eprintln!("claimtrack: {m}");
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
