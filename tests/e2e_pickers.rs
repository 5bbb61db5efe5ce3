//! End-to-end: a picker finds one tag among 1,000, and a view saved in the
//! TUI round-trips (the file, the next start, `export --view`). The real
//! binary, in a pty.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod pty;

use std::path::Path;

use pty::Tui;

/// A generated dataset whose first 1,000 claims each have a tag of their
/// own (`topic-0000`…), written into `home`.
fn thousand_tags(home: &Path) -> String {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["gen", "--articles", "10", "--claims", "1200", "--seed", "3"])
        .output()
        .expect("gen");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf8");
    let mut n = 0;
    let mut lines = Vec::new();
    for line in text.lines() {
        match line.find("tags: [") {
            Some(at) if n < 1000 => {
                lines.push(format!("{}tags: [\"topic-{n:04}\"],", &line[..at]));
                n += 1;
            }
            _ => lines.push(line.to_owned()),
        }
    }
    assert_eq!(n, 1000, "the generated dataset has tags on enough claims");
    let path = home.join("tags.ron");
    std::fs::write(&path, lines.join("\n")).expect("write dataset");
    path.to_str().expect("utf8").to_owned()
}

#[test]
fn a_picker_selects_one_tag_among_a_thousand() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = thousand_tags(home.path());
    let mut t = Tui::spawn(&[&data], home.path(), 160, 45);
    t.wait_for("Claims 1200/1200");
    t.keys("#");
    // Every tag is listed (the generator's own on the other 200 too).
    t.wait_until("the tag picker lists over 1,000 tags", |s| {
        let text = s.contents();
        text.lines().any(|l| {
            l.contains("Tags · ")
                && l.split("Tags · ")
                    .nth(1)
                    .and_then(|r| r.split(" of ").next())
                    .and_then(|n| n.trim().parse::<usize>().ok())
                    .is_some_and(|n| n > 1000)
        })
    });
    t.keys("topic-0777");
    t.wait_for("Tags · 1 of");
    t.wait_for("topic-0777");
    t.enter();
    t.wait_for("1 claims with tag topic-0777");
    t.wait_for("Claims 1/1200");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_view_saved_in_the_tui_round_trips() {
    let home = tempfile::tempdir().expect("tempdir");
    let annotations = home.path().join("nk.annotations.ron");
    let ann = annotations.to_str().expect("utf8");
    let mut t = Tui::spawn(&["--annotations", ann], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    // Several statuses picked: one query term, saved as a view.
    t.keys("3j5");
    t.keys("S");
    t.wait_for("Statuses · 7 of 7");
    t.keys("verified ");
    t.send("\x15"); // Ctrl-U: clear the typed text, keep the selection
    t.keys("false ");
    t.enter();
    t.wait_for("2 claims match status:verified,false");
    t.keys("V");
    t.wait_for(":save-view");
    t.keys("checked");
    t.wait_for("save view “checked” as: status:verified,false");
    t.enter();
    t.wait_for("saved view “checked”");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let file = home.path().join("nk.views.ron");
    let text = std::fs::read_to_string(&file).expect("views file");
    assert!(text.contains("status:verified,false"), "{text}");

    // The next start offers it; it shows the same claims.
    let mut t = Tui::spawn(&["--annotations", ann], home.path(), 160, 45);
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("v");
    t.wait_for("Saved views · 1 of 1");
    t.enter();
    t.wait_for("view “checked”: 2 claims");
    t.wait_for("Claims 2/22");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);

    // And the command line selects the same claims with it.
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .args([
            "export",
            "-f",
            "csv",
            "--annotations",
            ann,
            "--view",
            "checked",
        ])
        .output()
        .expect("export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).expect("utf8");
    let ids: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(ids, ["c01", "c02"], "{csv}");
}
