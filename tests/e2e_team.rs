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
