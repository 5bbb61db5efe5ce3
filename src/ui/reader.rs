//! The article reader: the article with every quote marked, the current one highlighted.

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
use crate::app::reader::SegKind;
use crate::app::{Action, AppState, Scope};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(r) = state.overlays().reader() else {
        return;
    };
    if area.width < 3 || area.height < 3 {
        return;
    }
    let ds = &state.loaded().dataset;
    let current = &ds.claims[r.current.i()];
    let layout = r.layout();
    let pos = layout
        .quotes
        .iter()
        .position(|(c, _)| *c == r.current)
        .map_or(0, |p| p + 1);
    let keys = state.keymap();
    let quotes = [Action::NextMatch, Action::PrevMatch]
        .iter()
        .filter_map(|a| keys.key_for(Scope::Reader, a))
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join("/");
    let title = format!(
        "Article · quote {pos}/{} · claim {} · {quotes} quotes · {} · {}",
        layout.quotes.len(),
        current.id,
        keys.hint(Scope::Reader, &Action::Open, "select"),
        keys.hint(Scope::Reader, &Action::Back, "back"),
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .skip(r.scroll)
        .take(inner.height as usize)
        .map(|segs| {
            Line::from(
                segs.iter()
                    .map(|s| {
                        let style = match s.kind {
                            SegKind::Plain => ratatui::style::Style::new(),
                            SegKind::Heading => theme.heading(),
                            SegKind::Meta => theme.dim(),
                            SegKind::Current => theme.current_quote(),
                            SegKind::Quote => theme.other_quote(),
                        };
                        Span::styled(s.text.clone(), style)
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let text_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text_area);
}
