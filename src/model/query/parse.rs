//! Raw terms to typed terms: field names, statuses, stances, dates and
//! grades are checked here, each error pointing at its own text.

use jiff::civil::Date;

use super::lex::{self, Body, Item, RawTerm};
use super::{
    ActorRef, Compare, DateField, DaySpan, FIELDS, Glob, Has, Query, QueryError, Role, Spanned,
    Term, TermKind,
};
use crate::model::annotation::{Reliability, Status};
use crate::model::dataset::Stance;
use crate::model::date::PartialDate;

const STANCES: [Stance; 7] = [
    Stance::Asserts,
    Stance::Denies,
    Stance::Declines,
    Stance::Considers,
    Stance::Warns,
    Stance::Condemns,
    Stance::Quotes,
];

/// What `has:` accepts, with the spellings it also takes.
const HAS: [(&str, Has); 5] = [
    ("note", Has::Note),
    ("evidence", Has::Evidence),
    ("grading", Has::Grading),
    ("conflict", Has::Conflict),
    ("relations", Has::Relations),
];

pub(super) fn parse(src: &str) -> Result<Query, QueryError> {
    let terms = lex::lex(src)?
        .into_iter()
        .map(|raw| term(src, raw))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Query {
        source: src.to_owned(),
        terms,
    })
}

fn term(src: &str, raw: RawTerm) -> Result<Term, QueryError> {
    let kind = match raw.body {
        Body::Text { text, phrase } => {
            if text.trim().is_empty() {
                return Err(QueryError::new(src, raw.start, raw.end, "empty phrase"));
            }
            TermKind::Text { text, phrase }
        }
        Body::Field {
            name,
            name_start,
            colon_end,
            items,
        } => field(src, &name, name_start, colon_end, &items)?,
    };
    Ok(Term {
        negated: raw.negated,
        kind,
        start: raw.start,
        end: raw.end,
    })
}

fn field(
    src: &str,
    name: &str,
    name_start: usize,
    colon_end: usize,
    items: &[Item],
) -> Result<TermKind, QueryError> {
    let lower = name.to_lowercase();
    let Some(&field) = FIELDS.iter().find(|f| **f == lower) else {
        let e = QueryError::new(
            src,
            name_start,
            colon_end,
            format!("unknown field \"{name}\""),
        );
        return Err(
            if super::super::suggest::did_you_mean(name, &FIELDS).is_some() {
                e.suggest(name, &FIELDS)
            } else {
                e.hint(format!(
                    "fields are {}; quote a word with a colon to search for it",
                    FIELDS.join(", ")
                ))
            },
        );
    };
    if items.is_empty() {
        return Err(QueryError::new(
            src,
            name_start,
            colon_end,
            format!("{field}: needs a value"),
        )
        .hint(value_help(field)));
    }
    let cx = Cx { src, field };
    Ok(match field {
        "status" => TermKind::Status(cx.each(items, Cx::status)?),
        "stance" => TermKind::Stance(cx.each(items, Cx::stance)?),
        "article" => TermKind::Article(cx.each(items, |cx, it| {
            cx.no_tilde(it)?;
            Ok(spanned(it, Glob::new(&it.text, false)))
        })?),
        "tag" => TermKind::Tag(cx.each(items, |cx, it| {
            cx.no_tilde(it)?;
            Ok(Glob::new(
                it.text.strip_prefix('#').unwrap_or(&it.text),
                true,
            ))
        })?),
        "claimant" | "via" | "about" | "actor" => TermKind::Actor {
            role: match field {
                "claimant" => Role::Claimant,
                "via" => Role::Via,
                "about" => Role::About,
                _ => Role::Any,
            },
            ids: cx.each(items, |_, it| {
                Ok(spanned(
                    it,
                    ActorRef {
                        id: Glob::new(&it.text, false),
                        descendants: it.tilde,
                    },
                ))
            })?,
        },
        "said" | "published" => TermKind::Date {
            field: if field == "said" {
                DateField::Said
            } else {
                DateField::Published
            },
            spans: cx.each(items, Cx::date)?,
        },
        "has" => TermKind::Has(cx.each(items, Cx::has)?),
        "by" => TermKind::By(cx.each(items, |cx, it| {
            cx.no_tilde(it)?;
            Ok(Glob::new(&it.text, true))
        })?),
        "reliability" => TermKind::Reliability(cx.each(items, |cx, it| {
            cx.compare(it, "a letter A-F", |s| {
                let mut cs = s.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Reliability::from_letter(c),
                    _ => None,
                }
            })
        })?),
        _ => TermKind::Credibility(cx.each(items, |cx, it| {
            cx.compare(it, "a number 1-6", |s| {
                s.parse::<u8>().ok().filter(|n| (1..=6).contains(n))
            })
        })?),
    })
}

fn value_help(field: &str) -> String {
    match field {
        "status" => format!("one or more of {}", status_names().join(",")),
        "stance" => format!("one or more of {}", stance_names().join(",")),
        "said" | "published" => "a date: 2024-10-18, 2024-10, a..b, <d or >d".to_owned(),
        "has" => "note, evidence, grading, conflict or relations".to_owned(),
        "reliability" => "A-F, e.g. reliability:A,B or reliability:<C".to_owned(),
        "credibility" => "1-6, e.g. credibility:<3".to_owned(),
        "by" => "an analyst's name".to_owned(),
        "tag" => "a tag (* and ? are wildcards)".to_owned(),
        _ => "an id (* and ? are wildcards)".to_owned(),
    }
}

fn status_names() -> Vec<String> {
    Status::ALL
        .iter()
        .map(|s| s.label().to_lowercase())
        .collect()
}

fn stance_names() -> Vec<&'static str> {
    STANCES.iter().map(|s| s.label()).collect()
}

fn spanned<T>(it: &Item, value: T) -> Spanned<T> {
    Spanned {
        value,
        start: it.start,
        end: it.end,
    }
}

/// The field being parsed, for messages.
struct Cx<'a> {
    src: &'a str,
    field: &'static str,
}

impl Cx<'_> {
    fn err(&self, it: &Item, msg: impl Into<String>) -> QueryError {
        QueryError::new(self.src, it.start, it.end, msg)
    }

    fn each<T>(
        &self,
        items: &[Item],
        f: impl Fn(&Self, &Item) -> Result<T, QueryError>,
    ) -> Result<Vec<T>, QueryError> {
        items.iter().map(|it| f(self, it)).collect()
    }

    fn no_tilde(&self, it: &Item) -> Result<(), QueryError> {
        if it.tilde {
            return Err(self
                .err(it, format!("\"~\" does not apply to {}:", self.field))
                .hint("~ includes part_of descendants in claimant:, via:, about: and actor:"));
        }
        Ok(())
    }

    fn status(&self, it: &Item) -> Result<Status, QueryError> {
        self.no_tilde(it)?;
        Status::parse(&it.text).ok_or_else(|| {
            let names = status_names();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let e = self.err(it, format!("unknown status \"{}\" in status:", it.text));
            match super::super::suggest::did_you_mean(&it.text, &refs) {
                Some(_) => e.suggest(&it.text, &refs),
                None => e.hint(format!("statuses are {}", names.join(", "))),
            }
        })
    }

    fn stance(&self, it: &Item) -> Result<Stance, QueryError> {
        self.no_tilde(it)?;
        let want = it.text.to_lowercase();
        STANCES
            .into_iter()
            .find(|s| s.label() == want)
            .ok_or_else(|| {
                let names = stance_names();
                let e = self.err(it, format!("unknown stance \"{}\" in stance:", it.text));
                match super::super::suggest::did_you_mean(&it.text, &names) {
                    Some(_) => e.suggest(&it.text, &names),
                    None => e.hint(format!("stances are {}", names.join(", "))),
                }
            })
    }

    fn has(&self, it: &Item) -> Result<Has, QueryError> {
        self.no_tilde(it)?;
        let want = it.text.to_lowercase();
        let names: Vec<&str> = HAS.iter().map(|(n, _)| *n).collect();
        HAS.iter()
            .find(|(n, _)| {
                *n == want || n.strip_suffix('s') == Some(want.as_str()) || format!("{n}s") == want
            })
            .map(|(_, h)| *h)
            .ok_or_else(|| {
                let e = self.err(it, format!("unknown value \"{}\" in has:", it.text));
                match super::super::suggest::did_you_mean(&it.text, &names) {
                    Some(_) => e.suggest(&it.text, &names),
                    None => e.hint(format!("has: takes {}", names.join(", "))),
                }
            })
    }

    /// `X`, `<X`, `<=X`, `>X`, `>=X` or `X..Y`, each X read by `one`.
    fn compare<T: PartialOrd + Copy>(
        &self,
        it: &Item,
        what: &str,
        one: impl Fn(&str) -> Option<T>,
    ) -> Result<Compare<T>, QueryError> {
        self.no_tilde(it)?;
        let s = it.text.trim();
        let bad = || {
            self.err(it, format!("bad value \"{}\" in {}:", it.text, self.field))
                .hint(format!("expected {what}, <X, >X, <=X, >=X or X..Y"))
        };
        let get = |v: &str| one(v.trim()).ok_or_else(bad);
        Ok(if let Some(r) = s.strip_prefix("<=") {
            Compare::Le(get(r)?)
        } else if let Some(r) = s.strip_prefix(">=") {
            Compare::Ge(get(r)?)
        } else if let Some(r) = s.strip_prefix('<') {
            Compare::Lt(get(r)?)
        } else if let Some(r) = s.strip_prefix('>') {
            Compare::Gt(get(r)?)
        } else if let Some((a, b)) = s.split_once("..") {
            let (a, b) = (get(a)?, get(b)?);
            if a > b {
                return Err(self.err(
                    it,
                    format!("empty range \"{}\" in {}:", it.text, self.field),
                ));
            }
            Compare::Range(a, b)
        } else {
            Compare::Eq(get(s)?)
        })
    }

    /// `2024-10-18`, `2024-10`, `2024`, `a..b`, `a..`, `..b`, `<d`, `<=d`, `>d`, `>=d`.
    fn date(&self, it: &Item) -> Result<DaySpan, QueryError> {
        self.no_tilde(it)?;
        let s = it.text.as_str();
        // Where the value's text starts in the query (after a quote, if any).
        let base = it.start + usize::from(self.src.as_bytes().get(it.start) == Some(&b'"'));
        let day = |text: &str, at: usize| -> Result<PartialDate, QueryError> {
            PartialDate::parse(text).map_err(|e| {
                QueryError::new(
                    self.src,
                    base + at,
                    base + at + text.len(),
                    format!("bad date \"{text}\" in {}:", self.field),
                )
                .hint(e.reason)
            })
        };
        let empty = DaySpan {
            from: Some(Date::MAX),
            to: Some(Date::MIN),
        };
        let span = |from, to| DaySpan { from, to };
        Ok(if let Some(r) = s.strip_prefix("<=") {
            span(None, Some(day(r, 2)?.last()))
        } else if let Some(r) = s.strip_prefix(">=") {
            span(Some(day(r, 2)?.first), None)
        } else if let Some(r) = s.strip_prefix('<') {
            match day(r, 1)?.first.yesterday() {
                Ok(d) => span(None, Some(d)),
                Err(_) => empty,
            }
        } else if let Some(r) = s.strip_prefix('>') {
            match day(r, 1)?.last().tomorrow() {
                Ok(d) => span(Some(d), None),
                Err(_) => empty,
            }
        } else if let Some((a, b)) = s.split_once("..") {
            let from = (!a.is_empty()).then(|| day(a, 0)).transpose()?;
            let to = (!b.is_empty()).then(|| day(b, a.len() + 2)).transpose()?;
            match (from, to) {
                (None, None) => {
                    return Err(self.err(
                        it,
                        format!("\"..\" needs a date on one side in {}:", self.field),
                    ));
                }
                (Some(a), Some(b)) if a.first > b.last() => {
                    return Err(self.err(it, format!("empty range \"{s}\" in {}:", self.field)));
                }
                (a, b) => span(a.map(|d| d.first), b.map(|d| d.last())),
            }
        } else {
            let d = day(s, 0)?;
            span(Some(d.first), Some(d.last()))
        })
    }
}
