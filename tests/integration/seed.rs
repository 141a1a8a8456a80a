//! The seed article, as our own news pages (`fixtures/seed.html` and a page laid out
//! differently, `fixtures/seed-alt.html`), against what a careful annotator extracts
//! from it (`../shared/seed/seed-expected.json`). The test says plainly when the shared
//! folder is absent.

use newsfacts::input::Document;
use newsfacts::record::{EntityType, Record, Value};
use newsfacts::{Extractor, ExtractorConfig};
use serde_json::Value as Json;
use std::path::Path;

fn expected() -> Option<Json> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/seed-expected.json");
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(serde_json::from_str(&s).unwrap()),
        Err(_) => {
            eprintln!(
                "SKIPPED: {} is absent, so the seed test cannot run",
                p.display()
            );
            None
        }
    }
}

fn extract(page: &str) -> Record {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(page);
    let html = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut config = ExtractorConfig::default();
    config.include_text = true;
    Extractor::new(config)
        .unwrap()
        .extract(&Document::html(page, html))
}

fn strs(v: &Json) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// Every problem found, so one run shows them all.
fn check_page(page: &str) -> Vec<String> {
    let Some(exp) = expected() else {
        return Vec::new();
    };
    let rec = extract(page);
    let text = rec.text.clone().unwrap_or_default();
    let mut problems = Vec::new();
    if rec.title.as_deref() != exp["title"].as_str() {
        problems.push(format!("title {:?}", rec.title));
    }
    if rec.published.as_deref() != exp["published"].as_str() {
        problems.push(format!("published {:?}", rec.published));
    }
    for (key, kind) in [
        ("people", EntityType::Person),
        ("places", EntityType::Place),
        ("organisations", EntityType::Org),
    ] {
        for e in exp[key].as_array().unwrap() {
            let canonical = e["canonical"].as_str().unwrap();
            // Forms that stand in the article text (the annotator also listed forms
            // from the author box, which is page furniture).
            for form in strs(&e["forms"])
                .iter()
                .filter(|f| text.contains(f.as_str()))
            {
                let found = rec
                    .mentions
                    .iter()
                    .any(|m| m.kind == kind && &m.text == form);
                if !found {
                    problems.push(format!("{kind} {form:?} ({canonical}) not found"));
                }
            }
            if kind == EntityType::Person {
                match rec
                    .entities
                    .iter()
                    .find(|x| x.kind == kind && x.canonical == canonical)
                {
                    None => problems.push(format!("no PERSON entity {canonical:?}")),
                    Some(ent) => {
                        let forms: Vec<String> = strs(&e["forms"])
                            .into_iter()
                            .filter(|f| text.contains(f.as_str()))
                            .collect();
                        for r in strs(&e["roles"]) {
                            if !ent.roles.contains(&r) {
                                problems.push(format!(
                                    "{canonical}: role {r:?} missing (roles {:?})",
                                    ent.roles
                                ));
                            }
                        }
                        for f in forms {
                            if !ent.forms.contains(&f) {
                                problems.push(format!(
                                    "{canonical}: form {f:?} not merged (forms {:?})",
                                    ent.forms
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    for d in exp["dates"].as_array().unwrap() {
        let (t, v) = (d["text"].as_str().unwrap(), d["value"].as_str().unwrap());
        let hits: Vec<_> = rec
            .mentions
            .iter()
            .filter(|m| m.kind == EntityType::Date && m.text == t)
            .collect();
        if hits.is_empty() {
            problems.push(format!("DATE {t:?} not found"));
        } else if !hits
            .iter()
            .all(|m| m.value == Some(Value::Text(v.to_string())))
        {
            problems.push(format!(
                "DATE {t:?} values {:?}, want {v}",
                hits.iter().map(|m| &m.value).collect::<Vec<_>>()
            ));
        }
    }
    for f in exp["figures"].as_array().unwrap() {
        let full = f["text"].as_str().unwrap();
        let unit = f["unit"].as_str().unwrap();
        let span = full.strip_suffix(unit).unwrap().trim_end();
        match rec
            .mentions
            .iter()
            .find(|m| m.kind == EntityType::Figure && m.text == span)
        {
            None => problems.push(format!("FIGURE {span:?} not found")),
            Some(m) => {
                if m.unit.as_deref() != Some(unit) {
                    problems.push(format!("FIGURE {span:?} unit {:?}", m.unit));
                }
                if let Some(v) = f["value"].as_f64() {
                    if m.value != Some(Value::Number(v)) {
                        problems.push(format!("FIGURE {span:?} value {:?}", m.value));
                    }
                }
                if f["min"].as_f64().is_some()
                    && (m.min != f["min"].as_f64() || m.max != f["max"].as_f64())
                {
                    problems.push(format!("FIGURE {span:?} min/max {:?}/{:?}", m.min, m.max));
                }
                if m.qualifier.map(|q| q.as_str()) != f["qualifier"].as_str() {
                    problems.push(format!("FIGURE {span:?} qualifier {:?}", m.qualifier));
                }
            }
        }
    }
    for code in strs(&exp["not_figures"]) {
        if rec
            .mentions
            .iter()
            .any(|m| m.kind == EntityType::Figure && code.contains(m.text.as_str()))
        {
            problems.push(format!("{code:?} reported as a figure"));
        }
    }
    for q in exp["quotes"].as_array().unwrap() {
        let (quote, speaker) = (q["quote"].as_str().unwrap(), q["speaker"].as_str().unwrap());
        let found = rec.quotes.iter().find(|x| x.text == quote);
        let who = found.map(|x| {
            x.speaker
                .and_then(|i| rec.entities.get(i))
                .map(|e| e.canonical.clone())
                .or(x.speaker_text.clone())
                .unwrap_or_default()
        });
        if who.as_deref() != Some(speaker) {
            problems.push(format!(
                "quote {quote:?}: speaker {who:?}, want {speaker:?}"
            ));
        }
    }
    // Page furniture stays out of the text, and so do its figures.
    for furniture in [
        "Accessibility links",
        "Breaking News",
        "16x9",
        "326 million",
        "more than 40 languages",
        "XS",
    ] {
        if text.contains(furniture) {
            problems.push(format!("furniture {furniture:?} in the article text"));
        }
    }
    problems
}

#[test]
fn seed_page_yields_what_the_annotator_found() {
    let problems = check_page("seed.html");
    assert!(
        problems.is_empty(),
        "seed.html:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn differently_laid_out_seed_page_yields_the_same() {
    let problems = check_page("seed-alt.html");
    assert!(
        problems.is_empty(),
        "seed-alt.html:\n  {}",
        problems.join("\n  ")
    );
}
