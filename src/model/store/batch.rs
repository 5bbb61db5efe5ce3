//! One user action, one durable record: a bulk edit of 10,000 marked claims
//! is a single journal line and a single `fdatasync`, and after a crash it is
//! in the file entirely or not at all (a torn line is ignored whole).
//! Resolving a conflict is recorded the same way.

use jiff::Timestamp;

use super::error::StoreError;
use super::format::Record;
use super::{AnnotationStore, now};
use crate::model::annotation::{Annotation, Change, Edit};

/// Why a re-attach was refused (nothing changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReattachRefused {
    /// No work recorded on that claim.
    NothingAt(String),
    /// The target claim has work of its own: resolve by hand.
    Occupied(String),
    SameClaim(String),
}

impl std::fmt::Display for ReattachRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NothingAt(c) => write!(f, "nothing recorded on {c} to re-attach"),
            Self::Occupied(c) => write!(f, "{c} already has annotations of its own"),
            Self::SameClaim(c) => write!(f, "{c} is already where it belongs"),
        }
    }
}

/// What a bulk edit did.
#[derive(Debug)]
pub struct Applied {
    /// Per edit, in order, its change (`None`: the value was already set).
    pub changes: Vec<Option<Change>>,
    /// `Ok` once durable. [`StoreError::NotSaved`]: applied in memory and
    /// pending (retried like any change); [`StoreError::ReadOnly`]: refused,
    /// nothing applied.
    pub saved: Result<(), StoreError>,
}

impl AnnotationStore {
    /// Applies the edits of one user action now; see [`AnnotationStore::apply_batch_at`].
    pub fn apply_batch(&mut self, edits: &[(String, Edit)]) -> Applied {
        self.apply_batch_at(edits, now())
    }

    /// Applies every edit as the store's analyst at `at` and saves them as
    /// one journal record with one `fdatasync`.
    pub fn apply_batch_at(&mut self, edits: &[(String, Edit)], at: Timestamp) -> Applied {
        self.apply_batch_from(edits, None, at)
    }

    /// Adjudicating (`--compare`): takes the values analyst `from` gave,
    /// as one user action; the history says whose they were.
    pub fn apply_taken(&mut self, edits: &[(String, Edit)], from: &str) -> Applied {
        self.apply_batch_from(edits, Some(from), now())
    }

    fn apply_batch_from(
        &mut self,
        edits: &[(String, Edit)],
        from: Option<&str>,
        at: Timestamp,
    ) -> Applied {
        if let Some(ro) = &self.read_only {
            return Applied {
                changes: vec![None; edits.len()],
                saved: Err(StoreError::ReadOnly(ro.clone())),
            };
        }
        let seq = self.set.history.len() as u64;
        let mut changes = Vec::with_capacity(edits.len());
        let mut effective: Vec<(String, Edit)> = Vec::new();
        for (claim, edit) in edits {
            let change = match from {
                Some(f) => self.set.apply_taken(claim, edit, f, &self.analyst, at),
                None => self.set.apply(claim, edit, &self.analyst, at),
            };
            if change.is_some() {
                effective.push((claim.clone(), edit.clone()));
            }
            changes.push(change);
        }
        let mut rest = effective.into_iter();
        let Some((claim, edit)) = rest.next() else {
            return Applied {
                changes,
                saved: Ok(()),
            };
        };
        let record = Record {
            seq,
            claim,
            edit,
            analyst: self.analyst.clone(),
            at,
            more: rest.collect(),
            resolve: false,
            took: from.map(str::to_owned),
        };
        let saved = self.save_record(&record);
        Applied { changes, saved }
    }

    /// Settles the conflict on `chosen`'s field of `claim` by taking
    /// `chosen` (one of the competing values), durably, recorded in the
    /// history (see [`crate::model::AnnotationSet::resolve`]).
    pub fn resolve(&mut self, claim: &str, chosen: &Edit) -> Result<Change, StoreError> {
        if let Some(ro) = &self.read_only {
            return Err(StoreError::ReadOnly(ro.clone()));
        }
        let at = now();
        let seq = self.set.history.len() as u64;
        let change = self
            .set
            .resolve(claim, chosen, &self.analyst, at)
            .map_err(StoreError::Resolve)?;
        let record = Record {
            seq,
            claim: claim.to_owned(),
            edit: chosen.clone(),
            analyst: self.analyst.clone(),
            at,
            more: Vec::new(),
            resolve: true,
            took: None,
        };
        match self.save_record(&record) {
            Ok(()) => Ok(change),
            Err(StoreError::NotSaved { pending, cause, .. }) => Err(StoreError::NotSaved {
                change: Some(Box::new(change)),
                pending,
                cause,
            }),
            Err(e) => Err(e),
        }
    }

    /// Moves the work recorded on claim `from` (typically an orphan: an id
    /// the dataset no longer has) to claim `to`, as one user action in one
    /// record: each field `from` set is set on `to` and cleared on `from`,
    /// both in the history. Refused when `to` already has work of its own.
    pub fn reattach(&mut self, from: &str, to: &str) -> Result<Vec<Change>, StoreError> {
        let refuse = |r| Err(StoreError::Reattach(r));
        if from == to {
            return refuse(ReattachRefused::SameClaim(to.to_owned()));
        }
        let Some(moving) = self.set.get(from).filter(|a| !a.is_blank()) else {
            return refuse(ReattachRefused::NothingAt(from.to_owned()));
        };
        if self.set.get(to).is_some_and(|a| !a.is_blank()) {
            return refuse(ReattachRefused::Occupied(to.to_owned()));
        }
        let blank = Annotation::default();
        let set_to = moving.as_edits();
        let clear: Vec<(String, Edit)> = set_to
            .iter()
            .map(|e| (from.to_owned(), e.inverse_for(&blank)))
            .collect();
        let edits: Vec<(String, Edit)> = set_to
            .into_iter()
            .map(|e| (to.to_owned(), e))
            .chain(clear)
            .collect();
        let applied = self.apply_batch(&edits);
        let changes = applied.changes.into_iter().flatten().collect();
        applied.saved.map(|()| changes)
    }

    /// Queues an already applied record and makes it durable.
    fn save_record(&mut self, record: &Record) -> Result<(), StoreError> {
        let line = record.line()?;
        self.pending.push(line);
        self.flush_pending().map_err(|cause| StoreError::NotSaved {
            change: None,
            pending: self.pending.len(),
            cause,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotation::{ANNOTATION_FORMAT, Status};

    fn open(path: &std::path::Path) -> AnnotationStore {
        match AnnotationStore::open(path, "ds", "eve") {
            Ok(s) => s,
            Err(e) => panic!("open: {e}"),
        }
    }

    #[test]
    fn a_taken_value_says_whose_it_was_after_a_crash_and_a_close() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("ds.annotations.ron");
        let mut store = open(&path);
        store
            .apply_at("c0", &Edit::Status(Status::InProgress), now())
            .expect("first change writes the file");
        let edits = vec![
            ("c1".to_owned(), Edit::Status(Status::False)),
            ("c1".to_owned(), Edit::Note("bob's note".into())),
        ];
        let applied = store.apply_taken(&edits, "bob");
        assert!(applied.saved.is_ok());
        let said: Vec<Option<String>> = applied
            .changes
            .iter()
            .map(|c| c.as_ref().and_then(Change::adjudication))
            .collect();
        assert_eq!(
            said,
            [
                Some("adjudicated: took bob's status".to_owned()),
                Some("adjudicated: took bob's note".to_owned())
            ]
        );
        let expected = store.set().clone();
        store.crash();
        // The journal replays the record as an adjudication.
        let store = open(&path);
        assert_eq!(store.report().recovered, 1);
        assert_eq!(store.set().history, expected.history);
        store.close().expect("close");
        let text = std::fs::read_to_string(&path).expect("file");
        assert!(text.contains("took_from: Some(\"bob\")"), "{text}");
        assert!(
            text.contains(&format!("format: {ANNOTATION_FORMAT}")),
            "{text}"
        );
    }
}
