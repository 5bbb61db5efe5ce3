//! The dataset and the analysts' work on it: no terminal code here, usable
//! from the CLI, the TUI and tests alike.

pub mod agreement;
pub mod annotation;
pub mod authoring;
pub mod cache;
pub mod citation;
pub mod colors;
pub mod compare;
pub mod config;
pub mod dataset;
pub mod date;
pub mod diagnostic;
pub mod export;
pub mod free_later;
pub mod generate;
pub mod import;
pub mod index;
pub mod load;
pub mod passage;
pub mod progress;
pub mod query;
pub mod safe_fs;
pub mod search;
pub mod spans;
pub mod store;
pub mod suggest;
pub mod syntax;
pub mod timeline;
pub mod validate;
pub mod views;
pub mod web_url;

pub use annotation::{
    Annotation, AnnotationField, AnnotationSet, Change, Credibility, Edit, Reliability, Status,
};
pub use cache::{CacheOutcome, load_path_cached, load_path_cached_with_progress};
pub use dataset::*;
pub use date::{DateRange, PartialDate, Precision, WhenKind};
pub use diagnostic::{Diagnostic, Severity};
pub use index::{ActorIx, ArticleIx, ClaimIx, Csr, EventIx, Index, Link, QuoteSpan, Roles};
pub use load::{
    LoadError, Loaded, Progress, load_bundled, load_path, load_path_with_progress, parse_str,
};
