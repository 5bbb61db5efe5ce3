//! The actors pane: the `part_of` tree with kind and claim counts.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::pane_block;
use crate::app::{AppState, Pane};
use crate::text::{fit, pad, width};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let focused = state.focus() == Pane::Actors;
    let sub = if state.claims().filter().sub_actors {
        " +sub"
    } else {
        ""
    };
    let block = pane_block(
        title(state.loaded().dataset.actors.len(), sub, area.width),
        focused,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let ds = &state.loaded().dataset;
    let rows = state
        .actors()
        .rows()
        .iter()
        .enumerate()
        .skip(state.actors().cursor().offset)
        .take(inner.height as usize);
    let lines: Vec<Line> = rows
        .map(|(i, &(actor, depth))| {
            let selected = i == state.actors().cursor().selected;
            let mut line = match actor {
                None => {
                    let label = format!("All actors ({} claims)", ds.claims.len());
                    Line::from(Span::styled(pad(&label, w), theme.heading()))
                }
                Some(a) => {
                    let (makes, about) = state.actors().counts(a);
                    let counts = format!(" {makes}/{about}");
                    let kind = format!(" {}", ds.actors[a.i()].kind.label());
                    let has_children = !state.loaded().index.actor_children.get(a.i()).is_empty();
                    let indent = "  ".repeat((depth as usize).min(8));
                    let branch = if has_children { "▾ " } else { "  " };
                    let fixed = width(&counts);
                    let name_w = w.saturating_sub(fixed + indent.len() + 2);
                    let name = fit(&ds.actors[a.i()].name, name_w);
                    let kind_w = name_w.saturating_sub(width(&name));
                    Line::from(vec![
                        Span::raw(format!("{indent}{branch}{name}")),
                        Span::styled(pad(&fit(&kind, kind_w), kind_w), theme.dim()),
                        Span::styled(counts, theme.dim()),
                    ])
                }
            };
            if selected {
                line = line.style(theme.selected(focused));
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The title, with what the counts on each row are (claims the actor makes /
/// claims about it), in the longest form the pane's border has room for.
fn title(actors: usize, sub: &str, pane_width: u16) -> String {
    let room = usize::from(pane_width).saturating_sub(4);
    [
        format!("Actors {actors}{sub} · claims made/about"),
        format!("Actors{sub} · claims made/about"),
        format!("Actors{sub} · made/about"),
    ]
    .into_iter()
    .find(|t| width(t) <= room)
    .unwrap_or_else(|| format!("Actors{sub} made/about"))
}
