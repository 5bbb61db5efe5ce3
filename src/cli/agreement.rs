//! `claimtrack agreement [DATASET] FILE FILE... [--field F] [--names a,b]
//! [--format text|json]`: how far analysts who reviewed the same claims agree.

// Dynamic-programming and matrix code indexing within bounds it computes
// from the same slices (unit tests and proptests beside it).
#![allow(clippy::indexing_slicing)]

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, print_data, print_stdout, team_files};
use crate::model::AnnotationSet;
use crate::model::agreement::{self, Field, Report};
use crate::model::export::json_text::{Escape, to_safe_json};
use crate::text::sanitize;

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldArg {
    /// The verdict (nominal): Verified, Misleading, False, Disputed, Unverifiable
    #[default]
    Status,
    /// Source reliability A-E (ordinal; F is missing)
    Reliability,
    /// Information credibility 1-5 (ordinal; 6 is missing)
    Credibility,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// [DATASET] then one annotation file per analyst (at least two); the
    /// bundled dataset when the first file is an annotation file
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The field to compare
    #[arg(long, value_enum, default_value_t)]
    field: FieldArg,
    /// The analysts' names, in the order of the files [default: the most
    /// frequent analyst in each file, else its name]
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    names: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let (dataset, files) = team_files::split_dataset(args.files);
    if files.len() < 2 {
        return Err(CliError::BadInput(
            "claimtrack agreement: give at least two annotation files (one per analyst)".into(),
        ));
    }
    if !args.names.is_empty() && args.names.len() != files.len() {
        return Err(CliError::BadInput(format!(
            "--names gives {} names for {} files",
            args.names.len(),
            files.len()
        )));
    }
    let loaded = super::load(dataset.as_deref())?;
    let sets = files
        .iter()
        .map(|p| team_files::read_for(p, &loaded))
        .collect::<Result<Vec<AnnotationSet>, _>>()?;
    let mut names: Vec<String> = match args.names.is_empty() {
        false => args.names.clone(),
        true => sets
            .iter()
            .zip(&files)
            .map(|(s, p)| agreement::rater_name(s, &team_files::stem(p)))
            .collect(),
    };
    disambiguate(&mut names);
    let raters: Vec<(String, &AnnotationSet)> = names.into_iter().zip(&sets).collect();
    let claims: Vec<&str> = loaded
        .dataset
        .claims
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let field = match args.field {
        FieldArg::Status => Field::Status,
        FieldArg::Reliability => Field::Reliability,
        FieldArg::Credibility => Field::Credibility,
    };
    let report = agreement::analyse(field, &raters, &claims);
    match args.format {
        Format::Json => print_data(&to_safe_json(&report, Escape::Controls)),
        Format::Text => print_stdout(&render_text(&report)),
    }?;
    // Freeing a large dataset takes a while (0.1 s at 100k claims): the
    // prompt need not wait for it.
    crate::model::free_later::free_later(loaded);
    Ok(ExitCode::SUCCESS)
}

pub(super) fn disambiguate(names: &mut [String]) {
    agreement::disambiguate(names);
}

fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "undefined".to_owned(), |x| format!("{x:.3}"))
}

fn render_text(r: &Report) -> String {
    let mut out = String::new();
    let names: Vec<String> = r.raters.iter().map(|n| sanitize(n).into_owned()).collect();
    let _ = writeln!(out, "agreement on {} between {}", r.field, names.join(", "));
    let _ = writeln!(
        out,
        "claims rated by at least two: {}, by all: {}",
        r.items, r.rated_by_all
    );
    let kind = if r.field == "status" {
        "nominal"
    } else {
        "ordinal"
    };
    let _ = writeln!(
        out,
        "Krippendorff's alpha ({kind}): {}",
        figure(r.krippendorff_alpha)
    );
    let _ = writeln!(
        out,
        "Fleiss' kappa (rated by all): {}",
        figure(r.fleiss_kappa)
    );
    for p in &r.pairs {
        let _ = writeln!(
            out,
            "\n{} / {}: {} claims, agreement {}, Cohen's kappa {}",
            sanitize(&p.raters[0]),
            sanitize(&p.raters[1]),
            p.n,
            figure(p.agreement),
            figure(p.cohen_kappa)
        );
        let cats = p.confusion.categories;
        let width = cats.iter().map(|c| c.len()).max().unwrap_or(1).max(4);
        let _ = write!(out, "  {:width$}", "");
        for c in cats {
            let _ = write!(out, " {c:>width$}");
        }
        let _ = writeln!(out);
        for (c, row) in cats.iter().zip(&p.confusion.counts) {
            let _ = write!(out, "  {c:width$}");
            for n in row {
                let _ = write!(out, " {n:>width$}");
            }
            let _ = writeln!(out);
        }
    }
    let _ = writeln!(
        out,
        "\ndisagreements ({}): {}",
        r.disagreements.len(),
        r.disagreements.join(" ")
    );
    for n in &r.notes {
        let _ = writeln!(out, "note: {}", sanitize(n));
    }
    out
}
