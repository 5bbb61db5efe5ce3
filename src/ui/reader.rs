//! The article reader: the article with every quote marked, the current one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::pane_block;
use crate::app::AppState;
use crate::app::reader::{SegKind, layout_article};
use crate::app::state::reader_width;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(r) = state.overlays().reader() else {
        return;
    };
    if area.width < 3 || area.height < 3 {
        return;
    }
    let ds = &state.loaded().dataset;
    let current = &ds.claims[r.current.i()];
    let layout = layout_article(
        state.loaded(),
        r.article,
        Some(r.current),
        reader_width(state.area()),
    );
    let pos = layout
        .quotes
        .iter()
        .position(|(c, _)| *c == r.current)
        .map_or(0, |p| p + 1);
    let title = format!(
        "Article · quote {pos}/{} · claim {} · n/N quotes · Enter select · Esc back",
        layout.quotes.len(),
        current.id
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = layout
        .lines
        .into_iter()
        .skip(r.scroll)
        .take(inner.height as usize)
        .map(|segs| {
            Line::from(
                segs.into_iter()
                    .map(|s| {
                        let style = match s.kind {
                            SegKind::Plain => ratatui::style::Style::new(),
                            SegKind::Heading => theme.heading(),
                            SegKind::Meta => theme.dim(),
                            SegKind::Current => theme.current_quote(),
                            SegKind::Quote => theme.other_quote(),
                        };
                        Span::styled(s.text, style)
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
