//! Cuts a parsed page into text blocks: one traversal of the DOM builds the element
//! table (tag, parent, subtree end, class hints, furniture and hidden state, in pre-order)
//! and the raw blocks (kind, folded text, link share, owning element). It decides
//! nothing about which blocks are the article: [`super::main_text`] scores and selects.

use super::hints::{self, ClassHint, ElementHints, PageHints};
use super::BlockKind;
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

pub(super) const NONE: usize = usize::MAX;

pub(super) struct Elem<'a> {
    pub(super) tag: &'a str,
    pub(super) parent: usize,
    /// Index of the last element in this one's subtree (pre-order numbering).
    pub(super) end: usize,
    pub(super) hint: ClassHint,
    /// Inside (or is) furniture by tag, role or hidden state.
    pub(super) furniture: bool,
    /// Is hidden (`hidden`, `aria-hidden`, `display:none`).
    pub(super) hidden: bool,
    /// Is or is inside a box of the kind that sits beside an article: an author's
    /// bio ([`hints::ClassWords`] `byline`).
    pub(super) aside: bool,
    /// Has a class word of boxes holding other pages' or readers' text (comments,
    /// related stories), which the pass without furniture words still leaves out.
    pub(super) away: bool,
    /// Has a class word of boxes holding readers' comments or other pages' stories.
    pub(super) others: bool,
    pub(super) article_like: bool,
    /// Is itself `article`, `main` or `articleBody`.
    pub(super) is_article: bool,
}

pub(super) struct Raw {
    pub(super) kind: BlockKind,
    pub(super) text: String,
    pub(super) chars: usize,
    pub(super) link_chars: usize,
    pub(super) owner: usize,
    pub(super) table_row: bool,
    /// All its text is bold (`<strong>`, `<b>`): a short one is a heading in all but
    /// markup ("Overview", "Pros:").
    pub(super) bold: bool,
}

impl Raw {
    pub(super) fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

pub(super) fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Context of the open elements that decides a block's kind.
#[derive(Default)]
struct Depths {
    caption: u32,
    quote: u32,
    list_item: u32,
    heading: u32,
    paragraph: u32,
    link: u32,
    bold: u32,
}

/// The state of the one pass that cuts a page into blocks: the element table so far,
/// the blocks so far, the open elements and the text of the block being read.
#[derive(Default)]
struct Segmenter<'a> {
    elems: Vec<Elem<'a>>,
    raws: Vec<Raw>,
    /// Open elements: (elem index, is block, has a caption class).
    stack: Vec<(usize, bool, bool)>,
    block_stack: Vec<usize>,
    depth: Depths,
    /// The text of the block being read, folded as it is read.
    buf: Folded,
    /// Characters of `buf` (white space not counted), and of those in links.
    chars: usize,
    link_chars: usize,
    /// Whether `buf` holds text outside `<strong>`/`<b>`.
    plain_text: bool,
}

/// A page cut into blocks.
pub(super) struct Segments<'a> {
    /// The element table, in pre-order.
    pub(super) elems: Vec<Elem<'a>>,
    /// The text blocks, in page order.
    pub(super) raws: Vec<Raw>,
    /// The longest markup held by a `<noscript>` (which the parser keeps as raw text,
    /// as a browser running scripts does): forum software serves a whole thread there
    /// for readers without scripts and builds the visible page by script.
    pub(super) noscript: &'a str,
}

/// One pass over the DOM: element table (pre-order) and raw text blocks.
pub(super) fn segment<'a>(doc: &'a Html, page: &PageHints) -> Segments<'a> {
    let mut hints = page.cursor();
    let mut seg = Segmenter::default();
    let mut noscript: &str = "";
    // Depth inside a skipped element (script, style, ...), whose text is not read.
    let mut skip = 0u32;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let h = hints.next().unwrap_or_default();
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    if hints::is_skipped_tag(el.name()) {
                        if el.name() == "noscript" {
                            let raw = node.first_child().and_then(|c| c.value().as_text());
                            if let Some(raw) = raw.filter(|t| t.len() > noscript.len()) {
                                noscript = raw;
                            }
                        }
                        skip = 1;
                        continue;
                    }
                    seg.open(node, el.name(), &h);
                }
                Node::Text(t) if skip == 0 => seg.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                seg.close(el.name());
            }
        }
    }
    seg.flush();
    Segments {
        elems: seg.elems,
        raws: seg.raws,
        noscript,
    }
}

impl<'a> Segmenter<'a> {
    /// Ends the block being read (if it holds any text), kinded by the open elements.
    fn flush(&mut self) {
        let plain_text = std::mem::take(&mut self.plain_text);
        let chars = std::mem::take(&mut self.chars);
        let link_chars = std::mem::take(&mut self.link_chars);
        if self.buf.is_empty() {
            return;
        }
        let text = self.buf.take();
        let owner = self.block_stack.last().copied().unwrap_or(NONE);
        let tag = if owner == NONE {
            ""
        } else {
            self.elems[owner].tag
        };
        let depth = &self.depth;
        let kind = if depth.caption > 0 {
            BlockKind::Caption
        } else if depth.heading > 0 {
            BlockKind::Heading
        } else if depth.quote > 0 {
            BlockKind::Quote
        } else if depth.list_item > 0 && depth.paragraph == 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        self.raws.push(Raw {
            kind,
            chars,
            link_chars: link_chars.min(chars),
            text,
            owner,
            table_row: tag == "tr",
            bold: !plain_text,
        });
    }

    /// Opens element `name` (`node`) with its hints `h`.
    fn open(&mut self, node: NodeRef<'a, Node>, name: &'a str, h: &ElementHints) {
        let parent = self.stack.last().map_or(NONE, |s| s.0);
        let (pf, pa, pside) = if parent == NONE {
            (false, false, false)
        } else {
            let p = &self.elems[parent];
            (p.furniture, p.article_like, p.aside)
        };
        let in_body_or_root = matches!(name, "html" | "body");
        let hint = if in_body_or_root {
            ClassHint::default()
        } else {
            h.words.hint()
        };
        let is_article = h.article_like;
        let article_like = pa || is_article;
        let furniture =
            pf || hints::is_furniture_tag(name) || (name == "header" && !pa) || h.furniture_role;
        // A table cell holding paragraphs or line breaks is page layout, not
        // data: it is a block of its own rather than a column of a row.
        let block = is_block_tag(name)
            || (matches!(name, "td" | "th")
                && node.descendants().any(|d| {
                    d.value().as_element().is_some_and(|e| {
                        matches!(e.name(), "br" | "p" | "div" | "table" | "ul" | "ol")
                    })
                }));
        if block {
            self.flush();
        }
        match name {
            "br" => {
                // Inside a paragraph a line break is a space; between
                // loose lines of a div it ends a block.
                if self.depth.paragraph > 0 || self.depth.list_item > 0 {
                    self.buf.space();
                } else {
                    self.flush();
                }
            }
            "td" | "th" if !block && !self.buf.is_empty() => self.chars += self.buf.push(" | "),
            _ => {}
        }
        let idx = self.elems.len();
        self.elems.push(Elem {
            tag: name,
            parent,
            end: idx,
            hint,
            furniture,
            hidden: h.hidden,
            aside: pside || h.words.byline,
            away: h.words.away,
            others: h.words.others,
            article_like,
            is_article,
        });
        // Image captions outside <figcaption>: `<div class="caption">`,
        // `<p class="wp-caption-text">`.
        let caption_class = h.words.caption && !matches!(name, "figcaption" | "caption");
        self.stack.push((idx, block, caption_class));
        if block {
            self.block_stack.push(idx);
        }
        adjust(&mut self.depth, name, caption_class, 1);
    }

    /// Reads a text node into the current block.
    fn text(&mut self, t: &str) {
        let chars = self.buf.push(t);
        self.chars += chars;
        if self.depth.link > 0 {
            self.link_chars += chars;
        }
        self.plain_text |= chars > 0 && self.depth.bold == 0;
    }

    /// Closes element `name`, the innermost open one.
    fn close(&mut self, name: &str) {
        let Some((idx, block, caption_class)) = self.stack.pop() else {
            return;
        };
        if block {
            self.flush();
            self.block_stack.pop();
        }
        self.elems[idx].end = self.elems.len() - 1;
        adjust(&mut self.depth, name, caption_class, -1);
    }
}

/// Opens (`d` = 1) or closes (-1) element `name`; `caption_class` says that its class
/// marks an image caption.
fn adjust(depth: &mut Depths, name: &str, caption_class: bool, d: i32) {
    let bump = |v: &mut u32| *v = (*v as i32 + d).max(0) as u32;
    match name {
        "figcaption" | "caption" => bump(&mut depth.caption),
        "blockquote" => bump(&mut depth.quote),
        "li" | "dd" | "dt" => bump(&mut depth.list_item),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => bump(&mut depth.heading),
        "p" => bump(&mut depth.paragraph),
        "a" => bump(&mut depth.link),
        "strong" | "b" => bump(&mut depth.bold),
        _ => {}
    }
    if caption_class {
        bump(&mut depth.caption);
    }
}

/// Folds white space: the words of `s` (split at Unicode white space, as
/// `str::split_whitespace` splits) joined by single spaces.
pub(super) fn normalize(s: &str) -> String {
    let mut out = Folded(String::with_capacity(s.len()));
    out.push(s);
    out.into_string()
}

/// Text with its white space folded as it is read ([`normalize`] of all the parts
/// pushed, joined): a block's or an element's text nodes are folded in one pass as they
/// are met, rather than copied, joined and folded after.
///
/// It holds the words read so far joined by single spaces, and one more space when
/// white space came after the last word (the separator of the next word, if one comes).
#[derive(Default)]
pub(super) struct Folded(String);

impl Folded {
    /// Appends the words of `s`; returns how many characters they hold (white space
    /// not counted).
    ///
    /// Byte loops rather than `split_whitespace`, which decodes every character: this
    /// runs over all the text of every page, and runs of printable ASCII need no
    /// decoding. Words already joined by single spaces (running text) are copied a run
    /// at a time rather than a word at a time.
    pub(super) fn push(&mut self, s: &str) -> usize {
        let bytes = s.as_bytes();
        let printable = |i: usize| bytes.get(i).is_some_and(|b| (0x21..0x7f).contains(b));
        let mut chars = 0;
        let mut i = 0;
        loop {
            // White space, then words joined by single spaces.
            let space = i;
            while i < bytes.len() {
                match char_at(s, i) {
                    (true, len) => i += len,
                    (false, _) => break,
                }
            }
            if i > space {
                self.space();
            }
            if i == bytes.len() {
                return chars;
            }
            let start = i;
            // Bytes of the run that are not characters of its words: single spaces and
            // the bytes that continue a character.
            let mut other = 0;
            while i < bytes.len() {
                if printable(i) {
                    i += 1;
                } else if bytes[i] == b' ' && printable(i + 1) {
                    i += 2;
                    other += 1;
                } else {
                    match char_at(s, i) {
                        (true, _) => break,
                        (false, len) => {
                            i += len;
                            other += len - 1;
                        }
                    }
                }
            }
            self.0.push_str(&s[start..i]);
            chars += i - start - other;
        }
    }

    /// White space: the next word read is separated from the last one.
    pub(super) fn space(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with(' ') {
            self.0.push(' ');
        }
    }

    /// Whether no word has been read.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The length in bytes of the text folded so far.
    pub(super) fn len(&self) -> usize {
        self.0.len() - usize::from(self.0.ends_with(' '))
    }

    /// The text folded so far, after which `self` starts again (empty, its buffer kept).
    pub(super) fn take(&mut self) -> String {
        let text = self.0[..self.len()].to_string();
        self.0.clear();
        text
    }

    pub(super) fn into_string(mut self) -> String {
        if self.0.ends_with(' ') {
            self.0.pop();
        }
        self.0
    }
}

/// Whether the character at byte `i` of `s` is white space (as `char::is_whitespace`
/// says), and its length in bytes.
pub(super) fn char_at(s: &str, i: usize) -> (bool, usize) {
    match s.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => (true, 1),
        b if b.is_ascii() => (false, 1),
        _ => {
            let c = s[i..].chars().next().expect("a character starts here");
            (c.is_whitespace(), c.len_utf8())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_white_space_like_split_whitespace() {
        let cases = [
            "",
            "   ",
            "one",
            "  one  two\n\tthree ",
            "a\u{a0}b\u{2003}c\u{3000}d\u{85}e\u{200b}f",
            "x\u{b}y\u{c}z\r\nw\u{1c}v",
            "caf\u{e9} \u{201c}quoted\u{201d}\u{2028}\u{2029}end ",
        ];
        for s in cases {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(normalize(s), want, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn normalize_agrees_with_split_whitespace(s in "[ a-z\t\n\u{a0}\u{2000}-\u{200b}\u{e9}\u{3000}\u{b}\u{1c}]{0,40}") {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(normalize(&s), want);
        }

        /// Text folded in parts is the whole text folded, and the characters counted
        /// are those of its words.
        #[test]
        fn folded_parts_are_the_whole_folded(parts in proptest::collection::vec("[ a-z\t\n\u{a0}\u{2003}\u{e9}\u{3000}]{0,12}", 0..6)) {
            let mut folded = Folded::default();
            let mut chars = 0;
            for p in &parts {
                chars += folded.push(p);
            }
            let want = normalize(&parts.concat());
            proptest::prop_assert_eq!(folded.len(), want.len());
            proptest::prop_assert_eq!(chars, want.chars().filter(|&c| c != ' ').count());
            proptest::prop_assert_eq!(folded.take(), want.clone());
            proptest::prop_assert!(folded.is_empty());
        }
    }
}
