//! Comparing with other analysts (`claimtrack --compare FILE...`): their
//! annotation sets, read-only, beside yours, which is the adjudicated
//! result. With `--blind`, their verdicts on a claim stay hidden (counts
//! only) until you have given yours, so a second reviewer is not anchored
//! by the first. The comparison itself is `model::compare`.

use super::state::AppState;
use crate::model::compare::{Agreement, Verdict, agreement};
use crate::model::{Annotation, AnnotationSet, ClaimIx};

/// One other analyst: a name and their annotations.
#[derive(Debug, Clone)]
pub struct Analyst {
    name: String,
    set: AnnotationSet,
}

impl Analyst {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn get(&self, claim: &str) -> Option<&Annotation> {
        self.set.get(claim)
    }
}

/// The other analysts, in the order given (their numbers for `T`).
#[derive(Debug, Clone)]
pub struct Compare {
    analysts: Vec<Analyst>,
    blind: bool,
    /// What your file is called when its annotations name no analyst (its
    /// stem, as `claimtrack agreement` names it).
    own_stem: String,
}

impl Compare {
    /// `analysts`: (name, annotations) each, in the order of the files.
    pub fn new(analysts: Vec<(String, AnnotationSet)>, blind: bool) -> Self {
        Self {
            analysts: analysts
                .into_iter()
                .map(|(name, set)| Analyst { name, set })
                .collect(),
            blind,
            own_stem: "you".into(),
        }
    }

    /// Names your file, for the agreement panel, as the CLI would: `stem`
    /// when its annotations name no analyst.
    pub fn with_own_stem(mut self, stem: String) -> Self {
        self.own_stem = stem;
        self
    }

    pub fn own_stem(&self) -> &str {
        &self.own_stem
    }

    /// The analysts' annotations, in order.
    pub fn sets(&self) -> impl Iterator<Item = (&str, &AnnotationSet)> {
        self.analysts.iter().map(|a| (a.name.as_str(), &a.set))
    }

    pub fn analysts(&self) -> &[Analyst] {
        &self.analysts
    }

    pub fn blind(&self) -> bool {
        self.blind
    }
}

impl AppState {
    /// Compares with other analysts (the program's `--compare`).
    pub fn with_compare(mut self, compare: Compare) -> Self {
        self.compare = Some(compare);
        self.refilter();
        self
    }

    pub fn compare(&self) -> Option<&Compare> {
        self.compare.as_ref()
    }

    /// How the verdicts on `c` compare; `None` when not comparing. In blind
    /// review a claim you have not judged says only how many others did.
    pub fn agreement_of(&self, c: ClaimIx) -> Option<Agreement> {
        let cmp = self.compare.as_ref()?;
        let id = &self.loaded.dataset.claims.get(c.i())?.id;
        let set = self.annotations.set();
        let others: Vec<Option<&Annotation>> = cmp.analysts.iter().map(|a| a.get(id)).collect();
        Some(agreement(set.get(id), set.has_conflict(id), &others))
    }

    /// Blind review hides the others' verdicts on `c`: you have not given yours.
    pub fn is_hidden(&self, c: ClaimIx) -> bool {
        self.compare.as_ref().is_some_and(|cmp| cmp.blind)
            && self
                .loaded
                .dataset
                .claims
                .get(c.i())
                .is_none_or(|claim| self.own_verdict(&claim.id).is_none())
    }

    /// How many other analysts gave a verdict on `c` (what blind review shows).
    pub fn others_rated(&self, c: ClaimIx) -> usize {
        let (Some(cmp), Some(claim)) = (&self.compare, self.loaded.dataset.claims.get(c.i()))
        else {
            return 0;
        };
        cmp.analysts
            .iter()
            .filter(|a| a.get(&claim.id).and_then(Verdict::of).is_some())
            .count()
    }

    pub(super) fn own_verdict(&self, claim: &str) -> Option<Verdict> {
        self.annotations.set().get(claim).and_then(Verdict::of)
    }
}
