//! JSON for one [`Record`], written by hand: the bytes `serde_json::to_writer` writes
//! for it (the same fields, order, omissions and escapes), without serde's per-field
//! calls. serde_json took 85 M instructions to serialise the records of 1,800 OntoNotes
//! documents (a twentieth of the run); this takes 28 M. The `Serialize` derives in
//! [`crate::record`] stay the definition: the tests below check this writer against
//! serde_json on generated records, built with struct literals, so that a new field is
//! a compile error there until it is generated and a test failure until it is written
//! here.
//!
//! Floats that are not whole are rare and are still formatted by serde_json, so that
//! their digits are its digits.

use crate::record::{
    as_whole, BlockOut, DocError, Entity, EntityType, Mention, Provenance, Quote, Record, Value,
};
use crate::text::swar::json_specials;

/// Appends `r` as one line of JSON (without the newline) to `out`.
pub fn write_record(out: &mut Vec<u8>, r: &Record) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &r.id);
    out.extend_from_slice(b",\"source\":");
    string(out, &r.source);
    opt_string(out, b",\"url\":", &r.url);
    opt_string(out, b",\"title\":", &r.title);
    opt_string(out, b",\"published\":", &r.published);
    opt_string(out, b",\"modified\":", &r.modified);
    opt_string(out, b",\"byline\":", &r.byline);
    if !r.authors.is_empty() {
        out.extend_from_slice(b",\"authors\":");
        list(out, &r.authors, |out, s| string(out, s));
    }
    opt_string(out, b",\"site_name\":", &r.site_name);
    opt_string(out, b",\"canonical_url\":", &r.canonical_url);
    opt_string(out, b",\"language\":", &r.language);
    opt_string(out, b",\"page_type\":", &r.page_type);
    out.extend_from_slice(b",\"mentions\":");
    list(out, &r.mentions, mention);
    out.extend_from_slice(b",\"entities\":");
    list(out, &r.entities, entity);
    out.extend_from_slice(b",\"quotes\":");
    list(out, &r.quotes, quote);
    out.extend_from_slice(b",\"errors\":");
    list(out, &r.errors, error);
    opt_string(out, b",\"text\":", &r.text);
    if let Some(blocks) = &r.blocks {
        out.extend_from_slice(b",\"blocks\":");
        list(out, blocks, block);
    }
    if let Some(explain) = &r.explain {
        out.extend_from_slice(b",\"explain\":");
        list(out, explain, provenance);
    }
    out.push(b'}');
}

/// Opens the object of a span of the text: `{"start":..,"end":..,"text":..`.
fn span_fields(out: &mut Vec<u8>, start: usize, end: usize, text: &str) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, start);
    out.extend_from_slice(b",\"end\":");
    uint(out, end);
    out.extend_from_slice(b",\"text\":");
    string(out, text);
}

fn mention(out: &mut Vec<u8>, m: &Mention) {
    span_fields(out, m.start, m.end, &m.text);
    out.extend_from_slice(type_field(m.kind));
    opt_string(out, b",\"canonical\":", &m.canonical);
    opt(out, b",\"entity\":", m.entity, uint);
    opt_string(out, b",\"timex\":", &m.timex);
    match &m.value {
        Some(Value::Number(n)) => {
            out.extend_from_slice(b",\"value\":");
            number(out, *n);
        }
        Some(Value::Text(s)) => {
            out.extend_from_slice(b",\"value\":");
            string(out, s);
        }
        None => {}
    }
    opt(out, b",\"min\":", m.min, number);
    opt(out, b",\"max\":", m.max, number);
    opt_string(out, b",\"qualifier\":", &m.qualifier);
    opt_string(out, b",\"unit\":", &m.unit);
    opt_string(out, b",\"subject\":", &m.subject);
    opt_string(out, b",\"mod\":", &m.mod_);
    out.extend_from_slice(b",\"how\":");
    string(out, &m.how);
    out.push(b'}');
}

fn entity(out: &mut Vec<u8>, e: &Entity) {
    out.push(b'{');
    out.extend_from_slice(&type_field(e.kind)[1..]);
    out.extend_from_slice(b",\"canonical\":");
    string(out, &e.canonical);
    out.extend_from_slice(b",\"forms\":");
    list(out, &e.forms, |out, s| string(out, s));
    out.extend_from_slice(b",\"count\":");
    uint(out, e.count);
    if !e.roles.is_empty() {
        out.extend_from_slice(b",\"roles\":");
        list(out, &e.roles, |out, s| string(out, s));
    }
    if !e.ids.is_empty() {
        out.extend_from_slice(b",\"ids\":{");
        for (i, (k, v)) in e.ids.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            string(out, k);
            out.push(b':');
            string(out, v);
        }
        out.push(b'}');
    }
    opt(out, b",\"lat\":", e.lat, float);
    opt(out, b",\"lon\":", e.lon, float);
    opt_string(out, b",\"country\":", &e.country);
    out.push(b'}');
}

fn quote(out: &mut Vec<u8>, q: &Quote) {
    span_fields(out, q.start, q.end, &q.text);
    out.extend_from_slice(b",\"speaker\":");
    match q.speaker {
        Some(i) => uint(out, i),
        None => out.extend_from_slice(b"null"),
    }
    opt_string(out, b",\"speaker_text\":", &q.speaker_text);
    out.extend_from_slice(b",\"how\":");
    string(out, &q.how);
    out.push(b'}');
}

fn error(out: &mut Vec<u8>, e: &DocError) {
    out.extend_from_slice(b"{\"kind\":");
    string(out, &e.kind);
    out.extend_from_slice(b",\"message\":");
    string(out, &e.message);
    out.push(b'}');
}

fn block(out: &mut Vec<u8>, b: &BlockOut) {
    out.extend_from_slice(b"{\"kind\":");
    string(out, &b.kind);
    out.extend_from_slice(b",\"start\":");
    uint(out, b.start);
    out.extend_from_slice(b",\"end\":");
    uint(out, b.end);
    out.push(b'}');
}

fn provenance(out: &mut Vec<u8>, p: &Provenance) {
    out.extend_from_slice(b"{\"field\":");
    string(out, &p.field);
    out.extend_from_slice(b",\"from\":");
    string(out, &p.from);
    out.push(b'}');
}

/// `,"type":"PERSON"` and so on: one constant copy instead of three writes.
fn type_field(kind: EntityType) -> &'static [u8] {
    match kind {
        EntityType::Person => b",\"type\":\"PERSON\"",
        EntityType::Place => b",\"type\":\"PLACE\"",
        EntityType::Org => b",\"type\":\"ORG\"",
        EntityType::Date => b",\"type\":\"DATE\"",
        EntityType::Figure => b",\"type\":\"FIGURE\"",
        EntityType::Misc => b",\"type\":\"MISC\"",
    }
}

/// `[a,b,...]`, each item written by `item`.
fn list<T>(out: &mut Vec<u8>, items: &[T], item: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// `key` and the string, when there is one (the `skip_serializing_if = "Option::is_none"`
/// fields).
/// `key` and the value, written by `write`, when there is one (serde's
/// `skip_serializing_if = "Option::is_none"`).
fn opt<T>(out: &mut Vec<u8>, key: &[u8], v: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    if let Some(v) = v {
        out.extend_from_slice(key);
        write(out, v);
    }
}

fn opt_string<S: AsRef<str>>(out: &mut Vec<u8>, key: &[u8], s: &Option<S>) {
    if let Some(s) = s {
        out.extend_from_slice(key);
        string(out, s.as_ref());
    }
}

fn uint(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A number as `record::whole_as_integer` writes it: whole values as integers.
fn number(out: &mut Vec<u8>, n: f64) {
    match as_whole(n) {
        Some(i) => out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes()),
        None => float(out, n),
    }
}

/// A float exactly as serde_json writes it (`null` for NaN and infinities).
fn float(out: &mut Vec<u8>, x: f64) {
    serde_json::to_writer(out, &x).expect("writing to a Vec cannot fail");
}

/// What follows the backslash for the bytes JSON escapes (0: written as is); `u` for
/// the control characters without a short escape. serde_json's table.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Whether any of the eight bytes of `w` is a control character, `"` or `\`.
fn needs_escape(w: u64) -> bool {
    json_specials(w) != 0
}

/// A JSON string: `"`, `s` with `"`, `\` and control characters escaped, `"`. Non-ASCII
/// and `/` are written as they are.
fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    if is_clean(bytes) {
        out.extend_from_slice(bytes);
    } else {
        escaped(out, bytes);
    }
    out.push(b'"');
}

/// Whether no byte of `bytes` needs escaping (nearly every string): eight bytes at a
/// time, the last eight overlapping the ones before.
fn is_clean(bytes: &[u8]) -> bool {
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("eight bytes"));
    if bytes.len() < 8 {
        return bytes.iter().all(|&b| ESCAPE[b as usize] == 0);
    }
    let (words, _) = bytes.as_chunks::<8>();
    words.iter().all(|w| !needs_escape(u64::from_le_bytes(*w)))
        && !needs_escape(word(&bytes[bytes.len() - 8..]))
}

/// `bytes` with the bytes that need it escaped, as serde_json escapes them.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut done = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = ESCAPE[b as usize];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[done..i]);
        out.extend_from_slice(&[b'\\', escape]);
        if escape == b'u' {
            out.extend_from_slice(&[b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
        }
        done = i + 1;
    }
    out.extend_from_slice(&bytes[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    fn ours(r: &Record) -> String {
        let mut out = Vec::new();
        write_record(&mut out, r);
        String::from_utf8(out).expect("UTF-8")
    }

    /// Strings of every kind the escaper treats differently: ASCII, control characters,
    /// `"`, `\`, `/`, DEL, non-ASCII, in runs long and short enough for both the
    /// eight-byte and the byte-at-a-time paths.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z0-9 .,']{0,12}",
            "[\\x00-\\x1f\"\\\\/\\x7f]{1,3}",
            "\\PC{0,4}",
            "[\\x00-\\x7f]{0,20}",
            Just("Zürich “quoted” —".to_string()),
        ];
        prop::collection::vec(piece, 0..6).prop_map(|p| p.concat())
    }

    fn float() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-1_000_000i64..1_000_000).prop_map(|n| n as f64),
            any::<f64>(),
            Just(0.5),
            Just(-0.0),
            Just(9e15),
            Just(8.999_999_999_999_998e15),
            Just(1e300),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
        ]
    }

    fn kind() -> impl Strategy<Value = EntityType> {
        prop::sample::select(EntityType::ALL.to_vec())
    }

    fn mention() -> impl Strategy<Value = Mention> {
        let value = prop::option::of(prop_oneof![
            float().prop_map(Value::Number),
            text().prop_map(Value::Text),
        ]);
        (
            (
                any::<usize>(),
                0usize..1000,
                text(),
                kind(),
                prop::option::of(text()),
            ),
            (
                prop::option::of(any::<usize>()),
                prop::option::of(text()),
                value,
                prop::option::of(float()),
                prop::option::of(float()),
            ),
            (
                prop::option::of(text()),
                prop::option::of(text()),
                prop::option::of(text()),
                prop::option::of(text()),
                text(),
            ),
        )
            .prop_map(
                |(
                    (start, end, text, kind, canonical),
                    (entity, timex, value, min, max),
                    (qualifier, unit, subject, mod_, how),
                )| Mention {
                    start,
                    end,
                    text,
                    kind,
                    canonical,
                    entity,
                    timex: timex.map(Cow::Owned),
                    value,
                    min,
                    max,
                    qualifier: qualifier.map(Cow::Owned),
                    unit,
                    subject,
                    mod_: mod_.map(Cow::Owned),
                    how,
                },
            )
    }

    fn entity() -> impl Strategy<Value = Entity> {
        (
            (
                kind(),
                text(),
                prop::collection::vec(text(), 0..3),
                any::<usize>(),
            ),
            (
                prop::collection::vec(text(), 0..3),
                prop::collection::btree_map(text(), text(), 0..3),
                prop::option::of(float()),
                prop::option::of(float()),
                prop::option::of(text()),
            ),
        )
            .prop_map(
                |((kind, canonical, forms, count), (roles, ids, lat, lon, country))| Entity {
                    kind,
                    canonical,
                    forms,
                    count,
                    roles,
                    ids,
                    lat,
                    lon,
                    country,
                },
            )
    }

    fn quote() -> impl Strategy<Value = Quote> {
        (
            any::<usize>(),
            any::<usize>(),
            text(),
            prop::option::of(any::<usize>()),
            prop::option::of(text()),
            text(),
        )
            .prop_map(|(start, end, text, speaker, speaker_text, how)| Quote {
                start,
                end,
                text,
                speaker,
                speaker_text,
                how,
            })
    }

    fn record() -> impl Strategy<Value = Record> {
        let opt = || prop::option::of(text());
        let block = (text(), any::<usize>(), any::<usize>())
            .prop_map(|(kind, start, end)| BlockOut { kind, start, end });
        let prov = (text(), text()).prop_map(|(field, from)| Provenance { field, from });
        let err = (text(), text()).prop_map(|(kind, message)| DocError { kind, message });
        (
            (text(), text(), opt(), opt(), opt(), opt(), opt()),
            (
                prop::collection::vec(text(), 0..3),
                opt(),
                opt(),
                opt(),
                prop::collection::vec(mention(), 0..4),
                prop::collection::vec(entity(), 0..3),
            ),
            (
                prop::collection::vec(quote(), 0..3),
                prop::collection::vec(err, 0..2),
                opt(),
                prop::option::of(prop::collection::vec(block, 0..3)),
                prop::option::of(prop::collection::vec(prov, 0..3)),
                opt(),
            ),
        )
            .prop_map(
                |(
                    (id, source, url, title, published, modified, byline),
                    (authors, site_name, canonical_url, language, mentions, entities),
                    (quotes, errors, text, blocks, explain, page_type),
                )| Record {
                    id,
                    source,
                    url,
                    title,
                    published,
                    modified,
                    byline,
                    authors,
                    site_name,
                    canonical_url,
                    language,
                    page_type,
                    mentions,
                    entities,
                    quotes,
                    errors,
                    text,
                    blocks,
                    explain,
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        /// The writer's bytes are serde_json's for any record.
        #[test]
        fn writes_what_serde_json_writes(r in record()) {
            prop_assert_eq!(ours(&r), serde_json::to_string(&r).unwrap());
        }

        /// Every string, including every control character, `"`, `\` and non-ASCII text
        /// at every position of an eight-byte run, is escaped as serde_json escapes it.
        #[test]
        fn escapes_what_serde_json_escapes(s in "[\\x00-\\x7f]{0,40}|\\PC{0,20}|[\\x00-\\x20\"\\\\a\\x7fé]{0,40}") {
            let mut out = Vec::new();
            string(&mut out, &s);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn every_byte_escapes_as_serde_json_does() {
        for b in 0u8..0x80 {
            for at in 0..9 {
                let s = format!("{}{}{}", "a".repeat(at), b as char, "b".repeat(9 - at));
                let mut out = Vec::new();
                string(&mut out, &s);
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    serde_json::to_string(&s).unwrap(),
                    "byte {b:#04x} at {at}"
                );
            }
        }
    }

    #[test]
    fn a_full_record_matches_serde_json() {
        // Every optional field set, so a field that the writer forgets shows here even
        // if the generated records rarely set it.
        let mut ids = BTreeMap::new();
        ids.insert("wikidata".to_string(), "Q64".to_string());
        let r = Record {
            id: "d\"1".into(),
            source: "s.jsonl:1".into(),
            url: Some("https://example.org/a/b".into()),
            title: Some("T".into()),
            published: Some("2016-03-16".into()),
            modified: Some("2016-03-17".into()),
            byline: Some("By A".into()),
            authors: vec!["A".into(), "B".into()],
            site_name: Some("S".into()),
            canonical_url: Some("https://example.org/c".into()),
            language: Some("en".into()),
            page_type: Some("article".into()),
            mentions: vec![Mention {
                start: 1,
                end: 2,
                text: "t\n".into(),
                kind: EntityType::Figure,
                canonical: Some("c".into()),
                entity: Some(0),
                timex: Some("DATE".into()),
                value: Some(Value::Number(2.5)),
                min: Some(3000.0),
                max: Some(-0.25),
                qualifier: Some("range".into()),
                unit: Some("USD".into()),
                subject: Some("s".into()),
                mod_: Some("APPROX".into()),
                how: "rule:x".into(),
            }],
            entities: vec![Entity {
                kind: EntityType::Place,
                canonical: "Berlin".into(),
                forms: vec!["Berlin".into()],
                count: 1,
                roles: vec!["capital".into()],
                ids,
                lat: Some(52.0),
                lon: Some(13.405),
                country: Some("DE".into()),
            }],
            quotes: vec![Quote {
                start: 0,
                end: 1,
                text: "q".into(),
                speaker: None,
                speaker_text: Some("x".into()),
                how: "h".into(),
            }],
            errors: vec![DocError {
                kind: "k".into(),
                message: "m".into(),
            }],
            text: Some("text\twith\u{1}".into()),
            blocks: Some(vec![BlockOut {
                kind: "p".into(),
                start: 0,
                end: 4,
            }]),
            explain: Some(vec![Provenance {
                field: "title".into(),
                from: "og:title".into(),
            }]),
        };
        assert_eq!(ours(&r), serde_json::to_string(&r).unwrap());
        assert_eq!(
            ours(&Record::default()),
            serde_json::to_string(&Record::default()).unwrap()
        );
    }
}
