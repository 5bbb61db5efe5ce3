//! Review progress: how far the analysts have got, per status, per article
//! and per analyst, over any selection of claims (`claimtrack stats`).

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{AnnotationSet, ArticleIx, ClaimIx, Loaded, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewProgress {
    pub claims: usize,
    /// Counts in [`Status::ALL`] order.
    pub by_status: [usize; 7],
    /// Per article with selected claims, in dataset order.
    pub articles: Vec<ArticleProgress>,
    /// Per analyst who last changed a selected claim's annotation, by name.
    pub analysts: Vec<AnalystProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleProgress {
    pub article: ArticleIx,
    pub claims: usize,
    /// With a final verdict (Verified … Unverifiable).
    pub done: usize,
    pub in_progress: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalystProgress {
    pub analyst: String,
    /// Claims whose annotation this analyst changed last.
    pub claims: usize,
    /// Of those, with a final verdict.
    pub done: usize,
}

impl ReviewProgress {
    pub fn compute(loaded: &Loaded, set: Option<&AnnotationSet>, claims: &[ClaimIx]) -> Self {
        let ds = &loaded.dataset;
        let mut by_status = [0; 7];
        let mut articles: BTreeMap<ArticleIx, ArticleProgress> = BTreeMap::new();
        let mut analysts: BTreeMap<&str, AnalystProgress> = BTreeMap::new();
        for &c in claims {
            let Some(claim) = ds.claims.get(c.i()) else {
                continue;
            };
            let ann = set.and_then(|s| s.get(&claim.id));
            let status = ann.map_or(Status::Unreviewed, |a| a.status);
            by_status[status as usize] += 1;
            if let Some(&a) = loaded.index.claim_article.get(c.i()) {
                let entry = articles.entry(a).or_insert(ArticleProgress {
                    article: a,
                    claims: 0,
                    done: 0,
                    in_progress: 0,
                });
                entry.claims += 1;
                entry.done += usize::from(status.is_final());
                entry.in_progress += usize::from(status == Status::InProgress);
            }
            if let Some(by) = ann.and_then(|a| a.by.as_deref()) {
                let entry = analysts.entry(by).or_insert(AnalystProgress {
                    analyst: by.to_owned(),
                    claims: 0,
                    done: 0,
                });
                entry.claims += 1;
                entry.done += usize::from(status.is_final());
            }
        }
        Self {
            claims: claims.len(),
            by_status,
            articles: articles.into_values().collect(),
            analysts: analysts.into_values().collect(),
        }
    }

    pub fn done(&self) -> usize {
        Status::ALL
            .iter()
            .filter(|s| s.is_final())
            .map(|s| self.by_status[*s as usize])
            .sum()
    }

    /// The text `claimtrack stats` prints (not sanitised: the caller does).
    pub fn render(&self, loaded: &Loaded) -> String {
        let mut out = String::new();
        let pct = |n: usize, of: usize| (n * 100).checked_div(of).unwrap_or(0);
        let _ = writeln!(
            out,
            "review progress: {} of {} claims have a verdict ({}%)",
            self.done(),
            self.claims,
            pct(self.done(), self.claims)
        );
        for s in Status::ALL {
            let n = self.by_status[s as usize];
            let _ = writeln!(
                out,
                "  {:<12} {n:>6} {:>3}%",
                s.label(),
                pct(n, self.claims)
            );
        }
        let _ = writeln!(out, "by article (verdicts/claims):");
        let width = (self.articles.iter())
            .filter_map(|a| loaded.dataset.articles.get(a.article.i()))
            .map(|a| a.id.chars().count())
            .max()
            .unwrap_or(0);
        for a in &self.articles {
            let id = loaded
                .dataset
                .articles
                .get(a.article.i())
                .map_or("", |x| x.id.as_str());
            let _ = write!(
                out,
                "  {id:<width$} {:>6}/{:<6} {:>3}%",
                a.done,
                a.claims,
                pct(a.done, a.claims)
            );
            if a.in_progress > 0 {
                let _ = write!(out, "  {} in progress", a.in_progress);
            }
            out.push('\n');
        }
        let _ = writeln!(out, "by analyst (last change; verdicts/claims):");
        if self.analysts.is_empty() {
            let _ = writeln!(out, "  nobody yet");
        }
        let width = (self.analysts.iter())
            .map(|a| a.analyst.chars().count())
            .max()
            .unwrap_or(0);
        for a in &self.analysts {
            let _ = writeln!(out, "  {:<width$} {:>6}/{:<6}", a.analyst, a.done, a.claims);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, load_bundled};

    #[test]
    fn counts_per_status_article_and_analyst() {
        let loaded = load_bundled().expect("bundled");
        let mut set = AnnotationSet::new(&loaded.dataset.id);
        let t = jiff::Timestamp::UNIX_EPOCH;
        set.apply("c04", &Edit::Status(Status::Verified), "ana", t);
        set.apply("c05", &Edit::Status(Status::InProgress), "ana", t);
        set.apply("c07", &Edit::Status(Status::False), "bob", t);
        let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let p = ReviewProgress::compute(&loaded, Some(&set), &all);
        assert_eq!(p.claims, 22);
        assert_eq!(p.by_status, [19, 1, 1, 0, 1, 0, 0]);
        assert_eq!(p.done(), 2);
        assert_eq!(p.articles.len(), 1);
        assert_eq!(
            (
                p.articles[0].claims,
                p.articles[0].done,
                p.articles[0].in_progress
            ),
            (22, 2, 1)
        );
        let names: Vec<(&str, usize, usize)> = p
            .analysts
            .iter()
            .map(|a| (a.analyst.as_str(), a.claims, a.done))
            .collect();
        assert_eq!(names, [("ana", 2, 1), ("bob", 1, 1)]);
        let text = p.render(&loaded);
        assert!(
            text.starts_with("review progress: 2 of 22 claims have a verdict (9%)\n"),
            "{text}"
        );
        assert!(
            text.contains("  mt-2024-10-22      2/22       9%  1 in progress\n"),
            "{text}"
        );
        assert!(text.contains("  ana      1/2     \n"), "{text}");
        let none = ReviewProgress::compute(&loaded, None, &[]);
        assert!(
            none.render(&loaded)
                .contains("0 of 0 claims have a verdict (0%)")
        );
    }
}
