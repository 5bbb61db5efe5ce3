//! The one keymap table: keys → named actions, per scope. The help overlay,
//! the hint bar, the README key table and the tests all read this table.

use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, EditorField};
use crate::model::Status;

/// Where a binding applies. Focus decides the scope (see `AppState::scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Any main pane.
    Global,
    Actors,
    Claims,
    Timeline,
    Reader,
    Help,
    /// After `r`: a reliability letter.
    Reliability,
    /// After `c`: a credibility digit.
    Credibility,
    /// After `f`: a status digit to filter by.
    StatusFilter,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Actors => "Actors pane",
            Self::Claims => "Claims pane (and detail)",
            Self::Timeline => "Timeline pane",
            Self::Reader => "Article reader",
            Self::Help => "Help",
            Self::Reliability => "After r",
            Self::Credibility => "After c",
            Self::StatusFilter => "After f",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub help: &'static str,
    /// Collapses a run of bindings into one help row ("1-7").
    pub group: Option<&'static str>,
}

impl Binding {
    pub fn key_label(&self) -> String {
        key_label(self.code, self.mods)
    }
}

pub fn key_label(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

fn b(scope: Scope, code: KeyCode, action: Action, help: &'static str) -> Binding {
    Binding {
        scope,
        code,
        mods: KeyModifiers::NONE,
        action,
        help,
        group: None,
    }
}

fn ctrl(scope: Scope, c: char, action: Action, help: &'static str) -> Binding {
    Binding {
        scope,
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        action,
        help,
        group: None,
    }
}

fn grouped(mut binding: Binding, group: &'static str) -> Binding {
    binding.group = Some(group);
    binding
}

static TABLE: OnceLock<Vec<Binding>> = OnceLock::new();

/// The bindings in force, in the order help shows them: the defaults, with
/// the settings file's overrides if [`install`] was called first.
pub fn bindings() -> &'static [Binding] {
    TABLE.get_or_init(default_bindings)
}

/// Every action a key can be bound to, by the name the settings file uses.
pub fn action_names() -> Vec<String> {
    let mut names: Vec<String> = default_bindings()
        .iter()
        .map(|b| format!("{:?}", b.action))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Checks the user's bindings and makes the table the defaults plus them (a
/// binding for a key already bound in its scope replaces it). Call once,
/// before the first key; every problem is reported, none is ignored.
pub fn install(overrides: &[crate::model::config::KeyBinding]) -> Result<(), Vec<String>> {
    let mut table = default_bindings();
    let mut errors = Vec::new();
    for o in overrides {
        let scope = match parse_scope(&o.scope) {
            Some(s) => s,
            None => {
                errors.push(format!(
                    "unknown scope \"{}\" (global, actors, claims, timeline, reader, help)",
                    o.scope
                ));
                continue;
            }
        };
        let Some((code, mods)) = parse_key(&o.key) else {
            errors.push(format!(
                "unknown key \"{}\" (e.g. \"v\", \"ctrl-x\", \"enter\", \"f5\")",
                o.key
            ));
            continue;
        };
        let Some(default) = default_bindings()
            .into_iter()
            .find(|b| format!("{:?}", b.action) == o.action)
        else {
            errors.push(format!(
                "unknown action \"{}\" (`claimtrack keys --actions` lists them)",
                o.action
            ));
            continue;
        };
        table.retain(|b| !(b.scope == scope && b.code == code && b.mods == mods));
        // Same words in help as the default key for this action.
        table.push(Binding {
            scope,
            code,
            mods,
            action: default.action,
            help: default.help,
            group: None,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Already set (a second call): the first table stays, as keys were read with it.
    let _ = TABLE.set(table);
    Ok(())
}

fn parse_scope(s: &str) -> Option<Scope> {
    Some(match s.to_ascii_lowercase().as_str() {
        "global" => Scope::Global,
        "actors" => Scope::Actors,
        "claims" => Scope::Claims,
        "timeline" => Scope::Timeline,
        "reader" => Scope::Reader,
        "help" => Scope::Help,
        _ => return None,
    })
}

/// "v", "V", "ctrl-x", "enter", "space", "pgdn", "f5"...
pub fn parse_key(s: &str) -> Option<(KeyCode, KeyModifiers)> {
    let (mods, name) = match s.strip_prefix("ctrl-").or_else(|| s.strip_prefix("Ctrl-")) {
        Some(rest) => (KeyModifiers::CONTROL, rest),
        None => (KeyModifiers::NONE, s),
    };
    let mut chars = name.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
            c.to_ascii_lowercase()
        } else {
            c
        }),
        _ => match name.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            f if f.starts_with('f') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ => return None,
        },
    };
    Some((code, mods))
}

fn default_bindings() -> Vec<Binding> {
    use KeyCode::*;
    use Scope::*;
    let ch = Char;
    let mut t = vec![
        b(Global, ch('q'), Action::Quit, "quit"),
        ctrl(Global, 'c', Action::Quit, "quit"),
        b(Global, Tab, Action::FocusNext, "next pane"),
        b(Global, BackTab, Action::FocusPrev, "previous pane"),
        b(Global, ch('j'), Action::Down, "move down"),
        b(Global, Down, Action::Down, "move down"),
        b(Global, ch('k'), Action::Up, "move up"),
        b(Global, Up, Action::Up, "move up"),
        b(Global, ch('g'), Action::Top, "go to top"),
        b(Global, Home, Action::Top, "go to top"),
        b(Global, ch('G'), Action::Bottom, "go to bottom"),
        b(Global, End, Action::Bottom, "go to bottom"),
        b(Global, PageUp, Action::PageUp, "page up"),
        b(Global, PageDown, Action::PageDown, "page down"),
        b(Global, Enter, Action::Open, "open / select"),
        b(Global, Esc, Action::Back, "back, clear search and filters"),
        b(Global, ch('/'), Action::SearchStart, "fuzzy search claims"),
        b(Global, ch('n'), Action::NextMatch, "next match"),
        b(Global, ch('N'), Action::PrevMatch, "previous match"),
        b(
            Global,
            ch('f'),
            Action::ChordStatusFilter,
            "filter by status (then 1-7, 0 clears)",
        ),
        b(Global, ch('#'), Action::CycleTagFilter, "cycle tag filter"),
        b(
            Global,
            ch('A'),
            Action::CycleArticleFilter,
            "cycle article filter",
        ),
        b(Global, ch('x'), Action::ClearFilters, "clear all filters"),
        b(Global, ch('?'), Action::ToggleHelp, "help"),
        b(
            Global,
            ch('E'),
            Action::Export,
            "export the shown claims (Markdown)",
        ),
        b(
            Actors,
            ch('i'),
            Action::ToggleSubActors,
            "include sub-actors (part_of)",
        ),
        b(
            Claims,
            ch('s'),
            Action::CycleSort,
            "cycle sort: dataset, date, claimant, status",
        ),
        b(
            Claims,
            ch(' '),
            Action::ToggleMark,
            "mark / unmark for bulk edits",
        ),
        b(Claims, ch('M'), Action::ClearMarks, "clear marks"),
        b(
            Claims,
            ch('r'),
            Action::ChordReliability,
            "grade source reliability (then A-F, 0 clears)",
        ),
        b(
            Claims,
            ch('c'),
            Action::ChordCredibility,
            "grade credibility (then 1-6, 0 clears)",
        ),
        b(
            Claims,
            ch('a'),
            Action::OpenEditor(EditorField::Note),
            "edit note",
        ),
        b(
            Claims,
            ch('e'),
            Action::OpenEditor(EditorField::Evidence),
            "edit evidence links",
        ),
        b(
            Claims,
            ch('t'),
            Action::OpenEditor(EditorField::Tags),
            "edit tags",
        ),
        b(Claims, ch('u'), Action::Undo, "undo"),
        ctrl(Claims, 'r', Action::Redo, "redo"),
        b(
            Claims,
            ch('H'),
            Action::ToggleHistory,
            "show change history",
        ),
        b(
            Claims,
            ch(']'),
            Action::NextRelated,
            "go to next related claim",
        ),
        b(
            Claims,
            ch('>'),
            Action::ToggleAdvance,
            "toggle advance to next unreviewed",
        ),
        b(
            Claims,
            ch('R'),
            Action::RetrySave,
            "retry saving pending changes",
        ),
        b(Timeline, ch('+'), Action::ZoomIn, "zoom in"),
        b(Timeline, ch('='), Action::ZoomIn, "zoom in"),
        b(Timeline, ch('-'), Action::ZoomOut, "zoom out"),
        b(Timeline, ch('z'), Action::ZoomOut, "zoom out"),
        b(Timeline, ch('h'), Action::PanLeft, "pan earlier"),
        b(Timeline, Left, Action::PanLeft, "pan earlier"),
        b(Timeline, ch('l'), Action::PanRight, "pan later"),
        b(Timeline, Right, Action::PanRight, "pan later"),
        b(
            Timeline,
            ch('t'),
            Action::JumpToSelected,
            "jump to the selected item",
        ),
        b(
            Timeline,
            ch('o'),
            Action::ToggleTimelineOrder,
            "order claims by said / published",
        ),
        b(Timeline, ch('L'), Action::ToggleLanes, "lanes per claimant"),
        b(Reader, ch('j'), Action::Down, "scroll down"),
        b(Reader, Down, Action::Down, "scroll down"),
        b(Reader, ch('k'), Action::Up, "scroll up"),
        b(Reader, Up, Action::Up, "scroll up"),
        b(Reader, PageDown, Action::PageDown, "page down"),
        b(Reader, PageUp, Action::PageUp, "page up"),
        b(Reader, ch('g'), Action::Top, "top"),
        b(Reader, ch('G'), Action::Bottom, "bottom"),
        b(Reader, ch('n'), Action::NextMatch, "next quote"),
        b(Reader, ch('N'), Action::PrevMatch, "previous quote"),
        b(
            Reader,
            Enter,
            Action::Open,
            "select the current quote's claim",
        ),
        b(Reader, Esc, Action::Back, "back"),
        b(Reader, ch('q'), Action::Back, "back"),
        b(Reader, ch('?'), Action::ToggleHelp, "help"),
        b(Help, Esc, Action::ToggleHelp, "close help"),
        b(Help, ch('?'), Action::ToggleHelp, "close help"),
        b(Help, ch('q'), Action::ToggleHelp, "close help"),
        b(Help, ch('j'), Action::Down, "scroll down"),
        b(Help, Down, Action::Down, "scroll down"),
        b(Help, ch('k'), Action::Up, "scroll up"),
        b(Help, Up, Action::Up, "scroll up"),
        b(Reliability, Esc, Action::Cancel, "cancel"),
        b(Credibility, Esc, Action::Cancel, "cancel"),
        b(StatusFilter, Esc, Action::Cancel, "cancel"),
    ];
    for s in Status::ALL {
        t.push(grouped(
            b(
                Claims,
                ch(s.key()),
                Action::SetStatus(s),
                "set status (see table)",
            ),
            "1-7",
        ));
        t.push(grouped(
            b(
                StatusFilter,
                ch(s.key()),
                Action::FilterStatus(Some(s)),
                "show only that status",
            ),
            "1-7",
        ));
    }
    t.push(b(
        StatusFilter,
        ch('0'),
        Action::FilterStatus(None),
        "any status",
    ));
    for r in crate::model::Reliability::ALL {
        let c = r.letter().to_ascii_lowercase();
        t.push(grouped(
            b(
                Reliability,
                ch(c),
                Action::SetReliability(Some(r)),
                "reliability A-F",
            ),
            "a-f",
        ));
        t.push(grouped(
            b(
                Reliability,
                ch(r.letter()),
                Action::SetReliability(Some(r)),
                "reliability A-F",
            ),
            "A-F",
        ));
    }
    t.push(b(
        Reliability,
        ch('0'),
        Action::SetReliability(None),
        "clear reliability",
    ));
    for n in 1..=6u8 {
        if let Some(c) = crate::model::Credibility::new(n) {
            let key = char::from(b'0' + n);
            t.push(grouped(
                b(
                    Credibility,
                    ch(key),
                    Action::SetCredibility(Some(c)),
                    "credibility 1-6",
                ),
                "1-6",
            ));
        }
    }
    t.push(b(
        Credibility,
        ch('0'),
        Action::SetCredibility(None),
        "clear credibility",
    ));
    t
}

/// The action bound to `key` in `scopes` (searched in order), if any.
pub fn lookup(scopes: &[Scope], key: &KeyEvent) -> Option<Action> {
    // Shifted letters arrive as uppercase with SHIFT; compare without SHIFT.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    scopes.iter().find_map(|&scope| {
        bindings()
            .iter()
            .find(|b| b.scope == scope && b.code == key.code && b.mods == mods)
            .map(|b| b.action.clone())
    })
}

/// One help row per action (or group) in a scope: ("j/↓", "move down").
pub fn help_rows(scope: Scope) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    let mut seen_groups: Vec<&str> = Vec::new();
    for b in bindings().iter().filter(|b| b.scope == scope) {
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
                keys.push_str(&b.key_label());
            }
            None => rows.push((b.key_label(), b.help)),
        }
    }
    rows
}

/// All scopes in help order.
pub const HELP_SCOPES: [Scope; 8] = [
    Scope::Global,
    Scope::Actors,
    Scope::Claims,
    Scope::Timeline,
    Scope::Reader,
    Scope::Reliability,
    Scope::Credibility,
    Scope::StatusFilter,
];

/// The key map as a Markdown table (for the README; a test keeps them in sync).
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | action |\n|---|---|---|\n");
    for scope in HELP_SCOPES {
        for (keys, help) in help_rows(scope) {
            let keys = keys.replace('|', "\\|");
            out.push_str(&format!("| {} | `{keys}` | {help} |\n", scope.title()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn scopes_are_searched_in_order() {
        assert_eq!(
            lookup(&[Scope::Claims, Scope::Global], &key('3')),
            Some(Action::SetStatus(Status::Verified))
        );
        assert_eq!(lookup(&[Scope::Global], &key('q')), Some(Action::Quit));
        assert_eq!(
            lookup(&[Scope::Reader, Scope::Global], &key('q')),
            Some(Action::Back)
        );
        assert_eq!(lookup(&[Scope::Global], &key('3')), None);
    }

    #[test]
    fn shifted_letters_and_ctrl() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Scope::Global], &shifted), Some(Action::Bottom));
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[Scope::Claims], &ctrl_r), Some(Action::Redo));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        let all = bindings();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(
                    !(a.scope == b.scope && a.code == b.code && a.mods == b.mods),
                    "{:?} {} bound twice",
                    a.scope,
                    a.key_label()
                );
            }
        }
    }

    #[test]
    fn keys_and_actions_parse_as_the_settings_file_writes_them() {
        assert_eq!(
            parse_key("v"),
            Some((KeyCode::Char('v'), KeyModifiers::NONE))
        );
        assert_eq!(
            parse_key("ctrl-Q"),
            Some((KeyCode::Char('q'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            parse_key("pgdn"),
            Some((KeyCode::PageDown, KeyModifiers::NONE))
        );
        assert_eq!(parse_key("f5"), Some((KeyCode::F(5), KeyModifiers::NONE)));
        assert_eq!(parse_key("f13"), None);
        assert_eq!(parse_key("hyper-x"), None);
        let names = action_names();
        assert!(
            names.contains(&"SetStatus(Verified)".to_string())
                && names.contains(&"Quit".to_string())
        );
    }

    #[test]
    fn bad_overrides_are_all_reported() {
        use crate::model::config::KeyBinding;
        let kb = |scope: &str, key: &str, action: &str| KeyBinding {
            scope: scope.into(),
            key: key.into(),
            action: action.into(),
        };
        let errs = install(&[
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
        let rows = help_rows(Scope::Global);
        assert!(
            rows.iter().any(|(k, h)| k == "j/↓" && *h == "move down"),
            "{rows:?}"
        );
        assert!(help_rows(Scope::Claims).iter().any(|(k, _)| k == "1-7"));
    }
}
