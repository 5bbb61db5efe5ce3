//! The article reader: the article with every quote marked, the current one
//! highlighted, the cursor and the visual selection shown.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::pane_block;
use crate::app::reader::{LineText, Seg, SegKind};
use crate::app::reader_cursor::grapheme_end;
use crate::app::{Action, AppState, Scope};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(r) = state.overlays().reader() else {
        return;
    };
    if area.width < 3 || area.height < 3 {
        return;
    }
    let loaded = state.loaded();
    let layout = r.layout();
    let keys = state.keymap();
    let quotes = [Action::NextMatch, Action::PrevMatch]
        .iter()
        .filter_map(|a| keys.key_for(Scope::Reader, a))
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join("/");
    let at = match r.current() {
        Some(c) => {
            let pos = layout
                .quotes
                .iter()
                .position(|(q, _)| *q == c)
                .map_or(0, |p| p + 1);
            format!(
                "quote {pos}/{} · claim {}",
                layout.quotes.len(),
                crate::text::sanitize(&loaded.dataset.claims[c.i()].id)
            )
        }
        None => format!("{} quotes", layout.quotes.len()),
    };
    let selecting = r.is_selecting();
    let title = format!(
        "Article · {at} · {quotes} quotes · {} · {} · {}",
        if selecting {
            keys.hint(Scope::Reader, &Action::NewClaim, "new claim")
        } else {
            keys.hint(Scope::Reader, &Action::ToggleVisual, "select")
        },
        keys.hint(Scope::Reader, &Action::Open, "show claim"),
        keys.hint(Scope::Reader, &Action::Back, "back"),
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cursor = r.cursor();
    let body = |p: usize| {
        loaded
            .dataset
            .articles
            .get(r.article.i())
            .and_then(|a| a.body.get(p))
            .map_or("", String::as_str)
    };
    let marks = Marks {
        cursor: (
            cursor.paragraph,
            cursor.byte..grapheme_end(body(cursor.paragraph), cursor.byte),
        ),
        selection: r.selection(loaded),
    };
    // Only the visible lines are styled: a frame costs the same for any
    // article length.
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .zip(layout.text.iter())
        .skip(r.scroll)
        .take(inner.height as usize)
        .map(|(segs, text)| match text {
            Some(t) if marks.touch(t.paragraph) => marked_line(segs, t, &marks, theme),
            _ => Line::from(
                segs.iter()
                    .map(|s| Span::styled(s.text.clone(), kind_style(s.kind, theme)))
                    .collect::<Vec<_>>(),
            ),
        })
        .collect();
    let text_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text_area);
}

fn kind_style(kind: SegKind, theme: &Theme) -> Style {
    match kind {
        SegKind::Plain => Style::new(),
        SegKind::Heading => theme.heading(),
        SegKind::Meta => theme.dim(),
        SegKind::Current => theme.current_quote(),
        SegKind::Quote => theme.other_quote(),
    }
}

/// The cursor's grapheme and the selection, each a paragraph and bytes.
struct Marks {
    cursor: (usize, Range<usize>),
    selection: Option<(usize, Range<usize>)>,
}

impl Marks {
    fn touch(&self, p: usize) -> bool {
        self.cursor.0 == p || self.selection.as_ref().is_some_and(|(s, _)| *s == p)
    }
}

/// A line with the cursor or part of the selection on it, styled char by
/// char (the lead first, then the chars `t` maps).
fn marked_line<'a>(segs: &[Seg], t: &LineText, marks: &Marks, theme: &Theme) -> Line<'a> {
    let chars: Vec<(char, SegKind)> = segs
        .iter()
        .flat_map(|s| s.text.chars().map(move |c| (c, s.kind)))
        .collect();
    let lead = chars.len().saturating_sub(t.chars.len());
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |c: char, style: Style| match spans.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push(c),
        _ => spans.push(Span::styled(c.to_string(), style)),
    };
    for (i, &(c, kind)) in chars.iter().enumerate() {
        let mut style = kind_style(kind, theme);
        if let Some(&(byte, _)) = i.checked_sub(lead).and_then(|k| t.chars.get(k)) {
            let in_sel = marks
                .selection
                .as_ref()
                .is_some_and(|(p, r)| *p == t.paragraph && r.contains(&byte));
            if in_sel {
                style = style.patch(theme.selection());
            }
            if marks.cursor.0 == t.paragraph && marks.cursor.1.contains(&byte) {
                style = style.patch(theme.text_cursor(in_sel));
            }
        }
        push(c, style);
    }
    Line::from(spans)
}
