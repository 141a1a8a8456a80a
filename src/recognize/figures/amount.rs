//! The amount step: a number at a token, in digits ("1,000", "3.5", "2 1/2", with a
//! scale word: "1.2 billion") or in words ("twenty-five", "one hundred and twenty", "a
//! dozen", "two-thirds", "tens of thousands", "several hundred", "half"), with its
//! value or, for a vague amount, its lower bound.

use super::{Kind, Parser};

/// A parsed number, before units: token range and value.
#[derive(Clone, Copy, Debug)]
pub(super) struct Amount {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: Option<f64>,
    /// Lower bound of a vague amount ("hundreds").
    pub(super) min: Option<f64>,
    /// A scale word was read ("million").
    pub(super) scale: bool,
    /// Written in words.
    pub(super) words: bool,
    /// Four bare digits that could be a year.
    pub(super) year_like: bool,
    /// The value is the decimal written at `start` times the scale words after it:
    /// no fraction, no words.
    pub(super) written: bool,
}

/// The decimal written as `raw` ("1,234.5", commas between digit groups) times ten to
/// the `exp`, parsed once: the nearest double to that decimal, which prints as written
/// ("0.24", not the sum of its digits' values, 0.24000000000000002). Infinite when the
/// literal is too large for a double.
pub(super) fn written_value(raw: &str, exp: i32) -> f64 {
    let digits: String = raw.chars().filter(|&c| c != ',').collect();
    format!("{digits}e{exp}").parse().unwrap_or(f64::NAN)
}

impl Parser<'_> {
    pub(super) fn num_value(&self, i: usize) -> f64 {
        let s = self.w(i);
        let mut v = 0.0f64;
        let mut frac = 0.0f64;
        let mut div = 1.0f64;
        let mut in_frac = false;
        for b in s.bytes() {
            match b {
                b'0'..=b'9' => {
                    let d = f64::from(b - b'0');
                    if in_frac {
                        div *= 10.0;
                        frac += d / div;
                    } else {
                        v = v * 10.0 + d;
                    }
                }
                b'.' => in_frac = true,
                _ => {}
            }
        }
        v + frac
    }

    /// The value of a scale word at `i` ("million").
    pub(super) fn scale_at(&self, i: usize) -> Option<f64> {
        self.scale_exp_at(i).map(|e| 10f64.powi(e))
    }

    /// The power of ten of a scale word at `i` ("million": 6).
    pub(super) fn scale_exp_at(&self, i: usize) -> Option<i32> {
        if i >= self.toks.len() {
            return None;
        }
        self.rec.scales.get(self.w(i))
    }

    /// A number in digits at `i`: `1,000`, `3.5`, `1/2`, `2 1/2`, with a scale word.
    fn digits(&self, i: usize) -> Option<Amount> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        // Inside a word or a code: "Su-25", "F-16", "A4", "#5".
        if i > 0 && self.toks[i].glued {
            let prev = self.w(i - 1);
            let glued_word = matches!(self.kind(i - 1), Some(Kind::Word | Kind::Mixed | Kind::Num));
            let coded = (prev == "-" || prev == "/" || prev == "#" || prev == ".")
                && i > 1
                && self.toks[i - 1].glued
                && matches!(self.kind(i - 2), Some(Kind::Word | Kind::Mixed));
            let after_num =
                (prev == "/" || prev == ".") && i > 1 && self.kind(i - 2) == Some(Kind::Num);
            let hash = prev == "#" && self.scale_at(i + 1).is_none();
            if glued_word || coded || after_num || hash || prev == ":" {
                return None;
            }
        }
        let raw = self.w(i);
        // Addresses and versions ("208.185.9.24", "1.2.3") are not numbers.
        if raw.bytes().filter(|&b| b == b'.').count() > 1 {
            return None;
        }
        // "S&P 500", "AT&T 3": an index or product named by letters and a number.
        if i >= 3
            && self.kind(i - 1) == Some(Kind::Word)
            && self.w(i - 2) == "&"
            && self.glued(i - 1)
            && self.w(i - 1).len() <= 2
        {
            return None;
        }
        let mut value = self.num_value(i);
        let mut written = true;
        let mut end = i + 1;
        let plain = raw.bytes().all(|b| b.is_ascii_digit());
        // Fractions: "1/2", and "2 1/2".
        if self.w(end) == "/"
            && self.glued(end)
            && self.kind(end + 1) == Some(Kind::Num)
            && self.glued(end + 1)
        {
            let d = self.num_value(end + 1);
            if d == 0.0 || !plain {
                return None;
            }
            // "10/12/2015" is a date, not a fraction.
            if self.w(end + 2) == "/" && self.glued(end + 2) {
                return None;
            }
            value /= d;
            written = false;
            end += 2;
        } else if plain
            && self.kind(end) == Some(Kind::Num)
            && !self.glued(end)
            && self.w(end + 1) == "/"
            && self.glued(end + 1)
            && self.kind(end + 2) == Some(Kind::Num)
            && self.glued(end + 2)
        {
            let n = self.num_value(end);
            let d = self.num_value(end + 2);
            if d > 0.0 && n < d {
                value += n / d;
                written = false;
                end += 3;
            }
        }
        let year_like =
            end == i + 1 && raw.len() == 4 && plain && (1000.0..2100.0).contains(&value);
        let mut scale = false;
        let mut exp = 0;
        while let Some(e) = self.scale_exp_at(end) {
            exp += e;
            end += 1;
            scale = true;
        }
        let value = if written {
            written_value(raw, exp)
        } else {
            value * 10f64.powi(exp)
        };
        Some(Amount {
            start: i,
            end,
            value: Some(value),
            min: None,
            scale,
            words: false,
            year_like: year_like && !scale,
            written,
        })
    }

    pub(super) fn small_word(&self, i: usize) -> Option<f64> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let w = self.w(i);
        self.rec.small.get(w).or_else(|| self.rec.tens.get(w))
    }

    /// A number in words at `i`: "twenty-five", "one hundred and twenty", "a dozen",
    /// "two-thirds", "tens of thousands", "several hundred", "half".
    fn words(&self, i: usize) -> Option<Amount> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let w = self.w(i);
        if let Some(base) = self.rec.vague.get(w) {
            return self.vague_plural(i, base);
        }
        if w.eq_ignore_ascii_case("several") {
            return self.several(i, i + 1, 3.0);
        }
        if w.eq_ignore_ascii_case("a") && self.is(i + 1, "few") {
            return self.several(i, i + 2, 2.0);
        }
        if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an") {
            return self.a_number(i);
        }
        if w.eq_ignore_ascii_case("half") {
            return self.half(i);
        }
        if w.eq_ignore_ascii_case("dozen") {
            return in_words(i, i + 1, Some(12.0), None);
        }
        self.cardinal(i)
    }

    /// Vague plurals: "dozens", "hundreds of thousands", "tens of millions" (`base`:
    /// the value of the first word).
    fn vague_plural(&self, i: usize, base: f64) -> Option<Amount> {
        let w = self.w(i);
        if self.is(i + 1, "of") {
            if let Some(m) = self.rec.vague.get(self.w(i + 2)).filter(|&m| m >= 1e3) {
                return in_words(i, i + 3, None, Some(base * m * 2.0));
            }
        }
        if w.eq_ignore_ascii_case("tens") || w.eq_ignore_ascii_case("scores") {
            return None;
        }
        in_words(i, i + 1, None, Some(base * 2.0))
    }

    /// "several hundred", "a few thousand": the vague word ends before `vague_end` and
    /// counts at least `vague`.
    fn several(&self, i: usize, vague_end: usize, vague: f64) -> Option<Amount> {
        let mut end = vague_end;
        let mut m = 1.0;
        if self.is(end, "dozen") {
            m *= 12.0;
            end += 1;
        }
        while let Some(s) = self.scale_at(end).filter(|&s| s >= 100.0) {
            m *= s;
            end += 1;
        }
        if m > 1.0 {
            return in_words(i, end, None, Some(vague * m));
        }
        None
    }

    /// "a dozen", "a hundred", "a half", "a third", "an eighth".
    fn a_number(&self, i: usize) -> Option<Amount> {
        let n = self.w(i + 1);
        if n.eq_ignore_ascii_case("dozen") {
            return in_words(i, i + 2, Some(12.0), None);
        }
        if let Some(e) = self.rec.scales.get(n).filter(|&e| e >= 2) {
            let mut value = 10f64.powi(e);
            let mut end = i + 2;
            while let Some(m) = self.scale_at(end) {
                value *= m;
                end += 1;
            }
            return in_words(i, end, Some(value), None);
        }
        // "a third of", "a quarter of"; "a third term" is an ordinal.
        if let Some(d) = self.rec.fractions.get(n) {
            if !n.ends_with('s') && self.is(i + 2, "of") {
                return in_words(i, i + 2, Some(1.0 / d), None);
            }
        }
        None
    }

    /// "half of", "half the", "half a million"; not "half an hour", "first half".
    fn half(&self, i: usize) -> Option<Amount> {
        let n = self.w(i + 1).to_ascii_lowercase();
        let ok = matches!(
            n.as_str(),
            "of" | "the"
                | "a"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "that"
                | "them"
                | "those"
                | "million"
                | "billion"
                | "dozen"
        ) && !self.time_unit_at(i + 2)
            && !(n == "a" && self.time_unit_at(i + 3));
        ok.then(|| in_words(i, i + 1, Some(0.5), None)).flatten()
    }

    /// Cardinal words: small numbers, tens, hyphenated tens ("twenty-five"),
    /// "hundred", "and", scale words.
    fn cardinal(&self, i: usize) -> Option<Amount> {
        let mut total = 0.0;
        let mut current = 0.0;
        let mut end = i;
        let mut any = false;
        // A "point" was read: `total` and `current` count tenths, and only scale words
        // may follow.
        let mut tenths = false;
        loop {
            if tenths && self.scale_at(end).is_none_or(|s| s < 1e3) {
                break;
            }
            if let Some(v) = self.small_word(end) {
                if any {
                    // "twenty five", "one hundred twenty", "two million three hundred";
                    // not "one two" (a list) or "ten eleven".
                    let rem = current % 100.0;
                    let after_tens = rem >= 20.0 && rem % 10.0 == 0.0 && v < 10.0;
                    let after_round = rem == 0.0 && (current > 0.0 || total > 0.0);
                    if !(after_tens || after_round || self.is(end - 1, "and")) {
                        break;
                    }
                }
                current += v;
                end += 1;
                any = true;
                // "twenty-five"
                if self.rec.tens.get(self.w(end - 1)).is_some()
                    && self.w(end) == "-"
                    && self.glued(end)
                    && self.glued(end + 1)
                {
                    if let Some(u) = self.rec.small.get(self.w(end + 1)).filter(|&u| u < 10.0) {
                        current += u;
                        end += 2;
                    }
                }
                // "two-thirds", "one-quarter"
                if self.w(end) == "-" && self.glued(end) && self.glued(end + 1) {
                    if let Some(d) = self.rec.fractions.get(self.w(end + 1)) {
                        if !self.time_unit_at(end + 2) {
                            return in_words(i, end + 2, Some(current / d), None);
                        }
                    }
                }
                continue;
            }
            if any && current > 0.0 && current < 100.0 && self.is(end, "dozen") {
                current *= 12.0;
                end += 1;
                continue;
            }
            if any && self.is(end, "hundred") {
                current = current.max(1.0) * 100.0;
                end += 1;
                continue;
            }
            if let Some(s) = self.scale_at(end).filter(|&s| s >= 1e3) {
                if !any && current == 0.0 {
                    break;
                }
                total += current.max(1.0) * s;
                current = 0.0;
                end += 1;
                any = true;
                continue;
            }
            if any
                && self.is(end, "and")
                && (self.small_word(end + 1).is_some())
                && (current >= 100.0 || total > 0.0)
                && current % 100.0 == 0.0
            {
                end += 1;
                continue;
            }
            if any
                && !tenths
                && self.is(end, "point")
                && self.small_word(end + 1).is_some_and(|v| v < 10.0)
            {
                // "seven point one billion": counted in tenths from here on, so that
                // the value is the decimal as written (7.1, not 7 + 0.1).
                let d = self.small_word(end + 1).unwrap_or(0.0);
                total *= 10.0;
                current = current * 10.0 + d;
                tenths = true;
                end += 2;
                continue;
            }
            break;
        }
        if !any {
            return None;
        }
        // A dangling "and" is not part of the number.
        if self.is(end - 1, "and") {
            end -= 1;
        }
        // "one hundred, two thousand" glitches aside, a trailing scale was consumed above.
        let value = if tenths {
            written_value(&(total + current).to_string(), -1)
        } else {
            total + current
        };
        in_words(i, end, Some(value), None)
    }

    pub(super) fn amount(&self, i: usize) -> Option<Amount> {
        self.digits(i).or_else(|| self.words(i))
    }
}

/// An amount written in words, from token `start` to before `end`.
fn in_words(start: usize, end: usize, value: Option<f64>, min: Option<f64>) -> Option<Amount> {
    Some(Amount {
        start,
        end,
        value,
        min,
        scale: false,
        words: true,
        year_like: false,
        written: false,
    })
}
