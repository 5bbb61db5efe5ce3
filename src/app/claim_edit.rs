//! Editing an existing claim (`Ctrl-E` on it): part A's new-claim form,
//! opened on the claim's draft, whose save replaces the claim where it is
//! in the file (`replace_item`) instead of appending one. Through the
//! file-is-truth check; undone with `u`.

use super::claim_form::{ClaimForm, SaveAs};
use super::keymap::Scope;
use super::reader::ReaderState;
use super::state::{AppState, reader_width};
use crate::model::ClaimIx;
use crate::model::authoring::refs::describe;
use crate::model::authoring::{
    ActorDraft, AuthorError, ClaimDraft, List, NewItem, append, parse_for_edit, prepare_actor,
    prepare_claim, references_to, replace_item,
};

impl AppState {
    /// The form on claim `c` (over what is shown: the panes or the reader).
    pub(super) fn edit_claim(&mut self, c: ClaimIx) {
        let Some(id) = self.loaded.dataset.claims.get(c.i()).map(|c| c.id.clone()) else {
            return;
        };
        let form = ClaimForm::draft_of_claim(&self.loaded, c)
            .and_then(|d| ClaimForm::new(&self.loaded, d, SaveAs::Replace(id.to_string())));
        let Some(form) = form else {
            self.complain(format!("claim {id}: its article is not in the dataset"));
            return;
        };
        self.overlays.claim_form = Some(form);
        let keys = &self.keymap;
        self.say(format!(
            "editing claim {id}: {} · {}",
            keys.hint(Scope::ClaimForm, &super::Action::FormSave, "save"),
            keys.hint(Scope::ClaimForm, &super::Action::FormCancel, "cancel"),
        ));
    }

    /// The form's save when editing: the claim replaced in place (with any
    /// actor made in the form appended), the new version shown, undo
    /// recorded. An id something refers to does not change.
    pub(super) fn save_edited_claim(
        &mut self,
        old: &str,
        draft: ClaimDraft,
        actors: Vec<ActorDraft>,
    ) {
        let origin = self.dataset_file.location();
        let new_id = draft.id.clone().unwrap_or_else(|| old.to_owned());
        let draft = ClaimDraft {
            id: Some(new_id.clone()),
            ..draft
        };
        let what = format!("edited claim {new_id}");
        let result = self.write_item(
            List::Claims,
            (Some(old), Some(&new_id)),
            &what,
            &mut |text| {
                let mut text = text.to_owned();
                for a in &actors {
                    let l = parse_for_edit(&origin, &text)?;
                    text = append(&text, &NewItem::Actor(prepare_actor(&l.dataset, a)?))?;
                }
                let now = parse_for_edit(&origin, &text)?;
                let refs = references_to(&now.dataset, List::Claims, old);
                if new_id != old && !refs.is_empty() {
                    return Err(AuthorError::Edit(format!(
                        "the id {old} cannot change while {} refer to it ({})",
                        refs.len(),
                        describe(&refs, 3)
                    )));
                }
                // Checked against the others: its old version is no duplicate.
                let mut others = now.dataset;
                others.claims.retain(|c| c.id != old);
                let claim = prepare_claim(&others, &draft)?.claim;
                Ok(replace_item(&text, old, &NewItem::Claim(claim))?)
            },
        );
        if let Ok(reloaded) = result {
            self.overlays.claim_form = None;
            if let Some(c) = self.loaded.index.claim_by_id.get(new_id.as_str()).copied() {
                self.select_claim(c);
                if self.overlays.reader.is_some() {
                    self.overlays.reader =
                        ReaderState::open(&self.loaded, c, reader_width(self.area));
                }
            }
            let undo = self
                .keymap
                .hint(Scope::Claims, &super::Action::Undo, "undoes");
            self.say(format!("{what} in {origin}{reloaded}; {undo}"));
        }
    }
}
