//! Writing one new item as RON text in the style of the file it goes into.
//!
//! Only the item is written: the rest of the file is never re-serialised.
//! Required fields always, optional ones only when they hold something (as a
//! person writing the file would).

use crate::model::dataset::{Actor, Article, Claim, Event, Relation, When};

/// How the file lays out its items: found by [`super::splice`] from the
/// items already there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// One level of indentation (`"    "`, `"  "`, `"\t"`).
    pub unit: String,
    /// `"\n"` or `"\r\n"`.
    pub newline: &'static str,
    /// A comma after the last field of a multi-line item.
    pub trailing_comma: bool,
    /// Items on one line (`Actor(id: "x", name: "X", kind: Media)`).
    pub one_line: bool,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            unit: "    ".into(),
            newline: "\n",
            trailing_comma: true,
            one_line: false,
        }
    }
}

/// A RON string literal that reads back as `s` exactly.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `On("2024-10-18")`, `Between("…", "…")`, `Unknown`.
pub fn when(w: &When) -> String {
    match w {
        When::On(d) => format!("On({})", string(d)),
        When::Between(a, b) => format!("Between({}, {})", string(a), string(b)),
        When::Before(d) => format!("Before({})", string(d)),
        When::After(d) => format!("After({})", string(d)),
        When::Unknown => "Unknown".into(),
    }
}

fn strings(items: &[impl AsRef<str>]) -> String {
    let inner: Vec<String> = items.iter().map(|s| string(s.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

fn relation(r: &Relation) -> String {
    let kind = match r {
        Relation::Supports(_) => "Supports",
        Relation::Contradicts(_) => "Contradicts",
        Relation::Updates(_) => "Updates",
    };
    format!("{kind}({})", string(r.target()))
}

/// A field value that is already RON text; `Lines` for a list written one
/// element per line (an article's body).
enum Value {
    Inline(String),
    Lines(Vec<String>),
}

struct Fields(Vec<(&'static str, Value)>);

impl Fields {
    fn put(&mut self, name: &'static str, v: String) {
        self.0.push((name, Value::Inline(v)));
    }

    fn opt(&mut self, name: &'static str, v: Option<&(impl AsRef<str> + ?Sized)>) {
        if let Some(v) = v {
            self.put(name, format!("Some({})", string(v.as_ref())));
        }
    }

    fn list(&mut self, name: &'static str, v: &[impl AsRef<str>]) {
        if !v.is_empty() {
            self.put(name, strings(v));
        }
    }

    /// `Name(a: 1, b: 2)` or one field per line, indented from `indent`
    /// (the indentation of the line the item starts on).
    fn render(self, name: &str, indent: &str, style: &Style) -> String {
        let nl = style.newline;
        if style.one_line && self.0.iter().all(|(_, v)| matches!(v, Value::Inline(_))) {
            let parts: Vec<String> = self
                .0
                .into_iter()
                .map(|(n, v)| match v {
                    Value::Inline(s) => format!("{n}: {s}"),
                    Value::Lines(_) => String::new(),
                })
                .collect();
            return format!("{name}({})", parts.join(", "));
        }
        let inner = format!("{indent}{}", style.unit);
        let count = self.0.len();
        let mut out = format!("{name}({nl}");
        for (k, (n, v)) in self.0.into_iter().enumerate() {
            out.push_str(&inner);
            out.push_str(n);
            out.push_str(": ");
            match v {
                Value::Inline(s) => out.push_str(&s),
                Value::Lines(lines) => {
                    out.push('[');
                    out.push_str(nl);
                    for l in &lines {
                        out.push_str(&format!("{inner}{}{l},{nl}", style.unit));
                    }
                    out.push_str(&inner);
                    out.push(']');
                }
            }
            if k + 1 < count || style.trailing_comma {
                out.push(',');
            }
            out.push_str(nl);
        }
        out.push_str(indent);
        out.push(')');
        out
    }
}

pub fn claim(c: &Claim, indent: &str, style: &Style) -> String {
    let mut f = Fields(Vec::new());
    f.put("id", string(&c.id));
    f.put("article", string(&c.article));
    f.put("text", string(&c.text));
    f.put(
        "quote",
        format!(
            "Quote(paragraph: {}, text: {})",
            c.quote.paragraph,
            string(&c.quote.text)
        ),
    );
    f.put("claimant", string(&c.claimant));
    f.list("via", &c.via);
    f.list("about", &c.about);
    f.put("stance", format!("{:?}", c.stance));
    f.put("said", when(&c.said));
    f.opt("said_as", c.said_as.as_ref());
    if !c.relations.is_empty() {
        let rs: Vec<String> = c.relations.iter().map(relation).collect();
        f.put("relations", format!("[{}]", rs.join(", ")));
    }
    f.list("tags", &c.tags);
    f.render("Claim", indent, style)
}

pub fn actor(a: &Actor, indent: &str, style: &Style) -> String {
    let mut f = Fields(Vec::new());
    f.put("id", string(&a.id));
    f.put("name", string(&a.name));
    f.put("kind", a.kind.label().to_owned());
    f.list("aliases", &a.aliases);
    f.opt("part_of", a.part_of.as_ref());
    f.opt("note", a.note.as_ref());
    f.render("Actor", indent, style)
}

pub fn event(e: &Event, indent: &str, style: &Style) -> String {
    let mut f = Fields(Vec::new());
    f.put("id", string(&e.id));
    f.put("when", when(&e.when));
    f.put("title", string(&e.title));
    f.list("actors", &e.actors);
    f.list("claims", &e.claims);
    f.render("Event", indent, style)
}

/// An article is always written one field per line, one paragraph per line:
/// a body on one line would be unreadable in a diff.
pub fn article(a: &Article, indent: &str, style: &Style) -> String {
    let mut f = Fields(Vec::new());
    f.put("id", string(&a.id));
    f.put("headline", string(&a.headline));
    f.put("outlet", string(&a.outlet));
    f.opt("url", a.url.as_ref());
    f.put("published", when(&a.published));
    f.opt("credit", a.credit.as_ref());
    f.0.push((
        "body",
        Value::Lines(a.body.iter().map(|p| string(p)).collect()),
    ));
    let style = Style {
        one_line: false,
        ..style.clone()
    };
    f.render("Article", indent, &style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_read_back_exactly() {
        for s in [
            "plain",
            "“curly” ‘quotes’ — dash",
            "a\"b\\c\nd\te\r",
            "\u{1b}[2J\u{7f}",
            "",
        ] {
            let lit = string(s);
            let back: String = ron::from_str(&lit).unwrap_or_else(|e| panic!("{lit}: {e}"));
            assert_eq!(back, s, "{lit}");
        }
    }

    #[test]
    fn items_follow_the_style() {
        let e = Event {
            id: "e9".into(),
            when: When::Between("2024-10-18".into(), "2024-10-22".into()),
            title: "T".into(),
            actors: vec!["a".into(), "b".into()],
            claims: vec![],
        };
        let one = Style {
            one_line: true,
            ..Style::default()
        };
        assert_eq!(
            event(&e, "    ", &one),
            r#"Event(id: "e9", when: Between("2024-10-18", "2024-10-22"), title: "T", actors: ["a", "b"])"#
        );
        let tabs = Style {
            unit: "\t".into(),
            trailing_comma: false,
            ..Style::default()
        };
        assert_eq!(
            event(&e, "\t\t", &tabs),
            "Event(\n\t\t\tid: \"e9\",\n\t\t\twhen: Between(\"2024-10-18\", \"2024-10-22\"),\n\t\t\ttitle: \"T\",\n\t\t\tactors: [\"a\", \"b\"]\n\t\t)"
        );
    }
}
