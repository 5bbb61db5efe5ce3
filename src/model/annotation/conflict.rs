//! Conflicts: a field that two analysts changed to different values since
//! their copies last agreed. Both values are kept in the annotation file
//! until someone picks one ([`AnnotationSet::resolve`]); nothing is dropped.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{
    ANNOTATION_FORMAT, ANNOTATION_FORMAT_PLAIN, AnnotationField, AnnotationSet, Change, Edit,
};

/// Who a conflict's side came from when its copy did not record it.
pub const UNNAMED: &str = "an unnamed analyst";

/// One field of one claim with competing values.
///
/// In the file it is one line:
/// `Conflict(claim: "c01", field: Status, sides: [(value: Status(Verified),
/// analyst: Some("ana"), at: Some("…")), (value: Status(False), …)])`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub claim: String,
    pub field: AnnotationField,
    /// At least two distinct values, oldest first (then by analyst and
    /// value), so the order never depends on which copy was "ours".
    pub sides: Vec<ConflictSide>,
}

/// One competing value, with who set it and when (from the history of the
/// copy it came from; `None` when that copy did not record it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictSide {
    pub value: Edit,
    pub analyst: Option<String>,
    pub at: Option<Timestamp>,
}

impl ConflictSide {
    /// The order sides are kept in: time, analyst, then the value's text.
    pub(crate) fn sort_key(&self) -> (Option<Timestamp>, Option<&str>, String) {
        (self.at, self.analyst.as_deref(), self.value.value_text())
    }
}

impl Conflict {
    /// Sorts the sides and keeps one per distinct value (the earliest).
    /// `None` when fewer than two distinct values remain: no conflict.
    pub(crate) fn normalised(mut self) -> Option<Conflict> {
        self.sides.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut seen: Vec<Edit> = Vec::new();
        self.sides.retain(|s| {
            let fresh = !seen.contains(&s.value);
            if fresh {
                seen.push(s.value.clone());
            }
            fresh
        });
        (self.sides.len() >= 2).then_some(self)
    }

    /// "Verified (ana) | False (bob)", for messages and the history.
    pub fn describe(&self) -> String {
        self.sides
            .iter()
            .map(|s| {
                let v = s.value.value_text();
                match &s.analyst {
                    Some(a) => format!("{v} ({a})"),
                    None => v,
                }
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// Why a conflict could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// No conflict on that claim's field (already resolved?).
    NoConflict {
        claim: String,
        field: AnnotationField,
    },
    /// The value chosen is none of the competing ones.
    NotASide {
        claim: String,
        field: AnnotationField,
        value: String,
    },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoConflict { claim, field } => {
                write!(f, "no conflict on the {} of {claim}", field.label())
            }
            Self::NotASide {
                claim,
                field,
                value,
            } => write!(
                f,
                "{value:?} is not one of the competing {} values of {claim}",
                field.label()
            ),
        }
    }
}

impl std::error::Error for ResolveError {}

impl AnnotationSet {
    /// How many fields are in conflict.
    pub fn conflict_count(&self) -> usize {
        self.conflicts.len()
    }

    /// The conflict on `claim`'s `field`, if any.
    pub fn conflict(&self, claim: &str, field: AnnotationField) -> Option<&Conflict> {
        self.conflict_index(claim, field)
            .ok()
            .and_then(|i| self.conflicts.get(i))
    }

    /// The conflicts of one claim, by field (a binary search: the list is
    /// sorted by claim, so an export asking once per claim stays linear).
    pub fn conflicts_of<'a>(&'a self, claim: &'a str) -> impl Iterator<Item = &'a Conflict> + 'a {
        let start = self.conflicts.partition_point(|c| c.claim.as_str() < claim);
        self.conflicts
            .iter()
            .skip(start)
            .take_while(move |c| c.claim == claim)
    }

    /// Restores the order the lookups rely on (by claim, then field) after
    /// reading a file that git or a hand edit may have reordered, and joins
    /// two entries for one field into one conflict of all their values. An
    /// entry left with a single distinct value is no conflict and goes: the
    /// claim's own value stands.
    pub(crate) fn repair_conflict_order(&mut self) {
        let mut all = std::mem::take(&mut self.conflicts);
        all.sort_by(|a, b| (a.claim.as_str(), a.field).cmp(&(b.claim.as_str(), b.field)));
        let mut joined: Vec<Conflict> = Vec::with_capacity(all.len());
        for c in all {
            match joined.last_mut() {
                Some(last) if last.claim == c.claim && last.field == c.field => {
                    last.sides.extend(c.sides);
                }
                _ => joined.push(c),
            }
        }
        self.conflicts = joined
            .into_iter()
            .filter_map(Conflict::normalised)
            .collect();
    }

    /// Whether any field of `claim` is in conflict (a binary search: the
    /// list is sorted by claim).
    pub fn has_conflict(&self, claim: &str) -> bool {
        let i = self.conflicts.partition_point(|c| c.claim.as_str() < claim);
        self.conflicts.get(i).is_some_and(|c| c.claim == claim)
    }

    fn conflict_index(&self, claim: &str, field: AnnotationField) -> Result<usize, usize> {
        self.conflicts
            .binary_search_by(|c| (c.claim.as_str(), c.field).cmp(&(claim, field)))
    }

    /// Settles a conflict on `chosen`'s field of `claim` by taking `chosen`,
    /// which must be one of the competing values. The conflict goes, the
    /// value is set, and the history records the choice (old: every competing
    /// value, new: the chosen one), even when the value shown was already it.
    pub fn resolve(
        &mut self,
        claim: &str,
        chosen: &Edit,
        analyst: &str,
        at: Timestamp,
    ) -> Result<Change, ResolveError> {
        let field = chosen.field();
        let Ok(i) = self.conflict_index(claim, field) else {
            return Err(ResolveError::NoConflict {
                claim: claim.to_owned(),
                field,
            });
        };
        let Some(conflict) = self.conflicts.get(i) else {
            return Err(ResolveError::NoConflict {
                claim: claim.to_owned(),
                field,
            });
        };
        if !conflict.sides.iter().any(|s| &s.value == chosen) {
            return Err(ResolveError::NotASide {
                claim: claim.to_owned(),
                field,
                value: chosen.value_text(),
            });
        }
        let took = conflict.sides.iter().find(|s| &s.value == chosen);
        let change = Change {
            claim: claim.to_owned(),
            field,
            old: conflict.describe(),
            new: chosen.value_text(),
            analyst: analyst.to_owned(),
            at,
            took_from: Some(
                took.and_then(|s| s.analyst.clone())
                    .unwrap_or_else(|| UNNAMED.to_owned()),
            ),
        };
        self.conflicts.remove(i);
        let entry = self.claims.entry(claim.to_owned()).or_default();
        chosen.apply_to(entry);
        entry.by = Some(analyst.to_owned());
        entry.at = Some(at);
        self.history.push(change.clone());
        self.normalise_format();
        Ok(change)
    }

    /// Adds a conflict, joining it with one already on the same field.
    pub(crate) fn add_conflict(&mut self, c: Conflict) {
        let joined = match self.conflict_index(&c.claim, c.field) {
            Ok(i) => {
                let mut old = self.conflicts.remove(i);
                old.sides.extend(c.sides);
                old.normalised()
            }
            Err(_) => c.normalised(),
        };
        if let Some(j) = joined
            && let Err(i) = self.conflict_index(&j.claim, j.field)
        {
            self.conflicts.insert(i, j);
        }
        self.normalise_format();
    }

    /// Keeps `conflicts` sorted and unique per (claim, field) and `format`
    /// the lowest that can hold them.
    pub(crate) fn normalise_conflicts(&mut self) {
        self.repair_conflict_order();
        self.normalise_format();
    }

    /// The format this set must be written as: plain unless it has
    /// conflicts or records adjudications (`took_from` in its history),
    /// which earlier builds cannot read.
    pub fn required_format(&self) -> u32 {
        match self.conflicts.is_empty() && self.history.iter().all(|c| c.took_from.is_none()) {
            true => ANNOTATION_FORMAT_PLAIN,
            false => ANNOTATION_FORMAT,
        }
    }

    pub(crate) fn normalise_format(&mut self) {
        self.format = self.required_format();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotation::Status;

    fn t(ms: i64) -> Timestamp {
        Timestamp::from_millisecond(ms).expect("time")
    }

    fn conflicted() -> AnnotationSet {
        let mut set = AnnotationSet::new("ds");
        set.apply("c1", &Edit::Status(Status::False), "bob", t(2));
        set.conflicts.push(Conflict {
            claim: "c1".into(),
            field: AnnotationField::Status,
            sides: vec![
                ConflictSide {
                    value: Edit::Status(Status::Verified),
                    analyst: Some("ana".into()),
                    at: Some(t(1)),
                },
                ConflictSide {
                    value: Edit::Status(Status::False),
                    analyst: Some("bob".into()),
                    at: Some(t(2)),
                },
            ],
        });
        set.normalise_conflicts();
        set
    }

    #[test]
    fn resolving_takes_a_side_and_records_the_choice() {
        let mut set = conflicted();
        assert_eq!(set.format, ANNOTATION_FORMAT);
        assert_eq!(set.conflict_count(), 1);
        assert!(set.has_conflict("c1") && !set.has_conflict("c0") && !set.has_conflict("c2"));
        let c = set
            .resolve("c1", &Edit::Status(Status::Verified), "eve", t(3))
            .expect("resolved");
        assert_eq!(c.old, "Verified (ana) | False (bob)");
        assert_eq!(c.new, "Verified");
        assert_eq!(
            c.adjudication().as_deref(),
            Some("adjudicated: took ana's status")
        );
        assert_eq!(set.status("c1"), Status::Verified);
        assert_eq!(set.conflict_count(), 0);
        // The adjudication is in the history: earlier builds cannot read it.
        assert_eq!(set.format, ANNOTATION_FORMAT);
        assert_eq!(set.history.last(), Some(&c));
        assert!(matches!(
            set.resolve("c1", &Edit::Status(Status::False), "eve", t(4)),
            Err(ResolveError::NoConflict { .. })
        ));
    }

    #[test]
    fn resolving_with_the_value_shown_is_still_recorded() {
        let mut set = conflicted();
        let before = set.history.len();
        set.resolve("c1", &Edit::Status(Status::False), "eve", t(3))
            .expect("resolved");
        assert_eq!(set.history.len(), before + 1);
    }

    #[test]
    fn only_a_competing_value_can_be_chosen() {
        let mut set = conflicted();
        let err = set
            .resolve("c1", &Edit::Status(Status::Disputed), "eve", t(3))
            .expect_err("not a side");
        assert!(matches!(err, ResolveError::NotASide { .. }), "{err}");
        assert_eq!(set.conflict_count(), 1);
    }

    #[test]
    fn sides_are_sorted_and_deduplicated() {
        let side = |v, a: &str, ms| ConflictSide {
            value: Edit::Status(v),
            analyst: Some(a.into()),
            at: Some(t(ms)),
        };
        let c = Conflict {
            claim: "c".into(),
            field: AnnotationField::Status,
            sides: vec![
                side(Status::False, "bob", 5),
                side(Status::Verified, "ana", 1),
                side(Status::False, "cy", 3),
            ],
        }
        .normalised()
        .expect("two values");
        assert_eq!(c.describe(), "Verified (ana) | False (cy)");
        let one = Conflict {
            sides: vec![side(Status::False, "bob", 5), side(Status::False, "x", 1)],
            ..c
        };
        assert!(one.normalised().is_none());
    }
}
