//! Warnings: checked only on a dataset without errors.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::Validator;
use crate::model::dataset::Dataset;
use crate::model::index::Index;
use crate::model::spans::Seg::{Field, Item};

impl Validator {
    pub(super) fn warnings(&mut self, ds: &Dataset, index: &Index, used: &[bool]) {
        for (i, a) in ds.actors.iter().enumerate() {
            if !used[i] {
                self.warn(
                    vec![Field("actors"), Item(i), Field("id")],
                    format!(
                        "actor \"{}\" is not used by any claim, event or article",
                        a.id
                    ),
                );
            }
        }
        for (i, c) in ds.claims.iter().enumerate() {
            let said = index.claim_said[i];
            if index.claim_events.get(i).is_empty() && !ds.events.is_empty() {
                self.warn(
                    vec![Field("claims"), Item(i), Field("id")],
                    format!("claim \"{}\" is not linked to any event", c.id),
                );
            }
            let published = index.article_published[index.claim_article[i].i()];
            if let (Some(from), Some(pub_to)) = (said.from, published.to)
                && from > pub_to
            {
                self.warn(
                    vec![Field("claims"), Item(i), Field("said")],
                    format!(
                        "claim \"{}\": said ({said}) after its article was published ({published})",
                        c.id
                    ),
                );
            }
        }
        for (i, e) in ds.events.iter().enumerate() {
            let when = index.event_when[i];
            for (j, &c) in index.event_claims.get(i).iter().enumerate() {
                let said = index.claim_said[c.i()];
                if let (Some(said_to), Some(ev_from)) = (said.to, when.from)
                    && said_to < ev_from
                {
                    self.warn(
                        vec![Field("events"), Item(i), Field("claims"), Item(j)],
                        format!(
                            "event \"{}\" ({when}) is reported by claim \"{}\" said earlier ({said})",
                            e.id, ds.claims[c.i()].id
                        ),
                    );
                }
            }
        }
    }
}
