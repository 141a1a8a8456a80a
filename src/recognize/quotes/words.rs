//! Word lists the attribution rules ask about, and splitting text into words.

/// Verbs that attribute a quote: speech verbs and verbs of assessment that take a quoted
/// phrase ("called it a "...", "described ... as "..."").
///
/// This and the other word lists are sorted, for [`is_word`].
pub(super) const SPEECH_VERBS: &WordList = &WordList::new(&[
    "accused",
    "acknowledged",
    "added",
    "adding",
    "adds",
    "admitted",
    "announced",
    "announces",
    "argued",
    "argues",
    "ask",
    "asked",
    "asks",
    "assailed",
    "asserted",
    "begged",
    "believes",
    "blasted",
    "boasted",
    "branded",
    "called",
    "calling",
    "calls",
    "cautioned",
    "claimed",
    "claims",
    "commented",
    "complained",
    "conceded",
    "condemned",
    "confirmed",
    "contended",
    "continued",
    "criticised",
    "criticized",
    "declared",
    "declares",
    "declaring",
    "demanded",
    "denied",
    "described",
    "describes",
    "describing",
    "dubbed",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "expressed",
    "hoped",
    "hopes",
    "insisted",
    "insists",
    "joked",
    "labeled",
    "labelled",
    "lamented",
    "noted",
    "notes",
    "noting",
    "pledged",
    "pledges",
    "posted",
    "praised",
    "predicted",
    "promised",
    "quipped",
    "recalled",
    "recounted",
    "reiterated",
    "remarked",
    "replied",
    "replies",
    "responded",
    "retorted",
    "ruled",
    "said",
    "say",
    "saying",
    "says",
    "scoffed",
    "slammed",
    "stated",
    "states",
    "stressed",
    "suggested",
    "telling",
    "tells",
    "termed",
    "testified",
    "testifies",
    "testifying",
    "texted",
    "told",
    "touted",
    "tweeted",
    "urged",
    "urges",
    "vowed",
    "warned",
    "warning",
    "warns",
    "welcomed",
    "wondered",
    "writes",
    "writing",
    "wrote",
]);

/// Auxiliaries and copulas: after a short quote they make it the subject of a clause.
pub(super) const AUXILIARIES: &WordList = &WordList::new(&[
    "are", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must",
    "should", "was", "were", "will", "would",
]);

/// Participles and coordinated verbs borrow the subject of the main clause.
pub(super) const PARTICIPLES: &WordList = &WordList::new(&[
    "adding",
    "calling",
    "describing",
    "noting",
    "saying",
    "telling",
    "warning",
    "writing",
]);

/// Words that may stand between a subject and its verb: "Kerry also said".
pub(super) const BETWEEN_SUBJECT_AND_VERB: &WordList = &WordList::new(&[
    "a",
    "again",
    "also",
    "earlier",
    "had",
    "has",
    "have",
    "herself",
    "himself",
    "in",
    "itself",
    "later",
    "on",
    "once",
    "previously",
    "publicly",
    "recently",
    "repeatedly",
    "reportedly",
    "statement",
    "then",
    "will",
    "would",
]);

/// The pronouns that stand for the last person in subject position.
pub(super) const HE_SHE: &WordList = &WordList::new(&["he", "she"]);

/// Connectives before a main clause's subject: "But the ministry said".
pub(super) const CONNECTIVES: &WordList = &WordList::new(&["and", "but", "meanwhile", "so", "yet"]);

/// Words that end a subject noun phrase when reading backwards from a verb.
pub(super) const CLAUSE_BREAK: &WordList = &WordList::new(&[
    "after", "although", "and", "as", "because", "before", "but", "if", "since", "that", "though",
    "when", "where", "which", "while", "who", "with",
]);

pub(super) const PREPOSITIONS: &WordList = &WordList::new(&[
    "about",
    "across",
    "after",
    "against",
    "amid",
    "among",
    "at",
    "before",
    "by",
    "despite",
    "during",
    "following",
    "for",
    "from",
    "in",
    "into",
    "near",
    "of",
    "on",
    "over",
    "through",
    "to",
    "toward",
    "towards",
    "under",
    "with",
    "within",
    "without",
]);
/// A word list for [`is_word`]: its words, sorted, in lower case, none longer than 16
/// bytes and each starting with a letter (a test checks the lists), and for each first
/// letter the lengths its words have (bit `n`: a word of `n` bytes).
pub(super) struct WordList {
    pub(super) words: &'static [&'static str],
    lengths: [u32; 26],
}

impl WordList {
    pub(super) const fn new(words: &'static [&'static str]) -> WordList {
        let mut lengths = [0u32; 26];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(w[0].is_ascii_lowercase() && w.len() <= 16);
            lengths[(w[0] - b'a') as usize] |= 1 << w.len();
            i += 1;
        }
        WordList { words, lengths }
    }
}

/// Whether `w` is one of the words of `list` in any ASCII case. Most words asked about
/// are in no list (the rules ask about every word before a quote): the table of first
/// letters and lengths turns nearly all of them away before the binary search.
pub(super) fn is_word(w: &str, list: &WordList) -> bool {
    let first = w.as_bytes().first().map(u8::to_ascii_lowercase);
    let Some(first @ b'a'..=b'z') = first else {
        return false;
    };
    if w.len() > 16 || list.lengths[usize::from(first - b'a')] & (1 << w.len()) == 0 {
        return false;
    }
    let mut buf = [0u8; 16];
    let Some(lower) = buf.get_mut(..w.len()) else {
        return false;
    };
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    // Byte by byte rather than `memcmp`: the words are short.
    list.words
        .binary_search_by(|x| x.bytes().cmp(lower.iter().copied()))
        .is_ok()
}

pub(super) fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
}
/// Words with their byte offsets, punctuation trimmed from each word.
pub(super) fn word_offsets(s: &str) -> Vec<(usize, &str)> {
    if !s.is_ascii() {
        return word_offsets_by_char(s);
    }
    // The same split and trim byte by byte: ASCII white space as `char::is_whitespace`
    // sees it (with U+000B), and ASCII letters, digits and apostrophes kept.
    let b = s.as_bytes();
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let keep = |c: u8| c.is_ascii_alphanumeric() || c == b'\'';
    // Words and the space after them average over five bytes: one allocation, mostly.
    let mut out = Vec::with_capacity(b.len() / 5 + 1);
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        let (mut ws, mut we) = (i, i);
        while we < b.len() && !space(b[we]) {
            we += 1;
        }
        i = we;
        while ws < we && !keep(b[ws]) {
            ws += 1;
        }
        while we > ws && !keep(b[we - 1]) {
            we -= 1;
        }
        if we > ws {
            out.push((ws, &s[ws..we]));
        }
    }
    out
}

/// [`word_offsets`] for any text, one character at a time.
pub(super) fn word_offsets_by_char(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for w in s.split(char::is_whitespace) {
        let t = trim_word(w);
        if !t.is_empty() {
            // The trimmed word's own offset in `s` (white space may be several bytes,
            // and the trim keeps apostrophes).
            out.push((t.as_ptr() as usize - s.as_ptr() as usize, t));
        }
    }
    out
}

/// Head nouns of a definite description that stands for a person named before ("the
/// actor", "the senator", "the Portuguese boss"); "the spokesman" and "the official"
/// are not among them: they usually introduce someone unnamed.
pub(super) const DESCRIBED_PEOPLE: &WordList = &WordList::new(&[
    "actor",
    "actress",
    "ambassador",
    "billionaire",
    "boss",
    "candidate",
    "ceo",
    "chairman",
    "chairwoman",
    "chancellor",
    "coach",
    "congressman",
    "congresswoman",
    "democrat",
    "diplomat",
    "entrepreneur",
    "envoy",
    "executive",
    "founder",
    "general",
    "governor",
    "investor",
    "lawmaker",
    "leader",
    "manager",
    "mayor",
    "minister",
    "musician",
    "player",
    "politician",
    "president",
    "prosecutor",
    "rapper",
    "republican",
    "senator",
    "singer",
    "star",
    "striker",
    "writer",
]);

/// Head nouns of a definite description that stands for an organisation named before
/// ("the company", "the group", "the ministry").
pub(super) const DESCRIBED_ORGS: &WordList = &WordList::new(&[
    "agency",
    "airline",
    "bank",
    "carrier",
    "club",
    "coalition",
    "commission",
    "committee",
    "company",
    "council",
    "department",
    "firm",
    "group",
    "insurer",
    "lender",
    "maker",
    "manufacturer",
    "ministry",
    "movement",
    "network",
    "organisation",
    "organization",
    "party",
    "publisher",
    "retailer",
    "startup",
    "union",
]);
