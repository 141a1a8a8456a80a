//! Article extraction on small pages of our own, one case per failure class seen on
//! real pages: the main text (an article cut into boxes, text streamed into a hidden
//! element, a furniture word in a utility class), the publication date (where a page
//! writes it) and the page type.

use newsfacts::stages::{extract_article as extract, PageType};

/// A paragraph long enough to read as running text.
fn para(n: usize) -> String {
    format!(
        "Paragraph {n} tells the story at some length, with clauses, commas and enough words \
         to count as running text rather than a label, a button or a link."
    )
}

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>The Story</title>{head}</head><body>{body}</body></html>")
}

#[test]
fn main_text_keeps_the_whole_article() {
    let (p1, p2, p3, p4) = (para(1), para(2), para(3), para(4));
    let (p5, p6, p7) = (para(5), para(6), para(7));
    let nav = r#"<nav><a href="/">Home</a> <a href="/a">About us</a></nav>"#;
    let cases: Vec<(&str, String)> = vec![
        (
            // Each section in its own box with a content class: one box used to win.
            "article cut into boxes",
            format!(
                r#"{nav}<div class="wrap"><h1>The Story</h1>
                <div class="section"><h2>One</h2><div class="text-block"><p>{p1}</p></div></div>
                <div class="section"><h2>Two</h2><div class="text-block"><p>{p2}</p></div></div>
                <div class="section"><h2>Three</h2><div class="text-block"><p>{p3}</p></div></div>
                <div class="section"><h2>Four</h2><div class="text-block"><p>{p4}</p></div></div>
                </div><footer><p>Copyright notice of the site, all rights reserved.</p></footer>"#
            ),
        ),
        (
            // Server-rendered text streamed into a hidden element that a script reveals.
            "text in a hidden element holding the page",
            format!(
                r#"{nav}<div hidden id="S:1"><main><h1>The Story</h1><p>{p1}</p><p>{p2}</p>
                <p>{p3}</p><p>{p4}</p></main></div><div hidden><p>Sign in to continue reading.</p></div>"#
            ),
        ),
        (
            // "print:hidden", "prose-headings:font-semibold": utility classes with a
            // variant say nothing about the content.
            "utility classes with variants",
            format!(
                r#"{nav}<div class="grid print:hidden"><div class="col-span-1">
                <article class="prose prose-headings:font-semibold text-[#222]"><h1>The Story</h1>
                <p>{p1}</p><p>{p2}</p><p>{p3}</p><p>{p4}</p></article></div></div>"#
            ),
        ),
        (
            // A furniture word on the wrapper of the whole page.
            "furniture word on a page-wide wrapper",
            format!(
                r#"<div class="layout has-sidebar"><div class="main-col"><h1>The Story</h1>
                <p>{p1}</p><p>{p2}</p><p>{p3}</p><p>{p4}</p></div>
                <aside><p>Other things to read on this site, and more.</p></aside></div>"#
            ),
        ),
        (
            // A bio class word ("author") on a wrapper around the whole article: every
            // block sits "beside the article", and the winning box must still widen
            // from one block to all of them.
            "bio class word on a page-wide wrapper",
            format!(
                r#"{nav}<div class="page author-layout"><article><h1>The Story</h1>
                <div class="block"><div class="block-content"><p>{p1}</p></div></div>
                <div class="block"><div class="block-content"><p>{p2}</p></div></div>
                <div class="block"><div class="block-content"><p>{p3}</p></div></div>
                <div class="block"><div class="block-content"><p>{p4}</p></div></div>
                </article></div>"#
            ),
        ),
        (
            // A furniture class word ("font", from a styling class) on each paragraph
            // but the lead: the first pass keeps only the lead, a small share of the
            // page's running text, and the pass without such words wins.
            "furniture word on each paragraph of the article",
            format!(
                r#"{nav}<main><h1>The Story</h1><div class="body"><p>{p1}</p>
                <h2>Two</h2><p class="font-body">{p2}</p><p class="font-body">{p5}</p>
                <h2>Three</h2><p class="font-body">{p3}</p><p class="font-body">{p6}</p>
                <h2>Four</h2><p class="font-body">{p4}</p><p class="font-body">{p7}</p>
                </div></main>"#
            ),
        ),
        (
            // A layout word ("sidebar") on the box inside the article that holds its
            // body and its sidebar, on a page with more running text elsewhere.
            "layout word on the article's own wrapper",
            format!(
                r#"{nav}<article><h1>The Story</h1><div class="sidebar-layout">
                <div class="sidebar-content"><p>{p1}</p><p>{p2}</p><p>{p3}</p><p>{p4}</p></div>
                <aside><p>Other things to read on this site, and more.</p></aside></div></article>
                <div class="site-links">{}</div>"#,
                (5..=14)
                    .map(|i| format!(r#"<div class="col"><p>{}</p></div>"#, para(i)))
                    .collect::<String>()
            ),
        ),
        (
            // A layout word ("widget") on each of the boxes an article is cut into,
            // none holding most of its text; a comment box beside them stays out.
            "article cut into boxes with a furniture word",
            format!(
                r#"{nav}<main><article><h1>The Story</h1>
                <div class="widget text-widget"><p>{p1}</p><p>{p5}</p></div>
                <div class="widget text-widget"><h2>Two</h2><p>{p2}</p></div>
                <div class="widget text-widget"><h2>Three</h2><p>{p3}</p><p>{p6}</p></div>
                <div class="widget text-widget"><h2>Four</h2><p>{p4}</p><p>{p7}</p></div>
                <div class="comments"><p>Sign in to comment on the story, and join the discussion with other readers.</p></div>
                </article></main>"#
            ),
        ),
        (
            // Sections folded into an accordion: each panel is hidden until its button,
            // which names it, is pressed. A hidden box without such a name stays out.
            "sections folded into an accordion",
            format!(
                r#"{nav}<article><h1>The Story</h1><p>{p1}</p><div class="accordion">
                <button id="s2">Two</button><div role="region" aria-labelledby="s2" style="display: none">
                <p>{p2}</p><p>{p3}</p></div>
                <button id="s4">Four</button><div aria-labelledby="s4" hidden><p>{p4}</p></div>
                </div><div style="display:none"><p>Sign in to continue reading.</p></div></article>"#
            ),
        ),
        (
            // A page streamed in parts: the text comes in hidden boxes at the end of
            // the body, which a script moves into place.
            "text streamed in several hidden parts",
            format!(
                r#"{nav}<main><h1>The Story</h1><template id="B:0"></template></main>
                <div class="overlay-wrap"><div hidden><p>Sign in to continue reading.</p></div></div>
                <div hidden id="S:0"><p>{p1}</p><p>{p2}</p></div>
                <div hidden id="S:1"><h2>Two</h2><p>{p3}</p><p>{p4}</p></div>"#
            ),
        ),
        (
            // A thread built by script: the visible page holds only the headline, and
            // the posts are served in a `<noscript>` for readers without scripts.
            "thread served in noscript",
            format!(
                r#"{nav}<div id="app"><h1>The Story</h1></div>
                <noscript><header><a href="/">Forum home</a></header><div id="main" role="main">
                <h1>The Story</h1><div class="post"><p>{p1}</p><p>{p2}</p></div>
                <div class="post"><p>{p3}</p></div><div class="post"><p>{p4}</p></div>
                </div><footer><p>Copyright notice of the forum.</p></footer></noscript>"#
            ),
        ),
    ];
    for (name, body) in cases {
        let art = extract(page("", &body).as_bytes(), None, None);
        for p in [&p1, &p2, &p3, &p4] {
            assert!(
                art.text.contains(p.as_str()),
                "{name}: lost {p:?} in {:?}",
                art.text
            );
        }
        for furniture in ["About us", "Copyright notice", "Sign in", "Other things"] {
            assert!(!art.text.contains(furniture), "{name}: kept {furniture:?}");
        }
    }
}

#[test]
fn main_text_ends_where_the_article_does() {
    let body: String = (1..=6).map(|i| format!("<p>{}</p>", para(i))).collect();
    // (case, what follows the article inside its box, furniture that must be left out)
    let cases: &[(&str, &str, &str)] = &[
        (
            "newsletter sign-up",
            "<h3>Sign up for our newsletter</h3><p>Get the latest posts delivered straight to your inbox every week, and never miss a story again.</p>",
            "latest posts delivered",
        ),
        (
            "list of sources under a short line",
            "<p><strong>Article sources:</strong></p><p>Annual survey of household spending, national statistics office, published in the spring of last year.</p>",
            "household spending",
        ),
        (
            "other posts of the site",
            "<h2>Recent Posts</h2><p>How we learned to stop worrying and love the long weekend, a story of calendars and courage.</p>",
            "long weekend",
        ),
        (
            "contact box",
            "<h4>Get in touch</h4><p>Write to the newsroom with tips, corrections and questions about this story, any day of the week.</p>",
            "Write to the newsroom",
        ),
    ];
    let head = r#"<meta property="og:type" content="article">"#;
    for (name, tail, furniture) in cases {
        let html = page(
            head,
            &format!(
                r#"<article><h1>The Story</h1><div class="text">{body}{tail}</div></article>"#
            ),
        );
        let art = extract(html.as_bytes(), None, None);
        assert!(
            art.text.contains(&para(6)),
            "{name}: lost the end of the article"
        );
        assert!(!art.text.contains(furniture), "{name}: kept {furniture:?}");
    }
    // The same words heading a box in the middle of the article do not end it.
    let (first, rest): (String, String) = (
        (1..=2).map(|i| format!("<p>{}</p>", para(i))).collect(),
        (3..=6).map(|i| format!("<p>{}</p>", para(i))).collect(),
    );
    let html = page(
        head,
        &format!(
            r#"<article><h1>The Story</h1><div class="text">{first}<p>Related articles:</p>
            <h2>Step 1: sign up for the newsletters you read</h2>{rest}</div></article>"#
        ),
    );
    let art = extract(html.as_bytes(), None, None);
    assert!(art.text.contains(&para(6)), "a box mid-article ended it");
}

#[test]
fn publication_date_where_the_page_writes_it() {
    let p = para(1);
    let cases: &[(&str, &str, &str, Option<&str>, &str)] = &[
        (
            "json-ld @graph",
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"S"},
              {"@type":"BlogPosting","headline":"The Story","datePublished":"2024-03-05T09:00:00+01:00"}]}</script>"#,
            "",
            None,
            "2024-03-05",
        ),
        (
            "json-ld of a forum post",
            r#"<script type="application/ld+json">{"@type":"DiscussionForumPosting","datePublished":"2023-11-02T10:00:00Z"}</script>"#,
            "",
            None,
            "2023-11-02",
        ),
        (
            "opengraph article meta",
            r#"<meta property="article:published_time" content="2022-07-08T12:00:00Z">"#,
            "",
            None,
            "2022-07-08",
        ),
        (
            "time element with itemprop",
            "",
            r#"<time itemprop="datePublished" datetime="2021-05-06">May 6</time>"#,
            None,
            "2021-05-06",
        ),
        (
            "date in the address",
            "",
            "",
            Some("https://example.org/news/2019/11/18/the-story"),
            "2019-11-18",
        ),
        (
            "byline with a written date",
            "",
            r#"<div class="post-meta">By Ann Lee &middot; Published 3:15 PM ET, Nov 18, 2019</div>"#,
            None,
            "2019-11-18",
        ),
        (
            "date in a short line under the headline",
            "",
            r#"<p class="x1">Last updated on 17 December 2025</p>"#,
            None,
            "2025-12-17",
        ),
        (
            "day-first numeric date",
            "",
            r#"<span class="date">12.03.2025</span>"#,
            None,
            "2025-03-12",
        ),
        (
            // A Q&A page: the first time shown is the last edit; the question's
            // creation is marked as such.
            "creation time marked with itemprop after an edit time",
            "",
            r#"<span>edited <time datetime="2020-05-01T10:00:00Z">May 1, 2020</time></span>
               <span>asked <time itemprop="dateCreated" datetime="2019-03-02T09:00:00Z">Mar 2, 2019</time></span>"#,
            None,
            "2019-03-02",
        ),
        (
            "UTC datetime shown as the local day before",
            "",
            r#"<time itemprop="datePublished" datetime="2026-02-24T04:13:00Z">February 23, 2026</time>"#,
            None,
            "2026-02-23",
        ),
        (
            "itemprop datePublished on an abbr in a widget",
            "",
            r#"<span class="post-widget"><abbr itemprop="datePublished" title="2025-12-19T15:18:00-05:00">Friday evening</abbr></span>"#,
            None,
            "2025-12-19",
        ),
        (
            "citation date written year first",
            r#"<meta name="citation_publication_date" content="2024 Jun 30">"#,
            "",
            None,
            "2024-06-30",
        ),
        (
            "ISO timestamp as a date line's text",
            "",
            r#"<span class="publicationTime">2022-11-23T08:10+02:00</span>"#,
            None,
            "2022-11-23",
        ),
        (
            "date line in a card box under the headline",
            "",
            r#"<div class="post-card__meta"><div>By Ann Lee</div><div>February 28, 2026</div></div>"#,
            None,
            "2026-02-28",
        ),
        (
            "published time in a site's own format",
            r#"<meta property="article:published_time" content="Thu, 09/25/2025 - 11:38">"#,
            "",
            None,
            "2025-09-25",
        ),
        (
            // A UTC timestamp past midnight: the address has the site's own day.
            "address a day before a UTC timestamp",
            r#"<meta property="article:published_time" content="2025-12-19T01:30:00+00:00">"#,
            "",
            Some("https://example.org/2025/12/18/the-story"),
            "2025-12-18",
        ),
        (
            // A plugin's JSON-LD date (a re-save, an import) that the page shows
            // nowhere: the date under the headline is the page's.
            "json-ld date unlike the one shown under the headline",
            r#"<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2020-01-02T10:00:00Z"}</script>"#,
            r#"<div class="post-info">By Ann Lee | March 4, 2024</div>"#,
            None,
            "2024-03-04",
        ),
        (
            "json-ld date that the page also shows",
            r#"<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2020-01-02T10:00:00Z"}</script>"#,
            r#"<div class="post-info">Updated March 4, 2024</div>
               <div class="post-info">Posted <time datetime="2020-01-02">January 2, 2020</time></div>"#,
            None,
            "2020-01-02",
        ),
        (
            "numeric month-day-year with dashes",
            "",
            r#"<span class="date">11-29-2024, 09:03 AM</span>"#,
            None,
            "2024-11-29",
        ),
        (
            "year-first date with dots",
            "",
            r#"<p class="x1">Essay - Published: 2025.12.17 | ai</p>"#,
            None,
            "2025-12-17",
        ),
        (
            "month name in the address",
            "",
            "",
            Some("https://example.org/blog/2023/october/03/the-story"),
            "2023-10-03",
        ),
    ];
    for &(name, head, byline, url, want) in cases {
        let body = format!(
            r#"<article><h1>The Story</h1>{byline}<p>{p}</p><p>{p}</p></article>
            <div class="comments"><span class="date">January 1, 2001</span><p>A comment.</p></div>"#
        );
        let art = extract(page(head, &body).as_bytes(), None, url);
        assert_eq!(art.meta.published.as_deref(), Some(want), "{name}");
    }
}

#[test]
fn publication_date_where_the_page_writes_it_apart_from_the_article() {
    let p = para(1);
    // (failure class, whole page, date): pages where the date is not in the places the
    // cases above use.
    let cases: Vec<(&str, String, &str)> = vec![
        (
            // A theme's layout word on <body> made the whole page read as a sidebar.
            "layout word on the body",
            format!(
                r#"<html><head><title>The Story</title></head><body class="single no-sidebar">
                <h1>The Story</h1><div class="author-details"><span class="published-date">July 3, 2025</span></div>
                <main><p>{p}</p><p>{p}</p></main></body></html>"#
            ),
            "2025-07-03",
        ),
        (
            // A client-rendered page: the date is only in the script's JSON state.
            "date only in a script's JSON state",
            format!(
                r#"<html><head><title>The Story</title></head><body><h1>The Story</h1>
                <main><p>{p}</p><p>{p}</p></main>
                <script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"post":
                {{"title":"The Story","updatedAt":"2025-11-02T10:00:00Z","publishedAt":"2025-10-20T13:08:55-07:00"}}}}}}}}</script>
                </body></html>"#
            ),
            "2025-10-20",
        ),
        (
            // A forum thread: the first post's time is a short line of its own, far
            // from the title and with no date class.
            "forum post time far below the title",
            format!(
                r#"<html><head><title>The Story</title></head><body><h1>The Story</h1>
                {}<div class="post"><p class="author">by <b>ann</b> &raquo; Tue Aug 27, 2019 1:47 am</p>
                <div class="content"><p>{p}</p></div></div></body></html>"#,
                (0..50)
                    .map(|i| format!("<span>tag {i}</span>"))
                    .collect::<String>()
            ),
            "2019-08-27",
        ),
        (
            // A forum post with its author's profile box first: the profile's dates
            // are the member's, not the page's.
            "forum post after a profile box",
            format!(
                r#"<html><head><title>The Story</title></head><body><h1>The Story</h1>
                {}<div class="post"><dl class="postprofile"><dt>ann</dt>
                <dd><strong>Founded:</strong> Dec 11, 2021</dd><dt>Joined</dt><dd>Jan 5, 2020</dd></dl>
                <p class="author">by <b>ann</b> &raquo; Tue Aug 27, 2019 1:47 am</p>
                <div class="content"><p>{p}</p></div></div></body></html>"#,
                (0..50)
                    .map(|i| format!("<span>tag {i}</span>"))
                    .collect::<String>()
            ),
            "2019-08-27",
        ),
        (
            // The date line in an <aside> (furniture by its tag) before the title.
            "date in an aside before the title",
            format!(
                r#"<html><head><title>The Story</title></head><body><article>
                <aside><time datetime="2021-06-06">June 6, 2021</time></aside>
                <h2>The Story</h2><p>{p}</p><p>{p}</p></article></body></html>"#
            ),
            "2021-06-06",
        ),
        (
            // A date line in a "card" box after a one-paragraph standfirst.
            "date in a card box after the standfirst",
            format!(
                r#"<html><head><title>The Story</title></head><body><h1>The Story</h1>
                <p>{p}</p><div class="post-card__meta"><div>By Ann Lee</div><div>February 28, 2026</div></div>
                <main><p>{p}</p><p>{p}</p></main></body></html>"#
            ),
            "2026-02-28",
        ),
    ];
    for (name, html, want) in cases {
        let art = extract(html.as_bytes(), None, None);
        assert_eq!(art.meta.published.as_deref(), Some(want), "{name}");
    }
}

#[test]
fn never_a_date_from_comments_or_teasers() {
    let p = para(1);
    let body = format!(
        r#"<article><h1>The Story</h1><p>{p}</p><p>{p}</p></article>
        <div class="related-posts"><span class="date">March 3, 2020</span></div>
        <div class="comment-list"><time>April 4, 2021</time></div>
        <div class="related-card"><div>May 5, 2022</div></div>"#
    );
    let art = extract(page("", &body).as_bytes(), None, None);
    assert_eq!(art.meta.published, None);
}

#[test]
fn page_types() {
    let long: String = (1..=6).map(|i| format!("<p>{}</p>", para(i))).collect();
    let sales: String = (1..=6)
        .map(|i| {
            format!(
                "<p>Since {i}998 we have served our customers: our trusted experts fix leaks \
                 and pipes at a fair price. Contact us today for a free quote, book a service \
                 call, and we will get started on your home.</p>"
            )
        })
        .collect();
    let cases: Vec<(&str, String, String, Option<&str>, PageType)> = vec![
        (
            "news article",
            r#"<meta property="article:published_time" content="2024-01-02">"#.into(),
            format!("<article><h1>The Story</h1>{long}</article>"),
            Some("https://example.org/news/the-story"),
            PageType::Article,
        ),
        (
            "forum thread",
            r#"<meta name="generator" content="Discourse 3.2">"#.into(),
            "<h1>How do I fix this?</h1><div class=\"post\"><p>It broke.</p></div>".into(),
            Some("https://forum.example.org/t/how-do-i-fix-this/123"),
            PageType::Forum,
        ),
        (
            "product page",
            r#"<script type="application/ld+json">{"@type":"Product","name":"Kettle","offers":{"@type":"Offer","price":"20"}}</script>"#.into(),
            "<h1>Kettle</h1><p>Boils water fast.</p><button>Add to cart</button>".into(),
            Some("https://shop.example.org/products/kettle"),
            PageType::Product,
        ),
        (
            "documentation",
            String::new(),
            format!("<main><h1>Installation</h1>{long}</main>"),
            Some("https://example.org/docs/install"),
            PageType::Documentation,
        ),
        (
            "section front",
            String::new(),
            (1..=8)
                .map(|i| format!("<article><h2><a href=\"/s{i}\">Story {i}</a></h2><p>Teaser {i}.</p></article>"))
                .collect(),
            Some("https://example.org/category/world/"),
            PageType::Listing,
        ),
        (
            // Long text without a date, a byline or a headline-like address.
            "service page",
            r#"<meta property="og:type" content="article">"#.into(),
            format!("<main><h1>Consulting</h1>{long}</main>"),
            Some("https://example.org/services/consulting/"),
            PageType::Other,
        ),
        (
            "home page",
            String::new(),
            format!("<main><h1>Welcome</h1>{long}</main>"),
            Some("https://example.org/en-us/"),
            PageType::Other,
        ),
        (
            // A blog's front shows its latest post's date and author in its metadata.
            "blog front at the site root",
            r#"<meta property="article:published_time" content="2024-01-02"><meta name="author" content="Ann Lee">"#.into(),
            (1..=4)
                .map(|i| format!(r#"<article><h2><a href="/p{i}">Post {i}</a></h2><time datetime="2024-01-0{i}">Jan {i}</time><p>{}</p></article>"#, para(i)))
                .collect(),
            Some("https://blog.example.org/"),
            PageType::Listing,
        ),
        (
            // Documentation sites mark their pages up as articles.
            "documentation host",
            r#"<script type="application/ld+json">{"@type":"Article","headline":"Setup"}</script>"#.into(),
            format!("<main><h1>Setup</h1>{long}</main>"),
            Some("https://docs.example.org/guide/setup"),
            PageType::Documentation,
        ),
        (
            // The same long text under a headline-like address is an article.
            "undated article with a headline slug",
            String::new(),
            format!("<main><h1>The Story</h1>{long}</main>"),
            Some("https://example.org/how-the-council-chose-the-plan"),
            PageType::Article,
        ),
        (
            // A firm's offer, marked up only as a dated WebPage (as SEO plugins mark
            // every page) and unsigned: not an article.
            "service page under a services address",
            r#"<script type="application/ld+json">{"@type":"WebPage","datePublished":"2024-01-02"}</script>"#.into(),
            format!("<main><h1>Data Analytics Consulting</h1>{long}</main>"),
            Some("https://example.org/services/data-analytics-consulting/"),
            PageType::Other,
        ),
        (
            "service schema",
            r#"<script type="application/ld+json">[{"@type":"WebPage","datePublished":"2024-01-02"},{"@type":"Service","name":"Audits"}]</script>"#.into(),
            format!("<main><h1>Security audits for growing teams</h1>{long}</main>"),
            Some("https://example.org/security-audits-for-growing-teams/"),
            PageType::Other,
        ),
        (
            "product group schema",
            r#"<script type="application/ld+json">{"@type":"ProductGroup","name":"Kettle","hasVariant":[]}</script>"#.into(),
            "<h1>Kettle</h1><p>Boils water fast.</p><button>Add to cart</button>".into(),
            Some("https://shop.example.org/kettle-steel-1l"),
            PageType::Product,
        ),
        (
            "product group in open graph",
            r#"<meta property="og:type" content="product:group">"#.into(),
            (1..=8)
                .map(|i| format!("<div><a href=\"/k{i}\">Kettle {i}</a><span>$2{i}</span></div>"))
                .collect(),
            Some("https://shop.example.org/kettles"),
            PageType::Listing,
        ),
        (
            // An archive address is a listing's, but not under a dated headline.
            "dated post under an archive address",
            r#"<meta property="article:published_time" content="2025-12-14">"#.into(),
            format!("<main><h1>Advent of Code, week two</h1>{long}</main>"),
            Some("https://blog.example.org/archive/2025/12/advent-of-code-week-two.html"),
            PageType::Article,
        ),
        (
            // "/page/" is a listing's only as pagination ("/page/2/").
            "article under a page address",
            String::new(),
            format!("<main><h1>How to make a good game</h1>{long}</main>"),
            Some("https://example.org/page/how-to-make-a-good-game"),
            PageType::Article,
        ),
        (
            // Its text (a buying guide above the grid) reads like a service page's.
            "shop category with a grid of product cards",
            String::new(),
            format!(
                "<main><h1>Desk lamps</h1>{long}{}</main>",
                (1..=12)
                    .map(|i| format!("<div class=\"product-card\"><a href=\"/l{i}\">Lamp {i}</a></div>"))
                    .collect::<String>()
            ),
            Some("https://shop.example.org/lighting/desk-lamps"),
            PageType::Listing,
        ),
        (
            // No product address or schema: the cart button says what the page is.
            "product page with a cart button",
            String::new(),
            format!("<main><h1>Roomba J7</h1>{long}<button>Add to cart</button></main>"),
            Some("https://shop.example.org/en_US/roomba-j7/J755020.html"),
            PageType::Product,
        ),
        (
            "docs folder of a page marked up as an article",
            r#"<script type="application/ld+json">{"@type":"Article","headline":"Setup"}</script>"#.into(),
            format!("<main><h1>Setup</h1>{long}</main>"),
            Some("https://ai.example.dev/gemma/docs/setup"),
            PageType::Documentation,
        ),
        (
            // A shop's blog post: the cart button is the shop's, the address a post's.
            "post in a shop's blogs folder",
            String::new(),
            format!(
                "<main><h1>Plants for low light</h1><p>{}</p><p>{}</p></main><button>Add to cart</button>",
                para(1),
                para(2)
            ),
            Some("https://shop.example.org/blogs/plant-advice/low-light"),
            PageType::Article,
        ),
        (
            "thread in a travel-forum folder",
            String::new(),
            format!("<main><h1>First trip to Japan</h1>{long}</main>"),
            Some("https://travel.example.org/travel-forum/asia/first-trip-to-japan"),
            PageType::Forum,
        ),
        (
            "category grid under a products address",
            String::new(),
            format!(
                "<main><h1>Air purifiers</h1>{}</main>",
                (1..=12)
                    .map(|i| format!("<div class=\"product-tile\"><a href=\"/p{i}\">Purifier {i}</a><button>Add to cart</button></div>"))
                    .collect::<String>()
            ),
            Some("https://shop.example.org/products/air-purifiers/"),
            PageType::Listing,
        ),
        (
            "a wiki's list page",
            r#"<script type="application/ld+json">{"@type":"Article","name":"List of rivers"}</script>"#.into(),
            format!("<main><h1>List of rivers</h1>{long}</main>"),
            Some("https://en.example.org/wiki/List_of_rivers"),
            PageType::Listing,
        ),
        (
            // Marked up by an SEO plugin as a dated article page, but its text sells:
            // "we", "our", "contact", "free quote".
            "firm's offer in a selling voice",
            r#"<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"WebPage","datePublished":"2024-01-02"}</script>"#.into(),
            format!("<main><h1>Emergency plumbing in Springfield</h1>{sales}</main>"),
            Some("https://example.org/emergency-plumbing-in-springfield/"),
            PageType::Other,
        ),
        (
            // Dated and signed by its SEO plugin, but still selling.
            "signed firm's offer in a selling voice",
            r#"<meta property="article:published_time" content="2024-01-02"><meta name="author" content="Ann Lee">"#.into(),
            format!("<main><h1>Emergency plumbing in Springfield</h1>{sales}</main>"),
            Some("https://example.org/emergency-plumbing-in-springfield/"),
            PageType::Other,
        ),
        (
            // Undated, unsigned, under a one-word address: an institution's page of
            // information reads as an article when its text tells rather than sells.
            "undated information page",
            String::new(),
            format!("<main><h1>Tutoring</h1>{long}</main>"),
            Some("https://example.edu/tutoring"),
            PageType::Article,
        ),
        (
            // "/topics/" is a site's section of reports, not a forum's.
            "report under a topics address",
            r#"<meta property="article:published_time" content="2024-01-02">"#.into(),
            format!("<main><h1>Climate change</h1>{long}</main>"),
            Some("https://example.gov/topics/climate-change"),
            PageType::Article,
        ),
        (
            // A `Product` schema with stars and no offer is a rating badge for search
            // results, not a thing for sale.
            "service page with a rating badge",
            r#"<script type="application/ld+json">{"@type":"Product","name":"Plumbing","aggregateRating":{"@type":"AggregateRating","ratingValue":"4.9"}}</script>"#.into(),
            format!("<main><h1>Emergency plumbing</h1>{sales}</main>"),
            Some("https://example.org/emergency-plumbing"),
            PageType::Other,
        ),
        (
            // A shop's front: no product grid in its markup, but it invites to browse.
            "shop front at the site root",
            String::new(),
            format!("<main><h1>Handmade mats</h1>{long}<a href=\"/collections/all\">Shop now</a></main>"),
            Some("https://mats.example.com/"),
            PageType::Listing,
        ),
        (
            "blog front without teaser markup",
            String::new(),
            format!("<main><h1>The Engineering Blog</h1>{long}</main>"),
            Some("https://engineering.example.com/"),
            PageType::Listing,
        ),
        (
            "contact page",
            String::new(),
            "<h1>Contact</h1><p>Call us on weekdays.</p><form><input name=q></form>".into(),
            Some("https://example.org/contact"),
            PageType::Listing,
        ),
        (
            // A `/topic/` folder without a thread's number is a site's topic page.
            "topic page without a thread number",
            String::new(),
            (1..=8)
                .map(|i| format!("<div><h2><a href=\"/s{i}\">Story {i}</a></h2><p>Teaser {i}.</p></div>"))
                .collect(),
            Some("https://news.example.org/topic/cloud/"),
            PageType::Listing,
        ),
        (
            "forum thread with its number under a topic folder",
            String::new(),
            format!("<main><h1>My first build</h1>{long}</main>"),
            Some("https://example.org/topic/12345-my-first-build/"),
            PageType::Forum,
        ),
        (
            // Code samples throughout an undated page: a guide, not a story.
            "undated page of code samples",
            String::new(),
            format!(
                "<main><h1>Thinking in widgets</h1>{long}{}</main>",
                (1..=10)
                    .map(|i| format!("<pre><code>let w{i} = widget();</code></pre>"))
                    .collect::<String>()
            ),
            Some("https://widgets.example.dev/learn/thinking-in-widgets"),
            PageType::Documentation,
        ),
        (
            "dated post with code samples",
            r#"<meta property="article:published_time" content="2024-01-02">"#.into(),
            format!(
                "<main><h1>Thinking in widgets</h1>{long}{}</main>",
                (1..=10)
                    .map(|i| format!("<pre><code>let w{i} = widget();</code></pre>"))
                    .collect::<String>()
            ),
            Some("https://blog.example.dev/thinking-in-widgets"),
            PageType::Article,
        ),
        (
            // A section's name as the address, dated by its latest story.
            "news section front",
            r#"<meta property="article:published_time" content="2024-01-02">"#.into(),
            format!("<main><h1>News</h1>{long}</main>"),
            Some("https://example.edu/news"),
            PageType::Listing,
        ),
        (
            "short section name under a hub folder",
            String::new(),
            format!("<main><h1>Science</h1>{long}</main>"),
            Some("https://news.example.org/hub/science"),
            PageType::Listing,
        ),
        (
            "a blog's category archive marked up as an article",
            r#"<meta property="og:title" content="Zero Waste Archives"><script type="application/ld+json">{"@type":"Article","headline":"Zero Waste Archives"}</script>"#.into(),
            format!("<main><h1>Zero Waste Archives</h1>{long}</main>"),
            Some("https://example.com/zero-waste-for-beginners/"),
            PageType::Listing,
        ),
        (
            // A blog's front marked up as its latest post.
            "blog front with an article schema",
            r#"<script type="application/ld+json">{"@type":"BlogPosting","headline":"Latest"}</script>"#.into(),
            (1..=4)
                .map(|i| format!(r#"<article><h2><a href="/p{i}">Post {i}</a></h2><time datetime="2024-01-0{i}">Jan {i}</time><time>1 min</time><p>{}</p></article>"#, para(i)))
                .collect(),
            Some("https://example.blog/"),
            PageType::Listing,
        ),
        (
            // A buying guide around a shop's grid reads as running text.
            "shop category with running text around priced entries",
            r#"<meta property="og:type" content="article">"#.into(),
            format!(
                "<main><h1>Chess sets</h1>{long}{}</main>",
                (1..=20)
                    .map(|i| format!("<div class=\"tile\"><a href=\"/c{i}\">Set {i}</a><span class=\"tile__price\">${i}9</span></div>"))
                    .collect::<String>()
            ),
            Some("https://chess.example.com/chess-sets-for-clubs"),
            PageType::Listing,
        ),
        (
            // A section front shows its latest story's date and author.
            "news section front dated and signed",
            r#"<meta property="article:published_time" content="2024-01-02"><meta name="author" content="Ann Lee">"#.into(),
            format!("<main><h1>Streaming news</h1>{long}</main>"),
            Some("https://example.com/news"),
            PageType::Listing,
        ),
        (
            "thread on a discuss host",
            String::new(),
            format!("<main><h1>Types of threads</h1>{long}</main>"),
            Some("https://discuss.example.org/d/2068-types-of-threads"),
            PageType::Forum,
        ),
        (
            // A shop's category under a shop address with a cart, marked up as a
            // collection.
            "shop category with a collection schema",
            r#"<script type="application/ld+json">{"@type":"CollectionPage","name":"Shop"}</script>"#.into(),
            "<h1>Shop</h1><p>Cups for every trip.</p><button>Add to cart</button>".into(),
            Some("https://cups.example.com/shop/"),
            PageType::Listing,
        ),
        (
            "many products in the schema",
            format!(
                r#"<script type="application/ld+json">[{}]</script>"#,
                (1..=4)
                    .map(|i| format!(r#"{{"@type":"Product","name":"Sneaker {i}","offers":{{"@type":"Offer","price":"5{i}"}}}}"#))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            "<h1>Sneakers</h1><p>Shoes for running.</p>".into(),
            Some("https://shoes.example.com/women-sneakers"),
            PageType::Listing,
        ),
        (
            "category address with only og:type product",
            r#"<meta property="og:type" content="product">"#.into(),
            "<h1>Casual dresses</h1><p>Dresses for every day.</p>".into(),
            Some("https://dresses.example.com/categories/12_34/casual-dresses.html"),
            PageType::Listing,
        ),
        (
            "section front titled as news",
            String::new(),
            format!("<main><h1>Gaming News</h1>{long}</main>"),
            Some("https://games.example.com/gaming/"),
            PageType::Listing,
        ),
        (
            "a shop's product category address",
            String::new(),
            format!("<main><h1>Gadgets</h1>{long}</main>"),
            Some("https://shop.example.com/product-category/gadgets/"),
            PageType::Listing,
        ),
        (
            // A firm's window at its root: cards of its offers in a selling voice.
            "home page of a firm in a selling voice",
            String::new(),
            format!(
                "<main><h1>Plumbing you can trust</h1>{sales}{}</main>",
                (1..=4)
                    .map(|i| format!("<article><h3>Offer {i}</h3><p>Our experts fix it today.</p></article>"))
                    .collect::<String>()
            ),
            Some("https://plumbing.example.com/"),
            PageType::Other,
        ),
        (
            // No cart, no schema: a maker's page about one product, telling rather
            // than selling, under its products address.
            "undated product page under a products address",
            String::new(),
            format!("<main><h1>Handheld console</h1>{long}</main>"),
            Some("https://games.example.com/store/products/console-oled/"),
            PageType::Product,
        ),
        (
            "city department's page",
            String::new(),
            format!("<main><h1>Home repair grants</h1>{long}</main>"),
            Some("https://example.gov/department/home-repair-grant"),
            PageType::Other,
        ),
    ];
    for (name, head, body, url, want) in cases {
        let art = extract(page(&head, &body).as_bytes(), None, url);
        assert_eq!(art.page_type, want, "{name}");
    }
}

/// A page of one kind: (case, body, address, page type, text that must be kept, text
/// that must not).
type ContentCase = (
    &'static str,
    String,
    &'static str,
    PageType,
    Vec<String>,
    Vec<&'static str>,
);

#[test]
fn content_area_by_page_type() {
    let teasers: String = (1..=8)
        .map(|i| {
            format!(
                r#"<article class="card"><h3><a href="/s{i}">Council votes on the plan number {i}</a></h3>
                <p>{}</p><a href="/s{i}">Read more</a></article>"#,
                para(i)
            )
        })
        .collect();
    let menu = r#"<div class="top"><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></div>"#;
    let cases: Vec<ContentCase> = vec![
        (
            // A section front read as one article kept the teasers' text but not the
            // linked titles of its entries.
            "section front with linked entry titles",
            format!(r#"{menu}<main><h1>World</h1><div class="grid">{teasers}</div></main>"#),
            "https://example.org/category/world/",
            PageType::Listing,
            vec![
                "Council votes on the plan number 1".into(),
                "Council votes on the plan number 8".into(),
                para(5),
            ],
            vec!["Read more", "Home"],
        ),
        (
            // A shop's category: short linked product names with a price each.
            "shop category with short product names",
            format!(
                r#"{menu}<main><h1>Shelves</h1><p>{}</p><ul class="products">{}</ul></main>"#,
                para(1),
                [
                    "Oak Shelf",
                    "Birch Bookcase",
                    "Pine Ladder",
                    "Walnut Cube",
                    "Ash Rack",
                    "Elm Unit"
                ]
                .iter()
                .map(|n| format!(r#"<li><a href="/p/{n}">{n}</a><span>$49</span></li>"#))
                .collect::<String>()
            ),
            "https://shop.example.org/collections/shelves",
            PageType::Listing,
            vec!["Oak Shelf".into(), "Elm Unit".into(), para(1)],
            vec!["Home", "World"],
        ),
        (
            // A service page (no article, no listing) is mostly its offers' linked
            // titles with a line each: read like a listing, not as one article.
            "service page with linked offers",
            format!(
                r#"{menu}<main><h1>Our services</h1><p>{}</p><div class="offers">{}</div></main>"#,
                para(1),
                ["Tax returns", "Payroll for small firms", "Audits and reviews", "Bookkeeping every month"]
                    .iter()
                    .zip(2..)
                    .map(|(n, i)| format!(
                        r#"<div class="offer"><h3><a href="/services/{n}">{n}</a></h3><p>{}</p></div>"#,
                        para(i)
                    ))
                    .collect::<String>()
            ),
            "https://example.org/services/",
            PageType::Other,
            vec!["Tax returns".into(), "Bookkeeping every month".into(), para(1)],
            vec!["Home", "World"],
        ),
        (
            // A guide's page that is mostly links to its chapters, a linked title each.
            "documentation with linked chapter titles",
            format!(
                r#"{menu}<main><h1>Performance</h1><p>{}</p><h2>Chapters</h2><ul>{}</ul></main>"#,
                para(1),
                [
                    "Tuning the write-ahead log",
                    "Choosing the right indexes",
                    "Reading a query plan",
                    "Vacuum and table bloat"
                ]
                .iter()
                .map(|n| format!(r#"<li><a href="/docs/{n}">{n}</a></li>"#))
                .collect::<String>()
            ),
            "https://example.org/docs/performance",
            PageType::Documentation,
            vec![
                "Tuning the write-ahead log".into(),
                "Vacuum and table bloat".into(),
                para(1),
            ],
            vec!["Home", "World"],
        ),
        (
            // Other pages' stories under a "Related articles" heading inside the
            // article's own box, written as running text like the article's.
            "related stories after the article in its box",
            format!(
                r#"{menu}<article><h1>The Story</h1><div class="entry">{}
                <h2>A closer look</h2><p>{}</p><h2>Related articles</h2>
                <p>Elsewhere, a different story about the harbour is told at length, with commas, clauses and enough words.</p>
                <p>Another story about the bridge repairs is told at length too, with commas, clauses and words.</p>
                </div></article>"#,
                (1..=5)
                    .map(|i| format!("<p>{}</p>", para(i)))
                    .collect::<String>(),
                para(6)
            ),
            "https://example.org/2024/01/02/the-story",
            PageType::Article,
            vec![para(1), para(6), "A closer look".into()],
            vec!["Related articles", "harbour", "bridge repairs"],
        ),
        (
            // A review labels the parts of each product's entry with the same headings.
            "repeated part headings of a review",
            format!(
                r#"{menu}<article><h1>The Story</h1><div class="entry">{}</div></article>"#,
                (1..=4)
                    .map(|i| format!(
                        "<h2>Kettle model {i}</h2><p>{}</p><h4>Pros</h4><ul><li>Boils fast</li></ul><h4>Cons</h4><ul><li>Loud lid</li></ul>",
                        para(i)
                    ))
                    .collect::<String>()
            ),
            "https://example.org/2024/01/02/best-kettles",
            PageType::Article,
            vec![para(1), "Pros".into(), "Cons".into(), "Kettle model 4".into()],
            vec!["Home"],
        ),
        (
            // Short lines set in bold head the parts of an article written without
            // heading markup.
            "bold lines as headings",
            format!(
                r#"{menu}<article><h1>The Story</h1><p>{}</p><p><strong>Overview</strong></p>{}
                <p><b>Final thoughts</b></p><p>{}</p><p>Share</p></article>"#,
                para(1),
                (2..=4).map(|i| format!("<p>{}</p>", para(i))).collect::<String>(),
                para(5)
            ),
            "https://example.org/2024/01/02/the-story",
            PageType::Article,
            vec!["Overview".into(), "Final thoughts".into(), para(5)],
            vec!["Home", "Share"],
        ),
        (
            // A guide's steps for each language sit in tab panels, all but the
            // first hidden until their tab is chosen: each is the guide's text.
            "documentation steps in hidden tab panels",
            format!(
                r#"{menu}<main><h1>Quickstart</h1><p>{}</p><div role="tablist"><button>Python</button><button>Ruby</button></div>
                <div role="tabpanel"><p>Install Python and the client library, then run the sample script from your shell.</p></div>
                <div role="tabpanel" hidden style="display:none"><p>Install Ruby and the client gem, then run the sample script from your shell.</p></div>
                <p>{}</p></main>"#,
                para(1),
                para(2)
            ),
            "https://example.org/docs/quickstart",
            PageType::Documentation,
            vec![
                "Install Python and the client library".into(),
                "Install Ruby and the client gem".into(),
                para(2),
            ],
            vec!["Home"],
        ),
        (
            // Other products in a carousel above the product and in a grid below it.
            "product page between carousels of other products",
            format!(
                r#"{menu}<main><h2>People who viewed this item also viewed</h2>{}
                <div class="item"><h1>Steel Kettle</h1><p>{}</p><p>{}</p><ul><li>Capacity: 1.7 litres</li></ul><button>Add to cart</button></div>
                <h2>Similar items</h2>{}</main>"#,
                (1..=3)
                    .map(|i| format!("<h3>Copper kettle {i}</h3><ul><li>$3{i}.00</li></ul>"))
                    .collect::<String>(),
                para(1),
                para(2),
                (1..=3)
                    .map(|i| format!("<h3>Glass kettle {i}</h3><ul><li>$4{i}.00</li></ul>"))
                    .collect::<String>()
            ),
            "https://shop.example.com/products/steel-kettle",
            PageType::Product,
            vec![para(1), para(2), "Capacity: 1.7 litres".into()],
            vec!["Copper kettle", "Glass kettle", "Similar items"],
        ),
    ];
    for (name, body, url, want_type, keep, drop) in cases {
        let art = extract(page("", &body).as_bytes(), None, Some(url));
        assert_eq!(art.page_type, want_type, "{name}");
        for k in &keep {
            assert!(
                art.text.contains(k.as_str()),
                "{name}: lost {k:?} in {:?}",
                art.text
            );
        }
        for d in drop {
            assert!(
                !art.text.contains(d),
                "{name}: kept {d:?} in {:?}",
                art.text
            );
        }
    }
}
