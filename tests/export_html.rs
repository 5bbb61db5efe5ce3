//! `claimtrack export --format html` (issue 16): the report is parsed back
//! with an HTML5 parser (scraper, html5ever) and checked for its structure,
//! its Content-Security-Policy, and that no hostile string of the dataset or
//! the annotations became markup, a script, an event handler or a link.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod export_support;

use base64::Engine;
use export_support::{ATTRIBUTE_BREAKER, GOOD_URL, Home, JS_URL, SCRIPT_BREAKOUT};
use scraper::{ElementRef, Html, Selector};
use sha2::Digest;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn all<'a>(doc: &'a Html, s: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(s)).collect()
}

fn text(e: &ElementRef<'_>) -> String {
    e.text().collect()
}

fn report(args: &[&str]) -> (String, Html) {
    let home = Home::new();
    let mut full = vec!["-f", "html"];
    full.extend_from_slice(args);
    let out = home.export(&full);
    let doc = Html::parse_document(&out);
    (out, doc)
}

#[test]
fn the_report_has_its_scope_a_verdict_table_and_one_section_per_claim() {
    let (_, doc) = report(&[]);
    assert_eq!(all(&doc, "html[lang]").len(), 1);
    let scope = text(&all(&doc, "p.scope")[0]);
    assert!(
        scope.contains("Dataset hostile: all 6 claims from 1 article, with the analysts' review.")
            && scope.contains("Made 2025-12-01 20:20 UTC."),
        "{scope}"
    );
    let rows = all(&doc, "#verdicts tbody tr");
    assert_eq!(rows.len(), 6);
    let first: Vec<String> = rows[0].select(&sel("td")).map(|td| text(&td)).collect();
    assert_eq!(first[0], "c01");
    assert_eq!(first[1], "✓ Verified");
    assert_eq!(first[2], "B2");
    assert_eq!(first[3], SCRIPT_BREAKOUT, "the claim text, as text");
    // Each row links to its claim's section.
    for row in &rows {
        let a = row.select(&sel("a")).next().expect("a link");
        let target = a.value().attr("href").expect("href");
        let id = target.strip_prefix('#').expect("a fragment");
        assert_eq!(all(&doc, &format!("article.claim[id=\"{id}\"]")).len(), 1);
    }
    assert_eq!(all(&doc, "article.claim").len(), 6);
    // The summary counts every status once.
    let total = all(&doc, "#summary tbody tr");
    assert_eq!(total.len(), 8);
    assert_eq!(text(&total[7]), "Total6");
}

#[test]
fn the_quote_is_marked_in_its_paragraph_with_its_source() {
    let (_, doc) = report(&[]);
    let c02 = all(&doc, "article#claim-c02")[0];
    let para = c02.select(&sel("blockquote p")).next().expect("paragraph");
    let mark = para.select(&sel("mark")).next().expect("mark");
    assert_eq!(text(&mark), "https://evil.example/x and www.evil.example");
    assert!(text(&para).starts_with("See https://evil.example/x and www.evil.example or mail"));
    let footer = text(
        &c02.select(&sel("blockquote footer"))
            .next()
            .expect("footer"),
    );
    assert!(footer.contains("paragraph 2"), "{footer}");
    // The article's url is an http(s) URL: a link.
    let link = c02
        .select(&sel("blockquote footer a"))
        .next()
        .expect("article link");
    assert_eq!(
        link.value().attr("href"),
        Some("https://example.org/news/a1?x=1&y=2")
    );
    let dl = text(&c02.select(&sel("dl")).next().expect("details"));
    assert!(
        dl.contains("AttributionAgency ycnega → The Paper ␛[31mred␛[0m"),
        "{dl}"
    );
    assert!(dl.contains("Status✗ False"), "{dl}");
}

#[test]
fn there_is_no_script_and_a_strict_csp_that_allows_exactly_the_style() {
    let (out, doc) = report(&[]);
    assert!(all(&doc, "script, iframe, object, embed, img, form, base").is_empty());
    let csp: Vec<_> = all(&doc, "head meta[http-equiv=\"Content-Security-Policy\"]");
    assert_eq!(csp.len(), 1);
    let policy = csp[0].value().attr("content").expect("content");
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(
        !policy.contains("unsafe") && !policy.contains("script-src"),
        "{policy}"
    );
    // The CSP comes before anything it must govern.
    let head_start = out.find("<head>").expect("head");
    assert!(out[head_start..].find("Content-Security-Policy") < out[head_start..].find("<style>"));
    // The one style sheet is allowed by its hash, and nothing else is styled.
    let styles = all(&doc, "style");
    assert_eq!(styles.len(), 1);
    let digest = sha2::Sha256::digest(text(&styles[0]).as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    assert!(
        policy.contains(&format!("style-src 'sha256-{hash}'")),
        "{policy} (style hash sha256-{hash})"
    );
    assert!(all(&doc, "[style], link").is_empty());
    assert!(styles[0].inner_html().contains("@media print"));
}

#[test]
fn hostile_strings_stay_text() {
    let (out, doc) = report(&[]);
    // No element anywhere carries an event handler.
    for e in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on"), "<{} {name}>", e.value().name());
        }
    }
    // Markup in the dataset is shown, not obeyed: the title's and headline's
    // `<b>`, the actor's `<i>` are text.
    assert!(all(&doc, "b, i").is_empty());
    assert!(
        text(&all(&doc, "h1")[0]).starts_with("Hostile ␛]0;pwned-title␇ ␛[2J �31m desrever"),
        "{}",
        text(&all(&doc, "h1")[0])
    );
    let c01 = all(&doc, "article#claim-c01")[0];
    assert_eq!(
        text(&c01.select(&sel("p.text")).next().expect("text")),
        SCRIPT_BREAKOUT
    );
    // The note's lines are kept as line breaks, its `</script>` as text.
    let note = c01.select(&sel("dd.note")).next().expect("note");
    assert_eq!(note.select(&sel("br")).count(), 1);
    assert!(
        text(&note).ends_with("second line �2J </script>"),
        "{}",
        text(&note)
    );
    // No bidi controls, no raw controls.
    assert!(!out.contains(['\u{202e}', '\u{2066}', '\u{1b}', '\u{7}', '\u{9b}']));
}

#[test]
fn only_http_urls_become_links() {
    let (_, doc) = report(&[]);
    for a in all(&doc, "a") {
        let href = a.value().attr("href").expect("every link has a target");
        assert!(
            href.starts_with("#claim-") || href.starts_with("https://"),
            "{href}"
        );
        if href.starts_with("https://") {
            assert_eq!(a.value().attr("rel"), Some("noopener noreferrer nofollow"));
        }
    }
    let evidence: Vec<_> = all(&doc, "article#claim-c01 ul.evidence li");
    let items: Vec<(String, Option<&str>)> = evidence
        .iter()
        .map(|li| {
            let href = li
                .select(&sel("a"))
                .next()
                .and_then(|a| a.value().attr("href"));
            (text(li), href)
        })
        .collect();
    assert_eq!(
        items,
        vec![
            ("https://example.org/a b".to_owned(), None),
            ("archive copy ␛[2J".to_owned(), None),
            (JS_URL.to_owned(), None),
            (ATTRIBUTE_BREAKER.to_owned(), None),
            (GOOD_URL.to_owned(), Some(GOOD_URL)),
        ]
    );
}

#[test]
fn where_and_view_choose_the_claims_and_the_scope_says_so() {
    let (_, doc) = report(&["--where", "status:false,misleading"]);
    let ids: Vec<String> = all(&doc, "article.claim h2")
        .iter()
        .map(|h| text(h).split(' ').nth(1).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(ids, ["c02", "c03"]);
    let scope = text(&all(&doc, "p.scope")[0]);
    assert!(
        scope.contains("2 of 6 claims (where: status:false,misleading)"),
        "{scope}"
    );
    // c02 contradicts c03 (in the report: a link); c03 updates c01 (not in it).
    let related: Vec<String> = all(&doc, "article#claim-c03 ul.related li")
        .iter()
        .map(text)
        .collect();
    assert!(
        related[0].starts_with("contradicted by c02: "),
        "{related:?}"
    );
    assert!(
        related[1].starts_with("updates c01 (not in this report): "),
        "{related:?}"
    );
    assert_eq!(all(&doc, "article#claim-c03 ul.related a").len(), 1);

    let home = Home::new();
    std::fs::write(
        home.path("hostile.views.ron"),
        r#"(views: [(name: "done", query: "-status:unreviewed,inprogress", sort: Status)])"#,
    )
    .expect("views");
    let doc = Html::parse_document(&home.export(&["-f", "html", "--view", "done"]));
    assert_eq!(all(&doc, "#verdicts tbody tr").len(), 5);
    assert!(text(&all(&doc, "p.scope")[0]).contains("5 of 6 claims (view: done)"));
}

#[test]
fn an_empty_selection_is_a_report_that_says_so() {
    let (_, doc) = report(&["--where", "status:unreviewed"]);
    assert!(all(&doc, "#verdicts").is_empty());
    assert!(
        all(&doc, "main p")
            .iter()
            .any(|p| text(p) == "No claims to report.")
    );
}

/// With `CLAIMTRACK_VNU_JAR` naming the Nu Html Checker (`vnu.jar`, e.g. from
/// the npm package `vnu-jar`) and java installed, the report has no error.
#[test]
fn the_nu_html_checker_finds_no_error_when_given() {
    let Some(jar) = std::env::var_os("CLAIMTRACK_VNU_JAR") else {
        eprintln!("skipped: set CLAIMTRACK_VNU_JAR to vnu.jar to check the HTML with it");
        return;
    };
    let home = Home::new();
    let file = home.path("report.html");
    let out = home.run(&["-f", "html", "-o", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0));
    let check = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .arg(&file)
        .output()
        .expect("java");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (a, _) = report(&[]);
    let (b, _) = report(&[]);
    assert_eq!(a, b);
}
