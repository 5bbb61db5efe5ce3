//! Everything that can happen to the application state. `AppState::update`
//! is the only mutator, so every key, mouse event and test goes through here.

use crossterm::event::KeyEvent;

use crate::model::{Credibility, Reliability, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Actors,
    Claims,
    Timeline,
    /// Only a pane of its own on narrow terminals (a tab); beside the others when wide.
    Detail,
}

/// How the claims list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Dataset,
    Said,
    Claimant,
    Status,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            Self::Dataset => "dataset order",
            Self::Said => "said date",
            Self::Claimant => "claimant",
            Self::Status => "status",
        }
    }

    pub fn next(self) -> Self {
        match self {
            Self::Dataset => Self::Said,
            Self::Said => Self::Claimant,
            Self::Claimant => Self::Status,
            Self::Status => Self::Dataset,
        }
    }
}

/// Which annotation field a text editor edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorField {
    Note,
    Evidence,
    Tags,
}

/// A key typed into a one-line input (the search box).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Char(char),
    Backspace,
    DeleteWord,
    Clear,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    Focus(Pane),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: open the selected item (claim → article reader, actor → filter).
    Open,
    /// Esc: close the innermost thing open, else clear filters.
    Back,
    ToggleHelp,

    // Search and filters.
    SearchStart,
    SearchInput(InputKey),
    SearchAccept,
    NextMatch,
    PrevMatch,
    ToggleSubActors,
    CycleSort,
    /// Start a two-key chord: `f` then a status digit (0 clears).
    ChordStatusFilter,
    FilterStatus(Option<Status>),
    CycleTagFilter,
    CycleArticleFilter,
    ClearFilters,

    // Annotation.
    SetStatus(Status),
    ChordReliability,
    ChordCredibility,
    SetReliability(Option<Reliability>),
    SetCredibility(Option<Credibility>),
    OpenEditor(EditorField),
    /// A key for the open editor (it takes every key while open).
    EditorInput(KeyEvent),
    EditorSave,
    EditorCancel,
    /// Bracketed paste: into the editor or the search box.
    Paste(String),
    ToggleMark,
    ClearMarks,
    Undo,
    Redo,
    ToggleAdvance,
    ToggleHistory,
    RetrySave,
    /// Follow the next relation of the selected claim (cycles).
    NextRelated,
    Export,

    // Timeline.
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    JumpToSelected,
    FitTimeline,
    ToggleTimelineOrder,
    ToggleLanes,

    // Mouse and terminal.
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passes: retry saving changes a failed write left pending.
    Tick,
    /// Cancel a pending chord or anything partial; no-op otherwise.
    Cancel,
}
