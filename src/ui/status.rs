//! The two status lines: dataset, counts, filters and messages; key hints.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{Theme, status_symbol};
use crate::app::Action;
use crate::app::AppState;
use crate::app::keymap::Scope;
use crate::model::Status;
use crate::text::{fit, width};

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let w = area.width as usize;
    let ds = &state.loaded().dataset;
    let mut top: Vec<Span> = Vec::new();
    if let Some(q) = state.overlays().search_input() {
        top.push(Span::styled("/", theme.label()));
        top.push(Span::raw(fit(q, w.saturating_sub(40))));
        top.push(Span::styled("▏", theme.label()));
        let keys = state.keymap();
        // Until its index is built, a search has no matches to count.
        let matches = if state.search_waiting() {
            "indexing for search…".to_owned()
        } else if state.search_partial() {
            format!("{}+ matches, searching…", state.claims().rows().len())
        } else {
            match state.claims().rows().len() {
                1 => "1 match".to_owned(),
                n => format!("{n} matches"),
            }
        };
        top.push(Span::styled(
            format!(
                "  {matches} · {} · {}",
                keys.hint(Scope::Search, &Action::SearchAccept, "keep"),
                keys.hint(Scope::Search, &Action::Back, "clear"),
            ),
            theme.dim(),
        ));
    } else if let Some(m) = state.message() {
        top.push(Span::styled(
            fit(&m.text, w),
            if m.error {
                theme.error()
            } else {
                theme.notice()
            },
        ));
    } else {
        top.push(Span::styled(fit(&ds.title, w / 3), theme.heading()));
        top.push(Span::raw(format!(
            "  {}/{} shown ",
            state.claims().rows().len(),
            ds.claims.len()
        )));
        for s in Status::ALL {
            let n = state.statuses().total()[s as usize];
            if n > 0 {
                top.push(Span::styled(
                    format!(" {}{n}", status_symbol(s)),
                    theme.status(s),
                ));
            }
        }
        for chip in filter_chips(state) {
            top.push(Span::raw("  "));
            top.push(Span::styled(chip, theme.label()));
        }
    }
    // Sticky notices the analyst must not miss.
    let mut sticky = Vec::new();
    // What the next edit changes: the marks, when there are any.
    let marked = state.claims().marked().len();
    if marked > 0 {
        let kept = if state.keep_marks() { " (kept)" } else { "" };
        sticky.push((format!("{marked} marked{kept}"), theme.mark()));
    }
    // Work running in the background (an export), with its progress.
    if let Some(task) = state.task() {
        sticky.push((task.line(), theme.notice()));
    }
    if let Some(why) = state.annotations().read_only_reason() {
        sticky.push((format!("READ-ONLY: {why}"), theme.error()));
    }
    let pending = state.annotations().pending();
    if pending > 0 {
        sticky.push((format!("UNSAVED {pending} (R retries)"), theme.error()));
    }
    // Comparing with other analysts' files (read-only), blind or not.
    if let Some(cmp) = state.compare() {
        let what = if cmp.blind() { "BLIND" } else { "COMPARE" };
        sticky.push((format!("{what} {}", cmp.analysts().len()), theme.notice()));
    }
    // Fields two analysts set differently: both values are kept in the file.
    let conflicts = state.annotations().conflict_count();
    if conflicts > 0 {
        sticky.push((format!("CONFLICT {conflicts}"), theme.error()));
    }
    // The line is cut to leave room for the marked count: what the next
    // edit changes must always be in sight.
    if marked > 0
        && let Some((first, _)) = sticky.first()
    {
        top = cut_spans(top, w.saturating_sub(width(first) + 2));
    }
    let used: usize = top.iter().map(|s| width(&s.content)).sum();
    let mut used = used;
    for (s, style) in sticky {
        let room = w.saturating_sub(used + 2);
        if room > 4 {
            let s = fit(&s, room);
            used += 2 + width(&s);
            top.push(Span::raw("  "));
            top.push(Span::styled(s, style));
        }
    }
    let mut lines = vec![Line::from(top)];
    if area.height > 1 {
        // Under the search box: why its text is not applied, else the keys.
        match state.overlays().search_error() {
            Some(e) if state.overlays().search_input().is_some() => lines.push(Line::from(
                Span::styled(fit(&format!("query: {e}"), w), theme.error()),
            )),
            _ => lines.push(hints(state, theme, w)),
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The spans cut to at most `max` columns (the last one ends in `…`).
fn cut_spans(spans: Vec<Span<'_>>, max: usize) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = width(&s.content);
        if used + w <= max {
            used += w;
            out.push(s);
        } else {
            let rest = max.saturating_sub(used);
            if rest > 0 {
                out.push(Span::styled(
                    crate::text::ellipsize(&s.content, rest).into_owned(),
                    s.style,
                ));
            }
            break;
        }
    }
    out
}

/// The active filter, as short chips ("actor: NIS", "status: Verified"...).
pub fn filter_chips(state: &AppState) -> Vec<String> {
    let ds = &state.loaded().dataset;
    let f = &state.claims().filter();
    let mut chips = Vec::new();
    if let Some(a) = f.actor {
        let sub = if f.sub_actors { "+sub" } else { "" };
        chips.push(format!("[actor: {}{sub}]", ds.actors[a.i()].name));
    }
    if let Some(s) = f.status {
        chips.push(format!("[status: {}]", s.label()));
    }
    if let Some(t) = &f.tag {
        chips.push(format!("[tag: {t}]"));
    }
    if let Some(a) = f.article {
        chips.push(format!("[article: {}]", ds.articles[a.i()].id));
    }
    if !f.query.is_empty() {
        chips.push(format!("[/ {}]", crate::text::sanitize(&f.query)));
    }
    if f.contested {
        chips.push("[to adjudicate]".to_owned());
    }
    let refine = f.refine.text();
    if !refine.is_empty() {
        chips.push(format!("[query: {}]", crate::text::sanitize(&refine)));
    }
    chips
}

fn hints<'a>(state: &AppState, theme: &Theme, w: usize) -> Line<'a> {
    let scope = state.scopes()[0];
    let mut spans = Vec::new();
    let mut used = 0;
    let mut rows = state.keymap().help_rows(scope);
    // The text-input fallback needs no hint; help is a key away elsewhere.
    rows.retain(|(keys, _)| keys != "other keys");
    // The way to help is never cut off: its room is kept first, and it
    // comes last. Only where the help key opens help (in a text box it types).
    let scopes = state.scopes();
    let help = state
        .keymap()
        .key_for(Scope::Global, &Action::ToggleHelp)
        .filter(|&k| state.keymap().lookup(&scopes, k) == Some(Action::ToggleHelp))
        .filter(|_| scope != Scope::Help)
        .map(|k| (k.to_string(), "help"));
    let reserved = help.as_ref().map_or(0, |(k, h)| width(&format!("{k} {h}")));
    for (keys, help) in rows {
        let text = format!("{keys} {help}  ");
        if used + width(&text) + reserved > w {
            break;
        }
        used += width(&text);
        spans.push(Span::styled(format!("{keys} "), theme.label()));
        spans.push(Span::styled(format!("{help}  "), theme.dim()));
    }
    if let Some((keys, help)) = help {
        spans.push(Span::styled(format!("{keys} "), theme.label()));
        spans.push(Span::styled(help, theme.dim()));
    }
    Line::from(spans)
}
