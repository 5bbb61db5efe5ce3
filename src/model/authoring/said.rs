//! When a claim was said: the forms `claimtrack timeline` prints, or the
//! article's own words resolved against the day it was published.

use jiff::civil::{Date, Weekday};

use crate::model::dataset::When;
use crate::model::date::{DateRange, PartialDate, Precision};

/// A resolved `said`, with the article's words kept when they were used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub when: When,
    /// The words as given, for `said_as` (none for an explicit date).
    pub said_as: Option<String>,
    /// How the words were read, for telling the user (`the Friday before
    /// the article's date, 2024-10-22`); none for an explicit date.
    pub reading: Option<String>,
}

/// Why `--said` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaidError(pub String);

impl std::fmt::Display for SaidError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SaidError {}

/// The forms accepted, for error messages and `--help`.
pub const FORMS: &str = "2024-10-18, 2024-10, 2024-10-18..2024-10-22, ..2024-10-22, 2024-10-18.., \
unknown, or the article's words: yesterday, today, on Tuesday, last Friday, this week, last week, \
earlier this month, last month, previously, later";

/// Reads a date form, else the article's words relative to `published`.
pub fn resolve_said(input: &str, published: &When) -> Result<Said, SaidError> {
    let input = input.trim();
    if let Some(when) = parse_when(input)? {
        return Ok(Said {
            when,
            said_as: None,
            reading: None,
        });
    }
    let day = published_day(published)?;
    let (when, reading) = relative(&input.to_lowercase(), day)
        .ok_or_else(|| SaidError(format!("cannot read --said \"{input}\": expected {FORMS}")))?;
    Ok(Said {
        when,
        said_as: Some(input.to_owned()),
        reading: Some(reading),
    })
}

/// `2024-10-18`, `2024-10`, `a..b`, `..b`, `a..`, `unknown`; `None` when the
/// input is not shaped like a date at all (it may be words).
pub fn parse_when(input: &str) -> Result<Option<When>, SaidError> {
    let date = |s: &str| -> Result<String, SaidError> {
        PartialDate::parse(s)
            .map(|_| s.to_owned())
            .map_err(|e| SaidError(e.to_string()))
    };
    if input.eq_ignore_ascii_case("unknown") {
        return Ok(Some(When::Unknown));
    }
    let looks_dated = input
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
        && input.bytes().any(|b| b.is_ascii_digit());
    if !looks_dated {
        return Ok(None);
    }
    let when = match input.split_once("..") {
        None => When::On(date(input)?.into()),
        Some(("", b)) => When::Before(date(b)?.into()),
        Some((a, "")) => When::After(date(a)?.into()),
        Some((a, b)) => When::Between(date(a)?.into(), date(b)?.into()),
    };
    DateRange::resolve(&when).map_err(|errs| {
        SaidError(
            errs.into_iter()
                .map(|(_, e)| e.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    Ok(Some(when))
}

fn published_day(published: &When) -> Result<Date, SaidError> {
    match published {
        When::On(d) => match PartialDate::parse(d) {
            Ok(p) if p.precision == Precision::Day => Ok(p.first),
            _ => Err(SaidError(format!(
                "the article's published date \"{d}\" is not a day: give --said as a date"
            ))),
        },
        _ => Err(SaidError(
            "the article's published date is not a single day: give --said as a date".into(),
        )),
    }
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

fn on(d: Date) -> When {
    When::On(d.to_string().into())
}

fn has_word(words: &str, phrase: &str) -> bool {
    let padded = format!(" {} ", words.replace(|c: char| !c.is_alphanumeric(), " "));
    padded.contains(&format!(" {phrase} "))
}

/// The article's words as a `When`, and how they were read.
fn relative(words: &str, day: Date) -> Option<(When, String)> {
    let w = |phrase| has_word(words, phrase);
    let minus = |n: i64| day.checked_sub(jiff::Span::new().days(n)).ok();
    if w("yesterday") {
        let d = minus(1)?;
        return Some((on(d), format!("the day before the article's date, {day}")));
    }
    if w("today") || w("this morning") || w("tonight") {
        return Some((on(day), "the article's date".into()));
    }
    for (name, wd) in WEEKDAYS {
        if !w(name) {
            continue;
        }
        let last = w(&format!("last {name}"));
        let d = if !last && day.weekday() == wd {
            day
        } else {
            day.nth_weekday(-1, wd).ok()?
        };
        let reading = if d == day {
            format!("the article's date, a {}", cap(name))
        } else {
            format!("the {} before the article's date, {day}", cap(name))
        };
        return Some((on(d), reading));
    }
    let monday = day
        .checked_sub(jiff::Span::new().days(i64::from(day.weekday().to_monday_zero_offset())))
        .ok()?;
    if w("last week") {
        let from = monday.checked_sub(jiff::Span::new().days(7)).ok()?;
        let to = monday.checked_sub(jiff::Span::new().days(1)).ok()?;
        return Some((
            When::Between(from.to_string().into(), to.to_string().into()),
            format!("the week (Monday to Sunday) before the article's, {day}"),
        ));
    }
    if w("this week") {
        return Some((
            When::Between(monday.to_string().into(), day.to_string().into()),
            format!("from the Monday of the article's week to its date, {day}"),
        ));
    }
    if w("earlier this month") || w("this month") {
        return Some((
            When::Between(
                day.first_of_month().to_string().into(),
                day.to_string().into(),
            ),
            format!("from the first of the article's month to its date, {day}"),
        ));
    }
    if w("last month") {
        let prev = day
            .first_of_month()
            .checked_sub(jiff::Span::new().days(1))
            .ok()?;
        let month = prev.to_string().get(..7)?.to_owned();
        return Some((
            When::On(month.into()),
            format!("the month before the article's, {day}"),
        ));
    }
    let before = [
        "previously",
        "earlier",
        "already",
        "before",
        "recently",
        "later",
        "has said",
        "had said",
        "not yet",
    ];
    if before.iter().any(|p| w(p)) {
        return Some((
            When::Before(day.to_string().into()),
            format!("some time up to the article's date, {day}"),
        ));
    }
    None
}

/// The sentence of `text` around `range` (bytes): from after the last
/// `.`, `!` or `?` followed by a space before it, to the next one after it.
pub fn sentence_around(text: &str, range: std::ops::Range<usize>) -> &str {
    let ends = |i: usize, c: char| {
        matches!(c, '.' | '!' | '?')
            && text
                .get(i + c.len_utf8()..)
                .and_then(|t| t.chars().next())
                .is_none_or(char::is_whitespace)
    };
    let start = text
        .char_indices()
        .take_while(|&(i, _)| i < range.start)
        .filter(|&(i, c)| ends(i, c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .char_indices()
        .skip_while(|&(i, _)| i < range.end)
        .find(|&(i, c)| ends(i, c))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    text.get(start..end).unwrap_or(text).trim()
}

/// The words of `sentence` that say when something was said, as
/// [`resolve_said`] reads them (`last Friday`, `yesterday`, `last week`,
/// `previously`…), exactly as written; the most precise ones first.
pub fn said_words(sentence: &str) -> Option<&str> {
    // ASCII lowering keeps every byte offset.
    let lower = sentence.to_ascii_lowercase();
    let find = |phrase: &str| -> Option<(usize, usize)> {
        let bytes = lower.as_bytes();
        let boundary = |i: usize| bytes.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
        lower
            .match_indices(phrase)
            .map(|(i, _)| i)
            .find(|&i| (i == 0 || boundary(i - 1)) && boundary(i + phrase.len()))
            .map(|i| (i, i + phrase.len()))
    };
    let mut hit = None;
    for (name, _) in WEEKDAYS {
        if let Some((s, e)) = find(name) {
            let before = lower.get(..s).unwrap_or_default();
            let s = ["last ", "on ", "this ", "next "]
                .iter()
                .find(|w| before.ends_with(*w))
                .map_or(s, |w| s - w.len());
            hit = Some((s, e));
            break;
        }
    }
    let phrases = [
        "yesterday",
        "today",
        "this morning",
        "tonight",
        "last week",
        "this week",
        "earlier this month",
        "last month",
        "this month",
        "previously",
        "already",
        "recently",
        "not yet",
        "has said",
        "had said",
        "earlier",
        "later",
    ];
    let (s, e) = hit.or_else(|| phrases.iter().find_map(|p| find(p)))?;
    sentence.get(s..e)
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(input: &str) -> When {
        resolve_said(input, &When::On("2024-10-22".into()))
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .when
    }

    fn on_(s: &str) -> When {
        When::On(s.into())
    }

    #[test]
    fn date_forms() {
        assert_eq!(said("2024-10-18"), on_("2024-10-18"));
        assert_eq!(said("2024-10"), on_("2024-10"));
        assert_eq!(
            said("2024-10-18..2024-10-22"),
            When::Between("2024-10-18".into(), "2024-10-22".into())
        );
        assert_eq!(said("..2024-10-22"), When::Before("2024-10-22".into()));
        assert_eq!(said("2024-10-18.."), When::After("2024-10-18".into()));
        assert_eq!(said("Unknown"), When::Unknown);
        let r = resolve_said("2024-10-18", &When::Unknown).expect("dates need no article date");
        assert_eq!(r.said_as, None);
        assert!(resolve_said("2024-13-01", &When::Unknown).is_err());
        assert!(resolve_said("2024-10-22..2024-10-18", &When::Unknown).is_err());
    }

    #[test]
    fn the_articles_words_against_a_tuesday() {
        // 2024-10-22 is a Tuesday.
        assert_eq!(said("last Friday"), on_("2024-10-18"));
        assert_eq!(said("on Tuesday"), on_("2024-10-22"));
        assert_eq!(said("reported on Tuesday"), on_("2024-10-22"));
        assert_eq!(said("last Tuesday"), on_("2024-10-15"));
        assert_eq!(said("on Wednesday"), on_("2024-10-16"));
        assert_eq!(said("yesterday"), on_("2024-10-21"));
        assert_eq!(
            said("last week"),
            When::Between("2024-10-14".into(), "2024-10-20".into())
        );
        assert_eq!(
            said("earlier this month"),
            When::Between("2024-10-01".into(), "2024-10-22".into())
        );
        assert_eq!(said("last month"), on_("2024-09"));
        assert_eq!(said("previously"), When::Before("2024-10-22".into()));
        assert_eq!(said("later"), When::Before("2024-10-22".into()));
        let r = resolve_said("last Friday", &When::On("2024-10-22".into())).expect("ok");
        assert_eq!(r.said_as.as_deref(), Some("last Friday"));
        assert_eq!(
            r.reading.as_deref(),
            Some("the Friday before the article's date, 2024-10-22")
        );
    }

    #[test]
    fn the_date_words_of_a_sentence_are_found_as_written() {
        let p = "Seoul said so. The NIS said on Friday: troops are there. Nothing else.";
        let at = p.find("troops").expect("in");
        let sentence = sentence_around(p, at..at + 6);
        assert_eq!(sentence, "The NIS said on Friday: troops are there.");
        assert_eq!(said_words(sentence), Some("on Friday"));
        assert_eq!(said_words("It had LAST Friday said."), Some("LAST Friday"));
        assert_eq!(
            said_words("As reported yesterday, and previously"),
            Some("yesterday")
        );
        assert_eq!(said_words("Seoul earlier said"), Some("earlier"));
        assert_eq!(said_words("Nothing dated, laterally."), None);
        assert_eq!(said_words("Fridays are fine"), None);
        // What is found reads back through `resolve_said`.
        let w = said_words(sentence).expect("words");
        assert_eq!(said(w), on_("2024-10-18"));
    }

    #[test]
    fn words_need_a_day_and_must_be_known() {
        let month = When::On("2024-10".into());
        assert!(resolve_said("yesterday", &month).is_err());
        let e = resolve_said("at some point", &When::On("2024-10-22".into())).expect_err("unknown");
        assert!(e.0.contains("expected 2024-10-18"), "{e}");
    }
}
