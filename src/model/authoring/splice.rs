//! Changing a dataset's RON text in place: one item appended to a list, one
//! value replaced. Every byte outside the change stays as it was (comments,
//! blank lines, order, spacing), using the loader's source map
//! ([`crate::model::spans`]) to find where things are.

use std::ops::Range;

use super::render::{self, Style};
use crate::model::dataset::{Actor, Article, Claim, Event};
use crate::model::spans::{Seg, SourceMap};

/// A list of the dataset that items are added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Articles,
    Actors,
    Claims,
    Events,
}

impl List {
    pub fn field(self) -> &'static str {
        match self {
            Self::Articles => "articles",
            Self::Actors => "actors",
            Self::Claims => "claims",
            Self::Events => "events",
        }
    }

    /// One item of the list, for messages: "claim", "actor"…
    pub fn noun(self) -> &'static str {
        match self {
            Self::Articles => "article",
            Self::Actors => "actor",
            Self::Claims => "claim",
            Self::Events => "event",
        }
    }
}

/// A new item, before it is written in the file's style.
#[derive(Debug, Clone, PartialEq)]
pub enum NewItem {
    Article(Article),
    Actor(Actor),
    Claim(Claim),
    Event(Event),
}

impl NewItem {
    pub fn list(&self) -> List {
        match self {
            Self::Article(_) => List::Articles,
            Self::Actor(_) => List::Actors,
            Self::Claim(_) => List::Claims,
            Self::Event(_) => List::Events,
        }
    }

    pub(super) fn render(&self, indent: &str, style: &Style) -> String {
        match self {
            Self::Article(a) => render::article(a, indent, style),
            Self::Actor(a) => render::actor(a, indent, style),
            Self::Claim(c) => render::claim(c, indent, style),
            Self::Event(e) => render::event(e, indent, style),
        }
    }
}

/// The text could not be changed: it is not a dataset the source map can
/// read (the loader would have said why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpliceError(pub String);

impl std::fmt::Display for SpliceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpliceError {}

/// `src` with `item` appended at the end of its list, written in the file's
/// style (indentation, line endings, trailing commas, one-line or not). A
/// list the file leaves out (`events` is optional) is added before the
/// dataset's closing parenthesis.
pub fn append(src: &str, item: &NewItem) -> Result<String, SpliceError> {
    let map = SourceMap::new(src);
    if !map.has_root() {
        return Err(SpliceError("the file is not a readable RON dataset".into()));
    }
    let list = item.list();
    let path = [Seg::Field(list.field())];
    let newline = if src.contains("\r\n") { "\r\n" } else { "\n" };
    let unit = indent_unit(&map);
    let Some(list_span) = map.span(&path) else {
        return add_list_field(src, &map, item, &unit, newline);
    };
    let items = map.item_spans(&path).unwrap_or_default();
    let style = style_of(&map, list, &unit, newline);
    let Some(last) = items.last() else {
        // `[]` or `[ // comment \n ]`: open it up.
        let outer = line_indent(src, list_span.start);
        let inner = format!("{outer}{unit}");
        let open = list_span.start + 1;
        let close = list_span.end.saturating_sub(1);
        let inside = src.get(open..close).unwrap_or_default();
        let kept = inside.trim_end();
        let comma = if style.trailing_comma { "," } else { "" };
        let text = format!(
            "{kept}{newline}{inner}{}{comma}{newline}{outer}",
            item.render(&inner, &style)
        );
        return Ok(replace(src, open..close, &text));
    };
    let indent = line_indent(src, last.start);
    let after_last = map.next_token(last.end);
    let has_comma = src.as_bytes().get(after_last) == Some(&b',');
    let same_line = !src
        .get(list_span.start..list_span.end)
        .unwrap_or_default()
        .contains('\n');
    if same_line {
        // `[A(..), B(..)]`: stay on the line.
        let one = Style {
            one_line: true,
            ..style
        };
        let text = format!(", {}", item.render("", &one));
        return Ok(replace(src, last.end..last.end, &text));
    }
    let rendered = item.render(&indent, &style);
    let (at, text) = if has_comma {
        (after_last + 1, format!("{newline}{indent}{rendered},"))
    } else {
        (last.end, format!(",{newline}{indent}{rendered}"))
    };
    Ok(replace(src, at..at, &text))
}

/// `src` with the value at `path` replaced by `value` (RON text).
pub fn replace_value(src: &str, path: &[Seg], value: &str) -> Result<String, SpliceError> {
    let map = SourceMap::new(src);
    let span = map
        .span(path)
        .ok_or_else(|| SpliceError("the value to change is not in the file".into()))?;
    Ok(replace(src, span, value))
}

pub(super) fn replace(src: &str, range: Range<usize>, text: &str) -> String {
    let mut out = String::with_capacity(src.len() + text.len());
    out.push_str(src.get(..range.start).unwrap_or(src));
    out.push_str(text);
    out.push_str(src.get(range.end..).unwrap_or_default());
    out
}

/// The whitespace at the start of the line holding `offset`.
pub(super) fn line_indent(src: &str, offset: usize) -> String {
    let before = src.get(..offset).unwrap_or_default();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    src.get(start..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// One level of indentation: that of the dataset's first field on its own line.
pub(super) fn indent_unit(map: &SourceMap) -> String {
    let src = map.source();
    map.field_spans(&[])
        .unwrap_or_default()
        .iter()
        .filter_map(|(name, value)| {
            // The field name starts `name.len() + ": ".len()` or so before its
            // value: take the indentation of the value's line.
            let ind = line_indent(src, value.start);
            let line_start = src.get(..value.start)?.rfind('\n')? + 1;
            let name_at = src
                .get(line_start..value.start)?
                .trim_start()
                .starts_with(name);
            (name_at && !ind.is_empty()).then_some(ind)
        })
        .next()
        .unwrap_or_else(|| "    ".into())
}

/// The style of the items of `list`, else of any other list of the file.
pub(super) fn style_of(map: &SourceMap, list: List, unit: &str, newline: &'static str) -> Style {
    let src = map.source();
    let order = [list, List::Claims, List::Actors, List::Events];
    for l in order {
        let items = map.item_spans(&[Seg::Field(l.field())]).unwrap_or_default();
        let Some(last) = items.last() else { continue };
        let text = src.get(last.clone()).unwrap_or_default();
        let one_line = !text.contains('\n');
        // A multi-line item ends `...,\n    )` when it has trailing commas.
        let trailing_comma = if one_line {
            let after = map.next_token(last.end);
            src.as_bytes().get(after) == Some(&b',')
        } else {
            let body = text.trim_end_matches(')').trim_end();
            body.ends_with(',')
        };
        return Style {
            unit: unit.to_owned(),
            newline,
            trailing_comma,
            one_line: one_line && l == list,
        };
    }
    Style {
        unit: unit.to_owned(),
        newline,
        ..Style::default()
    }
}

/// Adds `field: [item],` to the dataset struct, before its closing parenthesis.
fn add_list_field(
    src: &str,
    map: &SourceMap,
    item: &NewItem,
    unit: &str,
    newline: &'static str,
) -> Result<String, SpliceError> {
    let root = map
        .span(&[])
        .ok_or_else(|| SpliceError("the file is not a readable RON dataset".into()))?;
    let fields = map.field_spans(&[]).unwrap_or_default();
    let last = fields
        .last()
        .map(|(_, r)| r.clone())
        .ok_or_else(|| SpliceError("the dataset has no fields".into()))?;
    let style = style_of(map, item.list(), unit, newline);
    let inner = format!("{unit}{unit}");
    let comma = if style.trailing_comma { "," } else { "" };
    let text = format!(
        "{}: [{newline}{inner}{}{comma}{newline}{unit}]",
        item.list().field(),
        item.render(&inner, &style)
    );
    let after_last = map.next_token(last.end);
    let close = root.end.saturating_sub(1);
    if src.as_bytes().get(after_last) == Some(&b',') {
        // After the last field's comma, on a line of its own.
        let at = after_last + 1;
        Ok(replace(
            src,
            at..at,
            &format!("{newline}{unit}{text}{comma}"),
        ))
    } else if after_last >= close {
        Ok(replace(
            src,
            last.end..last.end,
            &format!(",{newline}{unit}{text}"),
        ))
    } else {
        Err(SpliceError("unexpected text after the last field".into()))
    }
}
