//! The report, end to end from annotation files, on the published worked
//! examples (see `stats.rs` for their sources) and a property.

use proptest::prelude::*;

use super::*;
use crate::model::annotation::{Credibility, Edit};

const T: jiff::Timestamp = jiff::Timestamp::UNIX_EPOCH;

/// One annotation set per analyst from a table of ratings 1..=5 (0 missing).
fn sets(rows: &[&[u8]], field: Field) -> Vec<AnnotationSet> {
    rows.iter()
        .enumerate()
        .map(|(r, row)| {
            let mut set = AnnotationSet::new("ds");
            for (u, &v) in row.iter().enumerate() {
                let claim = format!("c{u:02}");
                let edit = match (field, v) {
                    (_, 0) => Edit::Status(Status::InProgress),
                    (Field::Status, v) => Edit::Status(VERDICTS[usize::from(v - 1)]),
                    (Field::Reliability, v) => {
                        Edit::Reliability(Some(Reliability::ALL[usize::from(v - 1)]))
                    }
                    (Field::Credibility, v) => Edit::Credibility(Credibility::new(v)),
                };
                set.apply(&claim, &edit, &format!("r{r}"), T);
            }
            set
        })
        .collect()
}

fn report(sets: &[AnnotationSet], field: Field, units: usize) -> Report {
    let named: Vec<(String, &AnnotationSet)> =
        sets.iter().map(|s| (rater_name(s, "?"), s)).collect();
    let ids: Vec<String> = (0..units).map(|u| format!("c{u:02}")).collect();
    let claims: Vec<&str> = ids.iter().map(String::as_str).collect();
    analyse(field, &named, &claims)
}

const KRIPPENDORFF: [&[u8]; 4] = [
    &[1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
    &[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
    &[0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
    &[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
];

#[test]
fn krippendorff_example_from_annotation_files() {
    let nominal = report(&sets(&KRIPPENDORFF, Field::Status), Field::Status, 12);
    let alpha = nominal.krippendorff_alpha.expect("defined");
    assert!((alpha - 113.0 / 152.0).abs() < 1e-9, "{alpha}");
    // Unit 12 has one rating only: not an item.
    assert_eq!((nominal.items, nominal.rated_by_all), (11, 8));
    assert_eq!(nominal.raters, ["r0", "r1", "r2", "r3"]);
    assert_eq!(nominal.disagreements, ["c01", "c05", "c07"]);
    for field in [Field::Reliability, Field::Credibility] {
        let ordinal = report(&sets(&KRIPPENDORFF, field), field, 12);
        let alpha = ordinal.krippendorff_alpha.expect("defined");
        assert!((alpha - 108_577.0 / 133_160.0).abs() < 1e-9, "{alpha}");
    }
}

#[test]
fn fleiss_example_from_annotation_files() {
    // Fleiss (1971): per subject, how many of 14 raters chose each category.
    let counts: [[u8; 5]; 10] = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ];
    let mut rows = vec![vec![0u8; 10]; 14];
    for (subject, row) in counts.iter().enumerate() {
        let ratings = row
            .iter()
            .enumerate()
            .flat_map(|(cat, &n)| std::iter::repeat_n(cat as u8 + 1, usize::from(n)));
        for (rater, v) in ratings.enumerate() {
            rows[rater][subject] = v;
        }
    }
    let rows: Vec<&[u8]> = rows.iter().map(Vec::as_slice).collect();
    let r = report(&sets(&rows, Field::Credibility), Field::Credibility, 10);
    let (p, pe) = (688.0 / 1820.0, 4170.0 / 19600.0);
    let kappa = r.fleiss_kappa.expect("defined");
    assert!((kappa - (p - pe) / (1.0 - pe)).abs() < 1e-9, "{kappa}");
    assert_eq!((r.items, r.rated_by_all, r.pairs.len()), (10, 10, 91));
}

#[test]
fn cohen_example_from_annotation_files() {
    // Wikipedia's 50 proposals: Verified = yes, False = no.
    let mut a = Vec::new();
    let mut b = Vec::new();
    for (n, x, y) in [(20, 1, 1), (5, 1, 3), (10, 3, 1), (15, 3, 3)] {
        a.extend(std::iter::repeat_n(x, n));
        b.extend(std::iter::repeat_n(y, n));
    }
    let r = report(&sets(&[&a, &b], Field::Status), Field::Status, 50);
    let pair = &r.pairs[0];
    assert_eq!(pair.n, 50);
    assert!((pair.agreement.expect("defined") - 0.7).abs() < 1e-9);
    assert!((pair.cohen_kappa.expect("defined") - 0.4).abs() < 1e-9);
    assert_eq!(pair.confusion.counts[0][2], 5);
    assert_eq!(pair.confusion.counts[2][0], 10);
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(json["pairs"][0]["confusion"]["Verified"]["False"], 5);
    assert_eq!(json["pairs"][0]["raters"], serde_json::json!(["r0", "r1"]));
}

#[test]
fn undefined_statistics_are_null_with_a_reason() {
    let r = report(
        &sets(&[&[1, 1, 0], &[1, 1, 2]], Field::Status),
        Field::Status,
        3,
    );
    assert_eq!((r.krippendorff_alpha, r.fleiss_kappa), (None, None));
    assert_eq!(r.pairs[0].agreement, Some(1.0));
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("krippendorff_alpha: ")),
        "{:?}",
        r.notes
    );
    assert!(
        r.notes.iter().any(|n| n.starts_with("fleiss_kappa: ")),
        "{:?}",
        r.notes
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("cohen_kappa (r0 / r1): ")),
        "{:?}",
        r.notes
    );
    let text = serde_json::to_string(&r).expect("json");
    assert!(
        text.contains("\"krippendorff_alpha\":null") && !text.contains("NaN"),
        "{text}"
    );
}

#[test]
fn missing_ratings_and_orphans() {
    let mut sets = sets(&[&[1, 0, 6], &[2, 1, 6]], Field::Reliability);
    // F and 6 cannot be judged: missing, like InProgress.
    for s in &mut sets {
        s.apply("c01", &Edit::Reliability(Some(Reliability::F)), "x", T);
        s.apply("gone", &Edit::Status(Status::False), "x", T);
    }
    let r = report(&sets, Field::Reliability, 3);
    assert_eq!(r.items, 1);
    assert_eq!(r.disagreements, ["c00"]);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("1 annotated claim is not in the dataset"))
    );
}

#[test]
fn names_come_from_the_most_frequent_analyst() {
    let mut set = AnnotationSet::new("ds");
    assert_eq!(rater_name(&set, "stem"), "stem");
    set.apply("c1", &Edit::Status(Status::False), "bob", T);
    set.apply("c2", &Edit::Status(Status::False), "ana", T);
    set.apply("c3", &Edit::Status(Status::False), "bob", T);
    assert_eq!(rater_name(&set, "stem"), "bob");
}

proptest! {
    /// Identical files agree perfectly: α = κ = 1 wherever they are defined.
    #[test]
    fn identical_files_agree_perfectly(
        values in proptest::collection::vec(0u8..=6, 1..40),
        copies in 2usize..5,
        field in prop_oneof![Just(Field::Status), Just(Field::Reliability), Just(Field::Credibility)],
    ) {
        let values: Vec<u8> = values.into_iter().map(|v| v.min(5)).collect();
        let rows: Vec<&[u8]> = std::iter::repeat_n(values.as_slice(), copies).collect();
        let r = report(&sets(&rows, field), field, values.len());
        prop_assert!(r.disagreements.is_empty());
        for x in [r.krippendorff_alpha, r.fleiss_kappa].into_iter().flatten() {
            prop_assert!((x - 1.0).abs() < 1e-12, "{x}");
        }
        for p in &r.pairs {
            for x in [p.agreement, p.cohen_kappa].into_iter().flatten() {
                prop_assert!((x - 1.0).abs() < 1e-12, "{x}");
            }
        }
        let distinct: HashSet<u8> = values.iter().copied().filter(|&v| v > 0).collect();
        prop_assert_eq!(r.krippendorff_alpha.is_some(), distinct.len() >= 2);
    }
}
