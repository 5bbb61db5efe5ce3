//! A damaged annotation file, waiting for the user's decision: move it aside
//! and start clean, or look at what can be read without writing anything.

use std::fmt;

use jiff::Timestamp;

use super::error::{Damage, DamagedFile, IoFailure, ReadOnly, StoreError};
use super::lock::StoreLock;
use super::paths::{Files, aside_path, sync_dir};
use super::{AnnotationStore, OpenReport};
use crate::model::annotation::AnnotationSet;

#[derive(Debug)]
pub struct Damaged {
    files: Files,
    damage: Damage,
    /// The snapshot, when only the journal is damaged.
    kept: Option<(AnnotationSet, Option<u64>)>,
    lock: Option<StoreLock>,
    /// Why we could not take the lock, if we could not.
    read_only: Option<ReadOnly>,
    dataset: String,
    analyst: String,
}

/// `move_aside` failed; the damaged store is handed back so that the user
/// can still choose to open it read-only.
#[derive(Debug)]
pub struct MoveAsideError {
    pub damaged: Box<Damaged>,
    pub error: StoreError,
}

impl fmt::Display for MoveAsideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot move the damaged file aside: {}", self.error)
    }
}

impl std::error::Error for MoveAsideError {}

impl Damaged {
    pub(crate) fn new(
        files: Files,
        damage: Damage,
        kept: Option<(AnnotationSet, Option<u64>)>,
        lock: Option<StoreLock>,
        read_only: Option<ReadOnly>,
        dataset: &str,
        analyst: &str,
    ) -> Self {
        Self {
            files,
            damage,
            kept,
            lock,
            read_only,
            dataset: dataset.to_owned(),
            analyst: analyst.to_owned(),
        }
    }

    /// What is wrong, with `path:line:col` where the parser stopped.
    pub fn damage(&self) -> &Damage {
        &self.damage
    }

    /// False when another instance holds the file: only read-only is possible.
    pub fn can_move_aside(&self) -> bool {
        self.lock.is_some()
    }

    /// Renames the damaged file to `<file>.corrupt-YYYYMMDDTHHMMSSZ` and
    /// opens a writable store without it. A damaged snapshot takes its
    /// journal along (the journal only makes sense on top of it); a damaged
    /// journal goes alone and the snapshot is kept. The new names are in
    /// [`OpenReport::moved_aside`].
    pub fn move_aside(mut self) -> Result<AnnotationStore, MoveAsideError> {
        if self.lock.is_none() {
            let why = self
                .read_only
                .clone()
                .unwrap_or(ReadOnly::Locked { pid: None });
            return Err(MoveAsideError {
                error: StoreError::ReadOnly(why),
                damaged: Box::new(self),
            });
        }
        let now = Timestamp::now();
        let victims = match self.damage.file {
            DamagedFile::Snapshot => vec![self.files.snapshot.clone(), self.files.journal.clone()],
            DamagedFile::Journal => vec![self.files.journal.clone()],
        };
        if matches!(self.damage.file, DamagedFile::Snapshot)
            && let Err(e) = looks_like_annotations(&self.files.snapshot)
        {
            return Err(MoveAsideError {
                error: StoreError::Io(IoFailure::new("move aside", &self.files.snapshot, e)),
                damaged: Box::new(self),
            });
        }
        let mut moved = Vec::new();
        for from in victims {
            if std::fs::symlink_metadata(&from).is_err() {
                continue;
            }
            let to = aside_path(&from, now);
            if let Err(e) = std::fs::rename(&from, &to) {
                return Err(MoveAsideError {
                    error: StoreError::Io(IoFailure::new("move aside", &from, e)),
                    damaged: Box::new(self),
                });
            }
            moved.push(to);
        }
        if let Err(e) = sync_dir(&self.files.dir) {
            return Err(MoveAsideError {
                error: StoreError::Io(IoFailure::new("sync", &self.files.dir, e)),
                damaged: Box::new(self),
            });
        }
        let (set, snapshot_len) = match self.damage.file {
            DamagedFile::Journal => self.kept.take(),
            DamagedFile::Snapshot => None,
        }
        .unwrap_or_else(|| (AnnotationSet::new(&self.dataset), None));
        let mut store = AnnotationStore::with_state(
            self.files.clone(),
            set,
            snapshot_len,
            0,
            self.lock.take(),
            None,
            &self.analyst,
        );
        store.report = OpenReport {
            moved_aside: moved,
            ..OpenReport::default()
        };
        // The good records before the damage are in memory only: save them.
        if self.damage.file == DamagedFile::Journal
            && let Err(e) = store.compact_now(false)
        {
            store.report.compaction_failed = Some(e.to_string());
        }
        Ok(store)
    }

    /// A store that writes nothing: the readable snapshot when only the
    /// journal is damaged, otherwise empty. Every `apply` is refused.
    pub fn open_read_only(mut self) -> AnnotationStore {
        let (set, len) = self
            .kept
            .take()
            .unwrap_or_else(|| (AnnotationSet::new(&self.dataset), None));
        // Another instance may want to repair the file: let it have the lock.
        drop(self.lock.take());
        AnnotationStore::with_state(
            self.files.clone(),
            set,
            len,
            0,
            None,
            Some(ReadOnly::Damaged(self.damage.clone())),
            &self.analyst,
        )
    }
}

/// Refuses a file that is not an annotation file, judged by its first bytes
/// (after a BOM, blanks and comments): `AnnotationSet(`, a RON struct, a git
/// conflict marker, or nothing. A dataset or a document named by mistake is
/// never renamed.
fn looks_like_annotations(path: &std::path::Path) -> std::io::Result<()> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    crate::model::safe_fs::open_regular(path)?
        .take(4096)
        .read_to_end(&mut head)?;
    let text = String::from_utf8_lossy(&head);
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let ok = rest.is_empty()
        || rest.starts_with("AnnotationSet")
        || rest.starts_with('(')
        || rest.starts_with("<<<<<<<");
    if ok {
        Ok(())
    } else {
        Err(std::io::Error::other(
            "not an annotation file (it does not start with AnnotationSet); left where it is",
        ))
    }
}
