//! Search in the TUI: match highlights are worked out once per shown claim
//! and query (in the state), not per frame; the view only reads them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use claimtrack::app::{AppState, KeyCode};
use claimtrack::ui::{self, Theme};
use common::{code, press, state};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

/// Cells drawn with the match style (bold, underlined) in the claims pane.
fn highlighted_cells(s: &AppState) -> usize {
    let mut term = Terminal::new(TestBackend::new(s.area().width, s.area().height)).unwrap();
    term.draw(|f| ui::draw(f, s, &Theme::dark())).unwrap();
    let buf = term.backend().buffer();
    let pane = s.layout().claims;
    let mut n = 0;
    for y in pane.y..pane.y + pane.height {
        for x in pane.x..pane.x + pane.width {
            let m = buf[(x, y)].modifier;
            if m.contains(Modifier::UNDERLINED | Modifier::BOLD) {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn highlights_are_computed_once_per_shown_claim_not_per_frame() {
    let mut s = state(160, 40);
    let height = usize::from(s.layout().claims.height);
    press(&mut s, "/");
    for c in "troops".chars() {
        let before = s.highlights().computed();
        press(&mut s, &c.to_string());
        // Each keystroke matches at most the rows it shows.
        let shown = s.claims().rows().len().min(height);
        assert!(s.highlights().computed() - before <= shown, "typing {c:?}");
    }
    assert!(
        s.claims().rows().len() > 1,
        "the bundled dataset has claims about troops"
    );
    assert_eq!(s.highlights().query(), "troops");
    let after_typing = s.highlights().computed();
    assert!(
        highlighted_cells(&s) >= "troops".len(),
        "the matches are marked"
    );
    // Frames and moves within the shown rows match nothing again.
    for _ in 0..3 {
        highlighted_cells(&s);
    }
    code(&mut s, KeyCode::Enter);
    press(&mut s, "jkjk");
    assert_eq!(s.highlights().computed(), after_typing);
    // Positions fall within the texts (a claim may match by another field).
    let mut marked = 0;
    for &c in s.claims().rows() {
        let text = &s.loaded().dataset.claims[c.i()].text;
        let hits = s.highlights().of(c);
        marked += usize::from(!hits.is_empty());
        assert!(hits.iter().all(|&i| (i as usize) < text.chars().count()));
    }
    assert!(marked > 0);
    // A cleared query clears them.
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.highlights().query(), "");
    assert!(
        s.claims()
            .rows()
            .iter()
            .all(|&c| s.highlights().of(c).is_empty())
    );
    assert_eq!(highlighted_cells(&s), 0);
}

#[test]
fn an_export_runs_as_a_task_with_progress_while_keys_keep_answering() {
    use claimtrack::app::{Action, Effect};
    let mut s = state(160, 40);
    let effects = press(&mut s, "E");
    assert_eq!(effects, vec![Effect::Export(s.claims().rows().to_vec())]);
    assert!(s.busy(), "the loop polls while it runs");
    assert_eq!(
        s.task().map(|t| t.line()),
        Some("exporting 0% (0/22)".into())
    );
    assert!(
        common::render(&s).contains("exporting 0% (0/22)"),
        "shown in the status line"
    );
    // A second E while it runs starts nothing.
    assert!(press(&mut s, "E").is_empty());
    assert!(
        s.message()
            .is_some_and(|m| m.error && m.text.contains("still running"))
    );
    // Keys keep working meanwhile, and progress does not clear a message.
    let before = s.selected_claim();
    press(&mut s, "j");
    assert_ne!(s.selected_claim(), before);
    s.update(Action::TaskProgress {
        done: 11,
        total: 22,
    });
    assert_eq!(
        s.task().map(|t| t.line()),
        Some("exporting 50% (11/22)".into())
    );
    s.update(Action::TaskDone(Ok("exported 22 claims to x.md".into())));
    assert!(s.task().is_none() && !s.busy());
    assert_eq!(
        s.message().map(|m| m.text.as_str()),
        Some("exported 22 claims to x.md")
    );
    assert!(!common::render(&s).contains("exporting"));
    press(&mut s, "E");
    s.update(Action::TaskDone(Err("export failed: disk full".into())));
    assert!(s.message().is_some_and(|m| m.error));
}
