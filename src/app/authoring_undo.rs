//! Writing one item's change to the dataset file from the TUI, and undoing
//! it: every write goes through the `DatasetBackend` (the file is the
//! truth: re-read, re-applied, validated, atomic), the state then shows the
//! version written, and the change joins the one undo stack (`u`, Ctrl-R)
//! with the annotation edits.

use super::annotate::Step;
use super::dataset_file::TextEdit;
use super::state::AppState;
use crate::model::authoring::{AuthorError, ItemChange, List};

/// An authoring change on the undo stack.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DatasetStep {
    pub(super) change: ItemChange,
    /// "deleted claim c05", for the status line.
    pub(super) what: String,
}

/// An authoring error on one line of the status line.
pub(super) fn one_line(e: &AuthorError) -> String {
    let text = e.to_string();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .collect();
    lines.join(" · ")
}

const RELOADED: &str = " (the file had changed on disk: done on its new version)";

impl AppState {
    /// Writes `edit` of item `id_before` of `list` (which becomes `id_after`;
    /// `None`: added or removed) to the dataset file, shows the written
    /// version and records the undo step. `Err`: nothing was written, and
    /// the status line says why.
    pub(super) fn write_item(
        &mut self,
        list: List,
        ids: (Option<&str>, Option<&str>),
        what: &str,
        edit: &mut TextEdit,
    ) -> Result<&'static str, ()> {
        if let Some(why) = self.dataset_file.read_only_reason() {
            self.complain(why);
            return Err(());
        }
        let mut before = String::new();
        let written = self.dataset_file.write(&mut |text: &str| {
            before = text.to_owned();
            edit(text)
        });
        let written = match written {
            Ok(w) => w,
            Err(e) => {
                self.complain(format!("{what}: not done: {}", one_line(&e)));
                return Err(());
            }
        };
        let change = ItemChange::between(list, ids.0, ids.1, &before, &written.text);
        if let Some(loaded) = written.loaded {
            self.adopt_dataset(loaded);
        }
        match change {
            Ok(change) => self.undo.record_dataset(DatasetStep {
                change,
                what: what.to_owned(),
            }),
            // Written, but not found again to undo: say so rather than
            // offer an undo that would not work.
            Err(e) => self.complain(format!(
                "{what}: done, but cannot be undone: {}",
                one_line(&e)
            )),
        }
        Ok(if written.reloaded { RELOADED } else { "" })
    }

    /// `u` / Ctrl-R on an authoring change: the item's previous (or next)
    /// text written back through the same file-is-truth check.
    pub(super) fn undo_redo_dataset(&mut self, step: DatasetStep, undo: bool) {
        let verb = if undo { "undid" } else { "redid" };
        if let Some(why) = self.dataset_file.read_only_reason() {
            self.undo.done(!undo, Step::Dataset(Box::new(step)));
            self.complain(why);
            return;
        }
        let change = step.change.clone();
        let written = self.dataset_file.write(&mut |text: &str| {
            if undo {
                change.undo(text)
            } else {
                change.redo(text)
            }
        });
        match written {
            Ok(w) => {
                if let Some(loaded) = w.loaded {
                    self.adopt_dataset(loaded);
                }
                let reloaded = if w.reloaded { RELOADED } else { "" };
                let what = step.what.clone();
                self.undo.done(undo, Step::Dataset(Box::new(step)));
                self.say(format!(
                    "{verb}: {what} ({}){reloaded}",
                    self.dataset_file.location()
                ));
            }
            Err(e) => {
                let what = step.what.clone();
                self.undo.done(!undo, Step::Dataset(Box::new(step)));
                self.complain(format!(
                    "cannot {} “{what}”: {}",
                    if undo { "undo" } else { "redo" },
                    one_line(&e)
                ));
            }
        }
    }
}
