//! Dictionaries (bundled and user-supplied) -> compiled matchers.
//!
//! Every dictionary is a UTF-8 TSV file with a header row naming its columns; only
//! `surface` and `type` are required (a user file may have no header and use the
//! minimal form `surface<TAB>type[<TAB>canonical[<TAB>ids]]`). Columns:
//! `surface, type, canonical, ids, country, lat, lon, population, freq`.
//!
//! Types are either mention types (`PERSON`, `PLACE`, `ORG`, `MISC`), matched in the
//! text with one Aho-Corasick automaton, or lexical classes the recognisers consult by
//! token: `GIVEN` and `SURNAME` (with `freq`), `DEMONYM` (with `country`), `ROLE`,
//! `HONORIFIC`, `ORG_HEAD`, `UNIT`, `COMMON` (ordinary lower-case English words) and
//! `STOP` (surface forms that are not names unless context says so).
//! A later file's entry with the same surface and type replaces an earlier one, so user
//! dictionaries (`--dict`) override the bundled ones.
//!
//! Names are found by [`NameIndex`], a hash of exact surfaces probed at word boundaries,
//! rather than an Aho-Corasick automaton: with a few hundred thousand surfaces an
//! overlapping (`MatchKind::Standard`) automaton took seconds and hundreds of MB to
//! build, which start-up (< 100 ms) and memory (< 300 MB) cannot afford, while the
//! index builds in milliseconds and finds the same matches in linear time.

use crate::record::EntityType;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use std::path::Path;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The class of a dictionary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lex {
    Name(EntityType),
    Given,
    Surname,
    Demonym,
    Role,
    Honorific,
    OrgHead,
    Unit,
    Common,
    Stop,
}

impl Lex {
    pub fn parse(s: &str) -> Option<Lex> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "GIVEN" | "GIVEN_NAME" | "FIRST_NAME" => Lex::Given,
            "SURNAME" | "LAST_NAME" | "FAMILY_NAME" => Lex::Surname,
            "DEMONYM" | "NORP" | "NATIONALITY" => Lex::Demonym,
            "ROLE" | "TITLE" => Lex::Role,
            "HONORIFIC" => Lex::Honorific,
            "ORG_HEAD" | "ORG_SUFFIX" => Lex::OrgHead,
            "UNIT" => Lex::Unit,
            "COMMON" => Lex::Common,
            "STOP" => Lex::Stop,
            other => Lex::Name(EntityType::parse(other)?),
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lex::Name(t) => t.as_str(),
            Lex::Given => "GIVEN",
            Lex::Surname => "SURNAME",
            Lex::Demonym => "DEMONYM",
            Lex::Role => "ROLE",
            Lex::Honorific => "HONORIFIC",
            Lex::OrgHead => "ORG_HEAD",
            Lex::Unit => "UNIT",
            Lex::Common => "COMMON",
            Lex::Stop => "STOP",
        }
    }
}

/// One dictionary entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub surface: String,
    pub lex: Lex,
    pub canonical: String,
    /// `(scheme, id)` pairs: `("wikidata", "Q649")`, `("geonames", "524901")`.
    pub ids: Vec<(String, String)>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    pub freq: f64,
    /// The dictionary file it came from (`countries`, `cities`, or a user path).
    pub source: String,
}

/// A dictionary that could not be loaded; names the file and line.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("building the dictionary matcher: {0}")]
    Build(String),
}

/// A name match in the text: byte offsets and the entries with that surface.
#[derive(Clone, Debug, PartialEq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub entries: Vec<u32>,
}

/// All dictionaries, compiled.
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Names matched in the text (PERSON, PLACE, ORG, MISC, DEMONYM): one pattern per
    /// distinct surface, each with the entries that share it.
    matcher: NameIndex,
    pattern_entries: Vec<Vec<u32>>,
    /// Every entry by exact surface, and by lower-cased surface (for ALL-CAPS text).
    by_surface: FastMap<String, Vec<u32>>,
    by_lower: FastMap<String, Vec<u32>>,
    common: FastSet<String>,
}

/// Hash maps keyed by short strings that the program itself built (dictionary surfaces,
/// words of the text): SipHash's protection against crafted keys costs more than the
/// lookups here need, and dominated building large dictionaries.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc (`FxHasher`): a few instructions per 8 bytes.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Exact surfaces, found where they start and end at word boundaries.
///
/// A match may start where the character before is not alphanumeric (or at the start
/// of the text) and end where the character after is not alphanumeric (or at the end):
/// exactly the Aho-Corasick matches the gazetteer used to filter by
/// `text::is_word_start`/`is_word_end`. From each start the text is probed at each
/// following non-alphanumeric character; `prefixes` holds every surface cut at its
/// own non-alphanumeric characters ("United" of "United States"), so the probing stops
/// as soon as no surface can continue: about one hash lookup per word of running text.
#[derive(Default)]
pub struct NameIndex {
    patterns: FastMap<Box<str>, u32>,
    prefixes: FastSet<Box<str>>,
    /// First characters of surfaces that are not alphanumeric ("(", "'"), which can
    /// start a match where no word starts.
    odd_starts: Vec<char>,
    /// The longest surface, in bytes.
    max_len: usize,
    /// One bit per pair of first two bytes of a surface (8 KB, stays in L1): most words
    /// of running text start no surface ("the", "said") and are skipped without
    /// touching the large hash tables, whose probes are cache misses.
    first_two: Vec<u64>,
}

/// The bit of [`NameIndex::first_two`] for a surface or text starting with `s`.
#[inline]
fn first_two_bit(s: &[u8]) -> usize {
    let b0 = s.first().copied().unwrap_or(0) as usize;
    let b1 = s.get(1).copied().unwrap_or(0) as usize;
    (b0 << 8) | b1
}

impl NameIndex {
    /// Indexes `patterns`; pattern `i` is reported as `i`. Later duplicates are ignored.
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> NameIndex {
        let mut ix = NameIndex {
            first_two: vec![0; (1 << 16) / 64],
            ..NameIndex::default()
        };
        for (i, p) in patterns.into_iter().enumerate() {
            let Some(first) = p.chars().next() else {
                continue;
            };
            if !first.is_alphanumeric() && !ix.odd_starts.contains(&first) {
                ix.odd_starts.push(first);
            }
            ix.max_len = ix.max_len.max(p.len());
            let bit = first_two_bit(p.as_bytes());
            ix.first_two[bit / 64] |= 1 << (bit % 64);
            if p.len() == 1 {
                // A one-byte surface is also the start of longer text ("A" in "A.").
                for b1 in 0..256 {
                    let bit = first_two_bit(&[p.as_bytes()[0], b1 as u8]);
                    ix.first_two[bit / 64] |= 1 << (bit % 64);
                }
            }
            for (k, c) in p.char_indices().skip(1) {
                if !c.is_alphanumeric() && !ix.prefixes.contains(&p[..k]) {
                    ix.prefixes.insert(p[..k].into());
                }
            }
            ix.patterns.entry(p.into()).or_insert(i as u32);
        }
        ix
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Calls `hit(start, end, pattern)` for every match, by start then end.
    pub fn for_each_match(&self, text: &str, mut hit: impl FnMut(usize, usize, u32)) {
        if self.patterns.is_empty() {
            return;
        }
        let mut prev_alnum = false;
        for (s, c) in text.char_indices() {
            let alnum = c.is_alphanumeric();
            let starts = !prev_alnum && (alnum || self.odd_starts.contains(&c));
            prev_alnum = alnum;
            if !starts {
                continue;
            }
            let bit = first_two_bit(&text.as_bytes()[s..]);
            if self.first_two[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            let limit = text.len().min(s + self.max_len);
            let mut probe = |e: usize| -> bool {
                let sub = &text[s..e];
                if let Some(&p) = self.patterns.get(sub) {
                    hit(s, e, p);
                }
                self.prefixes.contains(sub)
            };
            let mut reached_end = true;
            for (k, ch) in text[s..].char_indices().skip(1) {
                let e = s + k;
                if e > limit {
                    reached_end = false;
                    break;
                }
                if !ch.is_alphanumeric() && !probe(e) {
                    reached_end = false;
                    break;
                }
            }
            if reached_end && text.len() <= limit {
                probe(text.len());
            }
        }
    }
}

impl Gazetteer {
    /// The bundled dictionaries (when `bundled`) followed by the user files.
    pub fn load(bundled: bool, user: &[impl AsRef<Path>]) -> Result<Gazetteer, DictError> {
        let mut entries = Vec::new();
        if bundled {
            for (name, gz) in bundled::BUNDLED {
                let mut text = String::new();
                flate2::read::GzDecoder::new(*gz)
                    .read_to_string(&mut text)
                    .map_err(|source| DictError::Io {
                        path: format!("bundled:{name}"),
                        source,
                    })?;
                parse_tsv(&text, name, true, &mut entries)?;
            }
        }
        for path in user {
            let path = path.as_ref();
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|source| DictError::Io {
                path: name.clone(),
                source,
            })?;
            parse_tsv(&text, &name, false, &mut entries)?;
        }
        Gazetteer::from_entries(entries)
    }

    /// The bundled dictionaries only.
    pub fn bundled() -> Gazetteer {
        Gazetteer::load(true, &[] as &[&Path]).expect("bundled dictionaries are valid")
    }

    /// Builds the matchers over `entries`; later entries with the same surface and type
    /// replace earlier ones.
    pub fn from_entries(raw: Vec<Entry>) -> Result<Gazetteer, DictError> {
        let mut index: FastMap<(String, Lex), usize> =
            FastMap::with_capacity_and_hasher(raw.len(), Default::default());
        let mut entries: Vec<Entry> = Vec::with_capacity(raw.len());
        let mut common = FastSet::default();
        for e in raw {
            if e.lex == Lex::Common {
                common.insert(e.surface);
                continue;
            }
            match index.entry((e.surface.clone(), e.lex)) {
                // Within one file keep the most populous of namesakes (the Paris in
                // France, not the one in Texas); a later file replaces an earlier one.
                std::collections::hash_map::Entry::Occupied(o) => {
                    let i = *o.get();
                    if entries[i].source != e.source || e.population > entries[i].population {
                        entries[i] = e;
                    }
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(entries.len());
                    entries.push(e);
                }
            }
        }
        drop(index);
        entries.shrink_to_fit();
        let n = entries.len();
        let mut by_surface: FastMap<String, Vec<u32>> =
            FastMap::with_capacity_and_hasher(n, Default::default());
        let mut by_lower: FastMap<String, Vec<u32>> =
            FastMap::with_capacity_and_hasher(n, Default::default());
        for (i, e) in entries.iter().enumerate() {
            by_surface
                .entry(e.surface.clone())
                .or_default()
                .push(i as u32);
            by_lower
                .entry(e.surface.to_lowercase())
                .or_default()
                .push(i as u32);
        }
        let mut patterns: Vec<&str> = Vec::new();
        let mut pattern_entries: Vec<Vec<u32>> = Vec::new();
        let mut seen: FastMap<&str, usize> =
            FastMap::with_capacity_and_hasher(n, Default::default());
        for (i, e) in entries.iter().enumerate() {
            if !matches!(e.lex, Lex::Name(_) | Lex::Demonym) {
                continue;
            }
            match seen.get(e.surface.as_str()) {
                Some(&p) => pattern_entries[p].push(i as u32),
                None => {
                    seen.insert(e.surface.as_str(), patterns.len());
                    patterns.push(e.surface.as_str());
                    pattern_entries.push(vec![i as u32]);
                }
            }
        }
        let matcher = NameIndex::new(patterns);
        Ok(Gazetteer {
            entries,
            matcher,
            pattern_entries,
            by_surface,
            by_lower,
            common,
        })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// Every dictionary name in `text` that starts and ends at word boundaries
    /// (overlapping matches included; the recognisers choose).
    pub fn find_names(&self, text: &str) -> Vec<NameMatch> {
        let mut out = Vec::new();
        self.matcher.for_each_match(text, |start, end, p| {
            out.push(NameMatch {
                start,
                end,
                entries: self.pattern_entries[p as usize].clone(),
            })
        });
        out
    }

    /// Entries whose surface is exactly `s`.
    pub fn lookup(&self, s: &str) -> &[u32] {
        self.by_surface.get(s).map_or(&[], |v| v.as_slice())
    }

    /// Entries whose surface equals `s` ignoring case.
    pub fn lookup_folded(&self, s: &str) -> &[u32] {
        self.by_lower
            .get(&s.to_lowercase())
            .map_or(&[], |v| v.as_slice())
    }

    /// The first entry of class `lex` with surface `s` (exact case).
    pub fn get(&self, s: &str, lex: Lex) -> Option<&Entry> {
        self.lookup(s)
            .iter()
            .map(|&i| self.entry(i))
            .find(|e| e.lex == lex)
    }

    /// Whether `s` has an entry of class `lex` (exact case).
    pub fn is(&self, s: &str, lex: Lex) -> bool {
        self.get(s, lex).is_some()
    }

    /// Whether the lower-case word `w` is an ordinary English word.
    pub fn is_common(&self, w: &str) -> bool {
        self.common.contains(w)
    }
}

/// The columns a dictionary may have.
const COLUMNS: &[&str] = &[
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

fn parse_tsv(text: &str, name: &str, bundled: bool, out: &mut Vec<Entry>) -> Result<(), DictError> {
    let source = if bundled {
        format!("bundled:{name}")
    } else {
        name.to_string()
    };
    let mut lines = text.lines().enumerate().peekable();
    // Header: the first line if its first two cells are `surface` and `type`.
    let mut cols: HashMap<String, usize> = HashMap::new();
    if let Some((_, first)) = lines.peek() {
        let cells: Vec<&str> = first.split('\t').collect();
        if cells.len() >= 2 && cells[0].trim() == "surface" && cells[1].trim() == "type" {
            for (i, c) in cells.iter().enumerate() {
                cols.insert(c.trim().to_string(), i);
            }
            lines.next();
        }
    }
    if cols.is_empty() {
        for (i, c) in ["surface", "type", "canonical", "ids"].iter().enumerate() {
            cols.insert(c.to_string(), i);
        }
    }
    let col_ix: Vec<Option<usize>> = COLUMNS.iter().map(|c| cols.get(*c).copied()).collect();
    let mut cells: Vec<&str> = Vec::new();
    for (i, line) in lines {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        cells.clear();
        cells.extend(line.split('\t'));
        // Column positions are looked up by name once per file, not per cell: hashing
        // the column names for every cell was a visible part of start-up.
        let get = |c: &str| {
            let i = COLUMNS
                .iter()
                .position(|&k| k == c)
                .and_then(|k| col_ix[k])?;
            cells.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
        };
        let err = |message: String| DictError::Parse {
            path: name.to_string(),
            line: line_no,
            message,
        };
        let surface = get("surface").ok_or_else(|| err("empty surface form".into()))?;
        let ty = get("type").ok_or_else(|| err(format!("no type for {surface:?}")))?;
        let lex = Lex::parse(ty).ok_or_else(|| {
            err(format!(
                "unknown type {ty:?} (want PERSON, PLACE, ORG, MISC, GIVEN, SURNAME, DEMONYM, ROLE, HONORIFIC, ORG_HEAD, UNIT, COMMON or STOP)"
            ))
        })?;
        let num = |c: &str| -> Result<Option<f64>, DictError> {
            get(c)
                .map(|v| {
                    v.parse::<f64>()
                        .map_err(|_| err(format!("{c} is not a number: {v:?}")))
                })
                .transpose()
        };
        let mut ids = Vec::new();
        if let Some(v) = get("ids") {
            for part in v.split(';').filter(|p| !p.is_empty()) {
                match part.split_once(':') {
                    Some((k, id)) => ids.push((k.to_string(), id.to_string())),
                    None => return Err(err(format!("id {part:?} is not scheme:id"))),
                }
            }
        }
        out.push(Entry {
            surface: surface.to_string(),
            lex,
            canonical: get("canonical").unwrap_or(surface).to_string(),
            ids,
            country: get("country").map(str::to_string),
            lat: num("lat")?,
            lon: num("lon")?,
            population: num("population")?.unwrap_or(0.0) as u64,
            freq: num("freq")?.unwrap_or(0.0),
            source: source.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz(tsv: &str) -> Gazetteer {
        let mut e = Vec::new();
        parse_tsv(tsv, "test", false, &mut e).unwrap();
        Gazetteer::from_entries(e).unwrap()
    }

    #[test]
    fn matches_at_word_boundaries_only() {
        let g = gaz("surface\ttype\tcanonical\nOman\tPLACE\nU.N.\tORG\tUnited Nations\n");
        let t = "Romania and Oman met at the U.N. today";
        let m = g.find_names(t);
        let got: Vec<&str> = m.iter().map(|m| &t[m.start..m.end]).collect();
        assert_eq!(got, ["Oman", "U.N."]);
        assert_eq!(g.entry(m[1].entries[0]).canonical, "United Nations");
    }

    /// Every occurrence of every pattern that starts and ends at word boundaries, the
    /// slow obvious way: what the index must find.
    fn naive(patterns: &[&str], text: &str) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            if patterns[..i].contains(p) {
                continue;
            }
            for (s, _) in text.char_indices() {
                if text[s..].starts_with(p)
                    && crate::text::is_word_start(text, s)
                    && crate::text::is_word_end(text, s + p.len())
                {
                    out.push((s, s + p.len(), i as u32));
                }
            }
        }
        out.sort();
        out
    }

    fn indexed(patterns: &[&str], text: &str) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        NameIndex::new(patterns.iter().copied())
            .for_each_match(text, |s, e, p| out.push((s, e, p)));
        out.sort();
        out
    }

    #[test]
    fn name_index_cases() {
        let patterns = [
            "United States",
            "United",
            "U.S.",
            "U.S",
            "New York",
            "New York City",
            "York",
            "São Paulo",
            "(UN)",
            "Al-Qaida",
            "Qaida",
            "A",
        ];
        // (text, surfaces the index must report)
        let cases: &[(&str, &[&str])] = &[
            ("the United States said", &["United", "United States"]),
            ("Unitedly", &[]),
            ("U.S. troops", &["U.S", "U.S."]),
            ("in New York City.", &["New York", "New York City", "York"]),
            ("NewYork Yorkshire", &[]),
            ("from São Paulo", &["São Paulo"]),
            ("the agency (UN) said", &["(UN)"]),
            ("Al-Qaida's", &["Al-Qaida", "Qaida"]),
            ("A", &["A"]),
            ("", &[]),
            ("New York", &["New York", "York"]),
        ];
        for (text, want) in cases {
            let got = indexed(&patterns, text);
            let got_s: Vec<&str> = got.iter().map(|&(s, e, _)| &text[s..e]).collect();
            let mut want_sorted: Vec<&str> = want.to_vec();
            let mut got_sorted = got_s.clone();
            want_sorted.sort();
            got_sorted.sort();
            assert_eq!(got_sorted, want_sorted, "{text}");
            assert_eq!(got, naive(&patterns, text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn name_index_equals_naive(
            pats in proptest::collection::vec("[ab. (é-]{1,6}", 1..8),
            text in "[ab. (é-]{0,40}",
        ) {
            let pats: Vec<&str> = pats.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(indexed(&pats, &text), naive(&pats, &text));
        }
    }

    #[test]
    fn minimal_form_and_errors_name_the_line() {
        let g = gaz("Acme Corp\tORG\tAcme Corporation\twikidata:Q1\n");
        let e = g.get("Acme Corp", Lex::Name(EntityType::Org)).unwrap();
        assert_eq!(e.ids, vec![("wikidata".to_string(), "Q1".to_string())]);
        let mut v = Vec::new();
        let err = parse_tsv("Acme\tORG\nFoo\tBOGUS\n", "x.tsv", false, &mut v).unwrap_err();
        assert_eq!(
            err.to_string().split(':').take(2).collect::<Vec<_>>(),
            ["x.tsv", "2"]
        );
    }
}
