//! The claims list: what narrows it (filter), its order, the rows it shows,
//! the cursor over them and the marked claims. The cursor is always inside
//! the rows; rows change only through `set_rows`, which keeps the selected
//! claim when it is still shown.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeSet;

use super::action::SortKey;
use super::list::ListCursor;
use crate::model::{ActorIx, ArticleIx, ClaimIx, Status};

/// What narrows the claims list. Always shown in the status bar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub actor: Option<ActorIx>,
    /// Include the actor's sub-actors (by `part_of`).
    pub sub_actors: bool,
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub article: Option<ArticleIx>,
    pub query: String,
    /// Only claims to adjudicate (`!`): conflicts, and disagreements when comparing.
    pub contested: bool,
    /// Query-language terms (`:query`, a view, several picks).
    pub refine: super::refine::Refine,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.actor.is_none()
            && self.status.is_none()
            && self.tag.is_none()
            && self.article.is_none()
            && self.query.is_empty()
            && !self.contested
            && self.refine.is_empty()
    }
}

#[derive(Debug, Clone, Default)]
pub struct ClaimsList {
    filter: Filter,
    sort: SortKey,
    rows: Vec<ClaimIx>,
    cursor: ListCursor,
    marked: BTreeSet<ClaimIx>,
    /// Claims shown per status (for the counts), in step with `rows`.
    shown_by_status: [usize; 7],
}

impl ClaimsList {
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn sort(&self) -> SortKey {
        self.sort
    }

    /// The claims shown, in order.
    pub fn rows(&self) -> &[ClaimIx] {
        &self.rows
    }

    pub fn cursor(&self) -> ListCursor {
        self.cursor
    }

    pub fn selected(&self) -> Option<ClaimIx> {
        self.rows.get(self.cursor.selected).copied()
    }

    pub fn marked(&self) -> &BTreeSet<ClaimIx> {
        &self.marked
    }

    pub fn shown_by_status(&self) -> [usize; 7] {
        self.shown_by_status
    }

    pub fn position(&self, c: ClaimIx) -> Option<usize> {
        self.rows.iter().position(|x| *x == c)
    }

    pub fn contains(&self, c: ClaimIx) -> bool {
        self.rows.contains(&c)
    }

    /// The filter, to change; the caller recomputes the rows (`refilter`).
    pub(super) fn filter_mut(&mut self) -> &mut Filter {
        &mut self.filter
    }

    pub(super) fn set_sort(&mut self, sort: SortKey) {
        self.sort = sort;
    }

    /// New rows from a refilter: the selected claim stays selected when it is
    /// still shown, else the cursor is clamped into the new rows.
    pub(super) fn set_rows(&mut self, rows: Vec<ClaimIx>, status_of: &[Status], height: usize) {
        let keep = self.selected();
        self.rows = rows;
        self.recount(status_of);
        match keep.and_then(|k| self.position(k)) {
            Some(p) => self.cursor.select(p, self.rows.len(), height),
            None => self.cursor.follow(self.rows.len(), height),
        }
    }

    /// Recounts the shown claims per status (after a status edit).
    pub(super) fn recount(&mut self, status_of: &[Status]) {
        self.shown_by_status = [0; 7];
        for c in &self.rows {
            if let Some(s) = status_of.get(c.i()) {
                self.shown_by_status[*s as usize] += 1;
            }
        }
    }

    pub(super) fn select(&mut self, index: usize, height: usize) {
        self.cursor.select(index, self.rows.len(), height);
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

    pub(super) fn toggle_mark(&mut self, c: ClaimIx) {
        if !self.marked.remove(&c) {
            self.marked.insert(c);
        }
    }

    pub(super) fn mark_all(&mut self, claims: impl IntoIterator<Item = ClaimIx>) {
        self.marked.extend(claims);
    }

    pub(super) fn clear_marks(&mut self) {
        self.marked.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_claim_survives_a_refilter_that_keeps_it() {
        let statuses = [Status::Unreviewed; 5];
        let mut l = ClaimsList::default();
        l.set_rows((0..5).map(ClaimIx::from_usize).collect(), &statuses, 3);
        l.select(3, 3);
        l.set_rows(vec![ClaimIx(1), ClaimIx(3)], &statuses, 3);
        assert_eq!(l.selected(), Some(ClaimIx(3)));
        l.set_rows(vec![ClaimIx(0)], &statuses, 3);
        assert_eq!(l.selected(), Some(ClaimIx(0)), "clamped into the rows");
        assert_eq!(l.shown_by_status()[Status::Unreviewed as usize], 1);
        l.set_rows(Vec::new(), &statuses, 3);
        assert_eq!(l.selected(), None);
        assert_eq!(l.cursor(), ListCursor::default());
    }
}
