//! Annotation files named on the command line of the team commands
//! (`agreement`, `merge`): telling them from the dataset, and reading them.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::CliError;
use crate::model::annotation::{ANNOTATION_FORMAT, format_supported};
use crate::model::{AnnotationSet, Loaded, safe_fs, store};

/// Splits `[DATASET] FILE...`: the first path is the dataset unless it reads
/// as an annotation file (its first word is `AnnotationSet`, as claimtrack
/// writes them).
pub fn split_dataset(mut paths: Vec<PathBuf>) -> (Option<PathBuf>, Vec<PathBuf>) {
    match paths.first() {
        Some(first) if !looks_like_annotations(first) => {
            let dataset = paths.remove(0);
            (Some(dataset), paths)
        }
        _ => (None, paths),
    }
}

fn looks_like_annotations(path: &Path) -> bool {
    let mut head = [0u8; 512];
    let Ok(mut file) = safe_fs::open_regular(path) else {
        return false;
    };
    let Ok(n) = file.read(&mut head) else {
        return false;
    };
    let text = String::from_utf8_lossy(head.get(..n).unwrap_or_default());
    let mut rest = text.trim_start();
    // RON allows `#![enable(...)]` attributes and comments before the value.
    while rest.starts_with("#!") || rest.starts_with("//") {
        rest = rest.split_once('\n').map_or("", |(_, r)| r).trim_start();
    }
    rest.starts_with("AnnotationSet")
}

/// Reads one analyst's annotations (snapshot and journal, nothing written)
/// and checks they belong to this dataset.
pub fn read_for(path: &Path, loaded: &Loaded) -> Result<AnnotationSet, CliError> {
    let set = read_any(path)?;
    if set.dataset != loaded.dataset.id {
        return Err(CliError::BadInput(format!(
            "{}: these annotations are for dataset \"{}\", not \"{}\"",
            path.display(),
            crate::text::sanitize(&set.dataset),
            loaded.dataset.id
        )));
    }
    Ok(set)
}

/// Reads an annotation file of any dataset.
pub fn read_any(path: &Path) -> Result<AnnotationSet, CliError> {
    let set = store::read_annotations(path).map_err(|e| {
        let msg = match e.is_not_found() {
            true => format!("{}: no such annotation file", path.display()),
            false => format!("{}: {}", path.display(), e),
        };
        CliError::BadInput(crate::text::sanitize(&msg).into_owned())
    })?;
    if !format_supported(set.format) {
        return Err(CliError::BadInput(format!(
            "{}: unsupported annotation format {} (this build reads formats 1 to {ANNOTATION_FORMAT})",
            path.display(),
            set.format
        )));
    }
    Ok(set)
}

/// A file's name without `.annotations.ron` (or its last extension).
pub fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.strip_suffix(store::FILE_SUFFIX) {
        Some(s) if !s.is_empty() => s.to_owned(),
        _ => path
            .file_stem()
            .map_or(name.clone(), |s| s.to_string_lossy().into_owned()),
    }
}

/// A warning for a file that still holds merge conflicts, naming the claims.
pub fn conflict_warning(path: &Path, set: &AnnotationSet) -> Option<String> {
    let n = set.conflict_count();
    if n == 0 {
        return None;
    }
    let mut claims: Vec<&str> = set.conflicts.iter().map(|c| c.claim.as_str()).collect();
    claims.dedup();
    let shown: Vec<&str> = claims.iter().take(10).copied().collect();
    let more = match claims.len() - shown.len() {
        0 => String::new(),
        k => format!(" and {k} more"),
    };
    Some(format!(
        "warning: {}: {n} unresolved merge conflict{} ({}{more}); the most recent value of each is shown",
        path.display(),
        if n == 1 { "" } else { "s" },
        shown.join(", ")
    ))
}

/// For `stats`: a `file:line:col: warning:` per conflict in the annotations
/// (`--annotations PATH`, else the default file of the dataset if any), on
/// stderr; returns how many.
pub fn warn_conflicts(path: Option<&Path>, loaded: &Loaded) -> Result<usize, CliError> {
    let (path, explicit) = match path {
        Some(p) => (p.to_owned(), true),
        None => match store::default_path(&loaded.dataset.id) {
            Ok(p) if p.exists() => (p, false),
            _ => return Ok(0),
        },
    };
    let set = match read_for(&path, loaded) {
        Ok(set) => set,
        Err(e) if explicit => return Err(e),
        // `stats` is about the dataset: a bad default file is only mentioned.
        Err(CliError::BadInput(m) | CliError::Failure(m)) => {
            super::eprint_line(&format!("warning: {m}"));
            return Ok(0);
        }
    };
    if set.conflicts.is_empty() {
        return Ok(0);
    }
    let text = safe_fs::read_regular(&path, 1 << 30)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    for c in &set.conflicts {
        // Each conflict is one line of the file (see `store::to_ron`).
        let needle = format!("claim: {:?}, field: {:?},", c.claim, c.field);
        let at = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.trim_start().starts_with("Conflict(") && l.contains(&needle))
            .map_or(String::new(), |(i, l)| {
                format!("{}:{}:", i + 1, l.len() - l.trim_start().len() + 1)
            });
        super::eprint_line(&format!(
            "{}:{at} warning: claim \"{}\": {} in conflict: {}",
            path.display(),
            c.claim,
            c.field.label(),
            c.describe()
        ));
    }
    Ok(set.conflicts.len())
}
