//! The terminal edge: the only code that touches the real terminal.

pub mod clipboard;
pub mod event_loop;
pub mod guard;
pub mod keys;
mod signals;

pub use event_loop::run;
