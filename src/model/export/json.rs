//! The normalised JSON export: ids resolved, dates expanded to `from`/`to`.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use serde::Serialize;

use super::ExportWhen;
use crate::model::annotation::HistoryByClaim;
use crate::model::{Annotation, AnnotationSet, Change, ClaimIx, Loaded};

#[derive(Serialize)]
struct Doc<'a, 'f> {
    format: u32,
    id: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    articles: Each<'f, Article<'a>>,
    actors: Each<'f, Actor<'a>>,
    claims: Each<'f, Claim<'a>>,
    events: Each<'f, Event<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    orphaned_annotations: Vec<AnnotationOut<'a>>,
}

/// A list made item by item while it is written, never collected: the
/// export of 100k claims built 100k structs (and their vectors) first.
struct Each<'f, T>(usize, &'f dyn Fn(usize) -> T);

impl<T: Serialize> Serialize for Each<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..self.0).map(self.1))
    }
}

/// A claim's relations, written as `{kind, claim}` objects.
struct Relations<'a>(&'a [crate::model::Relation]);

impl Serialize for Relations<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|r| Relation {
            kind: r.kind().label(),
            claim: r.target(),
        }))
    }
}

/// A claim's events, written as their ids.
struct EventIds<'a>(&'a crate::model::Dataset, &'a [crate::model::EventIx]);

impl Serialize for EventIds<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|e| self.0.events[e.i()].id.as_str()))
    }
}

#[derive(Serialize)]
struct Article<'a> {
    id: &'a str,
    headline: &'a str,
    outlet: &'a str,
    url: Option<&'a str>,
    published: ExportWhen,
    credit: Option<&'a str>,
    body: &'a [String],
}

#[derive(Serialize)]
struct Actor<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    aliases: &'a [String],
    part_of: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Quote<'a> {
    paragraph: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct Relation<'a> {
    kind: &'a str,
    claim: &'a str,
}

#[derive(Serialize)]
struct Claim<'a> {
    id: &'a str,
    article: &'a str,
    text: &'a str,
    quote: Quote<'a>,
    claimant: &'a str,
    via: &'a [String],
    about: &'a [String],
    stance: &'a str,
    said: ExportWhen,
    relations: Relations<'a>,
    tags: &'a [String],
    events: EventIds<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotation: Option<AnnotationOut<'a>>,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<&'a str>,
    status: &'a str,
    reliability: Option<String>,
    credibility: Option<u8>,
    note: &'a str,
    evidence: &'a [String],
    tags: &'a [String],
    by: Option<&'a str>,
    at: Option<String>,
    history: &'a [&'a Change],
    /// Competing versions left by a merge, one per analyst (see `versions`).
    conflicts: Vec<super::conflicts::Version>,
}

impl<'a> AnnotationOut<'a> {
    fn new(
        claim: Option<&'a str>,
        id: &'a str,
        a: Option<&'a Annotation>,
        set: &'a AnnotationSet,
        history: &'a HistoryByClaim<'a>,
    ) -> Self {
        static BLANK: std::sync::OnceLock<Annotation> = std::sync::OnceLock::new();
        let a = a.unwrap_or_else(|| BLANK.get_or_init(Annotation::default));
        Self {
            claim,
            status: a.status.label(),
            reliability: a.reliability.map(|r| r.letter().to_string()),
            credibility: a.credibility.map(|c| c.get()),
            note: &a.note,
            evidence: &a.evidence,
            tags: &a.tags,
            by: a.by.as_deref(),
            at: a.at.map(|t| t.to_string()),
            history: history.of(id),
            conflicts: super::conflicts::versions(a, set.conflicts_of(id)),
        }
    }
}

#[derive(Serialize)]
struct Event<'a> {
    id: &'a str,
    when: ExportWhen,
    title: &'a str,
    actors: &'a [String],
    claims: &'a [String],
}

/// The whole dataset as pretty JSON; with annotations, each claim carries its
/// own (status, grading, note, evidence, tags, history) and annotations of
/// claims the dataset no longer has are listed under `orphaned_annotations`.
pub fn to_json(
    loaded: &Loaded,
    annotations: Option<&AnnotationSet>,
    claims: &[crate::model::ClaimIx],
) -> String {
    // Grouped once: a lookup per claim, not a scan of the whole history.
    let history = annotations.map(HistoryByClaim::new);
    to_json_with(loaded, annotations, claims, history.as_ref())
}

fn to_json_with<'a>(
    loaded: &'a Loaded,
    annotations: Option<&'a AnnotationSet>,
    claims: &[crate::model::ClaimIx],
    history: Option<&'a HistoryByClaim<'a>>,
) -> String {
    let ds = &loaded.dataset;
    let ix = &loaded.index;
    let article = |i: usize| {
        let a = &ds.articles[i];
        Article {
            id: &a.id,
            headline: &a.headline,
            outlet: &a.outlet,
            url: a.url.as_deref(),
            published: ExportWhen::new(&ix.article_published[i], None),
            credit: a.credit.as_deref(),
            body: &a.body,
        }
    };
    let actor = |i: usize| {
        let a = &ds.actors[i];
        Actor {
            id: &a.id,
            name: &a.name,
            kind: a.kind.label(),
            aliases: &a.aliases,
            part_of: a.part_of.as_deref(),
            note: a.note.as_deref(),
        }
    };
    let claim = |k: usize| {
        let ci = claims[k];
        let c = &ds.claims[ci.i()];
        Claim {
            id: &c.id,
            article: &c.article,
            text: &c.text,
            quote: Quote {
                paragraph: c.quote.paragraph,
                text: &c.quote.text,
            },
            claimant: &c.claimant,
            via: &c.via,
            about: &c.about,
            stance: c.stance.label(),
            said: ExportWhen::new(&ix.claim_said[ci.i()], c.said_as.as_deref()),
            relations: Relations(&c.relations),
            tags: &c.tags,
            events: EventIds(ds, ix.claim_events.get(ci.i())),
            annotation: annotations
                .zip(history)
                .map(|(set, h)| AnnotationOut::new(None, &c.id, set.get(&c.id), set, h)),
        }
    };
    let event = |i: usize| {
        let e = &ds.events[i];
        Event {
            id: &e.id,
            when: ExportWhen::new(&ix.event_when[i], None),
            title: &e.title,
            actors: &e.actors,
            claims: &e.claims,
        }
    };
    let doc = Doc {
        format: ds.format,
        id: &ds.id,
        title: &ds.title,
        description: ds.description.as_deref(),
        articles: Each(ds.articles.len(), &article),
        actors: Each(ds.actors.len(), &actor),
        claims: Each(claims.len(), &claim),
        events: Each(ds.events.len(), &event),
        orphaned_annotations: annotations
            .zip(history)
            .map(|(set, h)| {
                set.orphans(|id| ix.claim_by_id.contains_key(id))
                    .map(|id| AnnotationOut::new(Some(id), id, set.get(id), set, h))
                    .collect()
            })
            .unwrap_or_default(),
    };
    let capacity = size_hint(loaded, annotations, claims);
    super::json_text::to_safe_json_sized(&doc, super::json_text::Escape::Controls, capacity)
}

/// About how many bytes the JSON of this export takes (a little more,
/// rather than less: memory reserved but never written is never touched).
fn size_hint(loaded: &Loaded, annotations: Option<&AnnotationSet>, claims: &[ClaimIx]) -> usize {
    let ds = &loaded.dataset;
    let texts = |v: &[String]| v.iter().map(|s| s.len() + 16).sum::<usize>();
    let articles: usize = ds
        .articles
        .iter()
        .map(|a| texts(&a.body) + a.headline.len() + a.outlet.len() + 300)
        .sum();
    let claims_text: usize = claims
        .iter()
        .filter_map(|c| ds.claims.get(c.i()))
        .map(|c| c.text.len() + c.quote.text.len() + 1_000)
        .sum();
    let history = annotations.map_or(0, |a| a.history.len() * 400);
    articles + claims_text + history + ds.actors.len() * 300 + ds.events.len() * 400
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimIx, Edit, Status, load_bundled};

    #[test]
    fn each_claims_history_is_looked_up_once_from_one_pass_over_the_history() {
        let loaded = load_bundled().expect("bundled");
        let mut set = AnnotationSet::new(&loaded.dataset.id);
        let at = jiff::Timestamp::UNIX_EPOCH;
        for (i, c) in loaded.dataset.claims.iter().enumerate() {
            for s in [Status::InProgress, Status::Verified]
                .iter()
                .take(1 + i % 2)
            {
                set.apply(&c.id, &Edit::Status(*s), "tester", at);
            }
        }
        set.apply("gone", &Edit::Status(Status::False), "tester", at);
        let claims: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let history = HistoryByClaim::new(&set);
        let json = to_json_with(&loaded, Some(&set), &claims, Some(&history));
        assert_eq!(history.entries_read(), set.history.len());
        // One lookup per exported claim and per orphan, none more.
        assert_eq!(history.lookups(), claims.len() + 1);
        // The same document as before: every claim's own history, in order.
        let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
        for (i, c) in loaded.dataset.claims.iter().enumerate() {
            let got = &doc["claims"][i]["annotation"]["history"];
            let want: Vec<&Change> = set.history_of(&c.id).collect();
            assert_eq!(got.as_array().map(Vec::len), Some(want.len()), "{}", c.id);
            assert_eq!(got[0]["claim"], c.id.as_str());
        }
        assert_eq!(to_json(&loaded, Some(&set), &claims), json);
    }

    /// The buffer is reserved once, large enough: writing never grows it
    /// (growing copied the whole text again and again, 18% of an export).
    #[test]
    fn the_json_fits_the_buffer_reserved_for_it() {
        use crate::model::generate::{Spec, generate, to_ron};
        let ds = generate(&Spec {
            articles: 30,
            claims: 300,
            seed: 5,
        });
        let loaded = crate::model::parse_str(&to_ron(&ds, "t")).expect("valid");
        let mut set = AnnotationSet::new(&loaded.dataset.id);
        let at = jiff::Timestamp::UNIX_EPOCH;
        for c in &loaded.dataset.claims {
            set.apply(&c.id, &Edit::Status(Status::InProgress), "tester", at);
            set.apply(
                &c.id,
                &Edit::Note("checked \u{202e} twice".into()),
                "tester",
                at,
            );
        }
        let claims: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        for ann in [None, Some(&set)] {
            let json = to_json(&loaded, ann, &claims);
            let hint = size_hint(&loaded, ann, &claims);
            assert!(hint >= json.len(), "{hint} < {}", json.len());
            assert!(
                hint <= json.len() * 3,
                "{hint} is far more than {}",
                json.len()
            );
        }
    }
}
