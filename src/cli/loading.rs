//! Loading a dataset with visible progress: anything that takes longer than
//! a moment shows a progress line (phase, percentage or spinner, bytes) on
//! the terminal instead of a frozen screen. It runs before the TUI takes the
//! screen, so load errors still print as plain text and exit 2.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::mpsc::{RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::app::{Action, Reloaded};
use crate::model::cache::{self, Opened, Verification};
use crate::model::load::Progress;
use crate::model::{LoadError, Loaded};

/// Show nothing for loads faster than this.
const QUIET_FOR: Duration = Duration::from_millis(200);
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Loads `path` through the binary cache (the content hashed before use:
/// a command's output cannot be taken back); shows progress on stderr when
/// it is a terminal and the load takes a while, and says so on stderr when
/// a damaged cache was replaced.
pub fn load_with_progress(path: &Path) -> Result<Loaded, LoadError> {
    let opened = open_with_progress(path, false)?;
    if let Some(n) = &opened.notice {
        super::eprint_line(&format!("claimtrack: {}", crate::text::sanitize(n)));
    }
    Ok(opened.loaded)
}

/// [`load_with_progress`] for the TUI: a re-open whose stat data is
/// unchanged (and not racy) trusts it and returns before the content is
/// hashed; the caller must watch [`Opened::verification`]. A damaged cache's
/// notice is the caller's to show.
pub fn open_with_progress(path: &Path, trust_stat: bool) -> Result<Opened, LoadError> {
    let cache_dir = cache::default_cache_dir();
    if !std::io::stderr().is_terminal() {
        return cache::open_cached_with(path, cache_dir.as_deref(), trust_stat, &mut |_| {});
    }
    let latest = Arc::new(Mutex::new(Progress::Reading { done: 0, total: 0 }));
    // The result comes through a channel, so that it is taken the moment it
    // is ready rather than at the next tick of the progress line.
    let (done, result) = std::sync::mpsc::channel();
    let worker = {
        let latest = Arc::clone(&latest);
        let path = path.to_owned();
        let dir = cache_dir.clone();
        std::thread::Builder::new()
            .name("loader".into())
            .spawn(move || {
                let opened = cache::open_cached_with(&path, dir.as_deref(), trust_stat, &mut |p| {
                    if let Ok(mut l) = latest.lock() {
                        *l = p;
                    }
                });
                let _ = done.send(opened);
            })
    };
    // No thread for the loader: load here, without a progress line.
    let Ok(worker) = worker else {
        return cache::open_cached_with(path, cache_dir.as_deref(), trust_stat, &mut |_| {});
    };
    let start = Instant::now();
    let mut shown = false;
    let mut tick = 0;
    let opened = loop {
        match result.recv_timeout(Duration::from_millis(50)) {
            Ok(opened) => break Some(opened),
            Err(RecvTimeoutError::Disconnected) => break None,
            Err(RecvTimeoutError::Timeout) => {}
        }
        if start.elapsed() < QUIET_FOR {
            continue;
        }
        let p = latest.lock().map(|p| *p).unwrap_or(Progress::Done);
        let line = progress_line(
            path,
            &p,
            SPINNER.get(tick % SPINNER.len()).copied().unwrap_or('·'),
            start.elapsed(),
        );
        tick += 1;
        super::progress_line(&line);
        shown = true;
    };
    if shown {
        super::progress_line("");
    }
    let _ = worker.join();
    opened.unwrap_or_else(|| {
        Err(LoadError::Io {
            path: path.to_owned(),
            source: std::io::Error::other("the loader stopped unexpectedly"),
        })
    })
}

/// Waits, on a thread of its own, for the background content check of a
/// re-open that trusted stat data. When the file turns out to differ from
/// what the cache held, it loads the file again (rewriting the cache) and
/// sends the new dataset to the TUI; a file that no longer loads is said
/// in the status line (the dataset shown stays, marked as stale).
pub fn watch_verification(check: Verification, report: Sender<Action>) {
    let (hand_over, take) = std::sync::mpsc::channel::<Verification>();
    let spawned = {
        let report = report.clone();
        std::thread::Builder::new()
            .name("cache-check".into())
            .spawn(move || {
                if let Ok(check) = take.recv() {
                    settle(check, &report);
                }
            })
    };
    match spawned {
        Ok(_) => {
            if let Err(back) = hand_over.send(check) {
                settle(back.0, &report);
            }
        }
        // No thread: check here and now (before the first frame).
        Err(_) => settle(check, &report),
    }
}

fn settle(check: Verification, report: &Sender<Action>) {
    let path = check.path().to_owned();
    if check.unchanged() {
        return;
    }
    let _ = report.send(Action::Notify(
        "the dataset file differs from its cache: loading it again…".into(),
    ));
    let reloaded = match cache::default_cache_dir() {
        Some(dir) => Verification::reload(&path, &dir, &mut |_| {}),
        None => crate::model::load_path(&path).map(|l| (l, None)),
    };
    let _ = report.send(match reloaded {
        Ok((loaded, version)) => {
            Action::DatasetReloaded(Reloaded::new(loaded).with_version(version))
        }
        Err(e) => Action::Notify(format!(
            "the dataset file differs from what is shown and does not load: {}",
            crate::text::sanitize(&e.to_string())
        )),
    });
}

/// "loading big.ron · validating 45% · 1.2 s" or with a spinner when the
/// phase reports no steps (parsing).
pub fn progress_line(path: &Path, p: &Progress, spin: char, elapsed: Duration) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let amount = match p.fraction() {
        Some(f) => format!("{:>3.0}%", f * 100.0),
        None => spin.to_string(),
    };
    let size = match *p {
        Progress::Reading { total, .. } => format!(" of {}", mib(total)),
        Progress::Parsing { bytes }
        | Progress::Hashing { bytes }
        | Progress::ReadingCache { bytes } => {
            format!(" {}", mib(bytes))
        }
        Progress::Validating { total, .. } => format!(" {total} items"),
        _ => String::new(),
    };
    format!(
        "claimtrack: loading {} · {} {amount}{size} · {:.1} s",
        crate::text::sanitize(&name),
        p.label(),
        elapsed.as_secs_f64()
    )
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines_show_phase_amount_and_size() {
        let p = Path::new("/data/big.ron");
        let line = progress_line(
            p,
            &Progress::Validating {
                done: 45,
                total: 100,
            },
            '⠋',
            Duration::from_millis(1234),
        );
        assert_eq!(
            line,
            "claimtrack: loading big.ron · validating  45% 100 items · 1.2 s"
        );
        let line = progress_line(
            p,
            &Progress::Parsing {
                bytes: 3 * 1024 * 1024,
            },
            '⠙',
            Duration::from_secs(2),
        );
        assert_eq!(
            line,
            "claimtrack: loading big.ron · parsing ⠙ 3.0 MiB · 2.0 s"
        );
    }
}
