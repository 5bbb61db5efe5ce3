//! GEXF 1.3 (Gephi's format; networkx `read_gexf`): one static, directed
//! graph with parallel edges, node attributes declared once with their
//! types, and each edge's field as its `label` and its `kind` (GEXF 1.3's
//! edge type, which tells parallel edges apart). Valid against the GEXF 1.3
//! schema (see tests/export_graph.rs).

use std::fmt::Write;

use super::xml::push_escaped;
use super::{EDGE_KEYS, Graph, Key, NODE_KEYS, Ty};

pub fn to_gexf(g: &Graph<'_>) -> String {
    let mut out = String::with_capacity(1024 + g.nodes.len() * 512 + g.edges.len() * 96);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    out.push_str("  <meta>\n    <creator>claimtrack</creator>\n    <description>");
    push_escaped(&mut out, g.title);
    out.push_str(" (dataset ");
    push_escaped(&mut out, g.id);
    out.push_str(")</description>\n  </meta>\n");
    out.push_str("  <graph mode=\"static\" defaultedgetype=\"directed\">\n");
    declare(&mut out, "node", &NODE_KEYS);
    declare(&mut out, "edge", &EDGE_KEYS);

    out.push_str("    <nodes>\n");
    for n in &g.nodes {
        out.push_str("      <node id=\"");
        push_escaped(&mut out, &n.id);
        out.push_str("\" label=\"");
        push_escaped(&mut out, n.label);
        out.push_str("\">\n        <attvalues>\n");
        for (k, v) in &n.attrs {
            let _ = write!(out, "          <attvalue for=\"{k}\" value=\"");
            push_escaped(&mut out, &v.text());
            out.push_str("\"/>\n");
        }
        out.push_str("        </attvalues>\n      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in g.edges.iter().enumerate() {
        let (Some(source), Some(target)) = (g.nodes.get(e.source), g.nodes.get(e.target)) else {
            continue;
        };
        let _ = write!(out, "      <edge id=\"{i}\" source=\"");
        push_escaped(&mut out, &source.id);
        out.push_str("\" target=\"");
        push_escaped(&mut out, &target.id);
        // `kind` keeps parallel edges of different fields apart in Gephi.
        let _ = write!(out, "\" label=\"{0}\" kind=\"{0}\"", e.label);
        match e.position {
            Some(p) => {
                let _ = writeln!(
                    out,
                    ">\n        <attvalues>\n          <attvalue for=\"0\" value=\"{p}\"/>\n        </attvalues>\n      </edge>"
                );
            }
            None => out.push_str("/>\n"),
        }
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn declare(out: &mut String, class: &str, keys: &[Key]) {
    let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
    for (i, k) in keys.iter().enumerate() {
        let ty = match k.ty {
            Ty::Str => "string",
            Ty::Int => "integer",
        };
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{}\" type=\"{ty}\"/>",
            k.name
        );
    }
    out.push_str("    </attributes>\n");
}
