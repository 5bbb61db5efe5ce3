//! The annotation file changed under an open store (`git pull`, a copy) and
//! planted siblings: nobody's work is lost or written through a symlink.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::*;
use crate::model::annotation::Status;

const DS: &str = "ds";

fn t(n: i64) -> Timestamp {
    Timestamp::from_second(1_729_590_000 + n).expect("timestamp")
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("ds.annotations.ron");
    (tmp, file)
}

fn open(file: &Path, analyst: &str) -> AnnotationStore {
    match AnnotationStore::open(file, DS, analyst) {
        Ok(s) => s,
        Err(e) => panic!("open: {e}"),
    }
}

fn set_status(store: &mut AnnotationStore, claim: &str, s: Status, n: i64) {
    if let Err(e) = store.apply_at(claim, &Edit::Status(s), t(n)) {
        panic!("apply: {e}");
    }
}

/// What `git pull` does: the other analyst's version is written to a
/// temporary name and renamed over the file.
fn pull(file: &Path, theirs: &AnnotationSet) {
    let tmp = file.with_file_name(".ds.annotations.ron.pull");
    std::fs::write(&tmp, to_ron(theirs).expect("encode")).expect("write");
    std::fs::rename(&tmp, file).expect("rename");
}

/// Bob's copy: the file as it is now, plus his work on c10 and c11.
fn bobs_version(file: &Path) -> AnnotationSet {
    let text = std::fs::read_to_string(file).expect("read");
    let mut set: AnnotationSet = ron::from_str(&text).expect("parse");
    set.apply("c10", &Edit::Status(Status::False), "bob", t(50));
    set.apply("c11", &Edit::Note("bob's source".into()), "bob", t(51));
    set
}

fn on_disk(file: &Path) -> AnnotationSet {
    ron::from_str(&std::fs::read_to_string(file).expect("read")).expect("parse")
}

fn assert_both(set: &AnnotationSet) {
    assert_eq!(set.status("c03"), Status::Verified, "ours");
    assert_eq!(set.status("c04"), Status::InProgress, "ours (journal)");
    assert_eq!(set.status("c10"), Status::False, "bob's");
    assert_eq!(
        set.get("c11").map(|a| a.note.as_str()),
        Some("bob's source")
    );
}

#[test]
fn a_pull_while_open_is_merged_on_close_not_overwritten() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::Verified, 1); // writes the file
    set_status(&mut store, "c04", Status::InProgress, 2); // journal only
    pull(&file, &bobs_version(&file));
    store.close().expect("close");
    assert_both(&on_disk(&file));
}

#[test]
fn a_pull_with_no_edit_after_it_is_merged_too() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::Verified, 1);
    set_status(&mut store, "c04", Status::InProgress, 2);
    let theirs = bobs_version(&file);
    pull(&file, &theirs);
    // A compaction (the journal outgrew its limit) merges before writing.
    store.compact().expect("compact");
    assert_both(&on_disk(&file));
    drop(store);
    assert_both(&on_disk(&file));
}

#[test]
fn polling_notices_a_pull_and_says_who_changed_what() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::Verified, 1);
    assert_eq!(store.poll_outside().expect("poll"), None);
    set_status(&mut store, "c04", Status::InProgress, 2);
    pull(&file, &bobs_version(&file));
    let report = store.poll_outside().expect("poll").expect("a change");
    assert_eq!(
        report.summary("on disk").as_deref(),
        Some("2 claims changed on disk by bob")
    );
    assert_both(store.set());
    // Written back at once, journal folded in.
    assert_both(&on_disk(&file));
    assert_eq!(store.poll_outside().expect("poll"), None);
    // Our later edits extend the merged file.
    set_status(&mut store, "c05", Status::Disputed, 3);
    store.close().expect("close");
    let after = on_disk(&file);
    assert_both(&after);
    assert_eq!(after.status("c05"), Status::Disputed);
}

#[test]
fn touching_the_file_without_changing_it_is_no_change() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::Verified, 1);
    let text = std::fs::read(&file).expect("read");
    // Same bytes, new inode and times.
    let tmp = file.with_file_name("copy");
    std::fs::write(&tmp, &text).expect("write");
    std::fs::rename(&tmp, &file).expect("rename");
    assert_eq!(store.poll_outside().expect("poll"), None);
}

#[test]
fn both_changing_one_field_keeps_both_values_as_a_conflict() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::InProgress, 1);
    let mut theirs = on_disk(&file);
    theirs.apply("c03", &Edit::Status(Status::False), "bob", t(5));
    set_status(&mut store, "c03", Status::Verified, 6);
    pull(&file, &theirs);
    let report = store.poll_outside().expect("poll").expect("a change");
    assert_eq!((report.new_conflicts, store.conflict_count()), (1, 1));
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("format: 2"), "{text}");
    let c = on_disk(&file);
    let conflict = c
        .conflict("c03", crate::model::AnnotationField::Status)
        .expect("kept in the file");
    assert_eq!(conflict.describe(), "False (bob) | Verified (ana)");
}

#[test]
fn a_changed_file_that_cannot_be_read_is_never_overwritten() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::Verified, 1);
    set_status(&mut store, "c04", Status::InProgress, 2);
    let markers = "<<<<<<< HEAD\nAnnotationSet(\n=======\n>>>>>>> theirs\n";
    std::fs::write(&file, markers).expect("write");
    assert!(store.poll_outside().is_err());
    assert!(store.compact().is_err());
    // Closing keeps our work in the journal and the file as it is.
    let _ = store.close();
    assert_eq!(std::fs::read_to_string(&file).expect("read"), markers);
    let journal = std::fs::read_to_string(paths::sibling(&file, ".journal")).expect("journal");
    assert!(journal.contains("c04"), "{journal}");
}

#[test]
fn after_kill_9_a_journal_is_replayed_onto_a_pulled_file() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::Verified, 1);
    set_status(&mut store, "c04", Status::InProgress, 2);
    let mut theirs = bobs_version(&file);
    // Bob's history is longer, so our journal's positions do not fit it.
    theirs.apply("c12", &Edit::Status(Status::Misleading), "bob", t(52));
    store.crash();
    pull(&file, &theirs);
    let store = open(&file, "ana");
    assert!(store.report().replayed_onto, "{:?}", store.report());
    assert_eq!(store.report().moved_aside, Vec::<PathBuf>::new());
    assert_both(store.set());
    store.close().expect("close");
    assert_both(&on_disk(&file));
}

#[test]
fn a_read_only_store_follows_the_file() {
    let (_tmp, file) = setup();
    let mut writer = open(&file, "ana");
    set_status(&mut writer, "c03", Status::Verified, 1);
    let mut reader = open(&file, "bob");
    assert!(reader.is_read_only());
    set_status(&mut writer, "c04", Status::InProgress, 2);
    writer.compact().expect("compact");
    let report = reader.poll_outside().expect("poll").expect("a change");
    assert_eq!(report.incoming.len(), 1);
    assert_eq!(reader.set().status("c04"), Status::InProgress);
}

// ----- item 2: siblings are never followed through symlinks -----

#[cfg(unix)]
fn plant(link: &Path, victim: &Path) {
    std::fs::write(victim, b"precious").expect("victim");
    std::os::unix::fs::symlink(victim, link).expect("symlink");
}

#[cfg(unix)]
#[test]
fn a_planted_journal_symlink_is_refused_and_its_target_untouched() {
    let (tmp, file) = setup();
    let victim = tmp.path().join("victim");
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::Verified, 1);
    plant(&paths::sibling(&file, ".journal"), &victim);
    let err = store
        .apply_at("c04", &Edit::Status(Status::False), t(2))
        .expect_err("refused");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
    // The change is kept pending, never lost; a full rewrite saves it.
    assert_eq!(store.pending_count(), 1);
    assert_eq!(store.retry_pending().expect("retry"), 1);
    drop(store);
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
    assert_eq!(on_disk(&file).status("c04"), Status::False);
}

#[cfg(unix)]
#[test]
fn a_planted_lock_symlink_makes_the_store_read_only_not_a_writer_through_it() {
    let (tmp, file) = setup();
    let victim = tmp.path().join("victim");
    plant(&paths::sibling(&file, ".lock"), &victim);
    let store = open(&file, "ana");
    let why = store.read_only().map(ReadOnly::notice).unwrap_or_default();
    assert!(why.contains("symbolic link"), "{why}");
    drop(store);
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
}

#[cfg(unix)]
#[test]
fn a_planted_fixed_temp_name_is_never_written_through() {
    let (tmp, file) = setup();
    let victim = tmp.path().join("victim");
    plant(&paths::sibling(&file, ".tmp"), &victim);
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::Verified, 1);
    store.close().expect("close");
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
    assert_eq!(on_disk(&file).status("c03"), Status::Verified);
}

#[cfg(unix)]
#[test]
fn a_symlinked_annotation_file_keeps_its_siblings_beside_the_target() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let real_dir = tmp.path().join("repo");
    std::fs::create_dir(&real_dir).expect("dir");
    let target = real_dir.join("ds.annotations.ron");
    std::fs::write(&target, to_ron(&AnnotationSet::new(DS)).expect("encode")).expect("write");
    let link = tmp.path().join("link.ron");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let mut store = open(&link, "ana");
    set_status(&mut store, "c03", Status::Verified, 1);
    set_status(&mut store, "c04", Status::False, 2);
    assert!(paths::sibling(&target, ".journal").exists());
    assert!(paths::sibling(&target, ".lock").exists());
    assert!(!paths::sibling(&link, ".journal").exists());
    store.close().expect("close");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    assert_eq!(on_disk(&target).status("c04"), Status::False);
}

// ----- item 4: one record per user action -----

fn bulk(n: usize, s: Status) -> Vec<(String, Edit)> {
    (0..n)
        .map(|i| (format!("b{i:05}"), Edit::Status(s)))
        .collect()
}

#[test]
fn a_bulk_edit_of_10k_claims_is_one_journal_record() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c01", Status::Verified, 1); // writes the file
    let journal = paths::sibling(&file, ".journal");
    let before = std::fs::read(&journal).map_or(0, |b| b.len());
    assert_eq!(before, 0);
    let applied = store.apply_batch_at(&bulk(10_000, Status::False), t(2));
    applied.saved.expect("saved");
    assert_eq!(applied.changes.iter().flatten().count(), 10_000);
    let text = std::fs::read_to_string(&journal).expect("journal");
    assert_eq!(text.lines().count(), 1, "one record, one fsync");
    // No-ops are left out; a batch of nothing writes nothing.
    let again = store.apply_batch_at(&bulk(3, Status::False), t(3));
    assert!(again.changes.iter().all(Option::is_none));
    assert_eq!(std::fs::read_to_string(&journal).expect("journal"), text);
    store.crash();
    let store = open(&file, "ana");
    assert_eq!(store.set().status("b09999"), Status::False);
    assert_eq!(store.set().history.len(), 10_001);
}

#[test]
fn a_torn_bulk_record_applies_none_of_it() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c01", Status::Verified, 1);
    set_status(&mut store, "c02", Status::Verified, 2);
    store
        .apply_batch_at(&bulk(500, Status::False), t(3))
        .saved
        .expect("saved");
    store.crash();
    // A crash in the middle of the write: the record's end never reached disk.
    let journal = paths::sibling(&file, ".journal");
    let bytes = std::fs::read(&journal).expect("journal");
    let cut = bytes.len() - 200;
    std::fs::write(&journal, &bytes[..cut]).expect("tear");
    let store = open(&file, "ana");
    assert_eq!(store.report().torn, 1);
    assert_eq!(
        store.set().status("c02"),
        Status::Verified,
        "before it: kept"
    );
    let bulk_applied = (0..500)
        .filter(|i| store.set().status(&format!("b{i:05}")) == Status::False)
        .count();
    assert_eq!(bulk_applied, 0, "all or nothing");
}

#[test]
fn resolving_a_conflict_is_durable_and_in_the_history() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "c03", Status::InProgress, 1);
    let mut theirs = on_disk(&file);
    theirs.apply("c03", &Edit::Status(Status::False), "bob", t(5));
    set_status(&mut store, "c03", Status::Verified, 6);
    pull(&file, &theirs);
    store.poll_outside().expect("poll");
    assert_eq!(store.conflict_count(), 1);
    let change = store
        .resolve("c03", &Edit::Status(Status::False))
        .expect("resolved");
    assert_eq!(change.new, "False");
    assert!(store.resolve("c03", &Edit::Status(Status::False)).is_err());
    store.crash();
    let store = open(&file, "ana");
    assert_eq!(store.conflict_count(), 0);
    assert_eq!(store.set().status("c03"), Status::False);
    assert_eq!(
        store.set().history.last().map(|c| c.analyst.as_str()),
        Some("ana")
    );
}

// ----- item 8: a read-only second instance takes over -----

#[test]
fn a_read_only_store_takes_over_when_the_writer_exits() {
    let (_tmp, file) = setup();
    let mut first = open(&file, "ana");
    set_status(&mut first, "c03", Status::Verified, 1);
    set_status(&mut first, "c04", Status::InProgress, 2);
    let mut second = open(&file, "bob");
    assert!(second.is_read_only());
    assert!(!second.try_take_over().expect("poll"), "still held");
    set_status(&mut first, "c05", Status::False, 3);
    first.crash(); // exits without folding its journal
    assert!(second.try_take_over().expect("poll"));
    assert!(!second.is_read_only());
    assert_eq!(second.set().status("c05"), Status::False, "reloaded");
    set_status(&mut second, "c06", Status::Disputed, 4);
    second.close().expect("close");
    let after = on_disk(&file);
    assert_eq!(after.status("c05"), Status::False);
    assert_eq!(after.status("c06"), Status::Disputed);
}

// ----- item 7: orphans and re-attaching them -----

#[test]
fn an_orphan_is_listed_and_reattached_in_one_recorded_action() {
    let (_tmp, file) = setup();
    let mut store = open(&file, "ana");
    set_status(&mut store, "old-7", Status::Verified, 1);
    store
        .apply_at("old-7", &Edit::Note("two sources".into()), t(2))
        .expect("note");
    set_status(&mut store, "c02", Status::False, 3);
    let exists = |id: &str| id.starts_with('c');
    assert_eq!(
        store.set().orphans(exists).collect::<Vec<_>>(),
        vec!["old-7"]
    );
    assert!(matches!(
        store.reattach("old-7", "c02"),
        Err(StoreError::Reattach(ReattachRefused::Occupied(_)))
    ));
    let history = store.set().history.len();
    let changes = store.reattach("old-7", "c07").expect("reattach");
    assert_eq!(
        changes.len(),
        4,
        "two fields set on c07, two cleared on old-7"
    );
    assert_eq!(store.set().history.len(), history + 4);
    assert_eq!(store.set().status("c07"), Status::Verified);
    assert_eq!(
        store.set().get("c07").map(|a| a.note.as_str()),
        Some("two sources")
    );
    assert_eq!(store.set().orphans(exists).count(), 0);
    store.crash();
    let store = open(&file, "ana");
    assert_eq!(store.set().status("c07"), Status::Verified);
    assert_eq!(store.set().orphans(exists).count(), 0);
}
