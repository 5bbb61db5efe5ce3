//! A Markdown report of the claims and their review, for a git forge or a
//! newsroom wiki.
//!
//! All dataset and annotation text is escaped, so nothing in it can turn into
//! formatting, links or HTML: `\ ` * _ [ ] < > | # ~ & $` are always
//! backslash-escaped, and so are `-`, `+`, `=` and `1.`/`1)` at the start of a
//! line (list, heading and rule markers); leading indentation (code blocks) is
//! dropped, control characters are shown as symbols (␛) and bidi controls
//! dropped. Forges (GFM) also turn bare `https://…`, `www.` hosts, e-mail
//! addresses and `@mentions` into links: a zero-width joiner after `:`, `www`
//! and `@` keeps them text. Only evidence entries that are absolute http(s)
//! URLs become links.
//!
//! The report says its scope first (dataset, which claims of how many, when
//! it was made), then a verdict table (one line per claim), then details.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::{ClaimView, utc_date, views};
use crate::model::{AnnotationSet, ClaimIx, Link, Loaded, Status};

/// Related claims are shown with this many characters of their text.
const SHORT_TEXT_CHARS: usize = 60;
/// Breaks autolinks without changing what a reader sees.
const ZWJ: char = '\u{200d}';

/// What a report covers, beyond the claims themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// How the claims were chosen ("status: Verified, False"); `None`: all.
    pub filter: Option<String>,
    /// When the report was made.
    pub made: Option<jiff::Timestamp>,
}

impl Scope {
    /// "5 of 26 claims (status: Verified)".
    pub fn describe(&self, shown: usize, total: usize) -> String {
        let mut s = if shown == total && self.filter.is_none() {
            format!("all {}", plural(total, "claim"))
        } else {
            format!("{shown} of {}", plural(total, "claim"))
        };
        if let Some(f) = self.filter.as_deref().filter(|f| !f.trim().is_empty()) {
            let _ = write!(s, " ({})", escape_line(f));
        }
        s
    }

    /// "2026-12-01 20:40 UTC".
    pub fn made_utc(&self) -> Option<String> {
        self.made.map(|t| {
            (t.to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .strftime("%Y-%m-%d %H:%M UTC"))
            .to_string()
        })
    }
}

pub fn to_markdown(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
    scope: &Scope,
) -> String {
    to_markdown_with_progress(loaded, annotations, claims, scope, &mut |_, _| {})
}

/// [`to_markdown`], telling `progress(done, total)` how many claims'
/// sections are written (every few hundred claims, and at the end).
pub fn to_markdown_with_progress(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
    scope: &Scope,
    progress: &mut dyn FnMut(usize, usize),
) -> String {
    let ds = &loaded.dataset;
    let views = views(loaded, annotations, claims);
    let mut slugs = Slugger::default();
    let mut out = String::new();

    slugs.slug(&ds.title);
    let _ = writeln!(out, "# {}\n", escape_line(&ds.title));
    if let Some(d) = ds.description.as_deref().filter(|d| !d.trim().is_empty()) {
        let _ = writeln!(out, "{}\n", escape_block(d, ""));
    }
    let articles: HashSet<&str> = views.iter().map(|v| v.article.id.as_str()).collect();
    let _ = writeln!(
        out,
        "Dataset `{}`: {} from {}{}.{}\n",
        ds.id,
        scope.describe(views.len(), ds.claims.len()),
        plural(articles.len(), "article"),
        if annotations.is_some() {
            ", with the analysts' review"
        } else {
            ", not yet reviewed"
        },
        scope
            .made_utc()
            .map_or_else(String::new, |t| format!(" Made {t}.")),
    );
    // Anchors first, so that the table and any claim can link to any other.
    slugs.slug("Verdicts");
    slugs.slug("Summary");
    let anchors: HashMap<ClaimIx, String> = views
        .iter()
        .map(|v| (v.ix, slugs.slug(&heading(&v.claim.id))))
        .collect();
    if !views.is_empty() {
        verdict_table(&mut out, &views, &anchors);
    }

    out.push_str("## Summary\n\n| Status | Claims |\n| :-- | --: |\n");
    for s in Status::ALL {
        let n = views.iter().filter(|v| v.status() == s).count();
        let _ = writeln!(out, "| {} | {n} |", s.label());
    }
    let _ = writeln!(out, "| **Total** | {} |\n", views.len());
    if views.is_empty() {
        out.push_str("No claims to report.\n");
        return out;
    }

    for (i, v) in views.iter().enumerate() {
        claim_section(&mut out, loaded, v, &anchors);
        if i % 500 == 0 {
            progress(i, views.len());
        }
    }
    progress(views.len(), views.len());
    out
}

/// One claim's section of the report, alone (for `Y` in the TUI): its
/// related claims are named, not linked.
pub fn claim_markdown(loaded: &Loaded, annotations: Option<&AnnotationSet>, ix: ClaimIx) -> String {
    let mut out = String::new();
    if let Some(v) = super::ClaimView::new(loaded, annotations, ix) {
        claim_section(&mut out, loaded, &v, &HashMap::new());
    }
    out.trim_end().to_owned()
}

/// One line per claim: id (linked to its section), status, grading, text.
fn verdict_table(out: &mut String, views: &[ClaimView<'_>], anchors: &HashMap<ClaimIx, String>) {
    out.push_str(
        "## Verdicts\n\n| Claim | Status | Grading | Claim text |\n| :-- | :-- | :-- | :-- |\n",
    );
    for v in views {
        let id = escape_line(&v.claim.id);
        let link = anchors
            .get(&v.ix)
            .map_or(id.clone(), |a| format!("[{id}](#{a})"));
        let grading = v.annotation.map(|a| a.grading()).unwrap_or_default();
        let text: String = v
            .claim
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let s = v.status();
        let _ = writeln!(
            out,
            "| {link} | {} {} | {} | {} |",
            s.symbol(),
            s.label(),
            if grading.is_empty() {
                "—".to_owned()
            } else {
                escape_line(&grading)
            },
            escape_line(&text)
        );
    }
    out.push('\n');
}

fn heading(id: &str) -> String {
    format!("Claim {id}")
}

fn claim_section(
    out: &mut String,
    loaded: &Loaded,
    v: &ClaimView<'_>,
    anchors: &HashMap<ClaimIx, String>,
) {
    let c = v.claim;
    let _ = writeln!(out, "## {}\n", escape_line(&heading(&c.id)));
    let _ = writeln!(out, "{}\n", escape_block(&c.text, ""));
    let _ = writeln!(out, "> {}\n>", escape_block(&c.quote.text, "> "));
    let _ = writeln!(
        out,
        "> — *{}* ({}, {}), paragraph {}\n",
        escape_line(&v.article.headline),
        escape_line(&v.outlet.name),
        v.published,
        c.quote.paragraph
    );

    let chain: Vec<String> = std::iter::once(v.claimant)
        .chain(v.via.iter().copied())
        .map(|a| escape_line(&a.name))
        .collect();
    let _ = writeln!(out, "- **Attribution:** {}", chain.join(" → "));
    let _ = writeln!(out, "- **Stance:** {}", c.stance.label());
    match c.said_as.as_deref() {
        Some(words) => {
            let _ = writeln!(out, "- **Said:** {} (“{}”)", v.said, escape_line(words));
        }
        None => {
            let _ = writeln!(out, "- **Said:** {}", v.said);
        }
    }
    let grading = v.annotation.map(|a| a.grading()).unwrap_or_default();
    if grading.is_empty() {
        let _ = writeln!(out, "- **Status:** {}", v.status());
    } else {
        let _ = writeln!(out, "- **Status:** {} ({grading})", v.status());
    }
    if let Some(a) = v.annotation {
        match (a.by.as_deref(), a.at) {
            (Some(by), Some(at)) => {
                let _ = writeln!(
                    out,
                    "- **Reviewed:** by {} on {}",
                    escape_line(by),
                    utc_date(at)
                );
            }
            (Some(by), None) => {
                let _ = writeln!(out, "- **Reviewed:** by {}", escape_line(by));
            }
            (None, Some(at)) => {
                let _ = writeln!(out, "- **Reviewed:** on {}", utc_date(at));
            }
            (None, None) => {}
        }
        if !a.note.trim().is_empty() {
            let _ = writeln!(out, "- **Note:** {}", escape_block(&a.note, "  "));
        }
    }
    let tags = v.tags();
    if !tags.is_empty() {
        let tags: Vec<String> = tags.iter().map(|t| escape_line(t)).collect();
        let _ = writeln!(out, "- **Tags:** {}", tags.join(", "));
    }
    out.push('\n');

    let evidence: Vec<&String> = v.annotation.iter().flat_map(|a| &a.evidence).collect();
    if !evidence.is_empty() {
        out.push_str("**Evidence**\n\n");
        for e in evidence {
            let _ = writeln!(out, "- {}", evidence_item(e));
        }
        out.push('\n');
    }

    let links = loaded.index.claim_links.get(v.ix.i());
    if !links.is_empty() {
        out.push_str("**Related claims**\n\n");
        for link in links {
            related_item(out, loaded, link, anchors);
        }
        out.push('\n');
    }
}

fn related_item(
    out: &mut String,
    loaded: &Loaded,
    link: &Link,
    anchors: &HashMap<ClaimIx, String>,
) {
    let Some(other) = loaded.dataset.claims.get(link.other.i()) else {
        return;
    };
    let id = escape_line(&other.id);
    let target = match anchors.get(&link.other) {
        Some(anchor) => format!("[{id}](#{anchor})"),
        // Not in this export (filtered out): a link would lead nowhere.
        None => format!("{id} (not in this report)"),
    };
    let _ = writeln!(
        out,
        "- {} {target}: {}",
        link.label(),
        escape_line(&short(&other.text))
    );
}

/// A link when the entry is a plain web address, escaped text otherwise.
fn evidence_item(e: &str) -> String {
    let e = e.trim();
    if crate::model::web_url::check_http_url(e).is_ok() {
        format!("<{e}>")
    } else {
        escape_block(e, "  ")
    }
}

fn short(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(SHORT_TEXT_CHARS) {
        Some((cut, _)) => {
            // Cut at the last word boundary, unless that leaves too little.
            let head = &text[..cut];
            let head = match head.rfind(' ') {
                Some(space) if space > cut / 2 => &head[..space],
                _ => head,
            };
            format!("{}…", head.trim_end())
        }
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

/// Escapes text that may span lines: its lines become hard line breaks within
/// one paragraph, each continued with `prefix` (indentation or `> `).
pub fn escape_block(text: &str, prefix: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text.trim().split('\n').map(escape_line).collect();
    // A backslash at the end of a line is a hard line break.
    lines.join(&format!("\\\n{prefix}"))
}

/// Escapes one line of text so that it renders as itself.
pub fn escape_line(line: &str) -> String {
    let line = unlink(&line.chars().filter_map(visible).collect::<String>());
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    // List, heading and rule markers only count at the start of a line.
    let marker_at = match line.chars().next() {
        Some('-' | '+' | '=') => Some(0),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            matches!(line.as_bytes().get(digits), Some(b'.' | b')')).then_some(digits)
        }
        _ => None,
    };
    for (i, c) in line.char_indices() {
        if Some(i) == marker_at
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '$'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Control characters as their visible symbols (␛ for ESC), tabs as
/// spaces, bidi controls dropped (as the TUI does).
fn visible(c: char) -> Option<char> {
    match c {
        '\t' => Some(' '),
        c => crate::text::safe_char(c),
    }
}

/// A zero-width joiner after every `:` before `//`, after `www` before `.`
/// and after every `@`, so that no GFM autolink (URL, www host, e-mail,
/// mention) forms; the text reads the same.
fn unlink(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        out.push(c);
        let rest = line.get(i + c.len_utf8()..).unwrap_or_default();
        let www = i >= 2
            && line
                .as_bytes()
                .get(i - 2..=i)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"www"))
            && rest.starts_with('.');
        if (c == ':' && rest.starts_with("//")) || c == '@' || www {
            out.push(ZWJ);
        }
    }
    out
}

/// Heading anchors as GitHub (and Gitea, Forgejo) make them: lower case,
/// punctuation dropped, spaces to `-`, repeats numbered `-1`, `-2`...
#[derive(Default)]
struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    fn slug(&mut self, heading: &str) -> String {
        let base: String = heading
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut slug = base.clone();
        while self.seen.contains_key(&slug) {
            let n = self.seen.entry(base.clone()).or_default();
            *n += 1;
            slug = format!("{base}-{n}");
        }
        self.seen.insert(slug.clone(), 0);
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inline_markup_and_html() {
        assert_eq!(
            escape_line("*a* _b_ [c](d) <e> `f` |g| #h \\i"),
            "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\|g\\| \\#h \\\\i"
        );
        assert_eq!(
            escape_line("a&amp; ~~s~~ $x$"),
            "a\\&amp; \\~\\~s\\~\\~ \\$x\\$"
        );
    }

    #[test]
    fn escapes_line_start_markers_only() {
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("+ item"), "\\+ item");
        assert_eq!(escape_line("==="), "\\===");
        assert_eq!(escape_line("12. item"), "12\\. item");
        assert_eq!(escape_line("3) item"), "3\\) item");
        assert_eq!(escape_line("    code"), "code");
        assert_eq!(
            escape_line("1,500 troops - 2024-10-18."),
            "1,500 troops - 2024-10-18."
        );
    }

    #[test]
    fn blocks_become_hard_breaks_and_controls_are_visible() {
        assert_eq!(
            escape_block("a\r\n- b\n\nc", "  "),
            "a\\\n  \\- b\\\n  \\\n  c"
        );
        assert_eq!(escape_line("x\u{1b}[31my"), "x\u{241b}\\[31my");
        assert_eq!(escape_line("a\u{202e}b\u{2066}c\u{9b}"), "abc\u{fffd}");
    }

    #[test]
    fn autolinks_are_broken_by_a_zero_width_joiner() {
        assert_eq!(
            escape_line("https://e.x www.e.x WWW.e.x a@b.c @m"),
            "https:\u{200d}//e.x www\u{200d}.e.x WWW\u{200d}.e.x a@\u{200d}b.c @\u{200d}m"
        );
        assert_eq!(escape_line("<https://e.x>"), "\\<https:\u{200d}//e.x\\>");
        assert_eq!(escape_line("wwwx.com w.ww"), "wwwx.com w.ww");
    }

    #[test]
    fn slugs_follow_github_and_number_repeats() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("Claim c.01"), "claim-c01");
        assert_eq!(s.slug("Claim C01"), "claim-c01-1");
        assert_eq!(s.slug("Claim c01"), "claim-c01-2");
        assert_eq!(s.slug("Claim c01-1"), "claim-c01-1-1");
    }

    #[test]
    fn short_text_cuts_on_a_char_boundary() {
        let long = "é".repeat(100);
        assert_eq!(short(&long).chars().count(), SHORT_TEXT_CHARS + 1);
        let words = "word ".repeat(30);
        assert!(short(&words).ends_with("word…"), "{}", short(&words));
        assert_eq!(short("a  b"), "a b");
    }
}
