//! An ASCII stand-in for a non-ASCII haystack, which nucleo scores exactly
//! as the haystack itself for a word without capitals, several times faster
//! (its non-ASCII path folds and classifies every character again on every
//! call: most of a search's time before).
//!
//! nucleo compares a haystack character with an ASCII word by its folded
//! form (accents stripped, lower case) and scores it by its class (lower,
//! upper, number, letter, whitespace, other: the bonuses for word starts
//! and camel case). The stand-in replaces each character with an ASCII
//! one of the same class and the same folded form:
//! - one that folds to ASCII by that letter ("É" → "E", "ü" → "u");
//! - one that folds to no ASCII character can equal no character of an
//!   ASCII word: it becomes a *blind* character of its class ("q", "Q",
//!   "0", form feed, or SOH), and a word holding a blind character of the
//!   haystack is scored on the haystack itself.
//!
//! nucleo's "letter" class (a script without case: CJK, Arabic) scores as
//! lower case except before an upper-case character, where it gives no
//! camel-case bonus: such a haystack gets no stand-in, nor does one whose
//! character folds to ASCII of another class ("／" → "/").

use nucleo_matcher::chars::{is_upper_case, normalize, to_lower_case};

use super::class::{Class, ascii_class};

/// Blind characters of a stand-in, as bits.
pub(super) const BLIND_Q: u8 = 1;
pub(super) const BLIND_ZERO: u8 = 2;
pub(super) const BLIND_FORM_FEED: u8 = 4;
pub(super) const BLIND_SOH: u8 = 8;

/// nucleo's `char_class_non_ascii`.
fn class_non_ascii(c: char) -> Class {
    if c.is_lowercase() {
        Class::Lower
    } else if is_upper_case(c) {
        Class::Upper
    } else if c.is_numeric() {
        Class::Number
    } else if c.is_alphabetic() {
        Class::Letter
    } else if c.is_whitespace() {
        Class::Whitespace
    } else {
        Class::NonWord
    }
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        ascii_class(c as u8)
    } else {
        class_non_ascii(c)
    }
}

/// The stand-in of `hay` (nucleo's characters of a non-ASCII text) and its
/// blind characters, or `None` when it cannot have one.
pub(super) fn stand_in(hay: &[char]) -> Option<(Box<[u8]>, u8)> {
    let mut out = Vec::with_capacity(hay.len());
    let mut blind = 0u8;
    for (i, &c) in hay.iter().enumerate() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let k = class_non_ascii(c);
        if k == Class::Letter && hay.get(i + 1).is_some_and(|&n| class(n) == Class::Upper) {
            return None;
        }
        // As nucleo folds it for a word without capitals.
        let folded = to_lower_case(normalize(c));
        let as_class = if k == Class::Letter { Class::Lower } else { k };
        let b = if folded.is_ascii() {
            let b = folded as u8;
            let b = if k == Class::Upper {
                b.to_ascii_uppercase()
            } else {
                b
            };
            if ascii_class(b) != as_class {
                return None;
            }
            b
        } else {
            let (b, bit) = match as_class {
                Class::Lower => (b'q', BLIND_Q),
                Class::Upper => (b'Q', BLIND_Q),
                Class::Number => (b'0', BLIND_ZERO),
                Class::Whitespace => (0x0C, BLIND_FORM_FEED),
                // Non-ASCII characters are never nucleo's delimiters.
                Class::NonWord | Class::Delimiter | Class::Letter => (0x01, BLIND_SOH),
            };
            blind |= bit;
            b
        };
        out.push(b);
    }
    Some((out.into_boxed_slice(), blind))
}

/// The blind characters a word (lower case ASCII) would meet.
pub(super) fn blind_in(word: &[u8]) -> u8 {
    word.iter().fold(0, |m, &b| {
        m | match b.to_ascii_lowercase() {
            b'q' => BLIND_Q,
            b'0' => BLIND_ZERO,
            0x0C => BLIND_FORM_FEED,
            0x01 => BLIND_SOH,
            _ => 0,
        }
    })
}
