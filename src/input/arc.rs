//! ARC record headers (the Internet Archive's ARC format, versions 1 and 2, as Heritrix
//! and the older Internet Archive crawlers wrote them, plain or one gzip member per
//! record).
//!
//! An ARC record is one header line, `URL IP-address Archive-date Content-type
//! Archive-length` (version 1; version 2 adds result code, checksum, location, offset
//! and file name before the length), then `Archive-length` bytes: the whole HTTP
//! response for `http(s)://` records, then a line feed. The first record,
//! `filedesc://...`, describes the file. This module only reads the header line; the
//! block is read by `warc` like a WARC block, with the same document and id rules.
//!
//! As warcio does, a URL with spaces is read (the fields are taken from the right),
//! and a length that is not a number, or is negative, counts as 0.

/// What an ARC header line says.
#[derive(Debug, PartialEq)]
pub(crate) struct ArcHeader {
    pub uri: String,
    /// `YYYY-MM-DD`, when the archive date has at least eight digits.
    pub date: String,
    /// The 14-digit archive date as written (it names records with no other id).
    pub stamp: String,
    pub mime: String,
    pub length: u64,
}

/// Reads an ARC header line (without its line end); `None` if it is not one.
pub(crate) fn parse_header(line: &[u8]) -> Option<ArcHeader> {
    let text = std::str::from_utf8(line).ok()?;
    let fields: Vec<&str> = text.split(' ').filter(|f| !f.is_empty()).collect();
    if fields.len() < 5 {
        return None;
    }
    let is_date = |s: &str| s.len() >= 8 && s.bytes().all(|b| b.is_ascii_digit());
    let n = fields.len();
    // Version 2: ten fields, the date third and a result code (or "-") fifth.
    let v2 = n == 10
        && is_date(fields[2])
        && (fields[4] == "-" || fields[4].bytes().all(|b| b.is_ascii_digit()));
    let (uri, date, mime) = if v2 {
        (fields[0].to_string(), fields[2], fields[3])
    } else {
        (fields[..n - 4].join(" "), fields[n - 3], fields[n - 2])
    };
    if !is_date(date) || !looks_like_uri(&uri) {
        return None;
    }
    let length = fields[n - 1].parse::<u64>().unwrap_or(0);
    Some(ArcHeader {
        uri,
        date: format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..8]),
        stamp: date.to_string(),
        mime: mime.to_string(),
        length,
    })
}

/// A URI with a scheme (`http://`, `filedesc://`, `dns:`).
fn looks_like_uri(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// URI, date, content type and length.
    type Fields<'a> = (&'a str, &'a str, &'a str, u64);

    #[test]
    fn header_lines() {
        let cases: &[(&str, Option<Fields>)] = &[
            (
                "http://example.com/ 93.184.216.119 20140216050221 text/html 1591",
                Some(("http://example.com/", "2014-02-16", "text/html", 1591)),
            ),
            (
                "filedesc://live-web-example.arc.gz 127.0.0.1 20140216050221 text/plain 75",
                Some((
                    "filedesc://live-web-example.arc.gz",
                    "2014-02-16",
                    "text/plain",
                    75,
                )),
            ),
            (
                "http://example.com/some path/ 93.184.216.119 20140216050221 text/html 12",
                Some((
                    "http://example.com/some path/",
                    "2014-02-16",
                    "text/html",
                    12,
                )),
            ),
            // Lengths warcio reads as 0.
            (
                "http://example.com/ 93.184.216.119 201404010000000000 text/html -1",
                Some(("http://example.com/", "2014-04-01", "text/html", 0)),
            ),
            (
                "http://example.com/ 93.184.216.119 20140401000000 text/html abc",
                Some(("http://example.com/", "2014-04-01", "text/html", 0)),
            ),
            // Version 2.
            (
                "http://a.org/ 1.2.3.4 20080430204825 text/html 200 ABCD - 1234 f.arc 99",
                Some(("http://a.org/", "2008-04-30", "text/html", 99)),
            ),
            ("1 0 LiveWeb Capture", None),
            (
                "URL IP-address Archive-date Content-type Archive-length",
                None,
            ),
            ("<p>The ferry runs 20 times a day 12345678 ok 5</p>", None),
        ];
        for (line, want) in cases {
            let got = parse_header(line.as_bytes());
            let got = got
                .as_ref()
                .map(|h| (h.uri.as_str(), h.date.as_str(), h.mime.as_str(), h.length));
            assert_eq!(got, *want, "{line}");
        }
    }
}
