//! `claimtrack annotate --from FILE.csv`: verdicts in bulk, from the columns
//! `id,status[,reliability,credibility,note,tags,evidence]` as `export
//! --format csv` writes them (status with or without its symbol, lists as
//! JSON arrays or separated by `;` for tags and spaces for evidence) (other columns, such as the claim text, are
//! ignored, so an export can be edited and read back).
//!
//! Every row is checked before anything is applied: one bad row and nothing
//! is written. A column present sets its field on every row (an empty cell
//! clears it); an absent column leaves the field alone.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::collections::HashMap;
use std::path::Path;

use super::CliError;
use super::annotate::{parse_credibility, parse_reliability};
use crate::model::export::csv::neutralise;
use crate::model::{Edit, Loaded, Status, safe_fs};

/// CSV files larger than this are refused rather than read into memory.
const MAX_BYTES: u64 = 256 << 20;

const OPTIONAL: [&str; 5] = ["reliability", "credibility", "note", "tags", "evidence"];

/// The edits each row asks for, in file order; or every problem found.
pub fn read(path: &Path, loaded: &Loaded) -> Result<Vec<(String, Vec<Edit>)>, CliError> {
    let bytes = safe_fs::read_regular(path, MAX_BYTES)
        .map_err(|e| CliError::BadInput(format!("{}: {e}", path.display())))?;
    parse(&bytes, loaded).map_err(|problems| {
        let shown: Vec<String> = problems
            .iter()
            .take(20)
            .map(|p| format!("{}:{p}", path.display()))
            .collect();
        let more = problems.len().saturating_sub(shown.len());
        let tail = match more {
            0 => String::new(),
            n => format!("\n… and {n} more"),
        };
        CliError::BadInput(format!(
            "{}{tail}\n{}: not imported ({} problem{}); nothing written",
            shown.join("\n"),
            path.display(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ))
    })
}

/// Parses the CSV text; problems are `line: message` (or `line:col:`).
pub fn parse(bytes: &[u8], loaded: &Loaded) -> Result<Vec<(String, Vec<Edit>)>, Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| vec![format!("1: cannot read the header: {e}")])?
        .clone();
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(id_col), Some(status_col)) = (column("id"), column("status")) else {
        return Err(vec![
            "1: the header needs the columns `id` and `status`".to_owned(),
        ]);
    };
    let optional: Vec<(&str, Option<usize>)> = OPTIONAL.iter().map(|&n| (n, column(n))).collect();
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(format!("{line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| unneutralise(record.get(i).unwrap_or_default());
        let id = cell(id_col).trim().to_owned();
        let Some(&claim) = loaded.index.claim_by_id.get(id.as_str()) else {
            problems.push(format!(
                "{line}: claim \"{id}\" is not in dataset \"{}\"",
                loaded.dataset.id
            ));
            continue;
        };
        if let Some(first) = seen.insert(id.clone(), line) {
            problems.push(format!(
                "{line}: claim \"{id}\" already given on line {first}"
            ));
            continue;
        }
        let mut edits = Vec::new();
        let status = cell(status_col);
        match Status::parse(&status) {
            Some(s) => edits.push(Edit::Status(s)),
            None => problems.push(format!("{line}: unknown status \"{status}\"")),
        }
        for &(name, col) in &optional {
            let Some(col) = col else { continue };
            let value = cell(col);
            let edit = match name {
                "reliability" => parse_reliability(&value).map(Edit::Reliability),
                "credibility" => parse_credibility(&value).map(Edit::Credibility),
                "note" => Some(Edit::Note(value.trim_end().to_owned())),
                "tags" => {
                    // The export lists the dataset's own tags of the claim
                    // too: they stay in the dataset, not in the annotation.
                    let own = &loaded.dataset.claims[claim.i()].tags;
                    let tags = list(&value, ';')
                        .into_iter()
                        .filter(|t| !own.iter().any(|o| o == t))
                        .collect();
                    Some(Edit::Tags(tags))
                }
                _ => Some(Edit::Evidence(list(&value, ' '))),
            };
            match edit {
                Some(e) => edits.push(e),
                None => problems.push(format!("{line}: bad {name} \"{value}\"")),
            }
        }
        rows.push((id, edits));
    }
    match problems.is_empty() {
        true => Ok(rows),
        false => Err(problems),
    }
}

/// Trimmed, non-empty, unique items.
fn split(value: &str, sep: char) -> impl Iterator<Item = String> + '_ {
    let mut seen: Vec<&str> = Vec::new();
    value
        .split(sep)
        .map(str::trim)
        .filter(move |t| {
            let new = !t.is_empty() && !seen.contains(t);
            if new {
                seen.push(t);
            }
            new
        })
        .map(str::to_owned)
}

/// Undoes the export's formula guard: the `'` it puts before a cell a
/// spreadsheet would run (exactly when `neutralise` would have added it).
fn unneutralise(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if neutralise(rest) == cell => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

/// A list cell: a JSON array of strings as the export writes it, else
/// items split at `sep` (a hand-written file).
fn list(value: &str, sep: char) -> Vec<String> {
    if value.trim_start().starts_with('[')
        && let Ok(items) = serde_json::from_str::<Vec<String>>(value)
    {
        let mut out: Vec<String> = Vec::new();
        for t in items.into_iter().map(|t| t.trim().to_owned()) {
            if !t.is_empty() && !out.contains(&t) {
                out.push(t);
            }
        }
        return out;
    }
    split(value, sep).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Credibility, Reliability, load_bundled};

    #[test]
    fn rows_become_edits_and_every_problem_is_reported() {
        let loaded = load_bundled().expect("bundled");
        let csv = "id,status,reliability,credibility,note,evidence\n\
                   c04,Verified,b,2,'=not a formula,https://a https://b\n\
                   c05,in-progress,,none,,\n";
        let rows = parse(csv.as_bytes(), &loaded).expect("valid");
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].1,
            vec![
                Edit::Status(Status::Verified),
                Edit::Reliability(Some(Reliability::B)),
                Edit::Credibility(Credibility::new(2)),
                Edit::Note("=not a formula".into()),
                Edit::Evidence(vec!["https://a".into(), "https://b".into()]),
            ]
        );
        assert_eq!(rows[1].1[0], Edit::Status(Status::InProgress));
        assert_eq!(rows[1].1[1], Edit::Reliability(None));

        let bad = "id,status,credibility\nc04,Verified,9\nnope,False,1\nc05,Maybe,1\nc04,False,1\n";
        let problems = parse(bad.as_bytes(), &loaded).expect_err("invalid");
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems[0].starts_with("2: bad credibility \"9\""),
            "{problems:?}"
        );
        assert!(problems[1].starts_with("3: claim \"nope\""), "{problems:?}");
        assert!(problems[2].starts_with("4: unknown status"), "{problems:?}");
        assert!(
            problems[3].contains("already given on line 2"),
            "{problems:?}"
        );
        assert!(parse(b"id,note\nc04,x\n", &loaded).is_err());

        // As the export writes them: symbols, JSON lists, guarded formulas.
        let csv = "id,status,note,tags,evidence\n\
                   c04,\u{2717} False,' =1,\"[\"\"a; b\"\",\"\"c\"\"]\",\"[\"\"https://x\"\"]\"\n\
                   c05,Verified,'quoted,,\n";
        let rows = parse(csv.as_bytes(), &loaded).expect("valid");
        assert_eq!(
            rows[0].1,
            vec![
                Edit::Status(Status::False),
                Edit::Note(" =1".into()),
                Edit::Tags(vec!["a; b".into(), "c".into()]),
                Edit::Evidence(vec!["https://x".into()]),
            ]
        );
        assert_eq!(rows[1].1[1], Edit::Note("'quoted".into()));
    }
}
