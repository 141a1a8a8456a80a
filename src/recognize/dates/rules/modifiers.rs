//! The words in front of an expression that qualify it: approximation and
//! comparison ("about", "nearly", "more than", "at least", "no more than": a TIMEX3
//! mod of the quantity) and position within it ("early", "late", "mid-", "the end
//! of": a mod of the period). How a modifier combines with the expression after it is
//! `Parser::parse`'s and `with_pos`'s business; this module reads the words.

use super::super::parser::Parser;
use super::super::screen::{Starts, POS_MOD, QUANT_MOD, THE};
use crate::record::TimexMod as M;

/// What `parse` may read in front of an expression, each with its first words:
/// "the", then the first words of `quant_mod` and of `pos_mod`.
pub(crate) const LEADS: [(u8, &Starts); 3] = [
    (
        THE,
        &Starts {
            words: &["the"],
            ..Starts::NONE
        },
    ),
    (
        QUANT_MOD,
        &Starts {
            words: &[
                "about",
                "around",
                "approximately",
                "roughly",
                "some",
                "circa",
                "nearly",
                "almost",
                "more",
                "less",
                "fewer",
                "at",
                "up",
                "no",
            ],
            ..Starts::NONE
        },
    ),
    (
        POS_MOD,
        &Starts {
            words: &[
                "early",
                "earlier",
                "late",
                "later",
                "mid",
                "end",
                "beginning",
                "start",
                "middle",
            ],
            ..Starts::NONE
        },
    ),
];

impl Parser<'_> {
    /// "about", "nearly", "more than", ...: (TIMEX3 mod, index after).
    pub(super) fn quant_mod(&self, i: usize) -> Option<(M, usize)> {
        let s = self.low(i);
        let two = |w: &str, m: M| self.is(i + 1, w).then_some((m, i + 2));
        match s.as_str() {
            "about" | "around" | "approximately" | "roughly" | "some" | "circa" => {
                Some((M::Approx, i + 1))
            }
            "nearly" | "almost" => Some((M::Approx, i + 1)),
            "more" => two("than", M::MoreThan),
            "less" | "fewer" => two("than", M::LessThan),
            "at" => two("least", M::EqualOrMore).or_else(|| two("most", M::EqualOrLess)),
            "up" => two("to", M::EqualOrLess),
            "no" => {
                if self.is(i + 1, "more") && self.is(i + 2, "than") {
                    Some((M::EqualOrLess, i + 3))
                } else if self.is(i + 1, "less") && self.is(i + 2, "than") {
                    Some((M::EqualOrMore, i + 3))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// "early", "late", "mid-", "the end of", ...: (TIMEX3 mod, index after).
    pub(super) fn pos_mod(&self, i: usize) -> Option<(M, usize)> {
        let s = self.low(i);
        match s.as_str() {
            "early" | "earlier" => Some((M::Start, i + 1)),
            "late" | "later" => Some((M::End, i + 1)),
            "mid" => Some((M::Mid, if self.is(i + 1, "-") { i + 2 } else { i + 1 })),
            "end" | "beginning" | "start" | "middle" if self.is(i + 1, "of") => {
                let m = match s.as_str() {
                    "end" => M::End,
                    "middle" => M::Mid,
                    _ => M::Start,
                };
                Some((m, i + 2))
            }
            _ => None,
        }
    }
}
