//! The outputs people and spreadsheets read, through the real binary: the CSV columns
//! (checked with DuckDB where its Python package is installed), the terminal summary
//! (forced, and on a pseudo-terminal where `script` exists) and the HTML report
//! (structure here, and rendered by headless Chromium where it is installed).
//! A check whose tool is absent prints why it was skipped and passes.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

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
    fn ok(self) -> Run {
        assert_eq!(self.code, 0, "{}", self.explain());
        self
    }
}

fn run(args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::cargo_bin("newsfacts").unwrap();
    cmd.args(args).env_remove("NO_COLOR");
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        cmd: format!("newsfacts {}", args.join(" ")),
    }
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn html_fixtures() -> Vec<String> {
    ["seed.html", "local-news.html", "table-figures.html"]
        .into_iter()
        .map(fixture)
        .collect()
}

/// Whether `program` can be started at all.
fn have(program: &str, arg: &str) -> bool {
    Process::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn csv_rows(text: &str, delim: u8) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let header = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let rows = rdr.records().map(|r| r.unwrap()).collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

const TWO_DOCS: &str = concat!(
    r#"{"id": "a", "url": "https://example.org/a", "published": "2016-03-16", "text": "Russia plans to keep about 1,000 troops and 0.24 percent of its jets in Syria next week, Vladimir Putin said on Wednesday."}"#,
    "\n",
    r#"{"id": "b", "text": "nothing to see here at all."}"#,
    "\n"
);

#[test]
fn csv_mentions_have_document_columns_numbers_and_timex_values() {
    let r = run(&["extract", "-q", "--format", "csv"], Some(TWO_DOCS)).ok();
    let (header, rows) = csv_rows(&r.stdout, b',');
    assert_eq!(
        &header[..10],
        [
            "doc_id",
            "title",
            "url",
            "published",
            "source",
            "warc_date",
            "http_status",
            "warc_record_id",
            "content_type",
            "type"
        ],
        "{}",
        r.explain()
    );
    for c in ["value", "min", "max", "timex", "timex_value", "mod", "how"] {
        col(&header, c);
    }
    let (id, url, published, kind, text) = (
        col(&header, "doc_id"),
        col(&header, "url"),
        col(&header, "published"),
        col(&header, "type"),
        col(&header, "text"),
    );
    let (value, timex_value) = (col(&header, "value"), col(&header, "timex_value"));
    let a: Vec<_> = rows.iter().filter(|row| &row[id] == "a").collect();
    assert!(a.len() >= 4, "{}", r.explain());
    for row in &a {
        assert_eq!(&row[url], "https://example.org/a", "{}", r.explain());
        assert_eq!(&row[published], "2016-03-16", "{}", r.explain());
        for c in ["value", "min", "max"] {
            let cell = &row[col(&header, c)];
            assert!(
                cell.is_empty() || cell.parse::<f64>().is_ok(),
                "{c} {cell:?} is not a number\n{}",
                r.explain()
            );
        }
        match &row[kind] {
            "DATE" => {
                assert!(row[value].is_empty(), "{}", r.explain());
                assert!(!row[timex_value].is_empty(), "{}", r.explain());
            }
            _ => assert!(row[timex_value].is_empty(), "{}", r.explain()),
        }
    }
    let cell = |t: &str, c: usize| {
        a.iter()
            .find(|row| &row[text] == t)
            .map(|row| row[c].to_string())
            .unwrap_or_else(|| panic!("no mention {t:?}\n{}", r.explain()))
    };
    assert_eq!(cell("about 1,000", value), "1000");
    assert_eq!(cell("0.24 percent", value), "0.24");
    assert_eq!(cell("Wednesday", timex_value), "2016-03-16");
    // The document with no mention still has its row, with an empty type.
    let b: Vec<_> = rows.iter().filter(|row| &row[id] == "b").collect();
    assert_eq!(b.len(), 1, "{}", r.explain());
    assert_eq!(&b[0][kind], "", "{}", r.explain());
    assert!(
        b[0][col(&header, "source")].starts_with("<stdin>"),
        "{}",
        r.explain()
    );
    assert_eq!(b[0].len(), header.len());
}

#[test]
fn entity_and_quote_rows_carry_the_document_columns() {
    let seed = fixture("seed.html");
    for (level, first) in [("entities", "entity"), ("quotes", "start")] {
        let r = run(
            &["extract", "-q", "-f", "tsv", "--level", level, &seed],
            None,
        )
        .ok();
        let (header, rows) = csv_rows(&r.stdout, b'\t');
        assert_eq!(
            &header[..10],
            [
                "doc_id",
                "title",
                "url",
                "published",
                "source",
                "warc_date",
                "http_status",
                "warc_record_id",
                "content_type",
                first
            ],
            "{}",
            r.explain()
        );
        assert!(!rows.is_empty(), "{}", r.explain());
        for row in &rows {
            assert!(row[1].starts_with("Kerry to Meet"), "{}", r.explain());
            assert!(
                row[2].starts_with("https://www.voanews.com/"),
                "{}",
                r.explain()
            );
            assert_eq!(&row[3], "2016-03-16", "{}", r.explain());
        }
    }
}

/// DuckDB, as a user would: `read_csv` guesses the column types from the file.
#[test]
fn duckdb_types_value_columns_as_numbers_and_casts_timex_values_to_dates() {
    if !python_has_duckdb() {
        eprintln!(
            "SKIPPED duckdb_types_value_columns_as_numbers...: the `duckdb` Python package \
             is not installed (pip install duckdb)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("mentions.csv");
    // The pages, and two JSONL documents: one with a decimal figure, one with nothing.
    let jsonl = dir.path().join("two.jsonl");
    std::fs::write(&jsonl, TWO_DOCS).unwrap();
    let mut inputs = html_fixtures();
    inputs.push(jsonl.to_string_lossy().into_owned());
    let mut args = vec![
        "extract",
        "-q",
        "-f",
        "csv",
        "-o",
        csv_path.to_str().unwrap(),
    ];
    args.extend(inputs.iter().map(String::as_str));
    run(&args, None).ok();
    let script = r#"
import duckdb, sys
con = duckdb.connect()
rel = con.sql(f"select * from read_csv('{sys.argv[1]}')")
types = dict(zip(rel.columns, [str(t) for t in rel.types]))
for c in ("value", "min", "max"):
    print(c, types[c])
day, ok = con.execute(f"""select count(*), count(try_cast(timex_value as date))
    from read_csv('{sys.argv[1]}') where regexp_full_match(timex_value, '\d{{4}}-\d{{2}}-\d{{2}}')""").fetchone()
print("days", day, ok)
docs = con.execute(f"select count(distinct doc_id) from read_csv('{sys.argv[1]}')").fetchone()[0]
print("docs", docs)
"#;
    let out = Process::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&csv_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let explain = format!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{explain}");
    for c in ["value", "min", "max"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{c} ")))
            .unwrap_or_else(|| panic!("{explain}"));
        let ty = line.split_whitespace().nth(1).unwrap();
        assert!(
            if c == "value" {
                ty == "DOUBLE"
            } else {
                matches!(ty, "DOUBLE" | "BIGINT" | "INTEGER")
            },
            "{c} read as {ty}\n{explain}"
        );
    }
    let days: Vec<u64> = stdout
        .lines()
        .find_map(|l| l.strip_prefix("days "))
        .unwrap_or_else(|| panic!("{explain}"))
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(days[0] > 0, "no day-precision dates\n{explain}");
    assert_eq!(
        days[0], days[1],
        "some day values do not cast to DATE\n{explain}"
    );
    // Every document has a row, the one with no mention too.
    assert!(
        stdout.contains(&format!("docs {}", inputs.len() + 1)),
        "{explain}"
    );
}

fn python_has_duckdb() -> bool {
    Process::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn summary_lists_entities_dates_figures_and_quotes() {
    let seed = fixture("seed.html");
    for format in ["summary", "text"] {
        let r = run(&["extract", "-q", "-f", format, &seed], None).ok();
        let out = &r.stdout;
        assert!(!out.contains('\x1b'), "colour in a pipe\n{}", r.explain());
        assert!(
            out.starts_with("Kerry to Meet With Putin as Russia Continues Drawdown in Syria\n"),
            "{}",
            r.explain()
        );
        for want in [
            "2016-03-16",
            "People (",
            "  John Kerry ×4 — U.S. Secretary of State",
            "Places (",
            "  Syria ×12",
            "Organisations (",
            "Dates (",
            "  Wednesday → 2016-03-16",
            "Figures (",
            "  between 3,000 and 6,000 → 3000–6000 troops",
            "Quotes (",
            "“This is a moment to seize, not waste,” — John Kerry",
        ] {
            assert!(out.contains(want), "missing {want:?}\n{}", r.explain());
        }
    }
}

#[test]
fn piped_default_is_jsonl() {
    let r = run(&["extract", "-q", &fixture("seed.html")], None).ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.explain());
    let rec: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        rec["title"],
        "Kerry to Meet With Putin as Russia Continues Drawdown in Syria"
    );
}

/// On a pseudo-terminal (made by util-linux `script`) the default is the summary, in
/// colour unless `NO_COLOR` is set.
#[test]
fn terminal_default_is_the_summary_in_colour() {
    if !have("script", "--version") {
        eprintln!("SKIPPED terminal_default_is_the_summary_in_colour: no `script` (util-linux) to make a pseudo-terminal");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("newsfacts");
    let cmd = format!("{} extract -q {}", bin.display(), fixture("seed.html"));
    for no_color in [false, true] {
        let mut p = Process::new("script");
        p.args(["-q", "-e", "-c", &cmd, "/dev/null"])
            .env("TERM", "xterm-256color");
        if no_color {
            p.env("NO_COLOR", "1");
        } else {
            p.env_remove("NO_COLOR");
        }
        let out = p.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() && stderr.contains("pseudo-terminal") {
            eprintln!("SKIPPED terminal_default_is_the_summary_in_colour: {stderr}");
            return;
        }
        assert!(out.status.success(), "{stdout}\n{stderr}");
        assert!(stdout.contains("People"), "not the summary:\n{stdout}");
        assert!(
            !stdout.contains("\"mentions\""),
            "JSON on a terminal:\n{stdout}"
        );
        assert_eq!(
            stdout.contains("\x1b["),
            !no_color,
            "NO_COLOR={no_color}:\n{stdout}"
        );
    }
}

/// The text between `<mark ...>` and `</mark>` of every highlight, in order, with its
/// class.
fn marks(html: &str) -> Vec<(String, String)> {
    let re =
        regex::Regex::new(r#"<mark class="([A-Z]+)" data-t="[A-Z]+"[^>]*>([^<]*)</mark>"#).unwrap();
    re.captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const HOSTILE: &str = concat!(
    r#"{"id": "x<script>", "published": "2016-03-16", "text": "<script>alert('x')</script> John Kerry & Sergei Lavrov met in Geneva on Tuesday; \"<img src=x onerror=alert(1)>\" said Kerry."}"#,
    "\n"
);

#[test]
fn html_report_highlights_every_mention_and_loads_nothing() {
    let seed = fixture("seed.html");
    let inputs = html_fixtures();
    let mut args = vec!["extract", "-q", "-f", "html"];
    args.extend(inputs.iter().map(String::as_str));
    let r = run(&args, None).ok();
    let html = &r.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", r.explain());
    assert!(html.trim_end().ends_with("</html>"), "{}", r.explain());
    assert_eq!(html.matches("<!DOCTYPE").count(), 1);
    assert_eq!(html.matches("<section class=\"doc\"").count(), inputs.len());
    for forbidden in ["src=", "href=", "url(", "@import", "<link", "<iframe"] {
        assert!(!html.contains(forbidden), "{forbidden} in the report");
    }
    // Each document's mentions are its highlights, in order.
    let mut json_args = vec!["extract", "-q"];
    json_args.extend(inputs.iter().map(String::as_str));
    let json = run(&json_args, None).ok();
    let mut want = Vec::new();
    for line in json.stdout.lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let mut ms: Vec<&Value> = rec["mentions"].as_array().unwrap().iter().collect();
        ms.sort_by_key(|m| m["start"].as_u64());
        for m in ms {
            want.push((
                m["type"].as_str().unwrap().to_string(),
                escape(m["text"].as_str().unwrap()),
            ));
        }
    }
    assert!(want.len() > 100);
    assert_eq!(marks(html), want);
    // Hover text: canonical name, value and rule.
    assert!(html.contains("title=\"PERSON: John Kerry\nhow: rule:surname\">Kerry</mark>"));
    assert!(html.contains("title=\"DATE: 2016-03-16\nhow: rule:weekday\">Wednesday</mark>"));
    let one = run(&["extract", "-q", "-f", "html", &seed], None).ok();
    assert!(one.stdout.contains("<footer>1 document ·"));
}

#[test]
fn html_report_escapes_the_document() {
    let r = run(&["extract", "-q", "-f", "html"], Some(HOSTILE)).ok();
    let html = &r.stdout;
    assert_eq!(html.matches("<script>").count(), 1, "{}", r.explain());
    assert!(!html.contains("<img"), "{}", r.explain());
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("x&lt;script&gt;"), "the id is escaped too");
    assert!(marks(html).contains(&("PLACE".into(), "Geneva".into())));
    // The JSON of the same input is unchanged by the report: no text unless asked.
    let json = run(&["extract", "-q"], Some(HOSTILE)).ok();
    assert!(!json.stdout.contains("\"text\":\"<script>"));
}

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Renders the report of the fixtures in headless Chromium and checks that a
/// screenshot came out. `NEWSFACTS_SCREENSHOT=path` keeps it (for the README).
#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!(
            "SKIPPED html_report_renders_in_headless_chromium: no Chromium \
             (apt-get install chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let mut args = vec![
        "extract",
        "-q",
        "-f",
        "html",
        "-o",
        report.to_str().unwrap(),
    ];
    let inputs = html_fixtures();
    args.extend(inputs.iter().map(String::as_str));
    run(&args, None).ok();
    let png = std::env::var_os("NEWSFACTS_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().join("report.png"));
    let profile = dir.path().join("profile");
    let out = Process::new("timeout")
        .arg("120")
        .arg(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,900")
        .arg(format!("file://{}", report.display()))
        .output()
        .unwrap();
    let explain = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot: {e}\n{explain}"));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{explain}");
    // A blank 1200x900 page compresses to a few kilobytes; the report does not.
    assert!(bytes.len() > 20_000, "{} bytes\n{explain}", bytes.len());
}
