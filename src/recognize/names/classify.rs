//! What the rules ask of a word and its context ([`Ctx::ask`], sentence starts, lines
//! in capitals, titles before a name), and [`Ctx::classify`]: the typing of a piece
//! of a chunk that no dictionary knows, by its words and the words around it.

use super::lists::{
    is_pinyin_given, is_pinyin_surname, is_sports, COMPANY_SUFFIXES, FIRM_BEFORE, FIRM_NOUNS,
    FIRM_OWNED, INSTITUTIONS, LOCATIVE, PAPER_HEADS, PLACE_HEAD_LIST, PLACE_PREFIXES,
    PUBLICATION_NOUNS, SPEECH_VERBS,
};
use super::words::Tok;
use super::{Ask, Ctx, Span};
use crate::gazetteer::{Lex, WordClass};
use crate::record::EntityType;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

impl<'a> Ctx<'a> {
    /// The answer to question `q` about token `i`'s word.
    pub(super) fn ask(&self, i: usize, q: Ask) -> bool {
        let w = self.toks[i].s;
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
        let (exact, lower) = *self.classes[i]
            .get_or_init(|| (self.gaz.word_class(w), self.gaz.word_class_folded(w)));
        if folded { lower } else { exact }.has(class)
    }

    /// Whether the document is a sports report ([`is_sports`]).
    pub(super) fn is_sports(&self) -> bool {
        *self.sports.get_or_init(|| is_sports(self.text))
    }

    /// Whether token `i` starts a sentence or a line.
    pub(super) fn sent_start(&self, i: usize) -> bool {
        starts_sentence(self.text, self.toks, i)
    }

    /// Whether token `i` lies on a line written in capitals (a headline), where
    /// capitalisation says nothing.
    pub(super) fn caps(&self, i: usize) -> bool {
        let at = self.toks[i].start;
        let lines = self.caps_lines.get_or_init(|| caps_lines(self.text));
        let k = lines.partition_point(|&(_, end)| end <= at);
        lines.get(k).is_some_and(|&(start, _)| start <= at)
    }

    /// Whether token `i` is a body named by one word at a sentence's start
    /// ("Congress previously cut ...", "Navy officials said"): capitalised there
    /// anyway, but its lower-case word seldom opens a sentence. "House" does ("House
    /// prices rose"), and a line in capitals says nothing.
    pub(super) fn opening_institution(&self, i: usize) -> bool {
        let w = self.toks[i].s;
        w != "House" && INSTITUTIONS.contains(w) && !self.caps(i) && !self.ask(i, Ask::Word)
    }

    /// Whether token `i` is capitalised only because of where it stands (sentence
    /// start, a headline in capitals) and is an ordinary word.
    pub(super) fn commonish(&self, i: usize) -> bool {
        // (The word's classes first: they are looked up already, and most capitalised
        // words are no ordinary word, which spares looking at the gap before.)
        self.ask(i, Ask::Word)
            || (self.ask(i, Ask::CommonFolded) && (self.sent_start(i) || self.caps(i)))
    }

    /// Skips leading honorifics and roles ("President", "Mr.", "Secretary of State").
    pub(super) fn strip_titles(&self, a: usize, b: usize) -> (usize, Option<&'a str>) {
        let mut i = a;
        let mut role = None;
        while i < b {
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
                    self.gaz.may_be_title(s)
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
        // A role's "of" phrase is part of the title ("Minister of Agriculture Tomas
        // Ruiz", "Secretary of Health and Human Services"), up to a given name.
        if i > a && i < b && self.toks[i].s == "of" {
            let mut j = i + 1;
            while j < b
                && !self.ask(j, Ask::Given)
                && (self.toks[j].is_cap() || (self.toks[j].s == "and" && j + 1 < b))
            {
                j += 1;
            }
            if j > i + 1 {
                role = Some(&self.text[self.toks[a].start..self.toks[j - 1].end]);
                i = j;
            }
        }
        (i, role)
    }

    /// Types a piece no dictionary knows, by its words and its context.
    /// `titles`: [`Ctx::strip_titles`] of the piece.
    pub(super) fn classify(
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
        let first = toks[a].s;
        let last = toks[b - 1].s;
        let single = b - a == 1;
        // The word before, when only white space stands between.
        let before = (a > 0 && self.adjacent(a - 1, a)).then(|| a - 1);
        let prev = before.map_or("", |k| toks[k].s);
        let prev_is = |q: Ask| before.is_some_and(|k| self.ask(k, q));
        // The word after, likewise. (Both are compared lower-cased, with
        // `WordList::contains_folded`.)
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
        let by_head = self.by_head((a, b), (prev, next), person_cue, common_first);
        let (kind, how) = if let Some(found) = by_head {
            found
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
        } else if b - a == 2 && self.pinyin_pair(a) {
            // A Chinese name in either order: "Zemin Jiang", "Ye Daying" (a surname,
            // and a given name written like pinyin that no list knows).
            (EntityType::Person, "rule:pinyin-name")
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
            && (!single
                || ((self.ask(a, Ask::Surname) || self.ask(a, Ask::Given))
                    && !self.ask(a, Ask::CommonFolded)))
        {
            (EntityType::Person, "rule:name+said")
        } else if SPEECH_VERBS.contains_folded(prev) && !all_common && (2..=3).contains(&(b - a)) {
            (EntityType::Person, "rule:said+name")
        } else if single
            && is_acronym(first)
            // Two capitals alone are more often initials ("TJ"), a code or unit ("300
            // GB", "the OT"), or a state's or city's abbreviation ("TN", "HK") than an
            // organisation no dictionary knows: by their shape they name one only
            // after "the" ("the VA"). An ampersand counts as a letter ("S&P", "A&E").
            && (first.chars().filter(|&c| c.is_ascii_uppercase() || c == '&').count() > 2
                || prev.eq_ignore_ascii_case("the"))
            && !self.caps(a)
            && !self.is_label(a)
            // An ordinary word in capitals is emphasis or a heading ("WE", "FUNDS").
            && !self.ask(a, Ask::CommonFolded)
            // A long word in capitals that a place list knows is a dateline ("DUBAI,
            // United Arab Emirates"), not an acronym.
            && (first.len() <= 4 || !is_known_place_folded(gaz, first))
            && !self.spells_out_a_thing(first)
        {
            (EntityType::Org, "rule:acronym")
        } else if single
            && LOCATIVE.contains_folded(prev)
            && !self.ask(a, Ask::CommonFolded)
            && !self.caps(a)
        {
            (EntityType::Place, super::LOCATIVE_RULE)
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
            // A town's name is often a surname too, and a side is named by its town
            // on a results or standings line ("Carlisle 4 2 1 1"), where people are
            // named in full.
            if self.scored_side(a, b) {
                (EntityType::Org, "rule:score-line")
            } else {
                (EntityType::Person, "rule:surname")
            }
        } else {
            return None;
        };
        let mut sp = Span::new(a, b, kind, how);
        if kind == EntityType::Person {
            sp.role = title_role.map(str::to_string);
        }
        Some(sp)
    }

    /// The rules that type a piece by a head word in it or beside it: an organisation's
    /// or a place's head ("... Seminary", "... Avenue"), a body or a newspaper named by
    /// its head alone, a publication beside its noun, a part of the world.
    /// `(prev, next)`: the words just before and after the piece; `person_cue`: a title
    /// or role stands before it.
    fn by_head(
        &self,
        (a, b): (usize, usize),
        (prev, next): (&str, &str),
        person_cue: bool,
        common_first: bool,
    ) -> Option<(EntityType, &'static str)> {
        let toks = self.toks;
        let words = || toks[a..b].iter().map(|t| t.s);
        let (first, last) = (toks[a].s, toks[b - 1].s);
        let single = b - a == 1;
        if (!single && self.ask(b - 1, Ask::OrgHead))
            || (!single && self.ask(a, Ask::OrgHead) && words().any(|w| w == "of"))
        {
            Some((EntityType::Org, "rule:org-head"))
        } else if single
            && INSTITUTIONS.contains(first)
            && (!common_first || self.opening_institution(a))
            && !self.caps(a)
        {
            // A body named by its head alone, capitalised mid-sentence: "the Treasury",
            // "Parliament voted", "a Navy contract".
            Some((EntityType::Org, "rule:institution"))
        } else if single
            && PAPER_HEADS.contains(first)
            && prev.eq_ignore_ascii_case("the")
            && !self.caps(a)
        {
            // A newspaper named by its head after "the": "the Herald said".
            Some((EntityType::Org, "rule:paper"))
        } else if b - a <= 4
            && (PUBLICATION_NOUNS.contains(next) || PUBLICATION_NOUNS.contains(prev))
            && !common_first
            && !self.caps(a)
        {
            // A publication named beside its noun: "the weekly newspaper Nedelya",
            // "Garbage magazine".
            Some((EntityType::Org, "rule:publication"))
        } else if !single
            && (PLACE_HEAD_LIST.contains(last) || PLACE_PREFIXES.contains(first))
            // "Ambassador Nora Hills": a title and a surname that is also a place head.
            && !(person_cue && self.ask(b - 1, Ask::Surname))
        {
            Some((EntityType::Place, "rule:place-head"))
        } else if single
            && prev.to_lowercase() == "the"
            && matches!(first, "West" | "East" | "Midwest" | "Orient")
        {
            // "the West", "the East": parts of the world.
            Some((EntityType::Place, "rule:compass"))
        } else {
            None
        }
    }

    /// Whether tokens `a`, `a + 1` are a Chinese name in either order: a given name
    /// written in pinyin that no list knows, then a surname of one pinyin syllable
    /// ("Zemin Jiang"), or the other way round ([`Ctx::pinyin_surname_first`]).
    pub(super) fn pinyin_pair(&self, a: usize) -> bool {
        let (first, last) = (self.toks[a].s, self.toks[a + 1].s);
        !self.caps(a)
            && !self.ask(a, Ask::Stop)
            && !self.ask(a + 1, Ask::Stop)
            && ((!self.ask(a, Ask::CommonFolded)
                && !self.ask(a, Ask::Given)
                && self.ask(a + 1, Ask::Surname)
                && !self.ask(a + 1, Ask::CommonFolded)
                && is_pinyin_surname(last)
                && is_pinyin_given(first))
                || self.pinyin_surname_first(a))
    }

    /// Whether tokens `a`, `a + 1` are a Chinese name surname first ("Ye Daying"): a
    /// surname of one pinyin syllable, then a given name written in pinyin that no
    /// list knows.
    pub(super) fn pinyin_surname_first(&self, a: usize) -> bool {
        let toks = self.toks;
        // (The words' classes are asked before their spelling: splitting a word into
        // syllables costs more than a look-up.)
        a + 1 < toks.len()
            && self.ask(a, Ask::Surname)
            && !self.ask(a + 1, Ask::CommonFolded)
            && !self.ask(a + 1, Ask::Given)
            && !self.ask(a + 1, Ask::Stop)
            && is_pinyin_surname(toks[a].s)
            && is_pinyin_given(toks[a + 1].s)
    }

    /// Whether the document gives `acronym` in brackets after lower-case words
    /// ("the synthetic hormone diethylstilbestrol (DES)", "a very large crude carrier
    /// (VLCC)"): it abbreviates a thing, not a body, wherever the document uses it.
    pub(super) fn spells_out_a_thing(&self, acronym: &str) -> bool {
        self.spelled_out
            .get_or_init(|| bracketed_after_lower_case(self.text))
            .contains(&acronym)
    }

    /// Whether token `i` is a label opening a line ("FILE - ...", "UPDATE: ...").
    pub(super) fn is_label(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let line_start = self.text[..t.start].rfind('\n').map_or(0, |p| p + 1);
        let after = self.text[t.end..].trim_start_matches(' ');
        self.text[line_start..t.start].trim().is_empty()
            && (after.starts_with('-') || after.starts_with(':') || after.starts_with('\u{2013}'))
    }

    /// Whether tokens `i` and `j` (= i + 1) are separated by white space only.
    pub(super) fn adjacent(&self, i: usize, j: usize) -> bool {
        self.text[self.toks[i].end..self.toks[j].start]
            .trim()
            .is_empty()
    }
}

/// What `text` gives in brackets right after a word that starts in lower case: "DES"
/// in "the synthetic hormone diethylstilbestrol (DES)". One pass over the brackets.
fn bracketed_after_lower_case(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(len) = text[open + 1..].find(')') else {
            break;
        };
        let word = text[..open]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        if word.starts_with(|c: char| c.is_lowercase()) {
            out.push(&text[open + 1..open + 1 + len]);
        }
    }
    out
}

/// Whether a word is an initial: one capital letter and a full stop ("J.").
pub(super) fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Whether a word is written in capitals like an acronym ("USIA", "S&P", "NAHB"), and
/// is not a Roman numeral.
pub(super) fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c == '&' || c == '.')
        && !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Whether the gap before a word starts a sentence: a line break, a stop or quote
/// mark, a dash, an opening parenthesis. A hyphened word cut off the name before
/// ("New York-based Union Theological Seminary": the gap "-based ") is no dash.
pub(super) fn gap_starts_sentence(gap: &str) -> bool {
    let g = gap.trim_start();
    let hyphened = g.starts_with('-') && g[1..].starts_with(|c: char| c.is_alphanumeric());
    gap.contains('\n')
        || (g.starts_with(['.', '!', '?', ':', '"', '“', '-', '—']) && !hyphened)
        || gap.contains(". ")
        || gap.contains("? ")
        || gap.contains("! ")
        || gap.contains("\" ")
        || (gap.trim() == "\"" || gap.trim() == "“" || gap.trim() == "(")
}

/// Whether token `k` starts a sentence (or a line): the first token, or one after a
/// gap that [`gap_starts_sentence`].
pub(super) fn starts_sentence(text: &str, toks: &[Tok], k: usize) -> bool {
    k == 0 || {
        let gap = toks[k - 1].end..toks[k].start;
        gap_starts_sentence(&text[gap])
    }
}

/// Whether at least 80% of the letters of `line` (four or more) are capitals.
pub(super) fn is_caps_line(line: &str) -> bool {
    // A line with lower-case letters in more than a fifth of its bytes has them in
    // more than a fifth of its letters: most lines are told at their first words.
    let mut lower = 0;
    for &b in line.as_bytes() {
        lower += usize::from(b.is_ascii_lowercase());
        if lower * 5 > line.len() {
            return false;
        }
    }
    // ASCII letters are counted byte by byte (no byte of another character is one),
    // which needs no decoding; only the other characters are decoded.
    let mut letters = line.bytes().filter(u8::is_ascii_alphabetic).count();
    let mut upper = line.bytes().filter(u8::is_ascii_uppercase).count();
    if !line.is_ascii() {
        for c in line.chars().filter(|c| !c.is_ascii()) {
            letters += usize::from(c.is_alphabetic());
            upper += usize::from(c.is_uppercase());
        }
    }
    letters >= 4 && upper * 10 >= letters * 8
}

/// Byte ranges of the lines of `text` (each with its line break) written in capitals,
/// in order (most texts have none).
pub(super) fn caps_lines(text: &str) -> Vec<(usize, usize)> {
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

impl<'a> Ctx<'a> {
    /// First pass over the pieces no dictionary knows: types what context can type on
    /// its own, and returns the rest (without their titles) for
    /// [`Ctx::type_by_document`].
    pub(super) fn type_by_context(
        &self,
        unknown: Vec<(usize, usize)>,
        spans: &mut Vec<Span>,
    ) -> Vec<(usize, usize)> {
        let org_stems = self.org_stems(spans);
        let mut rest = Vec::new();
        for (a, b) in unknown {
            let t = &self.text[self.toks[a].start..self.toks[b - 1].end];
            if org_stems.contains(t) && !self.commonish(a) {
                spans.push(Span::new(a, b, EntityType::Org, "rule:company-short-form"));
                continue;
            }
            // (The titles are stripped once: the second pass looks at what is left.)
            let titles = self.strip_titles(a, b);
            match self.classify(a, b, titles) {
                // A lone word only the surname list knows, written as a thing ("the
                // Cole", `"Cosby"`), is no person; nor is it typed later by the
                // document (a surname of a person known elsewhere stays no guess).
                Some(span) if span.how == "rule:surname" && self.written_as_a_thing(span.a) => {}
                Some(span) => spans.push(self.town_before_state(span)),
                None => rest.push((titles.0, b)),
            }
        }
        self.firms_by_cue(spans);
        rest
    }

    /// Retypes the lone words typed people by the surname list alone (or by it and a
    /// speech verb after) when the words around one of them say it is a business
    /// ("Younkers management", "shares of Firestone", "Equitable's president"): every
    /// such mention of the word in the document becomes the organisation.
    fn firms_by_cue(&self, spans: &mut [Span]) {
        let (text, toks) = (self.text, self.toks);
        let word = |sp: &Span| &text[toks[sp.a].start..toks[sp.b - 1].end];
        // (A lone surname before a speech verb is no more a person: "Brannock said".)
        let guessed = |sp: &Span| {
            sp.how == "rule:surname" || (sp.how == "rule:name+said" && sp.b - sp.a == 1)
        };
        let mut firms: Vec<&str> = Vec::new();
        for sp in spans.iter().filter(|sp| guessed(sp)) {
            if !firms.contains(&word(sp)) && self.firm_cue(sp.a) {
                firms.push(word(sp));
            }
        }
        if firms.is_empty() {
            return;
        }
        for sp in spans.iter_mut() {
            if guessed(sp) && firms.contains(&word(sp)) {
                sp.kind = EntityType::Org;
                sp.how = "rule:firm-cue".to_string();
            }
        }
    }

    /// Whether the words around the lone word at token `i` make it a business: a
    /// business's noun after it, with or without a possessive ("Younkers management",
    /// "Equitable's president"), or a phrase before it that takes one ("shares of",
    /// "a spokesman for", "a stake in").
    fn firm_cue(&self, i: usize) -> bool {
        let (text, toks) = (self.text, self.toks);
        let after = &text[toks[i].end..];
        let (possessive, after) = match after
            .strip_prefix("'s ")
            .or_else(|| after.strip_prefix("’s "))
        {
            Some(rest) => (true, rest),
            None => (false, after.strip_prefix(' ').unwrap_or("")),
        };
        let next = after
            .split(|c: char| !c.is_alphabetic() && c != '-')
            .next()
            .unwrap_or("");
        if FIRM_NOUNS.contains(next) || (possessive && FIRM_OWNED.contains(next)) {
            return true;
        }
        let before = text[..toks[i].start].trim_end_matches(' ');
        FIRM_BEFORE.iter().any(|p| {
            before.ends_with(p)
                && before[..before.len() - p.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    }

    /// The short forms of the companies of `spans`: companies named in full elsewhere
    /// in the document ("Fennimore Holdings Inc.") are that company when named short
    /// ("Fennimore Holdings", "Fennimore"): same-document evidence beats the guess
    /// that a lone capitalised word is a surname.
    fn org_stems(&self, spans: &[Span]) -> HashSet<&'a str> {
        let (text, toks) = (self.text, self.toks);
        let mut stems = HashSet::default();
        for sp in spans
            .iter()
            .filter(|sp| sp.kind == EntityType::Org && sp.b - sp.a >= 2)
        {
            if COMPANY_SUFFIXES.contains(toks[sp.b - 1].s) {
                stems.insert(&text[toks[sp.a].start..toks[sp.b - 2].end]);
                stems.insert(toks[sp.a].s);
            } else {
                // "Fujitsu Laboratories", "Treasury Department": the distinctive first
                // word, when it is no ordinary word and no other dictionary name.
                let w = toks[sp.a].s;
                if !self.ask(sp.a, Ask::CommonFolded)
                    && self.gaz.lookup(w).is_empty()
                    && !self.ask(sp.a, Ask::Given)
                {
                    stems.insert(w);
                }
            }
        }
        stems
    }

    /// Second pass: one name, one type per document. A piece typed anywhere types its
    /// other occurrences; a single word that ends a person's name is that person
    /// ("Kerry" after "John Kerry").
    pub(super) fn type_by_document(&self, rest: Vec<(usize, usize)>, spans: &mut Vec<Span>) {
        let (text, toks) = (self.text, self.toks);
        let mut doc_types: HashMap<&str, EntityType> = HashMap::default();
        let mut surnames: HashSet<&str> = HashSet::default();
        for sp in spans.iter() {
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
                surnames.insert(toks[sp.b - 1].s);
            }
        }
        for (a, b) in rest {
            if a >= b {
                continue;
            }
            let t = &text[toks[a].start..toks[b - 1].end];
            let single = b - a == 1;
            let found = doc_types
                .get(t)
                .map(|&k| (k, "rule:same-name"))
                .or_else(|| {
                    (single && surnames.contains(toks[a].s))
                        .then_some((EntityType::Person, "rule:short-form"))
                })
                .or_else(|| {
                    // The surname of someone the dictionaries know, capitalised
                    // mid-sentence, even when it is also an ordinary word ("Bush").
                    (single && !self.caps(a) && self.gaz.is_known_surname(toks[a].s))
                        .then_some((EntityType::Person, "rule:known-surname"))
                })
                .or_else(|| {
                    self.scored_side(a, b)
                        .then_some((EntityType::Org, "rule:score-line"))
                });
            if let Some((kind, how)) = found {
                let lone_word = single && (self.commonish(a) || toks[a].s.chars().count() == 1);
                if !lone_word {
                    spans.push(Span::new(a, b, kind, how));
                }
            }
        }
    }
}

/// True when `word`, case-folded, is the surface of a PLACE entry.
fn is_known_place_folded(gaz: &crate::gazetteer::Gazetteer, word: &str) -> bool {
    gaz.lookup_folded(word)
        .iter()
        .any(|&i| gaz.entry(i).lex == crate::gazetteer::Lex::Name(EntityType::Place))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::names::{common_words, tokens_of, NameRecognizer};
    use crate::recognize::tokens;

    proptest::proptest! {
        /// Counting the ASCII letters by bytes counts what decoding every character
        /// counts (the bytes just outside the letter ranges, '@', '[', '`', '{', are
        /// none).
        #[test]
        fn caps_line_counts_as_by_chars(line in "[A-Za-z0-9 ,.@\\[`{\u{c4}\u{dc}\u{e9}\u{df}\u{3a3}\u{3c3}\u{2160}-]{0,60}") {
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            let upper = line.chars().filter(|c| c.is_uppercase()).count();
            proptest::prop_assert_eq!(is_caps_line(&line), letters >= 4 && upper * 10 >= letters * 8);
        }
    }

    #[test]
    fn brackets_after_lower_case_words() {
        let text = "the hormone diethylstilbestrol (DES) and the Food and Drug \
                    Administration (FDA), a ((VLCC)) tanker (open";
        let found = bracketed_after_lower_case(text);
        assert!(found.contains(&"DES"));
        // Not after a capitalised word, nor an acronym with a second bracket before it.
        assert!(!found.contains(&"FDA") && !found.contains(&"VLCC"));
        assert!(bracketed_after_lower_case("no brackets").is_empty());
    }

    #[test]
    fn caps_line_cases() {
        assert!(is_caps_line("THE QUICK BROWN fox\n")); // 13 of 16 capitals
        assert!(!is_caps_line("THE QUICK BROWN foxes\n")); // 13 of 18
        assert!(!is_caps_line("ABC\n"));
        assert!(is_caps_line("ZÜRICH WINS CUP"));
        assert!(!is_caps_line("Zürich wins the cup"));
    }

    #[test]
    fn caps_lines_are_byte_ranges_with_their_breaks() {
        let text = "Calm words here\nBIG NEWS TODAY\nmore calm words\nLAST LINE";
        assert_eq!(caps_lines(text), [(16, 31), (47, 56)]);
        assert!(caps_lines("no headline\n").is_empty());
    }

    /// `Ctx::caps` finds the line of a token among the lines in capitals.
    #[test]
    fn caps_tells_the_tokens_on_lines_in_capitals() {
        let r = NameRecognizer::new();
        let g = common_words();
        let text = "Calm words here\nBIG NEWS TODAY\nmore calm words\nLAST LINE";
        let toks = tokens_of(&r, text, g);
        let ctx = Ctx::new(text, &toks, g);
        let caps: Vec<&str> = (0..toks.len())
            .filter(|&i| ctx.caps(i))
            .map(|i| toks[i].s)
            .collect();
        assert_eq!(caps, ["BIG", "NEWS", "TODAY", "LAST", "LINE"]);
    }

    #[test]
    fn sentence_starts_after_stops_quotes_and_breaks() {
        let r = NameRecognizer::new();
        // (The common words cut "-based" off "York": a hyphened word, not a dash.)
        let g = common_words();
        let text =
            "One two. Three, four\nFive (Six) said \u{201c}Seven — Eight? Nine York-based Ten";
        let starts: Vec<&str> = tokens::with_tokens(text, tokens::no_words(), |shared| {
            let toks = r.tokens(text, shared, g);
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
