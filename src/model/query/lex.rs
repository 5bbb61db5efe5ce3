//! Splits a query into raw terms: negation, field name, comma-separated
//! values (bare or quoted, with an optional `~`), or a word or phrase.

use super::QueryError;

#[derive(Debug)]
pub(super) struct RawTerm {
    pub start: usize,
    pub end: usize,
    pub negated: bool,
    pub body: Body,
}

#[derive(Debug)]
pub(super) enum Body {
    Text {
        text: String,
        phrase: bool,
    },
    Field {
        /// As written (the parser compares it without case).
        name: String,
        name_start: usize,
        /// Byte offset just after the `:`.
        colon_end: usize,
        items: Vec<Item>,
    },
}

#[derive(Debug)]
pub(super) struct Item {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// A `~` followed the value.
    pub tilde: bool,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|s| s.chars().next())
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// The end of the character at the current position (for one-character errors).
    fn next_end(&self) -> usize {
        self.pos + self.peek().map_or(0, char::len_utf8)
    }

    fn at_break(&self) -> bool {
        self.peek().is_none_or(char::is_whitespace)
    }

    fn err(&self, start: usize, end: usize, msg: impl Into<String>) -> QueryError {
        QueryError::new(self.src, start, end, msg)
    }

    /// A `"…"` string starting at the current `"`; `\"` and `\\` are escapes.
    fn quoted(&mut self) -> Result<String, QueryError> {
        let open = self.pos;
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(self
                        .err(open, self.src.len(), "unclosed quote")
                        .hint("end the phrase with \""));
                }
                Some('"') => return Ok(out),
                Some('\\') if matches!(self.peek(), Some('"' | '\\')) => {
                    out.extend(self.bump());
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn items(&mut self, name: &str) -> Result<Vec<Item>, QueryError> {
        let mut items = Vec::new();
        if self.at_break() {
            return Ok(items);
        }
        loop {
            let start = self.pos;
            let (mut text, quoted) = if self.peek() == Some('"') {
                (self.quoted()?, true)
            } else {
                let mut s = String::new();
                while let Some(c) = self.peek() {
                    if c == ',' || c.is_whitespace() {
                        break;
                    }
                    s.push(c);
                    self.bump();
                }
                (s, false)
            };
            let mut tilde = false;
            if quoted {
                if self.peek() == Some('~') {
                    self.bump();
                    tilde = true;
                }
            } else if let Some(t) = text.strip_suffix('~') {
                text = t.to_owned();
                tilde = true;
            }
            if text.trim().is_empty() {
                return Err(self.err(start, self.pos, format!("empty value in {name}:")));
            }
            items.push(Item {
                text,
                start,
                end: self.pos,
                tilde,
            });
            match self.peek() {
                Some(',') => {
                    self.bump();
                    if self.at_break() {
                        return Err(self.err(
                            self.pos,
                            self.pos,
                            format!("empty value in {name}: after \",\""),
                        ));
                    }
                }
                _ if self.at_break() => return Ok(items),
                Some(_) => {
                    return Err(self.err(
                        self.pos,
                        self.next_end(),
                        "expected \",\" or a space after the quote",
                    ));
                }
                None => return Ok(items),
            }
        }
    }

    fn term(&mut self) -> Result<RawTerm, QueryError> {
        let start = self.pos;
        let negated = self.peek() == Some('-');
        if negated {
            self.bump();
            if self.at_break() {
                return Err(self
                    .err(start, self.pos, "nothing after \"-\"")
                    .hint("write -term to exclude what term matches"));
            }
        }
        let body_start = self.pos;
        if self.peek() == Some('"') {
            let text = self.quoted()?;
            if !self.at_break() {
                return Err(self.err(
                    self.pos,
                    self.next_end(),
                    "expected a space after the quote",
                ));
            }
            return Ok(RawTerm {
                start,
                end: self.pos,
                negated,
                body: Body::Text { text, phrase: true },
            });
        }
        // A field is a run of letters followed by ':'; anything else is a word.
        let name_len = self.src.get(body_start..).map_or(0, |s| {
            s.bytes()
                .take_while(|b| b.is_ascii_alphabetic() || *b == b'_')
                .count()
        });
        let after_name = body_start + name_len;
        if name_len > 0 && self.src.as_bytes().get(after_name) == Some(&b':') {
            let name = self.src[body_start..after_name].to_owned();
            self.pos = after_name + 1;
            let colon_end = self.pos;
            let items = self.items(&name.to_lowercase())?;
            return Ok(RawTerm {
                start,
                end: self.pos,
                negated,
                body: Body::Field {
                    name,
                    name_start: body_start,
                    colon_end,
                    items,
                },
            });
        }
        let mut text = String::new();
        while !self.at_break() {
            text.extend(self.bump());
        }
        Ok(RawTerm {
            start,
            end: self.pos,
            negated,
            body: Body::Text {
                text,
                phrase: false,
            },
        })
    }
}

pub(super) fn lex(src: &str) -> Result<Vec<RawTerm>, QueryError> {
    let mut lx = Lexer { src, pos: 0 };
    let mut terms = Vec::new();
    loop {
        while lx.peek().is_some_and(char::is_whitespace) {
            lx.bump();
        }
        if lx.peek().is_none() {
            return Ok(terms);
        }
        terms.push(lx.term()?);
    }
}
