//! Undoing what HTTP did to an archived payload: chunked transfer encoding and the
//! `gzip`, `deflate`, `br` and `zstd` content encodings; then the last check that what
//! is left is text.
//!
//! Never silent garbage: a payload whose encoding cannot be undone in full is either
//! an error of its own kind (`truncated_encoding`, `unsupported_encoding`,
//! `corrupt_encoding`), or, when a compressed stream is only cut short, the text decoded
//! before the cut with a `truncated_encoding` note that the record carries. Bytes that
//! are still compressed or binary are never handed on as a document.
//!
//! Like warcio, a payload whose encoding fails on its very first bytes is taken as
//! stored already decoded (some crawlers keep the header but store the identity body),
//! and kept if it is text.
//!
//! This module does not parse HTTP or WARC; `warc` calls [`payload`] with the body and
//! the headers it read.

use crate::record::{DocError, ErrorKind};
use flate2::{Decompress, FlushDecompress, Status};
use std::cell::Cell;
use std::io::{self, BufRead, Read};

/// A payload ready to be a document.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub body: Vec<u8>,
    /// More than `cap` bytes came out and `--truncate` cut them.
    pub over: bool,
    /// The encoding could be undone only in part: the record says so.
    pub partial: Option<DocError>,
}

/// Why a payload is not a document.
#[derive(Debug, PartialEq)]
pub(crate) enum Failure {
    /// The decoded payload is larger than the cap (without `--truncate`).
    TooLarge,
    /// It cannot be decoded to text: this kind of error, with this message.
    Encoding(ErrorKind, String),
}

/// How a decoder's stream ended.
#[derive(Debug, PartialEq)]
enum End {
    Complete,
    /// The input ended before the stream did.
    Cut,
    /// The stream is corrupt (or has bytes after its end).
    Corrupt(String),
}

/// What a decoder got out of a payload: at most `cap` bytes, and whether it went on.
struct Inflated {
    data: Vec<u8>,
    over: bool,
    end: End,
}

/// Undoes chunked transfer encoding (when `chunked`) and the content encodings named
/// in `encoding` (a `Content-Encoding` value), keeping at most `cap` decoded bytes.
/// `truncate`: a decoded payload over the cap is cut rather than refused. `cut`: the
/// payload was already cut at the cap (`--truncate`), so a stream ending early is
/// expected and not reported again.
pub(crate) fn payload(
    body: Vec<u8>,
    chunked: bool,
    encoding: &str,
    (cap, truncate, cut): (u64, bool, bool),
) -> Result<Decoded, Failure> {
    let mut partial = None;
    let mut body = body;
    if chunked {
        match dechunk(&body) {
            Dechunked::Whole(d) => body = d,
            Dechunked::Cut(d) => {
                body = d;
                if !cut {
                    partial = Some(note(
                        ErrorKind::TruncatedEncoding,
                        "chunked body ends before its last (0) chunk".into(),
                    ));
                }
            }
            // Not chunked after all (warcio reads it as it is).
            Dechunked::NotChunked => {}
        }
    }
    let mut over = false;
    // Encodings apply in the order listed: undo the last first.
    for enc in encoding.rsplit(',').map(|e| e.trim().to_ascii_lowercase()) {
        if enc.is_empty() || enc == "identity" {
            continue;
        }
        let Some(inflated) = decompress(&body, &enc, cap) else {
            if looks_like_text(&body) {
                // Labelled but stored decoded.
                continue;
            }
            return Err(Failure::Encoding(
                ErrorKind::UnsupportedEncoding,
                format!("content encoding {enc:?} is not supported; the payload was not extracted"),
            ));
        };
        if inflated.over && !truncate {
            return Err(Failure::TooLarge);
        }
        over |= inflated.over;
        match inflated.end {
            End::Complete => body = inflated.data,
            _ if inflated.over => body = inflated.data,
            End::Cut if inflated.data.is_empty() => {
                if !looks_like_text(&body) {
                    return Err(Failure::Encoding(
                        ErrorKind::TruncatedEncoding,
                        format!("{enc} payload ends before any of it could be decoded"),
                    ));
                }
            }
            End::Cut => {
                if !cut {
                    partial = Some(note(
                        ErrorKind::TruncatedEncoding,
                        format!(
                            "{enc} payload cut short: only the first {} decoded bytes were extracted",
                            inflated.data.len()
                        ),
                    ));
                }
                body = inflated.data;
            }
            End::Corrupt(why) => {
                if inflated.data.is_empty() && looks_like_text(&body) {
                    continue; // labelled but stored decoded
                }
                return Err(Failure::Encoding(
                    ErrorKind::CorruptEncoding,
                    format!("corrupt {enc} payload ({why}); it was not extracted"),
                ));
            }
        }
    }
    if !looks_like_text(&body) {
        let what = compression_of(&body).map_or_else(
            || "binary data".to_string(),
            |c| format!("still {c}-compressed (Content-Encoding {encoding:?})"),
        );
        return Err(Failure::Encoding(
            ErrorKind::CorruptEncoding,
            format!(
                "the payload is {what}, not text: not extracted (it starts {:02x?})",
                &body[..body.len().min(8)]
            ),
        ));
    }
    Ok(Decoded {
        body,
        over,
        partial,
    })
}

fn note(kind: ErrorKind, message: String) -> DocError {
    DocError { kind, message }
}

/// Whether the bytes are text (in some charset) rather than binary or compressed data:
/// no NUL byte in the first 8 KiB; as UTF-8, at most 10% C0 control bytes (as
/// `limits::looks_binary` decides for files); in an 8-bit charset (not valid UTF-8),
/// at most 1% of them, since compressed and random bytes are about 11% controls. A
/// UTF-16 or UTF-32 byte-order mark means text. Tab, line feed, form feed, carriage
/// return and escape (ISO-2022 charsets) are not counted.
pub(crate) fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | 0x1b)) || b == 0x7f)
        .count();
    // A sequence cut by the 8 KiB window is still UTF-8.
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    if utf8 {
        controls * 10 <= head.len()
    } else {
        controls * 100 <= head.len()
    }
}

/// The compression format whose magic number the bytes start with.
fn compression_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        Some("gzip")
    } else if bytes.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Some("zstd")
    } else if bytes.len() >= 2
        && bytes[0] & 0x0f == 8
        && (u16::from(bytes[0]) << 8 | u16::from(bytes[1])) % 31 == 0
    {
        Some("zlib")
    } else {
        None
    }
}

/// What [`dechunk`] made of a body.
#[derive(Debug, PartialEq)]
pub(crate) enum Dechunked {
    /// Every chunk, up to the final 0-chunk.
    Whole(Vec<u8>),
    /// The chunks there were: the body ends (or its framing breaks) before the final
    /// 0-chunk. Never holds a chunk-size line.
    Cut(Vec<u8>),
    /// The body does not start with a chunk-size line.
    NotChunked,
}

/// Undoes HTTP chunked transfer encoding.
pub(crate) fn dechunk(body: &[u8]) -> Dechunked {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let size = rest.iter().position(|&b| b == b'\n').and_then(|eol| {
            let line = std::str::from_utf8(&rest[..eol]).ok()?;
            let hex = line.split(';').next()?.trim();
            let size = usize::from_str_radix(hex, 16).ok()?;
            Some((eol, size))
        });
        let Some((eol, size)) = size else {
            return if first {
                Dechunked::NotChunked
            } else {
                Dechunked::Cut(out)
            };
        };
        first = false;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Dechunked::Whole(out);
        }
        if rest.len() < size {
            out.extend_from_slice(rest);
            return Dechunked::Cut(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// Undoes one content encoding, keeping at most `cap` bytes (reading one more tells
/// whether there was more). `None` for an encoding it does not know.
fn decompress(body: &[u8], encoding: &str, cap: u64) -> Option<Inflated> {
    Some(match encoding {
        "gzip" | "x-gzip" => gunzip(body, cap),
        // "deflate" is zlib-wrapped by the standard, raw deflate by some servers.
        "deflate" => inflate(body, body.first().is_some_and(|b| b & 0x0f == 8), cap),
        "br" => {
            let eof = Cell::new(false);
            let r = brotli_decompressor::Decompressor::new(EofFlag::new(body, &eof), 4096);
            read_capped(r, cap, &eof)
        }
        "zstd" => {
            let eof = Cell::new(false);
            let mut input = EofFlag::new(body, &eof);
            match ruzstd::decoding::StreamingDecoder::new(&mut input) {
                Ok(d) => {
                    let mut got = read_capped(d, cap, &eof);
                    if got.end == End::Complete && !input.rest().iter().all(u8::is_ascii_whitespace)
                    {
                        got.end = End::Corrupt("bytes after the end of the stream".into());
                    }
                    got
                }
                Err(e) => Inflated {
                    data: Vec::new(),
                    over: false,
                    end: if eof.get() {
                        End::Cut
                    } else {
                        End::Corrupt(e.to_string())
                    },
                },
            }
        }
        _ => return None,
    })
}

/// Reads a decoder to its end or to `cap + 1` bytes; an error after the decoder saw
/// the end of its input means the stream was cut short.
fn read_capped<D: Read>(mut d: D, cap: u64, eof: &Cell<bool>) -> Inflated {
    let mut data = Vec::new();
    // On an error, what was decoded before it is in `data` (`read_to_end` keeps it).
    let err = (&mut d)
        .take(cap.saturating_add(1))
        .read_to_end(&mut data)
        .err();
    let over = data.len() as u64 > cap;
    // One more read: the brotli reader reports bytes after the end of its stream only
    // then.
    let trailing = err.is_none() && !over && d.read(&mut [0u8; 1]).is_err();
    data.truncate(cap as usize);
    let end = match err {
        None if trailing => End::Corrupt("bytes after the end of the stream".into()),
        None => End::Complete,
        Some(e) if eof.get() || e.kind() == io::ErrorKind::UnexpectedEof => End::Cut,
        Some(e) => End::Corrupt(e.to_string()),
    };
    Inflated { data, over, end }
}

/// gzip members one after the other (as `MultiGzDecoder` reads them), telling a cut
/// from a corrupt stream, and allowing white space (not data) after the last member.
fn gunzip(body: &[u8], cap: u64) -> Inflated {
    let mut out = Inflated {
        data: Vec::new(),
        over: false,
        end: End::Complete,
    };
    let mut rest = body;
    loop {
        let eof = Cell::new(false);
        let mut d = flate2::bufread::GzDecoder::new(EofFlag::new(rest, &eof));
        let room = cap.saturating_sub(out.data.len() as u64);
        let got = read_capped(&mut d, room, &eof);
        out.data.extend_from_slice(&got.data);
        out.over |= got.over;
        if got.end != End::Complete || got.over {
            out.end = got.end;
            return out;
        }
        rest = d.into_inner().rest();
        if !rest.starts_with(&[0x1f, 0x8b]) {
            if !rest.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
                out.end = End::Corrupt("bytes after the end of the stream".into());
            }
            return out;
        }
    }
}

/// zlib or raw deflate, through `Decompress` so that a stream cut short (which the
/// `Read` adapters end quietly) is told from a whole one.
fn inflate(body: &[u8], zlib: bool, cap: u64) -> Inflated {
    let mut d = Decompress::new(zlib);
    let mut data: Vec<u8> = Vec::with_capacity(body.len().saturating_mul(4).min(cap as usize + 1));
    let end = loop {
        if data.len() as u64 > cap {
            break End::Complete;
        }
        if data.capacity() - data.len() < 4096 {
            data.reserve(data.capacity().max(32 << 10));
        }
        let consumed = d.total_in() as usize;
        let produced = d.total_out();
        match d.decompress_vec(&body[consumed..], &mut data, FlushDecompress::None) {
            Ok(Status::StreamEnd) => {
                let rest = &body[d.total_in() as usize..];
                break if rest.iter().all(u8::is_ascii_whitespace) {
                    End::Complete
                } else {
                    End::Corrupt("bytes after the end of the stream".into())
                };
            }
            Ok(_) if d.total_in() as usize == consumed && d.total_out() == produced => {
                break if consumed == body.len() {
                    End::Cut
                } else {
                    End::Corrupt("the stream does not go on".into())
                };
            }
            Ok(_) => {}
            Err(e) => break End::Corrupt(e.to_string()),
        }
    };
    let over = data.len() as u64 > cap;
    data.truncate(cap as usize);
    Inflated { data, over, end }
}

/// A byte slice as a reader that notes when its end was reached.
struct EofFlag<'a, 'b> {
    rest: &'a [u8],
    eof: &'b Cell<bool>,
}

impl<'a, 'b> EofFlag<'a, 'b> {
    fn new(rest: &'a [u8], eof: &'b Cell<bool>) -> Self {
        EofFlag { rest, eof }
    }
    /// The bytes not read yet.
    fn rest(&self) -> &'a [u8] {
        self.rest
    }
}

impl Read for EofFlag<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.rest.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof.set(true);
        }
        Ok(n)
    }
}

impl BufRead for EofFlag<'_, '_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.rest.is_empty() {
            self.eof.set(true);
        }
        Ok(self.rest)
    }
    fn consume(&mut self, amt: usize) {
        self.rest = &self.rest[amt..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn encoded(data: &[u8], enc: &str) -> Vec<u8> {
        match enc {
            "gzip" => gz(data),
            "deflate" => {
                let mut e =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
            "raw-deflate" => {
                let mut e =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
            "br" => {
                let mut out = Vec::new();
                brotli::BrotliCompress(&mut &data[..], &mut out, &Default::default()).unwrap();
                out
            }
            "zstd" => {
                ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
            }
            _ => unreachable!(),
        }
    }

    const TEXT: &[u8] = b"<html><body><p>The harbour office said the ferry will run every forty minutes from Monday, replacing the hourly winter timetable.</p></body></html>";

    #[test]
    fn dechunks() {
        let cases: &[(&[u8], Dechunked)] = &[
            (
                b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
                Dechunked::Whole(b"hello world".to_vec()),
            ),
            (
                b"5;ext=1\r\nhello\r\n0\r\n",
                Dechunked::Whole(b"hello".to_vec()),
            ),
            (b"a\r\nshort", Dechunked::Cut(b"short".to_vec())),
            // No final 0-chunk: the size lines never stay in the text.
            (
                b"5\r\nhello\r\n6\r\n world\r\n",
                Dechunked::Cut(b"hello world".to_vec()),
            ),
            (b"zz\r\nhello", Dechunked::NotChunked),
        ];
        for (input, want) in cases {
            assert_eq!(&dechunk(input), want, "{input:?}");
        }
    }

    #[test]
    fn every_encoding_round_trips_and_a_cut_is_partial() {
        for enc in ["gzip", "deflate", "raw-deflate", "br", "zstd"] {
            let page = TEXT.repeat(40);
            let data = encoded(&page, enc);
            let name = if enc == "raw-deflate" { "deflate" } else { enc };
            let whole = payload(data.clone(), false, name, (1 << 20, false, false)).unwrap();
            assert_eq!(whole.body, page, "{enc}");
            assert!(whole.partial.is_none(), "{enc}");
            let cut = payload(
                data[..data.len() * 2 / 3].to_vec(),
                false,
                name,
                (1 << 20, false, false),
            );
            match cut {
                Ok(d) => {
                    assert!(!d.body.is_empty() && page.starts_with(&d.body), "{enc}");
                    assert_eq!(
                        d.partial.unwrap().kind,
                        ErrorKind::TruncatedEncoding,
                        "{enc}"
                    );
                }
                Err(f) => assert_eq!(
                    std::mem::discriminant(&f),
                    std::mem::discriminant(&Failure::Encoding(
                        ErrorKind::TruncatedEncoding,
                        String::new()
                    )),
                    "{enc}: {f:?}"
                ),
            }
        }
    }

    #[test]
    fn encodings_that_cannot_be_undone_are_errors() {
        let gz_text = gz(TEXT);
        let kind =
            |body: Vec<u8>, enc: &str| match payload(body, false, enc, (1 << 20, false, false)) {
                Err(Failure::Encoding(k, _)) => Some(k),
                _ => None,
            };
        assert_eq!(kind(gz_text.clone(), ""), Some(ErrorKind::CorruptEncoding));
        assert_eq!(
            kind(gz_text.clone(), "br"),
            Some(ErrorKind::CorruptEncoding)
        );
        assert_eq!(
            kind(gz_text.clone(), "compress"),
            Some(ErrorKind::UnsupportedEncoding)
        );
        let mut corrupt = gz(&TEXT.repeat(50));
        let mid = corrupt.len() / 2;
        corrupt[mid..mid + 20].fill(0xaa);
        assert_eq!(kind(corrupt, "gzip"), Some(ErrorKind::CorruptEncoding));
        // Labelled gzip but stored decoded: kept, as warcio keeps it.
        assert_eq!(
            payload(TEXT.to_vec(), false, "gzip", (1 << 20, false, false))
                .unwrap()
                .body,
            TEXT
        );
    }

    #[test]
    fn decompression_is_capped() {
        let gz = gz(&vec![b'a'; 100_000]);
        assert_eq!(
            payload(gz.clone(), false, "gzip", (1000, false, false)).unwrap_err(),
            Failure::TooLarge
        );
        let capped = payload(gz, false, "gzip", (1000, true, false)).unwrap();
        assert!(capped.over && capped.body == vec![b'a'; 1000]);
    }
}
