//! One row per claim, for spreadsheets: RFC 4180 quoting, UTF-8.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and, in some,
//! TAB or CR) as a formula, so a dataset or a note could smuggle one in
//! ("CSV injection"). Every such cell gets a leading `'`, which spreadsheets
//! read as "text" and hide. Dates ("2024-10-18") never start with those.

use std::borrow::Cow;
use std::io;

use super::{ClaimView, ExportWhen, views};
use crate::model::{AnnotationSet, ClaimIx, Loaded};

/// The header row, in column order.
pub const HEADER: [&str; 18] = [
    "id",
    "article",
    "claimant",
    "via",
    "stance",
    "said_from",
    "said_to",
    "said_as",
    "text",
    "quote",
    "status",
    "reliability",
    "credibility",
    "note",
    "tags",
    "evidence",
    "annotated_by",
    "annotated_at",
];

/// Writes the header and one row per claim (ids, not names, for actors and
/// articles: they are stable and join with the JSON export).
pub fn write_csv<W: io::Write>(
    out: W,
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for v in views(loaded, annotations, claims) {
        w.write_record(row(&v).iter().map(|cell| neutralise(cell).into_owned()))?;
    }
    w.flush()
}

/// The CSV as a string.
pub fn to_csv(loaded: &Loaded, annotations: Option<&AnnotationSet>, claims: &[ClaimIx]) -> String {
    let mut buf = Vec::new();
    // Writing to memory cannot fail, and every cell is a `&str`, so the bytes are UTF-8.
    let _ = write_csv(&mut buf, loaded, annotations, claims);
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Prefixes `'` to a cell a spreadsheet would take for a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn row(v: &ClaimView<'_>) -> [String; 18] {
    let c = v.claim;
    let a = v.annotation;
    let said = ExportWhen::new(&v.said, None);
    let text = |f: fn(&crate::model::Annotation) -> String| a.map(f).unwrap_or_default();
    [
        c.id.clone(),
        c.article.clone(),
        c.claimant.clone(),
        c.via.join(" > "),
        c.stance.label().to_owned(),
        said.from.unwrap_or_default(),
        said.to.unwrap_or_default(),
        c.said_as.clone().unwrap_or_default(),
        c.text.clone(),
        c.quote.text.clone(),
        v.status().label().to_owned(),
        text(|a| {
            a.reliability
                .map(|r| r.letter().to_string())
                .unwrap_or_default()
        }),
        text(|a| {
            a.credibility
                .map(|c| c.get().to_string())
                .unwrap_or_default()
        }),
        text(|a| a.note.clone()),
        v.tags().join("; "),
        text(|a| a.evidence.join(" ")),
        text(|a| a.by.clone().unwrap_or_default()),
        text(|a| a.at.map(|t| t.to_string()).unwrap_or_default()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for ok in ["2024-10-18", "text -2", "", "'quoted", "a=b"] {
            assert_eq!(neutralise(ok), ok);
        }
    }
}
