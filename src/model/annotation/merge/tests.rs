use proptest::prelude::*;

use super::*;
use crate::model::annotation::{ANNOTATION_FORMAT, ANNOTATION_FORMAT_PLAIN, Reliability, Status};

fn t(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(1_700_000_000_000 + ms).expect("time")
}

fn edit(set: &mut AnnotationSet, claim: &str, e: Edit, who: &str, ms: i64) {
    set.apply(claim, &e, who, t(ms));
}

fn base() -> AnnotationSet {
    let mut b = AnnotationSet::new("ds");
    edit(&mut b, "c01", Edit::Status(Status::InProgress), "ana", 1);
    edit(
        &mut b,
        "c02",
        Edit::Tags(vec!["a".into(), "b".into()]),
        "ana",
        2,
    );
    b
}

#[test]
fn the_other_analysts_claims_and_ours_both_survive() {
    let b = base();
    let mut ours = b.clone();
    edit(&mut ours, "c03", Edit::Status(Status::Verified), "ana", 10);
    let mut theirs = b.clone();
    edit(&mut theirs, "c07", Edit::Status(Status::False), "bob", 5);
    edit(
        &mut theirs,
        "c08",
        Edit::Note("source found".into()),
        "bob",
        6,
    );
    let m = merge3(&b, &ours, &theirs).expect("merge");
    assert_eq!(m.set.status("c03"), Status::Verified);
    assert_eq!(m.set.status("c07"), Status::False);
    assert_eq!(
        m.set.get("c08").map(|a| a.note.as_str()),
        Some("source found")
    );
    assert_eq!(m.set.history.len(), b.history.len() + 3);
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.report.summary("on disk").as_deref(),
        Some("2 claims changed on disk by bob")
    );
    // Interleaved by time where the copies diverge.
    let times: Vec<Timestamp> = m.set.history.iter().map(|c| c.at).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);
}

#[test]
fn different_values_of_one_field_become_a_conflict_with_both() {
    let b = base();
    let mut ours = b.clone();
    edit(&mut ours, "c01", Edit::Status(Status::Verified), "ana", 10);
    edit(&mut ours, "c01", Edit::Note("ana's note".into()), "ana", 11);
    let mut theirs = b.clone();
    edit(&mut theirs, "c01", Edit::Status(Status::False), "bob", 12);
    let m = merge3(&b, &ours, &theirs).expect("merge");
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.claim.as_str(), c.field),
        ("c01", AnnotationField::Status)
    );
    assert_eq!(c.describe(), "Verified (ana) | False (bob)");
    assert_eq!(c.sides[0].at, Some(t(10)));
    // The latest value shows; the note only ours changed comes through.
    let a = m.set.get("c01").expect("c01");
    assert_eq!(a.status, Status::False);
    assert_eq!(a.note, "ana's note");
    assert_eq!((a.by.as_deref(), a.at), (Some("bob"), Some(t(12))));
    assert_eq!(m.set.format, ANNOTATION_FORMAT);
    assert_eq!(m.report.conflicts, 1);
    assert_eq!(
        m.report.summary("on disk").as_deref(),
        Some("1 claim changed on disk by bob; 1 new conflict")
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let b = base();
    let mut ours = b.clone();
    edit(&mut ours, "c01", Edit::Status(Status::Verified), "ana", 10);
    let mut theirs = b.clone();
    edit(
        &mut theirs,
        "c01",
        Edit::Status(Status::Verified),
        "bob",
        11,
    );
    edit(
        &mut theirs,
        "c01",
        Edit::Reliability(Reliability::from_letter('b')),
        "bob",
        12,
    );
    let m = merge3(&b, &ours, &theirs).expect("merge");
    assert!(m.set.conflicts.is_empty());
    assert_eq!(m.set.get("c01").map(|a| a.grading()).as_deref(), Some("B-"));
    assert_eq!(m.set.format, ANNOTATION_FORMAT_PLAIN);
}

#[test]
fn tags_and_evidence_merge_as_sets() {
    let b = base(); // c02 tags [a, b]
    let mut ours = b.clone();
    edit(
        &mut ours,
        "c02",
        Edit::Tags(vec!["a".into(), "b".into(), "z".into()]),
        "ana",
        10,
    );
    let mut theirs = b.clone();
    edit(
        &mut theirs,
        "c02",
        Edit::Tags(vec!["b".into(), "d".into()]),
        "bob",
        11,
    );
    let m = merge3(&b, &ours, &theirs).expect("merge");
    assert_eq!(
        m.set.get("c02").map(|a| a.tags.clone()),
        Some(vec!["b".to_owned(), "d".to_owned(), "z".to_owned()])
    );
    assert!(m.conflicts.is_empty());
    // Only one side changed: its order is kept exactly.
    let mut reordered = b.clone();
    edit(
        &mut reordered,
        "c02",
        Edit::Tags(vec!["b".into(), "a".into()]),
        "bob",
        11,
    );
    let m = merge3(&b, &b, &reordered).expect("merge");
    assert_eq!(m.set, reordered);
}

#[test]
fn a_conflict_one_side_resolved_stays_resolved() {
    let b = base();
    let mut ours = b.clone();
    edit(&mut ours, "c01", Edit::Status(Status::Verified), "ana", 10);
    let mut theirs = b.clone();
    edit(&mut theirs, "c01", Edit::Status(Status::False), "bob", 11);
    let conflicted = merge3(&b, &ours, &theirs).expect("merge").set;
    let mut resolved = conflicted.clone();
    resolved
        .resolve("c01", &Edit::Status(Status::Verified), "eve", t(20))
        .expect("resolve");
    let mut other = conflicted.clone();
    edit(&mut other, "c09", Edit::Status(Status::Disputed), "bob", 21);
    let m = merge3(&conflicted, &resolved, &other).expect("merge");
    assert!(m.set.conflicts.is_empty());
    assert_eq!(m.set.status("c01"), Status::Verified);
    assert_eq!(m.set.status("c09"), Status::Disputed);
}

#[test]
fn blind_reviews_merge_without_a_base() {
    let mut a = AnnotationSet::new("ds");
    edit(&mut a, "c1", Edit::Status(Status::Verified), "ana", 1);
    edit(&mut a, "c2", Edit::Status(Status::False), "ana", 2);
    let mut b = AnnotationSet::new("ds");
    edit(&mut b, "c1", Edit::Status(Status::Verified), "bob", 3);
    edit(&mut b, "c2", Edit::Status(Status::Misleading), "bob", 4);
    let mut c = AnnotationSet::new("ds");
    edit(&mut c, "c2", Edit::Status(Status::False), "cy", 5);
    edit(
        &mut c,
        "c2",
        Edit::Credibility(crate::model::Credibility::new(2)),
        "cy",
        6,
    );
    let m = merge_n(&[&a, &b, &c]).expect("merge");
    assert_eq!(m.set.status("c1"), Status::Verified);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].describe(), "False (ana) | Misleading (bob)");
    assert_eq!(m.set.get("c2").map(|x| x.grading()).as_deref(), Some("-2"));
    assert_eq!(m.set.history.len(), 6);
    let again = merge_n(&[&c, &b, &a]).expect("merge");
    assert_eq!(again.set, m.set);
    assert_eq!(merge_n(&[]), Err(MergeError::NoInput));
}

#[test]
fn copies_of_other_datasets_are_refused() {
    let b = base();
    let other = AnnotationSet::new("elsewhere");
    let err = merge3(&b, &b, &other).expect_err("refused");
    assert!(err.to_string().contains("elsewhere"), "{err}");
}

#[test]
fn conflicts_round_trip_through_the_file_one_line_each() {
    let b = base();
    let mut ours = b.clone();
    edit(&mut ours, "c01", Edit::Status(Status::Verified), "ana", 10);
    edit(&mut ours, "c02", Edit::Note("x".into()), "ana", 10);
    let mut theirs = b.clone();
    edit(&mut theirs, "c01", Edit::Status(Status::False), "bob", 11);
    edit(&mut theirs, "c02", Edit::Note("y\nz".into()), "bob", 11);
    let set = merge3(&b, &ours, &theirs).expect("merge").set;
    let text = crate::model::store::to_ron(&set).expect("encode");
    assert!(text.contains("format: 2"), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains("Conflict(")).count(), 2);
    let back: AnnotationSet = ron::from_str(&text).expect("parse");
    assert_eq!(back, set);
    assert_eq!(crate::model::store::to_ron(&back).expect("encode"), text);
    // Without conflicts the file is format 1, exactly as older builds wrote it.
    let plain = crate::model::store::to_ron(&b).expect("encode");
    assert!(
        plain.contains("format: 1") && !plain.contains("conflicts"),
        "{plain}"
    );
}

// ----- properties -----

const CLAIMS: [&str; 4] = ["c1", "c2", "c3", "c4"];
const WHO: [&str; 2] = ["ana", "bob"];

fn arb_edit() -> impl Strategy<Value = Edit> {
    let words = || prop::sample::subsequence(vec!["x", "y", "z"], 0..=3);
    prop_oneof![
        (0usize..7).prop_map(|i| Edit::Status(Status::ALL[i])),
        prop::option::of(0usize..6).prop_map(|i| Edit::Reliability(i.map(|i| Reliability::ALL[i]))),
        prop::sample::select(vec!["", "n1", "n2"]).prop_map(|n| Edit::Note(n.into())),
        words().prop_map(|w| Edit::Tags(w.into_iter().map(String::from).collect())),
        words().prop_map(|w| Edit::Evidence(w.into_iter().map(String::from).collect())),
    ]
}

fn arb_edits() -> impl Strategy<Value = Vec<(usize, Edit, usize)>> {
    prop::collection::vec((0..CLAIMS.len(), arb_edit(), 0..WHO.len()), 0..8)
}

fn with(set: &AnnotationSet, edits: &[(usize, Edit, usize)], start: i64) -> AnnotationSet {
    let mut s = set.clone();
    for (n, (c, e, w)) in edits.iter().enumerate() {
        edit(&mut s, CLAIMS[*c], e.clone(), WHO[*w], start + n as i64);
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn merging_a_copy_with_itself_changes_nothing(b in arb_edits(), o in arb_edits()) {
        let x = with(&with(&AnnotationSet::new("ds"), &b, 0), &o, 100);
        let m = merge3(&x, &x, &x).expect("merge");
        prop_assert_eq!(&m.set, &x);
        prop_assert!(m.report.incoming.is_empty());
        let m = merge3(&AnnotationSet::new("ds"), &x, &x).expect("merge");
        prop_assert_eq!(&m.set, &x);
    }

    #[test]
    fn changes_on_one_side_only_come_through(b in arb_edits(), o in arb_edits()) {
        let base = with(&AnnotationSet::new("ds"), &b, 0);
        let changed = with(&base, &o, 100);
        prop_assert_eq!(&merge3(&base, &changed, &base).expect("merge").set, &changed);
        let m = merge3(&base, &base, &changed).expect("merge");
        prop_assert_eq!(&m.set, &changed);
        prop_assert!(m.conflicts.is_empty());
    }

    #[test]
    fn merging_is_symmetric_and_keeps_all_history(
        b in arb_edits(), o in arb_edits(), th in arb_edits(),
    ) {
        let base = with(&AnnotationSet::new("ds"), &b, 0);
        let ours = with(&base, &o, 100);
        let theirs = with(&base, &th, 200);
        let one = merge3(&base, &ours, &theirs).expect("merge");
        let two = merge3(&base, &theirs, &ours).expect("merge");
        prop_assert_eq!(&one.set, &two.set);
        prop_assert_eq!(&one.conflicts, &two.conflicts);
        let all: HashSet<&Change> = ours.history.iter().chain(&theirs.history).collect();
        let got: HashSet<&Change> = one.set.history.iter().collect();
        prop_assert_eq!(got.len(), one.set.history.len(), "no duplicates");
        prop_assert_eq!(got, all);
        // Every conflict has two distinct values, each from one side.
        for c in &one.set.conflicts {
            prop_assert!(c.sides.len() >= 2);
        }
        // The result is a fixed point: merging it again with either side's
        // descendant that changed nothing yields it.
        let again = merge3(&base, &one.set, &one.set).expect("merge");
        prop_assert_eq!(&again.set, &one.set);
    }

    #[test]
    fn blind_merge_ignores_the_order_of_files(a in arb_edits(), b in arb_edits()) {
        let x = with(&AnnotationSet::new("ds"), &a, 0);
        let y = with(&AnnotationSet::new("ds"), &b, 50);
        let one = merge_n(&[&x, &y]).expect("merge");
        let two = merge_n(&[&y, &x]).expect("merge");
        prop_assert_eq!(one.set, two.set);
    }
}
