//! The article reader: the article wrapped to a width, with every claim's
//! quote marked and the current one highlighted.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::wrap::Styled;
use crate::model::{ArticleIx, ClaimIx, Loaded};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegKind {
    Plain,
    /// Headline and metadata lines.
    Heading,
    Meta,
    /// The current quote.
    Current,
    /// Another claim's quote.
    Quote,
}

/// A run of reader text of one kind.
pub type Seg = Styled<SegKind>;

/// What a shown line holds of a paragraph: each char shown after the
/// line's lead (its number or indent), with the byte offset in the
/// paragraph of the char it stands for. Maps screen cells to text and back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineText {
    pub paragraph: usize,
    /// Columns taken by the lead.
    pub lead: usize,
    pub chars: Vec<(usize, char)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleLayout {
    pub lines: Vec<Vec<Seg>>,
    /// Each quoted claim and the line its quote starts on, in reading order.
    pub quotes: Vec<(ClaimIx, usize)>,
    /// Parallel to `lines`: the paragraph text a line shows (none for the
    /// headline, metadata and blank lines).
    pub text: Vec<Option<LineText>>,
    /// The lines of each paragraph.
    pub paragraph_lines: Vec<std::ops::Range<usize>>,
}

/// The open reader. The article's layout is kept here, made when the reader
/// opens, the current quote changes or the width changes: never per frame.
/// A cursor moves over the paragraphs' text; `v` anchors a selection at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderState {
    pub article: ArticleIx,
    /// The claim whose quote is current (n/N move it); none when the
    /// article was opened from the articles list and has no quote chosen.
    current: Option<ClaimIx>,
    pub scroll: usize,
    layout: ArticleLayout,
    width: usize,
    pub(super) cursor: TextPos,
    /// Where the visual selection started (same paragraph as the cursor).
    pub(super) anchor: Option<TextPos>,
}

impl ReaderState {
    /// The reader on `c`'s article, scrolled to its quote, the cursor on it.
    pub fn open(loaded: &Loaded, c: ClaimIx, width: usize) -> Option<Self> {
        let article = *loaded.index.claim_article.get(c.i())?;
        let mut r = Self::open_article(loaded, article, width)?;
        r.set_current(loaded, c);
        if let Some(q) = loaded.index.claim_quote.get(c.i()) {
            r.cursor = TextPos {
                paragraph: q.paragraph as usize,
                byte: q.start as usize,
            };
            r.snap_cursor(loaded);
        }
        Some(r)
    }

    /// The reader on an article from its top, no quote current.
    pub fn open_article(loaded: &Loaded, article: ArticleIx, width: usize) -> Option<Self> {
        loaded.dataset.articles.get(article.i())?;
        Some(Self {
            article,
            current: None,
            scroll: 0,
            layout: layout_article(loaded, article, None, width),
            width,
            cursor: TextPos::default(),
            anchor: None,
        })
    }

    pub fn layout(&self) -> &ArticleLayout {
        &self.layout
    }

    pub fn current(&self) -> Option<ClaimIx> {
        self.current
    }

    pub fn cursor(&self) -> TextPos {
        self.cursor
    }

    /// The visual selection: its paragraph and byte range (the cursor's
    /// grapheme included, as in vim).
    pub fn selection(&self, loaded: &Loaded) -> Option<(usize, std::ops::Range<usize>)> {
        let a = self.anchor?;
        let body = self.paragraph_text(loaded, a.paragraph)?;
        let (lo, hi) = if a.byte <= self.cursor.byte {
            (a.byte, self.cursor.byte)
        } else {
            (self.cursor.byte, a.byte)
        };
        Some((
            a.paragraph,
            lo..super::reader_cursor::grapheme_end(body, hi),
        ))
    }

    pub(super) fn paragraph_text<'a>(&self, loaded: &'a Loaded, p: usize) -> Option<&'a str> {
        loaded
            .dataset
            .articles
            .get(self.article.i())
            .and_then(|a| a.body.get(p))
            .map(String::as_str)
    }

    /// Makes `c` the current quote and scrolls to it.
    fn set_current(&mut self, loaded: &Loaded, c: ClaimIx) {
        self.current = Some(c);
        self.layout = layout_article(loaded, self.article, Some(c), self.width);
        let line = self
            .layout
            .quotes
            .iter()
            .find(|(q, _)| *q == c)
            .map_or(0, |&(_, l)| l);
        self.scroll = line.saturating_sub(2);
    }

    /// The next (or previous) quote, wrapping around; the cursor goes to it.
    pub(super) fn step_quote(&mut self, loaded: &Loaded, dir: isize) {
        let quotes = &self.layout.quotes;
        if quotes.is_empty() {
            return;
        }
        let n = quotes.len() as isize;
        let next = match quotes.iter().position(|(q, _)| Some(*q) == self.current) {
            Some(i) => (i as isize + dir).rem_euclid(n),
            None if dir > 0 => 0,
            None => n - 1,
        };
        if let Some(&(c, _)) = quotes.get(next as usize) {
            self.set_current(loaded, c);
            if self.anchor.is_none()
                && let Some(q) = loaded.index.claim_quote.get(c.i())
            {
                self.cursor = TextPos {
                    paragraph: q.paragraph as usize,
                    byte: q.start as usize,
                };
                self.snap_cursor(loaded);
            }
        }
    }

    /// Lays the article out again for a new width, keeping the scroll in range.
    pub(super) fn resize(&mut self, loaded: &Loaded, width: usize) {
        if width != self.width {
            self.width = width;
            self.layout = layout_article(loaded, self.article, self.current, width);
            self.scroll_by(0);
        }
    }

    pub(super) fn scroll_by(&mut self, delta: isize) {
        let last = self.layout.lines.len().saturating_sub(1) as isize;
        self.scroll = (self.scroll as isize + delta).clamp(0, last) as usize;
    }
}

/// A place in the article's text: a paragraph (0-based) and the byte
/// offset of a grapheme in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPos {
    pub paragraph: usize,
    pub byte: usize,
}

/// Lays out an article at `width` columns. Cost is the article's length.
pub fn layout_article(
    loaded: &Loaded,
    article: ArticleIx,
    current: Option<ClaimIx>,
    width: usize,
) -> ArticleLayout {
    let width = width.max(8);
    let ds = &loaded.dataset;
    let ix = &loaded.index;
    let mut out = ArticleLayout::default();
    // Indices are checked even here: a view must survive a bad span.
    let Some(a) = ds.articles.get(article.i()) else {
        return out;
    };
    wrap_into(
        &mut out.lines,
        &[(a.headline.as_str(), SegKind::Heading)],
        width,
        "",
    );
    let outlet = ix
        .article_outlet
        .get(article.i())
        .and_then(|o| ds.actors.get(o.i()))
        .map_or("", |o| o.name.as_str());
    let published = ix
        .article_published
        .get(article.i())
        .map_or_else(String::new, ToString::to_string);
    let meta = format!("{outlet} · published {published}");
    wrap_into(&mut out.lines, &[(meta.as_str(), SegKind::Meta)], width, "");
    if let Some(url) = &a.url {
        wrap_into(&mut out.lines, &[(url.as_str(), SegKind::Meta)], width, "");
    }
    if let Some(credit) = &a.credit {
        wrap_into(
            &mut out.lines,
            &[(credit.as_str(), SegKind::Meta)],
            width,
            "",
        );
    }
    let claims = ix.article_claims.get(article.i());
    for (p, body) in a.body.iter().enumerate() {
        out.lines.push(Vec::new());
        // Mark each byte with the quote covering it; the current quote wins.
        let mut kinds = vec![SegKind::Plain; body.len()];
        let mut starts: Vec<(usize, ClaimIx)> = Vec::new();
        for &c in claims {
            let Some(q) = ix.claim_quote.get(c.i()) else {
                continue;
            };
            if q.paragraph as usize != p || q.end <= q.start {
                continue;
            }
            let (s, e) = (q.start as usize, (q.end as usize).min(body.len()));
            let Some(covered) = kinds.get_mut(s..e) else {
                continue;
            };
            starts.push((s, c));
            let kind = if Some(c) == current {
                SegKind::Current
            } else {
                SegKind::Quote
            };
            for k in covered {
                if *k != SegKind::Current {
                    *k = kind;
                }
            }
        }
        let mut segs: Vec<(usize, SegKind)> = Vec::new(); // (byte start, kind) runs
        for (i, k) in kinds.iter().enumerate() {
            if body.is_char_boundary(i) && segs.last().is_none_or(|(_, last)| last != k) {
                segs.push((i, *k));
            }
        }
        let pieces: Vec<(&str, SegKind)> = segs
            .iter()
            .enumerate()
            .map(|(n, &(s, k))| {
                let e = segs.get(n + 1).map_or(body.len(), |&(e, _)| e);
                (body.get(s..e).unwrap_or(""), k)
            })
            .collect();
        let first_line = out.lines.len();
        let prefix = format!("{:>2} ", p + 1);
        let mut chars = Vec::new();
        let byte_lines = super::wrap::wrap_mapped(
            &mut out.lines,
            &pieces,
            width,
            &prefix,
            SegKind::Meta,
            &mut chars,
        );
        let lead = crate::text::width(&prefix);
        out.text.resize(first_line, None);
        for chars in chars {
            out.text.push(Some(LineText {
                paragraph: p,
                lead,
                chars,
            }));
        }
        out.paragraph_lines.push(first_line..out.lines.len());
        starts.sort();
        for (s, c) in starts {
            let line = byte_lines.iter().rposition(|&b| b <= s).unwrap_or(0);
            out.quotes.push((c, first_line + line));
        }
    }
    out.quotes.sort_by_key(|&(c, line)| (line, c));
    out.text.resize(out.lines.len(), None);
    out
}

/// The reader's word wrap: continuation lines are indented as metadata.
fn wrap_into(
    lines: &mut Vec<Vec<Seg>>,
    pieces: &[(&str, SegKind)],
    width: usize,
    prefix: &str,
) -> Vec<usize> {
    super::wrap::wrap_into(lines, pieces, width, prefix, SegKind::Meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;

    #[test]
    fn every_quote_is_placed_and_the_current_one_marked() {
        let loaded = load_bundled().expect("bundled");
        let c = ClaimIx(3);
        let art = loaded.index.claim_article[c.i()];
        let layout = layout_article(&loaded, art, Some(c), 60);
        assert_eq!(
            layout.quotes.len(),
            loaded.index.article_claims.get(art.i()).len()
        );
        let (_, line) = layout
            .quotes
            .iter()
            .find(|(q, _)| *q == c)
            .copied()
            .expect("placed");
        assert!(
            layout.lines[line]
                .iter()
                .any(|s| s.kind == SegKind::Current)
        );
        for l in &layout.lines {
            let w: usize = l.iter().map(|s| crate::text::width(&s.text)).sum();
            assert!(w <= 60, "line too wide: {w}");
        }
    }
}

#[cfg(test)]
mod hostile_spans {
    use super::*;
    use crate::model::{QuoteSpan, load_bundled};

    /// Spans no validated load has (a damaged cache once gave them): the
    /// layout shows the article without those quotes, and never panics.
    #[test]
    fn spans_outside_their_paragraph_or_inside_a_character_are_skipped() {
        let mut loaded = load_bundled().expect("bundled");
        let c = ClaimIx(3);
        let art = loaded.index.claim_article[c.i()];
        loaded.dataset.articles[art.i()].body[0].insert(0, 'é');
        let bad = [
            (0, 1 << 20, (1 << 20) + 5),
            (0, 1, 2),
            (0, 0, 1),
            (999, 0, 4),
            (0, 9, 3),
        ];
        for (paragraph, start, end) in bad {
            loaded.index.claim_quote[c.i()] = QuoteSpan {
                paragraph,
                start,
                end,
            };
            let layout = layout_article(&loaded, art, Some(c), 40);
            assert!(!layout.lines.is_empty());
        }
        // An article or outlet out of range: an empty layout, no panic.
        let none = layout_article(&loaded, ArticleIx(9999), Some(c), 40);
        assert!(none.lines.is_empty());
        loaded.index.article_outlet[art.i()] = crate::model::ActorIx(9999);
        layout_article(&loaded, art, Some(c), 40);
    }
}
