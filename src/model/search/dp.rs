//! nucleo's optimal fuzzy score, decided rather than computed: whether an
//! ASCII word reaches a score in an ASCII haystack (or stand-in).
//!
//! nucleo-matcher 0.3 (`fuzzy_optimal.rs`) fills a matrix row by row (one
//! row per letter of the word) and keeps it for the match positions. A scan
//! needs neither the positions nor the best score, only whether some cell
//! of the last row reaches the threshold: so the same recurrences run here
//! column by column, with one cell of state per letter on the stack, and
//! stop at the first cell that reaches it. Same cells, same values, same
//! tie-breaks (`tests::the_decision_is_nucleos` holds it to nucleo on
//! generated and hostile text); about a fifth of the work, with no matrix,
//! no bonus buffer and no copy of the haystack.
//!
//! Only for the cases nucleo scores with its optimal matcher on an ASCII
//! haystack with a word of 2 to [`MAX_WORD`] letters that is a subsequence
//! but not a contiguous occurrence (what `quick` leaves open).

// Indexes the per-letter state (`MAX_WORD` slots) by letter, and the
// haystack by column, below its length.
#![allow(clippy::indexing_slicing)]

/// Longest word decided here; longer ones go to nucleo.
pub(super) const MAX_WORD: usize = 16;

use super::class::{Class, ascii_class as class};

const SCORE_MATCH: u16 = 16;
const PENALTY_GAP_START: u16 = 3;
const PENALTY_GAP_EXTENSION: u16 = 1;
const BONUS_BOUNDARY: u16 = SCORE_MATCH / 2;
const BONUS_CAMEL123: u16 = BONUS_BOUNDARY - PENALTY_GAP_START;
const BONUS_NON_WORD: u16 = BONUS_BOUNDARY;
const BONUS_CONSECUTIVE: u16 = PENALTY_GAP_START + PENALTY_GAP_EXTENSION;
const BONUS_FIRST_CHAR_MULTIPLIER: u16 = 2;
/// `Config::DEFAULT`: boundary bonuses after whitespace and delimiters.
const BONUS_BOUNDARY_WHITE: u16 = BONUS_BOUNDARY + 2;
const BONUS_BOUNDARY_DELIMITER: u16 = BONUS_BOUNDARY + 1;

/// `Config::bonus_for` with the default configuration.
fn bonus_for(prev: Class, class: Class) -> u16 {
    if class > Class::Delimiter {
        match prev {
            Class::Whitespace => return BONUS_BOUNDARY_WHITE,
            Class::Delimiter => return BONUS_BOUNDARY_DELIMITER,
            Class::NonWord => return BONUS_BOUNDARY,
            _ => {}
        }
    }
    if prev == Class::Lower && class == Class::Upper
        || prev != Class::Number && class == Class::Number
    {
        BONUS_CAMEL123
    } else if class == Class::Whitespace {
        BONUS_BOUNDARY_WHITE
    } else if class == Class::NonWord {
        BONUS_NON_WORD
    } else {
        0
    }
}

/// A match cell: nucleo's `ScoreCell` without the path bit. A score of 0
/// is its `UNMATCHED` (a real match scores at least `SCORE_MATCH`).
#[derive(Clone, Copy, Default)]
struct Cell {
    score: u16,
    consecutive: u16,
}

/// `next_m_cell`: letter `r + 1` matched after letter `r`'s cell `m`
/// (adjacent) or after a gap scoring `p`.
fn next_cell(p: u16, bonus: u16, m: Cell) -> Cell {
    if m.score == 0 {
        return Cell {
            score: p + bonus + SCORE_MATCH,
            consecutive: bonus,
        };
    }
    let mut consecutive = m.consecutive.max(BONUS_CONSECUTIVE);
    if bonus >= BONUS_BOUNDARY && bonus > consecutive {
        consecutive = bonus;
    }
    let matched = m.score + consecutive.max(bonus);
    let skipped = p + bonus;
    if matched > skipped {
        Cell {
            score: matched + SCORE_MATCH,
            consecutive,
        }
    } else {
        Cell {
            score: skipped + SCORE_MATCH,
            consecutive: bonus,
        }
    }
}

/// `p_score`: the best score of a gap after column `j`, from column `j`'s cell and gap.
fn gap(p: u16, m: u16) -> u16 {
    m.saturating_sub(PENALTY_GAP_START)
        .max(p.saturating_sub(PENALTY_GAP_EXTENSION))
}

/// Whether nucleo's score for `needle` in `hay` reaches `needed`.
///
/// `needle`: 2 to [`MAX_WORD`] ASCII letters, lower case when `ignore_case`
/// (nucleo's smart case); it must be a subsequence of `hay` (as folded) and
/// `hay` must fit nucleo's matrix. `None` when a precondition fails: the
/// caller then asks nucleo.
pub(super) fn reaches(needle: &[u8], hay: &[u8], ignore_case: bool, needed: u16) -> Option<bool> {
    let n = needle.len();
    if !(2..=MAX_WORD).contains(&n) || hay.len() <= n {
        return None;
    }
    let fold = |c: u8| {
        if ignore_case {
            c.to_ascii_lowercase()
        } else {
            c
        }
    };
    // nucleo's rows: letter r is only matched from the column where the
    // first r letters were first matched in order (`setup`'s `row_offs`).
    let mut row_from = [usize::MAX; MAX_WORD];
    let mut r = 0;
    for (j, &c) in hay.iter().enumerate() {
        if r < n && fold(c) == needle[r] {
            row_from[r] = j;
            r += 1;
        }
    }
    if r < n {
        return None;
    }
    let start = row_from[0];
    // Columns past the last occurrence of the last letter change nothing.
    let last = needle[n - 1];
    let end = hay.iter().rposition(|&c| fold(c) == last)? + 1;
    // nucleo scores a span exactly as long as the word greedily instead.
    if end - start == n {
        return None;
    }
    // Only columns holding a letter of the word can hold a match; across
    // the others every cell is unmatched and every gap loses one a column,
    // which is applied in one step when the next such column comes.
    let mut letter = [false; 256];
    for &c in needle {
        letter[usize::from(c)] = true;
        if ignore_case {
            letter[usize::from(c.to_ascii_uppercase())] = true;
        }
    }
    // Per letter: its cell in the previous column, and its gap score there.
    let mut cell = [Cell::default(); MAX_WORD];
    let mut gaps = [0u16; MAX_WORD];
    // The last column processed.
    let mut done: Option<usize> = None;
    for j in start..end {
        let raw = hay[j];
        if !letter[usize::from(raw)] {
            continue;
        }
        if let Some(d) = done
            && j > d + 1
        {
            // Columns d+1 .. j-1 held no letter: at d+1 each cell turns
            // unmatched and each gap takes the cell it left; after it, the
            // gaps only shrink.
            let skipped = (j - d - 1) as u16;
            for r in 0..n {
                if d + 1 > row_from[r] {
                    gaps[r] = gap(gaps[r], cell[r].score).saturating_sub(skipped - 1);
                }
                cell[r] = Cell::default();
            }
        }
        done = Some(j);
        let prev = match j.checked_sub(1) {
            Some(i) => class(hay[i]),
            None => Class::Whitespace,
        };
        let bonus = bonus_for(prev, class(raw));
        let c = fold(raw);
        // Last letter first, so each reads its predecessor's previous column.
        for r in (0..n).rev() {
            let old = cell[r];
            cell[r] = if c != needle[r] || j < row_from[r] {
                Cell::default()
            } else if r == 0 {
                Cell {
                    score: bonus * BONUS_FIRST_CHAR_MULTIPLIER + SCORE_MATCH,
                    consecutive: bonus,
                }
            } else {
                next_cell(gaps[r - 1], bonus, cell[r - 1])
            };
            // Letter r's gap at this column, from its previous column:
            // nucleo computes it before reading the column's cell.
            if j > row_from[r] {
                gaps[r] = gap(gaps[r], old.score);
            }
            if r == n - 1 && cell[r].score >= needed {
                return Some(true);
            }
        }
    }
    Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    use proptest::prelude::*;

    /// nucleo's score of `needle` (smart case) in an ASCII `hay`.
    fn nucleo(needle: &str, hay: &str, m: &mut Matcher) -> Option<u16> {
        let pattern = Pattern::new(
            needle,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        pattern
            .atoms
            .first()?
            .score(Utf32Str::Ascii(hay.as_bytes()), m)
    }

    /// Pins the best score exactly: reached at it, not one above.
    fn agrees(needle: &str, hay: &str, m: &mut Matcher) -> Result<bool, TestCaseError> {
        let Some(score) = nucleo(needle, hay, m) else {
            return Ok(false);
        };
        let ignore_case = !needle.bytes().any(|b| b.is_ascii_uppercase());
        let n = needle.as_bytes();
        let at = reaches(n, hay.as_bytes(), ignore_case, score);
        let above = reaches(n, hay.as_bytes(), ignore_case, score + 1);
        if at.is_none() {
            return Ok(false);
        }
        prop_assert_eq!(
            at,
            Some(true),
            "{:?} in {:?}: nucleo {}",
            needle,
            hay,
            score
        );
        prop_assert_eq!(
            above,
            Some(false),
            "{:?} in {:?}: nucleo {}",
            needle,
            hay,
            score
        );
        Ok(true)
    }

    /// Text with every class nucleo tells apart, in runs (words, camelCase,
    /// digits, delimiters, punctuation, whitespace of each kind).
    fn hay() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            "([a-e]{1,6}|[A-E][a-e]{0,4}|[0-9]{1,3}|[ \t\n\r]|[/,:;|]|[-_.'\"()#]){1,60}",
        )
        .expect("regex")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn the_decision_is_nucleos(hay in hay(), needle in "[a-eA-E0-9_/-]{2,6}") {
            let mut m = Matcher::new(Config::DEFAULT);
            agrees(&needle, &hay, &mut m)?;
        }

        #[test]
        fn the_decision_is_nucleos_for_words_drawn_from_the_text(
            hay in hay(),
            picks in proptest::collection::vec(any::<prop::sample::Index>(), 2..7),
            upper in any::<bool>(),
        ) {
            // Letters of the haystack in order: always a subsequence.
            let bytes = hay.as_bytes();
            let mut at: Vec<usize> = picks.iter().map(|p| p.index(bytes.len())).collect();
            at.sort_unstable();
            at.dedup();
            let mut needle: String = at
                .iter()
                .map(|&i| bytes[i] as char)
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            if !upper {
                needle = needle.to_ascii_lowercase();
            }
            prop_assume!(needle.len() >= 2);
            let mut m = Matcher::new(Config::DEFAULT);
            agrees(&needle, &hay, &mut m)?;
        }
    }

    #[test]
    fn news_text_is_decided_as_nucleo_decides_it() {
        let ds = crate::model::generate::generate(&crate::model::generate::Spec {
            articles: 2,
            claims: 120,
            seed: 3,
        });
        let mut m = Matcher::new(Config::DEFAULT);
        let mut decided = 0;
        for c in &ds.claims {
            if !c.text.is_ascii() {
                continue;
            }
            for needle in [
                "tro", "troo", "troop", "sad", "said", "ofc", "Tr", "aid", "mnstry",
            ] {
                decided += usize::from(agrees(needle, &c.text, &mut m).expect("agrees"));
            }
        }
        assert!(decided > 150, "only {decided} decided");
    }

    #[test]
    fn preconditions_refused_go_to_nucleo() {
        assert_eq!(reaches(b"a", b"banana", true, 16), None, "one letter");
        assert_eq!(reaches(b"ab", b"ab", true, 16), None, "as long as the text");
        assert_eq!(
            reaches(b"xy", b"banana", true, 16),
            None,
            "not a subsequence"
        );
        assert_eq!(reaches(&[b'a'; MAX_WORD + 1], &[b'a'; 40], true, 16), None);
        assert_eq!(reaches(b"bn", b"banana", true, 1), Some(true));
    }
}
