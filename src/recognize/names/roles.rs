//! Roles and bodies around names: the role written before a person's name ("deputy
//! defense minister Nikolai Pankov") or after it in apposition ("Josh Earnest, the
//! White House spokesman,"), and the government bodies named by a country's possessive
//! ("Russia's defense ministry").

use super::lists::ROLE_WORDS;
use super::words::Tok;
use super::{Ask, Ctx, NameRecognizer, Span};
use crate::gazetteer::{Gazetteer, Lex, WordClass};
use crate::recognize::{Candidate, Detail};
use crate::record::EntityType;

impl<'a> Ctx<'a> {
    /// A role written before a name: "White House spokesman Josh Earnest",
    /// "deputy defense minister Nikolai Pankov", "Russian President Vladimir Putin".
    pub(super) fn role_before(&self, a: usize) -> Option<String> {
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
    pub(super) fn has_role_word(&self, phrase: &str) -> bool {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        // (Lower-cased without a copy: `word_class_folded`.)
        let is_role = |w: &str| {
            self.gaz.is(w, Lex::Role) || self.gaz.word_class_folded(w).has(WordClass::ROLE)
        };
        words.iter().any(|w| is_role(w)) || words.windows(2).any(|p| is_role(&p.join(" ")))
    }

    /// An apposition after a name: "Josh Earnest, the White House spokesman, said".
    pub(super) fn role_after(&self, b: usize) -> Option<String> {
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
    pub(super) fn bodies(
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
    pub(super) fn body_at(&self, text: &str, at: usize) -> Option<usize> {
        let word_before = at.checked_sub(1).is_some_and(|k| {
            text.as_bytes()[k].is_ascii_alphanumeric() || text.as_bytes()[k] == b'_'
        });
        if !word_before {
            return None;
        }
        self.body.find(&text[at..]).map(|m| at + m.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::names::BODY;
    use proptest::prelude::*;
    use regex::Regex;

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
}
