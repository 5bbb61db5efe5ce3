//! The terminal edge: the only code that touches the real terminal.

pub mod event_loop;
pub mod guard;
pub mod keys;

pub use event_loop::run;
