//! What the detail pane shows, as text: a claim (the analyst's own work
//! first, then the dataset's), its history, an event or an actor, headed by
//! the marked claims when there are any. Built from the state on demand (one
//! claim's worth of text) and wrapped here, so that scrolling stops at the
//! last row and the view (`ui/detail.rs`) only styles the rows it is given.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::action::{Action, EditorField};
use super::adjudicate::Choice;
use super::keymap::Scope;
use super::layout::AppLayout;
use super::state::AppState;
use super::targeting::{DetailSubject, EditTarget};
use super::wrap::{Styled, wrap_into};
use crate::model::{ActorIx, AnnotationField, ClaimIx, Edit, EventIx, Status};
use crate::text::{sanitize, visible};

/// What a run of detail text is, for the view to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    Heading,
    Label,
    Dim,
    /// About the marked claims.
    Mark,
    /// A conflict to adjudicate.
    Error,
    /// Whose value an adjudication took (history).
    Notice,
    Status(Status),
}

/// A run of detail text.
pub type Run = Styled<Role>;

/// One paragraph: a label (rows after the first are indented under the
/// text) and runs of text, wrapped together.
#[derive(Debug, Clone, Default)]
struct Para {
    label: String,
    runs: Vec<(String, Role)>,
    /// The runs are one row laid out already (a table row): not wrapped.
    fixed: bool,
}

/// The most of one text the pane lays out: a claim text may be 100 MB, and
/// the pane is wrapped whole (its scroll range counts every row); past this
/// it ends in `…` (the reader shows articles in full).
const MAX_CHARS: usize = 1 << 16;

impl Para {
    fn text(text: &str, role: Role) -> Self {
        Self {
            label: String::new(),
            runs: vec![(sanitize(&visible(text, MAX_CHARS)).into_owned(), role)],
            fixed: false,
        }
    }

    /// A row laid out already (its text sanitised by whoever made it).
    fn row(runs: Vec<Run>) -> Self {
        Self {
            label: String::new(),
            runs: runs.into_iter().map(|r| (r.text, r.kind)).collect(),
            fixed: true,
        }
    }

    /// `Chain     National Intelligence Service → …`
    fn field(label: &str, value: &str) -> Self {
        Self {
            label: format!("{label:<10}"),
            runs: vec![(
                sanitize(&visible(value, MAX_CHARS)).into_owned(),
                Role::Plain,
            )],
            fixed: false,
        }
    }

    fn blank() -> Self {
        Self::default()
    }
}

/// The detail pane's title and text, laid out at a width.
#[derive(Debug, Clone, Default)]
pub struct DetailDoc {
    pub title: String,
    /// What the pane draws, one row per line.
    pub rows: Vec<Vec<Run>>,
}

/// The title and paragraphs, before they are laid out.
struct Draft {
    title: String,
    paras: Vec<Para>,
}

impl Draft {
    fn at(self, width: usize) -> DetailDoc {
        let mut rows = Vec::new();
        for p in &self.paras {
            if p.fixed {
                rows.push(
                    p.runs
                        .iter()
                        .map(|(text, kind)| Styled {
                            text: text.clone(),
                            kind: *kind,
                        })
                        .collect(),
                );
                continue;
            }
            let pieces: Vec<(&str, Role)> = p.runs.iter().map(|(t, r)| (t.as_str(), *r)).collect();
            wrap_into(&mut rows, &pieces, width, &p.label, Role::Label);
        }
        DetailDoc {
            title: self.title,
            rows,
        }
    }
}

impl AppState {
    /// What the detail pane shows now (see `detail_subject`), laid out at
    /// `width` columns.
    pub fn detail_doc(&self, width: usize) -> DetailDoc {
        let ds = &self.loaded.dataset;
        let mut doc = match self.detail_subject() {
            DetailSubject::Event(e) => Draft {
                title: format!("Event {}", ds.events[e.i()].id),
                paras: self.event_paras(e),
            },
            DetailSubject::Actor(a) => Draft {
                title: "Actor".into(),
                paras: self.actor_paras(a),
            },
            DetailSubject::Claim(c) if self.detail.show_history => Draft {
                title: format!("History · {}", ds.claims[c.i()].id),
                paras: self.history_paras(c),
            },
            DetailSubject::Claim(c) => Draft {
                title: format!("Claim {}", ds.claims[c.i()].id),
                paras: self.claim_paras(c, width),
            },
            DetailSubject::Nothing => Draft {
                title: "Detail".into(),
                paras: vec![Para::text("Select a claim.", Role::Dim)],
            },
        };
        // With marks every edit goes to them: say so first, whatever is shown.
        if let target @ EditTarget::Marked(_) = self.edit_target() {
            doc = self.with_marks_header(doc, &target);
        }
        doc.at(width)
    }

    /// The detail pane's text area: (columns, rows).
    fn detail_inner(&self) -> (usize, usize) {
        let r = self.layout().detail;
        (
            r.width.saturating_sub(2) as usize,
            AppLayout::inner_height(r),
        )
    }

    /// The furthest the detail pane scrolls: its last row at the bottom.
    pub fn detail_max_scroll(&self) -> u16 {
        let (w, h) = self.detail_inner();
        let rows = self.detail_doc(w).rows.len();
        u16::try_from(rows.saturating_sub(h)).unwrap_or(u16::MAX)
    }

    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let max = i64::from(self.detail_max_scroll());
        let now = i64::from(self.detail.scroll);
        let to = now.saturating_add(delta as i64).clamp(0, max);
        self.detail.scroll = u16::try_from(to).unwrap_or(u16::MAX);
    }

    /// After every update: a new subject (another claim, event or actor, or
    /// the history instead of the claim) starts at the top; a scroll past the
    /// end (the text or the pane changed) comes back to the last row.
    pub(super) fn settle_detail(&mut self) {
        let shown = (self.detail_subject(), self.detail.show_history);
        if self.detail.shown != Some(shown) {
            self.detail.shown = Some(shown);
            self.detail.scroll = 0;
        } else if self.detail.scroll > 0 {
            self.detail.scroll = self.detail.scroll.min(self.detail_max_scroll());
        }
    }

    fn with_marks_header(&self, doc: Draft, target: &EditTarget) -> Draft {
        let marked = target.claims();
        let mut paras = vec![Para::text(
            &format!("Edits apply to {}", self.describe(target)),
            Role::Mark,
        )];
        if let DetailSubject::Claim(c) = self.detail_subject() {
            let id = &self.loaded.dataset.claims[c.i()].id;
            let which = if marked.contains(&c) {
                format!("{id} below is one of them")
            } else {
                format!("{id} below is not marked")
            };
            paras.push(Para::text(&which, Role::Dim));
        }
        paras.push(Para::blank());
        paras.extend(doc.paras);
        let n = marked.len();
        Draft {
            title: format!(
                "{n} marked claim{} · {}",
                if n == 1 { "" } else { "s" },
                doc.title
            ),
            paras,
        }
    }

    fn actor_name(&self, a: ActorIx) -> &str {
        &self.loaded.dataset.actors[a.i()].name
    }

    fn claim_paras(&self, c: ClaimIx, width: usize) -> Vec<Para> {
        let ds = &self.loaded.dataset;
        let ix = &self.loaded.index;
        let claim = &ds.claims[c.i()];
        let ann = self
            .annotations
            .set()
            .get(&claim.id)
            .cloned()
            .unwrap_or_default();
        let status = self.statuses.of(c);
        let mut first = vec![(
            format!("{} {}", status.symbol(), status.label()),
            Role::Status(status),
        )];
        let grading = ann.grading();
        if !grading.is_empty() {
            first.push((format!("  grading {grading}"), Role::Label));
        }
        let mut out = vec![
            Para {
                label: String::new(),
                runs: first,
                fixed: false,
            },
            Para::text(&claim.text, Role::Heading),
            Para::blank(),
        ];
        // What there is to adjudicate comes first.
        out.extend(self.adjudication_paras(c, width));
        // The analyst's own work first: it must be visible without scrolling.
        let own = !ann.note.is_empty() || !ann.evidence.is_empty() || !ann.tags.is_empty();
        if !ann.note.is_empty() {
            out.push(Para::text("Note", Role::Label));
            out.extend(ann.note.lines().map(|l| Para::text(l, Role::Plain)));
        }
        // Only an absolute http(s) URL is a link `o` opens; anything else is
        // a note of evidence and says so.
        for e in &ann.evidence {
            if crate::model::citation::is_web_link(e) {
                out.push(Para::field("Evidence", e));
            } else {
                out.push(Para::field("Evidence", &format!("(text) {e}")));
            }
        }
        if !ann.tags.is_empty() {
            out.push(Para::field("My tags", &ann.tags.join(", ")));
        }
        if let (Some(by), Some(at)) = (&ann.by, ann.at) {
            out.push(Para::text(
                &format!(
                    "last change by {by} at {}",
                    at.strftime("%Y-%m-%d %H:%M UTC")
                ),
                Role::Dim,
            ));
        }
        if !own {
            let keys = &self.keymap;
            let hints: Vec<String> = [
                (EditorField::Note, "note"),
                (EditorField::Evidence, "evidence"),
                (EditorField::Tags, "tags"),
            ]
            .into_iter()
            .map(|(f, w)| keys.hint(Scope::Claims, &Action::OpenEditor(f), w))
            .filter(|h| !h.is_empty())
            .collect();
            if !hints.is_empty() {
                out.push(Para::text(
                    &format!("Add: {}", hints.join(" · ")),
                    Role::Dim,
                ));
            }
        }
        out.push(Para::blank());
        // Then the dataset's: attribution chain (claimant → via…), when, quote.
        let mut chain = vec![self.actor_name(ix.claim_claimant[c.i()])];
        chain.extend(ix.claim_via.get(c.i()).iter().map(|&a| self.actor_name(a)));
        out.push(Para::field("Chain", &chain.join(" → ")));
        out.push(Para::field("Stance", claim.stance.label()));
        let said_as = claim
            .said_as
            .as_ref()
            .map(|s| format!(" (“{s}”)"))
            .unwrap_or_default();
        out.push(Para::field(
            "Said",
            &format!("{}{said_as}", ix.claim_said[c.i()]),
        ));
        let art = ix.claim_article[c.i()];
        out.push(Para::field(
            "Published",
            &format!(
                "{} · {}",
                ix.article_published[art.i()],
                ds.articles[art.i()].headline
            ),
        ));
        let about: Vec<&str> = ix
            .claim_about
            .get(c.i())
            .iter()
            .map(|&a| self.actor_name(a))
            .collect();
        if !about.is_empty() {
            out.push(Para::field("About", &about.join(", ")));
        }
        out.push(Para::field(
            "Quote",
            &format!(
                "¶{} “{}”",
                claim.quote.paragraph,
                visible(&claim.quote.text, MAX_CHARS)
            ),
        ));
        if !claim.tags.is_empty() {
            out.push(Para::field("Tags", &claim.tags.join(", ")));
        }
        for link in ix.claim_links.get(c.i()) {
            let other = &ds.claims[link.other.i()];
            out.push(Para::field(
                "Related",
                &format!(
                    "{} {} — {}",
                    link.label(),
                    other.id,
                    visible(&other.text, MAX_CHARS)
                ),
            ));
        }
        for &e in ix.claim_events.get(c.i()) {
            let ev = &ds.events[e.i()];
            out.push(Para::field(
                "Event",
                &format!("{} {} — {}", ix.event_when[e.i()], ev.id, ev.title),
            ));
        }
        out
    }

    /// What there is to adjudicate on a claim, numbered for `T`: the
    /// compared analysts side by side (`detail_compare.rs`), then the sides
    /// of each merge conflict; nothing when there is nothing.
    fn adjudication_paras(&self, c: ClaimIx, width: usize) -> Vec<Para> {
        let choices = self.choices(c);
        if choices.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Para> = self
            .compare_rows(c, width)
            .into_iter()
            .map(Para::row)
            .collect();
        let take = self
            .keymap
            .hint(Scope::Claims, &Action::ChordTake, "then a number takes one");
        let mut field: Option<AnnotationField> = None;
        for (i, choice) in choices.iter().enumerate() {
            let Choice::Side {
                field: f,
                value,
                analyst,
                at,
            } = choice
            else {
                // Analysts are drawn side by side above.
                continue;
            };
            if field != Some(*f) {
                field = Some(*f);
                out.push(Para {
                    label: String::new(),
                    runs: vec![
                        (format!("CONFLICT on the {}", f.label()), Role::Error),
                        (format!(" · {take}"), Role::Dim),
                    ],
                    fixed: false,
                });
            }
            let who = analyst.as_deref().unwrap_or("?");
            let when = at.map_or_else(String::new, |t| {
                t.strftime(" · %Y-%m-%d %H:%M UTC").to_string()
            });
            out.push(Para {
                label: format!(" {:>2}  ", i + 1),
                runs: vec![
                    (choice_text(value), Role::Plain),
                    (format!("  {}{when}", sanitize(who)), Role::Dim),
                ],
                fixed: false,
            });
        }
        if out.last().is_some_and(|p| !p.runs.is_empty()) {
            out.push(Para::blank());
        }
        out
    }

    fn history_paras(&self, c: ClaimIx) -> Vec<Para> {
        let id = &self.loaded.dataset.claims[c.i()].id;
        let empty = |s: &str| {
            if s.is_empty() {
                "∅".to_string()
            } else {
                s.to_string()
            }
        };
        let mut out: Vec<Para> = self
            .annotations
            .set()
            .history_of(id)
            .map(|ch| Para {
                label: String::new(),
                fixed: false,
                runs: vec![
                    (ch.at.strftime("%Y-%m-%d %H:%M ").to_string(), Role::Dim),
                    (format!("{:<12}", ch.field.label()), Role::Label),
                    (
                        sanitize(&format!("{} → {}", empty(&ch.old), empty(&ch.new))).into_owned(),
                        Role::Plain,
                    ),
                    (format!("  ({})", sanitize(&ch.analyst)), Role::Dim),
                    (
                        ch.adjudication()
                            .map(|a| format!(" · {}", sanitize(&a)))
                            .unwrap_or_default(),
                        Role::Notice,
                    ),
                ],
            })
            .collect();
        if out.is_empty() {
            out.push(Para::text(
                "No changes recorded for this claim yet.",
                Role::Dim,
            ));
        }
        out.push(Para::text("H: back to the claim", Role::Dim));
        out
    }

    fn actor_paras(&self, a: ActorIx) -> Vec<Para> {
        let ds = &self.loaded.dataset;
        let ix = &self.loaded.index;
        let actor = &ds.actors[a.i()];
        let (makes, about) = self.actors.counts(a);
        let mut out = vec![
            Para::text(&actor.name, Role::Heading),
            Para::field("Id", &actor.id),
            Para::field("Kind", actor.kind.label()),
            Para::field(
                "Claims",
                &format!(
                    "makes {makes}, about {about}, in {} overall",
                    ix.actor_claims.get(a.i()).len()
                ),
            ),
        ];
        if !actor.aliases.is_empty() {
            out.push(Para::field("Aliases", &actor.aliases.join("; ")));
        }
        if let Some(p) = ix.actor_parent[a.i()] {
            out.push(Para::field("Part of", self.actor_name(p)));
        }
        let children: Vec<&str> = ix
            .actor_children
            .get(a.i())
            .iter()
            .take(20)
            .map(|&c| self.actor_name(c))
            .collect();
        if !children.is_empty() {
            out.push(Para::field("Members", &children.join(", ")));
        }
        if let Some(n) = &actor.note {
            out.push(Para::field("Note", n));
        }
        out.push(Para::blank());
        out.push(Para::text(
            "Enter: go to its claims · i: include sub-actors",
            Role::Dim,
        ));
        out
    }

    fn event_paras(&self, e: EventIx) -> Vec<Para> {
        let ds = &self.loaded.dataset;
        let ix = &self.loaded.index;
        let ev = &ds.events[e.i()];
        let mut out = vec![
            Para::text(&ev.title, Role::Heading),
            Para::field("When", &ix.event_when[e.i()].to_string()),
        ];
        let actors: Vec<&str> = ix
            .event_actors
            .get(e.i())
            .iter()
            .map(|&a| self.actor_name(a))
            .collect();
        if !actors.is_empty() {
            out.push(Para::field("Actors", &actors.join(", ")));
        }
        for &c in ix.event_claims.get(e.i()) {
            let claim = &ds.claims[c.i()];
            out.push(Para::field(
                "Claim",
                &format!(
                    "{} ({}) — {}",
                    claim.id,
                    ix.claim_said[c.i()],
                    visible(&claim.text, MAX_CHARS)
                ),
            ));
        }
        out
    }
}

/// A choice's value on one line: a status with its symbol, text with its
/// line breaks shown, nothing as ∅.
fn choice_text(value: &Edit) -> String {
    let text = match value {
        Edit::Status(s) => format!("{} {}", s.symbol(), s.label()),
        other => other.value_text().replace('\n', " ⏎ "),
    };
    if text.is_empty() {
        "∅".to_owned()
    } else {
        sanitize(&text).into_owned()
    }
}
