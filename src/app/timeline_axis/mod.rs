//! The timeline pane's state and geometry: zoom, the visible span, the
//! selected and first visible rows, and fitting them to the pane's area.
//! Drawing lives in `ui::timeline_axis`; this is what `update` changes.

mod geometry;
mod state;

use ratatui::layout::Rect;

pub use geometry::{Geometry, Zoom};
pub use state::TimelineAxisState;

use crate::model::timeline::Timeline;

/// Where the parts of the pane go, from [`prepare`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AxisAreas {
    /// Columns of labels at the left (0 when too narrow).
    pub gutter: u16,
    /// The separator column after the gutter (0 or 1).
    pub sep: u16,
    /// The time plot.
    pub plot: Rect,
    /// Header rows (scale and ticks).
    pub header: u16,
    /// Rows of entries below the header.
    pub body_rows: u16,
}

/// Adapts the state to the area it will be drawn in: the plot size, the
/// first fit to the data, the selection kept in view. The widget does this
/// too; the app calls it from `update` so that drawing from an unchanged
/// copy of the state shows exactly the same thing.
pub fn prepare(area: Rect, tl: &Timeline, state: &mut TimelineAxisState) -> AxisAreas {
    // Gutter for labels, one column of separator, the rest is the plot.
    let gutter = if area.width >= 24 {
        (area.width * 2 / 5).clamp(10, 40)
    } else {
        0
    };
    let sep = u16::from(gutter > 0);
    let plot = Rect {
        x: area.x + gutter + sep,
        width: area.width.saturating_sub(gutter + sep),
        ..area
    };
    let header = area.height.min(2);
    let body_rows = area.height - header;
    let areas = AxisAreas {
        gutter,
        sep,
        plot,
        header,
        body_rows,
    };
    if area.is_empty() {
        return areas;
    }
    state.view.0 = plot.width;
    if state.fit_pending {
        state.fit(tl);
    }
    state.settle(tl.len(), body_rows);
    areas
}
