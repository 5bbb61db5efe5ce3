//! `claimtrack [DATASET]`: the terminal UI.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use super::CliError;
use crate::app::refine::SavedViews;
use crate::app::{Action, AnnotationBackend, AppState, Compare, Effect, ExitChoice, StoreBackend};
use crate::model::config::resolve_analyst_with;
use crate::model::store::{AnnotationStore, Damaged, OpenError};
use crate::model::{Loaded, views};
use crate::ui::Theme;

/// The views the TUI offers: the dataset's (beside its annotation file,
/// where new ones are saved) and the settings file's. A broken views file is
/// bad input, reported before the terminal is touched.
fn saved_views(
    loaded: &Loaded,
    annotations: Option<&std::path::Path>,
    config: &crate::model::config::Config,
) -> Result<SavedViews, CliError> {
    let file =
        super::selection::annotations_path(annotations, loaded).map(|p| views::views_path(&p));
    let dataset = match &file {
        Some(f) => {
            views::load_views(f).map_err(|e| CliError::BadInput(format!("claimtrack: {e}")))?
        }
        None => Vec::new(),
    };
    Ok(SavedViews::new(dataset, config.views.clone(), file))
}

/// Writes a view the analyst saved into the dataset's views file.
fn save_view(state: &AppState, view: views::View) -> Vec<Action> {
    let Some(path) = state.saved_views().file().cloned() else {
        return vec![Action::Notify("views cannot be saved here".into())];
    };
    let name = view.name.clone();
    match views::save_view(&path, view) {
        Ok(all) => vec![
            Action::DatasetViews(all),
            Action::Notify(format!("saved view “{name}” in {}", path.display())),
        ],
        Err(e) => vec![Action::Notify(format!("view “{name}” not saved: {e}"))],
    }
}

/// What to do when the annotation file cannot be read.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnDamaged {
    /// Ask on the terminal
    #[default]
    Ask,
    /// Rename it to <file>.corrupt-<UTC time> and start clean
    MoveAside,
    /// Open it read-only: nothing will be saved
    ReadOnly,
}

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Dataset to open (RON). Without it, the bundled seed dataset.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub dataset: Option<PathBuf>,
    /// Annotation file [default: <data dir>/claimtrack/<dataset-id>.annotations.ron]
    #[arg(short, long, value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    pub annotations: Option<PathBuf>,
    /// Your name in the change history [default: config `analyst`, else $USER]
    #[arg(long, value_name = "NAME")]
    pub analyst: Option<String>,
    /// When the annotation file is damaged
    #[arg(long, value_enum, default_value_t, value_name = "WHAT")]
    pub on_damaged: OnDamaged,
    /// Other analysts' annotation files to compare with, read-only; yours
    /// (--annotations) is the adjudicated result
    #[arg(long, num_args = 1.., value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub compare: Vec<PathBuf>,
    /// Blind review: hide the others' verdicts on a claim until you give yours
    #[arg(long, requires = "compare")]
    pub blind: bool,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    // Load (and report errors) before touching the terminal. A re-open
    // from the cache may trust the file's stat data: its content is then
    // checked in the background (`verification`, watched below).
    let (loaded, verification, cache_notice, version) = match args.dataset.as_deref() {
        Some(p) => {
            let o = super::loading::open_with_progress(p, true)?;
            (o.loaded, o.verification, o.notice, o.version)
        }
        None => (crate::model::load_bundled()?, None, None, None),
    };
    let others = read_compared(&args.compare, &loaded)?;
    if !std::io::stdout().is_terminal() {
        return Err(CliError::BadInput(
            "claimtrack: the interactive view needs a terminal (try `claimtrack stats` or `claimtrack export`)".into(),
        ));
    }
    let config = crate::model::config::load_config()
        .map_err(|e| CliError::BadInput(format!("claimtrack: {e}")))?;
    let keymap = super::keys::keymap(&config)?;
    let dataset_file = dataset_backend(args.dataset.as_deref(), version.as_ref());
    let analyst = resolve_analyst_with(args.analyst.as_deref(), &config, |k| std::env::var(k).ok());
    let store = open_store(
        &loaded,
        args.annotations.as_deref(),
        &analyst,
        args.on_damaged,
    )?;
    let views = saved_views(&loaded, args.annotations.as_deref(), &config)?;
    refuse_own_file(&args.compare, store.path())?;
    let own_path = store.path().to_owned();
    let backend = StoreBackend::new(store);
    let notice = backend.open_notice();
    let mut state = AppState::new(
        loaded,
        Box::new(backend),
        ratatui::layout::Rect::new(0, 0, 80, 24),
    )
    .with_keymap(keymap)
    .with_views(views)
    .with_dataset_file(dataset_file);
    if !others.is_empty() {
        state = state.with_compare(
            Compare::new(others, args.blind).with_own_stem(super::team_files::stem(&own_path)),
        );
    }
    // The store's notice first, then the cache's, then the state's own
    // (orphaned annotations).
    let notice = match (notice, cache_notice) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    if let Some(n) = notice {
        let text = match state.message() {
            Some(m) => format!("{n}; {}", m.text),
            None => n,
        };
        state.update(Action::Notify(text));
    }
    // The settings' theme and colours; NO_COLOR forces Mono.
    let theme = Theme::from_settings(config.theme, config.colors.clone());
    // Kept for the whole session: on X11 the clipboard's content lives as
    // long as its owner does.
    let mut clipboard = crate::term::clipboard::Clipboard::new();
    let (report, background) = std::sync::mpsc::channel();
    // Kept for the whole session: an outside save reloads the dataset.
    let _watch = match state.dataset_watched() {
        Some((dir, file)) => match super::dataset_watch::start(&dir, &file, report.clone()) {
            Ok(w) => Some(w),
            Err(e) => {
                state.update(Action::Notify(format!(
                    "cannot watch {} for outside changes ({e}): it is checked every second instead",
                    file.display()
                )));
                None
            }
        },
        None => None,
    };
    if let Some(check) = verification {
        super::loading::watch_verification(check, report.clone());
    }
    let on_effect = |state: &AppState, effect| match effect {
        Effect::Export(claims) => super::tui_export::start(state, claims, &report),
        Effect::Copy { what, text } => vec![Action::Notify(clipboard.copy(&what, &text))],
        Effect::Open(url) => vec![Action::Notify(super::opener::open(&url))],
        Effect::SaveView(view) => save_view(state, view),
    };
    let result = crate::term::run(&mut state, &theme, on_effect, &background);
    // Save what is pending and fold the journal, on every way out of the loop
    // (quit, SIGTERM, SIGHUP, a terminal error). Reported after the terminal
    // is restored, so the message is readable.
    let quit_by_user = state.should_quit();
    let mut choice = state.exit_choice().cloned();
    let mut annotations = state.into_annotations();
    let mut lost = None;
    if !quit_by_user {
        // Ended by a signal (or a terminal error): nobody can be asked, so
        // changes the disk refused go to a rescue copy.
        match rescue_on_the_way_out(annotations.as_mut()) {
            Ok(c) => choice = c.or(choice),
            Err(e) => lost = Some(e),
        }
    }
    let closed = annotations.close();
    match &choice {
        Some(ExitChoice::Rescued { path, pending }) => super::eprint_line(&format!(
            "claimtrack: {} written to the rescue copy {}; the next start offers to merge it",
            changes(*pending),
            path.display()
        )),
        Some(ExitChoice::Discarded(n)) => {
            super::eprint_line(&format!("claimtrack: discarded {}, as chosen", changes(*n)))
        }
        None => {}
    }
    result.map_err(|e| CliError::Failure(format!("terminal: {e}")))?;
    if let Some(e) = lost {
        return Err(CliError::Failure(format!("annotations: {e}")));
    }
    // With a choice made, a failed final save was expected and is reported above.
    if choice.is_none() {
        closed.map_err(|e| CliError::Failure(format!("annotations: {e}")))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where authoring changes from the TUI go: the file opened, in the
/// version loaded (known from the cache: then it is not read again); the
/// bundled dataset, or one read from a pipe, cannot be written (and says why).
fn dataset_backend(
    path: Option<&std::path::Path>,
    version: Option<&crate::model::cache::Version>,
) -> Box<dyn crate::app::DatasetBackend> {
    match path {
        None => Box::new(crate::app::BundledDataset),
        Some(p) => match crate::app::FileDataset::open_loaded(p, version) {
            Ok(f) => Box::new(f),
            Err(e) => Box::new(crate::app::UnwritableDataset::new(
                p.display().to_string(),
                format!("{}: cannot be edited here: {e}", p.display()),
            )),
        },
    }
}

/// The annotation files of `--compare`, each named after its analyst (the
/// most frequent in the file, else the file name; made unique).
fn read_compared(
    files: &[PathBuf],
    loaded: &Loaded,
) -> Result<Vec<(String, crate::model::AnnotationSet)>, CliError> {
    let sets = files
        .iter()
        .map(|p| super::team_files::read_for(p, loaded))
        .collect::<Result<Vec<_>, _>>()?;
    let mut names: Vec<String> = sets
        .iter()
        .zip(files)
        .map(|(s, p)| crate::model::agreement::rater_name(s, &super::team_files::stem(p)))
        .collect();
    super::agreement::disambiguate(&mut names);
    Ok(names.into_iter().zip(sets).collect())
}

/// Your own file is the adjudicated result: comparing it with itself is a mistake.
fn refuse_own_file(files: &[PathBuf], own: &std::path::Path) -> Result<(), CliError> {
    let own = std::fs::canonicalize(own).unwrap_or_else(|_| own.to_owned());
    match files
        .iter()
        .find(|p| std::fs::canonicalize(p).is_ok_and(|p| p == own))
    {
        Some(p) => Err(CliError::BadInput(format!(
            "claimtrack: --compare {}: that is your own annotation file (the adjudicated result); compare with the others' files",
            p.display()
        ))),
        None => Ok(()),
    }
}

fn changes(n: usize) -> String {
    format!("{n} unsaved change{}", if n == 1 { "" } else { "s" })
}

/// After SIGTERM/SIGHUP: one more try to save, then a rescue copy of what
/// is still unsaved. `Err`: nothing could hold them.
fn rescue_on_the_way_out(
    annotations: &mut dyn AnnotationBackend,
) -> Result<Option<ExitChoice>, String> {
    if annotations.pending() == 0 {
        return Ok(None);
    }
    let _ = annotations.retry();
    let pending = annotations.pending();
    if pending == 0 {
        return Ok(None);
    }
    match annotations.write_rescue() {
        Ok(path) => Ok(Some(ExitChoice::Rescued { path, pending })),
        Err(e) => Err(format!("{} lost: {e}", changes(pending))),
    }
}

fn open_store(
    loaded: &Loaded,
    path: Option<&std::path::Path>,
    analyst: &str,
    on_damaged: OnDamaged,
) -> Result<AnnotationStore, CliError> {
    let id = &loaded.dataset.id;
    let opened = match path {
        Some(p) => AnnotationStore::open(p, id, analyst),
        None => AnnotationStore::open_default(id, analyst),
    };
    match opened {
        Ok(store) => Ok(store),
        Err(OpenError::Failed(e)) => Err(CliError::Failure(format!("annotations: {e}"))),
        // Not damage: nothing is offered to be moved aside (exit 2).
        Err(e @ OpenError::Unreadable(_)) => Err(CliError::BadInput(format!("annotations: {e}"))),
        Err(OpenError::Damaged(d)) => resolve_damaged(*d, on_damaged),
    }
}

/// The annotation file is damaged: it is never overwritten. The user
/// chooses to move it aside and start clean, or to open it read-only.
fn resolve_damaged(d: Damaged, on_damaged: OnDamaged) -> Result<AnnotationStore, CliError> {
    super::eprint_line(&format!(
        "claimtrack: the annotation file is damaged:\n  {}",
        crate::text::sanitize(&d.damage().to_string())
    ));
    let choice = match on_damaged {
        OnDamaged::Ask if std::io::stdin().is_terminal() => ask(d.can_move_aside())?,
        OnDamaged::Ask => {
            return Err(CliError::BadInput(
                "claimtrack: not overwriting it; rerun with --on-damaged move-aside or --on-damaged read-only".into(),
            ));
        }
        other => other,
    };
    match choice {
        OnDamaged::MoveAside => d
            .move_aside()
            .map_err(|e| CliError::Failure(format!("annotations: {e}"))),
        _ => Ok(d.open_read_only()),
    }
}

fn ask(can_move: bool) -> Result<OnDamaged, CliError> {
    let stdin = std::io::stdin();
    loop {
        if can_move {
            super::prompt("[m] move it aside and start clean, [r] open read-only, [q] quit: ");
        } else {
            super::prompt("[r] open read-only, [q] quit: ");
        }
        let mut line = String::new();
        let n = stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::Failure(format!("reading the answer: {e}")))?;
        match line.trim() {
            "m" | "M" if can_move => return Ok(OnDamaged::MoveAside),
            "r" | "R" => return Ok(OnDamaged::ReadOnly),
            "q" | "Q" => {
                return Err(CliError::BadInput(
                    "claimtrack: left the annotation file as it is".into(),
                ));
            }
            _ if n == 0 => {
                return Err(CliError::BadInput(
                    "claimtrack: no answer; left the annotation file as it is".into(),
                ));
            }
            _ => {}
        }
    }
}
