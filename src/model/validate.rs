//! Every rule of the format's Validation section, checked in one pass that also
//! builds the [`Index`]. All problems are collected, none stops the others.

use std::collections::HashMap;
use std::ops::Range;

use super::dataset::{Dataset, FORMAT_VERSION, When};
use super::date::DateRange;
use super::diagnostic::{Issue, Severity};
use super::index::*;
use super::spans::Seg::{self, Field, Item};

/// Checks `ds`; returns the index (meaningful only when no issue is an error)
/// and every issue found.
pub fn validate(ds: &Dataset) -> (Index, Vec<Issue>) {
    let mut v = Validator { issues: Vec::new() };
    let index = v.run(ds);
    (index, v.issues)
}

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
        ids: impl Iterator<Item = &'a str>,
        make: impl Fn(usize) -> T,
    ) -> HashMap<String, T> {
        let mut map = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = vec![Field(list), Item(i), Field("id")];
            if !is_id(id) {
                self.error(
                    path.clone(),
                    format!("{kind} id \"{id}\" must match [A-Za-z0-9._-]{{1,64}}"),
                );
            }
            if map.contains_key(id) {
                self.error(path, format!("duplicate {kind} id \"{id}\""));
            } else {
                map.insert(id.to_owned(), make(i));
            }
        }
        map
    }

    fn nonempty(&mut self, s: &str, path: Vec<Seg>, what: String) {
        if s.trim().is_empty() {
            self.error(path, format!("{what} must not be empty"));
        }
    }

    fn when(&mut self, when: &When, path: Vec<Seg>, owner: &str) -> DateRange {
        match DateRange::resolve(when) {
            Ok(r) => r,
            Err(errs) => {
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
        path: Vec<Seg>,
        owner: &str,
        field: &str,
        kind: &str,
    ) -> Option<T> {
        let found = map.get(id).copied();
        if found.is_none() {
            self.error(path, format!("{owner}: {field} \"{id}\" is not {kind}"));
        }
        found
    }

    fn run(&mut self, ds: &Dataset) -> Index {
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
        self.nonempty(&ds.title, vec![Field("title")], "dataset title".into());

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
            let at = |f| vec![Field("articles"), Item(i), Field(f)];
            let owner = format!("article \"{}\"", a.id);
            self.nonempty(&a.headline, at("headline"), format!("{owner}: headline"));
            let outlet = self.lookup(
                &actor_by_id,
                &a.outlet,
                at("outlet"),
                &owner,
                "outlet",
                "an actor",
            );
            use_actor(outlet);
            article_outlet.push(outlet.unwrap_or(ActorIx(0)));
            article_published.push(self.when(&a.published, at("published"), &owner));
        }

        // Actors and the part_of tree.
        let mut actor_parent = Vec::with_capacity(ds.actors.len());
        for (i, a) in ds.actors.iter().enumerate() {
            let owner = format!("actor \"{}\"", a.id);
            self.nonempty(
                &a.name,
                vec![Field("actors"), Item(i), Field("name")],
                format!("{owner}: name"),
            );
            let parent = a.part_of.as_ref().and_then(|p| {
                let path = vec![Field("actors"), Item(i), Field("part_of"), Item(0)];
                self.lookup(&actor_by_id, p, path, &owner, "part_of", "an actor")
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

        // Claims.
        let n = ds.claims.len();
        let mut claim_article = Vec::with_capacity(n);
        let mut claim_claimant = Vec::with_capacity(n);
        let mut claim_said = Vec::with_capacity(n);
        let mut claim_quote = Vec::with_capacity(n);
        let mut via_pairs = Vec::new();
        let mut about_pairs = Vec::new();
        let mut role_pairs: Vec<(usize, (ClaimIx, Roles))> = Vec::new();
        let mut link_pairs = Vec::new();
        let mut article_claim_pairs = Vec::with_capacity(n);
        for (i, c) in ds.claims.iter().enumerate() {
            let ci = ClaimIx::from_usize(i);
            let at = |f| vec![Field("claims"), Item(i), Field(f)];
            let owner = format!("claim \"{}\"", c.id);
            self.nonempty(&c.text, at("text"), format!("{owner}: text"));

            let article = self.lookup(
                &article_by_id,
                &c.article,
                at("article"),
                &owner,
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
                at("claimant"),
                &owner,
                "claimant",
                "an actor",
            );
            use_actor(claimant);
            claim_claimant.push(claimant.unwrap_or(ActorIx(0)));
            if let Some(a) = claimant {
                role_pairs.push((a.i(), (ci, Roles::CLAIMANT)));
            }
            for (j, id) in c.via.iter().enumerate() {
                let path = vec![Field("claims"), Item(i), Field("via"), Item(j)];
                if let Some(a) = self.lookup(&actor_by_id, id, path, &owner, "via", "an actor") {
                    use_actor(Some(a));
                    via_pairs.push((i, a));
                    role_pairs.push((a.i(), (ci, Roles::VIA)));
                }
            }
            for (j, id) in c.about.iter().enumerate() {
                let path = vec![Field("claims"), Item(i), Field("about"), Item(j)];
                if let Some(a) = self.lookup(&actor_by_id, id, path, &owner, "about", "an actor") {
                    use_actor(Some(a));
                    about_pairs.push((i, a));
                    role_pairs.push((a.i(), (ci, Roles::ABOUT)));
                }
            }
            for (j, rel) in c.relations.iter().enumerate() {
                let path = vec![
                    Field("claims"),
                    Item(i),
                    Field("relations"),
                    Item(j),
                    Item(0),
                ];
                let field = format!("relations ({})", rel.kind().label());
                if let Some(other) =
                    self.lookup(&claim_by_id, rel.target(), path, &owner, &field, "a claim")
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
            claim_said.push(self.when(&c.said, at("said"), &owner));

            // The quote must be verbatim in its paragraph.
            let mut span = QuoteSpan {
                paragraph: 0,
                start: 0,
                end: 0,
            };
            if let Some(a) = article {
                let body = &ds.articles[a.i()].body;
                let p = c.quote.paragraph as usize;
                let qpath = vec![Field("claims"), Item(i), Field("quote")];
                if p == 0 || p > body.len() {
                    let mut path = qpath;
                    path.push(Field("paragraph"));
                    self.error(
                        path,
                        format!("{owner}: quote paragraph {p} is outside 1..={}", body.len()),
                    );
                } else if let Some(r) = find_verbatim(&body[p - 1], &c.quote.text) {
                    span = QuoteSpan {
                        paragraph: (p - 1) as u32,
                        start: r.start as u32,
                        end: r.end as u32,
                    };
                } else {
                    let mut path = qpath;
                    path.push(Field("text"));
                    self.error(path, format!("{owner}: quote text is not found verbatim in paragraph {p} of article \"{}\"", c.article));
                }
            }
            claim_quote.push(span);
        }
        let article_claims = Csr::from_pairs(ds.articles.len(), &article_claim_pairs);

        // Events.
        let mut event_when = Vec::with_capacity(ds.events.len());
        let mut event_actor_pairs = Vec::new();
        let mut event_claim_pairs = Vec::new();
        let mut claim_event_pairs = Vec::new();
        let mut actor_event_pairs = Vec::new();
        for (i, e) in ds.events.iter().enumerate() {
            let ei = EventIx::from_usize(i);
            let owner = format!("event \"{}\"", e.id);
            self.nonempty(
                &e.title,
                vec![Field("events"), Item(i), Field("title")],
                format!("{owner}: title"),
            );
            event_when.push(self.when(
                &e.when,
                vec![Field("events"), Item(i), Field("when")],
                &owner,
            ));
            for (j, id) in e.actors.iter().enumerate() {
                let path = vec![Field("events"), Item(i), Field("actors"), Item(j)];
                if let Some(a) = self.lookup(&actor_by_id, id, path, &owner, "actors", "an actor") {
                    use_actor(Some(a));
                    event_actor_pairs.push((i, a));
                    actor_event_pairs.push((a.i(), ei));
                }
            }
            for (j, id) in e.claims.iter().enumerate() {
                let path = vec![Field("events"), Item(i), Field("claims"), Item(j)];
                if let Some(c) = self.lookup(&claim_by_id, id, path, &owner, "claims", "a claim") {
                    event_claim_pairs.push((i, c));
                    claim_event_pairs.push((c.i(), ei));
                }
            }
        }

        // Merge the roles of an actor in one claim ("claimant+about").
        role_pairs.sort_by_key(|&(a, (c, _))| (a, c));
        let mut merged: Vec<(usize, (ClaimIx, Roles))> = Vec::with_capacity(role_pairs.len());
        for (a, (c, r)) in role_pairs {
            match merged.last_mut() {
                Some((la, (lc, lr))) if *la == a && *lc == c => *lr = lr.union(r),
                _ => merged.push((a, (c, r))),
            }
        }

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
    if let Some(i) = hay.find(needle) {
        return Some(i..i + needle.len());
    }
    let folded_needle = fold_ws(needle).0;
    let (folded_hay, map) = fold_ws(hay);
    let i = folded_hay.find(&folded_needle)?;
    let last = i + folded_needle.len() - 1;
    Some(map[i].0..map[last].1)
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
    fn id_patterns() {
        assert!(is_id("mt-2024.10_22") && !is_id("a b") && !is_id("") && !is_id(&"x".repeat(65)));
        assert!(is_slug("nk-troops") && !is_slug("NK") && !is_slug("a_b"));
    }
}
