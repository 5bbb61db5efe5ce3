//! The edit form of an existing actor or event (`Ctrl-E`): a field
//! per line, the focused one with its cursor and how it is read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::{Action, AppState, Scope};
use crate::text::{ellipsize, pad, sanitize};

const LABEL: usize = 11;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(form) = state.overlays().item_form() else {
        return;
    };
    let w = area.width.min(110);
    let room = usize::from(w.saturating_sub(2)).saturating_sub(LABEL + 1);
    let mut lines = Vec::new();
    for (i, f) in form.fields().iter().enumerate() {
        let focused = i == form.focus();
        let value = sanitize(&f.value);
        // The end of a long value stays in view where the cursor is.
        let shown = if focused {
            let chars: Vec<char> = value.chars().collect();
            let keep = room.saturating_sub(2);
            let from = chars.len().saturating_sub(keep);
            let tail: String = chars.get(from..).unwrap_or_default().iter().collect();
            format!("{}{tail}▏", if from > 0 { "…" } else { "" })
        } else {
            ellipsize(&value, room).into_owned()
        };
        let style = if focused {
            theme.selected(true)
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(pad(f.label, LABEL), theme.label()),
            Span::styled(shown, style),
        ]));
        if focused && !f.hint.is_empty() {
            lines.push(Line::from(vec![
                Span::raw(pad("", LABEL)),
                Span::styled(f.hint, theme.dim()),
            ]));
        }
    }
    lines.push(Line::default());
    let keys = state.keymap();
    let scope = if form.is_confirming_discard() {
        Scope::DiscardItemForm
    } else {
        Scope::ItemForm
    };
    let hint = [
        keys.hint(scope, &Action::ItemFormSave, "save"),
        keys.hint(Scope::ItemForm, &Action::ItemFormNext, "next field"),
        keys.hint(Scope::ItemForm, &Action::ItemFormCycle, "next kind"),
        keys.hint(Scope::ItemForm, &Action::ItemFormCancel, "cancel"),
    ];
    lines.push(Line::from(Span::styled(
        hint.iter()
            .filter(|h| !h.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · "),
        theme.dim(),
    )));
    let h = lines.len() as u16 + 2;
    let r = popup(frame, area, w, h);
    let title = format!(
        "Edit {} {} · written to {}",
        form.list().noun(),
        sanitize(form.original_id()),
        sanitize(&state.dataset_location())
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    frame.render_widget(Paragraph::new(lines), inner);
}
