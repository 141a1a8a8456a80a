//! The qualifier step: how a figure relates to its number or numbers. A qualifier
//! phrase before the amount ("about", "more than", "up to"), a tail after it ("or
//! more", "or so"), or a second side that makes a range ("between A and B", "from A to
//! B", "A to B", "A-B", "7% or 8%"). This step also decides the span and the `rule:`
//! name of the figure it completes.

use super::amount::written_value;
use super::unit::{Side, Sort};
use super::{FigureInfo, Parser};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How exact a FIGURE is (`qualifier` in the output).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// The number as written ("45", "only 8").
    #[default]
    Exact,
    /// About the number ("about 1,000", "hundreds", "100 or so").
    Approx,
    /// Between `min` and `max` ("between 3,000 and 6,000").
    Range,
    /// Above the number ("more than 200").
    MoreThan,
    /// Below the number ("fewer than 30").
    LessThan,
    /// The number or more ("at least 12", "six or more").
    AtLeast,
    /// The number or less ("up to 20", "no more than 5").
    AtMost,
}

impl Qualifier {
    pub const ALL: [Qualifier; 7] = [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::Range,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::AtLeast,
        Qualifier::AtMost,
    ];

    /// The name the output writes (as serde does).
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Range => "range",
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
        }
    }
}

impl AsRef<str> for Qualifier {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What comes before the first amount of a figure at token `i`.
#[derive(Clone, Copy)]
pub(super) struct Lead {
    /// The token the first side begins at (`i` when nothing leads).
    pub(super) j: usize,
    /// A range opener's joiner: "between" wants "and", "from" wants "to".
    pub(super) opener: Option<&'static str>,
    /// A qualifier phrase, and whether it belongs to the span.
    pub(super) qual: Option<(Qualifier, bool)>,
}

/// A figure's span in tokens, its attributes and its rule.
pub(super) struct Parsed {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) info: FigureInfo,
    pub(super) rule: &'static str,
}

impl Parser<'_> {
    /// A range opener or a qualifier phrase at token `i`.
    pub(super) fn lead_at(&self, i: usize) -> Lead {
        let mut lead = Lead {
            j: i,
            opener: None,
            qual: None,
        };
        if self.kind(i) == Some(super::Kind::Word) {
            if self.is(i, "between") {
                lead.opener = Some("and");
                lead.j = i + 1;
            } else if self.is(i, "from") {
                lead.opener = Some("to");
                lead.j = i + 1;
            } else if let Some((end, q)) = self.phrase(&self.rec.qualifiers, i) {
                lead.qual = Some(q);
                lead.j = end;
            }
        }
        lead
    }

    /// The second side of a range begun by an opener ("between A and B").
    pub(super) fn opened_range(&self, first: &Side, lead: Lead) -> Option<Side> {
        let joiner_at = first.end;
        let word = lead.opener?;
        if self.is(joiner_at, word) {
            self.side(joiner_at + 1)
        } else {
            None
        }
    }

    /// The second side of a range without an opener: "A to B", "A-B", "7% or 8%", for
    /// the figure that begins at token `i` (its qualifier included) with `first`.
    /// Not after a movement ("rose 4 to 124", "fell by about 0.25 point to 8.75%"),
    /// and not between amounts of different units ("0.25 percentage point to 8.75%"):
    /// those are a change and the level it reached.
    /// `Err` is the token to go on from after a duration ("ten to twelve hours").
    pub(super) fn range_tail(&self, i: usize, first: &Side) -> Result<Option<Side>, usize> {
        let a = first.amount;
        let joiner_at = first.end;
        let jw = self.w(joiner_at);
        let dash = matches!(jw, "-" | "\u{2013}" | "\u{2014}");
        let moved = i > 0 && self.rec.movement.contains(self.w(i - 1));
        let is_to = self.is(joiner_at, "to") && !moved;
        let is_or = self.is(joiner_at, "or");
        if !(dash || is_to || is_or) {
            return Ok(None);
        }
        let Some(s) = self.side(joiner_at + 1) else {
            return Ok(None);
        };
        let same_unit = first.unit.is_none() || s.unit.is_none() || first.unit == s.unit;
        let same_sort = (s.sort == first.sort || first.sort == Sort::Count) && same_unit;
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
        if !(ok && increasing) {
            return Ok(None);
        }
        // "ten to twelve hours" is a duration.
        if first.sort == Sort::Count && self.time_unit_at(s.end) {
            return Err(s.end + 1);
        }
        Ok(Some(s))
    }

    /// A range figure at token `i` from its two sides.
    pub(super) fn range(&self, i: usize, lead: Lead, first: &Side, s: &Side) -> Parsed {
        let a = first.amount;
        let mut sort = s.sort;
        let mut unit = s.unit.clone();
        if first.sort != Sort::Count {
            sort = first.sort;
            unit = first.unit.clone();
        }
        // "3 to 5 million": the scale of the second side applies to the first.
        let mut lo = a.value.or(a.min);
        if let (Some(x), true, false) = (lo, s.amount.scale, a.scale) {
            if let Some(e) = self.scale_exp_at(s.amount.end - 1) {
                lo = Some(if a.written {
                    written_value(self.w(a.start), e)
                } else {
                    x * 10f64.powi(e)
                });
            }
        }
        if sort == Sort::Count {
            unit = self.count_unit(s.end, false);
        }
        let start = if lead.opener == Some("and") || (lead.opener.is_none() && lead.j > i) {
            i
        } else {
            first.start
        };
        let end = if sort == Sort::Count {
            s.amount.end
        } else {
            s.end
        };
        let info = FigureInfo {
            value: None,
            min: lo,
            max: s.amount.value.or(s.amount.min),
            qualifier: Qualifier::Range,
            unit,
        };
        Parsed {
            start,
            end,
            info,
            rule: "range",
        }
    }

    /// A figure of one side at token `i`, with its qualifier (before it, or a tail
    /// after it: "six or more", "100 or so", "ten or fewer").
    pub(super) fn single(&self, i: usize, lead: Lead, first: &Side) -> Parsed {
        let a = first.amount;
        let qual = lead.qual;
        let (mut q, in_span) = qual.unwrap_or((Qualifier::Exact, true));
        let vague = a.value.is_none();
        let mut end = first.end;
        if self.is(end, "or") {
            let tail = self.w(end + 1).to_ascii_lowercase();
            let tq = match tail.as_str() {
                "more" => Some(Qualifier::AtLeast),
                "so" => Some(Qualifier::Approx),
                "less" | "fewer" => Some(Qualifier::AtMost),
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
        // A bare "$500" is spanned without its sign (OntoNotes); with a qualifier,
        // scale or range the sign stays.
        let start = if lead.j > i && in_span {
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
        let q = if vague && q == Qualifier::Exact {
            Qualifier::Approx
        } else {
            q
        };
        let rule = if qual.is_some() && first.rule == "cardinal" {
            if q == Qualifier::Approx {
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
        Parsed {
            start,
            end,
            info,
            rule,
        }
    }
}
