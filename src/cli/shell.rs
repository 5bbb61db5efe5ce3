//! `claimtrack completions SHELL` and `claimtrack man`: generated from the
//! same clap definition that parses the arguments, so they cannot drift.

use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, CliError, print_data};

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for; e.g. `source <(claimtrack completions bash)`
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn completions(args: CompletionsArgs) -> Result<ExitCode, CliError> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "claimtrack", &mut out);
    print_data(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// The manual page (roff) of claimtrack, then one section per command:
/// `claimtrack man | man -l -`.
pub fn man() -> Result<ExitCode, CliError> {
    print_data(&man_page()?)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man_page() -> Result<String, CliError> {
    let fail = |e: std::io::Error| CliError::Failure(format!("rendering the manual: {e}"));
    let mut cmd = Cli::command();
    // Gives each subcommand its full name ("claimtrack export") for its synopsis.
    cmd.build();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut out)
        .map_err(fail)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        clap_mangen::Man::new(sub.clone())
            .title(format!("claimtrack-{}", sub.get_name()))
            .render(&mut out)
            .map_err(fail)?;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}
