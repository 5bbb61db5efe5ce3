//! Pure rendering: widgets drawn from state, no I/O.

pub mod text;
pub mod timeline_axis;
