//! The agreement statistics themselves, on coded ratings: a category is an
//! index `0..k` (its rank, for ordinal data), a missing rating is `None`.
//!
//! Each statistic returns `Err(reason)` when it is undefined (0/0: a single
//! category, too few ratings), so that no NaN can reach a report.

// Dynamic-programming and matrix code indexing within bounds it computes
// from the same slices (unit tests and proptests beside it).
#![allow(clippy::indexing_slicing)]

/// How far apart two categories are, for Krippendorff's α.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Any two different categories disagree equally.
    Nominal,
    /// Categories are ranked; distance grows with the ratings between them.
    Ordinal,
}

/// Why a statistic has no value.
pub type Undefined = String;

/// Krippendorff's α over `units` (each a list of ratings, one per rater,
/// `None` when missing) with `k` categories.
///
/// Follows Krippendorff, "Computing Krippendorff's Alpha-Reliability"
/// (2011): units with fewer than two ratings are not pairable and drop out;
/// the coincidence matrix counts each ordered pair of ratings within a unit
/// with weight 1/(m_u − 1); α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
pub fn krippendorff_alpha(
    units: &[Vec<Option<usize>>],
    k: usize,
    metric: Metric,
) -> Result<f64, Undefined> {
    let mut coincidence = vec![vec![0.0f64; k]; k];
    for unit in units {
        let values: Vec<usize> = unit.iter().flatten().copied().filter(|&v| v < k).collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let w = 1.0 / (m - 1) as f64;
        for (i, &c) in values.iter().enumerate() {
            for (j, &d) in values.iter().enumerate() {
                if i != j {
                    coincidence[c][d] += w;
                }
            }
        }
    }
    let marginals: Vec<f64> = coincidence.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = marginals.iter().sum();
    if n < 2.0 {
        return Err("fewer than two pairable ratings".to_owned());
    }
    let delta = distance_table(&marginals, metric);
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..k {
        for d in 0..k {
            observed += coincidence[c][d] * delta[c][d];
            expected += marginals[c] * marginals[d] * delta[c][d];
        }
    }
    if expected == 0.0 {
        return Err("every rating is the same category: no variation to agree on".to_owned());
    }
    Ok(1.0 - (n - 1.0) * observed / expected)
}

/// δ²_ck for every pair of categories. The ordinal distance uses the
/// marginals: (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)².
fn distance_table(marginals: &[f64], metric: Metric) -> Vec<Vec<f64>> {
    let k = marginals.len();
    (0..k)
        .map(|c| {
            (0..k)
                .map(|d| match metric {
                    Metric::Nominal => f64::from(u8::from(c != d)),
                    Metric::Ordinal => {
                        let (lo, hi) = (c.min(d), c.max(d));
                        let between: f64 = marginals[lo..=hi].iter().sum();
                        let x = between - (marginals[lo] + marginals[hi]) / 2.0;
                        x * x
                    }
                })
                .collect()
        })
        .collect()
}

/// Fleiss' κ over subjects each rated by the same number of raters:
/// `counts[i][j]` is how many raters put subject `i` in category `j`.
pub fn fleiss_kappa(counts: &[Vec<usize>]) -> Result<f64, Undefined> {
    let Some(first) = counts.first() else {
        return Err("no claim is rated by every analyst".to_owned());
    };
    let raters: usize = first.iter().sum();
    if counts.iter().any(|row| row.iter().sum::<usize>() != raters) {
        return Err("subjects are not all rated by the same number of raters".to_owned());
    }
    if raters < 2 {
        return Err("fewer than two raters".to_owned());
    }
    let subjects = counts.len() as f64;
    let m = raters as f64;
    let k = counts.iter().map(Vec::len).max().unwrap_or(0);
    let mut column = vec![0usize; k];
    let mut p_bar = 0.0;
    for row in counts {
        let squares: usize = row.iter().map(|&x| x * x).sum();
        p_bar += (squares - raters) as f64 / (m * (m - 1.0));
        for (j, &x) in row.iter().enumerate() {
            column[j] += x;
        }
    }
    p_bar /= subjects;
    let p_e: f64 = column
        .iter()
        .map(|&x| {
            let p = x as f64 / (subjects * m);
            p * p
        })
        .sum();
    if p_e >= 1.0 {
        return Err("every rating is the same category: chance agreement is 1".to_owned());
    }
    Ok((p_bar - p_e) / (1.0 - p_e))
}

/// Two raters over the items both rated: the confusion matrix
/// (`confusion[a][b]`: items the first put in `a` and the second in `b`).
#[derive(Debug, Clone, PartialEq)]
pub struct PairAgreement {
    pub n: usize,
    pub confusion: Vec<Vec<usize>>,
}

impl PairAgreement {
    pub fn new(pairs: impl IntoIterator<Item = (usize, usize)>, k: usize) -> Self {
        let mut confusion = vec![vec![0; k]; k];
        let mut n = 0;
        for (a, b) in pairs {
            if a < k && b < k {
                confusion[a][b] += 1;
                n += 1;
            }
        }
        Self { n, confusion }
    }

    /// The share of items both put in the same category.
    pub fn observed(&self) -> Result<f64, Undefined> {
        if self.n == 0 {
            return Err("no claim rated by both".to_owned());
        }
        let same: usize = (0..self.confusion.len())
            .map(|i| self.confusion[i][i])
            .sum();
        Ok(same as f64 / self.n as f64)
    }

    /// Cohen's κ = (p_o − p_e) / (1 − p_e), p_e from each rater's marginals.
    pub fn cohen_kappa(&self) -> Result<f64, Undefined> {
        let p_o = self.observed()?;
        let n = self.n as f64;
        let k = self.confusion.len();
        let p_e: f64 = (0..k)
            .map(|c| {
                let first: usize = self.confusion[c].iter().sum();
                let second: usize = self.confusion.iter().map(|row| row[c]).sum();
                (first as f64 / n) * (second as f64 / n)
            })
            .sum();
        if p_e >= 1.0 {
            return Err(
                "both used one and the same category only: chance agreement is 1".to_owned(),
            );
        }
        Ok((p_o - p_e) / (1.0 - p_e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// section C: 4 observers × 12 units, values 1..5, with missing data.
    fn krippendorff_example() -> Vec<Vec<Option<usize>>> {
        let rows: [[u8; 12]; 4] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
            [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
        ];
        (0..12)
            .map(|u| {
                rows.iter()
                    .map(|r| (r[u] > 0).then(|| usize::from(r[u] - 1)))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn krippendorff_published_example_nominal_and_ordinal() {
        let units = krippendorff_example();
        let nominal = krippendorff_alpha(&units, 5, Metric::Nominal).expect("defined");
        let ordinal = krippendorff_alpha(&units, 5, Metric::Ordinal).expect("defined");
        // Exact values of the published 0.743 and 0.815, worked by hand in fractions.
        assert!((nominal - 113.0 / 152.0).abs() < 1e-9, "{nominal}");
        assert!((ordinal - 108_577.0 / 133_160.0).abs() < 1e-9, "{ordinal}");
        assert_eq!(format!("{nominal:.3} {ordinal:.3}"), "0.743 0.815");
    }

    /// Fleiss (1971) as reproduced on Wikipedia ("Fleiss' kappa"): 10
    /// subjects, 14 raters, 5 categories; κ ≈ 0.210.
    #[test]
    fn fleiss_published_example() {
        let counts = vec![
            vec![0, 0, 0, 0, 14],
            vec![0, 2, 6, 4, 2],
            vec![0, 0, 3, 5, 6],
            vec![0, 3, 9, 2, 0],
            vec![2, 2, 8, 1, 1],
            vec![7, 7, 0, 0, 0],
            vec![3, 2, 6, 3, 0],
            vec![2, 5, 3, 2, 2],
            vec![6, 5, 2, 1, 0],
            vec![0, 2, 2, 3, 7],
        ];
        let kappa = fleiss_kappa(&counts).expect("defined");
        // P̄ = 688/1820, P̄e = 4170/19600.
        let (p, pe) = (688.0 / 1820.0, 4170.0 / 19600.0);
        assert!((kappa - (p - pe) / (1.0 - pe)).abs() < 1e-9, "{kappa}");
        assert_eq!(format!("{kappa:.3}"), "0.210");
    }

    /// Wikipedia ("Cohen's kappa"): 50 proposals, yes/yes 20, A yes B no 5,
    /// A no B yes 10, no/no 15: p_o = 0.7, p_e = 0.5, κ = 0.4.
    #[test]
    fn cohen_textbook_example() {
        let pairs = std::iter::repeat_n((0, 0), 20)
            .chain(std::iter::repeat_n((0, 1), 5))
            .chain(std::iter::repeat_n((1, 0), 10))
            .chain(std::iter::repeat_n((1, 1), 15));
        let pair = PairAgreement::new(pairs, 2);
        assert_eq!(pair.confusion, vec![vec![20, 5], vec![10, 15]]);
        assert!((pair.observed().expect("defined") - 0.7).abs() < 1e-9);
        assert!((pair.cohen_kappa().expect("defined") - 0.4).abs() < 1e-9);
    }

    #[test]
    fn undefined_statistics_say_why() {
        let one_category = vec![vec![Some(2), Some(2)], vec![Some(2), Some(2)]];
        assert!(krippendorff_alpha(&one_category, 5, Metric::Nominal).is_err());
        assert!(krippendorff_alpha(&[vec![Some(1), None]], 5, Metric::Ordinal).is_err());
        assert!(fleiss_kappa(&[]).is_err());
        assert!(fleiss_kappa(&[vec![0, 2, 0]]).is_err());
        assert!(fleiss_kappa(&[vec![1, 1], vec![2, 0, 0, 1]]).is_err());
        let same = PairAgreement::new([(1, 1), (1, 1)], 3);
        assert_eq!(same.observed(), Ok(1.0));
        assert!(same.cohen_kappa().is_err());
        assert!(PairAgreement::new([], 3).observed().is_err());
    }

    #[test]
    fn perfect_agreement_is_one() {
        let units = vec![
            vec![Some(0), Some(0), None],
            vec![Some(3), Some(3), Some(3)],
            vec![Some(1), Some(1), Some(1)],
        ];
        for metric in [Metric::Nominal, Metric::Ordinal] {
            assert_eq!(krippendorff_alpha(&units, 5, metric), Ok(1.0));
        }
        assert_eq!(fleiss_kappa(&[vec![0, 3], vec![3, 0]]), Ok(1.0));
    }
}
