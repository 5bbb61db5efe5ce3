//! nucleo's character classes, for ASCII as nucleo-matcher 0.3 tells them
//! apart with its default configuration (`chars::CharClass`, in its order:
//! the bonus rules compare them). Shared by `dp` and `stand_in`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Class {
    Whitespace,
    NonWord,
    Delimiter,
    Lower,
    Upper,
    /// A letter with no case (non-ASCII only).
    Letter,
    Number,
}

/// nucleo's `char_class` of an ASCII byte (with the default delimiters).
pub(super) fn ascii_class(b: u8) -> Class {
    match b {
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Number,
        _ if b.is_ascii_whitespace() => Class::Whitespace,
        b'/' | b',' | b':' | b';' | b'|' => Class::Delimiter,
        _ => Class::NonWord,
    }
}
