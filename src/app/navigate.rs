//! Moving around: focus, selection and scrolling in each pane, the article
//! reader, mouse hit-testing, and keeping the timeline and the claims list
//! on the same item.

// Indexes dataset vectors by the typed indices of the checked index
// (`model::index`, verified at load and in the cache), and status
// counters by `Status as usize` (fixed-size arrays of `Status::ALL.len()`).
#![allow(clippy::indexing_slicing)]

use super::action::Pane;
use super::layout::AppLayout;
use super::reader::ReaderState;
use super::state::{AppState, reader_width};
use super::timeline_axis;
use crate::model::ClaimIx;
use crate::model::timeline::Item;

impl AppState {
    /// Fits the timeline state to its pane (see `timeline_axis::prepare`).
    pub(super) fn prepare_timeline(&mut self) {
        let r = self.layout().timeline;
        let inner = ratatui::layout::Rect {
            x: r.x + 1,
            y: r.y + 1,
            width: r.width.saturating_sub(2),
            height: r.height.saturating_sub(2),
        };
        timeline_axis::prepare(inner, &self.timeline.data, &mut self.timeline.axis);
    }

    /// The timeline follows the claim selected elsewhere.
    pub(super) fn sync_timeline_to_claim(&mut self) {
        if let Some(c) = self.selected_claim() {
            self.timeline
                .axis
                .select_item(&self.timeline.data, Item::Claim(c));
            self.prepare_timeline();
        }
    }

    /// Selecting a timeline entry selects its claim (or an event's first
    /// claim) in the claims list, when the filter shows it.
    pub(super) fn sync_claims_to_timeline(&mut self) {
        let claim = match self.timeline.axis.selected_item(&self.timeline.data) {
            Some(Item::Claim(c)) => Some(c),
            Some(Item::Event(e)) => self
                .loaded
                .index
                .event_claims
                .get(e.i())
                .iter()
                .copied()
                .find(|c| self.claims.contains(*c)),
            None => None,
        };
        if let Some(p) = claim.and_then(|c| self.claims.position(c)) {
            let h = AppLayout::inner_height(self.layout().claims);
            self.claims.select(p, h);
        }
    }

    pub(super) fn cycle_focus(&mut self, dir: isize) {
        let order: &[Pane] = if self.layout().is_narrow() {
            &[Pane::Actors, Pane::Claims, Pane::Detail, Pane::Timeline]
        } else {
            // The detail last: Tab from the claims still reaches the timeline.
            &[Pane::Actors, Pane::Claims, Pane::Timeline, Pane::Detail]
        };
        let i = order.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[((i + dir).rem_euclid(n)) as usize];
        self.follow_all();
    }

    pub(super) fn page(&self) -> usize {
        let l = self.layout();
        if self.overlays.help.is_some() {
            return l.main.height.saturating_sub(4).max(1) as usize;
        }
        if self.overlays.reader.is_some() {
            return l.main.height.saturating_sub(3).max(1) as usize;
        }
        AppLayout::inner_height(l.rect(self.focus)).max(1)
    }

    pub(super) fn follow_all(&mut self) {
        let l = self.layout();
        self.actors.follow(AppLayout::inner_height(l.actors));
        self.claims.follow(AppLayout::inner_height(l.claims));
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        if self.overlays.help.is_some() {
            // The overlay shows the main area less its borders and margin.
            let visible = self.layout().main.height.saturating_sub(4) as usize;
            let max = self.help_len().saturating_sub(visible) as isize;
            if let Some(scroll) = &mut self.overlays.help {
                *scroll = (*scroll as isize).saturating_add(delta).clamp(0, max) as usize;
            }
            return;
        }
        if let Some(r) = &mut self.overlays.reader {
            r.scroll_by(delta);
            return;
        }
        let l = self.layout();
        match self.focus {
            Pane::Actors => {
                let before = self.actors.cursor().selected;
                self.actors.step(delta, AppLayout::inner_height(l.actors));
                if self.actors.cursor().selected != before {
                    self.claims.filter_mut().actor = self.selected_actor();
                    self.refilter();
                }
            }
            Pane::Claims => {
                self.claims.step(delta, AppLayout::inner_height(l.claims));
                self.detail.scroll = 0;
                self.sync_timeline_to_claim();
            }
            Pane::Detail => self.scroll_detail(delta),
            Pane::Timeline => {
                let n = self.timeline.data.len() as isize;
                let target = (self.timeline.axis.selected as isize).saturating_add(delta);
                self.timeline.axis.selected = target.clamp(0, (n - 1).max(0)) as usize;
                self.prepare_timeline();
                self.sync_claims_to_timeline();
                self.detail.scroll = 0;
            }
        }
    }

    pub(super) fn open(&mut self) {
        if let Some(r) = &self.overlays.reader {
            match r.current() {
                Some(c) => {
                    self.overlays.reader = None;
                    self.select_claim(c);
                }
                None => self.say("no quote is current (n/N go to one)"),
            }
            return;
        }
        match self.focus {
            // The actor's claims from the first one, not the row index the
            // list had before the actor was chosen.
            Pane::Actors => {
                self.focus = Pane::Claims;
                let h = AppLayout::inner_height(self.layout().claims);
                self.claims.select(0, h);
                self.detail.scroll = 0;
                self.sync_timeline_to_claim();
            }
            Pane::Claims | Pane::Detail => {
                if let Some(c) = self.selected_claim() {
                    self.open_reader(c);
                }
            }
            Pane::Timeline => {
                if let Some(c) = self.selected_claim() {
                    self.open_reader(c);
                }
            }
        }
    }

    pub(super) fn open_reader(&mut self, c: ClaimIx) {
        self.overlays.reader = ReaderState::open(&self.loaded, c, reader_width(self.area));
    }

    /// The reader on an article from the articles list (it may have no claims).
    pub(super) fn open_article(&mut self, a: crate::model::ArticleIx) {
        self.overlays.reader = ReaderState::open_article(&self.loaded, a, reader_width(self.area));
    }

    /// Rows of article text the reader shows (its pane less the borders).
    pub(super) fn reader_rows(&self) -> usize {
        self.layout().main.height.saturating_sub(2).max(1) as usize
    }

    pub(super) fn reader_motion(&mut self, m: super::reader_cursor::Motion) {
        let rows = self.reader_rows();
        if let Some(r) = &mut self.overlays.reader {
            r.motion(&self.loaded, m, rows);
        }
    }

    pub(super) fn toggle_visual(&mut self) {
        if let Some(r) = &mut self.overlays.reader {
            r.toggle_visual();
        }
    }

    /// A click or drag in the reader: the text cell under the pointer (the
    /// reader draws its text one column inside its border).
    fn reader_point(&mut self, column: u16, row: u16, extend: bool) {
        let main = self.layout().main;
        let (Some(y), Some(x)) = (row.checked_sub(main.y + 1), column.checked_sub(main.x + 2))
        else {
            return;
        };
        if y as usize >= self.reader_rows() {
            return;
        }
        if let Some(r) = &mut self.overlays.reader {
            r.point(&self.loaded, y as usize, x as usize, extend);
        }
    }

    pub(super) fn drag(&mut self, column: u16, row: u16) {
        if self.overlays.reader.is_some() && self.overlays.claim_form.is_none() {
            self.reader_point(column, row, true);
        }
    }

    pub(super) fn back(&mut self) {
        if self.overlays.help.is_some() {
            self.overlays.help = None;
        } else if let Some(r) = &mut self.overlays.reader {
            if !r.clear_selection() {
                self.overlays.reader = None;
            }
        } else if self.overlays.search_input.is_some() {
            self.overlays.search_input = None;
            self.overlays.search_error = None;
            self.claims.filter_mut().query.clear();
            self.refilter();
        } else if !self.claims.filter().query.is_empty() {
            self.claims.filter_mut().query.clear();
            self.refilter();
        } else if !self.claims.marked().is_empty() {
            self.claims.clear_marks();
        } else if !self.claims.filter().is_empty() {
            self.clear_filters();
        }
    }

    /// `]` (`dir` 1) and `[` (-1): the claims related to the one the walk
    /// started from, one after another in order (c01 → c11 → c07 → c01's
    /// first again), not a bounce between a claim and its first relation.
    pub(super) fn next_related(&mut self, dir: isize) {
        let Some(c) = self.selected_claim() else {
            return;
        };
        let ix = &self.loaded.index;
        // Still on the walk when the selected claim is the one it showed last.
        let on_walk = self.detail.related_walk.filter(|&(origin, pos)| {
            ix.claim_links
                .get(origin.i())
                .get(pos)
                .is_some_and(|l| l.other == c)
        });
        let (origin, pos) = match on_walk {
            Some((origin, pos)) => {
                let n = ix.claim_links.get(origin.i()).len() as isize;
                (origin, (pos as isize + dir).rem_euclid(n.max(1)) as usize)
            }
            None => {
                let n = ix.claim_links.get(c.i()).len();
                if n == 0 {
                    self.say("this claim has no related claims");
                    return;
                }
                (c, if dir < 0 { n - 1 } else { 0 })
            }
        };
        let links = ix.claim_links.get(origin.i());
        let Some(&link) = links.get(pos) else {
            return;
        };
        let n = links.len();
        let from_id = self.loaded.dataset.claims[origin.i()].id.clone();
        self.select_claim(link.other);
        self.detail.related_walk = Some((origin, pos));
        self.say(format!(
            "{from_id} {} {} ({} of {n} related)",
            link.label(),
            self.loaded.dataset.claims[link.other.i()].id,
            pos + 1
        ));
    }

    /// Maximises the focused pane over the main area, or puts the panes back.
    pub(super) fn toggle_zoom(&mut self) {
        if self.layout().is_narrow() && !self.zoomed {
            self.say("the terminal is narrow: one pane is shown at a time already");
            return;
        }
        self.zoomed = !self.zoomed;
        self.follow_all();
        self.prepare_timeline();
        let keys = self.keymap.hint(
            super::keymap::Scope::Global,
            &super::Action::ToggleZoom,
            "restores",
        );
        self.say(if self.zoomed {
            format!("{:?} pane maximised ({keys})", self.focus)
        } else {
            "panes restored".to_owned()
        });
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if self.overlays.reader.is_some()
            && self.overlays.help.is_none()
            && self.overlays.claim_form.is_none()
        {
            self.reader_point(column, row, false);
            return;
        }
        if self.overlays.help.is_some()
            || self.overlays.editor.is_some()
            || self.overlays.reader.is_some()
        {
            return;
        }
        let l = self.layout();
        let Some(pane) = l.pane_at(column, row) else {
            return;
        };
        self.focus = pane;
        let r = l.rect(pane);
        // Row 0 of a pane is its border/title.
        let line = row.saturating_sub(r.y + 1) as usize;
        match pane {
            Pane::Actors if row > r.y => {
                let cursor = self.actors.cursor();
                let target = cursor.offset + line;
                if target < self.actors.rows().len() {
                    self.move_by(target as isize - cursor.selected as isize);
                }
            }
            // The axis has two header rows (scale and ticks) under the border.
            Pane::Timeline if row > r.y + 2 => {
                let axis = &self.timeline.axis;
                let target = axis.offset + (row - r.y - 3) as usize;
                if target < self.timeline.data.len() {
                    self.move_by(target as isize - axis.selected as isize);
                }
            }
            Pane::Claims if row > r.y => {
                let cursor = self.claims.cursor();
                let target = cursor.offset + line;
                if target < self.claims.rows().len() {
                    self.move_by(target as isize - cursor.selected as isize);
                }
            }
            _ => {}
        }
    }

    pub(super) fn scroll_at(&mut self, column: u16, row: u16, delta: isize) {
        if self.overlays.editor.is_some() {
            // The editor is modal: the panes behind it stay put.
            return;
        }
        if self.overlays.reader.is_some() || self.overlays.help.is_some() {
            self.move_by(delta);
            return;
        }
        let l = self.layout();
        match l.pane_at(column, row) {
            Some(Pane::Claims) => self.claims.scroll(delta, AppLayout::inner_height(l.claims)),
            Some(Pane::Actors) => {
                let before = self.actors.cursor().selected;
                self.actors.scroll(delta, AppLayout::inner_height(l.actors));
                if before != self.actors.cursor().selected {
                    self.claims.filter_mut().actor = self.selected_actor();
                    self.refilter();
                }
            }
            Some(Pane::Detail) => self.scroll_detail(delta),
            Some(Pane::Timeline) => {
                self.focus = Pane::Timeline;
                self.move_by(delta.signum());
            }
            _ => {}
        }
    }
}
