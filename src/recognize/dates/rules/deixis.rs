//! Expressions anchored at the reference date by a word that points at it:
//! "today", "tonight", "last night", "now", "recently", "these days", "the past",
//! "the weekend", "last week", "next Tuesday", "the previous day", "year-earlier",
//! "year-end", and seasons ("this summer", "the fall of 2015").

use super::super::is_apostrophe;
use super::super::lexicon::Unit;
use super::super::parser::{hit, Hit, Parser};
use super::super::screen::{Sense, Starts};
use super::super::values::{dur, shift_days, week, ymd};
use crate::record::{TimexMod as M, TimexType as T};
use chrono::Datelike;

/// `deictic` begins at these words.
pub(super) const DEICTIC_STARTS: Starts = Starts {
    words: &[
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "this",
        "last",
        "overnight",
    ],
    ..Starts::NONE
};
/// `refs` begins at these words.
pub(super) const REFS_STARTS: Starts = Starts {
    words: &[
        "now",
        "currently",
        "nowadays",
        "recently",
        "lately",
        "formerly",
        "these",
        "recent",
    ],
    ..Starts::NONE
};
/// `det_refs` (only after "the") begins at these words.
pub(super) const DET_REFS_STARTS: Starts = Starts {
    words: &[
        "past",
        "future",
        "present",
        "near",
        "distant",
        "foreseeable",
        "weekend",
        "year",
    ],
    ..Starts::NONE
};
/// `relative` begins at these words ("year" for "year-earlier" and "year-end").
pub(super) const RELATIVE_STARTS: Starts = Starts {
    words: &[
        "this",
        "current",
        "last",
        "previous",
        "prior",
        "past",
        "next",
        "coming",
        "following",
        "latest",
        "same",
        "year",
    ],
    ..Starts::NONE
};
/// `season` begins at a season or at the words that shift one.
pub(super) const SEASON_STARTS: Starts = Starts {
    senses: &[Sense::Season],
    words: &["this", "last", "next", "past", "coming"],
    ..Starts::NONE
};

impl Parser<'_> {
    /// today, yesterday, tomorrow, tonight, this morning, last night.
    pub(super) fn deictic(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        let off = match s.as_str() {
            "today" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            "tonight" => {
                let v = self.day_str(Some);
                return hit(j + 1, T::Time, format!("{v}TNI"), "deictic");
            }
            "this" | "last" => {
                let pod = self.lx(j + 1).pod?;
                if !self.cont(j + 1) || self.lx(j + 1).unit.is_some() {
                    return None;
                }
                if s == "last" && pod != "NI" {
                    return None;
                }
                let off = if s == "last" { -1 } else { 0 };
                let v = self.day_str(|r| shift_days(r, off));
                return hit(j + 2, T::Time, format!("{v}T{pod}"), "deictic");
            }
            "overnight" => {
                let v = self.day_str(Some);
                return hit(j + 1, T::Time, format!("{v}TNI"), "deictic");
            }
            _ => return None,
        };
        let v = self.day_str(|r| shift_days(r, off));
        if let Some(p) = self.lx(j + 1).pod {
            if self.cont(j + 1) {
                return hit(j + 2, T::Time, format!("{v}T{p}"), "deictic");
            }
        }
        hit(j + 1, T::Date, v, "deictic")
    }

    /// now, currently, recently, recent years, these days.
    pub(super) fn refs(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        let v = match s.as_str() {
            "now" | "currently" | "nowadays" => "PRESENT_REF",
            "recently" | "lately" | "formerly" => "PAST_REF",
            "these" if self.is(j + 1, "days") => {
                return hit(j + 2, T::Date, "PRESENT_REF".into(), "ref")
            }
            "recent" => {
                let l = self.lx(j + 1);
                if l.unit_plural && self.cont(j + 1) {
                    return hit(j + 2, T::Date, "PAST_REF".into(), "ref");
                }
                return None;
            }
            _ => return None,
        };
        if s == "now" && j > 0 && self.is(j - 1, "from") {
            return None;
        }
        hit(j + 1, T::Date, v.into(), "ref")
    }

    /// After "the": the past, the future, the present, the weekend, the year 2000.
    pub(super) fn det_refs(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        match s.as_str() {
            "past" => hit(j + 1, T::Date, "PAST_REF".into(), "ref"),
            "future" => hit(j + 1, T::Date, "FUTURE_REF".into(), "ref"),
            "present" if !self.any(j + 1, &["-", "day"]) => {
                hit(j + 1, T::Date, "PRESENT_REF".into(), "ref")
            }
            "near" | "distant" | "foreseeable" if self.is(j + 1, "future") => {
                hit(j + 2, T::Date, "FUTURE_REF".into(), "ref")
            }
            "weekend" => {
                let fut = self.future(j, j + 1);
                let v = self.weekend(if fut { 0 } else { -1 });
                hit(j + 1, T::Date, v, "weekend")
            }
            "year" => {
                let (y, e) = match self.year_at(j + 1) {
                    Some(y) => (y, j + 2),
                    None => self.spoken_year(j + 1)?,
                };
                hit(e, T::Date, format!("{y:04}"), "year")
            }
            _ => None,
        }
    }

    pub(super) fn weekend(&self, off: i64) -> String {
        match self.r {
            Some(r) => {
                // A weekend day is in its own weekend: shift from there.
                let wd = r.weekday().number_from_monday();
                let off = if wd >= 6 && off < 0 { 0 } else { off };
                format!("{}-WE", week(shift_days(r, 7 * off).unwrap_or(r)))
            }
            None => "XXXX-WXX-WE".into(),
        }
    }

    /// last/this/next + week, month, year, weekday, month name; "the previous day".
    pub(super) fn relative(&self, j: usize, det: bool) -> Option<Hit> {
        let s = self.low(j);
        let off: i32 = match s.as_str() {
            "this" | "current" => 0,
            "last" | "previous" | "prior" | "past" => -1,
            "next" | "coming" | "following" => 1,
            "latest" | "same" => 0,
            "year" => return self.year_ago(j, det),
            _ => return None,
        };
        if (s == "this" || s == "last" || s == "next") && det {
            return None;
        }
        let k = j + 1;
        if !self.cont(k) {
            return None;
        }
        let l = self.lx(k);
        // the coming days/weeks: the near future.
        if l.unit_plural && s == "coming" && !matches!(l.unit, Some(Unit::Second | Unit::Minute)) {
            return hit(k + 1, T::Date, "FUTURE_REF".into(), "ref");
        }
        if let Some(u) = l.unit {
            if l.unit_plural {
                return None;
            }
            // "the past year", "past week", "the last decade": a stretch of time.
            if s == "past" || det && s == "last" || det && s == "next" {
                return hit(k + 1, T::Duration, dur(Some(1.0), u), "duration");
            }
            if s == "same" {
                return None;
            }
            let v = match u {
                Unit::Day => {
                    if s == "this" || s == "current" || s == "last" || s == "latest" {
                        return None;
                    }
                    self.day_str(|r| shift_days(r, off as i64))
                }
                Unit::Week => self.week_str(off as i64),
                Unit::Month => self.month_shift(off),
                Unit::Quarter => {
                    if s == "latest" {
                        self.quarter_shift(-1)
                    } else {
                        self.quarter_shift(off)
                    }
                }
                Unit::Year => {
                    if s == "latest" {
                        return None;
                    }
                    self.year_shift(off)
                }
                Unit::Decade => match self.r {
                    Some(r) => format!("{:03}", r.year() / 10 + off),
                    None => "XXX".into(),
                },
                Unit::Century => match self.r {
                    Some(r) => format!("{:02}", r.year() / 100 + off),
                    None => "XX".into(),
                },
                _ => return None,
            };
            if s == "latest" && u != Unit::Quarter {
                return None;
            }
            return hit(k + 1, T::Date, v, "relative");
        }
        if self.is(k, "fiscal") && self.is(k + 1, "year") {
            return hit(k + 2, T::Date, self.year_shift(off), "relative");
        }
        if self.is(k, "weekend") {
            return hit(k + 1, T::Date, self.weekend(off as i64), "weekend");
        }
        if s == "latest" || s == "same" || s == "past" {
            return None;
        }
        if l.weekday != 0 && !l.weekday_plural && !l.weekday_abbr {
            let wd = l.weekday as u32;
            let v = match self.r {
                Some(r) => {
                    let cur = r.weekday().number_from_monday() as i64;
                    let delta = match off {
                        -1 => -((cur - wd as i64 + 7 - 1) % 7 + 1),
                        1 => (wd as i64 - cur + 7 - 1) % 7 + 1,
                        _ => wd as i64 - cur,
                    };
                    ymd(shift_days(r, delta)?)
                }
                None => format!("XXXX-WXX-{wd}"),
            };
            return hit(k + 1, T::Date, v, "relative-weekday");
        }
        if l.month != 0 && !l.month_abbr && self.cap(k) {
            let m = l.month as u32;
            let v = match self.r {
                Some(r) => {
                    let (y, rm) = (r.year(), r.month());
                    let y = match off {
                        -1 if m >= rm => y - 1,
                        1 if m <= rm => y + 1,
                        _ => y,
                    };
                    format!("{y:04}-{m:02}")
                }
                None => format!("XXXX-{m:02}"),
            };
            return hit(k + 1, T::Date, v, "relative-month");
        }
        None
    }

    /// "year-earlier", "year-ago", "the year-ago quarter".
    pub(super) fn year_ago(&self, j: usize, det: bool) -> Option<Hit> {
        // "year-end", "by year end", "year's end"
        let end_at = if self.is(j + 1, "-") && self.glued(j + 1) {
            Some(j + 2)
        } else if is_apostrophe(self.s(j + 1)) && self.is(j + 2, "s") {
            Some(j + 3)
        } else if j > 0 && self.any(j - 1, &["by", "at", "around", "since", "until", "before"]) {
            Some(j + 1)
        } else {
            None
        };
        if let Some(k) = end_at {
            if !det && self.is(k, "end") && self.cont(k) {
                let mut h = hit(k + 1, T::Date, self.year_shift(0), "relative")?;
                h.mod_ = Some(M::End);
                return Some(h);
            }
        }
        if !(self.is(j + 1, "-") && self.glued(j + 1) && self.any(j + 2, &["ago", "earlier"])) {
            return None;
        }
        let mut e = j + 3;
        let mut v = self.year_shift(-1);
        if self.cont(e) {
            if self.any(e, &["quarter", "period"]) {
                v = self.quarter_shift(-5);
                e += 1;
            } else if (1..=4).contains(&self.lx(e).ord) && self.is(e + 1, "quarter") {
                v = format!("{}-Q{}", self.year_shift(-1), self.lx(e).ord);
                e += 2;
            }
        }
        if det && e == j + 3 {
            return None;
        }
        hit(e, T::Date, v, "relative")
    }

    /// "this summer", "the fall of 2015", "spring 2016", "last winter".
    pub(super) fn season(&self, j: usize, det: bool) -> Option<Hit> {
        let s = self.low(j);
        let (rel, k) = match s.as_str() {
            "this" | "last" | "next" | "past" | "coming" => (Some(s.as_str()), j + 1),
            _ => (None, j),
        };
        if rel.is_some() && det && s != "past" && s != "coming" {
            return None;
        }
        let code = self.lx(k).season?;
        if !self.cont(k) {
            return None;
        }
        if let Some((y, e)) = self.trailing_year(k + 1) {
            return hit(e, T::Date, format!("{y:04}-{code}"), "season");
        }
        let prev_prep = j > 0 && self.any(j - 1, &["in", "during", "since", "until", "by", "this"]);
        if rel.is_none() {
            if !(det || prev_prep && s != "fall") || self.is(k + 1, "of") {
                return None;
            }
            if self.glued(k + 1) && self.is(k + 1, "-") {
                return None;
            }
        }
        let start = match code {
            "SP" => 3,
            "SU" => 6,
            "FA" => 9,
            _ => 12,
        };
        let v = match self.r {
            Some(r) => {
                let (y, m) = (r.year(), r.month());
                // The season the reference date is in starts in month `cur`.
                let cur = match m {
                    3..=5 => 3,
                    6..=8 => 6,
                    9..=11 => 9,
                    _ => 12,
                };
                let cur_year = if m <= 2 { y - 1 } else { y };
                let y = match rel {
                    Some("last") | Some("past") => {
                        if start < cur {
                            cur_year
                        } else {
                            cur_year - 1
                        }
                    }
                    Some("next") | Some("coming") => {
                        if start > cur {
                            cur_year
                        } else {
                            cur_year + 1
                        }
                    }
                    Some(_) => cur_year,
                    None => {
                        let fut = self.future(j, k + 1);
                        if fut && start < cur {
                            cur_year + 1
                        } else if !fut && start > cur {
                            cur_year - 1
                        } else {
                            cur_year
                        }
                    }
                };
                format!("{y:04}-{code}")
            }
            None => format!("XXXX-{code}"),
        };
        hit(k + 1, T::Date, v, "season")
    }
}
