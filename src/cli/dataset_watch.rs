//! Watching the dataset file for outside saves, so that the TUI reloads
//! within a moment (issue 12 §3). The directory is watched, not the file:
//! editors and `git` save by writing a new file and renaming it over the
//! old one, which a watch on the old file's inode would miss. An event only
//! sends `Action::DatasetChanged`; the state decides (one `stat`, then a
//! hash) whether the file really changed, and the Tick checks it anyway
//! every second, so a watcher that cannot start costs only latency.

use std::path::Path;
use std::sync::mpsc::Sender;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::app::Action;

/// The running watcher; dropping it stops watching.
pub struct DatasetWatch {
    _watcher: notify::RecommendedWatcher,
}

/// Starts watching `dir` for events on `file`. `Err`: why it could not
/// start (the caller falls back to the Tick's check and says so).
pub fn start(dir: &Path, file: &Path, tx: Sender<Action>) -> Result<DatasetWatch, String> {
    let name = file.file_name().map(std::ffi::OsStr::to_owned);
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let ours = match &event {
            Ok(e) => {
                may_change(&e.kind)
                    && (e.paths.is_empty()
                        || e.paths.iter().any(|p| p.file_name() == name.as_deref()))
            }
            // The watcher itself failed (e.g. its queue overflowed): look.
            Err(_) => true,
        };
        if ours {
            // The TUI may be gone already: nothing to tell then.
            let _ = tx.send(Action::DatasetChanged);
        }
    })
    .map_err(|e| e.to_string())?;
    watcher
        .watch(dir, RecursiveMode::NonRecursive)
        .map_err(|e| e.to_string())?;
    Ok(DatasetWatch { _watcher: watcher })
}

/// Whether an event may mean the file's content changed. Opening and
/// reading it do not: the check an event triggers reads the file, and its
/// own open and close came back as events, so one outside touch of a file
/// whose stat data cannot be trusted (git's racy rule: then it is hashed)
/// kept the TUI re-reading it (39 reads in 0.1 s at 10k claims, seen with
/// strace; a second each at 1M). Closing after writing does.
fn may_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};

    #[test]
    fn reading_the_file_is_no_reason_to_look_again_but_writing_it_is() {
        for quiet in [
            AccessKind::Open(AccessMode::Any),
            AccessKind::Open(AccessMode::Read),
            AccessKind::Close(AccessMode::Read),
            AccessKind::Read,
            AccessKind::Any,
        ] {
            assert!(!may_change(&EventKind::Access(quiet)), "{quiet:?}");
        }
        for loud in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Create(CreateKind::File),
            EventKind::Remove(RemoveKind::File),
            EventKind::Any,
            EventKind::Other,
        ] {
            assert!(may_change(&loud), "{loud:?}");
        }
    }
}
