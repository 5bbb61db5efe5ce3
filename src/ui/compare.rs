//! The detail pane's comparison (`--compare`): your verdict and each other
//! analyst's side by side, one column each (status, grading, note,
//! evidence), numbered for `T`. Blind review shows only how many others
//! gave a verdict until you have given yours.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::{Theme, status_symbol};
use crate::app::{Action, AppState, Scope, VerdictPart};
use crate::model::compare::Agreement;
use crate::model::{Annotation, ClaimIx};
use crate::text::{char_width, pad, sanitize, width};

/// The label column's width ("Evidence  ").
const LABEL: usize = 10;

/// One cell: its lines, each with a style.
type Cell = Vec<(String, Style)>;

/// Draws one field of an annotation as a cell `w` columns wide.
type CellFn = fn(&Annotation, usize, &Theme) -> Cell;

pub fn lines<'a>(state: &AppState, theme: &Theme, c: ClaimIx, w: usize) -> Vec<Line<'a>> {
    let (Some(cmp), Some(agreement), Some(claim)) = (
        state.compare(),
        state.agreement_of(c),
        state.loaded().dataset.claims.get(c.i()),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let take = state.keymap().hint(
        Scope::Claims,
        &Action::ChordTake,
        "then a number takes a verdict",
    );
    let part = state
        .keymap()
        .key_for(Scope::Take, &Action::TakeOnly(VerdictPart::Status))
        .map(|k| format!(" ({k}/… first: a part)"))
        .unwrap_or_default();
    let take = format!("{take}{part}");
    if state.is_hidden(c) {
        let n = state.others_rated(c);
        out.push(Line::from(Span::styled(
            format!(
                "Blind review: {n} of {} other analyst{} gave a verdict; shown once you give yours",
                cmp.analysts().len(),
                if cmp.analysts().len() == 1 { "" } else { "s" }
            ),
            theme.notice(),
        )));
        out.push(Line::default());
        return out;
    }
    let style = match agreement {
        Agreement::Disagree | Agreement::Conflict => theme.error(),
        _ => theme.label(),
    };
    out.push(Line::from(vec![
        Span::styled(
            format!("{} {}", agreement.glyph(), agreement.meaning()),
            style,
        ),
        Span::styled(format!(" · {take}"), theme.dim()),
    ]));
    let blank = Annotation::default();
    let own = state.annotations().set().get(&claim.id).unwrap_or(&blank);
    let mut columns: Vec<(String, &Annotation)> = vec![("you".to_owned(), own)];
    for (i, a) in cmp.analysts().iter().enumerate() {
        columns.push((
            format!("{} {}", i + 1, sanitize(a.name())),
            a.get(&claim.id).unwrap_or(&blank),
        ));
    }
    let col = (w.saturating_sub(LABEL) / columns.len()).max(6);
    let cell_w = col.saturating_sub(1);
    let header: Vec<Cell> = columns
        .iter()
        .map(|(name, _)| vec![(name.clone(), theme.heading())])
        .collect();
    out.extend(row(theme, "", &header, col));
    let rows: [(&str, CellFn); 4] = [
        ("Status", status_cell),
        ("Grading", grading_cell),
        ("Note", note_cell),
        ("Evidence", evidence_cell),
    ];
    for (label, cell) in rows {
        let cells: Vec<Cell> = columns
            .iter()
            .map(|(_, a)| cell(a, cell_w, theme))
            .collect();
        out.extend(row(theme, label, &cells, col));
    }
    out.push(Line::default());
    out
}

/// A table row: the label, then each cell in its column, as many lines as
/// the tallest cell.
fn row<'a>(theme: &Theme, label: &str, cells: &[Cell], col: usize) -> Vec<Line<'a>> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|i| {
            let mut spans = vec![Span::styled(
                pad(if i == 0 { label } else { "" }, LABEL),
                theme.label(),
            )];
            for cell in cells {
                let (text, style) = cell.get(i).cloned().unwrap_or_default();
                spans.push(Span::styled(pad(&text, col), style));
            }
            Line::from(spans)
        })
        .collect()
}

fn status_cell(a: &Annotation, _w: usize, theme: &Theme) -> Cell {
    vec![(
        format!("{} {}", status_symbol(a.status), a.status.label()),
        theme.status(a.status),
    )]
}

fn grading_cell(a: &Annotation, _w: usize, theme: &Theme) -> Cell {
    let g = a.grading();
    vec![(if g.is_empty() { "–".into() } else { g }, theme.label())]
}

fn note_cell(a: &Annotation, w: usize, _theme: &Theme) -> Cell {
    wrap(&a.note, w)
        .into_iter()
        .map(|l| (l, Style::default()))
        .collect()
}

fn evidence_cell(a: &Annotation, w: usize, theme: &Theme) -> Cell {
    a.evidence
        .iter()
        .flat_map(|e| wrap(e, w))
        .map(|l| (l, theme.dim()))
        .collect()
}

/// `text` (sanitised) in lines of at most `w` columns, broken at spaces,
/// a word longer than a line cut where it must be.
fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    // Lines first: sanitising turns a line break into a visible mark.
    for para in text.lines() {
        let para = sanitize(para);
        let mut line = String::new();
        for word in para.split_whitespace() {
            let need = width(word) + usize::from(!line.is_empty());
            if !line.is_empty() && width(&line) + need > w {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            for ch in word.chars() {
                if width(&line) + char_width(ch) > w {
                    out.push(std::mem::take(&mut line));
                }
                line.push(ch);
            }
        }
        if !line.is_empty() {
            out.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("two sources agree", 8), ["two", "sources", "agree"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a b\nc", 10), ["a b", "c"]);
        assert!(wrap("", 5).is_empty());
        assert!(
            wrap("x\u{1b}[2Jy", 10)
                .iter()
                .all(|l| !l.contains('\u{1b}'))
        );
    }
}
