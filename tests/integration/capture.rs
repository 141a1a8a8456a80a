//! Web archive captures through the real binary: the capture facts on records
//! (`warc_date`, `http_status`, `warc_record_id`, `content_type`) in JSON, CSV and the
//! terminal summary, `--status`, ids that do not depend on the order of the input
//! files, and one CSV row per document at every `--level`. The WARC and ARC files are
//! built here.

use crate::util::{run, run_with_stdin, tmp, write, Run};
use flate2::{write::GzEncoder, Compression};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;

/// A news page whose text the extractor finds people and places in.
fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Harbour news</title></head><body><article>\
         <h1>Harbour news</h1><p>{body}</p></article></body></html>"
    )
}

/// One WARC record; `block` is its whole block (an HTTP response, or a resource's bytes).
fn warc_record(kind: &str, uri: &str, id: &str, content_type: &str, block: &str) -> Vec<u8> {
    format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Record-ID: {id}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
    .into_bytes()
}

/// A WARC `response` record of an HTTP response with `status` and an HTML body.
fn response(uri: &str, id: &str, status: &str, body: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n{}",
        page(body)
    );
    warc_record(
        "response",
        uri,
        id,
        "application/http; msgtype=response",
        &http,
    )
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// An ARC v1 file: its `filedesc://` record, then one `http://` record per
/// `(uri, date, body)`.
fn arc_file(records: &[(&str, &str, &str)]) -> Vec<u8> {
    let desc = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n";
    let mut out = format!(
        "filedesc://t.arc 127.0.0.1 20240501100000 text/plain {}\n{desc}\n",
        desc.len()
    )
    .into_bytes();
    for (uri, date, body) in records {
        let http = format!(
            "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
            page(body)
        );
        out.extend(format!("{uri} 192.0.2.1 {date} text/html {}\n{http}\n", http.len()).bytes());
    }
    out
}

fn records(r: &Run) -> Vec<Value> {
    assert!(r.code == 0 || r.code == 1, "{}", r.explain());
    r.records()
}

fn by_url<'a>(recs: &'a [Value], url: &str, r: &Run) -> &'a Value {
    recs.iter()
        .find(|x| x["url"] == url)
        .unwrap_or_else(|| panic!("no record of {url}\n{}", r.explain()))
}

const CAPTURE_FIELDS: [&str; 4] = ["warc_date", "http_status", "warc_record_id", "content_type"];

#[test]
fn archive_records_carry_their_capture_facts_in_json_and_csv() {
    let d = tmp();
    let mut warc = response(
        "https://news.example/ok",
        "<urn:uuid:0001>",
        "200 OK",
        "Mayor Anna Berg opened the bridge in Oslo.",
    );
    warc.extend(response(
        "https://news.example/gone",
        "<urn:uuid:0002>",
        "404 Not Found",
        "The page Peter Lund wrote is gone.",
    ));
    warc.extend(warc_record(
        "resource",
        "https://news.example/saved",
        "<urn:uuid:0003>",
        "text/html; charset=utf-8",
        &page("Anna Berg visited Bergen."),
    ));
    let warc = write(d.path(), "crawl.warc.gz", gzip(&warc));
    let arc = write(
        d.path(),
        "old.arc",
        arc_file(&[(
            "http://news.example/arc",
            "20240501100001",
            "Anna Berg left Oslo.",
        )]),
    );
    let html = write(d.path(), "page.html", page("Anna Berg spoke in Oslo."));
    let (warc, arc, html) = (
        warc.to_str().unwrap(),
        arc.to_str().unwrap(),
        html.to_str().unwrap(),
    );
    let r = run(&["extract", "-q", warc, arc, html]);
    let recs = records(&r);
    assert_eq!(recs.len(), 5, "{}", r.explain());
    let facts = |url: &str| -> Vec<Value> {
        let rec = by_url(&recs, url, &r);
        CAPTURE_FIELDS.iter().map(|f| rec[f].clone()).collect()
    };
    let json = |s: &str| -> Value { serde_json::from_str(s).unwrap() };
    assert_eq!(
        facts("https://news.example/ok"),
        [
            json(r#""2024-05-01T10:00:00Z""#),
            json("200"),
            json(r#""<urn:uuid:0001>""#),
            json(r#""text/html""#)
        ],
        "{}",
        r.explain()
    );
    assert_eq!(facts("https://news.example/gone")[1], json("404"));
    // A resource record has no HTTP response, so no status; its type is its own.
    assert_eq!(
        facts("https://news.example/saved"),
        [
            json(r#""2024-05-01T10:00:00Z""#),
            Value::Null,
            json(r#""<urn:uuid:0003>""#),
            json(r#""text/html""#)
        ]
    );
    // An ARC record: its 14-digit date in ISO 8601, and no record id.
    assert_eq!(
        facts("http://news.example/arc"),
        [
            json(r#""2024-05-01T10:00:01Z""#),
            json("200"),
            Value::Null,
            json(r#""text/html""#)
        ]
    );
    // A page read from a file has none of the fields: not even as null.
    let plain = recs.iter().find(|x| x["source"] == html).unwrap();
    for f in CAPTURE_FIELDS {
        assert!(plain.get(f).is_none(), "{f} in {plain}");
    }

    // The terminal view says when the page was captured, and with which status.
    let r = run(&["extract", "-q", "--format", "summary", warc]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert!(
        r.stdout
            .contains("captured 2024-05-01T10:00:00Z · HTTP 404"),
        "{}",
        r.explain()
    );

    // The same facts as document columns, on every row of every level.
    for level in ["mentions", "entities", "quotes"] {
        let r = run(&["extract", "-q", "-f", "csv", "--level", level, warc, html]);
        assert_eq!(r.code, 0, "{}", r.explain());
        let mut rdr = csv::Reader::from_reader(r.stdout.as_bytes());
        let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            header[1..9],
            [
                "title",
                "url",
                "published",
                "source",
                "warc_date",
                "http_status",
                "warc_record_id",
                "content_type"
            ],
            "{}",
            r.explain()
        );
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        let cells = |url: &str| -> Vec<Vec<String>> {
            rows.iter()
                .filter(|row| &row[2] == url || (url.is_empty() && &row[4] == html))
                .map(|row| row.iter().skip(5).take(4).map(String::from).collect())
                .collect()
        };
        let gone = cells("https://news.example/gone");
        assert!(!gone.is_empty(), "{level}: {}", r.explain());
        for row in gone {
            assert_eq!(
                row,
                [
                    "2024-05-01T10:00:00Z",
                    "404",
                    "<urn:uuid:0002>",
                    "text/html"
                ]
            );
        }
        let from_file = cells("");
        assert!(!from_file.is_empty(), "{level}: {}", r.explain());
        assert!(from_file.iter().flatten().all(String::is_empty), "{level}");
    }
}

/// A crawl with pages of several statuses, a resource record and an image.
fn mixed_statuses() -> Vec<u8> {
    let mut w = Vec::new();
    for (i, status) in [
        "200 OK",
        "404 Not Found",
        "500 Server Error",
        "204 No Content",
    ]
    .iter()
    .enumerate()
    {
        w.extend(gzip(&response(
            &format!("https://news.example/{}", &status[..3]),
            &format!("<urn:uuid:s{i}>"),
            status,
            "Anna Berg opened the bridge in Oslo.",
        )));
    }
    w.extend(gzip(&warc_record(
        "resource",
        "https://news.example/saved",
        "<urn:uuid:r1>",
        "text/html",
        &page("Anna Berg visited Bergen."),
    )));
    let png = "HTTP/1.1 404 Not Found\r\nContent-Type: image/png\r\n\r\n\u{89}PNG";
    w.extend(gzip(&warc_record(
        "response",
        "https://news.example/x.png",
        "<urn:uuid:p1>",
        "application/http; msgtype=response",
        png,
    )));
    w
}

fn urls(r: &Run) -> Vec<String> {
    records(r)
        .iter()
        .map(|x| x["url"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn status_filter_keeps_matching_responses_and_counts_the_others() {
    let d = tmp();
    let w = write(d.path(), "c.warc.gz", mixed_statuses());
    let w = w.to_str().unwrap();
    let r = run(&["extract", "--status", "200", w]);
    assert_eq!(r.code, 0, "{}", r.explain());
    // The resource record has no HTTP status: kept.
    assert_eq!(
        urls(&r),
        ["https://news.example/200", "https://news.example/saved"],
        "{}",
        r.explain()
    );
    // Never silent: the summary says how many the filter skipped (the image is
    // `non-html`, whatever its status).
    assert!(
        r.stderr.contains("3 status-filter") && r.stderr.contains("1 non-html"),
        "{}",
        r.explain()
    );
    // Classes, ranges, lists and repeats.
    let want = [
        "https://news.example/200",
        "https://news.example/404",
        "https://news.example/204",
        "https://news.example/saved",
    ];
    for args in [
        &["--status", "2xx,404"][..],
        &["--status", "2xx", "--status", "404"],
        &["--status", "200-299, 404"],
    ] {
        let mut a = vec!["extract", "-q"];
        a.extend_from_slice(args);
        a.push(w);
        let r = run(&a);
        assert_eq!(urls(&r), want, "{}", r.explain());
    }
    // Without the flag every HTML response is a document.
    assert_eq!(urls(&run(&["extract", "-q", w])).len(), 5);
    // A spec that is not a status is a usage error.
    for bad in ["20x", "ok", "700", "299-200"] {
        let r = run(&["extract", "-q", "--status", bad, w]);
        assert_eq!(r.code, 2, "{}", r.explain());
        assert!(r.stderr.contains("--status"), "{}", r.explain());
        assert!(r.stdout.is_empty(), "{}", r.explain());
    }
}

/// A record that cannot be extracted (over `--max-doc-bytes`, or an encoding that
/// cannot be undone) is an error record, and it keeps its capture facts, so that a
/// researcher can still date it and filter it by status.
#[test]
fn error_records_of_archive_records_keep_their_capture_facts() {
    let big = "The harbour reopened on Monday. ".repeat(200);
    let mut bytes = response(
        "https://news.example/big",
        "<urn:uuid:big>",
        "404 Not Found",
        &big,
    );
    let broken = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: compress\r\n\r\n\x1f\x00\x10\x00\x01\x02\x03\x00\x00\x05\x06\x00";
    bytes.extend(warc_record(
        "response",
        "https://news.example/lzw",
        "<urn:uuid:lzw>",
        "application/http; msgtype=response",
        broken,
    ));
    let d = tmp();
    let w = write(d.path(), "e.warc", bytes);
    let r = run(&[
        "extract",
        "-q",
        "--max-doc-bytes",
        "2000",
        w.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.explain());
    let recs = records(&r);
    let big = by_url_or_id(&recs, "big", &r);
    assert_eq!(big["errors"][0]["kind"], "too_large", "{}", r.explain());
    assert_eq!(big["http_status"], 404, "{}", r.explain());
    assert_eq!(big["warc_record_id"], "<urn:uuid:big>", "{}", r.explain());
    assert_eq!(big["warc_date"], "2024-05-01T10:00:00Z", "{}", r.explain());
    assert_eq!(big["content_type"], "text/html", "{}", r.explain());
    let lzw = by_url_or_id(&recs, "lzw", &r);
    assert_eq!(
        lzw["errors"][0]["kind"],
        "unsupported_encoding",
        "{}",
        r.explain()
    );
    assert_eq!(lzw["http_status"], 200, "{}", r.explain());
    assert_eq!(lzw["warc_record_id"], "<urn:uuid:lzw>", "{}", r.explain());
}

/// The record whose id names `part` (error records have no `url`).
fn by_url_or_id<'a>(recs: &'a [Value], part: &str, r: &Run) -> &'a Value {
    recs.iter()
        .find(|x| x["id"].as_str().is_some_and(|id| id.contains(part)))
        .unwrap_or_else(|| panic!("no record of {part}\n{}", r.explain()))
}

#[test]
fn status_filter_on_input_without_statuses_keeps_it_and_says_so() {
    let d = tmp();
    let html = write(d.path(), "page.html", page("Anna Berg spoke in Oslo."));
    let r = run(&["extract", "--status", "200", html.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert_eq!(records(&r).len(), 1, "{}", r.explain());
    assert!(
        r.stderr
            .contains("warning: --status applies to web archive"),
        "{}",
        r.explain()
    );
    // Stdin may be an archive: no warning, and a page read from it is kept.
    let r = run_with_stdin(
        &["extract", "--status", "200"],
        Some(&page("Anna Berg spoke in Oslo.")),
    );
    assert_eq!(records(&r).len(), 1, "{}", r.explain());
    assert!(!r.stderr.contains("warning"), "{}", r.explain());
}

/// Three archives with captures of the same URIs: two WARC files and an ARC file that
/// holds one URI twice, in the same second.
fn three_archives(dir: &std::path::Path) -> Vec<String> {
    let news = "https://news.example/today";
    let mut a = gzip(&response(
        news,
        "<urn:uuid:a1>",
        "200 OK",
        "Anna Berg met Peter Lund.",
    ));
    a.extend(gzip(&response(
        "https://news.example/other",
        "<urn:uuid:a2>",
        "200 OK",
        "About 1,000 people came to Oslo.",
    )));
    let b = gzip(&response(
        news,
        "<urn:uuid:b1>",
        "200 OK",
        "Peter Lund left Bergen.",
    ));
    let c = arc_file(&[
        (news, "20240501100001", "Anna Berg is in Oslo."),
        (news, "20240501100001", "Anna Berg is in Bergen."),
    ]);
    [("a.warc.gz", a), ("b.warc.gz", b), ("c.arc", c)]
        .into_iter()
        .map(|(name, bytes)| write(dir, name, bytes).to_str().unwrap().to_string())
        .collect()
}

/// id -> record, failing on a repeated id.
fn by_id(r: &Run) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for rec in records(r) {
        let id = rec["id"].as_str().unwrap().to_string();
        assert!(
            out.insert(id.clone(), rec).is_none(),
            "id {id} twice\n{}",
            r.explain()
        );
    }
    out
}

#[test]
fn ids_do_not_depend_on_the_order_of_the_input_files() {
    let d = tmp();
    let files = three_archives(d.path());
    let f: Vec<&str> = files.iter().map(String::as_str).collect();
    let forward = run(&["extract", "-q", f[0], f[1], f[2]]);
    let backward = run(&["extract", "-q", "-j", "1", f[2], f[1], f[0]]);
    let (fw, bw) = (by_id(&forward), by_id(&backward));
    assert_eq!(fw.len(), 5, "{}", forward.explain());
    assert_eq!(fw, bw, "{}\n{}", forward.explain(), backward.explain());
    // The order of the records follows the input order.
    assert_ne!(forward.stdout, backward.stdout);
    // Ids say which capture they are: the URI and the record's own name.
    let ids: Vec<&str> = fw.keys().map(String::as_str).collect();
    assert!(
        ids.contains(&"https://news.example/today#<urn:uuid:b1>"),
        "{ids:?}"
    );
    assert!(ids.iter().all(|id| id.starts_with("https://news.example/")));
    // One process per file (as the Spark example runs) gives the same records.
    let mut apart = BTreeMap::new();
    for file in &f {
        apart.extend(by_id(&run(&["extract", "-q", file])));
    }
    assert_eq!(apart, fw);
    // And so does the folder that holds them.
    let folder = by_id(&run(&["extract", "-q", d.path().to_str().unwrap()]));
    assert_eq!(folder, fw);
}

#[test]
fn every_document_has_a_row_at_every_level() {
    let docs = concat!(
        r#"{"id": "full", "text": "\"We will build it,\" said Mayor Anna Berg of Oslo on Tuesday."}"#,
        "\n",
        r#"{"id": "empty", "text": "nothing to see here at all."}"#,
        "\n"
    );
    for (format, delim) in [("csv", b','), ("tsv", b'\t')] {
        for (level, first) in [
            ("mentions", "type"),
            ("entities", "entity"),
            ("quotes", "start"),
        ] {
            let r = run_with_stdin(
                &["extract", "-q", "-f", format, "--level", level],
                Some(docs),
            );
            assert_eq!(r.code, 0, "{}", r.explain());
            let mut rdr = csv::ReaderBuilder::new()
                .delimiter(delim)
                .from_reader(r.stdout.as_bytes());
            let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
            let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
            let of = |id: &str| rows.iter().filter(|row| &row[0] == id).collect::<Vec<_>>();
            let full = of("full");
            assert!(!full.is_empty(), "{format} {level}: {}", r.explain());
            let col = header.iter().position(|h| h == first).unwrap();
            assert!(full.iter().all(|row| !row[col].is_empty()));
            // The document with nothing found: one row, its level cells empty.
            let empty = of("empty");
            assert_eq!(empty.len(), 1, "{format} {level}: {}", r.explain());
            let row = empty[0];
            assert_eq!(row.len(), header.len());
            assert!(row[4].starts_with("<stdin>"), "{format} {level}");
            assert!(
                row.iter().skip(9).all(str::is_empty),
                "{format} {level}: {row:?}"
            );
        }
    }
}
