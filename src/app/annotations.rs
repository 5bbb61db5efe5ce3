//! The app's view of where annotations go. In the program this is the durable
//! store on disk; in tests an in-memory set with a fixed clock, so `update`
//! stays deterministic and needs no file system.

use jiff::Timestamp;

use crate::model::{AnnotationSet, Change, Edit};

pub trait AnnotationBackend {
    fn set(&self) -> &AnnotationSet;
    /// Applies and (for the real store) makes the change durable before
    /// returning. `Err` carries a message for the user; the change may still be
    /// held in memory for a retry (see `pending`).
    fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, String>;
    /// Why edits are refused, when they are (another instance holds the lock...).
    fn read_only_reason(&self) -> Option<String> {
        None
    }
    /// Changes made in memory but not yet on disk.
    fn pending(&self) -> usize {
        0
    }
    fn retry(&mut self) -> Result<(), String> {
        Ok(())
    }
    /// Where the annotations are stored, for messages.
    fn location(&self) -> String;
}

/// Annotations held in memory only, with an injectable clock.
pub struct MemoryBackend {
    pub set: AnnotationSet,
    pub analyst: String,
    pub clock: fn() -> Timestamp,
}

impl MemoryBackend {
    pub fn new(dataset: &str, analyst: &str) -> Self {
        Self {
            set: AnnotationSet::new(dataset),
            analyst: analyst.to_owned(),
            clock: || Timestamp::UNIX_EPOCH,
        }
    }
}

impl AnnotationBackend for MemoryBackend {
    fn set(&self) -> &AnnotationSet {
        &self.set
    }

    fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, String> {
        Ok(self.set.apply(claim, edit, &self.analyst, (self.clock)()))
    }

    fn location(&self) -> String {
        "memory (not saved)".into()
    }
}
