//! Another version of the dataset comes in: saved from outside (an editor,
//! a `git pull`) or written by an authoring edit. Items may have come, gone
//! or moved, so everything that points into the dataset by index is carried
//! over by id: the selection (the nearest row when its claim is gone),
//! marks, the actor and article filters, the open reader and editor, the
//! undo log. Annotations of claims that are gone stay in the store as
//! orphans (`O` lists them).

use std::sync::Arc;

use super::actors_list::ActorsList;
use super::layout::AppLayout;
use super::lazy_search::LazySearch;
use super::reader::ReaderState;
use super::state::{AppState, reader_width};
use super::statuses::Statuses;
use super::timeline_view::TimelineView;
use crate::model::authoring::Outside;
use crate::model::timeline::{Item, Timeline};
use crate::model::{ClaimIx, Loaded, Short};

/// What a new version changed, for the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Adopted {
    pub claims_added: usize,
    pub claims_gone: usize,
    /// Annotations that became orphans with it.
    pub new_orphans: usize,
}

impl Adopted {
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.claims_added > 0 {
            parts.push(format!(
                "{} new claim{}",
                self.claims_added,
                s(self.claims_added)
            ));
        }
        if self.claims_gone > 0 {
            parts.push(format!(
                "{} claim{} gone",
                self.claims_gone,
                s(self.claims_gone)
            ));
        }
        if self.new_orphans > 0 {
            parts.push(format!(
                "{} annotation{} kept as orphan{} (O lists them)",
                self.new_orphans,
                s(self.new_orphans),
                s(self.new_orphans)
            ));
        }
        parts.join(", ")
    }
}

fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl AppState {
    /// On every tick and when the watcher says the dataset's directory
    /// changed: one `stat` when nothing did.
    pub(super) fn poll_dataset(&mut self) {
        let at = self.dataset_file.location();
        match self.dataset_file.poll() {
            Outside::Unchanged => {}
            Outside::Reloaded(loaded) => {
                let n = loaded.dataset.claims.len();
                let adopted = self.adopt_dataset(*loaded);
                let what = adopted.summary();
                let what = if what.is_empty() {
                    String::new()
                } else {
                    format!(": {what}")
                };
                self.say(format!(
                    "{at} changed on disk: reloaded, {n} claim{}{what}",
                    s(n)
                ));
            }
            Outside::Invalid(why) => self.complain(format!(
                "{at} changed on disk and does not load; still showing the version before: {why}"
            )),
            Outside::Gone => self.complain_once(format!(
                "{at} is gone from disk; still showing the version loaded (edits are refused until it is back)"
            )),
            Outside::Unreadable(why) => self.complain_once(why),
        }
    }

    /// An error that lasts is said once, not on every tick.
    fn complain_once(&mut self, text: String) {
        if self.message.as_ref().is_none_or(|m| m.text != text) {
            self.complain(text);
        }
    }

    /// Shows `loaded` in place of the dataset shown, carrying over by id
    /// whatever pointed into the old one.
    pub(super) fn adopt_dataset(&mut self, loaded: impl Into<Arc<Loaded>>) -> Adopted {
        let old = Arc::clone(&self.loaded);
        let claim_id = |c: ClaimIx| old.dataset.claims.get(c.i()).map(|x| x.id.clone());
        let selected = self.claims.selected().and_then(claim_id);
        let row = self.claims.cursor().selected;
        let marked: Vec<Short> = self
            .claims
            .marked()
            .iter()
            .filter_map(|&c| claim_id(c))
            .collect();
        let filter = self.claims.filter().clone();
        let actor_of =
            |a: crate::model::ActorIx| old.dataset.actors.get(a.i()).map(|x| x.id.clone());
        let filter_actor = filter.actor.and_then(actor_of);
        let filter_article = filter
            .article
            .and_then(|a| old.dataset.articles.get(a.i()).map(|x| x.id.clone()));
        let actor_row = self.actors.selected().and_then(actor_of);
        let timeline_event = match self.timeline.axis.selected_item(&self.timeline.data) {
            Some(Item::Event(e)) => old.dataset.events.get(e.i()).map(|x| x.id.clone()),
            _ => None,
        };
        let reader_claim = self
            .overlays
            .reader
            .as_ref()
            .and_then(|r| r.current())
            .and_then(claim_id);
        let reader_article = self
            .overlays
            .reader
            .as_ref()
            .and_then(|r| old.dataset.articles.get(r.article.i()))
            .map(|a| a.id.clone());
        let orphans_before = self.orphans().len();

        self.loaded = loaded.into();
        // Positions are cached by claim index, which the new dataset may
        // give to another claim.
        self.highlights = Default::default();
        let new = Arc::clone(&self.loaded);
        let find = |id: &str| new.index.claim_by_id.get(id).copied();
        let added = new
            .dataset
            .claims
            .iter()
            .filter(|c| !old.index.claim_by_id.contains_key(&c.id))
            .count();
        let gone = old
            .dataset
            .claims
            .iter()
            .filter(|c| !new.index.claim_by_id.contains_key(&c.id))
            .count();

        let old_search = std::mem::replace(&mut self.search, LazySearch::start(&self.loaded));
        self.statuses = Statuses::new(&self.loaded.dataset, self.annotations.set());
        self.timeline = TimelineView::new(Timeline::build(&self.loaded));
        self.actors = ActorsList::new(&self.loaded);
        let heights = self.layout();
        if let Some(a) = actor_row.and_then(|id| new.index.actor_by_id.get(&id).copied()) {
            self.actors
                .select_actor(a, AppLayout::inner_height(heights.actors));
        }
        let f = self.claims.filter_mut();
        f.actor = filter_actor.and_then(|id| new.index.actor_by_id.get(&id).copied());
        f.article = filter_article.and_then(|id| new.index.article_by_id.get(&id).copied());
        self.claims.clear_marks();
        self.claims
            .mark_all(marked.iter().filter_map(|id| find(id)));
        let reader_article =
            reader_article.and_then(|id| new.index.article_by_id.get(&id).copied());
        self.carry_overlays(&old, reader_claim.and_then(|id| find(&id)), reader_article);
        self.undo.remap(|c| claim_id(c).and_then(|id| find(&id)));

        self.refilter();
        let h = AppLayout::inner_height(self.layout().claims);
        match selected
            .and_then(|id| find(&id))
            .and_then(|c| self.claims.position(c))
        {
            Some(p) => self.claims.select(p, h),
            // Gone (or filtered out): the row it was on, or the last.
            None => self.claims.select(row, h),
        }
        self.prepare_timeline();
        match timeline_event.and_then(|id| new.index.event_by_id.get(&id).copied()) {
            Some(e) => {
                self.timeline
                    .axis
                    .select_item(&self.timeline.data, Item::Event(e));
                self.prepare_timeline();
            }
            None => self.sync_timeline_to_claim(),
        }
        let adopted = Adopted {
            claims_added: added,
            claims_gone: gone,
            new_orphans: self.orphans().len().saturating_sub(orphans_before),
        };
        // The old dataset and index, freed off the UI thread (a tenth of a
        // second at 100k claims): nothing else holds them by now.
        crate::model::free_later::free_later((old, old_search));
        adopted
    }

    /// The overlays that hold indices: the reader follows its claim (else
    /// closes), the editor keeps the claims still there (else closes and
    /// says so); lists made from the old dataset close.
    fn carry_overlays(
        &mut self,
        old: &Loaded,
        reader_claim: Option<ClaimIx>,
        reader_article: Option<crate::model::ArticleIx>,
    ) {
        if self.overlays.reader.is_some() {
            let width = reader_width(self.area);
            self.overlays.reader = match (reader_claim, reader_article) {
                (Some(c), _) => ReaderState::open(&self.loaded, c, width),
                (None, Some(a)) => ReaderState::open_article(&self.loaded, a, width),
                (None, None) => None,
            };
        }
        if let Some(editor) = &mut self.overlays.editor {
            let ids = &self.loaded.index.claim_by_id;
            editor.claims = editor
                .claims
                .iter()
                .filter_map(|c| old.dataset.claims.get(c.i()))
                .filter_map(|c| ids.get(&c.id).copied())
                .collect();
            if editor.claims.is_empty() {
                self.overlays.editor = None;
                self.complain("the claim being edited is gone from the dataset: the editor closed");
            }
        }
        // The new-claim form points into the dataset by article index.
        if let Some(f) = &self.overlays.claim_form {
            let id = |l: &Loaded| l.dataset.articles.get(f.article.i()).map(|a| a.id.clone());
            if id(old) != id(&self.loaded) {
                self.overlays.claim_form = None;
                self.complain(
                    "the article of the new claim moved or went in the dataset: the form closed",
                );
            }
        }
        self.overlays.orphans = None;
        self.overlays.picker = None;
        self.overlays.palette = None;
        self.overlays.links.clear();
    }
}
