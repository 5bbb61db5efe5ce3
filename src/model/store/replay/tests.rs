use super::*;
use crate::model::annotation::Status;

fn t(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

fn journal(records: &[Record]) -> Vec<u8> {
    records
        .iter()
        .map(|r| r.line().expect("encode"))
        .collect::<String>()
        .into_bytes()
}

fn rec(seq: u64, claim: &str, status: Status) -> Record {
    Record {
        seq,
        claim: claim.into(),
        edit: Edit::Status(status),
        analyst: "ana".into(),
        at: t("2024-10-22T10:00:00Z"),
        more: Vec::new(),
        resolve: false,
        took: None,
    }
}

fn replay(set: &mut AnnotationSet, bytes: &[u8]) -> (Parsed, Result<Replay, Mismatch>) {
    let p = parse(bytes, Path::new("j"));
    let r = apply_strict(set, &p.records);
    (p, r)
}

#[test]
fn a_torn_tail_is_ignored_and_what_the_snapshot_has_is_skipped() {
    let records = [
        rec(0, "c1", Status::Verified),
        rec(1, "c2", Status::False),
        rec(2, "c1", Status::Disputed),
    ];
    let mut bytes = journal(&records);
    let good = bytes.len() as u64;
    bytes.extend_from_slice(b"(seq:3,claim:\"c2\",ed");

    let mut fresh = AnnotationSet::new("ds");
    let (p, r) = replay(&mut fresh, &bytes);
    assert!(p.damage.is_none());
    assert_eq!((p.torn, p.good_len), (1, good));
    assert_eq!(r.ok().map(|r| r.applied), Some(3));
    assert_eq!(fresh.status("c1"), Status::Disputed);

    // The snapshot already holds the first two (interrupted compaction).
    let mut partial = AnnotationSet::new("ds");
    let _ = replay(&mut partial, &journal(&records[..2]));
    let (_, r) = replay(&mut partial, &bytes);
    let r = r.ok().expect("strict");
    assert_eq!((r.already_saved, r.applied), (2, 1));
    assert_eq!(partial, fresh, "no duplicated history");

    // Zero bytes a crash left in place of unwritten data are torn too.
    let mut tail = journal(&records);
    tail.extend_from_slice(b"\0\0\0\n\0\0");
    let (p, _) = replay(&mut AnnotationSet::new("ds"), &tail);
    assert!(p.damage.is_none());
    assert_eq!((p.records.len(), p.torn, p.good_len), (3, 2, good));
}

#[test]
fn a_complete_line_this_build_cannot_read_is_damage_even_at_the_end() {
    let mut bytes = journal(&[rec(0, "c1", Status::Verified)]);
    // A record from a newer claimtrack: a field this build does not know.
    let newer = rec(1, "c2", Status::False)
        .line()
        .expect("encode")
        .replace(")\n", ",origin:\"laptop\")\n");
    bytes.extend_from_slice(newer.as_bytes());
    let (p, _) = replay(&mut AnnotationSet::new("ds"), &bytes);
    let d = p.damage.expect("damage, not a torn line");
    assert_eq!(
        (d.file, d.at.map(|a| a.line)),
        (DamagedFile::Journal, Some(2))
    );
    assert!(d.message.contains("newer"), "{}", d.message);
    assert_eq!(p.records.len(), 1, "the good record before it counts");
    assert_eq!(p.torn, 0);
}

#[test]
fn damage_in_the_middle_keeps_the_records_before_it() {
    let mut bytes = journal(&[rec(0, "c1", Status::Verified)]);
    bytes.extend_from_slice(b"garbage\n");
    bytes.extend_from_slice(&journal(&[rec(1, "c1", Status::False)]));
    let p = parse(&bytes, Path::new("j"));
    assert_eq!(p.damage.and_then(|d| d.at).map(|a| a.line), Some(2));
    assert_eq!(p.records.len(), 1);
    // Zeros followed by a good record are damage, not a torn tail.
    let mut zeros = journal(&[rec(0, "c1", Status::Verified)]);
    zeros.extend_from_slice(b"\0\0\n");
    zeros.extend_from_slice(&journal(&[rec(1, "c1", Status::False)]));
    assert!(parse(&zeros, Path::new("j")).damage.is_some());
}

#[test]
fn a_journal_that_does_not_extend_the_file_is_replayed_onto_it() {
    // A gap: the file was replaced by one with a different history.
    let gap = journal(&[rec(5, "c1", Status::Verified)]);
    assert!(replay(&mut AnnotationSet::new("ds"), &gap).1.is_err());
    let mut other = AnnotationSet::new("ds");
    other.apply(
        "zz",
        &Edit::Status(Status::False),
        "bob",
        t("2020-01-01T00:00:00Z"),
    );
    let p = parse(&gap, Path::new("j"));
    let r = apply_onto(&mut other, &p.records);
    assert_eq!((r.applied, r.onto, r.conflicts), (1, true, 0));
    assert_eq!(other.status("c1"), Status::Verified);
    assert_eq!(other.status("zz"), Status::False, "their work stays");
    // Replaying again adds nothing: our changes are recognised.
    let again = apply_onto(&mut other, &p.records);
    assert_eq!((again.applied, again.already_saved), (0, 1));
}

#[test]
fn replaying_onto_a_field_somebody_else_changed_keeps_both() {
    let mut disk = AnnotationSet::new("ds");
    disk.apply(
        "c1",
        &Edit::Status(Status::False),
        "bob",
        t("2024-10-22T11:00:00Z"),
    );
    let records = [rec(0, "c1", Status::Verified)];
    let r = apply_onto(&mut disk, &records);
    assert_eq!(r.conflicts, 1);
    let c = disk
        .conflict("c1", AnnotationField::Status)
        .expect("conflict");
    assert_eq!(c.describe(), "Verified (ana) | False (bob)");
    assert_eq!(
        disk.status("c1"),
        Status::Verified,
        "the journal's value shows"
    );
}
