//! Reading an article from a web page, Markdown or plain text: its
//! paragraphs verbatim (entities decoded, whitespace folded, typographic
//! characters kept) and what the page says about it. Everything here is
//! hostile input: no panic, no recursion on the document's depth.

mod html;
mod markdown;
mod text;

pub use html::extract_html;
pub use markdown::extract_markdown;
pub use text::extract_text;

/// An article as found in a file, before it becomes a dataset's `Article`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub headline: Option<String>,
    /// As the page gives it, reduced to `YYYY-MM-DD` when it starts with one.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Byline or photo credit.
    pub credit: Option<String>,
    pub paragraphs: Vec<String>,
}

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Text,
}

impl Format {
    /// From a file name's extension (`.html`/`.htm`, `.md`/`.markdown`, `.txt`).
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "md" | "markdown" => Some(Self::Markdown),
            "txt" | "text" => Some(Self::Text),
            _ => None,
        }
    }

    pub fn extract(self, src: &str) -> Extracted {
        match self {
            Self::Html => extract_html(src),
            Self::Markdown => extract_markdown(src),
            Self::Text => extract_text(src),
        }
    }
}

/// Runs of whitespace folded to one space, trimmed. Only ASCII whitespace:
/// a no-break space is the article's own character and is kept.
pub fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `2024-11-05T10:00:00+02:00` → `2024-11-05`; other forms as given.
pub fn date_part(s: &str) -> String {
    let s = s.trim();
    let b = s.as_bytes();
    let is_date = b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if is_date {
        s.get(..10).unwrap_or(s).to_owned()
    } else {
        s.to_owned()
    }
}

/// `Some(folded)` unless empty.
fn nonempty(s: &str) -> Option<String> {
    let f = fold_whitespace(s);
    (!f.is_empty()).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_dates() {
        assert_eq!(fold_whitespace("  a\n\t b \u{a0}c  "), "a b \u{a0}c");
        assert_eq!(date_part("2024-11-05T10:00:00+02:00"), "2024-11-05");
        assert_eq!(date_part("5 Nov 2024"), "5 Nov 2024");
        assert_eq!(date_part("2024-1"), "2024-1");
    }
}
