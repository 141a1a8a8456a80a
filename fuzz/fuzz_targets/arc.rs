//! Arbitrary bytes as the records of an ARC file: after a valid `filedesc://` record
//! (so that the reader takes the file for ARC), plain, or gzipped as one member when
//! the first byte is odd (`.arc.gz` written as one member, records not lining up with
//! members). The reader must never panic or loop, and every document it yields must
//! respect --max-doc-bytes and carry its URL.
#![no_main]
use flate2::{write::GzEncoder, Compression};
use libfuzzer_sys::fuzz_target;
use newsfacts::input::{warc::WarcReader, Item, ReadOptions};
use std::io::Write;

const MAX: u64 = 1 << 16;
const FILEDESC: &[u8] = b"filedesc://fuzz.arc 127.0.0.1 20240501100000 text/plain 76\n\
1 0 Fuzz Capture\nURL IP-address Archive-date Content-type Archive-length\n\n";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut file = FILEDESC.to_vec();
    file.extend_from_slice(rest);
    if mode & 1 == 1 {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&file).unwrap();
        file = gz.finish().unwrap();
    }
    let opts = ReadOptions {
        max_doc_bytes: MAX,
        truncate: mode & 2 == 2,
        ..ReadOptions::default()
    };
    // Bounded, so that a reader that never ends is a finding (timeout), not a hang.
    for item in WarcReader::new(&file[..], "fuzz.arc", opts).take(10_000) {
        if let Item::Doc(d) = item {
            assert!(d.body.len() as u64 <= MAX, "document over the limit");
            assert!(d.url.is_some(), "an archive document has its URL");
        }
    }
});
