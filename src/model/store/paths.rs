//! Where the store's files live: the annotation file and its siblings.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::error::StoreError;
use crate::model::safe_fs;

/// `<dataset-id>` + this names the default annotation file.
pub const FILE_SUFFIX: &str = ".annotations.ron";

/// The default annotation file of a dataset: in the platform data directory
/// (`$XDG_DATA_HOME/claimtrack/` on Linux), named after the dataset id.
pub fn default_path(dataset_id: &str) -> Result<PathBuf, StoreError> {
    // The validator already restricts ids to a slug; this guards callers
    // that bypass it, since the id becomes a file name.
    let ok = !dataset_id.is_empty()
        && dataset_id.len() <= 128
        && !dataset_id.starts_with('.')
        && dataset_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        return Err(StoreError::BadDatasetId(dataset_id.to_owned()));
    }
    let dirs = directories::ProjectDirs::from("", "", "claimtrack").ok_or(StoreError::NoDataDir)?;
    Ok(dirs.data_dir().join(format!("{dataset_id}{FILE_SUFFIX}")))
}

/// The annotation file and the files kept next to it.
#[derive(Debug, Clone)]
pub(crate) struct Files {
    pub snapshot: PathBuf,
    pub journal: PathBuf,
    pub lock: PathBuf,
    pub dir: PathBuf,
}

impl Files {
    /// The files of the annotation file `path`. A symlinked annotation file
    /// (e.g. into a git checkout) is followed, so that saving replaces the
    /// target rather than the link.
    pub fn new(path: &Path) -> Result<Self, StoreError> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        // Absolute, so that a later change of working directory cannot move it.
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let snapshot = match is_link {
            true => std::fs::canonicalize(&abs).unwrap_or(abs),
            false => abs,
        };
        if snapshot.file_name().is_none() {
            return Err(StoreError::BadPath(path.to_owned()));
        }
        let dir = match snapshot.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        Ok(Self {
            journal: sibling(&snapshot, ".journal"),
            lock: sibling(&snapshot, ".lock"),
            snapshot,
            dir,
        })
    }
}

/// Removes temporary files an interrupted write left beside the snapshot
/// (only names [`safe_fs::create_temp`] makes for it, only regular files).
pub(crate) fn remove_stale_temps(files: &Files) {
    let Some(stem) = files.snapshot.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(&files.dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if name.to_str().is_some_and(|n| safe_fs::is_temp_of(n, stem))
            && e.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `path` with `suffix` appended to its file name.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Makes a rename, creation or removal in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// A free name `<file>.corrupt-YYYYMMDDTHHMMSSZ` (then `-2`, `-3`...) to move
/// a damaged file to: never an existing file.
pub(crate) fn aside_path(path: &Path, now: Timestamp) -> PathBuf {
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let base = sibling(path, &format!(".corrupt-{stamp}"));
    let mut candidate = base.clone();
    let mut n = 2;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        candidate = sibling(&base, &format!("-{n}"));
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_path_is_named_after_the_dataset() {
        match default_path("nk-troops-ukraine") {
            Ok(p) => {
                assert!(
                    p.ends_with("claimtrack/nk-troops-ukraine.annotations.ron"),
                    "{p:?}"
                )
            }
            // No home directory in this environment: the typed error is the contract.
            Err(e) => assert!(matches!(e, StoreError::NoDataDir)),
        }
        for bad in ["", "../x", "a/b", ".hidden", "a\\b"] {
            assert!(
                matches!(default_path(bad), Err(StoreError::BadDatasetId(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn siblings_and_aside_names() {
        let files = Files::new(Path::new("/d/ds.annotations.ron")).expect("valid");
        assert_eq!(files.journal, Path::new("/d/ds.annotations.ron.journal"));
        assert_eq!(files.lock, Path::new("/d/ds.annotations.ron.lock"));
        assert_eq!(files.dir, Path::new("/d"));
        let cwd = std::env::current_dir().expect("cwd");
        assert_eq!(Files::new(Path::new("ds.ron")).expect("valid").dir, cwd);
        assert!(Files::new(Path::new("/")).is_err());

        let t: Timestamp = "2024-10-22T09:08:07Z".parse().expect("timestamp");
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.ron");
        let first = aside_path(&file, t);
        assert_eq!(
            first.file_name().and_then(|n| n.to_str()),
            Some("a.ron.corrupt-20241022T090807Z")
        );
        std::fs::write(&first, "x").expect("write");
        let second = aside_path(&file, t);
        assert_eq!(
            second.file_name().and_then(|n| n.to_str()),
            Some("a.ron.corrupt-20241022T090807Z-2")
        );
    }
}
