//! The claims list's one-cell comparison mark (`--compare`). The detail
//! pane's adjudication section (numbered choices, the analysts side by
//! side) is laid out by the app with the rest of the detail text
//! (`app/detail.rs`, `app/detail_compare.rs`), so its scrolling counts it.

use ratatui::text::Span;

use super::theme::Theme;
use crate::app::AppState;
use crate::model::ClaimIx;
use crate::model::compare::Agreement;

/// The claims list's mark when comparing (`None` otherwise): how the
/// verdicts compare, or in blind review before your verdict how many other
/// analysts gave one (a digit; `+` past 9).
pub fn glyph<'a>(state: &AppState, theme: &Theme, c: ClaimIx) -> Option<Span<'a>> {
    let agreement = state.agreement_of(c)?;
    if state.is_hidden(c) && agreement != Agreement::Conflict {
        let n = state.others_rated(c);
        let mark = match n {
            0 => ' ',
            1..=9 => char::from_digit(n as u32, 10).unwrap_or('+'),
            _ => '+',
        };
        return Some(Span::styled(mark.to_string(), theme.dim()));
    }
    let style = match agreement {
        Agreement::Disagree | Agreement::Conflict => theme.error(),
        Agreement::Agree => theme.notice(),
        Agreement::One | Agreement::Unrated => theme.dim(),
    };
    Some(Span::styled(agreement.glyph().to_string(), style))
}
