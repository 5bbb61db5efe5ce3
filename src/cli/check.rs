//! `claimtrack check DATASET...`: for dataset authors and CI pipelines.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, eprint_line, print_stdout};
use crate::model::LoadError;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dataset files to validate
    #[arg(required = true, value_hint = clap::ValueHint::FilePath)]
    datasets: Vec<PathBuf>,
    /// Print errors only: no warnings, no summary
    #[arg(short, long)]
    quiet: bool,
    /// Repair what is unambiguous first: a quote found in another paragraph
    /// (the number is corrected) or differing only in typographic characters
    /// (the article's are taken). Each repair is listed; the rest is reported
    #[arg(long)]
    fix: bool,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut invalid = false;
    let mut failed_io = false;
    for path in &args.datasets {
        let origin = path.display().to_string();
        if args.fix
            && let Err(e) = fix(path, &origin)
        {
            match e {
                CliError::BadInput(m) => {
                    invalid = true;
                    eprint_line(&m);
                }
                CliError::Failure(m) => {
                    failed_io = true;
                    eprint_line(&format!("claimtrack: {m}"));
                }
            }
            continue;
        }
        match crate::model::load_path(path) {
            Ok(loaded) => {
                if !args.quiet {
                    for w in &loaded.warnings {
                        eprint_line(&w.render(&origin));
                    }
                    let ds = &loaded.dataset;
                    print_stdout(&format!(
                        "{origin}: ok ({}, {}, {}, {}, {})\n",
                        count(ds.articles.len(), "article"),
                        count(ds.actors.len(), "actor"),
                        count(ds.claims.len(), "claim"),
                        count(ds.events.len(), "event"),
                        count(loaded.warnings.len(), "warning")
                    ))?;
                }
            }
            Err(LoadError::Invalid {
                origin,
                diagnostics,
            }) => {
                invalid = true;
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                // A syntax error stops the parser: show where, in the text.
                let context = syntax_context(path, &diagnostics);
                for d in diagnostics.iter().filter(|d| !args.quiet || d.is_error()) {
                    eprint_line(&d.render(&origin));
                    if let Some(c) = context.as_ref().filter(|(at, _)| Some(*at) == d.at) {
                        eprint_line(c.1.trim_end_matches('\n'));
                    }
                }
                if !args.quiet {
                    eprint_line(&format!(
                        "claimtrack: {origin}: invalid ({errors} error{})",
                        if errors == 1 { "" } else { "s" }
                    ));
                }
            }
            Err(e) => match CliError::from(e) {
                CliError::BadInput(m) => {
                    invalid = true;
                    eprint_line(&super::error_text(&m));
                }
                CliError::Failure(m) => {
                    failed_io = true;
                    eprint_line(&super::error_text(&m));
                }
            },
        }
    }
    Ok(if invalid {
        ExitCode::from(2)
    } else if failed_io {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "1 claim", "22 claims".
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Applies the unambiguous quote repairs to `path` and lists them; what is
/// left is reported by the check that follows.
fn fix(path: &Path, origin: &str) -> Result<(), CliError> {
    use crate::model::authoring::{
        Gate, QuoteFix, apply_quote_fixes, plan_quote_fixes, read_dataset_text, write_back,
    };
    let file = read_dataset_text(path).map_err(|e| super::add::author_error(origin, e))?;
    // A file that does not parse has nothing to repair: the check says why.
    let Ok(planned) = plan_quote_fixes(&file.text) else {
        return Ok(());
    };
    if planned.is_empty() {
        return Ok(());
    }
    let mut applied: Vec<QuoteFix> = Vec::new();
    write_back(&file, Gate::FewerErrors, &mut |text| {
        applied = plan_quote_fixes(text)?;
        apply_quote_fixes(text, &applied)
    })
    .map_err(|e| super::add::author_error(origin, e))?;
    let mut out = String::new();
    for f in &applied {
        let at =
            f.at.map(|lc| format!("{origin}:{}:{}", lc.line, lc.col))
                .unwrap_or_else(|| origin.to_owned());
        out.push_str(&format!("{at}: fixed: {f}\n"));
    }
    out.push_str(&format!(
        "{origin}: {} repair{} written\n",
        applied.len(),
        if applied.len() == 1 { "" } else { "s" }
    ));
    print_stdout(&out)
}

/// For a file that does not parse: the line of its (first) error and a
/// caret under the column, as `  12 | text` / `     |    ^`.
fn syntax_context(
    path: &Path,
    diagnostics: &[crate::model::Diagnostic],
) -> Option<(crate::model::spans::LineCol, String)> {
    let at = diagnostics.iter().find(|d| d.is_error())?.at?;
    let text = crate::model::load::read_text(path).ok()?;
    if text.trim().is_empty()
        || ron::Options::default()
            .from_str::<crate::model::Dataset>(&text)
            .is_ok()
    {
        return None;
    }
    Some((at, context_lines(&text, at)))
}

fn context_lines(text: &str, at: crate::model::spans::LineCol) -> String {
    use crate::text::{sanitize, width};
    let line = text
        .split('\n')
        .nth(at.line.saturating_sub(1))
        .unwrap_or_default()
        .trim_end_matches('\r');
    let before: String = line.chars().take(at.col.saturating_sub(1)).collect();
    let number = at.line.to_string();
    let gutter = " ".repeat(number.len());
    format!(
        " {number} | {}\n {gutter} | {}^\n",
        sanitize(line),
        " ".repeat(width(&sanitize(&before)))
    )
}
