//! End-to-end, issue 13: adjudicating in the TUI. A merge conflict made by
//! real git (two clones, one pull) is resolved in the real binary in a pty,
//! and the commit that follows carries no conflict.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod pty;
mod team_support;

use claimtrack::model::Status;
use claimtrack::model::store::read_annotations;
use pty::Tui;
use team_support::{FILE, Team};

#[test]
fn a_merge_conflict_resolved_in_the_tui_is_gone_from_the_commit_and_the_export() {
    let team = Team::new();
    let bob = team.conflict_on_c04();
    let file = bob.join(FILE);
    assert_eq!(read_annotations(&file).expect("valid").conflict_count(), 1);

    let home = tempfile::tempdir().expect("tempdir");
    let path = file.to_str().expect("utf8");
    let mut t = Tui::spawn(
        &["--annotations", path, "--analyst", "bob"],
        home.path(),
        160,
        45,
    );
    t.wait_for("CONFLICT 1");
    // Only the claims to adjudicate: c04.
    t.keys("!");
    t.wait_for_all(&["Claims 1/22", "1 claim to adjudicate"]);
    t.wait_for_all(&["CONFLICT on the status", "Verified  ana", "False  bob"]);
    t.keys("T2");
    t.wait_for("c04: adjudicated: took bob's status (False)");
    t.wait_until("the conflict count to go", |s| {
        !s.contents().contains("CONFLICT")
    });
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);

    let set = read_annotations(&file).expect("valid");
    assert_eq!(set.conflict_count(), 0);
    assert_eq!(set.status("c04"), Status::False);
    assert_eq!(
        set.status("c02"),
        Status::Misleading,
        "the pull came through"
    );
    let last = set.history.last().expect("history");
    assert_eq!(
        last.adjudication().as_deref(),
        Some("adjudicated: took bob's status")
    );

    // The merge is committed as it is now: no conflict in the commit.
    team.commit(&bob, "merge, c04 adjudicated");
    assert_eq!(team.git(&bob, &["status", "--porcelain"]), "");
    let committed = team.git(&bob, &["show", &format!("HEAD:{FILE}")]);
    assert!(!committed.contains("Conflict("), "{committed}");
    assert!(
        committed.contains("took_from: Some(\"bob\")"),
        "{committed}"
    );
    let export = team.claimtrack(&bob, &["export", "--format", "json", "--annotations", FILE]);
    assert!(export.status.success());
    let stderr = String::from_utf8_lossy(&export.stderr);
    assert!(!stderr.contains("conflict"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).expect("json");
    let c04 = json["claims"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == "c04"))
        .expect("c04");
    assert_eq!(c04["annotation"]["status"], "False");
    let none = c04["annotation"]
        .get("conflicts")
        .and_then(|v| v.as_array())
        .is_none_or(|v| v.is_empty());
    assert!(none, "{c04}");
}

/// Two analysts' files, made with `claimtrack annotate`: they agree on c02
/// and disagree on c04 (ana Verified, bob False).
fn two_reviews(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let annotate = |file: &str, who: &str, args: &[&str]| {
        let out = std::process::Command::new(team_support::BIN)
            .current_dir(dir)
            .args(["annotate", "--annotations", file, "--analyst", who])
            .args(args)
            .output()
            .expect("annotate");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    annotate("ana.annotations.ron", "ana", &["c02", "--status", "false"]);
    annotate(
        "ana.annotations.ron",
        "ana",
        &["c04", "--status", "verified", "--note", "two sources"],
    );
    annotate("bob.annotations.ron", "bob", &["c02", "--status", "false"]);
    annotate(
        "bob.annotations.ron",
        "bob",
        &["c04", "--status", "false", "--reliability", "c"],
    );
    (
        dir.join("ana.annotations.ron"),
        dir.join("bob.annotations.ron"),
    )
}

#[test]
fn compare_takes_an_analysts_verdict_into_your_file_only() {
    let home = tempfile::tempdir().expect("tempdir");
    let (ana, bob) = two_reviews(home.path());
    let before = (
        std::fs::read(&ana).expect("ana"),
        std::fs::read(&bob).expect("bob"),
    );
    let mut t = Tui::spawn(
        &[
            "--annotations",
            "final.annotations.ron",
            "--analyst",
            "eve",
            "--compare",
            "ana.annotations.ron",
            "bob.annotations.ron",
        ],
        home.path(),
        160,
        45,
    );
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("!");
    t.wait_for_all(&["Claims 1/22", "1 claim to adjudicate"]);
    t.wait_for_all(&["≠ the analysts disagree", "1 ana", "2 bob", "two sources"]);
    t.keys("T2");
    t.wait_for("c04: adjudicated: took bob's status, reliability");
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);

    let mine = read_annotations(&home.path().join("final.annotations.ron")).expect("yours");
    let c04 = mine.get("c04").expect("c04");
    assert_eq!((c04.status, c04.grading().as_str()), (Status::False, "C-"));
    let said: Vec<String> = mine
        .history
        .iter()
        .filter_map(|c| c.adjudication())
        .collect();
    assert_eq!(
        said,
        [
            "adjudicated: took bob's status",
            "adjudicated: took bob's reliability"
        ]
    );
    assert!(mine.get("c02").is_none(), "only what was taken");
    // The others' files are read, never written.
    assert_eq!(std::fs::read(&ana).expect("ana"), before.0);
    assert_eq!(std::fs::read(&bob).expect("bob"), before.1);
}

#[test]
fn blind_review_shows_the_others_only_after_your_verdict() {
    let home = tempfile::tempdir().expect("tempdir");
    two_reviews(home.path());
    let mut t = Tui::spawn(
        &[
            "--annotations",
            "bob2.annotations.ron",
            "--compare",
            "ana.annotations.ron",
            "--blind",
        ],
        home.path(),
        160,
        45,
    );
    t.wait_for(pty::ALL_CLAIMS.as_str());
    t.keys("jjj");
    let screen = t.wait_for_all(&["Claim c04", "Blind review: 1 of 1 other analyst gave a"]);
    assert!(
        !screen.contains("Verified") && !screen.contains("two sources"),
        "{screen}"
    );
    t.keys("T1");
    t.wait_for("blind review: give your own verdict on c04 first");
    t.keys("5");
    t.wait_for_all(&["≠ the analysts disagree", "✓ Verified", "two sources"]);
    t.keys("q");
    assert_eq!(t.wait_exit(), 0);
    let mine = read_annotations(&home.path().join("bob2.annotations.ron")).expect("yours");
    assert_eq!(mine.status("c04"), Status::False);
}

#[test]
fn compare_refuses_your_own_file_and_blind_needs_compare() {
    let home = tempfile::tempdir().expect("tempdir");
    two_reviews(home.path());
    let run = |args: &[&str]| {
        std::process::Command::new(team_support::BIN)
            .current_dir(home.path())
            .args(args)
            .output()
            .expect("run")
    };
    let out = run(&["--blind"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--compare"));
    // A missing or foreign file is bad input, before any terminal is needed.
    let out = run(&["--compare", "nobody.annotations.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("nobody.annotations.ron: no such annotation file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Your own file: refused (in a terminal, where the TUI would start).
    let mut t = Tui::spawn(
        &[
            "--annotations",
            "ana.annotations.ron",
            "--compare",
            "ana.annotations.ron",
        ],
        home.path(),
        100,
        30,
    );
    t.wait_for("that is your own annotation file");
    assert_eq!(t.wait_exit(), 2);
}
