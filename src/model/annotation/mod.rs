//! The analysts' verification work on a dataset: kept apart from the dataset
//! file (see [`crate::model::store`] for where and how it is saved).
//!
//! Two analysts' copies of the same file are combined by [`merge`]; where
//! they disagree the set keeps every competing value as a [`Conflict`].

mod conflict;
mod history;
pub mod merge;

pub use conflict::{Conflict, ConflictSide, ResolveError};
pub use history::HistoryByClaim;

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The newest annotation file format this build reads and writes: format 1
/// plus a `conflicts` list and adjudications (`took_from`) in the history.
/// A set with neither is written as format 1 (byte for byte what earlier
/// builds wrote), so older builds keep reading it; only a file holding
/// them says 2, which they refuse clearly.
pub const ANNOTATION_FORMAT: u32 = 2;

/// The format of a file without conflicts.
pub const ANNOTATION_FORMAT_PLAIN: u32 = 1;

/// True for the formats this build reads.
pub fn format_supported(format: u32) -> bool {
    (ANNOTATION_FORMAT_PLAIN..=ANNOTATION_FORMAT).contains(&format)
}

/// Verification status; keys `1`..`7` set them in that order.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    Unreviewed,
    InProgress,
    Verified,
    Misleading,
    False,
    Disputed,
    Unverifiable,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Self::Unreviewed,
        Self::InProgress,
        Self::Verified,
        Self::Misleading,
        Self::False,
        Self::Disputed,
        Self::Unverifiable,
    ];

    /// The digit key that sets this status.
    pub fn key(self) -> char {
        match self {
            Self::Unreviewed => '1',
            Self::InProgress => '2',
            Self::Verified => '3',
            Self::Misleading => '4',
            Self::False => '5',
            Self::Disputed => '6',
            Self::Unverifiable => '7',
        }
    }

    pub fn from_key(c: char) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.key() == c)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Unreviewed => "Unreviewed",
            Self::InProgress => "InProgress",
            Self::Verified => "Verified",
            Self::Misleading => "Misleading",
            Self::False => "False",
            Self::Disputed => "Disputed",
            Self::Unverifiable => "Unverifiable",
        }
    }

    /// The symbol shown before the label everywhere (TUI, reports, CSV), so a
    /// status reads without colour and never as a spreadsheet boolean.
    pub fn symbol(self) -> char {
        match self {
            Self::Unreviewed => '·',
            Self::InProgress => '◐',
            Self::Verified => '✓',
            Self::Misleading => '≈',
            Self::False => '✗',
            Self::Disputed => '⇄',
            Self::Unverifiable => '?',
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Self::Unreviewed => "nobody has looked yet",
            Self::InProgress => "being checked",
            Self::Verified => "confirmed by independent evidence",
            Self::Misleading => "true in part, or framed to mislead",
            Self::False => "contradicted by evidence",
            Self::Disputed => "credible sources disagree",
            Self::Unverifiable => "cannot be checked",
        }
    }

    /// A status that ends the review (exported as a ClaimReview verdict).
    pub fn is_final(self) -> bool {
        !matches!(self, Self::Unreviewed | Self::InProgress)
    }

    /// Parses a label case-insensitively ("verified", "in-progress", "InProgress").
    pub fn parse(s: &str) -> Option<Status> {
        let norm: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        Self::ALL
            .into_iter()
            .find(|st| st.label().to_lowercase() == norm)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Admiralty source reliability: A (completely reliable) … E (unreliable), F (cannot be judged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub const ALL: [Reliability; 6] = [Self::A, Self::B, Self::C, Self::D, Self::E, Self::F];

    pub fn letter(self) -> char {
        match self {
            Self::A => 'A',
            Self::B => 'B',
            Self::C => 'C',
            Self::D => 'D',
            Self::E => 'E',
            Self::F => 'F',
        }
    }

    pub fn from_letter(c: char) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.letter() == c.to_ascii_uppercase())
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Self::A => "completely reliable",
            Self::B => "usually reliable",
            Self::C => "fairly reliable",
            Self::D => "not usually reliable",
            Self::E => "unreliable",
            Self::F => "reliability cannot be judged",
        }
    }
}

/// Admiralty information credibility: 1 (confirmed) … 5 (improbable), 6 (cannot be judged).
/// Stored as its number; values outside 1..=6 are rejected when reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Credibility(u8);

impl Credibility {
    pub fn new(n: u8) -> Option<Self> {
        (1..=6).contains(&n).then_some(Self(n))
    }

    pub fn from_digit(c: char) -> Option<Self> {
        c.to_digit(10).and_then(|d| Self::new(d as u8))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn meaning(self) -> &'static str {
        match self.0 {
            1 => "confirmed by other sources",
            2 => "probably true",
            3 => "possibly true",
            4 => "doubtful",
            5 => "improbable",
            _ => "truth cannot be judged",
        }
    }
}

impl TryFrom<u8> for Credibility {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        Self::new(n).ok_or_else(|| format!("credibility {n} is outside 1..=6"))
    }
}

impl From<Credibility> for u8 {
    fn from(c: Credibility) -> u8 {
        c.0
    }
}

/// One claim's annotation. A claim with no entry is `Unreviewed` with nothing else.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub reliability: Option<Reliability>,
    #[serde(default)]
    pub credibility: Option<Credibility>,
    #[serde(default)]
    pub note: String,
    /// Evidence links (URLs or references), one per entry.
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who made the last change, and when (UTC).
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub at: Option<Timestamp>,
}

impl Annotation {
    /// Nothing recorded but who touched it last: as good as no entry.
    pub fn is_blank(&self) -> bool {
        self.status == Status::Unreviewed
            && self.reliability.is_none()
            && self.credibility.is_none()
            && self.note.is_empty()
            && self.evidence.is_empty()
            && self.tags.is_empty()
    }

    /// The edits that would give a blank annotation this one's values.
    pub fn as_edits(&self) -> Vec<Edit> {
        let blank = Annotation::default();
        [
            AnnotationField::Status,
            AnnotationField::Reliability,
            AnnotationField::Credibility,
            AnnotationField::Note,
            AnnotationField::Evidence,
            AnnotationField::Tags,
        ]
        .into_iter()
        .map(|f| Edit::value_of(self, f))
        .filter(|e| *e != Edit::value_of(&blank, e.field()))
        .collect()
    }

    /// "B2", "B-", "-2" or "" when ungraded.
    pub fn grading(&self) -> String {
        match (self.reliability, self.credibility) {
            (None, None) => String::new(),
            (r, c) => format!(
                "{}{}",
                r.map_or('-', Reliability::letter),
                c.map_or("-".to_string(), |c| c.get().to_string())
            ),
        }
    }
}

/// Which part of an annotation a change touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AnnotationField {
    Status,
    Reliability,
    Credibility,
    Note,
    Evidence,
    Tags,
}

impl AnnotationField {
    pub fn label(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Reliability => "reliability",
            Self::Credibility => "credibility",
            Self::Note => "note",
            Self::Evidence => "evidence",
            Self::Tags => "tags",
        }
    }
}

/// An edit an analyst makes to one claim's annotation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Edit {
    Status(Status),
    Reliability(Option<Reliability>),
    Credibility(Option<Credibility>),
    Note(String),
    Evidence(Vec<String>),
    Tags(Vec<String>),
}

impl Edit {
    pub fn field(&self) -> AnnotationField {
        match self {
            Self::Status(_) => AnnotationField::Status,
            Self::Reliability(_) => AnnotationField::Reliability,
            Self::Credibility(_) => AnnotationField::Credibility,
            Self::Note(_) => AnnotationField::Note,
            Self::Evidence(_) => AnnotationField::Evidence,
            Self::Tags(_) => AnnotationField::Tags,
        }
    }

    /// The edit that would restore `a`'s current value of this field.
    pub fn inverse_for(&self, a: &Annotation) -> Edit {
        match self {
            Self::Status(_) => Self::Status(a.status),
            Self::Reliability(_) => Self::Reliability(a.reliability),
            Self::Credibility(_) => Self::Credibility(a.credibility),
            Self::Note(_) => Self::Note(a.note.clone()),
            Self::Evidence(_) => Self::Evidence(a.evidence.clone()),
            Self::Tags(_) => Self::Tags(a.tags.clone()),
        }
    }

    /// Human text of the value this edit sets ("Verified", "B", "2", the note...).
    pub fn value_text(&self) -> String {
        match self {
            Self::Status(s) => s.label().to_string(),
            Self::Reliability(r) => r.map_or(String::new(), |r| r.letter().to_string()),
            Self::Credibility(c) => c.map_or(String::new(), |c| c.get().to_string()),
            Self::Note(n) => n.clone(),
            Self::Evidence(v) | Self::Tags(v) => v.join(", "),
        }
    }

    /// The value `a` has in `field`, as the edit that would set it.
    pub fn value_of(a: &Annotation, field: AnnotationField) -> Edit {
        match field {
            AnnotationField::Status => Self::Status(a.status),
            AnnotationField::Reliability => Self::Reliability(a.reliability),
            AnnotationField::Credibility => Self::Credibility(a.credibility),
            AnnotationField::Note => Self::Note(a.note.clone()),
            AnnotationField::Evidence => Self::Evidence(a.evidence.clone()),
            AnnotationField::Tags => Self::Tags(a.tags.clone()),
        }
    }

    pub fn apply_to(&self, a: &mut Annotation) {
        match self {
            Self::Status(s) => a.status = *s,
            Self::Reliability(r) => a.reliability = *r,
            Self::Credibility(c) => a.credibility = *c,
            Self::Note(n) => a.note.clone_from(n),
            Self::Evidence(v) => a.evidence.clone_from(v),
            Self::Tags(v) => a.tags.clone_from(v),
        }
    }
}

/// One recorded change: the history is append-only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub claim: String,
    pub field: AnnotationField,
    pub old: String,
    pub new: String,
    pub analyst: String,
    pub at: Timestamp,
    /// An adjudication: whose value `analyst` took (a conflict's side, or
    /// another analyst's file in `--compare`). Absent from the file when
    /// `None`; a file holding one is format 2 (see [`AnnotationSet::required_format`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took_from: Option<String>,
}

impl Change {
    /// "adjudicated: took bob's status", for a change that is an adjudication.
    pub fn adjudication(&self) -> Option<String> {
        self.took_from
            .as_ref()
            .map(|who| format!("adjudicated: took {who}'s {}", self.field.label()))
    }
}

/// Everything annotated on one dataset, as stored in the annotation file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationSet {
    pub format: u32,
    /// The dataset id these annotations belong to.
    pub dataset: String,
    /// Sorted by claim id so that the file diffs one line per claim.
    #[serde(default)]
    pub claims: BTreeMap<String, Annotation>,
    /// Fields two analysts changed to different values, sorted by claim and
    /// field, one line each; absent from the file when empty (format 1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub history: Vec<Change>,
}

impl AnnotationSet {
    pub fn new(dataset: &str) -> Self {
        Self {
            format: ANNOTATION_FORMAT_PLAIN,
            dataset: dataset.to_owned(),
            claims: BTreeMap::new(),
            conflicts: Vec::new(),
            history: Vec::new(),
        }
    }

    pub fn get(&self, claim: &str) -> Option<&Annotation> {
        self.claims.get(claim)
    }

    pub fn status(&self, claim: &str) -> Status {
        self.claims
            .get(claim)
            .map_or(Status::Unreviewed, |a| a.status)
    }

    /// Applies an edit, records it in the history and returns the change, or
    /// `None` when the edit sets the value it already had.
    pub fn apply(
        &mut self,
        claim: &str,
        edit: &Edit,
        analyst: &str,
        at: Timestamp,
    ) -> Option<Change> {
        // Decide before inserting: a no-op edit must not leave a blank entry.
        let old = edit.inverse_for(self.claims.get(claim).unwrap_or(&Annotation::default()));
        if &old == edit {
            return None;
        }
        let entry = self.claims.entry(claim.to_owned()).or_default();
        edit.apply_to(entry);
        entry.by = Some(analyst.to_owned());
        entry.at = Some(at);
        let change = Change {
            claim: claim.to_owned(),
            field: edit.field(),
            old: old.value_text(),
            new: edit.value_text(),
            analyst: analyst.to_owned(),
            at,
            took_from: None,
        };
        self.history.push(change.clone());
        Some(change)
    }

    /// [`AnnotationSet::apply`] as an adjudication: the value is the one
    /// analyst `from` gave, and the history says so.
    pub fn apply_taken(
        &mut self,
        claim: &str,
        edit: &Edit,
        from: &str,
        analyst: &str,
        at: Timestamp,
    ) -> Option<Change> {
        let mut change = self.apply(claim, edit, analyst, at)?;
        change.took_from = Some(from.to_owned());
        if let Some(last) = self.history.last_mut() {
            last.took_from = Some(from.to_owned());
        }
        self.normalise_format();
        Some(change)
    }

    /// The history of one claim, oldest first.
    pub fn history_of<'a>(&'a self, claim: &'a str) -> impl Iterator<Item = &'a Change> + 'a {
        self.history.iter().filter(move |c| c.claim == claim)
    }

    /// Claim ids annotated here that the dataset does not have: kept, never
    /// dropped (blank entries, left by a re-attach, are not listed).
    pub fn orphans<'a>(
        &'a self,
        exists: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.claims
            .iter()
            .filter(move |(id, a)| !exists(id) && !a.is_blank())
            .map(|(id, _)| id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_key(s.key()), Some(s));
            assert_eq!(Status::parse(s.label()), Some(s));
        }
        assert_eq!(Status::parse("in-progress"), Some(Status::InProgress));
        assert_eq!(Status::from_key('8'), None);
    }

    #[test]
    fn apply_records_history_and_skips_no_ops() {
        let mut set = AnnotationSet::new("ds");
        let t = Timestamp::UNIX_EPOCH;
        let c = set
            .apply("c01", &Edit::Status(Status::Verified), "ana", t)
            .expect("changed");
        assert_eq!((c.old.as_str(), c.new.as_str()), ("Unreviewed", "Verified"));
        assert!(
            set.apply("c01", &Edit::Status(Status::Verified), "ana", t)
                .is_none()
        );
        assert!(
            set.apply("c09", &Edit::Status(Status::Unreviewed), "ana", t)
                .is_none()
        );
        assert!(
            set.get("c09").is_none(),
            "a no-op edit leaves no blank entry"
        );
        set.apply(
            "c01",
            &Edit::Reliability(Reliability::from_letter('b')),
            "ana",
            t,
        );
        assert_eq!(
            set.get("c01").map(Annotation::grading).as_deref(),
            Some("B-")
        );
        assert_eq!(set.history_of("c01").count(), 2);
        assert_eq!(
            set.orphans(|id| id == "c02").collect::<Vec<_>>(),
            vec!["c01"]
        );
    }

    #[test]
    fn credibility_is_range_checked() {
        assert!(Credibility::new(0).is_none() && Credibility::new(7).is_none());
        assert_eq!(Credibility::from_digit('6').map(Credibility::get), Some(6));
        let bad: Result<Annotation, _> = ron::from_str("(credibility: Some(9))");
        assert!(bad.is_err());
    }
}
