//! What the focused pane highlights: the claim(s) an annotation key acts on
//! and what the detail pane shows. One place decides both, so an edit never
//! lands on a claim the screen does not point at.
//!
//! Rules: marks, when there are any, are the target in every pane (the
//! status line and the detail pane say so); else the claims and detail panes
//! target the claim under the claims cursor, the timeline the claim it
//! highlights (an event there is not annotatable: the key is refused), and
//! the actors pane nothing (it highlights an actor).

use super::action::Pane;
use super::state::AppState;
use crate::model::timeline::Item;
use crate::model::{ActorIx, ClaimIx, EventIx};

/// What an annotation key would change now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// The marked claims, in claim order.
    Marked(Vec<ClaimIx>),
    /// The one claim the focused pane highlights.
    Claim(ClaimIx),
    /// Nothing annotatable is highlighted; the reason, for the status line.
    Nothing(&'static str),
}

impl EditTarget {
    pub fn claims(&self) -> Vec<ClaimIx> {
        match self {
            Self::Marked(v) => v.clone(),
            Self::Claim(c) => vec![*c],
            Self::Nothing(_) => Vec::new(),
        }
    }
}

/// What the detail pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailSubject {
    Claim(ClaimIx),
    Event(EventIx),
    Actor(ActorIx),
    Nothing,
}

impl AppState {
    /// The one claim the focused pane highlights, ignoring marks (what the
    /// note and evidence editors open on), or why there is none.
    pub fn focused_claim(&self) -> Result<ClaimIx, &'static str> {
        match self.focus {
            Pane::Claims | Pane::Detail => self.selected_claim().ok_or("no claim is shown"),
            Pane::Timeline => match self.timeline.axis.selected_item(&self.timeline.data) {
                Some(Item::Claim(c)) => Ok(c),
                Some(Item::Event(_)) => {
                    Err("an event is highlighted: annotations go on claims (j/k to one)")
                }
                None => Err("the timeline shows nothing"),
            },
            Pane::Actors => Err("the actors pane highlights an actor: select a claim first"),
        }
    }

    /// What an annotation key (status, grading, tags) acts on now.
    pub fn edit_target(&self) -> EditTarget {
        let marked = self.claims.marked();
        if !marked.is_empty() {
            return EditTarget::Marked(marked.iter().copied().collect());
        }
        match self.focused_claim() {
            Ok(c) => EditTarget::Claim(c),
            Err(why) => EditTarget::Nothing(why),
        }
    }

    /// What the detail pane shows: the claim the focused pane highlights, an
    /// event highlighted in the timeline, or the actor selected in the actors
    /// pane (the claim under the cursor on the "all actors" row).
    pub fn detail_subject(&self) -> DetailSubject {
        let claim = || {
            self.selected_claim()
                .map_or(DetailSubject::Nothing, DetailSubject::Claim)
        };
        match self.focus {
            Pane::Actors => self
                .selected_actor()
                .map_or_else(claim, DetailSubject::Actor),
            Pane::Timeline => match self.timeline.axis.selected_item(&self.timeline.data) {
                Some(Item::Claim(c)) => DetailSubject::Claim(c),
                Some(Item::Event(e)) => DetailSubject::Event(e),
                None => claim(),
            },
            Pane::Claims | Pane::Detail => claim(),
        }
    }

    /// "1 claim (c04)", "3 marked claims (c05, c06, c07)": the words every
    /// edit message and the detail pane use for a target.
    pub fn describe(&self, target: &EditTarget) -> String {
        let claims = target.claims();
        let ids = self.claim_ids(&claims, 6);
        match target {
            EditTarget::Marked(v) => format!(
                "{} marked claim{} ({ids})",
                v.len(),
                if v.len() == 1 { "" } else { "s" }
            ),
            EditTarget::Claim(_) => format!("1 claim ({ids})"),
            EditTarget::Nothing(why) => format!("nothing: {why}"),
        }
    }

    /// "c05, c06, c07" (at most `max` ids, then "+N more").
    pub fn claim_ids(&self, claims: &[ClaimIx], max: usize) -> String {
        let ds = &self.loaded.dataset;
        let mut ids: Vec<&str> = claims
            .iter()
            .take(max)
            .filter_map(|c| ds.claims.get(c.i()).map(|x| x.id.as_str()))
            .collect();
        let more = claims.len().saturating_sub(max);
        let more = format!("+{more} more");
        if claims.len() > max {
            ids.push(&more);
        }
        ids.join(", ")
    }

    /// After an edit of the marked claims: clears the marks unless they are
    /// kept (or the edit failed, to retry on the same claims); the words to
    /// add to the message.
    pub(super) fn after_bulk(&mut self, bulk: bool) -> String {
        if !bulk {
            return String::new();
        }
        if self.keep_marks {
            return "; marks kept".into();
        }
        self.claims.clear_marks();
        let key = self
            .keymap
            .key_for(
                super::keymap::Scope::Claims,
                &super::action::Action::ToggleKeepMarks,
            )
            .map(|k| format!(" ({k} keeps them)"))
            .unwrap_or_default();
        format!("; marks cleared{key}")
    }
}
