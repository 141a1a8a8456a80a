//! Page metadata from a parsed page: title, publication and modification dates,
//! byline and authors, site name, canonical URL and language, each with where it came
//! from. Sources are tried from the most deliberate to the least: `<meta>` tags
//! (Open Graph, article:, Dublin Core, parsely, itemprop), JSON-LD (including `@graph`
//! arrays), then visible markup (`<h1>`, `<time datetime>` inside the article,
//! `rel=author`, byline classes), then the URL. The dates the elements show are
//! gathered in the same pass and chosen by `published`. Dates are ISO
//! `YYYY-MM-DD` (the local date the page states, without time-zone conversion).

use super::hints::{self, Attrs, PageHints};
use super::json_ld::{json_ld_fields, LdFields};
use super::published::{self, DateContext, DateFinds, MODIFIED_KEYS, NEAR_TITLE, PUBLISHED_KEYS};
use super::segment::Folded;
use super::title_byline::{clean_byline, clean_title, is_organisation};
use super::Metadata;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// What one pass over the page collects before choosing.
#[derive(Default)]
struct Found {
    lang: Option<String>,
    title_tag: Option<String>,
    h1: Option<String>,
    /// `(key, content)` of `<meta>` tags; keys lowercased `property`/`name`/`itemprop`.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    rel_author: Option<String>,
    itemprop_author: Option<String>,
    byline_class: Option<String>,
    dates: DateFinds,
    json_ld: Vec<String>,
}

/// Extracts the metadata of `doc` (whose element hints are `page`); `url` is the page
/// address (a date fallback and the base for a relative canonical link); `captured`
/// the day (`YYYY-MM-DD`) the page was fetched, if known: no later date is its
/// publication date.
pub fn extract(
    doc: &Html,
    page: &PageHints,
    url: Option<&str>,
    captured: Option<&str>,
) -> Metadata {
    let f = collect(doc, page);
    let ld = json_ld_fields(&f.json_ld);
    let mut m = Metadata::default();
    // Site name first: it is what a title's suffix is compared with.
    let site_name = choose_site_name(&f, &ld, &mut m);
    choose_title(&f, &ld, site_name.as_deref(), &mut m);
    choose_dates(doc, &f, &ld, (url, captured), &mut m);
    choose_byline(&f, &ld, &mut m);
    m.kinds = ld.types.iter().map(|t| format!("ld:{t}")).collect();
    if let Some((_, v)) = f.meta(&["og:type"]) {
        m.kinds.push(format!("og:{}", v.to_ascii_lowercase()));
    }
    if let Some((_, v)) = f.meta(&["generator"]) {
        m.kinds
            .push(format!("generator:{}", v.to_ascii_lowercase()));
    }
    m.site_name = site_name;
    choose_canonical_and_language(&f, url, &mut m);
    m
}

impl Metadata {
    /// Notes where `field` came from.
    pub(super) fn note(&mut self, field: &str, from: String) {
        self.provenance.push((field.to_string(), from));
    }
}

impl Found {
    /// The first of `keys` with a non-blank `<meta>` content: `(key, trimmed content)`.
    fn meta(&self, keys: &[&str]) -> Option<(String, String)> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(key, v)| (key.clone(), v.trim().to_string()))
        })
    }
}

fn choose_site_name(f: &Found, ld: &LdFields, m: &mut Metadata) -> Option<String> {
    if let Some((k, v)) = f.meta(&["og:site_name", "application-name"]) {
        m.note("site_name", format!("meta[{k}]"));
        Some(v)
    } else if let Some(p) = &ld.publisher {
        m.note("site_name", "json-ld publisher.name".into());
        Some(p.clone())
    } else {
        None
    }
}

fn choose_title(f: &Found, ld: &LdFields, site_name: Option<&str>, m: &mut Metadata) {
    let h1 = f.h1.as_deref();
    let title_sources: [(Option<String>, String); 5] = [
        f.meta(&["og:title"])
            .map_or((None, String::new()), |(k, v)| {
                (Some(v), format!("meta[{k}]"))
            }),
        (ld.headline.clone(), "json-ld headline".into()),
        (
            f.meta(&["twitter:title"]).map(|x| x.1),
            "meta[twitter:title]".into(),
        ),
        (f.h1.clone(), "h1".into()),
        (f.title_tag.clone(), "title".into()),
    ];
    for (value, from) in title_sources {
        if let Some(v) = value {
            let t = clean_title(&v, site_name, h1);
            if !t.is_empty() {
                m.title = Some(t);
                m.note("title", from);
                break;
            }
        }
    }
}

/// The publication date and the date of the last change: see [`published::choose`].
fn choose_dates(
    doc: &Html,
    f: &Found,
    ld: &LdFields,
    context: (Option<&str>, Option<&str>),
    m: &mut Metadata,
) {
    let cx = DateContext {
        meta_published: f.meta(PUBLISHED_KEYS),
        meta_modified: f.meta(MODIFIED_KEYS),
        ld,
        url: context.0,
        captured: context.1,
    };
    let scripts = || -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(
            doc.tree
                .nodes()
                .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "script"))
                .flat_map(|n| {
                    n.children()
                        .filter_map(|c| c.value().as_text().map(|t| &**t))
                }),
        )
    };
    published::choose(&f.dates, &cx, scripts, m);
}

fn choose_byline(f: &Found, ld: &LdFields, m: &mut Metadata) {
    let mut byline_sources: Vec<(Option<String>, String)> = Vec::new();
    if let Some((k, v)) = f.meta(&[
        "author",
        "article:author",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
    ]) {
        // Facebook-style `article:author` is often a profile URL, not a name.
        if !v.starts_with("http") {
            byline_sources.push((Some(v), format!("meta[{k}]")));
        }
    }
    if !ld.authors.is_empty() {
        byline_sources.push((Some(ld.authors.join(", ")), "json-ld author".into()));
    }
    byline_sources.push((f.rel_author.clone(), "a[rel=author]".into()));
    byline_sources.push((f.itemprop_author.clone(), "[itemprop=author]".into()));
    byline_sources.push((f.byline_class.clone(), "byline class".into()));
    for (value, from) in byline_sources {
        let Some(v) = value else { continue };
        let (byline, authors) = clean_byline(&v);
        if byline.is_empty() {
            continue;
        }
        if is_organisation(&byline) {
            m.note("byline_is", "organisation".into());
        }
        m.byline = Some(byline);
        m.authors = authors;
        m.note("byline", from);
        break;
    }
}

fn choose_canonical_and_language(f: &Found, url: Option<&str>, m: &mut Metadata) {
    if let Some((href, from)) = f
        .canonical
        .clone()
        .map(|c| (c, "link[rel=canonical]".to_string()))
        .or_else(|| {
            f.meta(&["og:url"])
                .map(|(_, v)| (v, "meta[og:url]".to_string()))
        })
    {
        m.canonical_url = Some(absolutize(&href, url));
        m.note("canonical_url", from);
    }
    if let Some((lang, from)) = f
        .lang
        .clone()
        .map(|l| (l, "html[lang]".to_string()))
        .or_else(|| {
            f.meta(&["og:locale", "content-language", "language"])
                .map(|(k, v)| (v, format!("meta[{k}]")))
        })
    {
        m.language = Some(lang.replace('_', "-"));
        m.note("language", from);
    }
}

/// One pass over the page's elements (in document order) collecting every source.
fn collect(doc: &Html, page: &PageHints) -> Found {
    let mut f = Found::default();
    // Elements left to look at for a date after the headline (`None` before it).
    let mut after_h1: Option<u32> = None;
    // Whether an element is or is inside furniture or an article (by tag or role)
    // judges h1/time; the hints say.
    for (node, el, h) in page.elements(doc) {
        let name = el.name();
        // Only a few tags need attribute values beyond the hints.
        let attrs = || Attrs::of(el);
        let text = || normalize_text(node);
        match name {
            "html" if f.lang.is_none() => {
                let attrs = attrs();
                f.lang = attrs
                    .lang
                    .or(attrs.xml_lang)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
            }
            "title" if f.title_tag.is_none() => f.title_tag = Some(text()),
            "h1" if f.h1.is_none() && !h.in_furniture => {
                let t = text();
                if !t.is_empty() {
                    f.h1 = Some(t);
                    after_h1 = Some(NEAR_TITLE);
                }
            }
            "meta" => {
                let attrs = attrs();
                let key = attrs
                    .property
                    .or(attrs.name)
                    .or(attrs.itemprop)
                    .or(attrs.http_equiv);
                let content = attrs.content.or(attrs.datetime);
                if let (Some(k), Some(v)) = (key, content) {
                    f.metas.push((k.trim().to_ascii_lowercase(), v.to_string()));
                }
            }
            "link" => {
                let attrs = attrs();
                let rel = attrs.rel.unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && f.canonical.is_none() {
                    f.canonical = attrs.href.map(|h| h.trim().to_string());
                }
            }
            "script"
                if attrs()
                    .type_
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                f.json_ld.push(
                    node.children()
                        .filter_map(|c| c.value().as_text())
                        .map(|t| &**t)
                        .collect(),
                );
            }
            _ => {}
        }
        f.dates
            .look(node, el, h, after_h1, |max| text_within(node, max));
        if let Some(left) = after_h1.as_mut().filter(|l| **l > 0) {
            *left -= 1;
        }
        if name == "a" && f.rel_author.is_none() && h.rel_author {
            f.rel_author = Some(text()).filter(|t| !t.is_empty());
        }
        if f.itemprop_author.is_none() && h.itemprop_author {
            // The name may be a nested itemprop=name, or the element's text.
            let name_text = node
                .descendants()
                .filter_map(scraper::ElementRef::wrap)
                .find(|d| d.value().attr("itemprop").is_some_and(|p| p == "name"))
                .map(|d| normalize_text(*d))
                .or_else(|| attrs().content.map(str::to_string))
                .unwrap_or_else(text);
            f.itemprop_author = Some(name_text).filter(|t| short_name(t));
        }
        if f.byline_class.is_none() && !matches!(name, "body" | "html" | "meta") && h.words.byline {
            f.byline_class = text_within(node, 100).filter(|t| short_name(t));
        }
    }
    f
}

/// A byline candidate is short; a long text is a bio box, not a name.
fn short_name(t: &str) -> bool {
    !t.is_empty() && t.split_whitespace().count() <= 10 && t.len() <= 100
}

fn normalize_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    text_within(node, usize::MAX).unwrap_or_default()
}

/// [`normalize_text`] if the result is at most `max` bytes long, else `None`. A date
/// or a byline is short: a container that merely carries a "date" or "byline" class
/// (the whole article, at times) is given up as soon as its text can no longer fit,
/// without copying the rest of it.
fn text_within(node: ego_tree::NodeRef<'_, Node>, max: usize) -> Option<String> {
    // Inline tags split words only where the markup had spaces; joining text nodes
    // with a space is the safe choice for short fields like names and titles.
    let mut out = Folded::default();
    let mut skip_depth = 0u32;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e)
                    if skip_depth > 0
                        || hints::is_skipped_tag(e.name())
                        || hints::is_hidden(&Attrs::of(e)) =>
                {
                    skip_depth += 1;
                }
                Node::Text(t) if skip_depth == 0 => {
                    out.push(t);
                    out.space();
                    // The folded text only grows.
                    if out.len() > max {
                        return None;
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                if n.value().is_element() && skip_depth > 0 {
                    skip_depth -= 1;
                }
            }
        }
    }
    Some(out.into_string())
}

/// Makes a root-relative or protocol-relative link absolute against the page URL.
fn absolutize(href: &str, base: Option<&str>) -> String {
    if href.contains("://") {
        return href.to_string();
    }
    let Some(base) = base else {
        return href.to_string();
    };
    let Some(scheme_end) = base.find("://") else {
        return href.to_string();
    };
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{}://{rest}", &base[..scheme_end]);
    }
    if href.starts_with('/') {
        let host_end = base[scheme_end + 3..]
            .find('/')
            .map_or(base.len(), |p| scheme_end + 3 + p);
        return format!("{}{href}", &base[..host_end]);
    }
    href.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_publication_date_after_the_capture() {
        let page = r#"<html><head><meta property="article:published_time" content="2030-01-01">
            </head><body><article><h1>T</h1><time datetime="2024-05-01">May 1</time>
            <p>Text.</p></article></body></html>"#;
        let doc = Html::parse_document(page);
        let hints = PageHints::of(&doc);
        // (capture day, publication date)
        let cases = [
            (None, Some("2030-01-01")),
            (Some("2025-01-01"), Some("2024-05-01")),
            (Some("2024-05-01"), Some("2024-05-01")),
            (Some("2020-01-01"), None),
        ];
        for (captured, want) in cases {
            let m = extract(&doc, &hints, None, captured);
            assert_eq!(m.published.as_deref(), want, "{captured:?}");
        }
    }
}
