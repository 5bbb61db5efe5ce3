//! Parser tests: every term kind, every error; and selection over the
//! bundled dataset with hand-made annotations.

use jiff::civil::date;

use super::*;
use crate::model::annotation::Credibility;
use crate::model::search::SearchIndex;
use crate::model::{AnnotationSet, ClaimIx, Edit, Loaded, load_bundled};

fn kinds(src: &str) -> Vec<(bool, TermKind)> {
    match Query::parse(src) {
        Ok(q) => q.terms.into_iter().map(|t| (t.negated, t.kind)).collect(),
        Err(e) => panic!("{src:?}: {e}"),
    }
}

fn one(src: &str) -> TermKind {
    let mut k = kinds(src);
    assert_eq!(k.len(), 1, "{src:?}");
    k.remove(0).1
}

fn err(src: &str) -> QueryError {
    match Query::parse(src) {
        Ok(q) => panic!("{src:?} parsed: {q:?}"),
        Err(e) => e,
    }
}

fn glob(s: &str, ic: bool) -> Glob {
    Glob::new(s, ic)
}

#[test]
fn blank_query_has_no_terms() {
    assert!(Query::parse("").expect("ok").is_empty());
    assert!(Query::parse("  \t ").expect("ok").is_empty());
}

#[test]
fn words_phrases_and_negation() {
    let k = kinds("troops -rumours \"far east\" -\"special forces\"");
    let text = |t: &str, phrase| TermKind::Text {
        text: t.into(),
        phrase,
    };
    assert_eq!(
        k,
        vec![
            (false, text("troops", false)),
            (true, text("rumours", false)),
            (false, text("far east", true)),
            (true, text("special forces", true)),
        ]
    );
    // A colon after something that is not a field name is text.
    assert_eq!(one("10:30"), text("10:30", false));
    assert_eq!(one("\"say \\\"hi\\\"\""), text("say \"hi\"", true));
    let q = Query::parse("a  -b").expect("ok");
    assert_eq!((q.terms[1].start, q.terms[1].end), (3, 5));
    assert!(q.has_text());
}

#[test]
fn status_and_stance_lists() {
    assert_eq!(
        one("status:false,Disputed,in-progress"),
        TermKind::Status(vec![Status::False, Status::Disputed, Status::InProgress])
    );
    assert_eq!(
        kinds("-stance:denies"),
        vec![(true, TermKind::Stance(vec![Stance::Denies]))]
    );
    assert_eq!(
        one("STATUS:verified"),
        TermKind::Status(vec![Status::Verified])
    );
}

#[test]
fn ids_tags_and_analysts() {
    let TermKind::Article(a) = one("article:yna-*,mt-2024-10-22") else {
        panic!("article");
    };
    assert_eq!(a[0].value, glob("yna-*", false));
    assert_eq!((a[1].start, a[1].end), (14, 27));
    assert_eq!(
        one("tag:#Later,troop*"),
        TermKind::Tag(vec![glob("later", true), glob("troop*", true)])
    );
    assert_eq!(
        one("by:\"Jane Doe\",ana"),
        TermKind::By(vec![glob("jane doe", true), glob("ana", true)])
    );
    for (field, role) in [
        ("claimant", Role::Claimant),
        ("via", Role::Via),
        ("about", Role::About),
        ("actor", Role::Any),
    ] {
        let TermKind::Actor { role: r, ids } = one(&format!("{field}:russia~,nis")) else {
            panic!("{field}");
        };
        assert_eq!(r, role);
        let refs: Vec<(String, bool)> = ids
            .iter()
            .map(|i| (i.value.id.as_text(), i.value.descendants))
            .collect();
        assert_eq!(refs, vec![("russia".into(), true), ("nis".into(), false)]);
    }
    let TermKind::Actor { ids, .. } = one("about:\"odd id\"~") else {
        panic!("quoted");
    };
    assert!(ids[0].value.descendants);
}

#[test]
fn dates_in_every_form() {
    let span = |f: Option<&str>, t: Option<&str>| DaySpan {
        from: f.map(|s| s.parse().expect("d")),
        to: t.map(|s| s.parse().expect("d")),
    };
    let cases = [
        (
            "said:2024-10-18",
            span(Some("2024-10-18"), Some("2024-10-18")),
        ),
        ("said:2024-10", span(Some("2024-10-01"), Some("2024-10-31"))),
        ("said:2024", span(Some("2024-01-01"), Some("2024-12-31"))),
        (
            "said:2024-10-01..2024-10-20",
            span(Some("2024-10-01"), Some("2024-10-20")),
        ),
        (
            "said:2024-10..2024-11",
            span(Some("2024-10-01"), Some("2024-11-30")),
        ),
        ("said:2024-10-18..", span(Some("2024-10-18"), None)),
        ("said:..2024-10", span(None, Some("2024-10-31"))),
        ("said:<2024-10-20", span(None, Some("2024-10-19"))),
        ("said:<=2024-10", span(None, Some("2024-10-31"))),
        ("said:>2024-10-20", span(Some("2024-10-21"), None)),
        ("said:>2024-10", span(Some("2024-11-01"), None)),
        ("said:>=2024-10-20", span(Some("2024-10-20"), None)),
    ];
    for (src, want) in cases {
        assert_eq!(
            one(src),
            TermKind::Date {
                field: DateField::Said,
                spans: vec![want]
            },
            "{src}"
        );
    }
    let TermKind::Date { field, spans } = one("published:2024-10-18,2024-11") else {
        panic!("published");
    };
    assert_eq!((field, spans.len()), (DateField::Published, 2));
    assert_eq!(spans[1].from, Some(date(2024, 11, 1)));
}

#[test]
fn has_and_grades() {
    assert_eq!(
        one("has:note,evidence,grading,relations"),
        TermKind::Has(vec![Has::Note, Has::Evidence, Has::Grading, Has::Relations])
    );
    assert_eq!(one("has:notes"), TermKind::Has(vec![Has::Note]));
    assert_eq!(one("has:conflicts"), TermKind::Has(vec![Has::Conflict]));
    assert_eq!(
        one("reliability:A,b,<=C,>D,B..C"),
        TermKind::Reliability(vec![
            Compare::Eq(Reliability::A),
            Compare::Eq(Reliability::B),
            Compare::Le(Reliability::C),
            Compare::Gt(Reliability::D),
            Compare::Range(Reliability::B, Reliability::C),
        ])
    );
    assert_eq!(
        one("credibility:<3,6,>=5,2..4"),
        TermKind::Credibility(vec![
            Compare::Lt(3),
            Compare::Eq(6),
            Compare::Ge(5),
            Compare::Range(2, 4)
        ])
    );
    assert!(Compare::Lt(3).matches(2) && !Compare::Lt(3).matches(3));
    assert!(Compare::Range(2, 4).matches(4) && !Compare::Range(2, 4).matches(5));
}

#[test]
fn errors_name_the_problem_and_point_at_it() {
    let cases: &[(&str, &str, usize)] = &[
        (
            "stauts:false",
            "unknown field \"stauts\" at 1; did you mean \"status\"?",
            0,
        ),
        (
            "troops https://x.org",
            "unknown field \"https\" at 8; fields are",
            7,
        ),
        (
            "said:2024-13",
            "bad date \"2024-13\" in said: at 6; month out of range 01..12",
            5,
        ),
        (
            "said:2024-10-01..2024-02-30",
            "bad date \"2024-02-30\" in said: at 18",
            17,
        ),
        (
            "published:<24-10",
            "bad date \"24-10\" in published: at 12",
            11,
        ),
        (
            "said:2024-10..2024-09",
            "empty range \"2024-10..2024-09\" in said: at 6",
            5,
        ),
        (
            "said:..",
            "\"..\" needs a date on one side in said: at 6",
            5,
        ),
        (
            "status:flase",
            "unknown status \"flase\" in status: at 8; did you mean \"false\"?",
            7,
        ),
        (
            "status:zzz",
            "unknown status \"zzz\" in status: at 8; statuses are unreviewed",
            7,
        ),
        (
            "stance:denis",
            "unknown stance \"denis\" in stance: at 8; did you mean \"denies\"?",
            7,
        ),
        (
            "stance:qqqqq",
            "unknown stance \"qqqqq\" in stance: at 8; stances are asserts",
            7,
        ),
        (
            "has:notez",
            "unknown value \"notez\" in has: at 5; did you mean \"note\"?",
            4,
        ),
        (
            "has:xyz",
            "unknown value \"xyz\" in has: at 5; has: takes note",
            4,
        ),
        (
            "reliability:G",
            "bad value \"G\" in reliability: at 13; expected a letter A-F",
            12,
        ),
        (
            "credibility:<7",
            "bad value \"<7\" in credibility: at 13; expected a number 1-6",
            12,
        ),
        (
            "credibility:4..2",
            "empty range \"4..2\" in credibility: at 13",
            12,
        ),
        (
            "status:",
            "status: needs a value at 1; one or more of unreviewed",
            0,
        ),
        (
            "a status:false,",
            "empty value in status: after \",\" at 16",
            15,
        ),
        ("status:false,,true", "empty value in status: at 14", 13),
        ("tag:\"\"", "empty value in tag: at 5", 4),
        (
            "\"unclosed phrase",
            "unclosed quote at 1; end the phrase with \"",
            0,
        ),
        ("by:\"ana", "unclosed quote at 4", 3),
        ("\"a\"b", "expected a space after the quote at 4", 3),
        (
            "tag:\"a\"b",
            "expected \",\" or a space after the quote at 8",
            7,
        ),
        ("x - y", "nothing after \"-\" at 3", 2),
        ("\"  \"", "empty phrase at 1", 0),
        ("status:false~", "\"~\" does not apply to status: at 8", 7),
        ("tag:later~", "\"~\" does not apply to tag: at 5", 4),
        ("said:2024~", "\"~\" does not apply to said: at 6", 5),
    ];
    for &(src, want, start) in cases {
        let e = err(src);
        let shown = e.to_string();
        assert!(
            shown.starts_with(want),
            "{src:?}: {shown:?} does not start with {want:?}"
        );
        assert_eq!(e.start, start, "{src:?}: {shown}");
        assert!(e.end >= e.start && e.end <= src.len(), "{src:?}");
    }
    // Columns count characters, not bytes.
    assert_eq!(err("über stauts:x").column, 6);
}

// ---- selection over the bundled dataset ----

fn setup() -> (Loaded, AnnotationSet, SearchIndex) {
    let loaded = load_bundled().expect("bundled");
    let mut set = AnnotationSet::new(&loaded.dataset.id);
    let t = jiff::Timestamp::UNIX_EPOCH;
    set.apply("c04", &Edit::Status(Status::Verified), "ana", t);
    set.apply("c04", &Edit::Reliability(Some(Reliability::B)), "ana", t);
    set.apply("c04", &Edit::Credibility(Credibility::new(2)), "ana", t);
    set.apply("c07", &Edit::Status(Status::False), "bob", t);
    set.apply(
        "c07",
        &Edit::Note("Pyongyang's denial, zanzibar".into()),
        "bob",
        t,
    );
    set.apply("c09", &Edit::Status(Status::Disputed), "Jane Doe", t);
    set.apply(
        "c09",
        &Edit::Evidence(vec!["https://example.org/quixotic".into()]),
        "Jane Doe",
        t,
    );
    set.apply("c09", &Edit::Tags(vec!["later".into()]), "Jane Doe", t);
    let search = SearchIndex::build(&loaded);
    (loaded, set, search)
}

fn ids(src: &str) -> Vec<String> {
    let (loaded, set, mut search) = setup();
    let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
        .map(ClaimIx::from_usize)
        .collect();
    let q = Query::parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let rows = q
        .select(&loaded, &set, &mut search, &all)
        .unwrap_or_else(|e| panic!("{src}: {e}"));
    rows.iter()
        .map(|c| loaded.dataset.claims[c.i()].id.to_string())
        .collect()
}

fn select_err(src: &str) -> String {
    let (loaded, set, mut search) = setup();
    let q = Query::parse(src).expect("parses");
    match q.select(&loaded, &set, &mut search, &[]) {
        Ok(v) => panic!("{src}: selected {v:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn selects_by_annotation_fields() {
    assert_eq!(ids("status:false,disputed"), ["c07", "c09"]);
    assert_eq!(ids("status:verified,false -status:false"), ["c04"]);
    assert_eq!(ids("by:ana"), ["c04"]);
    assert_eq!(ids("by:\"jane doe\""), ["c09"]);
    assert_eq!(ids("by:j*"), ["c09"]);
    assert_eq!(ids("reliability:A,B"), ["c04"]);
    assert_eq!(ids("reliability:>B"), Vec::<String>::new());
    assert_eq!(ids("credibility:<3"), ["c04"]);
    assert_eq!(ids("has:grading"), ["c04"]);
    assert_eq!(ids("has:note"), ["c07"]);
    assert_eq!(ids("has:evidence"), ["c09"]);
    assert_eq!(ids("has:note,evidence"), ["c07", "c09"]);
    assert_eq!(ids("tag:later"), ["c09"]);
    assert_eq!(ids("status:unreviewed").len(), 19);
    assert_eq!(ids("-status:unreviewed -tag:later"), ["c04", "c07"]);
}

#[test]
fn selects_claims_with_merge_conflicts() {
    use crate::model::annotation::{AnnotationField, Conflict, ConflictSide};
    let (loaded, mut set, mut search) = setup();
    let side = |s, who: &str| ConflictSide {
        value: Edit::Status(s),
        analyst: Some(who.to_owned()),
        at: None,
    };
    set.conflicts.push(Conflict {
        claim: "c05".into(),
        field: AnnotationField::Status,
        sides: vec![side(Status::Verified, "ana"), side(Status::False, "bob")],
    });
    let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
        .map(ClaimIx::from_usize)
        .collect();
    let q = Query::parse("has:conflict").expect("ok");
    let got = q.select(&loaded, &set, &mut search, &all).expect("ok");
    assert_eq!(got, vec![loaded.index.claim_by_id["c05"]]);
    let q = Query::parse("-has:conflict").expect("ok");
    assert_eq!(
        q.select(&loaded, &set, &mut search, &all)
            .expect("ok")
            .len(),
        21
    );
}

#[test]
fn selects_by_dataset_fields() {
    assert_eq!(ids("claimant:nis"), ["c04", "c05", "c06"]);
    assert_eq!(
        ids("claimant:n*").len(),
        ids("claimant:nis,nk-un-rep").len()
    );
    let all = ids("");
    assert_eq!(all.len(), 22);
    assert_eq!(ids("article:mt-*").len(), 22);
    assert_eq!(ids("has:relations"), ids("has:relations"));
    assert!(ids("has:relations").contains(&"c05".to_string()));
    assert!(!ids("stance:denies").is_empty());
    // The part_of tree: the South Korean government includes the NIS.
    let gov = ids("claimant:seoul-government~");
    assert!(gov.contains(&"c04".to_string()), "{gov:?}");
    assert!(!ids("claimant:seoul-government").contains(&"c04".to_string()));
    let about = ids("about:russia");
    assert!(about.len() < ids("actor:russia").len() || !about.is_empty());
}

#[test]
fn dates_overlap_the_claims_range() {
    assert_eq!(ids("said:2024-10-18 claimant:nis"), ["c04", "c05", "c06"]);
    assert_eq!(ids("said:<2024-10-18 claimant:nis"), Vec::<String>::new());
    assert_eq!(ids("said:>2024-10-17 claimant:nis").len(), 3);
    assert_eq!(ids("published:2024-10-22").len(), 22);
    assert_eq!(ids("published:2024-10-23..").len(), 0);
    // "before 2024-10-22" overlaps October but not November.
    let before: Vec<String> = ids("said:2024-10");
    assert!(before.len() >= 20, "{before:?}");
    assert!(ids("said:2024-11").is_empty());
}

#[test]
fn text_covers_notes_evidence_and_analyst_tags() {
    assert_eq!(ids("zanzibar"), ["c07"]);
    assert_eq!(ids("quixotic"), ["c09"]);
    assert_eq!(ids("#later"), ["c09"]);
    assert_eq!(ids("rumours"), ["c07"]);
    assert_eq!(ids("\"unfounded rumours\""), ["c07"]);
    assert_eq!(ids("-rumours").len(), 21);
    assert_eq!(ids("troops -\"special forces\" claimant:nis"), ["c04"]);
}

#[test]
fn unknown_ids_are_errors_with_suggestions() {
    assert_eq!(
        select_err("claimant:nsi"),
        "unknown actor \"nsi\" in claimant: at 10; did you mean \"nis\"?"
    );
    assert_eq!(
        select_err("article:zz*"),
        "no article matches \"zz*\" in article: at 9"
    );
    assert!(select_err("x about:rusia~").starts_with("unknown actor \"rusia\" in about: at 9"));
}

#[test]
fn annotation_edits_reach_the_text_search() {
    let (loaded, mut set, mut search) = setup();
    let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
        .map(ClaimIx::from_usize)
        .collect();
    let q = Query::parse("kumquat").expect("ok");
    let before = q.select(&loaded, &set, &mut search, &all).expect("ok");
    assert!(
        before.is_empty(),
        "{:?}",
        before
            .iter()
            .map(|c| &loaded.dataset.claims[c.i()].id)
            .collect::<Vec<_>>()
    );
    let t = jiff::Timestamp::UNIX_EPOCH;
    set.apply("c11", &Edit::Note("a kumquat".into()), "ana", t);
    let hit = q.select(&loaded, &set, &mut search, &all).expect("ok");
    assert_eq!(hit, vec![loaded.index.claim_by_id["c11"]]);
    set.apply("c11", &Edit::Note(String::new()), "ana", t);
    assert!(
        q.select(&loaded, &set, &mut search, &all)
            .expect("ok")
            .is_empty()
    );
    // A different set (reloaded from disk) is rebuilt, not patched.
    let mut other = AnnotationSet::new(&loaded.dataset.id);
    other.apply("c12", &Edit::Tags(vec!["kumquat".into()]), "bob", t);
    let hit = q.select(&loaded, &other, &mut search, &all).expect("ok");
    assert_eq!(hit, vec![loaded.index.claim_by_id["c12"]]);
}

#[test]
fn a_structured_query_keeps_candidate_order() {
    let (loaded, set, mut search) = setup();
    let rev: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
        .rev()
        .map(ClaimIx::from_usize)
        .collect();
    let q = Query::parse("status:false,disputed").expect("ok");
    let got = q.select(&loaded, &set, &mut search, &rev).expect("ok");
    assert_eq!(
        got,
        vec![
            loaded.index.claim_by_id["c09"],
            loaded.index.claim_by_id["c07"]
        ]
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Strings made of the language's own punctuation and field names, where
    /// the interesting edge cases live, and arbitrary Unicode.
    fn queryish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("status:".to_owned()),
            Just("said:".to_owned()),
            Just("credibility:".to_owned()),
            Just("about:".to_owned()),
            Just("has:".to_owned()),
            Just("-".to_owned()),
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just(",".to_owned()),
            Just("~".to_owned()),
            Just("..".to_owned()),
            Just("<".to_owned()),
            Just(">=".to_owned()),
            Just(" ".to_owned()),
            Just("2024-10".to_owned()),
            Just("é".to_owned()),
            Just("\u{202e}".to_owned()),
            "[a-z0-9:*?]{0,4}",
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    fn check(src: &str, loaded: &Loaded) {
        match Query::parse(src) {
            Ok(q) => {
                let set = AnnotationSet::new(&loaded.dataset.id);
                let mut search = SearchIndex::build(loaded);
                let all: Vec<ClaimIx> = (0..loaded.dataset.claims.len())
                    .map(ClaimIx::from_usize)
                    .collect();
                if let Err(e) = q.select(loaded, &set, &mut search, &all) {
                    assert!(src.is_char_boundary(e.start) && src.is_char_boundary(e.end));
                }
            }
            Err(e) => {
                assert!(e.start <= e.end && e.end <= src.len(), "{src:?} {e:?}");
                assert!(
                    src.is_char_boundary(e.start) && src.is_char_boundary(e.end),
                    "{src:?} {e:?}"
                );
                assert!(!e.message.is_empty());
            }
        }
    }

    static BUNDLED: std::sync::LazyLock<Loaded> =
        std::sync::LazyLock::new(|| load_bundled().expect("bundled"));

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn arbitrary_strings_parse_or_fail_cleanly(src in any::<String>()) {
            check(&src, &BUNDLED);
        }

        #[test]
        fn query_like_strings_parse_or_fail_cleanly(src in queryish()) {
            check(&src, &BUNDLED);
        }
    }
}
