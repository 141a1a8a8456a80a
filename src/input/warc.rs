//! Web archive input: WARC (`.warc`, `.warc.gz`; WARC/1.0 and 1.1, and the WARC/0.17
//! and 0.18 drafts) and ARC (`.arc`, `.arc.gz`, see `arc`). Every HTTP `response`
//! record, and every `resource` record, with an HTML payload becomes a document.
//!
//! Records are streamed: a record's block is read into memory only when it is an HTML
//! payload no larger than `max_doc_bytes`; everything else is skipped without being
//! held. The bytes come from `stream`, which reads gzip members and plain stretches as
//! one stream, so records need not line up with gzip members.
//!
//! Decisions:
//! - Every HTML response is a document whatever its HTTP status (a 404 page is still a
//!   page; its text tells what it is), except when its body is empty (typical of 3xx
//!   and 304), which is skipped as `empty`.
//! - A payload larger than `max_doc_bytes`, before or after undoing chunked transfer
//!   and content encoding, is an [`InputError::TooLarge`] error (named by its target
//!   URI): decompression stops at the cap, so a decompression bomb costs at most
//!   `max_doc_bytes`.
//! - An encoding that cannot be undone is an error of its own kind, and a compressed
//!   payload cut short gives its decoded part with a note (see `decode`).
//! - `revisit`, `request`, `metadata`, `warcinfo`, `conversion` and `continuation`
//!   records (and ARC `filedesc://` records) are skipped with their type as the reason;
//!   `dns:` and non-HTML payloads as `non-html`; URIs not matching `url_filter` as
//!   `url-filter`.
//! - Tolerant where warcio is: any `HTTP...` status line (`HTTPX/1.1`), header lines
//!   ending `\r\r\n`, ARC lengths that are not numbers (0). Bytes between records that
//!   are not a record are skipped with one `stray-bytes` warning (a skip reason, not an
//!   error record). A record whose header is broken is an error record, and reading
//!   resumes at the next record start (a `WARC/` line, or an ARC header line in an ARC
//!   file), inside the same gzip member or not.
//! - A document's id is its target URI with the record's own name, `URI#<WARC-Record-ID>`
//!   (`URI#DATE@OFFSET` for an ARC record, or a WARC record without an id: the archive
//!   date as written and the record's offset in its file). It depends on the record
//!   alone, so that the same capture has the same id whatever other files a run reads,
//!   in whatever order, and whether one process reads them all or one per file (Spark).
//! - `--status` ([`StatusFilter`]) skips HTML responses whose HTTP status does not
//!   match, as `status-filter`, before their payload is read; `resource` records have
//!   no HTTP status and are kept.
//! - The capture facts (date, HTTP status, record id, media type) go into
//!   [`Document::capture`](super::Document).
//!
//! This module does not decode or parse the HTML: it hands the payload and the HTTP
//! charset to `article`.

use super::arc;
use super::decode::{self, Failure};
use super::stream::ArchiveStream;
use super::{Capture, Document, InputError, Item, Kind, ReadOptions};
use crate::record::{DocError, ErrorKind};
use std::collections::BTreeMap;
use std::io::{self, BufRead, Read};

/// The longest header line (WARC, ARC or HTTP) accepted; longer means corruption.
const MAX_LINE: usize = 64 << 10;
/// The largest HTTP header block accepted.
const MAX_HTTP_HEADER: usize = 256 << 10;

/// Which record format a file holds (fixed by its first record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Warc,
    Arc,
}

/// What a record's header says.
struct Head {
    /// Raw offset of the record (of its gzip member, in a compressed file).
    offset: u64,
    format: Format,
    /// `response`, `resource`, ... (lower case); ARC records are `response`, or
    /// `filedesc` for the file's first record.
    rtype: String,
    uri: String,
    /// `YYYY-MM-DD...` (the WARC-Date, or the ARC date), or empty.
    date: String,
    /// The archive date as the record writes it (`2016-03-17T08:12:03Z`, or an ARC
    /// header's `20160317081203`), or empty.
    stamp: String,
    /// The `WARC-Record-ID`, or empty (ARC records have none).
    record_id: String,
    length: u64,
    /// The payload's media type when the record itself gives it: a `resource`
    /// record's Content-Type, an ARC header's content type (a fallback when the HTTP
    /// headers name none).
    payload_type: Option<String>,
}

/// What an HTTP response's head says about its payload.
struct HttpHead {
    status: u16,
    content_type: Option<String>,
    chunked: bool,
    encoding: String,
    /// Bytes of the block the head took.
    len: u64,
}

/// How a record's start was found.
enum Start {
    Record(Vec<u8>, u64, Format),
    /// Bytes that are not a record were skipped before one (or before the end).
    Stray,
    End,
}

/// Streams the HTML documents of a WARC or ARC file.
pub struct WarcReader<R> {
    stream: ArchiveStream<R>,
    path: String,
    opts: ReadOptions,
    format: Option<Format>,
    /// After a broken record: skip to the next record start without a warning.
    resync: bool,
    /// A record start found after stray bytes, read on the next call.
    pending: Option<(Vec<u8>, u64, Format)>,
    /// The stream position of the last error, to stop on a reader that keeps failing.
    last_error: Option<u64>,
    done: bool,
    /// HTTP status -> number of documents yielded with it (0: `resource` records).
    statuses: BTreeMap<u16, usize>,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader of the archive `reader`, named `path` in sources and error messages.
    pub fn new(reader: R, path: &str, opts: ReadOptions) -> Self {
        WarcReader {
            stream: ArchiveStream::new(reader),
            path: path.to_string(),
            opts,
            format: None,
            resync: false,
            pending: None,
            last_error: None,
            done: false,
            statuses: Default::default(),
        }
    }

    /// How many documents came out per HTTP status so far (for reports and tests).
    pub fn status_counts(&self) -> &BTreeMap<u16, usize> {
        &self.statuses
    }

    fn error_at(&self, offset: u64, message: impl Into<String>) -> InputError {
        InputError::Record {
            path: self.path.clone(),
            offset,
            message: message.into(),
        }
    }

    /// Whether a line starts a record: a `WARC/<digit>` version line, or an ARC
    /// header line. The first record fixes the format, so that a line of a payload
    /// is never taken for a record of the other format.
    fn start_format(&self, line: &[u8]) -> Option<Format> {
        let warc = line.starts_with(b"WARC/") && line.get(5).is_some_and(u8::is_ascii_digit);
        match self.format {
            Some(Format::Warc) => warc.then_some(Format::Warc),
            Some(Format::Arc) => arc::parse_header(line).map(|_| Format::Arc),
            None if warc => Some(Format::Warc),
            None => arc::parse_header(line).map(|_| Format::Arc),
        }
    }

    /// Skips to the next record start: blank lines silently, anything else as stray
    /// bytes (silently too after a broken record, whose rest they are).
    fn find_start(&mut self) -> Result<Start, InputError> {
        if let Some((line, offset, format)) = self.pending.take() {
            return Ok(Start::Record(line, offset, format));
        }
        self.stream.set_seeking(true);
        let mut stray = 0u64;
        let mut first_stray = None;
        let mut line = Vec::new();
        loop {
            let at_end = match self.stream.fill_buf() {
                Ok(buf) => buf.is_empty(),
                // The gzip member of a record already reported broken breaks again
                // (its checksum fails): one error is enough.
                Err(_) if std::mem::take(&mut self.resync) => continue,
                Err(e) => {
                    let at = self.stream.position();
                    return Err(self.error_at(at, format!("read error: {e}")));
                }
            };
            let offset = self.stream.position();
            if at_end {
                let resync = std::mem::take(&mut self.resync);
                if stray == 0 || resync {
                    return Ok(Start::End);
                }
                if self.format.is_none() {
                    return Err(self.error_at(
                        first_stray.unwrap_or(0),
                        format!("no WARC or ARC record found ({stray} bytes)"),
                    ));
                }
                return Ok(Start::Stray);
            }
            line.clear();
            match read_line(&mut self.stream, &mut line) {
                Ok(_) => {}
                Err(_) if std::mem::take(&mut self.resync) => continue,
                Err(e) => return Err(self.error_at(offset, format!("read error: {e}"))),
            }
            let t = trim_eol(&line);
            if t.is_empty() {
                continue;
            }
            if let Some(format) = self.start_format(t) {
                self.stream.set_seeking(false);
                self.format = Some(format);
                let resync = std::mem::take(&mut self.resync);
                let start = (t.to_vec(), offset, format);
                if stray > 0 && !resync {
                    self.pending = Some(start);
                    return Ok(Start::Stray);
                }
                return Ok(Start::Record(start.0, start.1, start.2));
            }
            // The rest of a broken record is not stray.
            if !self.resync {
                first_stray.get_or_insert(offset);
                stray += line.len() as u64;
            }
        }
    }

    /// Reads one record. `Ok(None)`: the end of the input.
    fn read_record(&mut self) -> Result<Option<Item>, InputError> {
        let (line, offset, format) = match self.find_start()? {
            Start::Record(line, offset, format) => (line, offset, format),
            Start::Stray => return Ok(Some(Item::Skipped("stray-bytes"))),
            Start::End => return Ok(None),
        };
        let head = match format {
            Format::Warc => self.read_warc_fields(offset)?,
            Format::Arc => {
                let h = arc::parse_header(&line).expect("a line start_format accepted");
                Head {
                    offset,
                    format,
                    rtype: if h.uri.starts_with("filedesc:") {
                        "filedesc".into()
                    } else {
                        "response".into()
                    },
                    record_id: String::new(),
                    uri: h.uri,
                    date: h.date,
                    stamp: h.stamp,
                    length: h.length,
                    payload_type: Some(h.mime),
                }
            }
        };
        let mut item = self.read_block(&head)?;
        // A member's checksum is checked only at its end: a record whose member turns
        // out corrupt says so itself, since its text may be wrong.
        if let Err(e) = self.stream.finish_member() {
            self.resync = true;
            let message =
                format!("the record's gzip member is corrupt ({e}): its text may be wrong");
            match &mut item {
                Item::Doc(doc) => {
                    doc.partial = Some(DocError {
                        kind: ErrorKind::Warc,
                        message,
                    })
                }
                Item::Error(_) => {}
                _ => return Err(self.error_at(head.offset, message)),
            }
        }
        // The record's end: whatever follows is looked at as a new record.
        self.stream.set_seeking(true);
        Ok(Some(item))
    }

    /// The named fields of a WARC record, up to the blank line.
    fn read_warc_fields(&mut self, offset: u64) -> Result<Head, InputError> {
        let mut head = Head {
            offset,
            format: Format::Warc,
            rtype: String::new(),
            uri: String::new(),
            date: String::new(),
            stamp: String::new(),
            record_id: String::new(),
            length: 0,
            payload_type: None,
        };
        let mut length = None;
        let mut content_type = None;
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = read_line(&mut self.stream, &mut line)
                .map_err(|e| self.error_at(offset, format!("read error: {e}")))?;
            if n == 0 {
                return Err(self.error_at(offset, "truncated record header"));
            }
            let Some((name, value)) = field(trim_eol(&line)) else {
                if trim_eol(&line).is_empty() {
                    break;
                }
                continue; // a folded continuation line or junk: not a field we use
            };
            match name.as_str() {
                "warc-type" => head.rtype = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    head.uri = value
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string()
                }
                "warc-date" => {
                    head.date = value.clone();
                    head.stamp = value;
                }
                "warc-record-id" => head.record_id = value,
                "content-length" => length = value.parse().ok(),
                "content-type" => content_type = Some(value),
                _ => {}
            }
        }
        let Some(length) = length else {
            return Err(self.error_at(offset, "record without a valid Content-Length"));
        };
        head.length = length;
        if head.rtype == "resource" {
            head.payload_type = content_type;
        }
        Ok(head)
    }

    /// Why a record is skipped without reading its payload, if it is.
    fn skip_reason(&self, head: &Head) -> Option<&'static str> {
        let reason = match head.rtype.as_str() {
            "response" | "resource" => {
                if head.uri.starts_with("dns:") {
                    Some("non-html")
                } else if (self.opts.url_filter.as_ref()).is_some_and(|f| !f.is_match(&head.uri)) {
                    Some("url-filter")
                } else if head.rtype == "resource"
                    && !head
                        .payload_type
                        .as_deref()
                        .is_some_and(|t| is_html_mime(&mime_of(t)))
                {
                    Some("non-html")
                } else {
                    None
                }
            }
            "revisit" => Some("revisit"),
            "request" => Some("request"),
            "metadata" => Some("metadata"),
            "warcinfo" => Some("warcinfo"),
            "filedesc" => Some("filedesc"),
            "conversion" => Some("conversion"),
            "continuation" => Some("continuation"),
            _ => Some("other-record"),
        };
        reason
    }

    /// Reads a record's block: skips it, or reads its payload and makes the document.
    fn read_block(&mut self, head: &Head) -> Result<Item, InputError> {
        let offset = head.offset;
        let err = |m: String| InputError::Record {
            path: self.path.clone(),
            offset,
            message: m,
        };
        let skip = self.skip_reason(head);
        let mut block = (&mut self.stream).take(head.length);
        if let Some(reason) = skip {
            drain(&mut block, head.length).map_err(err)?;
            return Ok(Item::Skipped(reason));
        }
        // ARC records whose length warcio reads as 0 (`-1`, `abc`) among them.
        if head.length == 0 {
            return Ok(Item::Skipped("empty"));
        }
        let http = if head.rtype == "resource" {
            HttpHead {
                status: 0,
                content_type: head.payload_type.clone(),
                chunked: false,
                encoding: String::new(),
                len: 0,
            }
        } else {
            match read_http_head(&mut block, &head.uri).map_err(err)? {
                Some(mut h) => {
                    if h.content_type.is_none() && head.format == Format::Arc {
                        h.content_type = head.payload_type.clone();
                    }
                    h
                }
                None => {
                    drain(&mut block, 0).map_err(err)?;
                    return Ok(Item::Skipped("non-http"));
                }
            }
        };
        let remaining = head.length.saturating_sub(http.len);
        let mime = http.content_type.as_deref().map(mime_of);
        if mime
            .as_deref()
            .is_some_and(|m| !m.is_empty() && !is_html_mime(m))
        {
            drain(&mut block, remaining).map_err(err)?;
            return Ok(Item::Skipped("non-html"));
        }
        // `resource` records (status 0: no HTTP response) are kept.
        if (self.opts.status_filter.as_ref())
            .is_some_and(|f| http.status != 0 && !f.matches(http.status))
        {
            drain(&mut block, remaining).map_err(err)?;
            return Ok(Item::Skipped("status-filter"));
        }
        let body = read_body(&mut block, remaining, &self.opts, &head.uri).map_err(err)?;
        let Some(body) = body else {
            return Ok(self.too_large(head, &http, mime, "payload"));
        };
        self.document(head, http, mime, body)
    }

    /// An error record for a payload over --max-doc-bytes. It takes its id like a
    /// document would, so that it is unique too.
    fn too_large(&self, head: &Head, http: &HttpHead, mime: Option<String>, what: &str) -> Item {
        Item::Error(InputError::TooLarge {
            path: record_key(head),
            message: format!(
                "{} record at byte {}: {what} larger than --max-doc-bytes ({} bytes)",
                self.path, head.offset, self.opts.max_doc_bytes
            ),
            capture: Some(capture(head, http, mime)),
        })
    }

    /// Undoes the payload's encodings and makes the document (or says why not).
    fn document(
        &mut self,
        head: &Head,
        http: HttpHead,
        mime: Option<String>,
        body: Body,
    ) -> Result<Item, InputError> {
        let untyped = mime.as_deref().is_none_or(str::is_empty);
        let Body { bytes, cut, short } = body;
        let max = self.opts.max_doc_bytes;
        let limits = (max, self.opts.truncate, cut);
        let decoded = match decode::payload(bytes, http.chunked, &http.encoding, limits) {
            Ok(d) => d,
            Err(Failure::TooLarge) => {
                return Ok(self.too_large(head, &http, mime, "decompressed payload"))
            }
            // Without a media type, a payload that is not text is not HTML either.
            Err(Failure::Encoding(..)) if untyped => return Ok(Item::Skipped("non-html")),
            Err(Failure::Encoding(kind, message)) => {
                return Ok(Item::Error(InputError::Payload {
                    path: record_key(head),
                    kind,
                    message: format!("{} record at byte {}: {message}", self.path, head.offset),
                    capture: Some(capture(head, &http, mime)),
                }))
            }
        };
        let mut cut = cut || decoded.over;
        let mut body = decoded.body;
        if body.len() as u64 > max {
            if !self.opts.truncate {
                return Ok(self.too_large(head, &http, mime, "payload"));
            }
            body.truncate(max as usize);
            cut = true;
        }
        if untyped && !sniff_html(&body) {
            return Ok(Item::Skipped("non-html"));
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Item::Skipped("empty"));
        }
        let id = record_key(head);
        let charset = http.content_type.as_deref().and_then(charset_param);
        // Every status is a document; see the module docs.
        *self.statuses.entry(http.status).or_default() += 1;
        let date = &head.date;
        Ok(Item::Doc(Document {
            id,
            source: format!("{}@{}", self.path, head.offset),
            kind: Kind::Html,
            body,
            url: Some(head.uri.clone()),
            date: (date.len() >= 10 && date.is_char_boundary(10)).then(|| date[..10].to_string()),
            date_is_published: false,
            charset,
            truncated: cut.then(|| super::truncation_note("payload", max)),
            // A record cut short is the cause of any encoding cut short in it.
            partial: short
                .map(|message| DocError {
                    kind: ErrorKind::Warc,
                    message,
                })
                .or(decoded.partial),
            capture: Some(capture(head, &http, mime)),
        }))
    }
}

/// The capture facts of a record, for its document or its error record.
fn capture(head: &Head, http: &HttpHead, mime: Option<String>) -> Box<Capture> {
    Box::new(Capture {
        date: iso_timestamp(&head.stamp),
        http_status: (http.status != 0).then_some(http.status),
        record_id: (!head.record_id.is_empty()).then(|| head.record_id.clone()),
        content_type: mime.filter(|m| !m.is_empty()),
    })
}

/// A header line's name (lower case) and value, both trimmed.
fn field(line: &[u8]) -> Option<(String, String)> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = String::from_utf8_lossy(&line[..colon])
        .trim()
        .to_ascii_lowercase();
    let value = String::from_utf8_lossy(&line[colon + 1..])
        .trim()
        .to_string();
    Some((name, value))
}

/// The media type of a Content-Type value, lower case, without parameters.
fn mime_of(content_type: &str) -> String {
    let m = content_type.split(';').next().unwrap_or("");
    m.trim().to_ascii_lowercase()
}

/// Reads the status line and headers of an HTTP response. `Ok(None)`: the block is
/// not an HTTP response. Any `HTTP...` protocol name is one (warcio does not check
/// it: `HTTPX/1.1` is read).
fn read_http_head<R: BufRead>(block: &mut R, uri: &str) -> Result<Option<HttpHead>, String> {
    let mut head = HttpHead {
        status: 0,
        content_type: None,
        chunked: false,
        encoding: String::new(),
        len: 0,
    };
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        let n = read_line(block, &mut line).map_err(|e| format!("read error: {e}"))?;
        head.len += n as u64;
        if n == 0 || head.len > MAX_HTTP_HEADER as u64 {
            return Err(format!("{uri}: truncated or oversized HTTP header"));
        }
        let t = trim_eol(&line);
        if first {
            first = false;
            if !t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"HTTP")) {
                return Ok(None);
            }
            head.status = t
                .split(|&b| b == b' ')
                .find(|s| !s.is_empty() && s.iter().all(u8::is_ascii_digit))
                .and_then(|s| std::str::from_utf8(s).ok())
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            continue;
        }
        if t.is_empty() {
            return Ok(Some(head));
        }
        let Some((name, value)) = field(t) else {
            continue;
        };
        match name.as_str() {
            "content-type" => head.content_type = Some(value),
            "transfer-encoding" => head.chunked |= value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => head.encoding = value.to_ascii_lowercase(),
            _ => {}
        }
    }
}

/// A payload as read from its record.
struct Body {
    bytes: Vec<u8>,
    /// Cut at the cap (`--truncate`).
    cut: bool,
    /// The record ended before its Content-Length (the end of the file, or a broken
    /// gzip member): what it held is the payload, and this says so.
    short: Option<String>,
}

/// Reads a payload of `remaining` bytes. `Ok(None)`: larger than the cap, without
/// `--truncate` (and skipped). With `--truncate`, only the first `cap` bytes are read
/// and the rest is skipped. `Err`: the block ends before any payload byte.
fn read_body<R: Read>(
    block: &mut R,
    remaining: u64,
    opts: &ReadOptions,
    uri: &str,
) -> Result<Option<Body>, String> {
    // Chunked framing adds a little; allow for it before calling a payload too big.
    let cap = opts
        .max_doc_bytes
        .saturating_add(opts.max_doc_bytes / 8 + 4096);
    let cut = remaining > cap;
    if cut && !opts.truncate {
        drain(block, remaining)?;
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(remaining.min(cap) as usize);
    // On an error, what was read before it is in `bytes` (`read_to_end` keeps it).
    let error = block.take(cap).read_to_end(&mut bytes).err();
    let mut short = None;
    if (bytes.len() as u64) < remaining.min(cap) {
        let why = error.map_or_else(
            || "the file ends".to_string(),
            |e| format!("read error: {e}"),
        );
        let what = format!(
            "{uri}: truncated record ({} of {} payload bytes; {why})",
            bytes.len(),
            remaining
        );
        if bytes.is_empty() {
            return Err(what);
        }
        short = Some(format!("{what}: only the bytes there were extracted"));
    } else if cut {
        drain(block, remaining - cap)?;
    }
    Ok(Some(Body { bytes, cut, short }))
}

/// A record's document id: `URI#<WARC-Record-ID>`, else `URI#DATE@OFFSET` (see the
/// module docs). Error records of the record (too large, a broken encoding) take it too.
fn record_key(head: &Head) -> String {
    if head.record_id.is_empty() {
        format!("{}#{}@{}", head.uri, head.stamp, head.offset)
    } else {
        format!("{}#{}", head.uri, head.record_id)
    }
}

/// An archive date in ISO 8601: a `WARC-Date` as written (it is ISO 8601 already), an
/// ARC date (`YYYYMMDDhhmmss`, or only its first 8 digits) as `YYYY-MM-DDThh:mm:ssZ`
/// (or `YYYY-MM-DD`). `None` for anything else, so that the field is always a date.
fn iso_timestamp(stamp: &str) -> Option<String> {
    use chrono::{NaiveDate, NaiveDateTime};
    let s = stamp.trim();
    if s.as_bytes().get(4) == Some(&b'-') {
        // A WARC-Date: kept as written once its day is a real one.
        NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
        return Some(s.to_string());
    }
    if s.len() < 8 || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if s.len() < 14 {
        let day = NaiveDate::parse_from_str(&s[..8], "%Y%m%d").ok()?;
        return Some(day.format("%Y-%m-%d").to_string());
    }
    let time = NaiveDateTime::parse_from_str(&s[..14], "%Y%m%d%H%M%S").ok()?;
    Some(time.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// `--status`: which HTTP statuses to keep, as a list of codes (`200`), classes
/// (`2xx`) and ranges (`200-299`), comma-separated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusFilter(Vec<(u16, u16)>);

impl StatusFilter {
    /// Whether a response with HTTP status `status` is kept.
    pub fn matches(&self, status: u16) -> bool {
        self.0.iter().any(|&(lo, hi)| (lo..=hi).contains(&status))
    }

    /// Adds the terms of another `--status` (the flag may be repeated).
    pub fn extend(&mut self, other: StatusFilter) {
        self.0.extend(other.0);
    }
}

impl std::str::FromStr for StatusFilter {
    type Err = String;

    fn from_str(s: &str) -> Result<StatusFilter, String> {
        let code = |t: &str| -> Option<u16> {
            let n: u16 = t.parse().ok()?;
            (t.len() == 3 && (100..=599).contains(&n)).then_some(n)
        };
        let mut ranges = Vec::new();
        for term in s.split(',').map(str::trim) {
            let lower = term.to_ascii_lowercase();
            let range = if let Some(class) = lower.strip_suffix("xx") {
                match class.parse::<u16>() {
                    Ok(c @ 1..=5) if class.len() == 1 => Some((c * 100, c * 100 + 99)),
                    _ => None,
                }
            } else if let Some((lo, hi)) = term.split_once('-') {
                code(lo.trim())
                    .zip(code(hi.trim()))
                    .filter(|(lo, hi)| lo <= hi)
            } else {
                code(term).map(|c| (c, c))
            };
            let Some(range) = range else {
                return Err(format!(
                    "{term:?} is not an HTTP status (200), class (2xx) or range (200-299)"
                ));
            };
            ranges.push(range);
        }
        Ok(StatusFilter(ranges))
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some(item)) => Some(item),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                // A reader that fails twice at the same place would fail forever.
                let at = self.stream.raw_pos();
                if self.last_error == Some(at) {
                    self.done = true;
                }
                self.last_error = Some(at);
                self.resync = true;
                self.stream.set_seeking(true);
                Some(Item::Error(e))
            }
        }
    }
}

fn is_html_mime(m: &str) -> bool {
    matches!(
        m,
        "text/html" | "application/xhtml+xml" | "application/xhtml"
    )
}

/// Whether a payload without a Content-Type looks like HTML.
fn sniff_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xef || **b == 0xbb || **b == 0xbf)
        .take(256)
        .map(u8::to_ascii_lowercase)
        .collect();
    ["<!doctype html", "<html", "<head", "<body", "<!--"]
        .iter()
        .any(|p| head.starts_with(p.as_bytes()))
}

/// The `charset` parameter of a Content-Type value.
fn charset_param(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// Reads one line (up to and including `\n`), at most [`MAX_LINE`] bytes.
fn read_line<R: BufRead + ?Sized>(r: &mut R, out: &mut Vec<u8>) -> io::Result<usize> {
    let n = r.take(MAX_LINE as u64).read_until(b'\n', out)?;
    Ok(n)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let mut t = line;
    while let [rest @ .., b'\n' | b'\r'] = t {
        t = rest;
    }
    t
}

/// Discards the rest of a record block; an early end means the record was truncated.
fn drain<R: Read>(r: &mut R, expected: u64) -> Result<(), String> {
    let mut sink = io::sink();
    let n = io::copy(r, &mut sink).map_err(|e| format!("read error: {e}"))?;
    if n < expected {
        return Err(format!("truncated record ({n} of {expected} bytes)"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_params() {
        let cases: &[(&str, Option<&str>)] = &[
            ("text/html; charset=ISO-8859-1", Some("ISO-8859-1")),
            ("text/html;charset=\"utf-8\"", Some("utf-8")),
            ("text/html", None),
        ];
        for (input, want) in cases {
            assert_eq!(charset_param(input).as_deref(), *want, "{input}");
        }
    }

    #[test]
    fn archive_dates_in_iso_8601() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2016-03-17T08:12:03Z", Some("2016-03-17T08:12:03Z")),
            (
                "2016-03-17T08:12:03.123456Z",
                Some("2016-03-17T08:12:03.123456Z"),
            ),
            ("2016-03-17", Some("2016-03-17")),
            ("20140216050221", Some("2014-02-16T05:02:21Z")),
            // ARC dates longer than 14 digits (warcio reads them): the seconds are kept.
            ("201404010000000000", Some("2014-04-01T00:00:00Z")),
            ("20140216", Some("2014-02-16")),
            ("2014-13-01T00:00:00Z", None),
            ("20141301000000", None),
            ("20140216256021", None),
            ("yesterday", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(iso_timestamp(input).as_deref(), *want, "{input}");
        }
    }

    #[test]
    fn status_filters() {
        // The spec, then statuses kept and statuses dropped.
        let cases: &[(&str, &[u16], &[u16])] = &[
            ("200", &[200], &[201, 404, 301]),
            ("2xx", &[200, 204, 299], &[300, 199]),
            ("2XX,404", &[200, 404], &[403, 500]),
            ("300-308, 200", &[200, 301, 308], &[309, 404]),
        ];
        for (spec, kept, dropped) in cases {
            let f: StatusFilter = spec.parse().unwrap();
            for s in *kept {
                assert!(f.matches(*s), "{spec} keeps {s}");
            }
            for s in *dropped {
                assert!(!f.matches(*s), "{spec} drops {s}");
            }
        }
        for bad in ["", "ok", "20", "2000", "6xx", "299-200", "2xx,", "99"] {
            assert!(bad.parse::<StatusFilter>().is_err(), "{bad:?}");
        }
    }
}
