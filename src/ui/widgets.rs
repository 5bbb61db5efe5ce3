//! Small shared drawing helpers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};

use super::theme::Theme;
use crate::model::DateRange;
use crate::model::date::{Precision, WhenKind};

/// A pane frame: rounded borders, the title reversed when focused.
pub fn pane_block<'a>(title: impl Into<String>, focused: bool, theme: &Theme) -> Block<'a> {
    let title: String = title.into();
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(theme.border(focused))
        .title(Line::from(Span::styled(
            format!(" {title} "),
            theme.title(focused),
        )))
}

/// A centred rectangle of at most `w`×`h` inside `area`, cleared for a popup.
pub fn popup(frame: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    frame.render_widget(Clear, r);
    r
}

/// A date range in at most 11 columns, for list rows.
pub fn short_when(r: &DateRange) -> String {
    match (r.kind, r.from, r.to) {
        (WhenKind::On(Precision::Day), Some(d), _) => d.to_string(),
        (WhenKind::On(Precision::Month), Some(d), _) => format!("{:04}-{:02}", d.year(), d.month()),
        (WhenKind::On(Precision::Year), Some(d), _) => format!("{:04}", d.year()),
        (WhenKind::Between, Some(a), _) => format!("{a}…"),
        (WhenKind::Before, _, Some(b)) => format!("≤{b}"),
        (WhenKind::After, Some(a), _) => format!("≥{a}"),
        _ => "?".into(),
    }
}
