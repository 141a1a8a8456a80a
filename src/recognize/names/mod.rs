//! People, places and organisations: dictionary matches and capitalised sequences,
//! typed by the dictionaries and by context.
//!
//! The unit of work is a *chunk*: a run of capitalised words (with name particles such
//! as `al-`, `de`, `van`, `bin`, initials and `Jr.` inside). A chunk the dictionaries
//! know whole takes their type; otherwise the dictionaries split it ("Russian Vladimir
//! Putin" -> demonym + name) and context types what is left: organisation heads
//! ("Ministry", "Party", "Inc."), given names, honorifics and roles before the name,
//! speech verbs after it, locative prepositions before it, and the types of the other
//! chunks of the same document. This module proposes candidates only; `resolve` picks
//! between overlapping ones and builds entities.

use super::tokens;
use super::{Candidate, Detail};
use crate::gazetteer::Gazetteer;
use crate::record::EntityType;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::cell::{Cell, OnceCell, RefCell};

mod chunks;
mod classify;
mod lists;
mod roles;
mod words;

use chunks::chunks;
pub(crate) use lists::PLACE_HEADS;
use lists::SPORTS;
use words::Tok;

/// Compiled name patterns.
pub struct NameRecognizer {
    /// One letter or digit (`\p{L}` or `\p{N}`), for the non-ASCII characters the
    /// tokenizer meets.
    word_char: Regex,
    /// "'s defense ministry" at the start of the text: a country's government body
    /// named in lower case after its possessive ([`NameRecognizer::body_at`]).
    body: Regex,
    /// "air base" after a place name: the facility, not the place.
    facility: Regex,
    /// [`SPORTS`], ASCII case-insensitively, for [`is_sports`].
    sports: AhoCorasick,
}

/// A government body after a country's possessive ("'s defense ministry", "’s army"),
/// for `NameRecognizer::body`.
const BODY: &str = r"['’]s (?:(?:defen[cs]e|foreign|interior|finance|justice|health|economy|trade|energy|education|agriculture|information|emergencies|emergency situations) )?(?:ministry|army|navy|air force|military|armed forces|parliament|government|central bank|embassy|foreign office|security service|intelligence service)(?-u:\b)";

impl NameRecognizer {
    pub fn new() -> Self {
        NameRecognizer {
            word_char: Regex::new(r"^[\p{L}\p{N}]$").unwrap(),
            body: Regex::new(&format!("^{BODY}")).unwrap(),
            sports: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(SPORTS)
                .unwrap(),
            facility: Regex::new(r"^ (?:air base|airbase|naval base|military base|air field|airfield|army base|refugee camp)(?-u:\b)").unwrap(),
        }
    }

    /// Appends the name candidates of `text` to `out`.
    pub fn find(&self, text: &str, gaz: &Gazetteer, out: &mut Vec<Candidate>) {
        tokens::with_tokens(text, tokens::no_words(), |shared| {
            self.find_tokens(text, shared, gaz, out)
        });
    }

    /// [`NameRecognizer::find`] on the shared tokens of `text` (`super::tokens`).
    pub(crate) fn find_tokens(
        &self,
        text: &str,
        shared: &[tokens::Tok],
        gaz: &Gazetteer,
        out: &mut Vec<Candidate>,
    ) {
        let toks = self.tokens(text, shared, gaz);
        if toks.is_empty() {
            return;
        }
        let ctx = Ctx {
            text,
            toks: &toks,
            gaz,
            caps_line: Cell::new((0, 0, false)),
            caps_lines: RefCell::new(Vec::new()),
            sports: OnceCell::new(),
            sports_words: &self.sports,
            classes: vec![Cell::new(0); toks.len()],
            lower: RefCell::new(String::new()),
        };
        let chunks = chunks(text, &toks, gaz);
        let dict = Dict::look_up(text, &toks, &chunks, gaz);
        let mut spans = Vec::new();
        let mut unknown = Vec::new();
        for (a, b) in chunks {
            ctx.segment(a, b, &dict, &mut spans, &mut unknown);
        }
        let rest = ctx.type_by_context(unknown, &mut spans);
        ctx.type_by_document(rest, &mut spans);
        self.bodies(text, gaz, &spans, &toks, out);
        for sp in spans {
            out.push(self.candidate(&ctx, sp));
        }
    }

    /// The candidate of a typed piece, with the facility named after a place ("Hemeimeem
    /// air base": the facility's name takes its lower-case head) and a person's role.
    fn candidate(&self, ctx: &Ctx, sp: Span) -> Candidate {
        let (text, toks) = (ctx.text, ctx.toks);
        let mut end = toks[sp.b - 1].end;
        let mut kind = sp.kind;
        if matches!(kind, EntityType::Place | EntityType::Org) && may_be_facility(&text[end..]) {
            if let Some(m) = self.facility.find(&text[end..]) {
                end += m.end();
                kind = EntityType::Place;
            }
        }
        let mut c = Candidate::new(toks[sp.a].start, end, kind, sp.how);
        c.canonical = sp.canonical;
        c.detail = sp.detail;
        c.priority = sp.priority;
        c.role = sp.role.or_else(|| {
            (sp.kind == EntityType::Person)
                .then(|| ctx.role_before(sp.a).or_else(|| ctx.role_after(sp.b)))
                .flatten()
        });
        c
    }
}

/// The dictionary matches at the words of a document's chunks.
struct Dict<'g> {
    /// `(end byte, entries)` of each match, the matches of a word together.
    matches: Vec<(usize, &'g [u32])>,
    /// Per token, the range of its matches in `matches` (empty for the words not
    /// looked up).
    at: Vec<(u32, u32)>,
}

impl<'g> Dict<'g> {
    /// Looks up the names starting at each word of `chunks`. Only the words of chunks
    /// are looked up (`segment` asks for nothing else), so the text between chunks is
    /// never scanned for names.
    fn look_up(text: &str, toks: &[Tok], chunks: &[(usize, usize)], gaz: &'g Gazetteer) -> Self {
        let mut dict = Dict {
            matches: Vec::new(),
            at: vec![(0, 0); toks.len()],
        };
        let mut found = Vec::new();
        for &(a, b) in chunks {
            for (k, t) in toks.iter().enumerate().take(b).skip(a) {
                found.clear();
                gaz.names_at(text, t.start, &mut found);
                let from = dict.matches.len() as u32;
                dict.matches
                    .extend(found.iter().map(|m| (m.end, m.entries)));
                dict.at[k] = (from, dict.matches.len() as u32);
            }
        }
        dict
    }

    /// The matches starting at token `i`'s word, in `names_at`'s order.
    fn at(&self, i: usize) -> &[(usize, &[u32])] {
        let (from, to) = self.at[i];
        &self.matches[from as usize..to as usize]
    }
}

/// A typed piece of a chunk, in token indices.
struct Span {
    a: usize,
    b: usize,
    kind: EntityType,
    how: String,
    canonical: Option<String>,
    detail: Detail,
    priority: u8,
    role: Option<String>,
}

impl Span {
    /// `how`: a rule's name, or a `dict:` how made for the span (taken as it is).
    fn new(a: usize, b: usize, kind: EntityType, how: impl Into<String>) -> Span {
        Span {
            a,
            b,
            kind,
            how: how.into(),
            canonical: None,
            detail: Detail::None,
            priority: 1,
            role: None,
        }
    }
}

/// Per-document context the rules consult.
struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok<'a>],
    gaz: &'a Gazetteer,
    /// The line [`Ctx::caps`] last looked at: its byte range and whether it is written
    /// in capitals (the rules ask of the tokens mostly in order, line by line).
    caps_line: Cell<(usize, usize, bool)>,
    /// Every line [`Ctx::caps`] has looked at, the same way, by position: the rules go
    /// over the chunks several times (segmenting, typing, the second pass, roles), and
    /// each line is scanned once rather than on every return to it.
    caps_lines: RefCell<Vec<(usize, usize, bool)>>,
    /// Whether this is a sports report, where places often name clubs (asked only of
    /// documents with places: see [`Ctx::is_sports`]).
    sports: OnceCell<bool>,
    sports_words: &'a AhoCorasick,
    /// Per token, the [`WordClass`] of its word (low half) and of its word lower-cased
    /// (high half), each looked up when [`Ctx::ask`] first needs it (`KNOWN` marks a
    /// looked-up half).
    classes: Vec<Cell<u32>>,
    /// [`Ctx::look_up_class`]'s buffer for an ASCII word lower-cased.
    lower: RefCell<String>,
}

/// The lexicon questions the rules ask about a single word ([`Ctx::ask`]): the rules
/// ask the same few questions about the same words many times over, and one look-up
/// of the word's [`WordClass`] answers them all.
#[derive(Clone, Copy)]
enum Ask {
    /// On the stop list as an ordinary word: its verdict (canonical cell) is `word`
    /// ("He", "Monday", "Reading"), not `ambiguous` (a name of several types:
    /// "Jordan") or `metonym` (a place standing for a government: "Kremlin").
    Word,
    /// On the stop list at all.
    Stop,
    Given,
    Surname,
    OrgHead,
    Honorific,
    Role,
    /// A role when lower-cased.
    RoleFolded,
    Demonym,
    /// An ordinary word when lower-cased.
    CommonFolded,
    /// Whether a title can start with this word ([`Gazetteer::may_be_title`]).
    TitleStart,
}

impl Default for NameRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether `rest` may start with what `NameRecognizer::facility` finds: every
/// facility noun it knows follows a space and starts with one of these words ("air"
/// also starts "airbase" and "airfield"). A pre-check: most names are followed by
/// something else, which the second byte turns away, and many words start with "a",
/// "m", "n" or "r".
fn may_be_facility(rest: &str) -> bool {
    matches!(rest.as_bytes(), [b' ', b'a' | b'n' | b'm' | b'r', ..])
        && [" air", " naval ", " military ", " army ", " refugee "]
            .iter()
            .any(|w| rest.starts_with(w))
}

/// The tokens of `text` word by word: every word of `next_word` through
/// `word_tok`, the reference for the fast path of `tokens`.
/// `NameRecognizer::tokens` of `text` on its shared tokens.
#[cfg(test)]
fn tokens_of<'t>(r: &NameRecognizer, text: &'t str, gaz: &Gazetteer) -> Vec<Tok<'t>> {
    tokens::with_tokens(text, tokens::no_words(), |shared| {
        r.tokens(text, shared, gaz)
    })
}
/// The bundled dictionaries, loaded once for the tests that need the common
/// words (the hyphened modifiers of `word_tok`: "New York-based").
#[cfg(test)]
fn common_words() -> &'static Gazetteer {
    static GAZ: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    GAZ.get_or_init(Gazetteer::bundled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn facility_pre_check_loses_nothing(
            rest in "( ?(air|airbase|naval|military|army|refugee|a|n|m|r)[ a-z]{0,6}){1,2}|.{0,10}"
        ) {
            let r = NameRecognizer::new();
            prop_assert!(may_be_facility(&rest) || r.facility.find(&rest).is_none());
        }
    }
}
