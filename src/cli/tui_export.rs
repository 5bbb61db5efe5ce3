//! `E` in the TUI: the shown claims as a Markdown report in the working
//! directory, written on a thread of its own so the screen keeps answering
//! (1.5 s at 100k claims froze it); progress and the outcome come back as
//! actions.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::CliError;
use crate::app::{Action, AppState};
use crate::model::export::markdown::{Scope, to_markdown_with_progress};
use crate::model::{AnnotationSet, ClaimIx, Loaded};

/// Progress is sent at most this often.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// Everything the export needs, taken from the state on the UI thread.
struct Job {
    loaded: Arc<Loaded>,
    /// Only the exported claims' annotations (the report shows no history).
    annotations: AnnotationSet,
    claims: Vec<ClaimIx>,
    scope: Scope,
    path: PathBuf,
}

/// Starts the export; returns the actions to apply now (none, or the outcome
/// when no thread could be started and the export ran here instead).
pub fn start(state: &AppState, claims: Vec<ClaimIx>, report: &Sender<Action>) -> Vec<Action> {
    let job = Arc::new(job(state, claims));
    let (shared, tx) = (Arc::clone(&job), report.clone());
    let spawned = std::thread::Builder::new()
        .name("export".into())
        .spawn(move || {
            let outcome = run(&shared, &tx);
            // The receiver is gone only when the TUI has quit: nothing to tell.
            let _ = tx.send(Action::TaskDone(outcome));
        });
    match spawned {
        Ok(_) => Vec::new(),
        // No thread: degrade to exporting here, as before.
        Err(_) => vec![Action::TaskDone(run(&job, report))],
    }
}

fn job(state: &AppState, claims: Vec<ClaimIx>) -> Job {
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let ds = &state.loaded().dataset;
    let path = PathBuf::from(format!("claimtrack-{}-{stamp}.md", ds.id));
    let chips = crate::ui::status::filter_chips(state);
    let scope = Scope {
        filter: (!chips.is_empty()).then(|| format!("the view: {}", chips.join(" "))),
        made: Some(super::export::report_time()),
    };
    let full = state.annotations().set();
    let mut annotations = AnnotationSet::new(&full.dataset);
    annotations.format = full.format;
    for c in &claims {
        if let Some(claim) = ds.claims.get(c.i())
            && let Some(a) = full.get(&claim.id)
        {
            annotations.claims.insert(claim.id.to_string(), a.clone());
        }
    }
    Job {
        loaded: state.shared_loaded(),
        annotations,
        claims,
        scope,
        path,
    }
}

/// Writes the report; the status line's message, or why it failed.
fn run(job: &Job, report: &Sender<Action>) -> Result<String, String> {
    let mut last = Instant::now();
    let text = to_markdown_with_progress(
        &job.loaded,
        Some(&job.annotations),
        &job.claims,
        &job.scope,
        &mut |done, total| {
            if last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                let _ = report.send(Action::TaskProgress { done, total });
            }
        },
    );
    match super::export::write_atomically(&job.path, text.as_bytes()) {
        Ok(()) => Ok(format!(
            "exported {} claims to {}",
            job.claims.len(),
            job.path.display()
        )),
        Err(CliError::BadInput(e) | CliError::Failure(e)) => Err(format!("export failed: {e}")),
    }
}
