#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! End-to-end: a claim made in the TUI from a visual selection in the
//! reader is written to the dataset file, which `claimtrack check` passes,
//! every line it did not add byte-identical. The real binary, in a pty.

mod pty;

use claimtrack::model::authoring::{NewItem, append};
use claimtrack::model::load::BUNDLED_SOURCE;
use claimtrack::model::{Article, When};
use pty::Tui;

/// The bundled dataset (comments, blank lines, its own spacing) plus an
/// article no claim quotes yet.
fn dataset_text() -> String {
    let article = Article {
        id: "second-2024-11-05".into(),
        headline: "Talks to resume".into(),
        outlet: "moscow-times".into(),
        url: None,
        published: When::On("2024-11-05".into()),
        credit: None,
        body: vec![
            "Officials said yesterday that talks will resume. Nothing else was said.".into(),
        ],
    };
    append(BUNDLED_SOURCE, &NewItem::Article(article)).expect("appended")
}

#[test]
fn a_claim_selected_in_the_reader_is_written_and_passes_check() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("my.ron");
    let before = dataset_text();
    std::fs::write(&path, &before).expect("write dataset");
    let data = path.to_str().expect("utf8");
    let mut t = Tui::spawn(&[data], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    // The articles list: the article without claims, then the reader.
    t.keys("B");
    t.wait_for("Articles: Enter reads one");
    t.keys("second");
    t.wait_for("› second");
    t.enter();
    t.wait_for_all(&["Article · 0 quotes", "Officials said yesterday"]);
    // Cursor to "talks", select to the end of "resume", open the form.
    t.keys("wwww");
    t.keys("veee");
    t.wait_for("c new claim");
    t.keys("c");
    t.wait_for_all(&["New claim c23", "¶1 “talks will resume”"]);
    // Prefilled: via the outlet, said from the sentence's "yesterday".
    t.wait_for_all(&["moscow-times — The Moscow Times", "yesterday  → 2024-11-04"]);
    // The claimant from its picker.
    t.keys("nis");
    t.wait_for("Claimant · ");
    t.enter();
    t.wait_for_all(&["nis — National Intelligence Service", "✓ passes check"]);
    t.send("\x13"); // Ctrl-S
    t.wait_for("added claim “c23” to");
    t.esc();
    t.wait_for("Claims 23/23");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);

    let check = assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["check", data])
        .output()
        .expect("check");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let after = std::fs::read_to_string(&path).expect("read back");
    // Every line of the file before is still there, byte for byte, with the
    // new claim's lines in one block between them.
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let added = new.len() - old.len();
    assert_eq!(
        &new[head + added..],
        &old[head..],
        "lines after the claim changed"
    );
    let block: String = new[head..head + added].concat();
    assert!(block.contains("id: \"c23\""), "{block}");
    assert!(block.contains("\"talks will resume\""), "{block}");
    assert!(block.contains("claimant: \"nis\""), "{block}");
    assert!(block.contains("said_as: Some(\"yesterday\")"), "{block}");
    assert!(block.contains("On(\"2024-11-04\")"), "{block}");
}

#[test]
fn a_mouse_drag_in_the_reader_selects_the_quote() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("my.ron");
    let before = dataset_text();
    std::fs::write(&path, &before).expect("write dataset");
    let data = path.to_str().expect("utf8");
    let mut t = Tui::spawn(&[data], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("B");
    t.wait_for("Articles: Enter reads one");
    t.keys("second");
    t.wait_for("› second");
    t.enter();
    t.wait_for_all(&["Article · 0 quotes", "Officials said yesterday"]);
    // Screen row 5 (1-based) is the first paragraph: the headline, the
    // metadata and a blank line are above it under the border. Its text
    // starts at column 6, after the border, a margin and " 1 ".
    t.send("\x1b[<0;6;5M"); // press on "O"
    t.send("\x1b[<32;19;5M"); // drag to the "d" of "said"
    t.send("\x1b[<0;19;5m"); // release
    t.wait_for("c new claim");
    t.keys("c");
    t.wait_for_all(&["New claim c23", "¶1 “Officials said”"]);
    // Esc closes the form (the selection stays), then ends the selection,
    // then leaves the reader.
    t.esc();
    t.wait_until("the form to close", |s| !s.contents().contains("New claim"));
    t.wait_for("c new claim · Enter");
    t.esc();
    t.wait_for("v select · Enter");
    t.esc();
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    // Nothing was saved: the file is as it was.
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
}
