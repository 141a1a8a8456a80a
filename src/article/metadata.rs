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
use super::Metadata;
use ego_tree::iter::Edge;
use scraper::{Html, Node};
use serde_json::Value;

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

/// Fields read from JSON-LD objects.
#[derive(Default)]
struct LdFields {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    /// `datePublished` of an object of any other type (a forum post, a Q&A page).
    other_published: Option<String>,
    /// The `@type` of every object.
    types: Vec<String>,
    authors: Vec<String>,
    publisher: Option<String>,
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
                if let Some(t) = text_within(node, 100) {
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
            if let Some(t) = text_within(node, 200) {
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
            f.byline_class = text_within(node, 100).filter(|t| short_name(t));
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
    text_within(node, usize::MAX).unwrap_or_default()
}

/// [`normalize_text`] if the result is at most `max` bytes long, else `None`. A date
/// or a byline is short: a container that merely carries a "date" or "byline" class
/// (the whole article, at times) is given up as soon as its text can no longer fit,
/// without copying the rest of it.
fn text_within(node: ego_tree::NodeRef<'_, Node>, max: usize) -> Option<String> {
    let mut out = String::new();
    // Bytes of the text that survive white-space normalisation: a lower bound on the
    // length of the result.
    let mut kept = 0usize;
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
                    if max != usize::MAX {
                        kept += t
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .map(char::len_utf8)
                            .sum::<usize>();
                        if kept > max {
                            return None;
                        }
                    }
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
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (text.len() <= max).then_some(text)
}

fn json_ld_fields(scripts: &[String]) -> LdFields {
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

/// Cuts a site name from a title: "Story | Site", "Story - Site", "Site: Story".
/// A `|`-style separator is cut when the tail is short; a dash only when the tail is
/// the site name or the head is the page's `<h1>` (dashes occur inside headlines).
pub fn clean_title(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let mut t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(h) = h1 {
        // Byte-slice only at a char boundary of `t`: case folding can change lengths.
        if let (Some(head), Some(rest)) = (t.get(..h.len()), t.get(h.len()..)) {
            let rest = rest.trim_start();
            if !rest.is_empty()
                && head.to_lowercase() == h.to_lowercase()
                && rest.starts_with(['|', '-', '\u{2013}', '\u{2014}', ':', '\u{b7}', '\u{bb}'])
            {
                return h.to_string();
            }
        }
    }
    let site_l = site.map(str::to_lowercase);
    let matches_site = |part: &str| {
        let p = part.trim().to_lowercase();
        site_l
            .as_deref()
            .is_some_and(|s| !s.is_empty() && (p.contains(s) || s.contains(p.as_str())))
    };
    'outer: loop {
        for sep in [
            " | ",
            " :: ",
            " \u{bb} ",
            " \u{ab} ",
            " \u{b7} ",
            " - ",
            " \u{2013} ",
            " \u{2014} ",
        ] {
            if let Some(pos) = t.rfind(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                let strong = !matches!(sep, " - " | " \u{2013} " | " \u{2014} ");
                let short_tail =
                    tail.split_whitespace().count() <= 6 && head.split_whitespace().count() >= 2;
                if matches_site(tail) || (strong && short_tail) {
                    t = head.trim().to_string();
                    continue 'outer;
                }
            }
        }
        // "Site: Story" / "Site | Story".
        for sep in [" | ", ": "] {
            if let Some(pos) = t.find(sep) {
                if matches_site(&t[..pos]) {
                    t = t[pos + sep.len()..].trim().to_string();
                    continue 'outer;
                }
            }
        }
        break;
    }
    t
}

/// Removes "By", roles ("Staff Writer") and trailing dates from a byline; returns the
/// byline and the author names in it.
pub fn clean_byline(raw: &str) -> (String, Vec<String>) {
    let mut s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for prefix in [
        "written by ",
        "posted by ",
        "reported by ",
        "reporting by ",
        "story by ",
        "by: ",
        "by ",
    ] {
        if s.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        {
            s = s[prefix.len()..].to_string();
            break;
        }
    }
    // "Name | March 3, 2016" / "Name - Updated ...".
    for sep in [" | ", " \u{2022} ", " - ", " \u{2013} ", " \u{2014} "] {
        if let Some(pos) = s.find(sep) {
            s.truncate(pos);
        }
    }
    const ROLES: &[&str] = &[
        "writer",
        "correspondent",
        "reporter",
        "editor",
        "staff",
        "contributor",
        "bureau",
        "chief",
        "columnist",
        "photographer",
        "producer",
    ];
    let mut authors = Vec::new();
    let mut kept = Vec::new();
    for part in s.split(", ") {
        let lower = part.to_lowercase();
        let is_role = lower.split_whitespace().any(|w| ROLES.contains(&w))
            || part.chars().next().is_some_and(|c| c.is_lowercase());
        if is_role && !kept.is_empty() {
            continue;
        }
        kept.push(part.to_string());
        for name in part.split(" and ").flat_map(|p| p.split(" & ")) {
            let name = name.trim().trim_end_matches([',', '.', ';']);
            if !name.is_empty() && !authors.iter().any(|a| a == name) {
                authors.push(name.to_string());
            }
        }
    }
    let byline = kept
        .join(", ")
        .trim()
        .trim_end_matches([',', ';'])
        .to_string();
    (byline, authors)
}

/// A byline naming an organisation rather than a person ("VOA News", "Reuters").
fn is_organisation(byline: &str) -> bool {
    const ORG_WORDS: &[&str] = &[
        "news",
        "press",
        "agency",
        "staff",
        "reuters",
        "afp",
        "ap",
        "associated",
        "wire",
        "desk",
        "times",
        "post",
        "service",
        "bureau",
        "voa",
        "bbc",
    ];
    byline.split_whitespace().any(|w| {
        ORG_WORDS.contains(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    })
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
    fn titles() {
        let cases: &[(&str, Option<&str>, Option<&str>, &str)] = &[
            (
                "Kerry to Meet Putin | Voice of America - English",
                None,
                None,
                "Kerry to Meet Putin",
            ),
            (
                "FILE - Old photo of a dam - Daily Bugle",
                Some("Daily Bugle"),
                None,
                "FILE - Old photo of a dam",
            ),
            (
                "Council votes - a report",
                None,
                None,
                "Council votes - a report",
            ),
            (
                "Council votes - Herald",
                None,
                Some("Council votes"),
                "Council votes",
            ),
            (
                "Herald: Council votes on budget",
                Some("The Herald"),
                None,
                "Council votes on budget",
            ),
            ("Big Story | Section | Site", None, None, "Big Story"),
        ];
        for (input, site, h1, want) in cases {
            assert_eq!(clean_title(input, *site, *h1), *want, "{input}");
        }
    }

    #[test]
    fn bylines() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("By VOA News", "VOA News", &["VOA News"]),
            (
                "By Jane Doe and John Roe",
                "Jane Doe and John Roe",
                &["Jane Doe", "John Roe"],
            ),
            ("Jane Doe, Staff Writer", "Jane Doe", &["Jane Doe"]),
            ("by Ana Lima | March 3, 2016", "Ana Lima", &["Ana Lima"]),
            ("Renée Faßbender", "Renée Faßbender", &["Renée Faßbender"]),
            (
                "Jane Doe, John Roe",
                "Jane Doe, John Roe",
                &["Jane Doe", "John Roe"],
            ),
        ];
        for (input, byline, authors) in cases {
            let (b, a) = clean_byline(input);
            assert_eq!(
                (b.as_str(), a.iter().map(String::as_str).collect::<Vec<_>>()),
                (*byline, authors.to_vec()),
                "{input}"
            );
        }
    }

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
