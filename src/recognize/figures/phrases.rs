//! Phrase lists and word tables of the lexicon, compiled for look-ups at a token:
//! [`Phrases`] (lists of several-token phrases, longest first, indexed by first token),
//! [`Table`] (words with a value) and word sets, all folding ASCII case.

use super::Parser;
use crate::recognize::tokens;
use crate::text::words::WordIndex;

/// A phrase of the lexicon as token texts, with its payload.
pub(super) struct Phrase<T> {
    pub(super) toks: Vec<String>,
    data: T,
}

/// A phrase list, longest phrase first, indexed by first token: a phrase can only
/// match where its first token does, so a look-up tries only the phrases that begin
/// with the word at hand (in list order) instead of the whole list.
pub(super) struct Phrases<T> {
    pub(super) list: Vec<Phrase<T>>,
    /// First token -> index into `starting`.
    first: WordIndex,
    /// Indices into `list` of the phrases with one first token, in list order.
    starting: Vec<Vec<u16>>,
}

pub(super) fn phrases<T: Copy>(list: &[(&str, T)]) -> Phrases<T> {
    let list = phrase_list(list);
    let mut first = WordIndex::with_capacity(list.len());
    let mut starting: Vec<Vec<u16>> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let next = starting.len() as u16;
        let b = first.insert(&p.toks[0], next);
        if b == next {
            starting.push(Vec::new());
        }
        starting[b as usize].push(i as u16);
    }
    Phrases {
        list,
        first,
        starting,
    }
}

fn phrase_list<T: Copy>(list: &[(&str, T)]) -> Vec<Phrase<T>> {
    let mut out: Vec<Phrase<T>> = list
        .iter()
        .map(|&(p, d)| {
            let mut shared = Vec::new();
            // The phrases are cut as texts are, but no word needs looking up.
            tokens::tokenize(p, tokens::no_words(), &mut shared);
            let mut toks = Vec::new();
            if !super::join_numbers(p, &shared, &mut toks) {
                toks = shared;
            }
            Phrase {
                toks: toks.iter().map(|t| p[t.s..t.e].to_string()).collect(),
                data: d,
            }
        })
        .collect();
    // Longest phrase first, so the first match is the longest.
    out.sort_by_key(|p| std::cmp::Reverse(p.toks.len()));
    out
}

/// A word list of the lexicon with its values, for look-ups by any ASCII case (the
/// first entry wins, as a scan of the list would).
pub(super) struct Table<T> {
    index: WordIndex,
    values: Vec<T>,
}

impl<T: Copy> Table<T> {
    pub(super) fn new(list: &[(&str, T)]) -> Table<T> {
        let mut index = WordIndex::with_capacity(list.len());
        let mut values = Vec::new();
        for &(w, v) in list {
            let next = values.len() as u16;
            if index.insert(w, next) == next {
                values.push(v);
            }
        }
        Table { index, values }
    }

    pub(super) fn get(&self, w: &str) -> Option<T> {
        self.index.get(w).map(|i| self.values[i as usize])
    }
}

/// A word list of the lexicon, for membership tests by any ASCII case.
pub(super) fn word_set(list: &[&str]) -> WordIndex {
    let mut index = WordIndex::with_capacity(list.len());
    for w in list {
        index.insert(w, 0);
    }
    index
}

impl Parser<'_> {
    /// The first (longest) phrase of `list` at token `i`: (end token, payload).
    pub(super) fn phrase<T: Copy>(&self, list: &Phrases<T>, i: usize) -> Option<(usize, T)> {
        if i >= self.toks.len() {
            return None;
        }
        let b = list.first.get(self.w(i))?;
        'outer: for &p in &list.starting[b as usize] {
            let p = &list.list[p as usize];
            if i + p.toks.len() > self.toks.len() {
                continue;
            }
            // The first token matched by the index.
            for (k, t) in p.toks.iter().enumerate().skip(1) {
                if !self.w(i + k).eq_ignore_ascii_case(t) {
                    continue 'outer;
                }
            }
            return Some((i + p.toks.len(), p.data));
        }
        None
    }
}
