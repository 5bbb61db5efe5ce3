//! A self-contained HTML report for editors: one static file to open, mail
//! or print. It says its scope, then a verdict table, a summary per status,
//! and each claim with its quote highlighted in its paragraph, the
//! attribution chain, grading, notes, evidence and related claims.
//!
//! Safe by construction: no script, no external resource, and a strict
//! Content-Security-Policy (`default-src 'none'`, the one stylesheet allowed
//! by its hash), so even a mistake in escaping could run nothing. Every
//! dataset and annotation string goes through [`push_text`]: `& < > " '` as
//! entities, controls as their pictures (␛), bidi controls dropped. Only
//! absolute http(s) URLs ([`check_http_url`]) become links, with
//! `rel="noopener noreferrer nofollow"`. Statuses have a symbol and a label
//! besides their colour, so a black-and-white print still reads.
//!
//! Written in one pass over the claims (a set of the exported ones decides
//! whether a related claim can be linked), so large exports stay linear.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::collections::HashSet;
use std::fmt::Write;

use super::markdown::Scope;
use super::{ClaimView, utc_date, views};
use crate::model::web_url::check_http_url;
use crate::model::{AnnotationSet, ClaimIx, Link, Loaded, Status};

/// The report's only style sheet; its hash is in the CSP (see [`STYLE_HASH`]).
const STYLE: &str = "
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1b1b;background:#fff;max-width:62rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.7rem;margin:0 0 .5rem}h2{font-size:1.3rem;margin:2rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .25rem}
.scope{color:#444}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eee}td.n{text-align:right}
.status{display:inline-block;white-space:nowrap;border:1px solid;border-radius:.25rem;padding:0 .35rem;font-weight:600}
.st-unreviewed{color:#555;background:#f2f2f2}.st-inprogress{color:#7a4d00;background:#fff3d6}
.st-verified{color:#13652b;background:#e2f5e7}.st-misleading{color:#8a3c00;background:#ffe9d9}
.st-false{color:#a1111b;background:#fde4e6}.st-disputed{color:#5b2a8c;background:#f0e6fb}
.st-unverifiable{color:#2d4a7a;background:#e5edf9}
article.claim{border-top:2px solid #ccc;margin-top:2rem}
blockquote{margin:.75rem 0;padding:.25rem 1rem;border-left:4px solid #999;background:#fafafa}
mark{background:#fff1a8;color:inherit;font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dt{font-weight:600}dd{margin:0}
.muted{color:#666}
@media print{
body{margin:0;max-width:none;font-size:11pt;color:#000}
a{color:#000;text-decoration:none}
.evidence a::after,blockquote footer a::after{content:' <' attr(href) '>';word-break:break-all}
.status{color:#000!important;background:none!important;border:1px solid #000}
mark{background:none;text-decoration:underline;font-weight:700}
blockquote{background:none}
thead{display:table-header-group}tr,article.claim{break-inside:avoid}
}
";

/// `sha256-` and the base64 SHA-256 of [`STYLE`], for the CSP's `style-src`
/// (a test recomputes it from the written report).
const STYLE_HASH: &str = "sha256-WhAzyaWR/uR3brVuUn69lD6+CDnysf0yuE/OwSEu/m8=";

/// Related claims are shown with this many characters of their text.
const SHORT_TEXT_CHARS: usize = 80;

pub fn to_html(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
    scope: &Scope,
) -> String {
    let ds = &loaded.dataset;
    let views = views(loaded, annotations, claims);
    let exported: HashSet<ClaimIx> = views.iter().map(|v| v.ix).collect();
    let mut out = String::with_capacity(4096 + views.len() * 2048);

    head(&mut out, &ds.title);
    out.push_str("<header>\n<h1>");
    push_text(&mut out, &ds.title);
    out.push_str("</h1>\n");
    if let Some(d) = ds.description.as_deref().filter(|d| !d.trim().is_empty()) {
        out.push_str("<p class=\"description\">");
        push_block(&mut out, d);
        out.push_str("</p>\n");
    }
    scope_line(&mut out, loaded, annotations.is_some(), &views, scope);
    out.push_str("</header>\n<main>\n");
    if !views.is_empty() {
        verdict_table(&mut out, &views);
    }
    summary(&mut out, &views);
    if views.is_empty() {
        out.push_str("<p>No claims to report.</p>\n");
    }
    for v in &views {
        claim_section(&mut out, loaded, v, &exported);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn head(out: &mut String, title: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '{STYLE_HASH}'; base-uri 'none'; form-action 'none'\">"
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"claimtrack\">\n<title>");
    push_text(out, title);
    let _ = write!(out, "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n");
}

/// "Dataset `id`: 5 of 26 claims (status: False) from 1 article, with the
/// analysts' review. Made 2026-12-01 20:40 UTC."
fn scope_line(
    out: &mut String,
    loaded: &Loaded,
    reviewed: bool,
    views: &[ClaimView<'_>],
    scope: &Scope,
) {
    let total = loaded.dataset.claims.len();
    let articles: HashSet<&str> = views.iter().map(|v| v.article.id.as_str()).collect();
    out.push_str("<p class=\"scope\">Dataset <code>");
    push_text(out, &loaded.dataset.id);
    out.push_str("</code>: ");
    if views.len() == total && scope.filter.is_none() {
        let _ = write!(out, "all {}", plural(total, "claim"));
    } else {
        let _ = write!(out, "{} of {}", views.len(), plural(total, "claim"));
    }
    if let Some(f) = scope.filter.as_deref().filter(|f| !f.trim().is_empty()) {
        out.push_str(" (");
        push_text(out, f);
        out.push(')');
    }
    let _ = write!(
        out,
        " from {}, {}.",
        plural(articles.len(), "article"),
        if reviewed {
            "with the analysts' review"
        } else {
            "not yet reviewed"
        }
    );
    if let Some(t) = scope.made_utc() {
        let _ = write!(out, " Made {t}.");
    }
    out.push_str("</p>\n");
}

/// One row per claim: id (linked to its section), status, grading, text.
fn verdict_table(out: &mut String, views: &[ClaimView<'_>]) {
    out.push_str("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<table>\n<thead><tr><th scope=\"col\">Claim</th><th scope=\"col\">Status</th><th scope=\"col\">Grading</th><th scope=\"col\">Claim text</th></tr></thead>\n<tbody>\n");
    for v in views {
        out.push_str("<tr><td><a href=\"#");
        push_text(out, &anchor(&v.claim.id));
        out.push_str("\">");
        push_text(out, &v.claim.id);
        out.push_str("</a></td><td>");
        status_badge(out, v.status());
        out.push_str("</td><td>");
        match grading(v) {
            Some(g) => push_text(out, &g),
            None => out.push('—'),
        }
        out.push_str("</td><td>");
        push_text(out, &v.claim.text);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn summary(out: &mut String, views: &[ClaimView<'_>]) {
    let mut counts = [0usize; Status::ALL.len()];
    for v in views {
        if let Some(i) = Status::ALL.iter().position(|&s| s == v.status()) {
            counts[i] += 1;
        }
    }
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Claims</th></tr></thead>\n<tbody>\n");
    for (s, n) in Status::ALL.iter().zip(counts) {
        out.push_str("<tr><td>");
        status_badge(out, *s);
        let _ = writeln!(out, "</td><td class=\"n\">{n}</td></tr>");
    }
    let _ = writeln!(
        out,
        "<tr><th scope=\"row\">Total</th><td class=\"n\">{}</td></tr>\n</tbody>\n</table>\n</section>",
        views.len()
    );
}

fn claim_section(
    out: &mut String,
    loaded: &Loaded,
    v: &ClaimView<'_>,
    exported: &HashSet<ClaimIx>,
) {
    let c = v.claim;
    out.push_str("<article class=\"claim\" id=\"");
    push_text(out, &anchor(&c.id));
    out.push_str("\">\n<h2>Claim ");
    push_text(out, &c.id);
    out.push(' ');
    status_badge(out, v.status());
    out.push_str("</h2>\n<p class=\"text\">");
    push_block(out, &c.text);
    out.push_str("</p>\n");
    quote(out, loaded, v);

    out.push_str("<dl>\n<dt>Attribution</dt><dd>");
    for (i, a) in std::iter::once(v.claimant)
        .chain(v.via.iter().copied())
        .enumerate()
    {
        if i > 0 {
            out.push_str(" → ");
        }
        push_text(out, &a.name);
    }
    out.push_str("</dd>\n");
    let about = loaded.index.claim_about.get(v.ix.i());
    if !about.is_empty() {
        out.push_str("<dt>About</dt><dd>");
        for (i, a) in about
            .iter()
            .filter_map(|a| loaded.dataset.actors.get(a.i()))
            .enumerate()
        {
            if i > 0 {
                out.push_str(", ");
            }
            push_text(out, &a.name);
        }
        out.push_str("</dd>\n");
    }
    let _ = writeln!(out, "<dt>Stance</dt><dd>{}</dd>", c.stance.label());
    let _ = write!(out, "<dt>Said</dt><dd>{}", v.said);
    if let Some(words) = c.said_as.as_deref() {
        out.push_str(" (“");
        push_text(out, words);
        out.push_str("”)");
    }
    out.push_str("</dd>\n<dt>Status</dt><dd>");
    status_badge(out, v.status());
    let _ = writeln!(
        out,
        " <span class=\"muted\">{}</span></dd>",
        v.status().meaning()
    );
    if let Some(g) = grading(v) {
        out.push_str("<dt>Grading</dt><dd>");
        push_text(out, &g);
        out.push_str("</dd>\n");
    }
    if let Some(a) = v.annotation {
        if a.by.is_some() || a.at.is_some() {
            out.push_str("<dt>Reviewed</dt><dd>");
            if let Some(by) = a.by.as_deref() {
                out.push_str("by ");
                push_text(out, by);
            }
            if let Some(at) = a.at {
                let _ = write!(
                    out,
                    "{}on {}",
                    if a.by.is_some() { " " } else { "" },
                    utc_date(at)
                );
            }
            out.push_str("</dd>\n");
        }
        if !a.note.trim().is_empty() {
            out.push_str("<dt>Note</dt><dd class=\"note\">");
            push_block(out, &a.note);
            out.push_str("</dd>\n");
        }
    }
    let tags = v.tags();
    if !tags.is_empty() {
        out.push_str("<dt>Tags</dt><dd>");
        for (i, t) in tags.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_text(out, t);
        }
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");

    let evidence: Vec<&String> = v.annotation.iter().flat_map(|a| &a.evidence).collect();
    if !evidence.is_empty() {
        out.push_str("<h3>Evidence</h3>\n<ul class=\"evidence\">\n");
        for e in evidence {
            out.push_str("<li>");
            link_or_text(out, e.trim(), e);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    let links = loaded.index.claim_links.get(v.ix.i());
    if !links.is_empty() {
        out.push_str("<h3>Related claims</h3>\n<ul class=\"related\">\n");
        for link in links {
            related(out, loaded, link, exported);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
}

/// The quote's paragraph with the quote marked, then where it is from.
fn quote(out: &mut String, loaded: &Loaded, v: &ClaimView<'_>) {
    let span = loaded.index.claim_quote.get(v.ix.i());
    let paragraph = span.and_then(|s| {
        let p = v.article.body.get(usize::try_from(s.paragraph).ok()?)?;
        let (start, end) = (usize::try_from(s.start).ok()?, usize::try_from(s.end).ok()?);
        Some((p.get(..start)?, p.get(start..end)?, p.get(end..)?))
    });
    out.push_str("<blockquote>\n<p>");
    match paragraph {
        Some((before, quoted, after)) => {
            push_block(out, before);
            out.push_str("<mark>");
            push_block(out, quoted);
            out.push_str("</mark>");
            push_block(out, after);
        }
        None => {
            out.push_str("<mark>");
            push_block(out, &v.claim.quote.text);
            out.push_str("</mark>");
        }
    }
    out.push_str("</p>\n<footer>— <cite>");
    push_text(out, &v.article.headline);
    out.push_str("</cite> (");
    push_text(out, &v.outlet.name);
    let _ = write!(
        out,
        ", {}), paragraph {}",
        v.published, v.claim.quote.paragraph
    );
    if let Some(url) = v.article.url.as_deref() {
        out.push_str(" · ");
        link_or_text(out, url, "article");
    }
    out.push_str("</footer>\n</blockquote>\n");
}

fn related(out: &mut String, loaded: &Loaded, link: &Link, exported: &HashSet<ClaimIx>) {
    let Some(other) = loaded.dataset.claims.get(link.other.i()) else {
        return;
    };
    let _ = write!(out, "<li>{} ", link.label());
    if exported.contains(&link.other) {
        out.push_str("<a href=\"#");
        push_text(out, &anchor(&other.id));
        out.push_str("\">");
        push_text(out, &other.id);
        out.push_str("</a>");
    } else {
        // Not in this report (filtered out): a link would lead nowhere.
        push_text(out, &other.id);
        out.push_str(" <span class=\"muted\">(not in this report)</span>");
    }
    out.push_str(": ");
    push_text(out, &short(&other.text));
    out.push_str("</li>\n");
}

/// A link to `url` showing `label` when `url` is an absolute http(s) URL;
/// otherwise `label` (or, for a bad URL shown as itself, the text) only.
fn link_or_text(out: &mut String, url: &str, label: &str) {
    if check_http_url(url).is_ok() {
        out.push_str("<a href=\"");
        push_text(out, url);
        out.push_str("\" rel=\"noopener noreferrer nofollow\">");
        push_text(out, label);
        out.push_str("</a>");
    } else {
        push_text(out, label);
    }
}

fn status_badge(out: &mut String, s: Status) {
    let _ = write!(
        out,
        "<span class=\"status st-{}\">{} {}</span>",
        s.label().to_ascii_lowercase(),
        s.symbol(),
        s.label()
    );
}

fn grading(v: &ClaimView<'_>) -> Option<String> {
    v.annotation.map(|a| a.grading()).filter(|g| !g.is_empty())
}

/// The HTML id of a claim's section (ids are `[A-Za-z0-9._-]`, so it is
/// also a valid URL fragment).
fn anchor(id: &str) -> String {
    format!("claim-{id}")
}

fn short(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(SHORT_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text,
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Text that may span lines: each line break becomes `<br>`.
fn push_block(out: &mut String, text: &str) {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        push_text(out, line);
    }
}

/// Appends `text` escaped for HTML text and double- or single-quoted
/// attribute values alike; controls become visible, bidi controls vanish.
pub fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() || is_invisible_control(c) => {
                if let Some(c) = crate::text::safe_char(c) {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
}

/// Bidi embeddings, overrides, isolates and marks: they reorder what a
/// reader sees (`U+202E`), so they are dropped, as in the TUI.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, s);
        out
    }

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            escaped("</script><a href=\"x\" onclick='y'>&amp;"),
            "&lt;/script&gt;&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;"
        );
        assert_eq!(
            escaped("a\u{1b}[2J\u{9b}b\u{202e}c\u{2066}d\te"),
            "a\u{241b}[2J\u{fffd}bcd e"
        );
    }

    #[test]
    fn only_http_urls_become_links() {
        let mut out = String::new();
        link_or_text(&mut out, "javascript:alert(1)", "javascript:alert(1)");
        assert_eq!(out, "javascript:alert(1)");
        out.clear();
        link_or_text(&mut out, "https://e.x/?a=1&b=2", "e");
        assert_eq!(
            out,
            "<a href=\"https://e.x/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">e</a>"
        );
    }

    #[test]
    fn blocks_break_lines_and_short_cuts_on_a_char_boundary() {
        let mut out = String::new();
        push_block(&mut out, "a\r\nb\rc\nd");
        assert_eq!(out, "a<br>b<br>c<br>d");
        assert_eq!(
            short(&"é".repeat(100)).chars().count(),
            SHORT_TEXT_CHARS + 1
        );
    }
}
