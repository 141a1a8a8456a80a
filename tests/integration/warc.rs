//! The WARC reader on real crawler output (read from `../shared/data/warc` when it is
//! there) and on WARC files built here: one gzip member per record, wget-style FEXTRA
//! headers, revisit and non-HTML records, chunked + gzip payloads, a repeated URI, a
//! corrupt member and a truncated last record; ARC files; and one small file of our own
//! for each breakage the reader must survive (all built here: nothing is copied from
//! the peers' test files, which are only read from `../shared/data/warc/peers`). Also
//! builds `fixtures/small.warc.gz` (set `NEWSFACTS_BLESS_WARC=1` to rewrite it) from
//! the project's own pages.

use flate2::{read::MultiGzDecoder, Compression, GzBuilder};
use newsfacts::input::{warc::WarcReader, InputError, Item, ReadOptions};
use std::io::{BufReader, Read, Write};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One WARC record (version line, fields, block, trailing blank lines).
fn record(kind: &str, uri: &str, id: u32, block: &[u8]) -> Vec<u8> {
    typed_record(kind, uri, id, "application/http; msgtype=response", block)
}

/// [`record`] with the record's own Content-Type.
fn typed_record(kind: &str, uri: &str, id: u32, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-05-0{}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        1 + id % 9,
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 {status}\r\n");
    for x in headers {
        h.push_str(x);
        h.push_str("\r\n");
    }
    h.push_str("\r\n");
    let mut v = h.into_bytes();
    v.extend_from_slice(body);
    v
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A gzip member, with wget's FEXTRA field when `fextra`.
fn member(data: &[u8], fextra: bool) -> Vec<u8> {
    let mut b = GzBuilder::new();
    if fextra {
        b = b.extra(b"sl\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec());
    }
    let mut e = b.write(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn chunked(data: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for c in data.chunks(size) {
        out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

const PAGE: &[u8] = b"<html><head><title>Ferry schedule changes</title></head><body><article>\
<h1>Ferry schedule changes</h1><p>The island ferry will run every forty minutes from Monday, \
the harbour office said, replacing the hourly winter timetable.</p></article></body></html>";

/// The records of the synthetic test file, in order, with what the reader must yield.
fn synthetic_records() -> Vec<(Vec<u8>, &'static str)> {
    let enc = chunked(&gzip(PAGE), 50);
    vec![
        (
            record("warcinfo", "", 1, b"software: test\r\n"),
            "skip:warcinfo",
        ),
        (
            record(
                "request",
                "http://example.test/a",
                2,
                b"GET /a HTTP/1.1\r\n\r\n",
            ),
            "skip:request",
        ),
        (
            record(
                "response",
                "http://example.test/a",
                3,
                &http("200 OK", &["Content-Type: text/html; charset=utf-8"], PAGE),
            ),
            "doc:http://example.test/a",
        ),
        (
            record(
                "response",
                "http://example.test/b",
                4,
                &http(
                    "200 OK",
                    &[
                        "Content-Type: text/html",
                        "Transfer-Encoding: chunked",
                        "Content-Encoding: gzip",
                    ],
                    &enc,
                ),
            ),
            "doc:http://example.test/b",
        ),
        (
            record(
                "revisit",
                "http://example.test/a",
                5,
                &http("200 OK", &["Content-Type: text/html"], b""),
            ),
            "skip:revisit",
        ),
        (
            record(
                "response",
                "http://example.test/logo.png",
                6,
                &http("200 OK", &["Content-Type: image/png"], b"\x89PNG\r\n\x1a\n"),
            ),
            "skip:non-html",
        ),
        (
            record(
                "response",
                "dns:example.test",
                7,
                b"20240501100000\nexample.test. 60 IN A 192.0.2.1\n",
            ),
            "skip:non-html",
        ),
        (
            record(
                "response",
                "http://example.test/a",
                8,
                &http("404 Not Found", &[], b"<!DOCTYPE html><p>Not here.</p>"),
            ),
            "doc:http://example.test/a",
        ),
        (
            record("metadata", "http://example.test/a", 9, b"via: x\r\n"),
            "skip:metadata",
        ),
        (
            record(
                "response",
                "http://example.test/moved",
                10,
                &http(
                    "301 Moved Permanently",
                    &["Content-Type: text/html", "Location: /a"],
                    b"",
                ),
            ),
            "skip:empty",
        ),
    ]
}

/// What the reader made of a record: `doc:<url>` (its id checked here against the id
/// rule), `skip:<reason>` or `error:<kind>`.
fn outcome(item: &Item) -> String {
    match item {
        // A document extracted in part says so: `doc:<url>+<error kind>`.
        Item::Doc(d) => {
            assert_eq!(d.id, id_rule(d), "the id of {:?}", d.url);
            let url = d.url.as_deref().unwrap_or("");
            match &d.partial {
                Some(p) => format!("doc:{url}+{}", p.kind),
                None => format!("doc:{url}"),
            }
        }
        Item::Skipped(r) => format!("skip:{r}"),
        Item::Error(e) => format!("error:{}", e.kind()),
        Item::Line(_) => panic!("a WARC reader gives no JSONL lines"),
    }
}

/// The id a web archive document must have: its target URI and `#<WARC-Record-ID>`, or
/// for an ARC record (no record id) `#DATE@OFFSET`, the record's own date and place.
fn id_rule(d: &newsfacts::input::Document) -> String {
    let url = d.url.as_deref().unwrap_or("");
    let capture = d
        .capture
        .as_ref()
        .expect("archive documents have capture facts");
    match &capture.record_id {
        Some(rid) => format!("{url}#{rid}"),
        None => {
            let offset = d.source.rsplit('@').next().unwrap();
            let stamp: String = capture
                .date
                .as_deref()
                .unwrap_or("")
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            format!("{url}#{stamp}@{offset}")
        }
    }
}

fn read_all(bytes: &[u8], opts: ReadOptions) -> Vec<Item> {
    WarcReader::new(BufReader::new(bytes), "test.warc", opts).collect()
}

#[test]
fn synthetic_plain_and_gzip() {
    let recs = synthetic_records();
    let want: Vec<&str> = recs.iter().map(|r| r.1).collect();
    let plain: Vec<u8> = recs.iter().flat_map(|r| r.0.clone()).collect();
    let gz: Vec<u8> = recs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| member(&r.0, i % 2 == 0))
        .collect();
    for (name, bytes) in [("plain", plain), ("gzip members", gz)] {
        let items = read_all(&bytes, ReadOptions::default());
        let got: Vec<String> = items.iter().map(outcome).collect();
        assert_eq!(got, want, "{name}");
        let docs: Vec<_> = items
            .iter()
            .filter_map(|i| if let Item::Doc(d) = i { Some(d) } else { None })
            .collect();
        assert_eq!(docs[0].body, PAGE, "{name}: plain body");
        assert_eq!(docs[1].body, PAGE, "{name}: chunked + gzip undone");
        assert_eq!(docs[0].charset.as_deref(), Some("utf-8"));
        assert_eq!(docs[0].url.as_deref(), Some("http://example.test/a"));
        assert_eq!(docs[0].date.as_deref(), Some("2024-05-04"));
        assert!(!docs[0].date_is_published);
    }
}

#[test]
fn truncated_last_record_and_corrupt_member() {
    let recs = synthetic_records();
    // Plain: the last record is cut in the middle of its block.
    let mut plain: Vec<u8> = recs[..4].iter().flat_map(|r| r.0.clone()).collect();
    let last = &recs[2].0;
    plain.extend_from_slice(&last[..last.len() - 60]);
    let got: Vec<String> = read_all(&plain, ReadOptions::default())
        .iter()
        .map(outcome)
        .collect();
    assert_eq!(
        got,
        [
            "skip:warcinfo",
            "skip:request",
            "doc:http://example.test/a",
            "doc:http://example.test/b",
            // The record cut by the end of the file: what it holds, said to be partial.
            // (It is record 3 again, so its id is record 3's: the id names the capture.)
            "doc:http://example.test/a+warc"
        ]
    );

    // Gzip: the third member is corrupted; the reader reports it and goes on.
    let mut members: Vec<Vec<u8>> = recs[..5].iter().map(|r| member(&r.0, true)).collect();
    let m = &mut members[2];
    let mid = m.len() / 2;
    for b in &mut m[mid..mid + 8] {
        *b ^= 0x5a;
    }
    let gz: Vec<u8> = members.concat();
    let got: Vec<String> = read_all(&gz, ReadOptions::default())
        .iter()
        .map(outcome)
        .collect();
    assert_eq!(
        got,
        [
            "skip:warcinfo",
            "skip:request",
            "error:warc",
            "doc:http://example.test/b",
            "skip:revisit"
        ]
    );

    // Gzip: the file ends inside the last member.
    let mut gz: Vec<u8> = recs[..3].iter().flat_map(|r| member(&r.0, false)).collect();
    gz.truncate(gz.len() - 30);
    let got: Vec<String> = read_all(&gz, ReadOptions::default())
        .iter()
        .map(outcome)
        .collect();
    assert_eq!(
        got,
        [
            "skip:warcinfo",
            "skip:request",
            "doc:http://example.test/a+warc"
        ]
    );
}

/// A member whose bytes were changed where its length survives (a stored member: the
/// text is there as it is) is only caught by its checksum, after the record was read:
/// the document says its text may be wrong instead of passing as clean.
#[test]
fn a_record_whose_member_fails_its_checksum_says_so() {
    let page = http(
        "200 OK",
        &["Content-Type: text/html"],
        b"<html><body><p>Alice Smith said on Monday that Paris was calm.</p></body></html>",
    );
    let records = [
        record("response", "http://example.test/a", 1, &page),
        record("response", "http://example.test/b", 2, &page),
    ];
    let stored = |data: &[u8]| {
        let mut e = GzBuilder::new().write(Vec::new(), Compression::none());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    };
    let mut first = stored(&records[0]);
    let at = memchr_find(&first, b"Paris").expect("a stored member holds the text as it is");
    first[at] = b'B';
    let gz = [first, stored(&records[1])].concat();
    let items = read_all(&gz, ReadOptions::default());
    let got: Vec<String> = items.iter().map(outcome).collect();
    assert_eq!(
        got,
        [
            "doc:http://example.test/a+warc",
            "doc:http://example.test/b"
        ]
    );
    let Item::Doc(d) = &items[0] else {
        unreachable!()
    };
    let note = &d.partial.as_ref().unwrap().message;
    assert!(
        note.contains("checksum") || note.contains("corrupt"),
        "{note}"
    );
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn garbage_between_plain_records_is_resynced() {
    let recs = synthetic_records();
    let mut plain = recs[2].0.clone();
    plain.extend_from_slice(b"this line is not a record\r\nnor this\r\n");
    plain.extend_from_slice(&recs[3].0);
    let got: Vec<String> = read_all(&plain, ReadOptions::default())
        .iter()
        .map(outcome)
        .collect();
    // Stray bytes between records are a warning (a skip reason), not an error record.
    assert_eq!(
        got,
        [
            "doc:http://example.test/a",
            "skip:stray-bytes",
            "doc:http://example.test/b"
        ]
    );
}

#[test]
fn url_filter_and_size_cap() {
    let recs = synthetic_records();
    let plain: Vec<u8> = recs[2..4].iter().flat_map(|r| r.0.clone()).collect();
    let opts = ReadOptions {
        url_filter: Some(regex::Regex::new("/b$").unwrap()),
        ..ReadOptions::default()
    };
    let got: Vec<String> = read_all(&plain, opts).iter().map(outcome).collect();
    assert_eq!(got, ["skip:url-filter", "doc:http://example.test/b"]);

    // A payload over the cap, and a small gzip payload that inflates over it.
    let bomb = gzip(&vec![b' '; 1 << 20]);
    let mut bytes = record(
        "response",
        "http://example.test/big",
        1,
        &http("200 OK", &["Content-Type: text/html"], &vec![b'x'; 5000]),
    );
    bytes.extend(record(
        "response",
        "http://example.test/bomb",
        2,
        &http(
            "200 OK",
            &["Content-Type: text/html", "Content-Encoding: gzip"],
            &bomb,
        ),
    ));
    bytes.extend(&recs[2].0);
    let opts = ReadOptions {
        max_doc_bytes: 4096,
        ..ReadOptions::default()
    };
    let items = read_all(&bytes, opts);
    let got: Vec<String> = items.iter().map(outcome).collect();
    assert_eq!(
        got,
        [
            "error:too_large",
            "error:too_large",
            "doc:http://example.test/a"
        ]
    );
    if let Item::Error(e @ InputError::TooLarge { .. }) = &items[0] {
        // The error record takes the id the document would have had.
        assert_eq!(
            e.id(),
            "http://example.test/big#<urn:uuid:00000000-0000-0000-0000-000000000001>"
        );
    }
}

#[test]
fn real_crawler_files() {
    let dir = root().join("../shared/data/warc");
    if !dir.is_dir() {
        eprintln!(
            "SKIPPED: {} is absent; the real WARC files are not checked",
            dir.display()
        );
        return;
    }
    // (file, HTML documents, revisit records)
    let cases = [
        ("datagovuk-2014-heritrix.warc.gz", 36, 0),
        ("datagovuk-2014-heritrix-revisits.warc.gz", 7, 55),
        ("wikipedia-main-page-2012-01-19-wget.warc.gz", 1, 0),
    ];
    let (mut docs, mut ok200) = (0, 0);
    for (name, want_docs, want_revisits) in cases {
        let f = std::fs::File::open(dir.join(name)).unwrap();
        let mut reader = WarcReader::new(BufReader::new(f), name, ReadOptions::default());
        let (mut n, mut revisits, mut ids) = (0, 0, std::collections::HashSet::new());
        for item in reader.by_ref() {
            match item {
                Item::Doc(d) => {
                    assert_eq!(d.id, id_rule(&d), "{name}: id is the URI and record id");
                    assert!(ids.insert(d.id.clone()), "{name}: duplicate id {}", d.id);
                    n += 1;
                }
                Item::Skipped("revisit") => revisits += 1,
                Item::Skipped(_) => {}
                Item::Error(e) => panic!("{name}: {e}"),
                Item::Line(_) => panic!("{name}: a WARC reader gives no JSONL lines"),
            }
        }
        assert_eq!((n, revisits), (want_docs, want_revisits), "{name}");
        docs += n;
        ok200 += reader.status_counts().get(&200).copied().unwrap_or(0);
    }
    assert_eq!((docs, ok200), (44, 39));
}

/// The records of `fixtures/small.warc.gz`, from the project's own fixture pages.
fn small_fixture() -> Vec<u8> {
    let local = std::fs::read(root().join("fixtures/local-news.html")).unwrap();
    let wine = std::fs::read(root().join("fixtures/cp1252-undeclared.html")).unwrap();
    let recs = [
        record(
            "warcinfo",
            "",
            1,
            b"software: newsfacts tests/warc.rs\r\nformat: WARC File Format 1.1\r\n",
        ),
        record(
            "request",
            "https://courier.example/news/2023/05/09/footbridge-approved",
            2,
            b"GET /news/2023/05/09/footbridge-approved HTTP/1.1\r\nHost: courier.example\r\n\r\n",
        ),
        record(
            "response",
            "https://courier.example/news/2023/05/09/footbridge-approved",
            3,
            &http(
                "200 OK",
                &[
                    "Content-Type: text/html; charset=utf-8",
                    "Transfer-Encoding: chunked",
                    "Content-Encoding: gzip",
                ],
                &chunked(&gzip(&local), 700),
            ),
        ),
        record(
            "response",
            "https://courier.example/logo.png",
            4,
            &http(
                "200 OK",
                &["Content-Type: image/png"],
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            ),
        ),
        record(
            "response",
            "https://gazette.example/2021/10/harvest",
            5,
            &http(
                "200 OK",
                &["Content-Type: text/html; charset=windows-1252"],
                &wine,
            ),
        ),
        record(
            "revisit",
            "https://courier.example/news/2023/05/09/footbridge-approved",
            6,
            &http("200 OK", &["Content-Type: text/html"], b""),
        ),
    ];
    recs.iter()
        .enumerate()
        .flat_map(|(i, r)| member(r, i % 2 == 1))
        .collect()
}

#[test]
fn small_fixture_is_current() {
    let path = root().join("fixtures/small.warc.gz");
    let fresh = small_fixture();
    if std::env::var_os("NEWSFACTS_BLESS_WARC").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let stored =
        std::fs::read(&path).expect("fixtures/small.warc.gz (NEWSFACTS_BLESS_WARC=1 writes it)");
    let inflate = |b: &[u8]| {
        let mut out = Vec::new();
        MultiGzDecoder::new(b).read_to_end(&mut out).unwrap();
        out
    };
    assert_eq!(
        inflate(&stored),
        inflate(&fresh),
        "fixtures/small.warc.gz is stale"
    );
    let got: Vec<String> = read_all(&stored, ReadOptions::default())
        .iter()
        .map(outcome)
        .collect();
    assert_eq!(
        got,
        [
            "skip:warcinfo",
            "skip:request",
            "doc:https://courier.example/news/2023/05/09/footbridge-approved",
            "skip:non-html",
            "doc:https://gazette.example/2021/10/harvest",
            "skip:revisit"
        ]
    );
}

/// What warcio 1.8.1 reads from each of the peers' test files (HTML response and
/// resource records), as `../shared/data/warc/README.md` gives it.
const PEERS: &[(&str, usize)] = &[
    ("warcio__example.warc", 1),
    ("warcio__example.warc.gz", 1),
    ("warcio__example-iana.org-chunked.warc", 1),
    ("warcio__example-wget-bad-target-uri.warc.gz", 1),
    ("warcio__example-bad-non-chunked.warc.gz", 1),
    ("warcio__example-resource.warc.gz", 1),
    ("warcio__example-trunc.warc", 1),
    ("warcio__example.arc", 1),
    ("warcio__example-space-in-url.arc", 1),
    ("warcio__example.arc.gz", 1),
    ("warcio__example-wrong-chunks.warc.gz", 1),
    ("warcio__bad.arc", 0),
    ("warcio__example-digest.warc", 0),
    ("warcio__example-space-in-target-uri.warc.gz", 0),
    ("warcio__post-test.warc.gz", 0),
    ("jwarc__cc.warc.gz", 1),
    ("jwarc__gzip_extra_sl.warc.gz", 0),
];

#[test]
fn peers_files_read_as_warcio_reads_them() {
    let dir = root().join("../shared/data/warc/peers");
    if !dir.is_dir() {
        println!("skipped: ../shared/data/warc/peers not found");
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut wrong = Vec::new();
    for name in &names {
        let want = PEERS.iter().find(|(n, _)| n == name).map(|p| p.1);
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let items = read_all(&bytes, ReadOptions::default());
        let docs: Vec<_> = items
            .iter()
            .filter_map(|i| match i {
                Item::Doc(d) => Some(d),
                _ => None,
            })
            .collect();
        for d in &docs {
            // Never text decoded from bytes still compressed or binary.
            assert!(
                !d.body.contains(&0) && d.body.windows(2).all(|w| w != [0x1f, 0x8b]),
                "{name}: {} has binary bytes",
                d.id
            );
        }
        let errors: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Error(e) => Some(e.to_string()),
                _ => None,
            })
            .collect();
        println!("{name}: {} documents, errors {errors:?}", docs.len());
        if want != Some(docs.len()) {
            wrong.push(format!("{name}: {} documents, want {want:?}", docs.len()));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

fn html_record(uri: &str, id: u32, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut h = vec!["Content-Type: text/html; charset=utf-8"];
    h.extend_from_slice(headers);
    record("response", uri, id, &http("200 OK", &h, body))
}

fn docs_of(items: &[Item]) -> Vec<&newsfacts::input::Document> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Doc(d) => Some(d),
            _ => None,
        })
        .collect()
}

fn outcomes(bytes: &[u8]) -> Vec<String> {
    read_all(bytes, ReadOptions::default())
        .iter()
        .map(outcome)
        .collect()
}

#[test]
fn content_encodings_are_undone_or_errors() {
    let page = PAGE.repeat(20);
    let br = {
        let mut out = Vec::new();
        brotli::BrotliCompress(&mut &page[..], &mut out, &Default::default()).unwrap();
        out
    };
    let zstd =
        ruzstd::encoding::compress_to_vec(&page[..], ruzstd::encoding::CompressionLevel::Fastest);
    let gz = gzip(&page);
    let mut corrupt = gz.clone();
    let mid = corrupt.len() / 2;
    corrupt[mid..mid + 16].fill(0xaa);
    let u = "http://example.test/p";
    // (encoding header, payload, outcome, decoded body when a document)
    type Case<'a> = (&'a str, Vec<u8>, &'a str, Option<Vec<u8>>);
    let cases: Vec<Case> = vec![
        (
            "br",
            br.clone(),
            "doc:http://example.test/p",
            Some(page.clone()),
        ),
        (
            "zstd",
            zstd.clone(),
            "doc:http://example.test/p",
            Some(page.clone()),
        ),
        (
            "gzip",
            gz.clone(),
            "doc:http://example.test/p",
            Some(page.clone()),
        ),
        // Cut short: the part before the cut, and the record says it is partial.
        (
            "gzip",
            gz[..gz.len() / 2].to_vec(),
            "doc:http://example.test/p+truncated_encoding",
            None,
        ),
        (
            "br",
            br[..br.len() / 2].to_vec(),
            "doc:http://example.test/p+truncated_encoding",
            None,
        ),
        ("gzip", corrupt, "error:corrupt_encoding", None),
        ("compress", gz.clone(), "error:unsupported_encoding", None),
        // Compressed bytes under the wrong label, or none: never extracted as text.
        ("br", gz.clone(), "error:corrupt_encoding", None),
        ("zstd", br, "error:corrupt_encoding", None),
        ("", gz.clone(), "error:corrupt_encoding", None),
        ("identity", zstd, "error:corrupt_encoding", None),
    ];
    for (enc, body, want, want_body) in cases {
        let header = format!("Content-Encoding: {enc}");
        let headers: Vec<&str> = if enc.is_empty() {
            vec![]
        } else {
            vec![&header]
        };
        let items = read_all(&html_record(u, 1, &headers, &body), ReadOptions::default());
        assert_eq!(
            items.iter().map(outcome).collect::<Vec<_>>(),
            [want],
            "{enc}"
        );
        if let Some(d) = docs_of(&items).first() {
            assert!(
                page.starts_with(&d.body) && !d.body.is_empty(),
                "{enc}: a prefix of the page"
            );
            if let Some(b) = want_body {
                assert_eq!(d.body, b, "{enc}");
            }
        }
    }
}

#[test]
fn chunked_body_without_its_last_chunk_keeps_no_size_lines() {
    let mut body = chunked(PAGE, 50);
    body.truncate(body.len() - b"0\r\n\r\n".len());
    let rec = html_record(
        "http://example.test/c",
        1,
        &["Transfer-Encoding: chunked"],
        &body,
    );
    let items = read_all(&rec, ReadOptions::default());
    assert_eq!(
        items.iter().map(outcome).collect::<Vec<_>>(),
        ["doc:http://example.test/c+truncated_encoding"]
    );
    assert_eq!(docs_of(&items)[0].body, PAGE);
}

/// An ARC v1 file: the `filedesc://` record, then one record per capture.
fn arc_file(gz_members: bool) -> Vec<u8> {
    let desc = b"1 0 Test Capture\nURL IP-address Archive-date Content-type Archive-length\n";
    let page = http("200 OK", &["Content-Type: text/html"], PAGE);
    let img = http("200 OK", &["Content-Type: image/png"], b"\x89PNG\r\n\x1a\n");
    let recs = [
        (
            format!(
                "filedesc://test.arc 127.0.0.1 20240501100000 text/plain {}",
                desc.len()
            ),
            desc.to_vec(),
        ),
        (
            format!(
                "http://example.test/a 192.0.2.1 20240501100001 text/html {}",
                page.len()
            ),
            page.clone(),
        ),
        (
            format!(
                "http://example.test/logo.png 192.0.2.1 20240501100002 image/png {}",
                img.len()
            ),
            img,
        ),
        (
            "dns:example.test 192.0.2.2 20240501100003 text/dns 5".to_string(),
            b"x.y.z".to_vec(),
        ),
        // The same URL again, and a URL with spaces (warcio reads both).
        (
            format!(
                "http://example.test/a 192.0.2.1 20240502100001 text/html {}",
                page.len()
            ),
            page.clone(),
        ),
        (
            format!(
                "http://example.test/a b 192.0.2.1 20240502100001 text/html {}",
                page.len()
            ),
            page,
        ),
    ];
    let mut out = Vec::new();
    for (line, block) in recs {
        let mut r = format!("{line}\n").into_bytes();
        r.extend_from_slice(&block);
        r.push(b'\n');
        if gz_members {
            out.extend(gzip(&r));
        } else {
            out.extend(r);
        }
    }
    out
}

#[test]
fn arc_files_are_read_like_warc_files() {
    for gz in [false, true] {
        let items = read_all(&arc_file(gz), ReadOptions::default());
        assert_eq!(
            items.iter().map(outcome).collect::<Vec<_>>(),
            [
                "skip:filedesc",
                "doc:http://example.test/a",
                "skip:non-html",
                "skip:non-html",
                "doc:http://example.test/a",
                "doc:http://example.test/a b",
            ],
            "gzip {gz}"
        );
        let docs = docs_of(&items);
        assert_eq!(docs[0].body, PAGE);
        assert_eq!(docs[0].date.as_deref(), Some("2024-05-01"));
        assert_eq!(docs[0].url.as_deref(), Some("http://example.test/a"));
    }
    use newsfacts::input::{container_of, sniff, Container};
    assert_eq!(container_of("x.arc", b""), Container::Warc);
    assert_eq!(container_of("x.arc.gz", b""), Container::Warc);
    assert_eq!(sniff(&arc_file(false)), Container::Warc);
}

#[test]
fn resource_records_with_html_are_documents() {
    let mut f = typed_record(
        "resource",
        "http://example.test/r",
        1,
        "text/html; charset=utf-8",
        PAGE,
    );
    f.extend(typed_record(
        "resource",
        "http://example.test/i.png",
        2,
        "image/png",
        b"\x89PNG\r\n\x1a\n",
    ));
    let items = read_all(&f, ReadOptions::default());
    assert_eq!(
        items.iter().map(outcome).collect::<Vec<_>>(),
        ["doc:http://example.test/r", "skip:non-html"]
    );
    assert_eq!(docs_of(&items)[0].body, PAGE);
    assert_eq!(docs_of(&items)[0].charset.as_deref(), Some("utf-8"));
}

#[test]
fn tolerant_where_warcio_is() {
    let u = "http://example.test/t";
    // HTTPX/1.1 status line.
    let block = String::from_utf8(http("200 OK", &["Content-Type: text/html"], PAGE)).unwrap();
    let httpx = record(
        "response",
        u,
        1,
        block.replace("HTTP/1.1", "HTTPX/1.1").as_bytes(),
    );
    let httpx = String::from_utf8(httpx).unwrap();
    // Every header line ending \r\r\n.
    let crcr = String::from_utf8(html_record(u, 2, &[], PAGE)).unwrap();
    let (head, rest) = crcr.split_once("\r\n\r\n").unwrap();
    let crcr = format!("{}\r\r\n\r\r\n{rest}", head.replace("\r\n", "\r\r\n"));
    // WARC/0.18 and WARC/0.17 records.
    let old = String::from_utf8(
        [
            record("warcinfo", "", 3, b"software: x\r\n"),
            html_record(u, 4, &[], PAGE),
        ]
        .concat(),
    )
    .unwrap()
    .replacen("WARC/1.1", "WARC/0.18", 1)
    .replacen("WARC/1.1", "WARC/0.17", 1);
    for (name, file, want) in [
        ("httpx", httpx, vec!["doc:http://example.test/t"]),
        ("crcr", crcr, vec!["doc:http://example.test/t"]),
        (
            "0.18",
            old,
            vec!["skip:warcinfo", "doc:http://example.test/t"],
        ),
    ] {
        assert_eq!(outcomes(file.as_bytes()), want, "{name}");
        let docs_body = read_all(file.as_bytes(), ReadOptions::default());
        assert_eq!(docs_of(&docs_body).last().unwrap().body, PAGE, "{name}");
    }
}

#[test]
fn framing_breaks_are_resynchronised() {
    let a = html_record("http://example.test/a", 1, &[], PAGE);
    let b = html_record("http://example.test/b", 2, &[], PAGE);
    let c = html_record("http://example.test/c", 3, &[], PAGE);
    let bad = String::from_utf8(b.clone())
        .unwrap()
        .replace("Content-Length", "Content-Lenth")
        .into_bytes();
    // One bad record inside a file gzipped as a single member: the rest of the member is read.
    let one_member = gzip(&[a.clone(), bad, c.clone()].concat());
    assert_eq!(
        outcomes(&one_member),
        [
            "doc:http://example.test/a",
            "error:warc",
            "doc:http://example.test/c"
        ]
    );
    // A gzip file with a plain record appended.
    let appended = [gzip(&a), gzip(&b), c.clone()].concat();
    assert_eq!(
        outcomes(&appended),
        [
            "doc:http://example.test/a",
            "doc:http://example.test/b",
            "doc:http://example.test/c"
        ]
    );
    // Members that do not line up with records (cut in the middle of a record).
    let all = [a.clone(), b.clone(), c.clone()].concat();
    let split: Vec<u8> = all.chunks(300).flat_map(gzip).collect();
    assert_eq!(
        outcomes(&split),
        [
            "doc:http://example.test/a",
            "doc:http://example.test/b",
            "doc:http://example.test/c"
        ]
    );
    // Stray bytes between members: one warning, not an error record.
    for junk in [&b"\0\0\0 junk \r\n"[..], b"no line end", b"\r\n\x1f\x8b"] {
        let stray = [gzip(&a), junk.to_vec(), gzip(&b)].concat();
        assert_eq!(
            outcomes(&stray),
            [
                "doc:http://example.test/a",
                "skip:stray-bytes",
                "doc:http://example.test/b"
            ],
            "{junk:?}"
        );
    }
    // NUL padding at the end of a plain file (as warcio's example-trunc.warc has).
    let padded = [a, vec![0; 40]].concat();
    assert_eq!(
        outcomes(&padded),
        ["doc:http://example.test/a", "skip:stray-bytes"]
    );
    // A file with no record at all is an error, not an empty success.
    assert_eq!(outcomes(b"this is not an archive\n"), ["error:warc"]);
}

mod payloads {
    use super::*;
    use proptest::prelude::*;

    fn encodings() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "", "identity", "gzip", "x-gzip", "deflate", "br", "zstd", "compress",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Bytes that are not text (random bytes, or gzip of text under a wrong or
        /// absent Content-Encoding) never become a document: an error instead.
        #[test]
        fn non_text_payloads_are_errors_not_documents(
            random in prop::collection::vec(any::<u8>(), 256..2048),
            text in "[ -~]{1,400}",
            enc in encodings(),
            use_gzip in any::<bool>(),
        ) {
            let (payload, enc) = if use_gzip {
                // gzip of text, labelled as anything but gzip.
                let enc = if enc.contains("gzip") { "br" } else { enc };
                (gzip(text.as_bytes()), enc)
            } else {
                (random, enc)
            };
            let header = format!("Content-Encoding: {enc}");
            let headers: Vec<&str> = if enc.is_empty() { vec![] } else { vec![&header] };
            let rec = html_record("http://example.test/x", 1, &headers, &payload);
            let items = read_all(&rec, ReadOptions::default());
            prop_assert_eq!(items.len(), 1);
            prop_assert!(matches!(items[0], Item::Error(_)), "{}", outcome(&items[0]));
        }
    }
}
