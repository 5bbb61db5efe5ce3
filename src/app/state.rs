//! The application state and its only mutator, `update`.
//!
//! No terminal I/O here: keys arrive as actions (see `keymap`), the screen is
//! drawn from this state by `ui`, and annotations go through the
//! `AnnotationBackend` (the durable store in the program, memory in tests).

use std::collections::BTreeSet;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::action::{Action, InputKey, Pane, SortKey};
use super::annotate::UndoStep;
use super::annotations::AnnotationBackend;
use super::editor::Editor;
use super::keymap::{self, Scope};
use super::layout::AppLayout;
use super::list::ListCursor;
use super::reader::ReaderState;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use crate::model::search::SearchIndex;
use crate::model::timeline::Timeline;
use crate::model::{ActorIx, ArticleIx, ClaimIx, Edit, Loaded, Status};
use crate::ui::timeline_axis::TimelineAxisState;

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
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.actor.is_none()
            && self.status.is_none()
            && self.tag.is_none()
            && self.article.is_none()
            && self.query.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Something the edge must do with I/O the state cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Export these claims (the current view) to a file.
    Export(Vec<ClaimIx>),
}

pub struct AppState {
    /// Shared with the thread that builds the search index.
    pub loaded: Arc<Loaded>,
    pub annotations: Box<dyn AnnotationBackend>,
    /// Each claim's status, by claim index: kept in step with the annotations
    /// so filters, sorting and counts never look strings up.
    pub status_of: Vec<Status>,
    pub total_by_status: [usize; 7],
    pub shown_by_status: [usize; 7],

    pub area: Rect,
    pub focus: Pane,
    /// Actor tree rows: `None` is "All actors"; with depth for indentation.
    pub actor_rows: Vec<(Option<ActorIx>, u16)>,
    /// Claims each actor makes and is about.
    pub actor_counts: Vec<(u32, u32)>,
    pub actors: ListCursor,
    pub filter: Filter,
    pub sort: SortKey,
    pub claim_rows: Vec<ClaimIx>,
    pub claims: ListCursor,
    pub marked: BTreeSet<ClaimIx>,
    /// Events and claims in time order (built once).
    pub timeline: Timeline,
    pub timeline_axis: TimelineAxisState,
    pub(super) search: LazySearch,
    /// The search box, while typing.
    pub search_input: Option<String>,
    pub chord: Option<Scope>,
    /// Help overlay scroll, when open.
    pub help: Option<usize>,
    pub reader: Option<ReaderState>,
    pub editor: Option<Editor>,
    pub show_history: bool,
    pub advance: bool,
    pub detail_scroll: u16,
    pub message: Option<Message>,
    pub(super) undo: Vec<UndoStep>,
    pub(super) redo: Vec<UndoStep>,
    /// Index into the selected claim's relations for `]`.
    pub(super) related_cursor: usize,
    pub(super) all_tags: Vec<String>,
    pub effects: Vec<Effect>,
    pub quit: bool,
}

impl AppState {
    pub fn new(loaded: Loaded, annotations: Box<dyn AnnotationBackend>, area: Rect) -> Self {
        let loaded = Arc::new(loaded);
        let search = LazySearch::start(&loaded);
        let n = loaded.dataset.claims.len();
        let set = annotations.set();
        let status_of: Vec<Status> = loaded
            .dataset
            .claims
            .iter()
            .map(|c| set.status(&c.id))
            .collect();
        let mut total_by_status = [0; 7];
        for s in &status_of {
            total_by_status[*s as usize] += 1;
        }
        let ix = &loaded.index;
        let mut actor_rows = vec![(None, 0)];
        // Depth-first over the part_of tree, in dataset order.
        let mut stack: Vec<(ActorIx, u16)> = ix.actor_roots.iter().rev().map(|&a| (a, 0)).collect();
        while let Some((a, d)) = stack.pop() {
            actor_rows.push((Some(a), d));
            stack.extend(
                ix.actor_children
                    .get(a.i())
                    .iter()
                    .rev()
                    .map(|&c| (c, d + 1)),
            );
        }
        let actor_counts = (0..loaded.dataset.actors.len())
            .map(|a| {
                let (m, b) = ix.actor_counts(ActorIx::from_usize(a));
                (m as u32, b as u32)
            })
            .collect();
        let mut all_tags: Vec<String> = loaded
            .dataset
            .claims
            .iter()
            .flat_map(|c| c.tags.iter().cloned())
            .collect();
        all_tags.sort();
        all_tags.dedup();
        let timeline = Timeline::build(&loaded);
        let mut state = Self {
            loaded,
            annotations,
            status_of,
            total_by_status,
            shown_by_status: [0; 7],
            area,
            focus: Pane::Claims,
            actor_rows,
            actor_counts,
            actors: ListCursor::default(),
            filter: Filter::default(),
            sort: SortKey::default(),
            claim_rows: Vec::with_capacity(n),
            claims: ListCursor::default(),
            marked: BTreeSet::new(),
            timeline,
            timeline_axis: TimelineAxisState::new(),
            search,
            search_input: None,
            chord: None,
            help: None,
            reader: None,
            editor: None,
            show_history: false,
            advance: false,
            detail_scroll: 0,
            message: None,
            undo: Vec::new(),
            redo: Vec::new(),
            related_cursor: 0,
            all_tags,
            effects: Vec::new(),
            quit: false,
        };
        state.refilter();
        state.prepare_timeline();
        state.sync_timeline_to_claim();
        state
    }

    pub fn layout(&self) -> AppLayout {
        AppLayout::compute(self.area, self.focus)
    }

    pub fn selected_claim(&self) -> Option<ClaimIx> {
        self.claim_rows.get(self.claims.selected).copied()
    }

    pub fn selected_actor(&self) -> Option<ActorIx> {
        self.actor_rows.get(self.actors.selected).and_then(|r| r.0)
    }

    /// The scopes a key is looked up in, innermost first. Focus is computed
    /// from what is open: editor, then search box, chord, help, reader, panes.
    pub fn scopes(&self) -> Vec<Scope> {
        if let Some(chord) = self.chord {
            return vec![chord];
        }
        if self.help.is_some() {
            return vec![Scope::Help];
        }
        if self.reader.is_some() {
            return vec![Scope::Reader];
        }
        let pane = match self.focus {
            Pane::Actors => Scope::Actors,
            Pane::Claims | Pane::Detail => Scope::Claims,
            // Annotation keys act on the claim selected in the timeline too.
            Pane::Timeline => return vec![Scope::Timeline, Scope::Claims, Scope::Global],
        };
        vec![pane, Scope::Global]
    }

    /// Turns a key into an action for the current focus. Modal inputs (the
    /// editor, the search box) take every key while open.
    pub fn action_for_key(&self, key: KeyEvent) -> Option<Action> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('c') && self.editor.is_none() {
            return Some(Action::Quit);
        }
        if self.editor.is_some() {
            return Some(match key.code {
                KeyCode::Esc => Action::EditorCancel,
                KeyCode::Char('s') if ctrl => Action::EditorSave,
                _ => Action::EditorInput(key),
            });
        }
        if self.search_input.is_some() {
            return match key.code {
                KeyCode::Esc => Some(Action::Back),
                KeyCode::Enter => Some(Action::SearchAccept),
                KeyCode::Backspace => Some(Action::SearchInput(InputKey::Backspace)),
                KeyCode::Char('w') if ctrl => Some(Action::SearchInput(InputKey::DeleteWord)),
                KeyCode::Char('u') if ctrl => Some(Action::SearchInput(InputKey::Clear)),
                KeyCode::Char('n') if ctrl => Some(Action::Down),
                KeyCode::Char('p') if ctrl => Some(Action::Up),
                KeyCode::Down => Some(Action::Down),
                KeyCode::Up => Some(Action::Up),
                KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(InputKey::Char(c))),
                _ => None,
            };
        }
        let found = keymap::lookup(&self.scopes(), &key);
        if found.is_none() && self.chord.is_some() {
            return Some(Action::Cancel);
        }
        found
    }

    /// A message from the edge (e.g. the result of an export).
    pub fn notify(&mut self, text: impl Into<String>) {
        self.say(text);
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

    pub fn update(&mut self, action: Action) {
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
        if !matches!(action, Action::Resize { .. } | Action::Tick) {
            self.message = None;
        }
        if self.chord.is_some() {
            self.chord = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => {
                self.area = Rect::new(0, 0, width, height);
                self.follow_all();
                self.prepare_timeline();
            }
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
            Action::ToggleHelp => self.help = if self.help.is_some() { None } else { Some(0) },
            Action::Cancel => {}
            Action::Tick => {
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
                self.search_input = Some(self.filter.query.clone());
                self.focus = Pane::Claims;
            }
            Action::SearchInput(k) => self.search_key(k),
            Action::SearchAccept => {
                self.search_input = None;
                if !self.filter.query.is_empty() {
                    self.say(format!(
                        "{} claims match “{}” (n/N: next/previous)",
                        self.claim_rows.len(),
                        self.filter.query
                    ));
                }
            }
            Action::NextMatch => self.next_match(1),
            Action::PrevMatch => self.next_match(-1),
            Action::ToggleSubActors => {
                self.filter.sub_actors = !self.filter.sub_actors;
                self.refilter();
                self.say(if self.filter.sub_actors {
                    "including sub-actors"
                } else {
                    "this actor only"
                });
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refilter();
                self.say(format!("sorted by {}", self.sort.label()));
            }
            Action::ChordStatusFilter => self.chord = Some(Scope::StatusFilter),
            Action::FilterStatus(s) => {
                self.filter.status = s;
                self.refilter();
            }
            Action::CycleTagFilter => {
                self.filter.tag = cycle(&self.all_tags, self.filter.tag.as_ref());
                self.refilter();
            }
            Action::CycleArticleFilter => {
                let ids: Vec<ArticleIx> = (0..self.loaded.dataset.articles.len())
                    .map(ArticleIx::from_usize)
                    .collect();
                self.filter.article = cycle(&ids, self.filter.article.as_ref());
                self.refilter();
            }
            Action::ClearFilters => self.clear_filters(),

            Action::SetStatus(s) => self.annotate(|_| Edit::Status(s), true),
            Action::ChordReliability => self.chord = Some(Scope::Reliability),
            Action::ChordCredibility => self.chord = Some(Scope::Credibility),
            Action::SetReliability(r) => self.annotate(|_| Edit::Reliability(r), false),
            Action::SetCredibility(c) => self.annotate(|_| Edit::Credibility(c), false),
            Action::OpenEditor(field) => self.open_editor(field),
            Action::EditorInput(key) => {
                if let Some(e) = &mut self.editor {
                    e.textarea.input(key);
                }
            }
            Action::Paste(text) => {
                if let Some(e) = &mut self.editor {
                    e.textarea.insert_str(text);
                } else if self.search_input.is_some() {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        self.search_key(InputKey::Char(c));
                    }
                }
            }
            Action::EditorSave => self.save_editor(),
            Action::EditorCancel => {
                self.editor = None;
                self.say("edit cancelled");
            }
            Action::ToggleMark => {
                if let Some(c) = self.selected_claim() {
                    if !self.marked.remove(&c) {
                        self.marked.insert(c);
                    }
                    self.move_by(1);
                }
            }
            Action::ClearMarks => self.marked.clear(),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::ToggleAdvance => {
                self.advance = !self.advance;
                self.say(if self.advance {
                    "after a status: advance to the next unreviewed claim"
                } else {
                    "advance off"
                });
            }
            Action::ToggleHistory => self.show_history = !self.show_history,
            // A read-only store has nothing to write: never say "saved".
            Action::RetrySave => match self.annotations.read_only_reason() {
                Some(why) => self.complain(format!("read-only: nothing to save ({why})")),
                None => match self.annotations.retry() {
                    Ok(()) => self.say(format!("saved to {}", self.annotations.location())),
                    Err(e) => self.complain(e),
                },
            },
            Action::NextRelated => self.next_related(),
            Action::Export => self.effects.push(Effect::Export(self.claim_rows.clone())),

            Action::ZoomIn => self.timeline_axis.zoom_in(&self.timeline),
            Action::ZoomOut => self.timeline_axis.zoom_out(&self.timeline),
            Action::PanLeft => self.timeline_axis.pan(-self.timeline_axis.zoom.step_days()),
            Action::PanRight => self.timeline_axis.pan(self.timeline_axis.zoom.step_days()),
            Action::JumpToSelected => self.timeline_axis.jump_to_selected(&self.timeline),
            Action::FitTimeline => self.timeline_axis.fit(&self.timeline),
            Action::ToggleTimelineOrder => {
                self.timeline_axis.toggle_by(&self.timeline);
                self.say(format!(
                    "timeline ordered by {}",
                    self.timeline_axis.by.label()
                ));
            }
            Action::ToggleLanes => self.timeline_axis.toggle_lanes(&self.timeline),

            Action::Click { column, row } => self.click(column, row),
            Action::ScrollUp { column, row } => self.scroll_at(column, row, -3),
            Action::ScrollDown { column, row } => self.scroll_at(column, row, 3),
        }
        if matches!(action_kind, ActionKind::Timeline) {
            self.prepare_timeline();
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ActionKind {
    Timeline,
    Other,
}

/// Datasets at least this large get their search index built in the
/// background from start-up (0.8 s at 100k claims), so the first `/` is
/// instant; smaller ones build it on the first search (milliseconds).
const BACKGROUND_INDEX_FROM: usize = 20_000;

/// The search index: built on first use, or being built in the background.
pub(super) struct LazySearch {
    ready: Option<SearchIndex>,
    building: Option<Receiver<SearchIndex>>,
}

impl LazySearch {
    fn start(loaded: &Arc<Loaded>) -> Self {
        Self::start_with(loaded, loaded.dataset.claims.len() >= BACKGROUND_INDEX_FROM)
    }

    fn start_with(loaded: &Arc<Loaded>, background: bool) -> Self {
        let mut lazy = Self {
            ready: None,
            building: None,
        };
        if background {
            let (tx, rx) = channel();
            let shared = Arc::clone(loaded);
            let spawned = std::thread::Builder::new()
                .name("search-index".into())
                .spawn(move || {
                    // The receiver may be gone (the app quit first): nothing to do then.
                    let _ = tx.send(SearchIndex::build(&shared));
                });
            // Without a thread, the first search builds it instead.
            if spawned.is_ok() {
                lazy.building = Some(rx);
            }
        }
        lazy
    }

    /// The index, waiting for the background build if it is still running
    /// (or building it here if that thread failed).
    pub(super) fn get(&mut self, loaded: &Loaded) -> &mut SearchIndex {
        if let Some(rx) = self.building.take()
            && let Ok(index) = rx.recv()
        {
            self.ready = Some(index);
        }
        self.ready.get_or_insert_with(|| SearchIndex::build(loaded))
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;

    #[test]
    fn background_and_on_demand_indexes_answer_alike() {
        let loaded = Arc::new(load_bundled().expect("bundled"));
        let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let mut background = LazySearch::start_with(&loaded, true);
        assert!(background.building.is_some(), "a thread was started");
        let mut on_demand = LazySearch::start_with(&loaded, false);
        assert!(on_demand.building.is_none() && on_demand.ready.is_none());
        let a = background.get(&loaded).filter("troops", &all);
        let b = on_demand.get(&loaded).filter("troops", &all);
        assert!(!a.is_empty());
        assert_eq!(a, b);
        assert!(background.building.is_none() && background.ready.is_some());
    }
}
