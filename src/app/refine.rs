//! The query-language part of the claims filter (`:query`, a view, a
//! picker's several picks) and the saved views: the TUI narrows with the same
//! [`Query::select`] as `--where`, and the current filters can be written back
//! as a query, so a view saved here selects the same claims on the command line.

use std::path::PathBuf;

use super::action::SortKey;
use super::state::AppState;
use crate::model::query::Query;
use crate::model::search::SearchIndex;
use crate::model::views::{View, ViewSort};
use crate::model::{ClaimIx, Status};

/// Query terms ANDed onto the other filters, each under a key so that
/// picking tags again replaces the tags picked before (`query` is the text
/// of `:query` or a view).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refine {
    terms: Vec<(&'static str, String)>,
}

impl Refine {
    /// The whole query text ("" when nothing is set).
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self
            .terms
            .iter()
            .map(|(_, t)| t.as_str())
            .filter(|t| !t.trim().is_empty())
            .collect();
        parts.join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }

    /// Sets (or with `None`, removes) the term under `key`.
    pub fn with(&self, key: &'static str, term: Option<String>) -> Self {
        let mut terms: Vec<(&'static str, String)> = self
            .terms
            .iter()
            .filter(|(k, _)| *k != key)
            .cloned()
            .collect();
        if let Some(t) = term.filter(|t| !t.trim().is_empty()) {
            terms.push((key, t));
        }
        Self { terms }
    }
}

/// The saved views the TUI offers: the dataset's (beside its annotation
/// file, where new ones are saved) first, then the settings file's.
#[derive(Debug, Clone, Default)]
pub struct SavedViews {
    pub(super) dataset: Vec<View>,
    pub(super) config: Vec<View>,
    /// Where the dataset's views are saved; `None`: saving is not possible.
    pub(super) file: Option<PathBuf>,
}

impl SavedViews {
    pub fn new(dataset: Vec<View>, config: Vec<View>, file: Option<PathBuf>) -> Self {
        Self {
            dataset,
            config,
            file,
        }
    }

    /// Every view by name, the dataset's first; a settings view a dataset
    /// view of the same name hides is left out.
    pub fn all(&self) -> Vec<&View> {
        let mut out: Vec<&View> = self.dataset.iter().collect();
        for v in &self.config {
            if !out.iter().any(|d| d.name == v.name) {
                out.push(v);
            }
        }
        out
    }

    pub fn file(&self) -> Option<&PathBuf> {
        self.file.as_ref()
    }
}

pub fn sort_of_view(s: ViewSort) -> SortKey {
    match s {
        ViewSort::Dataset => SortKey::Dataset,
        ViewSort::Date => SortKey::Said,
        ViewSort::Claimant => SortKey::Claimant,
        ViewSort::Status => SortKey::Status,
    }
}

pub fn view_sort(s: SortKey) -> ViewSort {
    match s {
        SortKey::Dataset => ViewSort::Dataset,
        SortKey::Said => ViewSort::Date,
        SortKey::Claimant => ViewSort::Claimant,
        SortKey::Status => ViewSort::Status,
    }
}

/// A value as the query language reads it back: bare when it is one plain
/// word, else quoted with `\"` and `\\` escaped.
pub fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '*' | '?'));
    if plain {
        return value.to_owned();
    }
    let mut out = String::from("\"");
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// `status:false` — a status as the query language names it.
pub fn status_word(s: Status) -> String {
    s.label().to_lowercase()
}

impl AppState {
    pub fn saved_views(&self) -> &SavedViews {
        &self.views
    }

    /// The same state offering these saved views (and saving new ones to
    /// the dataset's views file, when there is one).
    pub fn with_views(mut self, views: SavedViews) -> Self {
        self.views = views;
        self
    }

    /// Narrows `rows` by the query terms of the filter; a query that no
    /// longer runs (an id gone after a reload) is said, never an empty list.
    pub(super) fn apply_refine(&mut self, rows: Vec<ClaimIx>) -> Vec<ClaimIx> {
        let text = self.claims.filter().refine.text();
        if text.is_empty() {
            return rows;
        }
        let result = Query::parse(&text).and_then(|q| {
            // Words need the text index: the shared one when it is built;
            // while the background build runs, a private one (built by
            // `select` on first use) rather than a wrong list.
            let mut own = SearchIndex::lazy();
            let shared = if q.has_text() {
                self.search.get_ready(&self.loaded)
            } else {
                None
            };
            let search = match shared {
                Some(s) => {
                    s.sync_annotations(&self.loaded, self.annotations.set());
                    s
                }
                _ => &mut own,
            };
            q.select(&self.loaded, self.annotations.set(), search, &rows)
        });
        match result {
            Ok(r) => r,
            Err(e) => {
                self.complain(format!("query “{text}” not applied: {e}"));
                rows
            }
        }
    }

    /// Puts `term` under `key` in the filter's query, if it runs; else says why.
    pub(super) fn set_refine(&mut self, key: &'static str, term: Option<String>) -> bool {
        let next = self.claims.filter().refine.with(key, term);
        if let Err(e) = self.check_query(&next.text()) {
            self.complain(e);
            return false;
        }
        self.claims.filter_mut().refine = next;
        self.refilter();
        true
    }

    /// Parses `text` and resolves its ids against the dataset.
    pub(super) fn check_query(&self, text: &str) -> Result<(), String> {
        // `check` binds the ids only: a query with words must not build a
        // text index here, on every keystroke.
        let q = Query::parse(text).map_err(|e| e.to_string())?;
        q.check(&self.loaded).map_err(|e| e.to_string())
    }

    /// `:query TEXT`: the claims list narrowed by TEXT (empty clears it).
    pub(super) fn run_query(&mut self, text: &str) {
        let t = text.trim();
        if self.set_refine("query", Some(t.to_owned())) {
            if t.is_empty() {
                self.say("query cleared");
            } else {
                self.say(format!(
                    "{} the query “{t}” (Esc clears it)",
                    super::state::claims_match(self.claims.rows().len())
                ));
            }
        }
    }

    /// Shows the view called `name`: its query on a clear filter, its order.
    pub(super) fn apply_view(&mut self, name: &str) {
        let Some(view) = self
            .views
            .all()
            .into_iter()
            .find(|v| v.name == name)
            .cloned()
        else {
            let names: Vec<String> = self.views.all().iter().map(|v| v.name.clone()).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = match crate::model::suggest::did_you_mean(name, &names) {
                Some(s) => format!("; did you mean “{s}”?"),
                None if names.is_empty() => " (no views are saved)".to_owned(),
                None => String::new(),
            };
            self.complain(format!("no view called “{name}”{hint}"));
            return;
        };
        if let Err(e) = self.check_query(&view.query) {
            self.complain(format!("view “{name}”: {e}"));
            return;
        }
        self.clear_filters();
        self.claims.filter_mut().refine = Default::default();
        self.claims.set_sort(sort_of_view(view.sort));
        self.set_refine("query", Some(view.query.clone()));
        self.say(format!(
            "view “{name}”: {} claims, by {}",
            self.claims.rows().len(),
            self.claims.sort().label()
        ));
    }

    /// The filters in force as one query (what a view saved now would show).
    pub fn current_query(&self) -> String {
        let f = self.claims.filter();
        let ds = &self.loaded.dataset;
        let mut terms = Vec::new();
        if let Some(a) = f.actor.and_then(|a| ds.actors.get(a.i())) {
            let sub = if f.sub_actors { "~" } else { "" };
            terms.push(format!("actor:{}{sub}", quote(&a.id)));
        }
        if let Some(s) = f.status {
            terms.push(format!("status:{}", status_word(s)));
        }
        if let Some(t) = &f.tag {
            terms.push(format!("tag:{}", quote(t)));
        }
        if let Some(a) = f.article.and_then(|a| ds.articles.get(a.i())) {
            terms.push(format!("article:{}", quote(&a.id)));
        }
        let refine = f.refine.text();
        if !refine.is_empty() {
            terms.push(refine);
        }
        if !f.query.trim().is_empty() {
            terms.push(f.query.trim().to_owned());
        }
        terms.join(" ")
    }

    /// Saves the current filters as the view `name` in the dataset's views
    /// file (the edge writes it and sends the views back).
    pub(super) fn save_view(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            self.complain("a view needs a name: save-view NAME");
            return;
        }
        if self.views.file.is_none() {
            self.complain("views cannot be saved: no annotation file to put them beside");
            return;
        }
        let query = self.current_query();
        if let Err(e) = self.check_query(&query) {
            self.complain(format!("the current filters do not make a query: {e}"));
            return;
        }
        let view = View {
            name: name.to_owned(),
            query,
            sort: view_sort(self.claims.sort()),
        };
        let skipped = if self.claims.filter().contested {
            " (the to-adjudicate filter is not part of it)"
        } else {
            ""
        };
        self.say(format!("saving view “{name}”…{skipped}"));
        self.effects.push(super::state::Effect::SaveView(view));
    }

    /// Marks every claim shown (adds to the marks already made).
    pub(super) fn mark_all_shown(&mut self) {
        let rows = self.claims.rows().to_vec();
        let n = rows.len();
        self.claims.mark_all(rows);
        self.say(format!(
            "marked {n} shown claim{} ({} marked in all)",
            if n == 1 { "" } else { "s" },
            self.claims.marked().len()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_replace_by_key_and_join() {
        let r = Refine::default()
            .with("tag", Some("tag:a,b".into()))
            .with("query", Some("status:false".into()));
        assert_eq!(r.text(), "tag:a,b status:false");
        let r = r.with("tag", Some("tag:c".into()));
        assert_eq!(r.text(), "status:false tag:c");
        assert!(
            r.with("tag", None)
                .with("query", Some(" ".into()))
                .is_empty()
        );
    }

    #[test]
    fn values_are_quoted_when_they_are_not_one_word() {
        assert_eq!(quote("yna-001"), "yna-001");
        assert_eq!(quote("two words"), "\"two words\"");
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(quote(""), "\"\"");
        let q = Query::parse(&format!("tag:{}", quote("a \"b\" c"))).expect("parses");
        assert_eq!(q.terms().len(), 1);
    }
}
