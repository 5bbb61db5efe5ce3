//! The small menus of `Y` (what to copy) and `o` (which link to open), drawn
//! from the keymap's rows for their scope and the state's links.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::{AppState, Scope};
use crate::text::fit;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let (title, lines) = match state.overlays().chord() {
        Some(Scope::CopyMenu) => ("Copy", copy_lines(state, theme)),
        Some(Scope::LinkMenu) => ("Open which link?", link_lines(state, theme, area)),
        _ => return,
    };
    let width = lines.iter().map(Line::width).max().unwrap_or(0) + 4;
    let height = lines.len() + 2;
    let r = popup(
        frame,
        area,
        u16::try_from(width).unwrap_or(u16::MAX),
        u16::try_from(height).unwrap_or(u16::MAX),
    );
    let block = pane_block(format!("{title} · Esc cancel"), true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn copy_lines<'a>(state: &AppState, theme: &Theme) -> Vec<Line<'a>> {
    state
        .keymap()
        .help_rows(Scope::CopyMenu)
        .into_iter()
        .filter(|(keys, _)| keys != "other keys")
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(format!(" {keys} "), theme.label()),
                Span::raw(help.to_owned()),
            ])
        })
        .collect()
}

fn link_lines<'a>(state: &AppState, theme: &Theme, area: Rect) -> Vec<Line<'a>> {
    let room = usize::from(area.width).saturating_sub(24).max(20);
    state
        .menu_links()
        .iter()
        .take(9)
        .enumerate()
        .map(|(i, link)| {
            Line::from(vec![
                Span::styled(format!(" {} ", i + 1), theme.label()),
                Span::styled(format!("{:<12} ", fit(&link.label, 12)), theme.dim()),
                Span::raw(fit(&link.url, room)),
            ])
        })
        .collect()
}
