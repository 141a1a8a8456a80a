//! Dictionaries (bundled and user-supplied) -> compiled matchers.
//!
//! Every dictionary is a UTF-8 TSV file with a header row naming its columns; only
//! `surface` and `type` are required (a user file may have no header and use the
//! minimal form `surface<TAB>type[<TAB>canonical[<TAB>ids]]`). Columns:
//! `surface, type, canonical, ids, country, lat, lon, population, freq`.
//!
//! Types are either mention types (`PERSON`, `PLACE`, `ORG`, `MISC`), matched in the
//! text by word and with one trie of the surfaces of several words, or lexical classes
//! the recognisers consult by token: `GIVEN` and `SURNAME` (with `freq`), `DEMONYM`
//! (with `country`), `ROLE`, `HONORIFIC`, `ORG_HEAD`, `UNIT`, `COMMON` (ordinary
//! lower-case English words) and `STOP` (surface forms that are not names unless
//! context says so). The single-word classes are also bits of one [`WordClass`] per
//! surface, so that one look-up answers every question about a word.
//! A later file's entry with the same surface and type replaces an earlier one, so user
//! dictionaries (`--dict`) override the bundled ones.

use crate::record::EntityType;
use crate::text::words::WordMap;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, OnceLock};

mod index;
mod load;
mod names;
mod rows;
mod trie;
mod words;

use index::{Ids, Indexed};
use names::{name_ids, BytePairs, Multi, MULTI_FIRST};
use trie::Trie;
pub use words::WordClass;
use words::{WordLists, WordRows};

mod bundled {
    /// A bundled dictionary: its name, its number of rows, the text of its cells, and
    /// the rows as the build script stored them (see `rows::Cells`).
    pub(super) type Dictionary = (&'static str, usize, &'static str, &'static [u8]);
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

/// A dictionary string: borrowed from the bundled rows (no allocation at start-up), or
/// owned (user dictionaries).
pub type Text = Cow<'static, str>;

/// One dictionary entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub surface: Text,
    pub lex: Lex,
    pub canonical: Text,
    /// The `ids` cell as written (`wikidata:Q649;geonames:524901`), checked when
    /// parsed; `Entry::ids` gives the pairs.
    ids: Text,
    pub country: Option<Text>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    pub freq: f64,
    /// The dictionary file it came from (`bundled:countries`, or a user path).
    pub source: Arc<str>,
}

impl Entry {
    /// `(scheme, id)` pairs: `("wikidata", "Q649")`, `("geonames", "524901")`.
    pub fn ids(&self) -> impl Iterator<Item = (&str, &str)> {
        self.ids
            .split(';')
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.split_once(':'))
    }
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
    /// Names matched in the text (PERSON, PLACE, ORG, MISC, DEMONYM), one per distinct
    /// surface with the entries that share it. Surfaces of one word (every character
    /// alphanumeric) can only match a whole word, so they are looked up by word in
    /// `single`; the others ("New York", "U.N.", "al-Assad") are the patterns of a
    /// trie, walked from each word start.
    multi: Trie,
    pattern_entries: Vec<Ids>,
    /// By word, what `names_at` asks: the
    /// one-word name surfaces, as 1 + the index of their entries in `single_ids` (0:
    /// none), and [`MULTI_FIRST`] for the first words of the trie's patterns (a
    /// pattern can match where a word starts only if it starts with that whole word,
    /// so `names_at` walks the trie only from these words).
    names: WordMap<u32>,
    single_ids: Vec<Ids>,
    /// The first two bytes of the `single` surfaces and of the trie's patterns:
    /// most words of a text (lower-case ones) start with a pair no name starts with, so
    /// `find_names` skips them without hashing the word or walking the trie.
    single_pairs: BytePairs,
    multi_pairs: BytePairs,
    /// Every entry by exact surface, and by lower-cased surface (for ALL-CAPS text;
    /// made when first asked for).
    by_surface: HashMap<Text, Ids>,
    by_lower: OnceLock<HashMap<Text, Ids>>,
    /// `by_surface` for the entries that are no names (stop words, roles,
    /// honorifics, organisation heads, demonyms, units): a table of a few thousand
    /// that stays in cache, for the questions the recognisers ask of most words.
    lexical: HashMap<Text, Ids>,
    /// The large word lists (given names, surnames, ordinary words) and the classes of
    /// the lexicon's single words, one [`WordClass`] per surface.
    words: WordLists,
    /// Country code -> its adjectives ("RU" -> "Russian", "Chechen", ...).
    demonyms: HashMap<Text, Vec<Text>>,
    /// The roles and honorifics, lower-cased (see `may_be_title_phrase`).
    titles: HashSet<Box<[u8]>>,
}

impl Gazetteer {
    /// The bundled dictionaries (when `bundled`) followed by the user files.
    pub fn load(bundled: bool, user: &[impl AsRef<Path>]) -> Result<Gazetteer, DictError> {
        // The entries and the word lists of each file, in file order.
        let mut parts = Vec::new();
        let mut lists = Vec::new();
        if bundled {
            // One thread per file; kept in file order, so the result (and the first
            // error) is that of reading them one after the other.
            let parsed: Vec<_> = std::thread::scope(|scope| {
                let handles: Vec<_> = bundled::BUNDLED
                    .iter()
                    .map(|dict| {
                        scope.spawn(move || {
                            let mut e = Vec::new();
                            let mut w = WordRows::default();
                            load::load_bundled(dict, &mut e, &mut w).map(|()| (e, w))
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("dictionary parser panicked"))
                    .collect()
            });
            for part in parsed {
                let (e, w) = part?;
                parts.push(e);
                lists.push(w);
            }
        }
        for path in user {
            let path = path.as_ref();
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|source| DictError::Io {
                path: name.clone(),
                source,
            })?;
            let (mut entries, mut words) = (Vec::new(), WordRows::default());
            load::load_text(&text, &name, &mut entries, &mut words)?;
            parts.push(entries);
            lists.push(words);
        }
        // The bundled rows alone hold one entry per (surface, type) (`build.rs` checks
        // that); a user file may repeat or replace one.
        let unique = user.is_empty();
        Gazetteer::build(parts, unique, lists)
    }

    /// The bundled dictionaries only.
    pub fn bundled() -> Gazetteer {
        Gazetteer::load(true, &[] as &[&Path]).expect("bundled dictionaries are valid")
    }

    /// Builds the matchers over `entries`; later entries with the same surface and type
    /// replace earlier ones.
    pub fn from_entries(raw: Vec<Entry>) -> Result<Gazetteer, DictError> {
        let mut words = WordRows::default();
        let raw = raw.into_iter().filter(|e| !words.take(e)).collect();
        Gazetteer::build(vec![raw], false, vec![words])
    }

    /// `parts` and `lists`: the entries and the word lists of each file, in file order;
    /// `unique` when the entries hold one per (surface, type) already.
    fn build(
        parts: Vec<Vec<Entry>>,
        unique: bool,
        lists: Vec<WordRows>,
    ) -> Result<Gazetteer, DictError> {
        let one_word = |p: &str| p.chars().all(char::is_alphanumeric);
        // The name surfaces, for the thread that builds the trie (of those of more
        // than one word) while this one joins the files' entries, deduplicates them and
        // builds the lookup tables.
        let names: Vec<Text> = parts
            .iter()
            .flatten()
            .filter(|e| matches!(e.lex, Lex::Name(_) | Lex::Demonym))
            .map(|e| e.surface.clone())
            .collect();
        std::thread::scope(|scope| {
            let multi = scope.spawn(move || Multi::new(names, one_word));
            let mut raw = Vec::with_capacity(parts.iter().map(Vec::len).sum());
            for part in parts {
                raw.extend(part);
            }
            let Indexed {
                entries,
                mut names,
                single_ids,
                single_pairs,
                tables,
            } = Indexed::new(raw, unique, one_word, lists);
            let multi = multi.join().expect("trie builder panicked");
            names.reserve(multi.first_words.len());
            for w in multi.first_words {
                *names.entry(&w) |= MULTI_FIRST;
            }
            let multi_entries = multi
                .patterns
                .iter()
                .map(|p| name_ids(&entries, &tables.by_surface[p]).expect("a name's surface"))
                .collect();
            Ok(Gazetteer {
                multi: multi.trie,
                single_pairs,
                multi_pairs: multi.pairs,
                pattern_entries: multi_entries,
                names,
                single_ids,
                by_surface: tables.by_surface,
                lexical: tables.lexical,
                by_lower: OnceLock::new(),
                words: tables.words,
                demonyms: tables.demonyms,
                titles: tables.titles,
                entries,
            })
        })
    }
}

impl Gazetteer {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// Entries whose surface is exactly `s`.
    pub fn lookup(&self, s: &str) -> &[u32] {
        self.by_surface.get(s).map_or(&[], |v| v.as_slice())
    }

    /// Entries whose surface equals `s` ignoring case.
    pub fn lookup_folded(&self, s: &str) -> &[u32] {
        self.by_lower
            .get_or_init(|| index::by_lower(&self.entries))
            .get(s.to_lowercase().as_str())
            .map_or(&[], |v| v.as_slice())
    }

    /// The first entry of class `lex` with surface `s` (exact case).
    pub fn get(&self, s: &str, lex: Lex) -> Option<&Entry> {
        let table = match lex {
            Lex::Name(_) => &self.by_surface,
            _ => &self.lexical,
        };
        table
            .get(s)
            .map_or(&[][..], |v| v.as_slice())
            .iter()
            .map(|&i| self.entry(i))
            .find(|e| e.lex == lex)
    }

    /// Whether `s` has an entry of class `lex` (exact case).
    pub fn is(&self, s: &str, lex: Lex) -> bool {
        match WordClass::of(lex) {
            Some(class) => self.word_class(s).has(class),
            None => self.get(s, lex).is_some(),
        }
    }

    /// The word-list classes (GIVEN, SURNAME) of `s`, with their frequencies.
    pub fn word_classes(&self, s: &str) -> Vec<(Lex, f32)> {
        let mut out = Vec::new();
        if let Some(w) = self.words.get(s) {
            if w.class.has(WordClass::GIVEN) {
                out.push((Lex::Given, w.given));
            }
            if w.class.has(WordClass::SURNAME) {
                out.push((Lex::Surname, w.surname));
            }
        }
        out
    }

    /// How many surfaces each word list holds: (given names, surnames, ordinary words).
    pub fn word_counts(&self) -> (usize, usize, usize) {
        (
            self.words.count(WordClass::GIVEN),
            self.words.count(WordClass::SURNAME),
            self.words.count(WordClass::COMMON),
        )
    }

    /// The adjective of the country `name` with code `country` ("Russia", "RU" ->
    /// "Russian", not "Chechen"): of its demonyms, the one sharing the longest start
    /// with the name.
    /// Whether `w` is the surname of a person the dictionaries name.
    pub fn is_known_surname(&self, w: &str) -> bool {
        self.word_class(w).has(WordClass::KNOWN_SURNAME)
    }

    /// Whether `w` opens the name of a company the dictionaries know.
    pub fn is_company_stem(&self, w: &str) -> bool {
        self.word_class(w).has(WordClass::COMPANY_STEM)
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
            .map(|d| &**d)
    }

    /// Whether the lower-case word `w` is an ordinary English word.
    pub fn is_common(&self, w: &str) -> bool {
        self.word_class(w).has(WordClass::COMMON)
    }

    /// The classes of the single word `w` (exact case): what `is` says of it for the
    /// word lists and the lexicon's single-word classes, in one probe.
    pub fn word_class(&self, w: &str) -> WordClass {
        self.words.class(w)
    }

    /// `word_class(&w.to_lowercase())`, without allocating for a short ASCII word.
    pub fn word_class_folded(&self, w: &str) -> WordClass {
        self.words.class_lower(w)
    }

    /// False when `s` is certainly no role or honorific in any case (`is(s, Role)`,
    /// `is(s, Honorific)` and `is(&s.to_lowercase(), Role)` are all false): its first
    /// word, lower-cased, starts none of them. The recognisers try many spans as
    /// titles; this rules out nearly all of them with one lookup and no allocation.
    pub fn may_be_title(&self, s: &str) -> bool {
        with_first_word_lower(s, |w| {
            std::str::from_utf8(w).is_ok_and(|w| self.word_class(w).has(WordClass::TITLE_START))
        })
    }

    /// False when `s` is certainly no role or honorific in any case, as
    /// [`Gazetteer::may_be_title`], but looking at the whole of `s`: lower-cased, it
    /// is no role's or honorific's lower-cased surface. (Lower-casing twice changes
    /// nothing, so this covers `is(&s.to_lowercase(), Role)` too.)
    pub fn may_be_title_phrase(&self, s: &str) -> bool {
        with_lower(s, |l| self.titles.contains(l))
    }
}

/// Calls `f` with the bytes of the lower-cased first word of `s` (up to its first white space).
/// Lower-casing neither makes nor removes white space, so this is also the first word
/// of `s.to_lowercase()`. Short ASCII words are lower-cased on the stack.
fn with_first_word_lower<R>(s: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    // ASCII white space ends the word here; at a non-ASCII byte, `char::is_whitespace`.
    let end = s
        .bytes()
        .position(|b| b.is_ascii_whitespace() || b >= 0x80)
        .unwrap_or(s.len());
    let w = if s.as_bytes().get(end).is_none_or(u8::is_ascii_whitespace) {
        &s[..end]
    } else {
        s.split(char::is_whitespace).next().unwrap_or("")
    };
    with_lower(w, f)
}

/// Calls `f` with the bytes of `w.to_lowercase()`: a short ASCII word is lower-cased on
/// the stack, without allocating (the recognisers ask this several times per word).
fn with_lower<R>(w: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0u8; 32];
    if w.len() <= buf.len() && w.is_ascii() {
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        f(lower)
    } else {
        f(w.to_lowercase().as_bytes())
    }
}

fn owned(s: &str) -> Text {
    Cow::Owned(s.to_owned())
}

#[cfg(test)]
mod tests;
