//! What the page layout and the words around a quote say about it before any speaker is
//! looked for: quoted names and terms that are not speech (`known as the “Three
//! Amigos”`, `the term "three amigos"`, `an "irregular" channel`, `“factcheckUK”`),
//! quotes in headings, title quotes that echo words said further down (`6. "The Gordon
//! problem"`), and quotes nested in a quote (`“Trump asked, ‘So he’s going to do it?’”`).

use super::words::*;

/// Words right before a quote that make it a name or a term being talked about.
pub(super) const TERM_NOUNS: &WordList = &WordList::new(&[
    "entitled",
    "handle",
    "hashtag",
    "headline",
    "label",
    "moniker",
    "name",
    "named",
    "nickname",
    "nicknamed",
    "phrase",
    "slogan",
    "term",
    "titled",
    "word",
    "words",
]);

/// Verbs after which a quoted proper name is what something is called (`dubbed the
/// “Hanoi Hilton”`), not words anyone said.
pub(super) const NAMING_VERBS: &WordList =
    &WordList::new(&["as", "called", "dubbed", "named", "nicknamed"]);

/// Words that may follow a quoted phrase that is speech (`“duty” to report`, `“Never
/// Trumpers” who`): after any other lower-case word the quoted words modify a noun (`an
/// “irregular” channel`, `a “green shoe” option`).
pub(super) const AFTER_SPEECH: &WordList = &WordList::new(&[
    "a", "again", "also", "an", "and", "as", "because", "but", "even", "he", "her", "his", "i",
    "if", "instead", "it", "its", "last", "next", "nor", "now", "or", "our", "she", "since", "so",
    "still", "than", "that", "the", "their", "then", "these", "they", "this", "those", "to", "too",
    "unless", "we", "when", "whether", "which", "while", "who", "whom", "whose", "yet", "you",
]);

/// The line (paragraph) holding byte `i`: (start, end), the newline excluded.
pub(super) fn line_of(text: &str, i: usize) -> (usize, usize) {
    let s = memchr::memrchr(b'\n', &text.as_bytes()[..i]).map_or(0, |p| p + 1);
    let e = memchr::memchr(b'\n', &text.as_bytes()[i..]).map_or(text.len(), |p| i + p);
    (s, e)
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{2019}' | '\'')
}

/// Whether a line is a heading: it does not end with sentence punctuation (closing
/// quote marks looked through).
pub(super) fn is_heading(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(is_quote_mark);
    !t.is_empty() && !t.ends_with(['.', '?', '!', ':', ';', ',', '\u{2026}', ')'])
}

/// Whether the quote is its whole line, perhaps after a list number (`6. "The Gordon
/// problem"`): a title or a pull quote.
pub(super) fn is_whole_line(text: &str, open: usize, close: usize) -> bool {
    let (ls, le) = line_of(text, open);
    let before = text[ls..open].trim();
    let numbered = before
        .strip_suffix(['.', ')'])
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let after_close = close + text[close..].chars().next().map_or(0, char::len_utf8);
    (before.is_empty() || numbered) && text[after_close.min(le)..le].trim().is_empty()
}

/// Whether a short quote is a name or a term rather than speech: after "the term",
/// "known as", "dubbed the" (a proper name), a single word written in camel case
/// (`factcheckUK`), or quoted words that modify the noun after them (`an “irregular”
/// channel`).
pub(super) fn is_term(text: &str, open: usize, close: usize, inner: &str) -> bool {
    let mut from = open.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let words = word_offsets(&text[from..open]);
    let prev = words.last().map_or("", |w| w.1);
    let prev2 = words.len().checked_sub(2).map_or("", |k| words[k].1);
    if is_word(prev, TERM_NOUNS) {
        return true;
    }
    let proper = inner
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let naming = prev.eq_ignore_ascii_case("the") && is_word(prev2, NAMING_VERBS)
        || is_word(prev, NAMING_VERBS) && prev2.eq_ignore_ascii_case("known");
    if proper && naming {
        return true;
    }
    let one = inner.trim_end_matches(['.', ',']);
    let camel = !one.contains(' ')
        && one.chars().skip(1).any(char::is_uppercase)
        && one.chars().any(char::is_lowercase)
        && one.chars().all(char::is_alphanumeric);
    if camel {
        return true;
    }
    if inner.ends_with(['.', ',', '?', '!']) {
        return false;
    }
    // The word right after the closing mark, with only a space between.
    let after = close + text[close..].chars().next().map_or(0, char::len_utf8);
    let rest = &text[after..];
    if !rest.starts_with(' ') {
        return false;
    }
    let next = trim_word(rest[1..].split(' ').next().unwrap_or(""));
    let lower_word = next.chars().all(|c| c.is_ascii_lowercase()) && next.len() > 1;
    lower_word
        && !is_word(next, AFTER_SPEECH)
        && !is_word(next, PREPOSITIONS)
        && !is_word(next, AUXILIARIES)
        && !is_word(next, SPEECH_VERBS)
        && !is_word(next, CLAUSE_BREAK)
        && !next.ends_with("ly")
        && !next.ends_with("ed")
}

/// Lower-case letters and digits with single spaces: for comparing quoted words.
pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Quotes in single marks nested in a double-quoted quote and introduced there by a
/// speech verb (`heard Trump ask, quote, ‘So ...?’`, `replied that ‘He’s going to do
/// it,’`): (inner start, inner end, byte offset of the verb, whether the verb is a
/// participle). Single marks without a speech verb before them are left alone (`the
/// ‘Giuliani problem’`).
pub(super) fn nested(text: &str, s: usize, e: usize) -> Vec<(usize, usize, usize, bool)> {
    let mut out = Vec::new();
    let inner = &text[s..e];
    let mut from = 0;
    while let Some(p) = inner[from..].find('\u{2018}') {
        let o = from + p;
        let qs = o + '\u{2018}'.len_utf8();
        from = qs;
        if inner[..o]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        // The closing mark: a right single quote not followed by a letter (not `he’s`).
        let close = inner[qs..].char_indices().find(|&(k, c)| {
            c == '\u{2019}'
                && !inner[qs + k + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        let Some((k, _)) = close else {
            break;
        };
        let qe = qs + k;
        from = qe;
        let before = word_offsets(&inner[..o]);
        let verb = before
            .iter()
            .rev()
            .take(4)
            .find(|(_, w)| is_word(w, SPEECH_VERBS));
        if let Some(&(off, w)) = verb {
            if qe > qs {
                out.push((s + qs, s + qe, s + off, is_word(w, PARTICIPLES)));
            }
        }
    }
    out
}
