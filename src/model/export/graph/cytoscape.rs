//! Cytoscape.js JSON (`cytoscape({elements: json.elements})`, Cytoscape
//! desktop's `.cyjs` import, networkx `cytoscape_graph`): every node's and
//! edge's fields in its `data`. Besides Cytoscape.js's `id`, `source` and
//! `target`, nodes carry `name` (the label) and `value` (the id) and edges
//! `key`, which is how networkx reads them back; the top level says the
//! graph is directed with parallel edges.
//!
//! Lossless: JSON can carry every character; DEL, C1 and bidi controls are
//! `\u00XX` escapes (see `json_text`), so the file is safe on a terminal.
//! Written one element per line, each serialised on its own, so memory
//! stays proportional to the output.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::super::json_text::{Escape, escape_text};
use super::{EDGE_KEYS, Edge, Graph, NODE_KEYS, Node, Val};

pub fn to_cytoscape(g: &Graph<'_>) -> String {
    let mut out = String::with_capacity(1024 + g.nodes.len() * 640 + g.edges.len() * 128);
    out.push_str("{\n\"format_version\": \"1.0\",\n\"generated_by\": \"claimtrack\",\n\"target_cytoscapejs_version\": \"~3\",\n\"data\": ");
    push_json(
        &mut out,
        &serde_json::json!({ "name": g.title, "dataset": g.id }),
    );
    out.push_str(",\n\"directed\": true,\n\"multigraph\": true,\n\"elements\": {\n\"nodes\": [");
    for (i, n) in g.nodes.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        push_json(&mut out, &NodeData(n));
    }
    out.push_str("\n],\n\"edges\": [");
    let mut first = true;
    for (i, e) in g.edges.iter().enumerate() {
        let (Some(source), Some(target)) = (g.nodes.get(e.source), g.nodes.get(e.target)) else {
            continue;
        };
        out.push_str(if first { "\n" } else { ",\n" });
        first = false;
        push_json(
            &mut out,
            &EdgeData {
                key: i,
                edge: e,
                source: &source.id,
                target: &target.id,
            },
        );
    }
    out.push_str("\n]\n}\n}\n");
    out
}

fn push_json<T: Serialize>(out: &mut String, value: &T) {
    // Serialising strings and numbers into a string cannot fail.
    let text = serde_json::to_string(value).unwrap_or_default();
    out.push_str(&escape_text(&text, Escape::Controls));
}

/// `{"data": {...}}` for a node.
struct NodeData<'a, 'b>(&'b Node<'a>);

struct NodeFields<'a, 'b>(&'b Node<'a>);

impl Serialize for NodeData<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("data", &NodeFields(self.0))?;
        m.end()
    }
}

impl Serialize for NodeFields<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let mut m = s.serialize_map(Some(4 + n.attrs.len()))?;
        m.serialize_entry("id", &n.id)?;
        m.serialize_entry("value", &n.id)?;
        m.serialize_entry("name", n.label)?;
        m.serialize_entry("label", n.label)?;
        for (k, v) in &n.attrs {
            if let Some(key) = NODE_KEYS.get(*k) {
                match v {
                    Val::Str(text) => m.serialize_entry(key.name, text)?,
                    Val::Int(i) => m.serialize_entry(key.name, i)?,
                }
            }
        }
        m.end()
    }
}

struct EdgeData<'a> {
    key: usize,
    edge: &'a Edge,
    source: &'a str,
    target: &'a str,
}

struct EdgeFields<'a, 'b>(&'b EdgeData<'a>);

impl Serialize for EdgeData<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("data", &EdgeFields(self))?;
        m.end()
    }
}

impl Serialize for EdgeFields<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &format!("e{}", e.key))?;
        m.serialize_entry("key", &e.key)?;
        m.serialize_entry("source", e.source)?;
        m.serialize_entry("target", e.target)?;
        m.serialize_entry("label", e.edge.label)?;
        if let Some(p) = e.edge.position {
            m.serialize_entry(EDGE_KEYS[0].name, &p)?;
        }
        m.end()
    }
}
