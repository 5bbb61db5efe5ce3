//! The detail area: everything about the selected claim (or actor).

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::{Theme, status_symbol};
use super::widgets::pane_block;
use crate::app::{AppState, DetailSubject, EditTarget, Pane};
use crate::model::{ActorIx, ClaimIx, EventIx};
use crate::text::{sanitize, visible};

/// How many chars of one text the detail pane can show, scrolled as it is:
/// texts are cut there before wrapping (a claim text may be 100 MB).
fn room(state: &AppState) -> usize {
    let r = state.layout().detail;
    let lines = usize::from(r.height) + usize::from(state.detail().scroll());
    usize::from(r.width).max(1).saturating_mul(lines)
}

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let focused = state.focus() == Pane::Detail;
    let ds = &state.loaded().dataset;
    let (title, lines) = match state.detail_subject() {
        DetailSubject::Event(e) => (
            format!("Event {}", ds.events[e.i()].id),
            event_lines(state, theme, e),
        ),
        DetailSubject::Actor(a) => ("Actor".to_string(), actor_lines(state, theme, a)),
        DetailSubject::Claim(c) if state.detail().show_history() => (
            format!("History · {}", ds.claims[c.i()].id),
            history_lines(state, theme, c),
        ),
        DetailSubject::Claim(c) => (
            format!("Claim {}", ds.claims[c.i()].id),
            claim_lines(state, theme, c),
        ),
        DetailSubject::Nothing => (
            "Detail".to_string(),
            vec![Line::from(Span::styled("Select a claim.", theme.dim()))],
        ),
    };
    // With marks, every edit goes to them: say so first, whatever is shown.
    let (title, lines) = match state.edit_target() {
        EditTarget::Marked(marked) => {
            let shown = match state.detail_subject() {
                DetailSubject::Claim(c) => Some(c),
                _ => None,
            };
            marks_header(state, theme, &marked, shown, title, lines)
        }
        _ => (title, lines),
    };
    let block = pane_block(title, focused, theme);
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((state.detail().scroll(), 0));
    frame.render_widget(p, area);
}

/// "3 marked claims" above what the pane shows: the claims an edit changes,
/// and whether the claim shown below is one of them.
fn marks_header<'a>(
    state: &AppState,
    theme: &Theme,
    marked: &[ClaimIx],
    shown: Option<ClaimIx>,
    title: String,
    lines: Vec<Line<'a>>,
) -> (String, Vec<Line<'a>>) {
    let target = EditTarget::Marked(marked.to_vec());
    let mut head = vec![Line::from(Span::styled(
        format!("Edits apply to {}", state.describe(&target)),
        theme.mark(),
    ))];
    if let Some(c) = shown {
        let id = &state.loaded().dataset.claims[c.i()].id;
        let which = if marked.contains(&c) {
            format!("{id} below is one of them")
        } else {
            format!("{id} below is not marked")
        };
        head.push(Line::from(Span::styled(
            sanitize(&which).into_owned(),
            theme.dim(),
        )));
    }
    head.push(Line::default());
    head.extend(lines);
    let n = marked.len();
    let title = format!(
        "{n} marked claim{} · {title}",
        if n == 1 { "" } else { "s" }
    );
    (title, head)
}

fn field<'a>(theme: &Theme, label: &str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<10}"), theme.label()),
        Span::raw(sanitize(&value.into()).into_owned()),
    ])
}

fn actor_name(state: &AppState, a: ActorIx) -> String {
    state.loaded().dataset.actors[a.i()].name.clone()
}

fn claim_lines<'a>(state: &AppState, theme: &Theme, c: ClaimIx) -> Vec<Line<'a>> {
    let ds = &state.loaded().dataset;
    let ix = &state.loaded().index;
    let claim = &ds.claims[c.i()];
    let ann = state
        .annotations()
        .set()
        .get(&claim.id)
        .cloned()
        .unwrap_or_default();
    let status = state.statuses().of(c);
    let mut grading = ann.grading();
    if !grading.is_empty() {
        grading = format!("  grading {grading}");
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!("{} {}", status_symbol(status), status.label()),
                theme.status(status),
            ),
            Span::styled(grading, theme.label()),
        ]),
        Line::from(Span::styled(
            sanitize(&visible(&claim.text, room(state))).into_owned(),
            theme.heading(),
        )),
        Line::default(),
    ];
    // What there is to adjudicate comes first (its own file: `adjudication.rs`).
    lines.extend(super::adjudication::lines(state, theme, c));
    // Attribution chain: claimant → via... (the last is the publishing outlet).
    let mut chain = vec![actor_name(state, ix.claim_claimant[c.i()])];
    chain.extend(
        ix.claim_via
            .get(c.i())
            .iter()
            .map(|&a| actor_name(state, a)),
    );
    lines.push(field(theme, "Chain", chain.join(" → ")));
    lines.push(field(theme, "Stance", claim.stance.label()));
    let said_as = claim
        .said_as
        .as_ref()
        .map(|s| format!(" (“{s}”)"))
        .unwrap_or_default();
    let art = ix.claim_article[c.i()];
    lines.push(field(
        theme,
        "Said",
        format!("{}{said_as}", ix.claim_said[c.i()]),
    ));
    lines.push(field(
        theme,
        "Published",
        format!(
            "{} · {}",
            ix.article_published[art.i()],
            ds.articles[art.i()].headline
        ),
    ));
    let about: Vec<String> = ix
        .claim_about
        .get(c.i())
        .iter()
        .map(|&a| actor_name(state, a))
        .collect();
    if !about.is_empty() {
        lines.push(field(theme, "About", about.join(", ")));
    }
    lines.push(field(
        theme,
        "Quote",
        format!(
            "¶{} “{}”",
            claim.quote.paragraph,
            visible(&claim.quote.text, room(state))
        ),
    ));
    for link in ix.claim_links.get(c.i()) {
        let other = &ds.claims[link.other.i()];
        lines.push(field(
            theme,
            "Related",
            format!(
                "{} {} — {}",
                link.label(),
                other.id,
                visible(&other.text, room(state))
            ),
        ));
    }
    for &e in ix.claim_events.get(c.i()) {
        let ev = &ds.events[e.i()];
        lines.push(field(
            theme,
            "Event",
            format!("{} {} — {}", ix.event_when[e.i()], ev.id, ev.title),
        ));
    }
    if !claim.tags.is_empty() {
        lines.push(field(theme, "Tags", claim.tags.join(", ")));
    }
    if !ann.tags.is_empty() {
        lines.push(field(theme, "My tags", ann.tags.join(", ")));
    }
    if !ann.note.is_empty() {
        lines.push(Line::from(Span::styled("Note", theme.label())));
        lines.extend(
            ann.note
                .lines()
                .map(|l| Line::from(sanitize(l).into_owned())),
        );
    }
    // Only an absolute http(s) URL is a link `o` opens; anything else is a
    // note of evidence and says so.
    for e in &ann.evidence {
        let shown = if crate::model::citation::is_web_link(e) {
            e.clone()
        } else {
            format!("(text) {e}")
        };
        lines.push(field(theme, "Evidence", shown));
    }
    if let (Some(by), Some(at)) = (&ann.by, ann.at) {
        lines.push(Line::from(Span::styled(
            format!(
                "last change by {} at {}",
                sanitize(by),
                at.strftime("%Y-%m-%d %H:%M UTC")
            ),
            theme.dim(),
        )));
    }
    lines
}

fn history_lines<'a>(state: &AppState, theme: &Theme, c: ClaimIx) -> Vec<Line<'a>> {
    let id = &state.loaded().dataset.claims[c.i()].id;
    let set = state.annotations().set();
    let mut lines: Vec<Line> = set
        .history_of(id)
        .map(|ch| {
            let old = if ch.old.is_empty() {
                "∅".to_string()
            } else {
                ch.old.clone()
            };
            let new = if ch.new.is_empty() {
                "∅".to_string()
            } else {
                ch.new.clone()
            };
            Line::from(vec![
                Span::styled(ch.at.strftime("%Y-%m-%d %H:%M ").to_string(), theme.dim()),
                Span::styled(format!("{:<12}", ch.field.label()), theme.label()),
                Span::raw(sanitize(&format!("{old} → {new}")).into_owned()),
                Span::styled(format!("  ({})", sanitize(&ch.analyst)), theme.dim()),
                Span::styled(
                    ch.adjudication()
                        .map(|a| format!(" · {}", sanitize(&a)))
                        .unwrap_or_default(),
                    theme.notice(),
                ),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "No changes recorded for this claim yet.",
            theme.dim(),
        )));
    }
    lines.push(Line::from(Span::styled(
        "H: back to the claim",
        theme.dim(),
    )));
    lines
}

fn actor_lines<'a>(state: &AppState, theme: &Theme, a: ActorIx) -> Vec<Line<'a>> {
    let ds = &state.loaded().dataset;
    let ix = &state.loaded().index;
    let actor = &ds.actors[a.i()];
    let (makes, about) = state.actors().counts(a);
    let mut lines = vec![
        Line::from(Span::styled(
            sanitize(&actor.name).into_owned(),
            theme.heading(),
        )),
        field(theme, "Id", actor.id.clone()),
        field(theme, "Kind", actor.kind.label()),
        field(
            theme,
            "Claims",
            format!(
                "makes {makes}, about {about}, in {} overall",
                ix.actor_claims.get(a.i()).len()
            ),
        ),
    ];
    if !actor.aliases.is_empty() {
        lines.push(field(theme, "Aliases", actor.aliases.join("; ")));
    }
    if let Some(p) = ix.actor_parent[a.i()] {
        lines.push(field(theme, "Part of", actor_name(state, p)));
    }
    let children: Vec<String> = ix
        .actor_children
        .get(a.i())
        .iter()
        .take(20)
        .map(|&c| actor_name(state, c))
        .collect();
    if !children.is_empty() {
        lines.push(field(theme, "Members", children.join(", ")));
    }
    if let Some(n) = &actor.note {
        lines.push(field(theme, "Note", n.clone()));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Enter: go to its claims · i: include sub-actors",
        theme.dim(),
    )));
    lines
}

fn event_lines<'a>(state: &AppState, theme: &Theme, e: EventIx) -> Vec<Line<'a>> {
    let ds = &state.loaded().dataset;
    let ix = &state.loaded().index;
    let ev = &ds.events[e.i()];
    let mut lines = vec![
        Line::from(Span::styled(
            sanitize(&ev.title).into_owned(),
            theme.heading(),
        )),
        field(theme, "When", ix.event_when[e.i()].to_string()),
    ];
    let actors: Vec<String> = ix
        .event_actors
        .get(e.i())
        .iter()
        .map(|&a| actor_name(state, a))
        .collect();
    if !actors.is_empty() {
        lines.push(field(theme, "Actors", actors.join(", ")));
    }
    for &c in ix.event_claims.get(e.i()) {
        let claim = &ds.claims[c.i()];
        lines.push(field(
            theme,
            "Claim",
            format!(
                "{} ({}) — {}",
                claim.id,
                ix.claim_said[c.i()],
                visible(&claim.text, room(state))
            ),
        ));
    }
    lines
}
