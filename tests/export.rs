//! Exports on the bundled dataset with a hand-built review, and the export CLI.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::collections::BTreeSet;

use assert_cmd::cargo::cargo_bin_cmd;

/// The binary with an empty data directory, so the analyst's own
/// annotations on this machine never leak into a test.
fn isolated_cmd() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("claimtrack");
    cmd.env(
        "XDG_DATA_HOME",
        std::env::temp_dir().join(format!("claimtrack-empty-{}", std::process::id())),
    );
    cmd
}
use claimtrack::model::export::{
    all_claims, claimreview,
    csv::to_csv,
    json::to_json,
    markdown::{Scope, to_markdown},
};
use claimtrack::model::{
    Annotation, AnnotationSet, ClaimIx, Credibility, Edit, Loaded, Reliability, Status,
    load_bundled, parse_str,
};
use jiff::Timestamp;
use serde_json::Value;

const NOTE_C01: &str = "Confirmed by \"two\" sources, see below;\nsecond line, with commas";

fn bundled() -> Loaded {
    load_bundled().expect("bundled dataset loads")
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("test timestamp")
}

/// A review touching every status, grading, notes that need quoting or look
/// like formulas, evidence and tags.
fn review() -> AnnotationSet {
    let mut set = AnnotationSet::new("nk-troops-ukraine");
    let at = ts("2024-10-23T09:30:00Z");
    let edits: Vec<(&str, Vec<Edit>)> = vec![
        (
            "c01",
            vec![
                Edit::Status(Status::Verified),
                Edit::Reliability(Some(Reliability::B)),
                Edit::Credibility(Credibility::new(2)),
                Edit::Note(NOTE_C01.into()),
                Edit::Evidence(vec![
                    "https://example.org/a".into(),
                    "https://example.org/b?x=1&y=2".into(),
                ]),
                Edit::Tags(vec!["checked".into(), "observers".into()]),
            ],
        ),
        (
            "c02",
            vec![Edit::Status(Status::False), Edit::Note("=SUM(A1)".into())],
        ),
        (
            "c03",
            vec![Edit::Status(Status::Misleading), Edit::Note("-2+3".into())],
        ),
        (
            "c04",
            vec![Edit::Status(Status::Disputed), Edit::Note("@cmd".into())],
        ),
        ("c05", vec![Edit::Status(Status::Unverifiable)]),
        (
            "c06",
            vec![
                Edit::Status(Status::InProgress),
                Edit::Note("looking".into()),
            ],
        ),
    ];
    for (claim, list) in edits {
        for e in list {
            set.apply(claim, &e, "ana", at);
        }
    }
    // Final, but its last change was never stamped: the history dates it.
    set.apply(
        "c07",
        &Edit::Status(Status::False),
        "bo",
        ts("2024-10-25T23:59:59Z"),
    );
    if let Some(a) = set.claims.get_mut("c07") {
        a.at = None;
    }
    // Final with no date anywhere: datePublished must be left out.
    set.claims.insert(
        "c08".into(),
        Annotation {
            status: Status::Verified,
            ..Annotation::default()
        },
    );
    set
}

fn final_ids(set: &AnnotationSet) -> BTreeSet<String> {
    set.claims
        .iter()
        .filter(|(_, a)| a.status.is_final())
        .map(|(id, _)| id.clone())
        .collect()
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn csv_round_trips_the_review() {
    let loaded = bundled();
    let set = review();
    let text = to_csv(
        &loaded,
        Some(&set),
        &all_claims(&loaded),
        Default::default(),
    );
    let (header, rows) = parse_csv(&text);
    assert_eq!(header, claimtrack::model::export::csv::HEADER);
    assert_eq!(rows.len(), loaded.dataset.claims.len());
    let row = |id: &str| {
        rows.iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("row {id}"))
    };

    let c01 = row("c01");
    let get = |r: &Vec<String>, name: &str| r[col(&header, name)].clone();
    assert_eq!(get(c01, "status"), "✓ Verified");
    assert_eq!(
        (get(c01, "reliability"), get(c01, "credibility")),
        ("B".into(), "2".into())
    );
    assert_eq!(get(c01, "note"), NOTE_C01);
    assert_eq!(
        get(c01, "evidence"),
        r#"["https://example.org/a","https://example.org/b?x=1&y=2"]"#
    );
    // Dataset tags first, then the analyst's new ones.
    assert_eq!(
        get(c01, "tags"),
        r#"["observers","anonymous-source","checked"]"#
    );
    assert_eq!(get(c01, "via"), "yonhap > moscow-times");
    assert_eq!(
        (get(c01, "said_from"), get(c01, "said_to")),
        (String::new(), "2024-10-22".into())
    );
    assert_eq!(get(c01, "annotated_by"), "ana");
    assert_eq!(get(c01, "annotated_at"), "2024-10-23T09:30:00Z");
    assert_eq!(get(c01, "text"), loaded.dataset.claims[0].text);

    let c04 = row("c04");
    assert_eq!(
        get(c04, "said_from"),
        "2024-10-18",
        "dates are not neutralised"
    );
    assert_eq!(get(row("c10"), "status"), "· Unreviewed");
}

#[test]
fn csv_neutralises_formula_cells() {
    let loaded = bundled();
    let text = to_csv(
        &loaded,
        Some(&review()),
        &all_claims(&loaded),
        Default::default(),
    );
    let (header, rows) = parse_csv(&text);
    let note = col(&header, "note");
    let notes: Vec<&str> = rows.iter().map(|r| r[note].as_str()).collect();
    for formula in ["=SUM(A1)", "-2+3", "@cmd"] {
        assert!(
            notes.contains(&format!("'{formula}").as_str()),
            "{formula} not neutralised: {notes:?}"
        );
    }
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
    }
}

const CRAFTED: &str = r#"Dataset(
    format: 1,
    id: "crafted",
    title: "Title *bold* <b>html</b>",
    description: Some("- not a list\n# not a heading"),
    articles: [
        Article(
            id: "a1",
            headline: "Head_line [x](y)",
            outlet: "outlet",
            url: Some("https://news.example/a1"),
            published: On("2024-10"),
            body: ["He said *really* _this_ [link](http://evil.example) <script>alert(1)</script> | pipe ` tick \\ slash # hash."],
        ),
    ],
    actors: [
        Actor(id: "outlet", name: "Outlet <i>", kind: Media),
        Actor(id: "alice", name: "Alice *Star*", kind: Person),
    ],
    claims: [
        Claim(
            id: "k1",
            article: "a1",
            text: "*really* _this_ [link](http://evil.example) <script>alert(1)</script>",
            quote: Quote(paragraph: 1, text: "*really* _this_ [link](http://evil.example) <script>alert(1)</script> | pipe ` tick \\ slash # hash."),
            claimant: "alice",
            via: ["outlet"],
            stance: Asserts,
            said: On("2024-10-01"),
            relations: [Supports("k2")],
        ),
        Claim(
            id: "k2",
            article: "a1",
            text: "Second [claim]",
            quote: Quote(paragraph: 1, text: "He said"),
            claimant: "outlet",
            stance: Asserts,
            said: Unknown,
        ),
    ],
)"#;

fn crafted() -> Loaded {
    match parse_str(CRAFTED) {
        Ok(l) => l,
        Err(d) => panic!("crafted dataset invalid: {d:?}"),
    }
}

#[test]
fn markdown_escapes_dataset_text() {
    let loaded = crafted();
    let md = to_markdown(&loaded, None, &all_claims(&loaded), &Scope::default());
    for raw in [
        "<script>",
        "</script>",
        "*really*",
        "_this_",
        "[link](",
        "<b>",
        "<i>",
        "*Star*",
        "[claim]",
        "[x](y)",
    ] {
        assert!(!md.contains(raw), "unescaped {raw:?} in:\n{md}");
    }
    for escaped in [
        "\\<script\\>",
        "\\*really\\*",
        "\\_this\\_",
        "\\[link\\](http:\u{200d}//evil.example)",
        "\\| pipe \\` tick \\\\ slash \\# hash",
        "Alice \\*Star\\*",
        "Head\\_line",
    ] {
        assert!(md.contains(escaped), "missing {escaped:?} in:\n{md}");
    }
    assert!(
        md.starts_with("# Title \\*bold\\* \\<b\\>html\\</b\\>\n"),
        "{md}"
    );
    assert!(
        md.contains("\n\\- not a list\\\n\\# not a heading\n"),
        "{md}"
    );
    assert!(
        !md.lines()
            .any(|l| l.starts_with("- not") || l.starts_with("# not")),
        "{md}"
    );
}

#[test]
fn markdown_report_has_summary_quotes_and_links() {
    let loaded = bundled();
    let set = review();
    let md = to_markdown(&loaded, Some(&set), &all_claims(&loaded), &Scope::default());
    assert!(md.contains("| Status | Claims |\n| :-- | --: |\n"), "{md}");
    for s in Status::ALL {
        let n = loaded
            .dataset
            .claims
            .iter()
            .filter(|c| set.status(&c.id) == s)
            .count();
        assert!(
            md.contains(&format!("| {} | {n} |\n", s.label())),
            "{s}: {n}"
        );
    }
    assert!(md.contains(&format!("| **Total** | {} |", loaded.dataset.claims.len())));
    assert_eq!(
        md.matches("\n## Claim ").count(),
        loaded.dataset.claims.len()
    );
    assert!(
        md.contains("> Pyongyang has sent a “significant number” of troops"),
        "verbatim quote"
    );
    assert!(md.contains("paragraph 2\n"));
    assert!(md.contains("- **Status:** Verified (B2)"));
    assert!(md.contains("- **Attribution:** Anonymous Seoul government source → Yonhap News Agency → The Moscow Times"));
    assert!(md.contains(
        "- **Note:** Confirmed by \"two\" sources, see below;\\\n  second line, with commas\n"
    ));
    assert!(md.contains("- <https://example.org/a>\n"));
    assert!(
        md.contains("- supports [c04](#claim-c04): "),
        "in-page link"
    );
    assert!(md.contains("- **Said:** 2024-10-18 (“last Friday”)"));

    // A filtered view links only to what it contains.
    let only_c02 = [ClaimIx(1)];
    let md = to_markdown(&loaded, Some(&set), &only_c02, &Scope::default());
    assert!(md.contains("- supports c04 (not in this report): "), "{md}");
    assert!(md.contains("| False | 1 |") && md.contains("| **Total** | 1 |"));
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn dates_in(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if k == "datePublished" {
                    out.push(v.as_str().unwrap_or("<not a string>").to_owned());
                } else {
                    dates_in(v, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| dates_in(v, out)),
        _ => {}
    }
}

#[test]
fn claimreview_is_valid_json_ld_of_final_verdicts() {
    let loaded = bundled();
    let set = review();
    let options = claimreview::Options {
        org: "Example Checks".into(),
        review_url: Some(claimreview::ReviewUrl::Base(
            "https://checks.example/nk".into(),
        )),
    };
    let text = claimreview::to_claimreview(&loaded, Some(&set), &all_claims(&loaded), &options);
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    let reviews = doc.as_array().expect("an array");
    let mut ids = BTreeSet::new();
    for r in reviews {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(r["claimReviewed"].as_str().is_some_and(|s| !s.is_empty()));
        let label = r["reviewRating"]["alternateName"]
            .as_str()
            .expect("alternateName");
        let status = Status::parse(label).expect("a status label");
        assert!(status.is_final(), "{label}");
        let value = r["reviewRating"]["ratingValue"].as_u64();
        if matches!(status, Status::Disputed | Status::Unverifiable) {
            // Not a degree of truth: a number would read as "mostly false".
            assert_eq!(value, None, "{label}");
            assert!(r["reviewRating"].get("bestRating").is_none());
        } else {
            assert!(value.is_some_and(|v| (1..=5).contains(&v)), "{label}");
            assert_eq!(
                (
                    r["reviewRating"]["bestRating"].as_u64(),
                    r["reviewRating"]["worstRating"].as_u64()
                ),
                (Some(5), Some(1))
            );
        }
        assert!(
            r["reviewRating"]["name"]
                .as_str()
                .is_some_and(|n| n.starts_with(label)),
            "reviewRating.name"
        );
        assert_eq!(r["author"]["name"], "Example Checks");
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
        assert!(r["itemReviewed"]["author"]["name"].as_str().is_some());
        assert_eq!(
            r["itemReviewed"]["appearance"]["publisher"]["name"],
            "The Moscow Times"
        );
        let url = r["url"].as_str().expect("url");
        let id = url
            .strip_prefix("https://checks.example/nk#")
            .expect("url from the base");
        assert_eq!(set.status(id), status);
        ids.insert(id.to_owned());
        let mut dates = Vec::new();
        dates_in(r, &mut dates);
        assert!(dates.iter().all(|d| is_iso_date(d)), "{dates:?}");
    }
    assert_eq!(ids, final_ids(&set));

    let by_id = |id: &str| {
        reviews
            .iter()
            .find(|r| {
                r["url"]
                    .as_str()
                    .is_some_and(|u| u.ends_with(&format!("#{id}")))
            })
            .unwrap_or_else(|| panic!("review of {id}"))
    };
    assert_eq!(by_id("c01")["datePublished"], "2024-10-23");
    assert_eq!(
        by_id("c07")["datePublished"],
        "2024-10-25",
        "dated by its history"
    );
    assert!(
        by_id("c08").get("datePublished").is_none(),
        "no date is invented"
    );
    assert_eq!(by_id("c04")["itemReviewed"]["datePublished"], "2024-10-18");
    assert!(
        by_id("c01")["itemReviewed"].get("datePublished").is_none(),
        "Before(..) has no single date"
    );
    assert_eq!(by_id("c01")["reviewRating"]["ratingValue"], 5);
    assert_eq!(by_id("c02")["reviewRating"]["ratingValue"], 1);
}

#[test]
fn claimreview_defaults_and_person_authors() {
    let loaded = crafted();
    let mut set = AnnotationSet::new("crafted");
    set.apply(
        "k1",
        &Edit::Status(Status::Misleading),
        "ana",
        ts("2024-11-01T00:00:00Z"),
    );
    let text = claimreview::to_claimreview(
        &loaded,
        Some(&set),
        &all_claims(&loaded),
        &claimreview::Options::default(),
    );
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    let r = &doc[0];
    assert_eq!(doc.as_array().map(Vec::len), Some(1));
    assert!(r.get("url").is_none(), "no url without a base");
    assert_eq!(r["author"]["name"], claimreview::DEFAULT_ORG);
    assert_eq!(
        r["itemReviewed"]["author"],
        serde_json::json!({"@type": "Person", "name": "Alice *Star*"})
    );
    let appearance = &r["itemReviewed"]["appearance"];
    assert_eq!(appearance["url"], "https://news.example/a1");
    assert_eq!(
        appearance["datePublished"], "2024-10",
        "month precision stays a month: no invented day"
    );
    // Without annotations nothing is final.
    let none = claimreview::to_claimreview(
        &loaded,
        None,
        &all_claims(&loaded),
        &claimreview::Options::default(),
    );
    assert_eq!(none, "[]\n");
}

#[test]
fn exports_are_deterministic_and_follow_the_given_order() {
    let loaded = bundled();
    let set = review();
    let claims = all_claims(&loaded);
    let opts = claimreview::Options::default();
    let run = || {
        [
            to_csv(&loaded, Some(&set), &claims, Default::default()),
            to_markdown(&loaded, Some(&set), &claims, &Scope::default()),
            to_json(&loaded, Some(&set), &claims),
            claimreview::to_claimreview(&loaded, Some(&set), &claims, &opts),
        ]
    };
    assert_eq!(run(), run());

    let reversed: Vec<ClaimIx> = claims.iter().rev().copied().collect();
    let (_, rows) = parse_csv(&to_csv(&loaded, Some(&set), &reversed, Default::default()));
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let mut expected: Vec<&str> = loaded
        .dataset
        .claims
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    expected.reverse();
    assert_eq!(ids, expected);
    // Indices outside the dataset are skipped, not a panic.
    let (_, rows) = parse_csv(&to_csv(
        &loaded,
        None,
        &[ClaimIx(9999), ClaimIx(0)],
        Default::default(),
    ));
    assert_eq!(rows.len(), 1);
}

#[test]
fn json_carries_the_review() {
    let loaded = bundled();
    let json: Value =
        serde_json::from_str(&to_json(&loaded, Some(&review()), &all_claims(&loaded)))
            .expect("json");
    assert_eq!(json["claims"][0]["annotation"]["status"], "Verified");
}

// ---- CLI ----

fn write_review(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("review.ron");
    let text =
        ron::ser::to_string_pretty(&review(), ron::ser::PrettyConfig::default()).expect("ron");
    std::fs::write(&path, text).expect("write review");
    path
}

#[test]
fn cli_csv_with_annotations_and_status_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let review_path = write_review(dir.path());
    let out = isolated_cmd()
        .args(["export", "--format", "csv", "--status", "verified,false"])
        .arg("--annotations")
        .arg(&review_path)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (header, rows) = parse_csv(&String::from_utf8(out.stdout).expect("utf-8"));
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        ["c01", "c02", "c07", "c08"],
        "dataset order, only those statuses"
    );
    assert_eq!(rows[1][col(&header, "note")], "'=SUM(A1)");
}

#[test]
fn cli_bad_input_exits_2() {
    let out = isolated_cmd()
        .args(["export", "-f", "csv", "--status", "bogus"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bogus") && err.contains("Verified"), "{err}");

    let out = isolated_cmd()
        .args([
            "export",
            "-f",
            "json",
            "--annotations",
            "/nonexistent/review.ron",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/review.ron"));

    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("other.ron");
    std::fs::write(&other, "(format: 1, dataset: \"other\")").expect("write");
    let out = isolated_cmd()
        .args(["export", "-f", "json", "-a"])
        .arg(&other)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "annotations of another dataset");

    let out = isolated_cmd()
        .args([
            "export",
            "-f",
            "claimreview",
            "--review-url-base",
            "not a url",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cli_output_writes_the_file_and_prints_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let review_path = write_review(dir.path());
    let target = dir.path().join("reviews.jsonld");
    let out = isolated_cmd()
        .args([
            "export",
            "-f",
            "claimreview",
            "--org",
            "Example Checks",
            "--review-url-base",
            "https://checks.example/nk",
        ])
        .arg("-a")
        .arg(&review_path)
        .arg("-o")
        .arg(&target)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&target).expect("written")).expect("json");
    assert_eq!(
        doc.as_array().map(Vec::len),
        Some(final_ids(&review()).len())
    );
    assert_eq!(doc[0]["author"]["name"], "Example Checks");
    let leftovers = std::fs::read_dir(dir.path()).expect("ls").count();
    assert_eq!(leftovers, 2, "no temporary file left behind");
}

#[test]
fn cli_markdown_of_a_dataset_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ds = dir.path().join("crafted.ron");
    std::fs::write(&ds, CRAFTED).expect("write");
    let out = isolated_cmd()
        .args(["export", "-f", "markdown"])
        .arg(&ds)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.contains("## Claim k1") && !md.contains("<script>"));
}
