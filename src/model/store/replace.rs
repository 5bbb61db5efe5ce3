//! Replacing the annotation file atomically: a reader (or a crash) sees the
//! old file or the new one, never a mix.

use std::fs::OpenOptions;
use std::io::Write;

use super::error::IoFailure;
use super::paths::{Files, sync_dir};

/// Writes `bytes` to a temporary file next to the snapshot, fsyncs it,
/// renames it over the snapshot and fsyncs the directory.
pub(crate) fn replace_snapshot(files: &Files, bytes: &[u8]) -> Result<(), IoFailure> {
    if let Err(e) = write_tmp(files, bytes) {
        let _ = std::fs::remove_file(&files.tmp);
        return Err(e);
    }
    std::fs::rename(&files.tmp, &files.snapshot)
        .map_err(IoFailure::at("replace", &files.snapshot))?;
    sync_dir(&files.dir).map_err(IoFailure::at("sync", &files.dir))
}

fn write_tmp(files: &Files, bytes: &[u8]) -> Result<(), IoFailure> {
    let io = || IoFailure::at("write", &files.tmp);
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&files.tmp)
        .map_err(io())?;
    // Keep the permissions someone gave the file (e.g. group-writable to share).
    if let Ok(meta) = std::fs::metadata(&files.snapshot) {
        let _ = f.set_permissions(meta.permissions());
    }
    f.write_all(bytes).map_err(io())?;
    f.sync_all().map_err(io())
}
