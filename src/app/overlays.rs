//! What can open over the panes and takes the keys while open: the help
//! overlay, the article reader, the editor, the search box and a pending
//! chord. Which one is open decides the key scope (`AppState::scopes`).

use super::editor::Editor;
use super::keymap::Scope;
use super::reader::ReaderState;

#[derive(Default)]
pub struct Overlays {
    /// Help overlay scroll, when open.
    pub(super) help: Option<usize>,
    pub(super) reader: Option<ReaderState>,
    pub(super) editor: Option<Editor>,
    /// The search box text, while typing.
    pub(super) search_input: Option<String>,
    /// After `r`, `c` or `f`: the scope the next key is read in.
    pub(super) chord: Option<Scope>,
}

impl Overlays {
    pub fn help_scroll(&self) -> Option<usize> {
        self.help
    }

    pub fn reader(&self) -> Option<&ReaderState> {
        self.reader.as_ref()
    }

    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    pub fn search_input(&self) -> Option<&str> {
        self.search_input.as_deref()
    }

    pub fn chord(&self) -> Option<Scope> {
        self.chord
    }
}
