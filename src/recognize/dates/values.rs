//! TIMEX3 values built from calendar parts: days, ISO weeks, durations, and the
//! calendar arithmetic the rules share (shifting days and months, the n-th weekday of
//! a month, two-digit years, 12-hour clocks).

use super::lexicon::Unit;
use chrono::{Datelike, Days, NaiveDate};

pub(super) const UNKNOWN_YEAR: i32 = i32::MIN;

pub(super) fn y4(y: i32) -> String {
    if y == UNKNOWN_YEAR {
        "XXXX".into()
    } else {
        format!("{y:04}")
    }
}

/// The `nth` (1-based; 0 = last) ISO weekday `wd` of month `m` in year `y`.
pub(super) fn nth_weekday(y: i32, m: u32, wd: u32, nth: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let to = (wd + 7 - first.weekday().number_from_monday()) % 7;
    let mut d = shift_days(first, to as i64)?;
    if nth == 0 {
        while let Some(next) = shift_days(d, 7).filter(|n| n.month() == m) {
            d = next;
        }
        return Some(d);
    }
    shift_days(d, 7 * (nth as i64 - 1))
}

/// "14th" -> 14.
pub(super) fn ordinal_digits(s: &str) -> Option<u32> {
    let n = s.len();
    if n < 3 {
        return None;
    }
    let (d, suf) = s.split_at(n - 2);
    if !matches!(suf.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
        || !d.bytes().all(|b| b.is_ascii_digit())
        || d.len() > 2
    {
        return None;
    }
    d.parse().ok()
}

pub(super) fn to24(h: u32, pm: bool) -> Option<u32> {
    if !(1..=12).contains(&h) {
        return None;
    }
    Some(match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    })
}

pub(super) fn two_digit_year(y: u32) -> i32 {
    if y < 50 {
        2000 + y as i32
    } else {
        1900 + y as i32
    }
}

/// The TIMEX3 value of day `d` of month `m` in year `y` ([`UNKNOWN_YEAR`]: `XXXX`), or
/// `None` when that day does not exist: every full calendar date a rule builds from
/// the parts it read (a day, a month, a written or inferred year) is made here.
///
/// A day that cannot exist ("Feb. 29" in 2017, "June 31", "13/13/2015") gets no
/// value, and the expression that names it no mention (the rule reads it as a
/// `parser::no_such_day`, so that neither its month nor its year is proposed alone):
/// the text names no real day, and moving it to another day or year, or keeping only
/// the month, would give an answer that looks right and is not. With no year known,
/// every day some year has is allowed (Feb. 29 included).
pub(super) fn calendar_date(y: i32, m: u32, d: u32) -> Option<String> {
    if y == UNKNOWN_YEAR {
        // 2000 is a leap year: it has every day that any year has.
        NaiveDate::from_ymd_opt(2000, m, d)?;
        return Some(format!("XXXX-{m:02}-{d:02}"));
    }
    NaiveDate::from_ymd_opt(y, m, d).map(ymd)
}

pub(super) fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

pub(super) fn add_months(y: i32, m: u32, off: i32) -> (i32, u32) {
    let t = y * 12 + (m as i32 - 1) + off;
    (t.div_euclid(12), t.rem_euclid(12) as u32 + 1)
}

pub(super) fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub(super) fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// TIMEX3 duration value: `P5Y`, `PT24H`, `P3W`, `PXY` (vague).
pub(super) fn dur(v: Option<f64>, u: Unit) -> String {
    let (mul, code) = match u {
        Unit::Second => (1.0, "S"),
        Unit::Minute => (1.0, "M"),
        Unit::Hour => (1.0, "H"),
        Unit::Day => (1.0, "D"),
        Unit::Week => (1.0, "W"),
        Unit::Fortnight => (2.0, "W"),
        Unit::Month => (1.0, "M"),
        Unit::Quarter => (1.0, "Q"),
        Unit::Year => (1.0, "Y"),
        Unit::Decade => (10.0, "Y"),
        Unit::Century => (100.0, "Y"),
    };
    let t = if u.is_time() { "T" } else { "" };
    match v {
        Some(x) => {
            let x = x * mul;
            if x.fract() == 0.0 {
                return format!("P{t}{}{code}", x as i64);
            }
            // "2 1/2 years" = P2Y6M: the fraction in the next smaller unit when whole.
            let (int, frac) = (x.trunc() as i64, x.fract());
            let smaller = match u {
                Unit::Year | Unit::Decade | Unit::Century => Some((12.0, "M", "")),
                Unit::Month => Some((30.0, "D", "")),
                Unit::Week | Unit::Fortnight => None,
                Unit::Day => Some((24.0, "H", "T")),
                Unit::Hour => Some((60.0, "M", "")),
                Unit::Minute => Some((60.0, "S", "")),
                _ => None,
            };
            match smaller {
                Some((k, c2, t2)) if (frac * k).fract().abs() < 1e-9 => {
                    let head = if int > 0 {
                        format!("{int}{code}")
                    } else {
                        String::new()
                    };
                    format!("P{t}{head}{t2}{}{c2}", (frac * k) as i64)
                }
                _ => format!("P{t}{x}{code}"),
            }
        }
        None => match u {
            Unit::Decade => "PXDE".into(),
            Unit::Century => "PXCE".into(),
            _ => format!("P{t}X{code}"),
        },
    }
}
