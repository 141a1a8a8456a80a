//! Dates as pages write them, to ISO `YYYY-MM-DD`: a metadata value ([`iso_date`]),
//! a date in running text ([`date_in_text`]), in a URL path ([`date_from_url`]) or in
//! the JSON state a script carries ([`date_in_scripts`]). Which source wins is
//! [`super::metadata`]'s choice; this module only reads dates.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// Normalises a date string to ISO `YYYY-MM-DD`: ISO 8601 (date part as written),
/// `YYYY/MM/DD`, `YYYYMMDD`, RFC 2822, "March 16, 2016", "16 March 2016", else the date
/// written in a short value ([`date_in_text`]).
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let valid = |y: i32, m: u32, d: u32| {
        (1900..=2100)
            .contains(&y)
            .then(|| NaiveDate::from_ymd_opt(y, m, d))
            .flatten()
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            if b.len() == 10 || !b[10].is_ascii_digit() {
                return valid(y as i32, m, d);
            }
        }
    }
    if b.len() >= 8 && (b.len() == 8 || !b[8].is_ascii_digit()) {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(4..6), digits(6..8)) {
            return valid(y as i32, m, d);
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.format("%Y-%m-%d").to_string());
    }
    let cleaned = s.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    for fmt in [
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A %B %d %Y",
        "%a %b %d %Y",
        // Citation metadata: "2024 Jun 30".
        "%Y %b %d",
    ] {
        if let Ok(d) = NaiveDate::parse_and_remainder(&cleaned, fmt).map(|x| x.0) {
            return valid(
                chrono::Datelike::year(&d),
                chrono::Datelike::month(&d),
                chrono::Datelike::day(&d),
            );
        }
    }
    // A short value in a site's own format ("Thu, 09/25/2025 - 11:38"): the date in it.
    if s.len() <= SHORT_DATE_CHARS {
        return date_in_text(s);
    }
    None
}

/// The first date written in `text`: "Updated May 6, 2025", "Published On: 15 August
/// 2025", "Feb. 11, 2026", "2024-01-12" (or "2024.01.12", "2024/01/12"), "12.12.2025"
/// (day first), "2/24/2026" and
/// "11-29-2024" (month first unless the first number cannot be a month).
pub fn date_in_text(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let month = MONTH;
        Regex::new(&format!(
            r"(?i)\b(?:(?P<iy>(?:19|20)\d\d)[-./](?P<im>[01]\d)[-./](?P<id>[0-3]\d)(?:T\d|\b)|(?P<am>{month})\.?\s+(?P<ad>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<ay>(?:19|20)\d\d)\b|(?P<bd>[0-3]?\d)(?:st|nd|rd|th)?\.?\s+(?P<bm>{month})\.?,?\s+(?P<by>(?:19|20)\d\d)\b|(?P<n1>[0-3]?\d)(?P<sep>[./])(?P<n2>[0-3]?\d)[./](?P<ny>(?:19|20)\d\d)\b|(?P<h1>[0-3]?\d)-(?P<h2>[0-3]?\d)-(?P<hy>(?:19|20)\d\d)\b)"
        ))
        .expect("valid regex")
    });
    let c = re.captures(text)?;
    let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let month = |k: &str| month_number(c.name(k)?.as_str());
    let (y, m, d) = if c.name("iy").is_some() {
        (num("iy")?, num("im")?, num("id")?)
    } else if c.name("am").is_some() {
        (num("ay")?, month("am")?, num("ad")?)
    } else if c.name("bm").is_some() {
        (num("by")?, month("bm")?, num("bd")?)
    } else if c.name("n1").is_some() {
        let (a, b) = (num("n1")?, num("n2")?);
        let day_first = &c["sep"] == "." || a > 12;
        let (m, d) = if day_first { (b, a) } else { (a, b) };
        (num("ny")?, m, d)
    } else {
        // "11-29-2024": as with slashes, month first unless it cannot be.
        let (a, b) = (num("h1")?, num("h2")?);
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        (num("hy")?, m, d)
    };
    NaiveDate::from_ymd_opt(y as i32, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

/// An English month name or its abbreviation, as a pattern.
const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// The number of a month that [`MONTH`] matched.
fn month_number(name: &str) -> Option<u32> {
    let m = name.to_ascii_lowercase();
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|p| m.starts_with(p))?;
    Some(i as u32 + 1)
}

/// Whether two ISO dates are at most `days` days apart.
pub fn near_days(a: &str, b: &str, days: i64) -> bool {
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => (a - b).num_days().abs() <= days,
        _ => false,
    }
}

/// A date in a URL path: `/2016/03/16/`, `/2016-03-16` or `/2016/march/16/`.
pub fn date_from_url(url: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2]|{MONTH})[/-](0?[1-9]|[12]\d|3[01])(?:[/._-]|$)"
        ))
        .expect("valid regex")
    });
    let c = re.captures(url)?;
    let y: i32 = c[1].parse().ok()?;
    let m: u32 = match c[2].parse() {
        Ok(m) => m,
        Err(_) => month_number(&c[2])?,
    };
    let d: u32 = c[3].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

/// Keys under which a script's JSON state (Next.js `__NEXT_DATA__`, a CMS's page data,
/// JSON-LD nested where the JSON-LD reader does not look) holds the page's publication
/// date; then, as a last resort, its last change.
const SCRIPT_PUBLISHED_KEYS: &[&str] = &[
    "datePublished",
    "publishedAt",
    "publishDate",
    "published_at",
    "publishedDate",
    "firstPublishedAt",
    "publicationDate",
    "dateCreated",
];
const SCRIPT_MODIFIED_KEYS: &[&str] = &["dateModified", "updatedAt", "modifiedAt"];

/// The first publication date in the JSON of `scripts` (in document order), else the
/// first date of a last change, with the key it was under. Quotes may be escaped (JSON
/// in a JSON string) or written as `&quot;`.
pub fn date_in_scripts<'a>(
    scripts: impl Iterator<Item = &'a str>,
) -> Option<(String, &'static str)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let keys: Vec<&str> = SCRIPT_PUBLISHED_KEYS
            .iter()
            .chain(SCRIPT_MODIFIED_KEYS)
            .copied()
            .collect();
        let q = r#"(?:\\?"|&quot;)"#;
        Regex::new(&format!(
            r"{q}(?P<key>{}){q}\s*:\s*{q}(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)",
            keys.join("|")
        ))
        .expect("valid regex")
    });
    let mut modified = None;
    for text in scripts {
        for c in re.captures_iter(text) {
            let key = &c["key"];
            let Some(date) = iso_date(&c["date"]) else {
                continue;
            };
            if let Some(k) = SCRIPT_PUBLISHED_KEYS.iter().find(|k| **k == key) {
                return Some((date, k));
            }
            if modified.is_none() {
                modified = SCRIPT_MODIFIED_KEYS
                    .iter()
                    .find(|k| **k == key)
                    .map(|k| (date, *k));
            }
        }
    }
    modified
}

/// The date of a short text that is little more than a date ("Tue Aug 27, 2019
/// 1:47 am", "Published On: 15 August 2025", "2025-11-01 15:14:37"): at most
/// [`SHORT_DATE_CHARS`] characters.
pub fn short_date_text(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() > SHORT_DATE_CHARS || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    date_in_text(t)
}

/// The longest text [`short_date_text`] reads.
const SHORT_DATE_CHARS: usize = 48;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2016-03-16T10:20:00-04:00", Some("2016-03-16")),
            ("2016-03-16", Some("2016-03-16")),
            ("2016/03/16 10:00", Some("2016-03-16")),
            ("20160316", Some("2016-03-16")),
            ("Wed, 16 Mar 2016 14:00:00 GMT", Some("2016-03-16")),
            ("March 16, 2016", Some("2016-03-16")),
            ("16 March 2016 09:00", Some("2016-03-16")),
            ("2024 Jun 30", Some("2024-06-30")),
            ("Thu, 09/25/2025 - 11:38", Some("2025-09-25")),
            ("11-29-2024, 09:03 AM", Some("2024-11-29")),
            ("29-11-2024", Some("2024-11-29")),
            ("call 555-12-2024", None),
            ("2016-02-30", None),
            ("yesterday", None),
            ("12345", None),
        ];
        for (input, want) in cases {
            assert_eq!(iso_date(input).as_deref(), *want, "{input}");
        }
    }

    #[test]
    fn script_dates() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                r#"{"post":{"updatedAt":"2025-11-02T10:00:00Z","publishedAt":"2025-10-20T13:08:55-07:00"}}"#,
                Some(("2025-10-20", "publishedAt")),
            ),
            (
                r#"x = "{\"datePublished\":\"2021-02-16\"}""#,
                Some(("2021-02-16", "datePublished")),
            ),
            (
                r#"{&quot;dateModified&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}"#,
                Some(("2025-11-17", "dateModified")),
            ),
            (r#"{"publishedAt":"2025-13-40"}"#, None),
            (r#"{"date":"2025-10-20"}"#, None),
        ];
        for (input, want) in cases {
            let got = date_in_scripts(std::iter::once(*input));
            assert_eq!(
                got.as_ref().map(|(d, k)| (d.as_str(), *k)),
                *want,
                "{input}"
            );
        }
    }

    #[test]
    fn short_date_texts() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Tue Aug 27, 2019 1:47 am", Some("2019-08-27")),
            ("2025-11-01 15:14:37", Some("2025-11-01")),
            ("2022-11-23T08:10+02:00", Some("2022-11-23")),
            ("2022-11-234", None),
            ("Essay - Published: 2025.12.17 | ai", Some("2025-12-17")),
            ("Posted 2025/12/17", Some("2025-12-17")),
            ("version 2025.13.17", None),
            ("by ann » Published On: 15 August 2025", Some("2025-08-15")),
            (
                "In 2019 the council voted on the plan, and on May 3, 2019 it passed.",
                None,
            ),
            ("no date here", None),
        ];
        for (input, want) in cases {
            assert_eq!(short_date_text(input).as_deref(), *want, "{input}");
        }
    }

    #[test]
    fn url_dates() {
        let cases: &[(&str, Option<&str>)] = &[
            ("https://x.com/a/2016/03/16/story.html", Some("2016-03-16")),
            ("https://x.com/news/2016-3-16-story", Some("2016-03-16")),
            ("https://x.com/a/2016/13/16/story.html", None),
            ("https://x.com/a/12345678/story", None),
            (
                "https://x.com/blog/2023/october/03/story",
                Some("2023-10-03"),
            ),
            ("https://x.com/blog/2023/Oct/3/story", Some("2023-10-03")),
            ("https://x.com/blog/2023/octopus/3/story", None),
        ];
        for (input, want) in cases {
            assert_eq!(date_from_url(input).as_deref(), *want, "{input}");
        }
    }
}
