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

use crate::text::words::ShortFirst;
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

/// What the vocabulary says of one word or sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    /// Date lexicon index, or [`NO_LEX`].
    lex: u16,
    /// The date lexicon entry may begin an expression.
    start: bool,
    /// Figure flags.
    fig: u8,
}

const NO_ENTRY: Entry = Entry {
    lex: NO_LEX,
    start: false,
    fig: 0,
};

/// The words the recognisers look up, each with its date lexicon index and figure
/// flags: one index, so a word costs one look-up whichever recognisers run.
pub(crate) struct Vocab {
    /// Word or sign (ASCII case folded) -> index into `entries`.
    index: ShortFirst,
    entries: Vec<Entry>,
    /// The figure flags of each ASCII sign (the entry of the one-byte word), which
    /// the tokenizer asks of every punctuation mark.
    signs: [u8; 128],
}

/// Collects the words of a [`Vocab`] (lower-case ASCII keys; the index folds case).
#[derive(Default)]
pub(crate) struct VocabBuilder {
    words: BTreeMap<String, Entry>,
}

impl VocabBuilder {
    fn entry(&mut self, w: &str) -> &mut Entry {
        self.words.entry(w.to_ascii_lowercase()).or_insert(NO_ENTRY)
    }

    /// Word `w` is date lexicon entry `lex`; `start`: the entry may begin an expression.
    pub(crate) fn date(&mut self, w: &str, lex: u16, start: bool) {
        assert!(lex != NO_LEX, "date lexicon too large");
        let e = self.entry(w);
        e.lex = lex;
        e.start |= start;
    }

    /// Word `w` has the figure flags `flags`.
    pub(crate) fn figure(&mut self, w: &str, flags: u8) {
        self.entry(w).fig |= flags;
    }

    /// The punctuation mark `sign` (one character that is no letter or digit) has the
    /// figure flags `flags`.
    pub(crate) fn sign(&mut self, sign: &str, flags: u8) {
        self.figure(sign, flags);
    }

    /// The figure flags of word `w` (any ASCII case).
    #[cfg(test)]
    pub(crate) fn figure_flags(&self, w: &str) -> u8 {
        self.words.get(&w.to_ascii_lowercase()).map_or(0, |e| e.fig)
    }

    pub(crate) fn build(self) -> Vocab {
        let mut index = ShortFirst::with_capacity(self.words.len());
        let mut entries = Vec::with_capacity(self.words.len());
        let mut signs = [0; 128];
        for (w, e) in self.words {
            let i = u16::try_from(entries.len()).expect("vocabulary too large");
            index.insert(&w, i);
            if let [c] = *w.as_bytes() {
                if c.is_ascii() {
                    signs[usize::from(c)] = e.fig;
                }
            }
            entries.push(e);
        }
        Vocab {
            index,
            entries,
            signs,
        }
    }
}

/// A vocabulary without words, for a recogniser that reads the tokens but looks none of
/// them up.
pub(crate) fn no_words() -> &'static Vocab {
    static NO_WORDS: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
    NO_WORDS.get_or_init(|| VocabBuilder::default().build())
}

impl Vocab {
    /// The figure flags of a sign (one character).
    fn sign_flags(&self, sign: &[u8]) -> u8 {
        match *sign {
            [c] if c.is_ascii() => self.signs[usize::from(c)],
            _ => self.get(sign, false).fig,
        }
    }

    /// The entry of a word or sign; `letters`: it is ASCII letters only.
    fn get(&self, word: &[u8], letters: bool) -> Entry {
        let i = if letters {
            self.index.get_letters(word)
        } else {
            self.index.get_bytes(word)
        };
        i.map_or(NO_ENTRY, |i| self.entries[usize::from(i)])
    }
}

thread_local! {
    /// The token buffer of this thread, reused from one document to the next: the
    /// tokens take several times the size of the text, and need not be allocated
    /// afresh for each document.
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
        // An ASCII byte is classed by the table; another character is decoded.
        let (white, alnum, len) = match CLASS[usize::from(b[i])] {
            HIGH => {
                let c = char_at(text, i);
                (c.is_whitespace(), c.is_alphabetic(), c.len_utf8())
            }
            class => (class == WS, class & (ALPHA | DIGIT) != 0, 1),
        };
        if white {
            nl |= b[i] == b'\n';
            glued = false;
            i += len;
            continue;
        }
        let (e, kind, high) = if alnum {
            scan_run(text, i)
        } else {
            (i + len, Kind::Punct, len > 1)
        };
        let entry = match kind {
            Kind::Word => vocab.get(&b[i..e], !high),
            Kind::Num | Kind::Mixed => Entry {
                start: true,
                ..NO_ENTRY
            },
            // Signs carry figure flags only.
            Kind::Punct => Entry {
                start: is_apostrophe(&text[i..e]),
                fig: vocab.sign_flags(&b[i..e]),
                ..NO_ENTRY
            },
        };
        out.push(Tok {
            s: i,
            e,
            kind,
            glued,
            nl,
            lex: entry.lex,
            start: entry.start,
            high,
            fig: entry.fig,
        });
        glued = true;
        nl = false;
        i = e;
    }
}

/// Byte classes (`crate::text::byte_classes`), with U+000B white space as
/// `char::is_whitespace` has it.
static CLASS: [u8; 256] = crate::text::byte_classes(true);

/// The character at byte `i` of `text` (a character boundary).
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        char::from(b)
    } else {
        text[i..].chars().next().unwrap_or(' ')
    }
}

/// The run of letters and digits (`char::is_alphanumeric`) from byte `i` on: its end,
/// its kind (ASCII digits only, some, or none) and whether it has a non-ASCII
/// character.
fn scan_run(text: &str, i: usize) -> (usize, Kind, bool) {
    let b = text.as_bytes();
    let mut j = i;
    // The classes of the run's bytes, or-ed together: one table look-up per ASCII
    // byte tells both whether the run goes on and what it holds.
    let mut seen = 0;
    while j < b.len() {
        let class = CLASS[usize::from(b[j])];
        if class & (ALPHA | DIGIT) != 0 {
            seen |= class;
            j += 1;
        } else if class == HIGH {
            let ch = char_at(text, j);
            if !ch.is_alphanumeric() {
                break;
            }
            seen |= HIGH;
            j += ch.len_utf8();
        } else {
            break;
        }
    }
    // A non-ASCII letter or digit counts as a letter.
    let kind = match (seen & DIGIT != 0, seen & (ALPHA | HIGH) != 0) {
        (_, false) => Kind::Num,
        (true, true) => Kind::Mixed,
        (false, true) => Kind::Word,
    };
    (j, kind, seen & HIGH != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `tokenize` must give, stated token by token: the tokens cover every
    /// character that is not white space, in order; the text between them is white
    /// space; `glued` and `nl` say what that gap holds; a token is one character that
    /// is no letter or digit, or a longest run of letters and digits begun by a letter
    /// or an ASCII digit, its kind and `high` read off its characters.
    fn check(text: &str, toks: &[Tok]) -> Result<(), String> {
        let mut at = 0;
        for (n, t) in toks.iter().enumerate() {
            let here = format!("token {n} {:?}", &text.get(t.s..t.e));
            if !(at <= t.s && t.s < t.e && text.is_char_boundary(t.s) && text.is_char_boundary(t.e))
            {
                return Err(format!("{here}: bad span {}..{}", t.s, t.e));
            }
            let gap = &text[at..t.s];
            if !gap.chars().all(char::is_whitespace) {
                return Err(format!("{here}: {gap:?} left out"));
            }
            if t.glued != (n > 0 && gap.is_empty()) || t.nl != gap.contains('\n') {
                return Err(format!(
                    "{here}: glued {} nl {} after {gap:?}",
                    t.glued, t.nl
                ));
            }
            let w = &text[t.s..t.e];
            let first = w.chars().next().unwrap_or(' ');
            let run = first.is_ascii_digit() || first.is_alphabetic();
            let kind = if !run {
                Kind::Punct
            } else if w.bytes().all(|b| b.is_ascii_digit()) {
                Kind::Num
            } else if w.bytes().any(|b| b.is_ascii_digit()) {
                Kind::Mixed
            } else {
                Kind::Word
            };
            let next = text[t.e..].chars().next();
            let whole = if run {
                w.chars().all(char::is_alphanumeric) && !next.is_some_and(char::is_alphanumeric)
            } else {
                w.chars().count() == 1 && !first.is_whitespace()
            };
            if !whole || t.kind != kind || t.high == w.is_ascii() {
                return Err(format!("{here}: {:?} high {}", t.kind, t.high));
            }
            at = t.e;
        }
        if !text[at..].chars().all(char::is_whitespace) {
            return Err(format!("{:?} left out at the end", &text[at..]));
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn tokens_cover_the_text_as_stated(
            text in "[aZ09 .,'\n\t\u{b}\u{1c}\u{e9}\u{b2}\u{663}\u{2019}\u{a0}\u{2009}\u{2028}$]{0,40}",
        ) {
            let vocab = VocabBuilder::default().build();
            let mut toks = Vec::new();
            tokenize(&text, &vocab, &mut toks);
            if let Err(e) = check(&text, &toks) {
                proptest::prop_assert!(false, "{:?}: {}", text, e);
            }
        }
    }

    #[test]
    fn the_check_catches_wrong_tokens() {
        let text = "ab 1,5";
        let mut toks = Vec::new();
        tokenize(text, no_words(), &mut toks);
        assert_eq!(check(text, &toks), Ok(()));
        let mut wrong = toks.clone();
        wrong[0].e = 1;
        assert!(check(text, &wrong).is_err());
        let mut wrong = toks.clone();
        wrong[2].glued = false;
        assert!(check(text, &wrong).is_err());
        let mut wrong = toks.clone();
        wrong.pop();
        assert!(check(text, &wrong).is_err());
    }

    #[test]
    fn words_carry_both_recognisers_values() {
        let mut v = VocabBuilder::default();
        v.date("may", 3, true);
        v.date("known", 7, false);
        v.figure("May", 2);
        v.figure("few", 3);
        v.sign("$", 1);
        v.sign("\u{20ac}", 1);
        let vocab = v.build();
        let mut toks = Vec::new();
        tokenize(
            "MAY few known caf\u{e9} 5 $ \u{20ac} ' \u{2019} ,",
            &vocab,
            &mut toks,
        );
        let got: Vec<_> = toks.iter().map(|t| (t.lex, t.start, t.fig)).collect();
        assert_eq!(
            got,
            [
                (3, true, 2),
                (NO_LEX, false, 3),
                (7, false, 0),
                (NO_LEX, false, 0),
                (NO_LEX, true, 0),
                (NO_LEX, false, 1),
                (NO_LEX, false, 1),
                (NO_LEX, true, 0),
                (NO_LEX, true, 0),
                (NO_LEX, false, 0),
            ]
        );
    }
}
