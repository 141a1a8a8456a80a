//! Speakers found by the structure of the attribution rather than by distance: the
//! subject before an apposition (`X, the company's CEO, said`), a trailing `, said X`
//! that closes the sentence, pronouns ("it" for an organisation), definite
//! descriptions that stand for an entity named before ("the 56-year-old", "the
//! company"), quotes that continue the previous one, and quotes nested in a quote.

use super::words::*;
use super::{layout, Ctx, QuoteSpan, Speaker};
use crate::record::EntityType;

/// How far back (bytes) a description looks for the entity it stands for.
const DESCRIPTION_WINDOW: usize = 2500;

impl<'a> Ctx<'a> {
    /// Whether word `k` is a speech verb, phrasal ones included ("pointed out").
    pub(super) fn is_speech_verb(&self, words: &[(usize, &str)], k: usize) -> bool {
        let w = words[k].1;
        is_word(w, SPEECH_VERBS)
            || (w.eq_ignore_ascii_case("pointed")
                && words
                    .get(k + 1)
                    .is_some_and(|n| n.1.eq_ignore_ascii_case("out")))
    }

    /// "he"/"she" as the most recent person in subject position, "it" as the most
    /// recent organisation.
    pub(super) fn pronoun(&self, w: &str, at: usize) -> Option<Speaker> {
        let kind = if is_word(w, HE_SHE) {
            EntityType::Person
        } else if w.eq_ignore_ascii_case("it") {
            EntityType::Org
        } else {
            return None;
        };
        let entity = self.last_subject(at, kind);
        if kind == EntityType::Org && entity.is_none() {
            return None;
        }
        Some(Speaker {
            pronoun: true,
            entity,
            ..Speaker::default()
        })
    }

    /// The subject before an apposition that ends right before the verb (`General
    /// Mark Milley, chairman of the Joint Chiefs of Staff, told`; `"...," Morrison,
    /// Vindman's superior, said`): the name that ends at the apposition's opening
    /// comma, or, when no dictionary knows it, its capitalised words.
    pub(super) fn apposition_subject(&self, floor: usize, verb_at: usize) -> Option<Speaker> {
        let head = self.text[floor..verb_at].trim_end();
        let inner = head.strip_suffix(',')?;
        if inner.contains(['"', '\u{201c}', '\u{201d}']) {
            return None;
        }
        // "The U.N. special envoy for Syria, Staffan de Mistura, called": the name is
        // the subject and the description before it the apposition.
        let named = self
            .mentions_in(floor, floor + inner.len())
            .last()
            .is_some_and(|m| {
                m.end == floor + inner.trim_end().len() && m.kind == EntityType::Person
            });
        if named {
            return None;
        }
        // The apposition may hold commas of its own: up to three are tried.
        let mut end = inner.len();
        for _ in 0..3 {
            let comma = inner[..end].rfind(',')?;
            end = comma;
            let at = floor + comma;
            let before = self.text[floor..at].trim_end();
            if let Some(m) = self.mentions_in(floor, at).last() {
                if m.end == floor + before.len() && !self.governed(m, floor) {
                    return Some(Speaker {
                        entity: m.entity,
                        ..Speaker::default()
                    });
                }
            }
            if let Some(name) = capitalised_tail(before) {
                return Some(Speaker {
                    text: Some(name.to_string()),
                    ..Speaker::default()
                });
            }
        }
        None
    }

    /// The most recent entity of `kind` in subject position before `at`: the first one
    /// of each sentence, walking back six sentences, else any one before.
    pub(super) fn last_subject(&self, at: usize, kind: EntityType) -> Option<usize> {
        let k = self.sentence_index(at);
        for si in (0..k).rev().take(6) {
            let (s, e) = self.sentences[si];
            let e = e.min(at);
            let first = self
                .mentions_in(s, e)
                .filter(|m| m.kind == kind)
                .find(|m| !self.governed(m, s));
            if let Some(m) = first {
                return m.entity;
            }
        }
        self.resolved.mentions[..self.resolved.mentions.partition_point(|m| m.start < at)]
            .iter()
            .rev()
            .find(|m| m.kind == kind && m.entity.is_some())
            .and_then(|m| m.entity)
    }

    /// A speaker named by words: the entity a definite description stands for, else
    /// the words.
    pub(super) fn words_or_description(&self, t: String, at: usize) -> Speaker {
        match self.describe(&t, at) {
            Some(i) => Speaker {
                described: true,
                entity: Some(i),
                ..Speaker::default()
            },
            None => Speaker {
                text: Some(t),
                ..Speaker::default()
            },
        }
    }

    /// The entity a definite description stands for: "the 56-year-old", "the
    /// Portuguese boss", "the senator" (a person), "the company", "the group" (an
    /// organisation): the most recent entity of that type before `at`, within a
    /// window, one whose roles name the head noun first.
    pub(super) fn describe(&self, np: &str, at: usize) -> Option<usize> {
        let words: Vec<&str> = np.split_whitespace().map(trim_word).collect();
        if words.len() < 2 || words.len() > 4 || !words[0].eq_ignore_ascii_case("the") {
            return None;
        }
        let head = words[words.len() - 1];
        let lower = head.to_ascii_lowercase();
        let kind = if lower.ends_with("-year-old") || is_word(head, DESCRIBED_PEOPLE) {
            EntityType::Person
        } else if is_word(head, DESCRIBED_ORGS) {
            EntityType::Org
        } else {
            return None;
        };
        let floor = at.saturating_sub(DESCRIPTION_WINDOW);
        let ms = &self.resolved.mentions;
        let before =
            &ms[ms.partition_point(|m| m.start < floor)..ms.partition_point(|m| m.start < at)];
        let fits = |i: usize| {
            self.resolved.entities[i]
                .roles
                .iter()
                .any(|r| r.to_ascii_lowercase().contains(&lower))
        };
        let mut candidates = before
            .iter()
            .rev()
            .filter(|m| m.kind == kind)
            .filter_map(|m| m.entity);
        let recent = candidates.clone().next()?;
        Some(candidates.find(|&i| fits(i)).unwrap_or(recent))
    }

    /// A `, said X` (or `, according to X`) that closes the sentence of a quote in
    /// running text (`telling others "he was in charge" despite ..., said another
    /// witness, former adviser Fiona Hill.`): the first name after the verb.
    pub(super) fn trailing(&self, close: usize) -> Option<Speaker> {
        let (_, se) = self.sentence_of(close);
        let from = close + self.text[close..].chars().next().map_or(0, char::len_utf8);
        if from >= se {
            return None;
        }
        let rest = &self.text[from..se];
        if rest.contains(['"', '\u{201c}', '\u{201d}']) {
            return None;
        }
        let verb_end = [", said ", ", says ", ", added ", ", according to "]
            .iter()
            .filter_map(|v| rest.find(v).map(|p| from + p + v.len()))
            .min()?;
        let pick = self
            .mentions_in(verb_end, se)
            .filter(|m| !self.governed(m, verb_end))
            .find(|m| m.kind == EntityType::Person)
            .or_else(|| {
                self.mentions_in(verb_end, se)
                    .find(|m| !self.governed(m, verb_end))
            })?;
        Some(Speaker {
            entity: pick.entity,
            ..Speaker::default()
        })
    }

    /// Whether a quote with no attribution continues the last attributed one (which
    /// closed at `end`): within two sentences, or opening the paragraph right after
    /// the one that quote is in.
    pub(super) fn continues(&self, end: usize, open: usize) -> bool {
        if self.sentence_gap(end, open) <= 2 {
            return true;
        }
        let (ls, _) = layout::line_of(self.text, open);
        if !self.text[ls..open].trim().is_empty() {
            return false;
        }
        // The previous non-empty line holds `end`.
        let prev = self.text[..ls].trim_end();
        let (ps, pe) = layout::line_of(self.text, prev.len().saturating_sub(1));
        ps <= end && end <= pe + 1
    }

    /// Quotes nested in the quote `s..e` (`‘...’` after a speech verb), each spoken by
    /// the subject of its verb in the quote, or for a participle ("adding that ...")
    /// by the speaker of the nested quote before.
    pub(super) fn push_nested(&self, s: usize, e: usize, out: &mut Vec<QuoteSpan>) {
        let mut prev: Option<Speaker> = None;
        for (qs, qe, verb_at, participle) in layout::nested(self.text, s, e) {
            let sp = if participle {
                prev.take()
            } else {
                let floor = self.sentence_of(verb_at).0.max(s);
                self.subject_before(floor, verb_at)
            };
            let Some(sp) = sp else {
                continue;
            };
            prev = Some(Speaker {
                entity: sp.entity,
                text: sp.text.clone(),
                ..Speaker::default()
            });
            out.push(sp.into_quote(qs, qe, "rule:quote+nested"));
        }
    }
}

/// The capitalised words that end `s`, one to four of them, when they look like a
/// name ("Strauss Zelnick" in "..., Strauss Zelnick"): not a sentence's "The", and
/// only at the start of `s` or after a comma (not "the envoy for Syria").
pub(super) fn capitalised_tail(s: &str) -> Option<&str> {
    let words: Vec<(usize, &str)> = word_offsets(s);
    let mut k = words.len();
    while k > 0 && words.len() - k < 4 {
        let w = words[k - 1].1;
        let cap = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase);
        if !cap || is_word(w, CONNECTIVES) || w.eq_ignore_ascii_case("the") {
            break;
        }
        k -= 1;
    }
    if k == words.len() {
        return None;
    }
    let start = words[k].0;
    if !s[..start].trim_end().is_empty() && !s[..start].trim_end().ends_with(',') {
        return None;
    }
    // Nothing but the name between it and the end.
    let tail = s[start..].trim_end();
    (tail.len() + start == s.trim_end().len()).then_some(tail)
}
