//! Comparing analysts' annotation sets claim by claim (`claimtrack
//! --compare`): do the analysts who gave a verdict on a claim agree?
//!
//! A verdict is a final status (Verified, Misleading, False, Disputed,
//! Unverifiable, as in `agreement`) with its grading: two verdicts agree
//! when status, reliability and credibility are all the same. Unreviewed
//! and InProgress are no verdict. Notes and evidence are shown side by side
//! but not compared: two analysts rarely word a note alike.

use super::annotation::{Annotation, Credibility, Reliability, Status};

/// What an analyst concluded about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub status: Status,
    pub reliability: Option<Reliability>,
    pub credibility: Option<Credibility>,
}

impl Verdict {
    /// The verdict an annotation gives; `None` while the status is not final.
    pub fn of(a: &Annotation) -> Option<Verdict> {
        a.status.is_final().then_some(Verdict {
            status: a.status,
            reliability: a.reliability,
            credibility: a.credibility,
        })
    }
}

/// How the analysts' verdicts on one claim compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Agreement {
    /// Nobody gave a verdict.
    Unrated,
    /// Exactly one analyst did.
    One,
    /// Two or more did, all the same.
    Agree,
    /// Two or more did, not all the same.
    Disagree,
    /// Your own file holds a merge conflict on the claim.
    Conflict,
}

impl Agreement {
    pub const ALL: [Agreement; 5] = [
        Self::Agree,
        Self::Disagree,
        Self::Conflict,
        Self::One,
        Self::Unrated,
    ];

    /// The one-cell mark in the claims list.
    pub fn glyph(self) -> char {
        match self {
            Self::Unrated => ' ',
            Self::One => '1',
            Self::Agree => '=',
            Self::Disagree => '≠',
            Self::Conflict => '!',
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Self::Unrated => "no verdict yet",
            Self::One => "rated by one analyst",
            Self::Agree => "all who rated it agree",
            Self::Disagree => "the analysts disagree",
            Self::Conflict => "a merge conflict in your file",
        }
    }

    /// What adjudication is for: disagreements and conflicts.
    pub fn is_contested(self) -> bool {
        matches!(self, Self::Disagree | Self::Conflict)
    }
}

/// Compares the verdicts on one claim: yours (`own`, with whether your
/// file has a conflict on it) and the other analysts' (`others`, `None`
/// where a file has nothing on the claim).
pub fn agreement(
    own: Option<&Annotation>,
    own_conflict: bool,
    others: &[Option<&Annotation>],
) -> Agreement {
    if own_conflict {
        return Agreement::Conflict;
    }
    let mut verdicts = std::iter::once(own)
        .chain(others.iter().copied())
        .flatten()
        .filter_map(Verdict::of);
    let Some(first) = verdicts.next() else {
        return Agreement::Unrated;
    };
    let mut n = 1;
    let mut differ = false;
    for v in verdicts {
        n += 1;
        differ |= v != first;
    }
    match (n, differ) {
        (1, _) => Agreement::One,
        (_, false) => Agreement::Agree,
        (_, true) => Agreement::Disagree,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(status: Status, grade: Option<char>) -> Annotation {
        Annotation {
            status,
            reliability: grade.and_then(Reliability::from_letter),
            ..Annotation::default()
        }
    }

    #[test]
    fn only_verdicts_are_compared() {
        let v = ann(Status::Verified, None);
        let busy = ann(Status::InProgress, Some('B'));
        assert_eq!(agreement(None, false, &[None, None]), Agreement::Unrated);
        assert_eq!(
            agreement(Some(&busy), false, &[Some(&busy)]),
            Agreement::Unrated
        );
        assert_eq!(agreement(None, false, &[Some(&v), None]), Agreement::One);
        assert_eq!(
            agreement(Some(&busy), false, &[Some(&v)]),
            Agreement::One,
            "in progress is no verdict"
        );
    }

    #[test]
    fn verdicts_agree_on_status_and_grading() {
        let v = ann(Status::Verified, Some('B'));
        let also = Annotation {
            note: "worded otherwise".into(),
            ..v.clone()
        };
        let f = ann(Status::False, Some('B'));
        let v_c = ann(Status::Verified, Some('C'));
        assert_eq!(
            agreement(None, false, &[Some(&v), Some(&also)]),
            Agreement::Agree
        );
        assert_eq!(agreement(Some(&v), false, &[Some(&v)]), Agreement::Agree);
        assert_eq!(
            agreement(None, false, &[Some(&v), Some(&f)]),
            Agreement::Disagree
        );
        assert_eq!(
            agreement(Some(&v), false, &[Some(&v), Some(&v_c)]),
            Agreement::Disagree,
            "the grading counts"
        );
    }

    #[test]
    fn a_conflict_in_your_file_comes_first() {
        let v = ann(Status::Verified, None);
        assert_eq!(agreement(Some(&v), true, &[Some(&v)]), Agreement::Conflict);
        assert!(Agreement::Conflict.is_contested() && Agreement::Disagree.is_contested());
        assert!(!Agreement::Agree.is_contested() && !Agreement::One.is_contested());
        let glyphs: std::collections::HashSet<char> =
            Agreement::ALL.iter().map(|a| a.glyph()).collect();
        assert_eq!(glyphs.len(), Agreement::ALL.len(), "one glyph each");
    }
}
