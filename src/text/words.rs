//! Tables keyed by word, for code that looks up every word of every document: a small
//! case-insensitive index ([`WordIndex`]) for the recognisers' fixed word lists, and
//! a map of exact words ([`WordMap`]) for the dictionaries' large word tables; and the
//! byte scans the tokenizers use.
//!
//! A word of up to 15 bytes is its own key: its bytes (for [`WordIndex`] with ASCII
//! letters lower-cased) packed with its length into one `u128`, so a look-up neither
//! allocates nor hashes a string, and compares the key inside the table instead of
//! following a pointer to the string. Case is folded for ASCII letters only, as
//! `str::eq_ignore_ascii_case` does.

use rustc_hash::FxHashMap as HashMap;

/// Maps words (ASCII case-insensitively) to `u16` values.
pub(crate) struct WordIndex {
    /// Packed words ([`pack`]) -> values.
    map: HashMap<u128, u16>,
}

/// Longest word the index can hold, in bytes.
pub(crate) const MAX_WORD: usize = 15;

/// `word` in ASCII lower case as one integer (the bytes, zero padding, the length in
/// the last byte); `None` if it is empty or longer than [`MAX_WORD`].
#[inline]
fn pack(word: &[u8]) -> Option<u128> {
    pack_with(word, |b| b.to_ascii_lowercase())
}

/// `word` as one integer, as [`pack`] makes it but with its case kept.
#[inline]
fn pack_exact(word: &[u8]) -> Option<u128> {
    pack_with(word, |b| b)
}

/// `word` as one integer with `f` applied to each byte. The bytes are mapped as they
/// are copied: a word is a few bytes, and one short loop over them costs less than a
/// call to copy them followed by a second pass to fold their case.
#[inline]
fn pack_with(word: &[u8], f: impl Fn(u8) -> u8) -> Option<u128> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    let mut bytes = [0u8; 16];
    for (to, &from) in bytes.iter_mut().zip(word) {
        *to = f(from);
    }
    bytes[15] = word.len() as u8;
    Some(u128::from_le_bytes(bytes))
}

/// The end of the run of ASCII letters and digits of `b` from `i` on: the first byte
/// at or after `i` that is neither, or `b.len()`.
#[inline]
pub(crate) fn alnum_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .map_or(b.len(), |k| i + k)
}

impl WordIndex {
    /// An empty index with room for `words` words.
    pub(crate) fn with_capacity(words: usize) -> WordIndex {
        let mut map = HashMap::default();
        map.reserve(words);
        WordIndex { map }
    }

    /// Adds `word` with `value` unless it is already there; returns the value it has.
    ///
    /// # Panics
    /// If the word is empty or longer than [`MAX_WORD`] bytes: an error in a built-in
    /// word list.
    pub(crate) fn insert(&mut self, word: &str, value: u16) -> u16 {
        let key = pack(word.as_bytes())
            .unwrap_or_else(|| panic!("word {word:?} is empty or longer than {MAX_WORD} bytes"));
        *self.map.entry(key).or_insert(value)
    }

    /// Whether `word` (any ASCII case) is in the index.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The value of `word` (any ASCII case), or `None`.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<u16> {
        self.get_bytes(word.as_bytes())
    }

    /// `get` of a word given as bytes (a token of a text): only a word of the index
    /// matches, so the bytes need not be UTF-8.
    #[inline]
    pub(crate) fn get_bytes(&self, word: &[u8]) -> Option<u16> {
        self.map.get(&pack(word)?).copied()
    }
}

/// A map from words (exact case) to values: the dictionaries' word tables, which the
/// recognisers ask about most words of a text. A word of up to [`MAX_WORD`] bytes is
/// its own key ([`pack_exact`]); the few longer ones are kept by string.
pub(crate) struct WordMap<V> {
    short: HashMap<u128, V>,
    long: HashMap<Box<str>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: HashMap::default(),
            long: HashMap::default(),
        }
    }
}

impl<V> WordMap<V> {
    /// Makes room for `n` more words.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.short.reserve(n);
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The value of `word`.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        match pack_exact(word.as_bytes()) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// The value of `word` lower-cased (`str::to_lowercase`), without allocating for
    /// a short ASCII word.
    #[inline]
    pub(crate) fn get_lower(&self, word: &str) -> Option<&V> {
        if word.is_ascii() {
            if let Some(key) = pack(word.as_bytes()) {
                return self.short.get(&key);
            }
        }
        self.get(&word.to_lowercase())
    }

    /// The value of `word`, inserted as `V::default()` if it is not there.
    pub(crate) fn entry(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        match pack_exact(word.as_bytes()) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(word.into()).or_default(),
        }
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.short.values().chain(self.long.values())
    }
}

/// The index of the date lexicon and the tokenizers' vocabulary, asked about letter
/// runs ([`ShortFirst::get_letters`]) as well as other tokens.
pub(crate) struct ShortFirst {
    index: WordIndex,
}

impl ShortFirst {
    /// An empty index with room for `words` words (see [`WordIndex::with_capacity`]).
    pub(crate) fn with_capacity(words: usize) -> ShortFirst {
        ShortFirst {
            index: WordIndex::with_capacity(words),
        }
    }

    /// [`WordIndex::insert`].
    pub(crate) fn insert(&mut self, word: &str, value: u16) -> u16 {
        self.index.insert(word, value)
    }

    /// [`WordIndex::get_bytes`].
    #[inline]
    pub(crate) fn get_bytes(&self, word: &[u8]) -> Option<u16> {
        self.index.get_bytes(word)
    }

    /// [`WordIndex::get_bytes`] of a word of ASCII letters only (a tokenizer's letter
    /// run).
    #[inline]
    pub(crate) fn get_letters(&self, word: &[u8]) -> Option<u16> {
        debug_assert!(word.iter().all(u8::is_ascii_alphabetic));
        self.index.get_bytes(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_lowercases_ascii_only() {
        for w in [
            "abcXYZ@[`{",
            "AZaz09",
            "\u{c0}\u{c9}T\u{e9}",
            "ABCDEFGHIJKLMNO",
        ] {
            let want: Vec<u8> = w.bytes().map(|b| b.to_ascii_lowercase()).collect();
            let got = pack(w.as_bytes()).unwrap().to_le_bytes();
            assert_eq!(&got[..w.len()], &want[..], "{w:?}");
        }
    }

    #[test]
    fn short_first_answers_letter_runs() {
        let mut ix = ShortFirst::with_capacity(4);
        ix.insert("of", 1);
        ix.insert("Year", 2);
        ix.insert("o'", 3);
        for (w, want) in [
            ("OF", Some(1)),
            ("year", Some(2)),
            ("yea", None),
            ("", None),
        ] {
            assert_eq!(ix.get_letters(w.as_bytes()), want, "{w:?}");
            assert_eq!(ix.get_bytes(w.as_bytes()), want, "{w:?}");
        }
        assert_eq!(ix.get_bytes(b"O'"), Some(3));
    }

    #[test]
    fn case_insensitive_and_exact() {
        let mut ix = WordIndex::with_capacity(4);
        assert_eq!(ix.insert("may", 1), 1);
        assert_eq!(ix.insert("a", 2), 2);
        assert_eq!(ix.insert("May", 9), 1, "already there");
        assert_eq!(ix.insert("\u{20ac}", 3), 3);
        let cases: &[(&str, Option<u16>)] = &[
            ("may", Some(1)),
            ("MAY", Some(1)),
            ("mAy", Some(1)),
            ("ma", None),
            ("mayo", None),
            ("a", Some(2)),
            ("A", Some(2)),
            ("a\0", None),
            ("", None),
            ("\u{20ac}", Some(3)),
            ("abcdefghijklmnopq", None),
        ];
        for &(w, want) in cases {
            assert_eq!(ix.get(w), want, "{w:?}");
            assert_eq!(ix.contains(w), want.is_some(), "{w:?}");
        }
    }

    #[test]
    fn word_map_keeps_case_and_long_words() {
        let mut m = WordMap::default();
        let words = [
            "May",
            "may",
            "a",
            "a\0",
            "\u{e9}t\u{e9}",
            "ABCDEFGHIJKLMNO",
            "abcdefghijklmnop",
        ];
        for (k, w) in words.iter().enumerate() {
            *m.entry(w) += k + 1;
        }
        *m.entry("may") += 10;
        assert_eq!(m.len(), words.len());
        for (k, w) in words.iter().enumerate() {
            let want = k + 1 + if *w == "may" { 10 } else { 0 };
            assert_eq!(m.get(w), Some(&want), "{w:?}");
        }
        for w in ["MAY", "", "b", "abcdefghijklmno", "abcdefghijklmnopq"] {
            assert_eq!(m.get(w), None, "{w:?}");
        }
        let lower: &[(&str, Option<usize>)] = &[
            ("MAY", Some(12)),
            ("A", Some(3)),
            ("\u{c9}T\u{c9}", Some(5)),
            ("ABCDEFGHIJKLMNOP", Some(7)),
            ("abcdefghijklmno", None),
        ];
        for &(w, want) in lower {
            assert_eq!(m.get_lower(w).copied(), want, "{w:?}");
        }
        assert_eq!(
            m.values().sum::<usize>(),
            words.iter().map(|w| *m.get(w).unwrap()).sum::<usize>()
        );
    }
}
