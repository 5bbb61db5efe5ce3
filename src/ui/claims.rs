//! The claims pane: one row per claim, only the visible rows are built.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{Theme, status_short, status_symbol};
use super::widgets::{pane_block, short_when};
use crate::app::highlights::visible_prefix;
use crate::app::{AppState, Pane};
use crate::model::ClaimIx;
use crate::text::{fit, pad};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let focused = matches!(state.focus(), Pane::Claims);
    let title = format!(
        "Claims {}{}/{} · {}{}",
        state.claims().rows().len(),
        if state.search_partial() { "+" } else { "" },
        state.loaded().dataset.claims.len(),
        state.claims().sort().label(),
        if state.claims().marked().is_empty() {
            String::new()
        } else {
            format!(" · {} marked", state.claims().marked().len())
        }
    );
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if state.claims().rows().is_empty() {
        let msg = if state.claims().filter().is_empty() {
            "No claims in this dataset."
        } else {
            "No claims match the filter (Esc or x clears it)."
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
        return;
    }
    let w = inner.width as usize;
    let lines: Vec<Line> = state
        .claims()
        .rows()
        .iter()
        .enumerate()
        .skip(state.claims().cursor().offset)
        .take(inner.height as usize)
        .map(|(i, &c)| {
            row(
                state,
                theme,
                c,
                w,
                i == state.claims().cursor().selected,
                focused,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row<'a>(
    state: &AppState,
    theme: &Theme,
    c: ClaimIx,
    w: usize,
    selected: bool,
    focused: bool,
) -> Line<'a> {
    let ds = &state.loaded().dataset;
    let ix = &state.loaded().index;
    let claim = &ds.claims[c.i()];
    let status = state.statuses().of(c);
    let wide = w >= 72;
    let status_text = if wide {
        // "Unverifiable" is 12 wide: the trailing space keeps it off the claimant.
        format!("{} {:<12} ", status_symbol(status), status.label())
    } else {
        format!("{}{} ", status_symbol(status), status_short(status))
    };
    let mark = if state.claims().marked().contains(&c) {
        "●"
    } else {
        " "
    };
    let marks = annotation_marks(state, &claim.id);
    let claimant_w = (w / 5).clamp(8, 20);
    let claimant = pad(&ds.actors[ix.claim_claimant[c.i()].i()].name, claimant_w);
    let date = pad(&short_when(&ix.claim_said[c.i()]), 11);
    let role = state
        .roles_in(c)
        .map(|r| format!("[{}] ", r.label()))
        .unwrap_or_default();
    // Comparing with other analysts: one cell saying how the verdicts compare.
    let agreement = super::adjudication::glyph(state, theme, c);
    let used = 1
        + usize::from(agreement.is_some())
        + crate::text::width(&status_text)
        + crate::text::width(&marks)
        + claimant_w
        + 1
        + 12
        + crate::text::width(&role);
    let text_w = w.saturating_sub(used);
    // Only what a row can show is looked at (a claim text may be 100 MB).
    let shown = visible_prefix(&claim.text, state.layout().claims.width as usize);
    let text = fit(&shown, text_w);
    // The match positions are for `shown`; an ellipsis stands for a cut char.
    let kept = if text.len() < shown.len() {
        text.chars().count().saturating_sub(1)
    } else {
        text.chars().count()
    };
    let hits = state.highlights().of(c);
    let hits = &hits[..hits.partition_point(|&i| (i as usize) < kept)];
    let mut spans = vec![
        Span::styled(mark, theme.mark()),
        Span::styled(status_text, theme.status(status)),
        Span::styled(marks, theme.indicator()),
        Span::raw(claimant),
        Span::raw(" "),
        Span::styled(date, theme.dim()),
        Span::raw(" "),
        Span::styled(role, theme.dim()),
    ];
    if let Some(g) = agreement {
        spans.insert(1, g);
    }
    spans.extend(highlighted(&text, hits, theme));
    let mut line = Line::from(spans);
    if selected {
        line = line.style(theme.selected(focused));
    }
    line
}

/// Three one-cell marks saying what your annotation of a claim holds:
/// `n` a note, `g` a grading (reliability or credibility), `e` evidence;
/// a blank cell for what it lacks.
fn annotation_marks(state: &AppState, id: &str) -> String {
    let a = state.annotations().set().get(id);
    let mark = |has: bool, c: char| if has { c } else { ' ' };
    let (note, grade, evidence) = a.map_or((false, false, false), |a| {
        (
            !a.note.trim().is_empty(),
            a.reliability.is_some() || a.credibility.is_some(),
            !a.evidence.is_empty(),
        )
    });
    [mark(note, 'n'), mark(grade, 'g'), mark(evidence, 'e'), ' ']
        .into_iter()
        .collect()
}

/// Splits `text` (already sanitised) into spans with the characters at
/// `hits` (char indices, ascending) styled as matches.
pub fn highlighted<'a>(text: &str, hits: &[u32], theme: &Theme) -> Vec<Span<'a>> {
    if hits.is_empty() {
        return vec![Span::raw(text.to_owned())];
    }
    let mut spans = Vec::new();
    let mut cur = String::new();
    let mut cur_hit = false;
    for (i, ch) in text.chars().enumerate() {
        let hit = u32::try_from(i).is_ok_and(|i| hits.binary_search(&i).is_ok());
        if hit != cur_hit && !cur.is_empty() {
            let s = std::mem::take(&mut cur);
            spans.push(if cur_hit {
                Span::styled(s, theme.matched())
            } else {
                Span::raw(s)
            });
        }
        cur_hit = hit;
        cur.push(ch);
    }
    spans.push(if cur_hit {
        Span::styled(cur, theme.matched())
    } else {
        Span::raw(cur)
    });
    spans
}
