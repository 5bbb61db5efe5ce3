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
        "e", "z", "K", "k", "1", "’", "'", "ó", "Ó", "x y", "rmrs", "Pyong", "north k", "#troop",
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

#[test]
fn typing_a_second_word_scores_only_that_word() {
    let loaded = load_bundled().expect("bundled");
    let cands = all(&loaded);
    let mut typed = SearchIndex::build(&loaded);
    let query = "troops said";
    let mut scored_any = false;
    for n in 1..=query.len() {
        let q = &query[..n];
        let pool = typed
            .steps
            .last()
            .map_or(cands.len(), |st| st.subsequence.len());
        let before = typed.words_scored();
        let got = typed.filter(q, &cands);
        let scored = typed.words_scored() - before;
        assert_eq!(got, SearchIndex::build(&loaded).filter(q, &cands), "{q:?}");
        if n > "troops ".len() {
            // Scoring both words would cost two per claim of the pool.
            assert!(scored <= pool as u64, "{q:?}: {scored} scored, pool {pool}");
            scored_any |= scored > 0;
        }
    }
    assert!(scored_any, "the second word was scored against some claims");
    let after = typed.filter("troops said", &cands);
    assert!(!after.is_empty() || typed.filter("troops", &cands).is_empty());
}
