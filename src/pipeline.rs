//! Parallel, ordered, bounded-memory processing.
//!
//! Documents are read in batches (bounded by count and bytes); each batch is extracted
//! with rayon (`par_iter().map().collect()` keeps input order), then handed to the one
//! writer. Reading the next batch, extracting the current one and writing the previous
//! one overlap (see [`run`]), so memory is bounded by three batches whatever the number
//! of documents, and `-j 1` runs exactly the same code (one extraction thread). A document whose
//! extraction panics becomes an error record like any other failure.

use crate::input::{Document, Item};
use crate::output::RecordWriter;
use crate::record::{ErrorKind, Record};
use crate::Extractor;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How the pipeline runs.
#[derive(Clone, Debug)]
pub struct Options {
    pub threads: usize,
    /// Documents per batch.
    pub batch_docs: usize,
    /// Bytes of input per batch.
    pub batch_bytes: usize,
    /// Print error lines to stderr.
    pub report_errors: bool,
    /// Show progress on stderr: a bar on a terminal, else a plain line now and then.
    pub progress: bool,
    /// Ids already done (`--resume`): skipped without output.
    pub skip_ids: HashSet<String>,
    /// `--shard K/N`: keep only documents whose ordinal modulo N is K.
    pub shard: Option<(usize, usize)>,
    /// Set (by a Ctrl-C handler) to stop: no further batch is read or started, the
    /// batches already extracted are written, and the run ends with
    /// [`Summary::interrupted`].
    pub stop: Option<Arc<AtomicBool>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: 0,
            batch_docs: 512,
            batch_bytes: 16 << 20,
            report_errors: true,
            progress: false,
            skip_ids: HashSet::new(),
            shard: None,
            stop: None,
        }
    }
}

/// What a run did, for the summary line.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub read: usize,
    pub extracted: usize,
    pub failed: usize,
    /// Of the failed: documents cut at `--max-doc-bytes` by `--truncate` and extracted
    /// (their only error is `truncated`).
    pub truncated: usize,
    pub resumed: usize,
    pub skipped: BTreeMap<&'static str, usize>,
    pub elapsed: Duration,
    /// The run was stopped by [`Options::stop`]: every record written is whole, and the
    /// documents after them were not extracted.
    pub interrupted: bool,
}

impl Summary {
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} documents: {} extracted, {} failed",
            self.read, self.extracted, self.failed
        );
        if self.truncated > 0 {
            s.push_str(&format!(" ({} of them truncated)", self.truncated));
        }
        if self.resumed > 0 {
            s.push_str(&format!(", {} already done (--resume)", self.resumed));
        }
        let skipped: usize = self.skipped.values().sum();
        if skipped > 0 {
            let why: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect();
            s.push_str(&format!(
                "; {} records skipped ({})",
                skipped,
                why.join(", ")
            ));
        }
        s.push_str(&format!(" in {:.2}s", self.elapsed.as_secs_f64()));
        s
    }
}

enum Work {
    Doc(Document),
    /// A JSONL line: parsed on the extraction thread, which also applies `--resume`
    /// (the id is in the line).
    Line(crate::input::jsonl::RawLine),
    Failed(Box<Record>),
}

/// A document's outcome, as the writing thread takes it.
enum Done {
    /// The bytes of a record without errors, made on the extraction thread by the
    /// writer's [`crate::output::RenderedWriter::renderer`].
    Rendered(Box<[u8]>),
    /// A record for the writer's `write`: the writer renders none, or the record has
    /// errors to report.
    Record(Box<Record>),
    /// A JSONL document done in an earlier run (`--resume`): no record.
    Resumed,
}

/// What the reader thread counted while making batches.
#[derive(Default)]
struct ReadCounts {
    skipped: BTreeMap<&'static str, usize>,
    resumed: usize,
}

/// Extracts every document of `items` and writes the records in input order.
///
/// Three stages overlap: a reader thread makes the next batch (file reading, gzip,
/// JSON and WARC parsing), the pool extracts the current one (and serialises its
/// records, for the writers that say how: [`RecordWriter::rendered`]), and this
/// thread writes the previous one. Done one after the other, reading and writing would
/// leave the extraction threads idle between batches (BENCHMARKS.md has the figures).
/// At most three batches are alive at once, which bounds memory.
pub fn run(
    extractor: &Extractor,
    items: impl Iterator<Item = Item> + Send,
    writer: &mut dyn RecordWriter,
    opts: &Options,
) -> io::Result<Summary> {
    let started = Instant::now();
    let pool = thread_pool(opts.threads).map_err(io::Error::other)?;
    let mut summary = Summary::default();
    let bar = opts.progress.then(Progress::new);
    let render = writer.rendered().map(|w| w.renderer());
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Work>>(1);
    let counts = std::thread::scope(|scope| -> io::Result<ReadCounts> {
        // Owned here, so that an early return (a write error, a closed pipe) drops the
        // receiver before the scope joins the reader, which then stops sending.
        let rx = rx;
        let reader = std::thread::Builder::new()
            .name("newsfacts-reader".into())
            .spawn_scoped(scope, move || read_batches(items, opts, tx))?;
        let extract = |batch: Vec<Work>| -> Vec<Done> {
            pool.install(|| {
                batch
                    .into_par_iter()
                    .map_init(Vec::new, |buf, w| {
                        let r = match w {
                            Work::Failed(r) => *r,
                            Work::Doc(d) => extract_guarded(extractor, d),
                            Work::Line(line) => match line.parse() {
                                Item::Doc(d) if opts.skip_ids.contains(&d.id) => {
                                    return Done::Resumed;
                                }
                                Item::Doc(d) => extract_guarded(extractor, d),
                                Item::Error(e) => failed(&e),
                                Item::Line(_) | Item::Skipped(_) => {
                                    unreachable!("a line parses into a document or an error")
                                }
                            },
                        };
                        match render {
                            // The record is freed here, by the thread that built it.
                            Some(render) if r.errors.is_empty() => {
                                buf.clear();
                                render(buf, &r);
                                Done::Rendered(buf.as_slice().into())
                            }
                            _ => Done::Record(Box::new(r)),
                        }
                    })
                    .collect()
            })
        };
        let mut written: Option<Vec<Done>> = None;
        loop {
            // Records wait to be written while the next batch extracts; when no next
            // batch is ready (slow input), they are written at once so that output
            // keeps pace with input.
            let batch = match rx.try_recv() {
                Ok(b) => Some(b),
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    if let Some(records) = written.take() {
                        write_batch(&records, writer, opts, bar.as_ref(), &mut summary)?;
                    }
                    rx.recv().ok()
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
            };
            let Some(batch) = batch else { break };
            if stopped(opts) {
                // The batch read but not started is left for `--resume`.
                break;
            }
            let extracting = std::thread::Builder::new()
                .name("newsfacts-batch".into())
                .spawn_scoped(scope, move || extract(batch))?;
            if let Some(records) = written.take() {
                // On a write error `rx` is dropped on return, which stops the reader.
                write_batch(&records, writer, opts, bar.as_ref(), &mut summary)?;
            }
            let records = extracting
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            written = Some(records);
        }
        if let Some(records) = written.take() {
            write_batch(&records, writer, opts, bar.as_ref(), &mut summary)?;
        }
        // After a stop the reader may be waiting to send a batch: dropping the
        // receiver lets it return.
        drop(rx);
        Ok(reader
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p)))
    })?;
    summary.skipped = counts.skipped;
    summary.resumed += counts.resumed;
    summary.interrupted = stopped(opts);
    writer.finish()?;
    if let Some(b) = bar {
        b.finish(&summary);
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Splits `items` into batches bounded by count and bytes and sends them on `tx`,
/// applying `--shard` and `--resume`; stops early when the receiver is gone.
fn read_batches(
    items: impl Iterator<Item = Item>,
    opts: &Options,
    tx: std::sync::mpsc::SyncSender<Vec<Work>>,
) -> ReadCounts {
    let mut counts = ReadCounts::default();
    let mut items = items.peekable();
    let mut ordinal = 0usize;
    loop {
        let mut batch: Vec<Work> = Vec::new();
        let mut bytes = 0usize;
        while batch.len() < opts.batch_docs && bytes < opts.batch_bytes {
            if stopped(opts) {
                return counts;
            }
            let Some(item) = items.next() else { break };
            let work = match item {
                Item::Skipped(why) => {
                    *counts.skipped.entry(why).or_default() += 1;
                    continue;
                }
                Item::Doc(d) => Work::Doc(d),
                Item::Line(l) => Work::Line(l),
                Item::Error(e) => Work::Failed(Box::new(failed(&e))),
            };
            let mine = opts.shard.is_none_or(|(k, n)| ordinal % n == k);
            ordinal += 1;
            if !mine {
                continue;
            }
            // (A line's id is known once it is parsed: the extraction thread checks.)
            let id = match &work {
                Work::Doc(d) => Some(&d.id),
                Work::Failed(r) => Some(&r.id),
                Work::Line(_) => None,
            };
            if id.is_some_and(|id| opts.skip_ids.contains(id)) {
                counts.resumed += 1;
                continue;
            }
            match &work {
                Work::Doc(d) => bytes += d.body.len(),
                Work::Line(l) => bytes += l.len(),
                Work::Failed(_) => {}
            }
            batch.push(work);
        }
        if batch.is_empty() || tx.send(batch).is_err() {
            return counts;
        }
    }
}

/// The error record of a document that could not be read.
fn failed(e: &crate::input::InputError) -> Record {
    let mut r = Record::failed(e.id(), e.id(), e.kind(), e.message());
    if let Some(c) = e.capture() {
        r.set_capture(c);
    }
    r
}

/// Writes one batch of records, counting them and reporting failed documents.
fn write_batch(
    records: &[Done],
    writer: &mut dyn RecordWriter,
    opts: &Options,
    bar: Option<&Progress>,
    summary: &mut Summary,
) -> io::Result<()> {
    for done in records {
        let r = match done {
            Done::Resumed => {
                summary.resumed += 1;
                continue;
            }
            Done::Rendered(bytes) => {
                summary.read += 1;
                summary.extracted += 1;
                // Only a writer with a rendered side is given rendered records.
                match writer.rendered() {
                    Some(w) => w.write_rendered(bytes)?,
                    None => {
                        return Err(io::Error::other("rendered record for a writer of records"))
                    }
                }
                continue;
            }
            Done::Record(r) => r,
        };
        summary.read += 1;
        if r.errors.is_empty() {
            summary.extracted += 1;
        } else {
            summary.failed += 1;
            if r.errors.iter().all(|e| e.kind == ErrorKind::Truncated) {
                summary.truncated += 1;
            }
            if opts.report_errors {
                for e in &r.errors {
                    let msg = format!("newsfacts: {}: {}: {}", r.source, e.kind, e.message);
                    match bar {
                        Some(b) => b.bar.println(msg),
                        None => eprintln!("{msg}"),
                    }
                }
            }
        }
        writer.write(r)?;
    }
    if let Some(b) = bar {
        b.update(summary);
    }
    Ok(())
}

/// Whether [`Options::stop`] was set.
fn stopped(opts: &Options) -> bool {
    opts.stop
        .as_ref()
        .is_some_and(|s| s.load(Ordering::Relaxed))
}

/// `--progress`: a spinner on a terminal; elsewhere (a log file, a CI console) a plain
/// line every few seconds, since a bar drawn there would be hidden or garbled.
struct Progress {
    bar: indicatif::ProgressBar,
    /// Plain lines instead of the bar; when the last one was printed.
    plain: Option<std::cell::Cell<Instant>>,
    started: Instant,
}

/// Seconds between two plain progress lines.
const PLAIN_PROGRESS_EVERY: Duration = Duration::from_secs(2);

impl Progress {
    fn new() -> Progress {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents {per_sec} {elapsed} {msg}",
            )
            .unwrap(),
        );
        let now = Instant::now();
        Progress {
            bar,
            plain: (!io::stderr().is_terminal()).then(|| std::cell::Cell::new(now)),
            started: now,
        }
    }

    fn update(&self, summary: &Summary) {
        self.bar.set_position(summary.read as u64);
        if let Some(last) = &self.plain {
            if last.get().elapsed() >= PLAIN_PROGRESS_EVERY {
                last.set(Instant::now());
                eprintln!("newsfacts: {}", self.line(summary));
            }
        }
    }

    fn line(&self, summary: &Summary) -> String {
        let secs = self.started.elapsed().as_secs_f64();
        format!(
            "{} documents done ({:.0}/s) after {secs:.0}s",
            summary.read,
            summary.read as f64 / secs.max(1e-3)
        )
    }

    fn finish(self, summary: &Summary) {
        if self.plain.is_some() {
            eprintln!("newsfacts: {}", self.line(summary));
        }
        self.bar.finish_and_clear();
    }
}

/// Stack size of the extraction threads. HTML parsing and tree walks may recurse once
/// per nesting level; pages are flattened to `limits::MAX_HTML_DEPTH` levels
/// first, and this leaves a wide margin above that (even in debug builds, whose frames
/// are large). It is address space: only the pages a thread touches are committed.
pub const STACK_SIZE: usize = 64 << 20;

/// The rayon pool every parallel extraction runs on (`threads` 0 = all cores).
pub fn thread_pool(threads: usize) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(STACK_SIZE)
        .build()
}

/// Extracts one document; a panic becomes an error record naming the document.
pub fn extract_guarded(extractor: &Extractor, mut doc: Document) -> Record {
    // The body moves into the extraction (a text document's bytes become its text
    // without a copy); the rest of the document stays here to name it after a panic.
    let body = std::mem::take(&mut doc.body);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.extract_body(&doc, body)
    })) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Record::failed(
                doc.id,
                doc.source,
                ErrorKind::Internal,
                format!("extraction panicked: {msg}"),
            )
        }
    }
}
