//! The application state and its only mutator, `update`.
//!
//! No terminal I/O here: keys arrive as actions (see `keymap`), the screen is
//! drawn from this state by `ui`, and annotations go through the
//! `AnnotationBackend` (the durable store in the program, memory in tests).
//! The state is grouped by concern; each group owns its invariants and is
//! read by the view through `&` accessors, never changed from outside.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::action::{Action, Pane};
use super::actors_list::ActorsList;
use super::annotate::UndoLog;
use super::annotations::AnnotationBackend;
use super::claims_list::ClaimsList;
use super::highlights::Highlights;
use super::keymap::{Keymap, Scope};
use super::lazy_search::LazySearch;
use super::overlays::Overlays;
use super::statuses::Statuses;
use super::timeline_view::TimelineView;

use crate::model::timeline::Timeline;
use crate::model::{ArticleIx, ClaimIx, Edit, Loaded};

pub use super::claims_list::Filter;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Something the edge must do with I/O the state cannot do itself;
/// returned by `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Export these claims (the current view) to a file, off the UI thread:
    /// the edge reports `Action::TaskProgress` and then `Action::TaskDone`.
    Export(Vec<ClaimIx>),
    /// Put `text` on the clipboard; `what` names it for the message.
    Copy { what: String, text: String },
    /// Open an http(s) URL with the system's opener (never through a shell).
    Open(String),
    /// Save this view in the dataset's views file (answered with `DatasetViews`).
    SaveView(crate::model::views::View),
}

/// The detail pane's own state.
#[derive(Debug, Clone, Default)]
pub struct DetailView {
    pub(super) scroll: u16,
    pub(super) show_history: bool,
    /// The walk `]`/`[` is on: the claim it started from, and which of its
    /// relations is shown now (a walk goes on while that claim is selected).
    pub(super) related_walk: Option<(crate::model::ClaimIx, usize)>,
    /// What the scroll belongs to: another subject starts at the top.
    pub(super) shown: Option<(super::targeting::DetailSubject, bool)>,
}

impl DetailView {
    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    pub fn show_history(&self) -> bool {
        self.show_history
    }
}

pub struct AppState {
    /// Shared with the thread that builds the search index.
    pub(super) loaded: Arc<Loaded>,
    pub(super) annotations: Box<dyn AnnotationBackend>,
    pub(super) keymap: Keymap,
    pub(super) statuses: Statuses,
    pub(super) area: Rect,
    pub(super) focus: Pane,
    /// The focused pane maximised over the others (`Z`).
    pub(super) zoomed: bool,
    pub(super) actors: ActorsList,
    pub(super) claims: ClaimsList,
    pub(super) timeline: TimelineView,
    pub(super) detail: DetailView,
    pub(super) overlays: Overlays,
    pub(super) undo: UndoLog,
    pub(super) search: LazySearch,
    /// The said-date and claimant orders, built once per dataset.
    pub(super) sort_orders: super::sort_order::SortOrders,
    /// The export running off the UI thread, if any.
    pub(super) task: Option<super::tasks::TaskProgress>,
    /// Match positions of the visible rows under the current query.
    pub(super) highlights: Highlights,
    /// A background turn (`Action::Poll`) changed what the screen shows
    /// (a search's rows, the timeline, a reloaded dataset): the next frame
    /// shows it ([`AppState::take_repaint`]).
    pub(super) repaint: bool,
    /// After a status, move to the next unreviewed claim.
    pub(super) advance: bool,
    /// A bulk edit leaves the marks in place (else it clears them).
    pub(super) keep_marks: bool,
    pub(super) message: Option<Message>,
    /// Collected during one `update`, returned by it.
    pub(super) effects: Vec<Effect>,
    pub(super) quit: bool,
    /// How the analyst chose to leave unsaved changes, if they had to.
    pub(super) exit: Option<super::rescue::ExitChoice>,
    /// The saved views offered (`v`, `:view`) and where new ones go.
    pub(super) views: super::refine::SavedViews,
    /// Other analysts' annotations, read-only (`--compare`).
    pub(super) compare: Option<super::compare::Compare>,
    /// Where authoring changes are written (the bundled dataset: nowhere).
    pub(super) dataset_file: Box<dyn super::dataset_file::DatasetBackend>,
}

impl AppState {
    pub fn new(loaded: Loaded, annotations: Box<dyn AnnotationBackend>, area: Rect) -> Self {
        Self::with_shared(Arc::new(loaded), annotations, area)
    }

    /// A state on `loaded` whose annotations live in memory (unit tests).
    #[cfg(test)]
    pub(crate) fn in_memory(loaded: Loaded, area: Rect) -> Self {
        let backend = super::MemoryBackend::new(&loaded.dataset.id, "tester");
        Self::new(loaded, Box::new(backend), area)
    }

    /// The same on the bundled dataset, in a 160×40 terminal.
    #[cfg(test)]
    pub(crate) fn on_bundled() -> Self {
        let loaded = crate::model::load_bundled().expect("bundled");
        Self::in_memory(loaded, Rect::new(0, 0, 160, 40))
    }

    pub(super) fn with_shared(
        loaded: Arc<Loaded>,
        annotations: Box<dyn AnnotationBackend>,
        area: Rect,
    ) -> Self {
        let search = LazySearch::start(&loaded);
        let statuses = Statuses::new(&loaded.dataset, annotations.set());
        let timeline = TimelineView::new(Timeline::build(&loaded));
        let mut state = Self {
            actors: ActorsList::new(&loaded),
            loaded,
            annotations,
            keymap: Keymap::default(),
            statuses,
            area,
            focus: Pane::Claims,
            zoomed: false,
            claims: ClaimsList::default(),
            timeline,
            detail: DetailView::default(),
            overlays: Overlays::default(),
            undo: UndoLog::default(),
            search,
            sort_orders: Default::default(),
            task: None,
            highlights: Highlights::default(),
            repaint: false,
            advance: false,
            keep_marks: false,
            message: None,
            effects: Vec::new(),
            quit: false,
            exit: None,
            views: Default::default(),
            compare: None,
            dataset_file: Box::new(super::dataset_file::BundledDataset),
        };
        state.offer_rescues();
        if let Some(n) = state.orphan_notice() {
            state.say(n);
        }
        state.refilter();
        state.prepare_timeline();
        state.sync_timeline_to_claim();
        state.refresh_highlights();
        state
    }

    /// The same state reading keys with `keymap` (the defaults plus the
    /// settings file's bindings).
    pub fn with_keymap(mut self, keymap: Keymap) -> Self {
        self.keymap = keymap;
        self
    }

    /// The same state writing authoring changes to `file` (the dataset it
    /// shows must be that file's), and reloading when it changes on disk.
    pub fn with_dataset_file(mut self, file: Box<dyn super::dataset_file::DatasetBackend>) -> Self {
        self.dataset_file = file;
        self
    }

    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub(super) fn complain(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The only mutator. Returns the I/O the edge must do for this action.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let action_kind = if matches!(
            action,
            Action::ZoomIn
                | Action::ZoomOut
                | Action::PanLeft
                | Action::PanRight
                | Action::JumpToSelected
                | Action::FitTimeline
                | Action::ToggleTimelineOrder
                | Action::ToggleLanes
        ) {
            ActionKind::Timeline
        } else {
            ActionKind::Other
        };
        if !matches!(
            action,
            Action::Resize { .. }
                | Action::Tick
                | Action::Poll
                | Action::TaskProgress { .. }
                | Action::DatasetChanged
        ) {
            self.message = None;
        }
        // A search shown a screenful first, and a timeline being filtered in
        // the background, are finished before anything else reads them;
        // typing goes on narrowing the search as it is, and Enter (which
        // only closes the box) leaves the rest to the event loop.
        if !matches!(
            action,
            Action::SearchInput(_) | Action::SearchAccept | Action::Poll
        ) {
            self.finish_search();
            // Only a key in the timeline, or one that may move there, reads
            // its entries; others (a sort, a status on a claim) go on while
            // it is filtered (60–130 ms at 1M claims), the pane saying so.
            if self.focus == Pane::Timeline
                || matches!(
                    action,
                    Action::FocusNext
                        | Action::FocusPrev
                        | Action::Focus(_)
                        | Action::Click { .. }
                        | Action::ScrollUp { .. }
                        | Action::ScrollDown { .. }
                        | Action::Drag { .. }
                )
            {
                self.take_timeline(true);
            }
        }
        let chord_was = self.overlays.chord.take();
        let take_part = self.overlays.take_part.take();
        match action {
            Action::Quit => self.request_quit(),
            Action::QuitRetry => self.quit_retry(),
            Action::QuitRescue => self.quit_rescue(),
            Action::QuitDiscard => self.quit_discard(),
            Action::QuitCancel => self.quit_cancel(),
            Action::RescueMerge => self.rescue_merge(),
            Action::RescueDecline => self.rescue_decline(),
            Action::RescueLater => self.rescue_later(),
            Action::ToggleOrphans => self.toggle_orphans(),
            Action::ToggleAgreement => self.toggle_agreement(),
            Action::AgreementNextField => self.agreement_next_field(),
            Action::OrphansUp => self.orphans_move(-1),
            Action::OrphansDown => self.orphans_move(1),
            Action::OrphansPick => self.orphans_pick(),
            Action::OrphansTargetInput(k) => self.orphans_target_input(k),
            Action::OrphansTargetCancel => self.orphans_target_cancel(),
            Action::OrphansReattach => self.orphans_reattach(),
            Action::Resize { width, height } => {
                self.area = Rect::new(0, 0, width, height);
                if let Some(r) = &mut self.overlays.reader {
                    r.resize(&self.loaded, reader_width(self.area));
                }
                self.follow_all();
                self.prepare_timeline();
            }
            Action::Notify(text) => self.say(text),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Focus(p) => self.focus = p,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::ToggleHelp => {
                self.overlays.help = if self.overlays.help.is_some() {
                    None
                } else {
                    Some(0)
                }
            }
            Action::Cancel => {}
            // A key that is none of a chord's choices: say so, never silently.
            Action::NotAChoice => {
                if let Some(chord) = chord_was {
                    self.complain(format!(
                        "{}: cancelled (not one of its keys; see the hint line)",
                        chord.title()
                    ));
                }
            }
            Action::Poll => self.poll_background(),
            Action::Tick => {
                self.poll_take_over();
                self.poll_outside();
                self.poll_dataset();
                let pending = self.annotations.pending();
                if pending > 0
                    && self.annotations.retry().is_ok()
                    && self.annotations.pending() == 0
                {
                    self.say(format!(
                        "saved {pending} pending change{}",
                        if pending == 1 { "" } else { "s" }
                    ));
                }
            }

            Action::SearchStart => {
                self.overlays.search_input = Some(self.claims.filter().query.clone());
                self.focus = Pane::Claims;
            }
            Action::SearchInput(k) => self.search_key(k),
            Action::SearchAccept => {
                self.overlays.search_input = None;
                // Enter keeps the query that runs: a text still in error is dropped.
                if let Some(e) = self.overlays.search_error.take() {
                    self.complain(format!(
                        "kept “{}”; not applied: {e}",
                        self.claims.filter().query
                    ));
                } else if self.search.partial().is_some() {
                    // Counted when the search is done (`search_slice`).
                    self.search.announce = true;
                    self.say(format!("searching “{}”…", self.claims.filter().query));
                } else if !self.claims.filter().query.is_empty() {
                    self.say_matches();
                }
            }
            Action::NextMatch => self.next_match(1),
            Action::PrevMatch => self.next_match(-1),
            Action::ToggleSubActors => {
                let f = self.claims.filter_mut();
                f.sub_actors = !f.sub_actors;
                let on = f.sub_actors;
                self.refilter();
                self.say(if on {
                    "including sub-actors"
                } else {
                    "this actor only"
                });
            }
            Action::CycleSort => {
                self.claims.set_sort(self.claims.sort().next());
                self.refilter();
                self.say(format!("sorted by {}", self.claims.sort().label()));
            }
            Action::ChordStatusFilter => self.overlays.chord = Some(Scope::StatusFilter),
            Action::FilterStatus(s) => {
                self.claims.filter_mut().status = s;
                self.refilter();
            }
            Action::CycleTagFilter => {
                let next = cycle(&self.all_tags(), self.claims.filter().tag.as_ref());
                self.claims.filter_mut().tag = next;
                self.refilter();
            }
            Action::CycleArticleFilter => {
                let ids: Vec<ArticleIx> = (0..self.loaded.dataset.articles.len())
                    .map(ArticleIx::from_usize)
                    .collect();
                let next = cycle(&ids, self.claims.filter().article.as_ref());
                self.claims.filter_mut().article = next;
                self.refilter();
            }
            Action::ClearFilters => self.clear_filters(),

            Action::SetStatus(s) => self.annotate(|_| Edit::Status(s), true),
            Action::ChordReliability => self.overlays.chord = Some(Scope::Reliability),
            Action::ChordCredibility => self.overlays.chord = Some(Scope::Credibility),
            Action::SetReliability(r) => self.annotate(|_| Edit::Reliability(r), false),
            Action::SetCredibility(c) => self.annotate(|_| Edit::Credibility(c), false),
            Action::OpenEditor(field) => self.open_editor(field),
            Action::EditorInput(key) => {
                if let Some(e) = &mut self.overlays.editor {
                    e.input(key);
                }
            }
            Action::Paste(text) => {
                if self.overlays.item_form.is_some() {
                    for c in text.chars() {
                        self.item_form_input(super::action::InputKey::Char(c));
                    }
                } else if self.overlays.picker.is_none() && self.overlays.claim_form.is_some() {
                    self.form_paste(&text);
                } else if let Some(e) = &mut self.overlays.editor {
                    if !e.is_confirming_discard() {
                        e.paste(&text);
                    }
                } else if self.overlays.palette.is_some() {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        self.palette_input(super::action::InputKey::Char(c));
                    }
                } else if self.overlays.picker.is_some() {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        self.picker_input(super::action::InputKey::Char(c));
                    }
                } else if self.overlays.search_input.is_some() {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        self.search_key(super::action::InputKey::Char(c));
                    }
                }
            }
            Action::EditorSave => self.save_editor(),
            Action::EditorCancel => self.cancel_editor(),
            Action::EditorDiscard => {
                self.overlays.editor = None;
                self.say("changes discarded");
            }
            Action::EditorKeepEditing => {
                if let Some(e) = &mut self.overlays.editor {
                    e.set_confirming_discard(false);
                }
                self.message = None;
            }
            Action::ToggleMark => match self.focused_claim() {
                Ok(c) => {
                    self.claims.toggle_mark(c);
                    // On to the next claim; the detail pane stays on its claim.
                    if self.focus != Pane::Detail {
                        self.move_by(1);
                    }
                }
                Err(why) => self.complain(format!("nothing to mark: {why}")),
            },
            Action::ClearMarks => self.claims.clear_marks(),
            Action::ToggleKeepMarks => {
                self.keep_marks = !self.keep_marks;
                self.say(if self.keep_marks {
                    "marks are kept after a bulk edit"
                } else {
                    "a bulk edit clears the marks"
                });
            }
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::ToggleAdvance => {
                self.advance = !self.advance;
                self.say(match (self.advance, self.walks_disagreements()) {
                    (true, true) => "after a verdict: advance to the next disagreement",
                    (true, false) => "after a status: advance to the next unreviewed claim",
                    (false, _) => "advance off",
                });
            }
            Action::ToggleHistory => self.detail.show_history = !self.detail.show_history,
            // A read-only store has nothing to write: never say "saved".
            Action::RetrySave => match self.annotations.read_only_reason() {
                Some(why) => self.complain(format!("read-only: nothing to save ({why})")),
                None => match self.annotations.retry() {
                    Ok(()) => self.say(format!("saved to {}", self.annotations.location())),
                    Err(e) => self.complain(e.to_string()),
                },
            },
            Action::ChordTake => self.overlays.chord = Some(Scope::Take),
            Action::Take(n) => self.take(n, take_part),
            Action::TakeOnly(part) => {
                self.overlays.chord = Some(Scope::Take);
                self.overlays.take_part = Some(part);
            }
            Action::ToggleContested => self.toggle_contested(),
            Action::NextRelated => self.next_related(1),
            Action::PrevRelated => self.next_related(-1),
            Action::ToggleZoom => self.toggle_zoom(),
            Action::SelectClaim(c) => self.select_claim(c),
            Action::CopyClaim(what) => self.copy_claim(what),
            Action::OpenCopyMenu => self.open_copy_menu(),
            Action::OpenLinks => self.open_links(),
            Action::OpenLink(n) => self.open_link(n),
            Action::Export => self.start_export(),
            Action::TaskProgress { done, total } => self.task_progress(done, total),
            Action::TaskDone(outcome) => self.task_done(outcome),

            Action::ZoomIn => self.timeline.axis.zoom_in(&self.timeline.data),
            Action::ZoomOut => self.timeline.axis.zoom_out(&self.timeline.data),
            Action::PanLeft => {
                let step = self.timeline.axis.zoom.step_days();
                self.timeline.axis.pan(-step)
            }
            Action::PanRight => {
                let step = self.timeline.axis.zoom.step_days();
                self.timeline.axis.pan(step)
            }
            Action::JumpToSelected => self.timeline.axis.jump_to_selected(&self.timeline.data),
            Action::FitTimeline => self.timeline.axis.fit(&self.timeline.data),
            Action::ToggleTimelineOrder => {
                self.timeline.axis.toggle_by(&self.timeline.data);
                self.say(format!(
                    "timeline ordered by {}",
                    self.timeline.axis.by.label()
                ));
            }
            Action::ToggleLanes => self.timeline.axis.toggle_lanes(&self.timeline.data),

            Action::OpenPalette => self.open_palette(""),
            Action::PaletteInput(k) => self.palette_input(k),
            Action::PaletteComplete => self.palette_complete(),
            Action::PaletteRun => self.palette_run(),
            Action::OpenPicker(kind) => self.open_picker(kind),
            Action::PickerInput(k) => self.picker_input(k),
            Action::PickerToggle => self.picker_toggle(),
            Action::PickerAccept => self.picker_accept(),
            Action::ListUp => {
                self.palette_step(-1);
                self.picker_step(-1);
            }
            Action::ListDown => {
                self.palette_step(1);
                self.picker_step(1);
            }
            Action::CloseList => {
                self.overlays.palette = None;
                self.overlays.picker = None;
            }
            Action::MarkAllShown => self.mark_all_shown(),
            Action::SaveViewPrompt => self.open_palette("save-view "),
            Action::DatasetViews(v) => self.views.dataset = v,
            Action::DatasetChanged => self.poll_dataset(),
            Action::DeleteItem => self.delete_item(),
            Action::DeleteConfirm => self.delete_confirm(),
            Action::DeleteCancel => self.delete_cancel(),
            Action::EditItem => self.edit_item(),
            Action::ItemFormNext => self.item_form_step(1),
            Action::ItemFormPrev => self.item_form_step(-1),
            Action::ItemFormInput(k) => self.item_form_input(k),
            Action::ItemFormCycle => self.item_form_cycle(),
            Action::ItemFormSave => self.item_form_save(),
            Action::ItemFormCancel => self.item_form_cancel(),
            Action::ItemFormDiscard => self.item_form_discard(),
            Action::ItemFormKeepEditing => self.item_form_keep_editing(),
            Action::DatasetReloaded(r) => {
                self.replace_dataset(r, "the dataset file differs from its cache")
            }

            Action::Click { column, row } => self.click(column, row),
            Action::ScrollUp { column, row } => self.scroll_at(column, row, -3),
            Action::ScrollDown { column, row } => self.scroll_at(column, row, 3),

            Action::ReaderMove(m) => self.reader_motion(m),
            Action::ToggleVisual => self.toggle_visual(),
            Action::NewClaim => self.new_claim(),
            Action::FormNext => self.form_step(1),
            Action::FormPrev => self.form_step(-1),
            Action::FormEnter => self.form_enter(),
            Action::FormInput(k) => self.form_input(k),
            Action::FormCycle => self.form_cycle(),
            Action::FormSave => self.form_save(),
            Action::FormCancel => self.form_cancel(),
            Action::FormDiscard => self.form_discard(),
            Action::FormKeepEditing => self.form_keep_editing(),
            Action::ActorFormAdd => self.actor_form_add(),
            Action::ActorFormCancel => self.actor_form_cancel(),
            Action::Drag { column, row } => self.drag(column, row),
        }
        if matches!(action_kind, ActionKind::Timeline) {
            self.prepare_timeline();
        }
        self.refresh_highlights();
        self.settle_detail();
        std::mem::take(&mut self.effects)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ActionKind {
    Timeline,
    Other,
}

/// The reader's text width for a terminal area (borders and margin excluded).
pub fn reader_width(area: Rect) -> usize {
    (area.width.saturating_sub(4) as usize).min(100)
}

/// The next item after `current` in `items`, wrapping to `None` after the last.
fn cycle<T: Clone + PartialEq>(items: &[T], current: Option<&T>) -> Option<T> {
    match current.and_then(|c| items.iter().position(|x| x == c)) {
        None => items.first().cloned(),
        Some(i) => items.get(i + 1).cloned(),
    }
}

impl AppState {
    /// "N claims match “query”", said when a search is accepted.
    pub(super) fn say_matches(&mut self) {
        self.say(format!(
            "{} “{}” (n/N: next/previous)",
            claims_match(self.claims.rows().len()),
            self.claims.filter().query
        ));
    }
}

/// "1 claim matches", "3 claims match": the messages after a search or a
/// filter.
pub(super) fn claims_match(n: usize) -> String {
    match n {
        1 => "1 claim matches".to_owned(),
        n => format!("{n} claims match"),
    }
}
