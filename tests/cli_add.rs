//! `claimtrack add claim|actor|event`: the quote located (or not, with the
//! closest passage), dates read from the article's words, and the file
//! changed only by the item added, in its own style. On any error the file
//! is byte-identical.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod cli_support;
use cli_support::{code, text};
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;

const FIXTURE: &str = include_str!("fixtures/authoring.ron");

fn run(args: &[&str]) -> Output {
    let out = cargo_bin_cmd!("claimtrack")
        .args(args)
        .output()
        .expect("the binary runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    out
}

/// A copy of `src` in a fresh directory.
fn dataset(src: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, src).expect("write");
    (dir, path)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).expect("read")
}

/// `FIXTURE` with `insert` placed right after the only occurrence of `after`.
#[track_caller]
fn with_inserted(after: &str, insert: &str) -> String {
    assert_eq!(FIXTURE.matches(after).count(), 1, "{after}");
    FIXTURE.replacen(after, &format!("{after}{insert}"), 1)
}

fn claim_args<'a>(path: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "add",
        "claim",
        "--into",
        path,
        "--article",
        "a1",
        "--claimant",
        "moscow",
        "--stance",
        "denies",
    ];
    v.extend_from_slice(extra);
    v
}

const AFTER_C02: &str = "      relations: [Contradicts(\"c01\")],\n    ),";

#[test]
fn claim_with_located_quote_and_relative_date_is_appended_in_the_files_style() {
    let (_d, path) = dataset(FIXTURE);
    let p = path.to_str().expect("utf-8 path");
    let out = run(&claim_args(
        p,
        &[
            "--quote",
            "not aimed\n at Seoul",
            "--said",
            "last Friday",
            "--via",
            "times",
            "--tag",
            "cooperation",
            "--relation",
            "contradicts:c01",
        ],
    ));
    code(&out, 0);
    assert_eq!(
        text(&out.stdout),
        format!(
            "added claim \"c03\" to {p} (paragraph 3; said “last Friday” → 2024-10-18: the Friday before the article's date, 2024-10-22)\n"
        )
    );
    let expected = with_inserted(
        AFTER_C02,
        "\n    Claim(\n      id: \"c03\",\n      article: \"a1\",\n      text: \"not aimed\\n at Seoul\",\n      quote: Quote(paragraph: 3, text: \"not aimed\\n at Seoul\"),\n      claimant: \"moscow\",\n      via: [\"times\"],\n      stance: Denies,\n      said: On(\"2024-10-18\"),\n      said_as: Some(\"last Friday\"),\n      relations: [Contradicts(\"c01\")],\n      tags: [\"cooperation\"],\n    ),",
    );
    assert_eq!(read(&path), expected);
    // Every line of the original is still there, in order, byte-identical.
    let new = read(&path);
    let mut lines = new.lines();
    for l in FIXTURE.lines() {
        assert!(lines.any(|n| n == l), "line lost or changed: {l:?}");
    }
    code(&run(&["check", p]), 0);
}

#[test]
fn relative_words_resolve_against_the_article_date() {
    for (said, when, shown) in [
        ("yesterday", "On(\"2024-10-21\")", "2024-10-21"),
        ("on Tuesday", "On(\"2024-10-22\")", "2024-10-22"),
        (
            "last week",
            "Between(\"2024-10-14\", \"2024-10-20\")",
            "2024-10-14 – 2024-10-20",
        ),
        (
            "earlier this month",
            "Between(\"2024-10-01\", \"2024-10-22\")",
            "2024-10-01 – 2024-10-22",
        ),
        ("previously", "Before(\"2024-10-22\")", "before 2024-10-22"),
        ("2024-10", "On(\"2024-10\")", ""),
        ("..2024-10-20", "Before(\"2024-10-20\")", ""),
    ] {
        let (_d, path) = dataset(FIXTURE);
        let p = path.to_str().expect("utf-8 path");
        let out = run(&claim_args(p, &["--quote", "Moscow said", "--said", said]));
        code(&out, 0);
        let stdout = text(&out.stdout);
        if shown.is_empty() {
            assert!(!stdout.contains("said “"), "{stdout}");
            assert!(
                !read(&path).contains("said_as: Some(\"2024"),
                "dates are not words"
            );
        } else {
            assert!(
                stdout.contains(&format!("said “{said}” → {shown}")),
                "{stdout}"
            );
            assert!(read(&path).contains(&format!("said_as: Some(\"{said}\")")));
        }
        assert!(read(&path).contains(&format!("said: {when},")), "{said}");
    }
}

#[test]
fn quote_in_several_paragraphs_exits_2_listing_them_and_writes_nothing() {
    let (_d, path) = dataset(FIXTURE);
    let p = path.to_str().expect("utf-8 path");
    let out = run(&claim_args(p, &["--quote", "Seoul said"]));
    code(&out, 2);
    assert_eq!(
        text(&out.stderr),
        format!(
            "claimtrack: {p}: error: the quote is in several paragraphs (1, 2): choose one with --paragraph; nothing was written\n"
        )
    );
    assert_eq!(read(&path), FIXTURE);
    // With a paragraph it is unambiguous.
    let out = run(&claim_args(
        p,
        &["--quote", "Seoul said", "--paragraph", "2"],
    ));
    code(&out, 0);
    assert!(read(&path).contains("quote: Quote(paragraph: 2, text: \"Seoul said\"),"));
}

#[test]
fn quote_not_found_exits_2_with_the_closest_passage_and_writes_nothing() {
    let (_d, path) = dataset(FIXTURE);
    let p = path.to_str().expect("utf-8 path");
    let out = run(&claim_args(p, &["--quote", "Pyongyang has sent troops"]));
    code(&out, 2);
    assert_eq!(
        text(&out.stderr),
        format!(
            "claimtrack: {p}: error: the quote is not found verbatim in the article; closest (paragraph 1, col 29): “Pyongyang sent  troops”; nothing was written\n"
        )
    );
    assert_eq!(read(&path), FIXTURE);
    let out = run(&claim_args(
        p,
        &["--quote", "Pyongyang sent", "--paragraph", "2"],
    ));
    code(&out, 2);
    assert!(
        text(&out.stderr).contains(
            "not found verbatim in paragraph 2; closest (paragraph 1, col 29): “Pyongyang sent”"
        ),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(read(&path), FIXTURE);
}

#[test]
fn bad_references_ids_and_dates_exit_2_and_write_nothing() {
    let (_d, path) = dataset(FIXTURE);
    let p = path.to_str().expect("utf-8 path");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "add",
                "claim",
                "--into",
                p,
                "--article",
                "a9",
                "--quote",
                "x",
                "--claimant",
                "seoul",
                "--stance",
                "asserts",
            ],
            "article \"a9\" is not in the dataset",
        ),
        (
            claim_args(p, &["--quote", "Moscow said", "--via", "times,nobody"]),
            "via \"nobody\" is not an actor",
        ),
        (
            claim_args(p, &["--quote", "Moscow said", "--id", "c01"]),
            "claim id \"c01\" is already taken",
        ),
        (
            claim_args(p, &["--quote", "Moscow said", "--said", "sometime"]),
            "cannot read --said \"sometime\"",
        ),
        (
            claim_args(p, &["--quote", "Moscow said", "--said", "2024-02-30"]),
            "invalid date \"2024-02-30\": day out of range for that month",
        ),
        (
            claim_args(p, &["--quote", "Moscow said", "--relation", "supports:c99"]),
            "relation \"c99\" is not a claim",
        ),
        // Passes the draft checks, fails validation: the id pattern.
        (
            claim_args(p, &["--quote", "Moscow said", "--id", "bad id"]),
            "the change would make the file invalid; nothing was written",
        ),
        (
            vec![
                "add", "actor", "--into", p, "--id", "seoul", "--name", "Seoul", "--kind",
                "country",
            ],
            "actor id \"seoul\" is already taken",
        ),
        (
            vec![
                "add", "event", "--into", p, "--id", "e2", "--when", "soon", "--title", "T",
            ],
            "cannot read --when \"soon\"",
        ),
    ];
    for (args, message) in cases {
        let out = run(&args);
        code(&out, 2);
        assert!(
            text(&out.stderr).contains(message),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(read(&path), FIXTURE, "{args:?} changed the file");
    }
}

#[test]
fn actor_and_event_follow_one_line_lists() {
    let (_d, path) = dataset(FIXTURE);
    let p = path.to_str().expect("utf-8 path");
    let out = run(&[
        "add",
        "actor",
        "--into",
        p,
        "--id",
        "yonhap",
        "--name",
        "Yonhap",
        "--kind",
        "media",
        "--alias",
        "Yonhap News Agency",
        "--part-of",
        "seoul",
    ]);
    code(&out, 0);
    assert_eq!(
        text(&out.stdout),
        format!("added actor \"yonhap\" to {p}\n")
    );
    let after_actor = with_inserted(
        "    Actor(id: \"moscow\", name: \"Russia\", kind: Country),",
        "\n    Actor(id: \"yonhap\", name: \"Yonhap\", kind: Media, aliases: [\"Yonhap News Agency\"], part_of: Some(\"seoul\")),",
    );
    assert_eq!(read(&path), after_actor);
    let out = run(&[
        "add",
        "event",
        "--into",
        p,
        "--id",
        "e2",
        "--when",
        "2024-10-18..2024-10-22",
        "--title",
        "Pyongyang denies",
        "--actor",
        "pyongyang",
        "--claim",
        "c02",
    ]);
    code(&out, 0);
    let after_event = after_actor.replacen(
        "claims: [\"c01\", \"c02\"]),",
        "claims: [\"c01\", \"c02\"]),\n    Event(id: \"e2\", when: Between(\"2024-10-18\", \"2024-10-22\"), title: \"Pyongyang denies\", actors: [\"pyongyang\"], claims: [\"c02\"]),",
        1,
    );
    assert_eq!(read(&path), after_event);
}

#[test]
fn crlf_files_stay_crlf_and_a_missing_events_list_is_added() {
    let src = FIXTURE.replace('\n', "\r\n");
    let (_d, path) = dataset(&src);
    let p = path.to_str().expect("utf-8 path");
    code(&run(&claim_args(p, &["--quote", "Moscow said"])), 0);
    let new = read(&path);
    assert!(
        !new.replace("\r\n", "").contains('\n'),
        "a bare LF was written"
    );
    assert!(new.starts_with(&src[..src.find("    // The denial.").expect("marker")]));

    // Without an events list (it is optional).
    let start = FIXTURE.find("  events: [").expect("events");
    let end = FIXTURE[start..].find("  ],\n").expect("end") + start + 5;
    let src = format!("{}{}", &FIXTURE[..start], &FIXTURE[end..]);
    let (_d, path) = dataset(&src);
    let p = path.to_str().expect("utf-8 path");
    code(
        &run(&[
            "add", "event", "--into", p, "--id", "e1", "--when", "unknown", "--title", "T",
        ]),
        0,
    );
    assert_eq!(
        read(&path),
        src.replacen(
            "  ],\n)",
            "  ],\n  events: [\n    Event(\n      id: \"e1\",\n      when: Unknown,\n      title: \"T\",\n    ),\n  ],\n)",
            1
        )
    );
}

#[test]
fn an_invalid_dataset_is_not_edited() {
    let src = FIXTURE.replace("claimant: \"pyongyang\"", "claimant: \"nobody\"");
    let (_d, path) = dataset(&src);
    let p = path.to_str().expect("utf-8 path");
    let out = run(&claim_args(p, &["--quote", "Moscow said"]));
    code(&out, 2);
    let err = text(&out.stderr);
    assert!(err.contains("claimant \"nobody\" is not an actor"), "{err}");
    assert!(err.contains("invalid before the change"), "{err}");
    assert_eq!(read(&path), src);
    let out = run(&claim_args("/nonexistent/d.ron", &["--quote", "x"]));
    code(&out, 2);
}
