//! `claimtrack import FILE --into DATASET.ron`: an article from a web page,
//! Markdown or text, into a new or existing dataset (format-preserving).

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use super::add::author_error;
use super::{CliError, print_stdout};
use crate::model::authoring::{
    AuthorError, Gate, ImportOptions, Imported, create_dataset, new_dataset_text, parse_for_edit,
    prepare_import, read_dataset_text, slug, splice_import, write_back,
};
use crate::model::import::Format;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The article: .html/.htm, .md or .txt, or - for standard input (with --as)
    file: PathBuf,
    /// The dataset to add it to (created if it does not exist)
    #[arg(long, value_name = "DATASET.ron")]
    into: PathBuf,
    /// The format of standard input (or of a file without a known extension)
    #[arg(long = "as", value_parser = ["html", "md", "txt"])]
    format: Option<String>,
    /// The article's id (default: <outlet>-<published date>)
    #[arg(long)]
    article_id: Option<String>,
    #[arg(long)]
    headline: Option<String>,
    /// An actor's id or name; a new Media actor otherwise
    #[arg(long, value_name = "NAME_OR_ID")]
    outlet: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    published: Option<String>,
    #[arg(long)]
    url: Option<String>,
    /// Byline or photo credit
    #[arg(long)]
    credit: Option<String>,
    /// A new dataset's id (default: from the file name)
    #[arg(long)]
    dataset_id: Option<String>,
    /// A new dataset's title (default: the headline)
    #[arg(long)]
    title: Option<String>,
}

/// Larger inputs are refused: no article is this big.
const MAX_INPUT: u64 = 64 << 20;

fn read_input(args: &Args) -> Result<(Format, String), CliError> {
    let named = args.format.as_deref().and_then(Format::from_extension);
    let format = match named {
        Some(f) => f,
        None => args
            .file
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .ok_or_else(|| {
                CliError::BadInput(format!(
                    "{}: unknown format: name it .html, .htm, .md or .txt, or give --as html|md|txt",
                    args.file.display()
                ))
            })?,
    };
    let bytes = if args.file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut b)
            .map_err(|e| CliError::Failure(format!("reading standard input: {e}")))?;
        if b.len() as u64 > MAX_INPUT {
            return Err(CliError::BadInput(format!(
                "standard input is larger than {MAX_INPUT} bytes"
            )));
        }
        b
    } else {
        crate::model::safe_fs::read_regular(&args.file, MAX_INPUT).map_err(|e| {
            let m = format!("{}: cannot read: {e}", args.file.display());
            if e.kind() == std::io::ErrorKind::NotFound {
                CliError::BadInput(m)
            } else {
                CliError::Failure(m)
            }
        })?
    };
    // Web pages are not always UTF-8: undecodable bytes become U+FFFD.
    Ok((format, String::from_utf8_lossy(&bytes).into_owned()))
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let (format, src) = read_input(&args)?;
    let page = format.extract(&src);
    let opts = ImportOptions {
        article_id: args.article_id.clone(),
        headline: args.headline.clone(),
        outlet: args.outlet.clone(),
        published: args.published.clone(),
        url: args.url.clone(),
        credit: args.credit.clone(),
    };
    let origin = args.into.display().to_string();
    let bad = |e: AuthorError| match e {
        AuthorError::Edit(m) => CliError::BadInput(format!(
            "{}: error: {m}; nothing was written",
            args.file.display()
        )),
        e => author_error(&origin, e),
    };
    let imported: Imported = if std::fs::symlink_metadata(&args.into).is_err() {
        let imported = prepare_import(None, &page, &opts).map_err(bad)?;
        let id = args.dataset_id.clone().unwrap_or_else(|| {
            slug(
                &args
                    .into
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        });
        let title = args
            .title
            .clone()
            .unwrap_or_else(|| imported.article.headline.clone());
        let text = new_dataset_text(&id, &title, &imported);
        create_dataset(&args.into, &text).map_err(bad)?;
        imported
    } else {
        let file = read_dataset_text(&args.into).map_err(bad)?;
        let mut made = None;
        write_back(&file, Gate::Valid, &mut |text| {
            let loaded = parse_for_edit(&origin, text)?;
            let imported = prepare_import(Some(&loaded.dataset), &page, &opts)?;
            let out = splice_import(text, &imported)?;
            made = Some(imported);
            Ok(out)
        })
        .map_err(bad)?;
        made.ok_or_else(|| CliError::Failure("the import was not applied".into()))?
    };
    let mut msg = format!(
        "added article \"{}\" ({} paragraph{})",
        imported.article.id,
        imported.article.body.len(),
        if imported.article.body.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    if let Some(a) = &imported.new_outlet {
        msg.push_str(&format!(", actor \"{}\"", a.id));
    }
    msg.push_str(&format!(" to {origin}\n"));
    print_stdout(&msg)?;
    Ok(ExitCode::SUCCESS)
}
