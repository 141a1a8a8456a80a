//! Throughput of each stage and of the whole pipeline, in bytes per second.
//!
//! Stages: article extraction (HTML -> text), each recogniser (names with the gazetteer,
//! dates, figures), resolution, the writers, one document end to end (text and HTML),
//! and `pipeline::run` over a batch of documents at 1 and 2 threads. The input is the
//! project's own pages under `fixtures/` when there are any, else the seed article
//! (`/work/shared/seed/...`, read at bench time, never copied) or, failing that, a short
//! text written for this bench; HTML pages are made by wrapping that text in page
//! furniture. Measurement times are short on purpose: these benches are for spotting
//! regressions and hot stages, `benches/throughput.sh` measures the headline figures on
//! a 100 MB corpus.
//!
//! Run: `cargo bench --bench pipeline` (or `-- names` for one group).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use newsfacts::input::{Document, Item};
use newsfacts::output::{self, Format, Level};
use newsfacts::pipeline::{self, Options};
use newsfacts::stages::{resolve, Candidate, DateRecognizer, FigureRecognizer, NameRecognizer};
use newsfacts::{Extractor, ExtractorConfig};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const SEED: &str = "/work/shared/seed/000_451bf867935f5ebf.txt";

/// Text written for this bench, used when neither fixtures nor the seed are present.
const OWN_TEXT: &str = "\
Harbour Council to Vote on New Bridge as Costs Rise

The city council of Port Elwood will vote on Thursday on a plan to build a second bridge \
across the Marrow River, Mayor Helen Okafor said on Monday. The bridge would cost about \
$240 million, up from $180 million in the first estimate of March 2019.

\"We cannot wait another ten years,\" Okafor told reporters at City Hall. \"Between 30,000 \
and 45,000 cars cross the old bridge every day.\"

Transport Minister Daniel Reyes, speaking in Ashford on Tuesday, said the government \
would pay 40 percent of the cost if work starts before January 2026. Engineers from the \
Northern Rail Company said the first pillars could be in place within 18 months.

Opponents, led by councillor Maria Lindqvist, want a referendum. More than 2,000 people \
signed a petition last week, and a protest is planned for Saturday, June 14.
";

/// Plain texts to run the text stages on: fixture pages' text is not known before the
/// article stage, so the text stages use the seed (or our own text).
fn texts() -> Vec<String> {
    match std::fs::read_to_string(SEED) {
        Ok(t) => vec![t],
        Err(_) => vec![OWN_TEXT.to_string()],
    }
}

/// HTML pages: `fixtures/*.html` when present, else the texts wrapped in furniture.
fn pages() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")) {
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".html") || name.ends_with(".htm") {
                if let Ok(b) = std::fs::read(&p) {
                    out.push(b);
                }
            }
        }
    }
    if out.is_empty() {
        out = texts().iter().map(|t| wrap_html(t).into_bytes()).collect();
    }
    out
}

/// A news page around `text`: head with metadata, navigation, scripts, share buttons and
/// a footer, as real pages have; paragraphs become `<p>`, the first line the `<h1>`.
fn wrap_html(text: &str) -> String {
    let mut paras = text.split("\n").map(str::trim).filter(|l| !l.is_empty());
    let title = paras.next().unwrap_or("");
    let mut h = String::new();
    h.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.push_str(&format!("<title>{title} | Example News</title>"));
    h.push_str("<meta property=\"article:published_time\" content=\"2016-03-16T10:00:00Z\">");
    h.push_str("<script>window.dataLayer=[];function track(e){dataLayer.push(e)}</script>");
    h.push_str("<style>body{font-family:sans-serif}.nav a{margin:0 4px}</style></head><body>");
    h.push_str("<nav class=\"nav\"><ul>");
    for s in [
        "World", "Politics", "Business", "Science", "Sport", "Opinion",
    ] {
        h.push_str(&format!("<li><a href=\"/{s}\">{s}</a></li>"));
    }
    h.push_str("</ul></nav><main><article><header>");
    h.push_str(&format!(
        "<h1>{title}</h1><p class=\"byline\">By Staff Writer</p>"
    ));
    h.push_str("<time datetime=\"2016-03-16\">March 16, 2016</time></header>");
    for p in paras {
        h.push_str(&format!("<p>{p}</p>\n"));
    }
    h.push_str("<div class=\"share\"><a href=\"#\">Share</a><a href=\"#\">Tweet</a></div>");
    h.push_str("</article><aside><h2>Related</h2><ul><li><a href=\"/a\">Other story</a></li>");
    h.push_str("</ul></aside></main><footer><p>&copy; Example News</p></footer>");
    h.push_str("<script>track({page:'article'})</script></body></html>");
    h
}

fn stages(c: &mut Criterion) {
    let ex = Extractor::new(ExtractorConfig::default()).expect("bundled dictionaries load");
    let gaz = ex.gazetteer();
    let texts = texts();
    let pages = pages();
    let text_bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let html_bytes: u64 = pages.iter().map(|p| p.len() as u64).sum();

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(html_bytes));
    g.bench_function("article", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(newsfacts::stages::extract_article(black_box(p), None, None));
            }
        })
    });

    g.throughput(Throughput::Bytes(text_bytes));
    let names = NameRecognizer::new();
    g.bench_function("names+gazetteer", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for t in &texts {
                names.find(black_box(t), gaz, &mut out);
            }
            out
        })
    });
    let dates = DateRecognizer::new();
    let reference = chrono::NaiveDate::from_ymd_opt(2016, 3, 16);
    g.bench_function("dates", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for t in &texts {
                dates.find(black_box(t), reference, &mut out);
            }
            out
        })
    });
    let figures = FigureRecognizer::new();
    g.bench_function("figures", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for t in &texts {
                figures.find(black_box(t), &mut out);
            }
            out
        })
    });

    // Resolution gets the candidates the recognisers proposed, rebuilt outside the
    // timed part.
    let cands: Vec<Vec<Candidate>> = texts
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            names.find(t, gaz, &mut out);
            dates.find(t, reference, &mut out);
            figures.find(t, &mut out);
            out
        })
        .collect();
    g.bench_function("resolve", |b| {
        b.iter_batched(
            || cands.clone(),
            |cands| {
                for (t, cs) in texts.iter().zip(cands) {
                    black_box(resolve(t, cs, gaz));
                }
            },
            BatchSize::SmallInput,
        )
    });

    // Writers: bytes of output written per second.
    let records: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| ex.extract(&Document::text(format!("doc-{i}"), t.as_str())))
        .collect();
    for (name, format) in [("jsonl", Format::Jsonl), ("csv", Format::Csv)] {
        let mut sink = Vec::new();
        write_all(&records, format, &mut sink);
        g.throughput(Throughput::Bytes(sink.len() as u64));
        g.bench_function(format!("writer-{name}"), |b| {
            let mut buf = Vec::with_capacity(sink.len());
            b.iter(|| {
                buf.clear();
                write_all(&records, format, &mut buf);
                black_box(buf.len())
            })
        });
    }

    g.throughput(Throughput::Bytes(text_bytes));
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::text(format!("t{i}"), t.as_str()))
        .collect();
    g.bench_function("extract-text", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(ex.extract(d));
            }
        })
    });
    g.throughput(Throughput::Bytes(html_bytes));
    let hdocs: Vec<Document> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| Document::html(format!("h{i}"), p.clone()))
        .collect();
    g.bench_function("extract-html", |b| {
        b.iter(|| {
            for d in &hdocs {
                black_box(ex.extract(d));
            }
        })
    });
    g.finish();
}

fn write_all(records: &[newsfacts::record::Record], format: Format, out: &mut Vec<u8>) {
    let mut w = output::writer(format, Level::Mentions, out);
    for r in records {
        w.write(r).unwrap();
    }
    w.finish().unwrap();
}

/// `pipeline::run` over 64 copies of every page (so that threads have work to share),
/// writing JSONL into a buffer, at 1 and 2 threads.
fn whole_pipeline(c: &mut Criterion) {
    let ex = Extractor::new(ExtractorConfig::default()).expect("bundled dictionaries load");
    let pages = pages();
    let docs: Vec<Document> = (0..64)
        .flat_map(|k| {
            pages
                .iter()
                .enumerate()
                .map(move |(i, p)| Document::html(format!("p{k}-{i}"), p.clone()))
        })
        .collect();
    let bytes: u64 = docs.iter().map(|d| d.body.len() as u64).sum();
    let mut g = c.benchmark_group("pipeline-html");
    g.throughput(Throughput::Bytes(bytes));
    for threads in [1, 2] {
        let opts = Options {
            threads,
            report_errors: false,
            ..Options::default()
        };
        g.bench_function(format!("threads-{threads}"), |b| {
            b.iter_batched(
                || docs.clone(),
                |docs| {
                    let mut out = Vec::new();
                    let mut w = output::writer(Format::Jsonl, Level::Mentions, &mut out);
                    pipeline::run(&ex, docs.into_iter().map(Item::Doc), w.as_mut(), &opts).unwrap();
                    drop(w);
                    out.len()
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn short() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .sample_size(10)
        .configure_from_args()
}

/// Building the extractor: decompressing and parsing the bundled dictionaries and
/// compiling every matcher (the bulk of start-up time).
fn startup(c: &mut Criterion) {
    c.bench_function("startup/extractor-new", |b| {
        b.iter(|| Extractor::new(ExtractorConfig::default()).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = short();
    targets = startup, stages, whole_pipeline
}
criterion_main!(benches);
