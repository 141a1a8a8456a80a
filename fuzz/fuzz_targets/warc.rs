//! Arbitrary bytes as a WARC file (plain or gzip): the reader must never panic or loop,
//! and every document it yields must respect --max-doc-bytes, with or without
//! --truncate (odd-length inputs cut instead of refusing).
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsfacts::input::{warc::WarcReader, Item, ReadOptions};

const MAX: u64 = 1 << 16;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_doc_bytes: MAX,
        // From the length, so that the bytes themselves stay the WARC file.
        truncate: data.len() % 2 == 1,
        ..ReadOptions::default()
    };
    // Bounded, so that a reader that never ends is a finding (timeout), not a hang.
    for item in WarcReader::new(data, "fuzz.warc", opts).take(10_000) {
        if let Item::Doc(d) = item {
            assert!(d.body.len() as u64 <= MAX, "document over the limit");
        }
    }
});
