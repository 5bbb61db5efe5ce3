//! The timeline pane: a horizontal time axis, one row per event or claim.
//!
//! ```text
//! said · day            │Oct 2024
//! 2/34                  │┬Th17─┬Fr18─┬Sa19─┬Su20─┬Mo21─┬Tu22─┬We23
//!  e03 NIS says North K…│        ●
//! ›c04 [nis] North Kore…│        ●┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄◇
//!  c07 [nk-un-rep] The …│      ├────────────────────────────┤
//!  c18 [defence-ministr…│◀──────────────────────────────────┤
//! ```
//!
//! Glyphs: `●` a day; `├──┤` a range (`Between`, or a month or year); `◀──┤`
//! and `├──▶` open ranges (`Before`, `After`); `│` a range narrower than a
//! column; `◂` / `▸` an entry off the left / right edge; `?` an unknown time.
//! For a claim, `┄┄◇` joins what was said to the article's publication: the
//! reporting lag.
//!
//! Rendering reads only the visible rows (the rows before the first visible
//! one are never touched) and costs O(rows × width).

use jiff::civil::{Date, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::StatefulWidget;

use crate::model::Loaded;
use crate::model::timeline::{Entry, Item, Lane, OrderBy, Timeline, epoch_day, from_epoch_day};
use crate::ui::text::{ellipsize, sanitize};

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

    /// The periods that get ticks (fine) and labels above them (coarse).
    fn units(self) -> (Unit, Unit) {
        match self {
            Self::Day => (Unit::Day, Unit::Month),
            Self::Week => (Unit::Week, Unit::Month),
            Self::Month => (Unit::Month, Unit::Year),
            Self::Year => (Unit::Year, Unit::Decade),
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

    fn days_for_cols(&self, cols: i64) -> i64 {
        (cols * self.den).div_euclid(self.num)
    }
}

/// State of the timeline pane. Every method is pure state arithmetic; the
/// widget records the plot size it last drew at in `view` so that
/// keep-in-view rules know the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineAxisState {
    pub zoom: Zoom,
    /// The day at the left edge of the plot.
    pub start: Date,
    /// The selected row.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
    pub by: OrderBy,
    /// One group of rows per claimant instead of one chronology.
    pub lanes: bool,
    /// Plot columns and body rows at the last render.
    pub view: (u16, u16),
    /// Fit the whole timeline at the next render (when the width is known).
    pub fit_pending: bool,
}

impl Default for TimelineAxisState {
    fn default() -> Self {
        Self {
            zoom: Zoom::default(),
            start: Date::constant(2000, 1, 1),
            selected: 0,
            offset: 0,
            by: OrderBy::Said,
            lanes: false,
            view: (60, 10),
            fit_pending: true,
        }
    }
}

impl TimelineAxisState {
    pub fn new() -> Self {
        Self::default()
    }

    fn geometry(&self) -> Geometry {
        Geometry::new(self.zoom, self.start, self.view.0)
    }

    fn entry<'t>(&self, tl: &'t Timeline) -> Option<&'t Entry> {
        tl.row(self.by, self.lanes, self.selected)
    }

    pub fn selected_item(&self, tl: &Timeline) -> Option<Item> {
        self.entry(tl).map(|e| e.item)
    }

    /// Selects the row of `item` (e.g. the claim selected in another pane).
    pub fn select_item(&mut self, tl: &Timeline, item: Item) {
        if let Some(row) = tl.position(self.by, self.lanes, item) {
            self.selected = row;
            self.scroll_to_selected();
        }
    }

    pub fn select_next(&mut self, tl: &Timeline) {
        self.selected = (self.selected + 1).min(tl.len().saturating_sub(1));
        self.scroll_to_selected();
    }

    pub fn select_prev(&mut self) {
        self.selected = self.selected.saturating_sub(1);
        self.scroll_to_selected();
    }

    /// Moves the left edge by `days` (negative: back in time).
    pub fn pan(&mut self, days: i32) {
        self.start = from_epoch_day(i64::from(epoch_day(self.start)) + i64::from(days));
    }

    pub fn zoom_in(&mut self, tl: &Timeline) {
        self.set_zoom(tl, self.zoom.finer());
    }

    pub fn zoom_out(&mut self, tl: &Timeline) {
        self.set_zoom(tl, self.zoom.coarser());
    }

    /// Changes the zoom around the selected entry: it stays at the same
    /// column if it was on screen, else it comes to the middle. With nothing
    /// dated selected, the middle of the view stays put.
    pub fn set_zoom(&mut self, tl: &Timeline, zoom: Zoom) {
        let g = self.geometry();
        let middle = g.width / 2;
        let (day, col) = match self.entry(tl).and_then(focus_day) {
            Some(d) => {
                let c = g.mid(d);
                (d, if (0..g.width).contains(&c) { c } else { middle })
            }
            None => (g.day_at(middle), middle),
        };
        self.zoom = zoom;
        let back = self.geometry().days_for_cols(col);
        self.start = from_epoch_day(i64::from(epoch_day(day)) - back);
    }

    /// Pans so that the selected entry (said and published) is centred, or,
    /// if wider than the view, starts near the left edge.
    pub fn jump_to_selected(&mut self, tl: &Timeline) {
        let Some((lo, hi)) = self.entry(tl).and_then(extent) else {
            return;
        };
        let g = self.geometry();
        let (a, b) = (g.col(lo), g.cols(hi, hi).1);
        let target = if b - a < g.width {
            (g.width - (b - a + 1)) / 2
        } else {
            g.width / 8
        };
        self.pan(clamp_i32(g.days_for_cols(a - target)));
    }

    /// The finest zoom that shows every dated entry, with a little margin.
    pub fn fit(&mut self, tl: &Timeline) {
        self.fit_pending = false;
        let Some((lo, hi)) = tl.span() else {
            return;
        };
        let width = i64::from(self.view.0);
        let zoom = Zoom::ALL
            .into_iter()
            .find(|&z| {
                let g = Geometry::new(z, lo, self.view.0);
                g.cols(lo, hi).1 + 3 <= width
            })
            .unwrap_or(Zoom::Year);
        self.zoom = zoom;
        let g = Geometry::new(zoom, lo, self.view.0);
        let used = g.cols(lo, hi).1 + 1;
        let margin = ((width - used) / 2).clamp(0, 4);
        self.start = lo;
        self.pan(clamp_i32(-g.days_for_cols(margin).max(1)));
    }

    /// Orders claims by said or published time, keeping the selected entry.
    pub fn set_by(&mut self, tl: &Timeline, by: OrderBy) {
        self.relayout(tl, by, self.lanes);
    }

    pub fn toggle_by(&mut self, tl: &Timeline) {
        self.relayout(tl, self.by.toggle(), self.lanes);
    }

    pub fn toggle_lanes(&mut self, tl: &Timeline) {
        self.relayout(tl, self.by, !self.lanes);
    }

    fn relayout(&mut self, tl: &Timeline, by: OrderBy, lanes: bool) {
        let item = self.selected_item(tl);
        self.by = by;
        self.lanes = lanes;
        if let Some(row) = item.and_then(|i| tl.position(by, lanes, i)) {
            self.selected = row;
        }
        self.scroll_to_selected();
    }

    /// Keeps the selected row within the body rows seen at the last render.
    fn scroll_to_selected(&mut self) {
        let rows = usize::from(self.view.1.max(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }

    /// Clamps selection and offset to the timeline and the body height.
    fn settle(&mut self, len: usize, rows: u16) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.view.1 = rows;
        self.scroll_to_selected();
        // No blank rows at the bottom while earlier rows could fill them.
        self.offset = self.offset.min(len.saturating_sub(usize::from(rows)));
    }
}

fn clamp_i32(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX })
}

/// The day the view should keep in sight for an entry.
fn focus_day(e: &Entry) -> Option<Date> {
    let p = e.published.unwrap_or(crate::model::DateRange::UNKNOWN);
    e.when.from.or(e.when.to).or(p.from).or(p.to)
}

/// The known days an entry spans, said and published together.
fn extent(e: &Entry) -> Option<(Date, Date)> {
    let p = e.published.unwrap_or(crate::model::DateRange::UNKNOWN);
    let days = [e.when.from, e.when.to, p.from, p.to];
    let lo = days.iter().flatten().min()?;
    let hi = days.iter().flatten().max()?;
    Some((*lo, *hi))
}

/// What a plot cell shows, before styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Empty,
    /// The known part of a time: a point or a range with its ends.
    Time,
    /// The unbounded part of a `Before` or `After`.
    Open,
    /// Said-to-published lag.
    Lag,
    Published,
    /// The entry is beyond this edge.
    Offscreen,
    Unknown,
}

/// The plot cells of one entry, `g.width` of them: pure, for tests and render.
pub fn row_cells(e: &Entry, g: &Geometry) -> Vec<(char, Role)> {
    let w = g.width.max(0);
    let mut cells = vec![(' ', Role::Empty); usize::try_from(w).unwrap_or(0)];
    if w == 0 {
        return cells;
    }
    let mut put = |c: i64, ch: char, role: Role| {
        if let Some(cell) = usize::try_from(c).ok().and_then(|c| cells.get_mut(c)) {
            *cell = (ch, role);
        }
    };
    let said = e.when;
    // The said time's first and last columns, where a lag joins it.
    let point = match (said.from, said.to) {
        (Some(a), Some(b)) if a == b => Some(g.mid(a)),
        _ => None,
    };
    let said_end = point.or_else(|| said.to.map(|b| g.cols(b, b).1));
    let said_start = point.or_else(|| said.from.map(|a| g.col(a)));
    if let Some(p) = e.published.and_then(|p| p.from.or(p.to)) {
        let pc = g.mid(p);
        let gap = match (said_end, said_start) {
            (Some(se), _) if pc > se + 1 => Some((se + 1, pc - 1)),
            (_, Some(ss)) if pc < ss - 1 => Some((pc + 1, ss - 1)),
            _ => None,
        };
        if let Some((a, b)) = gap {
            for c in a.max(0)..=b.min(w - 1) {
                put(c, '┄', Role::Lag);
            }
        }
        put(pc, '◇', Role::Published);
    }
    match (said.from, said.to) {
        (None, None) => {
            let text = if e.published.is_some_and(|p| !p.is_unknown()) || w < 9 {
                "?"
            } else {
                "? unknown"
            };
            for (i, ch) in (0..).zip(text.chars()) {
                put(i, ch, Role::Unknown);
            }
        }
        (Some(a), Some(b)) if a == b => {
            let c = g.mid(a);
            match edge(c, w) {
                Some(ch) => put(c.clamp(0, w - 1), ch, Role::Offscreen),
                None => put(c, '●', Role::Time),
            }
        }
        (Some(a), Some(b)) => {
            let (c0, c1) = g.cols(a, b);
            if c1 < 0 || c0 >= w {
                put(
                    c1.clamp(0, w - 1),
                    if c1 < 0 { '◂' } else { '▸' },
                    Role::Offscreen,
                );
            } else if c0 == c1 {
                put(c0, '│', Role::Time);
            } else {
                for c in c0.max(0)..=c1.min(w - 1) {
                    put(c, '─', Role::Time);
                }
                put(c0, '├', Role::Time);
                put(c1, '┤', Role::Time);
            }
        }
        (None, Some(b)) => {
            let c1 = g.cols(b, b).1;
            if c1 < 0 {
                put(0, '◂', Role::Offscreen);
            } else {
                for c in 0..c1.min(w) {
                    put(c, '─', Role::Open);
                }
                if c1 > 0 {
                    put(0, '◀', Role::Open);
                }
                put(c1, '┤', Role::Time);
            }
        }
        (Some(a), None) => {
            let c0 = g.col(a);
            if c0 >= w {
                put(w - 1, '▸', Role::Offscreen);
            } else {
                for c in c0.max(0)..w {
                    put(c, '─', Role::Open);
                }
                if c0 < w - 1 {
                    put(w - 1, '▶', Role::Open);
                }
                put(c0, '├', Role::Time);
            }
        }
    }
    cells
}

/// The off-screen marker for a column outside `0..w`.
fn edge(c: i64, w: i64) -> Option<char> {
    if c < 0 {
        Some('◂')
    } else if c >= w {
        Some('▸')
    } else {
        None
    }
}

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
    let ticks = periods(g, zoom.units().0);
    for (i, &(c, d)) in ticks.iter().enumerate() {
        let next = ticks.get(i + 1).map_or(g.width, |t| t.0);
        if let Ok(c) = usize::try_from(c) {
            if let Some(cell) = line.get_mut(c) {
                *cell = '┬';
            }
            let label = zoom.units().0.label(d);
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
    let unit = zoom.units().1;
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
        for (j, ch) in label.chars().enumerate() {
            line[at + j] = ch;
        }
        free = at + len + 1;
    }
    line.into_iter().collect()
}

/// Styles by role; the lead's theme maps onto this.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AxisStyles {
    pub event: Style,
    pub claim: Style,
    pub open: Style,
    pub lag: Style,
    pub published: Style,
    pub offscreen: Style,
    pub unknown: Style,
    pub axis: Style,
    pub label: Style,
    pub gutter: Style,
    pub lane: Style,
    pub selected: Style,
}

impl Default for AxisStyles {
    fn default() -> Self {
        use ratatui::style::Color;
        let dim = Style::new().add_modifier(Modifier::DIM);
        Self {
            event: Style::new().fg(Color::Yellow),
            claim: Style::new().fg(Color::Cyan),
            open: dim,
            lag: Style::new().fg(Color::Magenta),
            published: Style::new().fg(Color::Magenta),
            offscreen: dim,
            unknown: dim,
            axis: dim,
            label: Style::new().add_modifier(Modifier::BOLD),
            gutter: Style::new(),
            lane: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
        }
    }
}

/// The widget: a view of a [`Timeline`] with the dataset for its labels.
#[derive(Debug, Clone, Copy)]
pub struct TimelineAxis<'a> {
    pub timeline: &'a Timeline,
    pub loaded: &'a Loaded,
    pub styles: AxisStyles,
}

impl<'a> TimelineAxis<'a> {
    pub fn new(timeline: &'a Timeline, loaded: &'a Loaded) -> Self {
        Self {
            timeline,
            loaded,
            styles: AxisStyles::default(),
        }
    }

    pub fn styles(mut self, styles: AxisStyles) -> Self {
        self.styles = styles;
        self
    }

    /// `c04 [nis]` (the claimant left out in lanes, which name it) and the
    /// text, raw (not yet sanitised).
    fn label(&self, e: &Entry, lanes: bool) -> (String, &'a str) {
        let ds = &self.loaded.dataset;
        match e.item {
            Item::Event(i) => ds
                .events
                .get(i.i())
                .map_or((String::new(), ""), |x| (x.id.clone(), x.title.as_str())),
            Item::Claim(i) => {
                let who = e.claimant.and_then(|a| ds.actors.get(a.i()));
                ds.claims.get(i.i()).map_or((String::new(), ""), |x| {
                    let id = match who {
                        Some(a) if !lanes => format!("{} [{}]", x.id, a.id),
                        _ => x.id.clone(),
                    };
                    (id, x.text.as_str())
                })
            }
        }
    }

    fn lane_name(&self, lane: Lane) -> &'a str {
        match lane {
            Lane::Events => "events",
            Lane::Unknown => "unknown",
            Lane::Claimant(a) => self
                .loaded
                .dataset
                .actors
                .get(a.i())
                .map_or("?", |a| a.id.as_str()),
        }
    }
}

/// Writes `s` at (x, y) within `area`, at most `max` columns; never panics.
fn put_str(buf: &mut Buffer, area: Rect, x: u16, y: u16, s: &str, max: u16, style: Style) {
    if y < area.top() || y >= area.bottom() || x < area.left() || x >= area.right() {
        return;
    }
    let max = max.min(area.right() - x);
    buf.set_stringn(x, y, s, usize::from(max), style);
}

impl StatefulWidget for TimelineAxis<'_> {
    type State = TimelineAxisState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut TimelineAxisState) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let tl = self.timeline;
        // Gutter for labels, one column of separator, the rest is the plot.
        let gutter = if area.width >= 24 {
            (area.width * 2 / 5).clamp(10, 40)
        } else {
            0
        };
        let sep = u16::from(gutter > 0);
        let plot = Rect {
            x: area.x + gutter + sep,
            width: area.width - gutter - sep,
            ..area
        };
        let header = area.height.min(2);
        let body_rows = area.height - header;
        state.view.0 = plot.width;
        if state.fit_pending {
            state.fit(tl);
        }
        state.settle(tl.len(), body_rows);
        let g = state.geometry();
        let st = &self.styles;

        // Header: state in the gutter, coarse labels and the axis in the plot.
        let info = format!("{} · {}", state.by.label(), state.zoom.label());
        let pos = if tl.is_empty() {
            "empty".to_owned()
        } else {
            format!("{}/{}", state.selected + 1, tl.len())
        };
        let top = area.y;
        if header > 0 {
            put_str(buf, area, area.x, top, &info, gutter, st.gutter);
            put_str(
                buf,
                area,
                plot.x,
                top,
                &coarse_line(&g, state.zoom),
                plot.width,
                st.label,
            );
        }
        if header > 1 {
            put_str(buf, area, area.x, top + 1, &pos, gutter, st.gutter);
            put_str(
                buf,
                area,
                plot.x,
                top + 1,
                &axis_line(&g, state.zoom),
                plot.width,
                st.axis,
            );
        }
        if sep > 0 {
            for y in top..top + header {
                put_str(buf, area, area.x + gutter, y, "│", 1, st.axis);
            }
        }

        // Body: only the visible slice of rows.
        let mut prev_lane = state
            .offset
            .checked_sub(1)
            .and_then(|r| tl.row(state.by, state.lanes, r))
            .map(|e| e.lane(state.by));
        let rows = tl.rows(state.by, state.lanes, state.offset, usize::from(body_rows));
        for (i, e) in rows.enumerate() {
            let row = state.offset + i;
            let y = top + header + u16::try_from(i).unwrap_or(u16::MAX);
            let selected = row == state.selected;
            let base = if e.is_event() { st.event } else { st.claim };

            if gutter > 0 {
                let lane = e.lane(state.by);
                let (id, text) = self.label(e, state.lanes);
                let mut label = String::from(if selected { "›" } else { " " });
                if state.lanes {
                    // The lane's name on its first row (and on the top row).
                    let lane_w = usize::from(gutter / 3);
                    let name = if prev_lane != Some(lane) || i == 0 {
                        ellipsize(&sanitize(self.lane_name(lane)), lane_w).into_owned()
                    } else {
                        String::new()
                    };
                    label.push_str(&format!("{name:<lane_w$} "));
                }
                prev_lane = Some(lane);
                label.push_str(&sanitize(&id));
                label.push(' ');
                label.push_str(&sanitize(text));
                let label = ellipsize(&label, usize::from(gutter));
                let style = if selected {
                    st.gutter.patch(st.selected)
                } else {
                    st.gutter
                };
                put_str(buf, area, area.x, y, &label, gutter, style);
                put_str(buf, area, area.x + gutter, y, "│", 1, st.axis);
            }

            for (c, (ch, role)) in (0u16..).zip(row_cells(e, &g)) {
                let style = match role {
                    Role::Empty => continue,
                    Role::Time => base,
                    Role::Open => base.patch(st.open),
                    Role::Lag => st.lag,
                    Role::Published => st.published,
                    Role::Offscreen => base.patch(st.offscreen),
                    Role::Unknown => st.unknown,
                };
                let style = if selected {
                    style.add_modifier(Modifier::BOLD)
                } else {
                    style
                };
                if let Some(cell) = buf.cell_mut((plot.x.saturating_add(c), y))
                    && plot.x.checked_add(c).is_some_and(|x| x < plot.right())
                {
                    cell.set_char(ch).set_style(style);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
