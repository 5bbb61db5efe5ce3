//! `claimtrack export --format FMT [--annotations PATH] [--output FILE]
//! [--status S,...] [--org NAME] [--review-url-base URL] [DATASET]`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, print_data};
use crate::model::annotation::{ANNOTATION_FORMAT, format_supported};
use crate::model::export::{self, claimreview};
use crate::model::{AnnotationSet, ClaimIx, Loaded, Status, store};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The normalised dataset as JSON
    Json,
    /// One row per claim, for spreadsheets
    Csv,
    /// A readable report of the claims and their review
    Markdown,
    /// schema.org ClaimReview JSON-LD for claims with a final verdict
    Claimreview,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format
    #[arg(short, long, value_enum)]
    format: Format,
    /// Annotation file to export with the dataset [default: your annotations
    /// of this dataset in the data directory, if any]
    #[arg(short, long, value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    annotations: Option<PathBuf>,
    /// Export the dataset alone: every claim Unreviewed
    #[arg(long, conflicts_with = "annotations")]
    no_annotations: bool,
    /// Write to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    output: Option<PathBuf>,
    /// Export only claims with these statuses (comma separated, e.g. verified,false)
    #[arg(short, long, value_name = "S,...", value_delimiter = ',')]
    status: Vec<String>,
    /// ClaimReview: the reviewing organisation's name [default: the config's
    /// `org`, else "claimtrack analyst"]
    #[arg(long, value_name = "NAME")]
    org: Option<String>,
    /// ClaimReview: the page the reviews are published on; each review's url is URL#<claim-id>
    #[arg(long, value_name = "URL")]
    review_url_base: Option<String>,
    #[command(flatten)]
    selection: super::selection::Selection,
    /// Dataset (RON); the bundled one if omitted
    #[arg(value_hint = clap::ValueHint::FilePath)]
    dataset: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let statuses = parse_statuses(&args.status)?;
    if let Some(base) = &args.review_url_base {
        check_url_base(base)?;
    }
    let loaded = super::load(args.dataset.as_deref())?;
    let annotations = if args.no_annotations {
        None
    } else {
        load_annotations(args.annotations.as_deref(), &loaded)?
    };
    let claims = select(&loaded, annotations.as_ref(), &statuses);
    let claims = (args.selection).apply(
        &loaded,
        annotations.as_ref(),
        args.annotations.as_deref(),
        claims,
    )?;
    let ann = annotations.as_ref();
    let text = match args.format {
        Format::Json => export::json::to_json(&loaded, ann, &claims),
        Format::Csv => export::csv::to_csv(&loaded, ann, &claims),
        Format::Markdown => export::markdown::to_markdown(&loaded, ann, &claims),
        Format::Claimreview => {
            let options = claimreview::Options {
                org: match args.org {
                    Some(org) => org,
                    None => crate::model::config::load_config()
                        .map_err(|e| CliError::BadInput(e.to_string()))?
                        .org
                        .unwrap_or_else(|| claimreview::DEFAULT_ORG.to_owned()),
                },
                review_url_base: args.review_url_base,
            };
            claimreview::to_claimreview(&loaded, ann, &claims, &options)
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes())?,
        None => print_data(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Statuses to keep; empty means all. Unknown names are bad input.
fn parse_statuses(names: &[String]) -> Result<Vec<Status>, CliError> {
    names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| {
            Status::parse(n).ok_or_else(|| {
                let valid: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
                CliError::BadInput(format!(
                    "unknown status \"{n}\" (valid: {})",
                    valid.join(", ")
                ))
            })
        })
        .collect()
}

fn check_url_base(base: &str) -> Result<(), CliError> {
    let scheme_ok = base.starts_with("https://") || base.starts_with("http://");
    if !scheme_ok || base.contains('#') || base.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(CliError::BadInput(format!(
            "--review-url-base \"{base}\": expected an http(s) URL without spaces or a #fragment"
        )));
    }
    Ok(())
}

/// The dataset's claims, in dataset order, whose status is one of `statuses`.
fn select(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    statuses: &[Status],
) -> Vec<ClaimIx> {
    let status_of = |id: &str| annotations.map_or(Status::Unreviewed, |set| set.status(id));
    (loaded.dataset.claims.iter().enumerate())
        .filter(|(_, c)| statuses.is_empty() || statuses.contains(&status_of(&c.id)))
        .map(|(i, _)| ClaimIx::from_usize(i))
        .collect()
}

/// The annotations to export: `--annotations PATH`, else the analyst's
/// default file for this dataset when there is one. Read through the store,
/// so changes still in the journal (after a crash) are included.
pub(crate) fn load_annotations(
    path: Option<&Path>,
    loaded: &Loaded,
) -> Result<Option<AnnotationSet>, CliError> {
    let (path, explicit) = match path {
        Some(p) => (p.to_owned(), true),
        None => match store::default_path(&loaded.dataset.id) {
            Ok(p) => (p, false),
            Err(_) => return Ok(None),
        },
    };
    let set = match store::read_annotations(&path) {
        Ok(set) => set,
        Err(e) if e.is_not_found() && !explicit => return Ok(None),
        Err(e) if e.is_not_found() => {
            return Err(CliError::BadInput(format!(
                "{}: no such annotation file",
                path.display()
            )));
        }
        Err(e) => return Err(CliError::BadInput(format!("{}: {e}", path.display()))),
    };
    if !format_supported(set.format) {
        return Err(CliError::BadInput(format!(
            "{}: unsupported annotation format {} (this build reads formats 1 to {ANNOTATION_FORMAT})",
            path.display(),
            set.format
        )));
    }
    if set.dataset != loaded.dataset.id {
        return Err(CliError::BadInput(format!(
            "{}: these annotations are for dataset \"{}\", not \"{}\"",
            path.display(),
            set.dataset,
            loaded.dataset.id
        )));
    }
    Ok(Some(set))
}

/// Writes a temporary file next to `path`, then renames it over `path`, so a
/// reader never sees half a file and a failed export leaves the old one intact.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let fail = |what: &str, e: std::io::Error| {
        CliError::Failure(format!("{}: {what}: {e}", path.display()))
    };
    let name = path
        .file_name()
        .ok_or_else(|| CliError::BadInput(format!("{}: not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (tmp, mut file) = create_temp(dir, &name.to_string_lossy())
        .map_err(|e| fail("cannot create a temporary file", e))?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail("cannot write", e));
    }
    Ok(())
}

/// A new file `.NAME.PID.N.tmp` in `dir`, never one that already exists.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut last = None;
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_and_unknown_ones_list_the_valid() {
        let ok = parse_statuses(&["verified".into(), "In-Progress".into(), " ".into()]);
        assert!(matches!(ok, Ok(v) if v == [Status::Verified, Status::InProgress]));
        match parse_statuses(&["bogus".into()]) {
            Err(CliError::BadInput(m)) => {
                assert!(m.contains("bogus") && m.contains("Unverifiable"), "{m}")
            }
            other => panic!("expected bad input, got {other:?}"),
        }
    }

    #[test]
    fn url_base_must_be_http_without_fragment() {
        assert!(check_url_base("https://example.org/checks/2024").is_ok());
        for bad in [
            "example.org",
            "https://x.org/#a",
            "https://x.org/a b",
            "javascript:alert(1)",
        ] {
            assert!(check_url_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").expect("seed");
        write_atomically(&path, b"new").expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(|e| e.ok())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(write_atomically(&dir.path().join("missing/out.csv"), b"x").is_err());
    }
}
