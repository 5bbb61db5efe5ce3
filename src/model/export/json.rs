//! The normalised JSON export: ids resolved, dates expanded to `from`/`to`.
//!
//! Written by hand into one buffer ([`JsonWriter`]), in serde_json's pretty
//! layout: 100k claims with 200k history entries took 2.6× the CSV's time
//! through serde (two escaping passes over every string, a `String` per
//! date and timestamp, a map lookup per claim for its annotation and one
//! for its history). Each claim's annotation and history are now found by
//! its index, in tables built in one pass over the annotations.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::json_text::Escape;
use super::json_writer::JsonWriter;
use crate::model::annotation::{AnnotationField, HistoryByClaim};
use crate::model::date::DateRange;
use crate::model::{Annotation, AnnotationSet, Change, ClaimIx, Loaded, Short};

/// The annotations of the exported dataset, found by claim index in O(1).
struct Review<'a> {
    set: &'a AnnotationSet,
    /// Claim `i`'s annotation, if it has one.
    annotation: Vec<Option<&'a Annotation>>,
    history: HistoryByClaim<'a>,
}

impl<'a> Review<'a> {
    /// One pass over the annotations and one over the history, each id
    /// looked up once in the dataset's index.
    fn new(set: &'a AnnotationSet, loaded: &Loaded) -> Self {
        let ids = &loaded.index.claim_by_id;
        let n = loaded.dataset.claims.len();
        let mut annotation = vec![None; n];
        for (id, a) in &set.claims {
            if let Some(slot) = ids
                .get(id.as_str())
                .and_then(|ix| annotation.get_mut(ix.i()))
            {
                *slot = Some(a);
            }
        }
        Self {
            set,
            annotation,
            history: HistoryByClaim::new(set, n, |id| ids.get(id).copied()),
        }
    }
}

/// The whole dataset as pretty JSON; with annotations, each claim carries its
/// own (status, grading, note, evidence, tags, history) and annotations of
/// claims the dataset no longer has are listed under `orphaned_annotations`.
pub fn to_json(loaded: &Loaded, annotations: Option<&AnnotationSet>, claims: &[ClaimIx]) -> String {
    let review = annotations.map(|set| Review::new(set, loaded));
    to_json_with(loaded, review.as_ref(), claims)
}

fn to_json_with(loaded: &Loaded, review: Option<&Review<'_>>, claims: &[ClaimIx]) -> String {
    let ds = &loaded.dataset;
    let capacity = size_hint(loaded, review.map(|r| r.set), claims);
    let mut w = JsonWriter::with_capacity(capacity, Escape::Controls);
    w.begin_object();
    w.key("format");
    w.uint(u64::from(ds.format));
    w.field_str("id", &ds.id);
    w.field_str("title", &ds.title);
    w.field_opt_str("description", ds.description.as_deref());
    w.field_array("articles", 0..ds.articles.len(), |w, i| {
        write_article(w, loaded, i)
    });
    w.field_array("actors", 0..ds.actors.len(), |w, i| {
        write_actor(w, loaded, i)
    });
    // Indices outside the dataset are skipped.
    let shown = claims.iter().filter(|c| c.i() < ds.claims.len());
    w.field_array("claims", shown, |w, &ci| write_claim(w, loaded, review, ci));
    w.field_array("events", 0..ds.events.len(), |w, i| {
        write_event(w, loaded, i)
    });
    if let Some(r) = review {
        let ix = &loaded.index;
        let orphans: Vec<&str> = r
            .set
            .orphans(|id| ix.claim_by_id.contains_key(id))
            .collect();
        if !orphans.is_empty() {
            w.key("orphaned_annotations");
            w.begin_array();
            for id in orphans {
                w.item();
                let history = r.history.of_orphan(id);
                write_annotation(&mut w, Some(id), id, r.set.get(id), history, r.set);
            }
            w.end_array();
        }
    }
    w.end_object();
    w.finish()
}

fn write_article(w: &mut JsonWriter, loaded: &Loaded, i: usize) {
    let a = &loaded.dataset.articles[i];
    w.begin_object();
    w.field_str("id", &a.id);
    w.field_str("headline", &a.headline);
    w.field_str("outlet", &a.outlet);
    w.field_opt_str("url", a.url.as_deref());
    write_when(w, "published", &loaded.index.article_published[i], None);
    w.field_opt_str("credit", a.credit.as_deref());
    w.field_strs("body", a.body.iter().map(String::as_str));
    w.end_object();
}

fn write_actor(w: &mut JsonWriter, loaded: &Loaded, i: usize) {
    let a = &loaded.dataset.actors[i];
    w.begin_object();
    w.field_str("id", &a.id);
    w.field_str("name", &a.name);
    w.field_str("kind", a.kind.label());
    w.field_strs("aliases", a.aliases.iter().map(String::as_str));
    w.field_opt_str("part_of", a.part_of.as_deref());
    w.field_opt_str("note", a.note.as_deref());
    w.end_object();
}

/// A claim of the dataset (`ci` is in range).
fn write_claim(w: &mut JsonWriter, loaded: &Loaded, review: Option<&Review<'_>>, ci: ClaimIx) {
    let (ds, ix) = (&loaded.dataset, &loaded.index);
    let c = &ds.claims[ci.i()];
    w.begin_object();
    w.field_str("id", &c.id);
    w.field_str("article", &c.article);
    w.field_str("text", &c.text);
    w.key("quote");
    w.begin_object();
    w.key("paragraph");
    w.uint(u64::from(c.quote.paragraph));
    w.field_str("text", &c.quote.text);
    w.end_object();
    w.field_str("claimant", &c.claimant);
    w.field_strs("via", c.via.iter().map(Short::as_str));
    w.field_strs("about", c.about.iter().map(Short::as_str));
    w.field_str("stance", c.stance.label());
    write_when(w, "said", &ix.claim_said[ci.i()], c.said_as.as_deref());
    w.key("relations");
    w.begin_array();
    for r in &c.relations {
        w.item();
        w.begin_object();
        w.field_str("kind", r.kind().label());
        w.field_str("claim", r.target());
        w.end_object();
    }
    w.end_array();
    w.field_strs("tags", c.tags.iter().map(Short::as_str));
    let events = ix.claim_events.get(ci.i());
    w.field_strs(
        "events",
        events.iter().map(|e| ds.events[e.i()].id.as_str()),
    );
    if let Some(r) = review {
        w.key("annotation");
        let (a, history) = (r.annotation[ci.i()], r.history.of(ci));
        write_annotation(w, None, &c.id, a, history, r.set);
    }
    w.end_object();
}

fn write_event(w: &mut JsonWriter, loaded: &Loaded, i: usize) {
    let e = &loaded.dataset.events[i];
    w.begin_object();
    w.field_str("id", &e.id);
    write_when(w, "when", &loaded.index.event_when[i], None);
    w.field_str("title", &e.title);
    w.field_strs("actors", e.actors.iter().map(Short::as_str));
    w.field_strs("claims", e.claims.iter().map(Short::as_str));
    w.end_object();
}

/// A `When` as exported (see [`super::ExportWhen`]): full dates, open ends
/// null, and the article's own words.
fn write_when(w: &mut JsonWriter, key: &str, r: &DateRange, words: Option<&str>) {
    w.key(key);
    w.begin_object();
    for (key, d) in [("from", r.from), ("to", r.to)] {
        w.key(key);
        match d {
            Some(d) => w.plain(d),
            None => w.null(),
        }
    }
    if let Some(words) = words {
        w.field_str("as", words);
    }
    w.end_object();
}

/// A claim's annotation (blank when it has none); `claim` is written only
/// for an orphan, `id` finds its conflicts.
fn write_annotation(
    w: &mut JsonWriter,
    claim: Option<&str>,
    id: &str,
    a: Option<&Annotation>,
    history: &[&Change],
    set: &AnnotationSet,
) {
    static BLANK: std::sync::OnceLock<Annotation> = std::sync::OnceLock::new();
    let a = a.unwrap_or_else(|| BLANK.get_or_init(Annotation::default));
    w.begin_object();
    if let Some(claim) = claim {
        w.field_str("claim", claim);
    }
    w.field_str("status", a.status.label());
    write_grades(
        w,
        a.reliability.map(|r| r.letter()),
        a.credibility.map(|c| c.get()),
    );
    w.field_str("note", &a.note);
    w.field_strs("evidence", a.evidence.iter().map(String::as_str));
    w.field_strs("tags", a.tags.iter().map(String::as_str));
    w.field_opt_str("by", a.by.as_deref());
    w.key("at");
    match a.at {
        Some(t) => w.plain(t),
        None => w.null(),
    }
    w.field_array("history", history, |w, c| write_change(w, c));
    w.key("conflicts");
    w.begin_array();
    for v in super::conflicts::versions(a, set.conflicts_of(id)) {
        w.item();
        w.begin_object();
        w.field_opt_str("analyst", v.analyst.as_deref());
        w.field_str("status", v.status);
        w.field_opt_str("reliability", v.reliability.as_deref());
        w.key("credibility");
        match v.credibility {
            Some(c) => w.uint(u64::from(c)),
            None => w.null(),
        }
        w.field_str("note", &v.note);
        w.field_opt_str("at", v.at.as_deref());
        w.field_strs("fields", v.fields.iter().copied());
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

/// `reliability` (a letter or null) and `credibility` (1–6 or null).
fn write_grades(w: &mut JsonWriter, reliability: Option<char>, credibility: Option<u8>) {
    w.key("reliability");
    match reliability {
        Some(r) => w.plain(r),
        None => w.null(),
    }
    w.key("credibility");
    match credibility {
        Some(c) => w.uint(u64::from(c)),
        None => w.null(),
    }
}

/// One history entry, as the annotation file has it.
fn write_change(w: &mut JsonWriter, c: &Change) {
    w.begin_object();
    w.field_str("claim", &c.claim);
    w.field_str("field", field_name(c.field));
    w.field_str("old", &c.old);
    w.field_str("new", &c.new);
    w.field_str("analyst", &c.analyst);
    w.key("at");
    w.plain(c.at);
    if let Some(who) = &c.took_from {
        w.field_str("took_from", who);
    }
    w.end_object();
}

/// A field as serde names it in the annotation file (`Status`, not `status`).
fn field_name(f: AnnotationField) -> &'static str {
    match f {
        AnnotationField::Status => "Status",
        AnnotationField::Reliability => "Reliability",
        AnnotationField::Credibility => "Credibility",
        AnnotationField::Note => "Note",
        AnnotationField::Evidence => "Evidence",
        AnnotationField::Tags => "Tags",
    }
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
        let review = Review::new(&set, &loaded);
        let json = to_json_with(&loaded, Some(&review), &claims);
        assert_eq!(review.history.entries_read(), set.history.len());
        // One lookup per exported claim and per orphan, none more.
        assert_eq!(review.history.lookups(), claims.len() + 1);
        // The same document as before: every claim's own history, in order.
        let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
        for (i, c) in loaded.dataset.claims.iter().enumerate() {
            let got = &doc["claims"][i]["annotation"]["history"];
            let want: Vec<&Change> = set.history_of(&c.id).collect();
            assert_eq!(got.as_array().map(Vec::len), Some(want.len()), "{}", c.id);
            assert_eq!(got[0]["claim"], c.id.as_str());
            assert_eq!(got[0]["field"], "Status");
        }
        let orphan = &doc["orphaned_annotations"][0];
        assert_eq!(orphan["claim"], "gone");
        assert_eq!(orphan["history"][0]["new"], "False");
        assert_eq!(to_json(&loaded, Some(&set), &claims), json);
    }

    /// Grouping reads each history entry once and looks its claim id up at
    /// most once (once for a run of one claim's changes): the export's
    /// work on the history is linear.
    #[test]
    fn the_history_is_grouped_with_one_id_lookup_per_entry() {
        let loaded = load_bundled().expect("bundled");
        let ds = &loaded.dataset;
        let mut set = AnnotationSet::new(&ds.id);
        let at = jiff::Timestamp::UNIX_EPOCH;
        // Each claim twice in a row, then every claim again.
        for c in ds.claims.iter().flat_map(|c| [c, c]).chain(&ds.claims) {
            set.apply(
                &c.id,
                &Edit::Note(format!("{} {}", c.id, set.history.len())),
                "t",
                at,
            );
        }
        assert_eq!(set.history.len(), 3 * ds.claims.len());
        let asked = std::cell::Cell::new(0);
        let ids = &loaded.index.claim_by_id;
        let history = HistoryByClaim::new(&set, ds.claims.len(), |id| {
            asked.set(asked.get() + 1);
            ids.get(id).copied()
        });
        assert_eq!(history.entries_read(), set.history.len());
        assert_eq!(asked.get(), 2 * ds.claims.len());
        for (i, c) in ds.claims.iter().enumerate() {
            let got: Vec<&Change> = history.of(ClaimIx::from_usize(i)).to_vec();
            let want: Vec<&Change> = set.history_of(&c.id).collect();
            assert_eq!(got.len(), 3);
            assert_eq!(got, want, "{}", c.id);
        }
        assert_eq!(asked.get(), 2 * ds.claims.len(), "lookups hash nothing");
        assert_eq!(history.lookups(), ds.claims.len());
    }

    #[test]
    fn history_fields_are_named_as_the_annotation_file_names_them() {
        use AnnotationField as F;
        for f in [
            F::Status,
            F::Reliability,
            F::Credibility,
            F::Note,
            F::Evidence,
            F::Tags,
        ] {
            let serde = serde_json::to_value(f).expect("json");
            assert_eq!(serde, field_name(f), "{f:?}");
        }
    }

    #[test]
    fn claims_outside_the_dataset_are_skipped() {
        let loaded = load_bundled().expect("bundled");
        let set = AnnotationSet::new(&loaded.dataset.id);
        let json = to_json(&loaded, Some(&set), &[ClaimIx(9999), ClaimIx(0)]);
        let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
        let claims = doc["claims"].as_array().expect("claims");
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0]["id"], loaded.dataset.claims[0].id.as_str());
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
