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
    /// Every searchable field of every claim, claim after claim.
    fields: Vec<Utf32String>,
    /// Claim `i`'s fields are `fields[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    matcher: Matcher,
    last: Option<(String, Vec<ClaimIx>)>,
}

impl SearchIndex {
    pub fn build(loaded: &Loaded) -> Self {
        let ds = &loaded.dataset;
        let ix = &loaded.index;
        let mut fields = Vec::with_capacity(ds.claims.len() * 6);
        let mut offsets = Vec::with_capacity(ds.claims.len() + 1);
        offsets.push(0);
        for (i, c) in ds.claims.iter().enumerate() {
            fields.push(Utf32String::from(c.text.as_str()));
            fields.push(Utf32String::from(c.quote.text.as_str()));
            let actors = std::iter::once(ix.claim_claimant[i])
                .chain(ix.claim_via.get(i).iter().copied())
                .chain(ix.claim_about.get(i).iter().copied());
            for a in actors {
                let actor = &ds.actors[a.i()];
                fields.push(Utf32String::from(actor.name.as_str()));
                fields.extend(
                    actor
                        .aliases
                        .iter()
                        .map(|al| Utf32String::from(al.as_str())),
                );
            }
            fields.extend(
                c.tags
                    .iter()
                    .map(|t| Utf32String::from(format!("#{t}").as_str())),
            );
            offsets.push(u32::try_from(fields.len()).unwrap_or(u32::MAX));
        }
        Self {
            fields,
            offsets,
            matcher: Matcher::new(Config::DEFAULT),
            last: None,
        }
    }

    fn fields_of(&self, c: ClaimIx) -> &[Utf32String] {
        match (self.offsets.get(c.i()), self.offsets.get(c.i() + 1)) {
            (Some(&a), Some(&b)) => &self.fields[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Claims among `candidates` matching `query` (every word, fuzzily, each
    /// within one field), in candidate order. An empty query matches all.
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
        let mut matcher = std::mem::replace(&mut self.matcher, Matcher::new(Config::DEFAULT));
        // Two sets: claims where every word is a subsequence somewhere (what
        // the next, longer query can narrow from: that test is monotone) and
        // those whose letters are also close together (the answer).
        let mut subsequence = Vec::new();
        let mut matches = Vec::new();
        for &c in pool {
            match grade(&pattern, self.fields_of(c), &mut matcher) {
                Grade::Close => {
                    subsequence.push(c);
                    matches.push(c);
                }
                Grade::Scattered => subsequence.push(c),
                Grade::Absent => {}
            }
        }
        self.matcher = matcher;
        self.last = Some((query.to_owned(), subsequence));
        matches
    }

    /// Forgets the narrowing memory (call when the candidates change).
    pub fn reset(&mut self) {
        self.last = None;
    }
}

/// A word's matched letters must score at least this much per letter: 16
/// is nucleo's score for one matched character. Letters matched close
/// together score about 28; the same letters scattered over a long text
/// score 8 to 15 and would make every query match nearly every claim.
const MIN_SCORE_PER_CHAR: u32 = 16;

enum Grade {
    /// Every word matches some field with its letters close together.
    Close,
    /// Every word is a subsequence of some field, but some only scattered.
    Scattered,
    Absent,
}

fn grade(pattern: &Pattern, fields: &[Utf32String], matcher: &mut Matcher) -> Grade {
    let mut close = true;
    for atom in &pattern.atoms {
        let needed = MIN_SCORE_PER_CHAR * atom.needle_text().len() as u32;
        let best = fields
            .iter()
            .filter_map(|f| atom.score(f.slice(..), matcher))
            .max();
        match best {
            None => return Grade::Absent,
            Some(s) if u32::from(s) < needed => close = false,
            Some(_) => {}
        }
    }
    if close {
        Grade::Close
    } else {
        Grade::Scattered
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
        assert_eq!(ids(s.filter("rumours", &cands)), vec!["c07"]);
        assert_eq!(ids(s.filter("unfounded rumours", &cands)), vec!["c07"]);
        // Abbreviations still match when their letters stay close.
        let abbrev = ids(s.filter("rmrs", &cands));
        assert!(
            abbrev.contains(&"c07".to_string()) && abbrev.len() <= 3,
            "{abbrev:?}"
        );
        let troops = ids(s.filter("troops", &cands));
        assert!(troops.len() > 3 && troops.len() < cands.len(), "{troops:?}");
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

#[cfg(test)]
mod incremental_tests {
    use super::*;
    use crate::model::load_bundled;

    #[test]
    fn typing_letter_by_letter_equals_a_fresh_search() {
        let loaded = load_bundled().expect("bundled");
        let cands: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let mut typed = SearchIndex::build(&loaded);
        let mut fresh = SearchIndex::build(&loaded);
        let word = "rumours";
        for n in 1..=word.len() {
            let q = &word[..n];
            let a = typed.filter(q, &cands);
            fresh.reset();
            let b = fresh.filter(q, &cands);
            assert_eq!(a, b, "query {q:?}");
        }
    }
}
