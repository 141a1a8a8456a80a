//! Tables keyed by single words, for the questions the recognisers ask of nearly every
//! capitalised word of every text: the word lists' classes ([`WordTable`]: given names,
//! surnames, ordinary words and the lexicon's single words, a quarter of a million) and
//! the one-word names (`Gazetteer::names_at`).
//!
//! Those tables are far larger than the caches: with a general hash map each question
//! cost three cache misses (the control bytes, the bucket, then the key's bytes
//! wherever they were allocated) and a `memcmp`. In a [`PackedMap`] a word of up to
//! [`MAX_PACKED`] bytes is its own key, packed with its length into two integers and
//! stored inline beside its value, so a question costs one miss and two integer
//! comparisons; the slots are in huge pages (`super::huge`), and a recogniser that
//! knows which words it will ask about can start the misses early
//! ([`PackedMap::prefetch`]). Longer words (a few hundred) stay in a hash map.

use super::huge::HugeSlice;
use super::{Text, Word, WordClass};
use crate::text::swar::ascii_upper;
use rustc_hash::FxHashMap as HashMap;

/// Longest word packed inline, in bytes (the last byte of the key holds the length).
pub(super) const MAX_PACKED: usize = 15;

/// A packed word: its bytes in order, zero-padded, with the length in the last byte.
/// No packed word is all zeros (the length is at least one), which marks an empty slot.
type Key = [u64; 2];

/// One slot: a packed word and its value.
#[derive(Clone, Copy, Default)]
struct Slot<V> {
    key: Key,
    value: V,
}

/// Words -> `V` (see the module doc).
pub(super) struct PackedMap<V: Copy + Default> {
    /// Open addressing with linear probing; a power of two long (or empty).
    slots: HugeSlice<Slot<V>>,
    /// How many slots are taken.
    packed: usize,
    /// Words longer than [`MAX_PACKED`], and the empty word.
    long: HashMap<Text, V>,
}

impl<V: Copy + Default> Default for PackedMap<V> {
    fn default() -> Self {
        PackedMap {
            slots: HugeSlice::default(),
            packed: 0,
            long: HashMap::default(),
        }
    }
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

impl<V: Copy + Default> PackedMap<V> {
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
        let want = ((self.packed + n) * 10 / 7 + 1).next_power_of_two().max(16);
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

    /// The value of `surface`, and whether it was added (with `V::default()`) now.
    pub(super) fn entry(&mut self, surface: Text) -> (&mut V, bool) {
        match pack(surface.as_bytes()) {
            Some(key) => self.entry_packed(key),
            None => long_entry(&mut self.long, surface),
        }
    }

    /// [`PackedMap::entry`] of a word of another map, as [`PackedMap::words`] gives it.
    pub(super) fn entry_of(&mut self, surface: Surface) -> (&mut V, bool) {
        match surface {
            Surface::Packed(key) => self.entry_packed(key),
            Surface::Long(s) => long_entry(&mut self.long, s),
        }
    }

    fn entry_packed(&mut self, key: Key) -> (&mut V, bool) {
        // At most 70% full (probes stay short).
        if (self.packed + 1) * 10 > self.slots.len() * 7 {
            self.resize((self.slots.len() * 2).max(16));
        }
        let i = self.find(&key);
        let new = self.slots[i].key == [0, 0];
        if new {
            self.slots[i].key = key;
            self.packed += 1;
        }
        (&mut self.slots[i].value, new)
    }

    /// The value of `w`, if it is in the map.
    #[inline]
    pub(super) fn get(&self, w: &str) -> Option<V> {
        match pack(w.as_bytes()) {
            Some(key) if !self.slots.is_empty() => {
                let s = &self.slots[self.find(&key)];
                (s.key == key).then_some(s.value)
            }
            Some(_) => None,
            None => self.long.get(w).copied(),
        }
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
        let fold = |x: u64| x | ascii_upper(x) >> 2;
        for k in [key, [fold(key[0]), fold(key[1])]] {
            prefetch(&self.slots[self.home(&k)]);
        }
    }

    /// How many words the map holds.
    pub(super) fn len(&self) -> usize {
        self.packed + self.long.len()
    }

    /// Every word (in no particular order) with its value, for
    /// [`PackedMap::entry_of`] (without unpacking the packed words).
    pub(super) fn words(&self) -> impl Iterator<Item = (Surface, V)> + '_ {
        let packed = self.slots.iter().filter(|s| s.key != [0, 0]);
        let packed = packed.map(|s| (Surface::Packed(s.key), s.value));
        packed.chain(
            self.long
                .iter()
                .map(|(k, v)| (Surface::Long(k.clone()), *v)),
        )
    }

    /// Every value, in no particular order.
    pub(super) fn values(&self) -> impl Iterator<Item = V> + '_ {
        let packed = self.slots.iter().filter(|s| s.key != [0, 0]);
        packed.map(|s| s.value).chain(self.long.values().copied())
    }
}

/// `PackedMap::entry` of a long word.
fn long_entry<V: Default>(long: &mut HashMap<Text, V>, surface: Text) -> (&mut V, bool) {
    use std::collections::hash_map::Entry;
    match long.entry(surface) {
        Entry::Occupied(o) => (o.into_mut(), false),
        Entry::Vacant(v) => (v.insert(V::default()), true),
    }
}

/// A word of a [`PackedMap`], as it keeps it.
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

/// Words -> [`Word`]: the classes in a [`PackedMap`], the frequencies beside it (the
/// questions the recognisers ask need only the classes, so the frequencies stay out of
/// the way).
#[derive(Default)]
pub(super) struct WordTable {
    /// Each word's classes and the index of its frequencies.
    map: PackedMap<(WordClass, u32)>,
    freqs: Vec<(f32, f32)>,
}

impl WordTable {
    /// Makes room for `n` more words without growing on the way.
    pub(super) fn reserve(&mut self, n: usize) {
        self.map.reserve(n);
        self.freqs.reserve(n);
    }

    /// The word `surface`, added with no classes if it was not there.
    pub(super) fn entry(&mut self, surface: Text) -> WordMut<'_> {
        let (v, new) = self.map.entry(surface);
        Self::word_mut(v, new, &mut self.freqs)
    }

    /// [`WordTable::entry`] of a word of another table, as [`WordTable::words`] gives it.
    pub(super) fn entry_of(&mut self, surface: Surface) -> WordMut<'_> {
        let (v, new) = self.map.entry_of(surface);
        Self::word_mut(v, new, &mut self.freqs)
    }

    fn word_mut<'t>(
        v: &'t mut (WordClass, u32),
        new: bool,
        freqs: &'t mut Vec<(f32, f32)>,
    ) -> WordMut<'t> {
        if new {
            v.1 = freqs.len() as u32;
            freqs.push((0.0, 0.0));
        }
        WordMut {
            class: &mut v.0,
            freqs: &mut freqs[v.1 as usize],
        }
    }

    /// The classes of `w` (none if it is not in the table).
    #[inline]
    pub(super) fn class(&self, w: &str) -> WordClass {
        self.map.get(w).map_or(WordClass::NONE, |v| v.0)
    }

    /// The word `w` with its frequencies.
    pub(super) fn get(&self, w: &str) -> Option<Word> {
        self.map.get(w).map(|v| self.word(v))
    }

    fn word(&self, (class, at): (WordClass, u32)) -> Word {
        let (given, surname) = self.freqs[at as usize];
        Word {
            class,
            given,
            surname,
        }
    }

    /// [`PackedMap::prefetch`].
    #[inline]
    pub(super) fn prefetch(&self, w: &[u8]) {
        self.map.prefetch(w);
    }

    /// How many words the table holds.
    pub(super) fn len(&self) -> usize {
        self.map.len()
    }

    /// [`PackedMap::words`], with the words' [`Word`]s.
    pub(super) fn words(&self) -> impl Iterator<Item = (Surface, Word)> + '_ {
        self.map.words().map(|(k, v)| (k, self.word(v)))
    }

    /// The classes of every word, in no particular order.
    pub(super) fn classes(&self) -> impl Iterator<Item = WordClass> + '_ {
        self.map.values().map(|v| v.0)
    }
}

/// A word of a [`WordTable`] to change.
pub(super) struct WordMut<'t> {
    class: &'t mut WordClass,
    freqs: &'t mut (f32, f32),
}

impl WordMut<'_> {
    pub(super) fn class(&self) -> WordClass {
        *self.class
    }

    pub(super) fn add_class(&mut self, class: WordClass) {
        *self.class = *self.class | class;
    }

    pub(super) fn set_given(&mut self, f: f32) {
        self.freqs.0 = f;
    }

    pub(super) fn set_surname(&mut self, f: f32) {
        self.freqs.1 = f;
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
