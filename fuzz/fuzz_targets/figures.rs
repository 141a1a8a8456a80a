//! Arbitrary text through the figure recogniser: never panics, and every candidate is a
//! non-empty span on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsfacts::stages::FigureRecognizer;
use std::sync::OnceLock;

fuzz_target!(|text: &str| {
    static R: OnceLock<FigureRecognizer> = OnceLock::new();
    let r = R.get_or_init(FigureRecognizer::new);
    let mut out = Vec::new();
    r.find(text, &mut out);
    for c in &out {
        assert!(c.start < c.end && c.end <= text.len(), "bad span {}..{}", c.start, c.end);
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
    }
});
