//! Pretty JSON written by hand straight into one `String`, with serde_json's
//! layout (two spaces a level, `"key": value`, `[]` and `{}` when empty) and
//! [`json_text`](super::json_text)'s escapes, for exports too large to go
//! through serde: the JSON export of 100k claims spent most of its time in
//! the serializer's layers, escaping each string twice and allocating a
//! `String` per date and timestamp.
//!
//! The caller writes the structure (`begin_object`, `key`, a value, ...);
//! the writer adds commas, line breaks and indentation. Keys are the
//! caller's literals, plain ASCII written as they are; every value string
//! goes through [`push_str_literal`].

use std::fmt::{Display, Write};

use super::json_text::{Escape, needs_escape};

pub struct JsonWriter {
    out: String,
    depth: usize,
    /// The innermost open array or object holds nothing yet.
    empty: bool,
    escape: Escape,
}

impl JsonWriter {
    /// A writer into a buffer of `capacity` bytes, reserved once.
    pub fn with_capacity(capacity: usize, escape: Escape) -> Self {
        Self {
            out: String::with_capacity(capacity),
            depth: 0,
            empty: true,
            escape,
        }
    }

    /// The text, with a final newline.
    pub fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }

    pub fn begin_object(&mut self) {
        self.open('{');
    }

    pub fn end_object(&mut self) {
        self.close('}');
    }

    pub fn begin_array(&mut self) {
        self.open('[');
    }

    pub fn end_array(&mut self) {
        self.close(']');
    }

    /// The member `key`: an array of one item per element of `items`,
    /// each written by `each`.
    pub fn field_array<T>(
        &mut self,
        key: &str,
        items: impl IntoIterator<Item = T>,
        mut each: impl FnMut(&mut Self, T),
    ) {
        self.key(key);
        self.begin_array();
        for x in items {
            self.item();
            each(self, x);
        }
        self.end_array();
    }

    /// Starts the next item of the open array.
    pub fn item(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.newline();
    }

    /// Starts the member `key` of the open object; `key` is a literal of
    /// the caller's, ASCII that needs no escape.
    pub fn key(&mut self, key: &str) {
        self.item();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\": ");
    }

    pub fn str(&mut self, s: &str) {
        push_str_literal(&mut self.out, s, self.escape);
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    pub fn uint(&mut self, n: u64) {
        // Writing to a String cannot fail.
        let _ = write!(self.out, "{n}");
    }

    /// A string from a value whose `Display` writes only ASCII letters,
    /// digits and punctuation that JSON leaves as is (dates, timestamps,
    /// reliability letters): written without a `String` of its own.
    pub fn plain<T: Display>(&mut self, v: T) {
        let _ = write!(self.out, "\"{v}\"");
    }

    /// `"key": "s"`.
    pub fn field_str(&mut self, key: &str, s: &str) {
        self.key(key);
        self.str(s);
    }

    /// `"key": "s"` or `"key": null`.
    pub fn field_opt_str(&mut self, key: &str, s: Option<&str>) {
        self.key(key);
        self.opt_str(s);
    }

    /// `"key": [...]` of strings.
    pub fn field_strs<'s>(&mut self, key: &str, items: impl IntoIterator<Item = &'s str>) {
        self.key(key);
        self.begin_array();
        for s in items {
            self.item();
            self.str(s);
        }
        self.end_array();
    }

    fn open(&mut self, c: char) {
        self.out.push(c);
        self.depth += 1;
        self.empty = true;
    }

    fn close(&mut self, c: char) {
        self.depth = self.depth.saturating_sub(1);
        if !self.empty {
            self.newline();
        }
        self.out.push(c);
        self.empty = false;
    }

    fn newline(&mut self) {
        // A line break and the indentation of up to 16 levels, in one copy.
        const INDENT: &str = "\n                                ";
        match INDENT.get(..1 + self.depth * 2) {
            Some(run) => self.out.push_str(run),
            None => {
                self.out.push('\n');
                for _ in 0..self.depth {
                    self.out.push_str("  ");
                }
            }
        }
    }
}

/// Whether the scan stops at byte `b`: bytes a string literal cannot hold
/// as they are (`"`, `\\`, C0 controls), and those that start a character
/// [`needs_escape`] may take: DEL and the lead bytes of C1 (`0xc2`), U+061C
/// (`0xd8`) and U+200E–U+2069 (`0xe2`); for HTML also `<`, `>` and `&`.
/// None of them is ever inside a character, so the scan stops only on
/// character boundaries.
fn suspect(b: u8, escape: Escape) -> bool {
    matches!(b, 0..=0x1f | b'"' | b'\\' | 0x7f | 0xc2 | 0xd8 | 0xe2)
        || (escape == Escape::Html && matches!(b, b'<' | b'>' | b'&'))
}

/// Whether the eight bytes of `w` are all printable ASCII that needs no
/// escape: the common case, checked a word at a time (the bit tricks of
/// "Bit Twiddling Hacks": a byte below `n`, a byte equal to `b`).
fn plain_word(w: u64, escape: Escape) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let has = |b: u8| has_zero(w ^ (ONES * u64::from(b)));
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
    // DEL or above: adding one sets the high bit (a carry comes only out
    // of a byte 0xff, itself above).
    let del_or_above = (w | w.wrapping_add(ONES)) & HIGH != 0;
    let html = escape == Escape::Html && (has(b'<') || has(b'>') || has(b'&'));
    !(below_space || del_or_above || has(b'"') || has(b'\\') || html)
}

/// Appends `s` as a JSON string literal, quotes included: the escapes
/// serde_json writes (`\"`, `\\`, `\n`..., `\u00XX` for other C0 controls)
/// and those `escape` adds, as `\uXXXX`. Runs between escapes are copied
/// whole.
pub fn push_str_literal(out: &mut String, s: &str, escape: Escape) {
    let bytes = s.as_bytes();
    out.push('"');
    let mut from = 0;
    let mut at = 0;
    while at < bytes.len() {
        while let Some(w) = bytes
            .get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            if !plain_word(u64::from_le_bytes(w), escape) {
                break;
            }
            at += 8;
        }
        // Byte by byte through the next word (it may end inside a
        // character: the scan stops only on boundaries all the same).
        let end = (at + 8).min(bytes.len());
        let found = bytes
            .get(at..end)
            .and_then(|run| run.iter().position(|&b| suspect(b, escape)));
        let Some(found) = found else {
            at = end;
            continue;
        };
        at += found;
        let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\t' => Some("\\t"),
            '\r' => Some("\\r"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            _ => None,
        };
        if short.is_some() || c < ' ' || needs_escape(c, escape) {
            out.push_str(s.get(from..at).unwrap_or_default());
            match short {
                Some(e) => out.push_str(e),
                None => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
            }
            from = at + c.len_utf8();
        }
        at += c.len_utf8();
    }
    out.push_str(s.get(from..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// Writes a serde_json value through the writer, as an export does.
    fn write_value(w: &mut JsonWriter, v: &Value) {
        match v {
            Value::Null => w.null(),
            Value::Bool(b) => w.out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => match n.as_u64() {
                Some(n) => w.uint(n),
                None => w.out.push_str(&n.to_string()),
            },
            Value::String(s) => w.str(s),
            Value::Array(items) => {
                w.begin_array();
                for item in items {
                    w.item();
                    write_value(w, item);
                }
                w.end_array();
            }
            Value::Object(map) => {
                w.begin_object();
                for (k, item) in map {
                    // Keys are literals in the exports; here any text.
                    w.item();
                    w.str(k);
                    w.out.push_str(": ");
                    write_value(w, item);
                }
                w.end_object();
            }
        }
    }

    fn by_writer(v: &Value, escape: Escape) -> String {
        let mut w = JsonWriter::with_capacity(0, escape);
        write_value(&mut w, v);
        w.finish()
    }

    /// Any text: ASCII, controls, and every character the escapes name.
    fn hostile_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                // Mostly printable ASCII, so that whole words of it are
                // scanned at once, with the rest in between.
                6 => proptest::char::range(' ', '~'),
                1 => any::<char>(),
                1 => proptest::char::range('\0', '\u{7f}'),
                1 => proptest::char::range('\u{7f}', '\u{a0}'),
                2 => proptest::sample::select(vec![
                    '"', '\\', '<', '>', '&', '\u{61c}', '\u{61b}', '\u{200d}', '\u{200e}',
                    '\u{200f}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{202f}',
                    '\u{2065}', '\u{2066}', '\u{2069}', '\u{206a}', 'é', '€', '😀',
                ]),
            ],
            0..40,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<u32>().prop_map(|n| Value::from(u64::from(n))),
            hostile_text().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((hostile_text(), inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// The same bytes as serde_json's pretty printer with the escaping
        /// formatter of `json_text`, for any value and any text.
        #[test]
        fn writes_what_serde_json_wrote(v in value()) {
            for e in [Escape::Controls, Escape::Html] {
                prop_assert_eq!(by_writer(&v, e), super::super::json_text::to_safe_json(&v, e));
            }
        }

        #[test]
        fn every_string_round_trips(s in hostile_text()) {
            for e in [Escape::Controls, Escape::Html] {
                let mut out = String::new();
                push_str_literal(&mut out, &s, e);
                prop_assert!(!out.chars().any(|c| needs_escape(c, e) || c.is_control()), "{}", out);
                let back: String = serde_json::from_str(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(back, s.clone());
            }
        }
    }

    /// The word test agrees with the byte test on every byte at every
    /// position of a word.
    #[test]
    fn a_plain_word_holds_no_byte_that_stops_the_scan() {
        for e in [Escape::Controls, Escape::Html] {
            let stops = |b: u8| !(0x20..0x7f).contains(&b) || suspect(b, e);
            for b in 0..=u8::MAX {
                for at in 0..8 {
                    let mut w = *b"plain ok";
                    w[at] = b;
                    let plain = plain_word(u64::from_le_bytes(w), e);
                    assert_eq!(plain, !stops(b), "{e:?} byte {b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn empty_containers_and_nesting_look_as_serde_json_writes_them() {
        let v = serde_json::json!({"a": [], "b": {}, "c": [[], [1, {"d": null}]], "e": "\u{1b}[2J\u{9b}"});
        assert_eq!(
            by_writer(&v, Escape::Controls),
            serde_json::to_string_pretty(&v)
                .expect("json")
                .replace("\u{9b}", "\\u009b")
                + "\n"
        );
    }

    #[test]
    fn deep_nesting_is_indented_past_the_run_of_spaces() {
        let mut v = serde_json::json!("x");
        for _ in 0..40 {
            v = Value::Array(vec![v]);
        }
        assert_eq!(
            by_writer(&v, Escape::Controls),
            serde_json::to_string_pretty(&v).expect("json") + "\n"
        );
    }
}
