//! The detail pane: the rows `AppState::detail_doc` lays out (the selected
//! claim, its history, an event or an actor), styled and scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::pane_block;
use crate::app::detail::Role;
use crate::app::{AppState, Pane};
use crate::text::sanitize;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let focused = state.focus() == Pane::Detail;
    // Rows as the app counts them: the borders take one column each side.
    let doc = state.detail_doc(area.width.saturating_sub(2) as usize);
    let rows = doc.rows;
    let height = area.height.saturating_sub(2) as usize;
    let scroll = usize::from(state.detail().scroll());
    let mut title = sanitize(&doc.title).into_owned();
    if rows.len() > height && height > 0 {
        // Where the view is, so that what lies below is never a surprise.
        let last = (scroll + height).min(rows.len());
        title.push_str(&format!(" · {}-{last}/{}", scroll + 1, rows.len()));
    }
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(scroll)
        .take(height)
        .map(|row| {
            Line::from(
                row.into_iter()
                    .map(|run| Span::styled(run.text, style(theme, run.kind)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn style(theme: &Theme, role: Role) -> Style {
    match role {
        Role::Plain => Style::default(),
        Role::Heading => theme.heading(),
        Role::Label => theme.label(),
        Role::Dim => theme.dim(),
        Role::Mark => theme.mark(),
        Role::Error => theme.error(),
        Role::Notice => theme.notice(),
        Role::Status(s) => theme.status(s),
    }
}
