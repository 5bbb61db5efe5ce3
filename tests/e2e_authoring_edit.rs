//! End-to-end (issue 12 §3): items of the dataset file deleted and undone in
//! the TUI, and the file saved from outside while the TUI runs (a new file
//! renamed over it, as editors do). Real binary, pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;

use std::path::{Path, PathBuf};

use claimtrack::model::authoring::{List, NewItem, append, remove_item};
use claimtrack::model::load::BUNDLED_SOURCE;
use claimtrack::model::parse_str;
use pty::Tui;

/// The seed and two claims nothing refers to (the seed's are all in events).
fn dataset(home: &Path) -> (PathBuf, String, usize) {
    let ds = parse_str(BUNDLED_SOURCE).unwrap().dataset;
    let mut text = BUNDLED_SOURCE.to_owned();
    for id in ["c98", "c99"] {
        let mut c = ds.claims[0].clone();
        c.id = id.into();
        c.relations.clear();
        text = append(&text, &NewItem::Claim(c)).unwrap();
    }
    let path = home.join("my.ron");
    std::fs::write(&path, &text).unwrap();
    (path, text, ds.claims.len() + 2)
}

fn claims_title(n: usize) -> String {
    format!("Claims {n}/{n}")
}

fn check(path: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn a_claim_edited_then_deleted_in_the_tui_passes_check_each_time() {
    let home = tempfile::tempdir().unwrap();
    let (path, original, n) = dataset(home.path());
    let p = path.to_str().unwrap();
    let mut t = Tui::spawn(&[p, "--analyst", "ana"], home.path(), 160, 45);
    t.wait_for(&claims_title(n));
    // The last claim, c99: Ctrl-E (the claim form), Shift-Tab to its text,
    // type, Ctrl-S.
    t.keys("G");
    t.send("\x05");
    t.wait_for("Edit claim c99");
    t.send("\x1b[Z");
    t.keys(" Edited in the TUI.");
    t.send("\x13");
    t.wait_for("edited claim c99");
    let written = std::fs::read_to_string(&path).unwrap();
    let out = check(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = parse_str(&written).unwrap();
    let c = l.dataset.claims.iter().find(|c| c.id == "c99").unwrap();
    let was = parse_str(&original).unwrap();
    let was = was.dataset.claims.iter().find(|c| c.id == "c99").unwrap();
    assert_eq!(c.text, format!("{} Edited in the TUI.", was.text));
    let before = original.find("id: \"c99\"").unwrap();
    assert_eq!(
        written[..before],
        original[..before],
        "nothing before it changed"
    );
    // And deleted.
    t.keys("D");
    t.wait_for("delete claim c99");
    t.keys("y");
    t.wait_for_all(&["deleted claim c99", &claims_title(n - 1)]);
    let out = check(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!std::fs::read_to_string(&path).unwrap().contains("\"c99\""));
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_claim_deleted_in_the_tui_passes_check_and_undo_puts_it_back() {
    let home = tempfile::tempdir().unwrap();
    let (path, original, n) = dataset(home.path());
    let p = path.to_str().unwrap();
    let mut t = Tui::spawn(&[p, "--analyst", "ana"], home.path(), 160, 45);
    t.wait_for(&claims_title(n));
    // The last claim, c99.
    t.keys("G");
    t.keys("D");
    t.wait_for("delete claim c99");
    t.keys("y");
    t.wait_for_all(&["deleted claim c99", &claims_title(n - 1)]);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(!written.contains("\"c99\""));
    assert_eq!(
        written,
        remove_item(&original, List::Claims, "c99").unwrap().text,
        "only the claim's lines went"
    );
    let out = check(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.keys("u");
    t.wait_for_all(&["undid: deleted claim c99", &claims_title(n)]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn an_outside_save_reloads_the_running_tui_and_keeps_the_annotation() {
    let home = tempfile::tempdir().unwrap();
    let (path, original, n) = dataset(home.path());
    let p = path.to_str().unwrap();
    let mut t = Tui::spawn(&[p, "--analyst", "ana"], home.path(), 160, 45);
    t.wait_for(&claims_title(n));
    t.keys("G3");
    t.wait_for("status = Verified on 1 claim (c99)");
    // An editor saves: a new file, renamed over the old one.
    let theirs = remove_item(&original, List::Claims, "c99").unwrap().text;
    let tmp = home.path().join(".my.ron.swp");
    std::fs::write(&tmp, &theirs).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    t.wait_for_all(&[
        "changed on disk: reloaded",
        "1 annotation kept as orphan",
        &claims_title(n - 1),
    ]);
    // A broken save keeps what is shown and says where.
    let broken = theirs.replacen("format: 1,", "format: 1,\n    oops: 2,", 1);
    std::fs::write(&tmp, broken).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    t.wait_for_all(&["does not load", "my.ron:8:5", &claims_title(n - 1)]);
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}
