//! What can open over the panes and takes the keys while open: the help
//! overlay, the article reader, the editor, the search box and a pending
//! chord. Which one is open decides the key scope (`AppState::scopes`).

use super::editor::Editor;
use super::keymap::Scope;
use super::orphans::OrphansView;
use super::reader::ReaderState;
use super::rescue::{QuitPrompt, RescueOffer};

#[derive(Default)]
pub struct Overlays {
    /// Help overlay scroll, when open.
    pub(super) help: Option<usize>,
    pub(super) reader: Option<ReaderState>,
    pub(super) editor: Option<Editor>,
    /// The search box text, while typing.
    pub(super) search_input: Option<String>,
    /// Why the search box text does not run (the list keeps the last query
    /// that did), shown under the box.
    pub(super) search_error: Option<String>,
    /// After `r`, `c` or `f`: the scope the next key is read in.
    pub(super) chord: Option<Scope>,
    /// After `T` and a part letter: the part the number takes (the next
    /// action consumes it, whatever it is).
    pub(super) take_part: Option<super::action::VerdictPart>,
    /// `q` with unsaved changes: retry, rescue copy, discard or cancel.
    pub(super) quit_prompt: Option<QuitPrompt>,
    /// The links `o` offers when a claim has several (with the LinkMenu chord).
    pub(super) links: Vec<crate::model::citation::Link>,
    /// Rescue copies found at the start, offered for merging.
    pub(super) rescue_offer: Option<RescueOffer>,
    /// Annotations of claims no longer in the dataset, and re-attaching one.
    pub(super) orphans: Option<OrphansView>,
    /// The command palette (`:`).
    pub(super) palette: Option<super::palette::Palette>,
    /// A fuzzy list of tags, articles, actors, statuses or views.
    pub(super) picker: Option<super::picker::Picker>,
    /// The agreement panel (compare mode), with the field it compares on.
    pub(super) agreement: Option<crate::model::agreement::Field>,
    /// The new-claim form (over the reader it was opened from).
    pub(super) claim_form: Option<super::claim_form::ClaimForm>,
    /// `D`: the item about to be deleted, asked about.
    pub(super) delete_prompt: Option<super::delete::DeletePrompt>,
    /// `Ctrl-E`: the edit form of an existing claim, actor or event.
    pub(super) item_form: Option<super::item_form::ItemForm>,
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

    /// Why the search box text is not applied, while it is typed.
    pub fn search_error(&self) -> Option<&str> {
        self.search_error.as_deref()
    }

    pub fn chord(&self) -> Option<Scope> {
        self.chord
    }

    pub fn take_part(&self) -> Option<super::action::VerdictPart> {
        self.take_part
    }

    pub fn quit_prompt(&self) -> Option<&QuitPrompt> {
        self.quit_prompt.as_ref()
    }

    pub fn rescue_offer(&self) -> Option<&RescueOffer> {
        self.rescue_offer.as_ref()
    }

    pub fn orphans(&self) -> Option<&OrphansView> {
        self.orphans.as_ref()
    }

    pub fn palette(&self) -> Option<&super::palette::Palette> {
        self.palette.as_ref()
    }

    pub fn picker(&self) -> Option<&super::picker::Picker> {
        self.picker.as_ref()
    }

    pub fn claim_form(&self) -> Option<&super::claim_form::ClaimForm> {
        self.claim_form.as_ref()
    }

    pub fn delete_prompt(&self) -> Option<&super::delete::DeletePrompt> {
        self.delete_prompt.as_ref()
    }

    pub fn item_form(&self) -> Option<&super::item_form::ItemForm> {
        self.item_form.as_ref()
    }
}
