//! JSON-LD in a page: the fields of its article object (headline, dates, authors,
//! publisher), the `datePublished` of any other object, and every `@type`, read through
//! `@graph` arrays and `mainEntity`. Which source wins is [`super::metadata`]'s choice.

use serde_json::Value;

/// Fields read from JSON-LD objects.
#[derive(Default)]
pub(super) struct LdFields {
    pub(super) headline: Option<String>,
    pub(super) published: Option<String>,
    pub(super) modified: Option<String>,
    /// `datePublished` of an object of any other type (a forum post, a Q&A page).
    pub(super) other_published: Option<String>,
    /// The `@type` of every object.
    pub(super) types: Vec<String>,
    pub(super) authors: Vec<String>,
    pub(super) publisher: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "WebPage",
];

pub(super) fn json_ld_fields(scripts: &[String]) -> LdFields {
    let mut best: Option<(usize, LdFields)> = None;
    let mut other_published = None;
    let mut types = Vec::new();
    for s in scripts {
        let Ok(v) = serde_json::from_str::<Value>(s.trim()) else {
            continue;
        };
        let mut objects = Vec::new();
        flatten_ld(&v, &mut objects, 0);
        for o in objects {
            match o.get("@type") {
                Some(Value::String(t)) => types.push(t.clone()),
                Some(Value::Array(a)) => {
                    types.extend(a.iter().filter_map(Value::as_str).map(str::to_string))
                }
                _ => {}
            }
            let rank = type_rank(o);
            let Some(rank) = rank else {
                if other_published.is_none() {
                    other_published = str_field(o, "datePublished")
                        .or_else(|| str_field(o, "dateCreated"))
                        .or_else(|| str_field(o, "uploadDate"));
                }
                continue;
            };
            let fields = LdFields {
                headline: str_field(o, "headline").or_else(|| str_field(o, "name")),
                published: str_field(o, "datePublished").or_else(|| str_field(o, "dateCreated")),
                modified: str_field(o, "dateModified"),
                authors: o
                    .get("author")
                    .or(o.get("creator"))
                    .map(names_of)
                    .unwrap_or_default(),
                publisher: o
                    .get("publisher")
                    .and_then(|p| names_of(p).into_iter().next()),
                other_published: None,
                types: Vec::new(),
            };
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, fields));
            }
        }
    }
    let mut fields = best.map(|b| b.1).unwrap_or_default();
    fields.other_published = other_published;
    fields.types = types;
    fields
}

/// Article types rank before `WebPage`; other types are ignored.
fn type_rank(o: &Value) -> Option<usize> {
    let types: Vec<&str> = match o.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    types
        .iter()
        .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
        .map(|p| usize::from(p == ARTICLE_TYPES.len() - 1))
        .min()
}

fn flatten_ld<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| flatten_ld(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                flatten_ld(g, out, depth + 1);
            }
            if let Some(m) = o.get("mainEntity") {
                flatten_ld(m, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn str_field(o: &Value, key: &str) -> Option<String> {
    match o.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.iter().find_map(|x| x.as_str()).map(str::to_string),
        _ => None,
    }
}

fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.trim().to_string()])
            .unwrap_or_default(),
        Value::Array(a) => a.iter().flat_map(names_of).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_graph_and_authors() {
        let s = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Site"},
            {"@type":"WebPage","datePublished":"2015-01-01"},
            {"@type":"NewsArticle","headline":"H","datePublished":"2016-03-16T08:00:00Z",
             "author":[{"@type":"Person","name":"A B"},{"name":"C D"}],
             "publisher":{"@type":"Organization","name":"Pub"}}]}"#;
        let f = json_ld_fields(&[s.to_string()]);
        assert_eq!(f.published.as_deref(), Some("2016-03-16T08:00:00Z"));
        assert_eq!(f.authors, vec!["A B", "C D"]);
        assert_eq!(f.publisher.as_deref(), Some("Pub"));
        assert_eq!(f.headline.as_deref(), Some("H"));
    }
}
