//! A small case-insensitive index of short words, for recognisers that look up every
//! word of every document in a fixed table.
//!
//! A word of up to 15 bytes is packed with its ASCII letters lower-cased into one
//! `u128` (the bytes, zero padding, the length in the last byte), and the keys live in
//! an open-addressing table with linear probing at a load of at most one quarter. A
//! look-up is a copy, a multiplication and mostly a single compare: no string hashing,
//! no allocation, and an unknown word usually meets an empty slot at once. Before
//! that, a 4096-bit filter on the first and last byte and the length turns most
//! unknown words away without packing them. Case is folded for ASCII letters only, as
//! `str::eq_ignore_ascii_case` does.

use super::swar;

/// Maps words (ASCII case-insensitively) to `u16` values.
pub(crate) struct WordIndex {
    /// Packed words ([`pack`]); 0 marks an empty slot.
    keys: Vec<u128>,
    values: Vec<u16>,
    len: usize,
    /// Bit [`filter_bit`] of every word in the index is set.
    filter: [u64; 64],
    /// `64 - log2(slots)`: the hash's top bits pick the first slot.
    shift: u32,
    /// Length in bytes of the longest word: longer ones are not looked up.
    max_len: usize,
}

/// Longest word the index can hold, in bytes.
pub(crate) const MAX_WORD: usize = 15;

/// `word` in ASCII lower case as one integer; `None` if it is empty or longer than
/// [`MAX_WORD`].
#[inline]
fn pack(word: &[u8]) -> Option<u128> {
    let n = word.len();
    let lo = match n {
        0 => return None,
        // The first, middle and last byte: for one to three bytes that is the word
        // with repeats, which the mask cuts back to its bytes.
        1..=3 => {
            let (a, m, z) = (word[0], word[n / 2], word[n - 1]);
            let x = u64::from(a) | u64::from(m) << 8 | u64::from(z) << 16;
            x & ((1 << (8 * n)) - 1)
        }
        // Two overlapping reads cover the word; the shared bytes are the same.
        4..=7 => {
            let a = u32::from_le_bytes(word[..4].try_into().expect("4 bytes"));
            let b = u32::from_le_bytes(word[n - 4..].try_into().expect("4 bytes"));
            u64::from(a) | u64::from(b) << (8 * (n - 4))
        }
        8 => u64::from_le_bytes(word.try_into().expect("8 bytes")),
        9..=MAX_WORD => {
            let lo = u64::from_le_bytes(word[..8].try_into().expect("8 bytes"));
            // The last eight bytes, shifted so that byte 8 of the word comes first.
            let tail = u64::from_le_bytes(word[n - 8..].try_into().expect("8 bytes"));
            let hi = tail >> (8 * (16 - n)) | (n as u64) << 56;
            return Some(u128::from(ascii_lower(lo)) | u128::from(ascii_lower(hi)) << 64);
        }
        _ => return None,
    };
    // The length goes in the last byte (bits 120..128), above any word byte; it is
    // below b'A', so lower-casing would leave it alone.
    Some(u128::from(ascii_lower(lo)) | (n as u128) << 120)
}

/// Lower-cases the ASCII capitals among the eight bytes of `x` at once (bytes of
/// non-ASCII characters are left alone), as `u8::to_ascii_lowercase` does per byte.
#[inline]
fn ascii_lower(x: u64) -> u64 {
    let capital = swar::in_range(x & !swar::HIGHS, b'A', b'Z') & !x;
    // 0x80 >> 2 = 0x20, the case bit.
    x | (capital >> 2)
}

/// The end of the run of ASCII letters and digits of `b` from `i` on: the first byte
/// at or after `i` that is neither, or `b.len()`. Eight bytes are tested at once.
#[inline(always)]
pub(crate) fn alnum_end(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let other = !swar::ascii_alnum(x) & swar::HIGHS;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// The filter bit of a non-empty word: 5 bits of its first byte, 3 of its last and 4
/// of its length. `| 0x20` maps an ASCII capital to its small letter and leaves the
/// small one alone, so words equal up to ASCII case share the bit.
#[inline]
fn filter_bit(word: &[u8]) -> usize {
    let first = usize::from(word[0] | 0x20) & 31;
    let last = usize::from(word[word.len() - 1] | 0x20) & 7;
    (first << 7) | ((word.len() & 15) << 3) | last
}

impl WordIndex {
    /// An empty index with room for `words` words.
    pub(crate) fn with_capacity(words: usize) -> WordIndex {
        let slots = (words * 4).next_power_of_two().max(16);
        WordIndex {
            keys: vec![0; slots],
            values: vec![0; slots],
            len: 0,
            filter: [0; 64],
            shift: 64 - slots.trailing_zeros(),
            max_len: 0,
        }
    }

    #[inline]
    fn first_slot(&self, key: u128) -> usize {
        let h = ((key as u64) ^ ((key >> 64) as u64).rotate_left(29))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> self.shift) as usize
    }

    /// Adds `word` with `value` unless it is already there; returns the value it has.
    ///
    /// # Panics
    /// If the word is empty or longer than [`MAX_WORD`] bytes, or the index is full
    /// (more words than its capacity): both are errors in a built-in word list.
    pub(crate) fn insert(&mut self, word: &str, value: u16) -> u16 {
        let key = pack(word.as_bytes())
            .unwrap_or_else(|| panic!("word {word:?} is empty or longer than {MAX_WORD} bytes"));
        let mask = self.keys.len() - 1;
        let mut s = self.first_slot(key);
        while self.keys[s] != 0 {
            if self.keys[s] == key {
                return self.values[s];
            }
            s = (s + 1) & mask;
        }
        assert!(
            (self.len + 1) * 4 <= self.keys.len(),
            "word index over capacity"
        );
        self.keys[s] = key;
        self.values[s] = value;
        let f = filter_bit(word.as_bytes());
        self.filter[f / 64] |= 1 << (f % 64);
        self.len += 1;
        self.max_len = self.max_len.max(word.len());
        value
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

    /// `get` of a word given as bytes (a token of a text, sliced without the `str`
    /// boundary checks): only a word of the index matches, so the bytes need not be
    /// UTF-8.
    #[inline(always)]
    pub(crate) fn get_bytes(&self, word: &[u8]) -> Option<u16> {
        if word.len() > self.max_len || word.is_empty() {
            return None;
        }
        let f = filter_bit(word);
        if self.filter[f / 64] & (1 << (f % 64)) == 0 {
            return None;
        }
        self.probe(word)
    }

    /// The look-up behind [`Self::get_bytes`]'s filter, kept out of line: most words
    /// stop at the filter, and the call sites stay small.
    #[inline(never)]
    fn probe(&self, word: &[u8]) -> Option<u16> {
        let key = pack(word)?;
        let mask = self.keys.len() - 1;
        let mut s = self.first_slot(key);
        loop {
            match self.keys[s] {
                0 => return None,
                k if k == key => return Some(self.values[s]),
                _ => s = (s + 1) & mask,
            }
        }
    }
}

/// A [`WordIndex`] with a direct table in front for words of one to three ASCII
/// letters, for the indexes that look up every word of every text (the date lexicon,
/// the figure starters).
/// The shortest words are the commonest ("the", "of", "a", "and"), and many of them
/// are in that index, so they would pass the filter and need the packed probe; here
/// they cost a few shifts and one load. Longer words go to the index.
pub(crate) struct ShortFirst {
    index: WordIndex,
    /// Value of each short word by [`short_slot`], or [`NO_SHORT`].
    short: Box<[u16]>,
}

/// Marks a short word the index does not hold.
const NO_SHORT: u16 = u16::MAX;

/// The table slot of a word of one to three ASCII letters: five bits per letter
/// (`A`/`a` = 1, ..., `Z`/`z` = 26, so case does not count), first letter highest.
/// No letter is 0, so words of different lengths get different slots (one letter:
/// below 32; two: 32..1024; three: 1024 and up).
#[inline(always)]
fn short_slot(word: &[u8]) -> usize {
    let n = word.len();
    // The first, middle and last letter are the word's letters (with repeats for one
    // or two); the shift drops the repeats.
    let (a, m, z) = (word[0] & 31, word[n / 2] & 31, word[n - 1] & 31);
    (usize::from(a) << 10 | usize::from(m) << 5 | usize::from(z)) >> (5 * (3 - n))
}

/// Whether `word` goes in the table: one to three ASCII letters.
fn is_short(word: &[u8]) -> bool {
    (1..=3).contains(&word.len()) && word.iter().all(u8::is_ascii_alphabetic)
}

impl ShortFirst {
    /// An empty index with room for `words` words (see [`WordIndex::with_capacity`]).
    pub(crate) fn with_capacity(words: usize) -> ShortFirst {
        ShortFirst {
            index: WordIndex::with_capacity(words),
            short: vec![NO_SHORT; 1 << 15].into_boxed_slice(),
        }
    }

    /// [`WordIndex::insert`], keeping the table in step.
    pub(crate) fn insert(&mut self, word: &str, value: u16) -> u16 {
        let value = self.index.insert(word, value);
        if is_short(word.as_bytes()) {
            self.short[short_slot(word.as_bytes())] = value;
        }
        value
    }

    /// [`WordIndex::get_bytes`]: the same answer.
    #[inline(always)]
    pub(crate) fn get_bytes(&self, word: &[u8]) -> Option<u16> {
        self.index.get_bytes(word)
    }

    /// [`WordIndex::get_bytes`] of a word of ASCII letters only (a tokenizer's letter
    /// run): the same answer.
    #[inline(always)]
    pub(crate) fn get_letters(&self, word: &[u8]) -> Option<u16> {
        debug_assert!(word.iter().all(u8::is_ascii_alphabetic));
        if word.is_empty() || word.len() > 3 {
            return self.index.get_bytes(word);
        }
        Some(self.short[short_slot(word)]).filter(|&v| v != NO_SHORT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

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

    /// The packing written plainly: the lower-cased bytes, zero padding, the length
    /// in the last byte.
    fn pack_plain(word: &[u8]) -> Option<u128> {
        if word.is_empty() || word.len() > MAX_WORD {
            return None;
        }
        let mut bytes = [0u8; 16];
        for (k, b) in word.iter().enumerate() {
            bytes[k] = b.to_ascii_lowercase();
        }
        bytes[15] = word.len() as u8;
        Some(u128::from_le_bytes(bytes))
    }

    proptest::proptest! {
        #[test]
        fn packing_is_the_plain_packing(word in proptest::collection::vec(proptest::num::u8::ANY, 0..18)) {
            proptest::prop_assert_eq!(pack(&word), pack_plain(&word));
        }

        #[test]
        fn packing_ascii_words(word in "[a-zA-Z@\\[`{]{0,17}") {
            proptest::prop_assert_eq!(pack(word.as_bytes()), pack_plain(word.as_bytes()));
        }
    }

    proptest::proptest! {
        #[test]
        fn alnum_end_is_the_first_non_alnum(
            b in proptest::collection::vec(
                proptest::prop_oneof![proptest::num::u8::ANY, b'0'..=b'z'],
                0..40,
            ),
            i in 0usize..44,
        ) {
            let i = i.min(b.len());
            let want = i + b[i..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
            proptest::prop_assert_eq!(alnum_end(&b, i), want);
        }
    }

    #[test]
    fn short_slots_differ() {
        let mut seen = std::collections::HashMap::new();
        let letters: Vec<u8> = (b'a'..=b'z').collect();
        let mut words: Vec<Vec<u8>> = Vec::new();
        for &a in &letters {
            words.push(vec![a]);
            for &b in &letters {
                words.push(vec![a, b]);
                for &c in &letters {
                    words.push(vec![a, b, c]);
                }
            }
        }
        for w in words {
            let slot = short_slot(&w);
            assert!(slot < 1 << 15);
            if let Some(other) = seen.insert(slot, w.clone()) {
                panic!("{w:?} and {other:?} share slot {slot}");
            }
            let upper: Vec<u8> = w.iter().map(u8::to_ascii_uppercase).collect();
            assert_eq!(short_slot(&upper), slot);
        }
    }

    proptest::proptest! {
        /// The table in front answers as the index alone does.
        #[test]
        fn short_first_is_the_index(
            word in proptest::prop_oneof![
                "[a-zA-Z]{0,5}",
                proptest::sample::select(vec![
                    "a", "A", "I", "i", "an", "AN", "at", "the", "The", "AND", "zzz", "s",
                    "of", "May", "year", "YEARS", "hundred", "",
                ]).prop_map(String::from),
            ],
        ) {
            let mut ix = ShortFirst::with_capacity(16);
            let words = [
                "a", "I", "an", "At", "the", "AND", "zzz", "s", "of", "\u{e9}", "a\u{e9}",
                "may", "year", "hundred", "o'", "a.m",
            ];
            for (k, w) in words.iter().enumerate() {
                ix.insert(w, k as u16);
            }
            // Again, in other case: the first value stays.
            for w in words {
                ix.insert(&w.to_ascii_uppercase(), 99);
            }
            let w = word.as_bytes();
            proptest::prop_assert_eq!(ix.get_letters(w), ix.index.get_bytes(w), "{:?}", word);
        }
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
        }
    }
}
