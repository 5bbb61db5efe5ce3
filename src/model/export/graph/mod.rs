//! Graph exports for link-analysis tools (Gephi, Cytoscape, networkx,
//! Maltego, Aleph): GEXF 1.3, GraphML and Cytoscape.js JSON, all written
//! from one [`Graph`].
//!
//! Nodes are the exported claims, their articles, the events that list one
//! of them, and every actor these name, with the `part_of` chain above each
//! (so that no edge dangles and the organisation tree stays whole). Ids are
//! prefixed by type: `actor:nis`, `claim:c04`, `article:…`, `event:e03`.
//! Every edge goes from the item holding a field to the item it names,
//! labelled by the field: `part_of` (actor → actor), `outlet` (article →
//! actor), `article`, `claimant`, `via` (with its `position` in the chain,
//! 1 nearest the claimant, written in chain order), `about` (claim →
//! actor), `supports`, `contradicts`, `updates` (claim → claim, both in the
//! export), `involves` (event → actor) and `lists` (event → claim).
//!
//! Built in one pass with per-item marks (no search by id), so a large
//! export is linear in its size.

// Per-entity flags and node numbers are vectors as long as the dataset's
// vectors they are indexed alongside (built here from their lengths).
#![allow(clippy::indexing_slicing)]

pub mod cytoscape;
pub mod gexf;
pub mod graphml;
pub mod xml;

use std::borrow::Cow;

use super::{ClaimView, views};
use crate::model::date::DateRange;
use crate::model::{AnnotationSet, ClaimIx, Loaded};

/// An attribute's value type, as the formats declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Str,
    Int,
}

/// One declared attribute of nodes (or edges): its name and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub ty: Ty,
}

const fn s(name: &'static str) -> Key {
    Key { name, ty: Ty::Str }
}

const fn i(name: &'static str) -> Key {
    Key { name, ty: Ty::Int }
}

/// Every node attribute, in the order the formats declare them. A node
/// carries those that apply to it and have a value (absent, not empty).
pub const NODE_KEYS: [Key; 25] = [
    s("type"),
    s("kind"),
    s("aliases"),
    s("note"),
    s("text"),
    s("quote"),
    i("paragraph"),
    s("stance"),
    s("said_from"),
    s("said_to"),
    s("said_as"),
    s("status"),
    s("reliability"),
    i("credibility"),
    s("grading"),
    s("tags"),
    s("evidence"),
    s("annotated_by"),
    s("annotated_at"),
    s("headline"),
    s("url"),
    s("published_from"),
    s("published_to"),
    s("when_from"),
    s("when_to"),
];

/// Indices into [`NODE_KEYS`] (a test checks they name the right key).
pub mod key {
    pub const TYPE: usize = 0;
    pub const KIND: usize = 1;
    pub const ALIASES: usize = 2;
    pub const NOTE: usize = 3;
    pub const TEXT: usize = 4;
    pub const QUOTE: usize = 5;
    pub const PARAGRAPH: usize = 6;
    pub const STANCE: usize = 7;
    pub const SAID_FROM: usize = 8;
    pub const SAID_TO: usize = 9;
    pub const SAID_AS: usize = 10;
    pub const STATUS: usize = 11;
    pub const RELIABILITY: usize = 12;
    pub const CREDIBILITY: usize = 13;
    pub const GRADING: usize = 14;
    pub const TAGS: usize = 15;
    pub const EVIDENCE: usize = 16;
    pub const ANNOTATED_BY: usize = 17;
    pub const ANNOTATED_AT: usize = 18;
    pub const HEADLINE: usize = 19;
    pub const URL: usize = 20;
    pub const PUBLISHED_FROM: usize = 21;
    pub const PUBLISHED_TO: usize = 22;
    pub const WHEN_FROM: usize = 23;
    pub const WHEN_TO: usize = 24;
}

/// Edge attributes beyond the label (which every format has natively or as
/// a `label` key).
pub const EDGE_KEYS: [Key; 1] = [i("position")];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val<'a> {
    Str(Cow<'a, str>),
    Int(i64),
}

impl Val<'_> {
    /// The value as text (how XML writes it).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Self::Str(s) => Cow::Borrowed(s),
            Self::Int(n) => Cow::Owned(n.to_string()),
        }
    }
}

pub struct Node<'a> {
    pub id: String,
    pub label: &'a str,
    /// (index into [`NODE_KEYS`], value), in key order.
    pub attrs: Vec<(usize, Val<'a>)>,
}

pub struct Edge {
    /// Indices into [`Graph::nodes`].
    pub source: usize,
    pub target: usize,
    pub label: &'static str,
    /// A `via` edge's place in the chain, 1 nearest the claimant.
    pub position: Option<u32>,
}

pub struct Graph<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub nodes: Vec<Node<'a>>,
    pub edges: Vec<Edge>,
}

/// Which items are in the graph, and at which node index.
struct Marks {
    actors: Vec<Option<usize>>,
    articles: Vec<Option<usize>>,
    claims: Vec<Option<usize>>,
    events: Vec<Option<usize>>,
}

pub fn build<'a>(
    loaded: &'a Loaded,
    annotations: Option<&'a AnnotationSet>,
    claims: &[ClaimIx],
) -> Graph<'a> {
    let (ds, index) = (&loaded.dataset, &loaded.index);
    let views = views(loaded, annotations, claims);
    let mut m = Marks {
        actors: vec![None; ds.actors.len()],
        articles: vec![None; ds.articles.len()],
        claims: vec![None; ds.claims.len()],
        events: vec![None; ds.events.len()],
    };
    // What is in: first mark with a placeholder, then number in order.
    let mut want_actor = vec![false; ds.actors.len()];
    let mut want_article = vec![false; ds.articles.len()];
    let mut want_event = vec![false; ds.events.len()];
    for v in &views {
        let i = v.ix.i();
        if let Some(a) = index.claim_article.get(i) {
            mark(&mut want_article, a.i());
        }
        for a in std::iter::once(index.claim_claimant.get(i).copied())
            .flatten()
            .chain(index.claim_via.get(i).iter().copied())
            .chain(index.claim_about.get(i).iter().copied())
        {
            mark(&mut want_actor, a.i());
        }
        for e in index.claim_events.get(i) {
            mark(&mut want_event, e.i());
        }
    }
    for (a, _) in want_article.iter().enumerate().filter(|(_, w)| **w) {
        if let Some(o) = index.article_outlet.get(a) {
            mark(&mut want_actor, o.i());
        }
    }
    for (e, _) in want_event.iter().enumerate().filter(|(_, w)| **w) {
        for a in index.event_actors.get(e) {
            mark(&mut want_actor, a.i());
        }
    }
    // The part_of chains: each walk stops at an actor already in, so every
    // actor is visited at most twice overall.
    for a in 0..want_actor.len() {
        if !want_actor[a] {
            continue;
        }
        let mut up = index.actor_parent.get(a).copied().flatten();
        while let Some(p) = up {
            if want_actor.get(p.i()).is_none_or(|w| *w) {
                break;
            }
            mark(&mut want_actor, p.i());
            up = index.actor_parent.get(p.i()).copied().flatten();
        }
    }

    let mut nodes = Vec::new();
    for (a, actor) in ds.actors.iter().enumerate().filter(|(a, _)| want_actor[*a]) {
        m.actors[a] = Some(nodes.len());
        let mut attrs = vec![
            (key::TYPE, st("actor")),
            (key::KIND, st(actor.kind.label())),
        ];
        push_list(&mut attrs, key::ALIASES, &actor.aliases);
        push_str(&mut attrs, key::NOTE, actor.note.as_deref());
        nodes.push(Node {
            id: format!("actor:{}", actor.id),
            label: &actor.name,
            attrs,
        });
    }
    for (a, article) in (ds.articles.iter().enumerate()).filter(|(a, _)| want_article[*a]) {
        m.articles[a] = Some(nodes.len());
        let mut attrs = vec![
            (key::TYPE, st("article")),
            (key::HEADLINE, Val::Str(Cow::Borrowed(&article.headline))),
        ];
        push_str(&mut attrs, key::URL, article.url.as_deref());
        if let Some(r) = index.article_published.get(a) {
            push_range(&mut attrs, key::PUBLISHED_FROM, r);
        }
        nodes.push(Node {
            id: format!("article:{}", article.id),
            label: &article.headline,
            attrs,
        });
    }
    for v in &views {
        // A claim listed twice is one node.
        if let Some(slot @ None) = m.claims.get_mut(v.ix.i()) {
            *slot = Some(nodes.len());
            nodes.push(claim_node(v));
        }
    }
    for (e, event) in ds.events.iter().enumerate().filter(|(e, _)| want_event[*e]) {
        m.events[e] = Some(nodes.len());
        let mut attrs = vec![(key::TYPE, st("event"))];
        if let Some(r) = index.event_when.get(e) {
            push_range(&mut attrs, key::WHEN_FROM, r);
        }
        nodes.push(Node {
            id: format!("event:{}", event.id),
            label: &event.title,
            attrs,
        });
    }

    let edges = edges(loaded, &views, &m);
    Graph {
        id: &ds.id,
        title: &ds.title,
        nodes,
        edges,
    }
}

fn mark(want: &mut [bool], i: usize) {
    if let Some(w) = want.get_mut(i) {
        *w = true;
    }
}

fn edges(loaded: &Loaded, views: &[ClaimView<'_>], m: &Marks) -> Vec<Edge> {
    let index = &loaded.index;
    let mut edges = Vec::new();
    let mut add = |from: Option<usize>, to: Option<usize>, label, position| {
        if let (Some(source), Some(target)) = (from, to) {
            edges.push(Edge {
                source,
                target,
                label,
                position,
            });
        }
    };
    let actor = |a: usize| m.actors.get(a).copied().flatten();
    for (a, node) in m.actors.iter().enumerate() {
        let parent = index.actor_parent.get(a).copied().flatten();
        add(*node, parent.and_then(|p| actor(p.i())), "part_of", None);
    }
    for (a, node) in m.articles.iter().enumerate() {
        let outlet = index.article_outlet.get(a).and_then(|o| actor(o.i()));
        add(*node, outlet, "outlet", None);
    }
    let mut done = vec![false; m.claims.len()];
    for v in views {
        let i = v.ix.i();
        match done.get_mut(i) {
            Some(d) if !*d => *d = true,
            _ => continue,
        }
        let node = m.claims.get(i).copied().flatten();
        let article = index.claim_article.get(i);
        add(
            node,
            article.and_then(|a| m.articles.get(a.i()).copied().flatten()),
            "article",
            None,
        );
        let claimant = index.claim_claimant.get(i).and_then(|a| actor(a.i()));
        add(node, claimant, "claimant", None);
        for (n, a) in index.claim_via.get(i).iter().enumerate() {
            let position = u32::try_from(n + 1).ok();
            add(node, actor(a.i()), "via", position);
        }
        for a in index.claim_about.get(i) {
            add(node, actor(a.i()), "about", None);
        }
        for link in index.claim_links.get(i).iter().filter(|l| l.outgoing) {
            let other = m.claims.get(link.other.i()).copied().flatten();
            add(node, other, link.kind.label(), None);
        }
    }
    for (e, node) in m.events.iter().enumerate() {
        if node.is_none() {
            continue;
        }
        for a in index.event_actors.get(e) {
            add(*node, actor(a.i()), "involves", None);
        }
        for c in index.event_claims.get(e) {
            add(*node, m.claims.get(c.i()).copied().flatten(), "lists", None);
        }
    }
    edges
}

fn claim_node<'a>(v: &ClaimView<'a>) -> Node<'a> {
    let c = v.claim;
    let mut attrs = vec![
        (key::TYPE, st("claim")),
        (key::TEXT, Val::Str(Cow::Borrowed(&c.text))),
        (key::QUOTE, Val::Str(Cow::Borrowed(&c.quote.text))),
        (key::PARAGRAPH, Val::Int(i64::from(c.quote.paragraph))),
        (key::STANCE, st(c.stance.label())),
    ];
    push_range(&mut attrs, key::SAID_FROM, &v.said);
    push_str(&mut attrs, key::SAID_AS, c.said_as.as_deref());
    attrs.push((key::STATUS, st(v.status().label())));
    if let Some(a) = v.annotation {
        if let Some(r) = a.reliability {
            attrs.push((
                key::RELIABILITY,
                Val::Str(Cow::Owned(r.letter().to_string())),
            ));
        }
        if let Some(cr) = a.credibility {
            attrs.push((key::CREDIBILITY, Val::Int(i64::from(cr.get()))));
        }
        let grading = a.grading();
        if !grading.is_empty() {
            attrs.push((key::GRADING, Val::Str(Cow::Owned(grading))));
        }
    }
    let tags: Vec<&str> = v.tags();
    if !tags.is_empty() {
        attrs.push((key::TAGS, json_list(&tags)));
    }
    if let Some(a) = v.annotation {
        push_list(&mut attrs, key::EVIDENCE, &a.evidence);
        push_str(&mut attrs, key::ANNOTATED_BY, a.by.as_deref());
        if let Some(at) = a.at {
            attrs.push((key::ANNOTATED_AT, Val::Str(Cow::Owned(at.to_string()))));
        }
        if !a.note.is_empty() {
            attrs.push((key::NOTE, Val::Str(Cow::Borrowed(&a.note))));
        }
    }
    attrs.sort_by_key(|(k, _)| *k);
    Node {
        id: format!("claim:{}", c.id),
        label: &c.text,
        attrs,
    }
}

fn st(s: &'static str) -> Val<'static> {
    Val::Str(Cow::Borrowed(s))
}

fn push_str<'a>(attrs: &mut Vec<(usize, Val<'a>)>, key: usize, s: Option<&'a str>) {
    if let Some(s) = s {
        attrs.push((key, Val::Str(Cow::Borrowed(s))));
    }
}

/// A list as one JSON array (lossless whatever an entry holds, as in CSV).
fn push_list<'a>(attrs: &mut Vec<(usize, Val<'a>)>, key: usize, list: &[String]) {
    if !list.is_empty() {
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        attrs.push((key, json_list(&list)));
    }
}

fn json_list(list: &[&str]) -> Val<'static> {
    Val::Str(Cow::Owned(serde_json::to_string(list).unwrap_or_default()))
}

/// `from` at `key`, `to` at `key + 1` (full dates; open ends absent).
fn push_range(attrs: &mut Vec<(usize, Val<'_>)>, key: usize, r: &DateRange) {
    if let Some(d) = r.from {
        attrs.push((key, Val::Str(Cow::Owned(d.to_string()))));
    }
    if let Some(d) = r.to {
        attrs.push((key + 1, Val::Str(Cow::Owned(d.to_string()))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_indices_used_by_the_builder_name_the_right_keys() {
        let at = |name: &str| NODE_KEYS.iter().position(|k| k.name == name);
        for (i, name) in [
            (key::TYPE, "type"),
            (key::KIND, "kind"),
            (key::ALIASES, "aliases"),
            (key::NOTE, "note"),
            (key::TEXT, "text"),
            (key::QUOTE, "quote"),
            (key::PARAGRAPH, "paragraph"),
            (key::STANCE, "stance"),
            (key::SAID_FROM, "said_from"),
            (key::SAID_TO, "said_to"),
            (key::SAID_AS, "said_as"),
            (key::STATUS, "status"),
            (key::RELIABILITY, "reliability"),
            (key::CREDIBILITY, "credibility"),
            (key::GRADING, "grading"),
            (key::TAGS, "tags"),
            (key::EVIDENCE, "evidence"),
            (key::ANNOTATED_BY, "annotated_by"),
            (key::ANNOTATED_AT, "annotated_at"),
            (key::HEADLINE, "headline"),
            (key::URL, "url"),
            (key::PUBLISHED_FROM, "published_from"),
            (key::PUBLISHED_TO, "published_to"),
            (key::WHEN_FROM, "when_from"),
            (key::WHEN_TO, "when_to"),
        ] {
            assert_eq!(at(name), Some(i), "{name}");
        }
        assert_eq!(NODE_KEYS[key::SAID_TO].name, "said_to");
        assert_eq!(NODE_KEYS[key::PUBLISHED_TO].name, "published_to");
        assert_eq!(NODE_KEYS[key::WHEN_TO].name, "when_to");
    }

    #[test]
    fn the_bundled_graph_has_no_dangling_edge_and_every_claim_once() {
        let loaded = crate::model::load_bundled().expect("bundled");
        let g = build(&loaded, None, &super::super::all_claims(&loaded));
        let claims = g
            .nodes
            .iter()
            .filter(|n| n.id.starts_with("claim:"))
            .count();
        assert_eq!(claims, loaded.dataset.claims.len());
        assert!(
            g.edges
                .iter()
                .all(|e| e.source < g.nodes.len() && e.target < g.nodes.len())
        );
        let ids: std::collections::HashSet<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids.len(), g.nodes.len(), "node ids are unique");
    }
}
