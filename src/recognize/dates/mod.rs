//! Dates and times as TIMEX3 (type, value, mod), resolved against the reference date.
//!
//! The recogniser reads the text as tokens (words, digit runs, mixed runs such as
//! `1990s` or `14th`, single punctuation), cut with one pass and one dictionary look-up
//! per word that it shares with the other recognisers (`super::tokens`), then runs a
//! small hand-written grammar (`rules`, one module per family of expressions, over the
//! shared `parser` state; values built in `values`) at every token that can start an
//! expression, keeping the longest match. Each rule declares the tokens it can begin
//! at, and `screen` derives from these declarations which rules to try where. It proposes `DATE` candidates with a TIMEX3 type (`DATE`,
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

mod lexicon;
mod parser;
mod rules;
mod screen;
#[cfg(test)]
mod table;
mod values;

use super::tokens::{self, Vocab, VocabBuilder};
use super::{Candidate, DateInfo, Detail};
use crate::record::EntityType;
use chrono::NaiveDate;
use lexicon::Lexicon;
use screen::Screen;

pub(crate) use super::tokens::{is_apostrophe, Kind, Tok, NO_LEX};

/// Compiled date patterns; build once, use from many threads.
pub struct DateRecognizer {
    lex: Lexicon,
    sets: parser::WordSets,
    /// Where each rule may begin, from the rules' declarations.
    screen: Screen,
    /// The lexicon's words, for [`DateRecognizer::find`] on its own.
    vocab: Vocab,
}

impl DateRecognizer {
    pub fn new() -> Self {
        let lex = Lexicon::new();
        let screen = Screen::new(&lex);
        let mut words = VocabBuilder::default();
        add_lexicon(&lex, &mut words);
        DateRecognizer {
            lex,
            sets: parser::WordSets::new(),
            screen,
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
            self.scan(text, toks, reference, out, &self.screen)
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
        self.scan(text, toks, reference, out, &self.screen);
    }

    /// `find` with the rules `screen` lets begin at each token (the tests pass
    /// [`Screen::everything`] to check that the derived screen changes nothing).
    fn scan(
        &self,
        text: &str,
        shared: &[Tok],
        reference: Option<NaiveDate>,
        out: &mut Vec<Candidate>,
        screen: &Screen,
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
        screen: &Screen,
    ) {
        let p = parser::Parser {
            text,
            toks,
            lex: &self.lex,
            sets: &self.sets,
            screen,
            r: reference,
            start: std::cell::Cell::new(0),
        };
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if !screen.may_begin(&t) {
                i += 1;
                continue;
            }
            match p.parse(i) {
                // A day that does not exist: no mention, nor of any part of it.
                Some(h) if h.is_void() => i = h.end,
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

    /// Numbers, mixed tokens, marks and a few words that are not the lexicon's, to
    /// mix with its words.
    const OTHERS: &[&str] = &[
        "1990", "2015", "1988", "2016", "5", "3", "10", "12", "18", "29", "30", "31", "13", "69",
        "90", "000", "2", "1990s", "90s", "14th", "20th", "Q3", "H1", "10am", "7pm", ",", ".", "-",
        "'", "\u{2019}", ":", "/", "\u{2013}", "%", "$", "(", "\n", "cat", "said", "will", "in",
        "since", "by", "troops", "expected", "was",
    ];

    /// Every word of the lexicon.
    fn lexicon_words() -> Vec<&'static str> {
        let lex = Lexicon::new();
        (0..lex.len()).map(|i| lex.word(i)).collect()
    }

    /// What the recogniser finds in `text` with its derived screen and with
    /// [`Screen::everything`] (every rule at every token), for two reference dates.
    fn screened_and_not(rec: &DateRecognizer, all: &Screen, text: &str) -> [Vec<Candidate>; 2] {
        [&rec.screen, all].map(|screen| {
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

    /// The screen screens: unknown words and marks begin nothing, "the" does.
    #[test]
    fn screen_passes_over_unknown_words() {
        let rec = DateRecognizer::new();
        let text = "cat ( the";
        tokens::with_tokens(text, &rec.vocab, |toks| {
            let begins: Vec<bool> = toks.iter().map(|t| rec.screen.may_begin(t)).collect();
            assert_eq!(begins, [false, false, true]);
        });
    }

    /// Every lexicon word, in lower case and capitalised, alone, after "the" and
    /// "in", and before a number, a known word, an unknown word, a mark (spaced or
    /// glued) and the end: the screen changes nothing.
    #[test]
    fn screen_changes_nothing_after_any_word() {
        let rec = DateRecognizer::new();
        let all = Screen::everything(&rec.lex);
        for w in lexicon_words() {
            let mut cap = w.to_string();
            cap[..1].make_ascii_uppercase();
            for w in [w.to_string(), cap] {
                for next in [
                    "1990", "3", "year", "the", "of", "-", "-1990", "-year", "'s day", "cat",
                    "morning", "future", "quarter", "Day", "",
                ] {
                    for text in [
                        format!("in {w} {next} three years"),
                        format!("{w} {next}"),
                        format!("the {w} {next}"),
                        format!("{w}{next}"),
                    ] {
                        let [screened, plain] = screened_and_not(&rec, &all, &text);
                        assert_eq!(screened, plain, "{text:?}");
                    }
                }
            }
        }
    }

    proptest! {
        /// The screen derived from the rules' declarations finds exactly what every
        /// rule tried at every token finds.
        #[test]
        fn screen_changes_nothing(
            words in proptest::collection::vec(
                (prop_oneof![
                    proptest::sample::select(OTHERS),
                    proptest::sample::select(lexicon_words()),
                ], any::<bool>(), any::<bool>()),
                0..40,
            ),
        ) {
            let rec = DateRecognizer::new();
            let all = Screen::everything(&rec.lex);
            let mut text = String::new();
            for (w, glued, cap) in words {
                if !glued {
                    text.push(' ');
                }
                let mut w = w.to_string();
                if cap && w.is_char_boundary(1) {
                    w[..1].make_ascii_uppercase();
                }
                text.push_str(&w);
            }
            let [screened, plain] = screened_and_not(&rec, &all, &text);
            prop_assert_eq!(screened, plain, "{:?}", text);
        }
    }

    /// The syntax of the TIMEX3 values the recogniser writes: the reference words,
    /// durations, and dates (century, decade, year; month, day, ISO week and weekday,
    /// weekend, quarter, half, season; `X` for an unknown digit group), optionally
    /// with a part of the day or a clock time.
    const TIMEX3_VALUE: &str = r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF|P(?:(?:[0-9]+(?:\.[0-9]+)?|X)(?:Y|M|W|D|Q|DE|CE))*(?:T(?:(?:[0-9]+(?:\.[0-9]+)?|X)[HMS])+)?|(?:[0-9]{2}|XX|[0-9]{3}|XXX)|(?:[0-9]{4}|XXXX)(?:-(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12][0-9]|3[01]|XX))?|-W(?:0[1-9]|[1-4][0-9]|5[0-3]|XX)(?:-[1-7]|-WE)?|-Q[1-4X]|-H[12]|-(?:SP|SU|FA|WI))?(?:T(?:MO|AF|EV|NI|(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00))?)$";

    /// Numbers and marks that make impossible days likely ("Feb. 29", "June 31",
    /// "13/13/2015"), with the lexicon's words.
    const DAYS: &[&str] = &[
        "29", "30", "31", "32", "13", "00", "0", "2017", "2016", "1900", "2000", "17", "/", "-",
        ".", ",", "Feb", "February", "June", "of", "the", "29th", "31st",
    ];

    proptest! {
        /// Whatever the text, every DATE value is a TIMEX3 value and every full
        /// calendar date in one is a day that exists (with no year: in some year).
        #[test]
        fn values_are_valid_timex3(
            words in proptest::collection::vec(
                (prop_oneof![
                    proptest::sample::select(DAYS),
                    proptest::sample::select(OTHERS),
                    proptest::sample::select(lexicon_words()),
                ], any::<bool>(), any::<bool>()),
                0..30,
            ),
        ) {
            let rec = DateRecognizer::new();
            let syntax = regex::Regex::new(TIMEX3_VALUE).unwrap();
            let day = regex::Regex::new(r"^([0-9]{4}|XXXX)-([0-9]{2})-([0-9]{2})").unwrap();
            let mut text = String::new();
            for (w, glued, cap) in words {
                if !glued {
                    text.push(' ');
                }
                let mut w = w.to_string();
                if cap && w.is_char_boundary(1) {
                    w[..1].make_ascii_uppercase();
                }
                text.push_str(&w);
            }
            for r in [(2017, 3, 10), (2016, 3, 16), (2018, 1, 5), (2000, 2, 1)] {
                for r in [NaiveDate::from_ymd_opt(r.0, r.1, r.2), None] {
                    let mut out = Vec::new();
                    rec.find(&text, r, &mut out);
                    for c in &out {
                        let Detail::Date(d) = &c.detail else {
                            continue;
                        };
                        let v = d.value.as_str();
                        prop_assert!(syntax.is_match(v), "{:?} in {:?}", v, text);
                        if let Some(g) = day.captures(v) {
                            let y = if &g[1] == "XXXX" { 2000 } else { g[1].parse().unwrap() };
                            let exists = NaiveDate::from_ymd_opt(
                                y,
                                g[2].parse().unwrap(),
                                g[3].parse().unwrap(),
                            );
                            prop_assert!(exists.is_some(), "{:?} in {:?}", v, text);
                        }
                    }
                }
            }
        }
    }
}
