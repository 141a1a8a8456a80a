//! `newsfacts eval` for whole pages: a gold file of saved pages (`html`) with their
//! main text (`body`), `title`, `author`, `published` and `page_type` (the format of the
//! WCXB benchmark; `.jsonl` or `.jsonl.gz`).
//!
//! Scored as the benchmark's own evaluation does: per page, the lower-cased `\w+` words
//! of the extracted text (the text `--include-text` prints: headline and body) against
//! the gold body's, as bags; precision, recall and F1; the mean per page type, and the
//! share of pages whose F1 is below 0.5 (a lost article or a sidebar taken for it).
//! Metadata: the title equal after case and space folding; the author contained in the
//! byline or the byline in the author; the publication date equal as `YYYY-MM-DD`.
//! The page type is compared after mapping the benchmark's kinds onto ours
//! (`collection` is a listing, `service` is other).
//!
//! Only the article pass runs (no recognisers): it is all that these figures measure.

use crate::article;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;

/// One gold page.
#[derive(Deserialize, Clone, Debug)]
pub struct PageGold {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    pub html: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub page_type: Option<String>,
}

/// What the extractor made of one page, with its scores.
#[derive(Clone, Debug, Serialize)]
pub struct PageResult {
    pub id: String,
    pub gold_type: String,
    pub page_type: &'static str,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold_words: usize,
    pub pred_words: usize,
    pub title_ok: Option<bool>,
    pub author_ok: Option<bool>,
    pub date_ok: Option<bool>,
    #[serde(skip)]
    pub text: String,
    #[serde(skip)]
    pub meta: (Option<String>, Option<String>, Option<String>),
    #[serde(skip)]
    pub date_from: Option<String>,
    /// What typed the page (the classifier's reason).
    #[serde(skip)]
    pub type_from: Option<String>,
    /// Every date the page's sources gave, with its place (`published_seen` notes).
    #[serde(skip)]
    pub dates_seen: Vec<String>,
    /// What the page's markup says it is (JSON-LD types, `og:type`, generator).
    #[serde(skip)]
    pub kinds: Vec<String>,
}

/// Whether a gold file holds pages (its first line has an `html` field).
pub fn is_page_gold(path: &Path) -> anyhow::Result<bool> {
    let mut first = String::new();
    open(path)?.read_line(&mut first)?;
    Ok(first.contains("\"html\""))
}

/// Opens a gold file for reading lines, decompressing a `.gz` one.
pub(crate) fn open(path: &Path) -> anyhow::Result<Box<dyn BufRead>> {
    use anyhow::Context;
    let f = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            f,
        )))
    } else {
        Box::new(std::io::BufReader::new(f))
    })
}

/// Reads a page gold file (`.gz` accepted); at most `limit` pages.
pub fn read_pages(path: &Path, limit: Option<usize>) -> anyhow::Result<Vec<PageGold>> {
    use anyhow::Context;
    let mut out = Vec::new();
    for (i, line) in open(path)?.lines().enumerate() {
        if limit.is_some_and(|n| out.len() >= n) {
            break;
        }
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: invalid gold page", path.display(), i + 1))?,
        );
    }
    Ok(out)
}

/// The lower-cased `\w+` words of `text` with their counts.
fn word_bag(text: &str) -> (FxHashMap<String, u32>, usize) {
    let mut bag: FxHashMap<String, u32> = FxHashMap::default();
    let mut n = 0;
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
    {
        *bag.entry(w.to_lowercase()).or_default() += 1;
        n += 1;
    }
    (bag, n)
}

/// Bag-of-words precision, recall and F1 of `pred` against `gold`.
pub fn word_prf(pred: &str, gold: &str) -> (f64, f64, f64, usize, usize) {
    let (pb, pn) = word_bag(pred);
    let (gb, gn) = word_bag(gold);
    let common: u32 = pb
        .iter()
        .map(|(w, &c)| c.min(gb.get(w).copied().unwrap_or(0)))
        .sum();
    if pn == 0 && gn == 0 {
        return (1.0, 1.0, 1.0, 0, 0);
    }
    let p = if pn == 0 {
        0.0
    } else {
        common as f64 / pn as f64
    };
    let r = if gn == 0 {
        0.0
    } else {
        common as f64 / gn as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f, pn, gn)
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The benchmark's page kinds in our taxonomy.
pub fn our_type(gold: &str) -> &'static str {
    match gold {
        "article" => "article",
        "listing" | "collection" => "listing",
        "forum" => "forum",
        "product" => "product",
        "documentation" => "documentation",
        _ => "other",
    }
}

/// Extracts and scores one page.
pub fn score_page(g: &PageGold) -> PageResult {
    let capped = crate::limits::cap_nesting(g.html.as_bytes(), crate::limits::MAX_HTML_DEPTH);
    let bytes = capped.as_deref().unwrap_or(g.html.as_bytes());
    let art = article::extract(bytes, Some("utf-8"), g.url.as_deref());
    let (p, r, f, pn, gn) = word_prf(&art.text, g.body.as_deref().unwrap_or(""));
    let m = &art.meta;
    let title_ok = g
        .title
        .as_deref()
        .map(|t| m.title.as_deref().is_some_and(|x| fold(x) == fold(t)));
    let author_ok = g
        .author
        .as_deref()
        .filter(|a| !a.trim().is_empty())
        .map(|a| {
            let a = fold(a);
            let mut names: Vec<String> = m.authors.iter().map(|x| fold(x)).collect();
            names.extend(m.byline.as_deref().map(fold));
            names
                .iter()
                .any(|x| !x.is_empty() && (x.contains(&a) || a.contains(x.as_str())))
        });
    let date_ok = g
        .published
        .as_deref()
        .map(|d| m.published.as_deref() == Some(d.get(..10).unwrap_or(d)));
    let date_from = m
        .provenance
        .iter()
        .find(|(k, _)| k == "published")
        .map(|(_, v)| v.clone());
    let type_from = m
        .provenance
        .iter()
        .find(|(k, _)| k == "page_type")
        .map(|(_, v)| v.clone());
    PageResult {
        id: g.id.clone(),
        gold_type: g.page_type.clone().unwrap_or_default(),
        page_type: art.page_type.as_str(),
        precision: p,
        recall: r,
        f1: f,
        gold_words: gn,
        pred_words: pn,
        title_ok,
        author_ok,
        date_ok,
        meta: (m.title.clone(), m.byline.clone(), m.published.clone()),
        text: art.text,
        date_from,
        type_from,
        dates_seen: m
            .provenance
            .iter()
            .filter(|(k, _)| k == "published_seen")
            .map(|(_, v)| v.clone())
            .collect(),
        kinds: m.kinds.clone(),
    }
}

/// Scores every page, in parallel (in the current rayon pool), in gold order.
pub fn score_pages(gold: &[PageGold]) -> Vec<PageResult> {
    gold.par_iter().map(score_page).collect()
}

/// Per-page-type word F1 figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TypeScores {
    pub pages: usize,
    pub f1_mean: f64,
    pub below_05: usize,
    pub below_08: usize,
    pub type_right: usize,
}

/// The summary of a page evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PageScores {
    pub per_type: BTreeMap<String, TypeScores>,
    pub all: TypeScores,
    /// (right, gold pages with a value)
    pub title: (usize, usize),
    pub author: (usize, usize),
    pub published: (usize, usize),
}

/// Sums the per-page results.
pub fn summarize(results: &[PageResult]) -> PageScores {
    let mut s = PageScores::default();
    let add = |t: &mut TypeScores, r: &PageResult| {
        t.pages += 1;
        t.f1_mean += r.f1;
        t.below_05 += usize::from(r.f1 < 0.5);
        t.below_08 += usize::from(r.f1 < 0.8);
        t.type_right += usize::from(our_type(&r.gold_type) == r.page_type);
    };
    for r in results {
        add(s.per_type.entry(r.gold_type.clone()).or_default(), r);
        add(&mut s.all, r);
        for (acc, ok) in [
            (&mut s.title, r.title_ok),
            (&mut s.author, r.author_ok),
            (&mut s.published, r.date_ok),
        ] {
            if let Some(ok) = ok {
                acc.0 += usize::from(ok);
                acc.1 += 1;
            }
        }
    }
    for t in s.per_type.values_mut().chain(std::iter::once(&mut s.all)) {
        if t.pages > 0 {
            t.f1_mean /= t.pages as f64;
        }
    }
    s
}

/// Renders the summary as a table.
pub fn page_table(s: &PageScores) -> String {
    let mut out = format!(
        "{:<14} {:>6} {:>8} {:>7} {:>7} {:>9}\n",
        "page type", "pages", "word F1", "<0.5", "<0.8", "type ok"
    );
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let row = |name: &str, t: &TypeScores| {
        format!(
            "{:<14} {:>6} {:>8.3} {:>6.1}% {:>6.1}% {:>8.1}%\n",
            name,
            t.pages,
            t.f1_mean,
            pct(t.below_05, t.pages),
            pct(t.below_08, t.pages),
            pct(t.type_right, t.pages)
        )
    };
    for (k, v) in &s.per_type {
        out.push_str(&row(k, v));
    }
    out.push_str(&row("all", &s.all));
    for (name, (a, b)) in [
        ("title", s.title),
        ("author", s.author),
        ("published", s.published),
    ] {
        out.push_str(&format!("{name:<10} {a:>5}/{b:<5} {:>6.1}%\n", pct(a, b)));
    }
    out
}

/// One line of `--errors`: a page, worst F1 first.
#[derive(Serialize)]
struct PageError<'a> {
    #[serde(flatten)]
    result: &'a PageResult,
    url: Option<&'a str>,
    title: Option<&'a str>,
    gold_title: Option<&'a str>,
    byline: Option<&'a str>,
    gold_author: Option<&'a str>,
    published: Option<&'a str>,
    gold_published: Option<&'a str>,
    published_from: Option<&'a str>,
    page_type_from: Option<&'a str>,
    published_seen: &'a [String],
    page_kinds: &'a [String],
    text_start: String,
    gold_start: String,
}

/// Writes one JSON line per page, worst word F1 first.
pub fn write_page_errors(
    gold: &[PageGold],
    results: &[PageResult],
    w: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by(|&a, &b| results[a].f1.total_cmp(&results[b].f1).then(a.cmp(&b)));
    let head = |s: &str| s.chars().take(300).collect::<String>().replace('\n', " | ");
    for i in order {
        let (g, r) = (&gold[i], &results[i]);
        let line = PageError {
            result: r,
            url: g.url.as_deref(),
            title: r.meta.0.as_deref(),
            gold_title: g.title.as_deref(),
            byline: r.meta.1.as_deref(),
            gold_author: g.author.as_deref(),
            published: r.meta.2.as_deref(),
            gold_published: g.published.as_deref(),
            published_from: r.date_from.as_deref(),
            page_type_from: r.type_from.as_deref(),
            published_seen: &r.dates_seen,
            page_kinds: &r.kinds,
            text_start: head(&r.text),
            gold_start: head(g.body.as_deref().unwrap_or("")),
        };
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// The whole `eval` run on a page gold file: scores the pages in `threads` threads,
/// writes the table (or JSON) to `out` and the pages worst first to `errors`.
pub fn run(
    path: &Path,
    limit: Option<usize>,
    threads: usize,
    json: bool,
    errors: Option<&mut dyn Write>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let gold = read_pages(path, limit)?;
    let pool = crate::pipeline::thread_pool(threads)?;
    let results = pool.install(|| score_pages(&gold));
    let s = summarize(&results);
    if json {
        serde_json::to_writer(
            &mut *out,
            &serde_json::json!({"gold": path, "pages": gold.len(), "scores": s}),
        )?;
        out.write_all(b"\n")?;
    } else {
        writeln!(
            out,
            "{} ({} pages, word F1 of the text)",
            path.display(),
            gold.len()
        )?;
        out.write_all(page_table(&s).as_bytes())?;
    }
    if let Some(w) = errors {
        write_page_errors(&gold, &results, w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_f1_is_over_bags_of_lowercased_words() {
        let cases: &[(&str, &str, f64)] = &[
            ("The cat sat.", "the CAT sat", 1.0),
            ("", "", 1.0),
            ("a b", "", 0.0),
            ("a a b b", "a b", 2.0 / 3.0),
            ("snake_case words", "snake_case words", 1.0),
            ("café au lait", "Café", 0.5),
        ];
        for &(pred, gold, want) in cases {
            let (_, _, f, _, _) = word_prf(pred, gold);
            assert!((f - want).abs() < 1e-9, "{pred:?} vs {gold:?}: {f}");
        }
    }

    #[test]
    fn scores_a_page() {
        let html = r#"<html><head><title>Rain in the Valley</title>
            <meta property="article:published_time" content="2024-05-02T10:00:00Z">
            <meta name="author" content="Ann Lee"></head><body><article>
            <h1>Rain in the Valley</h1>
            <p>Heavy rain fell across the valley on Thursday, and the river rose by a metre, officials said.</p>
            <p>Schools closed early, while farmers moved their animals to higher ground before the night.</p>
            </article></body></html>"#;
        let g = PageGold {
            id: "p1".into(),
            url: None,
            html: html.into(),
            body: Some("Rain in the Valley\n\nHeavy rain fell across the valley on Thursday, and the river rose by a metre, officials said.\n\nSchools closed early, while farmers moved their animals to higher ground before the night.".into()),
            title: Some("Rain in the valley".into()),
            author: Some("Ann Lee".into()),
            published: Some("2024-05-02".into()),
            page_type: Some("article".into()),
        };
        let r = score_page(&g);
        assert!(r.f1 > 0.99, "{}", r.f1);
        assert_eq!(
            (r.title_ok, r.author_ok, r.date_ok),
            (Some(true), Some(true), Some(true))
        );
        let s = summarize(&[r]);
        assert_eq!(s.all.pages, 1);
        assert_eq!(s.published, (1, 1));
    }
}
