//! What kind of page this is: an article, a listing (section fronts, tag pages, search
//! results, collections), a forum thread, a product page, documentation, or other.

/// The kind of an HTML page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PageType {
    #[default]
    Article,
    Listing,
    Forum,
    Product,
    Documentation,
    Other,
}

impl PageType {
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Listing => "listing",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Documentation => "documentation",
            PageType::Other => "other",
        }
    }
}

use super::{BlockKind, Metadata};
use regex::Regex;
use std::sync::OnceLock;

/// What the page says and shows about its kind, gathered for [`classify`].
#[derive(Debug, Default)]
struct Signals {
    /// JSON-LD types, `og:type` and generator say so.
    says_article: bool,
    /// `og:type` is `article` (which some site builders give every page).
    og_article: bool,
    says_forum: bool,
    says_product: bool,
    /// Things for sale described in the page's JSON-LD (`Product`, `ProductGroup`).
    products: usize,
    says_listing: bool,
    says_docs: bool,
    /// JSON-LD says the page offers a service (`Service`), not a story.
    says_service: bool,
    /// "Add to cart" and the like appear in the page.
    cart: bool,
    /// `<article` elements in the page.
    articles: usize,
    /// `<time` elements in the page.
    times: usize,
    /// `<code` elements in the page.
    code: usize,
    /// Words of the main text.
    words: usize,
    /// Main-text blocks that read as paragraphs of at least 30 words.
    long_paragraphs: usize,
    /// How much the main text speaks as a firm to its customers, per word: see [`voice`].
    voice: f32,
}

const FORUM_TYPES: &[&str] = &[
    "ld:DiscussionForumPosting",
    "ld:QAPage",
    "ld:ForumPosting",
    "ld:SocialMediaPosting",
];
const ARTICLE_TYPES: &[&str] = &[
    "ld:Article",
    "ld:NewsArticle",
    "ld:BlogPosting",
    "ld:ReportageNewsArticle",
    "ld:AnalysisNewsArticle",
    "ld:OpinionNewsArticle",
    "ld:Report",
    "ld:ScholarlyArticle",
];
const FORUM_GENERATORS: &[&str] = &[
    "discourse",
    "phpbb",
    "vbulletin",
    "xenforo",
    "smf",
    "invision",
    "mybb",
    "flarum",
    "nodebb",
];
const DOC_GENERATORS: &[&str] = &[
    "sphinx",
    "mkdocs",
    "docusaurus",
    "gitbook",
    "docfx",
    "antora",
];

/// What a page is, from what its markup says about itself, its address, and the shape
/// of its main text. The markup's own word is trusted first (a forum's schema, a
/// product's offer), then the address, then the text: running paragraphs make an
/// article; many `<article>` teasers make a listing.
pub fn classify(
    meta: &Metadata,
    url: Option<&str>,
    html: &str,
    body: &[(BlockKind, String)],
) -> (PageType, &'static str) {
    let s = signals(meta, html, body);
    let path = url.map(url_path).unwrap_or_default();
    let UrlSignals {
        forum_url,
        docs_url,
        docs_host,
        blog_host,
        product_url,
        listing_url,
    } = url_signals(&path);
    // A publication date the page states as such (not only a modification date, a
    // date written somewhere in its text, or one from a script's state).
    let published = meta.provenance.iter().any(|(k, v)| {
        k == "published"
            && !v.contains("modified")
            && !v.starts_with("date text")
            && !v.starts_with("script json")
    });
    let bylined = meta.byline.is_some();
    let category_url = listing_url;
    let listing_url = listing_address(meta, &path, listing_url, published && bylined);
    // What a firm offers ("/services/cybersecurity", "/solutions/retail", a retirement
    // calculator), unsigned and not marked up as an article: a service page.
    let service = (s.says_service
        || path_words(&path).any(|w| SERVICE_WORDS.contains(&w))
        || path
            .split('/')
            .skip(1)
            .any(|seg| SERVICE_FOLDERS.contains(&seg)))
        && !s.says_article
        && !bylined
        && !path.contains("/blog");
    // Running text in a firm's selling voice: a service page, whatever the date and
    // author an SEO plugin gave it.
    let sales = s.voice >= SALES_VOICE;
    let strong_article = s.says_article
        || (published && bylined && !sales)
        || url.and_then(super::dates::date_from_url).is_some();
    if s.says_forum || (forum_url && !s.says_article) {
        return (PageType::Forum, "forum markup or address");
    }
    // Code samples throughout an undated page that does not call itself an article: a
    // guide or reference (a dated blog post with code is still a post).
    let code_guide = s.code >= CODE_SAMPLES && meta.published.is_none() && !s.says_article;
    if s.says_docs
        || code_guide
        || ((docs_host || (docs_url && !s.says_article)) && !s.says_product)
    {
        return (
            PageType::Documentation,
            "documentation generator or address",
        );
    }
    if (s.says_product && !s.says_article && !s.says_listing)
        || (product_url && (s.cart || s.says_product))
    {
        // A shop's address with a cart but no product schema, over a grid of
        // product cards or under a collection's schema; many products in the schema;
        // or a category's address with only `og:type` saying "product": a category
        // page.
        if (!s.says_product && (s.says_listing || many_product_cards(html)))
            || s.products >= 3
            || (category_url && s.products == 0)
        {
            return (PageType::Listing, "shop category by markup or address");
        }
        return (
            PageType::Product,
            "product markup or shop address with a cart",
        );
    }
    if service {
        return (PageType::Other, "service markup or address");
    }
    // A wiki's lists and categories ("/wiki/List_of_...", "/wiki/Category:...") are
    // listings, though the wiki marks every page up as an article.
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    if last.starts_with("list_of_") || last.starts_with("category:") {
        return (PageType::Listing, "wiki list or category");
    }
    // A blog's archive of a category or tag, titled so by its publishing software
    // ("Recipes Archives") and undated, whatever its schema says.
    if meta.published.is_none()
        && meta
            .title
            .as_deref()
            .is_some_and(|t| t.ends_with(" Archives") || t.ends_with(" Archive"))
    {
        return (PageType::Listing, "archive title");
    }
    if (s.says_listing || listing_url) && !s.says_article {
        return (PageType::Listing, "listing markup or address");
    }
    // A site's home page is its front (teasers, dated or in `<article>` boxes; a blog's
    // host), a shop front, or the window of a service; not an article unless its schema
    // says so (a blog's latest post with its date and byline is still the blog's front).
    // Many dated teasers at a site's root make its front even when its schema calls it
    // an article (a blog marks its front up as its latest post).
    let teasers = s.articles >= 3 && s.times >= 5;
    if url.is_some() && is_home(&path) && (!s.says_article || teasers) {
        let shop = s.cart || shop_front(html) || many_product_cards(html);
        // A firm's window: cards of what it offers, told in its selling voice, with
        // no dates of stories and nothing to put in a cart.
        if sales && s.times < 5 && !blog_host && !shop {
            return (PageType::Other, "home page in a selling voice");
        }
        return if s.articles >= 3 || s.times >= 5 || blog_host || shop {
            (PageType::Listing, "home page with teasers or products")
        } else {
            (PageType::Other, "home page")
        };
    }
    let posted = path_words(&path).any(|w| ARTICLE_PATH_WORDS.contains(&w));
    if strong_article || (posted && s.long_paragraphs >= 2) {
        return (
            PageType::Article,
            "article markup, date and byline, or story address",
        );
    }
    by_text(
        meta,
        &s,
        html,
        TextFacts {
            published,
            bylined,
            sales,
            product_url,
            anonymous_address: url.is_some() && slug_words(&path) < 3,
        },
    )
}

/// Whether `path` is a listing's address: a section front (whatever the date and
/// author of its latest story), a page titled as a section's news, or a category,
/// archive or page of a list (`category_url`: "/category/x/", "/archive/2025/",
/// "/page/2/") unless the page is dated and signed, or dated under a headline of a few
/// words ("/archive/2025/12/advent-of-code-week-2.html").
fn listing_address(meta: &Metadata, path: &str, category_url: bool, signed: bool) -> bool {
    let section_title = meta
        .title
        .as_deref()
        .is_some_and(|t| t == "News" || t.ends_with(" News"));
    section_front(path)
        || section_title
        || ((category_url || paginated(path))
            && !signed
            && !(meta.published.is_some() && slug_words(path) >= HEADLINE_SLUG_WORDS))
}

/// What [`classify`] found before reading the text, for [`by_text`].
struct TextFacts {
    /// The page states a publication date as such.
    published: bool,
    bylined: bool,
    /// The text speaks in a firm's selling voice.
    sales: bool,
    product_url: bool,
    /// An address without a headline-like last segment (fewer than three words).
    anonymous_address: bool,
}

/// The kind of a page that neither its markup nor its address settled: from the
/// length and shape of its main text, its voice, and what its markup shows (product
/// cards, a cart, prices).
fn by_text(meta: &Metadata, s: &Signals, html: &str, f: TextFacts) -> (PageType, &'static str) {
    let TextFacts {
        published,
        bylined,
        sales,
        product_url,
        anonymous_address,
    } = f;
    if s.words < 150
        || (s.articles >= 6 && s.long_paragraphs < 6)
        || (s.cart && s.long_paragraphs < 3)
    {
        return (PageType::Listing, "short text, teasers or cart");
    }
    // Without a date, a byline or a headline-like address (a slug of a few words), long
    // text is a service or landing page ("/services/consulting", "/pricing") more often
    // than an article.
    let dated = meta.published.is_some()
        && !meta
            .provenance
            .iter()
            .any(|(k, v)| k == "published" && v.contains("modified"));
    let anonymous = anonymous_address && !dated && !bylined;
    if (published || s.og_article || s.long_paragraphs >= 5)
        && s.long_paragraphs >= 2
        && !anonymous
        && !sales
    {
        // A shop's category with a buying guide around its grid reads as running
        // text; its markup prices entry after entry (a dated, signed buying guide
        // prices its picks too).
        if !(meta.published.is_some() && bylined) && priced_entries(html) {
            return (PageType::Listing, "running text around priced entries");
        }
        return (PageType::Article, "running paragraphs");
    }
    // A shop's category page reads like a service page as text (a few lines around a
    // grid); its markup is a grid of product cards.
    if many_product_cards(html) {
        return (PageType::Listing, "grid of product cards");
    }
    // A page with an "Add to cart" button that is neither a grid nor running text:
    // one thing for sale.
    if s.cart {
        return (PageType::Product, "cart without a grid or running text");
    }
    // Running text that tells rather than sells, though nothing else says so: a guide,
    // a report, an institution's page of information.
    if s.voice < NARRATING_VOICE && s.long_paragraphs >= 1 {
        // A maker's undated page of one product under its products address tells
        // about the product.
        if product_url && meta.published.is_none() {
            return (PageType::Product, "product address with undated text");
        }
        return (PageType::Article, "running text in a narrating voice");
    }
    (PageType::Other, "no kind")
}

/// What an address (host and path, from [`url_path`]) says about its page.
struct UrlSignals {
    forum_url: bool,
    docs_url: bool,
    /// A documentation host (`docs.`, `developer.`, `wiki.`).
    docs_host: bool,
    /// A blog's host: `blog.example.org`, `example.blog`, `engineering.example.com`.
    blog_host: bool,
    product_url: bool,
    listing_url: bool,
}

fn url_signals(path: &str) -> UrlSignals {
    let has = |words: &[&str]| words.iter().any(|w| path.contains(w));
    // `forum` anywhere: a `forum.` host, a `/travel-forum/` folder; a `discuss.` host. A `/t/` or
    // `/topic/` folder is a thread's only with the thread's number
    // (`/t/slug/1234`, `/topic/1234-slug/`): without one it is a site's topic page
    // (`/topic/cloud/`) or a shop's (`/t/mesh-office-chair`).
    let forum_url = has(&[
        "forum",
        "community.",
        "/boards/",
        "showtopic",
        "/thread",
        "/threads/",
        "viewtopic",
        "showthread",
        "/questions/",
        "/comments/",
        "/discussion",
        "/community/",
    ]) || path.starts_with("discuss.")
        || (has(&["/t/", "/topic/"]) && thread_number(path));
    let docs_url = has(&[
        "/docs/",
        "/doc/",
        "/documentation/",
        "/reference/",
        "/manual/",
        "/api/",
        "/developer",
        "docs.",
        "/sdk/",
        "/handbook/",
        "readthedocs",
        "/man/",
        "/tutorial/",
        "/book/",
        "/man-pages/",
        "/get-started",
        "/quickstart",
    ]);
    // A documentation host (`docs.`, `developer.`, `wiki.`) or a `/docs/` folder says
    // so, whatever the page's schema says (documentation sites mark their pages up as
    // articles).
    let docs_host = ["docs.", "doc.", "developer.", "developers.", "wiki."]
        .iter()
        .any(|h| path.starts_with(h))
        || path.contains("/docs/");
    let product_url = has(&[
        "/product/",
        "/products/",
        "/p/",
        "/dp/",
        "/item/",
        "/shop/",
        "/app/",
    ]);
    let listing_url = has(&[
        "/category/",
        "/categories/",
        "/product-category/",
        "/tag/",
        "/tags/",
        "/collections/",
        "/collection/",
        "/search",
        "/archive",
        "/section/",
        "/c/",
        "/list/",
        "/chart/",
    ]);
    let host = path.split('/').next().unwrap_or_default();
    let blog_host = host.contains("blog") || host.starts_with("engineering.");
    UrlSignals {
        forum_url,
        docs_url,
        docs_host,
        blog_host,
        product_url,
        listing_url,
    }
}

/// Whether a segment of `path` after its host is a thread's number: all digits, or
/// digits and a slug (`1234-how-to`).
fn thread_number(path: &str) -> bool {
    path.split('/').skip(1).any(|seg| {
        let digits = seg.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && (digits == seg.len() || seg.as_bytes()[digits] == b'-')
    })
}

/// Whether `path` (host and path, from [`url_path`]) is a site's home page: nothing
/// after the host but a language or index segment (`/en-us/`, `/index.html`).
fn is_home(path: &str) -> bool {
    let Some((_, rest)) = path.split_once('/') else {
        return true;
    };
    rest.split('/').filter(|s| !s.is_empty()).all(|s| {
        s.starts_with("index.")
            || (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
            || (s.len() == 5
                && matches!(s.as_bytes()[2], b'-' | b'_')
                && s.bytes().filter(|b| b.is_ascii_alphabetic()).count() == 4)
    })
}

/// Whether a (home) page invites to browse a shop: "Shop now", "Shop all", "Free
/// shipping", links into `/collections/`.
fn shop_front(html: &str) -> bool {
    static SHOP: OnceLock<Regex> = OnceLock::new();
    SHOP.get_or_init(|| any_phrase(&["shop now", "shop all", "free shipping", "/collections/"]))
        .is_match(html)
}

/// A search of a whole page for any of `phrases`, ASCII case ignored (`(?i-u)`: no
/// Unicode case folding, so a Kelvin sign is not the "k" of "basket"). A regex rather
/// than an ASCII-case-insensitive Aho-Corasick automaton: that automaton's prefilter
/// stops at every occurrence of a phrase's first letter (every "a" of the page, for
/// "add to cart"), while the regex's searches for the phrases' first letters, in either
/// case, all at once.
fn any_phrase<S: AsRef<str>>(phrases: &[S]) -> Regex {
    let alternatives: Vec<String> = phrases.iter().map(|p| regex::escape(p.as_ref())).collect();
    Regex::new(&format!("(?i-u){}", alternatives.join("|"))).expect("valid patterns")
}

/// Words of an address's path that name what a firm offers rather than a story.
const SERVICE_WORDS: &[&str] = &["services", "solutions", "calculator"];

/// Folders (whole segments of an address) under which firms and offices describe what
/// they offer: `/platform/`, `/department/parks`.
const SERVICE_FOLDERS: &[&str] = &["platform", "program", "department", "departments"];

/// Last segments of an address that name a site's section of stories rather than one
/// story (`/news`, `/issues/`).
const SECTION_NAMES: &[&str] = &[
    "news",
    "in-the-news",
    "newsroom",
    "issues",
    "latest",
    "newest",
    "recent",
    "trending",
    "updates",
];

/// Folders whose entries are a site's section fronts (`/hub/science`,
/// `/subject/data-science`, `/topic/cloud/`) when named in a word or two, not a
/// headline.
const SECTION_FOLDERS: &[&str] = &["hub", "subject", "subjects", "topic"];

/// Whether `path` (host and path, from [`url_path`]) is a section front: a section's
/// name as its last segment, or a short name under a folder of sections.
fn section_front(path: &str) -> bool {
    let mut segs = path.rsplit('/').filter(|s| !s.is_empty());
    let (Some(last), parent) = (segs.next(), segs.next()) else {
        return false;
    };
    // The host alone is no section.
    path.contains('/') && SECTION_NAMES.contains(&last)
        || (parent.is_some_and(|p| SECTION_FOLDERS.contains(&p)) && slug_words(path) <= 2)
}

/// Whether at least [`PRICED_ENTRIES`] elements carry a price class
/// (`class="price"`, `product-price__amount` ...): a grid of things for sale.
fn priced_entries(html: &str) -> bool {
    let mut n = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), b"class=\"") {
        let value = &html.as_bytes()[at + 7..];
        let end = memchr::memchr(b'"', value).unwrap_or(value.len());
        if memchr::memmem::find(&value[..end], b"price").is_some() {
            n += 1;
            if n >= PRICED_ENTRIES {
                return true;
            }
        }
    }
    false
}

/// How many priced elements make a grid of things for sale.
const PRICED_ENTRIES: usize = 20;

/// Words of an address's path under which sites file their stories.
const ARTICLE_PATH_WORDS: &[&str] = &["blog", "blogs", "article", "articles", "story", "stories"];

/// A [`voice`] from which running text reads as a firm's offer, not a story.
const SALES_VOICE: f32 = 0.03;

/// A [`voice`] below which running text reads as telling, not selling.
const NARRATING_VOICE: f32 = 0.015;

/// A last path segment of this many words reads as a headline.
const HEADLINE_SLUG_WORDS: usize = 4;

/// The words of `path` after its host (split at anything not a letter or digit).
fn path_words(path: &str) -> impl Iterator<Item = &str> {
    let rest = path.split_once('/').map_or("", |(_, r)| r);
    rest.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A page of a paginated list: `/page/2/`.
fn paginated(path: &str) -> bool {
    path.split("/page/")
        .skip(1)
        .any(|rest| rest.bytes().next().is_some_and(|b| b.is_ascii_digit()))
}

/// The number of words in the last segment of `path` ("best-laptops-for-students" has
/// four); a file extension is not a word.
fn slug_words(path: &str) -> usize {
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    last.split(['-', '_', '+'])
        .filter(|w| !w.is_empty())
        .count()
}

/// The lower-cased address without its scheme, query and fragment.
fn url_path(url: &str) -> String {
    let u = url.split(['?', '#']).next().unwrap_or(url);
    let u = u.split_once("://").map_or(u, |(_, rest)| rest);
    u.to_ascii_lowercase()
}

/// Whether the page's markup names at least [`PRODUCT_CARDS`] product cards or tiles
/// (`class="product-card"`, `product_tile`, `productItem`, `product-grid` ...). Only
/// pages not typed otherwise are scanned.
fn many_product_cards(html: &str) -> bool {
    static CARDS: OnceLock<Regex> = OnceLock::new();
    let cards = CARDS.get_or_init(|| {
        let mut patterns = Vec::new();
        for kind in ["card", "tile", "item", "grid", "list"] {
            for sep in ["-", "_", ""] {
                patterns.push(format!("product{sep}{kind}"));
            }
        }
        any_phrase(&patterns)
    });
    cards.find_iter(html).take(PRODUCT_CARDS).count() >= PRODUCT_CARDS
}

/// How many `<code>` elements make a page of code samples.
const CODE_SAMPLES: usize = 10;

/// How many product cards make a grid.
const PRODUCT_CARDS: usize = 10;

fn signals(meta: &Metadata, html: &str, body: &[(BlockKind, String)]) -> Signals {
    static CART: OnceLock<Regex> = OnceLock::new();
    let cart = CART.get_or_init(|| {
        any_phrase(&[
            "add to cart",
            "add to bag",
            "add to basket",
            "add-to-cart",
            "addtocart",
        ])
    });
    let kind = |k: &[&str]| meta.kinds.iter().any(|x| k.contains(&x.as_str()));
    let generator = |names: &[&str]| {
        meta.kinds.iter().any(|x| {
            x.strip_prefix("generator:")
                .is_some_and(|g| names.iter().any(|n| g.starts_with(n)))
        })
    };
    let in_cart = cart.is_match(html);
    let mut s = Signals {
        says_article: kind(ARTICLE_TYPES),
        og_article: kind(&["og:article"]),
        says_forum: kind(FORUM_TYPES) || generator(FORUM_GENERATORS),
        says_product: kind(&["ld:ProductGroup", "og:product", "ld:Offer"])
            || (kind(&["ld:Product"]) && (in_cart || !rating_badge(html))),
        products: meta
            .kinds
            .iter()
            .filter(|k| matches!(k.as_str(), "ld:Product" | "ld:ProductGroup"))
            .count(),
        says_listing: kind(&[
            "ld:CollectionPage",
            "ld:SearchResultsPage",
            "og:product.group",
            "og:product:group",
        ]),
        says_service: kind(&["ld:Service"]),
        says_docs: generator(DOC_GENERATORS) || kind(&["ld:APIReference"]),
        cart: in_cart,
        articles: memchr::memmem::find_iter(html.as_bytes(), b"<article").count(),
        times: memchr::memmem::find_iter(html.as_bytes(), b"<time").count(),
        code: memchr::memmem::find_iter(html.as_bytes(), b"<code").count(),
        ..Signals::default()
    };
    for (k, text) in body {
        let words = text.split(' ').count();
        s.words += words;
        if *k == BlockKind::Paragraph && words >= 20 {
            s.long_paragraphs += 1;
        }
    }
    s.voice = voice(body.iter().map(|(_, t)| t.as_str()));
    s
}

/// Whether the page's `Product` schema is only a star rating: rated, with no offer.
/// Service firms mark their pages up so for the stars in search results; a thing for
/// sale has its price (`offers`) or a cart.
fn rating_badge(html: &str) -> bool {
    let has = |needle: &[u8]| memchr::memmem::find(html.as_bytes(), needle).is_some();
    has(b"\"aggregateRating\"") && !has(b"\"offers\"")
}

/// The voice of a text, per word: the words of a firm speaking to its customers ("we",
/// "our", "contact", "free", "quote", "services") less those of a narrative ("he",
/// "their", "said", "was"). Service and landing pages score high; stories, reports and
/// guides low, whatever their markup says.
fn voice<'a>(texts: impl Iterator<Item = &'a str>) -> f32 {
    let (mut words, mut score) = (0usize, 0isize);
    for text in texts {
        for w in text
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
            .filter(|w| !w.is_empty())
        {
            words += 1;
            // "US" is the country, not the pronoun.
            if w.len() > 12 || w == "US" {
                continue;
            }
            let mut buf = [0u8; 12];
            for (b, c) in buf.iter_mut().zip(w.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            score += match &buf[..w.len()] {
                b"we" | b"our" | b"us" | b"ours" | b"we're" | b"we've" | b"contact" | b"call"
                | b"free" | b"quote" | b"schedule" | b"request" | b"today" | b"get"
                | b"started" | b"book" | b"pricing" | b"price" | b"plans" | b"trusted"
                | b"expert" | b"experts" | b"customers" | b"clients" | b"services"
                | b"solutions" | b"professional" | b"service" => 1,
                b"he" | b"she" | b"his" | b"her" | b"they" | b"their" | b"said" | b"was"
                | b"were" | b"had" => -1,
                _ => 0,
            };
        }
    }
    if words == 0 {
        0.0
    } else {
        score as f32 / words as f32
    }
}
