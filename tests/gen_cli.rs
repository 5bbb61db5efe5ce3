//! `claimtrack gen` writes datasets that `claimtrack check` accepts as they are.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use assert_cmd::Command;
use claimtrack::model::AnnotationSet;

#[test]
fn generated_dataset_passes_check_without_warnings() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ann = tmp.path().join("ann.ron");
    let out = Command::cargo_bin("claimtrack")
        .expect("binary")
        .args([
            "gen",
            "--articles",
            "6",
            "--claims",
            "120",
            "--seed",
            "9",
            "--annotations",
        ])
        .arg(&ann)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let data = tmp.path().join("gen.ron");
    std::fs::write(&data, &out.stdout).expect("write");

    let check = Command::cargo_bin("claimtrack")
        .expect("binary")
        .arg("check")
        .arg(&data)
        .output()
        .expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains("120 claims") && report.contains("0 warnings"),
        "{report}"
    );

    let set: AnnotationSet =
        ron::from_str(&std::fs::read_to_string(&ann).expect("annotations written"))
            .expect("parses");
    assert_eq!(set.dataset, "generated-9");
    assert!(!set.claims.is_empty());
}

#[test]
fn same_seed_same_output_and_bad_arguments_are_refused() {
    let run = |seed: &str| {
        Command::cargo_bin("claimtrack")
            .expect("binary")
            .args(["gen", "--articles", "2", "--claims", "20", "--seed", seed])
            .output()
            .expect("runs")
            .stdout
    };
    assert_eq!(run("4"), run("4"));
    assert_ne!(run("4"), run("5"));
    Command::cargo_bin("claimtrack")
        .expect("binary")
        .args(["gen", "--articles", "0"])
        .assert()
        .code(2);
}
