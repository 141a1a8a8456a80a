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
use crate::gazetteer::{Gazetteer, WordClass};
use crate::record::EntityType;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::cell::{OnceCell, RefCell};

mod chunks;
mod classify;
mod lists;
mod lone;
mod roles;
mod sports;
mod words;

use chunks::chunks;
pub(crate) use lists::PLACE_HEADS;

/// The rule that types a word a place by the locative preposition before it alone
/// (`resolve` lets same-document evidence overrule it).
pub(crate) const LOCATIVE_RULE: &str = "rule:locative";
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
    /// The credit phrases ([`credits_matcher`]).
    credits: AhoCorasick,
}

/// A government body after a country's possessive ("'s defense ministry", "’s army"),
/// for `NameRecognizer::body`.
const BODY: &str = r"['’]s (?:(?:defen[cs]e|foreign|interior|finance|justice|health|economy|trade|energy|education|agriculture|information|emergencies|emergency situations) )?(?:ministry|army|navy|air force|military|armed forces|parliament|government|central bank|embassy|foreign office|security service|intelligence service)(?-u:\b)";

impl NameRecognizer {
    pub fn new() -> Self {
        NameRecognizer {
            word_char: Regex::new(r"^[\p{L}\p{N}]$").unwrap(),
            body: Regex::new(&format!("^{BODY}")).unwrap(),
            facility: Regex::new(r"^ (?:air base|airbase|naval base|military base|air field|airfield|army base|refugee camp)(?-u:\b)").unwrap(),
            credits: credits_matcher(),
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
        let ctx = Ctx::new(text, &toks, gaz);
        let chunks = chunks(text, &toks, gaz);
        let dict = Dict::look_up(text, &toks, &chunks, gaz);
        let mut spans = Vec::new();
        let mut unknown = Vec::new();
        for (a, b) in chunks {
            ctx.segment(a, b, &dict, &mut spans, &mut unknown);
        }
        ctx.release_held(&mut spans);
        let rest = ctx.type_by_context(unknown, &mut spans);
        ctx.type_by_document(rest, &mut spans);
        self.bodies(text, gaz, &spans, &toks, out);
        drop_credited(text, &toks, &mut spans, &self.credits);
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
        if matches!(kind, EntityType::Place | EntityType::Org) {
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

/// Lines that credit the reporters or the photographer rather than tell the news:
/// "Reporting by A; Editing by B", "Photo: A, AP", and the wire services' contributor
/// lines ("Associated Press writers A and B contributed to this report", see
/// [`contributor_line`]). People named there are the page's staff, not the story's.
/// ("VOA correspondent A contributed to this report" is not among them: the seed
/// page's annotator counted that person.)
const CREDITS: &[&str] = &[
    "Reporting by ",
    "Editing by ",
    "Writing by ",
    "Photo: ",
    "Photograph: ",
    "Photo by ",
    "Photograph by ",
];

/// What ends a contributor line ([`contributor_line`]), after a space: the pattern
/// after the [`CREDITS`] in [`NameRecognizer::credits`].
const CONTRIBUTED: &str = "contributed";

/// The automaton of [`CREDITS`] and [`CONTRIBUTED`], for [`drop_credited`]'s one pass
/// over the text. No occurrence of one of these phrases can overlap another's or its
/// own (`credit_phrases_never_overlap`), so the leftmost matches are every
/// occurrence of each, as `str::match_indices` finds them one phrase at a time
/// (leftmost-first lets the crate use its prefilter).
fn credits_matcher() -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(CREDITS.iter().chain([&CONTRIBUTED]))
        .expect("the credit phrases make an automaton")
}

/// Drops the people named on credit lines ([`CREDITS`], [`contributor_line`]);
/// `credits` is [`credits_matcher`].
fn drop_credited(text: &str, toks: &[Tok], spans: &mut Vec<Span>, credits: &AhoCorasick) {
    if !spans.iter().any(|sp| sp.kind == EntityType::Person) {
        return;
    }
    // The credit lines' byte ranges, found in one pass per document.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for m in credits.find_iter(text) {
        let (i, after) = (m.start(), m.end());
        if m.pattern().as_usize() == CREDITS.len() {
            if text[..i].ends_with(' ') {
                lines.extend(contributor_line(text, i - 1));
            }
            continue;
        }
        // The names after the phrase, to the end of the line or the credit
        // ("Photo: A, AP. The ..."), at most a short way.
        let mut b = (after + 120).min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        let end = text[after..b].find(['\n', '.', '|']);
        lines.push((i, end.map_or(b, |k| after + k)));
    }
    if lines.is_empty() {
        return;
    }
    spans.retain(|sp| {
        sp.kind != EntityType::Person
            || !lines
                .iter()
                .any(|&(a, b)| toks[sp.a].start >= a && toks[sp.b - 1].end <= b)
    });
}

/// The byte range of the contributor line that ends in the " contributed" at byte
/// `i`, if it is one: on one line, the staff "writer" or "writers" of an outlet, their
/// names and nothing else (capitalised words, commas, "and", "in"), then
/// "contributed" ("Associated Press writer A in Paris contributed to this report").
fn contributor_line(text: &str, i: usize) -> Option<(usize, usize)> {
    let start = text[..i].rfind('\n').map_or(0, |k| k + 1);
    let line = &text[start..i];
    if line.len() > 300 {
        return None;
    }
    let w = line.find(" writers ").or_else(|| line.find(" writer "))?;
    let mut names = line[w..]
        .split([' ', ','])
        .skip(2)
        .filter(|w| !w.is_empty());
    names
        .all(|w| w == "and" || w == "in" || w.starts_with(|c: char| c.is_uppercase()))
        .then_some((start + w, i))
}

impl Ctx<'_> {
    /// Keeps the held-back companies whose canonical name the document also gives
    /// where capitals count ("Amazon.com Inc. said ... Amazon has").
    fn release_held(&self, spans: &mut Vec<Span>) {
        let held = std::mem::take(&mut *self.held.borrow_mut());
        for sp in held {
            let named = spans.iter().any(|o| {
                o.kind == EntityType::Org && o.canonical.is_some() && o.canonical == sp.canonical
            });
            if named {
                spans.push(sp);
            }
        }
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
    /// The lines written in capitals ([`Ctx::caps`]), found when first asked about.
    caps_lines: OnceCell<Vec<(usize, usize)>>,
    /// Whether this is a sports report, where places often name clubs (asked only of
    /// documents with places: see [`Ctx::is_sports`]).
    sports: OnceCell<bool>,
    /// What the document gives in brackets after a lower-case word
    /// ([`Ctx::spells_out_a_thing`]), found when first asked about.
    spelled_out: OnceCell<Vec<&'a str>>,
    /// Each token's word classes as written and lower-cased ([`Ctx::ask`]), looked up
    /// on the first question: the rules ask about the same token many times.
    classes: Vec<OnceCell<(WordClass, WordClass)>>,
    /// Dictionary companies that are also ordinary words, held back where capitals
    /// mean nothing ("Apple" at a sentence start): kept if the document names the
    /// same company elsewhere ([`Ctx::release_held`]).
    held: RefCell<Vec<Span>>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, toks: &'a [Tok<'a>], gaz: &'a Gazetteer) -> Self {
        Ctx {
            text,
            toks,
            gaz,
            caps_lines: OnceCell::new(),
            sports: OnceCell::new(),
            spelled_out: OnceCell::new(),
            classes: vec![OnceCell::new(); toks.len()],
            held: RefCell::new(Vec::new()),
        }
    }
}

/// The lexicon questions the rules ask about a single word ([`Ctx::ask`]), each a
/// class of the word or of the word lower-cased (`crate::gazetteer::WordClass`).
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
    use super::{CONTRIBUTED, CREDITS};

    /// No occurrence of a credit phrase can overlap another occurrence of any of them:
    /// no phrase holds another, and none ends in the start of one (itself included).
    /// `drop_credited`'s one leftmost pass relies on it to find each of them.
    #[test]
    fn credit_phrases_never_overlap() {
        let phrases: Vec<&str> = CREDITS.iter().copied().chain([CONTRIBUTED]).collect();
        for p in &phrases {
            for q in &phrases {
                assert!(p == q || !p.contains(q), "{p:?} holds {q:?}");
                for k in 1..p.len() {
                    assert!(!q.starts_with(&p[k..]), "{p:?} ends in the start of {q:?}");
                }
            }
        }
    }
}
