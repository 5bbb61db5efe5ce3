//! schema.org `ClaimReview` (JSON-LD) for claims with a final verdict, the
//! markup fact-checkers publish so that search engines show their verdicts.
//!
//! Only final statuses are exported (`Status::is_final`). The numeric rating
//! says how far the evidence supports the claim, on 1 (worst) … 5 (best):
//!
//! | status       | ratingValue | why |
//! |--------------|-------------|-----|
//! | Verified     | 5 | confirmed by independent evidence |
//! | Misleading   | 3 | true in part: partly supported |
//! | Disputed     | 2 | not established: credible sources disagree |
//! | Unverifiable | 2 | not established: nothing to check it against (not false!) |
//! | False        | 1 | contradicted by evidence |
//!
//! `alternateName` (the status label) is the verdict search engines display;
//! the number only orders verdicts. Google requires a `url` (the page of the
//! fact check), which exists only with [`Options::review_url_base`].

use serde::Serialize;

use super::{ClaimView, utc_date, views};
use crate::model::{ActorKind, AnnotationSet, ClaimIx, DateRange, Loaded, Status, WhenKind};

/// The reviewing organisation when none is configured.
pub const DEFAULT_ORG: &str = "claimtrack analyst";
pub const BEST_RATING: u8 = 5;
pub const WORST_RATING: u8 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Who publishes the reviews (`author` of each `ClaimReview`).
    pub org: String,
    /// The page the reviews are published on; each review's `url` is
    /// `<base>#<claim-id>`. Without it no `url` is written.
    pub review_url_base: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            org: DEFAULT_ORG.to_owned(),
            review_url_base: None,
        }
    }
}

/// The numeric rating of a final status (see the module table); `None` for
/// statuses that are not a verdict.
pub fn rating_value(status: Status) -> Option<u8> {
    match status {
        Status::Verified => Some(5),
        Status::Misleading => Some(3),
        Status::Disputed | Status::Unverifiable => Some(2),
        Status::False => Some(1),
        Status::Unreviewed | Status::InProgress => None,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Review<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    claim_reviewed: &'a str,
    item_reviewed: ClaimItem<'a>,
    review_rating: Rating,
    author: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    appearance: Appearance<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    publisher: Named<'a>,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    rating_value: u8,
    best_rating: u8,
    worst_rating: u8,
    alternate_name: &'static str,
}

/// A JSON-LD array of `ClaimReview`s, one per given claim with a final status,
/// in the given order.
pub fn to_claimreview(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
    options: &Options,
) -> String {
    let reviews: Vec<Review<'_>> = views(loaded, annotations, claims)
        .iter()
        .filter_map(|v| review(v, annotations, options))
        .collect();
    super::json_text::to_safe_json(&reviews, super::json_text::Escape::Html)
}

fn review<'a>(
    v: &ClaimView<'a>,
    annotations: Option<&AnnotationSet>,
    options: &'a Options,
) -> Option<Review<'a>> {
    let status = v.status();
    let rating_value = rating_value(status)?;
    let id = v.claim.id.as_str();
    // The review's own date: its last change, else the latest change in the
    // history; never today's date, which would be an invented fact.
    let reviewed = v
        .annotation
        .and_then(|a| a.at)
        .or_else(|| annotations.and_then(|set| set.history_of(id).map(|c| c.at).max()));
    Some(Review {
        context: "https://schema.org",
        kind: "ClaimReview",
        url: options
            .review_url_base
            .as_ref()
            .map(|base| format!("{base}#{id}")),
        claim_reviewed: &v.claim.text,
        item_reviewed: ClaimItem {
            kind: "Claim",
            author: Named {
                kind: if v.claimant.kind == ActorKind::Person {
                    "Person"
                } else {
                    "Organization"
                },
                name: &v.claimant.name,
            },
            date_published: single_date(&v.said),
            appearance: Appearance {
                kind: "NewsArticle",
                url: v.article.url.as_deref(),
                headline: &v.article.headline,
                date_published: single_date(&v.published),
                publisher: Named {
                    kind: "Organization",
                    name: &v.outlet.name,
                },
            },
        },
        review_rating: Rating {
            kind: "Rating",
            rating_value,
            best_rating: BEST_RATING,
            worst_rating: WORST_RATING,
            alternate_name: status.label(),
        },
        author: Named {
            kind: "Organization",
            name: &options.org,
        },
        date_published: reviewed.map(|t| utc_date(t).to_string()),
    })
}

/// The first day of an `On` date (day, month or year); ranges and unknown
/// dates have no single date to state.
fn single_date(r: &DateRange) -> Option<String> {
    match r.kind {
        WhenKind::On(_) => r.from.map(|d| d.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_final_statuses_have_a_rating_in_range() {
        for s in Status::ALL {
            match rating_value(s) {
                Some(n) => assert!(
                    s.is_final() && (WORST_RATING..=BEST_RATING).contains(&n),
                    "{s}"
                ),
                None => assert!(!s.is_final(), "{s}"),
            }
        }
        assert_eq!(rating_value(Status::Verified), Some(BEST_RATING));
        assert_eq!(rating_value(Status::False), Some(WORST_RATING));
    }
}
