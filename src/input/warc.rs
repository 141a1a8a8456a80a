//! WARC input (`.warc`, `.warc.gz`): every HTTP `response` record with an HTML payload
//! becomes a document. (Stub: replaced by the full reader.)

use super::{Item, ReadOptions};
use std::io::BufRead;

/// Streams the HTML responses of a WARC file.
pub struct WarcReader<R> {
    _reader: R,
    _path: String,
    _opts: ReadOptions,
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(reader: R, path: &str, opts: ReadOptions) -> Self {
        WarcReader {
            _reader: reader,
            _path: path.to_string(),
            _opts: opts,
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        None
    }
}
