//! Adjudicating: settling a merge conflict by taking one of its sides into
//! your own annotations. The detail pane numbers the choices of the
//! selected claim (`choices`); `T` then that number takes one (`take`).
//! What was taken, and from whom, goes into the history
//! ("adjudicated: took bob's status").

use super::layout::AppLayout;
use super::state::AppState;
use crate::model::{AnnotationField, ClaimIx, Edit};

/// Something the analyst can take into their annotations for one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// One competing value of a merge conflict in your file.
    Side {
        field: AnnotationField,
        value: Edit,
        analyst: Option<String>,
        at: Option<jiff::Timestamp>,
    },
}

impl AppState {
    /// The choices for claim `c`, in the order the detail pane numbers
    /// them (1-based; `T` then the number takes one): the sides of each
    /// field in conflict, field by field.
    pub fn choices(&self, c: ClaimIx) -> Vec<Choice> {
        let Some(claim) = self.loaded.dataset.claims.get(c.i()) else {
            return Vec::new();
        };
        self.annotations
            .set()
            .conflicts_of(&claim.id)
            .flat_map(|k| {
                k.sides.iter().map(|s| Choice::Side {
                    field: k.field,
                    value: s.value.clone(),
                    analyst: s.analyst.clone(),
                    at: s.at,
                })
            })
            .collect()
    }

    /// Whether claim `c` is one to adjudicate (what `!` shows).
    pub fn is_contested(&self, c: ClaimIx) -> bool {
        self.loaded
            .dataset
            .claims
            .get(c.i())
            .is_some_and(|claim| self.annotations.set().has_conflict(&claim.id))
    }

    pub(super) fn toggle_contested(&mut self) {
        let on = !self.claims.filter().contested;
        self.claims.filter_mut().contested = on;
        self.refilter();
        match on {
            true => self.say(format!(
                "{} claim{} to adjudicate (T then a number takes a choice; ! shows all)",
                self.claims.rows().len(),
                if self.claims.rows().len() == 1 {
                    ""
                } else {
                    "s"
                }
            )),
            false => self.say("showing every claim"),
        }
    }

    /// `T` then `n`: takes choice `n` of the claim the focused pane
    /// highlights (marks are ignored: each claim is adjudicated on its own).
    pub(super) fn take(&mut self, n: u8) {
        if let Some(why) = self.annotations.read_only_reason() {
            self.complain(format!("read-only: {why}"));
            return;
        }
        let c = match self.focused_claim() {
            Ok(c) => c,
            Err(why) => return self.complain(format!("nothing to adjudicate: {why}")),
        };
        let choices = self.choices(c);
        let Some(choice) = usize::from(n)
            .checked_sub(1)
            .and_then(|i| choices.get(i))
            .cloned()
        else {
            let id = self.claim_ids(&[c], 1);
            return self.complain(match choices.len() {
                0 => format!("{id} has nothing to adjudicate"),
                k => format!(
                    "{id} has {k} choice{} (T 1-{k})",
                    if k == 1 { "" } else { "s" }
                ),
            });
        };
        match choice {
            Choice::Side { value, .. } => self.take_side(c, &value),
        }
    }

    fn take_side(&mut self, c: ClaimIx, value: &Edit) {
        let Some(id) = self.loaded.dataset.claims.get(c.i()).map(|x| x.id.clone()) else {
            return;
        };
        match self.annotations.resolve(&id, value) {
            Ok(change) => {
                let what = change.adjudication().unwrap_or_default();
                self.after_adjudication(c, &id);
                self.say(format!("{id}: {what} ({})", value.value_text()));
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    /// The view catches up with an adjudicated claim: its status and
    /// counts, and the list when it shows only claims to adjudicate (the
    /// cursor then rests on the next one).
    fn after_adjudication(&mut self, c: ClaimIx, id: &str) {
        let now = self.annotations.set().status(id);
        if now != self.statuses.of(c) {
            self.statuses.set(c, now);
        }
        if self.claims.filter().contested || self.claims.filter().status.is_some() {
            self.refilter();
        } else {
            self.claims.recount(self.statuses.all());
        }
        let h = AppLayout::inner_height(self.layout().claims);
        self.claims.follow(h);
        self.sync_timeline_to_claim();
    }
}
