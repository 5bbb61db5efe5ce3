//! Annotating: statuses, grading, notes, evidence and tags on the selected
//! or marked claims, through the backend; undo and redo.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::action::{Action, EditorField};
use super::editor::Editor;
use super::keymap::Scope;
use super::layout::AppLayout;
use super::state::AppState;
use super::targeting::EditTarget;
use std::collections::HashMap;

use crate::model::{Annotation, AnnotationField, ClaimIx, Edit, Status};

/// One user action's annotation changes, for undo: (claim, before, after).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct UndoStep(pub(super) Vec<(ClaimIx, Edit, Edit)>);

/// One user action, for undo: annotation changes, or an authoring change
/// to the dataset file (one stack, in the order they were made).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Step {
    Annotations(UndoStep),
    Dataset(Box<super::authoring_undo::DatasetStep>),
}

/// Undo and redo stacks. A new step ends the redo chain.
#[derive(Debug, Clone, Default)]
pub(super) struct UndoLog {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl UndoLog {
    /// Records a user action's changes (nothing if none changed anything).
    /// Returns how many claims changed.
    fn record(&mut self, step: UndoStep) -> usize {
        let n = step.0.len();
        if n > 0 {
            self.undo.push(Step::Annotations(step));
            self.redo.clear();
        }
        n
    }

    /// Records an authoring change to the dataset file.
    pub(super) fn record_dataset(&mut self, step: super::authoring_undo::DatasetStep) {
        self.undo.push(Step::Dataset(Box::new(step)));
        self.redo.clear();
    }

    pub(super) fn pop(&mut self, undo: bool) -> Option<Step> {
        if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        }
    }

    /// Puts a step that was just undone (or redone) on the other stack.
    pub(super) fn done(&mut self, undo: bool, step: Step) {
        if undo {
            self.redo.push(step);
        } else {
            self.undo.push(step);
        }
    }

    /// After another version of the dataset came in: annotation steps
    /// follow their claims by id (`to_new`); a claim that is gone takes its
    /// part of a step with it, and an emptied step goes.
    pub(super) fn remap(&mut self, to_new: impl Fn(ClaimIx) -> Option<ClaimIx>) {
        for stack in [&mut self.undo, &mut self.redo] {
            stack.retain_mut(|step| match step {
                Step::Annotations(UndoStep(edits)) => {
                    edits.retain_mut(|(c, _, _)| match to_new(*c) {
                        Some(n) => {
                            *c = n;
                            true
                        }
                        None => false,
                    });
                    !edits.is_empty()
                }
                Step::Dataset(_) => true,
            });
        }
    }
}

impl AppState {
    /// Applies an edit to the claims the screen points at (`edit_target`:
    /// the marked ones, else the one the focused pane highlights) through
    /// the backend, recording one undo step.
    pub(super) fn annotate(&mut self, make: impl Fn(ClaimIx) -> Edit, is_status: bool) {
        if let Some(why) = self.annotations.read_only_reason() {
            self.complain(format!("read-only: {why}"));
            return;
        }
        let target = self.edit_target();
        if let EditTarget::Nothing(why) = target {
            self.complain(format!("nothing changed: {why}"));
            return;
        }
        let bulk = matches!(target, EditTarget::Marked(_));
        let targets = target.claims();
        let edits: Vec<(ClaimIx, Edit)> = targets.iter().map(|&c| (c, make(c))).collect();
        let applied = self.apply_edits(&edits);
        self.undo.record(applied);
        if self.message.is_none() {
            let what = edits
                .first()
                .map(|(_, e)| format!("{} = {}", e.field().label(), e.value_text()))
                .unwrap_or_default();
            let whom = self.describe(&target);
            let after = self.after_bulk(bulk);
            self.say(format!("{what} on {whom}{after}"));
        }
        if is_status && !bulk && self.advance {
            self.advance_to_unreviewed();
        }
    }

    /// Applies edits and returns the undo step for those the backend kept
    /// (saved, or held pending after a failed write). A refused edit leaves
    /// no undo step, and each claim's status is read back from the backend,
    /// so counts and undo always match what it holds.
    pub(super) fn apply_edits(&mut self, edits: &[(ClaimIx, Edit)]) -> UndoStep {
        self.apply_edits_from(edits, None)
    }

    /// [`AppState::apply_edits`]; with `from`, an adjudication taking
    /// analyst `from`'s values (the history says whose they were).
    pub(super) fn apply_edits_from(
        &mut self,
        edits: &[(ClaimIx, Edit)],
        from: Option<&str>,
    ) -> UndoStep {
        let by_id: Vec<(String, Edit)> = edits
            .iter()
            .map(|(c, e)| (self.loaded.dataset.claims[c.i()].id.to_string(), e.clone()))
            .collect();
        // What each edit replaces, for undo (a claim may come twice).
        let mut current: HashMap<(&str, AnnotationField), Edit> = HashMap::new();
        let set = self.annotations.set();
        let befores: Vec<Edit> = by_id
            .iter()
            .map(|(id, e)| {
                let key = (id.as_str(), e.field());
                let before = current.get(&key).cloned().unwrap_or_else(|| {
                    e.inverse_for(set.get(id).unwrap_or(&Annotation::default()))
                });
                current.insert(key, e.clone());
                before
            })
            .collect();
        // One record, one fsync for the whole action.
        let outcome = match from {
            Some(f) => self.annotations.apply_taken(&by_id, f),
            None => self.annotations.apply_batch(&by_id),
        };
        if let Some(e) = outcome.error {
            // The backend keeps the changes in memory (pending) when it can.
            self.complain(e.to_string());
        }
        let mut step = Vec::new();
        for (((c, edit), before), kept) in edits.iter().zip(befores).zip(outcome.changed) {
            if kept {
                step.push((*c, before, edit.clone()));
            }
        }
        // Statuses are read back from the backend: counts match what it holds.
        for (c, (id, _)) in edits.iter().map(|(c, _)| c).zip(&by_id) {
            let now = self.annotations.set().status(id);
            if now != self.statuses.of(*c) {
                self.statuses.set(*c, now);
            }
        }
        let status_changed = edits.iter().any(|(_, e)| matches!(e, Edit::Status(_)));
        if status_changed && self.claims.filter().status.is_some() {
            self.refilter();
        } else if status_changed {
            self.claims.recount(self.statuses.all());
        }
        UndoStep(step)
    }

    /// Records a user action's changes for undo (adjudication's too).
    pub(super) fn undo_record(&mut self, step: UndoStep) -> usize {
        self.undo.record(step)
    }

    pub(super) fn undo_redo(&mut self, undo: bool) {
        let Some(step) = self.undo.pop(undo) else {
            self.say(if undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            });
            return;
        };
        let step = match step {
            Step::Annotations(s) => s,
            Step::Dataset(d) => return self.undo_redo_dataset(*d, undo),
        };
        if let Some(why) = self.annotations.read_only_reason() {
            self.undo.done(!undo, Step::Annotations(step));
            self.complain(format!("read-only: {why}"));
            return;
        }
        let edits: Vec<(ClaimIx, Edit)> = step
            .0
            .iter()
            .map(|(c, before, after)| (*c, if undo { before.clone() } else { after.clone() }))
            .collect();
        self.apply_edits(&edits);
        let what = self.describe_step(&edits);
        self.undo.done(undo, Step::Annotations(step));
        if self.message.is_none() {
            self.say(format!("{} {what}", if undo { "undid:" } else { "redid:" }));
        }
    }

    /// What an undo or redo put back, for the status line: "c04 status =
    /// Unreviewed", "status on 3 claims (c05, c06, c07)".
    fn describe_step(&self, edits: &[(ClaimIx, Edit)]) -> String {
        let id = |c: ClaimIx| {
            self.loaded
                .dataset
                .claims
                .get(c.i())
                .map_or("?", |c| c.id.as_str())
                .to_owned()
        };
        let mut fields: Vec<&'static str> = edits.iter().map(|(_, e)| e.field().label()).collect();
        fields.dedup();
        match edits {
            [] => "nothing".to_owned(),
            [(c, e)] => format!("{} {} = {}", id(*c), e.field().label(), e.value_text()),
            many => {
                let ids: Vec<String> = many.iter().take(3).map(|(c, _)| id(*c)).collect();
                let more = if many.len() > 3 { ", …" } else { "" };
                format!(
                    "{} on {} claims ({}{more})",
                    fields.join(", "),
                    many.len(),
                    ids.join(", ")
                )
            }
        }
    }

    pub(super) fn advance_to_unreviewed(&mut self) {
        // Comparing, the queue is the disagreements (`adjudicate.rs`).
        if self.walks_disagreements() {
            return self.advance_to_disagreement();
        }
        let rows = self.claims.rows();
        let n = rows.len();
        let from = self.claims.cursor().selected;
        let next = (1..n)
            .map(|d| (from + d) % n)
            .find(|&i| self.statuses.of(rows[i]) == Status::Unreviewed);
        match next {
            Some(i) => {
                let h = AppLayout::inner_height(self.layout().claims);
                self.claims.select(i, h);
                // The timeline (if focused) highlights the claim now targeted.
                self.sync_timeline_to_claim();
            }
            None => self.say("no unreviewed claim left in this view"),
        }
    }

    pub(super) fn open_editor(&mut self, field: EditorField) {
        if let Some(why) = self.annotations.read_only_reason() {
            self.complain(format!("read-only: {why}"));
            return;
        }
        let bulk = field == EditorField::Tags && !self.claims.marked().is_empty();
        let sel = match (bulk, self.focused_claim()) {
            (_, Ok(c)) => c,
            (true, Err(_)) => match self.claims.marked().first() {
                Some(&c) => c,
                None => return,
            },
            (false, Err(why)) => {
                self.complain(format!("nothing to edit: {why}"));
                return;
            }
        };
        let claims = if bulk {
            self.claims.marked().iter().copied().collect()
        } else {
            vec![sel]
        };
        let a = self
            .annotations
            .set()
            .get(&self.loaded.dataset.claims[sel.i()].id)
            .cloned()
            .unwrap_or_default();
        let initial = match (field, bulk) {
            (_, true) => String::new(),
            (EditorField::Note, _) => a.note,
            (EditorField::Evidence, _) => a.evidence.join("\n"),
            (EditorField::Tags, _) => a.tags.join(", "),
        };
        self.overlays.editor = Some(Editor::new(field, claims, &initial, bulk));
    }

    /// Esc in the editor: an unchanged text just closes; a changed one is
    /// never thrown away without a second, explicit answer.
    pub(super) fn cancel_editor(&mut self) {
        let Some(editor) = &mut self.overlays.editor else {
            return;
        };
        if !editor.is_changed() {
            self.overlays.editor = None;
            self.say("closed; nothing changed");
            return;
        }
        editor.set_confirming_discard(true);
        let what = editor.field_label();
        let keys = &self.keymap;
        let scope = Scope::DiscardEdit;
        self.say(format!(
            "discard your changes to the {what}? {} · {} · {}",
            keys.hint(scope, &Action::EditorDiscard, "discard"),
            keys.hint(scope, &Action::EditorKeepEditing, "keep editing"),
            keys.hint(scope, &Action::EditorSave, "save"),
        ));
    }

    pub(super) fn save_editor(&mut self) {
        let Some(editor) = self.overlays.editor.take() else {
            return;
        };
        let edits: Vec<(ClaimIx, Edit)> = editor
            .claims
            .iter()
            .map(|&c| {
                let tags = self
                    .annotations
                    .set()
                    .get(&self.loaded.dataset.claims[c.i()].id)
                    .map(|a| a.tags.clone())
                    .unwrap_or_default();
                (c, editor.edit_for(&tags))
            })
            .collect();
        let step = self.apply_edits(&edits);
        let n = self.undo.record(step);
        if self.message.is_none() {
            let after = self.after_bulk(editor.bulk);
            self.say(format!(
                "{} saved ({n} claim{} changed){after}",
                editor.field_label(),
                if n == 1 { "" } else { "s" }
            ));
        }
    }
}

impl Editor {
    fn field_label(&self) -> &'static str {
        match self.field {
            EditorField::Note => "note",
            EditorField::Evidence => "evidence",
            EditorField::Tags => "tags",
        }
    }
}
