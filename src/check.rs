//! `newsfacts check DIR`: re-extracts every fixture and compares it with the expected
//! output beside it, named after the whole input name (`a.html.expected.jsonl` for
//! `a.html`, `b.warc.gz.expected.jsonl` for `b.warc.gz`), so that `a.html` and `a.txt`
//! in one folder never share one. The older name without the input's extension
//! (`a.expected.jsonl`) is still read when it can belong to one input only; `--bless`
//! renames it.
//!
//! Records are compared as JSON values; a difference is shown field by field, each
//! with its JSON path and the expected and actual values. `--bless` rewrites the
//! expected files instead (and writes nowhere else).

use crate::input::{self, is_input_name, ReadOptions};
use crate::output::{self, Format, Level};
use crate::pipeline::{self, Options};
use crate::Extractor;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The expected-output path of a fixture input: its whole name plus `.expected.jsonl`.
pub fn expected_path(input: &Path) -> PathBuf {
    let name = input.file_name().and_then(|n| n.to_str()).unwrap_or("");
    input.with_file_name(format!("{name}.expected.jsonl"))
}

/// The name expected files had before [`expected_path`]: the input's name without
/// its extension, which two inputs (`a.html`, `a.txt`) can share.
pub fn legacy_expected_path(input: &Path) -> PathBuf {
    let name = input.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = [
        ".warc.gz",
        ".jsonl.gz",
        ".html.gz",
        ".txt.gz",
        ".warc",
        ".jsonl",
        ".html",
        ".htm",
        ".txt",
    ]
    .iter()
    .find_map(|ext| name.strip_suffix(ext))
    .unwrap_or(name);
    input.with_file_name(format!("{stem}.expected.jsonl"))
}

/// The outcome of checking one fixture.
pub struct FixtureResult {
    pub input: PathBuf,
    /// The expected file compared with (or written by `--bless`).
    pub expected: PathBuf,
    /// `None` when the output matched; else the readable difference.
    pub diff: Option<String>,
    /// Something to say about the expected file (an old name read or renamed).
    pub note: Option<String>,
}

/// Extracts one fixture to JSONL bytes.
pub fn extract_fixture(
    extractor: &Extractor,
    path: &Path,
    threads: usize,
) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    {
        let mut w = output::writer(Format::Jsonl, Level::Mentions, &mut buf);
        let items = input::items(vec![path.to_path_buf()], ReadOptions::default());
        let opts = Options {
            threads,
            report_errors: false,
            ..Options::default()
        };
        pipeline::run(extractor, items, w.as_mut(), &opts)?;
    }
    Ok(buf)
}

/// Checks (or with `bless`, rewrites) every fixture under `dir`.
pub fn check_dir(
    extractor: &Extractor,
    dir: &Path,
    bless: bool,
    threads: usize,
) -> anyhow::Result<Vec<FixtureResult>> {
    let mut inputs = input::expand_paths(&[dir.to_path_buf()]);
    inputs.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_input_name)
    });
    if inputs.is_empty() {
        anyhow::bail!("{}: no fixture inputs found", dir.display());
    }
    // Which inputs an old-style expected file could belong to.
    let mut claims: HashMap<PathBuf, Vec<&Path>> = HashMap::new();
    for p in &inputs {
        claims.entry(legacy_expected_path(p)).or_default().push(p);
    }
    let mut results = Vec::new();
    for path in &inputs {
        let actual = relative_ids(&extract_fixture(extractor, path, threads)?, dir);
        let expected = expected_path(path);
        let legacy = legacy_expected_path(path);
        let sharers = &claims[&legacy];
        let legacy_found = !expected.exists() && legacy.is_file();
        let mut result = FixtureResult {
            input: path.clone(),
            expected: expected.clone(),
            diff: None,
            note: None,
        };
        if bless {
            std::fs::write(&expected, &actual)?;
            if legacy_found && sharers.len() == 1 {
                std::fs::remove_file(&legacy)?;
                result.note = Some(format!("renamed from {}", legacy.display()));
            }
            results.push(result);
            continue;
        }
        result.diff = if legacy_found && sharers.len() > 1 {
            let names: Vec<String> = sharers.iter().map(|p| p.display().to_string()).collect();
            Some(format!(
                "{} could be the expected output of any of {}: refusing to guess; \
                 rename it to {} (or run with --bless)",
                legacy.display(),
                names.join(", "),
                expected.display()
            ))
        } else {
            let file = if legacy_found {
                result.note = Some(format!(
                    "read {} (the old name; --bless renames it)",
                    legacy.display()
                ));
                result.expected = legacy.clone();
                &legacy
            } else {
                &expected
            };
            match std::fs::read(file) {
                Err(e) => Some(format!(
                    "cannot read {}: {e} (run with --bless to create it)",
                    expected.display()
                )),
                Ok(bytes) => diff_jsonl(&bytes, &actual),
            }
        };
        results.push(result);
    }
    Ok(results)
}

/// Makes ids and sources that are paths relative to the fixture folder, so expected
/// files do not depend on where the folder is or how it was named on the command line.
fn relative_ids(jsonl: &[u8], dir: &Path) -> Vec<u8> {
    let prefix = format!("{}/", dir.display().to_string().trim_end_matches('/'));
    let mut out = Vec::with_capacity(jsonl.len());
    for line in String::from_utf8_lossy(jsonl).lines() {
        match serde_json::from_str::<crate::record::Record>(line) {
            Ok(mut r) => {
                for field in [&mut r.id, &mut r.source] {
                    if let Some(rest) = field.strip_prefix(&prefix) {
                        *field = rest.to_string();
                    }
                }
                out.extend(serde_json::to_vec(&r).unwrap_or_default());
            }
            Err(_) => out.extend(line.as_bytes()),
        }
        out.push(b'\n');
    }
    out
}

/// Differences shown per record before the rest is only counted.
const MAX_DIFFS: usize = 40;

/// Compares two JSONL outputs record by record; returns a readable diff or `None`:
/// for each record that differs, its number and id, then each differing field with
/// its JSON path, `-` the expected value and `+` the actual one.
pub fn diff_jsonl(expected: &[u8], actual: &[u8]) -> Option<String> {
    let parse = |b: &[u8]| -> Vec<Value> {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or(Value::String(l.to_string())))
            .collect()
    };
    let (e, a) = (parse(expected), parse(actual));
    if e == a {
        return None;
    }
    let mut out = String::from("--- expected\n+++ actual\n");
    if e.len() != a.len() {
        out.push_str(&format!("expected {} records, got {}\n", e.len(), a.len()));
    }
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x == y {
            continue;
        }
        let id = y
            .or(x)
            .and_then(|v| v.get("id"))
            .and_then(|v| v.as_str())
            .unwrap_or("?");
        out.push_str(&format!("record {} (id {id}):\n", i + 1));
        let mut diffs = Vec::new();
        diff_value("", x, y, &mut diffs);
        for d in diffs.iter().take(MAX_DIFFS) {
            out.push_str(d);
        }
        if diffs.len() > MAX_DIFFS {
            out.push_str(&format!(
                "  ... and {} more differences\n",
                diffs.len() - MAX_DIFFS
            ));
        }
    }
    Some(out)
}

/// Appends the differences between `x` (expected) and `y` (actual) at `path`.
/// Objects are compared key by key; lists are aligned on their equal elements (so
/// that one mention more does not make every later one differ), and an element
/// changed in place is compared field by field.
fn diff_value(path: &str, x: Option<&Value>, y: Option<&Value>, out: &mut Vec<String>) {
    match (x, y) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
            for k in keys {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                if a.get(k) != b.get(k) {
                    diff_value(&sub, a.get(k), b.get(k), out);
                }
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => diff_lists(path, a, b, out),
        _ => {
            let mut s = format!("  {}:\n", if path.is_empty() { "(record)" } else { path });
            for (sign, v) in [('-', x), ('+', y)] {
                match v {
                    Some(v) => s.push_str(&format!("    {sign} {}\n", show(v))),
                    None => s.push_str(&format!("    {sign} (absent)\n")),
                }
            }
            out.push(s);
        }
    }
}

/// [`diff_value`] for two lists: a longest common subsequence of equal elements
/// aligns them; between two aligned elements, removed and added ones are paired up
/// in order and compared, and the rest shown as only expected or only actual.
fn diff_lists(path: &str, a: &[Value], b: &[Value], out: &mut Vec<String>) {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        // One run of unequal elements on each side.
        let (i0, j0) = (i, j);
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                break;
            }
            if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
                j += 1;
            } else {
                i += 1;
            }
        }
        for k in 0..(i - i0).max(j - j0) {
            let (x, y) = (
                a.get(i0 + k).filter(|_| i0 + k < i),
                b.get(j0 + k).filter(|_| j0 + k < j),
            );
            let at = match (x.is_some(), y.is_some()) {
                (true, true) if i0 == j0 => format!("{path}[{}]", i0 + k),
                (true, true) => format!("{path}[{} -> {}]", i0 + k, j0 + k),
                (true, false) => format!("{path}[{}] (only expected)", i0 + k),
                _ => format!("{path}[{}] (only actual)", j0 + k),
            };
            diff_value(&at, x, y, out);
        }
    }
}

/// A JSON value on one line when short, else pretty-printed and indented.
fn show(v: &Value) -> String {
    let line = v.to_string();
    if line.chars().count() <= 100 {
        return line;
    }
    serde_json::to_string_pretty(v)
        .unwrap_or(line)
        .replace('\n', "\n      ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_paths() {
        for (i, e, old) in [
            ("f/a.html", "f/a.html.expected.jsonl", "f/a.expected.jsonl"),
            (
                "f/b.warc.gz",
                "f/b.warc.gz.expected.jsonl",
                "f/b.expected.jsonl",
            ),
            ("c.jsonl", "c.jsonl.expected.jsonl", "c.expected.jsonl"),
            ("d.html.gz", "d.html.gz.expected.jsonl", "d.expected.jsonl"),
        ] {
            assert_eq!(expected_path(Path::new(i)), PathBuf::from(e));
            assert_eq!(legacy_expected_path(Path::new(i)), PathBuf::from(old));
        }
    }

    #[test]
    fn diff_names_the_fields_that_differ() {
        let d = diff_jsonl(
            b"{\"id\":\"x\",\"a\":1,\"b\":2}\n",
            b"{\"id\":\"x\",\"a\":1,\"b\":3}\n",
        )
        .unwrap();
        assert!(
            d.contains("--- expected") && d.contains("+++ actual"),
            "{d}"
        );
        assert!(d.contains("id x"), "{d}");
        assert!(d.contains("  b:\n    - 2\n    + 3\n"), "{d}");
        assert!(!d.contains("a:"), "{d}");
        assert!(diff_jsonl(b"{\"a\":1}\n", b"{\"a\": 1}\n").is_none());
    }

    #[test]
    fn diff_aligns_lists() {
        // One mention more in the middle: only it is shown, not every later one.
        let e = br#"{"id":"x","m":[{"t":"A"},{"t":"C"},{"t":"D"}]}"#;
        let a = br#"{"id":"x","m":[{"t":"A"},{"t":"B"},{"t":"C"},{"t":"D2"}]}"#;
        let d = diff_jsonl(e, a).unwrap();
        assert!(
            d.contains("m[1] (only actual):\n    - (absent)\n    + {\"t\":\"B\"}"),
            "{d}"
        );
        assert!(d.contains("m[2 -> 3].t:\n    - \"D\"\n    + \"D2\""), "{d}");
        assert!(!d.contains("\"C\""), "{d}");
    }
}
