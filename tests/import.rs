//! `claimtrack import`: a web page full of distractions, Markdown and text
//! give exactly the article's paragraphs and metadata; the dataset is
//! created, or spliced into without touching anything else. Imported HTML
//! is hostile: arbitrary bytes never panic the extractor.

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
use claimtrack::model::import::{Extracted, extract_html, extract_markdown, extract_text};
use proptest::prelude::*;

const HTML: &str = include_str!("fixtures/import/article.html");
const MD: &str = include_str!("fixtures/import/article.md");
const TXT: &str = include_str!("fixtures/import/article.txt");
const DATASET: &str = include_str!("fixtures/authoring.ron");

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str], dir: &Path) -> Output {
    let out = cargo_bin_cmd!("claimtrack")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    out
}

#[test]
fn html_gives_exactly_the_articles_paragraphs_and_metadata() {
    assert_eq!(
        extract_html(HTML),
        Extracted {
            headline: Some("Seoul weighs sending observers to Ukraine".into()),
            published: Some("2024-11-05".into()),
            outlet: Some("Kyiv Post".into()),
            url: Some("https://example.org/news/seoul-observers".into()),
            credit: Some("By Jane Reporter, photo: Antony Wallace / AFP".into()),
            paragraphs: vec![
                "South Korea is considering sending military intelligence officers to Ukraine to monitor North Korean troops, Yonhap reported on Tuesday.".into(),
                "Seoul’s intelligence services said last Friday that Pyongyang has sent a “significant number” of troops to Russia — including 1,500 special forces.".into(),
                "North Korea’s representative to the UN called the statements “unfounded rumours”. Russia has not confirmed it.".into(),
                "The ministry said the price was 100\u{a0}000\u{a0}won & more…".into(),
            ],
        }
    );
}

#[test]
fn html_metadata_falls_back_to_json_ld_then_the_document() {
    let no_og: String = HTML
        .lines()
        .filter(|l| {
            !l.contains("og:") && !l.contains("article:published") && !l.contains("canonical")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let got = extract_html(&no_og);
    assert_eq!(
        got.headline.as_deref(),
        Some("JSON-LD headline, second choice")
    );
    assert_eq!(got.published.as_deref(), Some("2024-11-04"));
    assert_eq!(got.outlet.as_deref(), Some("Kyiv Post (JSON-LD)"));
    assert_eq!(got.url, None);
    let bare = "<html><head><title>Only a title</title></head><body>\
                <h1>The h1</h1><time datetime=\"2024-01-02T03:04\">x</time>\
                <div><p>One.</p><p>Two, three.</p></div></body></html>";
    let got = extract_html(bare);
    assert_eq!(got.headline.as_deref(), Some("The h1"));
    assert_eq!(got.published.as_deref(), Some("2024-01-02"));
    assert_eq!(got.paragraphs, ["One.", "Two, three."]);
    let got = extract_html("<title>T</title>");
    assert_eq!(
        (got.headline.as_deref(), got.paragraphs.len()),
        (Some("T"), 0)
    );
}

#[test]
fn markdown_and_text_give_the_same_paragraphs() {
    let md = extract_markdown(MD);
    assert_eq!(
        md.headline.as_deref(),
        Some("Seoul weighs sending observers")
    );
    assert_eq!(
        md.paragraphs,
        [
            "South Korea is considering sending military intelligence officers to Ukraine, Yonhap reported on Tuesday.",
            "Seoul’s intelligence services said last Friday that Pyongyang has sent a “significant number” of troops — including 1,500 special forces.",
            "North Korea’s representative called it “unfounded rumours”.",
        ]
    );
    let txt = extract_text(TXT);
    assert_eq!(
        txt.headline.as_deref(),
        Some("Seoul weighs sending observers")
    );
    assert_eq!(txt.paragraphs, md.paragraphs[..2]);
}

#[test]
fn import_creates_a_dataset_that_passes_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        &["import", &fixture("article.html"), "--into", "kyiv.ron"],
        dir.path(),
    );
    code(&out, 0);
    assert_eq!(
        text(&out.stdout),
        "added article \"kyiv-post-2024-11-05\" (4 paragraphs), actor \"kyiv-post\" to kyiv.ron\n"
    );
    let written = std::fs::read_to_string(dir.path().join("kyiv.ron")).expect("written");
    assert!(written.contains("    id: \"kyiv\",\n"), "{written}");
    code(&run(&["check", "kyiv.ron"], dir.path()), 0);
    // The loop goes on: a claim from the imported article.
    let out = run(
        &[
            "add",
            "claim",
            "--into",
            "kyiv.ron",
            "--article",
            "kyiv-post-2024-11-05",
            "--quote",
            "“significant number” of troops",
            "--claimant",
            "kyiv-post",
            "--stance",
            "quotes",
            "--said",
            "last Friday",
        ],
        dir.path(),
    );
    code(&out, 0);
    assert!(
        text(&out.stdout).contains("said “last Friday” → 2024-11-01"),
        "{}",
        text(&out.stdout)
    );
    code(&run(&["check", "kyiv.ron"], dir.path()), 0);
}

#[test]
fn import_into_an_existing_dataset_touches_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path: PathBuf = dir.path().join("d.ron");
    std::fs::write(&path, DATASET).expect("write");
    // The outlet exists, by name: no new actor. Flags override the page.
    let out = run(
        &[
            "import",
            &fixture("article.md"),
            "--into",
            "d.ron",
            "--outlet",
            "The Times",
            "--published",
            "2024-11-06",
            "--headline",
            "Given headline",
            "--url",
            "https://example.org/flag",
        ],
        dir.path(),
    );
    code(&out, 0);
    assert_eq!(
        text(&out.stdout),
        "added article \"times-2024-11-06\" (3 paragraphs) to d.ron\n"
    );
    let new = std::fs::read_to_string(&path).expect("read");
    let inserted = "\n    Article(\n      id: \"times-2024-11-06\",\n      headline: \"Given headline\",\n      outlet: \"times\",\n      url: Some(\"https://example.org/flag\"),\n      published: On(\"2024-11-06\"),\n      body: [\n";
    let anchor =
        "        \"Moscow said the cooperation was not aimed at Seoul.\",\n      ],\n    ),";
    assert!(new.starts_with(&DATASET[..DATASET.find(anchor).expect("anchor") + anchor.len()]));
    assert!(
        new[DATASET.find(anchor).expect("anchor") + anchor.len()..].starts_with(inserted),
        "{new}"
    );
    assert!(new.ends_with(&DATASET[DATASET.find(anchor).expect("anchor") + anchor.len()..]));
    // Again: the id is de-duplicated.
    let out = run(
        &[
            "import",
            &fixture("article.txt"),
            "--into",
            "d.ron",
            "--outlet",
            "times",
            "--published",
            "2024-11-06",
        ],
        dir.path(),
    );
    code(&out, 0);
    assert!(text(&out.stdout).contains("\"times-2024-11-06-2\" (2 paragraphs)"));
    code(&run(&["check", "d.ron"], dir.path()), 0);
}

#[test]
fn missing_metadata_names_the_flag_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        &[
            "import",
            &fixture("article.md"),
            "--into",
            "x.ron",
            "--outlet",
            "X",
        ],
        dir.path(),
    );
    code(&out, 2);
    assert!(
        text(&out.stderr)
            .contains("the article has no published date: give it with --published YYYY-MM-DD"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &[
            "import",
            &fixture("article.md"),
            "--into",
            "x.ron",
            "--published",
            "2024-11-05",
        ],
        dir.path(),
    );
    code(&out, 2);
    assert!(
        text(&out.stderr).contains("give it with --outlet"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &[
            "import",
            &fixture("article.md"),
            "--into",
            "x.ron",
            "--published",
            "5 Nov",
            "--outlet",
            "X",
        ],
        dir.path(),
    );
    code(&out, 2);
    assert!(!dir.path().join("x.ron").exists());
    let out = run(&["import", "notes.doc", "--into", "x.ron"], dir.path());
    code(&out, 2);
}

#[test]
fn standard_input_with_as() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = cargo_bin_cmd!("claimtrack")
        .current_dir(dir.path())
        .args([
            "import",
            "-",
            "--as",
            "txt",
            "--into",
            "s.ron",
            "--outlet",
            "Wire",
            "--published",
            "2024-11-05",
        ])
        .write_stdin(TXT)
        .output()
        .expect("runs");
    code(&out, 0);
    assert_eq!(
        text(&out.stdout),
        "added article \"wire-2024-11-05\" (2 paragraphs), actor \"wire\" to s.ron\n"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic_the_extractors(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let s = String::from_utf8_lossy(&bytes);
        let _ = extract_html(&s);
        let _ = extract_markdown(&s);
        let _ = extract_text(&s);
    }

    #[test]
    fn tag_soup_never_panics(parts in proptest::collection::vec(
        prop::sample::select(vec![
            "<p>", "</p>", "<div class=\"ad\">", "</div>", "<article>", "<script>", "</script>",
            "<script type=\"application/ld+json\">{\"headline\":", "\"x\"}", "<meta property=\"og:title\" content=\"",
            "\">", "&amp;", "&#x1F600;", "&#0;", "<br>", "text, more", "<!--", "-->", "<time datetime=\"2024-",
            "\u{0}", "\u{1b}[2J", "<table><tr><td>", "<![CDATA[", "<svg><p>", "\n\n",
        ]), 0..200)) {
        let s: String = parts.concat();
        let _ = extract_html(&s);
        let _ = extract_markdown(&s);
    }
}

#[test]
fn deeply_nested_html_does_not_overflow_the_stack() {
    let depth = 3_000;
    let s = format!(
        "{}<p>deep, deep</p>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let got = extract_html(&s);
    assert_eq!(got.paragraphs, ["deep, deep"]);
}
