//! CPU time of each text stage over a JSONL corpus of `{"text": ...}` lines, one thread:
//! names (with the gazetteer), dates, figures, resolution, quotes, the whole
//! `Extractor::extract` and JSONL writing. For finding where text throughput goes
//! (`BENCHMARKS.md`); `benches/throughput.sh` measures the headline figures.
//!
//! Run: `cargo run --release --example stages -- bench-data/text-corpus.jsonl [MB]`
//! (default: the first 10 MB of text). `STAGES=names,dates` runs only those stages (for
//! counting one stage's instructions with `valgrind --tool=callgrind`).

use newsfacts::input::Document;
use newsfacts::output::{self, Format, Level};
use newsfacts::stages::{resolve, Candidate, DateRecognizer, FigureRecognizer, NameRecognizer};
use newsfacts::{Extractor, ExtractorConfig};
use std::io::BufRead;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: stages CORPUS.jsonl [MB]");
    let mb: f64 = args.next().map(|s| s.parse().unwrap()).unwrap_or(10.0);
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("open corpus"));
    let mut texts = Vec::new();
    let mut bytes = 0usize;
    for line in file.lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            bytes += t.len();
            texts.push(t.to_string());
        }
        if bytes as f64 >= mb * 1e6 {
            break;
        }
    }
    let ex = Extractor::new(ExtractorConfig::default()).unwrap();
    let gaz = ex.gazetteer();
    let names = NameRecognizer::new();
    let dates = DateRecognizer::new();
    let figures = FigureRecognizer::new();
    let only = std::env::var("STAGES").ok();
    let run = |what: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|s| s == what))
    };
    let report = |what: &str, t: Instant| {
        let s = t.elapsed().as_secs_f64();
        println!(
            "{what:<10} {:>8.1} ms  {:>7.1} MB/s",
            s * 1e3,
            bytes as f64 / 1e6 / s
        );
    };
    println!(
        "{} documents, {:.1} MB of text",
        texts.len(),
        bytes as f64 / 1e6
    );

    type Recogniser<'a> = Box<dyn Fn(&str, &mut Vec<Candidate>) + 'a>;
    let recognisers: [(&str, Recogniser); 3] = [
        ("names", Box::new(|t, c| names.find(t, gaz, c))),
        ("dates", Box::new(|t, c| dates.find(t, None, c))),
        ("figures", Box::new(|t, c| figures.find(t, c))),
    ];
    let mut n = 0;
    for (what, find) in &recognisers {
        if run(what) {
            let t = Instant::now();
            for text in &texts {
                let mut c = Vec::new();
                find(text, &mut c);
                n += c.len();
            }
            report(what, t);
        }
    }
    if !run("rest") {
        return;
    }
    let all: Vec<_> = texts
        .iter()
        .map(|text| {
            let mut c = Vec::new();
            recognisers.iter().for_each(|(_, find)| find(text, &mut c));
            c
        })
        .collect();
    let t = Instant::now();
    let mut resolved: Vec<_> = texts
        .iter()
        .zip(all)
        .map(|(text, c)| resolve(text, c, gaz))
        .collect();
    report("resolve", t);
    let t = Instant::now();
    for (text, r) in texts.iter().zip(&mut resolved) {
        n += newsfacts::stages::find_quotes(text, r).len();
    }
    report("quotes", t);
    let t = Instant::now();
    let records: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| ex.extract(&Document::text(i.to_string(), text.as_str())))
        .collect();
    report("extract", t);
    let t = Instant::now();
    let mut sink = Vec::new();
    {
        let mut w = output::writer(Format::Jsonl, Level::Mentions, &mut sink);
        for r in &records {
            w.write(r).unwrap();
        }
        w.finish().unwrap();
    }
    report("jsonl", t);
    println!("({} candidates, {} output bytes)", n, sink.len());
}
