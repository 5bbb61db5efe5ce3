//! The orphaned annotations overlay: work recorded on claim ids the dataset
//! no longer has (id, status, note), and the picker of the claim to
//! re-attach one to.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{Theme, status_symbol};
use super::widgets::{pane_block, popup};
use crate::app::{Action, AppState, Scope};
use crate::text::{fit, pad};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(view) = state.overlays().orphans() else {
        return;
    };
    let r = popup(
        frame,
        area,
        100.min(area.width),
        area.height.saturating_sub(4).max(6),
    );
    let keys = state.keymap();
    let (title, lines) = match view.target() {
        None => (
            format!(
                "Annotations of claims no longer in the dataset · {} re-attach · {}",
                keys.key_for(Scope::Orphans, &Action::OrphansPick)
                    .map_or_else(String::new, |k| k.to_string()),
                keys.hint(Scope::Orphans, &Action::ToggleOrphans, "close"),
            ),
            list_lines(state, theme, view.cursor(), r),
        ),
        Some(picker) => (
            format!(
                "Re-attach {} to… · {} · {}",
                state
                    .orphans()
                    .get(view.cursor())
                    .map_or_else(String::new, |id| fit(id, 30)),
                keys.hint(Scope::OrphanTarget, &Action::OrphansReattach, "re-attach"),
                keys.hint(Scope::OrphanTarget, &Action::OrphansTargetCancel, "back"),
            ),
            picker_lines(state, theme, picker, r),
        ),
    };
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The rows around `cursor` that fit in `rows` lines.
fn window(len: usize, cursor: usize, rows: usize) -> std::ops::Range<usize> {
    let start = cursor.saturating_sub(rows.saturating_sub(1));
    start..len.min(start + rows)
}

fn list_lines<'a>(state: &AppState, theme: &Theme, cursor: usize, r: Rect) -> Vec<Line<'a>> {
    let w = r.width.saturating_sub(2) as usize;
    let orphans = state.orphans();
    let set = state.annotations().set();
    let rows = r.height.saturating_sub(2) as usize;
    window(orphans.len(), cursor, rows)
        .filter_map(|i| {
            let id = orphans.get(i)?;
            let a = set.get(id)?;
            let style = if i == cursor {
                theme.selected(true)
            } else {
                theme.status(a.status)
            };
            let head = format!(
                "{} {} {} {} ",
                if i == cursor { '›' } else { ' ' },
                pad(&fit(id, 16), 16),
                status_symbol(a.status),
                pad(a.status.label(), 12),
            );
            let note = fit(&a.note, w.saturating_sub(crate::text::width(&head)));
            Some(Line::from(vec![
                Span::styled(head, style),
                Span::styled(note, theme.dim()),
            ]))
        })
        .collect()
}

fn picker_lines<'a>(
    state: &AppState,
    theme: &Theme,
    picker: &crate::app::orphans::TargetPicker,
    r: Rect,
) -> Vec<Line<'a>> {
    let w = r.width.saturating_sub(2) as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("claim: ", theme.label()),
        Span::raw(fit(picker.query(), w.saturating_sub(10))),
        Span::styled("▏", theme.label()),
        Span::styled(
            format!("  {} without work of their own", picker.matches().len()),
            theme.dim(),
        ),
    ])];
    let rows = r.height.saturating_sub(3) as usize;
    let claims = &state.loaded().dataset.claims;
    for i in window(picker.matches().len(), picker.cursor(), rows) {
        let Some(c) = picker.matches().get(i).and_then(|c| claims.get(c.i())) else {
            continue;
        };
        let head = format!(
            "{} {} ",
            if i == picker.cursor() { '›' } else { ' ' },
            pad(&fit(&c.id, 12), 12)
        );
        let style = if i == picker.cursor() {
            theme.selected(true)
        } else {
            theme.heading()
        };
        let text = fit(&c.text, w.saturating_sub(crate::text::width(&head)));
        lines.push(Line::from(vec![Span::styled(head, style), Span::raw(text)]));
    }
    if picker.matches().is_empty() {
        lines.push(Line::from(Span::styled(
            "no claim without work of its own matches (a claim with work cannot take another's)",
            theme.dim(),
        )));
    }
    lines
}
