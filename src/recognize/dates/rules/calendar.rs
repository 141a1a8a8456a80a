//! Calendar dates named by their parts: a month with or without a day and a year
//! ("March 16, 2016", "18 December 2015", "the 14th of March", "June of last year"),
//! numeric dates ("2015-12-18", "12/18/2015", "18.12.2015") and year ranges
//! ("2012-13"), weekdays ("Wednesday", "Mondays", "Friday night") and holidays
//! ("Christmas Eve", "Labor Day").

use super::super::parser::{hit, no_such_day, Hit, Parser};
use super::super::screen::{Class, Sense, Starts};
use super::super::values::{
    calendar_date, nth_weekday, ordinal_digits, two_digit_year, y4, ymd, UNKNOWN_YEAR,
};
use super::super::{is_apostrophe, Kind};
use crate::record::TimexType as T;
use chrono::Datelike;

/// The hit of a calendar day read from its parts (year, month, day), or a
/// [`no_such_day`] when that day does not exist.
fn day_hit(end: usize, (y, m, d): (i32, u32, u32), rule: &'static str) -> Option<Hit> {
    match calendar_date(y, m, d) {
        Some(v) => hit(end, T::Date, v, rule),
        None => no_such_day(end),
    }
}

/// `month_forms` begins at a month name.
pub(super) const MONTH_STARTS: Starts = Starts {
    senses: &[Sense::Month],
    ..Starts::NONE
};
/// `numeric` begins at a number.
pub(super) const NUMERIC_STARTS: Starts = Starts {
    classes: &[Class::Number],
    ..Starts::NONE
};
/// `weekday` begins at a weekday name.
pub(super) const WEEKDAY_STARTS: Starts = Starts {
    senses: &[Sense::Weekday],
    ..Starts::NONE
};
/// `day_month` begins at a day: a number, "14th", "seventh", "twenty-fifth".
pub(super) const DAY_STARTS: Starts = Starts {
    classes: &[Class::Number, Class::Mixed],
    senses: &[
        Sense::Ordinal(1, u8::MAX),
        Sense::Number(20, 20),
        Sense::Number(30, 30),
    ],
    ..Starts::NONE
};
/// `holiday` begins at the first word of a holiday's name.
pub(super) const HOLIDAY_STARTS: Starts = Starts {
    words: &[
        "christmas",
        "halloween",
        "independence",
        "valentine",
        "new",
        "thanksgiving",
        "memorial",
        "labor",
        "labour",
    ],
    ..Starts::NONE
};

/// Words after which a capitalised "May" is the month, not the verb.
pub(crate) const MAY_BEFORE: &[&str] = &[
    "in", "of", "since", "until", "till", "by", "last", "next", "this", "early", "late", "mid",
    "from", "through", "during", "before", "after", "between", "and", "to", "-", "or",
];

impl Parser<'_> {
    /// A day of the month: "18", "18th".
    pub(super) fn day_at(&self, k: usize) -> Option<(u32, usize)> {
        if !self.cont(k) {
            return None;
        }
        let (d, e) = match self.kind(k)? {
            Kind::Num => {
                let (d, len) = self.num(k)?;
                if len > 2 || !self.free_right(k) {
                    return None;
                }
                (d, k + 1)
            }
            Kind::Mixed => (ordinal_digits(self.s(k))?, k + 1),
            // "the seventh", "twenty-fifth" (spoken dates)
            Kind::Word => {
                let k = if self.is(k, "the") { k + 1 } else { k };
                let l = self.lx(k);
                if l.ord > 0 && !self.is(k, "second") {
                    (l.ord as u32, k + 1)
                } else if matches!(l.num, 20 | 30)
                    && self.is(k + 1, "-")
                    && (1..=9).contains(&self.lx(k + 2).ord)
                {
                    (l.num as u32 + self.lx(k + 2).ord as u32, k + 3)
                } else if self.kind(k) == Some(Kind::Mixed) && k > 0 && self.is(k - 1, "the") {
                    (ordinal_digits(self.s(k))?, k + 1)
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        (1..=31).contains(&d).then_some((d, e))
    }

    /// A four-digit year right at `k` ("2015", not "2015.5" or "2015,000").
    pub(super) fn year_at(&self, k: usize) -> Option<i32> {
        if !self.cont(k) {
            return None;
        }
        let (y, len) = self.num(k)?;
        (len == 4 && (1000..=2999).contains(&y) && self.free_right(k)).then_some(y as i32)
    }

    /// An optional ", 2015" / " 2015" / " of 2015" after a date part: (year, end).
    pub(super) fn trailing_year(&self, k: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year_at(k) {
            return Some((y, k + 1));
        }
        if self.any(k, &[",", "of"]) {
            if let Some(y) = self.year_at(k + 1) {
                return Some((y, k + 2));
            }
        }
        None
    }

    /// "this year", "last year", "next year" after a month: (year, end).
    pub(super) fn rel_year(&self, k: usize) -> Option<(i32, usize)> {
        if self.is(k, "of") && self.cont(k) {
            return self.rel_year(k + 1);
        }
        if !(self.cont(k) && self.is(k + 1, "year")) {
            return None;
        }
        let off = match self.low(k).as_str() {
            "this" => 0,
            "last" => -1,
            "next" => 1,
            _ => return None,
        };
        Some((self.r.map_or(UNKNOWN_YEAR, |r| r.year() + off), k + 2))
    }

    /// The end of a month name at `j` (with its full stop if abbreviated), if `j` is one.
    pub(super) fn month_at(&self, j: usize) -> Option<(u32, usize)> {
        let l = self.lx(j);
        if l.month == 0 || !self.cap(j) || !self.cont(j) {
            return None;
        }
        if l.month_abbr {
            if self.is(j + 1, ".") && self.glued(j + 1) {
                return Some((l.month as u32, j + 2));
            }
            // "Sept 30": an abbreviation without its stop needs a day.
            return self.day_at(j + 1).map(|_| (l.month as u32, j + 1));
        }
        Some((l.month as u32, j + 1))
    }

    pub(super) fn month_forms(&self, j: usize) -> Option<Hit> {
        let (m, k) = self.month_at(j)?;
        if let Some((d, k1)) = self.day_at(k) {
            if let Some((y, e)) = self.trailing_year(k1).or_else(|| self.rel_year(k1)) {
                return day_hit(e, (y, m, d), "month-day-year");
            }
            let tense = self.tense(j, k1);
            let y = self.year_for(m, d, tense).unwrap_or(UNKNOWN_YEAR);
            return day_hit(k1, (y, m, d), "month-day");
        }
        if let Some((y, e)) = self.trailing_year(k).or_else(|| self.rel_year(k)) {
            return hit(e, T::Date, format!("{}-{m:02}", y4(y)), "month-year");
        }
        if m == 5 && !(j > 0 && self.in_set(j - 1, &self.sets.may_before)) {
            return None;
        }
        if m == 3 && !(j > 0 && self.in_set(j - 1, &self.sets.may_before)) && self.is(k, "on") {
            // "March on Washington": the verb/noun, not the month.
            return None;
        }
        let tense = self.tense(j, k);
        let v = match self.year_for(m, 0, tense) {
            Some(y) => format!("{y:04}-{m:02}"),
            None => format!("XXXX-{m:02}"),
        };
        hit(k, T::Date, v, "month")
    }

    /// "18 December 2015", "the 14th of March".
    pub(super) fn day_month(&self, j: usize, det: bool) -> Option<Hit> {
        let (d, k) = self.day_at(j)?;
        if det && self.kind(j) == Some(Kind::Num) || self.is(j, "the") {
            return None;
        }
        let k = if self.is(k, "of") { k + 1 } else { k };
        let (m, k) = self.month_at(k)?;
        if let Some((y, e)) = self.trailing_year(k) {
            return day_hit(e, (y, m, d), "day-month-year");
        }
        let tense = self.tense(j, k);
        let y = self.year_for(m, d, tense).unwrap_or(UNKNOWN_YEAR);
        day_hit(k, (y, m, d), "day-month")
    }

    /// ISO, slashed and dotted dates; year ranges.
    pub(super) fn numeric(&self, j: usize) -> Option<Hit> {
        let (a, alen) = self.num(j)?;
        if !self.free_left(j) {
            return None;
        }
        let sep = self.s(j + 1);
        let glued3 = self.glued(j + 1) && self.glued(j + 2);
        if !glued3 {
            return None;
        }
        let (b, blen) = self.num(j + 2)?;
        let second_sep = self.glued(j + 3) && self.s(j + 3) == sep && self.glued(j + 4);
        if second_sep {
            let (c, clen) = self.num(j + 4)?;
            if !self.free_right(j + 4) {
                return None;
            }
            let (y, m, d) = match (sep, alen, clen) {
                ("-" | "/", 4, 1..=2) if blen <= 2 => (a as i32, b, c),
                ("/", 1..=2, 2 | 4) if blen <= 2 => {
                    let y = if clen == 2 {
                        two_digit_year(c)
                    } else {
                        c as i32
                    };
                    // Month first (English-language wires) unless that cannot be.
                    if a > 12 {
                        (y, b, a)
                    } else {
                        (y, a, b)
                    }
                }
                (".", 1..=2, 4) if blen <= 2 => (c as i32, b, a),
                _ => return None,
            };
            let rule = if alen == 4 {
                "iso-date"
            } else {
                "numeric-date"
            };
            return day_hit(j + 5, (y, m, d), rule);
        }
        // Year ranges: "2012-13", "2014-2016", "1990/91".
        if alen == 4 && matches!(sep, "-" | "/" | "\u{2013}") && self.free_right(j + 2) {
            let y = a as i32;
            let ok_first = (1900..=2099).contains(&y);
            let second = match blen {
                2 => (y / 100) * 100 + b as i32,
                4 => b as i32,
                _ => return None,
            };
            if ok_first && second > y && second - y <= 10 {
                return hit(j + 3, T::Date, format!("{y:04}"), "year-range");
            }
        }
        None
    }

    pub(super) fn weekday(&self, j: usize) -> Option<Hit> {
        let l = self.lx(j);
        if l.weekday == 0 || !self.cont(j) {
            return None;
        }
        let wd = l.weekday as u32;
        let mut k = j + 1;
        if l.weekday_abbr {
            if !(self.cap(j) && self.is(k, ".") && self.glued(k)) {
                return None;
            }
            k += 1;
        }
        if l.weekday_plural {
            let (v, e) = match self.lx(k).pod {
                Some(p) if self.cont(k) => (format!("XXXX-WXX-{wd}T{p}"), k + 1),
                _ => (format!("XXXX-WXX-{wd}"), k),
            };
            return hit(e, T::Set, v, "weekday-set");
        }
        // "Wednesday, March 16, 2016": the full date decides.
        let after = if self.is(k, ",") { k + 1 } else { k };
        if let Some(h) = self
            .month_forms(after)
            .or_else(|| self.day_month(after, false))
        {
            if h.is_void() {
                return no_such_day(h.end);
            }
            if h.rule.contains("day") {
                return hit(h.end, T::Date, h.value, "weekday-date");
            }
        }
        if let Some(p) = self.lx(k).pod {
            if self.cont(k) && !self.lx(k).weekday_plural {
                let fut = self.future(j, k + 1);
                let v = match self.weekday_date(wd, fut) {
                    Some(d) => format!("{}T{p}", ymd(d)),
                    None => format!("XXXX-WXX-{wd}T{p}"),
                };
                return hit(k + 1, T::Time, v, "weekday-part");
            }
        }
        let fut = self.future(j, k);
        let v = match self.weekday_date(wd, fut) {
            Some(d) => ymd(d),
            None => format!("XXXX-WXX-{wd}"),
        };
        hit(k, T::Date, v, "weekday")
    }

    pub(super) fn holiday(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        if !self.cap(j) {
            return None;
        }
        let (m, d, end) = match s.as_str() {
            "christmas" => {
                if self.is(j + 1, "eve") {
                    (12, 24, j + 2)
                } else if self.is(j + 1, "day") {
                    (12, 25, j + 2)
                } else {
                    (12, 25, j + 1)
                }
            }
            "halloween" => (10, 31, j + 1),
            "independence" if self.is(j + 1, "day") => (7, 4, j + 2),
            "valentine" if is_apostrophe(self.s(j + 1)) && self.is(j + 3, "day") => (2, 14, j + 4),
            "new" => {
                // New Year's Day / Eve
                if !(self.is(j + 1, "year") && self.cap(j + 1)) {
                    return None;
                }
                let k = if is_apostrophe(self.s(j + 2)) && self.is(j + 3, "s") {
                    j + 4
                } else {
                    j + 2
                };
                if self.is(k, "day") {
                    (1, 1, k + 1)
                } else if self.is(k, "eve") {
                    (12, 31, k + 1)
                } else {
                    return None;
                }
            }
            "thanksgiving" | "memorial" | "labor" | "labour" => {
                // Holidays on the n-th weekday of a month (US): (month, weekday, n;
                // n = 0 for the last one).
                let (m, wd, nth, end) = match s.as_str() {
                    "thanksgiving" => (11, 4, 4, if self.is(j + 1, "day") { j + 2 } else { j + 1 }),
                    "memorial" if self.is(j + 1, "day") => (5, 1, 0, j + 2),
                    "labor" | "labour" if self.is(j + 1, "day") => (9, 1, 1, j + 2),
                    _ => return None,
                };
                let tense = self.tense(j, end);
                let v = match self.year_for(m, 20, tense) {
                    Some(y) => ymd(nth_weekday(y, m, wd, nth)?),
                    None => format!("XXXX-{m:02}-XX"),
                };
                return hit(end, T::Date, v, "holiday");
            }
            _ => return None,
        };
        if let Some((y, e)) = self.trailing_year(end) {
            return day_hit(e, (y, m, d), "holiday");
        }
        let tense = self.tense(j, end);
        let y = self.year_for(m, d, tense).unwrap_or(UNKNOWN_YEAR);
        day_hit(end, (y, m, d), "holiday")
    }
}
