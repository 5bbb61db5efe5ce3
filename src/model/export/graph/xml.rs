//! Text in XML 1.0, lossless where XML 1.0 allows it.
//!
//! `& < > " '` are entities everywhere (text and attribute values alike).
//! TAB, LF and CR are character references, so that a parser's
//! attribute-value normalisation (which turns them into spaces) and
//! line-end normalisation (CR to LF) keep them. DEL, the C1 controls and
//! the bidi controls are legal XML but written as character references
//! (`&#x9B;`), the same characters to a parser and harmless on a terminal.
//! The other C0 controls (U+0000..U+001F), U+FFFE and U+FFFF cannot be in an
//! XML 1.0 document at all, not even as references: they are written as
//! their pictures (ESC as `␛` U+241B, as everywhere claimtrack shows text)
//! and U+FFFD. That is the only loss; the JSON export keeps everything.

use std::fmt::Write;

/// Appends `text` escaped for XML 1.0 content or a quoted attribute value.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c if needs_reference(c) => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => out.push(c),
        }
    }
}

pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// DEL, C1 and bidi controls: legal, but they act on a terminal.
fn needs_reference(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// What a parser reads back from [`push_escaped`]'s output for `text`.
pub fn as_read_back(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_whitespace_and_controls() {
        assert_eq!(
            escaped("</a b=\"c\" d='e'>&\t\n\r"),
            "&lt;/a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;&#x9;&#xA;&#xD;"
        );
        assert_eq!(
            escaped("\u{0}\u{1b}]0;x\u{7}\u{7f}\u{9b}\u{202e}\u{ffff}é"),
            "\u{2400}\u{241b}]0;x\u{2407}&#x7F;&#x9B;&#x202E;\u{fffd}é"
        );
        assert_eq!(as_read_back("a\u{1b}\u{9b}\n"), "a\u{241b}\u{9b}\n");
    }
}
