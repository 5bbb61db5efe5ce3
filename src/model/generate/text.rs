//! Dates and sentences: when things were said and published, the article's
//! own words for it ("last Friday"), and statements filled from templates.

use jiff::civil::{Date, Weekday};

use super::cast::Cast;
use super::corpus::*;
use super::{Rng, pick};
use crate::model::dataset::*;

/// Day numbers count from 2019-01-01, the start of the generated period.
pub(super) const DAYS: i64 = 6 * 365;

pub(super) fn day(n: i64) -> Date {
    let base = Date::constant(2019, 1, 1);
    base.saturating_add(jiff::Span::new().days(n.clamp(-100_000, 100_000)))
}

pub(super) fn month_of(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

pub(super) fn weekday_name(d: Date) -> &'static str {
    match d.weekday() {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A `When` covering day `s` whose start is at most `latest` (so that nothing
/// seems said after its article): every form of the format appears.
pub(super) fn when_around(rng: &mut Rng, s: i64, latest: i64) -> When {
    let d = day(s);
    match rng.below(100) {
        0..60 => When::On(d.to_string().into()),
        60..70 => When::On(month_of(d).into()),
        70..73 => When::On(format!("{:04}", d.year()).into()),
        73..83 => {
            let a = s - rng.below(5) as i64;
            let b = (s + rng.below(4) as i64).min(latest.max(s));
            When::Between(day(a).to_string().into(), day(b).to_string().into())
        }
        83..90 => When::Before(
            day((s + rng.below(3) as i64).min(latest.max(s)))
                .to_string()
                .into(),
        ),
        90..95 => When::After(day(s - 1 - rng.below(10) as i64).to_string().into()),
        _ => When::Unknown,
    }
}

/// How the article words the day something was said, relative to publication.
pub(super) fn said_as(rng: &mut Rng, s: i64, p: i64) -> Option<String> {
    let (sd, pd) = (day(s), day(p));
    match (p - s, rng.below(10)) {
        (_, 0..4) => None,
        (0, _) => Some(format!("on {}", weekday_name(sd))),
        (1..=6, _) => Some(format!("last {}", weekday_name(sd))),
        (_, _) if sd.month() == pd.month() && sd.year() == pd.year() => {
            Some("earlier this month".into())
        }
        _ => Some(format!(
            "in {}",
            MONTHS
                .get(sd.month() as usize - 1)
                .copied()
                .unwrap_or("the spring")
        )),
    }
}

pub(super) fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `"Talks between Mexico and Türkiye"` → `"talks-between-mexico-and"`.
pub(super) fn url_slug(s: &str) -> String {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    if words.is_empty() {
        "story".into()
    } else {
        words.join("-")
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn capital_of(cast: &Cast, actor: usize) -> &'static str {
    cast.country_of
        .get(actor)
        .copied()
        .flatten()
        .and_then(|c| COUNTRIES.get(c))
        .map_or("Geneva", |row| row.3)
}

/// What a template's slots stand for (indices into the cast).
#[derive(Clone, Copy)]
pub(super) struct Slots {
    pub(super) a: usize,
    pub(super) c: usize,
    pub(super) b: usize,
}

impl Slots {
    pub(super) fn pick(rng: &mut Rng, cast: &Cast) -> Self {
        let a = pick(rng, &cast.countries, 0);
        let mut c = pick(rng, &cast.countries, 0);
        for _ in 0..4 {
            if c != a {
                break;
            }
            c = pick(rng, &cast.countries, 0);
        }
        let b = pick(rng, &cast.subjects, 0);
        Self { a, c, b }
    }

    /// The actors a filled template is about, in order of appearance.
    pub(super) fn about(self, template: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (slot, x) in [
            ("{A}", self.a),
            ("{X}", self.a),
            ("{C}", self.c),
            ("{B}", self.b),
        ] {
            if template.contains(slot) && !out.contains(&x) {
                out.push(x);
            }
        }
        if out.is_empty() {
            out.push(self.a);
        }
        out
    }
}

pub(super) fn fill(template: &str, rng: &mut Rng, cast: &Cast, slots: Slots) -> String {
    let mut out = template
        .replace("{A}", cast.name(slots.a))
        .replace("{B}", cast.name(slots.b))
        .replace("{C}", cast.name(slots.c));
    if out.contains("{X}") {
        out = out.replace("{X}", capital_of(cast, slots.a));
    }
    if out.contains("{N}") {
        let n = [12, 150, 1_500, 4_000, 23_000]
            .get(rng.below(5))
            .copied()
            .unwrap_or(12)
            + rng.below(90);
        out = out.replace("{N}", &thousands(n));
    }
    if out.contains("{P}") {
        out = out.replace("{P}", &(2 + rng.below(60)).to_string());
    }
    out
}

pub(super) fn stance_verb(stance: Stance) -> (&'static str, &'static str) {
    // (as reported in the article, as paraphrased in the claim text)
    match stance {
        Stance::Asserts => ("said that", "says that"),
        Stance::Denies => ("denied that", "denies that"),
        Stance::Declines => ("declined to confirm that", "declines to confirm that"),
        Stance::Considers => ("said it was weighing whether", "is weighing whether"),
        Stance::Warns => ("warned that", "warns that"),
        Stance::Condemns => ("condemned the fact that", "condemns the fact that"),
        Stance::Quotes => ("quoted sources as saying that", "relays that"),
    }
}

pub(super) const STANCES: &[(Stance, usize)] = &[
    (Stance::Asserts, 45),
    (Stance::Denies, 12),
    (Stance::Declines, 6),
    (Stance::Considers, 8),
    (Stance::Warns, 12),
    (Stance::Condemns, 9),
    (Stance::Quotes, 8),
];

pub(super) fn pick_stance(rng: &mut Rng) -> Stance {
    let mut r = rng.below(STANCES.iter().map(|s| s.1).sum());
    for &(s, w) in STANCES {
        if r < w {
            return s;
        }
        r -= w;
    }
    Stance::Asserts
}
