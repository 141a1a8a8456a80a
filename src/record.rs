//! The output contract: the plain serialisable records that every writer prints.
//!
//! Field names, their order and the CSV columns derived from them are a public contract
//! (see `DESIGN.md` section 2): change them only on purpose. Offsets here are Unicode
//! code-point offsets into the document text; the recognisers work in byte offsets and
//! the conversion happens once, when a [`Record`] is built.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub use crate::recognize::figures::Qualifier;

/// The kind of thing a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum EntityType {
    Person,
    Place,
    Org,
    Date,
    Figure,
    Misc,
}

impl EntityType {
    pub const ALL: [EntityType; 6] = [
        EntityType::Person,
        EntityType::Place,
        EntityType::Org,
        EntityType::Date,
        EntityType::Figure,
        EntityType::Misc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Place => "PLACE",
            EntityType::Org => "ORG",
            EntityType::Date => "DATE",
            EntityType::Figure => "FIGURE",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses `PERSON`, `person`, and the common aliases `PER`, `LOC`, `GPE`,
    /// `ORGANIZATION`.
    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => EntityType::Person,
            "PLACE" | "LOC" | "GPE" | "FAC" | "LOCATION" => EntityType::Place,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => EntityType::Org,
            "DATE" | "TIME" | "TIMEX" => EntityType::Date,
            "FIGURE" | "CARDINAL" | "QUANTITY" | "MONEY" | "PERCENT" => EntityType::Figure,
            "MISC" => EntityType::Misc,
            _ => return None,
        })
    }

    /// Whether the type names something (people, places, organisations) rather than
    /// a value (dates, figures).
    pub fn is_name(self) -> bool {
        matches!(
            self,
            EntityType::Person | EntityType::Place | EntityType::Org | EntityType::Misc
        )
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value that is a number for figures and a TIMEX3 string for dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(#[serde(serialize_with = "whole_as_integer")] f64),
    Text(String),
}

/// Writes whole numbers as JSON integers (`3000`, not `3000.0`).
fn whole_as_integer<S: serde::Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
    match as_whole(*n) {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(*n),
    }
}

/// The integer JSON writes for a whole number (`3000`, not `3000.0`); `None` for other
/// numbers and for whole ones too large to be exact.
pub(crate) fn as_whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9e15).then_some(n as i64)
}

fn opt_whole_as_integer<S: serde::Serializer>(n: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match n {
        Some(n) => whole_as_integer(n, s),
        None => s.serialize_none(),
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{}", format_number(*n)),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// Formats a number without a trailing `.0` for whole values, so CSV cells read
/// `1000`, not `1000.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The TIMEX3 type of a DATE mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// The name TIMEX3 (and the output) spells it with: `DATE`, `TIME`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// The TIMEX3 `mod` of a DATE mention: how the expression qualifies its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    Approx,
    Start,
    Mid,
    End,
    MoreThan,
    LessThan,
    EqualOrMore,
    EqualOrLess,
    Before,
    After,
}

impl TimexMod {
    /// The name TIMEX3 (and the output) spells it with: `APPROX`, `MORE_THAN`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Approx => "APPROX",
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
        }
    }
}

/// One mention of a person, place, organisation, date or figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// Index into the record's `entities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// TIMEX3 type of a DATE mention: DATE, TIME, DURATION or SET.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timex: Option<TimexType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "opt_whole_as_integer"
    )]
    pub min: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "opt_whole_as_integer"
    )]
    pub max: Option<f64>,
    /// How exact a FIGURE is: `exact`, `approx`, `range`, `more_than`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// TIMEX3 mod of a DATE mention: `APPROX`, `START`, `MID`, `END`, ...
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub mod_: Option<TimexMod>,
    /// The dictionary or rule that produced the mention.
    pub how: String,
}

/// One distinct person, place or organisation of a document, with every form that
/// names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub canonical: String,
    pub forms: Vec<String>,
    pub count: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ids: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Country (ISO 3166 alpha-2) given by a nationality adjective or the dictionary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Entity {
    /// An entity of `kind` called `canonical`, with no forms, mentions or attributes yet.
    pub fn new(kind: EntityType, canonical: impl Into<String>) -> Entity {
        Entity {
            kind,
            canonical: canonical.into(),
            forms: Vec::new(),
            count: 0,
            roles: Vec::new(),
            ids: BTreeMap::new(),
            lat: None,
            lon: None,
            country: None,
        }
    }
}

/// A direct quotation and who said it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Index into the record's `entities`, when the speaker is one of them.
    #[serde(default)]
    pub speaker: Option<usize>,
    /// The speaker as the text names it, when it is not an entity ("the opposition").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
    pub how: String,
}

/// Why a document could not be extracted (or was only partly).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocError {
    pub kind: ErrorKind,
    pub message: String,
}

/// The kind of a [`DocError`]: a fixed list, written in snake case (`too_large`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file or stream could not be read.
    Io,
    /// A JSONL line is not JSON, or has neither `text` nor `html`.
    Jsonl,
    /// A JSONL line is not UTF-8: repairing it would change the text that offsets
    /// point into, so it is not extracted.
    InvalidUtf8,
    /// A WARC record is broken.
    Warc,
    /// A document is larger than `--max-doc-bytes`.
    TooLarge,
    /// A document was cut at `--max-doc-bytes` (`--truncate`) and extracted in part.
    Truncated,
    /// A file is binary data, not text or HTML.
    Binary,
    /// A file has no content.
    Empty,
    /// The extraction of a document panicked.
    Internal,
    /// A compressed payload (content encoding) ends before its stream does: what was
    /// decoded before the cut is extracted, and the record says it is partial.
    TruncatedEncoding,
    /// A payload's content encoding is one the reader cannot undo.
    UnsupportedEncoding,
    /// A payload's content encoding is corrupt, or its bytes are still compressed or
    /// binary after the encoding was undone: nothing of it is extracted.
    CorruptEncoding,
}

impl ErrorKind {
    /// The name the output uses for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Jsonl => "jsonl",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::Warc => "warc",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Truncated => "truncated",
            ErrorKind::Binary => "binary",
            ErrorKind::Empty => "empty",
            ErrorKind::Internal => "internal",
            ErrorKind::TruncatedEncoding => "truncated_encoding",
            ErrorKind::UnsupportedEncoding => "unsupported_encoding",
            ErrorKind::CorruptEncoding => "corrupt_encoding",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a metadata field came from (`--explain`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provenance {
    pub field: String,
    pub from: String,
}

/// One block of the article text (`--blocks`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BlockOut {
    pub kind: String,
    pub start: usize,
    pub end: usize,
}

/// Everything extracted from one document: one line of `--format jsonl`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record {
    pub id: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The kind of an HTML page: `article`, `listing`, `forum`, `product`,
    /// `documentation` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_type: Option<String>,
    /// When a web archive captured the page: the `WARC-Date` (or ARC date), ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_date: Option<String>,
    /// The HTTP status of an archived response (`200`, `404`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// The `WARC-Record-ID` of the record the document came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_record_id: Option<String>,
    /// The media type of an archived payload (`text/html`), lower case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default)]
    pub mentions: Vec<Mention>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub errors: Vec<DocError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Vec<BlockOut>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Vec<Provenance>>,
}

impl Record {
    /// A record for a document that could not be extracted.
    /// Copies a web archive record's capture facts into their fields.
    pub(crate) fn set_capture(&mut self, c: &crate::input::Capture) {
        self.warc_date = c.date.clone();
        self.http_status = c.http_status;
        self.warc_record_id = c.record_id.clone();
        self.content_type = c.content_type.clone();
    }

    pub fn failed(id: String, source: String, kind: ErrorKind, message: String) -> Record {
        Record {
            id,
            source,
            errors: vec![DocError { kind, message }],
            ..Record::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name the CSV and stderr print is the name serde writes in the JSON.
    #[test]
    fn error_kind_names_are_serde_names() {
        for kind in [
            ErrorKind::Io,
            ErrorKind::Jsonl,
            ErrorKind::InvalidUtf8,
            ErrorKind::Warc,
            ErrorKind::TooLarge,
            ErrorKind::Truncated,
            ErrorKind::Binary,
            ErrorKind::Empty,
            ErrorKind::Internal,
        ] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{kind}\""));
            assert_eq!(serde_json::from_str::<ErrorKind>(&json).unwrap(), kind);
        }
    }
}
