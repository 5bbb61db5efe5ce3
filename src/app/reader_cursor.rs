//! The reader's cursor and visual selection, vim-like: `h`/`l` by grapheme,
//! `w`/`b`/`e` by word, `0`/`$` and `j`/`k` over the lines as wrapped on
//! screen, `v` to anchor a selection, the mouse to click and drag. A
//! selection stays inside one paragraph: a motion that would leave it does
//! nothing.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::reader::{LineText, ReaderState, TextPos};
use crate::model::Loaded;

/// A cursor motion in the reader (the names the settings file binds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Motion {
    Left,
    Right,
    WordNext,
    WordBack,
    WordEnd,
    LineStart,
    LineEnd,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
}

/// The byte offsets where the graphemes of `text` start.
fn grapheme_starts(text: &str) -> Vec<usize> {
    text.grapheme_indices(true).map(|(i, _)| i).collect()
}

/// Where the grapheme starting at `byte` ends (the cursor and the selection
/// are always on grapheme starts). Looks at that grapheme only: drawing
/// costs the same in any length of paragraph.
pub fn grapheme_end(text: &str, byte: usize) -> usize {
    text.get(byte..)
        .and_then(|t| t.graphemes(true).next())
        .map_or(text.len(), |g| byte + g.len())
}

/// 0 space, 1 word characters (letters, digits, `_`), 2 punctuation: as
/// vim's small words.
fn class(text: &str, at: usize) -> u8 {
    match text.get(at..).and_then(|s| s.chars().next()) {
        Some(c) if c.is_whitespace() => 0,
        Some(c) if c.is_alphanumeric() || c == '_' => 1,
        Some(_) => 2,
        None => 0,
    }
}

/// The grapheme index a word motion lands on, from grapheme `i` of `gs`.
fn word_motion(text: &str, gs: &[usize], i: usize, m: Motion) -> usize {
    let n = gs.len();
    let cls = |k: usize| gs.get(k).map_or(0, |&b| class(text, b));
    let last = n.saturating_sub(1);
    match m {
        Motion::WordNext => {
            let mut j = i;
            let c = cls(i);
            if c != 0 {
                while j < n && cls(j) == c {
                    j += 1;
                }
            }
            while j < n && cls(j) == 0 {
                j += 1;
            }
            j.min(last)
        }
        Motion::WordEnd => {
            let mut j = i + 1;
            while j < n && cls(j) == 0 {
                j += 1;
            }
            if j >= n {
                return last;
            }
            let c = cls(j);
            while j + 1 < n && cls(j + 1) == c {
                j += 1;
            }
            j
        }
        Motion::WordBack => {
            if i == 0 {
                return 0;
            }
            let mut j = i - 1;
            while j > 0 && cls(j) == 0 {
                j -= 1;
            }
            let c = cls(j);
            while j > 0 && cls(j - 1) == c {
                j -= 1;
            }
            j
        }
        _ => i,
    }
}

impl LineText {
    /// The screen column (from the line's start) of the char at `byte`.
    fn col_of(&self, byte: usize) -> usize {
        self.lead
            + self
                .chars
                .iter()
                .take_while(|&&(b, _)| b < byte)
                .map(|&(_, c)| crate::text::char_width(c))
                .sum::<usize>()
    }

    /// The byte of the char shown at screen column `col` (the nearest one).
    fn byte_at(&self, col: usize) -> Option<usize> {
        let mut x = self.lead;
        for &(b, c) in &self.chars {
            let w = crate::text::char_width(c);
            if col < x + w.max(1) {
                return Some(b);
            }
            x += w;
        }
        self.chars.last().map(|&(b, _)| b)
    }
}

impl ReaderState {
    /// The line the cursor is on and its column there.
    pub fn cursor_line(&self) -> Option<(usize, usize)> {
        let lines = self.layout().paragraph_lines.get(self.cursor.paragraph)?;
        let mut found = None;
        for l in lines.clone() {
            let Some(Some(t)) = self.layout().text.get(l) else {
                continue;
            };
            match t.chars.first() {
                Some(&(b, _)) if b > self.cursor.byte && found.is_some() => break,
                _ => found = Some((l, t.col_of(self.cursor.byte))),
            }
        }
        found
    }

    fn line_text(&self, l: usize) -> Option<&LineText> {
        self.layout().text.get(l).and_then(Option::as_ref)
    }

    /// Puts the cursor on a grapheme start inside its paragraph.
    pub(super) fn snap_cursor(&mut self, loaded: &Loaded) {
        let paragraphs = self.layout().paragraph_lines.len();
        self.cursor.paragraph = self.cursor.paragraph.min(paragraphs.saturating_sub(1));
        let text = self
            .paragraph_text(loaded, self.cursor.paragraph)
            .unwrap_or("");
        let gs = grapheme_starts(text);
        self.cursor.byte = gs
            .iter()
            .copied()
            .take_while(|&b| b <= self.cursor.byte)
            .last()
            .unwrap_or(0);
    }

    /// `v`: starts a selection at the cursor, or ends it.
    pub(super) fn toggle_visual(&mut self) {
        self.anchor = match self.anchor {
            Some(_) => None,
            None => Some(self.cursor),
        };
    }

    pub(super) fn clear_selection(&mut self) -> bool {
        self.anchor.take().is_some()
    }

    pub fn is_selecting(&self) -> bool {
        self.anchor.is_some()
    }

    /// Moves the cursor; the view follows it (`height`: rows shown).
    pub(super) fn motion(&mut self, loaded: &Loaded, m: Motion, height: usize) {
        let p = self.cursor.paragraph;
        let text = self.paragraph_text(loaded, p).unwrap_or("");
        let gs = grapheme_starts(text);
        let i = gs.iter().rposition(|&b| b <= self.cursor.byte).unwrap_or(0);
        let line = self.cursor_line();
        let target: Option<TextPos> = match m {
            Motion::Left => Some(i.saturating_sub(1))
                .and_then(|k| gs.get(k))
                .map(|&b| (p, b)),
            Motion::Right => gs.get(i + 1).map(|&b| (p, b)),
            Motion::WordNext | Motion::WordBack | Motion::WordEnd => {
                gs.get(word_motion(text, &gs, i, m)).map(|&b| (p, b))
            }
            Motion::LineStart => line
                .and_then(|(l, _)| self.line_text(l))
                .and_then(|t| t.chars.first())
                .map(|&(b, _)| (p, b)),
            Motion::LineEnd => line.and_then(|(l, _)| self.line_text(l)).and_then(|t| {
                t.chars
                    .iter()
                    .rev()
                    .find(|(_, c)| *c != ' ')
                    .or(t.chars.last())
                    .map(|&(b, _)| (p, b))
            }),
            Motion::Down | Motion::Up | Motion::PageDown | Motion::PageUp => {
                let step = match m {
                    Motion::Down => 1,
                    Motion::Up => -1,
                    Motion::PageDown => height.max(1) as isize,
                    _ => -(height.max(1) as isize),
                };
                line.and_then(|(l, col)| self.vertical(l, col, step))
            }
            Motion::Top | Motion::Bottom => self.end_line(m == Motion::Top),
        }
        .map(|(paragraph, byte)| TextPos { paragraph, byte });
        if let Some(t) = target
            && self.anchor.is_none_or(|a| a.paragraph == t.paragraph)
        {
            self.cursor = t;
            self.snap_cursor(loaded);
        }
        self.follow_cursor(height);
    }

    /// The text line `step` lines from `l` (text lines only; within the
    /// selection's paragraph while selecting), at column `col`.
    fn vertical(&self, l: usize, col: usize, step: isize) -> Option<(usize, usize)> {
        let mut best = None;
        let mut k = l as isize;
        let mut left = step.unsigned_abs();
        while left > 0 {
            k += step.signum();
            let Some(t) = usize::try_from(k).ok().and_then(|k| self.line_text(k)) else {
                if k < 0 || k as usize >= self.layout().lines.len() {
                    break;
                }
                continue;
            };
            if self.anchor.is_some_and(|a| a.paragraph != t.paragraph) {
                break;
            }
            if t.chars.is_empty() {
                continue;
            }
            best = Some((t.paragraph, t.byte_at(col)?));
            left -= 1;
        }
        best
    }

    /// The first char of the first text line, or the last of the last one
    /// (of the selection's paragraph while selecting).
    fn end_line(&self, top: bool) -> Option<(usize, usize)> {
        let ok = |t: &&LineText| {
            !t.chars.is_empty() && self.anchor.is_none_or(|a| a.paragraph == t.paragraph)
        };
        let mut texts = self.layout().text.iter().flatten();
        if top {
            let t = texts.find(ok)?;
            t.chars.first().map(|&(b, _)| (t.paragraph, b))
        } else {
            let t = texts.rev().find(ok)?;
            t.chars.last().map(|&(b, _)| (t.paragraph, b))
        }
    }

    /// Keeps the cursor's line on screen; on the first line of text, the
    /// headline above it too.
    pub(super) fn follow_cursor(&mut self, height: usize) {
        if let Some((l, _)) = self.cursor_line() {
            let h = height.max(1);
            let first = self.layout().text.iter().position(Option::is_some);
            if first == Some(l) && l < h {
                self.scroll = 0;
            } else if l < self.scroll {
                self.scroll = l;
            } else if l >= self.scroll + h {
                self.scroll = l + 1 - h;
            }
        }
    }

    /// A click (or a drag, `extend`) at `row`/`col` of the text shown:
    /// the cursor goes there; a drag selects from where it started, inside
    /// that paragraph.
    pub(super) fn point(&mut self, loaded: &Loaded, row: usize, col: usize, extend: bool) {
        let l = self.scroll + row;
        let Some(t) = self.line_text(l) else {
            return;
        };
        let Some(byte) = t.byte_at(col) else {
            return;
        };
        let paragraph = t.paragraph;
        if extend {
            let anchor = *self.anchor.get_or_insert(self.cursor);
            if anchor.paragraph != paragraph {
                return;
            }
        } else {
            self.anchor = None;
        }
        self.cursor = TextPos { paragraph, byte };
        self.snap_cursor(loaded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn land(text: &str, from: usize, m: Motion) -> usize {
        let gs = grapheme_starts(text);
        let i = gs
            .iter()
            .position(|&b| b == from)
            .expect("a grapheme start");
        gs[word_motion(text, &gs, i, m)]
    }

    #[test]
    fn word_motions_as_vim_small_words() {
        let t = "Seoul said, on Friday: troops.";
        assert_eq!(land(t, 0, Motion::WordNext), 6); // said
        assert_eq!(land(t, 6, Motion::WordNext), 10); // ,
        assert_eq!(land(t, 10, Motion::WordNext), 12); // on
        assert_eq!(land(t, 0, Motion::WordEnd), 4);
        assert_eq!(land(t, 4, Motion::WordEnd), 9);
        assert_eq!(land(t, 12, Motion::WordBack), 10);
        assert_eq!(land(t, 6, Motion::WordBack), 0);
        assert_eq!(land(t, 0, Motion::WordBack), 0);
        // At the end it stays on the last grapheme.
        assert_eq!(land(t, 29, Motion::WordNext), 29);
    }

    #[test]
    fn graphemes_are_whole() {
        let t = "e\u{301}x";
        assert_eq!(grapheme_starts(t), vec![0, 3]);
        assert_eq!(grapheme_end(t, 0), 3);
        assert_eq!(grapheme_end(t, 3), 4);
    }
}
