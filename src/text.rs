//! Text made safe and measured for the terminal.
//!
//! Dataset text can hold anything: control characters and escape sequences
//! must never reach the terminal as such, and bidi controls must not reorder
//! the screen. Widths are display columns (CJK and emoji take two).
//!
//! ratatui measures a grapheme cluster as one cell of its string width; a
//! terminal advances char by char (wcwidth) and gives every char with a
//! width a cell of its own. Where they disagree, a row comes out short, or a
//! glyph stays behind when ratatui later redraws only the cluster's first
//! cell (a flag is two regional indicators: one ratatui cell, two terminal
//! cells). Shown text avoids the characters terminals measure differently:
//! U+2028/U+2029 become spaces, regional indicators their letters
//! (🇰🇷 → KR), and where emoji glue (ZWJ, variation selectors, skin-tone
//! modifiers, tags) makes one picture of several, it is dropped, so a ZWJ
//! family shows as its members, each measured alike everywhere.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces C0/C1 controls and DEL with visible pictures (ESC → `␛`), tabs,
/// newlines and the Unicode line/paragraph separators with a space, drops
/// bidi embedding/override/isolate marks, and rewrites what terminals would
/// measure differently from ratatui (see the module comment).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    touch(s.len());
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(display_chars(s).into_iter().map(|(_, c)| c).collect())
}

/// The chars to show for `s`, each with the byte offset (in `s`) of the
/// char it stands for: [`sanitize`] for callers that map positions back
/// (the article reader places quotes by byte offset).
pub fn display_chars(s: &str) -> Vec<(usize, char)> {
    // Char by char first: what a char becomes can change the clusters
    // (a skin-tone modifier after U+2028 would join the space it becomes).
    let mapped: Vec<(usize, char)> = s
        .char_indices()
        .filter_map(|(at, c)| safe_char(c).map(|c| (at, c)))
        .collect();
    if !mapped.iter().any(|&(_, c)| is_emoji_glue(c)) {
        return mapped;
    }
    let text: String = mapped.iter().map(|&(_, c)| c).collect();
    let mut out = Vec::with_capacity(mapped.len());
    let mut from = mapped.into_iter();
    for cluster in text.graphemes(true) {
        let unglue = cluster.chars().any(is_emoji_glue) && !one_cell(cluster);
        for item in from.by_ref().take(cluster.chars().count()) {
            if !(unglue && is_emoji_glue(item.1)) {
                out.push(item);
            }
        }
    }
    out
}

/// Does ratatui's one cell for this cluster match the terminal's cells: one
/// char with a width, then only zero-width marks, and the same total?
fn one_cell(cluster: &str) -> bool {
    let mut chars = cluster.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    chars.all(|c| char_width(c) == 0) && width(cluster) == char_width(first)
}

/// Chars that only glue emoji into one picture or choose its presentation:
/// ZWJ, variation selectors, skin-tone modifiers, tag characters.
fn is_emoji_glue(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
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
    c.is_control()
        || is_bidi_control(c)
        || is_separator(c)
        || is_regional_indicator(c)
        || is_emoji_glue(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// LINE SEPARATOR and PARAGRAPH SEPARATOR: terminals disagree on their width.
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// The character to show for `c` on its own, or none.
pub fn safe_char(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        c if is_separator(c) => Some(' '),
        c if is_bidi_control(c) => None,
        // C0 controls map onto the Control Pictures block (U+2400..).
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('␡'),
        c if c.is_control() => Some('�'),
        // A regional indicator is its letter: 🇰 → K.
        c if is_regional_indicator(c) => char::from_u32(c as u32 - 0x1F1E6 + u32::from(b'A')),
        c => Some(c),
    }
}

pub fn width(s: &str) -> usize {
    touch(s.len());
    UnicodeWidthStr::width(s)
}

thread_local! {
    static TOUCHED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn touch(bytes: usize) {
    TOUCHED.with(|t| t.set(t.get().saturating_add(bytes as u64)));
}

/// Bytes of text this thread has sanitised, measured or cut so far: a test
/// hook proving that drawing looks only at what can be visible (a claim
/// text may be 100 MB), whatever the text's length.
pub fn touched() -> u64 {
    TOUCHED.with(std::cell::Cell::get)
}

/// The first `max` chars of `s`, with `…` in place of the rest when it is
/// longer: what a pane of `max` cells can show at most, found without
/// looking further into `s`.
pub fn visible(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => {
            touch(s.len());
            Cow::Borrowed(s)
        }
        Some((end, _)) => {
            touch(end);
            let head = s.get(..end).unwrap_or_default();
            Cow::Owned(format!("{head}…"))
        }
    }
}

pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Sanitises and cuts `s` to at most `max` columns, ending with `…` if cut.
pub fn fit(s: &str, max: usize) -> String {
    // `max` columns show at most `max` chars of width one or more; zero-width
    // chars ride on those, a few per char at most in real text. Looking at
    // no more keeps a 100 MB text as cheap as a short one.
    let room = max.saturating_mul(4).saturating_add(16);
    match s.char_indices().nth(room) {
        None => ellipsize(&sanitize(s), max).into_owned(),
        Some((end, _)) => {
            touch(end);
            let head = sanitize(s.get(..end).unwrap_or_default());
            if width(&head) > max || max == 0 {
                return ellipsize(&head, max).into_owned();
            }
            // Mostly zero-width chars: the ellipsis is due all the same.
            let (head, _) = prefix_by_width(&head, max - 1);
            format!("{head}…")
        }
    }
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
    fn line_and_paragraph_separators_become_spaces() {
        assert_eq!(sanitize("South\u{2028}Korea\u{2029}x"), "South Korea x");
        assert_eq!(width(&sanitize("a\u{2028}\u{2029}b")), 4);
    }

    #[test]
    fn flags_become_their_letters_and_emoji_glue_is_dropped() {
        assert_eq!(sanitize("\u{1F1F0}\u{1F1F7} Seoul"), "KR Seoul");
        assert_eq!(sanitize("lone \u{1F1FA}"), "lone U");
        // A ZWJ family shows as its members; skin tone and VS16 go.
        assert_eq!(sanitize("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
        assert_eq!(sanitize("👍\u{1F3FD}"), "👍");
        assert_eq!(sanitize("0\u{FE0F} ❤\u{FE0F}"), "0 ❤");
        // Combining marks that the terminal attaches to their letter stay.
        assert!(matches!(sanitize("e\u{301} नमस्ते ก่"), Cow::Borrowed(_)));
        // A ZWJ that glues nothing into a wider picture stays too.
        assert_eq!(sanitize("ب\u{200D}ب"), "ب\u{200D}ب");
    }

    #[test]
    fn display_chars_keep_the_offsets_of_what_they_stand_for() {
        let s = "a\u{1F1F0}\u{1F1F7}\u{2028}👍\u{1F3FD}b";
        let shown = display_chars(s);
        let chars: String = shown.iter().map(|&(_, c)| c).collect();
        assert_eq!(chars, "aKR 👍b");
        assert_eq!(
            shown.iter().map(|&(at, _)| at).collect::<Vec<_>>(),
            vec![0, 1, 5, 9, 12, 20]
        );
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
            // Emoji glue may stay where it makes one cell; nothing that can
            // steer a terminal or be measured differently may.
            proptest::prop_assert!(!once.chars().any(|c| c.is_control()
                || is_bidi_control(c)
                || is_separator(c)
                || is_regional_indicator(c)));
            proptest::prop_assert_eq!(sanitize(&once), once.as_str());
        }

        /// What ratatui measures (cluster by cluster) is what a terminal
        /// measures (char by char), and each cluster is one terminal cell.
        #[test]
        fn shown_emoji_text_is_measured_alike(s in "[a 北\u{301}\u{2028}\u{2029}\u{1F1E6}-\u{1F1FF}\u{200D}\u{FE0E}\u{FE0F}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}👨👩❤0-9#*\u{20E3}]{0,24}") {
            let shown = sanitize(&s);
            let by_char: usize = shown.chars().map(char_width).sum();
            let by_cluster: usize = shown.graphemes(true).map(width).sum();
            proptest::prop_assert_eq!(by_cluster, by_char, "{:?} → {:?}", s, shown);
            for cluster in shown.graphemes(true) {
                proptest::prop_assert!(one_cell(cluster), "{:?} → {:?}: {:?}", s, shown, cluster);
            }
        }

        #[test]
        fn fit_fits(s in "\\PC{0,40}", max in 0usize..20) {
            proptest::prop_assert!(width(&fit(&s, max)) <= max);
        }
    }

    #[test]
    fn a_lone_variation_selector_is_kept_and_stable() {
        // Found by the property test above: a lone U+FE0E is one zero-width
        // cell everywhere, so it stays, and sanitising again changes nothing.
        let once = sanitize("\u{fe0e}").into_owned();
        assert_eq!(once, "\u{fe0e}");
        assert_eq!(sanitize(&once), once.as_str());
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
