//! The two header rows: coarse period names and the ticked axis.

use jiff::civil::{Date, Weekday};

use crate::app::timeline_axis::{Geometry, Zoom};
use crate::model::timeline::{epoch_day, from_epoch_day};

/// Calendar periods for ticks and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

impl Unit {
    /// The start of the period containing `d`.
    fn floor(self, d: Date) -> Date {
        let ymd = |y: i16, m: i8| Date::new(y, m, 1).unwrap_or(Date::MIN);
        match self {
            Self::Day => d,
            Self::Week => from_epoch_day(
                i64::from(epoch_day(d)) - i64::from(d.weekday().to_monday_zero_offset()),
            ),
            Self::Month => d.first_of_month(),
            Self::Year => d.first_of_year(),
            Self::Decade => ymd(d.year() - d.year().rem_euclid(10), 1),
        }
    }

    /// The start of the next period; `None` past the last representable date.
    fn next(self, d: Date) -> Option<Date> {
        let plus_days = |n: i64| {
            let next = from_epoch_day(i64::from(epoch_day(d)) + n);
            (next > d).then_some(next)
        };
        match self {
            Self::Day => plus_days(1),
            Self::Week => plus_days(7),
            Self::Month if d.month() == 12 => Date::new(d.year().checked_add(1)?, 1, 1).ok(),
            Self::Month => Date::new(d.year(), d.month() + 1, 1).ok(),
            Self::Year => Date::new(d.year().checked_add(1)?, 1, 1).ok(),
            Self::Decade => Date::new(d.year().checked_add(10)?, 1, 1).ok(),
        }
    }

    fn label(self, d: Date) -> String {
        match self {
            Self::Day => format!("{}{:02}", weekday(d.weekday()), d.day()),
            Self::Week => d.day().to_string(),
            Self::Month => month(d.month()).to_owned(),
            Self::Year => d.year().to_string(),
            Self::Decade => format!("{}s", d.year()),
        }
    }

    /// The label of a coarse period ("Oct 2024" for a month).
    fn long_label(self, d: Date) -> String {
        match self {
            Self::Month => format!("{} {}", month(d.month()), d.year()),
            _ => self.label(d),
        }
    }
}

fn weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Mo",
        Weekday::Tuesday => "Tu",
        Weekday::Wednesday => "We",
        Weekday::Thursday => "Th",
        Weekday::Friday => "Fr",
        Weekday::Saturday => "Sa",
        Weekday::Sunday => "Su",
    }
}

fn month(m: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    usize::try_from(m - 1)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("?")
}

/// Starts of `unit` periods with their column, left to right, within the plot
/// (plus the period containing the left edge, at a negative column).
fn periods(g: &Geometry, unit: Unit) -> Vec<(i64, Date)> {
    let mut out = Vec::new();
    let mut d = unit.floor(g.day_at(0));
    loop {
        let c = g.col(d);
        if c >= g.width {
            break;
        }
        out.push((c, d));
        match unit.next(d) {
            Some(n) if n > d => d = n,
            _ => break,
        }
    }
    out
}

/// The axis row: `┬` at each tick, its label after it when there is room.
pub fn axis_line(g: &Geometry, zoom: Zoom) -> String {
    let w = usize::try_from(g.width).unwrap_or(0);
    let mut line = vec!['─'; w];
    let ticks = periods(g, units(zoom).0);
    for (i, &(c, d)) in ticks.iter().enumerate() {
        let next = ticks.get(i + 1).map_or(g.width, |t| t.0);
        if let Ok(c) = usize::try_from(c) {
            if let Some(cell) = line.get_mut(c) {
                *cell = '┬';
            }
            let label = units(zoom).0.label(d);
            let room = usize::try_from(next).unwrap_or(0).saturating_sub(c + 1);
            if label.chars().count() <= room {
                for (j, ch) in label.chars().enumerate() {
                    if let Some(cell) = line.get_mut(c + 1 + j) {
                        *cell = ch;
                    }
                }
            }
        }
    }
    line.into_iter().collect()
}

/// The label row: each coarse period's name at its start, and the name of
/// the period under the left edge when it does not collide with the next.
pub fn coarse_line(g: &Geometry, zoom: Zoom) -> String {
    let w = usize::try_from(g.width).unwrap_or(0);
    let mut line = vec![' '; w];
    let unit = units(zoom).1;
    let starts = periods(g, unit);
    let mut free = 0usize;
    for (i, &(c, d)) in starts.iter().enumerate() {
        let label = unit.long_label(d);
        let len = label.chars().count();
        let at = usize::try_from(c.max(0)).unwrap_or(0);
        let next = starts.get(i + 1).map_or(g.width, |t| t.0);
        let fits_before_next = i64::try_from(at + len).unwrap_or(i64::MAX) < next;
        if at < free || at + len > w || (c < 0 && !fits_before_next) {
            continue;
        }
        for (cell, ch) in line.iter_mut().skip(at).zip(label.chars()) {
            *cell = ch;
        }
        free = at + len + 1;
    }
    line.into_iter().collect()
}

/// The periods that get ticks (fine) and labels above them (coarse).
fn units(zoom: Zoom) -> (Unit, Unit) {
    match zoom {
        Zoom::Day => (Unit::Day, Unit::Month),
        Zoom::Week => (Unit::Week, Unit::Month),
        Zoom::Month => (Unit::Month, Unit::Year),
        Zoom::Year => (Unit::Year, Unit::Decade),
    }
}
