//! The application state and its only mutator, `update`.
//!
//! No terminal I/O here: keys arrive as actions (see `keymap`), the screen is
//! drawn from this state by `ui`, and annotations go through the
//! `AnnotationBackend` (the durable store in the program, memory in tests).

use std::collections::BTreeSet;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::action::{Action, EditorField, InputKey, Pane, SortKey};
use super::annotations::AnnotationBackend;
use super::editor::Editor;
use super::keymap::{self, Scope};
use super::layout::AppLayout;
use super::list::ListCursor;
use super::reader::{ReaderState, layout_article};
use crate::model::search::SearchIndex;
use crate::model::timeline::{Item, Timeline};
use crate::model::{ActorIx, ArticleIx, ClaimIx, Edit, Loaded, Roles, Status};
use crate::ui::timeline_axis::{self, TimelineAxisState};

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

/// One user action's annotation changes, for undo: (claim, before, after).
#[derive(Debug, Clone, PartialEq)]
struct UndoStep(Vec<(ClaimIx, Edit, Edit)>);

pub struct AppState {
    pub loaded: Loaded,
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
    search: Option<SearchIndex>,
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
    undo: Vec<UndoStep>,
    redo: Vec<UndoStep>,
    /// Index into the selected claim's relations for `]`.
    related_cursor: usize,
    all_tags: Vec<String>,
    pub effects: Vec<Effect>,
    pub quit: bool,
}

impl AppState {
    pub fn new(loaded: Loaded, annotations: Box<dyn AnnotationBackend>, area: Rect) -> Self {
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
            search: None,
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

    /// Fits the timeline state to its pane (see `timeline_axis::prepare`).
    fn prepare_timeline(&mut self) {
        let r = self.layout().timeline;
        let inner = ratatui::layout::Rect {
            x: r.x + 1,
            y: r.y + 1,
            width: r.width.saturating_sub(2),
            height: r.height.saturating_sub(2),
        };
        timeline_axis::prepare(inner, &self.timeline, &mut self.timeline_axis);
    }

    /// The timeline follows the claim selected elsewhere.
    fn sync_timeline_to_claim(&mut self) {
        if let Some(c) = self.selected_claim() {
            self.timeline_axis
                .select_item(&self.timeline, Item::Claim(c));
            self.prepare_timeline();
        }
    }

    /// Selecting a timeline entry selects its claim (or an event's first
    /// claim) in the claims list, when the filter shows it.
    fn sync_claims_to_timeline(&mut self) {
        let claim = match self.timeline_axis.selected_item(&self.timeline) {
            Some(Item::Claim(c)) => Some(c),
            Some(Item::Event(e)) => self
                .loaded
                .index
                .event_claims
                .get(e.i())
                .iter()
                .copied()
                .find(|c| self.claim_rows.contains(c)),
            None => None,
        };
        if let Some(p) = claim.and_then(|c| self.claim_rows.iter().position(|x| *x == c)) {
            let h = AppLayout::inner_height(self.layout().claims);
            self.claims.select(p, self.claim_rows.len(), h);
        }
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

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
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
            Action::RetrySave => match self.annotations.retry() {
                Ok(()) => self.say(format!("saved to {}", self.annotations.location())),
                Err(e) => self.complain(e),
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

    fn cycle_focus(&mut self, dir: isize) {
        let order: &[Pane] = if self.layout().is_narrow() {
            &[Pane::Actors, Pane::Claims, Pane::Detail, Pane::Timeline]
        } else {
            &[Pane::Actors, Pane::Claims, Pane::Timeline]
        };
        let i = order.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[((i + dir).rem_euclid(n)) as usize];
        self.follow_all();
    }

    fn page(&self) -> usize {
        let l = self.layout();
        if self.reader.is_some() {
            return l.main.height.saturating_sub(3).max(1) as usize;
        }
        AppLayout::inner_height(l.rect(self.focus)).max(1)
    }

    fn follow_all(&mut self) {
        let l = self.layout();
        self.actors
            .follow(self.actor_rows.len(), AppLayout::inner_height(l.actors));
        self.claims
            .follow(self.claim_rows.len(), AppLayout::inner_height(l.claims));
    }

    fn move_by(&mut self, delta: isize) {
        if let Some(scroll) = &mut self.help {
            *scroll = (*scroll as isize + delta).max(0) as usize;
            return;
        }
        if let Some(r) = &mut self.reader {
            let total = layout_article(
                &self.loaded,
                r.article,
                Some(r.current),
                reader_width(self.area),
            )
            .lines
            .len();
            r.scroll =
                (r.scroll as isize + delta).clamp(0, total.saturating_sub(1) as isize) as usize;
            return;
        }
        let l = self.layout();
        match self.focus {
            Pane::Actors => {
                let before = self.actors.selected;
                self.actors.step(
                    delta,
                    self.actor_rows.len(),
                    AppLayout::inner_height(l.actors),
                );
                if self.actors.selected != before {
                    self.filter.actor = self.selected_actor();
                    self.refilter();
                }
            }
            Pane::Claims => {
                self.claims.step(
                    delta,
                    self.claim_rows.len(),
                    AppLayout::inner_height(l.claims),
                );
                self.related_cursor = 0;
                self.detail_scroll = 0;
                self.sync_timeline_to_claim();
            }
            Pane::Detail => {
                self.detail_scroll =
                    (self.detail_scroll as isize + delta).clamp(0, u16::MAX as isize) as u16;
            }
            Pane::Timeline => {
                let n = self.timeline.len() as isize;
                let target = (self.timeline_axis.selected as isize).saturating_add(delta);
                self.timeline_axis.selected = target.clamp(0, (n - 1).max(0)) as usize;
                self.prepare_timeline();
                self.sync_claims_to_timeline();
                self.detail_scroll = 0;
            }
        }
    }

    fn open(&mut self) {
        if let Some(r) = &self.reader {
            let c = r.current;
            self.reader = None;
            self.select_claim(c);
            return;
        }
        match self.focus {
            Pane::Actors => self.focus = Pane::Claims,
            Pane::Claims | Pane::Detail => {
                if let Some(c) = self.selected_claim() {
                    self.open_reader(c);
                }
            }
            Pane::Timeline => {
                if let Some(c) = self.selected_claim() {
                    self.open_reader(c);
                }
            }
        }
    }

    fn open_reader(&mut self, c: ClaimIx) {
        let article = self.loaded.index.claim_article[c.i()];
        let layout = layout_article(&self.loaded, article, Some(c), reader_width(self.area));
        let line = layout
            .quotes
            .iter()
            .find(|(q, _)| *q == c)
            .map_or(0, |&(_, l)| l);
        self.reader = Some(ReaderState {
            article,
            current: c,
            scroll: line.saturating_sub(2),
        });
    }

    fn back(&mut self) {
        if self.help.is_some() {
            self.help = None;
        } else if self.reader.is_some() {
            self.reader = None;
        } else if self.search_input.is_some() {
            self.search_input = None;
            self.filter.query.clear();
            self.refilter();
        } else if !self.filter.query.is_empty() {
            self.filter.query.clear();
            self.refilter();
        } else if !self.marked.is_empty() {
            self.marked.clear();
        } else if !self.filter.is_empty() {
            self.clear_filters();
        }
    }

    fn clear_filters(&mut self) {
        self.filter = Filter {
            sub_actors: self.filter.sub_actors,
            ..Filter::default()
        };
        self.actors = ListCursor::default();
        self.refilter();
    }

    fn search_key(&mut self, k: InputKey) {
        let Some(input) = &mut self.search_input else {
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
        self.filter.query = input.clone();
        self.refilter();
    }

    fn next_match(&mut self, dir: isize) {
        if let Some(r) = &self.reader {
            let layout = layout_article(
                &self.loaded,
                r.article,
                Some(r.current),
                reader_width(self.area),
            );
            if layout.quotes.is_empty() {
                return;
            }
            let i = layout
                .quotes
                .iter()
                .position(|(q, _)| *q == r.current)
                .unwrap_or(0) as isize;
            let n = layout.quotes.len() as isize;
            let (c, line) = layout.quotes[(i + dir).rem_euclid(n) as usize];
            self.reader = Some(ReaderState {
                article: r.article,
                current: c,
                scroll: line.saturating_sub(2),
            });
            return;
        }
        // Matches are the rows of the filtered list; wrap around at the ends.
        let n = self.claim_rows.len();
        if n == 0 {
            return;
        }
        let next = (self.claims.selected as isize + dir).rem_euclid(n as isize) as usize;
        let h = AppLayout::inner_height(self.layout().claims);
        self.claims.select(next, n, h);
        self.focus = Pane::Claims;
    }

    /// Recomputes the claims list from the filter and sort. O(claims) — run
    /// on filter changes only, never per frame. Keeps the selected claim.
    pub fn refilter(&mut self) {
        let keep = self.selected_claim();
        let ds = &self.loaded.dataset;
        let ix = &self.loaded.index;
        let mut rows: Vec<ClaimIx> = match self.filter.actor {
            Some(a) => {
                let actors = if self.filter.sub_actors {
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
        let f = &self.filter;
        rows.retain(|c| {
            f.status.is_none_or(|s| self.status_of[c.i()] == s)
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
        if !f.query.trim().is_empty() {
            let search = self
                .search
                .get_or_insert_with(|| SearchIndex::build(&self.loaded));
            rows = search.filter(&self.filter.query, &rows);
        }
        match self.sort {
            SortKey::Dataset => {}
            SortKey::Said => rows.sort_by_key(|c| {
                let r = ix.claim_said[c.i()];
                (r.sort_key().is_none(), r.sort_key(), r.to, *c)
            }),
            SortKey::Claimant => rows.sort_by(|a, b| {
                let name = |c: &ClaimIx| &ds.actors[ix.claim_claimant[c.i()].i()].name;
                name(a).cmp(name(b)).then(a.cmp(b))
            }),
            SortKey::Status => rows.sort_by_key(|c| (self.status_of[c.i()], *c)),
        }
        self.shown_by_status = [0; 7];
        for c in &rows {
            self.shown_by_status[self.status_of[c.i()] as usize] += 1;
        }
        self.claim_rows = rows;
        let h = AppLayout::inner_height(self.layout().claims);
        let pos = keep.and_then(|k| self.claim_rows.iter().position(|c| *c == k));
        match pos {
            Some(p) => self.claims.select(p, self.claim_rows.len(), h),
            None => self.claims.follow(self.claim_rows.len(), h),
        }
    }

    /// Makes `c` the selected claim, clearing filters that hide it.
    pub fn select_claim(&mut self, c: ClaimIx) {
        if !self.claim_rows.contains(&c) {
            self.filter = Filter::default();
            self.actors = ListCursor::default();
            self.refilter();
        }
        if let Some(p) = self.claim_rows.iter().position(|x| *x == c) {
            let h = AppLayout::inner_height(self.layout().claims);
            self.claims.select(p, self.claim_rows.len(), h);
        }
        self.focus = Pane::Claims;
        self.related_cursor = 0;
        self.sync_timeline_to_claim();
    }

    /// The roles the filtered actor (and sub-actors) play in a claim.
    pub fn roles_in(&self, c: ClaimIx) -> Option<Roles> {
        let a = self.filter.actor?;
        let ix = &self.loaded.index;
        let actors = if self.filter.sub_actors {
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

    fn targets(&self) -> Vec<ClaimIx> {
        if self.marked.is_empty() {
            self.selected_claim().into_iter().collect()
        } else {
            self.marked.iter().copied().collect()
        }
    }

    /// Applies an edit to the targeted claims (the marked ones, else the
    /// selected one) through the backend, recording one undo step.
    fn annotate(&mut self, make: impl Fn(ClaimIx) -> Edit, is_status: bool) {
        if let Some(why) = self.annotations.read_only_reason() {
            self.complain(format!("read-only: {why}"));
            return;
        }
        let targets = self.targets();
        if targets.is_empty() {
            return;
        }
        let edits: Vec<(ClaimIx, Edit)> = targets.iter().map(|&c| (c, make(c))).collect();
        let applied = self.apply_edits(&edits);
        self.record(applied);
        if self.message.is_none() {
            let what = edits
                .first()
                .map(|(_, e)| format!("{} = {}", e.field().label(), e.value_text()))
                .unwrap_or_default();
            self.say(format!(
                "{what} on {} claim{}",
                targets.len(),
                if targets.len() == 1 { "" } else { "s" }
            ));
        }
        if is_status && self.marked.is_empty() && self.advance {
            self.advance_to_unreviewed();
        }
    }

    /// Applies edits and returns the undo step for those that changed something.
    fn apply_edits(&mut self, edits: &[(ClaimIx, Edit)]) -> UndoStep {
        let mut step = Vec::new();
        for (c, edit) in edits {
            let id = self.loaded.dataset.claims[c.i()].id.clone();
            let before =
                edit.inverse_for(&self.annotations.set().get(&id).cloned().unwrap_or_default());
            match self.annotations.apply(&id, edit) {
                Ok(Some(_)) => step.push((*c, before, edit.clone())),
                Ok(None) => {}
                Err(e) => {
                    // The backend keeps the change in memory (pending) when it can.
                    self.complain(e);
                    step.push((*c, before, edit.clone()));
                }
            }
            if let Edit::Status(s) = edit {
                let old = std::mem::replace(&mut self.status_of[c.i()], *s);
                self.total_by_status[old as usize] -= 1;
                self.total_by_status[*s as usize] += 1;
            }
        }
        let status_changed = edits.iter().any(|(_, e)| matches!(e, Edit::Status(_)));
        if status_changed && self.filter.status.is_some() {
            self.refilter();
        } else if status_changed {
            self.shown_by_status = [0; 7];
            for c in &self.claim_rows {
                self.shown_by_status[self.status_of[c.i()] as usize] += 1;
            }
        }
        UndoStep(step)
    }

    /// Pushes a user action's changes as one undo step (a new action ends
    /// the redo chain). Returns how many claims changed.
    fn record(&mut self, step: UndoStep) -> usize {
        let n = step.0.len();
        if n > 0 {
            self.undo.push(step);
            self.redo.clear();
        }
        n
    }

    fn undo_redo(&mut self, undo: bool) {
        if let Some(why) = self.annotations.read_only_reason() {
            self.complain(format!("read-only: {why}"));
            return;
        }
        let Some(step) = (if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        }) else {
            self.say(if undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            });
            return;
        };
        let edits: Vec<(ClaimIx, Edit)> = step
            .0
            .iter()
            .map(|(c, before, after)| (*c, if undo { before.clone() } else { after.clone() }))
            .collect();
        let n = edits.len();
        self.apply_edits(&edits);
        if undo {
            self.redo.push(step);
        } else {
            self.undo.push(step);
        }
        if self.message.is_none() {
            self.say(format!(
                "{} {n} change{}",
                if undo { "undid" } else { "redid" },
                if n == 1 { "" } else { "s" }
            ));
        }
    }

    fn advance_to_unreviewed(&mut self) {
        let n = self.claim_rows.len();
        let from = self.claims.selected;
        let next = (1..n)
            .map(|d| (from + d) % n)
            .find(|&i| self.status_of[self.claim_rows[i].i()] == Status::Unreviewed);
        match next {
            Some(i) => {
                let h = AppLayout::inner_height(self.layout().claims);
                self.claims.select(i, n, h);
            }
            None => self.say("no unreviewed claim left in this view"),
        }
    }

    fn open_editor(&mut self, field: EditorField) {
        if let Some(why) = self.annotations.read_only_reason() {
            self.complain(format!("read-only: {why}"));
            return;
        }
        let Some(sel) = self.selected_claim() else {
            return;
        };
        let bulk = field == EditorField::Tags && !self.marked.is_empty();
        let claims = if bulk {
            self.marked.iter().copied().collect()
        } else {
            vec![sel]
        };
        let a = self
            .annotations
            .set()
            .get(&self.loaded.dataset.claims[sel.i()].id)
            .cloned()
            .unwrap_or_default();
        let initial = match (field, bulk) {
            (_, true) => String::new(),
            (EditorField::Note, _) => a.note,
            (EditorField::Evidence, _) => a.evidence.join("\n"),
            (EditorField::Tags, _) => a.tags.join(", "),
        };
        self.editor = Some(Editor::new(field, claims, &initial, bulk));
    }

    fn save_editor(&mut self) {
        let Some(editor) = self.editor.take() else {
            return;
        };
        let edits: Vec<(ClaimIx, Edit)> = editor
            .claims
            .iter()
            .map(|&c| {
                let tags = self
                    .annotations
                    .set()
                    .get(&self.loaded.dataset.claims[c.i()].id)
                    .map(|a| a.tags.clone())
                    .unwrap_or_default();
                (c, editor.edit_for(&tags))
            })
            .collect();
        let step = self.apply_edits(&edits);
        let n = self.record(step);
        if self.message.is_none() {
            self.say(format!(
                "{} saved ({n} claim{} changed)",
                editor.field_label(),
                if n == 1 { "" } else { "s" }
            ));
        }
    }

    fn next_related(&mut self) {
        let Some(c) = self.selected_claim() else {
            return;
        };
        let links = self.loaded.index.claim_links.get(c.i());
        if links.is_empty() {
            self.say("this claim has no related claims");
            return;
        }
        let link = links[self.related_cursor % links.len()];
        let from_id = self.loaded.dataset.claims[c.i()].id.clone();
        self.select_claim(link.other);
        self.say(format!(
            "{from_id} {} {}",
            link.label(),
            self.loaded.dataset.claims[link.other.i()].id
        ));
    }

    fn click(&mut self, column: u16, row: u16) {
        if self.help.is_some() || self.editor.is_some() || self.reader.is_some() {
            return;
        }
        let l = self.layout();
        let Some(pane) = l.pane_at(column, row) else {
            return;
        };
        self.focus = pane;
        let r = l.rect(pane);
        // Row 0 of a pane is its border/title.
        let line = row.saturating_sub(r.y + 1) as usize;
        match pane {
            Pane::Actors if row > r.y => {
                let target = self.actors.offset + line;
                if target < self.actor_rows.len() {
                    self.move_by(target as isize - self.actors.selected as isize);
                }
            }
            // The axis has two header rows (scale and ticks) under the border.
            Pane::Timeline if row > r.y + 2 => {
                let target = self.timeline_axis.offset + (row - r.y - 3) as usize;
                if target < self.timeline.len() {
                    self.move_by(target as isize - self.timeline_axis.selected as isize);
                }
            }
            Pane::Claims if row > r.y => {
                let target = self.claims.offset + line;
                if target < self.claim_rows.len() {
                    self.move_by(target as isize - self.claims.selected as isize);
                }
            }
            _ => {}
        }
    }

    fn scroll_at(&mut self, column: u16, row: u16, delta: isize) {
        if self.reader.is_some() || self.help.is_some() {
            self.move_by(delta);
            return;
        }
        let l = self.layout();
        match l.pane_at(column, row) {
            Some(Pane::Claims) => self.claims.scroll(
                delta,
                self.claim_rows.len(),
                AppLayout::inner_height(l.claims),
            ),
            Some(Pane::Actors) => {
                let before = self.actors.selected;
                self.actors.scroll(
                    delta,
                    self.actor_rows.len(),
                    AppLayout::inner_height(l.actors),
                );
                if before != self.actors.selected {
                    self.filter.actor = self.selected_actor();
                    self.refilter();
                }
            }
            Some(Pane::Detail) => {
                self.detail_scroll = (self.detail_scroll as isize + delta).max(0) as u16
            }
            Some(Pane::Timeline) => {
                self.focus = Pane::Timeline;
                self.move_by(delta.signum());
            }
            _ => {}
        }
    }
}

impl Editor {
    fn field_label(&self) -> &'static str {
        match self.field {
            EditorField::Note => "note",
            EditorField::Evidence => "evidence",
            EditorField::Tags => "tags",
        }
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
