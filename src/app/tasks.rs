//! Long work the edge runs off the UI thread (an export), as the state sees
//! it: what runs and how far it got, reported back through actions
//! (`TaskProgress`, `TaskDone`), so the screen keeps answering meanwhile.

use super::state::AppState;

/// The one background task running, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskProgress {
    /// What it does, as the status line says it ("exporting").
    pub what: &'static str,
    pub done: usize,
    pub total: usize,
}

impl TaskProgress {
    /// "exporting 40% (40000/100000)".
    pub fn line(&self) -> String {
        let pct = (self.done * 100).checked_div(self.total).unwrap_or(0);
        format!("{} {pct}% ({}/{})", self.what, self.done, self.total)
    }
}

impl AppState {
    /// Starts an export of the shown claims, unless one is running.
    pub(super) fn start_export(&mut self) {
        if let Some(t) = &self.task {
            let line = t.line();
            self.complain(format!("wait: {line} is still running"));
            return;
        }
        let rows = self.claims.rows().to_vec();
        self.task = Some(TaskProgress {
            what: "exporting",
            done: 0,
            total: rows.len(),
        });
        self.effects.push(super::state::Effect::Export(rows));
    }

    pub(super) fn task_progress(&mut self, done: usize, total: usize) {
        if let Some(t) = &mut self.task {
            t.done = done.min(total);
            t.total = total;
        }
    }

    pub(super) fn task_done(&mut self, outcome: Result<String, String>) {
        self.task = None;
        match outcome {
            Ok(m) => self.say(m),
            Err(m) => self.complain(m),
        }
    }
}
