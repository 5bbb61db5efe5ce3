//! Every way of loading a file reports the same diagnostics, at the same
//! positions, whatever it does to save time or memory.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::path::Path;

use claimtrack::model::{
    LoadError, Progress, load_path, load_path_cached, load_path_with_progress,
};

/// One of each error, written by hand.
const BAD: &str = r#"Dataset(
    format: 1,
    id: "bad-one",
    title: " ",
    articles: [
        Article(id: "a1", headline: "", outlet: "nobody", published: On("2024-13-40"), body: ["Hello  world, said X."]),
        Article(id: "a1", headline: "H", outlet: "o", published: Between("2024-10-22", "2024-10-18"), body: []),
    ],
    actors: [
        Actor(id: "o", name: "Outlet", kind: Media),
        Actor(id: "x", name: "", kind: Person, part_of: Some("y")),
        Actor(id: "y", name: "Y", kind: Person, part_of: Some("x")),
        Actor(id: "bad id", name: "Z", kind: Person, part_of: Some("ghost")),
    ],
    claims: [
        Claim(id: "c1", article: "a1", text: "", quote: Quote(paragraph: 1, text: "Hello world"), claimant: "x",
              via: ["o", "ghost"], about: ["nope"], stance: Asserts, said: After("2024-02-30"),
              relations: [Supports("c9"), Contradicts("c1")]),
        Claim(id: "c2", article: "zz", text: "t", quote: Quote(paragraph: 1, text: "q"), claimant: "o", stance: Denies, said: Unknown),
        Claim(id: "c3", article: "a1", text: "t", quote: Quote(paragraph: 3, text: "q"), claimant: "o", stance: Denies, said: Unknown),
        Claim(id: "c4", article: "a1", text: "t", quote: Quote(paragraph: 1, text: "nothing"), claimant: "o", stance: Denies, said: Unknown),
        Claim(id: "c4", article: "a1", text: "t", quote: Quote(paragraph: 1, text: "world"), claimant: "o", stance: Denies, said: Unknown),
    ],
    events: [
        Event(id: "e1", when: On("2024"), title: "", actors: ["o", "ghost"], claims: ["c1", "c8"]),
    ],
)
"#;

const EXPECTED: &[&str] = &[
    "bad.ron:4:12: error: dataset title must not be empty",
    "bad.ron:6:37: error: article \"a1\": headline must not be empty",
    "bad.ron:6:49: error: article \"a1\": outlet \"nobody\" is not an actor",
    "bad.ron:6:73: error: article \"a1\": invalid date \"2024-13-40\": month out of range 01..12",
    "bad.ron:7:21: error: duplicate article id \"a1\"",
    "bad.ron:7:74: error: article \"a1\": invalid date \"2024-10-22\": Between: the first date is after the second",
    "bad.ron:11:30: error: actor \"x\": name must not be empty",
    "bad.ron:12:58: error: actor \"y\": part_of makes a cycle (x -> y -> x)",
    "bad.ron:13:19: error: actor id \"bad id\" must match [A-Za-z0-9._-]{1,64}",
    "bad.ron:13:68: error: actor \"bad id\": part_of \"ghost\" is not an actor",
    "bad.ron:16:46: error: claim \"c1\": text must not be empty",
    "bad.ron:17:26: error: claim \"c1\": via \"ghost\" is not an actor",
    "bad.ron:17:44: error: claim \"c1\": about \"nope\" is not an actor",
    "bad.ron:17:82: error: claim \"c1\": invalid date \"2024-02-30\": day out of range for that month",
    "bad.ron:18:36: error: claim \"c1\": relations (supports) \"c9\" is not a claim",
    "bad.ron:19:34: error: claim \"c2\": article \"zz\" is not an article",
    "bad.ron:20:75: error: claim \"c3\": quote paragraph 3 is outside 1..=1",
    "bad.ron:21:84: error: claim \"c4\": quote text is not found verbatim in paragraph 1 of article \"a1\"",
    "bad.ron:22:19: error: duplicate claim id \"c4\"",
    "bad.ron:25:50: error: event \"e1\": title must not be empty",
    "bad.ron:25:68: error: event \"e1\": actors \"ghost\" is not an actor",
    "bad.ron:25:93: error: event \"e1\": claims \"c8\" is not a claim",
];

fn rendered(e: LoadError) -> Vec<String> {
    match e {
        LoadError::Invalid { diagnostics, .. } => {
            diagnostics.iter().map(|d| d.render("bad.ron")).collect()
        }
        other => panic!("not invalid: {other}"),
    }
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("bad.ron");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn all_loaders_report_the_same_errors_at_the_same_places() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = write(tmp.path(), BAD);
    let plain = rendered(load_path(&path).expect_err("invalid"));
    assert_eq!(plain, EXPECTED);
    let mut phases = Vec::new();
    let with_progress = rendered(
        load_path_with_progress(&path, &mut |p: Progress| phases.push(p.label()))
            .expect_err("invalid"),
    );
    assert_eq!(with_progress, EXPECTED);
    assert!(phases.contains(&"validating") && !phases.contains(&"done"));
    let cached =
        rendered(load_path_cached(&path, Some(&tmp.path().join("cache"))).expect_err("invalid"));
    assert_eq!(cached, EXPECTED);
}

#[test]
fn warnings_keep_their_positions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = claimtrack::model::load::BUNDLED_SOURCE.replacen(
        "    actors: [\n",
        "    actors: [\n        Actor(id: \"idle\", name: \"Nobody uses me\", kind: Person),\n",
        1,
    );
    let path = write(tmp.path(), &src);
    let plain = load_path(&path).expect("valid");
    let lean = load_path_with_progress(&path, &mut |_| {}).expect("valid");
    assert_eq!(plain.warnings.len(), 1);
    assert!(plain.warnings[0].at.is_some());
    assert_eq!(plain, lean);
}
