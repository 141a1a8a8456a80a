//! Page metadata from a parsed page: title, publication and modification dates,
//! byline and authors, site name, canonical URL and language, each with where it came
//! from. Sources are tried from the most deliberate to the least: `<meta>` tags
//! (Open Graph, article:, Dublin Core, parsely, itemprop), JSON-LD (including `@graph`
//! arrays), then visible markup (`<h1>`, `<time datetime>` inside the article,
//! `rel=author`, byline classes), then the URL. Dates never come from script bodies
//! other than JSON-LD, nor from free text. Dates are ISO `YYYY-MM-DD` (the local date
//! the page states, without time-zone conversion).

use super::dates::{date_from_url, date_in_scripts, date_in_text, iso_date, short_date_text};
use super::hints::{self, Attrs, PageHints};
use super::json_ld::{json_ld_fields, LdFields};
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
    time_published: Option<String>,
    time_any: Option<String>,
    /// The first date written in a dated element's text (`<span class="date">`,
    /// `<time>` without `datetime`), inside an article element, and anywhere.
    text_date_article: Option<String>,
    text_date_any: Option<String>,
    /// The first date written in a short element just after the headline (`<h1>`).
    text_date_near_title: Option<String>,
    /// The first element whose own text is little more than a date
    /// ([`short_date_text`]: a forum post's time, a blog's date header), after the
    /// headline, and anywhere.
    short_date_after_h1: Option<String>,
    short_date_any: Option<String>,
    json_ld: Vec<String>,
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "published",
    "citation_date",
    "citation_online_date",
    "ms.date",
    "date",
];

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

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
    fn note(&mut self, field: &str, from: String) {
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

/// The publication date: the first source, most deliberate first, with a date no later
/// than the capture (`context` is the page's URL and capture day); the date of the last
/// change apart.
fn choose_dates(
    doc: &Html,
    f: &Found,
    ld: &LdFields,
    context: (Option<&str>, Option<&str>),
    m: &mut Metadata,
) {
    let (url, captured) = context;
    let mut date_sources: Vec<(Option<String>, String)> = Vec::new();
    if let Some((k, v)) = f.meta(PUBLISHED_KEYS) {
        date_sources.push((Some(v), format!("meta[{k}]")));
    }
    date_sources.push((ld.published.clone(), "json-ld datePublished".into()));
    date_sources.push((
        f.time_published.clone(),
        "time[datetime] (published)".into(),
    ));
    date_sources.push((f.time_any.clone(), "time[datetime] in article".into()));
    date_sources.push((
        ld.other_published.clone(),
        "json-ld datePublished (other type)".into(),
    ));
    date_sources.push((url.and_then(date_from_url), "url".into()));
    date_sources.push((f.text_date_article.clone(), "date text in article".into()));
    date_sources.push((f.text_date_any.clone(), "date text".into()));
    date_sources.push((f.text_date_near_title.clone(), "date text after h1".into()));
    date_sources.push((
        f.short_date_after_h1.clone(),
        "date text, short, after h1".into(),
    ));
    date_sources.push((f.short_date_any.clone(), "date text, short".into()));
    // Last, the date of the last change: a page that shows only "Updated ..." was
    // published, as far as a reader can tell, then.
    date_sources.push((f.meta(MODIFIED_KEYS).map(|x| x.1), "meta (modified)".into()));
    date_sources.push((ld.modified.clone(), "json-ld dateModified".into()));
    let not_future = |d: &String| captured.is_none_or(|c| d.as_str() <= c);
    for (value, from) in date_sources {
        if let Some(d) = value.as_deref().and_then(iso_date) {
            if !not_future(&d) {
                m.note(
                    "published_skipped",
                    format!("{from}: {d} after the capture"),
                );
                continue;
            }
            m.published = Some(d);
            m.note("published", from);
            break;
        }
    }
    if m.published.is_none() {
        // A second look, only on pages without a date so far: the JSON state of
        // scripts (a client-rendered page shows its date only from there).
        let scripts = doc
            .tree
            .nodes()
            .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "script"))
            .flat_map(|n| {
                n.children()
                    .filter_map(|c| c.value().as_text().map(|t| &**t))
            });
        if let Some((d, key)) = date_in_scripts(scripts).filter(|(d, _)| not_future(d)) {
            m.published = Some(d);
            m.note("published", format!("script json {key}"));
        }
    }
    if let Some((d, from)) = f
        .meta(MODIFIED_KEYS)
        .and_then(|(k, v)| iso_date(&v).map(|d| (d, format!("meta[{k}]"))))
        .or_else(|| {
            ld.modified
                .as_deref()
                .and_then(iso_date)
                .map(|d| (d, "json-ld dateModified".into()))
        })
    {
        m.modified = Some(d);
        m.note("modified", from);
    }
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
            "time" => {
                let attrs = attrs();
                if let Some(dt) = attrs.datetime {
                    let published = attrs.pubdate
                        || attrs
                            .itemprop
                            .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
                        || h.words.published;
                    if published && f.time_published.is_none() {
                        f.time_published = Some(dt.to_string());
                    } else if h.in_article && !h.in_furniture && f.time_any.is_none() {
                        f.time_any = Some(dt.to_string());
                    }
                }
            }
            _ => {}
        }
        if let Some(left) = after_h1.as_mut().filter(|l| **l > 0) {
            *left -= 1;
            if f.text_date_near_title.is_none()
                && !h.in_furniture
                && !h.in_away
                && node.children().any(|c| c.value().is_text())
            {
                let t = text();
                if t.len() <= 100 {
                    f.text_date_near_title = date_in_text(&t);
                }
            }
        }
        if f.short_date_after_h1.is_none() && !h.in_furniture && !h.in_away {
            if let Some(d) = own_short_date(node) {
                if after_h1.is_some() {
                    f.short_date_after_h1 = Some(d.clone());
                }
                if f.short_date_any.is_none() {
                    f.short_date_any = Some(d);
                }
            }
        }
        let dated = h.words.dated || name == "time";
        if dated
            && !h.in_furniture
            && !h.in_away
            && (f.text_date_any.is_none() || (h.in_article && f.text_date_article.is_none()))
        {
            let t = text();
            if t.len() <= 200 {
                if let Some(d) = date_in_text(&t) {
                    if h.in_article && f.text_date_article.is_none() {
                        f.text_date_article = Some(d.clone());
                    }
                    if f.text_date_any.is_none() {
                        f.text_date_any = Some(d);
                    }
                }
            }
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
            let t = text();
            if short_name(&t) {
                f.byline_class = Some(t);
            }
        }
    }
    f
}

/// The date that an element's own text (its text children, not its descendants') is
/// little more than: see [`short_date_text`].
fn own_short_date(node: ego_tree::NodeRef<'_, Node>) -> Option<String> {
    // Most elements hold no text of their own, or a long paragraph, or no digit: all
    // are settled without copying.
    let (mut len, mut digit) = (0, false);
    for t in node.children().filter_map(|c| c.value().as_text()) {
        len += t.len();
        digit = digit || t.bytes().any(|b| b.is_ascii_digit());
        if len > SHORT_OWN_TEXT {
            return None;
        }
    }
    if !digit {
        return None;
    }
    let own: String = node
        .children()
        .filter_map(|c| c.value().as_text().map(|t| &**t))
        .collect();
    let own = own.split_whitespace().collect::<Vec<_>>().join(" ");
    short_date_text(&own)
}

/// A bound on an element's own text (white space included) worth reading for a date.
const SHORT_OWN_TEXT: usize = 256;

/// How many elements after the headline may show its date.
const NEAR_TITLE: u32 = 40;

/// A byline candidate is short; a long text is a bio box, not a name.
fn short_name(t: &str) -> bool {
    !t.is_empty() && t.split_whitespace().count() <= 10 && t.len() <= 100
}

fn normalize_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut out = String::new();
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
                    out.push_str(t);
                    out.push(' ');
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
    // Inline tags split words only where the markup had spaces; joining text nodes
    // with a space is the safe choice for short fields like names and titles.
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
