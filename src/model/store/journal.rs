//! The append-only journal: one record per line, each write fsynced before
//! the change counts as saved.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::PathBuf;

use super::error::IoFailure;
use super::paths::sync_dir;
use crate::model::safe_fs;

pub(crate) enum AppendError {
    Io(IoFailure),
    /// The file is not what we wrote: shorter (cut or replaced), or
    /// deleted while open (`git clean` next to a shared file). Only a full
    /// rewrite of the snapshot is safe then.
    Lost,
}

impl From<IoFailure> for AppendError {
    fn from(e: IoFailure) -> Self {
        Self::Io(e)
    }
}

#[derive(Debug)]
pub(crate) struct Journal {
    path: PathBuf,
    dir: PathBuf,
    /// Dropped after any failure, so the next attempt starts from a fresh open.
    file: Option<File>,
    /// Bytes known to be durable: everything after them is a torn write.
    len: u64,
}

impl Journal {
    pub fn new(path: PathBuf, dir: PathBuf, len: u64) -> Self {
        Self {
            path,
            dir,
            file: None,
            len,
        }
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    /// Appends whole lines and waits until they are on disk.
    pub fn append(&mut self, bytes: &[u8]) -> Result<(), AppendError> {
        #[cfg(test)]
        if let Some(kind) = super::replace::fault::APPEND.get() {
            return Err(AppendError::Io(IoFailure::new(
                "write",
                &self.path,
                kind.into(),
            )));
        }
        let file = match self.file.take() {
            Some(f) => f,
            None => self.open()?,
        };
        match (&file).write_all(bytes).and_then(|()| file.sync_data()) {
            Ok(()) if is_unlinked(&file) => Err(AppendError::Lost),
            Ok(()) => {
                self.len += bytes.len() as u64;
                self.file = Some(file);
                Ok(())
            }
            Err(e) => {
                // Cut a partial write now so that a crash before the retry leaves
                // a clean file; `open` cuts it again in case this fails too.
                let _ = file.set_len(self.len);
                Err(AppendError::Io(IoFailure::new("write", &self.path, e)))
            }
        }
    }

    fn open(&self) -> Result<File, AppendError> {
        let existed = std::fs::symlink_metadata(&self.path).is_ok();
        // Never through a planted symlink, never anything but a regular file.
        let file = safe_fs::open_owned(&self.path, OpenOptions::new().append(true).create(true))
            .map_err(IoFailure::at("open", &self.path))?;
        let actual = file
            .metadata()
            .map_err(IoFailure::at("inspect", &self.path))?
            .len();
        if actual < self.len {
            return Err(AppendError::Lost);
        }
        if actual > self.len {
            // A torn record from a crash or a failed write: appending after it
            // would turn it into damage in the middle of the file.
            file.set_len(self.len)
                .and_then(|()| file.sync_data())
                .map_err(IoFailure::at("truncate", &self.path))?;
        }
        if !existed {
            sync_dir(&self.dir).map_err(IoFailure::at("sync", &self.dir))?;
        }
        Ok(file)
    }

    /// Empties the journal once its records are in the snapshot: truncates
    /// the open file, or removes it (`remove`, on close). A failure leaves
    /// stale records behind, which is harmless: replay skips records the
    /// snapshot already has.
    pub fn clear(&mut self, remove: bool) -> Result<(), IoFailure> {
        match (&self.file, remove) {
            (Some(f), false) => {
                f.set_len(0)
                    .map_err(IoFailure::at("truncate", &self.path))?;
                self.len = 0;
                f.sync_data().map_err(IoFailure::at("sync", &self.path))
            }
            _ => {
                self.file = None;
                match std::fs::remove_file(&self.path) {
                    Ok(()) => {
                        self.len = 0;
                        Ok(())
                    }
                    Err(e) if e.kind() == ErrorKind::NotFound => {
                        self.len = 0;
                        Ok(())
                    }
                    Err(e) => Err(IoFailure::new("remove", &self.path, e)),
                }
            }
        }
    }
}

/// True when the open file no longer has a name: what we wrote to it would
/// vanish with the process.
#[cfg(unix)]
fn is_unlinked(file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    file.metadata().is_ok_and(|m| m.nlink() == 0)
}

#[cfg(not(unix))]
fn is_unlinked(_file: &File) -> bool {
    false
}
