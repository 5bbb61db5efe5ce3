//! Dates of year, month or day precision, and the ranges a [`When`] stands for.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::dataset::When;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// `"2024"`, `"2024-10"` or `"2024-10-18"`, checked to be a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub first: Date,
    pub precision: Precision,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub input: String,
    pub reason: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date \"{}\": {}", self.input, self.reason)
    }
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let err = |reason| DateError {
            input: s.to_owned(),
            reason,
        };
        let mut parts = s.split('-');
        let year = parse_digits(parts.next(), 4)
            .ok_or_else(|| err("expected YYYY, YYYY-MM or YYYY-MM-DD"))?;
        let month = match parts.next() {
            None => None,
            Some(m) => {
                Some(parse_digits(Some(m), 2).ok_or_else(|| err("month must be two digits"))?)
            }
        };
        let day = match parts.next() {
            None => None,
            Some(d) => Some(parse_digits(Some(d), 2).ok_or_else(|| err("day must be two digits"))?),
        };
        if parts.next().is_some() {
            return Err(err("expected YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        if year == 0 {
            return Err(err("year 0000 is not allowed"));
        }
        let (month_n, precision) = match (month, day) {
            (None, _) => (1, Precision::Year),
            (Some(m), None) => (m, Precision::Month),
            (Some(m), Some(_)) => (m, Precision::Day),
        };
        if !(1..=12).contains(&month_n) {
            return Err(err("month out of range 01..12"));
        }
        let day_n = day.unwrap_or(1);
        // Lossless: year ≤ 9999, month ≤ 12 and day ≤ 99 were checked above.
        let first = Date::new(year as i16, month_n as i8, day_n as i8)
            .map_err(|_| err("day out of range for that month"))?;
        Ok(Self { first, precision })
    }

    /// The last day this date covers (end of the month or year for coarse dates).
    pub fn last(&self) -> Date {
        match self.precision {
            Precision::Day => self.first,
            Precision::Month => self.first.last_of_month(),
            Precision::Year => self.first.last_of_year(),
        }
    }
}

fn parse_digits(s: Option<&str>, len: usize) -> Option<u32> {
    let s = s?;
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// What a [`When`] means as a closed range of days; an open end is `None`.
///
/// `On("2024-10")` is 2024-10-01..=2024-10-31; `Before("2024-10-22")` is
/// ..=2024-10-22; `Unknown` has both ends open. `precision` is the finest
/// precision the author wrote, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    #[serde(with = "compact_date")]
    pub from: Option<Date>,
    #[serde(with = "compact_date")]
    pub to: Option<Date>,
    pub kind: WhenKind,
}

/// Dates as packed integers in binary formats (the dataset cache), where
/// parsing ISO strings was a measurable part of reopening a large dataset.
/// Text formats keep jiff's ISO strings.
mod compact_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    fn pack(d: Date) -> i32 {
        (i32::from(d.year()) << 9) | (i32::from(d.month()) << 5) | i32::from(d.day())
    }

    fn unpack(v: i32) -> Option<Date> {
        let year = i16::try_from(v >> 9).ok()?;
        Date::new(year, ((v >> 5) & 15) as i8, (v & 31) as i8).ok()
    }

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            d.serialize(s)
        } else {
            d.map(pack).serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        if d.is_human_readable() {
            return Option::<Date>::deserialize(d);
        }
        match Option::<i32>::deserialize(d)? {
            None => Ok(None),
            Some(v) => unpack(v)
                .map(Some)
                .ok_or_else(|| D::Error::custom("invalid packed date")),
        }
    }

    #[cfg(test)]
    #[test]
    fn packs_losslessly() {
        for (y, m, d) in [(2024, 2, 29), (1, 1, 1), (9999, 12, 31), (-44, 3, 15)] {
            let d = Date::new(y, m, d).expect("date");
            assert_eq!(unpack(pack(d)), Some(d), "{d}");
        }
        assert_eq!(unpack(31), None, "month 0");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WhenKind {
    On(Precision),
    Between,
    Before,
    After,
    Unknown,
}

impl DateRange {
    pub const UNKNOWN: DateRange = DateRange {
        from: None,
        to: None,
        kind: WhenKind::Unknown,
    };

    /// Resolves a `When`; each failing date string is reported with its index
    /// (0 or 1, for `Between`) so the caller can point at it.
    pub fn resolve(when: &When) -> Result<Self, Vec<(usize, DateError)>> {
        match when {
            When::On(d) => {
                let d = PartialDate::parse(d).map_err(|e| vec![(0, e)])?;
                Ok(Self {
                    from: Some(d.first),
                    to: Some(d.last()),
                    kind: WhenKind::On(d.precision),
                })
            }
            When::Between(first, second) => {
                let (a, b) = (PartialDate::parse(first), PartialDate::parse(second));
                match (a, b) {
                    (Ok(a), Ok(b)) => {
                        if a.first > b.last() {
                            return Err(vec![(
                                0,
                                DateError {
                                    input: first.to_string(),
                                    reason: "Between: the first date is after the second",
                                },
                            )]);
                        }
                        Ok(Self {
                            from: Some(a.first),
                            to: Some(b.last()),
                            kind: WhenKind::Between,
                        })
                    }
                    (a, b) => {
                        let mut errs = Vec::new();
                        if let Err(e) = a {
                            errs.push((0, e));
                        }
                        if let Err(e) = b {
                            errs.push((1, e));
                        }
                        Err(errs)
                    }
                }
            }
            When::Before(d) => {
                let d = PartialDate::parse(d).map_err(|e| vec![(0, e)])?;
                Ok(Self {
                    from: None,
                    to: Some(d.last()),
                    kind: WhenKind::Before,
                })
            }
            When::After(d) => {
                let d = PartialDate::parse(d).map_err(|e| vec![(0, e)])?;
                Ok(Self {
                    from: Some(d.first),
                    to: None,
                    kind: WhenKind::After,
                })
            }
            When::Unknown => Ok(Self::UNKNOWN),
        }
    }

    /// The date used to order entries: the start, else the end. `None` for unknown.
    pub fn sort_key(&self) -> Option<Date> {
        self.from.or(self.to)
    }

    pub fn is_unknown(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// Human text for a resolved `When`: "2024-10-18", "2024-10", "2024-10-18 – 2024-10-22",
/// "before 2024-10-22", "after 2024-10-18", "unknown".
impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, self.from, self.to) {
            (WhenKind::On(Precision::Day), Some(d), _) => write!(f, "{d}"),
            (WhenKind::On(Precision::Month), Some(d), _) => write!(f, "{}", &d.to_string()[..7]),
            (WhenKind::On(Precision::Year), Some(d), _) => write!(f, "{:04}", d.year()),
            (WhenKind::Between, Some(a), Some(b)) => write!(f, "{a} – {b}"),
            (WhenKind::Before, _, Some(b)) => write!(f, "before {b}"),
            (WhenKind::After, Some(a), _) => write!(f, "after {a}"),
            _ => write!(f, "unknown"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().expect("test date")
    }

    #[test]
    fn parses_three_precisions() {
        let y = PartialDate::parse("2024").expect("year");
        assert_eq!(
            (y.first, y.last(), y.precision),
            (d("2024-01-01"), d("2024-12-31"), Precision::Year)
        );
        let m = PartialDate::parse("2024-02").expect("month");
        assert_eq!((m.first, m.last()), (d("2024-02-01"), d("2024-02-29")));
        let day = PartialDate::parse("2024-10-18").expect("day");
        assert_eq!((day.first, day.last()), (d("2024-10-18"), d("2024-10-18")));
    }

    #[test]
    fn rejects_invalid_dates() {
        for bad in [
            "2024-13-40",
            "2024-13",
            "2023-02-29",
            "24-10-18",
            "2024-1-5",
            "2024-10-18-1",
            "",
            "abcd",
            "0000",
            "2024-00",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn resolves_whens_to_ranges() {
        let r = DateRange::resolve(&When::Between("2024-10".into(), "2024-11".into())).expect("ok");
        assert_eq!(
            (r.from, r.to),
            (Some(d("2024-10-01")), Some(d("2024-11-30")))
        );
        assert_eq!(r.to_string(), "2024-10-01 – 2024-11-30");
        let b = DateRange::resolve(&When::Before("2024-10-22".into())).expect("ok");
        assert_eq!((b.from, b.to), (None, Some(d("2024-10-22"))));
        assert_eq!(b.to_string(), "before 2024-10-22");
        assert_eq!(
            DateRange::resolve(&When::Unknown).expect("ok").to_string(),
            "unknown"
        );
        assert_eq!(
            DateRange::resolve(&When::On("2024-10".into()))
                .expect("ok")
                .to_string(),
            "2024-10"
        );
    }

    #[test]
    fn between_must_be_ordered_but_precisions_may_differ() {
        assert!(
            DateRange::resolve(&When::Between("2024-10-22".into(), "2024-10-18".into())).is_err()
        );
        // The first's start (2024-10-01) is before the second's end.
        assert!(DateRange::resolve(&When::Between("2024-10".into(), "2024-10-05".into())).is_ok());
        let errs = DateRange::resolve(&When::Between("2024-10-18".into(), "2024-13-01".into()))
            .expect_err("bad");
        assert_eq!(errs[0].0, 1);
    }
}
