//! Moving around: focus, selection and scrolling in each pane, the article
//! reader, mouse hit-testing, and keeping the timeline and the claims list
//! on the same item.

use super::action::Pane;
use super::layout::AppLayout;
use super::reader::{ReaderState, layout_article};
use super::state::{AppState, reader_width};
use crate::model::ClaimIx;
use crate::model::timeline::Item;
use crate::ui::timeline_axis;

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
        timeline_axis::prepare(inner, &self.timeline, &mut self.timeline_axis);
    }

    /// The timeline follows the claim selected elsewhere.
    pub(super) fn sync_timeline_to_claim(&mut self) {
        if let Some(c) = self.selected_claim() {
            self.timeline_axis
                .select_item(&self.timeline, Item::Claim(c));
            self.prepare_timeline();
        }
    }

    /// Selecting a timeline entry selects its claim (or an event's first
    /// claim) in the claims list, when the filter shows it.
    pub(super) fn sync_claims_to_timeline(&mut self) {
        let claim = match self.timeline_axis.selected_item(&self.timeline) {
            Some(Item::Claim(c)) => Some(c),
            Some(Item::Event(e)) => self
                .loaded
                .index
                .event_claims
                .get(e.i())
                .iter()
                .copied()
                .find(|c| self.claim_rows.contains(c)),
            None => None,
        };
        if let Some(p) = claim.and_then(|c| self.claim_rows.iter().position(|x| *x == c)) {
            let h = AppLayout::inner_height(self.layout().claims);
            self.claims.select(p, self.claim_rows.len(), h);
        }
    }

    pub(super) fn cycle_focus(&mut self, dir: isize) {
        let order: &[Pane] = if self.layout().is_narrow() {
            &[Pane::Actors, Pane::Claims, Pane::Detail, Pane::Timeline]
        } else {
            &[Pane::Actors, Pane::Claims, Pane::Timeline]
        };
        let i = order.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[((i + dir).rem_euclid(n)) as usize];
        self.follow_all();
    }

    pub(super) fn page(&self) -> usize {
        let l = self.layout();
        if self.reader.is_some() {
            return l.main.height.saturating_sub(3).max(1) as usize;
        }
        AppLayout::inner_height(l.rect(self.focus)).max(1)
    }

    pub(super) fn follow_all(&mut self) {
        let l = self.layout();
        self.actors
            .follow(self.actor_rows.len(), AppLayout::inner_height(l.actors));
        self.claims
            .follow(self.claim_rows.len(), AppLayout::inner_height(l.claims));
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        if let Some(scroll) = &mut self.help {
            *scroll = (*scroll as isize + delta).max(0) as usize;
            return;
        }
        if let Some(r) = &mut self.reader {
            let total = layout_article(
                &self.loaded,
                r.article,
                Some(r.current),
                reader_width(self.area),
            )
            .lines
            .len();
            r.scroll =
                (r.scroll as isize + delta).clamp(0, total.saturating_sub(1) as isize) as usize;
            return;
        }
        let l = self.layout();
        match self.focus {
            Pane::Actors => {
                let before = self.actors.selected;
                self.actors.step(
                    delta,
                    self.actor_rows.len(),
                    AppLayout::inner_height(l.actors),
                );
                if self.actors.selected != before {
                    self.filter.actor = self.selected_actor();
                    self.refilter();
                }
            }
            Pane::Claims => {
                self.claims.step(
                    delta,
                    self.claim_rows.len(),
                    AppLayout::inner_height(l.claims),
                );
                self.related_cursor = 0;
                self.detail_scroll = 0;
                self.sync_timeline_to_claim();
            }
            Pane::Detail => {
                self.detail_scroll =
                    (self.detail_scroll as isize + delta).clamp(0, u16::MAX as isize) as u16;
            }
            Pane::Timeline => {
                let n = self.timeline.len() as isize;
                let target = (self.timeline_axis.selected as isize).saturating_add(delta);
                self.timeline_axis.selected = target.clamp(0, (n - 1).max(0)) as usize;
                self.prepare_timeline();
                self.sync_claims_to_timeline();
                self.detail_scroll = 0;
            }
        }
    }

    pub(super) fn open(&mut self) {
        if let Some(r) = &self.reader {
            let c = r.current;
            self.reader = None;
            self.select_claim(c);
            return;
        }
        match self.focus {
            Pane::Actors => self.focus = Pane::Claims,
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
        let article = self.loaded.index.claim_article[c.i()];
        let layout = layout_article(&self.loaded, article, Some(c), reader_width(self.area));
        let line = layout
            .quotes
            .iter()
            .find(|(q, _)| *q == c)
            .map_or(0, |&(_, l)| l);
        self.reader = Some(ReaderState {
            article,
            current: c,
            scroll: line.saturating_sub(2),
        });
    }

    pub(super) fn back(&mut self) {
        if self.help.is_some() {
            self.help = None;
        } else if self.reader.is_some() {
            self.reader = None;
        } else if self.search_input.is_some() {
            self.search_input = None;
            self.filter.query.clear();
            self.refilter();
        } else if !self.filter.query.is_empty() {
            self.filter.query.clear();
            self.refilter();
        } else if !self.marked.is_empty() {
            self.marked.clear();
        } else if !self.filter.is_empty() {
            self.clear_filters();
        }
    }

    pub(super) fn next_related(&mut self) {
        let Some(c) = self.selected_claim() else {
            return;
        };
        let links = self.loaded.index.claim_links.get(c.i());
        if links.is_empty() {
            self.say("this claim has no related claims");
            return;
        }
        let link = links[self.related_cursor % links.len()];
        let from_id = self.loaded.dataset.claims[c.i()].id.clone();
        self.select_claim(link.other);
        self.say(format!(
            "{from_id} {} {}",
            link.label(),
            self.loaded.dataset.claims[link.other.i()].id
        ));
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if self.help.is_some() || self.editor.is_some() || self.reader.is_some() {
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
                let target = self.actors.offset + line;
                if target < self.actor_rows.len() {
                    self.move_by(target as isize - self.actors.selected as isize);
                }
            }
            // The axis has two header rows (scale and ticks) under the border.
            Pane::Timeline if row > r.y + 2 => {
                let target = self.timeline_axis.offset + (row - r.y - 3) as usize;
                if target < self.timeline.len() {
                    self.move_by(target as isize - self.timeline_axis.selected as isize);
                }
            }
            Pane::Claims if row > r.y => {
                let target = self.claims.offset + line;
                if target < self.claim_rows.len() {
                    self.move_by(target as isize - self.claims.selected as isize);
                }
            }
            _ => {}
        }
    }

    pub(super) fn scroll_at(&mut self, column: u16, row: u16, delta: isize) {
        if self.reader.is_some() || self.help.is_some() {
            self.move_by(delta);
            return;
        }
        let l = self.layout();
        match l.pane_at(column, row) {
            Some(Pane::Claims) => self.claims.scroll(
                delta,
                self.claim_rows.len(),
                AppLayout::inner_height(l.claims),
            ),
            Some(Pane::Actors) => {
                let before = self.actors.selected;
                self.actors.scroll(
                    delta,
                    self.actor_rows.len(),
                    AppLayout::inner_height(l.actors),
                );
                if before != self.actors.selected {
                    self.filter.actor = self.selected_actor();
                    self.refilter();
                }
            }
            Some(Pane::Detail) => {
                self.detail_scroll = (self.detail_scroll as isize + delta).max(0) as u16
            }
            Some(Pane::Timeline) => {
                self.focus = Pane::Timeline;
                self.move_by(delta.signum());
            }
            _ => {}
        }
    }
}
