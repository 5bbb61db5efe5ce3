//! Where authoring changes from the TUI go: the dataset file (through
//! `model::authoring::write_back`: format-preserving, validated like
//! `check`, atomic, re-applied to the file if it changed on disk), memory in
//! tests, or nowhere for the bundled dataset, which is part of the program.

use std::path::Path;

use crate::model::authoring::{
    AuthorError, DatasetText, Gate, Written, read_dataset_text, write_back,
};

/// An edit of the dataset's text (see `write_back`): it gets the current
/// text and returns the new one.
pub type TextEdit<'a> = dyn FnMut(&str) -> Result<String, AuthorError> + 'a;

pub trait DatasetBackend {
    /// How the dataset is named in messages.
    fn location(&self) -> String;
    /// Why nothing can be written, when it cannot.
    fn read_only_reason(&self) -> Option<String>;
    /// The dataset's text as last read or written.
    fn text(&self) -> &str;
    /// Applies `edit` and writes the result; nothing is written on error.
    fn write(&mut self, edit: &mut TextEdit) -> Result<Written, AuthorError>;
}

/// The bundled dataset is compiled into the program: never written.
pub struct BundledDataset;

/// What the TUI says when asked to author on the bundled dataset.
pub const BUNDLED_READ_ONLY: &str = "the bundled dataset is read-only: open your own file \
(claimtrack my.ron; `claimtrack import page.html --into my.ron` makes one)";

impl DatasetBackend for BundledDataset {
    fn location(&self) -> String {
        "the bundled dataset".into()
    }

    fn read_only_reason(&self) -> Option<String> {
        Some(BUNDLED_READ_ONLY.into())
    }

    fn text(&self) -> &str {
        crate::model::load::BUNDLED_SOURCE
    }

    fn write(&mut self, _edit: &mut TextEdit) -> Result<Written, AuthorError> {
        Err(AuthorError::Edit(BUNDLED_READ_ONLY.into()))
    }
}

/// A dataset file on disk.
pub struct FileDataset {
    file: DatasetText,
}

impl FileDataset {
    /// Reads the file's text, the version edits start from.
    pub fn open(path: &Path) -> Result<Self, AuthorError> {
        Ok(Self {
            file: read_dataset_text(path)?,
        })
    }
}

impl DatasetBackend for FileDataset {
    fn location(&self) -> String {
        self.file.path.display().to_string()
    }

    fn read_only_reason(&self) -> Option<String> {
        None
    }

    fn text(&self) -> &str {
        &self.file.text
    }

    fn write(&mut self, edit: &mut TextEdit) -> Result<Written, AuthorError> {
        let written = write_back(&self.file, Gate::Valid, edit)?;
        self.file.text.clone_from(&written.text);
        Ok(written)
    }
}

/// A dataset text in memory (tests): validated as a file would be.
pub struct MemoryDataset {
    text: String,
}

impl MemoryDataset {
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

impl DatasetBackend for MemoryDataset {
    fn location(&self) -> String {
        "memory.ron".into()
    }

    fn read_only_reason(&self) -> Option<String> {
        None
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn write(&mut self, edit: &mut TextEdit) -> Result<Written, AuthorError> {
        let text = edit(&self.text)?;
        let loaded =
            crate::model::parse_str(&text).map_err(|diagnostics| AuthorError::Invalid {
                origin: self.location(),
                diagnostics,
                before_edit: false,
            })?;
        self.text.clone_from(&text);
        Ok(Written {
            text,
            loaded: Some(loaded),
            reloaded: false,
        })
    }
}
