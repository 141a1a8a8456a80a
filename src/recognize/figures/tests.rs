//! Table-driven figure cases, written for these tests (no evaluation text).
//!
//! Each case is a text and the figures expected in it, in order, as
//! `(span, value, qualifier, unit)`: the value is `1000`, a range `3000..6000`, or a
//! lower bound `>=200` (vague amounts such as "hundreds"); `-` as unit means none.

use super::*;
use crate::recognize::tokens::VocabBuilder;

type Want<'a> = (&'a str, &'a str, &'a str, &'a str);

const CASES: &[(&str, &[Want])] = &[
    // Counts with qualifiers; the counted noun goes to `unit`, not the span.
    ("The army keeps about 1,000 military personnel there.", &[("about 1,000", "1000", "approx", "military personnel")]),
    ("It has had between 3,000 and 6,000 troops in the area.", &[("between 3,000 and 6,000", "3000..6000", "range", "troops")]),
    ("More than 200 refugees crossed on foot.", &[("More than 200", "200", "more_than", "refugees")]),
    ("Nearly 50 civilians were hurt.", &[("Nearly 50", "50", "approx", "civilians")]),
    ("At least 12 soldiers died.", &[("At least 12", "12", "at_least", "soldiers")]),
    ("Fewer than 30 people came.", &[("Fewer than 30", "30", "less_than", "people")]),
    ("Over 400 workers lost their jobs.", &[("Over 400", "400", "more_than", "workers")]),
    ("Almost 90 villages were flooded.", &[("Almost 90", "90", "approx", "villages")]),
    ("Roughly 700 students signed.", &[("Roughly 700", "700", "approx", "students")]),
    ("Around 60 journalists attended.", &[("Around 60", "60", "approx", "journalists")]),
    ("Approximately 15 ships were seen.", &[("Approximately 15", "15", "approx", "ships")]),
    ("Less than 10 firms bid.", &[("Less than 10", "10", "less_than", "firms")]),
    ("Some 300 delegates voted.", &[("Some 300", "300", "approx", "delegates")]),
    ("The bus carried 45 passengers.", &[("45", "45", "exact", "passengers")]),
    ("Police arrested 17 protesters.", &[("17", "17", "exact", "protesters")]),
    ("The plant employs 2,500 people.", &[("2,500", "2500", "exact", "people")]),
    ("They sent 1,000 Russian troops.", &[("1,000", "1000", "exact", "troops")]),
    ("The convoy had 30 armored vehicles.", &[("30", "30", "exact", "vehicles")]),
    ("A fleet of 12 fighter jets flew past.", &[("12", "12", "exact", "fighter jets")]),
    ("The list names 14 police officers.", &[("14", "14", "exact", "police officers")]),
    ("It deployed 800 special forces.", &[("800", "800", "exact", "special forces")]),
    ("There are 9 polling stations.", &[("9", "9", "exact", "polling stations")]),
    ("The club has 350 members.", &[("350", "350", "exact", "members")]),
    ("The site drew 40,000 visitors.", &[("40,000", "40000", "exact", "visitors")]),
    ("They found 23 bodies.", &[("23", "23", "exact", "bodies")]),
    ("The firm sold 5,000 units.", &[("5,000", "5000", "exact", "units")]),
    ("The city has 12 hospitals.", &[("12", "12", "exact", "hospitals")]),
    ("She owns 3 cars.", &[("3", "3", "exact", "cars")]),
    ("The region lost 80 schools.", &[("80", "80", "exact", "schools")]),
    ("The storm destroyed 150 homes.", &[("150", "150", "exact", "homes")]),
    ("It counts 27 member states.", &[("27", "27", "exact", "states")]),
    ("At least 4 rockets hit the town.", &[("At least 4", "4", "at_least", "rockets")]),
    ("Up to 20 drones were launched.", &[("20", "20", "at_most", "drones")]),
    ("As many as 300 migrants drowned.", &[("300", "300", "at_most", "migrants")]),
    ("No more than 5 cases were reported.", &[("No more than 5", "5", "at_most", "cases")]),
    ("Only 8 hostages were freed.", &[("Only 8", "8", "exact", "hostages")]),
    ("Well over 100 languages are spoken.", &[("Well over 100", "100", "more_than", "languages")]),
    ("He won just over 600 votes.", &[("just over 600", "600", "more_than", "votes")]),
    ("It has no fewer than 10 rooms.", &[("no fewer than 10", "10", "at_least", "rooms")]),
    ("The count fell below 2,000 cases.", &[("2,000", "2000", "less_than", "cases")]),
    ("Six or more suspects fled.", &[("Six or more", "6", "at_least", "suspects")]),
    ("About 100 or so guests came.", &[("About 100", "100", "approx", "-")]),
    ("An estimated 5,000 fans waited.", &[("5,000", "5000", "approx", "fans")]),
    ("Another 40 patients arrived.", &[("Another 40", "40", "exact", "patients")]),
    // Number words.
    ("Nine people were injured.", &[("Nine", "9", "exact", "people")]),
    ("They arrested twelve suspects.", &[("twelve", "12", "exact", "suspects")]),
    ("Twenty-five soldiers were hurt.", &[("Twenty-five", "25", "exact", "soldiers")]),
    ("They built ninety-nine houses.", &[("ninety-nine", "99", "exact", "houses")]),
    ("A dozen reporters waited.", &[("A dozen", "12", "exact", "reporters")]),
    ("Two dozen boats sank.", &[("Two dozen", "24", "exact", "boats")]),
    ("One hundred and twenty delegates came.", &[("One hundred and twenty", "120", "exact", "delegates")]),
    ("Three hundred workers struck.", &[("Three hundred", "300", "exact", "workers")]),
    ("Five thousand troops marched.", &[("Five thousand", "5000", "exact", "troops")]),
    ("Two million people voted.", &[("Two million", "2000000", "exact", "people")]),
    ("A hundred people marched.", &[("A hundred", "100", "exact", "people")]),
    ("A thousand flowers bloomed.", &[("A thousand", "1000", "exact", "flowers")]),
    ("Dozens of protesters gathered.", &[("Dozens", ">=24", "approx", "protesters")]),
    ("Hundreds of refugees waited.", &[("Hundreds", ">=200", "approx", "refugees")]),
    ("Thousands of people fled.", &[("Thousands", ">=2000", "approx", "people")]),
    ("Tens of thousands of people marched.", &[("Tens of thousands", ">=20000", "approx", "people")]),
    ("Hundreds of thousands of civilians fled.", &[("Hundreds of thousands", ">=200000", "approx", "civilians")]),
    ("Millions of viewers watched.", &[("Millions", ">=2000000", "approx", "viewers")]),
    ("Several hundred soldiers remained.", &[("Several hundred", ">=300", "approx", "soldiers")]),
    ("Several thousand fans cheered.", &[("Several thousand", ">=3000", "approx", "fans")]),
    ("A few hundred residents stayed.", &[("A few hundred", ">=200", "approx", "residents")]),
    ("Half of the voters stayed home.", &[("Half", "0.5", "exact", "-")]),
    ("Two-thirds of the members agreed.", &[("Two-thirds", "0.6666666666666666", "exact", "-")]),
    ("A third of the budget was spent.", &[("A third", "0.3333333333333333", "exact", "-")]),
    ("A quarter of the staff left.", &[("A quarter", "0.25", "exact", "-")]),
    ("Seven point five million people live there.", &[("Seven point five million", "7500000", "exact", "people")]),
    ("They won seven medals.", &[("seven", "7", "exact", "medals")]),
    ("Four tanks were hit.", &[("Four", "4", "exact", "tanks")]),
    ("Eleven players started.", &[("Eleven", "11", "exact", "players")]),
    ("Fifty cities joined.", &[("Fifty", "50", "exact", "cities")]),
    ("one man was arrested.", &[("one", "1", "exact", "-")]),
    ("It is a one-party state.", &[("one", "1", "exact", "-")]),
    ("About a dozen monks prayed.", &[("About a dozen", "12", "approx", "monks")]),
    ("Nearly half of the cases were mild.", &[("Nearly half", "0.5", "approx", "-")]),
    ("Only half the money arrived.", &[("Only half", "0.5", "exact", "-")]),
    // Digits: decimals, scale words, fractions.
    ("The country has 3.5 million refugees.", &[("3.5 million", "3500000", "exact", "refugees")]),
    ("It printed 1.2 billion copies.", &[("1.2 billion", "1200000000", "exact", "copies")]),
    ("They counted 250 thousand votes.", &[("250 thousand", "250000", "exact", "votes")]),
    ("The index rose 2 1/2 points.", &[("2 1/2", "2.5", "exact", "points")]),
    ("Shares gained 3/4 point.", &[("3/4", "0.75", "exact", "-")]),
    ("The ratio is 0.75 overall.", &[("0.75", "0.75", "exact", "-")]),
    ("The city has 1,234,567 residents.", &[("1,234,567", "1234567", "exact", "residents")]),
    ("It weighs 12.5 more than that.", &[("12.5", "12.5", "exact", "-")]),
    ("He scored 98 of them.", &[("98", "98", "exact", "-")]),
    ("A 40 billion project was approved.", &[("40 billion", "40000000000", "exact", "-")]),
    // Money.
    ("The deal is worth $2 billion.", &[("$2 billion", "2000000000", "exact", "USD")]),
    ("It raised $3.5 million last year.", &[("$3.5 million", "3500000", "exact", "USD")]),
    ("He paid $500 for it.", &[("500", "500", "exact", "USD")]),
    ("It costs about $120,000 a year.", &[("about $120,000", "120000", "approx", "USD")]),
    ("They lost more than $10,000.", &[("more than $10,000", "10000", "more_than", "USD")]),
    ("Exports reached 2 billion dollars.", &[("2 billion dollars", "2000000000", "exact", "USD")]),
    ("It cost 10 million US dollars.", &[("10 million US dollars", "10000000", "exact", "USD")]),
    ("It cost 3 million U.S. dollars.", &[("3 million U.S. dollars", "3000000", "exact", "USD")]),
    ("The fine was 5,000 euros.", &[("5,000 euros", "5000", "exact", "EUR")]),
    ("The bill is €40 million.", &[("€40 million", "40000000", "exact", "EUR")]),
    ("He was paid £2 million.", &[("£2 million", "2000000", "exact", "GBP")]),
    ("It sold for 900 million pounds sterling.", &[("900 million pounds sterling", "900000000", "exact", "GBP")]),
    ("The budget is 14 billion yuan.", &[("14 billion yuan", "14000000000", "exact", "CNY")]),
    ("They invested 500 million yuan RMB.", &[("500 million yuan RMB", "500000000", "exact", "CNY")]),
    ("The deal was 50 billion yen.", &[("50 billion yen", "50000000000", "exact", "JPY")]),
    ("It cost 300 million rubles.", &[("300 million rubles", "300000000", "exact", "RUB")]),
    ("The loan was 20 billion rupees.", &[("20 billion rupees", "20000000000", "exact", "INR")]),
    ("The stock fell 61 cents.", &[("61 cents", "61", "exact", "USD cents")]),
    ("It was priced at 5 billion won.", &[("5 billion won", "5000000000", "exact", "KRW")]),
    ("They paid US$ 4.6 million.", &[("US$ 4.6 million", "4600000", "exact", "USD")]),
    ("It costs HK$ 30 million.", &[("HK$ 30 million", "30000000", "exact", "HKD")]),
    ("The fee is NT$ 160,000.", &[("NT$ 160,000", "160000", "exact", "TWD")]),
    ("The ticket is ¥ 2,000 million.", &[("¥ 2,000 million", "2000000000", "exact", "JPY")]),
    ("It raised 100 million Canadian dollars.", &[("100 million Canadian dollars", "100000000", "exact", "CAD")]),
    ("They spent 8 million Swiss francs.", &[("8 million Swiss francs", "8000000", "exact", "CHF")]),
    ("The deal values it at 4 billion Hong Kong dollars.", &[("4 billion Hong Kong dollars", "4000000000", "exact", "HKD")]),
    ("Prices range from $30 to $40.", &[("$30 to $40", "30..40", "range", "USD")]),
    ("It will cost $1.5 billion to $2 billion.", &[("$1.5 billion to $2 billion", "1500000000..2000000000", "range", "USD")]),
    ("Bids were between $5 million and $8 million.", &[("between $5 million and $8 million", "5000000..8000000", "range", "USD")]),
    ("Up to $5 billion may be needed.", &[("$5 billion", "5000000000", "at_most", "USD")]),
    ("Billions of dollars were lost.", &[("Billions of dollars", ">=2000000000", "approx", "USD")]),
    ("It was a five-cent change.", &[("five-cent", "5", "exact", "USD cents")]),
    ("Nearly one billion yuan was spent.", &[("Nearly one billion yuan", "1000000000", "approx", "CNY")]),
    ("It had #500 million in capital.", &[("#500 million", "500000000", "exact", "GBP")]),
    ("The payout was RMB 38,000.", &[("RMB 38,000", "38000", "exact", "CNY")]),
    // Percentages.
    ("Turnout was 10 percent.", &[("10 percent", "10", "exact", "percent")]),
    ("Sales rose 5%.", &[("5%", "5", "exact", "percent")]),
    ("Growth was 2.4% last year.", &[("2.4%", "2.4", "exact", "percent")]),
    ("About 65% agreed.", &[("About 65%", "65", "approx", "percent")]),
    ("More than 7% of loans failed.", &[("More than 7%", "7", "more_than", "percent")]),
    ("Rates are 12% to 15%.", &[("12% to 15%", "12..15", "range", "percent")]),
    ("It yields 9 3/4%.", &[("9 3/4%", "9.75", "exact", "percent")]),
    ("Inflation hit 8 per cent.", &[("8 per cent", "8", "exact", "percent")]),
    ("The rate is 3 pct.", &[("3 pct", "3", "exact", "percent")]),
    ("It rose 0.5 percentage point.", &[("0.5 percentage point", "0.5", "exact", "percentage points")]),
    ("He led by 14 percentage points.", &[("14 percentage points", "14", "exact", "percentage points")]),
    ("Forty percent of voters stayed away.", &[("Forty percent", "40", "exact", "percent")]),
    ("It was 7% or 8% at most.", &[("7% or 8%", "7..8", "range", "percent")]),
    ("Between 20% and 30% of them left.", &[("Between 20% and 30%", "20..30", "range", "percent")]),
    ("As much as 4% was lost.", &[("As much as 4%", "4", "at_most", "percent")]),
    ("Only 26.8% of them passed.", &[("Only 26.8%", "26.8", "exact", "percent")]),
    ("Costs fell 10 % this year.", &[("10 %", "10", "exact", "percent")]),
    // Measures.
    ("The road is 5 km long.", &[("5 km", "5", "exact", "km")]),
    ("They walked 30 kilometers.", &[("30 kilometers", "30", "exact", "km")]),
    ("It spans 200 hectares of land.", &[("200 hectares", "200", "exact", "ha")]),
    ("The field covers 40 acres.", &[("40 acres", "40", "exact", "acre")]),
    ("They shipped 1.5 million tons of grain.", &[("1.5 million tons", "1500000", "exact", "ton")]),
    ("It produces 500,000 metric tons a year.", &[("500,000 metric tons", "500000", "exact", "t")]),
    ("The tower is 43 meters tall.", &[("43 meters", "43", "exact", "m")]),
    ("A 34-foot boat sank.", &[("34-foot", "34", "exact", "ft")]),
    ("It pumps 70,000 barrels a day.", &[("70,000 barrels", "70000", "exact", "bbl")]),
    ("The lake holds 150 billion cubic meters.", &[("150 billion cubic meters", "150000000000", "exact", "m3")]),
    ("The island has 39.5 square kilometers.", &[("39.5 square kilometers", "39.5", "exact", "km2")]),
    ("The mine yields 170,262 ounces of gold.", &[("170,262 ounces", "170262", "exact", "oz")]),
    ("It weighs 2,100 kilograms.", &[("2,100 kilograms", "2100", "exact", "kg")]),
    ("The pipe is 150 centimeters wide.", &[("150 centimeters", "150", "exact", "cm")]),
    ("It sits about 100 miles north.", &[("about 100 miles", "100", "approx", "mi")]),
    ("More than 86,000 liters leaked.", &[("More than 86,000 liters", "86000", "more_than", "l")]),
    ("Trees grow three to four meters a year.", &[("three to four meters", "3..4", "range", "m")]),
    ("The depth is from 1,300 to 2,600 meters.", &[("1,300 to 2,600 meters", "1300..2600", "range", "m")]),
    ("The plant makes 600 megawatts.", &[("600 megawatts", "600", "exact", "MW")]),
    ("It was minus 20 degrees.", &[("20 degrees", "20", "exact", "degrees")]),
    ("A 40-megabyte drive.", &[("40-megabyte", "40", "exact", "MB")]),
    ("Only 40 centimeters remained.", &[("Only 40 centimeters", "40", "exact", "cm")]),
    // Ranges.
    ("It hired 3,000-6,000 workers.", &[("3,000-6,000", "3000..6000", "range", "workers")]),
    ("They expect from 10 to 20 guests.", &[("10 to 20", "10..20", "range", "guests")]),
    ("Between 50 and 70 boats sank.", &[("Between 50 and 70", "50..70", "range", "boats")]),
    ("A crowd of 500 to 600 people gathered.", &[("500 to 600", "500..600", "range", "people")]),
    ("Five to six suspects ran.", &[("Five to six", "5..6", "range", "suspects")]),
    ("It lasted for 10 - 12 rounds.", &[("10 - 12", "10..12", "range", "rounds")]),
    ("Two or three officials resigned.", &[("Two", "2", "exact", "-"), ("three", "3", "exact", "officials")]),
    // Changes are not ranges: "rose 4 to 124".
    ("The stock rose 4 to 124.", &[("4", "4", "exact", "-"), ("124", "124", "exact", "-")]),
    ("Shares fell 3 1/4 to 38.", &[("3 1/4", "3.25", "exact", "-"), ("38", "38", "exact", "-")]),
    // ... also with a qualifier between the movement and the change, and between amounts
    // of different units.
    ("Shares fell by about 20 to 61.", &[("about 20", "20", "approx", "-"), ("61", "61", "exact", "-")]),
    ("It moved 0.25 percentage point to 8.75%.", &[("0.25 percentage point", "0.25", "exact", "percentage points"), ("8.75%", "8.75", "exact", "percent")]),
    ("from 30 to 40 percent", &[("30 to 40 percent", "30..40", "range", "percent")]),
    ("Between 3 and 5 million people.", &[("Between 3 and 5 million", "3000000..5000000", "range", "people")]),
    // Not figures: codes, models, dates, times, ordinals, ids.
    ("A Su-25 jet and Su-24 bombers were seen.", &[]),
    ("The F-16 and the G20 summit.", &[]),
    ("Choose the 16x9 image.", &[]),
    ("He flew a Boeing 747 home.", &[]),
    ("It happened in 2015.", &[]),
    ("Since 1998 the firm has grown.", &[]),
    ("The talks began on March 14, 2016.", &[]),
    ("The photo was taken Dec. 18, 2015.", &[]),
    ("We met on 14 March.", &[]),
    ("The meeting is at 12:41.", &[]),
    ("Call 555-1234 today.", &[]),
    ("Call 1-800-555-0199 now.", &[]),
    ("She came first.", &[]),
    ("He finished 3rd in the race.", &[]),
    ("The 1990s were good.", &[]),
    ("See COVID-19 rules.", &[]),
    ("The MH17 crash.", &[]),
    ("The war lasted five years.", &[]),
    ("For about three weeks there was calm.", &[]),
    ("It was a five-year conflict.", &[]),
    ("They met at 10 a.m. sharp.", &[]),
    ("We woke at seven o'clock.", &[]),
    ("John Smith, 40, was arrested.", &[]),
    ("She left school at age 18.", &[]),
    ("It was in '89 that we met.", &[]),
    ("That was in the 60's.", &[]),
    ("The vote was on 10/12/2015.", &[]),
    ("He wrote Chapter 11 last.", &[]),
    ("No one came.", &[]),
    ("One of the reasons was cost.", &[]),
    ("The first half of the year was slow.", &[]),
    ("The one who left was tall.", &[]),
    ("In the 2016-03-16 release.", &[]),
    ("It took ten to twelve hours.", &[]),
    ("He used Windows 95 daily.", &[]),
    ("It lasted a year or two.", &[]),
    ("In 1986 there was a drought.", &[]),
    ("By 2030 the plan ends.", &[]),
    ("Version A4 is out.", &[]),
    ("Ping 208.185.9.24 first.", &[]),
    ("The S&P 500 index fell.", &[]),
    ("He was born in nineteen.", &[("nineteen", "19", "exact", "-")]),
    // Several figures in one sentence.
    (
        "The 5 firms hired 200 workers and paid $3 million.",
        &[("5", "5", "exact", "firms"), ("200", "200", "exact", "workers"), ("$3 million", "3000000", "exact", "USD")],
    ),
    (
        "Unemployment fell to 4.5% from 5%, and 20,000 jobs were added.",
        &[("4.5%", "4.5", "exact", "percent"), ("5%", "5", "exact", "percent"), ("20,000", "20000", "exact", "jobs")],
    ),
    (
        "More than 40 languages reach over 326 million people.",
        &[("More than 40", "40", "more_than", "languages"), ("over 326 million", "326000000", "more_than", "people")],
    ),
    (
        "Russia plans to keep about 1,000 military personnel at air and naval bases in Syria.",
        &[("about 1,000", "1000", "approx", "military personnel")],
    ),
    (
        "The United States has estimated that Moscow has had between 3,000 and 6,000 troops in Syria.",
        &[("between 3,000 and 6,000", "3000..6000", "range", "troops")],
    ),
    (
        "In 2015, 12 ships carried 40,000 tonnes.",
        &[("12", "12", "exact", "ships"), ("40,000 tonnes", "40000", "exact", "t")],
    ),
    (
        "Nearly 2,000 people and 300 vehicles crossed in 3 days.",
        &[("Nearly 2,000", "2000", "approx", "people"), ("300", "300", "exact", "vehicles")],
    ),
    ("Zürich had 400 000 visitors.", &[("400", "400", "exact", "-"), ("000", "0", "exact", "visitors")]),
    ("Über 50 Menschen – about 50 people.", &[("50", "50", "exact", "-"), ("about 50", "50", "approx", "people")]),
];

fn parse_want(v: &str) -> (Option<f64>, Option<f64>, Option<f64>) {
    if let Some(lo) = v.strip_prefix(">=") {
        return (None, Some(lo.parse().unwrap()), None);
    }
    if let Some((a, b)) = v.split_once("..") {
        return (None, Some(a.parse().unwrap()), Some(b.parse().unwrap()));
    }
    (Some(v.parse().unwrap()), None, None)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        _ => false,
    }
}

#[test]
fn figure_table() {
    let r = FigureRecognizer::new();
    let mut failures = Vec::new();
    for (text, want) in CASES {
        let mut out = Vec::new();
        r.find(text, &mut out);
        let got: Vec<String> = out
            .iter()
            .map(|c| {
                let Detail::Figure(f) = &c.detail else {
                    return "no detail".to_string();
                };
                format!(
                    "{:?} v={:?} min={:?} max={:?} {} {:?}",
                    &text[c.start..c.end],
                    f.value,
                    f.min,
                    f.max,
                    f.qualifier,
                    f.unit
                )
            })
            .collect();
        let ok = out.len() == want.len()
            && out.iter().zip(want.iter()).all(|(c, w)| {
                let Detail::Figure(f) = &c.detail else {
                    return false;
                };
                let (v, lo, hi) = parse_want(w.1);
                let unit = (w.3 != "-").then(|| w.3.to_string());
                &text[c.start..c.end] == w.0
                    && close(f.value, v)
                    && close(f.min, lo)
                    && close(f.max, hi)
                    && f.qualifier.as_str() == w.2
                    && f.unit == unit
                    && c.kind == EntityType::Figure
                    && c.priority == PRIORITY
                    && c.how.starts_with("rule:")
            });
        if !ok {
            failures.push(format!("{text}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn enough_cases() {
    assert!(CASES.len() >= 200, "{}", CASES.len());
}

#[test]
fn offsets_are_char_boundaries() {
    let r = FigureRecognizer::new();
    for text in [
        "Zürich – 5 km – €3 million – «12 %»",
        "“About 1,000” troops—3,000–6,000",
    ] {
        let mut out = Vec::new();
        r.find(text, &mut out);
        assert!(!out.is_empty(), "{text}");
        for c in out {
            assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        }
    }
}

/// Qualifiers, range words, currency signs and prefixes, number words, units and
/// tokens that are none of these, for checking the screen of `scan`.
const VOCAB: &[&str] = &[
    "no",
    "fewer",
    "than",
    "a",
    "an",
    "minimum",
    "average",
    "of",
    "in",
    "excess",
    "at",
    "least",
    "up",
    "to",
    "as",
    "many",
    "well",
    "over",
    "between",
    "and",
    "from",
    "or",
    "about",
    "some",
    "estimated",
    "U",
    ".",
    "S",
    "$",
    "US",
    "HK",
    "#",
    "€",
    "£",
    "RMB",
    "dozen",
    "few",
    "several",
    "half",
    "third",
    "thirds",
    "hundred",
    "hundreds",
    "tens",
    "thousand",
    "million",
    "billion",
    "one",
    "two",
    "twenty",
    "five",
    "-",
    "1",
    "3",
    "12",
    "1,000",
    "2.5",
    "1990",
    "%",
    "percent",
    "dollars",
    "troops",
    "people",
    "years",
    "close",
    "greater",
    "upwards",
    "just",
    "not",
    "more",
    "less",
    "under",
    "maximum",
    "additional",
    "much",
    "CA",
    "NZ",
    "C",
    "cat",
    "said",
    ",",
    "the",
    "\n",
];

fn scan_both(text: &str) -> [Vec<Candidate>; 2] {
    let r = FigureRecognizer::new();
    [true, false].map(|screen| {
        let mut out = Vec::new();
        tokens::with_tokens(text, &r.vocab, |toks| r.scan(text, toks, &mut out, screen));
        out
    })
}

#[test]
fn screen_changes_nothing_on_examples() {
    for text in [
        "no fewer than U.S.$ 5 million, in excess of a dozen, as many as a few thousand",
        "between the cat and the dog, some people said, at least a third of",
        "an average of US$ 12, from 3 to 5 million dollars",
        "a",
        "",
    ] {
        let [screened, plain] = scan_both(text);
        assert_eq!(screened, plain, "{text:?}");
    }
}

/// Every qualifier, `$` prefix and their first words, whole, cut short and followed by
/// other tokens: the [`LEAD`] screen passes over a first word only where nothing can
/// begin.
#[test]
fn screen_changes_nothing_after_leads() {
    let heads = QUALIFIERS
        .iter()
        .map(|q| q.0)
        .chain(DOLLAR_PREFIXES.iter().map(|x| x.0))
        .chain(["U.S.", "U.S", "U"]);
    for head in heads {
        let first = head.split([' ', '.']).next().unwrap_or(head);
        for h in [head, first] {
            for next in [
                "5", "$5", "$ 5", ". 5", "a dozen", "cat 5", "- 5", "than 5", "",
            ] {
                for text in [format!("{h} {next}"), format!("{h}{next} people")] {
                    let [screened, plain] = scan_both(&text);
                    assert_eq!(screened, plain, "{text:?}");
                }
            }
        }
    }
}

proptest::proptest! {
    /// The screen finds exactly what the parser at every start finds.
    #[test]
    fn screen_changes_nothing(
        words in proptest::collection::vec(proptest::sample::select(VOCAB), 0..40),
        glue in proptest::collection::vec(proptest::bool::ANY, 40),
    ) {
        let mut text = String::new();
        for (w, g) in words.iter().zip(&glue) {
            if !g {
                text.push(' ');
            }
            text.push_str(w);
        }
        let [screened, plain] = scan_both(&text);
        proptest::prop_assert_eq!(screened, plain, "{:?}", text);
    }
}

/// The recogniser's tokens of `text`: the shared ones, numbers joined.
fn own_tokens(r: &FigureRecognizer, text: &str) -> Vec<Tok> {
    tokens::with_tokens(text, &r.vocab, |toks| {
        let mut joined = Vec::new();
        if join_numbers(text, toks, &mut joined) {
            joined
        } else {
            toks.to_vec()
        }
    })
}

/// Whether `w` is a number as the recogniser reads it: ASCII digit runs with one `,`
/// or `.` between two of them.
fn is_joined_number(w: &str) -> bool {
    w.split([',', '.'])
        .all(|run| !run.is_empty() && run.bytes().all(|b| b.is_ascii_digit()))
}

/// What the recogniser's tokens must be: they cover the text but its white space, in
/// order; `glued` says there is no gap; a number continued by `,` or `.` and a digit is
/// one token (a `Num` of digit runs, or `Mixed` when letters end it) and the next
/// token never continues it so; words carry the flags `add_words` gives them and signs
/// [`STARTER`] when they are `#` or a currency sign.
fn check_own_tokens(r: &FigureRecognizer, text: &str, toks: &[Tok]) -> Result<(), String> {
    let mut words = VocabBuilder::default();
    FigureRecognizer::add_words(&mut words);
    let mut at = 0;
    for (n, t) in toks.iter().enumerate() {
        let w = &text[t.s..t.e];
        let here = format!("token {n} {w:?} ({:?}, flags {})", t.kind, t.fig);
        let gap = &text[at..t.s];
        if !(at <= t.s && t.s < t.e && gap.chars().all(char::is_whitespace)) {
            return Err(format!("{here}: bad span or {gap:?} left out"));
        }
        if t.glued != (n > 0 && gap.is_empty()) || w.contains(char::is_whitespace) {
            return Err(format!("{here}: glued {} after {gap:?}", t.glued));
        }
        let number_part = w.find(|c: char| !matches!(c, '0'..='9' | ',' | '.'));
        let ok_kind = match t.kind {
            Kind::Num => is_joined_number(w),
            Kind::Mixed => {
                w.chars()
                    .all(|c| c.is_alphanumeric() || c == ',' || c == '.')
                    && w.bytes().any(|b| b.is_ascii_digit())
                    && number_part.is_some_and(|p| is_joined_number(&w[..p]) || p == 0)
            }
            Kind::Word => {
                w.starts_with(char::is_alphabetic)
                    && w.chars()
                        .all(|c| c.is_alphanumeric() && !c.is_ascii_digit())
            }
            Kind::Punct => w.chars().count() == 1,
        };
        let continued = matches!(t.kind, Kind::Num)
            && toks.get(n + 1).is_some_and(|sep| {
                sep.glued
                    && matches!(&text[sep.s..sep.e], "," | ".")
                    && text[sep.e..].starts_with(|c: char| c.is_ascii_digit())
                    && toks.get(n + 2).is_some_and(|d| d.glued)
            });
        let sign = w == "#" || (r.symbols.get(w).is_some() && t.kind == Kind::Punct);
        let flags = match t.kind {
            Kind::Word => words.figure_flags(w),
            Kind::Punct if sign => STARTER,
            _ => 0,
        };
        if !ok_kind || continued || t.fig != flags {
            return Err(format!("{here}: want flags {flags}, continued {continued}"));
        }
        at = t.e;
    }
    if !text[at..].chars().all(char::is_whitespace) {
        return Err(format!("{:?} left out at the end", &text[at..]));
    }
    Ok(())
}

proptest::proptest! {
    /// The recogniser's tokens are as [`check_own_tokens`] states.
    #[test]
    fn own_tokens_are_as_stated(
        words in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(VOCAB),
                proptest::sample::select(vec![
                    "  ", " \n ", "\t", "\u{b}", "\u{e9}", "\u{2019}", "a1", "1a", "1,000",
                    "2.5", ",", ".", "1,5a", "5,000\u{e9}", "\u{b2}", "\u{663}", "$", "#",
                    "\u{20ac}", "US", "\u{a0}", "1,", "1.2.3",
                ]),
            ],
            0..30,
        ),
        glue in proptest::collection::vec(proptest::bool::ANY, 30),
    ) {
        let mut text = String::new();
        for (w, g) in words.iter().zip(&glue) {
            if !g {
                text.push(' ');
            }
            text.push_str(w);
        }
        let r = FigureRecognizer::new();
        if let Err(e) = check_own_tokens(&r, &text, &own_tokens(&r, &text)) {
            proptest::prop_assert!(false, "{:?}: {}", text, e);
        }
    }
}

/// Words and signs get their flags whatever their case, ASCII or not; numbers with
/// commas and points are one token.
#[test]
fn words_and_signs_get_their_flags() {
    let r = FigureRecognizer::new();
    let text = "a A an AN one Two six tEn in at As s U us few\u{e9} \u{e9}a \u{e9} \
                \u{c5}s several hundred dozen cat x y z $ # \u{20ac} \u{201c} % 1,000.5 1,5a";
    let toks = own_tokens(&r, text);
    assert_eq!(check_own_tokens(&r, text, &toks), Ok(()));
    let with = |bit: u8| -> Vec<&str> {
        toks.iter()
            .filter(|t| t.fig & bit != 0)
            .map(|t| &text[t.s..t.e])
            .collect()
    };
    assert_eq!(
        with(NUMBER),
        ["one", "Two", "six", "tEn", "several", "hundred", "dozen"]
    );
    let signs: Vec<&str> = with(STARTER)
        .into_iter()
        .filter(|w| !w.starts_with(char::is_alphanumeric))
        .collect();
    assert_eq!(signs, ["$", "#", "\u{20ac}"]);
    assert_eq!(
        with(LEAD),
        ["a", "A", "an", "AN", "in", "at", "As", "s", "U", "us"]
    );
    let kinds: Vec<(&str, Kind)> = toks[toks.len() - 2..]
        .iter()
        .map(|t| (&text[t.s..t.e], t.kind))
        .collect();
    assert_eq!(kinds, [("1,000.5", Kind::Num), ("1,5a", Kind::Mixed)]);
}

#[test]
fn the_token_check_catches_wrong_tokens() {
    let r = FigureRecognizer::new();
    let text = "about 1,000 $";
    let toks = own_tokens(&r, text);
    assert_eq!(check_own_tokens(&r, text, &toks), Ok(()));
    // The shared tokens, numbers not joined.
    let shared = tokens::with_tokens(text, &r.vocab, |t| t.to_vec());
    assert!(check_own_tokens(&r, text, &shared).is_err());
    for k in 0..toks.len() {
        let mut wrong = toks.clone();
        wrong[k].fig ^= STARTER;
        assert!(check_own_tokens(&r, text, &wrong).is_err(), "{k}");
        let mut wrong = toks.clone();
        wrong[k].glued = !wrong[k].glued;
        assert!(check_own_tokens(&r, text, &wrong).is_err(), "{k}");
    }
    let mut wrong = toks.clone();
    wrong.pop();
    assert!(check_own_tokens(&r, text, &wrong).is_err());
}

/// The JSON the record writes for a figure number.
fn printed(v: f64) -> String {
    serde_json::to_string(&crate::record::Value::Number(v)).expect("a number prints")
}

/// A decimal literal ("1,234.50", "2.4e-5") as its significant digits and power of
/// ten, so that equal numbers compare equal however they are written.
fn exact_decimal(s: &str) -> (String, i64) {
    let (mant, exp) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().expect("an exponent")),
        None => (s, 0),
    };
    let mant: String = mant.chars().filter(|&c| c != ',').collect();
    let (int, frac) = mant.split_once('.').unwrap_or((&mant, ""));
    let mut digits = format!("{int}{frac}");
    let mut exp = exp - frac.len() as i64;
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        exp += 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return ("0".to_string(), 0);
    }
    (digits.to_string(), exp)
}

/// The figures of `text` as (value, min, max) printed as JSON.
fn printed_figures(text: &str) -> Vec<[Option<String>; 3]> {
    let mut out = Vec::new();
    FigureRecognizer::new().find(text, &mut out);
    out.iter()
        .map(|c| {
            let Detail::Figure(f) = &c.detail else {
                panic!("a figure without its numbers");
            };
            [f.value, f.min, f.max].map(|v| v.map(printed))
        })
        .collect()
}

#[test]
fn values_print_as_the_text_writes_them() {
    let some = |v: &str| Some(v.to_string());
    for (text, want) in [
        ("Growth was 0.24 percent.", [some("0.24"), None, None]),
        ("Rates rose 0.57%.", [some("0.57"), None, None]),
        ("It cost $2.5 billion.", [some("2500000000"), None, None]),
        ("It raised $4.35 million.", [some("4350000"), None, None]),
        ("It grew 1,000.1 tons.", [some("1000.1"), None, None]),
        (
            "Seven point one billion people.",
            [some("7100000000"), None, None],
        ),
        (
            "Between 0.1 and 0.3 percent.",
            [None, some("0.1"), some("0.3")],
        ),
        (
            "It will cost 1.1 to 1.7 billion dollars.",
            [None, some("1100000000"), some("1700000000")],
        ),
    ] {
        assert_eq!(printed_figures(text), [want], "{text}");
    }
}

#[test]
fn huge_literals_are_no_figures() {
    let huge = format!("1{}", "0".repeat(400));
    for text in [
        format!("There were {huge} people and 5 cars."),
        format!("It cost ${huge} billion, and 5 cars."),
        format!("It rose from 3 to {huge} percent, and 5 cars."),
        format!("{huge}.5 tons and 5 cars."),
    ] {
        let got = printed_figures(&text);
        assert_eq!(got, [[Some("5".to_string()), None, None]], "{text}");
    }
}

#[test]
fn exact_decimal_reads_any_form() {
    assert_eq!(exact_decimal("0.240"), ("24".to_string(), -2));
    assert_eq!(exact_decimal("2.4e-1"), ("24".to_string(), -2));
    assert_eq!(exact_decimal("1,200"), ("12".to_string(), 2));
    assert_eq!(exact_decimal("000"), ("0".to_string(), 0));
    assert_ne!(exact_decimal("0.24000000000000002"), exact_decimal("0.24"));
}

proptest::proptest! {
    /// Any decimal written with a multiplier word is printed as that decimal times the
    /// multiplier, exactly.
    #[test]
    fn figure_values_print_as_written(
        int in 0u64..1_000_000_000,
        commas in proptest::bool::ANY,
        frac in "[0-9]{0,6}",
        scale in proptest::sample::select(vec![
            ("", 0), (" hundred", 2), (" thousand", 3), (" million", 6), (" billion", 9),
            (" trillion", 12),
        ]),
    ) {
        let mut d = int.to_string();
        if commas {
            let digits = d.clone();
            d.clear();
            for (k, c) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k) % 3 == 0 {
                    d.push(',');
                }
                d.push(c);
            }
        }
        if !frac.is_empty() {
            d = format!("{d}.{frac}");
        }
        let text = format!("It cost ${d}{} in all.", scale.0);
        let got = printed_figures(&text);
        proptest::prop_assert_eq!(got.len(), 1, "{}", text);
        let value = got[0][0].clone().unwrap_or_default();
        let want = exact_decimal(&format!("{d}e{}", scale.1));
        proptest::prop_assert_eq!(exact_decimal(&value), want, "{} printed {}", text, value);
    }
}
