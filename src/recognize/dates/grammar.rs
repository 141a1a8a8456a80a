//! The date grammar: rules tried at one token, each returning the longest expression
//! it can read there with its TIMEX3 type, value and mod.
//!
//! Every rule is a plain function over the token slice (no backtracking engine): it
//! checks a few tokens, computes the value against the reference date and returns a
//! [`Hit`]. [`Parser::parse`] tries them all (with optional "the", approximation and
//! position modifiers in front) and keeps the longest.

use super::lexicon::{Lex, Lexicon, Unit};
use super::{is_apostrophe, Kind, Tok, NO_LEX};
use crate::text::words::WordIndex;
use chrono::{Datelike, Days, Months, NaiveDate};

/// One recognised expression starting at the token `parse` was called with.
#[derive(Debug)]
pub(crate) struct Hit {
    /// Token index one past the last token.
    pub end: usize,
    pub timex: &'static str,
    pub value: String,
    pub mod_: Option<&'static str>,
    pub rule: &'static str,
}

fn hit(end: usize, timex: &'static str, value: String, rule: &'static str) -> Option<Hit> {
    Some(Hit {
        end,
        timex,
        value,
        mod_: None,
        rule,
    })
}

/// Keeps the longer of two hits (the first on ties).
fn better(best: &mut Option<Hit>, h: Option<Hit>) {
    if let Some(h) = h {
        if best.as_ref().is_none_or(|b| h.end > b.end) {
            *best = Some(h);
        }
    }
}

/// A token's lower-case form as the lexicon spells it ("" for unknown words), so rules
/// compare words without allocating or re-casing.
#[derive(Clone, Copy)]
struct Low(&'static str);

impl Low {
    fn as_str(&self) -> &'static str {
        self.0
    }
}

impl PartialEq<&str> for Low {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

// Rules a word can begin (bits of `WordSets::gates`); see `word_gates`.
const DEICTIC: u32 = 1 << 0;
const TIME: u32 = 1 << 1;
const REFS: u32 = 1 << 2;
const SETS: u32 = 1 << 3;
const HOLIDAY: u32 = 1 << 4;
const YEAR: u32 = 1 << 5;
const DAY: u32 = 1 << 6;
const DURATION: u32 = 1 << 7;
const RELATIVE: u32 = 1 << 8;
const QUARTER: u32 = 1 << 9;
const QUARTER_AFTER_THE: u32 = 1 << 10;
const DECADE: u32 = 1 << 11;
const SEASON: u32 = 1 << 12;
const DET_REFS: u32 = 1 << 13;
/// The bits above: the rules of `core`.
const RULES: u32 = (1 << 14) - 1;
// What else `parse` reads at the word: "the" before an expression, the first word of
// a `quant_mod` ("about", "more than") or of a `pos_mod` ("early", "end of").
const THE: u32 = 1 << 14;
const QUANT_MOD: u32 = 1 << 15;
const POS_MOD: u32 = 1 << 16;

/// The rules that can begin at the lexicon word `w` with senses `l`, and whether it
/// is "the" or begins a modifier.
///
/// Each bit restates the first test of its rule (the words of its first `match`, or
/// the senses it reads first), so a rule left out would have returned `None` at once:
/// `core` uses this to skip them, and `parse` to skip the modifiers (most starts are
/// numbers and words that are neither). "the" and "a", the commonest words that can
/// start an expression, begin none of the rules but `duration` ("a year").
fn word_gates(w: &str, l: &Lex) -> u32 {
    let mut g = 0;
    let mut set = |bit: u32, on: bool| {
        if on {
            g |= bit;
        }
    };
    set(
        DEICTIC,
        matches!(
            w,
            "today" | "yesterday" | "tomorrow" | "tonight" | "this" | "last" | "overnight"
        ),
    );
    set(
        TIME,
        (1..=12).contains(&l.num) || matches!(w, "noon" | "midday" | "midnight"),
    );
    set(
        REFS,
        matches!(
            w,
            "now"
                | "currently"
                | "nowadays"
                | "recently"
                | "lately"
                | "formerly"
                | "these"
                | "recent"
        ),
    );
    set(
        SETS,
        matches!(
            w,
            "daily"
                | "nightly"
                | "weekly"
                | "biweekly"
                | "monthly"
                | "yearly"
                | "annual"
                | "annually"
                | "hourly"
                | "once"
                | "twice"
                | "thrice"
                | "every"
                | "each"
        ),
    );
    set(
        HOLIDAY,
        matches!(
            w,
            "christmas"
                | "halloween"
                | "independence"
                | "valentine"
                | "new"
                | "thanksgiving"
                | "memorial"
                | "labor"
                | "labour"
        ),
    );
    // `spoken_year` ("two thousand", "nineteen ninety"), "fiscal 1990", "pre-1990".
    set(
        YEAR,
        l.num == 2 || (10..=20).contains(&l.num) || matches!(w, "fiscal" | "pre" | "post"),
    );
    // `day_at`: an ordinal, "twenty-fifth"; "the" itself is refused by `day_month`.
    set(DAY, l.ord > 0 || l.num == 20 || l.num == 30);
    set(
        DURATION,
        l.unit_plural
            || l.num > 0
            || matches!(
                w,
                // `duration`'s leading words
                "past" | "last" | "next" | "coming" | "first" | "previous" | "following"
                    | "latest" | "final" | "prior" | "recent"
                    // `cardinal`'s words other than number words
                    | "a" | "an" | "several" | "few" | "many" | "couple" | "dozens"
                    | "hundreds" | "half"
            ),
    );
    set(
        RELATIVE,
        matches!(
            w,
            "this"
                | "current"
                | "last"
                | "previous"
                | "prior"
                | "past"
                | "next"
                | "coming"
                | "following"
                | "latest"
                | "same"
                | "year"
        ),
    );
    set(
        QUARTER,
        (1..=4).contains(&l.ord) || matches!(w, "fiscal" | "last" | "final"),
    );
    set(QUARTER_AFTER_THE, w == "quarter");
    set(DECADE, l.ord > 0 || l.num == 20);
    set(
        SEASON,
        l.season.is_some() || matches!(w, "this" | "last" | "next" | "past" | "coming"),
    );
    set(
        DET_REFS,
        matches!(
            w,
            "past" | "future" | "present" | "near" | "distant" | "foreseeable" | "weekend" | "year"
        ),
    );
    set(THE, w == "the");
    set(
        QUANT_MOD,
        matches!(
            w,
            "about"
                | "around"
                | "approximately"
                | "roughly"
                | "some"
                | "circa"
                | "nearly"
                | "almost"
                | "more"
                | "less"
                | "fewer"
                | "at"
                | "up"
                | "no"
        ),
    );
    set(
        POS_MOD,
        matches!(
            w,
            "early"
                | "earlier"
                | "late"
                | "later"
                | "mid"
                | "end"
                | "beginning"
                | "start"
                | "middle"
        ),
    );
    g
}

/// What the token after a lexicon word must be for [`Parser::parse`] to find anything
/// at that word; `find` passes over the word at once otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Nothing helps: the word begins no rule and is no modifier.
    Never,
    /// Anything (or nothing): the word may make an expression on its own.
    Any,
    /// A word the lexicon knows.
    Known,
    /// A word the lexicon knows, a number, a mixed token or an apostrophe.
    KnownOrNumber,
    /// A word the lexicon knows, "-" or "\u{2013}".
    KnownOrDash,
}

/// The [`Next`] of the lexicon word `w` with senses `l` and rule gates `gates`.
///
/// `parse` at a word runs `core` there (which runs only the rules of the word's gates,
/// its month and its weekday), reads on after "the", and tries the modifiers of
/// `quant_mod` and `pos_mod`. So a word that begins no rule:
/// - "the": `core` at the next token returns `None` at once unless that token is a
///   known word, a number, a mixed token or an apostrophe, and `pos_mod` needs a
///   known word;
/// - a one-word modifier ("about", "early"): likewise, `core` runs at the next token
///   (or after a "the" there);
/// - a modifier of two words ("more than", "at least", "end of"): the second is a
///   known word;
/// - "mid" may take a hyphen ("mid-1990s"): anything;
/// - any other word: nothing.
///
/// "a" and "an" begin only `duration`, through `cardinal`, which needs a known word
/// after them ("a year", "a few", "a dozen"). Some words begin rules that all need
/// more after them:
/// - a number word ("three", "twenty") or a vague one ("several", "many"): `duration`
///   through `cardinal` (a unit, "to", "or", "more", a hyphen or dash: "three to
///   five years", "five-year"), `time` ("o'clock", "a.m."), the spoken years ("nineteen
///   ninety", "two thousand") and "twenty-first", "twenty-fifth": a known word or a
///   dash;
/// - "this", "current", "same" (`deictic`, `relative`, `season`: "this morning",
///   "current year", "same fiscal year", "this summer"), "these" ("these days") and the
///   holidays of two words ("New Year's Day", "Labor Day"): a known word.
fn next_needed(w: &str, l: &Lex, gates: u32) -> Next {
    let gates = gates & RULES;
    if l.month != 0 || l.weekday != 0 {
        return Next::Any;
    }
    if gates == DURATION && l.num == 0 && matches!(w, "a" | "an") {
        return Next::Known;
    }
    let counts = l.num > 0
        || matches!(
            w,
            "several" | "few" | "many" | "couple" | "dozens" | "hundreds" | "half"
        );
    if counts && gates & !(DURATION | TIME | YEAR | DAY | DECADE) == 0 {
        return Next::KnownOrDash;
    }
    if matches!(
        w,
        "this"
            | "current"
            | "same"
            | "these"
            | "new"
            | "independence"
            | "memorial"
            | "labor"
            | "labour"
    ) {
        return Next::Known;
    }
    if gates != 0 {
        return Next::Any;
    }
    match w {
        "the" => Next::KnownOrNumber,
        // `quant_mod`
        "about" | "around" | "approximately" | "roughly" | "some" | "circa" | "nearly"
        | "almost" => Next::KnownOrNumber,
        "more" | "less" | "fewer" | "at" | "up" | "no" => Next::Known,
        // `pos_mod`
        "early" | "earlier" | "late" | "later" => Next::KnownOrNumber,
        "end" | "beginning" | "start" | "middle" => Next::Known,
        "mid" => Next::Any,
        _ => Next::Never,
    }
}

/// The longer word lists of the grammar as [`WordIndex`] sets (one look-up instead of
/// a scan of up to 90 words), and the rules each lexicon word can begin, built once
/// with the recogniser.
pub(crate) struct WordSets {
    /// `word_gates` of each lexicon entry.
    gates: Vec<u32>,
    /// `next_needed` of each lexicon entry.
    pub(crate) next: Vec<Next>,
    /// Whether each lexicon entry is one of [`DURATION_LEAD`]: `duration` tests every
    /// token it starts at.
    duration_lead: Vec<bool>,
    may_before: WordIndex,
    year_before: WordIndex,
    count_nouns: WordIndex,
    not_year_before: WordIndex,
    future_cues: WordIndex,
    past_cues: WordIndex,
}

impl WordSets {
    pub(crate) fn new(lex: &Lexicon) -> WordSets {
        let set = |list: &[&str]| {
            let mut ix = WordIndex::with_capacity(list.len());
            for w in list {
                ix.insert(w, 0);
            }
            ix
        };
        let gates: Vec<u32> = (0..lex.len())
            .map(|i| word_gates(lex.word(i), lex.get(i)))
            .collect();
        WordSets {
            next: (0..lex.len())
                .map(|i| next_needed(lex.word(i), lex.get(i), gates[i as usize]))
                .collect(),
            gates,
            duration_lead: (0..lex.len())
                .map(|i| DURATION_LEAD.contains(&lex.word(i)))
                .collect(),
            may_before: set(MAY_BEFORE),
            year_before: set(YEAR_BEFORE),
            count_nouns: set(COUNT_NOUNS),
            not_year_before: set(NOT_YEAR_BEFORE),
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

/// Words that may come before the number of a duration ("the past two months"); all
/// are lexicon words, so `WordSets::duration_lead` marks their entries.
const DURATION_LEAD: &[&str] = &[
    "past",
    "last",
    "next",
    "coming",
    "first",
    "previous",
    "following",
    "latest",
    "final",
    "prior",
    "recent",
];

/// Words joining the numbers of a duration ("two to three weeks").
const RANGE_WORDS: &[&str] = &["to", "or"];
/// Words before a hyphen and a year ("pre-1990").
const YEAR_PREFIXES: &[&str] = &["pre", "post"];
/// Words after the number of a duration that stay in it ("three more weeks").
const DURATION_EXTRA: &[&str] = &[
    "more",
    "additional",
    "straight",
    "consecutive",
    "full",
    "other",
];

/// Words after which a capitalised "May" is the month, not the verb.
const MAY_BEFORE: &[&str] = &[
    "in", "of", "since", "until", "till", "by", "last", "next", "this", "early", "late", "mid",
    "from", "through", "during", "before", "after", "between", "and", "to", "-", "or",
];
/// Prepositions that let a four-digit number down to 1000 be a year.
const YEAR_BEFORE: &[&str] = &[
    "in", "since", "of", "from", "until", "till", "by", "to", "through", "during", "before",
    "after", "circa", "year", "and", "between", "early", "late", "mid", "fiscal",
];
/// Nouns after which a four-digit number is a count, not a year.
const COUNT_NOUNS: &[&str] = &[
    "people",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "workers",
    "employees",
    "jobs",
    "members",
    "votes",
    "seats",
    "cases",
    "deaths",
    "pounds",
    "tons",
    "tonnes",
    "meters",
    "metres",
    "feet",
    "miles",
    "kilometers",
    "kilometres",
    "km",
    "acres",
    "hectares",
    "barrels",
    "shares",
    "units",
    "cars",
    "vehicles",
    "homes",
    "houses",
    "points",
    "percent",
    "residents",
    "refugees",
    "students",
    "officers",
    "police",
    "civilians",
    "fighters",
    "militants",
    "rebels",
    "prisoners",
    "patients",
    "households",
    "companies",
    "dollars",
    "euros",
    "yuan",
    "yen",
    "rupees",
    "marines",
    "personnel",
    "lives",
    "times",
    "hours",
    "minutes",
    "years",
    "days",
    "rounds",
    "calories",
    "words",
    "pages",
    "degrees",
    "aircraft",
    "planes",
    "tanks",
    "ships",
    "sq",
    "square",
    "cubic",
    "mw",
    "kg",
    "mg",
    "ft",
    "mph",
    "kph",
    "rpm",
    "gb",
    "mb",
    "copies",
];
/// Words before which a four-digit number is not a year (money, codes, numbering).
const NOT_YEAR_BEFORE: &[&str] = &[
    "$",
    "#",
    "\u{20ac}",
    "\u{a3}",
    "no",
    "nos",
    "number",
    "route",
    "room",
    "flight",
    "page",
    "pp",
    "article",
    "section",
    "resolution",
    "model",
    "code",
    "channel",
    "highway",
    "interstate",
    "suite",
    "apartment",
    "box",
    "ext",
    "extension",
    "gate",
    "platform",
    "unit",
    "item",
    "rule",
    "law",
    "bill",
    "us",
    "u.s",
    "usd",
    "rs",
    "approximately",
    "about",
    "some",
    "nearly",
    "over",
    "than",
    "least",
    "most",
    "only",
    "just",
    "up",
    "x",
];
const TIMEZONES: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST",
    "ET", "PT", "CT", "MT", "JST", "IST", "AEST", "AEDT", "MSK",
];
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
    // ---- token helpers -------------------------------------------------------------

    fn n(&self) -> usize {
        self.toks.len()
    }

    fn s(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.s..t.e],
            None => "",
        }
    }

    /// Token `i` in lower case if the lexicon knows it, else "".
    fn low(&self, i: usize) -> Low {
        match self.toks.get(i) {
            Some(t) if t.lex != NO_LEX => Low(self.lex.word(t.lex)),
            _ => Low(""),
        }
    }

    /// The bytes of token `i` ("" past the end): `s` without the `str` boundary
    /// checks, for comparisons.
    fn bytes(&self, i: usize) -> &'a [u8] {
        match self.toks.get(i) {
            Some(t) => &self.text.as_bytes()[t.s..t.e],
            None => b"",
        }
    }

    fn is(&self, i: usize, w: &str) -> bool {
        i < self.n() && self.bytes(i).eq_ignore_ascii_case(w.as_bytes())
    }

    fn any(&self, i: usize, ws: &[&str]) -> bool {
        i < self.n() && {
            let s = self.bytes(i);
            ws.iter().any(|w| s.eq_ignore_ascii_case(w.as_bytes()))
        }
    }

    /// `any` for a list of lexicon words (spelt in lower case; a test checks the
    /// lists): a token the lexicon does not know (a number, most words) answers at
    /// once, a known one compares its entry's spelling.
    fn low_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.low(i).as_str();
        !w.is_empty() && words.contains(&w)
    }

    /// Token `i` exists and is a word of `set` (any ASCII case): `any` for the long
    /// lists.
    fn in_set(&self, i: usize, set: &WordIndex) -> bool {
        i < self.n() && set.get_bytes(self.bytes(i)).is_some()
    }

    /// `word_gates` of token `i` (0 for a number, a mark or a word the lexicon does
    /// not know).
    fn gates(&self, i: usize) -> u32 {
        match self.toks.get(i) {
            Some(t) if t.lex != NO_LEX => self.sets.gates[t.lex as usize],
            _ => 0,
        }
    }

    fn lx(&self, i: usize) -> &'a Lex {
        match self.toks.get(i) {
            Some(t) if t.lex != NO_LEX => self.lex.get(t.lex),
            _ => &EMPTY,
        }
    }

    /// Token `i` exists and touches the previous one.
    fn glued(&self, i: usize) -> bool {
        i < self.n() && self.toks[i].glued
    }

    /// Token `i` exists and is on the same line as the previous one.
    fn cont(&self, i: usize) -> bool {
        i < self.n() && (!self.toks[i].nl || i == self.start.get())
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn cap(&self, i: usize) -> bool {
        self.s(i)
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_uppercase)
    }

    /// The value and digit count of a digit token.
    fn num(&self, i: usize) -> Option<(u32, usize)> {
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
    fn free_right(&self, i: usize) -> bool {
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
    fn free_left(&self, i: usize) -> bool {
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

    // ---- reference-date helpers ----------------------------------------------------

    /// Whether the sentence around tokens `a..b` speaks of the future: the nearest
    /// tense cue to the left (then to the right) decides; past by default.
    fn future(&self, a: usize, b: usize) -> bool {
        self.tense(a, b).unwrap_or(false)
    }

    /// The nearest tense cue around tokens `a..b`: future, past, or none found.
    fn tense(&self, a: usize, b: usize) -> Option<bool> {
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

    fn day_str(&self, f: impl FnOnce(NaiveDate) -> Option<NaiveDate>) -> String {
        match self.r.and_then(f) {
            Some(d) => ymd(d),
            None => "XXXX-XX-XX".into(),
        }
    }

    fn week_str(&self, off: i64) -> String {
        match self.r.and_then(|r| shift_days(r, 7 * off)) {
            Some(d) => week(d),
            None => "XXXX-WXX".into(),
        }
    }

    fn month_shift(&self, off: i32) -> String {
        match self.r {
            Some(r) => {
                let (y, m) = add_months(r.year(), r.month(), off);
                format!("{y:04}-{m:02}")
            }
            None => "XXXX-XX".into(),
        }
    }

    fn year_shift(&self, off: i32) -> String {
        match self.r {
            Some(r) => format!("{:04}", r.year() + off),
            None => "XXXX".into(),
        }
    }

    fn quarter_shift(&self, off: i32) -> String {
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
    fn year_for(&self, m: u32, d: u32, tense: Option<bool>) -> Option<i32> {
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

    fn weekday_date(&self, wd: u32, fut: bool) -> Option<NaiveDate> {
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

    // ---- entry point ---------------------------------------------------------------

    /// The longest expression starting at token `i`.
    pub(crate) fn parse(&self, i: usize) -> Option<Hit> {
        self.start.set(i);
        let mut best = self.core(i, false);
        let g = self.gates(i);
        if g & THE != 0 && self.cont(i + 1) {
            better(&mut best, self.core(i + 1, true));
            if let Some((m, j)) = self.pos_mod(i + 1) {
                better(&mut best, self.with_pos(m, j));
            }
        }
        let quant = if g & QUANT_MOD != 0 {
            self.quant_mod(i)
        } else {
            None
        };
        if let Some((m, j)) = quant {
            let mut h = self.core(j, false);
            if h.is_none() && self.is(j, "the") {
                h = self.core(j + 1, true);
            }
            if let Some(mut h) = h {
                let approx_ok = m == "APPROX" && h.timex == "DATE" && h.rule != "ref";
                if h.timex == "DURATION" || h.timex == "TIME" || h.rule == "ago" || approx_ok {
                    h.mod_ = h.mod_.or(Some(m));
                    better(&mut best, Some(h));
                }
            }
        }
        if g & POS_MOD != 0 {
            if let Some((m, j)) = self.pos_mod(i) {
                better(&mut best, self.with_pos(m, j));
            }
        }
        best
    }

    fn with_pos(&self, m: &'static str, j: usize) -> Option<Hit> {
        if !self.cont(j) {
            return None;
        }
        let mut h = self.core(j, false);
        if self.is(j, "the") {
            better(&mut h, self.core(j + 1, true));
            // "the end of the year": the current one.
            let l = self.lx(j + 1);
            if !l.unit_plural && self.cont(j + 1) {
                let v = match l.unit {
                    Some(Unit::Year) => Some(self.year_shift(0)),
                    Some(Unit::Month) => Some(self.month_shift(0)),
                    Some(Unit::Week) => Some(self.week_str(0)),
                    Some(Unit::Quarter) => Some(self.quarter_shift(0)),
                    Some(Unit::Day) => Some(self.day_str(Some)),
                    _ => None,
                };
                if let Some(v) = v {
                    better(&mut h, hit(j + 2, "DATE", v, "relative"));
                }
            }
        }
        let mut h = h?;
        let ok = matches!(h.timex, "DATE" | "TIME")
            && !matches!(h.rule, "ref" | "ago" | "iso-date" | "numeric-date");
        if !ok {
            return None;
        }
        h.mod_ = Some(m);
        Some(h)
    }

    /// "about", "nearly", "more than", ...: (TIMEX3 mod, index after).
    fn quant_mod(&self, i: usize) -> Option<(&'static str, usize)> {
        let s = self.low(i);
        let two = |w: &str, m: &'static str| self.is(i + 1, w).then_some((m, i + 2));
        match s.as_str() {
            "about" | "around" | "approximately" | "roughly" | "some" | "circa" => {
                Some(("APPROX", i + 1))
            }
            "nearly" | "almost" => Some(("APPROX", i + 1)),
            "more" => two("than", "MORE_THAN"),
            "less" | "fewer" => two("than", "LESS_THAN"),
            "at" => two("least", "EQUAL_OR_MORE").or_else(|| two("most", "EQUAL_OR_LESS")),
            "up" => two("to", "EQUAL_OR_LESS"),
            "no" => {
                if self.is(i + 1, "more") && self.is(i + 2, "than") {
                    Some(("EQUAL_OR_LESS", i + 3))
                } else if self.is(i + 1, "less") && self.is(i + 2, "than") {
                    Some(("EQUAL_OR_MORE", i + 3))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// "early", "late", "mid-", "the end of", ...: (TIMEX3 mod, index after).
    fn pos_mod(&self, i: usize) -> Option<(&'static str, usize)> {
        let s = self.low(i);
        match s.as_str() {
            "early" | "earlier" => Some(("START", i + 1)),
            "late" | "later" => Some(("END", i + 1)),
            "mid" => Some(("MID", if self.is(i + 1, "-") { i + 2 } else { i + 1 })),
            "end" | "beginning" | "start" | "middle" if self.is(i + 1, "of") => {
                let m = match s.as_str() {
                    "end" => "END",
                    "middle" => "MID",
                    _ => "START",
                };
                Some((m, i + 2))
            }
            _ => None,
        }
    }

    // ---- rules ----------------------------------------------------------------------

    /// The longest expression of any rule at token `j` (`det`: a "the" came before).
    ///
    /// Rules are only called where they can match: each one's first test needs a
    /// kind of token (a number, a word the lexicon knows, an apostrophe, ...), so a
    /// rule that would return `None` at once is not called at all. The order of the
    /// calls is kept, so ties between rules go as before. This matters because
    /// `parse` runs at every number and every function word ("the", "a", "at") and
    /// again at the word after "the".
    fn core(&self, j: usize, det: bool) -> Option<Hit> {
        let t = *self.toks.get(j)?;
        let (word, num, mixed) = match t.kind {
            // No rule reads a word the lexicon does not know at its first token.
            Kind::Word if t.lex == NO_LEX => return None,
            Kind::Word => (true, false, false),
            Kind::Num => (false, true, false),
            Kind::Mixed => (false, false, true),
            // Only "'90s" and "'69" start with punctuation.
            Kind::Punct if is_apostrophe(self.s(j)) => (false, false, false),
            Kind::Punct => return None,
        };
        let apostrophe = !(word || num || mixed);
        let l = self.lx(j);
        let g = if word {
            self.sets.gates[t.lex as usize]
        } else {
            0
        };
        let can = |rule: u32| g & rule != 0;
        let mut best = None;
        if !det {
            if l.month != 0 {
                better(&mut best, self.month_forms(j));
            }
            if num {
                better(&mut best, self.numeric(j));
            }
            if l.weekday != 0 {
                better(&mut best, self.weekday(j));
            }
            if can(DEICTIC) {
                better(&mut best, self.deictic(j));
            }
            if num || mixed || can(TIME) {
                better(&mut best, self.time(j));
            }
            if can(REFS) {
                better(&mut best, self.refs(j));
            }
            if can(SETS) {
                better(&mut best, self.sets(j));
            }
            if can(HOLIDAY) {
                better(&mut best, self.holiday(j));
            }
            if num || apostrophe || can(YEAR) {
                better(&mut best, self.year(j));
            }
        }
        if num || mixed || can(DAY) {
            better(&mut best, self.day_month(j, det));
        }
        if num || can(DURATION) {
            better(&mut best, self.duration(j, det));
        }
        if can(RELATIVE) {
            better(&mut best, self.relative(j, det));
        }
        // A number begins a quarter only after "the" ("the 1988 third quarter").
        if det && num || mixed || can(QUARTER) || det && can(QUARTER_AFTER_THE) {
            better(&mut best, self.quarter(j, det));
        }
        if !word || can(DECADE) {
            better(&mut best, self.decade(j));
        }
        if can(SEASON) {
            better(&mut best, self.season(j, det));
        }
        if det && can(DET_REFS) {
            better(&mut best, self.det_refs(j));
        }
        best
    }

    /// A day of the month: "18", "18th".
    fn day_at(&self, k: usize) -> Option<(u32, usize)> {
        if !self.cont(k) {
            return None;
        }
        let (d, e) = match self.kind(k)? {
            Kind::Num => {
                let (d, len) = self.num(k)?;
                if len > 2 || !self.free_right(k) {
                    return None;
                }
                (d, k + 1)
            }
            Kind::Mixed => (ordinal_digits(self.s(k))?, k + 1),
            // "the seventh", "twenty-fifth" (spoken dates)
            Kind::Word => {
                let k = if self.is(k, "the") { k + 1 } else { k };
                let l = self.lx(k);
                if l.ord > 0 && !self.is(k, "second") {
                    (l.ord as u32, k + 1)
                } else if matches!(l.num, 20 | 30)
                    && self.is(k + 1, "-")
                    && (1..=9).contains(&self.lx(k + 2).ord)
                {
                    (l.num as u32 + self.lx(k + 2).ord as u32, k + 3)
                } else if self.kind(k) == Some(Kind::Mixed) && k > 0 && self.is(k - 1, "the") {
                    (ordinal_digits(self.s(k))?, k + 1)
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        (1..=31).contains(&d).then_some((d, e))
    }

    /// A four-digit year right at `k` ("2015", not "2015.5" or "2015,000").
    fn year_at(&self, k: usize) -> Option<i32> {
        if !self.cont(k) {
            return None;
        }
        let (y, len) = self.num(k)?;
        (len == 4 && (1000..=2999).contains(&y) && self.free_right(k)).then_some(y as i32)
    }

    /// An optional ", 2015" / " 2015" / " of 2015" after a date part: (year, end).
    fn trailing_year(&self, k: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year_at(k) {
            return Some((y, k + 1));
        }
        if self.any(k, &[",", "of"]) {
            if let Some(y) = self.year_at(k + 1) {
                return Some((y, k + 2));
            }
        }
        None
    }

    /// "this year", "last year", "next year" after a month: (year, end).
    fn rel_year(&self, k: usize) -> Option<(i32, usize)> {
        if self.is(k, "of") && self.cont(k) {
            return self.rel_year(k + 1);
        }
        if !(self.cont(k) && self.is(k + 1, "year")) {
            return None;
        }
        let off = match self.low(k).as_str() {
            "this" => 0,
            "last" => -1,
            "next" => 1,
            _ => return None,
        };
        Some((self.r.map_or(UNKNOWN_YEAR, |r| r.year() + off), k + 2))
    }

    /// The end of a month name at `j` (with its full stop if abbreviated), if `j` is one.
    fn month_at(&self, j: usize) -> Option<(u32, usize)> {
        let l = self.lx(j);
        if l.month == 0 || !self.cap(j) || !self.cont(j) {
            return None;
        }
        if l.month_abbr {
            if self.is(j + 1, ".") && self.glued(j + 1) {
                return Some((l.month as u32, j + 2));
            }
            // "Sept 30": an abbreviation without its stop needs a day.
            return self.day_at(j + 1).map(|_| (l.month as u32, j + 1));
        }
        Some((l.month as u32, j + 1))
    }

    fn month_forms(&self, j: usize) -> Option<Hit> {
        let (m, k) = self.month_at(j)?;
        if let Some((d, k1)) = self.day_at(k) {
            if let Some((y, e)) = self.trailing_year(k1).or_else(|| self.rel_year(k1)) {
                if y == UNKNOWN_YEAR {
                    return hit(e, "DATE", format!("XXXX-{m:02}-{d:02}"), "month-day-year");
                }
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return hit(e, "DATE", ymd(date), "month-day-year");
                }
            }
            let tense = self.tense(j, k1);
            let v = match self.year_for(m, d, tense) {
                Some(y) => match NaiveDate::from_ymd_opt(y, m, d) {
                    Some(date) => ymd(date),
                    None => format!("{y:04}-{m:02}-{d:02}"),
                },
                None => format!("XXXX-{m:02}-{d:02}"),
            };
            if d <= days_in(m) {
                return hit(k1, "DATE", v, "month-day");
            }
        }
        if let Some((y, e)) = self.trailing_year(k).or_else(|| self.rel_year(k)) {
            return hit(e, "DATE", format!("{}-{m:02}", y4(y)), "month-year");
        }
        if m == 5 && !(j > 0 && self.in_set(j - 1, &self.sets.may_before)) {
            return None;
        }
        if m == 3 && !(j > 0 && self.in_set(j - 1, &self.sets.may_before)) && self.is(k, "on") {
            // "March on Washington": the verb/noun, not the month.
            return None;
        }
        let tense = self.tense(j, k);
        let v = match self.year_for(m, 0, tense) {
            Some(y) => format!("{y:04}-{m:02}"),
            None => format!("XXXX-{m:02}"),
        };
        hit(k, "DATE", v, "month")
    }

    /// "18 December 2015", "the 14th of March".
    fn day_month(&self, j: usize, det: bool) -> Option<Hit> {
        let (d, k) = self.day_at(j)?;
        if det && self.kind(j) == Some(Kind::Num) || self.is(j, "the") {
            return None;
        }
        let k = if self.is(k, "of") { k + 1 } else { k };
        let (m, k) = self.month_at(k)?;
        if d > days_in(m) {
            return None;
        }
        if let Some((y, e)) = self.trailing_year(k) {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return hit(e, "DATE", ymd(date), "day-month-year");
        }
        let tense = self.tense(j, k);
        let v = match self.year_for(m, d, tense) {
            Some(y) => format!("{y:04}-{m:02}-{d:02}"),
            None => format!("XXXX-{m:02}-{d:02}"),
        };
        hit(k, "DATE", v, "day-month")
    }

    /// ISO, slashed and dotted dates; year ranges.
    fn numeric(&self, j: usize) -> Option<Hit> {
        let (a, alen) = self.num(j)?;
        if !self.free_left(j) {
            return None;
        }
        let sep = self.s(j + 1);
        let glued3 = self.glued(j + 1) && self.glued(j + 2);
        if !glued3 {
            return None;
        }
        let (b, blen) = self.num(j + 2)?;
        let second_sep = self.glued(j + 3) && self.s(j + 3) == sep && self.glued(j + 4);
        if second_sep {
            let (c, clen) = self.num(j + 4)?;
            if !self.free_right(j + 4) {
                return None;
            }
            let date = match (sep, alen, clen) {
                ("-" | "/", 4, 1..=2) if blen <= 2 => NaiveDate::from_ymd_opt(a as i32, b, c),
                ("/", 1..=2, 2 | 4) if blen <= 2 => {
                    let y = if clen == 2 {
                        two_digit_year(c)
                    } else {
                        c as i32
                    };
                    // Month first (English-language wires) unless that cannot be.
                    if a > 12 {
                        NaiveDate::from_ymd_opt(y, b, a)
                    } else {
                        NaiveDate::from_ymd_opt(y, a, b)
                    }
                }
                (".", 1..=2, 4) if blen <= 2 => NaiveDate::from_ymd_opt(c as i32, b, a),
                _ => None,
            }?;
            let rule = if alen == 4 {
                "iso-date"
            } else {
                "numeric-date"
            };
            return hit(j + 5, "DATE", ymd(date), rule);
        }
        // Year ranges: "2012-13", "2014-2016", "1990/91".
        if alen == 4 && matches!(sep, "-" | "/" | "\u{2013}") && self.free_right(j + 2) {
            let y = a as i32;
            let ok_first = (1900..=2099).contains(&y);
            let second = match blen {
                2 => (y / 100) * 100 + b as i32,
                4 => b as i32,
                _ => return None,
            };
            if ok_first && second > y && second - y <= 10 {
                return hit(j + 3, "DATE", format!("{y:04}"), "year-range");
            }
        }
        None
    }

    /// "nineteen ninety-six", "two thousand": (year, end).
    fn spoken_year(&self, j: usize) -> Option<(i32, usize)> {
        let c = self.lx(j).num as i32;
        if self.is(j, "two") && self.is(j + 1, "thousand") {
            let (add, e) = match self.lx(j + 2).num {
                n @ 1..=19 if self.cont(j + 2) => (n as i32, j + 3),
                _ => (0, j + 2),
            };
            return Some((2000 + add, e));
        }
        if !(10..=20).contains(&c) || !self.cont(j + 1) {
            return None;
        }
        let t = self.lx(j + 1).num as i32;
        if !(t >= 20 && t % 10 == 0 || (10..=19).contains(&t) && c >= 11) {
            return None;
        }
        let (ones, e) = if self.is(j + 2, "-") && (1..=9).contains(&self.lx(j + 3).num) {
            (self.lx(j + 3).num as i32, j + 4)
        } else if self.cont(j + 2) && (1..=9).contains(&self.lx(j + 2).num) {
            (self.lx(j + 2).num as i32, j + 3)
        } else {
            (0, j + 2)
        };
        Some((c * 100 + t + ones, e))
    }

    fn year(&self, j: usize) -> Option<Hit> {
        if let Some((y, e)) = self.spoken_year(j) {
            if !self.is(j, "two") {
                return hit(e, "DATE", format!("{y:04}"), "year");
            }
        }
        if self.is(j, "fiscal") {
            let k = if self.is(j + 1, "year") { j + 2 } else { j + 1 };
            if let Some(y) = self.year_at(k) {
                return hit(k + 1, "DATE", format!("{y:04}"), "fiscal-year");
            }
            return None;
        }
        if self.low_any(j, YEAR_PREFIXES) && self.is(j + 1, "-") && self.glued(j + 1) {
            let y = self.year_at(j + 2).filter(|_| self.glued(j + 2))?;
            let mut h = hit(j + 3, "DATE", format!("{y:04}"), "year")?;
            h.mod_ = Some(if self.is(j, "pre") { "BEFORE" } else { "AFTER" });
            return Some(h);
        }
        if is_apostrophe(self.s(j)) {
            // "'69": a two-digit year after "in", "since", a month, ...
            let (n, len) = self.num(j + 1)?;
            let ctx =
                j > 0 && (self.in_set(j - 1, &self.sets.year_before) || self.lx(j - 1).month != 0);
            if len != 2 || !self.glued(j + 1) || !self.free_right(j + 1) || !ctx {
                return None;
            }
            return hit(j + 2, "DATE", format!("{}", two_digit_year(n)), "year");
        }
        let y = self.year_at(j)?;
        // "1987-style", "1990-model": the year alone; "1990-91" is a range (`numeric`).
        let hyphen_word = self.glued(j + 1)
            && self.is(j + 1, "-")
            && self.glued(j + 2)
            && self.kind(j + 2) == Some(Kind::Word);
        if !self.free_left(j) || self.is(j + 1, "-") && self.glued(j + 1) && !hyphen_word {
            return None;
        }
        // "1986 - 87" (spaced, as tokenised corpora write it)
        if self.is(j + 1, "-") && !self.glued(j + 1) && !self.glued(j + 2) {
            if let Some((b, 2)) = self.num(j + 2) {
                if (b as i32) == (y + 1) % 100 && self.free_right(j + 2) {
                    return hit(j + 3, "DATE", format!("{y:04}"), "year-range");
                }
            }
        }
        let prev_ok =
            j > 0 && (self.in_set(j - 1, &self.sets.year_before) || self.lx(j - 1).month != 0);
        let lo = if prev_ok { 1000 } else { 1900 };
        if !(lo..=2099).contains(&y) {
            return None;
        }
        if j > 0 && self.in_set(j - 1, &self.sets.not_year_before) {
            return None;
        }
        if self.in_set(j + 1, &self.sets.count_nouns) {
            return None;
        }
        // "1,500 to 2,000": a year would not sit among such numbers.
        if j >= 2 && self.any(j - 1, &["to", "and", "or"]) && self.kind(j - 2) == Some(Kind::Num) {
            let (_, len) = self.num(j - 2)?;
            if len != 4 {
                return None;
            }
        }
        hit(j + 1, "DATE", format!("{y:04}"), "year")
    }

    fn weekday(&self, j: usize) -> Option<Hit> {
        let l = self.lx(j);
        if l.weekday == 0 || !self.cont(j) {
            return None;
        }
        let wd = l.weekday as u32;
        let mut k = j + 1;
        if l.weekday_abbr {
            if !(self.cap(j) && self.is(k, ".") && self.glued(k)) {
                return None;
            }
            k += 1;
        }
        if l.weekday_plural {
            let (v, e) = match self.lx(k).pod {
                Some(p) if self.cont(k) => (format!("XXXX-WXX-{wd}T{p}"), k + 1),
                _ => (format!("XXXX-WXX-{wd}"), k),
            };
            return hit(e, "SET", v, "weekday-set");
        }
        // "Wednesday, March 16, 2016": the full date decides.
        let after = if self.is(k, ",") { k + 1 } else { k };
        if let Some(h) = self
            .month_forms(after)
            .or_else(|| self.day_month(after, false))
        {
            if h.rule.contains("day") {
                return hit(h.end, "DATE", h.value, "weekday-date");
            }
        }
        if let Some(p) = self.lx(k).pod {
            if self.cont(k) && !self.lx(k).weekday_plural {
                let fut = self.future(j, k + 1);
                let v = match self.weekday_date(wd, fut) {
                    Some(d) => format!("{}T{p}", ymd(d)),
                    None => format!("XXXX-WXX-{wd}T{p}"),
                };
                return hit(k + 1, "TIME", v, "weekday-part");
            }
        }
        let fut = self.future(j, k);
        let v = match self.weekday_date(wd, fut) {
            Some(d) => ymd(d),
            None => format!("XXXX-WXX-{wd}"),
        };
        hit(k, "DATE", v, "weekday")
    }

    /// today, yesterday, tomorrow, tonight, this morning, last night.
    fn deictic(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        let off = match s.as_str() {
            "today" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            "tonight" => {
                let v = self.day_str(Some);
                return hit(j + 1, "TIME", format!("{v}TNI"), "deictic");
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
                return hit(j + 2, "TIME", format!("{v}T{pod}"), "deictic");
            }
            "overnight" => {
                let v = self.day_str(Some);
                return hit(j + 1, "TIME", format!("{v}TNI"), "deictic");
            }
            _ => return None,
        };
        let v = self.day_str(|r| shift_days(r, off));
        if let Some(p) = self.lx(j + 1).pod {
            if self.cont(j + 1) {
                return hit(j + 2, "TIME", format!("{v}T{p}"), "deictic");
            }
        }
        hit(j + 1, "DATE", v, "deictic")
    }

    /// "a.m.", "pm", "AM": (is pm, end).
    fn ampm(&self, k: usize) -> Option<(bool, usize)> {
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

    fn time(&self, j: usize) -> Option<Hit> {
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
            better(&mut d, self.deictic(after).filter(|h| h.timex == "DATE"));
            better(
                &mut d,
                self.month_forms(after).filter(|h| h.rule.contains("day")),
            );
            if let Some(d) = d.filter(|d| d.timex == "DATE") {
                k = d.end;
                date = Some(d.value);
            }
        }
        let date = date.unwrap_or_else(|| self.day_str(Some));
        hit(k, "TIME", format!("{date}T{h:02}:{mi:02}"), "time")
    }

    /// now, currently, recently, recent years, these days.
    fn refs(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        let v = match s.as_str() {
            "now" | "currently" | "nowadays" => "PRESENT_REF",
            "recently" | "lately" | "formerly" => "PAST_REF",
            "these" if self.is(j + 1, "days") => {
                return hit(j + 2, "DATE", "PRESENT_REF".into(), "ref")
            }
            "recent" => {
                let l = self.lx(j + 1);
                if l.unit_plural && self.cont(j + 1) {
                    return hit(j + 2, "DATE", "PAST_REF".into(), "ref");
                }
                return None;
            }
            _ => return None,
        };
        if s == "now" && j > 0 && self.is(j - 1, "from") {
            return None;
        }
        hit(j + 1, "DATE", v.into(), "ref")
    }

    /// After "the": the past, the future, the present, the weekend, the year 2000.
    fn det_refs(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        match s.as_str() {
            "past" => hit(j + 1, "DATE", "PAST_REF".into(), "ref"),
            "future" => hit(j + 1, "DATE", "FUTURE_REF".into(), "ref"),
            "present" if !self.any(j + 1, &["-", "day"]) => {
                hit(j + 1, "DATE", "PRESENT_REF".into(), "ref")
            }
            "near" | "distant" | "foreseeable" if self.is(j + 1, "future") => {
                hit(j + 2, "DATE", "FUTURE_REF".into(), "ref")
            }
            "weekend" => {
                let fut = self.future(j, j + 1);
                let v = self.weekend(if fut { 0 } else { -1 });
                hit(j + 1, "DATE", v, "weekend")
            }
            "year" => {
                let (y, e) = match self.year_at(j + 1) {
                    Some(y) => (y, j + 2),
                    None => self.spoken_year(j + 1)?,
                };
                hit(e, "DATE", format!("{y:04}"), "year")
            }
            _ => None,
        }
    }

    fn weekend(&self, off: i64) -> String {
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

    /// every Monday, each year, daily, twice a week.
    fn sets(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        let adv = match s.as_str() {
            "daily" | "nightly" => Some("P1D"),
            "weekly" => Some("P1W"),
            "biweekly" => Some("P2W"),
            "monthly" => Some("P1M"),
            // "quarterly dividend", "10,000 units annually": rates, not TimeML sets.
            "yearly" | "annual" | "annually" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            _ => None,
        };
        if let Some(v) = adv {
            return hit(j + 1, "SET", v.into(), "set");
        }
        let mut k = j + 1;
        if s == "once" || s == "twice" || s == "thrice" {
            if self.any(k, &["a", "an", "per", "each", "every"]) {
                k += 1;
            } else {
                return None;
            }
            let u = self.lx(k).unit?;
            if self.lx(k).unit_plural || !self.cont(k) {
                return None;
            }
            return hit(k + 1, "SET", dur(Some(1.0), u), "set");
        }
        if s != "every" && s != "each" {
            return None;
        }
        if !self.cont(k) {
            return None;
        }
        if self.is(k, "other") {
            let u = self.lx(k + 1).unit?;
            return hit(k + 2, "SET", dur(Some(2.0), u), "set");
        }
        let l = self.lx(k);
        if l.weekday != 0 && !l.weekday_abbr {
            return hit(k + 1, "SET", format!("XXXX-WXX-{}", l.weekday), "set");
        }
        if l.month != 0 && !l.month_abbr && self.cap(k) {
            return hit(k + 1, "SET", format!("XXXX-{:02}", l.month), "set");
        }
        if let Some(p) = l.pod {
            return hit(k + 1, "SET", format!("XXXX-XX-XXT{p}"), "set");
        }
        if self.is(k, "weekend") {
            return hit(k + 1, "SET", "XXXX-WXX-WE".into(), "set");
        }
        if let Some(u) = l.unit {
            if !l.unit_plural {
                return hit(k + 1, "SET", dur(Some(1.0), u), "set");
            }
        }
        if let Some((v, e)) = self.cardinal(k) {
            let u = self.lx(e).unit?;
            if self.lx(e).unit_plural && self.cont(e) {
                return hit(e + 1, "SET", dur(v, u), "set");
            }
        }
        None
    }

    fn holiday(&self, j: usize) -> Option<Hit> {
        let s = self.low(j);
        if !self.cap(j) {
            return None;
        }
        let (m, d, end) = match s.as_str() {
            "christmas" => {
                if self.is(j + 1, "eve") {
                    (12, 24, j + 2)
                } else if self.is(j + 1, "day") {
                    (12, 25, j + 2)
                } else {
                    (12, 25, j + 1)
                }
            }
            "halloween" => (10, 31, j + 1),
            "independence" if self.is(j + 1, "day") => (7, 4, j + 2),
            "valentine" if is_apostrophe(self.s(j + 1)) && self.is(j + 3, "day") => (2, 14, j + 4),
            "new" => {
                // New Year's Day / Eve
                if !(self.is(j + 1, "year") && self.cap(j + 1)) {
                    return None;
                }
                let k = if is_apostrophe(self.s(j + 2)) && self.is(j + 3, "s") {
                    j + 4
                } else {
                    j + 2
                };
                if self.is(k, "day") {
                    (1, 1, k + 1)
                } else if self.is(k, "eve") {
                    (12, 31, k + 1)
                } else {
                    return None;
                }
            }
            "thanksgiving" | "memorial" | "labor" | "labour" => {
                // Holidays on the n-th weekday of a month (US): (month, weekday, n;
                // n = 0 for the last one).
                let (m, wd, nth, end) = match s.as_str() {
                    "thanksgiving" => (11, 4, 4, if self.is(j + 1, "day") { j + 2 } else { j + 1 }),
                    "memorial" if self.is(j + 1, "day") => (5, 1, 0, j + 2),
                    "labor" | "labour" if self.is(j + 1, "day") => (9, 1, 1, j + 2),
                    _ => return None,
                };
                let tense = self.tense(j, end);
                let v = match self.year_for(m, 20, tense) {
                    Some(y) => ymd(nth_weekday(y, m, wd, nth)?),
                    None => format!("XXXX-{m:02}-XX"),
                };
                return hit(end, "DATE", v, "holiday");
            }
            _ => return None,
        };
        if let Some((y, e)) = self.trailing_year(end) {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return hit(e, "DATE", ymd(date), "holiday");
        }
        let tense = self.tense(j, end);
        let v = match self.year_for(m, d, tense) {
            Some(y) => format!("{y:04}-{m:02}-{d:02}"),
            None => format!("XXXX-{m:02}-{d:02}"),
        };
        hit(end, "DATE", v, "holiday")
    }

    /// A cardinal number: digits ("24", "1,000", "2.5") or words ("twenty-four", "a",
    /// "a few"). `None` value = vague ("several", "a few").
    fn cardinal(&self, i: usize) -> Option<(Option<f64>, usize)> {
        if !self.cont(i) {
            return None;
        }
        match self.kind(i)? {
            Kind::Num => {
                if !self.free_left(i) {
                    return None;
                }
                let (v, _) = self.num(i)?;
                let mut v = v as f64;
                let mut j = i + 1;
                while self.is(j, ",") && self.glued(j) && self.glued(j + 1) {
                    match self.num(j + 1) {
                        Some((x, 3)) => {
                            v = v * 1000.0 + x as f64;
                            j += 2;
                        }
                        _ => return None,
                    }
                }
                // "2 1/2"
                if !self.glued(j) && self.is(j + 1, "/") && self.glued(j + 1) && self.glued(j + 2) {
                    if let (Some((a, _)), Some((b, _))) = (self.num(j), self.num(j + 2)) {
                        if a < b && b > 0 {
                            return Some((Some(v + a as f64 / b as f64), j + 3));
                        }
                    }
                }
                if self.is(j, ".") && self.glued(j) && self.glued(j + 1) {
                    let (_, len) = self.num(j + 1)?;
                    v += self.s(j + 1).parse::<f64>().ok()? / 10f64.powi(len as i32);
                    j += 2;
                }
                Some((Some(v), j))
            }
            Kind::Word => {
                let s = self.low(i);
                let l = self.lx(i);
                if l.num > 0 {
                    let mut v = l.num as f64;
                    let mut j = i + 1;
                    if l.num >= 20 && l.num.is_multiple_of(10) {
                        if self.is(j, "-") && self.glued(j) && (1..=9).contains(&self.lx(j + 1).num)
                        {
                            v += self.lx(j + 1).num as f64;
                            j += 2;
                        } else if self.cont(j) && (1..=9).contains(&self.lx(j).num) {
                            v += self.lx(j).num as f64;
                            j += 1;
                        }
                    }
                    if self.is(j, "hundred") {
                        v *= 100.0;
                        j += 1;
                    } else if self.is(j, "thousand") {
                        v *= 1000.0;
                        j += 1;
                    }
                    if self.is(j, "and") && self.is(j + 1, "a") && self.is(j + 2, "half") {
                        v += 0.5;
                        j += 3;
                    }
                    return Some((Some(v), j));
                }
                match s.as_str() {
                    "a" | "an" => {
                        let n = self.low(i + 1);
                        match n.as_str() {
                            "hundred" => Some((Some(100.0), i + 2)),
                            "thousand" => Some((Some(1000.0), i + 2)),
                            "dozen" => Some((Some(12.0), i + 2)),
                            "few" => Some((None, i + 2)),
                            "couple" => {
                                let e = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                                Some((Some(2.0), e))
                            }
                            // "a second term": the ordinal, not the unit.
                            "second" => None,
                            _ => {
                                let u = self.lx(i + 1);
                                (u.unit.is_some() && !u.unit_plural).then_some((Some(1.0), i + 1))
                            }
                        }
                    }
                    "several" | "few" | "many" => Some((None, i + 1)),
                    "couple" => Some((Some(2.0), if self.is(i + 1, "of") { i + 2 } else { i + 1 })),
                    "dozens" | "hundreds" if self.is(i + 1, "of") => Some((None, i + 2)),
                    "half" if self.any(i + 1, &["a", "an"]) => Some((Some(0.5), i + 2)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// "three weeks", "the past two months", "five-year", "two days ago", "50 years old".
    fn duration(&self, j: usize, det: bool) -> Option<Hit> {
        if !det && !self.cont(j) {
            return None;
        }
        // Bare plural after "for"/"in": "for years".
        let l = self.lx(j);
        if !det
            && l.unit_plural
            && j > 0
            && self.any(j - 1, &["for", "in", "within", "over"])
            && !matches!(l.unit, Some(Unit::Quarter | Unit::Second))
        {
            return hit(j + 1, "DURATION", dur(None, l.unit?), "duration");
        }
        // "months ago", "years earlier": vague past.
        if !det && l.unit_plural && self.any(j + 1, &["ago"]) && self.cont(j + 1) {
            return hit(j + 2, "DATE", "PAST_REF".into(), "ago");
        }
        let mut k = j;
        // `self.any(k, DURATION_LEAD)`, from the token's lexicon entry.
        let lead = self
            .toks
            .get(k)
            .is_some_and(|t| t.lex != NO_LEX && self.sets.duration_lead[t.lex as usize]);
        if lead {
            // Without "the", "last" is mostly the verb ("could last two weeks").
            if !det && !self.any(k, &["past", "next", "first", "coming"]) {
                return None;
            }
            k += 1;
        }
        let (v, mut e) = self.cardinal(k)?;
        // "two to three weeks", "10-12 days", "five or six years": one duration.
        if (self.low_any(e, RANGE_WORDS) || self.any(e, &["-", "\u{2013}"])) && self.cont(e) {
            if let Some((_, e2)) = self.cardinal(e + 1) {
                if self.lx(e2).unit.is_some() && self.lx(e2).unit_plural {
                    e = e2;
                }
            }
        }
        if self.low_any(e, DURATION_EXTRA) {
            e += 1;
        }
        // "a" only counts before a unit; "a few" etc. handled in `cardinal`.
        let (u_i, hyphen) = if self.is(e, "-") && self.glued(e) && self.glued(e + 1) {
            (e + 1, true)
        } else {
            (e, false)
        };
        let ul = self.lx(u_i);
        let u = ul.unit?;
        if !ul.unit_plural
            && !hyphen
            && self
                .num(k)
                .is_some_and(|(n, len)| len == 4 && (1900..=2099).contains(&n))
        {
            return None;
        }
        if !self.cont(u_i) {
            return None;
        }
        if hyphen && ul.unit_plural && !self.is(u_i + 1, "-") {
            return None;
        }
        let mut end = u_i + 1;
        let value = dur(v, u);
        if hyphen {
            if det {
                // An adjective: "the five-year conflict" keeps "the" out.
                return None;
            }
            // "five-year", "50-year-old", "decade-long"
            if self.is(end, "-") && self.any(end + 1, &["old", "long"]) && self.glued(end + 1) {
                end += 2;
            }
            return hit(end, "DURATION", value, "duration");
        }
        if !det && !lead {
            let next = self.low(end);
            match next.as_str() {
                "later" => {
                    return hit(end + 1, "DURATION", value, "duration");
                }
                "ago" | "earlier" => {
                    if next != "ago" && self.is(end + 1, "that") {
                        return hit(end, "DURATION", value, "duration");
                    }
                    // Earnings news: "a year ago" beside "quarter" means that quarter
                    // a year before the one just reported.
                    let quarterly = u == Unit::Year
                        && v == Some(1.0)
                        && self.r.is_some()
                        && (self.sentence_has(j, end + 1, "quarter")
                            || self.near(j, 150, &["quarter", "quarterly", "third-quarter"]));
                    let v = if quarterly {
                        self.quarter_shift(-5)
                    } else {
                        self.shifted(v, u, -1)
                    };
                    return hit(end + 1, "DATE", v, "ago");
                }
                "from" if self.is(end + 1, "now") => {
                    let v = self.shifted(v, u, 1);
                    return hit(end + 2, "DATE", v, "ago");
                }
                "hence" => {
                    let v = self.shifted(v, u, 1);
                    return hit(end + 1, "DATE", v, "ago");
                }
                "old" => {
                    end += 1;
                    return hit(end, "DURATION", value, "age");
                }
                _ => {}
            }
        }
        let mut value = value;
        if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            end += 3;
            value = dur(v.map(|x| x + 0.5), u);
        }
        // "$2 million a year", "700 seats a week": a rate, not a duration.
        if !det && !lead && self.any(k, &["a", "an"]) && k > 0 && self.is_rate_head(k - 1) {
            return None;
        }
        hit(end, "DURATION", value, "duration")
    }

    /// Whether token `i` ends a quantity that "a year" / "a week" would be the rate of.
    fn is_rate_head(&self, i: usize) -> bool {
        let s = self.s(i);
        if self.kind(i) == Some(Kind::Num) || s == "%" {
            return true;
        }
        const HEADS: &[&str] = &[
            "million", "billion", "trillion", "thousand", "hundred", "percent", "times", "once",
            "twice", "dollars", "cents",
        ];
        if HEADS.iter().any(|w| s.eq_ignore_ascii_case(w)) {
            return true;
        }
        let b = s.as_bytes();
        b.len() > 3
            && b[0].is_ascii_lowercase()
            && s.ends_with('s')
            && !s.ends_with("ss")
            && !s.ends_with("us")
            && !matches!(s, "this" | "was" | "has" | "his" | "its" | "does" | "is")
    }

    /// Whether one of `words` occurs within `window` tokens before or after `i`.
    fn near(&self, i: usize, window: usize, words: &[&str]) -> bool {
        let lo = i.saturating_sub(window);
        let hi = (i + window).min(self.n());
        (lo..hi).any(|k| self.any(k, words))
    }

    /// Whether `word` occurs in the sentence around tokens `a..b`.
    fn sentence_has(&self, a: usize, b: usize, word: &str) -> bool {
        let stop = |i: usize| matches!(self.s(i), "." | "!" | "?") || self.toks[i].nl;
        let mut i = a;
        while i > 0 && a - i < 30 {
            if stop(i) && i != a {
                break;
            }
            i -= 1;
            if self.is(i, word) {
                return true;
            }
        }
        let mut i = b;
        while i < self.n() && i < b + 30 && !stop(i) {
            if self.is(i, word) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// The date `v` units before (`sign` -1) or after (+1) the reference date.
    fn shifted(&self, v: Option<f64>, u: Unit, sign: i64) -> String {
        let n = match v {
            Some(x) if x.fract() == 0.0 => x as i64 * sign,
            _ => return if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into(),
        };
        match u {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
                let d = if u == Unit::Day { n } else { 0 };
                self.day_str(|r| shift_days(r, d))
            }
            Unit::Week => self.week_str(n),
            Unit::Fortnight => self.week_str(2 * n),
            Unit::Month => self.month_shift(n as i32),
            Unit::Quarter => self.quarter_shift(n as i32),
            Unit::Year => self.year_shift(n as i32),
            Unit::Decade => self.year_shift(10 * n as i32),
            Unit::Century => self.year_shift(100 * n as i32),
        }
    }

    /// last/this/next + week, month, year, weekday, month name; "the previous day".
    fn relative(&self, j: usize, det: bool) -> Option<Hit> {
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
            return hit(k + 1, "DATE", "FUTURE_REF".into(), "ref");
        }
        if let Some(u) = l.unit {
            if l.unit_plural {
                return None;
            }
            // "the past year", "past week", "the last decade": a stretch of time.
            if s == "past" || det && s == "last" || det && s == "next" {
                return hit(k + 1, "DURATION", dur(Some(1.0), u), "duration");
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
            return hit(k + 1, "DATE", v, "relative");
        }
        if self.is(k, "fiscal") && self.is(k + 1, "year") {
            return hit(k + 2, "DATE", self.year_shift(off), "relative");
        }
        if self.is(k, "weekend") {
            return hit(k + 1, "DATE", self.weekend(off as i64), "weekend");
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
            return hit(k + 1, "DATE", v, "relative-weekday");
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
            return hit(k + 1, "DATE", v, "relative-month");
        }
        None
    }

    /// "year-earlier", "year-ago", "the year-ago quarter".
    fn year_ago(&self, j: usize, det: bool) -> Option<Hit> {
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
                let mut h = hit(k + 1, "DATE", self.year_shift(0), "relative")?;
                h.mod_ = Some("END");
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
        hit(e, "DATE", v, "relative")
    }

    /// "the third quarter", "third-quarter", "fiscal 1990", "the first half of 2015", "Q3".
    fn quarter(&self, j: usize, det: bool) -> Option<Hit> {
        let mut k = j;
        if self.kind(k) == Some(Kind::Mixed) {
            let s = self.s(k);
            let b = s.as_bytes();
            if b.len() == 2 && (b[0] == b'Q' || b[0] == b'H') && matches!(b[1], b'1'..=b'4') {
                let q = (b[1] - b'0') as u32;
                if b[0] == b'H' && q > 2 {
                    return None;
                }
                let (y, e) = match self.year_at(k + 1) {
                    Some(y) => (Some(y), k + 2),
                    None => (None, k + 1),
                };
                let y = y.or_else(|| self.quarter_year(q, b[0] == b'H', self.future(j, e)));
                let v = match y {
                    Some(y) => format!("{y:04}-{}{q}", b[0] as char),
                    None => format!("XXXX-{}{q}", b[0] as char),
                };
                return hit(e, "DATE", v, "quarter");
            }
            return None;
        }
        let fiscal = self.is(k, "fiscal");
        if fiscal {
            k += 1;
        }
        // "the 1988 third quarter", "the 1988 quarter"
        if det {
            if let Some(y) = self.year_at(k) {
                let l = self.lx(k + 1);
                if (1..=4).contains(&l.ord) && self.is(k + 2, "quarter") {
                    return hit(k + 3, "DATE", format!("{y:04}-Q{}", l.ord), "quarter");
                }
                if self.is(k + 1, "quarter") {
                    let q = self.r.map_or(0, |r| (r.month0() / 3 + 3) % 4 + 1);
                    let v = if q == 0 {
                        format!("{y:04}-QX")
                    } else {
                        format!("{y:04}-Q{q}")
                    };
                    return hit(k + 2, "DATE", v, "quarter");
                }
            }
        }
        if det && self.is(k, "quarter") && !self.any(k + 1, &["of", "-", "century", "mile"]) {
            // "the quarter" in news is the one just reported.
            return hit(k + 1, "DATE", self.quarter_shift(-1), "quarter");
        }
        let l = self.lx(k);
        let q = if self.is(k, "last") || self.is(k, "final") {
            4
        } else {
            l.ord as u32
        };
        if !(1..=4).contains(&q) || !self.cont(k) {
            return None;
        }
        let mut e = k + 1;
        let hyphen = self.is(e, "-") && self.glued(e);
        if hyphen || self.is(e, "fiscal") {
            e += 1;
        }
        let half = self.is(e, "half");
        if !(self.is(e, "quarter") || half) || !self.cont(e) {
            return None;
        }
        if half && q > 2 && !self.is(k, "last") {
            return None;
        }
        let q = if half && self.is(k, "last") { 2 } else { q };
        e += 1;

        let tag = if half { 'H' } else { 'Q' };
        // "of 2015", "2015", "of last year"
        let explicit = if let Some(y) = self.year_at(e) {
            Some((y, e + 1))
        } else if self.is(e, "of") {
            if let Some(y) = self.year_at(e + 1) {
                Some((y, e + 2))
            } else if self.any(e + 1, &["last", "this", "next"]) && self.is(e + 2, "year") {
                let off = match self.low(e + 1).as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                Some((self.r.map_or(UNKNOWN_YEAR, |r| r.year() + off), e + 3))
            } else {
                None
            }
        } else {
            None
        };
        let (v, e) = match explicit {
            Some((y, e2)) => (format!("{}-{tag}{q}", y4(y)), e2),
            None => match self.quarter_year(q, half, self.future(j, e)) {
                Some(y) => (format!("{y:04}-{tag}{q}"), e),
                None => (format!("XXXX-{tag}{q}"), e),
            },
        };
        hit(e, "DATE", v, "quarter")
    }

    /// The year of a quarter (or half) named without one: this year's if it has begun,
    /// else last year's unless the sentence speaks of the future.
    fn quarter_year(&self, q: u32, half: bool, fut: bool) -> Option<i32> {
        let r = self.r?;
        let start_month = if half {
            (q - 1) * 6 + 1
        } else {
            (q - 1) * 3 + 1
        };
        Some(if start_month <= r.month() || fut {
            r.year()
        } else {
            r.year() - 1
        })
    }

    /// "1990s", "the '90s", "the 20th century".
    fn decade(&self, j: usize) -> Option<Hit> {
        let s = self.s(j);
        if self.kind(j) == Some(Kind::Mixed) {
            if let Some(d) = s.strip_suffix('s') {
                if d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()) && d.ends_with('0') {
                    return hit(j + 1, "DATE", d[..3].to_string(), "decade");
                }
            }
            if let Some(c) = ordinal_digits(s) {
                return self.century(j + 1, c);
            }
            return None;
        }
        if self.kind(j) == Some(Kind::Num) && self.s(j).len() == 4 {
            // "1990's"
            if is_apostrophe(self.s(j + 1)) && self.glued(j + 1) && self.is(j + 2, "s") {
                let d = self.s(j);
                if d.ends_with('0') && self.glued(j + 2) {
                    return hit(j + 3, "DATE", d[..3].to_string(), "decade");
                }
            }
            return None;
        }
        // "90's": two digits, apostrophe, s
        if self.kind(j) == Some(Kind::Num)
            && s.len() == 2
            && s.ends_with('0')
            && is_apostrophe(self.s(j + 1))
            && self.glued(j + 1)
            && self.is(j + 2, "s")
            && self.glued(j + 2)
            && j > 0
            && self.is(j - 1, "the")
        {
            let n: u32 = s.parse().ok()?;
            let c = if n >= 30 { 19 } else { 20 };
            return hit(j + 3, "DATE", format!("{c}{}", n / 10), "decade");
        }
        if is_apostrophe(s) && self.glued(j + 1) && self.kind(j + 1) == Some(Kind::Mixed) {
            let t = self.s(j + 1);
            let d = t.strip_suffix('s')?;
            if d.len() == 2 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()) {
                let n: u32 = d.parse().ok()?;
                let c = if n >= 30 { 19 } else { 20 };
                return hit(j + 2, "DATE", format!("{c}{}", n / 10), "decade");
            }
            return None;
        }
        let l = self.lx(j);
        if l.ord > 0 {
            return self.century(j + 1, l.ord as u32);
        }
        if l.num == 20 && self.is(j + 1, "-") && self.lx(j + 2).ord > 0 {
            return self.century(j + 3, 20 + self.lx(j + 2).ord as u32);
        }
        None
    }

    fn century(&self, k: usize, n: u32) -> Option<Hit> {
        if !(self.is(k, "century") && self.cont(k) && (1..=30).contains(&n)) {
            return None;
        }
        hit(k + 1, "DATE", format!("{:02}", n - 1), "century")
    }

    /// "this summer", "the fall of 2015", "spring 2016", "last winter".
    fn season(&self, j: usize, det: bool) -> Option<Hit> {
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
            return hit(e, "DATE", format!("{y:04}-{code}"), "season");
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
        hit(k + 1, "DATE", v, "season")
    }
}

/// A year the text names relative to an absent reference date ("June of last year").
const UNKNOWN_YEAR: i32 = i32::MIN;

fn y4(y: i32) -> String {
    if y == UNKNOWN_YEAR {
        "XXXX".into()
    } else {
        format!("{y:04}")
    }
}

/// The `nth` (1-based; 0 = last) ISO weekday `wd` of month `m` in year `y`.
fn nth_weekday(y: i32, m: u32, wd: u32, nth: u32) -> Option<NaiveDate> {
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
fn ordinal_digits(s: &str) -> Option<u32> {
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

fn to24(h: u32, pm: bool) -> Option<u32> {
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

fn two_digit_year(y: u32) -> i32 {
    if y < 50 {
        2000 + y as i32
    } else {
        1900 + y as i32
    }
}

fn days_in(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(y: i32, m: u32, off: i32) -> (i32, u32) {
    let t = y * 12 + (m as i32 - 1) + off;
    (t.div_euclid(12), t.rem_euclid(12) as u32 + 1)
}

#[allow(dead_code)]
fn shift_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// TIMEX3 duration value: `P5Y`, `PT24H`, `P3W`, `PXY` (vague).
/// `format!("P{t}{n}{code}")` written out: most durations are whole ("P3Y"), and
/// the formatting machinery cost more than the rest of the rule.
fn whole_dur(t: &str, n: i64, code: &str) -> String {
    let mut s = String::with_capacity(24);
    s.push('P');
    s.push_str(t);
    if n < 0 {
        s.push('-');
    }
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut m = n.unsigned_abs();
    loop {
        k -= 1;
        digits[k] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    for &d in &digits[k..] {
        s.push(char::from(d));
    }
    s.push_str(code);
    s
}

fn dur(v: Option<f64>, u: Unit) -> String {
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
                return whole_dur(t, x as i64, code);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `duration` reads [`DURATION_LEAD`] from the lexicon entry of the token: each
    /// word must have one, or the test would miss it.
    #[test]
    fn duration_leads_are_lexicon_words() {
        let lex = Lexicon::new();
        let sets = WordSets::new(&lex);
        for w in DURATION_LEAD {
            for w in [w.to_string(), w.to_ascii_uppercase()] {
                let i = lex.lookup(w.as_bytes());
                assert!(i.is_some_and(|i| sets.duration_lead[i as usize]), "{w}");
            }
        }
        let marked = sets.duration_lead.iter().filter(|&&b| b).count();
        assert_eq!(marked, DURATION_LEAD.len());
    }

    /// `low_any` is `any` only for lists of lexicon words.
    #[test]
    fn low_any_lists_are_lexicon_words() {
        let lex = Lexicon::new();
        let lists = [RANGE_WORDS, YEAR_PREFIXES, DURATION_EXTRA];
        for w in lists.into_iter().flatten() {
            let i = lex.lookup(w.as_bytes());
            assert!(i.is_some_and(|i| lex.word(i) == *w), "{w}");
        }
    }

    #[test]
    fn whole_durations_format_as_format_does() {
        for n in [0, 1, 9, 10, 12, 100, 1990, -3, i64::MAX, i64::MIN] {
            for (t, code) in [("", "Y"), ("T", "H"), ("", "W")] {
                assert_eq!(whole_dur(t, n, code), format!("P{t}{n}{code}"));
            }
        }
    }
}
