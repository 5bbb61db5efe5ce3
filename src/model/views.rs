//! Saved views: a named query and an order, kept in the settings file
//! (`views: [...]` in `config.ron`, the analyst's own) and per dataset in a
//! file beside the annotation file (`<dataset>.views.ron`, shared through git
//! with the annotations):
//!
//! ```ron
//! (views: [(name: "to review", query: "status:unreviewed -tag:later", sort: Date)])
//! ```
//!
//! A dataset's view takes precedence over a settings view of the same name.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::config::ConfigError;
use super::load::{LoadError, read_text};
use super::query::Query;
use super::spans::LineCol;
use super::{AnnotationSet, ClaimIx, DateRange, Loaded, Status};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub name: String,
    /// In the query language of [`crate::model::query`].
    pub query: String,
    #[serde(default)]
    pub sort: ViewSort,
}

/// How a view orders its claims (the TUI's sort keys).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewSort {
    #[default]
    Dataset,
    /// When the claim was said, unknown last.
    Date,
    /// The claimant's name.
    Claimant,
    Status,
}

impl ViewSort {
    /// Orders `rows` (ties keep dataset order).
    pub fn apply(self, loaded: &Loaded, set: Option<&AnnotationSet>, rows: &mut [ClaimIx]) {
        let ds = &loaded.dataset;
        let ix = &loaded.index;
        match self {
            Self::Dataset => rows.sort_unstable(),
            Self::Date => rows.sort_by_key(|c| {
                let r = ix
                    .claim_said
                    .get(c.i())
                    .copied()
                    .unwrap_or(DateRange::UNKNOWN);
                (r.sort_key().is_none(), r.sort_key(), r.to, *c)
            }),
            Self::Claimant => rows.sort_by(|a, b| {
                let name = |c: &ClaimIx| {
                    ix.claim_claimant
                        .get(c.i())
                        .and_then(|x| ds.actors.get(x.i()))
                        .map_or("", |x| x.name.as_str())
                };
                name(a).cmp(name(b)).then(a.cmp(b))
            }),
            Self::Status => rows.sort_by_key(|c| {
                let status = ds
                    .claims
                    .get(c.i())
                    .zip(set)
                    .map_or(Status::Unreviewed, |(claim, s)| s.status(&claim.id));
                (status, *c)
            }),
        }
    }
}

/// The file format of a dataset's views (the settings file holds the same list).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ViewsFile {
    pub views: Vec<View>,
}

/// Where a dataset's views live, beside its annotation file:
/// `nk.annotations.ron` → `nk.views.ron`, any other name gets `.views.ron` added.
pub fn views_path(annotations: &Path) -> PathBuf {
    let name = annotations
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = match name.strip_suffix(".annotations.ron") {
        Some(stem) => format!("{stem}.views.ron"),
        None => format!("{name}.views.ron"),
    };
    annotations.with_file_name(file)
}

/// The views in `path`; none when the file does not exist. Each view's query
/// is checked, so a broken view is reported when it is read, not when used.
pub fn load_views(path: &Path) -> Result<Vec<View>, ConfigError> {
    let invalid = |at, message| ConfigError::Invalid {
        path: path.to_owned(),
        at,
        message,
    };
    let src = match read_text(path) {
        Ok(s) => s,
        Err(LoadError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Vec::new());
        }
        Err(LoadError::Io { source, .. }) => {
            return Err(ConfigError::Io {
                path: path.to_owned(),
                source,
            });
        }
        Err(e) => return Err(invalid(None, e.to_string())),
    };
    let file: ViewsFile = ron::from_str(&src).map_err(|e| {
        let at = LineCol {
            line: e.span.start.line.max(1),
            col: e.span.start.col.max(1),
        };
        invalid(Some(at), e.code.to_string())
    })?;
    check_views(&file.views).map_err(|m| invalid(None, m))?;
    Ok(file.views)
}

/// Names must be unique and not blank; every query must parse.
pub fn check_views(views: &[View]) -> Result<(), String> {
    for (i, v) in views.iter().enumerate() {
        if v.name.trim().is_empty() {
            return Err(format!("view {}: empty name", i + 1));
        }
        if views.iter().take(i).any(|w| w.name == v.name) {
            return Err(format!("view \"{}\" is defined twice", v.name));
        }
        Query::parse(&v.query).map_err(|e| format!("view \"{}\": {e}", v.name))?;
    }
    Ok(())
}

/// Adds `view` to the views file at `path` (replacing one of the same name),
/// atomically. Returns the views now in the file.
pub fn save_view(path: &Path, view: View) -> Result<Vec<View>, ConfigError> {
    Query::parse(&view.query).map_err(|e| ConfigError::Invalid {
        path: path.to_owned(),
        at: None,
        message: format!("view \"{}\": {e}", view.name),
    })?;
    let mut views = load_views(path)?;
    // None: a new file (load_views read any file that is there).
    let old_text = read_text(path).ok();
    let item = ron::to_string(&view).unwrap_or_default();
    let replaced = views.iter().position(|v| v.name == view.name);
    match replaced {
        Some(i) => {
            if let Some(old) = views.get_mut(i) {
                *old = view.clone();
            }
        }
        None => views.push(view.clone()),
    }
    // The file as the analysts wrote it (comments, layout), with only this
    // view's entry changed; a whole new file when that cannot be done safely.
    let text = old_text
        .and_then(|t| edit_in_place(&t, &view.name, &item, replaced.is_some()))
        .filter(|t| ron::from_str::<ViewsFile>(t).is_ok_and(|f| f.views == views))
        .unwrap_or_else(|| to_ron(&views));
    super::safe_fs::write_atomic(path, text.as_bytes()).map_err(|source| ConfigError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(views)
}

/// `text` with the entry of the view `name` replaced by `item`, or `item`
/// added as the list's last entry. The caller checks the result parses to
/// the views expected (this only finds places in the text).
fn edit_in_place(text: &str, name: &str, item: &str, replace: bool) -> Option<String> {
    let spans = entry_spans(text)?;
    if replace {
        let (start, end) = spans.entries.into_iter().find(|&(a, b)| {
            text.get(a..b)
                .and_then(|e| ron::from_str::<View>(e).ok())
                .is_some_and(|v| v.name == name)
        })?;
        return Some(format!("{}{item}{}", text.get(..start)?, text.get(end..)?));
    }
    // After the last entry (keeping its comma style), else after the `[`.
    let at = spans.close;
    let before = text.get(..at)?;
    let trimmed = before.trim_end();
    let sep = if spans.entries.is_empty() || trimmed.ends_with(',') || trimmed.ends_with('[') {
        ""
    } else {
        ","
    };
    Some(format!(
        "{trimmed}{sep}\n    {item},\n{}",
        text.get(at..)?.trim_start_matches([' ', '\t'])
    ))
}

struct Spans {
    /// Byte ranges of the `(…)` entries of the `views` list.
    entries: Vec<(usize, usize)>,
    /// Where the list's `]` is.
    close: usize,
}

/// The entries of the `views: [...]` list, skipping strings and comments.
fn entry_spans(text: &str) -> Option<Spans> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut depth = 0usize; // brackets and parens
    let mut list_depth = None;
    let mut entries = Vec::new();
    let mut entry_start = None;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i += 1;
                while let Some(&d) = b.get(i) {
                    match d {
                        b'\\' => i += 1,
                        b'"' => break,
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while b.get(i).is_some_and(|&d| d != b'\n') {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while b.get(i).is_some()
                    && !(b.get(i) == Some(&b'*') && b.get(i + 1) == Some(&b'/'))
                {
                    i += 1;
                }
                i += 1;
            }
            b'[' => {
                depth += 1;
                if list_depth.is_none() {
                    list_depth = Some(depth);
                }
            }
            b'(' => {
                depth += 1;
                if list_depth.is_some_and(|l| depth == l + 1) {
                    entry_start = Some(i);
                }
            }
            b')' => {
                if list_depth.is_some_and(|l| depth == l + 1)
                    && let Some(s) = entry_start.take()
                {
                    entries.push((s, i + 1));
                }
                depth = depth.checked_sub(1)?;
            }
            b']' => {
                if list_depth == Some(depth) {
                    return Some(Spans { entries, close: i });
                }
                depth = depth.checked_sub(1)?;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// One line per view, so each saved view is a one-line diff.
fn to_ron(views: &[View]) -> String {
    let mut out = String::from("(views: [\n");
    for v in views {
        let line = ron::to_string(v).unwrap_or_default();
        out.push_str("    ");
        out.push_str(&line);
        out.push_str(",\n");
    }
    out.push_str("])\n");
    out
}

/// The view called `name`: the dataset's first, then the settings file's.
pub fn find_view<'a>(name: &str, dataset: &'a [View], config: &'a [View]) -> Option<&'a View> {
    dataset.iter().chain(config).find(|v| v.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(name: &str, query: &str) -> View {
        View {
            name: name.into(),
            query: query.into(),
            sort: ViewSort::Date,
        }
    }

    #[test]
    fn path_sits_beside_the_annotations() {
        assert_eq!(
            views_path(Path::new("/d/nk.annotations.ron")),
            Path::new("/d/nk.views.ron")
        );
        assert_eq!(
            views_path(Path::new("mine.ron")),
            Path::new("mine.ron.views.ron")
        );
    }

    #[test]
    fn views_round_trip_and_replace_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nk.views.ron");
        assert!(load_views(&path).expect("missing is empty").is_empty());
        save_view(&path, view("to review", "status:unreviewed -tag:later")).expect("save");
        save_view(&path, view("nis", "claimant:nis~")).expect("save");
        save_view(&path, view("to review", "status:unreviewed")).expect("replace");
        let views = load_views(&path).expect("load");
        assert_eq!(
            views,
            vec![
                view("to review", "status:unreviewed"),
                view("nis", "claimant:nis~")
            ]
        );
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 4, "{text}");
        assert!(save_view(&path, view("bad", "stauts:x")).is_err());
        assert_eq!(
            load_views(&path).expect("load").len(),
            2,
            "a bad view is not saved"
        );
    }

    #[test]
    fn saving_keeps_the_files_comments_and_layout() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nk.views.ron");
        let original = "// Our team's views (keep the \"(\" ] in here).\n(\n  views: [\n    (name: \"a\", query: \"status:false\"), // the false ones\n    (\n      name: \"b ) ]\",\n      query: \"tag:x\",\n    ),\n  ],\n)\n";
        std::fs::write(&path, original).expect("write");
        save_view(&path, view("new", "status:verified")).expect("add");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.starts_with(original.split("  ],").next().expect("head")),
            "{text}"
        );
        assert!(
            text.contains("// the false ones") && text.contains("keep the"),
            "{text}"
        );
        save_view(&path, view("b ) ]", "tag:y")).expect("replace");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.contains("// the false ones") && text.contains("// Our team"),
            "{text}"
        );
        let views = load_views(&path).expect("load");
        let names: Vec<(&str, &str)> = views
            .iter()
            .map(|v| (v.name.as_str(), v.query.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("a", "status:false"),
                ("b ) ]", "tag:y"),
                ("new", "status:verified")
            ]
        );
    }

    #[test]
    fn bad_files_and_queries_are_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v.ron");
        std::fs::write(&path, "(views: [(name: \"a\", query: \"stauts:x\")])").expect("write");
        let e = load_views(&path).expect_err("bad query").to_string();
        assert!(
            e.contains("view \"a\": unknown field \"stauts\" at 1; did you mean \"status\"?"),
            "{e}"
        );
        std::fs::write(
            &path,
            "(views: [(name: \"a\", query: \"\"), (name: \"a\", query: \"\")])",
        )
        .expect("write");
        assert!(
            load_views(&path)
                .expect_err("dup")
                .to_string()
                .contains("defined twice")
        );
        std::fs::write(&path, "(views: [(name: \"a\", qury: \"\")])").expect("write");
        let e = load_views(&path).expect_err("field").to_string();
        assert!(e.contains(":1:") && e.contains("qury"), "{e}");
    }

    #[test]
    fn dataset_views_come_before_the_settings_ones() {
        let ds = [view("a", "status:false")];
        let cfg = [view("a", "status:verified"), view("b", "")];
        assert_eq!(
            find_view("a", &ds, &cfg).map(|v| v.query.as_str()),
            Some("status:false")
        );
        assert_eq!(
            find_view("b", &ds, &cfg).map(|v| v.query.as_str()),
            Some("")
        );
        assert!(find_view("c", &ds, &cfg).is_none());
    }
}
