//! Finding the speaker of one quote: after it, before it, by "according to".

use super::marks::clause_stop;
use super::words::*;
use super::{noun_phrase_forward, speaker_kind, strip_leading, Ctx, Speaker};
use crate::record::EntityType;
use crate::resolve::ResolvedMention;

impl<'a> Ctx<'a> {
    /// Sentence (start, end) containing byte `i`, or the one before it.
    pub(super) fn sentence_of(&self, i: usize) -> (usize, usize) {
        let k = self.sentences.partition_point(|&(s, _)| s <= i);
        if k == 0 {
            return (0, self.text.len());
        }
        self.sentences[k - 1]
    }

    pub(super) fn sentence_index(&self, i: usize) -> usize {
        self.sentences.partition_point(|&(s, _)| s <= i)
    }

    /// How many sentence starts lie between two offsets.
    pub(super) fn sentence_gap(&self, a: usize, b: usize) -> usize {
        self.sentence_index(b)
            .saturating_sub(self.sentence_index(a))
    }

    pub(super) fn mentions_in(
        &self,
        s: usize,
        e: usize,
    ) -> impl Iterator<Item = &'a ResolvedMention> {
        let ms = &self.resolved.mentions;
        let k = ms.partition_point(|m| m.start < s);
        ms[k..]
            .iter()
            .take_while(move |m| m.end <= e)
            .filter(|m| m.entity.is_some() && speaker_kind(m.kind))
    }

    /// Whether a mention is the object of a preposition ("in Syria").
    pub(super) fn governed(&self, m: &ResolvedMention, floor: usize) -> bool {
        let before = self.text[floor..m.start].trim_end();
        let w = before.rsplit(char::is_whitespace).next().unwrap_or("");
        is_word(trim_word(w), PREPOSITIONS) && !w.ends_with(',')
    }

    /// Attribution after the closing mark, in the same sentence.
    pub(super) fn after(&self, open: usize, close: usize, inner_end: usize) -> Option<Speaker> {
        // The quote must end a clause: `"...," said`, `"..." he said`. A quote that
        // ends inside running text ("a "significant development" and said") is not
        // attributed from after.
        // A nested quote's closing mark may come last (`...?’”`).
        let inner = self.text[..inner_end].trim_end_matches(['\u{2019}', '\'']);
        let ends_clause = inner.ends_with([',', '.', '?', '!', '-', ':']);
        // Step over the closing mark whatever its width.
        let rest_start = close + self.text[close..].chars().next().map_or(0, char::len_utf8);
        let line_end = self.text[rest_start..]
            .find('\n')
            .map_or(self.text.len(), |p| rest_start + p);
        let mut limit = (rest_start + 240).min(line_end);
        while !self.text.is_char_boundary(limit) {
            limit -= 1;
        }
        let rest = &self.text[rest_start..limit];
        // Stop at the end of the attribution clause.
        let (_, mut sentence_end) = self.sentence_of(rest_start);
        // The sentence may end at the closing mark (`... problem’?” Schiff asked.`): a
        // short sentence after it that opens with a speech verb's clause attributes it.
        if sentence_end <= rest_start + 1 {
            let k = self.sentence_index(rest_start + 1);
            if let Some(&(s, e)) = self.sentences.get(k.saturating_sub(1)) {
                let words = word_offsets(&self.text[s..e]);
                // Only a name or a pronoun before the verb (`Schiff asked.`, not `He
                // declined to say ...`).
                let attributes = (1..words.len().min(4)).any(|j| {
                    self.is_speech_verb(&words, j)
                        && words[..j]
                            .iter()
                            .all(|w| w.1.starts_with(char::is_uppercase) || is_word(w.1, HE_SHE))
                });
                if attributes {
                    sentence_end = sentence_end.max(e);
                }
            }
        }
        let clause_end = clause_stop(rest)
            .unwrap_or(rest.len())
            .min(sentence_end.saturating_sub(rest_start))
            .min(rest.len());
        let clause = &rest[..clause_end];
        if !ends_clause && !clause.trim_start().starts_with(',') {
            return None;
        }
        let words: Vec<(usize, &str)> = word_offsets(clause);
        if words.is_empty() {
            return None;
        }
        let base = rest_start;
        // `"...," said Kerry` / `said the spokesman`
        let (w0, first) = words[0];
        if is_word(first, SPEECH_VERBS) {
            let after_verb = base + w0 + first.len();
            let end = base + clause.len();
            if let Some(sp) = self.name_after_verb(after_verb, end) {
                return Some(sp);
            }
            let np = noun_phrase_forward(&self.text[after_verb..end]);
            return np.map(|t| self.words_or_description(t, open));
        }
        // `"...," Kerry said` / `"...," he said` / `"...," the ministry said`
        // Past ten words only a subject with an apposition (`"...," Steve Clarke, deputy
        // associate administrator for exploration in NASA's science mission
        // directorate, said`).
        for (k, &(off, _)) in words.iter().enumerate().take(24) {
            if !self.is_speech_verb(&words, k) {
                continue;
            }
            let verb_at = base + off;
            if let Some(sp) = self.apposition_subject(base, verb_at) {
                return Some(sp);
            }
            if k >= 10 {
                return None;
            }
            let head = &self.text[base..verb_at];
            let head_words: Vec<&str> = head.split_whitespace().map(trim_word).collect();
            if head_words.len() == 1 {
                if let Some(sp) = self.pronoun(head_words[0], open) {
                    return Some(sp);
                }
            }
            if let Some(m) = self.mentions_in(base, verb_at).last() {
                return Some(Speaker {
                    pronoun: false,
                    described: false,
                    entity: m.entity,
                    text: None,
                });
            }
            if k > 0 && k <= 6 {
                let np = head.trim().trim_start_matches(',').trim();
                if !np.is_empty() {
                    return Some(self.words_or_description(np.to_string(), open));
                }
            }
            return None;
        }
        None
    }

    /// A name right after a speech verb (titles may come between: "said U.S. Secretary
    /// of State Ann Cole"): a person first, else any name, within 8 words.
    pub(super) fn name_after_verb(&self, from: usize, to: usize) -> Option<Speaker> {
        let near = |m: &&ResolvedMention| {
            self.text[from..m.start].split_whitespace().count() <= 8
                && !self.text[from..m.start].contains(['"', '\u{201c}', '\u{201d}'])
        };
        let pick = self
            .mentions_in(from, to)
            .filter(near)
            .find(|m| m.kind == EntityType::Person)
            .or_else(|| self.mentions_in(from, to).find(near))?;
        // Not when the name is the object of a preposition ("said in Paris").
        if self.governed(pick, from) {
            return None;
        }
        Some(Speaker {
            pronoun: false,
            described: false,
            entity: pick.entity,
            text: None,
        })
    }

    /// Attribution before the opening mark, in the same sentence.
    pub(super) fn before(&self, open: usize) -> Option<Speaker> {
        let (ss, _) = self.sentence_of(open);
        let ss = ss.min(open);
        let head = &self.text[ss..open];
        let words = word_offsets(head);
        // "according to X, "...""
        if let Some(k) = words
            .windows(2)
            .position(|w| w[0].1.eq_ignore_ascii_case("according") && w[1].1 == "to")
        {
            let from = ss + words[k + 1].0 + 2;
            if let Some(m) = self.mentions_in(from, open).next() {
                return Some(Speaker {
                    pronoun: false,
                    described: false,
                    entity: m.entity,
                    text: None,
                });
            }
            // A name no dictionary knows: its capitalised words up to the comma.
            let phrase = self.text[from..open].split(',').next().unwrap_or("");
            if let Some(name) = super::speakers::capitalised_tail(phrase) {
                return Some(Speaker {
                    text: Some(name.to_string()),
                    ..Speaker::default()
                });
            }
        }
        // The speech verb nearest the quote.
        let (vk, &(voff, verb)) = words
            .iter()
            .enumerate()
            .rev()
            .find(|&(k, _)| self.is_speech_verb(&words, k))?;
        let verb_at = ss + voff;
        // `"...," said Baker, "..."`: the name after the verb speaks (but in `Cole told
        // Hall, "..."` Hall is spoken to).
        let inverted = self.text[..verb_at].trim_end().ends_with(['"', '\u{201d}']);
        if inverted {
            if let Some(sp) = self.name_after_verb(verb_at + verb.len(), open) {
                return Some(sp);
            }
        }
        let prev = if vk > 0 { words[vk - 1].1 } else { "" };
        // "She didn't give a date, but said": a coordinated verb borrows the subject.
        let borrowed = is_word(verb, PARTICIPLES)
            || prev.eq_ignore_ascii_case("and")
            || prev.eq_ignore_ascii_case("but");
        if !borrowed {
            if let Some(sp) = self.subject_before(ss, verb_at) {
                return Some(sp);
            }
        }
        // "X called it a "..." and said": an earlier finite speech verb of the sentence
        // gives the subject.
        if prev.eq_ignore_ascii_case("and") {
            for k in (0..vk).rev() {
                let (off, w) = words[k];
                let p = if k > 0 { words[k - 1].1 } else { "" };
                if is_word(w, SPEECH_VERBS)
                    && !is_word(w, PARTICIPLES)
                    && !p.eq_ignore_ascii_case("and")
                {
                    if let Some(sp) = self.subject_before(ss, ss + off) {
                        return Some(sp);
                    }
                    break;
                }
            }
        }
        // A participle ("with its ministry saying", "..., saying"): the main clause
        // subject.
        self.main_subject(ss, verb_at)
    }

    /// The subject right before a finite verb: a mention separated from the verb only
    /// by commas, adverbs and auxiliaries ("Staffan de Mistura, called"), else the
    /// noun phrase back to a clause break.
    pub(super) fn subject_before(&self, ss: usize, verb_at: usize) -> Option<Speaker> {
        if let Some(sp) = self.apposition_subject(ss, verb_at) {
            return Some(sp);
        }
        let mentions: Vec<&ResolvedMention> = self.mentions_in(ss, verb_at).collect();
        if let Some(m) = mentions.last() {
            let between = &self.text[m.end..verb_at];
            let ok = between.split_whitespace().all(|w| {
                let t = trim_word(w);
                t.is_empty() || is_word(t, BETWEEN_SUBJECT_AND_VERB) || t.ends_with("ly")
            }) && !between.contains('"');
            if ok && !self.governed(m, ss) {
                return Some(Speaker {
                    pronoun: false,
                    described: false,
                    entity: m.entity,
                    text: None,
                });
            }
        }
        let np = self.np_before(ss, verb_at)?;
        self.resolve_np(np.0, np.1, verb_at)
    }

    /// The noun phrase ending before `at`, back to a clause break or comma: (start, end).
    pub(super) fn np_before(&self, ss: usize, at: usize) -> Option<(usize, usize)> {
        let head = &self.text[ss..at];
        let words = word_offsets(head);
        let mut k = words.len();
        // Adverbs between subject and verb.
        while k > 0 {
            let w = words[k - 1].1;
            if w.ends_with("ly") || is_word(w, BETWEEN_SUBJECT_AND_VERB) {
                k -= 1;
            } else {
                break;
            }
        }
        let end_k = k;
        while k > 0 {
            let (off, w) = words[k - 1];
            let raw_end = ss + off + w.len();
            let punct_after = self.text[raw_end..].starts_with(',');
            if is_word(w, CLAUSE_BREAK) || is_word(w, SPEECH_VERBS) || (punct_after && k < end_k) {
                break;
            }
            k -= 1;
            if end_k - k >= 8 {
                break;
            }
        }
        if k == end_k {
            return None;
        }
        let s = ss + words[k].0;
        let e = ss + words[end_k - 1].0 + words[end_k - 1].1.len();
        Some((s, e))
    }

    /// A noun phrase as a speaker: a mention inside it, a pronoun, or its words.
    pub(super) fn resolve_np(&self, s: usize, e: usize, at: usize) -> Option<Speaker> {
        let np = self.text[s..e].trim();
        let lower = np.to_ascii_lowercase();
        if let Some(sp) = self.pronoun(np, at) {
            return Some(sp);
        }
        if matches!(
            lower.as_str(),
            "it" | "they" | "we" | "i" | "you" | "this" | "that"
        ) {
            return None;
        }
        // "its foreign ministry", "their spokesman": the sentence's subject speaks.
        if lower.starts_with("its ") || lower.starts_with("their ") {
            let (ss, _) = self.sentence_of(s);
            if let Some(m) = self.mentions_in(ss, s).find(|m| !self.governed(m, ss)) {
                return Some(Speaker {
                    pronoun: false,
                    described: false,
                    entity: m.entity,
                    text: None,
                });
            }
        }
        if let Some(m) = self
            .mentions_in(s, e)
            .find(|m| m.kind == EntityType::Person)
        {
            return Some(Speaker {
                pronoun: false,
                described: false,
                entity: m.entity,
                text: None,
            });
        }
        if let Some(m) = self.mentions_in(s, e).next() {
            return Some(Speaker {
                pronoun: false,
                described: false,
                entity: m.entity,
                text: None,
            });
        }
        let t = strip_leading(np);
        (!t.is_empty() && t.chars().any(char::is_alphabetic))
            .then(|| self.words_or_description(t.to_string(), at))
    }

    /// The subject of the sentence's main clause: after an introductory phrase that
    /// starts with a preposition and ends with a comma, the noun phrase up to the first
    /// verb-like word.
    pub(super) fn main_subject(&self, ss: usize, limit: usize) -> Option<Speaker> {
        let head = &self.text[ss..limit];
        let words = word_offsets(head);
        let mut k = 0;
        if words.first().is_some_and(|w| is_word(w.1, PREPOSITIONS)) {
            // Skip to after the first comma.
            let comma = head.find(',')?;
            k = words.iter().position(|w| w.0 > comma)?;
        }
        while k < words.len() && is_word(words[k].1, CONNECTIVES) {
            k += 1;
        }
        let start_k = k;
        // "She didn't give a date for ..., but said": a pronoun is the whole subject.
        if let Some(sp) = words.get(k).and_then(|w| self.pronoun(w.1, limit)) {
            return Some(sp);
        }
        while k < words.len() {
            let (off, w) = words[k];
            let lower = w.to_ascii_lowercase();
            let verbish = is_word(w, SPEECH_VERBS)
                || lower.ends_with("n't")
                || lower.ends_with("n\u{2019}t")
                || (lower.ends_with("ly") && lower.len() > 4)
                || (lower.ends_with("ed") && w.chars().next().is_some_and(char::is_lowercase))
                || matches!(
                    lower.as_str(),
                    "has"
                        | "have"
                        | "had"
                        | "is"
                        | "was"
                        | "are"
                        | "were"
                        | "will"
                        | "would"
                        | "also"
                        | "could"
                        | "can"
                        | "may"
                        | "might"
                        | "did"
                        | "does"
                );
            if verbish || k - start_k >= 8 {
                break;
            }
            let raw_end = ss + off + w.len();
            k += 1;
            if self.text[raw_end..].starts_with(',') {
                break;
            }
        }
        if k == start_k {
            return None;
        }
        let s = ss + words[start_k].0;
        let e = ss + words[k - 1].0 + words[k - 1].1.len();
        self.resolve_np(s, e, limit)
    }
}
