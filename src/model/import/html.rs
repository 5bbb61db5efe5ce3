//! A web page's article, the way a reader view finds it.
//!
//! The body is the container holding the most paragraph text (a `<p>`
//! counts fully for its parent and half for its grandparent, as readability
//! does), with a bonus for `<article>`/`<main>`; its paragraphs are taken in
//! order. Whole subtrees are skipped when they are not the article: scripts,
//! styles, navigation, headers and footers, forms, asides, and anything whose
//! class, id or role says menu, cookie banner, advertising, share buttons,
//! related articles, comments, newsletter… Metadata comes from Open Graph,
//! JSON-LD and the document itself, in the order the importer documents.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use super::{Extracted, date_part, fold_whitespace, nonempty};

/// Elements that never hold article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "iframe", "svg", "select", "textarea", "menu", "dialog", "figure", "object", "embed",
    "canvas", "video", "audio",
];

/// Words in a class, id or role that mark something other than the article.
const NEGATIVE: &[&str] = &[
    "nav",
    "menu",
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "advert",
    "ad",
    "ads",
    "adslot",
    "sponsor",
    "promo",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "more-stories",
    "read-more",
    "comment",
    "comments",
    "disqus",
    "newsletter",
    "subscribe",
    "signup",
    "footer",
    "header",
    "sidebar",
    "widget",
    "popup",
    "modal",
    "breadcrumb",
    "paywall",
    "byline",
    "author",
    "caption",
    "credit",
    "tags",
    "toolbar",
    "masthead",
    "outbrain",
    "taboola",
    "complementary",
    "navigation",
    "contentinfo",
    "banner-ad",
    "dateline",
];

pub fn extract_html(src: &str) -> Extracted {
    let doc = Html::parse_document(src);
    let skipped = skipped_subtrees(&doc);
    let meta = Meta::read(&doc);
    let paragraphs = body(&doc, &skipped);
    let ld = json_ld(&doc);
    let first_text = |tag: &str| {
        doc.root_element()
            .descendent_elements()
            .find(|e| e.value().name() == tag)
            .and_then(|e| nonempty(&text_of(e, &HashSet::new())))
    };
    let headline = meta
        .property("og:title")
        .or_else(|| ld_str(&ld, &["headline"]))
        .or_else(|| first_text("h1"))
        .or_else(|| first_text("title"));
    let published = meta
        .property("article:published_time")
        .or_else(|| ld_str(&ld, &["datePublished"]))
        .or_else(|| {
            doc.root_element()
                .descendent_elements()
                .find(|e| e.value().name() == "time" && e.value().attr("datetime").is_some())
                .and_then(|e| e.value().attr("datetime").and_then(nonempty))
        })
        .map(|d| date_part(&d));
    let outlet = meta
        .property("og:site_name")
        .or_else(|| ld_str(&ld, &["publisher", "name"]));
    let url = doc
        .root_element()
        .descendent_elements()
        .find(|e| {
            e.value().name() == "link"
                && e.value().attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                })
        })
        .and_then(|e| e.value().attr("href").and_then(nonempty))
        .or_else(|| meta.property("og:url"));
    let credit = byline(&doc)
        .or_else(|| meta.name("author"))
        .or_else(|| ld_str(&ld, &["author", "name"]));
    Extracted {
        headline,
        published,
        outlet,
        url,
        credit,
        paragraphs,
    }
}

/// `<meta property=… content=…>` and `<meta name=… content=…>`, first of each.
struct Meta {
    property: HashMap<String, String>,
    name: HashMap<String, String>,
}

impl Meta {
    fn read(doc: &Html) -> Self {
        let mut m = Meta {
            property: HashMap::new(),
            name: HashMap::new(),
        };
        for e in doc.root_element().descendent_elements() {
            let v = e.value();
            if v.name() != "meta" {
                continue;
            }
            let Some(content) = v.attr("content").and_then(nonempty) else {
                continue;
            };
            if let Some(p) = v.attr("property") {
                m.property
                    .entry(p.to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
            if let Some(n) = v.attr("name") {
                m.name.entry(n.to_ascii_lowercase()).or_insert(content);
            }
        }
        m
    }

    fn property(&self, p: &str) -> Option<String> {
        // Some sites put Open Graph tags in `name=`.
        self.property.get(p).or_else(|| self.name.get(p)).cloned()
    }

    fn name(&self, n: &str) -> Option<String> {
        self.name.get(n).cloned()
    }
}

/// Every JSON-LD object of the page (top level, arrays and `@graph`
/// flattened one level), articles first.
fn json_ld(doc: &Html) -> Vec<Value> {
    let mut out = Vec::new();
    for e in doc.root_element().descendent_elements() {
        let v = e.value();
        if v.name() != "script"
            || !v
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let text: String = e.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let items = match value {
            Value::Array(a) => a,
            v => vec![v],
        };
        for item in items {
            if let Some(Value::Array(graph)) = item.get("@graph") {
                out.extend(graph.iter().cloned());
            }
            out.push(item);
        }
    }
    let is_article = |v: &Value| {
        let t = |s: &str| s.contains("Article") || s == "Report" || s == "BlogPosting";
        match v.get("@type") {
            Some(Value::String(s)) => t(s),
            Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
            _ => false,
        }
    };
    out.sort_by_key(|v| !is_article(v));
    out
}

/// The first string at `path` in any JSON-LD object (an array on the way
/// takes its first element: `author: [{name}]`).
fn ld_str(ld: &[Value], path: &[&str]) -> Option<String> {
    ld.iter().find_map(|v| {
        let mut cur = v;
        for key in path {
            cur = cur.get(key)?;
            if let Value::Array(a) = cur {
                cur = a.first()?;
            }
        }
        cur.as_str().and_then(nonempty)
    })
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// The class, id or role of `e` says it is not the article.
fn is_negative(e: &ElementRef) -> bool {
    let v = e.value();
    let mut names = String::new();
    for a in [v.attr("class"), v.attr("id"), v.attr("role")]
        .into_iter()
        .flatten()
    {
        names.push(' ');
        names.push_str(a);
    }
    if v.attr("aria-hidden") == Some("true") || v.attr("hidden").is_some() {
        return true;
    }
    words(&names).any(|w| {
        NEGATIVE.contains(&w.as_str())
            || w.split('-')
                .any(|part| NEGATIVE.contains(&part) && part.len() > 2)
    })
}

/// Roots of the subtrees that are not the article (and everything in them).
fn skipped_subtrees(doc: &Html) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for e in doc.root_element().descendent_elements() {
        let name = e.value().name();
        if name == "body" || name == "html" {
            continue;
        }
        if SKIP_TAGS.contains(&name) || is_negative(&e) {
            out.insert(e.id());
        }
    }
    out
}

/// The text of `e`, without skipped subtrees; `<br>` is a space. One walk,
/// whatever the depth.
fn text_of(e: ElementRef, skipped: &HashSet<NodeId>) -> String {
    pieces_of(e, skipped).join(" ")
}

/// The text of `e` cut where two `<br>` follow each other (only whitespace
/// between): pages that write paragraphs as `a<br><br>b` in one element.
fn pieces_of(e: ElementRef, skipped: &HashSet<NodeId>) -> Vec<String> {
    use ego_tree::iter::Edge;
    let mut pieces = Vec::new();
    let mut out = String::new();
    let mut after_br = false;
    let mut skip = 0usize;
    for edge in e.traverse() {
        match edge {
            Edge::Open(n) if skipped.contains(&n.id()) => skip += 1,
            Edge::Close(n) if skipped.contains(&n.id()) => skip = skip.saturating_sub(1),
            Edge::Open(n) if skip == 0 => match n.value() {
                Node::Text(t) => {
                    out.push_str(t);
                    after_br &= t.trim().is_empty();
                }
                Node::Element(el) if el.name() == "br" && after_br => {
                    pieces.push(fold_whitespace(&out));
                    out.clear();
                    after_br = false;
                }
                Node::Element(el) if el.name() == "br" => {
                    out.push(' ');
                    after_br = true;
                }
                _ => after_br = false,
            },
            _ => {}
        }
    }
    pieces.push(fold_whitespace(&out));
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// A paragraph that is mostly link text ("Read more: Another story", a
/// list of tags) is a pointer elsewhere, not the article's words.
fn is_mostly_links(e: &ElementRef, skipped: &HashSet<NodeId>) -> bool {
    let all = text_of(*e, skipped).chars().count();
    let linked: usize = e
        .descendent_elements()
        .filter(|d| d.value().name() == "a")
        .map(|a| text_of(a, skipped).chars().count())
        .sum();
    all > 0 && linked * 2 > all
}

/// Elements that make a block of their own: a `<div>` holding one of these
/// is a container, not a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// A `<div>` with text and no block inside: the paragraph of a page that
/// writes no `<p>` at all.
fn is_leaf_div(e: &ElementRef) -> bool {
    e.value().name() == "div"
        && !e
            .descendent_elements()
            .skip(1)
            .any(|d| BLOCKS.contains(&d.value().name()))
}

/// The paragraph elements under `root` outside skipped subtrees, in order:
/// `<p>`, or with `leaf_divs` (a page without any `<p>`) leaf `<div>`s.
fn visible_paragraphs<'a>(
    root: ElementRef<'a>,
    skipped: &HashSet<NodeId>,
    leaf_divs: bool,
) -> Vec<ElementRef<'a>> {
    use ego_tree::iter::Edge;
    let mut out = Vec::new();
    let mut skip = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) if skipped.contains(&n.id()) => skip += 1,
            Edge::Close(n) if skipped.contains(&n.id()) => skip = skip.saturating_sub(1),
            Edge::Open(n) if skip == 0 => {
                if let Some(e) = ElementRef::wrap(n)
                    && (e.value().name() == "p" || (leaf_divs && is_leaf_div(&e)))
                {
                    out.push(e);
                }
            }
            _ => {}
        }
    }
    out
}

/// The article's paragraphs, in order.
fn body(doc: &Html, skipped: &HashSet<NodeId>) -> Vec<String> {
    let found = |leaf_divs| -> Vec<(ElementRef, Vec<String>)> {
        visible_paragraphs(doc.root_element(), skipped, leaf_divs)
            .into_iter()
            .filter(|e| !is_mostly_links(e, skipped))
            .filter_map(|e| {
                let t = pieces_of(e, skipped);
                (!t.is_empty()).then_some((e, t))
            })
            .collect()
    };
    let mut paras = found(false);
    let leaf_divs = paras.is_empty();
    if leaf_divs {
        paras = found(true);
    }
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    for (p, pieces) in &paras {
        let chars: usize = pieces.iter().map(|t| t.chars().count()).sum();
        let commas: usize = pieces.iter().map(|t| t.matches(',').count()).sum();
        let weight = chars.min(1000) as f64 + 10.0 * commas as f64;
        let mut up = p.ancestors().filter_map(ElementRef::wrap);
        if let Some(parent) = up.next() {
            *score.entry(parent.id()).or_default() += weight;
            if let Some(grand) = up.next() {
                *score.entry(grand.id()).or_default() += weight / 2.0;
            }
        }
    }
    let best = score
        .iter()
        .filter_map(|(id, s)| {
            let e = doc.tree.get(*id).and_then(ElementRef::wrap)?;
            let bonus = match e.value().name() {
                "article" | "main" => 1.25,
                _ => 1.0,
            };
            Some((e, s * bonus))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(e, _)| e);
    let Some(best) = best else {
        return Vec::new();
    };
    let texts: HashMap<NodeId, Vec<String>> = paras.into_iter().map(|(p, t)| (p.id(), t)).collect();
    visible_paragraphs(best, skipped, leaf_divs)
        .into_iter()
        .filter_map(|p| texts.get(&p.id()).cloned())
        .flatten()
        .collect()
}

/// A byline element's text (`class="byline"`, `rel="author"`).
fn byline(doc: &Html) -> Option<String> {
    doc.root_element()
        .descendent_elements()
        .find(|e| {
            let v = e.value();
            v.attr("rel") == Some("author")
                || [v.attr("class"), v.attr("id")]
                    .into_iter()
                    .flatten()
                    .any(|a| words(a).any(|w| w == "byline" || w == "credit"))
        })
        .and_then(|e| nonempty(&text_of(e, &HashSet::new())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<!doctype html><html><head><title>T</title></head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>{body}\
             <footer><p>© Example 2024 · Privacy · Terms</p></footer></body></html>"
        )
    }

    #[test]
    fn two_line_breaks_in_a_row_start_a_new_paragraph() {
        let got = extract_html(&page(
            "<article><h1>Talks</h1><p>First, said the minister.<br><br>\n \
             Second, after a double break.<br>still the second.<br> <br>Third.</p></article>",
        ));
        assert_eq!(
            got.paragraphs,
            [
                "First, said the minister.",
                "Second, after a double break. still the second.",
                "Third."
            ]
        );
    }

    #[test]
    fn a_page_without_p_elements_gives_its_text_divs() {
        let got = extract_html(&page(
            "<div class=\"story\"><h1>Officials deny the report</h1>\
             <div class=\"text\">The ministry said on Monday that the report was false, \
             and gave no details.</div>\
             <div class=\"text\">A spokesman later added that “no troops” had been sent, \
             according to the agency.</div></div>",
        ));
        assert_eq!(
            got.paragraphs,
            [
                "The ministry said on Monday that the report was false, and gave no details.",
                "A spokesman later added that “no troops” had been sent, according to the agency."
            ]
        );
    }

    #[test]
    fn a_paragraph_that_is_mostly_a_link_is_not_the_articles() {
        let got = extract_html(&page(
            "<article><p>The story, with a comma, and a <a href=\"/s\">source</a>.</p>\
             <p><strong>Read more:</strong> <a href=\"/o\">Another story entirely</a></p>\
             <p>The end of the story, said officials.</p></article>",
        ));
        assert_eq!(
            got.paragraphs,
            [
                "The story, with a comma, and a source.",
                "The end of the story, said officials."
            ]
        );
    }

    #[test]
    fn text_divs_are_ignored_where_the_page_has_paragraphs() {
        let got = extract_html(&page(
            "<article><p>The only paragraph, with a comma.</p></article>\
             <div class=\"promo\">Subscribe today for full access</div>",
        ));
        assert_eq!(got.paragraphs, ["The only paragraph, with a comma."]);
    }
}
