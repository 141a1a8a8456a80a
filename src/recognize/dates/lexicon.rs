//! Word tables of the date recogniser: months, weekdays, units, number words, ordinals,
//! seasons, parts of the day, and the function words that may start an expression.
//!
//! One lower-case word maps to one [`Lex`] that records every sense the word can have
//! ("second" is an ordinal and a unit; "fall" a season and a verb); the grammar decides
//! from context. The table is built once by [`Lexicon::new`]; tokens carry an index into
//! it, so a word is looked up once per document, never per rule: the look-up is made
//! by the tokenizer the date and figure recognisers share, in a vocabulary that holds
//! both recognisers' words (`super::super::tokens::Vocab`, a [`ShortFirst`] index).

use crate::text::words::ShortFirst;

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// Whether TIMEX3 writes the unit after `T` (`PT5H`).
    pub(crate) fn is_time(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// Every sense of one word. Zero / `None` means "not this sense".
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lex {
    /// 1..=12.
    pub month: u8,
    /// A short form ("Dec", "Sept") that needs a full stop or a day number after it.
    pub month_abbr: bool,
    /// ISO weekday 1 (Monday) ..= 7.
    pub weekday: u8,
    pub weekday_abbr: bool,
    /// "Mondays": a set.
    pub weekday_plural: bool,
    pub unit: Option<Unit>,
    pub unit_plural: bool,
    /// Cardinal number word value ("seven" = 7, "twenty" = 20).
    pub num: u16,
    /// Ordinal number word value ("third" = 3).
    pub ord: u8,
    /// TIMEX3 season code: SP, SU, FA, WI.
    pub season: Option<&'static str>,
    /// TIMEX3 part-of-day code: MO, AF, EV, NI.
    pub pod: Option<&'static str>,
    /// May start (or take part in) an expression although it has no sense above.
    pub function: bool,
    /// May start an expression (every sense above, and the function words).
    pub start: bool,
}

/// The compiled word table.
pub(crate) struct Lexicon {
    entries: Vec<Lex>,
    words: Vec<&'static str>,
    /// Word -> index into `entries`.
    index: ShortFirst,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBR: &[(&str, u8)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("febr", 2),
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const WEEKDAY_ABBR: &[(&str, u8)] = &[
    ("mon", 1),
    ("tue", 2),
    ("tues", 2),
    ("wed", 3),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("fri", 5),
    ("sat", 6),
    ("sun", 7),
];
const UNITS: &[(&str, &str, Unit)] = &[
    ("second", "seconds", Unit::Second),
    ("minute", "minutes", Unit::Minute),
    ("hour", "hours", Unit::Hour),
    ("day", "days", Unit::Day),
    ("week", "weeks", Unit::Week),
    ("fortnight", "fortnights", Unit::Fortnight),
    ("month", "months", Unit::Month),
    ("quarter", "quarters", Unit::Quarter),
    ("year", "years", Unit::Year),
    ("decade", "decades", Unit::Decade),
    ("century", "centuries", Unit::Century),
];
const NUMS: &[(&str, u16)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("zero", 0),
];
const ORDS: &[(&str, u8)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("last", 0),
    ("final", 0),
];
const SEASONS: &[(&str, &str)] = &[
    ("spring", "SP"),
    ("summer", "SU"),
    ("fall", "FA"),
    ("autumn", "FA"),
    ("winter", "WI"),
];
const PODS: &[(&str, &str)] = &[
    ("morning", "MO"),
    ("afternoon", "AF"),
    ("evening", "EV"),
    ("night", "NI"),
    ("mornings", "MO"),
    ("nights", "NI"),
];
/// Words the grammar reads inside an expression but that never start one.
const KNOWN: &[&str] = &[
    "ago",
    "from",
    "hence",
    "old",
    "long",
    "same",
    "hundred",
    "thousand",
    "near",
    "distant",
    "foreseeable",
    "thrice",
    "circa",
    "of",
    "and",
    "or",
    "to",
    "than",
    "least",
    "most",
    "other",
    "eve",
    "clock",
    "o",
    "s",
    "am",
    "pm",
    "m",
    "p",
    "that",
    "additional",
    "straight",
    "consecutive",
    "full",
];

/// Words with no sense above that can start or extend an expression; tokens not in the
/// table (and not numbers) are skipped at once by the scanner.
const FUNCTION: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "last",
    "next",
    "past",
    "coming",
    "previous",
    "prior",
    "following",
    "current",
    "latest",
    "recent",
    "early",
    "late",
    "mid",
    "middle",
    "end",
    "beginning",
    "start",
    "earlier",
    "later",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "more",
    "less",
    "fewer",
    "at",
    "no",
    "up",
    "over",
    "every",
    "each",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "now",
    "currently",
    "recently",
    "nowadays",
    "lately",
    "these",
    "fiscal",
    "noon",
    "midnight",
    "midday",
    "christmas",
    "thanksgiving",
    "new",
    "halloween",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "annually",
    "yearly",
    "hourly",
    "nightly",
    "biweekly",
    "once",
    "twice",
    "half",
    "several",
    "few",
    "couple",
    "dozen",
    "dozens",
    "hundreds",
    "many",
    "weekend",
    "weekends",
    "overnight",
    "future",
    "present",
    "year-end",
    "just",
    "formerly",
    "annual",
    "pre",
    "post",
    "independence",
    "valentine",
    "memorial",
    "labor",
    "labour",
];

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut lx = Lexicon {
            entries: Vec::new(),
            words: Vec::new(),
            // About 300 words.
            index: ShortFirst::with_capacity(512),
        };
        for (i, m) in MONTHS.iter().enumerate() {
            lx.add(m, |l| l.month = i as u8 + 1);
        }
        for &(m, n) in MONTH_ABBR {
            lx.add(m, |l| {
                l.month = n;
                l.month_abbr = true;
            });
        }
        const PLURAL_DAYS: [&str; 7] = [
            "mondays",
            "tuesdays",
            "wednesdays",
            "thursdays",
            "fridays",
            "saturdays",
            "sundays",
        ];
        for (i, (d, p)) in WEEKDAYS.iter().zip(PLURAL_DAYS).enumerate() {
            lx.add(d, |l| l.weekday = i as u8 + 1);
            lx.add(p, |l| {
                l.weekday = i as u8 + 1;
                l.weekday_plural = true;
            });
        }
        for &(d, n) in WEEKDAY_ABBR {
            lx.add(d, |l| {
                l.weekday = n;
                l.weekday_abbr = true;
            });
        }
        for &(s, p, u) in UNITS {
            lx.add(s, |l| l.unit = Some(u));
            lx.add(p, |l| {
                l.unit = Some(u);
                l.unit_plural = true;
            });
        }
        for &(w, n) in NUMS {
            lx.add(w, |l| l.num = n);
        }
        for &(w, n) in ORDS {
            lx.add(w, |l| {
                l.ord = n;
                l.function = true;
            });
        }
        for &(w, c) in SEASONS {
            lx.add(w, |l| l.season = Some(c));
        }
        for &(w, c) in PODS {
            lx.add(w, |l| l.pod = Some(c));
        }
        for &w in FUNCTION {
            lx.add(w, |l| l.function = true);
        }
        for l in &mut lx.entries {
            l.start = true;
        }
        for &w in KNOWN {
            lx.add(w, |_| {});
        }
        lx
    }

    fn add(&mut self, word: &'static str, f: impl FnOnce(&mut Lex)) {
        let next = self.entries.len() as u16;
        let i = self.index.insert(word, next);
        if i == next {
            self.entries.push(Lex::default());
            self.words.push(word);
        }
        f(&mut self.entries[i as usize]);
    }

    /// The number of entries (indices are `0..len`).
    pub(crate) fn len(&self) -> u16 {
        self.entries.len() as u16
    }

    pub(crate) fn get(&self, i: u16) -> &Lex {
        &self.entries[i as usize]
    }

    /// The lower-case word of entry `i`.
    pub(crate) fn word(&self, i: u16) -> &'static str {
        self.words[i as usize]
    }
}
