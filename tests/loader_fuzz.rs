//! The loader never panics and always points inside the file: arbitrary
//! input, mutated copies of the seed dataset and pathological inputs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use claimtrack::model::{Dataset, Diagnostic, load::BUNDLED_SOURCE, parse_str};
use proptest::prelude::*;

/// Checks what every result of `parse_str` must satisfy, whatever the input.
fn check(src: &str) {
    let diagnostics = match parse_str(src) {
        Ok(loaded) => {
            assert!(loaded.warnings.iter().all(|w| !w.is_error()));
            loaded.warnings
        }
        Err(ds) => {
            assert!(ds.iter().any(Diagnostic::is_error), "Err without an error");
            ds
        }
    };
    check_positions(src, &diagnostics);
    // A file ron accepts is scanned by the source map too: every problem
    // found by validation then has a position.
    if ron::Options::default().from_str::<Dataset>(src).is_ok() {
        assert!(
            diagnostics.iter().all(|d| d.at.is_some()),
            "diagnostics without position: {diagnostics:?}"
        );
    }
}

/// Every position is inside the text: an existing line, and a column at most
/// one past that line's last character.
fn check_positions(src: &str, diagnostics: &[Diagnostic]) {
    let lines: Vec<&str> = src.split('\n').collect();
    for d in diagnostics {
        let Some(at) = d.at else { continue };
        assert!(
            (1..=lines.len()).contains(&at.line),
            "line {} outside 1..={} for {d:?}",
            at.line,
            lines.len()
        );
        let chars = lines[at.line - 1].chars().count();
        assert!(
            (1..=chars + 1).contains(&at.col),
            "col {} outside 1..={} on line {} for {d:?}",
            at.col,
            chars + 1,
            at.line
        );
    }
    // Sorted by position, except that an unsupported format is said first.
    let rest = match diagnostics.first() {
        Some(d) if d.message.starts_with("unsupported format") => &diagnostics[1..],
        _ => diagnostics,
    };
    assert!(
        rest.windows(2).all(|w| w[0].at <= w[1].at),
        "not sorted: {rest:?}"
    );
}

// ---------------------------------------------------------------------------
// Arbitrary input

/// Pieces of RON, from which `ron_like_text_never_panics` builds its input.
const RON_TOKENS: &[&str] = &[
    "Dataset(",
    "format: 1,",
    "format: 2,",
    "id: ",
    "title: ",
    "articles: ",
    "claims: ",
    "Claim(",
    "Quote(",
    "\"",
    "\"x\"",
    "\"c1\"",
    "r#\"",
    "\"#",
    "b\"",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    ",",
    ":",
    "::",
    "//",
    "/*",
    "*/",
    "\n",
    "\r\n",
    "\t",
    " ",
    "'",
    "'a'",
    "\\",
    "\\u{D800}",
    "Some",
    "None",
    "On",
    "Unknown",
    "x",
    "r#x",
    "_",
    "#![enable(implicit_some)]",
    "0",
    "1",
    "-1",
    "1.5",
    "0x1F",
    "1e9",
    "“",
    "日本",
    "\0",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    /// Text made of RON's punctuation, so that the parser and the source map
    /// scanner get further than with random bytes.
    #[test]
    fn ron_like_text_never_panics(
        tokens in prop::collection::vec(prop::sample::select(RON_TOKENS), 0..80)
    ) {
        check(&tokens.concat());
    }
}

// ---------------------------------------------------------------------------
// Mutations of the seed dataset

#[derive(Debug, Clone)]
enum Mutation {
    Delete {
        at: usize,
        len: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    Replace {
        at: usize,
        len: usize,
        bytes: Vec<u8>,
    },
    DuplicateLine {
        line: usize,
    },
    Swap {
        at: usize,
    },
    Truncate {
        at: usize,
    },
}

/// Bytes worth inserting: RON punctuation, quotes, digits, letters, a
/// multi-byte character, and raw bytes (which become U+FFFD).
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            "\"",
            "(",
            ")",
            "[",
            "]",
            ",",
            ":",
            "//",
            "/*",
            "*/",
            "\n",
            "Some(",
            "None",
            "\"x\"",
            "-1",
            "99999999999",
            "“",
            "日本",
            "\\u{D800}",
            "\\",
            "r#\"",
            "On(\"2024-13-40\")",
            "\"c01\"",
            "\"nis\"",
            "id: \"c01\",",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Positions are taken modulo the current length when applied.
    let pos = any::<usize>();
    prop_oneof![
        (pos, 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (pos, fragment()).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (pos, 1..16usize, fragment()).prop_map(|(at, len, bytes)| Mutation::Replace {
            at,
            len,
            bytes
        }),
        pos.prop_map(|line| Mutation::DuplicateLine { line }),
        pos.prop_map(|at| Mutation::Swap { at }),
        pos.prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(src: &mut Vec<u8>, m: &Mutation) {
    let n = src.len();
    if n == 0 {
        return;
    }
    match m {
        Mutation::Delete { at, len } => {
            let at = at % n;
            src.drain(at..(at + len).min(n));
        }
        Mutation::Insert { at, bytes } => {
            let at = at % (n + 1);
            src.splice(at..at, bytes.iter().copied());
        }
        Mutation::Replace { at, len, bytes } => {
            let at = at % n;
            src.splice(at..(at + len).min(n), bytes.iter().copied());
        }
        Mutation::DuplicateLine { line } => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(
                    src.iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .filter(|&i| i < n)
                .collect();
            let start = starts[line % starts.len()];
            let end = src[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(n, |i| start + i + 1);
            let copy = src[start..end].to_vec();
            src.splice(end..end, copy);
        }
        Mutation::Swap { at } => {
            if n >= 2 {
                let at = at % (n - 1);
                src.swap(at, at + 1);
            }
        }
        Mutation::Truncate { at } => src.truncate(at % n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mutated_seed_never_panics_and_points_inside_the_file(
        mutations in prop::collection::vec(mutation(), 1..5)
    ) {
        let mut bytes = BUNDLED_SOURCE.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn the_mutation_strategies_do_reach_the_validator() {
    // Replacing an id by another keeps ron happy: the error comes from
    // validation, and must point at the duplicate, inside the file.
    let src = BUNDLED_SOURCE.replacen("id: \"e02\"", "id: \"e01\"", 1);
    let errs = parse_str(&src).expect_err("duplicate event id");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].message, "duplicate event id \"e01\"");
    let line = src[..src.find("id: \"e01\"").expect("first") + 1]
        .lines()
        .count();
    let second = src.match_indices("id: \"e01\"").nth(1).expect("second").0;
    assert!(errs[0].at.expect("position").line > line);
    assert_eq!(
        errs[0].at.expect("position").line,
        src[..second].matches('\n').count() + 1
    );
    check(&src);
}

/// ron skips more whitespace than ASCII's (vertical tab, form feed, NEL,
/// the line and paragraph separators, LRM/RLM): the source map must skip
/// the same, or every problem after it loses its position (found by the
/// property test above: a tab and a vertical tab between two actors).
#[test]
fn whitespace_ron_skips_keeps_every_position() {
    for ws in [
        "\u{0B}", "\u{0C}", "\u{85}", "\u{200E}", "\u{200F}", "\u{2028}", "\u{2029}",
    ] {
        let src = BUNDLED_SOURCE
            .replacen(
                "\"Not named in the article.\"),\n        )",
                &format!("\"Not named in the article.\"),\t{ws}   )"),
                1,
            )
            .replacen(
                "\"South Korea is considering sending",
                "\"outh Korea is considering sending",
                1,
            );
        assert!(
            ron::Options::default()
                .from_str::<claimtrack::model::Dataset>(&src)
                .is_ok()
        );
        let errs = parse_str(&src).expect_err("a quote no longer verbatim");
        assert!(errs.iter().all(|d| d.at.is_some()), "{ws:?}: {errs:?}");
        check(&src);
    }
}

// ---------------------------------------------------------------------------
// Pathological inputs: no panic, no stack overflow, no quadratic blow-up

/// A small valid dataset to embed pathological values in.
fn dataset_with(title: &str, paragraph: &str, quote: &str) -> String {
    format!(
        r#"Dataset(
    format: 1,
    id: "patho",
    title: {title},
    articles: [Article(id: "a", headline: "h", outlet: "o", published: Unknown, body: [{paragraph}])],
    actors: [Actor(id: "o", name: "O", kind: Media)],
    claims: [Claim(id: "c", article: "a", text: "t", quote: Quote(paragraph: 1, text: {quote}), claimant: "o", stance: Asserts, said: Unknown)],
)
"#
    )
}

#[test]
fn the_pathological_template_is_valid() {
    let src = dataset_with("\"T\"", "\"a b c\"", "\"b\"");
    let loaded = parse_str(&src).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn empty_and_blank_inputs() {
    for src in [
        "",
        " ",
        "\n\n\n",
        "// only a comment",
        "/* unterminated",
        "\u{feff}",
    ] {
        let errs = parse_str(src).expect_err("not a dataset");
        assert!(!errs.is_empty());
        check(src);
    }
}

#[test]
fn deep_nesting() {
    let depth = 10_000;
    for (open, close) in [("[", "]"), ("(", ")"), ("{", "}"), ("Some(", ")")] {
        let deep = open.repeat(depth);
        let balanced = format!("{deep}{}", close.repeat(depth));
        for src in [
            deep.clone(),
            balanced.clone(),
            format!("Dataset(format: 1, id: {deep}"),
            format!("Dataset(format: 1, description: {balanced})"),
            dataset_with(&balanced, "\"p\"", "\"p\""),
            dataset_with("\"T\"", &balanced, "\"p\""),
        ] {
            assert!(parse_str(&src).is_err());
            check(&src);
        }
    }
}

#[test]
fn five_megabyte_string_literal() {
    let big = "x".repeat(5 << 20);
    // As a valid paragraph, quoted in part: loads.
    let src = dataset_with("\"T\"", &format!("\"{big} end\""), "\"x end\"");
    let loaded = parse_str(&src).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.dataset.articles[0].body[0].len(), big.len() + 4);
    // A quote that is not there (the slow path folds whitespace).
    let src = dataset_with("\"T\"", &format!("\"{big}\""), "\"y\"");
    let errs = parse_str(&src).expect_err("quote not found");
    assert_eq!(
        errs.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        [r#"7:87: claim "c": quote text is not found verbatim in paragraph 1 of article "a""#]
    );
    // Unterminated: the error is at its opening quote.
    let src = format!("Dataset(format: 1, id: \"patho\", title: \"{big}");
    let errs = parse_str(&src).expect_err("unterminated");
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].to_string(),
        "1:40: the string that starts here never ends (a closing \" is missing)"
    );
}

#[test]
fn one_megabyte_line() {
    let long = "y".repeat(1 << 20);
    // An error after the long string, on the same line: the column counts
    // every character before it.
    let src = format!("Dataset(format: 1, id: \"patho\", title: \"{long}\", bogus: 1)");
    let errs = parse_str(&src).expect_err("unknown field");
    assert_eq!(errs.len(), 1);
    let at = errs[0].at.expect("position");
    assert_eq!((at.line, at.col), (1, 40 + long.len() + 4));
    check(&src);

    // A whole dataset on one line, with many validation errors: each is
    // located on that line.
    let refs = vec!["\"nobody\""; 2000].join(", ");
    let src = dataset_with("\"T\"", "\"p\"", "\"p\"")
        .replace('\n', " ")
        .replace(
            "claimant: \"o\"",
            &format!("claimant: \"o\", about: [{refs}]"),
        );
    let src = format!("{src}{}", " ".repeat(1 << 20));
    let errs = parse_str(&src).expect_err("bad references");
    assert_eq!(errs.len(), 2000);
    assert!(errs.iter().all(|d| d.at.is_some_and(|a| a.line == 1)));
    check(&src);
}

#[test]
fn nul_bytes_and_control_characters() {
    for src in [
        "\0".to_owned(),
        "\0".repeat(1000),
        "Dataset(\0format: 1)".to_owned(),
        dataset_with("\"T\0\u{1b}[2J\"", "\"a\0b\"", "\"\0\""),
        dataset_with("\"\0\"", "\"p\"", "\"p\""),
    ] {
        check(&src);
    }
    // NUL inside a string is text: the dataset loads.
    let src = dataset_with("\"T\0\"", "\"a\0b\"", "\"a\0b\"");
    let loaded = parse_str(&src).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.dataset.title, "T\0");
}

#[test]
fn lone_surrogate_escapes() {
    for esc in [
        r"\u{D800}",
        r"\u{DFFF}",
        r"\uD800",
        r"\u{110000}",
        r"\u{",
        r"\u",
    ] {
        let src = dataset_with(&format!("\"{esc}\""), "\"p\"", "\"p\"");
        let errs = parse_str(&src).expect_err("invalid escape");
        assert_eq!(errs.len(), 1, "{esc}: {errs:?}");
        // On the title's line.
        assert_eq!(errs[0].at.map(|a| a.line), Some(4), "{esc}: {errs:?}");
        check(&src);
    }
}

#[test]
fn huge_numbers_and_odd_literals() {
    for format in [
        "99999999999999999999999999999",
        "-1",
        "1e400",
        "0x",
        "'a'",
        "b\"1\"",
        "r#\"1\"#",
        "()",
        "1.",
    ] {
        let src = dataset_with("\"T\"", "\"p\"", "\"p\"").replacen(
            "format: 1",
            &format!("format: {format}"),
            1,
        );
        assert!(parse_str(&src).is_err(), "format: {format}");
        check(&src);
    }
}

// ---------------------------------------------------------------------------
// Positions survive trivia: comments and blank space anywhere between lines

/// Whitespace and comments, including ones holding quotes and brackets.
const TRIVIA: &[&str] = &[
    "\n",
    "   ",
    "\t",
    "// a comment \" ) ] }\n",
    "/* ( [ \" */ ",
    "/* multi\nline */",
    "/* nested /* \" */ ( */ ",
    "// “typographic” 日本語\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// One claim's claimant is broken in the seed, and trivia is inserted at
    /// the start of random lines: the single error is at the broken value.
    #[test]
    fn error_positions_survive_inserted_trivia(
        pick in any::<usize>(),
        inserts in prop::collection::vec((any::<usize>(), prop::sample::select(TRIVIA)), 0..40),
    ) {
        // No string of the seed spans lines, so a line start is between tokens.
        assert!(BUNDLED_SOURCE.lines().all(|l| l.matches('"').count() % 2 == 0));
        let claimants: Vec<usize> = BUNDLED_SOURCE
            .match_indices("claimant: \"")
            .map(|(i, _)| i)
            .collect();
        let claim = pick % claimants.len();
        let at = claimants[claim];
        let value = at + "claimant: ".len();
        let end = value + BUNDLED_SOURCE[value + 1..].find('"').expect("closing quote") + 2;
        let mut src = format!(
            "{}\"zz-missing\"{}",
            &BUNDLED_SOURCE[..value],
            &BUNDLED_SOURCE[end..]
        );
        let claim_id = {
            let loaded = parse_str(BUNDLED_SOURCE).expect("seed loads");
            loaded.dataset.claims[claim].id.clone()
        };
        for (pos, trivia) in inserts {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(src.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let at = starts[pos % starts.len()];
            src.insert_str(at, trivia);
        }
        let marker = src.find("\"zz-missing\"").expect("marker");
        let line = src[..marker].matches('\n').count() + 1;
        let col = src[..marker].rsplit('\n').next().expect("line").chars().count() + 1;
        let errs = parse_str(&src).expect_err("bad claimant");
        let got: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
        prop_assert_eq!(
            got,
            vec![format!(
                "{line}:{col}: claim \"{claim_id}\": claimant \"zz-missing\" is not an actor"
            )]
        );
    }
}
