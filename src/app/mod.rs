//! Application state: pure and testable. `AppState::update(Action)` is the
//! only way state changes; keys become actions through the keymap table.

pub mod action;
pub mod actors_list;
pub mod adjudicate;
mod adopt;
pub mod agreement_panel;
pub mod annotate;
pub mod annotations;
mod authoring;
mod authoring_undo;
mod claim_edit;
pub mod claim_form;
pub mod claims_list;
pub mod compare;
mod copy_open;
pub mod dataset_file;
pub mod delete;
pub mod detail;
mod detail_compare;
pub mod editor;
pub mod filtering;
mod form_fields;
pub mod fuzzy_list;
pub mod highlights;
mod item_edit;
pub mod item_form;
pub mod key;
pub mod keymap;
pub mod layout;
mod lazy_search;
pub mod list;
pub mod navigate;
pub mod orphans;
mod outside;
pub mod overlays;
pub mod palette;
pub mod picker;
pub mod reader;
pub mod reader_cursor;
mod reading;
pub mod refine;
pub mod reload;
pub mod rescue;
mod sort_order;
pub mod state;
pub mod statuses;
pub mod targeting;
pub mod tasks;
pub mod timeline_axis;
mod timeline_view;
pub mod wrap;

pub use action::{Action, EditorField, Pane, SortKey, VerdictPart};
pub use adjudicate::Choice;
pub use agreement_panel::PanelView;
pub use annotations::{AnnotationBackend, BackendError, BatchOutcome, MemoryBackend, StoreBackend};
pub use compare::{Analyst, Compare};
pub use dataset_file::{
    BundledDataset, DatasetBackend, FileDataset, MemoryDataset, UnwritableDataset,
};
pub use key::{Key, KeyCode, Mods};
pub use keymap::{Keymap, Scope};
pub use reload::Reloaded;
pub use rescue::{ExitChoice, QuitPrompt, RescueOffer};
pub use state::{AppState, DetailView, Effect, Filter, Message};
pub use targeting::{DetailSubject, EditTarget};
