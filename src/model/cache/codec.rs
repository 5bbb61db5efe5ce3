//! The compact dataset encoding: `numbers length | numbers | text`. Numbers
//! are LEB128 varints; each string is its length among the numbers and its
//! bytes in the text, in order, so that a chunk's text is checked as UTF-8
//! once rather than string by string. Items are destructured in full so that
//! a new field in the dataset fails to compile here rather than go missing.
//!
//! Decoding treats its input as hostile: every length is bounded by the
//! bytes left, every code must name a variant, and a section must be used
//! to its last byte.

use crate::model::dataset::*;

/// The most items a list reserves room for before it has decoded them: a
/// whole chunk of claims (see `file::CHUNK`).
const PREALLOC_MAX: usize = 8 * 1024;

/// The dataset's scalar fields, and its list lengths.
pub(super) struct Head {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub counts: [usize; 4],
}

#[derive(Default)]
pub(super) struct Enc {
    nums: Vec<u8>,
    text: String,
}

impl Enc {
    pub(super) fn n(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.nums.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.nums.push(v as u8);
    }

    pub(super) fn s(&mut self, s: &str) {
        self.n(s.len() as u64);
        self.text.push_str(s);
    }

    pub(super) fn opt(&mut self, s: &Option<impl AsRef<str>>) {
        match s {
            None => self.n(0),
            Some(s) => {
                self.n(1);
                self.s(s.as_ref());
            }
        }
    }

    pub(super) fn strs(&mut self, v: &[impl AsRef<str>]) {
        self.n(v.len() as u64);
        for s in v {
            self.s(s.as_ref());
        }
    }

    pub(super) fn when(&mut self, w: &When) {
        match w {
            When::On(d) => {
                self.n(0);
                self.s(d);
            }
            When::Between(a, b) => {
                self.n(1);
                self.s(a);
                self.s(b);
            }
            When::Before(d) => {
                self.n(2);
                self.s(d);
            }
            When::After(d) => {
                self.n(3);
                self.s(d);
            }
            When::Unknown => self.n(4),
        }
    }

    pub(super) fn list<T>(&mut self, items: &[T], f: fn(&mut Enc, &T)) {
        self.n(items.len() as u64);
        for t in items {
            f(self, t);
        }
    }

    pub(super) fn finish(self) -> Vec<u8> {
        let mut out = Enc::default();
        out.n(self.nums.len() as u64);
        let mut bytes = out.nums;
        bytes.reserve(self.nums.len() + self.text.len());
        bytes.extend_from_slice(&self.nums);
        bytes.extend_from_slice(self.text.as_bytes());
        bytes
    }
}

pub(super) struct Dec<'a> {
    nums: &'a [u8],
    text: &'a str,
    pos: usize,
    tpos: usize,
}

impl<'a> Dec<'a> {
    /// Decodes a whole section with `f`; `None` unless every byte is used.
    pub(super) fn all<T>(bytes: &'a [u8], f: impl FnOnce(&mut Dec<'a>) -> Option<T>) -> Option<T> {
        let mut d = Dec {
            nums: bytes,
            text: "",
            pos: 0,
            tpos: 0,
        };
        let len = usize::try_from(d.n()?).ok()?;
        let split = d.pos.checked_add(len)?;
        // The text of a whole chunk is checked as UTF-8 once, here.
        let text = std::str::from_utf8(bytes.get(split..)?).ok()?;
        let mut d = Dec {
            nums: bytes.get(d.pos..split)?,
            text,
            pos: 0,
            tpos: 0,
        };
        let value = f(&mut d)?;
        (d.pos == d.nums.len() && d.tpos == d.text.len()).then_some(value)
    }

    pub(super) fn n(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.nums.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.n()?).ok()
    }

    /// A list length: every item takes at least one byte, which bounds
    /// what a damaged length can make us allocate.
    pub(super) fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.n()?).ok()?;
        (n <= self.nums.len() - self.pos).then_some(n)
    }

    fn text(&mut self) -> Option<&'a str> {
        let len = usize::try_from(self.n()?).ok()?;
        let end = self.tpos.checked_add(len)?;
        // `get` refuses a range that splits a character.
        let s = self.text.get(self.tpos..end)?;
        self.tpos = end;
        Some(s)
    }

    pub(super) fn s(&mut self) -> Option<String> {
        self.text().map(str::to_owned)
    }

    /// An id, a tag or a date: inline when short (no allocation).
    pub(super) fn short(&mut self) -> Option<Short> {
        self.text().map(Short::from)
    }

    pub(super) fn opt(&mut self) -> Option<Option<String>> {
        match self.n()? {
            0 => Some(None),
            1 => Some(Some(self.s()?)),
            _ => None,
        }
    }

    pub(super) fn opt_short(&mut self) -> Option<Option<Short>> {
        match self.n()? {
            0 => Some(None),
            1 => Some(Some(self.short()?)),
            _ => None,
        }
    }

    pub(super) fn strs(&mut self) -> Option<Vec<String>> {
        self.list(Dec::s)
    }

    pub(super) fn shorts(&mut self) -> Option<Vec<Short>> {
        self.list(Dec::short)
    }

    pub(super) fn when(&mut self) -> Option<When> {
        Some(match self.n()? {
            0 => When::On(self.short()?),
            1 => When::Between(self.short()?, self.short()?),
            2 => When::Before(self.short()?),
            3 => When::After(self.short()?),
            4 => When::Unknown,
            _ => return None,
        })
    }

    pub(super) fn list<T>(&mut self, f: impl Fn(&mut Dec<'a>) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        // `count` bounds `n` by the bytes left, but items are larger in
        // memory than on disk: a damaged count reserves little.
        let mut v = Vec::with_capacity(n.min(PREALLOC_MAX));
        for _ in 0..n {
            v.push(f(self)?);
        }
        Some(v)
    }
}

pub(super) fn enc_head(e: &mut Enc, ds: &Dataset) {
    let Dataset {
        format,
        id,
        title,
        description,
        articles,
        actors,
        claims,
        events,
    } = ds;
    e.n(u64::from(*format));
    e.s(id);
    e.s(title);
    e.opt(description);
    for len in [articles.len(), actors.len(), claims.len(), events.len()] {
        e.n(len as u64);
    }
}

pub(super) fn dec_head(d: &mut Dec) -> Option<Head> {
    Some(Head {
        format: d.u32()?,
        id: d.s()?,
        title: d.s()?,
        description: d.opt()?,
        counts: [
            usize::try_from(d.n()?).ok()?,
            usize::try_from(d.n()?).ok()?,
            usize::try_from(d.n()?).ok()?,
            usize::try_from(d.n()?).ok()?,
        ],
    })
}

pub(super) fn enc_article(e: &mut Enc, a: &Article) {
    let Article {
        id,
        headline,
        outlet,
        url,
        published,
        credit,
        body,
    } = a;
    e.s(id);
    e.s(headline);
    e.s(outlet);
    e.opt(url);
    e.when(published);
    e.opt(credit);
    e.strs(body);
}

pub(super) fn dec_article(d: &mut Dec) -> Option<Article> {
    Some(Article {
        id: d.short()?,
        headline: d.s()?,
        outlet: d.s()?,
        url: d.opt()?,
        published: d.when()?,
        credit: d.opt()?,
        body: d.strs()?,
    })
}

fn kind_code(k: ActorKind) -> u64 {
    match k {
        ActorKind::Person => 0,
        ActorKind::Government => 1,
        ActorKind::Agency => 2,
        ActorKind::Military => 3,
        ActorKind::Organization => 4,
        ActorKind::Media => 5,
        ActorKind::Country => 6,
        ActorKind::Group => 7,
        ActorKind::Other => 8,
    }
}

pub(super) fn enc_actor(e: &mut Enc, a: &Actor) {
    let Actor {
        id,
        name,
        kind,
        aliases,
        part_of,
        note,
    } = a;
    e.s(id);
    e.s(name);
    e.n(kind_code(*kind));
    e.strs(aliases);
    e.opt(part_of);
    e.opt(note);
}

pub(super) fn dec_actor(d: &mut Dec) -> Option<Actor> {
    Some(Actor {
        id: d.short()?,
        name: d.s()?,
        kind: {
            let code = d.n()?;
            ActorKind::ALL.into_iter().find(|&k| kind_code(k) == code)?
        },
        aliases: d.strs()?,
        part_of: d.opt_short()?,
        note: d.opt()?,
    })
}

fn stance_code(s: Stance) -> u64 {
    match s {
        Stance::Asserts => 0,
        Stance::Denies => 1,
        Stance::Declines => 2,
        Stance::Considers => 3,
        Stance::Warns => 4,
        Stance::Condemns => 5,
        Stance::Quotes => 6,
    }
}

const STANCES: [Stance; 7] = [
    Stance::Asserts,
    Stance::Denies,
    Stance::Declines,
    Stance::Considers,
    Stance::Warns,
    Stance::Condemns,
    Stance::Quotes,
];

pub(super) fn enc_claim(e: &mut Enc, c: &Claim) {
    let Claim {
        id,
        article,
        text,
        quote: Quote {
            paragraph,
            text: quote,
        },
        claimant,
        via,
        about,
        stance,
        said,
        said_as,
        relations,
        tags,
    } = c;
    e.s(id);
    e.s(article);
    e.s(text);
    e.n(u64::from(*paragraph));
    e.s(quote);
    e.s(claimant);
    e.strs(via);
    e.strs(about);
    e.n(stance_code(*stance));
    e.when(said);
    e.opt(said_as);
    e.list(relations, |e, r| {
        e.n(match r {
            Relation::Supports(_) => 0,
            Relation::Contradicts(_) => 1,
            Relation::Updates(_) => 2,
        });
        e.s(r.target());
    });
    e.strs(tags);
}

pub(super) fn dec_claim(d: &mut Dec) -> Option<Claim> {
    Some(Claim {
        id: d.short()?,
        article: d.short()?,
        text: d.s()?,
        quote: Quote {
            paragraph: d.u32()?,
            text: d.s()?,
        },
        claimant: d.short()?,
        via: d.shorts()?,
        about: d.shorts()?,
        stance: {
            let code = d.n()?;
            STANCES.into_iter().find(|&s| stance_code(s) == code)?
        },
        said: d.when()?,
        said_as: d.opt()?,
        relations: d.list(|d| {
            Some(match d.n()? {
                0 => Relation::Supports(d.short()?),
                1 => Relation::Contradicts(d.short()?),
                2 => Relation::Updates(d.short()?),
                _ => return None,
            })
        })?,
        tags: d.shorts()?,
    })
}

pub(super) fn enc_event(e: &mut Enc, ev: &Event) {
    let Event {
        id,
        when,
        title,
        actors,
        claims,
    } = ev;
    e.s(id);
    e.when(when);
    e.s(title);
    e.strs(actors);
    e.strs(claims);
}

pub(super) fn dec_event(d: &mut Dec) -> Option<Event> {
    Some(Event {
        id: d.short()?,
        when: d.when()?,
        title: d.s()?,
        actors: d.shorts()?,
        claims: d.shorts()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Spec, generate};

    #[test]
    fn the_compact_encoding_round_trips_every_form() {
        let ds = generate(&Spec {
            articles: 30,
            claims: 400,
            seed: 8,
        });
        let mut e = Enc::default();
        e.list(&ds.claims, enc_claim);
        let bytes = e.finish();
        let back = Dec::all(&bytes, |d| d.list(dec_claim)).expect("decodes");
        assert_eq!(back, ds.claims);
        assert!(Dec::all(&bytes[..bytes.len() - 1], |d| d.list(dec_claim)).is_none());
        let mut e = Enc::default();
        e.n(u64::MAX);
        e.n(300);
        let bytes = e.finish();
        let mut got = Vec::new();
        Dec::all(&bytes, |d| {
            got.push(d.n()?);
            got.push(d.n()?);
            Some(())
        })
        .expect("decodes");
        assert_eq!(got, [u64::MAX, 300]);
    }

    /// Every id, tag and date of a claim: what [`Short`] keeps inline.
    fn shorts_of(c: &Claim) -> Vec<&Short> {
        let mut v = vec![&c.id, &c.article, &c.claimant];
        v.extend(c.via.iter().chain(&c.about).chain(&c.tags));
        v.extend(c.relations.iter().map(|r| match r {
            Relation::Supports(t) | Relation::Contradicts(t) | Relation::Updates(t) => t,
        }));
        match &c.said {
            When::On(d) | When::Before(d) | When::After(d) => v.push(d),
            When::Between(a, b) => v.extend([a, b]),
            When::Unknown => {}
        }
        v
    }

    /// A generated dataset, and the same written as RON and read back.
    fn generated_and_read_from_ron(claims: usize) -> (Dataset, Dataset) {
        let ds = generate(&Spec {
            articles: 10,
            claims,
            seed: 8,
        });
        let ron = crate::model::generate::to_ron(&ds, "test");
        let read = crate::model::parse_str(&ron).expect("parses").dataset;
        (ds, read)
    }

    /// Decoding a dataset allocates nothing for its short texts, from the
    /// cache or from RON: at 100k claims that is over a million allocations
    /// at every open, and as many frees at every close.
    #[test]
    fn short_texts_are_decoded_inline() {
        let (ds, read) = generated_and_read_from_ron(200);
        let mut e = Enc::default();
        e.list(&ds.claims, enc_claim);
        let bytes = e.finish();
        let cached = Dec::all(&bytes, |d| d.list(dec_claim)).expect("decodes");
        let parsed = read.claims;
        for (from, claims) in [("the cache", &cached), ("RON", &parsed)] {
            let shorts: Vec<&Short> = claims.iter().flat_map(shorts_of).collect();
            let inline = shorts.iter().filter(|s| s.len() <= 24).count();
            assert!(inline > 1000, "{inline} short texts");
            for s in shorts.iter().filter(|s| s.len() <= 24) {
                assert!(!s.is_heap_allocated(), "{s:?} from {from}");
            }
        }
    }

    /// A list read from RON takes no more room than its items, from the
    /// claims list down to a claim's ids (serde's buffers grow by doubling).
    #[test]
    fn lists_read_from_ron_take_their_length() {
        let (_, ds) = generated_and_read_from_ron(300);
        let tight = |cap: usize, len: usize| cap == len;
        assert!(tight(ds.claims.capacity(), ds.claims.len()));
        assert!(tight(ds.events.capacity(), ds.events.len()));
        assert!(tight(ds.actors.capacity(), ds.actors.len()));
        assert!(tight(ds.articles.capacity(), ds.articles.len()));
        for c in &ds.claims {
            for list in [&c.via, &c.about, &c.tags] {
                assert!(
                    tight(list.capacity(), list.len()),
                    "{} in {}",
                    list.len(),
                    c.id
                );
            }
        }
        for e in &ds.events {
            assert!(tight(e.actors.capacity(), e.actors.len()));
            assert!(tight(e.claims.capacity(), e.claims.len()));
        }
    }

    #[test]
    fn a_huge_list_count_is_refused_before_allocating() {
        let mut e = Enc::default();
        e.n(u64::MAX >> 1);
        let bytes = e.finish();
        assert!(Dec::all(&bytes, |d| d.list(dec_claim)).is_none());
    }
}
