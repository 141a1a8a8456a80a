//! Inputs: paths, directories, stdin, JSONL and WARC files -> [`Document`]s.
//!
//! Readers only split inputs into documents and carry what the container says about
//! each (URL, date, charset). They never decode HTML or look at the text: that is
//! `article`'s job. Each reader yields `Result<Document, InputError>` so a broken record
//! becomes an error record downstream and the run goes on.

mod arc;
mod decode;
pub mod jsonl;
mod stream;
pub mod warc;

use crate::record::ErrorKind;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// What a document's bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Html,
    Text,
}

/// One document to extract from.
#[derive(Clone, Debug)]
pub struct Document {
    /// Unique id: the file path, the JSONL `id`, or for a web archive record its target
    /// URI with the record's own name (`URI#<WARC-Record-ID>`; see `warc`). A function
    /// of the input item alone, never of the other inputs or their order.
    pub id: String,
    /// Where it came from: the file path (plus `:line` for JSONL).
    pub source: String,
    pub kind: Kind,
    /// Raw bytes for HTML (decoded by `article`), UTF-8 text for `Kind::Text`.
    pub body: Vec<u8>,
    /// The page URL, when the container gives one.
    pub url: Option<String>,
    /// Reference date (ISO `YYYY-MM-DD`) given by the container (`dct`, `published`,
    /// `WARC-Date`); the page's own metadata takes precedence for HTML.
    pub date: Option<String>,
    /// Whether `date` is the publication date (`published`/`dct`) rather than a crawl date.
    pub date_is_published: bool,
    /// Charset named by the container (HTTP `Content-Type`).
    pub charset: Option<String>,
    /// Set when the document was larger than `--max-doc-bytes` and `--truncate` cut it:
    /// what was cut, for the record's `truncated` error.
    pub truncated: Option<String>,
    /// Set when the container's encoding could be undone only in part (a gzip body cut
    /// short): the text decoded before the break is the body, and this error goes into
    /// the record beside the mentions.
    pub partial: Option<crate::record::DocError>,
    /// What a web archive says about the capture (WARC and ARC records only; boxed,
    /// since most documents have none).
    pub capture: Option<Box<Capture>>,
}

/// The facts of a web archive capture, as its record gives them; they go into the
/// record's `warc_date`, `http_status`, `warc_record_id` and `content_type`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capture {
    /// The `WARC-Date` (or ARC archive date) in ISO 8601: `2016-03-17T08:12:03Z`.
    pub date: Option<String>,
    /// The HTTP status of the response (none for `resource` records).
    pub http_status: Option<u16>,
    /// The `WARC-Record-ID` (ARC records have none).
    pub record_id: Option<String>,
    /// The payload's media type, lower case, without parameters (`text/html`).
    pub content_type: Option<String>,
}

impl Document {
    pub fn text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        Document {
            source: id.clone(),
            id,
            kind: Kind::Text,
            body: text.into().into_bytes(),
            url: None,
            date: None,
            date_is_published: false,
            charset: None,
            truncated: None,
            partial: None,
            capture: None,
        }
    }

    pub fn html(id: impl Into<String>, html: impl Into<Vec<u8>>) -> Document {
        let id = id.into();
        Document {
            source: id.clone(),
            id,
            kind: Kind::Html,
            body: html.into(),
            url: None,
            date: None,
            date_is_published: false,
            charset: None,
            truncated: None,
            partial: None,
            capture: None,
        }
    }
}

/// Why an input (or one record of it) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Line {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}:{line}: invalid UTF-8 at byte {at} of the line")]
    InvalidUtf8 {
        path: String,
        line: usize,
        at: usize,
    },
    #[error("{path}: record at byte {offset}: {message}")]
    Record {
        path: String,
        offset: u64,
        message: String,
    },
    /// `capture`: the facts of the web archive record, when the input was one.
    #[error("{path}: {message}")]
    TooLarge {
        path: String,
        message: String,
        capture: Option<Box<Capture>>,
    },
    /// A payload whose encoding cannot be undone (or that is binary after it was):
    /// `kind` is `truncated_encoding`, `unsupported_encoding` or `corrupt_encoding`.
    #[error("{path}: {message}")]
    Payload {
        path: String,
        kind: ErrorKind,
        message: String,
        capture: Option<Box<Capture>>,
    },
    #[error("{path}: binary data ({message}), not text or HTML")]
    Binary { path: String, message: String },
    #[error("{path}: empty file")]
    Empty { path: String },
}

impl InputError {
    /// The kind of the error record.
    pub fn kind(&self) -> ErrorKind {
        match self {
            InputError::Io { .. } => ErrorKind::Io,
            InputError::Line { .. } => ErrorKind::Jsonl,
            InputError::InvalidUtf8 { .. } => ErrorKind::InvalidUtf8,
            InputError::Record { .. } => ErrorKind::Warc,
            InputError::TooLarge { .. } => ErrorKind::TooLarge,
            InputError::Payload { kind, .. } => *kind,
            InputError::Binary { .. } => ErrorKind::Binary,
            InputError::Empty { .. } => ErrorKind::Empty,
        }
    }

    /// What went wrong, without the path (which the error record's id and source
    /// already carry).
    pub fn message(&self) -> String {
        match self {
            InputError::Io { source, .. } => source.to_string(),
            InputError::Line { message, .. }
            | InputError::Record { message, .. }
            | InputError::TooLarge { message, .. }
            | InputError::Payload { message, .. } => message.clone(),
            InputError::Binary { message, .. } => {
                format!("binary data ({message}), not text or HTML")
            }
            InputError::Empty { .. } => "empty file".to_string(),
            InputError::InvalidUtf8 { at, .. } => format!(
                "invalid UTF-8 at byte {at} of the line: not extracted, since a repaired text \
                 would not be the text that offsets point into"
            ),
        }
    }

    /// The capture facts of the web archive record that could not be read.
    pub fn capture(&self) -> Option<&Capture> {
        match self {
            InputError::TooLarge { capture, .. } | InputError::Payload { capture, .. } => {
                capture.as_deref()
            }
            _ => None,
        }
    }

    /// The id the error record gets: the path, with the line or offset.
    pub fn id(&self) -> String {
        match self {
            InputError::Io { path, .. }
            | InputError::TooLarge { path, .. }
            | InputError::Payload { path, .. }
            | InputError::Binary { path, .. }
            | InputError::Empty { path } => path.clone(),
            InputError::Line { path, line, .. } | InputError::InvalidUtf8 { path, line, .. } => {
                format!("{path}:{line}")
            }
            InputError::Record { path, offset, .. } => format!("{path}@{offset}"),
        }
    }
}

/// What a reader yields: a document, a record it skipped on purpose (and why), or an
/// error for a record or file it could not read.
#[derive(Debug)]
pub enum Item {
    Doc(Document),
    /// A JSONL line, parsed into a `Doc` or an `Error` by [`jsonl::RawLine::parse`] on
    /// the thread that extracts it.
    Line(jsonl::RawLine),
    Skipped(&'static str),
    Error(InputError),
}

/// Options every reader honours.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Larger documents become error records (or are cut, with `truncate`) instead of
    /// being read into memory whole.
    pub max_doc_bytes: u64,
    /// `--truncate`: a larger HTML or text document is cut at `max_doc_bytes` and
    /// extracted, and says so in [`Document::truncated`]. JSONL lines are never cut
    /// (a cut line is not JSON).
    pub truncate: bool,
    /// Only WARC records whose target URI matches are read.
    pub url_filter: Option<regex::Regex>,
    /// `--status`: only web archive responses whose HTTP status matches are read (the
    /// others are skipped as `status-filter`); documents without an HTTP status (files,
    /// JSONL lines, `resource` records) are kept.
    pub status_filter: Option<warc::StatusFilter>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_doc_bytes: 64 << 20,
            truncate: false,
            url_filter: None,
            status_filter: None,
        }
    }
}

/// The `truncated` note of a document cut at `max` bytes.
pub(crate) fn truncation_note(what: &str, max: u64) -> String {
    format!("{what} larger than --max-doc-bytes ({max} bytes): only its first {max} bytes were extracted (--truncate)")
}

/// What kind of container a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    Html,
    Text,
    Jsonl,
    /// A web archive: WARC or ARC, plain or gzip (one reader reads them all).
    Warc,
}

/// Guesses the container from the file name, then from the first bytes.
pub fn container_of(name: &str, head: &[u8]) -> Container {
    let lower = name.to_ascii_lowercase();
    if [".warc", ".warc.gz", ".arc", ".arc.gz"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return Container::Warc;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".jsonl.gz") {
        return Container::Jsonl;
    }
    // A gzipped page or text (`a.html.gz`) is what its name says under the `.gz`.
    let inner = lower.strip_suffix(".gz").unwrap_or(&lower);
    if inner.ends_with(".html") || inner.ends_with(".htm") || inner.ends_with(".xhtml") {
        return Container::Html;
    }
    if inner.ends_with(".txt") {
        return Container::Text;
    }
    sniff(head)
}

/// Sniffs the container of unnamed input (stdin, unknown extensions).
pub fn sniff(head: &[u8]) -> Container {
    if head.starts_with(&[0x1f, 0x8b]) || head.starts_with(b"WARC/") {
        return Container::Warc;
    }
    // An ARC file starts with its `filedesc://` record.
    if head.starts_with(b"filedesc://") {
        return Container::Warc;
    }
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let rest = &head[start..];
    let rest = rest
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(rest);
    if rest.starts_with(b"{") {
        return Container::Jsonl;
    }
    let lower: Vec<u8> = rest
        .iter()
        .take(512)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if rest.starts_with(b"<")
        && (has(b"<html")
            || has(b"<!doctype")
            || has(b"<body")
            || has(b"<p")
            || has(b"<div")
            || has(b"<head"))
    {
        return Container::Html;
    }
    Container::Text
}

/// Expands the command-line inputs: directories are walked recursively in sorted
/// order; `-` stands for stdin. A missing path is kept, so that reading it produces an
/// error record naming it.
pub fn expand_paths(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if is_input_name(name) {
            out.push(p);
        }
    }
}

/// Whether a file found while walking a directory is an input (expected-output files
/// of fixtures and other files are not).
pub fn is_input_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.contains(".expected.") {
        return false;
    }
    [
        ".html",
        ".htm",
        ".xhtml",
        ".txt",
        ".jsonl",
        ".ndjson",
        ".warc",
        ".warc.gz",
        ".arc",
        ".arc.gz",
        ".jsonl.gz",
        ".html.gz",
        ".htm.gz",
        ".txt.gz",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

/// Opens a file (or stdin for `-`) as a reader.
pub fn open(path: &Path) -> Result<Box<dyn Read + Send>, InputError> {
    let name = path.display().to_string();
    let io_err = |source| InputError::Io {
        path: name.clone(),
        source,
    };
    let reader: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(path).map_err(io_err)?)
    };
    Ok(reader)
}

/// Streams every document of every input, in order: files in the order given,
/// directories walked in sorted order. Errors (a missing file, a broken line) come out
/// as [`Item::Error`] in place, so that the output keeps one record per input document.
///
/// Each file is read on its own: a document's id depends on that file alone, so the
/// order of the inputs changes the order of the records, never their ids.
pub fn items(paths: Vec<PathBuf>, opts: ReadOptions) -> impl Iterator<Item = Item> {
    paths.into_iter().flat_map(move |p| items_of(&p, &opts))
}

fn items_of(path: &Path, opts: &ReadOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let reader = match open(path) {
        Ok(r) => r,
        Err(e) => return Box::new(std::iter::once(Item::Error(e))),
    };
    let mut reader = io::BufReader::with_capacity(1 << 16, reader);
    let head = match io::BufRead::fill_buf(&mut reader) {
        Ok(h) => h.to_vec(),
        Err(source) => {
            return Box::new(std::iter::once(Item::Error(InputError::Io {
                path: name,
                source,
            })))
        }
    };
    let file_name = if path.as_os_str() == "-" {
        ""
    } else {
        name.as_str()
    };
    match container_of(file_name, &head) {
        Container::Warc => Box::new(warc::WarcReader::new(reader, &name, opts.clone())),
        Container::Jsonl => {
            let gz = head.starts_with(&[0x1f, 0x8b]);
            if gz {
                let dec = io::BufReader::new(flate2::bufread::MultiGzDecoder::new(reader));
                Box::new(jsonl::JsonlReader::new(dec, &name, opts.max_doc_bytes))
            } else {
                Box::new(jsonl::JsonlReader::new(reader, &name, opts.max_doc_bytes))
            }
        }
        kind @ (Container::Html | Container::Text) => {
            let mut body = Vec::new();
            // `--max-doc-bytes` bounds the decompressed size.
            let reader: Box<dyn Read> = if head.starts_with(&[0x1f, 0x8b]) {
                Box::new(flate2::bufread::MultiGzDecoder::new(reader))
            } else {
                Box::new(reader)
            };
            if let Err(source) = reader
                .take(opts.max_doc_bytes.saturating_add(1))
                .read_to_end(&mut body)
            {
                return Box::new(std::iter::once(Item::Error(InputError::Io {
                    path: name,
                    source,
                })));
            }
            let mut truncated = None;
            if body.len() as u64 > opts.max_doc_bytes {
                if !opts.truncate {
                    return Box::new(std::iter::once(Item::Error(InputError::TooLarge {
                        path: name,
                        message: format!(
                            "larger than --max-doc-bytes ({} bytes)",
                            opts.max_doc_bytes
                        ),
                        capture: None,
                    })));
                }
                // HTML is cut at the byte limit (its charset is not known yet; a split
                // character at the very end decodes to one U+FFFD); text between
                // characters, as it is decoded here.
                let max = opts.max_doc_bytes as usize;
                let cut = if kind == Container::Text {
                    crate::limits::text_cut(&body, max)
                } else {
                    max
                };
                body.truncate(cut);
                truncated = Some(truncation_note("file", opts.max_doc_bytes));
            }
            // An empty or binary file has no document in it: say so rather than emit a
            // record that looks like an article without mentions.
            if body.iter().all(u8::is_ascii_whitespace) {
                return Box::new(std::iter::once(Item::Error(InputError::Empty {
                    path: name,
                })));
            }
            if crate::limits::looks_binary(&body) {
                let message = format!(
                    "{} bytes starting {:02x?}",
                    body.len(),
                    &body[..body.len().min(8)]
                );
                return Box::new(std::iter::once(Item::Error(InputError::Binary {
                    path: name,
                    message,
                })));
            }
            // A text file is decoded here (BOM, UTF-16, invalid bytes replaced): a
            // `Kind::Text` body is UTF-8 text, used unchanged downstream.
            let mut doc = if kind == Container::Text {
                Document::text(name, crate::decode_text(&body))
            } else {
                Document::html(name, body)
            };
            doc.truncated = truncated;
            Box::new(std::iter::once(Item::Doc(doc)))
        }
    }
}
