//! Dates and times as TIMEX3 (type, value, mod), resolved against the reference date.
//!
//! The recogniser reads the text as tokens (words, digit runs, mixed runs such as
//! `1990s` or `14th`, single punctuation), cut with one pass and one dictionary look-up
//! per word that it shares with the other recognisers (`super::tokens`), then runs a
//! small hand-written grammar (`grammar`) at every token that can start an expression,
//! keeping the longest match. It proposes `DATE` candidates with a TIMEX3 type (`DATE`,
//! `TIME`, `DURATION`, `SET`), a value and a mod; it does not decide overlaps with other
//! kinds (that is `resolve`'s job: dates carry priority 3, so "2015" as a year beats a
//! figure of the same span).
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

use super::tokens::{self, Vocab, VocabBuilder};
use super::{Candidate, DateInfo, Detail};
use crate::record::EntityType;
use chrono::NaiveDate;
use lexicon::Lexicon;

pub(crate) use super::tokens::{is_apostrophe, Kind, Tok, NO_LEX};

/// Compiled date patterns; build once, use from many threads.
pub struct DateRecognizer {
    lex: Lexicon,
    sets: grammar::WordSets,
    /// The lexicon's words, for [`DateRecognizer::find`] on its own.
    vocab: Vocab,
}

impl DateRecognizer {
    pub fn new() -> Self {
        let lex = Lexicon::new();
        let sets = grammar::WordSets::new(&lex);
        let mut words = VocabBuilder::default();
        add_lexicon(&lex, &mut words);
        DateRecognizer {
            lex,
            sets,
            vocab: words.build(),
        }
    }

    /// Adds the lexicon's words to a vocabulary (the one [`DateRecognizer::find_tokens`]
    /// is given tokens of must hold them).
    pub(crate) fn add_words(&self, words: &mut VocabBuilder) {
        add_lexicon(&self.lex, words);
    }

    /// Appends the date and time expressions of `text` to `out`.
    pub fn find(&self, text: &str, reference: Option<NaiveDate>, out: &mut Vec<Candidate>) {
        tokens::with_tokens(text, &self.vocab, |toks| {
            self.scan(text, toks, reference, out, true)
        });
    }

    /// [`DateRecognizer::find`] on the tokens of `text` ([`tokens::tokenize`] with a
    /// vocabulary that holds [`DateRecognizer::add_words`]).
    pub(crate) fn find_tokens(
        &self,
        text: &str,
        toks: &[Tok],
        reference: Option<NaiveDate>,
        out: &mut Vec<Candidate>,
    ) {
        self.scan(text, toks, reference, out, true);
    }

    /// `find`; `screen` passes over words that cannot begin an expression before the
    /// token after them (see [`grammar::Next`]) without calling the grammar. The
    /// tests check that the screen changes nothing.
    fn scan(
        &self,
        text: &str,
        shared: &[Tok],
        reference: Option<NaiveDate>,
        out: &mut Vec<Candidate>,
        screen: bool,
    ) {
        tokens::with_scratch(&MARKED, |marked| {
            let toks = if non_ascii_as_marks(shared, marked) {
                &marked[..]
            } else {
                shared
            };
            self.parse_all(text, toks, reference, out, screen);
        });
    }

    fn parse_all(
        &self,
        text: &str,
        toks: &[Tok],
        reference: Option<NaiveDate>,
        out: &mut Vec<Candidate>,
        screen: bool,
    ) {
        let p = grammar::Parser {
            text,
            toks,
            lex: &self.lex,
            sets: &self.sets,
            r: reference,
            start: std::cell::Cell::new(0),
        };
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if !t.start || screen && !self.next_fits(text, toks, i) {
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
    }
}

impl DateRecognizer {
    /// Whether the tokens after the start token `toks[i]` let `parse` find anything
    /// there: for a word see [`grammar::Next`]; for a number see [`number_fits`].
    #[inline]
    fn next_fits(&self, text: &str, toks: &[Tok], i: usize) -> bool {
        let t = &toks[i];
        let next = toks.get(i + 1);
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
                grammar::Next::KnownOrDash => {
                    next.is_some_and(|n| n.lex != NO_LEX || is_dash(text, n))
                }
            },
            Kind::Num => number_fits(text, toks, i),
            Kind::Mixed => true,
            // An apostrophe only begins "'90s" and "'69".
            Kind::Punct => next.is_some_and(number),
        }
    }
}

/// Whether `parse` may find anything at the digit token `toks[i]`, from the token or
/// two after it. Only `core` runs at a number (it is no "the" nor a modifier), and of
/// its rules only these can begin at one, each needing what follows:
/// - `year` and the decade "1990's": four digits;
/// - `numeric` ("2015-12-18", "2012-13"): a mark glued on both sides, then digits;
/// - `time`: ":" and digits glued on ("10:30"), or "am", "pm", "a.m.", "p.m." (words
///   the lexicon knows);
/// - `day_month`: "of" or a month (known words);
/// - `duration`, through `cardinal`: ",", "." or "/" between glued digits ("1,000
///   years", "2.5 days"), digits after a space ("2 1/2 years"), "-" or "\u{2013}"
///   ("10-12 days", "five-year"), or a known word ("to", "more", a unit);
/// - the decade "90's": a glued apostrophe.
///
/// So a number of other than four digits is passed over when the next token is an
/// unknown word, a mixed token, the end, or a mark that is no dash, no glued
/// apostrophe and not glued between digits ("5%", "in 5.", "7 (").
fn number_fits(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    let Some(n) = toks.get(i + 1) else {
        return t.e - t.s == 4;
    };
    if t.e - t.s == 4 || n.lex != NO_LEX || n.kind == Kind::Num {
        return true;
    }
    if n.kind != Kind::Punct {
        return false;
    }
    if is_dash(text, n) {
        return true;
    }
    n.glued
        && (is_apostrophe(&text[n.s..n.e])
            || toks
                .get(i + 2)
                .is_some_and(|d| d.glued && d.kind == Kind::Num))
}

/// Whether token `t` is "-" or "\u{2013}" (which join numbers and words: "10-12 days",
/// "two \u{2013} three years", "five-year").
fn is_dash(text: &str, t: &Tok) -> bool {
    t.kind == Kind::Punct && matches!(&text[t.s..t.e], "-" | "\u{2013}")
}

/// Adds the words of `lex` to a vocabulary, with their entry index and `start` mark.
fn add_lexicon(lex: &Lexicon, words: &mut VocabBuilder) {
    for i in 0..lex.len() {
        words.date(lex.word(i), i, lex.get(i).start);
    }
}

thread_local! {
    /// The buffer of [`non_ascii_as_marks`], reused from one document to the next.
    static MARKED: tokens::Scratch = const { std::cell::Cell::new(Vec::new()) };
}

/// The grammar reads ASCII words and numbers, and slices them by byte: a word or
/// number token with a non-ASCII character ("Zürich", "ü0") is to it a mark like any
/// other, as its own tokenizer (which cut ASCII runs only) never let such a token
/// begin or continue an expression. Writes the tokens so marked to `out` and returns
/// true, or returns false (leaving `out` alone) when the text has no such token.
fn non_ascii_as_marks(shared: &[Tok], out: &mut Vec<Tok>) -> bool {
    let is_word = |t: &Tok| t.high && t.kind != Kind::Punct;
    let Some(first) = shared.iter().position(is_word) else {
        return false;
    };
    out.extend_from_slice(shared);
    for t in &mut out[first..] {
        if is_word(t) {
            t.kind = Kind::Punct;
            t.lex = NO_LEX;
            t.start = false;
        }
    }
    true
}

impl Default for DateRecognizer {
    fn default() -> Self {
        Self::new()
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
        "week", "couple", "last", "next", "in", "cat", "house", "said", ",", ".", "\n", "%", ":",
        "/", "\u{2013}", "(", "10", "30", "000", "5", "am", "pm", "p", "m", "o", "clock", "Q3",
        "10am", "90", "1,000",
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
                tokens::with_tokens(text, &rec.vocab, |toks| {
                    rec.scan(text, toks, r, &mut out, screen)
                });
            }
            out
        })
    }

    /// Words and numbers with non-ASCII letters or digits glued on begin and continue
    /// no expression (and do not panic the grammar, which slices ASCII tokens by
    /// byte): "May 5\u{fc}" is no date, "\u{fc}5th June" only "June"; the expressions
    /// around them are found as before.
    #[test]
    fn non_ascii_words_are_marks() {
        let rec = DateRecognizer::new();
        let text = "\u{fc}0 May 5\u{fc}, then \u{fc}5th June, 1990s\u{e9} and May 5, 2015.";
        let mut out = Vec::new();
        rec.find(text, NaiveDate::from_ymd_opt(2016, 3, 16), &mut out);
        let found: Vec<&str> = out.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(found, ["June", "May 5, 2015"]);
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
            "at 10:30 p.m. on 5 May, 2 1/2 years, 1,000 days, 2.5 weeks, 10-12 days".into(),
            "5%, 7 (, in 5. the 90's, 1990's, 5-year, 3 \u{2013} 4 weeks, 12/18/2015".into(),
            "10 o'clock, 3 pm, 4 a.m., 18.12.2015, 2012-13, 1986 - 87, 24 cats".into(),
        ];
        // Every lexicon word before a number, a known word, an unknown word and the
        // end, capitalised or not.
        for w in lexicon_words() {
            let mut cap = w.to_string();
            if let Some(c) = cap.get_mut(..1) {
                c.make_ascii_uppercase();
            }
            for w in [w.to_string(), cap] {
                for next in [
                    "1990", "3", "year", "the", "than", "of", "-", "\u{2013}", "'", "cat", "",
                ] {
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
