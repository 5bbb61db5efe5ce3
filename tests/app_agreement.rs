//! The agreement panel of `--compare` (issue 13 §3, last line): `%` shows
//! the figures `claimtrack agreement` prints for the same files, computed by
//! `model::agreement`; blind review keeps it shut until nothing is hidden.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use claimtrack::app::{Action, AppState, Compare, KeyCode, MemoryBackend, PanelView};
use claimtrack::model::agreement::{self, Field, Report};
use claimtrack::model::store::to_ron;
use claimtrack::model::{AnnotationSet, Credibility, Edit, Reliability, Status, load_bundled};
use common::*;
use jiff::Timestamp;
use ratatui::layout::Rect;
use serde_json::Value;

const DS: &str = "nk-troops-ukraine";

/// (claim, status, reliability, credibility)
type Row<'a> = (&'a str, Status, Option<char>, Option<u8>);

fn analyst(name: &str, verdicts: &[Row]) -> AnnotationSet {
    let mut set = AnnotationSet::new(DS);
    let at = Timestamp::from_second(1_764_000_000).expect("time");
    for &(claim, status, r, c) in verdicts {
        set.apply(claim, &Edit::Status(status), name, at);
        set.apply(
            claim,
            &Edit::Reliability(r.and_then(Reliability::from_letter)),
            name,
            at,
        );
        set.apply(
            claim,
            &Edit::Credibility(c.and_then(Credibility::new)),
            name,
            at,
        );
    }
    set
}

/// eve (you), ana and bob: c01 all agree, c02 ana differs, c03 only you
/// and bob, c04 ana and bob differ, c05 ana alone.
fn sets() -> (AnnotationSet, Vec<(String, AnnotationSet)>) {
    use Status::*;
    let eve = analyst(
        "eve",
        &[
            ("c01", False, Some('B'), Some(2)),
            ("c02", Verified, Some('B'), Some(3)),
            ("c03", Misleading, Some('C'), None),
        ],
    );
    let ana = analyst(
        "ana",
        &[
            ("c01", False, Some('B'), Some(2)),
            ("c02", False, Some('C'), Some(3)),
            ("c04", Verified, None, Some(1)),
            ("c05", Disputed, None, None),
        ],
    );
    let bob = analyst(
        "bob",
        &[
            ("c01", False, Some('A'), Some(2)),
            ("c02", Verified, Some('B'), Some(4)),
            ("c03", Misleading, Some('D'), Some(6)),
            ("c04", Unverifiable, None, Some(1)),
        ],
    );
    (eve, vec![("ana".into(), ana), ("bob".into(), bob)])
}

fn comparing(own: AnnotationSet, blind: bool) -> AppState {
    let loaded = load_bundled().expect("bundled dataset");
    let backend = MemoryBackend {
        set: own,
        analyst: "eve".into(),
        clock: || Timestamp::UNIX_EPOCH,
    };
    AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 120, 40))
        .with_compare(Compare::new(sets().1, blind))
}

fn figures(s: &AppState, field: Field) -> Report {
    match s.agreement_view(field) {
        Some(PanelView::Figures(r)) => r,
        other => panic!("expected figures, got {other:?}"),
    }
}

/// What `model::agreement` says on the same sets, you first.
fn expected(field: Field) -> Report {
    let (eve, others) = sets();
    let loaded = load_bundled().expect("bundled");
    let claims: Vec<&str> = loaded
        .dataset
        .claims
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let mut raters: Vec<(String, &AnnotationSet)> = vec![("eve".into(), &eve)];
    raters.extend(others.iter().map(|(n, s)| (n.clone(), s)));
    agreement::analyse(field, &raters, &claims)
}

#[test]
fn percent_opens_the_panel_with_the_model_figures_on_every_field() {
    let mut s = comparing(sets().0, false);
    press(&mut s, "%");
    assert_eq!(s.agreement_panel(), Some(Field::Status));
    assert_eq!(figures(&s, Field::Status), expected(Field::Status));
    let r = figures(&s, Field::Status);
    assert_eq!((r.items, r.rated_by_all), (4, 2));
    assert_eq!(r.disagreements, ["c02", "c04"]);
    // Tab switches the field; each one is the model's.
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.agreement_panel(), Some(Field::Reliability));
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.agreement_panel(), Some(Field::Credibility));
    for f in [Field::Reliability, Field::Credibility] {
        assert_eq!(figures(&s, f), expected(f), "{f:?}");
    }
    let screen = render(&s);
    assert!(screen.contains("Agreement on credibility"), "{screen}");
    code(&mut s, KeyCode::Tab);
    assert_eq!(s.agreement_panel(), Some(Field::Status));
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.agreement_panel(), None);
}

#[test]
fn the_panel_shows_what_the_cli_prints_for_the_same_files() {
    let (eve, others) = sets();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for (name, set) in
        std::iter::once(("eve", &eve)).chain(others.iter().map(|(n, s)| (n.as_str(), s)))
    {
        let path = dir.path().join(format!("{name}.annotations.ron"));
        std::fs::write(&path, to_ron(set).expect("encode")).expect("write");
        files.push(path);
    }
    let mut s = comparing(eve.clone(), false);
    press(&mut s, "%");
    for (field, arg) in [
        (Field::Status, "status"),
        (Field::Reliability, "reliability"),
        (Field::Credibility, "credibility"),
    ] {
        let out = cargo_bin_cmd!("claimtrack")
            .arg("agreement")
            .args(&files)
            .args(["--field", arg, "--format", "json"])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let cli: Value = serde_json::from_slice(&out.stdout).expect("json");
        let panel = serde_json::to_value(figures(&s, field)).expect("serialises");
        assert_eq!(panel, cli, "{arg}");
    }
}

#[test]
fn agreement_panel() {
    let mut s = comparing(sets().0, false);
    press(&mut s, "%");
    insta::assert_snapshot!(render(&s));
}

#[test]
fn an_undefined_statistic_gives_its_reason_never_nan() {
    // Everybody says False on c01 alone: one category, one item.
    let only = |name: &str| analyst(name, &[("c01", Status::False, None, None)]);
    let loaded = load_bundled().expect("bundled dataset");
    let backend = MemoryBackend {
        set: only("eve"),
        analyst: "eve".into(),
        clock: || Timestamp::UNIX_EPOCH,
    };
    let mut s = AppState::new(loaded, Box::new(backend), Rect::new(0, 0, 120, 40))
        .with_compare(Compare::new(vec![("ana".into(), only("ana"))], false));
    press(&mut s, "%");
    let screen = render(&s);
    assert!(!screen.contains("NaN"), "{screen}");
    assert!(
        screen.contains("Krippendorff's α (nominal): undefined: "),
        "{screen}"
    );
    assert!(screen.contains("Cohen's κ undefined: "), "{screen}");
}

#[test]
fn blind_review_shows_no_figures_until_you_have_judged_what_the_others_rated() {
    // You have judged c01-c03; ana and bob also rated c04 and c05.
    let mut s = comparing(sets().0, true);
    press(&mut s, "%");
    assert_eq!(
        s.agreement_view(Field::Status),
        Some(PanelView::Blind { remaining: 2 })
    );
    let screen = render(&s);
    assert!(
        screen.contains("2 claims the others rated still need your verdict"),
        "{screen}"
    );
    assert!(!screen.contains("Disagreements"), "{screen}");
    assert!(
        !screen.contains("c04"),
        "no claim of theirs is named: {screen}"
    );
    // Judge the rest: the figures appear, the same as without blinds.
    code(&mut s, KeyCode::Esc);
    for id in ["c04", "c05"] {
        let c = s.loaded().index.claim_by_id[id];
        s.update(Action::SelectClaim(c));
        s.update(Action::SetStatus(Status::Unverifiable));
    }
    press(&mut s, "%");
    let r = figures(&s, Field::Status);
    assert_eq!(r.raters, ["eve", "ana", "bob"]);
    assert_eq!(r.items, 5);
}

#[test]
fn percent_outside_compare_mode_says_what_it_needs() {
    let mut s = state(120, 40);
    press(&mut s, "%");
    assert_eq!(s.agreement_panel(), None);
    assert!(
        s.message().is_some_and(|m| m.text.contains("--compare")),
        "{:?}",
        s.message()
    );
}
