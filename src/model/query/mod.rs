//! The query language: one parser and one evaluator for the TUI's search box
//! and the CLI's `--where`, so the two can never disagree.
//!
//! ```text
//! status:false,disputed claimant:nis~ said:<2024-10-20 -has:evidence troops
//! ```
//!
//! Terms separated by spaces are ANDed; `-term` negates one; `field:a,b` is OR
//! within the field; `"quoted phrases"` and `field:"quoted values"` keep their
//! spaces; bare words are the fuzzy text search of [`super::search`].
//!
//! Parsing ([`Query::parse`]) needs no dataset and costs microseconds, so the
//! TUI can parse on every keystroke; it checks the syntax, field names, dates,
//! statuses, stances and grades. Ids of actors and articles are checked when
//! the query is run ([`Query::select`]), against the dataset. Every error
//! carries the byte range it is about and a message, with a suggestion where
//! one is plausible.

mod eval;
mod glob;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;

use jiff::civil::Date;

pub use glob::Glob;

use super::annotation::{Reliability, Status};
use super::dataset::Stance;

/// A parsed query: its terms, all of which a claim must satisfy.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The text parsed, for positions in errors found when running it.
    source: String,
    terms: Vec<Term>,
}

/// One term, with the byte range it occupies in the query text.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub negated: bool,
    pub kind: TermKind,
    pub start: usize,
    pub end: usize,
}

/// A value as written, with its byte range (for errors found later).
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TermKind {
    /// A bare word or a quoted phrase: the fuzzy text search.
    Text {
        text: String,
        phrase: bool,
    },
    Status(Vec<Status>),
    Stance(Vec<Stance>),
    /// Article ids (globs).
    Article(Vec<Spanned<Glob>>),
    /// Dataset or analyst tags (globs, case-insensitive).
    Tag(Vec<Glob>),
    /// Actor ids (globs) in a role; `~` adds their `part_of` descendants.
    Actor {
        role: Role,
        ids: Vec<Spanned<ActorRef>>,
    },
    /// Day ranges the claim's date must overlap.
    Date {
        field: DateField,
        spans: Vec<DaySpan>,
    },
    Has(Vec<Has>),
    /// The analyst who last changed the annotation (globs, case-insensitive).
    By(Vec<Glob>),
    Reliability(Vec<Compare<Reliability>>),
    Credibility(Vec<Compare<u8>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Claimant,
    Via,
    About,
    /// Any of the three.
    Any,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorRef {
    pub id: Glob,
    /// `~`: the actor and everything `part_of` it.
    pub descendants: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    Said,
    Published,
}

/// A closed range of days; `None` is an open end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Has {
    Note,
    Evidence,
    Grading,
    /// A merge left competing values of some field ([`crate::model::Conflict`]).
    Conflict,
    Relations,
}

/// `X`, `<X`, `<=X`, `>X`, `>=X` or `X..Y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare<T> {
    Eq(T),
    Lt(T),
    Le(T),
    Gt(T),
    Ge(T),
    Range(T, T),
}

impl<T: PartialOrd + Copy> Compare<T> {
    pub fn matches(&self, v: T) -> bool {
        match *self {
            Self::Eq(x) => v == x,
            Self::Lt(x) => v < x,
            Self::Le(x) => v <= x,
            Self::Gt(x) => v > x,
            Self::Ge(x) => v >= x,
            Self::Range(a, b) => a <= v && v <= b,
        }
    }
}

/// A query that cannot be parsed or run. `start..end` is the byte range of
/// the offending text in the query (empty at the end for "missing" errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub start: usize,
    pub end: usize,
    /// 1-based character column of `start`, for people.
    pub column: usize,
    pub message: String,
    /// A suggestion or detail, said after the position.
    pub hint: Option<String>,
}

impl QueryError {
    fn new(src: &str, start: usize, end: usize, message: impl Into<String>) -> Self {
        let start = start.min(src.len());
        let column = src.get(..start).map_or(start, |s| s.chars().count()) + 1;
        Self {
            start,
            end: end.clamp(start, src.len()),
            column,
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn suggest(self, input: &str, candidates: &[&str]) -> Self {
        match super::suggest::did_you_mean(input, candidates) {
            Some(s) => self.hint(format!("did you mean \"{s}\"?")),
            None => self,
        }
    }
}

/// `unknown field "stauts" at 1; did you mean "status"?`
impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.message, self.column)?;
        if let Some(h) = &self.hint {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

/// The field names, as written before the `:`.
pub const FIELDS: [&str; 14] = [
    "status",
    "stance",
    "article",
    "tag",
    "claimant",
    "via",
    "about",
    "actor",
    "said",
    "published",
    "has",
    "by",
    "reliability",
    "credibility",
];

impl Query {
    /// Parses `src`; the empty (or all-blank) query is valid and matches every claim.
    pub fn parse(src: &str) -> Result<Query, QueryError> {
        parse::parse(src)
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the query has bare words or phrases (the text search index is needed).
    pub fn has_text(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t.kind, TermKind::Text { .. }))
    }

    /// The same query without its words and phrases: what can be selected
    /// while the text search index is still being built.
    pub fn without_text(&self) -> Query {
        Query {
            source: self.source.clone(),
            terms: self
                .terms
                .iter()
                .filter(|t| !matches!(t.kind, TermKind::Text { .. }))
                .cloned()
                .collect(),
        }
    }

    /// Whether a word or phrase is negated (`-word`): such a query is
    /// answered only in full, never a screenful first.
    pub fn has_negated_text(&self) -> bool {
        self.terms
            .iter()
            .any(|t| t.negated && matches!(t.kind, TermKind::Text { .. }))
    }

    /// The words and phrases a claim must match, as one fuzzy pattern (a
    /// phrase's spaces escaped), for highlighting the matches; "" when none.
    pub fn search_words(&self) -> String {
        let words: Vec<String> = self
            .terms
            .iter()
            .filter_map(|t| match &t.kind {
                TermKind::Text { text, .. } if !t.negated => Some(eval::fuzzy_words(text)),
                _ => None,
            })
            .collect();
        words.join(" ")
    }
}
