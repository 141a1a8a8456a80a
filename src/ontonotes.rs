//! The OntoNotes span conventions (`--convention ontonotes`): where OntoNotes draws a
//! name's or a date's edges differently from plain output, the mentions are adjusted
//! after resolution, so the recognisers keep one notion of a name.

use crate::recognize::{self, Detail};
use crate::record::EntityType;
use crate::resolve;

/// The OntoNotes conventions: a name ending a sentence with an abbreviation leaves the full stop
/// out; a name of several words takes its possessive "'s"; a multi-word organisation or
/// non-settlement place takes the "the" written before it; bare references to the present, past or
/// future ("now", "recently", TIMEX3 `*_REF`) are not dates, but "recent years" is; a range of
/// calendar dates is one date; a person's age after the name is a date; a unit counted by an
/// ordinal ("the sixth consecutive month") is a date, and so is the period of a rate ("quarterly",
/// "seasonally adjusted") and a unit pointing back ("that day"); a figure leaves out the open end
/// written after it ("15% or more").
pub(crate) fn spans(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    // Bare references ("now", "recently") are not dates there; a reference built on a
    // calendar unit ("recent years", "these days") is.
    let calendar = |s: &str| {
        s.split(|c: char| !c.is_alphabetic()).any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "days" | "weeks" | "months" | "years" | "decades" | "centuries"
            )
        })
    };
    mentions.retain(|m| {
        !matches!(&m.detail, Detail::Date(d)
            if d.value.ends_with("_REF") && !calendar(&text[m.start..m.end]))
    });
    // Before the frames, which join "January of that year" into one date.
    anaphoric_units(text, mentions);
    frame_dates(text, mentions);
    ranges(text, mentions);
    ages(text, mentions);
    // "Overnight" is an adverb there more often than a time.
    mentions.retain(|m| {
        !(m.kind == EntityType::Date && text[m.start..m.end].eq_ignore_ascii_case("overnight"))
    });
    day_and_year(text, mentions);
    ordinal_units(text, mentions);
    rate_periods(text, mentions);
    // "Wall Street" for the financial industry is a metonym OntoNotes leaves
    // unannotated (it marks the street or the firms only where the text names
    // them as such, which the words alone do not tell).
    mentions.retain(|m| {
        !(m.kind == EntityType::Place && {
            let t = &text[m.start..m.end];
            let t = t.strip_suffix("'s").unwrap_or(t);
            t == "Wall Street"
        })
    });
    day_parts(text, mentions);
    open_ends(text, mentions);
    for m in mentions.iter_mut() {
        // Its tokenisation splits a sentence's full stop from an abbreviation that
        // ends the sentence ("... Inc." -> "Inc" + "."): the name stops before it.
        let line_end = text[m.end..].is_empty() || text[m.end..].starts_with('\n');
        let is_name = matches!(
            m.kind,
            EntityType::Person | EntityType::Place | EntityType::Org
        );
        if is_name && line_end && text[m.start..m.end].ends_with('.') && m.end - m.start > 1 {
            m.end -= 1;
        }
        // A Chinese province's name takes the lower-case "province" after it
        // ("Jiangsu province"), as the capitalised "Shanxi Province" is one name.
        if m.kind == EntityType::Place
            && text[m.end..].starts_with(" province")
            && crate::text::is_word_end(text, m.end + " province".len())
        {
            m.end += " province".len();
        }
        let name = &text[m.start..m.end];
        let multiword = name.contains(' ');
        // A name of several words takes its possessive ("Sony Corp.'s", "Hong
        // Kong's"), as does a hyphened one, which is several tokens there
        // ("Coca-Cola's"); a one-word name does not ("Sony's" -> "Sony").
        if multiword || name.contains('-') {
            let rest = &text[m.end..];
            if let Some(s) = ["'s", "’s"].iter().find(|s| rest.starts_with(**s)) {
                if crate::text::is_word_end(text, m.end + s.len()) {
                    m.end += s.len();
                }
            }
        }
        // Places: facilities and locations ("the Gaza Strip", "the Oval Office") and
        // multi-word countries ("the United States"), not cities or states.
        let last = name.rsplit(' ').next().unwrap_or("");
        let place_like = m.how.ends_with(":countries")
            || m.how == "rule:place-head"
            || recognize::names::PLACE_HEADS.contains(&last)
            || matches!(
                last,
                "Strip"
                    | "Bank"
                    | "Office"
                    | "House"
                    | "Union"
                    | "Republic"
                    | "Territory"
                    | "Territories"
                    // Regions, landforms and works that are no settlement ("the
                    // Middle East", "the Rust Belt", "the Berlin Wall").
                    | "East"
                    | "Northwest"
                    | "Southwest"
                    | "Northeast"
                    | "Southeast"
                    | "Belt"
                    | "Zone"
                    | "Basin"
                    | "Plateau"
                    | "Plains"
                    | "Field"
                    | "Wall"
                    | "Railway"
                    | "Speedway"
                    | "Empire"
            );
        let wants =
            multiword && (m.kind == EntityType::Org || (m.kind == EntityType::Place && place_like));
        // A name that modifies a noun ("the Dow Jones industrials", "the American
        // Express card") leaves the article to that noun.
        let spanned = &text[m.start..m.end];
        let possessive = spanned.ends_with("'s") || spanned.ends_with("’s");
        let modifier = !possessive && before_noun(&text[m.end..]);
        if wants && !modifier && m.start >= 4 {
            let before = &text[..m.start];
            if (before.ends_with("the ") || before.ends_with("The "))
                && crate::text::is_word_start(text, m.start - 4)
            {
                m.start -= 4;
            }
        }
    }
}

/// Dates there take the phrase that frames them: "the next month", "the same period
/// last year", "the year ended June 30", and a date "of" another date is one date
/// ("the first nine months of 1989", "the first half of the year").
fn frame_dates(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    static FRAME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\bthe (?:same (?:period|quarter|month|week|time|day)|(?:fiscal )?(?:(?:first |second |third |fourth )?(?:year|quarter|half|period)|(?:\w+ )?(?:months|weeks)) end(?:ed|ing)(?: in)?) $",
        )
        .unwrap()
    });
    const OF_TAILS: &[&str] = &[
        " of the year",
        " of this year",
        " of last year",
        " of next year",
        " of the month",
        " of each month",
        " of each year",
        " of the week",
        " of the century",
    ];
    let mut i = 0;
    while i < mentions.len() {
        if mentions[i].kind != EntityType::Date {
            i += 1;
            continue;
        }
        let end = mentions[i].end;
        // A date "of" the date after it.
        if let Some(j) = (i + 1..mentions.len()).find(|&j| mentions[j].start >= end) {
            if mentions[j].kind == EntityType::Date
                && &text[end..mentions[j].start] == " of "
                && joins_of(
                    &text[mentions[i].start..end],
                    &text[mentions[j].start..mentions[j].end],
                )
            {
                mentions[i].end = mentions[j].end;
                mentions.remove(j);
                continue;
            }
        }
        let rest = &text[end..];
        if let Some(tail) = OF_TAILS
            .iter()
            .find(|t| rest.starts_with(**t) && crate::text::is_word_end(text, end + t.len()))
        {
            mentions[i].end += tail.len();
        }
        let start = mentions[i].start;
        let mut from = start.saturating_sub(60);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = &text[from..start];
        let own = &text[start..mentions[i].end];
        if let Some(m) = FRAME.find(before) {
            mentions[i].start = from + m.start();
        } else if (before.ends_with("the ") || before.ends_with("The "))
            && (own.starts_with("next ") || own.starts_with("last "))
            && crate::text::is_word_start(text, start - 4)
        {
            mentions[i].start -= 4;
        }
        i += 1;
    }
    // A frame or a join may now cover mentions of its own words ("the three months"
    // in "the three months ended in September").
    let dates: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| m.kind == EntityType::Date)
        .map(|m| (m.start, m.end))
        .collect();
    mentions.retain(|m| {
        !dates
            .iter()
            .any(|&(s, e)| s <= m.start && m.end <= e && (s, e) != (m.start, m.end))
    });
}

/// A range of calendar dates is one date there ("1953 to 1955", "June 3 - 4",
/// "between 1994 and 2004"), where TimeBank has one for each end. "X and Y" is a
/// range only after "between"; otherwise the two are a list and stay two.
fn ranges(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    const SEPARATORS: &[&str] = &[" to ", " through ", " until ", " till ", " - ", " – "];
    // Years, decades, months and days of a month, not weekdays, clock times or
    // durations ("Monday to Friday" is two dates there as often as one).
    let calendar = |m: &resolve::ResolvedMention| {
        m.kind == EntityType::Date
            && matches!(
                m.how.as_str(),
                "rule:year"
                    | "rule:decade"
                    | "rule:month"
                    | "rule:month-day"
                    | "rule:month-year"
                    | "rule:month-day-year"
                    | "rule:day-month"
                    | "rule:day-month-year"
            )
    };
    let mut i = 0;
    while i < mentions.len() {
        if !calendar(&mentions[i]) {
            i += 1;
            continue;
        }
        let (start, end) = (mentions[i].start, mentions[i].end);
        let rest = &text[end..];
        let between = ["between ", "Between "].iter().find(|b| {
            text[..start].ends_with(**b) && crate::text::is_word_start(text, start - b.len())
        });
        let sep = match between {
            Some(_) if rest.starts_with(" and ") => Some(" and "),
            _ => SEPARATORS.iter().copied().find(|s| rest.starts_with(*s)),
        };
        let Some(sep) = sep else {
            i += 1;
            continue;
        };
        let at = end + sep.len();
        let next = (i + 1..mentions.len()).find(|&j| mentions[j].start >= end);
        let to = match next {
            Some(j) if mentions[j].start == at && calendar(&mentions[j]) => Some(mentions[j].end),
            // The second end written as a bare number: a day after a day of a month
            // ("Dec. 2 - 3"), a year or its last two digits after a year ("1983 - 85").
            _ => range_end(text, at, &mentions[i].how),
        };
        let Some(mut to) = to else {
            i += 1;
            continue;
        };
        // "August 5th to 9th, 1995": the year after the second end is the range's.
        if let Some(y) = text[to..].strip_prefix(", ") {
            let digits = y.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 4 && crate::text::is_word_end(text, to + 2 + digits) {
                to += 2 + digits;
            }
        }
        let m = &mut mentions[i];
        m.start -= between.map_or(0, |b| b.len());
        m.end = to;
        let (s, e) = (m.start, m.end);
        let mut k = 0;
        mentions.retain(|m| {
            k += 1;
            k - 1 == i || m.end <= s || e <= m.start
        });
        i = mentions
            .iter()
            .position(|m| (m.start, m.end, m.kind) == (s, e, EntityType::Date))
            .map_or(i, |p| p + 1);
    }
}

/// The end of a range's second end written as a bare number at `at`, after a date
/// made by rule `how`: a day of a month after a month and day, a year (four digits or
/// the last two) after a year.
fn range_end(text: &str, at: usize, how: &str) -> Option<usize> {
    let rest = &text[at..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let n: u32 = rest[..digits].parse().ok()?;
    let end = if matches!(how, "rule:month-day" | "rule:day-month") {
        let suffix = ["st", "nd", "rd", "th"]
            .iter()
            .find(|s| rest[digits..].starts_with(**s))
            .map_or(0, |s| s.len());
        (digits <= 2 && (1..=31).contains(&n)).then_some(at + digits + suffix)?
    } else if how == "rule:year" {
        (digits == 2 || digits == 4 && (1000..2100).contains(&n)).then_some(at + digits)?
    } else {
        return None;
    };
    // Not a figure that goes on ("1991 to 75%", "June 3 - 4.5").
    let after = &text[end..];
    let goes_on = after.starts_with('%')
        || after.starts_with(['.', ',', '-'])
            && after[1..].starts_with(|c: char| c.is_ascii_digit());
    (crate::text::is_word_end(text, end) && !goes_on).then_some(end)
}

/// A person's age written after the name ("Jack Deane, 63, chairman of ...") is a
/// date there (OntoNotes marks ages as DATE); TimeBank leaves ages out.
fn ages(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    let mut found = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == EntityType::Person) {
        let Some(rest) = text[m.end..].strip_prefix(", ") else {
            continue;
        };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = &rest[digits..];
        let closes = after.starts_with([',', ';', ')', '\n'])
            || after.is_empty()
            || after.starts_with('.') && !after[1..].starts_with(|c: char| c.is_ascii_digit());
        if digits == 2 && closes {
            let start = m.end + 2;
            found.push((start, start + digits));
        }
    }
    if found.is_empty() {
        return;
    }
    // The number is no figure there.
    mentions.retain(|m| !found.iter().any(|&(s, e)| m.start < e && s < m.end));
    mentions.extend(found.into_iter().map(|(start, end)| {
        let value = format!("P{}Y", &text[start..end]);
        let date = date_info(crate::record::TimexType::Duration, value);
        added((start, end), EntityType::Date, "convention:age", date)
    }));
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// "The day" and "the year" the text is about are dates there ("much of the day",
/// "the biggest decline of the year", "earlier in the day"), with a value nobody knows
/// from the words alone; not a rate ("by the day"), nor where more words make the date
/// ("the day before", "the year ended June 30", "the year-earlier period").
fn day_and_year(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    const DAY_GOES_ON: &[&str] = &[" before", " of", " when", " in which", " to"];
    const YEAR_GOES_ON: &[&str] = &[
        " before",
        " after",
        " earlier",
        " ago",
        " ended",
        " ending",
        " of",
        " when",
        " that",
        " in which",
        " to",
    ];
    const EARLY: &[&str] = &["early in ", "earlier in ", "later in ", "late in "];
    let mut found = Vec::new();
    for (phrase, value, goes_on) in [
        ("the day", "XXXX-XX-XX", DAY_GOES_ON),
        ("The day", "XXXX-XX-XX", DAY_GOES_ON),
        ("the year", "XXXX", YEAR_GOES_ON),
        ("The year", "XXXX", YEAR_GOES_ON),
    ] {
        for (at, _) in text.match_indices(phrase) {
            let end = at + phrase.len();
            let rest = &text[end..];
            let before = &text[..at];
            if !crate::text::is_word_start(text, at)
                || !crate::text::is_word_end(text, end)
                || rest.starts_with(['-', '\'', '’'])
                || before.ends_with("by ")
                || goes_on
                    .iter()
                    .any(|g| rest.starts_with(g) && crate::text::is_word_end(text, end + g.len()))
                || mentions.iter().any(|m| m.start < end && at < m.end)
            {
                continue;
            }
            let start = EARLY
                .iter()
                .find(|e| before.ends_with(**e) && crate::text::is_word_start(text, at - e.len()))
                .map_or(at, |e| at - e.len());
            let date = date_info(crate::record::TimexType::Date, value.to_string());
            found.push(added(
                (start, end),
                EntityType::Date,
                "convention:day-and-year",
                date,
            ));
        }
    }
    merge_added(mentions, found);
}

/// A calendar unit counted by an ordinal is a date there ("the sixth consecutive
/// month", "the third year in a row", "its 13th day", "a second week"): the unit the
/// text is in, named by its place in a series, with a value nobody knows from the
/// words alone. Not where "of" goes on to say whose unit it is ("the first day of
/// the festival"), nor a hyphened modifier ("the first year-end"); "quarter", "half"
/// and "century" are the recognisers' own.
fn ordinal_units(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    static ORDINAL_UNIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:the|its|a) (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|[0-9]+(?:st|nd|rd|th)) (?:(?:consecutive|straight|successive|full) )?(day|week|month|year|decade)\b(?: in a row\b)?",
        )
        .unwrap()
    });
    let found = unit_dates(text, &ORDINAL_UNIT, "convention:ordinal-unit", |m| {
        // Not before "of" (whose unit it is), nor in a mention reaching outside the
        // phrase, which draws other edges.
        text[m.end()..].starts_with(" of ")
            || mentions.iter().any(|x| {
                x.start < m.end() && m.start() < x.end && (x.start < m.start() || m.end() < x.end)
            })
    });
    mentions.retain(|x| !found.iter().any(|f| f.start <= x.start && x.end <= f.end));
    merge_added(mentions, found);
}

/// The period of a rate is a date there ("quarterly dividends", "a semiannual
/// payment", "at an annualized rate", "seasonally adjusted"), as "annual" and
/// "monthly" are in plain output too; TimeML counts these as rates rather than sets,
/// so plain output leaves them. A capitalised one inside a sentence is part of a
/// title ("the Brantley Quarterly") and stays out.
fn rate_periods(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    static RATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(quarterly|semi-?annual(?:ly)?|bi-?annual(?:ly)?|annuali[sz]ed|seasonally)\b",
        )
        .unwrap()
    });
    let mut found = Vec::new();
    for m in RATE.find_iter(text) {
        let word = m.as_str();
        let before = text[..m.start()].trim_end();
        let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', '"', ':']);
        if (word.starts_with(char::is_uppercase) && !sentence_start)
            || text[m.end()..].starts_with('-')
            || mentions
                .iter()
                .any(|x| x.start < m.end() && m.start() < x.end)
        {
            continue;
        }
        let lower = word.to_ascii_lowercase();
        let value = if lower.starts_with("quarterly") || lower.starts_with("seasonally") {
            "P3M"
        } else if lower.starts_with("annuali") {
            "P1Y"
        } else {
            "P6M"
        };
        let date = date_info(crate::record::TimexType::Set, value.to_string());
        found.push(added(
            (m.start(), m.end()),
            EntityType::Date,
            "convention:rate-period",
            date,
        ));
    }
    merge_added(mentions, found);
}

/// A calendar unit pointing back to a time already named is a date there ("that
/// day", "that year", "the same day", "later that night"), with a value the words
/// alone do not give; "that time" and "the same time" are not (OntoNotes rarely marks
/// them), nor a hyphened modifier ("that day-care centre").
fn anaphoric_units(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    static ANAPHORIC: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:(?:later|earlier|early|late) )?(?:that|the same) (day|week|month|year|night)\b",
        )
        .unwrap()
    });
    let found = unit_dates(text, &ANAPHORIC, "convention:anaphoric-unit", |m| {
        mentions
            .iter()
            .any(|x| x.start < m.end() && m.start() < x.end)
    });
    merge_added(mentions, found);
}

/// A day and its part are two annotations there (DATE "Monday", TIME "morning").
fn day_parts(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    let mut parts = Vec::new();
    for m in mentions.iter_mut() {
        if m.kind != EntityType::Date {
            continue;
        }
        let t = &text[m.start..m.end];
        let Some((day, part)) = t.split_once(' ') else {
            continue;
        };
        let day_like = matches!(
            day.to_ascii_lowercase().as_str(),
            "yesterday"
                | "today"
                | "tomorrow"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        );
        if day_like && matches!(part, "morning" | "afternoon" | "evening" | "night") {
            let mut second = m.clone();
            second.start = m.start + day.len() + 1;
            m.end = m.start + day.len();
            parts.push(second);
        }
    }
    merge_added(mentions, parts);
}

/// A figure's open end written after it ("15% or more", "40 or so", "$1 million or
/// less") is left out there: OntoNotes spans the number and leaves the "or more" that
/// bounds it to the text, where a qualifier before the number ("more than 40", "about
/// 40") is in the span. Plain output keeps the tail, which says what the number is.
fn open_ends(text: &str, mentions: &mut [resolve::ResolvedMention]) {
    for m in mentions.iter_mut().filter(|m| m.kind == EntityType::Figure) {
        let Some((head, tail)) = text[m.start..m.end].rsplit_once(" or ") else {
            continue;
        };
        let open = matches!(
            tail.to_ascii_lowercase().as_str(),
            "more" | "so" | "less" | "fewer"
        );
        if open && !head.trim_end().is_empty() {
            m.end = m.start + head.trim_end().len();
        }
    }
}

/// Adds the mentions a convention rule found, keeping the list in text order.
fn merge_added(mentions: &mut Vec<resolve::ResolvedMention>, found: Vec<resolve::ResolvedMention>) {
    if !found.is_empty() {
        mentions.extend(found);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// The dates of the calendar units `re` finds (the unit is its first group), as rule
/// `how`: not a hyphened or possessive modifier ("the first year-end", "that day-care
/// centre"), nor a match `skip` leaves out.
fn unit_dates(
    text: &str,
    re: &regex::Regex,
    how: &'static str,
    skip: impl Fn(regex::Match) -> bool,
) -> Vec<resolve::ResolvedMention> {
    let mut found = Vec::new();
    for c in re.captures_iter(text) {
        let (Some(m), Some(unit)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if text[m.end()..].starts_with(['-', '\'', '’']) || skip(m) {
            continue;
        }
        let date = date_info(
            crate::record::TimexType::Date,
            unit_value(unit.as_str()).into(),
        );
        found.push(added((m.start(), m.end()), EntityType::Date, how, date));
    }
    found
}

/// The TIMEX3 value of one calendar unit the words do not place ("the sixth
/// consecutive month", "that night").
fn unit_value(unit: &str) -> &'static str {
    match unit.to_ascii_lowercase().as_str() {
        "week" => "XXXX-WXX",
        "month" => "XXXX-XX",
        "year" => "XXXX",
        "decade" => "XXX",
        "night" => "XXXX-XX-XXTNI",
        _ => "XXXX-XX-XX",
    }
}

/// Whether date `first` "of" date `second` is one date there: not a stretch of
/// minutes or hours of a day ("the first 25 minutes of Tuesday"), not a weekday "of"
/// its week or year ("Black Monday of 1987"), and not a frequency after "of" ("19
/// hours of daily broadcasts").
fn joins_of(first: &str, second: &str) -> bool {
    let last = first.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    let short = matches!(
        last.as_str(),
        "minutes" | "hours" | "seconds" | "morning" | "afternoon" | "evening" | "night"
    );
    let weekday = last.ends_with("day") && !matches!(last.as_str(), "day" | "today");
    !short && !weekday && !second.starts_with("daily")
}

/// Whether the word after a name (in `rest`) is a lower-case common noun the name
/// modifies rather than a verb or a function word: OntoNotes then leaves "the" out of
/// the name. Regular verb forms (-ed, -s, -ing), adverbs (-ly) and the frequent
/// irregular past forms count as verbs.
fn before_noun(rest: &str) -> bool {
    let Some(word) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = word
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .next()
        .unwrap_or("");
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    // Function words, auxiliaries, adverbs and irregular past forms.
    const NOT_NOUNS: &str =
        "a after again alone along already also an and are as at be because been before \
        began being bought brought but by came can could did do does even felt for found \
        from gave got had has have heard held her here his in instead into is it its \
        itself just kept knew last led left lost made may meant might must near never \
        not now of on only or our over paid put ran said saw seem sent set shall should \
        since so sold still than that the their then there these this those thought to \
        today told tomorrow too took taken under up upon was were when where which while \
        who whose will with won would yesterday";
    let verb_like = ["ed", "ly", "s", "ing"].iter().any(|e| word.ends_with(e));
    !verb_like && !NOT_NOUNS.split_whitespace().any(|w| w == word)
}

/// Words that name a government department or ministry when they head a role.
const DEPARTMENT_WORDS: &[&str] = &[
    "Affairs",
    "Agriculture",
    "Army",
    "Commerce",
    "Communications",
    "Culture",
    "Defence",
    "Defense",
    "Development",
    "Economy",
    "Education",
    "Employment",
    "Energy",
    "Environment",
    "Finance",
    "Foreign",
    "Health",
    "Home",
    "Homeland",
    "Housing",
    "Human",
    "Immigration",
    "Industry",
    "Information",
    "Interior",
    "Justice",
    "Labor",
    "Labour",
    "Navy",
    "Security",
    "Services",
    "State",
    "Trade",
    "Transport",
    "Transportation",
    "Treasury",
    "Urban",
    "Veterans",
    "War",
    "Welfare",
];

/// Words of a role a department heads ("Treasury Secretary", "Secretary of State").
const DEPARTMENT_ROLES: &[&str] = &[
    "Minister",
    "Ministers",
    "Secretary",
    "Secretaries",
    "Undersecretary",
];

/// The OntoNotes convention marks the department inside a role as an organisation:
/// "Defense" in "Defense Secretary", "State" in "Secretary of State", "Foreign" in
/// "Foreign Minister". Plain output leaves the role alone: the department is not
/// an organisation a reader looks for there.
pub(crate) fn departments(text: &str, mentions: &mut Vec<resolve::ResolvedMention>) {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for w in text.split(char::is_whitespace) {
        if !w.is_empty() {
            words.push((at, w));
        }
        at += w.len()
            + text[at + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    fn bare(w: &str) -> &str {
        w.trim_end_matches(|c: char| !c.is_alphanumeric())
    }
    let dept = |w: &str| DEPARTMENT_WORDS.contains(&bare(w).trim_end_matches("'s"));
    let mut found = Vec::new();
    for (i, &(_, w)) in words.iter().enumerate() {
        if !DEPARTMENT_ROLES.contains(&w) {
            continue;
        }
        // Before the role: "Treasury Secretary", "Health and Human Services Secretary".
        let mut first = i;
        while first > 0
            && (dept(words[first - 1].1) && words[first - 1].1 == bare(words[first - 1].1)
                || first >= 2 && words[first - 1].1 == "and" && dept(words[first - 2].1))
        {
            first -= 1;
        }
        if first < i {
            let (start, _) = words[first];
            let (s, w) = words[i - 1];
            found.push((start, s + w.len()));
        }
        // After it: "Secretary of State", "Minister of Foreign Affairs"; a "Minister
        // of State" holds a rank, not a department.
        let rank =
            w.starts_with("Minister") && words.get(i + 2).is_some_and(|n| bare(n.1) == "State");
        if rank || words.get(i + 1).map(|w| w.1) != Some("of") {
            continue;
        }
        let mut last = i + 1;
        while let Some(&(_, w)) = words.get(last + 1) {
            let joined = w == "and" && words.get(last + 2).is_some_and(|n| dept(n.1));
            if !(dept(w) || joined) {
                break;
            }
            last += 1;
            if bare(w) != w {
                break;
            }
        }
        if last > i + 1 {
            let (start, _) = words[i + 2];
            let (s, w) = words[last];
            let w = bare(w);
            let w = w.strip_suffix("'s").unwrap_or(w);
            found.push((start, s + w.len()));
        }
    }
    found.retain(|&(s, e)| !mentions.iter().any(|m| m.start < e && s < m.end));
    if found.is_empty() {
        return;
    }
    mentions.extend(
        found
            .into_iter()
            .map(|span| added(span, EntityType::Org, "convention:department", Detail::None)),
    );
    mentions.sort_by_key(|m| (m.start, m.end));
}

/// A mention a convention adds: bytes `span` of the text, of `kind`, found by `how`.
fn added(
    span: (usize, usize),
    kind: EntityType,
    how: &str,
    detail: Detail,
) -> resolve::ResolvedMention {
    resolve::ResolvedMention {
        start: span.0,
        end: span.1,
        kind,
        how: how.to_string(),
        canonical: None,
        entity: None,
        detail,
        subject: None,
    }
}

/// The detail of a date a convention adds.
fn date_info(timex: crate::record::TimexType, value: String) -> Detail {
    Detail::Date(recognize::DateInfo {
        timex,
        value,
        mod_: None,
    })
}
