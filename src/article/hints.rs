//! What an element's tag, `class`, `id` and `role` say about it: page furniture
//! (navigation, sidebars, share bars, bios ...), likely content, or neither. These are
//! hints shared by the main-text and metadata passes; they are words that recur across
//! many sites' markup, not the class names of any one site. Nothing here looks at text.

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use rustc_hash::FxHashMap;
use scraper::node::Element;
use scraper::{Html, Node};
use std::sync::LazyLock;

/// Elements whose contents are never text (code, styling, embedded objects, controls).
pub fn is_skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "input"
            | "label"
            | "head"
            | "video"
            | "audio"
            | "map"
    )
}

/// Elements that are page furniture wherever they are. `header` is handled by the
/// caller: a page header is furniture, an article's own header holds its headline.
pub fn is_furniture_tag(name: &str) -> bool {
    matches!(name, "nav" | "aside" | "footer" | "menu" | "dialog")
}

/// The attributes the article passes read, taken from one element in one pass over
/// its attribute map.
///
/// Why: `Element::attr` interns the name it is given and hashes it on every call, and
/// the passes ask a dozen questions of each of a page's thousands of elements, so
/// asking them of one map read once saves most of that work. As with `Element::attr`, only plain
/// attributes count (no namespace and no prefix: `xml:lang` adjusted on an SVG
/// element is not `lang`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Attrs<'a> {
    pub class: Option<&'a str>,
    pub id: Option<&'a str>,
    pub role: Option<&'a str>,
    pub style: Option<&'a str>,
    pub hidden: bool,
    pub aria_hidden: Option<&'a str>,
    pub itemprop: Option<&'a str>,
    pub rel: Option<&'a str>,
    pub href: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub xml_lang: Option<&'a str>,
    pub property: Option<&'a str>,
    pub name: Option<&'a str>,
    pub http_equiv: Option<&'a str>,
    pub content: Option<&'a str>,
    pub datetime: Option<&'a str>,
    pub type_: Option<&'a str>,
    pub pubdate: bool,
    /// Has `aria-labelledby`: a panel named by the control that opens it.
    pub labelled: bool,
}

impl<'a> Attrs<'a> {
    pub fn of(el: &'a Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (name, value) in &el.attrs {
            if name.prefix.is_some() || !name.ns.is_empty() {
                continue;
            }
            let value: &'a str = value;
            let slot = match &*name.local {
                "class" => &mut a.class,
                "id" => &mut a.id,
                "role" => &mut a.role,
                "style" => &mut a.style,
                "hidden" => {
                    a.hidden = true;
                    continue;
                }
                "aria-hidden" => &mut a.aria_hidden,
                "itemprop" => &mut a.itemprop,
                "rel" => &mut a.rel,
                "href" => &mut a.href,
                "lang" => &mut a.lang,
                "xml:lang" => &mut a.xml_lang,
                "property" => &mut a.property,
                "name" => &mut a.name,
                "http-equiv" => &mut a.http_equiv,
                "content" => &mut a.content,
                "datetime" => &mut a.datetime,
                "type" => &mut a.type_,
                "pubdate" => {
                    a.pubdate = true;
                    continue;
                }
                "aria-labelledby" => {
                    a.labelled = true;
                    continue;
                }
                _ => continue,
            };
            *slot = Some(value);
        }
        a
    }
}

/// What one element's attributes say, as the article passes ask it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ElementHints {
    pub words: ClassWords,
    /// [`is_hidden`].
    pub hidden: bool,
    /// [`is_furniture_role`].
    pub furniture_role: bool,
    /// [`is_article_like`].
    pub article_like: bool,
    /// `itemprop="author"`.
    pub itemprop_author: bool,
    /// `rel` has the word `author`.
    pub rel_author: bool,
    /// Is or is inside page furniture by tag ([`is_furniture_tag`]) or ARIA role.
    pub in_furniture: bool,
    /// Is or is inside an article-like element.
    pub in_article: bool,
    /// Is or is inside an element with an [`ClassWords::away`] word.
    pub in_away: bool,
}

impl ElementHints {
    /// The hints of `el` alone (`in_furniture` and `in_article` need the tree:
    /// [`PageHints`] sets them); `classes` are the page's class values read so far.
    fn of<'a>(el: &'a Element, classes: &mut ClassValues<'a>) -> ElementHints {
        let a = Attrs::of(el);
        ElementHints {
            words: ClassWords::from_flags(
                a.class.map_or(0, |c| classes.flags(c)) | a.id.map_or(0, value_flags),
            ),
            hidden: is_hidden(&a),
            furniture_role: is_furniture_role(&a),
            article_like: is_article_like(el.name(), &a),
            itemprop_author: a.itemprop.is_some_and(|p| p.eq_ignore_ascii_case("author")),
            rel_author: a.rel.is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("author"))
            }),
            in_furniture: false,
            in_article: false,
            in_away: false,
        }
    }
}

/// The [`ElementHints`] of every element of a page, computed once for the metadata and
/// main-text passes (each read every element's attributes again before, which cost
/// more than walking the tree).
///
/// Entries are in document order, the order in which `Tree::traverse` opens elements,
/// so a pass walking the whole tree takes the next entry at each element it opens
/// (skipped ones included): see [`PageHints::cursor`]. A pass that only looks at
/// elements one by one goes through [`PageHints::elements`] and walks no tree.
pub struct PageHints(Vec<(NodeId, ElementHints)>);

impl PageHints {
    pub fn of(doc: &Html) -> PageHints {
        let mut hints = Vec::new();
        // Open elements: (furniture by tag or role, article-like, away).
        let mut stack: Vec<(bool, bool, bool)> = Vec::new();
        let (mut furniture, mut article, mut away) = (0u32, 0u32, 0u32);
        let mut classes = ClassValues::default();
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let Node::Element(el) = node.value() else {
                        continue;
                    };
                    let mut h = ElementHints::of(el, &mut classes);
                    // A theme's layout classes on the page-wide elements
                    // (`<body class="no-sidebar">`) say nothing about what they hold.
                    if matches!(el.name(), "html" | "body") {
                        h.words.away = false;
                    }
                    let is_furn = is_furniture_tag(el.name()) || h.furniture_role;
                    furniture += u32::from(is_furn);
                    article += u32::from(h.article_like);
                    away += u32::from(h.words.away);
                    stack.push((is_furn, h.article_like, h.words.away));
                    h.in_furniture = furniture > 0;
                    h.in_article = article > 0;
                    h.in_away = away > 0;
                    hints.push((node.id(), h));
                }
                Edge::Close(node) => {
                    if node.value().is_element() {
                        if let Some((is_furn, is_art, is_away)) = stack.pop() {
                            furniture -= u32::from(is_furn);
                            article -= u32::from(is_art);
                            away -= u32::from(is_away);
                        }
                    }
                }
            }
        }
        PageHints(hints)
    }

    /// The hints in document order, for a walk over the whole tree of the same page.
    pub fn cursor(&self) -> impl Iterator<Item = ElementHints> + '_ {
        self.0.iter().map(|e| e.1)
    }

    /// Every element of the page with its hints, in document order.
    pub fn elements<'a>(
        &'a self,
        doc: &'a Html,
    ) -> impl Iterator<Item = (NodeRef<'a, Node>, &'a Element, ElementHints)> + 'a {
        self.0.iter().filter_map(|&(id, h)| {
            let node = doc.tree.get(id)?;
            let el = node.value().as_element()?;
            Some((node, el, h))
        })
    }
}

/// ARIA landmark roles of page furniture.
pub fn is_furniture_role(a: &Attrs) -> bool {
    a.role.is_some_and(|r| {
        let r = r.trim();
        [
            "navigation",
            "banner",
            "contentinfo",
            "complementary",
            "search",
            "menu",
            "menubar",
            "dialog",
            "alertdialog",
            "toolbar",
            "tablist",
        ]
        .iter()
        .any(|l| r.eq_ignore_ascii_case(l))
    })
}

/// Hidden from readers: `hidden`, `aria-hidden="true"`, inline `display:none`. A folded
/// panel (an accordion's section, a transcript behind a "Show" button) is not: it is
/// hidden until its control, which names it (`aria-labelledby`), is pressed, and what
/// it holds is the page's text. Nor is a tab panel: hidden until its tab is chosen, it
/// is a click away (a guide's steps for each language, a product's specifications).
pub fn is_hidden(a: &Attrs) -> bool {
    if a.labelled || a.role.is_some_and(|r| r.eq_ignore_ascii_case("tabpanel")) {
        return false;
    }
    if a.hidden || a.aria_hidden.is_some_and(|v| v.trim() == "true") {
        return true;
    }
    a.style.is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Whether the element `name` with attributes `a` marks the article itself (`article`,
/// `main`, schema.org `articleBody`, ARIA `main`/`article`).
pub fn is_article_like(name: &str, a: &Attrs) -> bool {
    matches!(name, "article" | "main")
        || a.itemprop
            .is_some_and(|v| v.eq_ignore_ascii_case("articlebody"))
        || a.role
            .is_some_and(|r| r.eq_ignore_ascii_case("main") || r.eq_ignore_ascii_case("article"))
}

/// Class/id words that mark furniture. Matched against whole words of `class` and
/// `id` (split at punctuation and camelCase), so `sidebar-wrap` and `shareBar` match
/// but `adobe` or `header-image-caption`'s "image" do not trip anything.
const NEGATIVE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adverts",
    "alert",
    "author",
    "authors",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "breaking",
    "byline",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "copyright",
    "date",
    "disqus",
    "font",
    "fontsize",
    "footer",
    "header",
    "hidden",
    "login",
    "masthead",
    "menu",
    "meta",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "overlay",
    "pagination",
    "poll",
    "popular",
    "popup",
    "profile",
    "promo",
    "promos",
    "rating",
    "recirc",
    "recommended",
    "related",
    "share",
    "sharebar",
    "sharing",
    "sidebar",
    "signup",
    "skip",
    "social",
    "sponsor",
    "sponsored",
    "sr",
    "subscribe",
    "subscription",
    "taboola",
    "tag",
    "tags",
    "ticker",
    "timestamp",
    "toolbar",
    "tools",
    "trending",
    "widget",
    "widgets",
];

/// Class/id words that mark the article's text.
const POSITIVE: &[&str] = &[
    "article",
    "articlebody",
    "blog",
    "body",
    "content",
    "copy",
    "entry",
    "main",
    "paragraph",
    "post",
    "prose",
    "richtext",
    "story",
    "text",
];

/// What the class and id words of an element say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassHint {
    pub negative: bool,
    pub positive: bool,
}

impl ClassHint {
    /// Readability-style weight for scoring containers.
    pub fn weight(self) -> f32 {
        match (self.positive, self.negative) {
            (true, false) => 25.0,
            (false, true) => -25.0,
            _ => 0.0,
        }
    }
}

/// What the class and id words of an element say, found in one pass over both values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassWords {
    /// A furniture word (`NEGATIVE`).
    pub negative: bool,
    /// An article-text word (`POSITIVE`).
    pub positive: bool,
    /// `caption` or `figcaption`: an image caption outside `<figcaption>`.
    pub caption: bool,
    /// `byline`, `author`, `authors` or `writer`.
    pub byline: bool,
    /// `published`, `publish` or `pubdate`.
    pub published: bool,
    /// A word of the elements that show a date: `date`, `time`, `posted`, `updated`,
    /// `meta` ...
    pub dated: bool,
    /// A word of boxes that hold other pages' or readers' text (comments, related
    /// stories, sidebars): a date there is not the page's.
    pub away: bool,
    /// A word of boxes that hold readers' comments or other pages' stories
    /// (`comments`, `related` ...), unlike layout words (`widget`, `card`) that may
    /// box the article's own sections.
    pub others: bool,
}

impl ClassWords {
    fn from_flags(flags: u8) -> ClassWords {
        ClassWords {
            negative: flags & NEG != 0,
            positive: flags & POS != 0,
            caption: flags & CAPTION != 0,
            byline: flags & BYLINE != 0,
            published: flags & PUBLISHED != 0,
            dated: flags & DATED != 0,
            away: flags & AWAY != 0,
            others: flags & OTHERS != 0,
        }
    }

    /// The furniture/content hint for scoring.
    pub fn hint(self) -> ClassHint {
        ClassHint {
            negative: self.negative,
            positive: self.positive,
        }
    }
}

/// No word the hints look for is longer; longer class words are not looked at.
const MAX_WORD: usize = 16;

/// A word of at most [`MAX_WORD`] bytes as one integer: its bytes, the first one most
/// significant, zero-padded on the right (no word holds a zero byte, and no key is 0),
/// so that a lookup hashes and compares integers rather than strings: the class words
/// of every element of every page are looked up.
fn key(word: &[u8]) -> u128 {
    let mut k = 0u128;
    let mut i = 0;
    while i < MAX_WORD {
        k <<= 8;
        if i < word.len() {
            k |= word[i] as u128;
        }
        i += 1;
    }
    k
}

// What a hint word says: bit flags, one per field of `ClassWords`.
const NEG: u8 = 1;
const POS: u8 = 2;
const CAPTION: u8 = 4;
const BYLINE: u8 = 8;
const PUBLISHED: u8 = 16;
const DATED: u8 = 32;
const AWAY: u8 = 64;
const OTHERS: u8 = 128;

/// The hint word lists and the flag each gives.
const WORD_LISTS: [(&[&str], u8); 8] = [
    (NEGATIVE, NEG),
    (POSITIVE, POS),
    (&["caption", "figcaption"], CAPTION),
    (&["byline", "author", "authors", "writer"], BYLINE),
    (&["published", "publish", "pubdate"], PUBLISHED),
    (AWAY_WORDS, AWAY),
    // Readers' and other pages' boxes are away from the article too.
    (OTHERS_WORDS, AWAY | OTHERS),
    (DATED_WORDS, DATED),
];

/// Every hint word's [`key`] with its flags (or-ed when a word is in several lists).
static WORD_TABLE: LazyLock<FxHashMap<u128, u8>> = LazyLock::new(|| {
    let mut table = FxHashMap::default();
    for (words, flag) in WORD_LISTS {
        for w in words {
            *table.entry(key(w.as_bytes())).or_insert(0) |= flag;
        }
    }
    table
});

/// Class words of boxes away from the article ([`ClassWords::away`]), besides the
/// [`OTHERS_WORDS`], which are away too.
const AWAY_WORDS: &[&str] = &[
    "sidebar", "widget", "widgets", "promo", "footer", "teaser", "card", "cards",
];

/// Class words of boxes holding readers' or other pages' text ([`ClassWords::others`]).
const OTHERS_WORDS: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "related",
    "recommended",
    "popular",
    "trending",
    "recirc",
    "outbrain",
    "taboola",
    "reply",
    "replies",
];

/// Class words of elements that show a date ([`ClassWords::dated`]).
const DATED_WORDS: &[&str] = &[
    "date",
    "dates",
    "datetime",
    "dateline",
    "time",
    "timestamp",
    "posted",
    "postdate",
    "updated",
    "pubdate",
    "published",
    "publish",
    "meta",
    "byline",
];

/// The flags of a class word (0 for a word that is no hint).
fn word_flags(k: u128) -> u8 {
    WORD_TABLE.get(&k).copied().unwrap_or(0)
}

/// The flags of the words of a class or id value.
fn value_flags(value: &str) -> u8 {
    let mut flags = 0;
    for_each_word(value, |w| flags |= word_flags(w));
    flags
}

/// The [`value_flags`] of the class values of one page, each distinct value split into
/// words once: a page gives the same few values to many elements (the 44 pages of the
/// HTML bench corpus have 18,348 class values, 3,468 of them distinct). Ids, unique by
/// design, are not kept.
#[derive(Default)]
struct ClassValues<'a>(FxHashMap<&'a str, u8>);

impl<'a> ClassValues<'a> {
    fn flags(&mut self, class: &'a str) -> u8 {
        *self.0.entry(class).or_insert_with(|| value_flags(class))
    }
}

/// Calls `f` with the [`key`] of each lowercase word of a class/id value: split at
/// anything not alphanumeric and at lower-to-upper case changes (`shareBar` -> share,
/// bar). Words longer than [`MAX_WORD`] bytes are skipped: they cannot be hint words.
fn for_each_word(s: &str, mut f: impl FnMut(u128)) {
    // Utility classes with a variant or an arbitrary value (`print:hidden`,
    // `prose-headings:font-semibold`, `text-[#222]`) style one case of an element and
    // say nothing about what it holds.
    if s.bytes().any(|b| b == b':' || b == b'[') {
        for token in s.split_ascii_whitespace() {
            if !token.bytes().any(|b| b == b':' || b == b'[') {
                for_each_word_of(token, &mut f);
            }
        }
        return;
    }
    for_each_word_of(s, f)
}

fn for_each_word_of(s: &str, mut f: impl FnMut(u128)) {
    // The current word's bytes so far (its first MAX_WORD) and its length, which may
    // exceed MAX_WORD (then it is not passed on).
    let mut k = 0u128;
    let mut len = 0usize;
    let mut prev_lower = false;
    let mut emit = |k: u128, len: usize| {
        if (1..=MAX_WORD).contains(&len) {
            f(k << (8 * (MAX_WORD - len)));
        }
    };
    for &b in s.as_bytes() {
        if !b.is_ascii_alphanumeric() {
            emit(k, len);
            (k, len) = (0, 0);
            prev_lower = false;
            continue;
        }
        if b.is_ascii_uppercase() && prev_lower && len > 0 {
            emit(k, len);
            (k, len) = (0, 0);
        }
        prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
        if len < MAX_WORD {
            k = (k << 8) | u128::from(b.to_ascii_lowercase());
        }
        len += 1;
    }
    emit(k, len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_class_words() {
        let cases: &[(&str, &[&str])] = &[
            ("sidebar-wrap main_col", &["sidebar", "wrap", "main", "col"]),
            ("shareBar", &["share", "bar"]),
            ("c-article__body  x2", &["c", "article", "body", "x2"]),
            ("", &[]),
            ("caf\u{e9}-nav", &["caf", "nav"]),
            ("x-averyveryverylongclassword-ad", &["x", "ad"]),
        ];
        for (input, want) in cases {
            let mut got = Vec::new();
            for_each_word(input, |k| got.push(word(k)));
            assert_eq!(&got, want, "{input}");
        }
    }

    #[test]
    fn hints_from_class_and_id() {
        let cases: &[(&str, bool, bool)] = &[
            (r#"<div class="article-body">"#, true, false),
            (r#"<div class="related-stories">"#, false, true),
            (r#"<div id="shareBar">"#, false, true),
            (r#"<div class="article-related">"#, true, true),
            (r#"<div class="adobe-frame">"#, false, false),
            (r#"<div class="post-body print:hidden">"#, true, false),
            (r#"<div class="text-[#222] content">"#, true, false),
        ];
        for (html, pos, neg) in cases {
            let frag = scraper::Html::parse_fragment(html);
            let el = frag
                .tree
                .nodes()
                .find_map(|n| n.value().as_element().filter(|e| e.name() == "div"))
                .unwrap();
            let h = ElementHints::of(el, &mut ClassValues::default())
                .words
                .hint();
            assert_eq!((h.positive, h.negative), (*pos, *neg), "{html}");
        }
    }

    /// The word a key stands for.
    fn word(k: u128) -> String {
        let bytes: Vec<u8> = k.to_be_bytes().into_iter().filter(|&b| b != 0).collect();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn word_table_flags() {
        for (list, flag) in WORD_LISTS {
            for w in list {
                assert!(w.len() <= MAX_WORD, "{w}");
                assert_eq!(word_flags(key(w.as_bytes())) & flag, flag, "{w}");
            }
        }
        assert_eq!(word_flags(key(b"author")), NEG | BYLINE);
        assert!(NEGATIVE.iter().all(|w| !POSITIVE.contains(w)));
        for w in [
            "",
            "x",
            "adobe",
            "col",
            "wrap",
            "articles",
            "authorsx",
            "aaaaaaaaaaaaaaaa",
        ] {
            assert_eq!(word_flags(key(w.as_bytes())), 0, "{w}");
        }
        // A word in several lists has one entry.
        let words: std::collections::HashSet<&str> = WORD_LISTS
            .iter()
            .flat_map(|l| l.0.iter().copied())
            .collect();
        assert_eq!(WORD_TABLE.len(), words.len());
    }

    #[test]
    fn attributes_in_one_pass() {
        let html = r#"<div class="c" id="i" role="main" hidden aria-hidden="false" itemprop="articleBody" data-x="y">"#;
        let frag = scraper::Html::parse_fragment(html);
        let el = frag
            .tree
            .nodes()
            .find_map(|n| n.value().as_element().filter(|e| e.name() == "div"))
            .unwrap();
        let a = Attrs::of(el);
        assert_eq!(
            (a.class, a.id, a.role, a.aria_hidden, a.itemprop, a.style),
            (
                Some("c"),
                Some("i"),
                Some("main"),
                Some("false"),
                Some("articleBody"),
                None
            )
        );
        assert!(a.hidden && is_hidden(&a) && is_article_like("div", &a));
        // The same answers as the attribute lookups they replace.
        for name in ["class", "id", "role", "aria-hidden", "itemprop", "style"] {
            let want = el.attr(name);
            let got = match name {
                "class" => a.class,
                "id" => a.id,
                "role" => a.role,
                "aria-hidden" => a.aria_hidden,
                "itemprop" => a.itemprop,
                _ => a.style,
            };
            assert_eq!(got, want, "{name}");
        }
    }
}
