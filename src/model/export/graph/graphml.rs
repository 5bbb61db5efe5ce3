//! GraphML (yEd, Cytoscape desktop, Gephi, networkx `read_graphml`,
//! igraph): keys declared with their types, one directed graph, a `label`
//! key for nodes and edges, node ids as in every graph export.

use std::fmt::Write;

use super::xml::push_escaped;
use super::{EDGE_KEYS, Graph, Key, NODE_KEYS, Ty};

pub fn to_graphml(g: &Graph<'_>) -> String {
    let mut out = String::with_capacity(1024 + g.nodes.len() * 512 + g.edges.len() * 128);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    out.push_str(
        "  <key id=\"g_title\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>\n",
    );
    out.push_str(
        "  <key id=\"g_dataset\" for=\"graph\" attr.name=\"dataset\" attr.type=\"string\"/>\n",
    );
    out.push_str("  <key id=\"n_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n");
    declare(&mut out, "n", "node", &NODE_KEYS);
    out.push_str("  <key id=\"e_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n");
    declare(&mut out, "e", "edge", &EDGE_KEYS);
    out.push_str("  <graph id=\"G\" edgedefault=\"directed\">\n    <data key=\"g_title\">");
    push_escaped(&mut out, g.title);
    out.push_str("</data>\n    <data key=\"g_dataset\">");
    push_escaped(&mut out, g.id);
    out.push_str("</data>\n");
    for n in &g.nodes {
        out.push_str("    <node id=\"");
        push_escaped(&mut out, &n.id);
        out.push_str("\">\n      <data key=\"n_label\">");
        push_escaped(&mut out, n.label);
        out.push_str("</data>\n");
        for (k, v) in &n.attrs {
            let name = NODE_KEYS.get(*k).map_or("", |k| k.name);
            let _ = write!(out, "      <data key=\"n_{name}\">");
            push_escaped(&mut out, &v.text());
            out.push_str("</data>\n");
        }
        out.push_str("    </node>\n");
    }
    for (i, e) in g.edges.iter().enumerate() {
        let (Some(source), Some(target)) = (g.nodes.get(e.source), g.nodes.get(e.target)) else {
            continue;
        };
        let _ = write!(out, "    <edge id=\"e{i}\" source=\"");
        push_escaped(&mut out, &source.id);
        out.push_str("\" target=\"");
        push_escaped(&mut out, &target.id);
        let _ = write!(out, "\">\n      <data key=\"e_label\">{}</data>\n", e.label);
        if let Some(p) = e.position {
            let _ = writeln!(out, "      <data key=\"e_position\">{p}</data>");
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn declare(out: &mut String, prefix: &str, class: &str, keys: &[Key]) {
    for k in keys {
        let ty = match k.ty {
            Ty::Str => "string",
            Ty::Int => "int",
        };
        let _ = writeln!(
            out,
            "  <key id=\"{prefix}_{0}\" for=\"{class}\" attr.name=\"{0}\" attr.type=\"{ty}\"/>",
            k.name
        );
    }
}
