//! Dictionary rows into entries and word lists: the bundled rows (decoded from what
//! `build.rs` stored) and the rows of user files (read by [`super::rows`]). A row that
//! cannot be taken fails with its file and line.

use super::rows::{self, Cells, Row};
use super::words::WordRows;
use super::{bundled, DictError, Entry, Lex, Text};
use std::borrow::Cow;
use std::sync::Arc;

/// The type names and the rows of a bundled dictionary: `bytes` holds the names, then
/// the rows one after the other; `cells` the text of the rows' cells.
pub(super) fn bundled_rows(
    cells: &'static str,
    bytes: &'static [u8],
) -> (Vec<&'static str>, impl Iterator<Item = Row<&'static str>>) {
    let (kinds, mut rest) = postcard::take_from_bytes(bytes).expect("bundled rows decode");
    let mut cells = Cells::new(cells);
    let rows = std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (row, tail) = postcard::take_from_bytes::<Row<u32>>(rest).expect("bundled rows decode");
        rest = tail;
        Some(row.map(|len| cells.next(len)))
    });
    (kinds, rows)
}

/// Takes the bundled dictionary `name` into `out` and `words`.
pub(super) fn load_bundled(
    &(name, n, cells, bytes): &bundled::Dictionary,
    out: &mut Vec<Entry>,
    words: &mut WordRows,
) -> Result<(), DictError> {
    let source = format!("bundled:{name}").into();
    let (kinds, rows) = bundled_rows(cells, bytes);
    add_rows(&kinds, rows, n, source, out, words, Cow::Borrowed)
}

/// Reads the dictionary text of the file `name` into `out` and `words`.
pub(super) fn load_text(
    text: &str,
    name: &str,
    out: &mut Vec<Entry>,
    words: &mut WordRows,
) -> Result<(), DictError> {
    let rows = rows::read(text).map_err(|e| DictError::Parse {
        path: name.to_string(),
        line: e.line,
        message: e.message,
    })?;
    let kinds: Vec<&str> = rows.kinds.iter().map(String::as_str).collect();
    let n = rows.rows.len();
    let rows = rows.rows.iter().map(Row::as_str);
    add_rows(&kinds, rows, n, name.into(), out, words, super::owned)
}

/// Takes `n` rows of the file `source`, with the type names `kinds`, into `out`
/// (entries) and `words` (the word lists); `keep` makes each kept cell a `Text`
/// (`Cow::Borrowed` for the bundled `'static` rows, an owned copy otherwise).
fn add_rows<'t>(
    kinds: &[&str],
    rows: impl Iterator<Item = Row<&'t str>>,
    n: usize,
    source: Arc<str>,
    out: &mut Vec<Entry>,
    words: &mut WordRows,
    keep: fn(&'t str) -> Text,
) -> Result<(), DictError> {
    let lexes: Vec<Option<Lex>> = kinds.iter().map(|k| Lex::parse(k)).collect();
    for (i, row) in rows.enumerate() {
        let kind = row.kind as usize;
        let lex = lexes[kind].ok_or_else(|| DictError::Parse {
            path: source.to_string(),
            line: row.line as usize,
            message: format!(
                "unknown type {:?} (want PERSON, PLACE, ORG, MISC, GIVEN, SURNAME, DEMONYM, ROLE, HONORIFIC, ORG_HEAD, UNIT, COMMON or STOP)",
                kinds[kind]
            ),
        })?;
        // The first time a list gets a row, it makes room for all that are left (a
        // file is mostly of one kind), so it does not grow row by row.
        let left = n - i;
        // The big word lists need only the surface (and frequency): no entry.
        match lex {
            Lex::Given | Lex::Surname => {
                words.room(left);
                words.add(keep(row.surface), lex, row.freq.unwrap_or(0.0) as f32);
                continue;
            }
            Lex::Common => {
                words.room(left);
                words.add(keep(row.surface), lex, 0.0);
                continue;
            }
            _ => {}
        }
        if out.capacity() == 0 {
            out.reserve(left);
        }
        out.push(Entry {
            surface: keep(row.surface),
            lex,
            canonical: keep(row.canonical.unwrap_or(row.surface)),
            ids: keep(row.ids.unwrap_or("")),
            country: row.country.map(keep),
            lat: row.lat,
            lon: row.lon,
            population: row.population.unwrap_or(0.0) as u64,
            freq: row.freq.unwrap_or(0.0),
            source: source.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
pub(super) fn owned_parse(
    text: &str,
    out: &mut Vec<Entry>,
    words: &mut WordRows,
) -> Result<(), DictError> {
    load_text(text, "test", out, words)
}

#[cfg(test)]
mod tests {
    use super::super::{bundled, Gazetteer};
    use super::*;
    use crate::record::EntityType;
    use std::path::Path;

    fn gaz(tsv: &str) -> Gazetteer {
        let (mut e, mut w) = (Vec::new(), WordRows::default());
        owned_parse(tsv, &mut e, &mut w).unwrap();
        Gazetteer::build(vec![e], false, vec![w]).unwrap()
    }

    /// The `file:line` of the first error in `text`, or "ok".
    fn first_error(text: &str) -> String {
        let (mut e, mut w) = (Vec::new(), WordRows::default());
        match load_text(text, "x.tsv", &mut e, &mut w) {
            Ok(()) => "ok".into(),
            Err(err) => err
                .to_string()
                .split(':')
                .take(2)
                .collect::<Vec<_>>()
                .join(":"),
        }
    }

    #[test]
    fn errors_name_the_line_after_blanks_and_comments() {
        let cases = [
            ("Acme\tORG\nFoo\tBOGUS\n", "x.tsv:2"),
            ("Acme\tORG\n\n# note\n\n\nFoo\tBOGUS\n", "x.tsv:6"),
            ("\n\nFoo\tORG\tFoo Inc\tbad\n", "x.tsv:3"),
            (
                "surface\ttype\tlat\r\nOslo\tPLACE\t59.9\r\nBergen\tPLACE\tnorth\r\n",
                "x.tsv:3",
            ),
            ("surface\ttype\n\t\n \nFoo\n", "x.tsv:4"),
            ("\tPLACE", "x.tsv:1"),
            (
                "\u{feff}surface\ttype\nOslo\tPLACE\n# a \"quoted\" comment\n",
                "ok",
            ),
            ("\"Oslo\tPLACE\n", "ok"),
            ("", "ok"),
        ];
        for (text, want) in cases {
            assert_eq!(first_error(text), want, "{text:?}");
        }
    }

    #[test]
    fn cells_are_trimmed_and_columns_follow_the_header() {
        let g = gaz("surface\ttype\tpopulation\tcanonical\n Oslo \tPLACE\t700000\t\r\n\"Q\"\tORG\t\tQ Corp\n");
        let oslo = g.get("Oslo", Lex::Name(EntityType::Place)).unwrap();
        assert_eq!((&*oslo.canonical, oslo.population), ("Oslo", 700_000));
        let q = g.get("\"Q\"", Lex::Name(EntityType::Org)).unwrap();
        assert_eq!(q.canonical, "Q Corp");
    }

    /// Dictionary text made of odd cells: empty, padded, CRLF, comments, bad types,
    /// numbers and ids, a header or none, no final newline.
    fn odd_tsv() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let cell = proptest::sample::select(vec![
            "",
            " ",
            "Foo",
            "New York",
            " Bar ",
            "é",
            "#x",
            "surface",
            "type",
            "PLACE",
            "PERSON",
            "GIVEN",
            "SURNAME",
            "COMMON",
            "role",
            "BOGUS",
            "1.5",
            "-2",
            "0.000",
            "1e3",
            "x1",
            "wikidata:Q1",
            "bad",
            "a:b;c",
            ";",
            "\r",
            "freq",
            "lat",
            "ids",
        ]);
        let line = proptest::collection::vec(cell, 0..7).prop_map(|c| c.join("\t"));
        let end = proptest::sample::select(vec!["\n", "\r\n", "\n\n"]);
        (
            proptest::collection::vec((line, end), 0..8),
            proptest::bool::ANY,
            proptest::bool::ANY,
        )
            .prop_map(|(lines, header, last)| {
                let mut t = String::new();
                if header {
                    t.push_str(
                        "surface\ttype\tcanonical\tids\tcountry\tlat\tlon\tpopulation\tfreq\n",
                    );
                }
                for (l, e) in &lines {
                    t.push_str(l);
                    t.push_str(e);
                }
                if !last {
                    t.pop();
                }
                t
            })
    }

    proptest::proptest! {
        /// On any text, the parser fails at a line that holds data, or keeps only
        /// surfaces that the text holds.
        #[test]
        fn errors_point_at_data_lines(t in odd_tsv()) {
            let (mut e, mut w) = (Vec::new(), WordRows::default());
            match load_text(&t, "odd.tsv", &mut e, &mut w) {
                Ok(()) => {
                    for s in e.iter().map(|e| e.surface.to_string()).chain(w.surfaces().map(str::to_string)) {
                        proptest::prop_assert!(t.contains(&s), "{:?}", s);
                    }
                }
                Err(DictError::Parse { line, .. }) => {
                    let text = t.split('\n').nth(line - 1).unwrap_or_default();
                    proptest::prop_assert!(!text.trim().is_empty() && !text.starts_with('#'), "{}: {:?}", line, text);
                }
                Err(other) => proptest::prop_assert!(false, "{}", other),
            }
        }
    }

    /// The bundled rows are the rows of the files in `dictionaries/`, read as a user
    /// file is.
    #[test]
    fn bundled_rows_are_the_files_rows() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
        for &(name, n, cells, bytes) in bundled::BUNDLED {
            let file = std::fs::read_to_string(dir.join(format!("{name}.tsv"))).unwrap();
            let want = rows::read(&file).unwrap();
            let (kinds, rows) = bundled_rows(cells, bytes);
            let got: Vec<Row<&str>> = rows.collect();
            assert_eq!(got.len(), n, "{name}");
            assert!(kinds == want.kinds, "{name}");
            assert!(
                got == want.rows.iter().map(Row::as_str).collect::<Vec<_>>(),
                "{name}"
            );
        }
    }

    #[test]
    fn minimal_form_and_errors_name_the_line() {
        let g = gaz("Acme Corp\tORG\tAcme Corporation\twikidata:Q1\n");
        let e = g.get("Acme Corp", Lex::Name(EntityType::Org)).unwrap();
        assert_eq!(e.ids().collect::<Vec<_>>(), [("wikidata", "Q1")]);
        let mut v = Vec::new();
        let err = load_text(
            "Acme\tORG\nFoo\tBOGUS\n",
            "x.tsv",
            &mut v,
            &mut WordRows::default(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string().split(':').take(2).collect::<Vec<_>>(),
            ["x.tsv", "2"]
        );
    }
}
