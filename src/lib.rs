//! newsfacts: people, places, organisations, dates and figures from news articles,
//! with gazetteers and patterns, explainably.
//!
//! The one path every caller uses: build an [`Extractor`] once from an
//! [`ExtractorConfig`], then call [`Extractor::extract`] per [`input::Document`]. The
//! CLI, `check`, `eval`, benches and tests all go through it.
//!
//! Data flows one way: input -> article -> recognise -> resolve -> output.

#![forbid(unsafe_code)]

// The public API: the extractor (below), its inputs, the records it makes and their
// writers, the batch pipeline, `check` and `eval`. The stages are crate-private.
mod article;
pub mod check;
pub mod eval;
mod gazetteer;
pub mod input;
mod limits;
pub mod output;
pub mod pipeline;
mod recognize;
pub mod record;
mod resolve;
mod text;

/// The stages one at a time, for the per-stage benchmarks (`benches/pipeline.rs`,
/// `examples/stages.rs`), the fuzz targets and the tests that drive one stage. Hidden
/// from the documentation and not part of the API: it changes whenever the stages do.
#[doc(hidden)]
pub mod stages {
    pub use crate::article::{extract as extract_article, Article, Block, BlockKind, PageType};
    pub use crate::gazetteer::Gazetteer;
    pub use crate::recognize::dates::DateRecognizer;
    pub use crate::recognize::figures::FigureRecognizer;
    pub use crate::recognize::names::NameRecognizer;
    pub use crate::recognize::quotes::find as find_quotes;
    pub use crate::recognize::{Candidate, Detail};
    pub use crate::resolve::{resolve, Resolved};
}

use chrono::NaiveDate;
use gazetteer::Gazetteer;
pub use input::{Document, Kind};
use recognize::{dates::DateRecognizer, figures::FigureRecognizer, names::NameRecognizer, Detail};
pub use record::Record;
use record::{BlockOut, DocError, EntityType, Mention, Provenance, Quote, Value};
use std::path::PathBuf;

/// Span conventions, where annotation guidelines differ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Convention {
    /// Names without a leading article ("White House", "Supreme Court"), as CoNLL-2003
    /// annotates them and as spreadsheets want them. The default.
    #[default]
    Plain,
    /// OntoNotes 5.0: a multi-word organisation, facility or location takes the "the"
    /// before it ("the Supreme Court", "the Gaza Strip"); cities and one-word names
    /// do not ("the U.N." -> "U.N.").
    Ontonotes,
}

/// What the extractor needs to know; everything here is fixed for a run.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ExtractorConfig {
    /// Load the bundled dictionaries.
    pub default_dicts: bool,
    /// User dictionaries, loaded after (and overriding) the bundled ones.
    pub dicts: Vec<PathBuf>,
    /// Types to keep in the output.
    pub types: Vec<EntityType>,
    /// Reference date for documents that give none.
    pub reference_date: Option<NaiveDate>,
    /// Put the article text in each record.
    pub include_text: bool,
    /// Put the article blocks in each record.
    pub blocks: bool,
    /// Say where each metadata field came from.
    pub explain: bool,
    /// Span convention for names.
    pub convention: Convention,
}

impl Default for ExtractorConfig {
    fn default() -> Self {
        ExtractorConfig {
            default_dicts: true,
            dicts: Vec::new(),
            types: vec![
                EntityType::Person,
                EntityType::Place,
                EntityType::Org,
                EntityType::Date,
                EntityType::Figure,
            ],
            reference_date: None,
            include_text: false,
            blocks: false,
            explain: false,
            convention: Convention::Plain,
        }
    }
}

/// The compiled dictionaries and patterns. Immutable, `Send + Sync`: build once, share
/// between threads.
pub struct Extractor {
    config: ExtractorConfig,
    gazetteer: Gazetteer,
    names: NameRecognizer,
    dates: DateRecognizer,
    figures: FigureRecognizer,
    /// The words of both the date and the figure recogniser: they read one token
    /// stream (`recognize::tokens`).
    vocab: recognize::tokens::Vocab,
}

/// The text a record's offsets point into, with the record's metadata.
pub(crate) struct Prepared {
    pub text: String,
    pub record: Record,
    pub reference: Option<NaiveDate>,
    pub blocks: Vec<article::Block>,
}

impl Extractor {
    /// Loads the dictionaries and compiles every matcher. Fails on a broken dictionary.
    pub fn new(config: ExtractorConfig) -> Result<Extractor, gazetteer::DictError> {
        let gazetteer = Gazetteer::load(config.default_dicts, &config.dicts)?;
        let dates = DateRecognizer::new();
        let mut words = recognize::tokens::VocabBuilder::default();
        dates.add_words(&mut words);
        FigureRecognizer::add_words(&mut words);
        Ok(Extractor {
            config,
            gazetteer,
            names: NameRecognizer::new(),
            dates,
            figures: FigureRecognizer::new(),
            vocab: words.build(),
        })
    }

    pub fn config(&self) -> &ExtractorConfig {
        &self.config
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Decodes the document and extracts its article text and metadata.
    pub(crate) fn prepare(&self, doc: &Document) -> Prepared {
        self.prepare_body(doc, None)
    }

    /// [`Extractor::prepare`], with the body taken out of the document (`doc.body` is
    /// not read) when `body` is given: a text document's bytes then become its text
    /// without a copy.
    fn prepare_body(&self, doc: &Document, body: Option<Vec<u8>>) -> Prepared {
        let mut record = Record {
            id: doc.id.clone(),
            source: doc.source.clone(),
            url: doc.url.clone(),
            ..Record::default()
        };
        if let Some(c) = &doc.capture {
            record.set_capture(c);
        }
        // A document cut at --max-doc-bytes (--truncate) is extracted, and its record
        // says that it was only partly: an error of kind `truncated` beside the mentions.
        if let Some(note) = &doc.truncated {
            record.errors.push(DocError {
                kind: record::ErrorKind::Truncated,
                message: note.clone(),
            });
        }
        // A payload whose encoding broke part way: the text before the break is
        // extracted, and the record says it is partial.
        if let Some(e) = &doc.partial {
            record.errors.push(e.clone());
        }
        let mut blocks = Vec::new();
        let text = match doc.kind {
            // Already text (the readers decode text files): used unchanged, so that
            // offsets point into exactly the string the caller gave (a leading U+FEFF
            // in a JSONL "text" is content, not a byte-order mark).
            // Valid UTF-8 (nearly every document) is checked by the fast `from_utf8`;
            // only a broken one pays for the slower replacing decoder.
            Kind::Text => match body {
                Some(body) => String::from_utf8(body)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
                None => match std::str::from_utf8(&doc.body) {
                    Ok(s) => s.to_owned(),
                    Err(_) => String::from_utf8_lossy(&doc.body).into_owned(),
                },
            },
            Kind::Html => {
                let body = body.as_deref().unwrap_or(&doc.body);
                // Absurdly deep pages would make the HTML parser quadratic: flatten them
                // first (a no-op, without a copy, for every real page).
                let capped = limits::cap_nesting(body, limits::MAX_HTML_DEPTH);
                let body = capped.as_deref().unwrap_or(body);
                // A crawl date (not a stated publication date) bounds the page's dates.
                let captured = doc
                    .date
                    .as_deref()
                    .filter(|_| !doc.date_is_published)
                    .and_then(iso_date);
                let art = article::extract_captured(
                    body,
                    doc.charset.as_deref(),
                    doc.url.as_deref(),
                    captured.map(|d| d.to_string()).as_deref(),
                );
                let m = art.meta;
                record.title = m.title;
                record.published = m.published;
                record.modified = m.modified;
                record.byline = m.byline;
                record.authors = m.authors;
                record.site_name = m.site_name;
                record.canonical_url = m.canonical_url;
                record.language = m.language;
                record.page_type = Some(art.page_type.as_str().to_string());
                if self.config.explain {
                    record.explain = Some(
                        m.provenance
                            .into_iter()
                            .map(|(field, from)| Provenance { field, from })
                            .collect(),
                    );
                }
                blocks = art.blocks;
                art.text
            }
        };
        if record.published.is_none() && doc.date_is_published {
            record.published = doc
                .date
                .as_deref()
                .and_then(iso_date)
                .map(|d| d.to_string());
        }
        let reference = record
            .published
            .as_deref()
            .and_then(iso_date)
            .or(self.config.reference_date)
            .or_else(|| doc.date.as_deref().and_then(iso_date));
        Prepared {
            text,
            record,
            reference,
            blocks,
        }
    }

    /// Runs every recogniser and the resolution over `text`.
    pub fn analyse(&self, text: &str, reference: Option<NaiveDate>) -> resolve::Resolved {
        let mut cands = Vec::new();
        recognize::tokens::with_tokens(text, &self.vocab, |toks| {
            self.names
                .find_tokens(text, toks, &self.gazetteer, &mut cands);
            self.dates.find_tokens(text, toks, reference, &mut cands);
            self.figures.find_tokens(text, toks, &mut cands);
        });
        let mut resolved = resolve::resolve(text, cands, &self.gazetteer);
        if self.config.convention == Convention::Ontonotes {
            ontonotes_spans(text, &mut resolved.mentions);
            ontonotes_departments(text, &mut resolved.mentions);
        }
        resolved
    }

    /// Extracts one document into its output record.
    pub fn extract(&self, doc: &Document) -> Record {
        let p = self.prepare(doc);
        self.finish(p)
    }

    /// [`Extractor::extract`] of a document whose body has been taken out of it (the
    /// pipeline's way: it keeps the rest of the document to name it if extraction
    /// panics, and the body's bytes become the text without a copy).
    pub(crate) fn extract_body(&self, doc: &Document, body: Vec<u8>) -> Record {
        let p = self.prepare_body(doc, Some(body));
        self.finish(p)
    }

    /// Recognises and resolves a prepared document and builds its record.
    pub(crate) fn finish(&self, p: Prepared) -> Record {
        let Prepared {
            text,
            mut record,
            reference,
            blocks,
        } = p;
        let mut resolved = self.analyse(&text, reference);
        let quotes = recognize::quotes::find(&text, &mut resolved);
        let map = text::OffsetMap::new(&text);
        let keep = |t: EntityType| self.config.types.contains(&t);
        // Entities of dropped types are dropped; indices are renumbered.
        let resolve::Resolved {
            mentions,
            mut entities,
        } = resolved;
        let mut kept = 0;
        let new_index: Vec<Option<usize>> = entities
            .iter()
            .map(|e| {
                keep(e.kind).then(|| {
                    kept += 1;
                    kept - 1
                })
            })
            .collect();
        entities.retain(|e| keep(e.kind));
        // The entities move into the record whole (`prepare` makes none).
        debug_assert!(record.entities.is_empty());
        record.entities = entities;
        record.mentions.reserve(mentions.len());
        // The resolved mentions are consumed: their strings move into the record.
        for m in mentions {
            if !keep(m.kind) {
                continue;
            }
            let mut out = Mention {
                start: map.to_cp(m.start),
                end: map.to_cp(m.end),
                text: text[m.start..m.end].to_string(),
                kind: m.kind,
                canonical: m.canonical,
                entity: m.entity.and_then(|i| new_index[i]),
                timex: None,
                value: None,
                min: None,
                max: None,
                qualifier: None,
                unit: None,
                subject: m.subject,
                mod_: None,
                how: m.how,
            };
            match m.detail {
                Detail::Date(d) => {
                    out.timex = Some(d.timex);
                    out.value = Some(Value::Text(d.value));
                    out.mod_ = d.mod_;
                }
                Detail::Figure(f) => {
                    out.value = f.value.map(Value::Number);
                    out.min = f.min;
                    out.max = f.max;
                    out.qualifier = Some(f.qualifier);
                    out.unit = f.unit;
                }
                _ => {}
            }
            record.mentions.push(out);
        }
        record.quotes.extend(quotes.into_iter().map(|q| Quote {
            start: map.to_cp(q.start),
            end: map.to_cp(q.end),
            text: text[q.start..q.end].to_string(),
            speaker: q.speaker.and_then(|i| new_index.get(i).copied().flatten()),
            speaker_text: q.speaker_text,
            how: q.how,
        }));
        if self.config.blocks {
            record.blocks = Some(
                blocks
                    .iter()
                    .map(|b| BlockOut {
                        kind: b.kind.as_str().to_string(),
                        start: map.to_cp(b.start),
                        end: map.to_cp(b.end),
                    })
                    .collect(),
            );
        }
        if self.config.include_text {
            record.text = Some(text);
        }
        record
    }
}

/// The OntoNotes conventions: a name ending a sentence with an abbreviation leaves
/// the full stop out; a name of several words takes its possessive "'s"; a multi-word organisation or non-settlement place takes
/// the "the" written before it; bare references to the present, past or future
/// ("now", "recently", TIMEX3 `*_REF`) are not dates, but "recent years" is.
fn ontonotes_spans(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    // Bare references ("now", "recently") are not dates there; a reference built on a
    // calendar unit ("recent years", "these days") is.
    let calendar = |s: &str| {
        s.split(|c: char| !c.is_alphabetic()).any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "days" | "weeks" | "months" | "years" | "decades" | "centuries"
            )
        })
    };
    mentions.retain(|m| {
        !matches!(&m.detail, Detail::Date(d)
            if d.value.ends_with("_REF") && !calendar(&text[m.start..m.end]))
    });
    // A day and its part are two annotations there (DATE "Monday", TIME "morning").
    let mut parts = Vec::new();
    for m in mentions.iter_mut() {
        if m.kind != EntityType::Date {
            continue;
        }
        let t = &text[m.start..m.end];
        let Some((day, part)) = t.split_once(' ') else {
            continue;
        };
        let day_like = matches!(
            day.to_ascii_lowercase().as_str(),
            "yesterday"
                | "today"
                | "tomorrow"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        );
        if day_like && matches!(part, "morning" | "afternoon" | "evening" | "night") {
            let mut second = m.clone();
            second.start = m.start + day.len() + 1;
            m.end = m.start + day.len();
            parts.push(second);
        }
    }
    if !parts.is_empty() {
        mentions.extend(parts);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
    for m in mentions.iter_mut() {
        // Its tokenisation splits a sentence's full stop from an abbreviation that
        // ends the sentence ("... Inc." -> "Inc" + "."): the name stops before it.
        let line_end = text[m.end..].is_empty() || text[m.end..].starts_with('\n');
        let is_name = matches!(
            m.kind,
            EntityType::Person | EntityType::Place | EntityType::Org
        );
        if is_name && line_end && text[m.start..m.end].ends_with('.') && m.end - m.start > 1 {
            m.end -= 1;
        }
        let name = &text[m.start..m.end];
        let multiword = name.contains(' ');
        // A name of several words takes its possessive ("Sony Corp.'s", "Hong
        // Kong's"), as does a hyphened one, which is several tokens there
        // ("Coca-Cola's"); a one-word name does not ("Sony's" -> "Sony").
        if multiword || name.contains('-') {
            let rest = &text[m.end..];
            if let Some(s) = ["'s", "’s"].iter().find(|s| rest.starts_with(**s)) {
                if crate::text::is_word_end(text, m.end + s.len()) {
                    m.end += s.len();
                }
            }
        }
        // Places: facilities and locations ("the Gaza Strip", "the Oval Office") and
        // multi-word countries ("the United States"), not cities or states.
        let last = name.rsplit(' ').next().unwrap_or("");
        let place_like = m.how.ends_with(":countries")
            || m.how == "rule:place-head"
            || recognize::names::PLACE_HEADS.contains(&last)
            || matches!(
                last,
                "Strip"
                    | "Bank"
                    | "Office"
                    | "House"
                    | "Union"
                    | "Republic"
                    | "Territory"
                    | "Territories"
            );
        let wants =
            multiword && (m.kind == EntityType::Org || (m.kind == EntityType::Place && place_like));
        // A name that modifies a noun ("the Dow Jones industrials", "the American
        // Express card") leaves the article to that noun.
        let spanned = &text[m.start..m.end];
        let possessive = spanned.ends_with("'s") || spanned.ends_with("’s");
        let modifier = !possessive && before_noun(&text[m.end..]);
        if wants && !modifier && m.start >= 4 {
            let before = &text[..m.start];
            if (before.ends_with("the ") || before.ends_with("The "))
                && crate::text::is_word_start(text, m.start - 4)
            {
                m.start -= 4;
            }
        }
    }
}

/// Whether the word after a name (in `rest`) is a lower-case common noun the name
/// modifies rather than a verb or a function word: OntoNotes then leaves "the" out of
/// the name. Regular verb forms (-ed, -s, -ing), adverbs (-ly) and the frequent
/// irregular past forms count as verbs.
fn before_noun(rest: &str) -> bool {
    let Some(word) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = word
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .next()
        .unwrap_or("");
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    // Function words, auxiliaries, adverbs and irregular past forms.
    const NOT_NOUNS: &str =
        "a after again alone along already also an and are as at be because been before \
        began being bought brought but by came can could did do does even felt for found \
        from gave got had has have heard held her here his in instead into is it its \
        itself just kept knew last led left lost made may meant might must near never \
        not now of on only or our over paid put ran said saw seem sent set shall should \
        since so sold still than that the their then there these this those thought to \
        today told tomorrow too took taken under up upon was were when where which while \
        who whose will with won would yesterday";
    let verb_like = ["ed", "ly", "s", "ing"].iter().any(|e| word.ends_with(e));
    !verb_like && !NOT_NOUNS.split_whitespace().any(|w| w == word)
}

/// Words that name a government department or ministry when they head a role.
const DEPARTMENT_WORDS: &[&str] = &[
    "Affairs",
    "Agriculture",
    "Army",
    "Commerce",
    "Communications",
    "Culture",
    "Defence",
    "Defense",
    "Development",
    "Economy",
    "Education",
    "Employment",
    "Energy",
    "Environment",
    "Finance",
    "Foreign",
    "Health",
    "Home",
    "Homeland",
    "Housing",
    "Human",
    "Immigration",
    "Industry",
    "Information",
    "Interior",
    "Justice",
    "Labor",
    "Labour",
    "Navy",
    "Security",
    "Services",
    "State",
    "Trade",
    "Transport",
    "Transportation",
    "Treasury",
    "Urban",
    "Veterans",
    "War",
    "Welfare",
];

/// Words of a role a department heads ("Treasury Secretary", "Secretary of State").
const DEPARTMENT_ROLES: &[&str] = &[
    "Minister",
    "Ministers",
    "Secretary",
    "Secretaries",
    "Undersecretary",
];

/// The OntoNotes convention marks the department inside a role as an organisation:
/// "Defense" in "Defense Secretary", "State" in "Secretary of State", "Foreign" in
/// "Foreign Minister". Plain output leaves the role alone: the department is not
/// an organisation a reader looks for there.
fn ontonotes_departments(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for w in text.split(char::is_whitespace) {
        if !w.is_empty() {
            words.push((at, w));
        }
        at += w.len()
            + text[at + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    fn bare(w: &str) -> &str {
        w.trim_end_matches(|c: char| !c.is_alphanumeric())
    }
    let dept = |w: &str| DEPARTMENT_WORDS.contains(&bare(w).trim_end_matches("'s"));
    let mut found = Vec::new();
    for (i, &(_, w)) in words.iter().enumerate() {
        if !DEPARTMENT_ROLES.contains(&w) {
            continue;
        }
        // Before the role: "Treasury Secretary", "Health and Human Services Secretary".
        let mut first = i;
        while first > 0
            && (dept(words[first - 1].1) && words[first - 1].1 == bare(words[first - 1].1)
                || first >= 2 && words[first - 1].1 == "and" && dept(words[first - 2].1))
        {
            first -= 1;
        }
        if first < i {
            let (start, _) = words[first];
            let (s, w) = words[i - 1];
            found.push((start, s + w.len()));
        }
        // After it: "Secretary of State", "Minister of Foreign Affairs"; a "Minister
        // of State" holds a rank, not a department.
        let rank =
            w.starts_with("Minister") && words.get(i + 2).is_some_and(|n| bare(n.1) == "State");
        if rank || words.get(i + 1).map(|w| w.1) != Some("of") {
            continue;
        }
        let mut last = i + 1;
        while let Some(&(_, w)) = words.get(last + 1) {
            let joined = w == "and" && words.get(last + 2).is_some_and(|n| dept(n.1));
            if !(dept(w) || joined) {
                break;
            }
            last += 1;
            if bare(w) != w {
                break;
            }
        }
        if last > i + 1 {
            let (start, _) = words[i + 2];
            let (s, w) = words[last];
            let w = bare(w);
            let w = w.strip_suffix("'s").unwrap_or(w);
            found.push((start, s + w.len()));
        }
    }
    found.retain(|&(s, e)| !mentions.iter().any(|m| m.start < e && s < m.end));
    if found.is_empty() {
        return;
    }
    mentions.extend(
        found
            .into_iter()
            .map(|(start, end)| resolve::ResolvedMention {
                start,
                end,
                kind: EntityType::Org,
                how: "convention:department".to_string(),
                canonical: None,
                entity: None,
                detail: Detail::None,
                subject: None,
            }),
    );
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// Decodes a text file's bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, invalid bytes replaced.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return s.into_owned();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Parses the date part of an ISO date or date-time (`2016-03-16`, `2016-03-16T12:00Z`).
pub fn iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}
