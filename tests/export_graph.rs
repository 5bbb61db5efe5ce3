//! Graph exports (issue 16): `--format gexf|graphml|cytoscape` on the
//! hostile dataset. Each is parsed back (roxmltree for XML, serde_json for
//! Cytoscape.js) into one shape, and the same checks run on all three: the
//! nodes and edges the issue lists, and hostile strings read back as written
//! (XML 1.0 cannot hold C0 controls at all: those read back as their
//! pictures, see `graph::xml`). When `xmllint` is installed it checks the
//! XML is well-formed; when python3 has networkx, networkx reads all three.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod export_support;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use claimtrack::model::export::graph::xml::as_read_back;
use export_support::{ATTRIBUTE_BREAKER, GOOD_URL, Home, JS_URL, SCRIPT_BREAKOUT};
use serde_json::Value;

const NOTE_C01: &str = "Note \u{1b}]0;pwned-note\u{7}\nsecond line \u{9b}2J </script>";
const TEXT_C03: &str = "A link <https://evil.example/y> and \u{202e}txt.exe\u{2066} were posted \u{1b}]0;pwned-claim\u{7} \u{9b}2J \u{90}dcs\u{9c}.";

#[derive(Debug, Default)]
struct Parsed {
    /// id → attributes (the label as `label`).
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    /// (source, target, label, position), in file order.
    edges: Vec<(String, String, String, Option<String>)>,
    /// The graph's own title.
    title: String,
}

impl Parsed {
    fn node(&self, id: &str) -> &BTreeMap<String, String> {
        self.nodes
            .get(id)
            .unwrap_or_else(|| panic!("no node {id}: {:?}", self.nodes.keys()))
    }

    fn attr(&self, id: &str, key: &str) -> &str {
        self.node(id)
            .get(key)
            .unwrap_or_else(|| panic!("{id} has no {key}: {:?}", self.node(id)))
    }

    fn edges_from(&self, source: &str, label: &str) -> Vec<(&str, Option<&str>)> {
        (self.edges.iter())
            .filter(|e| e.0 == source && e.2 == label)
            .map(|e| (e.1.as_str(), e.3.as_deref()))
            .collect()
    }
}

fn ns(e: roxmltree::Node<'_, '_>) -> &'static str {
    match e.tag_name().namespace() {
        Some("http://gexf.net/1.3") => "gexf",
        Some("http://graphml.graphdrawing.org/xmlns") => "graphml",
        other => panic!("unexpected namespace {other:?}"),
    }
}

fn elements<'a, 'i>(
    n: roxmltree::Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    n.descendants()
        .filter(move |d| d.is_element() && d.tag_name().name() == name)
}

fn parse_gexf(text: &str) -> Parsed {
    let doc = roxmltree::Document::parse(text).expect("well-formed GEXF");
    let root = doc.root_element();
    assert_eq!((ns(root), root.tag_name().name()), ("gexf", "gexf"));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let graph = elements(root, "graph").next().expect("graph");
    assert_eq!(graph.attribute("defaultedgetype"), Some("directed"));
    let mut declared: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
    for attrs in elements(graph, "attributes") {
        let class = attrs.attribute("class").expect("class").to_owned();
        for a in elements(attrs, "attribute") {
            let id = a.attribute("id").expect("id").to_owned();
            let title = a.attribute("title").expect("title").to_owned();
            let ty = a.attribute("type").expect("type").to_owned();
            assert!(["string", "integer"].contains(&ty.as_str()), "{ty}");
            assert!(declared.insert((class.clone(), id), (title, ty)).is_none());
        }
    }
    let value_of = |class: &str, n: roxmltree::Node<'_, '_>| -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for v in elements(n, "attvalue") {
            let key = (
                class.to_owned(),
                v.attribute("for").expect("for").to_owned(),
            );
            let (title, ty) = declared
                .get(&key)
                .unwrap_or_else(|| panic!("undeclared {key:?}"));
            let value = v.attribute("value").expect("value");
            if ty == "integer" {
                value.parse::<i64>().expect("an integer");
            }
            out.insert(title.clone(), value.to_owned());
        }
        out
    };
    let mut p = Parsed {
        title: elements(root, "description")
            .next()
            .and_then(|d| d.text())
            .unwrap_or_default()
            .to_owned(),
        ..Parsed::default()
    };
    for n in elements(graph, "node") {
        let mut attrs = value_of("node", n);
        attrs.insert("label".into(), n.attribute("label").expect("label").into());
        let id = n.attribute("id").expect("id").to_owned();
        assert!(p.nodes.insert(id, attrs).is_none(), "node ids are unique");
    }
    let mut ids = BTreeSet::new();
    for e in elements(graph, "edge") {
        assert!(ids.insert(e.attribute("id").expect("edge id")));
        assert_eq!(
            e.attribute("kind"),
            e.attribute("label"),
            "Gephi's edge type"
        );
        let attrs = value_of("edge", e);
        p.edges.push((
            e.attribute("source").expect("source").into(),
            e.attribute("target").expect("target").into(),
            e.attribute("label").expect("label").into(),
            attrs.get("position").cloned(),
        ));
    }
    p
}

fn parse_graphml(text: &str) -> Parsed {
    let doc = roxmltree::Document::parse(text).expect("well-formed GraphML");
    let root = doc.root_element();
    assert_eq!((ns(root), root.tag_name().name()), ("graphml", "graphml"));
    let mut keys: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for k in root.children().filter(|k| k.has_tag_name("key")) {
        let id = k.attribute("id").expect("key id").to_owned();
        let entry = (
            k.attribute("for").expect("for").to_owned(),
            k.attribute("attr.name").expect("attr.name").to_owned(),
            k.attribute("attr.type").expect("attr.type").to_owned(),
        );
        assert!(["string", "int"].contains(&entry.2.as_str()), "{entry:?}");
        assert!(keys.insert(id, entry).is_none(), "key ids are unique");
    }
    let data_of = |class: &str, n: roxmltree::Node<'_, '_>| -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for d in n.children().filter(|d| d.has_tag_name("data")) {
            let key = d.attribute("key").expect("key");
            let (for_, name, ty) = keys.get(key).unwrap_or_else(|| panic!("undeclared {key}"));
            assert_eq!(for_, class, "{key}");
            let value = d.text().unwrap_or_default();
            if ty == "int" {
                value.parse::<i64>().expect("an int");
            }
            out.insert(name.clone(), value.to_owned());
        }
        out
    };
    let graph = root
        .children()
        .find(|g| g.has_tag_name("graph"))
        .expect("graph");
    assert_eq!(graph.attribute("edgedefault"), Some("directed"));
    let mut p = Parsed {
        title: data_of("graph", graph)
            .get("title")
            .cloned()
            .unwrap_or_default(),
        ..Parsed::default()
    };
    for n in graph.children().filter(|n| n.has_tag_name("node")) {
        let id = n.attribute("id").expect("id").to_owned();
        assert!(p.nodes.insert(id, data_of("node", n)).is_none());
    }
    for e in graph.children().filter(|e| e.has_tag_name("edge")) {
        let attrs = data_of("edge", e);
        p.edges.push((
            e.attribute("source").expect("source").into(),
            e.attribute("target").expect("target").into(),
            attrs.get("label").expect("edge label").clone(),
            attrs.get("position").cloned(),
        ));
    }
    p
}

fn parse_cytoscape(text: &str) -> Parsed {
    let doc: Value = serde_json::from_str(text).expect("valid JSON");
    assert_eq!(doc["directed"], true);
    assert_eq!(doc["multigraph"], true);
    let show = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("not a string or number: {other}"),
    };
    let mut p = Parsed {
        title: show(&doc["data"]["name"]),
        ..Parsed::default()
    };
    for n in doc["elements"]["nodes"].as_array().expect("nodes") {
        let data = n["data"].as_object().expect("data");
        assert_eq!(data["id"], data["value"], "networkx reads `value`");
        assert_eq!(data["name"], data["label"]);
        let attrs: BTreeMap<String, String> = (data.iter())
            .filter(|(k, _)| !["id", "value", "name"].contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), show(v)))
            .collect();
        assert!(p.nodes.insert(show(&data["id"]), attrs).is_none());
    }
    let mut ids = BTreeSet::new();
    for e in doc["elements"]["edges"].as_array().expect("edges") {
        let d = &e["data"];
        assert!(ids.insert(show(&d["id"])));
        p.edges.push((
            show(&d["source"]),
            show(&d["target"]),
            show(&d["label"]),
            d.get("position").map(show),
        ));
    }
    p
}

/// The same checks on every format; `lossless` for the JSON one.
fn check(p: &Parsed, lossless: bool) {
    let read = |s: &str| {
        if lossless {
            s.to_owned()
        } else {
            as_read_back(s)
        }
    };
    // No edge dangles.
    for e in &p.edges {
        assert!(
            p.nodes.contains_key(&e.0) && p.nodes.contains_key(&e.1),
            "{e:?}"
        );
    }
    let kinds: BTreeSet<&str> = p.nodes.values().map(|a| a["type"].as_str()).collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["actor", "article", "claim", "event"])
    );
    assert_eq!(p.nodes.len(), 4 + 1 + 6 + 1);
    // Hostile strings read back as written.
    assert_eq!(p.attr("claim:c01", "text"), SCRIPT_BREAKOUT);
    assert_eq!(p.attr("claim:c01", "label"), SCRIPT_BREAKOUT);
    assert_eq!(p.attr("claim:c01", "note"), read(NOTE_C01));
    assert_eq!(p.attr("claim:c03", "text"), read(TEXT_C03));
    assert_eq!(p.attr("actor:ministry", "label"), "Ministry <i>of</i> & Co");
    assert_eq!(
        p.attr("article:a1", "headline"),
        read("Headline \u{1b}]0;pwned-headline\u{7} </script><b>bold</b>")
    );
    assert_eq!(
        p.attr("article:a1", "url"),
        "https://example.org/news/a1?x=1&y=2"
    );
    assert!(p.title.starts_with(&read(
        "Hostile \u{1b}]0;pwned-title\u{7} \u{1b}[2J \u{9b}31m \u{202e}desrever"
    )));
    // Lists are JSON arrays, lossless whatever their entries hold.
    let evidence: Vec<String> =
        serde_json::from_str(p.attr("claim:c01", "evidence")).expect("a JSON array");
    assert_eq!(
        evidence,
        [
            "https://example.org/a b",
            "archive copy \u{1b}[2J",
            JS_URL,
            ATTRIBUTE_BREAKER,
            GOOD_URL
        ]
    );
    let tags: Vec<String> = serde_json::from_str(p.attr("claim:c01", "tags")).expect("tags");
    assert_eq!(tags, ["a; b", "=1+1", "x; y", "@cmd"]);
    // The review as attributes.
    for (key, want) in [
        ("status", "Verified"),
        ("reliability", "B"),
        ("credibility", "2"),
        ("grading", "B2"),
        ("stance", "asserts"),
        ("said_from", "2024-10-01"),
        ("said_to", "2024-10-31"),
        ("paragraph", "1"),
    ] {
        assert_eq!(p.attr("claim:c01", key), want, "{key}");
    }
    assert_eq!(p.attr("claim:c05", "status"), "Disputed");
    assert_eq!(p.attr("actor:agency", "kind"), "Agency");
    assert_eq!(p.attr("event:e1", "when_from"), "2024-10-01");
    // The edges the issue lists.
    assert_eq!(
        p.edges_from("claim:c01", "claimant"),
        [("actor:minister", None)]
    );
    assert_eq!(
        p.edges_from("claim:c01", "via"),
        [("actor:agency", Some("1")), ("actor:paper", Some("2"))],
        "in chain order"
    );
    assert_eq!(
        p.edges_from("claim:c01", "about"),
        [("actor:ministry", None)]
    );
    assert_eq!(p.edges_from("claim:c01", "article"), [("article:a1", None)]);
    assert_eq!(
        p.edges_from("actor:agency", "part_of"),
        [("actor:ministry", None)]
    );
    assert_eq!(
        p.edges_from("article:a1", "outlet"),
        [("actor:paper", None)]
    );
    assert_eq!(p.edges_from("claim:c01", "supports"), [("claim:c02", None)]);
    assert_eq!(
        p.edges_from("claim:c02", "contradicts"),
        [("claim:c03", None)]
    );
    assert_eq!(p.edges_from("claim:c03", "updates"), [("claim:c01", None)]);
    assert_eq!(
        p.edges_from("event:e1", "involves"),
        [("actor:minister", None)]
    );
    assert_eq!(p.edges_from("event:e1", "lists").len(), 6);
}

fn export(format: &str, args: &[&str]) -> String {
    let home = Home::new();
    let mut full = vec!["-f", format];
    full.extend_from_slice(args);
    home.export(&full)
}

#[test]
fn gexf_reads_back_with_every_node_edge_and_hostile_string() {
    check(&parse_gexf(&export("gexf", &[])), false);
}

#[test]
fn graphml_reads_back_with_every_node_edge_and_hostile_string() {
    check(&parse_graphml(&export("graphml", &[])), false);
}

#[test]
fn cytoscape_reads_back_losslessly() {
    check(&parse_cytoscape(&export("cytoscape", &[])), true);
}

#[test]
fn where_keeps_the_selected_claims_and_what_they_name() {
    for (format, parse) in [
        ("gexf", parse_gexf as fn(&str) -> Parsed),
        ("graphml", parse_graphml),
        ("cytoscape", parse_cytoscape),
    ] {
        let p = parse(&export(format, &["--where", "claimant:minister"]));
        let ids: BTreeSet<&str> = p.nodes.keys().map(String::as_str).collect();
        // c01 and c04; their claimant, via and about actors, the agency's
        // parent, the article and its outlet, the event listing them.
        assert_eq!(
            ids,
            BTreeSet::from([
                "actor:agency",
                "actor:minister",
                "actor:ministry",
                "actor:paper",
                "article:a1",
                "claim:c01",
                "claim:c04",
                "event:e1",
            ]),
            "{format}"
        );
        // c01 supports c02, which is not exported: no edge leads out.
        assert!(p.edges_from("claim:c01", "supports").is_empty(), "{format}");
        assert_eq!(p.edges_from("event:e1", "lists").len(), 2, "{format}");
    }
}

#[test]
fn a_terminal_never_gets_a_raw_control_from_a_graph_export() {
    for format in ["gexf", "graphml", "cytoscape"] {
        let out = export(format, &[]);
        assert!(
            !out.contains(|c: char| c.is_control() && c != '\n'),
            "{format}"
        );
        assert!(!out.contains(['\u{202e}', '\u{2066}']), "{format}");
    }
}

/// xmllint (libxml2), when installed, finds both XML exports well-formed.
#[test]
fn xmllint_finds_the_xml_well_formed() {
    if Command::new("xmllint").arg("--version").output().is_err() {
        eprintln!("skipped: xmllint is not installed (apt-get install libxml2-utils)");
        return;
    }
    let home = Home::new();
    for format in ["gexf", "graphml"] {
        let file = home.path(&format!("graph.{format}"));
        let out = home.run(&["-f", format, "-o", file.to_str().expect("path")]);
        assert_eq!(out.status.code(), Some(0));
        let lint = Command::new("xmllint")
            .args(["--noout", "--nonet"])
            .arg(&file)
            .output()
            .expect("xmllint");
        assert!(
            lint.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&lint.stderr)
        );
    }
}

/// With `CLAIMTRACK_GEXF_XSD` naming the GEXF 1.3 schema (`specs/1.3/gexf.xsd`
/// of the gephi/gexf repository, beside its `viz.xsd` and `dynamics.xsd`) and
/// xmllint installed, the GEXF export is valid against it.
#[test]
fn gexf_is_valid_against_the_gexf_1_3_schema_when_given() {
    let Some(xsd) = std::env::var_os("CLAIMTRACK_GEXF_XSD") else {
        eprintln!(
            "skipped: set CLAIMTRACK_GEXF_XSD to the GEXF 1.3 gexf.xsd to validate against it"
        );
        return;
    };
    if Command::new("xmllint").arg("--version").output().is_err() {
        eprintln!("skipped: xmllint is not installed (apt-get install libxml2-utils)");
        return;
    }
    let home = Home::new();
    let file = home.path("graph.gexf");
    let out = home.run(&["-f", "gexf", "-o", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0));
    let lint = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(&xsd)
        .arg(&file)
        .output()
        .expect("xmllint");
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
}

const NETWORKX_READ: &str = r#"
import json, sys
import networkx as nx
fmt, path = sys.argv[1], sys.argv[2]
if fmt == "gexf":
    g = nx.read_gexf(path)
elif fmt == "graphml":
    g = nx.read_graphml(path)
else:
    g = nx.cytoscape_graph(json.load(open(path, encoding="utf-8")))
c01 = g.nodes["claim:c01"]
print(json.dumps({
    "directed": g.is_directed(),
    "nodes": g.number_of_nodes(),
    "edges": g.number_of_edges(),
    "text": c01["text"],
    "note": c01["note"],
    "credibility": c01["credibility"],
    "via": sorted(g.edges["claim:c01", t, k].get("position", 0)
                  for (_, t, k) in g.edges("claim:c01", keys=True)
                  if g.edges["claim:c01", t, k]["label"] == "via") if g.is_multigraph() else
           sorted(g.edges["claim:c01", t].get("position", 0)
                  for t in g.successors("claim:c01")
                  if g.edges["claim:c01", t]["label"] == "via"),
}))
"#;

/// networkx, when python3 has it, reads all three with their attributes.
#[test]
fn networkx_reads_every_graph_export() {
    let has = Command::new("python3")
        .args([
            "-c",
            "import sys, networkx; sys.exit(int(networkx.__version__.split('.')[0]) < 3)",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        eprintln!(
            "skipped: python3 with networkx 3 or later is not available (pip install networkx)"
        );
        return;
    }
    let home = Home::new();
    for format in ["gexf", "graphml", "cytoscape"] {
        let file = home.path(&format!("graph.{format}"));
        let out = home.run(&["-f", format, "-o", file.to_str().expect("path")]);
        assert_eq!(out.status.code(), Some(0));
        let read = Command::new("python3")
            .args(["-c", NETWORKX_READ, format])
            .arg(&file)
            .output()
            .expect("python3");
        assert!(
            read.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&read.stderr)
        );
        let got: Value = serde_json::from_slice(&read.stdout).expect("JSON from python");
        let note = if format == "cytoscape" {
            NOTE_C01.to_owned()
        } else {
            as_read_back(NOTE_C01)
        };
        assert_eq!(got["directed"], true, "{format}");
        assert_eq!(got["nodes"], 12, "{format}");
        assert_eq!(got["edges"], 28, "{format}");
        assert_eq!(got["text"], SCRIPT_BREAKOUT, "{format}");
        assert_eq!(got["note"], note, "{format}");
        assert_eq!(got["credibility"], 2, "{format}: an integer, typed");
        assert_eq!(got["via"], serde_json::json!([1, 2]), "{format}");
    }
}
