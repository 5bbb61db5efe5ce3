//! `claimtrack annotate [DATASET] CLAIM_ID... [--status S] ...` and
//! `claimtrack annotate [DATASET] --from FILE.csv`: annotating from scripts.
//!
//! The same store as the TUI (lock, journal, history, durability), closed
//! before exiting, so the annotation file itself holds the change (the
//! journal folded in) and a `git commit` right after carries it. Everything
//! is checked before the store is opened: an unknown claim or a bad value
//! writes nothing, not even a lock file.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, print_stdout};
use crate::model::config::resolve_analyst_with;
use crate::model::store::{AnnotationStore, OpenError, ReadOnly, StoreError};
use crate::model::{Annotation, Change, Credibility, Edit, Loaded, Reliability, Status};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// [DATASET] (a path ending in .ron or holding a /; the bundled dataset
    /// if omitted), then the claims to annotate
    #[arg(value_name = "CLAIM_ID")]
    targets: Vec<String>,
    /// Annotation file [default: <data dir>/claimtrack/<dataset-id>.annotations.ron]
    #[arg(short, long, value_name = "PATH")]
    annotations: Option<PathBuf>,
    /// Your name in the change history [default: config `analyst`, else $USER]
    #[arg(long, value_name = "NAME")]
    analyst: Option<String>,
    /// Status: Unreviewed, InProgress, Verified, Misleading, False, Disputed, Unverifiable
    #[arg(long, value_name = "S")]
    status: Option<String>,
    /// Source reliability A-F, or `none` to clear it
    #[arg(long, value_name = "A-F|none")]
    reliability: Option<String>,
    /// Information credibility 1-6, or `none` to clear it
    #[arg(long, value_name = "1-6|none")]
    credibility: Option<String>,
    /// Replace the note (an empty TEXT clears it)
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Add a tag (repeatable)
    #[arg(long = "add-tag", value_name = "T")]
    add_tags: Vec<String>,
    /// Remove a tag (repeatable)
    #[arg(long = "remove-tag", value_name = "T")]
    remove_tags: Vec<String>,
    /// Add an evidence link (repeatable)
    #[arg(long, value_name = "URL")]
    evidence: Vec<String>,
    /// Import verdicts from a CSV file with columns
    /// id,status[,reliability,credibility,note,tags,evidence] (as `export
    /// --format csv` writes them), all or nothing
    #[arg(long, value_name = "FILE.csv", conflicts_with_all = [
        "status", "reliability", "credibility", "note", "add_tags", "remove_tags", "evidence"
    ])]
    from: Option<PathBuf>,
}

/// The changes asked for on the command line, relative to each claim's
/// current annotation (tags and evidence are added to or removed from).
#[derive(Debug, Default)]
struct Spec {
    status: Option<Status>,
    reliability: Option<Option<Reliability>>,
    credibility: Option<Option<Credibility>>,
    note: Option<String>,
    add_tags: Vec<String>,
    remove_tags: Vec<String>,
    evidence: Vec<String>,
}

impl Spec {
    fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.reliability.is_none()
            && self.credibility.is_none()
            && self.note.is_none()
            && self.add_tags.is_empty()
            && self.remove_tags.is_empty()
            && self.evidence.is_empty()
    }

    fn edits_for(&self, a: &Annotation) -> Vec<Edit> {
        let mut edits = Vec::new();
        edits.extend(self.status.map(Edit::Status));
        edits.extend(self.reliability.map(Edit::Reliability));
        edits.extend(self.credibility.map(Edit::Credibility));
        edits.extend(self.note.clone().map(Edit::Note));
        if !self.add_tags.is_empty() || !self.remove_tags.is_empty() {
            let mut tags: Vec<String> = a
                .tags
                .iter()
                .filter(|t| !self.remove_tags.contains(t))
                .cloned()
                .collect();
            push_new(&mut tags, &self.add_tags);
            edits.push(Edit::Tags(tags));
        }
        if !self.evidence.is_empty() {
            let mut evidence = a.evidence.clone();
            push_new(&mut evidence, &self.evidence);
            edits.push(Edit::Evidence(evidence));
        }
        edits
    }
}

fn push_new(list: &mut Vec<String>, items: &[String]) {
    for item in items {
        if !list.contains(item) {
            list.push(item.clone());
        }
    }
}

/// What to apply: per claim, its edits (or the command-line spec).
enum Plan {
    Spec(Vec<String>, Spec),
    Rows(Vec<(String, Vec<Edit>)>),
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let (dataset, claims) = split_targets(&args.targets);
    let loaded = super::load(dataset.as_deref())?;
    let plan = match &args.from {
        Some(csv) => {
            if !claims.is_empty() {
                return Err(CliError::BadInput(
                    "claimtrack annotate: give claim ids or --from FILE.csv, not both".into(),
                ));
            }
            Plan::Rows(super::annotate_csv::read(csv, &loaded)?)
        }
        None => Plan::Spec(check_claims(&loaded, claims)?, spec(&args)?),
    };
    let config = crate::model::config::load_config()
        .map_err(|e| CliError::BadInput(format!("claimtrack: {e}")))?;
    let analyst = resolve_analyst_with(args.analyst.as_deref(), &config, |k| std::env::var(k).ok());
    let mut store = open(&loaded, args.annotations.as_deref(), &analyst)?;
    let rows = match plan {
        Plan::Rows(rows) => rows,
        Plan::Spec(ids, spec) => {
            let blank = Annotation::default();
            ids.into_iter()
                .map(|id| {
                    let edits = spec.edits_for(store.set().get(&id).unwrap_or(&blank));
                    (id, edits)
                })
                .collect()
        }
    };
    let (changes, failed) = apply_all(&mut store, &rows);
    let path = store.path().to_owned();
    let closed = store.close();
    let mut out = String::new();
    for c in &changes {
        let _ = writeln!(
            out,
            "{} {}: {:?} -> {:?}",
            c.claim,
            c.field.label(),
            c.old,
            c.new
        );
    }
    match failed.map_or(closed, Err) {
        Ok(()) => {
            let _ = match changes.len() {
                0 => writeln!(out, "nothing changed in {}", path.display()),
                n => writeln!(out, "saved {n} change{} to {}", plural(n), path.display()),
            };
            print_stdout(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            print_stdout(&out)?;
            Err(CliError::Failure(format!("annotations: {e}")))
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Applies every edit as one action: one journal record, one `fdatasync`,
/// so a crash or a kill leaves all of it or none of it (a CSV import is all
/// or nothing). On a write failure the edits stay pending in the store, and
/// `close` tries once more to save them.
fn apply_all(
    store: &mut AnnotationStore,
    rows: &[(String, Vec<Edit>)],
) -> (Vec<Change>, Option<StoreError>) {
    // One command, one moment: every change it makes carries the same time.
    let now = jiff::Timestamp::now();
    let at = jiff::Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
    let edits: Vec<(String, Edit)> = rows
        .iter()
        .flat_map(|(claim, edits)| edits.iter().map(move |e| (claim.clone(), e.clone())))
        .collect();
    let applied = store.apply_batch_at(&edits, at);
    let changes = applied.changes.into_iter().flatten().collect();
    (changes, applied.saved.err())
}

/// `[DATASET] CLAIM_ID...`: claim ids never end in `.ron` nor hold a `/`.
fn split_targets(targets: &[String]) -> (Option<PathBuf>, &[String]) {
    match targets.split_first() {
        Some((first, rest))
            if first.ends_with(".ron") || first.contains(std::path::MAIN_SEPARATOR) =>
        {
            (Some(PathBuf::from(first)), rest)
        }
        _ => (None, targets),
    }
}

fn check_claims(loaded: &Loaded, claims: &[String]) -> Result<Vec<String>, CliError> {
    if claims.is_empty() {
        return Err(CliError::BadInput(
            "claimtrack annotate: name the claims to annotate (or --from FILE.csv)".into(),
        ));
    }
    let unknown: Vec<String> = claims
        .iter()
        .filter(|id| !loaded.index.claim_by_id.contains_key(id.as_str()))
        .map(|id| format!("\"{id}\""))
        .collect();
    if !unknown.is_empty() {
        return Err(CliError::BadInput(format!(
            "claimtrack annotate: no claim {} in dataset \"{}\"; nothing written",
            unknown.join(", "),
            loaded.dataset.id
        )));
    }
    let mut ids: Vec<String> = Vec::new();
    push_new(&mut ids, claims);
    Ok(ids)
}

fn spec(args: &Args) -> Result<Spec, CliError> {
    let bad = |what: &str, v: &str, valid: &str| {
        CliError::BadInput(format!("--{what} \"{v}\": expected {valid}"))
    };
    let trimmed = |items: &[String], what: &str| -> Result<Vec<String>, CliError> {
        items
            .iter()
            .map(|t| match t.trim() {
                "" => Err(CliError::BadInput(format!("--{what}: empty value"))),
                t => Ok(t.to_owned()),
            })
            .collect()
    };
    let spec = Spec {
        status: match args.status.as_deref() {
            None => None,
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                let valid: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
                bad("status", s, &valid.join(", "))
            })?),
        },
        reliability: match args.reliability.as_deref() {
            None => None,
            Some(r) => {
                Some(parse_reliability(r).ok_or_else(|| bad("reliability", r, "A-F or none"))?)
            }
        },
        credibility: match args.credibility.as_deref() {
            None => None,
            Some(c) => {
                Some(parse_credibility(c).ok_or_else(|| bad("credibility", c, "1-6 or none"))?)
            }
        },
        note: args.note.as_deref().map(|n| n.trim_end().to_owned()),
        add_tags: trimmed(&args.add_tags, "add-tag")?,
        remove_tags: trimmed(&args.remove_tags, "remove-tag")?,
        evidence: trimmed(&args.evidence, "evidence")?,
    };
    if spec.is_empty() {
        return Err(CliError::BadInput(
            "claimtrack annotate: nothing to change (give --status, --reliability, --credibility, --note, --add-tag, --remove-tag or --evidence)".into(),
        ));
    }
    Ok(spec)
}

/// `A`..`F` (either case); `none` or empty clears.
pub(crate) fn parse_reliability(s: &str) -> Option<Option<Reliability>> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("none") {
        return Some(None);
    }
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Reliability::from_letter(c).map(Some),
        _ => None,
    }
}

/// `1`..`6`; `none` or empty clears.
pub(crate) fn parse_credibility(s: &str) -> Option<Option<Credibility>> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("none") {
        return Some(None);
    }
    s.parse::<u8>().ok().and_then(Credibility::new).map(Some)
}

/// Opens the store for writing; a lock held elsewhere or a damaged file
/// writes nothing.
fn open(loaded: &Loaded, path: Option<&Path>, analyst: &str) -> Result<AnnotationStore, CliError> {
    let id = &loaded.dataset.id;
    let opened = match path {
        Some(p) => AnnotationStore::open(p, id, analyst),
        None => AnnotationStore::open_default(id, analyst),
    };
    let store = match opened {
        Ok(store) => store,
        Err(OpenError::Failed(e)) => return Err(CliError::Failure(format!("annotations: {e}"))),
        Err(e @ OpenError::Unreadable(_)) => {
            return Err(CliError::BadInput(format!(
                "annotations: {e}; nothing written"
            )));
        }
        Err(OpenError::Damaged(d)) => {
            return Err(CliError::BadInput(format!(
                "claimtrack annotate: the annotation file is damaged, not touching it:\n  {}",
                d.damage()
            )));
        }
    };
    match store.read_only() {
        None => Ok(store),
        Some(ReadOnly::Locked { pid }) => Err(CliError::Failure(format!(
            "{} is open in another claimtrack{}; nothing written (close it and try again)",
            store.path().display(),
            pid.map_or_else(String::new, |p| format!(" (pid {p})"))
        ))),
        Some(other) => Err(CliError::Failure(format!(
            "{}: {}; nothing written",
            store.path().display(),
            other.notice()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_and_clear() {
        assert_eq!(parse_reliability("b"), Some(Some(Reliability::B)));
        assert_eq!(parse_reliability("none"), Some(None));
        assert_eq!(parse_reliability("G"), None);
        assert_eq!(parse_reliability("AB"), None);
        assert_eq!(
            parse_credibility("6").flatten().map(Credibility::get),
            Some(6)
        );
        assert_eq!(parse_credibility("NONE"), Some(None));
        assert_eq!(parse_credibility("7"), None);
    }

    #[test]
    fn the_dataset_is_told_from_claim_ids() {
        let t = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let targets = t(&["ds.ron", "c01"]);
        assert_eq!(split_targets(&targets).0, Some(PathBuf::from("ds.ron")));
        let targets = t(&["data/ds", "c01"]);
        assert_eq!(split_targets(&targets).1, ["c01"]);
        let targets = t(&["c01", "c02"]);
        assert_eq!(split_targets(&targets), (None, &targets[..]));
    }

    #[test]
    fn tags_and_evidence_are_added_and_removed() {
        let spec = Spec {
            add_tags: vec!["b".into(), "a".into()],
            remove_tags: vec!["x".into()],
            evidence: vec!["u2".into(), "u1".into()],
            ..Spec::default()
        };
        let a = Annotation {
            tags: vec!["x".into(), "a".into()],
            evidence: vec!["u1".into()],
            ..Annotation::default()
        };
        assert_eq!(
            spec.edits_for(&a),
            vec![
                Edit::Tags(vec!["a".into(), "b".into()]),
                Edit::Evidence(vec!["u1".into(), "u2".into()])
            ]
        );
    }
}
