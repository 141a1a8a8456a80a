//! Clock times: "10:30 p.m.", "10am", "3 o'clock", "noon", "midnight", with an
//! optional time zone and a date after them ("10 p.m. Wednesday").

use super::super::parser::{better, hit, Hit, Parser};
use super::super::screen::{Class, Sense, Starts};
use super::super::values::to24;
use super::super::Kind;
use crate::record::TimexType as T;

/// `time` begins at a number, "10am", a number word up to twelve ("three
/// o'clock"), "noon", "midday" or "midnight".
pub(super) const TIME_STARTS: Starts = Starts {
    classes: &[Class::Number, Class::Mixed],
    senses: &[Sense::Number(1, 12)],
    words: &["noon", "midday", "midnight"],
};

const TIMEZONES: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST",
    "ET", "PT", "CT", "MT", "JST", "IST", "AEST", "AEDT", "MSK",
];

impl Parser<'_> {
    /// "a.m.", "pm", "AM": (is pm, end).
    pub(super) fn ampm(&self, k: usize) -> Option<(bool, usize)> {
        if !self.cont(k) {
            return None;
        }
        let s = self.s(k);
        if s.eq_ignore_ascii_case("am") || s.eq_ignore_ascii_case("pm") {
            let pm = s.eq_ignore_ascii_case("pm");
            let e = k + 1;
            return Some((pm, e));
        }
        if (s.eq_ignore_ascii_case("a") || s.eq_ignore_ascii_case("p"))
            && self.is(k + 1, ".")
            && self.glued(k + 1)
            && self.is(k + 2, "m")
            && self.glued(k + 2)
        {
            let e = if self.is(k + 3, ".") && self.glued(k + 3) {
                k + 4
            } else {
                k + 3
            };
            return Some((s.eq_ignore_ascii_case("p"), e));
        }
        None
    }

    pub(super) fn time(&self, j: usize) -> Option<Hit> {
        let (mut h, mi, mut k);
        let s = self.low(j);
        match self.kind(j)? {
            Kind::Num => {
                let (hh, len) = self.num(j)?;
                if len > 2 || hh > 24 || !self.free_left(j) {
                    return None;
                }
                h = hh;
                if self.is(j + 1, ":") && self.glued(j + 1) && self.glued(j + 2) {
                    let (mm, mlen) = self.num(j + 2)?;
                    if mlen != 2 || mm > 59 {
                        return None;
                    }
                    mi = mm;
                    k = j + 3;
                    if self.is(k, ":") && self.glued(k) && self.num(k + 1).is_some_and(|x| x.1 == 2)
                    {
                        k += 2;
                    }
                    if let Some((pm, e)) = self.ampm(k) {
                        h = to24(h, pm)?;
                        k = e;
                    }
                } else {
                    let (pm, e) = self.ampm(j + 1)?;
                    h = to24(h, pm)?;
                    mi = 0;
                    k = e;
                }
            }
            Kind::Mixed => {
                // "10am", "7pm"
                let t = self.s(j);
                if t.len() < 3 || !t.is_char_boundary(t.len() - 2) {
                    return None;
                }
                let (digits, suffix) = t.split_at(t.len() - 2);
                let pm = if suffix.eq_ignore_ascii_case("pm") {
                    true
                } else if suffix.eq_ignore_ascii_case("am") {
                    false
                } else {
                    return None;
                };
                h = to24(digits.parse().ok()?, pm)?;
                mi = 0;
                k = j + 1;
            }
            Kind::Word => match s.as_str() {
                "noon" | "midday" => {
                    h = 12;
                    mi = 0;
                    k = j + 1;
                }
                "midnight" => {
                    h = 24;
                    mi = 0;
                    k = j + 1;
                }
                _ => {
                    let n = self.lx(j).num as u32;
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    mi = 0;
                    if self.is(j + 1, "o") && self.glued(j + 2) && self.is(j + 3, "clock") {
                        h = n;
                        k = j + 4;
                    } else {
                        let (pm, e) = self.ampm(j + 1)?;
                        h = to24(n, pm)?;
                        k = e;
                    }
                }
            },
            Kind::Punct => return None,
        }
        if self.cont(k) && TIMEZONES.contains(&self.s(k)) {
            k += 1;
        }
        // A date right after: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9".
        let after = if self.is(k, ",") { k + 1 } else { k };
        let mut date = None;
        if self.cont(after) {
            let mut d = self.weekday(after);
            better(&mut d, self.deictic(after).filter(|h| h.timex == T::Date));
            better(
                &mut d,
                self.month_forms(after).filter(|h| h.rule.contains("day")),
            );
            if let Some(d) = d.filter(|d| d.timex == T::Date && !d.is_void()) {
                k = d.end;
                date = Some(d.value);
            }
        }
        let date = date.unwrap_or_else(|| self.day_str(Some));
        hit(k, T::Time, format!("{date}T{h:02}:{mi:02}"), "time")
    }
}
