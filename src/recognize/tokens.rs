//! The token stream the date and figure recognisers share.
//!
//! Both recognisers read the text as words, digit runs, mixed runs ("1990s", "G20",
//! "14th") and single punctuation marks, each knowing whether white space precedes it,
//! and both look every word up in a small table (the date lexicon, the words that can
//! begin a figure). [`tokenize`] does that once for both: one pass over the bytes and one
//! look-up per word in a [`Vocab`] that holds the date lexicon's index and the figure
//! flags of every word side by side. The figure recogniser then joins the digit runs
//! that a comma or point between digits continues ("1,000.5") into one number of its
//! own (`figures::FigureRecognizer::find_tokens`); the date grammar wants them apart
//! ("18.12.2015").
//!
//! A word is letters and digits, ASCII or not (`char::is_alphanumeric`), begun by a
//! letter or a digit; white space is what `char::is_whitespace` says.

use crate::text::words::{letters_end, ShortFirst};
use crate::text::{ALPHA, DIGIT, HIGH, WS};
use std::collections::BTreeMap;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters only.
    Word,
    /// ASCII digits only.
    Num,
    /// Letters and digits ("1990s", "14th", "Q3", "100M").
    Mixed,
    /// One other character (ASCII or not).
    Punct,
}

/// A token: byte span, kind, spacing, and what the vocabulary says of its word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// No white space between the previous token and this one.
    pub glued: bool,
    /// A line break lies between the previous token and this one.
    pub nl: bool,
    /// Index into the date lexicon, or [`NO_LEX`].
    pub lex: u16,
    /// May begin a date expression: a number, a mixed token, an apostrophe or a word
    /// the lexicon marks `start`.
    pub start: bool,
    /// The token has a byte of a non-ASCII character.
    pub high: bool,
    /// The figure recogniser's flags of a word or sign (`figures::STARTER`, ...); 0
    /// for everything else.
    pub fig: u8,
}

/// No date lexicon entry.
pub(crate) const NO_LEX: u16 = u16::MAX;

/// The look-up value of a word packs the date lexicon index (low bits, [`LEX_NONE`]
/// for none), the lexicon's `start` mark and the figure flags in one `u16`.
const LEX_BITS: u32 = 12;
const LEX_NONE: u16 = (1 << LEX_BITS) - 1;
const START_BIT: u16 = 1 << LEX_BITS;
const FIG_SHIFT: u32 = LEX_BITS + 1;

/// The words the recognisers look up, each with its date lexicon index and figure
/// flags: one index, so a word costs one look-up whichever recognisers run.
pub(crate) struct Vocab {
    index: ShortFirst,
    /// The figure flags of each ASCII punctuation mark (the others are in `index`).
    signs: [u8; 128],
}

/// Collects the words of a [`Vocab`] (lower-case ASCII keys; the index folds case).
#[derive(Default)]
pub(crate) struct VocabBuilder {
    words: BTreeMap<String, u16>,
    signs: Vec<(u8, u8)>,
}

impl VocabBuilder {
    /// Word `w` is date lexicon entry `lex`; `start`: the entry may begin an expression.
    pub(crate) fn date(&mut self, w: &str, lex: u16, start: bool) {
        assert!(
            lex < LEX_NONE,
            "date lexicon too large for the packed index"
        );
        let v = self.words.entry(w.to_ascii_lowercase()).or_insert(LEX_NONE);
        *v = *v & !LEX_NONE | lex | if start { START_BIT } else { 0 };
    }

    /// Word `w` has the figure flags `flags` (three bits).
    pub(crate) fn figure(&mut self, w: &str, flags: u8) {
        assert!(flags < 8, "figure flags are three bits");
        let v = self.words.entry(w.to_ascii_lowercase()).or_insert(LEX_NONE);
        *v |= u16::from(flags) << FIG_SHIFT;
    }

    /// The punctuation mark `sign` (one character that is no letter or digit) has the
    /// figure flags `flags`.
    pub(crate) fn sign(&mut self, sign: &str, flags: u8) {
        match sign.as_bytes() {
            &[b] if b.is_ascii() => self.signs.push((b, flags)),
            _ => self.figure(sign, flags),
        }
    }

    /// The figure flags of word `w` (any ASCII case).
    #[cfg(test)]
    pub(crate) fn figure_flags(&self, w: &str) -> u8 {
        self.words
            .get(&w.to_ascii_lowercase())
            .map_or(0, |v| (v >> FIG_SHIFT) as u8)
    }

    pub(crate) fn build(self) -> Vocab {
        let mut index = ShortFirst::with_capacity(self.words.len());
        for (w, v) in &self.words {
            index.insert(w, *v);
        }
        let mut signs = [0; 128];
        for (b, flags) in self.signs {
            signs[b as usize] |= flags;
        }
        Vocab { index, signs }
    }
}

/// A vocabulary without words, for a recogniser that reads the tokens but looks none of
/// them up.
pub(crate) fn no_words() -> &'static Vocab {
    static NO_WORDS: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
    NO_WORDS.get_or_init(|| VocabBuilder::default().build())
}

impl Vocab {
    /// The packed value of a word token; `ascii`: it is ASCII letters only.
    #[inline(always)]
    fn get(&self, word: &[u8], ascii: bool) -> Option<u16> {
        if ascii {
            self.index.get_letters(word)
        } else {
            self.index.get_bytes(word)
        }
    }
}

thread_local! {
    /// The token buffer of this thread, reused from one document to the next: the
    /// tokens take several times the size of the text, and allocating (and touching)
    /// that afresh per document cost as much as tokenizing.
    static TOKENS: Scratch = const { std::cell::Cell::new(Vec::new()) };
}

/// A token buffer of each thread (a `thread_local!`), for [`with_scratch`].
pub(crate) type Scratch = std::cell::Cell<Vec<Tok>>;

/// Largest token buffer (in tokens) kept between documents.
const KEEP_TOKENS: usize = 1 << 20;

/// Calls `f` with this thread's `buffer`, emptied, and keeps the buffer for the next
/// document unless one huge text grew it.
pub(crate) fn with_scratch<R>(
    buffer: &'static std::thread::LocalKey<Scratch>,
    f: impl FnOnce(&mut Vec<Tok>) -> R,
) -> R {
    let mut toks = buffer.take();
    toks.clear();
    let r = f(&mut toks);
    if toks.capacity() <= KEEP_TOKENS {
        buffer.set(toks);
    }
    r
}

/// Calls `f` with the tokens of `text` (in this thread's reused buffer).
pub(crate) fn with_tokens<R>(text: &str, vocab: &Vocab, f: impl FnOnce(&[Tok]) -> R) -> R {
    with_scratch(&TOKENS, |toks| {
        tokenize(text, vocab, toks);
        f(toks)
    })
}

/// Byte classes of the tokenizer (`crate::text::byte_classes`; white space as
/// `char::is_whitespace` says of ASCII).
static CLASS: [u8; 256] = crate::text::byte_classes(true);

/// Whether `s` is an apostrophe (' or U+2019).
pub(crate) fn is_apostrophe(s: &str) -> bool {
    s == "'" || s == "\u{2019}"
}

/// Splits `text` into tokens (see [`Tok`]); white space separates, every other
/// character that is not a letter or a digit is a token of its own.
pub(crate) fn tokenize(text: &str, vocab: &Vocab, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut glued = false;
    let mut nl = false;
    while i < b.len() {
        let c = b[i];
        let class = CLASS[c as usize];
        if class == WS {
            nl |= c == b'\n';
            glued = false;
            i += 1;
            continue;
        }
        // `high`: the token has a non-ASCII byte (a word without is ASCII letters only,
        // and the short table may answer for it).
        let (e, kind, high) = if class == ALPHA {
            // Most words are ASCII letters only: pass them in a tight loop and hand
            // over to the general scanner only at a digit or a non-ASCII byte.
            let j = letters_end(b, i + 1);
            if j < b.len() && CLASS[b[j] as usize] & (DIGIT | HIGH) != 0 {
                let (end, digit, high) = scan_alnum(text, j);
                let kind = if digit { Kind::Mixed } else { Kind::Word };
                (end, kind, high)
            } else {
                (j, Kind::Word, false)
            }
        } else if class == DIGIT {
            let rest = &b[i + 1..];
            let j = i
                + 1
                + rest
                    .iter()
                    .position(|c| !c.is_ascii_digit())
                    .unwrap_or(rest.len());
            if j < b.len() && CLASS[b[j] as usize] & (ALPHA | HIGH) != 0 {
                let (end, _, high) = scan_alnum(text, j);
                (end, if end > j { Kind::Mixed } else { Kind::Num }, high)
            } else {
                (j, Kind::Num, false)
            }
        } else if class == 0 {
            (i + 1, Kind::Punct, false)
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                glued = false;
                i += ch.len_utf8();
                continue;
            }
            if ch.is_alphabetic() {
                let (end, digit, _) = scan_alnum(text, i);
                (end, if digit { Kind::Mixed } else { Kind::Word }, true)
            } else {
                (i + ch.len_utf8(), Kind::Punct, true)
            }
        };
        let (lex, start, fig) = match kind {
            Kind::Word => match vocab.get(&b[i..e], !high) {
                Some(v) => {
                    let lex = v & LEX_NONE;
                    (
                        if lex == LEX_NONE { NO_LEX } else { lex },
                        v & START_BIT != 0,
                        (v >> FIG_SHIFT) as u8,
                    )
                }
                None => (NO_LEX, false, 0),
            },
            Kind::Num | Kind::Mixed => (NO_LEX, true, 0),
            // An apostrophe is ' or U+2019 (first byte 0xE2).
            Kind::Punct if c < 0x80 => (NO_LEX, c == b'\'', vocab.signs[c as usize]),
            Kind::Punct => (
                NO_LEX,
                c == 0xe2 && is_apostrophe(&text[i..e]),
                vocab
                    .get(&b[i..e], false)
                    .map_or(0, |v| (v >> FIG_SHIFT) as u8),
            ),
        };
        out.push(Tok {
            s: i,
            e,
            kind,
            glued,
            nl,
            lex,
            start,
            high,
            fig,
        });
        glued = true;
        nl = false;
        i = e;
        // Most tokens are followed by one space: step over it here rather than by
        // another turn of the loop (what that turn would do).
        if b.get(i) == Some(&b' ') {
            glued = false;
            i += 1;
        }
    }
}

/// End of the run of letters and digits (`char::is_alphanumeric`) starting at `i`,
/// whether it holds an ASCII digit, and whether it holds a non-ASCII character.
fn scan_alnum(text: &str, i: usize) -> (usize, bool, bool) {
    let b = text.as_bytes();
    let mut j = i;
    let mut digit = false;
    let mut high = false;
    while j < b.len() {
        let class = CLASS[b[j] as usize];
        if class & (ALPHA | DIGIT) != 0 {
            digit |= class == DIGIT;
            j += 1;
        } else if class == HIGH {
            let ch = text[j..].chars().next().unwrap_or(' ');
            if ch.is_alphanumeric() {
                j += ch.len_utf8();
                high = true;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    (j, digit, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition of the tokens: characters one by one.
    fn reference(text: &str) -> Vec<(usize, usize, Kind, bool, bool, bool)> {
        let mut out = Vec::new();
        let cs: Vec<(usize, char)> = text.char_indices().collect();
        let (mut k, mut glued, mut nl) = (0, false, false);
        while k < cs.len() {
            let (s, c) = cs[k];
            if c.is_whitespace() {
                nl |= c == '\n';
                glued = false;
                k += 1;
                continue;
            }
            let word = c.is_ascii_digit() || c.is_alphabetic();
            let mut m = k + 1;
            if word {
                while m < cs.len() && cs[m].1.is_alphanumeric() {
                    m += 1;
                }
            }
            let e = cs.get(m).map_or(text.len(), |x| x.0);
            let w = &text[s..e];
            let digits = w.bytes().any(|b| b.is_ascii_digit());
            let kind = if !word {
                Kind::Punct
            } else if w.bytes().all(|b| b.is_ascii_digit()) {
                Kind::Num
            } else if digits || c.is_ascii_digit() {
                Kind::Mixed
            } else {
                Kind::Word
            };
            out.push((s, e, kind, glued, nl, !w.is_ascii()));
            glued = true;
            nl = false;
            k = m;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_the_reference_tokens(
            text in "[aZ09 .,'\n\t\u{b}\u{e9}\u{b2}\u{663}\u{2019}\u{a0}\u{2009}$]{0,40}",
        ) {
            let vocab = VocabBuilder::default().build();
            let mut toks = Vec::new();
            tokenize(&text, &vocab, &mut toks);
            let got: Vec<_> = toks
                .iter()
                .map(|t| (t.s, t.e, t.kind, t.glued, t.nl, t.high))
                .collect();
            proptest::prop_assert_eq!(got, reference(&text));
        }
    }

    #[test]
    fn words_carry_both_recognisers_values() {
        let mut v = VocabBuilder::default();
        v.date("may", 3, true);
        v.date("known", 7, false);
        v.figure("May", 2);
        v.figure("few", 3);
        let vocab = v.build();
        let mut toks = Vec::new();
        tokenize("MAY few known caf\u{e9} 5", &vocab, &mut toks);
        let got: Vec<_> = toks.iter().map(|t| (t.lex, t.start, t.fig)).collect();
        assert_eq!(
            got,
            [
                (3, true, 2),
                (NO_LEX, false, 3),
                (7, false, 0),
                (NO_LEX, false, 0),
                (NO_LEX, true, 0)
            ]
        );
    }
}
