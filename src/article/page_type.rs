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
