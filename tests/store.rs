//! The annotation store against real processes: a second instance, and
//! `kill -9` in the middle of work.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use claimtrack::model::store::{AnnotationStore, OpenError, ReadOnly, read_annotations};
use claimtrack::model::{Edit, Status};

const CHILD_ENV: &str = "CLAIMTRACK_STORE_TEST_CHILD";
const DS: &str = "ds";

fn open(path: &Path) -> AnnotationStore {
    match AnnotationStore::open(path, DS, "parent") {
        Ok(s) => s,
        Err(OpenError::Damaged(d)) => panic!("damaged: {}", d.damage()),
        Err(e) => panic!("open: {e}"),
    }
}

/// Not a test of its own: the body of the child process spawned by
/// `kill_9_in_the_middle_of_work_loses_nothing_acknowledged`. It applies
/// changes and reports each one once `apply` returned Ok, until killed.
#[test]
fn store_child_process() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut store = open(Path::new(&path));
    let mut out = std::io::stdout().lock();
    let statuses = [Status::Verified, Status::False, Status::Disputed];
    for i in 0..100_000usize {
        let claim = format!("c{:03}", i % 500);
        let edit = Edit::Status(statuses[i % 3]);
        if let Err(e) = store.apply(&claim, &edit) {
            panic!("apply {i}: {e}");
        }
        if writeln!(out, "saved {i}")
            .and_then(|()| out.flush())
            .is_err()
        {
            break;
        }
    }
    // Only reached if nobody kills us: end rather than linger.
    std::process::abort();
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn kill_9_in_the_middle_of_work_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ds.annotations.ron");
    let exe = std::env::current_exe().expect("test binary");
    let child = Command::new(exe)
        .args([
            "--exact",
            "store_child_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child");
    let mut child = KillOnDrop(child);
    let stdout = child.0.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut wait_for = |n: usize| loop {
        match lines.next() {
            Some(Ok(line)) if line == format!("saved {n}") => break,
            Some(Ok(_)) => continue,
            other => panic!("child stopped before saving {n}: {other:?}"),
        }
    };

    wait_for(20);
    // A second instance, in another process: read-only, naming the holder.
    let second = open(&path);
    assert_eq!(
        second.read_only(),
        Some(&ReadOnly::Locked {
            pid: Some(child.0.id())
        })
    );
    assert!(second.set().history.len() >= 21, "it sees the journal too");
    drop(second);

    wait_for(300);
    child.0.kill().expect("kill -9");
    let status = child.0.wait().expect("wait");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "{status:?}");
    }
    // Every line the child printed came after `apply` returned Ok; the parent
    // may be a few lines behind, so only the ones read are checked.
    let exported = read_annotations(&path).expect("read without lock");
    let store = open(&path);
    assert!(!store.is_read_only(), "the lock died with the process");
    let set = store.set();
    assert_eq!(set, &exported);
    let n = set.history.len();
    assert!(n > 300, "{n} changes recovered");
    assert!(store.report().recovered > 0 && store.report().torn <= 1);
    let statuses = [Status::Verified, Status::False, Status::Disputed];
    for (i, change) in set.history.iter().enumerate() {
        assert_eq!(change.claim, format!("c{:03}", i % 500));
        assert_eq!(change.new, statuses[i % 3].label());
    }
    // The newest change of each claim is the claim's status.
    for i in n.saturating_sub(500)..n {
        assert_eq!(set.status(&format!("c{:03}", i % 500)), statuses[i % 3]);
    }
    store.close().expect("close");
    assert!(!path.with_extension("ron.journal").exists());
}
