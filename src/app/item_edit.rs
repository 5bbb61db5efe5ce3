//! Editing an existing actor or event from the TUI (`Ctrl-E`; a claim opens
//! the claim form, `claim_edit.rs`): the form (`item_form.rs`), and its
//! save: the item replaced in place in the file as it is on disk now,
//! checked like `claimtrack check`, undoable.

use super::action::InputKey;
use super::item_form::ItemForm;
use super::keymap::Scope;
use super::state::AppState;
use crate::model::authoring::refs::describe;
use crate::model::authoring::{
    ActorDraft, AuthorError, EventDraft, List, NewItem, parse_for_edit, prepare_actor,
    prepare_event, references_to, replace_item,
};

/// What the form holds, read.
enum Draft {
    Actor(ActorDraft),
    Event(EventDraft),
}

impl AppState {
    /// `Ctrl-E`: the form for the highlighted claim, actor or event.
    pub(super) fn edit_item(&mut self) {
        if let Some(why) = self.dataset_file.read_only_reason() {
            self.complain(why);
            return;
        }
        let (list, id, _) = match self.highlighted_item() {
            Ok(x) => x,
            Err(why) => {
                self.complain(format!("nothing to edit: {why}"));
                return;
            }
        };
        let ds = &self.loaded.dataset;
        let form = match list {
            List::Actors => ds.actors.iter().find(|a| a.id == id).map(ItemForm::actor),
            List::Events => ds.events.iter().find(|e| e.id == id).map(ItemForm::event),
            List::Claims => {
                if let Some(c) = self.loaded.index.claim_by_id.get(id.as_str()).copied() {
                    self.edit_claim(c);
                }
                return;
            }
            List::Articles => None,
        };
        if let Some(f) = form {
            let keys = &self.keymap;
            self.say(format!(
                "editing {} {id}: {} · {} · {}",
                list.noun(),
                keys.hint(Scope::ItemForm, &super::Action::ItemFormSave, "save"),
                keys.hint(Scope::ItemForm, &super::Action::ItemFormNext, "next field"),
                keys.hint(Scope::ItemForm, &super::Action::ItemFormCancel, "cancel"),
            ));
            self.overlays.item_form = Some(f);
        }
    }

    pub(super) fn item_form_step(&mut self, by: isize) {
        if let Some(f) = &mut self.overlays.item_form {
            f.step(by);
        }
    }

    pub(super) fn item_form_input(&mut self, key: InputKey) {
        if let Some(f) = &mut self.overlays.item_form {
            f.input(key);
        }
    }

    pub(super) fn item_form_cycle(&mut self) {
        if let Some(f) = &mut self.overlays.item_form {
            f.cycle();
        }
    }

    /// Esc: an unchanged form just closes; a changed one asks first.
    pub(super) fn item_form_cancel(&mut self) {
        let Some(f) = &mut self.overlays.item_form else {
            return;
        };
        if !f.is_changed() {
            self.overlays.item_form = None;
            self.say("closed; nothing changed");
            return;
        }
        f.set_confirming_discard(true);
        let keys = &self.keymap;
        let scope = Scope::DiscardItemForm;
        self.say(format!(
            "discard your changes? {} · {} · {}",
            keys.hint(scope, &super::Action::ItemFormDiscard, "discard"),
            keys.hint(scope, &super::Action::ItemFormKeepEditing, "keep editing"),
            keys.hint(scope, &super::Action::ItemFormSave, "save"),
        ));
    }

    pub(super) fn item_form_discard(&mut self) {
        self.overlays.item_form = None;
        self.say("changes discarded");
    }

    pub(super) fn item_form_keep_editing(&mut self) {
        if let Some(f) = &mut self.overlays.item_form {
            f.set_confirming_discard(false);
        }
        self.message = None;
    }

    /// `Ctrl-S`: the item replaced in the file as it is now. The form stays
    /// open on any error, which the status line names.
    pub(super) fn item_form_save(&mut self) {
        let Some(form) = self.overlays.item_form.clone() else {
            return;
        };
        if let Some(f) = &mut self.overlays.item_form {
            f.set_confirming_discard(false);
        }
        let list = form.list();
        let old = form.original_id().to_owned();
        let new_id = form.id();
        let draft = match list {
            List::Actors => form.actor_draft().map(Draft::Actor),
            _ => Ok(Draft::Event(form.event_draft())),
        };
        let draft = match draft {
            Ok(d) => d,
            Err(why) => {
                self.complain(format!("not saved: {why}"));
                return;
            }
        };
        let origin = self.dataset_file.location();
        let what = format!("edited {} {new_id}", list.noun());
        let result = self.write_item(list, (Some(&old), Some(&new_id)), &what, &mut |text| {
            let now = parse_for_edit(&origin, text)?;
            let refs = references_to(&now.dataset, list, &old);
            if new_id != old && !refs.is_empty() {
                return Err(AuthorError::Edit(format!(
                    "the id {old} cannot change while {} refer to it ({}): change the id in the file",
                    refs.len(),
                    describe(&refs, 3)
                )));
            }
            // Checked against the others: its own old version is no duplicate.
            let mut others = now.dataset;
            let item = match &draft {
                Draft::Actor(d) => {
                    others.actors.retain(|a| a.id != old);
                    NewItem::Actor(prepare_actor(&others, d)?)
                }
                Draft::Event(d) => {
                    others.events.retain(|e| e.id != old);
                    NewItem::Event(prepare_event(&others, d)?)
                }
            };
            Ok(replace_item(text, &old, &item)?)
        });
        if let Ok(reloaded) = result {
            self.overlays.item_form = None;
            let undo = self
                .keymap
                .hint(Scope::Claims, &super::Action::Undo, "undoes");
            self.say(format!("{what} in {origin}{reloaded}; {undo}"));
        }
    }
}
