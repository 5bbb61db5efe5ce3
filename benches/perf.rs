//! Performance budgets at 1k, 10k and 100k claims, reported as ratios
//! measured in one run (absolute times depend on the machine; ratios much
//! less so).
//!
//!     cargo bench --bench perf                   # full run, a few minutes
//!     PERF_QUICK=1 cargo bench --bench perf      # smoke run for CI: 1k and 10k, fewer repeats
//!
//! Prints a Markdown table. Each row is a function in `ROWS`; rows whose
//! function is `None` are measured elsewhere (the TUI) and left as slots.
//! Peak memory is measured in a child process (this binary, re-run with
//! `PERF_CHILD` set) so that the parent's own allocations do not count.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "perf/keys.rs"]
mod keys;

use claimtrack::model::cache::{CacheOutcome, Opened, load_path_cached, open_cached};
use claimtrack::model::generate::{Spec, generate, write_ron};
use claimtrack::model::{
    Dataset, load_path, load_path_with_progress, parse_str, validate::validate,
};

/// A generated dataset on disk, and its text in memory.
struct Fixture {
    claims: usize,
    path: PathBuf,
    text: String,
    cache_dir: PathBuf,
    /// The largest fixture gets the expensive rows (peak memory).
    largest: bool,
}

struct Opts {
    quick: bool,
}

impl Opts {
    /// Repeats per measurement: more for small inputs, whose times are noisier.
    fn runs(&self, f: &Fixture) -> usize {
        match (self.quick, f.claims) {
            (true, _) => 3,
            (false, n) if n <= 1_000 => 21,
            (false, n) if n <= 10_000 => 9,
            _ => 5,
        }
    }
}

/// One line of the table.
struct Measured {
    value: String,
    reference: String,
    ratio: f64,
}

type RowFn = fn(&Fixture, &Opts) -> Option<Measured>;

struct Row {
    id: &'static str,
    what: &'static str,
    /// The ratio must be at most this; `None` for information only.
    budget: Option<f64>,
    /// `None`: a slot for a row measured by the TUI's own benchmark.
    run: Option<RowFn>,
    largest_only: bool,
}

/// The table, in order.
const ROWS: &[Row] = &[
    Row {
        id: "1",
        what: "load (parse + validate + index) / bare RON parse",
        budget: Some(1.3),
        run: Some(load_vs_parse),
        largest_only: false,
    },
    Row {
        id: "1b",
        what: "validate + index alone / bare RON parse",
        budget: None,
        run: Some(validate_vs_parse),
        largest_only: false,
    },
    Row {
        id: "2",
        what: "cached re-open (read + hash + decode) / bare RON parse",
        budget: Some(0.1),
        run: Some(cached_vs_parse),
        largest_only: false,
    },
    Row {
        id: "2c",
        what: "cached re-open trusting unchanged stat data (content hashed after; the TUI) / bare RON parse",
        budget: Some(0.1),
        run: Some(stat_cached_vs_parse),
        largest_only: false,
    },
    Row {
        id: "2b",
        what: "cached re-open CPU time, all threads / bare RON parse CPU time",
        budget: None,
        run: Some(cached_cpu_vs_parse),
        largest_only: false,
    },
    Row {
        id: "3",
        what: "frame render of the main screen (200×50) / the same at 1k claims",
        budget: Some(1.2),
        run: Some(frame_vs_1k),
        largest_only: false,
    },
    Row {
        id: "3b",
        what: "frame render of the main screen (200×50) / 2 ms",
        budget: Some(1.0),
        run: Some(frame_vs_2ms),
        largest_only: false,
    },
    Row {
        id: "4",
        what: "one search keystroke (worst of a typed query) / 16 ms",
        budget: Some(1.0),
        run: Some(search_keystroke),
        largest_only: false,
    },
    Row {
        id: "4b",
        what: "building the search index (in the background from start-up) / bare RON parse",
        budget: None,
        run: Some(search_index_build),
        largest_only: false,
    },
    Row {
        id: "5",
        what: "process start to first frame, bundled dataset (real binary, pty) / 50 ms",
        budget: Some(1.0),
        run: Some(startup_first_frame),
        largest_only: true,
    },
    Row {
        id: "5b",
        what: "process start to first frame, from a warm cache (real binary, pty) / 500 ms",
        budget: Some(1.0),
        run: Some(warm_first_frame),
        largest_only: false,
    },
    Row {
        id: "6",
        what: "peak RSS of a load (`load_path_with_progress`) above baseline / file size",
        budget: Some(2.0),
        run: Some(peak_rss_lean),
        largest_only: true,
    },
    Row {
        id: "6b",
        what: "peak RSS of `load_path` (what `check` uses) / file size",
        budget: None,
        run: Some(peak_rss_plain),
        largest_only: true,
    },
    Row {
        id: "6c",
        what: "peak RSS of a first cached load (miss: load + write cache) / file size",
        budget: None,
        run: Some(peak_rss_miss),
        largest_only: true,
    },
    Row {
        id: "6d",
        what: "peak RSS of a cached re-open (hit) / file size",
        budget: None,
        run: Some(peak_rss_hit),
        largest_only: true,
    },
    Row {
        id: "6e",
        what: "peak RSS of the TUI (real binary, pty, warm cache) at its first frame; then with the search index / file size",
        budget: Some(2.0),
        run: Some(peak_rss_tui),
        largest_only: true,
    },
    Row {
        id: "8",
        what: "keystroke to screen, real binary in a pty (200×50), p99 of a scripted run / 16 ms",
        budget: Some(1.0),
        run: Some(keys_p99),
        largest_only: false,
    },
    Row {
        id: "8b",
        what: "keystroke to screen p99 / the same at 1k claims",
        budget: Some(2.0),
        run: Some(keys_vs_1k),
        largest_only: false,
    },
    Row {
        id: "8c",
        what: "search keystrokes to screen (typing `troops said`, Backspace), worst / 16 ms",
        budget: None,
        run: Some(keys_search),
        largest_only: false,
    },
    Row {
        id: "8d",
        what: "the same script in-process: slowest update and slowest draw (TestBackend) / 16 ms",
        budget: None,
        run: Some(keys_in_process),
        largest_only: false,
    },
    Row {
        id: "8e",
        what: "keystroke to its first frame (a search shows its first screenful, the count follows), p99 / 16 ms",
        budget: None,
        run: Some(keys_first_frame),
        largest_only: false,
    },
    Row {
        id: "9",
        what: "JSON export, 2 history entries per claim / CSV export of the same",
        budget: Some(2.0),
        run: Some(json_vs_csv),
        largest_only: false,
    },
    Row {
        id: "10",
        what: "one status on 10,000 marked claims (TUI, real store: one journal record) / 100 ms",
        budget: Some(1.0),
        run: Some(bulk_status),
        largest_only: true,
    },
    Row {
        id: "7",
        what: "durable annotation change, 100k annotations present, p99 / 10 ms",
        budget: Some(1.0),
        run: Some(durable_change),
        largest_only: true,
    },
];

const CHILD_ENV: &str = "PERF_CHILD";

fn main() {
    if let Ok(mode) = std::env::var(CHILD_ENV) {
        child(&mode);
        return;
    }
    let opts = Opts {
        quick: std::env::var_os("PERF_QUICK").is_some_and(|v| !v.is_empty() && v != "0"),
    };
    let default_sizes: &[usize] = if opts.quick {
        &[1_000, 10_000]
    } else {
        &[1_000, 10_000, 100_000]
    };
    // PERF_SIZES=100000 and PERF_ROWS=3,4 re-measure just those.
    let list = |var: &str| -> Option<Vec<String>> {
        std::env::var(var)
            .ok()
            .filter(|v| !v.is_empty())
            .map(|v| v.split(',').map(|x| x.trim().to_owned()).collect())
    };
    let sizes: Vec<usize> = list("PERF_SIZES")
        .map(|v| v.iter().filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| default_sizes.to_vec());
    let only_rows = list("PERF_ROWS");
    let tmp = tempfile::tempdir().expect("temporary directory");
    eprintln!("generating datasets in {} ...", tmp.path().display());
    let fixtures: Vec<Fixture> = sizes
        .iter()
        .map(|&n| fixture(tmp.path(), n, n == *sizes.last().unwrap_or(&n)))
        .collect();

    println!("{}\n", machine());
    println!("| size | file | # | measurement | value | reference | ratio | budget | |");
    println!("|---:|---:|---|---|---:|---:|---:|---:|---|");
    for f in &fixtures {
        for row in ROWS {
            if row.largest_only && !f.largest {
                continue;
            }
            if only_rows
                .as_ref()
                .is_some_and(|ids| !ids.iter().any(|id| id == row.id))
            {
                continue;
            }
            let budget = row.budget.map_or("—".into(), |b| format!("≤ {b}×"));
            let Some(run) = row.run else {
                if f.largest {
                    println!(
                        "| {} | | {} | {} | *(not measured here)* | | | {budget} | |",
                        claims_label(f.claims),
                        row.id,
                        row.what
                    );
                }
                continue;
            };
            eprintln!("{} claims: row {} ...", f.claims, row.id);
            match run(f, &opts) {
                Some(m) => {
                    let verdict = match row.budget {
                        Some(b) if m.ratio <= b => "ok",
                        Some(_) => "**MISSED**",
                        None => "",
                    };
                    println!(
                        "| {} | {} | {} | {} | {} | {} | {:.3}× | {budget} | {verdict} |",
                        claims_label(f.claims),
                        megabytes(f.text.len() as u64),
                        row.id,
                        row.what,
                        m.value,
                        m.reference,
                        m.ratio
                    );
                }
                None => println!(
                    "| {} | | {} | {} | *(failed)* | | | {budget} | **MISSED** |",
                    claims_label(f.claims),
                    row.id,
                    row.what
                ),
            }
        }
    }
}

fn fixture(dir: &Path, claims: usize, largest: bool) -> Fixture {
    let spec = Spec {
        articles: (claims / 10).max(1),
        claims,
        seed: 1,
    };
    let path = dir.join(format!("gen-{claims}.ron"));
    let ds = generate(&spec);
    let file = std::fs::File::create(&path).expect("create dataset file");
    let mut out = BufWriter::new(file);
    write_ron(&ds, "perf fixture", &mut out).expect("write dataset");
    out.flush().expect("flush dataset");
    drop(ds);
    let text = std::fs::read_to_string(&path).expect("read dataset back");
    Fixture {
        claims,
        path,
        text,
        cache_dir: dir.join(format!("cache-{claims}")),
        largest,
    }
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

fn bare_parse(text: &str) -> Dataset {
    ron::Options::default()
        .from_str::<Dataset>(text)
        .expect("generated dataset parses")
}

/// Medians of `a` and `b`, run alternately so that drifting machine load
/// affects both alike. Results are dropped outside the timed region.
fn paired<A, B>(
    runs: usize,
    mut a: impl FnMut() -> A,
    mut b: impl FnMut() -> B,
) -> (Duration, Duration) {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    // One warm-up of each: page cache, allocator.
    drop(black_box(a()));
    drop(black_box(b()));
    for _ in 0..runs {
        let t = Instant::now();
        let r = black_box(a());
        ta.push(t.elapsed());
        drop(r);
        let t = Instant::now();
        let r = black_box(b());
        tb.push(t.elapsed());
        drop(r);
    }
    (median(ta), median(tb))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-12)
}

fn load_vs_parse(f: &Fixture, o: &Opts) -> Option<Measured> {
    let (load, parse) = paired(
        o.runs(f),
        || parse_str(&f.text).expect("generated dataset is valid"),
        || bare_parse(&f.text),
    );
    Some(Measured {
        value: ms(load),
        reference: ms(parse),
        ratio: ratio(load, parse),
    })
}

fn validate_vs_parse(f: &Fixture, o: &Opts) -> Option<Measured> {
    let ds = bare_parse(&f.text);
    let (validate, parse) = paired(o.runs(f), || validate(&ds), || bare_parse(&f.text));
    Some(Measured {
        value: ms(validate),
        reference: ms(parse),
        ratio: ratio(validate, parse),
    })
}

fn cached_vs_parse(f: &Fixture, o: &Opts) -> Option<Measured> {
    let (_, first) = load_path_cached(&f.path, Some(&f.cache_dir)).ok()?;
    if first == CacheOutcome::Disabled {
        eprintln!("the cache is disabled (CLAIMTRACK_NO_CACHE?)");
        return None;
    }
    let mut all_hits = true;
    let (cached, parse) = paired(
        o.runs(f),
        || {
            let r = load_path_cached(&f.path, Some(&f.cache_dir)).expect("loads");
            all_hits &= r.1 == CacheOutcome::Hit;
            r
        },
        || bare_parse(&f.text),
    );
    if !all_hits {
        eprintln!("a cached re-open was not a hit");
        return None;
    }
    Some(Measured {
        value: ms(cached),
        reference: ms(parse),
        ratio: ratio(cached, parse),
    })
}

/// Waits for the background content check when dropped, outside the timing,
/// so that it does not run into the next measurement.
struct Verified(Opened);

impl Drop for Verified {
    fn drop(&mut self) {
        if let Some(v) = self.0.verification.take() {
            assert!(v.unchanged(), "the dataset changed under the benchmark");
        }
    }
}

fn stat_cached_vs_parse(f: &Fixture, o: &Opts) -> Option<Measured> {
    load_path_cached(&f.path, Some(&f.cache_dir)).ok()?;
    let mut all_trusted = true;
    let (cached, parse) = paired(
        o.runs(f),
        || {
            let r = open_cached(&f.path, Some(&f.cache_dir), &mut |_| {}).expect("loads");
            all_trusted &= r.outcome == CacheOutcome::Hit && r.verification.is_some();
            Verified(r)
        },
        || bare_parse(&f.text),
    );
    if !all_trusted {
        eprintln!("a re-open did not trust the stat data (racy, or not a hit)");
        return None;
    }
    Some(Measured {
        value: ms(cached),
        reference: ms(parse),
        ratio: ratio(cached, parse),
    })
}

fn peak_rss_lean(f: &Fixture, _: &Opts) -> Option<Measured> {
    peak_rss(f, "lean")
}

fn peak_rss_plain(f: &Fixture, _: &Opts) -> Option<Measured> {
    peak_rss(f, "plain")
}

fn peak_rss_miss(f: &Fixture, _: &Opts) -> Option<Measured> {
    peak_rss(f, "miss")
}

fn peak_rss_hit(f: &Fixture, _: &Opts) -> Option<Measured> {
    // Make sure a cache exists (row 2 may not have run for this size).
    load_path_cached(&f.path, Some(&f.cache_dir)).ok()?;
    peak_rss(f, "hit")
}

/// CPU time of this process (all threads, finished ones included), from
/// /proc in clock ticks of 10 ms: sum it over many runs.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<u64> = rest
        .split_whitespace()
        .map(|w| w.parse().unwrap_or(0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn cached_cpu_vs_parse(f: &Fixture, o: &Opts) -> Option<Measured> {
    load_path_cached(&f.path, Some(&f.cache_dir)).ok()?;
    // Enough runs for the 10 ms ticks to average out.
    let runs = if o.quick {
        10
    } else {
        (o.runs(f) * 4).max(2_000_000 / f.claims.max(1)).min(200)
    };
    let (mut cached, mut parse) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..runs {
        let t = cpu_time();
        let r = black_box(load_path_cached(&f.path, Some(&f.cache_dir)).ok()?);
        cached += cpu_time().saturating_sub(t);
        drop(r);
        let t = cpu_time();
        let r = black_box(bare_parse(&f.text));
        parse += cpu_time().saturating_sub(t);
        drop(r);
    }
    let per = |d: Duration| d / u32::try_from(runs).unwrap_or(1);
    Some(Measured {
        value: ms(per(cached)),
        reference: ms(per(parse)),
        ratio: ratio(cached, parse),
    })
}

/// Peak resident memory of a child that performs one load, minus the
/// child's peak before loading, as a multiple of the file size.
fn peak_rss(f: &Fixture, mode: &str) -> Option<Measured> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .env(CHILD_ENV, mode)
        .env("PERF_FILE", &f.path)
        .env("PERF_CACHE", &f.cache_dir)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut nums = text
        .split_whitespace()
        .filter_map(|w| w.parse::<u64>().ok());
    let (base_kb, peak_kb) = (nums.next()?, nums.next()?);
    let size = f.text.len() as f64;
    let above = (peak_kb.saturating_sub(base_kb) * 1024) as f64;
    Some(Measured {
        value: format!(
            "{} above a {} baseline (raw peak {}, {:.2}× file)",
            megabytes(peak_kb.saturating_sub(base_kb) * 1024),
            megabytes(base_kb * 1024),
            megabytes(peak_kb * 1024),
            (peak_kb * 1024) as f64 / size
        ),
        reference: format!("file {}", megabytes(f.text.len() as u64)),
        ratio: above / size,
    })
}

/// In the child: print the peak RSS before and after one load.
fn child(mode: &str) {
    let path = PathBuf::from(std::env::var_os("PERF_FILE").unwrap_or_default());
    let cache = PathBuf::from(std::env::var_os("PERF_CACHE").unwrap_or_default());
    let before = vm_hwm_kb();
    match mode {
        "lean" => {
            let loaded = load_path_with_progress(&path, &mut |_| {}).expect("loads");
            black_box(&loaded);
        }
        "plain" => {
            let loaded = load_path(&path).expect("loads");
            black_box(&loaded);
        }
        "miss" => {
            let empty = cache.join("empty");
            let (loaded, outcome) = load_path_cached(&path, Some(&empty)).expect("loads");
            assert_eq!(outcome, CacheOutcome::Miss);
            black_box(&loaded);
            let _ = std::fs::remove_dir_all(&empty);
        }
        "hit" => {
            let (loaded, outcome) = load_path_cached(&path, Some(&cache)).expect("loads");
            assert_eq!(outcome, CacheOutcome::Hit);
            black_box(&loaded);
        }
        _ => {}
    }
    println!("{} {}", before, vm_hwm_kb());
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn claims_label(n: usize) -> String {
    if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU".to_owned(), |s| s.trim().to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| {
                    l.split_whitespace()
                        .nth(1)
                        .and_then(|n| n.parse::<u64>().ok())
                })
        })
        .map_or("? GB".into(), |kb| format!("{:.0} GB", kb as f64 / 1e6));
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!(
        "Machine: {cpu}, {cores} cores available, {mem} RAM, Linux {}, {rustc}, release profile.",
        kernel.trim()
    )
}

// ---------------------------------------------------------------------------
// TUI rows
// ---------------------------------------------------------------------------

/// The app on a loaded dataset, with annotations in memory, at 200×50.
fn app(loaded: claimtrack::model::Loaded) -> claimtrack::app::AppState {
    use claimtrack::app::Action;
    use claimtrack::app::action::InputKey;
    let backend = claimtrack::app::MemoryBackend::new(&loaded.dataset.id, "bench");
    let area = ratatui::layout::Rect::new(0, 0, 200, 50);
    let mut state = claimtrack::app::AppState::new(loaded, Box::new(backend), area);
    // Wait for the search index (built in the background for large datasets)
    // so that its thread does not compete with what is measured.
    state.update(Action::SearchStart);
    state.update(Action::SearchInput(InputKey::Char('a')));
    while state.busy() {
        std::thread::sleep(Duration::from_millis(5));
        state.update(Action::Poll);
    }
    state.update(Action::Back);
    state
}

/// Median times to draw one frame of each state, frames of the two drawn
/// alternately (so drifting machine load affects both alike), moving the
/// selection between frames as a user would (only drawing is timed).
fn frame_times(states: &mut [claimtrack::app::AppState], frames: usize) -> Vec<Duration> {
    use claimtrack::app::Action;
    let theme = claimtrack::ui::Theme::dark();
    let mut terms: Vec<_> = states
        .iter()
        .map(|_| {
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50)).expect("terminal")
        })
        .collect();
    let mut times = vec![Vec::with_capacity(frames); states.len()];
    for i in 0..frames + 10 {
        for (k, state) in states.iter_mut().enumerate() {
            state.update(if (i / 7) % 2 == 0 {
                Action::Down
            } else {
                Action::Up
            });
            let t = Instant::now();
            terms[k]
                .draw(|f| claimtrack::ui::draw(f, state, &theme))
                .expect("draw");
            if i >= 10 {
                times[k].push(t.elapsed());
            }
        }
    }
    times.into_iter().map(median).collect()
}

fn reference_1k() -> claimtrack::model::Loaded {
    let ds = generate(&Spec {
        articles: 100,
        claims: 1_000,
        seed: 1,
    });
    let mut text = Vec::new();
    write_ron(&ds, "perf fixture", &mut text).expect("write");
    parse_str(&String::from_utf8(text).expect("utf8")).expect("valid")
}

fn frames(o: &Opts) -> usize {
    if o.quick { 100 } else { 400 }
}

fn frame_vs_1k(f: &Fixture, o: &Opts) -> Option<Measured> {
    let mut states = [app(parse_str(&f.text).ok()?), app(reference_1k())];
    let t = frame_times(&mut states, frames(o));
    Some(Measured {
        value: ms(t[0]),
        reference: format!("{} at 1k", ms(t[1])),
        ratio: ratio(t[0], t[1]),
    })
}

fn frame_vs_2ms(f: &Fixture, o: &Opts) -> Option<Measured> {
    let t = frame_times(&mut [app(parse_str(&f.text).ok()?)], frames(o))[0];
    let budget = Duration::from_millis(2);
    Some(Measured {
        value: ms(t),
        reference: ms(budget),
        ratio: ratio(t, budget),
    })
}

/// Types a query letter by letter into the search box; the worst keystroke
/// counts (the first is the most expensive: it scans every claim).
fn search_keystroke(f: &Fixture, _: &Opts) -> Option<Measured> {
    use claimtrack::app::Action;
    use claimtrack::app::action::InputKey;
    let loaded = parse_str(&f.text).ok()?;
    // A word that occurs in the data, so the query narrows to real matches.
    let word: String = loaded
        .dataset
        .claims
        .first()?
        .text
        .split_whitespace()
        .find(|w| w.chars().count() >= 6)?
        .chars()
        .take(6)
        .collect();
    let query = format!("{word} x");
    let mut state = app(loaded);
    state.update(Action::SearchStart);
    state.update(Action::SearchInput(InputKey::Char('a')));
    state.update(Action::SearchInput(InputKey::Clear));
    let mut times = Vec::new();
    for _ in 0..3 {
        for c in query.chars() {
            let t = Instant::now();
            state.update(Action::SearchInput(InputKey::Char(c)));
            times.push(t.elapsed());
        }
        for _ in query.chars() {
            let t = Instant::now();
            state.update(Action::SearchInput(InputKey::Backspace));
            times.push(t.elapsed());
        }
    }
    let worst = times.iter().copied().max()?;
    let budget = Duration::from_millis(16);
    Some(Measured {
        value: format!("{} worst, {} median", ms(worst), ms(median(times))),
        reference: ms(budget),
        ratio: ratio(worst, budget),
    })
}

fn search_index_build(f: &Fixture, o: &Opts) -> Option<Measured> {
    let loaded = parse_str(&f.text).ok()?;
    let (build, parse) = paired(
        o.runs(f).min(5),
        || claimtrack::model::search::SearchIndex::build_here(&loaded),
        || bare_parse(&f.text),
    );
    Some(Measured {
        value: ms(build),
        reference: ms(parse),
        ratio: ratio(build, parse),
    })
}

/// The real release binary in a pseudo-terminal: from spawning the process to
/// the first complete frame on screen (the status line is drawn last).
fn startup_first_frame(_: &Fixture, o: &Opts) -> Option<Measured> {
    let home = tempfile::tempdir().ok()?;
    let runs = if o.quick { 5 } else { 15 };
    let t = first_frame(home.path(), None, runs)?;
    let budget = Duration::from_millis(50);
    Some(Measured {
        value: ms(t),
        reference: ms(budget),
        ratio: ratio(t, budget),
    })
}

/// The fixture opened by the real binary whose cache is warm (written by
/// an earlier load, well after the file: its stat data is trusted).
fn warm_first_frame(f: &Fixture, o: &Opts) -> Option<Measured> {
    let home = tempfile::tempdir().ok()?;
    // Where the binary looks: $XDG_CACHE_HOME/claimtrack.
    let dir = home.path().join("cache").join("claimtrack");
    let (_, outcome) = load_path_cached(&f.path, Some(&dir)).ok()?;
    if outcome == CacheOutcome::Disabled {
        eprintln!("the cache is disabled (CLAIMTRACK_NO_CACHE?)");
        return None;
    }
    let runs = if o.quick { 3 } else { 7 };
    let t = first_frame(home.path(), Some(&f.path), runs)?;
    let budget = Duration::from_millis(500);
    Some(Measured {
        value: ms(t),
        reference: ms(budget),
        ratio: ratio(t, budget),
    })
}

/// The TUI's own peak memory, read from /proc while it runs on the
/// fixture (cache warm): at its first frame, and once a search has its
/// index (the search box counts its matches instead of saying
/// "indexing for search…").
fn peak_rss_tui(f: &Fixture, _: &Opts) -> Option<Measured> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    let home = tempfile::tempdir().ok()?;
    let dir = home.path().join("cache").join("claimtrack");
    load_path_cached(&f.path, Some(&dir)).ok()?;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .ok()?;
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_claimtrack"));
    cmd.arg(&f.path);
    cmd.env("TERM", "xterm-256color");
    for (k, sub) in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ] {
        cmd.env(k, home.path().join(sub));
    }
    cmd.env("HOME", home.path());
    let mut reader = pair.master.try_clone_reader().ok()?;
    let mut writer = pair.master.take_writer().ok()?;
    let mut child = pair.slave.spawn_command(cmd).ok()?;
    let pid = child.process_id()?;
    let hwm = || {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()?
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse::<u64>()
            .ok()
    };
    let mut parser = vt100::Parser::new(50.try_into().ok()?, 200.try_into().ok()?, 0);
    let mut buf = vec![0u8; 1 << 16];
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut wait_for = |parser: &mut vt100::Parser, done: &dyn Fn(&str) -> bool| {
        while Instant::now() < deadline {
            let n = reader.read(&mut buf).ok()?;
            if n == 0 {
                return None;
            }
            parser.process(&buf[..n]);
            if done(&parser.screen().contents()) {
                return Some(());
            }
        }
        None
    };
    let first = wait_for(&mut parser, &|s| s.contains("shown")).and_then(|()| hwm());
    // A search: once its index is there, the box shows the matches.
    let indexed = first.and_then(|_| {
        writer.write_all(b"/e").ok()?;
        writer.flush().ok()?;
        wait_for(&mut parser, &|s| {
            s.contains(" matches · ") || s.contains(" 1 match · ")
        })
        .and_then(|()| hwm())
    });
    let _ = child.kill();
    let _ = child.wait();
    let (first, indexed) = (first?, indexed?);
    let size = f.text.len() as f64;
    Some(Measured {
        value: format!(
            "{} at the first frame ({:.2}×), {} with the search index",
            megabytes(first * 1024),
            (first * 1024) as f64 / size,
            megabytes(indexed * 1024),
        ),
        reference: format!("file {}", megabytes(f.text.len() as u64)),
        ratio: (indexed * 1024) as f64 / size,
    })
}

/// Median time from spawning the binary (on `dataset`, else the bundled
/// one) in a 200×50 pty to its first complete frame on screen (the status
/// line is drawn last).
fn first_frame(home: &Path, dataset: Option<&Path>, runs: usize) -> Option<Duration> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let bin = env!("CARGO_BIN_EXE_claimtrack");
    let mut times = Vec::new();
    for _ in 0..runs {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 50,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .ok()?;
        let mut cmd = CommandBuilder::new(bin);
        if let Some(d) = dataset {
            cmd.arg(d);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        cmd.env("HOME", home);
        let mut reader = pair.master.try_clone_reader().ok()?;
        let start = Instant::now();
        let mut child = pair.slave.spawn_command(cmd).ok()?;
        let mut parser = vt100::Parser::new(50.try_into().ok()?, 200.try_into().ok()?, 0);
        let mut buf = [0u8; 65536];
        let mut elapsed = None;
        while start.elapsed() < Duration::from_secs(10) {
            let n = reader.read(&mut buf).ok()?;
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            if parser.screen().contents().contains("shown") {
                elapsed = Some(start.elapsed());
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        times.push(elapsed?);
    }
    Some(median(times))
}

/// p99 of single durable status changes through the real store, with an
/// annotation for each of the fixture's claims already on disk.
fn durable_change(f: &Fixture, o: &Opts) -> Option<Measured> {
    use claimtrack::model::store::{AnnotationStore, to_ron};
    use claimtrack::model::{AnnotationSet, Edit, Status};
    let loaded = parse_str(&f.text).ok()?;
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("bench.annotations.ron");
    let mut set = AnnotationSet::new(&loaded.dataset.id);
    let at = jiff::Timestamp::UNIX_EPOCH;
    for c in &loaded.dataset.claims {
        set.apply(&c.id, &Edit::Status(Status::InProgress), "bench", at);
    }
    std::fs::write(&path, to_ron(&set).ok()?).ok()?;
    let mut store = AnnotationStore::open(&path, &loaded.dataset.id, "bench").ok()?;
    let n = if o.quick { 200 } else { 1000 };
    let statuses = [Status::Verified, Status::False, Status::Disputed];
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let claim = &loaded.dataset.claims[(i * 7919) % loaded.dataset.claims.len()].id;
        let edit = Edit::Status(statuses[i % statuses.len()]);
        let t = Instant::now();
        store.apply(claim, &edit).ok()?;
        times.push(t.elapsed());
    }
    let _ = store.close();
    times.sort();
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    let budget = Duration::from_millis(10);
    Some(Measured {
        value: format!(
            "p99 {}, p50 {} ({n} changes, {} annotations)",
            ms(p99),
            ms(times[times.len() / 2]),
            set.claims.len()
        ),
        reference: ms(budget),
        ratio: ratio(p99, budget),
    })
}

// ---------------------------------------------------------------------------
// Keystroke to screen (real binary, pty)
// ---------------------------------------------------------------------------

type KeyTimes = Vec<(&'static str, Duration)>;

/// Until the screen settles, per key (rows 8, 8b, 8c).
fn key_times(claims: usize, o: &Opts) -> Option<KeyTimes> {
    key_runs(claims, o).map(|r| r.settled)
}

/// The scripted runs, once per size (rows 8, 8b, 8c, 8e share them).
fn key_runs(claims: usize, o: &Opts) -> Option<keys::Runs> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static DONE: OnceLock<Mutex<HashMap<usize, Option<keys::Runs>>>> = OnceLock::new();
    let done = DONE.get_or_init(Default::default);
    if let Some(t) = done.lock().ok()?.get(&claims) {
        return t.clone();
    }
    let dir = std::env::temp_dir().join(format!("claimtrack-perf-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = keys::fixture(&dir, claims);
    let runs = match (o.quick, claims) {
        (true, _) => 1,
        (false, n) if n <= 10_000 => 5,
        _ => 3,
    };
    let t = keys::run(&path, runs);
    let _ = std::fs::remove_dir_all(&dir);
    done.lock().ok()?.insert(claims, t.clone());
    t
}

fn key_summary(times: &KeyTimes) -> (Duration, Duration) {
    let mut all: Vec<Duration> = times.iter().map(|(_, d)| *d).collect();
    (
        keys::quantile(&mut all, 0.5),
        keys::quantile(&mut all, 0.99),
    )
}

fn keys_p99(f: &Fixture, o: &Opts) -> Option<Measured> {
    let times = key_times(f.claims, o)?;
    let (p50, p99) = key_summary(&times);
    let budget = Duration::from_millis(16);
    Some(Measured {
        value: format!("p99 {}, median {} ({} keys)", ms(p99), ms(p50), times.len()),
        reference: ms(budget),
        ratio: ratio(p99, budget),
    })
}

/// Row 8e: the frame a key triggers, which a search answering a
/// screenful first draws before it has graded every claim.
fn keys_first_frame(f: &Fixture, o: &Opts) -> Option<Measured> {
    let times = key_runs(f.claims, o)?.first;
    let (p50, p99) = key_summary(&times);
    let settled = key_times(f.claims, o)?;
    let (_, settled_p99) = key_summary(&settled);
    let budget = Duration::from_millis(16);
    Some(Measured {
        value: format!(
            "p99 {}, median {} (settled p99 {})",
            ms(p99),
            ms(p50),
            ms(settled_p99)
        ),
        reference: ms(budget),
        ratio: ratio(p99, budget),
    })
}

fn keys_vs_1k(f: &Fixture, o: &Opts) -> Option<Measured> {
    let (_, p99) = key_summary(&key_times(f.claims, o)?);
    let (_, base) = key_summary(&key_times(1_000, o)?);
    Some(Measured {
        value: ms(p99),
        reference: format!("{} at 1k", ms(base)),
        ratio: ratio(p99, base),
    })
}

fn keys_search(f: &Fixture, o: &Opts) -> Option<Measured> {
    let times = key_times(f.claims, o)?;
    let mut search: Vec<Duration> = times
        .iter()
        .filter(|(k, _)| k.starts_with("search"))
        .map(|(_, d)| *d)
        .collect();
    let p50 = keys::quantile(&mut search, 0.5);
    let worst = search.iter().copied().max()?;
    // The slowest kinds of key, for where to look next.
    let mut kinds: Vec<(&str, Duration)> = Vec::new();
    for (k, d) in &times {
        match kinds.iter_mut().find(|(n, _)| n == k) {
            Some(e) => e.1 = e.1.max(*d),
            None => kinds.push((k, *d)),
        }
    }
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
    let slowest: Vec<String> = kinds
        .iter()
        .take(3)
        .map(|(k, d)| format!("{k} {}", ms(*d)))
        .collect();
    let budget = Duration::from_millis(16);
    Some(Measured {
        value: format!(
            "{} worst, {} median; slowest kinds: {}",
            ms(worst),
            ms(p50),
            slowest.join(", ")
        ),
        reference: ms(budget),
        ratio: ratio(worst, budget),
    })
}

/// Where a key's time goes: the scripted keys through `update` and a
/// `TestBackend` draw, each timed, on the dataset.
fn keys_in_process(f: &Fixture, _: &Opts) -> Option<Measured> {
    use claimtrack::app::{Key, KeyCode};
    let dir = tempfile::tempdir().ok()?;
    let path = keys::fixture(dir.path(), f.claims);
    let mut state = app(load_path(&path).ok()?);
    let theme = claimtrack::ui::Theme::dark();
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50)).expect("terminal");
    let mut keys: Vec<Key> = vec![Key::char('/')];
    keys.extend("troops said".chars().map(Key::char));
    keys.extend([
        Key::new(KeyCode::Backspace),
        Key::new(KeyCode::Backspace),
        Key::char('d'),
        Key::new(KeyCode::Enter),
    ]);
    keys.extend("jkjk".chars().map(Key::char));
    keys.extend([
        Key::new(KeyCode::PageDown),
        Key::char('G'),
        Key::char('g'),
        Key::new(KeyCode::Tab),
        Key::new(KeyCode::BackTab),
    ]);
    keys.extend("xf1sj3sssx".chars().map(Key::char));
    let (mut worst_update, mut worst_draw) = ((Duration::ZERO, Key::char(' ')), Duration::ZERO);
    for _ in 0..3 {
        for &k in &keys {
            let t = Instant::now();
            if let Some(a) = state.action_for_key(k) {
                state.update(a);
            }
            let u = t.elapsed();
            if std::env::var_os("PERF_KEYS_DEBUG").is_some() {
                eprintln!("{k:?} update {}", ms(u));
            }
            if u > worst_update.0 {
                worst_update = (u, k);
            }
            let t = Instant::now();
            term.draw(|fr| claimtrack::ui::draw(fr, &state, &theme))
                .expect("draw");
            worst_draw = worst_draw.max(t.elapsed());
        }
    }
    let budget = Duration::from_millis(16);
    let worst = worst_update.0.max(worst_draw);
    Some(Measured {
        value: format!(
            "update {} (on {:?}), draw {}",
            ms(worst_update.0),
            worst_update.1,
            ms(worst_draw)
        ),
        reference: ms(budget),
        ratio: ratio(worst, budget),
    })
}

/// Annotations with two history entries for every claim of `loaded`.
fn two_changes_each(loaded: &claimtrack::model::Loaded) -> claimtrack::model::AnnotationSet {
    use claimtrack::model::{AnnotationSet, Edit, Status};
    let mut set = AnnotationSet::new(&loaded.dataset.id);
    let at = jiff::Timestamp::UNIX_EPOCH;
    for c in &loaded.dataset.claims {
        set.apply(&c.id, &Edit::Status(Status::InProgress), "bench", at);
        set.apply(&c.id, &Edit::Status(Status::Verified), "bench", at);
    }
    set
}

fn json_vs_csv(f: &Fixture, o: &Opts) -> Option<Measured> {
    use claimtrack::model::export::{all_claims, csv, json};
    let loaded = parse_str(&f.text).ok()?;
    let set = two_changes_each(&loaded);
    let claims = all_claims(&loaded);
    // As many runs as other rows (21 at 1k): a median of 5 runs of a few
    // milliseconds swung from 1.1x to 3x on a shared host.
    let (j, c) = paired(
        o.runs(f),
        || json::to_json(&loaded, Some(&set), &claims),
        || csv::to_csv(&loaded, Some(&set), &claims, csv::Options::default()),
    );
    let sizes = (
        json::to_json(&loaded, Some(&set), &claims).len(),
        csv::to_csv(&loaded, Some(&set), &claims, csv::Options::default()).len(),
    );
    Some(Measured {
        value: format!(
            "{} ({} history entries; {} of JSON, {} of CSV)",
            ms(j),
            set.history.len(),
            megabytes(sizes.0 as u64),
            megabytes(sizes.1 as u64)
        ),
        reference: ms(c),
        ratio: ratio(j, c),
    })
}

/// Marks 10,000 claims in the TUI state over the durable store, then one
/// status key: the time of that one `update` (one journal record, one fsync).
fn bulk_status(f: &Fixture, _: &Opts) -> Option<Measured> {
    use claimtrack::app::{Action, AppState, StoreBackend};
    use claimtrack::model::Status;
    use claimtrack::model::store::AnnotationStore;
    let loaded = parse_str(&f.text).ok()?;
    let n = 10_000.min(loaded.dataset.claims.len());
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("bench.annotations.ron");
    let store = AnnotationStore::open(&path, &loaded.dataset.id, "bench").ok()?;
    let area = ratatui::layout::Rect::new(0, 0, 200, 50);
    let mut state = AppState::new(loaded, Box::new(StoreBackend::new(store)), area);
    let mut times = Vec::new();
    for s in [Status::Verified, Status::False, Status::Disputed] {
        for _ in 0..n {
            state.update(Action::ToggleMark);
        }
        if state.claims().marked().len() != n {
            eprintln!("marked {} of {n}", state.claims().marked().len());
            return None;
        }
        let t = Instant::now();
        state.update(Action::SetStatus(s));
        times.push(t.elapsed());
        state.update(Action::ClearMarks);
        state.update(Action::Top);
        if state
            .statuses()
            .of(claimtrack::model::ClaimIx::from_usize(0))
            != s
        {
            eprintln!("the bulk status did not apply");
            return None;
        }
    }
    let _ = state.into_annotations().close();
    let t = median(times);
    let budget = Duration::from_millis(100);
    Some(Measured {
        value: format!("{} ({n} claims, median of 3)", ms(t)),
        reference: ms(budget),
        ratio: ratio(t, budget),
    })
}
