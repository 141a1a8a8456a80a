//! Amounts of time and repetitions: durations ("three weeks", "the past two
//! months", "five-year", "2 1/2 years", "50 years old"), the dates they point to
//! from the reference date ("two days ago", "a year from now"), and sets ("every
//! Monday", "daily", "twice a week").

use super::super::lexicon::Unit;
use super::super::parser::{hit, Hit, Parser};
use super::super::screen::{Class, Sense, Starts};
use super::super::values::{dur, shift_days};
use super::super::Kind;
use crate::record::TimexType as T;

/// `duration` begins at a number, a number word, a plural unit ("for years"), a
/// word of [`DURATION_LEAD`] or a word `cardinal` reads ("a", "several", "half").
pub(super) const DURATION_STARTS: Starts = Starts {
    classes: &[Class::Number],
    senses: &[Sense::PluralUnit, Sense::Number(1, u16::MAX)],
    words: &[
        "past",
        "last",
        "next",
        "coming",
        "first",
        "previous",
        "following",
        "latest",
        "final",
        "prior",
        "recent",
        "a",
        "an",
        "several",
        "few",
        "many",
        "couple",
        "dozens",
        "hundreds",
        "half",
    ],
};
/// `sets` begins at these words.
pub(super) const SETS_STARTS: Starts = Starts {
    words: &[
        "daily", "nightly", "weekly", "biweekly", "monthly", "yearly", "annual", "annually",
        "hourly", "once", "twice", "thrice", "every", "each",
    ],
    ..Starts::NONE
};

/// Words that may come before the number of a duration ("the past two months").
const DURATION_LEAD: &[&str] = &[
    "past",
    "last",
    "next",
    "coming",
    "first",
    "previous",
    "following",
    "latest",
    "final",
    "prior",
    "recent",
];
/// Words joining the numbers of a duration ("two to three weeks").
const RANGE_WORDS: &[&str] = &["to", "or"];
/// Words after the number of a duration that stay in it ("three more weeks").
const DURATION_EXTRA: &[&str] = &[
    "more",
    "additional",
    "straight",
    "consecutive",
    "full",
    "other",
];

impl Parser<'_> {
    /// every Monday, each year, daily, twice a week.
    pub(super) fn sets(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        let adv = match s.as_str() {
            "daily" | "nightly" => Some("P1D"),
            "weekly" => Some("P1W"),
            "biweekly" => Some("P2W"),
            "monthly" => Some("P1M"),
            // "quarterly dividend", "10,000 units annually": rates, not TimeML sets.
            "yearly" | "annual" | "annually" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            _ => None,
        };
        if let Some(v) = adv {
            return hit(j + 1, T::Set, v.into(), "set");
        }
        let mut k = j + 1;
        if s == "once" || s == "twice" || s == "thrice" {
            if self.any(k, &["a", "an", "per", "each", "every"]) {
                k += 1;
            } else {
                return None;
            }
            let u = self.lx(k).unit?;
            if self.lx(k).unit_plural || !self.cont(k) {
                return None;
            }
            return hit(k + 1, T::Set, dur(Some(1.0), u), "set");
        }
        if s != "every" && s != "each" {
            return None;
        }
        if !self.cont(k) {
            return None;
        }
        if self.is(k, "other") {
            let u = self.lx(k + 1).unit?;
            return hit(k + 2, T::Set, dur(Some(2.0), u), "set");
        }
        let l = self.lx(k);
        if l.weekday != 0 && !l.weekday_abbr {
            return hit(k + 1, T::Set, format!("XXXX-WXX-{}", l.weekday), "set");
        }
        if l.month != 0 && !l.month_abbr && self.cap(k) {
            return hit(k + 1, T::Set, format!("XXXX-{:02}", l.month), "set");
        }
        if let Some(p) = l.pod {
            return hit(k + 1, T::Set, format!("XXXX-XX-XXT{p}"), "set");
        }
        if self.is(k, "weekend") {
            return hit(k + 1, T::Set, "XXXX-WXX-WE".into(), "set");
        }
        if let Some(u) = l.unit {
            if !l.unit_plural {
                return hit(k + 1, T::Set, dur(Some(1.0), u), "set");
            }
        }
        if let Some((v, e)) = self.cardinal(k) {
            let u = self.lx(e).unit?;
            if self.lx(e).unit_plural && self.cont(e) {
                return hit(e + 1, T::Set, dur(v, u), "set");
            }
        }
        None
    }

    /// A cardinal number: digits ("24", "1,000", "2.5") or words ("twenty-four", "a",
    /// "a few"). `None` value = vague ("several", "a few").
    pub(super) fn cardinal(&self, i: usize) -> Option<(Option<f64>, usize)> {
        if !self.cont(i) {
            return None;
        }
        match self.kind(i)? {
            Kind::Num => {
                if !self.free_left(i) {
                    return None;
                }
                let (v, _) = self.num(i)?;
                let mut v = v as f64;
                let mut j = i + 1;
                while self.is(j, ",") && self.glued(j) && self.glued(j + 1) {
                    match self.num(j + 1) {
                        Some((x, 3)) => {
                            v = v * 1000.0 + x as f64;
                            j += 2;
                        }
                        _ => return None,
                    }
                }
                // "2 1/2"
                if !self.glued(j) && self.is(j + 1, "/") && self.glued(j + 1) && self.glued(j + 2) {
                    if let (Some((a, _)), Some((b, _))) = (self.num(j), self.num(j + 2)) {
                        if a < b && b > 0 {
                            return Some((Some(v + a as f64 / b as f64), j + 3));
                        }
                    }
                }
                if self.is(j, ".") && self.glued(j) && self.glued(j + 1) {
                    let (_, len) = self.num(j + 1)?;
                    v += self.s(j + 1).parse::<f64>().ok()? / 10f64.powi(len as i32);
                    j += 2;
                }
                Some((Some(v), j))
            }
            Kind::Word => {
                let s = self.low(i);
                let l = self.lx(i);
                if l.num > 0 {
                    let mut v = l.num as f64;
                    let mut j = i + 1;
                    if l.num >= 20 && l.num.is_multiple_of(10) {
                        if self.is(j, "-") && self.glued(j) && (1..=9).contains(&self.lx(j + 1).num)
                        {
                            v += self.lx(j + 1).num as f64;
                            j += 2;
                        } else if self.cont(j) && (1..=9).contains(&self.lx(j).num) {
                            v += self.lx(j).num as f64;
                            j += 1;
                        }
                    }
                    if self.is(j, "hundred") {
                        v *= 100.0;
                        j += 1;
                    } else if self.is(j, "thousand") {
                        v *= 1000.0;
                        j += 1;
                    }
                    if self.is(j, "and") && self.is(j + 1, "a") && self.is(j + 2, "half") {
                        v += 0.5;
                        j += 3;
                    }
                    return Some((Some(v), j));
                }
                match s.as_str() {
                    "a" | "an" => {
                        let n = self.low(i + 1);
                        match n.as_str() {
                            "hundred" => Some((Some(100.0), i + 2)),
                            "thousand" => Some((Some(1000.0), i + 2)),
                            "dozen" => Some((Some(12.0), i + 2)),
                            "few" => Some((None, i + 2)),
                            "couple" => {
                                let e = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                                Some((Some(2.0), e))
                            }
                            // "a second term": the ordinal, not the unit.
                            "second" => None,
                            _ => {
                                let u = self.lx(i + 1);
                                (u.unit.is_some() && !u.unit_plural).then_some((Some(1.0), i + 1))
                            }
                        }
                    }
                    "several" | "few" | "many" => Some((None, i + 1)),
                    "couple" => Some((Some(2.0), if self.is(i + 1, "of") { i + 2 } else { i + 1 })),
                    "dozens" | "hundreds" if self.is(i + 1, "of") => Some((None, i + 2)),
                    "half" if self.any(i + 1, &["a", "an"]) => Some((Some(0.5), i + 2)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// "three weeks", "the past two months", "five-year", "two days ago", "50 years old".
    pub(super) fn duration(&self, j: usize, det: bool) -> Option<Hit> {
        if !det && !self.cont(j) {
            return None;
        }
        // Bare plural after "for"/"in": "for years".
        let l = self.lx(j);
        if !det
            && l.unit_plural
            && j > 0
            && self.any(j - 1, &["for", "in", "within", "over"])
            && !matches!(l.unit, Some(Unit::Quarter | Unit::Second))
        {
            return hit(j + 1, T::Duration, dur(None, l.unit?), "duration");
        }
        // "months ago", "years earlier": vague past.
        if !det && l.unit_plural && self.any(j + 1, &["ago"]) && self.cont(j + 1) {
            return hit(j + 2, T::Date, "PAST_REF".into(), "ago");
        }
        let mut k = j;
        let lead = self.any(k, DURATION_LEAD);
        if lead {
            // Without "the", "last" is mostly the verb ("could last two weeks").
            if !det && !self.any(k, &["past", "next", "first", "coming"]) {
                return None;
            }
            k += 1;
        }
        let (v, mut e) = self.cardinal(k)?;
        // "two to three weeks", "10-12 days", "five or six years": one duration.
        if (self.any(e, RANGE_WORDS) || self.any(e, &["-", "\u{2013}"])) && self.cont(e) {
            if let Some((_, e2)) = self.cardinal(e + 1) {
                if self.lx(e2).unit.is_some() && self.lx(e2).unit_plural {
                    e = e2;
                }
            }
        }
        if self.any(e, DURATION_EXTRA) {
            e += 1;
        }
        // "a" only counts before a unit; "a few" etc. handled in `cardinal`.
        let (u_i, hyphen) = if self.is(e, "-") && self.glued(e) && self.glued(e + 1) {
            (e + 1, true)
        } else {
            (e, false)
        };
        let ul = self.lx(u_i);
        let u = ul.unit?;
        if !ul.unit_plural
            && !hyphen
            && self
                .num(k)
                .is_some_and(|(n, len)| len == 4 && (1900..=2099).contains(&n))
        {
            return None;
        }
        if !self.cont(u_i) {
            return None;
        }
        if hyphen && ul.unit_plural && !self.is(u_i + 1, "-") {
            return None;
        }
        let mut end = u_i + 1;
        let value = dur(v, u);
        if hyphen {
            if det {
                // An adjective: "the five-year conflict" keeps "the" out.
                return None;
            }
            // "five-year", "50-year-old", "decade-long"
            if self.is(end, "-") && self.any(end + 1, &["old", "long"]) && self.glued(end + 1) {
                end += 2;
            }
            return hit(end, T::Duration, value, "duration");
        }
        if !det && !lead {
            let next = self.low(end);
            match next.as_str() {
                "later" => {
                    return hit(end + 1, T::Duration, value, "duration");
                }
                "ago" | "earlier" => {
                    if next != "ago" && self.is(end + 1, "that") {
                        return hit(end, T::Duration, value, "duration");
                    }
                    // Earnings news: "a year ago" beside "quarter" means that quarter
                    // a year before the one just reported.
                    let quarterly = u == Unit::Year
                        && v == Some(1.0)
                        && self.r.is_some()
                        && (self.sentence_has(j, end + 1, "quarter")
                            || self.near(j, 150, &["quarter", "quarterly", "third-quarter"]));
                    let v = if quarterly {
                        self.quarter_shift(-5)
                    } else {
                        self.shifted(v, u, -1)
                    };
                    return hit(end + 1, T::Date, v, "ago");
                }
                "from" if self.is(end + 1, "now") => {
                    let v = self.shifted(v, u, 1);
                    return hit(end + 2, T::Date, v, "ago");
                }
                "hence" => {
                    let v = self.shifted(v, u, 1);
                    return hit(end + 1, T::Date, v, "ago");
                }
                "old" => {
                    end += 1;
                    return hit(end, T::Duration, value, "age");
                }
                _ => {}
            }
        }
        let mut value = value;
        if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            end += 3;
            value = dur(v.map(|x| x + 0.5), u);
        }
        // "$2 million a year", "700 seats a week": a rate, not a duration.
        if !det && !lead && self.any(k, &["a", "an"]) && k > 0 && self.is_rate_head(k - 1) {
            return None;
        }
        hit(end, T::Duration, value, "duration")
    }

    /// Whether token `i` ends a quantity that "a year" / "a week" would be the rate of.
    pub(super) fn is_rate_head(&self, i: usize) -> bool {
        let s = self.s(i);
        if self.kind(i) == Some(Kind::Num) || s == "%" {
            return true;
        }
        const HEADS: &[&str] = &[
            "million", "billion", "trillion", "thousand", "hundred", "percent", "times", "once",
            "twice", "dollars", "cents",
        ];
        if HEADS.iter().any(|w| s.eq_ignore_ascii_case(w)) {
            return true;
        }
        let b = s.as_bytes();
        b.len() > 3
            && b[0].is_ascii_lowercase()
            && s.ends_with('s')
            && !s.ends_with("ss")
            && !s.ends_with("us")
            && !matches!(s, "this" | "was" | "has" | "his" | "its" | "does" | "is")
    }

    /// Whether one of `words` occurs within `window` tokens before or after `i`.
    pub(super) fn near(&self, i: usize, window: usize, words: &[&str]) -> bool {
        let lo = i.saturating_sub(window);
        let hi = (i + window).min(self.n());
        (lo..hi).any(|k| self.any(k, words))
    }

    /// Whether `word` occurs in the sentence around tokens `a..b`.
    pub(super) fn sentence_has(&self, a: usize, b: usize, word: &str) -> bool {
        let stop = |i: usize| matches!(self.s(i), "." | "!" | "?") || self.toks[i].nl;
        let mut i = a;
        while i > 0 && a - i < 30 {
            if stop(i) && i != a {
                break;
            }
            i -= 1;
            if self.is(i, word) {
                return true;
            }
        }
        let mut i = b;
        while i < self.n() && i < b + 30 && !stop(i) {
            if self.is(i, word) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// The date `v` units before (`sign` -1) or after (+1) the reference date.
    pub(super) fn shifted(&self, v: Option<f64>, u: Unit, sign: i64) -> String {
        let n = match v {
            Some(x) if x.fract() == 0.0 => x as i64 * sign,
            _ => return if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into(),
        };
        match u {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
                let d = if u == Unit::Day { n } else { 0 };
                self.day_str(|r| shift_days(r, d))
            }
            Unit::Week => self.week_str(n),
            Unit::Fortnight => self.week_str(2 * n),
            Unit::Month => self.month_shift(n as i32),
            Unit::Quarter => self.quarter_shift(n as i32),
            Unit::Year => self.year_shift(n as i32),
            Unit::Decade => self.year_shift(10 * n as i32),
            Unit::Century => self.year_shift(100 * n as i32),
        }
    }
}
