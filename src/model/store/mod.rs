//! The annotation store: an analyst's work, saved so that it survives a
//! crash, `kill -9`, a full disk, a read-only directory and a second instance.
//!
//! # Files
//!
//! - `<dataset-id>.annotations.ron`, the *snapshot*: the whole
//!   [`AnnotationSet`] as RON, one line per claim and per history entry, so
//!   that it diffs one line per change and can be shared through git.
//! - `….journal`: changes made since the snapshot was written, one record per
//!   line, each fsynced before [`AnnotationStore::apply`] returns.
//! - `….lock`: an advisory lock held by the one writing instance.
//!
//! # Why a journal
//!
//! Measured with `cargo bench --bench annotation_store` (release build, ext4
//! on a virtio disk, 2 shared cores under load): 100,000 annotated claims,
//! each with a status and a note, make a 54 MB file with 200,000 history
//! entries. Rewriting it atomically (temp file, fsync, rename, fsync the
//! directory) takes 1.0-1.2 s: far over the 10 ms a key press may take.
//! Appending one ~110-byte record to a journal and `fdatasync`ing it costs
//! the same at any size: p50 4.0 ms, p99 7.9-8.0 ms over 1,000 changes,
//! which is the disk's own cost (a bare append + `fdatasync` of a line:
//! p50 4.0 ms, p99 6.4-8.1 ms).
//!
//! The snapshot is rewritten (*compacted*) on open when a journal is left
//! over, on [`AnnotationStore::close`] (and, best effort, on drop), and when
//! the journal outgrows a quarter of the snapshot (at least 1 MiB). Replay
//! costs about 5-9 µs a record, so a journal at that limit (~13 MB, ~120,000
//! records at 100,000 annotations) replays in about as long as the snapshot
//! takes to parse (0.8-1.1 s), and the rewrite's cost is spread over that
//! many changes. Until then the journal is only appended to.
//!
//! Each record carries `seq`, the index its change takes in the history, so
//! replaying a journal that a compaction had already folded in (a crash
//! between the rename and the truncation) does nothing.
//!
//! # Someone else's changes
//!
//! The file may be replaced while open (`git pull`). Before every rewrite,
//! and whenever the app polls ([`AnnotationStore::poll_outside`]), the store
//! compares the file with what it last read or wrote and merges instead of
//! overwriting (see `outside.rs`); a journal left by a crash is replayed onto
//! a file that changed under it (see `replay.rs`).

mod batch;
mod damaged;
pub(crate) mod disk;
mod error;
mod format;
mod journal;
mod lock;
mod outside;
mod paths;
mod replace;
mod replay;
mod rescue;
mod takeover;

use std::path::{Path, PathBuf};

use jiff::Timestamp;

pub use batch::{Applied, ReattachRefused};
pub use damaged::{Damaged, MoveAsideError};
pub use error::{Damage, DamagedFile, IoFailure, ReadOnly, StoreError};
pub use format::to_ron;
pub use paths::{FILE_SUFFIX, default_path};
pub use rescue::{
    DECLINED as RESCUE_DECLINED, MERGED as RESCUE_MERGED, RescueError, Rescues, rescue_dirs,
};

use crate::model::annotation::{Annotation, AnnotationSet, Change, Edit};
use disk::Stamp;
use format::{ReadError, Record};
use journal::{AppendError, Journal};
use lock::{LockError, StoreLock};
use paths::Files;
use replay::Replay;

/// The journal is compacted once it grows past this many bytes, or past a
/// quarter of the snapshot when that is larger.
const COMPACT_MIN_BYTES: u64 = 1 << 20;

/// Why `open` could not hand out a store.
#[derive(Debug)]
pub enum OpenError {
    /// The file exists but cannot be read as annotations. Ask the user:
    /// [`Damaged::move_aside`] or [`Damaged::open_read_only`].
    Damaged(Box<Damaged>),
    /// The file system refused to let us read a file (permission denied,
    /// not a regular file): nothing is known to be wrong with its content,
    /// so nothing is offered to be moved aside.
    Unreadable(IoFailure),
    /// The path cannot name an annotation file.
    Failed(StoreError),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Damaged(d) => d.damage().fmt(f),
            Self::Unreadable(e) => {
                write!(f, "{e} (unreadable, not damaged: check its permissions)")
            }
            Self::Failed(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for OpenError {}

/// What opening found and did, for a message to the user.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OpenReport {
    /// Changes recovered from the journal (saved, but not yet compacted:
    /// the previous session did not close cleanly).
    pub recovered: usize,
    /// Trailing journal lines cut short by a crash and ignored. They were
    /// never acknowledged as saved.
    pub torn: usize,
    /// The annotation file had been replaced since the journal was written
    /// (e.g. by `git pull` after a crash): the journal was replayed onto it.
    pub replayed_onto: bool,
    /// Conflicts that replay created (both values kept in the file).
    pub conflicts: usize,
    /// The journal was folded into the annotation file.
    pub compacted: bool,
    /// Compaction was due but failed (the store stays writable; the
    /// journal keeps the changes).
    pub compaction_failed: Option<String>,
    /// Where damaged files were moved (see [`Damaged::move_aside`]).
    pub moved_aside: Vec<PathBuf>,
}

impl OpenReport {
    pub fn notice(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.recovered > 0 {
            parts.push(format!(
                "recovered {} change{} from an unclean exit",
                self.recovered,
                plural(self.recovered)
            ));
        }
        if self.replayed_onto {
            parts.push(
                "the annotation file had changed on disk: unsaved work was merged into it".into(),
            );
        }
        if self.conflicts > 0 {
            parts.push(format!(
                "{} conflict{} kept",
                self.conflicts,
                plural(self.conflicts)
            ));
        }
        if self.torn > 0 {
            parts.push(format!(
                "ignored {} incomplete journal line{}",
                self.torn,
                plural(self.torn)
            ));
        }
        if let Some(e) = &self.compaction_failed {
            parts.push(format!("could not compact: {e}"));
        }
        for p in &self.moved_aside {
            parts.push(format!("moved the damaged file to {}", p.display()));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// An open annotation file: the set in memory, every change saved before
/// `apply` returns. Writable when it holds the lock, read-only otherwise.
#[derive(Debug)]
pub struct AnnotationStore {
    files: Files,
    set: AnnotationSet,
    analyst: String,
    read_only: Option<ReadOnly>,
    _lock: Option<StoreLock>,
    journal: Journal,
    /// Journal lines applied in memory but not yet durable, oldest first.
    pending: Vec<String>,
    /// Size of the snapshot file; `None` while there is none.
    snapshot_len: Option<u64>,
    /// The snapshot's text as last read or written: the base of a merge
    /// when the file changes under us.
    base_text: Option<String>,
    /// The snapshot file as last read or written, to notice such a change.
    stamp: Option<Stamp>,
    /// What merges of outside changes brought in, not yet collected by
    /// [`AnnotationStore::poll_outside`].
    outside: Option<crate::model::annotation::merge::MergeReport>,
    /// Journal length at which to compact next.
    compact_at: u64,
    /// [`COMPACT_MIN_BYTES`], lowered by tests.
    compact_min: u64,
    report: OpenReport,
    closed: bool,
}

/// The set as the files say, and what replaying the journal did.
struct State {
    set: AnnotationSet,
    /// The snapshot's text and stamp; `None` while there is none.
    base: Option<(String, Stamp)>,
    replay: Replay,
    torn: usize,
    good_len: u64,
    journal_bytes: u64,
}

/// A damaged file, with what could be read (the snapshot and the good
/// journal records before the damage) when only the journal is damaged.
type Broken = Box<(Damage, Option<(AnnotationSet, Option<u64>)>)>;

enum ReadFailure {
    Broken(Broken),
    Unreadable(IoFailure),
}

fn read_state(files: &Files, dataset: Option<&str>) -> Result<State, ReadFailure> {
    let blank = || AnnotationSet::new(dataset.unwrap_or_default());
    let (mut set, base) = match format::read_snapshot(&files.snapshot, dataset) {
        Ok(Some(s)) => (s.set, Some((s.text, s.stamp))),
        Ok(None) => (blank(), None),
        Err(ReadError::Damage(d)) => return Err(ReadFailure::Broken(Box::new((d, None)))),
        Err(ReadError::Unreadable(e)) => return Err(ReadFailure::Unreadable(e)),
    };
    let bytes = match disk::read(&files.journal, crate::model::load::MAX_FILE_BYTES) {
        Ok((b, _)) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(ReadFailure::Unreadable(IoFailure::new(
                "read",
                &files.journal,
                e,
            )));
        }
    };
    let parsed = replay::parse(&bytes, &files.journal);
    let replay = match replay::apply_strict(&mut set, &parsed.records) {
        Ok(r) => r,
        Err(replay::Mismatch) => {
            // The file changed under the journal: start again from it.
            set = match &base {
                Some((text, _)) => {
                    format::parse_bytes(&files.snapshot, text.clone().into_bytes(), dataset)
                        .map_err(|d| ReadFailure::Broken(Box::new((d, None))))?
                        .0
                }
                None => blank(),
            };
            replay::apply_onto(&mut set, &parsed.records)
        }
    };
    let snapshot_len = base.as_ref().map(|(t, _)| t.len() as u64);
    if let Some(d) = parsed.damage {
        return Err(ReadFailure::Broken(Box::new((
            d,
            Some((set, snapshot_len)),
        ))));
    }
    Ok(State {
        set,
        base,
        replay,
        torn: parsed.torn,
        good_len: parsed.good_len,
        journal_bytes: bytes.len() as u64,
    })
}

/// Reads annotations for an export: snapshot plus journal, without locking
/// or writing anything. A torn journal tail is ignored.
pub fn read_annotations(path: &Path) -> Result<AnnotationSet, StoreError> {
    let files = Files::new(path)?;
    let state = read_state(&files, None).map_err(|f| match f {
        ReadFailure::Broken(b) => StoreError::Damaged(b.0),
        ReadFailure::Unreadable(e) => StoreError::Io(e),
    })?;
    match (&state.base, state.journal_bytes) {
        (Some(_), _) => Ok(state.set),
        (None, 0) => Err(StoreError::NotFound(files.snapshot)),
        // The store writes the snapshot before any journal record.
        (None, _) => Err(StoreError::Damaged(Damage {
            path: files.journal,
            file: DamagedFile::Journal,
            at: None,
            message: "journal without its annotation file".to_owned(),
        })),
    }
}

/// Creates the directory (and makes its creation durable), then takes the lock.
fn take_lock(files: &Files) -> (Option<StoreLock>, Option<ReadOnly>) {
    if !files.dir.is_dir() {
        let created = std::fs::create_dir_all(&files.dir)
            .map_err(IoFailure::at("create", &files.dir))
            .and_then(|()| match files.dir.parent() {
                Some(p) if !p.as_os_str().is_empty() => {
                    paths::sync_dir(p).map_err(IoFailure::at("sync", p))
                }
                _ => Ok(()),
            });
        if let Err(e) = created {
            return (None, Some(ReadOnly::CannotLock(e.to_string())));
        }
    }
    match StoreLock::acquire(&files.lock) {
        Ok(lock) => (Some(lock), None),
        Err(LockError::Held { pid }) => (None, Some(ReadOnly::Locked { pid })),
        Err(LockError::Io(e)) => (None, Some(ReadOnly::CannotLock(e.to_string()))),
    }
}

/// Now, to the millisecond: finer digits only lengthen the file.
fn now() -> Timestamp {
    let t = Timestamp::now();
    Timestamp::from_millisecond(t.as_millisecond()).unwrap_or(t)
}

impl AnnotationStore {
    /// Opens the annotation file at `path` (created on the first change) for
    /// dataset `dataset`, recording changes as `analyst`.
    ///
    /// Never overwrites a file it cannot read: that comes back as
    /// [`OpenError::Damaged`] for the user to decide. When another process
    /// holds the lock, or none can be taken, the store opens read-only and
    /// [`AnnotationStore::read_only`] says why.
    pub fn open(path: &Path, dataset: &str, analyst: &str) -> Result<Self, OpenError> {
        let files = Files::new(path).map_err(OpenError::Failed)?;
        let (lock, read_only) = take_lock(&files);
        // The instance holding the lock may be compacting while we read:
        // the snapshot and journal can then disagree for a moment.
        let attempts = match read_only {
            Some(ReadOnly::Locked { .. }) => 3,
            _ => 1,
        };
        let mut state = read_state(&files, Some(dataset));
        for _ in 1..attempts {
            if !matches!(state, Err(ReadFailure::Broken(_))) {
                break;
            }
            state = read_state(&files, Some(dataset));
        }
        let state = match state {
            Ok(s) => s,
            Err(ReadFailure::Unreadable(e)) => return Err(OpenError::Unreadable(e)),
            Err(ReadFailure::Broken(broken)) => {
                let (damage, kept) = *broken;
                return Err(OpenError::Damaged(Box::new(Damaged::new(
                    files, damage, kept, lock, read_only, dataset, analyst,
                ))));
            }
        };
        let snapshot_len = state.base.as_ref().map(|(t, _)| t.len() as u64);
        let mut store = Self::with_state(
            files,
            state.set,
            snapshot_len,
            state.good_len,
            lock,
            read_only,
            analyst,
        );
        if let Some((text, stamp)) = state.base {
            store.base_text = Some(text);
            store.stamp = Some(stamp);
        }
        store.report.recovered = state.replay.applied;
        store.report.torn = state.torn;
        store.report.replayed_onto = state.replay.onto;
        store.report.conflicts = state.replay.conflicts;
        if store.read_only.is_some() {
            return Ok(store);
        }
        // Left by a crash during a compaction; never read.
        paths::remove_stale_temps(&store.files);
        if state.journal_bytes > 0 {
            // A journal that adds nothing (all torn, or folded in by a compaction
            // interrupted before emptying it) needs no rewrite, only removing.
            let folded = match state.replay.applied {
                0 => store.journal.clear(false),
                _ => store.compact_now(false),
            };
            match folded {
                Ok(()) => store.report.compacted = true,
                Err(e) => store.report.compaction_failed = Some(e.to_string()),
            }
        }
        Ok(store)
    }

    /// [`AnnotationStore::open`] at the default location of the dataset.
    pub fn open_default(dataset: &str, analyst: &str) -> Result<Self, OpenError> {
        let path = default_path(dataset).map_err(OpenError::Failed)?;
        Self::open(&path, dataset, analyst)
    }

    fn with_state(
        files: Files,
        set: AnnotationSet,
        snapshot_len: Option<u64>,
        journal_len: u64,
        lock: Option<StoreLock>,
        read_only: Option<ReadOnly>,
        analyst: &str,
    ) -> Self {
        let journal = Journal::new(files.journal.clone(), files.dir.clone(), journal_len);
        let mut store = Self {
            files,
            set,
            analyst: analyst.to_owned(),
            read_only,
            _lock: lock,
            journal,
            pending: Vec::new(),
            snapshot_len,
            base_text: None,
            stamp: None,
            outside: None,
            compact_at: 0,
            compact_min: COMPACT_MIN_BYTES,
            report: OpenReport::default(),
            closed: false,
        };
        store.schedule_compaction();
        store
    }

    pub fn set(&self) -> &AnnotationSet {
        &self.set
    }

    /// The annotation file (symlinks resolved).
    pub fn path(&self) -> &Path {
        &self.files.snapshot
    }

    pub fn analyst(&self) -> &str {
        &self.analyst
    }

    /// Why the store is read-only, or `None` when changes are saved.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    pub fn report(&self) -> &OpenReport {
        &self.report
    }

    /// Changes made in memory that are not on disk yet.
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// True when the journal has grown enough to be worth folding in; the
    /// next `apply` will do it. An app may call `compact` earlier, when idle.
    pub fn compaction_due(&self) -> bool {
        self.read_only.is_none() && self.journal.len() >= self.compact_at
    }

    /// The edit that undoes `edit` on `claim`, to be taken *before* applying
    /// it; undoing is then just another `apply`.
    pub fn inverse_of(&self, claim: &str, edit: &Edit) -> Edit {
        let blank = Annotation::default();
        edit.inverse_for(self.set.get(claim).unwrap_or(&blank))
    }

    /// Applies an edit now as the store's analyst; see [`AnnotationStore::apply_at`].
    pub fn apply(&mut self, claim: &str, edit: &Edit) -> Result<Option<Change>, StoreError> {
        self.apply_at(claim, edit, now())
    }

    /// Applies an edit, records it in the history and saves it durably
    /// before returning the change (`None`: the value was already set).
    ///
    /// On a write failure the change stays applied in memory and queued,
    /// and the error ([`StoreError::NotSaved`]) carries it; a read-only store
    /// refuses the edit ([`StoreError::ReadOnly`]) and changes nothing.
    pub fn apply_at(
        &mut self,
        claim: &str,
        edit: &Edit,
        at: Timestamp,
    ) -> Result<Option<Change>, StoreError> {
        if let Some(ro) = &self.read_only {
            return Err(StoreError::ReadOnly(ro.clone()));
        }
        let line = Record {
            seq: self.set.history.len() as u64,
            claim: claim.to_owned(),
            edit: edit.clone(),
            analyst: self.analyst.clone(),
            at,
            more: Vec::new(),
            resolve: false,
            took: None,
        }
        .line()?;
        let Some(change) = self.set.apply(claim, edit, &self.analyst, at) else {
            return Ok(None);
        };
        self.pending.push(line);
        match self.flush_pending() {
            Ok(()) => Ok(Some(change)),
            Err(cause) => Err(StoreError::NotSaved {
                change: Some(Box::new(change)),
                pending: self.pending.len(),
                cause,
            }),
        }
    }

    /// Tries again to save the pending changes: the journal first, then a
    /// full rewrite (which may succeed where the journal cannot be written).
    /// Returns how many were saved.
    pub fn retry_pending(&mut self) -> Result<usize, StoreError> {
        let n = self.pending.len();
        if n == 0 {
            return Ok(0);
        }
        match self.flush_pending() {
            Ok(()) => Ok(n),
            Err(cause) => match self.compact_now(false) {
                Ok(()) => Ok(n),
                Err(_) => Err(StoreError::NotSaved {
                    change: None,
                    pending: self.pending.len(),
                    cause,
                }),
            },
        }
    }

    /// Rewrites the annotation file with everything in memory and empties
    /// the journal.
    pub fn compact(&mut self) -> Result<(), StoreError> {
        if let Some(ro) = &self.read_only {
            return Err(StoreError::ReadOnly(ro.clone()));
        }
        Ok(self.compact_now(false)?)
    }

    /// Saves everything and releases the lock. With changes that still
    /// cannot be saved, says how many were lost with this store.
    pub fn close(mut self) -> Result<(), StoreError> {
        self.shutdown()
    }

    fn flush_pending(&mut self) -> Result<(), IoFailure> {
        if self.pending.is_empty() {
            return Ok(());
        }
        // The journal only ever extends a snapshot: the first change writes one.
        if self.snapshot_len.is_none() {
            return self.compact_now(false);
        }
        let bytes = self.pending.concat();
        match self.journal.append(bytes.as_bytes()) {
            Ok(()) => {
                self.pending.clear();
                if self.compaction_due() {
                    // The changes are already durable; a failure only delays compaction.
                    let _ = self.compact_now(false);
                    self.schedule_compaction();
                }
                Ok(())
            }
            Err(AppendError::Lost) => self.compact_now(false),
            Err(AppendError::Io(e)) => Err(e),
        }
    }

    fn schedule_compaction(&mut self) {
        let quarter = self.snapshot_len.unwrap_or(0) / 4;
        self.compact_at = self.journal.len() + quarter.max(self.compact_min);
    }

    fn compact_now(&mut self, remove_journal: bool) -> Result<(), IoFailure> {
        // Never overwrite what somebody else put there: merge it in first.
        self.absorb_outside()?;
        let text = to_ron(&self.set).map_err(|e| {
            IoFailure::new(
                "encode",
                &self.files.snapshot,
                std::io::Error::other(e.to_string()),
            )
        })?;
        replace::replace_snapshot(&self.files, text.as_bytes())?;
        self.snapshot_len = Some(text.len() as u64);
        self.stamp = disk::stamp_written(&self.files.snapshot, text.as_bytes());
        self.base_text = Some(text);
        self.pending.clear();
        // Stale records left by a failure here are skipped on replay (by seq).
        let _ = self.journal.clear(remove_journal);
        self.schedule_compaction();
        Ok(())
    }

    fn shutdown(&mut self) -> Result<(), StoreError> {
        if std::mem::replace(&mut self.closed, true) || self.read_only.is_some() {
            return Ok(());
        }
        if self.pending.is_empty() && self.journal.len() == 0 {
            // Nothing to fold in; just tidy away an emptied journal file.
            let _ = self.journal.clear(true);
            return Ok(());
        }
        let cause = match self.compact_now(true) {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        // Everything already in the journal is safe: the next open folds it in.
        if self.flush_pending().is_ok() {
            return Ok(());
        }
        Err(StoreError::NotSaved {
            change: None,
            pending: self.pending.len(),
            cause,
        })
    }

    /// Drops the store as a crash would: no final save.
    #[cfg(test)]
    fn crash(mut self) {
        self.closed = true;
    }
}

impl Drop for AnnotationStore {
    /// Best effort: `close` is the way to learn whether it worked.
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

#[cfg(test)]
mod outside_tests;
#[cfg(test)]
mod rescue_tests;
#[cfg(test)]
mod tests;
