//! `newsfacts eval`: scores extraction against gold annotations.
//!
//! Gold formats (JSON Lines, one document per line), each scored by its own code:
//! - **entities** (`"entities": [{start, end, type}]`, as in `data/ner`): exact span +
//!   type; per-type precision, recall and F1 and the micro average over the chosen
//!   types; each gold entity matches once.
//! - **timexes** (`"timexes": [{start, end, type, value, mod}]` with `"dct"`, as in
//!   `data/dates`): TempEval-3 measures: strict (exact span) and relaxed (overlapping)
//!   P/R/F1; over relaxed matches, type and value accuracy; value F1 = relaxed F1 x
//!   value accuracy. Relaxed matching pairs each gold and predicted timex once, exact
//!   spans first, then by larger overlap.
//! - **quotes** (`"quotes": [{text, speaker, ...}]` with the pages given apart, as in
//!   `data/newsroom`): [`quotes`].
//!
//! Pages (`"html"` with `"body"`, as in `data/articles`) are scored in [`pages`].
//!
//! - **documents** (`data/newsroom`: a page's `html` with its `people`, `places` and
//!   `organisations` as name sets): document-level matching, in [`docs`].
//!
//! Predictions come from the extractor, or from a file of the same format (`--pred`),
//! so other systems (the spaCy baseline) are scored by the same code.

pub mod docs;
pub mod pages;
pub mod quotes;

use crate::input::Document;
use crate::record::EntityType;
use crate::Extractor;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

#[derive(Deserialize, Clone, Debug)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default, rename = "mod")]
    pub mod_: Option<String>,
}

#[derive(Deserialize, Clone, Debug)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub dct: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub entities: Option<Vec<GoldSpan>>,
    #[serde(default)]
    pub timexes: Option<Vec<GoldSpan>>,
}

/// Precision/recall/F1 counts.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub pred: usize,
    pub tp: usize,
}

impl Prf {
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.pred)
    }
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of an entity evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EntityScores {
    pub per_type: BTreeMap<String, Prf>,
    pub micro: Prf,
    /// Predictions and true positives per `TYPE how` (the rule or dictionary), so the
    /// precision of each mechanism can be read off.
    pub by_how: BTreeMap<String, Prf>,
}

/// Scores of a timex evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TimexScores {
    pub strict: Prf,
    pub relaxed: Prf,
    pub type_correct: usize,
    pub value_correct: usize,
}

impl TimexScores {
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_correct, self.relaxed.tp)
    }
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.relaxed.tp)
    }
    pub fn value_f1(&self) -> f64 {
        self.relaxed.f1() * self.value_accuracy()
    }
}

/// A predicted span in code points.
#[derive(Clone, Debug, Deserialize)]
pub struct PredSpan {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub timex: Option<String>,
    #[serde(default)]
    pub value: Option<serde_json::Value>,
    #[serde(default)]
    pub how: Option<String>,
}

/// One error for `--errors`: a miss (gold not predicted) or a false positive.
#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a str,
    error: &'static str,
    #[serde(rename = "type")]
    kind: &'a str,
    text: String,
    context: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    how: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    other: Option<String>,
}

/// Reads a gold file.
pub fn read_gold(path: &std::path::Path) -> anyhow::Result<Vec<GoldDoc>> {
    read_jsonl(path)
}

/// Reads a JSON Lines gold file of any format, naming the line that does not parse.
pub(crate) fn read_jsonl<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
) -> anyhow::Result<Vec<T>> {
    use anyhow::Context;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{}:{}: invalid gold line", path.display(), i + 1))
        })
        .collect()
}

/// Predicts spans for every gold document with the extractor, in parallel.
pub fn predict(extractor: &Extractor, gold: &[GoldDoc]) -> Vec<Vec<PredSpan>> {
    gold.par_iter()
        .map(|g| {
            let mut doc = Document::text(g.id.clone(), g.text.clone());
            doc.date = g.dct.clone().or_else(|| g.published.clone());
            doc.date_is_published = doc.date.is_some();
            let rec = extractor.extract(&doc);
            rec.mentions
                .into_iter()
                .map(|m| PredSpan {
                    start: m.start,
                    end: m.end,
                    kind: m.kind.as_str().to_string(),
                    timex: m.timex.map(|t| t.as_str().to_string()),
                    value: m.value.map(|v| match v {
                        crate::record::Value::Text(s) => serde_json::Value::String(s),
                        crate::record::Value::Number(n) => serde_json::json!(n),
                    }),
                    how: Some(m.how),
                })
                .collect()
        })
        .collect()
}

/// Reads predictions from a file of the gold format (`entities` or `timexes`) or of
/// newsfacts' own output (`mentions`), matched to gold documents by id.
pub fn read_predictions(
    path: &std::path::Path,
    gold: &[GoldDoc],
) -> anyhow::Result<Vec<Vec<PredSpan>>> {
    #[derive(Deserialize)]
    struct P {
        id: String,
        #[serde(default)]
        entities: Option<Vec<PredSpan>>,
        #[serde(default)]
        timexes: Option<Vec<PredSpan>>,
        #[serde(default)]
        mentions: Option<Vec<PredSpan>>,
    }
    use anyhow::Context;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut by_id: HashMap<String, Vec<PredSpan>> = HashMap::new();
    for (i, l) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let p: P =
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        let mut spans = p.mentions.or(p.entities).unwrap_or_default();
        for mut t in p.timexes.unwrap_or_default() {
            t.timex = Some(t.kind.clone());
            t.kind = "DATE".into();
            spans.push(t);
        }
        by_id.insert(p.id, spans);
    }
    Ok(gold
        .iter()
        .map(|g| by_id.remove(&g.id).unwrap_or_default())
        .collect())
}

fn snippet(text: &[char], start: usize, end: usize) -> (String, String) {
    let a = start.saturating_sub(40);
    let b = (end + 40).min(text.len());
    let s: String = text[start.min(text.len())..end.min(text.len())]
        .iter()
        .collect();
    let c: String = text[a..b].iter().collect::<String>().replace('\n', " ");
    (s, c)
}

/// Scores entity predictions (exact span + type) over `types`.
pub fn score_entities(
    gold: &[GoldDoc],
    pred: &[Vec<PredSpan>],
    types: &[EntityType],
    mut errors: Option<&mut dyn Write>,
) -> anyhow::Result<EntityScores> {
    let mut scores = EntityScores::default();
    let wanted = |t: &str| EntityType::parse(t).is_some_and(|t| types.contains(&t));
    for t in types {
        scores
            .per_type
            .insert(t.as_str().to_string(), Prf::default());
    }
    for (g, p) in gold.iter().zip(pred) {
        let chars: Vec<char> = if errors.is_some() {
            g.text.chars().collect()
        } else {
            Vec::new()
        };
        let gold_spans: Vec<&GoldSpan> = g
            .entities
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .filter(|s| wanted(&s.kind))
            .collect();
        let norm = |t: &str| {
            EntityType::parse(t)
                .map(|t| t.as_str().to_string())
                .unwrap_or_default()
        };
        let mut gold_set: HashMap<(usize, usize, String), bool> = gold_spans
            .iter()
            .map(|s| ((s.start, s.end, norm(&s.kind)), false))
            .collect();
        for s in &gold_spans {
            scores.per_type.get_mut(&norm(&s.kind)).unwrap().gold += 1;
        }
        for s in p.iter().filter(|s| wanted(&s.kind)) {
            let k = norm(&s.kind);
            let e = scores.per_type.get_mut(&k).unwrap();
            e.pred += 1;
            let how = scores
                .by_how
                .entry(format!("{k} {}", s.how.as_deref().unwrap_or("-")))
                .or_default();
            how.pred += 1;
            match gold_set.get_mut(&(s.start, s.end, k.clone())) {
                Some(used) if !*used => {
                    *used = true;
                    e.tp += 1;
                    how.tp += 1;
                }
                _ => {
                    if let Some(w) = errors.as_deref_mut() {
                        let (text, context) = snippet(&chars, s.start, s.end);
                        let other = gold_spans
                            .iter()
                            .find(|gs| gs.start < s.end && s.start < gs.end)
                            .map(|gs| {
                                let (t, _) = snippet(&chars, gs.start, gs.end);
                                format!("{} {}", norm(&gs.kind), t)
                            });
                        let line = ErrorLine {
                            id: &g.id,
                            error: "false_positive",
                            kind: &k,
                            text,
                            context,
                            how: s.how.as_deref(),
                            other,
                        };
                        serde_json::to_writer(&mut *w, &line)?;
                        w.write_all(b"\n")?;
                    }
                }
            }
        }
        if let Some(w) = errors.as_deref_mut() {
            for s in &gold_spans {
                let k = norm(&s.kind);
                if gold_set.get(&(s.start, s.end, k.clone())) == Some(&false) {
                    let (text, context) = snippet(&chars, s.start, s.end);
                    let other = p
                        .iter()
                        .find(|ps| ps.start < s.end && s.start < ps.end)
                        .map(|ps| {
                            let (t, _) = snippet(&chars, ps.start, ps.end);
                            format!("{} {}", ps.kind, t)
                        });
                    let line = ErrorLine {
                        id: &g.id,
                        error: "miss",
                        kind: &k,
                        text,
                        context,
                        how: None,
                        other,
                    };
                    serde_json::to_writer(&mut *w, &line)?;
                    w.write_all(b"\n")?;
                }
            }
        }
    }
    for v in scores.per_type.values() {
        scores.micro.gold += v.gold;
        scores.micro.pred += v.pred;
        scores.micro.tp += v.tp;
    }
    Ok(scores)
}

/// Scores timex predictions (DATE mentions) with the TempEval-3 measures.
pub fn score_timexes(
    gold: &[GoldDoc],
    pred: &[Vec<PredSpan>],
    mut errors: Option<&mut dyn Write>,
) -> anyhow::Result<TimexScores> {
    let mut s = TimexScores::default();
    for (g, p) in gold.iter().zip(pred) {
        let chars: Vec<char> = if errors.is_some() {
            g.text.chars().collect()
        } else {
            Vec::new()
        };
        let gs = g.timexes.as_deref().unwrap_or(&[]);
        let ps: Vec<&PredSpan> = p.iter().filter(|x| x.kind == "DATE").collect();
        s.strict.gold += gs.len();
        s.relaxed.gold += gs.len();
        s.strict.pred += ps.len();
        s.relaxed.pred += ps.len();
        let mut gold_used = vec![false; gs.len()];
        let mut pred_used = vec![false; ps.len()];
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        // Exact spans first.
        for (i, gx) in gs.iter().enumerate() {
            if let Some(j) = (0..ps.len())
                .find(|&j| !pred_used[j] && ps[j].start == gx.start && ps[j].end == gx.end)
            {
                gold_used[i] = true;
                pred_used[j] = true;
                s.strict.tp += 1;
                pairs.push((i, j));
            }
        }
        // Then overlaps, largest first.
        let mut overlaps: Vec<(usize, usize, usize)> = Vec::new();
        for (i, gx) in gs.iter().enumerate() {
            for (j, px) in ps.iter().enumerate() {
                let ov = gx.end.min(px.end).saturating_sub(gx.start.max(px.start));
                if ov > 0 && !gold_used[i] && !pred_used[j] {
                    overlaps.push((ov, i, j));
                }
            }
        }
        overlaps.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, i, j) in overlaps {
            if !gold_used[i] && !pred_used[j] {
                gold_used[i] = true;
                pred_used[j] = true;
                pairs.push((i, j));
            }
        }
        s.relaxed.tp += pairs.len();
        for &(i, j) in &pairs {
            let (gx, px) = (&gs[i], ps[j]);
            if px.timex.as_deref() == Some(gx.kind.as_str()) {
                s.type_correct += 1;
            }
            let pv = px.value.as_ref().and_then(|v| v.as_str());
            if pv.is_some() && pv == gx.value.as_deref() {
                s.value_correct += 1;
            } else if let Some(w) = errors.as_deref_mut() {
                let (text, context) = snippet(&chars, gx.start, gx.end);
                let (pt, _) = snippet(&chars, px.start, px.end);
                let other = format!(
                    "{} {:?} {}",
                    px.timex.as_deref().unwrap_or(""),
                    pt,
                    pv.unwrap_or("")
                );
                let line = ErrorLine {
                    id: &g.id,
                    error: "wrong_value",
                    kind: &gx.kind,
                    text: format!(
                        "{text} = {} (dct {})",
                        gx.value.as_deref().unwrap_or(""),
                        g.dct.as_deref().unwrap_or("")
                    ),
                    context,
                    how: px.how.as_deref(),
                    other: Some(other),
                };
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
            }
        }
        if let Some(w) = errors.as_deref_mut() {
            for (i, gx) in gs.iter().enumerate().filter(|(i, _)| !gold_used[*i]) {
                let _ = i;
                let (text, context) = snippet(&chars, gx.start, gx.end);
                let line = ErrorLine {
                    id: &g.id,
                    error: "miss",
                    kind: &gx.kind,
                    text: format!("{text} = {}", gx.value.as_deref().unwrap_or("")),
                    context,
                    how: None,
                    other: None,
                };
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
            }
            for (j, px) in ps.iter().enumerate().filter(|(j, _)| !pred_used[*j]) {
                let _ = j;
                let (text, context) = snippet(&chars, px.start, px.end);
                let line = ErrorLine {
                    id: &g.id,
                    error: "false_positive",
                    kind: px.timex.as_deref().unwrap_or("DATE"),
                    text,
                    context,
                    how: px.how.as_deref(),
                    other: None,
                };
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
            }
        }
    }
    Ok(s)
}

/// Renders entity scores as a table.
pub fn entity_table(s: &EntityScores) -> String {
    let mut out = format!(
        "{:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n",
        "type", "gold", "pred", "tp", "P", "R", "F1"
    );
    let row = |name: &str, p: &Prf| {
        format!(
            "{:<8} {:>6} {:>6} {:>6} {:>7.2} {:>7.2} {:>7.2}\n",
            name,
            p.gold,
            p.pred,
            p.tp,
            100.0 * p.p(),
            100.0 * p.r(),
            100.0 * p.f1()
        )
    };
    for (k, v) in &s.per_type {
        out.push_str(&row(k, v));
    }
    out.push_str(&row("micro", &s.micro));
    out
}

/// Renders the precision of each rule and dictionary.
pub fn how_table(s: &EntityScores) -> String {
    let mut out = format!("{:<40} {:>6} {:>6} {:>7}\n", "type how", "pred", "tp", "P");
    for (k, v) in &s.by_how {
        out.push_str(&format!(
            "{:<40} {:>6} {:>6} {:>7.2}\n",
            k,
            v.pred,
            v.tp,
            100.0 * v.p()
        ));
    }
    out
}

/// Renders timex scores as a table.
pub fn timex_table(s: &TimexScores) -> String {
    let mut out = format!(
        "{:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n",
        "span", "gold", "pred", "tp", "P", "R", "F1"
    );
    for (name, p) in [("strict", &s.strict), ("relaxed", &s.relaxed)] {
        out.push_str(&format!(
            "{:<8} {:>6} {:>6} {:>6} {:>7.2} {:>7.2} {:>7.2}\n",
            name,
            p.gold,
            p.pred,
            p.tp,
            100.0 * p.p(),
            100.0 * p.r(),
            100.0 * p.f1()
        ));
    }
    out.push_str(&format!(
        "type accuracy {:.2}  value accuracy {:.2}  value F1 {:.2}\n",
        100.0 * s.type_accuracy(),
        100.0 * s.value_accuracy(),
        100.0 * s.value_f1()
    ));
    out
}
