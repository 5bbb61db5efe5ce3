//! Running a query over a dataset and its annotations: the one selection
//! function the TUI and the CLI share.
//!
//! Structured terms go first (cheap lookups per claim), then the fuzzy text
//! search narrows what is left: while a word is being typed the structured
//! terms do not change, so the search index's incremental narrowing still
//! applies keystroke after keystroke.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::{DateField, DaySpan, Glob, Has, Query, QueryError, Role, Spanned, TermKind};
use crate::model::date::DateRange;
use crate::model::search::SearchIndex;
use crate::model::suggest::did_you_mean;
use crate::model::{Annotation, AnnotationSet, ClaimIx, Loaded, Short, Status};

/// A term with its ids resolved against the dataset.
enum Bound<'q> {
    Text,
    Actors(Role, Vec<bool>),
    Articles(Vec<bool>),
    Other(&'q TermKind),
}

impl Query {
    /// The claims among `candidates` (in their order) that satisfy every term.
    ///
    /// Fails only on ids the dataset does not have (`claimant:nsi`), or
    /// patterns no id matches: a typo is never a silent empty result.
    pub fn select(
        &self,
        loaded: &Loaded,
        set: &AnnotationSet,
        search: &mut SearchIndex,
        candidates: &[ClaimIx],
    ) -> Result<Vec<ClaimIx>, QueryError> {
        let bound = self.bind(loaded)?;
        let needs_annotations = self.terms.iter().any(|t| {
            matches!(
                t.kind,
                TermKind::Status(_)
                    | TermKind::Tag(_)
                    | TermKind::Has(_)
                    | TermKind::By(_)
                    | TermKind::Reliability(_)
                    | TermKind::Credibility(_)
            )
        });
        let annotations = if needs_annotations {
            Annotations::new(loaded, set, candidates.len())
        } else {
            Annotations::None
        };
        let wants_conflicts = self
            .terms
            .iter()
            .any(|t| matches!(&t.kind, TermKind::Has(list) if list.contains(&Has::Conflict)));
        let conflicted = if wants_conflicts {
            let mut v = vec![false; loaded.dataset.claims.len()];
            for c in &set.conflicts {
                if let Some(i) = loaded.index.claim_by_id.get(c.claim.as_str()) {
                    v[i.i()] = true;
                }
            }
            v
        } else {
            Vec::new()
        };
        let facts = Facts {
            loaded,
            set,
            annotations: &annotations,
            conflicted: &conflicted,
        };
        let mut rows: Vec<ClaimIx> = candidates
            .iter()
            .copied()
            .filter(|&c| {
                self.terms
                    .iter()
                    .zip(&bound)
                    .all(|(t, b)| matches!(b, Bound::Text) || facts.holds(b, c) != t.negated)
            })
            .collect();
        if !self.has_text() {
            return Ok(rows);
        }
        search.ensure_built(loaded);
        search.sync_annotations(loaded, set);
        let mut wanted = Vec::new();
        for t in &self.terms {
            if let TermKind::Text { text, .. } = &t.kind {
                let words = fuzzy_words(text);
                if t.negated {
                    // The hits are a subsequence of `rows`: drop them in one walk.
                    let hits = search.matching(&words, &rows);
                    let mut next = hits.iter().peekable();
                    rows.retain(|c| {
                        let hit = next.peek() == Some(&c);
                        if hit {
                            next.next();
                        }
                        !hit
                    });
                } else {
                    wanted.push(words);
                }
            }
        }
        if !wanted.is_empty() {
            rows = search.filter(&wanted.join(" "), &rows);
        }
        Ok(rows)
    }

    /// Whether the query runs on this dataset (its actor and article ids
    /// exist), without selecting anything: cheap enough for every keystroke
    /// (no text index is built).
    pub fn check(&self, loaded: &Loaded) -> Result<(), QueryError> {
        self.bind(loaded).map(|_| ())
    }

    fn bind(&self, loaded: &Loaded) -> Result<Vec<Bound<'_>>, QueryError> {
        let ds = &loaded.dataset;
        let ix = &loaded.index;
        self.terms
            .iter()
            .map(|t| {
                Ok(match &t.kind {
                    TermKind::Text { .. } => Bound::Text,
                    TermKind::Actor { role, ids } => {
                        let mut mask = vec![false; ds.actors.len()];
                        for r in ids {
                            let hits = self.resolve(
                                r,
                                &r.value.id,
                                "actor",
                                role_name(*role),
                                ds.actors.iter().map(|a| a.id.as_str()),
                            )?;
                            for a in hits {
                                if r.value.descendants {
                                    for d in ix.actor_subtree(crate::model::ActorIx::from_usize(a))
                                    {
                                        mask[d.i()] = true;
                                    }
                                } else {
                                    mask[a] = true;
                                }
                            }
                        }
                        Bound::Actors(*role, mask)
                    }
                    TermKind::Article(globs) => {
                        let mut mask = vec![false; ds.articles.len()];
                        for g in globs {
                            let ids = ds.articles.iter().map(|a| a.id.as_str());
                            for a in self.resolve(g, &g.value, "article", "article", ids)? {
                                mask[a] = true;
                            }
                        }
                        Bound::Articles(mask)
                    }
                    other => Bound::Other(other),
                })
            })
            .collect()
    }

    /// Indices of the ids `glob` matches; none is an error naming the closest id.
    fn resolve<'a, T>(
        &self,
        at: &Spanned<T>,
        glob: &Glob,
        what: &str,
        field: &str,
        ids: impl Iterator<Item = &'a str> + Clone,
    ) -> Result<Vec<usize>, QueryError> {
        let hits: Vec<usize> = ids
            .clone()
            .enumerate()
            .filter(|(_, id)| glob.matches(id))
            .map(|(i, _)| i)
            .collect();
        if !hits.is_empty() {
            return Ok(hits);
        }
        let text = glob.as_text();
        let e = if glob.is_literal() {
            QueryError::new(
                &self.source,
                at.start,
                at.end,
                format!("unknown {what} \"{text}\" in {field}:"),
            )
        } else {
            QueryError::new(
                &self.source,
                at.start,
                at.end,
                format!("no {what} matches \"{text}\" in {field}:"),
            )
        };
        let all: Vec<&str> = ids.collect();
        Err(match did_you_mean(&text, &all) {
            Some(s) => e.hint(format!("did you mean \"{s}\"?")),
            None => e,
        })
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Claimant => "claimant",
        Role::Via => "via",
        Role::About => "about",
        Role::Any => "actor",
    }
}

/// A word as one fuzzy atom: a phrase's spaces escaped so it stays together.
pub(super) fn fuzzy_words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join("\\ ")
}

/// Each claim's annotation, found once per selection.
enum Annotations<'s> {
    None,
    /// By claim index: every annotation looked up once.
    Dense(Vec<Option<&'s Annotation>>),
    /// Few candidates: look each up by id.
    ById,
}

impl<'s> Annotations<'s> {
    fn new(loaded: &Loaded, set: &'s AnnotationSet, candidates: usize) -> Self {
        if candidates.saturating_mul(8) < set.claims.len() {
            return Self::ById;
        }
        let mut dense = vec![None; loaded.dataset.claims.len()];
        for (id, a) in &set.claims {
            if let Some(c) = loaded.index.claim_by_id.get(id.as_str()) {
                dense[c.i()] = Some(a);
            }
        }
        Self::Dense(dense)
    }

    fn get(&self, loaded: &Loaded, set: &'s AnnotationSet, c: ClaimIx) -> Option<&'s Annotation> {
        match self {
            Self::None => None,
            Self::Dense(v) => v.get(c.i()).copied().flatten(),
            Self::ById => loaded
                .dataset
                .claims
                .get(c.i())
                .and_then(|claim| set.get(&claim.id)),
        }
    }
}

/// What a selection looks claims up in.
struct Facts<'a, 's> {
    loaded: &'a Loaded,
    set: &'s AnnotationSet,
    annotations: &'a Annotations<'s>,
    /// By claim index, when the query asks for conflicts.
    conflicted: &'a [bool],
}

impl Facts<'_, '_> {
    /// Whether claim `c` satisfies a non-text term (before negation).
    fn holds(&self, b: &Bound, c: ClaimIx) -> bool {
        let (loaded, set) = (self.loaded, self.set);
        let ds = &loaded.dataset;
        let ix = &loaded.index;
        let Some(claim) = ds.claims.get(c.i()) else {
            return false;
        };
        let ann = || self.annotations.get(loaded, set, c);
        match b {
            Bound::Text => true,
            Bound::Articles(mask) => ix
                .claim_article
                .get(c.i())
                .is_some_and(|a| mask.get(a.i()).copied().unwrap_or(false)),
            Bound::Actors(role, mask) => {
                let hit = |a: &crate::model::ActorIx| mask.get(a.i()).copied().unwrap_or(false);
                let claimant = || ix.claim_claimant.get(c.i()).is_some_and(hit);
                let via = || ix.claim_via.get(c.i()).iter().any(hit);
                let about = || ix.claim_about.get(c.i()).iter().any(hit);
                match role {
                    Role::Claimant => claimant(),
                    Role::Via => via(),
                    Role::About => about(),
                    Role::Any => claimant() || via() || about(),
                }
            }
            Bound::Other(kind) => match kind {
                TermKind::Status(list) => {
                    list.contains(&ann().map_or(Status::Unreviewed, |a| a.status))
                }
                TermKind::Stance(list) => list.contains(&claim.stance),
                TermKind::Tag(globs) => {
                    let analyst = ann().map_or(&[][..], |a| a.tags.as_slice());
                    globs.iter().any(|g| {
                        let dataset = claim.tags.iter().map(Short::as_str);
                        dataset
                            .chain(analyst.iter().map(String::as_str))
                            .any(|t| g.matches(t))
                    })
                }
                TermKind::Date { field, spans } => {
                    let range = match field {
                        DateField::Said => ix.claim_said.get(c.i()).copied(),
                        DateField::Published => ix
                            .claim_article
                            .get(c.i())
                            .and_then(|a| ix.article_published.get(a.i()))
                            .copied(),
                    };
                    range.is_some_and(|r| spans.iter().any(|s| overlaps(s, &r)))
                }
                TermKind::Has(list) => list.iter().any(|h| match h {
                    Has::Note => ann().is_some_and(|a| !a.note.trim().is_empty()),
                    Has::Evidence => {
                        ann().is_some_and(|a| a.evidence.iter().any(|e| !e.trim().is_empty()))
                    }
                    Has::Grading => {
                        ann().is_some_and(|a| a.reliability.is_some() || a.credibility.is_some())
                    }
                    Has::Conflict => self.conflicted.get(c.i()).copied().unwrap_or(false),
                    Has::Relations => !ix.claim_links.get(c.i()).is_empty(),
                }),
                TermKind::By(globs) => ann()
                    .and_then(|a| a.by.as_deref())
                    .is_some_and(|by| globs.iter().any(|g| g.matches(by))),
                TermKind::Reliability(list) => ann()
                    .and_then(|a| a.reliability)
                    .is_some_and(|r| list.iter().any(|cmp| cmp.matches(r))),
                TermKind::Credibility(list) => ann()
                    .and_then(|a| a.credibility)
                    .is_some_and(|v| list.iter().any(|cmp| cmp.matches(v.get()))),
                // Resolved into `Bound::Actors` / `Bound::Articles` / `Bound::Text`.
                TermKind::Text { .. } | TermKind::Actor { .. } | TermKind::Article(_) => false,
            },
        }
    }
}

/// Whether a claim's date range overlaps a span; an unknown date matches no span
/// (it would otherwise match every date anyone asks for).
fn overlaps(s: &DaySpan, r: &DateRange) -> bool {
    if r.is_unknown() {
        return false;
    }
    let starts_before_end = match (r.from, s.to) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    };
    let ends_after_start = match (r.to, s.from) {
        (Some(a), Some(b)) => a >= b,
        _ => true,
    };
    starts_before_end && ends_after_start
}
