//! JSON Lines input: one document per line, `{"id", "text"}` or `{"id", "html"}`, with
//! optional `"published"` / `"dct"` as the reference date and `"url"`. Other fields (such
//! as gold annotations) are ignored. A broken line yields an error naming `path:line`;
//! reading goes on with the next line. A line that is not UTF-8 is such an error
//! (`invalid_utf8`), not repaired: offsets would no longer point into the user's text.
//!
//! The reader only cuts the lines ([`Item::Line`]); each is parsed by serde_json in
//! [`RawLine::parse`], on the thread that extracts it: unescaping a page's HTML from
//! its JSON string is work enough that one reader thread doing it for every line would
//! hold the extraction threads back.

use super::{Document, InputError, Item, Kind};
use serde::Deserialize;
use std::borrow::Cow;
use std::io::{BufRead, Read};

/// The fields of a line that are read; the others are skipped. Strings without
/// escapes are borrowed from the line.
#[derive(Debug, Default, Deserialize, PartialEq)]
struct Line<'a> {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default, borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    html: Option<Cow<'a, str>>,
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

    /// `path:line`.
    fn source(&self) -> String {
        format!("{}:{}", self.path, self.line_no)
    }

    /// The document of the line ([`Item::Doc`]), or the error that names it.
    pub fn parse(self) -> Item {
        let err = |message: String| line_err(&self.path, self.line_no, message);
        // Never repaired: offsets must point into the text the user gave.
        let text = match std::str::from_utf8(&self.bytes) {
            Ok(s) => s,
            Err(e) => {
                return Item::Error(InputError::InvalidUtf8 {
                    path: self.path.to_string(),
                    line: self.line_no,
                    at: e.valid_up_to(),
                })
            }
        };
        let line: Line = match serde_json::from_str(text) {
            Ok(l) => l,
            Err(e) => return err(format!("invalid JSON: {e}")),
        };
        let source = self.source();
        let id = match line.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) if !v.is_null() => v.to_string(),
            _ => source.clone(),
        };
        let (kind, body) = match (line.text, line.html) {
            (_, Some(h)) => (Kind::Html, h.into_owned().into_bytes()),
            (Some(t), None) => (Kind::Text, t.into_owned().into_bytes()),
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
            capture: None,
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
            match Read::take(&mut self.reader, limit).read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(self.io_err(e)),
            }
            if self.buf.len() as u64 > self.max_bytes && self.buf.last() != Some(&b'\n') {
                let skipped = match self.reader.skip_until(b'\n') {
                    Ok(n) => n as u64,
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

    #[test]
    fn escapes_are_read_as_json_reads_them() {
        let line = "{\"id\": \"a\", \"text\": \"Said \\\"no\\\".\\nZ\\u00fcrich \\ud83d\\ude00\", \"gold\": [1, {\"x\": null}]}\n";
        match &read(line, "f.jsonl", 1000)[..] {
            [Item::Doc(d)] => {
                assert_eq!(d.id, "a");
                assert_eq!(d.body, "Said \"no\".\nZ\u{fc}rich \u{1f600}".as_bytes());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_naming_the_line_not_a_repair() {
        let mut input = b"{\"id\":\"a\",\"text\":\"t\"}\n{\"id\":\"b\",\"text\":\"caf".to_vec();
        input.extend_from_slice(b"\xe9 Paris\"}\n{\"id\":\"c\",\"text\":\"u\"}\n");
        let items: Vec<Item> = JsonlReader::new(&input[..], "f.jsonl", 1000)
            .map(|item| match item {
                Item::Line(line) => line.parse(),
                other => other,
            })
            .collect();
        let got: Vec<String> = items
            .iter()
            .map(|item| match item {
                Item::Doc(d) => format!("doc {}", d.id),
                Item::Error(e) => format!("{} {} {}", e.kind(), e.id(), e.message()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got[0], "doc a");
        assert!(
            got[1].starts_with("invalid_utf8 f.jsonl:2 invalid UTF-8 at byte 21 of the line"),
            "{got:?}"
        );
        assert_eq!(got[2], "doc c");
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
