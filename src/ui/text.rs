//! Dataset text made safe to show: datasets are written by hand or generated,
//! and a string must never move the cursor, recolour or retitle the terminal.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Removes terminal escape sequences, control characters and bidirectional
/// overrides; line breaks and tabs become one space, so that one string stays
/// on one line. Borrows when there is nothing to remove (the common case).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut last_was_break = false;
    while let Some(c) = chars.next() {
        if !needs_care(c) {
            out.push(c);
            last_was_break = false;
            continue;
        }
        match c {
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' => {
                if !last_was_break {
                    out.push(' ');
                }
                last_was_break = true;
            }
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // nF escapes: intermediates, then one final character.
                Some(' '..='/') => {
                    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
                    chars.next();
                }
                _ => {} // two-character escape: both dropped
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            _ => {} // any other control or bidi override: dropped
        }
    }
    Cow::Owned(out)
}

fn needs_care(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Skips a CSI sequence's parameters and intermediates, then its final byte;
/// stops early, keeping the character, at anything that cannot be part of it.
fn skip_csi(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// Skips an OSC/DCS/SOS/PM/APC string up to BEL, ST (`ESC \`) or C1 ST.
fn skip_string(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                break;
            }
            _ => {}
        }
    }
}

/// The longest prefix of `s` at most `max` columns wide, and its width,
/// measured char by char (see [`ellipsize`] for sequences such as emoji).
pub fn prefix_by_width(s: &str, max: usize) -> (&str, usize) {
    let mut width = 0;
    for (i, c) in s.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w > max {
            return (&s[..i], width);
        }
        width += w;
    }
    (s, width)
}

/// `s` cut to `max` columns, ending in `…` when something was cut.
pub fn ellipsize(s: &str, max: usize) -> Cow<'_, str> {
    if s.width() <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let (mut head, _) = prefix_by_width(s, max - 1);
    // A sequence (`0` + U+FE0F, emoji) can be wider than its chars: trim.
    while head.width() > max - 1 {
        let mut chars = head.chars();
        chars.next_back();
        head = chars.as_str();
    }
    Cow::Owned(format!("{head}…"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("Seoul’s “significant number” 北朝鮮"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn strips_escape_sequences_and_controls() {
        let cases = [
            ("red \u{1b}[31mtext\u{1b}[0m", "red text"),
            ("title \u{1b}]0;pwned\u{7}done", "title done"),
            (
                "osc \u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\",
                "osc link",
            ),
            ("c1 \u{9b}2Jcsi", "c1 csi"),
            ("reset \u{1b}cok", "reset ok"),
            ("charset \u{1b}(Bok", "charset ok"),
            ("bell\u{7} nul\u{0}", "bell nul"),
            ("two\r\nlines\tand tab", "two lines and tab"),
            ("bidi \u{202e}desrever\u{202c}", "bidi desrever"),
            ("dangling \u{1b}", "dangling "),
            ("dangling csi \u{1b}[12", "dangling csi "),
            ("cut csi \u{1b}[1北", "cut csi 北"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize(input), want, "{input:?}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(prefix_by_width("北朝鮮", 5), ("北朝", 4));
        assert_eq!(ellipsize("abcdef", 4), "abc…");
        assert_eq!(ellipsize("北朝鮮", 4), "北…");
        assert_eq!(ellipsize("abc", 3), "abc");
        assert_eq!(ellipsize("abc", 0), "");
        // "0" + VS16 is an emoji two columns wide, not 1 + 0.
        assert_eq!(ellipsize("a0\u{fe0f}b", 3), "a0…");
    }

    proptest! {
        #[test]
        fn output_has_no_controls_and_is_stable(s in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}]*") {
            let once = sanitize(&s).into_owned();
            prop_assert!(!once.chars().any(needs_care));
            prop_assert_eq!(sanitize(&once), once.as_str());
        }

        #[test]
        fn ellipsize_fits(s in "\\PC{0,40}", max in 0usize..20) {
            prop_assert!(ellipsize(&s, max).width() <= max);
        }
    }
}
