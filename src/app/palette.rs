//! The command palette (`:`, Ctrl-P): every action of the keymap table with
//! its key and help text, and the commands that take an argument (`sort`,
//! `view`, `query`, `save-view`, `export`), fuzzy-searchable. Its entries are
//! generated from the keymap in force, so it cannot drift from help.

use super::action::{Action, InputKey, SortKey};
use super::fuzzy_list::rank;
use super::keymap::{Keymap, Scope, action_name};
use super::refine::{quote, status_word};
use super::state::AppState;
use crate::model::Status;
use crate::model::query::{FIELDS, Query};

/// A command typed after `:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Sort,
    View,
    Query,
    SaveView,
    Export,
    /// Help opened at one scope's keys.
    Help,
}

impl Command {
    const ALL: [Command; 6] = [
        Self::Query,
        Self::View,
        Self::Sort,
        Self::SaveView,
        Self::Export,
        Self::Help,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Self::Sort => "sort",
            Self::View => "view",
            Self::Query => "query",
            Self::SaveView => "save-view",
            Self::Export => "export",
            Self::Help => "help",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Self::Sort => "sort the claims by dataset, date, claimant or status",
            Self::View => "show a saved view",
            Self::Query => "narrow the claims with the query language (status:false tag:x …)",
            Self::SaveView => "save the current filters and query as a view",
            Self::Export => "export the shown claims (Markdown)",
            Self::Help => "help at one group of keys (a pane, the reader, a box…)",
        }
    }

    fn takes_argument(self) -> bool {
        !matches!(self, Self::Export)
    }
}

/// What Enter on an entry does.
#[derive(Debug, Clone, PartialEq)]
pub enum Run {
    Action(Action),
    Command(Command, String),
    /// Put this text in the input (a command's name, a completion).
    Fill(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The keys that do the same ("r a/A"), or the command (":sort").
    pub keys: String,
    pub help: String,
    /// Where the keys work (a scope's title), or what a completion is.
    pub place: String,
    pub run: Run,
    /// What Tab puts in the input.
    pub fill: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Palette {
    input: String,
    /// The actions and commands (the list when no command is typed).
    base: Vec<Entry>,
    entries: Vec<Entry>,
    shown: Vec<usize>,
    cursor: usize,
    /// Why the typed command cannot run yet (a query's error), shown under the input.
    problem: Option<String>,
}

impl Palette {
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The entries shown, best match first.
    pub fn shown(&self) -> impl Iterator<Item = &Entry> {
        self.shown.iter().filter_map(|&i| self.entries.get(i))
    }

    pub fn shown_len(&self) -> usize {
        self.shown.len()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn current(&self) -> Option<&Entry> {
        self.shown
            .get(self.cursor)
            .and_then(|&i| self.entries.get(i))
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// How many actions and commands it offers in all.
    pub fn total(&self) -> usize {
        self.base.len()
    }
}

/// Chords and menus: their keys are shown after the key that opens them.
const CHORDS: [(Scope, Action); 5] = [
    (Scope::StatusFilter, Action::ChordStatusFilter),
    (Scope::Reliability, Action::ChordReliability),
    (Scope::Credibility, Action::ChordCredibility),
    (Scope::Take, Action::ChordTake),
    (Scope::CopyMenu, Action::OpenCopyMenu),
];

/// One entry per action bound in the panes (and their chords), keys merged,
/// then the commands.
pub fn entries(keymap: &Keymap) -> Vec<Entry> {
    let panes = [Scope::Global, Scope::Actors, Scope::Claims, Scope::Timeline];
    let mut out: Vec<Entry> = Vec::new();
    for b in keymap.bindings() {
        let prefix = if panes.contains(&b.scope) {
            String::new()
        } else if let Some((_, open)) = CHORDS.iter().find(|(s, _)| *s == b.scope) {
            match keymap.bindings().iter().find(|o| o.action == *open) {
                Some(o) => format!("{} ", o.key),
                None => continue,
            }
        } else {
            continue;
        };
        // A chord's Esc and Ctrl-C are not actions of their own.
        let in_chord = !prefix.is_empty();
        if b.action == Action::OpenPalette
            || (in_chord && matches!(b.action, Action::Cancel | Action::Quit))
        {
            continue;
        }
        let keys = format!("{prefix}{}", b.key);
        match out
            .iter_mut()
            .find(|e| e.run == Run::Action(b.action.clone()))
        {
            Some(e) => {
                e.keys.push('/');
                e.keys.push_str(&keys);
            }
            None => out.push(Entry {
                keys,
                help: b.help.to_owned(),
                place: format!("{} · {}", b.scope.title(), action_name(&b.action)),
                run: Run::Action(b.action.clone()),
                fill: None,
            }),
        }
    }
    for c in Command::ALL {
        let fill = format!("{} ", c.word());
        out.push(Entry {
            keys: format!(":{}", c.word()),
            help: c.help().to_owned(),
            place: "command".to_owned(),
            run: if c.takes_argument() {
                Run::Fill(fill.clone())
            } else {
                Run::Command(c, String::new())
            },
            fill: Some(fill),
        });
    }
    // Help is searchable here: one entry per group of help, by its heading.
    for scope in Scope::ALL {
        if keymap.help_rows(scope).is_empty() {
            continue;
        }
        out.push(Entry {
            keys: format!(":help {}", scope.name()),
            help: format!("help: {}", scope.title()),
            place: "help".to_owned(),
            run: Run::Command(Command::Help, scope.name().to_owned()),
            fill: None,
        });
    }
    out
}

/// `("sort", "date")` from "sort date" (a leading `:` is allowed).
fn split_command(input: &str) -> Option<(Command, &str)> {
    let t = input.trim_start().trim_start_matches(':');
    let (word, rest) = t.split_once(' ')?;
    Command::ALL
        .into_iter()
        .find(|c| c.word() == word)
        .map(|c| (c, rest))
}

/// The most completions listed for one value.
const MAX_COMPLETIONS: usize = 50;

impl AppState {
    pub(super) fn open_palette(&mut self, input: &str) {
        let base = entries(&self.keymap);
        let mut p = Palette {
            input: input.to_owned(),
            entries: base.clone(),
            base,
            shown: Vec::new(),
            cursor: 0,
            problem: None,
        };
        self.complete_palette(&mut p);
        self.overlays.palette = Some(p);
    }

    pub(super) fn palette_input(&mut self, k: InputKey) {
        let Some(mut p) = self.overlays.palette.take() else {
            return;
        };
        match k {
            InputKey::Char(c) if !c.is_control() => p.input.push(c),
            InputKey::Char(_) => {}
            InputKey::Backspace => {
                p.input.pop();
            }
            InputKey::DeleteWord => {
                let trimmed = p.input.trim_end().len();
                let cut = p
                    .input
                    .get(..trimmed)
                    .and_then(|s| s.rfind([' ', ',', ':']))
                    .map_or(0, |i| i + 1);
                p.input.truncate(cut);
            }
            InputKey::Clear => p.input.clear(),
        }
        self.complete_palette(&mut p);
        self.overlays.palette = Some(p);
    }

    pub(super) fn palette_step(&mut self, delta: isize) {
        if let Some(p) = &mut self.overlays.palette {
            let n = p.shown.len();
            if n > 0 {
                p.cursor = (p.cursor as isize + delta).rem_euclid(n as isize) as usize;
            }
        }
    }

    /// Tab: the highlighted entry's text into the input.
    pub(super) fn palette_complete(&mut self) {
        let Some(mut p) = self.overlays.palette.take() else {
            return;
        };
        if let Some(fill) = p.current().and_then(|e| e.fill.clone()) {
            p.input = fill;
            self.complete_palette(&mut p);
        }
        self.overlays.palette = Some(p);
    }

    /// Enter: run the highlighted entry; a command without its argument is
    /// completed instead.
    pub(super) fn palette_run(&mut self) {
        let Some(mut p) = self.overlays.palette.take() else {
            return;
        };
        let Some(entry) = p.current().cloned() else {
            let why = p
                .problem
                .clone()
                .unwrap_or_else(|| format!("nothing matches “{}”", p.input));
            self.overlays.palette = Some(p);
            self.complain(why);
            return;
        };
        match entry.run {
            Run::Fill(text) => {
                p.input = text;
                self.complete_palette(&mut p);
                self.overlays.palette = Some(p);
            }
            Run::Action(a) => {
                let fx = self.update(a);
                self.effects.extend(fx);
            }
            Run::Command(c, arg) => self.run_command(c, &arg),
        }
    }

    /// Opens help scrolled to the heading of the scope named `name` (the
    /// top for ""); an unknown name is said, with the closest one.
    fn open_help_at(&mut self, name: &str) {
        if name.is_empty() {
            self.overlays.help = Some(0);
            return;
        }
        match Scope::ALL.into_iter().position(|s| s.name() == name) {
            Some(i) => {
                // Help draws, per scope, a heading, its rows and a blank line.
                let offset: usize = Scope::ALL
                    .iter()
                    .take(i)
                    .map(|&s| self.keymap.help_rows(s).len() + 2)
                    .sum();
                self.overlays.help = Some(offset);
            }
            None => {
                let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
                let hint = crate::model::suggest::did_you_mean(name, &names)
                    .map_or_else(String::new, |s| format!("; did you mean “{s}”?"));
                self.complain(format!("no help group called “{name}”{hint}"));
            }
        }
    }

    fn run_command(&mut self, c: Command, arg: &str) {
        match c {
            Command::Sort => {
                let key = [
                    SortKey::Dataset,
                    SortKey::Said,
                    SortKey::Claimant,
                    SortKey::Status,
                ]
                .into_iter()
                .find(|k| sort_word(*k) == arg.trim());
                match key {
                    Some(k) => {
                        self.claims.set_sort(k);
                        self.refilter();
                        self.say(format!("sorted by {}", k.label()));
                    }
                    None => self.complain(format!(
                        "sort by what? “{arg}” (dataset, date, claimant, status)"
                    )),
                }
            }
            Command::View => self.apply_view(arg.trim()),
            Command::Query => self.run_query(arg),
            Command::SaveView => self.save_view(arg),
            Command::Export => {
                let fx = self.update(Action::Export);
                self.effects.extend(fx);
            }
            Command::Help => self.open_help_at(arg.trim()),
        }
    }

    /// Recomputes the palette's entries for its input: the actions and
    /// commands, or a command's argument completions.
    fn complete_palette(&self, p: &mut Palette) {
        p.problem = None;
        p.cursor = 0;
        let Some((cmd, arg)) = split_command(&p.input) else {
            p.entries = p.base.clone();
            let texts: Vec<String> = p
                .entries
                .iter()
                .map(|e| format!("{} {} {}", e.keys, e.help, e.place))
                .collect();
            let typed = p.input.trim().trim_start_matches(':');
            let mut shown = rank(typed, &texts);
            // A command whose name starts with what is typed comes first:
            // `:so` is `sort`, whatever else mentions sorting.
            if !typed.is_empty() {
                shown.sort_by_key(|&i| {
                    !p.entries.get(i).is_some_and(|e| {
                        e.place == "command" && e.keys.trim_start_matches(':').starts_with(typed)
                    })
                });
            }
            p.shown = shown;
            return;
        };
        let mut entries = Vec::new();
        let prefix = format!("{} ", cmd.word());
        match cmd {
            Command::Sort => {
                for k in [
                    SortKey::Dataset,
                    SortKey::Said,
                    SortKey::Claimant,
                    SortKey::Status,
                ] {
                    entries.push(argument(
                        &prefix,
                        sort_word(k),
                        format!("by {}", k.label()),
                        cmd,
                    ));
                }
            }
            Command::View => {
                for v in self.views.all() {
                    entries.push(argument(&prefix, &v.name, v.query.clone(), cmd));
                }
                if entries.is_empty() {
                    p.problem = Some("no views are saved (save-view NAME saves one)".into());
                }
            }
            Command::Export => {
                entries.push(argument(&prefix, "", cmd.help().to_owned(), cmd));
            }
            Command::Help => {
                for scope in Scope::ALL {
                    if !self.keymap.help_rows(scope).is_empty() {
                        entries.push(argument(
                            &prefix,
                            scope.name(),
                            scope.title().to_owned(),
                            cmd,
                        ));
                    }
                }
                // Narrowed by the name and the heading both.
                let texts: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{} {}", e.keys, e.help))
                    .collect();
                p.shown = rank(arg.trim(), &texts);
                p.entries = entries;
                return;
            }
            Command::SaveView => {
                let name = arg.trim();
                if name.is_empty() {
                    p.problem = Some("type the view's name".into());
                } else {
                    let exists = self.views.all().iter().any(|v| v.name == name);
                    let q = self.current_query();
                    entries.push(Entry {
                        keys: format!(":save-view {name}"),
                        help: format!(
                            "{} view “{name}” as: {}",
                            if exists { "replace" } else { "save" },
                            if q.is_empty() { "(every claim)" } else { &q }
                        ),
                        place: "command".into(),
                        run: Run::Command(cmd, name.to_owned()),
                        fill: None,
                    });
                }
            }
            Command::Query => {
                match Query::parse(arg) {
                    Ok(_) => entries.push(Entry {
                        keys: format!(":query {}", arg.trim()),
                        help: if arg.trim().is_empty() {
                            "clear the query".into()
                        } else {
                            "narrow the claims list with this query".into()
                        },
                        place: "command".into(),
                        run: Run::Command(cmd, arg.to_owned()),
                        fill: None,
                    }),
                    Err(e) => p.problem = Some(e.to_string()),
                }
                entries.extend(self.query_completions(&prefix, arg));
                p.entries = entries;
                p.shown = (0..p.entries.len()).collect();
                return;
            }
        }
        let texts: Vec<String> = entries.iter().map(|e| e.keys.clone()).collect();
        p.shown = rank(arg.trim(), &texts);
        p.entries = entries;
    }

    /// Completions of the word being typed in a query: a field name, or a
    /// value of the field (statuses, `has:` kinds, tags, ids).
    fn query_completions(&self, prefix: &str, arg: &str) -> Vec<Entry> {
        let cut = arg.rfind(' ').map_or(0, |i| i + 1);
        let (head, word) = arg.split_at(cut);
        let word_neg = word.strip_prefix('-');
        let (neg, word) = match word_neg {
            Some(w) => ("-", w),
            None => ("", word),
        };
        let fill = |text: &str, help: String| Entry {
            keys: text.to_owned(),
            help,
            place: "completion (Tab)".into(),
            run: Run::Fill(format!("{prefix}{head}{neg}{text}")),
            fill: Some(format!("{prefix}{head}{neg}{text}")),
        };
        let Some((field, values)) = word.split_once(':') else {
            if word.is_empty() {
                return Vec::new();
            }
            return FIELDS
                .iter()
                .filter(|f| f.starts_with(word) && **f != word)
                .map(|f| fill(&format!("{f}:"), "a field".into()))
                .collect();
        };
        let vcut = values.rfind(',').map_or(0, |i| i + 1);
        let (done, partial) = values.split_at(vcut);
        let candidates: Vec<(String, String)> = self.field_values(field);
        let texts: Vec<String> = candidates.iter().map(|(v, _)| v.clone()).collect();
        rank(partial, &texts)
            .into_iter()
            .take(MAX_COMPLETIONS)
            .filter_map(|i| candidates.get(i))
            .filter(|(v, _)| v != partial)
            .map(|(v, what)| fill(&format!("{field}:{done}{v}"), what.clone()))
            .collect()
    }

    /// The values a field can take here, with what each is.
    fn field_values(&self, field: &str) -> Vec<(String, String)> {
        let ds = &self.loaded.dataset;
        match field {
            "status" => Status::ALL
                .iter()
                .map(|s| (status_word(*s), s.meaning().to_owned()))
                .collect(),
            "has" => ["note", "evidence", "grading", "conflict", "relations"]
                .iter()
                .map(|h| ((*h).to_owned(), String::new()))
                .collect(),
            "tag" => self
                .all_tags()
                .into_iter()
                .map(|t| (quote(&t), "tag".to_owned()))
                .collect(),
            "article" => ds
                .articles
                .iter()
                .map(|a| (quote(&a.id), a.headline.clone()))
                .collect(),
            "claimant" | "via" | "about" | "actor" => ds
                .actors
                .iter()
                .map(|a| (quote(&a.id), a.name.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn argument(prefix: &str, value: &str, help: String, cmd: Command) -> Entry {
    Entry {
        keys: value.to_owned(),
        help,
        place: format!(":{prefix}{value}"),
        run: Run::Command(cmd, value.to_owned()),
        fill: Some(format!("{prefix}{value}")),
    }
}

/// The word `:sort` takes for a sort key.
pub fn sort_word(k: SortKey) -> &'static str {
    match k {
        SortKey::Dataset => "dataset",
        SortKey::Said => "date",
        SortKey::Claimant => "claimant",
        SortKey::Status => "status",
    }
}
