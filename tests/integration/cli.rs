//! Integration tests that run the real binary. Each failure prints the command, its
//! stdout and stderr.

use crate::util::{run_with_stdin as run, tmp, write};
use serde_json::Value;
use std::path::Path;

#[test]
fn stdin_text_gives_one_record_with_valid_offsets() {
    let text = "Zürich, Switzerland — On Tuesday, Mr. John Kerry met Swiss officials.";
    let r = run(&["extract"], Some(text));
    assert_eq!(r.code, 0, "{}", r.explain());
    let recs = r.records();
    assert_eq!(recs.len(), 1, "{}", r.explain());
    let chars: Vec<char> = text.chars().collect();
    for m in recs[0]["mentions"].as_array().unwrap() {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[s..e].iter().collect();
        assert_eq!(span, m["text"].as_str().unwrap(), "{}", r.explain());
        assert!(
            m["how"].as_str().is_some_and(|h| !h.is_empty()),
            "{}",
            r.explain()
        );
    }
}

#[test]
fn jsonl_input_keeps_order_and_ids_whatever_the_threads() {
    let d = tmp();
    let mut lines = String::new();
    for i in 0..60 {
        lines.push_str(&format!(
            "{{\"id\": \"doc-{i}\", \"text\": \"Doc {i}: President Barack Obama visited Paris on Monday with 3,000 people.\", \"dct\": \"2016-03-16\"}}\n"
        ));
    }
    let p = write(d.path(), "docs.jsonl", &lines);
    let one = run(&["extract", "-j", "1", p.to_str().unwrap()], None);
    let two = run(&["extract", "-j", "2", p.to_str().unwrap()], None);
    assert_eq!(one.code, 0, "{}", one.explain());
    assert_eq!(one.stdout, two.stdout, "-j 1 and -j 2 differ");
    let ids: Vec<String> = one
        .records()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..60).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn bad_inputs_give_error_records_and_exit_1() {
    let d = tmp();
    let good = write(d.path(), "good.txt", "Angela Merkel spoke in Berlin.");
    let bad = write(d.path(), "bad.jsonl", "{\"id\": \"a\", \"text\": \"fine\"}\n{not json\n{\"id\": \"c\", \"text\": \"also fine\"}\n");
    let missing = d.path().join("missing.html");
    let r = run(
        &[
            "extract",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.explain());
    let recs = r.records();
    assert_eq!(recs.len(), 5, "{}", r.explain());
    let failed: Vec<&Value> = recs
        .iter()
        .filter(|r| !r["errors"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(failed.len(), 2, "{}", r.explain());
    assert!(r.stderr.contains("bad.jsonl:2"), "{}", r.explain());
    assert!(r.stderr.contains("missing.html"), "{}", r.explain());
}

#[test]
fn csv_has_header_and_one_row_per_mention() {
    let r = run(
        &[
            "extract",
            "--format",
            "csv",
            "--reference-date",
            "2016-03-16",
        ],
        Some("Russia plans to keep about 1,000 troops in Syria next week."),
    );
    assert_eq!(r.code, 0, "{}", r.explain());
    let mut rdr = csv::Reader::from_reader(r.stdout.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    for col in [
        "doc_id",
        "type",
        "text",
        "canonical",
        "start",
        "end",
        "value",
        "min",
        "max",
        "qualifier",
        "unit",
        "timex",
        "mod",
        "how",
    ] {
        assert!(
            header.iter().any(|h| h == col),
            "missing column {col}: {header:?}"
        );
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    for row in &rows {
        assert_eq!(row.len(), header.len());
    }
    let json = run(
        &["extract", "--reference-date", "2016-03-16"],
        Some("Russia plans to keep about 1,000 troops in Syria next week."),
    );
    assert_eq!(
        rows.len(),
        json.records()[0]["mentions"].as_array().unwrap().len(),
        "{}",
        r.explain()
    );
}

#[test]
fn output_file_is_written_whole_and_tsv_entities_work() {
    let d = tmp();
    let out = d.path().join("out.tsv");
    let r = run(
        &[
            "extract",
            "--format",
            "tsv",
            "--level",
            "entities",
            "-o",
            out.to_str().unwrap(),
        ],
        Some("Vladimir Putin met Sergei Lavrov in Moscow."),
    );
    assert_eq!(r.code, 0, "{}", r.explain());
    let content = std::fs::read_to_string(&out).unwrap();
    assert!(
        content.starts_with(
            "doc_id\ttitle\turl\tpublished\tsource\twarc_date\thttp_status\t\
             warc_record_id\tcontent_type\tentity\ttype\tcanonical"
        ),
        "{content}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file left behind");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["extract", "--format", "xml"], Some("")).code, 2);
    assert_eq!(run(&["extract", "--types", "bogus"], Some("x")).code, 2);
    assert_eq!(run(&["extract", "--shard", "3/2"], Some("x")).code, 2);
}

#[test]
fn broken_user_dictionary_fails_before_work_with_file_and_line() {
    let d = tmp();
    let dict = write(
        d.path(),
        "my.tsv",
        "Acme Widgets\tORG\nWidgetville\tNOT_A_TYPE\n",
    );
    let r = run(
        &["extract", "--dict", dict.to_str().unwrap()],
        Some("Acme Widgets hires."),
    );
    assert_eq!(r.code, 2, "{}", r.explain());
    assert!(r.stderr.contains("my.tsv:2"), "{}", r.explain());
    assert!(r.stdout.is_empty(), "{}", r.explain());
}

#[test]
fn user_dictionary_adds_entries() {
    let d = tmp();
    let dict = write(d.path(), "my.tsv", "surface\ttype\tcanonical\tids\nZorblax Industries\tORG\tZorblax Industries plc\twikidata:Q999999999\n");
    let r = run(
        &["extract", "--dict", dict.to_str().unwrap()],
        Some("Shares of Zorblax Industries rose."),
    );
    assert_eq!(r.code, 0, "{}", r.explain());
    let rec = &r.records()[0];
    let m = rec["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "Zorblax Industries")
        .unwrap_or_else(|| panic!("{}", r.explain()));
    assert_eq!(m["type"], "ORG");
    assert_eq!(m["canonical"], "Zorblax Industries plc");
    let e = &rec["entities"][m["entity"].as_u64().unwrap() as usize];
    assert_eq!(e["ids"]["wikidata"], "Q999999999");
}

#[test]
fn help_has_examples() {
    let r = run(&["extract", "--help"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Examples:"), "{}", r.explain());
    // --truncate's long help says what the record carries, with an example.
    assert!(
        r.stdout.contains("kind \"truncated\"")
            && r.stdout
                .contains("--max-doc-bytes 1000000 --truncate crawl.warc.gz"),
        "{}",
        r.explain()
    );
}

#[test]
fn resume_skips_done_ids_and_appends() {
    let d = tmp();
    let docs: String = (0..10)
        .map(|i| format!("{{\"id\": \"d{i}\", \"text\": \"Paris {i}\"}}\n"))
        .collect();
    let input = write(d.path(), "in.jsonl", &docs);
    let out = d.path().join("out.jsonl");
    // A partial earlier run: three complete records and a torn fourth line.
    let full = run(&["extract", input.to_str().unwrap()], None);
    let lines: Vec<&str> = full.stdout.lines().collect();
    let partial = format!(
        "{}\n{}\n{}\n{}",
        lines[0],
        lines[1],
        lines[2],
        &lines[3][..10]
    );
    std::fs::write(&out, partial).unwrap();
    let r = run(
        &[
            "extract",
            "--resume",
            "-o",
            out.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.explain());
    let content = std::fs::read_to_string(&out).unwrap();
    let ids: std::collections::BTreeSet<String> = content
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 10, "{content}");
    // The three done are skipped, not extracted again: one record per id.
    assert_eq!(content.lines().count(), 10, "{content}");
    assert!(r.stderr.contains("3 already done"), "{}", r.explain());
}

#[test]
fn resume_refuses_a_file_that_is_not_ours_and_leaves_it_unchanged() {
    let d = tmp();
    let input = write(
        d.path(),
        "in.jsonl",
        "{\"id\": \"d1\", \"text\": \"Paris\"}\n",
    );
    let ours = run(&["extract", input.to_str().unwrap()], None).stdout;
    for (name, content) in [
        (
            "notes.txt",
            "first line\nlast line without newline".to_string(),
        ),
        ("other.jsonl", "{\"a\": 1}\n{\"b\": 2}".to_string()),
        // One of our records, then someone else's line.
        ("mixed.jsonl", format!("{ours}{{\"id\": \"x\"}}\n")),
    ] {
        let out = write(d.path(), name, &content);
        let r = run(
            &[
                "extract",
                "--resume",
                "-o",
                out.to_str().unwrap(),
                input.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(r.code, 2, "{}", r.explain());
        assert!(r.stderr.contains(out.to_str().unwrap()), "{}", r.explain());
        assert!(r.stderr.contains("not a record"), "{}", r.explain());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), content, "{name}");
    }
}

#[test]
fn resume_refuses_an_output_it_cannot_open() {
    let d = tmp();
    let input = write(
        d.path(),
        "in.jsonl",
        "{\"id\": \"d1\", \"text\": \"Paris\"}\n",
    );
    // A directory where the output file should be.
    let out = d.path().join("out.jsonl");
    std::fs::create_dir(&out).unwrap();
    let r = run(
        &[
            "extract",
            "--resume",
            "-o",
            out.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.explain());
    assert!(r.stderr.contains(out.to_str().unwrap()), "{}", r.explain());
    assert!(r.stderr.contains("cannot open"), "{}", r.explain());
    assert!(r.stdout.is_empty(), "{}", r.explain());
}

#[test]
fn resume_starts_a_missing_output() {
    let d = tmp();
    let input = write(
        d.path(),
        "in.jsonl",
        "{\"id\": \"d1\", \"text\": \"Paris\"}\n",
    );
    let out = d.path().join("new.jsonl");
    let args = [
        "extract",
        "--resume",
        "-o",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ];
    let r = run(&args, None);
    assert_eq!(r.code, 0, "{}", r.explain());
    let first = std::fs::read_to_string(&out).unwrap();
    assert_eq!(first.lines().count(), 1, "{first}");
    // Run again: the one document is done, the file is unchanged.
    let again = run(&args, None);
    assert_eq!(again.code, 0, "{}", again.explain());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
    assert!(
        again.stderr.contains("1 already done"),
        "{}",
        again.explain()
    );
}

#[test]
fn check_passes_on_the_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let r = run(&["check", dir.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert!(r.stdout.contains("0 failed"), "{}", r.explain());
}

#[test]
fn check_reports_a_readable_diff_and_exit_1() {
    let d = tmp();
    let page = "<html><head><title>Storm hits coast</title></head><body><article><h1>Storm hits coast</h1>\
                <p>Mayor Jane Holloway said on Monday that 3,000 people left Brighton.</p></article></body></html>";
    write(d.path(), "storm.html", page);
    let blessed = run(&["check", "--bless", d.path().to_str().unwrap()], None);
    assert_eq!(blessed.code, 0, "{}", blessed.explain());
    let expected = d.path().join("storm.html.expected.jsonl");
    let good = std::fs::read_to_string(&expected).unwrap();
    assert!(good.contains("Jane Holloway"), "{good}");
    assert_eq!(run(&["check", d.path().to_str().unwrap()], None).code, 0);
    std::fs::write(&expected, good.replace("Jane Holloway", "Jane Halloway")).unwrap();
    let r = run(&["check", d.path().to_str().unwrap()], None);
    assert_eq!(r.code, 1, "{}", r.explain());
    assert!(
        r.stdout.contains("FAILED") && r.stdout.contains("storm.html"),
        "{}",
        r.explain()
    );
    assert!(
        r.stdout.contains("- ") && r.stdout.contains("Halloway") && r.stdout.contains("+ "),
        "{}",
        r.explain()
    );
}
