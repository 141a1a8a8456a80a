//! What is not a figure: numbers that are times, durations, days and years, ages,
//! list numbers, codes, phone numbers and model names ("Su-25", "Boeing 747"), and
//! "one" as a pronoun. These checks read the tokens around an amount already parsed.

use super::amount::Amount;
use super::unit::{Side, Sort};
use super::{FigureInfo, Found, Kind, Parser};

impl Parser<'_> {
    pub(super) fn time_unit_at(&self, i: usize) -> bool {
        if i >= self.toks.len() {
            return false;
        }
        let w = self.w(i);
        if self.rec.time_units.contains(w) {
            return true;
        }
        // "a.m." is "a" "." "m" "."; "o'clock" is "o" "'" "clock".
        let ampm = (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
            && self.w(i + 1) == "."
            && self.glued(i + 1)
            && self.is(i + 2, "m");
        let oclock = w.eq_ignore_ascii_case("o")
            && matches!(self.w(i + 1), "'" | "\u{2019}")
            && self.is(i + 2, "clock");
        // "four in the morning"
        let part_of_day = w.eq_ignore_ascii_case("in")
            && self.is(i + 1, "the")
            && ["morning", "afternoon", "evening"]
                .iter()
                .any(|p| self.is(i + 2, p));
        ampm || oclock || part_of_day
    }

    /// A date context makes a number a day or a year: "March 14", "14 March", "in 2015".
    pub(super) fn date_context(&self, a: &Amount) -> bool {
        let i = a.start;
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let prev2 = if i > 1 { self.w(i - 2) } else { "" };
        let next = self.w(a.end);
        let v = a.value.unwrap_or(-1.0);
        let day = !a.words && (1.0..=31.0).contains(&v) && v.fract() == 0.0;
        if day
            && (self.rec.months.contains(prev)
                || (prev == "." && self.rec.months.contains(prev2))
                || self.rec.months.contains(next))
        {
            return true;
        }
        if a.year_like {
            return true;
        }
        false
    }

    /// Numbers that are ages, years, list numbers or fractions of a period: "John
    /// Smith, 40,", "aged 18", "in '89", "the 60's", "2. Low risk", "the first half".
    pub(super) fn not_a_count(&self, side: &Side, i: usize) -> bool {
        if side.sort != Sort::Count {
            return false;
        }
        let a = side.amount;
        let s = a.start;
        let prev = if s > 0 { self.w(s - 1) } else { "" };
        let prev2 = if s > 1 { self.w(s - 2) } else { "" };
        let next = self.w(a.end);
        let v = a.value.unwrap_or(0.0);
        let whole = v.fract() == 0.0 && !a.words;
        // Ages: "Smith, 40, said", "aged 18", "at age 18", "the age of 11".
        if whole && (1.0..120.0).contains(&v) {
            let after_name = prev == ","
                && prev2.chars().next().is_some_and(char::is_uppercase)
                && matches!(next, "," | ".")
                && s == i;
            let after_age = matches!(prev, "age" | "aged" | "Age" | "Aged")
                || (prev == "of" && prev2.eq_ignore_ascii_case("age"));
            if after_name || after_age {
                return true;
            }
        }
        // Abbreviated years and decades: "'89", "the 60's".
        if !a.words
            && ((matches!(prev, "'" | "\u{2019}") && self.glued(s))
                || (matches!(next, "'" | "\u{2019}")
                    && self.glued(a.end)
                    && self.is(a.end + 1, "s")))
        {
            return true;
        }
        // List numbers at the start of a line: "2. Low risk."
        if whole && s == i && matches!(next, "." | ")") && self.glued(a.end) {
            let line = &self.text[..self.toks[s].s];
            let since_nl = &line[line.rfind('\n').map_or(0, |p| p + 1)..];
            if since_nl.trim().is_empty() {
                return true;
            }
        }
        // "the first half", "the first three-quarters of the year".
        if a.words && v < 1.0 {
            let ord = [
                "first", "second", "third", "fourth", "last", "latter", "final",
            ];
            if ord.iter().any(|o| prev.eq_ignore_ascii_case(o)) {
                return true;
            }
        }
        false
    }

    /// Final filters on word numbers that are more often not figures: "one" as a
    /// pronoun ("no one", "one of the ...", "the one who"), lone small number words
    /// inside idioms.
    pub(super) fn keep(&self, start: usize, end: usize, info: &FigureInfo, a: Amount) -> bool {
        if !a.words || end - start > 1 || a.end - a.start > 1 {
            return true;
        }
        let w = self.w(a.start);
        if !w.eq_ignore_ascii_case("one") {
            return true;
        }
        let prev = if a.start > 0 {
            self.w(a.start - 1).to_ascii_lowercase()
        } else {
            String::new()
        };
        if matches!(
            prev.as_str(),
            "no" | "the"
                | "this"
                | "that"
                | "any"
                | "every"
                | "each"
                | "which"
                | "what"
                | "another"
                | "other"
                | "last"
                | "next"
                | "little"
                | "such"
                | "someone"
                | "anyone"
                | "everyone"
                | "'s"
                | "s"
                | "one"
                | "first"
                | "right"
                | "big"
                | "new"
                | "single"
                | "good"
        ) {
            return false;
        }
        let next = self.w(a.end).to_ascii_lowercase();
        if matches!(
            next.as_str(),
            "of" | "another"
                | "'"
                | "who"
                | "which"
                | "that"
                | "can"
                | "could"
                | "will"
                | "would"
                | "should"
                | "might"
                | "must"
                | "may"
                | "does"
                | "did"
                | "has"
                | "had"
                | "is"
                | "was"
                | "thing"
                | "way"
                | "day"
                | "hand"
                | "side"
                | "more"
                | "or"
                | "and"
                | "after"
                | "by"
                | "on"
                | "at"
                | "in"
                | "to"
                | "for"
                | "with"
                | "from"
                | "as"
                | "else"
                | "too"
                | "i"
                | "you"
                | "he"
                | "she"
                | "we"
                | "they"
                | "it"
        ) {
            return false;
        }
        let _ = info;
        // "a one-time fee", "a one-point lead" (but "one-year" is a duration, skipped
        // before we get here).
        if next == "-" && self.glued(a.end) && self.glued(a.end + 1) {
            return true;
        }
        // Sentence-final or before punctuation: "the only one." / "one, two".
        !matches!(
            next.as_str(),
            "." | "," | "?" | "!" | ";" | ":" | "" | "\"" | "-" | ")"
        )
    }

    /// Whether the figure whose first side `first` begins at token `i` (after any
    /// qualifier) is something else: a time, code, phone number, date, model name,
    /// duration, age or list number. Then the tokens to skip.
    pub(super) fn not_a_figure(&self, i: usize, first: &Side) -> Option<Found> {
        let a = first.amount;
        if !a.words {
            if let Some(skip) = self.not_a_number(i, first) {
                return Some(skip);
            }
        }
        // "a year or two", "an hour or two".
        if first.sort == Sort::Count
            && a.start >= 2
            && self.is(a.start - 1, "or")
            && self.time_unit_at(a.start - 2)
        {
            return Some(Found::Skip(first.end));
        }
        if self.not_a_count(first, i) {
            return Some(Found::Skip(first.end));
        }
        // Durations and times: "three weeks", "five-year", "10 a.m.".
        let after =
            if self.w(first.end) == "-" && self.glued(first.end) && self.glued(first.end + 1) {
                first.end + 1
            } else {
                first.end
            };
        if first.sort == Sort::Count && self.time_unit_at(after) {
            return Some(Found::Skip(after + 1));
        }
        if first.sort == Sort::Count
            && (self.is(after, "and") || self.is(after, "-"))
            && self.is(after + 1, "a")
            && self.is(after + 2, "half")
            && self.time_unit_at(after + 3)
        {
            return Some(Found::Skip(after + 4));
        }
        if first.sort == Sort::Count
            && self.is(after, "or")
            && self.small_word(after + 1).is_some()
            && self.time_unit_at(after + 2)
        {
            return Some(Found::Skip(after + 3));
        }
        None
    }

    /// The checks of [`Parser::not_a_figure`] for an amount in digits.
    fn not_a_number(&self, i: usize, first: &Side) -> Option<Found> {
        let a = first.amount;
        let k = a.end;
        // Time "12:41", score-like or clock "9.30 a.m.".
        if self.w(k) == ":" && self.glued(k) && self.kind(k + 1) == Some(Kind::Num) {
            return Some(Found::Skip(k + 2));
        }
        // Codes and phone numbers: "555-1234", "1-800-555-0199", "16-9a".
        if self.w(k) == "-" && self.glued(k) && self.glued(k + 1) {
            if matches!(self.kind(k + 1), Some(Kind::Mixed)) {
                return Some(Found::Skip(k + 2));
            }
            if self.kind(k + 1) == Some(Kind::Num)
                && self.w(k + 2) == "-"
                && self.glued(k + 2)
                && self.kind(k + 3) == Some(Kind::Num)
            {
                // Skip the whole chain: "1-800-555-0199".
                let mut end = k + 4;
                while self.w(end) == "-"
                    && self.glued(end)
                    && self.kind(end + 1) == Some(Kind::Num)
                    && self.glued(end + 1)
                {
                    end += 2;
                }
                return Some(Found::Skip(end));
            }
            let raw1 = self.w(a.start);
            let raw2 = self.w(k + 1);
            if raw1.len() == 3
                && raw2.len() == 4
                && !raw1.contains(',')
                && !raw2.contains(',')
                && a.value < Some(self.num_value(k + 1))
            {
                return Some(Found::Skip(k + 2));
            }
        }
        // A year-like number counting a known noun ("1500 troops") stays a figure;
        // money, percentages and measures never reach here as dates.
        if first.sort == Sort::Count
            && self.date_context(&a)
            && self.phrase(&self.rec.count_units, k).is_none()
        {
            return Some(Found::Skip(k));
        }
        // "Boeing 747", "Windows 95", "Chapter 11": a number right after a capitalised
        // word that is not a sentence start names a thing.
        if a.start == i && i > 0 && self.kind(i - 1) == Some(Kind::Word) {
            let prev = self.w(i - 1);
            let cap = prev.chars().next().is_some_and(|c| c.is_uppercase());
            let starts_sentence = i < 2
                || matches!(
                    self.w(i - 2),
                    "." | "!" | "?" | "\"" | "\u{201c}" | ":" | "("
                )
                || self.text[..self.toks[i - 1].s].ends_with('\n');
            if cap
                && !starts_sentence
                && !self.rec.months.contains(prev)
                && prev.len() > 1
                && first.sort == Sort::Count
                && !prev.eq_ignore_ascii_case("I")
            {
                return Some(Found::Skip(k));
            }
        }
        None
    }
}
