//! A small case-insensitive index of short words, for recognisers that look up every
//! word of every document in a fixed table.
//!
//! A word of up to 15 bytes is packed with its ASCII letters lower-cased into one
//! `u128` (the bytes, zero padding, the length in the last byte), and the keys live in
//! an open-addressing table with linear probing at a load of at most one quarter. A
//! look-up is a copy, a multiplication and mostly a single compare: no string hashing,
//! no allocation, and an unknown word usually meets an empty slot at once. Case is
//! folded for ASCII letters only, as `str::eq_ignore_ascii_case` does.

/// Maps words (ASCII case-insensitively) to `u16` values.
pub(crate) struct WordIndex {
    /// Packed words ([`pack`]); 0 marks an empty slot.
    keys: Vec<u128>,
    values: Vec<u16>,
    len: usize,
    /// Length in bytes of the longest word: longer ones are not looked up.
    max_len: usize,
}

/// Longest word the index can hold, in bytes.
pub(crate) const MAX_WORD: usize = 15;

/// `word` in ASCII lower case as one integer; `None` if it is empty or longer than
/// [`MAX_WORD`].
fn pack(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    let mut buf = [0u8; 16];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    buf[15] = word.len() as u8;
    Some(u128::from_le_bytes(buf))
}

impl WordIndex {
    /// An empty index with room for `words` words.
    pub(crate) fn with_capacity(words: usize) -> WordIndex {
        let slots = (words * 4).next_power_of_two().max(16);
        WordIndex {
            keys: vec![0; slots],
            values: vec![0; slots],
            len: 0,
            max_len: 0,
        }
    }

    fn first_slot(&self, key: u128) -> usize {
        let h = ((key as u64) ^ ((key >> 64) as u64).rotate_left(29))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - self.keys.len().trailing_zeros())) as usize
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
        self.len += 1;
        self.max_len = self.max_len.max(word.len());
        value
    }

    /// The value of `word` (any ASCII case), or `None`.
    pub(crate) fn get(&self, word: &str) -> Option<u16> {
        if word.len() > self.max_len {
            return None;
        }
        let key = pack(word.as_bytes())?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
