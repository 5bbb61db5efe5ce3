//! Merging copies of one annotation file, field by field, without losing
//! anybody's work. Pure: no files, no clock.
//!
//! # The rule (per claim, per field)
//!
//! [`merge3`] compares each copy with the common `base`:
//!
//! - a field only one copy changed takes that copy's value;
//! - a field both changed to the *same* value takes it;
//! - a field both changed to *different* values becomes a [`Conflict`]
//!   holding every value with its analyst and time; the annotation shows
//!   the most recent of them until someone resolves it
//!   ([`AnnotationSet::resolve`]);
//! - `evidence` and `tags` are sets: an entry either copy added is added, an
//!   entry either copy removed is removed, so they never conflict (order:
//!   the surviving entries in base order, then the added ones sorted);
//! - conflicts already in the copies are merged the same way (one copy
//!   resolving it while the other left it alone resolves it);
//! - the history is the union of all copies, without duplicates, each
//!   copy's own order kept (interleaved by time where they diverge).
//!
//! [`merge_n`] merges any number of copies made independently (blind
//! review): as [`merge3`] against an empty base, so a field an analyst left
//! at its default is no opinion, and every differing opinion is a conflict.
//!
//! The result never depends on which copy is "ours": only the report
//! (what came in from the others) is told from the first copy's side.

// Dynamic-programming and matrix code indexing within bounds it computes
// from the same slices (unit tests and proptests beside it).
#![allow(clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use jiff::Timestamp;

use super::{Annotation, AnnotationField, AnnotationSet, Change, Conflict, ConflictSide, Edit};

/// The fields merged one by one, in the file's order.
const FIELDS: [AnnotationField; 6] = [
    AnnotationField::Status,
    AnnotationField::Reliability,
    AnnotationField::Credibility,
    AnnotationField::Note,
    AnnotationField::Evidence,
    AnnotationField::Tags,
];

/// The merged set and what the merge did.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Everything from every copy; conflicts old and new in `set.conflicts`.
    pub set: AnnotationSet,
    /// The conflicts this merge created (a subset of `set.conflicts`).
    pub conflicts: Vec<Conflict>,
    pub report: MergeReport,
}

/// What came in from the other copies, as seen from the first ("ours").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Claims whose merged annotation differs from ours, each with the
    /// analysts whose copies changed it (empty when they did not say).
    pub incoming: BTreeMap<String, BTreeSet<String>>,
    /// Conflicts this merge created.
    pub new_conflicts: usize,
    /// Conflicts in the merged set, old and new.
    pub conflicts: usize,
}

impl MergeReport {
    /// Every analyst whose work came in, sorted.
    pub fn analysts(&self) -> BTreeSet<&str> {
        self.incoming
            .values()
            .flatten()
            .map(String::as_str)
            .collect()
    }

    /// "2 claims changed by bob and carol; 1 new conflict", or `None` when
    /// nothing came in. `place` goes after "changed" ("on disk", "in x.ron").
    pub fn summary(&self, place: &str) -> Option<String> {
        let mut parts = Vec::new();
        let n = self.incoming.len();
        if n > 0 {
            let mut s = format!("{n} claim{} changed", plural(n));
            if !place.is_empty() {
                s.push(' ');
                s.push_str(place);
            }
            let who: Vec<&str> = self.analysts().into_iter().collect();
            if !who.is_empty() {
                s.push_str(" by ");
                s.push_str(&join_and(&who));
            }
            parts.push(s);
        }
        if self.new_conflicts > 0 {
            parts.push(format!(
                "{} new conflict{}",
                self.new_conflicts,
                plural(self.new_conflicts)
            ));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Copies that cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// [`merge_n`] was given nothing.
    NoInput,
    /// The copies annotate different datasets.
    Datasets { expected: String, found: String },
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoInput => f.write_str("nothing to merge"),
            Self::Datasets { expected, found } => write!(
                f,
                "cannot merge annotations of dataset {found:?} into dataset {expected:?}"
            ),
        }
    }
}

impl std::error::Error for MergeError {}

/// Merges `ours` and `theirs`, both descended from `base` (see the module
/// comment for the rule).
pub fn merge3(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
) -> Result<Merged, MergeError> {
    same_dataset(&ours.dataset, &[base, theirs])?;
    Ok(merge_sides(base, &[ours, theirs]))
}

/// Merges copies made independently, with no common base (blind review).
pub fn merge_n(files: &[&AnnotationSet]) -> Result<Merged, MergeError> {
    let first = files.first().ok_or(MergeError::NoInput)?;
    same_dataset(&first.dataset, files)?;
    Ok(merge_sides(&AnnotationSet::new(&first.dataset), files))
}

fn same_dataset(expected: &str, sets: &[&AnnotationSet]) -> Result<(), MergeError> {
    match sets.iter().find(|s| s.dataset != expected) {
        Some(s) => Err(MergeError::Datasets {
            expected: expected.to_owned(),
            found: s.dataset.clone(),
        }),
        None => Ok(()),
    }
}

/// The last change each copy made to each (claim, field): who set a value
/// and when. Built only when a conflict needs it.
type LastChanges<'a> = HashMap<(&'a str, AnnotationField), &'a Change>;

struct Sides<'a> {
    sets: &'a [&'a AnnotationSet],
    last: Vec<Option<LastChanges<'a>>>,
}

impl<'a> Sides<'a> {
    fn who(&mut self, i: usize, claim: &str, field: AnnotationField) -> ConflictSideOrigin {
        let set: &'a AnnotationSet = self.sets[i];
        let last = self.last[i].get_or_insert_with(|| {
            set.history
                .iter()
                .map(|c| ((c.claim.as_str(), c.field), c))
                .collect()
        });
        match last.get(&(claim, field)) {
            Some(c) => (Some(c.analyst.clone()), Some(c.at)),
            None => set
                .claims
                .get(claim)
                .map_or((None, None), |a| (a.by.clone(), a.at)),
        }
    }
}

type ConflictSideOrigin = (Option<String>, Option<Timestamp>);

fn merge_sides(base: &AnnotationSet, sides: &[&AnnotationSet]) -> Merged {
    let mut origins = Sides {
        sets: sides,
        last: sides.iter().map(|_| None).collect(),
    };
    let mut ids: BTreeSet<&str> = base.claims.keys().map(String::as_str).collect();
    for s in sides {
        ids.extend(s.claims.keys().map(String::as_str));
    }
    let blank = Annotation::default();
    let mut claims = BTreeMap::new();
    let mut created = Vec::new();
    let mut report = MergeReport::default();
    for id in ids {
        let b = base.claims.get(id);
        let copies: Vec<Option<&Annotation>> = sides.iter().map(|s| s.claims.get(id)).collect();
        let changed: Vec<usize> = (0..copies.len()).filter(|&i| copies[i] != b).collect();
        let merged: Option<Annotation> = match changed.as_slice() {
            [] => b.cloned(),
            [first, rest @ ..] if rest.iter().all(|&i| copies[i] == copies[*first]) => {
                copies[*first].cloned()
            }
            _ => {
                let a = merge_fields(
                    id,
                    b.unwrap_or(&blank),
                    &copies,
                    &changed,
                    &mut origins,
                    &mut created,
                );
                (a != blank).then_some(a)
            }
        };
        if merged.as_ref() != copies.first().copied().flatten() {
            let who = changed
                .iter()
                .filter(|&&i| i != 0)
                .filter_map(|&i| copies[i].and_then(|a| a.by.clone()))
                .collect();
            report.incoming.insert(id.to_owned(), who);
        }
        if let Some(a) = merged {
            claims.insert(id.to_owned(), a);
        }
    }
    let mut set = AnnotationSet::new(sides.first().map_or(&base.dataset, |s| &s.dataset));
    set.claims = claims;
    set.conflicts = merge_conflicts(base, sides, &created);
    set.normalise_conflicts();
    let mut seqs: Vec<&[Change]> = vec![&base.history];
    seqs.extend(sides.iter().map(|s| s.history.as_slice()));
    set.history = merge_history(&seqs);
    report.new_conflicts = created.len();
    report.conflicts = set.conflicts.len();
    Merged {
        set,
        conflicts: created,
        report,
    }
}

/// One claim that at least two copies changed differently.
fn merge_fields(
    id: &str,
    base: &Annotation,
    copies: &[Option<&Annotation>],
    changed: &[usize],
    origins: &mut Sides<'_>,
    created: &mut Vec<Conflict>,
) -> Annotation {
    let blank = Annotation::default();
    let copy = |i: usize| copies[i].unwrap_or(&blank);
    let mut out = base.clone();
    for field in FIELDS {
        let bv = Edit::value_of(base, field);
        let values: Vec<(usize, Edit)> = changed
            .iter()
            .map(|&i| (i, Edit::value_of(copy(i), field)))
            .filter(|(_, v)| v != &bv)
            .collect();
        let value = match values.as_slice() {
            [] => continue,
            [(_, first), rest @ ..] if rest.iter().all(|(_, v)| v == first) => first.clone(),
            _ => match bv {
                Edit::Evidence(b) => Edit::Evidence(merge_list(&b, &values)),
                Edit::Tags(b) => Edit::Tags(merge_list(&b, &values)),
                _ => {
                    let sides = values
                        .iter()
                        .map(|(i, v)| {
                            let (analyst, at) = origins.who(*i, id, field);
                            ConflictSide {
                                value: v.clone(),
                                analyst,
                                at,
                            }
                        })
                        .collect();
                    let conflict = Conflict {
                        claim: id.to_owned(),
                        field,
                        sides,
                    }
                    .normalised();
                    match conflict {
                        Some(c) => {
                            // Shown until resolved: the most recent value.
                            let shown = c.sides.last().map(|s| s.value.clone());
                            created.push(c);
                            match shown {
                                Some(v) => v,
                                None => continue,
                            }
                        }
                        None => continue,
                    }
                }
            },
        };
        value.apply_to(&mut out);
    }
    // Who touched it last, among the copies that changed it.
    let latest = changed
        .iter()
        .map(|&i| copy(i))
        .max_by(|a, b| (a.at, &a.by).cmp(&(b.at, &b.by)));
    if let Some(a) = latest {
        out.by.clone_from(&a.by);
        out.at = a.at;
    }
    out
}

/// Set-merge of a list field: an entry any copy added is in, an entry any
/// copy removed is out.
fn merge_list(base: &[String], values: &[(usize, Edit)]) -> Vec<String> {
    let lists: Vec<&Vec<String>> = values
        .iter()
        .filter_map(|(_, v)| match v {
            Edit::Evidence(l) | Edit::Tags(l) => Some(l),
            _ => None,
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for e in base {
        if lists.iter().all(|l| l.contains(e)) && !out.contains(e) {
            out.push(e.clone());
        }
    }
    let added: BTreeSet<&String> = lists
        .iter()
        .flat_map(|l| l.iter())
        .filter(|e| !base.contains(e))
        .collect();
    out.extend(added.into_iter().cloned());
    out
}

/// Conflicts already in the copies, merged like values, plus the new ones.
fn merge_conflicts(
    base: &AnnotationSet,
    sides: &[&AnnotationSet],
    created: &[Conflict],
) -> Vec<Conflict> {
    let mut keys: BTreeSet<(&str, AnnotationField)> = BTreeSet::new();
    for s in std::iter::once(&base).chain(sides) {
        keys.extend(s.conflicts.iter().map(|c| (c.claim.as_str(), c.field)));
    }
    let mut out: BTreeMap<(String, AnnotationField), Conflict> = BTreeMap::new();
    for (claim, field) in keys {
        let b = base.conflict(claim, field);
        let copies: Vec<Option<&Conflict>> =
            sides.iter().map(|s| s.conflict(claim, field)).collect();
        let changed: Vec<Option<&Conflict>> = copies.into_iter().filter(|c| *c != b).collect();
        let merged = match changed.as_slice() {
            [] => b.cloned(),
            [first, rest @ ..] if rest.iter().all(|c| c == first) => first.cloned(),
            _ => union(claim, field, changed.iter().flatten().copied()),
        };
        if let Some(c) = merged {
            out.insert((claim.to_owned(), field), c);
        }
    }
    for c in created {
        let key = (c.claim.clone(), c.field);
        let merged = match out.remove(&key) {
            Some(old) => union(&c.claim, c.field, [&old, c].into_iter()),
            None => Some(c.clone()),
        };
        if let Some(m) = merged {
            out.insert(key, m);
        }
    }
    out.into_values().collect()
}

fn union<'a>(
    claim: &str,
    field: AnnotationField,
    conflicts: impl Iterator<Item = &'a Conflict>,
) -> Option<Conflict> {
    Conflict {
        claim: claim.to_owned(),
        field,
        sides: conflicts.flat_map(|c| c.sides.iter().cloned()).collect(),
    }
    .normalised()
}

/// The order histories interleave in where they diverge.
fn history_key(c: &Change) -> (Timestamp, &str, &str, AnnotationField, &str, &str) {
    (c.at, &c.analyst, &c.claim, c.field, &c.old, &c.new)
}

/// The union of the histories: repeatedly takes the earliest head of any
/// sequence (by time, then the rest of the entry), so a shared prefix comes
/// out once, each sequence keeps its own order, and the result does not
/// depend on the order of `seqs`. Duplicates are dropped.
fn merge_history(seqs: &[&[Change]]) -> Vec<Change> {
    let mut pos = vec![0usize; seqs.len()];
    let mut out = Vec::with_capacity(seqs.iter().map(|s| s.len()).max().unwrap_or(0));
    let mut seen: HashSet<&Change> = HashSet::with_capacity(out.capacity());
    loop {
        let mut min: Option<&Change> = None;
        for (s, &p) in seqs.iter().zip(&pos) {
            if let Some(c) = s.get(p)
                && min.is_none_or(|m| m != c && history_key(c) < history_key(m))
            {
                min = Some(c);
            }
        }
        let Some(m) = min else { break };
        for (s, p) in seqs.iter().zip(pos.iter_mut()) {
            if s.get(*p) == Some(m) {
                *p += 1;
            }
        }
        if seen.insert(m) {
            out.push(m.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests;
