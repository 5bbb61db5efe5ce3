//! Where things are in the dataset's source text.
//!
//! serde gives us values without positions, so after a successful parse we scan
//! the RON text once more for its *structure* (structs, lists, fields) and record
//! byte offsets. A validation error then names a path such as
//! `claims[3].via[1]` and we turn it into `line:col`. The scan only runs when
//! there is something to report, so valid files pay nothing for it.

// A scanner/algorithm over a slice whose every index is bounded by its loop
// condition (outside bytes reach it: fuzzed, see tests/loader_fuzz.rs and
// the proptests beside it).
#![allow(clippy::indexing_slicing)]

/// The length in bytes of the whitespace character `bytes` starts with, or 0.
/// It is the set ron skips (`ron::parse::is_whitespace_char`), wider than
/// ASCII's: a vertical tab or a line separator ron accepts between tokens
/// must not stop the scan, or every position after it is lost.
pub(crate) fn ron_whitespace_len(bytes: &[u8]) -> usize {
    match bytes {
        [b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C, ..] => 1,
        // U+0085 NEL
        [0xC2, 0x85, ..] => 2,
        // U+200E, U+200F (LRM, RLM), U+2028, U+2029 (line, paragraph separators)
        [0xE2, 0x80, 0x8E | 0x8F | 0xA8 | 0xA9, ..] => 3,
        _ => 0,
    }
}

/// One step of a path into the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    /// An element of a list, or the n-th value inside `Variant(a, b)`.
    Item(usize),
}

/// A 1-based line and column (columns count characters).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug)]
enum Node {
    /// `Name(a: .., b: ..)` or `(a: ..)`.
    Struct {
        start: usize,
        end: usize,
        fields: Vec<(String, Node)>,
    },
    /// `[..]`, `(a, b)` or `Some(x)`/`On("..")`: the elements in order.
    Seq {
        start: usize,
        end: usize,
        items: Vec<Node>,
    },
    Scalar {
        start: usize,
        end: usize,
    },
}

impl Node {
    fn start(&self) -> usize {
        match self {
            Node::Struct { start, .. } | Node::Seq { start, .. } | Node::Scalar { start, .. } => {
                *start
            }
        }
    }

    /// Just past the value (its closing bracket, quote or last character).
    fn end(&self) -> usize {
        match self {
            Node::Struct { end, .. } | Node::Seq { end, .. } | Node::Scalar { end, .. } => *end,
        }
    }
}

/// The structure of a RON text with byte offsets, and a line table.
pub struct SourceMap<'a> {
    src: &'a str,
    root: Option<Node>,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(src: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let root = Scanner {
            src: src.as_bytes(),
            pos: 0,
        }
        .document();
        Self {
            src,
            root,
            line_starts,
        }
    }

    /// The position of the value at `path`, or of the deepest ancestor found.
    pub fn locate(&self, path: &[Seg]) -> Option<LineCol> {
        Some(self.line_col(self.node(path)?.start()))
    }

    /// The source text of the scalar exactly at `path` (e.g. `1` for `format`).
    pub fn scalar_text(&self, path: &[Seg]) -> Option<&'a str> {
        let mut node = self.root.as_ref()?;
        for seg in path {
            node = step(node, seg)?;
        }
        match node {
            Node::Scalar { start, end } => self.src.get(*start..*end),
            _ => None,
        }
    }

    /// The byte range of the value exactly at `path` (no fallback to an
    /// ancestor): from its first character to just past its last.
    pub fn span(&self, path: &[Seg]) -> Option<std::ops::Range<usize>> {
        let node = self.exact(path)?;
        Some(node.start()..node.end())
    }

    /// The byte ranges of the elements of the list (or tuple) at `path`.
    pub fn item_spans(&self, path: &[Seg]) -> Option<Vec<std::ops::Range<usize>>> {
        match self.exact(path)? {
            Node::Seq { items, .. } => Some(items.iter().map(|n| n.start()..n.end()).collect()),
            _ => None,
        }
    }

    /// The names of the fields of the struct at `path`, with their value
    /// ranges, in file order.
    pub fn field_spans(&self, path: &[Seg]) -> Option<Vec<(&str, std::ops::Range<usize>)>> {
        match self.exact(path)? {
            Node::Struct { fields, .. } => Some(
                fields
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.start()..v.end()))
                    .collect(),
            ),
            _ => None,
        }
    }

    pub fn source(&self) -> &'a str {
        self.src
    }

    fn exact(&self, path: &[Seg]) -> Option<&Node> {
        let mut node = self.root.as_ref()?;
        for seg in path {
            node = step(node, seg)?;
        }
        Some(node)
    }

    pub fn has_root(&self) -> bool {
        self.root.is_some()
    }

    fn node(&self, path: &[Seg]) -> Option<&Node> {
        let mut node = self.root.as_ref()?;
        for seg in path {
            match step(node, seg) {
                Some(n) => node = n,
                None => break,
            }
        }
        Some(node)
    }

    /// The byte offset of a 1-based line and column (columns count
    /// characters), clamped to the text.
    pub fn offset(&self, at: LineCol) -> usize {
        let Some(&start) = self.line_starts.get(at.line.saturating_sub(1)) else {
            return self.src.len();
        };
        let end = self
            .line_starts
            .get(at.line)
            .map_or(self.src.len(), |&e| e - 1);
        self.src
            .get(start..end)
            .and_then(|line| line.char_indices().nth(at.col.saturating_sub(1)))
            .map_or(end, |(i, _)| start + i)
    }

    /// The first offset at or after `offset` that is not whitespace or a comment.
    pub fn next_token(&self, offset: usize) -> usize {
        let mut s = Scanner {
            src: self.src.as_bytes(),
            pos: offset.min(self.src.len()),
        };
        s.skip_trivia();
        s.pos.min(self.src.len())
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self
            .src
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        LineCol { line, col }
    }
}

fn step<'n>(node: &'n Node, seg: &Seg) -> Option<&'n Node> {
    match (seg, node) {
        (Seg::Field(name), Node::Struct { fields, .. }) => {
            fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
        }
        (Seg::Item(i), Node::Seq { items, .. }) => items.get(*i),
        _ => None,
    }
}

struct Scanner<'s> {
    src: &'s [u8],
    pos: usize,
}

/// Deeper nesting than this is not a dataset; ron itself stops at 128.
const MAX_DEPTH: usize = 256;

impl Scanner<'_> {
    fn document(&mut self) -> Option<Node> {
        self.skip_trivia();
        // `#![enable(...)]` extension attributes come first.
        while self.rest().starts_with(b"#!") {
            while self.peek().is_some_and(|c| c != b']') {
                self.pos += 1;
            }
            self.advance(1);
            self.skip_trivia();
        }
        self.value(0)
    }

    /// The unread input; empty past the end (escapes may step over it).
    fn rest(&self) -> &[u8] {
        self.src.get(self.pos..).unwrap_or(&[])
    }

    fn advance(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.src.len());
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.src.get(self.pos + 1)) {
                _ if ron_whitespace_len(self.rest()) > 0 => {
                    self.pos += ron_whitespace_len(self.rest());
                }
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 && self.pos < self.src.len() {
                        if self.rest().starts_with(b"/*") {
                            depth += 1;
                            self.pos += 2;
                        } else if self.rest().starts_with(b"*/") {
                            depth -= 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_trivia();
        let start = self.pos;
        match self.peek()? {
            b'"' => {
                self.string();
                Some(Node::Scalar {
                    start,
                    end: self.pos,
                })
            }
            // `r"..."` or `r#"..."#`; `r#name` is a raw identifier.
            b'r' if self.rest()[1..].iter().find(|&&c| c != b'#') == Some(&b'"') => {
                self.raw_string();
                Some(Node::Scalar {
                    start,
                    end: self.pos,
                })
            }
            b'b' if self.src.get(self.pos + 1) == Some(&b'"') => {
                self.pos += 1;
                self.string();
                Some(Node::Scalar {
                    start,
                    end: self.pos,
                })
            }
            b'\'' => {
                self.pos += 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    match c {
                        b'\\' => self.advance(1),
                        b'\'' => break,
                        _ => {}
                    }
                }
                Some(Node::Scalar {
                    start,
                    end: self.pos,
                })
            }
            b'[' => {
                self.pos += 1;
                let items = self.items(b']', depth)?;
                Some(Node::Seq {
                    start,
                    end: self.pos,
                    items,
                })
            }
            b'{' => {
                // Maps: keep values in order, keys are skipped over.
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_trivia();
                    if self.peek()? == b'}' {
                        self.pos += 1;
                        break;
                    }
                    self.value(depth + 1)?;
                    self.skip_trivia();
                    if self.peek()? == b':' {
                        self.pos += 1;
                    }
                    items.push(self.value(depth + 1)?);
                    self.skip_trivia();
                    if self.peek()? == b',' {
                        self.pos += 1;
                    }
                }
                Some(Node::Seq {
                    start,
                    end: self.pos,
                    items,
                })
            }
            b'(' => self.parens(start, depth),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                self.ident();
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.parens(start, depth)
                } else {
                    Some(Node::Scalar {
                        start,
                        end: self.pos,
                    })
                }
            }
            _ => {
                // Numbers and anything else: up to the next delimiter, and
                // at least one byte so that stray punctuation cannot stall us.
                self.advance(1);
                while self
                    .peek()
                    .is_some_and(|c| !matches!(c, b',' | b')' | b']' | b'}' | b':'))
                    && ron_whitespace_len(self.rest()) == 0
                {
                    self.pos += 1;
                }
                Some(Node::Scalar {
                    start,
                    end: self.pos,
                })
            }
        }
    }

    /// After a name (or none): `(field: v, ...)` is a struct, `(v, ...)` a tuple.
    fn parens(&mut self, start: usize, depth: usize) -> Option<Node> {
        self.pos += 1; // '('
        self.skip_trivia();
        let save = self.pos;
        let is_struct = {
            let before = self.pos;
            self.ident();
            let had_ident = self.pos > before;
            self.skip_trivia();
            let colon =
                had_ident && self.peek() == Some(b':') && self.src.get(self.pos + 1) != Some(&b':');
            self.pos = save;
            colon
        };
        if !is_struct {
            let items = self.items(b')', depth)?;
            return Some(Node::Seq {
                start,
                end: self.pos,
                items,
            });
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == b')' {
                self.pos += 1;
                break;
            }
            let name_start = self.pos;
            self.ident();
            // `r#name` is the raw identifier for `name`.
            let raw = &self.src[name_start..self.pos];
            let name = String::from_utf8_lossy(raw.strip_prefix(b"r#").unwrap_or(raw)).into_owned();
            if name.is_empty() {
                return None;
            }
            self.skip_trivia();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            let v = self.value(depth + 1)?;
            fields.push((name, v));
            self.skip_trivia();
            if self.peek()? == b',' {
                self.pos += 1;
            }
        }
        Some(Node::Struct {
            start,
            end: self.pos,
            fields,
        })
    }

    fn items(&mut self, close: u8, depth: usize) -> Option<Vec<Node>> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == close {
                self.pos += 1;
                return Some(items);
            }
            items.push(self.value(depth + 1)?);
            self.skip_trivia();
            if self.peek()? == b',' {
                self.pos += 1;
            }
        }
    }

    fn ident(&mut self) {
        if self.rest().starts_with(b"r#") {
            self.pos += 2;
        }
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.pos += 1;
        }
    }

    fn string(&mut self) {
        self.pos += 1; // opening quote
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => self.advance(1),
                b'"' => return,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) {
        self.pos += 1; // 'r'
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.pos += 1; // opening quote
        while self.pos < self.src.len() {
            if self.src[self.pos] == b'"'
                && self.src[self.pos + 1..]
                    .iter()
                    .take(hashes)
                    .filter(|&&c| c == b'#')
                    .count()
                    == hashes
            {
                self.pos += 1 + hashes;
                return;
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"// comment
Dataset(
    format: 1, /* block /* nested */ */
    claims: [
        Claim(id: "a", via: ["x", "y"]),
        Claim(
            id: "b(", // tricky ) text
            said: Between("2024-10-18", "2024-13-40"),
            said_as: Some("last Friday"),
        ),
    ],
)"#;

    fn at(path: &[Seg]) -> (usize, usize) {
        let lc = SourceMap::new(SRC).locate(path).expect("located");
        (lc.line, lc.col)
    }

    #[test]
    fn locates_fields_items_and_variant_arguments() {
        use Seg::*;
        assert_eq!(at(&[Field("format")]), (3, 13));
        assert_eq!(
            at(&[Field("claims"), Item(0), Field("via"), Item(1)]),
            (5, 35)
        );
        assert_eq!(at(&[Field("claims"), Item(1), Field("id")]), (7, 17));
        assert_eq!(
            at(&[Field("claims"), Item(1), Field("said"), Item(1)]),
            (8, 41)
        );
        assert_eq!(at(&[Field("claims"), Item(1), Field("said_as")]), (9, 22));
    }

    #[test]
    fn missing_parts_fall_back_to_the_deepest_ancestor() {
        use Seg::*;
        assert_eq!(at(&[Field("claims"), Item(7), Field("id")]), (4, 13));
    }

    #[test]
    fn garbage_does_not_panic() {
        for s in [
            "",
            "(",
            "Dataset(a:",
            "r#\"",
            "\"\\",
            "[[[[",
            "#![",
            "/*",
            "'",
            "(a::b)",
        ] {
            let m = SourceMap::new(s);
            let _ = m.locate(&[Seg::Field("a"), Seg::Item(0)]);
            let _ = m.line_col(s.len());
        }
    }
}
