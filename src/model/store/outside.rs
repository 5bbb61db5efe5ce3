//! Changes made to the annotation file by someone else while it is open: a
//! `git pull` (which writes a temporary file and renames it over ours), a
//! colleague's copy, an editor.
//!
//! The rule: the snapshot we last read or wrote is the base, the file now on
//! disk is theirs, what we hold in memory (snapshot + journal) is ours; the
//! three are merged per claim and per field
//! ([`crate::model::annotation::merge::merge3`]) and the result written back.
//! Nobody's work is overwritten: where both changed a field differently,
//! both values stay in the file as a conflict. A file that changed but
//! cannot be read (a `git merge` left conflict markers in it, another
//! dataset) is left alone and nothing is written over it; our changes stay
//! in the journal until it can be read again.

use std::io;

use super::disk::{self, Look};
use super::error::{IoFailure, StoreError};
use super::{AnnotationStore, format, read_state};
use crate::model::annotation::AnnotationSet;
use crate::model::annotation::merge::{MergeReport, merge3};
use crate::model::load::MAX_FILE_BYTES;

impl AnnotationStore {
    /// Checks whether the annotation file changed on disk since we last read
    /// or wrote it and, if so, merges it in (and, when writable, writes the
    /// merged file at once); a read-only store reloads it. Cheap enough to
    /// call on every tick: one `stat` while nothing changed (the content is
    /// hashed only when the metadata changed or is too recent to trust).
    ///
    /// Returns what came in, also from merges done before a compaction
    /// since the last call, or `None` when nothing did.
    pub fn poll_outside(&mut self) -> Result<Option<MergeReport>, StoreError> {
        if self.read_only.is_some() {
            self.reload_if_changed()?;
        } else if self.absorb_outside()? {
            self.compact_now(false)?;
        }
        Ok(self.outside.take())
    }

    /// Conflicts kept in the file, waiting for someone to pick a value.
    pub fn conflict_count(&self) -> usize {
        self.set.conflict_count()
    }

    /// Merges the file on disk into memory if it changed. True when it did.
    pub(super) fn absorb_outside(&mut self) -> Result<bool, IoFailure> {
        let path = self.files.snapshot.clone();
        let look = disk::look(&path, self.stamp.as_ref(), MAX_FILE_BYTES)
            .map_err(IoFailure::at("read", &path))?;
        let (bytes, stamp) = match look {
            Look::Same | Look::Gone => return Ok(false),
            Look::Touched(stamp) => {
                self.stamp = Some(stamp);
                return Ok(false);
            }
            Look::Changed(bytes, stamp) => (bytes, stamp),
        };
        let refuse = |why: String| {
            IoFailure::new(
                "merge",
                &path,
                io::Error::other(format!(
                    "it changed on disk and cannot be read ({why}); it is not overwritten, \
                     unsaved changes stay in the journal"
                )),
            )
        };
        let (theirs, text) = format::parse_bytes(&path, bytes, Some(&self.set.dataset))
            .map_err(|d| refuse(d.to_string()))?;
        let base = match &self.base_text {
            Some(t) => format::parse_bytes(&path, t.clone().into_bytes(), None)
                .map(|(s, _)| s)
                .unwrap_or_else(|_| AnnotationSet::new(&self.set.dataset)),
            None => AnnotationSet::new(&self.set.dataset),
        };
        let merged = merge3(&base, &self.set, &theirs).map_err(|e| refuse(e.to_string()))?;
        self.set = merged.set;
        self.snapshot_len = Some(text.len() as u64);
        self.base_text = Some(text);
        self.stamp = Some(stamp);
        self.note_outside(merged.report);
        Ok(true)
    }

    /// A read-only store follows the file: reread it (with the writer's
    /// journal) when it changed.
    fn reload_if_changed(&mut self) -> Result<(), StoreError> {
        let path = self.files.snapshot.clone();
        let look = disk::look(&path, self.stamp.as_ref(), MAX_FILE_BYTES)
            .map_err(IoFailure::at("read", &path))?;
        match look {
            Look::Same | Look::Gone => return Ok(()),
            Look::Touched(stamp) => {
                self.stamp = Some(stamp);
                return Ok(());
            }
            Look::Changed(..) => {}
        }
        let Ok(state) = read_state(&self.files, Some(&self.set.dataset.clone())) else {
            // Caught mid-compaction or damaged: the next poll tries again.
            return Ok(());
        };
        let before = std::mem::replace(&mut self.set, state.set);
        if let Some((text, stamp)) = state.base {
            self.snapshot_len = Some(text.len() as u64);
            self.base_text = Some(text);
            self.stamp = Some(stamp);
        }
        let report = merge3(&before, &before, &self.set)
            .map(|m| m.report)
            .unwrap_or_default();
        self.note_outside(report);
        Ok(())
    }

    fn note_outside(&mut self, report: MergeReport) {
        if report.incoming.is_empty() && report.new_conflicts == 0 {
            return;
        }
        let acc = self.outside.get_or_insert_with(MergeReport::default);
        for (claim, who) in report.incoming {
            acc.incoming.entry(claim).or_default().extend(who);
        }
        acc.new_conflicts += report.new_conflicts;
        acc.conflicts = report.conflicts;
    }
}
