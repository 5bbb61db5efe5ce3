//! A binary cache of loaded datasets, so that reopening a large dataset skips
//! parsing and validation.
//!
//! One cache file per dataset path, in the platform cache directory. It holds
//! the whole [`Loaded`] (dataset, index, warnings) and is used only when its
//! key matches: a hash of the dataset file's bytes, the dataset format, this
//! crate's version and [`CACHE_SCHEMA`]. Anything else — a different file, an
//! older build, a truncated or corrupt cache — is ignored and the cache
//! rebuilt. Failing to write a cache is never an error: the load just goes
//! without one.
//!
//! Layout (integers little-endian):
//! `MAGIC | schema u32 | key [32] | section count u32 | per section: kind u8,
//! length u64, blake3 [32] | sections`. The index (its id maps apart) and
//! the warnings are postcard; the dataset is in chunks of a compact encoding whose strings sit
//! together after the numbers, so that each chunk's text is checked as UTF-8
//! once rather than string by string (that and serde's per-field work made a
//! postcard decode of the dataset cost a fifth of parsing the RON). Chunks
//! are checked and decoded in parallel, while the dataset file is hashed.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use super::dataset::*;
use super::diagnostic::Diagnostic;
use super::index::{ActorIx, ArticleIx, ClaimIx, EventIx, Index};
use super::load::{
    LoadError, Loaded, Progress, into_text, load_path_with_progress, parse_text,
    read_bytes_with_progress,
};

/// Bump when [`Loaded`] or anything in it changes shape, when the encoding
/// below changes, or when validation changes what it produces: old caches
/// are then ignored.
pub const CACHE_SCHEMA: u32 = 3;

const MAGIC: &[u8; 8] = b"CLMTRKC\0";
/// Magic, schema, key, section count.
const HEADER_LEN: usize = 8 + 4 + 32 + 4;
/// Kind, length, checksum.
const ENTRY_LEN: usize = 1 + 8 + 32;
/// Claims per dataset chunk, the unit of parallel decoding: a few megabytes,
/// so that the work spreads evenly over the threads. Articles, being about
/// eight times larger, go in chunks of an eighth of that.
#[cfg(not(test))]
const CHUNK: usize = 8 * 1024;
/// Small in tests, so that small datasets have several chunks.
#[cfg(test)]
const CHUNK: usize = 16;
/// Caches smaller than this are decoded on the calling thread alone.
#[cfg(not(test))]
const PARALLEL_FROM: usize = 4 << 20;
/// Tests use small caches and must exercise the threads.
#[cfg(test)]
const PARALLEL_FROM: usize = 1;
/// More sections than this is no cache we wrote.
const MAX_SECTIONS: usize = 1 << 16;

/// Set to anything but empty or `0` to disable the cache.
pub const NO_CACHE_ENV: &str = "CLAIMTRACK_NO_CACHE";

/// How a cached load went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    /// Decoded from a valid cache: no parsing, no validation.
    Hit,
    /// Parsed and validated; the cache was (re)written if possible.
    Miss,
    /// No cache directory, or disabled by `CLAIMTRACK_NO_CACHE`.
    Disabled,
}

/// The platform cache directory (`$XDG_CACHE_HOME/claimtrack` on Linux).
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "claimtrack").map(|d| d.cache_dir().to_owned())
}

/// True when `CLAIMTRACK_NO_CACHE` asks for no cache.
pub fn disabled_by_env() -> bool {
    std::env::var_os(NO_CACHE_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Loads a dataset through the cache in `cache_dir` (`None`: no cache; pass
/// [`default_cache_dir`] for the usual place). Errors are those of
/// [`crate::model::load_path`]; cache problems are never errors.
pub fn load_path_cached(
    path: &Path,
    cache_dir: Option<&Path>,
) -> Result<(Loaded, CacheOutcome), LoadError> {
    load_path_cached_with_progress(path, cache_dir, &mut |_| {})
}

/// [`load_path_cached`], reporting [`Progress`].
pub fn load_path_cached_with_progress(
    path: &Path,
    cache_dir: Option<&Path>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Loaded, CacheOutcome), LoadError> {
    match cache_dir {
        Some(dir) if !disabled_by_env() => load_with_cache(path, dir, progress),
        _ => load_path_with_progress(path, progress).map(|l| (l, CacheOutcome::Disabled)),
    }
}

/// The cache file for a dataset path: one per dataset, named by a hash of
/// its absolute path so that editing the dataset replaces, not adds, a file.
pub fn cache_file(cache_dir: &Path, dataset: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(dataset).unwrap_or_else(|_| dataset.to_owned());
    let hash = blake3::hash(abs.as_os_str().as_encoded_bytes());
    let hex = hash.to_hex();
    cache_dir.join(format!("{}.bin", &hex[..32]))
}

fn load_with_cache(
    path: &Path,
    dir: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Loaded, CacheOutcome), LoadError> {
    let file = cache_file(dir, path);
    if let Some(loaded) = try_hit(path, &file, progress) {
        progress(Progress::Done);
        return Ok((loaded, CacheOutcome::Hit));
    }
    let bytes = read_bytes_with_progress(path, progress)?;
    progress(Progress::Hashing {
        bytes: bytes.len() as u64,
    });
    let key = cache_key(&bytes);
    let loaded = parse_text(path, into_text(path, bytes)?, progress)?;
    progress(Progress::WritingCache);
    // A cache that cannot be written is no error: next time loads without it.
    let mut loaded = loaded;
    let _ = write_cache(&file, &key, &mut loaded);
    progress(Progress::Done);
    Ok((loaded, CacheOutcome::Miss))
}

/// The hasher for a cache key: the versions of the format, the program and
/// the cache layout, then the dataset bytes.
fn key_hasher() -> blake3::Hasher {
    let mut h = blake3::Hasher::new();
    h.update(b"claimtrack dataset cache\0");
    h.update(&CACHE_SCHEMA.to_le_bytes());
    h.update(&FORMAT_VERSION.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\0");
    h
}

fn cache_key(bytes: &[u8]) -> [u8; 32] {
    *key_hasher().update(bytes).finalize().as_bytes()
}

/// The key of the file at `path`, read in pieces (the text is not needed
/// on a hit, so it is never held whole).
fn file_key(path: &Path) -> Option<[u8; 32]> {
    let mut f = File::open(path).ok()?;
    let mut h = key_hasher();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                h.update(buf.get(..n)?);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(*h.finalize().as_bytes())
}

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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

    fn code(self) -> u8 {
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

/// A decoded section.
enum Part {
    Head(Head),
    Articles(Vec<Article>),
    Actors(Vec<Actor>),
    Claims(Vec<Claim>),
    Events(Vec<Event>),
    Index(Box<Index>),
    ClaimIds(HashMap<String, ClaimIx>),
    OtherIds(Box<OtherIds>),
    Warnings(Vec<Diagnostic>),
}

type OtherIds = (
    HashMap<String, ArticleIx>,
    HashMap<String, ActorIx>,
    HashMap<String, EventIx>,
);

/// The dataset's scalar fields, and its list lengths.
struct Head {
    format: u32,
    id: String,
    title: String,
    description: Option<String>,
    counts: [usize; 4],
}

struct Entry {
    kind: Kind,
    range: Range<usize>,
    sum: [u8; 32],
}

/// Uses the cache if its key matches and every section checks and decodes.
/// The dataset file is hashed while the sections decode, all in parallel.
fn try_hit(path: &Path, file: &Path, progress: &mut dyn FnMut(Progress)) -> Option<Loaded> {
    let (key, entries) = read_table(file)?;
    progress(Progress::Hashing {
        bytes: std::fs::metadata(path).ok()?.len(),
    });
    progress(Progress::ReadingCache {
        bytes: entries.last().map_or(0, |e| e.range.end as u64),
    });
    // Task 0 hashes the dataset; the others decode sections, largest first.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(entries[i].range.len()));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut parts = Vec::new();
        // One buffer per thread, reused: fresh pages cost more than reading.
        let mut buf = Vec::new();
        loop {
            let t = next.fetch_add(1, Ordering::Relaxed);
            if t > order.len() || failed.load(Ordering::Relaxed) {
                break;
            }
            let ok = match t.checked_sub(1) {
                None => file_key(path) == Some(key),
                Some(k) => {
                    let i = order[k];
                    let part = read_section(file, &entries[i], &mut buf)
                        .and_then(|()| decode(&entries[i], &buf));
                    let ok = part.is_some();
                    parts.push((i, part));
                    ok
                }
            };
            if !ok {
                failed.store(true, Ordering::Relaxed);
            }
        }
        parts
    };
    // Threads pay off only for caches of some size: starting one and waiting
    // for a busy core to run it can cost more than decoding a small cache.
    let size = entries.last().map_or(0, |e| e.range.end);
    let threads = if size < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(entries.len() + 1)
            .min(8)
    };
    let mut parts: Vec<(usize, Option<Part>)> = std::thread::scope(|s| {
        // A thread the system refuses to start just leaves more work for the
        // others (`Scope::spawn` would panic instead).
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, work).ok())
            .collect();
        let mut parts = work();
        for h in helpers {
            match h.join() {
                Ok(p) => parts.extend(p),
                Err(_) => failed.store(true, Ordering::Relaxed),
            }
        }
        parts
    });
    if failed.load(Ordering::Relaxed) || parts.len() != entries.len() {
        return None;
    }
    parts.sort_by_key(|(i, _)| *i);
    assemble(parts.into_iter().map(|(_, p)| p))
}

/// The header and section table, if the magic and schema are ours.
fn read_table(file: &Path) -> Option<([u8; 32], Vec<Entry>)> {
    let mut f = File::open(file).ok()?;
    let mut header = [0u8; HEADER_LEN];
    f.read_exact(&mut header).ok()?;
    let (magic, rest) = header.split_at(8);
    let (schema, rest) = rest.split_at(4);
    let (key, count) = rest.split_at(32);
    if magic != MAGIC || schema != CACHE_SCHEMA.to_le_bytes() {
        return None;
    }
    let count = usize::try_from(u32::from_le_bytes(count.try_into().ok()?)).ok()?;
    if count == 0 || count > MAX_SECTIONS {
        return None;
    }
    let mut table = vec![0u8; count * ENTRY_LEN];
    f.read_exact(&mut table).ok()?;
    let mut offset = HEADER_LEN + table.len();
    let mut entries = Vec::with_capacity(count);
    for e in table.chunks_exact(ENTRY_LEN) {
        let (&kind, rest) = e.split_first()?;
        let (len, sum) = rest.split_at(8);
        let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
        let end = offset.checked_add(len)?;
        entries.push(Entry {
            kind: Kind::from_code(kind)?,
            range: offset..end,
            sum: sum.try_into().ok()?,
        });
        offset = end;
    }
    // Truncated, or appended to: not a cache we finished writing.
    if f.metadata().ok()?.len() != offset as u64 {
        return None;
    }
    Some((key.try_into().ok()?, entries))
}

/// Reads a section into `buf`; `None` unless its checksum matches.
fn read_section(file: &Path, e: &Entry, buf: &mut Vec<u8>) -> Option<()> {
    let mut f = File::open(file).ok()?;
    f.seek(SeekFrom::Start(e.range.start as u64)).ok()?;
    buf.clear();
    buf.resize(e.range.len(), 0);
    f.read_exact(buf).ok()?;
    (blake3::hash(buf).as_bytes() == &e.sum).then_some(())
}

fn decode(e: &Entry, bytes: &[u8]) -> Option<Part> {
    Some(match e.kind {
        Kind::Head => Part::Head(Dec::all(bytes, dec_head)?),
        Kind::Articles => Part::Articles(Dec::all(bytes, |d| d.list(dec_article))?),
        Kind::Actors => Part::Actors(Dec::all(bytes, |d| d.list(dec_actor))?),
        Kind::Claims => Part::Claims(Dec::all(bytes, |d| d.list(dec_claim))?),
        Kind::Events => Part::Events(Dec::all(bytes, |d| d.list(dec_event))?),
        Kind::Index => Part::Index(Box::new(postcard::from_bytes(bytes).ok()?)),
        Kind::ClaimIds => Part::ClaimIds(postcard::from_bytes(bytes).ok()?),
        Kind::OtherIds => Part::OtherIds(Box::new(postcard::from_bytes(bytes).ok()?)),
        Kind::Warnings => Part::Warnings(postcard::from_bytes(bytes).ok()?),
    })
}

/// Puts the sections, in file order, back together; `None` if any is
/// missing or the result does not hang together.
fn assemble(parts: impl Iterator<Item = Option<Part>>) -> Option<Loaded> {
    fn append<T>(all: &mut Vec<T>, total: usize, mut chunk: Vec<T>) {
        if all.is_empty() {
            // The first chunk becomes the list: growing it in place copies
            // nothing when the allocator can remap.
            chunk.reserve_exact(total.saturating_sub(chunk.len()));
            *all = chunk;
        } else {
            all.append(&mut chunk);
        }
    }
    let mut head: Option<Head> = None;
    let (mut articles, mut actors, mut claims, mut events) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut index, mut warnings) = (None::<Index>, None);
    let (mut claim_ids, mut other_ids) = (None, None);
    for part in parts {
        let counts = head.as_ref().map_or([0; 4], |h| h.counts);
        match part? {
            Part::Head(h) => head = Some(h),
            Part::Articles(v) => append(&mut articles, counts[0], v),
            Part::Actors(v) => append(&mut actors, counts[1], v),
            Part::Claims(v) => append(&mut claims, counts[2], v),
            Part::Events(v) => append(&mut events, counts[3], v),
            Part::Index(i) => index = Some(*i),
            Part::ClaimIds(m) => claim_ids = Some(m),
            Part::OtherIds(m) => other_ids = Some(*m),
            Part::Warnings(w) => warnings = Some(w),
        }
    }
    let head = head?;
    let mut index = index?;
    index.claim_by_id = claim_ids?;
    (index.article_by_id, index.actor_by_id, index.event_by_id) = other_ids?;
    if head.counts != [articles.len(), actors.len(), claims.len(), events.len()] {
        return None;
    }
    let loaded = Loaded {
        dataset: Dataset {
            format: head.format,
            id: head.id,
            title: head.title,
            description: head.description,
            articles,
            actors,
            claims,
            events,
        },
        index,
        warnings: warnings?,
    };
    consistent(&loaded).then_some(loaded)
}

/// Cheap checks that the index fits the dataset, so that views never index
/// out of bounds even if a cache was damaged in a way the checksums missed.
fn consistent(l: &Loaded) -> bool {
    let (ds, ix) = (&l.dataset, &l.index);
    let n = ds.claims.len();
    ix.claim_article.len() == n
        && ix.claim_claimant.len() == n
        && ix.claim_said.len() == n
        && ix.claim_quote.len() == n
        && ix.claim_via.len() == n
        && ix.claim_about.len() == n
        && ix.claim_links.len() == n
        && ix.claim_events.len() == n
        && ix.claim_by_id.len() == n
        && ix.article_outlet.len() == ds.articles.len()
        && ix.article_published.len() == ds.articles.len()
        && ix.article_claims.len() == ds.articles.len()
        && ix.article_by_id.len() == ds.articles.len()
        && ix.actor_parent.len() == ds.actors.len()
        && ix.actor_children.len() == ds.actors.len()
        && ix.actor_claims.len() == ds.actors.len()
        && ix.actor_events.len() == ds.actors.len()
        && ix.actor_by_id.len() == ds.actors.len()
        && ix.event_when.len() == ds.events.len()
        && ix.event_actors.len() == ds.events.len()
        && ix.event_claims.len() == ds.events.len()
        && ix.event_by_id.len() == ds.events.len()
        && ix.claim_article.iter().all(|a| a.i() < ds.articles.len())
        && ix.claim_claimant.iter().all(|a| a.i() < ds.actors.len())
        && ix.article_outlet.iter().all(|a| a.i() < ds.actors.len())
}

// ---------------------------------------------------------------------------
// The compact dataset encoding: `numbers length | numbers | text`. Numbers
// are LEB128 varints; each string is its length among the numbers and its
// bytes in the text, in order. Items are destructured in full so that a new
// field in the dataset fails to compile here rather than go missing.
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Enc {
    nums: Vec<u8>,
    text: String,
}

impl Enc {
    fn n(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.nums.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.nums.push(v as u8);
    }

    fn s(&mut self, s: &str) {
        self.n(s.len() as u64);
        self.text.push_str(s);
    }

    fn opt(&mut self, s: &Option<String>) {
        match s {
            None => self.n(0),
            Some(s) => {
                self.n(1);
                self.s(s);
            }
        }
    }

    fn strs(&mut self, v: &[String]) {
        self.n(v.len() as u64);
        for s in v {
            self.s(s);
        }
    }

    fn when(&mut self, w: &When) {
        match w {
            When::On(d) => {
                self.n(0);
                self.s(d);
            }
            When::Between(a, b) => {
                self.n(1);
                self.s(a);
                self.s(b);
            }
            When::Before(d) => {
                self.n(2);
                self.s(d);
            }
            When::After(d) => {
                self.n(3);
                self.s(d);
            }
            When::Unknown => self.n(4),
        }
    }

    fn list<T>(&mut self, items: &[T], f: fn(&mut Enc, &T)) {
        self.n(items.len() as u64);
        for t in items {
            f(self, t);
        }
    }

    fn finish(self) -> Vec<u8> {
        let mut out = Enc::default();
        out.n(self.nums.len() as u64);
        let mut bytes = out.nums;
        bytes.reserve(self.nums.len() + self.text.len());
        bytes.extend_from_slice(&self.nums);
        bytes.extend_from_slice(self.text.as_bytes());
        bytes
    }
}

struct Dec<'a> {
    nums: &'a [u8],
    text: &'a str,
    pos: usize,
    tpos: usize,
}

impl<'a> Dec<'a> {
    /// Decodes a whole section with `f`; `None` unless every byte is used.
    fn all<T>(bytes: &'a [u8], f: impl FnOnce(&mut Dec<'a>) -> Option<T>) -> Option<T> {
        let mut d = Dec {
            nums: bytes,
            text: "",
            pos: 0,
            tpos: 0,
        };
        let len = usize::try_from(d.n()?).ok()?;
        let split = d.pos.checked_add(len)?;
        // The text of a whole chunk is checked as UTF-8 once, here.
        let text = std::str::from_utf8(bytes.get(split..)?).ok()?;
        let mut d = Dec {
            nums: bytes.get(d.pos..split)?,
            text,
            pos: 0,
            tpos: 0,
        };
        let value = f(&mut d)?;
        (d.pos == d.nums.len() && d.tpos == d.text.len()).then_some(value)
    }

    fn n(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.nums.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.n()?).ok()
    }

    /// A list length: every item takes at least one byte, which bounds
    /// what a damaged length can make us allocate.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.n()?).ok()?;
        (n <= self.nums.len() - self.pos).then_some(n)
    }

    fn s(&mut self) -> Option<String> {
        let len = usize::try_from(self.n()?).ok()?;
        let end = self.tpos.checked_add(len)?;
        // `get` refuses a range that splits a character.
        let s = self.text.get(self.tpos..end)?;
        self.tpos = end;
        Some(s.to_owned())
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.n()? {
            0 => Some(None),
            1 => Some(Some(self.s()?)),
            _ => None,
        }
    }

    fn strs(&mut self) -> Option<Vec<String>> {
        self.list(Dec::s)
    }

    fn when(&mut self) -> Option<When> {
        Some(match self.n()? {
            0 => When::On(self.s()?),
            1 => When::Between(self.s()?, self.s()?),
            2 => When::Before(self.s()?),
            3 => When::After(self.s()?),
            4 => When::Unknown,
            _ => return None,
        })
    }

    fn list<T>(&mut self, f: impl Fn(&mut Dec<'a>) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(f(self)?);
        }
        Some(v)
    }
}

fn enc_head(e: &mut Enc, ds: &Dataset) {
    let Dataset {
        format,
        id,
        title,
        description,
        articles,
        actors,
        claims,
        events,
    } = ds;
    e.n(u64::from(*format));
    e.s(id);
    e.s(title);
    e.opt(description);
    for len in [articles.len(), actors.len(), claims.len(), events.len()] {
        e.n(len as u64);
    }
}

fn dec_head(d: &mut Dec) -> Option<Head> {
    Some(Head {
        format: d.u32()?,
        id: d.s()?,
        title: d.s()?,
        description: d.opt()?,
        counts: [
            usize::try_from(d.n()?).ok()?,
            usize::try_from(d.n()?).ok()?,
            usize::try_from(d.n()?).ok()?,
            usize::try_from(d.n()?).ok()?,
        ],
    })
}

fn enc_article(e: &mut Enc, a: &Article) {
    let Article {
        id,
        headline,
        outlet,
        url,
        published,
        credit,
        body,
    } = a;
    e.s(id);
    e.s(headline);
    e.s(outlet);
    e.opt(url);
    e.when(published);
    e.opt(credit);
    e.strs(body);
}

fn dec_article(d: &mut Dec) -> Option<Article> {
    Some(Article {
        id: d.s()?,
        headline: d.s()?,
        outlet: d.s()?,
        url: d.opt()?,
        published: d.when()?,
        credit: d.opt()?,
        body: d.strs()?,
    })
}

fn kind_code(k: ActorKind) -> u64 {
    match k {
        ActorKind::Person => 0,
        ActorKind::Government => 1,
        ActorKind::Agency => 2,
        ActorKind::Military => 3,
        ActorKind::Organization => 4,
        ActorKind::Media => 5,
        ActorKind::Country => 6,
        ActorKind::Group => 7,
        ActorKind::Other => 8,
    }
}

fn enc_actor(e: &mut Enc, a: &Actor) {
    let Actor {
        id,
        name,
        kind,
        aliases,
        part_of,
        note,
    } = a;
    e.s(id);
    e.s(name);
    e.n(kind_code(*kind));
    e.strs(aliases);
    e.opt(part_of);
    e.opt(note);
}

fn dec_actor(d: &mut Dec) -> Option<Actor> {
    Some(Actor {
        id: d.s()?,
        name: d.s()?,
        kind: {
            let code = d.n()?;
            ActorKind::ALL.into_iter().find(|&k| kind_code(k) == code)?
        },
        aliases: d.strs()?,
        part_of: d.opt()?,
        note: d.opt()?,
    })
}

fn stance_code(s: Stance) -> u64 {
    match s {
        Stance::Asserts => 0,
        Stance::Denies => 1,
        Stance::Declines => 2,
        Stance::Considers => 3,
        Stance::Warns => 4,
        Stance::Condemns => 5,
        Stance::Quotes => 6,
    }
}

const STANCES: [Stance; 7] = [
    Stance::Asserts,
    Stance::Denies,
    Stance::Declines,
    Stance::Considers,
    Stance::Warns,
    Stance::Condemns,
    Stance::Quotes,
];

fn enc_claim(e: &mut Enc, c: &Claim) {
    let Claim {
        id,
        article,
        text,
        quote: Quote {
            paragraph,
            text: quote,
        },
        claimant,
        via,
        about,
        stance,
        said,
        said_as,
        relations,
        tags,
    } = c;
    e.s(id);
    e.s(article);
    e.s(text);
    e.n(u64::from(*paragraph));
    e.s(quote);
    e.s(claimant);
    e.strs(via);
    e.strs(about);
    e.n(stance_code(*stance));
    e.when(said);
    e.opt(said_as);
    e.list(relations, |e, r| {
        e.n(match r {
            Relation::Supports(_) => 0,
            Relation::Contradicts(_) => 1,
            Relation::Updates(_) => 2,
        });
        e.s(r.target());
    });
    e.strs(tags);
}

fn dec_claim(d: &mut Dec) -> Option<Claim> {
    Some(Claim {
        id: d.s()?,
        article: d.s()?,
        text: d.s()?,
        quote: Quote {
            paragraph: d.u32()?,
            text: d.s()?,
        },
        claimant: d.s()?,
        via: d.strs()?,
        about: d.strs()?,
        stance: {
            let code = d.n()?;
            STANCES.into_iter().find(|&s| stance_code(s) == code)?
        },
        said: d.when()?,
        said_as: d.opt()?,
        relations: d.list(|d| {
            Some(match d.n()? {
                0 => Relation::Supports(d.s()?),
                1 => Relation::Contradicts(d.s()?),
                2 => Relation::Updates(d.s()?),
                _ => return None,
            })
        })?,
        tags: d.strs()?,
    })
}

fn enc_event(e: &mut Enc, ev: &Event) {
    let Event {
        id,
        when,
        title,
        actors,
        claims,
    } = ev;
    e.s(id);
    e.when(when);
    e.s(title);
    e.strs(actors);
    e.strs(claims);
}

fn dec_event(d: &mut Dec) -> Option<Event> {
    Some(Event {
        id: d.s()?,
        when: d.when()?,
        title: d.s()?,
        actors: d.strs()?,
        claims: d.strs()?,
    })
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

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

/// Writes the cache atomically: to a temporary file in the same directory,
/// then renamed over the old one, so a reader never sees half a cache.
fn write_cache(file: &Path, key: &[u8; 32], loaded: &mut Loaded) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = file
        .file_name()
        .map_or_else(|| "cache".into(), |n| n.to_string_lossy());
    remove_abandoned(dir, &name);
    let tmp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
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
    let result = write_to(&tmp, key, loaded, &ids).and_then(|()| std::fs::rename(&tmp, file));
    let ix = &mut loaded.index;
    ix.claim_by_id = ids.claims;
    (ix.article_by_id, ix.actor_by_id, ix.event_by_id) = ids.others;
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files of `name` left by a process killed while writing
/// (old enough that no live writer can still own them).
fn remove_abandoned(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if old && file_name.starts_with(&prefix) && file_name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The index's id maps, written apart from it.
struct Ids {
    claims: HashMap<String, ClaimIx>,
    others: OtherIds,
}

fn write_to(tmp: &Path, key: &[u8; 32], loaded: &Loaded, ids: &Ids) -> io::Result<()> {
    let ds = &loaded.dataset;
    let sections = plan(ds);
    let count = u32::try_from(sections.len()).map_err(io::Error::other)?;
    let mut out = BufWriter::with_capacity(1 << 20, File::create(tmp)?);
    out.write_all(MAGIC)?;
    out.write_all(&CACHE_SCHEMA.to_le_bytes())?;
    out.write_all(key)?;
    out.write_all(&count.to_le_bytes())?;
    // The table needs the sections' lengths and checksums: leave room for
    // it and come back once they are written.
    out.write_all(&vec![0u8; sections.len() * ENTRY_LEN])?;
    let mut table = Vec::with_capacity(sections.len() * ENTRY_LEN);
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
        table.push(kind.code());
        table.extend_from_slice(&w.written.to_le_bytes());
        table.extend_from_slice(w.hasher.finalize().as_bytes());
    }
    let mut f = out.into_inner().map_err(|e| e.into_error())?;
    f.seek(SeekFrom::Start(HEADER_LEN as u64))?;
    f.write_all(&table)?;
    f.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Spec, generate, to_ron};

    fn dataset_file(dir: &Path, seed: u64) -> PathBuf {
        let path = dir.join("data.ron");
        let ds = generate(&Spec {
            articles: 4,
            claims: 60,
            seed,
        });
        std::fs::write(&path, to_ron(&ds, "test")).expect("write dataset");
        path
    }

    fn load(path: &Path, cache: &Path) -> (Loaded, CacheOutcome) {
        match load_with_cache(path, cache, &mut |_| {}) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_hit_after_a_miss_gives_the_same_loaded() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = dataset_file(tmp.path(), 1);
        let cache = tmp.path().join("cache");
        let (first, o1) = load(&path, &cache);
        let (second, o2) = load(&path, &cache);
        assert_eq!((o1, o2), (CacheOutcome::Miss, CacheOutcome::Hit));
        assert_eq!(first, second);
        assert_eq!(
            first,
            crate::model::load_path(&path).expect("plain load"),
            "the cache changes nothing"
        );
        // Only the cache file is left, no temporary files.
        let names: Vec<_> = std::fs::read_dir(&cache).expect("dir").collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_changed_dataset_misses_and_replaces_its_cache() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = dataset_file(tmp.path(), 1);
        let cache = tmp.path().join("cache");
        let (first, _) = load(&path, &cache);
        dataset_file(tmp.path(), 2);
        let (second, outcome) = load(&path, &cache);
        assert_eq!(outcome, CacheOutcome::Miss);
        assert_ne!(first.dataset, second.dataset);
        assert_eq!(load(&path, &cache).1, CacheOutcome::Hit);
        assert_eq!(std::fs::read_dir(&cache).expect("dir").count(), 1);
    }

    #[test]
    fn corrupt_or_truncated_caches_are_rebuilt() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = dataset_file(tmp.path(), 3);
        let cache = tmp.path().join("cache");
        let (good, _) = load(&path, &cache);
        let file = cache_file(&cache, &path);
        let bytes = std::fs::read(&file).expect("cache written");
        let (_, entries) = read_table(&file).expect("a table");
        let claims = entries
            .iter()
            .find(|e| e.kind == Kind::Claims)
            .expect("claims");
        // A section replaced by bytes that pass its checksum but do not decode.
        let forged = |kind: Kind, garbage: &[u8]| {
            let i = entries
                .iter()
                .position(|e| e.kind == kind)
                .expect("section");
            let mut b = bytes[..HEADER_LEN].to_vec();
            for (j, e) in entries.iter().enumerate() {
                let (len, sum) = if j == i {
                    (garbage.len(), *blake3::hash(garbage).as_bytes())
                } else {
                    (e.range.len(), e.sum)
                };
                b.push(e.kind.code());
                b.extend_from_slice(&(len as u64).to_le_bytes());
                b.extend_from_slice(&sum);
            }
            for (j, e) in entries.iter().enumerate() {
                b.extend_from_slice(if j == i {
                    garbage
                } else {
                    &bytes[e.range.clone()]
                });
            }
            b
        };
        let damage: Vec<(&str, Vec<u8>)> = vec![
            ("truncated", bytes[..bytes.len() / 2].to_vec()),
            ("header only", bytes[..HEADER_LEN].to_vec()),
            ("empty", Vec::new()),
            ("flipped byte in a claim", {
                let mut b = bytes.clone();
                b[claims.range.start + claims.range.len() / 2] ^= 0x40;
                b
            }),
            ("flipped checksum", {
                let mut b = bytes.clone();
                b[HEADER_LEN + ENTRY_LEN - 1] ^= 1;
                b
            }),
            ("other magic", {
                let mut b = bytes.clone();
                b[0] = b'X';
                b
            }),
            ("other key", {
                let mut b = bytes.clone();
                b[20] ^= 1;
                b
            }),
            ("appended to", {
                let mut b = bytes.clone();
                b.push(0);
                b
            }),
            (
                "garbage claims with a valid checksum",
                forged(Kind::Claims, &[0xFF; 64]),
            ),
            (
                "garbage index with a valid checksum",
                forged(Kind::Index, &[0xFF; 64]),
            ),
            (
                "invalid UTF-8 text",
                forged(Kind::Head, &{
                    let mut e = Enc::default();
                    e.n(1);
                    e.s("é");
                    let mut b = e.finish();
                    b.pop();
                    b
                }),
            ),
        ];
        for (what, damaged) in damage {
            std::fs::write(&file, &damaged).expect("damage cache");
            let (loaded, outcome) = load(&path, &cache);
            assert_eq!(outcome, CacheOutcome::Miss, "{what}");
            assert_eq!(loaded, good, "{what}");
            assert_eq!(load(&path, &cache).1, CacheOutcome::Hit, "{what}: rebuilt");
        }
    }

    #[test]
    fn an_unwritable_cache_is_not_an_error() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = dataset_file(tmp.path(), 4);
        // A file where the cache directory should be.
        let blocker = tmp.path().join("not-a-dir");
        std::fs::write(&blocker, b"x").expect("write");
        let (loaded, outcome) = load(&path, &blocker);
        assert_eq!(outcome, CacheOutcome::Miss);
        assert_eq!(loaded.dataset.claims.len(), 60);
        let (_, outcome) = load_path_cached(&path, None).expect("loads");
        assert_eq!(outcome, CacheOutcome::Disabled);
    }

    #[test]
    fn the_compact_encoding_round_trips_every_form() {
        let ds = generate(&Spec {
            articles: 30,
            claims: 400,
            seed: 8,
        });
        let mut e = Enc::default();
        e.list(&ds.claims, enc_claim);
        let bytes = e.finish();
        let back = Dec::all(&bytes, |d| d.list(dec_claim)).expect("decodes");
        assert_eq!(back, ds.claims);
        assert!(Dec::all(&bytes[..bytes.len() - 1], |d| d.list(dec_claim)).is_none());
        let mut e = Enc::default();
        e.n(u64::MAX);
        e.n(300);
        let bytes = e.finish();
        let mut got = Vec::new();
        Dec::all(&bytes, |d| {
            got.push(d.n()?);
            got.push(d.n()?);
            Some(())
        })
        .expect("decodes");
        assert_eq!(got, [u64::MAX, 300]);
    }

    #[test]
    fn large_lists_are_split_into_chunks_and_put_back_in_order() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("big.ron");
        let ds = generate(&Spec {
            articles: 20,
            claims: 5 * CHUNK + 3,
            seed: 6,
        });
        std::fs::write(&path, to_ron(&ds, "big")).expect("write");
        let cache = tmp.path().join("cache");
        let (first, _) = load(&path, &cache);
        let (_, entries) = read_table(&cache_file(&cache, &path)).expect("table");
        assert_eq!(entries.iter().filter(|e| e.kind == Kind::Claims).count(), 6);
        let (second, outcome) = load(&path, &cache);
        assert_eq!(outcome, CacheOutcome::Hit);
        assert_eq!(first, second);
    }

    #[test]
    fn abandoned_temporary_files_are_removed_fresh_ones_kept() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = dataset_file(tmp.path(), 7);
        let cache = tmp.path().join("cache");
        std::fs::create_dir_all(&cache).expect("mkdir");
        let name = cache_file(&cache, &path);
        let name = name.file_name().expect("name").to_string_lossy();
        let old = cache.join(format!(".{name}.1-0.tmp"));
        let fresh = cache.join(format!(".{name}.2-0.tmp"));
        for f in [&old, &fresh] {
            std::fs::write(f, b"partial").expect("write");
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        File::options()
            .write(true)
            .open(&old)
            .and_then(|f| f.set_modified(two_hours_ago))
            .expect("age the file");
        load(&path, &cache);
        assert!(!old.exists() && fresh.exists());
    }

    #[test]
    fn invalid_datasets_are_errors_and_not_cached() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("bad.ron");
        std::fs::write(&path, "Dataset(format: 1, id: \"x\")").expect("write");
        let cache = tmp.path().join("cache");
        assert!(matches!(
            load_with_cache(&path, &cache, &mut |_| {}),
            Err(LoadError::Invalid { .. })
        ));
        assert!(!cache_file(&cache, &path).exists());
    }

    #[test]
    fn progress_goes_through_the_phases_in_order() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = dataset_file(tmp.path(), 5);
        let cache = tmp.path().join("cache");
        let mut seen = Vec::new();
        load_with_cache(&path, &cache, &mut |p| seen.push(p.label())).expect("loads");
        seen.dedup();
        assert_eq!(
            seen,
            [
                "reading",
                "checking cache",
                "parsing",
                "validating",
                "indexing",
                "writing cache",
                "done"
            ]
        );
        let mut seen = Vec::new();
        load_with_cache(&path, &cache, &mut |p| seen.push(p.label())).expect("loads");
        seen.dedup();
        assert_eq!(seen, ["checking cache", "reading cache", "done"]);
    }
}
