//! The fixed word lists of the name rules: name particles, link words, speech verbs,
//! locative prepositions, company suffixes, organisation subunits and institutions,
//! place heads and prefixes, role words, abbreviations, and the headline words of
//! sports reports. The open-ended lexicon (given names, roles, organisation heads) is
//! the gazetteer's.

use crate::gazetteer::{Gazetteer, Lex};
use aho_corasick::AhoCorasick;

/// A constant word list with a filter in front: the lists are asked about many words
/// that are on none of them, and a scan compares with every word of a list. The filter
/// has a bit per length (up to 15 bytes; longer words share the last) and first byte
/// (its low six bits) of the words of the list; a word whose bit is clear is not on the
/// list, and only the others are compared.
pub(super) struct WordList {
    words: &'static [&'static str],
    /// By length, the bits of the first bytes (`byte & 63`) of the words.
    exact: [u64; 16],
    /// The same for the first bytes with ASCII case ignored (`(byte | 0x20) & 63`),
    /// for [`WordList::contains_folded`].
    folded: [u64; 16],
}

impl WordList {
    /// # Panics
    /// (At compile time) on an empty word.
    pub(super) const fn new(words: &'static [&'static str]) -> WordList {
        let (mut exact, mut folded) = ([0; 16], [0; 16]);
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            assert!(!w.is_empty(), "a word list holds no empty word");
            let len = if w.len() < 15 { w.len() } else { 15 };
            exact[len] |= 1 << (w[0] & 63);
            folded[len] |= 1 << ((w[0] | 0x20) & 63);
            k += 1;
        }
        WordList {
            words,
            exact,
            folded,
        }
    }

    /// Whether `w` is on the list (`words.contains(&w)`).
    #[inline]
    pub(super) fn contains(&self, w: &str) -> bool {
        WordList::may_hold(&self.exact, w.as_bytes(), 0) && self.words.contains(&w)
    }

    /// Whether `w` lower-cased is on the list, for a list of lower-case ASCII words
    /// (`words.iter().any(|p| is_lower_of(w, p))`). A non-ASCII `w` can lower-case to
    /// ASCII (the Kelvin sign), and is compared with every word.
    #[inline]
    pub(super) fn contains_folded(&self, w: &str) -> bool {
        if !w.is_ascii() {
            return self.words.iter().any(|p| is_lower_of(w, p));
        }
        WordList::may_hold(&self.folded, w.as_bytes(), 0x20)
            && self.words.iter().any(|p| w.eq_ignore_ascii_case(p))
    }

    /// Whether the bit of `w` (its first byte `| case`) is set in `filter`.
    #[inline(always)]
    pub(super) fn may_hold(filter: &[u64; 16], w: &[u8], case: u8) -> bool {
        w.first()
            .is_some_and(|&b| filter[w.len().min(15)] >> ((b | case) & 63) & 1 != 0)
    }
}

pub(super) static PARTICLES: WordList = WordList::new(&[
    "al", "el", "de", "del", "della", "da", "dos", "das", "van", "von", "der", "den", "la", "le",
    "bin", "ibn", "ben", "di", "du", "y", "ter", "op",
]);

pub(super) static LINKS: WordList = WordList::new(&["of", "for", "and", "&", "on", "the", "de"]);

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

/// Whether the first line of a document (its headline) names a sport. `sports` is an
/// ASCII-case-insensitive automaton over [`SPORTS`]: on an ASCII line it finds what
/// searching the lower-cased line finds, without the copy (a document without line
/// breaks is one long "line").
pub(super) fn is_sports(text: &str, sports: &AhoCorasick) -> bool {
    let head = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if head.is_ascii() {
        return sports.find_overlapping_iter(head).any(|m| {
            crate::text::is_word_start(head, m.start()) && crate::text::is_word_end(head, m.end())
        });
    }
    let head = head.to_lowercase();
    SPORTS.iter().any(|w| {
        head.match_indices(w).any(|(i, _)| {
            crate::text::is_word_start(&head, i) && crate::text::is_word_end(&head, i + w.len())
        })
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

/// [`PLACE_HEADS`] with the filter of a [`WordList`].
pub(super) static PLACE_HEAD_LIST: WordList = WordList::new(PLACE_HEADS);

/// Words that head place names ("Grace Road", "Lantau Island").
pub(crate) const PLACE_HEADS: &[&str] = &[
    "Road",
    "Street",
    "St.",
    "Avenue",
    "Ave.",
    "Boulevard",
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

/// Whether `w.to_lowercase() == lower`, for an ASCII `lower`, without allocating: only
/// ASCII letters and the Kelvin sign (U+212A, which lower-cases to `k`) can lower-case
/// to ASCII letters.
pub(super) fn is_lower_of(w: &str, lower: &str) -> bool {
    if w.is_ascii() {
        w.eq_ignore_ascii_case(lower)
    } else {
        w.to_lowercase() == lower
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The word lists.
    const LISTS: [&WordList; 11] = [
        &PARTICLES,
        &LINKS,
        &SPEECH_VERBS,
        &LOCATIVE,
        &COMPANY_SUFFIXES,
        &SUBUNITS,
        &INSTITUTIONS,
        &PLACE_HEAD_LIST,
        &PLACE_PREFIXES,
        &ROLE_WORDS,
        &ABBREV,
    ];

    /// Words of the lists, and words like them (in capitals, with a letter or sign
    /// before or after, the Kelvin sign or a non-ASCII letter among them).
    fn list_probe() -> impl Strategy<Value = String> {
        let words: Vec<&'static str> = LISTS.iter().flat_map(|l| l.words.iter().copied()).collect();
        (
            proptest::sample::select(words),
            "[a-zA-Z.&\u{212A}É]{0,2}",
            0..4usize,
        )
            .prop_map(|(w, extra, how)| match how {
                0 => w.to_string(),
                1 => w.to_uppercase(),
                2 => format!("{extra}{w}"),
                _ => format!("{w}{extra}"),
            })
    }

    proptest! {
        /// The filter of a word list turns away only words that are not on it.
        #[test]
        fn word_lists_are_their_words(w in list_probe()) {
            for list in LISTS {
                prop_assert_eq!(list.contains(&w), list.words.contains(&w.as_str()), "{:?}", w);
            }
            for list in [&PARTICLES, &SPEECH_VERBS, &LOCATIVE, &ROLE_WORDS] {
                prop_assert_eq!(
                    list.contains_folded(&w),
                    list.words.iter().any(|p| is_lower_of(&w, p)),
                    "{:?}",
                    w
                );
            }
        }
    }
}
