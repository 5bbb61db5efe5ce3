//! `claimtrack timeline` on the bundled dataset and on a file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use assert_cmd::Command;

fn timeline(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("claimtrack")
        .expect("binary")
        .arg("timeline")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The line of an entry id (third column).
fn line<'a>(out: &'a str, id: &str) -> (usize, &'a str) {
    out.lines()
        .enumerate()
        .find(|(_, l)| l.split_whitespace().nth(2) == Some(id))
        .unwrap_or_else(|| panic!("no line for {id} in\n{out}"))
}

#[test]
fn friday_statements_come_before_tuesday_reports() {
    let (code, out, err) = timeline(&[]);
    assert_eq!(code, 0, "{err}");
    // One line per event and per claim.
    let l = claimtrack::model::load_bundled().expect("bundled");
    assert_eq!(
        out.lines().count(),
        l.dataset.events.len() + l.dataset.claims.len()
    );
    // The NIS statement of "last Friday" opens the chronology, with its lag.
    let first: Vec<&str> = out.lines().take(4).collect();
    assert!(
        first[0].starts_with("2024-10-18              event  e03  NIS says"),
        "{}",
        first[0]
    );
    for (l, id) in first[1..].iter().zip(["c04", "c05", "c06"]) {
        assert!(
            l.starts_with(&format!("2024-10-18              claim  {id}  [nis] ")),
            "{l}"
        );
        assert!(l.ends_with("  (published 2024-10-22, lag 4d)"), "{l}");
    }
    // Every Friday line precedes every Tuesday line.
    let lines: Vec<&str> = out.lines().collect();
    let last_friday = lines
        .iter()
        .rposition(|l| l.starts_with("2024-10-18 "))
        .expect("friday");
    let first_tuesday = out
        .lines()
        .position(|l| l.starts_with("2024-10-22 "))
        .expect("tuesday");
    assert!(last_friday < first_tuesday);
    // Tuesday's own reports: said on the publication day, so no lag note.
    let (c02, l) = line(&out, "c02");
    assert!(
        l.starts_with("2024-10-22 ") && !l.contains("published"),
        "{l}"
    );
    assert!(line(&out, "c04").0 < c02);
}

#[test]
fn later_and_previously_show_as_ranges() {
    let (_, out, _) = timeline(&[]);
    // "later": between Friday's statement and the article.
    let (later, l) = line(&out, "c07");
    assert!(
        l.starts_with("2024-10-18..2024-10-22  claim  c07  [nk-un-rep] "),
        "{l}"
    );
    assert!(l.ends_with("(published 2024-10-22, lag 0..4d)"), "{l}");
    // "previously": any time up to the article.
    let (previously, l) = line(&out, "c18");
    assert!(
        l.starts_with("..2024-10-22            claim  c18  [defence-ministry] "),
        "{l}"
    );
    assert!(l.ends_with("(published 2024-10-22, lag >=0d)"), "{l}");
    assert!(line(&out, "c04").0 < later && later < previously && previously < line(&out, "c02").0);
}

#[test]
fn by_published_orders_by_the_article_and_shows_when_said() {
    let (code, out, err) = timeline(&["--by", "published"]);
    assert_eq!(code, 0, "{err}");
    let (c04, l) = line(&out, "c04");
    assert!(
        l.starts_with("2024-10-22              claim  c04  [nis] "),
        "{l}"
    );
    assert!(l.ends_with("  (said 2024-10-18, lag 4d)"), "{l}");
    // Claims now follow the events that began before publication day.
    assert!(line(&out, "e08").0 < c04);
    // Within one publication day, claims keep the order they were said in.
    assert!(c04 < line(&out, "c07").0 && line(&out, "c07").0 < line(&out, "c18").0);
}

#[test]
fn reads_a_dataset_file_spanning_years() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("years.ron");
    std::fs::write(
        &path,
        r#"Dataset(format: 1, id: "years", title: "Years",
    articles: [Article(id: "a", headline: "H", outlet: "o", published: On("2024-03-05"), body: ["one two three"])],
    actors: [Actor(id: "o", name: "O", kind: Media)],
    claims: [
        Claim(id: "late", article: "a", text: "Late.", quote: Quote(paragraph: 1, text: "one"),
            claimant: "o", stance: Asserts, said: After("2024-01-01")),
        Claim(id: "early", article: "a", text: "Early.", quote: Quote(paragraph: 1, text: "two"),
            claimant: "o", stance: Asserts, said: On("2023-02")),
        Claim(id: "never", article: "a", text: "Undated.", quote: Quote(paragraph: 1, text: "three"),
            claimant: "o", stance: Asserts, said: Unknown),
    ],
    events: [Event(id: "ev", when: On("2023"), title: "The year", claims: ["early", "late", "never"])],
)"#,
    )
    .expect("write");
    let (code, out, err) = timeline(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "2023                    event  ev     The year",
            "2023-02                 claim  early  [o] Early.  (published 2024-03-05, lag 371..398d)",
            "2024-01-01..            claim  late   [o] Late.  (published 2024-03-05, lag 0..64d)",
            "unknown                 claim  never  [o] Undated.  (published 2024-03-05)",
        ]
    );
}

#[test]
fn bad_input_exits_2() {
    let (code, _, err) = timeline(&["--by", "heard"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = timeline(&["/nonexistent/dataset.ron"]);
    assert_eq!(code, 2);
}
