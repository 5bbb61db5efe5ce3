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

    /// Statuses and counts from the backend's set, after it changed wholesale.
    fn reload_statuses(&mut self) {
        self.statuses = Statuses::new(&self.loaded.dataset, self.annotations.set());
        self.refilter();
    }
}
