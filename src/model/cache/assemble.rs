//! Decoding sections and putting them back together into a [`Loaded`].

use std::collections::HashMap;

use super::check::consistent;
use super::codec::{Dec, Head, dec_actor, dec_article, dec_claim, dec_event, dec_head};
use super::file::{Entry, Kind, OtherIds};
use crate::model::dataset::*;
use crate::model::diagnostic::Diagnostic;
use crate::model::index::{ClaimIx, Index};
use crate::model::load::Loaded;

/// A decoded section.
pub(super) enum Part {
    Head(Head),
    Articles(Vec<Article>),
    Actors(Vec<Actor>),
    Claims(Vec<Claim>),
    Events(Vec<Event>),
    Index(Box<Index>),
    ClaimIds(HashMap<Short, ClaimIx>),
    OtherIds(Box<OtherIds>),
    Warnings(Vec<Diagnostic>),
}

pub(super) fn decode(e: &Entry, bytes: &[u8]) -> Option<Part> {
    Some(match e.kind {
        Kind::Head => Part::Head(Dec::all(bytes, dec_head)?),
        Kind::Articles => Part::Articles(Dec::all(bytes, |d| d.list(dec_article))?),
        Kind::Actors => Part::Actors(Dec::all(bytes, |d| d.list(dec_actor))?),
        Kind::Claims => Part::Claims(Dec::all(bytes, |d| d.list(dec_claim))?),
        Kind::Events => Part::Events(Dec::all(bytes, |d| d.list(dec_event))?),
        Kind::Index => Part::Index(Box::new(postcard::from_bytes(bytes).ok()?)),
        Kind::ClaimIds => Part::ClaimIds(postcard::from_bytes(bytes).ok()?),
        Kind::OtherIds => Part::OtherIds(Box::new(postcard::from_bytes(bytes).ok()?)),
        Kind::Warnings => Part::Warnings(postcard::from_bytes(bytes).ok()?),
    })
}

/// Puts the sections, in file order, back together; `None` if any is
/// missing or repeated, or the result does not hang together.
pub(super) fn assemble(parts: Vec<Option<Part>>) -> Option<Loaded> {
    let parts: Vec<Part> = parts.into_iter().collect::<Option<_>>()?;
    // The lists' lengths from the chunks themselves, not from the head: a
    // damaged count must not make us reserve memory.
    let mut totals = [0usize; 4];
    for p in &parts {
        let (k, n) = match p {
            Part::Articles(v) => (0, v.len()),
            Part::Actors(v) => (1, v.len()),
            Part::Claims(v) => (2, v.len()),
            Part::Events(v) => (3, v.len()),
            _ => continue,
        };
        if let Some(t) = totals.get_mut(k) {
            *t += n;
        }
    }
    fn append<T>(all: &mut Vec<T>, total: usize, mut chunk: Vec<T>) {
        if all.is_empty() {
            // The first chunk becomes the list: growing it in place copies
            // nothing when the allocator can remap.
            chunk.reserve_exact(total.saturating_sub(chunk.len()));
            *all = chunk;
        } else {
            all.append(&mut chunk);
        }
    }
    fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
        slot.replace(value).is_none().then_some(())
    }
    let [n_articles, n_actors, n_claims, n_events] = totals;
    let mut head: Option<Head> = None;
    let (mut articles, mut actors, mut claims, mut events) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut index, mut warnings) = (None::<Index>, None);
    let (mut claim_ids, mut other_ids) = (None, None);
    for part in parts {
        match part {
            Part::Head(h) => once(&mut head, h)?,
            Part::Articles(v) => append(&mut articles, n_articles, v),
            Part::Actors(v) => append(&mut actors, n_actors, v),
            Part::Claims(v) => append(&mut claims, n_claims, v),
            Part::Events(v) => append(&mut events, n_events, v),
            Part::Index(i) => once(&mut index, *i)?,
            Part::ClaimIds(m) => once(&mut claim_ids, m)?,
            Part::OtherIds(m) => once(&mut other_ids, *m)?,
            Part::Warnings(w) => once(&mut warnings, w)?,
        }
    }
    let head = head?;
    let mut index = index?;
    index.claim_by_id = claim_ids?;
    (index.article_by_id, index.actor_by_id, index.event_by_id) = other_ids?;
    if head.counts != [articles.len(), actors.len(), claims.len(), events.len()] {
        return None;
    }
    let loaded = Loaded {
        dataset: Dataset {
            format: head.format,
            id: head.id,
            title: head.title,
            description: head.description,
            articles,
            actors,
            claims,
            events,
        },
        index,
        warnings: warnings?,
    };
    consistent(&loaded).then_some(loaded)
}
