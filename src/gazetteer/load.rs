//! Reading dictionary files: TSV (tab-separated, no quoting: a line is a row, its tabs
//! separate the cells) into entries and word lists. A file that cannot be read fails
//! with its path and line.

use super::words::WordLists;
use super::{DictError, Entry, Lex, Text};
use std::sync::Arc;

/// The columns a dictionary may have, in the order of the minimal form's cells.
const COLUMNS: [&str; 9] = [
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
const SURFACE: usize = 0;
const TYPE: usize = 1;
const CANONICAL: usize = 2;
const IDS: usize = 3;
const COUNTRY: usize = 4;
const LAT: usize = 5;
const LON: usize = 6;
const POPULATION: usize = 7;
const FREQ: usize = 8;

/// Parses one dictionary into `out` and `words`; `keep` makes each kept cell a `Text`
/// (`Cow::Borrowed` for the bundled `'static` text, an owned copy otherwise).
///
/// Blank lines and lines starting with `#` are skipped. The first line names the
/// columns if its first two cells are `surface` and `type`; otherwise the file is in
/// the minimal form `surface<TAB>type[<TAB>canonical[<TAB>ids]]`.
pub(super) fn parse_tsv<'t>(
    text: &'t str,
    name: &str,
    bundled: bool,
    out: &mut Vec<Entry>,
    words: &mut WordLists,
    keep: fn(&'t str) -> Text,
) -> Result<(), DictError> {
    let source: Arc<str> = if bundled {
        format!("bundled:{name}").into()
    } else {
        name.into()
    };
    // The most lines a list can take: the first time a list gets a line, it makes room
    // for all of them (a file is mostly of one kind), so it does not grow line by line.
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    // A byte-order mark is no part of the first cell.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The cell index of each of the `COLUMNS`: the header's, or the minimal form's.
    let mut index: [Option<usize>; 9] = COLUMNS.map(|c| match c {
        "surface" => Some(0),
        "type" => Some(1),
        "canonical" => Some(2),
        "ids" => Some(3),
        _ => None,
    });
    let mut cells: Vec<&'t str> = Vec::with_capacity(16);
    // With no quoting, a line's cells are the line cut at each tab: the cells are
    // slices of `text` (borrowed when `keep` borrows).
    for (line, line_no) in split(text, b'\n').zip(1..) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        cells.clear();
        cells.extend(fields(line, b'\t').map(trim));
        if line_no == 1 && cells.len() >= 2 && cells[0] == "surface" && cells[1] == "type" {
            index = COLUMNS.map(|c| cells.iter().rposition(|&h| h == c));
            continue;
        }
        let get = |c: usize| {
            index[c]
                .and_then(|i| cells.get(i))
                .copied()
                .filter(|s| !s.is_empty())
        };
        let err = |message: String| DictError::Parse {
            path: name.to_string(),
            line: line_no,
            message,
        };
        let surface = get(SURFACE).ok_or_else(|| err("empty surface form".into()))?;
        let ty = get(TYPE).ok_or_else(|| err(format!("no type for {surface:?}")))?;
        let lex = Lex::parse(ty).ok_or_else(|| {
            err(format!(
                "unknown type {ty:?} (want PERSON, PLACE, ORG, MISC, GIVEN, SURNAME, DEMONYM, ROLE, HONORIFIC, ORG_HEAD, UNIT, COMMON or STOP)"
            ))
        })?;
        let num = |c: usize| -> Result<Option<f64>, DictError> {
            get(c)
                .map(|v| {
                    v.parse::<f64>()
                        .map_err(|_| err(format!("{} is not a number: {v:?}", COLUMNS[c])))
                })
                .transpose()
        };
        let ids = get(IDS).unwrap_or("");
        if let Some(part) =
            fields(ids, b';').find(|p| !p.is_empty() && !p.bytes().any(|b| b == b':'))
        {
            return Err(err(format!("id {part:?} is not scheme:id")));
        }
        let left = lines.saturating_sub(line_no) + 1;
        // The big word lists need only the surface (and frequency): no entry.
        match lex {
            Lex::Given | Lex::Surname => {
                let freq = num(FREQ)?.unwrap_or(0.0) as f32;
                words.room(left);
                words.add(surface, lex, freq);
                continue;
            }
            Lex::Common => {
                words.room(left);
                words.add(surface, lex, 0.0);
                continue;
            }
            _ => {}
        }
        if out.capacity() == 0 {
            out.reserve(left);
        }
        out.push(Entry {
            surface: keep(surface),
            lex,
            canonical: keep(get(CANONICAL).unwrap_or(surface)),
            ids: keep(ids),
            country: get(COUNTRY).map(keep),
            lat: num(LAT)?,
            lon: num(LON)?,
            population: num(POPULATION)?.unwrap_or(0.0) as u64,
            freq: num(FREQ)?.unwrap_or(0.0),
            source: source.clone(),
        });
    }
    Ok(())
}

/// `s.split(sep)` for an ASCII `sep` in a short string, testing bytes (for cells, a
/// `char` pattern or a `memchr` call each costs more than the bytes it looks at).
fn fields(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `s.split(sep)` for an ASCII `sep`, found with `memchr` (the dictionaries are a few
/// million bytes, which `str::split` would test one by one).
fn split(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut start = 0;
    memchr::memchr_iter(sep, s.as_bytes())
        .chain(std::iter::once(s.len()))
        .map(move |end| {
            let part = &s[start..end];
            start = end + 1;
            part
        })
}

/// `cell.trim()`: a cell that starts and ends with a printable ASCII character (as
/// nearly all do) has no white space to trim, which needs no decoding to see.
fn trim(cell: &str) -> &str {
    match cell.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

#[cfg(test)]
pub(super) fn owned_parse(
    text: &str,
    out: &mut Vec<Entry>,
    words: &mut WordLists,
) -> Result<(), DictError> {
    parse_tsv(text, "test", false, out, words, super::owned)
}

#[cfg(test)]
mod tests {
    use super::super::{bundled, owned, Gazetteer};
    use super::*;
    use crate::record::EntityType;
    use std::path::Path;

    fn gaz(tsv: &str) -> Gazetteer {
        let (mut e, mut w) = (Vec::new(), WordLists::default());
        owned_parse(tsv, &mut e, &mut w).unwrap();
        Gazetteer::build(e, vec![w]).unwrap()
    }

    /// The `file:line` of the first error in `text`, or "ok".
    fn first_error(text: &str) -> String {
        let (mut e, mut w) = (Vec::new(), WordLists::default());
        match parse_tsv(text, "x.tsv", false, &mut e, &mut w, owned) {
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
    fn trim_is_str_trim() {
        for s in [
            "",
            "a",
            " a",
            "ab",
            "a b",
            "ab ",
            "\tab\r",
            "\u{a0}ab",
            "ab\u{3000}",
            "\u{e9}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn split_is_str_split() {
        for s in ["", "\t", "a", "a\tb", "\ta\t\tb\t", "\u{e9}\t\u{20ac}\t"] {
            let want: Vec<&str> = s.split('\t').collect();
            assert_eq!(split(s, b'\t').collect::<Vec<_>>(), want, "{s:?}");
            assert_eq!(fields(s, b'\t').collect::<Vec<_>>(), want, "{s:?}");
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

    impl WordLists {
        /// The words, their classes and frequencies (as bits), sorted: for comparing.
        fn listed(&self) -> Vec<(String, u16, u32, u32)> {
            let mut v = Vec::new();
            self.words.for_each(|k, w| {
                v.push((
                    k.to_string(),
                    w.class.bits(),
                    w.given.to_bits(),
                    w.surname.to_bits(),
                ))
            });
            v.sort();
            v
        }
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
            let (mut e, mut w) = (Vec::new(), WordLists::default());
            match parse_tsv(&t, "odd.tsv", false, &mut e, &mut w, owned) {
                Ok(()) => {
                    for s in e.iter().map(|e| e.surface.to_string()).chain(w.listed().into_iter().map(|k| k.0)) {
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

    /// The bundled text (without the columns no line fills, see `build.rs`) gives the
    /// entries and words of the files in `dictionaries/`.
    #[test]
    fn bundled_text_parses_as_the_files() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
        for &(name, text) in bundled::BUNDLED {
            let file = std::fs::read_to_string(dir.join(format!("{name}.tsv"))).unwrap();
            let parse = |t: &str| {
                let (mut e, mut w) = (Vec::new(), WordLists::default());
                let r = parse_tsv(t, name, true, &mut e, &mut w, owned).map_err(|e| e.to_string());
                (r, e, w.listed())
            };
            let bundled = parse(text);
            assert!(bundled.0.is_ok() && text.len() <= file.len(), "{name}");
            assert!(bundled == parse(&file), "{name}");
        }
    }

    #[test]
    fn minimal_form_and_errors_name_the_line() {
        let g = gaz("Acme Corp\tORG\tAcme Corporation\twikidata:Q1\n");
        let e = g.get("Acme Corp", Lex::Name(EntityType::Org)).unwrap();
        assert_eq!(e.ids().collect::<Vec<_>>(), [("wikidata", "Q1")]);
        let mut v = Vec::new();
        let err = parse_tsv(
            "Acme\tORG\nFoo\tBOGUS\n",
            "x.tsv",
            false,
            &mut v,
            &mut WordLists::default(),
            owned,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string().split(':').take(2).collect::<Vec<_>>(),
            ["x.tsv", "2"]
        );
    }
}
