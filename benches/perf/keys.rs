//! Budget 1 as users feel it: the real release binary in a 200×50
//! pseudo-terminal, a scripted run of keys, each timed from writing the key
//! until the terminal output it triggers goes quiet.
//!
//! The dataset is the one the issue was measured on: `claimtrack gen
//! --articles N/100 --claims N --seed 7`. Each run is a fresh process, so
//! the first `/` right after opening (the search index may still be
//! building) is part of every run.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use claimtrack::model::generate::{Spec, generate, write_ron};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Output that stops for this long has gone quiet (the frame is complete).
const QUIET: Duration = Duration::from_millis(60);
/// A key with no output at all within this long is counted as lost.
const NO_OUTPUT: Duration = Duration::from_secs(30);
/// Waiting for the first frame (the load of a large dataset included).
const START: Duration = Duration::from_secs(120);

/// One key of the script: the bytes a terminal sends, and a name by kind.
struct Key {
    bytes: &'static [u8],
    kind: &'static str,
}

const fn key(bytes: &'static [u8], kind: &'static str) -> Key {
    Key { bytes, kind }
}

/// Typing a query, Backspace, moving, paging, focus, a filter, a sort, a
/// status; ends where it began (filters cleared) so runs can repeat.
fn script() -> Vec<Key> {
    let mut s = vec![key(b"/", "open search")];
    for b in b"troops said".chunks(1) {
        s.push(Key {
            bytes: leak(b),
            kind: "search keystroke",
        });
    }
    s.extend([
        key(b"\x7f", "search Backspace"),
        key(b"\x7f", "search Backspace"),
        key(b"d", "search keystroke"),
        key(b"\r", "accept search"),
        key(b"j", "j/k"),
        key(b"k", "j/k"),
        key(b"j", "j/k"),
        key(b"k", "j/k"),
        key(b"\x1b[6~", "PgDn"),
        key(b"G", "G/g"),
        key(b"g", "G/g"),
        key(b"\t", "Tab"),
        key(b"\x1b[Z", "Tab"),
        key(b"x", "clear filters"),
        key(b"f", "filter"),
        key(b"1", "filter"),
        key(b"s", "sort"),
        key(b"j", "j/k"),
        key(b"3", "status key"),
        key(b"s", "sort"),
        key(b"s", "sort"),
        key(b"s", "sort"),
        key(b"x", "clear filters"),
        key(b"\x1b[6~", "PgDn"),
        key(b"j", "j/k"),
        key(b"k", "j/k"),
    ]);
    s
}

fn leak(b: &[u8]) -> &'static [u8] {
    Box::leak(b.to_vec().into_boxed_slice())
}

/// The issue's dataset at `claims` claims, written once per size.
pub fn fixture(dir: &Path, claims: usize) -> PathBuf {
    let path = dir.join(format!("keys-{claims}.ron"));
    if !path.exists() {
        let ds = generate(&Spec {
            articles: (claims / 100).max(1),
            claims,
            seed: 7,
        });
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        write_ron(&ds, "perf keys fixture", &mut out).expect("write dataset");
        out.flush().expect("flush");
    }
    path
}

/// Latencies of every key of every run, with the kind of each key.
#[derive(Clone, Default)]
pub struct Runs {
    /// From the key until the screen settles (the last output before quiet).
    pub settled: Vec<(&'static str, Duration)>,
    /// From the key to the first frame it triggers (its first output).
    pub first: Vec<(&'static str, Duration)>,
}

/// `None` when the binary could not be driven (reported as a failed row).
pub fn run(dataset: &Path, runs: usize) -> Option<Runs> {
    let home = tempfile::tempdir().ok()?;
    let mut all = Runs::default();
    for _ in 0..runs {
        let one = one_run(dataset, home.path())?;
        all.settled.extend(one.settled);
        all.first.extend(one.first);
    }
    Some(all)
}

fn one_run(dataset: &Path, home: &Path) -> Option<Runs> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .ok()?;
    let bin = env!("CARGO_BIN_EXE_claimtrack");
    let mut cmd = match std::env::var_os("PERF_KEYS_PROFILE") {
        // PERF_KEYS_PROFILE=out.data: record a profile of the binary.
        Some(out) => {
            let mut c = CommandBuilder::new("perf");
            c.args(["record", "-F", "2000", "--call-graph", "dwarf,16384", "-o"]);
            c.arg(out);
            c.args(["--", bin]);
            c
        }
        None => CommandBuilder::new(bin),
    };
    cmd.arg(dataset);
    cmd.cwd(home);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    cmd.env("USER", "perf");
    let mut child = pair.slave.spawn_command(cmd).ok()?;
    drop(pair.slave);
    let mut writer = pair.master.take_writer().ok()?;
    let mut reader = pair.master.try_clone_reader().ok()?;
    // Output chunks, stamped as they arrive.
    let (tx, rx) = channel::<(Instant, Vec<u8>)>();
    let reading = std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(50.try_into().ok()?, 200.try_into().ok()?, 0);
    let result = (|| {
        // The first frame (the claims pane's title), then quiet.
        let start = Instant::now();
        while !parser.screen().contents().contains("Claims ") {
            let Ok((_, bytes)) = rx.recv_timeout(START.saturating_sub(start.elapsed())) else {
                eprintln!("no first frame: {}", parser.screen().contents());
                return None;
            };
            parser.process(&bytes);
        }
        settle(&rx, &mut parser);
        let mut times = Runs::default();
        for k in script() {
            writer.write_all(k.bytes).ok()?;
            writer.flush().ok()?;
            let sent = Instant::now();
            let Some(t) = until_quiet(&rx, &mut parser, sent) else {
                eprintln!(
                    "no output after {:?}: {}",
                    k.bytes,
                    parser.screen().contents()
                );
                return None;
            };
            if std::env::var_os("PERF_KEYS_DEBUG").is_some() {
                eprintln!("pty {:?}: first {:?}, settled {:?}", k.bytes, t.0, t.1);
            }
            times.first.push((k.kind, t.0));
            times.settled.push((k.kind, t.1));
        }
        Some(times)
    })();
    // Quit as a user does (a killed process leaves a journal to recover,
    // whose notice would change the next run's first frame).
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline && matches!(child.try_wait(), Ok(None)) {
        let _ = rx.recv_timeout(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    drop(pair.master);
    drop(rx);
    let _ = reading.join();
    result
}

/// Reads until the output has been quiet for `QUIET`.
fn settle(rx: &Receiver<(Instant, Vec<u8>)>, parser: &mut vt100::Parser) {
    while let Ok((_, bytes)) = rx.recv_timeout(QUIET) {
        parser.process(&bytes);
    }
}

/// From `sent` to the first output chunk, and to the last one before the
/// output went quiet.
fn until_quiet(
    rx: &Receiver<(Instant, Vec<u8>)>,
    parser: &mut vt100::Parser,
    sent: Instant,
) -> Option<(Duration, Duration)> {
    // The idle redraw of the loop's once-a-second tick writes only a
    // cursor-hide sequence: not what the key triggered.
    let idle = |b: &[u8]| b.chunks(6).all(|c| c == b"\x1b[?25l");
    let deadline = Instant::now() + NO_OUTPUT;
    let mut last = loop {
        let (at, bytes) = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .ok()?;
        parser.process(&bytes);
        if !idle(&bytes) {
            break at;
        }
    };
    let first = last;
    loop {
        match rx.recv_timeout(QUIET) {
            Ok((at, bytes)) => {
                parser.process(&bytes);
                if !idle(&bytes) {
                    last = at;
                }
            }
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    Some((
        first.saturating_duration_since(sent),
        last.saturating_duration_since(sent),
    ))
}

/// The `q`-quantile of `v` (sorted here), nearest rank.
pub fn quantile(v: &mut [Duration], q: f64) -> Duration {
    v.sort();
    if v.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((v.len() as f64 * q).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}
