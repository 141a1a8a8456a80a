//! The main text of a parsed page, as kinded blocks (paragraphs, headings, captions,
//! list items, quotes, table rows), with page furniture left out.
//!
//! [`super::segment`] cuts the page into text blocks and notes, for each, its owning
//! element, link share and whether it sits in furniture (skipped tags, `nav`, `aside`,
//! `footer`, ARIA landmarks, hidden elements, furniture class/id words). Here, in the
//! manner of Readability, paragraph-like blocks vote for their ancestors
//! (more for long, comma-rich text, less for linked text and furniture classes); the
//! best-scoring element is the article body, widened to sibling containers that score
//! well and to captions of the surrounding article. Last, short boilerplate lines
//! (labels, font-size widgets, lines repeated across the page) are dropped. The
//! headline is not produced here: `article` puts the metadata title first.
//!
//! A page is cut once ([`Page`]) and read in a [`Scope`]: as one article, or, for a
//! page the caller has found to be a listing, with its entries' linked titles kept.
//! A page that gives little text but holds large `<noscript>` markup is read from that.

use super::hints::PageHints;
use super::segment::{normalize, segment, Elem, Raw, Segments, NONE};
use super::BlockKind;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use scraper::Html;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// Extracts the main-text blocks of `doc`, whose element hints are `page`, as one
/// article. A block equal to `title` (the headline the caller puts first) is left out.
#[cfg(test)]
fn extract(doc: &Html, page: &PageHints, title: Option<&str>) -> Vec<(BlockKind, String)> {
    Page::new(doc, page).blocks(title, Scope::Article)
}

/// A page cut into blocks once, from which the main text is taken in either [`Scope`].
///
/// What does not depend on the scope (the sums of text per element, the repeated lines,
/// the exclusions and votes with each set of furniture words) is worked out once, for
/// both readings of a listing and the retries of each.
pub struct Page<'a> {
    doc: &'a Html,
    seg: Segments<'a>,
    sums: Sums,
    /// Per block: whether it is a short line that the page repeats ([`repeated_lines`]).
    repeated: Vec<bool>,
    /// The exclusions and votes with each [`Furniture`], worked out when first asked.
    votes: [OnceCell<Votes>; 3],
}

/// Which elements are left out ([`exclusions`]) and the votes of the blocks outside
/// them ([`vote`]).
struct Votes {
    excl: Vec<bool>,
    score: FxHashMap<usize, f32>,
}

impl<'a> Page<'a> {
    /// Cuts `doc`, whose element hints are `page`, into blocks.
    pub fn new(doc: &'a Html, page: &PageHints) -> Page<'a> {
        let seg = segment(doc, page);
        Page {
            doc,
            sums: Sums::new(&seg.elems, &seg.raws),
            repeated: repeated_lines(&seg.raws),
            seg,
            votes: Default::default(),
        }
    }

    /// The main-text blocks in `scope`. A block equal to `title` (the headline the
    /// caller puts first) is left out.
    pub fn blocks(&self, title: Option<&str>, scope: Scope) -> Vec<(BlockKind, String)> {
        let body = self.choose(title, scope);
        // A page built by script (a forum thread) shows almost nothing to a reader
        // without scripts except what its `<noscript>` holds: read that markup as a
        // page of its own when it is large and the page gave little.
        let chars = text_len(&body);
        if chars < NOSCRIPT_BELOW && self.seg.noscript.len() >= NOSCRIPT_MIN {
            let inner = Html::parse_document(self.seg.noscript);
            let inner_page = PageHints::of(&inner);
            let alt = Page::new(&inner, &inner_page).choose(title, scope);
            if text_len(&alt) > chars * 2 {
                return alt;
            }
        }
        body
    }
}

/// Below this many bytes of main text, a page's `<noscript>` markup is read.
const NOSCRIPT_BELOW: usize = 500;
/// ... when it holds at least this many bytes.
const NOSCRIPT_MIN: usize = 400;

/// Headings that introduce other pages' stories or readers' comments after an article
/// ("Related articles", "You may also like", "Read this next", "Leave a comment").
static RELATED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(you (might|may) also (like|enjoy)|related (articles|posts|stories|content|reading|news)|read (this )?next|recommended( for you| reading| articles| posts| stories)?|more (stories|articles|posts|news)( from .+)?|more from .+|popular (posts|articles|stories)|latest (posts|articles|news|stories)|also read|trending( now)?|more like this|similar (posts|articles)|(leave a|post a) (comment|reply)|\d* ?comments?|about the author)\W*$",
    )
    .expect("a valid pattern")
});

/// Headings and short lines that introduce page furniture set after an article: other
/// pages' stories and topics, a newsletter sign-up, a contact box, the list of sources,
/// tags, the author's box ("Recent posts", "Sign up for our newsletter", "Get in touch",
/// "Article sources:", "Written by Ann Lee").
static TAIL_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(you (might|may) (also )?(like|enjoy|be interested in).*|related( \w+)? (articles|posts|stories|content|reading|news|links|topics|resources|guides|blogs).*|read (this )?next|recommended( for you| reading| articles| posts| stories)?|more (stories|articles|posts|news|guides)( from .+)?|more from .+|popular( (posts|articles|stories))?|(latest|recent) (posts|articles|news|stories|blogs?)|also read|trending( now)?|more like this|similar (posts|articles)|(leave a|post a|add a) (comment|reply)|\d* ?comments?|about the (author|writer)s?|what to read next.*|further reading|up next|keep reading|explore more.*|(article )?(references|sources|citations)|(sign up|subscribe)( (to|for) .*)?|(join|subscribe to|sign up for|get) .*\b(newsletters?|mailing list|community)\b.*|(our |the )?newsletters?( sign ?up)?|(get|stay) in touch( with us)?|contact us|share (this|it)( (post|article|story|page))?|tags?|tagged|categor(y|ies|ized)|meet (the|your) (author|guide|expert)s?|written by.*)\W*$",
    )
    .expect("a valid pattern")
});

/// A [`TAIL_MARKER`] line cuts the article only when what follows it holds less than
/// this share of the text: the same words may head a box inside the article ("Related:"
/// above a link in the middle of the story).
const TAIL_SHARE: f32 = 0.4;

/// Cuts an article's blocks at a heading that introduces other pages' stories or
/// readers' comments: what follows such a heading inside the article's box is not the
/// article. Likewise at a heading or short line that introduces other furniture
/// ([`TAIL_MARKER`]) near the end. The first blocks are never cut (a page that is itself
/// about comments).
pub fn cut_related_tail(blocks: &mut Vec<(BlockKind, String)>) {
    let total = text_len(blocks);
    // The bytes of text from block `i` on.
    let mut after = total;
    let mut cut = None;
    for (i, (kind, text)) in blocks.iter().enumerate() {
        if i >= 3 {
            let heading = *kind == BlockKind::Heading && text.len() < 60;
            if heading && RELATED_HEADING.is_match(text) {
                cut = Some(i);
                break;
            }
            let short_line = matches!(
                kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Caption
            ) && text.chars().nth(40).is_none();
            if (heading || short_line)
                && (after as f32) < TAIL_SHARE * total as f32
                && TAIL_MARKER.is_match(text)
            {
                cut = Some(i);
                break;
            }
        }
        after -= text.len();
    }
    if let Some(i) = cut {
        blocks.truncate(i);
    }
}

/// Headings on a product page that introduce other products or invite reviews
/// rather than describe the product ("Customers also viewed", "Similar items",
/// "Write a review"). Readers' reviews themselves are part of a product's page.
static PRODUCT_EXTRAS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(write a review|be the first to review.*|(customers?|people) (who|also) (viewed|bought).*|similar (items|products)|you (may|might) also like|related (products|items)|recently viewed.*|complete the look|explore (related|similar) .*|more (expert )?advice|sponsored .*)\W*$",
    )
    .expect("a valid pattern")
});

/// Leaves out of a product page's blocks the sections of other products: from such a
/// heading to the end once most of the product has been described (two fifths of the
/// text), or, for a carousel above the product, up to its first sentence.
pub fn cut_product_extras(blocks: &mut Vec<(BlockKind, String)>) {
    let total = text_len(blocks);
    let mut out: Vec<(BlockKind, String)> = Vec::with_capacity(blocks.len());
    let mut skipping = false;
    for (kind, text) in blocks.drain(..) {
        if kind == BlockKind::Heading && text.len() < 60 && PRODUCT_EXTRAS_HEADING.is_match(&text) {
            if text_len(&out) * 5 >= total * 2 {
                break;
            }
            skipping = out.is_empty();
            continue;
        }
        if skipping {
            if kind != BlockKind::Paragraph || text.split(' ').nth(4).is_none() {
                continue;
            }
            skipping = false;
        }
        out.push((kind, text));
    }
    *blocks = out;
}

/// The bytes of text in `blocks`.
fn text_len(blocks: &[(BlockKind, String)]) -> usize {
    blocks.iter().map(|(_, t)| t.len()).sum()
}

impl Page<'_> {
    /// The main-text blocks: the strict selection, or a retry with fewer furniture
    /// words where the strict one looks wrong.
    fn choose(&self, title: Option<&str>, scope: Scope) -> Vec<(BlockKind, String)> {
        let strict = self.select(title, Furniture::All, scope);
        let chars: usize = strict.iter().map(|(_, t)| t.len()).sum();
        // A furniture word on a page-wide wrapper (`<div class="with-sidebar">`) would
        // hide the whole article; retry without class hints when almost nothing is left.
        if chars < 140 {
            let lenient = self.select(title, Furniture::Off, scope);
            let lchars: usize = lenient.iter().map(|(_, t)| t.len()).sum();
            if lchars > chars {
                return lenient;
            }
        }
        // So would a furniture word on each of the boxes an article is cut into
        // (`<div class="ck-widget">` per section): when the result holds a small share
        // of the page's running text, retry with only the words of comments and related
        // stories, and trust the retry when it holds much more.
        if chars * 4 < self.sums.total_good {
            let retry = self.select(title, Furniture::Away, scope);
            let rchars: usize = retry.iter().map(|(_, t)| t.len()).sum();
            if rchars > chars * 2 {
                return retry;
            }
        }
        if strict.is_empty() {
            // A page too small to score (`<p>Rome</p>`) still has text: nothing is lost.
            let text = visible_text(self.doc);
            if !text.is_empty() && title != Some(text.as_str()) {
                return vec![(BlockKind::Paragraph, text)];
            }
        }
        strict
    }

    fn select(
        &self,
        title: Option<&str>,
        words: Furniture,
        scope: Scope,
    ) -> Vec<(BlockKind, String)> {
        let (elems, raws, sums) = (&self.seg.elems, &self.seg.raws, &self.sums);
        let votes = self.votes[words as usize].get_or_init(|| {
            let excl = exclusions(elems, &sums.good, sums.total_good, words);
            let score = vote(elems, raws, &excl);
            Votes { excl, score }
        });
        let region = Region::new(elems, raws, &votes.excl, &votes.score, sums, scope);
        keep_blocks(
            elems,
            raws,
            &votes.excl,
            &self.repeated,
            &region,
            title,
            scope,
        )
    }
}

/// Per block, whether it is a short line (at most 8 words) that the page repeats: a
/// label or a button ("Share", "Print").
fn repeated_lines(raws: &[Raw]) -> Vec<bool> {
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for r in raws {
        // At most 8 words (no ninth).
        if r.text.split(' ').nth(8).is_none() {
            *counts.entry(r.text.as_str()).or_default() += 1;
        }
    }
    raws.iter()
        .map(|r| counts.get(r.text.as_str()).is_some_and(|&n| n >= 2))
        .collect()
}

/// All text of the page outside scripts, styles and templates, white space folded.
fn visible_text(doc: &Html) -> String {
    let mut parts = String::new();
    for node in doc.root_element().descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let hidden = node.ancestors().any(|a| {
            a.value().as_element().is_some_and(|e| {
                matches!(
                    e.name(),
                    "script" | "style" | "noscript" | "template" | "head"
                )
            })
        });
        if !hidden {
            parts.push_str(t);
            parts.push(' ');
        }
    }
    normalize(&parts)
}

fn is_desc(elems: &[Elem], node: usize, anc: usize) -> bool {
    node != NONE && anc != NONE && anc <= node && node <= elems[anc].end
}

fn tag_weight(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Whether an element holds text directly as a container (so a block owned by it
/// votes for it, not its parent).
fn is_container(tag: &str) -> bool {
    matches!(
        tag,
        "div" | "section" | "article" | "main" | "body" | "td" | "blockquote"
    )
}

/// Text and link characters per element subtree (for container link density) and the
/// characters of its paragraph-like blocks, with the page's total of those.
struct Sums {
    chars: Vec<usize>,
    links: Vec<usize>,
    good: Vec<usize>,
    total_good: usize,
}

impl Sums {
    fn new(elems: &[Elem], raws: &[Raw]) -> Sums {
        let n = elems.len();
        let mut sums = Sums {
            chars: vec![0; n],
            links: vec![0; n],
            good: vec![0; n],
            total_good: 0,
        };
        for r in raws {
            let g = if is_good(r) { r.chars } else { 0 };
            sums.total_good += g;
            let mut e = r.owner;
            while e != NONE {
                sums.chars[e] += r.chars;
                sums.links[e] += r.link_chars;
                sums.good[e] += g;
                e = elems[e].parent;
            }
        }
        sums
    }

    /// An element's vote total `s` discounted by its subtree's link density.
    fn final_score(&self, e: usize, s: f32) -> f32 {
        let ld = if self.chars[e] == 0 {
            0.0
        } else {
            self.links[e] as f32 / self.chars[e] as f32
        };
        s * (1.0 - ld)
    }
}

/// How much of a page its main text takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One article: running text, without the links and labels around it.
    Article,
    /// A listing (section front, search results, shop category): the entries' linked
    /// titles and teasers are the content.
    Listing,
}

/// Which class words leave an element out of the article.
#[derive(Clone, Copy)]
enum Furniture {
    /// Every furniture word (`nav`, `widget`, `comments` ...).
    All,
    /// Only the words of boxes holding other pages' or readers' text.
    Away,
    /// None.
    Off,
}

/// Whether element `e` (maybe [`NONE`]) is left out by `excl`.
fn is_excluded(excl: &[bool], e: usize) -> bool {
    e != NONE && excl[e]
}

/// Readability's votes: each paragraph-like block outside the exclusions gives its
/// owning container and up to four ancestors a share of its score (more for long,
/// comma-rich text), each element starting from its tag and class weights.
fn vote(elems: &[Elem], raws: &[Raw], excl: &[bool]) -> FxHashMap<usize, f32> {
    // Iteration order does not matter: the top score is chosen with a tie-break on
    // the element index, and the roots are a set.
    let mut score: FxHashMap<usize, f32> = FxHashMap::default();
    for r in raws {
        if r.chars < 25
            || r.link_density() >= 0.5
            || is_excluded(excl, r.owner)
            || !matches!(
                r.kind,
                BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem
            )
        {
            continue;
        }
        // One search per comma (each a memchr), not one test per character.
        let commas = [',', '\u{3001}', '\u{ff0c}']
            .iter()
            .map(|&c| r.text.matches(c).count())
            .sum::<usize>() as f32;
        let s = 1.0 + commas + (r.chars as f32 / 100.0).min(3.0);
        let mut e = if is_container(elems[r.owner].tag) {
            r.owner
        } else {
            elems[r.owner].parent
        };
        for level in 0..5 {
            if e == NONE {
                break;
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            let entry = score
                .entry(e)
                .or_insert_with(|| tag_weight(elems[e].tag) + elems[e].hint.weight());
            *entry += s / div;
            e = elems[e].parent;
        }
    }
    score
}

/// The article's region: the top element, sibling containers that score well, and
/// substantial paragraphs just before it (a lead set apart from the body); captions
/// anywhere in the surrounding article.
struct Region {
    roots: Vec<usize>,
    caption_scope: usize,
    lead_parent: usize,
    top_idx: usize,
}

impl Region {
    fn new(
        elems: &[Elem],
        raws: &[Raw],
        excl: &[bool],
        score: &FxHashMap<usize, f32>,
        sums: &Sums,
        scope: Scope,
    ) -> Region {
        let top = score
            .iter()
            .filter(|(&e, _)| !is_excluded(excl, e))
            .map(|(&e, &s)| (e, sums.final_score(e, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(t, ts)| (widen(elems, raws, excl, t, scope), ts));
        let mut roots: Vec<usize> = Vec::new();
        let mut caption_scope = 0;
        match top {
            Some((t, ts)) => {
                roots.push(t);
                let parent = elems[t].parent;
                let threshold = (ts * 0.2).max(10.0);
                for (&e, &s) in score {
                    if e != t
                        && parent != NONE
                        && elems[e].parent == parent
                        && !is_excluded(excl, e)
                        && sums.final_score(e, s) >= threshold
                    {
                        roots.push(e);
                    }
                }
                caption_scope = caption_scope_of(elems, t);
            }
            None => roots.push(0),
        }
        Region {
            roots,
            caption_scope,
            lead_parent: top.map_or(NONE, |(t, _)| elems[t].parent),
            top_idx: top.map_or(0, |(t, _)| t),
        }
    }

    fn contains(&self, elems: &[Elem], r: &Raw) -> bool {
        self.roots.iter().any(|&root| is_desc(elems, r.owner, root))
            || (r.kind == BlockKind::Caption && is_desc(elems, r.owner, self.caption_scope))
            || (r.owner != NONE
                && elems[r.owner].parent == self.lead_parent
                && r.owner < self.top_idx
                && r.kind == BlockKind::Paragraph
                && r.chars >= 80
                && r.link_density() < 0.25)
    }
}

/// Captions of the article's pictures often sit outside the text body `t`, anywhere in
/// the article element (or, lacking one, the body's grandparent).
fn caption_scope_of(elems: &[Elem], t: usize) -> usize {
    let mut a = t;
    while a != NONE && !elems[a].is_article {
        a = elems[a].parent;
    }
    if a != NONE {
        return a;
    }
    let p = elems[t].parent;
    if p != NONE && elems[p].parent != NONE {
        elems[p].parent
    } else if p != NONE {
        p
    } else {
        t
    }
}

/// The blocks of `region` that are text rather than the page's labels, buttons and
/// the article's own furniture, in page order, without repeats.
fn keep_blocks(
    elems: &[Elem],
    raws: &[Raw],
    excl: &[bool],
    repeated: &[bool],
    region: &Region,
    title: Option<&str>,
    scope: Scope,
) -> Vec<(BlockKind, String)> {
    let title_norm = title.map(|t| normalize(t).to_lowercase());
    let mut out: Vec<(BlockKind, String)> = Vec::new();
    // The texts in `out`, looked up rather than compared with each block kept.
    let mut kept: FxHashSet<&str> = FxHashSet::default();
    let mut body_started = false;
    for (r, &repeated) in raws.iter().zip(repeated) {
        if is_excluded(excl, r.owner) || !region.contains(elems, r) {
            continue;
        }
        let max_ld = if r.kind == BlockKind::Caption {
            0.8
        } else {
            0.5
        };
        if r.link_density() > max_ld && !(scope == Scope::Listing && is_teaser_line(r)) {
            continue;
        }
        if r.kind == BlockKind::Heading
            && title_norm.as_deref() == Some(r.text.to_lowercase().as_str())
        {
            continue;
        }
        // A line set in bold is a heading in all but markup.
        let heading = r.kind == BlockKind::Heading || r.bold;
        if !r.table_row && !r.bold && is_boilerplate_line(r) {
            continue;
        }
        // A heading repeated in the article labels its parts ("Pros", "Cons" under each
        // product reviewed); a repeated line of any other kind is a button or a label.
        let label = heading && r.text.split(' ').nth(3).is_none();
        // Short lines repeated on the page are labels and buttons.
        if !heading && repeated {
            continue;
        }
        if !label && kept.contains(r.text.as_str()) {
            continue;
        }
        // Above the first real paragraph, short unpunctuated lines are the article's
        // own furniture: date and comment count, category, byline.
        if !body_started
            && scope == Scope::Article
            && r.kind == BlockKind::Paragraph
            && !r.table_row
        {
            if r.chars >= 80 || ends_sentence(&r.text) {
                body_started = true;
            } else if r.text.split(' ').nth(10).is_none() {
                continue;
            }
        }
        kept.insert(&r.text);
        out.push((r.kind, r.text.clone()));
    }
    // A heading with nothing after it introduces something that was left out
    // ("Related stories").
    while out.last().is_some_and(|(k, _)| *k == BlockKind::Heading) {
        out.pop();
    }
    out
}

/// A block that reads as running text: long enough, mostly not links.
fn is_good(r: &Raw) -> bool {
    r.chars >= 25
        && r.link_density() < 0.5
        && matches!(
            r.kind,
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem
        )
}

/// Which elements are left out: furniture by tag or role and everything inside it;
/// hidden elements and elements with the furniture class `words`, unless
/// such an element holds most of the page's running text (`good`, of `total` in all),
/// which happens when the word is on a page-wide wrapper (`<div class="has-sidebar">`,
/// a utility class that hides it only in print) or the page's text is streamed into a
/// hidden element that a script reveals. Likewise inside an `article` element: a
/// layout word on the box holding most of the article's text (`<div
/// class="sidebar-layout">` around the body and its sidebar) does not leave it out, nor
/// does one on the boxes an article is cut into (a `<div class="widget">` per section)
/// when such boxes together hold most of its text.
fn exclusions(elems: &[Elem], good: &[usize], total: usize, words: Furniture) -> Vec<bool> {
    let class_out = |el: &Elem| match words {
        Furniture::All => el.hint.negative,
        Furniture::Away => el.away,
        Furniture::Off => false,
    };
    // The nearest article element at or above each element (pre-order: parents first),
    // and the running text of each article element held in boxes with a furniture
    // word (the outermost such boxes under it).
    let mut article = vec![NONE; elems.len()];
    let mut boxed_in = vec![false; elems.len()];
    let mut boxed = vec![0usize; elems.len()];
    let mut largest_box = vec![0usize; elems.len()];
    for (e, el) in elems.iter().enumerate() {
        let (parent_article, parent_boxed) = if el.parent == NONE {
            (NONE, false)
        } else {
            (article[el.parent], boxed_in[el.parent] && !el.is_article)
        };
        article[e] = if el.is_article { e } else { parent_article };
        // Comments, related stories and bios are never the article's own sections.
        let own_section = class_out(el) && !el.others && !el.aside;
        boxed_in[e] = parent_boxed || (class_out(el) && parent_article != NONE);
        if boxed_in[e] && !parent_boxed && own_section {
            boxed[parent_article] += good[e];
            largest_box[parent_article] = largest_box[parent_article].max(good[e]);
        }
    }
    // The article's text is spread over several such boxes, none holding most of it.
    let cut_into_boxes = |a: usize| boxed[a] * 2 > good[a] && largest_box[a] * 2 <= good[a];
    // A page streamed in parts sends its text in hidden boxes at the end of the body,
    // which a script moves into place: hidden children of the body that together hold
    // most of the page's running text are its text (those without running text, such
    // as a sign-in prompt, stay out).
    let at_top = |el: &Elem| el.parent != NONE && elems[el.parent].tag == "body";
    let streamed: usize = elems
        .iter()
        .zip(good)
        .filter(|(el, _)| el.hidden && at_top(el))
        .map(|(_, g)| g)
        .sum();
    let streamed_page = streamed * 2 > total;
    let mut excl = vec![false; elems.len()];
    for (e, el) in elems.iter().enumerate() {
        let parent_article = if el.parent == NONE {
            NONE
        } else {
            article[el.parent]
        };
        let inherited = el.parent != NONE && excl[el.parent];
        let out = class_out(el);
        let streamed_part = streamed_page && at_top(el) && good[e] > 0;
        let soft = (el.hidden && !streamed_part) || out;
        let holds_page = good[e] * 2 > total;
        let own_section = out && !el.others && !el.aside;
        let holds_article = out
            && parent_article != NONE
            && (good[e] * 2 > good[parent_article]
                || (own_section && cut_into_boxes(parent_article)));
        excl[e] = inherited || el.furniture || (soft && !holds_page && !holds_article);
    }
    excl
}

/// The readability winner `t` widened to the ancestor that holds the most running text
/// net of links. The winner is often one box of an article cut into many (a section per
/// heading, a card per list entry, a `<div class="text">` per paragraph), each scoring
/// alone; an ancestor whose extra content is running text rather than links and
/// labels holds the whole article.
fn widen(elems: &[Elem], raws: &[Raw], excl: &[bool], t: usize, scope: Scope) -> usize {
    let mut chain = Vec::new();
    let mut a = t;
    while a != NONE && !excl[a] {
        chain.push(a);
        a = elems[a].parent;
    }
    // A bio class on a box around the winner itself (a page-wide wrapper) tells
    // nothing about which of the winner's ancestors holds the article.
    let t_aside = elems[t].aside;
    // Net running text per element of the chain (innermost first).
    let mut net = vec![0i64; chain.len()];
    for r in raws {
        if r.owner == NONE || excl[r.owner] {
            continue;
        }
        let v = if elems[r.owner].aside && !t_aside {
            // A bio or a comment is running text, but not the article's.
            -(r.chars as i64)
        } else if is_good(r) {
            r.chars as i64 - 2 * r.link_chars as i64
        } else if scope == Scope::Listing && is_teaser_line(r) {
            // On a listing the linked titles of the entries are its content.
            r.chars as i64 / 2
        } else if r.link_density() >= 0.5 {
            -(r.chars as i64)
        } else {
            -(r.link_chars as i64)
        };
        // The chain is nested: once an element does not hold the block, none inside
        // it does; walk it outermost first.
        for (i, &c) in chain.iter().enumerate().rev() {
            if !is_desc(elems, r.owner, c) {
                break;
            }
            net[i] += v;
        }
    }
    let mut best = 0;
    for i in 1..chain.len() {
        if net[i] > net[best] {
            best = i;
        }
    }
    chain[best]
}

/// A linked line that can be an entry's title on a listing (a product's two-word name)
/// rather than a one-word menu item ("Home"); a button repeated on every entry ("Read
/// more") is dropped as a repeated line.
fn is_teaser_line(r: &Raw) -> bool {
    r.kind != BlockKind::Caption && r.text.split(' ').nth(1).is_some()
}

/// Lines that are labels and widgets rather than text: a few words without sentence
/// punctuation ("update", "Advertisement"), or runs of one- and two-letter tokens
/// ("XS SM MD LG", "A A A").
fn is_boilerplate_line(r: &Raw) -> bool {
    // Only the first seven words matter: a longer line is never a label.
    let mut words = 0;
    let mut all_short = true;
    for w in r.text.split(' ').take(7) {
        words += 1;
        all_short &= w.chars().count() <= 2;
    }
    if words <= 6 && all_short {
        return true;
    }
    if matches!(r.kind, BlockKind::Paragraph | BlockKind::ListItem) && words <= 3 {
        let sentence_end = ends_sentence(&r.text);
        let numeric = r.text.chars().any(|c| c.is_ascii_digit());
        return !sentence_end && !numeric;
    }
    false
}

fn ends_sentence(text: &str) -> bool {
    let last = text.chars().last().unwrap_or(' ');
    matches!(last, '.' | '!' | '?' | '"' | '\u{201d}' | ':' | ')')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Vec<(BlockKind, String)> {
        let doc = Html::parse_document(html);
        extract(&doc, &PageHints::of(&doc), Some("The Headline"))
    }

    const PARA: &str = "This sentence is long enough to count as article text, with commas, clauses and more words.";

    #[test]
    fn keeps_body_drops_furniture() {
        let html = format!(
            r##"<html><body>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/w">World news today</a></li></ul></nav>
            <div class="page"><div class="story-body">
              <h1>The Headline</h1>
              <p>{PARA} One.</p>
              <figure><img src="x.jpg" alt="16x9 Image"><figcaption>A caption about the picture.</figcaption></figure>
              <p>{PARA} Two.</p>
              <blockquote><p>Quoted words from someone, said at length for the record.</p></blockquote>
              <h2>A subheading</h2>
              <p>{PARA} Three.</p>
              <div class="share-tools"><a href="#">Share</a> <a href="#">Tweet</a></div>
            </div>
            <div class="related-articles"><h3>Related</h3><ul><li><a href="/a">{PARA}</a></li></ul></div>
            </div>
            <footer><p>{PARA} Footer.</p></footer>
            <script>var x = {{"a": "{PARA}"}};</script>
            </body></html>"##
        );
        let got = run(&html);
        let want: Vec<(BlockKind, String)> = vec![
            (BlockKind::Paragraph, format!("{PARA} One.")),
            (BlockKind::Caption, "A caption about the picture.".into()),
            (BlockKind::Paragraph, format!("{PARA} Two.")),
            (
                BlockKind::Quote,
                "Quoted words from someone, said at length for the record.".into(),
            ),
            (BlockKind::Heading, "A subheading".into()),
            (BlockKind::Paragraph, format!("{PARA} Three.")),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn boilerplate_lines() {
        let cases: &[(&str, bool)] = &[
            ("update", true),
            ("XS SM MD LG", true),
            ("Advertisement", true),
            ("Stay tuned.", false),
            ("Kerry said he would talk with both leaders.", false),
            ("March 16, 2016", false),
        ];
        for (text, want) in cases {
            let r = Raw {
                kind: BlockKind::Paragraph,
                text: text.to_string(),
                chars: text.len(),
                link_chars: 0,
                owner: NONE,
                table_row: false,
                bold: false,
            };
            assert_eq!(is_boilerplate_line(&r), *want, "{text}");
        }
    }

    #[test]
    fn related_headings_end_the_article() {
        let cases: &[(&str, bool)] = &[
            ("Related Articles", true),
            ("You may also like:", true),
            ("Read This Next", true),
            ("More from The Daily Planet", true),
            ("3 Comments", true),
            ("Leave a Reply", true),
            ("More posts related to Tokyo", false),
            ("Related work in the field", false),
            ("A closer look", false),
        ];
        for (heading, cut) in cases {
            let mut blocks: Vec<(BlockKind, String)> = (0..4)
                .map(|i| (BlockKind::Paragraph, format!("{PARA} {i}.")))
                .collect();
            blocks.push((BlockKind::Heading, heading.to_string()));
            blocks.push((BlockKind::Paragraph, PARA.to_string()));
            cut_related_tail(&mut blocks);
            assert_eq!(blocks.len() == 4, *cut, "{heading}");
        }
    }

    #[test]
    fn lenient_when_wrapper_has_furniture_class() {
        let html = format!(
            r#"<html><body><div class="layout with-sidebar"><div class="col">
            <p>{PARA} One.</p><p>{PARA} Two.</p></div></div></body></html>"#
        );
        assert_eq!(run(&html).len(), 2);
    }
}
