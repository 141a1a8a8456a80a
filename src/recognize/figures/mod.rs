//! Figures: counts, money, percentages and measures, with a value or a min/max range, a
//! qualifier ("about", "more than", ...) and a unit.
//!
//! The recogniser tokenises the text once (numbers, words, single punctuation marks,
//! each knowing whether white space precedes it) and parses figures from the tokens with
//! small hand-written grammars: `[qualifier] [currency] amount [scale] [unit]`, ranges
//! (`between A and B`, `from A to B`, `A to B`, `A-B`) and number words ("tens of
//! thousands", "a dozen", "two-thirds"). Spans follow OntoNotes: a count's span is the
//! number with its qualifier and the counted noun only goes to `unit`; money,
//! percentages and measures keep their unit word in the span. A bare `$` amount without
//! a scale word ("paid $500") is spanned without the sign, as OntoNotes does.
//!
//! The steps live in their own files: [`qualifier`] (qualifiers, ranges, the span),
//! `amount` (numbers in digits and words), `unit` (currency signs and unit phrases,
//! counted nouns), `context` (numbers that are not figures) and `phrases` (the
//! compiled word lists of `lexicon`).
//!
//! It does not propose dates, years, times, durations ("three weeks"), ordinals, codes
//! and model names ("Su-25", "F-16", "G20", "16x9", "Boeing 747") or phone numbers:
//! numbers in those positions are skipped. Overlaps with other recognisers are left to
//! `resolve`; figures use priority 1 so a date of the same span wins.

mod amount;
mod context;
mod lexicon;
mod phrases;
pub mod qualifier;
mod unit;

use super::tokens::{self, Kind, Tok, Vocab, VocabBuilder};
use super::{Candidate, Detail, FigureInfo};
use crate::record::EntityType;
use crate::text::words::WordIndex;
use lexicon::*;
use phrases::{phrases, word_set, Phrases, Table};
pub use qualifier::Qualifier;
use unit::{AFTER_SCALE_UNIT, CURRENCY_UNIT, MEASURE_UNIT, PERCENT_UNIT};

/// Priority of figure candidates: below dates (3), which win ties ("2015").
const PRIORITY: u8 = 1;

/// A word or sign that can begin a figure: a qualifier, a number word, a range
/// opener, a currency sign or prefix, `#`.
const STARTER: u8 = 1;
/// A word an amount can begin with or have second: a number word ("two", "twenty"),
/// a scale ("hundred", "million"), a fraction ("third"), a vague number ("dozens"),
/// "several", "few", "half", "dozen" (see `Parser::words`).
const NUMBER: u8 = 2;
/// A word that begins a figure only as the first word of a qualifier of several words
/// ("in excess of", "at least") or of a currency prefix glued to `$` ("US$", "U.S.$"):
/// "in", "at", "as", "s" are common, and most are neither.
const LEAD: u8 = 4;

thread_local! {
    /// The buffer of [`join_numbers`], reused from one document to the next.
    static JOINED: tokens::Scratch = const { std::cell::Cell::new(Vec::new()) };
}

/// Compiled figure patterns; build once, use from many threads.
pub struct FigureRecognizer {
    qualifiers: Phrases<(Qualifier, bool)>,
    currency_words: Phrases<&'static str>,
    currency_after_scale: Phrases<&'static str>,
    percent: Phrases<&'static str>,
    measures: Phrases<&'static str>,
    /// The first tokens of the phrases of `percent`, `currency_words`,
    /// `currency_after_scale` and `measures`, each with the bits of the lists it begins
    /// a phrase of: `side` looks the word after an amount up once rather than in each
    /// list (most words there begin none).
    unit_first: WordIndex,
    count_units: Phrases<()>,
    small: Table<f64>,
    tens: Table<f64>,
    vague: Table<f64>,
    /// Scale words and their powers of ten.
    scales: Table<i32>,
    fractions: Table<f64>,
    symbols: Table<&'static str>,
    dollar_prefixes: Table<&'static str>,
    time_units: WordIndex,
    months: WordIndex,
    not_units: WordIndex,
    movement: WordIndex,
    /// The words with [`STARTER`], [`NUMBER`] and [`LEAD`] bits, for
    /// [`FigureRecognizer::find`] on its own (the tokens carry the bits: one look-up
    /// per word tells whether a figure can begin there and whether an amount can).
    vocab: Vocab,
    /// What may follow a [`LEAD`] word where a figure begins with it.
    lead_next: WordIndex,
    /// A figure found at a token has a number (a digit token or a [`NUMBER`] word)
    /// at most this many tokens after it: the longest qualifier, a currency sign of up
    /// to five tokens ("U.S.$"), and "a" before a number word ("a dozen").
    reach: usize,
}

impl FigureRecognizer {
    pub fn new() -> Self {
        let count: Vec<(&str, ())> = COUNT_UNITS.iter().map(|&u| (u, ())).collect();
        let quals: Vec<(&str, (Qualifier, bool))> =
            QUALIFIERS.iter().map(|&(p, q, i)| (p, (q, i))).collect();
        let mut words = VocabBuilder::default();
        Self::add_words(&mut words);
        let qualifiers = phrases(&quals);
        // The second token of each qualifier of several words, and what follows a
        // `$` prefix ("US$", "U.S.$").
        let seconds: Vec<&str> = qualifiers
            .list
            .iter()
            .filter_map(|p| p.toks.get(1).map(String::as_str))
            .chain(["$", "."])
            .collect();
        let longest_qualifier = qualifiers.list.iter().map(|p| p.toks.len()).max();
        let percent = phrases(PERCENT_WORDS);
        let currency_words = phrases(CURRENCY_WORDS);
        let currency_after_scale = phrases(CURRENCY_AFTER_SCALE);
        let measures = phrases(MEASURES);
        let mut firsts: std::collections::BTreeMap<String, u16> = Default::default();
        let units = [
            (PERCENT_UNIT, &percent.list),
            (CURRENCY_UNIT, &currency_words.list),
            (AFTER_SCALE_UNIT, &currency_after_scale.list),
            (MEASURE_UNIT, &measures.list),
        ];
        for (bit, list) in units {
            for p in list {
                // The index folds ASCII case.
                *firsts.entry(p.toks[0].to_ascii_lowercase()).or_default() |= bit;
            }
        }
        let mut unit_first = WordIndex::with_capacity(firsts.len());
        for (w, bits) in &firsts {
            unit_first.insert(w, *bits);
        }
        FigureRecognizer {
            lead_next: word_set(&seconds),
            vocab: words.build(),
            reach: longest_qualifier.unwrap_or(1).max(1) + 6,
            small: Table::new(SMALL),
            tens: Table::new(TENS),
            vague: Table::new(VAGUE),
            scales: Table::new(SCALES),
            fractions: Table::new(FRACTIONS),
            symbols: Table::new(CURRENCY_SYMBOLS),
            dollar_prefixes: Table::new(DOLLAR_PREFIXES),
            time_units: word_set(TIME_UNITS),
            months: word_set(MONTHS),
            not_units: word_set(NOT_UNITS),
            movement: word_set(MOVEMENT),
            qualifiers,
            currency_words,
            currency_after_scale,
            percent,
            measures,
            unit_first,
            count_units: phrases(&count),
        }
    }

    /// Adds the words with [`STARTER`], [`NUMBER`] and [`LEAD`] bits to a vocabulary
    /// (the one [`FigureRecognizer::find_tokens`] is given tokens of must hold them).
    pub(crate) fn add_words(words: &mut VocabBuilder) {
        let mut flags: std::collections::BTreeMap<String, u8> = Default::default();
        // Qualifiers of several words and the `$` prefixes begin a figure only with
        // what follows them (`FigureRecognizer::lead_fits`).
        let leads = QUALIFIERS
            .iter()
            .map(|q| q.0)
            .filter(|q| q.contains(' '))
            .chain(DOLLAR_PREFIXES.iter().map(|x| x.0))
            .chain(["U"]);
        for w in leads {
            let first = w.split([' ', '.']).next().unwrap_or(w);
            *flags.entry(first.to_ascii_lowercase()).or_default() |= LEAD;
        }
        let starters = QUALIFIERS
            .iter()
            .map(|q| q.0)
            .filter(|q| !q.contains(' '))
            .chain(SMALL.iter().map(|x| x.0))
            .chain(TENS.iter().map(|x| x.0))
            .chain(VAGUE.iter().map(|x| x.0))
            .chain(CURRENCY_SYMBOLS.iter().map(|x| x.0))
            .chain(["between", "from", "several", "a", "an", "half", "dozen"]);
        for w in starters {
            let first = w.split([' ', '.']).next().unwrap_or(w);
            if !first.is_empty() {
                *flags.entry(first.to_ascii_lowercase()).or_default() |= STARTER;
            }
        }
        let numbers = [SMALL, TENS, VAGUE, FRACTIONS]
            .into_iter()
            .flatten()
            .map(|x| x.0)
            .chain(SCALES.iter().map(|x| x.0))
            .chain(["several", "few", "half", "dozen"]);
        for w in numbers {
            *flags.entry(w.to_ascii_lowercase()).or_default() |= NUMBER;
        }
        for (w, f) in &flags {
            words.figure(w, *f);
        }
        // The signs that begin a figure.
        for sign in CURRENCY_SYMBOLS.iter().map(|x| x.0).chain(["#"]) {
            if !sign.starts_with(|c: char| c.is_alphanumeric()) {
                words.sign(sign, STARTER);
            }
        }
    }

    /// Appends the figures of `text` to `out`.
    pub fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        tokens::with_tokens(text, &self.vocab, |toks| self.scan(text, toks, out, true));
    }

    /// [`FigureRecognizer::find`] on the tokens of `text` ([`tokens::tokenize`] with a
    /// vocabulary that holds [`FigureRecognizer::add_words`]).
    pub(crate) fn find_tokens(&self, text: &str, toks: &[Tok], out: &mut Vec<Candidate>) {
        self.scan(text, toks, out, true);
    }

    /// `find`; `screen` passes over tokens with no number within [`Self::reach`]
    /// tokens without calling the parser. The tests check that it changes nothing.
    fn scan(&self, text: &str, shared: &[Tok], out: &mut Vec<Candidate>, screen: bool) {
        tokens::with_scratch(&JOINED, |joined| {
            let toks = if join_numbers(text, shared, joined) {
                &joined[..]
            } else {
                shared
            };
            self.parse_all(text, toks, out, screen);
        });
    }

    fn parse_all(&self, text: &str, toks: &[Tok], out: &mut Vec<Candidate>, screen: bool) {
        let p = Parser {
            text,
            toks,
            rec: self,
        };
        // The first token at or after `i` that is a number.
        let mut number = 0;
        let mut i = 0;
        while i < toks.len() {
            // Only tokens that can start a figure are tried: digits, currency signs and
            // words (number words and qualifiers). Most tokens are none of these.
            if !p.may_start(i) {
                i += 1;
                continue;
            }
            // Every figure holds a number near its start (`reach`).
            number = number.max(i);
            while number < toks.len() && !p.is_number(number) {
                number += 1;
            }
            if screen && (number > i + self.reach || !p.lead_fits(i)) {
                i += 1;
                continue;
            }
            match p.figure_at(i) {
                Some(Found::Figure(c, next)) => {
                    out.push(c);
                    i = next;
                }
                Some(Found::Skip(next)) => i = next.max(i + 1),
                None => i += 1,
            }
        }
    }
}

/// This recogniser's tokens from the shared ones: a number continued by a comma or
/// point between digits is one token ("1,000.5", "3.5", and "1,000th" a mixed one).
/// Writes them to `out` and returns true, or returns false (leaving `out` alone) when
/// no number of the text is continued so, and the shared tokens are this recogniser's.
fn join_numbers(text: &str, shared: &[Tok], out: &mut Vec<Tok>) -> bool {
    let b = text.as_bytes();
    // `shared[..copied]` is in `out` (with the numbers before it joined).
    let mut copied = 0;
    let mut k = 0;
    // Go from one number to the next.
    while let Some(skip) = shared[k..].iter().position(|t| t.kind == Kind::Num) {
        k += skip;
        let mut t = shared[k];
        let mut next_k = k + 1;
        // A `,` or `.` glued between the digits and a glued token that begins with a
        // digit (digits, or digits and letters, which end the number).
        while let [sep, next, ..] = &shared[next_k..] {
            let joins = sep.s == t.e
                && sep.e == t.e + 1
                && matches!(b[t.e], b',' | b'.')
                && next.s == sep.e
                && b[next.s].is_ascii_digit();
            if !joins {
                break;
            }
            t.e = next.e;
            next_k += 2;
            if next.kind == Kind::Mixed {
                t.kind = Kind::Mixed;
                break;
            }
        }
        if next_k > k + 1 {
            out.extend_from_slice(&shared[copied..k]);
            out.push(t);
            copied = next_k;
        }
        k = next_k;
    }
    if copied == 0 {
        return false;
    }
    out.extend_from_slice(&shared[copied..]);
    true
}

impl Default for FigureRecognizer {
    fn default() -> Self {
        Self::new()
    }
}
enum Found {
    /// A figure, and the token to go on from.
    Figure(Candidate, usize),
    /// Not a figure (a date, code, time...): go on after these tokens.
    Skip(usize),
}

struct Parser<'a> {
    text: &'a str,
    toks: &'a [Tok],
    rec: &'a FigureRecognizer,
}

impl<'a> Parser<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.s..t.e])
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| self.text.as_bytes()[t.s..t.e].eq_ignore_ascii_case(word.as_bytes()))
    }

    /// Token `i` follows token `i - 1` without white space.
    fn glued(&self, i: usize) -> bool {
        i < self.toks.len() && i > 0 && self.toks[i].glued
    }

    /// Whether a figure can start at token `i`: a number, a currency sign, `#` or a
    /// word that can begin a figure (number words, qualifiers, range openers).
    #[inline]
    fn may_start(&self, i: usize) -> bool {
        let t = self.toks[i];
        t.kind == Kind::Num || t.fig & (STARTER | LEAD) != 0
    }

    /// Whether a word that may start a figure at token `i` only as a [`LEAD`] has
    /// something after it that can go on: the second word of a qualifier, `$` or `.`
    /// ("US$", "U.S.$"). Without one, `figure_at` finds nothing at `i`: every other
    /// way in needs a number, a number word or a currency sign at `i` itself.
    #[inline]
    fn lead_fits(&self, i: usize) -> bool {
        self.toks[i].fig & (LEAD | STARTER) != LEAD
            || self.toks.get(i + 1).is_some_and(|t| {
                let b = &self.text.as_bytes()[t.s..t.e];
                self.rec.lead_next.get_bytes(b).is_some()
            })
    }

    /// Whether an amount can begin at token `i` or have it second: digits or a
    /// [`NUMBER`] word.
    #[inline]
    fn is_number(&self, i: usize) -> bool {
        let t = self.toks[i];
        t.kind == Kind::Num || t.fig & NUMBER != 0
    }

    /// The figure at token `i`, or the tokens to skip when what is there is no figure.
    fn figure_at(&self, i: usize) -> Option<Found> {
        if !self.may_start(i) {
            return None;
        }
        let lead = self.lead_at(i);
        let first = self.side(lead.j)?;
        if let Some(skip) = self.not_a_figure(i, &first) {
            return Some(skip);
        }
        let second = if lead.opener.is_some() {
            // "from 10 people" is not a range: "from" is outside the figure.
            match self.opened_range(&first, lead) {
                Some(s) => Some(s),
                None => return self.figure_at(lead.j).or(Some(Found::Skip(lead.j))),
            }
        } else {
            match self.range_tail(i, &first) {
                Ok(s) => s,
                Err(skip) => return Some(Found::Skip(skip)),
            }
        };
        let parsed = match &second {
            Some(s) => self.range(i, lead, &first, s),
            None => self.single(i, lead, &first),
        };
        // Every number of a figure is finite: a literal too large for a double is no
        // figure.
        let finite = [parsed.info.value, parsed.info.min, parsed.info.max]
            .into_iter()
            .flatten()
            .all(f64::is_finite);
        if !finite || !self.keep(parsed.start, parsed.end, &parsed.info, first.amount) {
            return Some(Found::Skip(parsed.end));
        }
        let mut c = Candidate::new(
            self.toks[parsed.start].s,
            self.toks[parsed.end - 1].e,
            EntityType::Figure,
            ["rule:", parsed.rule].concat(),
        );
        c.priority = PRIORITY;
        c.detail = Detail::Figure(parsed.info);
        Some(Found::Figure(c, parsed.end))
    }
}

#[cfg(test)]
mod tests;
