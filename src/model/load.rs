//! Reading a dataset: parse, validate, index; errors with positions.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::dataset::{Dataset, FORMAT_VERSION};
use super::diagnostic::{Diagnostic, Issue};
use super::index::Index;
use super::safe_fs;
use super::spans::{LineCol, Seg, SourceMap};
use super::validate::{validate, validate_with_progress};

/// The dataset built from the seed article, embedded in the binary.
pub const BUNDLED_SOURCE: &str = include_str!("../../assets/seed.ron");
/// How the bundled dataset is named in messages.
pub const BUNDLED_ORIGIN: &str = "<bundled>/seed.ron";

/// Files larger than this are refused before reading: no dataset is that big,
/// and reading it would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// A valid dataset, its index, and the warnings it loaded with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// Where a load is, for a gauge or a spinner: each phase is reported when it
/// starts, long phases again as they advance. Phases a load skips are not
/// reported; the last report is always `Done` (unless the load fails).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Reading the dataset file: bytes read so far.
    Reading {
        done: u64,
        total: u64,
    },
    /// Hashing the file to find its binary cache.
    Hashing {
        bytes: u64,
    },
    /// Reading and decoding the binary cache (a hit).
    ReadingCache {
        bytes: u64,
    },
    /// Parsing the RON text. The parser reports no steps: show a spinner.
    Parsing {
        bytes: u64,
    },
    /// Checking articles, actors, claims and events, in that order.
    Validating {
        done: usize,
        total: usize,
    },
    /// Building the lookups of the index.
    Indexing,
    /// Saving the binary cache for the next start.
    WritingCache,
    Done,
}

impl Progress {
    /// A short name for the phase, for a status line.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Reading { .. } => "reading",
            Self::Hashing { .. } => "checking cache",
            Self::ReadingCache { .. } => "reading cache",
            Self::Parsing { .. } => "parsing",
            Self::Validating { .. } => "validating",
            Self::Indexing => "indexing",
            Self::WritingCache => "writing cache",
            Self::Done => "done",
        }
    }

    /// How far the phase is, in `0.0..=1.0`, when that is known.
    pub fn fraction(&self) -> Option<f64> {
        let ratio = |done: f64, total: f64| {
            if total > 0.0 {
                (done / total).clamp(0.0, 1.0)
            } else {
                1.0
            }
        };
        match *self {
            Self::Reading { done, total } => Some(ratio(done as f64, total as f64)),
            Self::Validating { done, total } => Some(ratio(done as f64, total as f64)),
            Self::Done => Some(1.0),
            _ => None,
        }
    }
}

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
    // The lower-memory path: the text is dropped once parsed (and read again
    // only to place diagnostics), so peak memory stays under 3× the file.
    load_path_with_progress(path, &mut |_| {})
}

/// Like [`load_path`], reporting [`Progress`] along the way (for a UI that
/// shows a gauge when loading takes long). Uses less memory than
/// [`load_path`]: the text is freed once parsed, before validation.
pub fn load_path_with_progress(
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Loaded, LoadError> {
    let bytes = read_bytes_with_progress(path, progress)?;
    let loaded = parse_text(path, into_text(path, bytes)?, progress)?;
    progress(Progress::Done);
    Ok(loaded)
}

/// Parses and validates text read from `path`, consuming it so that it is
/// freed as soon as it is parsed.
pub(crate) fn parse_text(
    path: &Path,
    src: String,
    progress: &mut dyn FnMut(Progress),
) -> Result<Loaded, LoadError> {
    let invalid = |diagnostics| LoadError::Invalid {
        origin: path.display().to_string(),
        diagnostics,
    };
    progress(Progress::Parsing {
        bytes: src.len() as u64,
    });
    let dataset: Dataset = match ron::Options::default().from_str(&src) {
        Ok(ds) => ds,
        Err(e) => return Err(invalid(parse_failure(&src, &e))),
    };
    // The text is as large as the file and is needed again only to place
    // diagnostics: free it before building the index, and read the file
    // again in the rare case there is something to report.
    let (len, modified) = (src.len(), modified_time(path));
    drop(src);
    let (index, issues) = validate_with_progress(&dataset, progress);
    let has_errors = issues.iter().any(|i| i.severity == super::Severity::Error);
    let diagnostics = if issues.is_empty() {
        Vec::new()
    } else {
        // A file changed meanwhile would give wrong positions: none is better.
        let again = read_text(path)
            .ok()
            .filter(|t| t.len() == len && modified_time(path) == modified);
        locate(again.as_deref(), issues)
    };
    if has_errors {
        Err(invalid(diagnostics))
    } else {
        Ok(Loaded {
            dataset,
            index,
            warnings: diagnostics,
        })
    }
}

/// The bundled dataset. It is validated by the test suite, so failure here is
/// a build defect; it is still reported, never a panic.
pub fn load_bundled() -> Result<Loaded, LoadError> {
    parse_str(BUNDLED_SOURCE).map_err(|diagnostics| LoadError::Invalid {
        origin: BUNDLED_ORIGIN.into(),
        diagnostics,
    })
}

/// Why a small file we read but do not own (settings, annotations) gave no
/// text. One mapping for every such reader, so they all say the same.
#[derive(Debug)]
pub enum TextFileError {
    /// It could not be read (permissions, an I/O error).
    Io(std::io::Error),
    /// It is no regular file, too large, or not UTF-8: `at` where known.
    Invalid {
        at: Option<LineCol>,
        message: String,
    },
}

/// Reads a settings or annotation file as UTF-8; `Ok(None)` when it does
/// not exist. A FIFO or device in its place is refused without blocking
/// ([`safe_fs::open_regular`]), a file over [`MAX_FILE_BYTES`] before
/// reading it.
pub fn read_text_if_exists(path: &Path) -> Result<Option<String>, TextFileError> {
    let invalid = |at, message| Err(TextFileError::Invalid { at, message });
    let file = match safe_fs::open_regular(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return match std::fs::metadata(path) {
                Ok(m) if !m.is_file() => invalid(
                    None,
                    format!("is {}, not a regular file", safe_fs::kind_of(&m)),
                ),
                _ => Err(TextFileError::Io(e)),
            };
        }
    };
    let len = file.metadata().map_err(TextFileError::Io)?.len();
    let too_large =
        |bytes: u64| format!("{bytes} bytes is larger than the {MAX_FILE_BYTES}-byte limit");
    if len > MAX_FILE_BYTES {
        return invalid(None, too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(TextFileError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return invalid(None, too_large(bytes.len() as u64));
    }
    match into_text(path, bytes) {
        Ok(text) => Ok(Some(text)),
        Err(LoadError::Invalid { diagnostics, .. }) => {
            let first = diagnostics.into_iter().next();
            let at = first.as_ref().and_then(|d| d.at);
            invalid(
                at,
                first.map_or_else(|| "unreadable".to_owned(), |d| d.message),
            )
        }
        Err(e) => invalid(None, e.to_string()),
    }
}

/// Reads a file as UTF-8, with the position of the first invalid byte if not.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    into_text(path, read_bytes_with_progress(path, &mut |_| {})?)
}

fn modified_time(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Reading in chunks of this size reports progress often enough for a gauge.
const READ_CHUNK: u64 = 8 << 20;

/// Reads a whole file (at most [`MAX_FILE_BYTES`]), reporting progress.
pub fn read_bytes_with_progress(
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory, not a dataset file",
        )));
    }
    let total = meta.len();
    if total > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            bytes: total,
        });
    }
    let mut file = std::fs::File::open(path).map_err(io)?;
    // One allocation of the right size: no copies while growing.
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0).saturating_add(1));
    progress(Progress::Reading { done: 0, total });
    loop {
        let n = (&mut file)
            .take(READ_CHUNK)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if n == 0 {
            break;
        }
        // The file may have grown since `metadata`: the limit still holds.
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge {
                path: path.to_owned(),
                bytes: bytes.len() as u64,
            });
        }
        progress(Progress::Reading {
            done: bytes.len() as u64,
            total: total.max(bytes.len() as u64),
        });
    }
    Ok(bytes)
}

/// Checks that file bytes are UTF-8, with the position of the first invalid byte if not.
pub fn into_text(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(valid.get(line_start..).unwrap_or_default())
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
    let offset = map.offset(ron_at);
    out.push(Diagnostic::error(
        Some(at),
        super::syntax::explain(src, &map, &e.code, offset),
    ));
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
    fn progress_fractions_stay_in_range() {
        let cases = [
            (Progress::Reading { done: 5, total: 10 }, Some(0.5)),
            (Progress::Reading { done: 0, total: 0 }, Some(1.0)),
            (
                Progress::Reading {
                    done: 12,
                    total: 10,
                },
                Some(1.0),
            ),
            (Progress::Validating { done: 1, total: 4 }, Some(0.25)),
            (Progress::Parsing { bytes: 9 }, None),
            (Progress::Done, Some(1.0)),
        ];
        for (p, want) in cases {
            assert_eq!(p.fraction(), want, "{p:?}");
        }
    }

    #[test]
    fn progress_reports_every_phase_of_a_plain_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("seed.ron");
        std::fs::write(&path, BUNDLED_SOURCE).expect("write");
        let mut seen = Vec::new();
        let loaded = load_path_with_progress(&path, &mut |p| seen.push(p)).expect("loads");
        assert_eq!(
            seen.first(),
            Some(&Progress::Reading {
                done: 0,
                total: BUNDLED_SOURCE.len() as u64
            })
        );
        assert_eq!(seen.last(), Some(&Progress::Done));
        let total = {
            let ds = &loaded.dataset;
            ds.articles.len() + ds.actors.len() + ds.claims.len() + ds.events.len()
        };
        assert!(seen.contains(&Progress::Validating { done: 0, total }));
        let labels: Vec<&str> = seen.iter().map(Progress::label).collect();
        let mut phases = labels.clone();
        phases.dedup();
        assert_eq!(
            phases,
            ["reading", "parsing", "validating", "indexing", "done"]
        );
    }

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
