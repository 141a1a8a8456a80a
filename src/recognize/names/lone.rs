//! The names that the name lists alone make people (`rule:surname`, a lone word the
//! surname list knows; `rule:given+surname`), where the words around them say they name
//! something else. A ship, a show, a wine or a product borrows a person's name but is
//! written as a thing: after "the" or alone between quotation marks. A side on a
//! results line borrows its town's name, which is often a surname too
//! ([`Ctx::scored_side`]); so does a small town, which news names with its state. This
//! module does not type words the dictionaries know.

use super::classify::is_initial;
use super::{Ask, Ctx, Span};
use crate::gazetteer::Lex;
use crate::record::EntityType;

impl Ctx<'_> {
    /// `span` as a place when the name lists alone made it a person (`rule:surname`,
    /// or `rule:given+surname` opening with an ordinary word) and a comma and the
    /// abbreviation of a state or province follow it ("Arnold, Calif.", "Wayne, N.J.",
    /// "La Canada, Calif."): news names a small town with its state that way, which it
    /// does not do for a person.
    pub(super) fn town_before_state(&self, mut span: Span) -> Span {
        let guessed = match span.how.as_str() {
            "rule:surname" => true,
            // A town's name opens with a given name that is also an ordinary word
            // ("West Groton", "Marina del Rey"); a person's name in full does not.
            "rule:given+surname" => self.ask(span.a, Ask::CommonFolded),
            _ => false,
        };
        if guessed
            && self.state_after(span.b)
            // An initial inside marks a person's name run into the town after it
            // ("Ruth K. Nelson Cullowhee, N.C."), which is no town.
            && !(span.a..span.b).any(|k| is_initial(self.toks[k].s))
        {
            span.kind = EntityType::Place;
            span.how = "rule:town+state".to_string();
        }
        span
    }

    /// Whether a comma, a space and an abbreviation with its full stop that the
    /// dictionaries know as a place other than a country ("Calif.", "N.Y.", not
    /// "U.S.") follow token `b - 1`.
    fn state_after(&self, b: usize) -> bool {
        let Some(rest) = self.text[self.toks[b - 1].end..].strip_prefix(", ") else {
            return false;
        };
        let len = rest
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '.'))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        word.len() > 2
            && word.ends_with('.')
            && self.gaz.lookup(word).iter().any(|&i| {
                let e = self.gaz.entry(i);
                e.lex == Lex::Name(EntityType::Place) && !e.source.ends_with("countries")
            })
    }

    /// Whether the lone word at token `i` is written as a thing rather than a person:
    /// right after "the" and ending its phrase, with a punctuation mark after it ("who
    /// visited the Cole, was", "or the Petrus."), as a ship, a show, a wine or a
    /// product named after someone is, but a person named by the surname alone seldom
    /// is (a person's name after "the" qualifies the noun that follows it: "the Reagan
    /// administration", "the Huxtable family", "the Smiths' house"); or alone between
    /// quotation marks, with at most a punctuation mark inside the closing one
    /// (`"Cosby" reruns`, `the "Lincoln" is docked`), as the title of a show or a book
    /// or a ship's name is written, but a person's name is not.
    pub(super) fn written_as_a_thing(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let after = &self.text[t.end..];
        let after_the = i > 0
            && self.adjacent(i - 1, i)
            && self.toks[i - 1].s.eq_ignore_ascii_case("the")
            && !after.starts_with(|c: char| {
                c.is_alphanumeric() || c == ' ' || c == '\'' || c == '’' || c == '-'
            });
        after_the || quoted_alone(&self.text[..t.start], after)
    }
}

/// Whether the word between `before` and `after` stands alone between quotation
/// marks: an opening one just before it, a closing one just after it (or after one
/// punctuation mark), and no letter after that (`'Cosby'`, not `'Cosby's`).
fn quoted_alone(before: &str, after: &str) -> bool {
    let opens = matches!(before.chars().next_back(), Some('"' | '“' | '\'' | '‘'));
    let after = after
        .strip_prefix(['.', ',', '!', '?', ';'])
        .unwrap_or(after);
    let mut rest = after.chars();
    let closes = matches!(rest.next(), Some('"' | '”' | '\'' | '’'));
    opens && closes && !rest.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::quoted_alone;

    #[test]
    fn quoted_alone_cases() {
        for (before, after, want) in [
            ("renew \"", "\" next year", true),
            ("renew \"", ".\" He said", true),
            ("take '", "' across", true),
            ("the “", ",” he said", true),
            ("take '", "'s reruns", false),
            ("said ", " \"no\"", false),
            ("\"", " Smith\"", false),
            ("", "\"", false),
        ] {
            assert_eq!(quoted_alone(before, after), want, "{before:?} {after:?}");
        }
    }
}
