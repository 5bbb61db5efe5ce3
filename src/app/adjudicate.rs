//! Adjudicating: taking another analyst's verdict (`--compare`), or one
//! side of a merge conflict, into your own annotations. The detail pane
//! numbers the choices of the selected claim (`choices`); `T` then that
//! number takes one (`take`). What was taken, and from whom, goes into the
//! history ("adjudicated: took bob's status").

use super::action::VerdictPart;
use super::layout::AppLayout;
use super::state::AppState;
use super::targeting::EditTarget;
use crate::model::{Annotation, AnnotationField, ClaimIx, Edit};

/// The fields an analyst's verdict is made of, as `T` takes them (all of
/// them, or only one part: `T s 2`).
fn verdict_fields(part: Option<VerdictPart>) -> &'static [AnnotationField] {
    use AnnotationField as F;
    match part {
        None => &[
            F::Status,
            F::Reliability,
            F::Credibility,
            F::Note,
            F::Evidence,
        ],
        Some(VerdictPart::Status) => &[F::Status],
        Some(VerdictPart::Grading) => &[F::Reliability, F::Credibility],
        Some(VerdictPart::Note) => &[F::Note],
        Some(VerdictPart::Evidence) => &[F::Evidence],
    }
}

/// Something the analyst can take into their annotations for one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Compared analyst N's verdict (index into `Compare::analysts`):
    /// status, grading, note and evidence.
    Analyst(usize),
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
    /// them (1-based; `T` then the number takes one): the compared
    /// analysts in the order of their files (the same number on every
    /// claim), then the sides of each field in conflict, field by field.
    pub fn choices(&self, c: ClaimIx) -> Vec<Choice> {
        let Some(claim) = self.loaded.dataset.claims.get(c.i()) else {
            return Vec::new();
        };
        let analysts = self.compare.as_ref().map_or(0, |cmp| cmp.analysts().len());
        let sides = self
            .annotations
            .set()
            .conflicts_of(&claim.id)
            .flat_map(|k| {
                k.sides.iter().map(|s| Choice::Side {
                    field: k.field,
                    value: s.value.clone(),
                    analyst: s.analyst.clone(),
                    at: s.at,
                })
            });
        (0..analysts).map(Choice::Analyst).chain(sides).collect()
    }

    /// Whether claim `c` is one to adjudicate (what `!` shows): a conflict
    /// in your file, or analysts who disagree (unless blind review hides
    /// their verdicts on it).
    pub fn is_contested(&self, c: ClaimIx) -> bool {
        let conflict = self
            .loaded
            .dataset
            .claims
            .get(c.i())
            .is_some_and(|claim| self.annotations.set().has_conflict(&claim.id));
        conflict || (!self.is_hidden(c) && self.agreement_of(c).is_some_and(|a| a.is_contested()))
    }

    /// Still to adjudicate: contested, and (for a disagreement) without a
    /// verdict of yours yet. What `>` walks when comparing.
    fn is_open(&self, c: ClaimIx) -> bool {
        let Some(claim) = self.loaded.dataset.claims.get(c.i()) else {
            return false;
        };
        let set = self.annotations.set();
        set.has_conflict(&claim.id)
            || (self.is_contested(c) && self.own_verdict(&claim.id).is_none())
    }

    /// With advance on (`>`), comparing without blinds walks the open
    /// disagreements instead of the unreviewed claims.
    pub(super) fn walks_disagreements(&self) -> bool {
        self.compare.as_ref().is_some_and(|cmp| !cmp.blind())
    }

    /// Moves to the next open claim after the cursor (wrapping).
    pub(super) fn advance_to_disagreement(&mut self) {
        let rows = self.claims.rows();
        let n = rows.len();
        let from = self.claims.cursor().selected;
        let next = (1..n)
            .map(|d| (from + d) % n)
            .find(|&i| rows.get(i).is_some_and(|&c| self.is_open(c)));
        match next {
            Some(i) => {
                let h = AppLayout::inner_height(self.layout().claims);
                self.claims.select(i, h);
                self.sync_timeline_to_claim();
            }
            None => self.say("nothing left to adjudicate in this view"),
        }
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

    /// `T` then `n`: takes choice `n` into your annotations, on what an
    /// edit targets (`edit_target`): the claim the focused pane highlights,
    /// or with marks an analyst's verdict on every marked claim (a
    /// conflict's sides are numbered per claim: with marks they are
    /// refused). Of an analyst's verdict only `part` when given; a
    /// conflict's side is one field already.
    pub(super) fn take(&mut self, n: u8, part: Option<VerdictPart>) {
        if let Some(why) = self.annotations.read_only_reason() {
            self.complain(format!("read-only: {why}"));
            return;
        }
        let index = usize::from(n).saturating_sub(1);
        let c = match self.edit_target() {
            EditTarget::Nothing(why) => {
                return self.complain(format!("nothing to adjudicate: {why}"));
            }
            EditTarget::Marked(marked) => {
                let analysts = self.compare.as_ref().map_or(0, |cmp| cmp.analysts().len());
                if index >= analysts {
                    return self.complain(match analysts {
                        0 => "with marks nothing is taken: a conflict's sides are taken claim by claim (M clears the marks)".to_owned(),
                        k => format!("with marks, T 1-{k} takes an analyst's verdict on every marked claim; a conflict's sides are taken claim by claim"),
                    });
                }
                self.take_verdicts(&marked, index, part, true);
                return;
            }
            EditTarget::Claim(c) => c,
        };
        let choices = self.choices(c);
        let Some(choice) = choices.get(index).filter(|_| n > 0).cloned() else {
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
            Choice::Analyst(i) => self.take_verdicts(&[c], i, part, false),
        }
        if self.advance {
            self.advance_to_disagreement();
        }
    }

    /// Takes compared analyst `i`'s verdict on `claims` (the fields that
    /// differ from yours) as one undoable step, one durable record.
    fn take_verdicts(
        &mut self,
        claims: &[ClaimIx],
        i: usize,
        part: Option<VerdictPart>,
        bulk: bool,
    ) {
        if let Some(&c) = claims.iter().find(|&&c| self.is_hidden(c)) {
            let id = self.claim_ids(&[c], 1);
            return self.complain(format!(
                "blind review: give your own verdict on {id} first, then the others' are shown"
            ));
        }
        let Some(analyst) = self.compare.as_ref().and_then(|cmp| cmp.analysts().get(i)) else {
            return;
        };
        let name = analyst.name().to_owned();
        let blank = Annotation::default();
        let set = self.annotations.set();
        let mut edits: Vec<(ClaimIx, Edit)> = Vec::new();
        for &c in claims {
            let Some(claim) = self.loaded.dataset.claims.get(c.i()) else {
                continue;
            };
            let theirs = analyst.get(&claim.id).unwrap_or(&blank);
            let mine = set.get(&claim.id).unwrap_or(&blank);
            edits.extend(
                verdict_fields(part)
                    .iter()
                    .map(|&f| Edit::value_of(theirs, f))
                    .filter(|e| *e != Edit::value_of(mine, e.field()))
                    .map(|e| (c, e)),
            );
        }
        let what = match part {
            None => "verdict",
            Some(VerdictPart::Status) => "status",
            Some(VerdictPart::Grading) => "grading",
            Some(VerdictPart::Note) => "note",
            Some(VerdictPart::Evidence) => "evidence",
        };
        let whom = match bulk {
            true => self.describe(&EditTarget::Marked(claims.to_vec())),
            false => self.claim_ids(claims, 1),
        };
        if edits.is_empty() {
            return self.say(format!("{whom}: your {what} is already {name}'s"));
        }
        // One claim: the fields taken; several: the part asked for.
        let fields = match bulk {
            true => what.to_owned(),
            false => {
                let f: Vec<&str> = edits.iter().map(|(_, e)| e.field().label()).collect();
                f.join(", ")
            }
        };
        let step = self.apply_edits_from(&edits, Some(&name));
        self.undo_record(step);
        self.after_adjudication(claims);
        if self.message.is_none() {
            let after = self.after_bulk(bulk);
            self.say(format!(
                "{whom}: adjudicated: took {name}'s {fields}{after}"
            ));
        }
    }

    fn take_side(&mut self, c: ClaimIx, value: &Edit) {
        let Some(id) = self.loaded.dataset.claims.get(c.i()).map(|x| x.id.clone()) else {
            return;
        };
        match self.annotations.resolve(&id, value) {
            Ok(change) => {
                let what = change.adjudication().unwrap_or_default();
                self.after_adjudication(&[c]);
                self.say(format!("{id}: {what} ({})", value.value_text()));
            }
            Err(e) => self.complain(e.to_string()),
        }
    }

    /// The view catches up with adjudicated claims: their statuses and
    /// counts, and the list when it shows only claims to adjudicate (the
    /// cursor then rests on the next one).
    fn after_adjudication(&mut self, claims: &[ClaimIx]) {
        for &c in claims {
            let Some(claim) = self.loaded.dataset.claims.get(c.i()) else {
                continue;
            };
            let now = self.annotations.set().status(&claim.id);
            if now != self.statuses.of(c) {
                self.statuses.set(c, now);
            }
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
