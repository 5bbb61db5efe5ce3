//! Application state: pure and testable. `AppState::update(Action)` is the
//! only way state changes; keys become actions through the keymap table.

pub mod action;
pub mod annotate;
pub mod annotations;
pub mod editor;
pub mod filtering;
pub mod keymap;
pub mod layout;
pub mod list;
pub mod navigate;
mod outside;
pub mod reader;
pub mod state;

pub use action::{Action, EditorField, Pane, SortKey};
pub use annotations::{AnnotationBackend, MemoryBackend, StoreBackend};
pub use state::{AppState, Effect, Filter, Message};
