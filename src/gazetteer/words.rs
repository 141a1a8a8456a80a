//! The classes of single words: the large word lists (given names, surnames, ordinary
//! words) and the lexicon's one-word classes, one [`WordClass`] per surface in one
//! table, so that one look-up answers every question the recognisers ask of a word.

use super::{Entry, Lex, Text};
use crate::text::words::WordMap;

/// What the word lists and the lexicon say of one surface, as bits: the recognisers
/// ask several of these questions of most capitalised words, and one probe of one
/// table ([`super::Gazetteer::word_class`]) answers them all.
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
pub(super) struct Word {
    pub(super) class: WordClass,
    pub(super) given: f32,
    pub(super) surname: f32,
}

impl Word {
    /// Adds `w`'s classes; its frequencies replace those of the lists it is on (a later
    /// entry replaces an equal one).
    fn merge(&mut self, w: Word) {
        self.class = self.class | w.class;
        if w.class.has(WordClass::GIVEN) {
            self.given = w.given;
        }
        if w.class.has(WordClass::SURNAME) {
            self.surname = w.surname;
        }
    }
}

/// Given names, surnames and ordinary words (hundreds of thousands of surfaces the
/// recognisers only ask about, so they are kept as words rather than as entries), and
/// the lexicon's single words: one table, one look-up per question.
#[derive(Default)]
pub(super) struct WordLists {
    pub(super) words: WordMap<Word>,
}

/// One file's rows of the word lists (given names, surnames, ordinary words), in
/// file order. The files are read on threads of their own; [`WordLists::of`] then
/// fills one table with every file's rows, in file order, which costs less than a
/// table per file merged into one.
#[derive(Default)]
pub(super) struct WordRows(Vec<(Text, Lex, f32)>);

impl WordRows {
    /// Takes `e` if it belongs to a word list.
    pub(super) fn take(&mut self, e: &Entry) -> bool {
        self.add(e.surface.clone(), e.lex, e.freq as f32)
    }

    /// Adds `surface` to the list of `lex` if it is one of the word lists.
    pub(super) fn add(&mut self, surface: Text, lex: Lex, freq: f32) -> bool {
        if !matches!(lex, Lex::Given | Lex::Surname | Lex::Common) {
            return false;
        }
        self.0.push((surface, lex, freq));
        true
    }

    /// Makes room for `n` more rows in a list that has none yet (a file is mostly of
    /// one kind).
    pub(super) fn room(&mut self, n: usize) {
        if self.0.is_empty() {
            self.0.reserve(n);
        }
    }

    #[cfg(test)]
    pub(super) fn surfaces(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|r| &*r.0)
    }
}

impl WordLists {
    /// The word lists of `files`' rows, taken in file order: a later row's frequency
    /// replaces an earlier one's, the classes add up.
    pub(super) fn of(files: Vec<WordRows>) -> WordLists {
        let mut out = WordLists::default();
        out.words.reserve(files.iter().map(|f| f.0.len()).sum());
        for (surface, lex, freq) in files.iter().flat_map(|f| &f.0) {
            out.add(surface, *lex, *freq);
        }
        out
    }

    /// Adds `surface` to the list of `lex`.
    fn add(&mut self, surface: &str, lex: Lex, freq: f32) {
        let class = WordClass::of(lex).expect("a word list has a class");
        self.words.entry(surface).merge(Word {
            class,
            given: freq,
            surname: freq,
        });
    }

    /// Marks `surface` with `class`.
    pub(super) fn mark(&mut self, surface: &str, class: WordClass) {
        let w = self.words.entry(surface);
        w.class = w.class | class;
    }

    /// The classes of `s`.
    #[inline]
    pub(super) fn class(&self, s: &str) -> WordClass {
        self.words.get(s).map_or(WordClass::NONE, |w| w.class)
    }

    /// The classes of `s` lower-cased.
    #[inline]
    pub(super) fn class_lower(&self, s: &str) -> WordClass {
        self.words.get_lower(s).map_or(WordClass::NONE, |w| w.class)
    }

    pub(super) fn get(&self, s: &str) -> Option<Word> {
        self.words.get(s).copied()
    }

    pub(super) fn count(&self, c: WordClass) -> usize {
        self.words.values().filter(|w| w.class.has(c)).count()
    }
}
