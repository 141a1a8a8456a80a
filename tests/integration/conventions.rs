//! The `ontonotes` span convention against `plain`, one table row per rule (texts
//! written for the project): each row gives the text, and the mention spans (with
//! their type) that each convention must yield.

use newsfacts::input::Document;
use newsfacts::record::EntityType;
use newsfacts::{Convention, Extractor, ExtractorConfig};
use std::sync::OnceLock;

fn extractor(convention: Convention) -> &'static Extractor {
    static PLAIN: OnceLock<Extractor> = OnceLock::new();
    static ONTO: OnceLock<Extractor> = OnceLock::new();
    let cell = match convention {
        Convention::Plain => &PLAIN,
        Convention::Ontonotes => &ONTO,
    };
    cell.get_or_init(|| {
        let mut config = ExtractorConfig::default();
        config.convention = convention;
        config.reference_date = chrono::NaiveDate::from_ymd_opt(2020, 5, 5);
        Extractor::new(config).unwrap()
    })
}

/// (text, type, span under `plain`, span under `ontonotes`); `""` means no such mention.
const CASES: &[(&str, &str, &str, &str)] = &[
    // A multi-word organisation takes its "the".
    (
        "He sued the Brantley Tool Corp. last year.",
        "ORG",
        "Brantley Tool Corp.",
        "the Brantley Tool Corp.",
    ),
    // A multi-word name takes its possessive; a one-word name does not.
    (
        "Profits at Brantley Tool Corp.'s plant fell.",
        "ORG",
        "Brantley Tool Corp.",
        "Brantley Tool Corp.'s",
    ),
    ("The plan is Merkel's own.", "PERSON", "Merkel", "Merkel"),
    // A hyphened name is several words there.
    (
        "Profits at Brantley-Voss's plant fell, Brantley-Voss Corp. said.",
        "ORG",
        "Brantley-Voss",
        "Brantley-Voss's",
    ),
    // A sentence's full stop after an abbreviation is not part of the name there.
    (
        "The shares were sold to Brantley Tool Inc.\nNothing else changed.",
        "ORG",
        "Brantley Tool Inc.",
        "Brantley Tool Inc",
    ),
    // A day and its part are two dates there.
    (
        "They met on Monday morning.",
        "DATE",
        "Monday morning",
        "Monday",
    ),
    ("They met on Monday morning.", "DATE", "", "morning"),
    // The department inside a role is an organisation there, before or after it.
    (
        "Later, Energy Secretary Paula Brandt visited the plant.",
        "ORG",
        "",
        "Energy",
    ),
    (
        "The Minister of Agriculture Tomas Ruiz spoke first.",
        "ORG",
        "",
        "Agriculture",
    ),
    // A name that modifies a noun leaves its "the" to the noun.
    (
        "She paid with the Brantley Tool Corp. voucher.",
        "ORG",
        "Brantley Tool Corp.",
        "Brantley Tool Corp.",
    ),
    // Bare references are no dates there; those built on a calendar unit are.
    ("Prices are high now.", "DATE", "now", ""),
    (
        "Prices rose in recent years.",
        "DATE",
        "recent years",
        "recent years",
    ),
    // A date takes its frame there, and a date "of" a date is one.
    (
        "Sales rose in the next month.",
        "DATE",
        "next month",
        "the next month",
    ),
    (
        "Profit fell from the same period last year.",
        "DATE",
        "last year",
        "the same period last year",
    ),
    (
        "Net income for the fiscal year ended June 30 rose.",
        "DATE",
        "June 30",
        "the fiscal year ended June 30",
    ),
    (
        "Sales in the first 10 days of October rose.",
        "DATE",
        "the first 10 days",
        "the first 10 days of October",
    ),
    (
        "Sales in the first nine months of the year rose.",
        "DATE",
        "the first nine months",
        "the first nine months of the year",
    ),
    // "The day" the text is about is a date there; not one that more words make.
    (
        "Stocks held steady throughout the day.",
        "DATE",
        "",
        "the day",
    ),
    (
        "Prices rose earlier in the day.",
        "DATE",
        "",
        "earlier in the day",
    ),
    // A range of calendar dates is one date there; "and" joins a range only after
    // "between".
    (
        "The plant ran from 1961 to 1974.",
        "DATE",
        "1961",
        "1961 to 1974",
    ),
    (
        "The fair runs Sept. 14 - 16 in Tulsa.",
        "DATE",
        "Sept. 14",
        "Sept. 14 - 16",
    ),
    (
        "Output doubled between 1983 and 1991.",
        "DATE",
        "1983",
        "between 1983 and 1991",
    ),
    ("Output fell in 1983 and 1991.", "DATE", "1983", "1983"),
    // A person's age after the name is a date there.
    ("Paula Brandt, 58, was named chairman.", "DATE", "", "58"),
    // A province's name takes its lower-case "province" there.
    (
        "Floods hit Jiangsu province on Monday.",
        "PLACE",
        "Jiangsu",
        "Jiangsu province",
    ),
    // A region or work that is no settlement takes its "the" there; a city does not.
    (
        "Oil from the Middle East reached the Rust Belt.",
        "PLACE",
        "Middle East",
        "the Middle East",
    ),
    // A unit counted by an ordinal is a date there.
    (
        "Orders at the mill fell for the fifth consecutive month in October.",
        "DATE",
        "",
        "the fifth consecutive month",
    ),
    (
        "Sales at Brantley rose for the third year in a row.",
        "DATE",
        "",
        "the third year in a row",
    ),
    (
        "The strike at the Voss plant is in its 12th day.",
        "DATE",
        "",
        "its 12th day",
    ),
    // The period of a rate is a date there.
    (
        "Brantley Tool raised its quarterly dividend to 12 cents.",
        "DATE",
        "",
        "quarterly",
    ),
    (
        "Retail sales rose 0.4%, seasonally adjusted, the Voss Institute said.",
        "DATE",
        "",
        "seasonally",
    ),
    // A unit pointing back to a time already named is a date there.
    (
        "The mill closed in 1998. Voss sold the land later that year.",
        "DATE",
        "",
        "later that year",
    ),
    (
        "Brantley filed its appeal on the same day.",
        "DATE",
        "",
        "the same day",
    ),
    (
        "The mill closed in 1998. In March of that year, Voss sold the land.",
        "DATE",
        "March",
        "March of that year",
    ),
    // An open end after a figure ("or more", "or so") is left out there.
    (
        "Voss Freight will review any bid for 15% or more of its shares.",
        "FIGURE",
        "15% or more",
        "15%",
    ),
    (
        "A crowd of 40 or so pickets stood at the gate of the Brantley mill.",
        "FIGURE",
        "40 or so",
        "40",
    ),
    // "Wall Street" for the financial industry is unannotated there.
    (
        "Wall Street cheered the rate cut, and Wall Street's banks rallied.",
        "PLACE",
        "Wall Street",
        "",
    ),
];

fn spans(convention: Convention, text: &str, kind: EntityType) -> Vec<String> {
    extractor(convention)
        .extract(&Document::text("t", text))
        .mentions
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| m.text.clone())
        .collect()
}

#[test]
fn convention_cases() {
    let mut failures = Vec::new();
    for &(text, kind, plain, onto) in CASES {
        let kind = EntityType::parse(kind).unwrap();
        for (convention, want) in [(Convention::Plain, plain), (Convention::Ontonotes, onto)] {
            let got = spans(convention, text, kind);
            let ok = if want.is_empty() {
                // The row says which span must be absent under this convention: the
                // other convention's.
                let other = if want == plain { onto } else { plain };
                !got.iter().any(|g| g == other)
            } else {
                got.iter().any(|g| g == want)
            };
            if !ok {
                failures.push(format!(
                    "{text:?} {convention:?}: want {kind} {want:?}, got {got:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
