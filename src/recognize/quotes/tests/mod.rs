//! Quote attribution cases over hand-built mentions, so the cases do not depend on the
//! name recogniser.

use super::*;
use crate::record::Entity;
use crate::resolve::ResolvedMention;

/// Builds a `Resolved` with one mention per (word-bounded) occurrence of each surface
/// form; forms sharing a canonical name are one entity.
pub(super) fn resolved(text: &str, names: &[(&str, EntityType, &str)]) -> Resolved {
    let mut mentions = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    for &(surface, kind, canonical) in names {
        let idx = match entities.iter().position(|e| e.canonical == canonical) {
            Some(i) => i,
            None => {
                entities.push(Entity {
                    forms: vec![surface.to_string()],
                    ..Entity::new(kind, canonical)
                });
                entities.len() - 1
            }
        };
        for (s, _) in text.match_indices(surface) {
            let e = s + surface.len();
            let bounded = crate::text::is_word_start(text, s) && crate::text::is_word_end(text, e);
            let taken = mentions
                .iter()
                .any(|m: &ResolvedMention| m.start < e && s < m.end);
            if bounded && !taken {
                mentions.push(ResolvedMention {
                    start: s,
                    end: e,
                    kind,
                    how: "test".into(),
                    canonical: Some(canonical.to_string()),
                    entity: Some(idx),
                    detail: Default::default(),
                    subject: None,
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.start);
    Resolved { mentions, entities }
}

use EntityType::{Org, Person as P, Place as L};

/// (text, names, expected quotes as (quoted words, speaker)). The speaker is an
/// entity's canonical name, `~words` for `speaker_text`, or `-` for none.
pub(super) type Case<'a> = (
    &'a str,
    &'a [(&'a str, EntityType, &'a str)],
    &'a [(&'a str, &'a str)],
);

const CASES: &[Case] = &[
    // Speaker after the quote.
    (
        "\"We will not back down,\" said Maria Lopez.",
        &[("Maria Lopez", P, "Maria Lopez")],
        &[("We will not back down,", "Maria Lopez")],
    ),
    (
        "\"The talks went well,\" Lopez said on Monday.",
        &[("Lopez", P, "Maria Lopez")],
        &[("The talks went well,", "Maria Lopez")],
    ),
    (
        "Maria Lopez met the envoy. \"It was a good day,\" she said.",
        &[("Maria Lopez", P, "Maria Lopez")],
        &[("It was a good day,", "Maria Lopez")],
    ),
    (
        "\"Prices will rise,\" said the bank's chief economist, who asked not to be named.",
        &[],
        &[("Prices will rise,", "~the bank's chief economist")],
    ),
    (
        "\"We are ready,\" the spokesman told reporters.",
        &[],
        &[("We are ready,", "~the spokesman")],
    ),
    (
        "\u{201c}This is not over,\u{201d} said Tom Baker.",
        &[("Tom Baker", P, "Tom Baker")],
        &[("This is not over,", "Tom Baker")],
    ),
    (
        "\"Nobody expected this,\" Germany's finance ministry said in a statement.",
        &[("Germany", L, "Germany")],
        &[("Nobody expected this,", "Germany")],
    ),
    (
        "\"The strike will go on,\" the union said.",
        &[],
        &[("The strike will go on,", "~the union")],
    ),
    (
        "\"Help is on the way,\" said U.S. Secretary of State Ann Cole.",
        &[("U.S.", L, "United States"), ("Ann Cole", P, "Ann Cole")],
        &[("Help is on the way,", "Ann Cole")],
    ),
    (
        "\"We need more time,\" Acme Corp said.",
        &[("Acme Corp", Org, "Acme Corp")],
        &[("We need more time,", "Acme Corp")],
    ),
    // Pronouns go to the last person in subject position, not the last person named.
    (
        "Ann Cole said she would meet Peter Hall and Jane Wu next week. \"This is a chance we must take,\" she said.",
        &[("Ann Cole", P, "Ann Cole"), ("Peter Hall", P, "Peter Hall"), ("Jane Wu", P, "Jane Wu")],
        &[("This is a chance we must take,", "Ann Cole")],
    ),
    (
        "Peter Hall spoke after Ann Cole left. \"I have nothing to add,\" he said.",
        &[("Ann Cole", P, "Ann Cole"), ("Peter Hall", P, "Peter Hall")],
        &[("I have nothing to add,", "Peter Hall")],
    ),
    // Speaker before the quote.
    (
        "Peter Hall told reporters, \"The bridge will open in May.\"",
        &[("Peter Hall", P, "Peter Hall")],
        &[("The bridge will open in May.", "Peter Hall")],
    ),
    (
        "In Kyiv, deputy mayor Olena Shevchuk told local radio, \"The water is safe. The pipes have been repaired.\"",
        &[("Kyiv", L, "Kyiv"), ("Olena Shevchuk", P, "Olena Shevchuk")],
        &[("The water is safe. The pipes have been repaired.", "Olena Shevchuk")],
    ),
    (
        "Jane Wu said: \"We will publish the report tomorrow.\"",
        &[("Jane Wu", P, "Jane Wu")],
        &[("We will publish the report tomorrow.", "Jane Wu")],
    ),
    (
        "Jane Wu also warned that \"the worst is yet to come.\"",
        &[("Jane Wu", P, "Jane Wu")],
        &[("the worst is yet to come.", "Jane Wu")],
    ),
    (
        "The head of the agency, Karl Berg, said the plan was \"deeply flawed and far too costly.\"",
        &[("Karl Berg", P, "Karl Berg")],
        &[("deeply flawed and far too costly.", "Karl Berg")],
    ),
    (
        "According to Karl Berg, \"the numbers do not add up at all.\"",
        &[("Karl Berg", P, "Karl Berg")],
        &[("the numbers do not add up at all.", "Karl Berg")],
    ),
    // Scare quotes and assessment verbs.
    (
        "The UN envoy, Lars Holm, called the deal a \"major step\" and said he hoped it would hold.",
        &[("UN", Org, "United Nations"), ("Lars Holm", P, "Lars Holm")],
        &[("major step", "Lars Holm")],
    ),
    (
        "The envoy for the region, Lars Holm, called the vote a \"turning point\" and said he hopes it will bring \"an end to the fighting in the north.\"",
        &[("Lars Holm", P, "Lars Holm"), ("Ann Cole", P, "Ann Cole")],
        &[("turning point", "Lars Holm"), ("an end to the fighting in the north.", "Lars Holm")],
    ),
    (
        "Ann Cole spoke first. The envoy, Lars Holm, called it a \"breakthrough\" and said he expects \"more progress before the end of the year.\"",
        &[("Lars Holm", P, "Lars Holm"), ("Ann Cole", P, "Ann Cole")],
        &[("breakthrough", "Lars Holm"), ("more progress before the end of the year.", "Lars Holm")],
    ),
    (
        "The so-called \"peace plan\" was never published.",
        &[],
        &[],
    ),
    (
        "Critics say the \"reform\" is a tax rise in disguise.",
        &[],
        &[],
    ),
    (
        "Officials described the visit as \"very productive\" on Friday.",
        &[],
        &[("very productive", "~Officials")],
    ),
    (
        "Lars Holm called the proposal a \"non-starter\".",
        &[("Lars Holm", P, "Lars Holm")],
        &[("non-starter", "Lars Holm")],
    ),
    (
        "The band played \"Hey Jude\" twice.",
        &[],
        &[],
    ),
    // Coordinated and participle verbs borrow the main subject.
    (
        "Lars Holm praised the deal and said he hoped it would lead to \"a lasting settlement in the region.\"",
        &[("Lars Holm", P, "Lars Holm")],
        &[("a lasting settlement in the region.", "Lars Holm")],
    ),
    (
        "Spain welcomed the decision, with its foreign ministry saying that the vote was \"a victory for common sense and for the rule of law.\"",
        &[("Spain", L, "Spain")],
        &[("a victory for common sense and for the rule of law.", "Spain")],
    ),
    (
        "At the summit in Oslo, the main opposition bloc cautiously welcomed the truce, saying it could end \"years of suffering for ordinary families.\"",
        &[("Oslo", L, "Oslo")],
        &[("years of suffering for ordinary families.", "~the main opposition bloc")],
    ),
    (
        "Acme Corp rejected the offer, saying \"it undervalues the company by a wide margin.\"",
        &[("Acme Corp", Org, "Acme Corp")],
        &[("it undervalues the company by a wide margin.", "Acme Corp")],
    ),
    (
        "Ann Cole left the room, adding \"there is nothing more to discuss today.\"",
        &[("Ann Cole", P, "Ann Cole")],
        &[("there is nothing more to discuss today.", "Ann Cole")],
    ),
    // Split quotes and continuations.
    (
        "\"We tried,\" said Tom Baker, \"but the other side would not listen to us.\"",
        &[("Tom Baker", P, "Tom Baker")],
        &[("We tried,", "Tom Baker"), ("but the other side would not listen to us.", "Tom Baker")],
    ),
    (
        "\"This is a moment to act, not to wait,\" Baker said Tuesday. \"We have the means to end this war now.\"",
        &[("Baker", P, "Tom Baker")],
        &[
            ("This is a moment to act, not to wait,", "Tom Baker"),
            ("We have the means to end this war now.", "Tom Baker"),
        ],
    ),
    (
        "\"The vote is close,\" Jane Wu said.\n\"We will know more by the evening, I hope.\"",
        &[("Jane Wu", P, "Jane Wu")],
        &[
            ("The vote is close,", "Jane Wu"),
            ("We will know more by the evening, I hope.", "Jane Wu"),
        ],
    ),
    // A quote left open at the end of a paragraph ends there.
    (
        "Jane Wu said, \"The first phase is done.\n\"The second phase starts next week,\" she added.",
        &[("Jane Wu", P, "Jane Wu")],
        &[
            ("The first phase is done.", "Jane Wu"),
            ("The second phase starts next week,", "Jane Wu"),
        ],
    ),
    // No speaker at all.
    (
        "The sign read \"No entry after dark for any visitors.\"",
        &[],
        &[("No entry after dark for any visitors.", "-")],
    ),
    (
        "Peter Hall left early. The report later said nothing. \"Nothing about this is normal anymore,\" read a banner.",
        &[("Peter Hall", P, "Peter Hall")],
        &[("Nothing about this is normal anymore,", "-")],
    ),
    // Curly quotes before the quote.
    (
        "Maria Lopez said \u{201c}the border will stay closed until further notice.\u{201d}",
        &[("Maria Lopez", P, "Maria Lopez")],
        &[("the border will stay closed until further notice.", "Maria Lopez")],
    ),
    // Organisations and countries as speakers.
    (
        "The World Bank said in a report that growth was \"slower than at any time in a decade.\"",
        &[("World Bank", Org, "World Bank")],
        &[("slower than at any time in a decade.", "World Bank")],
    ),
    (
        "Japan said the launch was \"a grave threat to regional security.\"",
        &[("Japan", L, "Japan")],
        &[("a grave threat to regional security.", "Japan")],
    ),
    (
        "In a statement, Acme Corp said it was \"confident the deal will close this year.\"",
        &[("Acme Corp", Org, "Acme Corp")],
        &[("confident the deal will close this year.", "Acme Corp")],
    ),
    // A person inside a prepositional phrase is not the speaker.
    (
        "After talks with Ann Cole, Peter Hall said the plan was \"ready to go at once.\"",
        &[("Ann Cole", P, "Ann Cole"), ("Peter Hall", P, "Peter Hall")],
        &[("ready to go at once.", "Peter Hall")],
    ),
    // A name inside the quote is not the speaker.
    (
        "\"I spoke to Ann Cole yesterday,\" Peter Hall said.",
        &[("Ann Cole", P, "Ann Cole"), ("Peter Hall", P, "Peter Hall")],
        &[("I spoke to Ann Cole yesterday,", "Peter Hall")],
    ),
    (
        "Peter Hall arrived late. \"Ann Cole asked me to come,\" he said.",
        &[("Ann Cole", P, "Ann Cole"), ("Peter Hall", P, "Peter Hall")],
        &[("Ann Cole asked me to come,", "Peter Hall")],
    ),
    // Inch marks are not quotes.
    (
        "The suspect is 5'10\" tall and was last seen in Leeds.",
        &[("Leeds", L, "Leeds")],
        &[],
    ),
    (
        "\"Enough is enough,\" protesters chanted, while police watched.",
        &[],
        &[("Enough is enough,", "-")],
    ),
];

/// Runs a table of cases and fails with every case that does not give its quotes.
fn run_table(cases: &[Case]) {
    let mut failures = Vec::new();
    for (text, names, want) in cases {
        let mut r = resolved(text, names);
        let got: Vec<(String, String)> = find(text, &mut r)
            .into_iter()
            .map(|q| {
                let who = match (q.speaker, &q.speaker_text) {
                    (Some(i), _) => r.entities[i].canonical.clone(),
                    (None, Some(t)) => format!("~{t}"),
                    (None, None) => "-".to_string(),
                };
                (text[q.start..q.end].to_string(), who)
            })
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{text}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn attribution_table() {
    run_table(CASES);
}

#[test]
fn structure_table() {
    run_table(STRUCTURE_CASES);
}

#[test]
fn enough_structure_cases() {
    assert!(STRUCTURE_CASES.len() >= 40, "{}", STRUCTURE_CASES.len());
}

mod structure;
use structure::STRUCTURE_CASES;

#[test]
fn enough_cases() {
    let quotes: usize = CASES.iter().map(|c| c.2.len()).sum();
    assert!(quotes >= 40, "{quotes}");
}

#[test]
fn word_offsets_survive_wide_white_space() {
    // U+2008 (punctuation space) is three bytes: offsets must still slice the words.
    let s = "the\u{2008}minister, who\u{2009}said ''.\u{e9}F";
    for (off, w) in super::word_offsets(s) {
        assert_eq!(&s[off..off + w.len()], w);
    }
    assert_eq!(super::word_offsets(s).len(), 5);
}

proptest::proptest! {
    #[test]
    fn mark_scan_matches_char_scan(text in "[a-z5 .,\"\n\u{201c}\u{201d}\u{2019}\u{2014}\u{e9}]{0,40}") {
        proptest::prop_assert_eq!(quote_marks(&text), quote_marks_by_char(&text));
    }
}

/// Every word list [`is_word`] searches.
const LISTS: &[&WordList] = &[
    SPEECH_VERBS,
    AUXILIARIES,
    PARTICIPLES,
    BETWEEN_SUBJECT_AND_VERB,
    CLAUSE_BREAK,
    PREPOSITIONS,
    HE_SHE,
    CONNECTIVES,
    DESCRIBED_PEOPLE,
    DESCRIBED_ORGS,
    layout::TERM_NOUNS,
    layout::NAMING_VERBS,
    layout::AFTER_SPEECH,
];

#[test]
fn word_lists_fit_the_binary_search() {
    for list in LISTS {
        let list = list.words;
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        for w in list {
            assert!(w.len() <= 16 && *w == w.to_ascii_lowercase(), "{w}");
        }
    }
}

proptest::proptest! {
    #[test]
    fn is_word_matches_any_case_insensitive(
        pick in 0usize..200,
        upper in proptest::collection::vec(proptest::bool::ANY, 16),
        other in "[a-zA-Z'\u{e9}\u{130}]{0,18}",
    ) {
        for list in LISTS {
            // A listed word in mixed case, and a random one.
            let listed: String = list.words[pick % list.words.len()]
                .chars()
                .zip(&upper)
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            for w in [listed.as_str(), other.as_str()] {
                let plain = list.words.iter().any(|x| x.eq_ignore_ascii_case(w));
                proptest::prop_assert_eq!(is_word(w, list), plain, "{}", w);
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn ascii_word_offsets_match_char_scan(s in "[a-zA-Z09 '.,\"()\t\n\r\u{b}\u{c}\u{1f}-]{0,40}") {
        proptest::prop_assert_eq!(word_offsets(&s), word_offsets_by_char(&s));
    }
}

proptest::proptest! {
    #[test]
    fn clause_stop_matches_find(s in "[a-z ;\"?!.\u{201c}\u{201d}\u{2019}\u{2014}\u{e2}\u{e9}]{0,30}") {
        proptest::prop_assert_eq!(clause_stop(&s), clause_stop_by_char(&s));
    }
}
