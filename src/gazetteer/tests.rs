//! Tests of the compiled dictionaries: names in the text, the word classes against the
//! entries they come from, and the merging of word lists.

use super::*;
use load::owned_parse as parse;

fn gaz(tsv: &str) -> Gazetteer {
    let mut e = Vec::new();
    let mut w = WordRows::default();
    parse(tsv, &mut e, &mut w).unwrap();
    Gazetteer::build(vec![e], false, vec![w]).unwrap()
}

#[test]
fn matches_at_word_boundaries_only() {
    let g = gaz("surface\ttype\tcanonical\nOman\tPLACE\nU.N.\tORG\tUnited Nations\n");
    let t = "Romania and Oman met at the U.N. today";
    let m = g.find_names(t);
    let got: Vec<&str> = m.iter().map(|m| &t[m.start..m.end]).collect();
    assert_eq!(got, ["Oman", "U.N."]);
    assert_eq!(g.entry(m[1].entries[0]).canonical, "United Nations");
}

#[test]
fn names_at_gives_find_names_matches_of_one_start() {
    let g = gaz("surface\ttype\tcanonical\n\
         Oman\tPLACE\nU.N.\tORG\tUnited Nations\nNew York\tPLACE\n\
         New York Times\tORG\nYork\tPLACE\nA\tORG\n's-Hertogenbosch\tPLACE\n\
         São Paulo\tPLACE\nK\tPLACE\n");
    let texts = [
        "Romania and Oman met at the U.N. today",
        "the New York Times, New York and York; A. K",
        "in 's-Hertogenbosch and São Paulo, not xOman or Omani",
        "Ａ São Paulo. New York",
        "",
    ];
    for t in texts {
        let all = g.find_names(t);
        for start in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            let mut got = Vec::new();
            g.names_at(t, start, &mut got);
            let want: Vec<_> = all.iter().filter(|m| m.start == start).collect();
            assert_eq!(
                got.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                want.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                "{t:?} at {start}"
            );
        }
    }
    // (The texts do hold names.)
    assert_eq!(g.find_names(texts[1]).len(), 8);
}

#[test]
fn may_be_title_keeps_every_role_and_honorific() {
    // The pre-check may only say "no" where all three look-ups of `strip_titles`
    // would: every role and honorific, as written and in other cases, passes.
    let g = Gazetteer::bundled();
    let titles: Vec<&Entry> = g
        .entries()
        .iter()
        .filter(|e| matches!(e.lex, Lex::Role | Lex::Honorific))
        .collect();
    assert!(titles.len() > 100, "the lexicon has roles and honorifics");
    for e in titles {
        for form in [e.surface.to_string(), e.surface.to_uppercase()] {
            assert!(g.may_be_title(&form), "{form:?}");
            assert!(g.may_be_title(&format!("{form} Smith")), "{form:?} + name");
            assert!(g.may_be_title_phrase(&form), "{form:?}");
            assert!(
                g.may_be_title_phrase(&form.to_lowercase()),
                "{form:?} lower-cased"
            );
        }
    }
    assert!(!g.may_be_title("Tuesday"));
    assert!(!g.may_be_title("Kerry said"));
    assert!(!g.may_be_title_phrase("Secretary Kerry"));
}

#[test]
fn word_class_answers_as_the_entries_do() {
    // The one-probe classes against the entries they were made from.
    let g = Gazetteer::bundled();
    let lexical = [
        (Lex::OrgHead, WordClass::ORG_HEAD),
        (Lex::Honorific, WordClass::HONORIFIC),
        (Lex::Role, WordClass::ROLE),
        (Lex::Demonym, WordClass::DEMONYM),
        (Lex::Stop, WordClass::STOP),
    ];
    let mut surfaces: Vec<String> = g
        .entries()
        .iter()
        .filter(|e| !matches!(e.lex, Lex::Name(_)))
        .map(|e| e.surface.to_string())
        .collect();
    surfaces.extend(["Tuesday", "Kerry", "The", "said", "Minister"].map(String::from));
    let mut stop_words = 0;
    for s in &surfaces {
        let c = g.word_class(s);
        for (lex, bit) in lexical {
            assert_eq!(c.has(bit), g.get(s, lex).is_some(), "{s:?} {lex:?}");
        }
        let word = g.get(s, Lex::Stop).is_some_and(|e| e.canonical == "word");
        assert_eq!(c.has(WordClass::STOP_WORD), word, "{s:?}");
        stop_words += usize::from(word);
        assert_eq!(
            g.word_class_folded(s),
            g.word_class(&s.to_lowercase()),
            "{s:?}"
        );
    }
    assert!(stop_words > 50, "the stop list has ordinary words");
    assert!(g.word_class("Kerry").has(WordClass::KNOWN_SURNAME));
    assert!(g.is("Minister", Lex::OrgHead) || g.is("Ministry", Lex::OrgHead));
}

#[test]
fn later_word_lists_replace_earlier_frequencies() {
    let list = |rows: &[(&str, Lex, f32)]| {
        let mut w = WordRows::default();
        for &(s, lex, f) in rows {
            w.add(owned(s), lex, f);
        }
        w
    };
    // The largest list is in the middle: the files before it and after it count in
    // file order.
    let big: Vec<(String, Lex, f32)> = (0..10)
        .map(|i| (format!("W{i}"), Lex::Surname, 9.0))
        .collect();
    let big: Vec<(&str, Lex, f32)> = big.iter().map(|(s, l, f)| (s.as_str(), *l, *f)).collect();
    let mut big = list(&big);
    big.add(owned("Cy"), Lex::Surname, 5.0);
    let lists = vec![
        list(&[("Ann", Lex::Given, 1.0), ("Cy", Lex::Given, 1.0)]),
        list(&[("Cy", Lex::Given, 2.0), ("Dee", Lex::Common, 0.0)]),
        big,
        list(&[("Ann", Lex::Given, 3.0), ("Ann", Lex::Surname, 2.0)]),
    ];
    let g = Gazetteer::build(Vec::new(), false, lists).unwrap();
    assert_eq!(
        g.word_classes("Ann"),
        [(Lex::Given, 3.0), (Lex::Surname, 2.0)]
    );
    assert_eq!(
        g.word_classes("Cy"),
        [(Lex::Given, 2.0), (Lex::Surname, 5.0)]
    );
    assert!(g.is_common("Dee") && !g.is("Dee", Lex::Given));
    assert_eq!(g.word_counts(), (2, 12, 1));
}

/// The bundled rows hold one entry per (surface, type), as `build.rs` checks and as
/// `Gazetteer::load` relies on when no user file is given.
#[test]
fn bundled_entries_are_unique() {
    let g = Gazetteer::bundled();
    let mut seen = std::collections::HashSet::new();
    for e in g.entries() {
        assert!(
            seen.insert((&*e.surface, e.lex)),
            "{} {:?}",
            e.surface,
            e.lex
        );
    }
    assert!(seen.len() > 50_000);
}

/// With a user file, an entry of the same surface and type replaces the bundled one.
#[test]
fn a_user_entry_replaces_the_bundled_one() {
    let dir = std::env::temp_dir().join(format!("nf-user-dict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mine.tsv");
    std::fs::write(&path, "Paris\tPLACE\tParis, Texas\n").unwrap();
    let g = Gazetteer::load(true, &[&path]).unwrap();
    let paris: Vec<_> = g
        .lookup("Paris")
        .iter()
        .map(|&i| g.entry(i))
        .filter(|e| e.lex == Lex::Name(EntityType::Place))
        .collect();
    assert_eq!(paris.len(), 1);
    assert_eq!(paris[0].canonical, "Paris, Texas");
    std::fs::remove_dir_all(&dir).ok();
}
