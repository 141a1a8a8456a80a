//! The state the date rules share: the tokens of one text, the lexicon and the
//! reference date, with the helpers through which every rule reads tokens (case,
//! spacing, numbers), finds the tense of a sentence and shifts the reference date.
//! The rules themselves are in `rules`; value formatting is in `values`.

use super::lexicon::{Lex, Lexicon};
use super::screen::Screen;
use super::values::{add_months, shift_days, week, ymd};
use super::{Kind, Tok, NO_LEX};
use crate::record::{TimexMod, TimexType};
use crate::text::words::WordIndex;
use chrono::{Datelike, NaiveDate};

/// One recognised expression starting at the token `parse` was called with.
#[derive(Debug)]
pub(crate) struct Hit {
    /// Token index one past the last token.
    pub end: usize,
    pub timex: TimexType,
    pub value: String,
    pub mod_: Option<TimexMod>,
    pub rule: &'static str,
}

pub(super) fn hit(end: usize, timex: TimexType, value: String, rule: &'static str) -> Option<Hit> {
    Some(Hit {
        end,
        timex,
        value,
        mod_: None,
        rule,
    })
}

/// An expression that names a day no calendar has ("Feb. 29, 2017"): read, so that
/// no part of it is proposed alone, but no mention (see `values::calendar_date`).
pub(super) fn no_such_day(end: usize) -> Option<Hit> {
    hit(end, TimexType::Date, String::new(), "no-such-day")
}

impl Hit {
    /// Whether this is a [`no_such_day`]: every expression has a value.
    pub(crate) fn is_void(&self) -> bool {
        self.value.is_empty()
    }
}

/// Keeps the longer of two hits (the first on ties).
pub(super) fn better(best: &mut Option<Hit>, h: Option<Hit>) {
    if let Some(h) = h {
        if best.as_ref().is_none_or(|b| h.end > b.end) {
            *best = Some(h);
        }
    }
}

/// A token's lower-case form as the lexicon spells it ("" for unknown words), so rules
/// compare words without allocating or re-casing.
#[derive(Clone, Copy)]
pub(super) struct Low(&'static str);

impl Low {
    pub(super) fn as_str(&self) -> &'static str {
        self.0
    }
}

impl PartialEq<&str> for Low {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// The longer word lists of the rules as [`WordIndex`] sets (one look-up instead of a
/// scan of up to 90 words), built once with the recogniser.
pub(crate) struct WordSets {
    pub(super) may_before: WordIndex,
    pub(super) year_before: WordIndex,
    pub(super) count_nouns: WordIndex,
    pub(super) not_year_before: WordIndex,
    pub(super) future_cues: WordIndex,
    pub(super) past_cues: WordIndex,
}

impl WordSets {
    pub(crate) fn new() -> WordSets {
        use super::rules::{calendar, years};
        let set = |list: &[&str]| {
            let mut ix = WordIndex::with_capacity(list.len());
            for w in list {
                ix.insert(w, 0);
            }
            ix
        };
        WordSets {
            may_before: set(calendar::MAY_BEFORE),
            year_before: set(years::YEAR_BEFORE),
            count_nouns: set(years::COUNT_NOUNS),
            not_year_before: set(years::NOT_YEAR_BEFORE),
            future_cues: set(FUTURE_CUES),
            past_cues: set(PAST_CUES),
        }
    }
}

pub(crate) struct Parser<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub lex: &'a Lexicon,
    pub sets: &'a WordSets,
    /// Which rules `core` tries at a token (see [`Screen`]).
    pub screen: &'a Screen,
    pub r: Option<NaiveDate>,
    /// The token `parse` started at: it may follow a line break, later ones may not.
    pub start: std::cell::Cell<usize>,
}

const EMPTY: Lex = Lex {
    month: 0,
    month_abbr: false,
    weekday: 0,
    weekday_abbr: false,
    weekday_plural: false,
    unit: None,
    unit_plural: false,
    num: 0,
    ord: 0,
    season: None,
    pod: None,
    function: false,
    start: false,
};

const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "plans",
    "plan",
    "planned",
    "planning",
    "scheduled",
    "expected",
    "expects",
    "expect",
    "upcoming",
    "due",
    "intends",
    "hopes",
    "going",
    "wo",
    "ll",
    "may",
    "might",
    "to",
    "until",
    "soon",
    "early",
];
const PAST_CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "announced",
    "reported",
    "came",
    "went",
    "began",
    "took",
    "made",
    "met",
    "held",
    "left",
    "gave",
    "saw",
    "won",
    "lost",
    "fell",
    "rose",
    "spoke",
    "wrote",
    "became",
    "got",
    "sent",
    "found",
    "signed",
];

impl<'a> Parser<'a> {
    pub(super) fn n(&self) -> usize {
        self.toks.len()
    }

    pub(super) fn s(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.s..t.e],
            None => "",
        }
    }

    /// Token `i` in lower case if the lexicon knows it, else "".
    pub(super) fn low(&self, i: usize) -> Low {
        match self.toks.get(i) {
            Some(t) if t.lex != NO_LEX => Low(self.lex.word(t.lex)),
            _ => Low(""),
        }
    }

    /// The bytes of token `i` ("" past the end): `s` without the `str` boundary
    /// checks, for comparisons.
    pub(super) fn bytes(&self, i: usize) -> &'a [u8] {
        match self.toks.get(i) {
            Some(t) => &self.text.as_bytes()[t.s..t.e],
            None => b"",
        }
    }

    pub(super) fn is(&self, i: usize, w: &str) -> bool {
        i < self.n() && self.bytes(i).eq_ignore_ascii_case(w.as_bytes())
    }

    pub(super) fn any(&self, i: usize, ws: &[&str]) -> bool {
        i < self.n() && {
            let s = self.bytes(i);
            ws.iter().any(|w| s.eq_ignore_ascii_case(w.as_bytes()))
        }
    }

    /// Token `i` exists and is a word of `set` (any ASCII case): `any` for the long
    /// lists.
    pub(super) fn in_set(&self, i: usize, set: &WordIndex) -> bool {
        i < self.n() && set.get_bytes(self.bytes(i)).is_some()
    }

    pub(super) fn lx(&self, i: usize) -> &'a Lex {
        match self.toks.get(i) {
            Some(t) if t.lex != NO_LEX => self.lex.get(t.lex),
            _ => &EMPTY,
        }
    }

    /// Token `i` exists and touches the previous one.
    pub(super) fn glued(&self, i: usize) -> bool {
        i < self.n() && self.toks[i].glued
    }

    /// Token `i` exists and is on the same line as the previous one.
    pub(super) fn cont(&self, i: usize) -> bool {
        i < self.n() && (!self.toks[i].nl || i == self.start.get())
    }

    pub(super) fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub(super) fn cap(&self, i: usize) -> bool {
        self.s(i)
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_uppercase)
    }

    /// The value and digit count of a digit token.
    pub(super) fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        let digits = &self.text.as_bytes()[t.s..t.e];
        if t.kind != Kind::Num || digits.len() > 9 {
            return None;
        }
        // At most nine ASCII digits: no overflow, the value `str::parse` gives.
        let v = digits
            .iter()
            .fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
        Some((v, digits.len()))
    }

    /// A number token that is not glued into a larger number or code on its right.
    pub(super) fn free_right(&self, i: usize) -> bool {
        let j = i + 1;
        if !self.glued(j) {
            return true;
        }
        let s = self.s(j);
        let next_num = self.glued(j + 1) && self.kind(j + 1) == Some(Kind::Num);
        !(matches!(s, "," | "." | ":" | "/") && next_num
            || s == "%"
            || matches!(self.kind(j), Some(Kind::Word | Kind::Num | Kind::Mixed)))
    }

    /// A number token that is not glued into a larger number or code on its left.
    pub(super) fn free_left(&self, i: usize) -> bool {
        if i == 0 || !self.glued(i) {
            return true;
        }
        let p = self.s(i - 1);
        if matches!(p, "$" | "#" | "\u{a3}" | "\u{20ac}") {
            return false;
        }
        if p == "-" && i >= 2 && self.any(i - 2, &["mid", "pre", "post"]) {
            return true;
        }
        if matches!(p, "-" | "/" | "." | "," | ":" | "\u{2013}") {
            return !(i >= 2 && self.glued(i - 1) && self.kind(i - 2) != Some(Kind::Punct));
        }
        self.kind(i - 1) == Some(Kind::Punct)
    }

    /// Whether the sentence around tokens `a..b` speaks of the future: the nearest
    /// tense cue to the left (then to the right) decides; past by default.
    pub(super) fn future(&self, a: usize, b: usize) -> bool {
        self.tense(a, b).unwrap_or(false)
    }

    /// The nearest tense cue around tokens `a..b`: future, past, or none found.
    pub(super) fn tense(&self, a: usize, b: usize) -> Option<bool> {
        let boundary = |i: usize| matches!(self.s(i), "." | "!" | "?" | ";" | "\"");
        let cue = |i: usize| -> Option<bool> {
            let s = self.s(i);
            if s.eq_ignore_ascii_case("next") && i + 1 == a {
                return None;
            }
            if self.sets.future_cues.contains(s) {
                // "had been scheduled to", "was due": a past plan.
                if i >= 1 && self.any(i - 1, &["had", "been", "was", "were"]) {
                    return Some(false);
                }
                if s.eq_ignore_ascii_case("soon") || s.eq_ignore_ascii_case("early") {
                    // "as soon as Tuesday", "as early as Tuesday"
                    return (self.is(i + 1, "as") && i + 2 == a).then_some(true);
                }
                if s.eq_ignore_ascii_case("to") {
                    // Only "going to", "set to", "is to": bare "to" is too common.
                    return (i > 0 && self.any(i - 1, &["going", "set", "is", "are", "due"]))
                        .then_some(true);
                }
                return Some(true);
            }
            // "will be held": a participle after "be" says nothing; read on.
            let after_be = i > 0 && self.any(i - 1, &["be", "being"]);
            if self.sets.past_cues.contains(s) {
                return (!after_be).then_some(false);
            }
            let lower = s.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
            if lower && s.len() >= 5 && s.ends_with("ed") {
                return (!after_be).then_some(false);
            }
            None
        };
        let mut i = a;
        let mut steps = 0;
        while i > 0 && steps < 12 {
            i -= 1;
            steps += 1;
            if boundary(i) || self.toks[i + 1].nl {
                break;
            }
            if let Some(f) = cue(i) {
                return Some(f);
            }
        }
        let mut i = b;
        while i < self.n() && i < b + 8 {
            if boundary(i) || self.toks[i].nl {
                break;
            }
            if let Some(f) = cue(i) {
                return Some(f);
            }
            i += 1;
        }
        None
    }

    pub(super) fn day_str(&self, f: impl FnOnce(NaiveDate) -> Option<NaiveDate>) -> String {
        match self.r.and_then(f) {
            Some(d) => ymd(d),
            None => "XXXX-XX-XX".into(),
        }
    }

    pub(super) fn week_str(&self, off: i64) -> String {
        match self.r.and_then(|r| shift_days(r, 7 * off)) {
            Some(d) => week(d),
            None => "XXXX-WXX".into(),
        }
    }

    pub(super) fn month_shift(&self, off: i32) -> String {
        match self.r {
            Some(r) => {
                let (y, m) = add_months(r.year(), r.month(), off);
                format!("{y:04}-{m:02}")
            }
            None => "XXXX-XX".into(),
        }
    }

    pub(super) fn year_shift(&self, off: i32) -> String {
        match self.r {
            Some(r) => format!("{:04}", r.year() + off),
            None => "XXXX".into(),
        }
    }

    pub(super) fn quarter_shift(&self, off: i32) -> String {
        match self.r {
            Some(r) => {
                let q = (r.year() * 4 + (r.month0() as i32 / 3)) + off;
                format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
            }
            None => "XXXX-QX".into(),
        }
    }

    /// The year of a month (and day; 0 = the whole month) named without one: the year
    /// that puts it nearest the reference date, where a date on the wrong side of it
    /// for the sentence's tense counts 240 days farther.
    pub(super) fn year_for(&self, m: u32, d: u32, tense: Option<bool>) -> Option<i32> {
        let r = self.r?;
        let day = if d == 0 { 15 } else { d.min(28) };
        let mut best = (i64::MAX, r.year());
        for y in [r.year() - 1, r.year(), r.year() + 1] {
            let Some(c) = NaiveDate::from_ymd_opt(y, m, day) else {
                continue;
            };
            let dist = (c - r).num_days();
            let wrong_side = match tense {
                Some(true) => dist < 0,
                Some(false) => dist > 0,
                None => false,
            };
            let score = dist.abs() + if wrong_side { 240 } else { 0 };
            if score < best.0 {
                best = (score, y);
            }
        }
        Some(best.1)
    }

    pub(super) fn weekday_date(&self, wd: u32, fut: bool) -> Option<NaiveDate> {
        let r = self.r?;
        let cur = r.weekday().number_from_monday();
        if wd == cur {
            return Some(r);
        }
        if fut {
            shift_days(r, ((wd + 7 - cur) % 7) as i64)
        } else {
            shift_days(r, -(((cur + 7 - wd) % 7) as i64))
        }
    }
}
