//! The words of a text as the name rules see them: letters and digits with inner
//! apostrophes, hyphens, periods and ampersands ("U.S.", "al-Assad", "O'Brien", "AT&T"),
//! cut to the name they hold (a sentence's full stop, a hyphened modifier and a
//! possessive come off). Each word becomes a [`Tok`] that knows whether it is
//! capitalised.

use super::lists::{ABBREV, PARTICLES};
use super::NameRecognizer;
use crate::gazetteer::Gazetteer;
use crate::recognize::tokens::{self, Kind};
use crate::text::words::alnum_end;
use crate::text::{ALPHA, DIGIT, HIGH};

/// A word of the text with its byte span.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Tok<'t> {
    pub(super) s: &'t str,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Capitalised, or a particle joined to a capitalised name ("al-Assad").
    pub(super) cap: bool,
    /// The word has an inner hyphen (which a modifier cut off takes with it: "York"
    /// of "York-based"). A word without one has no hyphen at all, which spares the
    /// search for one.
    pub(super) hyphen: bool,
}

impl<'t> Tok<'t> {
    /// `hyphen`: whether the word has an inner hyphen. (`#[inline]` as `Words::next`.)
    #[inline]
    pub(super) fn new(s: &'t str, start: usize, end: usize, hyphen: bool) -> Self {
        let cap = s.chars().next().is_some_and(char::is_uppercase)
            || hyphen
                && s.split_once('-').is_some_and(|(p, rest)| {
                    PARTICLES.contains(p) && rest.chars().next().is_some_and(|c| c.is_uppercase())
                });
        Tok {
            s,
            start,
            end,
            cap,
            hyphen,
        }
    }

    pub(super) fn is_cap(&self) -> bool {
        self.cap
    }
}

/// Byte classes (`crate::text::byte_classes`): one table load per byte in the word
/// scanner's loops.
pub(super) static CLASS: [u8; 256] = crate::text::byte_classes(false);

/// Inner separators of a word (`NameRecognizer::next_word`).
pub(super) const INNER_DOT: u8 = 1;
pub(super) const INNER_HYPHEN: u8 = 2;
pub(super) const INNER_QUOTE: u8 = 4;

impl NameRecognizer {
    /// Whether `c` is a letter or a digit (`[\p{L}\p{N}]`).
    pub(super) fn is_word_char(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            self.word_char.is_match(c.encode_utf8(&mut [0; 4]))
        }
    }

    /// The character at byte `i` (a char boundary) and its length, when it is a letter
    /// or a digit.
    pub(super) fn word_char_at(&self, text: &str, i: usize) -> Option<usize> {
        let b = *text.as_bytes().get(i)?;
        if b < 0x80 {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = text[i..].chars().next()?;
        self.is_word_char(c).then(|| c.len_utf8())
    }

    /// The end of the run of letters and digits starting at byte `i`.
    pub(super) fn word_run_end(&self, text: &str, mut i: usize) -> usize {
        let bytes = text.as_bytes();
        loop {
            i = alnum_end(bytes, i);
            if bytes.get(i).is_none_or(|b| b.is_ascii()) {
                return i;
            }
            match text[i..].chars().next() {
                Some(c) if self.is_word_char(c) => i += c.len_utf8(),
                _ => return i,
            }
        }
    }

    /// The next word at or after byte `from`, as the regex
    /// `[\p{L}\p{N}]+(?:[.'’\-&][\p{L}\p{N}]+)*\.?` would find it: letters/digits
    /// with inner apostrophes, hyphens, periods and ampersands ("U.S.", "al-Assad",
    /// "O'Brien", "AT&T"), and a trailing period, kept for abbreviations and initials
    /// (decided in `tokens`). A byte scanner rather than the regex: the regex needs a
    /// reverse search per word to find where it starts, and ASCII needs no decoding.
    pub(super) fn next_word(&self, text: &str, from: usize) -> Option<(usize, usize, u8)> {
        let bytes = text.as_bytes();
        let mut start = from;
        loop {
            // ASCII letters and digits and non-ASCII bytes stop the skip.
            while start < bytes.len() && CLASS[bytes[start] as usize] & (ALPHA | DIGIT | HIGH) == 0
            {
                start += 1;
            }
            let b = *bytes.get(start)?;
            if b < 0x80 {
                break;
            }
            let c = text[start..].chars().next()?;
            if self.is_word_char(c) {
                break;
            }
            start += c.len_utf8();
        }
        let mut end = self.word_run_end(text, start);
        let mut inner = 0;
        loop {
            let (sep, flag) = match bytes.get(end) {
                Some(b'.') => (1, INNER_DOT),
                Some(b'-') => (1, INNER_HYPHEN),
                Some(b'\'') => (1, INNER_QUOTE),
                Some(b'&') => (1, 0),
                Some(0xE2) if text[end..].starts_with('’') => ('’'.len_utf8(), INNER_QUOTE),
                _ => break,
            };
            if self.word_char_at(text, end + sep).is_none() {
                break;
            }
            inner |= flag;
            end = self.word_run_end(text, end + sep);
        }
        if bytes.get(end) == Some(&b'.') {
            end += 1;
        }
        Some((start, end, inner))
    }
}

/// The words of a text as [`NameRecognizer::next_word`] finds them one after the other,
/// read off the tokens the recognisers share (`super::tokens`) instead of the bytes: a
/// word is a letters-and-digits token with the tokens that an inner separator glues
/// on (`.`, `-`, `'`, `’`, `&`) and a period right after it. Where a token has a
/// non-ASCII character the token boundaries need not be the word's (`[\p{L}\p{N}]` is
/// narrower than `char::is_alphanumeric`), so there the word comes from `next_word`
/// itself; a proptest checks that the two agree.
pub(super) struct Words<'a> {
    toks: &'a [tokens::Tok],
    /// The next token to look at.
    k: usize,
    /// The end of the last word: `next_word` is asked from here.
    from: usize,
    /// The last word ended inside a token: the next one comes from `next_word` too.
    inside: bool,
}

impl<'a> Words<'a> {
    pub(super) fn new(toks: &'a [tokens::Tok]) -> Self {
        Words {
            toks,
            k: 0,
            from: 0,
            inside: false,
        }
    }

    /// The next word: start, end, inner separators. (`#[inline]`: with `Tok::new` it
    /// is the name recogniser's word scan, called once per word, which the compiler
    /// stopped inlining when other code of the recogniser grew; BENCHMARKS.md,
    /// session 15.)
    #[inline]
    pub(super) fn next(&mut self, rec: &NameRecognizer, text: &str) -> Option<(usize, usize, u8)> {
        let b = text.as_bytes();
        loop {
            if self.inside {
                return self.exact(rec, text);
            }
            let t = self.toks.get(self.k)?;
            if t.high {
                // A punctuation mark that is no letter or digit is passed over as
                // `next_word` passes over it.
                let word_char = || {
                    text[t.s..t.e]
                        .chars()
                        .next()
                        .is_some_and(|c| rec.is_word_char(c))
                };
                if t.kind == Kind::Punct && !word_char() {
                    self.k += 1;
                    continue;
                }
                return self.exact(rec, text);
            }
            if t.kind == Kind::Punct {
                self.k += 1;
                continue;
            }
            let (start, mut end, mut inner) = (t.s, t.e, 0);
            let mut j = self.k + 1;
            while let [sep, w, ..] = &self.toks[j..] {
                if sep.s != end {
                    break;
                }
                let flag = match b[end] {
                    b'.' => INNER_DOT,
                    b'-' => INNER_HYPHEN,
                    b'\'' => INNER_QUOTE,
                    b'&' => 0,
                    0xE2 if text[end..].starts_with('’') => INNER_QUOTE,
                    _ => break,
                };
                if w.s != sep.e {
                    break;
                }
                if w.high {
                    return self.exact(rec, text);
                }
                if w.kind == Kind::Punct {
                    break;
                }
                inner |= flag;
                end = w.e;
                j += 2;
            }
            // A period right after the word is kept (`tokens` decides whether it is an
            // abbreviation's).
            if self
                .toks
                .get(j)
                .is_some_and(|p| p.s == end && b[end] == b'.')
            {
                end += 1;
                j += 1;
            }
            self.k = j;
            self.from = end;
            return Some((start, end, inner));
        }
    }

    /// The next word from `next_word`, and the tokens it covers passed over.
    pub(super) fn exact(&mut self, rec: &NameRecognizer, text: &str) -> Option<(usize, usize, u8)> {
        let Some((s, e, inner)) = rec.next_word(text, self.from) else {
            self.k = self.toks.len();
            self.inside = false;
            return None;
        };
        self.from = e;
        while self.toks.get(self.k).is_some_and(|t| t.e <= e) {
            self.k += 1;
        }
        self.inside = self.toks.get(self.k).is_some_and(|t| t.s < e);
        Some((s, e, inner))
    }
}

impl NameRecognizer {
    /// The words of `text` (read off the shared tokens by [`Words`]) as tokens, made
    /// by [`NameRecognizer::word_tok`].
    pub(super) fn tokens<'t>(
        &self,
        text: &'t str,
        shared: &[tokens::Tok],
        gaz: &Gazetteer,
    ) -> Vec<Tok<'t>> {
        // (A word takes one shared token or more: room for as many words as tokens
        // spares growing the vector, which copies it, a dozen times a document.)
        let mut out = Vec::with_capacity(shared.len());
        let mut words = Words::new(shared);
        while let Some((start, end, inner)) = words.next(self, text) {
            let t = self.word_tok(text, start, end, inner, gaz);
            out.push(t);
        }
        out
    }

    /// The token of the word `start..end` that [`NameRecognizer::next_word`] found
    /// with inner separators `inner`: without a sentence's full stop, a hyphened
    /// modifier or a possessive.
    pub(super) fn word_tok<'t>(
        &self,
        text: &'t str,
        start: usize,
        mut end: usize,
        inner: u8,
        gaz: &Gazetteer,
    ) -> Tok<'t> {
        let mut s = &text[start..end];
        if let Some(stripped) = s.strip_suffix('.') {
            // Keep the period of "U.S.", "Mr.", "F." and "Inc."; drop a sentence's.
            // (Every abbreviation is capitalised.)
            let keep = inner & INNER_DOT != 0
                || (stripped.chars().count() == 1 && stripped.chars().all(|c| c.is_uppercase()))
                || (stripped.as_bytes()[0].is_ascii_uppercase() && ABBREV.contains(stripped));
            if !keep {
                s = stripped;
                end -= 1;
            }
        }
        // A capitalised name with a lower-case word hyphened on is a modifier:
        // "New York-based", "U.N.-led" -> the name, and the chunk ends there.
        let split = (inner & INNER_HYPHEN != 0)
            .then(|| s.rsplit_once('-'))
            .flatten();
        if let Some((head, tail)) = split {
            // (An English word: "Shui-bian", "Kai-shek" are names.)
            let lower_tail =
                tail.len() >= 3 && tail.chars().all(|c| c.is_lowercase()) && gaz.is_common(tail);
            let particle = || PARTICLES.contains_folded(head);
            if lower_tail && !particle() && head.chars().next().is_some_and(char::is_uppercase) {
                end -= tail.len() + 1;
                s = head;
            }
        }
        // Possessives: "Russia's" -> "Russia". (A word ends in a letter, a digit or
        // a period unless it has an inner apostrophe.)
        if inner & INNER_QUOTE != 0 && !possessive_name(text, start, s, gaz) {
            for suf in ["'s", "’s", "'", "’"] {
                if let Some(stripped) = s.strip_suffix(suf) {
                    if !stripped.is_empty() {
                        s = stripped;
                        end -= suf.len();
                    }
                    break;
                }
            }
        }
        Tok::new(s, start, end, inner & INNER_HYPHEN != 0)
    }
}

/// Whether `s` (the word at byte `start`) is a name that ends in a possessive
/// ("Moody's", "McDonald's", "Sotheby's"): a dictionary name of that spelling that
/// does not follow a capitalised word ("Chris Christie's" is the person's).
fn possessive_name(text: &str, start: usize, s: &str, gaz: &Gazetteer) -> bool {
    if !(s.ends_with("'s") || s.ends_with("’s")) {
        return false;
    }
    let after_name = text[..start]
        .strip_suffix(' ')
        .and_then(|t| t.split(' ').next_back())
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    !after_name
        && gaz.lookup(s).iter().any(|&ix| {
            matches!(
                gaz.entry(ix).lex,
                crate::gazetteer::Lex::Name(crate::record::EntityType::Org)
                    | crate::gazetteer::Lex::Name(crate::record::EntityType::Place)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::names::{common_words, tokens_of};
    use crate::recognize::tokens;
    use proptest::prelude::*;
    use regex::Regex;

    proptest! {
        /// `next_word` finds the words the regex of its doc comment finds, with the
        /// inner separators each has (a trailing period is no inner one).
        #[test]
        fn next_word_is_the_word_regex(text in "[A-Za-z0-9 .'’&é—Ü,-]{0,40}") {
            let r = NameRecognizer::new();
            let re = Regex::new(r"[\p{L}\p{N}]+(?:[.'’\-&][\p{L}\p{N}]+)*\.?").unwrap();
            let want: Vec<(usize, usize, u8)> = re
                .find_iter(&text)
                .map(|m| {
                    let body = m.as_str().strip_suffix('.').unwrap_or(m.as_str());
                    let mut inner = 0;
                    if body.contains('.') {
                        inner |= INNER_DOT;
                    }
                    if body.contains('-') {
                        inner |= INNER_HYPHEN;
                    }
                    if body.contains(['\'', '’']) {
                        inner |= INNER_QUOTE;
                    }
                    (m.start(), m.end(), inner)
                })
                .collect();
            let mut got = Vec::new();
            let mut from = 0;
            while let Some(w) = r.next_word(&text, from) {
                from = w.1;
                got.push(w);
            }
            prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    fn tokens_by_words<'t>(r: &NameRecognizer, text: &'t str, gaz: &Gazetteer) -> Vec<Tok<'t>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some((start, end, inner)) = r.next_word(text, from) {
            out.push(r.word_tok(text, start, end, inner, gaz));
            from = end;
        }
        out
    }

    proptest! {
        /// `tokens` reads the words off the shared tokens: the same tokens as taking
        /// them all from `next_word`.
        #[test]
        fn tokens_are_the_tokens_of_the_words(
            text in "[A-Za-z0-9 .'’&é—Ü,\n-]{0,40}|([A-Z]?[a-z]{0,9}[ .,'’-]{1,2}){0,8}"
        ) {
            let r = NameRecognizer::new();
            let g = common_words();
            prop_assert_eq!(tokens_of(&r, &text, g), tokens_by_words(&r, &text, g), "{:?}", text);
        }
    }

    #[test]
    fn tokens_cut_stops_modifiers_and_possessives() {
        let r = NameRecognizer::new();
        let g = common_words();
        let text = "The New York-based firm of Mr. O'Brien, U.N.-led talks, Russia's al-Assad \
                    and AT&T. Zürich’s J. R. Ewing said 3.5 per cent—rose.";
        let toks = tokens_of(&r, text, g);
        assert_eq!(toks, tokens_by_words(&r, text, g));
        let words: Vec<&str> = toks.iter().map(|t| t.s).collect();
        assert_eq!(
            words,
            [
                "The", "New", "York", "firm", "of", "Mr.", "O'Brien", "U.N.", "led", "talks",
                "Russia", "al-Assad", "and", "AT&T", "Zürich", "J.", "R.", "Ewing", "said", "3.5",
                "per", "cent", "rose"
            ]
        );
    }

    proptest! {
        /// The words read off the shared tokens are the words `next_word` finds, also
        /// where non-ASCII letters, digits and marks make the two scanners' runs differ
        /// ("²" is a word character; U+0345 is alphanumeric but no `\p{L}` or `\p{N}`).
        #[test]
        fn words_from_tokens_are_next_word(
            text in "[A-Za-z0-9 .'’&é²\u{345}\u{663}—“Ü,\n-]{0,40}",
        ) {
            let r = NameRecognizer::new();
            let mut want = Vec::new();
            let mut from = 0;
            while let Some(w) = r.next_word(&text, from) {
                from = w.1;
                want.push(w);
            }
            let got = tokens::with_tokens(&text, tokens::no_words(), |shared| {
                let mut words = Words::new(shared);
                let mut got = Vec::new();
                while let Some(w) = words.next(&r, &text) {
                    got.push(w);
                }
                got
            });
            prop_assert_eq!(got, want, "{:?}", text);
        }
    }
}
