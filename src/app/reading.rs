//! What the view and the edge read from the state: `&` accessors (the
//! view never changes the state) and the key scopes of what is open.
//! Split from `state.rs`, which keeps the fields and `update`.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::action::{Action, Pane};
use super::actors_list::ActorsList;
use super::annotations::AnnotationBackend;
use super::claims_list::ClaimsList;
use super::highlights::Highlights;
use super::key::Key;
use super::keymap::{Keymap, Scope};
use super::layout::AppLayout;
use super::overlays::Overlays;
use super::state::{AppState, DetailView, Message};
use super::statuses::Statuses;
use super::timeline_axis::TimelineAxisState;
use crate::model::timeline::Timeline;
use crate::model::{ActorIx, ClaimIx, Loaded};

impl AppState {
    /// Gives the annotations back to the edge, which closes them (saves what
    /// is pending and releases the file) after the terminal is restored.
    pub fn into_annotations(mut self) -> Box<dyn AnnotationBackend> {
        let placeholder = Box::new(super::annotations::MemoryBackend::new("", ""));
        let annotations = std::mem::replace(&mut self.annotations, placeholder);
        // The dataset and its search index take a while to free (see
        // `free_later`): the rest of the state lets go of them here, and
        // they are freed off this thread, which goes on to close the store.
        let loaded = Arc::clone(&self.loaded);
        let search = std::mem::replace(&mut self.search, super::lazy_search::LazySearch::idle());
        drop(self);
        crate::model::free_later::free_later((loaded, search));
        annotations
    }

    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// Where authoring changes are written, for messages.
    pub fn dataset_location(&self) -> String {
        self.dataset_file.location()
    }

    /// The dataset's text when it is held in memory (see
    /// `DatasetBackend::text`: a file's is read only when an edit needs it).
    pub fn dataset_text(&self) -> Option<&str> {
        self.dataset_file.text()
    }

    /// The directory to watch for outside changes of the dataset file, and
    /// the file (`None`: the bundled dataset).
    pub fn dataset_watched(&self) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
        self.dataset_file.watched()
    }

    pub fn annotations(&self) -> &dyn AnnotationBackend {
        self.annotations.as_ref()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn statuses(&self) -> &Statuses {
        &self.statuses
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// Whether the focused pane is maximised (`Z`).
    pub fn zoomed(&self) -> bool {
        self.zoomed
    }

    pub fn actors(&self) -> &ActorsList {
        &self.actors
    }

    pub fn claims(&self) -> &ClaimsList {
        &self.claims
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline.data
    }

    pub fn timeline_axis(&self) -> &TimelineAxisState {
        &self.timeline.axis
    }

    pub fn highlights(&self) -> &Highlights {
        &self.highlights
    }

    pub fn detail(&self) -> &DetailView {
        &self.detail
    }

    pub fn overlays(&self) -> &Overlays {
        &self.overlays
    }

    pub fn advance(&self) -> bool {
        self.advance
    }

    /// Whether a bulk edit keeps the marks (`K` toggles it).
    pub fn keep_marks(&self) -> bool {
        self.keep_marks
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Something runs in the background whose end changes the screen (a
    /// search waits for its index): the edge should send `Action::Poll` soon.
    pub fn busy(&self) -> bool {
        self.search.waiting()
            || self.search.deferred()
            || self.search.partial().is_some()
            || self.timeline.pending()
            || self.task.is_some()
            || self.dataset_file.checking()
    }

    /// The timeline is being filtered for the current filter: the pane
    /// shows no entry until it is (never the previous filter's).
    pub fn timeline_pending(&self) -> bool {
        self.timeline.pending()
    }

    /// A search shows its first screenful while the rest of the claims are
    /// graded: the rows are the first of the answer, not all of it.
    pub fn search_partial(&self) -> bool {
        self.search.partial().is_some()
    }

    /// A search is typed whose index is still being built: the rows do not
    /// reflect it yet.
    pub fn search_waiting(&self) -> bool {
        self.search.waiting()
    }

    /// The background task running (an export), for the status line.
    pub fn task(&self) -> Option<&super::tasks::TaskProgress> {
        self.task.as_ref()
    }

    /// The dataset, shared: for work the edge does on another thread.
    pub fn shared_loaded(&self) -> Arc<Loaded> {
        Arc::clone(&self.loaded)
    }

    /// Set when the analyst quit leaving unsaved changes (rescued or
    /// discarded), for the edge to report.
    pub fn exit_choice(&self) -> Option<&super::rescue::ExitChoice> {
        self.exit.as_ref()
    }

    /// How many lines the help overlay has (`ui/help.rs` draws exactly these:
    /// a title, the rows and a blank per scope, then a title and the statuses,
    /// then the comparison marks).
    pub fn help_len(&self) -> usize {
        let keys: usize = Scope::ALL
            .iter()
            .map(|&s| self.keymap.help_rows(s).len() + 2)
            .sum();
        // Then a title and the statuses; a blank, a title and the list's
        // marks; a blank, a title, the comparison marks and the blind count.
        keys + 1
            + crate::model::Status::ALL.len()
            + 3
            + 3
            + crate::model::compare::Agreement::ALL.len()
    }

    pub fn layout(&self) -> AppLayout {
        AppLayout::compute(self.area, self.focus, self.zoomed)
    }

    pub fn selected_claim(&self) -> Option<ClaimIx> {
        self.claims.selected()
    }

    pub fn selected_actor(&self) -> Option<ActorIx> {
        self.actors.selected()
    }

    /// The scopes a key is looked up in, innermost first. Focus is computed
    /// from what is open: editor, then search box, chord, help, reader, panes.
    pub fn scopes(&self) -> Vec<Scope> {
        let o = &self.overlays;
        if o.quit_prompt.is_some() {
            return vec![Scope::Unsaved];
        }
        if o.rescue_offer.is_some() {
            return vec![Scope::Rescue];
        }
        if o.delete_prompt.is_some() {
            return vec![Scope::ConfirmDelete];
        }
        if let Some(f) = &o.item_form {
            return vec![if f.is_confirming_discard() {
                Scope::DiscardItemForm
            } else {
                Scope::ItemForm
            }];
        }
        if let Some(v) = &o.orphans {
            return vec![match v.target() {
                Some(_) => Scope::OrphanTarget,
                None => Scope::Orphans,
            }];
        }
        if o.palette.is_some() {
            return vec![Scope::Palette];
        }
        if o.picker.is_some() {
            return vec![Scope::Picker];
        }
        if o.agreement.is_some() {
            return vec![Scope::Agreement];
        }
        if let Some(e) = &o.editor {
            if e.is_confirming_discard() {
                return vec![Scope::DiscardEdit];
            }
            return vec![Scope::Editor];
        }
        if let Some(f) = &o.claim_form {
            return vec![if f.is_confirming_discard() {
                Scope::DiscardForm
            } else if f.actor_form().is_some() {
                Scope::ActorForm
            } else {
                Scope::ClaimForm
            }];
        }
        if o.search_input.is_some() {
            return vec![Scope::Search];
        }
        if let Some(chord) = o.chord {
            return vec![chord];
        }
        if o.help.is_some() {
            return vec![Scope::Help];
        }
        if o.reader.is_some() {
            return vec![Scope::Reader];
        }
        let pane = match self.focus {
            Pane::Actors => Scope::Actors,
            Pane::Claims => Scope::Claims,
            // The detail scrolls with the moving keys; the claim keys act on
            // the claim it shows.
            Pane::Detail => return vec![Scope::Detail, Scope::Claims, Scope::Global],
            // Annotation keys act on the claim selected in the timeline too.
            Pane::Timeline => return vec![Scope::Timeline, Scope::Claims, Scope::Global],
        };
        vec![pane, Scope::Global]
    }

    /// Turns a key into an action for what is open and focused (see
    /// `scopes`); modal inputs take every key while open.
    pub fn action_for_key(&self, key: Key) -> Option<Action> {
        self.keymap.lookup(&self.scopes(), key)
    }
}
