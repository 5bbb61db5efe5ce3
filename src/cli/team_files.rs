//! Annotation files named on the command line of the team commands
//! (`agreement`, `merge`): telling them from the dataset, and reading them.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::CliError;
use crate::model::annotation::ANNOTATION_FORMAT;
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
    let text = String::from_utf8_lossy(&head[..n]);
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
    if set.format != ANNOTATION_FORMAT {
        return Err(CliError::BadInput(format!(
            "{}: unsupported annotation format {} (this build reads format {ANNOTATION_FORMAT})",
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
