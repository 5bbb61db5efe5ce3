//! Signals the TUI answers. A thread turns them into flags the event loop
//! reads between events, so every terminal write stays on the loop's thread:
//! SIGTERM/SIGHUP/SIGINT ask it to stop, SIGTSTP to suspend, SIGCONT to take
//! the terminal back (after a stop we did not ask for, e.g. `kill -STOP`).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};

#[derive(Default)]
struct Flags {
    stop: AtomicBool,
    suspend: AtomicBool,
    resumed: AtomicBool,
    done: AtomicBool,
}

pub struct Signals {
    flags: Arc<Flags>,
    handle: signal_hook::iterator::Handle,
}

/// How long the loop gets to stop cleanly (save, compact, restore) after a
/// terminating signal. If it cannot get there (a terminal error it never
/// returns from), the watchdog restores the terminal and exits itself.
/// Nothing acknowledged is lost that way: it is durable in the journal.
const GRACE: Duration = Duration::from_secs(2);

impl Signals {
    pub fn start() -> io::Result<Self> {
        let mut signals =
            signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
        let handle = signals.handle();
        let flags = Arc::new(Flags::default());
        let seen = Arc::clone(&flags);
        std::thread::spawn(move || {
            for sig in signals.forever() {
                match sig {
                    SIGTSTP => seen.suspend.store(true, Ordering::SeqCst),
                    SIGCONT => seen.resumed.store(true, Ordering::SeqCst),
                    _ => {
                        seen.stop.store(true, Ordering::SeqCst);
                        watch_the_stop(&seen, sig);
                        return;
                    }
                }
            }
        });
        Ok(Self { flags, handle })
    }

    pub fn stop_requested(&self) -> bool {
        self.flags.stop.load(Ordering::SeqCst)
    }

    /// True once per SIGTSTP.
    pub fn take_suspend(&self) -> bool {
        self.flags.suspend.swap(false, Ordering::SeqCst)
    }

    /// True once per SIGCONT.
    pub fn take_resumed(&self) -> bool {
        self.flags.resumed.swap(false, Ordering::SeqCst)
    }

    /// The loop is out: the watchdog must not exit the process under it.
    pub fn close(self) {
        self.flags.done.store(true, Ordering::SeqCst);
        self.handle.close();
    }
}

fn watch_the_stop(flags: &Flags, sig: i32) {
    let start = Instant::now();
    while start.elapsed() < GRACE {
        if flags.done.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    super::guard::restore();
    std::process::exit(128 + sig);
}
