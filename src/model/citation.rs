//! What `y`/`Y` copy and `o` opens for a claim: a citation line, its parts,
//! the claim as Markdown, and the links an analyst may want to open.
//! Plain strings; the TUI's edge puts them on a clipboard or hands a URL to
//! the system opener.

use super::annotation::AnnotationSet;
use super::export::ClaimView;
use super::export::markdown::claim_markdown;
use super::web_url::check_http_url;
use super::{ClaimIx, Loaded};

/// Something `Y` can copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CopyWhat {
    /// “quote” — claimant (via chain), in “headline”, outlet, date [id]
    Citation,
    Quote,
    ClaimText,
    Id,
    ArticleUrl,
    Markdown,
}

impl CopyWhat {
    pub const ALL: [CopyWhat; 6] = [
        Self::Citation,
        Self::Quote,
        Self::ClaimText,
        Self::Id,
        Self::ArticleUrl,
        Self::Markdown,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Citation => "citation",
            Self::Quote => "quote",
            Self::ClaimText => "claim text",
            Self::Id => "claim id",
            Self::ArticleUrl => "article URL",
            Self::Markdown => "claim as Markdown",
        }
    }
}

/// The text to copy, or why there is none (an article without a URL).
pub fn copy_text(
    loaded: &Loaded,
    set: Option<&AnnotationSet>,
    ix: ClaimIx,
    what: CopyWhat,
) -> Result<String, String> {
    let v = ClaimView::new(loaded, set, ix).ok_or("no such claim")?;
    let c = v.claim;
    Ok(match what {
        CopyWhat::Citation => citation(&v),
        CopyWhat::Quote => c.quote.text.clone(),
        CopyWhat::ClaimText => c.text.clone(),
        CopyWhat::Id => c.id.to_string(),
        CopyWhat::ArticleUrl => v
            .article
            .url
            .clone()
            .ok_or_else(|| format!("article {} has no URL", v.article.id))?,
        CopyWhat::Markdown => claim_markdown(loaded, set, ix),
    })
}

/// “quote” — claimant (via A, B), in “headline”, outlet, published [id]
pub fn citation(v: &ClaimView<'_>) -> String {
    let c = v.claim;
    let via: Vec<&str> = v.via.iter().map(|a| a.name.as_str()).collect();
    let chain = if via.is_empty() {
        v.claimant.name.clone()
    } else {
        format!("{} (via {})", v.claimant.name, via.join(", "))
    };
    format!(
        "“{}” — {chain}, in “{}”, {}, {} [{}]",
        one_line(&c.quote.text),
        one_line(&v.article.headline),
        v.outlet.name,
        v.published,
        c.id
    )
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A link `o` can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// The claim's openable links: its evidence that is an absolute http(s)
/// URL, then its article's URL. Evidence that is not one is a text note of
/// evidence and never opened.
pub fn links(loaded: &Loaded, set: Option<&AnnotationSet>, ix: ClaimIx) -> Vec<Link> {
    let Some(v) = ClaimView::new(loaded, set, ix) else {
        return Vec::new();
    };
    let mut out: Vec<Link> = v
        .annotation
        .iter()
        .flat_map(|a| &a.evidence)
        .filter(|e| is_web_link(e))
        .map(|e| Link {
            label: "evidence".into(),
            url: e.clone(),
        })
        .collect();
    if let Some(url) = v.article.url.as_ref().filter(|u| is_web_link(u)) {
        out.push(Link {
            label: format!("article {}", v.article.id),
            url: url.clone(),
        });
    }
    out.dedup_by(|a, b| a.url == b.url);
    out
}

/// Evidence entries that are links (the rest are notes of evidence).
pub fn is_web_link(s: &str) -> bool {
    check_http_url(s.trim()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, load_bundled};

    fn bundled() -> Loaded {
        load_bundled().expect("bundled dataset")
    }

    #[test]
    fn the_citation_names_quote_chain_article_outlet_date_and_id() {
        let l = bundled();
        let ix = l.index.claim_by_id["c04"];
        let text = copy_text(&l, None, ix, CopyWhat::Citation).expect("citation");
        let c = &l.dataset.claims[ix.i()];
        assert!(
            text.starts_with(&format!("“{}", one_line(&c.quote.text))),
            "{text}"
        );
        assert!(text.ends_with("[c04]"), "{text}");
        assert!(text.contains(" — "), "{text}");
        assert!(text.contains(", in “"), "{text}");
        assert!(!text.contains('\n'), "one line: {text}");
    }

    #[test]
    fn each_part_can_be_copied() {
        let l = bundled();
        let ix = l.index.claim_by_id["c04"];
        let c = &l.dataset.claims[ix.i()];
        assert_eq!(copy_text(&l, None, ix, CopyWhat::Id).as_deref(), Ok("c04"));
        assert_eq!(
            copy_text(&l, None, ix, CopyWhat::Quote),
            Ok(c.quote.text.clone())
        );
        assert_eq!(
            copy_text(&l, None, ix, CopyWhat::ClaimText),
            Ok(c.text.clone())
        );
        let md = copy_text(&l, None, ix, CopyWhat::Markdown).expect("markdown");
        assert!(md.starts_with("## Claim c04"), "{md}");
    }

    #[test]
    fn only_http_evidence_is_a_link_and_the_article_url_comes_last() {
        let l = bundled();
        let ix = l.index.claim_by_id["c04"];
        let mut set = AnnotationSet::new("nk-troops-ukraine");
        let a = Annotation {
            evidence: vec![
                "https://example.org/report".into(),
                "javascript:alert(1)".into(),
                "phone call with the ministry, 3 Nov".into(),
                "file:///etc/passwd".into(),
            ],
            ..Annotation::default()
        };
        set.claims.insert("c04".into(), a);
        let links = links(&l, Some(&set), ix);
        assert_eq!(
            links.first().map(|k| k.url.as_str()),
            Some("https://example.org/report")
        );
        assert!(links.iter().all(|k| k.url.starts_with("http")), "{links:?}");
        let article = &l.dataset.articles[l.index.claim_article[ix.i()].i()];
        if let Some(url) = &article.url {
            assert_eq!(links.last().map(|k| &k.url), Some(url));
        }
    }
}
