//! Replacing the annotation file atomically: a reader (or a crash) sees the
//! old file or the new one, never a mix. The temporary file has an
//! unpredictable name created with `O_EXCL` (see [`safe_fs::create_temp`]),
//! so a file planted beside the annotation file is never written through.

use super::error::IoFailure;
use super::paths::Files;
use crate::model::safe_fs;

/// Writes `bytes` to a fresh temporary file next to the snapshot, fsyncs it,
/// renames it over the snapshot and fsyncs the directory.
pub(crate) fn replace_snapshot(files: &Files, bytes: &[u8]) -> Result<(), IoFailure> {
    #[cfg(test)]
    if let Some(kind) = fault::REPLACE.get() {
        return Err(IoFailure::new("replace", &files.snapshot, kind.into()));
    }
    safe_fs::write_atomic(&files.snapshot, bytes).map_err(IoFailure::at("replace", &files.snapshot))
}

/// Failures tests inject where a real one cannot be arranged for root (a
/// full disk, a directory refusing new files), per test thread.
#[cfg(test)]
pub(crate) mod fault {
    use std::cell::Cell;
    use std::io::ErrorKind;

    thread_local! {
        /// Every rewrite of the snapshot fails so.
        pub static REPLACE: Cell<Option<ErrorKind>> = const { Cell::new(None) };
        /// Every journal append fails so.
        pub static APPEND: Cell<Option<ErrorKind>> = const { Cell::new(None) };
    }
}
