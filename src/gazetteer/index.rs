//! The look-up tables `Gazetteer::build` derives from the entries: by surface, the
//! lexicon's words, demonyms, titles, and the one-word names; and the table by
//! lower-cased surface, which is made when first asked for.

use super::names::{name_ids, BytePairs};
use super::words::{WordClass, WordLists, WordRows};
use super::{with_first_word_lower, with_lower, Entry, Lex, Text};
use crate::record::EntityType;
use crate::text::words::WordMap;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

/// The entries sharing a surface: nearly always one, which needs no `Vec` (there are
/// about 200,000 of these lists to make at start-up).
#[derive(Clone, Debug)]
pub(super) enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    pub(super) fn push(&mut self, i: u32) {
        match self {
            Ids::One(first) => *self = Ids::Many(vec![*first, i]),
            Ids::Many(v) => v.push(i),
        }
    }

    pub(super) fn add<K>(slot: std::collections::hash_map::Entry<'_, K, Ids>, i: u32) {
        use std::collections::hash_map::Entry as Slot;
        match slot {
            Slot::Occupied(mut o) => o.get_mut().push(i),
            Slot::Vacant(v) => {
                v.insert(Ids::One(i));
            }
        }
    }

    pub(super) fn as_slice(&self) -> &[u32] {
        match self {
            Ids::One(i) => std::slice::from_ref(i),
            Ids::Many(v) => v,
        }
    }
}

/// The lookup tables derived from the entries.
pub(super) struct Tables {
    pub(super) by_surface: HashMap<Text, Ids>,
    pub(super) lexical: HashMap<Text, Ids>,
    pub(super) demonyms: HashMap<Text, Vec<Text>>,
    pub(super) titles: HashSet<Box<[u8]>>,
    pub(super) words: WordLists,
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

/// Every entry by lower-cased surface (for ALL-CAPS text). Only long acronyms and
/// ALL-CAPS lines ask it, so `Gazetteer` makes it when first asked rather than at
/// start-up.
pub(super) fn by_lower(entries: &[Entry]) -> HashMap<Text, Ids> {
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
    by_lower
}

/// The tables not by exact surface, and the word lists merged and marked with the
/// lexicon's classes: built on a second thread while `Indexed::new` makes those.
struct SideTables {
    demonyms: HashMap<Text, Vec<Text>>,
    titles: HashSet<Box<[u8]>>,
    words: WordLists,
}

impl SideTables {
    /// `lists`: the word lists of each file, in file order.
    fn new(entries: &[Entry], lists: Vec<WordRows>) -> SideTables {
        let mut words = WordLists::of(lists);
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
            words.mark(w, WordClass::KNOWN_SURNAME);
        }
        // The first words of companies' names ("Merck" for "Merck & Co."): a lone
        // mention of one is more likely the company than a person.
        let company_stems = entries
            .iter()
            .filter(|e| e.lex == Lex::Name(EntityType::Org) && e.source.ends_with("companies"))
            .filter_map(|e| e.surface.split_once(' ').map(|(w, _)| w))
            .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic));
        for w in company_stems {
            words.mark(w, WordClass::COMPANY_STEM);
        }
        // Roles and honorifics, lower-cased: their first words and whole surfaces.
        let mut titles: HashSet<Box<[u8]>> = HashSet::default();
        for e in entries
            .iter()
            .filter(|e| matches!(e.lex, Lex::Role | Lex::Honorific))
        {
            with_first_word_lower(&e.surface, |w| {
                let w = std::str::from_utf8(w).expect("lower-cased UTF-8 is UTF-8");
                words.mark(w, WordClass::TITLE_START);
            });
            titles.insert(with_lower(&e.surface, |w| w.into()));
        }
        // The lexicon's classes of single words.
        for e in entries {
            let Some(class) = WordClass::of(e.lex) else {
                continue;
            };
            if e.lex == Lex::Stop && e.canonical == "word" {
                words.mark(&e.surface, class | WordClass::STOP_WORD);
            } else {
                words.mark(&e.surface, class);
            }
        }
        SideTables {
            demonyms,
            titles,
            words,
        }
    }
}

/// Keeps one entry per (surface, type), where it first appears: within one file the
/// most populous of namesakes (the Paris in France, not the one in Texas); a later file
/// replaces an earlier one.
fn dedup(raw: &mut Vec<Entry>) {
    // Which raw entry fills each (surface, type) slot, in order of first appearance.
    let mut winners: Vec<usize> = Vec::with_capacity(raw.len());
    {
        let mut slot: HashMap<(&str, Lex), usize> = HashMap::default();
        slot.reserve(raw.len());
        for (r, e) in raw.iter().enumerate() {
            match slot.get(&(&*e.surface, e.lex)) {
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
}

/// What `Gazetteer::build` makes besides the trie.
pub(super) struct Indexed {
    pub(super) entries: Vec<Entry>,
    /// `Gazetteer::names` with the one-word names (the multi-word flags come later),
    /// and its `single_ids` and `single_pairs`.
    pub(super) names: WordMap<u32>,
    pub(super) single_ids: Vec<Ids>,
    pub(super) single_pairs: BytePairs,
    pub(super) tables: Tables,
}

impl Indexed {
    /// Indexes the entries; `unique` when they hold one entry per (surface, type)
    /// already (the bundled rows alone: the build script checks that), else the
    /// duplicates are dropped first (see [`dedup`]). `lists` are the word lists of each
    /// file, in file order.
    pub(super) fn new(
        mut raw: Vec<Entry>,
        unique: bool,
        one_word: impl Fn(&str) -> bool,
        lists: Vec<WordRows>,
    ) -> Indexed {
        if !unique {
            dedup(&mut raw);
        }
        let entries = raw;
        let ((names, single_ids, single_pairs), tables) = std::thread::scope(|scope| {
            let entries = &entries;
            let side = scope.spawn(move || SideTables::new(entries, lists));
            let (by_surface, lexical) = by_surface(entries);
            // The entries of each one-word name surface are its `by_surface` entries
            // that are names.
            // (About half of the bundled surfaces are: room for that many makes the
            // table its final size at once.)
            let mut names = WordMap::default();
            names.reserve(by_surface.len() / 2);
            let mut single_ids = Vec::with_capacity(by_surface.len() / 2);
            let mut single_pairs = BytePairs::default();
            for (p, ids) in &by_surface {
                if let Some(ix) = name_ids(entries, ids) {
                    if one_word(p) {
                        single_pairs.insert_word(p.as_bytes());
                        single_ids.push(ix);
                        *names.entry(p) = single_ids.len() as u32;
                    }
                }
            }
            let side = side.join().expect("table builder panicked");
            let tables = Tables {
                by_surface,
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
