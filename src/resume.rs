//! `--resume`: reads an earlier output of `newsfacts extract` (JSONL, CSV or TSV),
//! makes it end on a whole document, and says which documents it holds, so that the
//! run can append the rest.
//!
//! An interrupted run (Ctrl-C, or a process killed at any moment) leaves whole
//! records plus, after a kill, at most one torn last line or row. That tail is cut
//! off; nothing else is changed, and a file that is not one of our outputs is
//! refused, so that appending never damages someone else's file.

use anyhow::{bail, Context, Result};
use newsfacts::output::{Format, Level};
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::Path;

/// What an earlier output holds.
pub struct Earlier {
    /// Ids of the documents whose output is complete: they are skipped.
    pub done: HashSet<String>,
    /// The file has content (for CSV/TSV: its header row), so none is written again.
    pub has_header: bool,
}

/// Reads `path` for `--resume` in `format` at `level`. A missing or empty file is a
/// run starting from nothing.
pub fn earlier_output(path: &Path, format: Format, level: Level) -> Result<Earlier> {
    let file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Earlier {
                done: HashSet::new(),
                has_header: false,
            })
        }
        Err(e) => return Err(e).context("cannot open it to read and append"),
    };
    match format {
        Format::Jsonl => jsonl(file),
        Format::Csv => table(file, b',', level),
        Format::Tsv => table(file, b'\t', level),
        other => bail!(
            "--resume continues jsonl, csv or tsv output, not {other:?} (a JSON array \
             cannot be appended to)"
        ),
    }
}

/// What every record of `newsfacts extract --format jsonl` starts with.
const RECORD_START: &[u8] = b"{\"id\":";

/// JSONL: the ids of the whole records. A torn last line (what a killed write of one
/// of our records leaves) is cut off; a last line that is whole but lacks its newline
/// gets one.
fn jsonl(file: File) -> Result<Earlier> {
    let mut done = HashSet::new();
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let (mut at, mut n) = (0u64, 0usize);
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .context("cannot read it")?;
        if read == 0 {
            break;
        }
        n += 1;
        let whole = line.ends_with(b"\n");
        match record_id(&line) {
            Some(id) => {
                done.insert(id);
            }
            None if !whole
                && (line.starts_with(RECORD_START) || RECORD_START.starts_with(&line)) =>
            {
                reader
                    .into_inner()
                    .set_len(at)
                    .context("cannot cut its torn last line")?;
                break;
            }
            None => bail!(
                "line {n} is not a record of `newsfacts extract --format jsonl`; \
                 refusing to append to a file that is not a newsfacts output"
            ),
        }
        if !whole {
            let mut file = reader.into_inner();
            file.seek(SeekFrom::End(0))?;
            file.write_all(b"\n").context("cannot end its last line")?;
            break;
        }
        at += read as u64;
    }
    Ok(Earlier {
        has_header: false,
        done,
    })
}

/// The id of a line that is one of our records (an object with a string `id`, a string
/// `source` and an `errors` list), else `None`.
fn record_id(line: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(line).ok()?;
    let id = v.get("id")?.as_str()?;
    (v.get("source")?.is_string() && v.get("errors")?.is_array()).then(|| id.to_string())
}

/// CSV/TSV: the header must be ours (same columns, same delimiter) and every row as
/// wide. A document's rows are consecutive, so a document is complete once the next
/// one's rows begin; the rows of the last document (which may have been cut short,
/// and may end in a torn row) are dropped and that document is extracted again.
fn table(mut file: File, delimiter: u8, level: Level) -> Result<Earlier> {
    let len = file.metadata().context("cannot read it")?.len();
    if len == 0 {
        return Ok(Earlier {
            done: HashSet::new(),
            has_header: false,
        });
    }
    let columns = level.columns();
    let header = {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(Vec::new());
        w.write_record(columns)?;
        w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?
    };
    if len < header.len() as u64 {
        // A run killed before its header was whole: start again from nothing.
        let mut head = Vec::new();
        io::Read::read_to_end(&mut file, &mut head).context("cannot read it")?;
        if header.starts_with(&head) {
            file.set_len(0).context("cannot cut its torn header")?;
            return Ok(Earlier {
                done: HashSet::new(),
                has_header: false,
            });
        }
        file.seek(SeekFrom::Start(0))?;
    }
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(BufReader::new(&mut file));
    let refuse = |what: String| -> anyhow::Error {
        anyhow::anyhow!(
            "{what}; refusing to append to a file that is not a newsfacts output of this \
             --format and --level"
        )
    };
    let mut row = csv::ByteRecord::new();
    let mut done = HashSet::new();
    // The last document seen, and where its rows begin.
    let mut last: Option<(Vec<u8>, u64)> = None;
    let mut n = 0usize;
    let mut header_end = 0u64;
    while rows.read_byte_record(&mut row).context("cannot read it")? {
        n += 1;
        let start = row.position().map_or(0, |p| p.byte());
        if n == 1 {
            if !row.iter().eq(columns.iter().map(|c| c.as_bytes())) {
                bail!(refuse(
                    format!(
                        "its first row is not the header of `--format {} --level {:?}`",
                        if delimiter == b',' { "csv" } else { "tsv" },
                        level
                    )
                    .to_lowercase()
                ));
            }
            header_end = rows.position().byte();
            continue;
        }
        // A torn last row may be short; any other row must be whole.
        let torn_tail = row.len() != columns.len();
        if torn_tail && rows.position().byte() >= len {
            break;
        }
        if torn_tail {
            bail!(refuse(format!(
                "row {n} has {} fields, not {}",
                row.len(),
                columns.len()
            )));
        }
        let id = row.get(0).unwrap_or_default();
        match &last {
            Some((prev, _)) if prev.as_slice() == id => {}
            _ => {
                if let Some((prev, _)) = last.take() {
                    done.insert(String::from_utf8_lossy(&prev).into_owned());
                }
                last = Some((id.to_vec(), start));
            }
        }
    }
    drop(rows);
    let cut = match last {
        Some((_, start)) => start,
        // Only the header (perhaps with a torn first row after it): keep the header.
        None => header_end,
    };
    file.set_len(cut).context("cannot cut its last document")?;
    Ok(Earlier {
        done,
        has_header: true,
    })
}
