//! The bytes on disk: the annotation file (RON, one line per claim and per
//! history entry) and journal records (one RON record per line).

use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::disk::{self, Stamp};
use super::error::{Damage, DamagedFile, IoFailure, StoreError};
use crate::model::annotation::{ANNOTATION_FORMAT, AnnotationSet, Edit, format_supported};
use crate::model::load::{LoadError, MAX_FILE_BYTES, into_text};
use crate::model::spans::{LineCol, Seg, SourceMap};

/// The annotation file's text. Depth 2 puts each claim's annotation and each
/// history entry on a line of its own, so a change diffs as one line; strings
/// are escaped, so a note's newlines never split a line.
pub fn to_ron(set: &AnnotationSet) -> Result<String, StoreError> {
    // The format must say whether conflicts are in (rare: sets are kept normalised).
    if set.format != set.required_format() {
        let mut fixed = set.clone();
        fixed.format = set.required_format();
        return to_ron(&fixed);
    }
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .struct_names(true)
        .indentor("    ");
    let mut text =
        ron::ser::to_string_pretty(set, config).map_err(|e| StoreError::Encode(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// The annotation file as read: the set, its text (the base of a later
/// merge) and its stamp (to notice a change under us).
pub(crate) struct Snapshot {
    pub set: AnnotationSet,
    pub text: String,
    pub stamp: Stamp,
}

/// Why the annotation file could not be read.
pub(crate) enum ReadError {
    /// The bytes are not annotations of this dataset: shown to the user,
    /// who may move the file aside.
    Damage(Damage),
    /// The file system refused (permission denied, not a regular file...):
    /// nothing is known about the content, so it is never called damaged.
    Unreadable(IoFailure),
}

/// Reads an annotation file; `None` when it does not exist.
pub(crate) fn read_snapshot(
    path: &Path,
    dataset: Option<&str>,
) -> Result<Option<Snapshot>, ReadError> {
    let (bytes, meta) = match disk::read(path, MAX_FILE_BYTES) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            return Err(ReadError::Damage(Damage {
                path: path.to_owned(),
                file: DamagedFile::Snapshot,
                at: None,
                message: e.to_string(),
            }));
        }
        Err(e) => return Err(ReadError::Unreadable(IoFailure::new("read", path, e))),
    };
    let stamp = Stamp::new(&meta, &bytes);
    let (set, text) = parse_bytes(path, bytes, dataset).map_err(ReadError::Damage)?;
    Ok(Some(Snapshot { set, text, stamp }))
}

/// Parses the bytes of an annotation file of `dataset` (any when `None`).
pub(crate) fn parse_bytes(
    path: &Path,
    bytes: Vec<u8>,
    dataset: Option<&str>,
) -> Result<(AnnotationSet, String), Damage> {
    let damage = |at, message: String| Damage {
        path: path.to_owned(),
        file: DamagedFile::Snapshot,
        at,
        message,
    };
    let src = match into_text(path, bytes) {
        Ok(src) => src,
        Err(LoadError::Invalid { diagnostics, .. }) => {
            let first = diagnostics.into_iter().next();
            let at = first.as_ref().and_then(|d| d.at);
            let message = first.map_or_else(|| "unreadable".to_owned(), |d| d.message);
            return Err(damage(at, message));
        }
        Err(e) => return Err(damage(None, e.to_string())),
    };
    let set = parse_snapshot(&src).map_err(|(at, msg)| damage(at, msg))?;
    if let Some(expected) = dataset
        && set.dataset != expected
    {
        return Err(damage(
            SourceMap::new(&src).locate(&[Seg::Field("dataset")]),
            format!(
                "these annotations belong to dataset {:?}, not {expected:?}",
                set.dataset
            ),
        ));
    }
    Ok((set, src))
}

fn parse_snapshot(src: &str) -> Result<AnnotationSet, (Option<LineCol>, String)> {
    let unsupported = |v: &str| {
        format!(
            "unsupported annotation format {v} (this build reads formats 1 to {ANNOTATION_FORMAT})"
        )
    };
    match ron::Options::default().from_str::<AnnotationSet>(src) {
        Ok(mut set) if format_supported(set.format) => {
            set.repair_conflict_order();
            Ok(set)
        }
        Ok(set) => {
            let map = SourceMap::new(src);
            Err((
                map.locate(&[Seg::Field("format")]),
                unsupported(&set.format.to_string()),
            ))
        }
        Err(e) => {
            // A merge that stopped half way: point at its first marker line,
            // not where the parser happened to give up.
            if let Some(line) = conflict_marker_line(src) {
                return Err((
                    Some(LineCol { line, col: 1 }),
                    "git conflict marker: the file is half merged (finish the merge, \
                     or use `claimtrack merge`)"
                        .to_owned(),
                ));
            }
            // A newer format usually fails to parse for that very reason: say so.
            let map = SourceMap::new(src);
            if let Some(v) = map.scalar_text(&[Seg::Field("format")])
                && !v.trim().parse().is_ok_and(format_supported)
            {
                return Err((map.locate(&[Seg::Field("format")]), unsupported(v.trim())));
            }
            let at = LineCol {
                line: e.span.start.line.max(1),
                col: e.span.start.col.max(1),
            };
            Err((Some(at), e.code.to_string()))
        }
    }
}

/// The 1-based line of the first git conflict marker (`<<<<<<< `,
/// `=======`, `>>>>>>> ` at the start of a line), if any.
fn conflict_marker_line(src: &str) -> Option<usize> {
    src.lines()
        .position(|l| {
            l.starts_with("<<<<<<<")
                || l.starts_with(">>>>>>>")
                || l.starts_with("|||||||")
                || l.trim_end() == "======="
        })
        .map(|i| i + 1)
}

/// One journal line: a change as the analyst made it. `seq` is the index the
/// change takes in the history; it makes replay idempotent (see `replay`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Record {
    pub seq: u64,
    pub claim: String,
    pub edit: Edit,
    pub analyst: String,
    pub at: Timestamp,
    /// The other edits of the same user action (a bulk edit), in order:
    /// one line, so a crash applies all of them or none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<(String, Edit)>,
    /// `edit` settles a conflict ([`AnnotationSet::resolve`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub resolve: bool,
    /// Every edit takes the value analyst `took` gave (`--compare`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Record {
    /// Every (claim, edit) of the record, in order.
    pub fn edits(&self) -> impl Iterator<Item = (&str, &Edit)> {
        std::iter::once((self.claim.as_str(), &self.edit))
            .chain(self.more.iter().map(|(c, e)| (c.as_str(), e)))
    }

    /// The record as one line, newline included (strings are escaped, so the
    /// only newline is the last byte).
    pub fn line(&self) -> Result<String, StoreError> {
        let mut s = ron::ser::to_string(self).map_err(|e| StoreError::Encode(e.to_string()))?;
        s.push('\n');
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotation::{Credibility, Reliability, Status};

    fn t(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    fn sample() -> AnnotationSet {
        let mut set = AnnotationSet::new("ds");
        let at = t("2024-10-22T10:00:00.5Z");
        set.apply("c02", &Edit::Status(Status::Verified), "ana", at);
        set.apply(
            "c01",
            &Edit::Note("two\nlines, \"quoted\", \u{1b}[31m, \u{2028}".into()),
            "ana",
            at,
        );
        set.apply(
            "c01",
            &Edit::Reliability(Reliability::from_letter('b')),
            "bob",
            at,
        );
        set.apply("c03", &Edit::Credibility(Credibility::new(2)), "bob", at);
        set.apply("c03", &Edit::Evidence(vec!["https://a".into()]), "bob", at);
        set
    }

    #[test]
    fn file_is_one_line_per_claim_and_history_entry_and_round_trips() {
        let set = sample();
        let text = to_ron(&set).expect("encode");
        let lines: Vec<&str> = text.lines().collect();
        let claim_lines: Vec<&&str> = lines
            .iter()
            .filter(|l| l.contains(": Annotation("))
            .collect();
        let change_lines = lines.iter().filter(|l| l.contains("Change(")).count();
        assert_eq!(claim_lines.len(), set.claims.len());
        assert_eq!(change_lines, set.history.len());
        // Sorted by claim id, whatever the order of editing.
        assert!(claim_lines[0].trim_start().starts_with("\"c01\""));
        assert!(claim_lines[2].trim_start().starts_with("\"c03\""));
        let back: AnnotationSet = ron::from_str(&text).expect("parse back");
        assert_eq!(back, set);
        assert_eq!(to_ron(&back).expect("encode"), text, "deterministic");
    }

    #[test]
    fn damage_names_line_and_column_and_newer_formats() {
        let text = to_ron(&sample()).expect("encode");
        let broken = text.replacen("status: Verified", "status: Verifed", 1);
        let (at, msg) = parse_snapshot(&broken).expect_err("bad variant");
        let line = broken
            .lines()
            .position(|l| l.contains("Verifed"))
            .map(|i| i + 1);
        assert_eq!(at.map(|a| a.line), line, "{msg}");

        let newer = text.replacen("format: 1", "format: 3", 1);
        let (at, msg) = parse_snapshot(&newer).expect_err("format 3");
        assert!(msg.contains("unsupported annotation format 3"), "{msg}");
        assert_eq!(at.map(|a| a.line), Some(2));
    }

    /// A conflict list that git or a hand edit left out of order (or split
    /// in two entries for one field) is still found by the lookups that
    /// binary-search it: `has:conflict`, the status line, adjudication.
    #[test]
    fn conflicts_out_of_order_in_the_file_are_all_found() {
        use crate::model::annotation::{AnnotationField, Conflict, ConflictSide, Edit};
        let side = |s: Status, who: &str| ConflictSide {
            value: Edit::Status(s),
            analyst: Some(who.to_owned()),
            at: None,
        };
        let conflict = |claim: &str, a: Status, b: Status| Conflict {
            claim: claim.to_owned(),
            field: AnnotationField::Status,
            sides: vec![side(a, "ana"), side(b, "bob")],
        };
        let mut set = sample();
        set.format = crate::model::annotation::ANNOTATION_FORMAT;
        set.conflicts = vec![
            conflict("c09", Status::Verified, Status::False),
            conflict("c03", Status::Verified, Status::Disputed),
            conflict("c05", Status::False, Status::Disputed),
            conflict("c01", Status::Verified, Status::False),
            conflict("c03", Status::Verified, Status::Unverifiable),
        ];
        let text = to_ron(&set).expect("encode");
        let back = parse_snapshot(&text).expect("parse");
        for id in ["c01", "c03", "c05", "c09"] {
            assert!(back.has_conflict(id), "{id} lost: {:?}", back.conflicts);
        }
        assert!(!back.has_conflict("c02"));
        // The two entries for c03's status are one conflict of three values.
        let c03: Vec<_> = back.conflicts_of("c03").collect();
        assert_eq!(c03.len(), 1, "{c03:?}");
        assert_eq!(c03[0].sides.len(), 3, "{c03:?}");
    }

    #[test]
    fn a_conflict_marker_is_reported_at_its_own_line() {
        let text = to_ron(&sample()).expect("encode");
        let mut lines: Vec<&str> = text.lines().collect();
        // As `git merge` leaves it: markers around two versions of a claim.
        let claim = lines
            .iter()
            .position(|l| l.contains("\"c02\""))
            .expect("c02 line");
        lines.insert(claim, "<<<<<<< HEAD");
        lines.insert(claim + 2, "=======");
        lines.insert(claim + 3, "        \"c02\": Annotation(status: False),");
        lines.insert(claim + 4, ">>>>>>> theirs");
        let merged = lines.join("\n");
        let (at, msg) = parse_snapshot(&merged).expect_err("markers");
        assert_eq!(
            at,
            Some(LineCol {
                line: claim + 1,
                col: 1
            }),
            "{msg}"
        );
        assert!(msg.contains("conflict marker"), "{msg}");
    }

    #[test]
    fn a_record_with_a_multiline_note_is_one_line() {
        let mut r = Record {
            seq: 0,
            claim: "c1".into(),
            edit: Edit::Status(Status::False),
            analyst: "ana".into(),
            at: t("2024-10-22T10:00:00Z"),
            more: Vec::new(),
            resolve: false,
            took: None,
        };
        r.edit = Edit::Note("a\nb\r\nc".into());
        let line = r.line().expect("encode");
        assert_eq!(line.matches('\n').count(), 1);
        assert!(line.ends_with('\n'));
    }
}
