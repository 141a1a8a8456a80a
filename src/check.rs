//! `newsfacts check DIR`: re-extracts every fixture and compares it with the expected
//! output beside it (`NAME.expected.jsonl` for `NAME.html`, `NAME.warc.gz`, ...).
//!
//! Records are compared as JSON values; a difference is shown as a line diff of the
//! pretty-printed records, naming the fixture and the record id. `--bless` rewrites
//! the expected files instead (and writes nowhere else).

use crate::input::{self, is_input_name, ReadOptions};
use crate::output::{self, Format, Level};
use crate::pipeline::{self, Options};
use crate::Extractor;
use std::path::{Path, PathBuf};

/// The expected-output path of a fixture input.
pub fn expected_path(input: &Path) -> PathBuf {
    let name = input.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = [
        ".warc.gz",
        ".jsonl.gz",
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
    /// `None` when the output matched; else the readable difference.
    pub diff: Option<String>,
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
    let mut results = Vec::new();
    for path in inputs {
        let actual = relative_ids(&extract_fixture(extractor, &path, threads)?, dir);
        let expected_file = expected_path(&path);
        if bless {
            std::fs::write(&expected_file, &actual)?;
            results.push(FixtureResult {
                input: path,
                diff: None,
            });
            continue;
        }
        let diff = match std::fs::read(&expected_file) {
            Err(e) => Some(format!(
                "cannot read {}: {e} (run with --bless to create it)",
                expected_file.display()
            )),
            Ok(expected) => diff_jsonl(&expected, &actual),
        };
        results.push(FixtureResult { input: path, diff });
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

/// Compares two JSONL outputs record by record; returns a readable diff or `None`.
pub fn diff_jsonl(expected: &[u8], actual: &[u8]) -> Option<String> {
    let parse = |b: &[u8]| -> Vec<serde_json::Value> {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or(serde_json::Value::String(l.to_string())))
            .collect()
    };
    let (e, a) = (parse(expected), parse(actual));
    if e == a {
        return None;
    }
    let mut out = String::new();
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
        let pretty = |v: Option<&serde_json::Value>| {
            v.map(|v| serde_json::to_string_pretty(v).unwrap())
                .unwrap_or_default()
        };
        out.push_str(&line_diff(&pretty(x), &pretty(y)));
    }
    Some(out)
}

/// A minimal line diff (longest common subsequence): `-` expected, `+` actual, with
/// two lines of context around each change.
pub fn line_diff(a: &str, b: &str) -> String {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
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
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', b[j]));
            j += 1;
        } else {
            ops.push(('-', a[i]));
            i += 1;
        }
    }
    let near = |k: usize| {
        ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|(c, _)| *c != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (c, l)) in ops.iter().enumerate() {
        if near(k) {
            out.push_str(&format!("{c} {l}\n"));
            skipped = false;
        } else if !skipped {
            out.push_str("  ...\n");
            skipped = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_paths() {
        for (i, e) in [
            ("f/a.html", "f/a.expected.jsonl"),
            ("f/b.warc.gz", "f/b.expected.jsonl"),
            ("c.jsonl", "c.expected.jsonl"),
        ] {
            assert_eq!(expected_path(Path::new(i)), PathBuf::from(e));
        }
    }

    #[test]
    fn diff_shows_changed_lines_only() {
        let d = diff_jsonl(
            b"{\"id\":\"x\",\"a\":1,\"b\":2}\n",
            b"{\"id\":\"x\",\"a\":1,\"b\":3}\n",
        )
        .unwrap();
        assert!(d.contains("id x"), "{d}");
        assert!(
            d.contains("-   \"b\": 2") && d.contains("+   \"b\": 3"),
            "{d}"
        );
        assert!(diff_jsonl(b"{\"a\":1}\n", b"{\"a\": 1}\n").is_none());
    }
}
