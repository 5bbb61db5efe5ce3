//! The bytes on disk: the annotation file (RON, one line per claim and per
//! history entry) and journal records (one RON record per line).

use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::{Damage, DamagedFile, StoreError};
use crate::model::annotation::{ANNOTATION_FORMAT, AnnotationSet, Edit, format_supported};
use crate::model::load::{TextFileError, read_text_if_exists};
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

/// Reads an annotation file; `None` when it does not exist. Everything else
/// that stops us reading it is damage, to be shown to the user.
pub(crate) fn read_snapshot(
    path: &Path,
    dataset: Option<&str>,
) -> Result<Option<(AnnotationSet, u64)>, Damage> {
    let damage = |at, message: String| Damage {
        path: path.to_owned(),
        file: DamagedFile::Snapshot,
        at,
        message,
    };
    let src = match read_text_if_exists(path) {
        Ok(Some(src)) => src,
        Ok(None) => return Ok(None),
        Err(TextFileError::Io(source)) => {
            return Err(damage(None, format!("cannot read: {source}")));
        }
        Err(TextFileError::Invalid { at, message }) => return Err(damage(at, message)),
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
    Ok(Some((set, src.len() as u64)))
}

fn parse_snapshot(src: &str) -> Result<AnnotationSet, (Option<LineCol>, String)> {
    let unsupported = |v: &str| {
        format!(
            "unsupported annotation format {v} (this build reads formats 1 to {ANNOTATION_FORMAT})"
        )
    };
    match ron::Options::default().from_str::<AnnotationSet>(src) {
        Ok(set) if format_supported(set.format) => Ok(set),
        Ok(set) => {
            let map = SourceMap::new(src);
            Err((
                map.locate(&[Seg::Field("format")]),
                unsupported(&set.format.to_string()),
            ))
        }
        Err(e) => {
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
}

impl Record {
    /// The record as one line, newline included (strings are escaped, so the
    /// only newline is the last byte).
    pub fn line(&self) -> Result<String, StoreError> {
        let mut s = ron::ser::to_string(self).map_err(|e| StoreError::Encode(e.to_string()))?;
        s.push('\n');
        Ok(s)
    }
}

/// What replaying a journal did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Replay {
    /// Records applied on top of the snapshot.
    pub applied: usize,
    /// Records the snapshot already contained (a compaction that was
    /// interrupted before it could empty the journal).
    pub already_saved: usize,
    /// Trailing lines that were cut short or garbled by a crash.
    pub torn: usize,
    /// Bytes up to the end of the last good record.
    pub good_len: u64,
}

/// Applies the journal `bytes` to `set`.
///
/// A record is committed once its newline is on disk, so an unterminated last
/// line is torn. Lines that do not parse are torn too when no good record
/// follows them (several records can be in flight in one retried write);
/// a bad line *followed* by good ones is damage. Records whose `seq` is below
/// the history length are already in the snapshot and are skipped after a
/// check that they match it; a gap means the journal belongs to another file.
pub(crate) fn replay(set: &mut AnnotationSet, bytes: &[u8], path: &Path) -> Result<Replay, Damage> {
    let damage = |line: usize, col: usize, message: String| Damage {
        path: path.to_owned(),
        file: DamagedFile::Journal,
        at: Some(LineCol { line, col }),
        message,
    };
    let mut out = Replay::default();
    let mut offset = 0usize;
    // The first unparsable line since the last good record.
    let mut bad: Option<(usize, usize, String)> = None;
    for (i, raw) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let line_no = i + 1;
        offset += raw.len();
        let Some(body) = raw.strip_suffix(b"\n") else {
            out.torn += 1;
            break;
        };
        let parsed = std::str::from_utf8(body)
            .map_err(|e| {
                let valid = String::from_utf8_lossy(&body[..e.valid_up_to()]);
                (valid.chars().count() + 1, "not valid UTF-8".to_owned())
            })
            .and_then(|text| {
                ron::Options::default()
                    .from_str::<Record>(text)
                    .map_err(|e| (e.span.start.col.max(1), e.code.to_string()))
            });
        let rec = match parsed {
            Ok(rec) => rec,
            Err((col, msg)) => {
                out.torn += 1;
                bad.get_or_insert((line_no, col, msg));
                continue;
            }
        };
        if let Some((line, col, msg)) = bad.take() {
            return Err(damage(line, col, msg));
        }
        let len = set.history.len() as u64;
        if rec.seq < len {
            let h = usize::try_from(rec.seq)
                .ok()
                .and_then(|i| set.history.get(i));
            let same = h.is_some_and(|h| {
                h.claim == rec.claim
                    && h.field == rec.edit.field()
                    && h.analyst == rec.analyst
                    && h.at == rec.at
            });
            if !same {
                return Err(damage(
                    line_no,
                    1,
                    format!(
                        "change {} does not match the annotation file's history",
                        rec.seq
                    ),
                ));
            }
            out.already_saved += 1;
        } else if rec.seq > len {
            return Err(damage(
                line_no,
                1,
                format!(
                    "change {} follows change {len}: changes are missing",
                    rec.seq
                ),
            ));
        } else if set
            .apply(&rec.claim, &rec.edit, &rec.analyst, rec.at)
            .is_some()
        {
            out.applied += 1;
        } else {
            return Err(damage(
                line_no,
                1,
                format!("change {} changes nothing", rec.seq),
            ));
        }
        out.good_len = offset as u64;
    }
    Ok(out)
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

    fn journal(records: &[Record]) -> Vec<u8> {
        records
            .iter()
            .map(|r| r.line().expect("encode"))
            .collect::<String>()
            .into_bytes()
    }

    fn rec(seq: u64, claim: &str, status: Status) -> Record {
        Record {
            seq,
            claim: claim.into(),
            edit: Edit::Status(status),
            analyst: "ana".into(),
            at: t("2024-10-22T10:00:00Z"),
        }
    }

    #[test]
    fn a_record_with_a_multiline_note_is_one_line() {
        let mut r = rec(0, "c1", Status::False);
        r.edit = Edit::Note("a\nb\r\nc".into());
        let line = r.line().expect("encode");
        assert_eq!(line.matches('\n').count(), 1);
        assert!(line.ends_with('\n'));
    }

    #[test]
    fn replay_ignores_a_torn_tail_and_skips_what_the_snapshot_has() {
        let records = [
            rec(0, "c1", Status::Verified),
            rec(1, "c2", Status::False),
            rec(2, "c1", Status::Disputed),
        ];
        let mut bytes = journal(&records);
        let good = bytes.len() as u64;
        bytes.extend_from_slice(b"(seq:3,claim:\"c2\",ed");

        let mut fresh = AnnotationSet::new("ds");
        let r = replay(&mut fresh, &bytes, Path::new("j")).expect("replay");
        assert_eq!((r.applied, r.torn, r.good_len), (3, 1, good));
        assert_eq!(fresh.status("c1"), Status::Disputed);

        // The snapshot already holds the first two (interrupted compaction).
        let mut partial = AnnotationSet::new("ds");
        replay(&mut partial, &journal(&records[..2]), Path::new("j")).expect("replay");
        let r = replay(&mut partial, &bytes, Path::new("j")).expect("replay");
        assert_eq!((r.already_saved, r.applied), (2, 1));
        assert_eq!(partial, fresh, "no duplicated history");

        // Garbage at the end (a crash with several records in flight) is torn.
        let mut tail = journal(&records);
        tail.extend_from_slice(b"\0\0\0\n(seq:9,cl\n");
        let r = replay(&mut AnnotationSet::new("ds"), &tail, Path::new("j")).expect("replay");
        assert_eq!((r.applied, r.torn, r.good_len), (3, 2, good));
    }

    #[test]
    fn replay_reports_damage_in_the_middle_and_foreign_journals() {
        let mut bytes = journal(&[rec(0, "c1", Status::Verified)]);
        bytes.extend_from_slice(b"garbage\n");
        bytes.extend_from_slice(&journal(&[rec(1, "c1", Status::False)]));
        let d = replay(&mut AnnotationSet::new("ds"), &bytes, Path::new("j")).expect_err("damage");
        assert_eq!(
            (d.file, d.at.map(|a| a.line)),
            (DamagedFile::Journal, Some(2))
        );

        let gap = journal(&[rec(5, "c1", Status::Verified)]);
        let d = replay(&mut AnnotationSet::new("ds"), &gap, Path::new("j")).expect_err("gap");
        assert!(d.message.contains("missing"), "{}", d.message);

        let mut other = AnnotationSet::new("ds");
        other.apply(
            "zz",
            &Edit::Status(Status::False),
            "ana",
            t("2020-01-01T00:00:00Z"),
        );
        let d = replay(
            &mut other,
            &journal(&[rec(0, "c1", Status::Verified)]),
            Path::new("j"),
        )
        .expect_err("foreign");
        assert!(d.message.contains("does not match"), "{}", d.message);
    }
}
