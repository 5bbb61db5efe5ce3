//! Rendering: pure functions of the application state. Each pane draws only
//! its visible rows, so a frame costs the same at 1k or 100k claims.

pub mod actors;
pub mod adjudication;
pub mod agreement;
pub mod claim_form;
pub mod claims;
pub mod detail;
pub mod editor;
pub mod help;
pub mod item_form;
pub mod menu;
pub mod orphans;
pub mod palette;
pub mod picker;
pub mod quit_prompt;
pub mod reader;
pub mod rescue_offer;
pub mod status;
pub mod theme;
pub mod timeline;
pub mod timeline_axis;
pub mod widgets;

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{AppState, Pane};
pub use theme::Theme;

/// Draws the whole screen for `state`.
pub fn draw(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let area = frame.area();
    if area.width < 4 || area.height < 2 {
        // Too small for anything useful: say so rather than draw garbage.
        frame.render_widget(Paragraph::new("…"), area);
        return;
    }
    let l = state.layout();
    if let Some(tabs) = l.tabs {
        let names = [
            (Pane::Actors, "Actors"),
            (Pane::Claims, "Claims"),
            (Pane::Detail, "Detail"),
            (Pane::Timeline, "Timeline"),
        ];
        let mut spans = Vec::new();
        for (p, name) in names {
            let style = if p == state.focus() {
                theme.title(true)
            } else {
                theme.dim()
            };
            spans.push(Span::styled(format!(" {name} "), style));
            spans.push(Span::raw("│"));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    }
    if state.overlays().reader().is_some() {
        reader::draw(frame, l.main, state, theme);
    } else {
        actors::draw(frame, l.actors, state, theme);
        claims::draw(frame, l.claims, state, theme);
        detail::draw(frame, l.detail, state, theme);
        timeline::draw(frame, l.timeline, state, theme);
    }
    status::draw(frame, l.status, state, theme);
    help::draw(frame, l.main, state, theme);
    editor::draw(frame, l.main, state, theme);
    claim_form::draw(frame, l.main, state, theme);
    item_form::draw(frame, l.main, state, theme);
    menu::draw(frame, l.main, state, theme);
    orphans::draw(frame, l.main, state, theme);
    picker::draw(frame, l.main, state, theme);
    palette::draw(frame, l.main, state, theme);
    agreement::draw(frame, l.main, state, theme);
    rescue_offer::draw(frame, area, state, theme);
    quit_prompt::draw(frame, area, state, theme);
}
