//! What an element's tag, `class`, `id` and `role` say about it: page furniture
//! (navigation, sidebars, share bars, bios ...), likely content, or neither. These are
//! hints shared by the main-text and metadata passes; they are words that recur across
//! many sites' markup, not the class names of any one site. Nothing here looks at text.

use scraper::node::Element;

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

/// ARIA landmark roles of page furniture.
pub fn is_furniture_role(el: &Element) -> bool {
    el.attr("role").is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "menu"
                | "menubar"
                | "dialog"
                | "alertdialog"
                | "toolbar"
                | "tablist"
        )
    })
}

/// Hidden from readers: `hidden`, `aria-hidden="true"`, inline `display:none`.
pub fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Whether the element marks the article itself (`article`, `main`, schema.org
/// `articleBody`, ARIA `main`/`article`).
pub fn is_article_like(el: &Element) -> bool {
    matches!(el.name(), "article" | "main")
        || el
            .attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articlebody"))
        || el
            .attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("main") || r.eq_ignore_ascii_case("article"))
}

/// Class/id words that mark furniture. Matched against whole words of `class` and
/// `id` (split at punctuation and camelCase), so `sidebar-wrap` and `shareBar` match
/// but `adobe` or `header-image-caption`'s "image" do not trip anything.
const NEGATIVE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
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

pub fn class_hint(el: &Element) -> ClassHint {
    let mut hint = ClassHint::default();
    for attr in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for_each_word(attr, |w| {
            if NEGATIVE.contains(&w) {
                hint.negative = true;
            } else if POSITIVE.contains(&w) {
                hint.positive = true;
            }
        });
    }
    hint
}

/// Whether any class/id word of the element is `word`.
pub fn has_word(el: &Element, words: &[&str]) -> bool {
    let mut found = false;
    for attr in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for_each_word(attr, |w| found |= words.contains(&w));
    }
    found
}

/// Calls `f` with each lowercase word of a class/id value: split at anything not
/// alphanumeric and at lower-to-upper case changes (`shareBar` -> share, bar).
fn for_each_word(s: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                f(&word);
                word.clear();
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            f(&word);
            word.clear();
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        f(&word);
    }
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
        ];
        for (input, want) in cases {
            let mut got = Vec::new();
            for_each_word(input, |w| got.push(w.to_string()));
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
        ];
        for (html, pos, neg) in cases {
            let frag = scraper::Html::parse_fragment(html);
            let el = frag
                .tree
                .nodes()
                .find_map(|n| n.value().as_element().filter(|e| e.name() == "div"))
                .unwrap();
            let h = class_hint(el);
            assert_eq!((h.positive, h.negative), (*pos, *neg), "{html}");
        }
    }
}
