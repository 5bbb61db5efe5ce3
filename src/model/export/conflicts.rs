//! Merge conflicts as exports show them: the competing *versions* of a
//! claim's annotation, one per analyst, rather than the file's per-field
//! records, so a reader sees "ana said Verified B2, bob said False B2".

use serde::Serialize;

use crate::model::annotation::{Annotation, Conflict};

/// One analyst's version of a claim in conflict: the annotation as it
/// stands, with that analyst's values in the conflicting fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    pub analyst: Option<String>,
    pub status: &'static str,
    pub reliability: Option<String>,
    pub credibility: Option<u8>,
    pub note: String,
    /// When this analyst set the last of these values.
    pub at: Option<String>,
    /// The fields this version competes on.
    pub fields: Vec<&'static str>,
}

/// (analyst, annotation, latest time, fields), in order of first appearance.
type Draft = (
    Option<String>,
    Annotation,
    Option<jiff::Timestamp>,
    Vec<&'static str>,
);

/// The versions competing in `conflicts` (all of one claim, whose current
/// annotation is `current`), ordered by the time of their values.
pub fn versions<'a>(
    current: &Annotation,
    conflicts: impl Iterator<Item = &'a Conflict>,
) -> Vec<Version> {
    let mut by_analyst: Vec<Draft> = Vec::new();
    for conflict in conflicts {
        for side in &conflict.sides {
            let i = match by_analyst.iter().position(|v| v.0 == side.analyst) {
                Some(i) => i,
                None => {
                    by_analyst.push((side.analyst.clone(), current.clone(), None, Vec::new()));
                    by_analyst.len() - 1
                }
            };
            let Some(v) = by_analyst.get_mut(i) else {
                continue;
            };
            side.value.apply_to(&mut v.1);
            v.2 = v.2.max(side.at);
            let field = conflict.field.label();
            if !v.3.contains(&field) {
                v.3.push(field);
            }
        }
    }
    by_analyst.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    by_analyst
        .into_iter()
        .map(|(analyst, a, at, fields)| Version {
            analyst,
            status: a.status.label(),
            reliability: a.reliability.map(|r| r.letter().to_string()),
            credibility: a.credibility.map(|c| c.get()),
            note: a.note,
            at: at.map(|t| t.to_string()),
            fields,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotation::ConflictSide;
    use crate::model::{AnnotationField, Edit, Reliability, Status};

    #[test]
    fn one_version_per_analyst_with_their_values() {
        let t = |s: &str| s.parse::<jiff::Timestamp>().ok();
        let side = |value, analyst: &str, at| ConflictSide {
            value,
            analyst: Some(analyst.to_owned()),
            at: t(at),
        };
        let conflicts = [
            Conflict {
                claim: "c1".into(),
                field: AnnotationField::Status,
                sides: vec![
                    side(
                        Edit::Status(Status::Verified),
                        "ana",
                        "2026-01-01T00:00:00Z",
                    ),
                    side(Edit::Status(Status::False), "bob", "2026-01-02T00:00:00Z"),
                ],
            },
            Conflict {
                claim: "c1".into(),
                field: AnnotationField::Note,
                sides: vec![
                    side(Edit::Note("a".into()), "ana", "2026-01-03T00:00:00Z"),
                    side(Edit::Note("b".into()), "bob", "2026-01-01T00:00:00Z"),
                ],
            },
        ];
        let current = Annotation {
            reliability: Some(Reliability::B),
            ..Annotation::default()
        };
        let v = versions(&current, conflicts.iter());
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].analyst.as_deref(), v[0].status, v[0].note.as_str()),
            (Some("bob"), "False", "b")
        );
        assert_eq!(
            (v[1].analyst.as_deref(), v[1].status, v[1].note.as_str()),
            (Some("ana"), "Verified", "a")
        );
        assert_eq!(v[1].reliability.as_deref(), Some("B"));
        assert_eq!(v[1].fields, ["status", "note"]);
        assert_eq!(v[1].at.as_deref(), Some("2026-01-03T00:00:00Z"));
    }
}
