//! The JSON export against its JSON Schema (`docs/export.schema.json`,
//! draft 2020-12), with the `jsonschema` crate: the bundled dataset with and
//! without a review, generated datasets with generated annotations, and the
//! hostile dataset with an orphaned annotation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use assert_cmd::cargo::cargo_bin_cmd;
use claimtrack::model::export::{JSON_SCHEMA, all_claims, json::to_json};
use claimtrack::model::generate::{Spec, generate, generate_annotations, to_ron};
use claimtrack::model::{AnnotationSet, Edit, Loaded, Status, load_bundled, parse_str};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

fn schema() -> Value {
    serde_json::from_str(JSON_SCHEMA).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("a valid schema")
}

#[track_caller]
fn assert_valid(what: &str, json: &str) {
    let doc: Value = serde_json::from_str(json).expect("export is JSON");
    let v = validator();
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

fn load(ron: &str) -> Loaded {
    parse_str(ron).unwrap_or_else(|e| panic!("invalid dataset: {e:?}"))
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(jsonschema::meta::is_valid(&s));
}

#[test]
fn bundled_exports_match_the_schema() {
    let loaded = load_bundled().expect("bundled");
    assert_valid(
        "no annotations",
        &to_json(&loaded, None, &all_claims(&loaded)),
    );
    let mut set = AnnotationSet::new(&loaded.dataset.id);
    let at = "2024-10-23T09:30:00Z".parse().expect("time");
    set.apply("c01", &Edit::Status(Status::Verified), "ana", at);
    set.apply("c02", &Edit::Note("a note".into()), "ana", at);
    set.apply("gone", &Edit::Status(Status::False), "ana", at);
    let json = to_json(&loaded, Some(&set), &all_claims(&loaded));
    assert!(json.contains("orphaned_annotations"));
    assert_valid("reviewed, with an orphan", &json);
}

#[test]
fn generated_exports_match_the_schema() {
    for seed in [1, 2, 3] {
        let ds = generate(&Spec {
            articles: 3,
            claims: 40,
            seed,
        });
        let loaded = load(&to_ron(&ds, "generated"));
        let set = generate_annotations(&loaded.dataset, seed);
        let json = to_json(&loaded, Some(&set), &all_claims(&loaded));
        assert_valid(&format!("generated, seed {seed}"), &json);
    }
}

#[test]
fn hostile_export_matches_the_schema() {
    let out = cargo_bin_cmd!("claimtrack")
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("claimtrack-schema-test-none"),
        )
        .args(["export", "-f", "json", "-a"])
        .arg(format!("{FIXTURES}/hostile.annotations.ron"))
        .arg(format!("{FIXTURES}/hostile.ron"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let json = String::from_utf8(out.stdout).expect("utf-8");
    assert!(json.contains("orphaned_annotations"));
    assert_valid("hostile", &json);
}

#[test]
fn the_schema_rejects_what_the_export_never_writes() {
    let loaded = load_bundled().expect("bundled");
    let mut doc: Value =
        serde_json::from_str(&to_json(&loaded, None, &all_claims(&loaded))).expect("json");
    doc["claims"][0]["stance"] = "shouts".into();
    doc["articles"][0]["published"]["from"] = "22 October".into();
    let v = validator();
    assert_eq!(v.iter_errors(&doc).count(), 2);
}

#[test]
fn claimtrack_schema_prints_the_shipped_file() {
    let out = cargo_bin_cmd!("claimtrack")
        .arg("schema")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/export.schema.json"
    ))
    .expect("docs/export.schema.json");
    assert_eq!(String::from_utf8(out.stdout).expect("utf-8"), shipped);
}

/// A file with merge conflicts: each claim's `annotation.conflicts` holds
/// the competing versions, and the export still follows the schema.
#[test]
fn export_with_conflicts_is_valid() {
    use claimtrack::model::annotation::merge::merge_n;
    let loaded = load_bundled().expect("bundled");
    let t = jiff::Timestamp::UNIX_EPOCH;
    let mut ana = AnnotationSet::new(&loaded.dataset.id);
    ana.apply("c04", &Edit::Status(Status::Verified), "ana", t);
    let mut bob = AnnotationSet::new(&loaded.dataset.id);
    bob.apply("c04", &Edit::Status(Status::False), "bob", t);
    let merged = merge_n(&[&ana, &bob]).expect("merge").set;
    assert_eq!(merged.conflict_count(), 1);
    let json = to_json(&loaded, Some(&merged), &all_claims(&loaded));
    assert_valid("conflicts", &json);
    let doc: Value = serde_json::from_str(&json).expect("json");
    let c04 = doc["claims"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == "c04"))
        .expect("c04");
    assert_eq!(c04["annotation"]["conflicts"][1]["status"], "False");
}

/// An adjudicated conflict: the history entry says whose value was taken
/// (`took_from`), and the schema names it.
#[test]
fn export_with_an_adjudication_is_valid() {
    use claimtrack::model::annotation::merge::merge_n;
    let loaded = load_bundled().expect("bundled");
    let t = jiff::Timestamp::UNIX_EPOCH;
    let mut ana = AnnotationSet::new(&loaded.dataset.id);
    ana.apply("c04", &Edit::Status(Status::Verified), "ana", t);
    let mut bob = AnnotationSet::new(&loaded.dataset.id);
    bob.apply("c04", &Edit::Status(Status::False), "bob", t);
    let mut merged = merge_n(&[&ana, &bob]).expect("merge").set;
    merged
        .resolve("c04", &Edit::Status(Status::False), "eve", t)
        .expect("resolved");
    let json = to_json(&loaded, Some(&merged), &all_claims(&loaded));
    assert_valid("adjudicated", &json);
    let schema = schema();
    assert_eq!(
        schema["$defs"]["change"]["properties"]["took_from"]["type"],
        "string"
    );
    let doc: Value = serde_json::from_str(&json).expect("json");
    let c04 = doc["claims"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == "c04"))
        .expect("c04");
    let last = c04["annotation"]["history"]
        .as_array()
        .and_then(|h| h.last())
        .expect("history");
    assert_eq!(last["took_from"], "bob");
}
