//! Sentence and token boundaries, and the byte-to-code-point offset map.
//!
//! Recognisers work on `&str` with byte offsets (what `regex` and `aho-corasick` give);
//! the output contract wants Unicode code-point offsets. [`OffsetMap`] converts once per
//! document in linear time. Sentence splitting here is deliberately simple (newlines and
//! sentence-final punctuation followed by a capital), good enough to bound the context
//! that rules look at; it never changes the text. `words` holds the case-insensitive
//! word index the recognisers look words up in.

pub(crate) mod words;

/// Converts byte offsets of one text to code-point offsets.
pub struct OffsetMap {
    /// For each non-ASCII character, in text order: the byte offset just past it, and
    /// how many bytes more than characters the text has up to there. News text is
    /// nearly all ASCII, so this is short (and empty for an ASCII text, whose map is
    /// the identity): a table of every byte's offset would be four times the text.
    wide: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn new(text: &str) -> OffsetMap {
        let mut wide = Vec::new();
        if text.is_ascii() {
            return OffsetMap { wide };
        }
        let bytes = text.as_bytes();
        let (mut i, mut extra) = (0, 0);
        while let Some(k) = bytes[i..].iter().position(|b| !b.is_ascii()) {
            // (`i + k` starts a character: the bytes before it are ASCII or whole
            // characters.)
            let len = text[i + k..].chars().next().map_or(1, char::len_utf8);
            i += k + len;
            extra += len - 1;
            wide.push((i, extra));
        }
        OffsetMap { wide }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn to_cp(&self, byte: usize) -> usize {
        // The extra bytes of the characters that end at or before `byte`.
        let k = self.wide.partition_point(|&(end, _)| end <= byte);
        byte - k.checked_sub(1).map_or(0, |k| self.wide[k].1)
    }
}

/// Converts a code-point offset into a byte offset (for reading gold files). Returns
/// `text.len()` for offsets past the end.
#[cfg(test)]
pub fn cp_to_byte(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
}

/// Byte ranges of sentences. A sentence ends at a newline, or after `.`, `!` or `?`
/// (optionally followed by a closing quote or bracket) when white space and an
/// upper-case letter, digit or opening quote follow, unless the word before the
/// full stop is a known abbreviation or a single capital (an initial).
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    // News sentences are rarely shorter than 60 bytes: one allocation, mostly.
    let mut out = Vec::with_capacity(text.len() / 60 + 1);
    sentences_into(text, 0, &mut out);
    out
}

/// Appends the [`sentences`] of `text` to `out`, `offset` added to their ends.
fn sentences_into(text: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut out = Sentences { text, offset, out };
    let mut start = 0;
    let mut i = 0;
    // Only `\n`, `.`, `!` and `?` can end a sentence: jump from one to the next with
    // `memchr` (most bytes are none of them). The next newline is remembered so that
    // each part of the text is searched for it once.
    let mut next_nl = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    while i < bytes.len() {
        if next_nl < i {
            next_nl = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |p| i + p);
        }
        // (Right after a stop at the end of a line, there is nothing to search.)
        let next_stop = if i == next_nl {
            next_nl
        } else {
            memchr::memchr3(b'.', b'!', b'?', &bytes[i..next_nl]).map_or(next_nl, |p| i + p)
        };
        if next_stop == bytes.len() {
            break;
        }
        i = next_stop;
        let b = bytes[i];
        if b == b'\n' {
            out.push_trimmed(start, i);
            start = i + 1;
        } else {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            // Curly closing quote (U+201D, U+2019) is 3 bytes.
            while text[j..].starts_with('\u{201d}') || text[j..].starts_with('\u{2019}') {
                j += 3;
            }
            if j < bytes.len() && bytes[j] == b' ' {
                let mut k = j;
                while k < bytes.len() && bytes[k] == b' ' {
                    k += 1;
                }
                let next_starts = text[k..].chars().next().is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || "\"\u{201c}'(".contains(c)
                });
                if next_starts && !(b == b'.' && is_abbreviation_before(text, i)) {
                    out.push_trimmed(start, j);
                    start = k;
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.push_trimmed(start, text.len());
}

/// Where [`sentences_into`] puts the sentences it finds.
struct Sentences<'a> {
    text: &'a str,
    offset: usize,
    out: &'a mut Vec<(usize, usize)>,
}

impl Sentences<'_> {
    fn push_trimmed(&mut self, start: usize, end: usize) {
        if let Some((s, e)) = trimmed(self.text, start, end) {
            self.out.push((self.offset + s, self.offset + e));
        }
    }
}

/// The sentences of the line that holds byte `at` (from the newline before it to the
/// newline at or after it), in `out` (emptied first): the ranges [`sentences`] gives
/// in that line, since a sentence never crosses a newline and the rules look at no
/// byte past one. Returns the line's range. For work that needs the sentences around a
/// few offsets, not the whole text's.
pub fn line_sentences(text: &str, at: usize, out: &mut Vec<(usize, usize)>) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
    out.clear();
    sentences_into(&text[start..end], start, out);
    (start, end)
}

/// `start..end` without the white space at either end, if anything is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = &text[start..end];
    // Most sentences start and end with an ASCII character that is not white space:
    // then there is nothing to trim.
    let solid = |b: &u8| b.is_ascii() && !b.is_ascii_whitespace() && *b != 0x0B;
    if s.as_bytes().first().is_some_and(solid) && s.as_bytes().last().is_some_and(solid) {
        return Some((start, end));
    }
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (lead + trail < s.len()).then_some((start + lead, end - trail))
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Gov",
    "Sen", "Rep", "Rev", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "No", "vs", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "Gens",
    "Pres", "Supt", "Brig", "Maj", "U.S", "U.N", "U.K", "E.U", "a.m", "p.m",
];

fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
        // The separator may be more than one byte (U+2009 thin space).
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

/// Whether the byte at `i` starts a word: the character before it is not alphanumeric.
pub fn is_word_start(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Whether the byte offset `i` ends a word: the character at it is not alphanumeric.
pub fn is_word_end(text: &str, i: usize) -> bool {
    text[i..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Byte classes for the recognisers' tokenizers: white space, ASCII letter, ASCII
/// digit, a byte of a non-ASCII character; other ASCII bytes are 0 (punctuation).
pub(crate) const WS: u8 = 1;
pub(crate) const ALPHA: u8 = 2;
pub(crate) const DIGIT: u8 = 4;
pub(crate) const HIGH: u8 = 8;

/// The class of every byte, so that a scanner tests one table entry per byte and
/// decodes characters only where the text is not ASCII. `vertical_tab`: whether U+000B
/// is white space (`char::is_whitespace` says yes, `u8::is_ascii_whitespace` no).
pub(crate) const fn byte_classes(vertical_tab: bool) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_whitespace() || (vertical_tab && c == 0x0B) {
            WS
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c >= 0x80 {
            HIGH
        } else {
            0
        };
        b += 1;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_code_points() {
        let t = "Zürich – Genève";
        let m = OffsetMap::new(t);
        let g = t.find("Genève").unwrap();
        assert_eq!(m.to_cp(g), 9);
        assert_eq!(m.to_cp(t.len()), t.chars().count());
        assert_eq!(cp_to_byte(t, 9), g);
    }

    proptest::proptest! {
        /// Every character boundary maps to the number of characters before it.
        #[test]
        fn offsets_are_the_characters_before(text in "[a \u{e9}\u{2013}\u{1f600}]{0,20}") {
            let m = OffsetMap::new(&text);
            for (n, (i, _)) in text.char_indices().enumerate() {
                proptest::prop_assert_eq!(m.to_cp(i), n, "{:?} at {}", text, i);
            }
            proptest::prop_assert_eq!(m.to_cp(text.len()), text.chars().count());
        }
    }

    proptest::proptest! {
        #[test]
        fn line_sentences_are_the_sentences_of_the_line(
            text in "[Aa1 .!?\"'()\n\u{201d}\u{201c}\u{2009}\u{a0}]{0,40}",
            at in 0usize..41,
        ) {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
            let line_end = text[at..].find('\n').map_or(text.len(), |p| at + p);
            let want: Vec<(usize, usize)> = sentences(&text)
                .into_iter()
                .filter(|&(s, _)| line_start <= s && s <= line_end)
                .collect();
            let mut got = vec![(0, 0)];
            let line = line_sentences(&text, at, &mut got);
            proptest::prop_assert_eq!(line, (line_start, line_end));
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        #[test]
        fn text_cut_at_a_newline_keeps_the_sentences_before(
            text in "[Aa1 .!?\"'()\n\u{201d}\u{2009}]{0,40}",
            at in 0usize..41,
        ) {
            // Cut at the first newline at or after `at`, or at the end.
            let at = at.min(text.len());
            let cut = text.as_bytes()[at..].iter().position(|&b| b == b'\n').map_or(text.len(), |p| at + p);
            let want: Vec<(usize, usize)> =
                sentences(&text).into_iter().filter(|&(s, _)| s < cut).collect();
            proptest::prop_assert_eq!(sentences(&text[..cut]), want);
        }

        #[test]
        fn trimmed_trims(s in "[a. \t\n\u{b}\u{1f}\u{a0}\u{2009}]{0,8}") {
            let t = s.trim();
            let lead = s.len() - s.trim_start().len();
            let want = (!t.is_empty()).then_some((lead, lead + t.len()));
            proptest::prop_assert_eq!(trimmed(&s, 0, s.len()), want);
        }
    }

    #[test]
    fn sentence_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("He left. She stayed.", &["He left.", "She stayed."]),
            (
                "Mr. Kerry said so. Then he left.",
                &["Mr. Kerry said so.", "Then he left."],
            ),
            (
                "The U.S. Army said. It did.",
                &["The U.S. Army said.", "It did."],
            ),
            (
                "\"Go,\" he said. \"Now.\" Yes.",
                &["\"Go,\" he said.", "\"Now.\"", "Yes."],
            ),
            ("line one\nline two", &["line one", "line two"]),
            ("John F. Kennedy was here.", &["John F. Kennedy was here."]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
            assert_eq!(&got, want, "{text}");
        }
    }
}
