//! Scoring a claim's fields against a query (what counts as a close
//! match), and the match positions the claims list highlights.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use super::fold_punctuation;

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

pub(super) fn grade(
    pattern: &Pattern,
    fields: &[Utf32String],
    notes: &[Utf32String],
    matcher: &mut Matcher,
) -> Grade {
    let mut close = true;
    for atom in &pattern.atoms {
        match grade_atom(atom, fields, notes, matcher) {
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

/// One word against a claim's fields: `None` when it is in none of them,
/// else whether its letters are close together in one.
pub(super) fn grade_atom(
    atom: &nucleo_matcher::pattern::Atom,
    fields: &[Utf32String],
    notes: &[Utf32String],
    matcher: &mut Matcher,
) -> Option<bool> {
    let needed = MIN_SCORE_PER_CHAR * atom.needle_text().len() as u32;
    // The first field where the word is close ends the search for it.
    let mut found = false;
    for f in fields.iter().chain(notes) {
        if let Some(score) = atom.score(f.slice(..), matcher) {
            found = true;
            if u32::from(score) >= needed {
                return Some(true);
            }
        }
    }
    found.then_some(false)
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
        let folded: String = query.trim().chars().map(fold_punctuation).collect();
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
