//! `claimtrack export --format FMT [DATASET]`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, print_stdout};
use crate::model::{ClaimIx, export};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The normalised dataset as JSON
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format
    #[arg(short, long, value_enum)]
    format: Format,
    /// Dataset (RON); the bundled one if omitted
    dataset: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let loaded = super::load(args.dataset.as_deref())?;
    let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
        .map(ClaimIx::from_usize)
        .collect();
    let text = match args.format {
        Format::Json => export::json::to_json(&loaded, None, &all),
    };
    print_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}
