//! `claimtrack timeline [--by said|published] [DATASET]`: the chronology as
//! plain text, one line per event or claim, in the order of
//! [`crate::model::timeline`].

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, print_stdout};
use crate::model::timeline::{Entry, Iso, Item, OrderBy, Timeline};
use crate::model::{ClaimIx, Loaded};
use crate::text::sanitize;

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum By {
    /// When the claimant said it
    #[default]
    Said,
    /// When the article reporting it was published
    Published,
}

impl From<By> for OrderBy {
    fn from(b: By) -> Self {
        match b {
            By::Said => OrderBy::Said,
            By::Published => OrderBy::Published,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Which time orders the claims (events always go by when they happened)
    #[arg(long, value_enum, default_value_t = By::Said)]
    pub by: By,
    /// Annotation file for --where/--view [default: your annotations of this dataset, if any]
    #[arg(short, long, value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    pub annotations: Option<PathBuf>,
    /// With --where/--view: only the selected claims, and the events that list one of them
    #[command(flatten)]
    pub selection: super::selection::Selection,
    /// Dataset (RON); the bundled one if omitted
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub dataset: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let loaded = super::load(args.dataset.as_deref())?;
    let timeline = Timeline::build(&loaded);
    let keep = if args.selection.is_active() {
        let set = super::export::load_annotations(args.annotations.as_deref(), &loaded)?;
        let all = (0..loaded.dataset.claims.len())
            .map(ClaimIx::from_usize)
            .collect();
        let rows =
            (args.selection).apply(&loaded, set.as_ref(), args.annotations.as_deref(), all)?;
        let mut keep = vec![false; loaded.dataset.claims.len()];
        for c in rows {
            keep[c.i()] = true;
        }
        Some(keep)
    } else {
        None
    };
    print_stdout(&render_only(
        &loaded,
        &timeline,
        args.by.into(),
        keep.as_deref(),
    ))?;
    // Freeing a large dataset takes a while (0.1 s at 100k claims): the
    // prompt need not wait for it.
    crate::model::free_later::free_later(loaded);
    Ok(ExitCode::SUCCESS)
}

/// Whether an entry stays: a selected claim, or an event listing one.
fn kept(loaded: &Loaded, e: &Entry, keep: Option<&[bool]>) -> bool {
    let Some(keep) = keep else {
        return true;
    };
    let on = |c: ClaimIx| keep.get(c.i()).copied().unwrap_or(false);
    match e.item {
        Item::Claim(c) => on(c),
        Item::Event(ev) => loaded.index.event_claims.get(ev.i()).iter().any(|&c| on(c)),
    }
}

/// The whole chronology: `DATE  KIND  ID  [CLAIMANT] TEXT  (OTHER DATE, lag)`.
///
/// The date column is the time that orders the entry; for a claim whose other
/// time (published, or said when ordering by published) differs, that time and
/// the reporting lag follow in parentheses.
#[cfg(test)]
pub fn render(loaded: &Loaded, timeline: &Timeline, by: OrderBy) -> String {
    render_only(loaded, timeline, by, None)
}

/// [`render`] of the claims `keep` marks (by claim index) and their events.
pub fn render_only(
    loaded: &Loaded,
    timeline: &Timeline,
    by: OrderBy,
    keep: Option<&[bool]>,
) -> String {
    let ds = &loaded.dataset;
    let rows = || {
        timeline
            .rows(by, false, 0, usize::MAX)
            .filter(move |e| kept(loaded, e, keep))
    };
    let id_width = rows().map(|e| id(loaded, e).len()).max().unwrap_or(0);
    let mut out = String::new();
    for e in rows() {
        let date = Iso(&e.time(by)).to_string();
        let (kind, who, text) = match e.item {
            Item::Event(i) => (
                "event",
                None,
                ds.events.get(i.i()).map(|x| x.title.as_str()),
            ),
            Item::Claim(i) => (
                "claim",
                e.claimant
                    .and_then(|a| ds.actors.get(a.i()))
                    .map(|a| a.id.as_str()),
                ds.claims.get(i.i()).map(|x| x.text.as_str()),
            ),
        };
        let _ = write!(
            out,
            "{date:<22}  {kind}  {:<id_width$}  ",
            sanitize(id(loaded, e))
        );
        if let Some(who) = who {
            let _ = write!(out, "[{}] ", sanitize(who));
        }
        out.push_str(&sanitize(text.unwrap_or("")));
        if let Some(note) = other_time(e, by) {
            let _ = write!(out, "  ({note})");
        }
        out.push('\n');
    }
    out
}

fn id<'a>(loaded: &'a Loaded, e: &Entry) -> &'a str {
    let ds = &loaded.dataset;
    match e.item {
        Item::Event(i) => ds.events.get(i.i()).map_or("", |x| x.id.as_str()),
        Item::Claim(i) => ds.claims.get(i.i()).map_or("", |x| x.id.as_str()),
    }
}

/// `published 2024-10-22, lag 4d` (or `said ...` when ordering by published).
fn other_time(e: &Entry, by: OrderBy) -> Option<String> {
    let published = e.published?;
    if !e.published_differs() {
        return None;
    }
    let (label, other) = match by {
        OrderBy::Said => ("published", published),
        OrderBy::Published => ("said", e.when),
    };
    Some(match e.lag() {
        Some(lag) => format!("{label} {}, lag {lag}", Iso(&other)),
        None => format!("{label} {}", Iso(&other)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_sanitised_and_stays_on_one_line() {
        let src = "Dataset(format: 1, id: \"t\", title: \"T\",
            articles: [Article(id: \"a\", headline: \"H\", outlet: \"o\", published: Unknown, body: [\"x y\"])],
            actors: [Actor(id: \"o\", name: \"O\", kind: Media)],
            claims: [Claim(id: \"k\", article: \"a\", text: \"evil\\u{1b}]0;owned\\u{7} two\\nlines\",
                quote: Quote(paragraph: 1, text: \"x\"), claimant: \"o\", stance: Asserts, said: On(\"2024\"))],
        )";
        let loaded = crate::model::parse_str(src).expect("valid");
        let tl = Timeline::build(&loaded);
        let text = render(&loaded, &tl, OrderBy::Said);
        assert_eq!(
            text,
            "2024                    claim  k  [o] evil␛]0;owned␇ two lines  (published unknown)\n"
        );
        let text = render(&loaded, &tl, OrderBy::Published);
        assert_eq!(
            text,
            "unknown                 claim  k  [o] evil␛]0;owned␇ two lines  (said 2024)\n"
        );
    }
}
