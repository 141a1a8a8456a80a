//! Sports reports: which place names there stand for a club ("Leeds beat Chelsea",
//! "Texas scored twice") and which stay places: countries and the nations that field
//! national sides, the objects of locative prepositions, datelines, and a place in
//! brackets after a competitor or a venue. Whether a document is a sports report is
//! `lists::is_sports`'s business.

use super::Ctx;
use crate::gazetteer::Entry;

/// Nations that field their own national sides (football, rugby, cricket) without
/// being states of the countries list, and former states whose sides news archives
/// name, by Wikidata id. A national side is named by its nation, which news
/// annotation keeps a place, as it does a country's ("England beat Pakistan",
/// "dumped by England"); a club is named by its town.
const SPORTING_NATIONS: &[(&str, &str)] = &[
    ("Q21", "England"),
    ("Q22", "Scotland"),
    ("Q25", "Wales"),
    ("Q26", "Northern Ireland"),
    ("Q36704", "Yugoslavia"),
    ("Q15180", "Soviet Union"),
    ("Q33946", "Czechoslovakia"),
    ("Q16957", "East Germany"),
    ("Q713750", "West Germany"),
];

impl<'a> Ctx<'a> {
    /// In a sports report, whether the place at tokens `a..b` names a club: a city or
    /// region (countries and [`SPORTING_NATIONS`] field national teams, which stay
    /// places) that is not the object of a locative preposition ("in Leeds"), not
    /// alone in brackets (a competitor's nationality, "Peter Nicol (Scotland)", or a
    /// venue's town, "At Headingley (Leeds)") and not in a dateline (the start of a
    /// line, in capitals up to the place, then a date: "LONDON 1996-08-30",
    /// "MILWAUKEE, Wisconsin 1996-08-29").
    pub(super) fn club_position(&self, a: usize, b: usize, entry: &Entry) -> bool {
        if entry.source.ends_with("countries")
            || (entry.canonical.contains(' ') && entry.source.ends_with("names"))
            || entry.ids().any(|(scheme, id)| {
                scheme == "wikidata" && SPORTING_NATIONS.iter().any(|(q, _)| *q == id)
            })
        {
            return false;
        }
        let prev = if a > 0 && self.adjacent(a - 1, a) {
            self.toks[a - 1].s.to_lowercase()
        } else {
            String::new()
        };
        if matches!(
            prev.as_str(),
            "in" | "at" | "near" | "from" | "to" | "of" | "outside"
        ) {
            return false;
        }
        let start = self.toks[a].start;
        let rest = &self.text[self.toks[b - 1].end..];
        if self.text[..start].ends_with('(') && rest.starts_with(')') {
            return false;
        }
        let line_start = self.text[..start].rfind('\n').map_or(0, |p| p + 1);
        let lead = &self.text[line_start..start];
        let after = rest.trim_start().as_bytes();
        let dateline = !lead.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
            && after.len() >= 5
            && after[..4].iter().all(u8::is_ascii_digit)
            && after[4] == b'-';
        !dateline
    }

    /// In a sports report, whether the piece at tokens `a..b` that no other rule typed (or a lone
    /// word only the surname list knows: towns bear surnames) is a side on a results or standings
    /// line: one space, then a whole number of up to three digits that ends there ("Partick 1
    /// Stranraer 0", "Haitai 62 48 3 .562"), as results and tables print a side's goals, runs or
    /// games after its name, at the start of the line or after a figure or a punctuation mark,
    /// never after a lower-case word (a scorecard's bowler, "lbw b Mushtaq 46"; "in Euro 96").
    /// Competitors named there are people the person rules type first (a given name, initials), and
    /// their figures carry punctuation ("4-37", "15:08.79").
    pub(super) fn scored_side(&self, a: usize, b: usize) -> bool {
        if !self.is_sports() {
            return false;
        }
        let after_word = a > 0
            && self.adjacent(a - 1, a)
            && self.toks[a - 1].s.starts_with(|c: char| c.is_lowercase());
        if after_word {
            return false;
        }
        let Some(rest) = self.text[self.toks[b - 1].end..].strip_prefix(' ') else {
            return false;
        };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&digits)
            && rest[digits..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\n')
    }
}
