//! Chunks, and the dictionary's say on them: [`chunks`] cuts runs of capitalised words
//! out of the text, and [`Ctx::segment`] covers each with the longest dictionary
//! matches, typing the whole chunk where its head says what it is ("... Ministry",
//! "... Airport", "... Inc.") and leaving the words no dictionary knows to
//! `classify`.

use super::lists::{
    links_after, COMPANY_SUFFIXES, FIRST_PERSON_AFTER, INSTITUTIONS, LINKS, PARTICLES,
    PLACE_HEAD_LIST, PLACE_PREFIXES, SPEECH_VERBS, SUBUNITS,
};
use super::words::Tok;
use super::{Ask, Ctx, Dict, Span};
use crate::gazetteer::{Entry, Gazetteer, Lex, WordClass};
use crate::recognize::Detail;
use crate::record::EntityType;

impl<'a> Ctx<'a> {
    /// Covers tokens `a..b` of a chunk with the longest dictionary match at each word;
    /// runs of words no dictionary knows go to `unknown`.
    pub(super) fn segment(
        &self,
        a: usize,
        b: usize,
        dict: &Dict,
        spans: &mut Vec<Span>,
        unknown: &mut Vec<(usize, usize)>,
    ) {
        let toks = self.toks;
        let Some((a, mut b)) = self.name_words(a, b, dict) else {
            return;
        };
        if self.names_an_index(a, b, dict) {
            return;
        }
        if let Some(k) = self.two_bodies(a, b, dict) {
            self.segment(a, k, dict, spans, unknown);
            self.segment(k + 1, b, dict, spans, unknown);
            return;
        }
        if let Some(k) = self.inner_title(a, b).or_else(|| self.two_people(a, b)) {
            self.segment(a, k, dict, spans, unknown);
            self.segment(k, b, dict, spans, unknown);
            return;
        }
        // A chunk that ends in an organisation head, or has one before "of", is
        // one organisation whatever dictionary names stand inside it ("Kurdistan
        // Democratic Party", "Russian Defense Ministry", "Ministry of Foreign Affairs").
        let known_whole = dict.at(a).iter().any(|(e, _)| *e == toks[b - 1].end);
        // The last token of the longest dictionary organisation the chunk opens with,
        // when one ends inside it.
        let org_end = dict
            .at(a)
            .iter()
            .filter(|(e, ix)| {
                *e < toks[b - 1].end && pick_entry(self.gaz, ix).0 == Some(EntityType::Org)
            })
            .filter_map(|(e, _)| (a..b).find(|&j| toks[j].end == *e))
            .max();
        // (A chunk opening with a company is no title and name: "General Motors Corp.";
        // nor is one-word title before words and a legal suffix: "General Public
        // Utilities Corp.", "General Health Care Corp.")
        let titled_firm = || {
            b - a >= 3
                && COMPANY_SUFFIXES.contains(toks[b - 1].s)
                && self.strip_titles(a, b).0 == a + 1
                && !self.ask(a + 1, Ask::Given)
        };
        let org = b - a >= 2
            && (self.ask(b - 1, Ask::OrgHead)
                || (a..b - 1).any(|k| toks[k + 1].s == "of" && self.ask(k, Ask::OrgHead)))
            && (org_end.is_some() || self.strip_titles(a, b).0 == a || titled_firm());
        // ... unless it opens with a dictionary organisation and another dictionary
        // name follows: "VOA State Department" is two organisations side by side, while
        // "Red Cross Society" and "Harvard Law School" are one.
        let opens_with_org = org_end.is_some_and(|j| (j + 1..b).any(|k| !dict.at(k).is_empty()));
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
        // International Airport"), unless it is a title and a surname that is also a
        // place head ("Mrs. Hills", "Trade Representative Carla Hills").
        // (The title may have been cut off the chunk already: the word before counts.)
        let title = |k: usize| {
            self.ask(k, Ask::Honorific) || self.ask(k, Ask::Role) || self.ask(k, Ask::RoleFolded)
        };
        let titled_surname = || {
            self.ask(b - 1, Ask::Surname)
                && !PLACE_PREFIXES.contains(toks[a].s)
                && ((a..b - 1).any(title) || (a > 0 && self.adjacent(a - 1, a) && title(a - 1)))
        };
        if !org
            && b - a >= 2
            && !known_whole
            && !opens_with_org
            && (PLACE_HEAD_LIST.contains(toks[b - 1].s) || PLACE_PREFIXES.contains(toks[a].s))
            && !titled_surname()
        {
            spans.push(Span::new(a, b, EntityType::Place, "rule:place-head"));
            return;
        }
        // "General Motors Corp.": a legal suffix makes the whole chunk one company,
        // whatever dictionary company it opens with.
        let suffixed = b - a >= 2 && COMPANY_SUFFIXES.contains(toks[b - 1].s);
        // "Johnson & Johnson", "Merrill Lynch & Co.": an ampersand between
        // capitalised words names a firm; so does a slash the chunk kept ("MGM/UA").
        let firm = (a + 1..b).any(|k| {
            matches!(
                &self.text[toks[k - 1].end..toks[k].start],
                " & " | "/" | " / "
            )
        });
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
        if b - a == 2 && self.pinyin_over_towns(a, dict) {
            spans.push(Span::new(a, b, EntityType::Person, "rule:pinyin-name"));
            return;
        }
        if let Some(sp) = self.person_over_places(a, b, dict) {
            spans.push(sp);
            return;
        }
        self.cover(a, b, dict, spans, unknown);
    }

    /// The words of chunk `a..b` that can be a name: without the leading ordinary
    /// words and the trailing link words; `None` when nothing is left.
    fn name_words(&self, a: usize, b: usize, dict: &Dict) -> Option<(usize, usize)> {
        let toks = self.toks;
        let starts_known = |i: usize| !dict.at(i).is_empty();
        // Leading ordinary words ("The", "In") and trailing link words are not part
        // of the name, unless a dictionary name starts there ("The Hague").
        let (mut a, mut b) = (a, b);
        // ... but a given name that is also a word stays before a surname ("Bill
        // Daley", "Will Carver"), or before the surname of a person the dictionaries
        // name ("Hunter Biden").
        // (The given name is asked for before the line: the question is answered with
        // the one before it, and a line is scanned when first asked about.)
        let given_before_surname = |a: usize| {
            b - a > 1
                && self.ask(a, Ask::Given)
                && !self.caps(a)
                && (self.ask(a + 1, Ask::Surname) || self.gaz.is_known_surname(toks[a + 1].s))
                && !self.ask(a + 1, Ask::Word)
        };
        // ... and a firm's name of three words or more with its legal suffix keeps
        // a first word that is ordinary only at a sentence start ("Zenith Data
        // Systems Corp. said", "Drug Emporium Inc. said"), unless a known name
        // follows it that the word can be a sentence's opening before ("Although
        // Disney Corp.", "Consider Gap Inc."), and the word opens no known company.
        let firm_run = |a: usize| {
            b - a >= 3
                && COMPANY_SUFFIXES.contains(toks[b - 1].s)
                && !self.ask(a, Ask::Word)
                && (dict.at(a + 1).is_empty() || self.gaz.is_company_stem(toks[a].s))
                && (a + 1..b).all(|k| {
                    toks[k].is_cap()
                        && matches!(&self.text[toks[k - 1].end..toks[k].start], " " | " & ")
                })
        };
        // (A Chinese name surname first is asked about last: few chunks open with an
        // ordinary word.)
        while a < b
            && ((self.ask(a, Ask::Word)
                && !given_before_surname(a)
                && !(PLACE_PREFIXES.contains(toks[a].s) && b - a > 1))
                || (b - a > 1 && self.commonish(a) && !self.ask(a, Ask::Given) && !firm_run(a)))
            && !starts_known(a)
            && !(b - a == 2 && self.pinyin_surname_first(a))
        {
            a += 1;
        }
        while b > a && LINKS.contains(toks[b - 1].s) {
            b -= 1;
        }
        // A name spoken to, then "I" ("Thanks Dan I believe them", "Erica I'm sure"):
        // the pronoun is no part of it (a king's numeral is: "Pedro I became").
        if b - a > 1 && self.pronoun_i(b - 1) {
            b -= 1;
        }
        (a < b).then_some((a, b))
    }

    /// Whether tokens `a`, `a + 1` are a Chinese name in either order ("Yongkang
    /// Zhou", "Gao Xingjian") of which a word also names a town (not a city of a
    /// million): the person, not the town.
    fn pinyin_over_towns(&self, a: usize, dict: &Dict) -> bool {
        let town = |i: usize| {
            dict.at(i).iter().all(|(e, entries)| {
                *e == self.toks[i].end
                    && entries.iter().all(|&ix| {
                        let e = self.gaz.entry(ix);
                        is_town(e) && e.population < 1_000_000
                    })
            })
        };
        (!dict.at(a).is_empty() || !dict.at(a + 1).is_empty())
            && town(a)
            && town(a + 1)
            && self.pinyin_pair(a)
    }

    /// Whether token `i` is the pronoun "I": with its verb's clitic ("I'm", "I've"),
    /// or before a word only a person speaking says after it ("I believe", "I mean").
    fn pronoun_i(&self, i: usize) -> bool {
        let toks = self.toks;
        match toks[i].s {
            "I'm" | "I've" | "I'll" | "I'd" | "I’m" | "I’ve" | "I’ll" | "I’d" => true,
            "I" => toks
                .get(i + 1)
                .is_some_and(|t| self.adjacent(i, i + 1) && FIRST_PERSON_AFTER.contains(t.s)),
            _ => false,
        }
    }

    /// The two people of a four-word chunk that lists them without a comma, as
    /// transcripts do ("Diane Sawyer Henry Kissinger"): the token where the second
    /// begins. Each half is a given name and a surname (or a word that is no ordinary
    /// one), and the last word is no given name.
    fn two_people(&self, a: usize, b: usize) -> Option<usize> {
        let person = |k: usize| {
            self.ask(k, Ask::Given)
                && (self.ask(k + 1, Ask::Surname) || !self.ask(k + 1, Ask::CommonFolded))
                && self.toks[k + 1].s.chars().count() > 2
        };
        let k = a + 2;
        (b - a == 4
            && self.adjacent(a + 1, k)
            && person(a)
            && person(k)
            && !self.ask(b - 1, Ask::Given)
            && (a..b).all(|j| {
                let w = self.toks[j].s;
                // (Arabic names run to four words: "Yasser Abd Al Ghafoor".)
                !self.ask(j, Ask::OrgHead)
                    && !PARTICLES.contains(w)
                    && !matches!(
                        w,
                        "Al" | "El" | "Abd" | "Abdul" | "Abu" | "Bin" | "Ben" | "Ibn"
                    )
            }))
        .then_some(k)
    }

    /// The "and" at which chunk `a..b` is two bodies ("Harvard University and Boston
    /// University", "the House and Senate"), if it is; "Department of Trade and
    /// Industry" is one.
    fn two_bodies(&self, a: usize, b: usize, dict: &Dict) -> Option<usize> {
        let toks = self.toks;
        let complete = |k: usize| self.ask(k, Ask::OrgHead) || INSTITUTIONS.contains(toks[k].s);
        // ... unless a dictionary name runs over the "and" ("Securities and Exchange
        // Commission").
        let spanned = |k: usize| (a..k).any(|i| dict.at(i).iter().any(|(e, _)| *e > toks[k].end));
        // A dictionary organisation before the "and" is complete too ("Freddie Mac and
        // Federal National Mortgage Association"), and so is a partners' firm after it
        // ("General Motors and Procter & Gamble").
        let named_org = |k: usize| {
            dict.at(a).iter().any(|(e, ix)| {
                *e == toks[k - 1].end && pick_entry(self.gaz, ix).0 == Some(EntityType::Org)
            })
        };
        let partners =
            |k: usize| (k + 2..b).any(|m| &self.text[toks[m - 1].end..toks[m].start] == " & ");
        let k = (a + 1..b.checked_sub(1)?).find(|&k| toks[k].s == "and")?;
        let right = complete(b - 1) || partners(k);
        ((complete(k - 1) || named_org(k)) && right && !spanned(k)).then_some(k)
    }

    /// The title inside chunk `a..b` that a person's name follows, when the chunk
    /// opens with the title's body or country instead ("Acme Corp. Chairman Robert
    /// Gallo", "U.S. District Judge Helen Parker", "Democratic Sen. Tom Kearney"): the
    /// chunk is two pieces, the words before the title and the titled name. Not when
    /// the chunk opens with a title ("Crown Prince Abdullah"), nor in a given name and
    /// surname that is also a title ("Larry King"), nor when a head follows the title
    /// ("Massachusetts General Hospital").
    fn inner_title(&self, a: usize, b: usize) -> Option<usize> {
        let toks = self.toks;
        let title = |k: usize| {
            self.ask(k, Ask::TitleStart)
                && (self.ask(k, Ask::Honorific)
                    || self.ask(k, Ask::Role)
                    || self.ask(k, Ask::RoleFolded))
        };
        // (A title of several words counts from its first: "District Judge".)
        // `p`: where the name after the title starts.
        let (k, p) = (a + 1..b.checked_sub(1)?)
            .filter(|&k| self.ask(k, Ask::TitleStart))
            .map(|k| (k, self.strip_titles(k, b).0))
            .find(|&(k, p)| p > k)?;
        if !toks[k].is_cap()
            || !self.adjacent(k - 1, k)
            || LINKS.contains(toks[k - 1].s)
            || (self.ask(k - 1, Ask::Given) && self.ask(k, Ask::Surname))
            || self.strip_titles(a, b).0 > a
        {
            return None;
        }
        let name = p < b
            && b - p <= 3
            && toks[p].is_cap()
            && !COMPANY_SUFFIXES.contains(toks[p].s)
            && !matches!(toks[p].s, "Jr." | "Sr." | "Jr" | "Sr")
            && !self.ask(b - 1, Ask::OrgHead)
            && !PLACE_HEAD_LIST.contains(toks[b - 1].s)
            && (self.ask(p, Ask::Given) || !(p..b).all(|j| self.ask(j, Ask::CommonFolded)))
            && !(p..b).any(title);
        name.then_some(k)
    }

    /// Whether the chunk `a..b` names a stock index rather than the firm or place it
    /// is named after: a dictionary index runs on past it ("S&P 500", "Nikkei index"),
    /// or it ends in an index word ("Major Market Index", "Dow Jones Transportation
    /// Average"). A firm before a lower-case index word is still the firm ("the Dow
    /// Jones industrials", "the S&P index"), as OntoNotes marks it.
    fn names_an_index(&self, a: usize, b: usize, dict: &Dict) -> bool {
        let end = self.toks[b - 1].end;
        if b - a >= 2 && matches!(self.toks[b - 1].s, "Index" | "Average" | "Industrials") {
            return true;
        }
        dict.at(a).iter().any(|&(e, ix)| {
            e > end
                && ix
                    .iter()
                    .all(|&i| self.gaz.entry(i).lex == Lex::Name(EntityType::Misc))
        })
    }

    /// Whether the words after token `j` make the name before them a company: a
    /// possessive ("Amazon's"), a speech verb ("Apple said") or a role ("Apple CEO").
    fn org_cue_after(&self, j: usize) -> bool {
        let (text, toks) = (self.text, self.toks);
        let rest = &text[toks[j].end..];
        if rest.starts_with("'s ") || rest.starts_with("’s ") {
            return true;
        }
        let Some(next) = toks.get(j + 1) else {
            return false;
        };
        text[toks[j].end..next.start] == *" "
            && (SPEECH_VERBS.contains(next.s)
                || (self.ask(j + 1, Ask::Role) && next.s.chars().all(|c| c.is_uppercase())))
    }

    /// Covers tokens `a..b` (a chunk, or what is left of one) with the longest
    /// dictionary match at each word, left to right; the runs of words between the
    /// matches go to `unknown`.
    fn cover(
        &self,
        a: usize,
        b: usize,
        dict: &Dict,
        spans: &mut Vec<Span>,
        unknown: &mut Vec<(usize, usize)>,
    ) {
        let toks = self.toks;
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
            // A surname that a listed company also bears is the person after a title
            // ("Treasury Secretary Brady", "Mr. Brady"); so is a word that names only
            // towns after an honorific ("Mr. Richardson", "Sen. Cranston", "Dr. Mann",
            // "Chairman Mao"), but not after a saint's ("St. Helens") or
            // a metropolitan's ("Metropolitan Detroit").
            let titled_surname = |(end, entries): &(usize, &[u32])| {
                let entries = || entries.iter().map(|&ix| self.gaz.entry(ix));
                *end == toks[i].end
                    && i > 0
                    && self.adjacent(i - 1, i)
                    && (((self.ask(i - 1, Ask::Honorific) || self.ask(i - 1, Ask::Role))
                        && self.ask(i, Ask::Surname)
                        && entries().all(is_listed_company))
                        || (self.ask(i - 1, Ask::Honorific)
                            && !matches!(toks[i - 1].s, "St." | "St" | "Saint" | "Metropolitan")
                            && entries().all(is_town)))
            };
            let best = best.filter(|m| !titled_surname(m));
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
                                && !how.ends_with("countries")
                                && !self.opening_institution(i)));
                    // ... but a company is a company where the words around say so
                    // ("Apple said", "Amazon's chief", "Apple CEO Tim Cook"); and one
                    // held back waits for the rest of the document to name it.
                    let ordinary = ordinary
                        && !(kind == Some(EntityType::Org)
                            && !self.ask(i, Ask::Word)
                            && self.org_cue_after(j));
                    if ordinary && kind == Some(EntityType::Org) && !self.ask(i, Ask::Word) {
                        let mut sp = Span::new(i, j + 1, EntityType::Org, ["dict:", how].concat());
                        sp.canonical = Some(entry.canonical.to_string());
                        sp.detail = Detail::Entry(ix);
                        sp.priority = 2;
                        self.held.borrow_mut().push(sp);
                    }
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
    pub(super) fn person_over_places(&self, a: usize, b: usize, dict: &Dict) -> Option<Span> {
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
    pub(super) fn folded_match(&self, i: usize, b: usize) -> Option<(usize, Vec<u32>)> {
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
}

/// Chooses the entry a dictionary match stands for: names before demonyms (which are
/// MISC), and among names the dictionary's first: its type, index and source (the
/// `how` is `dict:` and the source).
pub(super) fn pick_entry<'g>(
    gaz: &'g Gazetteer,
    entries: &[u32],
) -> (Option<EntityType>, u32, &'g str) {
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

/// Records tokens `a..b` as a piece to type by context, without link words at its
/// ends ("Barnett Banks Inc. of" -> "Barnett Banks Inc.").
pub(super) fn push_trimmed_piece(
    toks: &[Tok],
    mut a: usize,
    mut b: usize,
    unknown: &mut Vec<(usize, usize)>,
) {
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

/// Runs of capitalised tokens (with particles and links between them) as token ranges.
pub(super) fn chunks(text: &str, toks: &[Tok], gaz: &Gazetteer) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let placelike = |k: usize| {
        gaz.lookup(toks[k].s).iter().any(|&ix| {
            matches!(
                gaz.entry(ix).lex,
                Lex::Name(EntityType::Place) | Lex::Demonym
            )
        })
    };
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
            // "MGM/UA", "Bridgestone / Firestone": a slash between two capitalised
            // names joins a merged firm, unless a side is a place or a people
            // ("US/China talks", "the Palestinian/Israeli conflict"), a letter
            // ("N/A") or a word of an upper-case heading ("RESULTS/STANDINGS").
            let sides = || {
                let (x, y) = (toks[j - 1].s, toks[j].s);
                x != y && [x, y].iter().all(|w| slash_side(w)) && !placelike(j - 1) && !placelike(j)
            };
            if (gap == "/" || gap == " / ") && toks[j].is_cap() && sides() {
                j += 1;
                continue;
            }
            if gap == ", " {
                if let Some(k) = partners_after_comma(text, toks, start, j, gaz) {
                    j = k;
                    continue;
                }
                break;
            }
            if let Some(k) = possessive_firm(text, toks, start, j, gaz) {
                j = k;
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
                        || (LINKS.contains(toks[j].s)
                            && links_after(toks[j - 1].s, gaz)
                            && !ends_firm(toks[j - 1].s, toks[j].s)));
            if joins && toks[j].s.contains('-') {
                j += 1;
            } else if joins {
                j += 2;
            } else if let Some(k) = name_across(text, toks, start, j, gaz) {
                j = k;
            } else if toks[j].s == "and" && paired_head(toks, j, gaz) {
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

/// Where a name with a possessive inside runs on after the possessive before token
/// `j` ("Standard & Poor's Corp.", "Church's Fried Chicken Inc.", "the People's
/// Liberation Army", "Builders' Hardware Group"): the token after the organisation
/// head or legal suffix that ends the capitalised words after it (at most five). The
/// possessor is an ordinary word or one no list knows; a place, a person or a known
/// organisation owns the body after it ("China's Foreign Ministry", "Sony's Pictures
/// Group"), and so does anyone a title names ("Mr. Hale's Party").
fn possessive_firm(
    text: &str,
    toks: &[Tok],
    start: usize,
    j: usize,
    gaz: &Gazetteer,
) -> Option<usize> {
    if !matches!(
        &text[toks[j - 1].end..toks[j].start],
        "'s " | "’s " | "' " | "’ "
    ) || !toks[j].is_cap()
    {
        return None;
    }
    let owner = toks[j - 1].s;
    let folded = gaz.word_class_folded(owner);
    let class = gaz.word_class(owner);
    let named = || {
        gaz.lookup(owner)
            .iter()
            .any(|&ix| matches!(gaz.entry(ix).lex, Lex::Name(_) | Lex::Demonym))
    };
    let person = (class.has(WordClass::GIVEN) || class.has(WordClass::SURNAME))
        && !folded.has(WordClass::COMMON);
    // (A body's subunit keeps its own name: "Harvard University's Graduate School",
    // "the Stock Exchange's Traded Options Market", "the TBAD Women's Division".)
    let titled_or_body = (start..j).any(|k| {
        let w = toks[k].s;
        let c = gaz.word_class(w);
        c.has(WordClass::HONORIFIC)
            || c.has(WordClass::ROLE)
            || c.has(WordClass::ORG_HEAD)
            || PLACE_HEAD_LIST.contains(w)
            || (w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()))
    });
    if person || titled_or_body || named() {
        return None;
    }
    let mut k = j;
    while k < toks.len() && k < j + 5 && toks[k].is_cap() {
        if gaz.is(toks[k].s, Lex::OrgHead) || COMPANY_SUFFIXES.contains(toks[k].s) {
            return Some(k + 1);
        }
        match toks.get(k + 1) {
            Some(next) if text[toks[k].end..next.start] == *" " => k += 1,
            _ => return None,
        }
    }
    None
}

/// Whether `link` after `word` ends a firm's name: a legal abbreviation closes it, so
/// "of" brings its seat ("Brunswick Corp. of Skokie", "ADT Ltd. of Bermuda") and "and"
/// the next firm ("Norwest Corp. and Chemical Banking Corp."). A full word does not:
/// "First Securities Group of California" is the name.
fn ends_firm(word: &str, link: &str) -> bool {
    matches!(link, "of" | "and")
        && COMPANY_SUFFIXES.contains(word)
        && !matches!(word, "Corporation" | "Company" | "Group" | "Holdings")
}

/// Whether a word can stand beside a slash in a firm's name: two letters or more,
/// and, when all upper-case, an acronym's length ("UA", "ABC") rather than a word.
fn slash_side(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && (letters <= 4 || w.chars().any(|c| c.is_lowercase()))
}

/// Where a firm named after its partners runs on over the comma before token `j`
/// ("Goldman, Sachs & Co.", "Mayer, Brown & Platt", "Skadden, Arps, Slate, Meagher &
/// Flom"): the token after the word that follows the ampersand. The chunk before the
/// comma is one or two words, and the partners after it are at most four capitalised
/// words joined by spaces or commas up to the ampersand; no word is a place a
/// dictionary knows, so a list of places ("Paris, London & Rome") stays apart.
fn partners_after_comma(
    text: &str,
    toks: &[Tok],
    start: usize,
    j: usize,
    gaz: &Gazetteer,
) -> Option<usize> {
    // "Procter & Gamble, Johnson & Johnson" is a list of two firms.
    if j - start > 2 || (start + 1..j).any(|k| text[toks[k - 1].end..toks[k].start] == *" & ") {
        return None;
    }
    let place = |k: usize| {
        gaz.lookup(toks[k].s)
            .iter()
            .any(|&ix| gaz.entry(ix).lex == Lex::Name(EntityType::Place))
    };
    if (start..j).any(place) {
        return None;
    }
    let mut k = j;
    while k < toks.len() && k < j + 4 && toks[k].is_cap() && !place(k) {
        let next = toks.get(k + 1)?;
        match &text[toks[k].end..next.start] {
            " & " if next.is_cap() => return Some(k + 2),
            " " | ", " => k += 1,
            _ => return None,
        }
    }
    None
}

/// Where a dictionary name that starts at a capitalised word of the chunk
/// `start..j` runs on over the lower-case link word `j` ("Securities and Exchange
/// Commission", "Bank of the Philippine Islands"): the token after its last word.
/// Only a link with a word after it is asked about, so a sentence's "and" costs no
/// look-up.
fn name_across(text: &str, toks: &[Tok], start: usize, j: usize, gaz: &Gazetteer) -> Option<usize> {
    if !LINKS.contains(toks[j].s) || toks.get(j + 1).is_none() {
        return None;
    }
    let mut found = Vec::new();
    let mut best = None;
    for t in &toks[start..j] {
        found.clear();
        gaz.names_at(text, t.start, &mut found);
        for m in &found {
            if m.end <= toks[j].end || best.is_some_and(|b| m.end <= b) {
                continue;
            }
            // The name must end where a word of the text ends.
            if toks[j + 1..].iter().any(|t| t.end == m.end && t.is_cap()) {
                best = Some(m.end);
            }
        }
    }
    let end = best?;
    toks[j + 1..]
        .iter()
        .position(|t| t.end == end)
        .map(|p| j + 2 + p)
}

/// Whether the "and" at `j` pairs two words under one head: "Food and Drug
/// Administration", "House Ways and Means Committee", "Import and Export Bank": a
/// capitalised word before it that is no organisation head and no name of its own,
/// and after it capitalised words up to an organisation head or a company suffix.
/// "Harvard and Yale", "Boeing and Airbus" are two names (no head after).
fn paired_head(toks: &[Tok], j: usize, gaz: &Gazetteer) -> bool {
    let before = toks[j - 1].s;
    let named = || {
        gaz.lookup(before)
            .iter()
            .any(|&ix| matches!(gaz.entry(ix).lex, Lex::Name(_)))
    };
    if !toks[j - 1].is_cap() || gaz.is(before, Lex::OrgHead) || named() {
        return false;
    }
    // The words after "and", as far as the run of capitalised words goes (at most
    // four: a head is near).
    let mut k = j + 1;
    while k < toks.len() && k <= j + 4 && toks[k].is_cap() {
        if gaz.is(toks[k].s, Lex::OrgHead) || COMPANY_SUFFIXES.contains(toks[k].s) {
            return k > j + 1;
        }
        k += 1;
    }
    false
}

/// Whether dictionary entry `e` is a company of the company lists.
fn is_listed_company(e: &Entry) -> bool {
    e.lex == Lex::Name(EntityType::Org) && e.source.ends_with("companies")
}

/// Whether dictionary entry `e` is a place that is no country (a town, a region).
fn is_town(e: &Entry) -> bool {
    e.lex == Lex::Name(EntityType::Place) && !e.source.ends_with("countries")
}
