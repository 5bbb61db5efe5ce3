//! Working as a team through real git (issue 13): a bare remote, two
//! clones, `git-setup` in each, two analysts annotating with `claimtrack
//! annotate`, one pull. No network; git's global and system config ignored.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod team_support;

use std::path::Path;

use claimtrack::model::store::read_annotations;
use claimtrack::model::{AnnotationField, Status};
use team_support::{FILE, Team};

#[test]
fn two_analysts_merge_through_git_without_conflict_markers() {
    let team = Team::new();
    let ana = team.clone("ana");
    // git-setup says what it did, and is idempotent.
    let again = team.claimtrack(&ana, &["git-setup"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing changed"));
    let attributes = std::fs::read_to_string(ana.join(".gitattributes")).expect("attributes");
    assert_eq!(attributes, "*.annotations.ron merge=claimtrack\n");
    let driver = team.git(&ana, &["config", "merge.claimtrack.driver"]);
    assert!(
        driver.trim_end().ends_with(" merge-driver %O %A %B %P"),
        "{driver}"
    );
    assert!(
        Path::new(driver.split(' ').next().unwrap_or_default()).is_absolute(),
        "{driver}"
    );

    team.annotate(&ana, "ana", &["c01", "c04", "--status", "in-progress"]);
    assert!(!ana.join(format!("{FILE}.journal")).exists());
    team.commit(&ana, "start");
    team.git(&ana, &["push", "-q", "origin", "HEAD:main"]);

    let bob = team.clone("bob");
    // Diverge: one-sided changes on each side, and c04 set differently by both.
    team.annotate(
        &ana,
        "ana",
        &["c02", "--status", "verified", "--reliability", "b"],
    );
    team.annotate(
        &ana,
        "ana",
        &["c04", "--status", "verified", "--note", "two sources"],
    );
    team.annotate(&ana, "ana", &["c01", "--add-tag", "ana-tag"]);
    team.commit(&ana, "ana's review");
    team.git(&ana, &["push", "-q", "origin", "HEAD:main"]);

    team.annotate(
        &bob,
        "bob",
        &["c03", "--status", "false", "--credibility", "5"],
    );
    team.annotate(&bob, "bob", &["c04", "--status", "false"]);
    team.annotate(&bob, "bob", &["c01", "--add-tag", "bob-tag"]);
    team.commit(&bob, "bob's review");
    let ours = read_annotations(&bob.join(FILE)).expect("bob's file");
    let theirs = read_annotations(&ana.join(FILE)).expect("ana's file");

    // The pull runs the driver: c04 is a conflict, so git stops and says so.
    let pull = team.git_out(&bob, &["pull", "-q", "origin", "main"]);
    assert!(!pull.status.success(), "a conflict must stop the merge");
    let status = team.git(&bob, &["status", "--porcelain"]);
    assert!(status.contains(&format!("UU {FILE}")), "{status}");

    let text = std::fs::read_to_string(bob.join(FILE)).expect("merged");
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    let merged = read_annotations(&bob.join(FILE)).expect("a valid annotation file");
    // One-sided changes came through from both sides.
    assert_eq!(merged.get("c02").map(|a| a.status), Some(Status::Verified));
    assert_eq!(merged.get("c03").map(|a| a.status), Some(Status::False));
    assert_eq!(
        merged.get("c04").map(|a| a.note.as_str()),
        Some("two sources")
    );
    let tags = merged
        .get("c01")
        .map(|a| a.tags.clone())
        .unwrap_or_default();
    assert!(
        tags.contains(&"ana-tag".to_owned()) && tags.contains(&"bob-tag".to_owned()),
        "{tags:?}"
    );
    // The claim set differently on both sides is a conflict in the file.
    assert_eq!(merged.conflict_count(), 1, "{:?}", merged.conflicts);
    let conflict = merged
        .conflict("c04", AnnotationField::Status)
        .expect("conflict on c04");
    let who: Vec<Option<&str>> = conflict
        .sides
        .iter()
        .map(|s| s.analyst.as_deref())
        .collect();
    assert_eq!(who, [Some("ana"), Some("bob")]);
    // History complete: every change of both sides, once.
    for change in ours.history.iter().chain(&theirs.history) {
        assert_eq!(
            merged.history.iter().filter(|c| *c == change).count(),
            1,
            "{change:?}"
        );
    }

    // ... and in the JSON export, which also says so on stderr.
    let export = team.claimtrack(&bob, &["export", "--format", "json", "--annotations", FILE]);
    assert!(export.status.success());
    assert!(String::from_utf8_lossy(&export.stderr).contains("1 unresolved merge conflict (c04)"));
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).expect("json");
    let c04 = json["claims"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == "c04"))
        .expect("c04");
    let versions = c04["annotation"]["conflicts"]
        .as_array()
        .expect("conflicts");
    assert_eq!(versions.len(), 2);
    assert_eq!(
        (&versions[0]["analyst"], &versions[0]["status"]),
        (&"ana".into(), &"Verified".into())
    );
    assert_eq!(
        (&versions[1]["analyst"], &versions[1]["status"]),
        (&"bob".into(), &"False".into())
    );
    for key in ["reliability", "credibility", "note", "at"] {
        assert!(versions[0].get(key).is_some(), "{key}");
    }
    let stats = team.claimtrack(&bob, &["stats", "--annotations", FILE]);
    let warn = String::from_utf8_lossy(&stats.stderr);
    assert!(
        warn.contains(&format!("{FILE}:"))
            && warn.contains("warning: claim \"c04\": status in conflict"),
        "{warn}"
    );

    // Committing the merge with the conflict kept is a normal commit: the
    // file stays valid for everyone.
    team.commit(&bob, "merge, c04 to adjudicate");
    team.git(&bob, &["push", "-q", "origin", "HEAD:main"]);
    team.git(&ana, &["pull", "-q", "origin", "main"]);
    assert_eq!(
        read_annotations(&ana.join(FILE))
            .expect("valid")
            .conflict_count(),
        1
    );
}

#[test]
fn a_pull_without_competing_changes_merges_cleanly() {
    let team = Team::new();
    let ana = team.clone("ana");
    team.annotate(&ana, "ana", &["c01", "--status", "in-progress"]);
    team.commit(&ana, "start");
    team.git(&ana, &["push", "-q", "origin", "HEAD:main"]);
    let bob = team.clone("bob");
    team.annotate(&ana, "ana", &["c05", "--status", "misleading"]);
    team.commit(&ana, "ana");
    team.git(&ana, &["push", "-q", "origin", "HEAD:main"]);
    team.annotate(&bob, "bob", &["c06", "--status", "disputed"]);
    team.annotate(&bob, "bob", &["c01", "--status", "verified"]);
    team.commit(&bob, "bob");
    team.git(&bob, &["pull", "-q", "--no-edit", "origin", "main"]);
    let merged = read_annotations(&bob.join(FILE)).expect("valid");
    assert_eq!(merged.conflict_count(), 0);
    assert_eq!(merged.status("c05"), Status::Misleading);
    assert_eq!(merged.status("c06"), Status::Disputed);
    assert_eq!(merged.status("c01"), Status::Verified);
    assert_eq!(merged.history.len(), 4);
    assert_eq!(team.git(&bob, &["status", "--porcelain"]), "");
}

#[test]
fn merge_driver_and_merge_edge_cases() {
    let team = Team::new();
    let dir = team.path("work");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("write");
    team.annotate(&dir, "ana", &["c01", "--status", "verified"]);
    std::fs::rename(dir.join(FILE), dir.join("ana.annotations.ron")).expect("mv");
    team.annotate(&dir, "bob", &["c02", "--status", "false"]);
    std::fs::rename(dir.join(FILE), dir.join("bob.annotations.ron")).expect("mv");
    team.annotate(&dir, "cy", &["c01", "--status", "false"]);
    std::fs::rename(dir.join(FILE), dir.join("cy.annotations.ron")).expect("mv");

    // A file added on both sides: git gives an empty base.
    write("base", "");
    std::fs::copy(dir.join("ana.annotations.ron"), dir.join("ours")).expect("cp");
    let out = team.claimtrack(
        &dir,
        &["merge-driver", "base", "ours", "bob.annotations.ron", FILE],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = read_annotations(&dir.join("ours")).expect("valid");
    assert_eq!(
        (merged.status("c01"), merged.status("c02")),
        (Status::Verified, Status::False)
    );

    // Conflict markers in a side: exit 2, OURS untouched.
    write("marked", "<<<<<<< HEAD\n");
    let before = std::fs::read(dir.join("ours")).expect("read");
    let out = team.claimtrack(&dir, &["merge-driver", "base", "ours", "marked", FILE]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(dir.join("ours")).expect("read"), before);

    // Changes still in the working copy's journal: refused, OURS untouched.
    write(&format!("{FILE}.journal"), "(seq: 0)\n");
    let out = team.claimtrack(
        &dir,
        &["merge-driver", "base", "ours", "bob.annotations.ron", FILE],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not yet folded"));
    std::fs::remove_file(dir.join(format!("{FILE}.journal"))).expect("rm");

    // Blind merge of three analysts: ana and cy disagree on c01.
    let out = team.claimtrack(
        &dir,
        &[
            "merge",
            "ana.annotations.ron",
            "bob.annotations.ron",
            "cy.annotations.ron",
            "-o",
            "all.annotations.ron",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("CONFLICT c01 status"));
    let all = read_annotations(&dir.join("all.annotations.ron")).expect("valid");
    assert_eq!(
        (all.conflict_count(), all.status("c02")),
        (1, Status::False)
    );
    let out = team.claimtrack(
        &dir,
        &[
            "merge",
            "ana.annotations.ron",
            "bob.annotations.ron",
            "-o",
            "ab.annotations.ron",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let one = team.claimtrack(
        &dir,
        &["merge", "ana.annotations.ron", "-o", "x.annotations.ron"],
    );
    assert_eq!(one.status.code(), Some(2));
}
