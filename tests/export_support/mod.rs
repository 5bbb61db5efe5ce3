//! Runs `claimtrack export` on the hostile dataset (tests/fixtures/hostile)
//! with its annotations made more hostile still: evidence that is a
//! `javascript:` URL, an attribute breaker, and a fine https URL with `&`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
pub const SCRIPT_BREAKOUT: &str = "</script><img src=x onerror=alert(1)>";
pub const JS_URL: &str = "javascript:alert(1)";
pub const ATTRIBUTE_BREAKER: &str = "https://e.x/\" onmouseover=\"alert(1)";
pub const GOOD_URL: &str = "https://example.org/ok?a=1&b=2";

/// A home with no settings and no data directory, a copy of the hostile
/// dataset, and its annotations (with the extra evidence) beside it.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("home");
        let ann = std::fs::read_to_string(format!("{FIXTURES}/hostile.annotations.ron"))
            .expect("annotations fixture");
        let from = r#""archive copy \u{1b}[2J"]"#;
        assert!(ann.contains(from), "the fixture changed: {from}");
        let extra = format!(
            r#""archive copy \u{{1b}}[2J", "{JS_URL}", "{}", "{GOOD_URL}"]"#,
            ATTRIBUTE_BREAKER.replace('"', "\\\"")
        );
        std::fs::write(
            dir.path().join("hostile.annotations.ron"),
            ann.replace(from, &extra),
        )
        .expect("annotations");
        std::fs::copy(
            format!("{FIXTURES}/hostile.ron"),
            dir.path().join("hostile.ron"),
        )
        .expect("dataset");
        Self { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `claimtrack export ARGS -a hostile.annotations.ron hostile.ron`,
    /// asserting success; stdout.
    pub fn export(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        let home: &Path = self.dir.path();
        cargo_bin_cmd!("claimtrack")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("SOURCE_DATE_EPOCH", "1764620400")
            .arg("export")
            .args(args)
            .arg("-a")
            .arg(self.path("hostile.annotations.ron"))
            .arg(self.path("hostile.ron"))
            .output()
            .expect("run")
    }
}
