//! The note / evidence / tags editor popup.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::{Action, AppState, Scope};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(editor) = state.overlays().editor() else {
        return;
    };
    let r = popup(
        frame,
        area,
        80.max(area.width * 2 / 3),
        14.max(area.height / 2),
    );
    let ids: Vec<&str> = editor
        .claims
        .iter()
        .take(4)
        .map(|c| state.loaded().dataset.claims[c.i()].id.as_str())
        .collect();
    let more = if editor.claims.len() > 4 {
        format!(" +{}", editor.claims.len() - 4)
    } else {
        String::new()
    };
    let keys = state.keymap();
    let title = format!(
        "{} · {}{more} · {} · {}",
        editor.title(),
        ids.join(","),
        keys.hint(Scope::Editor, &Action::EditorSave, "save"),
        keys.hint(Scope::Editor, &Action::EditorCancel, "cancel"),
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if !editor.is_confirming_discard() || inner.height < 2 {
        frame.render_widget(&editor.textarea, inner);
        return;
    }
    // The question sits on the editor's last line, over the text it is about.
    let [text, ask] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&editor.textarea, text);
    let s = Scope::DiscardEdit;
    let question = Line::from(vec![
        Span::styled(" Discard your changes? ", theme.error()),
        Span::styled(
            format!(
                "{} · {} · {}",
                keys.hint(s, &Action::EditorDiscard, "discard"),
                keys.hint(s, &Action::EditorKeepEditing, "keep editing"),
                keys.hint(s, &Action::EditorSave, "save"),
            ),
            theme.label(),
        ),
    ]);
    frame.render_widget(Paragraph::new(question), ask);
}
