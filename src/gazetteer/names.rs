//! Dictionary names in the text: the one-word names looked up by word, the others
//! (`New York`, `U.N.`) walked in a trie from each word start.

use super::index::Ids;
use super::trie::Trie;
use super::{owned, Entry, Gazetteer, Lex, NameMatch, Text};
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

/// A set of byte pairs (65,536 bits): the first two bytes of some strings.
pub(super) struct BytePairs(Box<[u64; 1024]>);

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
    pub(super) fn insert_word(&mut self, w: &[u8]) {
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
    pub(super) fn may_start(&self, w: &[u8]) -> bool {
        let Some(&a) = w.first() else {
            return false;
        };
        let k = Self::key(a, w.get(1).copied().unwrap_or(0));
        self.0[k / 64] >> (k % 64) & 1 == 1
    }
}

/// The name surfaces of more than one word, and what `Gazetteer` keeps of them.
pub(super) struct Multi {
    pub(super) trie: Trie,
    /// The distinct surfaces, sorted: the trie's patterns in the order of its ids.
    pub(super) patterns: Vec<Text>,
    /// Their first two bytes.
    pub(super) pairs: BytePairs,
    /// Their first words (see `Gazetteer::multi_first_words`).
    pub(super) first_words: HashSet<Text>,
}

impl Multi {
    /// `names` are all the name surfaces, in any order and repeated.
    pub(super) fn new(mut names: Vec<Text>, one_word: impl Fn(&str) -> bool) -> Multi {
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

/// In `Gazetteer::names`: a multi-word surface starts with the word.
pub(super) const MULTI_FIRST: u32 = 1 << 31;

/// The entries among `ids` that are names (matched in the text), in order.
pub(super) fn name_ids(entries: &[Entry], ids: &Ids) -> Option<Ids> {
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

impl Gazetteer {
    /// The matches of `find_names` that start at byte `start` (in the same order),
    /// without scanning the rest of the text: for a caller that needs the names at a
    /// few positions only.
    pub fn names_at<'g>(&'g self, text: &str, start: usize, out: &mut Vec<NameMatch<'g>>) {
        if start >= text.len() || !crate::text::is_word_start(text, start) {
            return;
        }
        // The run of alphanumeric characters: ASCII bytes tested as bytes, the rest
        // decoded.
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
        let v = self.names.get(word).copied().unwrap_or(0);
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
}
