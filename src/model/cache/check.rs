//! The checks a decoded cache must pass before it is used in place of a
//! validated load.
//!
//! Views index the dataset with the index's numbers without checking them
//! (`ds.claims[c.i()]`): validation guarantees they fit. A cache skips
//! validation, and its bytes are untrusted (the seal stops mix-ups, not a
//! forger), so every number the index holds is checked here against the
//! lists it points into, along with the other invariants views rely on:
//! relations well formed, id maps that agree with the items, an actor tree
//! without cycles, quote spans inside their paragraphs on character
//! boundaries, dates in order. All of it is linear in the dataset's size.

use std::collections::HashMap;

use crate::model::dataset::{Dataset, Short};
use crate::model::date::DateRange;
use crate::model::index::{ActorIx, Csr, Index};
use crate::model::load::Loaded;

/// True when the index fits the dataset in every way a view relies on.
pub(super) fn consistent(l: &Loaded) -> bool {
    let (ds, ix) = (&l.dataset, &l.index);
    articles_fit(ds, ix) && actors_fit(ds, ix) && claims_fit(ds, ix) && events_fit(ds, ix)
}

/// A per-item vector: one entry per item, each passing `ok`.
fn per_item<T>(v: &[T], n: usize, ok: impl Fn(&T) -> bool) -> bool {
    v.len() == n && v.iter().all(ok)
}

/// A relation from `n` sources whose items all pass `ok`.
fn relation<T: Copy>(r: &Csr<T>, n: usize, ok: impl Fn(&T) -> bool) -> bool {
    r.len() == n && r.is_well_formed() && r.items().iter().all(ok)
}

/// An id map that maps each item's id to that item, and nothing else. With
/// as many entries as items, each entry naming an item of that id, the map
/// is a bijection (the keys are distinct).
fn ids<T, I: Copy>(
    map: &HashMap<Short, I>,
    items: &[T],
    at: impl Fn(I) -> usize,
    id: impl Fn(&T) -> &str,
) -> bool {
    map.len() == items.len()
        && map
            .iter()
            .all(|(k, &i)| items.get(at(i)).is_some_and(|t| id(t) == k))
}

/// Dates as validation makes them: real years (1..=9999) and in order.
fn date_ok(d: &DateRange) -> bool {
    let year_ok = |x: Option<jiff::civil::Date>| x.is_none_or(|d| (1..=9999).contains(&d.year()));
    year_ok(d.from)
        && year_ok(d.to)
        && match (d.from, d.to) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        }
}

fn articles_fit(ds: &Dataset, ix: &Index) -> bool {
    let (na, nr, nc) = (ds.articles.len(), ds.actors.len(), ds.claims.len());
    ids(&ix.article_by_id, &ds.articles, |a| a.i(), |a| &a.id)
        && per_item(&ix.article_outlet, na, |a| a.i() < nr)
        && ds
            .articles
            .iter()
            .zip(&ix.article_outlet)
            .all(|(a, &o)| ds.actors.get(o.i()).is_some_and(|o| o.id == a.outlet))
        && per_item(&ix.article_published, na, date_ok)
        && relation(&ix.article_claims, na, |c| c.i() < nc)
}

fn actors_fit(ds: &Dataset, ix: &Index) -> bool {
    let (nr, nc, ne) = (ds.actors.len(), ds.claims.len(), ds.events.len());
    ids(&ix.actor_by_id, &ds.actors, |a| a.i(), |a| &a.id)
        && per_item(&ix.actor_parent, nr, |p| p.is_none_or(|p| p.i() < nr))
        && relation(&ix.actor_children, nr, |a| a.i() < nr)
        && ix.actor_roots.iter().all(|a| a.i() < nr)
        && relation(&ix.actor_claims, nr, |(c, _)| c.i() < nc)
        && relation(&ix.actor_events, nr, |e| e.i() < ne)
        && is_forest(ix, nr)
}

/// The actor tree: roots are the actors without a parent, children agree
/// with parents, and a walk from the roots reaches every actor exactly once
/// (so tree walks terminate).
fn is_forest(ix: &Index, n: usize) -> bool {
    let parent = |a: ActorIx| ix.actor_parent.get(a.i()).copied().flatten();
    let roots_ok = ix.actor_roots.iter().all(|&r| parent(r).is_none())
        && ix.actor_roots.len() == ix.actor_parent.iter().filter(|p| p.is_none()).count();
    if !roots_ok {
        return false;
    }
    let mut seen = vec![false; n];
    let mut stack: Vec<ActorIx> = ix.actor_roots.clone();
    let mut count = 0;
    while let Some(a) = stack.pop() {
        match seen.get_mut(a.i()) {
            Some(s) if !*s => *s = true,
            _ => return false,
        }
        count += 1;
        for &c in ix.actor_children.get(a.i()) {
            if parent(c) != Some(a) {
                return false;
            }
            stack.push(c);
        }
    }
    count == n
}

fn claims_fit(ds: &Dataset, ix: &Index) -> bool {
    let (na, nr, nc, ne) = (
        ds.articles.len(),
        ds.actors.len(),
        ds.claims.len(),
        ds.events.len(),
    );
    ids(&ix.claim_by_id, &ds.claims, |c| c.i(), |c| &c.id)
        && per_item(&ix.claim_article, nc, |a| a.i() < na)
        && per_item(&ix.claim_claimant, nc, |a| a.i() < nr)
        && relation(&ix.claim_via, nc, |a| a.i() < nr)
        && relation(&ix.claim_about, nc, |a| a.i() < nr)
        && per_item(&ix.claim_said, nc, date_ok)
        && relation(&ix.claim_links, nc, |l| l.other.i() < nc)
        && relation(&ix.claim_events, nc, |e| e.i() < ne)
        && ix.claim_quote.len() == nc
        && (0..nc).all(|i| claim_fits(ds, ix, i))
}

/// One claim's article, claimant and quote span agree with the dataset.
fn claim_fits(ds: &Dataset, ix: &Index, i: usize) -> bool {
    let (Some(c), Some(&a), Some(&who), Some(q)) = (
        ds.claims.get(i),
        ix.claim_article.get(i),
        ix.claim_claimant.get(i),
        ix.claim_quote.get(i),
    ) else {
        return false;
    };
    let Some(article) = ds.articles.get(a.i()) else {
        return false;
    };
    let claimant_ok = ds.actors.get(who.i()).is_some_and(|w| w.id == c.claimant);
    let (start, end) = (q.start as usize, q.end as usize);
    let quote_ok = match article.body.get(q.paragraph as usize) {
        Some(p) => start <= end && p.is_char_boundary(start) && p.is_char_boundary(end),
        // The span validation leaves when there is nothing to place.
        None => start == 0 && end == 0,
    };
    article.id == c.article && claimant_ok && quote_ok
}

fn events_fit(ds: &Dataset, ix: &Index) -> bool {
    let (nr, nc, ne) = (ds.actors.len(), ds.claims.len(), ds.events.len());
    ids(&ix.event_by_id, &ds.events, |e| e.i(), |e| &e.id)
        && per_item(&ix.event_when, ne, date_ok)
        && relation(&ix.event_actors, ne, |a| a.i() < nr)
        && relation(&ix.event_claims, ne, |c| c.i() < nc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::index::{ClaimIx, QuoteSpan};
    use crate::model::load_bundled;

    /// Each damage, alone, makes a good load inconsistent.
    #[test]
    fn every_kind_of_misfit_is_caught() {
        let good = load_bundled().expect("bundled");
        assert!(consistent(&good));
        let nc = good.dataset.claims.len() as u32;
        let nr = good.dataset.actors.len() as u32;
        type Damage = Box<dyn Fn(&mut Loaded)>;
        let damages: Vec<(&str, Damage)> = vec![
            (
                "claimant out of range",
                Box::new(move |l| l.index.claim_claimant[0] = ActorIx(nr)),
            ),
            (
                "claimant of another claim",
                Box::new(|l| {
                    let other = l
                        .index
                        .claim_claimant
                        .iter()
                        .copied()
                        .find(|&a| a != l.index.claim_claimant[0]);
                    l.index.claim_claimant[0] = other.expect("two claimants");
                }),
            ),
            (
                "quote past its paragraph",
                Box::new(|l| {
                    l.index.claim_quote[0] = QuoteSpan {
                        paragraph: 0,
                        start: 1 << 20,
                        end: 1 << 20,
                    }
                }),
            ),
            (
                "quote backwards",
                Box::new(|l| {
                    let q = &mut l.index.claim_quote[0];
                    std::mem::swap(&mut q.start, &mut q.end);
                }),
            ),
            (
                "quote in a missing paragraph",
                Box::new(|l| l.index.claim_quote[0].paragraph = 999),
            ),
            (
                "link to no claim",
                Box::new(move |l| {
                    let mut pairs = vec![];
                    for i in 0..l.dataset.claims.len() {
                        for &link in l.index.claim_links.get(i) {
                            pairs.push((i, link));
                        }
                    }
                    pairs[0].1.other = ClaimIx(nc);
                    l.index.claim_links = Csr::from_pairs(nc as usize, &pairs);
                }),
            ),
            (
                "relation with one source too few",
                Box::new(move |l| {
                    l.index.claim_events = Csr::from_pairs(nc as usize - 1, &[]);
                }),
            ),
            (
                "id map pointing at another claim",
                Box::new(|l| {
                    let id = l.dataset.claims[0].id.clone();
                    l.index.claim_by_id.insert(id, ClaimIx(1));
                }),
            ),
            (
                "actor tree with a cycle",
                Box::new(|l| {
                    // The first root becomes its own child's child.
                    let root = l.index.actor_roots[0];
                    let child = l.index.actor_children.get(root.i())[0];
                    l.index.actor_parent[root.i()] = Some(child);
                    l.index.actor_roots.remove(0);
                }),
            ),
            (
                "dates in the wrong order",
                Box::new(|l| {
                    let d = &mut l.index.claim_said[0];
                    d.from = Some(jiff::civil::date(2030, 1, 1));
                    d.to = Some(jiff::civil::date(2020, 1, 1));
                }),
            ),
            (
                "one claim fewer in the dataset",
                Box::new(|l| {
                    l.dataset.claims.pop();
                }),
            ),
        ];
        for (what, damage) in damages {
            let mut l = good.clone();
            damage(&mut l);
            assert!(!consistent(&l), "{what}");
        }
    }
}
