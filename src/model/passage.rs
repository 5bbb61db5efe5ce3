//! Finding a quote in an article's text.
//!
//! Three strengths of match, from strict to loose: *verbatim* (runs of
//! whitespace folded to one space, as `check` requires), *typographic*
//! (also straight vs curly quotes, dashes, apostrophes and ellipses folded:
//! differences an editor or a copy-paste introduces, which `check --fix`
//! repairs by taking the article's characters), and the *closest passage*
//! (the substring with the fewest character edits, to tell a user what they
//! probably meant).

// A scanner/algorithm over a slice whose every index is bounded by its loop
// condition (outside bytes reach it: fuzzed, see tests/loader_fuzz.rs and
// the proptests beside it).
#![allow(clippy::indexing_slicing)]

use std::ops::Range;

/// Finds `needle` in `hay`, comparing with runs of whitespace folded to one
/// space and the needle trimmed. Returns the byte range in the original `hay`.
pub fn find_verbatim(hay: &str, needle: &str) -> Option<Range<usize>> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    if let Some(i) = find_exact(hay, needle) {
        return Some(i..i + needle.len());
    }
    find_folded(hay, needle, Fold::Whitespace)
}

/// Like [`find_verbatim`], also folding typographic variants (‘’ → ', “” → ",
/// – — → -, … → ...). The range is in the original `hay`.
pub fn find_typographic(hay: &str, needle: &str) -> Option<Range<usize>> {
    if needle.trim().is_empty() {
        return None;
    }
    find_folded(hay, needle.trim(), Fold::Typographic)
}

fn find_folded(hay: &str, needle: &str, how: Fold) -> Option<Range<usize>> {
    let n = fold(needle, how);
    let h = fold(hay, how);
    let needle: String = n.chars.iter().collect();
    let hay_s: String = h.chars.iter().collect();
    let byte = hay_s.find(&needle)?;
    let first = hay_s.get(..byte)?.chars().count();
    let last = first + n.chars.len().checked_sub(1)?;
    Some(h.spans.get(first)?.start..h.spans.get(last)?.end)
}

/// `hay.find(needle)`, faster for the short paragraphs of a dataset: the
/// standard two-way searcher's setup costs more than the search itself there.
/// Long inputs go to `str::find`, whose time is linear whatever the input.
pub(crate) fn find_exact(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let &first = n.first()?;
    if h.len().saturating_mul(n.len()) > 1 << 16 {
        return hay.find(needle);
    }
    let last_start = h.len().checked_sub(n.len())?;
    let mut i = 0;
    while i <= last_start {
        match h.get(i..=last_start)?.iter().position(|&b| b == first) {
            Some(k) => i += k,
            None => return None,
        }
        if h.get(i..)?.starts_with(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The passage of an article closest to a quote that is not in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// 1-based column in the paragraph, in characters.
    pub col: usize,
    /// Byte range in the paragraph.
    pub range: Range<usize>,
    /// The passage, as the article has it.
    pub text: String,
    /// Character edits (insert, delete, substitute) from the folded quote.
    pub distance: usize,
}

/// Above this many character comparisons per paragraph the closest-passage
/// search is skipped: it is a hint for an error message, not worth seconds.
const MAX_CELLS: usize = 4 << 20;

/// The passage of `body` with the fewest edits from `needle` (compared with
/// whitespace, typographic characters and case folded). `None` for an empty
/// needle or body, or when even the closest passage differs in more than
/// half of the quote's characters (it would not help anyone).
pub fn closest_passage(body: &[String], needle: &str) -> Option<Passage> {
    let n = fold(needle.trim(), Fold::Loose);
    if n.chars.is_empty() {
        return None;
    }
    let mut best: Option<Passage> = None;
    for (p, para) in body.iter().enumerate() {
        let h = fold(para, Fold::Loose);
        if h.chars.is_empty() || h.chars.len().saturating_mul(n.chars.len()) > MAX_CELLS {
            continue;
        }
        let (distance, start, end) = align(&n.chars, &h.chars);
        if best.as_ref().is_some_and(|b| b.distance <= distance) {
            continue;
        }
        let (Some(s), Some(e)) = (
            h.spans.get(start),
            end.checked_sub(1).and_then(|e| h.spans.get(e)),
        ) else {
            continue;
        };
        let Some(text) = para.get(s.start..e.end) else {
            continue;
        };
        let lead = text.len() - text.trim_start().len();
        let range = s.start + lead..s.start + lead + text.trim().len();
        let col = para.get(..range.start).map_or(1, |b| b.chars().count() + 1);
        best = Some(Passage {
            paragraph: p + 1,
            col,
            text: para.get(range.clone()).unwrap_or_default().to_owned(),
            range,
            distance,
        });
    }
    best.filter(|b| b.distance * 2 <= n.chars.len())
}

/// Approximate substring matching (Sellers): the fewest edits turning
/// `needle` into some substring `hay[start..end]`, in O(|needle|·|hay|) time
/// and O(|hay|) memory, carrying each cell's start along.
fn align(needle: &[char], hay: &[char]) -> (usize, usize, usize) {
    // Row i: cost of matching needle[..i] ending at each hay position j.
    let mut cost: Vec<usize> = vec![0; hay.len() + 1];
    let mut start: Vec<usize> = (0..=hay.len()).collect();
    for (i, &nc) in needle.iter().enumerate() {
        let (mut diag_cost, mut diag_start) = (cost[0], start[0]);
        cost[0] = i + 1;
        start[0] = 0;
        for (j, &hc) in hay.iter().enumerate() {
            let (up_cost, up_start) = (cost[j + 1], start[j + 1]);
            let subst = diag_cost + usize::from(nc != hc);
            let (mut c, mut s) = (subst, diag_start);
            if up_cost + 1 < c {
                (c, s) = (up_cost + 1, up_start);
            }
            if cost[j] + 1 < c {
                (c, s) = (cost[j] + 1, start[j]);
            }
            (diag_cost, diag_start) = (up_cost, up_start);
            cost[j + 1] = c;
            start[j + 1] = s;
        }
    }
    let (end, &d) = cost
        .iter()
        .enumerate()
        .skip(1)
        .min_by_key(|&(j, &c)| (c, j))
        .unwrap_or((0, &usize::MAX));
    (d, start[end], end)
}

#[derive(Clone, Copy, PartialEq)]
enum Fold {
    Whitespace,
    Typographic,
    /// Typographic and lower case: for the closest-passage hint only.
    Loose,
}

/// Folded characters and, for each, the byte range it came from.
struct Folded {
    chars: Vec<char>,
    spans: Vec<Range<usize>>,
}

fn fold(s: &str, how: Fold) -> Folded {
    let mut out = Folded {
        chars: Vec::with_capacity(s.len()),
        spans: Vec::with_capacity(s.len()),
    };
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut span = i..i + c.len_utf8();
        if c.is_whitespace() {
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                span.end = j + d.len_utf8();
                chars.next();
            }
            out.chars.push(' ');
            out.spans.push(span);
            continue;
        }
        if how == Fold::Whitespace {
            out.chars.push(c);
            out.spans.push(span);
            continue;
        }
        let plain = typographic(c);
        for p in plain.chars() {
            let p = if how == Fold::Loose {
                p.to_lowercase().next().unwrap_or(p)
            } else {
                p
            };
            out.chars.push(p);
            out.spans.push(span.clone());
        }
    }
    out
}

/// The plain character(s) a typographic one stands for.
fn typographic(c: char) -> std::borrow::Cow<'static, str> {
    let s = match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => "-",
        '\u{2026}' => "...",
        _ => return std::borrow::Cow::Owned(c.to_string()),
    };
    std::borrow::Cow::Borrowed(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_search_folds_whitespace_only() {
        let hay = "Seoul’s  intelligence\nservices said";
        assert_eq!(find_verbatim(hay, "intelligence services"), Some(11..32));
        assert_eq!(
            &hay[find_verbatim(hay, "Seoul’s intelligence").expect("found")],
            "Seoul’s  intelligence"
        );
        assert_eq!(
            find_verbatim(hay, "Seoul's"),
            None,
            "typographic apostrophes are not folded"
        );
        assert_eq!(find_verbatim(hay, "  "), None);
    }

    #[test]
    fn typographic_search_takes_the_articles_characters() {
        let hay = "He called it “unfounded rumours” — twice…";
        let r = find_typographic(hay, "called it \"unfounded rumours\" - twice...").expect("found");
        assert_eq!(&hay[r], "called it “unfounded rumours” — twice…");
        assert_eq!(
            find_typographic(hay, "Called it"),
            None,
            "case is not typographic"
        );
    }

    #[test]
    fn closest_passage_names_paragraph_column_and_text() {
        let body = vec![
            "Seoul said on Friday that Pyongyang sent troops to Russia.".to_owned(),
            "Pyongyang called the reports unfounded rumours.".to_owned(),
        ];
        let p = closest_passage(&body, "Pyongyang has sent troops").expect("some");
        assert_eq!((p.paragraph, p.col), (1, 27));
        assert_eq!(p.text, "Pyongyang sent troops");
        assert_eq!(p.distance, 4);
        let p = closest_passage(&body, "the report unfounded rumors").expect("some");
        assert_eq!(
            (p.paragraph, p.text.as_str()),
            (2, "the reports unfounded rumours")
        );
        assert_eq!(closest_passage(&body, "   "), None);
        assert_eq!(
            closest_passage(&body, "nothing like it"),
            None,
            "too far to help"
        );
        assert_eq!(closest_passage(&[], "x"), None);
    }

    #[test]
    fn exact_search_agrees_with_str_find() {
        let long = "ab".repeat(40_000) + "abc";
        let cases = [
            ("hello world", "world"),
            ("hello world", "hello"),
            ("aaab", "aab"),
            ("abc", "abcd"),
            ("", "a"),
            ("Seoul’s “quote”", "“quote”"),
            ("abcabcabd", "abcabd"),
            ("x", "x"),
            (long.as_str(), "abc"),
            (long.as_str(), "abd"),
        ];
        for (hay, needle) in cases {
            assert_eq!(
                find_exact(hay, needle),
                hay.find(needle),
                "{needle} in {hay:.20}"
            );
        }
    }
}
