//! The dataset: articles with their paragraphs and quotes, claims with their
//! reporting chains and relations, events; and annotations to go with them.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::collections::{HashSet, VecDeque};

use jiff::Timestamp;

use super::cast::build_cast;
use super::corpus::*;
use super::text::*;
use super::{Rng, Spec, pick};
use crate::model::annotation::{AnnotationSet, Credibility, Edit, Reliability, Status};
use crate::model::dataset::*;

pub(super) struct EventDraft {
    pub(super) event: Event,
    pub(super) start: i64,
    pub(super) tag: &'static str,
}

/// Generates a valid, warning-free dataset.
pub fn generate(spec: &Spec) -> Dataset {
    let mut rng = Rng::new(spec.seed);
    let n_claims = spec.claims;
    let n_articles = if n_claims > 0 {
        spec.articles.max(1)
    } else {
        spec.articles
    };
    let cast = build_cast(&mut rng, (n_claims / 20).max(40));

    // Publication days, in order, and which article each claim belongs to.
    let mut published: Vec<i64> = (0..n_articles)
        .map(|_| 30 + rng.below(DAYS as usize) as i64)
        .collect();
    published.sort_unstable();
    let mut claim_article: Vec<usize> = (0..n_claims).map(|_| rng.below(n_articles)).collect();
    claim_article.sort_unstable();
    let mut per_article = vec![0usize; n_articles];
    for &a in &claim_article {
        per_article[a] += 1;
    }

    let width = n_claims.max(1).to_string().len().max(3);
    let ewidth = width;
    let mut article_ids: HashSet<String> = HashSet::new();
    let mut articles = Vec::with_capacity(n_articles);
    let mut claims: Vec<Claim> = Vec::with_capacity(n_claims);
    let mut events: Vec<EventDraft> = Vec::new();
    let mut recent: VecDeque<usize> = VecDeque::new();

    for (a, &p) in published.iter().enumerate() {
        let outlet = pick(&mut rng, &cast.outlets, 0);
        let style = cast
            .country_of
            .get(outlet)
            .copied()
            .flatten()
            .and_then(|c| COUNTRIES.get(c))
            .map_or(0, |row| row.6);
        let (open, close) = QUOTE_MARKS.get(style).copied().unwrap_or(("“", "”"));
        let pdate = day(p);
        let mut id = format!("{}-{}", cast.id(outlet), pdate);
        let mut n = 2;
        while article_ids.contains(&id) {
            id = format!("{}-{}-{n}", cast.id(outlet), pdate);
            n += 1;
        }
        article_ids.insert(id.clone());

        let (_, topic) = pick(&mut rng, EVENT_TOPICS, ("", "News from {A}"));
        let slots = Slots::pick(&mut rng, &cast);
        let headline = fill(topic, &mut rng, &cast, slots);
        let mut body = vec![format!(
            "{headline}: {} {}",
            cast.name(outlet),
            pick(
                &mut rng,
                &[
                    "looks at what is known so far.",
                    "sums up the statements of the past days.",
                    "reports from the region.",
                ],
                "reports."
            )
        )];

        for _ in 0..per_article[a] {
            let i = claims.len();
            let ci = format!("c{:0width$}", i + 1);
            let claimant = pick(&mut rng, &cast.speakers, 0);
            let slots = Slots::pick(&mut rng, &cast);
            let (template, tag) = pick(&mut rng, STATEMENTS, ("{A} made a statement", "other"));
            let about = slots.about(template);
            let statement = fill(template, &mut rng, &cast, slots);
            let stance = pick_stance(&mut rng);
            let (reported, paraphrased) = stance_verb(stance);

            // Reporting chain: sometimes through a news agency, always ending
            // with the article's outlet.
            let mut via = Vec::new();
            if rng.chance(30)
                && let Some(&ag) = rng.pick(&cast.agencies)
            {
                via.push(ag);
            }
            via.push(outlet);

            // Event first: the claim is said on or after the event began. A
            // recent event on the same topic is often reported again.
            let same_topic = recent
                .iter()
                .rev()
                .copied()
                .find(|&e| events.get(e).is_some_and(|d| d.tag == tag));
            let ev = match same_topic {
                Some(e) if rng.chance(70) => e,
                _ => {
                    let start = p - rng.below(21) as i64;
                    let (_, etopic) = EVENT_TOPICS
                        .iter()
                        .find(|(t, _)| *t == tag)
                        .copied()
                        .unwrap_or(("", "Statements about {A}"));
                    let title = fill(etopic, &mut rng, &cast, slots);
                    events.push(EventDraft {
                        event: Event {
                            id: format!("e{:0ewidth$}", events.len() + 1).into(),
                            when: when_around(&mut rng, start, start),
                            title,
                            actors: Vec::new(),
                            claims: Vec::new(),
                        },
                        start,
                        tag,
                    });
                    recent.push_back(events.len() - 1);
                    if recent.len() > 40 {
                        recent.pop_front();
                    }
                    events.len() - 1
                }
            };
            let Some(draft) = events.get_mut(ev) else {
                continue;
            };
            let s = draft.start + rng.below((p - draft.start + 1).max(1) as usize) as i64;
            draft.event.claims.push(ci.clone().into());
            for &x in std::iter::once(&claimant).chain(about.iter()) {
                let xid = cast.id(x);
                if draft.event.actors.len() < 6 && !draft.event.actors.iter().any(|e| e == xid) {
                    draft.event.actors.push(xid.to_owned().into());
                }
            }

            let said_words = said_as(&mut rng, s, p);
            let when_words = said_words.clone().unwrap_or_else(|| "recently".to_owned());
            // Now and then an author's double space: the quote still matches
            // after whitespace folding.
            let double_space = rng.chance(1);
            let spaced = |s: &str| {
                if double_space {
                    s.replacen(' ', "  ", 1)
                } else {
                    s.to_owned()
                }
            };
            // Quotes inside a quotation take single marks.
            let inner = statement.replace('“', "‘").replace('”', "’");
            let cname = cast.name(claimant);
            let source = via.first().map_or("", |&v| cast.name(v));
            let (sentence, quote) = match (stance, rng.below(3)) {
                (Stance::Asserts | Stance::Warns | Stance::Denies, 0) => {
                    let q = capitalise(&inner);
                    let s = format!(
                        "{open}{}{close}, {cname} said {when_words}, according to {source}.",
                        spaced(&q)
                    );
                    (s, q)
                }
                (_, 1) => (
                    format!(
                        "{cname} {reported} {}, {source} reports.",
                        spaced(&statement)
                    ),
                    statement.clone(),
                ),
                _ => (
                    format!(
                        "Speaking {when_words}, {cname} {reported} {open}{}{close}.",
                        spaced(&inner)
                    ),
                    inner,
                ),
            };
            let mut paragraph = sentence;
            if rng.chance(40) {
                paragraph.push(' ');
                paragraph.push_str(pick(&mut rng, FILLERS, ""));
            }
            // Some paragraphs carry two claims.
            let merge = per_article[a] > 1 && body.len() > 1 && rng.chance(20);
            if merge && let Some(last) = body.last_mut() {
                last.push(' ');
                last.push_str(&paragraph);
            } else {
                body.push(paragraph);
            }

            let mut relations = Vec::new();
            if i > 0 && rng.chance(25) {
                let j = i - 1 - rng.below(i.min(500));
                let target = claims.get(j).map_or_else(Short::default, |c| c.id.clone());
                relations.push(match rng.below(20) {
                    0..9 => Relation::Supports(target),
                    9..16 => Relation::Contradicts(target),
                    _ => Relation::Updates(target),
                });
            }
            let mut tags = vec![Short::from(tag)];
            if rng.chance(20) {
                tags.push(
                    pick(
                        &mut rng,
                        &["breaking", "follow-up", "needs-translation", "official"],
                        "other",
                    )
                    .into(),
                );
            }

            claims.push(Claim {
                id: ci.into(),
                article: id.clone().into(),
                text: format!("{} {paraphrased} {statement}.", cname),
                quote: Quote {
                    paragraph: u32::try_from(body.len()).unwrap_or(u32::MAX),
                    text: quote,
                },
                claimant: cast.id(claimant).to_owned().into(),
                via: via.iter().map(|&v| Short::from(cast.id(v))).collect(),
                about: about.iter().map(|&x| Short::from(cast.id(x))).collect(),
                stance,
                said: when_around(&mut rng, s, p),
                said_as: said_words,
                relations,
                tags,
            });
        }
        if rng.chance(30) {
            body.push(pick(&mut rng, FILLERS, "").to_owned());
        }

        let outlet_id = cast.id(outlet).to_owned();
        articles.push(Article {
            url: rng.chance(70).then(|| {
                format!(
                    "https://{}.example/{}/{:02}/{:02}/{}",
                    outlet_id,
                    pdate.year(),
                    pdate.month(),
                    pdate.day(),
                    url_slug(&headline)
                )
            }),
            credit: rng.chance(30).then(|| {
                let who = rng.pick(&cast.persons).map_or("Staff", |&x| cast.name(x));
                format!("Photo: {who} / {}", cast.name(outlet))
            }),
            id: id.into(),
            headline,
            outlet: outlet_id,
            published: match rng.below(20) {
                0 => When::On(month_of(pdate).into()),
                _ => When::On(pdate.to_string().into()),
            },
            body,
        });
    }

    let mut events: Vec<Event> = events.into_iter().map(|d| d.event).collect();
    let mut actors = cast.actors;
    cover_unused_actors(&mut actors, &articles, &mut claims, &mut events);

    Dataset {
        format: FORMAT_VERSION,
        id: format!("generated-{}", spec.seed),
        title: format!(
            "Synthetic dataset: {n_articles} articles, {n_claims} claims (seed {})",
            spec.seed
        ),
        description: Some(
            "Generated by `claimtrack gen` for benchmarks and demos. The people, outlets and events are fictional."
                .into(),
        ),
        articles,
        actors,
        claims,
        events,
    }
}

/// Every actor must be used by something, or validation warns: give each
/// unused one a claim that is about it (or an event, if there are no claims).
pub(super) fn cover_unused_actors(
    actors: &mut [Actor],
    articles: &[Article],
    claims: &mut [Claim],
    events: &mut Vec<Event>,
) {
    let mut used: HashSet<&str> = HashSet::new();
    for a in articles {
        used.insert(&a.outlet);
    }
    for a in actors.iter() {
        if let Some(p) = &a.part_of {
            used.insert(p);
        }
    }
    for c in claims.iter() {
        used.insert(&c.claimant);
        used.extend(c.via.iter().map(Short::as_str));
        used.extend(c.about.iter().map(Short::as_str));
    }
    for e in events.iter() {
        used.extend(e.actors.iter().map(Short::as_str));
    }
    let unused: Vec<Short> = actors
        .iter()
        .filter(|a| !used.contains(a.id.as_str()))
        .map(|a| a.id.clone())
        .collect();
    if unused.is_empty() {
        return;
    }
    if claims.is_empty() {
        events.push(Event {
            id: "e-background".into(),
            when: When::Unknown,
            title: "Background: the actors of this dataset".into(),
            actors: unused,
            claims: Vec::new(),
        });
        return;
    }
    let step = (claims.len() / unused.len()).max(1);
    for (k, id) in unused.into_iter().enumerate() {
        if let Some(c) = claims.get_mut((k * step) % claims.len()) {
            c.about.push(id);
        }
    }
}

/// Annotations for about a third of the claims, with a history, as an
/// analyst team would leave them.
pub fn generate_annotations(ds: &Dataset, seed: u64) -> AnnotationSet {
    let mut rng = Rng::new(seed ^ 0xA11_0CA7E);
    let mut set = AnnotationSet::new(&ds.id);
    let base = 1_735_689_600; // 2025-01-01T00:00:00Z
    for c in &ds.claims {
        if !rng.chance(30) {
            continue;
        }
        let analyst = pick(&mut rng, ANALYSTS, "analyst");
        let at = |rng: &mut Rng| {
            Timestamp::from_second(base + rng.below(90 * 86_400) as i64)
                .unwrap_or(Timestamp::UNIX_EPOCH)
        };
        let status = pick(&mut rng, &Status::ALL[1..], Status::InProgress);
        let t = at(&mut rng);
        set.apply(&c.id, &Edit::Status(status), analyst, t);
        if rng.chance(50) {
            let r = pick(&mut rng, &Reliability::ALL, Reliability::F);
            let cr = Credibility::new(1 + rng.below(6) as u8);
            let t = at(&mut rng);
            set.apply(&c.id, &Edit::Reliability(Some(r)), analyst, t);
            set.apply(&c.id, &Edit::Credibility(cr), analyst, t);
        }
        if rng.chance(40) {
            let t = at(&mut rng);
            set.apply(
                &c.id,
                &Edit::Note(pick(&mut rng, NOTES, "").to_owned()),
                analyst,
                t,
            );
        }
        if rng.chance(25) {
            let t = at(&mut rng);
            let links = vec![format!("https://evidence.example/{}/{}", ds.id, c.id)];
            set.apply(&c.id, &Edit::Evidence(links), analyst, t);
        }
    }
    set
}
