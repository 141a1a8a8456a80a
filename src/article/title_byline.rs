//! Cleaning the title and byline strings a page gives: a site name cut from a title,
//! "By" and roles cut from a byline, and whether a byline names an organisation.

/// Cuts a site name from a title: "Story | Site", "Story - Site", "Site: Story".
/// A `|`-style separator is cut when the tail is short; a dash only when the tail is
/// the site name or the head is the page's `<h1>` (dashes occur inside headlines).
pub fn clean_title(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let mut t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(h) = h1 {
        // Byte-slice only at a char boundary of `t`: case folding can change lengths.
        if let (Some(head), Some(rest)) = (t.get(..h.len()), t.get(h.len()..)) {
            let rest = rest.trim_start();
            if !rest.is_empty()
                && head.to_lowercase() == h.to_lowercase()
                && rest.starts_with(['|', '-', '\u{2013}', '\u{2014}', ':', '\u{b7}', '\u{bb}'])
            {
                return h.to_string();
            }
        }
    }
    let site_l = site.map(str::to_lowercase);
    let matches_site = |part: &str| {
        let p = part.trim().to_lowercase();
        site_l
            .as_deref()
            .is_some_and(|s| !s.is_empty() && (p.contains(s) || s.contains(p.as_str())))
    };
    'outer: loop {
        for sep in [
            " | ",
            " :: ",
            " \u{bb} ",
            " \u{ab} ",
            " \u{b7} ",
            " - ",
            " \u{2013} ",
            " \u{2014} ",
        ] {
            if let Some(pos) = t.rfind(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                let strong = !matches!(sep, " - " | " \u{2013} " | " \u{2014} ");
                let short_tail =
                    tail.split_whitespace().count() <= 6 && head.split_whitespace().count() >= 2;
                if matches_site(tail) || (strong && short_tail) {
                    t = head.trim().to_string();
                    continue 'outer;
                }
            }
        }
        // "Site: Story" / "Site | Story".
        for sep in [" | ", ": "] {
            if let Some(pos) = t.find(sep) {
                if matches_site(&t[..pos]) {
                    t = t[pos + sep.len()..].trim().to_string();
                    continue 'outer;
                }
            }
        }
        break;
    }
    t
}

/// Removes "By", roles ("Staff Writer") and trailing dates from a byline; returns the
/// byline and the author names in it.
pub fn clean_byline(raw: &str) -> (String, Vec<String>) {
    let mut s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for prefix in [
        "written by ",
        "posted by ",
        "reported by ",
        "reporting by ",
        "story by ",
        "by: ",
        "by ",
    ] {
        if s.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        {
            s = s[prefix.len()..].to_string();
            break;
        }
    }
    // "Name | March 3, 2016" / "Name - Updated ...".
    for sep in [" | ", " \u{2022} ", " - ", " \u{2013} ", " \u{2014} "] {
        if let Some(pos) = s.find(sep) {
            s.truncate(pos);
        }
    }
    const ROLES: &[&str] = &[
        "writer",
        "correspondent",
        "reporter",
        "editor",
        "staff",
        "contributor",
        "bureau",
        "chief",
        "columnist",
        "photographer",
        "producer",
    ];
    let mut authors = Vec::new();
    let mut kept = Vec::new();
    for part in s.split(", ") {
        let lower = part.to_lowercase();
        let is_role = lower.split_whitespace().any(|w| ROLES.contains(&w))
            || part.chars().next().is_some_and(|c| c.is_lowercase());
        if is_role && !kept.is_empty() {
            continue;
        }
        kept.push(part.to_string());
        for name in part.split(" and ").flat_map(|p| p.split(" & ")) {
            let name = name.trim().trim_end_matches([',', '.', ';']);
            if !name.is_empty() && !authors.iter().any(|a| a == name) {
                authors.push(name.to_string());
            }
        }
    }
    let byline = kept
        .join(", ")
        .trim()
        .trim_end_matches([',', ';'])
        .to_string();
    (byline, authors)
}

/// A byline naming an organisation rather than a person ("VOA News", "Reuters").
pub(super) fn is_organisation(byline: &str) -> bool {
    const ORG_WORDS: &[&str] = &[
        "news",
        "press",
        "agency",
        "staff",
        "reuters",
        "afp",
        "ap",
        "associated",
        "wire",
        "desk",
        "times",
        "post",
        "service",
        "bureau",
        "voa",
        "bbc",
    ];
    byline.split_whitespace().any(|w| {
        ORG_WORDS.contains(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        let cases: &[(&str, Option<&str>, Option<&str>, &str)] = &[
            (
                "Kerry to Meet Putin | Voice of America - English",
                None,
                None,
                "Kerry to Meet Putin",
            ),
            (
                "FILE - Old photo of a dam - Daily Bugle",
                Some("Daily Bugle"),
                None,
                "FILE - Old photo of a dam",
            ),
            (
                "Council votes - a report",
                None,
                None,
                "Council votes - a report",
            ),
            (
                "Council votes - Herald",
                None,
                Some("Council votes"),
                "Council votes",
            ),
            (
                "Herald: Council votes on budget",
                Some("The Herald"),
                None,
                "Council votes on budget",
            ),
            ("Big Story | Section | Site", None, None, "Big Story"),
        ];
        for (input, site, h1, want) in cases {
            assert_eq!(clean_title(input, *site, *h1), *want, "{input}");
        }
    }

    #[test]
    fn bylines() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("By VOA News", "VOA News", &["VOA News"]),
            (
                "By Jane Doe and John Roe",
                "Jane Doe and John Roe",
                &["Jane Doe", "John Roe"],
            ),
            ("Jane Doe, Staff Writer", "Jane Doe", &["Jane Doe"]),
            ("by Ana Lima | March 3, 2016", "Ana Lima", &["Ana Lima"]),
            ("Renée Faßbender", "Renée Faßbender", &["Renée Faßbender"]),
            (
                "Jane Doe, John Roe",
                "Jane Doe, John Roe",
                &["Jane Doe", "John Roe"],
            ),
        ];
        for (input, byline, authors) in cases {
            let (b, a) = clean_byline(input);
            assert_eq!(
                (b.as_str(), a.iter().map(String::as_str).collect::<Vec<_>>()),
                (*byline, authors.to_vec()),
                "{input}"
            );
        }
    }
}
