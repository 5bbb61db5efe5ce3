//! The export defects found with real consumers (issue 16), one test each,
//! on the hostile dataset in `tests/fixtures/hostile/` (it holds the claim
//! texts of the findings).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
const SCRIPT_BREAKOUT: &str = "</script><img src=x onerror=alert(1)>";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `claimtrack export ARGS -a hostile.annotations.ron hostile.ron` with an
/// empty home (no settings file, no data directory).
fn export(args: &[&str]) -> Out {
    let home = tempfile::tempdir().expect("home");
    let out = cargo_bin_cmd!("claimtrack")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("SOURCE_DATE_EPOCH", "1764620400")
        .arg("export")
        .args(args)
        .arg("-a")
        .arg(format!("{FIXTURES}/hostile.annotations.ron"))
        .arg(format!("{FIXTURES}/hostile.ron"))
        .output()
        .expect("run");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

fn ok(args: &[&str]) -> Out {
    let out = export(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out
}

fn reviews(args: &[&str]) -> Vec<Value> {
    let out = ok(args);
    match serde_json::from_str(&out.stdout) {
        Ok(Value::Array(a)) => a,
        other => panic!("not a JSON array: {other:?}\n{}", out.stdout),
    }
}

fn review_of<'a>(reviews: &'a [Value], text_start: &str) -> &'a Value {
    reviews
        .iter()
        .find(|r| {
            r["claimReviewed"]
                .as_str()
                .is_some_and(|t| t.starts_with(text_start))
        })
        .unwrap_or_else(|| panic!("no review of {text_start:?}"))
}

// 1. ClaimReview breaks out of its <script> tag.

#[test]
fn claimreview_cannot_end_the_script_it_is_pasted_into() {
    let out = ok(&["-f", "claimreview", "--org", "Org"]);
    assert!(!out.stdout.contains(['<', '>', '&']), "{}", out.stdout);
    assert!(
        out.stdout.contains("\\u003c/script\\u003e"),
        "{}",
        out.stdout
    );
    let all: Vec<Value> = serde_json::from_str(&out.stdout).expect("valid JSON");
    // The same value once parsed.
    assert_eq!(
        review_of(&all, "</script>")["claimReviewed"],
        SCRIPT_BREAKOUT
    );
}

#[test]
fn claimreview_html_is_one_script_block_per_review() {
    let out = ok(&["-f", "claimreview-html", "--org", "Org"]);
    let blocks: Vec<&str> = out
        .stdout
        .split("<script type=\"application/ld+json\">\n")
        .skip(1)
        .collect();
    // Verified, False, Misleading, Disputed, Unverifiable: five verdicts.
    assert_eq!(blocks.len(), 5, "{}", out.stdout);
    assert_eq!(out.stdout.matches("</script>").count(), 5, "{}", out.stdout);
    for b in blocks {
        let json = b
            .strip_suffix("</script>\n")
            .expect("block ends the script");
        let v: Value = serde_json::from_str(json).expect("one JSON object per block");
        assert_eq!(v["@type"], "ClaimReview");
    }
}

// 2. One page per review.

#[test]
fn review_url_template_gives_each_review_its_page() {
    let all = reviews(&[
        "-f",
        "claimreview",
        "--org",
        "Org",
        "--review-url-template",
        "https://example.org/checks/{dataset}/{article}/{id}",
    ]);
    assert_eq!(
        review_of(&all, "</script>")["url"],
        "https://example.org/checks/hostile/a1/c01"
    );
    let urls: std::collections::BTreeSet<&str> =
        all.iter().filter_map(|r| r["url"].as_str()).collect();
    assert_eq!(urls.len(), all.len(), "one page per review");
}

#[test]
fn review_urls_are_checked_and_their_absence_warned_about() {
    let bad = export(&[
        "-f",
        "claimreview",
        "--review-url-template",
        "https://example.org/checks",
    ]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("must contain {id}"), "{}", bad.stderr);
    let bad = export(&[
        "-f",
        "claimreview",
        "--review-url-template",
        "javascript:{id}",
    ]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    let both = export(&[
        "-f",
        "claimreview",
        "--review-url-base",
        "https://example.org/a",
        "--review-url-template",
        "https://example.org/{id}",
    ]);
    assert_eq!(both.code, 2, "{}", both.stderr);
    let none = ok(&["-f", "claimreview", "--org", "Org"]);
    assert!(
        none.stderr.contains("warning: no --review-url-template"),
        "{}",
        none.stderr
    );
    let with = ok(&[
        "-f",
        "claimreview",
        "--org",
        "Org",
        "--review-url-base",
        "https://example.org/c",
    ]);
    assert!(with.stderr.is_empty(), "{}", with.stderr);
}

// 3. Invented precision.

#[test]
fn dates_keep_the_precision_they_were_given() {
    let all = reviews(&["-f", "claimreview", "--org", "Org"]);
    let c01 = review_of(&all, "</script>");
    // said: On("2024-10"), published: On("2024-10")
    assert_eq!(c01["itemReviewed"]["datePublished"], "2024-10");
    assert_eq!(
        c01["itemReviewed"]["appearance"]["datePublished"],
        "2024-10"
    );
    // said: Between(..): no single date.
    let c03 = review_of(&all, "A link");
    assert!(c03["itemReviewed"].get("datePublished").is_none(), "{c03}");
}

// 5. Ratings.

#[test]
fn disputed_and_unverifiable_have_no_number_and_every_rating_a_name() {
    let all = reviews(&["-f", "claimreview", "--org", "Org"]);
    for (text, label, value) in [
        ("</script>", "Verified", Some(5)),
        ("See https", "False", Some(1)),
        ("A link", "Misleading", Some(3)),
        ("Disputed claim", "Disputed", None),
        ("Unverifiable claim", "Unverifiable", None),
    ] {
        let rating = &review_of(&all, text)["reviewRating"];
        assert_eq!(rating["alternateName"], label);
        assert_eq!(rating["ratingValue"].as_u64(), value, "{label}: {rating}");
        assert_eq!(
            rating.get("bestRating").is_some(),
            value.is_some(),
            "{rating}"
        );
        let name = rating["name"].as_str().expect("reviewRating.name");
        assert!(name.starts_with(label), "{name}");
    }
}

#[test]
fn the_reviewing_organisation_is_named_or_warned_about() {
    for empty in ["", "  "] {
        let out = export(&["-f", "claimreview", "--org", empty]);
        assert_eq!(out.code, 2, "{empty:?}: {}", out.stderr);
        assert!(out.stderr.contains("--org"), "{}", out.stderr);
    }
    let out = ok(&[
        "-f",
        "claimreview",
        "--review-url-base",
        "https://example.org/c",
    ]);
    assert!(
        out.stderr.contains("warning: no --org") && out.stderr.contains("claimtrack analyst"),
        "{}",
        out.stderr
    );
}

// 6. Markdown for GFM.

#[test]
fn markdown_makes_no_autolinks_and_drops_bidi_controls() {
    let md = ok(&["-f", "markdown"]).stdout;
    for link in ["https://evil", "www.evil", "@evil.example", "@mention"] {
        assert!(!md.contains(link), "{link:?} would autolink in:\n{md}");
    }
    // Still readable: the joiner is invisible.
    assert!(md.contains("https:\u{200d}//evil.example/x"), "{md}");
    assert!(md.contains("www\u{200d}.evil.example"), "{md}");
    for bidi in [
        '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200f}',
    ] {
        assert!(
            !md.contains(bidi),
            "bidi control U+{:04X} in:\n{md}",
            bidi as u32
        );
    }
    // An escaped `<` with a link inside left a stray backslash on forges.
    assert!(!md.contains("\\<https://"), "{md}");
    // Evidence becomes a link only when it is a real web address.
    assert!(md.contains("- <https://example.org/c>"), "{md}");
    assert!(!md.contains("<https://example.org/a b>"), "{md}");
}

#[test]
fn markdown_says_its_scope_and_opens_with_a_verdict_table() {
    let md = ok(&[
        "-f",
        "markdown",
        "--status",
        "verified,false,misleading,disputed,unverifiable",
    ])
    .stdout;
    assert!(md.contains("`hostile`"), "dataset id: {md}");
    assert!(
        md.contains("5 of 6 claims (status: Verified, False, Misleading, Disputed, Unverifiable)"),
        "{md}"
    );
    assert!(md.contains("Made 2025-12-01 20:20 UTC."), "{md}");
    let table = md.find("## Verdicts").expect("verdict table");
    let details = md.find("## Claim c01").expect("details");
    assert!(table < details, "{md}");
    assert!(
        md.contains("| [c01](#claim-c01) | ✓ Verified | B2 | \\</script\\>"),
        "{md}"
    );
    assert!(md.contains("| [c02](#claim-c02) | ✗ False | — |"), "{md}");
    let all = ok(&["-f", "markdown"]).stdout;
    assert!(all.contains("all 6 claims"), "{all}");
}

// 7. CSV.

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
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

fn cell<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    &row[header.iter().position(|h| h == name).expect("column")]
}

#[test]
fn csv_statuses_are_never_booleans() {
    let (header, rows) = csv_rows(&ok(&["-f", "csv"]).stdout);
    let statuses: Vec<&str> = rows.iter().map(|r| cell(&header, r, "status")).collect();
    assert_eq!(
        statuses,
        [
            "✓ Verified",
            "✗ False",
            "≈ Misleading",
            "◐ InProgress",
            "⇄ Disputed",
            "? Unverifiable"
        ]
    );
    for s in statuses {
        let lower = s.to_ascii_lowercase();
        assert!(!["true", "false", "yes", "no", "0", "1"].contains(&lower.as_str()));
    }
}

#[test]
fn csv_lists_are_lossless_json_arrays() {
    let (header, rows) = csv_rows(&ok(&["-f", "csv"]).stdout);
    let list = |row: &[String], name: &str| -> Vec<String> {
        let c = cell(&header, row, name);
        serde_json::from_str(c).unwrap_or_else(|e| panic!("{name} {c:?}: {e}"))
    };
    // Dataset tags, then the analyst's; a `; ` inside a tag survives.
    assert_eq!(list(&rows[0], "tags"), ["a; b", "=1+1", "x; y", "@cmd"]);
    assert_eq!(
        list(&rows[0], "evidence"),
        ["https://example.org/a b", "archive copy \u{1b}[2J"]
    );
    assert_eq!(list(&rows[2], "evidence"), Vec::<String>::new());
}

#[test]
fn csv_neutralises_spaced_and_full_width_formulas() {
    let (header, rows) = csv_rows(&ok(&["-f", "csv"]).stdout);
    assert_eq!(cell(&header, &rows[1], "note"), "' =1+1");
    assert_eq!(cell(&header, &rows[2], "note"), "'\u{ff1d}SUM(A1)");
    assert_eq!(
        cell(&header, &rows[3], "text"),
        "'=HYPERLINK(\"https://evil.example\")"
    );
    for row in &rows {
        for c in row {
            let t = c.trim_start();
            assert!(
                c.starts_with('\'')
                    || !t.starts_with([
                        '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'
                    ]),
                "formula cell {c:?}"
            );
        }
    }
}

#[test]
fn csv_for_excel_has_a_bom_and_crlf() {
    let plain = ok(&["-f", "csv"]).stdout;
    assert!(!plain.starts_with('\u{feff}') && !plain.contains("\r\n"));
    let excel = ok(&["-f", "csv", "--excel"]).stdout;
    let body = excel.strip_prefix('\u{feff}').expect("UTF-8 BOM");
    let header_line = body.split("\r\n").next().expect("a line");
    assert!(header_line.starts_with("id,article,"), "{header_line}");
    // Every record ends in CRLF (a multi-line note keeps its own LF inside quotes).
    assert!(body.ends_with("\r\n"));
    let (_, rows) = csv_rows(body);
    assert_eq!(rows.len(), 6);
}
