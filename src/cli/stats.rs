//! `claimtrack stats [DATASET]`: counts, by kind, stance and status.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, print_stdout};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dataset (RON); the bundled one if omitted
    pub dataset: Option<PathBuf>,
    /// Annotation file whose merge conflicts to warn about [default: yours
    /// for this dataset, if any]
    #[arg(short, long, value_name = "PATH")]
    pub annotations: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let loaded = super::load(args.dataset.as_deref())?;
    let ds = &loaded.dataset;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", ds.title, ds.id);
    let _ = writeln!(out, "articles {:>8}", ds.articles.len());
    let _ = writeln!(out, "actors   {:>8}", ds.actors.len());
    let _ = writeln!(out, "claims   {:>8}", ds.claims.len());
    let _ = writeln!(out, "events   {:>8}", ds.events.len());
    let mut stances: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &ds.claims {
        *stances.entry(c.stance.label()).or_default() += 1;
    }
    let _ = writeln!(out, "stances:");
    for (s, n) in stances {
        let _ = writeln!(out, "  {s:<10} {n:>6}");
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &ds.actors {
        *kinds.entry(a.kind.label()).or_default() += 1;
    }
    let _ = writeln!(out, "actor kinds:");
    for (k, n) in kinds {
        let _ = writeln!(out, "  {k:<12} {n:>6}");
    }
    let conflicts = super::team_files::warn_conflicts(args.annotations.as_deref(), &loaded)?;
    if conflicts > 0 {
        let _ = writeln!(out, "conflicts {conflicts:>7}");
    }
    print_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
