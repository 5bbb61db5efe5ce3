//! One writer per annotation file: an advisory lock on `<file>.lock`, held
//! for the store's lifetime. The file holds the holder's pid, for the notice
//! shown to a second instance; it is never removed (removing lock files races).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::Path;

use super::error::IoFailure;
use crate::model::safe_fs;

/// Holding this value holds the lock; dropping it releases it.
#[derive(Debug)]
pub(crate) struct StoreLock {
    _file: File,
}

pub(crate) enum LockError {
    /// Another open file holds it (another process, or this one twice).
    Held {
        pid: Option<u32>,
    },
    Io(IoFailure),
}

impl StoreLock {
    pub fn acquire(path: &Path) -> Result<Self, LockError> {
        // Never through a planted symlink, never anything but a regular file.
        let file = safe_fs::open_owned(
            path,
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false),
        )
        .map_err(|e| LockError::Io(IoFailure::new("open", path, e)))?;
        match file.try_lock() {
            Ok(()) => {
                // Only informative: a failure to record the pid is not worth refusing.
                let _ = file
                    .set_len(0)
                    .and_then(|()| writeln!(&file, "{}", std::process::id()));
                Ok(Self { _file: file })
            }
            Err(TryLockError::WouldBlock) => Err(LockError::Held {
                pid: read_pid(path),
            }),
            Err(TryLockError::Error(e)) => Err(LockError::Io(IoFailure::new("lock", path, e))),
        }
    }
}

fn read_pid(path: &Path) -> Option<u32> {
    let bytes = safe_fs::read_regular(path, 64).ok()?;
    std::str::from_utf8(&bytes).ok()?.trim().parse().ok()
}
