//! Document-level scoring of people, places and organisations (`data/newsroom`).
//!
//! The gold lists, per page, each entity the article names once, as a set of names
//! (`{"canonical", "forms"}`) under `people`, `places` and `organisations`. The page's
//! `html` goes through the whole pipeline and the record's `entities` of type PERSON,
//! PLACE and ORG are compared with the gold: a predicted entity matches a gold entity of
//! the same type when their name sets share a name after [`normalise`]; matching is
//! one-to-one, greedy in gold order. `doubtful` items (events, products, demonyms) are not
//! gold: a prediction naming one is a false positive, and is also counted apart.
//! This module does not read span-level gold; that is [`super::score_entities`].

use super::Prf;
use crate::input::Document;
use crate::record::{EntityType, Record};
use crate::Extractor;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::io::Write;

/// One gold entity: its canonical name and the forms the body uses.
#[derive(Deserialize, Clone, Debug)]
pub struct GoldName {
    pub canonical: String,
    #[serde(default)]
    pub forms: Vec<String>,
}

/// A borderline item that is not scored.
#[derive(Deserialize, Clone, Debug)]
pub struct Doubtful {
    pub item: String,
}

/// One page of the document-level gold.
#[derive(Deserialize, Clone, Debug)]
pub struct DocGold {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    pub html: String,
    #[serde(default)]
    pub people: Vec<GoldName>,
    #[serde(default)]
    pub places: Vec<GoldName>,
    #[serde(default)]
    pub organisations: Vec<GoldName>,
    #[serde(default)]
    pub doubtful: Vec<Doubtful>,
}

impl DocGold {
    fn of_type(&self, t: EntityType) -> &[GoldName] {
        match t {
            EntityType::Person => &self.people,
            EntityType::Place => &self.places,
            _ => &self.organisations,
        }
    }
}

/// The types scored, in report order.
pub const DOC_TYPES: [EntityType; 3] = [EntityType::Person, EntityType::Place, EntityType::Org];

/// Scores of a document-level evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DocScores {
    pub per_type: BTreeMap<String, Prf>,
    pub micro: Prf,
    /// PERSON/PLACE/ORG entities predicted, and how many carry a Wikidata id.
    pub entities: usize,
    pub with_wikidata: usize,
    /// False positives that name a doubtful item.
    pub doubtful: usize,
}

impl DocScores {
    pub fn wikidata_share(&self) -> f64 {
        if self.entities == 0 {
            0.0
        } else {
            self.with_wikidata as f64 / self.entities as f64
        }
    }
}

/// True when the first line of `path` is a page of this format (`html` and `people`).
pub fn is_doc_gold(path: &std::path::Path) -> anyhow::Result<bool> {
    use std::io::BufRead;
    // Through the pages' reader, so that a gzip-compressed page gold is not read as text.
    let mut first = String::new();
    super::pages::open(path)?.read_line(&mut first)?;
    let v: serde_json::Value = match serde_json::from_str(&first) {
        Ok(v) => v,
        Err(_) => return Ok(false),
    };
    Ok(v.get("html").is_some() && v.get("people").is_some())
}

/// Reads a document-level gold file.
pub fn read_doc_gold(path: &std::path::Path) -> anyhow::Result<Vec<DocGold>> {
    super::read_jsonl(path)
}

/// Runs the extractor on every page's HTML, in parallel, in gold order.
pub fn predict_docs(extractor: &Extractor, gold: &[DocGold]) -> Vec<Record> {
    gold.par_iter()
        .map(|g| {
            let mut doc = Document::html(g.id.clone(), g.html.clone().into_bytes());
            doc.url = g.url.clone();
            extractor.extract(&doc)
        })
        .collect()
}

/// Reads records (newsfacts JSONL, e.g. from an older build) matched to the gold by id;
/// a page with no record scores as one with no entities.
pub fn read_records(path: &std::path::Path, gold: &[DocGold]) -> anyhow::Result<Vec<Record>> {
    use anyhow::Context;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut by_id = std::collections::HashMap::new();
    for (i, l) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let r: Record =
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        by_id.insert(r.id.clone(), r);
    }
    Ok(gold
        .iter()
        .map(|g| by_id.remove(&g.id).unwrap_or_default())
        .collect())
}

/// The README's normalisation: lower case, curly apostrophes straightened, a trailing
/// "'s" and a leading "the " removed, runs of dots and spaces collapsed to one space.
pub fn normalise(name: &str) -> String {
    let mut s = name.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    if let Some(t) = s.strip_suffix("'s") {
        s = t.to_string();
    }
    if let Some(t) = s.strip_prefix("the ") {
        s = t.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c == '.' || c.is_whitespace() {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}

fn name_set(canonical: &str, forms: &[String]) -> HashSet<String> {
    std::iter::once(canonical)
        .chain(forms.iter().map(String::as_str))
        .map(normalise)
        .filter(|s| !s.is_empty())
        .collect()
}

/// One error for `--errors`: a gold entity not found, or a predicted one not in the gold.
#[derive(Serialize)]
struct DocError<'a> {
    id: &'a str,
    error: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    canonical: &'a str,
    forms: &'a [String],
    /// The same names found under another type (a type confusion, not a plain miss).
    #[serde(skip_serializing_if = "Option::is_none")]
    other: Option<String>,
}

/// Scores records against the document-level gold.
pub fn score_docs(
    gold: &[DocGold],
    records: &[Record],
    mut errors: Option<&mut dyn Write>,
) -> anyhow::Result<DocScores> {
    let mut s = DocScores::default();
    for t in DOC_TYPES {
        s.per_type.insert(t.as_str().to_string(), Prf::default());
    }
    for (g, rec) in gold.iter().zip(records) {
        let doubtful: HashSet<String> = g
            .doubtful
            .iter()
            .flat_map(|d| d.item.split(" / "))
            .map(normalise)
            .collect();
        let preds: Vec<_> = rec
            .entities
            .iter()
            .filter(|e| DOC_TYPES.contains(&e.kind))
            .collect();
        s.entities += preds.len();
        s.with_wikidata += preds
            .iter()
            .filter(|e| e.ids.contains_key("wikidata"))
            .count();
        let pred_sets: Vec<HashSet<String>> = preds
            .iter()
            .map(|e| name_set(&e.canonical, &e.forms))
            .collect();
        let gold_sets: Vec<(EntityType, &GoldName, HashSet<String>)> = DOC_TYPES
            .iter()
            .flat_map(|&t| g.of_type(t).iter().map(move |n| (t, n)))
            .map(|(t, n)| (t, n, name_set(&n.canonical, &n.forms)))
            .collect();
        let mut used = vec![false; preds.len()];
        for (t, n, names) in &gold_sets {
            let e = s.per_type.get_mut(t.as_str()).unwrap();
            e.gold += 1;
            let hit = (0..preds.len())
                .find(|&j| !used[j] && preds[j].kind == *t && !names.is_disjoint(&pred_sets[j]));
            if let Some(j) = hit {
                used[j] = true;
                e.tp += 1;
            } else if let Some(w) = errors.as_deref_mut() {
                let other = (0..preds.len())
                    .find(|&j| preds[j].kind != *t && !names.is_disjoint(&pred_sets[j]))
                    .map(|j| format!("{} {}", preds[j].kind.as_str(), preds[j].canonical));
                let line = DocError {
                    id: &g.id,
                    error: "miss",
                    kind: t.as_str(),
                    canonical: &n.canonical,
                    forms: &n.forms,
                    other,
                };
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
            }
        }
        for (j, p) in preds.iter().enumerate().filter(|(j, _)| !used[*j]) {
            // Counted as false like any other: the README's reference figures are
            // reproduced only so; the count says how much of the precision they cost.
            if !doubtful.is_disjoint(&pred_sets[j]) {
                s.doubtful += 1;
            }
            s.per_type.get_mut(p.kind.as_str()).unwrap().pred += 1;
            if let Some(w) = errors.as_deref_mut() {
                let other = gold_sets
                    .iter()
                    .find(|(_, _, names)| !names.is_disjoint(&pred_sets[j]))
                    .map(|(t, n, _)| format!("{} {}", t.as_str(), n.canonical));
                let line = DocError {
                    id: &g.id,
                    error: "false_positive",
                    kind: p.kind.as_str(),
                    canonical: &p.canonical,
                    forms: &p.forms,
                    other,
                };
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
            }
        }
        // Matched predictions count as predicted too.
        for (j, p) in preds.iter().enumerate().filter(|(j, _)| used[*j]) {
            let _ = j;
            s.per_type.get_mut(p.kind.as_str()).unwrap().pred += 1;
        }
    }
    for v in s.per_type.values() {
        s.micro.gold += v.gold;
        s.micro.pred += v.pred;
        s.micro.tp += v.tp;
    }
    Ok(s)
}

/// Renders document-level scores as a table, with the Wikidata-id share.
pub fn doc_table(s: &DocScores) -> String {
    let mut out = super::entity_table(&super::EntityScores {
        per_type: s.per_type.clone(),
        micro: s.micro,
        by_how: BTreeMap::new(),
    });
    out.push_str(&format!(
        "entities with a Wikidata id: {} of {} ({:.1}%); {} false positives name a doubtful item\n",
        s.with_wikidata,
        s.entities,
        100.0 * s.wikidata_share(),
        s.doubtful
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_follows_the_readme() {
        for (raw, want) in [
            ("The White House", "white house"),
            ("Trump\u{2019}s", "trump"),
            ("U.S.", "u s"),
            ("St.  Louis", "st louis"),
            ("Amazon", "amazon"),
        ] {
            assert_eq!(normalise(raw), want, "{raw}");
        }
    }
}
