//! Every rule of the format's Validation section, checked in one pass per
//! kind of item (articles, actors, claims, events: a file each) that also
//! builds the [`Index`]. All problems are collected, none stops the others.

mod actors;
mod articles;
mod claims;
mod events;
mod index_build;
mod warnings;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

pub use super::passage::find_verbatim;
use index_build::build_index;

use super::dataset::{Dataset, FORMAT_VERSION, Short, When};
use super::date::DateRange;
use super::diagnostic::{Issue, Severity};
use super::index::*;
use super::load::Progress;
use super::spans::Seg::{self, Field, Item};

/// Checks `ds`; returns the index (meaningful only when no issue is an error)
/// and every issue found.
pub fn validate(ds: &Dataset) -> (Index, Vec<Issue>) {
    validate_with_progress(ds, &mut |_| {})
}

/// [`validate`], reporting [`Progress::Validating`] and [`Progress::Indexing`].
pub fn validate_with_progress(
    ds: &Dataset,
    progress: &mut dyn FnMut(Progress),
) -> (Index, Vec<Issue>) {
    let mut v = Validator {
        issues: Vec::new(),
        used: Vec::new(),
    };
    let index = v.run(ds, progress);
    (index, v.issues)
}

struct Validator {
    issues: Vec<Issue>,
    /// Per actor: referred to by anything (an unused actor is a warning).
    used: Vec<bool>,
}

/// Every id of the dataset, for the references between items.
struct Ids {
    article: HashMap<Short, ArticleIx>,
    actor: HashMap<Short, ActorIx>,
    claim: HashMap<Short, ClaimIx>,
    event: HashMap<Short, EventIx>,
}

fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn is_slug(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Who an issue is about, formatted only when there is an issue to report
/// (`claim "c02"`): formatting it for every item would cost more than the
/// checks themselves on a large dataset.
#[derive(Clone, Copy)]
struct Owner<'a> {
    kind: &'static str,
    id: &'a str,
}

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} \"{}\"", self.kind, self.id)
    }
}

/// The path of a field of a list item; the `Vec` is built only for an issue.
#[derive(Clone, Copy)]
struct At {
    list: &'static str,
    i: usize,
}

impl At {
    fn field(self, f: &'static str) -> impl Fn() -> Vec<Seg> + Copy {
        move || vec![Field(self.list), Item(self.i), Field(f)]
    }

    fn item(self, f: &'static str, j: usize) -> impl Fn() -> Vec<Seg> + Copy {
        move || vec![Field(self.list), Item(self.i), Field(f), Item(j)]
    }
}

impl Validator {
    fn error(&mut self, path: Vec<Seg>, message: String) {
        self.issues.push(Issue {
            severity: Severity::Error,
            path,
            message,
        });
    }

    fn warn(&mut self, path: Vec<Seg>, message: String) {
        self.issues.push(Issue {
            severity: Severity::Warning,
            path,
            message,
        });
    }

    /// Maps ids to indices; a repeated id is an error at its second occurrence.
    fn ids<'a, T: Copy>(
        &mut self,
        kind: &'static str,
        list: &'static str,
        ids: impl ExactSizeIterator<Item = &'a str>,
        make: impl Fn(usize) -> T,
    ) -> HashMap<Short, T> {
        let mut map = HashMap::with_capacity(ids.len());
        for (i, id) in ids.enumerate() {
            let path = At { list, i }.field("id");
            if !is_id(id) {
                self.error(
                    path(),
                    format!("{kind} id \"{id}\" must match [A-Za-z0-9._-]{{1,64}}"),
                );
            }
            match map.entry(Short::from(id)) {
                Entry::Occupied(_) => {
                    self.error(path(), format!("duplicate {kind} id \"{id}\""));
                }
                Entry::Vacant(v) => {
                    v.insert(make(i));
                }
            }
        }
        map
    }

    fn nonempty(
        &mut self,
        s: &str,
        path: impl FnOnce() -> Vec<Seg>,
        what: impl FnOnce() -> String,
    ) {
        if s.trim().is_empty() {
            self.error(path(), format!("{} must not be empty", what()));
        }
    }

    fn when(
        &mut self,
        when: &When,
        path: impl FnOnce() -> Vec<Seg>,
        owner: impl std::fmt::Display,
    ) -> DateRange {
        match DateRange::resolve(when) {
            Ok(r) => r,
            Err(errs) => {
                let path = path();
                for (arg, e) in errs {
                    let mut p = path.clone();
                    p.push(Item(arg));
                    self.error(p, format!("{owner}: {e}"));
                }
                DateRange::UNKNOWN
            }
        }
    }

    fn lookup<T: Copy>(
        &mut self,
        map: &HashMap<Short, T>,
        id: &str,
        path: impl FnOnce() -> Vec<Seg>,
        owner: impl std::fmt::Display,
        field: impl std::fmt::Display,
        kind: &str,
    ) -> Option<T> {
        let found = map.get(id).copied();
        if found.is_none() {
            self.error(path(), format!("{owner}: {field} \"{id}\" is not {kind}"));
        }
        found
    }

    fn run(&mut self, ds: &Dataset, progress: &mut dyn FnMut(Progress)) -> Index {
        let total = ds.articles.len() + ds.actors.len() + ds.claims.len() + ds.events.len();
        progress(Progress::Validating { done: 0, total });
        self.header(ds);
        let ids = Ids {
            article: self.ids(
                "article",
                "articles",
                ds.articles.iter().map(|a| a.id.as_str()),
                ArticleIx::from_usize,
            ),
            actor: self.ids(
                "actor",
                "actors",
                ds.actors.iter().map(|a| a.id.as_str()),
                ActorIx::from_usize,
            ),
            claim: self.ids(
                "claim",
                "claims",
                ds.claims.iter().map(|c| c.id.as_str()),
                ClaimIx::from_usize,
            ),
            event: self.ids(
                "event",
                "events",
                ds.events.iter().map(|e| e.id.as_str()),
                EventIx::from_usize,
            ),
        };
        self.used = vec![false; ds.actors.len()];
        let articles = self.articles(ds, &ids);
        let actors = self.actors(ds, &ids);
        let claims = self.claims(ds, &ids, &mut |done| {
            progress(Progress::Validating {
                done: ds.articles.len() + ds.actors.len() + done,
                total,
            })
        });
        let events = self.events(ds, &ids);
        progress(Progress::Indexing);
        let index = build_index(ds, ids, articles, actors, claims, events);
        if !self.issues.iter().any(|i| i.severity == Severity::Error) {
            let used = std::mem::take(&mut self.used);
            self.warnings(ds, &index, &used);
        }
        index
    }

    /// The dataset's own fields: format, id, title.
    fn header(&mut self, ds: &Dataset) {
        if ds.format != FORMAT_VERSION {
            self.error(
                vec![Field("format")],
                format!(
                    "unsupported format {} (this build reads format {FORMAT_VERSION})",
                    ds.format
                ),
            );
        }
        if !is_slug(&ds.id) {
            self.error(
                vec![Field("id")],
                format!("dataset id \"{}\" must match [a-z0-9-]{{1,64}}", ds.id),
            );
        }
        self.nonempty(
            &ds.title,
            || vec![Field("title")],
            || "dataset title".into(),
        );
    }

    /// Marks an actor as referred to (for the unused-actor warning).
    fn use_actor(&mut self, a: Option<ActorIx>) {
        if let Some(slot) = a.and_then(|a| self.used.get_mut(a.i())) {
            *slot = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_patterns() {
        assert!(is_id("mt-2024.10_22") && !is_id("a b") && !is_id("") && !is_id(&"x".repeat(65)));
        assert!(is_slug("nk-troops") && !is_slug("NK") && !is_slug("a_b"));
    }
}
