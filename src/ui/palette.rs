//! The command palette: the typed input, what is wrong with it (a query's
//! error, as you type), and the entries matching it with their keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::{Action, AppState, Scope};
use crate::text::{fit, pad, width};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(p) = state.overlays().palette() else {
        return;
    };
    let r = popup(
        frame,
        area,
        110.min(area.width),
        area.height.saturating_sub(2).clamp(6, 24),
    );
    let keys = state.keymap();
    let title = format!(
        "Commands · {} of {} · {} · {} · {}",
        p.shown_len(),
        p.total(),
        keys.hint(Scope::Palette, &Action::PaletteRun, "run"),
        keys.hint(Scope::Palette, &Action::PaletteComplete, "complete"),
        keys.hint(Scope::Palette, &Action::CloseList, "close"),
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let w = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![
        Span::styled(":", theme.label()),
        Span::raw(fit(p.input(), w.saturating_sub(2))),
        Span::styled("▏", theme.label()),
    ])];
    lines.push(match p.problem() {
        Some(e) => Line::from(Span::styled(fit(e, w), theme.error())),
        None => Line::from(""),
    });
    let rows = usize::from(inner.height).saturating_sub(lines.len());
    let start = window_start(p.cursor(), rows);
    let key_w = p
        .shown()
        .map(|e| width(&e.keys))
        .max()
        .unwrap_or(0)
        .clamp(6, 28);
    for (i, e) in p.shown().enumerate().skip(start).take(rows) {
        let here = i == p.cursor();
        let help_w = w.saturating_sub(key_w + 3).min(width(&e.help).max(1));
        let place_w = w.saturating_sub(key_w + 4 + help_w);
        let mut spans = vec![
            Span::styled(
                format!("{}{} ", if here { '›' } else { ' ' }, pad(&e.keys, key_w)),
                if here {
                    theme.selected(true)
                } else {
                    theme.label()
                },
            ),
            Span::styled(
                fit(&e.help, help_w),
                if here {
                    theme.selected(true)
                } else {
                    Default::default()
                },
            ),
        ];
        if place_w > 4 {
            spans.push(Span::styled(
                format!("  {}", fit(&e.place, place_w)),
                theme.dim(),
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The first row shown so that `cursor` is in a window of `rows`.
pub fn window_start(cursor: usize, rows: usize) -> usize {
    cursor.saturating_sub(rows.saturating_sub(1))
}
