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

mod glyphs;
mod labels;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::StatefulWidget;

pub use crate::app::timeline_axis::{AxisAreas, Geometry, TimelineAxisState, Zoom, prepare};
pub use glyphs::{Role, row_cells};
pub use labels::{axis_line, coarse_line};

use crate::model::Loaded;
use crate::model::timeline::{Entry, Item, Lane, Timeline};
use crate::text::{ellipsize, sanitize, visible};

/// Styles by role, for an application theme to fill in.
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
        // The plain styles, with colour where it helps tell things apart.
        Self {
            event: Style::new().fg(Color::Yellow),
            claim: Style::new().fg(Color::Cyan),
            lag: Style::new().fg(Color::Magenta),
            published: Style::new().fg(Color::Magenta),
            ..Self::plain()
        }
    }
}

impl AxisStyles {
    /// No colours (NO_COLOR): shapes and modifiers carry the meaning.
    pub fn plain() -> Self {
        let dim = Style::new().add_modifier(Modifier::DIM);
        Self {
            event: Style::new().add_modifier(Modifier::BOLD),
            claim: Style::new(),
            open: dim,
            lag: dim,
            published: Style::new(),
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
            Item::Event(i) => ds.events.get(i.i()).map_or((String::new(), ""), |x| {
                (x.id.to_string(), x.title.as_str())
            }),
            Item::Claim(i) => {
                let who = e.claimant.and_then(|a| ds.actors.get(a.i()));
                ds.claims.get(i.i()).map_or((String::new(), ""), |x| {
                    let id = match who {
                        Some(a) if !lanes => format!("{} [{}]", x.id, a.id),
                        _ => x.id.to_string(),
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
        let AxisAreas {
            gutter,
            sep,
            plot,
            header,
            body_rows,
        } = prepare(area, tl, state);
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
                // Only what the gutter can show (a claim text may be 100 MB).
                label.push_str(&sanitize(&visible(text, usize::from(gutter))));
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
