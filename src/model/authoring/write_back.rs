//! Writing an edit back to the dataset file: the file is the truth.
//!
//! The edit is a function of the file's text, so that it can be applied
//! again to whatever is on disk at the time of writing: if the file changed
//! since it was read (an editor, a `git pull`), it is read again and the
//! edit re-applied to it, never written over it. The result must pass the
//! same validation as `claimtrack check`; otherwise nothing is written. The
//! write is atomic ([`safe_fs::write_atomic`]): on any error the file is
//! byte-identical to before.

use std::path::{Path, PathBuf};

use super::AuthorError;
use crate::model::dataset::Dataset;
use crate::model::load::{MAX_FILE_BYTES, into_text};
use crate::model::{Diagnostic, LoadError, Loaded, parse_str, safe_fs};

/// A dataset file's text as it was read, to edit and write back.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetText {
    pub path: PathBuf,
    pub text: String,
}

/// What the written file must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Pass `check` (every authoring edit).
    Valid,
    /// Parse, with fewer errors than the file had (`check --fix` on an
    /// invalid file: the repairs are kept even if other errors remain).
    FewerErrors,
}

/// What [`write_back`] wrote.
#[derive(Debug)]
pub struct Written {
    /// The new text of the file.
    pub text: String,
    /// The new dataset, validated; `None` only under [`Gate::FewerErrors`]
    /// when errors remain.
    pub loaded: Option<Loaded>,
    /// The file had changed on disk since it was read; the edit was applied
    /// to the new version.
    pub reloaded: bool,
}

/// Reads the file (a regular file, at most [`MAX_FILE_BYTES`], UTF-8).
pub fn read_dataset_text(path: &Path) -> Result<DatasetText, AuthorError> {
    let bytes = safe_fs::read_regular(path, MAX_FILE_BYTES).map_err(|source| {
        AuthorError::Load(LoadError::Io {
            path: path.to_owned(),
            source,
        })
    })?;
    let text = into_text(path, bytes).map_err(AuthorError::Load)?;
    Ok(DatasetText {
        path: path.to_owned(),
        text,
    })
}

/// A file changing under us again and again is given up on after this many reads.
const MAX_ATTEMPTS: usize = 3;

/// Applies `edit` to the file's current text and writes the result.
///
/// `edit` gets the current text and returns the new one (see
/// [`parse_for_edit`] for the dataset it holds). The result is validated like
/// `check` (see [`Gate`]) and written atomically; nothing is written on any
/// error.
pub fn write_back(
    file: &DatasetText,
    gate: Gate,
    edit: &mut dyn FnMut(&str) -> Result<String, AuthorError>,
) -> Result<Written, AuthorError> {
    let origin = file.path.display().to_string();
    let mut reloaded = false;
    let mut current = file.text.clone();
    for _ in 0..MAX_ATTEMPTS {
        let on_disk = read_dataset_text(&file.path)?.text;
        if on_disk != current {
            reloaded = true;
            current = on_disk;
        }
        let text = edit(&current)?;
        let loaded = match (parse_str(&text), gate) {
            (Ok(l), _) => Some(l),
            (Err(after), Gate::FewerErrors) if parses(&text) => {
                let errors = |d: &[Diagnostic]| d.iter().filter(|d| d.is_error()).count();
                let before = parse_str(&current).err().unwrap_or_default();
                if errors(&after) >= errors(&before) {
                    return Err(AuthorError::Edit(format!(
                        "{origin}: the change does not reduce the errors; nothing was written"
                    )));
                }
                None
            }
            (Err(diagnostics), _) => {
                return Err(AuthorError::Invalid {
                    origin: origin.clone(),
                    diagnostics,
                    before_edit: false,
                });
            }
        };
        // The last moment to notice another writer: read once more.
        if read_dataset_text(&file.path)?.text != current {
            continue;
        }
        safe_fs::write_atomic(&file.path, text.as_bytes()).map_err(|source| AuthorError::Io {
            path: file.path.clone(),
            source,
        })?;
        return Ok(Written {
            text,
            loaded,
            reloaded,
        });
    }
    Err(AuthorError::Edit(format!(
        "{origin}: the file keeps changing on disk; nothing was written"
    )))
}

/// The dataset in `text` for an edit to work on: it must pass `check`
/// (an edit is checked against the references and quotes it makes).
pub fn parse_for_edit(origin: &str, text: &str) -> Result<Loaded, AuthorError> {
    parse_str(text).map_err(|diagnostics| AuthorError::Invalid {
        origin: origin.to_owned(),
        diagnostics,
        before_edit: true,
    })
}

/// The text is a dataset as far as the parser goes (validation aside).
fn parses(text: &str) -> bool {
    ron::Options::default().from_str::<Dataset>(text).is_ok()
}

/// Writes a new dataset file holding `text`, which must pass `check`; an
/// existing file is never replaced.
pub fn create_dataset(path: &Path, text: &str) -> Result<Loaded, AuthorError> {
    let origin = path.display().to_string();
    let loaded = parse_str(text).map_err(|diagnostics| AuthorError::Invalid {
        origin: origin.clone(),
        diagnostics,
        before_edit: false,
    })?;
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(AuthorError::Edit(format!(
            "{origin}: already exists; nothing was written"
        )));
    }
    safe_fs::write_atomic(path, text.as_bytes()).map_err(|source| AuthorError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;
    use crate::model::authoring::{ActorDraft, NewItem, append, prepare_actor};
    use crate::model::load::BUNDLED_SOURCE as BUNDLED_SOURCE_FOR_TESTS;

    fn add_actor(id: &'static str) -> impl FnMut(&str) -> Result<String, AuthorError> {
        move |text: &str| {
            let loaded = parse_for_edit("t", text)?;
            let actor = prepare_actor(
                &loaded.dataset,
                &ActorDraft {
                    id: Some(id.into()),
                    name: id.into(),
                    kind: ActorKind::Person,
                    aliases: vec![],
                    part_of: None,
                    note: None,
                },
            )?;
            Ok(append(text, &NewItem::Actor(actor))?)
        }
    }

    #[test]
    fn a_file_changed_on_disk_is_reloaded_and_the_edit_reapplied() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.ron");
        std::fs::write(&path, BUNDLED_SOURCE_FOR_TESTS).expect("write");
        let file = read_dataset_text(&path).expect("read");
        // Someone else adds a comment meanwhile.
        let theirs = BUNDLED_SOURCE_FOR_TESTS.replacen("Dataset(", "// theirs\nDataset(", 1);
        std::fs::write(&path, &theirs).expect("write theirs");
        let w = write_back(&file, Gate::Valid, &mut add_actor("newcomer")).expect("written");
        assert!(w.reloaded);
        let now = std::fs::read_to_string(&path).expect("read");
        assert!(now.starts_with("// claimtrack seed") && now.contains("// theirs\nDataset("));
        assert!(now.contains("id: \"newcomer\""));
        assert_eq!(w.text, now);
        assert!(w.loaded.is_some());
    }

    #[test]
    fn nothing_is_written_when_the_result_would_not_pass_check() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.ron");
        std::fs::write(&path, BUNDLED_SOURCE_FOR_TESTS).expect("write");
        let file = read_dataset_text(&path).expect("read");
        let e = write_back(&file, Gate::Valid, &mut add_actor("bad id")).expect_err("invalid id");
        assert!(
            matches!(
                e,
                AuthorError::Invalid {
                    before_edit: false,
                    ..
                }
            ),
            "{e}"
        );
        let e = write_back(&file, Gate::Valid, &mut |t: &str| Ok(format!("{t}\n)")))
            .expect_err("syntax");
        assert!(matches!(e, AuthorError::Invalid { .. }), "{e}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            BUNDLED_SOURCE_FOR_TESTS
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "a temporary file was left: {names:?}");
    }

    #[test]
    fn a_new_dataset_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.ron");
        create_dataset(&path, BUNDLED_SOURCE_FOR_TESTS).expect("created");
        assert!(create_dataset(&path, BUNDLED_SOURCE_FOR_TESTS).is_err());
        assert!(create_dataset(&dir.path().join("e.ron"), "Dataset(").is_err());
        assert!(!dir.path().join("e.ron").exists());
    }
}
