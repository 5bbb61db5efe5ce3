//! Annotations of claims the dataset no longer has (a claim id renamed or
//! removed): kept in the file, never dropped, and shown here instead of
//! silently hidden. The analyst can re-attach one to a claim of the
//! dataset (one recorded action: the work moves, the history says so).

use super::action::InputKey;
use super::state::AppState;
use crate::model::ClaimIx;

/// The orphans overlay: a list of orphaned claim ids and, once one is
/// chosen, a picker of the claim to re-attach it to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrphansView {
    cursor: usize,
    target: Option<TargetPicker>,
}

/// Choosing the claim to re-attach to: typed text narrows the claims
/// (by id or text) that have no work of their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetPicker {
    query: String,
    matches: Vec<ClaimIx>,
    cursor: usize,
}

impl OrphansView {
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn target(&self) -> Option<&TargetPicker> {
        self.target.as_ref()
    }
}

impl TargetPicker {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn matches(&self) -> &[ClaimIx] {
        &self.matches
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn selected(&self) -> Option<ClaimIx> {
        self.matches.get(self.cursor).copied()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl AppState {
    /// Claim ids with work recorded that the dataset does not have, sorted.
    pub fn orphans(&self) -> Vec<&str> {
        let ids = &self.loaded.index.claim_by_id;
        self.annotations
            .set()
            .orphans(|id| ids.contains_key(id))
            .collect()
    }

    /// "3 annotations belong to claims no longer in the dataset (O lists them)".
    pub fn orphan_notice(&self) -> Option<String> {
        let n = self.orphans().len();
        (n > 0).then(|| {
            let key = self
                .keymap
                .key_for(super::keymap::Scope::Global, &super::Action::ToggleOrphans)
                .map_or_else(String::new, |k| format!(" ({k} lists them)"));
            format!(
                "{n} annotation{} belong{} to claims no longer in the dataset{key}",
                plural(n),
                if n == 1 { "s" } else { "" }
            )
        })
    }

    pub(super) fn toggle_orphans(&mut self) {
        if self.overlays.orphans.take().is_some() {
            return;
        }
        if self.orphans().is_empty() {
            self.say("no annotations of claims missing from the dataset");
            return;
        }
        self.overlays.orphans = Some(OrphansView::default());
    }

    /// Up/down in the list or the picker.
    pub(super) fn orphans_move(&mut self, by: isize) {
        let n_orphans = self.orphans().len();
        let Some(view) = &mut self.overlays.orphans else {
            return;
        };
        let (cursor, len) = match &mut view.target {
            Some(t) => (&mut t.cursor, t.matches.len()),
            None => (&mut view.cursor, n_orphans),
        };
        *cursor = cursor.saturating_add_signed(by).min(len.saturating_sub(1));
    }

    /// Enter on an orphan: choose the claim to re-attach it to.
    pub(super) fn orphans_pick(&mut self) {
        let matches = self.reattach_targets("");
        if let Some(view) = &mut self.overlays.orphans {
            view.target = Some(TargetPicker {
                query: String::new(),
                matches,
                cursor: 0,
            });
        }
    }

    pub(super) fn orphans_target_input(&mut self, key: InputKey) {
        let Some(mut query) = self
            .overlays
            .orphans
            .as_ref()
            .and_then(|v| v.target.as_ref())
            .map(|t| t.query.clone())
        else {
            return;
        };
        match key {
            InputKey::Char(c) => query.push(c),
            InputKey::Backspace => {
                query.pop();
            }
            InputKey::DeleteWord => {
                let keep = query.trim_end().rfind(' ').map_or(0, |i| i + 1);
                query.truncate(keep);
            }
            InputKey::Clear => query.clear(),
        }
        let matches = self.reattach_targets(&query);
        if let Some(t) = self
            .overlays
            .orphans
            .as_mut()
            .and_then(|v| v.target.as_mut())
        {
            t.query = query;
            t.matches = matches;
            t.cursor = 0;
        }
    }

    /// Esc in the picker: back to the list.
    pub(super) fn orphans_target_cancel(&mut self) {
        if let Some(view) = &mut self.overlays.orphans {
            view.target = None;
        }
    }

    /// Enter in the picker: moves the chosen orphan's work onto the claim.
    pub(super) fn orphans_reattach(&mut self) {
        let Some(view) = &self.overlays.orphans else {
            return;
        };
        let Some(from) = self.orphans().get(view.cursor).map(|s| (*s).to_owned()) else {
            return;
        };
        let Some(to) = view.target.as_ref().and_then(TargetPicker::selected) else {
            self.complain("no claim chosen: type part of its id or text");
            return;
        };
        let Some(to_id) = self.loaded.dataset.claims.get(to.i()).map(|c| c.id.clone()) else {
            return;
        };
        match self.annotations.reattach(&from, &to_id) {
            Ok(()) => {
                self.reload_statuses();
                self.say(format!(
                    "re-attached the work on {from} to {to_id} (recorded in the history)"
                ));
                let left = self.orphans().len();
                match &mut self.overlays.orphans {
                    Some(v) if left > 0 => {
                        v.target = None;
                        v.cursor = v.cursor.min(left - 1);
                    }
                    _ => self.overlays.orphans = None,
                }
            }
            Err(e) => self.complain(format!("not re-attached: {e}")),
        }
    }

    /// Claims without work of their own whose id or text contains `query`
    /// (any case), in dataset order.
    fn reattach_targets(&self, query: &str) -> Vec<ClaimIx> {
        let q = query.trim().to_lowercase();
        let set = self.annotations.set();
        self.loaded
            .dataset
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| set.get(&c.id).is_none_or(|a| a.is_blank()))
            .filter(|(_, c)| {
                q.is_empty()
                    || c.id.to_lowercase().contains(&q)
                    || c.text.to_lowercase().contains(&q)
            })
            .map(|(i, _)| ClaimIx::from_usize(i))
            .collect()
    }
}
