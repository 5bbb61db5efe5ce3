//! What can go wrong with the annotation store, typed; rendered for humans
//! only by `Display`.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::annotation::{Change, ResolveError};
use crate::model::spans::LineCol;

/// A failed file-system operation: what we were doing, on which path, and why.
#[derive(Debug)]
pub struct IoFailure {
    pub action: &'static str,
    pub path: PathBuf,
    pub source: io::Error,
}

impl IoFailure {
    pub(crate) fn new(action: &'static str, path: &Path, source: io::Error) -> Self {
        Self {
            action,
            path: path.to_owned(),
            source,
        }
    }

    /// A closure for `map_err`.
    pub(crate) fn at<'p>(
        action: &'static str,
        path: &'p Path,
    ) -> impl FnOnce(io::Error) -> Self + 'p {
        move |source| Self::new(action, path, source)
    }
}

impl fmt::Display for IoFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

/// Which file of the store is damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DamagedFile {
    /// The annotation file itself (`<dataset>.annotations.ron`).
    Snapshot,
    /// Its journal of changes not yet folded in (`….journal`).
    Journal,
}

/// A file that cannot be read as annotations: corrupt, unreadable, from a
/// newer format, or belonging to another dataset. It is never overwritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub path: PathBuf,
    pub file: DamagedFile,
    /// Where the parser stopped, when known.
    pub at: Option<LineCol>,
    pub message: String,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(lc) => write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                lc.line,
                lc.col,
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Why a store is read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another process holds the lock; its pid as it wrote it, if readable.
    Locked { pid: Option<u32> },
    /// The lock could not even be taken (read-only directory or file
    /// system, no locking support): the text of that failure.
    CannotLock(String),
    /// The user chose to open a damaged file read-only.
    Damaged(Damage),
}

impl ReadOnly {
    /// Why, in one line, for the status bar's "READ-ONLY: …" banner (so
    /// it does not say "read-only" itself).
    pub fn notice(&self) -> String {
        match self {
            Self::Locked { pid: Some(pid) } => format!("open in another claimtrack, pid {pid}"),
            Self::Locked { pid: None } => "open in another claimtrack".to_owned(),
            Self::CannotLock(why) => format!("{why}; nothing will be saved"),
            Self::Damaged(d) => format!("{d}; nothing will be saved"),
        }
    }
}

#[derive(Debug)]
pub enum StoreError {
    /// No home directory, so no default data directory.
    NoDataDir,
    /// A dataset id that cannot name a file (it would escape the directory).
    BadDatasetId(String),
    /// A path with no file name (`/`, `..`).
    BadPath(PathBuf),
    /// Neither the annotation file nor its journal exists.
    NotFound(PathBuf),
    Io(IoFailure),
    Damaged(Damage),
    /// The store is read-only; the change was refused and not applied.
    ReadOnly(ReadOnly),
    /// Writing failed (full disk, read-only directory...). The change is in
    /// memory and queued: `retry_pending` or `close` tries again.
    NotSaved {
        /// The change just made, when the failure came from `apply`: the
        /// app still needs it for its undo stack.
        change: Option<Box<Change>>,
        /// Changes waiting to be saved, this one included.
        pending: usize,
        cause: IoFailure,
    },
    /// The annotations could not be serialised (not expected for these types).
    Encode(String),
    /// A conflict could not be resolved so (nothing changed).
    Resolve(ResolveError),
    /// A re-attach was refused (nothing changed).
    Reattach(super::batch::ReattachRefused),
}

impl StoreError {
    /// True when nothing exists at the path yet (not an error for exports).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound(_))
    }
}

impl From<IoFailure> for StoreError {
    fn from(e: IoFailure) -> Self {
        Self::Io(e)
    }
}

impl From<Damage> for StoreError {
    fn from(d: Damage) -> Self {
        Self::Damaged(d)
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoDataDir => f.write_str(
                "no data directory for annotations (is $HOME set?); give a path with --annotations",
            ),
            Self::BadDatasetId(id) => write!(f, "dataset id {id:?} cannot name an annotation file"),
            Self::BadPath(p) => write!(f, "{}: not a file path", p.display()),
            Self::NotFound(p) => write!(f, "{}: no annotations saved yet", p.display()),
            Self::Io(e) => e.fmt(f),
            Self::Damaged(d) => d.fmt(f),
            Self::ReadOnly(r) => write!(f, "not saved (read-only): {}", r.notice()),
            Self::NotSaved { pending, cause, .. } => write!(
                f,
                "{cause}; {pending} unsaved change{} kept in memory, will retry",
                if *pending == 1 { "" } else { "s" }
            ),
            Self::Encode(msg) => write!(f, "cannot encode annotations: {msg}"),
            Self::Resolve(e) => e.fmt(f),
            Self::Reattach(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io(e) | Self::NotSaved { cause: e, .. } => Some(&e.source),
            _ => None,
        }
    }
}
