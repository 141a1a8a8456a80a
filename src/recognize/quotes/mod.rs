//! Direct quotations and their speakers.
//!
//! Quotations are the words between straight (`"`) or curly (`“ ”`, or `’’` closing)
//! double quotes; a quote left open at the end of a paragraph ends there (news style
//! reopens it in the next paragraph). Short quotes of one to three words are scare
//! quotes unless their sentence attributes them with a speech or assessment verb
//! ("called the move a "significant development""); quoted names and terms and short
//! quotes in headings are not quotes ([`layout`]).
//!
//! The speaker is found, in this order: after the quote (`"...," said Kerry`, `"...,"
//! Kerry said`, `"...," Kerry, the envoy, said`, `"...," he said`, `"...," said the
//! spokesman`); a trailing `, said X` that closes the quote's sentence; before it in
//! the same sentence through the subject of the nearest speech verb (`Pankov told
//! reporters, "..."`, `X, the company's CEO, said "..."`, `..., with its foreign
//! ministry saying that "..."`); by "according to X"; finally a quote with no
//! attribution that follows another quote within two sentences, or opens the next
//! paragraph, continues that quote's speaker. "he"/"she" resolve to the most recent
//! person in subject position, "it" to the most recent organisation, and a definite
//! description ("the 56-year-old", "the company") to the most recent entity that fits
//! ([`speakers`]). Quotes in single marks nested in a quote after a speech verb are
//! quotes of their own; a title quote takes the speaker of the later quote that says
//! its words. When no entity fits, `speaker_text` carries the words that name the
//! speaker ("the main Syrian opposition"), and a name no dictionary knows becomes an
//! entity ([`promote`]).
//!
//! It does not handle indirect speech (no quote marks), single-quoted quotations
//! outside a quote (apostrophes make them ambiguous) or question-and-answer layouts.

mod attribution;
mod layout;
mod marks;
mod promote;
mod speakers;
mod words;

use crate::record::EntityType;
use crate::resolve::Resolved;
use marks::quote_marks;
#[cfg(test)]
use marks::{clause_stop, clause_stop_by_char, quote_marks_by_char};
use words::*;

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

/// Finds the direct quotations of `text` and attributes them using the resolved
/// mentions and entities.
pub fn find(text: &str, resolved: &mut Resolved) -> Vec<QuoteSpan> {
    let mut quotes = find_in(text, resolved);
    promote::promote(text, resolved, &mut quotes);
    quotes
}

fn find_in(text: &str, resolved: &Resolved) -> Vec<QuoteSpan> {
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
    // Title quotes (`6. "The Gordon problem"`): (index in `out`, short).
    let mut titles: Vec<(usize, bool)> = Vec::new();
    for &(open, close, s, e) in &marks {
        let inner = &text[s..e];
        // Only whether the quote has more than three words matters: the count stops
        // at the fourth (quotes run to a hundred bytes and more).
        let short = inner.split_whitespace().nth(3).is_none();
        if short && layout::is_term(text, open, close, inner) {
            continue;
        }
        let (ls, le) = layout::line_of(text, open);
        if layout::is_heading(&text[ls..le]) {
            if layout::is_whole_line(text, open, close) && !inner.ends_with(TERMINAL) {
                titles.push((out.len(), short));
                out.push(QuoteSpan {
                    start: s,
                    end: e,
                    speaker: None,
                    speaker_text: None,
                    how: "rule:quote".into(),
                });
                continue;
            }
            // Quoted words in a heading's running text are terms (`worked through
            // "official" Ukraine channel, "cringes" at ...`).
            if short {
                continue;
            }
        }
        let mut found = ctx.after(open, close, e).map(|sp| (sp, "rule:quote+after"));
        if found.is_none() {
            found = ctx.trailing(close).map(|sp| (sp, "rule:quote+trailing"));
        }
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
                if ctx.continues(*end, open) {
                    found = Some((
                        Speaker {
                            entity: *sp,
                            text: st.clone(),
                            ..Speaker::default()
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
        if inner.contains('\u{2018}') {
            ctx.push_nested(s, e, &mut out);
        }
    }
    echo_titles(&mut out, &titles, text);
    out
}

/// Sentence punctuation that ends a quote.
const TERMINAL: [char; 4] = ['.', '?', '!', ','];

/// A title quote takes the speaker of a later quote that says its words (`6. "The Gordon
/// problem"` ... `had dubbed it "the Gordon problem."`); a short one that no quote echoes
/// is a term and goes.
fn echo_titles(out: &mut Vec<QuoteSpan>, titles: &[(usize, bool)], text: &str) {
    if titles.is_empty() {
        return;
    }
    let mut drop = Vec::new();
    for &(i, short) in titles {
        let words = layout::fold(&text[out[i].start..out[i].end]);
        let echo = out[i + 1..]
            .iter()
            .take_while(|q| q.start < out[i].end + 4000)
            .find(|q| {
                (q.speaker.is_some() || q.speaker_text.is_some())
                    && layout::fold(&text[q.start..q.end]).contains(&words)
            })
            .map(|q| (q.speaker, q.speaker_text.clone()));
        match echo {
            Some((speaker, speaker_text)) => {
                let t = &mut out[i];
                t.speaker = speaker;
                t.speaker_text = speaker_text;
                t.how = "rule:quote+echo".into();
            }
            None if short => drop.push(i),
            None => {}
        }
    }
    for i in drop.into_iter().rev() {
        out.remove(i);
    }
}

/// The speaker of one quote: an entity or words.
#[derive(Default)]
struct Speaker {
    /// Found through "he"/"she".
    pronoun: bool,
    /// Found through a description that stands for an entity ("the 56-year-old").
    described: bool,
    entity: Option<usize>,
    text: Option<String>,
}

impl Speaker {
    fn into_quote(self, start: usize, end: usize, how: &str) -> QuoteSpan {
        let how = if self.described && self.entity.is_some() {
            format!("{how}+description")
        } else {
            how.to_string()
        };
        QuoteSpan {
            start,
            end,
            speaker: self.entity,
            speaker_text: if self.entity.is_some() {
                None
            } else {
                self.text
            },
            how,
        }
    }
}

pub(super) struct Ctx<'a> {
    text: &'a str,
    resolved: &'a Resolved,
    sentences: &'a [(usize, usize)],
}

fn speaker_kind(k: EntityType) -> bool {
    matches!(k, EntityType::Person | EntityType::Org | EntityType::Place)
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
