//! `y`/`Y` copy the selected claim (a citation, or a part of it) and `o`
//! opens one of its links. The state only decides *what*; the edge puts the
//! text on the clipboard or hands the URL to the system opener
//! ([`Effect::Copy`], [`Effect::Open`]) and reports back how it went.

use super::keymap::Scope;
use super::state::{AppState, Effect};
use crate::model::citation::{self, CopyWhat, Link};

impl AppState {
    pub(super) fn copy_claim(&mut self, what: CopyWhat) {
        let Some(c) = self.selected_claim() else {
            self.complain("no claim selected");
            return;
        };
        match citation::copy_text(&self.loaded, Some(self.annotations.set()), c, what) {
            Ok(text) => {
                let id = self
                    .loaded
                    .dataset
                    .claims
                    .get(c.i())
                    .map_or_else(String::new, |c| c.id.to_string());
                self.effects.push(Effect::Copy {
                    what: format!("{} of {id}", what.label()),
                    text,
                });
            }
            Err(why) => self.complain(format!("nothing to copy: {why}")),
        }
    }

    pub(super) fn open_copy_menu(&mut self) {
        if self.selected_claim().is_some() {
            self.overlays.chord = Some(Scope::CopyMenu);
        } else {
            self.complain("no claim selected");
        }
    }

    /// One link opens at once; several open a numbered menu.
    pub(super) fn open_links(&mut self) {
        let Some(c) = self.selected_claim() else {
            self.complain("no claim selected");
            return;
        };
        let links = citation::links(&self.loaded, Some(self.annotations.set()), c);
        match links.as_slice() {
            [] => self.complain("no http(s) link to open: no evidence link, no article URL"),
            [one] => self.effects.push(Effect::Open(one.url.clone())),
            _ => {
                self.overlays.links = links;
                self.overlays.chord = Some(Scope::LinkMenu);
            }
        }
    }

    /// The `n`th (1-based) link of the menu `o` opened.
    pub(super) fn open_link(&mut self, n: usize) {
        let links = std::mem::take(&mut self.overlays.links);
        match n.checked_sub(1).and_then(|i| links.get(i)) {
            Some(link) => self.effects.push(Effect::Open(link.url.clone())),
            None => self.complain(format!("no link {n}")),
        }
    }

    /// The links of the open link menu, for the view.
    pub fn menu_links(&self) -> &[Link] {
        &self.overlays.links
    }
}
