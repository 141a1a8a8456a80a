//! The baseline for the HTML throughput target: bare `scraper::Html::parse_document`
//! over the pages of a JSONL file (`{"id", "html"}` per line), one thread.
//!
//! It reads every page into memory first and times only the parsing, so its MB/s is
//! the ceiling an extractor that parses each page once could reach. It does nothing
//! else (no text extraction, no output). Used by `benches/throughput.sh`.
//!
//! Usage: `cargo run --release --example parse_only -- pages.jsonl [ROUNDS]`
//! prints `bytes=<N> seconds=<S> mb_per_s=<X> cpu_seconds=.. mb_per_cpu_s=..`
//! (MB = 10^6 bytes; CPU time of the parsing thread, Linux only, else wall time).

use std::io::BufRead;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: parse_only PAGES.jsonl [ROUNDS]");
    let rounds: usize = args.next().map_or(1, |r| r.parse().expect("ROUNDS"));
    let file = std::fs::File::open(&path).expect("open pages");
    let mut pages = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read line");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        if let Some(h) = v.get("html").and_then(|h| h.as_str()) {
            pages.push(h.to_string());
        }
    }
    let bytes: usize = pages.iter().map(String::len).sum::<usize>() * rounds;
    let cpu0 = thread_cpu_ns();
    let started = Instant::now();
    let mut nodes = 0usize;
    for _ in 0..rounds {
        for p in &pages {
            let doc = scraper::Html::parse_document(p);
            // Keep the parse from being optimised away.
            nodes += doc.tree.nodes().count();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e9,
        _ => secs,
    };
    println!(
        "bytes={bytes} seconds={secs:.3} mb_per_s={:.1} cpu_seconds={cpu:.3} mb_per_cpu_s={:.1} nodes={nodes}",
        bytes as f64 / secs / 1e6,
        bytes as f64 / cpu / 1e6
    );
}

/// CPU time of this thread in nanoseconds (Linux `schedstat`), so that the figure means
/// something on a machine whose cores other processes share.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
