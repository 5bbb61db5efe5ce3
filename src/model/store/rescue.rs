//! Rescue copies: when changes cannot be saved where they belong (a full
//! disk, a read-only directory) and the session ends anyway (the analyst
//! chose it, SIGTERM, SIGHUP), everything held in memory is written as an
//! annotation file to the first directory that takes it: beside the
//! annotation file, then `$XDG_STATE_HOME/claimtrack`, then `$TMPDIR`.
//!
//! Beside it goes its *base*, what the disk held then (`….base`), so the
//! next start can merge it three-way ([`merge3`]): the base, the annotation
//! file as it is then (ours: a colleague may have changed it meanwhile) and
//! the rescue copy (theirs). Without a base (removed by hand) the merge
//! treats every difference as both sides' opinion: conflicts, never a loss.
//!
//! Names: `<annotation file name>.rescue-<UTC time>-<pid>` (+ `.base`).
//! Once merged or declined the pair is renamed `….merged` / `….declined`:
//! never offered again, kept for the analyst to inspect or delete. Both
//! files are plain annotation files (`claimtrack merge` reads them too).

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use super::error::{IoFailure, StoreError};
use super::paths::sibling;
use super::{AnnotationStore, format, now, read_state, to_ron};
use crate::model::annotation::AnnotationSet;
use crate::model::annotation::merge::{MergeReport, merge3};
use crate::model::load::MAX_FILE_BYTES;
use crate::model::safe_fs;

const MARK: &str = ".rescue-";
const BASE: &str = ".base";
/// What a rescue copy is renamed to once merged or declined.
pub const MERGED: &str = ".merged";
pub const DECLINED: &str = ".declined";

/// Why no rescue copy was written.
#[derive(Debug)]
pub enum RescueError {
    /// Every change is on disk already: nothing to rescue.
    NothingPending,
    Encode(String),
    /// Every directory refused, each with its reason.
    NoDirectory(Vec<(PathBuf, io::Error)>),
}

impl std::fmt::Display for RescueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NothingPending => f.write_str("nothing unsaved to rescue"),
            Self::Encode(e) => write!(f, "cannot encode the rescue copy: {e}"),
            Self::NoDirectory(tried) => {
                f.write_str("no directory took the rescue copy")?;
                for (dir, e) in tried {
                    write!(f, "; {}: {e}", dir.display())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for RescueError {}

/// Rescue copies found for an annotation file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rescues {
    /// Copies of this dataset's work, oldest first.
    pub found: Vec<PathBuf>,
    /// Files named like rescue copies that could not be read: why.
    pub unreadable: Vec<String>,
}

/// Where rescue copies go, in order: the annotation file's directory,
/// `$XDG_STATE_HOME/claimtrack` (`~/.local/state/claimtrack`), `$TMPDIR`.
pub fn rescue_dirs(annotation_dir: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![annotation_dir.to_owned()];
    if let Some(state) = directories::ProjectDirs::from("", "", "claimtrack")
        .and_then(|d| d.state_dir().map(Path::to_owned))
    {
        dirs.push(state);
    }
    dirs.push(std::env::temp_dir());
    dirs
}

/// Is `name` a live rescue copy of the annotation file named `stem`?
fn is_rescue_of(name: &str, stem: &str) -> bool {
    name.strip_prefix(stem)
        .and_then(|n| n.strip_prefix(MARK))
        .is_some_and(|rest| {
            !rest.is_empty()
                && ![BASE, MERGED, DECLINED, ".tmp"]
                    .iter()
                    .any(|s| rest.ends_with(s))
        })
}

fn base_of(rescue: &Path) -> PathBuf {
    sibling(rescue, BASE)
}

/// A name in `dir` nothing has yet (not even a dangling symlink).
fn free_name(dir: &Path, stem: &str) -> PathBuf {
    let stamp = now().strftime("%Y%m%dT%H%M%SZ").to_string();
    let first = dir.join(format!("{stem}{MARK}{stamp}-{}", std::process::id()));
    let taken = |p: &Path| {
        std::fs::symlink_metadata(p).is_ok() || std::fs::symlink_metadata(base_of(p)).is_ok()
    };
    let mut candidate = first.clone();
    let mut n = 2;
    while taken(&candidate) {
        candidate = sibling(&first, &format!("-{n}"));
        n += 1;
    }
    candidate
}

/// Only our own files are offered from a shared directory such as `/tmp`.
#[cfg(unix)]
fn ours(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(true, |me| me.uid() == meta.uid())
}
#[cfg(not(unix))]
fn ours(_: &std::fs::Metadata) -> bool {
    true
}

fn read_set(path: &Path) -> Result<AnnotationSet, String> {
    let bytes = safe_fs::read_regular(path, MAX_FILE_BYTES).map_err(|e| e.to_string())?;
    format::parse_bytes(path, bytes, None)
        .map(|(set, _)| set)
        .map_err(|d| d.to_string())
}

/// Renames `path` to `path` + `suffix`, durably.
fn retire(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    let to = sibling(path, suffix);
    std::fs::rename(path, &to)?;
    safe_fs::sync_dir(safe_fs::parent_dir(path))?;
    Ok(to)
}

impl AnnotationStore {
    /// The directories [`AnnotationStore::write_rescue`] tries, in order.
    pub fn rescue_dirs(&self) -> Vec<PathBuf> {
        rescue_dirs(&self.files.dir)
    }

    /// Writes everything in memory, unsaved changes included, as a rescue
    /// copy to the first of [`AnnotationStore::rescue_dirs`] that takes it;
    /// returns its path.
    pub fn write_rescue(&mut self) -> Result<PathBuf, RescueError> {
        let dirs = self.rescue_dirs();
        self.write_rescue_in(&dirs)
    }

    /// [`AnnotationStore::write_rescue`] into the first of `dirs` that takes
    /// it (each created if missing). Every write goes through
    /// [`safe_fs::write_atomic`] to a name nothing had: never through a symlink.
    pub fn write_rescue_in(&mut self, dirs: &[PathBuf]) -> Result<PathBuf, RescueError> {
        if self.pending.is_empty() {
            return Err(RescueError::NothingPending);
        }
        // Bring in what changed on disk, or the copy would undo it at the merge.
        let _ = self.absorb_outside();
        let dataset = self.set.dataset.clone();
        // The base: what the disk holds (snapshot + journal) when it can be
        // read and is the snapshot we know, else that snapshot as we last
        // read or wrote it (the journal's changes then look like the copy's
        // own, which the merge takes once: same values on both sides).
        let known = self.base_text.clone();
        let base = match read_state(&self.files, Some(&dataset)) {
            Ok(s) if s.base.as_ref().map(|(t, _)| t) == known.as_ref() => s.set,
            _ => known
                .and_then(|t| format::parse_bytes(&self.files.snapshot, t.into_bytes(), None).ok())
                .map_or_else(|| AnnotationSet::new(&dataset), |(s, _)| s),
        };
        let encode = |s: &AnnotationSet| to_ron(s).map_err(|e| RescueError::Encode(e.to_string()));
        let (ours, base) = (encode(&self.set)?, encode(&base)?);
        let stem = self
            .files
            .snapshot
            .file_name()
            .map_or_else(OsString::new, OsString::from)
            .to_string_lossy()
            .into_owned();
        let mut tried = Vec::new();
        for dir in dirs {
            let written = std::fs::create_dir_all(dir).and_then(|()| {
                let path = free_name(dir, &stem);
                safe_fs::write_atomic(&base_of(&path), base.as_bytes())?;
                match safe_fs::write_atomic(&path, ours.as_bytes()) {
                    Ok(()) => Ok(path),
                    Err(e) => {
                        let _ = std::fs::remove_file(base_of(&path));
                        Err(e)
                    }
                }
            });
            match written {
                Ok(path) => return Ok(path),
                Err(e) => tried.push((dir.clone(), e)),
            }
        }
        Err(RescueError::NoDirectory(tried))
    }

    /// Rescue copies of this dataset's work in [`AnnotationStore::rescue_dirs`].
    pub fn find_rescues(&self) -> Rescues {
        self.find_rescues_in(&self.rescue_dirs())
    }

    /// Rescue copies of this annotation file in `dirs` (regular files we
    /// own, never through a symlink; other datasets' copies are not listed).
    pub fn find_rescues_in(&self, dirs: &[PathBuf]) -> Rescues {
        let mut out = Rescues::default();
        let Some(stem) = self.files.snapshot.file_name().and_then(|n| n.to_str()) else {
            return out;
        };
        let mut seen = Vec::new();
        for dir in dirs {
            let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
            if seen.contains(&real) {
                continue;
            }
            seen.push(real);
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut here: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| {
                    e.file_name()
                        .to_str()
                        .is_some_and(|n| is_rescue_of(n, stem))
                })
                .filter(|e| {
                    std::fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_file() && ours(&m))
                })
                .map(|e| e.path())
                .collect();
            here.sort();
            for path in here {
                match read_set(&path) {
                    Ok(set) if set.dataset == self.set.dataset => out.found.push(path),
                    Ok(_) => {}
                    Err(e) => out.unreadable.push(e),
                }
            }
        }
        out
    }

    /// Merges the rescue copy at `path` into the annotations (three-way,
    /// against its base) and saves the result; then renames the copy
    /// `….merged`. On any failure nothing changes, the copy stays offered.
    pub fn merge_rescue(&mut self, path: &Path) -> Result<MergeReport, StoreError> {
        if let Some(ro) = &self.read_only {
            return Err(StoreError::ReadOnly(ro.clone()));
        }
        let failed = |e: String| {
            StoreError::Io(IoFailure::new(
                "read the rescue copy",
                path,
                io::Error::other(e),
            ))
        };
        let theirs = read_set(path).map_err(failed)?;
        let base_path = base_of(path);
        let base = match std::fs::symlink_metadata(&base_path) {
            Ok(_) => read_set(&base_path).map_err(failed)?,
            Err(_) => AnnotationSet::new(&self.set.dataset),
        };
        // Bring in outside changes first: restoring `before` on a failed save
        // must not forget them.
        self.absorb_outside()?;
        let merged = merge3(&base, &self.set, &theirs).map_err(|e| failed(e.to_string()))?;
        let before = std::mem::replace(&mut self.set, merged.set);
        if let Err(e) = self.compact_now(false) {
            self.set = before;
            return Err(StoreError::Io(e));
        }
        self.retire_rescue(path, MERGED)?;
        Ok(merged.report)
    }

    /// The analyst does not want the rescue copy at `path`: renamed
    /// `….declined` (kept), never offered again. Returns the new name.
    pub fn decline_rescue(&mut self, path: &Path) -> Result<PathBuf, StoreError> {
        self.retire_rescue(path, DECLINED)
    }

    fn retire_rescue(&self, path: &Path, suffix: &str) -> Result<PathBuf, StoreError> {
        let to =
            retire(path, suffix).map_err(|e| StoreError::Io(IoFailure::new("rename", path, e)))?;
        let base = base_of(path);
        if std::fs::symlink_metadata(&base).is_ok() {
            let _ = retire(&base, suffix);
        }
        Ok(to)
    }
}
