//! The user's settings file, `<config dir>/claimtrack/config.ron`
//! (`$XDG_CONFIG_HOME/claimtrack/config.ron` on Linux):
//!
//! ```ron
//! (analyst: "Jane Doe", org: "Example News",
//!  keys: [(scope: "claims", key: "v", action: "SetStatus(Verified)")])
//! ```
//!
//! Every field is optional; `Some("...")` is accepted too.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::load::{TextFileError, read_text_if_exists};
use super::spans::LineCol;

/// Name used when nothing else identifies the analyst.
pub const DEFAULT_ANALYST: &str = "analyst";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Who is recorded as making changes.
    pub analyst: Option<String>,
    /// The analyst's organisation, for exports.
    pub org: Option<String>,
    /// Key bindings added to (or replacing) the defaults.
    pub keys: Vec<KeyBinding>,
    /// Saved views (see [`super::views`]): `views: [(name: "…", query: "…", sort: Date)]`.
    pub views: Vec<super::views::View>,
    /// `theme: Dark | Light | Mono` (see [`super::colors`]); `NO_COLOR` forces Mono.
    pub theme: super::colors::ThemeName,
    /// Colour overrides by role: `colors: { "status.false": "red" }`.
    pub colors: super::colors::ColorOverrides,
}

/// One key binding from the settings file, as text: the app checks it.
///
/// ```ron
/// keys: [(scope: "claims", key: "v", action: "SetStatus(Verified)")]
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyBinding {
    /// "global", "actors", "claims", "timeline", "reader", "help".
    pub scope: String,
    /// "v", "V", "ctrl-x", "enter", "esc", "tab", "space", "up", "pgdn", "f5"...
    pub key: String,
    /// An action as `claimtrack keys --actions` lists it, e.g. "Quit".
    pub action: String,
}

#[derive(Debug)]
pub enum ConfigError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Invalid {
        path: PathBuf,
        at: Option<LineCol>,
        message: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: cannot read: {source}", path.display()),
            Self::Invalid {
                path,
                at: Some(lc),
                message,
            } => write!(f, "{}:{}:{}: {message}", path.display(), lc.line, lc.col),
            Self::Invalid { path, message, .. } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Where the settings file is looked for; `None` without a home directory.
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "claimtrack").map(|d| d.config_dir().join("config.ron"))
}

/// The user's settings; the defaults when there is no settings file.
pub fn load_config() -> Result<Config, ConfigError> {
    match config_path() {
        Some(p) => load_config_from(&p),
        None => Ok(Config::default()),
    }
}

/// The settings in `path`; the defaults when it does not exist.
pub fn load_config_from(path: &Path) -> Result<Config, ConfigError> {
    let src = match read_text_if_exists(path) {
        Ok(Some(src)) => src,
        Ok(None) => return Ok(Config::default()),
        Err(TextFileError::Io(source)) => {
            return Err(ConfigError::Io {
                path: path.to_owned(),
                source,
            });
        }
        Err(TextFileError::Invalid { at, message }) => {
            return Err(ConfigError::Invalid {
                path: path.to_owned(),
                at,
                message,
            });
        }
    };
    let config = parse_config(&src).map_err(|(at, message)| ConfigError::Invalid {
        path: path.to_owned(),
        at: Some(at),
        message,
    })?;
    super::views::check_views(&config.views).map_err(|message| ConfigError::Invalid {
        path: path.to_owned(),
        at: None,
        message,
    })?;
    Ok(config)
}

fn parse_config(src: &str) -> Result<Config, (LineCol, String)> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(src)
        .map_err(|e| {
            let at = LineCol {
                line: e.span.start.line.max(1),
                col: e.span.start.col.max(1),
            };
            (at, e.code.to_string())
        })
}

/// Who is recorded as making changes: `--analyst`, else the settings file's
/// `analyst`, else `$USER` / `$USERNAME`, else "analyst". A settings file
/// that cannot be read is skipped here; `load_config` reports it.
pub fn resolve_analyst(cli: Option<&str>) -> String {
    let config = load_config().unwrap_or_default();
    resolve_analyst_with(cli, &config, |k| std::env::var(k).ok())
}

/// [`resolve_analyst`] with its sources given, for tests and callers that
/// already loaded the settings.
pub fn resolve_analyst_with(
    cli: Option<&str>,
    config: &Config,
    env: impl Fn(&str) -> Option<String>,
) -> String {
    let usable = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    cli.and_then(usable)
        .or_else(|| config.analyst.as_deref().and_then(usable))
        .or_else(|| env("USER").as_deref().and_then(usable))
        .or_else(|| env("USERNAME").as_deref().and_then(usable))
        .unwrap_or_else(|| DEFAULT_ANALYST.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyst_comes_from_the_first_source_that_has_one() {
        let cfg = Config {
            analyst: Some("Cfg".into()),
            ..Config::default()
        };
        let env = |k: &str| match k {
            "USER" => Some("unix".to_owned()),
            "USERNAME" => Some("win".to_owned()),
            _ => None,
        };
        assert_eq!(resolve_analyst_with(Some(" Cli "), &cfg, env), "Cli");
        assert_eq!(resolve_analyst_with(Some("  "), &cfg, env), "Cfg");
        assert_eq!(resolve_analyst_with(None, &Config::default(), env), "unix");
        let only_windows = |k: &str| (k == "USERNAME").then(|| "win".to_owned());
        assert_eq!(
            resolve_analyst_with(None, &Config::default(), only_windows),
            "win"
        );
        assert_eq!(
            resolve_analyst_with(None, &Config::default(), |_| None),
            DEFAULT_ANALYST
        );
    }

    #[test]
    fn config_file_parses_plain_and_some_values_and_reports_positions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.ron");
        assert_eq!(
            load_config_from(&path).expect("missing is fine"),
            Config::default()
        );

        std::fs::write(&path, "// me\n(analyst: \"Ana\", org: Some(\"Desk\"))\n").expect("write");
        let cfg = load_config_from(&path).expect("valid");
        assert_eq!(cfg.analyst.as_deref(), Some("Ana"));
        assert_eq!(cfg.org.as_deref(), Some("Desk"));

        std::fs::write(&path, "(\n  analyst: \"Ana\",\n  colour: 3,\n)\n").expect("write");
        match load_config_from(&path) {
            Err(ConfigError::Invalid {
                at: Some(at),
                message,
                ..
            }) => {
                assert_eq!(at.line, 3, "{message}");
                assert!(message.contains("colour"), "{message}");
            }
            other => panic!("expected a positioned error, got {other:?}"),
        }

        std::fs::write(
            &path,
            "(views: [(name: \"to review\", query: \"status:unreviewed -tag:later\", sort: Date)])",
        )
        .expect("write");
        let cfg = load_config_from(&path).expect("views");
        assert_eq!(cfg.views.len(), 1);
        assert_eq!(cfg.views[0].sort, crate::model::views::ViewSort::Date);
        std::fs::write(&path, "(views: [(name: \"x\", query: \"said:2024-13\")])").expect("write");
        let e = load_config_from(&path).expect_err("bad view").to_string();
        assert!(
            e.contains("view \"x\": bad date \"2024-13\" in said:"),
            "{e}"
        );
    }

    #[test]
    fn theme_and_colours_are_read_and_a_bad_one_is_an_error_at_its_position() {
        use crate::model::colors::{ColorSpec, Role, ThemeName};
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.ron");
        std::fs::write(
            &path,
            "(theme: Light, colors: { \"status.false\": \"red\", \"label\": \"#d08000\" })",
        )
        .expect("write");
        let cfg = load_config_from(&path).expect("valid");
        assert_eq!(cfg.theme, ThemeName::Light);
        assert_eq!(cfg.colors.get(Role::StatusFalse), Some(ColorSpec::Named(1)));
        assert_eq!(
            cfg.colors.get(Role::Label),
            Some(ColorSpec::Rgb(0xd0, 0x80, 0))
        );
        assert_eq!(
            load_config_from(&dir.path().join("none"))
                .expect("default")
                .theme,
            ThemeName::Dark
        );
        for (src, line, want) in [
            ("(\n theme: Lihgt,\n)", 2, "Lihgt"),
            (
                "(colors: {\n  \"status.flase\": \"red\",\n})",
                2,
                "did you mean \"status.false\"?",
            ),
            (
                "(colors: {\n  \"label\": \"redd\",\n})",
                2,
                "did you mean \"red\"?",
            ),
            (
                "(colors: { \"label\": \"red\", \"label\": \"blue\" })",
                1,
                "given twice",
            ),
        ] {
            std::fs::write(&path, src).expect("write");
            let e = load_config_from(&path).expect_err(src);
            let text = e.to_string();
            match e {
                ConfigError::Invalid {
                    at: Some(at),
                    message,
                    ..
                } => {
                    assert_eq!(at.line, line, "{src}: {message}");
                    assert!(message.contains(want), "{src}: {message}");
                }
                other => panic!("{src}: expected a positioned error, got {other:?}"),
            }
            assert!(text.contains(&format!("config.ron:{line}:")), "{text}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_directory_in_place_of_the_settings_is_refused_without_hanging() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.ron");
        // mkfifo(1) keeps this crate free of unsafe code. Nobody writes to
        // it: a blocking open would never return.
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        let err = load_config_from(&path).expect_err("refused");
        assert!(err.to_string().contains("FIFO"), "{err}");
        assert!(
            err.to_string().starts_with(&path.display().to_string()),
            "{err}"
        );
        let err = load_config_from(dir.path()).expect_err("refused");
        assert!(err.to_string().contains("directory"), "{err}");
    }
}
