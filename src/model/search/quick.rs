//! Answers nucleo would give, reached without its scoring matrix, for the
//! two cases that make up most of a search: the word is not in the text at
//! all (not even as a subsequence), or it is there letter for letter.
//!
//! Why these answers are nucleo's (nucleo-matcher 0.3, `fuzzy_matcher_impl`):
//! - a score exists only for a subsequence: every matched haystack
//!   character equals its needle character after the same folding as here,
//!   so no subsequence means no score;
//! - a contiguous occurrence scores at least `SCORE_MATCH` (16) per
//!   character: the first character scores `16 + 2 × bonus`, each next one
//!   `16 + bonus` with no gap penalty. nucleo's optimal matcher keeps the
//!   best alignment, so its score is at least that, as long as the optimal
//!   matcher runs: it falls back to a greedy one (which may miss the
//!   occurrence) when the matrix would exceed 100 KiB or 2048 columns, so
//!   haystacks too large for [`fits_the_matrix`] are left to nucleo.
//!
//! Everything else (a subsequence whose letters are not adjacent) is left
//! to nucleo. The tests are byte searches (memchr) on ASCII haystacks (or
//! their stand-ins, see `stand_in`), else on a copy folded for the word. `tests::shortcuts_agree_with_nucleo` holds this to nucleo's
//! own answers on generated and hostile text.

// Slices haystacks at positions memchr found in them, and a non-empty
// needle (`Needle::of` refuses an empty one) at 0.
#![allow(clippy::indexing_slicing)]

use nucleo_matcher::Utf32Str;
use nucleo_matcher::chars::{normalize, to_lower_case};
use nucleo_matcher::pattern::Atom;

/// An ASCII word of the query, as the shortcuts compare it.
pub(super) struct Needle {
    bytes: Vec<u8>,
    /// nucleo's smart case: a word without capitals ignores case.
    ignore_case: bool,
    /// Finds `bytes` in a folded haystack.
    finder: memchr::memmem::Finder<'static>,
}

/// What nucleo would say about a word in one haystack, when it is known
/// without scoring: `Some(None)` absent, `Some(Some(true))` close.
pub(super) type Known = Option<Option<bool>>;

impl Needle {
    /// `None` for the words the shortcuts do not cover (non-ASCII ones,
    /// whose normalization nucleo switches off, and the negated or
    /// non-fuzzy kinds this index never builds).
    pub(super) fn of(atom: &Atom) -> Option<Needle> {
        if atom.negative || atom.kind != nucleo_matcher::pattern::AtomKind::Fuzzy {
            return None;
        }
        match atom.needle_text() {
            Utf32Str::Ascii(b) if !b.is_empty() => Some(Needle {
                bytes: b.to_vec(),
                ignore_case: !b.iter().any(u8::is_ascii_uppercase),
                finder: memchr::memmem::Finder::new(b).into_owned(),
            }),
            _ => None,
        }
    }

    pub(super) fn ignores_case(&self) -> bool {
        self.ignore_case
    }

    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(super) fn decide(&self, hay: Utf32Str<'_>) -> Known {
        let n = self.bytes.len();
        if n > hay.len() {
            return Some(None);
        }
        if !fits_the_matrix(hay.len(), n) {
            return None;
        }
        match hay {
            Utf32Str::Ascii(h) if self.ignore_case => self.in_ascii_ignoring_case(h),
            Utf32Str::Ascii(h) => self.in_folded(h),
            Utf32Str::Unicode(h) => {
                let folded: Vec<u8> = h.iter().map(|&c| self.fold(c)).collect();
                self.in_folded(&folded)
            }
        }
    }

    /// nucleo's folding of a haystack character (`char_class_and_normalize`
    /// with normalization on, which smart normalization sets for an ASCII
    /// word): accents stripped, then case folded unless the word has
    /// capitals. A character that does not fold to ASCII cannot equal a
    /// character of the word: it becomes [`NOT_ASCII`].
    fn fold(&self, c: char) -> u8 {
        if c.is_ascii() {
            return if self.ignore_case {
                (c as u8).to_ascii_lowercase()
            } else {
                c as u8
            };
        }
        let c = normalize(c);
        let c = if self.ignore_case {
            to_lower_case(c)
        } else {
            c
        };
        if c.is_ascii() { c as u8 } else { NOT_ASCII }
    }

    /// In a haystack whose bytes compare as they are.
    fn in_folded(&self, hay: &[u8]) -> Known {
        if self.finder.find(hay).is_some() {
            return Some(Some(true));
        }
        let mut rest = hay;
        for &c in &self.bytes {
            let Some(at) = memchr::memchr(c, rest) else {
                return Some(None);
            };
            rest = &rest[at + 1..];
        }
        // A subsequence, not contiguous: for nucleo to score.
        None
    }

    /// In an ASCII haystack, case ignored (the word is lower case).
    fn in_ascii_ignoring_case(&self, hay: &[u8]) -> Known {
        let find = |c: u8, h: &[u8]| {
            if c.is_ascii_lowercase() {
                memchr::memchr2(c, c.to_ascii_uppercase(), h)
            } else {
                memchr::memchr(c, h)
            }
        };
        let n = self.bytes.len();
        let first = self.bytes[0];
        let mut from = 0;
        while from + n <= hay.len() {
            let Some(at) = find(first, &hay[from..=hay.len() - n]) else {
                break;
            };
            let at = from + at;
            if hay[at..at + n].eq_ignore_ascii_case(&self.bytes) {
                return Some(Some(true));
            }
            from = at + 1;
        }
        let mut rest = hay;
        for &c in &self.bytes {
            let Some(at) = find(c, rest) else {
                return Some(None);
            };
            rest = &rest[at + 1..];
        }
        None
    }
}

/// Stands for a haystack character that folds to no ASCII character.
const NOT_ASCII: u8 = 0xFF;

/// Whether nucleo scores a needle of `needle` characters in a haystack of
/// `hay` characters with its optimal matcher, whatever part of the haystack
/// the match spans (its limits: 100 × 1024 cells, 2048 columns; half of
/// each here, for the layout's padding).
pub(super) fn fits_the_matrix(hay: usize, needle: usize) -> bool {
    hay <= 1024 && hay.saturating_mul(needle) <= 50 * 1024
}
