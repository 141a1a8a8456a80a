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
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

mod huge;
mod table;
mod trie;

use trie::Trie;

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
        // The bundled dictionaries spell every type in upper case: no allocation for
        // them (this runs once per dictionary line at start-up).
        let exact = match s {
            "PLACE" => Some(Lex::Name(EntityType::Place)),
            "ORG" => Some(Lex::Name(EntityType::Org)),
            "PERSON" => Some(Lex::Name(EntityType::Person)),
            "MISC" => Some(Lex::Name(EntityType::Misc)),
            "GIVEN" => Some(Lex::Given),
            "SURNAME" => Some(Lex::Surname),
            "COMMON" => Some(Lex::Common),
            _ => None,
        };
        if exact.is_some() {
            return exact;
        }
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

/// A dictionary string: borrowed from the bundled text (no allocation at start-up), or
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
    /// By word, what `names_at` asks (one probe of a [`table::PackedMap`]): the
    /// one-word name surfaces, as 1 + the index of their entries in `single_ids` (0:
    /// none), and [`MULTI_FIRST`] for the first words of the trie's patterns (a
    /// pattern can match where a word starts only if it starts with that whole word,
    /// so `names_at` walks the trie only from these words).
    names: table::PackedMap<u32>,
    single_ids: Vec<Ids>,
    /// The first two bytes of the `single` surfaces and of the trie's patterns:
    /// most words of a text (lower-case ones) start with a pair no name starts with, so
    /// `find_names` skips them without hashing the word or walking the trie.
    single_pairs: BytePairs,
    multi_pairs: BytePairs,
    /// Every entry by exact surface, and by lower-cased surface (for ALL-CAPS text).
    by_surface: HashMap<Text, Ids>,
    by_lower: HashMap<Text, Ids>,
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

/// What the word lists and the lexicon say of one surface, as bits: the recognisers
/// ask several of these questions of most capitalised words, and one probe of one
/// table ([`Gazetteer::word_class`]) answers them all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordClass(u16);

impl WordClass {
    pub const NONE: WordClass = WordClass(0);
    /// On the list of given names.
    pub const GIVEN: WordClass = WordClass(1);
    /// On the list of surnames.
    pub const SURNAME: WordClass = WordClass(1 << 1);
    /// An ordinary English word (the list is lower-case).
    pub const COMMON: WordClass = WordClass(1 << 2);
    /// On the stop list.
    pub const STOP: WordClass = WordClass(1 << 3);
    /// On the stop list as an ordinary word (its canonical cell is `word`).
    pub const STOP_WORD: WordClass = WordClass(1 << 4);
    pub const ORG_HEAD: WordClass = WordClass(1 << 5);
    pub const HONORIFIC: WordClass = WordClass(1 << 6);
    pub const ROLE: WordClass = WordClass(1 << 7);
    pub const DEMONYM: WordClass = WordClass(1 << 8);
    /// The lower-cased first word of a role or honorific.
    pub const TITLE_START: WordClass = WordClass(1 << 9);
    /// The last word of a person the dictionaries name ("Merkel").
    pub const KNOWN_SURNAME: WordClass = WordClass(1 << 10);
    /// The first word of a company's name ("Merck" for "Merck & Co.").
    pub const COMPANY_STEM: WordClass = WordClass(1 << 11);

    /// The class of a single-word entry of type `lex`, for the types that have one.
    pub fn of(lex: Lex) -> Option<WordClass> {
        Some(match lex {
            Lex::Given => WordClass::GIVEN,
            Lex::Surname => WordClass::SURNAME,
            Lex::Common => WordClass::COMMON,
            Lex::Stop => WordClass::STOP,
            Lex::OrgHead => WordClass::ORG_HEAD,
            Lex::Honorific => WordClass::HONORIFIC,
            Lex::Role => WordClass::ROLE,
            Lex::Demonym => WordClass::DEMONYM,
            Lex::Name(_) | Lex::Unit => return None,
        })
    }

    /// Whether any of `c`'s classes is one of these.
    pub fn has(self, c: WordClass) -> bool {
        self.0 & c.0 != 0
    }

    /// The bits as a number (for packing several classes in one word).
    pub fn bits(self) -> u16 {
        self.0
    }

    pub fn from_bits(bits: u16) -> WordClass {
        WordClass(bits)
    }
}

impl std::ops::BitOr for WordClass {
    type Output = WordClass;
    fn bitor(self, o: WordClass) -> WordClass {
        WordClass(self.0 | o.0)
    }
}

/// A surface's classes, and its frequencies as a given name and as a surname.
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    class: WordClass,
    given: f32,
    surname: f32,
}

/// Given names, surnames and ordinary words (hundreds of thousands of surfaces the
/// recognisers only ask about, so they are kept as words rather than as entries), and
/// the lexicon's single words: one table, one probe per question.
#[derive(Default)]
struct WordLists {
    words: table::WordTable,
}

impl WordLists {
    /// Takes `e` into the lists if it belongs there.
    fn take(&mut self, e: &Entry) -> bool {
        self.add(e.surface.clone(), e.lex, e.freq as f32)
    }

    /// Adds `surface` to the list of `lex` if it is one of the word lists.
    fn add(&mut self, surface: Text, lex: Lex, freq: f32) -> bool {
        let class = match WordClass::of(lex) {
            Some(c) if matches!(lex, Lex::Given | Lex::Surname | Lex::Common) => c,
            _ => return false,
        };
        self.merge(
            surface,
            Word {
                class,
                given: freq,
                surname: freq,
            },
        );
        true
    }

    /// Adds `w`'s classes to `surface`'s; its frequencies replace those of the lists it
    /// is on (a later entry replaces an equal one).
    fn merge(&mut self, surface: Text, w: Word) {
        Self::merge_word(self.words.entry(surface), w);
    }

    /// [`WordLists::merge`] into the word `cur`.
    fn merge_word(mut cur: table::WordMut<'_>, w: Word) {
        cur.add_class(w.class);
        if w.class.has(WordClass::GIVEN) {
            cur.set_given(w.given);
        }
        if w.class.has(WordClass::SURNAME) {
            cur.set_surname(w.surname);
        }
    }

    /// Marks `surface` with `class`.
    fn mark(&mut self, surface: Text, class: WordClass) {
        self.words.entry(surface).add_class(class);
    }

    /// The lists of several files, in file order: a later file's frequencies replace an
    /// earlier one's. The largest table is kept and the others are merged into it (most
    /// files hold one list: the bundled surnames are most of the words).
    fn concat(mut lists: Vec<WordLists>) -> WordLists {
        let Some(base) = (0..lists.len()).max_by_key(|&i| lists[i].words.len()) else {
            return WordLists::default();
        };
        let mut out = std::mem::take(&mut lists[base]);
        out.words
            .reserve(lists.iter().map(|l| l.words.len()).sum::<usize>());
        // The earlier files, last first, fill in only what no later file set.
        for earlier in lists[..base].iter().rev() {
            for (k, w) in earlier.words.words() {
                let mut cur = out.words.entry_of(k);
                if w.class.has(WordClass::GIVEN) && !cur.class().has(WordClass::GIVEN) {
                    cur.set_given(w.given);
                }
                if w.class.has(WordClass::SURNAME) && !cur.class().has(WordClass::SURNAME) {
                    cur.set_surname(w.surname);
                }
                cur.add_class(w.class);
            }
        }
        for later in lists.drain(base + 1..) {
            for (k, w) in later.words.words() {
                Self::merge_word(out.words.entry_of(k), w);
            }
        }
        out
    }

    /// Makes room for `n` more words in lists that have none yet.
    fn room(&mut self, n: usize) {
        if self.words.len() == 0 {
            self.words.reserve(n);
        }
    }

    fn class(&self, s: &str) -> WordClass {
        self.words.class(s)
    }

    fn count(&self, c: WordClass) -> usize {
        self.words.classes().filter(|w| w.has(c)).count()
    }
}

/// The entries sharing a surface: nearly always one, which needs no `Vec` (there are
/// about 200,000 of these lists to make at start-up).
#[derive(Clone, Debug)]
enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    fn push(&mut self, i: u32) {
        match self {
            Ids::One(first) => *self = Ids::Many(vec![*first, i]),
            Ids::Many(v) => v.push(i),
        }
    }

    fn add<K>(slot: std::collections::hash_map::Entry<'_, K, Ids>, i: u32) {
        use std::collections::hash_map::Entry as Slot;
        match slot {
            Slot::Occupied(mut o) => o.get_mut().push(i),
            Slot::Vacant(v) => {
                v.insert(Ids::One(i));
            }
        }
    }

    fn as_slice(&self) -> &[u32] {
        match self {
            Ids::One(i) => std::slice::from_ref(i),
            Ids::Many(v) => v,
        }
    }
}

/// The lookup tables derived from the entries.
struct Tables {
    by_surface: HashMap<Text, Ids>,
    by_lower: HashMap<Text, Ids>,
    lexical: HashMap<Text, Ids>,
    demonyms: HashMap<Text, Vec<Text>>,
    titles: HashSet<Box<[u8]>>,
    words: WordLists,
}

/// The tables by exact surface: every entry, and those that are no names.
fn by_surface(entries: &[Entry]) -> (HashMap<Text, Ids>, HashMap<Text, Ids>) {
    let mut by_surface: HashMap<Text, Ids> = HashMap::default();
    by_surface.reserve(entries.len());
    let mut lexical: HashMap<Text, Ids> = HashMap::default();
    for (i, e) in entries.iter().enumerate() {
        Ids::add(by_surface.entry(e.surface.clone()), i as u32);
        if !matches!(e.lex, Lex::Name(_)) {
            Ids::add(lexical.entry(e.surface.clone()), i as u32);
        }
    }
    (by_surface, lexical)
}

/// The tables not by exact surface, and the word lists merged and marked with the
/// lexicon's classes: built on a second thread while `Indexed::new` makes those (each
/// half is about as much work).
struct SideTables {
    by_lower: HashMap<Text, Ids>,
    demonyms: HashMap<Text, Vec<Text>>,
    titles: HashSet<Box<[u8]>>,
    words: WordLists,
}

impl SideTables {
    /// `lists`: the word lists of each file, in file order.
    fn new(entries: &[Entry], lists: Vec<WordLists>) -> SideTables {
        let mut words = WordLists::concat(lists);
        // The singular demonyms of each country ("Russian", not "Russians").
        let mut demonyms: HashMap<Text, Vec<Text>> = HashMap::default();
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
        let known_surnames = entries
            .iter()
            .filter(|e| e.lex == Lex::Name(EntityType::Person))
            .filter_map(|e| e.canonical.rsplit(' ').next())
            .filter(|w| {
                w.chars().count() >= 3
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            });
        for w in known_surnames {
            words.mark(owned(w), WordClass::KNOWN_SURNAME);
        }
        // The first words of companies' names ("Merck" for "Merck & Co."): a lone
        // mention of one is more likely the company than a person.
        let company_stems = entries
            .iter()
            .filter(|e| e.lex == Lex::Name(EntityType::Org) && e.source.ends_with("companies"))
            .filter_map(|e| e.surface.split_once(' ').map(|(w, _)| w))
            .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic));
        for w in company_stems {
            words.mark(owned(w), WordClass::COMPANY_STEM);
        }
        // Roles and honorifics, lower-cased: their first words and whole surfaces.
        let mut titles: HashSet<Box<[u8]>> = HashSet::default();
        for e in entries
            .iter()
            .filter(|e| matches!(e.lex, Lex::Role | Lex::Honorific))
        {
            let first = with_first_word_lower(&e.surface, |w| {
                String::from_utf8(w.to_vec()).expect("lower-cased UTF-8 is UTF-8")
            });
            words.mark(Cow::Owned(first), WordClass::TITLE_START);
            titles.insert(with_lower(&e.surface, |w| w.into()));
        }
        // The lexicon's classes of single words.
        for e in entries {
            let Some(class) = WordClass::of(e.lex) else {
                continue;
            };
            if e.lex == Lex::Stop && e.canonical == "word" {
                words.mark(e.surface.clone(), class | WordClass::STOP_WORD);
            } else {
                words.mark(e.surface.clone(), class);
            }
        }
        let mut by_lower: HashMap<Text, Ids> = HashMap::default();
        by_lower.reserve(entries.len());
        for (i, e) in entries.iter().enumerate() {
            // Most surfaces change when lower-cased; those that do not are borrowed. (For
            // ASCII, `to_ascii_lowercase` is `to_lowercase` at a fraction of the cost.)
            let s = &e.surface;
            let lower = if !s.is_ascii() {
                Cow::Owned(s.to_lowercase())
            } else if s.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(s.to_ascii_lowercase())
            } else {
                s.clone()
            };
            Ids::add(by_lower.entry(lower), i as u32);
        }
        SideTables {
            by_lower,
            demonyms,
            titles,
            words,
        }
    }
}

impl Gazetteer {
    /// The bundled dictionaries (when `bundled`) followed by the user files.
    pub fn load(bundled: bool, user: &[impl AsRef<Path>]) -> Result<Gazetteer, DictError> {
        let mut entries = Vec::new();
        // The word lists of each file, merged in `build`.
        let mut lists = Vec::new();
        if bundled {
            // One thread per file; merged in file order, so the result (and the first
            // error) is that of parsing them one after the other.
            let parsed: Vec<_> = std::thread::scope(|scope| {
                let handles: Vec<_> = bundled::BUNDLED
                    .iter()
                    .map(|&(name, text)| {
                        scope.spawn(move || {
                            let mut e = Vec::new();
                            let mut w = WordLists::default();
                            parse_tsv(text, name, true, &mut e, &mut w, Cow::Borrowed)
                                .map(|()| (e, w))
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("dictionary parser panicked"))
                    .collect()
            });
            let total = parsed.iter().flatten().map(|(e, _)| e.len()).sum();
            entries.reserve(total);
            for part in parsed {
                let (e, w) = part?;
                entries.extend(e);
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
            let mut words = WordLists::default();
            parse_tsv(&text, &name, false, &mut entries, &mut words, owned)?;
            lists.push(words);
        }
        Gazetteer::build(entries, lists)
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
        Gazetteer::build(raw, vec![words])
    }

    /// `lists`: the word lists of each file, in file order.
    fn build(raw: Vec<Entry>, lists: Vec<WordLists>) -> Result<Gazetteer, DictError> {
        let one_word = |p: &str| p.chars().all(char::is_alphanumeric);
        // The name surfaces, for the thread that builds the trie (of those of more
        // than one word) while this one deduplicates and builds the lookup tables.
        let names: Vec<Text> = raw
            .iter()
            .filter(|e| matches!(e.lex, Lex::Name(_) | Lex::Demonym))
            .map(|e| e.surface.clone())
            .collect();
        std::thread::scope(|scope| {
            let multi = scope.spawn(move || Multi::new(names, one_word));
            let Indexed {
                entries,
                mut names,
                single_ids,
                single_pairs,
                tables,
            } = Indexed::new(raw, one_word, lists);
            let multi = multi.join().expect("trie builder panicked");
            names.reserve(multi.first_words.len());
            for w in multi.first_words {
                *names.entry(w).0 |= MULTI_FIRST;
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
                by_lower: tables.by_lower,
                words: tables.words,
                demonyms: tables.demonyms,
                titles: tables.titles,
                entries,
            })
        })
    }
}

/// A set of byte pairs (65,536 bits): the first two bytes of some strings.
struct BytePairs(Box<[u64; 1024]>);

impl Default for BytePairs {
    fn default() -> Self {
        BytePairs(Box::new([0; 1024]))
    }
}

impl BytePairs {
    fn set(&mut self, k: usize) {
        self.0[k / 64] |= 1 << (k % 64);
    }

    fn key(a: u8, b: u8) -> usize {
        (a as usize) << 8 | b as usize
    }

    /// Adds a word looked up whole: its first byte and its second (0 for a word of one
    /// byte).
    fn insert_word(&mut self, w: &[u8]) {
        if let Some(&a) = w.first() {
            self.set(Self::key(a, w.get(1).copied().unwrap_or(0)));
        }
    }

    /// Adds a string matched as a prefix of the text: its first two bytes, or every
    /// pair that starts with its one byte.
    fn insert_prefix(&mut self, w: &[u8]) {
        match *w {
            [] => {}
            [a] => (0..=255).for_each(|b| self.set(Self::key(a, b))),
            [a, b, ..] => self.set(Self::key(a, b)),
        }
    }

    /// Whether a string inserted here may start `w`: a word looked up whole (as
    /// `insert_word` saw it), or the rest of the text (for `insert_prefix`: when one
    /// byte is left, only a one-byte string can match, and its pairs include `(a, 0)`).
    fn may_start(&self, w: &[u8]) -> bool {
        let Some(&a) = w.first() else {
            return false;
        };
        let k = Self::key(a, w.get(1).copied().unwrap_or(0));
        self.0[k / 64] >> (k % 64) & 1 == 1
    }
}

/// The name surfaces of more than one word, and what `Gazetteer` keeps of them.
struct Multi {
    trie: Trie,
    /// The distinct surfaces, sorted: the trie's patterns in the order of its ids.
    patterns: Vec<Text>,
    /// Their first two bytes.
    pairs: BytePairs,
    /// Their first words (see `Gazetteer::multi_first_words`).
    first_words: HashSet<Text>,
}

impl Multi {
    /// `names` are all the name surfaces, in any order and repeated.
    fn new(mut names: Vec<Text>, one_word: impl Fn(&str) -> bool) -> Multi {
        names.retain(|p| !one_word(p));
        // (Stable: the names come as a few sorted runs, one per dictionary file, which
        // it merges in far fewer comparisons than `sort_unstable` makes.)
        names.sort();
        names.dedup();
        let patterns = names;
        let bytes: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
        let trie = Trie::new(&bytes);
        let mut pairs = BytePairs::default();
        for p in &bytes {
            pairs.insert_prefix(p);
        }
        let first_words = patterns
            .iter()
            .map(|p| match p.split_once(|c: char| !c.is_alphanumeric()) {
                Some((w, _)) => match p {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[..w.len()]),
                    Cow::Owned(_) => owned(w),
                },
                None => p.clone(),
            })
            .collect();
        Multi {
            trie,
            patterns,
            pairs,
            first_words,
        }
    }
}

/// The entries among `ids` that are names (matched in the text), in order.
fn name_ids(entries: &[Entry], ids: &Ids) -> Option<Ids> {
    let is_name = |&&i: &&u32| matches!(entries[i as usize].lex, Lex::Name(_) | Lex::Demonym);
    let mut it = ids.as_slice().iter().filter(is_name);
    let first = *it.next()?;
    Some(match it.next() {
        None => Ids::One(first),
        Some(&second) => {
            let mut v = vec![first, second];
            v.extend(it);
            Ids::Many(v)
        }
    })
}

/// In `Gazetteer::names`: a multi-word surface starts with the word.
const MULTI_FIRST: u32 = 1 << 31;

/// What `Gazetteer::build` makes besides the trie.
struct Indexed {
    entries: Vec<Entry>,
    /// `Gazetteer::names` with the one-word names (the multi-word flags come later),
    /// and its `single_ids` and `single_pairs`.
    names: table::PackedMap<u32>,
    single_ids: Vec<Ids>,
    single_pairs: BytePairs,
    tables: Tables,
}

impl Indexed {
    /// Keeps one entry per (surface, type) and indexes them; `lists` are the word
    /// lists of each file, in file order.
    fn new(mut raw: Vec<Entry>, one_word: impl Fn(&str) -> bool, lists: Vec<WordLists>) -> Indexed {
        // Which raw entry fills each (surface, type) slot, in order of first appearance.
        let mut winners: Vec<usize> = Vec::with_capacity(raw.len());
        {
            let mut slot: HashMap<(&str, Lex), usize> = HashMap::default();
            slot.reserve(raw.len());
            for (r, e) in raw.iter().enumerate() {
                match slot.get(&(&*e.surface, e.lex)) {
                    // Within one file keep the most populous of namesakes (the Paris in
                    // France, not the one in Texas); a later file replaces an earlier one.
                    Some(&i) => {
                        let cur = &raw[winners[i]];
                        if cur.source != e.source || e.population > cur.population {
                            winners[i] = r;
                        }
                    }
                    None => {
                        slot.insert((&*e.surface, e.lex), winners.len());
                        winners.push(r);
                    }
                }
            }
        }
        // The winners moved to the front in place (the entries are large, and nearly all
        // win where they stand). Slot `i` first appears at raw entry `i` or later, so
        // `winners[i] >= i`: the entry a swap sends back to `winners[i]` is never a later
        // slot's winner, and no later winner has been moved yet.
        for (i, &r) in winners.iter().enumerate() {
            debug_assert!(r >= i);
            if r != i {
                raw.swap(i, r);
            }
        }
        raw.truncate(winners.len());
        let entries = raw;
        let ((names, single_ids, single_pairs), tables) = std::thread::scope(|scope| {
            let entries = &entries;
            let side = scope.spawn(move || SideTables::new(entries, lists));
            let (by_surface, lexical) = by_surface(entries);
            // The entries of each one-word name surface are its `by_surface` entries
            // that are names.
            // (About half of the bundled surfaces are: room for that many makes the
            // table its final size at once.)
            let mut names = table::PackedMap::default();
            names.reserve(by_surface.len() / 2);
            let mut single_ids = Vec::with_capacity(by_surface.len() / 2);
            let mut single_pairs = BytePairs::default();
            for (p, ids) in &by_surface {
                if let Some(ix) = name_ids(entries, ids) {
                    if one_word(p) {
                        single_pairs.insert_word(p.as_bytes());
                        single_ids.push(ix);
                        *names.entry(p.clone()).0 = single_ids.len() as u32;
                    }
                }
            }
            let side = side.join().expect("table builder panicked");
            let tables = Tables {
                by_surface,
                by_lower: side.by_lower,
                lexical,
                demonyms: side.demonyms,
                titles: side.titles,
                words: side.words,
            };
            ((names, single_ids, single_pairs), tables)
        });
        Indexed {
            entries,
            names,
            single_ids,
            single_pairs,
            tables,
        }
    }
}

impl Gazetteer {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// The matches of `find_names` that start at byte `start` (in the same order),
    /// without scanning the rest of the text: for a caller that needs the names at a
    /// few positions only.
    pub fn names_at<'g>(&'g self, text: &str, start: usize, out: &mut Vec<NameMatch<'g>>) {
        if start >= text.len() || !crate::text::is_word_start(text, start) {
            return;
        }
        // The run of alphanumeric characters: ASCII bytes tested as bytes, eight at a
        // time.
        let bytes = text.as_bytes();
        let mut end = crate::text::words::alnum_end(bytes, start);
        if bytes.get(end).is_some_and(|&b| b >= 0x80) {
            end = text[end..]
                .char_indices()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(text.len(), |(k, _)| end + k);
        }
        let word = &text[start..end];
        let (starts_multi, single) = if word.is_empty() {
            (self.multi_pairs.may_start(&text.as_bytes()[start..]), None)
        } else {
            self.name_word(word, &text.as_bytes()[start..])
        };
        if starts_multi {
            self.walk(text, start, out);
        }
        if let Some(v) = single {
            out.push(NameMatch {
                start,
                end,
                entries: v.as_slice(),
            });
        }
    }

    /// Whether a multi-word surface starts with the (non-empty) word `word`, and the
    /// entries of the one-word surface `word`; `rest` is the text from the word on.
    /// (The first two bytes turn most words away before the probe: a surface found
    /// there starts `rest`.)
    #[inline]
    fn name_word(&self, word: &str, rest: &[u8]) -> (bool, Option<&Ids>) {
        if !self.single_pairs.may_start(word.as_bytes()) && !self.multi_pairs.may_start(rest) {
            return (false, None);
        }
        let v = self.names.get(word).unwrap_or(0);
        let single = (v & !MULTI_FIRST).checked_sub(1);
        (
            v & MULTI_FIRST != 0,
            single.map(|i| &self.single_ids[i as usize]),
        )
    }

    /// Every dictionary name in `text` that starts and ends at word boundaries
    /// (overlapping matches included; the recognisers choose), by start offset.
    ///
    /// The same matches as an overlapping search over all surfaces filtered by
    /// `text::is_word_start`/`is_word_end`, without stepping a matcher through
    /// every byte: a one-word surface matches exactly a maximal run of alphanumeric
    /// characters (looked up whole), and the others are found by anchored walks from
    /// the positions that follow a non-alphanumeric character.
    ///
    /// The recognisers call `names_at` at the words they need; this whole-text search
    /// is the reference the tests hold `names_at` to.
    #[cfg(test)]
    pub fn find_names(&self, text: &str) -> Vec<NameMatch<'_>> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        // The length of the character at `i` when it is alphanumeric (ASCII inline, the
        // rest decoded).
        let alnum_at = |i: usize| -> Option<usize> {
            let b = bytes[i];
            if b < 0x80 {
                b.is_ascii_alphanumeric().then_some(1)
            } else {
                let c = text[i..].chars().next().expect("i is a char boundary");
                c.is_alphanumeric().then(|| c.len_utf8())
            }
        };
        let char_len = |i: usize| match bytes[i] {
            b if b < 0x80 => 1,
            _ => text[i..].chars().next().map_or(1, char::len_utf8),
        };
        let mut i = 0;
        // Invariant: `i` is a word start (the character before it, if any, is not
        // alphanumeric).
        while i < bytes.len() {
            if self.multi_pairs.may_start(&bytes[i..]) {
                self.walk(text, i, &mut out);
            }
            let Some(len) = alnum_at(i) else {
                i += char_len(i);
                continue;
            };
            let mut j = i + len;
            while j < bytes.len() {
                if bytes[j] < 0x80 {
                    if !bytes[j].is_ascii_alphanumeric() {
                        break;
                    }
                    j += 1;
                } else {
                    match alnum_at(j) {
                        Some(len) => j += len,
                        None => break,
                    }
                }
            }
            let word = &text[i..j];
            let known = self.name_word(word, word.as_bytes()).1;
            if let Some(v) = known {
                out.push(NameMatch {
                    start: i,
                    end: j,
                    entries: v.as_slice(),
                });
            }
            // No word starts inside the run; the character after it does not start
            // one either (it follows an alphanumeric), but the one after that may.
            if j >= bytes.len() {
                break;
            }
            i = j + char_len(j);
        }
        out
    }

    /// The multi-word surfaces that start at `start` and end at a word end.
    fn walk<'g>(&'g self, text: &str, start: usize, out: &mut Vec<NameMatch<'g>>) {
        self.multi.prefixes(&text.as_bytes()[start..], |len, p| {
            let end = start + len;
            if crate::text::is_word_end(text, end) {
                out.push(NameMatch {
                    start,
                    end,
                    entries: self.pattern_entries[p as usize].as_slice(),
                });
            }
        });
    }

    /// Entries whose surface is exactly `s`.
    pub fn lookup(&self, s: &str) -> &[u32] {
        self.by_surface.get(s).map_or(&[], |v| v.as_slice())
    }

    /// Entries whose surface equals `s` ignoring case.
    pub fn lookup_folded(&self, s: &str) -> &[u32] {
        self.by_lower
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
        if let Some(w) = self.words.words.get(s) {
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

    /// Starts loading what [`Gazetteer::word_class`] and
    /// [`Gazetteer::word_class_folded`] will read for `w` (see `WordTable::prefetch`):
    /// for a recogniser that knows which words it will ask about.
    #[inline]
    pub fn prefetch_word(&self, w: &str) {
        self.words.words.prefetch(w.as_bytes());
    }

    /// `word_class(&w.to_lowercase())`, without allocating for a short ASCII word.
    pub fn word_class_folded(&self, w: &str) -> WordClass {
        // Lower-cased UTF-8 is UTF-8.
        with_lower(w, |l| {
            std::str::from_utf8(l).map_or(WordClass::NONE, |l| self.word_class(l))
        })
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

/// `v.parse::<f64>()`, quicker for the plain decimals the dictionaries hold
/// ("-8.396", "250438", "0.001338"): with at most 15 digits, the digits make an exact
/// integer and the point an exact power of ten, and one IEEE division rounds their
/// quotient correctly, which is the value `parse` gives. Anything else goes to `parse`.
fn decimal(v: &str) -> Result<f64, std::num::ParseFloatError> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (neg, digits) = match v.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    let (mut m, mut n, mut point) = (0u64, 0usize, None);
    for &c in digits {
        match c {
            b'0'..=b'9' if n < 15 => {
                m = m * 10 + u64::from(c - b'0');
                n += 1;
            }
            b'.' if point.is_none() => point = Some(n),
            _ => return v.parse(),
        }
    }
    if n == 0 {
        return v.parse();
    }
    let x = m as f64 / POW10[n - point.unwrap_or(n)];
    Ok(if neg { -x } else { x })
}

fn owned(s: &str) -> Text {
    Cow::Owned(s.to_owned())
}

/// `s.trim()`, skipping the Unicode scan when `s` starts and ends with a printable
/// ASCII character (as nearly every dictionary cell does).
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// The lines of a dictionary, each split into its tab-separated cells: `text.lines()`
/// and `line.split('\t')` in one pass, eight bytes at a time. Dictionary lines are
/// short and most of their cells empty, so a search per line and per cell (or a test
/// per byte) cost several times more.
struct TsvLines<'t> {
    text: &'t str,
    /// Where the next line starts.
    next: usize,
}

impl<'t> TsvLines<'t> {
    fn new(text: &'t str) -> TsvLines<'t> {
        TsvLines { text, next: 0 }
    }

    /// The next line (without its `\n`, or `\r\n` as in `str::lines`), its cells in
    /// `cells`.
    fn next_line(&mut self, cells: &mut Vec<&'t str>) -> Option<&'t str> {
        use crate::text::swar::{in_range, HIGHS};
        let text = self.text;
        let bytes = text.as_bytes();
        let start = self.next;
        if start >= bytes.len() {
            return None;
        }
        cells.clear();
        let mut from = start;
        let mut i = start;
        // (Tabs and line ends are ASCII: every cut is at a char boundary.)
        while i < bytes.len() {
            // The top bits of the tabs and line feeds among the eight bytes at `i`.
            let mut seps = match bytes.get(i..i + 8) {
                Some(w) => {
                    let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
                    in_range(w & !HIGHS, b'\t', b'\n') & !w
                }
                None => bytes[i..]
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'\t' || b == b'\n')
                    .fold(0, |m, (j, _)| m | 0x80 << (8 * j)),
            };
            while seps != 0 {
                let k = i + (seps.trailing_zeros() / 8) as usize;
                seps &= seps - 1;
                if bytes[k] == b'\t' {
                    cells.push(&text[from..k]);
                    from = k + 1;
                } else {
                    let end = if k > from && bytes[k - 1] == b'\r' {
                        k - 1
                    } else {
                        k
                    };
                    cells.push(&text[from..end]);
                    self.next = k + 1;
                    return Some(&text[start..end]);
                }
            }
            i += 8;
        }
        cells.push(&text[from..]);
        self.next = bytes.len();
        Some(&text[start..])
    }
}

/// The first part of an `ids` cell that is not `scheme:id`: `ids.split(';').find(..)`
/// without a char searcher (this runs for every dictionary line).
fn bad_id(ids: &str) -> Option<&str> {
    let at = |p: &[u8]| p.as_ptr() as usize - ids.as_ptr() as usize;
    ids.as_bytes()
        .split(|&b| b == b';')
        .find(|p| !p.is_empty() && !p.contains(&b':'))
        .map(|p| &ids[at(p)..at(p) + p.len()])
}

/// Parses one dictionary into `out` and `words`; `keep` makes each kept cell a `Text`
/// (`Cow::Borrowed` for the bundled `'static` text, an owned copy otherwise).
fn parse_tsv<'t>(
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
    let mut cells: Vec<&'t str> = Vec::with_capacity(16);
    let mut rows = TsvLines::new(text);
    let mut line_no = 0;
    // Header: the first line if its first two cells are `surface` and `type`.
    let mut cols: HashMap<String, usize> = HashMap::default();
    if rows.next_line(&mut cells).is_some()
        && cells.len() >= 2
        && cells[0].trim() == "surface"
        && cells[1].trim() == "type"
    {
        for (i, c) in cells.iter().enumerate() {
            cols.insert(c.trim().to_string(), i);
        }
        line_no = 1;
    } else {
        rows = TsvLines::new(text);
    }
    if cols.is_empty() {
        for (i, c) in ["surface", "type", "canonical", "ids"].iter().enumerate() {
            cols.insert(c.to_string(), i);
        }
    }
    // The cell index of each column, resolved once per file.
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
    let index: Vec<Option<usize>> = COLUMNS.iter().map(|c| cols.get(*c).copied()).collect();
    let [surface_c, type_c, canonical_c, ids_c, country_c, lat_c, lon_c, population_c, freq_c] =
        [0, 1, 2, 3, 4, 5, 6, 7, 8];
    while let Some(line) = rows.next_line(&mut cells) {
        line_no += 1;
        if trim(line).is_empty() || line.starts_with('#') {
            continue;
        }
        let get = |c: usize| {
            index[c]
                .and_then(|i| cells.get(i))
                .map(|s| trim(s))
                .filter(|s| !s.is_empty())
        };
        let err = |message: String| DictError::Parse {
            path: name.to_string(),
            line: line_no,
            message,
        };
        let surface = get(surface_c).ok_or_else(|| err("empty surface form".into()))?;
        let ty = get(type_c).ok_or_else(|| err(format!("no type for {surface:?}")))?;
        let lex = Lex::parse(ty).ok_or_else(|| {
            err(format!(
                "unknown type {ty:?} (want PERSON, PLACE, ORG, MISC, GIVEN, SURNAME, DEMONYM, ROLE, HONORIFIC, ORG_HEAD, UNIT, COMMON or STOP)"
            ))
        })?;
        let num = |c: usize| -> Result<Option<f64>, DictError> {
            get(c)
                .map(|v| {
                    decimal(v).map_err(|_| err(format!("{} is not a number: {v:?}", COLUMNS[c])))
                })
                .transpose()
        };
        let ids = get(ids_c).unwrap_or("");
        if let Some(part) = bad_id(ids) {
            return Err(err(format!("id {part:?} is not scheme:id")));
        }
        let left = lines - line_no + 1;
        // The big word lists need only the surface (and frequency): no entry.
        match lex {
            Lex::Given | Lex::Surname => {
                let freq = num(freq_c)?.unwrap_or(0.0) as f32;
                words.room(left);
                words.add(keep(surface), lex, freq);
                continue;
            }
            Lex::Common => {
                words.room(left);
                words.add(keep(surface), lex, 0.0);
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
            canonical: keep(get(canonical_c).unwrap_or(surface)),
            ids: keep(ids),
            country: get(country_c).map(keep),
            lat: num(lat_c)?,
            lon: num(lon_c)?,
            population: num(population_c)?.unwrap_or(0.0) as u64,
            freq: num(freq_c)?.unwrap_or(0.0),
            source: source.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    impl WordLists {
        /// The words, their classes and frequencies (as bits), sorted: for comparing.
        fn listed(&self) -> Vec<(String, u16, u32, u32)> {
            let mut v: Vec<_> = self
                .words
                .words()
                .map(|(k, w)| {
                    (
                        k.text(),
                        w.class.bits(),
                        w.given.to_bits(),
                        w.surname.to_bits(),
                    )
                })
                .collect();
            v.sort();
            v
        }
    }

    /// `parse_tsv` as it was before `TsvLines` and `bad_id` (the reference for the
    /// tests): parses one dictionary into `out` and `words`; `keep` makes each kept cell a `Text`
    /// (`Cow::Borrowed` for the bundled `'static` text, an owned copy otherwise).
    fn parse_tsv_plain<'t>(
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
        // The cell index of each column, resolved once per file.
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
        let index: Vec<Option<usize>> = COLUMNS.iter().map(|c| cols.get(*c).copied()).collect();
        let [surface_c, type_c, canonical_c, ids_c, country_c, lat_c, lon_c, population_c, freq_c] =
            [0, 1, 2, 3, 4, 5, 6, 7, 8];
        let mut cells: Vec<&'t str> = Vec::new();
        for (i, line) in lines {
            let line_no = i + 1;
            if trim(line).is_empty() || line.starts_with('#') {
                continue;
            }
            // `line.split('\t')`, without a searcher per cell.
            cells.clear();
            let mut from = 0;
            for (k, &b) in line.as_bytes().iter().enumerate() {
                if b == b'\t' {
                    cells.push(&line[from..k]);
                    from = k + 1;
                }
            }
            cells.push(&line[from..]);
            let get = |c: usize| {
                index[c]
                    .and_then(|i| cells.get(i))
                    .map(|s| trim(s))
                    .filter(|s| !s.is_empty())
            };
            let err = |message: String| DictError::Parse {
                path: name.to_string(),
                line: line_no,
                message,
            };
            let surface = get(surface_c).ok_or_else(|| err("empty surface form".into()))?;
            let ty = get(type_c).ok_or_else(|| err(format!("no type for {surface:?}")))?;
            let lex = Lex::parse(ty).ok_or_else(|| {
                err(format!(
                    "unknown type {ty:?} (want PERSON, PLACE, ORG, MISC, GIVEN, SURNAME, DEMONYM, ROLE, HONORIFIC, ORG_HEAD, UNIT, COMMON or STOP)"
                ))
            })?;
            let num = |c: usize| -> Result<Option<f64>, DictError> {
                get(c)
                    .map(|v| {
                        decimal(v)
                            .map_err(|_| err(format!("{} is not a number: {v:?}", COLUMNS[c])))
                    })
                    .transpose()
            };
            let ids = get(ids_c).unwrap_or("");
            if let Some(part) = ids.split(';').find(|p| !p.is_empty() && !p.contains(':')) {
                return Err(err(format!("id {part:?} is not scheme:id")));
            }
            // The big word lists need only the surface (and frequency): no entry.
            match lex {
                Lex::Given | Lex::Surname => {
                    words.add(keep(surface), lex, num(freq_c)?.unwrap_or(0.0) as f32);
                    continue;
                }
                Lex::Common => {
                    words.add(keep(surface), lex, 0.0);
                    continue;
                }
                _ => {}
            }
            out.push(Entry {
                surface: keep(surface),
                lex,
                canonical: keep(get(canonical_c).unwrap_or(surface)),
                ids: keep(ids),
                country: get(country_c).map(keep),
                lat: num(lat_c)?,
                lon: num(lon_c)?,
                population: num(population_c)?.unwrap_or(0.0) as u64,
                freq: num(freq_c)?.unwrap_or(0.0),
                source: source.clone(),
            });
        }
        Ok(())
    }

    fn gaz(tsv: &str) -> Gazetteer {
        let mut e = Vec::new();
        let mut w = WordLists::default();
        parse_tsv(tsv, "test", false, &mut e, &mut w, owned).unwrap();
        Gazetteer::build(e, vec![w]).unwrap()
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
    fn names_at_gives_find_names_matches_of_one_start() {
        let g = gaz("surface\ttype\tcanonical\n\
             Oman\tPLACE\nU.N.\tORG\tUnited Nations\nNew York\tPLACE\n\
             New York Times\tORG\nYork\tPLACE\nA\tORG\n's-Hertogenbosch\tPLACE\n\
             São Paulo\tPLACE\nK\tPLACE\n");
        let texts = [
            "Romania and Oman met at the U.N. today",
            "the New York Times, New York and York; A. K",
            "in 's-Hertogenbosch and São Paulo, not xOman or Omani",
            "Ａ São Paulo. New York",
            "",
        ];
        for t in texts {
            let all = g.find_names(t);
            for start in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let mut got = Vec::new();
                g.names_at(t, start, &mut got);
                let want: Vec<_> = all.iter().filter(|m| m.start == start).collect();
                assert_eq!(
                    got.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                    want.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                    "{t:?} at {start}"
                );
            }
        }
        // (The texts do hold names.)
        assert_eq!(g.find_names(texts[1]).len(), 8);
    }

    #[test]
    fn may_be_title_keeps_every_role_and_honorific() {
        // The pre-check may only say "no" where all three look-ups of `strip_titles`
        // would: every role and honorific, as written and in other cases, passes.
        let g = Gazetteer::bundled();
        let titles: Vec<&Entry> = g
            .entries()
            .iter()
            .filter(|e| matches!(e.lex, Lex::Role | Lex::Honorific))
            .collect();
        assert!(titles.len() > 100, "the lexicon has roles and honorifics");
        for e in titles {
            for form in [e.surface.to_string(), e.surface.to_uppercase()] {
                assert!(g.may_be_title(&form), "{form:?}");
                assert!(g.may_be_title(&format!("{form} Smith")), "{form:?} + name");
                assert!(g.may_be_title_phrase(&form), "{form:?}");
                assert!(
                    g.may_be_title_phrase(&form.to_lowercase()),
                    "{form:?} lower-cased"
                );
            }
        }
        assert!(!g.may_be_title("Tuesday"));
        assert!(!g.may_be_title("Kerry said"));
        assert!(!g.may_be_title_phrase("Secretary Kerry"));
    }

    #[test]
    fn word_class_answers_as_the_entries_do() {
        // The one-probe classes against the entries they were made from.
        let g = Gazetteer::bundled();
        let lexical = [
            (Lex::OrgHead, WordClass::ORG_HEAD),
            (Lex::Honorific, WordClass::HONORIFIC),
            (Lex::Role, WordClass::ROLE),
            (Lex::Demonym, WordClass::DEMONYM),
            (Lex::Stop, WordClass::STOP),
        ];
        let mut surfaces: Vec<String> = g
            .entries()
            .iter()
            .filter(|e| !matches!(e.lex, Lex::Name(_)))
            .map(|e| e.surface.to_string())
            .collect();
        surfaces.extend(["Tuesday", "Kerry", "The", "said", "Minister"].map(String::from));
        let mut stop_words = 0;
        for s in &surfaces {
            let c = g.word_class(s);
            for (lex, bit) in lexical {
                assert_eq!(c.has(bit), g.get(s, lex).is_some(), "{s:?} {lex:?}");
            }
            let word = g.get(s, Lex::Stop).is_some_and(|e| e.canonical == "word");
            assert_eq!(c.has(WordClass::STOP_WORD), word, "{s:?}");
            stop_words += usize::from(word);
            assert_eq!(
                g.word_class_folded(s),
                g.word_class(&s.to_lowercase()),
                "{s:?}"
            );
        }
        assert!(stop_words > 50, "the stop list has ordinary words");
        assert!(g.word_class("Kerry").has(WordClass::KNOWN_SURNAME));
        assert!(g.is("Minister", Lex::OrgHead) || g.is("Ministry", Lex::OrgHead));
    }

    #[test]
    fn later_word_lists_replace_earlier_frequencies() {
        let list = |rows: &[(&str, Lex, f32)]| {
            let mut w = WordLists::default();
            for &(s, lex, f) in rows {
                w.add(owned(s), lex, f);
            }
            w
        };
        // The largest list (kept whole) is in the middle: the files before it and
        // after it must still count in file order.
        let big: Vec<(String, Lex, f32)> = (0..10)
            .map(|i| (format!("W{i}"), Lex::Surname, 9.0))
            .collect();
        let big: Vec<(&str, Lex, f32)> = big.iter().map(|(s, l, f)| (s.as_str(), *l, *f)).collect();
        let mut big = list(&big);
        big.add(owned("Cy"), Lex::Surname, 5.0);
        let lists = vec![
            list(&[("Ann", Lex::Given, 1.0), ("Cy", Lex::Given, 1.0)]),
            list(&[("Cy", Lex::Given, 2.0), ("Dee", Lex::Common, 0.0)]),
            big,
            list(&[("Ann", Lex::Given, 3.0), ("Ann", Lex::Surname, 2.0)]),
        ];
        let g = Gazetteer::build(Vec::new(), lists).unwrap();
        assert_eq!(
            g.word_classes("Ann"),
            [(Lex::Given, 3.0), (Lex::Surname, 2.0)]
        );
        assert_eq!(
            g.word_classes("Cy"),
            [(Lex::Given, 2.0), (Lex::Surname, 5.0)]
        );
        assert!(g.is_common("Dee") && !g.is("Dee", Lex::Given));
        assert_eq!(g.word_counts(), (2, 12, 1));
    }

    proptest::proptest! {
        /// The quick decimal parse gives `parse`'s value (to the bit) or its error.
        #[test]
        fn decimal_is_parse(v in "-?[0-9]{0,17}(\\.[0-9]{0,17})?|[-+.0-9eE]{0,6}") {
            let quick = decimal(&v).map(f64::to_bits).ok();
            let plain = v.parse::<f64>().map(f64::to_bits).ok();
            proptest::prop_assert_eq!(quick, plain, "{:?}", v);
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

    type Parser = fn(
        &str,
        &str,
        bool,
        &mut Vec<Entry>,
        &mut WordLists,
        fn(&str) -> Text,
    ) -> Result<(), DictError>;

    proptest::proptest! {
        /// `TsvLines` is `lines()` and `split('\t')`.
        #[test]
        fn tsv_lines_are_lines_and_split(t in "[ab\t\r\n#é]{0,40}") {
            let mut got = Vec::new();
            let mut cells = Vec::new();
            let mut rows = TsvLines::new(&t);
            while let Some(line) = rows.next_line(&mut cells) {
                got.push((line, cells.clone()));
            }
            let want: Vec<(&str, Vec<&str>)> =
                t.lines().map(|l| (l, l.split('\t').collect())).collect();
            proptest::prop_assert_eq!(got, want);
        }

        /// `parse_tsv` gives what the plain parser gave: the same entries and words, or
        /// the same first error.
        #[test]
        fn parse_tsv_is_plain(t in odd_tsv()) {
            let run = |f: Parser| {
                let (mut e, mut w) = (Vec::new(), WordLists::default());
                let r = f(&t, "odd.tsv", false, &mut e, &mut w, owned).map_err(|e| e.to_string());
                (r, e, w.listed())
            };
            proptest::prop_assert_eq!(run(parse_tsv), run(parse_tsv_plain));
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
