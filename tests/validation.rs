//! Every rule of the Validation section of `dataset-format.md`, one test each:
//! a small valid dataset is broken in exactly one way and the test asserts the
//! complete list of diagnostics (severity, message and `line:col`).
//!
//! Expected positions are computed from the mutated text by [`at`] (the start
//! of a unique marker, columns counted in characters) so that the base can be
//! edited; a few tests pin literal positions to check that helper too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use claimtrack::model::{Severity, parse_str};

/// A valid dataset without warnings: one article of three paragraphs, five
/// actors (one in a `part_of` hierarchy), three claims using every relation
/// kind, one event.
const BASE: &str = r#"// A small dataset for the validation tests.
Dataset(
    format: 1,
    id: "base-set",
    title: "Base dataset",
    description: None,
    articles: [
        Article(
            id: "a1",
            headline: "Seoul weighs sending observers",
            outlet: "times",
            url: Some("https://example.org/a1"),
            published: On("2024-10-22"),
            body: [
                "Seoul said on Friday that Pyongyang sent troops to Russia.",
                "Pyongyang called the reports  unfounded rumours.",
                "Moscow said the cooperation was not aimed at Seoul.",
            ],
        ),
    ],
    actors: [
        Actor(id: "times", name: "The Times", kind: Media),
        Actor(id: "seoul", name: "South Korea", kind: Country),
        Actor(
            id: "nis",
            name: "National Intelligence Service",
            kind: Agency,
            part_of: Some("seoul"),
        ),
        Actor(id: "pyongyang", name: "North Korea", kind: Country),
        Actor(id: "moscow", name: "Russia", kind: Country, part_of: None),
    ],
    claims: [
        Claim(
            id: "c1",
            article: "a1",
            text: "North Korea has sent troops to Russia.",
            quote: Quote(paragraph: 1, text: "Pyongyang sent troops"),
            claimant: "nis",
            via: ["times"],
            about: ["pyongyang", "moscow"],
            stance: Asserts,
            said: On("2024-10-18"),
            said_as: Some("on Friday"),
            relations: [Contradicts("c2")],
        ),
        Claim(
            id: "c2",
            article: "a1",
            text: "The reports of troops are rumours.",
            quote: Quote(paragraph: 2, text: "unfounded rumours"),
            claimant: "pyongyang",
            stance: Denies,
            said: Between("2024-10-18", "2024-10-22"),
        ),
        Claim(
            id: "c3",
            article: "a1",
            text: "The cooperation is not aimed at South Korea.",
            quote: Quote(paragraph: 3, text: "not aimed at Seoul"),
            claimant: "moscow",
            stance: Denies,
            said: Before("2024-10-22"),
            relations: [Supports("c2"), Updates("c1")],
            tags: ["cooperation"],
        ),
    ],
    events: [
        Event(
            id: "e1",
            when: On("2024-10-18"),
            title: "NIS says North Korea sent troops",
            actors: ["nis", "pyongyang"],
            claims: ["c1", "c2", "c3"],
        ),
    ],
)
"#;

const ORIGIN: &str = "t.ron";

/// Every diagnostic of `src`, rendered as `t.ron:line:col: level: message`.
/// An `Ok` load gives its warnings; an `Err` its diagnostics, which must then
/// hold at least one error.
fn diags(src: &str) -> Vec<String> {
    match parse_str(src) {
        Ok(loaded) => {
            assert!(
                loaded
                    .warnings
                    .iter()
                    .all(|w| w.severity == Severity::Warning)
            );
            loaded.warnings.iter().map(|d| d.render(ORIGIN)).collect()
        }
        Err(ds) => {
            assert!(
                ds.iter().any(|d| d.is_error()),
                "Err without errors: {ds:?}"
            );
            ds.iter().map(|d| d.render(ORIGIN)).collect()
        }
    }
}

/// Asserts that `src` fails to load with exactly these diagnostics.
#[track_caller]
fn assert_errors(src: &str, expected: &[String]) {
    let got = match parse_str(src) {
        Ok(l) => panic!(
            "expected errors, the dataset loaded (warnings: {:?})",
            l.warnings
        ),
        Err(ds) => ds.iter().map(|d| d.render(ORIGIN)).collect::<Vec<_>>(),
    };
    assert_eq!(got, expected, "\n--- source ---\n{src}");
}

/// Asserts that `src` loads, with exactly these warnings.
#[track_caller]
fn assert_warnings(src: &str, expected: &[String]) {
    let got = match parse_str(src) {
        Ok(l) => l
            .warnings
            .iter()
            .map(|d| d.render(ORIGIN))
            .collect::<Vec<_>>(),
        Err(ds) => panic!("expected a valid dataset, got {ds:#?}\n--- source ---\n{src}"),
    };
    assert_eq!(got, expected, "\n--- source ---\n{src}");
}

/// `src` with the single occurrence of `from` replaced by `to`.
#[track_caller]
fn edit(src: &str, from: &str, to: &str) -> String {
    assert_eq!(
        src.matches(from).count(),
        1,
        "{from:?} must occur exactly once"
    );
    src.replacen(from, to, 1)
}

/// `line:col` (1-based, columns in characters) of the `nth` (0-based)
/// occurrence of `marker` in `src`.
#[track_caller]
fn at_nth(src: &str, marker: &str, nth: usize) -> String {
    let (offset, _) = src
        .match_indices(marker)
        .nth(nth)
        .unwrap_or_else(|| panic!("{marker:?} occurrence {nth} not found"));
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    format!("{line}:{col}")
}

/// `line:col` of the only occurrence of `marker` in `src`.
#[track_caller]
fn at(src: &str, marker: &str) -> String {
    assert_eq!(
        src.matches(marker).count(),
        1,
        "{marker:?} must occur exactly once"
    );
    at_nth(src, marker, 0)
}

fn error(pos: &str, message: &str) -> String {
    format!("{ORIGIN}:{pos}: error: {message}")
}

fn warning(pos: &str, message: &str) -> String {
    format!("{ORIGIN}:{pos}: warning: {message}")
}

// ---------------------------------------------------------------------------
// The base itself

#[test]
fn base_dataset_is_valid_without_warnings() {
    let loaded = parse_str(BASE).unwrap_or_else(|e| panic!("base invalid: {e:#?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let ds = &loaded.dataset;
    assert_eq!(
        (
            ds.articles.len(),
            ds.actors.len(),
            ds.claims.len(),
            ds.events.len()
        ),
        (1, 5, 3, 1)
    );
}

#[test]
fn position_helper_counts_lines_and_characters() {
    // Pins a few literal positions, so that `at` is checked too.
    assert_eq!(at(BASE, "format: 1"), "3:5");
    assert_eq!(at(BASE, r#""times", name"#), "22:19");
    assert_eq!(at("ab\n“中”x", "x"), "2:4");
}

// ---------------------------------------------------------------------------
// RON syntax and type errors: what was expected, in words, at the parser's position

const PARAGRAPH_EXPECTED: &str =
    "expected a paragraph number (1 is the first) for `paragraph` in Quote(…)";
const FORMAT_EXPECTED: &str = "expected the format number (1) for `format` in Dataset(…)";

#[test]
fn syntax_error_missing_comma() {
    let src = edit(BASE, "title: \"Base dataset\",", "title: \"Base dataset\"");
    assert_errors(
        &src,
        &[error(
            "6:5",
            "expected a comma after the value of `title` in Dataset(…)",
        )],
    );
    assert_eq!(at(&src, "description"), "6:5");
}

#[test]
fn syntax_error_unterminated_string() {
    // The file ends inside a string.
    let src = &BASE[..BASE.find("unfounded rumours.").expect("paragraph")];
    // The parser reports where the string that never ends begins.
    assert_errors(
        src,
        &[error(
            &at(src, "\"Pyongyang called"),
            "the string that starts here never ends (a closing \" is missing)",
        )],
    );
}

#[test]
fn syntax_error_unclosed_list_at_end_of_file() {
    let src = BASE.trim_end().trim_end_matches(')');
    assert!(src.ends_with("\n    ],\n"));
    // At the end of the file: just after the last `],`.
    let end = format!("{}:7", src.lines().count());
    assert_errors(
        src,
        &[error(&end, "the file ends inside Dataset(…) opened at 2:1")],
    );
}

#[test]
fn syntax_error_trailing_characters_point_at_them() {
    let src = format!("{}\n\n  zzz\n", BASE.trim_end());
    assert_errors(
        &src,
        &[error(
            &at(&src, "zzz"),
            "unexpected text after the end of the dataset (an extra `)` or `]`?)",
        )],
    );
}

#[test]
fn syntax_error_a_date_without_its_when_says_what_a_when_is() {
    let src = edit(
        BASE,
        "published: On(\"2024-10-22\"),",
        "published: 2024-10-22,",
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "2024-10-22,"),
            "expected a When: On(\"YYYY-MM-DD\"), Between(…), Before(…), After(…) or Unknown \
             for `published` in Article(…)",
        )],
    );
    let src = edit(BASE, "stance: Asserts,", "stance: \"asserts\",");
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"asserts\""),
            "expected a stance: Asserts, Denies, Declines, Considers, Warns, Condemns or Quotes \
             for `stance` in Claim(…)",
        )],
    );
}

#[test]
fn syntax_error_truncated_file_names_the_item_it_ends_in() {
    let cut = BASE.find("            outlet: \"times\",").expect("marker");
    let src = &BASE[..cut];
    assert_eq!(at(src, "Article("), "8:9");
    let last = src.lines().last().expect("lines");
    let end = format!("{}:{}", src.lines().count(), last.chars().count() + 1);
    assert_errors(
        src,
        &[error(&end, "the file ends inside Article(…) opened at 8:9")],
    );
}

#[test]
fn syntax_error_empty_file_says_it_is_empty() {
    for src in ["", "  \n\n", "// only a comment\n"] {
        let got = diags(src);
        assert_eq!(got.len(), 1, "{src:?}: {got:?}");
        assert!(
            got[0].ends_with("error: the file is empty: expected a Dataset(format: 1, …)"),
            "{src:?}: {got:?}"
        );
    }
}

#[test]
fn syntax_error_invalid_escape() {
    let src = edit(
        BASE,
        r#"title: "Base dataset""#,
        r#"title: "Base \q dataset""#,
    );
    // ron points into the string holding the escape, at its first character.
    assert_errors(
        &src,
        &[error(&at(&src, "Base \\q"), "Unknown escape character")],
    );
}

#[test]
fn type_error_string_where_number() {
    let src = edit(BASE, "paragraph: 2,", "paragraph: \"2\",");
    assert_errors(&src, &[error(&at(&src, "\"2\""), PARAGRAPH_EXPECTED)]);
}

#[test]
fn type_error_value_on_the_next_line_is_located_there() {
    // The parser's own span starts before the whitespace, on the line of the
    // field name; the error belongs on the value's line.
    let src = edit(
        BASE,
        "paragraph: 2,",
        "paragraph:\n                \"two\",",
    );
    assert_errors(&src, &[error(&at(&src, "\"two\""), PARAGRAPH_EXPECTED)]);
}

#[test]
fn type_error_number_where_string() {
    let src = edit(BASE, r#"claimant: "moscow","#, "claimant: 42,");
    assert_errors(
        &src,
        &[error(
            &at(&src, "42"),
            "expected a string in double quotes for `claimant` in Claim(…)",
        )],
    );
}

#[test]
fn type_error_negative_paragraph() {
    let src = edit(BASE, "paragraph: 3,", "paragraph: -3,");
    // ron points at the digits, after the sign.
    assert_errors(&src, &[error(&at(&src, "3, text"), PARAGRAPH_EXPECTED)]);
}

#[test]
fn type_error_unknown_enum_variant() {
    let src = edit(BASE, "kind: Media", "kind: Newspaper");
    assert_errors(
        &src,
        &[error(
            &at(&src, "Newspaper"),
            "Unexpected variant named `Newspaper` in enum `ActorKind`, expected one of `Person`, \
             `Government`, `Agency`, `Military`, `Organization`, `Media`, `Country`, `Group`, \
             or `Other` instead",
        )],
    );
}

#[test]
fn unknown_field_is_rejected_with_the_expected_names() {
    let src = edit(BASE, "headline:", "hedline:");
    assert_errors(
        &src,
        &[error(
            &at(&src, "hedline"),
            "Unexpected field named `hedline` in `Article`, expected one of `id`, `headline`, \
             `outlet`, `url`, `published`, `credit`, or `body` instead",
        )],
    );
}

#[test]
fn unknown_field_in_a_nested_struct() {
    let src = edit(BASE, "Quote(paragraph: 3,", "Quote(para: 3,");
    assert_errors(
        &src,
        &[error(
            &at(&src, "para:"),
            "Unexpected field named `para` in `Quote`, expected either `paragraph` or `text` instead",
        )],
    );
}

// ---------------------------------------------------------------------------
// format

#[test]
fn format_missing() {
    let src = edit(BASE, "    format: 1,\n", "");
    // Known only when the struct closes: at its `)`, the last line.
    assert!(src.ends_with("\n)\n"));
    let close = format!("{}:1", src.lines().count());
    assert_errors(
        &src,
        &[error(
            &close,
            "Unexpected missing field named `format` in `Dataset`",
        )],
    );
}

#[test]
fn format_2_is_unsupported() {
    let src = edit(BASE, "format: 1,", "format: 2,");
    assert_errors(
        &src,
        &[error(
            "3:13",
            "unsupported format 2 (this build reads format 1)",
        )],
    );
}

#[test]
fn format_2_with_new_fields_says_unsupported_format_first() {
    // A newer file usually fails to parse; the format is the useful message.
    let src = edit(BASE, "format: 1,", "format: 2,");
    let src = edit(
        &src,
        "    description: None,\n",
        "    languages: [\"en\"],\n",
    );
    assert_errors(
        &src,
        &[
            error("3:13", "unsupported format 2 (this build reads format 1)"),
            error(
                &at(&src, "languages"),
                "Unexpected field named `languages` in `Dataset`, expected one of `format`, `id`, \
                 `title`, `description`, `articles`, `actors`, `claims`, or `events` instead",
            ),
        ],
    );
}

#[test]
fn format_of_the_wrong_type_is_a_type_error_not_an_unsupported_format() {
    let src = edit(BASE, "format: 1,", "format: \"1\",");
    assert_errors(&src, &[error(&at(&src, "\"1\""), FORMAT_EXPECTED)]);
    let src = edit(BASE, "format: 1,", "format: One,");
    assert_errors(&src, &[error(&at(&src, "One"), FORMAT_EXPECTED)]);
}

#[test]
fn format_written_in_another_integer_syntax() {
    // `0x2` is 2: unsupported, said as a number. The file parses, so this
    // comes from validation.
    let src = edit(BASE, "format: 1,", "format: 0x2,");
    assert_errors(
        &src,
        &[error(
            "3:13",
            "unsupported format 2 (this build reads format 1)",
        )],
    );
    // With a parse error too, the early check agrees.
    let src = edit(&src, "headline:", "hedline:");
    let errs = diags(&src);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(
        errs[0],
        error("3:13", "unsupported format 2 (this build reads format 1)")
    );
    // `0x1` is this build's format: only the parse error.
    let src = edit(&src, "format: 0x2,", "format: 0x1,");
    assert_errors(
        &src,
        &[error(
            &at(&src, "hedline"),
            "Unexpected field named `hedline` in `Article`, expected one of `id`, `headline`, \
             `outlet`, `url`, `published`, `credit`, or `body` instead",
        )],
    );
}

// ---------------------------------------------------------------------------
// Duplicate ids: at the second occurrence

#[test]
fn duplicate_ids_in_each_kind() {
    let cases = [
        (
            "    ],\n    actors: [\n",
            "        Article(id: \"a1\", headline: \"h\", outlet: \"times\", published: Unknown, body: [\"p\"]),\n    ],\n    actors: [\n",
            "\"a1\", headline: \"h\"",
            "duplicate article id \"a1\"",
        ),
        (
            "        Actor(id: \"pyongyang\"",
            "        Actor(id: \"seoul\", name: \"Seoul again\", kind: Country),\n        Actor(id: \"pyongyang\"",
            "\"seoul\", name: \"Seoul again\"",
            "duplicate actor id \"seoul\"",
        ),
        (
            "    ],\n    events: [\n",
            "        Claim(id: \"c2\", article: \"a1\", text: \"t\", quote: Quote(paragraph: 1, text: \"Seoul\"), claimant: \"seoul\", stance: Asserts, said: Unknown),\n    ],\n    events: [\n",
            "\"c2\", article",
            "duplicate claim id \"c2\"",
        ),
        (
            "        ),\n    ],\n)\n",
            "        ),\n        Event(id: \"e1\", when: Unknown, title: \"again\"),\n    ],\n)\n",
            "\"e1\", when",
            "duplicate event id \"e1\"",
        ),
    ];
    for (from, to, second, message) in cases {
        let src = edit(BASE, from, to);
        assert_errors(&src, &[error(&at(&src, second), message)]);
    }
}

// ---------------------------------------------------------------------------
// References that name no such id: at the field holding them

#[track_caller]
fn assert_bad_reference(from: &str, to: &str, marker: &str, message: &str) {
    let src = edit(BASE, from, to);
    assert_errors(&src, &[error(&at(&src, marker), message)]);
}

#[test]
fn bad_reference_article_outlet() {
    assert_bad_reference(
        r#"outlet: "times""#,
        r#"outlet: "the-times""#,
        r#""the-times""#,
        r#"article "a1": outlet "the-times" is not an actor"#,
    );
}

#[test]
fn bad_reference_claim_article() {
    assert_bad_reference(
        "id: \"c2\",\n            article: \"a1\"",
        "id: \"c2\",\n            article: \"a2\"",
        r#""a2""#,
        r#"claim "c2": article "a2" is not an article"#,
    );
}

#[test]
fn bad_reference_claimant() {
    assert_bad_reference(
        r#"claimant: "nis""#,
        r#"claimant: "nsa""#,
        r#""nsa""#,
        r#"claim "c1": claimant "nsa" is not an actor"#,
    );
}

#[test]
fn bad_reference_via() {
    assert_bad_reference(
        r#"via: ["times"]"#,
        r#"via: ["yonhap", "times"]"#,
        r#""yonhap""#,
        r#"claim "c1": via "yonhap" is not an actor"#,
    );
}

#[test]
fn bad_reference_about_second_item() {
    assert_bad_reference(
        r#"about: ["pyongyang", "moscow"]"#,
        r#"about: ["pyongyang", "kyiv"]"#,
        r#""kyiv""#,
        r#"claim "c1": about "kyiv" is not an actor"#,
    );
}

#[test]
fn bad_reference_part_of() {
    assert_bad_reference(
        r#"part_of: Some("seoul")"#,
        r#"part_of: Some("seoul-gov")"#,
        r#""seoul-gov""#,
        r#"actor "nis": part_of "seoul-gov" is not an actor"#,
    );
}

#[test]
fn bad_reference_relation_supports() {
    assert_bad_reference(
        r#"Supports("c2")"#,
        r#"Supports("c9")"#,
        r#""c9""#,
        r#"claim "c3": relations (supports) "c9" is not a claim"#,
    );
}

#[test]
fn bad_reference_relation_contradicts() {
    assert_bad_reference(
        r#"Contradicts("c2")"#,
        r#"Contradicts("c5")"#,
        r#""c5""#,
        r#"claim "c1": relations (contradicts) "c5" is not a claim"#,
    );
}

#[test]
fn bad_reference_relation_updates() {
    assert_bad_reference(
        r#"Updates("c1")"#,
        r#"Updates("c01")"#,
        r#""c01""#,
        r#"claim "c3": relations (updates) "c01" is not a claim"#,
    );
}

#[test]
fn bad_reference_event_actors() {
    assert_bad_reference(
        r#"actors: ["nis", "pyongyang"]"#,
        r#"actors: ["nis", "pyongyang", "un"]"#,
        r#""un""#,
        r#"event "e1": actors "un" is not an actor"#,
    );
}

#[test]
fn bad_reference_event_claims() {
    assert_bad_reference(
        r#"claims: ["c1", "c2", "c3"]"#,
        r#"claims: ["c1", "c4", "c2", "c3"]"#,
        r#""c4""#,
        r#"event "e1": claims "c4" is not a claim"#,
    );
}

// ---------------------------------------------------------------------------
// Quotes

#[test]
fn quote_paragraph_zero() {
    let src = edit(BASE, "paragraph: 2,", "paragraph: 0,");
    assert_errors(
        &src,
        &[error(
            &at(&src, "0, text: \"unfounded"),
            r#"claim "c2": quote paragraph 0 is outside 1..=3"#,
        )],
    );
}

#[test]
fn quote_paragraph_past_the_body() {
    let src = edit(BASE, "paragraph: 3,", "paragraph: 4,");
    assert_errors(
        &src,
        &[error(
            &at(&src, "4, text"),
            r#"claim "c3": quote paragraph 4 is outside 1..=3"#,
        )],
    );
}

#[test]
fn quote_text_not_verbatim() {
    // The right words, but in another paragraph.
    let src = edit(BASE, "paragraph: 1,", "paragraph: 2,");
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"Pyongyang sent troops\""),
            r#"claim "c1": quote text is not found verbatim in paragraph 2 of article "a1"; closest (paragraph 1, col 27): “Pyongyang sent troops”"#,
        )],
    );
    // A paraphrase.
    let src = edit(
        BASE,
        r#""Pyongyang sent troops""#,
        r#""Pyongyang has sent troops""#,
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"Pyongyang has"),
            r#"claim "c1": quote text is not found verbatim in paragraph 1 of article "a1"; closest (paragraph 1, col 27): “Pyongyang sent troops”"#,
        )],
    );
    // Punctuation is not whitespace: straight for typographic apostrophes is a change.
    let src = edit(
        BASE,
        "Seoul said on Friday",
        "Seoul’s services said on Friday",
    );
    let src = edit(&src, r#""Pyongyang sent troops""#, r#""Seoul's services""#);
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"Seoul's"),
            r#"claim "c1": quote text is not found verbatim in paragraph 1 of article "a1"; closest (paragraph 1, col 1): “Seoul’s services”"#,
        )],
    );
}

#[test]
fn quote_text_may_differ_in_whitespace_only() {
    // The body has two spaces in "reports  unfounded"; the quote one, and a
    // line break and tab; leading and trailing space is ignored too.
    let src = edit(
        BASE,
        r#""unfounded rumours""#,
        r#"" the reports\n unfounded\trumours. ""#,
    );
    let loaded = parse_str(&src).unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    // The span maps back onto the original text.
    let q = loaded.index.claim_quote[1];
    let para = &loaded.dataset.articles[0].body[q.paragraph as usize];
    assert_eq!(
        &para[q.start as usize..q.end as usize],
        "the reports  unfounded rumours."
    );
}

#[test]
fn quote_text_empty_is_not_found() {
    let src = edit(BASE, r#""not aimed at Seoul""#, r#""  ""#);
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"  \""),
            r#"claim "c3": quote text is not found verbatim in paragraph 3 of article "a1""#,
        )],
    );
}

// ---------------------------------------------------------------------------
// Dates: at the date string

#[test]
fn invalid_dates() {
    let cases = [
        ("2024-13-40", "month out of range 01..12"),
        ("2023-02-29", "day out of range for that month"),
        ("24-10", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024-1", "month must be two digits"),
        ("2024-10-5", "day must be two digits"),
        ("0000", "year 0000 is not allowed"),
        ("", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ];
    for (date, reason) in cases {
        // In a claim's `said`.
        let src = edit(
            BASE,
            r#"said: On("2024-10-18")"#,
            &format!(r#"said: On("{date}")"#),
        );
        assert_errors(
            &src,
            &[error(
                &at(&src, &format!("\"{date}\")")),
                &format!("claim \"c1\": invalid date \"{date}\": {reason}"),
            )],
        );
    }
}

#[test]
fn invalid_dates_in_every_when_field_and_position() {
    // An article's `published`.
    let src = edit(
        BASE,
        r#"published: On("2024-10-22")"#,
        r#"published: On("2024-10-32")"#,
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"2024-10-32\""),
            "article \"a1\": invalid date \"2024-10-32\": day out of range for that month",
        )],
    );
    // An event's `when`.
    let src = edit(
        BASE,
        r#"when: On("2024-10-18")"#,
        r#"when: After("2024-00")"#,
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"2024-00\""),
            "event \"e1\": invalid date \"2024-00\": month out of range 01..12",
        )],
    );
    // Before.
    let src = edit(
        BASE,
        r#"said: Before("2024-10-22")"#,
        r#"said: Before("2024-02-30")"#,
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"2024-02-30\""),
            "claim \"c3\": invalid date \"2024-02-30\": day out of range for that month",
        )],
    );
    // Both dates of a Between are checked, each at its own position.
    let src = edit(
        BASE,
        r#"Between("2024-10-18", "2024-10-22")"#,
        r#"Between("2024-13", "2024-10-99")"#,
    );
    assert_errors(
        &src,
        &[
            error(
                &at(&src, "\"2024-13\""),
                "claim \"c2\": invalid date \"2024-13\": month out of range 01..12",
            ),
            error(
                &at(&src, "\"2024-10-99\""),
                "claim \"c2\": invalid date \"2024-10-99\": day out of range for that month",
            ),
        ],
    );
}

#[test]
fn leap_day_of_a_leap_year_is_valid() {
    let src = edit(
        BASE,
        r#"said: Before("2024-10-22")"#,
        r#"said: After("2024-02-29")"#,
    );
    assert_warnings(&src, &[]);
}

#[test]
fn between_first_after_second() {
    let src = edit(
        BASE,
        r#"Between("2024-10-18", "2024-10-22")"#,
        r#"Between("2024-10-22", "2024-10-18")"#,
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"2024-10-22\", \"2024-10-18\""),
            "claim \"c2\": invalid date \"2024-10-22\": Between: the first date is after the second",
        )],
    );
}

#[test]
fn between_with_coarse_dates_names_them_as_written() {
    let src = edit(
        BASE,
        r#"Between("2024-10-18", "2024-10-22")"#,
        r#"Between("2024-11", "2024-10")"#,
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"2024-11\""),
            "claim \"c2\": invalid date \"2024-11\": Between: the first date is after the second",
        )],
    );
}

#[test]
fn between_compares_first_start_with_second_end() {
    // 2024-10 starts on 2024-10-01, before 2024-10-18: valid although the
    // month, taken whole, runs past the day.
    let src = edit(
        BASE,
        r#"Between("2024-10-18", "2024-10-22")"#,
        r#"Between("2024-10", "2024-10-18")"#,
    );
    assert_warnings(&src, &[]);
    // The same day on both sides is a valid range.
    let src = edit(
        BASE,
        r#"Between("2024-10-18", "2024-10-22")"#,
        r#"Between("2024-10-18", "2024-10-18")"#,
    );
    assert_warnings(&src, &[]);
}

// ---------------------------------------------------------------------------
// part_of cycles: at the part_of of an actor in the cycle

#[test]
fn part_of_cycle_of_two() {
    let src = edit(
        BASE,
        r#"Actor(id: "seoul", name: "South Korea", kind: Country)"#,
        r#"Actor(id: "seoul", name: "South Korea", kind: Country, part_of: Some("nis"))"#,
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "Some(\"seoul\")"),
            r#"actor "nis": part_of makes a cycle (seoul -> nis -> seoul)"#,
        )],
    );
}

#[test]
fn part_of_cycle_of_three_reported_once() {
    let src = edit(
        BASE,
        r#"Actor(id: "seoul", name: "South Korea", kind: Country)"#,
        r#"Actor(id: "seoul", name: "South Korea", kind: Country, part_of: Some("moscow"))"#,
    );
    let src = edit(&src, "part_of: None", "part_of: Some(\"nis\")");
    assert_errors(
        &src,
        &[error(
            &at(&src, "Some(\"seoul\")"),
            r#"actor "nis": part_of makes a cycle (seoul -> moscow -> nis -> seoul)"#,
        )],
    );
}

#[test]
fn part_of_cycle_reached_through_a_tail_is_reported_at_the_cycle() {
    // times -> nis -> seoul -> nis: "times" leads into the cycle but is not
    // in it, so the error is not on its line.
    let src = edit(
        BASE,
        r#"Actor(id: "times", name: "The Times", kind: Media)"#,
        r#"Actor(id: "times", name: "The Times", kind: Media, part_of: Some("nis"))"#,
    );
    let src = edit(
        &src,
        r#"Actor(id: "seoul", name: "South Korea", kind: Country)"#,
        r#"Actor(id: "seoul", name: "South Korea", kind: Country, part_of: Some("nis"))"#,
    );
    assert_errors(
        &src,
        &[error(
            &at(&src, "Some(\"nis\")),\n        Actor(\n"),
            r#"actor "seoul": part_of makes a cycle (nis -> seoul -> nis)"#,
        )],
    );
}

#[test]
fn two_part_of_cycles_are_both_reported() {
    let src = edit(
        BASE,
        r#"Actor(id: "seoul", name: "South Korea", kind: Country)"#,
        r#"Actor(id: "seoul", name: "South Korea", kind: Country, part_of: Some("nis"))"#,
    );
    let src = edit(&src, "part_of: None", "part_of: Some(\"moscow\")");
    assert_errors(
        &src,
        &[
            error(
                &at(&src, "Some(\"seoul\")"),
                r#"actor "nis": part_of makes a cycle (seoul -> nis -> seoul)"#,
            ),
            error(
                &at(&src, "Some(\"moscow\")"),
                r#"actor "moscow": part_of makes a cycle (moscow -> moscow)"#,
            ),
        ],
    );
}

#[test]
fn part_of_self_cycle() {
    let src = edit(BASE, "part_of: None", "part_of: Some(\"moscow\")");
    assert_errors(
        &src,
        &[error(
            &at(&src, "Some(\"moscow\")"),
            r#"actor "moscow": part_of makes a cycle (moscow -> moscow)"#,
        )],
    );
}

// ---------------------------------------------------------------------------
// Id patterns and empty texts

#[test]
fn ids_must_match_their_pattern() {
    let long = "e".repeat(65);
    let max = "e".repeat(64);
    for (id, ok) in [
        ("e 1", false),
        ("", false),
        ("é1", false),
        ("e/1", false),
        (long.as_str(), false),
        (max.as_str(), true),
        ("E.1_x-2", true),
    ] {
        let src = edit(BASE, r#"id: "e1""#, &format!(r#"id: "{id}""#));
        if ok {
            assert_warnings(&src, &[]);
        } else {
            assert_errors(
                &src,
                &[error(
                    &at(&src, &format!("\"{id}\",\n            when")),
                    &format!("event id \"{id}\" must match [A-Za-z0-9._-]{{1,64}}"),
                )],
            );
        }
    }
}

#[test]
fn actor_id_with_a_space_everywhere_it_is_used() {
    // Renamed consistently, so only the id itself is wrong.
    let src = BASE.replace("\"moscow\"", "\"mos cow\"");
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"mos cow\", name"),
            "actor id \"mos cow\" must match [A-Za-z0-9._-]{1,64}",
        )],
    );
}

#[test]
fn dataset_id_must_be_a_slug() {
    let long = "x".repeat(65);
    for id in ["Base-Set", "base_set", "base set", "", long.as_str()] {
        let src = edit(BASE, r#"id: "base-set""#, &format!(r#"id: "{id}""#));
        assert_errors(
            &src,
            &[error(
                "4:9",
                &format!("dataset id \"{id}\" must match [a-z0-9-]{{1,64}}"),
            )],
        );
    }
    let max = "x".repeat(64);
    assert_warnings(
        &edit(BASE, r#"id: "base-set""#, &format!(r#"id: "{max}""#)),
        &[],
    );
}

#[test]
fn empty_texts() {
    let cases = [
        (
            r#"text: "North Korea has sent troops to Russia.""#,
            r#"text: """#,
            r#"claim "c1": text must not be empty"#,
        ),
        (
            r#"name: "The Times""#,
            r#"name: "  ""#,
            r#"actor "times": name must not be empty"#,
        ),
        (
            r#"headline: "Seoul weighs sending observers""#,
            r#"headline: "\n""#,
            r#"article "a1": headline must not be empty"#,
        ),
        (
            r#"title: "NIS says North Korea sent troops""#,
            r#"title: """#,
            r#"event "e1": title must not be empty"#,
        ),
        (
            r#"title: "Base dataset""#,
            r#"title: "	""#,
            "dataset title must not be empty",
        ),
    ];
    for (from, to, message) in cases {
        let src = edit(BASE, from, to);
        let value = to.split_once(": ").expect("field: value").1;
        assert_errors(&src, &[error(&at(&src, value), message)]);
    }
}

// ---------------------------------------------------------------------------
// Warnings: the dataset still loads

#[test]
fn warning_unused_actor() {
    let src = edit(
        BASE,
        "        Actor(id: \"pyongyang\"",
        "        Actor(id: \"un\", name: \"United Nations\", kind: Organization),\n        Actor(id: \"pyongyang\"",
    );
    assert_warnings(
        &src,
        &[warning(
            &at(&src, "\"un\""),
            r#"actor "un" is not used by any claim, event or article"#,
        )],
    );
}

#[test]
fn actor_used_only_as_part_of_parent_counts_as_used() {
    // "seoul" is used only as the part_of of "nis" in the base, which loads
    // without warnings; an actor used only in an event counts too.
    let src = edit(
        BASE,
        r#"about: ["pyongyang", "moscow"]"#,
        r#"about: ["pyongyang"]"#,
    );
    let src = edit(&src, r#"claimant: "moscow""#, r#"claimant: "nis""#);
    let src = edit(
        &src,
        r#"actors: ["nis", "pyongyang"]"#,
        r#"actors: ["moscow"]"#,
    );
    assert_warnings(&src, &[]);
}

#[test]
fn warning_claim_not_linked_to_any_event() {
    let src = edit(
        BASE,
        r#"claims: ["c1", "c2", "c3"]"#,
        r#"claims: ["c1", "c3"]"#,
    );
    assert_warnings(
        &src,
        &[warning(
            &at(&src, "\"c2\",\n"),
            r#"claim "c2" is not linked to any event"#,
        )],
    );
}

#[test]
fn warning_claim_said_after_its_article_was_published() {
    let src = edit(
        BASE,
        r#"said: On("2024-10-18")"#,
        r#"said: On("2024-10-23")"#,
    );
    assert_warnings(
        &src,
        &[warning(
            &at(&src, "On(\"2024-10-23\")"),
            r#"claim "c1": said (2024-10-23) after its article was published (2024-10-22)"#,
        )],
    );
}

#[test]
fn warning_event_reported_by_a_claim_said_earlier() {
    let src = edit(
        BASE,
        r#"when: On("2024-10-18")"#,
        r#"when: On("2024-10-19")"#,
    );
    assert_warnings(
        &src,
        &[warning(
            &at(&src, "\"c1\", \"c2\""),
            r#"event "e1" (2024-10-19) is reported by claim "c1" said earlier (2024-10-18)"#,
        )],
    );
}

#[test]
fn several_warnings_are_sorted_by_position() {
    let src = edit(
        BASE,
        r#"said: On("2024-10-18")"#,
        r#"said: On("2024-10-23")"#,
    );
    let src = edit(
        &src,
        r#"claims: ["c1", "c2", "c3"]"#,
        r#"claims: ["c1", "c2"]"#,
    );
    let src = edit(
        &src,
        "        Actor(id: \"pyongyang\"",
        "        Actor(id: \"un\", name: \"United Nations\", kind: Organization),\n        Actor(id: \"pyongyang\"",
    );
    assert_warnings(
        &src,
        &[
            warning(
                &at(&src, "\"un\""),
                r#"actor "un" is not used by any claim, event or article"#,
            ),
            warning(
                &at(&src, "On(\"2024-10-23\")"),
                r#"claim "c1": said (2024-10-23) after its article was published (2024-10-22)"#,
            ),
            warning(
                &at(&src, "\"c3\",\n"),
                r#"claim "c3" is not linked to any event"#,
            ),
        ],
    );
}

#[test]
fn warnings_are_not_reported_alongside_errors() {
    // Only errors matter while there are any; errors come out as Err.
    let src = edit(
        BASE,
        r#"claims: ["c1", "c2", "c3"]"#,
        r#"claims: ["c1", "c3"]"#,
    );
    let src = edit(&src, r#"claimant: "nis""#, r#"claimant: "nsa""#);
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"nsa\""),
            r#"claim "c1": claimant "nsa" is not an actor"#,
        )],
    );
}

// ---------------------------------------------------------------------------
// All at once, comments, Unicode

#[test]
fn all_errors_reported_at_once_sorted_by_position() {
    // Three different errors, made in reverse order of position.
    let src = edit(
        BASE,
        r#"claims: ["c1", "c2", "c3"]"#,
        r#"claims: ["c1", "c2", "c7"]"#,
    );
    let src = edit(&src, "paragraph: 2,", "paragraph: 9,");
    let src = edit(&src, r#"outlet: "times""#, r#"outlet: "paper""#);
    assert_errors(
        &src,
        &[
            error(
                &at(&src, "\"paper\""),
                r#"article "a1": outlet "paper" is not an actor"#,
            ),
            error(
                &at(&src, "9, text"),
                r#"claim "c2": quote paragraph 9 is outside 1..=3"#,
            ),
            error(
                &at(&src, "\"c7\""),
                r#"event "e1": claims "c7" is not a claim"#,
            ),
        ],
    );
}

#[test]
fn two_errors_in_one_item_are_both_reported() {
    let src = edit(BASE, r#"claimant: "nis""#, r#"claimant: "nsa""#);
    let src = edit(&src, r#"via: ["times"]"#, r#"via: ["the-times"]"#);
    assert_errors(
        &src,
        &[
            error(
                &at(&src, "\"nsa\""),
                r#"claim "c1": claimant "nsa" is not an actor"#,
            ),
            error(
                &at(&src, "\"the-times\""),
                r#"claim "c1": via "the-times" is not an actor"#,
            ),
        ],
    );
}

/// BASE with comments between (almost) every token, including comments that
/// hold quotes, brackets and parentheses.
fn commented_base() -> String {
    let mut src = String::new();
    for line in BASE.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        src.push_str(indent);
        src.push_str("/* \"( [ */ ");
        let t = trimmed
            .replace(": ", " /* : ) */ : /* a /* nested */ b */ ")
            .replace("Some(", "Some /* ] */ (")
            .replace("On(", "On( /* \" */ ")
            .replace("\", \"", "\" /* , */ , // \"\n \"")
            .replace("),", ") /* ), */ ,");
        src.push_str(&t);
        src.push_str(" // trailing \" ) ]\n");
    }
    src
}

#[test]
fn comments_anywhere_do_not_shift_positions() {
    let src = commented_base();
    assert_warnings(&src, &[]);

    // Three errors after many comments, one after a line break inside a list.
    let src = edit(&src, "(\"seoul\")", "(\"korea\")");
    let src = edit(&src, "\n \"moscow\"]", "\n \"kremlin\"]");
    let src = src.replace("\"c3\"", "\"c 3\"");
    assert_errors(
        &src,
        &[
            error(
                &at(&src, "\"korea\""),
                r#"actor "nis": part_of "korea" is not an actor"#,
            ),
            error(
                &at(&src, "\"kremlin\""),
                r#"claim "c1": about "kremlin" is not an actor"#,
            ),
            error(
                &at(&src, "\"c 3\","),
                "claim id \"c 3\" must match [A-Za-z0-9._-]{1,64}",
            ),
        ],
    );
}

#[test]
fn comment_markers_inside_strings_are_text() {
    let src = edit(
        BASE,
        "\"Moscow said the cooperation was not aimed at Seoul.\"",
        "\"Moscow said // the cooperation /* was not aimed at Seoul.\"",
    );
    let src = edit(
        &src,
        "\"not aimed at Seoul\"",
        "\"/* was not aimed at Seoul\"",
    );
    assert_warnings(&src, &[]);
    let src = edit(&src, r#"claimant: "moscow""#, r#"claimant: "kremlin""#);
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"kremlin\""),
            r#"claim "c3": claimant "kremlin" is not an actor"#,
        )],
    );
}

#[test]
fn columns_count_characters_after_unicode() {
    // Typographic quotes and CJK before the error on the same line.
    let src = edit(
        BASE,
        r#"Actor(id: "times", name: "The Times", kind: Media)"#,
        r#"Actor(id: "times", name: "“朝鮮日報” — ‘Times’ 🗞", kind: Media, part_of: Some("日本"))"#,
    );
    let pos = at(&src, "\"日本\"");
    assert_eq!(pos, "22:83", "literal column in characters");
    assert_errors(
        &src,
        &[error(
            &pos,
            r#"actor "times": part_of "日本" is not an actor"#,
        )],
    );
}

#[test]
fn parser_columns_count_characters_after_unicode() {
    let src = edit(
        BASE,
        r#"Actor(id: "times", name: "The Times", kind: Media)"#,
        r#"Actor(id: "times", name: "“朝鮮日報” 🗞", kind: Media, nmae: "x")"#,
    );
    let pos = at(&src, "nmae");
    assert_eq!(pos, "22:59");
    assert_errors(
        &src,
        &[error(
            &pos,
            "Unexpected field named `nmae` in `Actor`, expected one of `id`, `name`, `kind`, \
             `aliases`, `part_of`, or `note` instead",
        )],
    );
}

#[test]
fn crlf_line_endings_do_not_shift_positions() {
    let src = edit(BASE, r#"claimant: "nis""#, r#"claimant: "nsa""#).replace('\n', "\r\n");
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"nsa\""),
            r#"claim "c1": claimant "nsa" is not an actor"#,
        )],
    );
    let src = edit(BASE, "headline:", "hedline:").replace('\n', "\r\n");
    let errs = diags(&src);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with(&format!(
            "{ORIGIN}:{}: error: Unexpected field named `hedline`",
            at(&src, "hedline")
        )),
        "{errs:?}"
    );
}

#[test]
fn raw_strings_and_escapes_before_an_error() {
    let src = edit(
        BASE,
        r#"title: "Base dataset""#,
        r####"title: r#"Base "dataset" ) ] //"#"####,
    );
    let src = edit(
        &src,
        r#"description: None"#,
        r#"description: Some("a \"quoted\" ) \\")"#,
    );
    assert_warnings(&src, &[]);
    let src = edit(&src, r#"outlet: "times""#, r#"outlet: "paper""#);
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"paper\""),
            r#"article "a1": outlet "paper" is not an actor"#,
        )],
    );
}

#[test]
fn raw_identifier_field_names_keep_positions() {
    // ron reads the field `r#claimant` as `claimant`.
    let src = edit(BASE, r#"claimant: "nis""#, r#"r#claimant: "nsa""#);
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"nsa\""),
            r#"claim "c1": claimant "nsa" is not an actor"#,
        )],
    );
}

#[test]
fn raw_identifier_values_are_not_raw_strings() {
    // ron reads the variant `r#Asserts` as `Asserts`; what follows it is
    // still located.
    let src = edit(BASE, "stance: Asserts", "stance: r#Asserts");
    let src = edit(&src, r#"claimant: "moscow""#, r#"claimant: "kremlin""#);
    assert_errors(
        &src,
        &[error(
            &at(&src, "\"kremlin\""),
            r#"claim "c3": claimant "kremlin" is not an actor"#,
        )],
    );
}

// ---------------------------------------------------------------------------
// Article urls: absolute http(s) only (exports make links and RDF of them)

#[track_caller]
fn assert_url_error(url: &str, why: &str) {
    let src = edit(
        BASE,
        r#"url: Some("https://example.org/a1")"#,
        &format!("url: Some({url:?})"),
    );
    let shown = format!("Some({url:?})");
    assert_errors(
        &src,
        &[error(
            &at(&src, &shown),
            &format!("article \"a1\": url \"{url}\" {why}"),
        )],
    );
}

#[test]
fn article_url_javascript_is_an_error() {
    assert_url_error(
        "javascript:alert(1)",
        "has the scheme \"javascript:\"; only http and https links are accepted",
    );
}

#[test]
fn article_url_not_a_url_is_an_error() {
    assert_url_error("not a url", "contains a space (percent-encode it)");
}

#[test]
fn article_url_relative_is_an_error() {
    assert_url_error(
        "example.org/a1",
        "is not an absolute URL (expected https://host/…)",
    );
}

#[test]
fn article_url_with_raw_markup_characters_is_an_error() {
    assert_url_error(
        "https://example.org/a<b",
        "contains a raw `<` (percent-encode it)",
    );
    assert_url_error(
        "https://example.org/a\"b",
        "contains a raw `\"` (percent-encode it)",
    );
}
