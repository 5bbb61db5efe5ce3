//! Changing one item already in a dataset's text: replaced in place, removed
//! with its line(s) and separator, or put back where it was. Every byte
//! outside the item (and its separator) stays as it was.

use std::ops::Range;

use super::splice::{List, NewItem, SpliceError, indent_unit, line_indent, replace, style_of};
use crate::model::spans::{Seg, SourceMap};

/// Where an item is in the text: its position in its list and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub index: usize,
    pub span: Range<usize>,
}

/// A removal: the new text, and what it takes to put the item back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub text: String,
    /// The item's position in its list before the removal.
    pub index: usize,
    /// The item's own text, exactly as it was in the file.
    pub item: String,
}

fn readable(src: &str) -> Result<SourceMap<'_>, SpliceError> {
    let map = SourceMap::new(src);
    if map.has_root() {
        Ok(map)
    } else {
        Err(SpliceError("the file is not a readable RON dataset".into()))
    }
}

/// The id of item `k` of `list`, read back from its string literal.
fn item_id(map: &SourceMap, list: List, k: usize) -> Option<String> {
    let path = [Seg::Field(list.field()), Seg::Item(k), Seg::Field("id")];
    let lit = map.scalar_text(&path)?;
    ron::from_str::<String>(lit).ok()
}

fn locate_in(map: &SourceMap, list: List, id: &str) -> Result<Located, SpliceError> {
    let items = map
        .item_spans(&[Seg::Field(list.field())])
        .unwrap_or_default();
    items
        .into_iter()
        .enumerate()
        .find(|(k, _)| item_id(map, list, *k).as_deref() == Some(id))
        .map(|(index, span)| Located { index, span })
        .ok_or_else(|| SpliceError(format!("{} \"{id}\" is not in the file", list.noun())))
}

/// Where the item `id` of `list` is.
pub fn locate_item(src: &str, list: List, id: &str) -> Result<Located, SpliceError> {
    locate_in(&readable(src)?, list, id)
}

/// `src` with the item `id` of `list` replaced by `item`, written in the
/// file's style at the item's own indentation (on one line if it was).
pub fn replace_item(src: &str, id: &str, item: &NewItem) -> Result<String, SpliceError> {
    let map = readable(src)?;
    let list = item.list();
    let at = locate_in(&map, list, id)?;
    let old = src.get(at.span.clone()).unwrap_or_default();
    let newline = if src.contains("\r\n") { "\r\n" } else { "\n" };
    let unit = indent_unit(&map);
    let mut style = style_of(&map, list, &unit, newline);
    style.one_line = !old.contains('\n');
    if !style.one_line {
        style.trailing_comma = old.trim_end_matches(')').trim_end().ends_with(',');
    }
    let indent = line_indent(src, at.span.start);
    Ok(replace(src, at.span, &item.render(&indent, &style)))
}

/// `src` with the item `id` of `list` replaced by `text`, verbatim (an
/// item's earlier text, put back by undo).
pub fn replace_item_text(
    src: &str,
    list: List,
    id: &str,
    text: &str,
) -> Result<String, SpliceError> {
    let at = locate_item(src, list, id)?;
    Ok(replace(src, at.span, text))
}

/// After `from`: spaces, tabs and a `//` comment up to the end of the line.
/// Returns the offset just past that line's newline, if nothing else is there.
fn rest_of_line(src: &str, from: usize) -> Option<usize> {
    let rest = src.get(from..)?;
    let trimmed = rest.trim_start_matches([' ', '\t', '\r']);
    let skipped = rest.len() - trimmed.len();
    if trimmed.starts_with("//") {
        let nl = trimmed.find('\n')?;
        return Some(from + skipped + nl + 1);
    }
    trimmed.starts_with('\n').then_some(from + skipped + 1)
}

/// The start of the line holding `offset`, if only blanks precede it there.
fn line_start_if_alone(src: &str, offset: usize) -> Option<usize> {
    let before = src.get(..offset)?;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let lead = src.get(start..offset)?;
    lead.chars().all(|c| c == ' ' || c == '\t').then_some(start)
}

/// `src` without the item `id` of `list`: an item on lines of its own goes
/// with those lines (and a comment ending its last line); one sharing a
/// line goes with the separator between it and its neighbour. When the
/// last item had no comma after it, the comma before it goes too.
pub fn remove_item(src: &str, list: List, id: &str) -> Result<Removed, SpliceError> {
    let map = readable(src)?;
    let at = locate_in(&map, list, id)?;
    let items = map
        .item_spans(&[Seg::Field(list.field())])
        .unwrap_or_default();
    let k = at.index;
    let span = at.span.clone();
    let bytes = src.as_bytes();
    let after = map.next_token(span.end);
    let has_comma = bytes.get(after) == Some(&b',');
    let sep_end = if has_comma { after + 1 } else { span.end };
    let prev = k.checked_sub(1).and_then(|p| items.get(p));
    let next = items.get(k + 1);
    let item = src.get(span.clone()).unwrap_or_default().to_owned();
    let own_lines = line_start_if_alone(src, span.start).zip(rest_of_line(src, sep_end));
    let text = match (own_lines, next, prev) {
        (Some((start, end)), _, _) => {
            let text = replace(src, start..end, "");
            // `A,\n B\n]` without B: `A\n]`, not a new trailing comma.
            match prev {
                Some(p) if next.is_none() && !has_comma => {
                    let comma = map.next_token(p.end);
                    if bytes.get(comma) == Some(&b',') && comma < start {
                        replace(&text, comma..comma + 1, "")
                    } else {
                        text
                    }
                }
                _ => text,
            }
        }
        (None, Some(n), _) => replace(src, span.start..n.start, ""),
        (None, None, Some(p)) => replace(src, p.end..span.end, ""),
        (None, None, None) => replace(src, span.start..sep_end, ""),
    };
    Ok(Removed {
        text,
        index: k,
        item,
    })
}

/// `src` with `item` (an item's exact text) put into `list` at position
/// `index` (at the end when the list is shorter): on a line of its own just
/// after the line of the item before it (a comment line before the next
/// one stays with that one) where items have lines of their own, else on
/// the neighbours' line. The inverse of [`remove_item`] when nothing else
/// changed in between and no comment line was right above the item.
pub fn insert_item_text(
    src: &str,
    list: List,
    index: usize,
    item: &str,
) -> Result<String, SpliceError> {
    let map = readable(src)?;
    let path = [Seg::Field(list.field())];
    let list_span = map
        .span(&path)
        .ok_or_else(|| SpliceError(format!("the file has no {} list", list.field())))?;
    let items = map.item_spans(&path).unwrap_or_default();
    let index = index.min(items.len());
    let newline = if src.contains("\r\n") { "\r\n" } else { "\n" };
    let next = items.get(index);
    if let Some(prev) = index.checked_sub(1).and_then(|p| items.get(p)) {
        let after = map.next_token(prev.end);
        let has_comma = src.as_bytes().get(after) == Some(&b',');
        let sep = if has_comma { after + 1 } else { prev.end };
        let own_line = line_start_if_alone(src, prev.start).and(rest_of_line(src, sep));
        if let Some(end) = own_line
            && (has_comma || next.is_none())
        {
            let indent = line_indent(src, prev.start);
            let comma = if has_comma || next.is_some() { "," } else { "" };
            let text = replace(src, end..end, &format!("{indent}{item}{comma}{newline}"));
            // The item before gets the comma it did not need as the last.
            return Ok(if has_comma {
                text
            } else {
                replace(&text, prev.end..prev.end, ",")
            });
        }
    }
    if let Some(next) = next {
        return Ok(match line_start_if_alone(src, next.start) {
            Some(start) => {
                let indent = line_indent(src, next.start);
                replace(src, start..start, &format!("{indent}{item},{newline}"))
            }
            None => replace(src, next.start..next.start, &format!("{item}, ")),
        });
    }
    let Some(last) = items.last() else {
        // `[]`: open it up, one level in from the list's line.
        let outer = line_indent(src, list_span.start);
        let unit = indent_unit(&map);
        let open = list_span.start + 1;
        let close = list_span.end.saturating_sub(1);
        let inside = src.get(open..close).unwrap_or_default();
        // `[]` on one line takes a one-line item back on that line.
        if !inside.contains('\n') && !item.contains('\n') {
            return Ok(replace(src, open..close, item));
        }
        let kept = inside.trim_end();
        let comma = if style_of(&map, list, &unit, newline).trailing_comma {
            ","
        } else {
            ""
        };
        let text = format!("{kept}{newline}{outer}{unit}{item}{comma}{newline}{outer}");
        return Ok(replace(src, open..close, &text));
    };
    // The last item shares a line: stay on it.
    Ok(replace(src, last.end..last.end, &format!(", {item}")))
}

#[cfg(test)]
#[path = "items_tests.rs"]
mod tests;
