//! A binary cache of loaded datasets, so that reopening a large dataset skips
//! parsing and validation.
//!
//! One cache file per dataset path, in the platform cache directory. It holds
//! the whole [`Loaded`] (dataset, index, warnings) in postcard encoding and is
//! used only when its key matches: a hash of the dataset file's bytes, the
//! dataset format, this crate's version and [`CACHE_SCHEMA`]. Anything else —
//! a different file, an older build, a truncated or corrupt cache — is ignored
//! and the cache rebuilt. Failing to write a cache is never an error: the load
//! just goes without one.
//!
//! Layout: `MAGIC | schema u32 | key [32] | payload length u64 | payload |
//! blake3(payload) [32]`, integers little-endian.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::dataset::FORMAT_VERSION;
use super::load::{
    LoadError, Loaded, Progress, into_text, load_path_with_progress, parse_text,
    read_bytes_with_progress,
};

/// Bump when [`Loaded`] or anything in it changes shape, or when validation
/// changes what it produces: old caches are then ignored.
pub const CACHE_SCHEMA: u32 = 1;

const MAGIC: &[u8; 8] = b"CLMTRKC\0";
const HEADER_LEN: usize = 8 + 4 + 32 + 8;
const TRAILER_LEN: usize = 32;

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
    let bytes = read_bytes_with_progress(path, progress)?;
    progress(Progress::Hashing {
        bytes: bytes.len() as u64,
    });
    let key = cache_key(&bytes);
    let file = cache_file(dir, path);
    // The text is not needed for a hit: free it before decoding.
    let (bytes, key) = match CacheFile::open(&file, &key) {
        Some(cached) => {
            drop(bytes);
            progress(Progress::ReadingCache {
                bytes: cached.len() as u64,
            });
            if let Some(loaded) = cached.decode() {
                progress(Progress::Done);
                return Ok((loaded, CacheOutcome::Hit));
            }
            // Corrupt after all: read the dataset again and rebuild.
            let bytes = read_bytes_with_progress(path, progress)?;
            let key = cache_key(&bytes);
            (bytes, key)
        }
        None => (bytes, key),
    };
    let loaded = parse_text(path, into_text(path, bytes)?, progress)?;
    progress(Progress::WritingCache);
    // A cache that cannot be written is no error: next time loads without it.
    let _ = write_cache(&file, &key, &loaded);
    progress(Progress::Done);
    Ok((loaded, CacheOutcome::Miss))
}

/// Everything a cache depends on, hashed: the dataset bytes and the versions
/// of the format, the program and the cache layout.
fn cache_key(bytes: &[u8]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(b"claimtrack dataset cache\0");
    h.update(&CACHE_SCHEMA.to_le_bytes());
    h.update(&FORMAT_VERSION.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\0");
    h.update(bytes);
    *h.finalize().as_bytes()
}

/// A cache file whose header matched the key; the payload is checked and
/// decoded by [`CacheFile::decode`].
struct CacheFile {
    bytes: Vec<u8>,
}

impl CacheFile {
    /// Reads the cache file if it exists and its header matches `key`.
    fn open(file: &Path, key: &[u8; 32]) -> Option<Self> {
        let mut f = File::open(file).ok()?;
        let mut header = [0u8; HEADER_LEN];
        f.read_exact(&mut header).ok()?;
        let (magic, rest) = header.split_at(8);
        let (schema, rest) = rest.split_at(4);
        let (stored_key, len) = rest.split_at(32);
        if magic != MAGIC || schema != CACHE_SCHEMA.to_le_bytes() || stored_key != key {
            return None;
        }
        let len = u64::from_le_bytes(len.try_into().ok()?);
        let expected = len.checked_add((HEADER_LEN + TRAILER_LEN) as u64)?;
        if f.metadata().ok()?.len() != expected {
            return None; // truncated or appended to
        }
        let mut bytes = Vec::with_capacity(usize::try_from(len).ok()?.checked_add(TRAILER_LEN)?);
        f.read_to_end(&mut bytes).ok()?;
        Some(Self { bytes })
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The decoded cache, if its checksum matches and it decodes to a
    /// consistent [`Loaded`].
    fn decode(self) -> Option<Loaded> {
        let split = self.bytes.len().checked_sub(TRAILER_LEN)?;
        let (payload, sum) = self.bytes.split_at(split);
        if blake3::hash(payload).as_bytes() != sum {
            return None;
        }
        let loaded: Loaded = postcard::from_bytes(payload).ok()?;
        consistent(&loaded).then_some(loaded)
    }
}

/// Cheap checks that the index fits the dataset, so that views never index
/// out of bounds even if a cache was damaged in a way the checksum missed.
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

/// Hashes everything written through it: the payload's checksum comes for
/// free while streaming, with no second copy of the payload in memory.
struct HashingWriter<W> {
    inner: W,
    hasher: blake3::Hasher,
    written: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the cache atomically: to a temporary file in the same directory,
/// then renamed over the old one, so a reader never sees half a cache.
fn write_cache(file: &Path, key: &[u8; 32], loaded: &Loaded) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        file.file_name()
            .map_or_else(|| "cache".into(), |n| n.to_string_lossy()),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = write_to(&tmp, key, loaded).and_then(|()| std::fs::rename(&tmp, file));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_to(tmp: &Path, key: &[u8; 32], loaded: &Loaded) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(tmp)?);
    out.write_all(MAGIC)?;
    out.write_all(&CACHE_SCHEMA.to_le_bytes())?;
    out.write_all(key)?;
    // The length is not known before encoding: write a placeholder and come
    // back to it.
    out.write_all(&0u64.to_le_bytes())?;
    let hashing = HashingWriter {
        inner: out,
        hasher: blake3::Hasher::new(),
        written: 0,
    };
    let mut hashing = postcard::to_io(loaded, hashing).map_err(io::Error::other)?;
    hashing.flush()?;
    let HashingWriter {
        inner: mut out,
        hasher,
        written,
    } = hashing;
    out.write_all(hasher.finalize().as_bytes())?;
    let mut f = out.into_inner().map_err(|e| e.into_error())?;
    use std::io::{Seek, SeekFrom};
    f.seek(SeekFrom::Start((HEADER_LEN - 8) as u64))?;
    f.write_all(&written.to_le_bytes())?;
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
        let damage: Vec<(&str, Vec<u8>)> = vec![
            ("truncated", bytes[..bytes.len() / 2].to_vec()),
            ("header only", bytes[..HEADER_LEN].to_vec()),
            ("empty", Vec::new()),
            ("flipped payload byte", {
                let mut b = bytes.clone();
                b[HEADER_LEN + 100] ^= 0x40;
                b
            }),
            ("flipped checksum", {
                let mut b = bytes.clone();
                let last = b.len() - 1;
                b[last] ^= 1;
                b
            }),
            ("other magic", {
                let mut b = bytes.clone();
                b[0] = b'X';
                b
            }),
            ("garbage payload with a valid checksum", {
                let payload = vec![0xFFu8; 64];
                let mut b = bytes[..HEADER_LEN - 8].to_vec();
                b.extend_from_slice(&(payload.len() as u64).to_le_bytes());
                b.extend_from_slice(&payload);
                b.extend_from_slice(blake3::hash(&payload).as_bytes());
                b
            }),
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
        assert_eq!(seen, ["reading", "checking cache", "reading cache", "done"]);
    }
}
