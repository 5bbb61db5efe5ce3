//! End-to-end: a damaged binary cache is ignored, rebuilt and said, in the
//! TUI's status line and on a command's stderr, never trusted and never a
//! panic. Real binary (pty for the TUI).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod cli_support;
mod pty;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pty::Tui;

/// The bundled dataset as a file of its own (the cache is for files).
fn dataset(home: &Path) -> PathBuf {
    let path = home.join("seed.ron");
    std::fs::write(&path, claimtrack::model::load::BUNDLED_SOURCE).expect("write dataset");
    path
}

fn stats(home: &Path, path: &Path) -> std::process::Output {
    Command::cargo_bin("claimtrack")
        .expect("binary")
        .arg("stats")
        .arg(path)
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("CLAIMTRACK_NO_CACHE")
        .output()
        .expect("run")
}

/// The one cache file a load wrote.
fn cache_file(home: &Path) -> PathBuf {
    let dir = home.join("cache/claimtrack");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn a_command_says_a_damaged_cache_was_rebuilt_and_is_quiet_after() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = dataset(home.path());
    let first = stats(home.path(), &path);
    cli_support::code(&first, 0);
    let file = cache_file(home.path());
    std::fs::write(&file, b"CLMTRKC\0\xff\xff\xff\xff garbage \x1b[31m").expect("damage");
    let damaged = stats(home.path(), &path);
    cli_support::code(&damaged, 0);
    assert_eq!(damaged.stdout, first.stdout, "the same answer");
    let err = cli_support::text(&damaged.stderr);
    assert!(err.contains("ignored and rebuilt"), "{err}");
    let again = stats(home.path(), &path);
    cli_support::code(&again, 0);
    assert!(
        !cli_support::text(&again.stderr).contains("cache"),
        "rebuilt: {}",
        cli_support::text(&again.stderr)
    );
}

#[test]
fn the_tui_says_a_damaged_cache_was_rebuilt_and_opens_from_it_after() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = dataset(home.path());
    let arg = path.to_str().expect("utf-8 path");
    cli_support::code(&stats(home.path(), &path), 0);
    std::fs::write(cache_file(home.path()), vec![0xAB; 4096]).expect("damage");
    let mut t = Tui::spawn(&[arg], home.path(), 160, 45);
    t.wait_for("ignored and rebuilt");
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    // Rebuilt: the next start opens from it, with nothing to say.
    let before = std::fs::read(cache_file(home.path())).expect("cache");
    assert!(before.starts_with(b"CLMTRKC\0"), "a cache of ours");
    let mut t = Tui::spawn(&[arg], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    assert!(!t.screen().contains("rebuilt"), "{}", t.screen());
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}
