//! The actors list: the `part_of` tree flattened depth-first with an "All
//! actors" row first, each actor's claim counts, and the cursor.

use super::list::ListCursor;
use crate::model::{ActorIx, Loaded};

#[derive(Debug, Clone, Default)]
pub struct ActorsList {
    /// `None` is "All actors"; with depth for indentation.
    rows: Vec<(Option<ActorIx>, u16)>,
    /// Claims each actor makes and is about, by actor index.
    counts: Vec<(u32, u32)>,
    cursor: ListCursor,
}

impl ActorsList {
    pub fn new(loaded: &Loaded) -> Self {
        let ix = &loaded.index;
        let mut rows = vec![(None, 0)];
        // Depth-first over the part_of tree, in dataset order.
        let mut stack: Vec<(ActorIx, u16)> = ix.actor_roots.iter().rev().map(|&a| (a, 0)).collect();
        while let Some((a, d)) = stack.pop() {
            rows.push((Some(a), d));
            stack.extend(
                ix.actor_children
                    .get(a.i())
                    .iter()
                    .rev()
                    .map(|&c| (c, d + 1)),
            );
        }
        let counts = (0..loaded.dataset.actors.len())
            .map(|a| {
                let (m, b) = ix.actor_counts(ActorIx::from_usize(a));
                (
                    u32::try_from(m).unwrap_or(u32::MAX),
                    u32::try_from(b).unwrap_or(u32::MAX),
                )
            })
            .collect();
        Self {
            rows,
            counts,
            cursor: ListCursor::default(),
        }
    }

    pub fn rows(&self) -> &[(Option<ActorIx>, u16)] {
        &self.rows
    }

    /// (claims made, claims about) for an actor.
    pub fn counts(&self, a: ActorIx) -> (u32, u32) {
        self.counts.get(a.i()).copied().unwrap_or_default()
    }

    pub fn cursor(&self) -> ListCursor {
        self.cursor
    }

    /// The selected actor (`None` for "All actors").
    pub fn selected(&self) -> Option<ActorIx> {
        self.rows.get(self.cursor.selected).and_then(|r| r.0)
    }

    pub(super) fn step(&mut self, delta: isize, height: usize) {
        self.cursor.step(delta, self.rows.len(), height);
    }

    pub(super) fn scroll(&mut self, delta: isize, height: usize) {
        self.cursor.scroll(delta, self.rows.len(), height);
    }

    pub(super) fn follow(&mut self, height: usize) {
        self.cursor.follow(self.rows.len(), height);
    }

    /// Highlights actor `a` (after the dataset was reloaded).
    pub(super) fn select_actor(&mut self, a: ActorIx, height: usize) {
        if let Some(p) = self.rows.iter().position(|r| r.0 == Some(a)) {
            self.cursor.select(p, self.rows.len(), height);
        }
    }

    /// Back to "All actors" at the top.
    pub(super) fn reset(&mut self) {
        self.cursor = ListCursor::default();
    }
}
