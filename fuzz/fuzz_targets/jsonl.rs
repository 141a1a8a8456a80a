//! Arbitrary bytes as a JSONL file: never panics, every line is a document or an error,
//! and no document exceeds --max-doc-bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsfacts::input::{jsonl::JsonlReader, Item};

const MAX: u64 = 4096;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    let mut n = 0;
    for item in JsonlReader::new(data, "fuzz.jsonl", MAX) {
        n += 1;
        assert!(n <= lines, "more items than lines");
        // A line is parsed as the extraction threads parse it.
        let item = match item {
            Item::Line(line) => line.parse(),
            other => other,
        };
        if let Item::Doc(d) = item {
            assert!(d.body.len() as u64 <= MAX, "document over the limit");
        }
    }
});
