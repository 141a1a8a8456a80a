//! WARC input (`.warc`, `.warc.gz`, WARC/1.0 and 1.1): every HTTP `response` record
//! with an HTML payload becomes a document.
//!
//! Records are streamed: a record's block is read into memory only when it is an HTML
//! response no larger than `max_doc_bytes`; everything else is skipped without being
//! held. Compressed files are read one gzip member at a time (crawlers write one member
//! per record; wget's members carry the FEXTRA field, which flate2 accepts), so a
//! corrupt member costs only its own records: the reader reports it and resumes at the
//! next gzip header. In plain files, or a member holding many records, a malformed
//! header is reported and reading resumes at the next `WARC/1.` line.
//!
//! Decisions:
//! - Every HTML response is a document whatever its HTTP status (a 404 page is still a
//!   page; its text tells what it is), except when its body is empty (typical of 3xx
//!   and 304), which is skipped as `empty`.
//! - A payload larger than `max_doc_bytes`, before or after undoing chunked transfer
//!   and gzip/deflate content encoding, is an [`InputError::TooLarge`] error (named by
//!   its target URI): decompression stops at the cap, so a decompression bomb costs at
//!   most `max_doc_bytes`.
//! - `revisit`, `request`, `metadata`, `warcinfo`, `resource`, `conversion` and
//!   `continuation` records are skipped with their type as the reason; `dns:` and
//!   non-HTML responses as `non-html`; URIs not matching `url_filter` as `url-filter`.
//! - Legacy ARC files are not read: they yield one error.
//! - A document's id is its target URI, made unique by [`RunIds`]: across every file
//!   of a run when the readers share one (as `input::items` does), else per file.
//!
//! This module does not decode or parse the HTML: it hands the raw payload and the
//! HTTP charset to `article`.

use super::{Document, InputError, Item, Kind, ReadOptions};
use flate2::bufread::{DeflateDecoder, GzDecoder, ZlibDecoder};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Read};
use std::sync::{Arc, Mutex};

/// The longest header line (WARC or HTTP) accepted; longer means corruption.
const MAX_LINE: usize = 64 << 10;
/// The largest HTTP header block accepted.
const MAX_HTTP_HEADER: usize = 256 << 10;

/// Counts bytes consumed from the raw (compressed) input, for error offsets.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt)
    }
}

/// Where records are read from now.
enum Segment<R> {
    /// Between gzip members (or not started): the raw input.
    Idle(Counting<R>),
    /// Inside one gzip member.
    Member(BufReader<GzDecoder<Counting<R>>>),
    /// An uncompressed file.
    Plain(Counting<R>),
    /// Finished (or the input was taken while switching state).
    Done,
}

/// Streams the HTML responses of a WARC file.
pub struct WarcReader<R> {
    seg: Segment<R>,
    gzip: Option<bool>,
    path: String,
    opts: ReadOptions,
    /// Raw offset of the current gzip member (or of the record, in plain files).
    member_start: u64,
    /// Ids already given out: this reader's own, or the whole run's.
    ids: RunIds,
    /// After a malformed record: skip lines until the next `WARC/1.` line.
    resync: bool,
    /// HTTP status -> number of documents yielded with it.
    statuses: std::collections::BTreeMap<u16, usize>,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader whose ids are unique within this file.
    pub fn new(reader: R, path: &str, opts: ReadOptions) -> Self {
        Self::with_ids(reader, path, opts, RunIds::default())
    }

    /// A reader whose ids are unique among every reader sharing `ids` (one run reads
    /// its WARC files one after the other with the same [`RunIds`]).
    pub fn with_ids(reader: R, path: &str, opts: ReadOptions, ids: RunIds) -> Self {
        WarcReader {
            seg: Segment::Idle(Counting {
                inner: reader,
                pos: 0,
            }),
            gzip: None,
            path: path.to_string(),
            opts,
            member_start: 0,
            ids,
            resync: false,
            statuses: Default::default(),
        }
    }

    /// How many documents came out per HTTP status so far (for reports and tests).
    pub fn status_counts(&self) -> &std::collections::BTreeMap<u16, usize> {
        &self.statuses
    }

    fn record_error(&self, message: impl Into<String>) -> Item {
        Item::Error(InputError::Record {
            path: self.path.clone(),
            offset: self.member_start,
            message: message.into(),
        })
    }

    /// Moves to the next place records can be read from. Returns `None` at the end of
    /// input, `Some(Err(item))` for an error to report.
    fn advance(&mut self) -> Option<Result<(), Item>> {
        match std::mem::replace(&mut self.seg, Segment::Done) {
            Segment::Idle(mut raw) => {
                let head = match raw.fill_buf() {
                    Ok(h) => h,
                    Err(e) => return Some(Err(self.record_error(format!("read error: {e}")))),
                };
                if head.is_empty() {
                    return None;
                }
                let gz = head.starts_with(&[0x1f, 0x8b]);
                if self.gzip.is_none() {
                    self.gzip = Some(gz);
                    if !gz && !head.starts_with(b"WARC/") && head.starts_with(b"filedesc://") {
                        return Some(Err(self.record_error(
                            "legacy ARC files are not supported (convert them to WARC)",
                        )));
                    }
                }
                self.member_start = raw.pos;
                if self.gzip == Some(true) {
                    if !gz {
                        // Garbage between members: find the next gzip header.
                        let skipped = skip_to_gzip_magic(&mut raw);
                        self.seg = Segment::Idle(raw);
                        return Some(match skipped {
                            Ok(n) => Err(self.record_error(format!(
                                "{n} bytes of non-gzip data between members skipped"
                            ))),
                            Err(e) => Err(self.record_error(format!("read error: {e}"))),
                        });
                    }
                    self.seg =
                        Segment::Member(BufReader::with_capacity(1 << 16, GzDecoder::new(raw)));
                } else {
                    self.seg = Segment::Plain(raw);
                }
                Some(Ok(()))
            }
            Segment::Member(dec) => {
                // The member ended (or broke): back to the raw stream after it.
                let raw = dec.into_inner().into_inner();
                self.seg = Segment::Idle(raw);
                Some(Ok(()))
            }
            Segment::Plain(_) | Segment::Done => None,
        }
    }

    /// Abandons a broken gzip member: resumes at the next gzip header in the raw input.
    fn abandon_member(&mut self) {
        match std::mem::replace(&mut self.seg, Segment::Done) {
            Segment::Member(dec) => {
                let mut raw = dec.into_inner().into_inner();
                // Never restart at the broken member's own header.
                if raw.pos == self.member_start {
                    raw.consume(1);
                }
                let _ = skip_to_gzip_magic(&mut raw);
                self.seg = Segment::Idle(raw);
            }
            Segment::Plain(raw) => {
                self.seg = Segment::Plain(raw);
                self.resync = true;
            }
            other => self.seg = other,
        }
    }

    fn reader(&mut self) -> Option<&mut dyn BufRead> {
        match &mut self.seg {
            Segment::Member(r) => Some(r),
            Segment::Plain(r) => Some(r),
            _ => None,
        }
    }

    fn raw_pos(&self) -> u64 {
        match &self.seg {
            Segment::Plain(r) | Segment::Idle(r) => r.pos,
            Segment::Member(r) => r.get_ref().get_ref().pos,
            Segment::Done => self.member_start,
        }
    }

    /// Reads one record from the current segment. `Ok(None)`: the segment is done.
    fn read_record(&mut self) -> Result<Option<Item>, InputError> {
        let plain = matches!(self.seg, Segment::Plain(_));
        if plain {
            self.member_start = self.raw_pos();
        }
        let resync = std::mem::take(&mut self.resync);
        let opts = self.opts.clone();
        let ids = self.ids.clone();
        let path = self.path.clone();
        let member_start = self.member_start;
        let err = |m: String| InputError::Record {
            path: path.clone(),
            offset: member_start,
            message: m,
        };
        let r = self.reader().expect("a readable segment");

        // Version line, skipping blank lines (and, after an error, anything else).
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = read_line(r, &mut line).map_err(|e| err(format!("read error: {e}")))?;
            if n == 0 {
                return Ok(None);
            }
            let t = trim_eol(&line);
            if t.is_empty() {
                continue;
            }
            if t.starts_with(b"WARC/1.") {
                break;
            }
            if resync {
                continue;
            }
            return Err(err(format!(
                "expected a WARC/1.x version line, found {:?}",
                String::from_utf8_lossy(&t[..t.len().min(40)])
            )));
        }
        // Named fields up to the blank line.
        let mut rtype = String::new();
        let mut uri = String::new();
        let mut date = String::new();
        let mut record_id = String::new();
        let mut length: Option<u64> = None;
        loop {
            line.clear();
            let n = read_line(r, &mut line).map_err(|e| err(format!("read error: {e}")))?;
            if n == 0 {
                return Err(err("truncated record header".into()));
            }
            let t = trim_eol(&line);
            if t.is_empty() {
                break;
            }
            let Some(colon) = t.iter().position(|&b| b == b':') else {
                continue; // a folded continuation line or junk: not a field we use
            };
            let name = String::from_utf8_lossy(&t[..colon])
                .trim()
                .to_ascii_lowercase();
            let value = String::from_utf8_lossy(&t[colon + 1..]).trim().to_string();
            match name.as_str() {
                "warc-type" => rtype = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    uri = value
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string()
                }
                "warc-date" => date = value,
                "warc-record-id" => record_id = value,
                "content-length" => length = value.parse().ok(),
                _ => {}
            }
        }
        let Some(length) = length else {
            return Err(err("record without a valid Content-Length".into()));
        };
        let mut block = r.take(length);
        let skip_reason = match rtype.as_str() {
            "response" => {
                if uri.starts_with("dns:") {
                    Some("non-html")
                } else if opts.url_filter.as_ref().is_some_and(|f| !f.is_match(&uri)) {
                    Some("url-filter")
                } else {
                    None
                }
            }
            "revisit" => Some("revisit"),
            "request" => Some("request"),
            "metadata" => Some("metadata"),
            "warcinfo" => Some("warcinfo"),
            "resource" => Some("resource"),
            "conversion" => Some("conversion"),
            "continuation" => Some("continuation"),
            _ => Some("other-record"),
        };
        if let Some(reason) = skip_reason {
            drain(&mut block, length).map_err(err)?;
            return Ok(Some(Item::Skipped(reason)));
        }

        // An HTTP response: status line and headers, then the payload.
        let mut status: u16 = 0;
        let mut content_type: Option<String> = None;
        let mut chunked = false;
        let mut encoding = String::new();
        let mut header_bytes = 0usize;
        let mut first = true;
        loop {
            line.clear();
            let n =
                read_line(&mut block, &mut line).map_err(|e| err(format!("read error: {e}")))?;
            header_bytes += n;
            if n == 0 || header_bytes > MAX_HTTP_HEADER {
                drain(&mut block, 0).map_err(err)?;
                return Err(err(format!("{uri}: truncated or oversized HTTP header")));
            }
            let t = trim_eol(&line);
            if first {
                first = false;
                if !t.starts_with(b"HTTP/") {
                    drain(&mut block, length.saturating_sub(header_bytes as u64)).map_err(err)?;
                    return Ok(Some(Item::Skipped("non-http")));
                }
                status = t
                    .split(|&b| b == b' ')
                    .nth(1)
                    .and_then(|s| std::str::from_utf8(s).ok())
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                continue;
            }
            if t.is_empty() {
                break;
            }
            let Some(colon) = t.iter().position(|&b| b == b':') else {
                continue;
            };
            let name = String::from_utf8_lossy(&t[..colon])
                .trim()
                .to_ascii_lowercase();
            let value = String::from_utf8_lossy(&t[colon + 1..]).trim().to_string();
            match name.as_str() {
                "content-type" => content_type = Some(value),
                "transfer-encoding" => chunked |= value.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => encoding = value.to_ascii_lowercase(),
                _ => {}
            }
        }
        let remaining = length.saturating_sub(header_bytes as u64);
        // An error record takes its id like a document would, so that it is unique too.
        let too_large = |what: &str| {
            Item::Error(InputError::TooLarge {
                path: ids.claim(&uri, &record_id),
                message: format!(
                    "{} record at byte {}: {what} larger than --max-doc-bytes ({} bytes)",
                    path, member_start, opts.max_doc_bytes
                ),
            })
        };
        let mime = content_type.as_deref().map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        if let Some(m) = &mime {
            if !m.is_empty() && !is_html_mime(m) {
                drain(&mut block, remaining).map_err(err)?;
                return Ok(Some(Item::Skipped("non-html")));
            }
        }
        // Chunked framing adds a little; allow for it before calling a payload too big.
        let cap = opts
            .max_doc_bytes
            .saturating_add(opts.max_doc_bytes / 8 + 4096);
        // With --truncate, only the first `cap` bytes of a larger payload are read and
        // the rest is skipped; chunked framing and content encoding are undone on what
        // was read (a cut-off last chunk or compressed stream gives what it holds).
        let mut cut = false;
        if remaining > cap {
            if !opts.truncate {
                drain(&mut block, remaining).map_err(err)?;
                return Ok(Some(too_large("payload")));
            }
            cut = true;
        }
        let mut body = Vec::with_capacity(remaining.min(cap) as usize);
        (&mut block)
            .take(cap)
            .read_to_end(&mut body)
            .map_err(|e| err(format!("read error: {e}")))?;
        if (body.len() as u64) < remaining.min(cap) {
            return Err(err(format!(
                "{uri}: truncated record ({} of {} payload bytes)",
                body.len(),
                remaining
            )));
        }
        if cut {
            drain(&mut block, remaining - cap).map_err(err)?;
        }
        if chunked {
            if let Some(d) = dechunk(&body) {
                body = d;
            }
        }
        if !encoding.is_empty() && encoding != "identity" {
            match decompress(&body, &encoding, opts.max_doc_bytes) {
                Ok(inflated) if inflated.over && !opts.truncate => {
                    return Ok(Some(too_large("decompressed payload")))
                }
                Ok(inflated) if inflated.broken.is_none() || (cut && !inflated.data.is_empty()) => {
                    cut |= inflated.over;
                    body = inflated.data;
                }
                // A payload we cannot undo is likely stored already decoded (some
                // crawlers keep the header but store the identity body); keep it.
                Ok(_) | Err(_) => {}
            }
        }
        if body.len() as u64 > opts.max_doc_bytes {
            if !opts.truncate {
                return Ok(Some(too_large("payload")));
            }
            body.truncate(opts.max_doc_bytes as usize);
            cut = true;
        }
        if mime.as_deref().is_none_or(str::is_empty) && !sniff_html(&body) {
            return Ok(Some(Item::Skipped("non-html")));
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Some(Item::Skipped("empty")));
        }
        let id = self.ids.claim(&uri, &record_id);
        let charset = content_type.as_deref().and_then(charset_param);
        // Every status is a document; see the module docs.
        *self.statuses.entry(status).or_default() += 1;
        Ok(Some(Item::Doc(Document {
            id,
            source: format!("{}@{}", self.path, self.member_start),
            kind: Kind::Html,
            body,
            url: Some(uri),
            date: (date.len() >= 10 && date.is_char_boundary(10)).then(|| date[..10].to_string()),
            date_is_published: false,
            charset,
            truncated: cut.then(|| super::truncation_note("payload", opts.max_doc_bytes)),
        })))
    }
}

/// The document ids a run has given out, shared by the WARC readers of the run so that
/// a URI captured in several files (or twice in one) still gets a distinct id each time.
///
/// The first capture of a URI is `uri`; later ones are `uri#<WARC-Record-ID>`, and in
/// the unlikely case that this is taken too (the same file read twice, a record without
/// an id) `uri#<WARC-Record-ID>#2`, `#3`, ... Files are read one after the other in input
/// order, so the ids depend only on the input list, never on the thread count, and a
/// `--resume` run (which reads every file again) gives every document the same id.
///
/// Only 128-bit hashes of the ids are kept (16 bytes each, whatever the URI length), so
/// a crawl of millions of pages does not hold its URIs in memory. Two different ids
/// with the same hash (odds about n^2 / 2^129) would only give the later one a suffix
/// it did not need; ids stay unique either way.
#[derive(Clone, Debug, Default)]
pub struct RunIds(Arc<Mutex<HashSet<u128>>>);

impl RunIds {
    /// Returns a fresh id for a capture of `uri` whose `WARC-Record-ID` is `record_id`,
    /// and marks it as given out.
    pub fn claim(&self, uri: &str, record_id: &str) -> String {
        // A poisoned lock only means another reader panicked mid-insert; the set of
        // hashes is still valid.
        let mut seen = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if seen.insert(id_hash(uri)) {
            return uri.to_string();
        }
        let base = format!("{uri}#{record_id}");
        if seen.insert(id_hash(&base)) {
            return base;
        }
        (2u64..)
            .map(|n| format!("{base}#{n}"))
            .find(|id| seen.insert(id_hash(id)))
            .expect("an unused suffix")
    }
}

/// A 128-bit hash of an id, the same in every run of a build (`DefaultHasher::new` has
/// fixed keys, unlike `RandomState`).
fn id_hash(id: &str) -> u128 {
    let half = |salt: u8| {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        id.hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            if matches!(self.seg, Segment::Idle(_)) {
                match self.advance()? {
                    Ok(()) => continue,
                    Err(item) => return Some(item),
                }
            }
            if matches!(self.seg, Segment::Done) {
                return None;
            }
            match self.read_record() {
                Ok(Some(item)) => return Some(item),
                Ok(None) => {
                    // End of this member (or of the plain file).
                    if matches!(self.seg, Segment::Plain(_)) {
                        self.seg = Segment::Done;
                        return None;
                    }
                    if let Err(item) = self.advance()? {
                        return Some(item);
                    }
                }
                Err(e) => {
                    self.abandon_member();
                    return Some(Item::Error(e));
                }
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

/// Skips raw bytes up to the next gzip header (`1f 8b 08`); returns how many.
fn skip_to_gzip_magic<R: BufRead>(r: &mut Counting<R>) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        // Keep the last two bytes in case the magic straddles buffer refills.
        let found = buf.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]);
        let n = match found {
            Some(p) => {
                r.consume(p);
                return Ok(skipped + p as u64);
            }
            None if buf.len() > 2 => buf.len() - 2,
            None => buf.len(),
        };
        r.consume(n);
        skipped += n as u64;
        if n == 0 {
            return Ok(skipped);
        }
    }
}

/// Undoes HTTP chunked transfer encoding; `None` if the framing is broken.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let eol = rest.iter().position(|&b| b == b'\n')?;
        let size_line = std::str::from_utf8(&rest[..eol]).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            // A cut-off last chunk: keep what is there.
            out.extend_from_slice(rest);
            return Some(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// What [`decompress`] got out of a payload.
struct Inflated {
    /// At most `cap` bytes of output.
    data: Vec<u8>,
    /// The output went on past `cap`.
    over: bool,
    /// The stream broke (corrupt or cut off) after `data`.
    broken: Option<io::Error>,
}

/// Undoes gzip/deflate content encoding, keeping at most `cap` bytes (reading one more
/// tells whether there was more). `Err` only for an encoding it does not know.
fn decompress(body: &[u8], encoding: &str, cap: u64) -> io::Result<Inflated> {
    let mut data = Vec::new();
    let reader: Box<dyn Read + '_> = match encoding {
        "gzip" | "x-gzip" => Box::new(flate2::bufread::MultiGzDecoder::new(body)),
        // "deflate" is zlib-wrapped by the standard, raw deflate by some servers.
        "deflate" if body.first().is_some_and(|b| b & 0x0f == 8) => {
            Box::new(ZlibDecoder::new(body))
        }
        "deflate" => Box::new(DeflateDecoder::new(body)),
        _ => return Err(io::Error::other("unknown content encoding")),
    };
    // On an error, what was decoded before it is in `data` (`read_to_end` keeps it).
    let broken = reader
        .take(cap.saturating_add(1))
        .read_to_end(&mut data)
        .err();
    let over = data.len() as u64 > cap;
    data.truncate(cap as usize);
    Ok(Inflated { data, over, broken })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        let cases: &[(&[u8], Option<&[u8]>)] = &[
            (
                b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
                Some(b"hello world"),
            ),
            (b"5;ext=1\r\nhello\r\n0\r\n", Some(b"hello")),
            (b"a\r\nshort", Some(b"short")),
            (b"zz\r\nhello", None),
        ];
        for (input, want) in cases {
            assert_eq!(dechunk(input).as_deref(), *want, "{input:?}");
        }
    }

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
    fn run_ids_are_unique() {
        let ids = RunIds::default();
        let other = ids.clone(); // as the next file's reader holds it
        let got = [
            ids.claim("https://a/", "<urn:1>"),
            ids.claim("https://b/", "<urn:2>"),
            other.claim("https://a/", "<urn:3>"),
            // The same record read twice (the same file given twice).
            other.claim("https://a/", "<urn:3>"),
            other.claim("https://a/", "<urn:3>"),
        ];
        assert_eq!(
            got,
            [
                "https://a/",
                "https://b/",
                "https://a/#<urn:3>",
                "https://a/#<urn:3>#2",
                "https://a/#<urn:3>#3",
            ]
        );
        // A reader of its own does not see the others' ids.
        assert_eq!(
            RunIds::default().claim("https://a/", "<urn:9>"),
            "https://a/"
        );
    }

    #[test]
    fn decompression_is_capped() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut enc = GzEncoder::new(Vec::new(), Compression::best());
        enc.write_all(&vec![b'a'; 100_000]).unwrap();
        let gz = enc.finish().unwrap();
        let capped = decompress(&gz, "gzip", 1000).unwrap();
        assert!(capped.over && capped.broken.is_none());
        assert_eq!(capped.data, vec![b'a'; 1000]);
        let whole = decompress(&gz, "gzip", 200_000).unwrap();
        assert!(!whole.over && whole.broken.is_none());
        assert_eq!(whole.data.len(), 100_000);
        // A stream cut off in the middle gives what it holds, and says it broke.
        let cut = decompress(&gz[..gz.len() / 2], "gzip", 200_000).unwrap();
        assert!(cut.broken.is_some() && !cut.over);
        assert!(cut.data.iter().all(|&b| b == b'a'));
        assert!(decompress(&gz, "br", 1000).is_err());
    }
}
