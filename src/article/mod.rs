//! HTML pages -> [`Article`]: decoded text, metadata and the main text as blocks, with
//! page furniture (navigation, menus, share buttons, related links, scripts, footers)
//! left out. (First version: to be replaced by the full extractor.)

use scraper::{Html, Selector};

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
}

/// Extracts the article from raw HTML bytes. `charset` is the container's hint (HTTP
/// header); `url` the page address, used for metadata fallbacks.
pub fn extract(html: &[u8], charset: Option<&str>, _url: Option<&str>) -> Article {
    let _ = charset;
    let html = String::from_utf8_lossy(html);
    let doc = Html::parse_document(&html);
    let sel = Selector::parse("h1, p, figcaption").unwrap();
    let mut article = Article::default();
    for el in doc.select(&sel) {
        let t: String = el.text().collect::<Vec<_>>().join(" ");
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            continue;
        }
        if !article.text.is_empty() {
            article.text.push_str("\n\n");
        }
        let start = article.text.len();
        article.text.push_str(&t);
        let kind = match el.value().name() {
            "h1" => BlockKind::Title,
            "figcaption" => BlockKind::Caption,
            _ => BlockKind::Paragraph,
        };
        article.blocks.push(Block {
            kind,
            start,
            end: article.text.len(),
        });
    }
    article
}
