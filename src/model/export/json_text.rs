//! JSON text that is safe wherever it lands, and still the same JSON value.
//!
//! serde_json escapes C0 controls but writes DEL, C1 controls and bidi
//! controls raw: shown on a terminal (`claimtrack export --format json`,
//! `jq`, `less`), C1 `U+009B` is a CSI and `U+202E` reorders the screen. So
//! those are written as `\u00XX` escapes too. For ClaimReview, which exists
//! to be pasted into `<script type="application/ld+json">`, `<`, `>` and `&`
//! are escaped as well, so a claim text holding `</script>` cannot end the
//! script element (and U+2028/U+2029, line breaks to older JavaScript).
//!
//! The escaping runs over the serialised text: outside string literals JSON
//! holds only ASCII punctuation, digits, `true`/`false`/`null` and
//! whitespace, so every character escaped here is inside a string, and a
//! `\uXXXX` escape there is the same character to every JSON parser.

use std::fmt::Write;

/// Which characters to escape beyond serde_json's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// DEL, C1 and bidi controls: terminal-safe, for the JSON export.
    Controls,
    /// Also `<`, `>`, `&`, U+2028 and U+2029: safe inside an HTML `<script>`.
    Html,
}

/// Serialises `value` as pretty JSON with a final newline, escaped as `escape` says.
pub fn to_safe_json<T: serde::Serialize>(value: &T, escape: Escape) -> String {
    to_safe_json_sized(value, escape, 1 << 16)
}

/// [`to_safe_json`] into a buffer of `capacity` bytes: a large document
/// whose size is about known is then written without growing (and copying)
/// its buffer again and again.
pub fn to_safe_json_sized<T: serde::Serialize>(
    value: &T,
    escape: Escape,
    capacity: usize,
) -> String {
    let mut out = Vec::with_capacity(capacity);
    // Serialising plain structs of strings and numbers cannot fail.
    let _ = write_safe_json(&mut out, value, escape);
    out.push(b'\n');
    // serde_json writes UTF-8, and the escapes are ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `value` as pretty JSON (no final newline) to `w`, escaping as
/// `escape` says while the strings are written: one pass over the text, no
/// copy of it (a second pass over the finished text was a third of a large
/// export's time).
pub fn write_safe_json<W: std::io::Write, T: serde::Serialize>(
    w: W,
    value: &T,
    escape: Escape,
) -> serde_json::Result<()> {
    let formatter = SafeFormatter {
        pretty: serde_json::ser::PrettyFormatter::new(),
        escape,
    };
    let mut ser = serde_json::Serializer::with_formatter(w, formatter);
    value.serialize(&mut ser)
}

/// serde_json's pretty formatter, but a string's characters (the parts
/// serde_json does not escape itself) are checked and escaped here.
struct SafeFormatter {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    escape: Escape,
}

/// The first bytes of the UTF-8 forms of every character [`needs_escape`]
/// takes, ASCII ones included: a fragment without them is written as is.
fn may_need_escape(b: u8, escape: Escape) -> bool {
    matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2)
        || (escape == Escape::Html && matches!(b, b'<' | b'>' | b'&'))
}

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        // Most text is ASCII: DEL is then the only suspect (both checks run
        // a word or a vector at a time). Otherwise a plain loop over every
        // byte, without an early exit, is vectorised.
        let suspect = match self.escape {
            Escape::Controls if fragment.is_ascii() => bytes.contains(&0x7f),
            Escape::Controls => bytes
                .iter()
                .fold(false, |any, &b| any | may_need_escape(b, Escape::Controls)),
            Escape::Html => bytes
                .iter()
                .fold(false, |any, &b| any | may_need_escape(b, Escape::Html)),
        };
        if !suspect {
            return w.write_all(bytes);
        }
        let mut from = 0;
        for (at, c) in fragment.char_indices() {
            if !needs_escape(c, self.escape) {
                continue;
            }
            w.write_all(bytes.get(from..at).unwrap_or_default())?;
            write!(w, "\\u{:04x}", c as u32)?;
            from = at + c.len_utf8();
        }
        w.write_all(bytes.get(from..).unwrap_or_default())
    }

    // The layout is the pretty formatter's.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// Escapes the characters `escape` names in serialised JSON text.
pub fn escape_text(json: &str, escape: Escape) -> String {
    let mut out = String::with_capacity(json.len() + 1);
    // Copies the runs between escapes whole (char by char was most of the
    // export's time on 100 MB of text).
    let mut from = 0;
    for (at, c) in json.char_indices() {
        if !needs_escape(c, escape) {
            continue;
        }
        out.push_str(json.get(from..at).unwrap_or_default());
        let _ = write!(out, "\\u{:04x}", c as u32);
        from = at + c.len_utf8();
    }
    out.push_str(json.get(from..).unwrap_or_default());
    out
}

/// The characters escaped beyond serde_json's own (also by
/// [`super::json_writer`], which writes the JSON export by hand).
pub(super) fn needs_escape(c: char, escape: Escape) -> bool {
    let control = matches!(c, '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    control || (escape == Escape::Html && matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip_to_the_same_value() {
        let v =
            serde_json::json!({"t": "a\u{1b}]0;x\u{7}\u{7f}\u{9b}\u{202e}</script>&<b>\u{2028}é"});
        for e in [Escape::Controls, Escape::Html] {
            let text = to_safe_json(&v, e);
            assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
            let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            assert_eq!(back, v);
        }
        let html = to_safe_json(&v, Escape::Html);
        assert!(html.contains("\\u003c/script\\u003e\\u0026"), "{html}");
        assert!(!html.contains(['<', '>', '&']), "{html}");
        assert!(to_safe_json(&v, Escape::Controls).contains("</script>"));
    }

    /// Escaping while writing gives the text that escaping the finished
    /// text gave, keys and values alike.
    #[test]
    fn escaping_while_writing_is_escaping_the_written_text() {
        let v = serde_json::json!({
            "k\u{9b}\u{202e}<": ["a\u{7f}b", "é\u{61c}ü\u{2066}", "plain", "\u{1b}[31m"],
            "n": 1, "t": true, "x": null, "&\u{2028}": {"\u{200e}": "\u{2029}>"}
        });
        for e in [Escape::Controls, Escape::Html] {
            let two_passes =
                escape_text(&serde_json::to_string_pretty(&v).expect("json"), e) + "\n";
            assert_eq!(to_safe_json(&v, e), two_passes, "{e:?}");
        }
    }
}
