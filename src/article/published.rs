//! A page's publication date: the places a page states it (`<meta>` keys, JSON-LD,
//! `<time>` and `itemprop` markup, the URL, dates shown in the page's text near the
//! headline or in dated elements, a script's JSON state) gathered in the metadata pass
//! ([`DateFinds::look`]), and the choice among them ([`choose`]), with the place the
//! date came from for `--explain`. Reading a date string is [`super::dates`]' job.

use super::dates::{
    date_from_url, date_in_scripts, date_in_text, iso_date, near_days, short_date_text,
};
use super::hints::ElementHints;
use super::json_ld::LdFields;
use super::segment::Folded;
use super::Metadata;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::Node;
use std::cell::OnceCell;

/// `<meta>` keys (lower-cased `property`/`name`/`itemprop`) of the publication date,
/// most deliberate first.
pub(super) const PUBLISHED_KEYS: &[&str] = &[
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
    "published-date",
    "article.published",
    "published",
    "citation_date",
    "citation_online_date",
    "ms.date",
    "date",
];

/// `<meta>` keys of the date of the last change.
pub(super) const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

/// The dates the page's elements show, gathered in document order.
#[derive(Default)]
pub(super) struct DateFinds {
    /// A `<time datetime>` marked as the publication (`pubdate`, `itemprop`
    /// `datePublished`/`dateCreated`, a `published` class word).
    time_published: Option<String>,
    /// Any other element marked `itemprop="datePublished"` (its `content`, `datetime`
    /// or `title`, else its text).
    itemprop_published: Option<String>,
    /// The first `<time datetime>` inside an article element, outside furniture.
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
    /// The same, just after the headline, even inside a box that the hints take for
    /// furniture or other pages' text: many themes wrap the headline's own date line
    /// in a "card", "meta" or aside box. Only a page with no other date takes it.
    short_date_near_title_boxed: Option<String>,
    /// A paragraph of text came after the headline: a date in a box after it belongs
    /// to the box (a related story, a comment), not to the headline.
    text_begun: bool,
    /// The first `<time datetime>`, date in a dated element's text and short date
    /// anywhere, boxes the hints doubt included, before the page's text is under way
    /// ([`EARLY_PARAGRAPHS`]): many themes put an article's date line in an `<aside>`,
    /// a "card" or a "sidebar" box. Only a page with no other date takes one.
    early_time: Option<String>,
    early_text_date: Option<String>,
    early_short_date: Option<String>,
    /// Paragraphs of running text so far, anywhere on the page.
    long_paragraphs: u32,
}

/// A date in a doubted box counts only before this many paragraphs of running text: an
/// article's date line comes before its text or after a one-paragraph standfirst, a
/// comment's or a related story's after the text.
const EARLY_PARAGRAPHS: u32 = 2;

/// How many elements after the headline may show its date.
pub(super) const NEAR_TITLE: u32 = 40;

/// A bound on an element's own text (white space included) worth reading for a date.
const SHORT_OWN_TEXT: usize = 256;

impl DateFinds {
    /// Looks at one element (`node`, `el`, with hints `h`) for a date; `near_title`
    /// counts the elements left to look at just after the headline (`None` before it,
    /// `Some(0)` past the window); `text(max)` is the element's normalised text if it
    /// is at most `max` bytes long (a date is short: a long text is not copied).
    pub(super) fn look(
        &mut self,
        node: NodeRef<'_, Node>,
        el: &Element,
        h: ElementHints,
        near_title: Option<u32>,
        text: impl Fn(usize) -> Option<String>,
    ) {
        let name = el.name();
        // Up to three of the finds below ask for the element's own short date: it is
        // read once.
        let short = OnceCell::new();
        let own_short = || short.get_or_init(|| own_short_date(node)).clone();
        if name == "time" {
            self.look_at_time(el, h, &text);
        } else if self.itemprop_published.is_none()
            && !h.in_furniture
            && plain_attr(el, "itemprop")
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("datepublished"))
        {
            self.itemprop_published = ["content", "datetime", "title"]
                .iter()
                .filter_map(|a| el.attr(a))
                .find_map(iso_date)
                .or_else(|| text(100).as_deref().and_then(date_in_text));
        }
        let quiet = !h.in_furniture && !h.in_away;
        if self.long_paragraphs < EARLY_PARAGRAPHS {
            self.look_early(el, h, &text, &own_short);
        }
        if near_title.is_some_and(|l| l > 0) {
            if self.text_date_near_title.is_none()
                && quiet
                && node.children().any(|c| c.value().is_text())
            {
                if let Some(t) = text(100) {
                    self.text_date_near_title = date_in_text(&t);
                }
            }
            if self.short_date_near_title_boxed.is_none() && !self.text_begun && name != "a" {
                self.short_date_near_title_boxed = own_short();
            }
        }
        // Before the headline only the first short date anywhere is wanted.
        let wanted = near_title.is_some() || self.short_date_any.is_none();
        if self.short_date_after_h1.is_none() && quiet && wanted {
            if let Some(d) = own_short() {
                if near_title.is_some() {
                    self.short_date_after_h1 = Some(d.clone());
                }
                if self.short_date_any.is_none() {
                    self.short_date_any = Some(d);
                }
            }
        }
        if name == "p" && own_text_len(node) >= PARAGRAPH_CHARS {
            self.long_paragraphs += 1;
            self.text_begun = near_title.is_some_and(|l| l > 0) || self.text_begun;
        }
        let dated = h.words.dated || name == "time";
        if dated
            && quiet
            && (self.text_date_any.is_none() || (h.in_article && self.text_date_article.is_none()))
        {
            if let Some(t) = text(200) {
                if let Some(d) = date_in_text(&t) {
                    if h.in_article && self.text_date_article.is_none() {
                        self.text_date_article = Some(d.clone());
                    }
                    if self.text_date_any.is_none() {
                        self.text_date_any = Some(d);
                    }
                }
            }
        }
    }

    /// Whether the page shows the date `iso` in one of the places [`DateFinds::look`]
    /// noted (the first date of each).
    fn shows(&self, iso: &str) -> bool {
        [
            &self.time_published,
            &self.itemprop_published,
            &self.time_any,
            &self.text_date_article,
            &self.text_date_any,
            &self.short_date_any,
            &self.short_date_near_title_boxed,
            &self.early_time,
            &self.early_text_date,
            &self.early_short_date,
        ]
        .into_iter()
        .flatten()
        .any(|d| iso_date(d).as_deref() == Some(iso))
    }

    /// The early dates, boxes included: see [`DateFinds::early_time`]. `own_short` is
    /// the element's [`own_short_date`].
    fn look_early(
        &mut self,
        el: &Element,
        h: ElementHints,
        text: &impl Fn(usize) -> Option<String>,
        own_short: &impl Fn() -> Option<String>,
    ) {
        let name = el.name();
        if self.early_time.is_none() && name == "time" {
            self.early_time = el.attr("datetime").and_then(iso_date);
        }
        if self.early_text_date.is_none() && (h.words.dated || name == "time") {
            self.early_text_date = text(200).as_deref().and_then(date_in_text);
        }
        if self.early_short_date.is_none() && name != "a" {
            self.early_short_date = own_short();
        }
    }

    fn look_at_time(
        &mut self,
        el: &Element,
        h: ElementHints,
        text: &impl Fn(usize) -> Option<String>,
    ) {
        let Some(dt) = el.attr("datetime") else {
            return;
        };
        let published = el.attr("pubdate").is_some()
            || el.attr("itemprop").is_some_and(|p| {
                let p = p.trim();
                p.eq_ignore_ascii_case("datepublished") || p.eq_ignore_ascii_case("datecreated")
            })
            || h.words.published;
        let slot = if published && self.time_published.is_none() {
            &mut self.time_published
        } else if h.in_article && !h.in_furniture && self.time_any.is_none() {
            &mut self.time_any
        } else {
            return;
        };
        // `datetime` is often in UTC while the text shows the local day the page was
        // published ("2026-02-24T04:13Z" shown as "February 23, 2026"): a shown date a
        // day off is that same moment, and the reader's date is the shown one.
        let shown = text(100).as_deref().and_then(date_in_text);
        *slot = match (iso_date(dt), shown) {
            (Some(d), Some(s)) if near_days(&d, &s, 1) && d != s => Some(s),
            _ => Some(dt.to_string()),
        };
    }
}

/// The value of `el`'s attribute `name`, compared as a string: `Element::attr` interns
/// the name on every call, and this is asked of every element of the page.
fn plain_attr<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
    el.attrs
        .iter()
        .find(|(k, _)| k.prefix.is_none() && &*k.local == name)
        .map(|(_, v)| &**v)
}

/// The length of an element's own text (its text children).
fn own_text_len(node: NodeRef<'_, Node>) -> usize {
    node.children()
        .filter_map(|c| c.value().as_text())
        .map(|t| t.len())
        .sum()
}

/// A paragraph at least this long (own text, in bytes) is running text.
const PARAGRAPH_CHARS: usize = 80;

/// The date that an element's own text (its text children, not its descendants') is
/// little more than: see [`short_date_text`].
pub(super) fn own_short_date(node: NodeRef<'_, Node>) -> Option<String> {
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
    let mut own = Folded::default();
    for t in node.children().filter_map(|c| c.value().as_text()) {
        own.push(t);
    }
    short_date_text(&own.into_string()).filter(|_| !profile_date(node))
}

/// Labels of the dates in a member's profile box beside a forum post or a comment
/// ("Joined: Mar 2, 2019", `<dt>Member since</dt><dd>...</dd>`): not the page's date.
const PROFILE_LABELS: &[&str] = &[
    "joined",
    "founded",
    "registered",
    "member since",
    "last seen",
    "last visit",
    "last active",
];

/// Whether a short date element is labelled as a profile's date, in its own text, a
/// child's (`<strong>Joined:</strong> ...`) or the element just before it (`<dt>`).
fn profile_date(node: NodeRef<'_, Node>) -> bool {
    let labelled = |n: NodeRef<'_, Node>| {
        let mut text = String::new();
        for t in n.descendants().filter_map(|d| d.value().as_text()) {
            text.push_str(t);
            if text.len() > SHORT_OWN_TEXT {
                return false;
            }
        }
        let text = text.to_lowercase();
        PROFILE_LABELS.iter().any(|l| text.contains(l))
    };
    // The element before is a label only if it is a word or two without a digit (a
    // `<dl>` profile box before a post, with its dates and counts, is not).
    let label = |n: NodeRef<'_, Node>| {
        let mut len = 0;
        for t in n.descendants().filter_map(|d| d.value().as_text()) {
            len += t.len();
            if len > PROFILE_LABEL_CHARS || t.bytes().any(|b| b.is_ascii_digit()) {
                return false;
            }
        }
        labelled(n)
    };
    labelled(node)
        || node
            .prev_siblings()
            .find(|s| s.value().is_element())
            .is_some_and(label)
}

/// The longest text of an element that labels the next one (`<dt>Member since</dt>`).
const PROFILE_LABEL_CHARS: usize = 40;

/// Every place of a publication date, most deliberate first, with its label; the
/// dates of the last change at the end (see [`choose`]).
fn sources(
    finds: &DateFinds,
    cx: &DateContext<'_>,
    url_date: &Option<String>,
) -> Vec<(Option<String>, String)> {
    let ld = cx.ld;
    let mut sources: Vec<(Option<String>, String)> = Vec::new();
    if let Some((k, v)) = &cx.meta_published {
        sources.push((Some(v.clone()), format!("meta[{k}]")));
    }
    let modified_meta = cx.meta_modified.as_ref().map(|x| x.1.clone());
    sources.extend([
        (ld.published.clone(), LD_PUBLISHED.into()),
        (
            finds.time_published.clone(),
            "time[datetime] (published)".into(),
        ),
        (
            finds.itemprop_published.clone(),
            "[itemprop=datePublished]".into(),
        ),
        (finds.time_any.clone(), "time[datetime] in article".into()),
        (
            ld.other_published.clone(),
            "json-ld datePublished (other type)".into(),
        ),
        (url_date.clone(), "url".into()),
        (
            finds.text_date_article.clone(),
            "date text in article".into(),
        ),
        (finds.text_date_any.clone(), "date text".into()),
        (
            finds.text_date_near_title.clone(),
            "date text after h1".into(),
        ),
        (
            finds.short_date_after_h1.clone(),
            "date text, short, after h1".into(),
        ),
        (finds.short_date_any.clone(), "date text, short".into()),
        (
            finds.short_date_near_title_boxed.clone(),
            "date text, short, after h1 (in a box)".into(),
        ),
        // Last, the date of the last change: a page that shows only "Updated ..." was
        // published, as far as a reader can tell, then.
        (modified_meta, "meta (modified)".into()),
        (ld.modified.clone(), "json-ld dateModified".into()),
    ]);
    sources
}

/// Where [`choose`] says a date came from JSON-LD.
const LD_PUBLISHED: &str = "json-ld datePublished";

/// What [`choose`] reads besides the elements' dates.
pub(super) struct DateContext<'a> {
    /// `(key, value)` of the first `<meta>` of [`PUBLISHED_KEYS`] and of [`MODIFIED_KEYS`].
    pub meta_published: Option<(String, String)>,
    pub meta_modified: Option<(String, String)>,
    pub ld: &'a LdFields,
    pub url: Option<&'a str>,
    /// The capture day: no later date is the publication date.
    pub captured: Option<&'a str>,
}

/// The publication date: the first source, most deliberate first, with a date no later
/// than the capture, except that a JSON-LD date the page shows nowhere yields to the
/// date shown under the headline; the date of the last change apart. `scripts` (the
/// text of the page's scripts) is read only when no other source has a date, and after
/// them the early dates in doubted boxes. Every date seen is noted (`published_seen`).
pub(super) fn choose<'s>(
    finds: &DateFinds,
    cx: &DateContext<'_>,
    scripts: impl FnOnce() -> Box<dyn Iterator<Item = &'s str> + 's>,
    m: &mut Metadata,
) {
    let url_date = cx.url.and_then(date_from_url);
    let sources = sources(finds, cx, &url_date);
    let not_future = |d: &String| cx.captured.is_none_or(|c| d.as_str() <= c);
    // Every date seen, for `--explain` and `eval --errors`.
    for (value, from) in &sources {
        if let Some(d) = value.as_deref().and_then(iso_date) {
            m.note("published_seen", format!("{from}: {d}"));
        }
    }
    // The date a reader sees under the headline.
    let shown = finds
        .text_date_near_title
        .as_deref()
        .or(finds.short_date_after_h1.as_deref())
        .and_then(iso_date)
        .filter(not_future);
    for (value, from) in sources {
        if let Some(d) = value.as_deref().and_then(iso_date) {
            // JSON-LD is mostly written by a plugin from the post's record, which a
            // migration, an import or a re-save redates, while the editors date the
            // page where readers see it; when the two differ, and the page shows the
            // JSON-LD date nowhere else, the shown date is the page's (WCXB dev: the
            // shown date was the gold one on 31 such pages, the JSON-LD one on 3). A
            // `<meta>` date is not overruled: there the shown one, often a last
            // update, was right on fewer than half.
            let (d, from) = match shown.as_ref().filter(|s| **s != d) {
                Some(s) if from == LD_PUBLISHED && !finds.shows(&d) => {
                    (s.clone(), format!("shown after h1 (not {from})"))
                }
                _ => (d, from),
            };
            if !not_future(&d) {
                m.note(
                    "published_skipped",
                    format!("{from}: {d} after the capture"),
                );
                continue;
            }
            // A date in the address a day off the stated one is the same moment seen
            // from the site's own time zone (a UTC timestamp past midnight), and the
            // address is what the site's readers see.
            match url_date
                .as_ref()
                .filter(|u| *u != &d && near_days(u, &d, 1))
            {
                Some(u) => {
                    m.published = Some(u.clone());
                    m.note("published", format!("url (a day off {from})"));
                }
                None => {
                    m.published = Some(d);
                    m.note("published", from);
                }
            }
            break;
        }
    }
    if m.published.is_none() {
        // A second look, only on pages without a date so far: the JSON state of
        // scripts (a client-rendered page shows its date only from there).
        if let Some((d, key)) = date_in_scripts(scripts()).filter(|(d, _)| not_future(d)) {
            m.published = Some(d);
            m.note("published", format!("script json {key}"));
        }
    }
    if m.published.is_none() {
        // Last, a date in a box the hints doubt, seen before the text.
        let early = [
            (
                &finds.early_time,
                "date text, early, in a box (time[datetime])",
            ),
            (
                &finds.early_text_date,
                "date text, early, in a box (dated element)",
            ),
            (
                &finds.early_short_date,
                "date text, early, in a box (short)",
            ),
        ];
        if let Some((d, from)) = early
            .into_iter()
            .find_map(|(d, from)| d.clone().filter(not_future).map(|d| (d, from)))
        {
            m.published = Some(d);
            m.note("published", from.into());
        }
    }
    if let Some((d, from)) = cx
        .meta_modified
        .as_ref()
        .and_then(|(k, v)| iso_date(v).map(|d| (d, format!("meta[{k}]"))))
        .or_else(|| {
            cx.ld
                .modified
                .as_deref()
                .and_then(iso_date)
                .map(|d| (d, "json-ld dateModified".into()))
        })
    {
        m.modified = Some(d);
        m.note("modified", from);
    }
}
