//! Dates and times as TIMEX3 (type, value, mod), resolved against the reference date.
//!
//! The recogniser cuts the text into ASCII tokens (words, digit runs, mixed runs such
//! as `1990s` or `14th`, single punctuation) with one pass and one dictionary look-up
//! per word, then runs a small hand-written grammar (`grammar`) at every token that can
//! start an expression, keeping the longest match. It proposes `DATE` candidates with
//! a TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`), a value and a mod; it does not
//! decide overlaps with other kinds (that is `resolve`'s job: dates carry priority 3,
//! so "2015" as a year beats a figure of the same span).
//!
//! Spans follow TimeML: determiners and modifiers ("the", "about", "late", "more
//! than") are inside, prepositions ("on", "in", "since") are not; a possessive "'s"
//! is outside; "the first nine months of 1989" is two expressions. Where OntoNotes
//! differs (no "the" before decades, no "now"/"recently", whole "of 1989" phrases)
//! TimeML wins. Ages ("50 years old", "a 6-year-old") are proposed as DURATIONs with
//! their own `how` (`rule:age`, or `rule:duration` for the hyphenated adjective):
//! OntoNotes counts them as dates, TimeML does not, so a consumer can drop them.
//! Rates ("$2 million a year", "quarterly dividend") are not expressions.
//!
//! Anchoring (all relative to the reference date, normally the publication date):
//! - A bare weekday is the day of that name in the week around the reference date:
//!   the reference date itself when the names agree; otherwise the most recent such day
//!   before it, unless the nearest tense cue of the sentence is future ("will", "'ll",
//!   "would", "plans", "scheduled", "expected", ...) in which case it is the next such
//!   day after it. News reports mostly tell what happened, so past is the default.
//! - "last/this/next week|month|year|quarter" shift the reference date's ISO week,
//!   month, year or quarter ("next week" from Wed 2016-03-16 is 2016-W12).
//! - A month (or month and day) without a year takes the reference year, unless past
//!   tense puts it after the reference date (then the year before) or future tense
//!   before it (then the year after).
//! - "N units ago" subtracts from the reference date and keeps the unit's granularity
//!   ("two days ago" is a day, "three years ago" a year).
//! - Without a reference date, relative expressions get underspecified values:
//!   `XXXX-WXX-3` (Wednesday), `XXXX-09` (September), `XXXX-WXX` (next week).
//!
//! Numeric dates: `2015-12-18` is ISO; `12/18/2015` is read month/day/year (the
//! convention of English-language wires) unless the first number exceeds 12, then
//! day/month/year; `18.12.2015` is day.month.year. A bare four-digit number is a year
//! only between 1900 and 2099 (1000-2099 after "in", "since", "of", ... or "fiscal"),
//! and never when it is part of a larger number, a code ("Su-25", "202-555-2014"),
//! money ("$2015") or a count ("2000 troops"). Season ranges ("2012-13", "2014-2016")
//! are one DATE whose value is the first year.

mod grammar;
mod lexicon;

use super::{Candidate, DateInfo, Detail};
use crate::record::EntityType;
use crate::text::words::letters_end;
use crate::text::{ALPHA, DIGIT, WS};
use chrono::NaiveDate;
use lexicon::Lexicon;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// ASCII letters only.
    Word,
    /// ASCII digits only.
    Num,
    /// Letters and digits ("1990s", "14th", "Q3", "100M").
    Mixed,
    /// One punctuation character (ASCII or not).
    Punct,
}

/// A token: byte span, kind, spacing and dictionary entry.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// No white space between the previous token and this one.
    pub glued: bool,
    /// A line break lies between the previous token and this one.
    pub nl: bool,
    /// Index into the lexicon, or `NO_LEX`.
    pub lex: u16,
    /// May begin an expression: a number, a mixed token, an apostrophe or a word
    /// the lexicon marks `start`.
    pub start: bool,
}

pub(crate) const NO_LEX: u16 = u16::MAX;

thread_local! {
    /// The token buffer of this thread, reused from one document to the next: the
    /// tokens take several times the size of the text, and allocating (and touching)
    /// that afresh per document cost as much as tokenizing.
    static TOKENS: std::cell::Cell<Vec<Tok>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Largest token buffer (in tokens) kept between documents.
const KEEP_TOKENS: usize = 1 << 20;

/// Compiled date patterns; build once, use from many threads.
pub struct DateRecognizer {
    lex: Lexicon,
    sets: grammar::WordSets,
}

impl DateRecognizer {
    pub fn new() -> Self {
        let lex = Lexicon::new();
        let sets = grammar::WordSets::new(&lex);
        DateRecognizer { lex, sets }
    }

    /// Appends the date and time expressions of `text` to `out`.
    pub fn find(&self, text: &str, reference: Option<NaiveDate>, out: &mut Vec<Candidate>) {
        self.scan(text, reference, out, true);
    }

    /// `find`; `screen` passes over words that cannot begin an expression before the
    /// token after them (see [`grammar::Next`]) without calling the grammar. The
    /// tests check that the screen changes nothing.
    fn scan(
        &self,
        text: &str,
        reference: Option<NaiveDate>,
        out: &mut Vec<Candidate>,
        screen: bool,
    ) {
        let mut toks = TOKENS.take();
        toks.clear();
        tokenize(text, &self.lex, &mut toks);
        let p = grammar::Parser {
            text,
            toks: &toks,
            lex: &self.lex,
            sets: &self.sets,
            r: reference,
            start: std::cell::Cell::new(0),
        };
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if !t.start || screen && !self.next_fits(&t, toks.get(i + 1)) {
                i += 1;
                continue;
            }
            match p.parse(i) {
                Some(h) => {
                    let mut c = Candidate::new(
                        t.s,
                        toks[h.end - 1].e,
                        EntityType::Date,
                        ["rule:", h.rule].concat(),
                    );
                    c.detail = Detail::Date(DateInfo {
                        timex: h.timex,
                        value: h.value,
                        mod_: h.mod_,
                    });
                    c.priority = 3;
                    out.push(c);
                    i = h.end;
                }
                None => i += 1,
            }
        }
        // Keep the buffer for the next document unless one huge text grew it.
        if toks.capacity() <= KEEP_TOKENS {
            TOKENS.set(toks);
        }
    }
}

impl DateRecognizer {
    /// Whether the token after the start token `t` lets `parse` find anything at `t`
    /// (see [`grammar::Next`]).
    #[inline]
    fn next_fits(&self, t: &Tok, next: Option<&Tok>) -> bool {
        let number = |n: &Tok| matches!(n.kind, Kind::Num | Kind::Mixed);
        match t.kind {
            Kind::Word => match self.sets.next[t.lex as usize] {
                grammar::Next::Never => false,
                grammar::Next::Any => true,
                grammar::Next::Known => next.is_some_and(|n| n.lex != NO_LEX),
                // A punctuation token that may start is an apostrophe.
                grammar::Next::KnownOrNumber => next.is_some_and(|n| {
                    n.lex != NO_LEX || number(n) || n.kind == Kind::Punct && n.start
                }),
            },
            Kind::Num | Kind::Mixed => true,
            // An apostrophe only begins "'90s" and "'69".
            Kind::Punct => next.is_some_and(number),
        }
    }
}

impl Default for DateRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

pub(crate) fn is_apostrophe(s: &str) -> bool {
    s == "'" || s == "\u{2019}"
}

/// Byte classes of the tokenizer (`crate::text::byte_classes`; white space as
/// `u8::is_ascii_whitespace` says).
static CLASS: [u8; 256] = crate::text::byte_classes(false);

/// Splits `text` into tokens (see [`Tok`]); white space separates, every other
/// non-alphanumeric character is a token of its own.
fn tokenize(text: &str, lex: &Lexicon, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut glued = false;
    let mut nl = false;
    while i < b.len() {
        let c = b[i];
        let class = CLASS[c as usize];
        if class == WS {
            nl |= c == b'\n';
            glued = false;
            i += 1;
            continue;
        }
        let (e, kind) = if class & (ALPHA | DIGIT) != 0 {
            // Most tokens are all letters or all digits: find where the class changes
            // first, then read on through mixed runs ("1990s", "14th").
            let mut j = if class == ALPHA {
                letters_end(b, i + 1)
            } else {
                let rest = &b[i + 1..];
                i + 1
                    + rest
                        .iter()
                        .position(|c| !c.is_ascii_digit())
                        .unwrap_or(rest.len())
            };
            let mut seen = class;
            while j < b.len() {
                let k = CLASS[b[j] as usize];
                if k & (ALPHA | DIGIT) == 0 {
                    break;
                }
                seen |= k;
                j += 1;
            }
            let kind = match seen {
                ALPHA => Kind::Word,
                DIGIT => Kind::Num,
                _ => Kind::Mixed,
            };
            (j, kind)
        } else if class == 0 {
            (i + 1, Kind::Punct)
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                glued = false;
                i += ch.len_utf8();
                continue;
            }
            (i + ch.len_utf8(), Kind::Punct)
        };
        let (lex_i, start) = match kind {
            Kind::Word => match lex.lookup(&b[i..e]) {
                Some(l) => (l, lex.get(l).start),
                None => (NO_LEX, false),
            },
            Kind::Num | Kind::Mixed => (NO_LEX, true),
            // An apostrophe is ' or U+2019 (first byte 0xE2).
            Kind::Punct => (
                NO_LEX,
                matches!(c, b'\'' | 0xe2) && is_apostrophe(&text[i..e]),
            ),
        };
        out.push(Tok {
            s: i,
            e,
            kind,
            glued,
            nl,
            lex: lex_i,
            start,
        });
        glued = true;
        nl = false;
        i = e;
        // Most tokens are followed by one space: step over it here rather than by
        // another turn of the loop (what that turn would do).
        if b.get(i) == Some(&b' ') {
            glued = false;
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words the screen passes over, words and numbers that can follow them, and
    /// tokens that cannot (unknown words, punctuation, line breaks).
    const VOCAB: &[&str] = &[
        "the", "a", "an", "at", "least", "most", "more", "less", "than", "no", "up", "to", "end",
        "of", "early", "mid", "-", "about", "some", "'", "\u{2019}", "s", "year", "years", "few",
        "first", "quarter", "1990s", "90s", "14th", "1988", "2015", "69", "3", "ago", "may",
        "week", "couple", "last", "next", "in", "cat", "house", "said", ",", ".", "\n",
    ];

    /// Every word of the lexicon.
    fn lexicon_words() -> Vec<&'static str> {
        let lex = Lexicon::new();
        (0..lex.len()).map(|i| lex.word(i)).collect()
    }

    fn scan_both(rec: &DateRecognizer, text: &str) -> [Vec<Candidate>; 2] {
        [true, false].map(|screen| {
            let mut out = Vec::new();
            for r in [NaiveDate::from_ymd_opt(2016, 3, 16), None] {
                rec.scan(text, r, &mut out, screen);
            }
            out
        })
    }

    #[test]
    fn screen_changes_nothing_on_examples() {
        let rec = DateRecognizer::new();
        let mut texts = vec![
            "the cat at the house, a few years ago, at least a year, the '90s".to_string(),
            "in the 1990s, the 14th of May, the first quarter, at most two weeks".into(),
            "the\nyear, a\nyear, the '69 season, he's at 3 a.m., an hour".into(),
            "more than a year, no more than two weeks, up to a month, the end of May".into(),
            "about the year 2015, early the next day, late 1990, mid-1990s, mid 1990".into(),
            "the".into(),
            "a".into(),
            "'".into(),
        ];
        // Every lexicon word before a number, a known word, an unknown word and the
        // end, capitalised or not.
        for w in lexicon_words() {
            let mut cap = w.to_string();
            if let Some(c) = cap.get_mut(..1) {
                c.make_ascii_uppercase();
            }
            for w in [w.to_string(), cap] {
                for next in ["1990", "3", "year", "the", "than", "of", "-", "cat", ""] {
                    texts.push(format!("in {w} {next} three years"));
                    texts.push(format!("{w} {next}"));
                }
            }
        }
        for text in texts {
            let [screened, plain] = scan_both(&rec, &text);
            assert_eq!(screened, plain, "{text:?}");
        }
    }

    proptest! {
        /// The step over one space after a token gives the tokens the loop gives: a
        /// tab takes the loop's way, and is white space as a space is.
        #[test]
        fn space_step_is_the_loop(
            words in proptest::collection::vec(
                (prop_oneof![
                    proptest::sample::select(VOCAB),
                    Just("  "), Just(" \n "), Just("\u{e9}"), Just("\u{2019}"),
                ], any::<bool>()),
                0..30,
            ),
        ) {
            let lex = Lexicon::new();
            let mut text = String::new();
            for (w, glued) in words {
                if !glued {
                    text.push(' ');
                }
                text.push_str(w);
            }
            let tabs = text.replace(' ', "\t");
            let [a, b] = [&text, &tabs].map(|t| {
                let mut out = Vec::new();
                tokenize(t, &lex, &mut out);
                format!("{out:?}")
            });
            prop_assert_eq!(a, b, "{:?}", text);
        }

        /// The screen finds exactly what the grammar at every start finds.
        #[test]
        fn screen_changes_nothing(
            words in proptest::collection::vec(
                (prop_oneof![
                    proptest::sample::select(VOCAB),
                    proptest::sample::select(lexicon_words()),
                ], any::<bool>(), any::<bool>()),
                0..40,
            ),
        ) {
            let rec = DateRecognizer::new();
            let mut text = String::new();
            for (w, glued, cap) in words {
                if !glued {
                    text.push(' ');
                }
                let mut w = w.to_string();
                if cap {
                    if let Some(c) = w.get_mut(..1) {
                        c.make_ascii_uppercase();
                    }
                }
                text.push_str(&w);
            }
            let [screened, plain] = scan_both(&rec, &text);
            prop_assert_eq!(screened, plain, "{:?}", text);
        }
    }
}
