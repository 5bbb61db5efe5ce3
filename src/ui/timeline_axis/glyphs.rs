//! What one entry looks like on its row, as plain cells.

use crate::app::timeline_axis::Geometry;
use crate::model::timeline::Entry;

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
