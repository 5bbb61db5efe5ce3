//! The index, assembled from what each pass found.

use super::Ids;
use super::actors::ActorPass;
use super::articles::ArticlePass;
use super::claims::ClaimPass;
use super::events::EventPass;
use crate::model::dataset::Dataset;
use crate::model::index::{ClaimIx, Csr, Index, Roles};

pub(super) fn build_index(
    ds: &Dataset,
    ids: Ids,
    articles: ArticlePass,
    actors: ActorPass,
    claims: ClaimPass,
    events: EventPass,
) -> Index {
    let n = ds.claims.len();
    let n_actors = ds.actors.len();
    // Merge the roles of an actor in one claim ("claimant+about"). The pairs
    // were made in claim order, so grouping them by actor (stable) leaves
    // each claim's roles side by side: no sort needed.
    let by_actor = Csr::from_pairs(n_actors, &claims.role_pairs);
    drop(claims.role_pairs);
    let mut merged: Vec<(usize, (ClaimIx, Roles))> = Vec::with_capacity(by_actor.total());
    for a in 0..by_actor.len() {
        for &(c, r) in by_actor.get(a) {
            match merged.last_mut() {
                Some((la, (lc, lr))) if *la == a && *lc == c => *lr = lr.union(r),
                _ => merged.push((a, (c, r))),
            }
        }
    }
    drop(by_actor);
    Index {
        article_by_id: ids.article,
        actor_by_id: ids.actor,
        claim_by_id: ids.claim,
        event_by_id: ids.event,
        article_outlet: articles.outlet,
        article_published: articles.published,
        article_claims: Csr::from_pairs(ds.articles.len(), &claims.article_claim_pairs),
        actor_parent: actors.parent,
        actor_children: actors.children,
        actor_roots: actors.roots,
        actor_claims: Csr::from_pairs(n_actors, &merged),
        actor_events: Csr::from_pairs(n_actors, &events.actor_event_pairs),
        claim_article: claims.article,
        claim_claimant: claims.claimant,
        claim_via: Csr::from_pairs(n, &claims.via_pairs),
        claim_about: Csr::from_pairs(n, &claims.about_pairs),
        claim_said: claims.said,
        claim_quote: claims.quote,
        claim_links: Csr::from_pairs(n, &claims.link_pairs),
        claim_events: Csr::from_pairs(n, &events.claim_event_pairs),
        event_when: events.when,
        event_actors: Csr::from_pairs(ds.events.len(), &events.actor_pairs),
        event_claims: Csr::from_pairs(ds.events.len(), &events.claim_pairs),
    }
}
