//! claimtrack: track and verify the claims made in news articles.
//!
//! `model` holds the dataset, validation and the analysts' annotations (no
//! terminal code); `app` the pure application state; `ui` pure rendering;
//! `term` the thin terminal edge; `cli` the command line.
#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod model;
pub mod term;
pub mod text;
pub mod ui;
