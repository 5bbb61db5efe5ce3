//! Events: title, date, the actors and claims they involve.

use super::{At, Ids, Owner, Validator};
use crate::model::dataset::Dataset;
use crate::model::date::DateRange;
use crate::model::index::{ActorIx, ClaimIx, EventIx};

/// What the event pass gives the index.
pub(super) struct EventPass {
    pub when: Vec<DateRange>,
    pub actor_pairs: Vec<(usize, ActorIx)>,
    pub claim_pairs: Vec<(usize, ClaimIx)>,
    /// The same links from the other end.
    pub claim_event_pairs: Vec<(usize, EventIx)>,
    pub actor_event_pairs: Vec<(usize, EventIx)>,
}

impl Validator {
    pub(super) fn events(&mut self, ds: &Dataset, ids: &Ids) -> EventPass {
        let n_actors: usize = ds.events.iter().map(|e| e.actors.len()).sum();
        let n_claims: usize = ds.events.iter().map(|e| e.claims.len()).sum();
        let mut out = EventPass {
            when: Vec::with_capacity(ds.events.len()),
            actor_pairs: Vec::with_capacity(n_actors),
            claim_pairs: Vec::with_capacity(n_claims),
            claim_event_pairs: Vec::with_capacity(n_claims),
            actor_event_pairs: Vec::with_capacity(n_actors),
        };
        for (i, e) in ds.events.iter().enumerate() {
            let ei = EventIx::from_usize(i);
            let at = At { list: "events", i };
            let owner = Owner {
                kind: "event",
                id: &e.id,
            };
            self.nonempty(&e.title, at.field("title"), || format!("{owner}: title"));
            out.when.push(self.when(&e.when, at.field("when"), owner));
            for (j, id) in e.actors.iter().enumerate() {
                let path = at.item("actors", j);
                if let Some(a) = self.lookup(&ids.actor, id, path, owner, "actors", "an actor") {
                    self.use_actor(Some(a));
                    out.actor_pairs.push((i, a));
                    out.actor_event_pairs.push((a.i(), ei));
                }
            }
            for (j, id) in e.claims.iter().enumerate() {
                let path = at.item("claims", j);
                if let Some(c) = self.lookup(&ids.claim, id, path, owner, "claims", "a claim") {
                    out.claim_pairs.push((i, c));
                    out.claim_event_pairs.push((c.i(), ei));
                }
            }
        }
        out
    }
}
