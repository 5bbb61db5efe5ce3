//! "Did you mean …?": the closest of a few known names to a mistyped one.
//!
//! Used for query fields and values and for command names, so a typo is
//! answered with the word the user most likely meant instead of a bare "unknown".

// Dynamic-programming and matrix code indexing within bounds it computes
// from the same slices (unit tests and proptests beside it).
#![allow(clippy::indexing_slicing)]

/// The candidate closest to `input` (case-insensitive), if it is close enough
/// to be a plausible typo: one edit for short words, up to a third of the
/// word for longer ones (a swap of two letters counts as one edit), or a
/// unique candidate that starts with the input (typing is still under way).
pub fn did_you_mean<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let input = input.to_lowercase();
    if input.is_empty() {
        return None;
    }
    let limit = (input.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for &c in candidates {
        let d = distance(&input, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    if let Some((_, c)) = best {
        return Some(c);
    }
    let mut prefixed = candidates
        .iter()
        .filter(|c| c.to_lowercase().starts_with(&input));
    match (prefixed.next(), prefixed.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Edit distance counting insertions, deletions, substitutions and swaps of
/// adjacent characters (optimal string alignment).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    // Three rows, row i at i % 3: two back (for swaps), previous and current.
    let mut rows = vec![vec![0usize; w]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
        }
    }
    rows[a.len() % 3][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_swaps_as_one_edit() {
        assert_eq!(distance("stauts", "status"), 1);
        assert_eq!(distance("exprot", "export"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggests_close_names_and_unique_prefixes_only() {
        let fields = ["status", "stance", "said", "published"];
        assert_eq!(did_you_mean("stauts", &fields), Some("status"));
        assert_eq!(did_you_mean("STATSU", &fields), Some("status"));
        assert_eq!(did_you_mean("pub", &fields), Some("published"));
        assert_eq!(did_you_mean("st", &fields), None, "two start with st");
        assert_eq!(did_you_mean("zebra", &fields), None);
        assert_eq!(did_you_mean("", &fields), None);
    }
}
