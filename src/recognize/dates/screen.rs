//! Where each rule may begin, and the screen derived from it.
//!
//! Every rule declares, beside its code, the tokens its first test accepts: a
//! [`Starts`] of lexicon words, word senses (a month, an ordinal, a number word in a
//! range, ...) and token classes (a number, a mixed token, an apostrophe). Every
//! modifier (`rules::modifiers`) declares its first words the same way. [`Screen`]
//! turns these declarations into one table per lexicon entry and token class, built
//! once with the recogniser: `core` runs only the rules whose declaration accepts the
//! token, and the scanner passes over tokens that nothing can begin at. Nothing here
//! restates a rule's test, so a rule and its screen cannot drift apart unnoticed: a
//! proptest runs the screened recogniser against [`Screen::everything`], which tries
//! every rule at every token, and asserts the same output.

use super::lexicon::{Lex, Lexicon};
use super::rules::{modifiers, RULES};
use super::{Kind, Tok, NO_LEX};

/// A sense a lexicon entry may have (see [`Lex`]).
#[derive(Clone, Copy, Debug)]
pub(super) enum Sense {
    Month,
    Weekday,
    Season,
    /// A plural unit of time ("years").
    PluralUnit,
    /// An ordinal word in this range ("third" = 3).
    Ordinal(u8, u8),
    /// A number word in this range ("twenty" = 20).
    Number(u16, u16),
}

impl Sense {
    fn holds(self, l: &Lex) -> bool {
        match self {
            Sense::Month => l.month != 0,
            Sense::Weekday => l.weekday != 0,
            Sense::Season => l.season.is_some(),
            Sense::PluralUnit => l.unit_plural,
            Sense::Ordinal(lo, hi) => (lo..=hi).contains(&l.ord),
            Sense::Number(lo, hi) => (lo..=hi).contains(&l.num),
        }
    }
}

/// A token that is no word of the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// Digits ("2015").
    Number,
    /// Letters and digits ("1990s", "14th", "Q3", "10am").
    Mixed,
    /// "'" or "\u{2019}" ("'90s", "'69").
    Apostrophe,
    /// Anything else: a word the lexicon does not know, another mark.
    Other,
}

const CLASSES: [Class; 4] = [Class::Number, Class::Mixed, Class::Apostrophe, Class::Other];

/// The tokens a rule (or a modifier) can begin at: its declaration, kept beside it.
pub(super) struct Starts {
    /// Lexicon words, in lower case.
    pub words: &'static [&'static str],
    /// Senses of lexicon words.
    pub senses: &'static [Sense],
    /// Tokens that are no lexicon word.
    pub classes: &'static [Class],
}

impl Starts {
    pub(super) const NONE: Starts = Starts {
        words: &[],
        senses: &[],
        classes: &[],
    };

    fn accepts_word(&self, w: &str, l: &Lex) -> bool {
        self.words.contains(&w) || self.senses.iter().any(|s| s.holds(l))
    }

    fn accepts_class(&self, c: Class) -> bool {
        self.classes.contains(&c)
    }
}

/// Where a rule runs: with no "the" before it, after "the", or both; `None` is a
/// part of the grammar (the rule is never tried there), not a screen.
pub(super) struct Position {
    pub bare: Option<&'static Starts>,
    pub after_the: Option<&'static Starts>,
}

/// Bits of [`Screen::leads`]: what `parse` reads in front of an expression.
pub(super) const THE: u8 = 1;
pub(super) const QUANT_MOD: u8 = 2;
pub(super) const POS_MOD: u8 = 4;

/// Per lexicon entry (then per [`Class`], after the entries): the rules that may begin
/// there (bits of [`RULES`] indices) without and after "the", and the modifiers.
pub(crate) struct Screen {
    bare: Vec<u32>,
    after_the: Vec<u32>,
    leads: Vec<u8>,
    /// Every token may begin something (the unscreened recogniser).
    everything: bool,
}

impl Screen {
    /// The screen the rules' and modifiers' declarations give.
    pub(crate) fn new(lex: &Lexicon) -> Screen {
        let rules = |pick: fn(&Position) -> Option<&'static Starts>,
                     accepts: &dyn Fn(&Starts) -> bool| {
            let mut bits = 0;
            for (k, rule) in RULES.iter().enumerate() {
                if pick(&rule.position).is_some_and(accepts) {
                    bits |= 1 << k;
                }
            }
            bits
        };
        let leads = |accepts: &dyn Fn(&Starts) -> bool| {
            let mut bits = 0;
            for (bit, starts) in modifiers::LEADS {
                if accepts(starts) {
                    bits |= bit;
                }
            }
            bits
        };
        let mut s = Screen {
            bare: Vec::new(),
            after_the: Vec::new(),
            leads: Vec::new(),
            everything: false,
        };
        let entries = (0..lex.len()).map(|i| (lex.word(i), lex.get(i)));
        for (w, l) in entries {
            let accepts = |st: &Starts| st.accepts_word(w, l);
            s.bare.push(rules(|p| p.bare, &accepts));
            s.after_the.push(rules(|p| p.after_the, &accepts));
            s.leads.push(leads(&accepts));
        }
        for c in CLASSES {
            let accepts = |st: &Starts| st.accepts_class(c);
            s.bare.push(rules(|p| p.bare, &accepts));
            s.after_the.push(rules(|p| p.after_the, &accepts));
            s.leads.push(leads(&accepts));
        }
        s
    }

    /// No screen: every rule where the grammar lets it run, every modifier, at every
    /// token. For the tests, which check that [`Screen::new`] changes nothing.
    #[cfg(test)]
    pub(crate) fn everything(lex: &Lexicon) -> Screen {
        let n = lex.len() as usize + CLASSES.len();
        let all = |pick: fn(&Position) -> Option<&'static Starts>| {
            let mut bits = 0;
            for (k, rule) in RULES.iter().enumerate() {
                if pick(&rule.position).is_some() {
                    bits |= 1 << k;
                }
            }
            bits
        };
        Screen {
            bare: vec![all(|p| p.bare); n],
            after_the: vec![all(|p| p.after_the); n],
            leads: vec![THE | QUANT_MOD | POS_MOD; n],
            everything: true,
        }
    }

    /// The row of token `t`: its lexicon entry, else its class.
    #[inline]
    fn row(&self, t: &Tok) -> usize {
        let classes = self.bare.len() - CLASSES.len();
        let class = match t.kind {
            Kind::Word if t.lex != NO_LEX => return t.lex as usize,
            Kind::Num => Class::Number,
            Kind::Mixed => Class::Mixed,
            // The tokenizer marks an apostrophe, and no other mark, `start`.
            Kind::Punct if t.start => Class::Apostrophe,
            Kind::Word | Kind::Punct => Class::Other,
        };
        classes + class as usize
    }

    /// The rules (bits of [`RULES`] indices) that may begin at `t`; `det`: after "the".
    #[inline]
    pub(super) fn rules(&self, t: &Tok, det: bool) -> u32 {
        let row = self.row(t);
        if det {
            self.after_the[row]
        } else {
            self.bare[row]
        }
    }

    /// The modifiers ([`THE`], [`QUANT_MOD`], [`POS_MOD`]) that may begin at `t`.
    #[inline]
    pub(super) fn leads(&self, t: &Tok) -> u8 {
        self.leads[self.row(t)]
    }

    /// Whether `parse` may find anything at `t`.
    #[inline]
    pub(super) fn may_begin(&self, t: &Tok) -> bool {
        self.everything || t.start && (self.bare[self.row(t)] != 0 || self.leads(t) != 0)
    }
}
