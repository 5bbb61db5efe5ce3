//! The claims list's orders. Sorting 100k rows with a key looked up per
//! comparison took 30 ms on every refilter (each keystroke of a search, each
//! status under a status filter). The dataset's orders (said date,
//! claimant) do not change between refilters, so each is computed once per
//! dataset, on first use, as a rank per claim; a refilter then orders its
//! rows by rank, or walks the whole order when most claims are shown. The
//! status order is a stable bucketing by status: O(rows).

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache); ranks and orders
// are permutations of `0..claims`, built here from that index.
#![allow(clippy::indexing_slicing)]

use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Weak};

use super::action::SortKey;
use crate::model::{ClaimIx, Loaded, Status};

/// One dataset order: the claims in it, and each claim's place in it.
struct Order {
    claims: Vec<ClaimIx>,
    rank: Vec<u32>,
}

impl Order {
    fn new(claims: Vec<ClaimIx>) -> Self {
        let mut rank = vec![0; claims.len()];
        for (r, c) in claims.iter().enumerate() {
            rank[c.i()] = r as u32;
        }
        Self { claims, rank }
    }

    /// `rows` in this order. Shown most of the list, one pass over the
    /// order is cheaper than sorting.
    fn apply(&self, rows: &mut Vec<ClaimIx>) {
        let n = self.claims.len();
        if rows.len().saturating_mul(16) >= n {
            let mut shown = vec![false; n];
            for c in rows.iter() {
                shown[c.i()] = true;
            }
            rows.clear();
            rows.extend(self.claims.iter().copied().filter(|c| shown[c.i()]));
        } else {
            rows.sort_unstable_by_key(|c| self.rank[c.i()]);
        }
    }
}

/// The dataset orders of the claims list, built on first use and kept
/// until the dataset changes (a reload or an authoring change makes a new
/// [`Loaded`]).
#[derive(Default)]
pub(super) struct SortOrders {
    /// The dataset the orders were built for: a `Weak` keeps its address
    /// from being reused, so pointer equality means the same dataset.
    of: Weak<Loaded>,
    said: Option<Order>,
    claimant: Option<Order>,
    /// Both orders, being built on a thread of their own ([`Self::prepare`]).
    coming: Option<Receiver<(Order, Order)>>,
    /// How many orders were built (tests check they are reused).
    built: usize,
}

/// Datasets at least this large get their orders built in the background
/// once the first frame is drawn (10–15 ms at 100k claims, which the first
/// `s` paid); smaller ones build them on first use.
const PREPARE_FROM: usize = 20_000;

impl SortOrders {
    /// Builds both dataset orders on another thread, for a large dataset
    /// whose orders are not built or coming yet.
    pub(super) fn prepare(&mut self, loaded: &Arc<Loaded>) {
        self.prepare_from(loaded, PREPARE_FROM);
    }

    fn prepare_from(&mut self, loaded: &Arc<Loaded>, from: usize) {
        self.adopt_dataset(loaded);
        if loaded.dataset.claims.len() < from
            || self.coming.is_some()
            || self.said.is_some()
            || self.claimant.is_some()
        {
            return;
        }
        let (tx, rx) = channel();
        let shared = Arc::clone(loaded);
        let spawned = std::thread::Builder::new()
            .name("sort-orders".into())
            .spawn(move || {
                let orders = (
                    Order::new(said_order(&shared)),
                    Order::new(claimant_order(&shared)),
                );
                // The receiver may be gone (the dataset changed): nothing to do then.
                let _ = tx.send(orders);
            });
        // Without a thread, the first sort builds its order instead.
        if spawned.is_ok() {
            self.coming = Some(rx);
        }
    }

    /// Forgets the orders of another dataset.
    fn adopt_dataset(&mut self, loaded: &Arc<Loaded>) {
        if !Weak::ptr_eq(&self.of, &Arc::downgrade(loaded)) {
            *self = Self {
                of: Arc::downgrade(loaded),
                built: self.built,
                ..Self::default()
            };
        }
    }

    /// Takes the orders built in the background, waiting for them if they
    /// are still being built (they started when the first frame was drawn).
    fn take_coming(&mut self) {
        if let Some(rx) = self.coming.take()
            && let Ok((said, claimant)) = rx.recv()
        {
            self.built += 2;
            self.said = Some(said);
            self.claimant = Some(claimant);
        }
    }

    /// Orders `rows` (claims, each once) by `key`; ties by dataset order.
    pub(super) fn sort(
        &mut self,
        loaded: &Arc<Loaded>,
        key: SortKey,
        status_of: &[Status],
        rows: &mut Vec<ClaimIx>,
    ) {
        self.adopt_dataset(loaded);
        if matches!(key, SortKey::Said | SortKey::Claimant) {
            self.take_coming();
        }
        match key {
            SortKey::Dataset => {}
            SortKey::Status => by_status(rows, status_of),
            SortKey::Said => {
                let order = self.said.get_or_insert_with(|| {
                    self.built += 1;
                    Order::new(said_order(loaded))
                });
                order.apply(rows);
            }
            SortKey::Claimant => {
                let order = self.claimant.get_or_insert_with(|| {
                    self.built += 1;
                    Order::new(claimant_order(loaded))
                });
                order.apply(rows);
            }
        }
    }

    #[cfg(test)]
    pub(super) fn built(&self) -> usize {
        self.built
    }
}

fn all_claims(loaded: &Loaded) -> Vec<ClaimIx> {
    (0..loaded.dataset.claims.len())
        .map(ClaimIx::from_usize)
        .collect()
}

/// By said date (start, else end), unknown dates last; then by end date.
fn said_order(loaded: &Loaded) -> Vec<ClaimIx> {
    let said = &loaded.index.claim_said;
    // One packed key per claim, sorted as numbers (comparing date ranges
    // per pair of claims cost 25 ms at 100k claims, on the first `s`):
    // unknown start last; then the end, an unknown end first (as `Option`
    // orders); then the claim, so an unstable sort gives the one order.
    let day = |d: jiff::civil::Date| {
        let year = u64::try_from(i32::from(d.year()) + 10_000).unwrap_or(0);
        (year << 9) | (u64::from(d.month().unsigned_abs()) << 5) | u64::from(d.day().unsigned_abs())
    };
    let mut keys: Vec<(u64, u64, u32)> = (0..loaded.dataset.claims.len())
        .map(|i| {
            let r = said[i];
            let start = r.sort_key().map_or(u64::MAX, day);
            let end = r.to.map_or(0, |d| day(d) + 1);
            (start, end, u32::try_from(i).unwrap_or(u32::MAX))
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, _, c)| ClaimIx(c)).collect()
}

/// By the claimant's name. The actors are sorted by name (a few thousand
/// strings), then the claims by their claimant's place, a number: comparing
/// names per pair of claims cost 30 ms at 100k claims, on the first `s`.
fn claimant_order(loaded: &Loaded) -> Vec<ClaimIx> {
    let (ds, ix) = (&loaded.dataset, &loaded.index);
    let mut actors: Vec<usize> = (0..ds.actors.len()).collect();
    actors.sort_by(|a, b| ds.actors[*a].name.cmp(&ds.actors[*b].name));
    // Actors of the same name share a place (their claims then go by claim).
    let mut place = vec![0u64; ds.actors.len()];
    let mut p = 0u64;
    for (k, &a) in actors.iter().enumerate() {
        if k > 0 && ds.actors[actors[k - 1]].name != ds.actors[a].name {
            p += 1;
        }
        place[a] = p;
    }
    let mut v = all_claims(loaded);
    v.sort_unstable_by_key(|c| (place[ix.claim_claimant[c.i()].i()] << 32) | u64::from(c.0));
    v
}

/// By status (in `Status` order), then dataset order: a stable bucketing.
fn by_status(rows: &mut Vec<ClaimIx>, status_of: &[Status]) {
    if !rows.is_sorted() {
        rows.sort_unstable();
    }
    let status = |c: &ClaimIx| status_of.get(c.i()).map_or(0, |s| *s as usize);
    let mut start = [0usize; Status::ALL.len() + 1];
    for c in rows.iter() {
        start[status(c) + 1] += 1;
    }
    for s in 1..start.len() {
        start[s] += start[s - 1];
    }
    let mut out = vec![ClaimIx(0); rows.len()];
    for c in rows.iter() {
        let slot = &mut start[status(c)];
        out[*slot] = *c;
        *slot += 1;
    }
    *rows = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Spec, generate, write_ron};
    use crate::model::parse_str;

    fn loaded(claims: usize) -> Arc<Loaded> {
        let ds = generate(&Spec {
            articles: 3,
            claims,
            seed: 5,
        });
        let mut text = Vec::new();
        write_ron(&ds, "sort test", &mut text).expect("write");
        Arc::new(parse_str(&String::from_utf8(text).expect("utf8")).expect("parse"))
    }

    /// What the list did before: a sort with the key looked up per comparison.
    fn plain(
        loaded: &Loaded,
        key: SortKey,
        status_of: &[Status],
        rows: &[ClaimIx],
    ) -> Vec<ClaimIx> {
        let (ds, ix) = (&loaded.dataset, &loaded.index);
        let mut rows = rows.to_vec();
        match key {
            SortKey::Dataset => {}
            SortKey::Said => rows.sort_by_key(|c| {
                let r = ix.claim_said[c.i()];
                (r.sort_key().is_none(), r.sort_key(), r.to, *c)
            }),
            SortKey::Claimant => rows.sort_by(|a, b| {
                let name = |c: &ClaimIx| &ds.actors[ix.claim_claimant[c.i()].i()].name;
                name(a).cmp(name(b)).then(a.cmp(b))
            }),
            SortKey::Status => rows.sort_by_key(|c| (status_of[c.i()], *c)),
        }
        rows
    }

    #[test]
    fn every_order_matches_a_plain_sort_on_small_and_large_selections() {
        let l = loaded(400);
        let n = l.dataset.claims.len();
        let status_of: Vec<Status> = (0..n)
            .map(|i| Status::ALL[i * 7 % Status::ALL.len()])
            .collect();
        let mut orders = SortOrders::default();
        // Every third claim (the walk), every 40th (the rank sort), a
        // scrambled selection (the status bucketing sorts it first), none.
        let selections: Vec<Vec<ClaimIx>> = vec![
            (0..n).step_by(3).map(ClaimIx::from_usize).collect(),
            (0..n).step_by(40).map(ClaimIx::from_usize).collect(),
            (0..n).rev().step_by(7).map(ClaimIx::from_usize).collect(),
            Vec::new(),
        ];
        for key in [
            SortKey::Dataset,
            SortKey::Said,
            SortKey::Claimant,
            SortKey::Status,
        ] {
            for rows in &selections {
                let mut got = rows.clone();
                orders.sort(&l, key, &status_of, &mut got);
                let want = plain(&l, key, &status_of, rows);
                assert_eq!(got, want, "{key:?} on {} rows", rows.len());
            }
        }
    }

    #[test]
    fn orders_built_in_the_background_are_the_ones_a_sort_builds() {
        let l = loaded(300);
        let status_of = vec![Status::Unreviewed; l.dataset.claims.len()];
        let mut orders = SortOrders::default();
        orders.prepare_from(&l, 0);
        assert!(orders.coming.is_some(), "a thread was started");
        orders.prepare_from(&l, 0);
        for key in [SortKey::Said, SortKey::Claimant] {
            let mut rows: Vec<ClaimIx> = all_claims(&l).into_iter().step_by(2).collect();
            let want = plain(&l, key, &status_of, &rows);
            orders.sort(&l, key, &status_of, &mut rows);
            assert_eq!(rows, want, "{key:?}");
        }
        assert_eq!(orders.built(), 2, "both came from the one thread");
        // A small dataset builds on first use, as before.
        let mut lazy = SortOrders::default();
        lazy.prepare(&l);
        assert!(lazy.coming.is_none());
    }

    #[test]
    fn a_dataset_order_is_built_once_and_rebuilt_for_a_new_dataset() {
        let l = loaded(200);
        let status_of = vec![Status::Unreviewed; l.dataset.claims.len()];
        let mut orders = SortOrders::default();
        for _ in 0..5 {
            let mut rows = all_claims(&l);
            orders.sort(&l, SortKey::Said, &status_of, &mut rows);
        }
        assert_eq!(orders.built(), 1, "the said order is reused");
        let mut rows = all_claims(&l);
        orders.sort(&l, SortKey::Status, &status_of, &mut rows);
        assert_eq!(orders.built(), 1, "the status order needs no dataset order");
        // A reload makes a new `Loaded`: its orders are its own.
        let again = loaded(200);
        let mut rows = all_claims(&again);
        orders.sort(&again, SortKey::Said, &status_of, &mut rows);
        assert_eq!(orders.built(), 2);
        assert_eq!(
            rows,
            plain(&again, SortKey::Said, &status_of, &all_claims(&again))
        );
    }
}
