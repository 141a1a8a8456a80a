//! Years and longer calendar periods: "2015", "'69", "nineteen ninety-six",
//! "fiscal 1990", "pre-1990", "the 1990s", "the '90s", "the 20th century", and
//! quarters and halves ("the third quarter", "Q3", "the first half of 2015").

use super::super::parser::{hit, Hit, Parser};
use super::super::screen::{Class, Sense, Starts};
use super::super::values::{ordinal_digits, two_digit_year, y4, UNKNOWN_YEAR};
use super::super::{is_apostrophe, Kind};
use crate::record::{TimexMod as M, TimexType as T};
use chrono::Datelike;

/// `year` begins at a number, an apostrophe ("'69"), a spoken year's first word
/// ("two thousand", "nineteen ninety") or "fiscal", "pre", "post".
pub(super) const YEAR_STARTS: Starts = Starts {
    classes: &[Class::Number, Class::Apostrophe],
    senses: &[Sense::Number(2, 2), Sense::Number(10, 20)],
    words: &["fiscal", "pre", "post"],
};
/// `quarter` begins at "Q3"/"H1", an ordinal up to four, "fiscal", "last", "final".
pub(super) const QUARTER_STARTS: Starts = Starts {
    classes: &[Class::Mixed],
    senses: &[Sense::Ordinal(1, 4)],
    words: &["fiscal", "last", "final"],
};
/// After "the", also at a year ("the 1988 third quarter") and "quarter".
pub(super) const QUARTER_STARTS_AFTER_THE: Starts = Starts {
    classes: &[Class::Number, Class::Mixed],
    senses: &[Sense::Ordinal(1, 4)],
    words: &["fiscal", "last", "final", "quarter"],
};
/// `decade` begins at "1990s", "1990", "90", an apostrophe, an ordinal ("20th",
/// "twentieth") or "twenty" ("twenty-first century").
pub(super) const DECADE_STARTS: Starts = Starts {
    classes: &[Class::Number, Class::Mixed, Class::Apostrophe],
    senses: &[Sense::Ordinal(1, u8::MAX), Sense::Number(20, 20)],
    ..Starts::NONE
};

/// Words before a hyphen and a year ("pre-1990").
const YEAR_PREFIXES: &[&str] = &["pre", "post"];
/// Prepositions that let a four-digit number down to 1000 be a year.
pub(crate) const YEAR_BEFORE: &[&str] = &[
    "in", "since", "of", "from", "until", "till", "by", "to", "through", "during", "before",
    "after", "circa", "year", "and", "between", "early", "late", "mid", "fiscal",
];
/// Nouns after which a four-digit number is a count, not a year.
pub(crate) const COUNT_NOUNS: &[&str] = &[
    "people",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "workers",
    "employees",
    "jobs",
    "members",
    "votes",
    "seats",
    "cases",
    "deaths",
    "pounds",
    "tons",
    "tonnes",
    "meters",
    "metres",
    "feet",
    "miles",
    "kilometers",
    "kilometres",
    "km",
    "acres",
    "hectares",
    "barrels",
    "shares",
    "units",
    "cars",
    "vehicles",
    "homes",
    "houses",
    "points",
    "percent",
    "residents",
    "refugees",
    "students",
    "officers",
    "police",
    "civilians",
    "fighters",
    "militants",
    "rebels",
    "prisoners",
    "patients",
    "households",
    "companies",
    "dollars",
    "euros",
    "yuan",
    "yen",
    "rupees",
    "marines",
    "personnel",
    "lives",
    "times",
    "hours",
    "minutes",
    "years",
    "days",
    "rounds",
    "calories",
    "words",
    "pages",
    "degrees",
    "aircraft",
    "planes",
    "tanks",
    "ships",
    "sq",
    "square",
    "cubic",
    "mw",
    "kg",
    "mg",
    "ft",
    "mph",
    "kph",
    "rpm",
    "gb",
    "mb",
    "copies",
];
/// Words before which a four-digit number is not a year (money, codes, numbering).
pub(crate) const NOT_YEAR_BEFORE: &[&str] = &[
    "$",
    "#",
    "\u{20ac}",
    "\u{a3}",
    "no",
    "nos",
    "number",
    "route",
    "room",
    "flight",
    "page",
    "pp",
    "article",
    "section",
    "resolution",
    "model",
    "code",
    "channel",
    "highway",
    "interstate",
    "suite",
    "apartment",
    "box",
    "ext",
    "extension",
    "gate",
    "platform",
    "unit",
    "item",
    "rule",
    "law",
    "bill",
    "us",
    "u.s",
    "usd",
    "rs",
    "approximately",
    "about",
    "some",
    "nearly",
    "over",
    "than",
    "least",
    "most",
    "only",
    "just",
    "up",
    "x",
];

impl Parser<'_> {
    /// "nineteen ninety-six", "two thousand": (year, end).
    pub(super) fn spoken_year(&self, j: usize) -> Option<(i32, usize)> {
        let c = self.lx(j).num as i32;
        if self.is(j, "two") && self.is(j + 1, "thousand") {
            let (add, e) = match self.lx(j + 2).num {
                n @ 1..=19 if self.cont(j + 2) => (n as i32, j + 3),
                _ => (0, j + 2),
            };
            return Some((2000 + add, e));
        }
        if !(10..=20).contains(&c) || !self.cont(j + 1) {
            return None;
        }
        let t = self.lx(j + 1).num as i32;
        if !(t >= 20 && t % 10 == 0 || (10..=19).contains(&t) && c >= 11) {
            return None;
        }
        let (ones, e) = if self.is(j + 2, "-") && (1..=9).contains(&self.lx(j + 3).num) {
            (self.lx(j + 3).num as i32, j + 4)
        } else if self.cont(j + 2) && (1..=9).contains(&self.lx(j + 2).num) {
            (self.lx(j + 2).num as i32, j + 3)
        } else {
            (0, j + 2)
        };
        Some((c * 100 + t + ones, e))
    }

    pub(super) fn year(&self, j: usize) -> Option<Hit> {
        if let Some((y, e)) = self.spoken_year(j) {
            if !self.is(j, "two") {
                return hit(e, T::Date, format!("{y:04}"), "year");
            }
        }
        if self.is(j, "fiscal") {
            let k = if self.is(j + 1, "year") { j + 2 } else { j + 1 };
            if let Some(y) = self.year_at(k) {
                return hit(k + 1, T::Date, format!("{y:04}"), "fiscal-year");
            }
            return None;
        }
        if self.any(j, YEAR_PREFIXES) && self.is(j + 1, "-") && self.glued(j + 1) {
            let y = self.year_at(j + 2).filter(|_| self.glued(j + 2))?;
            let mut h = hit(j + 3, T::Date, format!("{y:04}"), "year")?;
            h.mod_ = Some(if self.is(j, "pre") {
                M::Before
            } else {
                M::After
            });
            return Some(h);
        }
        if is_apostrophe(self.s(j)) {
            // "'69": a two-digit year after "in", "since", a month, ...
            let (n, len) = self.num(j + 1)?;
            let ctx =
                j > 0 && (self.in_set(j - 1, &self.sets.year_before) || self.lx(j - 1).month != 0);
            if len != 2 || !self.glued(j + 1) || !self.free_right(j + 1) || !ctx {
                return None;
            }
            return hit(j + 2, T::Date, format!("{}", two_digit_year(n)), "year");
        }
        let y = self.year_at(j)?;
        // "1987-style", "1990-model": the year alone; "1990-91" is a range (`numeric`).
        let hyphen_word = self.glued(j + 1)
            && self.is(j + 1, "-")
            && self.glued(j + 2)
            && self.kind(j + 2) == Some(Kind::Word);
        if !self.free_left(j) || self.is(j + 1, "-") && self.glued(j + 1) && !hyphen_word {
            return None;
        }
        // "1986 - 87" (spaced, as tokenised corpora write it)
        if self.is(j + 1, "-") && !self.glued(j + 1) && !self.glued(j + 2) {
            if let Some((b, 2)) = self.num(j + 2) {
                if (b as i32) == (y + 1) % 100 && self.free_right(j + 2) {
                    return hit(j + 3, T::Date, format!("{y:04}"), "year-range");
                }
            }
        }
        let prev_ok =
            j > 0 && (self.in_set(j - 1, &self.sets.year_before) || self.lx(j - 1).month != 0);
        let lo = if prev_ok { 1000 } else { 1900 };
        if !(lo..=2099).contains(&y) {
            return None;
        }
        if j > 0 && self.in_set(j - 1, &self.sets.not_year_before) {
            return None;
        }
        if self.in_set(j + 1, &self.sets.count_nouns) {
            return None;
        }
        // "1,500 to 2,000": a year would not sit among such numbers.
        if j >= 2 && self.any(j - 1, &["to", "and", "or"]) && self.kind(j - 2) == Some(Kind::Num) {
            let (_, len) = self.num(j - 2)?;
            if len != 4 {
                return None;
            }
        }
        hit(j + 1, T::Date, format!("{y:04}"), "year")
    }

    /// "1990s", "the '90s", "the 20th century".
    pub(super) fn decade(&self, j: usize) -> Option<Hit> {
        let s = self.s(j);
        if self.kind(j) == Some(Kind::Mixed) {
            if let Some(d) = s.strip_suffix('s') {
                if d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()) && d.ends_with('0') {
                    return hit(j + 1, T::Date, d[..3].to_string(), "decade");
                }
            }
            if let Some(c) = ordinal_digits(s) {
                return self.century(j + 1, c);
            }
            return None;
        }
        if self.kind(j) == Some(Kind::Num) && self.s(j).len() == 4 {
            // "1990's"
            if is_apostrophe(self.s(j + 1)) && self.glued(j + 1) && self.is(j + 2, "s") {
                let d = self.s(j);
                if d.ends_with('0') && self.glued(j + 2) {
                    return hit(j + 3, T::Date, d[..3].to_string(), "decade");
                }
            }
            return None;
        }
        // "90's": two digits, apostrophe, s
        if self.kind(j) == Some(Kind::Num)
            && s.len() == 2
            && s.ends_with('0')
            && is_apostrophe(self.s(j + 1))
            && self.glued(j + 1)
            && self.is(j + 2, "s")
            && self.glued(j + 2)
            && j > 0
            && self.is(j - 1, "the")
        {
            let n: u32 = s.parse().ok()?;
            let c = if n >= 30 { 19 } else { 20 };
            return hit(j + 3, T::Date, format!("{c}{}", n / 10), "decade");
        }
        if is_apostrophe(s) && self.glued(j + 1) && self.kind(j + 1) == Some(Kind::Mixed) {
            let t = self.s(j + 1);
            let d = t.strip_suffix('s')?;
            if d.len() == 2 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()) {
                let n: u32 = d.parse().ok()?;
                let c = if n >= 30 { 19 } else { 20 };
                return hit(j + 2, T::Date, format!("{c}{}", n / 10), "decade");
            }
            return None;
        }
        let l = self.lx(j);
        if l.ord > 0 {
            return self.century(j + 1, l.ord as u32);
        }
        if l.num == 20 && self.is(j + 1, "-") && self.lx(j + 2).ord > 0 {
            return self.century(j + 3, 20 + self.lx(j + 2).ord as u32);
        }
        None
    }

    pub(super) fn century(&self, k: usize, n: u32) -> Option<Hit> {
        if !(self.is(k, "century") && self.cont(k) && (1..=30).contains(&n)) {
            return None;
        }
        hit(k + 1, T::Date, format!("{:02}", n - 1), "century")
    }

    /// "the third quarter", "third-quarter", "fiscal 1990", "the first half of 2015", "Q3".
    pub(super) fn quarter(&self, j: usize, det: bool) -> Option<Hit> {
        let mut k = j;
        if self.kind(k) == Some(Kind::Mixed) {
            let s = self.s(k);
            let b = s.as_bytes();
            if b.len() == 2 && (b[0] == b'Q' || b[0] == b'H') && matches!(b[1], b'1'..=b'4') {
                let q = (b[1] - b'0') as u32;
                if b[0] == b'H' && q > 2 {
                    return None;
                }
                let (y, e) = match self.year_at(k + 1) {
                    Some(y) => (Some(y), k + 2),
                    None => (None, k + 1),
                };
                let y = y.or_else(|| self.quarter_year(q, b[0] == b'H', self.future(j, e)));
                let v = match y {
                    Some(y) => format!("{y:04}-{}{q}", b[0] as char),
                    None => format!("XXXX-{}{q}", b[0] as char),
                };
                return hit(e, T::Date, v, "quarter");
            }
            return None;
        }
        let fiscal = self.is(k, "fiscal");
        if fiscal {
            k += 1;
        }
        // "the 1988 third quarter", "the 1988 quarter"
        if det {
            if let Some(y) = self.year_at(k) {
                let l = self.lx(k + 1);
                if (1..=4).contains(&l.ord) && self.is(k + 2, "quarter") {
                    return hit(k + 3, T::Date, format!("{y:04}-Q{}", l.ord), "quarter");
                }
                if self.is(k + 1, "quarter") {
                    let q = self.r.map_or(0, |r| (r.month0() / 3 + 3) % 4 + 1);
                    let v = if q == 0 {
                        format!("{y:04}-QX")
                    } else {
                        format!("{y:04}-Q{q}")
                    };
                    return hit(k + 2, T::Date, v, "quarter");
                }
            }
        }
        if det && self.is(k, "quarter") && !self.any(k + 1, &["of", "-", "century", "mile"]) {
            // "the quarter" in news is the one just reported.
            return hit(k + 1, T::Date, self.quarter_shift(-1), "quarter");
        }
        let l = self.lx(k);
        let q = if self.is(k, "last") || self.is(k, "final") {
            4
        } else {
            l.ord as u32
        };
        if !(1..=4).contains(&q) || !self.cont(k) {
            return None;
        }
        let mut e = k + 1;
        let hyphen = self.is(e, "-") && self.glued(e);
        if hyphen || self.is(e, "fiscal") {
            e += 1;
        }
        let half = self.is(e, "half");
        if !(self.is(e, "quarter") || half) || !self.cont(e) {
            return None;
        }
        if half && q > 2 && !self.is(k, "last") {
            return None;
        }
        let q = if half && self.is(k, "last") { 2 } else { q };
        e += 1;

        let tag = if half { 'H' } else { 'Q' };
        // "of 2015", "2015", "of last year"
        let explicit = if let Some(y) = self.year_at(e) {
            Some((y, e + 1))
        } else if self.is(e, "of") {
            if let Some(y) = self.year_at(e + 1) {
                Some((y, e + 2))
            } else if self.any(e + 1, &["last", "this", "next"]) && self.is(e + 2, "year") {
                let off = match self.low(e + 1).as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                Some((self.r.map_or(UNKNOWN_YEAR, |r| r.year() + off), e + 3))
            } else {
                None
            }
        } else {
            None
        };
        let (v, e) = match explicit {
            Some((y, e2)) => (format!("{}-{tag}{q}", y4(y)), e2),
            None => match self.quarter_year(q, half, self.future(j, e)) {
                Some(y) => (format!("{y:04}-{tag}{q}"), e),
                None => (format!("XXXX-{tag}{q}"), e),
            },
        };
        hit(e, T::Date, v, "quarter")
    }

    /// The year of a quarter (or half) named without one: this year's if it has begun,
    /// else last year's unless the sentence speaks of the future.
    pub(super) fn quarter_year(&self, q: u32, half: bool, fut: bool) -> Option<i32> {
        let r = self.r?;
        let start_month = if half {
            (q - 1) * 6 + 1
        } else {
            (q - 1) * 3 + 1
        };
        Some(if start_month <= r.month() || fut {
            r.year()
        } else {
            r.year() - 1
        })
    }
}
