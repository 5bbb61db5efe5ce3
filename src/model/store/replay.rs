//! Replaying the journal onto the annotation file.
//!
//! A record is committed once its newline is on disk. So only an
//! unterminated *last* line (and zero bytes a crash can leave in place of
//! unwritten data) is torn and ignored: it was never acknowledged. A complete
//! line that does not parse (from a newer claimtrack, or corrupted) is
//! damage: the records before it still count, nothing is dropped.
//!
//! Records carry `seq`, the history index their first change takes. When
//! the journal extends the snapshot (the usual case) replay is strict: a
//! record the snapshot already holds (an interrupted compaction) is skipped.
//! When it does not (the file was replaced under a crashed instance: a
//! `git pull`, a copy), the journal is replayed *onto* the new file: each of
//! our changes not already in its history is applied on top, and where the
//! file's value of that field was last set by somebody else's change to a
//! different value, both are kept as a conflict. Nothing is moved aside.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use jiff::Timestamp;

use super::error::{Damage, DamagedFile};
use super::format::Record;
use crate::model::annotation::{
    Annotation, AnnotationField, AnnotationSet, Conflict, ConflictSide, Edit,
};
use crate::model::spans::LineCol;

/// The journal's lines, read.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub records: Vec<Record>,
    /// Torn lines at the end, ignored.
    pub torn: usize,
    /// Bytes up to the end of the last good record.
    pub good_len: u64,
    /// The first complete line that is not a record; `records` are those before it.
    pub damage: Option<Damage>,
}

pub(crate) fn parse(bytes: &[u8], path: &Path) -> Parsed {
    let damage = |line: usize, col: usize, message: String| Damage {
        path: path.to_owned(),
        file: DamagedFile::Journal,
        at: Some(LineCol { line, col }),
        message,
    };
    let mut out = Parsed::default();
    let mut offset = 0usize;
    // Lines of zero bytes since the last good record.
    let mut zeros: Option<usize> = None;
    let mut zero_lines = 0;
    for (i, raw) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let line_no = i + 1;
        offset += raw.len();
        let Some(body) = raw.strip_suffix(b"\n") else {
            out.torn += 1;
            break;
        };
        if !body.is_empty() && body.iter().all(|&b| b == 0) {
            zeros.get_or_insert(line_no);
            zero_lines += 1;
            continue;
        }
        let parsed = std::str::from_utf8(body)
            .map_err(|e| {
                let valid =
                    String::from_utf8_lossy(body.get(..e.valid_up_to()).unwrap_or_default());
                (valid.chars().count() + 1, "not valid UTF-8".to_owned())
            })
            .and_then(|text| {
                ron::Options::default()
                    .from_str::<Record>(text)
                    .map_err(|e| (e.span.start.col.max(1), e.code.to_string()))
            });
        match (parsed, zeros) {
            (Ok(_), Some(z)) => {
                out.damage = Some(damage(z, 1, "zero bytes in place of a change".into()));
                return out;
            }
            (Ok(rec), None) => {
                out.records.push(rec);
                out.good_len = offset as u64;
            }
            (Err((col, msg)), _) => {
                out.damage = Some(damage(
                    line_no,
                    col,
                    format!("a change this claimtrack cannot read (from a newer version?): {msg}"),
                ));
                return out;
            }
        }
    }
    out.torn += zero_lines;
    out
}

/// What replaying did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Replay {
    /// Records applied on top of the snapshot.
    pub applied: usize,
    /// Records the snapshot already contained.
    pub already_saved: usize,
    /// The journal did not extend this snapshot and was replayed onto it.
    pub onto: bool,
    /// Conflicts that replaying onto a changed file created.
    pub conflicts: usize,
}

/// The journal does not extend this snapshot (replay it onto it instead).
pub(crate) struct Mismatch;

/// Applies records that extend `set` exactly. On `Err`, `set` may be half
/// changed: start again from the snapshot with [`apply_onto`].
pub(crate) fn apply_strict(
    set: &mut AnnotationSet,
    records: &[Record],
) -> Result<Replay, Mismatch> {
    let mut out = Replay::default();
    for rec in records {
        let len = set.history.len() as u64;
        if rec.seq < len {
            let start = usize::try_from(rec.seq).map_err(|_| Mismatch)?;
            for (k, (claim, edit)) in rec.edits().enumerate() {
                let same = set.history.get(start + k).is_some_and(|h| {
                    h.claim == claim
                        && h.field == edit.field()
                        && h.analyst == rec.analyst
                        && h.at == rec.at
                });
                if !same {
                    return Err(Mismatch);
                }
            }
            out.already_saved += 1;
        } else if rec.seq > len {
            return Err(Mismatch);
        } else {
            for (claim, edit) in rec.edits() {
                let done = match (rec.resolve, &rec.took) {
                    (true, _) => set.resolve(claim, edit, &rec.analyst, rec.at).is_ok(),
                    (false, Some(from)) => set
                        .apply_taken(claim, edit, from, &rec.analyst, rec.at)
                        .is_some(),
                    (false, None) => set.apply(claim, edit, &rec.analyst, rec.at).is_some(),
                };
                if !done {
                    return Err(Mismatch);
                }
            }
            out.applied += 1;
        }
    }
    Ok(out)
}

type Key = (String, AnnotationField, String, Timestamp);

/// Applies our records on top of a file that changed under them.
pub(crate) fn apply_onto(set: &mut AnnotationSet, records: &[Record]) -> Replay {
    let mut out = Replay {
        onto: true,
        ..Replay::default()
    };
    let key = |claim: &str, field, analyst: &str, at| -> Key {
        (claim.to_owned(), field, analyst.to_owned(), at)
    };
    let known: HashSet<Key> = set
        .history
        .iter()
        .map(|c| key(&c.claim, c.field, &c.analyst, c.at))
        .collect();
    let last: HashMap<(String, AnnotationField), (String, Timestamp)> = set
        .history
        .iter()
        .map(|c| ((c.claim.clone(), c.field), (c.analyst.clone(), c.at)))
        .collect();
    let ours: HashSet<Key> = records
        .iter()
        .flat_map(|r| {
            r.edits()
                .map(|(c, e)| key(c, e.field(), &r.analyst, r.at))
                .collect::<Vec<_>>()
        })
        .collect();
    // Fields already checked against the file: our later edits just follow.
    let mut checked: HashSet<(String, AnnotationField)> = HashSet::new();
    for rec in records {
        let mut any = false;
        for (claim, edit) in rec.edits() {
            let field = edit.field();
            if known.contains(&key(claim, field, &rec.analyst, rec.at)) {
                continue;
            }
            if rec.resolve && set.resolve(claim, edit, &rec.analyst, rec.at).is_ok() {
                any = true;
                continue;
            }
            let blank = Annotation::default();
            let on_disk = Edit::value_of(set.get(claim).unwrap_or(&blank), field);
            let mut mine = edit.clone();
            if checked.insert((claim.to_owned(), field))
                && on_disk != *edit
                && let Some((who, when)) = last.get(&(claim.to_owned(), field))
                && !ours.contains(&key(claim, field, who, *when))
            {
                match (&on_disk, &mut mine) {
                    // Sets: keep every entry either side has.
                    (Edit::Tags(theirs), Edit::Tags(v))
                    | (Edit::Evidence(theirs), Edit::Evidence(v)) => {
                        for e in theirs {
                            if !v.contains(e) {
                                v.push(e.clone());
                            }
                        }
                    }
                    _ => {
                        set.add_conflict(Conflict {
                            claim: claim.to_owned(),
                            field,
                            sides: vec![
                                ConflictSide {
                                    value: on_disk.clone(),
                                    analyst: Some(who.clone()),
                                    at: Some(*when),
                                },
                                ConflictSide {
                                    value: edit.clone(),
                                    analyst: Some(rec.analyst.clone()),
                                    at: Some(rec.at),
                                },
                            ],
                        });
                        out.conflicts += 1;
                    }
                }
            }
            any |= match &rec.took {
                Some(from) => set.apply_taken(claim, &mine, from, &rec.analyst, rec.at),
                None => set.apply(claim, &mine, &rec.analyst, rec.at),
            }
            .is_some();
        }
        match any {
            true => out.applied += 1,
            false => out.already_saved += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests;
