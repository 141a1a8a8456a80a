//! Recognisers: each finds candidate mentions of one kind in a document's text.
//!
//! A recogniser only proposes: it returns [`Candidate`]s with byte offsets, the rule or
//! dictionary behind each (`how`) and a priority. It does not resolve overlaps between
//! kinds, merge names into entities or convert offsets: that is `resolve`'s job, so each
//! recogniser can be tested on its own.
//!
//! The name, date and figure recognisers read one token stream (`tokens`), cut once
//! per document with one dictionary look-up per word; each also has a `find` that cuts
//! the tokens itself, for use and tests on its own.

pub mod dates;
pub mod figures;
pub mod names;
pub mod quotes;
pub(crate) mod tokens;

use crate::record::{EntityType, TimexMod, TimexType};

/// TIMEX3 attributes of a date or time expression.
#[derive(Clone, Debug, PartialEq)]
pub struct DateInfo {
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub timex: TimexType,
    /// TIMEX3 value: `2016-03-16`, `2016-W12`, `P5Y`, `PRESENT_REF`, `XXXX-WXX-1`, ...
    pub value: String,
    /// TIMEX3 mod: `APPROX`, `START`, `MID`, `END`, `MORE_THAN`, ...
    pub mod_: Option<TimexMod>,
}

/// Normalised attributes of a figure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureInfo {
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// `exact`, `approx`, `range`, `more_than`, `less_than`, `at_least`, `at_most`.
    pub qualifier: figures::Qualifier,
    /// What is counted or measured: `troops`, `USD`, `percent`, `km`.
    pub unit: Option<String>,
}

/// What a candidate carries beyond its span and type.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Detail {
    #[default]
    None,
    Date(DateInfo),
    Figure(FigureInfo),
    /// A dictionary entry (index into the gazetteer's entry table).
    Entry(u32),
}

/// A proposed mention, in byte offsets into the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
    /// The dictionary or rule that proposed it: `dict:countries`, `rule:weekday`.
    pub how: String,
    pub canonical: Option<String>,
    pub detail: Detail,
    /// Higher wins when candidates of different recognisers overlap with equal length.
    pub priority: u8,
    /// A role or title the text gives this person or body ("U.S. Secretary of State").
    pub role: Option<String>,
}

impl Candidate {
    pub fn new(start: usize, end: usize, kind: EntityType, how: impl Into<String>) -> Self {
        Candidate {
            start,
            end,
            kind,
            how: how.into(),
            canonical: None,
            detail: Detail::None,
            priority: 0,
            role: None,
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}
