//! Where a quote is in an article, for adding a claim.

use std::ops::Range;

use crate::model::passage::{Passage, closest_passage, find_verbatim};

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteLocation {
    /// In exactly one paragraph (1-based), at this byte range of it.
    Found { paragraph: u32, range: Range<usize> },
    /// Verbatim in several paragraphs (1-based): the caller must choose.
    Several(Vec<u32>),
    /// Not verbatim anywhere searched; the closest passage when one is near.
    NotFound { closest: Option<Passage> },
}

/// Locates `quote` in `body`, whitespace-folded, in `paragraph` (1-based)
/// when given, else in every paragraph.
pub fn locate_quote(body: &[String], quote: &str, paragraph: Option<u32>) -> QuoteLocation {
    let found = |p: usize| body.get(p).and_then(|t| find_verbatim(t, quote));
    let hits: Vec<(u32, Range<usize>)> = match paragraph {
        Some(p) => (p as usize)
            .checked_sub(1)
            .and_then(|k| found(k).map(|r| (p, r)))
            .into_iter()
            .collect(),
        None => (0..body.len())
            .filter_map(|k| found(k).map(|r| (k as u32 + 1, r)))
            .collect(),
    };
    match hits.as_slice() {
        [] => QuoteLocation::NotFound {
            closest: closest_passage(body, quote),
        },
        [(p, r)] => QuoteLocation::Found {
            paragraph: *p,
            range: r.clone(),
        },
        many => QuoteLocation::Several(many.iter().map(|(p, _)| *p).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_once_several_or_closest() {
        let body = vec![
            "Seoul said on Friday that Pyongyang sent troops.".to_owned(),
            "Pyongyang denied it.  Seoul said nothing more.".to_owned(),
        ];
        assert_eq!(
            locate_quote(&body, "sent\ntroops", None),
            QuoteLocation::Found {
                paragraph: 1,
                range: 36..47
            }
        );
        assert_eq!(
            locate_quote(&body, "Seoul said", None),
            QuoteLocation::Several(vec![1, 2])
        );
        assert_eq!(
            locate_quote(&body, "Seoul said", Some(2)),
            QuoteLocation::Found {
                paragraph: 2,
                range: 22..32
            }
        );
        let QuoteLocation::NotFound { closest: Some(p) } =
            locate_quote(&body, "Pyongyang denies it", None)
        else {
            panic!("closest expected");
        };
        assert_eq!(
            (p.paragraph, p.col, p.text.as_str()),
            (2, 1, "Pyongyang denied it")
        );
        assert_eq!(
            locate_quote(&body, "sent troops", Some(9)),
            QuoteLocation::NotFound {
                closest: closest_passage(&body, "sent troops")
            }
        );
    }
}
