//! Writers: one per format, all generic over `io::Write`.
//!
//! `jsonl` prints one record per line; `json` one array; `csv`/`tsv` a header row and
//! then one row per mention, per entity or per quote (`--level`). The CSV columns are
//! part of the output contract: [`MENTION_COLUMNS`], [`ENTITY_COLUMNS`],
//! [`QUOTE_COLUMNS`], each starting with `doc_id` and the [`DOCUMENT_COLUMNS`]. Figure
//! numbers go in `value`/`min`/`max` and TIMEX3 values in `timex_value`, so a
//! spreadsheet types each column once. A document that failed gets one row with its
//! document cells and the `error` column filled, and a document with nothing at the
//! level (no mention, no entity, no quote) gets one row with only its document cells
//! (an empty `type`, `entity` or `text`), so that every document can be counted from
//! the rows of any level and nothing is lost silently in a spreadsheet either.
//!
//! `summary` (in `summary.rs`) and `html` (in `html.rs`) are for people to read, not
//! contracts.
//!
//! The JSON of a record is what `serde_json` writes for it: the `Serialize` derives in
//! [`crate::record`] define the fields, their order and which are left out when empty.

use crate::record::{format_number, Record, TimexMod, TimexType, Value};
use std::io::{self, Write};

mod html;
mod summary;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Json,
    Csv,
    Tsv,
    /// A readable summary per document (the default on a terminal).
    Summary,
    /// One self-contained HTML report: the text with its mentions highlighted.
    Html,
}

impl Format {
    /// The format when none is asked for: the summary for a person at a terminal,
    /// JSON Lines for a program or a file.
    pub fn default_for(terminal: bool) -> Format {
        if terminal {
            Format::Summary
        } else {
            Format::Jsonl
        }
    }

    /// Whether the format shows the document text (so the extractor must keep it).
    pub fn needs_text(self) -> bool {
        self == Format::Html
    }
}

/// What one CSV/TSV row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Mentions,
    Entities,
    Quotes,
}

/// The columns that say which document a row comes from, on every row of every level
/// (after `doc_id`), so that a spreadsheet of rows can be grouped and read alone. The
/// last four are the capture facts of web archive records, empty for other inputs (the
/// columns are the same whatever the input, so that outputs can be appended and unioned).
pub const DOCUMENT_COLUMNS: &[&str] = &[
    "title",
    "url",
    "published",
    "source",
    "warc_date",
    "http_status",
    "warc_record_id",
    "content_type",
];

pub const MENTION_COLUMNS: &[&str] = &[
    "doc_id",
    "title",
    "url",
    "published",
    "source",
    "warc_date",
    "http_status",
    "warc_record_id",
    "content_type",
    "type",
    "text",
    "canonical",
    "start",
    "end",
    "value",
    "min",
    "max",
    "qualifier",
    "unit",
    "subject",
    "timex",
    "timex_value",
    "mod",
    "how",
    "entity",
    "error",
];
pub const ENTITY_COLUMNS: &[&str] = &[
    "doc_id",
    "title",
    "url",
    "published",
    "source",
    "warc_date",
    "http_status",
    "warc_record_id",
    "content_type",
    "entity",
    "type",
    "canonical",
    "forms",
    "count",
    "roles",
    "ids",
    "lat",
    "lon",
    "country",
    "error",
];
pub const QUOTE_COLUMNS: &[&str] = &[
    "doc_id",
    "title",
    "url",
    "published",
    "source",
    "warc_date",
    "http_status",
    "warc_record_id",
    "content_type",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_text",
    "how",
    "error",
];

/// Writes records in one format.
pub trait RecordWriter {
    fn write(&mut self, record: &Record) -> io::Result<()>;
    /// Closes the output (the JSON array's bracket) and flushes.
    fn finish(&mut self) -> io::Result<()>;
    /// The writer's [`RenderedWriter`] side, for formats that write each record as one
    /// piece of bytes of its own (JSON Lines, JSON). `None` (CSV): records go to
    /// `write`.
    fn rendered(&mut self) -> Option<&mut dyn RenderedWriter> {
        None
    }
    /// `--resume` appends to an output that already has its header row (CSV/TSV): write
    /// none.
    fn header_written(&mut self) {}
}

/// A writer that can take records already rendered to bytes.
///
/// The pipeline calls [`RenderedWriter::renderer`]'s function on the extraction
/// threads, so that a record is serialised in parallel and freed by the thread that
/// allocated it (an allocator frees a block from another thread by a slower path), and
/// hands the bytes to [`RenderedWriter::write_rendered`].
pub trait RenderedWriter {
    /// The function that makes one record's bytes.
    fn renderer(&self) -> Renderer;
    /// Writes bytes that [`RenderedWriter::renderer`] made for one record, as
    /// [`RecordWriter::write`] would have written the record.
    fn write_rendered(&mut self, bytes: &[u8]) -> io::Result<()>;
}

/// Appends one record's bytes to a buffer: see [`RenderedWriter::renderer`].
pub type Renderer = fn(&mut Vec<u8>, &Record);

/// Builds the writer for `format` and `level` over `out`, without colour.
pub fn writer<'w, W: Write + 'w>(
    format: Format,
    level: Level,
    out: W,
) -> Box<dyn RecordWriter + 'w> {
    styled_writer(format, level, false, out)
}

/// Builds the writer for `format` and `level` over `out`; `color` lets the summary use
/// ANSI colours (the caller knows whether `out` is a terminal that wants them).
pub fn styled_writer<'w, W: Write + 'w>(
    format: Format,
    level: Level,
    color: bool,
    out: W,
) -> Box<dyn RecordWriter + 'w> {
    match format {
        Format::Summary => Box::new(summary::SummaryWriter::new(out, color)),
        Format::Html => Box::new(html::HtmlWriter::new(out)),
        Format::Jsonl => Box::new(JsonlWriter {
            out,
            line: Vec::new(),
        }),
        Format::Json => Box::new(JsonWriter {
            out,
            first: true,
            item: Vec::new(),
        }),
        Format::Csv | Format::Tsv => {
            let delim = if format == Format::Csv { b',' } else { b'\t' };
            let w = csv::WriterBuilder::new()
                .delimiter(delim)
                .quote_style(csv::QuoteStyle::Necessary)
                .from_writer(out);
            Box::new(CsvWriter {
                w,
                level,
                header: false,
            })
        }
    }
}

struct JsonlWriter<W> {
    out: W,
    /// The line being written, reused from record to record.
    line: Vec<u8>,
}

/// Appends `record` as one line of JSON (without the newline) to `out`.
pub fn json_record(out: &mut Vec<u8>, record: &Record) {
    serde_json::to_writer(out, record).expect("a record serialises to a Vec")
}

/// A record's JSON Lines line, newline included.
fn jsonl_line(out: &mut Vec<u8>, record: &Record) {
    json_record(out, record);
    out.push(b'\n');
}

impl<W: Write> RecordWriter for JsonlWriter<W> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        // One write per line, so concurrent readers of stdout never see half a record.
        self.line.clear();
        jsonl_line(&mut self.line, record);
        self.out.write_all(&self.line)
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
    fn rendered(&mut self) -> Option<&mut dyn RenderedWriter> {
        Some(self)
    }
}

impl<W: Write> RenderedWriter for JsonlWriter<W> {
    fn renderer(&self) -> Renderer {
        jsonl_line
    }
    fn write_rendered(&mut self, line: &[u8]) -> io::Result<()> {
        self.out.write_all(line)
    }
}

struct JsonWriter<W> {
    out: W,
    first: bool,
    /// The record being written, reused from record to record.
    item: Vec<u8>,
}

impl<W: Write> RecordWriter for JsonWriter<W> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        self.item.clear();
        self.item
            .extend_from_slice(if self.first { b"[\n" } else { b",\n" });
        self.first = false;
        json_record(&mut self.item, record);
        self.out.write_all(&self.item)
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out
            .write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
    fn rendered(&mut self) -> Option<&mut dyn RenderedWriter> {
        Some(self)
    }
}

impl<W: Write> RenderedWriter for JsonWriter<W> {
    fn renderer(&self) -> Renderer {
        json_record
    }
    fn write_rendered(&mut self, record: &[u8]) -> io::Result<()> {
        // The separator and the record in one write, as `write` makes them.
        self.item.clear();
        self.item
            .extend_from_slice(if self.first { b"[\n" } else { b",\n" });
        self.first = false;
        self.item.extend_from_slice(record);
        self.out.write_all(&self.item)
    }
}

struct CsvWriter<W: Write> {
    w: csv::Writer<W>,
    level: Level,
    header: bool,
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

fn num(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_default()
}

impl Level {
    /// The CSV/TSV columns of this level.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Level::Mentions => MENTION_COLUMNS,
            Level::Entities => ENTITY_COLUMNS,
            Level::Quotes => QUOTE_COLUMNS,
        }
    }
}

impl<W: Write> CsvWriter<W> {
    /// Starts a row with `doc_id` and the [`DOCUMENT_COLUMNS`] of `r`.
    fn document_cells(&mut self, r: &Record) -> csv::Result<()> {
        self.w.write_field(&r.id)?;
        // `url`: where the document was fetched (WARC, JSONL), else the page's own
        // canonical URL, so that an HTML file saved from the web still says where from.
        let url = r.url.as_ref().or(r.canonical_url.as_ref());
        for cell in [r.title.as_ref(), url, r.published.as_ref()] {
            self.w.write_field(cell.map_or("", String::as_str))?;
        }
        self.w.write_field(&r.source)?;
        self.w.write_field(opt(&r.warc_date))?;
        self.w.write_field(opt(&r.http_status))?;
        self.w.write_field(opt(&r.warc_record_id))?;
        self.w.write_field(opt(&r.content_type))
    }

    /// A row with the document cells and nothing else but `error` (when given).
    fn document_row(&mut self, r: &Record, error: &str) -> csv::Result<()> {
        let columns = self.level.columns();
        self.document_cells(r)?;
        let rest = columns.len() - 1 - DOCUMENT_COLUMNS.len();
        self.w
            .write_record((1..rest).map(|_| "").chain(std::iter::once(error)))
    }

    fn mentions(&mut self, r: &Record) -> csv::Result<()> {
        if r.mentions.is_empty() && r.errors.is_empty() {
            // One row with an empty `type`, so that every document can be counted.
            return self.document_row(r, "");
        }
        for m in &r.mentions {
            // Figure numbers and TIMEX3 values in columns of their own, so that a
            // spreadsheet or DuckDB types `value`/`min`/`max` as numbers.
            let (value, timex_value) = match &m.value {
                Some(Value::Number(n)) => (format_number(*n), ""),
                Some(Value::Text(t)) => (String::new(), t.as_str()),
                None => (String::new(), ""),
            };
            self.document_cells(r)?;
            self.w.write_record([
                m.kind.as_str(),
                &m.text,
                &opt(&m.canonical),
                &m.start.to_string(),
                &m.end.to_string(),
                &value,
                &num(m.min),
                &num(m.max),
                &opt(&m.qualifier),
                &opt(&m.unit),
                &opt(&m.subject),
                &opt(&m.timex.map(TimexType::as_str)),
                timex_value,
                &opt(&m.mod_.map(TimexMod::as_str)),
                &m.how,
                &opt(&m.entity),
                "",
            ])?;
        }
        Ok(())
    }

    fn entities(&mut self, r: &Record) -> csv::Result<()> {
        if r.entities.is_empty() && r.errors.is_empty() {
            // One row with an empty `entity`, so that every document can be counted.
            return self.document_row(r, "");
        }
        for (i, e) in r.entities.iter().enumerate() {
            let ids: Vec<String> = e.ids.iter().map(|(k, v)| format!("{k}:{v}")).collect();
            self.document_cells(r)?;
            self.w.write_record([
                &i.to_string(),
                e.kind.as_str(),
                &e.canonical,
                &e.forms.join("; "),
                &e.count.to_string(),
                &e.roles.join("; "),
                &ids.join("; "),
                &num(e.lat),
                &num(e.lon),
                &opt(&e.country),
                "",
            ])?;
        }
        Ok(())
    }

    fn quotes(&mut self, r: &Record) -> csv::Result<()> {
        if r.quotes.is_empty() && r.errors.is_empty() {
            // One row with empty quote cells, so that every document can be counted.
            return self.document_row(r, "");
        }
        for q in &r.quotes {
            let speaker = q
                .speaker
                .and_then(|i| r.entities.get(i))
                .map(|e| e.canonical.as_str())
                .unwrap_or_default();
            self.document_cells(r)?;
            self.w.write_record([
                &q.start.to_string(),
                &q.end.to_string(),
                &q.text,
                speaker,
                &opt(&q.speaker_text),
                &q.how,
                "",
            ])?;
        }
        Ok(())
    }
}

impl<W: Write> RecordWriter for CsvWriter<W> {
    fn header_written(&mut self) {
        self.header = true;
    }
    fn write(&mut self, r: &Record) -> io::Result<()> {
        if !self.header {
            self.w.write_record(self.level.columns())?;
            self.header = true;
        }
        if !r.errors.is_empty() {
            let msg: Vec<String> = r
                .errors
                .iter()
                .map(|e| format!("{}: {}", e.kind, e.message))
                .collect();
            self.document_row(r, &msg.join("; "))?;
        }
        match self.level {
            Level::Mentions => self.mentions(r)?,
            Level::Entities => self.entities(r)?,
            Level::Quotes => self.quotes(r)?,
        }
        Ok(())
    }
    fn finish(&mut self) -> io::Result<()> {
        if !self.header {
            self.w.write_record(self.level.columns())?;
            self.header = true;
        }
        self.w.flush()
    }
}

/// The name a quote's speaker goes by in a view: the entity's canonical name, else the
/// attribution's words, else "?".
fn speaker_name<'a>(r: &'a Record, q: &'a crate::record::Quote) -> &'a str {
    q.speaker
        .and_then(|i| r.entities.get(i))
        .map(|e| e.canonical.as_str())
        .or(q.speaker_text.as_deref())
        .unwrap_or("?")
}
