//! JSON Lines input: one document per line, `{"id", "text"}` or `{"id", "html"}`, with
//! optional `"published"` / `"dct"` as the reference date and `"url"`. Other fields (such
//! as gold annotations) are ignored. A broken line yields an error naming `path:line`;
//! reading goes on with the next line.
//!
//! The reader only cuts the lines ([`Item::Line`]); each is parsed by
//! [`RawLine::parse`] on the thread that extracts it. Parsing (unescaping a page's HTML
//! from its JSON string) was a twentieth of the work of an HTML run, and on the one
//! reader thread it kept two extraction threads from doing twice the work of one.

use super::{Document, InputError, Item, Kind};
use serde::Deserialize;
use std::io::BufRead;

#[derive(Debug, Default, Deserialize, PartialEq)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    dct: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Streams the lines of a JSONL file, as [`Item::Line`] (or errors).
pub struct JsonlReader<R> {
    reader: R,
    path: std::sync::Arc<str>,
    line_no: usize,
    buf: Vec<u8>,
    max_bytes: u64,
    /// Set after a read error: a broken stream (a truncated gzip file) may fail again
    /// on every call, so reading stops after reporting it once.
    broken: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, path: &str, max_bytes: u64) -> Self {
        JsonlReader {
            reader,
            path: path.into(),
            line_no: 0,
            buf: Vec::new(),
            max_bytes,
            broken: false,
        }
    }

    fn io_err(&mut self, source: std::io::Error) -> Item {
        self.broken = true;
        Item::Error(InputError::Io {
            path: self.path.to_string(),
            source,
        })
    }

    fn err(&self, message: String) -> Item {
        line_err(&self.path, self.line_no, message)
    }
}

/// The error of line `line` of `path`.
fn line_err(path: &str, line: usize, message: String) -> Item {
    Item::Error(InputError::Line {
        path: path.to_string(),
        line,
        message,
    })
}

/// One line of a JSONL file, not yet parsed (see the module doc).
#[derive(Debug)]
pub struct RawLine {
    bytes: Vec<u8>,
    path: std::sync::Arc<str>,
    line_no: usize,
}

impl RawLine {
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether it is empty (no line the reader gives is).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// `path:line` (a plain concatenation: `format!` cost as much as a tenth of
    /// reading a short document).
    fn source(&self) -> String {
        let mut line = itoa::Buffer::new();
        let line = line.format(self.line_no);
        let mut s = String::with_capacity(self.path.len() + 1 + line.len());
        s.push_str(&self.path);
        s.push(':');
        s.push_str(line);
        s
    }

    /// The document of the line ([`Item::Doc`]), or the error that names it.
    pub fn parse(self) -> Item {
        let err = |message: String| line_err(&self.path, self.line_no, message);
        // Valid UTF-8 (nearly every line) is checked by the fast `from_utf8`, and
        // only a broken line pays for the replacing copy.
        let text = match std::str::from_utf8(&self.bytes) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => String::from_utf8_lossy(&self.bytes),
        };
        let line: Line = match fast::line(&text) {
            Some(l) => l,
            None => match serde_json::from_str(&text) {
                Ok(l) => l,
                Err(e) => return err(format!("invalid JSON: {e}")),
            },
        };
        let source = self.source();
        let id = match line.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) if !v.is_null() => v.to_string(),
            _ => source.clone(),
        };
        let (kind, body) = match (line.text, line.html) {
            (_, Some(h)) => (Kind::Html, h.into_bytes()),
            (Some(t), None) => (Kind::Text, t.into_bytes()),
            (None, None) => return err("no \"text\" or \"html\" field".into()),
        };
        let date = line.published.or(line.dct);
        Item::Doc(Document {
            id,
            source,
            kind,
            body,
            url: line.url,
            date_is_published: date.is_some(),
            date,
            charset: Some("utf-8".into()),
            truncated: None,
            partial: None,
        })
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.broken {
                return None;
            }
            self.buf.clear();
            self.line_no += 1;
            // Never hold more than one line of --max-doc-bytes in memory: a file with no
            // newline (or a gzip bomb) must not be read whole before the check.
            let limit = self.max_bytes.saturating_add(1);
            match read_line(&mut self.reader, limit, &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(self.io_err(e)),
            }
            if self.buf.len() as u64 > self.max_bytes && self.buf.last() != Some(&b'\n') {
                let skipped = match skip_line(&mut self.reader) {
                    Ok(n) => n,
                    Err(e) => return Some(self.io_err(e)),
                };
                return Some(self.err(format!(
                    "line of {} bytes is larger than --max-doc-bytes ({})",
                    self.buf.len() as u64 + skipped,
                    self.max_bytes
                )));
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(Item::Line(RawLine {
                bytes: std::mem::take(&mut self.buf),
                path: self.path.clone(),
                line_no: self.line_no,
            }));
        }
    }
}

/// A reader for the lines nearly every file has: one object whose known fields are
/// strings, other fields any JSON. It gives the [`Line`] that serde_json gives, or
/// `None` for anything else (a `null`, a number as id, a repeated field, a `\u`
/// escape of a lone surrogate, a control character, broken JSON, deep nesting), which
/// serde_json then reads, or reports as it does.
///
/// serde_json took 13 M instructions to read the 1,800 lines of a 2.3 MB file (a
/// tenth of everything but the recognisers), most of it moving the text through its
/// string reader; this takes 8 M, finding a string's escapes and end with `memchr2`
/// and copying it in runs.
mod fast {
    use super::Line;

    /// The line's fields, or `None` when serde_json must read it.
    pub(super) fn line(s: &str) -> Option<Line> {
        // A control character is white space between tokens or an error in a string:
        // a line with one anywhere but at its end is left to serde_json, and strings
        // are then read with a search for their two other special bytes only.
        if has_control(s.trim_end_matches(['\n', '\r']).as_bytes()) {
            return None;
        }
        let mut c = Cursor {
            s,
            b: s.as_bytes(),
            at: 0,
        };
        let mut line = Line::default();
        c.ws();
        c.eat(b'{')?;
        c.ws();
        if c.eat(b'}').is_none() {
            loop {
                c.eat(b'"')?;
                // A field name with an escape is left to serde_json.
                let key = c.plain_string()?;
                c.ws();
                c.eat(b':')?;
                c.ws();
                let slot = match key {
                    "text" => Some(&mut line.text),
                    "html" => Some(&mut line.html),
                    "published" => Some(&mut line.published),
                    "dct" => Some(&mut line.dct),
                    "url" => Some(&mut line.url),
                    "id" => {
                        // A repeated field is an error for serde_json.
                        if line.id.is_some() {
                            return None;
                        }
                        c.eat(b'"')?;
                        line.id = Some(serde_json::Value::String(c.string()?));
                        None
                    }
                    _ => {
                        c.skip_value(0)?;
                        None
                    }
                };
                if let Some(slot) = slot {
                    if slot.is_some() {
                        return None;
                    }
                    c.eat(b'"')?;
                    *slot = Some(c.string()?);
                }
                if !c.member_end()? {
                    break;
                }
            }
        }
        c.ws();
        (c.at == c.b.len()).then_some(line)
    }

    /// Deeper arrays and objects are left to serde_json (whose limit is 128).
    const MAX_DEPTH: usize = 64;

    /// Whether any byte of `b` is a control character (below 0x20). Thirty-two bytes
    /// at a time without an early exit, which the compiler turns into vector code.
    fn has_control(b: &[u8]) -> bool {
        let (chunks, rest) = b.as_chunks::<32>();
        chunks
            .iter()
            .any(|c| c.iter().fold(false, |any, &x| any | (x < 0x20)))
            || rest.iter().any(|&x| x < 0x20)
    }

    struct Cursor<'a> {
        s: &'a str,
        /// `s` as bytes.
        b: &'a [u8],
        at: usize,
    }

    impl<'a> Cursor<'a> {
        fn peek(&self) -> Option<u8> {
            self.b.get(self.at).copied()
        }

        /// Steps over `byte` if it is next.
        fn eat(&mut self, byte: u8) -> Option<()> {
            (self.peek()? == byte).then(|| self.at += 1)
        }

        /// JSON white space: space, tab, newline, carriage return.
        fn ws(&mut self) {
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
                self.at += 1;
            }
        }

        /// After an object member's value: true past a `,` (another member follows),
        /// false past the closing `}`, `None` (not JSON) otherwise.
        fn member_end(&mut self) -> Option<bool> {
            self.ws();
            if self.eat(b',').is_some() {
                self.ws();
                return Some(true);
            }
            self.eat(b'}')?;
            Some(false)
        }

        /// A string's contents, unescaped, after its opening quote; past the closing
        /// one. (The line has no control character: see [`line()`].)
        fn string(&mut self) -> Option<String> {
            let run = self.at;
            let stop = self.next_special()?;
            self.at = stop + 1;
            // A special is ASCII, so both ends of a run are character boundaries.
            if self.b[stop] == b'"' {
                // Most strings have no escape: one copy of the exact size.
                return Some(self.s[run..stop].to_owned());
            }
            // Unescaping only shortens: the rest of the line bounds the string.
            let mut out = String::with_capacity(self.b.len() - run);
            out.push_str(&self.s[run..stop]);
            out.push(self.escape()?);
            loop {
                let run = self.at;
                let stop = self.next_special()?;
                out.push_str(&self.s[run..stop]);
                self.at = stop + 1;
                match self.b[stop] {
                    b'"' => return Some(out),
                    _ => out.push(self.escape()?),
                }
            }
        }

        /// A string after its opening quote, when it has no escape (a field name that
        /// this reader knows has none); past the closing quote.
        fn plain_string(&mut self) -> Option<&'a str> {
            let run = self.at;
            let stop = self.next_special()?;
            self.at = stop + 1;
            (self.b[stop] == b'"').then(|| &self.s[run..stop])
        }

        /// The offset of the next `"` or `\\`.
        fn next_special(&self) -> Option<usize> {
            memchr::memchr2(b'"', b'\\', &self.b[self.at..]).map(|p| self.at + p)
        }

        /// The character an escape stands for, after its backslash.
        fn escape(&mut self) -> Option<char> {
            let e = self.peek()?;
            self.at += 1;
            Some(match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let u = self.hex4()?;
                    match u {
                        // A leading surrogate and the trailing one that must follow.
                        0xD800..=0xDBFF => {
                            self.eat(b'\\')?;
                            self.eat(b'u')?;
                            let low = self.hex4()?;
                            if !(0xDC00..=0xDFFF).contains(&low) {
                                return None;
                            }
                            char::from_u32(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))?
                        }
                        _ => char::from_u32(u)?,
                    }
                }
                _ => return None,
            })
        }

        fn hex4(&mut self) -> Option<u32> {
            let digits = self.s.get(self.at..self.at + 4)?;
            if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            self.at += 4;
            u32::from_str_radix(digits, 16).ok()
        }

        /// Steps over one JSON value (a field this reader does not keep), checking it
        /// as serde_json would.
        fn skip_value(&mut self, depth: usize) -> Option<()> {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    self.string().map(drop)
                }
                b'[' | b'{' if depth < MAX_DEPTH => {
                    let object = self.peek() == Some(b'{');
                    self.at += 1;
                    self.ws();
                    if self.eat(if object { b'}' } else { b']' }).is_some() {
                        return Some(());
                    }
                    loop {
                        if object {
                            self.eat(b'"')?;
                            self.string()?;
                            self.ws();
                            self.eat(b':')?;
                            self.ws();
                        }
                        self.skip_value(depth + 1)?;
                        self.ws();
                        if self.eat(b',').is_some() {
                            self.ws();
                            continue;
                        }
                        return self.eat(if object { b'}' } else { b']' });
                    }
                }
                b't' => self.word(b"true"),
                b'f' => self.word(b"false"),
                b'n' => self.word(b"null"),
                b'-' | b'0'..=b'9' => self.number(),
                _ => None,
            }
        }

        fn word(&mut self, w: &[u8]) -> Option<()> {
            self.b
                .get(self.at..)?
                .starts_with(w)
                .then(|| self.at += w.len())
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        fn number(&mut self) -> Option<()> {
            self.eat(b'-');
            match self.peek()? {
                b'0' => self.at += 1,
                b'1'..=b'9' => self.digits(),
                _ => return None,
            }
            if self.eat(b'.').is_some() {
                self.digits1()?;
            }
            if let Some(b'e' | b'E') = self.peek() {
                self.at += 1;
                if let Some(b'+' | b'-') = self.peek() {
                    self.at += 1;
                }
                self.digits1()?;
            }
            Some(())
        }

        fn digits(&mut self) {
            while let Some(b'0'..=b'9') = self.peek() {
                self.at += 1;
            }
        }

        /// One digit or more.
        fn digits1(&mut self) -> Option<()> {
            let from = self.at;
            self.digits();
            (self.at > from).then_some(())
        }
    }
}

/// Appends to `buf` the bytes up to and including the next newline, but at most
/// `limit` of them; returns how many (0 at the end of the input). What
/// `reader.take(limit).read_until(b'\n', buf)` does, with the newline found by the
/// `memchr` crate's vector search: std's, a word at a time, was a quarter of the
/// reader's instructions.
fn read_line<R: BufRead>(reader: &mut R, limit: u64, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut read = 0u64;
    while read < limit {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let left = usize::try_from(limit - read).unwrap_or(usize::MAX);
        let available = &available[..available.len().min(left)];
        let (used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), available.is_empty()),
        };
        buf.extend_from_slice(&available[..used]);
        reader.consume(used);
        read += used as u64;
        if done {
            break;
        }
    }
    Ok(read as usize)
}

/// Reads and drops the rest of the current line, without holding it in memory; returns
/// the number of bytes dropped.
fn skip_line<R: BufRead>(reader: &mut R) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(skipped);
        }
        let (n, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        reader.consume(n);
        skipped += n as u64;
        if done {
            return Ok(skipped);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The items of `input` read as `path`, lines parsed (as the pipeline parses them).
    fn read(input: &str, path: &str, max: u64) -> Vec<Item> {
        JsonlReader::new(input.as_bytes(), path, max)
            .map(|item| match item {
                Item::Line(line) => line.parse(),
                other => other,
            })
            .collect()
    }

    /// (input, max bytes, expected items: Ok(id) or Err(part of the message)).
    type Case = (String, u64, Vec<Result<&'static str, &'static str>>);

    #[test]
    fn lines_become_documents_or_errors() {
        let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}", "x".repeat(100));
        let cases: Vec<Case> = vec![
            ("{\"id\":\"a\",\"text\":\"t\"}\n".into(), 64, vec![Ok("a")]),
            ("{\"id\":\"a\",\"text\":\"t\"}".into(), 64, vec![Ok("a")]),
            (
                "\n  \n{\"id\":1,\"html\":\"<p>x\"}\n".into(),
                64,
                vec![Ok("1")],
            ),
            (
                "{broken\n{\"id\":\"b\",\"text\":\"t\"}\n".into(),
                64,
                vec![Err("invalid JSON"), Ok("b")],
            ),
            ("{\"id\":\"c\"}\n".into(), 64, vec![Err("no \"text\"")]),
            (
                format!("{long}\n{{\"id\":\"d\",\"text\":\"t\"}}\n"),
                64,
                vec![Err("larger than"), Ok("d")],
            ),
            (long.clone(), 64, vec![Err("larger than")]),
            (format!("{long}\n"), 200, vec![Ok("big")]),
        ];
        for (input, max, want) in cases {
            let got: Vec<Result<String, String>> = read(&input, "t.jsonl", max)
                .into_iter()
                .map(|item| match item {
                    Item::Doc(d) => Ok(d.id),
                    Item::Error(e) => Err(e.to_string()),
                    other => Err(format!("{other:?}")),
                })
                .collect();
            assert_eq!(got.len(), want.len(), "{input:?}: {got:?}");
            for (g, w) in got.iter().zip(&want) {
                match (g, w) {
                    (Ok(g), Ok(w)) => assert_eq!(g, w, "{input:?}"),
                    (Err(g), Err(w)) => assert!(g.contains(w), "{input:?}: {g}"),
                    _ => panic!("{input:?}: got {got:?}"),
                }
            }
        }
    }

    #[test]
    fn source_and_missing_id_name_the_line() {
        let input = "{\"id\":\"a\",\"text\":\"t\"}\n\n{\"text\":\"u\"}\n";
        let docs: Vec<(String, String)> = read(input, "dir/f.jsonl", 1000)
            .into_iter()
            .map(|item| match item {
                Item::Doc(d) => (d.id, d.source),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            docs,
            [
                ("a".to_string(), "dir/f.jsonl:1".to_string()),
                ("dir/f.jsonl:3".to_string(), "dir/f.jsonl:3".to_string())
            ]
        );
    }

    /// Lines of the shape JSONL files have, and the odd ones that the fast reader must
    /// leave to serde_json: escapes of every kind, surrogates, control characters,
    /// repeated and null fields, numbers, nested values, broken syntax.
    fn json_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let string = prop_oneof![
            "[a-z é\"\\\\/]{0,12}".prop_map(|s| format!("{s:?}")),
            prop::collection::vec(
                prop_oneof![
                    "[a-zA-Z0-9 .,é“”]{0,8}",
                    Just("\\n".to_string()),
                    Just("\\\"".to_string()),
                    Just("\\\\".to_string()),
                    Just("\\/".to_string()),
                    Just("\\t\\b\\f\\r".to_string()),
                    Just("\\u00e9\\u20AC".to_string()),
                    Just("\\ud83d\\ude00".to_string()),
                    Just("\\ud83d".to_string()),
                    Just("\\ude00x".to_string()),
                    Just("\\u12".to_string()),
                    Just("\\x".to_string()),
                    Just("\t".to_string()),
                    Just("\u{1}".to_string()),
                ],
                0..4,
            )
            .prop_map(|p| format!("\"{}\"", p.concat())),
        ];
        let value = prop_oneof![
            12 => string.clone(),
            1 => Just("null".to_string()),
            1 => Just("12".to_string()),
            1 => Just("-0.5e+3".to_string()),
            1 => Just("01".to_string()),
            1 => Just("true".to_string()),
            1 => Just("[1, {\"a\": [\"b\", null]}, false]".to_string()),
            1 => Just("[1,]".to_string()),
            1 => Just("{}".to_string()),
            1 => Just("[".to_string()),
        ];
        let key = prop_oneof![
            Just("\"id\"".to_string()),
            Just("\"text\"".to_string()),
            Just("\"other\"".to_string()),
            Just("\"text\"".to_string()),
            Just("\"html\"".to_string()),
            Just("\"published\"".to_string()),
            Just("\"dct\"".to_string()),
            Just("\"url\"".to_string()),
            Just("\"entities\"".to_string()),
            Just("\"te\\u0078t\"".to_string()),
            Just("id".to_string()),
        ];
        let ws = prop_oneof![Just(""), Just(" "), Just("\t"), Just(" \r\n ")];
        (
            prop::collection::vec((key, ws.clone(), value, ws.clone()), 0..4),
            ws,
            prop_oneof![
                6 => Just("}"),
                3 => Just("}\n"),
                1 => Just("} x"),
                1 => Just(",}"),
                1 => Just(""),
            ],
        )
            .prop_map(|(fields, lead, end)| {
                let body: Vec<String> = fields
                    .into_iter()
                    .map(|(k, w1, v, w2)| format!("{k}{w1}:{w2}{v}"))
                    .collect();
                format!("{lead}{{{}{end}", body.join(","))
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4000,
            ..Default::default()
        })]

        /// Whatever the fast reader reads, serde_json reads the same way.
        #[test]
        fn fast_reader_reads_as_serde_json(line in json_line()) {
            if let Some(fast) = fast::line(&line) {
                let serde: Line = serde_json::from_str(&line).expect("serde_json reads it");
                proptest::prop_assert_eq!(fast, serde, "{}", line);
            }
        }
    }

    #[test]
    fn fast_reader_reads_the_usual_lines() {
        for line in [
            "{\"id\": \"a\", \"text\": \"Said \\\"no\\\".\\nZ\\u00fcrich \\ud83d\\ude00\"}\n",
            "{\"id\":\"b\",\"dct\":\"2016-03-16\",\"text\":\"t\",\"timexes\":[{\"start\":0,\"end\":1,\"value\":\"2016\"}]}",
            "{\"html\": \"<p>x</p>\", \"url\": \"https://example.org/\", \"published\": \"2016-03-16\"}\r\n",
            "{}",
        ] {
            let fast = fast::line(line).unwrap_or_else(|| panic!("not read: {line}"));
            assert_eq!(fast, serde_json::from_str::<Line>(line).unwrap(), "{line}");
        }
    }

    proptest::proptest! {
        /// `read_line` reads what `take(limit).read_until(b'\n')` reads, line after
        /// line, whatever the buffer size.
        #[test]
        fn read_line_reads_as_read_until(
            input in "[ab\n]{0,40}",
            capacity in 1usize..8,
            limit in 1u64..12,
        ) {
            use std::io::Read;
            let mut ours = std::io::BufReader::with_capacity(capacity, input.as_bytes());
            let mut std = std::io::BufReader::with_capacity(capacity, input.as_bytes());
            loop {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let n = read_line(&mut ours, limit, &mut a).unwrap();
                let m = (&mut std).take(limit).read_until(b'\n', &mut b).unwrap();
                proptest::prop_assert_eq!((n, &a), (m, &b));
                if n == 0 {
                    break;
                }
            }
        }
    }

    #[test]
    fn error_names_the_line() {
        let input = "{\"id\":\"a\",\"text\":\"t\"}\nnot json\n";
        let items = read(input, "f.jsonl", 1000);
        match &items[1] {
            Item::Error(e) => assert_eq!(e.id(), "f.jsonl:2"),
            other => panic!("{other:?}"),
        }
    }
}
