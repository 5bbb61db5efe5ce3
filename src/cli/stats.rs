//! `claimtrack stats [DATASET]`: counts, by kind, stance and status.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, print_stdout};
use crate::model::ClaimIx;
use crate::model::progress::ReviewProgress;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Annotation file (review progress, merge conflicts warned about)
    /// [default: your annotations of this dataset, if any]
    #[arg(short, long, value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    pub annotations: Option<PathBuf>,
    /// Counts and review progress of the selected claims only
    #[command(flatten)]
    pub selection: super::selection::Selection,
    /// Dataset (RON); the bundled one if omitted
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub dataset: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let loaded = super::load(args.dataset.as_deref())?;
    let ds = &loaded.dataset;
    let set = super::export::load_annotations(args.annotations.as_deref(), &loaded)?;
    let all = (0..ds.claims.len()).map(ClaimIx::from_usize).collect();
    let selected =
        (args.selection).apply(&loaded, set.as_ref(), args.annotations.as_deref(), all)?;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", ds.title, ds.id);
    let _ = writeln!(out, "articles {:>8}", ds.articles.len());
    let _ = writeln!(out, "actors   {:>8}", ds.actors.len());
    if args.selection.is_active() {
        let _ = writeln!(
            out,
            "claims   {:>8} selected of {}",
            selected.len(),
            ds.claims.len()
        );
    } else {
        let _ = writeln!(out, "claims   {:>8}", ds.claims.len());
    }
    let _ = writeln!(out, "events   {:>8}", ds.events.len());
    let mut stances: BTreeMap<&str, usize> = BTreeMap::new();
    for c in selected.iter().filter_map(|c| ds.claims.get(c.i())) {
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
    out.push_str(&ReviewProgress::compute(&loaded, set.as_ref(), &selected).render(&loaded));
    print_stdout(&out)?;
    // Freeing a large dataset takes a while (0.1 s at 100k claims): the
    // prompt need not wait for it.
    crate::model::free_later::free_later(loaded);
    Ok(ExitCode::SUCCESS)
}
