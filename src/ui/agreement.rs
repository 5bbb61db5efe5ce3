//! The agreement panel (`%` in compare mode): the figures of `claimtrack
//! agreement` for your file and the compared ones. An undefined statistic
//! reads "undefined: <reason>", never NaN.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use super::widgets::{pane_block, popup};
use crate::app::{Action, AppState, PanelView, Scope};
use crate::model::agreement::{Field, Report};
use crate::text::sanitize;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(field) = state.agreement_panel() else {
        return;
    };
    let Some(view) = state.agreement_view(field) else {
        return;
    };
    let keys = state.keymap();
    let title = format!(
        "Agreement on {} · {} · {}",
        field.label(),
        keys.hint(Scope::Agreement, &Action::AgreementNextField, "next field"),
        keys.hint(Scope::Agreement, &Action::ToggleAgreement, "close"),
    );
    let lines = match &view {
        PanelView::Figures(r) => figure_lines(r, field, theme),
        PanelView::Blind { remaining } => vec![
            Line::from(Span::styled("Blind review", theme.heading())),
            Line::from(format!(
                "{remaining} claim{} the others rated still need{} your verdict.",
                if *remaining == 1 { "" } else { "s" },
                if *remaining == 1 { "s" } else { "" },
            )),
            Line::from(
                "The figures would reveal their verdicts: they appear once you have judged them all.",
            ),
        ],
    };
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let r = popup(frame, area, 90.min(area.width), height.min(area.height));
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The reason `analyse` gave for the statistic `key` ("krippendorff_alpha",
/// "cohen_kappa (a / b)"...), shown in place of the number.
fn figure(x: Option<f64>, notes: &[String], keys: &[String]) -> String {
    if let Some(x) = x {
        return format!("{x:.3}");
    }
    let why = keys.iter().find_map(|k| {
        notes
            .iter()
            .find_map(|n| n.strip_prefix(k.as_str())?.strip_prefix(": "))
    });
    format!(
        "undefined: {}",
        sanitize(why.unwrap_or("no claims to compare"))
    )
}

fn figure_lines(r: &Report, field: Field, theme: &Theme) -> Vec<Line<'static>> {
    let names: Vec<String> = r.raters.iter().map(|n| sanitize(n).into_owned()).collect();
    let kind = match field {
        Field::Status => "nominal",
        Field::Reliability | Field::Credibility => "ordinal",
    };
    let key = |k: &str| vec![k.to_owned()];
    let mut lines = vec![
        Line::from(format!("Analysts ({}): {}", names.len(), names.join(", "))),
        Line::from(format!(
            "Claims rated by at least two: {}, by all: {}",
            r.items, r.rated_by_all
        )),
        Line::from(format!(
            "Krippendorff's α ({kind}): {}",
            figure(r.krippendorff_alpha, &r.notes, &key("krippendorff_alpha"))
        )),
        Line::from(format!(
            "Fleiss' κ (rated by all): {}",
            figure(r.fleiss_kappa, &r.notes, &key("fleiss_kappa"))
        )),
        Line::from(""),
        Line::from(Span::styled("Pairs", theme.heading())),
    ];
    for p in &r.pairs {
        let who = format!("{} / {}", p.raters[0], p.raters[1]);
        let agreement_key = format!("agreement ({who})");
        lines.push(Line::from(format!(
            "  {}: {} claims, agreement {}, Cohen's κ {}",
            sanitize(&who),
            p.n,
            figure(p.agreement, &r.notes, std::slice::from_ref(&agreement_key)),
            figure(
                p.cohen_kappa,
                &r.notes,
                &[format!("cohen_kappa ({who})"), agreement_key.clone()]
            ),
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(format!(
        "Disagreements: {}{}",
        r.disagreements.len(),
        match r.disagreements.is_empty() {
            true => String::new(),
            false => format!(" ({})", sanitize(&r.disagreements.join(" "))),
        }
    )));
    for n in r.notes.iter().filter(|n| n.contains(" left out")) {
        lines.push(Line::from(Span::styled(
            format!("note: {}", sanitize(n)),
            theme.dim(),
        )));
    }
    lines
}
