//! `claimtrack merge-driver BASE OURS THEIRS [PATHNAME]` (git's `%O %A %B
//! %P`) and `claimtrack merge FILE... -o OUT`: annotation files combined
//! per claim and per field, conflicts kept inside the file (never conflict
//! markers), so the result is always a valid annotation file.
//!
//! Exit codes: 0 merged cleanly, 1 conflicts remain in the result (git then
//! marks the path conflicted until it is added), 2 an input that is not an
//! annotation file (the output is left as it was).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, eprint_line, team_files};
use crate::model::annotation::merge::{Merged, merge_n, merge3};
use crate::model::store::to_ron;
use crate::model::{AnnotationSet, safe_fs};

#[derive(clap::Args, Debug)]
pub struct DriverArgs {
    /// The common ancestor (%O; empty when the file is new on both sides)
    base: PathBuf,
    /// Our version (%A): the merged result is written here
    ours: PathBuf,
    /// Their version (%B)
    theirs: PathBuf,
    /// The path in the repository (%P), for messages
    pathname: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// Annotation files of the same dataset, made independently (at least two)
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Where to write the merged file (may be one of the inputs)
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
}

pub fn run_driver(args: DriverArgs) -> Result<ExitCode, CliError> {
    let shown = args.pathname.clone().unwrap_or_else(|| args.ours.clone());
    if let Some(p) = &args.pathname {
        refuse_unfolded_journal(p)?;
    }
    let ours = read_side(&args.ours)?;
    let theirs = read_side(&args.theirs)?;
    let base = read_side(&args.base)?;
    // A side git gives as empty (the file added on both sides, say) is an
    // empty annotation set of the others' dataset.
    let dataset = [&ours, &theirs, &base]
        .into_iter()
        .flatten()
        .map(|s| s.dataset.clone())
        .next()
        .unwrap_or_default();
    let or_empty = |s: Option<AnnotationSet>| s.unwrap_or_else(|| AnnotationSet::new(&dataset));
    let (base, ours, theirs) = (or_empty(base), or_empty(ours), or_empty(theirs));
    let merged = merge3(&base, &ours, &theirs)
        .map_err(|e| CliError::BadInput(format!("{}: {e}", shown.display())))?;
    finish(&merged, &args.ours, &shown)
}

pub fn run_merge(args: MergeArgs) -> Result<ExitCode, CliError> {
    let sets = args
        .files
        .iter()
        .map(|p| team_files::read_any(p))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&AnnotationSet> = sets.iter().collect();
    let merged =
        merge_n(&refs).map_err(|e| CliError::BadInput(format!("claimtrack merge: {e}")))?;
    finish(&merged, &args.output, &args.output)
}

/// Writes the merged file and says what happened; exit 1 while conflicts remain.
fn finish(merged: &Merged, out: &Path, shown: &Path) -> Result<ExitCode, CliError> {
    let text = to_ron(&merged.set).map_err(|e| CliError::Failure(e.to_string()))?;
    safe_fs::write_atomic(out, text.as_bytes())
        .map_err(|e| CliError::Failure(format!("{}: cannot write: {e}", out.display())))?;
    let summary = merged
        .report
        .summary("")
        .unwrap_or_else(|| "nothing came in".to_owned());
    eprint_line(&format!(
        "claimtrack: merged {}: {summary}",
        shown.display()
    ));
    for c in &merged.set.conflicts {
        eprint_line(&format!(
            "  CONFLICT {} {}: {}",
            c.claim,
            c.field.label(),
            c.describe()
        ));
    }
    match merged.set.conflict_count() {
        0 => Ok(ExitCode::SUCCESS),
        n => {
            eprint_line(&format!(
                "claimtrack: {n} conflict{} kept in the file: resolve them in claimtrack, then commit",
                if n == 1 { "" } else { "s" }
            ));
            Ok(ExitCode::from(1))
        }
    }
}

/// One side of a git merge: `None` for an empty file.
fn read_side(path: &Path) -> Result<Option<AnnotationSet>, CliError> {
    let empty = std::fs::metadata(path).is_ok_and(|m| m.len() == 0);
    match empty {
        true => Ok(None),
        false => team_files::read_any(path).map(Some),
    }
}

/// Changes still in the working copy's journal are not in git's OURS: a
/// merge now would lose them when claimtrack next folds the journal in.
fn refuse_unfolded_journal(pathname: &Path) -> Result<(), CliError> {
    let mut name = pathname.as_os_str().to_owned();
    name.push(".journal");
    let journal = PathBuf::from(name);
    match std::fs::metadata(&journal) {
        Ok(m) if m.len() > 0 => Err(CliError::Failure(format!(
            "{}: changes not yet folded into the file ({} exists: is claimtrack open on it?); \
             quit claimtrack, commit, then merge again",
            pathname.display(),
            journal.display()
        ))),
        _ => Ok(()),
    }
}
