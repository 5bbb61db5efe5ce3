//! Which characters of each visible claim the search query matches, worked
//! out once per claim and query (when a row scrolls into view), not once
//! per frame: the view only reads them.

use std::collections::HashMap;

use super::layout::AppLayout;
use super::state::AppState;
use crate::model::ClaimIx;
use crate::model::search::Highlighter;

/// Match positions for the claims shown so far under the current query.
#[derive(Debug, Default)]
pub struct Highlights {
    query: String,
    /// Texts are matched on their first `width` characters (the row cannot
    /// show more); a wider pane recomputes them.
    width: usize,
    by_claim: HashMap<ClaimIx, Box<[u32]>>,
    /// Claims matched since the state was made (a test checks the count).
    computed: usize,
}

impl Highlights {
    /// Char indices in the claim's sanitised text that the query matches,
    /// ascending; empty without a query or for a claim not yet shown.
    pub fn of(&self, c: ClaimIx) -> &[u32] {
        self.by_claim.get(&c).map_or(&[], |v| v)
    }

    /// The query the positions are for.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// How many claim texts have been matched in all.
    pub fn computed(&self) -> usize {
        self.computed
    }
}

impl AppState {
    /// Matches the rows now visible that have no positions for this query
    /// yet. Called at the end of every `update`: cheap when nothing changed
    /// (one lookup per visible row).
    pub(super) fn refresh_highlights(&mut self) {
        // Only the query's words are matched in the text (not `status:…`).
        let query = match crate::model::query::Query::parse(self.claims.filter().query.trim()) {
            Ok(q) => q.search_words(),
            Err(_) => String::new(),
        };
        let pane = self.layout().claims;
        let width = pane.width as usize;
        let height = AppLayout::inner_height(pane);
        let h = &mut self.highlights;
        if h.query != query || h.width != width {
            h.query = query;
            h.width = width;
            h.by_claim.clear();
        }
        if h.query.is_empty() {
            return;
        }
        let offset = self.claims.cursor().offset;
        let mut matcher: Option<Highlighter> = None;
        let ds = &self.loaded.dataset;
        for &c in self.claims.rows().iter().skip(offset).take(height) {
            if h.by_claim.contains_key(&c) {
                continue;
            }
            let Some(claim) = ds.claims.get(c.i()) else {
                continue;
            };
            let m = matcher.get_or_insert_with(|| Highlighter::new(&h.query));
            let text = visible_prefix(&claim.text, width);
            h.by_claim.insert(c, m.indices(&text).into_boxed_slice());
            h.computed += 1;
        }
    }
}

/// The sanitised text a row of `width` columns can show: at most `width`
/// characters (each is at least one column wide, or zero and then beside one).
pub fn visible_prefix(text: &str, width: usize) -> String {
    let end = text
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(i, _)| i);
    crate::text::sanitize(&text[..end]).into_owned()
}
