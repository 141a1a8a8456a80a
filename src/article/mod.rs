//! HTML pages -> [`Article`]: decoded text, metadata and the main text as blocks, with
//! page furniture (navigation, menus, share buttons, related links, scripts, footers)
//! left out. Submodules: [`charset`] (bytes -> text), [`metadata`] (title, dates,
//! byline, ...; `json_ld`, `title_byline` and `published` read and choose some of its
//! sources), [`main_text`] (the article's blocks), [`hints`] (what tags and class names
//! say), [`page_type`] (what kind of page it is). This module only joins their results:
//! the headline first, then the body blocks, separated by blank lines. It does not
//! recognise anything in the text.

pub mod charset;
pub mod dates;
pub mod hints;
mod json_ld;
pub mod main_text;
pub mod metadata;
pub mod page_type;
mod published;
mod segment;
mod title_byline;

pub use page_type::PageType;

use scraper::Html;

/// What a block of the main text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
    Caption,
    ListItem,
    Quote,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Caption => "caption",
            BlockKind::ListItem => "list_item",
            BlockKind::Quote => "quote",
        }
    }
}

/// A block of the article text: byte offsets into [`Article::text`].
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

/// Page metadata. Dates are ISO `YYYY-MM-DD`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub byline: Option<String>,
    pub authors: Vec<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    /// What the page's markup says it is: JSON-LD types (`ld:Product`), `og:type`
    /// (`og:article`), the generator (`generator:discourse ...`).
    pub kinds: Vec<String>,
    /// Where each field came from, e.g. `("published", "meta[property=article:published_time]")`.
    pub provenance: Vec<(String, String)>,
}

/// The article of one page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// The main text: blocks joined by a blank line.
    pub text: String,
    pub blocks: Vec<Block>,
    pub meta: Metadata,
    /// What kind of page the article came from.
    pub page_type: PageType,
}

/// Extracts the article from raw HTML bytes. `charset` is the container's hint (HTTP
/// header); `url` the page address, used for metadata fallbacks (a date in the path, the
/// base of a relative canonical link). Never fails: undecodable bytes are replaced and
/// a page without recognisable body text yields an article with only its title.
pub fn extract(html: &[u8], charset: Option<&str>, url: Option<&str>) -> Article {
    extract_captured(html, charset, url, None)
}

/// [`extract`] for a page fetched on the day `captured` (`YYYY-MM-DD`, a WARC capture),
/// after which it cannot have been published: no later date is its publication date.
pub fn extract_captured(
    html: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
    captured: Option<&str>,
) -> Article {
    let decoded = charset::decode(html, charset);
    let doc = Html::parse_document(&decoded.text);
    let page = hints::PageHints::of(&doc);
    let mut meta = metadata::extract(&doc, &page, url, captured);
    meta.provenance.push((
        "charset".to_string(),
        format!("{} ({})", decoded.encoding.name(), decoded.from),
    ));
    let text_page = main_text::Page::new(&doc, &page);
    let mut body = text_page.blocks(meta.title.as_deref(), main_text::Scope::Article);
    let (page_type, why) = page_type::classify(&meta, url, &decoded.text, &body);
    meta.provenance
        .push(("page_type".to_string(), why.to_string()));
    // The kind is told from the text read as an article; a listing's content is its
    // entries, linked titles included, so it is read again in that scope, and so is a
    // page of no known kind (service and landing pages are mostly linked entries too:
    // WCXB dev listing 0.597 -> 0.615, collection 0.599 -> 0.610, service 0.759 ->
    // 0.763, articles typed "other" 0.938 -> 0.937) and documentation (a reference's
    // linked names of methods, options and pages are its content: 0.889 -> 0.901).
    if matches!(
        page_type,
        PageType::Listing | PageType::Other | PageType::Documentation
    ) {
        body = text_page.blocks(meta.title.as_deref(), main_text::Scope::Listing);
    }
    if page_type == PageType::Article {
        main_text::cut_related_tail(&mut body);
    }
    if page_type == PageType::Product {
        main_text::cut_product_extras(&mut body);
    }
    let mut article = Article {
        text: String::new(),
        blocks: Vec::with_capacity(body.len() + 1),
        meta,
        page_type,
    };
    // The headline comes first so that names in it are found like any other text.
    let title = article.meta.title.clone();
    for (kind, text) in title.map(|t| (BlockKind::Title, t)).into_iter().chain(body) {
        if !article.text.is_empty() {
            article.text.push_str("\n\n");
        }
        let start = article.text.len();
        article.text.push_str(&text);
        article.blocks.push(Block {
            kind,
            start,
            end: article.text.len(),
        });
    }
    article
}
