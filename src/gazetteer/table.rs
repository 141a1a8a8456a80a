//! The table of single words behind [`super::WordLists`]: the given names, surnames,
//! ordinary words and the lexicon's single words, each with its [`Word`].
//!
//! The recognisers ask it about nearly every capitalised word of every text, and it
//! holds a quarter of a million words, far more than the caches: with a general hash
//! map each question cost three cache misses (the control bytes, the bucket, then the
//! key's bytes wherever they were allocated) and a `memcmp`. Here a word of up to
//! [`MAX_PACKED`] bytes is its own key, packed with its length into two integers and
//! stored inline beside its classes, so a question costs one miss and two integer
//! comparisons. Longer words (a few hundred) stay in a hash map.

use super::huge::HugeSlice;
use super::{Text, Word, WordClass};
use rustc_hash::FxHashMap as HashMap;

/// Longest word packed inline, in bytes (the last byte of the key holds the length).
pub(super) const MAX_PACKED: usize = 15;

/// A packed word: its bytes in order, zero-padded, with the length in the last byte.
/// No packed word is all zeros (the length is at least one), which marks an empty slot.
type Key = [u64; 2];

/// One slot: a packed word and its classes.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: Key,
    class: WordClass,
    /// Index of the word's frequencies in `WordTable::freqs`.
    at: u32,
}

/// Words -> [`Word`] (see the module doc).
#[derive(Default)]
pub(super) struct WordTable {
    /// Open addressing with linear probing; a power of two long (or empty). In huge
    /// pages (`super::huge`): each look-up is a probe at random.
    slots: HugeSlice<Slot>,
    /// The frequencies of the packed words, by `Slot::at` (the questions the
    /// recognisers ask need only the classes, so the frequencies stay out of the way).
    freqs: Vec<(f32, f32)>,
    /// Words longer than [`MAX_PACKED`], and the empty word.
    long: HashMap<Text, Word>,
}

/// `word` packed (see [`Key`]), or `None` when it is empty or longer than
/// [`MAX_PACKED`].
#[inline(always)]
fn pack(word: &[u8]) -> Option<Key> {
    let n = word.len();
    if n == 0 || n > MAX_PACKED {
        return None;
    }
    // Overlapping loads rather than a copy of a variable length (a call to `memcpy`).
    let u64_at = |i: usize| u64::from_le_bytes(word[i..i + 8].try_into().expect("eight bytes"));
    let u32_at = |i: usize| {
        u64::from(u32::from_le_bytes(
            word[i..i + 4].try_into().expect("four bytes"),
        ))
    };
    let (lo, hi) = match n {
        // Bytes 8..n shifted down from the last eight.
        9.. => (u64_at(0), u64_at(n - 8) >> ((16 - n) * 8)),
        8 => (u64_at(0), 0),
        // The first four and the last four, overlapping.
        4.. => (u32_at(0) | u32_at(n - 4) << ((n - 4) * 8), 0),
        // The first, middle and last byte: for one to three bytes those are the bytes.
        _ => {
            let b = |i: usize| u64::from(word[i]) << (8 * i);
            (b(0) | b(n / 2) | b(n - 1), 0)
        }
    };
    Some([lo, hi | (n as u64) << 56])
}

/// Bit 7 of each byte of `x` that is an ASCII capital (`A`..=`Z`), the others 0.
#[inline(always)]
fn swar_upper(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = ONES * 0x80;
    // Per byte, without carries between bytes: (b + (128 - 65)) has bit 7 set for
    // b >= 65, (b + (128 - 91)) for b >= 91; only bytes below 128 count.
    let low = x & !HIGHS;
    let ge_a = low + ONES * (128 - 65);
    let ge_z1 = low + ONES * (128 - 91);
    ge_a & !ge_z1 & !x & HIGHS
}

/// Asks the CPU to bring `slot`'s cache line in (nothing where there is no such hint).
#[inline(always)]
fn prefetch<T>(slot: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it reads nothing the program sees and cannot fault.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (slot as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = slot;
}

/// The bytes of a packed word.
#[cfg(test)]
fn unpack(key: &Key) -> Vec<u8> {
    let n = (key[1] >> 56) as usize;
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&key[0].to_le_bytes());
    bytes[8..].copy_from_slice(&key[1].to_le_bytes());
    bytes[..n].to_vec()
}

impl WordTable {
    /// The first slot to probe for `key`.
    #[inline(always)]
    fn home(&self, key: &Key) -> usize {
        let h = (key[0] ^ key[1].rotate_left(31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The top bits of the product are its best mixed.
        (h >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The slot holding `key`, or the empty slot where it would go.
    #[inline(always)]
    fn find(&self, key: &Key) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let k = &self.slots[i].key;
            if k == key || *k == [0, 0] {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Makes room for `n` more words without growing on the way.
    pub(super) fn reserve(&mut self, n: usize) {
        let want = ((self.freqs.len() + n) * 10 / 7 + 1)
            .next_power_of_two()
            .max(16);
        if want > self.slots.len() {
            self.resize(want);
        }
    }

    fn resize(&mut self, slots: usize) {
        let old = std::mem::replace(&mut self.slots, HugeSlice::new(slots, Slot::default()));
        for &s in old.iter().filter(|s| s.key != [0, 0]) {
            let i = self.find(&s.key);
            self.slots[i] = s;
        }
    }

    /// The word `surface`, added with no classes if it was not there.
    pub(super) fn entry(&mut self, surface: Text) -> WordMut<'_> {
        match pack(surface.as_bytes()) {
            Some(key) => self.entry_packed(key),
            None => WordMut::Long(self.long.entry(surface).or_default()),
        }
    }

    /// [`WordTable::entry`] of a word of another table, as [`WordTable::words`] gives it.
    pub(super) fn entry_of(&mut self, surface: Surface) -> WordMut<'_> {
        match surface {
            Surface::Packed(key) => self.entry_packed(key),
            Surface::Long(s) => WordMut::Long(self.long.entry(s).or_default()),
        }
    }

    fn entry_packed(&mut self, key: Key) -> WordMut<'_> {
        // At most 70% full (probes stay short).
        if (self.freqs.len() + 1) * 10 > self.slots.len() * 7 {
            self.resize((self.slots.len() * 2).max(16));
        }
        let i = self.find(&key);
        if self.slots[i].key == [0, 0] {
            self.slots[i] = Slot {
                key,
                class: WordClass::NONE,
                at: self.freqs.len() as u32,
            };
            self.freqs.push((0.0, 0.0));
        }
        let slot = &mut self.slots[i];
        WordMut::Packed(&mut slot.class, &mut self.freqs[slot.at as usize])
    }

    /// Starts loading the slots where `w` and its ASCII lower case would be, for a
    /// question about them soon after: a slot is nearly always a cache miss, and misses
    /// started together overlap.
    #[inline]
    pub(super) fn prefetch(&self, w: &[u8]) {
        let Some(key) = pack(w) else { return };
        if self.slots.is_empty() {
            return;
        }
        // The capitals of the key's bytes (the length byte is below 65).
        let lower = |x: u64| {
            let upper = swar_upper(x);
            x | upper >> 2
        };
        for k in [key, [lower(key[0]), lower(key[1])]] {
            prefetch(&self.slots[self.home(&k)]);
        }
    }

    /// The classes of `w` (none if it is not in the table).
    #[inline]
    pub(super) fn class(&self, w: &str) -> WordClass {
        match pack(w.as_bytes()) {
            Some(key) if !self.slots.is_empty() => self.slots[self.find(&key)].class,
            Some(_) => WordClass::NONE,
            None => self.long.get(w).map_or(WordClass::NONE, |w| w.class),
        }
    }

    /// The word `w` with its frequencies.
    pub(super) fn get(&self, w: &str) -> Option<Word> {
        match pack(w.as_bytes()) {
            Some(key) if !self.slots.is_empty() => {
                let s = &self.slots[self.find(&key)];
                (s.key == key).then(|| {
                    let (given, surname) = self.freqs[s.at as usize];
                    Word {
                        class: s.class,
                        given,
                        surname,
                    }
                })
            }
            Some(_) => None,
            None => self.long.get(w).copied(),
        }
    }

    /// How many words the table holds.
    pub(super) fn len(&self) -> usize {
        self.freqs.len() + self.long.len()
    }

    /// Every word (in no particular order) with its [`Word`], for
    /// [`WordTable::entry_of`] (without unpacking the packed words).
    pub(super) fn words(&self) -> impl Iterator<Item = (Surface, Word)> + '_ {
        let packed = self.slots.iter().filter(|s| s.key != [0, 0]).map(|s| {
            let (given, surname) = self.freqs[s.at as usize];
            let word = Word {
                class: s.class,
                given,
                surname,
            };
            (Surface::Packed(s.key), word)
        });
        packed.chain(
            self.long
                .iter()
                .map(|(k, w)| (Surface::Long(k.clone()), *w)),
        )
    }

    /// The classes of every word, in no particular order.
    pub(super) fn classes(&self) -> impl Iterator<Item = WordClass> + '_ {
        let packed = self.slots.iter().filter(|s| s.key != [0, 0]);
        packed
            .map(|s| s.class)
            .chain(self.long.values().map(|w| w.class))
    }
}

/// A word of a [`WordTable`], as it keeps it.
pub(super) enum Surface {
    Packed(Key),
    Long(Text),
}

impl Surface {
    /// The word.
    #[cfg(test)]
    pub(super) fn text(&self) -> String {
        match self {
            Surface::Packed(key) => String::from_utf8(unpack(key)).expect("packed from a str"),
            Surface::Long(s) => s.to_string(),
        }
    }
}

/// A word of a [`WordTable`] to change.
pub(super) enum WordMut<'t> {
    Packed(&'t mut WordClass, &'t mut (f32, f32)),
    Long(&'t mut Word),
}

impl WordMut<'_> {
    pub(super) fn class(&self) -> WordClass {
        match self {
            WordMut::Packed(c, _) => **c,
            WordMut::Long(w) => w.class,
        }
    }

    pub(super) fn add_class(&mut self, class: WordClass) {
        match self {
            WordMut::Packed(c, _) => **c = **c | class,
            WordMut::Long(w) => w.class = w.class | class,
        }
    }

    pub(super) fn set_given(&mut self, f: f32) {
        match self {
            WordMut::Packed(_, freqs) => freqs.0 = f,
            WordMut::Long(w) => w.given = f,
        }
    }

    pub(super) fn set_surname(&mut self, f: f32) {
        match self {
            WordMut::Packed(_, freqs) => freqs.1 = f,
            WordMut::Long(w) => w.surname = f,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn packing_keeps_bytes_and_length() {
        for w in [
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "Ünïcödé",
            "a\0",
        ] {
            assert_eq!(unpack(&pack(w.as_bytes()).unwrap()), w.as_bytes(), "{w:?}");
        }
        assert_ne!(pack(b"a"), pack(b"a\0"));
        assert_eq!(pack(b""), None);
        assert_eq!(pack(&[b'x'; MAX_PACKED + 1]), None);
    }

    proptest! {
        #[test]
        fn swar_upper_marks_the_ascii_capitals(x in proptest::num::u64::ANY) {
            let want = x.to_le_bytes().map(|b| if b.is_ascii_uppercase() { 0x80 } else { 0 });
            prop_assert_eq!(swar_upper(x).to_le_bytes(), want);
        }

        /// The table answers as a hash map of the same words does, for short and long
        /// words, present or not, whatever the order of the additions.
        #[test]
        fn table_is_a_map(
            adds in proptest::collection::vec(("[a-cÉ\0]{0,18}", 0u16..64, -2.0f32..2.0), 0..300),
            probes in proptest::collection::vec("[a-cÉ\0]{0,18}", 0..50),
        ) {
            let mut table = WordTable::default();
            let mut map: std::collections::HashMap<String, Word> = Default::default();
            for (w, class, f) in &adds {
                let class = WordClass::from_bits(*class);
                let mut e = table.entry(Text::Owned(w.clone()));
                e.add_class(class);
                e.set_given(*f);
                e.set_surname(-f);
                let m = map.entry(w.clone()).or_default();
                m.class = m.class | class;
                m.given = *f;
                m.surname = -f;
            }
            prop_assert_eq!(table.len(), map.len());
            for w in probes.iter().chain(map.keys()) {
                let want = map.get(w);
                prop_assert_eq!(table.class(w), want.map_or(WordClass::NONE, |m| m.class));
                let got = table.get(w);
                prop_assert_eq!(got.map(|g| (g.class, g.given, g.surname)),
                    want.map(|m| (m.class, m.given, m.surname)));
            }
            let mut listed: Vec<_> = table.words().map(|(k, w)| (k.text(), w.class.bits())).collect();
            listed.sort();
            let mut want: Vec<_> = map.iter().map(|(k, w)| (k.clone(), w.class.bits())).collect();
            want.sort();
            prop_assert_eq!(listed, want);
        }
    }
}
