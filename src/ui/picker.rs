//! A picker: the typed filter, then the matching items with their claim
//! counts; the selected ones (Space) are ticked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::palette::window_start;
use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::{Action, AppState, Scope};
use crate::text::{fit, pad, width};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(p) = state.overlays().picker() else {
        return;
    };
    let r = popup(
        frame,
        area,
        90.min(area.width),
        area.height.saturating_sub(2).clamp(6, 24),
    );
    let keys = state.keymap();
    let title = format!(
        "{} · {} of {}{} · {} · {} · {}",
        p.kind().title(),
        p.shown_len(),
        p.items().len(),
        match p.selected_len() {
            0 => String::new(),
            n => format!(" · {n} selected"),
        },
        keys.hint(Scope::Picker, &Action::PickerToggle, "select"),
        keys.hint(Scope::Picker, &Action::PickerAccept, "pick"),
        keys.hint(Scope::Picker, &Action::CloseList, "close"),
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let w = usize::from(inner.width);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("› ", theme.label()),
            Span::raw(fit(p.input(), w.saturating_sub(3))),
            Span::styled("▏", theme.label()),
        ]),
        Line::from(Span::styled(pad("claims", w), theme.dim())),
    ];
    let rows = usize::from(inner.height).saturating_sub(lines.len());
    let start = window_start(p.cursor(), rows);
    let label_w = p
        .shown()
        .map(|(it, _)| width(&it.label))
        .max()
        .unwrap_or(0)
        .clamp(8, 40);
    for (i, (it, ticked)) in p.shown().enumerate().skip(start).take(rows) {
        let here = i == p.cursor();
        let count = it
            .count
            .map_or_else(|| "     ".to_owned(), |n| format!("{n:>6}"));
        let head = format!(
            "{}{} {count} {} ",
            if here { '›' } else { ' ' },
            if ticked { "[x]" } else { "[ ]" },
            pad(&it.label, label_w),
        );
        let rest = w.saturating_sub(width(&head));
        lines.push(Line::from(vec![
            Span::styled(
                head,
                if here {
                    theme.selected(true)
                } else if ticked {
                    theme.mark()
                } else {
                    Default::default()
                },
            ),
            Span::styled(fit(&it.detail, rest), theme.dim()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
