//! Attribution by structure, one row per pattern: appositions, names no dictionary
//! knows, descriptions standing for entities, trailing and coordinated attributions,
//! pronouns, continued, nested and title quotes, and quoted terms that are not speech.

use super::Case;
use crate::record::EntityType::{Org, Person as P, Place as L};

pub(super) const STRUCTURE_CASES: &[Case] = &[
    // The attribution names someone no dictionary knows: their words speak.
    (
        "\"We will keep growing,\" Strauss Zelnick, CEO of Take-Two, said.",
        &[("Take-Two", Org, "Take-Two")],
        &[("We will keep growing,", "Strauss Zelnick")],
    ),
    (
        "Strauss Zelnick, CEO of Take-Two, said \"the new games sell very well\" this year.",
        &[("Take-Two", Org, "Take-Two")],
        &[("the new games sell very well", "Strauss Zelnick")],
    ),
    (
        "\"It was an attempt to mislead voters,\" Will Moy told the BBC.",
        &[("BBC", Org, "BBC")],
        &[("It was an attempt to mislead voters,", "Will Moy")],
    ),
    (
        "\"We are here to stay,\" said Ward.",
        &[],
        &[("We are here to stay,", "Ward")],
    ),
    (
        "According to Dana Whitfield, \"the deal is dead and buried.\"",
        &[],
        &[("the deal is dead and buried.", "Dana Whitfield")],
    ),
    (
        "\"We will appeal the ruling,\" Ortiz wrote on Twitter.",
        &[],
        &[("We will appeal the ruling,", "~Ortiz")],
    ),
    (
        "\"No comment at this time,\" Ortiz told reporters.",
        &[],
        &[("No comment at this time,", "~Ortiz")],
    ),
    // The subject before an apposition, not the name inside it.
    (
        "\"Prices will fall next year,\" Maria Lopez, the company's chief executive, said.",
        &[("Maria Lopez", P, "Maria Lopez")],
        &[("Prices will fall next year,", "Maria Lopez")],
    ),
    (
        "General Mark Milley, chairman of the Joint Chiefs of Staff, told reporters that troops would stay \"for several more years\".",
        &[("Mark Milley", P, "Mark Milley"), ("Joint Chiefs of Staff", Org, "Joint Chiefs of Staff")],
        &[("for several more years", "Mark Milley")],
    ),
    (
        "\"I would have expected to be told,\" Morrison, Vindman's superior, said.",
        &[("Morrison", P, "Tim Morrison"), ("Vindman", P, "Alexander Vindman")],
        &[("I would have expected to be told,", "Tim Morrison")],
    ),
    (
        "\"We saw the need to accelerate that,\" Steve Clarke, deputy associate administrator for exploration in NASA's science mission directorate, said.",
        &[("Steve Clarke", P, "Steve Clarke"), ("NASA", Org, "NASA")],
        &[("We saw the need to accelerate that,", "Steve Clarke")],
    ),
    (
        "The U.N. envoy for Syria, Staffan de Mistura, called it a \"significant development\".",
        &[("Syria", L, "Syria"), ("Staffan de Mistura", P, "Staffan de Mistura")],
        &[("significant development", "Staffan de Mistura")],
    ),
    (
        "Tim Cook, who followed Marc Benioff on stage, said: \"Privacy is a human right.\"",
        &[("Tim Cook", P, "Tim Cook"), ("Marc Benioff", P, "Marc Benioff")],
        &[("Privacy is a human right.", "Tim Cook")],
    ),
    (
        "\"We will win this race,\" said Kerry, who met Lavrov in Moscow.",
        &[("Kerry", P, "John Kerry"), ("Lavrov", P, "Sergei Lavrov"), ("Moscow", L, "Moscow")],
        &[("We will win this race,", "John Kerry")],
    ),
    // The subject of the speech verb wins over a nearer name.
    (
        "Marc Benioff spoke before him. Cook told the audience, \"Privacy is a human right.\"",
        &[("Marc Benioff", P, "Marc Benioff"), ("Cook", P, "Tim Cook")],
        &[("Privacy is a human right.", "Tim Cook")],
    ),
    // Descriptions standing for an entity named before.
    (
        "James Van Der Beek thanked his fans. \"It was a wild ride,\" the actor said.",
        &[("James Van Der Beek", P, "James Van Der Beek")],
        &[("It was a wild ride,", "James Van Der Beek")],
    ),
    (
        "Ann Cole spoke first. \"We need the votes,\" said the senator.",
        &[("Ann Cole", P, "Ann Cole")],
        &[("We need the votes,", "Ann Cole")],
    ),
    (
        "Acme Corp cut 500 jobs. \"We regret the decision,\" the company said.",
        &[("Acme Corp", Org, "Acme Corp")],
        &[("We regret the decision,", "Acme Corp")],
    ),
    (
        "The WeWorkers Coalition met on Monday. \"We want a seat at the table,\" the group said in a statement.",
        &[("WeWorkers Coalition", Org, "WeWorkers Coalition")],
        &[("We want a seat at the table,", "WeWorkers Coalition")],
    ),
    (
        "The Foreign Ministry summoned the envoy. The ministry said the move was \"unacceptable\".",
        &[("Foreign Ministry", Org, "Foreign Ministry")],
        &[("unacceptable", "Foreign Ministry")],
    ),
    (
        "Jose Mourinho was hired on Wednesday. The 56-year-old said: \"I am excited to be here.\"",
        &[("Jose Mourinho", P, "Jose Mourinho")],
        &[("I am excited to be here.", "Jose Mourinho")],
    ),
    (
        "Jose Mourinho arrived in London. \"I am very happy today,\" the Portuguese boss said.",
        &[("Jose Mourinho", P, "Jose Mourinho"), ("London", L, "London")],
        &[("I am very happy today,", "Jose Mourinho")],
    ),
    (
        "\"We regret the decision,\" the company said.",
        &[],
        &[("We regret the decision,", "~the company")],
    ),
    (
        "Ann Cole left the room. \"It is over now,\" the spokesman said.",
        &[("Ann Cole", P, "Ann Cole")],
        &[("It is over now,", "~the spokesman")],
    ),
    // A trailing `, said X` closes the sentence.
    (
        "Sondland told others \"he was in charge of Ukraine\" despite his post, said another witness, Fiona Hill.",
        &[("Sondland", P, "Gordon Sondland"), ("Ukraine", L, "Ukraine"), ("Fiona Hill", P, "Fiona Hill")],
        &[("he was in charge of Ukraine", "Fiona Hill")],
    ),
    (
        "The troops will stay \"for several more years\", according to Mark Milley.",
        &[("Mark Milley", P, "Mark Milley")],
        &[("for several more years", "Mark Milley")],
    ),
    // A coordinated verb borrows the subject; pronouns.
    (
        "Gwynne Shotwell spoke. She didn't give a date, but said SpaceX would fly Starship \"a lot\" before then.",
        &[("Gwynne Shotwell", P, "Gwynne Shotwell"), ("SpaceX", Org, "SpaceX")],
        &[("a lot", "Gwynne Shotwell")],
    ),
    (
        "\"The evidence has weakened,\" the Swedish Prosecution Authority said. \"The reason is the time that has passed,\" it added.",
        &[("Swedish Prosecution Authority", Org, "Swedish Prosecution Authority")],
        &[
            ("The evidence has weakened,", "Swedish Prosecution Authority"),
            ("The reason is the time that has passed,", "Swedish Prosecution Authority"),
        ],
    ),
    (
        "The Electoral Commission issued a statement. It pointed out that it does not have \"a role in regulating campaign content.\"",
        &[("Electoral Commission", Org, "Electoral Commission")],
        &[("a role in regulating campaign content.", "Electoral Commission")],
    ),
    // A paragraph opening with a quote continues the quote before.
    (
        "Jose Mourinho said: \"I am excited. It is a great club. The fans are great. I cannot wait.\n\n\"The quality of the squad excites me.\"",
        &[("Jose Mourinho", P, "Jose Mourinho")],
        &[
            ("I am excited. It is a great club. The fans are great. I cannot wait.", "Jose Mourinho"),
            ("The quality of the squad excites me.", "Jose Mourinho"),
        ],
    ),
    // Quotes nested in a quote.
    (
        "\u{201c}I heard Trump ask, quote, \u{2018}So is he going to do it?\u{2019}\u{201d} Holmes testified.",
        &[("Trump", P, "Donald Trump"), ("Holmes", P, "David Holmes")],
        &[
            ("I heard Trump ask, quote, \u{2018}So is he going to do it?\u{2019}", "David Holmes"),
            ("So is he going to do it?", "Donald Trump"),
        ],
    ),
    (
        "\u{201c}Sondland replied that \u{2018}He\u{2019}s going to do it,\u{2019} adding that he will \u{2018}do anything you ask.\u{2019}\u{201d} Holmes testified.",
        &[("Sondland", P, "Gordon Sondland"), ("Holmes", P, "David Holmes")],
        &[
            ("Sondland replied that \u{2018}He\u{2019}s going to do it,\u{2019} adding that he will \u{2018}do anything you ask.\u{2019}", "David Holmes"),
            ("He\u{2019}s going to do it,", "Gordon Sondland"),
            ("do anything you ask.", "Gordon Sondland"),
        ],
    ),
    (
        "\u{201c}You have not fixed the \u{2018}Giuliani problem\u{2019}?\u{201d} Schiff asked.",
        &[("Schiff", P, "Adam Schiff")],
        &[("You have not fixed the \u{2018}Giuliani problem\u{2019}?", "Adam Schiff")],
    ),
    // Title quotes take the speaker of a later quote that says their words.
    (
        "6. \"The Gordon problem\"\n\nHe said Fiona Hill had dubbed the role \"the Gordon problem.\"",
        &[("Fiona Hill", P, "Fiona Hill")],
        &[("The Gordon problem", "Fiona Hill"), ("the Gordon problem.", "Fiona Hill")],
    ),
    (
        "3. \"Big changes ahead\"\n\nThe council met on Monday.",
        &[],
        &[],
    ),
    (
        "\"My fears have been realized\"\n\nThe hearing went on until late.",
        &[],
        &[("My fears have been realized", "-")],
    ),
    // Quoted names and terms are not speech.
    (
        "Volker said he never used the term \"three amigos\" at all.",
        &[("Volker", P, "Kurt Volker")],
        &[],
    ),
    (
        "They were known as the \"Three Amigos.\" Volker said so.",
        &[("Volker", P, "Kurt Volker")],
        &[],
    ),
    (
        "He visited Hoa Lo prison, dubbed the \"Hanoi Hilton\" by servicemen.",
        &[("Hoa Lo", L, "Hoa Lo")],
        &[],
    ),
    (
        "The party renamed its account to \"factcheckUK\" during the debate, critics said.",
        &[],
        &[],
    ),
    (
        "Volker said he was never part of an \"irregular\" channel.",
        &[("Volker", P, "Kurt Volker")],
        &[],
    ),
    (
        "Volker insists he worked through \"official\" channels, \"cringes\" at references\n\nVolker testified on Tuesday.",
        &[("Volker", P, "Kurt Volker")],
        &[],
    ),
    (
        "Trump called the hearings a \"disgrace\" on Tuesday.",
        &[("Trump", P, "Donald Trump")],
        &[("disgrace", "Donald Trump")],
    ),
    // Marks and verbs.
    (
        "\u{201c}It was an attempt to mislead voters,\u{2019}\u{2019} Will Moy told the BBC.",
        &[("Will Moy", P, "Will Moy"), ("BBC", Org, "BBC")],
        &[("It was an attempt to mislead voters,", "Will Moy")],
    ),
    (
        "\u{201c}Sondland referred to the Bidens,\u{201d} Vindman testified.",
        &[("Sondland", P, "Gordon Sondland"), ("Vindman", P, "Alexander Vindman")],
        &[("Sondland referred to the Bidens,", "Alexander Vindman")],
    ),
    (
        "Twitter pledged to take \u{201c}decisive corrective action\u{201d} against such moves.",
        &[("Twitter", Org, "Twitter")],
        &[("decisive corrective action", "Twitter")],
    ),
    (
        "A judge ruled that he should stay in jail because of his \"history of absconding\".",
        &[],
        &[("history of absconding", "~A judge")],
    ),
];

/// An attributed name no dictionary knows becomes an entity with mentions, and a short
/// form takes the full name written before it.
#[test]
fn attributed_names_become_entities() {
    let text = "Lewis Ward, an analyst at IDC, follows the market. \"Sales will fall,\" Ward said. \"Prices are high,\" the Electoral Commission said.";
    let mut r = super::resolved(text, &[("IDC", Org, "IDC")]);
    let quotes = super::find(text, &mut r);
    let ward = r
        .entities
        .iter()
        .position(|e| e.canonical == "Lewis Ward")
        .unwrap();
    assert_eq!(r.entities[ward].kind, P);
    assert_eq!(quotes[0].speaker, Some(ward));
    assert!(quotes[0].how.ends_with("+speaker"), "{}", quotes[0].how);
    assert_eq!(r.entities[ward].count, 2);
    let commission = quotes[1].speaker.unwrap();
    assert_eq!(r.entities[commission].kind, Org);
    assert!(r.mentions.windows(2).all(|w| w[0].end <= w[1].start));
}
