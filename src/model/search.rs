//! Incremental fuzzy search over claims: text, quote, actor names and aliases
//! (claimant, via, about) and tags, with nucleo's matcher.
//!
//! The haystacks are built once, on the first search, so opening a dataset
//! pays nothing for them. When a query only grows ("nor" → "nort"), the
//! next keystroke searches just the previous matches.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use super::{ClaimIx, Loaded};

pub struct SearchIndex {
    haystacks: Vec<Utf32String>,
    matcher: Matcher,
    last: Option<(String, Vec<ClaimIx>)>,
}

impl SearchIndex {
    pub fn build(loaded: &Loaded) -> Self {
        let ds = &loaded.dataset;
        let ix = &loaded.index;
        let mut text = String::new();
        let haystacks = ds
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                text.clear();
                text.push_str(&c.text);
                text.push(' ');
                text.push_str(&c.quote.text);
                let actors = std::iter::once(ix.claim_claimant[i])
                    .chain(ix.claim_via.get(i).iter().copied())
                    .chain(ix.claim_about.get(i).iter().copied());
                for a in actors {
                    let actor = &ds.actors[a.i()];
                    text.push(' ');
                    text.push_str(&actor.name);
                    for alias in &actor.aliases {
                        text.push(' ');
                        text.push_str(alias);
                    }
                }
                for t in &c.tags {
                    text.push_str(" #");
                    text.push_str(t);
                }
                Utf32String::from(text.as_str())
            })
            .collect();
        Self {
            haystacks,
            matcher: Matcher::new(Config::DEFAULT),
            last: None,
        }
    }

    /// Claims among `candidates` matching `query` (all words, fuzzily), in
    /// candidate order. An empty query matches everything.
    pub fn filter(&mut self, query: &str, candidates: &[ClaimIx]) -> Vec<ClaimIx> {
        let query = query.trim();
        if query.is_empty() {
            self.last = None;
            return candidates.to_vec();
        }
        let pattern = Pattern::new(
            query,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        // A query that extends the last one can only match a subset of its matches.
        let narrowed = match &self.last {
            Some((prev, matches)) if query.starts_with(prev.as_str()) && !prev.is_empty() => {
                Some(matches.clone())
            }
            _ => None,
        };
        let pool: &[ClaimIx] = narrowed.as_deref().unwrap_or(candidates);
        let matches: Vec<ClaimIx> = pool
            .iter()
            .copied()
            .filter(|c| {
                self.haystacks
                    .get(c.i())
                    .and_then(|h| pattern.score(h.slice(..), &mut self.matcher))
                    .is_some()
            })
            .collect();
        self.last = Some((query.to_owned(), matches.clone()));
        matches
    }

    /// Forgets the narrowing memory (call when the candidates change).
    pub fn reset(&mut self) {
        self.last = None;
    }
}

/// Char indices in `text` that `query` matches, for highlighting one visible row.
pub fn match_indices(query: &str, text: &str) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let pattern = Pattern::new(
        query,
        CaseMatching::Smart,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut indices = Vec::new();
    // Each word may match on its own; highlight what each finds in this text.
    for atom in &pattern.atoms {
        let hay = Utf32Str::new(text, &mut buf);
        atom.indices(hay, &mut matcher, &mut indices);
    }
    indices.sort_unstable();
    indices.dedup();
    indices.into_iter().map(|i| i as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;

    fn all(loaded: &Loaded) -> Vec<ClaimIx> {
        (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect()
    }

    #[test]
    fn finds_by_text_alias_and_tag() {
        let loaded = load_bundled().expect("bundled");
        let mut s = SearchIndex::build(&loaded);
        let cands = all(&loaded);
        let ids = |v: Vec<ClaimIx>| -> Vec<String> {
            v.iter()
                .map(|c| loaded.dataset.claims[c.i()].id.clone())
                .collect()
        };
        let rumours = ids(s.filter("unfounded rumours", &cands));
        assert!(
            !rumours.is_empty() && rumours.len() < cands.len(),
            "{rumours:?}"
        );
        // Narrowing gives the same answer as a fresh search.
        let narrowed = s.filter("unfounded rumoursx", &cands);
        s.reset();
        assert_eq!(narrowed, s.filter("unfounded rumoursx", &cands));
        assert_eq!(s.filter("", &cands).len(), cands.len());
        assert!(s.filter("zzqqxxj", &cands).is_empty());
    }

    #[test]
    fn highlights_indices_in_chars() {
        let idx = match_indices("nk", "Pyongyang North Korea");
        assert!(!idx.is_empty());
        assert!(
            idx.iter()
                .all(|&i| i < "Pyongyang North Korea".chars().count())
        );
        assert!(match_indices("  ", "abc").is_empty());
    }
}
