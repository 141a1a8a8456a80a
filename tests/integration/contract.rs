//! Property tests of the output contract: for arbitrary text, every mention's
//! code-point offsets slice out exactly its text, mentions never overlap, and entity
//! indices are valid.

use newsfacts::input::Document;
use newsfacts::{Extractor, ExtractorConfig};
use proptest::prelude::*;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(ExtractorConfig::default()).unwrap())
}

/// Text made of news-like words, numbers, punctuation and non-ASCII letters, so that
/// the recognisers actually fire.
fn newsy() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("Kerry".to_string()),
        Just("John".to_string()),
        Just("Moscow".to_string()),
        Just("U.N.".to_string()),
        Just("said".to_string()),
        Just("Tuesday".to_string()),
        Just("March 14, 2016".to_string()),
        Just("about 1,000 troops".to_string()),
        Just("between 3,000 and 6,000".to_string()),
        Just("$2 billion".to_string()),
        Just("\u{201c}".to_string()),
        Just("\"".to_string()),
        Just("Zürich".to_string()),
        Just("Genève".to_string()),
        Just("—".to_string()),
        Just("\n".to_string()),
        "[A-Za-zéü0-9.,'-]{1,8}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(word, 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn offsets_slice_the_mention_text(text in newsy()) {
        let mut doc = Document::text("p", text.clone());
        doc.date = Some("2016-03-16".into());
        doc.date_is_published = true;
        let rec = extractor().extract(&doc);
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        for m in &rec.mentions {
            prop_assert!(m.start < m.end && m.end <= chars.len());
            let span: String = chars[m.start..m.end].iter().collect();
            prop_assert_eq!(&span, &m.text);
            prop_assert!(m.start >= last_end, "overlap at {}", m.start);
            last_end = m.end;
            if let Some(e) = m.entity {
                prop_assert!(e < rec.entities.len());
            }
        }
        for q in &rec.quotes {
            let span: String = chars[q.start..q.end].iter().collect();
            prop_assert_eq!(&span, &q.text);
        }
    }
}
