//! Every rule of the format's Validation section, checked in one pass that also
//! builds the [`Index`]. All problems are collected, none stops the others.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use super::dataset::{Dataset, FORMAT_VERSION, When};
use super::date::DateRange;
use super::diagnostic::{Issue, Severity};
use super::index::*;
use super::load::Progress;
use super::spans::Seg::{self, Field, Item};

/// Checks `ds`; returns the index (meaningful only when no issue is an error)
/// and every issue found.
pub fn validate(ds: &Dataset) -> (Index, Vec<Issue>) {
    validate_with_progress(ds, &mut |_| {})
}

/// [`validate`], reporting [`Progress::Validating`] and [`Progress::Indexing`].
pub fn validate_with_progress(
    ds: &Dataset,
    progress: &mut dyn FnMut(Progress),
) -> (Index, Vec<Issue>) {
    let mut v = Validator { issues: Vec::new() };
    let index = v.run(ds, progress);
    (index, v.issues)
}

/// Progress is reported every this many claims.
const PROGRESS_STEP: usize = 1 << 13;

struct Validator {
    issues: Vec<Issue>,
}

fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn is_slug(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Who an issue is about, formatted only when there is an issue to report
/// (`claim "c02"`): formatting it for every item would cost more than the
/// checks themselves on a large dataset.
#[derive(Clone, Copy)]
struct Owner<'a> {
    kind: &'static str,
    id: &'a str,
}

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} \"{}\"", self.kind, self.id)
    }
}

/// The path of a field of a list item; the `Vec` is built only for an issue.
#[derive(Clone, Copy)]
struct At {
    list: &'static str,
    i: usize,
}

impl At {
    fn field(self, f: &'static str) -> impl Fn() -> Vec<Seg> + Copy {
        move || vec![Field(self.list), Item(self.i), Field(f)]
    }

    fn item(self, f: &'static str, j: usize) -> impl Fn() -> Vec<Seg> + Copy {
        move || vec![Field(self.list), Item(self.i), Field(f), Item(j)]
    }
}

impl Validator {
    fn error(&mut self, path: Vec<Seg>, message: String) {
        self.issues.push(Issue {
            severity: Severity::Error,
            path,
            message,
        });
    }

    fn warn(&mut self, path: Vec<Seg>, message: String) {
        self.issues.push(Issue {
            severity: Severity::Warning,
            path,
            message,
        });
    }

    /// Maps ids to indices; a repeated id is an error at its second occurrence.
    fn ids<'a, T: Copy>(
        &mut self,
        kind: &'static str,
        list: &'static str,
        ids: impl ExactSizeIterator<Item = &'a str>,
        make: impl Fn(usize) -> T,
    ) -> HashMap<String, T> {
        let mut map = HashMap::with_capacity(ids.len());
        for (i, id) in ids.enumerate() {
            let path = At { list, i }.field("id");
            if !is_id(id) {
                self.error(
                    path(),
                    format!("{kind} id \"{id}\" must match [A-Za-z0-9._-]{{1,64}}"),
                );
            }
            match map.entry(id.to_owned()) {
                Entry::Occupied(_) => {
                    self.error(path(), format!("duplicate {kind} id \"{id}\""));
                }
                Entry::Vacant(v) => {
                    v.insert(make(i));
                }
            }
        }
        map
    }

    fn nonempty(
        &mut self,
        s: &str,
        path: impl FnOnce() -> Vec<Seg>,
        what: impl FnOnce() -> String,
    ) {
        if s.trim().is_empty() {
            self.error(path(), format!("{} must not be empty", what()));
        }
    }

    fn when(
        &mut self,
        when: &When,
        path: impl FnOnce() -> Vec<Seg>,
        owner: impl std::fmt::Display,
    ) -> DateRange {
        match DateRange::resolve(when) {
            Ok(r) => r,
            Err(errs) => {
                let path = path();
                for (arg, e) in errs {
                    let mut p = path.clone();
                    p.push(Item(arg));
                    self.error(p, format!("{owner}: {e}"));
                }
                DateRange::UNKNOWN
            }
        }
    }

    fn lookup<T: Copy>(
        &mut self,
        map: &HashMap<String, T>,
        id: &str,
        path: impl FnOnce() -> Vec<Seg>,
        owner: impl std::fmt::Display,
        field: impl std::fmt::Display,
        kind: &str,
    ) -> Option<T> {
        let found = map.get(id).copied();
        if found.is_none() {
            self.error(path(), format!("{owner}: {field} \"{id}\" is not {kind}"));
        }
        found
    }

    fn run(&mut self, ds: &Dataset, progress: &mut dyn FnMut(Progress)) -> Index {
        let total = ds.articles.len() + ds.actors.len() + ds.claims.len() + ds.events.len();
        let before_claims = ds.articles.len() + ds.actors.len();
        progress(Progress::Validating { done: 0, total });
        if ds.format != FORMAT_VERSION {
            self.error(
                vec![Field("format")],
                format!(
                    "unsupported format {} (this build reads format {FORMAT_VERSION})",
                    ds.format
                ),
            );
        }
        if !is_slug(&ds.id) {
            self.error(
                vec![Field("id")],
                format!("dataset id \"{}\" must match [a-z0-9-]{{1,64}}", ds.id),
            );
        }
        self.nonempty(
            &ds.title,
            || vec![Field("title")],
            || "dataset title".into(),
        );

        let article_by_id = self.ids(
            "article",
            "articles",
            ds.articles.iter().map(|a| a.id.as_str()),
            ArticleIx::from_usize,
        );
        let actor_by_id = self.ids(
            "actor",
            "actors",
            ds.actors.iter().map(|a| a.id.as_str()),
            ActorIx::from_usize,
        );
        let claim_by_id = self.ids(
            "claim",
            "claims",
            ds.claims.iter().map(|c| c.id.as_str()),
            ClaimIx::from_usize,
        );
        let event_by_id = self.ids(
            "event",
            "events",
            ds.events.iter().map(|e| e.id.as_str()),
            EventIx::from_usize,
        );

        let mut used = vec![false; ds.actors.len()];
        let mut use_actor = |a: Option<ActorIx>| {
            if let Some(a) = a {
                used[a.i()] = true;
            }
        };

        // Articles.
        let mut article_outlet = Vec::with_capacity(ds.articles.len());
        let mut article_published = Vec::with_capacity(ds.articles.len());
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
                && let Err(why) = super::web_url::check_http_url(url)
            {
                self.error(at.field("url")(), format!("{owner}: url \"{url}\" {why}"));
            }
            let outlet = self.lookup(
                &actor_by_id,
                &a.outlet,
                at.field("outlet"),
                owner,
                "outlet",
                "an actor",
            );
            use_actor(outlet);
            article_outlet.push(outlet.unwrap_or(ActorIx(0)));
            article_published.push(self.when(&a.published, at.field("published"), owner));
        }

        // Actors and the part_of tree.
        let mut actor_parent = Vec::with_capacity(ds.actors.len());
        for (i, a) in ds.actors.iter().enumerate() {
            let at = At { list: "actors", i };
            let owner = Owner {
                kind: "actor",
                id: &a.id,
            };
            self.nonempty(&a.name, at.field("name"), || format!("{owner}: name"));
            let parent = a.part_of.as_ref().and_then(|p| {
                let path = at.item("part_of", 0);
                self.lookup(&actor_by_id, p, path, owner, "part_of", "an actor")
            });
            use_actor(parent);
            actor_parent.push(parent);
        }
        self.part_of_cycles(ds, &mut actor_parent);
        let child_pairs: Vec<(usize, ActorIx)> = actor_parent
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| (p.i(), ActorIx::from_usize(i))))
            .collect();
        let actor_children = Csr::from_pairs(ds.actors.len(), &child_pairs);
        let actor_roots = (0..ds.actors.len())
            .filter(|&i| actor_parent[i].is_none())
            .map(ActorIx::from_usize)
            .collect();

        // Claims. The pair lists are sized up front: growing them would copy
        // hundreds of megabytes on a large dataset.
        let n = ds.claims.len();
        let (n_via, n_about, n_rel) = ds.claims.iter().fold((0, 0, 0), |(v, a, r), c| {
            (v + c.via.len(), a + c.about.len(), r + c.relations.len())
        });
        let mut claim_article = Vec::with_capacity(n);
        let mut claim_claimant = Vec::with_capacity(n);
        let mut claim_said = Vec::with_capacity(n);
        let mut claim_quote = Vec::with_capacity(n);
        let mut via_pairs = Vec::with_capacity(n_via);
        let mut about_pairs = Vec::with_capacity(n_about);
        let mut role_pairs: Vec<(usize, (ClaimIx, Roles))> =
            Vec::with_capacity(n + n_via + n_about);
        let mut link_pairs = Vec::with_capacity(2 * n_rel);
        let mut article_claim_pairs = Vec::with_capacity(n);
        for (i, c) in ds.claims.iter().enumerate() {
            if i % PROGRESS_STEP == 0 {
                progress(Progress::Validating {
                    done: before_claims + i,
                    total,
                });
            }
            let ci = ClaimIx::from_usize(i);
            let at = At { list: "claims", i };
            let owner = Owner {
                kind: "claim",
                id: &c.id,
            };
            self.nonempty(&c.text, at.field("text"), || format!("{owner}: text"));

            let article = self.lookup(
                &article_by_id,
                &c.article,
                at.field("article"),
                owner,
                "article",
                "an article",
            );
            if let Some(a) = article {
                article_claim_pairs.push((a.i(), ci));
            }
            claim_article.push(article.unwrap_or(ArticleIx(0)));

            let claimant = self.lookup(
                &actor_by_id,
                &c.claimant,
                at.field("claimant"),
                owner,
                "claimant",
                "an actor",
            );
            use_actor(claimant);
            claim_claimant.push(claimant.unwrap_or(ActorIx(0)));
            if let Some(a) = claimant {
                role_pairs.push((a.i(), (ci, Roles::CLAIMANT)));
            }
            for (j, id) in c.via.iter().enumerate() {
                let path = at.item("via", j);
                if let Some(a) = self.lookup(&actor_by_id, id, path, owner, "via", "an actor") {
                    use_actor(Some(a));
                    via_pairs.push((i, a));
                    role_pairs.push((a.i(), (ci, Roles::VIA)));
                }
            }
            for (j, id) in c.about.iter().enumerate() {
                let path = at.item("about", j);
                if let Some(a) = self.lookup(&actor_by_id, id, path, owner, "about", "an actor") {
                    use_actor(Some(a));
                    about_pairs.push((i, a));
                    role_pairs.push((a.i(), (ci, Roles::ABOUT)));
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
                    self.lookup(&claim_by_id, rel.target(), path, owner, field, "a claim")
                {
                    link_pairs.push((
                        i,
                        Link {
                            kind: rel.kind(),
                            other,
                            outgoing: true,
                        },
                    ));
                    link_pairs.push((
                        other.i(),
                        Link {
                            kind: rel.kind(),
                            other: ci,
                            outgoing: false,
                        },
                    ));
                }
            }
            claim_said.push(self.when(&c.said, at.field("said"), owner));

            // The quote must be verbatim in its paragraph.
            let mut span = QuoteSpan {
                paragraph: 0,
                start: 0,
                end: 0,
            };
            if let Some(a) = article {
                let body = &ds.articles[a.i()].body;
                let p = c.quote.paragraph as usize;
                let qpath = |f| vec![Field("claims"), Item(i), Field("quote"), Field(f)];
                if p == 0 || p > body.len() {
                    self.error(
                        qpath("paragraph"),
                        format!("{owner}: quote paragraph {p} is outside 1..={}", body.len()),
                    );
                } else if let Some(r) = find_verbatim(&body[p - 1], &c.quote.text) {
                    span = QuoteSpan {
                        paragraph: (p - 1) as u32,
                        start: r.start as u32,
                        end: r.end as u32,
                    };
                } else {
                    self.error(qpath("text"), format!("{owner}: quote text is not found verbatim in paragraph {p} of article \"{}\"", c.article));
                }
            }
            claim_quote.push(span);
        }
        let article_claims = Csr::from_pairs(ds.articles.len(), &article_claim_pairs);

        // Events.
        progress(Progress::Validating {
            done: before_claims + n,
            total,
        });
        let n_ev_actors: usize = ds.events.iter().map(|e| e.actors.len()).sum();
        let n_ev_claims: usize = ds.events.iter().map(|e| e.claims.len()).sum();
        let mut event_when = Vec::with_capacity(ds.events.len());
        let mut event_actor_pairs = Vec::with_capacity(n_ev_actors);
        let mut event_claim_pairs = Vec::with_capacity(n_ev_claims);
        let mut claim_event_pairs = Vec::with_capacity(n_ev_claims);
        let mut actor_event_pairs = Vec::with_capacity(n_ev_actors);
        for (i, e) in ds.events.iter().enumerate() {
            let ei = EventIx::from_usize(i);
            let at = At { list: "events", i };
            let owner = Owner {
                kind: "event",
                id: &e.id,
            };
            self.nonempty(&e.title, at.field("title"), || format!("{owner}: title"));
            event_when.push(self.when(&e.when, at.field("when"), owner));
            for (j, id) in e.actors.iter().enumerate() {
                let path = at.item("actors", j);
                if let Some(a) = self.lookup(&actor_by_id, id, path, owner, "actors", "an actor") {
                    use_actor(Some(a));
                    event_actor_pairs.push((i, a));
                    actor_event_pairs.push((a.i(), ei));
                }
            }
            for (j, id) in e.claims.iter().enumerate() {
                let path = at.item("claims", j);
                if let Some(c) = self.lookup(&claim_by_id, id, path, owner, "claims", "a claim") {
                    event_claim_pairs.push((i, c));
                    claim_event_pairs.push((c.i(), ei));
                }
            }
        }

        progress(Progress::Indexing);
        // Merge the roles of an actor in one claim ("claimant+about"). The
        // pairs were made in claim order, so grouping them by actor (stable)
        // leaves each claim's roles side by side: no sort needed.
        let by_actor = Csr::from_pairs(ds.actors.len(), &role_pairs);
        drop(role_pairs);
        let mut merged: Vec<(usize, (ClaimIx, Roles))> = Vec::with_capacity(by_actor.total());
        for a in 0..by_actor.len() {
            for &(c, r) in by_actor.get(a) {
                match merged.last_mut() {
                    Some((la, (lc, lr))) if *la == a && *lc == c => *lr = lr.union(r),
                    _ => merged.push((a, (c, r))),
                }
            }
        }
        drop(by_actor);

        let index = Index {
            article_by_id,
            actor_by_id,
            claim_by_id,
            event_by_id,
            article_outlet,
            article_published,
            article_claims,
            actor_parent,
            actor_children,
            actor_roots,
            actor_claims: Csr::from_pairs(ds.actors.len(), &merged),
            actor_events: Csr::from_pairs(ds.actors.len(), &actor_event_pairs),
            claim_article,
            claim_claimant,
            claim_via: Csr::from_pairs(n, &via_pairs),
            claim_about: Csr::from_pairs(n, &about_pairs),
            claim_said,
            claim_quote,
            claim_links: Csr::from_pairs(n, &link_pairs),
            claim_events: Csr::from_pairs(n, &claim_event_pairs),
            event_when,
            event_actors: Csr::from_pairs(ds.events.len(), &event_actor_pairs),
            event_claims: Csr::from_pairs(ds.events.len(), &event_claim_pairs),
        };
        if !self.issues.iter().any(|i| i.severity == Severity::Error) {
            self.warnings(ds, &index, &used);
        }
        index
    }

    /// Reports each `part_of` cycle once, at the actor where the walk closes it,
    /// and cuts it so that later tree walks terminate.
    fn part_of_cycles(&mut self, ds: &Dataset, parent: &mut [Option<ActorIx>]) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            OnPath,
            Done,
        }
        let mut mark = vec![Mark::New; parent.len()];
        for start in 0..parent.len() {
            let mut path: Vec<usize> = Vec::new();
            let mut cur = Some(start);
            while let Some(i) = cur {
                match mark[i] {
                    Mark::Done => break,
                    Mark::OnPath => {
                        let cycle: Vec<&str> = path
                            .iter()
                            .skip_while(|&&p| p != i)
                            .map(|&p| ds.actors[p].id.as_str())
                            .collect();
                        let last = path.last().copied().unwrap_or(i);
                        self.error(
                            vec![Field("actors"), Item(last), Field("part_of")],
                            format!(
                                "actor \"{}\": part_of makes a cycle ({} -> {})",
                                ds.actors[last].id,
                                cycle.join(" -> "),
                                ds.actors[i].id
                            ),
                        );
                        parent[last] = None;
                        break;
                    }
                    Mark::New => {
                        mark[i] = Mark::OnPath;
                        path.push(i);
                        cur = parent[i].map(ActorIx::i);
                    }
                }
            }
            for p in path {
                mark[p] = Mark::Done;
            }
        }
    }

    fn warnings(&mut self, ds: &Dataset, index: &Index, used: &[bool]) {
        for (i, a) in ds.actors.iter().enumerate() {
            if !used[i] {
                self.warn(
                    vec![Field("actors"), Item(i), Field("id")],
                    format!(
                        "actor \"{}\" is not used by any claim, event or article",
                        a.id
                    ),
                );
            }
        }
        for (i, c) in ds.claims.iter().enumerate() {
            let said = index.claim_said[i];
            if index.claim_events.get(i).is_empty() && !ds.events.is_empty() {
                self.warn(
                    vec![Field("claims"), Item(i), Field("id")],
                    format!("claim \"{}\" is not linked to any event", c.id),
                );
            }
            let published = index.article_published[index.claim_article[i].i()];
            if let (Some(from), Some(pub_to)) = (said.from, published.to)
                && from > pub_to
            {
                self.warn(
                    vec![Field("claims"), Item(i), Field("said")],
                    format!(
                        "claim \"{}\": said ({said}) after its article was published ({published})",
                        c.id
                    ),
                );
            }
        }
        for (i, e) in ds.events.iter().enumerate() {
            let when = index.event_when[i];
            for (j, &c) in index.event_claims.get(i).iter().enumerate() {
                let said = index.claim_said[c.i()];
                if let (Some(said_to), Some(ev_from)) = (said.to, when.from)
                    && said_to < ev_from
                {
                    self.warn(
                        vec![Field("events"), Item(i), Field("claims"), Item(j)],
                        format!(
                            "event \"{}\" ({when}) is reported by claim \"{}\" said earlier ({said})",
                            e.id, ds.claims[c.i()].id
                        ),
                    );
                }
            }
        }
    }
}

/// Finds `needle` in `hay`, comparing with runs of whitespace folded to one
/// space and the needle trimmed. Returns the byte range in the original `hay`.
pub fn find_verbatim(hay: &str, needle: &str) -> Option<Range<usize>> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    if let Some(i) = find_exact(hay, needle) {
        return Some(i..i + needle.len());
    }
    let folded_needle = fold_ws(needle).0;
    let (folded_hay, map) = fold_ws(hay);
    let i = folded_hay.find(&folded_needle)?;
    let last = i + folded_needle.len() - 1;
    Some(map[i].0..map[last].1)
}

/// `hay.find(needle)`, faster for the short paragraphs of a dataset: the
/// standard two-way searcher's setup costs more than the search itself there.
/// Long inputs go to `str::find`, whose time is linear whatever the input.
fn find_exact(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let &first = n.first()?;
    if h.len().saturating_mul(n.len()) > 1 << 16 {
        return hay.find(needle);
    }
    let last_start = h.len().checked_sub(n.len())?;
    let mut i = 0;
    while i <= last_start {
        match h[i..=last_start].iter().position(|&b| b == first) {
            Some(k) => i += k,
            None => return None,
        }
        if h[i..].starts_with(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Folds whitespace runs to one space; for each output byte, the original
/// byte range of the character (or whitespace run) it came from.
fn fold_ws(s: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(' ');
            map.push((i, end));
        } else {
            out.push(c);
            for _ in 0..c.len_utf8() {
                map.push((i, i + c.len_utf8()));
            }
        }
    }
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_search_folds_whitespace_only() {
        let hay = "Seoul’s  intelligence\nservices said";
        assert_eq!(find_verbatim(hay, "intelligence services"), Some(11..32));
        assert_eq!(
            &hay[find_verbatim(hay, "Seoul’s intelligence").expect("found")],
            "Seoul’s  intelligence"
        );
        assert_eq!(
            find_verbatim(hay, "Seoul's"),
            None,
            "typographic apostrophes are not folded"
        );
        assert_eq!(find_verbatim(hay, "  "), None);
    }

    #[test]
    fn exact_search_agrees_with_str_find() {
        let long = "ab".repeat(40_000) + "abc";
        let cases = [
            ("hello world", "world"),
            ("hello world", "hello"),
            ("aaab", "aab"),
            ("abc", "abcd"),
            ("", "a"),
            ("Seoul’s “quote”", "“quote”"),
            ("abcabcabd", "abcabd"),
            ("x", "x"),
            (long.as_str(), "abc"),
            (long.as_str(), "abd"),
        ];
        for (hay, needle) in cases {
            assert_eq!(
                find_exact(hay, needle),
                hay.find(needle),
                "{needle} in {hay:.20}"
            );
        }
    }

    #[test]
    fn id_patterns() {
        assert!(is_id("mt-2024.10_22") && !is_id("a b") && !is_id("") && !is_id(&"x".repeat(65)));
        assert!(is_slug("nk-troops") && !is_slug("NK") && !is_slug("a_b"));
    }
}
