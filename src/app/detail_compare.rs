//! The detail pane's comparison (`--compare`): your verdict and each other
//! analyst's side by side, one column each (status, grading, note,
//! evidence), numbered for `T`. Blind review shows only how many others
//! gave a verdict until you have given yours. Laid out here at the pane's
//! width, as rows of the detail text (see `detail.rs`), so the detail's
//! scrolling counts them.

use super::action::{Action, VerdictPart};
use super::detail::{Role, Run};
use super::keymap::Scope;
use super::state::AppState;
use super::wrap::Styled;
use crate::model::compare::Agreement;
use crate::model::{Annotation, ClaimIx};
use crate::text::{char_width, pad, sanitize, width};

/// The label column's width ("Evidence  ").
const LABEL: usize = 10;

/// One cell: its lines, each with a role.
type Cell = Vec<(String, Role)>;

/// Lays out one field of an annotation as a cell `w` columns wide.
type CellFn = fn(&Annotation, usize) -> Cell;

fn run(text: impl Into<String>, kind: Role) -> Run {
    Styled {
        text: text.into(),
        kind,
    }
}

impl AppState {
    /// The comparison rows for claim `c` at `w` columns (none when not comparing).
    pub(super) fn compare_rows(&self, c: ClaimIx, w: usize) -> Vec<Vec<Run>> {
        let (Some(cmp), Some(agreement), Some(claim)) = (
            self.compare(),
            self.agreement_of(c),
            self.loaded.dataset.claims.get(c.i()),
        ) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let take = self.keymap.hint(
            Scope::Claims,
            &Action::ChordTake,
            "then a number takes a verdict",
        );
        let part = self
            .keymap
            .key_for(Scope::Take, &Action::TakeOnly(VerdictPart::Status))
            .map(|k| format!(" ({k}/… first: a part)"))
            .unwrap_or_default();
        let take = format!("{take}{part}");
        if self.is_hidden(c) {
            let n = self.others_rated(c);
            out.push(vec![run(
                format!(
                    "Blind review: {n} of {} other analyst{} gave a verdict; shown once you give yours",
                    cmp.analysts().len(),
                    if cmp.analysts().len() == 1 { "" } else { "s" }
                ),
                Role::Notice,
            )]);
            out.push(Vec::new());
            return out;
        }
        let role = match agreement {
            Agreement::Disagree | Agreement::Conflict => Role::Error,
            _ => Role::Label,
        };
        out.push(vec![
            run(
                format!("{} {}", agreement.glyph(), agreement.meaning()),
                role,
            ),
            run(format!(" · {take}"), Role::Dim),
        ]);
        let blank = Annotation::default();
        let own = self.annotations.set().get(&claim.id).unwrap_or(&blank);
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
            .map(|(name, _)| vec![(name.clone(), Role::Heading)])
            .collect();
        out.extend(table_row("", &header, col));
        let rows: [(&str, CellFn); 4] = [
            ("Status", status_cell),
            ("Grading", grading_cell),
            ("Note", note_cell),
            ("Evidence", evidence_cell),
        ];
        for (label, cell) in rows {
            let cells: Vec<Cell> = columns.iter().map(|(_, a)| cell(a, cell_w)).collect();
            out.extend(table_row(label, &cells, col));
        }
        out.push(Vec::new());
        out
    }
}

/// A table row: the label, then each cell in its column, as many lines as
/// the tallest cell.
fn table_row(label: &str, cells: &[Cell], col: usize) -> Vec<Vec<Run>> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|i| {
            let mut runs = vec![run(
                pad(if i == 0 { label } else { "" }, LABEL),
                Role::Label,
            )];
            for cell in cells {
                let (text, role) = cell.get(i).cloned().unwrap_or((String::new(), Role::Plain));
                runs.push(run(pad(&text, col), role));
            }
            runs
        })
        .collect()
}

fn status_cell(a: &Annotation, _w: usize) -> Cell {
    vec![(
        format!("{} {}", a.status.symbol(), a.status.label()),
        Role::Status(a.status),
    )]
}

fn grading_cell(a: &Annotation, _w: usize) -> Cell {
    let g = a.grading();
    vec![(if g.is_empty() { "–".into() } else { g }, Role::Label)]
}

fn note_cell(a: &Annotation, w: usize) -> Cell {
    wrap(&a.note, w)
        .into_iter()
        .map(|l| (l, Role::Plain))
        .collect()
}

fn evidence_cell(a: &Annotation, w: usize) -> Cell {
    a.evidence
        .iter()
        .flat_map(|e| wrap(e, w))
        .map(|l| (l, Role::Dim))
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
