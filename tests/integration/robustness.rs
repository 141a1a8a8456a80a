//! Robustness: nothing lost, nothing crashes. Bad inputs next to good ones (each bad one
//! becomes an error record and a stderr line naming it), limits that cut off instead of
//! stalling, a closed pipe, a killed run resumed, and the same output whatever the
//! thread count. Every input is generated in a temporary folder; nothing big is
//! committed.
//!
//! Decisions this file pins down:
//! - An empty file, a binary file (NUL or control bytes), a file over `--max-doc-bytes`,
//!   a missing path and a broken JSONL line are errors (kinds `empty`, `binary`,
//!   `too_large`, `io`, `jsonl`).
//! - A page in cp1252 without a declaration and a file with invalid UTF-8 are
//!   documents, not errors: they are decoded (invalid bytes replaced by U+FFFD) and
//!   extracted, so a stray byte never costs a whole article.

use crate::util::{bin, run, write};
use newsfacts::input::{self, Document, Item, ReadOptions};
use newsfacts::output::{self, Format, Level};
use newsfacts::pipeline::{self, Options};
use newsfacts::{Extractor, ExtractorConfig};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn article(body: &str) -> String {
    format!("<html><head><title>T</title></head><body><p>{body}</p></body></html>")
}

fn jsonl_docs(n: usize) -> String {
    (0..n)
        .map(|i| {
            let text = format!(
                "On Tuesday Mr. John Kerry met about {} troops in Moscow, officials said. Paris {i}.",
                (i + 1) * 10
            );
            serde_json::json!({"id": format!("doc-{i}"), "text": text}).to_string() + "\n"
        })
        .collect()
}

fn errors_of(r: &Value) -> Vec<(String, String)> {
    r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn bad_inputs_beside_good_ones() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let good_html = write(&dir, "good.html", article("Mr. John Kerry visited Moscow."));
    let good_txt = write(
        &dir,
        "good.txt",
        "Angela Merkel spoke in Berlin on Tuesday.",
    );
    write(
        &dir,
        "mixed.jsonl",
        "{\"id\": \"j1\", \"text\": \"Paris is in France.\"}\n{\"id\": \"j2\", \"text\": \n{\"id\": \"j3\", \"html\": \"<p>Rome</p>\"}\n",
    );
    let empty = write(&dir, "empty.txt", "");
    let mut binary = b"\x7fELF\x02\x01\x01\x00".to_vec();
    binary.extend((0..4000u32).map(|i| (i % 7) as u8));
    let binary = write(&dir, "binary.txt", binary);
    // "café in Zürich — 5 €" in cp1252, with no charset anywhere.
    let cp1252 = write(
        &dir,
        "cp1252.html",
        b"<html><body><p>Le caf\xe9 de Z\xfcrich \x97 5 \x80. Paris.</p></body></html>",
    );
    let bad_utf8 = write(&dir, "bad-utf8.txt", b"Madrid \xff\xfe\xc3 and Lisbon.");
    let deep = write(
        &dir,
        "deep.html",
        format!(
            "<html><body>{}<p>Deep inside, Madrid.</p>{}</body></html>",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        ),
    );
    // 20 MB, over the --max-doc-bytes given below: proves the limit cheaply. (Pushing
    // 20 MB through the extractor is `big_page_is_extracted`, run in release.)
    let big = write(
        &dir,
        "big.html",
        article(&"Lorem ipsum dolor. ".repeat(1 << 20)),
    );
    let missing = d.path().join("no-such-file.html");

    let started = Instant::now();
    let r = run(&[
        "extract",
        "-j",
        "2",
        "--include-text",
        "--max-doc-bytes",
        "8000000",
        dir.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    let took = started.elapsed();
    assert_eq!(r.code, 1, "{}", r.explain());
    assert!(!r.stderr.contains("panicked"), "{}", r.explain());
    let recs = r.records();
    let by_id: BTreeMap<&str, &Value> = recs
        .iter()
        .map(|v| (v["id"].as_str().unwrap(), v))
        .collect();
    assert_eq!(by_id.len(), recs.len(), "duplicate ids\n{}", r.explain());

    let s = |p: &Path| p.to_str().unwrap().to_string();
    let jsonl = format!("{}:2", s(&dir.join("mixed.jsonl")));
    // (id, error kind or "" for a good record, text the record must contain)
    let want: Vec<(String, &str, &str)> = vec![
        (s(&good_html), "", "Moscow"),
        (s(&good_txt), "", "Berlin"),
        ("j1".into(), "", "Paris"),
        (jsonl.clone(), "jsonl", ""),
        ("j3".into(), "", "Rome"),
        (s(&empty), "empty", ""),
        (s(&binary), "binary", ""),
        (s(&cp1252), "", "Paris"),
        (s(&bad_utf8), "", "Lisbon"),
        (s(&deep), "", "Madrid"),
        (s(&big), "too_large", ""),
        (s(&missing), "io", ""),
    ];
    assert_eq!(recs.len(), want.len(), "{}", r.explain());
    for (id, kind, text) in &want {
        let rec = by_id
            .get(id.as_str())
            .unwrap_or_else(|| panic!("no record for {id}\n{}", r.explain()));
        let errors = errors_of(rec);
        if kind.is_empty() {
            assert!(errors.is_empty(), "{id}: {errors:?}");
            let t = rec["text"].as_str().unwrap_or("");
            assert!(t.contains(text), "{id}: text {t:?} lacks {text:?}");
        } else {
            assert_eq!(errors.len(), 1, "{id}: {errors:?}");
            assert_eq!(errors[0].0, *kind, "{id}: {errors:?}");
            assert!(!errors[0].1.is_empty(), "{id}: empty message");
            // One stderr line names the failed input (the file, and the line for JSONL).
            let named = if *kind == "jsonl" {
                jsonl.clone()
            } else {
                id.clone()
            };
            assert_eq!(
                r.stderr
                    .lines()
                    .filter(|l| l.contains(&named) && l.contains(kind))
                    .count(),
                1,
                "{id}: no stderr line\n{}",
                r.explain()
            );
        }
    }
    // Undecodable bytes are replaced, not fatal.
    let bad = by_id[s(&bad_utf8).as_str()]["text"].as_str().unwrap();
    assert!(bad.contains('\u{fffd}'), "{bad:?}");
    let summary = r.stderr.lines().last().unwrap_or("");
    assert!(
        summary.contains("12 documents")
            && summary.contains("7 extracted")
            && summary.contains("5 failed"),
        "{}",
        r.explain()
    );
    // Generous for a debug build on a loaded machine; quadratic parsing of the deep
    // page alone took minutes.
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

/// A 20 MB page through the whole extractor. Slow in a debug build (about 25 s of CPU
/// with the first article extractor), so run it in release:
/// `cargo test --release --test integration -- --ignored big_page`.
#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn big_page_is_extracted() {
    let d = tempfile::tempdir().unwrap();
    let p = "<p>On Tuesday Mr. John Kerry met about 1,000 troops in Moscow.</p>\n";
    let big = write(
        d.path(),
        "big.html",
        article(&p.repeat(20_000_000 / p.len())),
    );
    let started = Instant::now();
    let r = run(&["extract", big.to_str().unwrap()]);
    eprintln!("20 MB page: {:?}", started.elapsed());
    assert_eq!(r.code, 0, "{}", r.explain());
    let recs = r.records();
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["mentions"].as_array().unwrap().len() > 1000);
}

#[test]
fn missing_path_alone_is_exit_1_with_a_record() {
    let r = run(&["extract", "/no/such/dir/page.html"]);
    assert_eq!(r.code, 1, "{}", r.explain());
    let recs = r.records();
    assert_eq!(recs.len(), 1);
    assert_eq!(errors_of(&recs[0])[0].0, "io");
    assert!(
        r.stderr.contains("/no/such/dir/page.html"),
        "{}",
        r.explain()
    );
}

#[test]
fn jsonl_line_without_newline_is_cut_off_at_the_limit() {
    // 4 MB on one line with no newline, limit 64 KiB: an error record for the line,
    // then the next document; the line is never held whole in memory.
    let d = tempfile::tempdir().unwrap();
    let mut s = String::from("{\"id\": \"huge\", \"text\": \"");
    s.push_str(&"a".repeat(4 << 20));
    s.push_str("\"}\n{\"id\": \"after\", \"text\": \"Paris\"}\n");
    let p = write(d.path(), "huge.jsonl", s);
    let r = run(&["extract", "--max-doc-bytes", "65536", p.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.explain());
    let recs = r.records();
    assert_eq!(recs.len(), 2, "{}", r.explain());
    assert_eq!(errors_of(&recs[0])[0].0, "jsonl");
    assert!(errors_of(&recs[0])[0]
        .1
        .contains("larger than --max-doc-bytes"));
    assert_eq!(recs[1]["id"], "after");
}

#[test]
fn gzip_bomb_in_jsonl_is_cut_off_at_the_limit() {
    use flate2::{write::GzEncoder, Compression};
    // ~200 MB of zeros inside a JSON string compresses to ~200 KB.
    let d = tempfile::tempdir().unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(b"{\"id\": \"bomb\", \"text\": \"").unwrap();
    let chunk = vec![b'0'; 1 << 20];
    for _ in 0..200 {
        gz.write_all(&chunk).unwrap();
    }
    gz.write_all(b"\"}\n{\"id\": \"after\", \"text\": \"Paris\"}\n")
        .unwrap();
    let p = write(d.path(), "bomb.jsonl.gz", gz.finish().unwrap());
    let r = run(&["extract", "--max-doc-bytes", "1000000", p.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.explain());
    let recs = r.records();
    assert_eq!(recs.len(), 2, "{}", r.explain());
    assert_eq!(errors_of(&recs[0])[0].0, "jsonl");
    assert_eq!(recs[1]["id"], "after");
}

/// A truncated `.warc.gz` must give an error record naming the file, after the records
/// that could be read. Ignored until the WARC reader lands (src/input/warc.rs is a
/// stub on this branch that yields nothing).
#[test]
fn truncated_warc_gz_gives_an_error_record() {
    use flate2::{write::GzEncoder, Compression};
    let d = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (i, city) in ["Paris", "Rome"].iter().enumerate() {
        let payload = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{}",
            article(&format!("News from {city}."))
        );
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/{i}\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nWARC-Date: 2016-03-16T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{payload}\r\n\r\n",
            payload.len()
        );
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(rec.as_bytes()).unwrap();
        all.extend(gz.finish().unwrap());
    }
    let cut = all.len() - 40;
    let p = write(d.path(), "cut.warc.gz", &all[..cut]);
    let r = run(&["extract", p.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.explain());
    let recs = r.records();
    assert_eq!(
        recs[0]["id"],
        "https://example.org/0#<urn:uuid:0>",
        "{}",
        r.explain()
    );
    let last = recs.last().unwrap();
    assert!(!errors_of(last).is_empty(), "{}", r.explain());
    assert!(r.stderr.contains("cut.warc.gz"), "{}", r.explain());
}

/// A WARC record whose gzip member inflates far beyond --max-doc-bytes is cut off
/// there. Ignored until the WARC reader lands.
#[test]
fn warc_gzip_bomb_is_cut_off() {
    use flate2::{write::GzEncoder, Compression};
    let d = tempfile::tempdir().unwrap();
    let body_len = 300usize << 20;
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>";
    let rec_head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\nWARC-Record-ID: <urn:uuid:b>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{head}",
        head.len() + body_len
    );
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(rec_head.as_bytes()).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..(body_len >> 20) {
        gz.write_all(&chunk).unwrap();
    }
    gz.write_all(b"\r\n\r\n").unwrap();
    let p = write(d.path(), "bomb.warc.gz", gz.finish().unwrap());
    let started = Instant::now();
    let r = run(&["extract", "--max-doc-bytes", "1000000", p.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.explain());
    let recs = r.records();
    assert_eq!(recs.len(), 1, "{}", r.explain());
    assert_eq!(errors_of(&recs[0])[0].0, "too_large", "{}", r.explain());
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn closed_pipe_ends_quietly() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "docs.jsonl", jsonl_docs(3000));
    let mut child = Command::new(bin())
        .args(["extract", "-j", "1", p.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -1`: read one line, then close the pipe.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(first.starts_with("{\"id\":\"doc-0\""), "{first}");
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(
        !stderr.to_lowercase().contains("broken pipe"),
        "stderr: {stderr}"
    );
}

/// Parses a JSONL output file into id -> record, failing on a broken line or a
/// duplicate id.
fn read_output(path: &Path) -> BTreeMap<String, Value> {
    let content = std::fs::read_to_string(path).unwrap();
    let mut out = BTreeMap::new();
    for line in content.lines() {
        let v: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{}: bad line {line:?}: {e}", path.display()));
        let id = v["id"].as_str().unwrap().to_string();
        assert!(out.insert(id.clone(), v).is_none(), "duplicate id {id}");
    }
    out
}

#[cfg(unix)]
#[test]
fn killed_run_resumes_to_the_same_records() {
    let d = tempfile::tempdir().unwrap();
    let docs = jsonl_docs(1500);
    let input = d.path().join("in.jsonl");
    let out = d.path().join("out.jsonl");

    // The input is first a FIFO the test feeds: the run cannot finish before the kill,
    // so the test is deterministic whatever the machine's speed.
    let st = Command::new("mkfifo").arg(&input).status().unwrap();
    assert!(st.success());
    let mut child = Command::new(bin())
        .args(["extract", "-q", "-j", "1", "--resume", "-o"])
        .args([&out, &input])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut fifo = std::fs::OpenOptions::new()
        .write(true)
        .open(&input)
        .unwrap();
    let lines: Vec<&str> = docs.split_inclusive('\n').collect();
    for l in &lines[..1000] {
        fifo.write_all(l.as_bytes()).unwrap();
    }
    fifo.flush().unwrap();
    // The first batch (512 documents) is written once extracted; wait for it.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let n = std::fs::read_to_string(&out)
            .map(|s| s.lines().count())
            .unwrap_or(0);
        if n >= 512 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no output after 60 s ({n} lines)"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    drop(fifo);
    let partial = read_output(&out);
    assert!(
        partial.len() >= 512 && partial.len() < 1500,
        "{}",
        partial.len()
    );
    // As if the kill had landed in the middle of a write: a torn last line.
    let mut f = std::fs::OpenOptions::new().append(true).open(&out).unwrap();
    f.write_all(b"{\"id\":\"doc-1499\",\"source\":\"x\",\"menti")
        .unwrap();
    drop(f);

    std::fs::remove_file(&input).unwrap();
    std::fs::write(&input, &docs).unwrap();
    let resumed = run(&[
        "extract",
        "-j",
        "1",
        "--resume",
        "-o",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(resumed.code, 0, "{}", resumed.explain());
    assert!(
        resumed.stderr.contains("already done"),
        "{}",
        resumed.explain()
    );

    let full_out = d.path().join("full.jsonl");
    let full = run(&[
        "extract",
        "-j",
        "1",
        "-o",
        full_out.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(full.code, 0, "{}", full.explain());
    let a = read_output(&out);
    let b = read_output(&full_out);
    assert_eq!(a.len(), 1500);
    assert_eq!(
        a.keys().collect::<BTreeSet<_>>(),
        b.keys().collect::<BTreeSet<_>>()
    );
    for (id, rec) in &a {
        assert_eq!(rec, &b[id], "{id} differs");
    }
}

#[test]
fn output_file_is_the_only_file_written() {
    let d = tempfile::tempdir().unwrap();
    let input = write(d.path(), "in.jsonl", jsonl_docs(20));
    let out = d.path().join("out.jsonl");
    let r = run(&[
        "extract",
        "-o",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.explain());
    let mut names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["in.jsonl", "out.jsonl"]);
}

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(ExtractorConfig::default()).unwrap())
}

fn run_pipeline(items: Vec<Item>, threads: usize) -> Vec<u8> {
    let mut buf = Vec::new();
    {
        let mut w = output::writer(Format::Jsonl, Level::Mentions, &mut buf);
        let opts = Options {
            threads,
            // Small batches, so that batch boundaries fall inside the input.
            batch_docs: 3,
            report_errors: false,
            ..Options::default()
        };
        pipeline::run(extractor(), items.into_iter(), w.as_mut(), &opts).unwrap();
    }
    buf
}

fn doc_strategy() -> impl Strategy<Value = (bool, String)> {
    let word = prop_oneof![
        Just("Kerry"),
        Just("John"),
        Just("Moscow"),
        Just("said"),
        Just("Tuesday"),
        Just("about 1,000 troops"),
        Just("<p>"),
        Just("</p>"),
        Just("<div>"),
        Just("Zürich"),
        Just("\""),
        Just("."),
    ];
    (
        any::<bool>(),
        prop::collection::vec(word, 0..30).prop_map(|w| w.join(" ")),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// `-j 1` and `-j 3` write byte-identical output, errors included.
    #[test]
    fn thread_count_does_not_change_output(docs in prop::collection::vec(doc_strategy(), 0..20)) {
        let make = || -> Vec<Item> {
            docs.iter()
                .enumerate()
                .map(|(i, (html, body))| {
                    if i % 7 == 3 {
                        // A read error in place, as the readers yield them.
                        let e = input::jsonl::JsonlReader::new(&b"not json\n"[..], "x.jsonl", 100)
                            .next()
                            .unwrap();
                        return e;
                    }
                    let id = format!("d{i}");
                    Item::Doc(if *html {
                        Document::html(id, format!("<html><body><p>{body}</p></body></html>"))
                    } else {
                        Document::text(id, body.clone())
                    })
                })
                .collect()
        };
        let one = run_pipeline(make(), 1);
        let many = run_pipeline(make(), 3);
        prop_assert_eq!(String::from_utf8(one).unwrap(), String::from_utf8(many).unwrap());
    }
}

#[test]
fn read_options_default_bounds_memory() {
    // The default limit must stay finite: one document never takes unbounded memory.
    let max = ReadOptions::default().max_doc_bytes;
    assert!(max > 0 && max <= 256 << 20, "{max}");
}

/// Inputs that once crashed a fuzz target (`fuzz/regressions/<target>/`), replayed
/// through the same path as the target, with its checks. Every target's folder is read
/// when it exists, so a new regression input is picked up by dropping it there.
#[test]
fn fuzz_regressions_do_not_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = BTreeMap::new();
    for target in ["extractor", "dates", "figures", "warc"] {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in dir {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            replay(target, &bytes);
            *replayed.entry(target).or_insert(0) += 1;
        }
    }
    assert!(
        replayed.get("extractor").is_some_and(|&n| n > 0),
        "no regression inputs in {}/extractor: {replayed:?}",
        root.display()
    );
}

/// One input through what fuzz target `target` does, with the target's assertions.
fn replay(target: &str, bytes: &[u8]) {
    // As a target's `&str` input is made: the longest valid UTF-8 prefix.
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap(),
    };
    let check_spans = |spans: Vec<(usize, usize)>| {
        for (start, end) in spans {
            assert!(start < end && end <= text.len(), "bad span {start}..{end}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    };
    match target {
        "extractor" => {
            let mut doc = Document::text("fuzz", text);
            doc.date = Some("2016-03-16".into());
            doc.date_is_published = true;
            let rec = extractor().extract(&doc);
            assert!(rec.errors.is_empty());
            // The contract the target checks: offsets slice out each mention's text.
            let chars: Vec<char> = text.chars().collect();
            for m in &rec.mentions {
                let span: String = chars[m.start..m.end].iter().collect();
                assert_eq!(span, m.text);
            }
        }
        "dates" => {
            let mut out = Vec::new();
            let reference = chrono::NaiveDate::from_ymd_opt(2016, 3, 16);
            newsfacts::stages::DateRecognizer::new().find(text, reference, &mut out);
            check_spans(out.iter().map(|c| (c.start, c.end)).collect());
        }
        "figures" => {
            let mut out = Vec::new();
            newsfacts::stages::FigureRecognizer::new().find(text, &mut out);
            check_spans(out.iter().map(|c| (c.start, c.end)).collect());
        }
        "warc" => {
            const MAX: u64 = 1 << 16;
            let opts = ReadOptions {
                max_doc_bytes: MAX,
                truncate: bytes.len() % 2 == 1,
                ..ReadOptions::default()
            };
            let reader = input::warc::WarcReader::new(bytes, "fuzz.warc", opts);
            for item in reader.take(10_000) {
                if let Item::Doc(d) = item {
                    assert!(d.body.len() as u64 <= MAX, "document over the limit");
                }
            }
        }
        _ => unreachable!("no fuzz target {target}"),
    }
}

#[test]
fn multibyte_space_before_a_full_stop() {
    // Found by the `extractor` fuzz target: a sentence splitter sliced inside U+2009.
    for text in [
        "zz'\u{2009}A4. U U",
        "Mr.\u{2009}A. Smith said.",
        "\u{3000}B. Moscow.",
    ] {
        let _ = extractor().extract(&Document::text("t", text));
    }
}

/// One gzip member holding one WARC response record with an HTML page.
fn warc_response(uri: &str, record_id: &str, body: &str) -> Vec<u8> {
    use flate2::{write::GzEncoder, Compression};
    let payload = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{}",
        article(body)
    );
    let rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: {record_id}\r\nWARC-Date: 2016-03-16T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{payload}\r\n\r\n",
        payload.len()
    );
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(rec.as_bytes()).unwrap();
    gz.finish().unwrap()
}

/// Two crawls that both captured `https://example.org/news`: a.warc.gz (with another
/// page after it) and b.warc.gz.
fn two_crawls(dir: &Path) -> (PathBuf, PathBuf) {
    let mut a = warc_response(
        "https://example.org/news",
        "<urn:uuid:a1>",
        "Mr. John Kerry arrived in Paris on Tuesday.",
    );
    a.extend(warc_response(
        "https://example.org/other",
        "<urn:uuid:a2>",
        "About 1,000 troops left Moscow.",
    ));
    let b = warc_response(
        "https://example.org/news",
        "<urn:uuid:b1>",
        "Mr. John Kerry left Rome on Wednesday.",
    );
    (write(dir, "a.warc.gz", a), write(dir, "b.warc.gz", b))
}

/// A URI captured in two WARC files gives two records with distinct ids in one run
/// (`uri#<WARC-Record-ID>`), the same whatever the thread count.
#[test]
fn warc_ids_are_unique_across_files() {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = two_crawls(d.path());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let one = run(&["extract", "-q", "-j", "1", a, b]);
    assert_eq!(one.code, 0, "{}", one.explain());
    let ids: Vec<String> = one
        .records()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "https://example.org/news#<urn:uuid:a1>",
            "https://example.org/other#<urn:uuid:a2>",
            "https://example.org/news#<urn:uuid:b1>",
        ],
        "{}",
        one.explain()
    );
    // The repeat is b's capture, with b's text.
    let third = &one.records()[2];
    assert!(third["source"].as_str().unwrap().contains("b.warc.gz"));
    assert!(third["mentions"].to_string().contains("Rome"), "{third}");
    let two = run(&["extract", "-q", "-j", "2", a, b]);
    assert_eq!(one.stdout, two.stdout);
    // --shard processes read every file, so between them they give the same ids.
    let mut sharded: Vec<String> = ["0/2", "1/2"]
        .iter()
        .flat_map(|k| run(&["extract", "-q", "--shard", k, a, b]).records())
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    sharded.sort();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sharded, sorted);
    // Error records of WARC documents (here: all over the limit) take the same ids.
    let refused = run(&["extract", "-q", "--max-doc-bytes", "50", a, b]);
    assert_eq!(refused.code, 1, "{}", refused.explain());
    let recs = refused.records();
    let refused_ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(refused_ids, ids, "{}", refused.explain());
    assert!(recs.iter().all(|r| errors_of(r)[0].0 == "too_large"));
}

/// `--resume` after a run that stopped after the first WARC file extracts the second
/// file's capture of the same URI instead of taking it for done.
#[test]
fn resume_keeps_a_uri_repeated_in_a_later_warc_file() {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = two_crawls(d.path());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = d.path().join("out.jsonl");
    let out = out.to_str().unwrap();
    // The run that got only as far as the first file.
    let first = run(&["extract", "-q", "--resume", "-o", out, a]);
    assert_eq!(first.code, 0, "{}", first.explain());
    assert_eq!(read_output(Path::new(out)).len(), 2);
    let resumed = run(&["extract", "--resume", "-o", out, a, b]);
    assert_eq!(resumed.code, 0, "{}", resumed.explain());
    assert!(
        resumed.stderr.contains("2 already done"),
        "{}",
        resumed.explain()
    );
    // read_output fails on a duplicate id.
    let got = read_output(Path::new(out));
    let full_out = d.path().join("full.jsonl");
    let full = run(&["extract", "-q", "-o", full_out.to_str().unwrap(), a, b]);
    assert_eq!(full.code, 0, "{}", full.explain());
    let want = read_output(&full_out);
    assert_eq!(got.len(), 3);
    assert_eq!(got, want);
}

/// The record's article text, which the tests below ask for with `--include-text`.
fn text_of(r: &Value) -> &str {
    r["text"].as_str().unwrap_or("")
}

fn mention_texts(r: &Value) -> Vec<String> {
    r["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

/// `--truncate`: files over `--max-doc-bytes` are cut there and extracted; the record
/// keeps its mentions and carries one `truncated` error (so: a stderr line, exit 1).
/// Without it, the same files are `too_large` error records without mentions.
#[test]
fn truncate_cuts_oversized_files_and_says_so() {
    let d = tempfile::tempdir().unwrap();
    let filler = "Nothing happened here. ".repeat(400); // 9,200 bytes
    let html = write(
        d.path(),
        "long.html",
        article(&format!(
            "Mr. John Kerry arrived in Paris on Tuesday. {filler} Angela Merkel stayed in Berlin."
        )),
    );
    // "é" (2 bytes) straddles the limit: bytes 0..6000 are ASCII, then "é".
    let mut text = "Rome. ".repeat(1000);
    text.push_str("é and then Madrid, ");
    text.push_str(&"x".repeat(10_000));
    let txt = write(d.path(), "long.txt", &text);
    let small = write(d.path(), "small.txt", "Lisbon is small.");
    let (h, t, s) = (
        html.to_str().unwrap(),
        txt.to_str().unwrap(),
        small.to_str().unwrap(),
    );
    let limit = "6001";

    let cut = run(&[
        "extract",
        "--include-text",
        "--max-doc-bytes",
        limit,
        "--truncate",
        h,
        t,
        s,
    ]);
    assert_eq!(cut.code, 1, "{}", cut.explain());
    let recs = cut.records();
    assert_eq!(recs.len(), 3, "{}", cut.explain());

    let page = &recs[0];
    let errors = errors_of(page);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "truncated");
    assert!(errors[0].1.contains("6001"), "{errors:?}");
    let found = mention_texts(page);
    assert!(found.contains(&"John Kerry".to_string()), "{found:?}");
    assert!(found.contains(&"Paris".to_string()), "{found:?}");
    assert!(!text_of(page).contains("Berlin"), "{}", text_of(page));

    // Text: cut before the "é" that straddles byte 6001, not inside it.
    let doc = &recs[1];
    assert_eq!(errors_of(doc)[0].0, "truncated");
    assert_eq!(text_of(doc), &text[..6000]);
    assert!(mention_texts(doc).contains(&"Rome".to_string()));

    assert!(errors_of(&recs[2]).is_empty());
    assert_eq!(
        cut.stderr
            .lines()
            .filter(|l| l.contains("truncated"))
            .count(),
        3, // two documents and the summary
        "{}",
        cut.explain()
    );
    assert!(
        cut.stderr.contains("2 failed (2 of them truncated)"),
        "{}",
        cut.explain()
    );

    let refused = run(&["extract", "--max-doc-bytes", limit, h, t, s]);
    assert_eq!(refused.code, 1, "{}", refused.explain());
    let recs = refused.records();
    for r in &recs[..2] {
        assert_eq!(errors_of(r)[0].0, "too_large", "{}", refused.explain());
        assert!(r["mentions"].as_array().unwrap().is_empty());
    }
}

/// A UTF-16 text file is cut between code units, never inside a surrogate pair.
#[test]
fn truncate_keeps_utf16_characters_whole() {
    let d = tempfile::tempdir().unwrap();
    let text = format!("Paris \u{1f600} {}", "y".repeat(100));
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    // BOM + "Paris " is 14 bytes; the emoji's two units are bytes 14..18.
    let p = write(d.path(), "utf16.txt", bytes);
    let r = run(&[
        "extract",
        "--include-text",
        "--max-doc-bytes",
        "16",
        "--truncate",
        p.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.explain());
    let rec = &r.records()[0];
    assert_eq!(text_of(rec), "Paris ", "{}", r.explain());
    assert_eq!(errors_of(rec)[0].0, "truncated");
}

/// In a WARC file, `--truncate` cuts the payload after undoing its gzip content
/// encoding; a decompression bomb is read only up to the limit. A JSONL line over the
/// limit is not cut (it would not be JSON): it stays an error.
#[test]
fn truncate_in_warc_and_not_in_jsonl() {
    use flate2::{write::GzEncoder, Compression};
    let d = tempfile::tempdir().unwrap();
    let page = article(&format!(
        "Mr. John Kerry arrived in Paris on Tuesday. {} Angela Merkel stayed in Berlin.",
        "Nothing happened here. ".repeat(2000)
    ));
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(page.as_bytes()).unwrap();
    // Then 20 MB more of the same page body: a bomb behind the article.
    for _ in 0..20 {
        gz.write_all(&vec![b' '; 1 << 20]).unwrap();
    }
    let body = gz.finish().unwrap();
    let mut payload =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    payload.extend(&body);
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/long\r\nWARC-Record-ID: <urn:uuid:l>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    rec.extend(payload);
    rec.extend(b"\r\n\r\n");
    // One gzip member per record, as crawlers write them.
    let mut member = GzEncoder::new(Vec::new(), Compression::default());
    member.write_all(&rec).unwrap();
    let mut warc = member.finish().unwrap();
    warc.extend(warc_response(
        "https://example.org/next",
        "<urn:uuid:n>",
        "Rome.",
    ));
    let warc = write(d.path(), "long.warc.gz", warc);
    let jsonl = write(
        d.path(),
        "long.jsonl",
        format!(
            "{{\"id\": \"j\", \"text\": \"Paris {}\"}}\n",
            "z".repeat(30_000)
        ),
    );
    let started = Instant::now();
    let r = run(&[
        "extract",
        "--include-text",
        "--max-doc-bytes",
        "20000",
        "--truncate",
        warc.to_str().unwrap(),
        jsonl.to_str().unwrap(),
    ]);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(r.code, 1, "{}", r.explain());
    let recs = r.records();
    assert_eq!(recs.len(), 3, "{}", r.explain());
    assert_eq!(recs[0]["id"], "https://example.org/long#<urn:uuid:l>");
    assert_eq!(errors_of(&recs[0])[0].0, "truncated", "{}", r.explain());
    assert!(mention_texts(&recs[0]).contains(&"John Kerry".to_string()));
    assert!(!text_of(&recs[0]).contains("Berlin"));
    assert!(text_of(&recs[0]).len() <= 20_000);
    assert!(errors_of(&recs[1]).is_empty(), "{}", r.explain());
    assert_eq!(recs[1]["id"], "https://example.org/next#<urn:uuid:n>");
    assert_eq!(errors_of(&recs[2])[0].0, "jsonl", "{}", r.explain());
}
