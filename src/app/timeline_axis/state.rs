//! The pane's state and its pure navigation methods.

use jiff::civil::Date;

use super::geometry::{Geometry, Zoom};
use crate::model::DateRange;
use crate::model::timeline::{Entry, Item, OrderBy, Timeline, epoch_day, from_epoch_day};

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

    pub fn geometry(&self) -> Geometry {
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
    pub(super) fn settle(&mut self, len: usize, rows: u16) {
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
    let p = e.published.unwrap_or(DateRange::UNKNOWN);
    e.when.from.or(e.when.to).or(p.from).or(p.to)
}

/// The known days an entry spans, said and published together.
fn extent(e: &Entry) -> Option<(Date, Date)> {
    let p = e.published.unwrap_or(DateRange::UNKNOWN);
    let days = [e.when.from, e.when.to, p.from, p.to];
    let lo = days.iter().flatten().min()?;
    let hi = days.iter().flatten().max()?;
    Some((*lo, *hi))
}
