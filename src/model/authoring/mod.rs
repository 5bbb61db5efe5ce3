//! Authoring: adding articles, actors, claims and events to a dataset file,
//! and repairing drifted quotes, without touching anything else in it.
//!
//! Pure functions over the file's text (for the CLI's `add`, `import` and
//! `check --fix`, and the TUI's forms alike), and one place that writes:
//! [`write_back`], which re-reads a file changed on disk, re-applies the
//! edit, validates like `check` and writes atomically.
//!
//! The usual sequence: [`read_dataset_text`] → [`parse_for_edit`] → build the
//! item (e.g. [`prepare_claim`]) → [`write_back`] with an edit that calls
//! [`append`].

pub mod change;
pub mod draft;
pub mod file;
pub mod fix;
pub mod ids;
pub mod import;
pub mod items;
pub mod quote;
pub mod refs;
pub mod render;
pub mod said;
pub mod splice;
pub mod write_back;

use std::path::PathBuf;

pub use change::{ItemChange, ItemText};
pub use draft::{
    ActorDraft, ClaimDraft, DraftError, EventDraft, PreparedClaim, prepare_actor, prepare_claim,
    prepare_claim_with, prepare_event,
};
pub use file::{DatasetFile, Outside, Saved};
pub use fix::{QuoteFix, apply_quote_fixes, plan_quote_fixes};
pub use ids::{next_claim_id, next_event_id, slug, unique};
pub use import::{ImportOptions, Imported, new_dataset_text, prepare_import, splice_import};
pub use items::{
    Located, Removed, insert_item_text, locate_item, remove_item, replace_item, replace_item_text,
};
pub use quote::{QuoteLocation, locate_quote};
pub use refs::{Reference, references_to};
pub use render::Style;
pub use said::{Said, SaidError, parse_when, resolve_said, said_words, sentence_around};
pub use splice::{List, NewItem, SpliceError, append, replace_value};
pub use write_back::{
    DatasetText, Gate, Written, create_dataset, parse_for_edit, read_dataset_text, write_back,
};

use crate::model::{Diagnostic, LoadError};

/// Why an authoring change was not made. In every case the file is
/// byte-identical to before.
#[derive(Debug)]
pub enum AuthorError {
    /// The file could not be read.
    Load(LoadError),
    /// The file could not be written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file does not pass `check` (`before_edit`), or would not after the edit.
    Invalid {
        origin: String,
        diagnostics: Vec<Diagnostic>,
        before_edit: bool,
    },
    /// The new item is not right (unknown actor, quote not found…).
    Draft(DraftError),
    /// The edit does not apply to the text.
    Edit(String),
}

impl std::fmt::Display for AuthorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Load(e) => e.fmt(f),
            Self::Io { path, source } => write!(f, "{}: cannot write: {source}", path.display()),
            Self::Invalid {
                origin,
                diagnostics,
                before_edit,
            } => {
                let lines: Vec<String> = diagnostics.iter().map(|d| d.render(origin)).collect();
                f.write_str(&lines.join("\n"))?;
                if *before_edit {
                    write!(
                        f,
                        "\n{origin}: invalid before the change; fix it first (claimtrack check)"
                    )
                } else {
                    write!(
                        f,
                        "\n{origin}: the change would make the file invalid; nothing was written"
                    )
                }
            }
            Self::Draft(e) => e.fmt(f),
            Self::Edit(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for AuthorError {}

impl From<DraftError> for AuthorError {
    fn from(e: DraftError) -> Self {
        Self::Draft(e)
    }
}

impl From<SpliceError> for AuthorError {
    fn from(e: SpliceError) -> Self {
        Self::Edit(e.0)
    }
}

impl AuthorError {
    /// The user's input (or file) is wrong, as opposed to the system failing.
    pub fn is_bad_input(&self) -> bool {
        match self {
            Self::Io { .. } => false,
            Self::Load(LoadError::Io { source, .. }) => {
                source.kind() == std::io::ErrorKind::NotFound
            }
            _ => true,
        }
    }
}
