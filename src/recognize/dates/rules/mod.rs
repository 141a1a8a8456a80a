//! The date grammar: rules tried at one token, each returning the longest expression
//! it can read there with its TIMEX3 type, value and mod.
//!
//! Every rule is a plain function over the token slice (no backtracking engine): it
//! checks a few tokens, computes the value against the reference date and returns a
//! [`Hit`]. The rules are grouped by the family of expressions they own (one module
//! each); [`RULES`] lists them with the tokens each may begin at (its
//! [`Starts`], declared beside it), and [`Parser::parse`] tries them (with optional
//! "the", approximation and position modifiers in front, see `modifiers`) and keeps
//! the longest.

pub(super) mod calendar;
pub(super) mod clock;
pub(super) mod deixis;
pub(super) mod durations;
pub(super) mod modifiers;
pub(super) mod years;

use super::lexicon::Unit;
use super::parser::{better, hit, Hit, Parser};
use super::screen::{Position, Starts, POS_MOD, QUANT_MOD, THE};
use crate::record::{TimexMod as M, TimexType as T};

/// A rule: its function (token index, whether "the" came before) and where it runs.
pub(super) struct Rule {
    pub run: fn(&Parser<'_>, usize, bool) -> Option<Hit>,
    pub position: Position,
}

/// A rule that never follows "the".
const fn bare(s: &'static Starts) -> Position {
    Position {
        bare: Some(s),
        after_the: None,
    }
}

/// A rule that runs with or without "the" before it.
const fn both(s: &'static Starts) -> Position {
    Position {
        bare: Some(s),
        after_the: Some(s),
    }
}

/// Every rule, in the order `core` tries them (on equal length the first wins).
pub(super) static RULES: [Rule; 16] = [
    Rule {
        run: |p, j, _| p.month_forms(j),
        position: bare(&calendar::MONTH_STARTS),
    },
    Rule {
        run: |p, j, _| p.numeric(j),
        position: bare(&calendar::NUMERIC_STARTS),
    },
    Rule {
        run: |p, j, _| p.weekday(j),
        position: bare(&calendar::WEEKDAY_STARTS),
    },
    Rule {
        run: |p, j, _| p.deictic(j),
        position: bare(&deixis::DEICTIC_STARTS),
    },
    Rule {
        run: |p, j, _| p.time(j),
        position: bare(&clock::TIME_STARTS),
    },
    Rule {
        run: |p, j, _| p.refs(j),
        position: bare(&deixis::REFS_STARTS),
    },
    Rule {
        run: |p, j, _| p.sets(j),
        position: bare(&durations::SETS_STARTS),
    },
    Rule {
        run: |p, j, _| p.holiday(j),
        position: bare(&calendar::HOLIDAY_STARTS),
    },
    Rule {
        run: |p, j, _| p.year(j),
        position: bare(&years::YEAR_STARTS),
    },
    Rule {
        run: |p, j, det| p.day_month(j, det),
        position: both(&calendar::DAY_STARTS),
    },
    Rule {
        run: |p, j, det| p.duration(j, det),
        position: both(&durations::DURATION_STARTS),
    },
    Rule {
        run: |p, j, det| p.relative(j, det),
        position: both(&deixis::RELATIVE_STARTS),
    },
    Rule {
        run: |p, j, det| p.quarter(j, det),
        position: Position {
            bare: Some(&years::QUARTER_STARTS),
            after_the: Some(&years::QUARTER_STARTS_AFTER_THE),
        },
    },
    Rule {
        run: |p, j, _| p.decade(j),
        position: both(&years::DECADE_STARTS),
    },
    Rule {
        run: |p, j, det| p.season(j, det),
        position: both(&deixis::SEASON_STARTS),
    },
    Rule {
        run: |p, j, _| p.det_refs(j),
        position: Position {
            bare: None,
            after_the: Some(&deixis::DET_REFS_STARTS),
        },
    },
];

impl Parser<'_> {
    /// The longest expression starting at token `i`.
    ///
    /// An expression begins only at a token the tokenizer marks `start`: a number, a
    /// mixed token, an apostrophe or a lexicon word that may begin one (the
    /// lexicon's `KNOWN` words, such as "same" or "circa", only continue one).
    pub(super) fn parse(&self, i: usize) -> Option<Hit> {
        let t = self.toks.get(i)?;
        if !t.start {
            return None;
        }
        self.start.set(i);
        let leads = self.screen.leads(t);
        let mut best = self.core(i, false);
        if leads & THE != 0 && self.low(i) == "the" && self.cont(i + 1) {
            better(&mut best, self.core(i + 1, true));
            if let Some((m, j)) = self.pos_mod(i + 1) {
                better(&mut best, self.with_pos(m, j));
            }
        }
        let quant = if leads & QUANT_MOD != 0 {
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
                let approx_ok = m == M::Approx && h.timex == T::Date && h.rule != "ref";
                if h.timex == T::Duration || h.timex == T::Time || h.rule == "ago" || approx_ok {
                    h.mod_ = h.mod_.or(Some(m));
                    better(&mut best, Some(h));
                }
            }
        }
        if leads & POS_MOD != 0 {
            if let Some((m, j)) = self.pos_mod(i) {
                better(&mut best, self.with_pos(m, j));
            }
        }
        best
    }

    pub(super) fn with_pos(&self, m: M, j: usize) -> Option<Hit> {
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
                    better(&mut h, hit(j + 2, T::Date, v, "relative"));
                }
            }
        }
        let mut h = h?;
        let ok = matches!(h.timex, T::Date | T::Time)
            && !matches!(h.rule, "ref" | "ago" | "iso-date" | "numeric-date");
        if !ok {
            return None;
        }
        h.mod_ = Some(m);
        Some(h)
    }

    /// The longest expression of any rule at token `j` (`det`: a "the" came before):
    /// the rules the screen lets begin at the token, in the order of [`RULES`].
    fn core(&self, j: usize, det: bool) -> Option<Hit> {
        let mut rules = self.screen.rules(self.toks.get(j)?, det);
        let mut best = None;
        while rules != 0 {
            let k = rules.trailing_zeros() as usize;
            rules &= rules - 1;
            better(&mut best, (RULES[k].run)(self, j, det));
        }
        best
    }
}
