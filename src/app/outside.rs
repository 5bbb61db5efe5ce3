//! The annotation file changed on disk (a `git pull`, a colleague's copy):
//! the backend merges it in; here the view catches up and says what came in.

use super::state::AppState;
use super::statuses::Statuses;

impl AppState {
    /// Called on every tick: cheap when nothing changed.
    pub(super) fn poll_outside(&mut self) {
        match self.annotations.poll_outside() {
            Ok(None) => {}
            Ok(Some(report)) => {
                self.reload_statuses();
                let mut text = report
                    .summary("on disk")
                    .unwrap_or_else(|| "the annotation file changed on disk".to_owned());
                let n = self.annotations.conflict_count();
                if n > 0 && report.new_conflicts == 0 {
                    text.push_str(&format!(
                        "; {n} conflict{} kept",
                        if n == 1 { "" } else { "s" }
                    ));
                }
                self.say(text);
            }
            // Said once, not on every tick while it lasts.
            Err(e) => {
                let e = e.to_string();
                if self.message.as_ref().is_none_or(|m| m.text != e) {
                    self.complain(e);
                }
            }
        }
    }

    /// A read-only instance (another claimtrack held the file) takes over
    /// once the other exits: called on every tick, one lock attempt.
    pub(super) fn poll_take_over(&mut self) {
        if self.annotations.read_only_reason().is_none() {
            return;
        }
        match self.annotations.try_take_over() {
            Ok(false) => {}
            Ok(true) => {
                self.reload_statuses();
                self.say(format!(
                    "the other claimtrack closed: took over {} (reloaded); your changes are saved now",
                    self.annotations.location()
                ));
            }
            Err(e) => {
                let e = format!("cannot take over the annotation file: {e}");
                if self.message.as_ref().is_none_or(|m| m.text != e) {
                    self.complain(e);
                }
            }
        }
    }

    /// Statuses and counts from the backend's set, after it changed wholesale.
    pub(super) fn reload_statuses(&mut self) {
        self.statuses = Statuses::new(&self.loaded.dataset, self.annotations.set());
        self.refilter();
    }
}
