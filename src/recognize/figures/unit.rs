//! The unit step: what an amount counts or measures. A currency sign or prefix before
//! it ("$", "US$", "U.S.$", "#" for pounds), or a unit phrase after it (percent,
//! currency words, measures), makes one [`Side`] of a figure with its [`Sort`]; a count's
//! noun ("1,000 Russian troops") is read by [`Parser::count_unit`].

use super::amount::Amount;
use super::{Kind, Parser};

/// What kind of figure the unit makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sort {
    Count,
    Money,
    Percent,
    Measure,
}

/// One side of a figure: currency prefix, amount, unit.
#[derive(Clone, Debug)]
pub(super) struct Side {
    pub(super) start: usize,
    /// Token after the amount (and its unit when the unit is in the span).
    pub(super) end: usize,
    pub(super) amount: Amount,
    pub(super) sort: Sort,
    pub(super) unit: Option<String>,
    /// The amount has a currency symbol before it.
    pub(super) symbol: bool,
    pub(super) rule: &'static str,
}

// The unit lists a word begins a phrase of (bits of `FigureRecognizer::unit_first`).
pub(super) const PERCENT_UNIT: u16 = 1;
pub(super) const CURRENCY_UNIT: u16 = 2;
pub(super) const AFTER_SCALE_UNIT: u16 = 4;
pub(super) const MEASURE_UNIT: u16 = 8;

impl Parser<'_> {
    /// A currency sign at `i`: (token after it, currency code).
    pub(super) fn symbol(&self, i: usize) -> Option<(usize, &'static str)> {
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
    pub(super) fn side(&self, i: usize) -> Option<Side> {
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
    pub(super) fn count_unit(&self, k: usize, vague: bool) -> Option<String> {
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
}
