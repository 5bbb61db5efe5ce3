//! `claimtrack export --format FMT [--annotations PATH] [--output FILE]
//! [--status S,...] [--org NAME] [--review-url-base URL | --review-url-template T]
//! [--excel] [--where QUERY] [--view NAME] [DATASET]`; FMT: json, csv,
//! markdown, claimreview, claimreview-html, html, gexf, graphml, cytoscape.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, eprint_line, print_data};
use crate::model::annotation::{ANNOTATION_FORMAT, format_supported};
use crate::model::export::{self, claimreview, graph, html, markdown};
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
    /// ClaimReview as <script type="application/ld+json"> blocks, one per claim
    ClaimreviewHtml,
    /// A self-contained HTML report (no scripts, strict CSP, print styles)
    Html,
    /// Graph of actors, claims, articles and events for Gephi (GEXF 1.3)
    Gexf,
    /// The same graph as GraphML (yEd, Cytoscape, networkx, igraph)
    Graphml,
    /// The same graph as Cytoscape.js JSON
    Cytoscape,
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
    /// ClaimReview: the reviewing organisation's name [default: the config's `org`]
    #[arg(long, value_name = "NAME")]
    org: Option<String>,
    /// ClaimReview: one page for all reviews; each review's url is URL#<claim-id>
    #[arg(long, value_name = "URL", conflicts_with = "review_url_template")]
    review_url_base: Option<String>,
    /// ClaimReview: each review's own page, with {id}, {article} and {dataset}
    /// replaced (e.g. https://example.org/checks/{id})
    #[arg(long, value_name = "TEMPLATE")]
    review_url_template: Option<String>,
    /// CSV: a UTF-8 byte-order mark and CRLF line ends, for Excel
    #[arg(long)]
    excel: bool,
    #[command(flatten)]
    selection: super::selection::Selection,
    /// Dataset (RON); the bundled one if omitted
    #[arg(value_hint = clap::ValueHint::FilePath)]
    dataset: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let statuses = parse_statuses(&args.status)?;
    let review_url = match (&args.review_url_base, &args.review_url_template) {
        (Some(base), _) => Some(claimreview::ReviewUrl::Base(base.clone())),
        (None, Some(t)) => Some(claimreview::ReviewUrl::Template(t.clone())),
        (None, None) => None,
    };
    if let Some(u) = &review_url {
        u.check().map_err(CliError::BadInput)?;
    }
    if let Some(org) = &args.org
        && org.trim().is_empty()
    {
        return Err(CliError::BadInput(
            "--org must name the reviewing organisation (it is each review's author)".into(),
        ));
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
        Format::Csv => {
            let options = export::csv::Options { excel: args.excel };
            export::csv::to_csv(&loaded, ann, &claims, options)
        }
        Format::Markdown | Format::Html => {
            let scope = markdown::Scope {
                filter: scope_filter(&statuses, &args.selection),
                made: Some(report_time()),
            };
            if args.format == Format::Markdown {
                markdown::to_markdown(&loaded, ann, &claims, &scope)
            } else {
                html::to_html(&loaded, ann, &claims, &scope)
            }
        }
        Format::Gexf => graph::gexf::to_gexf(&graph::build(&loaded, ann, &claims)),
        Format::Graphml => graph::graphml::to_graphml(&graph::build(&loaded, ann, &claims)),
        Format::Cytoscape => graph::cytoscape::to_cytoscape(&graph::build(&loaded, ann, &claims)),
        Format::Claimreview | Format::ClaimreviewHtml => {
            let options = claimreview::Options {
                org: review_org(args.org)?,
                review_url,
            };
            if options.review_url.is_none() {
                eprint_line(
                    "claimtrack: warning: no --review-url-template or --review-url-base: the reviews have no url (the page publishing each one), which consumers such as Google's Fact Check Explorer need",
                );
            }
            if args.format == Format::Claimreview {
                claimreview::to_claimreview(&loaded, ann, &claims, &options)
            } else {
                claimreview::to_claimreview_html(&loaded, ann, &claims, &options)
            }
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes())?,
        None => print_data(&text)?,
    }
    // Freeing a large dataset takes a while (0.1 s at 100k claims): the
    // prompt need not wait for it.
    crate::model::free_later::free_later(loaded);
    Ok(ExitCode::SUCCESS)
}

/// The reviewing organisation: `--org`, else the config's `org`; else the
/// fallback name, with a warning (an anonymous review is worth little).
fn review_org(org: Option<String>) -> Result<String, CliError> {
    if let Some(org) = org {
        return Ok(org);
    }
    let config =
        crate::model::config::load_config().map_err(|e| CliError::BadInput(e.to_string()))?;
    match config.org.filter(|o| !o.trim().is_empty()) {
        Some(org) => Ok(org),
        None => {
            eprint_line(&format!(
                "claimtrack: warning: no --org and no `org` in the settings file: the reviews' author is \"{}\"",
                claimreview::DEFAULT_ORG
            ));
            Ok(claimreview::DEFAULT_ORG.to_owned())
        }
    }
}

/// How a report's claims were chosen: "status: Verified, False; view: to
/// review; where: tag:troops"; `None` when all were.
fn scope_filter(statuses: &[Status], selection: &super::selection::Selection) -> Option<String> {
    let mut parts = Vec::new();
    if !statuses.is_empty() {
        let labels: Vec<&str> = statuses.iter().map(|s| s.label()).collect();
        parts.push(format!("status: {}", labels.join(", ")));
    }
    if let Some(view) = &selection.view {
        parts.push(format!("view: {view}"));
    }
    if let Some(query) = &selection.query {
        parts.push(format!("where: {query}"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Now, or `SOURCE_DATE_EPOCH` (seconds) for reproducible reports.
pub(crate) fn report_time() -> jiff::Timestamp {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now)
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
    if let Some(w) = super::team_files::conflict_warning(&path, &set) {
        super::eprint_line(&w);
    }
    Ok(Some(set))
}

/// Writes `bytes` to `path` atomically (`safe_fs`: an unpredictable temp
/// file beside it, fsync, rename), so a reader never sees half a file and a
/// failed export leaves the old one intact.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    if path.file_name().is_none() {
        return Err(CliError::BadInput(format!(
            "{}: not a file name",
            path.display()
        )));
    }
    crate::model::safe_fs::write_atomic(path, bytes)
        .map_err(|e| CliError::Failure(format!("{}: cannot write: {e}", path.display())))
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
