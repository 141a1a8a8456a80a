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

use crate::record::EntityType;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

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
    /// The dictionary file it came from (`bundled:countries`, or a user path).
    pub source: Arc<str>,
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
pub struct NameMatch<'g> {
    pub start: usize,
    pub end: usize,
    pub entries: &'g [u32],
}

/// All dictionaries, compiled.
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Names matched in the text (PERSON, PLACE, ORG, MISC, DEMONYM): one pattern per
    /// distinct surface, each with the entries that share it.
    matcher: Option<AhoCorasick>,
    pattern_entries: Vec<Vec<u32>>,
    /// Every entry by exact surface, and by lower-cased surface (for ALL-CAPS text).
    by_surface: HashMap<String, Vec<u32>>,
    by_lower: HashMap<String, Vec<u32>>,
    /// The large word lists (given names, surnames, ordinary words), kept as sets.
    words: WordLists,
    /// Country code -> its adjectives ("RU" -> "Russian", "Chechen", ...).
    demonyms: HashMap<String, Vec<String>>,
    /// The last words of the dictionaries' people ("Merkel" for "Angela Merkel").
    known_surnames: HashSet<Box<str>>,
    /// The first words of the companies' names.
    company_stems: HashSet<Box<str>>,
}

/// Given names, surnames and ordinary words: hundreds of thousands of surfaces the
/// recognisers only ask about, so they are kept as sets rather than as entries.
#[derive(Default)]
struct WordLists {
    given: HashMap<Box<str>, f32>,
    surname: HashMap<Box<str>, f32>,
    common: HashSet<Box<str>>,
}

impl WordLists {
    /// Takes `e` into the lists if it belongs there.
    fn take(&mut self, e: &Entry) -> bool {
        let key: Box<str> = e.surface.as_str().into();
        match e.lex {
            Lex::Given => {
                self.given.insert(key, e.freq as f32);
            }
            Lex::Surname => {
                self.surname.insert(key, e.freq as f32);
            }
            Lex::Common => {
                self.common.insert(key);
            }
            _ => return false,
        }
        true
    }

    fn has(&self, s: &str, lex: Lex) -> bool {
        match lex {
            Lex::Given => self.given.contains_key(s),
            Lex::Surname => self.surname.contains_key(s),
            Lex::Common => self.common.contains(s),
            _ => false,
        }
    }
}

impl Gazetteer {
    /// The bundled dictionaries (when `bundled`) followed by the user files.
    pub fn load(bundled: bool, user: &[impl AsRef<Path>]) -> Result<Gazetteer, DictError> {
        let mut entries = Vec::new();
        let mut words = WordLists::default();
        if bundled {
            for (name, gz) in bundled::BUNDLED {
                let mut text = String::new();
                flate2::read::GzDecoder::new(*gz)
                    .read_to_string(&mut text)
                    .map_err(|source| DictError::Io {
                        path: format!("bundled:{name}"),
                        source,
                    })?;
                parse_tsv(&text, name, true, &mut entries, &mut words)?;
            }
        }
        for path in user {
            let path = path.as_ref();
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|source| DictError::Io {
                path: name.clone(),
                source,
            })?;
            parse_tsv(&text, &name, false, &mut entries, &mut words)?;
        }
        Gazetteer::build(entries, words)
    }

    /// The bundled dictionaries only.
    pub fn bundled() -> Gazetteer {
        Gazetteer::load(true, &[] as &[&Path]).expect("bundled dictionaries are valid")
    }

    /// Builds the matchers over `entries`; later entries with the same surface and type
    /// replace earlier ones.
    pub fn from_entries(raw: Vec<Entry>) -> Result<Gazetteer, DictError> {
        let mut words = WordLists::default();
        let raw = raw.into_iter().filter(|e| !words.take(e)).collect();
        Gazetteer::build(raw, words)
    }

    fn build(raw: Vec<Entry>, words: WordLists) -> Result<Gazetteer, DictError> {
        let mut index: HashMap<(String, Lex), usize> = HashMap::default();
        let mut entries: Vec<Entry> = Vec::with_capacity(raw.len());
        for e in raw {
            match index.get(&(e.surface.clone(), e.lex)) {
                // Within one file keep the most populous of namesakes (the Paris in
                // France, not the one in Texas); a later file replaces an earlier one.
                Some(&i) => {
                    if entries[i].source != e.source || e.population > entries[i].population {
                        entries[i] = e;
                    }
                }
                None => {
                    index.insert((e.surface.clone(), e.lex), entries.len());
                    entries.push(e);
                }
            }
        }
        // The singular demonyms of each country ("Russian", not "Russians").
        let mut demonyms: HashMap<String, Vec<String>> = HashMap::default();
        for e in entries
            .iter()
            .filter(|e| e.lex == Lex::Demonym && !e.surface.ends_with('s'))
        {
            if let Some(c) = &e.country {
                demonyms
                    .entry(c.clone())
                    .or_default()
                    .push(e.surface.clone());
            }
        }
        // The surnames of the people the dictionaries name ("Kerry", "Merkel").
        let known_surnames: HashSet<Box<str>> = entries
            .iter()
            .filter(|e| e.lex == Lex::Name(EntityType::Person))
            .filter_map(|e| e.canonical.rsplit(' ').next())
            .filter(|w| {
                w.chars().count() >= 3
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            })
            .map(Box::from)
            .collect();
        // The first words of companies' names ("Merck" for "Merck & Co."): a lone
        // mention of one is more likely the company than a person.
        let company_stems: HashSet<Box<str>> = entries
            .iter()
            .filter(|e| e.lex == Lex::Name(EntityType::Org) && e.source.ends_with("companies"))
            .filter_map(|e| e.surface.split_once(' ').map(|(w, _)| w))
            .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic))
            .map(Box::from)
            .collect();
        let mut by_surface: HashMap<String, Vec<u32>> = HashMap::default();
        let mut by_lower: HashMap<String, Vec<u32>> = HashMap::default();
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
        let mut seen: HashMap<&str, usize> = HashMap::default();
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
        let matcher = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                    .prefilter(false)
                    .build(&patterns)
                    .map_err(|e| DictError::Build(e.to_string()))?,
            )
        };
        Ok(Gazetteer {
            entries,
            matcher,
            pattern_entries,
            by_surface,
            by_lower,
            words,
            demonyms,
            known_surnames,
            company_stems,
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
    pub fn find_names(&self, text: &str) -> Vec<NameMatch<'_>> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for hit in m.find_overlapping_iter(text) {
            let (s, e) = (hit.start(), hit.end());
            if crate::text::is_word_start(text, s) && crate::text::is_word_end(text, e) {
                out.push(NameMatch {
                    start: s,
                    end: e,
                    entries: &self.pattern_entries[hit.pattern().as_usize()],
                });
            }
        }
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
        match lex {
            Lex::Given | Lex::Surname | Lex::Common => self.words.has(s, lex),
            _ => self.get(s, lex).is_some(),
        }
    }

    /// The word-list classes (GIVEN, SURNAME) of `s`, with their frequencies.
    pub fn word_classes(&self, s: &str) -> Vec<(Lex, f32)> {
        let mut out = Vec::new();
        if let Some(&f) = self.words.given.get(s) {
            out.push((Lex::Given, f));
        }
        if let Some(&f) = self.words.surname.get(s) {
            out.push((Lex::Surname, f));
        }
        out
    }

    /// How many surfaces each word list holds: (given names, surnames, ordinary words).
    pub fn word_counts(&self) -> (usize, usize, usize) {
        (
            self.words.given.len(),
            self.words.surname.len(),
            self.words.common.len(),
        )
    }

    /// The adjective of the country `name` with code `country` ("Russia", "RU" ->
    /// "Russian", not "Chechen"): of its demonyms, the one sharing the longest start
    /// with the name.
    /// Whether `w` is the surname of a person the dictionaries name.
    pub fn is_known_surname(&self, w: &str) -> bool {
        self.known_surnames.contains(w)
    }

    /// Whether `w` opens the name of a company the dictionaries know.
    pub fn is_company_stem(&self, w: &str) -> bool {
        self.company_stems.contains(w)
    }

    pub fn demonym_of(&self, country: &str, name: &str) -> Option<&str> {
        let common = |d: &str| {
            d.chars()
                .zip(name.chars())
                .take_while(|(a, b)| a == b)
                .count()
        };
        self.demonyms
            .get(country)?
            .iter()
            .max_by_key(|d| (common(d), std::cmp::Reverse(d.len())))
            .map(String::as_str)
    }

    /// Whether the lower-case word `w` is an ordinary English word.
    pub fn is_common(&self, w: &str) -> bool {
        self.words.common.contains(w)
    }
}

fn parse_tsv(
    text: &str,
    name: &str,
    bundled: bool,
    out: &mut Vec<Entry>,
    words: &mut WordLists,
) -> Result<(), DictError> {
    let source: Arc<str> = if bundled {
        format!("bundled:{name}").into()
    } else {
        name.into()
    };
    let mut lines = text.lines().enumerate().peekable();
    // Header: the first line if its first two cells are `surface` and `type`.
    let mut cols: HashMap<String, usize> = HashMap::default();
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
    for (i, line) in lines {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let get = |c: &str| {
            cols.get(c)
                .and_then(|&i| cells.get(i))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
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
        // The big word lists need only the surface (and frequency): no entry.
        match lex {
            Lex::Given => {
                words
                    .given
                    .insert(surface.into(), num("freq")?.unwrap_or(0.0) as f32);
                continue;
            }
            Lex::Surname => {
                words
                    .surname
                    .insert(surface.into(), num("freq")?.unwrap_or(0.0) as f32);
                continue;
            }
            Lex::Common => {
                words.common.insert(surface.into());
                continue;
            }
            _ => {}
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
        let mut w = WordLists::default();
        parse_tsv(tsv, "test", false, &mut e, &mut w).unwrap();
        Gazetteer::build(e, w).unwrap()
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

    #[test]
    fn minimal_form_and_errors_name_the_line() {
        let g = gaz("Acme Corp\tORG\tAcme Corporation\twikidata:Q1\n");
        let e = g.get("Acme Corp", Lex::Name(EntityType::Org)).unwrap();
        assert_eq!(e.ids, vec![("wikidata".to_string(), "Q1".to_string())]);
        let mut v = Vec::new();
        let err = parse_tsv(
            "Acme\tORG\nFoo\tBOGUS\n",
            "x.tsv",
            false,
            &mut v,
            &mut WordLists::default(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string().split(':').take(2).collect::<Vec<_>>(),
            ["x.tsv", "2"]
        );
    }
}
