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
    // Serialising plain structs of strings and numbers cannot fail.
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = escape_text(&text, escape);
    out.push('\n');
    out
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

fn needs_escape(c: char, escape: Escape) -> bool {
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
}
