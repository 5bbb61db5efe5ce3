//! Each claim's status, kept in step with the annotations so filters,
//! sorting and counts never look strings up, and the totals per status.
//! The totals always add up to the number of claims: a status changes only
//! through `set`.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use crate::model::{AnnotationSet, ClaimIx, Dataset, Status};

#[derive(Debug, Clone, Default)]
pub struct Statuses {
    of: Vec<Status>,
    total: [usize; 7],
}

impl Statuses {
    pub fn new(dataset: &Dataset, set: &AnnotationSet) -> Self {
        let of: Vec<Status> = dataset.claims.iter().map(|c| set.status(&c.id)).collect();
        let mut total = [0; 7];
        for s in &of {
            total[*s as usize] += 1;
        }
        Self { of, total }
    }

    /// By claim index.
    pub fn all(&self) -> &[Status] {
        &self.of
    }

    pub fn of(&self, c: ClaimIx) -> Status {
        self.of.get(c.i()).copied().unwrap_or_default()
    }

    /// Claims per status, indexed by `Status as usize`.
    pub fn total(&self) -> [usize; 7] {
        self.total
    }

    pub(super) fn set(&mut self, c: ClaimIx, s: Status) {
        if let Some(slot) = self.of.get_mut(c.i()) {
            let old = std::mem::replace(slot, s);
            self.total[old as usize] -= 1;
            self.total[s as usize] += 1;
        }
    }
}
