//! Re-opens that trust stat data, and what the user is told about a cache
//! that was there but was no cache we wrote.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::tests::{dataset_in, load, mutation, open, touch};
use super::*;

/// Dates the cache file an hour ahead, so that the dataset's stat data is
/// not racy and a re-open trusts it.
fn not_racy(cache_file: &Path) {
    touch(
        cache_file,
        std::time::SystemTime::now() + std::time::Duration::from_secs(3600),
    );
}

#[test]
fn a_damaged_cache_is_rebuilt_with_a_notice_a_stale_one_quietly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 21);
    let cache = tmp.path().join("cache");
    let first = open(&path, &cache);
    assert_eq!(first.outcome, CacheOutcome::Miss);
    assert_eq!(first.notice, None, "no cache yet is nothing to tell");
    let good = first.loaded;
    let file = cache_file(&cache, &path);

    for trust in [false, true] {
        std::fs::write(&file, b"CLMTRKC\0 but not a cache").expect("damage");
        let o = open_cached_with(&path, Some(&cache), trust, &mut |_| {}).expect("opens");
        assert_eq!(o.outcome, CacheOutcome::Miss);
        assert_eq!(o.loaded, good);
        let notice = o.notice.expect("the user is told");
        assert!(notice.contains("ignored and rebuilt"), "{notice}");
        let again = open_cached_with(&path, Some(&cache), trust, &mut |_| {}).expect("opens");
        assert_eq!((again.outcome, again.notice), (CacheOutcome::Hit, None));
        if let Some(v) = again.verification {
            assert!(v.unchanged());
        }
    }

    // A dataset changed since: a rebuild, but nothing was wrong with the cache.
    dataset_in(tmp.path(), 22);
    let changed = open(&path, &cache);
    assert_eq!(changed.outcome, CacheOutcome::Miss);
    assert_eq!(changed.notice, None);
    assert_ne!(changed.loaded, good);

    // A cache of another schema (another build): quiet too.
    let mut other = std::fs::read(&file).expect("cache");
    other[8..12].copy_from_slice(&(CACHE_SCHEMA + 1).to_le_bytes());
    std::fs::write(&file, &other).expect("write");
    let o = open(&path, &cache);
    assert_eq!((o.outcome, o.notice), (CacheOutcome::Miss, None));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_cache_is_a_notice_not_a_hang() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 23);
    let cache = tmp.path().join("cache");
    let good = load(&path, &cache).0;
    let file = cache_file(&cache, &path);
    std::fs::remove_file(&file).expect("rm");
    super::tests::mkfifo(&file);
    let o = open(&path, &cache);
    assert_eq!(o.outcome, CacheOutcome::Miss);
    assert_eq!(o.loaded, good);
    assert!(o.notice.is_some());
}

/// Property over the bytes of a real cache whose dataset's stat data is
/// trusted (no content hash before use): whatever is done to them, a
/// re-open never panics and shows the dataset the file holds; a hit's
/// background check agrees.
#[cfg(unix)]
#[test]
fn no_damage_to_a_cache_makes_a_trusting_open_panic_or_show_another_dataset() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 24);
    let cache = tmp.path().join("cache");
    let (good, _) = load(&path, &cache);
    let file = cache_file(&cache, &path);
    let bytes = std::fs::read(&file).expect("cache");
    let mut runner = TestRunner::new(Config {
        cases: 100,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(mutation(), 1..4), |ms| {
            let mut b = bytes.clone();
            for m in &ms {
                m.apply(&mut b);
            }
            std::fs::write(&file, &b).expect("write");
            not_racy(&file);
            let o = open(&path, &cache);
            prop_assert!(o.loaded == good, "another dataset after {ms:?}");
            if let Some(v) = o.verification {
                prop_assert!(v.unchanged(), "the check disagrees after {ms:?}");
            }
            Ok(())
        })
        .expect("damage under trusted stat data");
}

/// Every open through the cache says which bytes it loaded (their digest
/// and the file's metadata), so that the authoring layer need not read the
/// file again to know its version.
#[cfg(unix)]
#[test]
fn every_open_says_which_version_of_the_file_it_loaded() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 25);
    let cache = tmp.path().join("cache");
    let digest = blake3::hash(&std::fs::read(&path).expect("dataset"));
    let ino = std::fs::metadata(&path).expect("meta").ino();
    let miss = open_cached_with(&path, Some(&cache), true, &mut |_| {}).expect("miss");
    assert_eq!(miss.outcome, CacheOutcome::Miss);
    not_racy(&cache_file(&cache, &path));
    let trusted = open_cached_with(&path, Some(&cache), true, &mut |_| {}).expect("hit");
    assert!(trusted.verification.is_some(), "stat data trusted");
    let hashed = open_cached_with(&path, Some(&cache), false, &mut |_| {}).expect("hit");
    assert!(hashed.verification.is_none(), "content hashed before use");
    for o in [miss, trusted, hashed] {
        let v = o.version.expect("a version");
        assert_eq!((v.digest, v.meta.ino()), (digest, ino));
    }
}
