//! The cache file's layout, and reading and writing it.
//!
//! Layout (integers little-endian):
//! `MAGIC | schema u32 | key [64] | stat [56] | section count u32 | per
//! section: kind u8, length u64, blake3 [32] | seal [32] | sections`.
//! The key is the content's blake3 digest and a hash binding it to this
//! build (`key.rs`); the stat data lets a re-open skip hashing the content.
//!
//! The seal is a hash of everything before it: key, stat and the table, which
//! holds every section's checksum. So one checksum covers the key and all
//! sections together: a header copied from another cache, or a section
//! spliced in from one, breaks it. Sections are still checked one by one
//! against the table, so that they can be checked and decoded in parallel.
//!
//! The seal guards against mix-ups, not against someone who can write the
//! cache directory (they could recompute it): decoding and the checks in
//! `check.rs` must therefore hold for any bytes at all.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;

use super::CACHE_SCHEMA;
use super::codec::{Enc, enc_actor, enc_article, enc_claim, enc_event, enc_head};
use super::key::{KEY_LEN, Key, STAT_LEN, Stat, mtime_ns};
use crate::model::dataset::{Dataset, Short};
use crate::model::index::{ActorIx, ArticleIx, ClaimIx, EventIx};
use crate::model::load::Loaded;
use crate::model::safe_fs;

pub(super) const MAGIC: &[u8; 8] = b"CLMTRKC\0";
/// Magic, schema, key, stat, section count.
pub(super) const HEADER_LEN: usize = 8 + 4 + KEY_LEN + STAT_LEN + 4;
/// Kind, length, checksum.
pub(super) const ENTRY_LEN: usize = 1 + 8 + 32;
/// The seal after the table.
pub(super) const SEAL_LEN: usize = 32;
/// More sections than this is no cache we wrote.
const MAX_SECTIONS: usize = 1 << 16;
/// Temporary files older than this belong to no live writer.
const ABANDONED_AFTER_SECS: u64 = 3600;

/// Claims per dataset chunk, the unit of parallel decoding: a few megabytes,
/// so that the work spreads evenly over the threads. Articles, being about
/// eight times larger, go in chunks of an eighth of that.
#[cfg(not(test))]
pub(super) const CHUNK: usize = 8 * 1024;
/// Small in tests, so that small datasets have several chunks.
#[cfg(test)]
pub(super) const CHUNK: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Head,
    Articles,
    Actors,
    Claims,
    Events,
    /// The index without its id maps.
    Index,
    /// `claim_by_id`, the largest map, on its own so it decodes in parallel.
    ClaimIds,
    /// `article_by_id`, `actor_by_id`, `event_by_id`.
    OtherIds,
    Warnings,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::Head,
        Kind::Articles,
        Kind::Actors,
        Kind::Claims,
        Kind::Events,
        Kind::Index,
        Kind::ClaimIds,
        Kind::OtherIds,
        Kind::Warnings,
    ];

    pub(super) fn code(self) -> u8 {
        match self {
            Kind::Head => 1,
            Kind::Articles => 2,
            Kind::Actors => 3,
            Kind::Claims => 4,
            Kind::Events => 5,
            Kind::Index => 6,
            Kind::ClaimIds => 8,
            Kind::OtherIds => 9,
            Kind::Warnings => 7,
        }
    }

    fn from_code(c: u8) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == c)
    }
}

/// The sections of a cache for `ds`, in file order: lists in chunks.
fn plan(ds: &Dataset) -> Vec<(Kind, Range<usize>)> {
    let mut out = vec![(Kind::Head, 0..0)];
    for (kind, len, chunk) in [
        (Kind::Articles, ds.articles.len(), CHUNK / 8),
        (Kind::Actors, ds.actors.len(), CHUNK),
        (Kind::Claims, ds.claims.len(), CHUNK),
        (Kind::Events, ds.events.len(), CHUNK),
    ] {
        let mut start = 0;
        while start < len {
            let end = (start + chunk).min(len);
            out.push((kind, start..end));
            start = end;
        }
    }
    out.push((Kind::Index, 0..0));
    out.push((Kind::ClaimIds, 0..0));
    out.push((Kind::OtherIds, 0..0));
    out.push((Kind::Warnings, 0..0));
    out
}

pub(super) struct Entry {
    pub kind: Kind,
    /// Byte range in the file.
    pub range: Range<usize>,
    pub sum: [u8; 32],
}

/// An open cache file whose header, table and seal check out.
pub(super) struct Table {
    pub file: File,
    pub key: Key,
    /// The dataset's stat data when the cache was written, if known.
    pub stat: Option<Stat>,
    /// When the cache was written: its mtime, in ns.
    pub written: Option<i128>,
    pub entries: Vec<Entry>,
}

impl Table {
    /// The file's size.
    pub fn len(&self) -> usize {
        self.entries.last().map_or(0, |e| e.range.end)
    }
}

/// The seal over the header and the table.
fn seal(header_and_table: &[u8]) -> [u8; 32] {
    let mut h = blake3::Hasher::new_derive_key("claimtrack cache seal, schema 6");
    h.update(header_and_table);
    *h.finalize().as_bytes()
}

/// Why a cache file's table was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoTable {
    /// There is no cache file: the first open of this dataset.
    Absent,
    /// A cache of another schema (an older or newer build): expected.
    Stale,
    /// Something is there that is no cache we finished writing.
    Damaged,
}

/// Opens a cache file and reads its table; an error unless the magic and
/// schema are ours, the seal matches and the sections fill the file exactly.
/// A FIFO or device in its place is refused without blocking.
pub(super) fn read_table(path: &Path) -> Result<Table, NoTable> {
    let mut file = match safe_fs::open_regular(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(NoTable::Absent),
        Err(_) => return Err(NoTable::Damaged),
    };
    read_table_of(&mut file).map(|(key, stat, entries)| Table {
        written: mtime_ns(&file),
        file,
        key,
        stat,
        entries,
    })
}

fn read_table_of(file: &mut File) -> Result<(Key, Option<Stat>, Vec<Entry>), NoTable> {
    let damaged = NoTable::Damaged;
    let size = file.metadata().map_err(|_| damaged)?.len();
    let mut head = [0u8; HEADER_LEN];
    file.read_exact(&mut head).map_err(|_| damaged)?;
    let (magic, rest) = head.split_at(8);
    let (schema, rest) = rest.split_at(4);
    let (key, rest) = rest.split_at(KEY_LEN);
    let (stat, count) = rest.split_at(STAT_LEN);
    if magic != MAGIC {
        return Err(damaged);
    }
    if schema != CACHE_SCHEMA.to_le_bytes() {
        return Err(NoTable::Stale);
    }
    let count = u32::from_le_bytes(count.try_into().map_err(|_| damaged)?);
    let count = usize::try_from(count).map_err(|_| damaged)?;
    if count == 0 || count > MAX_SECTIONS {
        return Err(damaged);
    }
    let table_len = count * ENTRY_LEN;
    let mut all = head.to_vec();
    all.resize(HEADER_LEN + table_len + SEAL_LEN, 0);
    let rest = all.get_mut(HEADER_LEN..).ok_or(damaged)?;
    file.read_exact(rest).map_err(|_| damaged)?;
    let (covered, stored) = all.split_at(HEADER_LEN + table_len);
    if seal(covered) != stored {
        return Err(damaged);
    }
    let mut offset = covered.len() + SEAL_LEN;
    let mut entries = Vec::with_capacity(count);
    for e in covered
        .get(HEADER_LEN..)
        .ok_or(damaged)?
        .chunks_exact(ENTRY_LEN)
    {
        let entry = (|| {
            let (&kind, rest) = e.split_first()?;
            let (len, sum) = rest.split_at(8);
            let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
            let end = offset.checked_add(len)?;
            Some(Entry {
                kind: Kind::from_code(kind)?,
                range: offset..end,
                sum: sum.try_into().ok()?,
            })
        })()
        .ok_or(damaged)?;
        offset = entry.range.end;
        entries.push(entry);
    }
    // Truncated, or appended to: not a cache we finished writing.
    if size != offset as u64 {
        return Err(damaged);
    }
    let key = key.try_into().map_err(|_| damaged)?;
    Ok((key, Stat::from_bytes(stat), entries))
}

/// Reads a section into `buf`; `None` unless its checksum matches.
pub(super) fn read_section(file: &File, e: &Entry, buf: &mut Vec<u8>) -> Option<()> {
    buf.clear();
    buf.resize(e.range.len(), 0);
    read_at(file, buf, e.range.start as u64).ok()?;
    (blake3::hash(buf).as_bytes() == &e.sum).then_some(())
}

/// Reads at an offset without moving a shared cursor, so that threads can
/// read sections of one open file at once.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}
#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

/// The index's id maps, written apart from it.
pub(super) type OtherIds = (
    HashMap<Short, ArticleIx>,
    HashMap<Short, ActorIx>,
    HashMap<Short, EventIx>,
);

struct Ids {
    claims: HashMap<Short, ClaimIx>,
    others: OtherIds,
}

/// Writes the cache atomically (see [`safe_fs::write_atomic_with`]), so a
/// reader never sees half a cache.
pub(super) fn write_cache(
    path: &Path,
    key: &Key,
    stat: Option<Stat>,
    loaded: &mut Loaded,
) -> io::Result<()> {
    let dir = safe_fs::parent_dir(path);
    std::fs::create_dir_all(dir)?;
    if let Some(name) = path.file_name() {
        remove_abandoned(dir, &name.to_string_lossy());
    }
    // The id maps go in sections of their own: take them out of the index
    // while it is written, and put them back whatever happens.
    let ix = &mut loaded.index;
    let ids = Ids {
        claims: std::mem::take(&mut ix.claim_by_id),
        others: (
            std::mem::take(&mut ix.article_by_id),
            std::mem::take(&mut ix.actor_by_id),
            std::mem::take(&mut ix.event_by_id),
        ),
    };
    let stat = stat.unwrap_or_default().to_bytes();
    let result = safe_fs::write_atomic_with(path, |f| write_to(f, key, &stat, loaded, &ids));
    let ix = &mut loaded.index;
    ix.claim_by_id = ids.claims;
    (ix.article_by_id, ix.actor_by_id, ix.event_by_id) = ids.others;
    result
}

/// Removes temporary files of `name` left by a process killed while writing
/// (old enough that no live writer can still own them).
fn remove_abandoned(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !safe_fs::is_temp_of(&entry.file_name().to_string_lossy(), name) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > ABANDONED_AFTER_SECS);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Hashes and counts everything written through it, so a section's checksum
/// comes while streaming it out.
struct HashingWriter<W> {
    inner: W,
    hasher: blake3::Hasher,
    written: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or(buf));
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn write_to(
    file: &mut File,
    key: &Key,
    stat: &[u8; STAT_LEN],
    loaded: &Loaded,
    ids: &Ids,
) -> io::Result<()> {
    let ds = &loaded.dataset;
    let sections = plan(ds);
    let count = u32::try_from(sections.len()).map_err(io::Error::other)?;
    let mut head = Vec::with_capacity(HEADER_LEN + sections.len() * ENTRY_LEN);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&CACHE_SCHEMA.to_le_bytes());
    head.extend_from_slice(key);
    head.extend_from_slice(stat);
    head.extend_from_slice(&count.to_le_bytes());
    let mut out = BufWriter::with_capacity(1 << 20, &mut *file);
    out.write_all(&head)?;
    // The table needs the sections' lengths and checksums, and the seal the
    // table: leave room for both and come back once the sections are out.
    out.write_all(&vec![0u8; sections.len() * ENTRY_LEN + SEAL_LEN])?;
    for (kind, range) in sections {
        let mut w = HashingWriter {
            inner: &mut out,
            hasher: blake3::Hasher::new(),
            written: 0,
        };
        let chunk = |f: &dyn Fn(&mut Enc)| {
            let mut e = Enc::default();
            f(&mut e);
            e.finish()
        };
        match kind {
            Kind::Head => w.write_all(&chunk(&|e| enc_head(e, ds)))?,
            Kind::Articles => w.write_all(&chunk(&|e| {
                e.list(ds.articles.get(range.clone()).unwrap_or(&[]), enc_article)
            }))?,
            Kind::Actors => w.write_all(&chunk(&|e| {
                e.list(ds.actors.get(range.clone()).unwrap_or(&[]), enc_actor)
            }))?,
            Kind::Claims => w.write_all(&chunk(&|e| {
                e.list(ds.claims.get(range.clone()).unwrap_or(&[]), enc_claim)
            }))?,
            Kind::Events => w.write_all(&chunk(&|e| {
                e.list(ds.events.get(range.clone()).unwrap_or(&[]), enc_event)
            }))?,
            Kind::Index => {
                postcard::to_io(&loaded.index, &mut w).map_err(io::Error::other)?;
            }
            Kind::ClaimIds => {
                postcard::to_io(&ids.claims, &mut w).map_err(io::Error::other)?;
            }
            Kind::OtherIds => {
                postcard::to_io(&ids.others, &mut w).map_err(io::Error::other)?;
            }
            Kind::Warnings => {
                postcard::to_io(&loaded.warnings, &mut w).map_err(io::Error::other)?;
            }
        }
        head.push(kind.code());
        head.extend_from_slice(&w.written.to_le_bytes());
        head.extend_from_slice(w.hasher.finalize().as_bytes());
    }
    out.flush()?;
    drop(out);
    let sealed = seal(&head);
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&head)?;
    file.write_all(&sealed)
}

/// Test support: a section's kind and bytes.
#[cfg(test)]
pub(super) type Section = (Kind, Vec<u8>);

/// Test support: rewrites a cache from its parts with a fresh table and
/// seal, as someone who knows the format could. The checks after the seal
/// must catch whatever such a file holds.
#[cfg(test)]
pub(super) fn reseal(key: &Key, stat: Option<Stat>, sections: &[Section]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&CACHE_SCHEMA.to_le_bytes());
    out.extend_from_slice(key);
    out.extend_from_slice(&stat.unwrap_or_default().to_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    for (kind, bytes) in sections {
        out.push(kind.code());
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(blake3::hash(bytes).as_bytes());
    }
    let sealed = seal(&out);
    out.extend_from_slice(&sealed);
    for (_, bytes) in sections {
        out.extend_from_slice(bytes);
    }
    out
}

/// Test support: a cache file's key and sections, for [`reseal`].
#[cfg(test)]
pub(super) fn sections_of(path: &Path) -> Option<(Key, Option<Stat>, Vec<Section>)> {
    let table = read_table(path).ok()?;
    let mut out = Vec::new();
    for e in &table.entries {
        let mut buf = Vec::new();
        read_section(&table.file, e, &mut buf)?;
        out.push((e.kind, buf));
    }
    Some((table.key, table.stat, out))
}
