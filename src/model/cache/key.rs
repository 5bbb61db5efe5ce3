//! The cache key: what a dataset file must hash to for its cache to be used.
//! It covers the dataset format, this crate's version and the cache schema,
//! so an older build's cache or a file changed since is never taken.

use std::io::{self, Read};
use std::path::Path;

use super::CACHE_SCHEMA;
use crate::model::dataset::FORMAT_VERSION;
use crate::model::safe_fs;

/// The dataset bytes' blake3 digest (what the authoring layer stamps its
/// version with, so that it need not read the file again), then a hash of
/// the versions of the format, the program and the cache layout with it.
pub(super) type Key = [u8; KEY_LEN];

/// Bytes of a [`Key`].
pub(super) const KEY_LEN: usize = 64;

/// The key of bytes whose blake3 digest is `digest`.
fn key_of(digest: blake3::Hash) -> Key {
    let mut h = blake3::Hasher::new();
    h.update(b"claimtrack dataset cache\0");
    h.update(&CACHE_SCHEMA.to_le_bytes());
    h.update(&FORMAT_VERSION.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\0");
    h.update(digest.as_bytes());
    let mut key = [0u8; KEY_LEN];
    let (d, v) = key.split_at_mut(32);
    d.copy_from_slice(digest.as_bytes());
    v.copy_from_slice(h.finalize().as_bytes());
    key
}

/// The blake3 digest of the bytes a key was made of.
pub(super) fn digest_of(key: &Key) -> blake3::Hash {
    blake3::Hash::from_bytes(*key.first_chunk::<32>().unwrap_or(&[0; 32]))
}

/// The key of dataset bytes already in memory.
pub(super) fn cache_key(bytes: &[u8]) -> Key {
    key_of(blake3::hash(bytes))
}

/// The key of the file at `path`, read in pieces (the text is not needed
/// on a hit, so it is never held whole).
pub(super) fn file_key(path: &Path) -> Option<Key> {
    let mut f = safe_fs::open_regular(path).ok()?;
    let mut h = blake3::Hasher::new();
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
    Some(key_of(h.finalize()))
}

/// What the file system says about a dataset file, as git's index keeps it:
/// a file whose stat data is unchanged since the cache was written is taken
/// as unchanged, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Stat {
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    /// Modification and status-change times, in nanoseconds since the epoch.
    pub mtime: i128,
    pub ctime: i128,
}

/// Bytes of a [`Stat`] in the cache header.
pub(super) const STAT_LEN: usize = 8 * 3 + 16 * 2;

impl Stat {
    /// The stat data of the file at `path`; `None` where the platform has no
    /// inode numbers (the content hash is then always checked).
    pub fn of(path: &Path) -> Option<Stat> {
        Self::from_meta(&std::fs::metadata(path).ok()?)
    }

    #[cfg(unix)]
    pub fn from_meta(m: &std::fs::Metadata) -> Option<Stat> {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Some(Stat {
            dev: m.dev(),
            ino: m.ino(),
            size: m.size(),
            mtime: ns(m.mtime(), m.mtime_nsec()),
            ctime: ns(m.ctime(), m.ctime_nsec()),
        })
    }
    #[cfg(not(unix))]
    pub fn from_meta(_: &std::fs::Metadata) -> Option<Stat> {
        None
    }

    /// Git's "racy" rule: a file changed no earlier than the cache was
    /// written (`written`, the cache file's mtime in ns) may have changed
    /// again within the same timestamp tick with the same stat data, so its
    /// stat data proves nothing and its content must be hashed.
    pub fn is_racy(&self, written: i128) -> bool {
        self.mtime >= written || self.ctime >= written
    }

    pub fn to_bytes(self) -> [u8; STAT_LEN] {
        let mut out = [0u8; STAT_LEN];
        let parts: [&[u8]; 5] = [
            &self.dev.to_le_bytes(),
            &self.ino.to_le_bytes(),
            &self.size.to_le_bytes(),
            &self.mtime.to_le_bytes(),
            &self.ctime.to_le_bytes(),
        ];
        let mut at = 0;
        for p in parts {
            if let Some(slot) = out.get_mut(at..at + p.len()) {
                slot.copy_from_slice(p);
            }
            at += p.len();
        }
        out
    }

    /// `None` for the all-zero record a cache without stat data holds.
    pub fn from_bytes(b: &[u8]) -> Option<Stat> {
        let u = |r: std::ops::Range<usize>| Some(u64::from_le_bytes(b.get(r)?.try_into().ok()?));
        let i = |r: std::ops::Range<usize>| Some(i128::from_le_bytes(b.get(r)?.try_into().ok()?));
        let s = Stat {
            dev: u(0..8)?,
            ino: u(8..16)?,
            size: u(16..24)?,
            mtime: i(24..40)?,
            ctime: i(40..56)?,
        };
        (s != Stat::default()).then_some(s)
    }
}

/// The mtime of an open file in ns, for the racy rule.
pub(super) fn mtime_ns(file: &std::fs::File) -> Option<i128> {
    Stat::from_meta(&file.metadata().ok()?).map(|s| s.mtime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_of_a_file_is_the_key_of_its_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.ron");
        std::fs::write(&path, b"some bytes").expect("write");
        assert_eq!(file_key(&path), Some(cache_key(b"some bytes")));
        assert_ne!(cache_key(b"some bytes"), cache_key(b"some bytez"));
        assert_eq!(file_key(&dir.path().join("missing")), None);
        assert_eq!(
            digest_of(&cache_key(b"some bytes")),
            blake3::hash(b"some bytes"),
            "the key starts with the plain digest"
        );
    }

    #[cfg(unix)]
    #[test]
    fn stat_data_round_trips_and_the_racy_rule_holds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.ron");
        std::fs::write(&path, b"x").expect("write");
        let s = Stat::of(&path).expect("stat");
        assert_eq!(Stat::from_bytes(&s.to_bytes()), Some(s));
        assert_eq!(Stat::from_bytes(&[0; STAT_LEN]), None);
        assert!(
            s.is_racy(s.mtime),
            "changed in the tick the cache was written"
        );
        assert!(s.is_racy(s.mtime - 1));
        assert!(!s.is_racy(s.mtime.max(s.ctime) + 1));
    }
}
