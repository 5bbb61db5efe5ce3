//! A binary cache of loaded datasets, so that reopening a large dataset skips
//! parsing and validation.
//!
//! One cache file per dataset path, in the platform cache directory. It holds
//! the whole [`Loaded`] (dataset, index, warnings) and is used only when its
//! key matches: a hash of the dataset file's bytes, the dataset format, this
//! crate's version and [`CACHE_SCHEMA`] (`key.rs`). Anything else — a
//! different file, an older build, a truncated, corrupt or spliced cache, one
//! whose index does not fit its dataset — is ignored and the cache rebuilt.
//! The cache is untrusted input: no bytes in it can make a load panic, hang
//! or show a dataset other than the one named. Failing to write a cache is
//! never an error: the load just goes without one.
//!
//! - `file.rs`: the layout (header, table of sections, one seal over all).
//! - `codec.rs`: the compact encoding of the dataset's items. The index (its
//!   id maps apart) and the warnings are postcard; the dataset is in chunks
//!   whose strings sit together after the numbers, so that each chunk's text
//!   is checked as UTF-8 once (that and serde's per-field work made a
//!   postcard decode of the dataset cost a fifth of parsing the RON).
//! - `assemble.rs` and `check.rs`: sections back into a [`Loaded`], and the
//!   checks that its index fits its dataset.
//!
//! Sections are checked and decoded in parallel, while the dataset file is
//! hashed. [`open_cached`] can skip that hash: a dataset file whose stat
//! data (device, inode, size, mtime and ctime in ns) is what it was when the
//! cache was written, and that was not changed in the tick the cache was
//! written (git's "racy" rule), is taken as unchanged; its content is then
//! hashed in the background ([`Verification`]), and a caller that finds it
//! changed loads again.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::load::{
    LoadError, Loaded, Progress, into_text, load_path_with_progress, parse_text,
    read_bytes_with_progress,
};

mod assemble;
mod check;
mod codec;
mod file;
mod key;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod trust_tests;

use assemble::{Part, assemble, decode};
use file::{NoTable, read_section, read_table, write_cache};
use key::{Stat, cache_key, digest_of, file_key};

/// Bump when [`Loaded`] or anything in it changes shape, when the encoding
/// or the layout changes, or when validation changes what it produces: old
/// caches are then ignored.
pub const CACHE_SCHEMA: u32 = 6;

/// Caches smaller than this are decoded on the calling thread alone.
#[cfg(not(test))]
const PARALLEL_FROM: usize = 4 << 20;
/// Tests use small caches and must exercise the threads.
#[cfg(test)]
const PARALLEL_FROM: usize = 1;

/// Set to anything but empty or `0` to disable the cache.
pub const NO_CACHE_ENV: &str = "CLAIMTRACK_NO_CACHE";

/// How a cached load went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    /// Decoded from a valid cache: no parsing, no validation.
    Hit,
    /// Parsed and validated; the cache was (re)written if possible.
    Miss,
    /// No cache directory, disabled by `CLAIMTRACK_NO_CACHE`, or the dataset
    /// is no regular file (a pipe, `<(…)`): it can be read only once.
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
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    match cache_dir {
        Some(dir) if regular && !disabled_by_env() => load_with_cache(path, dir, progress),
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
    open_with(path, dir, false, progress).map(|o| (o.loaded, o.outcome))
}

/// A dataset opened through the cache by [`open_cached`].
#[derive(Debug)]
pub struct Opened {
    pub loaded: Loaded,
    pub outcome: CacheOutcome,
    /// Set when the dataset's stat data was trusted: its content is still
    /// being hashed. A caller that keeps the dataset must check it.
    pub verification: Option<Verification>,
    /// Set when a cache file was there but was no cache we wrote (damaged,
    /// truncated, forged, or no regular file): it was ignored and rebuilt.
    /// For the user, not an error.
    pub notice: Option<String>,
    /// The version of the file the dataset came from, when known: what
    /// the authoring layer starts from without reading the file again.
    pub version: Option<Version>,
}

/// Which bytes a dataset was loaded from: the file's metadata, taken when
/// they were read or found unchanged, and their blake3 digest.
#[derive(Debug, Clone)]
pub struct Version {
    pub meta: std::fs::Metadata,
    pub digest: blake3::Hash,
}

/// The background content check of a re-open that trusted stat data.
#[derive(Debug)]
pub struct Verification {
    check: std::thread::JoinHandle<bool>,
    path: PathBuf,
    cache: PathBuf,
}

impl Verification {
    /// Has the check finished (so that [`Verification::unchanged`] returns at once)?
    pub fn is_finished(&self) -> bool {
        self.check.is_finished()
    }

    /// Waits for the check: `true` when the dataset file holds what the
    /// cache was built from. When it does not, the cache is removed.
    pub fn unchanged(self) -> bool {
        let same = self.check.join().unwrap_or(false);
        if !same {
            let _ = std::fs::remove_file(&self.cache);
        }
        same
    }

    /// Loads the dataset again, without the cache's help, and rewrites it:
    /// for a caller whose [`Verification::unchanged`] said `false`. With
    /// the version of the file loaded, when known.
    pub fn reload(
        path: &Path,
        cache_dir: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(Loaded, Option<Version>), LoadError> {
        miss(path, &cache_file(cache_dir, path), progress).map(|m| (m.loaded, m.version))
    }

    /// The dataset file being checked.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Like [`load_path_cached_with_progress`], but a re-open whose stat data
/// matches (and is not racy) returns as soon as the cache is decoded, its
/// content hash still running in the background.
pub fn open_cached(
    path: &Path,
    cache_dir: Option<&Path>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Opened, LoadError> {
    open_cached_with(path, cache_dir, true, progress)
}

/// [`open_cached`] (`trust_stat`) or [`load_path_cached_with_progress`]
/// (not), saying also whether a damaged cache was replaced.
pub fn open_cached_with(
    path: &Path,
    cache_dir: Option<&Path>,
    trust_stat: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Opened, LoadError> {
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    match cache_dir {
        Some(dir) if regular && !disabled_by_env() => open_with(path, dir, trust_stat, progress),
        _ => load_path_with_progress(path, progress).map(|loaded| Opened {
            loaded,
            outcome: CacheOutcome::Disabled,
            verification: None,
            notice: None,
            version: None,
        }),
    }
}

fn open_with(
    path: &Path,
    dir: &Path,
    trust_stat: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Opened, LoadError> {
    let file = cache_file(dir, path);
    match try_hit(path, &file, trust_stat, progress) {
        Ok(hit) => {
            progress(Progress::Done);
            let verification = hit.trusted.then(|| verify_later(path, &file)).flatten();
            Ok(Opened {
                loaded: hit.loaded,
                outcome: CacheOutcome::Hit,
                verification,
                notice: None,
                version: hit.version,
            })
        }
        Err(why) => {
            let notice = (why == NoTable::Damaged).then(|| damaged_notice(&file));
            miss(path, &file, progress).map(|m| Opened {
                loaded: m.loaded,
                outcome: CacheOutcome::Miss,
                verification: None,
                notice,
                version: m.version,
            })
        }
    }
}

/// What the user is told about a cache file that was no cache we wrote.
fn damaged_notice(file: &Path) -> String {
    format!(
        "the cache file {} was damaged or not ours: ignored and rebuilt",
        file.display()
    )
}

/// Starts hashing `path` against its cache's key; `None` (and the cache
/// removed) when that cannot even start.
fn verify_later(path: &Path, cache: &Path) -> Option<Verification> {
    let key = read_table(cache).ok().map(|t| t.key);
    let p = path.to_owned();
    let check = std::thread::Builder::new()
        .name("cache-verify".into())
        .spawn(move || key.is_some() && file_key(&p) == key);
    match check {
        Ok(check) => Some(Verification {
            check,
            path: path.to_owned(),
            cache: cache.to_owned(),
        }),
        Err(_) => {
            let _ = std::fs::remove_file(cache);
            None
        }
    }
}

/// A dataset parsed by [`miss`], and the version of the file it came from.
struct Missed {
    loaded: Loaded,
    version: Option<Version>,
}

/// Parses and validates the dataset, and writes its cache.
fn miss(path: &Path, file: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Missed, LoadError> {
    let before = std::fs::metadata(path).ok();
    let bytes = read_bytes_with_progress(path, progress)?;
    progress(Progress::Hashing {
        bytes: bytes.len() as u64,
    });
    let key = cache_key(&bytes);
    // Stat data that moved while we read says nothing about these bytes.
    let stat = before
        .as_ref()
        .and_then(Stat::from_meta)
        .filter(|b| Stat::of(path) == Some(*b));
    let version = stat.and(before).map(|meta| Version {
        meta,
        digest: digest_of(&key),
    });
    let mut loaded = parse_text(path, into_text(path, bytes)?, progress)?;
    progress(Progress::WritingCache);
    // A cache that cannot be written is no error: next time loads without it.
    let _ = write_cache(file, &key, stat, &mut loaded);
    progress(Progress::Done);
    Ok(Missed { loaded, version })
}

/// A dataset decoded by [`try_hit`].
struct Hit {
    loaded: Loaded,
    /// Its stat data was trusted: the content is still to be checked.
    trusted: bool,
    version: Option<Version>,
}

/// Uses the cache if its seal and key match and every section checks and
/// decodes into a [`Loaded`] that hangs together. The dataset file is
/// hashed while the sections decode, all in parallel, unless `trust_stat`
/// and its stat data show it unchanged: then [`Hit::trusted`] is set and
/// the caller must check the content later. A key that differs (the
/// dataset changed) is [`NoTable::Stale`]; anything else that fails is
/// [`NoTable::Damaged`].
fn try_hit(
    path: &Path,
    file: &Path,
    trust_stat: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Hit, NoTable> {
    let table = read_table(file)?;
    let entries = &table.entries;
    let meta = std::fs::metadata(path).map_err(|_| NoTable::Stale)?;
    let now = Stat::from_meta(&meta);
    let trusted = trust_stat
        && now.is_some()
        && now == table.stat
        && table.written.zip(now).is_some_and(|(w, s)| !s.is_racy(w));
    let size = meta.len();
    progress(Progress::Hashing { bytes: size });
    progress(Progress::ReadingCache {
        bytes: table.len() as u64,
    });
    // Task 0 hashes the dataset; the others decode sections, largest first.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(entries.get(i).map_or(0, |e| e.range.len())));
    // With trusted stat data there is no hash task: start past it.
    let next = AtomicUsize::new(usize::from(trusted));
    let failed = AtomicBool::new(false);
    let stale = AtomicBool::new(false);
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
                None => {
                    let same = file_key(path) == Some(table.key);
                    if !same {
                        stale.store(true, Ordering::Relaxed);
                    }
                    same
                }
                Some(k) => {
                    let part = order.get(k).and_then(|&i| {
                        let e = entries.get(i)?;
                        read_section(&table.file, e, &mut buf)?;
                        Some((i, decode(e, &buf)))
                    });
                    match part {
                        Some((i, part)) => {
                            let ok = part.is_some();
                            parts.push((i, part));
                            ok
                        }
                        None => false,
                    }
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
    let tasks = entries.len() + usize::from(!trusted);
    let threads = if table.len() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(tasks)
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
    // A changed dataset stops the work early; that is no damage to the cache.
    if stale.load(Ordering::Relaxed) {
        return Err(NoTable::Stale);
    }
    if failed.load(Ordering::Relaxed) || parts.len() != entries.len() {
        return Err(NoTable::Damaged);
    }
    // The content is the key's (trusted, or just hashed); the metadata
    // taken before is its version's if nothing moved while it was hashed.
    let version = (trusted || Stat::of(path) == now).then(|| Version {
        meta,
        digest: digest_of(&table.key),
    });
    parts.sort_by_key(|(i, _)| *i);
    assemble(parts.into_iter().map(|(_, p)| p).collect())
        .map(|loaded| Hit {
            loaded,
            trusted,
            version,
        })
        .ok_or(NoTable::Damaged)
}
