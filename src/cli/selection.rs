//! `--where QUERY` and `--view NAME`: which claims `export`, `stats` and
//! `timeline` work on. Both go through [`Query::select`], the function the
//! TUI's search box uses, so the command line and the screen always agree.

use std::path::{Path, PathBuf};

use super::CliError;
use crate::model::query::Query;
use crate::model::search::SearchIndex;
use crate::model::views::{self, View};
use crate::model::{AnnotationSet, ClaimIx, Loaded, config, store};

#[derive(clap::Args, Debug, Default, Clone)]
pub struct Selection {
    /// Only the claims matching QUERY, e.g. "status:false,disputed claimant:nis~ -has:evidence"
    /// (the query language: see the README)
    #[arg(long = "where", value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Only the claims of the saved view NAME, in its order (the dataset's
    /// views file beside the annotations, then config.ron)
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
}

impl Selection {
    pub fn is_active(&self) -> bool {
        self.query.is_some() || self.view.is_some()
    }

    /// The claims of `candidates` (dataset order) the view and the query
    /// select, in the view's order. `annotations_path` is where the
    /// annotations were looked for (`--annotations`, else the default file):
    /// the dataset's views live beside it.
    pub fn apply(
        &self,
        loaded: &Loaded,
        set: Option<&AnnotationSet>,
        annotations_path: Option<&Path>,
        candidates: Vec<ClaimIx>,
    ) -> Result<Vec<ClaimIx>, CliError> {
        if !self.is_active() {
            return Ok(candidates);
        }
        let empty = AnnotationSet::new(&loaded.dataset.id);
        let set = set.unwrap_or(&empty);
        let mut rows = candidates;
        let mut sort = None;
        if let Some(name) = &self.view {
            let view = find_view(name, loaded, annotations_path)?;
            let q = Query::parse(&view.query)
                .map_err(|e| CliError::BadInput(format!("view \"{name}\": {e}")))?;
            rows = select(&q, loaded, set, &rows, &format!("view \"{name}\""))?;
            sort = Some(view.sort);
        }
        if let Some(text) = &self.query {
            let q = Query::parse(text).map_err(|e| CliError::BadInput(format!("--where: {e}")))?;
            rows = select(&q, loaded, set, &rows, "--where")?;
        }
        if let Some(sort) = sort {
            sort.apply(loaded, Some(set), &mut rows);
        }
        Ok(rows)
    }
}

fn select(
    q: &Query,
    loaded: &Loaded,
    set: &AnnotationSet,
    rows: &[ClaimIx],
    what: &str,
) -> Result<Vec<ClaimIx>, CliError> {
    // Built on the first word searched: a query without words needs no text index.
    let mut search = SearchIndex::lazy();
    q.select(loaded, set, &mut search, rows)
        .map_err(|e| CliError::BadInput(format!("{what}: {e}")))
}

/// Where a dataset's annotations are looked for: `--annotations`, else the
/// default file (whether or not it exists yet).
pub fn annotations_path(explicit: Option<&Path>, loaded: &Loaded) -> Option<PathBuf> {
    explicit
        .map(Path::to_owned)
        .or_else(|| store::default_path(&loaded.dataset.id).ok())
}

fn find_view(name: &str, loaded: &Loaded, annotations: Option<&Path>) -> Result<View, CliError> {
    let dataset_views = match annotations_path(annotations, loaded) {
        Some(p) => views::load_views(&views::views_path(&p))
            .map_err(|e| CliError::BadInput(e.to_string()))?,
        None => Vec::new(),
    };
    let config = config::load_config().map_err(|e| CliError::BadInput(e.to_string()))?;
    match views::find_view(name, &dataset_views, &config.views) {
        Some(v) => Ok(v.clone()),
        None => {
            let names: Vec<&str> = dataset_views
                .iter()
                .chain(&config.views)
                .map(|v| v.name.as_str())
                .collect();
            let hint = match crate::model::suggest::did_you_mean(name, &names) {
                Some(s) => format!("; did you mean \"{s}\"?"),
                None if names.is_empty() => " (no views are saved)".to_owned(),
                None => format!(" (views: {})", names.join(", ")),
            };
            Err(CliError::BadInput(format!("unknown view \"{name}\"{hint}")))
        }
    }
}
