//! What in a dataset refers to an item: asked before removing it, so that a
//! removal never leaves a dangling reference (the file would fail `check`).

use super::splice::List;
use crate::model::dataset::{Dataset, Short};

/// One place that names the item: the referring item and its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub list: List,
    pub id: String,
    pub field: &'static str,
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} ({})", self.list.noun(), self.id, self.field)
    }
}

/// Every reference to the item `id` of `list`, in file order (articles,
/// actors, claims, events). An item referring to itself is not counted.
pub fn references_to(ds: &Dataset, list: List, id: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut put = |list: List, from: &str, field: &'static str| {
        out.push(Reference {
            list,
            id: from.to_owned(),
            field,
        });
    };
    let is = |s: &Short| s == id;
    match list {
        List::Actors => {
            for a in ds.articles.iter().filter(|a| a.outlet == id) {
                put(List::Articles, &a.id, "outlet");
            }
            for a in &ds.actors {
                if a.id != id && a.part_of.as_ref().is_some_and(is) {
                    put(List::Actors, &a.id, "part_of");
                }
            }
            for c in &ds.claims {
                if c.claimant == id {
                    put(List::Claims, &c.id, "claimant");
                }
                if c.via.iter().any(is) {
                    put(List::Claims, &c.id, "via");
                }
                if c.about.iter().any(is) {
                    put(List::Claims, &c.id, "about");
                }
            }
            for e in ds.events.iter().filter(|e| e.actors.iter().any(is)) {
                put(List::Events, &e.id, "actors");
            }
        }
        List::Claims => {
            for c in &ds.claims {
                if c.id != id && c.relations.iter().any(|r| r.target() == id) {
                    put(List::Claims, &c.id, "relations");
                }
            }
            for e in ds.events.iter().filter(|e| e.claims.iter().any(is)) {
                put(List::Events, &e.id, "claims");
            }
        }
        List::Articles => {
            for c in ds.claims.iter().filter(|c| c.article == id) {
                put(List::Claims, &c.id, "article");
            }
        }
        // Nothing in a dataset names an event.
        List::Events => {}
    }
    out
}

/// "claim c05 (claimant), event e2 (actors) and 3 more", for a status line.
pub fn describe(refs: &[Reference], at_most: usize) -> String {
    let shown: Vec<String> = refs.iter().take(at_most).map(|r| r.to_string()).collect();
    let more = refs.len().saturating_sub(at_most);
    match more {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{BUNDLED_SOURCE, parse_str};

    #[test]
    fn every_kind_of_reference_to_an_actor_and_a_claim_is_found() {
        let ds = parse_str(BUNDLED_SOURCE).expect("seed").dataset;
        let actor = &ds.claims[0].claimant;
        let refs = references_to(&ds, List::Actors, actor);
        assert!(
            refs.iter().any(|r| r.list == List::Claims
                && r.id == ds.claims[0].id
                && r.field == "claimant")
        );
        let outlet = &ds.articles[0].outlet;
        let refs = references_to(&ds, List::Actors, outlet);
        assert!(
            refs.iter()
                .any(|r| r.list == List::Articles && r.field == "outlet")
        );
        // Every claim an event lists, and every relation target, is referenced.
        for e in &ds.events {
            for c in &e.claims {
                let refs = references_to(&ds, List::Claims, c);
                assert!(refs.iter().any(|r| r.id == e.id && r.field == "claims"));
            }
        }
        for c in &ds.claims {
            for r in &c.relations {
                let refs = references_to(&ds, List::Claims, r.target());
                assert!(refs.iter().any(|x| x.id == c.id && x.field == "relations"));
            }
        }
        assert!(references_to(&ds, List::Events, "anything").is_empty());
        assert!(references_to(&ds, List::Actors, "nobody-at-all").is_empty());
    }

    #[test]
    fn removing_what_nothing_refers_to_leaves_a_valid_dataset() {
        let ds = parse_str(BUNDLED_SOURCE).expect("seed").dataset;
        let lists = [
            (
                List::Actors,
                ds.actors.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
            ),
            (
                List::Claims,
                ds.claims.iter().map(|c| c.id.clone()).collect(),
            ),
            (
                List::Events,
                ds.events.iter().map(|e| e.id.clone()).collect(),
            ),
        ];
        let mut tried = 0;
        for (list, ids) in lists {
            for id in ids {
                if !references_to(&ds, list, &id).is_empty() {
                    continue;
                }
                let removed =
                    super::super::remove_item(BUNDLED_SOURCE, list, &id).expect("removed");
                if let Err(d) = parse_str(&removed.text) {
                    panic!("{list:?} {id}: {:?}", d.first());
                }
                tried += 1;
            }
        }
        assert!(tried > 3, "only {tried} unreferenced items in the seed");
    }

    #[test]
    fn the_description_is_bounded() {
        let r = |i: usize| Reference {
            list: List::Claims,
            id: format!("c{i}"),
            field: "via",
        };
        let refs: Vec<_> = (1..=5).map(r).collect();
        assert_eq!(
            describe(&refs, 2),
            "claim c1 (via), claim c2 (via) and 3 more"
        );
    }
}
