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

use super::tokens::{self, Kind};
use super::{Candidate, Detail};
use crate::gazetteer::{Gazetteer, Lex, WordClass};
use crate::record::EntityType;
use crate::text::words::alnum_end;
use crate::text::{swar, ALPHA, DIGIT, HIGH, WS};
use aho_corasick::AhoCorasick;
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, OnceCell, RefCell};

/// A word of the text with its byte span.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tok<'t> {
    s: &'t str,
    start: usize,
    end: usize,
    /// Capitalised, or a particle joined to a capitalised name ("al-Assad").
    cap: bool,
    /// The word has an inner hyphen (which a modifier cut off takes with it: "York"
    /// of "York-based"). A word without one has no hyphen at all, which spares the
    /// search for one.
    hyphen: bool,
}

impl<'t> Tok<'t> {
    /// `hyphen`: whether the word has an inner hyphen.
    fn new(s: &'t str, start: usize, end: usize, hyphen: bool) -> Self {
        let first = s.as_bytes()[0];
        let cap = if first < 0x80 {
            first.is_ascii_uppercase()
        } else {
            s.chars().next().is_some_and(char::is_uppercase)
        } || hyphen
            && s.split_once('-').is_some_and(|(p, rest)| {
                PARTICLES.contains(p) && rest.chars().next().is_some_and(|c| c.is_uppercase())
            });
        Tok {
            s,
            start,
            end,
            cap,
            hyphen,
        }
    }

    fn is_cap(&self) -> bool {
        self.cap
    }
}

/// Byte classes (`crate::text::byte_classes`): one table load per byte in the word
/// scanner's loops.
static CLASS: [u8; 256] = crate::text::byte_classes(false);

/// Inner separators of a word (`NameRecognizer::next_word`).
const INNER_DOT: u8 = 1;
const INNER_HYPHEN: u8 = 2;
const INNER_QUOTE: u8 = 4;

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

/// A constant word list with a filter in front: the lists are asked about many words
/// that are on none of them, and a scan compares with every word of a list. The filter
/// has a bit per length (up to 15 bytes; longer words share the last) and first byte
/// (its low six bits) of the words of the list; a word whose bit is clear is not on the
/// list, and only the others are compared.
struct WordList {
    words: &'static [&'static str],
    /// By length, the bits of the first bytes (`byte & 63`) of the words.
    exact: [u64; 16],
    /// The same for the first bytes with ASCII case ignored (`(byte | 0x20) & 63`),
    /// for [`WordList::contains_folded`].
    folded: [u64; 16],
}

impl WordList {
    /// # Panics
    /// (At compile time) on an empty word.
    const fn new(words: &'static [&'static str]) -> WordList {
        let (mut exact, mut folded) = ([0; 16], [0; 16]);
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            assert!(!w.is_empty(), "a word list holds no empty word");
            let len = if w.len() < 15 { w.len() } else { 15 };
            exact[len] |= 1 << (w[0] & 63);
            folded[len] |= 1 << ((w[0] | 0x20) & 63);
            k += 1;
        }
        WordList {
            words,
            exact,
            folded,
        }
    }

    /// Whether `w` is on the list (`words.contains(&w)`).
    #[inline]
    fn contains(&self, w: &str) -> bool {
        WordList::may_hold(&self.exact, w.as_bytes(), 0) && self.words.contains(&w)
    }

    /// Whether `w` lower-cased is on the list, for a list of lower-case ASCII words
    /// (`words.iter().any(|p| is_lower_of(w, p))`). A non-ASCII `w` can lower-case to
    /// ASCII (the Kelvin sign), and is compared with every word.
    #[inline]
    fn contains_folded(&self, w: &str) -> bool {
        if !w.is_ascii() {
            return self.words.iter().any(|p| is_lower_of(w, p));
        }
        WordList::may_hold(&self.folded, w.as_bytes(), 0x20)
            && self.words.iter().any(|p| w.eq_ignore_ascii_case(p))
    }

    /// Whether the bit of `w` (its first byte `| case`) is set in `filter`.
    #[inline(always)]
    fn may_hold(filter: &[u64; 16], w: &[u8], case: u8) -> bool {
        w.first()
            .is_some_and(|&b| filter[w.len().min(15)] >> ((b | case) & 63) & 1 != 0)
    }
}

static PARTICLES: WordList = WordList::new(&[
    "al", "el", "de", "del", "della", "da", "dos", "das", "van", "von", "der", "den", "la", "le",
    "bin", "ibn", "ben", "di", "du", "y", "ter", "op",
]);

static LINKS: WordList = WordList::new(&["of", "for", "and", "&", "on", "the", "de"]);

static SPEECH_VERBS: WordList = WordList::new(&[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "announced",
    "stated",
    "wrote",
    "warned",
    "explained",
    "insisted",
    "noted",
    "argued",
    "replied",
    "declared",
    "testified",
]);

/// Prepositions after which an unknown capitalised word is a place. Not "at", "to" or
/// "from": people and firms stand there as often ("talked to Camilla", "at Chery").
static LOCATIVE: WordList = WordList::new(&[
    "in", "near", "across", "outside", "inside", "around", "toward", "towards", "into", "through",
    "via",
]);

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

    /// Whether `c` is a letter or a digit (`[\p{L}\p{N}]`).
    fn is_word_char(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            self.word_char.is_match(c.encode_utf8(&mut [0; 4]))
        }
    }

    /// The character at byte `i` (a char boundary) and its length, when it is a letter
    /// or a digit.
    fn word_char_at(&self, text: &str, i: usize) -> Option<usize> {
        let b = *text.as_bytes().get(i)?;
        if b < 0x80 {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = text[i..].chars().next()?;
        self.is_word_char(c).then(|| c.len_utf8())
    }

    /// The end of the run of letters and digits starting at byte `i`.
    // (Called once or twice per word: kept inline, where it saves the call.)
    #[inline(always)]
    fn word_run_end(&self, text: &str, mut i: usize) -> usize {
        let bytes = text.as_bytes();
        loop {
            i = alnum_end(bytes, i);
            if bytes.get(i).is_none_or(|b| b.is_ascii()) {
                return i;
            }
            match text[i..].chars().next() {
                Some(c) if self.is_word_char(c) => i += c.len_utf8(),
                _ => return i,
            }
        }
    }

    /// The next word at or after byte `from`, as the regex
    /// `[\p{L}\p{N}]+(?:[.'’\-&][\p{L}\p{N}]+)*\.?` would find it: letters/digits
    /// with inner apostrophes, hyphens, periods and ampersands ("U.S.", "al-Assad",
    /// "O'Brien", "AT&T"), and a trailing period, kept for abbreviations and initials
    /// (decided in `tokens`). A byte scanner rather than the regex: the regex needs a
    /// reverse search per word to find where it starts, and ASCII needs no decoding.
    fn next_word(&self, text: &str, from: usize) -> Option<(usize, usize, u8)> {
        let bytes = text.as_bytes();
        let mut start = from;
        loop {
            // ASCII letters and digits and non-ASCII bytes stop the skip.
            while start < bytes.len() && CLASS[bytes[start] as usize] & (ALPHA | DIGIT | HIGH) == 0
            {
                start += 1;
            }
            let b = *bytes.get(start)?;
            if b < 0x80 {
                break;
            }
            let c = text[start..].chars().next()?;
            if self.is_word_char(c) {
                break;
            }
            start += c.len_utf8();
        }
        let mut end = self.word_run_end(text, start);
        let mut inner = 0;
        loop {
            let (sep, flag) = match bytes.get(end) {
                Some(b'.') => (1, INNER_DOT),
                Some(b'-') => (1, INNER_HYPHEN),
                Some(b'\'') => (1, INNER_QUOTE),
                Some(b'&') => (1, 0),
                Some(0xE2) if text[end..].starts_with('’') => ('’'.len_utf8(), INNER_QUOTE),
                _ => break,
            };
            if self.word_char_at(text, end + sep).is_none() {
                break;
            }
            inner |= flag;
            end = self.word_run_end(text, end + sep);
        }
        if bytes.get(end) == Some(&b'.') {
            end += 1;
        }
        Some((start, end, inner))
    }
}

/// The words of a text as [`NameRecognizer::next_word`] finds them one after the other,
/// read off the tokens the recognisers share (`super::tokens`) instead of the bytes: a
/// word is a letters-and-digits token with the tokens that an inner separator glues
/// on (`.`, `-`, `'`, `’`, `&`) and a period right after it. Where a token has a
/// non-ASCII character the token boundaries need not be the word's (`[\p{L}\p{N}]` is
/// narrower than `char::is_alphanumeric`), so there the word comes from `next_word`
/// itself; a proptest checks that the two agree.
struct Words<'a> {
    toks: &'a [tokens::Tok],
    /// The next token to look at.
    k: usize,
    /// The end of the last word: `next_word` is asked from here.
    from: usize,
    /// The last word ended inside a token: the next one comes from `next_word` too.
    inside: bool,
}

impl<'a> Words<'a> {
    fn new(toks: &'a [tokens::Tok]) -> Self {
        Words {
            toks,
            k: 0,
            from: 0,
            inside: false,
        }
    }

    /// The next word: start, end, inner separators.
    fn next(&mut self, rec: &NameRecognizer, text: &str) -> Option<(usize, usize, u8)> {
        let b = text.as_bytes();
        loop {
            if self.inside {
                return self.exact(rec, text);
            }
            let t = self.toks.get(self.k)?;
            if t.high {
                // A punctuation mark that is no letter or digit is passed over as
                // `next_word` passes over it.
                let word_char = || {
                    text[t.s..t.e]
                        .chars()
                        .next()
                        .is_some_and(|c| rec.is_word_char(c))
                };
                if t.kind == Kind::Punct && !word_char() {
                    self.k += 1;
                    continue;
                }
                return self.exact(rec, text);
            }
            if t.kind == Kind::Punct {
                self.k += 1;
                continue;
            }
            let (start, mut end, mut inner) = (t.s, t.e, 0);
            let mut j = self.k + 1;
            while let [sep, w, ..] = &self.toks[j..] {
                if sep.s != end {
                    break;
                }
                let flag = match b[end] {
                    b'.' => INNER_DOT,
                    b'-' => INNER_HYPHEN,
                    b'\'' => INNER_QUOTE,
                    b'&' => 0,
                    0xE2 if text[end..].starts_with('’') => INNER_QUOTE,
                    _ => break,
                };
                if w.s != sep.e {
                    break;
                }
                if w.high {
                    return self.exact(rec, text);
                }
                if w.kind == Kind::Punct {
                    break;
                }
                inner |= flag;
                end = w.e;
                j += 2;
            }
            // A period right after the word is kept (`tokens` decides whether it is an
            // abbreviation's).
            if self
                .toks
                .get(j)
                .is_some_and(|p| p.s == end && b[end] == b'.')
            {
                end += 1;
                j += 1;
            }
            self.k = j;
            self.from = end;
            return Some((start, end, inner));
        }
    }

    /// The next word from `next_word`, and the tokens it covers passed over.
    fn exact(&mut self, rec: &NameRecognizer, text: &str) -> Option<(usize, usize, u8)> {
        let Some((s, e, inner)) = rec.next_word(text, self.from) else {
            self.k = self.toks.len();
            self.inside = false;
            return None;
        };
        self.from = e;
        while self.toks.get(self.k).is_some_and(|t| t.e <= e) {
            self.k += 1;
        }
        self.inside = self.toks.get(self.k).is_some_and(|t| t.s < e);
        Some((s, e, inner))
    }
}

impl NameRecognizer {
    /// The words of `text` (read off the shared tokens by [`Words`]) as tokens, made
    /// by [`NameRecognizer::word_tok`].
    fn tokens<'t>(&self, text: &'t str, shared: &[tokens::Tok], gaz: &Gazetteer) -> Vec<Tok<'t>> {
        // (Room for a word every four bytes, which few texts exceed: growing the
        // vector copies it.)
        let mut out = Vec::with_capacity(text.len() / 4);
        let mut words = Words::new(shared);
        while let Some((start, end, inner)) = words.next(self, text) {
            let t = self.word_tok(text, start, end, inner, gaz);
            out.push(t);
        }
        out
    }

    /// The token of the word `start..end` that [`NameRecognizer::next_word`] found
    /// with inner separators `inner`: without a sentence's full stop, a hyphened
    /// modifier or a possessive.
    fn word_tok<'t>(
        &self,
        text: &'t str,
        start: usize,
        mut end: usize,
        inner: u8,
        gaz: &Gazetteer,
    ) -> Tok<'t> {
        let mut s = &text[start..end];
        if let Some(stripped) = s.strip_suffix('.') {
            // Keep the period of "U.S.", "Mr.", "F." and "Inc."; drop a sentence's.
            // (Every abbreviation is capitalised.)
            let keep = inner & INNER_DOT != 0
                || (stripped.chars().count() == 1 && stripped.chars().all(|c| c.is_uppercase()))
                || (stripped.as_bytes()[0].is_ascii_uppercase() && ABBREV.contains(stripped));
            if !keep {
                s = stripped;
                end -= 1;
            }
        }
        // A capitalised name with a lower-case word hyphened on is a modifier:
        // "New York-based", "U.N.-led" -> the name, and the chunk ends there.
        let split = (inner & INNER_HYPHEN != 0)
            .then(|| s.rsplit_once('-'))
            .flatten();
        if let Some((head, tail)) = split {
            // (An English word: "Shui-bian", "Kai-shek" are names.)
            let lower_tail =
                tail.len() >= 3 && tail.chars().all(|c| c.is_lowercase()) && gaz.is_common(tail);
            let particle = || PARTICLES.contains_folded(head);
            if lower_tail && !particle() && head.chars().next().is_some_and(char::is_uppercase) {
                end -= tail.len() + 1;
                s = head;
            }
        }
        // Possessives: "Russia's" -> "Russia". (A word ends in a letter, a digit or
        // a period unless it has an inner apostrophe.)
        if inner & INNER_QUOTE != 0 {
            for suf in ["'s", "’s", "'", "’"] {
                if let Some(stripped) = s.strip_suffix(suf) {
                    if !stripped.is_empty() {
                        s = stripped;
                        end -= suf.len();
                    }
                    break;
                }
            }
        }
        Tok::new(s, start, end, inner & INNER_HYPHEN != 0)
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
        // Dictionary matches by token. Only the words of chunks are looked up
        // (`segment` asks for nothing else), so the text between chunks is never
        // scanned for names.
        let chunks = chunks(text, &toks, gaz);
        // (Sized for a match per word, which few chunks exceed.)
        let words = chunks.iter().map(|&(a, b)| b - a).sum();
        let mut dict = Dict {
            matches: Vec::with_capacity(words),
            at: Vec::with_capacity(toks.len()),
        };
        let mut found = Vec::new();
        // (`at` is filled in order, the words between chunks with empty ranges:
        // written as it grows rather than zeroed first.)
        for &(a, b) in &chunks {
            dict.at.resize(a, (0, 0));
            for t in &toks[a..b] {
                found.clear();
                gaz.names_at(text, t.start, &mut found);
                let from = dict.matches.len() as u32;
                dict.matches
                    .extend(found.iter().map(|m| (m.end, m.entries)));
                dict.at.push((from, dict.matches.len() as u32));
            }
        }
        dict.at.resize(toks.len(), (0, 0));
        // (Sized once: growing a vector copies it.)
        let mut spans: Vec<Span> = Vec::with_capacity(chunks.len());
        let mut unknown: Vec<(usize, usize)> = Vec::with_capacity(chunks.len());
        for (a, b) in chunks {
            ctx.segment(a, b, &dict, &mut spans, &mut unknown);
        }
        // Companies named in full elsewhere in the document ("Fennimore Holdings
        // Inc.") are that company when named short ("Fennimore Holdings", "Fennimore"):
        // same-document evidence beats the guess that a lone capitalised word is a
        // surname.
        let mut org_stems: HashMap<&str, ()> = HashMap::default();
        for sp in spans
            .iter()
            .filter(|sp| sp.kind == EntityType::Org && sp.b - sp.a >= 2)
        {
            if COMPANY_SUFFIXES.contains(toks[sp.b - 1].s) {
                org_stems.insert(&text[toks[sp.a].start..toks[sp.b - 2].end], ());
                org_stems.insert(toks[sp.a].s, ());
            } else {
                // "Fujitsu Laboratories", "Treasury Department": the distinctive first
                // word, when it is no ordinary word and no other dictionary name.
                let w = toks[sp.a].s;
                if !ctx.ask(sp.a, Ask::CommonFolded)
                    && gaz.lookup(w).is_empty()
                    && !ctx.ask(sp.a, Ask::Given)
                {
                    org_stems.insert(w, ());
                }
            }
        }
        // First pass: type what context can type on its own.
        let mut rest = Vec::with_capacity(unknown.len());
        for (a, b) in unknown {
            let t = &text[toks[a].start..toks[b - 1].end];
            if org_stems.contains_key(t) && !ctx.commonish(a) {
                spans.push(Span::new(a, b, EntityType::Org, "rule:company-short-form"));
                continue;
            }
            // (The titles are stripped once: the second pass looks at what is left.)
            let titles = ctx.strip_titles(a, b);
            match ctx.classify(a, b, titles) {
                Some(span) => spans.push(span),
                None => rest.push((titles.0, b)),
            }
        }
        // Second pass: one name, one type per document. A piece typed anywhere types
        // its other occurrences; a single word that ends a person's name is that
        // person ("Kerry" after "John Kerry").
        let mut doc_types: HashMap<&str, EntityType> = HashMap::default();
        let mut surnames: HashMap<&str, EntityType> = HashMap::default();
        for sp in &spans {
            let t = &text[toks[sp.a].start..toks[sp.b - 1].end];
            // Only confident typings spread: dictionary names and the strong cues.
            let confident = sp.how.starts_with("dict:")
                || matches!(
                    sp.how.as_str(),
                    "rule:title+name" | "rule:given+surname" | "rule:org-head" | "rule:place-head"
                );
            if sp.kind != EntityType::Misc && confident {
                doc_types.entry(t).or_insert(sp.kind);
            }
            if sp.kind == EntityType::Person && sp.b - sp.a >= 2 {
                surnames.insert(toks[sp.b - 1].s, EntityType::Person);
            }
        }
        for (a, b) in rest {
            if a >= b {
                continue;
            }
            let t = &text[toks[a].start..toks[b - 1].end];
            let found = doc_types
                .get(t)
                .map(|&k| (k, "rule:same-name"))
                .or_else(|| {
                    (b - a == 1)
                        .then(|| surnames.get(toks[a].s).map(|&k| (k, "rule:short-form")))
                        .flatten()
                })
                .or_else(|| {
                    // The surname of someone the dictionaries know, capitalised
                    // mid-sentence, even when it is also an ordinary word ("Bush").
                    (b - a == 1 && !ctx.caps(a) && gaz.is_known_surname(toks[a].s))
                        .then_some((EntityType::Person, "rule:known-surname"))
                });
            if let Some((kind, how)) = found {
                let lone_word = b - a == 1 && (ctx.commonish(a) || toks[a].s.chars().count() == 1);
                if lone_word {
                    continue;
                }
                spans.push(Span::new(a, b, kind, how));
            }
        }
        out.reserve(spans.len());
        self.bodies(text, gaz, &spans, &toks, out);
        for sp in spans {
            // "Hemeimeem air base": the facility's name takes its lower-case head.
            let mut end = toks[sp.b - 1].end;
            let mut kind = sp.kind;
            if matches!(kind, EntityType::Place | EntityType::Org) && may_be_facility(&text[end..])
            {
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
            out.push(c);
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

impl Dict<'_> {
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

/// Headline words that mark a sports report.
const SPORTS: &[&str] = &[
    "soccer",
    "football",
    "cricket",
    "tennis",
    "golf",
    "baseball",
    "basketball",
    "rugby",
    "hockey",
    "athletics",
    "cycling",
    "boxing",
    "skiing",
    "motor racing",
    "motorcycling",
    "snooker",
    "badminton",
    "volleyball",
    "handball",
    "swimming",
    "rowing",
    "sailing",
    "league",
    "cup",
    "results",
    "standings",
    "premier league",
    "nba",
    "nfl",
    "nhl",
    "mlb",
];

/// Whether the first line of a document (its headline) names a sport. `sports` is an
/// ASCII-case-insensitive automaton over [`SPORTS`]: on an ASCII line it finds what
/// searching the lower-cased line finds, without the copy (a document without line
/// breaks is one long "line").
fn is_sports(text: &str, sports: &AhoCorasick) -> bool {
    let head = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if head.is_ascii() {
        return sports.find_overlapping_iter(head).any(|m| {
            crate::text::is_word_start(head, m.start()) && crate::text::is_word_end(head, m.end())
        });
    }
    let head = head.to_lowercase();
    SPORTS.iter().any(|w| {
        head.match_indices(w).any(|(i, _)| {
            crate::text::is_word_start(&head, i) && crate::text::is_word_end(&head, i + w.len())
        })
    })
}

/// Legal suffixes of company names.
static COMPANY_SUFFIXES: WordList = WordList::new(&[
    "Inc.",
    "Inc",
    "Corp.",
    "Corp",
    "Co.",
    "Ltd.",
    "Ltd",
    "LLC",
    "PLC",
    "plc",
    "AG",
    "SA",
    "S.A.",
    "N.V.",
    "NV",
    "GmbH",
    "Corporation",
    "Company",
    "Group",
    "Holdings",
    "Bros.",
    "L.P.",
    "LP",
]);

/// Words naming a unit inside an organisation ("Press Service", "Press Office").
static SUBUNITS: WordList = WordList::new(&[
    "Press",
    "Service",
    "Office",
    "Spokesman",
    "Spokeswoman",
    "Desk",
]);

/// Bodies a text names by one capitalised word ("the Treasury", "Parliament voted").
static INSTITUTIONS: WordList = WordList::new(&[
    "Treasury",
    "Parliament",
    "Congress",
    "Senate",
    "House",
    "Cabinet",
    "Navy",
    "Army",
    "Fed",
    "Duma",
    "Knesset",
    "Politburo",
    "Bundestag",
    "Legislature",
]);

/// [`PLACE_HEADS`] with the filter of a [`WordList`].
static PLACE_HEAD_LIST: WordList = WordList::new(PLACE_HEADS);

/// Words that head place names ("Grace Road", "Lantau Island").
pub(crate) const PLACE_HEADS: &[&str] = &[
    "Road",
    "Street",
    "St.",
    "Avenue",
    "Ave.",
    "Boulevard",
    "Square",
    "River",
    "Lake",
    "Mountains",
    "Mountain",
    "Mount",
    "Island",
    "Islands",
    "Bay",
    "Gulf",
    "Sea",
    "Ocean",
    "Valley",
    "Desert",
    "Peninsula",
    "Strait",
    "Canal",
    "Airport",
    "Stadium",
    "Park",
    "Bridge",
    "Province",
    "County",
    "District",
    "Region",
    "Village",
    "Heights",
    "Hills",
    "Coast",
    "Highway",
    "Plaza",
    "Palace",
    "Hospital",
    "Station",
    "Prison",
    "Base",
    "Cathedral",
    "Mosque",
    "Temple",
    "Hall",
    "Tower",
    "Center",
    "Centre",
    "Arena",
    "Dam",
    "Harbor",
    "Harbour",
    "Port",
    "Beach",
    "Falls",
    "Forest",
];

/// Words that open place names ("Mt. Kenya", "Lake Chad", "Cape Horn").
static PLACE_PREFIXES: WordList = WordList::new(&["Mt.", "Mount", "Lake", "Cape"]);

/// Lower-case words that can stand inside a role phrase ("deputy defense minister").
static ROLE_WORDS: WordList = WordList::new(&[
    "deputy",
    "vice",
    "acting",
    "former",
    "chief",
    "senior",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "special",
    "prime",
    "general",
    "state",
    "national",
    "security",
    "economic",
    "trade",
    "justice",
    "health",
    "education",
    "energy",
    "environment",
    "labor",
    "labour",
    "intelligence",
    "military",
    "army",
    "navy",
    "opposition",
    "party",
    "government",
    "delegation",
    "head",
    "leader",
    "top",
    "assistant",
    "associate",
    "executive",
    "managing",
    "presidential",
    "regional",
    "local",
    "federal",
    "provincial",
    "to",
    "of",
    "the",
    "for",
    "and",
    "news",
    "agency",
    "team",
    "envoy",
    "affairs",
    "human",
    "rights",
    "political",
    "u.n.",
]);

impl<'a> Ctx<'a> {
    /// The answer to question `q` about token `i`'s word: a bit of its word class, or
    /// of its lower-cased word's, each looked up once per token. (Inline: the rules
    /// ask a quarter of a million questions on the test corpus, each with a constant
    /// `q`, so that the match folds away and a known answer is a load and a test;
    /// the look-up stays out of line.)
    #[inline(always)]
    fn ask(&self, i: usize, q: Ask) -> bool {
        let (folded, class) = match q {
            Ask::Word => (false, WordClass::STOP_WORD),
            Ask::Stop => (false, WordClass::STOP),
            Ask::Given => (false, WordClass::GIVEN),
            Ask::Surname => (false, WordClass::SURNAME),
            Ask::OrgHead => (false, WordClass::ORG_HEAD),
            Ask::Honorific => (false, WordClass::HONORIFIC),
            Ask::Role => (false, WordClass::ROLE),
            Ask::Demonym => (false, WordClass::DEMONYM),
            Ask::RoleFolded => (true, WordClass::ROLE),
            Ask::CommonFolded => (true, WordClass::COMMON),
            // (A token has no white space: its first word is itself.)
            Ask::TitleStart => (true, WordClass::TITLE_START),
        };
        const KNOWN: u32 = 1 << 15;
        let memo = self.classes[i].get();
        let shift = if folded { 16 } else { 0 };
        let half = (memo >> shift) & 0xFFFF;
        let bits = if half & KNOWN != 0 {
            half
        } else {
            self.look_up_class(i, folded)
        };
        WordClass::from_bits(bits as u16).has(class)
    }

    /// For [`Ctx::ask`]: looks up the class of token `i`'s word (`folded`: of the word
    /// lower-cased) and notes it in `classes`, marked `KNOWN` (bit 15); returns that
    /// half of the note. A word in small ASCII letters is its own lower-cased word:
    /// one look-up fills both halves (the rules ask both questions of the words around
    /// names, "said", "deputy", "minister").
    #[inline(never)]
    fn look_up_class(&self, i: usize, folded: bool) -> u32 {
        const KNOWN: u32 = 1 << 15;
        let w = self.toks[i].s;
        if !w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            let half = u32::from(self.gaz.word_class(w).bits()) | KNOWN;
            self.classes[i].set(half | half << 16);
            return half;
        }
        let c = if !folded {
            self.gaz.word_class(w)
        } else if w.is_ascii() {
            // (ASCII lower-cases byte by byte: into a buffer the context keeps, which
            // needs no allocation and no UTF-8 check of the copy.)
            let mut lower = self.lower.borrow_mut();
            lower.clear();
            lower.push_str(w);
            lower.make_ascii_lowercase();
            self.gaz.word_class(&lower)
        } else {
            self.gaz.word_class_folded(w)
        };
        let half = u32::from(c.bits()) | KNOWN;
        let shift = if folded { 16 } else { 0 };
        self.classes[i].set(self.classes[i].get() | half << shift);
        half
    }

    /// Whether the document is a sports report ([`is_sports`]).
    fn is_sports(&self) -> bool {
        *self
            .sports
            .get_or_init(|| is_sports(self.text, self.sports_words))
    }

    /// Whether token `i` starts a sentence or a line.
    fn sent_start(&self, i: usize) -> bool {
        starts_sentence(self.text, self.toks, i)
    }

    /// Whether token `i` lies on a line written in capitals (a headline), where
    /// capitalisation says nothing.
    fn caps(&self, i: usize) -> bool {
        let at = self.toks[i].start;
        let (start, end, caps) = self.caps_line.get();
        if start <= at && at < end {
            return caps;
        }
        let mut seen = self.caps_lines.borrow_mut();
        let k = seen.partition_point(|&(_, end, _)| end <= at);
        let line = match seen.get(k) {
            Some(&line) if line.0 <= at => line,
            _ => {
                let (start, end) = line_at(self.text, at);
                let line = (start, end, is_caps_line(&self.text[start..end]));
                seen.insert(k, line);
                line
            }
        };
        self.caps_line.set(line);
        line.2
    }

    /// Covers tokens `a..b` of a chunk with the longest dictionary match at each word;
    /// runs of words no dictionary knows go to `unknown`.
    fn segment(
        &self,
        a: usize,
        b: usize,
        dict: &Dict,
        spans: &mut Vec<Span>,
        unknown: &mut Vec<(usize, usize)>,
    ) {
        let toks = self.toks;
        let starts_known = |i: usize| !dict.at(i).is_empty();
        // Leading ordinary words ("The", "In") and trailing link words are not part
        // of the name, unless a dictionary name starts there ("The Hague").
        let (mut a, mut b) = (a, b);
        // ... but a given name that is also a word stays before a surname ("Bill
        // Daley", "Will Carver").
        // (The given name is asked for before the line: the question is answered with
        // the one before it, and a line is scanned when first asked about.)
        let given_before_surname = |a: usize| {
            b - a > 1
                && self.ask(a, Ask::Given)
                && !self.caps(a)
                && self.ask(a + 1, Ask::Surname)
                && !self.ask(a + 1, Ask::Word)
        };
        while a < b
            && ((self.ask(a, Ask::Word)
                && !given_before_surname(a)
                && !(PLACE_PREFIXES.contains(toks[a].s) && b - a > 1))
                || (b - a > 1 && self.commonish(a) && !self.ask(a, Ask::Given)))
            && !starts_known(a)
        {
            a += 1;
        }
        while b > a && LINKS.contains(toks[b - 1].s) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        // Two bodies joined by "and" are two names ("Harvard University and Boston
        // University", "the House and Senate"); "Department of Trade and Industry"
        // is one.
        let complete = |k: usize| self.ask(k, Ask::OrgHead) || INSTITUTIONS.contains(toks[k].s);
        if let Some(k) = (a + 1..b - 1).find(|&k| toks[k].s == "and") {
            if complete(k - 1) && complete(b - 1) {
                self.segment(a, k, dict, spans, unknown);
                self.segment(k + 1, b, dict, spans, unknown);
                return;
            }
        }
        // A chunk that ends in an organisation head, or has one before "of", is
        // one organisation whatever dictionary names stand inside it ("Kurdistan
        // Democratic Party", "Russian Defense Ministry", "Ministry of Foreign Affairs").
        let known_whole = dict.at(a).iter().any(|(e, _)| *e == toks[b - 1].end);
        let org = b - a >= 2
            && (self.ask(b - 1, Ask::OrgHead)
                || (a..b - 1).any(|k| toks[k + 1].s == "of" && self.ask(k, Ask::OrgHead)))
            && self.strip_titles(a, b).0 == a;
        // ... unless it opens with a dictionary organisation: "VOA State Department" is
        // two organisations side by side.
        let opens_with_org = dict.at(a).iter().any(|(e, ix)| {
            *e < toks[b - 1].end
                && (a..b).any(|j| toks[j].end == *e)
                && pick_entry(self.gaz, ix).0 == Some(EntityType::Org)
        });
        // A press service or office after the body's head is part of that body
        // ("Defense Ministry Press Service" -> "Defense Ministry").
        if org {
            while b - a > 2
                && SUBUNITS.contains(toks[b - 1].s)
                && (a + 1..b - 1)
                    .any(|k| self.ask(k, Ask::OrgHead) && !SUBUNITS.contains(toks[k].s))
            {
                b -= 1;
            }
        }
        // Likewise a chunk ending in a place head is one place ("Hong Kong
        // International Airport").
        if !org
            && b - a >= 2
            && !known_whole
            && !opens_with_org
            && (PLACE_HEAD_LIST.contains(toks[b - 1].s) || PLACE_PREFIXES.contains(toks[a].s))
        {
            spans.push(Span::new(a, b, EntityType::Place, "rule:place-head"));
            return;
        }
        // "General Motors Corp.": a legal suffix makes the whole chunk one company,
        // whatever dictionary company it opens with.
        let suffixed = b - a >= 2 && COMPANY_SUFFIXES.contains(toks[b - 1].s);
        // "Johnson & Johnson", "Merrill Lynch & Co.": an ampersand between
        // capitalised words names a firm.
        let firm = (a + 1..b).any(|k| &self.text[toks[k - 1].end..toks[k].start] == " & ");
        if (org || firm) && !known_whole && (!opens_with_org || suffixed || firm) {
            let how = if org {
                "rule:org-head"
            } else {
                "rule:ampersand"
            };
            let mut sp = Span::new(a, b, EntityType::Org, how);
            sp.priority = 2;
            spans.push(sp);
            return;
        }
        if let Some(sp) = self.person_over_places(a, b, dict) {
            spans.push(sp);
            return;
        }
        let mut i = a;
        let mut pending: Option<usize> = None;
        while i < b {
            let best = dict
                .at(i)
                .iter()
                .filter(|(e, _)| *e <= toks[b - 1].end && (i..b).any(|j| toks[j].end == *e))
                .max_by_key(|(e, _)| *e)
                .copied();
            let folded = if best.is_none() && self.caps(i) {
                self.folded_match(i, b)
            } else {
                None
            };
            let hit = best
                .map(|(end, entries)| {
                    let j = (i..b).find(|&j| toks[j].end == end).unwrap();
                    (j, std::borrow::Cow::Borrowed(entries))
                })
                .or_else(|| folded.map(|(j, v)| (j, std::borrow::Cow::Owned(v))));
            match hit {
                Some((j, entries)) => {
                    if let Some(p) = pending.take() {
                        push_trimmed_piece(toks, p, i, unknown);
                    }
                    let (kind, ix, how) = pick_entry(self.gaz, &entries);
                    let entry = self.gaz.entry(ix);
                    // A lone dictionary word that is also an ordinary word ("May",
                    // "Reading") counts only where capitals mean something.
                    let ordinary = j == i
                        && (self.ask(i, Ask::Word)
                            || (self.commonish(i)
                                && entry.population < 1_000_000
                                && !how.ends_with("countries")));
                    if let (Some(kind), false) = (kind, ordinary) {
                        // A place named with a plural noun after it is a team
                        // ("Los Angeles Dodgers", "Bradford Bulls").
                        let team = kind == EntityType::Place
                            && j + 2 == b
                            && toks[j + 1].s.ends_with('s')
                            && !self.ask(j + 1, Ask::Demonym)
                            && dict.at(j + 1).is_empty();
                        if team {
                            spans.push(Span::new(i, b, EntityType::Org, "rule:place+team"));
                            i = b;
                            continue;
                        }
                        let club = kind == EntityType::Place
                            && self.is_sports()
                            && self.club_position(i, j + 1, entry);
                        let mut sp = if club {
                            Span::new(i, j + 1, EntityType::Org, "rule:sports-club")
                        } else {
                            Span::new(i, j + 1, kind, ["dict:", how].concat())
                        };
                        sp.canonical = Some(entry.canonical.to_string());
                        sp.detail = Detail::Entry(ix);
                        sp.priority = 2;
                        spans.push(sp);
                    }
                    i = j + 1;
                }
                None => {
                    pending.get_or_insert(i);
                    i += 1;
                }
            }
        }
        if let Some(p) = pending {
            push_trimmed_piece(toks, p, b, unknown);
        }
    }

    /// A given name and a surname that dictionaries also know as small places
    /// ("Edward Kennedy", "Robert Mann", "Sam Waksal"): the person, not the places.
    /// Only two- or three-word chunks after titles, with no multi-word dictionary name
    /// inside; the words after the given name are surnames or unknown.
    fn person_over_places(&self, a: usize, b: usize, dict: &Dict) -> Option<Span> {
        let toks = self.toks;
        // (Titles only shorten the chunk.)
        if b - a < 2 {
            return None;
        }
        let (p, role) = self.strip_titles(a, b);
        if !(2..=3).contains(&b.saturating_sub(p))
            || !self.ask(p, Ask::Given)
            || self.commonish(p)
            || self.ask(p, Ask::Stop)
            || self.caps(p)
        {
            return None;
        }
        let mut known = false;
        for (k, tok) in toks.iter().enumerate().take(b).skip(p) {
            let matches = dict.at(k);
            if matches.is_empty() {
                if !tok.is_cap() {
                    return None;
                }
                continue;
            }
            if matches.iter().any(|(e, _)| *e > tok.end) {
                return None;
            }
            let Some((_, entries)) = matches.iter().find(|(e, _)| *e == tok.end) else {
                continue;
            };
            known = true;
            let (kind, ix, how) = pick_entry(self.gaz, entries);
            let ok = match kind {
                Some(EntityType::Person) => true,
                Some(EntityType::Place) if k == p => !how.ends_with("countries"),
                Some(_) if k > p => self.ask(k, Ask::Surname),
                _ => false,
            };
            if !ok || (k > p && self.gaz.entry(ix).population >= 1_000_000) {
                return None;
            }
        }
        if !known {
            return None;
        }
        let mut sp = Span::new(p, b, EntityType::Person, "rule:given+surname");
        sp.role = role.map(str::to_string);
        Some(sp)
    }

    /// On ALL-CAPS lines, the longest run of words starting at `i` whose case-folded
    /// form is a dictionary name (and not an ordinary word).
    fn folded_match(&self, i: usize, b: usize) -> Option<(usize, Vec<u32>)> {
        for j in (i..b.min(i + 4)).rev() {
            let s = &self.text[self.toks[i].start..self.toks[j].end];
            if j == i && self.ask(i, Ask::CommonFolded) {
                continue;
            }
            let hits: Vec<u32> = self
                .gaz
                .lookup_folded(s)
                .iter()
                .copied()
                .filter(|&ix| matches!(self.gaz.entry(ix).lex, Lex::Name(_) | Lex::Demonym))
                .collect();
            if !hits.is_empty() {
                return Some((j, hits));
            }
        }
        None
    }

    /// Whether token `i` is capitalised only because of where it stands (sentence
    /// start, a headline in capitals) and is an ordinary word.
    fn commonish(&self, i: usize) -> bool {
        self.ask(i, Ask::Word)
            || ((self.sent_start(i) || self.caps(i)) && self.ask(i, Ask::CommonFolded))
    }

    /// In a sports report, whether the place at tokens `a..b` names a club: a city or
    /// region (countries field national teams, which stay places) that is not the
    /// object of a locative preposition ("in Leeds") and not a dateline ("LONDON
    /// 1996-08-30" at the start of a line).
    fn club_position(&self, a: usize, b: usize, entry: &crate::gazetteer::Entry) -> bool {
        // Countries field national teams, which stay places; cities, counties and
        // states name clubs.
        if entry.source.ends_with("countries")
            || (entry.canonical.contains(' ') && entry.source.ends_with("names"))
        {
            return false;
        }
        let prev = if a > 0 && self.adjacent(a - 1, a) {
            self.toks[a - 1].s.to_lowercase()
        } else {
            String::new()
        };
        if matches!(
            prev.as_str(),
            "in" | "at" | "near" | "from" | "to" | "of" | "outside"
        ) {
            return false;
        }
        let line_start = self.text[..self.toks[a].start]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        let at_line_start = self.text[line_start..self.toks[a].start].trim().is_empty();
        let rest = &self.text[self.toks[b - 1].end..];
        let after = rest.trim_start().as_bytes();
        let dateline = at_line_start
            && after.len() >= 5
            && after[..4].iter().all(u8::is_ascii_digit)
            && after[4] == b'-';
        !dateline
    }

    /// Whether white space (`char::is_whitespace`) follows token `i`.
    fn space_after(&self, i: usize) -> bool {
        let rest = &self.text[self.toks[i].end..];
        match rest.as_bytes().first() {
            Some(&b) if b < 0x80 => CLASS[b as usize] & WS != 0 || b == 0x0B,
            _ => rest.starts_with(char::is_whitespace),
        }
    }

    /// `gaz.may_be_title(s)` for words `s` starting at token `i`: it reads only the
    /// first word of `s`, which is token `i`'s when white space follows it.
    fn may_be_title(&self, i: usize, s: &str) -> bool {
        if self.space_after(i) {
            self.ask(i, Ask::TitleStart)
        } else {
            self.gaz.may_be_title(s)
        }
    }

    /// Skips leading honorifics and roles ("President", "Mr.", "Secretary of State").
    fn strip_titles(&self, a: usize, b: usize) -> (usize, Option<&'a str>) {
        let mut i = a;
        let mut role = None;
        while i < b {
            // No title starts with a word the pre-check turns down (when white space
            // follows it, it is the first word of every phrase tried below).
            let alone = self.space_after(i);
            if alone && !self.ask(i, Ask::TitleStart) {
                break;
            }
            // Longest role or honorific starting at i.
            let mut hit = None;
            for j in (i..b.min(i + 5)).rev() {
                let title = if j == i {
                    self.ask(i, Ask::TitleStart)
                        && (self.ask(i, Ask::Honorific)
                            || self.ask(i, Ask::Role)
                            || self.ask(i, Ask::RoleFolded))
                } else {
                    let s = &self.text[self.toks[i].start..self.toks[j].end];
                    self.may_be_title(i, s)
                        && self.gaz.may_be_title_phrase(s)
                        && (self.gaz.is(s, Lex::Honorific)
                            || self.gaz.is(s, Lex::Role)
                            || self.gaz.is(&s.to_lowercase(), Lex::Role))
                };
                if title {
                    hit = Some(j);
                    break;
                }
            }
            match hit {
                Some(j) => {
                    if !self.ask(i, Ask::Honorific) || j > i {
                        role = Some(&self.text[self.toks[a].start..self.toks[j].end]);
                    }
                    i = j + 1;
                }
                None => break,
            }
        }
        (i, role)
    }

    /// Types a piece no dictionary knows, by its words and its context.
    /// `titles`: [`Ctx::strip_titles`] of the piece.
    fn classify(
        &self,
        a0: usize,
        b: usize,
        (a, title_role): (usize, Option<&'a str>),
    ) -> Option<Span> {
        let toks = self.toks;
        let gaz = self.gaz;
        let titled = a > a0;
        if a >= b {
            return None;
        }
        // A lone stop-list word or a single letter ("I", "A") is no name, unless a
        // title stands before it ("Mr. Smith", "Dr. Black").
        if b - a == 1 && ((self.ask(a, Ask::Word) && !titled) || toks[a].s.chars().count() == 1) {
            return None;
        }
        let words = || toks[a..b].iter().map(|t| t.s);
        let first = toks[a].s;
        let last = toks[b - 1].s;
        let single = b - a == 1;
        // The word before, when only white space stands between.
        let before = (a > 0 && self.adjacent(a - 1, a)).then(|| a - 1);
        let prev = before.map_or("", |k| toks[k].s);
        let prev_is = |q: Ask| before.is_some_and(|k| self.ask(k, q));
        // The word after, likewise. (Both are compared lower-cased, with
        // `is_lower_of` and `WordList::contains_folded`.)
        let next = toks
            .get(b)
            .filter(|_| self.adjacent(b - 1, b))
            .map_or("", |t| t.s);
        let common_first = self.commonish(a);
        let all_common = (a..b).all(|k| self.ask(k, Ask::CommonFolded));
        // "Mr. Smith", "Dr. Black": an honorific makes even an ordinary word a name.
        let honorific = (titled && self.ask(a - 1, Ask::Honorific)) || prev_is(Ask::Honorific);
        let person_cue =
            titled || prev_is(Ask::Honorific) || prev_is(Ask::RoleFolded) || prev_is(Ask::Role);
        let (kind, how) = if (!single && self.ask(b - 1, Ask::OrgHead))
            || (!single && self.ask(a, Ask::OrgHead) && words().any(|w| w == "of"))
        {
            (EntityType::Org, "rule:org-head")
        } else if single && INSTITUTIONS.contains(first) && !common_first && !self.caps(a) {
            // A body named by its head alone, capitalised mid-sentence: "the Treasury",
            // "Parliament voted", "a Navy contract".
            (EntityType::Org, "rule:institution")
        } else if !single && (PLACE_HEAD_LIST.contains(last) || PLACE_PREFIXES.contains(first)) {
            (EntityType::Place, "rule:place-head")
        } else if single
            && is_lower_of(prev, "the")
            && matches!(first, "West" | "East" | "Midwest" | "Orient")
        {
            // "the West", "the East": parts of the world.
            (EntityType::Place, "rule:compass")
        } else if person_cue && (!(single && common_first) || honorific || titled) {
            (EntityType::Person, "rule:title+name")
        } else if !single && self.ask(a, Ask::Given) && !(common_first && all_common) && b - a <= 4
        {
            (EntityType::Person, "rule:given+surname")
        } else if (2..=4).contains(&(b - a))
            && is_initial(first)
            && !is_initial(last)
            && !self.ask(b - 1, Ask::CommonFolded)
        {
            // "P. Simmons", "J. R. Ewing": initials before a surname.
            (EntityType::Person, "rule:initials")
        } else if b - a == 2
            && self.ask(a, Ask::Surname)
            && !self.ask(a, Ask::Given)
            && !self.ask(a, Ask::CommonFolded)
            && !self.ask(b - 1, Ask::Surname)
            && !self.ask(b - 1, Ask::Given)
            && !self.ask(b - 1, Ask::CommonFolded)
            && !common_first
        {
            // "Wang Donghai": a surname, then a given name no list knows (the
            // surname-first order of Chinese, Korean and Vietnamese names).
            (EntityType::Person, "rule:surname+given")
        } else if SPEECH_VERBS.contains_folded(next)
            && !common_first
            && b - a <= 3
            // Companies say things too: a lone word needs to be a known name.
            && (!single || ((self.ask(a, Ask::Surname) || self.ask(a, Ask::Given)) && !self.ask(a, Ask::CommonFolded)))
        {
            (EntityType::Person, "rule:name+said")
        } else if SPEECH_VERBS.contains_folded(prev) && !all_common && (2..=3).contains(&(b - a)) {
            (EntityType::Person, "rule:said+name")
        } else if single
            && is_acronym(first)
            && !self.caps(a)
            && !self.is_label(a)
            // An ordinary word in capitals is emphasis or a heading ("WE", "FUNDS").
            && !self.ask(a, Ask::CommonFolded)
        {
            (EntityType::Org, "rule:acronym")
        } else if single
            && LOCATIVE.contains_folded(prev)
            && !self.ask(a, Ask::CommonFolded)
            && !self.caps(a)
        {
            (EntityType::Place, "rule:locative")
        } else if single
            && !common_first
            && !self.caps(a)
            && gaz.is_company_stem(first)
            && !gaz.is_known_surname(first)
            && !self.ask(a, Ask::Given)
            && !self.ask(a, Ask::CommonFolded)
        {
            // "Merck", "Goldman": the first word of a known company's name.
            (EntityType::Org, "rule:company-stem")
        } else if single
            && self.ask(a, Ask::Surname)
            && !self.ask(a, Ask::CommonFolded)
            && !self.caps(a)
        {
            (EntityType::Person, "rule:surname")
        } else {
            return None;
        };
        let mut sp = Span::new(a, b, kind, how);
        if kind == EntityType::Person {
            sp.role = title_role.map(str::to_string);
        }
        Some(sp)
    }

    /// Whether token `i` is a label opening a line ("FILE - ...", "UPDATE: ...").
    fn is_label(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let line_start = self.text[..t.start].rfind('\n').map_or(0, |p| p + 1);
        let after = self.text[t.end..].trim_start_matches(' ');
        self.text[line_start..t.start].trim().is_empty()
            && (after.starts_with('-') || after.starts_with(':') || after.starts_with('\u{2013}'))
    }

    /// Whether tokens `i` and `j` (= i + 1) are separated by white space only.
    fn adjacent(&self, i: usize, j: usize) -> bool {
        let gap = self.toks[i].end..self.toks[j].start;
        // (ASCII white space is white space to `trim` too; other bytes need decoding.
        // The bytes are read as bytes: no character boundaries to check.)
        self.text.as_bytes()[gap.clone()]
            .iter()
            .all(u8::is_ascii_whitespace)
            || self.text[gap].trim().is_empty()
    }

    /// A role written before a name: "White House spokesman Josh Earnest",
    /// "deputy defense minister Nikolai Pankov", "Russian President Vladimir Putin".
    fn role_before(&self, a: usize) -> Option<String> {
        let toks = self.toks;
        let mut i = a;
        let mut has_role = false;
        while i > 0 && self.adjacent(i - 1, i) && !self.sent_start(i) {
            let role = self.ask(i - 1, Ask::RoleFolded) || self.ask(i - 1, Ask::Role);
            if role
                || ROLE_WORDS.contains_folded(toks[i - 1].s)
                || toks[i - 1].is_cap()
                || self.ask(i - 1, Ask::Demonym)
            {
                has_role |= role;
                i -= 1;
            } else {
                break;
            }
        }
        if !has_role || i == a {
            return None;
        }
        // Drop leading link words ("of", "the").
        while i < a && matches!(toks[i].s, "of" | "the" | "to" | "for" | "and" | "The") {
            i += 1;
        }
        let phrase = self.text[toks[i].start..toks[a - 1].end].trim();
        // "Putin and Foreign Minister" -> "Foreign Minister"; two roles joined by "and"
        // stay joined (resolve splits them).
        let parts: Vec<&str> = phrase
            .split(" and ")
            .filter(|p| self.has_role_word(p))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" and "))
    }

    /// Whether a phrase holds a role from the dictionary (a word or a two-word role).
    fn has_role_word(&self, phrase: &str) -> bool {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        // (Lower-cased without a copy: `word_class_folded`.)
        let is_role = |w: &str| {
            self.gaz.is(w, Lex::Role) || self.gaz.word_class_folded(w).has(WordClass::ROLE)
        };
        words.iter().any(|w| is_role(w)) || words.windows(2).any(|p| is_role(&p.join(" ")))
    }

    /// An apposition after a name: "Josh Earnest, the White House spokesman, said".
    fn role_after(&self, b: usize) -> Option<String> {
        let toks = self.toks;
        if b >= toks.len() || !self.text[toks[b - 1].end..toks[b].start].starts_with(',') {
            return None;
        }
        let mut i = b;
        if matches!(toks[i].s, "the" | "a" | "an" | "its" | "his" | "her") {
            i += 1;
        }
        let start = i;
        let mut has_role = false;
        while i < toks.len() && i < start + 8 {
            if i > start && !self.adjacent(i - 1, i) {
                break;
            }
            has_role |= self.ask(i, Ask::RoleFolded) || self.ask(i, Ask::Role);
            i += 1;
            if i < toks.len() && !self.adjacent(i - 1, i) {
                break;
            }
        }
        let gap_after = toks
            .get(i)
            .map(|t| &self.text[toks[i - 1].end..t.start])
            .unwrap_or("");
        if !has_role
            || i == start
            || !(gap_after.starts_with(',') || gap_after.starts_with('.') || i == toks.len())
        {
            return None;
        }
        Some(self.text[toks[start].start..toks[i - 1].end].to_string())
    }
}

impl NameRecognizer {
    /// Government bodies named by a country's possessive and a lower-case noun
    /// ("Russia's defense ministry"): an organisation, whose canonical name is the
    /// capitalised form news also uses ("Russian Defense Ministry"), so both merge.
    fn bodies(
        &self,
        text: &str,
        gaz: &Gazetteer,
        spans: &[Span],
        toks: &[Tok],
        out: &mut Vec<Candidate>,
    ) {
        // Only the names before "'s " are looked at, in the order of the text (most
        // documents have none; the regex is asked about these places, not the text).
        let mut possessives: Vec<usize> = spans
            .iter()
            .map(|sp| toks[sp.b - 1].end)
            .filter(|&e| text[e..].starts_with("'s ") || text[e..].starts_with("’s "))
            .collect();
        possessives.sort_unstable();
        possessives.dedup();
        for start in possessives {
            // The possessor: a dictionary country ending right before the "'s".
            let Some(sp) = spans.iter().find(|sp| toks[sp.b - 1].end == start) else {
                continue;
            };
            let Detail::Entry(ix) = sp.detail else {
                continue;
            };
            let entry = gaz.entry(ix);
            if sp.kind != EntityType::Place || !entry.source.ends_with("countries") {
                continue;
            }
            let Some(end) = self.body_at(text, start) else {
                continue;
            };
            let noun = &text[start..end][3..];
            let titled: Vec<String> = noun
                .split(' ')
                .map(|w| w[..1].to_uppercase() + &w[1..])
                .collect();
            let owner = entry
                .country
                .as_deref()
                .and_then(|c| gaz.demonym_of(c, &entry.canonical))
                .unwrap_or(&entry.canonical);
            let mut c = Candidate::new(toks[sp.a].start, end, EntityType::Org, "rule:country+body");
            c.canonical = Some(format!("{owner} {}", titled.join(" ")));
            c.priority = 2;
            out.push(c);
        }
    }
}

impl NameRecognizer {
    /// The end of the body named from byte `at` (a character boundary) of `text`
    /// ("'s defense ministry"): the match of a search of the whole text for
    /// `(?-u:\b)` and [`BODY`] that starts at `at`, without the search. `body` is
    /// anchored there, and the word boundary before the apostrophe (which is no word
    /// character) is an ASCII letter, digit or underscore before it.
    fn body_at(&self, text: &str, at: usize) -> Option<usize> {
        let word_before = at.checked_sub(1).is_some_and(|k| {
            text.as_bytes()[k].is_ascii_alphanumeric() || text.as_bytes()[k] == b'_'
        });
        if !word_before {
            return None;
        }
        self.body.find(&text[at..]).map(|m| at + m.end())
    }
}

impl Default for NameRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

/// Abbreviations whose full stop belongs to the word: titles, company suffixes, months,
/// and the AP abbreviations of US states ("Calif.", "Mo.").
static ABBREV: WordList = WordList::new(&[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev",
    "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Mt", "Ft", "Adm", "Maj", "Brig", "Bros", "Cos",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ala",
    "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore",
    "Oreg", "Pa", "Penn", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wisc", "Wyo",
]);

/// Chooses the entry a dictionary match stands for: names before demonyms (which are
/// MISC), and among names the dictionary's first: its type, index and source (the
/// `how` is `dict:` and the source).
fn pick_entry<'g>(gaz: &'g Gazetteer, entries: &[u32]) -> (Option<EntityType>, u32, &'g str) {
    let mut best: Option<(u8, u32)> = None;
    // A nationality adjective outranks a small place of the same spelling ("German",
    // a parish of the Isle of Man).
    let demonym = entries.iter().any(|&ix| gaz.entry(ix).lex == Lex::Demonym);
    for &ix in entries {
        let e = gaz.entry(ix);
        let minor_place = demonym
            && e.lex == Lex::Name(EntityType::Place)
            && (e.source.ends_with("cities") || e.source.ends_with("regions"));
        let rank = match e.lex {
            _ if minor_place => 0,
            Lex::Name(EntityType::Place) => 4,
            Lex::Name(EntityType::Org) => 4,
            Lex::Name(EntityType::Person) => 4,
            Lex::Name(_) => 2,
            Lex::Demonym => 1,
            _ => 0,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, ix));
        }
    }
    let (_, ix) = best.expect("a match has entries");
    let e = gaz.entry(ix);
    let kind = match e.lex {
        Lex::Name(t) => Some(t),
        Lex::Demonym => Some(EntityType::Misc),
        _ => None,
    };
    let src = e.source.strip_prefix("bundled:").unwrap_or(&e.source);
    (kind, ix, src)
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

/// Records tokens `a..b` as a piece to type by context, without link words at its
/// ends ("Barnett Banks Inc. of" -> "Barnett Banks Inc.").
fn push_trimmed_piece(toks: &[Tok], mut a: usize, mut b: usize, unknown: &mut Vec<(usize, usize)>) {
    while a < b && (LINKS.contains(toks[a].s) || PARTICLES.contains(toks[a].s)) {
        a += 1;
    }
    while b > a && (LINKS.contains(toks[b - 1].s) || PARTICLES.contains(toks[b - 1].s)) {
        b -= 1;
    }
    if a < b {
        unknown.push((a, b));
    }
}

/// Whether a word is an initial: one capital letter and a full stop ("J.").
fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Whether a word is written in capitals like an acronym ("USIA", "S&P", "NAHB"), and
/// is not a Roman numeral.
fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c == '&' || c == '.')
        && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Runs of capitalised tokens (with particles and links between them) as token ranges.
fn chunks(text: &str, toks: &[Tok], gaz: &Gazetteer) -> Vec<(usize, usize)> {
    // (News text has a chunk every nine words or so.)
    let mut out = Vec::with_capacity(toks.len() / 6);
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_cap() || toks[i].s.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        loop {
            if j >= toks.len() {
                break;
            }
            let gap = &text[toks[j - 1].end..toks[j].start];
            if gap == " & " && toks[j].is_cap() {
                j += 1;
                continue;
            }
            if gap != " " {
                break;
            }
            if toks[j].is_cap() {
                j += 1;
                continue;
            }
            // A particle or link joins only when a capitalised word follows it.
            // (A particle hyphened on: "al-", "El-", compared without case.)
            let hyphened_particle = toks[j].hyphen
                && toks[j]
                    .s
                    .split_once('-')
                    .is_some_and(|(w, _)| PARTICLES.contains_folded(w));
            // "Ministry of Trade and Industry": "and" inside a body's "of" phrase.
            let of_phrase = || {
                toks[j].s == "and"
                    && (start + 1..j)
                        .any(|k| toks[k].s == "of" && gaz.is(toks[k - 1].s, Lex::OrgHead))
            };
            // (The capitalised word after is asked for first: "of", "and" and "the"
            // after a capitalised word are common, and `links_after` probes a table.)
            let joins = hyphened_particle
                || toks.get(j + 1).is_some_and(|t| t.is_cap())
                    && text[toks[j].end..toks[j + 1].start] == *" "
                    && (PARTICLES.contains(toks[j].s)
                        || of_phrase()
                        || (LINKS.contains(toks[j].s) && links_after(toks[j - 1].s, gaz)));
            if joins && toks[j].s.contains('-') {
                j += 1;
            } else if joins {
                j += 2;
            } else {
                break;
            }
        }
        out.push((start, j));
        i = j;
    }
    out
}

/// Whether `w.to_lowercase() == lower`, for an ASCII `lower`, without allocating: only
/// ASCII letters and the Kelvin sign (U+212A, which lower-cases to `k`) can lower-case
/// to ASCII letters.
fn is_lower_of(w: &str, lower: &str) -> bool {
    if w.is_ascii() {
        w.eq_ignore_ascii_case(lower)
    } else {
        w.to_lowercase() == lower
    }
}

/// Whether "of"/"for"/"and" after `word` continues a name ("Ministry of Defense",
/// "Bank of England", "Center for ..."), rather than ending it ("Kerry of ...").
fn links_after(word: &str, gaz: &Gazetteer) -> bool {
    matches!(
        word,
        "Republic"
            | "Kingdom"
            | "Gulf"
            | "Sea"
            | "Bay"
            | "Isle"
            | "Cape"
            | "Strait"
            | "Ministry"
            | "Secretary"
            | "Minister"
            | "University"
            | "Bank"
            | "Department"
            | "Council"
            | "House"
            | "Court"
            | "Office"
            | "Institute"
            | "Federation"
            | "Union"
            | "Organization"
            | "Organisation"
            | "Association"
            | "Museum"
            | "Church"
            | "League"
            | "Board"
            | "Chamber"
            | "Academy"
            | "College"
            | "School"
            | "Centre"
            | "Center"
            | "Commission"
            | "Committee"
            | "Agency"
            | "Bureau"
            | "Party"
            | "Front"
            | "Army"
            | "Navy"
            | "Corps"
            | "Forces"
            | "State"
            | "States"
            | "Emirates"
            | "Islands"
            | "Province"
            | "City"
            | "Port"
            | "Lake"
            | "Mount"
    ) || gaz.is(word, Lex::OrgHead)
}

/// Whether the gap before a word starts a sentence: a line break, a stop or quote
/// mark, an opening parenthesis.
fn gap_starts_sentence(gap: &str) -> bool {
    gap.contains('\n')
        || gap
            .trim_start()
            .starts_with(['.', '!', '?', ':', '"', '“', '-', '—'])
        || gap.contains(". ")
        || gap.contains("? ")
        || gap.contains("! ")
        || gap.contains("\" ")
        || (gap.trim() == "\"" || gap.trim() == "“" || gap.trim() == "(")
}

/// False when `gap_starts_sentence(gap)` is: every one of its tests needs one of these
/// bytes, and most gaps (" ", ", ") have none. 0xE2 starts the curly quote and the dash.
fn gap_may_start_sentence(gap: &[u8]) -> bool {
    gap.iter().any(|&b| {
        matches!(
            b,
            b'\n' | b'.' | b'!' | b'?' | b':' | b'"' | b'(' | b'-' | 0xE2
        )
    })
}

/// Whether token `k` starts a sentence (or a line): the first token, or one after a
/// gap that [`gap_starts_sentence`].
fn starts_sentence(text: &str, toks: &[Tok], k: usize) -> bool {
    k == 0 || {
        let gap = toks[k - 1].end..toks[k].start;
        gap_may_start_sentence(&text.as_bytes()[gap.clone()]) && gap_starts_sentence(&text[gap])
    }
}

/// Whether at least 80% of the letters of `line` (four or more) are capitals. ASCII
/// is counted eight bytes at a time, and an ordinary line is given up on as soon as
/// its lower-case letters are too many for the rest of it to make up.
fn is_caps_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    let (mut lower, mut upper) = (0, 0);
    let mut blocks = bytes.chunks_exact(8);
    for (n, block) in blocks.by_ref().enumerate() {
        let w = u64::from_le_bytes(block.try_into().unwrap());
        if w & swar::HIGHS != 0 {
            return caps_by_count(line);
        }
        lower += swar::in_range(w, b'a', b'z').count_ones() as usize;
        upper += swar::in_range(w, b'A', b'Z').count_ones() as usize;
        // Even if every byte left were a capital, fewer than 80% of the letters
        // would be.
        if lower * 4 > upper + (bytes.len() - (n + 1) * 8) {
            return false;
        }
    }
    for &b in blocks.remainder() {
        if b >= 0x80 {
            return caps_by_count(line);
        }
        lower += usize::from(b.is_ascii_lowercase());
        upper += usize::from(b.is_ascii_uppercase());
    }
    let letters = lower + upper;
    letters >= 4 && upper * 10 >= letters * 8
}

/// The headline test on any text: count every letter and every capital.
fn caps_by_count(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    letters >= 4 && upper * 10 >= letters * 8
}

/// The byte range of the line holding byte `at`, with its line break.
fn line_at(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |k| k + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |k| at + k + 1);
    (start, end)
}

/// Byte ranges of the lines of `text` written in capitals (most texts have none): the
/// reference for [`Ctx::caps`], which looks at the lines of the tokens it is asked about.
#[cfg(test)]
fn caps_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if is_caps_line(line) {
            out.push((start, start + line.len()));
        }
        start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn caps_line_cases() {
        assert!(is_caps_line("THE QUICK BROWN fox\n")); // 13 of 16 capitals
        assert!(!is_caps_line("THE QUICK BROWN foxes\n")); // 13 of 18
        assert!(!is_caps_line("ABC\n"));
        assert!(is_caps_line("ZÜRICH WINS CUP"));
        assert!(!is_caps_line("Zürich wins the cup"));
    }

    proptest! {
        #[test]
        fn caps_line_gives_up_only_when_the_count_says_no(
            line in "[A-Za-z0-9 ,.ÄÜéßΣσ\u{2160}-]{0,60}"
        ) {
            prop_assert_eq!(is_caps_line(&line), caps_by_count(&line));
        }

        /// ASCII lines go through the eight-byte counts; the bytes just outside the
        /// letter ranges ('@', '[', '`', '{') must not count.
        #[test]
        fn caps_line_by_blocks_counts_as_by_chars(line in "[A-Za-z@\\[`{ .]{0,80}") {
            prop_assert_eq!(is_caps_line(&line), caps_by_count(&line));
        }
    }

    proptest! {
        /// The line of each byte, tested alone, is in capitals exactly when the
        /// whole-text scan lists it.
        #[test]
        fn caps_line_at_each_byte_is_caps_lines(text in "[A-Za-z Ü\n]{0,80}") {
            let lines = caps_lines(&text);
            for at in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let (start, end) = line_at(&text, at);
                let listed = lines.iter().any(|&(s, e)| s <= at && at < e);
                prop_assert_eq!(is_caps_line(&text[start..end]), listed, "{:?} at {}", text, at);
                prop_assert!(start <= at && at < end);
            }
        }
    }

    proptest! {
        /// `next_word` finds the words the regex of its doc comment finds, with the
        /// inner separators each has (a trailing period is no inner one).
        #[test]
        fn next_word_is_the_word_regex(text in "[A-Za-z0-9 .'’&é—Ü,-]{0,40}") {
            let r = NameRecognizer::new();
            let re = Regex::new(r"[\p{L}\p{N}]+(?:[.'’\-&][\p{L}\p{N}]+)*\.?").unwrap();
            let want: Vec<(usize, usize, u8)> = re
                .find_iter(&text)
                .map(|m| {
                    let body = m.as_str().strip_suffix('.').unwrap_or(m.as_str());
                    let mut inner = 0;
                    if body.contains('.') {
                        inner |= INNER_DOT;
                    }
                    if body.contains('-') {
                        inner |= INNER_HYPHEN;
                    }
                    if body.contains(['\'', '’']) {
                        inner |= INNER_QUOTE;
                    }
                    (m.start(), m.end(), inner)
                })
                .collect();
            let mut got = Vec::new();
            let mut from = 0;
            while let Some(w) = r.next_word(&text, from) {
                from = w.1;
                got.push(w);
            }
            prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    /// The tokens of `text` word by word: every word of `next_word` through
    /// `word_tok`, the reference for the fast path of `tokens`.
    /// `NameRecognizer::tokens` of `text` on its shared tokens.
    fn tokens_of<'t>(r: &NameRecognizer, text: &'t str, gaz: &Gazetteer) -> Vec<Tok<'t>> {
        tokens::with_tokens(text, tokens::no_words(), |shared| {
            r.tokens(text, shared, gaz)
        })
    }

    fn tokens_by_words<'t>(r: &NameRecognizer, text: &'t str, gaz: &Gazetteer) -> Vec<Tok<'t>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some((start, end, inner)) = r.next_word(text, from) {
            out.push(r.word_tok(text, start, end, inner, gaz));
            from = end;
        }
        out
    }

    proptest! {
        /// `tokens` reads the words off the shared tokens: the same tokens as taking
        /// them all from `next_word`.
        #[test]
        fn tokens_are_the_tokens_of_the_words(
            text in "[A-Za-z0-9 .'’&é—Ü,\n-]{0,40}|([A-Z]?[a-z]{0,9}[ .,'’-]{1,2}){0,8}"
        ) {
            let r = NameRecognizer::new();
            let g = common_words();
            prop_assert_eq!(tokens_of(&r, &text, g), tokens_by_words(&r, &text, g), "{:?}", text);
        }
    }

    #[test]
    fn tokens_cut_stops_modifiers_and_possessives() {
        let r = NameRecognizer::new();
        let g = common_words();
        let text = "The New York-based firm of Mr. O'Brien, U.N.-led talks, Russia's al-Assad \
                    and AT&T. Zürich’s J. R. Ewing said 3.5 per cent—rose.";
        let toks = tokens_of(&r, text, g);
        assert_eq!(toks, tokens_by_words(&r, text, g));
        let words: Vec<&str> = toks.iter().map(|t| t.s).collect();
        assert_eq!(
            words,
            [
                "The", "New", "York", "firm", "of", "Mr.", "O'Brien", "U.N.", "led", "talks",
                "Russia", "al-Assad", "and", "AT&T", "Zürich", "J.", "R.", "Ewing", "said", "3.5",
                "per", "cent", "rose"
            ]
        );
    }

    /// The bundled dictionaries, loaded once for the tests that need the common
    /// words (the hyphened modifiers of `word_tok`: "New York-based").
    fn common_words() -> &'static Gazetteer {
        static GAZ: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        GAZ.get_or_init(Gazetteer::bundled)
    }

    /// The word lists.
    const LISTS: [&WordList; 11] = [
        &PARTICLES,
        &LINKS,
        &SPEECH_VERBS,
        &LOCATIVE,
        &COMPANY_SUFFIXES,
        &SUBUNITS,
        &INSTITUTIONS,
        &PLACE_HEAD_LIST,
        &PLACE_PREFIXES,
        &ROLE_WORDS,
        &ABBREV,
    ];

    /// Words of the lists, and words like them (in capitals, with a letter or sign
    /// before or after, the Kelvin sign or a non-ASCII letter among them).
    fn list_probe() -> impl Strategy<Value = String> {
        let words: Vec<&'static str> = LISTS.iter().flat_map(|l| l.words.iter().copied()).collect();
        (
            proptest::sample::select(words),
            "[a-zA-Z.&\u{212A}É]{0,2}",
            0..4usize,
        )
            .prop_map(|(w, extra, how)| match how {
                0 => w.to_string(),
                1 => w.to_uppercase(),
                2 => format!("{extra}{w}"),
                _ => format!("{w}{extra}"),
            })
    }

    proptest! {
        /// The filter of a word list turns away only words that are not on it.
        #[test]
        fn word_lists_are_their_words(w in list_probe()) {
            for list in LISTS {
                prop_assert_eq!(list.contains(&w), list.words.contains(&w.as_str()), "{:?}", w);
            }
            for list in [&PARTICLES, &SPEECH_VERBS, &LOCATIVE, &ROLE_WORDS] {
                prop_assert_eq!(
                    list.contains_folded(&w),
                    list.words.iter().any(|p| is_lower_of(&w, p)),
                    "{:?}",
                    w
                );
            }
        }
    }

    proptest! {
        #[test]
        fn facility_pre_check_loses_nothing(
            rest in "( ?(air|airbase|naval|military|army|refugee|a|n|m|r)[ a-z]{0,6}){1,2}|.{0,10}"
        ) {
            let r = NameRecognizer::new();
            prop_assert!(may_be_facility(&rest) || r.facility.find(&rest).is_none());
        }
    }

    proptest! {
        /// The words read off the shared tokens are the words `next_word` finds, also
        /// where non-ASCII letters, digits and marks make the two scanners' runs differ
        /// ("²" is a word character; U+0345 is alphanumeric but no `\p{L}` or `\p{N}`).
        #[test]
        fn words_from_tokens_are_next_word(
            text in "[A-Za-z0-9 .'’&é²\u{345}\u{663}—“Ü,\n-]{0,40}",
        ) {
            let r = NameRecognizer::new();
            let mut want = Vec::new();
            let mut from = 0;
            while let Some(w) = r.next_word(&text, from) {
                from = w.1;
                want.push(w);
            }
            let got = tokens::with_tokens(&text, tokens::no_words(), |shared| {
                let mut words = Words::new(shared);
                let mut got = Vec::new();
                while let Some(w) = words.next(&r, &text) {
                    got.push(w);
                }
                got
            });
            prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    proptest! {
        /// `body_at` at each apostrophe is the match of the search through the whole
        /// text that starts there (the matches hold no apostrophe but their first,
        /// so none covers another's start).
        #[test]
        fn body_at_is_the_search(
            text in "([a-zé._ ]{0,3}['’](s|s |x)( ?)(defen[cs]e |foreign |emergency |)(ministry|army|air force|armies|navy|xx)[a-z ,.]{0,2}){1,3}"
        ) {
            let r = NameRecognizer::new();
            let search = Regex::new(&format!(r"(?-u:\b)({BODY})")).unwrap();
            for at in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let want = search.find_iter(&text).find(|m| m.start() == at).map(|m| m.end());
                prop_assert_eq!(r.body_at(&text, at), want, "{:?} at {}", text, at);
            }
        }
    }

    proptest! {
        #[test]
        fn sentence_start_pre_check_loses_nothing(gap in "[a-z .,;:!?\"“”—()\n-]{0,12}") {
            prop_assert!(gap_may_start_sentence(gap.as_bytes()) || !gap_starts_sentence(&gap));
        }
    }

    #[test]
    fn caps_lines_are_byte_ranges_with_their_breaks() {
        let text = "Calm words here\nBIG NEWS TODAY\nmore calm words\nLAST LINE";
        assert_eq!(caps_lines(text), [(16, 31), (47, 56)]);
        assert!(caps_lines("no headline\n").is_empty());
    }

    /// `Ctx::ask` (which notes both classes of a word in small ASCII letters at the
    /// first question) answers what the word lists say of the word and of the word
    /// lower-cased, whichever question comes first.
    #[test]
    fn ask_answers_what_the_word_lists_say() {
        let r = NameRecognizer::new();
        let g = common_words();
        let text = "President Putin said the deputy minister of Ébano told MR. smith, \
                    Reading and reading Mr. Bill Daley’s will in PARIS ÉTÉ é Kelvin \u{212A}ing";
        let toks = tokens_of(&r, text, g);
        let asks = [
            (Ask::Word, false, WordClass::STOP_WORD),
            (Ask::Stop, false, WordClass::STOP),
            (Ask::Given, false, WordClass::GIVEN),
            (Ask::Surname, false, WordClass::SURNAME),
            (Ask::OrgHead, false, WordClass::ORG_HEAD),
            (Ask::Honorific, false, WordClass::HONORIFIC),
            (Ask::Role, false, WordClass::ROLE),
            (Ask::Demonym, false, WordClass::DEMONYM),
            (Ask::RoleFolded, true, WordClass::ROLE),
            (Ask::CommonFolded, true, WordClass::COMMON),
            (Ask::TitleStart, true, WordClass::TITLE_START),
        ];
        // Each question first, then all the others, on a fresh context.
        for first in 0..asks.len() {
            let ctx = Ctx {
                text,
                toks: &toks,
                gaz: g,
                caps_line: Cell::new((0, 0, false)),
                caps_lines: RefCell::new(Vec::new()),
                sports: OnceCell::new(),
                sports_words: &r.sports,
                classes: vec![Cell::new(0); toks.len()],
                lower: RefCell::new(String::new()),
            };
            for k in (first..asks.len()).chain(0..first) {
                let (q, folded, class) = asks[k];
                for (i, t) in toks.iter().enumerate() {
                    let want = if folded {
                        g.word_class_folded(t.s)
                    } else {
                        g.word_class(t.s)
                    };
                    assert_eq!(ctx.ask(i, q), want.has(class), "{:?} {k}", t.s);
                }
            }
        }
    }

    #[test]
    fn sentence_starts_after_stops_quotes_and_breaks() {
        let r = NameRecognizer::new();
        let g = Gazetteer::from_entries(Vec::new()).unwrap();
        let text = "One two. Three, four\nFive (Six) said \u{201c}Seven — Eight? Nine";
        let starts: Vec<&str> = tokens::with_tokens(text, tokens::no_words(), |shared| {
            let toks = r.tokens(text, shared, &g);
            (0..toks.len())
                .filter(|&k| starts_sentence(text, &toks, k))
                .map(|k| toks[k].s)
                .collect()
        });
        assert_eq!(
            starts,
            ["One", "Three", "Five", "Six", "Seven", "Eight", "Nine"]
        );
    }
}
