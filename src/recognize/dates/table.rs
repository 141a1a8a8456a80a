//! Table-driven tests of the date recogniser: each case is a sentence written for this
//! file, its reference date, the expected span and its TIMEX3 type, value and mod.
//! The reference 2016-03-16 is a Wednesday (ISO week 2016-W11).

use super::DateRecognizer;
use crate::recognize::{Candidate, Detail};
use chrono::NaiveDate;

/// (text, reference date or "", expected span, timex, value, mod)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const R: &str = "2016-03-16";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Absolute dates in common news forms.
    ("Russia began its campaign on Dec. 18, 2015, officials said.", R, "Dec. 18, 2015", "DATE", "2015-12-18", None),
    ("The treaty was signed 18 December 2015 in Geneva.", R, "18 December 2015", "DATE", "2015-12-18", None),
    ("The file carries the stamp 2015-12-18 on every page.", R, "2015-12-18", "DATE", "2015-12-18", None),
    ("The claim was filed on 12/18/2015 in Ohio.", R, "12/18/2015", "DATE", "2015-12-18", None),
    ("The claim was filed on 18/12/2015 in Lyon.", R, "18/12/2015", "DATE", "2015-12-18", None),
    ("The claim was filed on 3/4/2015 in Ohio.", R, "3/4/2015", "DATE", "2015-03-04", None),
    ("The decree of 18.12.2015 remains in force.", R, "18.12.2015", "DATE", "2015-12-18", None),
    ("The meeting on March 14, 2016 ended without a deal.", R, "March 14, 2016", "DATE", "2016-03-14", None),
    ("The statement was dated March 16, 2016.", R, "March 16, 2016", "DATE", "2016-03-16", None),
    ("The colonies declared independence on 4 July 1776.", R, "4 July 1776", "DATE", "1776-07-04", None),
    ("The note was written on Wednesday, March 16, 2016 in Vienna.", R, "Wednesday, March 16, 2016", "DATE", "2016-03-16", None),
    ("The ceasefire began on the 14th of March after talks.", R, "the 14th of March", "DATE", "2016-03-14", None),
    ("The fiscal year ended Sept. 30 with a loss.", R, "Sept. 30", "DATE", "2015-09-30", None),
    ("The vote will be held May 5 across the country.", R, "May 5", "DATE", "2016-05-05", None),
    ("Rents rose in June of last year, the survey found.", R, "June of last year", "DATE", "2015-06", None),
    ("Rents rose in January this year, the survey found.", R, "January this year", "DATE", "2016-01", None),
    ("The talks opened on July the seventh in Doha.", R, "July the seventh", "DATE", "2015-07-07", None),
    ("The plant closed on June twenty-fifth after the flood.", R, "June twenty-fifth", "DATE", "2015-06-25", None),
    // Partial dates.
    ("Elections are due in March, the commission said.", R, "March", "DATE", "2016-03", None),
    ("Growth slowed in September 2015 as exports fell.", R, "September 2015", "DATE", "2015-09", None),
    ("Prices rose sharply in the 1990s across Europe.", R, "the 1990s", "DATE", "199", None),
    ("Sales peaked in 2015 before the slump.", R, "2015", "DATE", "2015", None),
    ("The city was founded in 1848 by settlers.", R, "1848", "DATE", "1848", None),
    ("The bug was feared in the year 2000 by many firms.", R, "the year 2000", "DATE", "2000", None),
    ("He left the country in nineteen ninety-six for good.", R, "nineteen ninety-six", "DATE", "1996", None),
    ("He moved to the capital in '69 with his family.", R, "'69", "DATE", "1969", None),
    ("The talks covered pre-1917 debts of the empire.", R, "pre-1917", "DATE", "1917", Some("BEFORE")),
    ("Dealers cut prices on 1990-model cars this spring.", R, "1990", "DATE", "1990", None),
    ("The 2012-13 season was his best so far.", R, "2012-13", "DATE", "2012", None),
    ("Sales fell in January, the ministry said.", R, "January", "DATE", "2016-01", None),
    ("Sales will rise in December, the ministry said.", R, "December", "DATE", "2016-12", None),
    ("The law took effect last March after a long fight.", R, "last March", "DATE", "2015-03", None),
    ("The vote is planned for next September in the capital.", R, "next September", "DATE", "2016-09", None),
    ("The campaign, which began in late September, is over.", R, "late September", "DATE", "2015-09", Some("END")),
    ("Investment should pick up in early 2016, bankers said.", R, "early 2016", "DATE", "2016", Some("START")),
    ("The vote is set for mid-March in most regions.", R, "mid-March", "DATE", "2016-03", Some("MID")),
    ("At the beginning of October the army pulled back.", R, "the beginning of October", "DATE", "2015-10", Some("START")),
    ("The debt must be repaid by the end of 2015.", R, "the end of 2015", "DATE", "2015", Some("END")),
    ("The firm expects a profit by the end of the year.", R, "the end of the year", "DATE", "2016", Some("END")),
    ("The staff will be cut by year-end under the plan.", R, "year-end", "DATE", "2016", Some("END")),
    // Weekdays, anchored in the week of the reference date.
    ("Officials said Wednesday that the talks had stalled.", R, "Wednesday", "DATE", "2016-03-16", None),
    ("Kerry said Tuesday that he would travel to Moscow.", R, "Tuesday", "DATE", "2016-03-15", None),
    ("Putin announced the pullout on Monday in a televised meeting.", R, "Monday", "DATE", "2016-03-14", None),
    ("The minister will visit Moscow on Thursday for talks.", R, "Thursday", "DATE", "2016-03-17", None),
    ("She is scheduled to speak Friday at the summit.", R, "Friday", "DATE", "2016-03-18", None),
    ("The team arrived Friday after a long flight.", R, "Friday", "DATE", "2016-03-11", None),
    ("Friday's vote was close, observers said.", R, "Friday", "DATE", "2016-03-11", None),
    ("Protesters will march on Sunday in the capital.", R, "Sunday", "DATE", "2016-03-20", None),
    ("He arrived last Tuesday from Cairo.", R, "last Tuesday", "DATE", "2016-03-15", None),
    ("The envoy returns next Tuesday for a second round.", R, "next Tuesday", "DATE", "2016-03-22", None),
    ("The envoy returns this Friday for a second round.", R, "this Friday", "DATE", "2016-03-18", None),
    ("Leaders met Tuesday morning in the palace.", R, "Tuesday morning", "TIME", "2016-03-15TMO", None),
    ("Shops closed early Monday after the storm.", R, "early Monday", "DATE", "2016-03-14", Some("START")),
    // Relative dates.
    ("Talks will resume next week in Geneva.", R, "next week", "DATE", "2016-W12", None),
    ("Talks resumed last week in Geneva.", R, "last week", "DATE", "2016-W10", None),
    ("Talks resumed this week in Geneva.", R, "this week", "DATE", "2016-W11", None),
    ("Prices fell last month in the region.", R, "last month", "DATE", "2016-02", None),
    ("Prices may fall next month in the region.", R, "next month", "DATE", "2016-04", None),
    ("Exports fell last year by a third.", R, "last year", "DATE", "2015", None),
    ("Exports fell this year by a third.", R, "this year", "DATE", "2016", None),
    ("Exports will grow next year, the bank said.", R, "next year", "DATE", "2017", None),
    ("Output fell in the previous quarter, data showed.", R, "the previous quarter", "DATE", "2015-Q4", None),
    ("Output rose in the previous year, data showed.", R, "the previous year", "DATE", "2015", None),
    ("Output is expected to rise this quarter.", R, "this quarter", "DATE", "2016-Q1", None),
    ("Output fell last quarter as demand slowed.", R, "last quarter", "DATE", "2015-Q4", None),
    ("Output should recover next quarter, analysts say.", R, "next quarter", "DATE", "2016-Q2", None),
    ("The raid happened two days ago near the border.", R, "two days ago", "DATE", "2016-03-14", None),
    ("The raid happened three weeks ago near the border.", R, "three weeks ago", "DATE", "2016-W08", None),
    ("The mine closed six months ago after a fire.", R, "six months ago", "DATE", "2015-09", None),
    ("The mine closed two years ago after a fire.", R, "two years ago", "DATE", "2014", None),
    ("The mine was sold a decade ago to a rival.", R, "a decade ago", "DATE", "2006", None),
    ("A year earlier, the bank had lost money.", R, "A year earlier", "DATE", "2015", None),
    ("The bridge opens two weeks from now, officials say.", R, "two weeks from now", "DATE", "2016-W13", None),
    ("The ministry said yesterday that it would appeal.", R, "yesterday", "DATE", "2016-03-15", None),
    ("The ministry said today that it would appeal.", R, "today", "DATE", "2016-03-16", None),
    ("The ministry will respond tomorrow to the claims.", R, "tomorrow", "DATE", "2016-03-17", None),
    ("The president speaks tonight on television.", R, "tonight", "TIME", "2016-03-16TNI", None),
    ("Shelling resumed last night along the front.", R, "last night", "TIME", "2016-03-15TNI", None),
    ("Shelling resumed this morning along the front.", R, "this morning", "TIME", "2016-03-16TMO", None),
    ("Shelling resumed yesterday afternoon along the front.", R, "yesterday afternoon", "TIME", "2016-03-15TAF", None),
    ("The company cut jobs earlier this year in Asia.", R, "earlier this year", "DATE", "2016", Some("START")),
    ("The report is due later this month, aides said.", R, "later this month", "DATE", "2016-03", Some("END")),
    ("The plant opens early next year in Texas.", R, "early next year", "DATE", "2017", Some("START")),
    ("The plant opened late last year in Texas.", R, "late last year", "DATE", "2015", Some("END")),
    ("A vote is likely in the middle of next week.", R, "the middle of next week", "DATE", "2016-W12", Some("MID")),
    ("Fans will gather this weekend for the final.", R, "this weekend", "DATE", "2016-W11-WE", None),
    ("Fans gathered last weekend for the final.", R, "last weekend", "DATE", "2016-W10-WE", None),
    ("Protests spread over the weekend in three cities.", R, "the weekend", "DATE", "2016-W10-WE", None),
    ("Parades will be held on Memorial Day across the state.", R, "Memorial Day", "DATE", "2016-05-30", None),
    ("Unions rallied on Labor Day in Chicago.", R, "Labor Day", "DATE", "2015-09-07", None),
    ("The firm was bankrupt just months ago, its rivals say.", R, "months ago", "DATE", "PAST_REF", None),
    ("Grunge ruled the charts in the 90's in Seattle.", R, "the 90's", "DATE", "199", None),
    ("The war ended in nineteen eighteen after four years.", R, "nineteen eighteen", "DATE", "1918", None),
    ("Crowds gathered on New Year's Day in the square.", R, "New Year's Day", "DATE", "2016-01-01", None),
    ("Markets closed on Christmas Day as usual.", R, "Christmas Day", "DATE", "2015-12-25", None),
    ("Millions will travel for Thanksgiving this autumn.", R, "Thanksgiving", "DATE", "2016-11-24", None),
    ("Fighting eased this summer along the coast.", R, "this summer", "DATE", "2016-SU", None),
    ("Snow fell heavily last winter in the hills.", R, "last winter", "DATE", "2015-WI", None),
    ("Sales jumped last fall after the launch.", R, "last fall", "DATE", "2015-FA", None),
    ("The bridge was finished in the summer of 2014.", R, "the summer of 2014", "DATE", "2014-SU", None),
    ("The line opens in spring 2017, the operator says.", R, "spring 2017", "DATE", "2017-SP", None),
    // Quarters, halves, fiscal years.
    ("Earnings rose in the third quarter, the bank said.", R, "the third quarter", "DATE", "2015-Q3", None),
    ("The bank reported third-quarter profit of $2 billion.", R, "third-quarter", "DATE", "2015-Q3", None),
    ("Sales fell in the first quarter of 2015 in Asia.", R, "the first quarter of 2015", "DATE", "2015-Q1", None),
    ("Sales should rise in the second half of 2016.", R, "the second half of 2016", "DATE", "2016-H2", None),
    ("Revenue in Q3 2015 beat forecasts.", R, "Q3 2015", "DATE", "2015-Q3", None),
    ("The firm lost money in fiscal 2015 on weak demand.", R, "fiscal 2015", "DATE", "2015", None),
    ("Revenue dropped in the fourth quarter of last year.", R, "the fourth quarter of last year", "DATE", "2015-Q4", None),
    ("Profit exceeded that of the year-earlier quarter.", R, "the year-earlier quarter", "DATE", "2014-Q4", None),
    ("Profit in the quarter rose 5%, the company said.", R, "the quarter", "DATE", "2015-Q4", None),
    // Decades and centuries.
    ("Sales boomed in the '80s and then collapsed.", R, "the '80s", "DATE", "198", None),
    ("Sales boomed in the early 1990s and then collapsed.", R, "the early 1990s", "DATE", "199", Some("START")),
    ("Sales boomed in the mid-1990s and then collapsed.", R, "the mid-1990s", "DATE", "199", Some("MID")),
    ("Sales boomed in the 1980's and then collapsed.", R, "the 1980's", "DATE", "198", None),
    ("The war shaped the 20th century in Europe.", R, "the 20th century", "DATE", "19", None),
    ("The war shaped the twenty-first century in Asia.", R, "the twenty-first century", "DATE", "20", None),
    // Times of day.
    ("The court ruled at 12:41 PM after a short recess.", R, "12:41 PM", "TIME", "2016-03-16T12:41", None),
    ("The blast came at 7:15 a.m. on the main bridge.", R, "7:15 a.m.", "TIME", "2016-03-16T07:15", None),
    ("The deadline expires at 9 a.m. Tuesday in the capital.", R, "9 a.m. Tuesday", "TIME", "2016-03-15T09:00", None),
    ("The rally starts at noon in the square.", R, "noon", "TIME", "2016-03-16T12:00", None),
    ("The curfew begins at midnight in the city.", R, "midnight", "TIME", "2016-03-16T24:00", None),
    ("The polls close at 5 p.m. EST in most states.", R, "5 p.m. EST", "TIME", "2016-03-16T17:00", None),
    ("Trading halted at 10am in Hong Kong.", R, "10am", "TIME", "2016-03-16T10:00", None),
    ("The quake struck around 7:30 p.m. local time.", R, "around 7:30 p.m.", "TIME", "2016-03-16T19:30", Some("APPROX")),
    ("The train left at 14:30 from the main station.", R, "14:30", "TIME", "2016-03-16T14:30", None),
    ("They met at five o'clock in the lobby.", R, "five o'clock", "TIME", "2016-03-16T05:00", None),
    // Durations.
    ("The five-year conflict has killed thousands.", R, "five-year", "DURATION", "P5Y", None),
    ("The siege lasted about three weeks before the town fell.", R, "about three weeks", "DURATION", "P3W", Some("APPROX")),
    ("The plant runs 24 hours without a break.", R, "24 hours", "DURATION", "PT24H", None),
    ("It took a decade to build the dam.", R, "a decade", "DURATION", "P10Y", None),
    ("He served for 10 years in the army.", R, "10 years", "DURATION", "P10Y", None),
    ("Prices doubled over the past two months in the city.", R, "the past two months", "DURATION", "P2M", None),
    ("Prices will double over the next three years, analysts say.", R, "the next three years", "DURATION", "P3Y", None),
    ("The standoff lasted more than four hours at the airport.", R, "more than four hours", "DURATION", "PT4H", Some("MORE_THAN")),
    ("The strike will last at least two weeks, unions say.", R, "at least two weeks", "DURATION", "P2W", Some("EQUAL_OR_MORE")),
    ("The rebels held the town for nearly a decade.", R, "nearly a decade", "DURATION", "P10Y", Some("APPROX")),
    ("The government unveiled a 10-year plan for roads.", R, "10-year", "DURATION", "P10Y", None),
    ("The minister began a two-week trip to Asia.", R, "two-week", "DURATION", "P2W", None),
    ("Unions called a 24-hour strike at the port.", R, "24-hour", "DURATION", "PT24H", None),
    ("The reforms will take several years to bite.", R, "several years", "DURATION", "PXY", None),
    ("The talks could take a few days more.", R, "a few days", "DURATION", "PXD", None),
    ("The repair will take a couple of months at most.", R, "a couple of months", "DURATION", "P2M", None),
    ("He spent two and a half years in prison.", R, "two and a half years", "DURATION", "P2Y6M", None),
    ("The debate lasted 90 minutes on live television.", R, "90 minutes", "DURATION", "PT90M", None),
    ("The tremor lasted 30 seconds near the coast.", R, "30 seconds", "DURATION", "PT30S", None),
    ("The feud has run for three decades in the valley.", R, "three decades", "DURATION", "P30Y", None),
    ("The estate stayed in the family for two centuries.", R, "two centuries", "DURATION", "P200Y", None),
    ("The road has been closed for years after the slide.", R, "years", "DURATION", "PXY", None),
    ("Crime has fallen over the past few years in the city.", R, "the past few years", "DURATION", "PXY", None),
    ("The strike could last two to three weeks, unions said.", R, "two to three weeks", "DURATION", "P2W", None),
    ("The ship returned five days later to the port.", R, "five days later", "DURATION", "P5D", None),
    // TimeML keeps the year apart: "the first nine months" + "2015".
    ("Sales rose in the first nine months of 2015, the firm said.", R, "the first nine months", "DURATION", "P9M", None),
    ("The flight took 5 1/2 hours with a stop.", R, "5 1/2 hours", "DURATION", "PT5H30M", None),
    ("The rescue took a minute and a half at most.", R, "a minute and a half", "DURATION", "PT1M30S", None),
    ("Results for the 1988 quarter included a charge.", R, "the 1988 quarter", "DATE", "1988-Q4", None),
    ("Profit rose in the fourth quarter from $4 million a year ago.", R, "a year ago", "DATE", "2014-Q4", None),
    ("The plant was sold a year ago to a rival.", R, "a year ago", "DATE", "2015", None),
    // Ages (OntoNotes counts them as dates; kept as durations, rule:age or hyphenated).
    ("The driver, 50 years old, was unhurt.", R, "50 years old", "DURATION", "P50Y", None),
    ("Rescuers found a 6-year-old boy in the rubble.", R, "6-year-old", "DURATION", "P6Y", None),
    // Sets.
    ("The market opens every Monday at dawn.", R, "every Monday", "SET", "XXXX-WXX-1", None),
    ("The paper appears weekly in three languages.", R, "weekly", "SET", "P1W", None),
    ("Dividends are paid annually to members.", R, "annually", "SET", "P1Y", None),
    ("The board meets each year in Geneva.", R, "each year", "SET", "P1Y", None),
    ("The ferry sails every other week in winter.", R, "every other week", "SET", "P2W", None),
    ("The committee meets twice a week in spring.", R, "twice a week", "SET", "P1W", None),
    ("The clinic is open daily for walk-ins.", R, "daily", "SET", "P1D", None),
    ("The museum is closed on Sundays for cleaning.", R, "Sundays", "SET", "XXXX-WXX-7", None),
    ("The festival takes place every January in the north.", R, "every January", "SET", "XXXX-01", None),
    ("Guards patrol every morning near the gate.", R, "every morning", "SET", "XXXX-XX-XXTMO", None),
    // References.
    ("Prices are high now in most markets.", R, "now", "DATE", "PRESENT_REF", None),
    ("He recently moved to the coast.", R, "recently", "DATE", "PAST_REF", None),
    ("Nobody can predict the future of the region.", R, "the future", "DATE", "FUTURE_REF", None),
    ("The plant is currently closed for repairs.", R, "currently", "DATE", "PRESENT_REF", None),
    ("Unemployment has risen in recent years across the south.", R, "recent years", "DATE", "PAST_REF", None),
    ("No deal is expected in the near future, aides said.", R, "the near future", "DATE", "FUTURE_REF", None),
    ("Few people write letters these days, the post office says.", R, "these days", "DATE", "PRESENT_REF", None),
    ("Such raids were common in the past along the river.", R, "the past", "DATE", "PAST_REF", None),
    // Other reference dates.
    ("Officials met on Friday to review the plan.", "2000-01-05", "Friday", "DATE", "1999-12-31", None),
    ("The offer expires next week, the bank said.", "2015-12-30", "next week", "DATE", "2016-W01", None),
    ("The company will report results in January.", "2015-11-20", "January", "DATE", "2016-01", None),
    ("Shares fell on Dec. 28 after the warning.", "2016-01-04", "Dec. 28", "DATE", "2015-12-28", None),
    ("Production stopped last month at the mine.", "2016-01-15", "last month", "DATE", "2015-12", None),
    // No reference date: underspecified values.
    ("Ministers met on Wednesday in Brussels.", "", "Wednesday", "DATE", "XXXX-WXX-3", None),
    ("The deal was struck in September after months of talks.", "", "September", "DATE", "XXXX-09", None),
    ("Talks resume next week in Geneva.", "", "next week", "DATE", "XXXX-WXX", None),
    ("The ministry said yesterday that it would appeal.", "", "yesterday", "DATE", "XXXX-XX-XX", None),
    ("The mine closed two years ago after a fire.", "", "two years ago", "DATE", "XXXX", None),
    ("Russia began its campaign on Dec. 18, 2015.", "", "Dec. 18, 2015", "DATE", "2015-12-18", None),
    ("Rents rose in June of last year, the survey found.", "", "June of last year", "DATE", "XXXX-06", None),
    ("Sales fell in the first quarter of this year.", "", "the first quarter of this year", "DATE", "XXXX-Q1", None),
    // Feb. 29 where the year has it; the day alone, with no year known.
    ("The vote was held on Feb. 29, officials said.", R, "Feb. 29", "DATE", "2016-02-29", None),
    ("The vote was held on 29 February, officials said.", "2016-03-10", "29 February", "DATE", "2016-02-29", None),
    ("The memo was dated Feb. 29, 2016 in Ohio.", "2017-03-10", "Feb. 29, 2016", "DATE", "2016-02-29", None),
    ("The vote was held on Feb. 29, officials said.", "", "Feb. 29", "DATE", "XXXX-02-29", None),
    ("The ledger lists 2016-02-29 as its date.", R, "2016-02-29", "DATE", "2016-02-29", None),
];

/// (text, reference date, a day that does not exist): no date may cover it, neither
/// with a wrong value nor as the month alone.
#[rustfmt::skip]
const IMPOSSIBLE_DAYS: &[(&str, &str, &str)] = &[
    ("The vote was held on Feb. 29, officials said.", "2017-03-10", "Feb. 29"),
    ("The vote was held on 29 February, officials said.", "2017-03-10", "29 February"),
    ("The memo was dated Feb. 29, 2017 by mistake.", R, "Feb. 29, 2017"),
    ("The memo was dated 29 February 2017 by mistake.", R, "29 February 2017"),
    ("The memo was dated June 31 by mistake.", R, "June 31"),
    ("It was due on the 30th of February, he joked.", R, "30th of February"),
    ("The claim was filed on 13/13/2015 in Ohio.", R, "13/13/2015"),
    ("The ledger lists 2015-13-01 as its date.", R, "2015-13-01"),
    ("The ledger lists 2017-02-29 as its date.", R, "2017-02-29"),
    ("The order of 32.12.2015 was void.", R, "32.12.2015"),
    ("The memo was dated March 32, 2015 by mistake.", R, "32"),
];

/// (text, a substring that must not be inside any date)
#[rustfmt::skip]
const NOT_DATES: &[(&str, &str)] = &[
    ("The startup raised 100M in its last round.", "100M"),
    ("A Su-25 jet crashed near the base.", "25"),
    ("The ship carried 6005 containers from Busan.", "6005"),
    ("The final score was 2-1 after extra time.", "2-1"),
    ("Call 202-555-2014 for details.", "2014"),
    ("He paid $2015 for the old bike.", "2015"),
    ("About 2000 troops were deployed to the area.", "2000"),
    ("Temperatures reached 1,995 degrees in the furnace.", "1,995"),
    ("Traffic on Route 1999 was diverted.", "1999"),
    ("Version 3.14 was released to testers.", "3.14"),
    ("Prices may rise again, traders warned.", "may"),
    ("Thousands will march on the capital.", "march"),
    ("The company pays $2 million a year in rent.", "a year"),
    ("The airline adds 700 seats a week on the route.", "a week"),
    ("The board raised its quarterly dividend to 20 cents.", "quarterly"),
    ("The striker, 25, signed a new contract.", "25"),
    ("Turnout reached 1,204,500 votes in the city.", "204"),
    ("The fall of the regime surprised everyone.", "fall"),
    ("She won a second term in office.", "second"),
];

fn run(text: &str, reference: &str) -> Vec<Candidate> {
    let rec = DateRecognizer::new();
    let reference = if reference.is_empty() {
        None
    } else {
        Some(NaiveDate::parse_from_str(reference, "%Y-%m-%d").unwrap())
    };
    let mut out = Vec::new();
    rec.find(text, reference, &mut out);
    out
}

fn describe(text: &str, cands: &[Candidate]) -> String {
    cands
        .iter()
        .map(|c| match &c.detail {
            Detail::Date(d) => format!(
                "{:?} {} {} {:?} ({})",
                &text[c.start..c.end],
                d.timex.as_str(),
                d.value,
                d.mod_.map(|m| m.as_str()),
                c.how
            ),
            _ => format!("{:?} (no date detail)", &text[c.start..c.end]),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn expressions_table() {
    assert!(
        CASES.len() >= 150,
        "the table should hold at least 150 cases"
    );
    let mut failures = Vec::new();
    for &(text, reference, span, timex, value, mod_) in CASES {
        let cands = run(text, reference);
        let found = cands.iter().find(|c| &text[c.start..c.end] == span);
        let ok = match found {
            Some(c) => match &c.detail {
                Detail::Date(d) => {
                    d.timex.as_str() == timex
                        && d.value == value
                        && d.mod_.map(|m| m.as_str()) == mod_
                        && c.priority == 3
                }
                _ => false,
            },
            None => false,
        };
        if !ok {
            failures.push(format!(
                "{text:?} (ref {reference:?}): want {span:?} {timex} {value} {mod_:?}; got {}",
                describe(text, &cands)
            ));
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
fn days_that_do_not_exist_are_not_dates() {
    let mut failures = Vec::new();
    for &(text, reference, day) in IMPOSSIBLE_DAYS {
        let at = text.find(day).expect("test substring in text");
        let cands = run(text, reference);
        if cands.iter().any(|c| c.start < at + day.len() && at < c.end) {
            failures.push(format!(
                "{text:?}: {day:?} taken as {}",
                describe(text, &cands)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn numbers_that_are_not_dates() {
    let mut failures = Vec::new();
    for &(text, not) in NOT_DATES {
        let at = text.find(not).expect("test substring in text");
        let cands = run(text, R);
        if cands.iter().any(|c| c.start < at + not.len() && at < c.end) {
            failures.push(format!(
                "{text:?}: {not:?} taken as {}",
                describe(text, &cands)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn offsets_are_bytes_on_char_boundaries() {
    let text = "Le 18 décembre, à Genève – Dec. 18, 2015 – les “pourparlers” ont repris lundi.";
    let cands = run(text, R);
    let c = cands
        .iter()
        .find(|c| &text[c.start..c.end] == "Dec. 18, 2015")
        .expect("the English date is found after non-ASCII text");
    assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
}

/// Throughput over the case sentences repeated to ~4 MB; run with
/// `cargo test --release --lib dates::table::throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let mut text = String::new();
    while text.len() < 4 << 20 {
        for (t, ..) in CASES {
            text.push_str(t);
            text.push(' ');
        }
        // Plain prose without dates dominates real articles.
        text.push_str(&"The minister told reporters that the proposal would be studied by the committee and that talks with the other parties would continue. ".repeat(40));
    }
    let rec = DateRecognizer::new();
    let reference = NaiveDate::from_ymd_opt(2016, 3, 16);
    let mut out = Vec::new();
    let start = std::time::Instant::now();
    let rounds = 5;
    for _ in 0..rounds {
        out.clear();
        rec.find(&text, reference, &mut out);
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (text.len() * rounds) as f64 / 1e6;
    println!("{:.1} MB/s ({} expressions per pass)", mb / secs, out.len());
    assert!(!out.is_empty());
}

proptest::proptest! {
    /// Any text: no panic, and every span is a non-empty slice on char boundaries.
    #[test]
    fn never_panics_on_any_text(text in "(\\PC|[0-9:/.,'\\- ]|May|March|Monday|ago|the|a\\.m\\.){0,60}") {
        let rec = DateRecognizer::new();
        let mut out = Vec::new();
        rec.find(&text, NaiveDate::from_ymd_opt(2016, 3, 16), &mut out);
        rec.find(&text, None, &mut out);
        for c in &out {
            proptest::prop_assert!(c.start < c.end && c.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        }
    }
}
