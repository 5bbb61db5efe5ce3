//! Exports of a dataset (and, when given, its annotations) to other formats.
//! Every export is deterministic: same input, same bytes, so exports diff well.

pub mod json;

use super::date::DateRange;
use serde::Serialize;

/// A `When` as exported: full dates, open ends null, and the article's own words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportWhen {
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(rename = "as", skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
}

impl ExportWhen {
    pub fn new(r: &DateRange, words: Option<&str>) -> Self {
        Self {
            from: r.from.map(|d| d.to_string()),
            to: r.to.map(|d| d.to_string()),
            words: words.map(str::to_owned),
        }
    }
}
