//! Arbitrary text through the whole extractor (every recogniser, resolution, record):
//! never panics, and the output contract holds: code-point offsets slice out exactly
//! each mention's text, mentions never overlap, entity indices are valid.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsfacts::input::Document;
use newsfacts::{Extractor, ExtractorConfig};
use std::sync::OnceLock;

fuzz_target!(|text: &str| {
    static E: OnceLock<Extractor> = OnceLock::new();
    let e = E.get_or_init(|| Extractor::new(ExtractorConfig::default()).unwrap());
    let mut doc = Document::text("fuzz", text);
    doc.date = Some("2016-03-16".into());
    doc.date_is_published = true;
    let rec = e.extract(&doc);
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for m in &rec.mentions {
        assert!(m.start < m.end && m.end <= chars.len());
        let span: String = chars[m.start..m.end].iter().collect();
        assert_eq!(span, m.text);
        assert!(m.start >= last_end, "overlapping mentions");
        last_end = m.end;
        if let Some(i) = m.entity {
            assert!(i < rec.entities.len());
        }
    }
    for q in &rec.quotes {
        let span: String = chars[q.start..q.end].iter().collect();
        assert_eq!(span, q.text);
    }
});
