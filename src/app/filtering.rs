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
use crate::model::search::{RESUME_SLICE, Resume, SearchIndex};
use crate::model::{ClaimIx, Roles, Short};

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

    /// A search among many candidates answers with what the screen shows:
    /// the rows are sorted first and graded in that order until the claims
    /// list's window (and the selected claim) is settled; the rest is graded
    /// over the next turns of the event loop (`poll_background`), and any
    /// other action finishes it first (`finish_search`), so nothing else
    /// ever sees a partial list. `Err(rows)` when the search is answered in
    /// full instead: small, a negated word, `:query` terms, no index yet.
    fn search_screenful_first(&mut self, rows: Vec<ClaimIx>) -> Result<(), Vec<ClaimIx>> {
        let text = self.claims.filter().query.trim().to_owned();
        if text.is_empty()
            || rows.len() < self.search.first_from
            || !self.claims.filter().refine.is_empty()
            || !self.search.is_built()
        {
            return Err(rows);
        }
        let Ok(query) = Query::parse(&text) else {
            return Err(rows);
        };
        let words = query.search_words();
        if words.trim().is_empty() || query.has_negated_text() {
            return Err(rows);
        }
        let set = self.annotations.set();
        let mut own = SearchIndex::lazy();
        let Ok(mut narrowed) = query
            .without_text()
            .select(&self.loaded, set, &mut own, &rows)
        else {
            return Err(rows);
        };
        let sort = self.claims.sort();
        self.sort_orders
            .sort(&self.loaded, sort, self.statuses.all(), &mut narrowed);
        let h = AppLayout::inner_height(self.layout().claims);
        let cursor = self.claims.cursor();
        let keep = self.claims.selected();
        let Some(search) = self.search.get_ready(&self.loaded) else {
            return Err(rows);
        };
        search.sync_annotations(&self.loaded, set);
        // Enough that the window's rows and the cursor are what the full
        // answer gives (see `ListCursor::follow`).
        let want = cursor.selected.max(cursor.offset) + h + 1;
        let first = search.filter_first(&words, &narrowed, want);
        let mut partial = !first.complete;
        let mut found = first.matches;
        // The selected claim may match further on (after a Backspace): its
        // place is only known once everything is graded.
        if partial
            && keep.is_some_and(|k| !found.contains(&k) && search.undecided(k))
            && let Resume::Done(all) = search.resume(&words, usize::MAX)
        {
            found = all;
            partial = false;
        }
        self.search.set_waiting(false);
        self.claims.set_rows(found, self.statuses.all(), h);
        if partial {
            self.search.set_partial(Some(words));
        } else {
            self.refilter_timeline();
        }
        Ok(())
    }

    /// Grades one more slice of a search shown a screenful first; adopts
    /// the whole answer when it is done.
    fn search_slice(&mut self, budget: usize) {
        let Some(words) = self.search.partial().map(str::to_owned) else {
            return;
        };
        let resumed = match self.search.get_ready(&self.loaded) {
            Some(search) => search.resume(&words, budget),
            None => Resume::Gone,
        };
        match resumed {
            Resume::More => {}
            Resume::Done(all) => {
                let announce = std::mem::take(&mut self.search.announce);
                self.search.set_partial(None);
                let h = AppLayout::inner_height(self.layout().claims);
                self.claims.set_rows(all, self.statuses.all(), h);
                self.refilter_timeline();
                self.repaint = true;
                if announce {
                    self.say_matches();
                }
            }
            // Cannot happen (every search goes through `refilter`): start over.
            Resume::Gone => self.refilter(),
        }
    }

    /// Finishes a search shown a screenful first, before anything that
    /// reads the whole list.
    pub(super) fn finish_search(&mut self) {
        while self.search.partial().is_some() {
            self.search_slice(usize::MAX);
        }
    }

    /// Applies a waiting query once its index has been built, and goes on
    /// with a search shown a screenful first.
    pub(super) fn poll_background(&mut self) {
        if self.take_timeline(false) {
            self.repaint = true;
        }
        // A changed dataset file read in the background: shown once parsed.
        if self.dataset_file.checking() {
            self.poll_dataset();
            if !self.dataset_file.checking() {
                self.repaint = true;
            }
        }
        if self.search.partial().is_some() {
            self.search_slice(RESUME_SLICE);
            return;
        }
        // The first frame is drawn: the search index and the sort orders
        // may be built now.
        self.search.kick();
        self.sort_orders.prepare(&self.loaded);
        if self.search.waiting() && self.search.is_built() {
            self.message = None;
            self.refilter();
            // Its first screenful now, even if the rest is still graded.
            self.repaint = true;
        }
    }

    /// Whether a background turn (`Action::Poll`) changed what the screen
    /// shows before the work it waits for is done; asked once per turn.
    pub fn take_repaint(&mut self) -> bool {
        std::mem::take(&mut self.repaint)
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
                    ds.claims[c.i()].tags.iter().any(|x| x == t)
                        || self
                            .annotations
                            .set()
                            .get(&ds.claims[c.i()].id)
                            .is_some_and(|a| a.tags.contains(t))
                })
        });
        self.search.set_partial(None);
        let rows = match self.search_screenful_first(rows) {
            Ok(()) => return,
            Err(rows) => rows,
        };
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
        // Distinct tags borrowed first, then copied: at 100k claims the
        // dataset holds 150k tags but a few dozen distinct ones. The
        // analysts' tags count for the claims the dataset has.
        let index = &self.loaded.index;
        let dataset = self.loaded.dataset.claims.iter().flat_map(|c| &c.tags);
        let own = (self.annotations.set().claims.iter())
            .filter(|(id, _)| index.claim_by_id.contains_key(id.as_str()))
            .flat_map(|(_, a)| &a.tags);
        let distinct: std::collections::HashSet<&str> = dataset
            .map(Short::as_str)
            .chain(own.map(String::as_str))
            .collect();
        let mut tags: Vec<String> = distinct.into_iter().map(str::to_owned).collect();
        tags.sort();
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

#[cfg(test)]
mod tests {
    use crate::app::action::InputKey;
    use crate::app::{Action, AppState};
    use crate::model::ClaimIx;
    use ratatui::layout::Rect;

    /// 800 generated claims in a short terminal (a screenful is a few rows),
    /// the search index built; `first_from` as given.
    fn state(first_from: usize) -> AppState {
        let ds = crate::model::generate::generate(&crate::model::generate::Spec {
            articles: 8,
            claims: 800,
            seed: 7,
        });
        let loaded = crate::model::load::from_dataset(ds, None).expect("valid");
        let mut s = AppState::in_memory(loaded, Rect::new(0, 0, 120, 24));
        s.search.get(&s.loaded);
        s.search.first_from = first_from;
        s
    }

    fn window(s: &AppState) -> Vec<ClaimIx> {
        let h = crate::app::layout::AppLayout::inner_height(s.layout().claims);
        let c = s.claims().cursor();
        s.claims()
            .rows()
            .iter()
            .skip(c.offset)
            .take(h)
            .copied()
            .collect()
    }

    fn type_in(s: &mut AppState, keys: &[InputKey]) {
        for k in keys {
            s.update(Action::SearchInput(*k));
        }
    }

    fn chars(text: &str) -> Vec<InputKey> {
        text.chars().map(InputKey::Char).collect()
    }

    #[test]
    fn a_search_shows_the_screenful_it_ends_with_before_grading_every_claim() {
        let mut first = state(0);
        let mut full = state(usize::MAX);
        for s in [&mut first, &mut full] {
            s.update(Action::SearchStart);
        }
        let mut keys = chars("troops said");
        keys.extend([InputKey::Backspace, InputKey::Backspace]);
        keys.extend(chars("d"));
        let mut partial_seen = 0;
        for k in keys {
            type_in(&mut first, std::slice::from_ref(&k));
            type_in(&mut full, std::slice::from_ref(&k));
            assert!(!full.search_partial());
            partial_seen += usize::from(first.search_partial());
            // The frame this key draws: the window and the selection are
            // those of the full answer, whatever is left to grade.
            assert_eq!(window(&first), window(&full), "after {k:?}");
            assert_eq!(first.claims().selected(), full.claims().selected());
            assert_eq!(first.claims().cursor(), full.claims().cursor());
            if first.search_partial() {
                assert!(first.busy(), "the event loop must come back for the rest");
                assert!(first.claims().rows().len() < full.claims().rows().len());
            }
            // The rest, a slice per turn of the loop.
            let mut turns = 0;
            while first.search_partial() {
                first.update(Action::Poll);
                turns += 1;
                assert!(turns < 100, "the search never finished");
            }
            assert_eq!(first.claims().rows(), full.claims().rows(), "after {k:?}");
            assert_eq!(
                first.claims().shown_by_status(),
                full.claims().shown_by_status()
            );
        }
        assert!(
            partial_seen > 3,
            "only {partial_seen} keys answered a screenful first"
        );
    }

    #[test]
    fn any_other_action_finishes_the_search_first() {
        let mut s = state(0);
        s.update(Action::SearchStart);
        type_in(&mut s, &chars("tro"));
        assert!(s.search_partial());
        let shown = s.claims().rows().len();
        // Enter only closes the box: the rest is still graded turn by turn,
        // and the count is said when it is known (not the screenful's).
        s.update(Action::SearchAccept);
        assert!(s.search_partial() && s.busy());
        assert_eq!(s.claims().rows().len(), shown);
        assert_eq!(
            s.message().map(|m| m.text.as_str()),
            Some("searching “tro”…")
        );
        let mut counted = state(0);
        counted.update(Action::SearchStart);
        type_in(&mut counted, &chars("tro"));
        counted.update(Action::SearchAccept);
        while counted.search_partial() {
            counted.update(Action::Poll);
        }
        let all = counted.claims().rows().len();
        assert!(all > shown);
        let said = counted
            .message()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(
            said.starts_with(&format!("{all} claims match “tro”")),
            "{said}"
        );
        // `G` reads the whole list.
        s.update(Action::Bottom);
        assert!(!s.search_partial() && !s.busy());
        let mut full = state(usize::MAX);
        full.update(Action::SearchStart);
        type_in(&mut full, &chars("tro"));
        assert!(s.claims().rows().len() > shown);
        assert_eq!(s.claims().rows(), full.claims().rows());
        // The timeline follows the whole answer too.
        assert_eq!(s.timeline.data.len(), full.timeline.data.len());
    }

    #[test]
    fn a_selected_claim_further_down_is_found_before_the_frame() {
        let mut first = state(0);
        let mut full = state(usize::MAX);
        for s in [&mut first, &mut full] {
            // Typed over: "t" … "troop" are each graded only in part.
            s.update(Action::SearchStart);
            type_in(s, &chars("troops"));
            s.update(Action::SearchAccept);
            // Far down the list, then a wider search, whose step is graded
            // only in part: the claim's place in it is further down still.
            s.update(Action::Bottom);
            s.update(Action::SearchStart);
            type_in(s, &[InputKey::Backspace; 3]);
        }
        assert_eq!(first.claims().filter().query, "tro");
        assert!(first.claims().cursor().selected > 10, "far down");
        assert_eq!(first.claims().selected(), full.claims().selected());
        assert_eq!(first.claims().cursor(), full.claims().cursor());
        assert_eq!(window(&first), window(&full));
    }
}
