//! Deleting a claim, actor or event from the dataset file.
//!
//! It asks first, naming the item. An item something else refers to (a
//! claim citing an actor, an event listing a claim…) is not deleted: the
//! references are listed instead, to change or delete first. Cascading
//! would silently rewrite other items; refusing keeps every change one the
//! analyst saw. The check is made again on the file's text at the time of
//! writing, in case it changed on disk meanwhile.

use super::action::Pane;
use super::keymap::Scope;
use super::state::AppState;
use crate::model::authoring::{
    AuthorError, List, parse_for_edit, references_to, refs::describe, remove_item,
};
use crate::model::timeline::Item;
use crate::text::ellipsize;

/// The question `D` asks: delete this item?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletePrompt {
    pub list: List,
    pub id: String,
    /// The claim's text, the actor's name, the event's title.
    pub label: String,
}

impl AppState {
    /// The dataset item the focused pane highlights.
    pub fn highlighted_item(&self) -> Result<(List, String, String), &'static str> {
        let ds = &self.loaded.dataset;
        let claim = |c: crate::model::ClaimIx| {
            ds.claims
                .get(c.i())
                .map(|c| (List::Claims, c.id.to_string(), c.text.clone()))
                .ok_or("no claim is shown")
        };
        match self.focus {
            Pane::Claims | Pane::Detail => claim(self.selected_claim().ok_or("no claim is shown")?),
            Pane::Timeline => match self.timeline.axis.selected_item(&self.timeline.data) {
                Some(Item::Claim(c)) => claim(c),
                Some(Item::Event(e)) => ds
                    .events
                    .get(e.i())
                    .map(|e| (List::Events, e.id.to_string(), e.title.clone()))
                    .ok_or("the timeline shows nothing"),
                None => Err("the timeline shows nothing"),
            },
            Pane::Actors => self
                .actors
                .selected()
                .and_then(|a| ds.actors.get(a.i()))
                .map(|a| (List::Actors, a.id.to_string(), a.name.clone()))
                .ok_or("“All actors” is highlighted: move to an actor first"),
        }
    }

    /// `D`: asks before deleting the highlighted item; refuses, listing
    /// them, while anything refers to it.
    pub(super) fn delete_item(&mut self) {
        if let Some(why) = self.dataset_file.read_only_reason() {
            self.complain(why);
            return;
        }
        let (list, id, label) = match self.highlighted_item() {
            Ok(x) => x,
            Err(why) => {
                self.complain(format!("nothing to delete: {why}"));
                return;
            }
        };
        let noun = list.noun();
        let refs = references_to(&self.loaded.dataset, list, &id);
        if !refs.is_empty() {
            self.complain(format!(
                "{noun} {id} is not deleted: {} refer{} to it: {}; change or delete {} first",
                refs_count(refs.len()),
                if refs.len() == 1 { "s" } else { "" },
                describe(&refs, 4),
                if refs.len() == 1 { "it" } else { "those" }
            ));
            return;
        }
        let orphan = if list == List::Claims && self.annotations.set().get(&id).is_some() {
            " (your annotation of it is kept, as an orphan)"
        } else {
            ""
        };
        let keys = &self.keymap;
        let scope = Scope::ConfirmDelete;
        self.say(format!(
            "delete {noun} {id} “{}” from {}{orphan}? {} · {}",
            ellipsize(&label, 40),
            self.dataset_file.location(),
            keys.hint(scope, &super::Action::DeleteConfirm, "delete"),
            keys.hint(scope, &super::Action::DeleteCancel, "keep it"),
        ));
        self.overlays.delete_prompt = Some(DeletePrompt { list, id, label });
    }

    /// `y` at the question: removed from the file (if nothing refers to it
    /// in the file as it is now), the new version shown, undo recorded.
    pub(super) fn delete_confirm(&mut self) {
        let Some(p) = self.overlays.delete_prompt.take() else {
            return;
        };
        let noun = p.list.noun();
        let origin = self.dataset_file.location();
        let what = format!("deleted {noun} {}", p.id);
        let result = self.write_item(p.list, (Some(&p.id), None), &what, &mut |text: &str| {
            let now = parse_for_edit(&origin, text)?;
            let refs = references_to(&now.dataset, p.list, &p.id);
            if !refs.is_empty() {
                return Err(AuthorError::Edit(format!(
                    "in the file as it is now, {} refer to it: {}",
                    refs_count(refs.len()),
                    describe(&refs, 4)
                )));
            }
            Ok(remove_item(text, p.list, &p.id)?.text)
        });
        if let Ok(reloaded) = result {
            let undo = self
                .keymap
                .hint(Scope::Claims, &super::Action::Undo, "undoes");
            self.say(format!("{what} from {origin}{reloaded}; {undo}"));
        }
    }

    pub(super) fn delete_cancel(&mut self) {
        if let Some(p) = self.overlays.delete_prompt.take() {
            self.say(format!("kept {} {}", p.list.noun(), p.id));
        }
    }
}

fn refs_count(n: usize) -> String {
    format!("{n} item{}", if n == 1 { "" } else { "s" })
}
