//! A list narrowed by typed text (nucleo's fuzzy matcher), with a cursor:
//! what the command palette and every picker show. The owner keeps its items
//! in a vector parallel to the texts given here and reads back indices.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::action::InputKey;

#[derive(Debug, Clone, Default)]
pub struct FuzzyList {
    input: String,
    /// What each item is matched by (parallel to the owner's items).
    texts: Vec<String>,
    /// Indices into `texts` that match the input, best first (ties keep
    /// the items' order).
    shown: Vec<usize>,
    cursor: usize,
    /// This many items at the end are always shown, after the matches
    /// (a picker's "new actor…").
    pinned: usize,
}

impl FuzzyList {
    pub fn new(texts: Vec<String>) -> Self {
        let mut l = Self {
            texts,
            ..Self::default()
        };
        l.rematch();
        l
    }

    /// A list whose last `pinned` items are shown whatever is typed.
    pub fn with_pinned(texts: Vec<String>, pinned: usize) -> Self {
        let mut l = Self {
            texts,
            pinned,
            ..Self::default()
        };
        l.rematch();
        l
    }

    pub fn input(&self) -> &str {
        &self.input
    }

    /// The indices shown, best match first.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The item under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.cursor).copied()
    }

    /// Replaces the items (keeping the input) and matches again.
    pub fn set_texts(&mut self, texts: Vec<String>) {
        self.texts = texts;
        self.rematch();
    }

    pub fn set_input(&mut self, text: &str) {
        self.input = text.to_owned();
        self.rematch();
    }

    /// Edits the input as a one-line box does; true when it changed.
    pub fn key(&mut self, k: InputKey) -> bool {
        let before = self.input.len();
        match k {
            InputKey::Char(c) if !c.is_control() => self.input.push(c),
            InputKey::Char(_) => return false,
            InputKey::Backspace => {
                self.input.pop();
            }
            InputKey::DeleteWord => {
                let trimmed = self.input.trim_end().len();
                let cut = self
                    .input
                    .get(..trimmed)
                    .and_then(|s| s.rfind(' '))
                    .map_or(0, |i| i + 1);
                self.input.truncate(cut);
            }
            InputKey::Clear => self.input.clear(),
        }
        let changed = self.input.len() != before;
        if changed {
            self.rematch();
        }
        changed
    }

    /// Moves the cursor, wrapping at the ends.
    pub fn step(&mut self, delta: isize) {
        let n = self.shown.len();
        if n == 0 {
            self.cursor = 0;
            return;
        }
        self.cursor = (self.cursor as isize + delta).rem_euclid(n as isize) as usize;
    }

    /// Matches `query` (not the input) over the items: for owners whose
    /// input is more than the pattern (the palette's command arguments).
    pub fn rematch_with(&mut self, query: &str) {
        let ranked = self.texts.len().saturating_sub(self.pinned);
        self.shown = rank(query, self.texts.get(..ranked).unwrap_or_default());
        self.shown.extend(ranked..self.texts.len());
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
    }

    fn rematch(&mut self) {
        let q = self.input.clone();
        self.rematch_with(&q);
        self.cursor = 0;
    }
}

/// The indices of `texts` matching `query` fuzzily, best first; all of
/// them, in order, for a blank query.
pub fn rank(query: &str, texts: &[String]) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..texts.len()).collect();
    }
    let pattern = Pattern::new(
        query,
        CaseMatching::Smart,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            pattern
                .score(Utf32Str::new(t, &mut buf), &mut matcher)
                .map(|s| (s, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> FuzzyList {
        FuzzyList::new(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn typing_narrows_and_backspace_widens() {
        let mut l = list(&["troops", "sanctions", "tropical storm", "election"]);
        assert_eq!(l.shown(), [0, 1, 2, 3]);
        for c in "trop".chars() {
            l.key(InputKey::Char(c));
        }
        assert_eq!(l.shown().len(), 2);
        assert!(l.shown().contains(&0) && l.shown().contains(&2));
        l.key(InputKey::Clear);
        assert_eq!(l.shown().len(), 4);
        l.key(InputKey::Char('z'));
        assert!(l.shown().is_empty());
        assert_eq!(l.current(), None);
    }

    #[test]
    fn pinned_items_are_always_shown_last() {
        let mut l =
            FuzzyList::with_pinned(vec!["nis".into(), "yonhap".into(), "new actor…".into()], 1);
        l.key(InputKey::Char('y'));
        assert_eq!(l.shown(), [1, 2]);
        l.key(InputKey::Char('q'));
        assert_eq!(l.shown(), [2]);
    }

    #[test]
    fn the_cursor_wraps_and_resets_on_typing() {
        let mut l = list(&["a", "b", "c"]);
        l.step(-1);
        assert_eq!(l.current(), Some(2));
        l.step(1);
        assert_eq!(l.current(), Some(0));
        l.step(2);
        l.key(InputKey::Char('b'));
        assert_eq!(l.current(), Some(1));
    }
}
