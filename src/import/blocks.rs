//! The page as a sequence of text blocks, in reading order: one walk over
//! the tree (a loop, no recursion) that cuts the text where a block element
//! starts or ends, the way a browser lays it out, and notes for each block
//! what the extraction needs to judge it (tag, length, links, the hints of
//! the elements around it). Embedded posts are recognised on the way and
//! become blocks of their own.

use super::article::ImportedPost;
use super::dom::{Dom, Element, NONE, NodeData, NodeId, ROOT, Tag};
use super::embeds;
use super::hints::{self, Hint};
use super::urls::Resolver;

/// What a block is, from the elements around its text.
#[derive(Debug, Clone, PartialEq)]
pub enum RawKind {
    Paragraph,
    Heading(u8),
    ListItem {
        ordered: bool,
        depth: u8,
    },
    Quote,
    Caption,
    /// A table cell; `row` is its `<tr>`, `column` its place in the row
    /// (counting `colspan`), so that empty cells keep the columns aligned.
    Cell {
        row: NodeId,
        column: u32,
        header: bool,
    },
    Pre,
    Post(Box<ImportedPost>),
}

/// A link inside a block: where it goes (absolute, safe) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawLink {
    pub url: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct RawBlock {
    pub kind: RawKind,
    /// The nearest block element holding the text.
    pub owner: NodeId,
    pub text: String,
    /// Characters that are not white space.
    pub chars: u32,
    /// Of which inside a link.
    pub link_chars: u32,
    /// Words of a link that opens the block (a headline leading a teaser), 0 if none.
    pub lead_link_words: u32,
    pub links: Vec<RawLink>,
    /// Its innermost hinted ancestor in [`Segmented::hints`] (walk up with [`Chain::iter`]).
    pub hints: u32,
    /// Its innermost `<header>`, `<footer>`, `<nav>`, `<aside>`, `<form>` in [`Segmented::structural`].
    pub structural: u32,
}

/// Ancestors of one kind shared by all blocks: each entry points to the
/// next one up, so a block holds one index, not a list (memory per block
/// stays constant however deep the page).
#[derive(Debug)]
pub struct Chain<T> {
    entries: Vec<(NodeId, T, u32)>,
}

impl<T> Default for Chain<T> {
    fn default() -> Self {
        Chain {
            entries: Vec::new(),
        }
    }
}

/// The end of a chain.
pub const TOP: u32 = u32::MAX;

impl<T: Copy> Chain<T> {
    fn push(&mut self, node: NodeId, value: T, up: u32) -> u32 {
        self.entries.push((node, value, up));
        (self.entries.len() - 1) as u32
    }

    fn up(&self, at: u32) -> u32 {
        self.entries.get(at as usize).map_or(TOP, |e| e.2)
    }

    /// The entries from `at` up, nearest first, at most [`MAX_HINTS`].
    pub fn iter(&self, at: u32) -> impl Iterator<Item = (NodeId, T)> + '_ {
        std::iter::successors(self.entries.get(at as usize), |e| {
            self.entries.get(e.2 as usize)
        })
        .take(MAX_HINTS)
        .map(|e| (e.0, e.1))
    }
}

/// Hinted ancestors kept per block: the nearest ones decide.
const MAX_HINTS: usize = 6;

/// Where each element is in document order, to test ancestry in O(1).
pub struct Order {
    /// Pre-order number of each node (`u32::MAX` if not visited).
    pub pre: Vec<u32>,
    /// One past the pre-order number of the last node of its subtree.
    pub end: Vec<u32>,
    /// Visited elements in pre-order.
    pub elements: Vec<NodeId>,
    /// Whether the element or one of its ancestors is hinted as boilerplate.
    pub in_boilerplate: Vec<bool>,
}

impl Order {
    /// Whether `node` is `ancestor` or inside it.
    pub fn contains(&self, ancestor: NodeId, node: NodeId) -> bool {
        let (a, n) = (ancestor as usize, node as usize);
        self.pre[a] != u32::MAX && self.pre[a] <= self.pre[n] && self.pre[n] < self.end[a]
    }
}

pub struct Segmented {
    pub blocks: Vec<RawBlock>,
    pub order: Order,
    pub hints: Chain<Hint>,
    pub structural: Chain<Tag>,
}

struct Frame {
    node: NodeId,
    tag: Tag,
    block: bool,
    hinted: bool,
    structural: bool,
    /// An open `<a href>`: where its text starts, in which block, and the href.
    link: Option<(usize, u32, String)>,
    list: bool,
    quote: bool,
    pre: bool,
    caption: bool,
    heading: bool,
    /// A cell's column in its row (0 for other elements).
    column: u32,
}

struct Walker<'a> {
    dom: &'a Dom,
    resolver: &'a Resolver,
    hidden: Hidden,
    blocks: Vec<RawBlock>,
    order: Order,
    /// The text of the block being gathered.
    buf: String,
    pending_space: bool,
    chars: u32,
    link_chars: u32,
    links: Vec<RawLink>,
    /// Open links: how many `<a href>` are open (nested links count once).
    in_link: u32,
    frames: Vec<Frame>,
    /// Open block elements (owners), innermost last.
    owners: Vec<NodeId>,
    hints: Chain<Hint>,
    hint_top: u32,
    structural: Chain<Tag>,
    structural_top: u32,
    lists: Vec<bool>,
    quotes: u32,
    pres: u32,
    captions: u32,
    /// For each `<tr>` open, the column its next cell starts at.
    rows: Vec<u32>,
    /// `<figure>`s open: their text is a caption unless it stands in a
    /// table, a quotation or a list of the figure (tables and pull quotes
    /// are often wrapped in figures).
    figures: u32,
    headings: Vec<u8>,
    counter: u32,
    /// Words of the link opening the current block.
    lead_link_words: u32,
    /// Open elements hinted as boilerplate.
    boilerplate_open: u32,
    /// Blocks ended so far (a link's text is only sliced within one block).
    flushes: u32,
}

/// Which hidden elements a walk leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// A page: everything its own markup and stylesheet conventions hide
    /// ([`hints::is_hidden`]: `hidden`, `display: none`, `aria-hidden`,
    /// screen-reader classes).
    Page,
    /// HTML that is the article (a feed's content): only what any renderer
    /// hides without the site's stylesheet ([`hints::is_hidden_by_markup`]:
    /// `hidden`, inline `display: none` / `visibility: hidden`); text with a
    /// "hidden" class or `aria-hidden` shows in every feed reader, so it is kept.
    Markup,
}

/// Cuts the text under `<body>` (or the whole document) into blocks.
pub fn segment(dom: &Dom, resolver: &Resolver) -> Segmented {
    segment_with(dom, resolver, Hidden::Page)
}

/// [`segment`], with the rule for hidden elements given.
pub fn segment_with(dom: &Dom, resolver: &Resolver, hidden: Hidden) -> Segmented {
    let n = dom.nodes.len();
    let mut walker = Walker {
        dom,
        resolver,
        hidden,
        blocks: Vec::new(),
        order: Order {
            pre: vec![u32::MAX; n],
            end: vec![u32::MAX; n],
            elements: Vec::new(),
            in_boilerplate: vec![false; n],
        },
        buf: String::new(),
        pending_space: false,
        chars: 0,
        link_chars: 0,
        links: Vec::new(),
        in_link: 0,
        frames: Vec::new(),
        owners: vec![ROOT],
        hints: Chain::default(),
        hint_top: TOP,
        structural: Chain::default(),
        structural_top: TOP,
        lists: Vec::new(),
        quotes: 0,
        pres: 0,
        captions: 0,
        figures: 0,
        rows: Vec::new(),
        headings: Vec::new(),
        counter: 0,
        flushes: 0,
        boilerplate_open: 0,
        lead_link_words: 0,
    };
    let root = dom.find(ROOT, Tag::Body).unwrap_or(ROOT);
    walker.order.pre[root as usize] = 0;
    walker.counter = 1;
    walker.walk(root);
    walker.flush();
    walker.order.end[root as usize] = walker.counter;
    Segmented {
        blocks: walker.blocks,
        order: walker.order,
        hints: walker.hints,
        structural: walker.structural,
    }
}

impl Walker<'_> {
    fn walk(&mut self, root: NodeId) {
        let dom = self.dom;
        let mut at = dom.node(root).first_child;
        while at != NONE {
            let descend = self.enter(at);
            let first = dom.node(at).first_child;
            if descend && first != NONE {
                at = first;
                continue;
            }
            if descend {
                self.exit(at);
            }
            // Up until a next sibling, leaving every element on the way.
            loop {
                let node = dom.node(at);
                if node.next != NONE {
                    at = node.next;
                    break;
                }
                at = node.parent;
                if at == root || at == NONE {
                    at = NONE;
                    break;
                }
                self.exit(at);
            }
        }
    }

    /// Handles the start of `id`; whether to walk its children.
    fn enter(&mut self, id: NodeId) -> bool {
        let dom = self.dom;
        match &dom.node(id).data {
            NodeData::Text(text) => {
                self.push_text(text);
                false
            }
            NodeData::Element(element) => self.enter_element(id, element),
            _ => false,
        }
    }

    fn enter_element(&mut self, id: NodeId, element: &Element) -> bool {
        self.order.pre[id as usize] = self.counter;
        self.order.elements.push(id);
        self.counter += 1;
        let tag = element.tag;
        if let Some(post) = embeds::detect(self.dom, id, self.resolver) {
            self.flush();
            self.blocks.push(RawBlock {
                kind: RawKind::Post(Box::new(post)),
                owner: self.owners.last().copied().unwrap_or(ROOT),
                text: String::new(),
                chars: 0,
                link_chars: 0,
                lead_link_words: 0,
                links: Vec::new(),
                hints: self.hint_top,
                structural: self.structural_top,
            });
            self.skip(id);
            return false;
        }
        let hidden = match self.hidden {
            Hidden::Page => hints::is_hidden(element),
            Hidden::Markup => hints::is_hidden_by_markup(element),
        };
        if tag.is_never_shown() || hidden {
            self.skip(id);
            return false;
        }
        if tag == Tag::Br {
            self.push_break();
            self.skip(id);
            return false;
        }
        let block = tag.is_block();
        if block {
            self.flush();
            self.owners.push(id);
        }
        let hint = hints::of(element);
        let hinted = hint != Hint::None;
        if hinted {
            self.hint_top = self.hints.push(id, hint, self.hint_top);
        }
        if hint == Hint::Boilerplate {
            self.boilerplate_open += 1;
        }
        self.order.in_boilerplate[id as usize] = self.boilerplate_open > 0;
        let structural = matches!(
            tag,
            Tag::Header | Tag::Footer | Tag::Nav | Tag::Aside | Tag::Form | Tag::Menu
        );
        if structural {
            self.structural_top = self.structural.push(id, tag, self.structural_top);
        }
        let link = (tag == Tag::A)
            .then(|| element.attr("href"))
            .flatten()
            .map(|href| (self.buf.len(), self.flushes, href.to_string()));
        if link.is_some() {
            self.in_link += 1;
        }
        let list = matches!(tag, Tag::Ul | Tag::Ol | Tag::Menu);
        if list {
            self.lists.push(tag == Tag::Ol);
        }
        let quote = tag == Tag::Blockquote;
        self.quotes += quote as u32;
        let pre = tag == Tag::Pre;
        self.pres += pre as u32;
        let caption = matches!(tag, Tag::Figcaption | Tag::Caption) || hints::is_caption(element);
        self.captions += caption as u32;
        self.figures += (tag == Tag::Figure) as u32;
        let mut column = 0;
        match tag {
            Tag::Tr => self.rows.push(0),
            Tag::Td | Tag::Th => {
                if let Some(next) = self.rows.last_mut() {
                    column = *next;
                    let span = element
                        .attr("colspan")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_COLSPAN);
                    *next = next.saturating_add(span);
                }
            }
            _ => {}
        }
        let heading = tag.heading_level();
        if let Some(level) = heading {
            self.headings.push(level);
        }
        self.frames.push(Frame {
            node: id,
            tag,
            block,
            hinted,
            structural,
            link,
            list,
            quote,
            pre,
            caption,
            heading: heading.is_some(),
            column,
        });
        true
    }

    /// A subtree not walked still gets its place in the order.
    fn skip(&mut self, id: NodeId) {
        self.order.end[id as usize] = self.counter;
    }

    fn exit(&mut self, id: NodeId) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        debug_assert_eq!(frame.node, id);
        if let Some((start, flushes, href)) = &frame.link {
            self.in_link -= 1;
            if let Some(url) = self.resolver.resolve(href) {
                // A block ended inside the link: its text is what the last block holds.
                let start = if *flushes == self.flushes { *start } else { 0 };
                let text = self.buf.get(start..).unwrap_or("").trim().to_string();
                if self
                    .buf
                    .get(..start)
                    .is_some_and(|before| before.trim().is_empty())
                {
                    self.lead_link_words = self
                        .lead_link_words
                        .max(text.split_whitespace().count() as u32);
                }
                self.links.push(RawLink { url, text });
            }
        }
        if frame.block {
            // The text ends inside the element: its kind still sees it.
            self.flush();
            self.owners.pop();
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        if frame.hinted {
            if self.hints.iter(self.hint_top).next().map(|(_, h)| h) == Some(Hint::Boilerplate) {
                self.boilerplate_open -= 1;
            }
            self.hint_top = self.hints.up(self.hint_top);
        }
        if frame.structural {
            self.structural_top = self.structural.up(self.structural_top);
        }
        if frame.list {
            self.lists.pop();
        }
        self.quotes -= frame.quote as u32;
        self.pres -= frame.pre as u32;
        self.captions -= frame.caption as u32;
        self.figures -= (frame.tag == Tag::Figure) as u32;
        if frame.tag == Tag::Tr {
            self.rows.pop();
        }
        if frame.heading {
            self.headings.pop();
        }
        self.order.end[id as usize] = self.counter;
    }

    fn push_text(&mut self, text: &str) {
        let in_link = self.in_link > 0;
        if self.pres > 0 {
            for c in text.chars() {
                if c == '\r' {
                    continue;
                }
                self.buf.push(c);
                if !c.is_whitespace() {
                    self.chars += 1;
                    self.link_chars += in_link as u32;
                }
            }
            return;
        }
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                self.buf.push(' ');
            }
            self.pending_space = false;
            self.buf.push(c);
            self.chars += 1;
            self.link_chars += in_link as u32;
        }
    }

    fn push_break(&mut self) {
        if self.buf.ends_with(' ') {
            self.buf.pop();
        }
        if !self.buf.is_empty() {
            self.buf.push('\n');
        }
        self.pending_space = false;
    }

    /// Ends the block being gathered, if it has any text.
    fn flush(&mut self) {
        self.pending_space = false;
        self.flushes += 1;
        if self.chars == 0 || !self.buf.chars().any(is_visible) {
            self.buf.clear();
            self.links.clear();
            self.link_chars = 0;
            self.chars = 0;
            self.lead_link_words = 0;
            return;
        }
        let text = if self.pres > 0 {
            trim_lines(&self.buf)
        } else {
            self.buf.trim_end_matches(['\n', ' ']).to_string()
        };
        let owner = self.owners.last().copied().unwrap_or(ROOT);
        let kind = self.kind(owner);
        self.blocks.push(RawBlock {
            kind,
            owner,
            text,
            chars: self.chars,
            link_chars: self.link_chars,
            lead_link_words: std::mem::take(&mut self.lead_link_words),
            links: std::mem::take(&mut self.links),
            hints: self.hint_top,
            structural: self.structural_top,
        });
        self.buf.clear();
        self.chars = 0;
        self.link_chars = 0;
    }

    fn kind(&self, owner: NodeId) -> RawKind {
        if let Some(&level) = self.headings.last() {
            return RawKind::Heading(level);
        }
        if self.pres > 0 {
            return RawKind::Pre;
        }
        if self.captions > 0 {
            return RawKind::Caption;
        }
        let owner_tag = self.dom.tag(owner);
        if let Some(tag @ (Tag::Td | Tag::Th)) = owner_tag {
            let row = self.dom.node(owner).parent;
            if self.dom.tag(row) == Some(Tag::Tr) {
                // The cell's frame is among the nearest (only inline elements above it).
                let column = self
                    .frames
                    .iter()
                    .rev()
                    .take(32)
                    .find(|f| f.node == owner)
                    .map_or(0, |f| f.column);
                return RawKind::Cell {
                    row,
                    column,
                    header: tag == Tag::Th,
                };
            }
        }
        // The nearest of a list item or a quotation decides (looked for among
        // the nearest elements only: the cost stays constant per block).
        for frame in self.frames.iter().rev().take(32) {
            match frame.tag {
                Tag::Li | Tag::Dd | Tag::Dt if !self.lists.is_empty() || frame.tag != Tag::Li => {
                    return RawKind::ListItem {
                        ordered: self.lists.last().copied().unwrap_or(false),
                        depth: self.lists.len().clamp(1, u8::MAX as usize) as u8,
                    };
                }
                Tag::Li => {
                    return RawKind::ListItem {
                        ordered: false,
                        depth: 1,
                    };
                }
                Tag::Blockquote => return RawKind::Quote,
                // Text of a figure itself, around its picture: its caption.
                Tag::Figure => return RawKind::Caption,
                Tag::Td | Tag::Th | Tag::Table => return RawKind::Paragraph,
                _ => {}
            }
        }
        if self.figures > 0 {
            return RawKind::Caption;
        }
        RawKind::Paragraph
    }
}

/// The widest `colspan` counted: a cell's column is bounded however the page lies.
const MAX_COLSPAN: u32 = 1000;

/// A character that shows: not white space, not an invisible format
/// character (zero-width space, joiners, word joiner, BOM, soft hyphen).
fn is_visible(c: char) -> bool {
    !(c.is_whitespace()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{180e}'))
}

/// Preformatted text: trailing spaces and blank lines at both ends go.
fn trim_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let start = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    lines[start..end.max(start)].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(String, RawKind)> {
        let dom = Dom::parse(html);
        let resolver = Resolver::new(Some("https://news.example/a/b.html"));
        segment(&dom, &resolver)
            .blocks
            .into_iter()
            .map(|b| (b.text, b.kind))
            .collect()
    }

    #[test]
    fn text_is_cut_at_block_boundaries() {
        let got = blocks("<div>before <p>one  <b>two</b>\n three</p> after<br>line</div>");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["before", "one two three", "after\nline"]);
    }

    #[test]
    fn kinds_come_from_the_elements_around() {
        let got = blocks(
            "<h2>Head</h2><ul><li>a<ol><li>b</li></ol></li></ul><blockquote><p>q</p></blockquote>\
             <figure><figcaption>cap</figcaption></figure><table><tr><th>h</th><td>c</td></tr></table>\
             <pre>  x\n    y  \n</pre>",
        );
        let kinds: Vec<&RawKind> = got.iter().map(|(_, k)| k).collect();
        assert_eq!(kinds[0], &RawKind::Heading(2));
        assert_eq!(
            kinds[1],
            &RawKind::ListItem {
                ordered: false,
                depth: 1
            }
        );
        assert_eq!(
            kinds[2],
            &RawKind::ListItem {
                ordered: true,
                depth: 2
            }
        );
        assert_eq!(kinds[3], &RawKind::Quote);
        assert_eq!(kinds[4], &RawKind::Caption);
        assert!(matches!(kinds[5], RawKind::Cell { header: true, .. }));
        assert!(matches!(kinds[6], RawKind::Cell { header: false, .. }));
        assert_eq!(got[7], ("  x\n    y".to_string(), RawKind::Pre));
    }

    #[test]
    fn hidden_and_script_content_never_shows() {
        let got = blocks(
            "<p>seen<script>alert(1)</script><style>p{}</style></p><p hidden>no</p>\
             <p style='display: none'>no</p><div aria-hidden=true>no</div><noscript>no</noscript>",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "seen");
    }

    #[test]
    fn links_are_resolved_and_unsafe_ones_dropped() {
        let dom = Dom::parse(
            "<p><a href='/x'>rel</a> <a href='javascript:alert(1)'>js</a> \
             <a href='data:text/html,hi'>data</a> <a href='https://o.example/'>abs</a></p>",
        );
        let resolver = Resolver::new(Some("https://news.example/a/b.html"));
        let seg = segment(&dom, &resolver);
        let urls: Vec<&str> = seg.blocks[0].links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://news.example/x", "https://o.example/"]);
        assert_eq!(seg.blocks[0].link_chars, 3 + 2 + 4 + 3);
    }
}
