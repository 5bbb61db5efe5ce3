//! End-to-end: the annotation file is replaced from outside while
//! claimtrack runs (`cp` to a temporary name, then `mv`, as `git pull`
//! does). The other analyst's work and ours both survive. Real binary, pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use std::path::{Path, PathBuf};

use claimtrack::model::{AnnotationSet, Edit, Status};
use jiff::Timestamp;
use pty::Tui;

fn file(home: &Path) -> PathBuf {
    home.join("data/claimtrack/nk-troops-ukraine.annotations.ron")
}

fn read(path: &Path) -> AnnotationSet {
    let text = std::fs::read_to_string(path).expect("annotation file");
    ron::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Bob's version of the file as it is now, with his work on c10 and c11,
/// written to a temporary name and renamed over it.
fn pull_bobs_work(path: &Path) {
    let mut bob = read(path);
    let at = Timestamp::from_second(1_735_689_600).expect("time");
    bob.apply("c10", &Edit::Status(Status::False), "bob", at);
    bob.apply(
        "c11",
        &Edit::Note("bob checked the source".into()),
        "bob",
        at,
    );
    let text = claimtrack::model::store::to_ron(&bob).expect("encode");
    let tmp = path.with_file_name(".pull.tmp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("mv");
}

fn assert_everyone_survived(set: &AnnotationSet) {
    let by_ana = |s: Status| {
        set.claims
            .values()
            .any(|a| a.status == s && a.by.as_deref() == Some("ana"))
    };
    assert!(by_ana(Status::Verified), "ana's 3: {set:?}");
    assert!(by_ana(Status::InProgress), "ana's 2: {set:?}");
    assert_eq!(set.status("c10"), Status::False, "bob's c10");
    assert_eq!(
        set.get("c11").map(|a| a.note.as_str()),
        Some("bob checked the source")
    );
}

#[test]
fn a_pull_while_running_is_merged_and_announced() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&["--analyst", "ana"], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("3");
    t.wait_for("status = Verified on 1 claim");
    t.keys("j2");
    t.wait_for("status = InProgress on 1 claim");
    pull_bobs_work(&file(home.path()));
    // The next tick notices the new file and says who changed what.
    t.wait_for("2 claims changed on disk by bob");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    assert_everyone_survived(&read(&file(home.path())));
}

#[test]
fn a_pull_then_kill_9_loses_nobodys_work() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut t = Tui::spawn(&["--analyst", "ana"], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("3");
    t.wait_for("status = Verified on 1 claim");
    t.keys("j2");
    t.wait_for("status = InProgress on 1 claim");
    pull_bobs_work(&file(home.path()));
    t.kill9();

    let mut t = Tui::spawn(&["--analyst", "ana"], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let dir = file(home.path());
    let names: Vec<String> = std::fs::read_dir(dir.parent().expect("dir"))
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("corrupt")),
        "nothing moved aside: {names:?}"
    );
    assert_everyone_survived(&read(&dir));
}
