//! Signals the TUI answers. Handlers only set flags, which the event loop
//! reads between events, so every terminal write stays on the loop's thread:
//! SIGTERM/SIGHUP/SIGINT ask it to stop, SIGTSTP to suspend, SIGCONT to take
//! the terminal back (after a stop we did not ask for, e.g. `kill -STOP`).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use signal_hook::SigId;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};

const STOPPING: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

pub struct Signals {
    stop: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
    resumed: Arc<AtomicBool>,
    done: Arc<AtomicBool>,
    ids: Vec<SigId>,
    watchdog: signal_hook::iterator::Handle,
}

/// How long the loop gets to stop cleanly (save, compact, restore) after a
/// terminating signal. If it cannot get there (a terminal error it never
/// returns from), the watchdog restores the terminal and exits itself.
/// Nothing acknowledged is lost that way: it is durable in the journal.
const GRACE: Duration = Duration::from_secs(2);

impl Signals {
    pub fn start() -> io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let suspend = Arc::new(AtomicBool::new(false));
        let resumed = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        for sig in STOPPING {
            ids.push(signal_hook::flag::register(sig, Arc::clone(&stop))?);
        }
        ids.push(signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?);
        ids.push(signal_hook::flag::register(SIGCONT, Arc::clone(&resumed))?);
        let watchdog = start_watchdog(Arc::clone(&done))?;
        Ok(Self {
            stop,
            suspend,
            resumed,
            done,
            ids,
            watchdog,
        })
    }

    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// True once per SIGTSTP.
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// True once per SIGCONT.
    pub fn take_resumed(&self) -> bool {
        self.resumed.swap(false, Ordering::SeqCst)
    }

    /// The loop is out: the watchdog must not exit the process under it,
    /// and SIGTSTP stops the process again by default.
    pub fn close(self) {
        self.done.store(true, Ordering::SeqCst);
        self.watchdog.close();
        for id in self.ids {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// A thread that waits for a terminating signal and, if the loop has not
/// finished within [`GRACE`], restores the terminal and exits. Without a
/// thread (none could be started) the flags still stop the loop.
fn start_watchdog(done: Arc<AtomicBool>) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals = signal_hook::iterator::Signals::new(STOPPING)?;
    let handle = signals.handle();
    let watch = move || {
        if let Some(sig) = signals.forever().next() {
            let start = Instant::now();
            while start.elapsed() < GRACE {
                if done.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            super::guard::restore();
            std::process::exit(128 + sig);
        }
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(watch);
    Ok(handle)
}
