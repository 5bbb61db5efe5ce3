//! The new-claim form over the reader: the quote, the fields, what the
//! live check says; "new actor…" and the discard question inside it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::claim_form::{ActorField, ActorForm, ClaimForm, FormField, LineField};
use crate::app::{Action, AppState, Scope};
use crate::text::{fit, sanitize, width};

const LABEL: usize = 9;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(form) = state.overlays().claim_form() else {
        return;
    };
    let r = popup(frame, area, 100.min(area.width), 18.min(area.height));
    let keys = state.keymap();
    let s = Scope::ClaimForm;
    let what = match &form.save_as {
        crate::app::claim_form::SaveAs::Append => "New claim",
        crate::app::claim_form::SaveAs::Replace(_) => "Edit claim",
    };
    let title = format!(
        "{what} {} · {} · {} · {} · {}",
        sanitize(&form.checked().id),
        keys.hint(s, &Action::FormSave, "save"),
        keys.hint(s, &Action::FormNext, "next field"),
        keys.hint(s, &Action::FormCycle, "stance"),
        keys.hint(s, &Action::FormCancel, "cancel"),
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let w = usize::from(inner.width);
    let value_w = w.saturating_sub(LABEL);
    let mut lines: Vec<Line> = Vec::new();
    let quote = format!("¶{} “{}”", form.paragraph(), sanitize(form.quote()));
    lines.push(row(
        "Quote",
        vec![Span::raw(fit(&quote, value_w))],
        false,
        theme,
    ));
    lines.push(row(
        "Article",
        vec![Span::styled(fit(form.article_id(), value_w), theme.dim())],
        false,
        theme,
    ));
    for field in FormField::ALL {
        let focused = form.focus() == field && form.actor_form().is_none();
        let value = match field {
            FormField::Claimant | FormField::Via | FormField::About => {
                actor_spans(state, form, field, value_w)
            }
            FormField::Stance => vec![Span::raw(form.stance().label().to_owned())],
            FormField::Said => {
                let mut v = form
                    .line(field)
                    .map(|l| line_spans(l, focused, value_w / 2, theme))
                    .unwrap_or_default();
                if let Some(reading) = &form.checked().said {
                    v.push(Span::styled(
                        fit(&format!("  → {reading}"), value_w / 2 + 4),
                        theme.dim(),
                    ));
                }
                v
            }
            FormField::Id => {
                let mut v = form
                    .line(field)
                    .map(|l| line_spans(l, focused, value_w / 2, theme))
                    .unwrap_or_default();
                if form.line(field).is_some_and(|l| l.text().trim().is_empty()) {
                    v.push(Span::styled(
                        fit(&format!("  (empty: {})", form.checked().id), value_w / 2),
                        theme.dim(),
                    ));
                }
                v
            }
            _ => form
                .line(field)
                .map(|l| line_spans(l, focused, value_w, theme))
                .unwrap_or_default(),
        };
        lines.push(row(field.label(), value, focused, theme));
    }
    lines.push(Line::raw(""));
    let problems = &form.checked().problems;
    if problems.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(
                &format!(
                    "✓ passes check · {} writes it to {}",
                    keys.key_for(s, &Action::FormSave)
                        .map_or_else(String::new, |k| k.to_string()),
                    state.dataset_location()
                ),
                w,
            ),
            theme.notice(),
        )));
    } else {
        for p in problems {
            lines.push(Line::from(Span::styled(
                fit(&format!("✗ {p}"), w),
                theme.error(),
            )));
        }
    }
    if form.is_confirming_discard() {
        let d = Scope::DiscardForm;
        lines.push(Line::from(vec![
            Span::styled(" Discard the new claim? ", theme.error()),
            Span::styled(
                format!(
                    "{} · {} · {}",
                    keys.hint(d, &Action::FormDiscard, "discard"),
                    keys.hint(d, &Action::FormKeepEditing, "keep editing"),
                    keys.hint(d, &Action::FormSave, "save"),
                ),
                theme.label(),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if let Some(a) = form.actor_form() {
        draw_actor_form(frame, inner, state, a, theme);
    }
}

fn row<'a>(label: &str, mut value: Vec<Span<'a>>, focused: bool, theme: &Theme) -> Line<'a> {
    let style = if focused {
        theme.title(true)
    } else {
        theme.label()
    };
    let mut spans = vec![
        Span::styled(label.to_owned(), style),
        Span::raw(" ".repeat(LABEL.saturating_sub(width(label)))),
    ];
    spans.append(&mut value);
    Line::from(spans)
}

/// The actors of an actor field: `id — name`, sanitised.
fn actor_spans<'a>(
    state: &AppState,
    form: &ClaimForm,
    field: FormField,
    w: usize,
) -> Vec<Span<'a>> {
    let Some(role) = field.role() else {
        return Vec::new();
    };
    let ids = form.actors(role);
    if ids.is_empty() {
        return vec![Span::raw("—")];
    }
    let ds = &state.loaded().dataset;
    let named: Vec<String> = ids
        .iter()
        .map(|id| {
            let name = ds
                .actors
                .iter()
                .find(|a| a.id == *id)
                .map(|a| a.name.clone())
                .or_else(|| {
                    form.new_actors()
                        .iter()
                        .find(|a| a.id.as_deref() == Some(*id))
                        .map(|a| format!("{} (new)", a.name))
                })
                .unwrap_or_default();
            format!("{id} — {name}")
        })
        .collect();
    vec![Span::raw(fit(&named.join(", "), w))]
}

/// A one-line field: its text (the end shown when long), with the cursor
/// when focused.
fn line_spans<'a>(l: &LineField, focused: bool, w: usize, theme: &Theme) -> Vec<Span<'a>> {
    let text = l.text();
    if !focused {
        return vec![Span::raw(fit(&text, w))];
    }
    let at = text
        .char_indices()
        .nth(l.cursor())
        .map_or(text.len(), |(i, _)| i);
    let (before, rest) = text.split_at(at);
    let mut chars = rest.chars();
    let under = chars
        .next()
        .map_or_else(|| " ".to_owned(), |c| sanitize(&c.to_string()).into_owned());
    let after: String = chars.collect();
    let before = sanitize(before);
    // Keep the cursor in view: the start of a long text gives way.
    let room = w.saturating_sub(2).max(1);
    let shown_before = if width(&before) > room / 2 + room / 4 {
        let keep: String = before
            .chars()
            .rev()
            .scan(0, |used, c| {
                *used += crate::text::char_width(c);
                (*used <= room / 2).then_some(c)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{keep}")
    } else {
        before.into_owned()
    };
    let left = room.saturating_sub(width(&shown_before));
    vec![
        Span::raw(shown_before),
        Span::styled(under, Style::new().patch(theme.selection())),
        Span::raw(fit(&after, left)),
    ]
}

fn draw_actor_form(frame: &mut Frame, area: Rect, state: &AppState, a: &ActorForm, theme: &Theme) {
    let r = popup(frame, area, 70.min(area.width), 7.min(area.height));
    let keys = state.keymap();
    let s = Scope::ActorForm;
    let title = format!(
        "New actor · {} · {} · {}",
        keys.hint(s, &Action::ActorFormAdd, "add"),
        keys.hint(s, &Action::FormCycle, "kind"),
        keys.hint(s, &Action::ActorFormCancel, "back"),
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let w = usize::from(inner.width).saturating_sub(LABEL);
    let slug = crate::model::authoring::slug(&a.name.text());
    let mut id = line_spans(&a.id, a.focus == ActorField::Id, w / 2, theme);
    if a.id.text().trim().is_empty() {
        id.push(Span::styled(
            fit(&format!("  (empty: {slug})"), w / 2),
            theme.dim(),
        ));
    }
    let mut lines = vec![
        row(
            "Name",
            line_spans(&a.name, a.focus == ActorField::Name, w, theme),
            a.focus == ActorField::Name,
            theme,
        ),
        row("Id", id, a.focus == ActorField::Id, theme),
        row(
            "Kind",
            vec![Span::raw(a.kind.label().to_owned())],
            a.focus == ActorField::Kind,
            theme,
        ),
    ];
    if let Some(p) = &a.problem {
        lines.push(Line::from(Span::styled(
            fit(&format!("✗ {p}"), usize::from(inner.width)),
            theme.error(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
