//! The agreement panel (`%` in compare mode): the figures `claimtrack
//! agreement` prints for your file and the compared ones, computed live by
//! `model::agreement` so the two never differ. Blind review keeps it shut
//! while any claim another analyst rated still lacks your verdict: its
//! figures (the disagreements above all) would reveal their verdicts.

use super::state::AppState;
use crate::model::AnnotationSet;
use crate::model::agreement::{self, Field, Report};
use crate::model::compare::Verdict;

/// What the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelView {
    Figures(Report),
    /// Blind review, not done yet: how many claims the others rated still
    /// need your verdict.
    Blind {
        remaining: usize,
    },
}

impl AppState {
    /// The open panel's field, if the panel is open.
    pub fn agreement_panel(&self) -> Option<Field> {
        self.overlays.agreement
    }

    /// What the panel shows for `field`; `None` when not comparing.
    pub fn agreement_view(&self, field: Field) -> Option<PanelView> {
        let cmp = self.compare.as_ref()?;
        let own = self.annotations.set();
        let claims: Vec<&str> = self
            .loaded
            .dataset
            .claims
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        if cmp.blind() {
            let remaining = claims
                .iter()
                .filter(|id| own.get(id).and_then(Verdict::of).is_none())
                .filter(|id| {
                    cmp.sets()
                        .any(|(_, s)| s.get(id).and_then(Verdict::of).is_some())
                })
                .count();
            if remaining > 0 {
                return Some(PanelView::Blind { remaining });
            }
        }
        // You first, then the others, as `claimtrack agreement MINE THEIRS...`.
        let mut names = vec![agreement::rater_name(own, cmp.own_stem())];
        names.extend(cmp.sets().map(|(n, _)| n.to_owned()));
        agreement::disambiguate(&mut names);
        let sets: Vec<&AnnotationSet> = std::iter::once(own)
            .chain(cmp.sets().map(|(_, s)| s))
            .collect();
        let raters: Vec<(String, &AnnotationSet)> = names.into_iter().zip(sets).collect();
        Some(PanelView::Figures(agreement::analyse(
            field, &raters, &claims,
        )))
    }

    pub(super) fn toggle_agreement(&mut self) {
        if self.overlays.agreement.take().is_some() {
            return;
        }
        if self.compare.is_none() {
            self.say(
                "the agreement panel compares analysts: open with --compare FILE... (or run `claimtrack agreement`)",
            );
            return;
        }
        self.overlays.agreement = Some(Field::Status);
    }

    pub(super) fn agreement_next_field(&mut self) {
        if let Some(f) = self.overlays.agreement.as_mut() {
            *f = f.next();
        }
    }
}
