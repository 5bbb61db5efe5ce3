//! Loading a dataset with visible progress: anything that takes longer than
//! a moment shows a progress line (phase, percentage or spinner, bytes) on
//! the terminal instead of a frozen screen. It runs before the TUI takes the
//! screen, so load errors still print as plain text and exit 2.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::model::cache::{self, CacheOutcome};
use crate::model::load::Progress;
use crate::model::{LoadError, Loaded};

/// Show nothing for loads faster than this.
const QUIET_FOR: Duration = Duration::from_millis(200);
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Loads `path` through the binary cache; shows progress on stderr when it
/// is a terminal and the load takes a while.
pub fn load_with_progress(path: &Path) -> Result<Loaded, LoadError> {
    let cache_dir = cache::default_cache_dir();
    if !std::io::stderr().is_terminal() {
        return cache::load_path_cached(path, cache_dir.as_deref()).map(|(l, _)| l);
    }
    let latest = Arc::new(Mutex::new(Progress::Reading { done: 0, total: 0 }));
    let worker = {
        let latest = Arc::clone(&latest);
        let path = path.to_owned();
        let dir = cache_dir.clone();
        std::thread::Builder::new()
            .name("loader".into())
            .spawn(move || {
                cache::load_path_cached_with_progress(&path, dir.as_deref(), &mut |p| {
                    if let Ok(mut l) = latest.lock() {
                        *l = p;
                    }
                })
            })
    };
    // No thread for the loader: load here, without a progress line.
    let Ok(worker) = worker else {
        return cache::load_path_cached(path, cache_dir.as_deref()).map(|(l, _)| l);
    };
    let start = Instant::now();
    let mut shown = false;
    let mut tick = 0;
    while !worker.is_finished() {
        std::thread::sleep(Duration::from_millis(50));
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
    }
    if shown {
        super::progress_line("");
    }
    match worker.join() {
        Ok(result) => result.map(|(l, _outcome): (Loaded, CacheOutcome)| l),
        Err(_) => Err(LoadError::Io {
            path: path.to_owned(),
            source: std::io::Error::other("the loader stopped unexpectedly"),
        }),
    }
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
