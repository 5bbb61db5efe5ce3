//! `claimtrack git-setup`: makes the current git repository merge annotation
//! files with `claimtrack merge-driver` instead of line by line. Idempotent:
//! it changes only what is missing, and says what it changed.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::{CliError, print_stdout};
use crate::model::safe_fs;

const ATTRIBUTE: &str = "*.annotations.ron merge=claimtrack";
const DRIVER_NAME: &str = "claimtrack: annotations merged per claim and field";
/// The working files claimtrack keeps beside an annotation file.
const IGNORED: [&str; 4] = [
    "*.annotations.ron.journal",
    "*.annotations.ron.lock",
    "*.annotations.ron.tmp",
    ".*.annotations.ron.*.tmp",
];

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A directory in the repository [default: the current directory]
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        CliError::BadInput(format!(
            "claimtrack git-setup: {}: not in a git repository ({e})",
            dir.display()
        ))
    })?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let exe = std::env::current_exe()
        .and_then(std::path::absolute)
        .map_err(|e| CliError::Failure(format!("cannot tell where this claimtrack is: {e}")))?;
    let driver = format!(
        "{} merge-driver %O %A %B %P",
        shell_quote(&exe.to_string_lossy())
    );
    let mut changed = Vec::new();
    if add_lines(&top.join(".gitattributes"), &[ATTRIBUTE])? {
        changed.push(format!(".gitattributes: added `{ATTRIBUTE}`"));
    }
    if add_lines(&top.join(".gitignore"), &IGNORED)? {
        changed.push(format!(".gitignore: added {}", IGNORED.join(" ")));
    }
    for (key, value) in [
        ("merge.claimtrack.name", DRIVER_NAME),
        ("merge.claimtrack.driver", &driver),
    ] {
        let current = git(&top, &["config", "--local", "--get", key]).ok();
        if current.as_deref().map(|c| c.trim_end_matches('\n')) != Some(value) {
            git(&top, &["config", "--local", key, value])
                .map_err(|e| CliError::Failure(format!("git config {key}: {e}")))?;
            changed.push(format!("git config {key} = {value}"));
        }
    }
    let mut out = match changed.is_empty() {
        true => format!("{}: already set up; nothing changed\n", top.display()),
        false => changed.iter().map(|c| format!("{c}\n")).collect(),
    };
    out.push_str(
        "note: merges made by a forge's server (pull-request buttons) do not run merge drivers: merge locally (git pull), then push\n",
    );
    print_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs git in `dir`; its stdout, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    match out.status.success() {
        true => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        false => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
    }
}

/// Appends the lines `file` lacks; true when it changed it.
fn add_lines(file: &Path, lines: &[&str]) -> Result<bool, CliError> {
    let current = match safe_fs::read_regular(file, 16 << 20) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(CliError::Failure(format!("{}: {e}", file.display()))),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !current.lines().any(|c| c.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for l in missing {
        text.push_str(l);
        text.push('\n');
    }
    safe_fs::write_atomic(file, text.as_bytes())
        .map_err(|e| CliError::Failure(format!("{}: cannot write: {e}", file.display())))?;
    Ok(true)
}

/// Quotes a path for the shell git runs the driver with.
fn shell_quote(s: &str) -> String {
    let plain = s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b));
    match plain && !s.is_empty() {
        true => s.to_owned(),
        false => format!("'{}'", s.replace('\'', r"'\''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("/usr/bin/claimtrack"), "/usr/bin/claimtrack");
        assert_eq!(shell_quote("/a b/it's"), r"'/a b/it'\''s'");
    }

    #[test]
    fn lines_are_added_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join(".gitignore");
        std::fs::write(&f, "target").expect("write");
        assert!(add_lines(&f, &["a", "b"]).expect("add"));
        assert!(!add_lines(&f, &["b", "a"]).expect("again"));
        assert_eq!(std::fs::read_to_string(&f).expect("read"), "target\na\nb\n");
    }
}
