//! Authoring from the TUI: the reader's selection becomes a new-claim form;
//! its save goes through the model's authoring API to the dataset file
//! (`DatasetBackend`), and the state then shows the dataset as written.

use std::sync::Arc;

use super::actors_list::ActorsList;
use super::claim_form::{ActorRole, ClaimForm, FormOutcome, SaveAs};
use super::fuzzy_list::FuzzyList;
use super::key::Key;
use super::lazy_search::LazySearch;
use super::picker::{PickItem, PickKind, PickValue, Picker};
use super::reader::ReaderState;
use super::state::{AppState, reader_width};
use super::statuses::Statuses;
use super::timeline_view::TimelineView;
use crate::model::authoring::{
    ItemChange, List, NewItem, append, parse_for_edit, prepare_actor, prepare_claim,
};
use crate::model::timeline::Timeline;
use crate::model::{ActorIx, ClaimIx, Loaded};

impl AppState {
    /// `c` in the reader: the new-claim form on the selection.
    pub(super) fn new_claim(&mut self) {
        if let Some(why) = self.dataset_file.read_only_reason() {
            self.complain(why);
            return;
        }
        let Some(r) = &self.overlays.reader else {
            return;
        };
        let Some((p, range)) = r.selection(&self.loaded) else {
            self.complain(
                "select the quote first: v, then w/e/l/j… (or drag with the mouse); then c",
            );
            return;
        };
        let draft = ClaimForm::draft_from_selection(&self.loaded, r.article, p, range);
        match draft {
            Some(d) if d.quote.trim().is_empty() => {
                self.complain("the selection is only spaces: select the words quoted")
            }
            Some(d) => self.overlays.claim_form = ClaimForm::new(&self.loaded, d, SaveAs::Append),
            None => self.complain("the selection is not in the article's text"),
        }
    }

    fn with_form(&mut self, f: impl FnOnce(&mut ClaimForm, &Loaded) -> FormOutcome) {
        let Some(form) = &mut self.overlays.claim_form else {
            return;
        };
        match f(form, &self.loaded) {
            FormOutcome::Changed => form.check(&self.loaded),
            FormOutcome::Unchanged => {}
            FormOutcome::Pick(role, typed) => self.open_actor_picker(role, &typed),
        }
    }

    pub(super) fn form_step(&mut self, dir: isize) {
        self.with_form(|f, _| {
            f.step(dir);
            FormOutcome::Unchanged
        });
    }

    pub(super) fn form_enter(&mut self) {
        self.with_form(|f, _| f.enter());
    }

    pub(super) fn form_cycle(&mut self) {
        self.with_form(|f, _| {
            let in_actor = f.actor_form().is_some();
            f.cycle();
            if in_actor {
                FormOutcome::Unchanged
            } else {
                FormOutcome::Changed
            }
        });
    }

    pub(super) fn form_input(&mut self, key: Key) {
        self.with_form(|f, _| f.input(key));
    }

    pub(super) fn form_paste(&mut self, text: &str) {
        self.with_form(|f, _| {
            f.paste(text);
            FormOutcome::Changed
        });
    }

    /// Esc: closes the form, asking first when something was changed.
    pub(super) fn form_cancel(&mut self) {
        if let Some(f) = &mut self.overlays.claim_form {
            if f.is_changed() {
                f.set_confirming_discard(true);
            } else {
                self.overlays.claim_form = None;
            }
        }
    }

    pub(super) fn form_discard(&mut self) {
        self.overlays.claim_form = None;
        self.say("new claim discarded");
    }

    pub(super) fn form_keep_editing(&mut self) {
        if let Some(f) = &mut self.overlays.claim_form {
            f.set_confirming_discard(false);
        }
    }

    pub(super) fn actor_form_add(&mut self) {
        let Some(f) = &mut self.overlays.claim_form else {
            return;
        };
        match f.add_actor(&self.loaded) {
            Ok(id) => {
                f.check(&self.loaded);
                self.say(format!("new actor “{id}”: added with the claim on Ctrl-S"));
            }
            Err(why) => self.complain(why),
        }
    }

    pub(super) fn actor_form_cancel(&mut self) {
        if let Some(f) = &mut self.overlays.claim_form {
            f.close_actor_form();
        }
    }

    /// The actor picker of a form field: the dataset's actors, those made in
    /// the form, and "new actor…" (always shown, whatever is typed).
    fn open_actor_picker(&mut self, role: ActorRole, typed: &str) {
        let Some(form) = &self.overlays.claim_form else {
            return;
        };
        let ix = &self.loaded.index;
        let mut items: Vec<PickItem> = self
            .loaded
            .dataset
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| PickItem {
                value: PickValue::Actor(ActorIx::from_usize(i)),
                label: a.id.to_string(),
                count: Some(ix.actor_claims.get(i).len()),
                detail: a.name.clone(),
            })
            .collect();
        items.extend(form.new_actors().iter().map(|a| PickItem {
            value: PickValue::DraftActor(a.id.clone().unwrap_or_default()),
            label: a.id.clone().unwrap_or_default(),
            count: Some(0),
            detail: format!("{} (new)", a.name),
        }));
        items.push(PickItem {
            value: PickValue::NewActor,
            label: "new actor…".into(),
            count: None,
            detail: "an actor not in the dataset yet".into(),
        });
        let texts = items
            .iter()
            .map(|it| format!("{} {}", it.label, it.detail))
            .collect();
        let mut list = FuzzyList::with_pinned(texts, 1);
        list.set_input(typed);
        let kind = match role {
            ActorRole::Claimant => PickKind::Claimant,
            ActorRole::Via => PickKind::Via,
            ActorRole::About => PickKind::About,
        };
        self.overlays.picker = Some(Picker::new(kind, items, list));
    }

    /// What the actor picker gave the form: ids for the field, or "new
    /// actor…" (named with what was typed).
    pub(super) fn form_picked(&mut self, kind: PickKind, chosen: Vec<PickValue>, typed: &str) {
        let role = match kind {
            PickKind::Claimant => ActorRole::Claimant,
            PickKind::Via => ActorRole::Via,
            _ => ActorRole::About,
        };
        let Some(form) = &mut self.overlays.claim_form else {
            self.complain("actor pickers fill the new-claim form (c on a selection in the reader)");
            return;
        };
        for v in chosen {
            match v {
                PickValue::Actor(a) => {
                    if let Some(actor) = self.loaded.dataset.actors.get(a.i()) {
                        form.put_actor(role, actor.id.to_string());
                    }
                }
                PickValue::DraftActor(id) => form.put_actor(role, id),
                PickValue::NewActor => {
                    form.open_actor_form(role, typed);
                    return;
                }
                _ => {}
            }
        }
        form.check(&self.loaded);
    }

    /// Ctrl-S: the claim (and the actors made for it) written to the
    /// dataset file in one save, then shown, selected.
    pub(super) fn form_save(&mut self) {
        let Some(form) = &mut self.overlays.claim_form else {
            return;
        };
        if let Some(why) = self.dataset_file.read_only_reason() {
            self.complain(why);
            return;
        }
        form.set_confirming_discard(false);
        form.check(&self.loaded);
        if let Some(first) = form.checked().problems.first().cloned() {
            self.complain(format!("not saved: {first}"));
            return;
        }
        let draft = form.draft();
        let actors = form.new_actors().to_vec();
        if let SaveAs::Replace(old) = form.save_as.clone() {
            return self.save_edited_claim(&old, draft, actors);
        }
        let origin = self.dataset_file.location();
        let mut made: Option<(String, String)> = None;
        let mut before = String::new();
        // A function of the file's text: `write_back` applies it again to
        // the file as it is on disk when it changed since it was read.
        let written = self.dataset_file.write(&mut |text| {
            before = text.to_owned();
            let mut text = text.to_owned();
            for a in &actors {
                let l = parse_for_edit(&origin, &text)?;
                let actor = prepare_actor(&l.dataset, a)?;
                text = append(&text, &NewItem::Actor(actor))?;
            }
            let l = parse_for_edit(&origin, &text)?;
            // Appending (a replace was handed to `save_edited_claim`).
            let p = prepare_claim(&l.dataset, &draft)?;
            made = Some((p.claim.id.to_string(), said_note(&p)));
            Ok(append(&text, &NewItem::Claim(p.claim))?)
        });
        let written = match written {
            Ok(w) => w,
            Err(e) => {
                let text = e.to_string();
                let lines: Vec<&str> = text.lines().take(2).collect();
                self.complain(format!("not saved: {}", lines.join(" · ")));
                return;
            }
        };
        let (id, note) = made.unwrap_or_default();
        self.overlays.claim_form = None;
        // Undone as one step (with the actors made for it, byte for byte
        // while the file is as written; else the claim, by id).
        let change = ItemChange::between(List::Claims, None, Some(&id), &before, &written.text);
        if let Some(loaded) = written.loaded {
            // On a file changed on disk, items may have gone or moved.
            if written.reloaded {
                self.adopt_dataset(loaded);
            } else {
                self.adopt_appended(loaded);
            }
        }
        if let Ok(change) = change {
            self.undo
                .record_dataset(super::authoring_undo::DatasetStep {
                    change,
                    what: format!("added claim {id}"),
                });
        }
        let new = self
            .loaded
            .dataset
            .claims
            .iter()
            .position(|c| c.id == id)
            .map(ClaimIx::from_usize);
        if let Some(c) = new {
            self.select_claim(c);
            self.overlays.reader = ReaderState::open(&self.loaded, c, reader_width(self.area));
        }
        let actors = match actors.len() {
            0 => String::new(),
            1 => " and 1 new actor".into(),
            n => format!(" and {n} new actors"),
        };
        let reloaded = if written.reloaded {
            " (the file had changed on disk: added to its new version)"
        } else {
            ""
        };
        self.say(format!(
            "added claim “{id}”{actors} to {origin}{note}{reloaded}"
        ));
    }

    /// Shows `loaded`, a version of the dataset that only adds items at the
    /// ends of its lists (what a new claim or actor does): every index into
    /// the old one is still right, so filters, marks and the undo log stay.
    pub(super) fn adopt_appended(&mut self, loaded: Loaded) {
        self.loaded = Arc::new(loaded);
        self.search = LazySearch::start(&self.loaded);
        self.statuses = Statuses::new(&self.loaded.dataset, self.annotations.set());
        self.timeline = TimelineView::new(Timeline::build(&self.loaded));
        self.actors = ActorsList::new(&self.loaded);
        self.refilter();
        self.prepare_timeline();
        self.sync_timeline_to_claim();
    }
}

/// "(paragraph 2; said “last Friday” → 2024-10-18)" for the message.
fn said_note(p: &crate::model::authoring::PreparedClaim) -> String {
    let mut note = format!(" (paragraph {}", p.claim.quote.paragraph);
    if let Some(words) = &p.said.said_as {
        let range = crate::model::DateRange::resolve(&p.said.when)
            .map(|r| r.to_string())
            .unwrap_or_default();
        note.push_str(&format!("; said “{words}” → {range}"));
    }
    note.push(')');
    note
}
