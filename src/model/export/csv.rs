//! One row per claim, for spreadsheets: RFC 4180 quoting, UTF-8, LF line
//! ends (with [`Options::excel`]: a UTF-8 byte-order mark and CRLF, without
//! which Excel reads UTF-8 as a legacy code page and garbles accents).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and, in some,
//! TAB or CR) as a formula, so a dataset or a note could smuggle one in
//! ("CSV injection"); LibreOffice and Excel also skip leading spaces and read
//! the full-width `＝＋－＠` as formula signs. Every such cell gets a leading
//! `'`, which spreadsheets read as "text" and hide. Dates ("2024-10-18")
//! never start with those.
//!
//! Lossless cells: a status is written with its symbol (`✗ False`), which no
//! spreadsheet or pandas reads as a boolean; tags and evidence are one JSON
//! array per cell (`["a; b","x"]`), so no separator inside an entry is lost.

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

/// How the CSV is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// A UTF-8 byte-order mark and CRLF line ends, for Excel.
    pub excel: bool,
}

/// Writes the header and one row per claim (ids, not names, for actors and
/// articles: they are stable and join with the JSON export).
pub fn write_csv<W: io::Write>(
    mut out: W,
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
    options: Options,
) -> io::Result<()> {
    let mut builder = ::csv::WriterBuilder::new();
    if options.excel {
        out.write_all("\u{feff}".as_bytes())?;
        builder.terminator(::csv::Terminator::CRLF);
    }
    let mut w = builder.from_writer(out);
    w.write_record(HEADER)?;
    for v in views(loaded, annotations, claims) {
        w.write_record(row(&v).iter().map(|cell| neutralise(cell).into_owned()))?;
    }
    w.flush()
}

/// The CSV as a string.
pub fn to_csv(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
    options: Options,
) -> String {
    let mut buf = Vec::new();
    // Writing to memory cannot fail, and every cell is a `&str`, so the bytes are UTF-8.
    let _ = write_csv(&mut buf, loaded, annotations, claims, options);
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Prefixes `'` to a cell a spreadsheet would take for a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let starts_formula = matches!(cell.chars().next(), Some('\t' | '\r' | '\n'))
        || matches!(
            cell.trim_start().chars().next(),
            Some('=' | '+' | '-' | '@' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}')
        );
    if starts_formula {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A status as the CSV writes it: symbol and label (`✗ False`).
pub fn status_cell(s: crate::model::Status) -> String {
    format!("{} {}", s.symbol(), s.label())
}

/// A list as one cell: a JSON array of strings, lossless whatever they hold.
fn list_cell<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    serde_json::to_string(&items).unwrap_or_default()
}

fn row(v: &ClaimView<'_>) -> [String; 18] {
    let c = v.claim;
    let a = v.annotation;
    let said = ExportWhen::new(&v.said, None);
    let text = |f: fn(&crate::model::Annotation) -> String| a.map(f).unwrap_or_default();
    [
        c.id.to_string(),
        c.article.to_string(),
        c.claimant.to_string(),
        c.via.join(" > "),
        c.stance.label().to_owned(),
        said.from.unwrap_or_default(),
        said.to.unwrap_or_default(),
        c.said_as.clone().unwrap_or_default(),
        c.text.clone(),
        c.quote.text.clone(),
        status_cell(v.status()),
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
        list_cell(&v.tags()),
        list_cell(a.map_or(&[][..], |a| &a.evidence)),
        text(|a| a.by.clone().unwrap_or_default()),
        text(|a| a.at.map(|t| t.to_string()).unwrap_or_default()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=SUM(A1)",
            "+1",
            "-2+3",
            "@cmd",
            "\tx",
            "\rx",
            " =1+1",
            "\u{a0}=1",
            "\u{ff1d}1+1",
            "\u{ff20}x",
        ] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for ok in [
            "2024-10-18",
            "text -2",
            "",
            "'quoted",
            "a=b",
            "[\"=x\"]",
            "✗ False",
        ] {
            assert_eq!(neutralise(ok), ok);
        }
    }
}
