//! The lone capitalised word that only the surname list makes a person
//! (`rule:surname`): where the words around it say it names something else. A ship, a
//! show, a wine or a product borrows a person's name but is written as a thing: after
//! "the" or alone between quotation marks. A side on a results line borrows a town's
//! name, which is often a surname too. This module does not type words the
//! dictionaries know, nor names of more than one word.

use super::Ctx;

impl Ctx<'_> {
    /// Whether the lone word at token `i` is written as a thing rather than a person:
    /// right after "the" and ending its phrase, with a punctuation mark after it ("who
    /// visited the Cole, was", "or the Petrus."), as a ship, a show, a wine or a
    /// product named after someone is, but a person named by the surname alone seldom
    /// is (a person's name after "the" qualifies the noun that follows it: "the Reagan
    /// administration", "the Huxtable family", "the Smiths' house"); or alone between quotation marks, with at most a punctuation
    /// mark inside the closing one (`"Cosby" reruns`, `the "Lincoln" is docked`), as
    /// the title of a show or a book or a ship's name is written, but a person's name
    /// is not.
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
