//! The WARC reader on real crawler output (read from `../shared/data/warc` when it is
//! there) and on WARC files built here: one gzip member per record, wget-style FEXTRA
//! headers, revisit and non-HTML records, chunked + gzip payloads, a repeated URI, a
//! corrupt member and a truncated last record. Also builds `fixtures/small.warc.gz`
//! (set `NEWSFACTS_BLESS_WARC=1` to rewrite it) from the project's own pages.

use flate2::{read::MultiGzDecoder, Compression, GzBuilder};
use newsfacts::input::{warc::WarcReader, InputError, Item, ReadOptions};
use std::io::{BufReader, Read, Write};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One WARC record (version line, fields, block, trailing blank lines).
fn record(kind: &str, uri: &str, id: u32, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-05-0{}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
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
            "doc:http://example.test/a#<urn:uuid:00000000-0000-0000-0000-000000000008>",
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

fn outcome(item: &Item) -> String {
    match item {
        Item::Doc(d) => format!("doc:{}", d.id),
        Item::Skipped(r) => format!("skip:{r}"),
        Item::Error(e) => format!("error:{}", e.kind()),
        Item::Line(_) => panic!("a WARC reader gives no JSONL lines"),
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
            "error:warc"
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
    assert_eq!(got, ["skip:warcinfo", "skip:request", "error:warc"]);
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
    assert_eq!(
        got,
        [
            "doc:http://example.test/a",
            "error:warc",
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
        assert_eq!(e.id(), "http://example.test/big");
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
                    assert_eq!(Some(&d.id), d.url.as_ref(), "{name}: id is the target URI");
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
