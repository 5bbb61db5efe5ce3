//! Noticing that the annotation file changed under us (a `git pull`, a
//! copy from a colleague, an editor): cheaply by its metadata, surely by its
//! content when the metadata cannot tell.

use std::fs::Metadata;
use std::io::{self, Read};
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::model::safe_fs;

/// How close to a write a modification time is "racy": a second write in
/// the same timestamp tick would leave the metadata unchanged, so within
/// this window the content decides.
const RACY: Duration = Duration::from_secs(2);

/// What we know of the annotation file as we last read or wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    meta: MetaKey,
    hash: blake3::Hash,
}

/// The metadata that changes when a file is replaced or rewritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MetaKey {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: Option<SystemTime>,
    ctime: (i64, i64),
}

impl MetaKey {
    #[cfg(unix)]
    fn of(m: &Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            mtime: m.modified().ok(),
            ctime: (m.ctime(), m.ctime_nsec()),
        }
    }
    #[cfg(not(unix))]
    fn of(m: &Metadata) -> Self {
        Self {
            dev: 0,
            ino: 0,
            len: m.len(),
            mtime: m.modified().ok(),
            ctime: (0, 0),
        }
    }

    /// Modified so recently that another write could follow unseen.
    fn racy(&self) -> bool {
        self.mtime.is_none_or(|t| {
            SystemTime::now()
                .duration_since(t)
                .map_or(true, |age| age < RACY)
        })
    }
}

impl Stamp {
    /// The stamp was taken of these very bytes.
    pub fn is_of(&self, bytes: &[u8]) -> bool {
        self.hash == blake3::hash(bytes)
    }

    /// The stamp of bytes just read from (or written to) a file with `meta`.
    pub fn new(meta: &Metadata, bytes: &[u8]) -> Self {
        Self {
            meta: MetaKey::of(meta),
            hash: blake3::hash(bytes),
        }
    }

    /// The stamp of a file with `meta` whose bytes are known, without
    /// reading them, to hash to `hash` (the dataset cache's digest).
    pub fn known(meta: &Metadata, hash: blake3::Hash) -> Self {
        Self {
            meta: MetaKey::of(meta),
            hash,
        }
    }
}

/// What is at the annotation file's path now, compared with a stamp.
pub(crate) enum Look {
    /// Same file, same content.
    Same,
    /// Metadata changed but the bytes did not (`touch`, a checkout of the
    /// same content): the new stamp to remember.
    Touched(Stamp),
    /// Different content, read once: the bytes and their stamp.
    Changed(Vec<u8>, Stamp),
    /// Nothing there any more (deleted, or moved away).
    Gone,
}

/// What one `stat` tells of the file at `path`, compared with `known`.
pub(crate) enum Glance {
    /// That settles it: [`Look::Same`] or [`Look::Gone`].
    Settled(Look),
    /// Its content must be read to tell ([`look`]); it is `len` bytes.
    Read { len: u64 },
}

/// Compares the file at `path` with `known` by its metadata alone: settled
/// unless the metadata changed or is too recent to trust.
pub(crate) fn glance(path: &Path, known: Option<&Stamp>) -> io::Result<Glance> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Glance::Settled(match known {
                Some(_) => Look::Gone,
                None => Look::Same,
            }));
        }
        Err(e) => return Err(e),
    };
    if let Some(k) = known
        && k.meta == MetaKey::of(&meta)
        && !k.meta.racy()
    {
        return Ok(Glance::Settled(Look::Same));
    }
    Ok(Glance::Read { len: meta.len() })
}

/// Compares the file at `path` with `known`. Costs one `stat` unless the
/// metadata changed or is too recent to trust.
pub(crate) fn look(path: &Path, known: Option<&Stamp>, limit: u64) -> io::Result<Look> {
    if let Glance::Settled(look) = glance(path, known)? {
        return Ok(look);
    }
    let (bytes, meta) = read(path, limit)?;
    let stamp = Stamp::new(&meta, &bytes);
    Ok(match known {
        Some(k) if k.hash == stamp.hash => match k.meta == stamp.meta {
            true => Look::Same,
            false => Look::Touched(stamp),
        },
        _ => Look::Changed(bytes, stamp),
    })
}

/// Reads a regular file whole (never blocking on a FIFO), with the metadata
/// of the very file read.
pub(crate) fn read(path: &Path, limit: u64) -> io::Result<(Vec<u8>, Metadata)> {
    let file = safe_fs::open_regular(path)?;
    let meta = file.metadata()?;
    if meta.len() > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("{} bytes is too large", meta.len()),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes, meta))
}

/// The stamp of a file we just wrote with `bytes`.
pub(crate) fn stamp_written(path: &Path, bytes: &[u8]) -> Option<Stamp> {
    std::fs::metadata(path).ok().map(|m| Stamp::new(&m, bytes))
}
