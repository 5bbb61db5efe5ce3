//! The cache key: what a dataset file must hash to for its cache to be used.
//! It covers the dataset format, this crate's version and the cache schema,
//! so an older build's cache or a file changed since is never taken.

use std::io::{self, Read};
use std::path::Path;

use super::CACHE_SCHEMA;
use crate::model::dataset::FORMAT_VERSION;
use crate::model::safe_fs;

pub(super) type Key = [u8; 32];

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

/// The key of dataset bytes already in memory.
pub(super) fn cache_key(bytes: &[u8]) -> Key {
    *key_hasher().update(bytes).finalize().as_bytes()
}

/// The key of the file at `path`, read in pieces (the text is not needed
/// on a hit, so it is never held whole).
pub(super) fn file_key(path: &Path) -> Option<Key> {
    let mut f = safe_fs::open_regular(path).ok()?;
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
    }
}
