//! Zoom levels and the mapping of days to plot columns.

use jiff::civil::Date;

use crate::model::timeline::{epoch_day, from_epoch_day};

/// How much time a column shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Zoom {
    /// Six columns a day, a tick and weekday label per day.
    Day,
    /// Two columns a day, ticks on Mondays.
    #[default]
    Week,
    /// Three days a column, ticks on the first of each month.
    Month,
    /// Thirty days a column, ticks on the first of each year.
    Year,
}

impl Zoom {
    pub const ALL: [Zoom; 4] = [Zoom::Day, Zoom::Week, Zoom::Month, Zoom::Year];

    /// One step finer; `Day` stays.
    pub fn finer(self) -> Self {
        match self {
            Self::Day | Self::Week => Self::Day,
            Self::Month => Self::Week,
            Self::Year => Self::Month,
        }
    }

    /// One step coarser; `Year` stays.
    pub fn coarser(self) -> Self {
        match self {
            Self::Day => Self::Week,
            Self::Week => Self::Month,
            Self::Month | Self::Year => Self::Year,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    /// Columns per day as a fraction `(num, den)`.
    fn scale(self) -> (i64, i64) {
        match self {
            Self::Day => (6, 1),
            Self::Week => (2, 1),
            Self::Month => (1, 3),
            Self::Year => (1, 30),
        }
    }

    /// How far one pan step (`h`/`l`) moves, in days.
    pub fn step_days(self) -> i32 {
        match self {
            Self::Day => 1,
            Self::Week => 7,
            Self::Month => 30,
            Self::Year => 365,
        }
    }
}

/// Where days land on screen: column `c` of the plot shows days
/// `start + c * den / num` onwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    start: i64,
    num: i64,
    den: i64,
    /// Plot width in columns.
    pub width: i64,
}

impl Geometry {
    pub fn new(zoom: Zoom, start: Date, width: u16) -> Self {
        let (num, den) = zoom.scale();
        Self {
            start: i64::from(epoch_day(start)),
            num,
            den,
            width: i64::from(width),
        }
    }

    /// The first column of a day (may be off screen: negative or ≥ width).
    fn col_of_day(&self, day: i64) -> i64 {
        ((day - self.start) * self.num).div_euclid(self.den)
    }

    pub fn col(&self, d: Date) -> i64 {
        self.col_of_day(i64::from(epoch_day(d)))
    }

    /// The columns a closed range of days covers: from the first column of
    /// its first day to the last column of its last day (which is the
    /// column of that day itself when several days share a column).
    pub fn cols(&self, from: Date, to: Date) -> (i64, i64) {
        let a = self.col(from);
        let to = i64::from(epoch_day(to));
        let b = (self.col_of_day(to + 1) - 1).max(self.col_of_day(to));
        (a, b.max(a))
    }

    /// The column at the middle of a day.
    pub fn mid(&self, d: Date) -> i64 {
        let (a, b) = self.cols(d, d);
        (a + b) / 2
    }

    /// The day shown at column `c`.
    pub fn day_at(&self, c: i64) -> Date {
        from_epoch_day(self.start + (c * self.den).div_euclid(self.num))
    }

    pub fn days_for_cols(&self, cols: i64) -> i64 {
        (cols * self.den).div_euclid(self.num)
    }
}
