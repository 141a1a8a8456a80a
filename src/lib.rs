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
mod ontonotes;
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
            ontonotes::spans(text, &mut resolved.mentions);
            ontonotes::departments(text, &mut resolved.mentions);
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
