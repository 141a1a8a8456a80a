//! Scoring of direct quotations and their speakers against quote gold.
//!
//! The gold (`data/newsroom/quotes-dev.jsonl`) has no text of its own: one line per page,
//! `{"id", "quotes": [{"text", "speaker", "speaker_text", "verb"}], "not_quotes"}`; the
//! pages (`--pages`, `{"id", "html", "people", "organisations"}`, as in
//! `data/newsroom/dev.jsonl`) give the HTML the extractor runs on and the names of each
//! gold speaker. As the dev set's README says:
//! - a predicted quote matches a gold quote (one-to-one, gold order) when, after folding
//!   quotation marks, punctuation, case and spaces, one text contains the other and the
//!   shorter is at least half as long, or their word sets have Jaccard overlap >= 0.6;
//! - precision, recall and F1 over quotes;
//! - speaker: of the matched quotes whose gold speaker is named, the share where the
//!   predicted speaker's names (the entity's canonical name and forms, else
//!   `speaker_text`) and the gold speaker's names (canonical and forms) share a full
//!   name or a last word, or one contains the other.

use super::Prf;
use crate::input::Document;
use crate::record::Record;
use crate::Extractor;
use anyhow::Context;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// One page's gold quotations.
#[derive(Deserialize, Clone, Debug)]
pub struct QuoteGoldDoc {
    pub id: String,
    pub quotes: Vec<GoldQuote>,
}

#[derive(Deserialize, Clone, Debug)]
pub struct GoldQuote {
    pub text: String,
    /// Canonical name of the speaker, or null when the text never names them.
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub speaker_text: Option<String>,
    #[serde(default)]
    pub verb: Option<String>,
}

/// A page: its HTML and the named entities, whose forms name the gold speakers.
#[derive(Deserialize, Clone, Debug)]
pub struct Page {
    pub id: String,
    #[serde(default)]
    pub html: String,
    #[serde(default)]
    pub people: Vec<GoldEntity>,
    #[serde(default)]
    pub organisations: Vec<GoldEntity>,
}

#[derive(Deserialize, Clone, Debug)]
pub struct GoldEntity {
    pub canonical: String,
    #[serde(default)]
    pub forms: Vec<String>,
}

/// Quote scores: P/R/F1 over quotes, and speakers right over matched named ones.
#[derive(Clone, Debug, Default, Serialize)]
pub struct QuoteScores {
    pub quotes: Prf,
    /// Matched quotes whose gold speaker is named.
    pub named: usize,
    /// Of those, the ones whose predicted speaker is right.
    pub speaker_right: usize,
}

impl QuoteScores {
    pub fn speaker_accuracy(&self) -> f64 {
        super::ratio(self.speaker_right, self.named)
    }
}

/// Whether a gold file is quote gold: its first line has `quotes` and no `text`.
pub fn is_quote_gold(path: &Path) -> anyhow::Result<bool> {
    use std::io::BufRead;
    let f = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    for line in std::io::BufReader::new(f).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}: invalid gold line", path.display()))?;
        return Ok(v.get("quotes").is_some() && v.get("text").is_none());
    }
    Ok(false)
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> anyhow::Result<Vec<T>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))
        })
        .collect()
}

/// Reads quote gold and the pages it refers to, in gold order (a gold page missing from
/// `pages` is an error).
pub fn read_quote_gold(
    gold: &Path,
    pages: &Path,
) -> anyhow::Result<(Vec<QuoteGoldDoc>, Vec<Page>)> {
    let g: Vec<QuoteGoldDoc> = read_jsonl(gold)?;
    let mut by_id: HashMap<String, Page> = read_jsonl::<Page>(pages)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let pages = g
        .iter()
        .map(|d| {
            by_id
                .remove(&d.id)
                .with_context(|| format!("page {} is not in {}", d.id, pages.display()))
        })
        .collect::<anyhow::Result<Vec<Page>>>()?;
    Ok((g, pages))
}

/// Extracts every page from its HTML, in parallel.
pub fn predict_pages(extractor: &Extractor, pages: &[Page]) -> Vec<Record> {
    pages
        .par_iter()
        .map(|p| extractor.extract(&Document::html(p.id.clone(), p.html.as_bytes())))
        .collect()
}

/// Reads newsfacts JSONL records (with `quotes` and `entities`) for the gold pages, by id.
pub fn read_records(path: &Path, gold: &[QuoteGoldDoc]) -> anyhow::Result<Vec<Record>> {
    let mut by_id: HashMap<String, Record> = read_jsonl::<Record>(path)?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    Ok(gold
        .iter()
        .map(|g| {
            by_id.remove(&g.id).unwrap_or_else(|| Record {
                id: g.id.clone(),
                ..Record::default()
            })
        })
        .collect())
}

/// Folds a quote for matching: letters and digits in lower case, every run of anything
/// else (quotation marks, punctuation, spaces) one space.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// Whether two folded quote texts match.
fn same_quote(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if !short.is_empty() && long.contains(short) && 2 * short.len() >= long.len() {
        return true;
    }
    let wa: HashSet<&str> = a.split(' ').filter(|w| !w.is_empty()).collect();
    let wb: HashSet<&str> = b.split(' ').filter(|w| !w.is_empty()).collect();
    let union = wa.union(&wb).count();
    union > 0 && 10 * wa.intersection(&wb).count() >= 6 * union
}

/// Normalises a name as the entity scoring does: lower case, straight apostrophes, no
/// trailing "'s" or leading "the ", runs of dots and spaces one space.
fn norm_name(s: &str) -> String {
    let lower = s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c == '.' || c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    let t = out.trim();
    let t = t.strip_suffix("'s").unwrap_or(t);
    let t = t.strip_prefix("the ").unwrap_or(t);
    t.trim().to_string()
}

/// Whether two sets of names name the same speaker. Containment is of whole words ("it"
/// is not in "authority").
fn same_speaker(pred: &[String], gold: &[String]) -> bool {
    let last = |s: &str| s.rsplit(' ').next().unwrap_or("").to_string();
    let contains = |a: &str, b: &str| format!(" {a} ").contains(&format!(" {b} "));
    pred.iter().any(|p| {
        gold.iter().any(|g| {
            !p.is_empty()
                && !g.is_empty()
                && (p == g || last(p) == last(g) || contains(p, g) || contains(g, p))
        })
    })
}

/// The names of a record's quote speaker: the entity's canonical name and forms, else
/// `speaker_text`.
fn predicted_names(r: &Record, q: &crate::record::Quote) -> Vec<String> {
    match q.speaker.and_then(|i| r.entities.get(i)) {
        Some(e) => std::iter::once(&e.canonical)
            .chain(&e.forms)
            .map(|s| norm_name(s))
            .collect(),
        None => q.speaker_text.iter().map(|s| norm_name(s)).collect(),
    }
}

fn gold_names(page: &Page, speaker: &str) -> Vec<String> {
    let e = page
        .people
        .iter()
        .chain(&page.organisations)
        .find(|e| e.canonical == speaker);
    let mut names = vec![norm_name(speaker)];
    if let Some(e) = e {
        names.extend(e.forms.iter().map(|s| norm_name(s)));
    }
    names
}

/// One line of `--errors`.
#[derive(Serialize)]
struct QuoteError<'a> {
    id: &'a str,
    error: &'static str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    gold_speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pred_speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    how: Option<&'a str>,
}

fn describe_pred(r: &Record, q: &crate::record::Quote) -> String {
    match (q.speaker.and_then(|i| r.entities.get(i)), &q.speaker_text) {
        (Some(e), _) => format!("{} ({})", e.canonical, e.kind.as_str()),
        (None, Some(t)) => format!("text: {t}"),
        (None, None) => "-".to_string(),
    }
}

/// Scores the records' quotes against the gold; with `errors`, writes the misses, false
/// positives and wrong speakers as JSON lines.
pub fn score_quotes(
    gold: &[QuoteGoldDoc],
    pages: &[Page],
    records: &[Record],
    mut errors: Option<&mut dyn Write>,
) -> anyhow::Result<QuoteScores> {
    let mut s = QuoteScores::default();
    for ((g, page), r) in gold.iter().zip(pages).zip(records) {
        let pred: Vec<String> = r.quotes.iter().map(|q| fold(&q.text)).collect();
        let mut used = vec![false; pred.len()];
        s.quotes.gold += g.quotes.len();
        s.quotes.pred += pred.len();
        for gq in &g.quotes {
            let gf = fold(&gq.text);
            let Some(j) = (0..pred.len()).find(|&j| !used[j] && same_quote(&gf, &pred[j])) else {
                if let Some(w) = errors.as_deref_mut() {
                    let line = QuoteError {
                        id: &g.id,
                        error: "miss",
                        text: &gq.text,
                        gold_speaker: gq.speaker.clone().or(gq.speaker_text.clone()),
                        pred_speaker: None,
                        how: None,
                    };
                    serde_json::to_writer(&mut *w, &line)?;
                    w.write_all(b"\n")?;
                }
                continue;
            };
            used[j] = true;
            s.quotes.tp += 1;
            let Some(speaker) = &gq.speaker else {
                continue;
            };
            s.named += 1;
            let q = &r.quotes[j];
            if same_speaker(&predicted_names(r, q), &gold_names(page, speaker)) {
                s.speaker_right += 1;
            } else if let Some(w) = errors.as_deref_mut() {
                let line = QuoteError {
                    id: &g.id,
                    error: "wrong_speaker",
                    text: &gq.text,
                    gold_speaker: Some(format!(
                        "{speaker} ({})",
                        gq.speaker_text.as_deref().unwrap_or("")
                    )),
                    pred_speaker: Some(describe_pred(r, q)),
                    how: Some(&q.how),
                };
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
            }
        }
        if let Some(w) = errors.as_deref_mut() {
            for (j, q) in r.quotes.iter().enumerate().filter(|(j, _)| !used[*j]) {
                let _ = j;
                let line = QuoteError {
                    id: &g.id,
                    error: "false_positive",
                    text: &q.text,
                    gold_speaker: None,
                    pred_speaker: Some(describe_pred(r, q)),
                    how: Some(&q.how),
                };
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
            }
        }
    }
    Ok(s)
}

/// Renders quote scores as a table.
pub fn quote_table(s: &QuoteScores) -> String {
    let p = &s.quotes;
    format!(
        "{:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n{:<8} {:>6} {:>6} {:>6} {:>7.2} {:>7.2} {:>7.2}\nspeaker right {} of {} ({:.1}%)\n",
        "", "gold", "pred", "tp", "P", "R", "F1",
        "quotes", p.gold, p.pred, p.tp, 100.0 * p.p(), 100.0 * p.r(), 100.0 * p.f1(),
        s.speaker_right, s.named, 100.0 * s.speaker_accuracy()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_by_containment_or_word_overlap() {
        let a = fold("“We are here to Get. It. OUT,”");
        assert_eq!(a, "we are here to get it out");
        assert!(same_quote(&a, &fold("we are here to get it out")));
        // Contained but less than half as long.
        assert!(!same_quote(&fold("get it out"), &a));
        // Word overlap: 6 of 7 words shared.
        assert!(same_quote(
            &fold("we are here to get it"),
            &fold("we are here to get it now")
        ));
        assert!(!same_quote(&fold("a b c"), &fold("d e f")));
    }

    #[test]
    fn speakers_match_by_name_surname_or_containment() {
        let g = vec![norm_name("Kristi Noem"), norm_name("Noem")];
        assert!(same_speaker(&[norm_name("Gov. Noem")], &g));
        assert!(same_speaker(&[norm_name("Noem’s")], &g));
        assert!(!same_speaker(&[norm_name("Kristi Smith")], &g));
        assert!(!same_speaker(&[], &g));
        assert!(same_speaker(&[norm_name("Noem later")], &g));
        let authority = vec![norm_name("Swedish Prosecution Authority")];
        assert!(!same_speaker(&[norm_name("it")], &authority));
        assert_eq!(norm_name("The U.S.  Army"), "u s army");
    }
}
