//! End-to-end: `y` copies a citation through OSC 52 (checked in the bytes
//! the program writes to its terminal), `o` hands the evidence link to the
//! system opener as one argument, never through a shell. The real binary,
//! in a pty, with a stand-in `xdg-open` on PATH.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod pty;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use base64::Engine;
use pty::Tui;

/// A stand-in opener that records its first argument.
fn fake_opener(home: &Path) -> std::path::PathBuf {
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let script = bin.join("xdg-open");
    let record = home.join("opened.txt");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", record.display()),
    )
    .expect("write opener");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    bin
}

#[test]
fn y_copies_through_osc52_and_o_opens_the_link_without_a_shell() {
    let home = tempfile::tempdir().expect("tempdir");
    let bin = fake_opener(home.path());
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut t = Tui::spawn_env(
        &[],
        home.path(),
        160,
        45,
        &[
            ("PATH", Path::new(&path)),
            ("DISPLAY", Path::new("")),
            ("WAYLAND_DISPLAY", Path::new("")),
        ],
    );
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("y");
    t.wait_for("copied the citation of c01");
    t.wait_for("terminal (OSC 52)");
    let out = t.wait_for_raw(b"\x1b]52;c;");
    let payload: Vec<u8> = out[b"\x1b]52;c;".len()..]
        .iter()
        .copied()
        .take_while(|&b| b != 0x07 && b != 0x1b)
        .collect();
    let text = base64::engine::general_purpose::STANDARD
        .decode(&payload)
        .expect("base64 payload");
    let text = String::from_utf8(text).expect("utf-8");
    assert!(text.starts_with('“') && text.ends_with("[c01]"), "{text}");

    // An evidence link with shell syntax in it reaches the opener verbatim.
    let url = "https://example.org/report?q=$(touch%20pwned)&x=1;y";
    t.keys("e");
    t.wait_for("Evidence links");
    t.send(&format!("\x1b[200~{url}\x1b[201~"));
    t.send("\x13"); // Ctrl-S
    t.wait_for("evidence saved");
    t.keys("o");
    t.wait_for("opened https://example.org/report");
    let record = home.path().join("opened.txt");
    let start = std::time::Instant::now();
    while !record.exists() {
        assert!(start.elapsed().as_secs() < 20, "the opener never ran");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Written by the script once it has its argument: wait for the content.
    let mut got = String::new();
    while got != url && start.elapsed().as_secs() < 20 {
        got = std::fs::read_to_string(&record).unwrap_or_default();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(got, url);
    assert!(
        !home.path().join("pwned").exists(),
        "nothing ran in a shell"
    );
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}
