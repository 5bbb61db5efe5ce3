//! `claimtrack schema`: the JSON Schema (draft 2020-12) of `export --format
//! json`, the same file as `docs/export.schema.json`.

use std::process::ExitCode;

use super::{CliError, print_data};

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> Result<ExitCode, CliError> {
    print_data(crate::model::export::JSON_SCHEMA)?;
    Ok(ExitCode::SUCCESS)
}
