//! Incremental fuzzy search over claims: text, quote, actor names and aliases
//! (claimant, via, about) and tags, with nucleo's matcher; and, once
//! [`SearchIndex::sync_annotations`] has been called, the analysts' notes,
//! evidence and tags.
//!
//! The haystacks are built once, on the first search, so opening a dataset
//! pays nothing for them; each distinct text once (an actor's name is one
//! haystack, however many claims name the actor). When a query only grows
//! ("nor" → "nort"), the next keystroke searches just the previous matches.
//!
//! Which claims match is nucleo's answer, word by word: its score must
//! reach `MIN_SCORE_PER_CHAR` per letter in some field. Most of that answer
//! is reached without nucleo's matrix (`quick`: absent, or there letter for
//! letter), and non-ASCII text is scored through an ASCII stand-in that
//! nucleo scores identically (`stand_in`); the tests hold both to nucleo.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use std::sync::atomic::{AtomicU64, Ordering};

use nucleo_matcher::{Utf32Str, Utf32String};
use std::collections::HashMap;

use super::annotation::{Annotation, AnnotationField, AnnotationSet};
use super::{ClaimIx, Loaded};

pub struct SearchIndex {
    /// Every distinct searchable text, once: an actor's name and aliases
    /// and a tag are shared by many claims, and so is a repeated quote.
    hays: Vec<Hay>,
    /// Per haystack, its ASCII stand-in when it is not ASCII and has one.
    stand_ins: Vec<Option<StandIn>>,
    /// Claim after claim, the `hays` its fields are.
    fields: Vec<u32>,
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
    /// How many times one word was scored against one claim's fields, in
    /// all: what a keystroke costs, counted (tests check it stays bounded).
    words_scored: AtomicU64,
    /// How many times nucleo scored one word in one haystack (the rest were
    /// decided by the shortcuts of `quick`, or remembered within a scan).
    hays_scored: AtomicU64,
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

/// A distinct searchable text as the dataset holds it, before it is made
/// a haystack: collected in order on one thread, converted on several.
enum Source<'a> {
    /// Claim text and quote: typographic punctuation folded.
    Text(&'a str),
    /// Actor names and aliases, as they are.
    Name(&'a str),
    /// A tag, searched with its `#`.
    Tag(&'a str),
}

impl Source<'_> {
    fn haystack(&self) -> Utf32String {
        match self {
            Source::Text(t) => haystack(t),
            Source::Name(n) => utf32(n),
            Source::Tag(t) => utf32(&format!("#{t}")),
        }
    }
}

/// A haystack as the index keeps it.
pub(super) enum Hay {
    /// As nucleo matches it.
    Kept(Utf32String),
    /// A haystack that is not ASCII and has an ASCII stand-in, kept as the
    /// UTF-8 of its characters: a quarter of its size in UTF-32 (37 of the
    /// index's MB at 100k claims). Most words are graded in the stand-in;
    /// the others decode the characters again.
    Compact(Box<str>),
}

impl Hay {
    /// `text` as kept, given its stand-in: compact when it can be.
    fn of(text: Utf32String, stand_in: Option<&StandIn>) -> Self {
        match (text, stand_in) {
            (Utf32String::Unicode(chars), Some(_)) => Hay::Compact(chars.iter().collect()),
            (text, _) => Hay::Kept(text),
        }
    }

    /// The haystack nucleo matches, decoded into `scratch` when compact.
    pub(super) fn utf32<'h>(&'h self, scratch: &'h mut Vec<char>) -> Utf32Str<'h> {
        match self {
            Hay::Kept(text) => text.slice(..),
            Hay::Compact(text) => {
                scratch.clear();
                scratch.extend(text.chars());
                Utf32Str::Unicode(scratch)
            }
        }
    }

    /// The haystack nucleo matches, owned (for tests that compare it).
    #[cfg(test)]
    fn to_utf32(&self) -> Utf32String {
        match self {
            Hay::Kept(text) => text.clone(),
            Hay::Compact(text) => Utf32String::Unicode(text.chars().collect()),
        }
    }

    /// Whether nucleo's haystack is ASCII (a stand-in is for the others).
    pub(super) fn is_ascii(&self) -> bool {
        matches!(self, Hay::Kept(Utf32String::Ascii(_)))
    }
}

/// The distinct texts, as they are collected.
#[derive(Default)]
struct Sources<'a>(Vec<Source<'a>>);

impl<'a> Sources<'a> {
    fn push(&mut self, source: Source<'a>) -> u32 {
        self.0.push(source);
        u32::try_from(self.0.len() - 1).unwrap_or(u32::MAX)
    }
}

/// Sources at least this many are made haystacks on several threads.
#[cfg(not(test))]
const PARALLEL_HAYS_FROM: usize = 20_000;
/// Tests use small datasets and must exercise the threads.
#[cfg(test)]
const PARALLEL_HAYS_FROM: usize = 1;

/// Each source as a haystack, with its character set and stand-in, in
/// order; on several threads for many (most of building the index).
fn convert(
    sources: &[Source<'_>],
    parallel: bool,
) -> (Vec<Hay>, Vec<Option<StandIn>>, Vec<CharSet>) {
    let one = |part: &[Source<'_>]| {
        let (mut texts, mut stand_ins, mut masks) = (
            Vec::with_capacity(part.len()),
            Vec::with_capacity(part.len()),
            Vec::with_capacity(part.len()),
        );
        for s in part {
            let text = s.haystack();
            masks.push(haystack_mask(&text));
            let stand_in = StandIn::of(&text);
            texts.push(Hay::of(text, stand_in.as_ref()));
            stand_ins.push(stand_in);
        }
        (texts, stand_ins, masks)
    };
    let threads = if parallel {
        threads_from(sources.len(), PARALLEL_HAYS_FROM)
    } else {
        1
    };
    let mut all = (
        Vec::with_capacity(sources.len()),
        Vec::with_capacity(sources.len()),
        Vec::with_capacity(sources.len()),
    );
    for (t, s, m) in in_parts(sources, threads, one) {
        all.0.extend(t);
        all.1.extend(s);
        all.2.extend(m);
    }
    all
}

/// How many threads a pool of `len` candidates is graded on.
fn grading_threads(len: usize) -> usize {
    threads_from(len, PARALLEL_FROM)
}

/// Every thread for `len` items from `from` on, else one.
fn threads_from(len: usize, from: usize) -> usize {
    if len >= from { threads_to_use() } else { 1 }
}

/// How many threads a large scan or build splits into.
fn threads_to_use() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// `f` of each of `threads` consecutive parts of `items`, in order, each
/// part on a thread of its own. A part the OS gives no thread for, or whose
/// thread failed (`f` only reads: it cannot), is done on this thread.
fn in_parts<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() < 2 {
        return vec![f(items)];
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let thread = std::thread::Builder::new().spawn_scoped(scope, move || f(part));
                (part, thread)
            })
            .collect();
        handles
            .into_iter()
            .map(|(part, thread)| match thread.map(|h| h.join()) {
                Ok(Ok(done)) => done,
                _ => f(part),
            })
            .collect()
    })
}

/// A query's results: see [`SearchIndex::filter`]. A step may be graded
/// part of the way ([`SearchIndex::filter_first`]): `rest` is then the part
/// of its pool still to grade, in order, and its sets cover the rest of it.
struct Step {
    query: String,
    subsequence: Vec<ClaimIx>,
    matches: Vec<ClaimIx>,
    rest: Vec<ClaimIx>,
    /// See [`SearchIndex::earlier_words_close`], kept to go on grading.
    earlier: Option<Vec<bool>>,
}

impl Step {
    fn complete(&self) -> bool {
        self.rest.is_empty()
    }
}

/// What [`SearchIndex::filter_first`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstMatches {
    /// The first matches, in candidate order (at least the `want` asked
    /// for, when there are as many): all of them when `complete`.
    pub matches: Vec<ClaimIx>,
    pub complete: bool,
}

/// What [`SearchIndex::resume`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resume {
    /// Graded in full: every match, in candidate order.
    Done(Vec<ClaimIx>),
    /// Candidates remain.
    More,
    /// The last step is another query's: a search ran since.
    Gone,
}

/// Candidates graded per chunk while looking for the first matches (the
/// want is checked between chunks).
const FIRST_CHUNK: usize = 256;

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

/// A query as the index matches it: trimmed, punctuation folded.
fn fold_query(query: &str) -> String {
    query.trim().chars().map(fold_punctuation).collect()
}

fn haystack(text: &str) -> Utf32String {
    if text.is_ascii() {
        return Utf32String::from(text);
    }
    utf32_of(text.len(), text.chars().map(fold_punctuation)).unwrap_or_else(|| {
        let folded: String = text.chars().map(fold_punctuation).collect();
        Utf32String::from(folded.as_str())
    })
}

/// `Utf32String::from(text)`, several times faster for most text: see
/// [`utf32_of`].
fn utf32(text: &str) -> Utf32String {
    if text.is_ascii() {
        return Utf32String::from(text);
    }
    utf32_of(text.len(), text.chars()).unwrap_or_else(|| Utf32String::from(text))
}

/// What `Utf32String::from` makes of the text of `chars`, or `None` when
/// that takes finding its grapheme clusters. nucleo keeps the first
/// character of each cluster, and finding them was two thirds of building
/// the index; a text whose every character is a cluster of its own (only
/// characters that never join a neighbour, [`stands_alone`], and no CR
/// before LF) is kept character for character, as ASCII when it is.
/// `bytes`: the text's length in UTF-8, at least its number of characters.
fn utf32_of(bytes: usize, chars: impl Iterator<Item = char>) -> Option<Utf32String> {
    let mut out: Vec<char> = Vec::with_capacity(bytes);
    let (mut ascii, mut crlf) = (true, false);
    for c in chars {
        if c.is_ascii() {
            crlf |= c == '\n' && out.last() == Some(&'\r');
        } else if stands_alone(c) {
            ascii = false;
        } else {
            return None;
        }
        out.push(c);
    }
    if ascii {
        return Some(Utf32String::Ascii(
            out.into_iter().collect::<String>().into_boxed_str(),
        ));
    }
    // nucleo's clusters of a text that is not ASCII keep CR LF as one.
    (!crlf).then(|| Utf32String::Unicode(out.into_boxed_slice()))
}

/// Characters that form a grapheme cluster of their own beside any other
/// of them (but CR before LF), in the blocks where most news text lives:
/// Latin, Greek, Cyrillic, Hebrew and Arabic letters, general punctuation,
/// currency signs, kana, CJK ideographs, Hangul syllables (which join only
/// jamo, outside these ranges). Combining marks, joiners, Indic vowel signs
/// and regional indicators are outside them; a test checks every character
/// of them beside one of each range against nucleo.
fn stands_alone(c: char) -> bool {
    matches!(
        c as u32,
        0..=0x2FF
            | 0x370..=0x377
            | 0x37A..=0x37F
            | 0x384..=0x482
            | 0x48A..=0x52F
            | 0x5D0..=0x5EA
            | 0x5F0..=0x5F4
            | 0x620..=0x64A
            | 0x671..=0x6D3
            | 0x1E00..=0x1FFF
            | 0x2010..=0x2027
            | 0x2030..=0x205F
            | 0x20A0..=0x20C0
            | 0x3041..=0x3096
            | 0x30A1..=0x30FA
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7A3
    )
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

    /// [`Self::insert_forms`] for an ASCII byte: nucleo folds ASCII only
    /// by case, and normalises it to itself (a test checks every byte).
    fn insert_ascii(&mut self, b: u8) {
        let lower = b.to_ascii_lowercase();
        self.0[usize::from(b / 64)] |= 1 << (b % 64);
        self.0[usize::from(lower / 64)] |= 1 << (lower % 64);
    }

    /// `h` as the matcher may compare it: as it is, in lower case, and
    /// normalised (accents stripped).
    fn insert_forms(&mut self, h: char) {
        use nucleo_matcher::chars::{normalize, to_lower_case};
        let lower = to_lower_case(h);
        for c in [h, lower, normalize(h), normalize(lower)] {
            self.insert(c);
        }
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
    let mut set = CharSet::default();
    match f {
        Utf32String::Ascii(text) => text.bytes().for_each(|b| set.insert_ascii(b)),
        Utf32String::Unicode(chars) => {
            for &h in chars.iter() {
                if let Ok(b) = u8::try_from(h)
                    && b.is_ascii()
                {
                    set.insert_ascii(b);
                } else {
                    set.insert_forms(h);
                }
            }
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

/// Pools at least this large are graded on several threads: a hard word
/// costs about 1.5 ms per thousand claims on one thread, a thread 0.1 ms to
/// start. (At 12,000, every keystroke of a 10k-claim dataset was graded on
/// one thread: 12–19 ms for `tro`, where two threads take half.)
const PARALLEL_FROM: usize = 2_000;

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
    /// The index of `loaded`, made on several threads: for a caller that
    /// waits for it.
    pub fn build(loaded: &Loaded) -> Self {
        Self::build_with(loaded, true)
    }

    /// The index of `loaded`, made on the calling thread alone: for a build
    /// in the background, which on two cores would otherwise take the core
    /// the other background work needs (at 1M claims the first sort waited
    /// 0.3 s for its order while the index took both).
    pub fn build_here(loaded: &Loaded) -> Self {
        Self::build_with(loaded, false)
    }

    fn build_with(loaded: &Loaded, parallel: bool) -> Self {
        let ds = &loaded.dataset;
        let ix = &loaded.index;
        let mut sources = Sources::default();
        let mut fields = Vec::with_capacity(ds.claims.len() * 6);
        let mut offsets = Vec::with_capacity(ds.claims.len() + 1);
        // Per actor, its name and aliases in `hays` (once it is met).
        let mut actor_hays: Vec<Option<Box<[u32]>>> = vec![None; ds.actors.len()];
        let mut tag_hays: HashMap<&str, u32> = HashMap::new();
        let mut text_hays: HashMap<&str, u32> = HashMap::new();
        offsets.push(0);
        for (i, c) in ds.claims.iter().enumerate() {
            for text in [c.text.as_str(), c.quote.text.as_str()] {
                let id = *text_hays
                    .entry(text)
                    .or_insert_with(|| sources.push(Source::Text(text)));
                fields.push(id);
            }
            let actors = std::iter::once(ix.claim_claimant[i])
                .chain(ix.claim_via.get(i).iter().copied())
                .chain(ix.claim_about.get(i).iter().copied());
            for a in actors {
                let Some(slot) = actor_hays.get_mut(a.i()) else {
                    continue;
                };
                let ids = slot.get_or_insert_with(|| {
                    let actor = &ds.actors[a.i()];
                    std::iter::once(&actor.name)
                        .chain(&actor.aliases)
                        .map(|n| sources.push(Source::Name(n)))
                        .collect()
                });
                fields.extend(ids.iter().copied());
            }
            for t in &c.tags {
                let id = *tag_hays
                    .entry(t.as_str())
                    .or_insert_with(|| sources.push(Source::Tag(t)));
                fields.push(id);
            }
            offsets.push(u32::try_from(fields.len()).unwrap_or(u32::MAX));
        }
        drop((text_hays, tag_hays, actor_hays));
        let (hays, stand_ins, hay_masks) = convert(&sources.0, parallel);
        let masks = offsets
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0] as usize, w[1] as usize);
                fields[a..b]
                    .iter()
                    .fold(CharSet::default(), |m, &h| m.union(hay_masks[h as usize]))
            })
            .collect();
        Self {
            hays,
            stand_ins,
            fields,
            offsets,
            masks,
            ..Self::lazy()
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
            if let Some(c) = loaded.index.claim_by_id.get(change.claim.as_str())
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
            if let Some(c) = loaded.index.claim_by_id.get(id.as_str())
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
        let folded = fold_query(query);
        if folded.is_empty() {
            return pool.to_vec();
        }
        let pattern = Pattern::new(
            &folded,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        self.scan(&pattern, pool, None).1
    }

    /// An index that builds itself on the first search through
    /// [`crate::model::query::Query::select`]: for callers that may never
    /// search text (a query of fields only), so they never pay for it.
    pub fn lazy() -> Self {
        Self {
            hays: Vec::new(),
            stand_ins: Vec::new(),
            fields: Vec::new(),
            offsets: Vec::new(),
            masks: Vec::new(),
            steps: Vec::new(),
            fingerprint: None,
            notes: Vec::new(),
            notes_seen: None,
            words_scored: AtomicU64::new(0),
            hays_scored: AtomicU64::new(0),
        }
    }

    /// Builds a [`Self::lazy`] index now (a built one has an offset per claim, plus one).
    pub fn ensure_built(&mut self, loaded: &Loaded) {
        if self.offsets.is_empty() {
            *self = Self::build(loaded);
        }
    }

    /// Claim `c`'s fields, as indices into `hays`.
    fn fields_of(&self, c: ClaimIx) -> &[u32] {
        match (self.offsets.get(c.i()), self.offsets.get(c.i() + 1)) {
            (Some(&a), Some(&b)) => &self.fields[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Claims among `candidates` matching `query` (every word, fuzzily, each
    /// within one field), in candidate order. An empty query matches all.
    pub fn filter(&mut self, query: &str, candidates: &[ClaimIx]) -> Vec<ClaimIx> {
        // Wanting them all, it grades every candidate: always complete.
        self.filter_first(query, candidates, usize::MAX).matches
    }

    /// The first `want` claims among `candidates` matching `query`, in
    /// candidate order, grading no more of them than it takes (the rest is
    /// graded by [`Self::resume`]): what a screenful of a sorted list needs.
    /// Narrowing and going back work as for [`Self::filter`], from steps
    /// graded in full or in part.
    pub fn filter_first(
        &mut self,
        query: &str,
        candidates: &[ClaimIx],
        want: usize,
    ) -> FirstMatches {
        let folded = fold_query(query);
        let query = folded.as_str();
        let fingerprint = Fingerprint::of(candidates);
        if query.is_empty() || self.fingerprint != Some(fingerprint) {
            self.steps.clear();
            self.fingerprint = Some(fingerprint);
        }
        if query.is_empty() {
            return FirstMatches {
                matches: candidates.to_vec(),
                complete: true,
            };
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
        if self.steps.last().is_none_or(|st| st.query != query) {
            let pattern = Pattern::new(
                query,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Fuzzy,
            );
            // What the last step left: its subsequence set, then what it did not grade.
            let pool: Vec<ClaimIx> = match self.steps.last() {
                Some(st) => st.subsequence.iter().chain(&st.rest).copied().collect(),
                None => candidates.to_vec(),
            };
            let earlier = self.earlier_words_close(query, pattern.atoms.len());
            if self.steps.len() >= MAX_STEPS {
                self.steps.remove(0);
            }
            self.steps.push(Step {
                query: query.to_owned(),
                subsequence: Vec::new(),
                matches: Vec::new(),
                rest: pool,
                earlier,
            });
        }
        // Grade in chunks until enough are found (a step already graded in
        // full, or far enough, answers at once).
        while let Some(st) = self.steps.last() {
            // A step graded in full (Backspace to it) answers in full.
            if st.complete() {
                return FirstMatches {
                    matches: st.matches.clone(),
                    complete: true,
                };
            }
            if st.matches.len() >= want {
                return FirstMatches {
                    matches: st.matches.iter().take(want).copied().collect(),
                    complete: false,
                };
            }
            let chunk = if want == usize::MAX {
                usize::MAX
            } else {
                FIRST_CHUNK
            };
            self.grade_more(chunk);
        }
        FirstMatches {
            matches: Vec::new(),
            complete: true,
        }
    }

    /// Goes on grading the last [`Self::filter_first`] of `query`: at most
    /// `budget` more candidates.
    pub fn resume(&mut self, query: &str, budget: usize) -> Resume {
        let folded = fold_query(query);
        if self.steps.last().is_none_or(|st| st.query != folded) {
            return Resume::Gone;
        }
        self.grade_more(budget);
        match self.steps.last() {
            Some(st) if st.complete() => Resume::Done(st.matches.clone()),
            Some(_) => Resume::More,
            None => Resume::Gone,
        }
    }

    /// Whether claim `c` is among the candidates the last step has not
    /// graded yet (it may still match).
    pub fn undecided(&self, c: ClaimIx) -> bool {
        self.steps.last().is_some_and(|st| st.rest.contains(&c))
    }

    /// Whether the last step is graded in full (or there is none).
    #[cfg(test)]
    fn settled(&self) -> bool {
        self.steps.last().is_none_or(Step::complete)
    }

    /// Grades up to `budget` more candidates of the last step.
    fn grade_more(&mut self, budget: usize) {
        let Some(st) = self.steps.last_mut() else {
            return;
        };
        let n = budget.min(st.rest.len());
        let part: Vec<ClaimIx> = st.rest.drain(..n).collect();
        let earlier = st.earlier.take();
        let pattern = Pattern::new(
            &st.query,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let (subsequence, matches) = self.scan(&pattern, &part, earlier.as_deref());
        if let Some(st) = self.steps.last_mut() {
            st.subsequence.extend(subsequence);
            st.matches.extend(matches);
            st.earlier = if st.complete() { None } else { earlier };
        }
    }

    /// Grades every claim of `pool`; large pools are split across threads
    /// (the first letter of a query scans everything, and must still answer
    /// within a frame). Results keep pool order.
    /// Typing the second word of "troops said" must not score "troops" again
    /// for every candidate: when a step searched the words before the last
    /// one on their own, its answer says, per claim, whether they are close
    /// (by claim index). Every claim of a later pool is a subsequence match
    /// for them (the steps are a chain of prefixes, and that test is
    /// monotone), so only the last word is scored.
    fn earlier_words_close(&self, query: &str, atoms: usize) -> Option<Vec<bool>> {
        // An escaped space joins two words into one atom: not worth the care.
        if atoms < 2 || query.contains('\\') {
            return None;
        }
        let cut = query.rfind(char::is_whitespace)?;
        let earlier = query[..cut].trim_end();
        let step = self
            .steps
            .iter()
            .find(|st| st.query == earlier && st.complete())?;
        let mut close = vec![false; self.masks.len()];
        for c in &step.matches {
            if let Some(slot) = close.get_mut(c.i()) {
                *slot = true;
            }
        }
        Some(close)
    }

    /// `earlier`: see [`Self::earlier_words_close`]; with it, only the last
    /// word of `pattern` is scored.
    fn scan(
        &self,
        pattern: &Pattern,
        pool: &[ClaimIx],
        earlier: Option<&[bool]>,
    ) -> (Vec<ClaimIx>, Vec<ClaimIx>) {
        let threads = grading_threads(pool.len());
        let needles: Vec<CharSet> = pattern
            .atoms
            .iter()
            .map(|a| needle_mask(&a.needle_text().to_string()))
            .collect();
        let single_ascii = |a: &nucleo_matcher::pattern::Atom| {
            let mut chars = a.needle_text().chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if CharSet::is_exact(c))
        };
        let all_single_ascii = pattern.atoms.iter().all(single_ascii);
        let last_single_ascii = pattern.atoms.last().is_some_and(single_ascii);
        let words = Word::all(pattern);
        let grade_chunk = |part: &[ClaimIx]| {
            let hays = HaySet {
                texts: &self.hays,
                stand_ins: &self.stand_ins,
            };
            let mut grader = Grader::new(hays, words.len());
            // Two sets: claims where every word is a subsequence somewhere
            // (what a longer query can narrow from: that test is monotone)
            // and those whose letters are also close together (the answer).
            let (mut subsequence, mut matches) = (Vec::new(), Vec::new());
            let mut scored = 0u64;
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
                let graded = match (earlier, words.len().checked_sub(1)) {
                    // Earlier words only scattered: the claim is at best
                    // scattered too, so only the last word's presence counts.
                    (Some(close), Some(k)) if !close.get(c.i()).copied().unwrap_or(false) => {
                        scored += u64::from(!last_single_ascii);
                        if last_single_ascii
                            || grader.present(k, &words[k], self.fields_of(c), extra)
                        {
                            Grade::Scattered
                        } else {
                            Grade::Absent
                        }
                    }
                    // Earlier words close: the last one decides.
                    (Some(_), Some(k)) => {
                        // A one-letter ASCII word is decided by the set alone.
                        let now = if last_single_ascii {
                            Some(true)
                        } else {
                            grader.word(k, &words[k], self.fields_of(c), extra)
                        };
                        scored += u64::from(!last_single_ascii);
                        match now {
                            None => Grade::Absent,
                            Some(true) => Grade::Close,
                            Some(false) => Grade::Scattered,
                        }
                    }
                    _ => {
                        scored += pattern.atoms.len() as u64;
                        grader.all(&words, self.fields_of(c), extra)
                    }
                };
                match graded {
                    Grade::Close => {
                        subsequence.push(c);
                        matches.push(c);
                    }
                    Grade::Scattered => subsequence.push(c),
                    Grade::Absent => {}
                }
            }
            self.hays_scored.fetch_add(grader.scored, Ordering::Relaxed);
            self.words_scored.fetch_add(scored, Ordering::Relaxed);
            (subsequence, matches)
        };
        let parts = in_parts(pool, threads, grade_chunk);
        let mut subsequence = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut matches = Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum());
        for (s, m) in parts {
            subsequence.extend(s);
            matches.extend(m);
        }
        (subsequence, matches)
    }

    /// How many (word, claim) pairs were scored since the index was built.
    pub fn words_scored(&self) -> u64 {
        self.words_scored.load(Ordering::Relaxed)
    }

    /// How many (word, haystack) pairs nucleo scored since the index was
    /// built (the others were decided by shortcuts or remembered).
    pub fn hays_scored(&self) -> u64 {
        self.hays_scored.load(Ordering::Relaxed)
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

mod class;
mod dp;
mod quick;
mod score;
mod stand_in;
use score::{Grade, Grader, HaySet, StandIn, Word};
pub use score::{Highlighter, match_indices};

/// Candidates graded per turn of the event loop while a search finishes
/// behind its first screenful: a few milliseconds on two threads.
pub const RESUME_SLICE: usize = 24_000;

#[cfg(test)]
mod tests;
