//! `claimtrack agreement` on the published worked examples, through real
//! annotation files and the binary: the JSON shape and the figures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use claimtrack::model::store::to_ron;
use claimtrack::model::{AnnotationSet, Credibility, Edit, Reliability, Status};
use serde_json::Value;

const VERDICTS: [Status; 5] = [
    Status::Verified,
    Status::Misleading,
    Status::False,
    Status::Disputed,
    Status::Unverifiable,
];

struct Fixture {
    dir: tempfile::TempDir,
    dataset: PathBuf,
    ids: Vec<String>,
}

/// A generated dataset with `claims` claims, and its claim ids.
fn fixture(claims: usize) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = cargo_bin_cmd!("claimtrack")
        .args([
            "gen",
            "--articles",
            "2",
            "--claims",
            &claims.to_string(),
            "--seed",
            "7",
        ])
        .output()
        .expect("gen");
    assert!(out.status.success());
    let dataset = dir.path().join("ds.ron");
    std::fs::write(&dataset, &out.stdout).expect("write dataset");
    let loaded = claimtrack::model::load_path(&dataset).expect("generated dataset loads");
    let ids = loaded
        .dataset
        .claims
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    Fixture { dir, dataset, ids }
}

impl Fixture {
    /// One file per row of ratings 1..=5 (0: missing), for `field`.
    fn files(&self, rows: &[Vec<u8>], field: &str) -> Vec<PathBuf> {
        let id = claimtrack::model::load_path(&self.dataset)
            .expect("loads")
            .dataset
            .id;
        let t = jiff::Timestamp::UNIX_EPOCH;
        rows.iter()
            .enumerate()
            .map(|(r, row)| {
                let mut set = AnnotationSet::new(&id);
                let analyst = format!("analyst{r:02}");
                for (u, &v) in row.iter().enumerate() {
                    let claim = &self.ids[u];
                    let i = usize::from(v.max(1) - 1);
                    let edit = match (field, v) {
                        (_, 0) => Edit::Status(Status::InProgress),
                        ("status", _) => Edit::Status(VERDICTS[i]),
                        ("reliability", _) => Edit::Reliability(Some(Reliability::ALL[i])),
                        _ => Edit::Credibility(Credibility::new(v)),
                    };
                    set.apply(claim, &edit, &analyst, t);
                }
                let path = self.dir.path().join(format!("{analyst}.annotations.ron"));
                std::fs::write(&path, to_ron(&set).expect("encode")).expect("write");
                path
            })
            .collect()
    }

    fn run(&self, files: &[PathBuf], extra: &[&str]) -> Value {
        serde_json::from_str(&self.run_text(files, extra)).expect("JSON")
    }

    fn run_text(&self, files: &[PathBuf], extra: &[&str]) -> String {
        let out = cargo_bin_cmd!("claimtrack")
            .arg("agreement")
            .arg(&self.dataset)
            .args(files)
            .args(extra)
            .args(["--format", "json"])
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

fn close(v: &Value, expected: f64) {
    let x = v.as_f64().unwrap_or(f64::NAN);
    assert!((x - expected).abs() < 1e-9, "{v} vs {expected}");
}

fn krippendorff_rows() -> Vec<Vec<u8>> {
    vec![
        vec![1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
        vec![1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
        vec![0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
        vec![1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
    ]
}

#[test]
fn krippendorff_example_nominal_and_ordinal() {
    let f = fixture(12);
    let files = f.files(&krippendorff_rows(), "status");
    let status = f.run(&files, &[]);
    close(&status["krippendorff_alpha"], 113.0 / 152.0); // published 0.743
    // The keys in the order the issue gives them.
    let text = f.run_text(&files, &[]);
    let mut keys: Vec<(usize, &str)> = status
        .as_object()
        .expect("object")
        .keys()
        .map(|k| {
            (
                text.find(&format!("\n  \"{k}\":")).unwrap_or(usize::MAX),
                k.as_str(),
            )
        })
        .collect();
    keys.sort();
    assert_eq!(
        keys.iter().map(|k| k.1).collect::<Vec<_>>(),
        [
            "field",
            "raters",
            "items",
            "rated_by_all",
            "krippendorff_alpha",
            "fleiss_kappa",
            "pairs",
            "disagreements",
            "notes"
        ]
    );
    assert_eq!(status["field"], "status");
    assert_eq!(
        (status["items"].as_u64(), status["rated_by_all"].as_u64()),
        (Some(11), Some(8))
    );
    assert_eq!(status["pairs"].as_array().map(Vec::len), Some(6));
    let pair = &status["pairs"][0];
    assert_eq!(
        pair["raters"],
        serde_json::json!(["analyst00", "analyst01"])
    );
    assert_eq!(pair["n"], 9);
    assert_eq!(pair["confusion"]["Verified"]["Verified"], 2);
    assert_eq!(pair["confusion"]["Verified"]["Misleading"], 1);
    let disagreements: Vec<&str> = vec![&f.ids[1], &f.ids[5], &f.ids[7]]
        .into_iter()
        .map(String::as_str)
        .collect();
    assert_eq!(status["disagreements"], serde_json::json!(disagreements));

    let grades = f.files(&krippendorff_rows(), "reliability");
    let reliability = f.run(&grades, &["--field", "reliability", "--names", "a,b,c,d"]);
    close(&reliability["krippendorff_alpha"], 108_577.0 / 133_160.0); // published 0.815
    assert_eq!(
        reliability["raters"],
        serde_json::json!(["a", "b", "c", "d"])
    );
}

#[test]
fn fleiss_example() {
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
    let f = fixture(10);
    let r = f.run(&f.files(&rows, "credibility"), &["--field", "credibility"]);
    let (p, pe) = (688.0 / 1820.0, 4170.0 / 19600.0);
    close(&r["fleiss_kappa"], (p - pe) / (1.0 - pe)); // published 0.210
}

#[test]
fn cohen_example_and_text_output() {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (n, x, y) in [(20, 1, 1), (5, 1, 3), (10, 3, 1), (15, 3, 3)] {
        a.extend(std::iter::repeat_n(x, n));
        b.extend(std::iter::repeat_n(y, n));
    }
    let f = fixture(50);
    let files = f.files(&[a, b], "status");
    let r = f.run(&files, &[]);
    close(&r["pairs"][0]["cohen_kappa"], 0.4); // published 0.4
    close(&r["pairs"][0]["agreement"], 0.7);
    let out = cargo_bin_cmd!("claimtrack")
        .arg("agreement")
        .arg(&f.dataset)
        .args(&files)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Cohen's kappa 0.400"), "{text}");
    assert!(text.contains("agreement 0.700"), "{text}");
}

#[test]
fn bad_input_exits_2() {
    let f = fixture(3);
    let files = f.files(&[vec![1, 1, 1]], "status");
    let one = cargo_bin_cmd!("claimtrack")
        .arg("agreement")
        .arg(&f.dataset)
        .args(&files)
        .output()
        .expect("run");
    assert_eq!(one.status.code(), Some(2));
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/none.annotations.ron");
    let missing = cargo_bin_cmd!("claimtrack")
        .arg("agreement")
        .arg(&f.dataset)
        .args(&files)
        .arg(&other)
        .output()
        .expect("run");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such annotation file"));
    // Annotations of another dataset (the bundled one is assumed without DATASET).
    let wrong = cargo_bin_cmd!("claimtrack")
        .arg("agreement")
        .args(&files)
        .arg(&files[0])
        .output()
        .expect("run");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("not \"nk-troops-ukraine\""));
}
