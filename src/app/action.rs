//! Everything that can happen to the application state. `AppState::update`
//! is the only mutator, so every key, mouse event and test goes through here.

use serde::{Deserialize, Serialize};

use super::key::Key;
use crate::model::{ClaimIx, Credibility, Reliability, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditorField {
    Note,
    Evidence,
    Tags,
}

/// A part of an analyst's verdict, for taking only that (`T s 2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerdictPart {
    Status,
    /// Reliability and credibility.
    Grading,
    Note,
    Evidence,
}

/// A key typed into a one-line input (the search box).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputKey {
    Char(char),
    Backspace,
    DeleteWord,
    Clear,
}

/// The serde names are what the settings file binds keys to
/// (`claimtrack keys --actions`); what only the terminal or the clock sends
/// is skipped, so no key can be bound to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    #[serde(skip)]
    EditorInput(Key),
    EditorSave,
    /// Closes the editor; asks first when its text was changed.
    EditorCancel,
    /// Closes the editor, throwing its changed text away (after asking).
    EditorDiscard,
    /// Back to the text after being asked whether to discard it.
    EditorKeepEditing,
    /// Bracketed paste: into the editor or the search box.
    #[serde(skip)]
    Paste(String),
    ToggleMark,
    ClearMarks,
    /// Keep the marks after a bulk edit (else it clears them).
    ToggleKeepMarks,
    Undo,
    Redo,
    ToggleAdvance,
    ToggleHistory,
    RetrySave,

    // Adjudication (merge conflicts, `--compare`).
    /// Start a two-key chord: `T` then the number of a choice the detail
    /// pane lists (a conflict's side, a compared analyst).
    ChordTake,
    /// Take choice N (1-based) of the selected claim into your annotations.
    Take(u8),
    /// After `T`: take only this part of the analyst's verdict (then N).
    TakeOnly(VerdictPart),
    /// Show only claims to adjudicate: conflicts (and disagreements when comparing).
    ToggleContested,
    /// Select this claim in the claims list, clearing filters that hide it
    /// (a link, a search result, a picker).
    #[serde(skip)]
    SelectClaim(ClaimIx),
    /// Follow the next relation of the selected claim (cycles).
    NextRelated,
    /// The walk of `NextRelated`, backwards.
    PrevRelated,
    /// Maximise the focused pane over the others (again: back).
    ToggleZoom,
    Export,

    // Leaving with unsaved changes (the prompt `q` opens then).
    /// Try saving again; quit if it works.
    QuitRetry,
    /// Write a rescue copy to another directory, then quit.
    QuitRescue,
    /// Quit, giving up the unsaved changes.
    QuitDiscard,
    /// Keep working.
    QuitCancel,
    // A rescue copy found at the start.
    RescueMerge,
    RescueDecline,
    /// Leave it for the next start.
    RescueLater,
    /// Open / close the agreement panel (compare mode).
    ToggleAgreement,
    /// In the agreement panel: compare on the next field.
    AgreementNextField,
    // Annotations of claims no longer in the dataset.
    /// Open / close the list of them.
    ToggleOrphans,
    OrphansUp,
    OrphansDown,
    /// Choose the claim to re-attach the highlighted one to.
    OrphansPick,
    /// A key typed into the claim picker.
    OrphansTargetInput(InputKey),
    /// Back from the picker to the list.
    OrphansTargetCancel,
    /// Move the highlighted orphan's work onto the picked claim.
    OrphansReattach,

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
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    #[serde(skip)]
    ScrollUp {
        column: u16,
        row: u16,
    },
    #[serde(skip)]
    ScrollDown {
        column: u16,
        row: u16,
    },
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
    /// A message from the edge for the status line (an export's result...).
    #[serde(skip)]
    Notify(String),
    /// Time passes: retry saving changes a failed write left pending.
    #[serde(skip)]
    Tick,
    /// Work in the background may have finished (the search index): the
    /// loop sends it often while `AppState::busy` says something is pending.
    #[serde(skip)]
    Poll,
    /// A background task's progress (see `Effect::Export`).
    #[serde(skip)]
    TaskProgress {
        done: usize,
        total: usize,
    },
    /// A background task ended: what the status line says (`Err`: it failed).
    #[serde(skip)]
    TaskDone(Result<String, String>),
    /// The dataset, loaded again because the file differs from what is
    /// shown (the cache's background content check): swap it in.
    #[serde(skip)]
    DatasetReloaded(super::reload::Reloaded),
    /// `y`: copy the selected claim (a citation, or one part with `Y`).
    CopyClaim(crate::model::citation::CopyWhat),
    /// `Y`: the menu of what to copy.
    OpenCopyMenu,
    /// `o`: open the claim's link (a numbered menu when there are several).
    OpenLinks,
    /// Open the n-th link of that menu (1-based).
    OpenLink(usize),
    /// A key that is none of a pending chord's choices: it is cancelled, and
    /// the status line says so.
    #[serde(skip)]
    NotAChoice,
    /// Cancel a pending chord or anything partial; no-op otherwise.
    Cancel,

    // Power use: the command palette, pickers, marks and views (issue 14).
    /// `:` / Ctrl-P: the palette of every action and command.
    OpenPalette,
    /// A key typed into the palette.
    PaletteInput(InputKey),
    /// Tab: complete the highlighted entry into the palette's input.
    PaletteComplete,
    /// Enter: run the highlighted entry (or complete a command).
    PaletteRun,
    /// A fuzzy list of tags, articles, actors, statuses or views.
    OpenPicker(super::picker::PickKind),
    /// A key typed into the picker.
    PickerInput(InputKey),
    /// Space: select / unselect the highlighted item (several may be picked).
    PickerToggle,
    /// Enter: filter by what is selected (or the highlighted item).
    PickerAccept,
    /// The palette's or picker's cursor.
    ListUp,
    ListDown,
    /// Esc in the palette or a picker.
    CloseList,
    /// Mark every claim shown (a query plus a bulk status is how to triage).
    MarkAllShown,
    /// Save the current filters and query as a view (asks for its name).
    SaveViewPrompt,
    /// The dataset's views after the edge saved one.
    #[serde(skip)]
    DatasetViews(Vec<crate::model::views::View>),

    // Authoring: existing items of the dataset file (issue 12 §3).
    /// The dataset file's directory changed (the watcher): reload if the
    /// file did.
    #[serde(skip)]
    DatasetChanged,
    /// Delete the highlighted claim, actor or event (asks first).
    DeleteItem,
    DeleteConfirm,
    DeleteCancel,
    /// Edit the highlighted claim, actor or event (a form).
    EditItem,
    /// The edit form's next / previous field.
    ItemFormNext,
    ItemFormPrev,
    /// A key for the edit form's focused field.
    ItemFormInput(InputKey),
    /// On the kind or the stance: the next one.
    ItemFormCycle,
    /// Write the item back to the dataset file.
    ItemFormSave,
    /// Close the form; asks first when it was changed.
    ItemFormCancel,
    ItemFormDiscard,
    ItemFormKeepEditing,
    // Authoring in the TUI (issue 12 §3).
    /// A cursor motion in the reader.
    ReaderMove(super::reader_cursor::Motion),
    /// `v` in the reader: start or end a visual selection.
    ToggleVisual,
    /// On a selection in the reader: the new-claim form, prefilled.
    NewClaim,
    /// The form's next / previous field.
    FormNext,
    FormPrev,
    /// Enter in the form: pick an actor, next stance, or the next field.
    FormEnter,
    /// A key for the form's focused field (it takes every key while open).
    #[serde(skip)]
    FormInput(Key),
    /// The next stance (in "new actor…": the next kind).
    FormCycle,
    /// Write the claim to the dataset file.
    FormSave,
    /// Close the form; asks first when it was changed.
    FormCancel,
    FormDiscard,
    FormKeepEditing,
    /// "new actor…": add it to the field / back to the form.
    ActorFormAdd,
    ActorFormCancel,
    /// The mouse moved with a button held (a selection in the reader).
    #[serde(skip)]
    Drag {
        column: u16,
        row: u16,
    },
}
