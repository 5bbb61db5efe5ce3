//! Never lose work on the way out: quitting with changes the disk refused
//! asks what to do (retry, write a rescue copy elsewhere, discard, or keep
//! working), each choice explicit; and a rescue copy found at the start is
//! offered for merging, once.

use std::path::PathBuf;

use super::state::AppState;

/// The question asked by `q` (or Ctrl-C) while changes are unsaved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuitPrompt {
    pending: usize,
    /// Where a rescue copy would go, in the order tried.
    dirs: Vec<String>,
    /// Why saving (or the last choice) failed.
    error: Option<String>,
}

impl QuitPrompt {
    pub fn pending(&self) -> usize {
        self.pending
    }

    pub fn dirs(&self) -> &[String] {
        &self.dirs
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// Rescue copies found at the start, offered one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescueOffer {
    /// The first is the one asked about.
    queue: Vec<PathBuf>,
    error: Option<String>,
}

impl RescueOffer {
    pub fn path(&self) -> Option<&std::path::Path> {
        self.queue.first().map(PathBuf::as_path)
    }

    /// How many are still to be asked about, this one included.
    pub fn left(&self) -> usize {
        self.queue.len()
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// How the analyst chose to leave with unsaved changes, for the edge to
/// report after the terminal is restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExitChoice {
    /// Written to this rescue copy.
    Rescued { path: PathBuf, pending: usize },
    /// Given up, knowingly.
    Discarded(usize),
}

fn changes(n: usize) -> String {
    format!("{n} unsaved change{}", if n == 1 { "" } else { "s" })
}

impl AppState {
    /// `q`, Ctrl-C: quits at once unless changes are unsaved; then tries
    /// once more, and asks if that fails too.
    pub(super) fn request_quit(&mut self) {
        let pending = self.annotations.pending();
        if pending == 0 || self.annotations.read_only_reason().is_some() {
            self.quit = true;
            return;
        }
        let error = match self.annotations.retry() {
            Ok(()) if self.annotations.pending() == 0 => {
                self.quit = true;
                return;
            }
            Ok(()) => None,
            Err(e) => Some(e.to_string()),
        };
        self.overlays.quit_prompt = Some(QuitPrompt {
            pending: self.annotations.pending(),
            dirs: self.annotations.rescue_dirs(),
            error,
        });
    }

    pub(super) fn quit_retry(&mut self) {
        let Some(prompt) = &mut self.overlays.quit_prompt else {
            return;
        };
        match self.annotations.retry() {
            Ok(()) if self.annotations.pending() == 0 => {
                self.overlays.quit_prompt = None;
                self.quit = true;
            }
            Ok(()) => {
                prompt.pending = self.annotations.pending();
                prompt.error = Some(format!("still {}", changes(prompt.pending)));
            }
            Err(e) => {
                prompt.pending = self.annotations.pending();
                prompt.error = Some(format!("still cannot save: {e}"));
            }
        }
    }

    pub(super) fn quit_rescue(&mut self) {
        let Some(prompt) = &mut self.overlays.quit_prompt else {
            return;
        };
        let pending = self.annotations.pending();
        match self.annotations.write_rescue() {
            Ok(path) => {
                self.overlays.quit_prompt = None;
                self.say(format!(
                    "{} written to the rescue copy {}",
                    changes(pending),
                    path.display()
                ));
                self.exit = Some(ExitChoice::Rescued { path, pending });
                self.quit = true;
            }
            Err(e) => prompt.error = Some(format!("no rescue copy written: {e}")),
        }
    }

    pub(super) fn quit_discard(&mut self) {
        if self.overlays.quit_prompt.take().is_some() {
            self.exit = Some(ExitChoice::Discarded(self.annotations.pending()));
            self.quit = true;
        }
    }

    pub(super) fn quit_cancel(&mut self) {
        if self.overlays.quit_prompt.take().is_some() {
            self.say("not quitting; unsaved changes are retried every few seconds and on R");
        }
    }

    /// Opens the offer for the rescue copies the backend found (at the start).
    pub(super) fn offer_rescues(&mut self) {
        let queue = self.annotations.rescues();
        if !queue.is_empty() {
            self.overlays.rescue_offer = Some(RescueOffer { queue, error: None });
        }
    }

    pub(super) fn rescue_merge(&mut self) {
        let Some(path) = self.current_rescue() else {
            return;
        };
        match self.annotations.merge_rescue(&path) {
            Ok(report) => {
                self.reload_statuses();
                let what = report
                    .summary("in it")
                    .unwrap_or_else(|| "nothing new in it".to_owned());
                self.say(format!(
                    "merged the rescue copy {} ({what}); renamed it …{}",
                    path.display(),
                    crate::model::store::RESCUE_MERGED
                ));
                self.next_rescue();
            }
            Err(e) => self.rescue_failed(format!("not merged: {e}")),
        }
    }

    pub(super) fn rescue_decline(&mut self) {
        let Some(path) = self.current_rescue() else {
            return;
        };
        match self.annotations.decline_rescue(&path) {
            Ok(to) => {
                self.say(format!(
                    "not merged; kept as {} (not offered again)",
                    to.display()
                ));
                self.next_rescue();
            }
            Err(e) => self.rescue_failed(format!("could not set it aside: {e}")),
        }
    }

    /// Esc: ask again at the next start.
    pub(super) fn rescue_later(&mut self) {
        if self.overlays.rescue_offer.take().is_some() {
            self.say("rescue copies left as they are: offered again at the next start");
        }
    }

    fn current_rescue(&self) -> Option<PathBuf> {
        self.overlays
            .rescue_offer
            .as_ref()
            .and_then(|o| o.path())
            .map(PathBuf::from)
    }

    fn next_rescue(&mut self) {
        if let Some(o) = &mut self.overlays.rescue_offer {
            o.queue.remove(0);
            o.error = None;
            if o.queue.is_empty() {
                self.overlays.rescue_offer = None;
            }
        }
    }

    fn rescue_failed(&mut self, text: String) {
        if let Some(o) = &mut self.overlays.rescue_offer {
            o.error = Some(text);
        }
    }
}
