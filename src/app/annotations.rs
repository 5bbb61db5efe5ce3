//! The app's view of where annotations go. In the program this is the durable
//! store on disk; in tests an in-memory set with a fixed clock, so `update`
//! stays deterministic and needs no file system.

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::model::annotation::merge::MergeReport;
use crate::model::store::StoreError;
use crate::model::{AnnotationSet, Change, Edit};

/// Why the backend did not make a change durable. The two cases differ in
/// what the backend kept, which the app's counts and undo follow exactly.
#[derive(Debug, Clone, PartialEq)]
pub enum BackendError {
    /// Not applied: nothing changed (read-only, closed...).
    Refused(String),
    /// Applied in memory but not on disk yet: kept pending and retried.
    /// `change` is what was applied, when a change was made.
    NotSaved {
        change: Option<Box<Change>>,
        message: String,
    },
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused(m) | Self::NotSaved { message: m, .. } => f.write_str(m),
        }
    }
}

impl From<StoreError> for BackendError {
    fn from(e: StoreError) -> Self {
        let message = e.to_string();
        match e {
            StoreError::NotSaved { change, .. } => Self::NotSaved { change, message },
            _ => Self::Refused(message),
        }
    }
}

pub trait AnnotationBackend {
    fn set(&self) -> &AnnotationSet;
    /// Applies and (for the real store) makes the change durable before
    /// returning: `Ok(None)` when it changed nothing. On `Err`, the error says
    /// whether the change was refused or kept in memory for a retry.
    fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, BackendError>;
    /// Why edits are refused, when they are (another instance holds the lock...).
    fn read_only_reason(&self) -> Option<String> {
        None
    }
    /// Changes made in memory but not yet on disk.
    fn pending(&self) -> usize {
        0
    }
    fn retry(&mut self) -> Result<(), BackendError> {
        Ok(())
    }
    /// Where the annotations are stored, for messages.
    fn location(&self) -> String;
    /// Saves what is pending and releases the file (on quit, SIGTERM...).
    fn close(&mut self) -> Result<(), BackendError> {
        Ok(())
    }
    /// Applies the edits of one user action (a bulk edit) together: for the
    /// real store one journal record, one fsync, all or nothing after a
    /// crash. Says per edit whether it changed something; `error` as for
    /// `apply` (changes may still be held in memory, see `pending`).
    fn apply_batch(&mut self, edits: &[(String, Edit)]) -> BatchOutcome {
        let mut out = BatchOutcome::default();
        for (claim, edit) in edits {
            match self.apply(claim, edit) {
                Ok(c) => out.changed.push(c.is_some()),
                Err(e) => {
                    out.changed.push(matches!(
                        &e,
                        BackendError::NotSaved {
                            change: Some(_),
                            ..
                        }
                    ));
                    out.error.get_or_insert(e);
                }
            }
        }
        out
    }
    /// Merges in changes someone else made to the file since we read it
    /// (cheap when there are none: call it on every tick). Returns what
    /// came in; `Err` says why the changed file could not be merged.
    fn poll_outside(&mut self) -> Result<Option<MergeReport>, BackendError> {
        Ok(None)
    }
    /// Fields in conflict (both values kept until someone picks one).
    fn conflict_count(&self) -> usize {
        self.set().conflict_count()
    }
    /// Settles the conflict on `chosen`'s field of `claim` by taking
    /// `chosen`, one of its competing values; the history records whose it was.
    fn resolve(&mut self, claim: &str, chosen: &Edit) -> Result<Change, BackendError> {
        let _ = chosen;
        Err(BackendError::Refused(format!(
            "{} cannot settle the conflict on {claim}",
            self.location()
        )))
    }
    /// Adjudicating: the edits of one user action, taking analyst `from`'s
    /// values (the history says so). As [`AnnotationBackend::apply_batch`].
    fn apply_taken(&mut self, edits: &[(String, Edit)], from: &str) -> BatchOutcome {
        BatchOutcome {
            changed: vec![false; edits.len()],
            error: Some(BackendError::Refused(format!(
                "{} cannot take {from}'s values",
                self.location()
            ))),
        }
    }
    /// Read-only because another instance held the file: tries to take it
    /// over (cheap: call it on every tick). `Ok(true)`: now writable, with
    /// the file as the other instance left it.
    fn try_take_over(&mut self) -> Result<bool, BackendError> {
        Ok(false)
    }
    /// Moves the work recorded on claim `from` (an orphan) to claim `to`
    /// (which has none), as one recorded action.
    fn reattach(&mut self, from: &str, to: &str) -> Result<(), BackendError> {
        let _ = (from, to);
        Err(BackendError::Refused(format!(
            "{} cannot re-attach annotations",
            self.location()
        )))
    }
    /// Where [`AnnotationBackend::write_rescue`] would write, in order.
    fn rescue_dirs(&self) -> Vec<String> {
        Vec::new()
    }
    /// Writes everything held (unsaved changes included) as a rescue copy
    /// to the first directory that takes it; returns where.
    fn write_rescue(&mut self) -> Result<PathBuf, BackendError> {
        Err(BackendError::Refused(format!(
            "{} keeps no rescue copies",
            self.location()
        )))
    }
    /// Rescue copies of earlier sessions found at the start.
    fn rescues(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    /// Merges a rescue copy in (three-way) and saves; it is then not offered again.
    fn merge_rescue(&mut self, path: &Path) -> Result<MergeReport, BackendError> {
        Err(BackendError::Refused(format!(
            "cannot merge {} here",
            path.display()
        )))
    }
    /// Sets a rescue copy aside without merging; returns its new name.
    fn decline_rescue(&mut self, path: &Path) -> Result<PathBuf, BackendError> {
        Err(BackendError::Refused(format!(
            "cannot set {} aside here",
            path.display()
        )))
    }
}

/// What [`AnnotationBackend::apply_batch`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchOutcome {
    /// Per edit, in order: the backend holds its change (saved, or pending
    /// after a failed write), so it belongs in undo.
    pub changed: Vec<bool>,
    /// When saving failed or the edits were refused.
    pub error: Option<BackendError>,
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

    fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, BackendError> {
        Ok(self.set.apply(claim, edit, &self.analyst, (self.clock)()))
    }

    fn location(&self) -> String {
        "memory (not saved)".into()
    }

    fn resolve(&mut self, claim: &str, chosen: &Edit) -> Result<Change, BackendError> {
        self.set
            .resolve(claim, chosen, &self.analyst, (self.clock)())
            .map_err(|e| BackendError::Refused(e.to_string()))
    }

    fn apply_taken(&mut self, edits: &[(String, Edit)], from: &str) -> BatchOutcome {
        let at = (self.clock)();
        BatchOutcome {
            changed: edits
                .iter()
                .map(|(c, e)| {
                    self.set
                        .apply_taken(c, e, from, &self.analyst, at)
                        .is_some()
                })
                .collect(),
            error: None,
        }
    }
}

/// The durable store on disk, as the app sees it.
pub struct StoreBackend {
    store: Option<crate::model::store::AnnotationStore>,
    /// A read-only stand-in once closed (never used after close).
    empty: AnnotationSet,
    /// Rescue copies found at the start (only a writable store looks).
    rescues: crate::model::store::Rescues,
}

impl StoreBackend {
    pub fn new(store: crate::model::store::AnnotationStore) -> Self {
        let empty = AnnotationSet::new(&store.set().dataset);
        let rescues = if store.is_read_only() {
            Default::default()
        } else {
            store.find_rescues()
        };
        Self {
            store: Some(store),
            empty,
            rescues,
        }
    }

    /// What opening found (changes recovered after a crash...), for the user.
    pub fn open_notice(&self) -> Option<String> {
        let mut parts: Vec<String> = self
            .store
            .as_ref()
            .and_then(|s| s.report().notice())
            .into_iter()
            .collect();
        parts.extend(
            self.rescues
                .unreadable
                .iter()
                .map(|e| format!("a rescue copy cannot be read: {e}")),
        );
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

impl AnnotationBackend for StoreBackend {
    fn set(&self) -> &AnnotationSet {
        self.store.as_ref().map_or(&self.empty, |s| s.set())
    }

    fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, BackendError> {
        let Some(store) = &mut self.store else {
            return Err(BackendError::Refused("annotations are closed".into()));
        };
        store.apply(claim, edit).map_err(BackendError::from)
    }

    fn read_only_reason(&self) -> Option<String> {
        self.store
            .as_ref()
            .and_then(|s| s.read_only())
            .map(|r| r.notice())
    }

    fn pending(&self) -> usize {
        self.store.as_ref().map_or(0, |s| s.pending_count())
    }

    fn retry(&mut self) -> Result<(), BackendError> {
        match &mut self.store {
            Some(s) => s.retry_pending().map(|_| ()).map_err(BackendError::from),
            None => Ok(()),
        }
    }

    fn location(&self) -> String {
        self.store
            .as_ref()
            .map_or_else(String::new, |s| s.path().display().to_string())
    }

    fn apply_batch(&mut self, edits: &[(String, Edit)]) -> BatchOutcome {
        let Some(store) = &mut self.store else {
            return BatchOutcome {
                changed: vec![false; edits.len()],
                error: Some(BackendError::Refused("annotations are closed".into())),
            };
        };
        let applied = store.apply_batch(edits);
        BatchOutcome {
            changed: applied.changes.iter().map(Option::is_some).collect(),
            error: applied.saved.err().map(BackendError::from),
        }
    }

    fn resolve(&mut self, claim: &str, chosen: &Edit) -> Result<Change, BackendError> {
        match &mut self.store {
            Some(s) => s.resolve(claim, chosen).map_err(BackendError::from),
            None => Err(BackendError::Refused("annotations are closed".into())),
        }
    }

    fn apply_taken(&mut self, edits: &[(String, Edit)], from: &str) -> BatchOutcome {
        let Some(store) = &mut self.store else {
            return BatchOutcome {
                changed: vec![false; edits.len()],
                error: Some(BackendError::Refused("annotations are closed".into())),
            };
        };
        let applied = store.apply_taken(edits, from);
        BatchOutcome {
            changed: applied.changes.iter().map(Option::is_some).collect(),
            error: applied.saved.err().map(BackendError::from),
        }
    }

    fn poll_outside(&mut self) -> Result<Option<MergeReport>, BackendError> {
        match &mut self.store {
            Some(s) => s.poll_outside().map_err(BackendError::from),
            None => Ok(None),
        }
    }

    fn reattach(&mut self, from: &str, to: &str) -> Result<(), BackendError> {
        match &mut self.store {
            Some(s) => s.reattach(from, to).map(|_| ()).map_err(BackendError::from),
            None => Err(BackendError::Refused("annotations are closed".into())),
        }
    }

    fn rescue_dirs(&self) -> Vec<String> {
        self.store.as_ref().map_or_else(Vec::new, |s| {
            s.rescue_dirs()
                .iter()
                .map(|d| d.display().to_string())
                .collect()
        })
    }

    fn write_rescue(&mut self) -> Result<PathBuf, BackendError> {
        match &mut self.store {
            Some(s) => s
                .write_rescue()
                .map_err(|e| BackendError::Refused(e.to_string())),
            None => Err(BackendError::Refused("annotations are closed".into())),
        }
    }

    fn rescues(&self) -> Vec<PathBuf> {
        self.rescues.found.clone()
    }

    fn merge_rescue(&mut self, path: &Path) -> Result<MergeReport, BackendError> {
        match &mut self.store {
            Some(s) => s.merge_rescue(path).map_err(BackendError::from),
            None => Err(BackendError::Refused("annotations are closed".into())),
        }
    }

    fn decline_rescue(&mut self, path: &Path) -> Result<PathBuf, BackendError> {
        match &mut self.store {
            Some(s) => s.decline_rescue(path).map_err(BackendError::from),
            None => Err(BackendError::Refused("annotations are closed".into())),
        }
    }

    fn try_take_over(&mut self) -> Result<bool, BackendError> {
        match &mut self.store {
            Some(s) => s.try_take_over().map_err(BackendError::from),
            None => Ok(false),
        }
    }

    fn close(&mut self) -> Result<(), BackendError> {
        match self.store.take() {
            Some(s) => s.close().map_err(BackendError::from),
            None => Ok(()),
        }
    }
}
