//! Guards against hostile or broken input, applied before any parsing: binary payloads
//! are recognised (so they become an error record instead of garbage "text"), HTML
//! nested absurdly deep is flattened before it reaches the HTML parser, and text cut at
//! `--max-doc-bytes` (`--truncate`) is cut between characters.
//!
//! Why flatten: html5ever checks "is there a `<p>` in button scope" on every `<div>`
//! start tag by walking the stack of open elements, so N nested `<div>`s cost O(N²)
//! (measured: 20,000 levels 1.5 s, 40,000 levels 13 s, 200,000 levels minutes, in a
//! release build). Browsers cap the tree depth for the same reason (Blink: 512). Here
//! the tags deeper than [`MAX_HTML_DEPTH`] are removed and their content kept, so the
//! text is not lost and parsing stays linear; no real page comes near that depth.
//!
//! This module does not decode or parse HTML: the depth is estimated with a tag
//! scanner that knows comments, raw-text elements, void elements and the elements
//! whose end tag the parser implies (`p`, `li`, `td`, ...), which are not counted.

use memchr::{memchr, memchr3, memchr_iter, memmem};

/// Tag nesting kept as is; deeper tags are dropped (their content is kept).
pub const MAX_HTML_DEPTH: usize = 1024;

/// Bytes sniffed for [`looks_binary`].
const SNIFF: usize = 8192;

/// Whether a file's bytes are binary (an image, an archive, a NUL-padded dump) rather
/// than text or HTML: a NUL byte in the first 8 KiB (as git and ripgrep decide), or more
/// than 10% C0 control bytes other than whitespace. A UTF-16/UTF-32 byte-order mark
/// means text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return false;
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.is_empty() {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    control * 10 > head.len()
}

/// How the depth estimate treats an element, by its tag name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TagClass {
    /// Elements with no end tag (`br`, `img`, ...).
    Void,
    /// Elements whose end tag the parser implies when a sibling starts (`p`, `li`,
    /// `td`, ...); sloppy pages leave them open by the thousand, so they must not
    /// count as depth.
    ImpliedEnd,
    /// Elements whose content is raw text (`script`, `style`, ...): tags inside them
    /// are not tags.
    RawText,
    /// Everything else: a start tag nests one level deeper.
    Nesting,
}

/// The class of a tag name (ASCII case-insensitive), without allocating: this runs for
/// every tag of every page.
fn tag_class(name: &[u8]) -> TagClass {
    // No name below is longer.
    const LONGEST: usize = 9;
    if name.len() > LONGEST {
        return TagClass::Nesting;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..name.len()];
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    match &*lower {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"param" | b"source" | b"track" | b"wbr" | b"keygen" | b"frame" => {
            TagClass::Void
        }
        b"p" | b"li" | b"dt" | b"dd" | b"option" | b"optgroup" | b"tr" | b"td" | b"th"
        | b"tbody" | b"thead" | b"tfoot" | b"rb" | b"rt" | b"rp" | b"rtc" | b"colgroup"
        | b"caption" => TagClass::ImpliedEnd,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"plaintext" => TagClass::RawText,
        _ => TagClass::Nesting,
    }
}

/// One tag found by the scanner.
struct Tag<'a> {
    /// Byte range of the whole tag, `<` to `>` inclusive.
    start: usize,
    end: usize,
    name: &'a [u8],
    closing: bool,
    self_closing: bool,
}

/// Scans `html` from `pos` for the next tag, skipping comments, doctypes and
/// processing instructions.
///
/// It jumps from one byte of interest to the next with `memchr`: this scan runs over
/// every byte of every page before parsing (BENCHMARKS.md has the measurement).
fn next_tag(html: &[u8], mut pos: usize) -> Option<Tag<'_>> {
    loop {
        let lt = pos + memchr(b'<', &html[pos..])?;
        let rest = &html[lt + 1..];
        if rest.starts_with(b"!--") {
            pos = match memmem::find(&html[lt + 4..], b"-->") {
                Some(i) => lt + 4 + i + 3,
                None => return None,
            };
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = html[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !html[name_start].is_ascii_alphabetic() {
            // `<!doctype>`, `<?xml ?>`, `</ >` or a stray `<`: not an element.
            pos = lt + 1;
            continue;
        }
        // The tag ends at the first `>` outside a quoted attribute value.
        let name_end = name_start + name_len;
        let mut i = name_end;
        let gt = loop {
            let j = i + memchr3(b'>', b'"', b'\'', &html[i..])?;
            let q = html[j];
            if q == b'>' {
                break j;
            }
            // A quote opens a value only right after `=` (white space between them
            // allowed), as in the HTML tokenizer; a stray quote elsewhere must not
            // swallow the rest of the page.
            let prev = html[name_end..j]
                .iter()
                .rev()
                .find(|b| !b.is_ascii_whitespace());
            i = if prev == Some(&b'=') {
                j + 1 + memchr(q, &html[j + 1..])? + 1
            } else {
                j + 1
            };
        };
        return Some(Tag {
            start: lt,
            end: gt + 1,
            name: &html[name_start..name_end],
            closing,
            self_closing: html[gt - 1] == b'/',
        });
    }
}

/// The first `</name` (ASCII case-insensitive) in `hay`.
fn find_end_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    memchr_iter(b'<', hay).find(|&i| {
        hay.get(i + 1) == Some(&b'/')
            && hay
                .get(i + 2..i + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

/// Where to cut a text file's `bytes` so that at most `max` bytes are kept and no
/// character is split: UTF-16 (with its byte-order mark) between code units and never
/// inside a surrogate pair, anything else (UTF-8, or a legacy charset, where this costs
/// at most three bytes) before a UTF-8 continuation byte. `bytes` may be longer than
/// `max` (the caller reads one byte past the limit to know whether it was reached).
pub fn text_cut(bytes: &[u8], max: usize) -> usize {
    if bytes.len() <= max {
        return bytes.len();
    }
    let utf16_le = bytes.starts_with(b"\xff\xfe");
    if utf16_le || bytes.starts_with(b"\xfe\xff") {
        let mut cut = max & !1;
        if cut >= 4 {
            let unit = &bytes[cut - 2..cut];
            let unit = if utf16_le {
                u16::from_le_bytes([unit[0], unit[1]])
            } else {
                u16::from_be_bytes([unit[0], unit[1]])
            };
            // A high surrogate whose low half is past the cut.
            if (0xd800..0xdc00).contains(&unit) {
                cut -= 2;
            }
        }
        return cut;
    }
    let mut cut = max;
    // bytes[cut] is the first byte left out: while it continues a sequence, the
    // sequence's start goes too.
    while cut > 0 && max - cut < 3 && (0x80..0xc0).contains(&bytes[cut]) {
        cut -= 1;
    }
    if (0x80..0xc0).contains(&bytes[cut]) {
        // Four continuation bytes in a row: not UTF-8, any cut will do.
        return max;
    }
    cut
}

/// Returns `html` with the tags nested deeper than `max_depth` removed (their content
/// kept), or `None` when the page is within the limit (the common case: no copy).
pub fn cap_nesting(html: &[u8], max_depth: usize) -> Option<Vec<u8>> {
    // Every level of depth is a start tag, which begins with `<` and a letter: a page
    // with no more of those than the limit cannot exceed it (most pages), and counting
    // them is much cheaper than scanning the tags.
    let start_tags = memchr_iter(b'<', html)
        .filter(|&i| html.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
        .take(max_depth + 1)
        .count();
    // The first pass only measures, so that normal pages are never rewritten.
    if start_tags <= max_depth || max_depth_of(html) <= max_depth {
        return None;
    }
    let mut out = Vec::with_capacity(html.len());
    let mut copied = 0;
    walk(html, |tag, depth_before, depth_after| {
        if depth_before.max(depth_after) > max_depth {
            out.extend_from_slice(&html[copied..tag.start]);
            copied = tag.end;
        }
    });
    out.extend_from_slice(&html[copied..]);
    Some(out)
}

/// The estimated nesting depth of `html`.
pub fn max_depth_of(html: &[u8]) -> usize {
    let mut max = 0;
    walk(html, |_, before, after| max = max.max(before).max(after));
    max
}

/// Calls `f(tag, depth before, depth after)` for every start or end tag that changes
/// the depth.
fn walk(html: &[u8], mut f: impl FnMut(&Tag, usize, usize)) {
    let mut depth = 0usize;
    let mut pos = 0;
    while let Some(tag) = next_tag(html, pos) {
        pos = tag.end;
        match tag_class(tag.name) {
            TagClass::Void | TagClass::ImpliedEnd => continue,
            TagClass::RawText => {
                if tag.closing {
                    continue;
                }
                // Skip to the matching end tag: `<div>` inside a script is not a tag.
                match find_end_tag(&html[pos..], tag.name) {
                    Some(i) => pos += i,
                    None => return,
                }
                continue;
            }
            TagClass::Nesting => {}
        }
        if tag.closing {
            if depth > 0 {
                f(&tag, depth, depth - 1);
                depth -= 1;
            }
            continue;
        }
        if tag.self_closing {
            continue;
        }
        f(&tag, depth, depth + 1);
        depth += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-at-a-time scanner that the `memchr` one replaced, kept as the
    /// reference it must agree with.
    mod reference {
        /// Elements with no end tag.
        const VOID: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
            "source", "track", "wbr", "keygen", "frame",
        ];

        /// Elements whose end tag the parser implies when a sibling starts; sloppy pages leave
        /// them open by the thousand, so they must not count as depth.
        const IMPLIED_END: &[&str] = &[
            "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
            "tfoot", "rb", "rt", "rp", "rtc", "colgroup", "caption",
        ];

        /// Elements whose content is raw text: tags inside them are not tags.
        const RAW_TEXT: &[&str] = &[
            "script",
            "style",
            "textarea",
            "title",
            "xmp",
            "iframe",
            "noembed",
            "noframes",
            "plaintext",
        ];

        /// Scans `html` from `pos` for the next tag, skipping comments, doctypes and
        /// processing instructions.
        fn next_tag(html: &[u8], mut pos: usize) -> Option<super::Tag<'_>> {
            loop {
                let lt = pos + memchr(b'<', &html[pos..])?;
                let rest = &html[lt + 1..];
                if rest.starts_with(b"!--") {
                    pos = match find(&html[lt + 4..], b"-->") {
                        Some(i) => lt + 4 + i + 3,
                        None => return None,
                    };
                    continue;
                }
                let closing = rest.first() == Some(&b'/');
                let name_start = lt + 1 + usize::from(closing);
                let name_len = html[name_start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
                    .count();
                if name_len == 0 || !html[name_start].is_ascii_alphabetic() {
                    // `<!doctype>`, `<?xml ?>`, `</ >` or a stray `<`: not an element.
                    pos = lt + 1;
                    continue;
                }
                // The tag ends at the first `>` outside a quoted attribute value.
                let mut i = name_start + name_len;
                // A quote opens a value only right after `=`, as in the HTML tokenizer; a stray
                // quote elsewhere must not swallow the rest of the page.
                let mut quote = None;
                let mut prev = b' ';
                while i < html.len() {
                    let b = html[i];
                    match quote {
                        Some(q) if b == q => quote = None,
                        Some(_) => {}
                        None if (b == b'"' || b == b'\'') && prev == b'=' => quote = Some(b),
                        None if b == b'>' => break,
                        None => {}
                    }
                    if !b.is_ascii_whitespace() {
                        prev = b;
                    }
                    i += 1;
                }
                if i >= html.len() {
                    return None;
                }
                return Some(super::Tag {
                    start: lt,
                    end: i + 1,
                    name: &html[name_start..name_start + name_len],
                    closing,
                    self_closing: html[i - 1] == b'/',
                });
            }
        }

        fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
            hay.iter().position(|&b| b == needle)
        }

        fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
            hay.windows(needle.len()).position(|w| w == needle)
        }

        fn is_one_of(name: &[u8], list: &[&str]) -> bool {
            list.iter().any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
        }

        /// Calls `f(tag, depth before, depth after)` for every start or end tag that changes
        /// the depth.
        pub fn walk(html: &[u8], mut f: impl FnMut(&super::Tag, usize, usize)) {
            let mut depth = 0usize;
            let mut pos = 0;
            while let Some(tag) = next_tag(html, pos) {
                pos = tag.end;
                if is_one_of(tag.name, VOID) || is_one_of(tag.name, IMPLIED_END) {
                    continue;
                }
                if is_one_of(tag.name, RAW_TEXT) {
                    if tag.closing {
                        continue;
                    }
                    // Skip to the matching end tag: `<div>` inside a script is not a tag.
                    let mut close = b"</".to_vec();
                    close.extend(tag.name.iter().map(u8::to_ascii_lowercase));
                    let lower_find = html[pos..]
                        .windows(close.len())
                        .position(|w| w.eq_ignore_ascii_case(&close));
                    match lower_find {
                        Some(i) => pos += i,
                        None => return,
                    }
                    continue;
                }
                if tag.closing {
                    if depth > 0 {
                        f(&tag, depth, depth - 1);
                        depth -= 1;
                    }
                    continue;
                }
                if tag.self_closing {
                    continue;
                }
                f(&tag, depth, depth + 1);
                depth += 1;
            }
        }
    }

    /// Every depth change (tag range, depth before, depth after) that a walk reports.
    fn events(html: &[u8], fast: bool) -> Vec<(usize, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut note = |t: &Tag, a: usize, b: usize| out.push((t.start, t.end, a, b));
        if fast {
            walk(html, &mut note);
        } else {
            reference::walk(html, &mut note);
        }
        out
    }

    #[test]
    fn scanner_agrees_with_reference_on_tricky_markup() {
        let cases = [
            "<div a=\"x>y\" b='<div>' c=d\"e><div></div></div>",
            "<div class = \"a>b\"><p>x</DIV>",
            "<div a= \n '>'><span x=\"'\">y</span>",
            "<div title=x\"><div a='b>'></div></div>",
            "<SCRIPT>a<div></Script><div><style>x</STYLE</div>",
            "<div><!-- <div> --><!--><div></div>--><div>",
            "<div a=\"unterminated><div>",
            "<div><textarea><div></div></textar",
            "<div/><br/><a href=x/>y</a><div =\"x>\">",
            "<x-custom:tag><ns:el></ns:el></x-custom:tag>",
            "<averyveryverylongtagname><div></div></averyveryverylongtagname>",
        ];
        for html in cases {
            let h = html.as_bytes();
            assert_eq!(events(h, true), events(h, false), "{html}");
        }
    }

    proptest::proptest! {
        #[test]
        fn scanner_agrees_with_reference(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "<div", "</div", "<p", "<br", "<script", "</script", "<Style", "</STYLE",
                "<!--", "-->", "<", ">", "/>", "/", "=", "\"", "'", " ", "\n", "a", "x=",
                "<ns:el", "<!doctype html>", "<title>", "</title>", "é", "<li", "</",
            ]),
            0..60,
        )) {
            let html = parts.concat();
            let h = html.as_bytes();
            proptest::prop_assert_eq!(events(h, true), events(h, false));
        }
    }

    #[test]
    fn text_cuts_between_characters() {
        let cases: &[(&[u8], usize, usize)] = &[
            (b"abcdef", 10, 6),
            (b"abcdef", 3, 3),
            ("ab\u{e9}cd".as_bytes(), 3, 2), // é is 2 bytes at 2..4
            ("ab\u{e9}cd".as_bytes(), 4, 4),
            ("a\u{20ac}b".as_bytes(), 2, 1), // € is 3 bytes at 1..4
            ("a\u{20ac}b".as_bytes(), 3, 1),
            ("a\u{1f600}b".as_bytes(), 4, 1), // 4 bytes at 1..5
            ("a\u{1f600}b".as_bytes(), 5, 5),
            (b"\x80\x80\x80\x80\x80\x80", 3, 3), // not UTF-8
            // UTF-16LE with BOM: "ab" then U+1F600 as d83d de00.
            (b"\xff\xfea\x00b\x00\x3d\xd8\x00\xde", 7, 6),
            (b"\xff\xfea\x00b\x00\x3d\xd8\x00\xde", 9, 6),
            (b"\xff\xfea\x00b\x00\x3d\xd8\x00\xde", 5, 4),
            (b"\xfe\xff\x00a\xd8\x3d\xde\x00", 7, 4),
        ];
        for &(bytes, max, want) in cases {
            assert_eq!(text_cut(bytes, max), want, "{bytes:?} at {max}");
        }
    }

    #[test]
    fn binary_or_text() {
        let cases: &[(&[u8], bool)] = &[
            (b"", false),
            (b"plain text\nwith lines\r\n\tand tabs", false),
            (b"<html><body><p>Hello</p></body></html>", false),
            ("caf\u{e9} na\u{ef}ve".as_bytes(), false),
            (b"caf\xe9 in cp1252", false),
            (b"\xff\xfeH\x00i\x00", false),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", true),
            (b"text with one NUL\x00 byte", true),
            (b"\x01\x02\x03\x04\x05abcdefgh", true),
            (
                b"mostly text with one bell \x07 in it, which is fine",
                false,
            ),
        ];
        for (input, want) in cases {
            assert_eq!(
                looks_binary(input),
                *want,
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    fn nested(n: usize, tag: &str) -> String {
        format!(
            "<html><body>{}<p>deep text</p>{}</body></html>",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        )
    }

    #[test]
    fn depth_estimates() {
        let cases: &[(String, usize)] = &[
            ("<p>a<p>b<p>c".into(), 0),
            ("<div><div></div><div></div></div>".into(), 2),
            ("<ul><li>a<li>b</ul>".into(), 1),
            ("<br><img src=x><hr/><div/>".into(), 0),
            ("<!-- <div><div> --><span>x</span>".into(), 1),
            (
                "<script>if (a<b) { s = '<div><div><div>'; }</script>".into(),
                0,
            ),
            ("<a title=\"x>y\"><b>z</b></a>".into(), 2),
            ("<div class=x\"><div a='b>'></div></div>".into(), 2),
            ("<!doctype html><?xml ?>< div></ div>".into(), 0),
            ("</div></div><div>".into(), 1),
            (nested(100, "div"), 102),
            (nested(100, "p"), 2),
        ];
        for (html, want) in cases {
            assert_eq!(max_depth_of(html.as_bytes()), *want, "{html}");
        }
    }

    #[test]
    fn shallow_pages_are_not_copied() {
        assert!(cap_nesting(nested(50, "div").as_bytes(), 100).is_none());
        // More start tags than the limit, but not nested that deep.
        let flat = "<div></div>".repeat(300);
        assert!(cap_nesting(flat.as_bytes(), 100).is_none());
    }

    #[test]
    fn start_tag_count_bounds_the_depth() {
        // Depth 100 exactly, with exactly 100 start tags: within a limit of 100.
        let html = format!("{}{}", "<div>".repeat(100), "</div>".repeat(100));
        assert_eq!(max_depth_of(html.as_bytes()), 100);
        assert!(cap_nesting(html.as_bytes(), 100).is_none());
        assert!(cap_nesting(html.as_bytes(), 99).is_some());
    }

    #[test]
    fn deep_pages_are_flattened_and_keep_their_text() {
        let html = nested(5000, "div");
        let capped = cap_nesting(html.as_bytes(), 100).unwrap();
        assert!(max_depth_of(&capped) <= 100);
        let s = String::from_utf8(capped).unwrap();
        assert!(s.contains("<p>deep text</p>"));
        assert!(s.ends_with("</body></html>"));
        assert_eq!(s.matches("<div>").count(), 98);
        assert_eq!(s.matches("</div>").count(), 98);
    }

    #[test]
    fn unterminated_constructs_do_not_panic() {
        for html in [
            "<",
            "<div",
            "<div title='x",
            "<!--",
            "<script><div>",
            "</",
            "<a\u{e9}",
        ] {
            let _ = max_depth_of(html.as_bytes());
            let _ = cap_nesting(html.as_bytes(), 0);
        }
    }
}
