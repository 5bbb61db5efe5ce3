//! Claims: references, dates, relations, and the quote verbatim in its paragraph.

use super::{At, Ids, Owner, Validator};
use crate::model::dataset::{Claim, Dataset};
use crate::model::date::DateRange;
use crate::model::index::{ActorIx, ArticleIx, ClaimIx, Link, QuoteSpan, Roles};
use crate::model::passage::{closest_passage, find_verbatim};
use crate::model::spans::Seg::{Field, Item};

/// Progress is reported every this many claims.
const PROGRESS_STEP: usize = 1 << 13;

/// What the claim pass gives the index: per claim, and pair lists to group.
pub(super) struct ClaimPass {
    pub article: Vec<ArticleIx>,
    pub claimant: Vec<ActorIx>,
    pub said: Vec<DateRange>,
    pub quote: Vec<QuoteSpan>,
    pub via_pairs: Vec<(usize, ActorIx)>,
    pub about_pairs: Vec<(usize, ActorIx)>,
    /// (actor, (claim, its roles)) in claim order.
    pub role_pairs: Vec<(usize, (ClaimIx, Roles))>,
    pub link_pairs: Vec<(usize, Link)>,
    pub article_claim_pairs: Vec<(usize, ClaimIx)>,
}

impl ClaimPass {
    /// Sized up front: growing the lists would copy hundreds of megabytes on
    /// a large dataset.
    fn with_capacity(claims: &[Claim]) -> Self {
        let n = claims.len();
        let (n_via, n_about, n_rel) = claims.iter().fold((0, 0, 0), |(v, a, r), c| {
            (v + c.via.len(), a + c.about.len(), r + c.relations.len())
        });
        Self {
            article: Vec::with_capacity(n),
            claimant: Vec::with_capacity(n),
            said: Vec::with_capacity(n),
            quote: Vec::with_capacity(n),
            via_pairs: Vec::with_capacity(n_via),
            about_pairs: Vec::with_capacity(n_about),
            role_pairs: Vec::with_capacity(n + n_via + n_about),
            link_pairs: Vec::with_capacity(2 * n_rel),
            article_claim_pairs: Vec::with_capacity(n),
        }
    }
}

impl Validator {
    pub(super) fn claims(
        &mut self,
        ds: &Dataset,
        ids: &Ids,
        progress: &mut dyn FnMut(usize),
    ) -> ClaimPass {
        let mut out = ClaimPass::with_capacity(&ds.claims);
        for (i, c) in ds.claims.iter().enumerate() {
            if i % PROGRESS_STEP == 0 {
                progress(i);
            }
            self.claim(ds, ids, i, c, &mut out);
        }
        progress(ds.claims.len());
        out
    }

    fn claim(&mut self, ds: &Dataset, ids: &Ids, i: usize, c: &Claim, out: &mut ClaimPass) {
        let ci = ClaimIx::from_usize(i);
        let at = At { list: "claims", i };
        let owner = Owner {
            kind: "claim",
            id: &c.id,
        };
        self.nonempty(&c.text, at.field("text"), || format!("{owner}: text"));

        let article = self.lookup(
            &ids.article,
            &c.article,
            at.field("article"),
            owner,
            "article",
            "an article",
        );
        if let Some(a) = article {
            out.article_claim_pairs.push((a.i(), ci));
        }
        out.article.push(article.unwrap_or(ArticleIx(0)));

        let claimant = self.lookup(
            &ids.actor,
            &c.claimant,
            at.field("claimant"),
            owner,
            "claimant",
            "an actor",
        );
        self.use_actor(claimant);
        out.claimant.push(claimant.unwrap_or(ActorIx(0)));
        if let Some(a) = claimant {
            out.role_pairs.push((a.i(), (ci, Roles::CLAIMANT)));
        }
        for (j, id) in c.via.iter().enumerate() {
            let path = at.item("via", j);
            if let Some(a) = self.lookup(&ids.actor, id, path, owner, "via", "an actor") {
                self.use_actor(Some(a));
                out.via_pairs.push((i, a));
                out.role_pairs.push((a.i(), (ci, Roles::VIA)));
            }
        }
        for (j, id) in c.about.iter().enumerate() {
            let path = at.item("about", j);
            if let Some(a) = self.lookup(&ids.actor, id, path, owner, "about", "an actor") {
                self.use_actor(Some(a));
                out.about_pairs.push((i, a));
                out.role_pairs.push((a.i(), (ci, Roles::ABOUT)));
            }
        }
        for (j, rel) in c.relations.iter().enumerate() {
            let path = || {
                let mut p = at.item("relations", j)();
                p.push(Item(0));
                p
            };
            let field = format_args!("relations ({})", rel.kind().label());
            if let Some(other) =
                self.lookup(&ids.claim, rel.target(), path, owner, field, "a claim")
            {
                let kind = rel.kind();
                out.link_pairs.push((
                    i,
                    Link {
                        kind,
                        other,
                        outgoing: true,
                    },
                ));
                out.link_pairs.push((
                    other.i(),
                    Link {
                        kind,
                        other: ci,
                        outgoing: false,
                    },
                ));
            }
        }
        out.said.push(self.when(&c.said, at.field("said"), owner));
        let span = match article.and_then(|a| ds.articles.get(a.i())) {
            Some(a) => self.quote(i, c, owner, &a.body),
            None => QuoteSpan {
                paragraph: 0,
                start: 0,
                end: 0,
            },
        };
        out.quote.push(span);
    }

    /// The quote must be verbatim in its paragraph; if not, the message names
    /// the closest passage of the article.
    fn quote(&mut self, i: usize, c: &Claim, owner: Owner, body: &[String]) -> QuoteSpan {
        let qpath = |f| vec![Field("claims"), Item(i), Field("quote"), Field(f)];
        let p = c.quote.paragraph as usize;
        let none = QuoteSpan {
            paragraph: 0,
            start: 0,
            end: 0,
        };
        let Some(para) = p.checked_sub(1).and_then(|k| body.get(k)) else {
            self.error(
                qpath("paragraph"),
                format!("{owner}: quote paragraph {p} is outside 1..={}", body.len()),
            );
            return none;
        };
        if let Some(r) = find_verbatim(para, &c.quote.text) {
            return QuoteSpan {
                paragraph: (p - 1) as u32,
                start: r.start as u32,
                end: r.end as u32,
            };
        }
        let mut message = format!(
            "{owner}: quote text is not found verbatim in paragraph {p} of article \"{}\"",
            c.article
        );
        if let Some(close) = closest_passage(body, &c.quote.text) {
            message.push_str(&format!(
                "; closest (paragraph {}, col {}): “{}”",
                close.paragraph, close.col, close.text
            ));
        }
        self.error(qpath("text"), message);
        none
    }
}
