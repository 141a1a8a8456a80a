//! JSON Lines input: one document per line, `{"id", "text"}` or `{"id", "html"}`, with
//! optional `"published"` / `"dct"` as the reference date and `"url"`. Other fields (such
//! as gold annotations) are ignored. A broken line yields an error naming `path:line`;
//! reading goes on with the next line.

use super::{Document, InputError, Item, Kind};
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
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

/// Streams the documents of a JSONL file.
pub struct JsonlReader<R> {
    reader: R,
    path: String,
    line_no: usize,
    buf: Vec<u8>,
    max_bytes: u64,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, path: &str, max_bytes: u64) -> Self {
        JsonlReader {
            reader,
            path: path.to_string(),
            line_no: 0,
            buf: Vec::new(),
            max_bytes,
        }
    }

    fn err(&self, message: String) -> Item {
        Item::Error(InputError::Line {
            path: self.path.clone(),
            line: self.line_no,
            message,
        })
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Item::Error(InputError::Io {
                        path: self.path.clone(),
                        source: e,
                    }))
                }
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if self.buf.len() as u64 > self.max_bytes {
                return Some(self.err(format!(
                    "line of {} bytes is larger than --max-doc-bytes ({})",
                    self.buf.len(),
                    self.max_bytes
                )));
            }
            let text = String::from_utf8_lossy(&self.buf);
            let line: Line = match serde_json::from_str(&text) {
                Ok(l) => l,
                Err(e) => return Some(self.err(format!("invalid JSON: {e}"))),
            };
            let id = match line.id {
                Some(serde_json::Value::String(s)) => s,
                Some(v) if !v.is_null() => v.to_string(),
                _ => format!("{}:{}", self.path, self.line_no),
            };
            let (kind, body) = match (line.text, line.html) {
                (_, Some(h)) => (Kind::Html, h.into_bytes()),
                (Some(t), None) => (Kind::Text, t.into_bytes()),
                (None, None) => return Some(self.err("no \"text\" or \"html\" field".into())),
            };
            let date = line.published.or(line.dct);
            return Some(Item::Doc(Document {
                id,
                source: format!("{}:{}", self.path, self.line_no),
                kind,
                body,
                url: line.url,
                date_is_published: date.is_some(),
                date,
                charset: Some("utf-8".into()),
            }));
        }
    }
}
