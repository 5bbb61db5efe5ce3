//! schema.org `ClaimReview` (JSON-LD) for claims with a final verdict, the
//! markup fact-checkers publish with their reviews. Google retired the
//! ClaimReview rich result in Search in June 2025; Google's Fact Check
//! Explorer and the Fact Check Tools API still read it, as do other
//! fact-check aggregators.
//!
//! Only final statuses are exported (`Status::is_final`). A numeric rating
//! is given only where the verdict is a degree of truth, on 1 (worst) … 5:
//!
//! | status       | ratingValue | why |
//! |--------------|-------------|-----|
//! | Verified     | 5 | confirmed by independent evidence |
//! | Misleading   | 3 | true in part: partly supported |
//! | False        | 1 | contradicted by evidence |
//! | Disputed     | none | not a degree of truth: credible sources disagree |
//! | Unverifiable | none | not a degree of truth: nothing to check it against |
//!
//! (A number for Disputed or Unverifiable would read as "mostly false" on
//! Google's own scale.) Every rating has `alternateName` (the status label,
//! the verdict consumers display) and `name` (the label with its meaning).
//!
//! The text is pasted into `<script type="application/ld+json">`, so `<`, `>`
//! and `&` are written as `\u003c`, `\u003e`, `\u0026` (the same JSON value):
//! a claim quoting `</script>` cannot end the script ([`super::json_text`]).
//! Dates are written with the precision the dataset gives (`2024-10`), never
//! with an invented day.

use serde::Serialize;

use super::json_text::{Escape, to_safe_json};
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
    /// Where each review is published; without it no `url` is written.
    pub review_url: Option<ReviewUrl>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            org: DEFAULT_ORG.to_owned(),
            review_url: None,
        }
    }
}

/// The page of each review (its `url`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewUrl {
    /// One page for all reviews: `<base>#<claim-id>`.
    Base(String),
    /// One page per review: `{id}`, `{article}` and `{dataset}` replaced by
    /// the claim's, its article's and the dataset's ids.
    Template(String),
}

/// The placeholders a [`ReviewUrl::Template`] may use.
pub const PLACEHOLDERS: [&str; 3] = ["{id}", "{article}", "{dataset}"];

impl ReviewUrl {
    /// The url of the review of claim `id` of `article` in `dataset`. Ids
    /// are `[A-Za-z0-9._-]` (validated), so they need no escaping in a URL.
    pub fn for_claim(&self, dataset: &str, article: &str, id: &str) -> String {
        match self {
            Self::Base(base) => format!("{base}#{id}"),
            Self::Template(t) => t
                .replace("{id}", id)
                .replace("{article}", article)
                .replace("{dataset}", dataset),
        }
    }

    /// Checks that every url this makes is an absolute http(s) URL, one per
    /// claim (a template needs `{id}`: Google allows one ClaimReview per page).
    pub fn check(&self) -> Result<(), String> {
        let (sample, what) = match self {
            Self::Base(base) => {
                if base.contains('#') {
                    return Err(format!(
                        "--review-url-base \"{base}\": must not have a #fragment (each review gets #<claim-id>)"
                    ));
                }
                (
                    self.for_claim("dataset", "article", "c01"),
                    "--review-url-base",
                )
            }
            Self::Template(t) => {
                if !t.contains("{id}") {
                    return Err(format!(
                        "--review-url-template \"{t}\": must contain {{id}}, so that each review has a page of its own"
                    ));
                }
                let mut rest = self.for_claim("dataset", "article", "c01");
                for p in PLACEHOLDERS {
                    rest = rest.replace(p, "");
                }
                if let Some(open) = rest.find('{') {
                    let unknown: String = rest[open..].chars().take_while(|&c| c != '}').collect();
                    return Err(format!(
                        "--review-url-template \"{t}\": unknown placeholder {unknown}}} (known: {})",
                        PLACEHOLDERS.join(", ")
                    ));
                }
                (
                    self.for_claim("dataset", "article", "c01"),
                    "--review-url-template",
                )
            }
        };
        match crate::model::web_url::check_http_url(&sample) {
            Ok(()) => Ok(()),
            Err(why) => Err(format!("{what}: \"{sample}\" {why}")),
        }
    }
}

/// The numeric rating of a status (see the module table); `None` for
/// verdicts that are not a degree of truth and for statuses that are not
/// a verdict.
pub fn rating_value(status: Status) -> Option<u8> {
    match status {
        Status::Verified => Some(5),
        Status::Misleading => Some(3),
        Status::False => Some(1),
        Status::Disputed | Status::Unverifiable | Status::Unreviewed | Status::InProgress => None,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
    alternate_name: &'static str,
    name: String,
}

/// A JSON-LD array of `ClaimReview`s, one per given claim with a final status,
/// in the given order.
pub fn to_claimreview(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
    options: &Options,
) -> String {
    to_safe_json(&reviews(loaded, annotations, claims, options), Escape::Html)
}

/// One `<script type="application/ld+json">` block per review, ready to
/// paste into the page that publishes it.
pub fn to_claimreview_html(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[ClaimIx],
    options: &Options,
) -> String {
    let mut out = String::new();
    for r in reviews(loaded, annotations, claims, options) {
        out.push_str("<script type=\"application/ld+json\">\n");
        out.push_str(&to_safe_json(&r, Escape::Html));
        out.push_str("</script>\n");
    }
    out
}

fn reviews<'a>(
    loaded: &'a Loaded,
    annotations: Option<&'a AnnotationSet>,
    claims: &[ClaimIx],
    options: &'a Options,
) -> Vec<Review<'a>> {
    views(loaded, annotations, claims)
        .iter()
        .filter_map(|v| review(&loaded.dataset.id, v, annotations, options))
        .collect()
}

fn review<'a>(
    dataset: &str,
    v: &ClaimView<'a>,
    annotations: Option<&AnnotationSet>,
    options: &'a Options,
) -> Option<Review<'a>> {
    let status = v.status();
    if !status.is_final() {
        return None;
    }
    let rating_value = rating_value(status);
    let scale = |n: u8| rating_value.map(|_| n);
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
        url: (options.review_url.as_ref()).map(|u| u.for_claim(dataset, &v.article.id, id)),
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
            best_rating: scale(BEST_RATING),
            worst_rating: scale(WORST_RATING),
            alternate_name: status.label(),
            name: format!("{}: {}", status.label(), status.meaning()),
        },
        author: Named {
            kind: "Organization",
            name: &options.org,
        },
        date_published: reviewed.map(|t| utc_date(t).to_string()),
    })
}

/// An `On` date with the precision it was given (`2024-10-18`, `2024-10`,
/// `2024`: schema.org `Date` is ISO 8601, which allows all three); ranges and
/// unknown dates have no single date to state.
fn single_date(r: &DateRange) -> Option<String> {
    match r.kind {
        WhenKind::On(_) if r.from.is_some() => Some(r.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_degrees_of_truth_have_a_rating_in_range() {
        for s in Status::ALL {
            match rating_value(s) {
                Some(n) => assert!(
                    s.is_final() && (WORST_RATING..=BEST_RATING).contains(&n),
                    "{s}"
                ),
                None => assert!(
                    matches!(
                        s,
                        Status::Unreviewed
                            | Status::InProgress
                            | Status::Disputed
                            | Status::Unverifiable
                    ),
                    "{s}"
                ),
            }
        }
        assert_eq!(rating_value(Status::Verified), Some(BEST_RATING));
        assert_eq!(rating_value(Status::False), Some(WORST_RATING));
    }

    #[test]
    fn review_urls_are_checked() {
        let t = |s: &str| ReviewUrl::Template(s.into());
        assert!(
            t("https://example.org/checks/{dataset}/{article}/{id}")
                .check()
                .is_ok()
        );
        assert_eq!(
            t("https://example.org/{dataset}/{id}").for_claim("ds", "a1", "c01"),
            "https://example.org/ds/c01"
        );
        for bad in [
            "https://example.org/checks",
            "https://x.org/{id}/{nope}",
            "javascript:{id}",
            "{id}",
        ] {
            assert!(t(bad).check().is_err(), "{bad}");
        }
        let b = |s: &str| ReviewUrl::Base(s.into());
        assert!(b("https://example.org/checks/2024").check().is_ok());
        for bad in [
            "example.org",
            "https://x.org/#a",
            "https://x.org/a b",
            "javascript:alert(1)",
        ] {
            assert!(b(bad).check().is_err(), "{bad}");
        }
    }
}
