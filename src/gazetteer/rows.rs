//! Dictionary files as rows: a file is read with `csv` (tab-separated, no quoting, `#`
//! comments, rows of any length) and each cell is checked, so that a bad file fails
//! with its line.
//!
//! The build script uses this module too (`build.rs` includes it by path): it reads the
//! bundled dictionaries into rows when the binary is built and stores them with
//! `postcard`, so a bad bundled file fails the build, and start-up decodes rows instead
//! of parsing text. User dictionaries are read here at run time. Which `type` names are
//! known is the loader's business (`Lex::parse`), not this module's.

use serde::{Deserialize, Serialize};

/// The columns a dictionary may have, in the order of the minimal form's cells.
pub const COLUMNS: [&str; 9] = [
    "surface",
    "type",
    "canonical",
    "ids",
    "country",
    "lat",
    "lon",
    "population",
    "freq",
];

/// A dictionary's rows, and the type names they use (a file has few: each row holds
/// the index of its own). `S` is `String` when read from text and `&str` when decoded
/// from the bundled rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows<S> {
    pub kinds: Vec<S>,
    pub rows: Vec<Row<S>>,
}

/// One data line of a dictionary, its cells trimmed, an empty cell as `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row<S> {
    /// The line of the file (1-based), for errors found later.
    pub line: u32,
    pub surface: S,
    /// The `type` cell as written, as its index in [`Rows::kinds`].
    pub kind: u32,
    pub canonical: Option<S>,
    /// `scheme:id` pairs separated by `;` (checked).
    pub ids: Option<S>,
    pub country: Option<S>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: Option<f64>,
    pub freq: Option<f64>,
}

impl<S> Row<S> {
    /// The row with each of its text cells mapped by `f`.
    pub fn map<T>(self, mut f: impl FnMut(S) -> T) -> Row<T> {
        Row {
            line: self.line,
            surface: f(self.surface),
            kind: self.kind,
            canonical: self.canonical.map(&mut f),
            ids: self.ids.map(&mut f),
            country: self.country.map(&mut f),
            lat: self.lat,
            lon: self.lon,
            population: self.population,
            freq: self.freq,
        }
    }
}

/// The text cells of a bundled file's rows, as the build script stores them: one
/// string holds every cell, one after the other in row and column order, and each row
/// holds its cells' lengths (`Row<u32>`). The compiler checks that string is UTF-8
/// (`include_str!`), so start-up need not check each cell.
pub struct Cells<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cells<'t> {
    pub fn new(text: &'t str) -> Cells<'t> {
        Cells { text, at: 0 }
    }

    /// The next cell, `len` bytes long.
    pub fn next(&mut self, len: u32) -> &'t str {
        let start = self.at;
        self.at += len as usize;
        &self.text[start..self.at]
    }
}

impl Row<String> {
    /// The row with its cells borrowed.
    pub fn as_str(&self) -> Row<&str> {
        Row {
            line: self.line,
            surface: &self.surface,
            kind: self.kind,
            canonical: self.canonical.as_deref(),
            ids: self.ids.as_deref(),
            country: self.country.as_deref(),
            lat: self.lat,
            lon: self.lon,
            population: self.population,
            freq: self.freq,
        }
    }
}

/// Why a line of a dictionary is not a row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

/// The rows of a dictionary's text.
///
/// Blank lines and lines starting with `#` are skipped (`csv`'s own comments are not
/// used: it would not count their lines). The first line names the
/// columns if its first two cells are `surface` and `type`; otherwise the file is in
/// the minimal form `surface<TAB>type[<TAB>canonical[<TAB>ids]]`.
pub fn read(text: &str) -> Result<Rows<String>, RowError> {
    // A byte-order mark is no part of the first cell.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .has_headers(false)
        // Only a line feed ends a line; a carriage return before it is trimmed.
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(text.as_bytes());
    // The cell index of each of the `COLUMNS`: the header's, or the minimal form's.
    let mut index: [Option<usize>; 9] = std::array::from_fn(|c| (c < 4).then_some(c));
    let mut rows = Rows::default();
    let mut record = csv::StringRecord::new();
    // The line of a record, counted from its byte offset: `csv` counts no empty line
    // it skips, and gives a record the offset where the one before it ended, so the
    // empty lines there come first. `last`: the offset and line of the last record.
    let bytes = text.as_bytes();
    let mut last = (0, 1);
    let mut line_at = |byte: u64| {
        let mut byte = (byte as usize).min(bytes.len());
        let mut line = last.1 + bytes[last.0..byte].iter().filter(|&&b| b == b'\n').count();
        while bytes.get(byte) == Some(&b'\n') {
            (byte, line) = (byte + 1, line + 1);
        }
        last = (byte, line);
        line
    };
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(RowError {
                    line: line_at(e.position().map_or(start, |p| p.byte())),
                    message: e.to_string(),
                })
            }
        }
        let line = line_at(record.position().map_or(start, |p| p.byte()));
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        // Comments (`#` first on the line) and lines of white space only.
        if record.get(0).is_some_and(|c| c.starts_with('#')) || cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if line == 1 && cells.len() >= 2 && cells[0] == "surface" && cells[1] == "type" {
            index = COLUMNS.map(|c| cells.iter().rposition(|&h| h == c));
            continue;
        }
        let row = row(&cells, &index, line, &mut rows.kinds)?;
        rows.rows.push(row);
    }
    Ok(rows)
}

/// The row of one data line's trimmed `cells`; its type name is added to `kinds` if
/// new.
fn row(
    cells: &[&str],
    index: &[Option<usize>; 9],
    line: usize,
    kinds: &mut Vec<String>,
) -> Result<Row<String>, RowError> {
    let err = |message: String| RowError { line, message };
    let get = |c: usize| {
        index[c]
            .and_then(|i| cells.get(i))
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
    };
    let num = |c: usize| -> Result<Option<f64>, RowError> {
        get(c)
            .map(|v| {
                v.parse::<f64>()
                    .map_err(|_| err(format!("{} is not a number: {v:?}", COLUMNS[c])))
            })
            .transpose()
    };
    let surface = get(0).ok_or_else(|| err("empty surface form".into()))?;
    let kind = get(1).ok_or_else(|| err(format!("no type for {surface:?}")))?;
    let kind = match kinds.iter().position(|k| *k == kind) {
        Some(i) => i,
        None => {
            kinds.push(kind);
            kinds.len() - 1
        }
    } as u32;
    let ids = get(3);
    if let Some(part) = ids
        .iter()
        .flat_map(|ids| ids.split(';'))
        .find(|p| !p.is_empty() && !p.contains(':'))
    {
        return Err(err(format!("id {part:?} is not scheme:id")));
    }
    Ok(Row {
        line: line as u32,
        surface,
        kind,
        canonical: get(2),
        ids,
        country: get(4),
        lat: num(5)?,
        lon: num(6)?,
        population: num(7)?,
        freq: num(8)?,
    })
}
