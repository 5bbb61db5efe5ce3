//! The generator's output: valid, varied, deterministic, and written as
//! a hand-written dataset would be.

use std::collections::HashSet;

use super::*;
use crate::model::annotation::AnnotationSet;
use crate::model::dataset::*;
use crate::model::load::parse_str;

fn spec(articles: usize, claims: usize, seed: u64) -> Spec {
    Spec {
        articles,
        claims,
        seed,
    }
}

#[test]
fn generated_datasets_are_valid_and_warning_free() {
    for s in [
        spec(1, 1, 0),
        spec(3, 40, 1),
        spec(20, 400, 7),
        spec(5, 0, 3),
        spec(50, 10, 9),
    ] {
        let text = to_ron(&generate(&s), "test");
        match parse_str(&text) {
            Ok(loaded) => {
                assert!(loaded.warnings.is_empty(), "{s:?}: {:?}", loaded.warnings);
                assert_eq!(loaded.dataset.claims.len(), s.claims);
            }
            Err(d) => panic!("{s:?}: {:?}", &d[..d.len().min(5)]),
        }
    }
}

#[test]
fn the_text_parses_back_to_the_same_dataset() {
    let ds = generate(&spec(10, 200, 42));
    let text = to_ron(&ds, "round trip");
    let back: Dataset = ron::Options::default().from_str(&text).expect("parses");
    assert_eq!(back, ds);
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = to_ron(&generate(&spec(4, 60, 5)), "");
    assert_eq!(a, to_ron(&generate(&spec(4, 60, 5)), ""));
    assert_ne!(a, to_ron(&generate(&spec(4, 60, 6)), ""));
}

#[test]
fn covers_the_format() {
    let ds = generate(&spec(30, 600, 11));
    let form = |w: &When| match w {
        When::On(d) => match d.len() {
            4 => "On(year)",
            7 => "On(month)",
            _ => "On(day)",
        },
        When::Between(..) => "Between",
        When::Before(_) => "Before",
        When::After(_) => "After",
        When::Unknown => "Unknown",
    };
    let forms: HashSet<&str> = ds
        .claims
        .iter()
        .map(|c| form(&c.said))
        .chain(ds.events.iter().map(|e| form(&e.when)))
        .collect();
    assert_eq!(forms.len(), 7, "{forms:?}");
    let kinds: HashSet<RelationKind> = ds
        .claims
        .iter()
        .flat_map(|c| c.relations.iter().map(Relation::kind))
        .collect();
    assert_eq!(kinds.len(), 3);
    // Relations across articles.
    let article_of: std::collections::HashMap<&str, &str> = ds
        .claims
        .iter()
        .map(|c| (c.id.as_str(), c.article.as_str()))
        .collect();
    assert!(ds.claims.iter().any(|c| {
        c.relations
            .iter()
            .any(|r| article_of.get(r.target()) != Some(&c.article.as_str()))
    }));
    // Several scripts and typographic quotes.
    let names: String = ds.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(
        names
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "Arabic script"
    );
    assert!(
        names
            .chars()
            .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            || names
                .chars()
                .any(|c| ('\u{AC00}'..='\u{D7AF}').contains(&c)),
        "CJK"
    );
    assert!(names.chars().any(|c| "éüøñçšł".contains(c)), "accents");
    let bodies: String = ds
        .articles
        .iter()
        .flat_map(|a| a.body.iter().map(String::as_str))
        .collect();
    assert!(bodies.contains('“') || bodies.contains('«'));
    // Hierarchy: a person three levels under a country.
    let by_id: std::collections::HashMap<&str, &Actor> =
        ds.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let depth = |a: &Actor| {
        let (mut d, mut parent) = (0, a.part_of.as_deref());
        while let Some(p) = parent.and_then(|p| by_id.get(p)) {
            parent = p.part_of.as_deref();
            d += 1;
        }
        d
    };
    assert!(
        ds.actors
            .iter()
            .any(|a| a.kind == ActorKind::Person && depth(a) >= 3)
    );
    assert!(ds.claims.iter().any(|c| c.via.len() >= 2));
}

#[test]
fn annotations_round_trip_through_ron() {
    let ds = generate(&spec(5, 100, 2));
    let set = generate_annotations(&ds, 2);
    assert!(!set.claims.is_empty() && !set.history.is_empty());
    assert!(
        set.claims
            .keys()
            .all(|id| ds.claims.iter().any(|c| c.id == id))
    );
    let text = ron::ser::to_string_pretty(&set, ron::ser::PrettyConfig::new().struct_names(true))
        .expect("serialises");
    let back: AnnotationSet = ron::from_str(&text).expect("parses");
    assert_eq!(back, set);
}

#[test]
fn rng_is_uniform_enough_and_in_range() {
    let mut r = Rng::new(1);
    let mut counts = [0usize; 4];
    for _ in 0..4000 {
        counts[r.below(4)] += 1;
    }
    assert!(
        counts.iter().all(|&c| (800..1200).contains(&c)),
        "{counts:?}"
    );
    assert_eq!(r.below(0), 0);
    assert!(r.pick::<u8>(&[]).is_none());
}
