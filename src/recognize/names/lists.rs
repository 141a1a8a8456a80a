//! The fixed word lists of the name rules: name particles, link words, speech verbs,
//! locative prepositions, company suffixes, organisation subunits and institutions,
//! place heads and prefixes, role words, abbreviations, and the headline words of
//! sports reports. The open-ended lexicon (given names, roles, organisation heads) is
//! the gazetteer's.

use crate::gazetteer::{Gazetteer, Lex};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// A constant word list.
pub(super) struct WordList {
    pub(super) words: &'static [&'static str],
}

impl WordList {
    pub(super) const fn new(words: &'static [&'static str]) -> WordList {
        WordList { words }
    }

    /// Whether `w` is on the list.
    pub(super) fn contains(&self, w: &str) -> bool {
        self.words.contains(&w)
    }

    /// Whether `w` lower-cased is on the list (of lower-case words).
    pub(super) fn contains_folded(&self, w: &str) -> bool {
        self.words.contains(&w.to_lowercase().as_str())
    }
}

pub(super) static PARTICLES: WordList = WordList::new(&[
    "al", "el", "de", "del", "della", "da", "dos", "das", "van", "von", "der", "den", "la", "le",
    "bin", "ibn", "ben", "di", "du", "y", "ter", "op",
]);

pub(super) static LINKS: WordList = WordList::new(&["of", "for", "and", "&", "on", "the", "de"]);

/// Words that follow the pronoun "I" but not a king's numeral ("Dan I believe",
/// against "Pedro I became").
pub(super) static FIRST_PERSON_AFTER: WordList = WordList::new(&[
    "am",
    "believe",
    "know",
    "think",
    "guess",
    "mean",
    "remember",
    "don't",
    "didn't",
    "can't",
    "just",
    "actually",
    "want",
    "hope",
    "agree",
    "wonder",
    "understand",
    "feel",
    "appreciate",
    "really",
]);

pub(super) static SPEECH_VERBS: WordList = WordList::new(&[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "announced",
    "stated",
    "wrote",
    "warned",
    "explained",
    "insisted",
    "noted",
    "argued",
    "replied",
    "declared",
    "testified",
]);

/// Prepositions after which an unknown capitalised word is a place. Not "at", "to" or
/// "from": people and firms stand there as often ("talked to Camilla", "at Chery").
pub(super) static LOCATIVE: WordList = WordList::new(&[
    "in", "near", "across", "outside", "inside", "around", "toward", "towards", "into", "through",
    "via",
]);

/// Headline words that mark a sports report.
pub(super) const SPORTS: &[&str] = &[
    "soccer",
    "football",
    "cricket",
    "tennis",
    "golf",
    "baseball",
    "basketball",
    "rugby",
    "hockey",
    "athletics",
    "cycling",
    "boxing",
    "skiing",
    "motor racing",
    "motorcycling",
    "snooker",
    "badminton",
    "volleyball",
    "handball",
    "swimming",
    "rowing",
    "sailing",
    "league",
    "cup",
    "results",
    "standings",
    "premier league",
    "nba",
    "nfl",
    "nhl",
    "mlb",
];

/// Whether the first line of a document (its headline) names a sport (a document
/// without line breaks is one long "line").
pub(super) fn is_sports(text: &str) -> bool {
    static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(SPORTS)
            .expect("the sports words make an automaton")
    });
    let head = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    MATCHER.find_overlapping_iter(head).any(|m| {
        crate::text::is_word_start(head, m.start()) && crate::text::is_word_end(head, m.end())
    })
}

/// Legal suffixes of company names.
pub(super) static COMPANY_SUFFIXES: WordList = WordList::new(&[
    "Inc.",
    "Inc",
    "Corp.",
    "Corp",
    "Co.",
    "Ltd.",
    "Ltd",
    "LLC",
    "PLC",
    "plc",
    "AG",
    "SA",
    "S.A.",
    "N.V.",
    "NV",
    "GmbH",
    "Corporation",
    "Company",
    "Group",
    "Holdings",
    "Bros.",
    "L.P.",
    "LP",
]);

/// Words naming a unit inside an organisation ("Press Service", "Press Office").
pub(super) static SUBUNITS: WordList = WordList::new(&[
    "Press",
    "Service",
    "Office",
    "Spokesman",
    "Spokeswoman",
    "Desk",
]);

/// Bodies a text names by one capitalised word ("the Treasury", "Parliament voted").
pub(super) static INSTITUTIONS: WordList = WordList::new(&[
    "Treasury",
    "Parliament",
    "Congress",
    "Senate",
    "House",
    "Cabinet",
    "Navy",
    "Army",
    "Fed",
    "Duma",
    "Knesset",
    "Politburo",
    "Bundestag",
    "Legislature",
]);

/// The lower-case nouns that name a publication beside its name: "the weekly
/// newspaper Nedelya", "the journal Nature", "Garbage magazine".
pub(super) static PUBLICATION_NOUNS: WordList = WordList::new(&[
    "newspaper",
    "magazine",
    "journal",
    "tabloid",
    "weekly",
    "daily",
]);

/// Lower-case nouns of a business that follow its name ("Younkers management",
/// "Firestone tyres", "Equitable's employees").
pub(super) static FIRM_NOUNS: WordList = WordList::new(&[
    "shares",
    "stock",
    "shareholders",
    "stockholders",
    "management",
    "executives",
    "employees",
    "stores",
    "chain",
    "plant",
    "plants",
    "subsidiary",
    "tyres",
    "tires",
    "brand",
]);

/// What a business has that a person does not, after its possessive ("Equitable's
/// president", "Lincoln's parent company").
pub(super) static FIRM_OWNED: WordList = WordList::new(&[
    "president",
    "chairman",
    "board",
    "directors",
    "parent",
    "unit",
    "units",
    "sales",
    "earnings",
    "profit",
    "revenue",
    "headquarters",
    "operations",
    "customers",
    "collapse",
    "retailing",
]);

/// Phrases before a business's name ("shares of Firestone", "a spokesman for
/// Firestone").
pub(super) const FIRM_BEFORE: &[&str] = &[
    "shares of",
    "parent of",
    "unit of",
    "subsidiary of",
    "spokesman for",
    "spokeswoman for",
    "stake in",
    "buyer for",
];

/// The head words of newspapers' names, which name the paper alone after "the" ("the
/// Herald", "the Times"). ("Sun" and "Star" are left out: "the Sun" is also the star.)
pub(super) static PAPER_HEADS: WordList = WordList::new(&[
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Journal",
    "Gazette",
    "Chronicle",
    "Globe",
    "Telegraph",
    "Guardian",
    "Observer",
    "Examiner",
    "Inquirer",
    "Courier",
    "Register",
    "Mirror",
]);

/// [`PLACE_HEADS`] as a [`WordList`].
pub(super) static PLACE_HEAD_LIST: WordList = WordList::new(PLACE_HEADS);

/// Words that head place names ("Grace Road", "Lantau Island").
pub(crate) const PLACE_HEADS: &[&str] = &[
    "Road",
    "Street",
    "St.",
    "Avenue",
    "Ave.",
    "Boulevard",
    "Blvd.",
    "Rd.",
    "Drive",
    "Parkway",
    "Expressway",
    "Freeway",
    "Turnpike",
    "Square",
    "River",
    "Lake",
    "Mountains",
    "Mountain",
    "Mount",
    "Island",
    "Islands",
    "Bay",
    "Gulf",
    "Sea",
    "Ocean",
    "Valley",
    "Desert",
    "Peninsula",
    "Strait",
    "Canal",
    "Airport",
    "Stadium",
    "Park",
    "Bridge",
    "Province",
    "County",
    "District",
    "Region",
    "Village",
    "Heights",
    "Hills",
    "Coast",
    "Highway",
    "Plaza",
    "Palace",
    "Hospital",
    "Station",
    "Prison",
    "Jail",
    "Base",
    "Cathedral",
    "Mosque",
    "Temple",
    "Hall",
    "Tower",
    "Center",
    "Centre",
    "Arena",
    "Dam",
    "Harbor",
    "Harbour",
    "Port",
    "Beach",
    "Falls",
    "Forest",
];

/// Words that open place names ("Mt. Kenya", "Lake Chad", "Cape Horn").
pub(super) static PLACE_PREFIXES: WordList = WordList::new(&["Mt.", "Mount", "Lake", "Cape"]);

/// Lower-case words that can stand inside a role phrase ("deputy defense minister").
pub(super) static ROLE_WORDS: WordList = WordList::new(&[
    "deputy",
    "vice",
    "acting",
    "former",
    "chief",
    "senior",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "special",
    "prime",
    "general",
    "state",
    "national",
    "security",
    "economic",
    "trade",
    "justice",
    "health",
    "education",
    "energy",
    "environment",
    "labor",
    "labour",
    "intelligence",
    "military",
    "army",
    "navy",
    "opposition",
    "party",
    "government",
    "delegation",
    "head",
    "leader",
    "top",
    "assistant",
    "associate",
    "executive",
    "managing",
    "presidential",
    "regional",
    "local",
    "federal",
    "provincial",
    "to",
    "of",
    "the",
    "for",
    "and",
    "news",
    "agency",
    "team",
    "envoy",
    "affairs",
    "human",
    "rights",
    "political",
    "u.n.",
]);

/// Abbreviations whose full stop belongs to the word: titles, company suffixes, months,
/// and the AP abbreviations of US states ("Calif.", "Mo.").
pub(super) static ABBREV: WordList = WordList::new(&[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev",
    "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Mt", "Ft", "Adm", "Maj", "Brig", "Bros", "Cos",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ala",
    "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore",
    "Oreg", "Pa", "Penn", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wisc", "Wyo",
]);

/// Whether "of"/"for"/"and" after `word` continues a name ("Ministry of Defense",
/// "Bank of England", "Center for ..."), rather than ending it ("Kerry of ...").
pub(super) fn links_after(word: &str, gaz: &Gazetteer) -> bool {
    matches!(
        word,
        "Republic"
            | "Kingdom"
            | "Gulf"
            | "Sea"
            | "Bay"
            | "Isle"
            | "Cape"
            | "Strait"
            | "Ministry"
            | "Secretary"
            | "Minister"
            | "University"
            | "Bank"
            | "Department"
            | "Council"
            | "House"
            | "Court"
            | "Office"
            | "Institute"
            | "Federation"
            | "Union"
            | "Organization"
            | "Organisation"
            | "Association"
            | "Museum"
            | "Church"
            | "League"
            | "Board"
            | "Chamber"
            | "Academy"
            | "College"
            | "School"
            | "Centre"
            | "Center"
            | "Commission"
            | "Committee"
            | "Agency"
            | "Bureau"
            | "Party"
            | "Front"
            | "Army"
            | "Navy"
            | "Corps"
            | "Forces"
            | "State"
            | "States"
            | "Emirates"
            | "Islands"
            | "Province"
            | "City"
            | "Port"
            | "Lake"
            | "Mount"
    ) || gaz.is(word, Lex::OrgHead)
}

/// Pinyin syllable initials and finals: a word that splits into their syllables is
/// shaped like a Chinese given name ("Zemin", "Huaqing", "Daying").
const PINYIN_INITIALS: &[&str] = &[
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w", "",
];
const PINYIN_FINALS: &[&str] = &[
    "iang", "iong", "uang", "ueng", "ang", "eng", "ong", "iao", "ian", "ing", "uai", "uan", "ai",
    "ei", "ao", "ou", "an", "en", "er", "ia", "ie", "iu", "in", "ua", "uo", "ui", "un", "ue", "a",
    "o", "e", "i", "u",
];

/// The number of pinyin syllables `w` (lower case) splits into, if it splits. A
/// syllable without an initial stands only first: pinyin marks one further on with an
/// apostrophe ("Xi'an").
fn pinyin_syllables(w: &str, first: bool) -> Option<usize> {
    if w.is_empty() {
        return Some(0);
    }
    for ini in PINYIN_INITIALS {
        if ini.is_empty() && !first {
            continue;
        }
        let Some(rest) = w.strip_prefix(ini) else {
            continue;
        };
        for fin in PINYIN_FINALS {
            if let Some(rest) = rest.strip_prefix(fin) {
                if let Some(n) = pinyin_syllables(rest, false) {
                    return Some(n + 1);
                }
            }
        }
    }
    None
}

/// The pinyin syllables of a word written as a name: a capital, then lower-case
/// letters.
fn pinyin_name(w: &str) -> Option<usize> {
    let mut chars = w.chars();
    let first = chars.next()?;
    if !(first.is_ascii_uppercase() && chars.all(|c| c.is_ascii_lowercase())) {
        return None;
    }
    pinyin_syllables(&w.to_ascii_lowercase(), true)
}

/// Whether `w` is written like a Chinese given name of two syllables or more
/// ("Zemin", "Zhengming"). One syllable ("Dan", "Long") is too often an English word.
pub(super) fn is_pinyin_given(w: &str) -> bool {
    pinyin_name(w).is_some_and(|n| n >= 2)
}

/// Whether `w` is written like a Chinese surname: one pinyin syllable ("Jiang", "Ye").
pub(super) fn is_pinyin_surname(w: &str) -> bool {
    pinyin_name(w) == Some(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `contains_folded` compares a word lower-cased with the words of the list: the
    /// lists it is asked of hold lower-case words only.
    #[test]
    fn folded_lists_are_in_lower_case() {
        for list in [&PARTICLES, &SPEECH_VERBS, &LOCATIVE, &ROLE_WORDS] {
            for w in list.words {
                assert_eq!(w.to_lowercase(), *w);
            }
        }
        assert!(SPEECH_VERBS.contains_folded("SAID"));
        assert!(LOCATIVE.contains_folded("Near"));
        assert!(!LOCATIVE.contains_folded("at"));
    }

    /// A sports word in the first non-blank line, in any case, as a whole word.
    #[test]
    fn sports_reports_by_their_headline() {
        for (text, want) in [
            (
                "Rangers beat Celtic in PREMIER LEAGUE clash\nThe rest.",
                true,
            ),
            ("\n  \nNHL: Oilers rally late\nThe rest.", true),
            ("Cup final tickets sold out", true),
            (
                "Cupertino firm posts record profit\nThe cup final was not news.",
                false,
            ),
            ("Footballer-turned-pundit retires", false),
            ("Markets fall on rate fears\nSoccer later.", false),
            ("", false),
        ] {
            assert_eq!(is_sports(text), want, "{text:?}");
        }
        // Every word of the list is lower case (matched without regard to case).
        assert!(SPORTS.iter().all(|w| w.to_lowercase() == *w));
    }

    #[test]
    fn pinyin_given_names() {
        for w in [
            "Zemin",
            "Huaqing",
            "Daying",
            "Zhengming",
            "Bangguo",
            "Xiaoping",
        ] {
            assert!(is_pinyin_given(w), "{w}");
        }
        for w in [
            "Dan", "Long", "Smith", "Robert", "Market", "Neuena", "Roederer", "ZEMIN",
        ] {
            assert!(!is_pinyin_given(w), "{w}");
        }
        assert!(is_pinyin_surname("Jiang") && is_pinyin_surname("Ye"));
        assert!(!is_pinyin_surname("Power") && !is_pinyin_surname("Zemin"));
    }
}
