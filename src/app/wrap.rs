//! Greedy word wrap of styled text, shared by the article reader and the
//! detail pane. The app lays text out itself (not the view), so it knows how
//! many rows a text takes and scrolling stops at its end; the view draws
//! exactly these rows.

// Indexes the text's chars only below `chars.len()` (each loop checks it).
#![allow(clippy::indexing_slicing)]

use crate::text::char_width;

/// A run of text of one kind (the view picks its style).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Styled<K> {
    pub text: String,
    pub kind: K,
}

/// Greedy word wrap of styled pieces; each line starts with `prefix` (or as
/// many spaces, of `lead_kind`). Returns the byte offset (into the concatenated pieces) at
/// which each produced line starts.
pub fn wrap_into<K: Copy + PartialEq>(
    lines: &mut Vec<Vec<Styled<K>>>,
    pieces: &[(&str, K)],
    width: usize,
    prefix: &str,
    lead_kind: K,
) -> Vec<usize> {
    wrap_mapped(lines, pieces, width, prefix, lead_kind, &mut Vec::new())
}

/// [`wrap_into`], also giving, per line produced, the byte offset (into the
/// concatenated pieces) and the char shown, for each char after the line's lead: how the
/// reader maps a screen cell back to the text (cursor, selection, mouse).
pub fn wrap_mapped<K: Copy + PartialEq>(
    lines: &mut Vec<Vec<Styled<K>>>,
    pieces: &[(&str, K)],
    width: usize,
    prefix: &str,
    lead_kind: K,
    bytes: &mut Vec<Vec<(usize, char)>>,
) -> Vec<usize> {
    let indent = crate::text::width(prefix);
    let avail = width.saturating_sub(indent).max(4);
    // Words with their styled chars; a word keeps its trailing space.
    let mut chars: Vec<(char, K, usize)> = Vec::new();
    let mut offset = 0;
    for (text, kind) in pieces {
        for (i, c) in crate::text::display_chars(text) {
            chars.push((c, *kind, offset + i));
        }
        offset += text.len();
    }
    let mut starts = Vec::new();
    let mut line: Vec<(char, K, usize)> = Vec::new();
    let mut used = 0;
    let mut line_start = 0;
    let mut i = 0;
    let mut flush =
        |line: &mut Vec<(char, K, usize)>, first: bool, lines: &mut Vec<Vec<Styled<K>>>| {
            let lead = if first {
                prefix.to_string()
            } else {
                " ".repeat(indent)
            };
            let mut segs = vec![Styled {
                text: lead,
                kind: lead_kind,
            }];
            bytes.push(line.iter().map(|&(c, _, at)| (at, c)).collect());
            for &(c, k, _) in line.iter() {
                match segs.last_mut() {
                    Some(s) if s.kind == k => s.text.push(c),
                    _ => segs.push(Styled {
                        text: c.to_string(),
                        kind: k,
                    }),
                }
            }
            lines.push(segs);
            line.clear();
        };
    let mut first = true;
    while i < chars.len() {
        // The next word: non-spaces then spaces.
        let mut j = i;
        while j < chars.len() && chars[j].0 != ' ' {
            j += 1;
        }
        while j < chars.len() && chars[j].0 == ' ' {
            j += 1;
        }
        let word_w: usize = chars[i..j]
            .iter()
            .filter(|c| c.0 != ' ')
            .map(|c| char_width(c.0))
            .sum();
        if used > 0 && used + word_w > avail {
            starts.push(line_start);
            flush(&mut line, first, lines);
            first = false;
            used = 0;
            line_start = chars[i].2;
        }
        for &(c, k, byte) in &chars[i..j] {
            let w = char_width(c);
            if used + w > avail && c != ' ' {
                // A word longer than the line: hard break.
                starts.push(line_start);
                flush(&mut line, first, lines);
                first = false;
                used = 0;
                line_start = byte;
            }
            if c == ' ' && used + w > avail {
                continue;
            }
            line.push((c, k, byte));
            used += w;
        }
        i = j;
    }
    starts.push(line_start);
    flush(&mut line, first, lines);
    starts
}
