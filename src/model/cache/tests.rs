//! The cache as a whole: hits, misses, rebuilds, and hostile cache files.

use std::fs::File;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::codec::Enc;
use super::file::{CHUNK, ENTRY_LEN, HEADER_LEN, Kind, reseal, sections_of};
use super::*;
use crate::model::generate::{Spec, generate, to_ron};

pub(super) fn dataset_in(dir: &Path, seed: u64) -> PathBuf {
    std::fs::create_dir_all(dir).expect("mkdir");
    let path = dir.join("data.ron");
    let ds = generate(&Spec {
        articles: 4,
        claims: 60,
        seed,
    });
    std::fs::write(&path, to_ron(&ds, "test")).expect("write dataset");
    path
}

pub(super) fn load(path: &Path, cache: &Path) -> (Loaded, CacheOutcome) {
    match load_with_cache(path, cache, &mut |_| {}) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

pub(super) fn mkfifo(path: &Path) {
    // mkfifo(1) keeps this crate free of unsafe code.
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

/// Does with a load what the views do, with plain (panicking) indexing: a
/// load that passed the cache's checks must survive it.
fn views_can_read(l: &Loaded) {
    let (ds, ix) = (&l.dataset, &l.index);
    for c in 0..ds.claims.len() {
        let art = &ds.articles[ix.claim_article[c].i()];
        let _ = &ds.actors[ix.claim_claimant[c].i()];
        let q = ix.claim_quote[c];
        if let Some(p) = art.body.get(q.paragraph as usize) {
            let _ = &p[q.start as usize..q.end as usize];
        }
        for a in ix.claim_via.get(c).iter().chain(ix.claim_about.get(c)) {
            let _ = &ds.actors[a.i()];
        }
        for link in ix.claim_links.get(c) {
            let _ = &ds.claims[link.other.i()];
        }
        for e in ix.claim_events.get(c) {
            let _ = &ds.events[e.i()];
        }
    }
    for a in 0..ds.articles.len() {
        let _ = &ds.actors[ix.article_outlet[a].i()];
        for c in ix.article_claims.get(a) {
            let _ = &ds.claims[c.i()];
        }
    }
    for &r in &ix.actor_roots {
        // Terminates only on a tree.
        for a in ix.actor_subtree(r) {
            let _ = &ds.actors[a.i()];
            for (c, _) in ix.actor_claims.get(a.i()) {
                let _ = &ds.claims[c.i()];
            }
        }
    }
    for e in 0..ds.events.len() {
        for a in ix.event_actors.get(e) {
            let _ = &ds.actors[a.i()];
        }
        for c in ix.event_claims.get(e) {
            let _ = &ds.claims[c.i()];
        }
    }
    for (id, c) in &ix.claim_by_id {
        assert_eq!(&ds.claims[c.i()].id, id);
    }
}

#[test]
fn a_hit_after_a_miss_gives_the_same_loaded() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 1);
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
    let path = dataset_in(tmp.path(), 1);
    let cache = tmp.path().join("cache");
    let (first, _) = load(&path, &cache);
    dataset_in(tmp.path(), 2);
    let (second, outcome) = load(&path, &cache);
    assert_eq!(outcome, CacheOutcome::Miss);
    assert_ne!(first.dataset, second.dataset);
    assert_eq!(load(&path, &cache).1, CacheOutcome::Hit);
    assert_eq!(std::fs::read_dir(&cache).expect("dir").count(), 1);
}

/// Caches of two datasets with the same counts, B's paragraphs longer than
/// A's, so that B's quote spans overrun A's paragraphs (a cache mixing the
/// two made the reader panic on every start).
fn two_caches(tmp: &Path) -> (PathBuf, PathBuf, PathBuf, Loaded) {
    let a = dataset_in(&tmp.join("a"), 1);
    let mut ds = generate(&Spec {
        articles: 4,
        claims: 60,
        seed: 1,
    });
    for art in &mut ds.articles {
        for p in &mut art.body {
            p.insert_str(0, &"Lorem ipsum ".repeat(40));
        }
    }
    std::fs::create_dir_all(tmp.join("b")).expect("mkdir");
    let b = tmp.join("b/data.ron");
    std::fs::write(&b, to_ron(&ds, "test")).expect("write b");
    let cache = tmp.join("cache");
    let good = load(&a, &cache).0;
    load(&b, &cache);
    (a, b, cache, good)
}

#[test]
fn a_header_key_copied_onto_another_cache_is_rebuilt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b, cache, good) = two_caches(tmp.path());
    let (fa, fb) = (cache_file(&cache, &a), cache_file(&cache, &b));
    let ka = std::fs::read(&fa).expect("a")[12..44].to_vec();
    let mut spliced = std::fs::read(&fb).expect("b");
    spliced[12..44].copy_from_slice(&ka);
    std::fs::write(&fa, &spliced).expect("write");
    let (loaded, outcome) = load(&a, &cache);
    assert_eq!(outcome, CacheOutcome::Miss, "B's content under A's key");
    assert_eq!(loaded, good);
}

#[test]
fn a_section_from_another_dataset_is_rebuilt_even_when_resealed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b, cache, good) = two_caches(tmp.path());
    let fa = cache_file(&cache, &a);
    let (key, stat, mut ours) = sections_of(&fa).expect("a");
    let (_, _, theirs) = sections_of(&cache_file(&cache, &b)).expect("b");
    let index = |s: &[(Kind, Vec<u8>)]| {
        s.iter()
            .position(|(k, _)| *k == Kind::Index)
            .expect("an index")
    };
    let their_index = theirs[index(&theirs)].1.clone();
    let i = index(&ours);
    ours[i].1 = their_index.clone();
    // Spliced with its own checksum in the table: the seal breaks.
    let mut spliced = reseal(&key, stat, &ours);
    let seal_at = HEADER_LEN + ours.len() * ENTRY_LEN;
    let real = std::fs::read(&fa).expect("a");
    spliced[seal_at..seal_at + 32].copy_from_slice(&real[seal_at..seal_at + 32]);
    // Resealed, as a forger would: the index does not fit the dataset.
    let resealed = reseal(&key, stat, &ours);
    for (what, bytes) in [("spliced", spliced), ("resealed", resealed)] {
        std::fs::write(&fa, &bytes).expect("write");
        let (loaded, outcome) = load(&a, &cache);
        assert_eq!(
            outcome,
            CacheOutcome::Miss,
            "{what}: A's dataset, B's index"
        );
        assert_eq!(loaded, good, "{what}");
        assert_eq!(load(&a, &cache).1, CacheOutcome::Hit, "{what}: rebuilt");
    }
}

#[test]
fn corrupt_truncated_or_forged_caches_are_rebuilt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 3);
    let cache = tmp.path().join("cache");
    let (good, _) = load(&path, &cache);
    let file = cache_file(&cache, &path);
    let bytes = std::fs::read(&file).expect("cache written");
    let (key, stat, sections) = sections_of(&file).expect("sections");
    let table = read_table(&file).expect("a table");
    let claims = table
        .entries
        .iter()
        .find(|e| e.kind == Kind::Claims)
        .expect("claims")
        .range
        .clone();
    // A section replaced by bytes that pass every checksum but do not decode.
    let forged = |kind: Kind, garbage: &[u8]| {
        let mut s = sections.clone();
        let i = s.iter().position(|(k, _)| *k == kind).expect("section");
        s[i].1 = garbage.to_vec();
        reseal(&key, stat, &s)
    };
    let without = |kind: Kind| {
        let s: Vec<_> = sections
            .iter()
            .filter(|(k, _)| *k != kind)
            .cloned()
            .collect();
        reseal(&key, stat, &s)
    };
    let twice = |kind: Kind| {
        let mut s = sections.clone();
        let i = s.iter().position(|(k, _)| *k == kind).expect("section");
        s.insert(i, s[i].clone());
        reseal(&key, stat, &s)
    };
    let damage: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", bytes[..bytes.len() / 2].to_vec()),
        ("header only", bytes[..HEADER_LEN].to_vec()),
        ("empty", Vec::new()),
        ("flipped byte in a claim", {
            let mut b = bytes.clone();
            b[claims.start + claims.len() / 2] ^= 0x40;
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
            "garbage claims with a valid seal",
            forged(Kind::Claims, &[0xFF; 64]),
        ),
        (
            "garbage index with a valid seal",
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
        (
            "a head claiming 2^60 claims",
            forged(Kind::Head, &{
                let mut e = Enc::default();
                e.n(1);
                for s in ["x", "y"] {
                    e.s(s);
                }
                e.n(0);
                for n in [4, 1 << 60, 1 << 60, 1 << 60] {
                    e.n(n);
                }
                e.finish()
            }),
        ),
        ("no index", without(Kind::Index)),
        ("no head", without(Kind::Head)),
        ("the index twice", twice(Kind::Index)),
        ("a claims chunk twice", twice(Kind::Claims)),
    ];
    for (what, damaged) in damage {
        std::fs::write(&file, &damaged).expect("damage cache");
        let (loaded, outcome) = load(&path, &cache);
        assert_eq!(outcome, CacheOutcome::Miss, "{what}");
        assert_eq!(loaded, good, "{what}");
        assert_eq!(load(&path, &cache).1, CacheOutcome::Hit, "{what}: rebuilt");
    }
}

/// One change to some bytes.
#[derive(Debug, Clone)]
pub(super) enum Mutation {
    Flip(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
    Insert(prop::sample::Index, u8),
    Overwrite(prop::sample::Index, Vec<u8>),
    /// A range copied over another place, as a botched copy would.
    Copy(prop::sample::Index, prop::sample::Index, usize),
}

pub(super) fn mutation() -> impl Strategy<Value = Mutation> {
    use prop::sample::Index;
    prop_oneof![
        (any::<Index>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, v)| Mutation::Overwrite(i, v)),
        (any::<Index>(), any::<Index>(), 1..64usize).prop_map(|(a, b, n)| Mutation::Copy(a, b, n)),
    ]
}

impl Mutation {
    pub(super) fn apply(&self, bytes: &mut Vec<u8>) {
        if bytes.is_empty() {
            bytes.push(0);
        }
        let len = bytes.len();
        match self {
            Mutation::Flip(i, x) => bytes[i.index(len)] ^= x,
            Mutation::Truncate(i) => bytes.truncate(i.index(len)),
            Mutation::Insert(i, b) => bytes.insert(i.index(len + 1), *b),
            Mutation::Overwrite(i, v) => {
                let at = i.index(len);
                for (k, b) in v.iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(at + k) {
                        *slot = *b;
                    }
                }
            }
            Mutation::Copy(from, to, n) => {
                let (from, to) = (from.index(len), to.index(len));
                let n = (*n).min(len - from).min(len - to);
                bytes.copy_within(from..from + n, to);
            }
        }
    }
}

/// Property over the bytes of a real cache: whatever is done to them, a
/// load never panics. Damage to the file as written always gives the same
/// dataset (the cache's, or a rebuild). Damage behind a fresh seal (a
/// forger's) gives a rebuild, or a load whose index fits its dataset.
#[test]
fn no_damage_to_a_cache_makes_a_load_panic_or_show_another_dataset() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 9);
    let cache = tmp.path().join("cache");
    let (good, _) = load(&path, &cache);
    let file = cache_file(&cache, &path);
    let bytes = std::fs::read(&file).expect("cache");
    let (key, stat, sections) = sections_of(&file).expect("sections");
    let runner = || {
        TestRunner::new(Config {
            cases: 100,
            failure_persistence: None,
            ..Config::default()
        })
    };
    let raw = prop::collection::vec(mutation(), 1..4);
    runner()
        .run(&raw, |ms| {
            let mut b = bytes.clone();
            for m in &ms {
                m.apply(&mut b);
            }
            std::fs::write(&file, &b).expect("write");
            let (loaded, _) = load(&path, &cache);
            prop_assert!(loaded == good, "another dataset after {ms:?}");
            Ok(())
        })
        .expect("raw damage");
    // Half the cases damage the index, whose numbers views trust.
    let index_sections: Vec<usize> = (0..sections.len())
        .filter(|&i| matches!(sections[i].0, Kind::Index | Kind::ClaimIds | Kind::OtherIds))
        .collect();
    let resealed = (
        any::<bool>(),
        any::<prop::sample::Index>(),
        prop::collection::vec(mutation(), 1..4),
    );
    runner()
        .run(&resealed, |(in_index, which, ms)| {
            let mut s = sections.clone();
            let i = if in_index {
                index_sections[which.index(index_sections.len())]
            } else {
                which.index(s.len())
            };
            for m in &ms {
                m.apply(&mut s[i].1);
            }
            std::fs::write(&file, reseal(&key, stat, &s)).expect("write");
            let (loaded, outcome) = load(&path, &cache);
            match outcome {
                CacheOutcome::Hit => views_can_read(&loaded),
                _ => prop_assert!(loaded == good, "a rebuild differs after {ms:?}"),
            }
            Ok(())
        })
        .expect("resealed damage");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_device_in_place_of_the_cache_is_replaced_without_hanging() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 10);
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(&cache).expect("mkdir");
    let file = cache_file(&cache, &path);
    mkfifo(&file);
    // Nobody writes to the FIFO: opening it to read would block forever.
    let (loaded, outcome) = load(&path, &cache);
    assert_eq!(outcome, CacheOutcome::Miss);
    assert_eq!(loaded.dataset.claims.len(), 60);
    assert!(std::fs::symlink_metadata(&file).expect("cache").is_file());
    assert_eq!(load(&path, &cache).1, CacheOutcome::Hit);
    // A device behind a symlink: endless zeros, never read; the link is
    // replaced, the device untouched.
    std::fs::remove_file(&file).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &file).expect("symlink");
    assert_eq!(load(&path, &cache).1, CacheOutcome::Miss);
    assert!(std::fs::symlink_metadata(&file).expect("cache").is_file());
    assert_eq!(load(&path, &cache).1, CacheOutcome::Hit);
}

#[cfg(unix)]
#[test]
fn a_dataset_from_a_pipe_loads_without_the_cache() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let source = dataset_in(tmp.path(), 11);
    let pipe = tmp.path().join("pipe.ron");
    mkfifo(&pipe);
    let text = std::fs::read(&source).expect("text");
    let writer = {
        let pipe = pipe.clone();
        // Blocks in open until the load opens the other end.
        std::thread::spawn(move || std::fs::write(&pipe, text))
    };
    let cache = tmp.path().join("cache");
    let (loaded, outcome) = load_path_cached(&pipe, Some(&cache)).expect("loads");
    writer.join().expect("writer").expect("written");
    assert_eq!(outcome, CacheOutcome::Disabled);
    assert_eq!(loaded.dataset.claims.len(), 60);
    assert!(!cache_file(&cache, &pipe).exists());
}

#[test]
fn an_unwritable_cache_is_not_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 4);
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
    let table = read_table(&cache_file(&cache, &path)).expect("table");
    let chunks = table.entries.iter().filter(|e| e.kind == Kind::Claims);
    assert_eq!(chunks.count(), 6);
    let (second, outcome) = load(&path, &cache);
    assert_eq!(outcome, CacheOutcome::Hit);
    assert_eq!(first, second);
}

#[test]
fn abandoned_temporary_files_are_removed_fresh_ones_kept() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 7);
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(&cache).expect("mkdir");
    let name = cache_file(&cache, &path);
    let name = name.file_name().expect("name").to_string_lossy();
    let old = cache.join(format!(".{name}.00000000000000aa.tmp"));
    let fresh = cache.join(format!(".{name}.00000000000000bb.tmp"));
    // Old, but not one of ours: never touched.
    let other = cache.join(format!(".{name}.notours.tmp"));
    for f in [&old, &fresh, &other] {
        std::fs::write(f, b"partial").expect("write");
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    for f in [&old, &other] {
        File::options()
            .write(true)
            .open(f)
            .and_then(|f| f.set_modified(two_hours_ago))
            .expect("age the file");
    }
    load(&path, &cache);
    assert!(!old.exists() && fresh.exists() && other.exists());
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
    let path = dataset_in(tmp.path(), 5);
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

#[test]
fn a_resealed_copy_of_a_cache_is_still_a_hit() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 12);
    let cache = tmp.path().join("cache");
    let (good, _) = load(&path, &cache);
    let file = cache_file(&cache, &path);
    let (key, stat, sections) = sections_of(&file).expect("sections");
    let bytes = std::fs::read(&file).expect("cache");
    assert_eq!(reseal(&key, stat, &sections), bytes, "the writer's layout");
    assert_eq!(load(&path, &cache), (good, CacheOutcome::Hit));
}

/// Sets a file's mtime.
pub(super) fn touch(path: &Path, to: std::time::SystemTime) {
    File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(to))
        .expect("set mtime");
}

pub(super) fn open(path: &Path, cache: &Path) -> Opened {
    match open_cached(path, Some(cache), &mut |_| {}) {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    }
}

#[cfg(unix)]
#[test]
fn unchanged_stat_data_skips_the_hash_and_the_content_is_checked_later() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 13);
    let cache = tmp.path().join("cache");
    let (good, _) = load(&path, &cache);
    let file = cache_file(&cache, &path);
    // The cache written well after the dataset last changed: not racy.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    touch(&file, later);
    let opened = open(&path, &cache);
    assert_eq!(opened.outcome, CacheOutcome::Hit);
    assert_eq!(opened.loaded, good);
    let check = opened.verification.expect("checked in the background");
    assert_eq!(check.path(), path.as_path());
    assert!(check.unchanged());
    assert!(file.exists());

    // Racy: the dataset changed in the very tick the cache was written.
    let dataset_mtime = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    touch(&file, dataset_mtime);
    let opened = open(&path, &cache);
    assert_eq!(opened.outcome, CacheOutcome::Hit);
    assert!(opened.verification.is_none(), "hashed before use");
}

#[cfg(unix)]
#[test]
fn content_that_differs_behind_unchanged_stat_data_is_found_and_reloaded() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = dataset_in(tmp.path(), 14);
    let cache = tmp.path().join("cache");
    let (good, _) = load(&path, &cache);
    let file = cache_file(&cache, &path);
    // A cache whose stat data matches the file but whose content key is of
    // other bytes: what a change the stat data missed looks like.
    let (_, stat, sections) = sections_of(&file).expect("sections");
    assert!(stat.is_some(), "stat data recorded");
    std::fs::write(&file, reseal(&key::cache_key(b"other"), stat, &sections)).expect("write");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    touch(&file, later);
    // The plain loaders never trust stat data.
    let forged = std::fs::read(&file).expect("forged");
    assert_eq!(load(&path, &cache).1, CacheOutcome::Miss);
    std::fs::write(&file, &forged).expect("write");
    touch(&file, later);
    let opened = open(&path, &cache);
    assert_eq!(opened.outcome, CacheOutcome::Hit);
    let check = opened.verification.expect("checked in the background");
    assert!(!check.unchanged(), "the content differs");
    assert!(!file.exists(), "the stale cache is gone");
    let (again, version) = Verification::reload(&path, &cache, &mut |_| {}).expect("reload");
    assert_eq!(again, good);
    let bytes = std::fs::read(&path).expect("dataset");
    assert_eq!(
        version.expect("the version read").digest,
        blake3::hash(&bytes),
        "the reload says which bytes it read"
    );
    assert!(file.exists(), "rewritten");
}
