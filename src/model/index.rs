//! Lookups built once at load time, so that views never scan the whole dataset.
//!
//! Items are referred to by dense indices (`ClaimIx`, ...) into the dataset's
//! vectors; one-to-many relations are stored as compressed adjacency lists
//! ([`Csr`]): two allocations per relation, however many items there are.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::dataset::{RelationKind, Short};
use super::date::DateRange;

macro_rules! index_type {
    ($($(#[$doc:meta])* $name:ident),*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub u32);
        impl $name {
            pub fn i(self) -> usize {
                self.0 as usize
            }
            /// Indices are dense and the loader caps counts far below `u32::MAX`.
            pub fn from_usize(i: usize) -> Self {
                Self(u32::try_from(i).unwrap_or(u32::MAX))
            }
        }
    )*};
}

index_type!(
    /// An article's position in `Dataset::articles`.
    ArticleIx,
    /// An actor's position in `Dataset::actors`.
    ActorIx,
    /// A claim's position in `Dataset::claims`.
    ClaimIx,
    /// An event's position in `Dataset::events`.
    EventIx
);

/// A one-to-many relation from `0..n` to `T`s, in compressed sparse row form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Csr<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Csr<T> {
    fn default() -> Self {
        Self {
            offsets: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy> Csr<T> {
    /// Groups `(source, item)` pairs by source, keeping each group's order.
    pub fn from_pairs(n: usize, pairs: &[(usize, T)]) -> Self {
        let mut offsets = vec![0u32; n + 1];
        for &(s, _) in pairs {
            offsets[s + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let Some(&(_, first)) = pairs.first() else {
            return Self {
                offsets,
                items: Vec::new(),
            };
        };
        // Every slot is written below; `first` only fills them meanwhile.
        let mut items = vec![first; pairs.len()];
        let mut next = offsets.clone();
        for &(s, t) in pairs {
            items[next[s] as usize] = t;
            next[s] += 1;
        }
        Self { offsets, items }
    }

    pub fn get(&self, i: usize) -> &[T] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Every item of every source, in order.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// Offsets that start at 0, never decrease and end at the item count: a
    /// relation built by [`Csr::from_pairs`] always is; one decoded from a
    /// cache must be checked.
    pub fn is_well_formed(&self) -> bool {
        self.offsets.first() == Some(&0)
            && self.offsets.windows(2).all(|w| w.first() <= w.get(1))
            && self.offsets.last().map(|&l| l as usize) == Some(self.items.len())
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The number of items over all sources.
    pub fn total(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How an actor takes part in a claim (a bit set: one actor may hold several roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Roles(u8);

impl Roles {
    pub const CLAIMANT: Roles = Roles(1);
    pub const VIA: Roles = Roles(2);
    pub const ABOUT: Roles = Roles(4);

    pub fn contains(self, other: Roles) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn union(self, other: Roles) -> Roles {
        Roles(self.0 | other.0)
    }

    /// "claimant", "via", "about", joined with "+".
    pub fn label(self) -> String {
        let names = [
            (Self::CLAIMANT, "claimant"),
            (Self::VIA, "via"),
            (Self::ABOUT, "about"),
        ];
        let parts: Vec<&str> = names
            .iter()
            .filter(|(r, _)| self.contains(*r))
            .map(|(_, n)| *n)
            .collect();
        parts.join("+")
    }
}

/// A relation seen from one claim: outgoing (`c02 contradicts c05`) or
/// incoming (`c05 is contradicted by c02`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: RelationKind,
    pub other: ClaimIx,
    pub outgoing: bool,
}

impl Link {
    pub fn label(&self) -> &'static str {
        if self.outgoing {
            self.kind.label()
        } else {
            self.kind.inverse_label()
        }
    }
}

/// Byte range of a claim's quote inside its paragraph (original text, not normalised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSpan {
    /// 0-based paragraph index.
    pub paragraph: u32,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub article_by_id: HashMap<Short, ArticleIx>,
    pub actor_by_id: HashMap<Short, ActorIx>,
    pub claim_by_id: HashMap<Short, ClaimIx>,
    pub event_by_id: HashMap<Short, EventIx>,

    pub article_outlet: Vec<ActorIx>,
    pub article_published: Vec<DateRange>,
    pub article_claims: Csr<ClaimIx>,

    pub actor_parent: Vec<Option<ActorIx>>,
    pub actor_children: Csr<ActorIx>,
    pub actor_roots: Vec<ActorIx>,
    /// Every claim an actor takes part in, in claim order, with its roles.
    pub actor_claims: Csr<(ClaimIx, Roles)>,
    pub actor_events: Csr<EventIx>,

    pub claim_article: Vec<ArticleIx>,
    pub claim_claimant: Vec<ActorIx>,
    pub claim_via: Csr<ActorIx>,
    pub claim_about: Csr<ActorIx>,
    pub claim_said: Vec<DateRange>,
    pub claim_quote: Vec<QuoteSpan>,
    pub claim_links: Csr<Link>,
    pub claim_events: Csr<EventIx>,

    pub event_when: Vec<DateRange>,
    pub event_actors: Csr<ActorIx>,
    pub event_claims: Csr<ClaimIx>,
}

impl Index {
    /// Number of claims an actor makes (as claimant) and is about.
    pub fn actor_counts(&self, a: ActorIx) -> (usize, usize) {
        let cs = self.actor_claims.get(a.i());
        let makes = cs
            .iter()
            .filter(|(_, r)| r.contains(Roles::CLAIMANT))
            .count();
        let about = cs.iter().filter(|(_, r)| r.contains(Roles::ABOUT)).count();
        (makes, about)
    }

    /// The actor and all its descendants by `part_of`, depth first.
    pub fn actor_subtree(&self, a: ActorIx) -> Vec<ActorIx> {
        let mut out = vec![a];
        let mut i = 0;
        while i < out.len() {
            out.extend_from_slice(self.actor_children.get(out[i].i()));
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csr_groups_pairs_in_order() {
        let csr = Csr::from_pairs(3, &[(2, 'a'), (0, 'b'), (2, 'c')]);
        assert_eq!(csr.get(0), &['b']);
        assert_eq!(csr.get(1), &[] as &[char]);
        assert_eq!(csr.get(2), &['a', 'c']);
        assert_eq!(csr.get(9), &[] as &[char]);
        assert_eq!(csr.len(), 3);
        assert!(csr.is_well_formed());
        let bad: Csr<char> = Csr {
            offsets: vec![0, 5, 2],
            items: vec!['a'],
        };
        assert!(!bad.is_well_formed());
        assert_eq!(bad.get(0), &[] as &[char], "no panic on bad offsets");
        assert_eq!(bad.get(1), &[] as &[char]);
    }

    #[test]
    fn roles_combine_and_label() {
        let r = Roles::CLAIMANT.union(Roles::ABOUT);
        assert!(r.contains(Roles::ABOUT) && !r.contains(Roles::VIA));
        assert_eq!(r.label(), "claimant+about");
    }
}
