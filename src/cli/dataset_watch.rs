//! Watching the dataset file for outside saves, so that the TUI reloads
//! within a moment (issue 12 §3). The directory is watched, not the file:
//! editors and `git` save by writing a new file and renaming it over the
//! old one, which a watch on the old file's inode would miss. An event only
//! sends `Action::DatasetChanged`; the state decides (one `stat`, then a
//! hash) whether the file really changed, and the Tick checks it anyway
//! every second, so a watcher that cannot start costs only latency.

use std::path::Path;
use std::sync::mpsc::Sender;

use notify::{RecursiveMode, Watcher};

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
            Ok(e) => e.paths.is_empty() || e.paths.iter().any(|p| p.file_name() == name.as_deref()),
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
