//! Quotation marks paired into quotes, and where an attribution clause stops.

/// Quote marks: (opening mark, closing mark, inner start, inner end), byte offsets.
/// The closing mark offset is the end of the paragraph for a quote left open.
pub(super) fn quote_marks(text: &str) -> Vec<(usize, usize, usize, usize)> {
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
            // U+201C and U+201D are E2 80 9C and E2 80 9D; U+2019 (E2 80 99) only
            // counts doubled, inside a quote.
            _ => match bytes.get(i + 1..i + 3) {
                Some([0x80, 0x9C]) => '\u{201c}',
                Some([0x80, 0x9D]) => '\u{201d}',
                Some([0x80, 0x99]) if marks.open.is_some() => '\u{2019}',
                _ => continue,
            },
        };
        marks.step(i, ch);
    }
    marks.finish()
}

/// The reference for [`quote_marks`]: every character looked at.
#[cfg(test)]
pub(super) fn quote_marks_by_char(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut marks = MarkTracker::new(text);
    for (i, ch) in text.char_indices() {
        if matches!(ch, '"' | '\n' | '\u{201c}' | '\u{201d}')
            || (ch == '\u{2019}' && marks.open.is_some())
        {
            marks.step(i, ch);
        }
    }
    marks.finish()
}

/// Pairs quote marks as [`quote_marks`] meets them, in text order.
pub(super) struct MarkTracker<'a> {
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

    /// One mark (`"`, a newline, U+201C, U+201D, or U+2019 in a quote) at byte `i`.
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
            // Two right single quotes close a double quote (`voters,’’ Will Moy`): the
            // second is the closing mark, so that the attribution starts after it.
            '\u{2019}' => {
                let doubled = self.text[i + 3..].starts_with('\u{2019}');
                if let Some((o, inner)) = self.open.filter(|_| doubled) {
                    self.open = None;
                    self.push(o, inner, i + 3, i);
                }
            }
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
/// Where the attribution clause after a quote stops: the first `;`, `"`, `“`, `?` or
/// `!` of `rest`. Byte by byte (`str::find` with a set of chars decodes every
/// character): the ASCII ones are themselves, and `“` is the only one whose bytes
/// start with 0xE2.
pub(super) fn clause_stop(rest: &str) -> Option<usize> {
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
pub(super) fn clause_stop_by_char(rest: &str) -> Option<usize> {
    rest.find([';', '"', '\u{201c}', '?', '!'])
}
