//! Where authoring changes from the TUI go: the dataset file (through
//! `model::authoring::DatasetFile`: format-preserving, validated like
//! `check`, atomic, re-applied to the file if it changed on disk), memory in
//! tests, or nowhere for the bundled dataset, which is part of the program.
//! The file is also watched for outside changes (`poll`).

use std::path::{Path, PathBuf};

use crate::model::authoring::{AuthorError, DatasetFile, Outside, Written};
use crate::model::cache::Version;

/// An edit of the dataset's text (see `write_back`): it gets the current
/// text and returns the new one.
pub type TextEdit<'a> = dyn FnMut(&str) -> Result<String, AuthorError> + 'a;

pub trait DatasetBackend {
    /// How the dataset is named in messages.
    fn location(&self) -> String;
    /// Why nothing can be written, when it cannot.
    fn read_only_reason(&self) -> Option<String>;
    /// The dataset's text, when it is held in memory (the bundled dataset,
    /// tests); a file's is not: an edit reads it from disk.
    fn text(&self) -> Option<&str>;
    /// Applies `edit` to the text on disk now and writes the result; nothing
    /// is written on error. `Written::reloaded`: the file had changed.
    fn write(&mut self, edit: &mut TextEdit) -> Result<Written, AuthorError>;
    /// Did the file change on disk since it was read or written? Cheap
    /// when it did not (one `stat`).
    fn poll(&mut self) -> Outside {
        Outside::Unchanged
    }
    /// Whether a look at a file that may have changed runs in the
    /// background: [`Self::poll`] tells what it found once it is done.
    fn checking(&self) -> bool {
        false
    }
    /// The directory to watch for outside changes, and the file in it.
    fn watched(&self) -> Option<(PathBuf, PathBuf)> {
        None
    }
    /// The dataset shown was loaded again, from `version` of the file.
    fn loaded_version(&mut self, _version: &Version) {}
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

    fn text(&self) -> Option<&str> {
        Some(crate::model::load::BUNDLED_SOURCE)
    }

    fn write(&mut self, _edit: &mut TextEdit) -> Result<Written, AuthorError> {
        Err(AuthorError::Edit(BUNDLED_READ_ONLY.into()))
    }
}

/// A dataset that was read but cannot be written back (from a pipe, or a
/// file that is not a regular one): authoring says why.
pub struct UnwritableDataset {
    location: String,
    reason: String,
}

impl UnwritableDataset {
    pub fn new(location: String, reason: String) -> Self {
        Self { location, reason }
    }
}

impl DatasetBackend for UnwritableDataset {
    fn location(&self) -> String {
        self.location.clone()
    }

    fn read_only_reason(&self) -> Option<String> {
        Some(self.reason.clone())
    }

    fn text(&self) -> Option<&str> {
        None
    }

    fn write(&mut self, _edit: &mut TextEdit) -> Result<Written, AuthorError> {
        Err(AuthorError::Edit(self.reason.clone()))
    }
}

/// A dataset file on disk.
pub struct FileDataset {
    file: DatasetFile,
}

impl FileDataset {
    /// The file the dataset was loaded from, as it is on disk now (read
    /// once, to stamp the version).
    pub fn open(path: &Path) -> Result<Self, AuthorError> {
        Ok(Self {
            file: DatasetFile::attach(path)?,
        })
    }

    /// The file the dataset was loaded from, in the `version` the load
    /// saw (the cache's): nothing is read until an edit needs the text.
    pub fn open_loaded(path: &Path, version: Option<&Version>) -> Result<Self, AuthorError> {
        Ok(Self {
            file: DatasetFile::attach_loaded(path, version)?,
        })
    }

    /// How many times the file's whole text was read (a test's hook).
    pub fn reads(&self) -> usize {
        self.file.reads()
    }

    /// From what size a changed file is looked at in the background (a
    /// test's hook: 4 MiB otherwise).
    pub fn with_background_from(mut self, bytes: u64) -> Self {
        self.file.set_background_from(bytes);
        self
    }
}

impl DatasetBackend for FileDataset {
    fn location(&self) -> String {
        self.file.path().display().to_string()
    }

    fn read_only_reason(&self) -> Option<String> {
        None
    }

    fn text(&self) -> Option<&str> {
        None
    }

    fn write(&mut self, edit: &mut TextEdit) -> Result<Written, AuthorError> {
        let saved = self.file.write(edit)?;
        let mut written = saved.written;
        written.reloaded = saved.reloaded;
        Ok(written)
    }

    fn poll(&mut self) -> Outside {
        self.file.poll()
    }

    fn checking(&self) -> bool {
        self.file.checking()
    }

    fn loaded_version(&mut self, version: &Version) {
        self.file.hold(version);
    }

    fn watched(&self) -> Option<(PathBuf, PathBuf)> {
        Some((
            self.file.watch_dir().to_owned(),
            self.file.real_path().to_owned(),
        ))
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

    fn text(&self) -> Option<&str> {
        Some(&self.text)
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
