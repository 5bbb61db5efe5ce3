//! Scoring a claim's fields against a query (what counts as a close
//! match), and the match positions the claims list highlights.

#![allow(clippy::indexing_slicing)] // memo[h]: memo has one slot per haystack, h < hays.len()

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use super::dp;
use super::quick::{Known, Needle, fits_the_matrix};
use super::stand_in;
use super::{Hay, fold_punctuation, fold_query};

/// A word's matched letters must score at least this much per letter: 16
/// is nucleo's score for one matched character. Letters matched close
/// together score about 28; the same letters scattered over a long text
/// score 8 to 15 and would make every query match nearly every claim.
const MIN_SCORE_PER_CHAR: u32 = 16;

pub(super) enum Grade {
    /// Every word matches some field with its letters close together.
    Close,
    /// Every word is a subsequence of some field, but some only scattered.
    Scattered,
    Absent,
}

/// One word of a query, ready to grade.
pub(super) struct Word<'p> {
    atom: &'p Atom,
    needle: Option<Needle>,
    /// The blind characters of stand-ins this word holds (see `stand_in`).
    blind: u8,
    /// The score that makes a match close.
    needed: u32,
}

impl<'p> Word<'p> {
    pub(super) fn new(atom: &'p Atom) -> Self {
        let needle = Needle::of(atom);
        Self {
            atom,
            blind: needle.as_ref().map_or(0, |n| stand_in::blind_in(n.bytes())),
            needle,
            needed: MIN_SCORE_PER_CHAR * atom.needle_text().len() as u32,
        }
    }

    pub(super) fn all(pattern: &'p Pattern) -> Vec<Self> {
        pattern.atoms.iter().map(Word::new).collect()
    }

    /// The haystack as this word is graded in it: its ASCII stand-in when
    /// that scores the same (see `stand_in`), else itself (decoded into
    /// `scratch` when the index keeps it compact).
    pub(super) fn view<'h>(
        &self,
        hay: &'h Hay,
        stand_in: Option<&'h StandIn>,
        scratch: &'h mut Vec<char>,
    ) -> Utf32Str<'h> {
        match (stand_in, &self.needle) {
            (Some(s), Some(n))
                if !hay.is_ascii() && n.ignores_case() && s.blind & self.blind == 0 =>
            {
                Utf32Str::Ascii(&s.bytes)
            }
            _ => hay.utf32(scratch),
        }
    }

    /// Whether an open answer of the shortcuts in a haystack of `len`
    /// characters means a subsequence: when they ran (an ASCII word, a
    /// haystack nucleo scores with its optimal matcher), they are open only
    /// for a subsequence whose letters are not adjacent (see `quick`).
    fn open_is_subsequence(&self, len: usize) -> bool {
        self.needle
            .as_ref()
            .is_some_and(|n| fits_the_matrix(len, n.bytes().len()))
    }

    /// What the shortcuts know of this word in one haystack, without nucleo.
    fn known(&self, hay: Utf32Str<'_>) -> Known {
        self.needle.as_ref().and_then(|n| n.decide(hay))
    }

    /// nucleo's answer: `None` when absent, else whether close. An ASCII
    /// word in an ASCII text is decided by `dp`, nucleo's recurrences
    /// without its matrix; the rest goes to nucleo itself.
    fn scored(&self, hay: Utf32Str<'_>, matcher: &mut Matcher) -> Option<bool> {
        if let (Utf32Str::Ascii(h), Some(n)) = (hay, &self.needle)
            && fits_the_matrix(h.len(), n.bytes().len())
            && let Ok(needed) = u16::try_from(self.needed)
            && let Some(close) = dp::reaches(n.bytes(), h, n.ignores_case(), needed)
        {
            return Some(close);
        }
        let score = self.atom.score(hay, matcher)?;
        Some(u32::from(score) >= self.needed)
    }
}

/// The haystacks a scan grades, shared by all claims.
#[derive(Clone, Copy)]
pub(super) struct HaySet<'a> {
    pub(super) texts: &'a [Hay],
    /// Per haystack, its ASCII stand-in when it is not ASCII and has one.
    pub(super) stand_ins: &'a [Option<StandIn>],
}

impl HaySet<'_> {
    fn stand_in(&self, h: u32) -> Option<&StandIn> {
        self.stand_ins.get(h as usize).and_then(Option::as_ref)
    }
}

/// An ASCII haystack nucleo scores as a non-ASCII one, for words without
/// capitals or blind characters (see `stand_in`).
pub(super) struct StandIn {
    pub(super) bytes: Box<[u8]>,
    pub(super) blind: u8,
}

impl StandIn {
    pub(super) fn of(hay: &Utf32String) -> Option<Self> {
        match hay {
            Utf32String::Ascii(_) => None,
            Utf32String::Unicode(chars) => {
                stand_in::stand_in(chars).map(|(bytes, blind)| Self { bytes, blind })
            }
        }
    }
}

/// Grades claims during one scan, on one thread: remembers each word's
/// answer per haystack, so a name or tag shared by many claims is graded
/// once per word, not once per claim; and asks nucleo only about the
/// haystacks the shortcuts leave open, and only when no field of the claim
/// was found close without it.
pub(super) struct Grader<'a> {
    hays: HaySet<'a>,
    matcher: Matcher,
    /// A compact haystack's characters, decoded (see [`Hay::Compact`]).
    scratch: Vec<char>,
    /// Per word, per haystack: [`UNKNOWN`], or what is known of it.
    memo: Vec<Vec<u8>>,
    /// How many (word, haystack) pairs went to nucleo.
    pub(super) scored: u64,
}

const UNKNOWN: u8 = 0;

const ABSENT: u8 = 1;
const SCATTERED: u8 = 2;
const CLOSE: u8 = 3;
/// A subsequence, not contiguous: nucleo decides.
const OPEN: u8 = 4;

/// Word `k`'s memo, one slot per haystack, made on first use.
fn memo_of(memo: &mut [Vec<u8>], k: usize, hays: usize) -> Option<&mut Vec<u8>> {
    let m = memo.get_mut(k)?;
    if m.is_empty() {
        m.resize(hays, UNKNOWN);
    }
    Some(m)
}

fn code(g: Option<bool>) -> u8 {
    match g {
        None => ABSENT,
        Some(false) => SCATTERED,
        Some(true) => CLOSE,
    }
}

impl<'a> Grader<'a> {
    pub(super) fn new(hays: HaySet<'a>, words: usize) -> Self {
        Self {
            hays,
            matcher: Matcher::new(Config::DEFAULT),
            scratch: Vec::new(),
            memo: vec![Vec::new(); words],
            scored: 0,
        }
    }

    /// Word number `k` of the query against a claim's fields (indices into
    /// the haystacks) and note fields: `None` when it is in none of them,
    /// else whether its letters are close together in one.
    pub(super) fn word(
        &mut self,
        k: usize,
        word: &Word,
        fields: &[u32],
        notes: &[Utf32String],
    ) -> Option<bool> {
        let hays = self.hays;
        let memo = memo_of(&mut self.memo, k, hays.texts.len())?;
        let mut found = false;
        let mut open = false;
        // First what is known without nucleo, in every field.
        for &h in fields {
            let Some(hay) = hays.texts.get(h as usize) else {
                continue;
            };
            let slot = &mut memo[h as usize];
            if *slot == UNKNOWN {
                *slot = word
                    .known(word.view(hay, hays.stand_in(h), &mut self.scratch))
                    .map_or(OPEN, code);
            }
            match *slot {
                CLOSE => return Some(true),
                SCATTERED => found = true,
                OPEN => open = true,
                _ => {}
            }
        }
        let mut notes_open = false;
        for f in notes {
            match word.known(f.slice(..)) {
                Some(Some(true)) => return Some(true),
                Some(Some(false)) => found = true,
                Some(None) => {}
                None => notes_open = true,
            }
        }
        // Then nucleo, on the fields still open, until one is close.
        if open {
            for &h in fields {
                let Some(hay) = hays.texts.get(h as usize) else {
                    continue;
                };
                let slot = &mut memo[h as usize];
                if *slot == OPEN {
                    self.scored += 1;
                    let view = word.view(hay, hays.stand_in(h), &mut self.scratch);
                    *slot = code(word.scored(view, &mut self.matcher));
                }
                match *slot {
                    CLOSE => return Some(true),
                    SCATTERED => found = true,
                    _ => {}
                }
            }
        }
        if notes_open {
            for f in notes {
                if word.known(f.slice(..)).is_none() {
                    self.scored += 1;
                    match word.scored(f.slice(..), &mut self.matcher) {
                        Some(true) => return Some(true),
                        Some(false) => found = true,
                        None => {}
                    }
                }
            }
        }
        found.then_some(false)
    }

    /// Whether word `k` is in some field at all, close or not: all that a
    /// claim whose earlier words are only scattered needs (it cannot be
    /// close, whatever this word does). nucleo scores a word exactly where
    /// it is a subsequence, so a subsequence the shortcuts found is not
    /// scored; a haystack they did not decide is.
    pub(super) fn present(
        &mut self,
        k: usize,
        word: &Word,
        fields: &[u32],
        notes: &[Utf32String],
    ) -> bool {
        let hays = self.hays;
        let Some(memo) = memo_of(&mut self.memo, k, hays.texts.len()) else {
            return false;
        };
        for &h in fields {
            let Some(hay) = hays.texts.get(h as usize) else {
                continue;
            };
            let slot = &mut memo[h as usize];
            if *slot == UNKNOWN || *slot == OPEN {
                let view = word.view(hay, hays.stand_in(h), &mut self.scratch);
                if *slot == UNKNOWN {
                    *slot = word.known(view).map_or(OPEN, code);
                }
                if *slot == OPEN && !word.open_is_subsequence(view.len()) {
                    self.scored += 1;
                    *slot = code(word.scored(view, &mut self.matcher));
                }
            }
            if *slot != ABSENT {
                return true;
            }
        }
        notes.iter().any(|f| match word.known(f.slice(..)) {
            Some(found) => found.is_some(),
            None if word.open_is_subsequence(f.len()) => true,
            None => {
                self.scored += 1;
                word.scored(f.slice(..), &mut self.matcher).is_some()
            }
        })
    }

    pub(super) fn all(&mut self, words: &[Word], fields: &[u32], notes: &[Utf32String]) -> Grade {
        let mut close = true;
        for (k, w) in words.iter().enumerate() {
            // Once a word is only scattered, the claim is at best scattered:
            // the words after it are only looked for.
            if !close {
                if !self.present(k, w, fields, notes) {
                    return Grade::Absent;
                }
                continue;
            }
            match self.word(k, w, fields, notes) {
                None => return Grade::Absent,
                Some(c) => close &= c,
            }
        }
        if close {
            Grade::Close
        } else {
            Grade::Scattered
        }
    }
}

/// What [`Grader`] must answer, by nucleo alone: every word scored in
/// every field (the reference the shortcuts are tested against).
#[cfg(test)]
pub(super) fn plain_grade<'f>(
    pattern: &Pattern,
    fields: impl Iterator<Item = &'f Utf32String> + Clone,
    matcher: &mut Matcher,
) -> Grade {
    let mut close = true;
    for atom in &pattern.atoms {
        let needed = MIN_SCORE_PER_CHAR * atom.needle_text().len() as u32;
        let scores: Vec<u16> = fields
            .clone()
            .filter_map(|f| atom.score(f.slice(..), matcher))
            .collect();
        if scores.is_empty() {
            return Grade::Absent;
        }
        close &= scores.iter().any(|&s| u32::from(s) >= needed);
    }
    if close {
        Grade::Close
    } else {
        Grade::Scattered
    }
}

/// Char indices in `text` that `query` matches, for highlighting one visible row.
pub fn match_indices(query: &str, text: &str) -> Vec<usize> {
    Highlighter::new(query)
        .indices(text)
        .into_iter()
        .map(|i| i as usize)
        .collect()
}

/// Finds the characters a query matches in texts, one after another, with
/// one pattern and one matcher (a matcher is a 130 KB allocation: building
/// one per visible row per frame was most of a frame's cost while searching).
pub struct Highlighter {
    pattern: Option<Pattern>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Highlighter {
    pub fn new(query: &str) -> Self {
        let folded = fold_query(query);
        let pattern = (!folded.is_empty()).then(|| {
            Pattern::new(
                &folded,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Fuzzy,
            )
        });
        Self {
            pattern,
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }

    /// Char indices in `text` the query matches, ascending. Each word may
    /// match on its own; what each finds in this text is marked.
    pub fn indices(&mut self, text: &str) -> Vec<u32> {
        let Some(pattern) = &self.pattern else {
            return Vec::new();
        };
        // Folding maps one character to one, so indices stay those of `text`.
        let folded: String = text.chars().map(fold_punctuation).collect();
        let mut indices = Vec::new();
        for atom in &pattern.atoms {
            let hay = Utf32Str::new(&folded, &mut self.buf);
            atom.indices(hay, &mut self.matcher, &mut indices);
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}
