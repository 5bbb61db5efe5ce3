//! The validator's date-consistency warnings, which the timeline relies on to
//! flag impossible lags.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use claimtrack::model::{Severity, parse_str};

/// One article published on 2024-10-22, one claim said `said`, one event on
/// `event` reported by that claim.
fn dataset(said: &str, event: &str) -> String {
    format!(
        r#"Dataset(format: 1, id: "t", title: "T",
    articles: [Article(id: "a", headline: "H", outlet: "o", published: On("2024-10-22"), body: ["x y"])],
    actors: [Actor(id: "o", name: "O", kind: Media)],
    claims: [Claim(id: "k", article: "a", text: "t", quote: Quote(paragraph: 1, text: "x"),
        claimant: "o", stance: Asserts,
        said: {said})],
    events: [Event(id: "e", when: {event}, title: "E", claims: ["k"])],
)"#
    )
}

fn warnings(said: &str, event: &str) -> Vec<(usize, String)> {
    let loaded = match parse_str(&dataset(said, event)) {
        Ok(l) => l,
        Err(d) => panic!("should load: {d:?}"),
    };
    loaded
        .warnings
        .iter()
        .map(|w| {
            assert_eq!(w.severity, Severity::Warning);
            (w.at.map_or(0, |a| a.line), w.message.clone())
        })
        .collect()
}

#[test]
fn consistent_dates_load_without_warnings() {
    assert!(warnings(r#"On("2024-10-18")"#, r#"On("2024-10-18")"#).is_empty());
    // Uncertain ranges that may be consistent are not flagged.
    assert!(
        warnings(
            r#"Before("2024-10-22")"#,
            r#"Between("2024-10-01", "2024-10-22")"#
        )
        .is_empty()
    );
    assert!(warnings("Unknown", "Unknown").is_empty());
}

#[test]
fn said_after_publication_is_flagged_at_said() {
    let w = warnings(r#"On("2024-10-25")"#, r#"On("2024-10-25")"#);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, 6, "points at the `said` line");
    assert!(
        w[0].1
            .contains("said (2024-10-25) after its article was published (2024-10-22)"),
        "{}",
        w[0].1
    );
    // Open-ended: After the publication day is certainly too late.
    let w = warnings(r#"After("2024-10-23")"#, r#"On("2024-10-23")"#);
    assert!(
        w.iter()
            .any(|(_, m)| m.contains("after its article was published"))
    );
    // After an earlier day may still be fine.
    assert!(warnings(r#"After("2024-10-18")"#, r#"On("2024-10-18")"#).is_empty());
}

#[test]
fn event_reported_before_it_happened_is_flagged_at_the_event() {
    let w = warnings(r#"On("2024-10-18")"#, r#"On("2024-10-20")"#);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, 7, "points at the event's claims");
    assert!(
        w[0].1.contains(
            r#"event "e" (2024-10-20) is reported by claim "k" said earlier (2024-10-18)"#
        ),
        "{}",
        w[0].1
    );
    // Said before an event that may have started earlier: not flagged.
    assert!(warnings(r#"Before("2024-10-19")"#, r#"After("2024-10-18")"#).is_empty());
}
