//! HTML page bytes -> article: must never panic, and block offsets must stay inside the
//! text on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a container charset hint, so that path is fuzzed too.
    let (hint, html) = match data.split_first() {
        Some((b, rest)) => (
            match b % 4 {
                0 => None,
                1 => Some("utf-8"),
                2 => Some("windows-1252"),
                _ => Some("x-no-such-charset"),
            },
            rest,
        ),
        None => (None, data),
    };
    let art = newsfacts::stages::extract_article(html, hint, Some("https://example.org/a/b.html"));
    for b in &art.blocks {
        assert!(b.start <= b.end && b.end <= art.text.len());
        assert!(art.text.is_char_boundary(b.start) && art.text.is_char_boundary(b.end));
    }
});
