//! Runs of the real binary that must never lose work or hide what they ignored:
//! Ctrl-C and a killed process followed by `--resume` (JSONL, CSV, TSV), refusals of
//! files that are not ours, flags the chosen format would ignore, inputs that hold no
//! documents, gzipped pages, `check` file names and diffs, completions and the man page.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newsfacts");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    cmd: String,
}

impl Run {
    fn explain(&self) -> String {
        format!(
            "command: {}\nexit: {}\nstdout:\n{}\nstderr:\n{}",
            self.cmd, self.code, self.stdout, self.stderr
        )
    }
}

fn finished(args: &[&str], out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmd: format!("newsfacts {}", args.join(" ")),
    }
}

fn run(args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    finished(args, out)
}

/// Runs `args` over `input` read through a FIFO that is fed its first 1,500 lines
/// only, waits for `file` to hold output, sends `signal` (by `kill`), closes the FIFO
/// and returns how the run ended; `input` is then the whole file again. The run cannot
/// end before the signal, whatever the machine's speed, and has read only part of its
/// input when it comes.
fn interrupted(args: &[&str], input: &Path, file: &Path, signal: &str) -> Run {
    use std::io::Write;
    let whole = input.with_extension("whole");
    std::fs::rename(input, &whole).unwrap();
    let st = Command::new("mkfifo").arg(input).status().unwrap();
    assert!(st.success());
    let child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut fifo = std::fs::OpenOptions::new().write(true).open(input).unwrap();
    let text = std::fs::read_to_string(&whole).unwrap();
    for line in text.split_inclusive('\n').take(1500) {
        fifo.write_all(line.as_bytes()).unwrap();
    }
    fifo.flush().unwrap();
    let started = Instant::now();
    while std::fs::metadata(file).map_or(0, |m| m.len()) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no output after 2 minutes"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    drop(fifo);
    let run = finished(args, child.wait_with_output().unwrap());
    std::fs::remove_file(input).unwrap();
    std::fs::rename(&whole, input).unwrap();
    run
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A JSONL input of `n` short news documents: enough batches that a run can be
/// interrupted after its first output and before its end.
fn many_documents(dir: &Path, n: usize) -> PathBuf {
    let mut text = String::new();
    for i in 0..n {
        let line = serde_json::json!({
            "id": format!("doc{i}"),
            "published": "2016-03-16",
            "text": format!(
                "Mayor Jane Holloway said on Monday that {i},000 people, about 12 percent, \
                 left Brighton, and the \"storm, worse than 1987\", cost $2.5 million."
            ),
        });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    let p = dir.join("docs.jsonl");
    std::fs::write(&p, text).unwrap();
    p
}

/// Whether `bytes` ends on a whole line and every line is a JSON object.
fn whole_jsonl(bytes: &[u8]) -> bool {
    bytes.ends_with(b"\n")
        && String::from_utf8_lossy(bytes)
            .lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok_and(|v| v.is_object()))
}

/// Whether every row of a CSV/TSV `bytes` has as many fields as its header.
fn whole_table(bytes: &[u8], delimiter: u8) -> bool {
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let width = rows.headers().unwrap().len();
    bytes.ends_with(b"\n") && rows.records().all(|r| r.is_ok_and(|r| r.len() == width))
}

// Small dictionaries and one thread: the runs stay short in debug builds, and long
// enough to be interrupted in the middle.
const FAST: [&str; 3] = ["--no-default-dicts", "-j", "1"];

#[cfg(unix)]
#[test]
fn ctrl_c_keeps_whole_records_and_resume_completes_the_run() {
    let d = tempfile::tempdir().unwrap();
    let input = many_documents(d.path(), 2000);
    // (SIGTERM, as a service manager or `timeout` sends, is handled as Ctrl-C.)
    for (format, delimiter, signal) in [
        ("jsonl", None, "-INT"),
        ("csv", Some(b','), "-INT"),
        ("tsv", Some(b'\t'), "-TERM"),
    ] {
        let full = d.path().join(format!("full.{format}"));
        let mut args = vec!["extract"];
        args.extend(FAST);
        args.extend(["-f", format, "-o", s(&full), s(&input)]);
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.explain());

        let part = d.path().join(format!("part.{format}"));
        let mut args = vec!["extract"];
        args.extend(FAST);
        args.extend(["-f", format, "-o", s(&part), s(&input)]);
        let r = interrupted(&args, &input, &part, signal);
        assert_eq!(r.code, 130, "{}", r.explain());
        assert!(
            r.stderr.contains("--resume") && r.stderr.contains("interrupted"),
            "{}",
            r.explain()
        );
        let partial = std::fs::read(&part).unwrap();
        let whole = match delimiter {
            None => whole_jsonl(&partial),
            Some(c) => whole_table(&partial, c),
        };
        assert!(whole, "{format}: torn output after Ctrl-C");
        let expected = std::fs::read(&full).unwrap();
        assert!(
            partial.len() < expected.len(),
            "{format}: the run was not interrupted"
        );

        args.insert(1, "--resume");
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.explain());
        assert!(r.stderr.contains("already done"), "{}", r.explain());
        assert!(
            std::fs::read(&part).unwrap() == expected,
            "{format}: resumed output differs from an uninterrupted run"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_killed_or_torn_output_resumes_to_the_same_content() {
    let d = tempfile::tempdir().unwrap();
    let input = many_documents(d.path(), 2000);
    for format in ["csv", "jsonl"] {
        let full = d.path().join(format!("full.{format}"));
        let mut args = vec!["extract"];
        args.extend(FAST);
        args.extend(["-f", format, "-o", s(&full), s(&input)]);
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.explain());
        let expected = std::fs::read(&full).unwrap();

        // A process killed outright (no chance to flush), then resumed.
        let part = d.path().join(format!("killed.{format}"));
        let mut args = vec!["extract"];
        args.extend(FAST);
        args.extend(["-f", format, "-o", s(&part), s(&input)]);
        let r = interrupted(&args, &input, &part, "-KILL");
        assert_ne!(r.code, 0, "{}", r.explain());
        args.insert(1, "--resume");
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.explain());
        assert!(
            std::fs::read(&part).unwrap() == expected,
            "{format}: killed then resumed differs"
        );

        // An output cut in the middle of a line (and so of a quoted CSV field or a
        // document's rows), as a kill during a write leaves it.
        for cut in [
            expected.len() / 3,
            expected.len() / 2 + 7,
            expected.len() - 2,
        ] {
            let torn = d.path().join(format!("torn.{format}"));
            std::fs::write(&torn, &expected[..cut]).unwrap();
            let mut args = vec!["extract", "--resume"];
            args.extend(FAST);
            args.extend(["-f", format, "-o", s(&torn), s(&input)]);
            let r = run(&args);
            assert_eq!(r.code, 0, "{}", r.explain());
            assert!(
                std::fs::read(&torn).unwrap() == expected,
                "{format}: cut at byte {cut} then resumed differs"
            );
        }
    }
}

#[test]
fn resume_refuses_a_table_that_is_not_ours_and_leaves_it_unchanged() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in.txt");
    std::fs::write(&input, "Jane Holloway visited Brighton.").unwrap();
    let jsonl = d.path().join("out.jsonl");
    let r = run(&["extract", "-o", s(&jsonl), s(&input)]);
    assert_eq!(r.code, 0, "{}", r.explain());
    let other = d.path().join("people.csv");
    std::fs::write(&other, "name,age\nbob,3\n").unwrap();
    let entities = d.path().join("entities.csv");
    let r = run(&[
        "extract",
        "-f",
        "csv",
        "--level",
        "entities",
        "-o",
        s(&entities),
        s(&input),
    ]);
    assert_eq!(r.code, 0, "{}", r.explain());
    for (file, format, level) in [
        (&other, "csv", "mentions"),
        // Ours, but of another format or level.
        (&jsonl, "csv", "mentions"),
        (&entities, "csv", "mentions"),
        (&entities, "tsv", "entities"),
    ] {
        let before = std::fs::read(file).unwrap();
        let r = run(&[
            "extract",
            "--resume",
            "-f",
            format,
            "--level",
            level,
            "-o",
            s(file),
            s(&input),
        ]);
        assert_eq!(r.code, 2, "{}", r.explain());
        assert!(r.stderr.contains("refusing"), "{}", r.explain());
        assert_eq!(std::fs::read(file).unwrap(), before, "{}", r.explain());
    }
    let r = run(&[
        "extract",
        "--resume",
        "-f",
        "json",
        "-o",
        s(&jsonl),
        s(&input),
    ]);
    assert_eq!(r.code, 2, "{}", r.explain());
}

#[test]
fn flags_the_format_would_ignore_are_usage_errors() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in.txt");
    std::fs::write(&input, "Jane Holloway visited Brighton.").unwrap();
    for (args, flag) in [
        (vec!["-f", "csv", "--include-text"], "--include-text"),
        (vec!["-f", "tsv", "--blocks"], "--blocks"),
        (vec!["-f", "csv", "--explain"], "--explain"),
        (vec!["--level", "entities"], "--level"),
        (vec!["-f", "json", "--level", "quotes"], "--level"),
    ] {
        let mut all = vec!["extract"];
        all.extend(args);
        all.push(s(&input));
        let r = run(&all);
        assert_eq!(r.code, 2, "{}", r.explain());
        assert!(r.stderr.contains(flag), "{}", r.explain());
        assert!(r.stdout.is_empty(), "{}", r.explain());
    }
    // The same flags where they apply.
    for args in [
        vec!["-f", "jsonl", "--include-text", "--blocks"],
        vec!["-f", "csv", "--level", "entities"],
    ] {
        let mut all = vec!["extract"];
        all.extend(args);
        all.push(s(&input));
        let r = run(&all);
        assert_eq!(r.code, 0, "{}", r.explain());
    }
}

#[test]
fn progress_is_printed_when_stderr_is_not_a_terminal() {
    let d = tempfile::tempdir().unwrap();
    let input = many_documents(d.path(), 20);
    let out = d.path().join("out.jsonl");
    let quiet = run(&["extract", "--no-default-dicts", "-o", s(&out), s(&input)]);
    assert!(
        !quiet.stderr.contains("documents done"),
        "{}",
        quiet.explain()
    );
    let r = run(&[
        "extract",
        "--no-default-dicts",
        "--progress",
        "-o",
        s(&out),
        s(&input),
    ]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert!(r.stderr.contains("20 documents done"), "{}", r.explain());
}

#[test]
fn inputs_without_documents_are_a_warning_and_exit_2() {
    let d = tempfile::tempdir().unwrap();
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let odd = d.path().join("odd");
    std::fs::create_dir(&odd).unwrap();
    std::fs::write(odd.join("scan.pdf"), "%PDF-1.4").unwrap();
    std::fs::write(odd.join("notes.docx"), "PK").unwrap();
    let no_lines = d.path().join("none.jsonl");
    std::fs::write(&no_lines, "").unwrap();
    for input in [&empty, &odd, &no_lines] {
        let r = run(&["extract", "--no-default-dicts", s(input)]);
        assert_eq!(r.code, 2, "{}", r.explain());
        assert!(
            r.stderr.contains("warning: no input documents found"),
            "{}",
            r.explain()
        );
    }
    // One empty folder among real inputs is warned about; the run goes on.
    let page = d.path().join("a.txt");
    std::fs::write(&page, "Jane Holloway visited Brighton.").unwrap();
    let r = run(&["extract", "--no-default-dicts", s(&empty), s(&page)]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert!(r.stderr.contains("warning"), "{}", r.explain());
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.explain());
}

/// The records of a run, without `id` and `source` (which name the file).
fn content(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            let o = v.as_object_mut().unwrap();
            o.remove("id");
            o.remove("source");
            v
        })
        .collect()
}

#[test]
fn gzipped_pages_and_texts_read_as_what_they_are() {
    use std::io::Write;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let d = tempfile::tempdir().unwrap();
    let page = std::fs::read(root.join("fixtures/local-news.html")).unwrap();
    let text = b"Mayor Jane Holloway said on Monday that 3,000 people left Brighton.";
    for (name, bytes) in [("page.html", &page[..]), ("note.txt", &text[..])] {
        let plain = d.path().join(name);
        std::fs::write(&plain, bytes).unwrap();
        let gz = d.path().join(format!("{name}.gz"));
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        let a = run(&["extract", s(&plain)]);
        let b = run(&["extract", s(&gz)]);
        assert_eq!(b.code, 0, "{}", b.explain());
        assert!(
            b.stdout.contains("Olsen") || b.stdout.contains("Holloway"),
            "{}",
            b.explain()
        );
        assert_eq!(content(&a.stdout), content(&b.stdout), "{}", b.explain());
    }
    // A folder finds them too.
    let r = run(&["extract", s(d.path())]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.explain());
}

#[test]
fn check_names_expected_files_after_the_whole_input_and_refuses_collisions() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("a.html"), "<html><body><article><p>Mayor Jane Holloway visited Brighton on Monday.</p></article></body></html>").unwrap();
    std::fs::write(dir.join("a.txt"), "Sergei Lavrov flew to Moscow.").unwrap();
    // An expected file of the old naming, which both inputs could own.
    std::fs::write(dir.join("a.expected.jsonl"), "{}\n").unwrap();
    let r = run(&["check", s(dir)]);
    assert_eq!(r.code, 1, "{}", r.explain());
    assert!(r.stdout.contains("refusing to guess"), "{}", r.explain());

    let r = run(&["check", "--bless", s(dir)]);
    assert_eq!(r.code, 0, "{}", r.explain());
    let html = std::fs::read_to_string(dir.join("a.html.expected.jsonl")).unwrap();
    let txt = std::fs::read_to_string(dir.join("a.txt.expected.jsonl")).unwrap();
    assert!(
        html.contains("Holloway") && !html.contains("Lavrov"),
        "{html}"
    );
    assert!(txt.contains("Lavrov") && !txt.contains("Holloway"), "{txt}");
    std::fs::remove_file(dir.join("a.expected.jsonl")).unwrap();
    let r = run(&["check", s(dir)]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert!(r.stdout.contains("2 passed, 0 failed"), "{}", r.explain());

    // One input and its old-style file: read, and renamed by --bless.
    std::fs::remove_file(dir.join("a.txt")).unwrap();
    std::fs::remove_file(dir.join("a.txt.expected.jsonl")).unwrap();
    std::fs::rename(
        dir.join("a.html.expected.jsonl"),
        dir.join("a.expected.jsonl"),
    )
    .unwrap();
    let r = run(&["check", s(dir)]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert!(r.stdout.contains("old name"), "{}", r.explain());
    let r = run(&["check", "--bless", s(dir)]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert!(dir.join("a.html.expected.jsonl").is_file());
    assert!(!dir.join("a.expected.jsonl").exists());
}

#[test]
fn check_diff_labels_expected_and_actual_field_by_field() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(
        dir.join("storm.txt"),
        "Mayor Jane Holloway said on Monday that 3,000 people left Brighton.",
    )
    .unwrap();
    let r = run(&["check", "--bless", s(dir)]);
    assert_eq!(r.code, 0, "{}", r.explain());
    let expected = dir.join("storm.txt.expected.jsonl");
    let good = std::fs::read_to_string(&expected).unwrap();
    std::fs::write(
        &expected,
        good.replace("\"Jane Holloway\"", "\"Jane Halloway\""),
    )
    .unwrap();
    let r = run(&["check", s(dir)]);
    assert_eq!(r.code, 1, "{}", r.explain());
    for want in [
        "FAILED  ",
        "--- expected",
        "+++ actual",
        "mentions[0].canonical:\n    - \"Jane Halloway\"\n    + \"Jane Holloway\"",
        "--bless",
    ] {
        assert!(
            r.stdout.contains(want),
            "{want:?} missing:\n{}",
            r.explain()
        );
    }
    // Only the fields that differ are shown.
    assert!(!r.stdout.contains("Brighton"), "{}", r.explain());
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{}", r.explain());
        assert!(
            r.stdout.contains("newsfacts") && r.stdout.contains("resume"),
            "{}",
            r.explain()
        );
    }
    assert_eq!(run(&["completions", "tcsh"]).code, 2);
    let r = run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.explain());
    assert!(
        r.stdout.contains(".TH newsfacts 1") && r.stdout.contains(".SH NAME"),
        "{}",
        r.explain()
    );
}

#[test]
fn a_missing_dictionary_says_its_os_error_once() {
    let r = run(&["extract", "--dict", "/no/such/dict.tsv"]);
    assert_eq!(r.code, 2, "{}", r.explain());
    assert!(r.stderr.contains("/no/such/dict.tsv"), "{}", r.explain());
    assert_eq!(r.stderr.matches("os error 2").count(), 1, "{}", r.explain());
}
