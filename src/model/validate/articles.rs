//! Articles: headline, outlet, published date.

use super::{At, Ids, Owner, Validator};
use crate::model::dataset::Dataset;
use crate::model::date::DateRange;
use crate::model::index::ActorIx;

/// What the article pass gives the index.
pub(super) struct ArticlePass {
    pub outlet: Vec<ActorIx>,
    pub published: Vec<DateRange>,
}

impl Validator {
    pub(super) fn articles(&mut self, ds: &Dataset, ids: &Ids) -> ArticlePass {
        let mut outlet = Vec::with_capacity(ds.articles.len());
        let mut published = Vec::with_capacity(ds.articles.len());
        for (i, a) in ds.articles.iter().enumerate() {
            let at = At {
                list: "articles",
                i,
            };
            let owner = Owner {
                kind: "article",
                id: &a.id,
            };
            self.nonempty(&a.headline, at.field("headline"), || {
                format!("{owner}: headline")
            });
            // Exports turn it into links and RDF terms: only a real web address.
            if let Some(url) = a.url.as_deref()
                && let Err(why) = crate::model::web_url::check_http_url(url)
            {
                self.error(at.field("url")(), format!("{owner}: url \"{url}\" {why}"));
            }
            let o = self.lookup(
                &ids.actor,
                &a.outlet,
                at.field("outlet"),
                owner,
                "outlet",
                "an actor",
            );
            self.use_actor(o);
            outlet.push(o.unwrap_or(ActorIx(0)));
            published.push(self.when(&a.published, at.field("published"), owner));
        }
        ArticlePass { outlet, published }
    }
}
