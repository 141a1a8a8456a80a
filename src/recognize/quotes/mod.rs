//! Direct quotations and their speakers.
//!
//! Quotations are the words between straight (`"`) or curly (`“ ”`) double quotes; a
//! quote left open at the end of a paragraph ends there (news style reopens it in the
//! next paragraph). Short quotes of one to three words are scare quotes unless their
//! sentence attributes them with a speech or assessment verb ("called the move a
//! "significant development"").
//!
//! The speaker is found, in this order: after the quote (`"...," said Kerry`, `"...,"
//! Kerry said`, `"...," he said`, `"...," said the spokesman`); before it in the same
//! sentence through the subject of the nearest speech verb (`Pankov told reporters,
//! "..."`, `..., with its foreign ministry saying that "..."`); by "according to X";
//! finally a quote with no attribution that follows another quote within two sentences
//! continues that quote's speaker. "he"/"she" resolve to the most recent person in
//! subject position. When no entity fits, `speaker_text` carries the words that name
//! the speaker ("the main Syrian opposition").
//!
//! It does not handle indirect speech (no quote marks), single-quoted quotations
//! (apostrophes make them ambiguous) or nested quotes.

use crate::record::EntityType;
use crate::resolve::{Resolved, ResolvedMention};

/// A quotation found in the text: byte offsets of the quoted words (inside the marks).
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
    /// Index into `Resolved::entities`.
    pub speaker: Option<usize>,
    /// The speaker as the text names it when no entity fits ("the main Syrian opposition").
    pub speaker_text: Option<String>,
    pub how: String,
}

/// Verbs that attribute a quote: speech verbs and verbs of assessment that take a quoted
/// phrase ("called it a "...", "described ... as "..."").
///
/// This and the other word lists are sorted, for [`is_word`].
const SPEECH_VERBS: &WordList = &WordList::new(&[
    "accused",
    "acknowledged",
    "added",
    "adding",
    "adds",
    "admitted",
    "announced",
    "announces",
    "argued",
    "argues",
    "asked",
    "asks",
    "believes",
    "branded",
    "called",
    "calling",
    "calls",
    "claimed",
    "claims",
    "commented",
    "conceded",
    "condemned",
    "confirmed",
    "continued",
    "criticised",
    "criticized",
    "declared",
    "declares",
    "denied",
    "described",
    "describes",
    "describing",
    "dubbed",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "expressed",
    "hoped",
    "hopes",
    "insisted",
    "insists",
    "labeled",
    "labelled",
    "noted",
    "notes",
    "noting",
    "posted",
    "praised",
    "predicted",
    "promised",
    "recalled",
    "remarked",
    "replied",
    "replies",
    "responded",
    "said",
    "say",
    "saying",
    "says",
    "stated",
    "states",
    "stressed",
    "suggested",
    "telling",
    "tells",
    "termed",
    "told",
    "tweeted",
    "urged",
    "urges",
    "vowed",
    "warned",
    "warning",
    "warns",
    "welcomed",
    "writes",
    "writing",
    "wrote",
]);

/// Auxiliaries and copulas: after a short quote they make it the subject of a clause.
const AUXILIARIES: &WordList = &WordList::new(&[
    "are", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must",
    "should", "was", "were", "will", "would",
]);

/// Participles and coordinated verbs borrow the subject of the main clause.
const PARTICIPLES: &WordList = &WordList::new(&[
    "adding",
    "calling",
    "describing",
    "noting",
    "saying",
    "telling",
    "warning",
    "writing",
]);

/// Words that may stand between a subject and its verb: "Kerry also said".
const BETWEEN_SUBJECT_AND_VERB: &WordList = &WordList::new(&[
    "a",
    "again",
    "also",
    "earlier",
    "had",
    "has",
    "have",
    "herself",
    "himself",
    "in",
    "itself",
    "later",
    "on",
    "once",
    "previously",
    "publicly",
    "recently",
    "repeatedly",
    "reportedly",
    "statement",
    "then",
    "will",
    "would",
]);

/// The pronouns that stand for the last person in subject position.
const HE_SHE: &WordList = &WordList::new(&["he", "she"]);

/// Connectives before a main clause's subject: "But the ministry said".
const CONNECTIVES: &WordList = &WordList::new(&["and", "but", "meanwhile", "so", "yet"]);

/// Words that end a subject noun phrase when reading backwards from a verb.
const CLAUSE_BREAK: &WordList = &WordList::new(&[
    "after", "although", "and", "as", "because", "before", "but", "if", "since", "that", "though",
    "when", "where", "which", "while", "who", "with",
]);

const PREPOSITIONS: &WordList = &WordList::new(&[
    "about",
    "across",
    "after",
    "against",
    "amid",
    "among",
    "at",
    "before",
    "by",
    "despite",
    "during",
    "following",
    "for",
    "from",
    "in",
    "into",
    "near",
    "of",
    "on",
    "over",
    "through",
    "to",
    "toward",
    "towards",
    "under",
    "with",
    "within",
    "without",
]);

/// Finds the direct quotations of `text` and attributes them using the resolved
/// mentions and entities.
pub fn find(text: &str, resolved: &Resolved) -> Vec<QuoteSpan> {
    let marks = quote_marks(text);
    if marks.is_empty() {
        return Vec::new();
    }
    // The rules ask about sentences no further than the line where the last quote's
    // closing mark ends (the mark of a quote left open is a newline: the next line);
    // sentences never cross a newline, so the text up to the end of that line has the
    // same sentences there.
    let close = marks[marks.len() - 1].1;
    let after = close + text[close..].chars().next().map_or(0, char::len_utf8);
    let cut = memchr::memchr(b'\n', &text.as_bytes()[after..]).map_or(text.len(), |p| after + p);
    let sentences = crate::text::sentences(&text[..cut]);
    let ctx = Ctx {
        text,
        resolved,
        sentences: &sentences,
    };
    let mut out: Vec<QuoteSpan> = Vec::with_capacity(marks.len());
    // (quote end, speaker, speaker_text) of the last attributed quote.
    let mut last: Option<(usize, Option<usize>, Option<String>)> = None;
    for &(open, close, s, e) in &marks {
        // Only whether the quote has more than three words matters: the count stops
        // at the fourth (quotes run to a hundred bytes and more).
        let short = text[s..e].split_whitespace().nth(3).is_none();
        let mut found = ctx.after(open, close, e).map(|sp| (sp, "rule:quote+after"));
        if found.is_none() {
            found = ctx.before(open).map(|sp| (sp, "rule:quote+before"));
        }
        // "he" in the sentence of an attributed quote is that quote's speaker
        // (`X called it a "..." and said he hopes "..."`).
        if let (Some((sp, _)), Some((end, lsp, lst))) = (&mut found, &last) {
            if sp.pronoun && ctx.sentence_gap(*end, open) == 0 {
                sp.entity = *lsp;
                sp.text = lst.clone();
            }
        }
        let inner = &text[s..e];
        if short && !inner.ends_with([',', '.', '?', '!']) {
            // Scare quotes are kept only when a verb in their own sentence attributes
            // them, and not when the quoted words are the subject of what follows
            // (`the "reform" is ...`); a continuation never attributes them.
            let next = text[close..]
                .split_whitespace()
                .nth(1)
                .map(trim_word)
                .unwrap_or("");
            let subject_of_next = is_word(next, AUXILIARIES);
            if let Some((sp, how)) = found.filter(|_| !subject_of_next) {
                let q = sp.into_quote(s, e, how);
                last = Some((close, q.speaker, q.speaker_text.clone()));
                out.push(q);
            }
            continue;
        }
        if found.is_none() {
            if let Some((end, sp, st)) = &last {
                if ctx.sentence_gap(*end, open) <= 2 {
                    found = Some((
                        Speaker {
                            pronoun: false,
                            entity: *sp,
                            text: st.clone(),
                        },
                        "rule:quote+continued",
                    ));
                }
            }
        }
        let q = match found {
            Some((sp, how)) => sp.into_quote(s, e, how),
            None => QuoteSpan {
                start: s,
                end: e,
                speaker: None,
                speaker_text: None,
                how: "rule:quote".into(),
            },
        };
        if q.speaker.is_some() || q.speaker_text.is_some() {
            last = Some((close, q.speaker, q.speaker_text.clone()));
        }
        out.push(q);
    }
    out
}

/// The speaker of one quote: an entity or words.
struct Speaker {
    /// Found through "he"/"she".
    pronoun: bool,
    entity: Option<usize>,
    text: Option<String>,
}

impl Speaker {
    fn into_quote(self, start: usize, end: usize, how: &str) -> QuoteSpan {
        QuoteSpan {
            start,
            end,
            speaker: self.entity,
            speaker_text: if self.entity.is_some() {
                None
            } else {
                self.text
            },
            how: how.to_string(),
        }
    }
}

/// Quote marks: (opening mark, closing mark, inner start, inner end), byte offsets.
/// The closing mark offset is the end of the paragraph for a quote left open.
fn quote_marks(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut marks = MarkTracker::new(text);
    // Every mark is `"`, a newline or starts with byte 0xE2, which no ASCII byte and no
    // other character's inner bytes equal: `memchr3` jumps from one possible mark to
    // the next and finds the same marks as a char scan ([`quote_marks_by_char`]). A
    // newline only matters in a quote (it closes one left open): outside, `memchr2`
    // skips them.
    let mut at = 0;
    loop {
        let rest = &bytes[at..];
        let found = if marks.open.is_some() {
            memchr::memchr3(b'"', b'\n', 0xE2, rest)
        } else {
            memchr::memchr2(b'"', 0xE2, rest)
        };
        let Some(p) = found else {
            break;
        };
        let i = at + p;
        at = i + 1;
        let ch = match bytes[i] {
            b'"' => '"',
            b'\n' => '\n',
            // U+201C and U+201D are E2 80 9C and E2 80 9D.
            _ => match bytes.get(i + 1..i + 3) {
                Some([0x80, 0x9C]) => '\u{201c}',
                Some([0x80, 0x9D]) => '\u{201d}',
                _ => continue,
            },
        };
        marks.step(i, ch);
    }
    marks.finish()
}

/// The reference for [`quote_marks`]: every character looked at.
#[cfg(test)]
fn quote_marks_by_char(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut marks = MarkTracker::new(text);
    for (i, ch) in text.char_indices() {
        if matches!(ch, '"' | '\n' | '\u{201c}' | '\u{201d}') {
            marks.step(i, ch);
        }
    }
    marks.finish()
}

/// Pairs quote marks as [`quote_marks`] meets them, in text order.
struct MarkTracker<'a> {
    text: &'a str,
    out: Vec<(usize, usize, usize, usize)>,
    /// (mark offset, inner start) of the quote left open.
    open: Option<(usize, usize)>,
}

impl<'a> MarkTracker<'a> {
    fn new(text: &'a str) -> Self {
        MarkTracker {
            text,
            out: Vec::new(),
            open: None,
        }
    }

    fn push(&mut self, o: usize, inner: usize, close: usize, end: usize) {
        let raw = &self.text[inner..end];
        let s = inner + (raw.len() - raw.trim_start().len());
        let e = end - (raw.len() - raw.trim_end().len());
        if e > s {
            self.out.push((o, close, s, e));
        }
    }

    /// One mark (`"`, a newline, U+201C or U+201D) at byte `i`.
    fn step(&mut self, i: usize, ch: char) {
        match ch {
            '\u{201c}' => self.open = Some((i, i + ch.len_utf8())),
            '"' => match self.open.take() {
                Some((o, inner)) => self.push(o, inner, i, i),
                None => {
                    // An inch mark after a digit is not a quote: 5'10".
                    let after_digit = self.text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_digit());
                    if !after_digit {
                        self.open = Some((i, i + 1));
                    }
                }
            },
            // A closing curly quote, or a paragraph end that closes a quote left open.
            _ => {
                if let Some((o, inner)) = self.open.take() {
                    self.push(o, inner, i, i);
                }
            }
        }
    }

    fn finish(mut self) -> Vec<(usize, usize, usize, usize)> {
        if let Some((o, inner)) = self.open.take() {
            let end = self.text.len();
            self.push(o, inner, end, end);
        }
        self.out
    }
}

struct Ctx<'a> {
    text: &'a str,
    resolved: &'a Resolved,
    sentences: &'a [(usize, usize)],
}

/// A word list for [`is_word`]: its words, sorted, in lower case, none longer than 16
/// bytes and each starting with a letter (a test checks the lists), and for each first
/// letter the lengths its words have (bit `n`: a word of `n` bytes).
struct WordList {
    words: &'static [&'static str],
    lengths: [u32; 26],
}

impl WordList {
    const fn new(words: &'static [&'static str]) -> WordList {
        let mut lengths = [0u32; 26];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(w[0].is_ascii_lowercase() && w.len() <= 16);
            lengths[(w[0] - b'a') as usize] |= 1 << w.len();
            i += 1;
        }
        WordList { words, lengths }
    }
}

/// Whether `w` is one of the words of `list` in any ASCII case. Most words asked about
/// are in no list (the rules ask about every word before a quote): the table of first
/// letters and lengths turns nearly all of them away before the binary search.
fn is_word(w: &str, list: &WordList) -> bool {
    let first = w.as_bytes().first().map(u8::to_ascii_lowercase);
    let Some(first @ b'a'..=b'z') = first else {
        return false;
    };
    if w.len() > 16 || list.lengths[usize::from(first - b'a')] & (1 << w.len()) == 0 {
        return false;
    }
    let mut buf = [0u8; 16];
    let Some(lower) = buf.get_mut(..w.len()) else {
        return false;
    };
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    // Byte by byte rather than `memcmp`: the words are short.
    list.words
        .binary_search_by(|x| x.bytes().cmp(lower.iter().copied()))
        .is_ok()
}

fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
}

impl<'a> Ctx<'a> {
    /// Sentence (start, end) containing byte `i`, or the one before it.
    fn sentence_of(&self, i: usize) -> (usize, usize) {
        let k = self.sentences.partition_point(|&(s, _)| s <= i);
        if k == 0 {
            return (0, self.text.len());
        }
        self.sentences[k - 1]
    }

    fn sentence_index(&self, i: usize) -> usize {
        self.sentences.partition_point(|&(s, _)| s <= i)
    }

    /// How many sentence starts lie between two offsets.
    fn sentence_gap(&self, a: usize, b: usize) -> usize {
        self.sentence_index(b)
            .saturating_sub(self.sentence_index(a))
    }

    fn mentions_in(&self, s: usize, e: usize) -> impl Iterator<Item = &'a ResolvedMention> {
        let ms = &self.resolved.mentions;
        let k = ms.partition_point(|m| m.start < s);
        ms[k..]
            .iter()
            .take_while(move |m| m.end <= e)
            .filter(|m| m.entity.is_some() && speaker_kind(m.kind))
    }

    /// Whether a mention is the object of a preposition ("in Syria").
    fn governed(&self, m: &ResolvedMention, floor: usize) -> bool {
        let before = self.text[floor..m.start].trim_end();
        let w = before.rsplit(char::is_whitespace).next().unwrap_or("");
        is_word(trim_word(w), PREPOSITIONS) && !w.ends_with(',')
    }

    /// The most recent person in subject position before `at`: the first person of
    /// each sentence, walking back ("Kerry said he would talk with Putin. "...," he
    /// said" -> Kerry).
    fn last_subject_person(&self, at: usize) -> Option<usize> {
        let k = self.sentence_index(at);
        for si in (0..k).rev().take(6) {
            let (s, e) = self.sentences[si];
            let e = e.min(at);
            let first = self
                .mentions_in(s, e)
                .filter(|m| m.kind == EntityType::Person)
                .find(|m| !self.governed(m, s));
            if let Some(m) = first {
                return m.entity;
            }
        }
        // Fall back on any person before.
        self.resolved.mentions[..self.resolved.mentions.partition_point(|m| m.start < at)]
            .iter()
            .rev()
            .find(|m| m.kind == EntityType::Person && m.entity.is_some())
            .and_then(|m| m.entity)
    }

    /// Attribution after the closing mark, in the same sentence.
    fn after(&self, open: usize, close: usize, inner_end: usize) -> Option<Speaker> {
        // The quote must end a clause: `"...," said`, `"..." he said`. A quote that
        // ends inside running text ("a "significant development" and said") is not
        // attributed from after.
        let inner = &self.text[..inner_end];
        let ends_clause = inner.ends_with([',', '.', '?', '!', '-', ':']);
        // Step over the closing mark whatever its width.
        let rest_start = close + self.text[close..].chars().next().map_or(0, char::len_utf8);
        let line_end = self.text[rest_start..]
            .find('\n')
            .map_or(self.text.len(), |p| rest_start + p);
        let mut limit = (rest_start + 120).min(line_end);
        while !self.text.is_char_boundary(limit) {
            limit -= 1;
        }
        let rest = &self.text[rest_start..limit];
        // Stop at the end of the attribution clause.
        let (_, sentence_end) = self.sentence_of(rest_start);
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
            return np.map(|t| Speaker {
                pronoun: false,
                entity: None,
                text: Some(t),
            });
        }
        // `"...," Kerry said` / `"...," he said` / `"...," the ministry said`
        for (k, &(off, w)) in words.iter().enumerate().take(10) {
            if !is_word(w, SPEECH_VERBS) {
                continue;
            }
            let verb_at = base + off;
            let head = &self.text[base..verb_at];
            let head_words: Vec<&str> = head.split_whitespace().map(trim_word).collect();
            if head_words.len() == 1 && is_word(head_words[0], HE_SHE) {
                return Some(Speaker {
                    pronoun: true,
                    entity: self.last_subject_person(open),
                    text: None,
                });
            }
            if let Some(m) = self.mentions_in(base, verb_at).last() {
                return Some(Speaker {
                    pronoun: false,
                    entity: m.entity,
                    text: None,
                });
            }
            if k > 0 && k <= 6 {
                let np = head.trim().trim_start_matches(',').trim();
                if !np.is_empty() {
                    return Some(Speaker {
                        pronoun: false,
                        entity: None,
                        text: Some(np.to_string()),
                    });
                }
            }
            return None;
        }
        None
    }

    /// A name right after a speech verb (titles may come between: "said U.S. Secretary
    /// of State Ann Cole"): a person first, else any name, within 8 words.
    fn name_after_verb(&self, from: usize, to: usize) -> Option<Speaker> {
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
            entity: pick.entity,
            text: None,
        })
    }

    /// Attribution before the opening mark, in the same sentence.
    fn before(&self, open: usize) -> Option<Speaker> {
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
                    entity: m.entity,
                    text: None,
                });
            }
        }
        // The speech verb nearest the quote.
        let (vk, &(voff, verb)) = words
            .iter()
            .enumerate()
            .rev()
            .find(|(_, (_, w))| is_word(w, SPEECH_VERBS))?;
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
        let borrowed = is_word(verb, PARTICIPLES) || prev.eq_ignore_ascii_case("and");
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
    fn subject_before(&self, ss: usize, verb_at: usize) -> Option<Speaker> {
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
                    entity: m.entity,
                    text: None,
                });
            }
        }
        let np = self.np_before(ss, verb_at)?;
        self.resolve_np(np.0, np.1, verb_at)
    }

    /// The noun phrase ending before `at`, back to a clause break or comma: (start, end).
    fn np_before(&self, ss: usize, at: usize) -> Option<(usize, usize)> {
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
    fn resolve_np(&self, s: usize, e: usize, at: usize) -> Option<Speaker> {
        let np = self.text[s..e].trim();
        let lower = np.to_ascii_lowercase();
        if lower == "he" || lower == "she" {
            return Some(Speaker {
                pronoun: true,
                entity: self.last_subject_person(at),
                text: None,
            });
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
                entity: m.entity,
                text: None,
            });
        }
        if let Some(m) = self.mentions_in(s, e).next() {
            return Some(Speaker {
                pronoun: false,
                entity: m.entity,
                text: None,
            });
        }
        let t = strip_leading(np);
        (!t.is_empty() && t.chars().any(char::is_alphabetic)).then(|| Speaker {
            pronoun: false,
            entity: None,
            text: Some(t.to_string()),
        })
    }

    /// The subject of the sentence's main clause: after an introductory phrase that
    /// starts with a preposition and ends with a comma, the noun phrase up to the first
    /// verb-like word.
    fn main_subject(&self, ss: usize, limit: usize) -> Option<Speaker> {
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
        while k < words.len() {
            let (off, w) = words[k];
            let lower = w.to_ascii_lowercase();
            let verbish = is_word(w, SPEECH_VERBS)
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

/// Where the attribution clause after a quote stops: the first `;`, `"`, `“`, `?` or
/// `!` of `rest`. Byte by byte (`str::find` with a set of chars decodes every
/// character): the ASCII ones are themselves, and `“` is the only one whose bytes
/// start with 0xE2.
fn clause_stop(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut i = 0;
    while let Some(p) = b[i..]
        .iter()
        .position(|&c| matches!(c, b';' | b'"' | b'?' | b'!' | 0xE2))
    {
        i += p;
        if b[i] != 0xE2 || b[i + 1..].starts_with(&[0x80, 0x9C]) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// [`clause_stop`] as `str::find` gives it, for the tests.
#[cfg(test)]
fn clause_stop_by_char(rest: &str) -> Option<usize> {
    rest.find([';', '"', '\u{201c}', '?', '!'])
}

fn speaker_kind(k: EntityType) -> bool {
    matches!(k, EntityType::Person | EntityType::Org | EntityType::Place)
}

/// Words with their byte offsets, punctuation trimmed from each word.
fn word_offsets(s: &str) -> Vec<(usize, &str)> {
    if !s.is_ascii() {
        return word_offsets_by_char(s);
    }
    // The same split and trim byte by byte: ASCII white space as `char::is_whitespace`
    // sees it (with U+000B), and ASCII letters, digits and apostrophes kept.
    let b = s.as_bytes();
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let keep = |c: u8| c.is_ascii_alphanumeric() || c == b'\'';
    // Words and the space after them average over five bytes: one allocation, mostly.
    let mut out = Vec::with_capacity(b.len() / 5 + 1);
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        let (mut ws, mut we) = (i, i);
        while we < b.len() && !space(b[we]) {
            we += 1;
        }
        i = we;
        while ws < we && !keep(b[ws]) {
            ws += 1;
        }
        while we > ws && !keep(b[we - 1]) {
            we -= 1;
        }
        if we > ws {
            out.push((ws, &s[ws..we]));
        }
    }
    out
}

/// [`word_offsets`] for any text, one character at a time.
fn word_offsets_by_char(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for w in s.split(char::is_whitespace) {
        let t = trim_word(w);
        if !t.is_empty() {
            // The trimmed word's own offset in `s` (white space may be several bytes,
            // and the trim keeps apostrophes).
            out.push((t.as_ptr() as usize - s.as_ptr() as usize, t));
        }
    }
    out
}

/// "the spokesman, who ..." -> "the spokesman": up to a comma, at most 8 words.
fn noun_phrase_forward(s: &str) -> Option<String> {
    let s = s.trim_start();
    let end = s.find([',', ';', '(']).unwrap_or(s.len());
    let words: Vec<&str> = s[..end].split_whitespace().take(8).collect();
    let t = words.join(" ");
    let t = strip_leading(t.trim_end_matches(['.', '?', '!'])).to_string();
    (!t.is_empty()).then_some(t)
}

/// Drops sentence connectives before a noun phrase.
fn strip_leading(s: &str) -> &str {
    let mut s = s.trim();
    for w in ["But ", "And ", "So ", "Meanwhile, ", "However, "] {
        if let Some(r) = s.strip_prefix(w) {
            s = r.trim_start();
        }
    }
    s
}

#[cfg(test)]
mod tests;
