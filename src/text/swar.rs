//! Byte tests eight bytes at a time on a `u64` read little-endian (SWAR): each returns
//! the top bit of every byte that passes, so `trailing_zeros() / 8` is the first such
//! byte and `count_ones()` how many there are.
//!
//! What is left here serves two callers outside this module (the capitals count of
//! `recognize::names::is_caps_line` and the JSON writer's escape scan); it goes with
//! them.

/// 0x01 in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The top bit of every byte: set in `w` for the bytes that are not ASCII.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `x` in `lo..=hi`, for an `x` with no top bit set (so no sum carries
/// into the next byte) and `lo <= hi < 0x80`: the top bit of a byte of `ge` is set
/// when the byte is `>= lo`, that of `gt` when it is `> hi`.
#[inline]
pub(crate) fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let ge = x + ONES * u64::from(0x80 - lo);
    let gt = x + ONES * u64::from(0x7f - hi);
    ge & !gt & HIGHS
}

/// The bytes of `w` that a JSON string cannot hold as they are: control characters,
/// `"` and `\`. Only the lowest set bit is exact (a hit may also set the bits of the
/// bytes above it): enough to say whether there is one and where the first is.
#[inline]
pub(crate) fn json_specials(w: u64) -> u64 {
    // A byte below n (n <= 128) sets its high bit in (w - n per byte) & !w.
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGHS;
    let control = below(w, 0x20);
    let quote = below(w ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(w ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Each test agrees with the byte's own `u8` methods.
        #[test]
        fn tests_agree_with_the_byte_methods(block in proptest::array::uniform8(proptest::num::u8::ANY)) {
            let w = u64::from_le_bytes(block);
            let specials = json_specials(w);
            let first = block.iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\');
            for (k, &b) in block.iter().enumerate() {
                let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                if first == Some(k) {
                    proptest::prop_assert!(specials.trailing_zeros() / 8 == k as u32);
                }
                if first.is_none_or(|f| k < f) {
                    proptest::prop_assert!(!bit(specials), "{:#x}", b);
                }
                if b < 0x80 {
                    let lower = in_range(w & !HIGHS, b'a', b'z');
                    proptest::prop_assert_eq!(bit(lower), b.is_ascii_lowercase(), "{:#x}", b);
                }
            }
        }
    }
}
