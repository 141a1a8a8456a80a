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

use super::{Candidate, Detail};
use crate::gazetteer::{Gazetteer, Lex};
use crate::record::EntityType;
use regex::Regex;
use std::collections::HashMap;

/// A word of the text with its byte span.
#[derive(Clone, Copy, Debug)]
struct Tok<'t> {
    s: &'t str,
    start: usize,
    end: usize,
}

impl Tok<'_> {
    fn is_cap(&self) -> bool {
        self.s.chars().next().is_some_and(|c| c.is_uppercase())
    }
}

/// Compiled name patterns.
pub struct NameRecognizer {
    token: Regex,
}

const PARTICLES: &[&str] = &[
    "al", "el", "de", "del", "della", "da", "dos", "das", "van", "von", "der", "den", "la", "le",
    "bin", "ibn", "ben", "di", "du", "y", "ter", "op",
];

const LINKS: &[&str] = &["of", "for", "and", "&", "on", "the", "de"];

const SPEECH_VERBS: &[&str] = &[
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
];

const LOCATIVE: &[&str] = &[
    "in", "near", "at", "from", "to", "across", "outside", "inside", "around", "toward", "towards",
    "into", "through", "via",
];

impl NameRecognizer {
    pub fn new() -> Self {
        NameRecognizer {
            // Words: letters/digits with inner apostrophes, hyphens, periods and
            // ampersands ("U.S.", "al-Assad", "O'Brien", "AT&T"); a trailing period is
            // kept for abbreviations and initials (decided in `tokens`).
            token: Regex::new(r"[\p{L}\p{N}]+(?:[.'’\-&][\p{L}\p{N}]+)*\.?").unwrap(),
        }
    }

    fn tokens<'t>(&self, text: &'t str) -> Vec<Tok<'t>> {
        let mut out = Vec::new();
        for m in self.token.find_iter(text) {
            let mut s = m.as_str();
            let mut end = m.end();
            if let Some(stripped) = s.strip_suffix('.') {
                // Keep the period of "U.S.", "Mr.", "F." and "Inc."; drop a sentence's.
                let keep = stripped.contains('.')
                    || (stripped.chars().count() == 1
                        && stripped.chars().all(|c| c.is_uppercase()))
                    || ABBREV.contains(&stripped);
                if !keep {
                    s = stripped;
                    end -= 1;
                }
            }
            // Possessives: "Russia's" -> "Russia".
            for suf in ["'s", "’s", "'", "’"] {
                if let Some(stripped) = s.strip_suffix(suf) {
                    if !stripped.is_empty() {
                        s = stripped;
                        end -= suf.len();
                    }
                    break;
                }
            }
            out.push(Tok {
                s,
                start: m.start(),
                end,
            });
        }
        out
    }

    /// Appends the name candidates of `text` to `out`.
    pub fn find(&self, text: &str, gaz: &Gazetteer, out: &mut Vec<Candidate>) {
        let toks = self.tokens(text);
        let sentence_starts = sentence_start_flags(text, &toks);
        let all_caps_line = caps_lines(text);
        // Dictionary matches, keyed by start offset.
        let mut dict: HashMap<usize, Vec<(usize, Vec<u32>)>> = HashMap::new();
        for m in gaz.find_names(text) {
            dict.entry(m.start).or_default().push((m.end, m.entries));
        }
        let chunks = chunks(text, &toks, gaz);
        let mut typed: Vec<(usize, usize, EntityType, String, Detail, u8, Option<String>)> =
            Vec::new();
        let mut untyped: Vec<(usize, usize, bool)> = Vec::new();

        for &(a, b) in &chunks {
            // Cover the chunk left to right with the longest dictionary match at each
            // word; words no dictionary knows form sub-chunks typed by context.
            let mut i = a;
            let mut pending: Option<usize> = None;
            while i < b {
                let best = dict.get(&toks[i].start).and_then(|v| {
                    v.iter()
                        .filter(|(e, _)| *e <= toks[b - 1].end)
                        .max_by_key(|(e, _)| *e)
                        .cloned()
                });
                if let Some((end, entries)) = best {
                    if let Some(p) = pending.take() {
                        untyped.push((p, i, sentence_starts[p]));
                    }
                    let j = (i..b).find(|&j| toks[j].end >= end).unwrap_or(b - 1);
                    let (kind, ix, how) = pick_entry(gaz, &entries);
                    let single_common =
                        j == i && sentence_starts[i] && gaz.is_common(&toks[i].s.to_lowercase());
                    if let Some(kind) = kind {
                        if !single_common {
                            let e = gaz.entry(ix);
                            typed.push((
                                toks[i].start,
                                end,
                                kind,
                                e.canonical.clone(),
                                Detail::Entry(ix),
                                2,
                                Some(how),
                            ));
                        }
                    }
                    i = j + 1;
                } else {
                    if pending.is_none() {
                        pending = Some(i);
                    }
                    i += 1;
                }
            }
            if let Some(p) = pending {
                untyped.push((p, b, sentence_starts[p]));
            }
        }

        // Type the chunks no dictionary knows, by their words and their context.
        let mut doc_types: HashMap<String, EntityType> = HashMap::new();
        for t in &typed {
            doc_types.insert(text[t.0..t.1].to_string(), t.2);
        }
        let mut decided: Vec<(usize, usize, EntityType, &'static str, Option<String>)> = Vec::new();
        for &(a, b, sent_start) in &untyped {
            let (mut a, b) = (a, b);
            // Honorifics and roles are context, not part of the name.
            let mut role: Option<String> = None;
            let mut person_cue = false;
            while a < b && (gaz.is(toks[a].s, Lex::Honorific) || gaz.is(toks[a].s, Lex::Role)) {
                person_cue = true;
                role = Some(toks[a].s.to_string());
                a += 1;
            }
            if a >= b {
                continue;
            }
            let words: Vec<&str> = toks[a..b].iter().map(|t| t.s).collect();
            let first = words[0];
            let last = *words.last().unwrap();
            if a > 0 && !person_cue {
                let prev = toks[a - 1].s;
                person_cue = gaz.is(prev, Lex::Honorific)
                    || gaz.is(&prev.to_lowercase(), Lex::Role)
                    || gaz.is(prev, Lex::Role);
                if person_cue && role.is_none() && gaz.is(&prev.to_lowercase(), Lex::Role) {
                    role = Some(prev.to_string());
                }
            }
            let next = toks.get(b).map(|t| t.s.to_lowercase()).unwrap_or_default();
            let prev_lower = if a > 0 {
                toks[a - 1].s.to_lowercase()
            } else {
                String::new()
            };
            let single = b - a == 1;
            let lower_first = first.to_lowercase();
            let caps = all_caps_line(toks[a].start);
            let commonish = single && gaz.is_common(&lower_first) && (sent_start || caps);
            let kind_how: Option<(EntityType, &'static str)> = if gaz.is(last, Lex::OrgHead)
                || words
                    .iter()
                    .any(|w| matches!(*w, "Ministry" | "University" | "Department"))
            {
                Some((EntityType::Org, "rule:org-head"))
            } else if person_cue && !commonish {
                Some((EntityType::Person, "rule:title+name"))
            } else if !single && gaz.is(first, Lex::Given) && !gaz.is_common(&lower_first) {
                Some((EntityType::Person, "rule:given+surname"))
            } else if !single && gaz.is(first, Lex::Given) && gaz.is(last, Lex::Surname) {
                Some((EntityType::Person, "rule:given+surname"))
            } else if let Some(&t) = doc_types.get(&words.join(" ")) {
                Some((t, "rule:same-name"))
            } else if SPEECH_VERBS.contains(&next.as_str()) && !commonish && b - a <= 3 {
                Some((EntityType::Person, "rule:name+said"))
            } else if LOCATIVE.contains(&prev_lower.as_str()) && single && !commonish && !caps {
                Some((EntityType::Place, "rule:locative"))
            } else if single
                && gaz.is(first, Lex::Surname)
                && !commonish
                && !gaz.is_common(&lower_first)
            {
                Some((EntityType::Person, "rule:surname"))
            } else {
                None
            };
            if let Some((kind, how)) = kind_how {
                decided.push((toks[a].start, toks[b - 1].end, kind, how, role));
            }
        }
        // Short forms of people named in full elsewhere ("Kerry" after "John Kerry").
        let surnames: HashMap<&str, ()> = decided
            .iter()
            .filter(|d| d.2 == EntityType::Person)
            .filter_map(|d| text[d.0..d.1].split_whitespace().last())
            .map(|s| (s, ()))
            .collect();
        for t in typed {
            let (s, e, kind, canonical, detail, priority, how) = t;
            let mut c = Candidate::new(s, e, kind, how.unwrap_or_default());
            c.canonical = Some(canonical);
            c.detail = detail;
            c.priority = priority;
            out.push(c);
        }
        for (s, e, kind, how, role) in decided {
            let mut c = Candidate::new(s, e, kind, how);
            c.priority = 1;
            c.role = role;
            out.push(c);
        }
        // Untyped single words that are a person's surname.
        for &(a, b, _) in &untyped {
            if b - a == 1 && surnames.contains_key(toks[a].s) {
                let mut c = Candidate::new(
                    toks[a].start,
                    toks[a].end,
                    EntityType::Person,
                    "rule:short-form",
                );
                c.priority = 0;
                out.push(c);
            }
        }
    }
}

impl Default for NameRecognizer {
    fn default() -> Self {
        Self::new()
    }
}

const ABBREV: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev",
    "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Mt", "Ft", "Adm", "Maj", "Brig",
];

/// Chooses the entry a dictionary match stands for: names before demonyms (which are
/// MISC), and among names the dictionary's first.
fn pick_entry(gaz: &Gazetteer, entries: &[u32]) -> (Option<EntityType>, u32, String) {
    let mut best: Option<(u8, u32)> = None;
    for &ix in entries {
        let e = gaz.entry(ix);
        let rank = match e.lex {
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
    (kind, ix, format!("dict:{src}"))
}

/// Runs of capitalised tokens (with particles and links between them) as token ranges.
fn chunks(text: &str, toks: &[Tok], gaz: &Gazetteer) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
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
            if gap != " " {
                break;
            }
            if toks[j].is_cap() {
                j += 1;
                continue;
            }
            // A particle or link joins only when a capitalised word follows it.
            let lower = toks[j].s.to_lowercase();
            let w = lower.split('-').next().unwrap_or("");
            let joins = (PARTICLES.contains(&w) && toks[j].s.contains('-'))
                || (PARTICLES.contains(&toks[j].s)
                    || (LINKS.contains(&toks[j].s) && links_after(toks[j - 1].s, gaz)))
                    && toks.get(j + 1).is_some_and(|t| t.is_cap())
                    && text[toks[j].end..toks[j + 1].start] == *" ";
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

/// Whether "of"/"for"/"and" after `word` continues a name ("Ministry of Defense",
/// "Bank of England", "Center for ..."), rather than ending it ("Kerry of ...").
fn links_after(word: &str, gaz: &Gazetteer) -> bool {
    gaz.is(word, Lex::OrgHead)
        || matches!(
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
        )
}

/// For each token, whether it starts a sentence (or a line).
fn sentence_start_flags(text: &str, toks: &[Tok]) -> Vec<bool> {
    let mut flags = vec![false; toks.len()];
    let mut prev_end = 0;
    for (k, t) in toks.iter().enumerate() {
        let gap = &text[prev_end..t.start];
        flags[k] = k == 0
            || gap.contains('\n')
            || gap
                .trim_start()
                .starts_with(['.', '!', '?', ':', '"', '“', '-', '—'])
            || gap.contains(". ")
            || gap.contains("? ")
            || gap.contains("! ")
            || gap.contains("\" ")
            || (gap.trim() == "\"" || gap.trim() == "“" || gap.trim() == "(");
        prev_end = t.end;
    }
    flags
}

/// Returns a function telling whether a byte offset lies on a line written in capitals
/// (headlines), where capitalisation says nothing.
fn caps_lines(text: &str) -> impl Fn(usize) -> bool + '_ {
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let letters = line.chars().filter(|c| c.is_alphabetic()).count();
        let upper = line.chars().filter(|c| c.is_uppercase()).count();
        if letters >= 4 && upper * 10 >= letters * 8 {
            spans.push((start, start + line.len()));
        }
        start += line.len();
    }
    move |i| spans.iter().any(|&(s, e)| s <= i && i < e)
}
