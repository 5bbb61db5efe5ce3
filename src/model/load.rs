//! Reading a dataset: parse, validate, index; errors with positions.

use std::fmt;
use std::path::{Path, PathBuf};

use super::dataset::{Dataset, FORMAT_VERSION};
use super::diagnostic::{Diagnostic, Issue};
use super::index::Index;
use super::spans::{LineCol, Seg, SourceMap};
use super::validate::validate;

/// The dataset built from the seed article, embedded in the binary.
pub const BUNDLED_SOURCE: &str = include_str!("../../assets/seed.ron");
/// How the bundled dataset is named in messages.
pub const BUNDLED_ORIGIN: &str = "<bundled>/seed.ron";

/// Files larger than this are refused before reading: no dataset is that big,
/// and reading it would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// A valid dataset, its index, and the warnings it loaded with.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Dataset,
    pub index: Index,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    TooLarge {
        path: PathBuf,
        bytes: u64,
    },
    /// The file was read but is not a valid dataset: every problem, sorted by position.
    Invalid {
        origin: String,
        diagnostics: Vec<Diagnostic>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: cannot read: {source}", path.display()),
            Self::TooLarge { path, bytes } => {
                write!(
                    f,
                    "{}: {bytes} bytes is larger than the {MAX_FILE_BYTES}-byte limit",
                    path.display()
                )
            }
            Self::Invalid {
                origin,
                diagnostics,
            } => {
                let lines: Vec<String> = diagnostics.iter().map(|d| d.render(origin)).collect();
                f.write_str(&lines.join("\n"))
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Parses and validates RON text. On failure, every diagnostic (errors and
/// warnings) sorted by position.
pub fn parse_str(src: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let dataset: Dataset = match ron::Options::default().from_str(src) {
        Ok(ds) => ds,
        Err(e) => return Err(parse_failure(src, &e)),
    };
    from_dataset(dataset, Some(src))
}

/// Validates an already-deserialised dataset (e.g. from the binary cache).
/// `src`, when known, gives diagnostics their positions.
pub fn from_dataset(dataset: Dataset, src: Option<&str>) -> Result<Loaded, Vec<Diagnostic>> {
    let (index, issues) = validate(&dataset);
    let has_errors = issues.iter().any(|i| i.severity == super::Severity::Error);
    let diagnostics = locate(src, issues);
    if has_errors {
        Err(diagnostics)
    } else {
        Ok(Loaded {
            dataset,
            index,
            warnings: diagnostics,
        })
    }
}

/// Reads, parses and validates a dataset file.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let src = read_text(path)?;
    parse_str(&src).map_err(|diagnostics| LoadError::Invalid {
        origin: path.display().to_string(),
        diagnostics,
    })
}

/// The bundled dataset. It is validated by the test suite, so failure here is
/// a build defect; it is still reported, never a panic.
pub fn load_bundled() -> Result<Loaded, LoadError> {
    parse_str(BUNDLED_SOURCE).map_err(|diagnostics| LoadError::Invalid {
        origin: BUNDLED_ORIGIN.into(),
        diagnostics,
    })
}

/// Reads a file as UTF-8, with the position of the first invalid byte if not.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other("is a directory")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            bytes: meta.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        LoadError::Invalid {
            origin: path.display().to_string(),
            diagnostics: vec![Diagnostic::error(
                Some(LineCol { line, col }),
                "the file is not valid UTF-8",
            )],
        }
    })
}

fn parse_failure(src: &str, e: &ron::error::SpannedError) -> Vec<Diagnostic> {
    let map = SourceMap::new(src);
    // ron's span often starts at the whitespace before the offending value,
    // which may be on the line before it: point at the value itself.
    // Past the last token (an unexpected end), ron's own position is the best.
    let ron_at = LineCol {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    };
    let next = map.next_token(map.offset(ron_at));
    let at = if next < src.len() {
        map.line_col(next)
    } else {
        ron_at
    };
    let mut out = Vec::new();
    // A file from a newer (or older) format usually fails to parse for that very
    // reason: say so first, it is the useful message.
    // Only an integer is a format version; anything else is a type error,
    // which ron reports.
    if let Some(v) = map.scalar_text(&[Seg::Field("format")])
        && let Ok(n) = ron::from_str::<u64>(v)
        && n != u64::from(FORMAT_VERSION)
    {
        out.push(Diagnostic::error(
            map.locate(&[Seg::Field("format")]),
            format!("unsupported format {n} (this build reads format {FORMAT_VERSION})"),
        ));
    }
    out.push(Diagnostic::error(Some(at), e.code.to_string()));
    out
}

fn locate(src: Option<&str>, issues: Vec<Issue>) -> Vec<Diagnostic> {
    if issues.is_empty() {
        return Vec::new();
    }
    let map = src.map(SourceMap::new);
    let mut out: Vec<Diagnostic> = issues
        .into_iter()
        .map(|i| Diagnostic {
            severity: i.severity,
            at: map.as_ref().and_then(|m| m.locate(&i.path)),
            message: i.message,
        })
        .collect();
    out.sort_by_key(|d| (d.at, d.severity));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_dataset_is_valid_and_warning_free() {
        let loaded = match load_bundled() {
            Ok(l) => l,
            Err(e) => panic!("bundled dataset invalid:\n{e}"),
        };
        assert!(
            loaded.warnings.is_empty(),
            "warnings: {:?}",
            loaded.warnings
        );
        assert!(loaded.dataset.claims.len() >= 15);
    }
}
