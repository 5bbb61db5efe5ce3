//! Incremental fuzzy search over claims: text, quote, actor names and aliases
//! (claimant, via, about) and tags, with nucleo's matcher; and, once
//! [`SearchIndex::sync_annotations`] has been called, the analysts' notes,
//! evidence and tags.
//!
//! The haystacks are built once, on the first search, so opening a dataset
//! pays nothing for them. When a query only grows ("nor" → "nort"), the
//! next keystroke searches just the previous matches.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use super::annotation::{Annotation, AnnotationField, AnnotationSet};
use super::{ClaimIx, Loaded};

pub struct SearchIndex {
    /// Every searchable field of every claim, claim after claim.
    fields: Vec<Utf32String>,
    /// Claim `i`'s fields are `fields[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    /// Per claim, the set of characters its fields hold (folded as the
    /// matcher folds case and accents): a word with a character the set
    /// lacks cannot match, and is rejected without scoring.
    masks: Vec<CharSet>,
    /// One step per prefix of the current query, shortest first.
    steps: Vec<Step>,
    /// The candidates the steps were computed from.
    fingerprint: Option<Fingerprint>,
    /// The analysts' text, by claim: changes while the dataset's does not.
    notes: Vec<Option<Box<Notes>>>,
    /// Which state of the annotation set `notes` reflects.
    notes_seen: Option<SetMark>,
}

/// One claim's annotation text as haystacks, with their character set.
struct Notes {
    fields: Vec<Utf32String>,
    mask: CharSet,
}

/// Where an annotation set's history stood. Every change is appended to the
/// history, so an unchanged mark means unchanged annotations, and a mark
/// whose last entry is still in place means only the entries after it are new.
#[derive(Debug, Clone, PartialEq)]
struct SetMark {
    dataset: String,
    claims: usize,
    history: usize,
    last: Option<(String, AnnotationField, jiff::Timestamp)>,
}

impl SetMark {
    fn of(set: &AnnotationSet) -> Self {
        Self {
            dataset: set.dataset.clone(),
            claims: set.claims.len(),
            history: set.history.len(),
            last: set.history.last().map(|c| (c.claim.clone(), c.field, c.at)),
        }
    }
}

fn notes_of(a: &Annotation) -> Option<Box<Notes>> {
    let mut fields = Vec::new();
    if !a.note.trim().is_empty() {
        fields.push(haystack(&a.note));
    }
    fields.extend(a.evidence.iter().map(|e| haystack(e)));
    fields.extend(a.tags.iter().map(|t| haystack(&format!("#{t}"))));
    if fields.is_empty() {
        return None;
    }
    let mask = fields
        .iter()
        .fold(CharSet::default(), |m, f| m.union(haystack_mask(f)));
    Some(Box::new(Notes { fields, mask }))
}

/// A query's results: see [`SearchIndex::filter`].
struct Step {
    query: String,
    subsequence: Vec<ClaimIx>,
    matches: Vec<ClaimIx>,
}

/// Typographic quotes and dashes as their ASCII forms: most English news
/// text is then pure ASCII, which the matcher scans several times faster.
fn fold_punctuation(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '–' | '—' | '‐' | '‑' => '-',
        '\u{a0}' => ' ',
        c => c,
    }
}

fn haystack(text: &str) -> Utf32String {
    if text.is_ascii() {
        return Utf32String::from(text);
    }
    let folded: String = text.chars().map(fold_punctuation).collect();
    Utf32String::from(folded.as_str())
}

/// A set of characters: exact for ASCII (where most text lives, so a
/// hashed set would fill up), hashed into 256 bits for the rest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CharSet([u64; 6]);

impl CharSet {
    const ALL: CharSet = CharSet([u64::MAX; 6]);

    fn insert(&mut self, c: char) {
        let n = c as u32;
        let bit = if n < 128 {
            n
        } else {
            128 + (n.wrapping_mul(0x9E37_79B1) >> 24)
        };
        self.0[(bit / 64) as usize] |= 1 << (bit % 64);
    }

    fn union(mut self, o: CharSet) -> CharSet {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a |= b;
        }
        self
    }

    fn contains(&self, o: &CharSet) -> bool {
        self.0.iter().zip(o.0).all(|(a, b)| a & b == b)
    }

    /// Exact membership (not hashed) for ASCII characters.
    fn is_exact(c: char) -> bool {
        c.is_ascii()
    }
}

/// Every form of each character the matcher may compare a needle with.
fn haystack_mask(f: &Utf32String) -> CharSet {
    use nucleo_matcher::chars::{normalize, to_lower_case};
    let mut set = CharSet::default();
    for h in f.slice(..).chars() {
        let lower = to_lower_case(h);
        for c in [h, lower, normalize(h), normalize(lower)] {
            set.insert(c);
        }
    }
    set
}

fn needle_mask(needle: &str) -> CharSet {
    let mut set = CharSet::default();
    for n in needle.chars() {
        set.insert(n);
    }
    set
}

/// Pools at least this large are graded on several threads.
const PARALLEL_FROM: usize = 20_000;

/// Steps kept at most (a query longer than this narrows from the last ones).
const MAX_STEPS: usize = 32;

/// Identifies a candidate list cheaply enough to check on every keystroke.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    sum: u64,
    mixed: u64,
}

impl Fingerprint {
    fn of(c: &[ClaimIx]) -> Self {
        let (mut sum, mut mixed) = (0u64, 0u64);
        for (i, x) in c.iter().enumerate() {
            sum = sum.wrapping_add(u64::from(x.0));
            mixed = mixed.rotate_left(5)
                ^ u64::from(x.0).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ i as u64;
        }
        Self {
            len: c.len(),
            sum,
            mixed,
        }
    }
}

impl SearchIndex {
    pub fn build(loaded: &Loaded) -> Self {
        let ds = &loaded.dataset;
        let ix = &loaded.index;
        let mut fields = Vec::with_capacity(ds.claims.len() * 6);
        let mut offsets = Vec::with_capacity(ds.claims.len() + 1);
        let mut masks = Vec::with_capacity(ds.claims.len());
        offsets.push(0);
        for (i, c) in ds.claims.iter().enumerate() {
            fields.push(haystack(&c.text));
            fields.push(haystack(&c.quote.text));
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
            let start = offsets.last().copied().unwrap_or(0) as usize;
            masks.push(
                fields[start..]
                    .iter()
                    .fold(CharSet::default(), |m, f| m.union(haystack_mask(f))),
            );
            offsets.push(u32::try_from(fields.len()).unwrap_or(u32::MAX));
        }
        Self {
            fields,
            offsets,
            masks,
            steps: Vec::new(),
            fingerprint: None,
            notes: Vec::new(),
            notes_seen: None,
        }
    }

    /// Makes the analysts' notes, evidence and tags searchable, as they are
    /// in `set` now. Cheap when nothing changed (a comparison of the history's
    /// length and last entry); after edits only the claims the new history
    /// entries name are redone. Call it before [`Self::filter`] whenever the
    /// annotations may have changed.
    pub fn sync_annotations(&mut self, loaded: &Loaded, set: &AnnotationSet) {
        let mark = SetMark::of(set);
        let Some(seen) = &self.notes_seen else {
            return self.rebuild_notes(loaded, set, mark);
        };
        if *seen == mark {
            return;
        }
        let appended = seen.dataset == mark.dataset
            && seen.history > 0
            && seen.history <= mark.history
            && set
                .history
                .get(seen.history - 1)
                .map(|c| (c.claim.clone(), c.field, c.at))
                == seen.last;
        if !appended {
            return self.rebuild_notes(loaded, set, mark);
        }
        let from = seen.history;
        for change in &set.history[from..] {
            if let Some(c) = loaded.index.claim_by_id.get(&change.claim)
                && let Some(slot) = self.notes.get_mut(c.i())
            {
                *slot = set.get(&change.claim).and_then(notes_of);
            }
        }
        self.notes_seen = Some(mark);
        self.steps.clear();
    }

    fn rebuild_notes(&mut self, loaded: &Loaded, set: &AnnotationSet, mark: SetMark) {
        self.notes.clear();
        self.notes.resize_with(loaded.dataset.claims.len(), || None);
        for (id, a) in &set.claims {
            if let Some(c) = loaded.index.claim_by_id.get(id)
                && let Some(slot) = self.notes.get_mut(c.i())
            {
                *slot = notes_of(a);
            }
        }
        self.notes_seen = Some(mark);
        self.steps.clear();
    }

    fn notes_of(&self, c: ClaimIx) -> Option<&Notes> {
        self.notes.get(c.i()).and_then(|n| n.as_deref())
    }

    /// Claims among `pool` matching `query`, without touching the narrowing
    /// memory of [`Self::filter`] (for negated words, searched on the side).
    pub fn matching(&self, query: &str, pool: &[ClaimIx]) -> Vec<ClaimIx> {
        let folded: String = query.trim().chars().map(fold_punctuation).collect();
        if folded.is_empty() {
            return pool.to_vec();
        }
        let pattern = Pattern::new(
            &folded,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        self.scan(&pattern, pool).1
    }

    /// An index that builds itself on the first search through
    /// [`crate::model::query::Query::select`]: for callers that may never
    /// search text (a query of fields only), so they never pay for it.
    pub fn lazy() -> Self {
        Self {
            fields: Vec::new(),
            offsets: Vec::new(),
            masks: Vec::new(),
            steps: Vec::new(),
            fingerprint: None,
            notes: Vec::new(),
            notes_seen: None,
        }
    }

    /// Builds a [`Self::lazy`] index now (a built one has an offset per claim, plus one).
    pub fn ensure_built(&mut self, loaded: &Loaded) {
        if self.offsets.is_empty() {
            *self = Self::build(loaded);
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
        let folded: String = query.trim().chars().map(fold_punctuation).collect();
        let query = folded.as_str();
        let fingerprint = Fingerprint::of(candidates);
        if query.is_empty() || self.fingerprint != Some(fingerprint) {
            self.steps.clear();
            self.fingerprint = Some(fingerprint);
        }
        if query.is_empty() {
            return candidates.to_vec();
        }
        // Keep the steps for prefixes of this query: typing narrows from the
        // last one, Backspace goes back to one already computed.
        while self
            .steps
            .last()
            .is_some_and(|st| !query.starts_with(st.query.as_str()))
        {
            self.steps.pop();
        }
        if let Some(st) = self.steps.last()
            && st.query == query
        {
            return st.matches.clone();
        }
        let pattern = Pattern::new(
            query,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let pool: &[ClaimIx] = self.steps.last().map_or(candidates, |st| &st.subsequence);
        let (subsequence, matches) = self.scan(&pattern, pool);
        if self.steps.len() >= MAX_STEPS {
            self.steps.remove(0);
        }
        self.steps.push(Step {
            query: query.to_owned(),
            subsequence,
            matches: matches.clone(),
        });
        matches
    }

    /// Grades every claim of `pool`; large pools are split across threads
    /// (the first letter of a query scans everything, and must still answer
    /// within a frame). Results keep pool order.
    fn scan(&self, pattern: &Pattern, pool: &[ClaimIx]) -> (Vec<ClaimIx>, Vec<ClaimIx>) {
        let threads = if pool.len() >= PARALLEL_FROM {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8)
        } else {
            1
        };
        let chunk = pool.len().div_ceil(threads.max(1)).max(1);
        let needles: Vec<CharSet> = pattern
            .atoms
            .iter()
            .map(|a| needle_mask(&a.needle_text().to_string()))
            .collect();
        let all_single_ascii = pattern.atoms.iter().all(|a| {
            let mut chars = a.needle_text().chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if CharSet::is_exact(c))
        });
        let grade_chunk = |part: &[ClaimIx]| {
            let mut matcher = Matcher::new(Config::DEFAULT);
            // Two sets: claims where every word is a subsequence somewhere
            // (what a longer query can narrow from: that test is monotone)
            // and those whose letters are also close together (the answer).
            let (mut subsequence, mut matches) = (Vec::new(), Vec::new());
            for &c in part {
                let notes = self.notes_of(c);
                let mut mask = self.masks.get(c.i()).copied().unwrap_or(CharSet::ALL);
                if let Some(n) = notes {
                    mask = mask.union(n.mask);
                }
                if needles.iter().any(|n| !mask.contains(n)) {
                    continue;
                }
                // One ASCII letter words are decided by the set alone: a single
                // matched character always scores at least MIN_SCORE_PER_CHAR.
                if all_single_ascii {
                    subsequence.push(c);
                    matches.push(c);
                    continue;
                }
                let extra = notes.map_or(&[][..], |n| n.fields.as_slice());
                match grade(pattern, self.fields_of(c), extra, &mut matcher) {
                    Grade::Close => {
                        subsequence.push(c);
                        matches.push(c);
                    }
                    Grade::Scattered => subsequence.push(c),
                    Grade::Absent => {}
                }
            }
            (subsequence, matches)
        };
        if threads <= 1 {
            return grade_chunk(pool);
        }
        let parts: Vec<(Vec<ClaimIx>, Vec<ClaimIx>)> = std::thread::scope(|scope| {
            // A part the OS gives no thread for is graded here, in order.
            let handles: Vec<_> = pool
                .chunks(chunk)
                .map(|part| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, move || grade_chunk(part))
                        .map_err(|_| part)
                })
                .collect();
            // A thread that panicked (it cannot: grading only reads) yields nothing rather than a crash.
            handles
                .into_iter()
                .map(|h| match h {
                    Ok(h) => h.join().unwrap_or_default(),
                    Err(part) => grade_chunk(part),
                })
                .collect()
        });
        let mut subsequence = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut matches = Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum());
        for (s, m) in parts {
            subsequence.extend(s);
            matches.extend(m);
        }
        (subsequence, matches)
    }

    /// Forgets the narrowing memory.
    pub fn reset(&mut self) {
        self.steps.clear();
        self.fingerprint = None;
    }

    /// Forgets the annotation text too (the next sync rebuilds it).
    pub fn forget_annotations(&mut self) {
        self.notes.clear();
        self.notes_seen = None;
        self.reset();
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

fn grade(
    pattern: &Pattern,
    fields: &[Utf32String],
    notes: &[Utf32String],
    matcher: &mut Matcher,
) -> Grade {
    let mut close = true;
    for atom in &pattern.atoms {
        let needed = MIN_SCORE_PER_CHAR * atom.needle_text().len() as u32;
        // The first field where the word is close ends the search for it.
        let mut found = false;
        let mut atom_close = false;
        for f in fields.iter().chain(notes) {
            if let Some(score) = atom.score(f.slice(..), matcher) {
                found = true;
                if u32::from(score) >= needed {
                    atom_close = true;
                    break;
                }
            }
        }
        if !found {
            return Grade::Absent;
        }
        close &= atom_close;
    }
    if close {
        Grade::Close
    } else {
        Grade::Scattered
    }
}

/// Char indices in `text` that `query` matches, for highlighting one visible row.
pub fn match_indices(query: &str, text: &str) -> Vec<usize> {
    // Folding maps one character to one, so indices stay those of `text`.
    let folded_query: String = query.trim().chars().map(fold_punctuation).collect();
    let query = folded_query.as_str();
    let folded_text: String = text.chars().map(fold_punctuation).collect();
    let text = folded_text.as_str();
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

#[cfg(test)]
mod step_tests {
    use super::*;
    use crate::model::load_bundled;

    #[test]
    fn backspace_and_changed_candidates_give_fresh_answers() {
        let loaded = load_bundled().expect("bundled");
        let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let mut s = SearchIndex::build(&loaded);
        let fresh = |q: &str, c: &[ClaimIx]| SearchIndex::build(&loaded).filter(q, c);
        for q in ["t", "tr", "tro", "troo", "troops", "troops r", "troops ru"] {
            assert_eq!(s.filter(q, &all), fresh(q, &all), "typing {q:?}");
        }
        for q in ["troops r", "troops", "tro", "t"] {
            assert_eq!(s.filter(q, &all), fresh(q, &all), "backspace to {q:?}");
        }
        // Other filters changed the candidates: no stale narrowing.
        let half: Vec<ClaimIx> = all.iter().copied().step_by(2).collect();
        assert_eq!(s.filter("tro", &half), fresh("tro", &half));
        assert_eq!(s.filter("troops", &all), fresh("troops", &all));
    }
}

#[cfg(test)]
mod shortcut_tests {
    use super::*;
    use crate::model::load_bundled;

    /// What `filter` must return, scoring every field of every claim.
    fn reference(s: &SearchIndex, query: &str, all: &[ClaimIx]) -> Vec<ClaimIx> {
        let folded: String = query.chars().map(fold_punctuation).collect();
        let pattern = Pattern::new(
            &folded,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let mut m = Matcher::new(Config::DEFAULT);
        all.iter()
            .copied()
            .filter(|&c| {
                let notes = s.notes_of(c).map_or(&[][..], |n| n.fields.as_slice());
                matches!(grade(&pattern, s.fields_of(c), notes, &mut m), Grade::Close)
            })
            .collect()
    }

    #[test]
    fn character_sets_and_one_letter_shortcut_agree_with_full_scoring() {
        let loaded = load_bundled().expect("bundled");
        let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let mut s = SearchIndex::build(&loaded);
        let queries = [
            "e", "z", "K", "k", "1", "’", "'", "ó", "Ó", "x y", "rmrs", "Pyong", "north k",
            "#troop",
        ];
        for q in queries {
            s.reset();
            assert_eq!(s.filter(q, &all), reference(&s, q, &all), "query {q:?}");
        }
    }

    #[test]
    fn typographic_quotes_match_their_ascii_forms() {
        let loaded = load_bundled().expect("bundled");
        let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let mut s = SearchIndex::build(&loaded);
        let ascii = s.filter("Russia's", &all);
        s.reset();
        assert!(!ascii.is_empty());
        assert_eq!(ascii, s.filter("Russia’s", &all));
        assert!(!match_indices("Russia's", "Russia’s Far East").is_empty());
    }
}
