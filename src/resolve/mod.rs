//! Resolution: overlapping candidates -> one mention per span; names -> entities.
//!
//! **Overlaps** are resolved one way: the longest candidate wins; between candidates of
//! equal length the higher priority wins, then the earlier one. A candidate that
//! overlaps an accepted one is dropped whole (never trimmed).
//!
//! **Entities** group the name mentions of a document: mentions with the same canonical
//! name are one entity; a later (or earlier) short form of a person ("Kerry") joins the
//! person whose full name ends with it ("John Kerry"), and spelling variants of one name
//! ("Sergei"/"Sergey Lavrov": same surname, given names one edit apart) merge. Dates
//! and figures are mentions only, not entities.

use crate::gazetteer::{Gazetteer, Lex};
use crate::recognize::{Candidate, Detail};
use crate::record::{Entity, EntityType};
use rustc_hash::FxHashMap;
use std::cmp::Reverse;
use std::collections::hash_map::Entry;

/// A mention after overlap resolution, in byte offsets.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedMention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
    pub how: String,
    pub canonical: Option<String>,
    pub entity: Option<usize>,
    pub detail: Detail,
    /// For figures: who has or does them, filled in by [`attach_subjects`].
    pub subject: Option<String>,
}

/// The resolved mentions (sorted by offset) and the entities they name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    pub mentions: Vec<ResolvedMention>,
    pub entities: Vec<Entity>,
}

/// Picks non-overlapping candidates: longest first, then priority, then earliest.
#[cfg(test)]
pub fn select(cands: Vec<Candidate>) -> Vec<Candidate> {
    let chosen = chosen(&cands);
    let mut slots: Vec<Option<Candidate>> = cands.into_iter().map(Some).collect();
    chosen.iter().filter_map(|&i| slots[i].take()).collect()
}

/// The indices of the candidates [`select`] picks, in its output order (by start).
///
/// Candidates that overlap no other are always picked, and a pick only ever blocks
/// candidates it overlaps, so the candidates are cut into runs that overlap one another
/// (in start order) and the longest-first choice is made in each run alone: most runs
/// are one candidate and need no choice ([`chosen_plain`] makes it over all of them at
/// once, for the tests).
fn chosen(cands: &[Candidate]) -> Vec<usize> {
    // (start, end, index) of the non-empty candidates, by start.
    let mut spans: Vec<(usize, usize, usize)> = Vec::with_capacity(cands.len());
    spans.extend(
        cands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.end > c.start)
            .map(|(i, c)| (c.start, c.end, i)),
    );
    // The candidates come in runs in text order (one or more per recogniser), which a
    // merging sort takes as they are. No two spans are equal (their indices differ):
    // a stable sort orders them as an unstable one would.
    spans.sort();
    let mut out = Vec::with_capacity(spans.len());
    let mut k = 0;
    while k < spans.len() {
        let mut end = spans[k].1;
        let mut m = k + 1;
        while m < spans.len() && spans[m].0 < end {
            end = end.max(spans[m].1);
            m += 1;
        }
        if m == k + 1 {
            out.push(spans[k].2);
        } else {
            out.extend(longest_first(cands, spans[k..m].iter().map(|s| s.2)));
        }
        k = m;
    }
    out
}

/// [`chosen`] as one longest-first choice over all the candidates.
#[cfg(test)]
fn chosen_plain(cands: &[Candidate]) -> Vec<usize> {
    longest_first(
        cands,
        (0..cands.len()).filter(|&i| cands[i].end > cands[i].start),
    )
}

/// Picks non-overlapping candidates among `among` (non-empty ones): longest first,
/// then priority, then earliest. Their indices, by start.
fn longest_first(cands: &[Candidate], among: impl Iterator<Item = usize>) -> Vec<usize> {
    // Sort small keys rather than the candidates themselves (a `Candidate` is large).
    // The index breaks the remaining ties as a stable sort of the candidates would: in
    // input order.
    let mut order: Vec<(Reverse<usize>, Reverse<u8>, usize, usize)> = among
        .map(|i| {
            let c = &cands[i];
            (Reverse(c.len()), Reverse(c.priority), c.start, i)
        })
        .collect();
    order.sort_unstable();
    // Accepted spans (start, end, candidate index), kept sorted by start, so the overlap
    // check is a binary search. They never overlap, so their starts differ and this is
    // also the output order (by start, then end).
    let mut taken: Vec<(usize, usize, usize)> = Vec::with_capacity(order.len());
    for &(_, _, start, i) in &order {
        let end = cands[i].end;
        let at = taken.partition_point(|&(s, _, _)| s < end);
        if at > 0 && taken[at - 1].1 > start {
            continue;
        }
        taken.insert(at, (start, end, i));
    }
    taken.into_iter().map(|(_, _, i)| i).collect()
}

/// Resolves candidates into mentions and entities.
pub fn resolve(text: &str, mut cands: Vec<Candidate>, gaz: &Gazetteer) -> Resolved {
    let chosen = chosen(&cands);
    // The chosen candidates' fields move into the mentions one by one (a `Candidate`
    // is large: moving it whole into a list of the chosen ones would copy it again).
    let mut mentions: Vec<ResolvedMention> = Vec::with_capacity(chosen.len());
    for &i in &chosen {
        let c = &mut cands[i];
        let canonical = if c.kind.is_name() {
            Some(
                c.canonical
                    .take()
                    .unwrap_or_else(|| text[c.start..c.end].to_string()),
            )
        } else {
            c.canonical.take()
        };
        mentions.push(ResolvedMention {
            start: c.start,
            end: c.end,
            kind: c.kind,
            how: std::mem::take(&mut c.how),
            canonical,
            entity: None,
            detail: std::mem::take(&mut c.detail),
            subject: None,
        });
    }
    canonicalise_people(&mut mentions);
    let roles = chosen.iter().map(|&i| cands[i].role.as_deref());
    let entities = group(text, &mut mentions, roles, gaz);
    attach_subjects(text, &mut mentions);
    Resolved { mentions, entities }
}

/// Short forms and spelling variants of people take the canonical name of the full
/// form found elsewhere in the document. A lone word typed a place only by the
/// preposition before it ("an inquiry into Biden", "in Tays' car") is the person the
/// document names with that surname.
fn canonicalise_people(mentions: &mut [ResolvedMention]) {
    // Every mention is matched against the full forms as they were before any change,
    // so the new names are worked out first and written afterwards.
    let mut updates: Vec<(usize, String)> = Vec::new();
    let mut retyped: Vec<(usize, String)> = Vec::new();
    {
        // (mention index, canonical name, its first word, its last word, whether it has
        // two words or more) of each person, its words split once.
        let people: Vec<(usize, &str, &str, &str, bool)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == EntityType::Person)
            .filter_map(|(i, m)| {
                let c = m.canonical.as_deref()?;
                let (first, last, several) = name_words(c);
                Some((i, c, first, last, several))
            })
            .collect();
        // The full forms (two words or more), first in the text first; variants of one
        // name then resolve to the first.
        // How often each full form is named.
        let mut named: FxHashMap<&str, usize> = FxHashMap::default();
        // (full form, its first word, its last word)
        let mut full: Vec<(&str, &str, &str)> = Vec::new();
        for &(_, c, first, last, several) in &people {
            if several {
                let n = named.entry(c).or_default();
                if *n == 0 {
                    full.push((c, first, last));
                }
                *n += 1;
            }
        }
        if full.is_empty() {
            // Neither a short form nor a variant can find a target.
            return;
        }
        for &(i, c, first, last, several) in &people {
            let target = if !several {
                // "Kerry" -> the full name whose last word is "Kerry"; of several
                // ("Joe Biden", "Hunter Biden"), the one the document names most
                // often, the first of equals. (A name of no word at all finds none.)
                full.iter()
                    .enumerate()
                    .filter(|(_, f)| !last.is_empty() && f.2 == last)
                    .max_by_key(|&(k, f)| (named[f.0], Reverse(k)))
                    .map(|(_, f)| f.0)
            } else {
                // "Sergey Lavrov" -> "Sergei Lavrov": same surname, given name one edit
                // away.
                full.iter()
                    .find(|f| {
                        f.0 != c && f.2 == last && f.1 != first && within_one_edit(f.1, first)
                    })
                    .map(|f| f.0)
            };
            if let Some(t) = target {
                updates.push((i, t.to_string()));
            }
        }
        let guessed_places = mentions.iter().enumerate().filter(|(_, m)| {
            m.kind == EntityType::Place && m.how == crate::recognize::names::LOCATIVE_RULE
        });
        for (i, m) in guessed_places {
            let Some(c) = m.canonical.as_deref() else {
                continue;
            };
            let mut hits = full.iter().filter(|f| f.2 == c);
            if let (Some(f), None) = (hits.next(), hits.next()) {
                retyped.push((i, f.0.to_string()));
            }
        }
    }
    for (i, t) in updates {
        mentions[i].canonical = Some(t);
    }
    for (i, t) in retyped {
        let m = &mut mentions[i];
        m.kind = EntityType::Person;
        m.canonical = Some(t);
        m.how = "rule:surname-named-here".to_string();
    }
}

/// The first and the last word of a name (split at white space) and whether it has
/// two words or more: what `split_whitespace` would give, without walking all the
/// words for the last one.
fn name_words(s: &str) -> (&str, &str, bool) {
    if s.is_ascii() {
        return name_words_ascii(s);
    }
    let t = s.trim();
    match t.find(char::is_whitespace) {
        None => (t, t, false),
        Some(p) => {
            let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
            (&t[..p], last, true)
        }
    }
}

/// [`name_words`] of an ASCII name (nearly every name), byte by byte: white space is
/// then what `char::is_whitespace` says of ASCII (with U+000B), and no character
/// needs decoding.
fn name_words_ascii(s: &str) -> (&str, &str, bool) {
    let space = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let Some(first) = b.iter().position(|c| !space(c)) else {
        return ("", "", false);
    };
    let end = b.iter().rposition(|c| !space(c)).map_or(first, |p| p + 1);
    let t = &s[first..end];
    match t.bytes().position(|c| space(&c)) {
        None => (t, t, false),
        Some(p) => {
            let q = t.bytes().rposition(|c| space(&c)).map_or(0, |q| q + 1);
            (&t[..p], &t[q..], true)
        }
    }
}

/// Whether `edit_distance(a, b) <= 1`, without the table: once the common prefix and
/// then the common suffix are cut off, at most one character is left on each side.
fn within_one_edit(a: &str, b: &str) -> bool {
    let p: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[p..], &b[p..]);
    let q: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[..a.len() - q], &b[..b.len() - q]);
    a.chars().nth(1).is_none() && b.chars().nth(1).is_none()
}

/// Levenshtein distance over chars (names are short).
#[cfg(test)]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Groups name mentions into entities by (type, canonical), in order of first mention.
fn group<'r>(
    text: &str,
    mentions: &mut [ResolvedMention],
    roles: impl Iterator<Item = Option<&'r str>>,
    gaz: &Gazetteer,
) -> Vec<Entity> {
    // Sized once: a document has at most as many entities as name mentions.
    let names = mentions.iter().filter(|m| m.kind.is_name()).count();
    if names == 0 {
        return Vec::new();
    }
    let mut entities: Vec<Entity> = Vec::with_capacity(names);
    // The entity of each mention, worked out while the canonical names can be borrowed
    // as keys, then written into the mentions.
    let mut entity_of: Vec<Option<usize>> = vec![None; mentions.len()];
    {
        let mut index: FxHashMap<(EntityType, &str), usize> =
            FxHashMap::with_capacity_and_hasher(names, Default::default());
        // The dictionary entry each entity took its attributes from last.
        let mut merged: Vec<Option<u32>> = Vec::with_capacity(names);
        for ((m, role), slot) in mentions.iter().zip(roles).zip(&mut entity_of) {
            if !m.kind.is_name() {
                continue;
            }
            let canonical = m.canonical.as_deref().unwrap_or_default();
            let form = &text[m.start..m.end];
            let i = match index.entry((m.kind, canonical)) {
                Entry::Occupied(o) => {
                    let i = *o.get();
                    let forms = &mut entities[i].forms;
                    if !forms.iter().any(|f| f == form) {
                        forms.push(form.to_string());
                    }
                    i
                }
                Entry::Vacant(v) => {
                    entities.push(Entity {
                        forms: vec![form.to_string()],
                        ..Entity::new(m.kind, canonical)
                    });
                    merged.push(None);
                    *v.insert(entities.len() - 1)
                }
            };
            let e = &mut entities[i];
            e.count += 1;
            // "Syrian Ambassador to the U.N. and Head of the Government delegation" is
            // two roles.
            for r in role.iter().flat_map(|r| r.split(" and ")) {
                if !e.roles.iter().any(|x| x == r) {
                    e.roles.push(r.to_string());
                }
            }
            // Merging the entry the entity took last again changes nothing ("Syria
            // ... Syria"; see `merge_entry`).
            if let Detail::Entry(ix) = m.detail {
                if merged[i] != Some(ix) {
                    merged[i] = Some(ix);
                    merge_entry(e, gaz.entry(ix));
                }
            }
            *slot = Some(i);
        }
    }
    for (m, e) in mentions.iter_mut().zip(entity_of) {
        if e.is_some() {
            m.entity = e;
        }
    }
    ids_by_canonical(&mut entities, gaz);
    entities
}

/// An entity none of whose mentions matched a dictionary entry (found by rules: "Kerry
/// said", "Secretary of State John Kerry") but whose canonical name, after the
/// short forms joined their full name, is a dictionary name of its type takes that
/// entry's ids, so that one person counts as one item whichever way it was found.
fn ids_by_canonical(entities: &mut [Entity], gaz: &Gazetteer) {
    for e in entities
        .iter_mut()
        .filter(|e| !e.ids.contains_key("wikidata"))
    {
        if let Some(entry) = gaz.get(&e.canonical, Lex::Name(e.kind)) {
            merge_entry(e, entry);
        }
    }
}

/// Gives an entity the ids, place and country of a dictionary entry it lacks. Doing it
/// twice in a row with one entry is doing it once (a test checks).
fn merge_entry(e: &mut Entity, entry: &crate::gazetteer::Entry) {
    for (k, v) in entry.ids() {
        if !e.ids.contains_key(k) {
            e.ids.insert(k.to_string(), v.to_string());
        }
    }
    if e.lat.is_none() {
        e.lat = entry.lat;
        e.lon = entry.lon;
    }
    if e.country.is_none() {
        e.country = entry.country.as_deref().map(str::to_string);
    }
}

/// Gives each figure the subject its sentence names: the nearest person, place or
/// organisation before it in the same sentence that is the subject of the clause
/// ("Russia plans to keep about 1,000 ..." -> Russia).
pub fn attach_subjects(text: &str, mentions: &mut [ResolvedMention]) {
    // Only the sentences of the lines that hold figures are needed (a sentence never
    // crosses a newline): those of one line, kept while the figures stay in it.
    let mut sentences: Vec<(usize, usize)> = Vec::new();
    // The end of the line `sentences` covers (its newline or the end of the text).
    let mut line_end: Option<usize> = None;
    for i in 0..mentions.len() {
        if mentions[i].kind != EntityType::Figure {
            continue;
        }
        let fs = mentions[i].start;
        if line_end.is_none_or(|e| fs > e) {
            line_end = Some(crate::text::line_sentences(text, fs, &mut sentences).1);
        }
        // Sentences are sorted and disjoint: the only one that can hold the figure is
        // the last to start at or before it.
        let k = sentences.partition_point(|&(s, _)| s <= fs);
        let Some(&(ss, se)) = k.checked_sub(1).map(|k| &sentences[k]) else {
            continue;
        };
        if fs >= se {
            continue;
        }
        // The last name mention between the sentence start and the figure that is not
        // inside a prepositional phrase ("in Syria") is taken as the subject.
        let mut subject = None;
        for m in mentions[..i].iter().rev() {
            if m.start < ss {
                break;
            }
            if !matches!(
                m.kind,
                EntityType::Person | EntityType::Place | EntityType::Org
            ) {
                continue;
            }
            let before = text[ss..m.start].trim_end();
            let prev_word = before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            const PREPOSITIONS: &[&str] = &[
                "in", "at", "to", "from", "of", "on", "for", "with", "by", "near", "into",
            ];
            let governed = PREPOSITIONS
                .iter()
                .any(|p| prev_word.eq_ignore_ascii_case(p));
            // Walking backwards, the first free name is the nearest subject ("The
            // United States estimated that Moscow has had 3,000" -> Moscow).
            if !governed {
                subject = m.canonical.clone();
                break;
            }
        }
        mentions[i].subject = subject;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_then_priority_then_earliest() {
        let mk = |s, e, p| {
            let mut c = Candidate::new(s, e, EntityType::Place, "t");
            c.priority = p;
            c
        };
        let got: Vec<(usize, usize)> = select(vec![
            mk(0, 5, 0),
            mk(3, 10, 0),
            mk(12, 15, 1),
            mk(12, 15, 2),
            mk(10, 12, 0),
        ])
        .iter()
        .map(|c| (c.start, c.end))
        .collect();
        assert_eq!(got, [(3, 10), (10, 12), (12, 15)]);
    }

    #[test]
    fn figure_subjects() {
        let recognizer = crate::recognize::figures::FigureRecognizer::new();
        // (text, names in it, expected subject of each figure)
        type Case<'a> = (&'a str, &'a [&'a str], &'a [Option<&'a str>]);
        let cases: &[Case] = &[
            (
                "Despite the pullback, Russia plans to keep about 1,000 military personnel at bases in Syria.",
                &["Russia", "Syria"],
                &[Some("Russia")],
            ),
            (
                "The United States has estimated that Moscow has had between 3,000 and 6,000 troops in Syria.",
                &["United States", "Moscow", "Syria"],
                &[Some("Moscow")],
            ),
            (
                "In Syria, about 500 people fled.",
                &["Syria"],
                &[None],
            ),
            (
                "Acme hired 200 workers. Later 50 more came.",
                &["Acme"],
                &[Some("Acme"), None],
            ),
        ];
        for (text, names, want) in cases {
            let mut mentions = Vec::new();
            for n in *names {
                let s = text.find(n).unwrap();
                mentions.push(ResolvedMention {
                    start: s,
                    end: s + n.len(),
                    kind: EntityType::Place,
                    how: "test".into(),
                    canonical: Some(n.to_string()),
                    entity: None,
                    detail: Detail::None,
                    subject: None,
                });
            }
            let mut cands = Vec::new();
            recognizer.find(text, &mut cands);
            for c in cands {
                mentions.push(ResolvedMention {
                    start: c.start,
                    end: c.end,
                    kind: c.kind,
                    how: c.how,
                    canonical: None,
                    entity: None,
                    detail: c.detail,
                    subject: None,
                });
            }
            mentions.sort_by_key(|m| m.start);
            attach_subjects(text, &mut mentions);
            let got: Vec<Option<&str>> = mentions
                .iter()
                .filter(|m| m.kind == EntityType::Figure)
                .map(|m| m.subject.as_deref())
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn within_one_edit_is_edit_distance_at_most_one(
            a in "[aeiSé]{0,6}",
            b in "[aeiSé]{0,6}",
        ) {
            proptest::prop_assert_eq!(within_one_edit(&a, &b), edit_distance(&a, &b) <= 1);
        }
    }

    proptest::proptest! {
        #[test]
        fn name_words_split_as_split_whitespace(s in "[ab \t\n\u{b}\u{c}\r\u{1f}\u{a0}\u{2009}\u{e9}]{0,10}") {
            let words: Vec<&str> = s.split_whitespace().collect();
            let want = (
                words.first().copied().unwrap_or(""),
                words.last().copied().unwrap_or(""),
                words.len() >= 2,
            );
            proptest::prop_assert_eq!(name_words(&s), want);
        }

        #[test]
        fn ascii_name_words_split_as_split_whitespace(s in "[ab. \t\n\u{b}\u{c}\r\u{1f}]{0,12}") {
            let words: Vec<&str> = s.split_whitespace().collect();
            let want = (
                words.first().copied().unwrap_or(""),
                words.last().copied().unwrap_or(""),
                words.len() >= 2,
            );
            proptest::prop_assert_eq!(name_words_ascii(&s), want);
        }
    }

    proptest::proptest! {
        #[test]
        fn runs_choose_as_one_choice(
            spans in proptest::collection::vec((0usize..30, 0usize..6, 0u8..3), 0..25)
        ) {
            let cands: Vec<Candidate> = spans
                .iter()
                .map(|&(s, len, p)| {
                    let mut c = Candidate::new(s, s + len, EntityType::Place, "t");
                    c.priority = p;
                    c
                })
                .collect();
            proptest::prop_assert_eq!(chosen(&cands), chosen_plain(&cands));
        }
    }

    #[test]
    fn merging_an_entry_again_changes_nothing() {
        let gaz = Gazetteer::bundled();
        // Every entry, after nothing and after another entry (with or without a place).
        let n = gaz.entries().len() as u32;
        for ix in (0..n).step_by(7) {
            for before in [None, Some((ix + 1) % n), Some((ix + 3) % n)] {
                let mut once = Entity::new(EntityType::Place, "x");
                if let Some(b) = before {
                    merge_entry(&mut once, gaz.entry(b));
                }
                merge_entry(&mut once, gaz.entry(ix));
                let mut twice = once.clone();
                merge_entry(&mut twice, gaz.entry(ix));
                assert_eq!(once, twice, "{ix}");
            }
        }
    }

    #[test]
    fn rule_found_people_take_the_ids_of_their_dictionary_name() {
        let gaz = Gazetteer::bundled();
        // Two rule mentions, no dictionary entry behind them: the short form joins the
        // full name, whose canonical is a dictionary person with a Wikidata id.
        let text = "Envoy John Kerry flew in. Kerry said so. Envoy Tomas Blumquist came.";
        let mut cands = Vec::new();
        for (form, how) in [
            ("John Kerry", "rule:title+name"),
            ("Kerry", "rule:name+said"),
            ("Tomas Blumquist", "rule:title+name"),
        ] {
            let start = text.find(form).unwrap();
            cands.push(Candidate::new(
                start,
                start + form.len(),
                EntityType::Person,
                how,
            ));
        }
        let r = resolve(text, cands, &gaz);
        let id = |name: &str| {
            let e = r.entities.iter().find(|e| e.canonical == name).unwrap();
            e.ids.get("wikidata").cloned()
        };
        assert_eq!(id("John Kerry").as_deref(), Some("Q22316"));
        assert_eq!(r.entities.len(), 2, "{:?}", r.entities);
        assert_eq!(id("Tomas Blumquist"), None);
    }

    #[test]
    fn edit_distance_cases() {
        for (a, b, d) in [
            ("Sergei", "Sergey", 1),
            ("Kerry", "Kerry", 0),
            ("Putin", "Assad", 5),
        ] {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
        }
    }
}
