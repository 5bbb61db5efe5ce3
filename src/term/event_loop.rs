//! The event loop: terminal events → actions → `update` → draw. It drains
//! every pending event before drawing, so only the newest frame is drawn.

use std::io;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind};

use super::guard::TerminalGuard;
use super::signals::Signals;
use crate::app::{Action, AppState, Effect};
use crate::ui::{self, Theme};

const RETRY_EVERY: Duration = Duration::from_secs(1);
const IDLE_POLL: Duration = Duration::from_millis(200);
/// While `AppState::busy`: how soon a finished background job is shown.
const BUSY_POLL: Duration = Duration::from_millis(15);

/// How long the drain waits for one more pending event. Not zero: with the
/// `use-dev-tty` reader, `poll(ZERO)` returns false while parsed events are
/// still buffered (crossterm-rs/crossterm #839), which would draw once per
/// key of a burst. A millisecond ends a burst's drain cheaply.
const DRAIN: Duration = Duration::from_millis(1);

/// Runs the TUI until the user quits or a terminating signal arrives.
/// `on_effect` performs I/O the state asked for and returns the actions
/// that report its outcome; work it starts on another thread (an export)
/// reports through `background`, drained every turn of the loop.
pub fn run(
    state: &mut AppState,
    theme: &Theme,
    mut on_effect: impl FnMut(&AppState, Effect) -> Vec<Action>,
    background: &Receiver<Action>,
) -> io::Result<()> {
    let signals = Signals::start()?;
    let mut guard = TerminalGuard::enter()?;
    resize_to_terminal(state, &guard, &mut on_effect)?;
    let mut dirty = true;
    let mut last_retry = Instant::now();
    while !state.should_quit() && !signals.stop_requested() {
        if signals.take_suspend() {
            suspend(state, &mut guard, &signals, &mut on_effect)?;
            dirty = true;
        } else if signals.take_resumed() {
            // Stopped by something we could not catch (SIGSTOP), continued.
            guard.resume()?;
            resize_to_terminal(state, &guard, &mut on_effect)?;
            dirty = true;
        }
        for action in background.try_iter() {
            apply(state, action, &mut on_effect);
            dirty = true;
        }
        if dirty {
            guard.terminal.draw(|f| ui::draw(f, state, theme))?;
            dirty = false;
        }
        // A timeout, so a signal is noticed even when no key comes; a short
        // one while background work the screen waits for is running.
        // A search finishing behind its first screenful goes on at once
        // when no key is waiting.
        let wait = if state.search_partial() || state.timeline_pending() {
            DRAIN
        } else if state.busy() {
            BUSY_POLL
        } else {
            IDLE_POLL
        };
        if !event::poll(wait)? {
            if state.busy() {
                apply(state, Action::Poll, &mut on_effect);
                // Drawn when the work is done, or when it changed the rows
                // on the way (a waiting search's first screenful).
                dirty = state.take_repaint() || !state.busy();
            }
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
            let ev = event::read()?;
            if is_suspend_key(&ev) {
                suspend(state, &mut guard, &signals, &mut on_effect)?;
                dirty = true;
                break;
            }
            if let Some(action) = to_action(state, ev) {
                apply(state, action, &mut on_effect);
                dirty = true;
            }
            if state.should_quit() || !event::poll(DRAIN)? {
                break;
            }
        }
    }
    signals.close();
    Ok(())
}

/// Stops until continued, then lays out for the terminal as it is now.
fn suspend(
    state: &mut AppState,
    guard: &mut TerminalGuard,
    signals: &Signals,
    on_effect: &mut impl FnMut(&AppState, Effect) -> Vec<Action>,
) -> io::Result<()> {
    guard.suspend()?;
    // The SIGCONT that continued us: the terminal is already taken back.
    signals.take_resumed();
    resize_to_terminal(state, guard, on_effect)
}

/// Tells the state the terminal's size (it may have changed while stopped).
fn resize_to_terminal(
    state: &mut AppState,
    guard: &TerminalGuard,
    on_effect: &mut impl FnMut(&AppState, Effect) -> Vec<Action>,
) -> io::Result<()> {
    let size = guard.terminal.size()?;
    let resize = Action::Resize {
        width: size.width,
        height: size.height,
    };
    apply(state, resize, on_effect);
    Ok(())
}

/// Ctrl-Z suspends as in any shell program, whatever pane or editor is open
/// (raw mode turns it into a key instead of SIGTSTP).
fn is_suspend_key(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.kind != KeyEventKind::Release
        && k.code == KeyCode::Char('z')
        && k.modifiers == KeyModifiers::CONTROL)
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
            MouseEventKind::Drag(_) => Some(Action::Drag {
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
