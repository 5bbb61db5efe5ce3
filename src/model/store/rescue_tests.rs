//! Rescue copies with real files: a full file system (a tiny tmpfs, filled,
//! when this process may mount one; else a directory that is a regular file,
//! which refuses every write as well), fallbacks, merging and declining.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jiff::Timestamp;

use super::rescue::{DECLINED, MERGED, RescueError};
use super::*;
use crate::model::annotation::Status;

const DS: &str = "ds";

fn t(n: i64) -> Timestamp {
    Timestamp::from_second(1_729_590_000 + n).expect("timestamp")
}

/// A directory that refuses every write, as a full disk does; undone on drop.
struct Full {
    dir: PathBuf,
    mounted: bool,
    away: Option<PathBuf>,
}

impl Full {
    fn over(dir: &Path) -> Self {
        std::fs::create_dir_all(dir).expect("dir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if mounted {
            let mut f = std::fs::File::create(dir.join("filler")).expect("filler");
            while f.write_all(&[0u8; 4096]).is_ok() {}
            let _ = f.sync_all();
            return Self {
                dir: dir.to_owned(),
                mounted,
                away: None,
            };
        }
        let away = paths::sibling(dir, ".away");
        std::fs::rename(dir, &away).expect("move away");
        std::fs::write(dir, "not a directory").expect("block");
        Self {
            dir: dir.to_owned(),
            mounted,
            away: Some(away),
        }
    }

    fn repair(&mut self) {
        if self.mounted {
            let ok = Command::new("umount").arg(&self.dir).status();
            assert!(ok.is_ok_and(|s| s.success()), "umount");
            self.mounted = false;
        }
        if let Some(away) = self.away.take() {
            std::fs::remove_file(&self.dir).expect("unblock");
            std::fs::rename(away, &self.dir).expect("move back");
        }
    }
}

impl Drop for Full {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(&self.dir).status();
        }
    }
}

struct Setup {
    tmp: tempfile::TempDir,
    file: PathBuf,
}

impl Setup {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("data/ds.annotations.ron");
        Self { tmp, file }
    }
    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }
    fn dir(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }
    fn open(&self, analyst: &str) -> AnnotationStore {
        match AnnotationStore::open(&self.file, DS, analyst) {
            Ok(s) => s,
            Err(e) => panic!("open: {e}"),
        }
    }
}

/// c1 Verified saved; then the disk fills and c2 False stays pending.
fn pending_on_a_full_disk(s: &Setup) -> (AnnotationStore, Full) {
    let mut store = s.open("ana");
    store
        .apply_at("c1", &Edit::Status(Status::Verified), t(1))
        .expect("saved");
    let full = Full::over(&s.data());
    let err = store.apply_at("c2", &Edit::Status(Status::False), t(2));
    assert!(matches!(err, Err(StoreError::NotSaved { .. })), "{err:?}");
    assert_eq!(store.pending_count(), 1);
    (store, full)
}

fn read(path: &Path) -> AnnotationSet {
    let text = std::fs::read_to_string(path).expect("read");
    ron::from_str(&text).expect("an annotation file")
}

#[test]
fn the_rescue_goes_to_the_first_writable_directory() {
    let s = Setup::new();
    let (mut store, _full) = pending_on_a_full_disk(&s);
    // Second choice unusable too: its parent is a regular file.
    std::fs::write(s.dir("blocker"), "x").expect("blocker");
    let state = s.dir("blocker/state");
    let tmpdir = s.dir("tmpdir");
    let path = store
        .write_rescue_in(&[s.data(), state, tmpdir.clone()])
        .expect("rescued");
    assert_eq!(path.parent(), Some(tmpdir.as_path()), "{path:?}");
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(name.starts_with("ds.annotations.ron.rescue-"), "{name}");
    // The copy holds everything, the pending change included; its base what the disk held.
    let rescued = read(&path);
    assert_eq!(rescued.status("c1"), Status::Verified);
    assert_eq!(rescued.status("c2"), Status::False);
    let base = read(&paths::sibling(&path, ".base"));
    assert_eq!(base.status("c1"), Status::Verified);
    assert_eq!(base.status("c2"), Status::Unreviewed);
    // Nothing half-written was left in the full directory.
    let left: Vec<_> = std::fs::read_dir(s.data())
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.iter().all(|n| !n.to_string_lossy().contains("rescue")),
        "{left:?}"
    );
}

#[test]
fn nothing_pending_or_nowhere_to_write_is_said() {
    let s = Setup::new();
    let mut store = s.open("ana");
    store
        .apply_at("c1", &Edit::Status(Status::Verified), t(1))
        .expect("saved");
    assert!(matches!(
        store.write_rescue_in(&[s.dir("any")]),
        Err(RescueError::NothingPending)
    ));
    let _full = Full::over(&s.data());
    assert!(
        store
            .apply_at("c2", &Edit::Status(Status::False), t(2))
            .is_err()
    );
    std::fs::write(s.dir("blocker"), "x").expect("blocker");
    let err = store
        .write_rescue_in(&[s.data(), s.dir("blocker/state")])
        .expect_err("nowhere");
    let text = err.to_string();
    assert!(
        matches!(err, RescueError::NoDirectory(ref v) if v.len() == 2),
        "{text}"
    );
    assert!(text.contains("data") && text.contains("blocker"), "{text}");
    assert_eq!(store.pending_count(), 1, "still held in memory");
}

#[test]
fn the_default_order_is_data_dir_state_dir_then_tmpdir() {
    let dirs = rescue::rescue_dirs(Path::new("/d"));
    assert_eq!(dirs.first().map(PathBuf::as_path), Some(Path::new("/d")));
    assert_eq!(dirs.last(), Some(&std::env::temp_dir()));
}

#[test]
fn a_rescue_is_merged_at_the_next_start_and_offered_only_once() {
    let s = Setup::new();
    let (mut store, mut full) = pending_on_a_full_disk(&s);
    let dirs = [s.data(), s.dir("state")];
    let path = store.write_rescue_in(&dirs).expect("rescued");
    drop(store);
    full.repair();

    let mut store = s.open("ana");
    assert_eq!(
        store.set().status("c2"),
        Status::Unreviewed,
        "lost without it"
    );
    let found = store.find_rescues_in(&dirs);
    assert_eq!(found.found, vec![path.clone()]);
    let report = store.merge_rescue(&path).expect("merged");
    assert!(report.incoming.contains_key("c2"), "{report:?}");
    assert_eq!(store.set().status("c2"), Status::False);
    assert!(store.set().history_of("c2").count() == 1);
    assert!(paths::sibling(&path, MERGED).is_file());
    assert!(store.find_rescues_in(&dirs).found.is_empty());
    store.close().expect("close");
    let store = s.open("ana");
    assert_eq!(store.set().status("c2"), Status::False, "saved");
    assert_eq!(store.set().status("c1"), Status::Verified);
}

#[test]
fn a_colleagues_later_change_is_kept_and_the_same_field_conflicts() {
    let s = Setup::new();
    let (mut store, mut full) = pending_on_a_full_disk(&s);
    let dirs = [s.dir("state")];
    let path = store.write_rescue_in(&dirs).expect("rescued");
    drop(store);
    full.repair();
    // Meanwhile bob changes c1 (which the rescue did not touch) and c2.
    let mut bob = s.open("bob");
    bob.apply_at("c1", &Edit::Status(Status::Misleading), t(5))
        .expect("saved");
    bob.apply_at("c2", &Edit::Status(Status::Verified), t(6))
        .expect("saved");
    bob.close().expect("close");

    let mut store = s.open("ana");
    store.merge_rescue(&path).expect("merged");
    assert_eq!(store.set().status("c1"), Status::Misleading, "bob's kept");
    assert_eq!(store.conflict_count(), 1, "c2: both kept");
}

#[test]
fn a_declined_rescue_is_kept_aside_and_not_offered_again() {
    let s = Setup::new();
    let (mut store, mut full) = pending_on_a_full_disk(&s);
    let dirs = [s.dir("state")];
    let path = store.write_rescue_in(&dirs).expect("rescued");
    drop(store);
    full.repair();
    let mut store = s.open("ana");
    let to = store.decline_rescue(&path).expect("declined");
    assert_eq!(to, paths::sibling(&path, DECLINED));
    assert!(to.is_file() && !path.exists());
    assert!(store.find_rescues_in(&dirs).found.is_empty());
    assert_eq!(store.set().status("c2"), Status::Unreviewed);
}

#[test]
fn only_our_datasets_regular_rescue_files_are_offered() {
    let s = Setup::new();
    let store = s.open("ana");
    let dir = s.dir("state");
    std::fs::create_dir_all(&dir).expect("dir");
    let mut other = AnnotationSet::new("other");
    other.apply("c1", &Edit::Status(Status::False), "x", t(1));
    let other_text = to_ron(&other).expect("ron");
    std::fs::write(dir.join("ds.annotations.ron.rescue-1"), &other_text).expect("write");
    let mut ours = AnnotationSet::new(DS);
    ours.apply("c1", &Edit::Status(Status::False), "x", t(1));
    let target = dir.join("elsewhere.ron");
    std::fs::write(&target, to_ron(&ours).expect("ron")).expect("write");
    std::os::unix::fs::symlink(&target, dir.join("ds.annotations.ron.rescue-2")).expect("link");
    std::fs::write(dir.join("ds.annotations.ron.rescue-3"), "garbage(").expect("write");
    std::fs::write(
        dir.join("ds.annotations.ron.rescue-4.merged"),
        to_ron(&ours).expect("ron"),
    )
    .expect("write");
    let found = store.find_rescues_in(&[dir]);
    assert!(found.found.is_empty(), "{found:?}");
    assert_eq!(found.unreadable.len(), 1, "{found:?}");
}
