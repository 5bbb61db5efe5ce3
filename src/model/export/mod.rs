//! Exports of a dataset (and, when given, its annotations) to other formats.
//! Every export is deterministic: same input, same bytes, so exports diff well.
//!
//! Each export takes the claims to export as a list of indices, in the order
//! to write them (the CLI passes dataset order; the TUI its filtered view).
//! Indices outside the dataset are skipped.

pub mod claimreview;
pub mod conflicts;
pub mod csv;
pub mod graph;
pub mod html;
pub mod json;
pub mod json_text;
pub mod json_writer;
pub mod markdown;

/// The JSON Schema (draft 2020-12) of the JSON export, shipped as
/// `docs/export.schema.json` and printed by `claimtrack schema`.
pub const JSON_SCHEMA: &str = include_str!("../../../docs/export.schema.json");

use super::date::DateRange;
use crate::model::{
    Actor, Annotation, AnnotationSet, Article, Claim, ClaimIx, Loaded, Short, Status,
};
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

/// One claim with everything the exports show about it, resolved once.
pub struct ClaimView<'a> {
    pub ix: ClaimIx,
    pub claim: &'a Claim,
    pub article: &'a Article,
    pub outlet: &'a Actor,
    pub claimant: &'a Actor,
    /// The reporting chain from the claimant outward.
    pub via: Vec<&'a Actor>,
    pub said: DateRange,
    pub published: DateRange,
    pub annotation: Option<&'a Annotation>,
}

impl<'a> ClaimView<'a> {
    /// Resolves a claim; `None` when the index is not a claim of this dataset.
    pub fn new(
        loaded: &'a Loaded,
        annotations: Option<&'a AnnotationSet>,
        ix: ClaimIx,
    ) -> Option<Self> {
        let (ds, index) = (&loaded.dataset, &loaded.index);
        let i = ix.i();
        let claim = ds.claims.get(i)?;
        let article_ix = *index.claim_article.get(i)?;
        let article = ds.articles.get(article_ix.i())?;
        let outlet = ds
            .actors
            .get(index.article_outlet.get(article_ix.i())?.i())?;
        let claimant = ds.actors.get(index.claim_claimant.get(i)?.i())?;
        let via = index
            .claim_via
            .get(i)
            .iter()
            .filter_map(|a| ds.actors.get(a.i()))
            .collect();
        Some(Self {
            ix,
            claim,
            article,
            outlet,
            claimant,
            via,
            said: *index.claim_said.get(i)?,
            published: *index.article_published.get(article_ix.i())?,
            annotation: annotations.and_then(|set| set.get(&claim.id)),
        })
    }

    pub fn status(&self) -> Status {
        self.annotation.map_or(Status::Unreviewed, |a| a.status)
    }

    /// The dataset's tags, then the analyst's that the dataset lacks.
    pub fn tags(&self) -> Vec<&'a str> {
        let mut tags: Vec<&str> = self.claim.tags.iter().map(Short::as_str).collect();
        for t in self.annotation.iter().flat_map(|a| &a.tags) {
            if !tags.contains(&t.as_str()) {
                tags.push(t);
            }
        }
        tags
    }
}

/// The views of the given claims, in the given order.
pub fn views<'a>(
    loaded: &'a Loaded,
    annotations: Option<&'a AnnotationSet>,
    claims: &[ClaimIx],
) -> Vec<ClaimView<'a>> {
    claims
        .iter()
        .filter_map(|&ix| ClaimView::new(loaded, annotations, ix))
        .collect()
}

/// Every claim of the dataset, in dataset order.
pub fn all_claims(loaded: &Loaded) -> Vec<ClaimIx> {
    (0..loaded.dataset.claims.len())
        .map(ClaimIx::from_usize)
        .collect()
}

/// The UTC calendar date of a timestamp (what `datePublished` and reports show).
pub fn utc_date(t: jiff::Timestamp) -> jiff::civil::Date {
    t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}
