//! What the claims list shows: filters, incremental search, sorting, and
//! the roles an actor plays in each claim.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::action::{InputKey, Pane};
use super::layout::AppLayout;
use super::state::{AppState, Filter};
use crate::model::query::Query;
use crate::model::search::SearchIndex;
use crate::model::{ClaimIx, Roles};

impl AppState {
    pub(super) fn clear_filters(&mut self) {
        let f = self.claims.filter_mut();
        *f = Filter {
            sub_actors: f.sub_actors,
            ..Filter::default()
        };
        self.actors.reset();
        self.refilter();
    }

    pub(super) fn search_key(&mut self, k: InputKey) {
        let Some(input) = &mut self.overlays.search_input else {
            return;
        };
        match k {
            InputKey::Char(c) => input.push(c),
            InputKey::Backspace => {
                input.pop();
            }
            InputKey::DeleteWord => {
                let trimmed = input.trim_end().len();
                let cut = input[..trimmed].rfind(' ').map_or(0, |i| i + 1);
                input.truncate(cut);
            }
            InputKey::Clear => input.clear(),
        }
        // The box speaks the query language: a text that does not parse or
        // names an unknown id is said under the box, and the list keeps the
        // last query that ran (never a silent empty list).
        let text = input.clone();
        match self.check_query(&text) {
            Ok(()) => {
                self.overlays.search_error = None;
                if self.claims.filter().query != text {
                    self.claims.filter_mut().query = text;
                    self.refilter();
                }
            }
            Err(e) => self.overlays.search_error = Some(e),
        }
    }

    /// Narrows `rows` by the search box's query. Bare words go through the
    /// shared text index exactly as before (its narrowing from the previous
    /// keystroke applies); until it is built, only the query's fields apply
    /// and the words wait (`true` is returned).
    fn apply_search(&mut self, rows: Vec<ClaimIx>) -> (Vec<ClaimIx>, bool) {
        let text = self.claims.filter().query.trim().to_owned();
        if text.is_empty() {
            return (rows, false);
        }
        let query = match Query::parse(&text) {
            Ok(q) => q,
            Err(e) => {
                self.complain(format!("search “{text}” not applied: {e}"));
                return (rows, false);
            }
        };
        let set = self.annotations.set();
        let mut own = SearchIndex::lazy();
        let (result, waiting) = if query.has_text() {
            match self.search.get_ready(&self.loaded) {
                Some(search) => (query.select(&self.loaded, set, search, &rows), false),
                None => (
                    query
                        .without_text()
                        .select(&self.loaded, set, &mut own, &rows),
                    true,
                ),
            }
        } else {
            (query.select(&self.loaded, set, &mut own, &rows), false)
        };
        match result {
            Ok(r) => (r, waiting),
            Err(e) => {
                // An id gone after a reload: said, and the list not narrowed.
                self.complain(format!("search “{text}” not applied: {e}"));
                (rows, false)
            }
        }
    }

    /// Applies a waiting query once its index has been built.
    pub(super) fn poll_background(&mut self) {
        // The first frame is drawn: the search index may be built now.
        self.search.kick();
        if self.search.waiting() && self.search.is_built() {
            self.message = None;
            self.refilter();
        }
    }

    pub(super) fn next_match(&mut self, dir: isize) {
        if let Some(r) = &mut self.overlays.reader {
            r.step_quote(&self.loaded, dir);
            return;
        }
        // Matches are the rows of the filtered list; wrap around at the ends.
        let n = self.claims.rows().len();
        if n == 0 {
            return;
        }
        let next = (self.claims.cursor().selected as isize + dir).rem_euclid(n as isize) as usize;
        let h = AppLayout::inner_height(self.layout().claims);
        self.claims.select(next, h);
        self.focus = Pane::Claims;
    }

    /// Recomputes the claims list from the filter and sort. O(claims) — run
    /// on filter changes only, never per frame. Keeps the selected claim.
    pub(super) fn refilter(&mut self) {
        let ds = &self.loaded.dataset;
        let ix = &self.loaded.index;
        let f = self.claims.filter();
        let mut rows: Vec<ClaimIx> = match f.actor {
            Some(a) => {
                let actors = if f.sub_actors {
                    ix.actor_subtree(a)
                } else {
                    vec![a]
                };
                let mut v: Vec<ClaimIx> = actors
                    .iter()
                    .flat_map(|x| ix.actor_claims.get(x.i()).iter().map(|(c, _)| *c))
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            }
            None => (0..ds.claims.len()).map(ClaimIx::from_usize).collect(),
        };
        let status_of = self.statuses.all();
        rows.retain(|c| {
            (!f.contested || self.is_contested(*c))
                && f.status.is_none_or(|s| status_of[c.i()] == s)
                && f.article.is_none_or(|a| ix.claim_article[c.i()] == a)
                && f.tag.as_ref().is_none_or(|t| {
                    ds.claims[c.i()].tags.contains(t)
                        || self
                            .annotations
                            .set()
                            .get(&ds.claims[c.i()].id)
                            .is_some_and(|a| a.tags.contains(t))
                })
        });
        // The analysts' notes, evidence and tags are searched too (`select`
        // syncs them). While the index is built the words apply when it
        // arrives (`poll_background`); the keystroke answers now.
        let (rows, waiting) = self.apply_search(rows);
        self.search.set_waiting(waiting);
        let mut rows = self.apply_refine(rows);
        let sort = self.claims.sort();
        self.sort_orders
            .sort(&self.loaded, sort, self.statuses.all(), &mut rows);
        let h = AppLayout::inner_height(self.layout().claims);
        self.claims.set_rows(rows, self.statuses.all(), h);
        self.refilter_timeline();
        if waiting {
            let n = self.loaded.dataset.claims.len();
            self.say(format!(
                "building the search index ({n} claims)… the matches follow"
            ));
        }
    }

    /// Makes `c` the selected claim, clearing filters that hide it.
    pub(super) fn select_claim(&mut self, c: ClaimIx) {
        if !self.claims.contains(c) {
            self.clear_filters();
        }
        if let Some(p) = self.claims.position(c) {
            let h = AppLayout::inner_height(self.layout().claims);
            self.claims.select(p, h);
        }
        self.focus = Pane::Claims;
        self.detail.scroll = 0;
        self.sync_timeline_to_claim();
    }

    /// Every tag, the dataset's and the analysts', sorted: what `#` cycles.
    pub(super) fn all_tags(&self) -> Vec<String> {
        let set = self.annotations.set();
        let mut tags: Vec<String> = self
            .loaded
            .dataset
            .claims
            .iter()
            .flat_map(|c| {
                let own = set
                    .get(&c.id)
                    .map(|a| a.tags.as_slice())
                    .unwrap_or_default();
                c.tags.iter().chain(own).cloned()
            })
            .collect();
        tags.sort();
        tags.dedup();
        tags
    }

    /// The roles the filtered actor (and sub-actors) play in a claim.
    pub fn roles_in(&self, c: ClaimIx) -> Option<Roles> {
        let a = self.claims.filter().actor?;
        let ix = &self.loaded.index;
        let actors = if self.claims.filter().sub_actors {
            ix.actor_subtree(a)
        } else {
            vec![a]
        };
        let mut roles = Roles::default();
        for x in actors {
            let list = ix.actor_claims.get(x.i());
            if let Ok(p) = list.binary_search_by_key(&c, |(cc, _)| *cc) {
                roles = roles.union(list[p].1);
            }
        }
        Some(roles)
    }
}
