//! End-to-end: unsaved changes on a full disk are never lost on the way
//! out. `q` asks (retry / rescue copy / discard / cancel); SIGTERM writes a
//! rescue copy by itself; the next start offers to merge it, once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;
mod rescue_support;

use std::path::{Path, PathBuf};

use pty::Tui;
use rescue_support::{Full, rescues_in};

const FILE: &str = "data/claimtrack/nk-troops-ukraine.annotations.ron";

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("tmp")).expect("tmp");
        Self { dir }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn state(&self) -> PathBuf {
        self.path().join("state")
    }
    fn spawn(&self) -> Tui {
        let state = self.state();
        let tmp = self.path().join("tmp");
        Tui::spawn_env(
            &[],
            self.path(),
            160,
            45,
            &[("XDG_STATE_HOME", &state), ("TMPDIR", &tmp)],
        )
    }
}

/// Starts, fills the disk under the annotation file, sets c01 Verified: unsaved.
fn unsaved_change(home: &Home) -> (Tui, Full) {
    let mut t = home.spawn();
    t.wait_for(pty::ALL_CLAIMS.as_str());
    let full = Full::over(&home.path().join("data/claimtrack"));
    t.keys("3");
    t.wait_for("1 unsaved change kept in memory");
    (t, full)
}

#[test]
fn quit_on_a_full_disk_asks_and_a_rescue_copy_is_merged_at_the_next_start() {
    let home = Home::new();
    let (mut t, mut full) = unsaved_change(&home);
    t.keys("q");
    // Wait for every line asserted on: a frame read half drawn must not
    // fail the test (it did under load), a prompt never drawn still does.
    let dir = home.state().join("claimtrack").display().to_string();
    t.wait_for_all(&[
        "Unsaved changes",
        "w     write a rescue copy",
        "retry saving",
        "discard",
        dir.as_str(),
    ]);
    t.keys("w");
    assert_eq!(t.wait_exit(), 0);
    t.wait_for("written to the rescue copy");
    let copies = rescues_in(&home.state().join("claimtrack"));
    assert_eq!(copies.len(), 1, "{copies:?}");
    drop(t);
    full.repair();

    // Without it the change would be gone: the file never got it.
    assert!(!home.path().join(FILE).exists());
    let mut t = home.spawn();
    t.wait_for_all(&["Rescue copy found", "m     merge it"]);
    t.keys("m");
    t.wait_for("merged the rescue copy");
    t.wait_for("✓ Verified");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let text = std::fs::read_to_string(home.path().join(FILE)).expect("annotation file");
    assert!(
        text.contains("\"c01\": Annotation(status: Verified"),
        "{text}"
    );

    // Merged once: not offered again.
    let mut t = home.spawn();
    let screen = t.wait_for_all(&[pty::ALL_CLAIMS.as_str(), "s cycle sort"]);
    assert!(!screen.contains("Rescue copy found"), "{screen}");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn sigterm_with_an_unsaved_change_writes_a_rescue_copy_and_names_it() {
    let home = Home::new();
    let (mut t, mut full) = unsaved_change(&home);
    t.signal("TERM");
    t.wait_exit();
    t.assert_restored();
    t.wait_for("written to the rescue copy");
    let copies = rescues_in(&home.state().join("claimtrack"));
    assert_eq!(copies.len(), 1, "{copies:?}");
    let name = copies[0]
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name");
    // The path is on the screen (the terminal may wrap it).
    let flat: String = t.screen().split_whitespace().collect();
    assert!(flat.contains(name), "{name} not in {flat}");
    let text = std::fs::read_to_string(&copies[0]).expect("rescue copy");
    assert!(
        text.contains("\"c01\": Annotation(status: Verified"),
        "{text}"
    );
    full.repair();
}

#[test]
fn a_hang_up_with_an_unsaved_change_writes_a_rescue_copy() {
    let home = Home::new();
    let (mut t, mut full) = unsaved_change(&home);
    // The terminal goes away (SIGHUP): nobody can be asked, nothing may be lost.
    t.hang_up();
    // Not 101: ratatui's drop panicked printing to the gone terminal, before
    // anything was saved or rescued.
    assert_eq!(t.wait_exit(), 0, "a clean exit, no panic");
    let copies = rescues_in(&home.state().join("claimtrack"));
    assert_eq!(copies.len(), 1, "{copies:?}");
    let text = std::fs::read_to_string(&copies[0]).expect("rescue copy");
    assert!(
        text.contains("\"c01\": Annotation(status: Verified"),
        "{text}"
    );
    full.repair();
}
