//! RON syntax and type errors in words: what was expected where, from the
//! structure open at the error (`the file ends inside Article(…) opened at
//! 12:9`, `expected a When: On("YYYY-MM-DD"), …`), rather than the parser's
//! `Expected identifier`.

// A scanner/algorithm over a slice whose every index is bounded by its loop
// condition (outside bytes reach it: fuzzed, see tests/loader_fuzz.rs and
// the proptests beside it).
#![allow(clippy::indexing_slicing)]

use ron::error::Error;

use super::spans::{LineCol, SourceMap};

/// A container open at some point of the text.
#[derive(Debug, Clone)]
struct Frame {
    /// `Article` for `Article(`; `None` for `(`, `[` or `{`.
    name: Option<String>,
    open: u8,
    at: usize,
    /// The last field name seen in it (`published` after `published:`).
    field: Option<String>,
}

/// The containers open at `offset`, outermost first. Strings and comments
/// are skipped; anything unreadable simply stops the scan.
fn open_frames(src: &str, offset: usize) -> Vec<Frame> {
    let b = src.as_bytes();
    let end = offset.min(b.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                stack.push(Frame {
                    name: None,
                    open: c,
                    at: i,
                    field: None,
                });
                i += 1;
            }
            b')' | b']' | b'}' => {
                stack.pop();
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = src.get(start..i).unwrap_or_default().to_owned();
                let mut j = i;
                while j < b.len() && crate::model::spans::ron_whitespace_len(&b[j..]) > 0 {
                    j += crate::model::spans::ron_whitespace_len(&b[j..]);
                }
                match b.get(j) {
                    Some(b'(') if j < end => {
                        stack.push(Frame {
                            name: Some(word),
                            open: b'(',
                            at: start,
                            field: None,
                        });
                        i = j + 1;
                    }
                    Some(b':') if b.get(j + 1) != Some(&b':') => {
                        if let Some(top) = stack.last_mut()
                            && top.open == b'('
                        {
                            top.field = Some(word);
                        }
                        i = j + 1;
                    }
                    _ => {}
                }
            }
            _ => i += 1,
        }
    }
    stack
}

/// What a field holds, in words.
fn expected_for(field: &str) -> Option<&'static str> {
    Some(match field {
        "published" | "said" | "when" => {
            "a When: On(\"YYYY-MM-DD\"), Between(…), Before(…), After(…) or Unknown"
        }
        "kind" => {
            "an actor kind: Person, Government, Agency, Military, Organization, Media, Country, Group or Other"
        }
        "stance" => "a stance: Asserts, Denies, Declines, Considers, Warns, Condemns or Quotes",
        "quote" => "a Quote(paragraph: N, text: \"…\")",
        "paragraph" => "a paragraph number (1 is the first)",
        "format" => "the format number (1)",
        "id" | "title" | "headline" | "outlet" | "name" | "text" | "article" | "claimant" => {
            "a string in double quotes"
        }
        "url" | "credit" | "description" | "part_of" | "note" | "said_as" => "Some(\"…\") or None",
        "via" | "about" | "aliases" | "tags" | "actors" | "claims" | "body" => {
            "a list of strings: [\"…\", …]"
        }
        "relations" => {
            "a list of relations: [Supports(\"id\"), Contradicts(\"id\"), Updates(\"id\")]"
        }
        "articles" => "a list of Article(…)",
        _ => return None,
    })
}

/// `Article(…)` or `the list` for a frame.
fn describe(f: &Frame) -> String {
    match (&f.name, f.open) {
        (Some(n), _) => format!("{n}(…)"),
        (None, b'[') => "a list […]".into(),
        (None, b'{') => "a map {…}".into(),
        _ => "(…)".into(),
    }
}

/// The innermost named struct and its current field, as `` `published` in Article(…) ``.
fn place(frames: &[Frame]) -> Option<(String, Option<String>)> {
    let f = frames.iter().rev().find(|f| f.open == b'(')?;
    Some((describe(f), f.field.clone()))
}

/// The parser's error at `offset` of `src`, in words.
pub fn explain(src: &str, map: &SourceMap, code: &Error, offset: usize) -> String {
    let frames = open_frames(src, offset);
    let in_field = || -> String {
        match place(&frames) {
            Some((s, Some(f))) => format!(" for `{f}` in {s}"),
            Some((s, None)) => format!(" in {s}"),
            None => String::new(),
        }
    };
    let expected_here = || -> Option<String> {
        let (_, field) = place(&frames)?;
        let want = expected_for(field.as_deref()?)?;
        Some(format!("expected {want}{}", in_field()))
    };
    let opened = |f: &Frame| {
        let LineCol { line, col } = map.line_col(f.at);
        format!("{} opened at {line}:{col}", describe(f))
    };
    if map.next_token(0) >= src.len() {
        return "the file is empty: expected a Dataset(format: 1, …)".into();
    }
    match code {
        Error::Eof => {
            let all = open_frames(src, src.len());
            match all.last() {
                Some(f) => format!("the file ends inside {}", opened(f)),
                None if src.trim().is_empty() => {
                    "the file is empty: expected a Dataset(format: 1, …)".into()
                }
                None => "the file ends too early: expected a Dataset(format: 1, …)".into(),
            }
        }
        Error::ExpectedComma => match place(&frames) {
            Some((s, Some(f))) => {
                format!("expected a comma after the value of `{f}` in {s}")
            }
            _ => "expected a comma between two values".into(),
        },
        Error::ExpectedArrayEnd => match frames.iter().rev().find(|f| f.open == b'[') {
            Some(f) => format!("expected a comma or `]`: {} is not closed", opened(f)),
            None => "expected a comma or `]`".into(),
        },
        Error::ExpectedStructLikeEnd => match frames.iter().rev().find(|f| f.open == b'(') {
            Some(f) => format!("expected a comma or `)`: {} is not closed", opened(f)),
            None => "expected a comma or `)`".into(),
        },
        Error::ExpectedStringEnd => {
            "the string that starts here never ends (a closing \" is missing)".into()
        }
        Error::TrailingCharacters => {
            "unexpected text after the end of the dataset (an extra `)` or `]`?)".into()
        }
        Error::UnclosedBlockComment => "the /* comment */ that starts here is never closed".into(),
        Error::ExpectedIdentifier
        | Error::SuggestRawIdentifier(_)
        | Error::InvalidIdentifier(_)
        | Error::UnexpectedChar(_) => expected_here().unwrap_or_else(|| {
            format!(
                "expected a name (a field, or a variant such as On or Asserts){}",
                in_field()
            )
        }),
        Error::ExpectedInteger
        | Error::IntegerOutOfBounds
        | Error::ExpectedString
        | Error::ExpectedOption
        | Error::ExpectedArray
        | Error::ExpectedStructLike
        | Error::ExpectedNamedStructLike(_)
        | Error::ExpectedUnit
        | Error::InvalidValueForType { .. } => expected_here().unwrap_or_else(|| code.to_string()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_skip_strings_and_comments() {
        let src = "Dataset( // (\n  title: \"a ( [\", /* [ */ articles: [ Article(id: ";
        let f = open_frames(src, src.len());
        let names: Vec<String> = f.iter().map(describe).collect();
        assert_eq!(names, ["Dataset(…)", "a list […]", "Article(…)"]);
        assert_eq!(f[0].field.as_deref(), Some("articles"));
        assert_eq!(f[2].field.as_deref(), Some("id"));
    }
}
