//! Raw page bytes -> UTF-8 text. The encoding is chosen, in order, from a byte-order
//! mark, the container's hint (the HTTP `Content-Type` charset), a `<meta charset>` or
//! `<meta http-equiv="content-type">` declaration in the first 4 KB, then UTF-8 when the
//! bytes are valid UTF-8, else windows-1252 (what browsers assume for unlabelled
//! Western pages). Invalid bytes become U+FFFD; decoding never fails. This module does
//! not guess among legacy encodings statistically (no chardet): a page that is neither
//! labelled nor UTF-8 is read as windows-1252.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// How many leading bytes are searched for a `<meta>` declaration. The HTML standard's
/// prescan looks at 1024 bytes; real pages often put the declaration later, after long
/// comments or scripts, so we look further.
const SNIFF_BYTES: usize = 4096;

/// The decoded text and where its encoding came from (for provenance).
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    /// `bom`, `http`, `meta`, `utf8-valid` or `fallback`.
    pub from: &'static str,
}

/// Decodes `bytes`; `hint` is the container's charset label, if any.
pub fn decode<'a>(bytes: &'a [u8], hint: Option<&str>) -> Decoded<'a> {
    let (encoding, from) = choose(bytes, hint);
    // `decode` strips a BOM of the chosen encoding and replaces malformed sequences.
    let (text, _, _) = encoding.decode(bytes);
    Decoded {
        text,
        encoding,
        from,
    }
}

fn choose(bytes: &[u8], hint: Option<&str>) -> (&'static Encoding, &'static str) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, "bom");
    }
    if let Some(enc) = hint.and_then(|h| Encoding::for_label(h.trim().as_bytes())) {
        return (html_compatible(enc), "http");
    }
    if let Some(enc) = sniff_meta(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        return (html_compatible(enc), "meta");
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, "utf8-valid");
    }
    (WINDOWS_1252, "fallback")
}

/// A page without a BOM cannot really be UTF-16 (its ASCII markup would be unreadable),
/// so the HTML standard maps such labels to UTF-8; `x-user-defined` likewise.
fn html_compatible(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    }
}

/// Finds the charset of the first `<meta>` tag that declares one, either as
/// `charset=...` or inside `content="text/html; charset=..."`.
fn sniff_meta(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(pos) = find_ci(&head[i..], b"<meta") {
        let start = i + pos + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        if let Some(label) = charset_in_tag(&head[start..end]) {
            if let Some(enc) = Encoding::for_label(label) {
                return Some(enc);
            }
        }
        i = end;
    }
    None
}

/// The value after `charset=` inside one tag's attribute text, unquoted.
fn charset_in_tag(tag: &[u8]) -> Option<&[u8]> {
    let pos = find_ci(tag, b"charset")?;
    let mut rest = &tag[pos + 7..];
    rest = trim_start(rest);
    rest = rest.strip_prefix(b"=")?;
    rest = trim_start(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\'' || b == b';' || b == b'/' || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// ASCII case-insensitive search.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_encoding_in_order() {
        // (bytes, hint, expected encoding name, expected source)
        let cases: &[(&[u8], Option<&str>, &str, &str)] = &[
            (
                b"\xef\xbb\xbf<p>caf\xc3\xa9</p>",
                Some("iso-8859-1"),
                "UTF-8",
                "bom",
            ),
            (
                b"<p>caf\xe9</p>",
                Some("ISO-8859-1"),
                "windows-1252",
                "http",
            ),
            (b"<meta charset=\"koi8-r\"><p>x</p>", None, "KOI8-R", "meta"),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">",
                None,
                "Shift_JIS",
                "meta",
            ),
            (b"<META CHARSET='utf-16'>", None, "UTF-8", "meta"),
            (b"<p>caf\xc3\xa9</p>", None, "UTF-8", "utf8-valid"),
            (
                b"<p>caf\xe9 \x93quoted\x94</p>",
                None,
                "windows-1252",
                "fallback",
            ),
            (
                b"<meta charset=bogus><p>caf\xe9</p>",
                None,
                "windows-1252",
                "fallback",
            ),
        ];
        for (bytes, hint, name, from) in cases {
            let d = decode(bytes, *hint);
            assert_eq!((d.encoding.name(), d.from), (*name, *from), "{bytes:?}");
        }
    }

    #[test]
    fn decodes_windows_1252_and_replaces_invalid() {
        let d = decode(b"<p>caf\xe9 \x93hi\x94</p>", None);
        assert_eq!(d.text, "<p>caf\u{e9} \u{201c}hi\u{201d}</p>");
        let d = decode(b"<p>ok \xff\xfe bad</p>", Some("utf-8"));
        assert!(d.text.contains('\u{fffd}'));
    }
}
