//! The one keymap table: keys → named actions, per scope, for every mode
//! (panes, reader, help, the `r`/`c`/`f` chords, the search box and the
//! editor). The app owns a [`Keymap`] built from these defaults and the
//! settings file; the help overlay, the hint line, `claimtrack keys` and the
//! README key table are all generated from it.

use super::action::{Action, EditorField, InputKey, VerdictPart};
use super::key::{Key, KeyCode};
use super::picker::PickKind;
use super::reader_cursor::Motion;
use crate::model::Status;
use crate::model::citation::CopyWhat;
use crate::model::config::KeyBinding;

/// Where a binding applies. What is open decides the scope (see
/// `AppState::scopes`): the editor, then the search box, a chord, help, the
/// reader, else the focused pane and `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Any main pane.
    Global,
    Actors,
    Claims,
    /// The detail pane, focused: it scrolls.
    Detail,
    Timeline,
    Reader,
    Help,
    /// After `r`: a reliability letter.
    Reliability,
    /// After `c`: a credibility digit.
    Credibility,
    /// After `f`: a status digit to filter by.
    StatusFilter,
    /// After `T`: the number of a choice to take (adjudication).
    Take,
    /// The search box, while typing.
    Search,
    /// The note / evidence / tags editor.
    Editor,
    /// Esc in an editor whose text was changed: discard, or not.
    DiscardEdit,
    /// After `Y`: what to copy.
    CopyMenu,
    /// After `o` on a claim with several links: which to open.
    LinkMenu,
    /// `q` with unsaved changes: the choices.
    Unsaved,
    /// A rescue copy found at the start.
    Rescue,
    /// The list of annotations of claims no longer in the dataset.
    Orphans,
    /// Picking the claim to re-attach one to (typed text narrows it).
    OrphanTarget,
    /// The command palette (`:`).
    Palette,
    /// A fuzzy list of tags, articles, actors, statuses or views.
    Picker,
    /// The agreement panel (compare mode).
    Agreement,
    /// The new-claim form.
    ClaimForm,
    /// "new actor…" inside the form.
    ActorForm,
    /// Esc in a changed form: discard, or not.
    DiscardForm,
    /// `D`: delete the item from the dataset file?
    ConfirmDelete,
    /// `Ctrl-E`: the edit form of a claim, actor or event.
    ItemForm,
    /// Esc in a changed edit form: discard, or not.
    DiscardItemForm,
}

impl Scope {
    /// Every scope, in help order.
    pub const ALL: [Scope; 29] = [
        Scope::Global,
        Scope::Actors,
        Scope::Claims,
        Scope::Detail,
        Scope::Timeline,
        Scope::Reader,
        Scope::Help,
        Scope::Reliability,
        Scope::Credibility,
        Scope::StatusFilter,
        Scope::Take,
        Scope::Search,
        Scope::Editor,
        Scope::DiscardEdit,
        Scope::Unsaved,
        Scope::Rescue,
        Scope::CopyMenu,
        Scope::LinkMenu,
        Scope::Orphans,
        Scope::OrphanTarget,
        Scope::Palette,
        Scope::Picker,
        Scope::Agreement,
        Scope::ClaimForm,
        Scope::ActorForm,
        Scope::DiscardForm,
        Scope::ConfirmDelete,
        Scope::ItemForm,
        Scope::DiscardItemForm,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Actors => "Actors pane",
            Self::Claims => "Claims pane (and detail)",
            Self::Detail => "Detail pane",
            Self::Timeline => "Timeline pane",
            Self::Reader => "Article reader",
            Self::Help => "Help",
            Self::Reliability => "After r",
            Self::Credibility => "After c",
            Self::StatusFilter => "After f",
            Self::Take => "After T (adjudicate)",
            Self::Search => "Search box",
            Self::Editor => "Editor",
            Self::DiscardEdit => "Esc in a changed text",
            Self::CopyMenu => "After Y (copy)",
            Self::LinkMenu => "After o (open), with several links",
            Self::Unsaved => "Quitting with unsaved changes",
            Self::Rescue => "Rescue copy found at the start",
            Self::Orphans => "Annotations of claims no longer in the dataset",
            Self::OrphanTarget => "Re-attaching one: the claim",
            Self::Palette => "Command palette",
            Self::Picker => "Picker (tags, articles, actors, statuses, views)",
            Self::Agreement => "Agreement panel (--compare)",
            Self::ClaimForm => "New-claim form",
            Self::ActorForm => "New actor, in the form",
            Self::DiscardForm => "Esc in a changed form",
            Self::ConfirmDelete => "Deleting from the dataset file",
            Self::ItemForm => "Edit form (actor, event)",
            Self::DiscardItemForm => "Esc in a changed edit form",
        }
    }

    /// The name the settings file uses.
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Actors => "actors",
            Self::Claims => "claims",
            Self::Detail => "detail",
            Self::Timeline => "timeline",
            Self::Reader => "reader",
            Self::Help => "help",
            Self::Reliability => "reliability",
            Self::Credibility => "credibility",
            Self::StatusFilter => "status-filter",
            Self::Take => "take",
            Self::Search => "search",
            Self::Editor => "editor",
            Self::DiscardEdit => "discard-edit",
            Self::CopyMenu => "copy-menu",
            Self::LinkMenu => "link-menu",
            Self::Unsaved => "unsaved",
            Self::Rescue => "rescue",
            Self::Orphans => "orphans",
            Self::OrphanTarget => "orphan-target",
            Self::Palette => "palette",
            Self::Picker => "picker",
            Self::Agreement => "agreement",
            Self::ClaimForm => "claim-form",
            Self::ActorForm => "actor-form",
            Self::DiscardForm => "discard-form",
            Self::ConfirmDelete => "confirm-delete",
            Self::ItemForm => "item-form",
            Self::DiscardItemForm => "discard-item-form",
        }
    }

    fn from_name(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|sc| sc.name().eq_ignore_ascii_case(s))
    }

    /// What a key bound to nothing in this scope does: the modal inputs take
    /// text, a chord is cancelled, elsewhere nothing happens.
    pub fn fallback(self, key: Key) -> Option<Action> {
        match self {
            Self::Editor => Some(Action::EditorInput(key)),
            Self::ClaimForm | Self::ActorForm => Some(Action::FormInput(key)),
            Self::Search => key
                .typed_char()
                .map(|c| Action::SearchInput(InputKey::Char(c))),
            Self::OrphanTarget => key
                .typed_char()
                .map(|c| Action::OrphansTargetInput(InputKey::Char(c))),
            Self::Palette => key
                .typed_char()
                .map(|c| Action::PaletteInput(InputKey::Char(c))),
            Self::Picker => key
                .typed_char()
                .map(|c| Action::PickerInput(InputKey::Char(c))),
            Self::ItemForm => key
                .typed_char()
                .map(|c| Action::ItemFormInput(InputKey::Char(c))),
            Self::Reliability
            | Self::Credibility
            | Self::StatusFilter
            | Self::Take
            | Self::CopyMenu
            | Self::LinkMenu => Some(Action::NotAChoice),
            _ => None,
        }
    }

    /// The fallback, for help ("other keys: ...").
    pub fn fallback_help(self) -> Option<&'static str> {
        match self {
            Self::Editor => Some("edit the text (arrows, Backspace, Enter...)"),
            Self::ClaimForm => Some(
                "type into the field; on an actor field a letter opens its picker, Backspace removes the last",
            ),
            Self::ActorForm => Some("type the name or id; Space on the kind: next kind"),
            Self::Search => Some("type to filter the claims"),
            Self::OrphanTarget => Some("type part of the claim's id or text"),
            Self::Palette => Some(
                "type to narrow the actions, or a command: sort, view, query, save-view, export",
            ),
            Self::Picker => Some("type to narrow the list"),
            Self::ItemForm => Some("type into the field"),
            Self::Reliability
            | Self::Credibility
            | Self::StatusFilter
            | Self::Take
            | Self::CopyMenu
            | Self::LinkMenu => Some("cancel"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub scope: Scope,
    pub key: Key,
    pub action: Action,
    pub help: &'static str,
    /// Collapses a run of bindings into one help row ("1-7").
    pub group: Option<&'static str>,
}

/// The bindings in force: the defaults with the settings file's overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: default_bindings(),
        }
    }
}

impl Keymap {
    /// The defaults plus the user's bindings (a binding for a key already
    /// bound in its scope replaces it). Every problem is reported, none is
    /// ignored.
    pub fn with_overrides(overrides: &[KeyBinding]) -> Result<Self, Vec<String>> {
        let mut map = Self::default();
        let defaults = default_bindings();
        let mut errors = Vec::new();
        for o in overrides {
            let Some(scope) = Scope::from_name(&o.scope) else {
                let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
                errors.push(format!(
                    "unknown scope \"{}\" ({})",
                    o.scope,
                    names.join(", ")
                ));
                continue;
            };
            let Some(key) = Key::parse(&o.key) else {
                errors.push(format!(
                    "unknown key \"{}\" (e.g. \"v\", \"ctrl-x\", \"enter\", \"f5\")",
                    o.key
                ));
                continue;
            };
            let Some(action) = parse_action(&o.action) else {
                errors.push(format!(
                    "unknown action \"{}\" (`claimtrack keys --actions` lists them)",
                    o.action
                ));
                continue;
            };
            // Same words in help as the default key for this action.
            let help = defaults
                .iter()
                .find(|b| b.action == action)
                .map_or("(your binding)", |b| b.help);
            let key = key.normalized();
            map.bindings.retain(|b| !(b.scope == scope && b.key == key));
            map.bindings.push(Binding {
                scope,
                key,
                action,
                help,
                group: None,
            });
        }
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(errors)
        }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action for `key` in `scopes` (searched in order), else the
    /// innermost scope's fallback.
    pub fn lookup(&self, scopes: &[Scope], key: Key) -> Option<Action> {
        let k = key.normalized();
        scopes
            .iter()
            .find_map(|&scope| {
                self.bindings
                    .iter()
                    .find(|b| b.scope == scope && b.key == k)
                    .map(|b| b.action.clone())
            })
            .or_else(|| scopes.first().and_then(|s| s.fallback(key)))
    }

    /// One help row per action (or group) in a scope: ("j/↓", "move down").
    pub fn help_rows(&self, scope: Scope) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        let mut seen_groups: Vec<&str> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.scope == scope) {
            if let Some(g) = b.group {
                if !seen_groups.contains(&g) {
                    seen_groups.push(g);
                    rows.push((g.to_string(), b.help));
                }
                continue;
            }
            match rows.iter_mut().find(|(_, h)| *h == b.help) {
                Some((keys, _)) => {
                    keys.push('/');
                    keys.push_str(&b.key.to_string());
                }
                None => rows.push((b.key.to_string(), b.help)),
            }
        }
        if let Some(help) = scope.fallback_help() {
            rows.push(("other keys".into(), help));
        }
        rows
    }

    /// The first key bound to `action` in `scope`, for hints ("Ctrl-S").
    pub fn key_for(&self, scope: Scope, action: &Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.action == *action)
            .map(|b| b.key)
    }

    /// "Ctrl-S save": the key for `action` in `scope` and a word, for
    /// titles and hints (empty when the user unbound it).
    pub fn hint(&self, scope: Scope, action: &Action, word: &str) -> String {
        self.key_for(scope, action)
            .map_or_else(String::new, |k| format!("{k} {word}"))
    }

    /// The key map as a Markdown table (for the README; a test keeps them in sync).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| where | keys | action |\n|---|---|---|\n");
        for scope in Scope::ALL {
            for (keys, help) in self.help_rows(scope) {
                let keys = keys.replace('|', "\\|");
                out.push_str(&format!("| {} | `{keys}` | {help} |\n", scope.title()));
            }
        }
        out
    }
}

/// An action by its settings-file name: its serde form in RON
/// ("Quit", "SetStatus(Verified)", "SetCredibility(Some(3))").
pub fn parse_action(name: &str) -> Option<Action> {
    ron::from_str::<Action>(name).ok()
}

/// The settings-file name of an action (see [`parse_action`]).
pub fn action_name(action: &Action) -> String {
    ron::to_string(action).unwrap_or_else(|_| format!("{action:?}"))
}

/// Every action a key can be bound to, by the name the settings file uses.
pub fn action_names() -> Vec<String> {
    let mut names: Vec<String> = default_bindings()
        .iter()
        .map(|b| action_name(&b.action))
        .collect();
    names.sort();
    names.dedup();
    names
}

const fn ch(c: char) -> Key {
    Key::char(c)
}

const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}

const fn k(code: KeyCode) -> Key {
    Key::new(code)
}

fn b(scope: Scope, key: Key, action: Action, help: &'static str) -> Binding {
    Binding {
        scope,
        key,
        action,
        help,
        group: None,
    }
}

fn grouped(
    group: &'static str,
    scope: Scope,
    key: Key,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        group: Some(group),
        ..b(scope, key, action, help)
    }
}

/// The default table, one binding per line, in the order help shows them.
#[rustfmt::skip]
fn default_bindings() -> Vec<Binding> {
    use Action as A;
    use KeyCode::*;
    use Scope::*;
    let mut t = vec![
        b(Global, ch('q'), A::Quit, "quit"),
        b(Global, ctrl('c'), A::Quit, "quit"),
        b(Global, k(Tab), A::FocusNext, "next pane"),
        b(Global, k(BackTab), A::FocusPrev, "previous pane"),
        b(Global, ch('j'), A::Down, "move down"),
        b(Global, k(Down), A::Down, "move down"),
        b(Global, ch('k'), A::Up, "move up"),
        b(Global, k(Up), A::Up, "move up"),
        b(Global, ch('g'), A::Top, "go to top"),
        b(Global, k(Home), A::Top, "go to top"),
        b(Global, ch('G'), A::Bottom, "go to bottom"),
        b(Global, k(End), A::Bottom, "go to bottom"),
        b(Global, k(PageUp), A::PageUp, "page up"),
        b(Global, k(PageDown), A::PageDown, "page down"),
        b(Global, k(Enter), A::Open, "open / select"),
        b(Global, k(Esc), A::Back, "back, clear search and filters"),
        b(Global, ch('/'), A::SearchStart, "fuzzy search claims"),
        b(Global, ch('n'), A::NextMatch, "next match"),
        b(Global, ch('N'), A::PrevMatch, "previous match"),
        b(Global, ch('f'), A::ChordStatusFilter, "filter by status (then 1-7, 0 clears)"),
        b(Global, ch('#'), A::OpenPicker(PickKind::Tag), "filter by tags (a picker)"),
        b(Global, ch('A'), A::OpenPicker(PickKind::Article), "filter by articles (a picker)"),
        b(Global, ch('B'), A::OpenPicker(PickKind::ReadArticle), "read an article: every article, with its claim count"),
        b(Global, ch('@'), A::OpenPicker(PickKind::Actor), "filter by actors (a picker)"),
        b(Global, ch('S'), A::OpenPicker(PickKind::Status), "filter by statuses (a picker)"),
        b(Global, ch('v'), A::OpenPicker(PickKind::View), "show a saved view (a picker)"),
        b(Global, ch('V'), A::SaveViewPrompt, "save the current filters and query as a view"),
        b(Global, ch(':'), A::OpenPalette, "command palette: every action, sort, view, query…"),
        b(Global, ctrl('p'), A::OpenPalette, "command palette: every action, sort, view, query…"),
        b(Global, ch('x'), A::ClearFilters, "clear all filters"),
        b(Global, ch('?'), A::ToggleHelp, "help"),
        b(Global, ch('Z'), A::ToggleZoom, "maximise the focused pane (again: back)"),
        b(Global, ch('E'), A::Export, "export the shown claims (Markdown)"),
        b(Global, ch('O'), A::ToggleOrphans, "annotations of claims no longer in the dataset"),
        b(Global, ch('D'), A::DeleteItem, "delete the highlighted claim/actor/event (asks)"),
        b(Global, k(Delete), A::DeleteItem, "delete the highlighted claim/actor/event (asks)"),
        b(Global, ctrl('e'), A::EditItem, "edit the highlighted claim/actor/event (a form)"),

        b(Actors, ch('i'), A::ToggleSubActors, "include sub-actors (part_of)"),
        b(Actors, ch('u'), A::Undo, "undo"),
        b(Actors, ctrl('r'), A::Redo, "redo"),

        b(Claims, ch('s'), A::CycleSort, "cycle sort: dataset, date, claimant, status"),
        b(Claims, ch(' '), A::ToggleMark, "mark / unmark for bulk edits"),
        b(Claims, ch('M'), A::ClearMarks, "unmark all"),
        b(Claims, ch('*'), A::MarkAllShown, "mark all shown"),
        b(Claims, ch('r'), A::ChordReliability, "grade source reliability (then A-F, 0 clears)"),
        b(Claims, ch('c'), A::ChordCredibility, "grade credibility (then 1-6, 0 clears)"),
        b(Claims, ch('y'), A::CopyClaim(CopyWhat::Citation), "copy the claim as a citation"),
        b(Claims, ch('Y'), A::OpenCopyMenu, "copy… (quote, text, id, URL, Markdown)"),
        b(Claims, ch('o'), A::OpenLinks, "open its evidence link or article URL"),
        b(Claims, ch('a'), A::OpenEditor(EditorField::Note), "edit note"),
        b(Claims, ch('e'), A::OpenEditor(EditorField::Evidence), "edit evidence links"),
        b(Claims, ch('t'), A::OpenEditor(EditorField::Tags), "edit tags"),
        b(Claims, ch('u'), A::Undo, "undo"),
        b(Claims, ctrl('r'), A::Redo, "redo"),
        b(Claims, ch('H'), A::ToggleHistory, "show change history"),
        b(Claims, ch(']'), A::NextRelated, "walk the related claims, in order"),
        b(Claims, ch('['), A::PrevRelated, "walk the related claims, backwards"),
        b(Claims, ch('>'), A::ToggleAdvance, "toggle advance to next unreviewed"),
        b(Claims, ch('R'), A::RetrySave, "retry saving pending changes"),
        b(Claims, ch('K'), A::ToggleKeepMarks, "keep marks after a bulk edit (toggle)"),
        b(Claims, ch('%'), A::ToggleAgreement, "agreement figures between the analysts (--compare)"),
        b(Claims, ch('T'), A::ChordTake, "adjudicate: take a choice the detail lists (then 1-9)"),
        b(Global, ch('!'), A::ToggleContested, "show only conflicts and disagreements (toggle)"),

        b(Detail, ch('j'), A::Down, "scroll down"),
        b(Detail, k(Down), A::Down, "scroll down"),
        b(Detail, ch('k'), A::Up, "scroll up"),
        b(Detail, k(Up), A::Up, "scroll up"),
        b(Detail, k(PageDown), A::PageDown, "page down"),
        b(Detail, k(PageUp), A::PageUp, "page up"),
        b(Detail, ch('g'), A::Top, "top"),
        b(Detail, k(Home), A::Top, "top"),
        b(Detail, ch('G'), A::Bottom, "bottom"),
        b(Detail, k(End), A::Bottom, "bottom"),

        b(Timeline, ch('+'), A::ZoomIn, "zoom in"),
        b(Timeline, ch('='), A::ZoomIn, "zoom in"),
        b(Timeline, ch('-'), A::ZoomOut, "zoom out"),
        b(Timeline, ch('z'), A::ZoomOut, "zoom out"),
        b(Timeline, ch('h'), A::PanLeft, "pan earlier"),
        b(Timeline, k(Left), A::PanLeft, "pan earlier"),
        b(Timeline, ch('l'), A::PanRight, "pan later"),
        b(Timeline, k(Right), A::PanRight, "pan later"),
        b(Timeline, ch('t'), A::JumpToSelected, "jump to the selected item"),
        b(Timeline, ch('F'), A::FitTimeline, "fit the whole timeline"),
        b(Timeline, ch('o'), A::ToggleTimelineOrder, "order claims by said / published"),
        b(Timeline, ch('L'), A::ToggleLanes, "lanes per claimant"),

        b(Reader, ch('v'), A::ToggleVisual, "select (visual, in one paragraph; or drag)"),
        b(Reader, ch('c'), A::NewClaim, "new claim from the selection"),
        b(Reader, ch('n'), A::NextMatch, "next quote"),
        b(Reader, ch('N'), A::PrevMatch, "previous quote"),
        b(Reader, k(Enter), A::Open, "select the current quote's claim"),
        b(Reader, k(Esc), A::Back, "end the selection, else back"),
        b(Reader, ch('q'), A::Back, "back"),
        b(Reader, ch('B'), A::OpenPicker(PickKind::ReadArticle), "read another article"),
        b(Reader, ch('j'), A::ReaderMove(Motion::Down), "cursor down a line"),
        b(Reader, k(Down), A::ReaderMove(Motion::Down), "cursor down a line"),
        b(Reader, ch('k'), A::ReaderMove(Motion::Up), "cursor up a line"),
        b(Reader, k(Up), A::ReaderMove(Motion::Up), "cursor up a line"),
        b(Reader, ch('h'), A::ReaderMove(Motion::Left), "cursor left"),
        b(Reader, k(Left), A::ReaderMove(Motion::Left), "cursor left"),
        b(Reader, ch('l'), A::ReaderMove(Motion::Right), "cursor right"),
        b(Reader, k(Right), A::ReaderMove(Motion::Right), "cursor right"),
        b(Reader, ch('w'), A::ReaderMove(Motion::WordNext), "next word"),
        b(Reader, ch('b'), A::ReaderMove(Motion::WordBack), "previous word"),
        b(Reader, ch('e'), A::ReaderMove(Motion::WordEnd), "end of word"),
        b(Reader, ch('0'), A::ReaderMove(Motion::LineStart), "start of the line"),
        b(Reader, ch('$'), A::ReaderMove(Motion::LineEnd), "end of the line"),
        b(Reader, k(PageDown), A::ReaderMove(Motion::PageDown), "page down"),
        b(Reader, k(PageUp), A::ReaderMove(Motion::PageUp), "page up"),
        b(Reader, ch('g'), A::ReaderMove(Motion::Top), "top"),
        b(Reader, ch('G'), A::ReaderMove(Motion::Bottom), "bottom"),
        b(Reader, ch('?'), A::ToggleHelp, "help"),
        b(Reader, ctrl('c'), A::Quit, "quit"),

        b(Help, k(Esc), A::ToggleHelp, "close help"),
        b(Help, ch('?'), A::ToggleHelp, "close help"),
        b(Help, ch('q'), A::ToggleHelp, "close help"),
        b(Help, ch('j'), A::Down, "scroll down"),
        b(Help, k(Down), A::Down, "scroll down"),
        b(Help, ch('k'), A::Up, "scroll up"),
        b(Help, k(Up), A::Up, "scroll up"),
        b(Help, k(PageDown), A::PageDown, "page down"),
        b(Help, k(PageUp), A::PageUp, "page up"),
        b(Help, ch('g'), A::Top, "top"),
        b(Help, ch('G'), A::Bottom, "bottom"),
        b(Help, ctrl('c'), A::Quit, "quit"),

        b(Reliability, k(Esc), A::Cancel, "cancel"),
        b(Reliability, ch('0'), A::SetReliability(None), "clear reliability"),
        b(Reliability, ctrl('c'), A::Quit, "quit"),
        b(Credibility, k(Esc), A::Cancel, "cancel"),
        b(Credibility, ch('0'), A::SetCredibility(None), "clear credibility"),
        b(Credibility, ctrl('c'), A::Quit, "quit"),
        b(StatusFilter, k(Esc), A::Cancel, "cancel"),
        b(StatusFilter, ch('0'), A::FilterStatus(None), "any status"),
        b(StatusFilter, ctrl('c'), A::Quit, "quit"),
        b(Take, ch('s'), A::TakeOnly(VerdictPart::Status), "only the status (then 1-9)"),
        b(Take, ch('g'), A::TakeOnly(VerdictPart::Grading), "only the grading (then 1-9)"),
        b(Take, ch('a'), A::TakeOnly(VerdictPart::Note), "only the note (then 1-9)"),
        b(Take, ch('e'), A::TakeOnly(VerdictPart::Evidence), "only the evidence (then 1-9)"),
        b(Take, k(Esc), A::Cancel, "cancel"),
        b(Take, ctrl('c'), A::Quit, "quit"),

        b(Search, k(Enter), A::SearchAccept, "keep the search"),
        b(Search, k(Esc), A::Back, "clear the search"),
        b(Search, k(Backspace), A::SearchInput(InputKey::Backspace), "delete a character"),
        b(Search, ctrl('w'), A::SearchInput(InputKey::DeleteWord), "delete a word"),
        b(Search, ctrl('u'), A::SearchInput(InputKey::Clear), "delete all"),
        b(Search, k(Down), A::Down, "next match"),
        b(Search, ctrl('n'), A::Down, "next match"),
        b(Search, k(Up), A::Up, "previous match"),
        b(Search, ctrl('p'), A::Up, "previous match"),
        b(Search, ctrl('c'), A::Quit, "quit"),

        b(Editor, ctrl('s'), A::EditorSave, "save"),
        b(Editor, k(Esc), A::EditorCancel, "close (asks if changed)"),

        b(CopyMenu, ch('c'), A::CopyClaim(CopyWhat::Citation), "the citation"),
        b(CopyMenu, ch('q'), A::CopyClaim(CopyWhat::Quote), "the quote only"),
        b(CopyMenu, ch('t'), A::CopyClaim(CopyWhat::ClaimText), "the claim text"),
        b(CopyMenu, ch('i'), A::CopyClaim(CopyWhat::Id), "the claim id"),
        b(CopyMenu, ch('u'), A::CopyClaim(CopyWhat::ArticleUrl), "the article URL"),
        b(CopyMenu, ch('m'), A::CopyClaim(CopyWhat::Markdown), "the claim as Markdown"),

        b(DiscardEdit, ch('y'), A::EditorDiscard, "discard the changes"),
        b(DiscardEdit, ch('n'), A::EditorKeepEditing, "keep editing"),
        b(DiscardEdit, k(Esc), A::EditorKeepEditing, "keep editing"),
        b(DiscardEdit, ctrl('s'), A::EditorSave, "save"),

        b(Unsaved, ch('r'), A::QuitRetry, "retry saving (quit if it works)"),
        b(Unsaved, ch('w'), A::QuitRescue, "write a rescue copy elsewhere, then quit"),
        b(Unsaved, ch('d'), A::QuitDiscard, "discard the unsaved changes and quit"),
        b(Unsaved, k(Esc), A::QuitCancel, "cancel: keep working"),
        b(Unsaved, ch('c'), A::QuitCancel, "cancel: keep working"),

        b(ConfirmDelete, ch('y'), A::DeleteConfirm, "delete it (u undoes)"),
        b(ConfirmDelete, ch('n'), A::DeleteCancel, "keep it"),
        b(ConfirmDelete, k(Esc), A::DeleteCancel, "keep it"),
        b(ConfirmDelete, ctrl('c'), A::Quit, "quit"),

        b(ItemForm, ctrl('s'), A::ItemFormSave, "save to the dataset file (checked as claimtrack check does)"),
        b(ItemForm, k(Esc), A::ItemFormCancel, "cancel (asks if changed)"),
        b(ItemForm, k(Tab), A::ItemFormNext, "next field"),
        b(ItemForm, k(Down), A::ItemFormNext, "next field"),
        b(ItemForm, k(Enter), A::ItemFormNext, "next field"),
        b(ItemForm, k(BackTab), A::ItemFormPrev, "previous field"),
        b(ItemForm, k(Up), A::ItemFormPrev, "previous field"),
        b(ItemForm, ctrl('t'), A::ItemFormCycle, "kind: the next one"),
        b(ItemForm, k(Backspace), A::ItemFormInput(InputKey::Backspace), "delete a character"),
        b(ItemForm, ctrl('w'), A::ItemFormInput(InputKey::DeleteWord), "delete a word"),
        b(ItemForm, ctrl('u'), A::ItemFormInput(InputKey::Clear), "clear the field"),
        b(ItemForm, ctrl('c'), A::Quit, "quit"),

        b(DiscardItemForm, ch('y'), A::ItemFormDiscard, "discard the changes"),
        b(DiscardItemForm, ch('n'), A::ItemFormKeepEditing, "keep editing"),
        b(DiscardItemForm, k(Esc), A::ItemFormKeepEditing, "keep editing"),
        b(DiscardItemForm, ctrl('s'), A::ItemFormSave, "save"),

        b(Rescue, ch('m'), A::RescueMerge, "merge it into your annotations"),
        b(Rescue, ch('n'), A::RescueDecline, "do not merge (kept as .declined, not asked again)"),
        b(Rescue, k(Esc), A::RescueLater, "ask again at the next start"),

        b(Agreement, k(Tab), A::AgreementNextField, "next field: status, reliability, credibility"),
        b(Agreement, k(Esc), A::ToggleAgreement, "close"),
        b(Agreement, ch('%'), A::ToggleAgreement, "close"),
        b(Agreement, ch('q'), A::ToggleAgreement, "close"),
        b(Agreement, ctrl('c'), A::Quit, "quit"),
        b(Orphans, ch('j'), A::OrphansDown, "move down"),
        b(Orphans, k(Down), A::OrphansDown, "move down"),
        b(Orphans, ch('k'), A::OrphansUp, "move up"),
        b(Orphans, k(Up), A::OrphansUp, "move up"),
        b(Orphans, k(Enter), A::OrphansPick, "re-attach it to a claim of the dataset"),
        b(Orphans, k(Esc), A::ToggleOrphans, "close"),
        b(Orphans, ch('O'), A::ToggleOrphans, "close"),
        b(Orphans, ch('q'), A::ToggleOrphans, "close"),
        b(Orphans, ctrl('c'), A::Quit, "quit"),

        b(OrphanTarget, k(Enter), A::OrphansReattach, "re-attach to the highlighted claim (recorded in history)"),
        b(OrphanTarget, k(Esc), A::OrphansTargetCancel, "back to the list"),
        b(OrphanTarget, k(Down), A::OrphansDown, "next claim"),
        b(OrphanTarget, k(Up), A::OrphansUp, "previous claim"),
        b(OrphanTarget, k(Backspace), A::OrphansTargetInput(InputKey::Backspace), "delete a character"),
        b(OrphanTarget, ctrl('u'), A::OrphansTargetInput(InputKey::Clear), "delete all"),
        b(OrphanTarget, ctrl('c'), A::Quit, "quit"),

        b(Palette, k(Enter), A::PaletteRun, "run it (a command: complete it)"),
        b(Palette, k(Tab), A::PaletteComplete, "complete the highlighted entry"),
        b(Palette, k(Esc), A::CloseList, "close"),
        b(Palette, k(Down), A::ListDown, "next entry"),
        b(Palette, ctrl('n'), A::ListDown, "next entry"),
        b(Palette, k(Up), A::ListUp, "previous entry"),
        b(Palette, ctrl('p'), A::ListUp, "previous entry"),
        b(Palette, k(Backspace), A::PaletteInput(InputKey::Backspace), "delete a character"),
        b(Palette, ctrl('w'), A::PaletteInput(InputKey::DeleteWord), "delete a word"),
        b(Palette, ctrl('u'), A::PaletteInput(InputKey::Clear), "delete all"),
        b(Palette, ctrl('c'), A::Quit, "quit"),

        b(Picker, k(Enter), A::PickerAccept, "pick the selected (or the highlighted)"),
        b(Picker, ch(' '), A::PickerToggle, "select / unselect (several are ORed)"),
        b(Picker, k(Esc), A::CloseList, "close"),
        b(Picker, k(Down), A::ListDown, "next"),
        b(Picker, ctrl('n'), A::ListDown, "next"),
        b(Picker, k(Up), A::ListUp, "previous"),
        b(Picker, ctrl('p'), A::ListUp, "previous"),
        b(Picker, k(Backspace), A::PickerInput(InputKey::Backspace), "delete a character"),
        b(Picker, ctrl('w'), A::PickerInput(InputKey::DeleteWord), "delete a word"),
        b(Picker, ctrl('u'), A::PickerInput(InputKey::Clear), "delete all"),
        b(Picker, ctrl('c'), A::Quit, "quit"),

        b(ClaimForm, ctrl('s'), A::FormSave, "save to the dataset file"),
        b(ClaimForm, k(Esc), A::FormCancel, "cancel (asks if changed)"),
        b(ClaimForm, k(Tab), A::FormNext, "next field"),
        b(ClaimForm, k(Down), A::FormNext, "next field"),
        b(ClaimForm, k(BackTab), A::FormPrev, "previous field"),
        b(ClaimForm, k(Up), A::FormPrev, "previous field"),
        b(ClaimForm, k(Enter), A::FormEnter, "pick an actor (or new actor…), next stance, next field"),
        b(ClaimForm, ctrl('t'), A::FormCycle, "next stance"),
        b(ClaimForm, ctrl('c'), A::Quit, "quit"),

        b(ActorForm, k(Enter), A::ActorFormAdd, "add the actor (written with the claim)"),
        b(ActorForm, k(Esc), A::ActorFormCancel, "back to the form"),
        b(ActorForm, k(Tab), A::FormNext, "next field"),
        b(ActorForm, k(Down), A::FormNext, "next field"),
        b(ActorForm, k(BackTab), A::FormPrev, "previous field"),
        b(ActorForm, k(Up), A::FormPrev, "previous field"),
        b(ActorForm, ctrl('t'), A::FormCycle, "next kind"),
        b(ActorForm, ctrl('c'), A::Quit, "quit"),

        b(DiscardForm, ch('y'), A::FormDiscard, "discard the new claim"),
        b(DiscardForm, ch('n'), A::FormKeepEditing, "keep editing"),
        b(DiscardForm, k(Esc), A::FormKeepEditing, "keep editing"),
        b(DiscardForm, ctrl('s'), A::FormSave, "save"),
    ];
    for n in 1..=9u8 {
        t.push(grouped("1-9", LinkMenu, ch(char::from(b'0' + n)), A::OpenLink(usize::from(n)), "open that link"));
    }
    // The status, grade and filter digits and letters, one run each.
    for s in Status::ALL {
        t.push(grouped("1-7", Claims, ch(s.key()), A::SetStatus(s), "set status (see table)"));
        t.push(grouped("1-7", StatusFilter, ch(s.key()), A::FilterStatus(Some(s)), "show only that status"));
    }
    for (n, key) in (1..=9u8).zip('1'..='9') {
        t.push(grouped("1-9", Take, ch(key), A::Take(n), "take choice N into your annotations"));
    }
    for r in crate::model::Reliability::ALL {
        t.push(grouped("a-f", Reliability, ch(r.letter().to_ascii_lowercase()), A::SetReliability(Some(r)), "reliability A-F"));
        t.push(grouped("A-F", Reliability, ch(r.letter()), A::SetReliability(Some(r)), "reliability A-F"));
    }
    for (n, key) in (1..=6u8).zip('1'..='6') {
        if let Some(c) = crate::model::Credibility::new(n) {
            t.push(grouped("1-6", Credibility, ch(key), A::SetCredibility(Some(c)), "credibility 1-6"));
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_searched_in_order() {
        let m = Keymap::default();
        assert_eq!(
            m.lookup(&[Scope::Claims, Scope::Global], ch('3')),
            Some(Action::SetStatus(Status::Verified))
        );
        assert_eq!(m.lookup(&[Scope::Global], ch('q')), Some(Action::Quit));
        assert_eq!(
            m.lookup(&[Scope::Reader, Scope::Global], ch('q')),
            Some(Action::Back)
        );
        assert_eq!(m.lookup(&[Scope::Global], ch('3')), None);
    }

    #[test]
    fn modal_scopes_fall_back_to_text_and_chords_cancel() {
        let m = Keymap::default();
        assert_eq!(
            m.lookup(&[Scope::Search], ch('q')),
            Some(Action::SearchInput(InputKey::Char('q')))
        );
        assert_eq!(m.lookup(&[Scope::Search], ctrl('x')), None);
        assert_eq!(
            m.lookup(&[Scope::Editor], ch('q')),
            Some(Action::EditorInput(ch('q')))
        );
        assert_eq!(
            m.lookup(&[Scope::Editor], ctrl('s')),
            Some(Action::EditorSave)
        );
        assert_eq!(
            m.lookup(&[Scope::Reliability], ch('z')),
            Some(Action::NotAChoice)
        );
    }

    #[test]
    fn shifted_letters_and_ctrl() {
        let m = Keymap::default();
        let shifted = Key {
            code: KeyCode::Char('G'),
            mods: super::super::key::Mods {
                shift: true,
                ..Default::default()
            },
        };
        assert_eq!(m.lookup(&[Scope::Global], shifted), Some(Action::Bottom));
        assert_eq!(m.lookup(&[Scope::Claims], ctrl('r')), Some(Action::Redo));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        let all = Keymap::default().bindings;
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(
                    !(a.scope == b.scope && a.key == b.key),
                    "{:?} {} bound twice",
                    a.scope,
                    a.key
                );
            }
        }
    }

    #[test]
    fn every_bound_action_has_a_name_that_parses_back() {
        for b in Keymap::default().bindings {
            let name = action_name(&b.action);
            assert_eq!(parse_action(&name), Some(b.action.clone()), "{name}");
        }
        let names = action_names();
        assert!(
            names.contains(&"SetStatus(Verified)".to_string()),
            "{names:?}"
        );
        assert!(names.contains(&"Quit".to_string()));
        assert!(
            names.contains(&"SetCredibility(Some(3))".to_string()),
            "{names:?}"
        );
        // What the terminal sends is not something a key can be bound to.
        assert_eq!(parse_action("Paste(\"x\")"), None);
        assert_eq!(parse_action("Tick"), None);
    }

    #[test]
    fn overrides_replace_and_add_in_any_scope() {
        let kb = |scope: &str, key: &str, action: &str| KeyBinding {
            scope: scope.into(),
            key: key.into(),
            action: action.into(),
        };
        let m = Keymap::with_overrides(&[
            kb("claims", "v", "SetStatus(Verified)"),
            kb("reliability", "x", "SetReliability(Some(F))"),
            kb("editor", "ctrl-w", "EditorSave"),
        ])
        .expect("good bindings");
        assert_eq!(
            m.lookup(&[Scope::Claims], ch('v')),
            Some(Action::SetStatus(Status::Verified))
        );
        assert_eq!(
            m.lookup(&[Scope::Reliability], ch('x')),
            Some(Action::SetReliability(Some(crate::model::Reliability::F)))
        );
        assert_eq!(
            m.lookup(&[Scope::Editor], ctrl('w')),
            Some(Action::EditorSave)
        );
    }

    #[test]
    fn bad_overrides_are_all_reported() {
        let kb = |scope: &str, key: &str, action: &str| KeyBinding {
            scope: scope.into(),
            key: key.into(),
            action: action.into(),
        };
        let errs = Keymap::with_overrides(&[
            kb("nowhere", "v", "Quit"),
            kb("claims", "hyper-v", "Quit"),
            kb("claims", "v", "Fly"),
        ])
        .expect_err("bad");
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].contains("scope") && errs[1].contains("key") && errs[2].contains("action"));
    }

    #[test]
    fn help_groups_keys_of_one_action() {
        let m = Keymap::default();
        let rows = m.help_rows(Scope::Global);
        assert!(
            rows.iter().any(|(k, h)| k == "j/↓" && *h == "move down"),
            "{rows:?}"
        );
        assert!(m.help_rows(Scope::Claims).iter().any(|(k, _)| k == "1-7"));
        assert!(
            m.help_rows(Scope::Editor)
                .iter()
                .any(|(k, h)| k == "Ctrl-S" && *h == "save")
        );
    }
}
