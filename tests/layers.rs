//! The layers' arrows point down only (see docs/architecture.md): the model
//! knows no terminal library, the app knows neither the view nor the
//! terminal, and the view never reaches into the terminal edge or the CLI.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("source dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every `file:line` under `src/<layer>` that mentions one of `forbidden`.
fn offenders(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer);
    let files = rust_files(&root);
    assert!(!files.is_empty(), "no sources under {}", root.display());
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source file");
        for (n, line) in text.lines().enumerate() {
            if forbidden.iter().any(|w| line.contains(w)) {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_model_knows_no_terminal_library() {
    let found = offenders("model", &["ratatui", "crossterm"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_app_knows_neither_the_view_nor_the_terminal() {
    let found = offenders(
        "app",
        &["crate::ui", "crate::term", "crate::cli", "crossterm"],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_view_does_not_reach_into_the_edges() {
    let found = offenders("ui", &["crate::term", "crate::cli", "crossterm"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_finds_what_it_looks_for() {
    // A test that cannot fail is a defect: the scan must see a known use.
    assert!(!offenders("term", &["crossterm"]).is_empty());
    assert!(!offenders("ui", &["crate::app"]).is_empty());
}
