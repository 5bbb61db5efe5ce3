//! Inter-analyst agreement: how far analysts who reviewed the same claims
//! independently agree on one field (status, reliability or credibility).
//!
//! Each annotation file is one analyst. Only verdicts count as ratings:
//! Unreviewed and InProgress (and no entry) are missing, as are the
//! "cannot be judged" grades F and 6, which say nothing about the scale.
//! The statistics are in [`stats`]; this module turns files into ratings
//! and ratings into a [`Report`].

// Dynamic-programming and matrix code indexing within bounds it computes
// from the same slices (unit tests and proptests beside it).
#![allow(clippy::indexing_slicing)]

pub mod stats;

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::model::annotation::{Annotation, AnnotationSet, Reliability, Status};
use stats::{Metric, PairAgreement};

/// The field the analysts are compared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Field {
    #[default]
    Status,
    Reliability,
    Credibility,
}

/// The verdicts, the only statuses that count as a rating.
const VERDICTS: [Status; 5] = [
    Status::Verified,
    Status::Misleading,
    Status::False,
    Status::Disputed,
    Status::Unverifiable,
];

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Reliability => "reliability",
            Self::Credibility => "credibility",
        }
    }

    /// The categories, in rank order for the ordinal grades.
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            Self::Status => &[
                "Verified",
                "Misleading",
                "False",
                "Disputed",
                "Unverifiable",
            ],
            Self::Reliability => &["A", "B", "C", "D", "E"],
            Self::Credibility => &["1", "2", "3", "4", "5"],
        }
    }

    pub fn metric(self) -> Metric {
        match self {
            Self::Status => Metric::Nominal,
            Self::Reliability | Self::Credibility => Metric::Ordinal,
        }
    }

    /// The rating an annotation gives, as a category index; `None` is missing.
    pub fn code(self, a: &Annotation) -> Option<usize> {
        match self {
            Self::Status => VERDICTS.iter().position(|&s| s == a.status),
            Self::Reliability => a
                .reliability
                .filter(|&r| r != Reliability::F)
                .and_then(|r| Reliability::ALL.iter().position(|&x| x == r)),
            Self::Credibility => a
                .credibility
                .map(|c| usize::from(c.get()))
                .filter(|&n| (1..=5).contains(&n))
                .map(|n| n - 1),
        }
    }
}

/// What `claimtrack agreement` reports, in the order it prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub field: &'static str,
    pub raters: Vec<String>,
    /// Claims of the dataset rated by at least two analysts.
    pub items: usize,
    pub rated_by_all: usize,
    pub krippendorff_alpha: Option<f64>,
    pub fleiss_kappa: Option<f64>,
    pub pairs: Vec<Pair>,
    /// Claims whose ratings are not all the same, in dataset order.
    pub disagreements: Vec<String>,
    /// Why a statistic is `null`, and what was left out.
    pub notes: Vec<String>,
}

/// Two analysts over the claims both rated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub raters: [String; 2],
    pub n: usize,
    pub agreement: Option<f64>,
    pub cohen_kappa: Option<f64>,
    pub confusion: Confusion,
}

/// Rows: the first analyst's rating; columns: the second's.
#[derive(Debug, Clone, PartialEq)]
pub struct Confusion {
    pub categories: &'static [&'static str],
    pub counts: Vec<Vec<usize>>,
}

impl Serialize for Confusion {
    /// `{"Verified": {"Verified": 3, "False": 1, ...}, ...}` in category order.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Row<'a>(&'static [&'static str], &'a [usize]);
        impl Serialize for Row<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(self.0.len()))?;
                for (name, n) in self.0.iter().zip(self.1) {
                    map.serialize_entry(name, n)?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(self.categories.len()))?;
        for (name, row) in self.categories.iter().zip(&self.counts) {
            map.serialize_entry(name, &Row(self.categories, row))?;
        }
        map.end()
    }
}

/// The name an annotation file goes by when `--names` does not say: the
/// analyst who made most of its annotations (ties: the first by name), else
/// `fallback` (the file stem).
pub fn rater_name(set: &AnnotationSet, fallback: &str) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in set.claims.values() {
        if let Some(by) = a.by.as_deref().filter(|b| !b.is_empty()) {
            *counts.entry(by).or_default() += 1;
        }
    }
    let best = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .find(|&(_, n)| n == best && n > 0)
        .map_or_else(|| fallback.to_owned(), |(name, _)| name.to_owned())
}

/// Two files by the same analyst would make their pairs unreadable: a later
/// one becomes `name#2` (the CLI and the TUI panel name them alike).
pub fn disambiguate(names: &mut [String]) {
    for i in 1..names.len() {
        let mut n = 2;
        let base = names[i].clone();
        while names[..i].contains(&names[i]) {
            names[i] = format!("{base}#{n}");
            n += 1;
        }
    }
}

impl Field {
    /// The next field, for the TUI panel's switch key.
    pub fn next(self) -> Self {
        match self {
            Self::Status => Self::Reliability,
            Self::Reliability => Self::Credibility,
            Self::Credibility => Self::Status,
        }
    }
}

/// Compares the analysts `raters` (name, annotations) on `field` over the
/// dataset's claims `claims` (in dataset order).
pub fn analyse(field: Field, raters: &[(String, &AnnotationSet)], claims: &[&str]) -> Report {
    let k = field.categories().len();
    let mut notes = Vec::new();
    let known: HashSet<&str> = claims.iter().copied().collect();
    for (name, set) in raters {
        let orphans = set
            .claims
            .keys()
            .filter(|id| !known.contains(id.as_str()))
            .count();
        if orphans > 0 {
            notes.push(format!(
                "{name}: {orphans} annotated claim{} not in the dataset, left out",
                if orphans == 1 { " is" } else { "s are" }
            ));
        }
    }
    // ratings[item][rater], over the claims at least two analysts rated.
    let mut ids = Vec::new();
    let mut ratings: Vec<Vec<Option<usize>>> = Vec::new();
    for &id in claims {
        let row: Vec<Option<usize>> = raters
            .iter()
            .map(|(_, set)| set.get(id).and_then(|a| field.code(a)))
            .collect();
        if row.iter().flatten().count() >= 2 {
            ids.push(id);
            ratings.push(row);
        }
    }
    let mut keep = |r: Result<f64, String>, what: &str| match r {
        Ok(x) if x.is_finite() => Some(x),
        Ok(_) => {
            notes.push(format!("{what}: not a finite number"));
            None
        }
        Err(why) => {
            notes.push(format!("{what}: {why}"));
            None
        }
    };
    let alpha = keep(
        stats::krippendorff_alpha(&ratings, k, field.metric()),
        "krippendorff_alpha",
    );
    let complete: Vec<Vec<usize>> = ratings
        .iter()
        .filter(|row| row.iter().all(Option::is_some))
        .map(|row| {
            let mut counts = vec![0; k];
            for &c in row.iter().flatten() {
                counts[c] += 1;
            }
            counts
        })
        .collect();
    let rated_by_all = complete.len();
    let fleiss = keep(stats::fleiss_kappa(&complete), "fleiss_kappa");
    let mut pairs = Vec::new();
    for a in 0..raters.len() {
        for b in a + 1..raters.len() {
            let both = ratings.iter().filter_map(|row| row[a].zip(row[b]));
            let pair = PairAgreement::new(both, k);
            let who = format!("{} / {}", raters[a].0, raters[b].0);
            let agreement = keep(pair.observed(), &format!("agreement ({who})"));
            let cohen = match pair.n {
                0 => None, // already said: no claim rated by both
                _ => keep(pair.cohen_kappa(), &format!("cohen_kappa ({who})")),
            };
            pairs.push(Pair {
                raters: [raters[a].0.clone(), raters[b].0.clone()],
                n: pair.n,
                agreement,
                cohen_kappa: cohen,
                confusion: Confusion {
                    categories: field.categories(),
                    counts: pair.confusion,
                },
            });
        }
    }
    let disagreements = ids
        .iter()
        .zip(&ratings)
        .filter(|(_, row)| {
            let mut values = row.iter().flatten();
            let first = values.next();
            values.any(|v| Some(v) != first)
        })
        .map(|(id, _)| (*id).to_owned())
        .collect();
    Report {
        field: field.label(),
        raters: raters.iter().map(|(n, _)| n.clone()).collect(),
        items: ids.len(),
        rated_by_all,
        krippendorff_alpha: alpha,
        fleiss_kappa: fleiss,
        pairs,
        disagreements,
        notes,
    }
}

#[cfg(test)]
mod tests;
