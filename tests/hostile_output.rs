//! No hostile byte reaches a terminal (issue 10, item 13): every subcommand
//! runs on hostile datasets, annotation files and settings, and its stdout
//! and stderr are searched for ESC, BEL and C1 controls (U+0080..U+009F in
//! UTF-8). Output to a terminal runs in a pseudo-terminal.
//!
//! To cover a new subcommand, add a `Case` to `cases()`: a test fails while a
//! subcommand listed by `claimtrack --help` has none.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
/// A settings file whose bad key binding quotes escape sequences back.
const HOSTILE_CONFIG: &str = r#"(org: "Org \u{1b}]0;pwned-org\u{7}", keys: [(scope: "v\u{1b}]0;pwned-scope\u{7}", key: "x\u{9b}2J", action: "Quit")])"#;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Via {
    /// stdout and stderr are pipes
    Pipe,
    /// stdout, stderr and stdin are one pseudo-terminal
    Pty,
}

struct Case {
    /// The subcommand first (`tui` for no subcommand), then what it tries.
    name: &'static str,
    args: Vec<String>,
    via: Via,
    /// Writes the hostile settings file into the case's config directory.
    hostile_config: bool,
    /// Typed into the terminal before the program reads it.
    input: &'static str,
    /// The exit code expected (hostile input must not turn into a crash).
    code: i32,
}

/// The case's arguments, `@name` naming its own copy of a fixture (so that
/// nothing a command writes beside a file, a lock or a journal, lands in
/// the repository).
fn resolve(args: &[String], home: &Path) -> Vec<String> {
    args.iter()
        .map(|a| match a.strip_prefix('@') {
            Some(f) => home.join("fixtures").join(f).display().to_string(),
            None => a.clone(),
        })
        .collect()
}

fn case(name: &'static str, args: &[&str], via: Via, code: i32) -> Case {
    Case {
        name,
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        via,
        hostile_config: false,
        input: "",
        code,
    }
}

fn with_config(mut c: Case) -> Case {
    c.hostile_config = true;
    c
}

/// Every command on hostile input (`@name` is a fixture in `FIXTURES`).
fn cases() -> Vec<Case> {
    use Via::{Pipe, Pty};
    let ann = "@hostile.annotations.ron";
    let mut v = vec![
        case("check", &["check", "@hostile.ron"], Pipe, 0),
        case("check", &["check", "@hostile.ron"], Pty, 0),
        case("check bad references", &["check", "@invalid.ron"], Pipe, 2),
        case("check bad references", &["check", "@invalid.ron"], Pty, 2),
        case(
            "check missing file",
            &["check", "@no\u{1b}]0;x\u{7}.ron"],
            Pipe,
            2,
        ),
        case("stats", &["stats", "@hostile.ron"], Pipe, 0),
        case("stats", &["stats", "@hostile.ron"], Pty, 0),
        case("stats invalid", &["stats", "@invalid.ron"], Pty, 2),
        case("timeline", &["timeline", "@hostile.ron"], Pipe, 0),
        case("timeline", &["timeline", "@hostile.ron"], Pty, 0),
        case(
            "timeline published",
            &["timeline", "--by", "published", "@hostile.ron"],
            Pipe,
            0,
        ),
        // `add` refusing hostile ids (a success would write the fixture).
        case(
            "add claim",
            &[
                "add",
                "claim",
                "--into",
                "@hostile.ron",
                "--article",
                "a\u{1b}]0;x\u{7}",
                "--quote",
                "q",
                "--claimant",
                "x",
                "--stance",
                "asserts",
            ],
            Pipe,
            2,
        ),
        case(
            "add actor",
            &[
                "add",
                "actor",
                "--into",
                "@hostile.ron",
                "--id",
                "n",
                "--name",
                "N",
                "--kind",
                "person",
                "--part-of",
                "p\u{1b}]0;x\u{7}",
            ],
            Pty,
            2,
        ),
        case(
            "import missing file",
            &["import", "@no\u{1b}]0;x\u{7}.html", "--into", "@none.ron"],
            Pipe,
            2,
        ),
        case(
            "agreement",
            &["agreement", "@hostile.ron", ann, ann],
            Pipe,
            0,
        ),
        case(
            "agreement",
            &["agreement", "@hostile.ron", ann, ann],
            Pty,
            0,
        ),
        case(
            "agreement json",
            &["agreement", "@hostile.ron", ann, ann, "--format", "json"],
            Pty,
            0,
        ),
        case(
            "annotate unknown claim",
            &[
                "annotate",
                "@hostile.ron",
                "c\u{1b}]0;x\u{7}",
                "--status",
                "verified",
                "-a",
                "@never.annotations.ron",
            ],
            Pty,
            2,
        ),
        case(
            "annotate from a hostile csv",
            &[
                "annotate",
                "@hostile.ron",
                "--from",
                "@hostile.csv",
                "-a",
                "@never.annotations.ron",
            ],
            Pipe,
            2,
        ),
        case(
            "merge damaged",
            &[
                "merge",
                ann,
                "@damaged.annotations.ron",
                "-o",
                "@never.annotations.ron",
            ],
            Pty,
            2,
        ),
        case(
            "merge-driver damaged",
            &[
                "merge-driver",
                "@damaged.annotations.ron",
                ann,
                ann,
                "p\u{1b}]0;x\u{7}",
            ],
            Pty,
            2,
        ),
        case(
            "git-setup outside a repository",
            &["git-setup", "/nonexistent\u{1b}]0;x\u{7}"],
            Pty,
            2,
        ),
        case("keys", &["keys"], Pipe, 0),
        case("keys --actions", &["keys", "--actions"], Pipe, 0),
        with_config(case("keys bad config", &["keys"], Pipe, 2)),
        with_config(case("keys bad config", &["keys"], Pty, 2)),
        case("gen", &["gen", "--articles", "2", "--claims", "5"], Pipe, 0),
        case("completions", &["completions", "bash"], Pipe, 0),
        case("completions", &["completions", "zsh"], Pty, 0),
        case("man", &["man"], Pipe, 0),
        // A query that quotes hostile text back in its error message.
        case(
            "stats bad query",
            &[
                "stats",
                "--where",
                "claimant:\u{1b}]0;x\u{7}",
                "@hostile.ron",
            ],
            Pty,
            2,
        ),
        case(
            "timeline bad query",
            &["timeline", "--where", "stauts:\u{1b}[2J", "@hostile.ron"],
            Pipe,
            2,
        ),
        case("schema", &["schema"], Pipe, 0),
        case("schema", &["schema"], Pty, 0),
        case(
            "export invalid",
            &["export", "-f", "json", "@invalid.ron"],
            Pipe,
            2,
        ),
        case(
            "export damaged annotations",
            &[
                "export",
                "-f",
                "csv",
                "-a",
                "@damaged.annotations.ron",
                "@hostile.ron",
            ],
            Pipe,
            2,
        ),
        case(
            "export annotations of another dataset",
            &[
                "export",
                "-f",
                "json",
                "-a",
                "@other-dataset.annotations.ron",
                "@hostile.ron",
            ],
            Pty,
            2,
        ),
        case(
            "export bad status",
            &[
                "export",
                "-f",
                "json",
                "--status",
                "x\u{1b}]0;x\u{7}",
                "@hostile.ron",
            ],
            Pipe,
            2,
        ),
        with_config(case(
            "export claimreview, org from a hostile config",
            &["export", "-f", "claimreview", "-a", ann, "@hostile.ron"],
            Pipe,
            0,
        )),
        case("tui invalid dataset", &["@invalid.ron"], Pipe, 2),
        case("tui invalid dataset", &["@invalid.ron"], Pty, 2),
        with_config(case("tui bad config", &["@hostile.ron"], Pty, 2)),
        Case {
            input: "q\n",
            ..case(
                "tui damaged annotations",
                &["-a", "@damaged.annotations.ron", "@hostile.ron"],
                Pty,
                2,
            )
        },
    ];
    // Every export format: human-readable ones are clean even in a pipe; CSV
    // is verbatim data there (see `csv_in_a_pipe_is_verbatim_data`).
    for format in export_formats() {
        let args = [
            "export",
            "-f",
            format,
            "-a",
            ann,
            "--org",
            "Org",
            "@hostile.ron",
        ];
        if format != "csv" {
            v.push(case("export to a pipe", &args, Pipe, 0));
        }
        v.push(case("export to a terminal", &args, Pty, 0));
    }
    v
}

fn export_formats() -> Vec<&'static str> {
    vec![
        "json",
        "csv",
        "markdown",
        "claimreview",
        "claimreview-html",
        "html",
        "gexf",
        "graphml",
        "cytoscape",
    ]
}

/// Where a terminal-controlling byte is: ESC, BEL, or a C1 control in UTF-8.
fn hostile_byte(out: &[u8]) -> Option<usize> {
    out.iter().enumerate().position(|(i, &b)| {
        b == 0x1b || b == 0x07 || (b == 0xc2 && matches!(out.get(i + 1), Some(0x80..=0x9f)))
    })
}

struct Ran {
    code: i32,
    output: Vec<u8>,
}

fn home_for(c: &Case) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("temp home");
    let copies = home.path().join("fixtures");
    std::fs::create_dir_all(&copies).expect("fixtures dir");
    for entry in std::fs::read_dir(FIXTURES).expect("fixtures") {
        let path = entry.expect("entry").path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, copies.join(name)).expect("copy fixture");
        }
    }
    if c.hostile_config {
        let dir = home.path().join("config/claimtrack");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(dir.join("config.ron"), HOSTILE_CONFIG).expect("config");
    }
    home
}

fn envs(home: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("HOME", home.to_owned()),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ]
}

fn run_piped(c: &Case, home: &Path) -> Ran {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrack"));
    cmd.args(resolve(&c.args, home))
        .current_dir(home)
        .env("USER", "tester");
    cmd.envs(envs(home));
    let out = cmd
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run claimtrack");
    let mut output = out.stdout;
    output.extend(out.stderr);
    Ran {
        code: out.status.code().unwrap_or(-1),
        output,
    }
}

/// Runs the command in a pseudo-terminal and returns every byte it wrote.
fn run_in_pty(c: &Case, home: &Path) -> Ran {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_claimtrack"));
    cmd.args(resolve(&c.args, home));
    cmd.cwd(home);
    cmd.env("TERM", "xterm-256color");
    cmd.env("USER", "tester");
    for (k, v) in envs(home) {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn in pty");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let mut writer = pair.master.take_writer().expect("pty writer");
    if !c.input.is_empty() {
        writer.write_all(c.input.as_bytes()).expect("type");
        writer.flush().expect("flush");
    }
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        // Ends with EOF or EIO once the program (the only slave) has exited.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(all);
    });
    let status = child.wait().expect("wait");
    let output = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{}: no end of output", c.name));
    drop(writer);
    Ran {
        code: i32::try_from(status.exit_code()).unwrap_or(-1),
        output,
    }
}

fn show(out: &[u8]) -> String {
    String::from_utf8_lossy(out).escape_debug().to_string()
}

/// The loading progress line (shown only when a load takes a while, so on a
/// busy machine) starts with our own `\r ESC[2K` (erase the line); its text
/// is sanitised. That one sequence is ours, not the data's: drop it, and
/// only it, before looking for control bytes.
fn without_own_progress_lines(out: &[u8]) -> Vec<u8> {
    const ERASE: &[u8] = b"\r\x1b[2K";
    let mut kept = Vec::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        if out[i..].starts_with(ERASE) {
            kept.push(b'\r');
            i += ERASE.len();
        } else {
            kept.push(out[i]);
            i += 1;
        }
    }
    kept
}

#[test]
fn only_the_progress_lines_own_erase_is_forgiven() {
    let ours = without_own_progress_lines(b"\r\x1b[2Kloading 10%\r\x1b[2K");
    assert_eq!(hostile_byte(&ours), None);
    let theirs = without_own_progress_lines(b"\r\x1b[2Kx\x1b]0;pwned\x07");
    assert!(hostile_byte(&theirs).is_some());
}

#[test]
fn no_command_sends_escape_sequences_to_a_terminal() {
    let mut failures = Vec::new();
    for c in cases() {
        let home = home_for(&c);
        let ran = match c.via {
            Via::Pipe => run_piped(&c, home.path()),
            Via::Pty => run_in_pty(&c, home.path()),
        };
        let what = format!("{} ({:?}, {:?})", c.name, c.via, c.args);
        if ran.code != c.code {
            failures.push(format!(
                "{what}: exit {} (expected {}): {}",
                ran.code,
                c.code,
                show(&ran.output)
            ));
        }
        let output = without_own_progress_lines(&ran.output);
        if let Some(at) = hostile_byte(&output) {
            let from = at.saturating_sub(60);
            let to = (at + 60).min(output.len());
            failures.push(format!(
                "{what}: a control byte at {at}: …{}…",
                show(&output[from..to])
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The messages still say what is wrong, with the hostile parts visible.
#[test]
fn hostile_text_is_shown_as_pictures_not_dropped() {
    let c = case(
        "check bad references",
        &["check", "@invalid.ron"],
        Via::Pipe,
        2,
    );
    let home = home_for(&c);
    let out = String::from_utf8(run_piped(&c, home.path()).output).expect("utf-8");
    assert!(
        out.contains("claimant \"nobody␛]0;pwned-claimant␇\" is not an actor"),
        "{out}"
    );
}

/// CSV into a pipe or a file is data: lossless, the hostile bytes included.
#[test]
fn csv_in_a_pipe_is_verbatim_data() {
    let c = case(
        "export csv",
        &["export", "-f", "csv", "--no-annotations", "@hostile.ron"],
        Via::Pipe,
        0,
    );
    let home = home_for(&c);
    let out = run_piped(&c, home.path()).output;
    assert!(hostile_byte(&out).is_some(), "{}", show(&out));
}

/// Every subcommand `claimtrack --help` lists has at least one case above.
#[test]
fn every_subcommand_is_covered() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .arg("--help")
        .output()
        .expect("help");
    let help = String::from_utf8_lossy(&out.stdout);
    let listed: BTreeSet<String> = help
        .split("Commands:")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|name| name != "help")
        .collect();
    assert!(listed.contains("export"), "help lists no commands: {help}");
    let covered: BTreeSet<String> = cases()
        .iter()
        .filter_map(|c| c.name.split(' ').next().map(str::to_owned))
        .collect();
    let missing: Vec<&String> = listed.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "subcommands without a hostile-output case: {missing:?}"
    );
}

/// Every export format `--format` accepts is in `export_formats()`.
#[test]
fn every_export_format_is_covered() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .args(["export", "--format", "no-such-format"])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    let values = err
        .split("possible values: ")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .unwrap_or_default();
    let accepted: BTreeSet<&str> = values.split(", ").filter(|s| !s.is_empty()).collect();
    let covered: BTreeSet<&str> = export_formats().into_iter().collect();
    assert!(!accepted.is_empty(), "{err}");
    assert_eq!(accepted, covered);
}

/// Nothing in `src/` writes to stdout or stderr around `src/cli/output.rs`
/// (the sanitising choke point), except the terminal edge, which draws the
/// TUI with sanitised text, and `gen`, which streams generated data.
#[test]
fn all_printing_goes_through_the_sanitiser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed = [
        "cli/output.rs",
        "cli/gen.rs",
        "term/",
        "model/store/tests.rs",
    ];
    let mut offenders = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            if !rel.ends_with(".rs") || allowed.iter().any(|a| rel.starts_with(a)) {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                let prints = ["println!", "print!(", "eprint!(", "eprintln!", "dbg!("]
                    .iter()
                    .any(|m| code.contains(m));
                let raw_stream = ["stdout()", "stderr()"].iter().any(|s| {
                    code.match_indices(s)
                        .any(|(i, _)| !code[i + s.len()..].starts_with(".is_terminal()"))
                });
                if prints || raw_stream {
                    offenders.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "print through claimtrack::cli::output (print_stdout, print_data, eprint_line):\n{}",
        offenders.join("\n")
    );
}
