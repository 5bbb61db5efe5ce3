//! Text made safe and measured for the terminal.
//!
//! Dataset text can hold anything: control characters and escape sequences
//! must never reach the terminal as such, and bidi controls must not reorder
//! the screen. Widths are display columns (CJK and emoji take two).

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces C0/C1 controls and DEL with visible pictures (ESC → `␛`), tabs
/// and newlines with a space, and drops bidi embedding/override/isolate marks.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter_map(safe_char).collect())
}

/// [`sanitize`] for multi-line output (reports, messages, CSV or Markdown on
/// a terminal): keeps line breaks and tabs, everything else as `sanitize`.
/// A CR is shown as a space even before LF: it could overwrite a line.
pub fn sanitize_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && c != '\t' && needs_care(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\t' => Some(c),
                c => safe_char(c),
            })
            .collect(),
    )
}

fn needs_care(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The character to show for `c`, or none.
pub fn safe_char(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        c if is_bidi_control(c) => None,
        // C0 controls map onto the Control Pictures block (U+2400..).
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('␡'),
        c if c.is_control() => Some('�'),
        c => Some(c),
    }
}

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Sanitises and cuts `s` to at most `max` columns, ending with `…` if cut.
pub fn fit(s: &str, max: usize) -> String {
    ellipsize(&sanitize(s), max).into_owned()
}

/// The longest prefix of `s` at most `max` columns wide, and its width,
/// measured char by char (see [`ellipsize`] for sequences such as emoji).
pub fn prefix_by_width(s: &str, max: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > max {
            return (&s[..i], used);
        }
        used += w;
    }
    (s, used)
}

/// `s` cut to `max` columns, ending in `…` when something was cut.
pub fn ellipsize(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let (mut head, _) = prefix_by_width(s, max - 1);
    // A sequence (`0` + U+FE0F, emoji) can be wider than its chars: trim.
    while width(head) > max - 1 {
        let mut chars = head.chars();
        chars.next_back();
        head = chars.as_str();
    }
    Cow::Owned(format!("{head}…"))
}

/// Pads (or cuts) to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = fit(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_pass_through() {
        let evil = "a\x1b[2Jb\x07c\u{9b}d\u{202E}e\r\nf";
        let clean = sanitize(evil);
        assert!(!clean.chars().any(|c| c.is_control()), "{clean:?}");
        assert_eq!(clean, "a␛[2Jb␇c�de  f");
        assert!(matches!(sanitize("plain “text”"), Cow::Borrowed(_)));
    }

    #[test]
    fn multi_line_text_keeps_its_lines_only() {
        let evil = "t\x1b]0;pwned\x07\n\tb\u{85}\u{9b}2J\u{2067}x\r\ny";
        assert_eq!(sanitize_lines(evil), "t␛]0;pwned␇\n\tb��2Jx \ny");
        assert!(matches!(sanitize_lines("a\nb\tc"), Cow::Borrowed(_)));
    }

    #[test]
    fn widths() {
        assert_eq!(prefix_by_width("北朝鮮", 5), ("北朝", 4));
        assert_eq!(ellipsize("abcdef", 4), "abc…");
        assert_eq!(ellipsize("北朝鮮", 4), "北…");
        assert_eq!(ellipsize("abc", 0), "");
        // "0" + VS16 is an emoji two columns wide, not 1 + 0.
        assert_eq!(ellipsize("a0\u{fe0f}b", 3), "a0…");
    }

    proptest::proptest! {
        #[test]
        fn sanitized_text_has_no_controls_and_is_stable(s in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}]*") {
            let once = sanitize(&s).into_owned();
            proptest::prop_assert!(!once.chars().any(needs_care));
            proptest::prop_assert_eq!(sanitize(&once), once.as_str());
        }

        #[test]
        fn fit_fits(s in "\\PC{0,40}", max in 0usize..20) {
            proptest::prop_assert!(width(&fit(&s, max)) <= max);
        }
    }

    #[test]
    fn fits_wide_characters_by_columns() {
        assert_eq!(fit("北朝鮮軍", 5), "北朝…");
        assert_eq!(width(&fit("北朝鮮軍", 5)), 5);
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(width(&pad("🇰🇷 flag", 3)), 3);
    }
}
