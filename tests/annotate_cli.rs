//! `claimtrack annotate`: through the store, the file holds the change on
//! exit; unknown claims and a held lock write nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use claimtrack::model::store::{AnnotationStore, read_annotations};
use claimtrack::model::{Reliability, Status};

fn annotate(file: &Path, args: &[&str]) -> std::process::Output {
    cargo_bin_cmd!("claimtrack")
        .arg("annotate")
        .args(args)
        .arg("--annotations")
        .arg(file)
        .args(["--analyst", "ana"])
        .output()
        .expect("run")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("ls")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_file_holds_the_change_on_exit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("nk.annotations.ron");
    let out = annotate(
        &file,
        &[
            "c04",
            "c05",
            "--status",
            "verified",
            "--reliability",
            "b",
            "--credibility",
            "2",
            "--note",
            "two sources",
            "--add-tag",
            "troops",
            "--evidence",
            "https://example.org/a",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // No journal left: the snapshot alone is the state, ready to commit.
    assert!(!dir.path().join("nk.annotations.ron.journal").exists());
    let text = std::fs::read_to_string(&file).expect("read");
    let set: claimtrack::model::AnnotationSet = ron::from_str(&text).expect("parse");
    let a = set.get("c05").expect("annotated");
    assert_eq!(
        (a.status, a.reliability),
        (Status::Verified, Some(Reliability::B))
    );
    assert_eq!(a.note, "two sources");
    assert_eq!(a.tags, ["troops"]);
    assert_eq!(a.by.as_deref(), Some("ana"));
    assert_eq!(set.history.len(), 12);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("saved 12 changes"), "{stdout}");

    let out = annotate(
        &file,
        &["c04", "--remove-tag", "troops", "--reliability", "none"],
    );
    assert!(out.status.success());
    let set = read_annotations(&file).expect("read");
    let a = set.get("c04").expect("annotated");
    assert!(a.tags.is_empty() && a.reliability.is_none());
    assert_eq!(set.get("c05").map(|a| a.tags.len()), Some(1));
}

#[test]
fn unknown_claim_exits_2_naming_it_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("nk.annotations.ron");
    let out = annotate(&file, &["c04", "c999", "--status", "false"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"c999\""));
    assert!(
        names_in(dir.path()).is_empty(),
        "{:?}",
        names_in(dir.path())
    );
    for bad in [
        &["c04", "--status", "maybe"][..],
        &["c04", "--credibility", "7"],
        &["c04"],
    ] {
        let out = annotate(&file, bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn a_held_lock_exits_1_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("nk.annotations.ron");
    let mut holder = AnnotationStore::open(&file, "nk-troops-ukraine", "bob").expect("open");
    holder
        .apply("c01", &claimtrack::model::Edit::Status(Status::False))
        .expect("apply");
    let before = std::fs::read(&file).expect("read");
    let out = annotate(&file, &["c04", "--status", "verified"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("open in another claimtrack") && err.contains("nothing written"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
    holder.close().expect("close");
    let set = read_annotations(&file).expect("read");
    assert_eq!(set.status("c04"), Status::Unreviewed);
    assert_eq!(set.status("c01"), Status::False);
}

#[test]
fn csv_import_is_all_or_nothing_and_reads_an_export_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("nk.annotations.ron");
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "id,status,note\nc04,Verified,ok\nc05,False,'=1+1\nc404,False,x\n",
    )
    .expect("write");
    let out = annotate(&file, &["--from", csv.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in.csv:4: claim \"c404\""), "{err}");
    assert!(!file.exists());

    std::fs::write(&csv, "id,status,note\nc04,Verified,ok\nc05,False,'=1+1\n").expect("write");
    let out = annotate(&file, &["--from", csv.to_str().expect("utf8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let set = read_annotations(&file).expect("read");
    assert_eq!(set.get("c05").map(|a| a.note.as_str()), Some("=1+1"));

    // An export, edited or not, reads back as the same annotations.
    let export = cargo_bin_cmd!("claimtrack")
        .args(["export", "--format", "csv", "--annotations"])
        .arg(&file)
        .output()
        .expect("export");
    let round = dir.path().join("round.annotations.ron");
    std::fs::write(&csv, &export.stdout).expect("write");
    let out = annotate(&round, &["--from", csv.to_str().expect("utf8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = read_annotations(&round).expect("read");
    for id in ["c04", "c05"] {
        let (a, b) = (set.get(id).expect("a"), back.get(id).expect("b"));
        assert_eq!(
            (a.status, &a.note, &a.tags),
            (b.status, &b.note, &b.tags),
            "{id}"
        );
    }
}

/// A CSV import is one action: one journal record and one `fdatasync`,
/// whatever its size (a crash then leaves all of it or none of it), and
/// not one per row. Counted with strace, where the machine has it.
#[test]
fn a_csv_import_is_one_journal_record_with_one_fdatasync() {
    if std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("strace not installed: skipping the fdatasync count");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("nk.annotations.ron");
    // A snapshot exists, so the import goes through the journal.
    let out = annotate(&file, &["c01", "--status", "Verified"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut csv = String::from("id,status,note\n");
    for i in 2..=22 {
        csv.push_str(&format!("c{i:02},False,row {i}\n"));
    }
    let input = dir.path().join("in.csv");
    std::fs::write(&input, csv).expect("write");
    let log = dir.path().join("strace.log");
    let out = std::process::Command::new("strace")
        .args(["-f", "-e", "trace=fdatasync,fsync", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["annotate", "--from"])
        .arg(&input)
        .arg("--annotations")
        .arg(&file)
        .args(["--analyst", "ana"])
        .output()
        .expect("strace");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trace = std::fs::read_to_string(&log).expect("log");
    let syncs = trace
        .lines()
        .filter(|l| l.contains("fdatasync(") || l.contains("fsync("))
        .count();
    // 42 edits: one journal record, then the fold (temp file and directory).
    assert!(syncs <= 6, "{syncs} syncs for one import:\n{trace}");
    let set = read_annotations(&file).expect("read");
    assert_eq!(set.get("c22").map(|a| a.note.as_str()), Some("row 22"));
}
