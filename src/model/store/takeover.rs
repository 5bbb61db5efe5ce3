//! A read-only second instance becomes the writer when the first one exits:
//! it polls the lock (one non-blocking attempt, cheap enough for every
//! tick), and once it gets it, rereads the file and the journal the other
//! instance may have left, exactly as `open` would.

use super::error::{ReadOnly, StoreError};
use super::journal::Journal;
use super::lock::{LockError, StoreLock};
use super::{AnnotationStore, ReadFailure, read_state};

impl AnnotationStore {
    /// For a store that is read-only because another claimtrack held the
    /// lock: tries to take it. `Ok(true)`: the store is now writable and
    /// holds what is on disk (the other instance's last changes included);
    /// `Ok(false)`: still held (or read-only for another reason).
    pub fn try_take_over(&mut self) -> Result<bool, StoreError> {
        if !matches!(self.read_only, Some(ReadOnly::Locked { .. })) {
            return Ok(false);
        }
        let lock = match StoreLock::acquire(&self.files.lock) {
            Ok(lock) => lock,
            Err(LockError::Held { .. }) => return Ok(false),
            Err(LockError::Io(e)) => return Err(StoreError::Io(e)),
        };
        let dataset = self.set.dataset.clone();
        let state = match read_state(&self.files, Some(&dataset)) {
            Ok(s) => s,
            // Stay read-only (dropping the lock): the user must look at it.
            Err(ReadFailure::Broken(b)) => return Err(StoreError::Damaged(b.0)),
            Err(ReadFailure::Unreadable(e)) => return Err(StoreError::Io(e)),
        };
        self.set = state.set;
        self.snapshot_len = state.base.as_ref().map(|(t, _)| t.len() as u64);
        (self.base_text, self.stamp) = match state.base {
            Some((t, s)) => (Some(t), Some(s)),
            None => (None, None),
        };
        self.journal = Journal::new(
            self.files.journal.clone(),
            self.files.dir.clone(),
            state.good_len,
        );
        self._lock = Some(lock);
        self.read_only = None;
        self.pending.clear();
        self.schedule_compaction();
        if state.journal_bytes > 0 {
            // Left by an instance that did not close cleanly: fold it in.
            let folded = match state.replay.applied {
                0 => self.journal.clear(false),
                _ => self.compact_now(false),
            };
            if let Err(e) = folded {
                self.report.compaction_failed = Some(e.to_string());
            }
        }
        Ok(true)
    }
}
