//! An extracted article into a dataset: its outlet found (or added as a
//! `Media` actor), readable ids, and the text of a new dataset or the
//! splice into an existing one.

use super::AuthorError;
use super::ids::{slug, unique};
use super::render::{self, Style};
use super::splice::{NewItem, append};
use crate::model::dataset::{Actor, ActorKind, Article, Dataset, When};
use crate::model::date::PartialDate;
use crate::model::import::Extracted;

/// What the user gave on the command line; each overrides the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub article_id: Option<String>,
    pub headline: Option<String>,
    /// An actor id or name, or a new outlet's name.
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub credit: Option<String>,
}

/// The article and the outlet actor to add (none when it exists).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub article: Article,
    pub new_outlet: Option<Actor>,
}

/// Builds the article for `ds` (or a new dataset when `None`). A missing
/// headline, date or outlet is an error naming the flag that supplies it.
pub fn prepare_import(
    ds: Option<&Dataset>,
    page: &Extracted,
    opts: &ImportOptions,
) -> Result<Imported, AuthorError> {
    let missing = |what: &str, flag: &str| {
        AuthorError::Edit(format!("the article has no {what}: give it with {flag}"))
    };
    let headline = opts
        .headline
        .clone()
        .or_else(|| page.headline.clone())
        .filter(|h| !h.trim().is_empty())
        .ok_or_else(|| missing("headline", "--headline"))?;
    let published = opts
        .published
        .clone()
        .or_else(|| page.published.clone())
        .ok_or_else(|| missing("published date", "--published YYYY-MM-DD"))?;
    PartialDate::parse(&published).map_err(|e| {
        AuthorError::Edit(format!(
            "the published date is not YYYY-MM-DD ({e}): give it with --published"
        ))
    })?;
    let outlet_name = opts
        .outlet
        .clone()
        .or_else(|| page.outlet.clone())
        .filter(|o| !o.trim().is_empty())
        .ok_or_else(|| missing("outlet", "--outlet NAME_OR_ID"))?;
    if page.paragraphs.is_empty() {
        return Err(AuthorError::Edit(
            "no article paragraphs were found in the file".into(),
        ));
    }
    let actors = ds.map(|d| d.actors.as_slice()).unwrap_or_default();
    let existing = actors.iter().find(|a| {
        a.id == outlet_name
            || a.name.eq_ignore_ascii_case(&outlet_name)
            || a.aliases
                .iter()
                .any(|x| x.eq_ignore_ascii_case(&outlet_name))
    });
    let (outlet_id, new_outlet) = match existing {
        Some(a) => (a.id.to_string(), None),
        None => {
            let id = unique(&slug(&outlet_name), &|id| actors.iter().any(|a| a.id == id));
            let actor = Actor {
                id: id.clone().into(),
                name: outlet_name.clone(),
                kind: ActorKind::Media,
                aliases: vec![],
                part_of: None,
                note: None,
            };
            (id, Some(actor))
        }
    };
    let taken = |id: &str| ds.is_some_and(|d| d.articles.iter().any(|a| a.id == id));
    let id = match &opts.article_id {
        Some(id) if taken(id) => {
            return Err(AuthorError::Edit(format!(
                "article id \"{id}\" is already taken"
            )));
        }
        Some(id) => id.clone(),
        None => unique(&format!("{outlet_id}-{published}"), &taken),
    };
    let article = Article {
        id: id.into(),
        headline,
        outlet: outlet_id,
        url: opts.url.clone().or_else(|| page.url.clone()),
        published: When::On(published.into()),
        credit: opts.credit.clone().or_else(|| page.credit.clone()),
        body: page.paragraphs.clone(),
    };
    Ok(Imported {
        article,
        new_outlet,
    })
}

/// `src` with the import spliced in (the outlet actor first, then the article).
pub fn splice_import(src: &str, imported: &Imported) -> Result<String, AuthorError> {
    let mut text = src.to_owned();
    if let Some(a) = &imported.new_outlet {
        text = append(&text, &NewItem::Actor(a.clone()))?;
    }
    Ok(append(&text, &NewItem::Article(imported.article.clone()))?)
}

/// The text of a new dataset holding only the import.
pub fn new_dataset_text(id: &str, title: &str, imported: &Imported) -> String {
    let style = Style::default();
    let (one, two) = ("    ", "        ");
    let mut out = String::from(
        "// Written by claimtrack import; edit freely, comments are kept.\nDataset(\n",
    );
    out.push_str(&format!(
        "{one}format: 1,\n{one}id: {},\n{one}title: {},\n",
        render::string(id),
        render::string(title)
    ));
    out.push_str(&format!(
        "{one}articles: [\n{two}{},\n{one}],\n",
        render::article(&imported.article, two, &style)
    ));
    out.push_str(&format!("{one}actors: [\n"));
    if let Some(a) = &imported.new_outlet {
        out.push_str(&format!(
            "{two}{},\n",
            render::actor(
                a,
                two,
                &Style {
                    one_line: true,
                    ..style.clone()
                }
            )
        ));
    }
    out.push_str(&format!("{one}],\n{one}claims: [],\n{one}events: [],\n)\n"));
    out
}
