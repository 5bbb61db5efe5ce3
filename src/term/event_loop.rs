//! The event loop: terminal events → actions → `update` → draw. It drains
//! every pending event before drawing, so only the newest frame is drawn.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const RETRY_EVERY: Duration = Duration::from_secs(1);

use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};

use super::guard::TerminalGuard;
use crate::app::{Action, AppState, Effect};
use crate::ui::{self, Theme};

/// Runs the TUI until the user quits or a terminating signal arrives.
/// `on_effect` performs I/O the state asked for (exports) and returns the
/// actions that report its outcome.
pub fn run(
    state: &mut AppState,
    theme: &Theme,
    mut on_effect: impl FnMut(&AppState, Effect) -> Vec<Action>,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = SignalWatchdog::start(Arc::clone(&stop), Arc::clone(&done))?;
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    state.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut dirty = true;
    let mut last_retry = Instant::now();
    while !state.should_quit() && !stop.load(Ordering::Relaxed) {
        if dirty {
            guard.terminal.draw(|f| ui::draw(f, state, theme))?;
            dirty = false;
        }
        // A timeout, so a signal is noticed even when no key comes.
        if !event::poll(Duration::from_millis(200))? {
            // Changes a failed write left in memory are retried every few
            // seconds; the annotation file is checked for outside changes
            // (a `git pull`) as often: one `stat` when nothing changed.
            if last_retry.elapsed() >= RETRY_EVERY {
                last_retry = Instant::now();
                apply(state, Action::Tick, &mut on_effect);
                dirty = true;
            }
            continue;
        }
        loop {
            if let Some(action) = to_action(state, event::read()?) {
                apply(state, action, &mut on_effect);
                dirty = true;
            }
            if state.should_quit() || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    done.store(true, Ordering::SeqCst);
    watchdog.close();
    Ok(())
}

/// Updates the state with `action`, performs the effects it returns and
/// feeds their outcome back as actions.
fn apply(
    state: &mut AppState,
    action: Action,
    on_effect: &mut impl FnMut(&AppState, Effect) -> Vec<Action>,
) {
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for effect in state.update(a) {
            queue.extend(on_effect(state, effect));
        }
    }
}

/// Turns SIGTERM, SIGHUP and SIGINT into a stop request for the loop. If the
/// loop cannot get there (after a hang-up, crossterm may spin reading the
/// dead terminal and never return), the watchdog restores the terminal and
/// exits itself after a grace period. Nothing is lost that way: every
/// annotation change was already durable in the journal when acknowledged.
struct SignalWatchdog {
    handle: signal_hook::iterator::Handle,
}

/// How long the loop gets to stop cleanly (save, compact, restore).
const GRACE: Duration = Duration::from_secs(2);

impl SignalWatchdog {
    fn start(stop: Arc<AtomicBool>, done: Arc<AtomicBool>) -> io::Result<Self> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let handle = signals.handle();
        let watcher = {
            let stop = Arc::clone(&stop);
            move || {
                if let Some(sig) = signals.forever().next() {
                    stop.store(true, Ordering::SeqCst);
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
            }
        };
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(watcher);
        if spawned.is_err() {
            // No thread: the signals still stop the loop (without the
            // watchdog's forced exit if the loop is stuck).
            for sig in [SIGTERM, SIGHUP, SIGINT] {
                signal_hook::flag::register(sig, Arc::clone(&stop))?;
            }
        }
        Ok(Self { handle })
    }

    fn close(self) {
        self.handle.close();
    }
}

fn to_action(state: &AppState, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            super::keys::key(k).and_then(|k| state.action_for_key(k))
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}
