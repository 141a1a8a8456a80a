//! The attribution is evidence for the name: a speaker the text names with capitalised
//! words no dictionary knows (`"...," Strauss Zelnick, CEO of Take-Two, said`; `said
//! Ward`) becomes an entity, a PERSON, or an ORG when its last word heads an
//! organisation ("Commission", "Ministry"), with a mention at each of its occurrences
//! that no other mention covers. A short form takes the full name written before it
//! ("Ward" after "Lewis Ward").

use super::QuoteSpan;
use crate::record::{Entity, EntityType};
use crate::resolve::{Resolved, ResolvedMention};

/// Last words that make a name an organisation.
const ORG_HEADS: &[&str] = &[
    "Agency",
    "Association",
    "Authority",
    "Bank",
    "Commission",
    "Committee",
    "Company",
    "Corp",
    "Council",
    "Department",
    "Group",
    "Inc",
    "Institute",
    "Ministry",
    "Office",
    "Party",
    "Union",
    "University",
];

/// Words that start no person's or organisation's name.
const NOT_NAMES: &[&str] = &[
    "A", "An", "And", "But", "He", "Her", "His", "It", "Its", "Mr", "Mrs", "Ms", "One", "She",
    "That", "The", "Their", "They", "This", "We",
];

/// Whether `t` looks like a name: one to four capitalised words of letters (hyphens and
/// apostrophes allowed), the first not a determiner or pronoun.
fn looks_like_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && !NOT_NAMES.contains(&words[0])
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
        })
}

/// The full name a one-word name is short for: the capitalised word right before its
/// first occurrence ("Lewis Ward" for "Ward").
fn full_name<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    if name.contains(' ') {
        return None;
    }
    for (i, _) in text.match_indices(name) {
        if !crate::text::is_word_start(text, i) || !crate::text::is_word_end(text, i + name.len()) {
            continue;
        }
        let before = text[..i].strip_suffix(' ')?;
        let start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
        let given = &before[start..];
        if given.len() > 1 && given.starts_with(char::is_uppercase) && !NOT_NAMES.contains(&given) {
            return Some(&text[start..i + name.len()]);
        }
        return None;
    }
    None
}

/// Whether `word` occurs somewhere other than at the start of a sentence or quote.
fn inside_sentence(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        crate::text::is_word_end(text, i + word.len())
            && text[..i].strip_suffix(' ').is_some_and(|b| {
                b.chars().next_back().is_some_and(|c| {
                    !matches!(c, '.' | '!' | '?' | '"' | '\u{201c}' | '\u{201d}' | '\n')
                })
            })
    })
}

/// Makes entities of the speakers named only by words, and points their quotes at them.
pub(super) fn promote(text: &str, resolved: &mut Resolved, quotes: &mut [QuoteSpan]) {
    for qi in 0..quotes.len() {
        let Some(t) = quotes[qi]
            .speaker_text
            .clone()
            .filter(|t| looks_like_name(t))
        else {
            continue;
        };
        let canonical = full_name(text, &t).unwrap_or(&t).to_string();
        // One capitalised word that only ever opens a sentence may be a common noun
        // ("Officials described ...").
        if !canonical.contains(' ') && !inside_sentence(text, &canonical) {
            continue;
        }
        let last = canonical.rsplit(' ').next().unwrap_or("");
        let kind = if ORG_HEADS.contains(&last.trim_end_matches('.')) {
            EntityType::Org
        } else {
            EntityType::Person
        };
        let index = match resolved
            .entities
            .iter()
            .position(|e| e.kind == kind && e.canonical == canonical)
        {
            Some(i) => i,
            None => {
                resolved.entities.push(Entity::new(kind, canonical.clone()));
                let i = resolved.entities.len() - 1;
                add_mentions(text, resolved, i, &[canonical.as_str(), t.as_str()]);
                i
            }
        };
        for q in quotes
            .iter_mut()
            .filter(|q| q.speaker_text.as_deref() == Some(t.as_str()))
        {
            q.speaker = Some(index);
            q.speaker_text = None;
            q.how.push_str("+speaker");
        }
    }
}

/// A mention of entity `i` at each word-bounded occurrence of its forms (longest first)
/// that no mention covers yet.
fn add_mentions(text: &str, resolved: &mut Resolved, i: usize, forms: &[&str]) {
    let kind = resolved.entities[i].kind;
    let canonical = resolved.entities[i].canonical.clone();
    for form in forms {
        for (s, _) in text.match_indices(form) {
            let e = s + form.len();
            let bounded = crate::text::is_word_start(text, s) && crate::text::is_word_end(text, e);
            let ms = &resolved.mentions;
            let k = ms.partition_point(|m| m.start < s);
            let overlaps = ms[k.saturating_sub(1)..]
                .iter()
                .take_while(|m| m.start < e)
                .any(|m| m.start < e && s < m.end);
            if !bounded || overlaps {
                continue;
            }
            resolved.mentions.insert(
                k,
                ResolvedMention {
                    start: s,
                    end: e,
                    kind,
                    how: "rule:quote-speaker".into(),
                    canonical: Some(canonical.clone()),
                    entity: Some(i),
                    detail: Default::default(),
                    subject: None,
                },
            );
            let entity = &mut resolved.entities[i];
            entity.count += 1;
            if !entity.forms.iter().any(|f| f == form) {
                entity.forms.push(form.to_string());
            }
        }
    }
}
