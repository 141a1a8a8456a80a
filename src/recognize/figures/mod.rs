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
//! It does not propose dates, years, times, durations ("three weeks"), ordinals, codes
//! and model names ("Su-25", "F-16", "G20", "16x9", "Boeing 747") or phone numbers:
//! numbers in those positions are skipped. Overlaps with other recognisers are left to
//! `resolve`; figures use priority 1 so a date of the same span wins.

mod lexicon;

use super::tokens::{self, Kind, Tok, Vocab, VocabBuilder};
use super::{Candidate, Detail, FigureInfo};
use crate::record::EntityType;
use crate::text::words::WordIndex;
use lexicon::*;

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

/// A phrase of the lexicon as token texts, with its payload.
struct Phrase<T> {
    toks: Vec<String>,
    data: T,
}

/// A phrase list, longest phrase first, indexed by first token: a phrase can only
/// match where its first token does, so a look-up tries only the phrases that begin
/// with the word at hand (in list order) instead of the whole list.
struct Phrases<T> {
    list: Vec<Phrase<T>>,
    /// First token -> index into `starting`.
    first: WordIndex,
    /// Indices into `list` of the phrases with one first token, in list order.
    starting: Vec<Vec<u16>>,
}

fn phrases<T: Copy>(list: &[(&str, T)]) -> Phrases<T> {
    let list = phrase_list(list);
    let mut first = WordIndex::with_capacity(list.len());
    let mut starting: Vec<Vec<u16>> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let next = starting.len() as u16;
        let b = first.insert(&p.toks[0], next);
        if b == next {
            starting.push(Vec::new());
        }
        starting[b as usize].push(i as u16);
    }
    Phrases {
        list,
        first,
        starting,
    }
}

fn phrase_list<T: Copy>(list: &[(&str, T)]) -> Vec<Phrase<T>> {
    let mut out: Vec<Phrase<T>> = list
        .iter()
        .map(|&(p, d)| {
            let mut shared = Vec::new();
            // The phrases are cut as texts are, but no word needs looking up.
            tokens::tokenize(p, tokens::no_words(), &mut shared);
            let mut toks = Vec::new();
            if !join_numbers(p, &shared, &mut toks) {
                toks = shared;
            }
            Phrase {
                toks: toks.iter().map(|t| p[t.s..t.e].to_string()).collect(),
                data: d,
            }
        })
        .collect();
    // Longest phrase first, so the first match is the longest.
    out.sort_by_key(|p| std::cmp::Reverse(p.toks.len()));
    out
}

/// What kind of figure the unit makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sort {
    Count,
    Money,
    Percent,
    Measure,
}

/// A parsed number, before units: token range and value.
#[derive(Clone, Copy, Debug)]
struct Amount {
    start: usize,
    end: usize,
    value: Option<f64>,
    /// Lower bound of a vague amount ("hundreds").
    min: Option<f64>,
    /// A scale word was read ("million").
    scale: bool,
    /// Written in words.
    words: bool,
    /// Four bare digits that could be a year.
    year_like: bool,
}

/// One side of a figure: currency prefix, amount, unit.
#[derive(Clone, Debug)]
struct Side {
    start: usize,
    /// Token after the amount (and its unit when the unit is in the span).
    end: usize,
    amount: Amount,
    sort: Sort,
    unit: Option<String>,
    /// The amount has a currency symbol before it.
    symbol: bool,
    rule: &'static str,
}

// The unit lists a word begins a phrase of (bits of `FigureRecognizer::unit_first`).
const PERCENT_UNIT: u16 = 1;
const CURRENCY_UNIT: u16 = 2;
const AFTER_SCALE_UNIT: u16 = 4;
const MEASURE_UNIT: u16 = 8;

thread_local! {
    /// The buffer of [`join_numbers`], reused from one document to the next.
    static JOINED: tokens::Scratch = const { std::cell::Cell::new(Vec::new()) };
}

/// Compiled figure patterns; build once, use from many threads.
pub struct FigureRecognizer {
    qualifiers: Phrases<(&'static str, bool)>,
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
    scales: Table<f64>,
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
        let quals: Vec<(&str, (&str, bool))> =
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
        let numbers = [SMALL, TENS, VAGUE, SCALES, FRACTIONS]
            .into_iter()
            .flatten()
            .map(|x| x.0)
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
            // words (number words and qualifiers). Most tokens are none of these, and
            // this test is much cheaper than a call that returns a candidate.
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
    // Most tokens are no number: find the next one with a tight search.
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

/// A word list of the lexicon with its values, for look-ups by any ASCII case (the
/// first entry wins, as a scan of the list would).
struct Table<T> {
    index: WordIndex,
    values: Vec<T>,
}

impl<T: Copy> Table<T> {
    fn new(list: &[(&str, T)]) -> Table<T> {
        let mut index = WordIndex::with_capacity(list.len());
        let mut values = Vec::new();
        for &(w, v) in list {
            let next = values.len() as u16;
            if index.insert(w, next) == next {
                values.push(v);
            }
        }
        Table { index, values }
    }

    fn get(&self, w: &str) -> Option<T> {
        self.index.get(w).map(|i| self.values[i as usize])
    }
}

/// A word list of the lexicon, for membership tests by any ASCII case.
fn word_set(list: &[&str]) -> WordIndex {
    let mut index = WordIndex::with_capacity(list.len());
    for w in list {
        index.insert(w, 0);
    }
    index
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

    /// The first (longest) phrase of `list` at token `i`: (end token, payload).
    fn phrase<T: Copy>(&self, list: &Phrases<T>, i: usize) -> Option<(usize, T)> {
        if i >= self.toks.len() {
            return None;
        }
        let b = list.first.get(self.w(i))?;
        'outer: for &p in &list.starting[b as usize] {
            let p = &list.list[p as usize];
            if i + p.toks.len() > self.toks.len() {
                continue;
            }
            // The first token matched by the index.
            for (k, t) in p.toks.iter().enumerate().skip(1) {
                if !self.w(i + k).eq_ignore_ascii_case(t) {
                    continue 'outer;
                }
            }
            return Some((i + p.toks.len(), p.data));
        }
        None
    }

    fn num_value(&self, i: usize) -> f64 {
        let s = self.w(i);
        let mut v = 0.0f64;
        let mut frac = 0.0f64;
        let mut div = 1.0f64;
        let mut in_frac = false;
        for b in s.bytes() {
            match b {
                b'0'..=b'9' => {
                    let d = f64::from(b - b'0');
                    if in_frac {
                        div *= 10.0;
                        frac += d / div;
                    } else {
                        v = v * 10.0 + d;
                    }
                }
                b'.' => in_frac = true,
                _ => {}
            }
        }
        v + frac
    }

    fn scale_at(&self, i: usize) -> Option<f64> {
        if i >= self.toks.len() {
            return None;
        }
        self.rec.scales.get(self.w(i))
    }

    /// A number in digits at `i`: `1,000`, `3.5`, `1/2`, `2 1/2`, with a scale word.
    fn digits(&self, i: usize) -> Option<Amount> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        // Inside a word or a code: "Su-25", "F-16", "A4", "#5".
        if i > 0 && self.toks[i].glued {
            let prev = self.w(i - 1);
            let glued_word = matches!(self.kind(i - 1), Some(Kind::Word | Kind::Mixed | Kind::Num));
            let coded = (prev == "-" || prev == "/" || prev == "#" || prev == ".")
                && i > 1
                && self.toks[i - 1].glued
                && matches!(self.kind(i - 2), Some(Kind::Word | Kind::Mixed));
            let after_num =
                (prev == "/" || prev == ".") && i > 1 && self.kind(i - 2) == Some(Kind::Num);
            let hash = prev == "#" && self.scale_at(i + 1).is_none();
            if glued_word || coded || after_num || hash || prev == ":" {
                return None;
            }
        }
        let raw = self.w(i);
        // Addresses and versions ("208.185.9.24", "1.2.3") are not numbers.
        if raw.bytes().filter(|&b| b == b'.').count() > 1 {
            return None;
        }
        // "S&P 500", "AT&T 3": an index or product named by letters and a number.
        if i >= 3
            && self.kind(i - 1) == Some(Kind::Word)
            && self.w(i - 2) == "&"
            && self.glued(i - 1)
            && self.w(i - 1).len() <= 2
        {
            return None;
        }
        let mut value = self.num_value(i);
        let mut end = i + 1;
        let plain = raw.bytes().all(|b| b.is_ascii_digit());
        // Fractions: "1/2", and "2 1/2".
        if self.w(end) == "/"
            && self.glued(end)
            && self.kind(end + 1) == Some(Kind::Num)
            && self.glued(end + 1)
        {
            let d = self.num_value(end + 1);
            if d == 0.0 || !plain {
                return None;
            }
            // "10/12/2015" is a date, not a fraction.
            if self.w(end + 2) == "/" && self.glued(end + 2) {
                return None;
            }
            value /= d;
            end += 2;
        } else if plain
            && self.kind(end) == Some(Kind::Num)
            && !self.glued(end)
            && self.w(end + 1) == "/"
            && self.glued(end + 1)
            && self.kind(end + 2) == Some(Kind::Num)
            && self.glued(end + 2)
        {
            let n = self.num_value(end);
            let d = self.num_value(end + 2);
            if d > 0.0 && n < d {
                value += n / d;
                end += 3;
            }
        }
        let year_like =
            end == i + 1 && raw.len() == 4 && plain && (1000.0..2100.0).contains(&value);
        let mut scale = false;
        while let Some(m) = self.scale_at(end) {
            value *= m;
            end += 1;
            scale = true;
        }
        Some(Amount {
            start: i,
            end,
            value: Some(value),
            min: None,
            scale,
            words: false,
            year_like: year_like && !scale,
        })
    }

    fn small_word(&self, i: usize) -> Option<f64> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let w = self.w(i);
        self.rec.small.get(w).or_else(|| self.rec.tens.get(w))
    }

    /// A number in words at `i`: "twenty-five", "one hundred and twenty", "a dozen",
    /// "two-thirds", "tens of thousands", "several hundred", "half".
    fn words(&self, i: usize) -> Option<Amount> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let mk = |end, value: Option<f64>, min: Option<f64>| {
            Some(Amount {
                start: i,
                end,
                value,
                min,
                scale: false,
                words: true,
                year_like: false,
            })
        };
        let w = self.w(i);
        // Vague plurals: "dozens", "hundreds of thousands", "tens of millions".
        if let Some(base) = self.rec.vague.get(w) {
            if self.is(i + 1, "of") {
                if let Some(m) = self.rec.vague.get(self.w(i + 2)).filter(|&m| m >= 1e3) {
                    return mk(i + 3, None, Some(base * m * 2.0));
                }
            }
            if w.eq_ignore_ascii_case("tens") || w.eq_ignore_ascii_case("scores") {
                return None;
            }
            return mk(i + 1, None, Some(base * 2.0));
        }
        // "several hundred", "a few thousand", "a couple of hundred".
        let (vague_end, vague) = if w.eq_ignore_ascii_case("several") {
            (i + 1, 3.0)
        } else if w.eq_ignore_ascii_case("a") && self.is(i + 1, "few") {
            (i + 2, 2.0)
        } else {
            (i, 0.0)
        };
        if vague_end > i {
            let mut end = vague_end;
            let mut m = 1.0;
            if self.is(end, "dozen") {
                m *= 12.0;
                end += 1;
            }
            while let Some(s) = self.scale_at(end).filter(|&s| s >= 100.0) {
                m *= s;
                end += 1;
            }
            if m > 1.0 {
                return mk(end, None, Some(vague * m));
            }
            return None;
        }
        // "a dozen", "a hundred", "a half", "a third", "an eighth".
        if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an") {
            let n = self.w(i + 1);
            if n.eq_ignore_ascii_case("dozen") {
                return mk(i + 2, Some(12.0), None);
            }
            if let Some(s) = self.rec.scales.get(n).filter(|&s| s >= 100.0) {
                let mut value = s;
                let mut end = i + 2;
                while let Some(m) = self.scale_at(end) {
                    value *= m;
                    end += 1;
                }
                return mk(end, Some(value), None);
            }
            // "a third of", "a quarter of"; "a third term" is an ordinal.
            if let Some(d) = self.rec.fractions.get(n) {
                if !n.ends_with('s') && self.is(i + 2, "of") {
                    return mk(i + 2, Some(1.0 / d), None);
                }
            }
            return None;
        }
        if w.eq_ignore_ascii_case("half") {
            // "half of", "half the", "half a million"; not "half an hour", "first half".
            let n = self.w(i + 1).to_ascii_lowercase();
            let ok = matches!(
                n.as_str(),
                "of" | "the"
                    | "a"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "that"
                    | "them"
                    | "those"
                    | "million"
                    | "billion"
                    | "dozen"
            ) && !self.time_unit_at(i + 2)
                && !(n == "a" && self.time_unit_at(i + 3));
            return ok.then(|| mk(i + 1, Some(0.5), None)).flatten();
        }
        if w.eq_ignore_ascii_case("dozen") {
            return mk(i + 1, Some(12.0), None);
        }
        // Cardinal words: small numbers, tens, hyphenated tens ("twenty-five"),
        // "hundred", "and", scale words.
        let mut total = 0.0;
        let mut current = 0.0;
        let mut end = i;
        let mut any = false;
        loop {
            if let Some(v) = self.small_word(end) {
                if any {
                    // "twenty five", "one hundred twenty", "two million three hundred";
                    // not "one two" (a list) or "ten eleven".
                    let rem = current % 100.0;
                    let after_tens = rem >= 20.0 && rem % 10.0 == 0.0 && v < 10.0;
                    let after_round = rem == 0.0 && (current > 0.0 || total > 0.0);
                    if !(after_tens || after_round || self.is(end - 1, "and")) {
                        break;
                    }
                }
                current += v;
                end += 1;
                any = true;
                // "twenty-five"
                if self.rec.tens.get(self.w(end - 1)).is_some()
                    && self.w(end) == "-"
                    && self.glued(end)
                    && self.glued(end + 1)
                {
                    if let Some(u) = self.rec.small.get(self.w(end + 1)).filter(|&u| u < 10.0) {
                        current += u;
                        end += 2;
                    }
                }
                // "two-thirds", "one-quarter"
                if self.w(end) == "-" && self.glued(end) && self.glued(end + 1) {
                    if let Some(d) = self.rec.fractions.get(self.w(end + 1)) {
                        if !self.time_unit_at(end + 2) {
                            return mk(end + 2, Some(current / d), None);
                        }
                    }
                }
                continue;
            }
            if any && current > 0.0 && current < 100.0 && self.is(end, "dozen") {
                current *= 12.0;
                end += 1;
                continue;
            }
            if any && self.is(end, "hundred") {
                current = current.max(1.0) * 100.0;
                end += 1;
                continue;
            }
            if let Some(s) = self.scale_at(end).filter(|&s| s >= 1e3) {
                if !any && current == 0.0 {
                    break;
                }
                total += current.max(1.0) * s;
                current = 0.0;
                end += 1;
                any = true;
                continue;
            }
            if any
                && self.is(end, "and")
                && (self.small_word(end + 1).is_some())
                && (current >= 100.0 || total > 0.0)
                && current % 100.0 == 0.0
            {
                end += 1;
                continue;
            }
            if any && self.is(end, "point") && self.small_word(end + 1).is_some_and(|v| v < 10.0) {
                // "seven point one billion"
                let d = self.small_word(end + 1).unwrap_or(0.0);
                current += d / 10.0;
                end += 2;
                continue;
            }
            break;
        }
        if !any {
            return None;
        }
        // A dangling "and" is not part of the number.
        if self.is(end - 1, "and") {
            end -= 1;
        }
        // "one hundred, two thousand" glitches aside, a trailing scale was consumed above.
        mk(end, Some(total + current), None)
    }

    fn amount(&self, i: usize) -> Option<Amount> {
        self.digits(i).or_else(|| self.words(i))
    }

    fn time_unit_at(&self, i: usize) -> bool {
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

    /// A currency sign at `i`: (token after it, currency code).
    fn symbol(&self, i: usize) -> Option<(usize, &'static str)> {
        let w = self.w(i);
        if let Some(code) = self.rec.symbols.get(w) {
            return Some((i + 1, code));
        }
        // Some newswire text writes the pound sign as "#": only "#5 million" is money.
        if w == "#" && self.kind(i + 1) == Some(Kind::Num) && self.scale_at(i + 2).is_some() {
            return Some((i + 1, "GBP"));
        }
        // "US$", "HK$", "U.S.$"
        if self.kind(i) == Some(Kind::Word) {
            if self.w(i + 1) == "$" && self.glued(i + 1) {
                if let Some(code) = self.rec.dollar_prefixes.get(w) {
                    return Some((i + 2, code));
                }
            }
            if w == "U"
                && self.w(i + 1) == "."
                && self.w(i + 2) == "S"
                && self.w(i + 3) == "."
                && self.w(i + 4) == "$"
            {
                return Some((i + 5, "USD"));
            }
        }
        None
    }

    /// One side of a figure at `i`: `[sign] amount [unit]`.
    fn side(&self, i: usize) -> Option<Side> {
        let (amount_at, code) = match self.symbol(i) {
            Some((j, c)) => (j, Some(c)),
            None => (i, None),
        };
        let amount = self.amount(amount_at)?;
        let mut side = Side {
            start: i,
            end: amount.end,
            amount,
            sort: Sort::Count,
            unit: None,
            symbol: code.is_some(),
            rule: "cardinal",
        };
        let k = amount.end;
        let money = |mut side: Side, end: usize, code: &str| {
            side.end = end;
            side.sort = Sort::Money;
            side.unit = Some(code.to_string());
            side.rule = "money";
            Some(side)
        };
        if let Some(code) = code {
            // "$5 million dollars" is rare; "US$ 5 million" is handled by the sign.
            return money(side, k, code);
        }
        // Unit words may be glued with a hyphen when adjectival: "a 34-foot boat",
        // "a five-cent change", "a 100 million-mark venture".
        let u = if self.w(k) == "-" && self.glued(k) && self.glued(k + 1) {
            k + 1
        } else {
            k
        };
        // "hundreds of millions of dollars": a vague amount of money keeps "of".
        let u = if amount.value.is_none() && self.is(u, "of") {
            if self.phrase(&self.rec.currency_words, u + 1).is_some() {
                u + 1
            } else {
                return Some(side);
            }
        } else {
            u
        };
        let units = self.rec.unit_first.get(self.w(u)).unwrap_or(0);
        if units == 0 {
            return Some(side);
        }
        if units & PERCENT_UNIT != 0 {
            if let Some((end, unit)) = self.phrase(&self.rec.percent, u) {
                side.end = end;
                side.sort = Sort::Percent;
                side.unit = Some(unit.to_string());
                side.rule = "percent";
                return Some(side);
            }
        }
        if units & CURRENCY_UNIT != 0 {
            if let Some((end, code)) = self.phrase(&self.rec.currency_words, u) {
                return money(side, end, code);
            }
        }
        if units & AFTER_SCALE_UNIT != 0 && (amount.scale || self.w(u - 1) == "-") {
            if let Some((end, code)) = self.phrase(&self.rec.currency_after_scale, u) {
                return money(side, end, code);
            }
        }
        if units & MEASURE_UNIT != 0 {
            if let Some((end, unit)) = self.phrase(&self.rec.measures, u) {
                side.end = end;
                side.sort = Sort::Measure;
                side.unit = Some(unit.to_string());
                side.rule = "measure";
                return Some(side);
            }
        }
        Some(side)
    }

    /// The counted noun after a count ending at `k`: the longest known noun phrase within
    /// two words (adjectives may come between: "1,000 Russian troops"), else the next
    /// word when it looks like a plural noun. "hundreds of refugees" reads through "of".
    fn count_unit(&self, k: usize, vague: bool) -> Option<String> {
        let mut k = k;
        if vague && self.is(k, "of") {
            k += 1;
        }
        for skip in 0..3 {
            let at = k + skip;
            if at >= self.toks.len() {
                break;
            }
            if skip > 0 {
                // Skipped words must be modifiers: words that are not function words.
                let prev = at - 1;
                if self.kind(prev) != Some(Kind::Word)
                    || self.rec.not_units.contains(self.w(prev))
                    || self.toks[prev].glued
                {
                    break;
                }
            }
            if let Some((end, ())) = self.phrase(&self.rec.count_units, at) {
                let s = self.toks[at].s;
                let e = self.toks[end - 1].e;
                return Some(self.text[s..e].to_ascii_lowercase());
            }
        }
        let w = self.w(k);
        if self.kind(k) == Some(Kind::Word)
            && !self.toks[k].glued
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !self.rec.not_units.contains(w)
        {
            return Some(w.to_string());
        }
        None
    }

    /// A date context makes a number a day or a year: "March 14", "14 March", "in 2015".
    fn date_context(&self, a: &Amount) -> bool {
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
    fn not_a_count(&self, side: &Side, i: usize) -> bool {
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

    fn figure_at(&self, i: usize) -> Option<Found> {
        if !self.may_start(i) {
            return None;
        }
        let t = self.toks[i];
        // Qualifier or range opener.
        let mut qual: Option<(&'static str, bool)> = None;
        let mut j = i;
        let mut opener = None;
        if t.kind == Kind::Word {
            if self.is(i, "between") {
                opener = Some("and");
                j = i + 1;
            } else if self.is(i, "from") {
                opener = Some("to");
                j = i + 1;
            } else if let Some((end, q)) = self.rec.qualifier_at(self, i) {
                qual = Some(q);
                j = end;
            }
        }
        let first = if j > i { self.side(j)? } else { self.side(i)? };
        let a = first.amount;

        // Codes, times, phone numbers and dates are skipped whole.
        let k = a.end;
        if !a.words {
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
        }
        // "a year or two", "an hour or two".
        if first.sort == Sort::Count
            && a.start >= 2
            && self.is(a.start - 1, "or")
            && self.time_unit_at(a.start - 2)
        {
            return Some(Found::Skip(first.end));
        }
        if self.not_a_count(&first, i) {
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

        // Range tails.
        let mut second: Option<Side> = None;
        let joiner_at = first.end;
        if let Some(word) = opener {
            if self.is(joiner_at, word) {
                second = self.side(joiner_at + 1);
            }
            if second.is_none() {
                // "from 10 people" is not a range: treat "from" as outside the figure.
                return self.figure_at(j).or(Some(Found::Skip(j)));
            }
        } else {
            let jw = self.w(joiner_at);
            let dash = matches!(jw, "-" | "\u{2013}" | "\u{2014}");
            let moved = first.start > 0 && self.rec.movement.contains(self.w(first.start - 1));
            let is_to = self.is(joiner_at, "to") && !moved;
            let is_or = self.is(joiner_at, "or");
            if dash || is_to || is_or {
                if let Some(s) = self.side(joiner_at + 1) {
                    let same_sort = s.sort == first.sort || first.sort == Sort::Count;
                    let ok = if is_or {
                        first.sort != Sort::Count && s.sort == first.sort
                    } else if dash {
                        // "3,000-6,000": glued or spaced; not "3-2" scores of tiny numbers.
                        same_sort && !s.amount.words && !a.words && !s.amount.year_like
                    } else {
                        same_sort && s.amount.words == a.words && !s.amount.year_like
                    };
                    let increasing = match (a.value, s.amount.value) {
                        (Some(x), Some(y)) => y > x || first.sort == Sort::Money,
                        _ => false,
                    };
                    if ok && increasing {
                        // "ten to twelve hours" is a duration.
                        if first.sort == Sort::Count && self.time_unit_at(s.end) {
                            return Some(Found::Skip(s.end + 1));
                        }
                        second = Some(s);
                    }
                }
            }
        }

        let (start_tok, end_tok, info, rule, vague) = match second {
            Some(s) => {
                let mut sort = s.sort;
                let mut unit = s.unit.clone();
                if first.sort != Sort::Count {
                    sort = first.sort;
                    unit = first.unit.clone();
                }
                // "3 to 5 million": the scale of the second side applies to the first.
                let mut lo = a.value.or(a.min);
                if let (Some(x), true, false) = (lo, s.amount.scale, a.scale) {
                    if let Some(sc) = self.scale_at(s.amount.end - 1) {
                        lo = Some(x * sc);
                    }
                }
                if sort == Sort::Count {
                    unit = self.count_unit(s.end, false);
                }
                let start = if opener == Some("and") {
                    i
                } else {
                    first.start
                };
                let start = if opener.is_none() && j > i { i } else { start };
                let end = if sort == Sort::Count {
                    s.amount.end
                } else {
                    s.end
                };
                let _ = sort;
                let info = FigureInfo {
                    value: None,
                    min: lo,
                    max: s.amount.value.or(s.amount.min),
                    qualifier: "range",
                    unit,
                };
                (start, end, info, "range", false)
            }
            None => {
                let (mut q, in_span) = qual.unwrap_or(("exact", true));
                let vague = a.value.is_none();
                // "six or more", "100 or so", "ten or fewer".
                let mut end = first.end;
                if self.is(end, "or") {
                    let tail = self.w(end + 1).to_ascii_lowercase();
                    let tq = match tail.as_str() {
                        "more" => Some("at_least"),
                        "so" => Some("approx"),
                        "less" | "fewer" => Some("at_most"),
                        _ => None,
                    };
                    if let (Some(tq), None) = (tq, qual) {
                        if !self.is(end + 2, "than") && !self.time_unit_at(end + 2) {
                            q = tq;
                            end += 2;
                        }
                    }
                }
                let mut unit = first.unit.clone();
                if first.sort == Sort::Count {
                    unit = self.count_unit(end, vague);
                }
                // A bare "$500" is spanned without its sign (OntoNotes); with a
                // qualifier, scale or range the sign stays.
                let start = if j > i && in_span {
                    i
                } else if first.symbol
                    && qual.is_none()
                    && !a.scale
                    && first.sort == Sort::Money
                    && self.w(first.start) == "$"
                {
                    a.start
                } else {
                    first.start
                };
                let q = if vague && q == "exact" { "approx" } else { q };
                let rule = if qual.is_some() && first.rule == "cardinal" {
                    if q == "approx" {
                        "approx"
                    } else {
                        "qualified"
                    }
                } else if a.words && first.rule == "cardinal" {
                    "number-words"
                } else {
                    first.rule
                };
                let info = FigureInfo {
                    value: a.value,
                    min: a.min,
                    max: None,
                    qualifier: q,
                    unit,
                };
                (start, end, info, rule, vague)
            }
        };
        let _ = vague;
        if !self.keep(start_tok, end_tok, &info, a) {
            return Some(Found::Skip(end_tok));
        }
        let mut c = Candidate::new(
            self.toks[start_tok].s,
            self.toks[end_tok - 1].e,
            EntityType::Figure,
            ["rule:", rule].concat(),
        );
        c.priority = PRIORITY;
        c.detail = Detail::Figure(info);
        Some(Found::Figure(c, end_tok))
    }

    /// Final filters on word numbers that are more often not figures: "one" as a
    /// pronoun ("no one", "one of the ...", "the one who"), lone small number words
    /// inside idioms.
    fn keep(&self, start: usize, end: usize, info: &FigureInfo, a: Amount) -> bool {
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
}

impl FigureRecognizer {
    fn qualifier_at(&self, p: &Parser, i: usize) -> Option<(usize, (&'static str, bool))> {
        p.phrase(&self.qualifiers, i)
    }
}

#[cfg(test)]
mod tests;
