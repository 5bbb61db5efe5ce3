//! `check --fix`: the quote repairs that are unambiguous.
//!
//! Two kinds only: the exact text is in one other paragraph (the paragraph
//! number is corrected), or the text differs from one passage only by
//! typographic characters (the article's characters are taken). Anything
//! else stays an error for a person to decide.

use super::AuthorError;
use crate::model::dataset::Dataset;
use crate::model::passage::{find_typographic, find_verbatim};
use crate::model::spans::{LineCol, Seg, SourceMap};

use super::render;

/// One repair of a claim's quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteFix {
    pub claim: String,
    /// Where the quote is in the file (before the repair).
    pub at: Option<LineCol>,
    pub from_paragraph: u32,
    pub to_paragraph: u32,
    /// The new text, when it changes (typographic repair).
    pub text: Option<(String, String)>,
}

impl std::fmt::Display for QuoteFix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "claim \"{}\": ", self.claim)?;
        if self.from_paragraph != self.to_paragraph {
            write!(
                f,
                "quote paragraph {} → {}",
                self.from_paragraph, self.to_paragraph
            )?;
            if self.text.is_some() {
                f.write_str("; ")?;
            }
        }
        if let Some((from, to)) = &self.text {
            write!(f, "quote text “{from}” → “{to}” (the article's characters)")?;
        }
        Ok(())
    }
}

/// The repairs `src` admits, in claim order. `src` must parse (syntax
/// errors are not repaired).
pub fn plan_quote_fixes(src: &str) -> Result<Vec<QuoteFix>, AuthorError> {
    let ds: Dataset = ron::Options::default().from_str(src).map_err(|e| {
        AuthorError::Edit(format!(
            "cannot repair a file that does not parse: {}",
            e.code
        ))
    })?;
    let map = SourceMap::new(src);
    let mut out = Vec::new();
    for (i, c) in ds.claims.iter().enumerate() {
        let Some(article) = ds.articles.iter().find(|a| a.id == c.article) else {
            continue;
        };
        let body = &article.body;
        let p = c.quote.paragraph;
        let stated = (p as usize).checked_sub(1).and_then(|k| body.get(k));
        if stated.is_some_and(|t| find_verbatim(t, &c.quote.text).is_some()) {
            continue;
        }
        let at = map.locate(&[Seg::Field("claims"), Seg::Item(i), Seg::Field("quote")]);
        let verbatim: Vec<usize> = (0..body.len())
            .filter(|&k| {
                body.get(k)
                    .is_some_and(|p| find_verbatim(p, &c.quote.text).is_some())
            })
            .collect();
        if let [k] = verbatim.as_slice() {
            out.push(QuoteFix {
                claim: c.id.to_string(),
                at,
                from_paragraph: p,
                to_paragraph: *k as u32 + 1,
                text: None,
            });
            continue;
        }
        if !verbatim.is_empty() {
            continue; // in several paragraphs: which one is for a person to say
        }
        let typo = |k: usize| {
            body.get(k)
                .and_then(|t| find_typographic(t, &c.quote.text).map(|r| (k, r)))
        };
        let in_stated = (p as usize).checked_sub(1).and_then(typo);
        let hit = in_stated.or_else(|| {
            let all: Vec<_> = (0..body.len()).filter_map(typo).collect();
            if all.len() == 1 {
                all.into_iter().next()
            } else {
                None
            }
        });
        if let Some((k, r)) = hit
            && let Some(text) = body.get(k).and_then(|t| t.get(r))
        {
            out.push(QuoteFix {
                claim: c.id.to_string(),
                at,
                from_paragraph: p,
                to_paragraph: k as u32 + 1,
                text: Some((c.quote.text.clone(), text.to_owned())),
            });
        }
    }
    Ok(out)
}

/// `src` with `fixes` applied (as planned on this very text), format-preserving.
pub fn apply_quote_fixes(src: &str, fixes: &[QuoteFix]) -> Result<String, AuthorError> {
    let ds: Dataset = ron::Options::default().from_str(src).map_err(|e| {
        AuthorError::Edit(format!(
            "cannot repair a file that does not parse: {}",
            e.code
        ))
    })?;
    // Later values first, so that earlier offsets stay valid.
    let mut edits: Vec<(Vec<Seg>, String)> = Vec::new();
    for fix in fixes {
        let i = ds
            .claims
            .iter()
            .position(|c| c.id == fix.claim)
            .ok_or_else(|| AuthorError::Edit(format!("claim \"{}\" is gone", fix.claim)))?;
        let quote = |f| {
            vec![
                Seg::Field("claims"),
                Seg::Item(i),
                Seg::Field("quote"),
                Seg::Field(f),
            ]
        };
        if fix.from_paragraph != fix.to_paragraph {
            edits.push((quote("paragraph"), fix.to_paragraph.to_string()));
        }
        if let Some((_, to)) = &fix.text {
            edits.push((quote("text"), render::string(to)));
        }
    }
    let map = SourceMap::new(src);
    let mut spans = Vec::with_capacity(edits.len());
    for (path, value) in edits {
        let span = map
            .span(&path)
            .ok_or_else(|| AuthorError::Edit("a quote to repair is not in the file".into()))?;
        spans.push((span, value));
    }
    spans.sort_by_key(|s| std::cmp::Reverse(s.0.start));
    let mut out = src.to_owned();
    for (span, value) in spans {
        if !(out.is_char_boundary(span.start) && out.is_char_boundary(span.end)) {
            return Err(AuthorError::Edit(
                "a quote to repair is not where expected".into(),
            ));
        }
        out.replace_range(span, &value);
    }
    Ok(out)
}
