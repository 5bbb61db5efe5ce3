//! Writing RON by hand: the layout of a hand-written dataset, short lists on
//! one line. `ron`'s pretty printer would put every list item on its own line.

use std::io::{self, Write};

use crate::model::dataset::*;

pub(super) fn push_str_lit(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

pub(super) fn push_opt(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push_str("Some(");
            push_str_lit(out, s);
            out.push(')');
        }
        None => out.push_str("None"),
    }
}

pub(super) fn push_list(out: &mut String, items: &[impl AsRef<str>]) {
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_str_lit(out, s.as_ref());
    }
    out.push(']');
}

pub(super) fn push_when(out: &mut String, w: &When) {
    match w {
        When::On(d) => {
            out.push_str("On(");
            push_str_lit(out, d);
            out.push(')');
        }
        When::Between(a, b) => {
            out.push_str("Between(");
            push_str_lit(out, a);
            out.push_str(", ");
            push_str_lit(out, b);
            out.push(')');
        }
        When::Before(d) => {
            out.push_str("Before(");
            push_str_lit(out, d);
            out.push(')');
        }
        When::After(d) => {
            out.push_str("After(");
            push_str_lit(out, d);
            out.push(')');
        }
        When::Unknown => out.push_str("Unknown"),
    }
}

/// `    name: ` + value + `,\n` at the given indentation.
pub(super) fn field(out: &mut String, indent: usize, name: &str, value: impl FnOnce(&mut String)) {
    for _ in 0..indent {
        out.push_str("    ");
    }
    out.push_str(name);
    out.push_str(": ");
    value(out);
    out.push_str(",\n");
}

pub(super) fn relation_text(r: &Relation) -> String {
    let mut s = String::new();
    s.push_str(match r {
        Relation::Supports(_) => "Supports(",
        Relation::Contradicts(_) => "Contradicts(",
        Relation::Updates(_) => "Updates(",
    });
    push_str_lit(&mut s, r.target());
    s.push(')');
    s
}

/// Writes `ds` as readable RON, `header` as leading `//` comment lines.
pub fn write_ron(ds: &Dataset, header: &str, w: &mut dyn Write) -> io::Result<()> {
    let mut out = String::with_capacity(1 << 16);
    // Write in chunks so that a large dataset is never held twice in memory.
    let mut flush = |out: &mut String, force: bool| -> io::Result<()> {
        if force || out.len() > 1 << 16 {
            w.write_all(out.as_bytes())?;
            out.clear();
        }
        Ok(())
    };
    for line in header.lines() {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("Dataset(\n");
    field(&mut out, 1, "format", |o| {
        o.push_str(&ds.format.to_string())
    });
    field(&mut out, 1, "id", |o| push_str_lit(o, &ds.id));
    field(&mut out, 1, "title", |o| push_str_lit(o, &ds.title));
    field(&mut out, 1, "description", |o| {
        push_opt(o, ds.description.as_deref())
    });

    out.push_str("\n    articles: [\n");
    for a in &ds.articles {
        out.push_str("        Article(\n");
        field(&mut out, 3, "id", |o| push_str_lit(o, &a.id));
        field(&mut out, 3, "headline", |o| push_str_lit(o, &a.headline));
        field(&mut out, 3, "outlet", |o| push_str_lit(o, &a.outlet));
        field(&mut out, 3, "url", |o| push_opt(o, a.url.as_deref()));
        field(&mut out, 3, "published", |o| push_when(o, &a.published));
        field(&mut out, 3, "credit", |o| push_opt(o, a.credit.as_deref()));
        out.push_str("            body: [\n");
        for p in &a.body {
            out.push_str("                ");
            push_str_lit(&mut out, p);
            out.push_str(",\n");
        }
        out.push_str("            ],\n        ),\n");
        flush(&mut out, false)?;
    }
    out.push_str("    ],\n\n    actors: [\n");
    for a in &ds.actors {
        out.push_str("        Actor(\n");
        field(&mut out, 3, "id", |o| push_str_lit(o, &a.id));
        field(&mut out, 3, "name", |o| push_str_lit(o, &a.name));
        field(&mut out, 3, "kind", |o| o.push_str(a.kind.label()));
        field(&mut out, 3, "aliases", |o| push_list(o, &a.aliases));
        field(&mut out, 3, "part_of", |o| {
            push_opt(o, a.part_of.as_deref())
        });
        field(&mut out, 3, "note", |o| push_opt(o, a.note.as_deref()));
        out.push_str("        ),\n");
        flush(&mut out, false)?;
    }
    out.push_str("    ],\n\n    claims: [\n");
    for c in &ds.claims {
        out.push_str("        Claim(\n");
        field(&mut out, 3, "id", |o| push_str_lit(o, &c.id));
        field(&mut out, 3, "article", |o| push_str_lit(o, &c.article));
        field(&mut out, 3, "text", |o| push_str_lit(o, &c.text));
        field(&mut out, 3, "quote", |o| {
            o.push_str(&format!("Quote(paragraph: {}, text: ", c.quote.paragraph));
            push_str_lit(o, &c.quote.text);
            o.push(')');
        });
        field(&mut out, 3, "claimant", |o| push_str_lit(o, &c.claimant));
        field(&mut out, 3, "via", |o| push_list(o, &c.via));
        field(&mut out, 3, "about", |o| push_list(o, &c.about));
        field(&mut out, 3, "stance", |o| {
            o.push_str(&format!("{:?}", c.stance))
        });
        field(&mut out, 3, "said", |o| push_when(o, &c.said));
        field(&mut out, 3, "said_as", |o| {
            push_opt(o, c.said_as.as_deref())
        });
        field(&mut out, 3, "relations", |o| {
            let rels: Vec<String> = c.relations.iter().map(relation_text).collect();
            o.push('[');
            o.push_str(&rels.join(", "));
            o.push(']');
        });
        field(&mut out, 3, "tags", |o| push_list(o, &c.tags));
        out.push_str("        ),\n");
        flush(&mut out, false)?;
    }
    out.push_str("    ],\n\n    events: [\n");
    for e in &ds.events {
        out.push_str("        Event(\n");
        field(&mut out, 3, "id", |o| push_str_lit(o, &e.id));
        field(&mut out, 3, "when", |o| push_when(o, &e.when));
        field(&mut out, 3, "title", |o| push_str_lit(o, &e.title));
        field(&mut out, 3, "actors", |o| push_list(o, &e.actors));
        field(&mut out, 3, "claims", |o| push_list(o, &e.claims));
        out.push_str("        ),\n");
        flush(&mut out, false)?;
    }
    out.push_str("    ],\n)\n");
    flush(&mut out, true)
}

/// The whole dataset as RON text (for tests and small datasets).
pub fn to_ron(ds: &Dataset, header: &str) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail, and the text is built from `&str`s.
    match write_ron(ds, header, &mut buf) {
        Ok(()) => String::from_utf8(buf).unwrap_or_default(),
        Err(_) => String::new(),
    }
}
