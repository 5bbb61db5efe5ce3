//! `claimtrack check --fix`: only unambiguous quote repairs, each listed,
//! format-preserving; everything else stays an error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod cli_support;
use cli_support::text;
use std::path::PathBuf;
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;

const FIXTURE: &str = include_str!("fixtures/authoring.ron");

fn run(args: &[&str]) -> Output {
    let out = cargo_bin_cmd!("claimtrack")
        .args(args)
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    out
}

fn dataset(src: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, src).expect("write");
    (dir, path)
}

#[track_caller]
fn edit(src: &str, from: &str, to: &str) -> String {
    assert_eq!(src.matches(from).count(), 1, "{from}");
    src.replacen(from, to, 1)
}

#[test]
fn wrong_paragraph_and_straight_quotes_are_repaired_and_listed() {
    let broken = edit(
        FIXTURE,
        "Quote(paragraph: 1, text: \"Pyongyang",
        "Quote(paragraph: 3, text: \"Pyongyang",
    );
    let broken = edit(
        &broken,
        "text: \"“unfounded rumours”\"",
        "text: \"\\\"unfounded rumours\\\"\"",
    );
    let (_d, path) = dataset(&broken);
    let p = path.to_str().expect("path");
    // Without --fix: both are errors, and the message names the closest passage.
    let out = run(&["check", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("quote text is not found verbatim in paragraph 3 of article \"a1\"; closest (paragraph 1, col 29): “Pyongyang sent  troops”"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        broken,
        "check alone writes nothing"
    );

    let out = run(&["check", "--fix", p]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{p}:35:14: fixed: claim \"c01\": quote paragraph 3 → 1\n\
             {p}:48:14: fixed: claim \"c02\": quote text “\"unfounded rumours\"” → ““unfounded rumours”” (the article's characters)\n\
             {p}: 2 repairs written\n\
             {p}: ok (1 article, 4 actors, 2 claims, 1 event, 1 warning)\n"
        ),
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), FIXTURE);
}

#[test]
fn ambiguous_and_paraphrased_quotes_stay_errors() {
    // "Seoul said" is in paragraphs 1 and 2: which one is not for us to say.
    let broken = edit(
        FIXTURE,
        "text: \"Pyongyang sent troops\"",
        "text: \"Seoul said\"",
    );
    let broken = edit(
        &broken,
        "Quote(paragraph: 1, text: \"Seoul",
        "Quote(paragraph: 3, text: \"Seoul",
    );
    // A paraphrase in the other claim, fixable parts elsewhere: none.
    let broken = edit(
        &broken,
        "text: \"“unfounded rumours”\"",
        "text: \"baseless rumours\"",
    );
    let (_d, path) = dataset(&broken);
    let p = path.to_str().expect("path");
    let out = run(&["check", "--fix", p]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(
        err.contains("claim \"c01\": quote text is not found verbatim in paragraph 3"),
        "{err}"
    );
    assert!(
        err.contains("claim \"c02\": quote text is not found verbatim in paragraph 2"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);
}

#[test]
fn repairs_are_kept_when_other_errors_remain() {
    let broken = edit(
        FIXTURE,
        "Quote(paragraph: 1, text: \"Pyongyang",
        "Quote(paragraph: 2, text: \"Pyongyang",
    );
    let broken = edit(&broken, "claimant: \"pyongyang\"", "claimant: \"nobody\"");
    let (_d, path) = dataset(&broken);
    let p = path.to_str().expect("path");
    let out = run(&["check", "--fix", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("fixed: claim \"c01\": quote paragraph 2 → 1"));
    assert!(text(&out.stderr).contains("claimant \"nobody\" is not an actor"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        edit(FIXTURE, "claimant: \"pyongyang\"", "claimant: \"nobody\"")
    );
}
