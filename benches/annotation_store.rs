//! The annotation store at scale: one durable change with 100,000
//! annotations present (p50/p99 over 1,000 changes, each timed on its own),
//! and opening such a store, with and without a journal to replay; a bulk
//! edit of 10,000 claims (one record); the per-tick check for outside changes.
//!
//! `cargo bench --bench annotation_store` runs it in full; without `--bench`
//! (as `cargo test --all-targets` runs it) it makes a small smoke run.
//! Files go under `target/tmp`, on the disk the build uses (not a tmpfs,
//! where fsync would cost nothing).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // a test states its expectations

use std::path::Path;
use std::time::{Duration, Instant};

use claimtrack::model::store::{AnnotationStore, read_annotations, to_ron};
use claimtrack::model::{AnnotationSet, Edit, Status};
use jiff::Timestamp;

const DS: &str = "bench";

struct Size {
    annotations: usize,
    changes: usize,
    journal_records: usize,
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let size = if full {
        Size {
            annotations: 100_000,
            changes: 1_000,
            journal_records: 25_000,
        }
    } else {
        Size {
            annotations: 200,
            changes: 20,
            journal_records: 100,
        }
    };
    if let Err(e) = run(&size) {
        eprintln!("annotation_store bench failed: {e}");
        std::process::exit(1);
    }
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn claim(i: usize) -> String {
    format!("c{i:06}")
}

/// `n` annotated claims, each with a status and a note: 2n history entries.
fn big_set(n: usize) -> AnnotationSet {
    let mut set = AnnotationSet::new(DS);
    let at = Timestamp::from_second(1_729_590_000).unwrap_or(Timestamp::UNIX_EPOCH);
    for i in 0..n {
        let c = claim(i);
        set.apply(&c, &Edit::Status(Status::InProgress), "bench", at);
        let note = format!("checked against source {i}; awaiting a second confirmation");
        set.apply(&c, &Edit::Note(note), "bench", at);
    }
    set
}

fn open(path: &Path) -> Res<AnnotationStore> {
    Ok(AnnotationStore::open(path, DS, "bench")?)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn timed<T>(f: impl FnOnce() -> Res<T>) -> Res<(T, Duration)> {
    let start = Instant::now();
    let v = f()?;
    Ok((v, start.elapsed()))
}

fn run(size: &Size) -> Res<()> {
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let path = root.path().join("bench.annotations.ron");
    let set = big_set(size.annotations);
    let text = to_ron(&set)?;
    std::fs::write(&path, &text)?;
    println!(
        "annotation file: {} annotations, {} history entries, {:.1} MB",
        set.claims.len(),
        set.history.len(),
        text.len() as f64 / 1e6
    );
    drop(set);
    let (parsed, parse) = timed(|| Ok(ron::from_str::<AnnotationSet>(&text)?))?;
    println!("parse alone (ron::from_str):  {:8.1} ms", ms(parse));
    drop(parsed);

    let (mut store, open_clean) = timed(|| open(&path))?;
    println!("open, no journal:             {:8.1} ms", ms(open_clean));

    let statuses = [Status::Verified, Status::False, Status::Disputed];
    let mut times = Vec::with_capacity(size.changes);
    for i in 0..size.changes {
        let edit = Edit::Status(statuses[i % 3]);
        let c = claim((i * 7919) % size.annotations);
        let (change, d) = timed(|| Ok(store.apply(&c, &edit)?))?;
        if change.is_none() {
            return Err("a benchmark change was a no-op".into());
        }
        times.push(d);
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "durable status change (n={}): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean {:.2} ms",
        times.len(),
        ms(percentile(&times, 50.0)),
        ms(percentile(&times, 99.0)),
        ms(times[times.len() - 1]),
        ms(mean)
    );

    let raw = raw_fdatasync(root.path(), size.changes)?;
    println!(
        "the disk alone, append + fdatasync of one line: p50 {:.2} ms, p99 {:.2} ms",
        ms(percentile(&raw, 50.0)),
        ms(percentile(&raw, 99.0)),
    );

    // One user action on many marked claims: one record, one fdatasync.
    let n = size.annotations.min(10_000);
    let edits: Vec<(String, Edit)> = (0..n)
        .map(|i| (claim(i), Edit::Status(Status::Unverifiable)))
        .collect();
    let (applied, bulk) = timed(|| Ok(store.apply_batch(&edits)))?;
    applied.saved?;
    println!(
        "bulk status change of {n} claims (one record): {:.1} ms",
        ms(bulk)
    );

    // The per-tick check for an outside change (git pull): nothing changed.
    let mut polls = Vec::with_capacity(100);
    for _ in 0..100 {
        let (_, d) = timed(|| Ok(store.poll_outside()?))?;
        polls.push(d);
    }
    polls.sort();
    println!(
        "poll for an outside change, none: p50 {:.3} ms, p99 {:.3} ms",
        ms(percentile(&polls, 50.0)),
        ms(percentile(&polls, 99.0)),
    );

    // The state a crash would leave: the snapshot plus the journal.
    let crashed = root.path().join("crashed");
    std::fs::create_dir(&crashed)?;
    let crashed_path = crashed.join("bench.annotations.ron");
    std::fs::copy(&path, &crashed_path)?;
    std::fs::copy(
        root.path().join("bench.annotations.ron.journal"),
        crashed.join("bench.annotations.ron.journal"),
    )?;

    let ((), compact) = timed(|| Ok(store.compact()?))?;
    println!("full rewrite (compaction):    {:8.1} ms", ms(compact));
    let ((), close) = timed(|| Ok(store.close()?))?;
    println!("close, nothing pending:       {:8.1} ms", ms(close));

    let (store, reopen) = timed(|| open(&crashed_path))?;
    println!(
        "open after a crash ({} journal records, replay + compaction): {:.1} ms",
        store.report().recovered,
        ms(reopen)
    );
    drop(store);

    // A journal as long as it can grow before compaction (a quarter of the file).
    let extra = append_journal(&crashed_path, size.journal_records)?;
    let (_, read) = timed(|| Ok(read_annotations(&crashed_path)?))?;
    println!(
        "read_annotations ({extra} journal records, no compaction): {:.1} ms",
        ms(read)
    );
    let (store, reopen) = timed(|| open(&crashed_path))?;
    if store.report().recovered != extra {
        return Err(format!("replayed {} of {extra}", store.report().recovered).into());
    }
    println!(
        "open after a crash ({extra} journal records, replay + compaction): {:.1} ms",
        ms(reopen)
    );
    Ok(())
}

/// The floor under any durable change: appending one journal-sized line to
/// a file in the same directory and waiting for it to reach the disk.
fn raw_fdatasync(dir: &Path, n: usize) -> Res<Vec<Duration>> {
    use std::io::Write;
    let path = dir.join("raw-probe");
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    let line = [b'x'; 110];
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let ((), d) = timed(|| {
            f.write_all(&line)?;
            Ok(f.sync_data()?)
        })?;
        times.push(d);
    }
    std::fs::remove_file(path)?;
    times.sort();
    Ok(times)
}

/// Writes `n` journal records by hand (status changes on existing claims), as
/// the store would have after `n` changes and a crash.
fn append_journal(path: &Path, n: usize) -> Res<usize> {
    let text = std::fs::read_to_string(path)?;
    let set: AnnotationSet = ron::from_str(&text)?;
    let first = set.history.len();
    let claims = set.claims.len();
    let mut out = String::new();
    for i in 0..n {
        // No claim has this status yet, and 7919 is prime to the claim
        // count, so no record is a no-op.
        out.push_str(&format!(
            "(seq:{},claim:\"{}\",edit:Status(Misleading),analyst:\"bench\",at:\"2024-10-22T10:00:00Z\")\n",
            first + i,
            claim((i * 7919) % claims),
        ));
    }
    let journal = path.with_file_name("bench.annotations.ron.journal");
    std::fs::write(journal, out)?;
    Ok(n)
}
