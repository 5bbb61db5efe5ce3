//! The command line as users and CI run it: exit codes, what goes to stdout
//! and stderr, and never a panic.
//!
//! Exit codes: 0 ok, 2 bad input (invalid dataset, bad arguments), 1 other
//! failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::path::Path;
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const SEED: &str = "assets/seed.ron";
const WARNING: &str = "tests/fixtures/warning.ron";
const INVALID: &str = "tests/fixtures/invalid.ron";

const WARNING_LINE: &str = "tests/fixtures/warning.ron:18:19: warning: actor \"idle\" is not used by any claim, event or article";
const INVALID_LINES: [&str; 2] = [
    "tests/fixtures/invalid.ron:25:37: error: claim \"c1\": quote paragraph 2 is outside 1..=1",
    "tests/fixtures/invalid.ron:26:23: error: claim \"c1\": claimant \"somebody\" is not an actor",
];

/// Runs the binary from the package root (so that relative paths in
/// messages are as above) and checks that it did not panic.
fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = cargo_bin_cmd!("claimtrack")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("the binary runs");
    let err = stderr(&out);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "panic on stderr:\n{err}"
    );
    // A panic exits with 101.
    assert_ne!(out.status.code(), Some(101), "{err}");
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

#[track_caller]
fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

// ---------------------------------------------------------------------------
// check

#[test]
fn check_seed_is_ok() {
    let out = run(["check", SEED]);
    assert_code(&out, 0);
    let expected = claimtrack::model::load_path(Path::new(SEED)).expect("seed loads");
    let ds = &expected.dataset;
    assert_eq!(
        stdout(&out),
        format!(
            "{SEED}: ok ({} article, {} actors, {} claims, {} events, 0 warnings)\n",
            ds.articles.len(),
            ds.actors.len(),
            ds.claims.len(),
            ds.events.len()
        )
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn check_broken_file_exits_2_with_positions_on_stderr() {
    let out = run(["check", INVALID]);
    assert_code(&out, 2);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!(
            "{}\n{}\nclaimtrack: {INVALID}: invalid (2 errors)\n",
            INVALID_LINES[0], INVALID_LINES[1]
        )
    );
}

#[test]
fn check_syntax_error_exits_2_with_the_line_a_caret_and_what_was_expected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("syntax.ron");
    std::fs::write(&path, "Dataset(\n    format: 1\n    id: \"x\",\n)\n").expect("write");
    let out = run(["check".as_ref(), path.as_os_str()]);
    assert_code(&out, 2);
    let p = path.display();
    assert_eq!(
        stderr(&out),
        format!(
            "{p}:3:5: error: expected a comma after the value of `format` in Dataset(…)\n \
             3 |     id: \"x\",\n   |     ^\nclaimtrack: {p}: invalid (1 error)\n"
        )
    );
}

#[test]
fn check_prints_warnings_unless_quiet() {
    let out = run(["check", WARNING]);
    assert_code(&out, 0);
    assert_eq!(stderr(&out), format!("{WARNING_LINE}\n"));
    assert_eq!(
        stdout(&out),
        format!("{WARNING}: ok (1 article, 3 actors, 1 claim, 0 events, 1 warning)\n")
    );

    for flag in ["--quiet", "-q"] {
        let out = run(["check", flag, WARNING]);
        assert_code(&out, 0);
        assert_eq!(stderr(&out), "", "{flag}: no warnings");
        assert_eq!(stdout(&out), "", "{flag}: no summary");
    }
}

#[test]
fn check_quiet_still_prints_errors() {
    let out = run(["check", "--quiet", INVALID]);
    assert_code(&out, 2);
    // Errors only: no summary line (`--help`: "no warnings, no summary").
    assert_eq!(
        stderr(&out),
        format!("{}\n{}\n", INVALID_LINES[0], INVALID_LINES[1])
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn check_several_files_one_bad_exits_2_and_reports_each() {
    let out = run(["check", SEED, INVALID, WARNING]);
    assert_code(&out, 2);
    let so = stdout(&out);
    assert!(so.starts_with(&format!("{SEED}: ok (")), "{so}");
    assert!(so.contains(&format!("\n{WARNING}: ok (")), "{so}");
    assert!(!so.contains(INVALID), "{so}");
    let se = stderr(&out);
    for line in INVALID_LINES.iter().chain([&WARNING_LINE]) {
        assert!(se.contains(line), "{line} missing from\n{se}");
    }
    // In the order the files were given.
    assert!(se.find(INVALID_LINES[0]) < se.find(WARNING_LINE), "{se}");

    // All good: 0.
    let out = run(["check", WARNING, SEED]);
    assert_code(&out, 0);
}

#[test]
fn check_missing_file_exits_2_with_a_clear_message() {
    let out = run(["check", "tests/fixtures/no-such-file.ron"]);
    assert_code(&out, 2);
    let se = stderr(&out);
    assert!(
        se.starts_with("claimtrack: tests/fixtures/no-such-file.ron: cannot read: ")
            && se.contains("No such file or directory"),
        "{se}"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn check_missing_file_among_good_ones_exits_2() {
    let out = run(["check", SEED, "missing.ron"]);
    assert_code(&out, 2);
    assert!(stdout(&out).starts_with(&format!("{SEED}: ok")));
    assert!(stderr(&out).contains("missing.ron: cannot read"));
}

#[test]
fn check_directory_fails_without_panic() {
    let out = run(["check", "tests/fixtures"]);
    // Not a dataset: bad input, like a missing file.
    assert_code(&out, 2);
    assert_eq!(
        stderr(&out),
        "claimtrack: tests/fixtures: cannot read: is a directory, not a dataset file\n"
    );
}

#[test]
fn check_non_utf8_file_exits_2_with_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("latin1.ron");
    // Line 3: `    title: "Caf` then a Latin-1 é, after a typographic quote
    // earlier on the line (columns count characters).
    let mut bytes = "Dataset(\n    format: 1,\n    title: \"“Caf"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(&[0xE9, b'"', b',', b'\n', b')']);
    std::fs::write(&path, bytes).expect("write");
    let out = run(["check".as_ref(), path.as_os_str()]);
    assert_code(&out, 2);
    let p = path.display();
    assert_eq!(
        stderr(&out),
        format!(
            "{p}:3:17: error: the file is not valid UTF-8\nclaimtrack: {p}: invalid (1 error)\n"
        )
    );
}

#[test]
fn check_empty_file_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, "").expect("write");
    let out = run(["check".as_ref(), path.as_os_str()]);
    assert_code(&out, 2);
    let p = path.display();
    assert!(
        stderr(&out).starts_with(&format!("{p}:1:1: error: ")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_without_files_is_a_usage_error() {
    let out = run(["check"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("Usage: claimtrack check"));
}

// ---------------------------------------------------------------------------
// export

#[test]
fn export_json_has_every_part() {
    let out = run(["export", "--format", "json", SEED]);
    assert_code(&out, 0);
    let json: Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    let expected = claimtrack::model::load_path(Path::new(SEED)).expect("seed loads");
    let ds = &expected.dataset;
    for (key, len) in [
        ("articles", ds.articles.len()),
        ("actors", ds.actors.len()),
        ("claims", ds.claims.len()),
        ("events", ds.events.len()),
    ] {
        let list = json[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is a list"));
        assert_eq!(list.len(), len, "{key}");
    }
    assert_eq!(json["id"], "nk-troops-ukraine");
    for (claim, c) in json["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .zip(&ds.claims)
    {
        assert_eq!(claim["id"], c.id.as_str());
        let said = claim["said"].as_object().expect("said is an object");
        let mut keys: Vec<&str> = said.keys().map(String::as_str).collect();
        keys.sort_unstable();
        // `as`, the article's own words, only where the dataset has them.
        let expected: &[&str] = if c.said_as.is_some() {
            &["as", "from", "to"]
        } else {
            &["from", "to"]
        };
        assert_eq!(keys, expected, "claim {}", c.id);
        assert_eq!(
            said.get("as").and_then(Value::as_str),
            c.said_as.as_deref(),
            "claim {}",
            c.id
        );
        for end in ["from", "to"] {
            let v = &said[end];
            assert!(
                v.is_null() || v.as_str().is_some_and(|s| s.len() == 10),
                "claim {} said.{end} = {v}",
                c.id
            );
        }
    }
    // A known one: c01 was reported on Tuesday 2024-10-22, said on or before it.
    let c01 = &json["claims"][0];
    assert_eq!(c01["id"], "c01");
    assert_eq!(c01["said"]["from"], Value::Null);
    assert_eq!(c01["said"]["to"], "2024-10-22");
    assert_eq!(c01["said"]["as"], "reported on Tuesday");
    assert!(
        ds.claims.iter().any(|c| c.said_as.is_some())
            && ds.claims.iter().any(|c| c.said_as.is_none()),
        "the seed exercises both shapes of `said`"
    );
}

#[test]
fn export_json_of_the_bundled_dataset_by_default() {
    let out = run(["export", "--format", "json"]);
    assert_code(&out, 0);
    let json: Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    assert_eq!(json["id"], "nk-troops-ukraine");
}

#[test]
fn export_json_of_a_bad_dataset_exits_2() {
    let out = run(["export", "--format", "json", INVALID]);
    assert_code(&out, 2);
    assert_eq!(stdout(&out), "", "nothing half-written");
    let se = stderr(&out);
    for line in INVALID_LINES {
        assert!(se.contains(line), "{line} missing from\n{se}");
    }

    let out = run(["export", "--format", "json", "missing.ron"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("missing.ron: cannot read"));
}

#[test]
fn export_unknown_format_exits_2() {
    let out = run(["export", "--format", "yaml", SEED]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("yaml"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------
// stats

#[test]
fn stats_counts_the_dataset() {
    let out = run(["stats", SEED]);
    assert_code(&out, 0);
    let so = stdout(&out);
    let expected = claimtrack::model::load_path(Path::new(SEED)).expect("seed loads");
    let ds = &expected.dataset;
    let lines: Vec<&str> = so.lines().collect();
    assert_eq!(lines[0], format!("{} ({})", ds.title, ds.id));
    assert_eq!(lines[1], format!("articles {:>8}", ds.articles.len()));
    assert_eq!(lines[2], format!("actors   {:>8}", ds.actors.len()));
    assert_eq!(lines[3], format!("claims   {:>8}", ds.claims.len()));
    assert_eq!(lines[4], format!("events   {:>8}", ds.events.len()));
    assert!(
        so.contains("stances:\n") && so.contains("actor kinds:\n"),
        "{so}"
    );

    // Without a path, the bundled dataset: the same.
    assert_eq!(stdout(&run(["stats"])), so);
}

#[test]
fn stats_of_a_bad_dataset_exits_2() {
    let out = run(["stats", INVALID]);
    assert_code(&out, 2);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains(INVALID_LINES[1]));
}

// ---------------------------------------------------------------------------
// Arguments

#[test]
fn help_and_version_exit_0() {
    for args in [&["--help"][..], &["-h"], &["check", "--help"], &["help"]] {
        let out = run(args);
        assert_code(&out, 0);
        assert!(stdout(&out).contains("Usage: claimtrack"), "{args:?}");
    }
    let out = run(["--help"]);
    for sub in ["check", "export", "stats"] {
        assert!(stdout(&out).contains(sub), "--help lists {sub}");
    }
    let out = run(["--version"]);
    assert_code(&out, 0);
    assert_eq!(
        stdout(&out),
        format!("claimtrack {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flags_exit_2() {
    for args in [
        &["--frobnicate"][..],
        &["check", "--frobnicate", SEED],
        &["export", "--format", "json", "--frobnicate"],
        &["stats", "--frobnicate"],
    ] {
        let out = run(args);
        assert_code(&out, 2);
        assert!(
            stderr(&out).contains("unexpected argument '--frobnicate'"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn unknown_subcommand_exits_2() {
    // A bare word is taken as the dataset to open in the terminal UI; one
    // that names no file is bad input, reported before any terminal setup.
    let out = run(["frobnicate"]);
    assert_code(&out, 2);
    assert_eq!(
        stderr(&out),
        "claimtrack: frobnicate: cannot read: No such file or directory (os error 2)\n"
    );
    // Extra arguments after a subcommand.
    let out = run(["stats", SEED, "extra"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("unexpected argument 'extra'"));
}

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let table = claimtrack::app::Keymap::default().markdown_table();
    assert!(
        readme.contains(&table),
        "README's key table is stale: paste the output of `claimtrack keys`"
    );
}

#[test]
fn readme_starts_with_the_two_setup_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let head: Vec<&str> = readme.lines().take(6).collect();
    assert!(
        head.iter().any(|l| l.starts_with("cargo run --release")),
        "{head:?}"
    );
    assert!(head.iter().any(|l| l.starts_with("cargo test")), "{head:?}");
}
