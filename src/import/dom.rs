//! The page as a tree: html5ever's spec-conformant HTML5 tree builder
//! writing into a flat arena (one `Vec` of nodes linked by index).
//!
//! Why our own sink rather than scraper's or markup5ever_rcdom's trees
//! (measured in docs/import.md): an arena frees in one go (rcdom's
//! `Rc<RefCell>` nodes drop recursively and need a special `Drop` for deep
//! trees), every walk here is a loop over indices (no recursion, so a
//! 10,000-deep page needs no stack), and each element carries a [`Tag`]
//! decided once, so the extraction matches tags with an integer compare.
//!
//! Hostile markup: the tree builder is fed in chunks, and parsing stops
//! (the page is cut, [`Dom::truncated`]) once the tree holds more nodes
//! than a budget proportional to the input. html5ever's "reconstruct the
//! active formatting elements" can create many nodes per input byte
//! (`<b id=1><b id=2>…` then paragraphs); the budget keeps both the time and
//! the memory of a parse linear in the page size.

use crate::corpus::grow;
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, local_name, ns};

/// A node's index in [`Dom::nodes`].
pub type NodeId = u32;
/// No node (the end of a list, the parent of the root).
pub const NONE: NodeId = u32::MAX;
/// The document node.
pub const ROOT: NodeId = 0;

/// Input fed to the tree builder at a time; the node budget is checked between chunks.
const CHUNK: usize = 16 * 1024;

/// The tags the importer tells apart; every other element is [`Tag::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    A,
    Article,
    Aside,
    B,
    Base,
    Blockquote,
    Body,
    Br,
    Button,
    Caption,
    Code,
    Dd,
    Details,
    Dialog,
    Div,
    Dl,
    Dt,
    Em,
    Embed,
    Figcaption,
    Figure,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Head,
    Header,
    Hr,
    Html,
    I,
    Iframe,
    Img,
    Input,
    Label,
    Li,
    Link,
    Main,
    Math,
    Menu,
    Meta,
    Nav,
    Noscript,
    Object,
    Ol,
    Option,
    P,
    Picture,
    Pre,
    Script,
    Section,
    Select,
    Source,
    Span,
    Strong,
    Style,
    Sub,
    Summary,
    Sup,
    Svg,
    Table,
    Tbody,
    Td,
    Template,
    Textarea,
    Tfoot,
    Th,
    Thead,
    Time,
    Title,
    Tr,
    U,
    Ul,
    Video,
    Audio,
    Canvas,
    Other,
}

impl Tag {
    fn of(name: &QualName) -> Tag {
        if name.ns == ns!(svg) {
            return if &*name.local == "svg" {
                Tag::Svg
            } else {
                Tag::Other
            };
        }
        if name.ns == ns!(mathml) {
            return if &*name.local == "math" {
                Tag::Math
            } else {
                Tag::Other
            };
        }
        match &*name.local {
            "a" => Tag::A,
            "article" => Tag::Article,
            "aside" => Tag::Aside,
            "audio" => Tag::Audio,
            "b" => Tag::B,
            "base" => Tag::Base,
            "blockquote" => Tag::Blockquote,
            "body" => Tag::Body,
            "br" => Tag::Br,
            "button" => Tag::Button,
            "canvas" => Tag::Canvas,
            "caption" => Tag::Caption,
            "code" => Tag::Code,
            "dd" => Tag::Dd,
            "details" => Tag::Details,
            "dialog" => Tag::Dialog,
            "div" => Tag::Div,
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "em" => Tag::Em,
            "embed" => Tag::Embed,
            "figcaption" => Tag::Figcaption,
            "figure" => Tag::Figure,
            "footer" => Tag::Footer,
            "form" => Tag::Form,
            "h1" => Tag::H1,
            "h2" => Tag::H2,
            "h3" => Tag::H3,
            "h4" => Tag::H4,
            "h5" => Tag::H5,
            "h6" => Tag::H6,
            "head" => Tag::Head,
            "header" => Tag::Header,
            "hr" => Tag::Hr,
            "html" => Tag::Html,
            "i" => Tag::I,
            "iframe" => Tag::Iframe,
            "img" => Tag::Img,
            "input" => Tag::Input,
            "label" => Tag::Label,
            "li" => Tag::Li,
            "link" => Tag::Link,
            "main" => Tag::Main,
            "menu" => Tag::Menu,
            "meta" => Tag::Meta,
            "nav" => Tag::Nav,
            "noscript" => Tag::Noscript,
            "object" => Tag::Object,
            "ol" => Tag::Ol,
            "option" => Tag::Option,
            "p" => Tag::P,
            "picture" => Tag::Picture,
            "pre" => Tag::Pre,
            "script" => Tag::Script,
            "section" => Tag::Section,
            "select" => Tag::Select,
            "source" => Tag::Source,
            "span" => Tag::Span,
            "strong" => Tag::Strong,
            "style" => Tag::Style,
            "sub" => Tag::Sub,
            "summary" => Tag::Summary,
            "sup" => Tag::Sup,
            "table" => Tag::Table,
            "tbody" => Tag::Tbody,
            "td" => Tag::Td,
            "template" => Tag::Template,
            "textarea" => Tag::Textarea,
            "tfoot" => Tag::Tfoot,
            "th" => Tag::Th,
            "thead" => Tag::Thead,
            "time" => Tag::Time,
            "title" => Tag::Title,
            "tr" => Tag::Tr,
            "u" => Tag::U,
            "ul" => Tag::Ul,
            "video" => Tag::Video,
            _ => Tag::Other,
        }
    }

    /// h1–h6 → 1–6.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Tag::H1 => Some(1),
            Tag::H2 => Some(2),
            Tag::H3 => Some(3),
            Tag::H4 => Some(4),
            Tag::H5 => Some(5),
            Tag::H6 => Some(6),
            _ => None,
        }
    }

    /// Elements whose content is never text a reader sees.
    pub fn is_never_shown(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Head
                | Tag::Title
                | Tag::Meta
                | Tag::Link
                | Tag::Base
                | Tag::Svg
                | Tag::Math
                | Tag::Select
                | Tag::Option
                | Tag::Textarea
                | Tag::Input
                | Tag::Button
                | Tag::Iframe
                | Tag::Object
                | Tag::Embed
                | Tag::Canvas
                | Tag::Video
                | Tag::Audio
                | Tag::Source
                | Tag::Picture
                | Tag::Img
                | Tag::Dialog
        )
    }

    /// Elements that start a new block of text (everything else flows inline).
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Body
                | Tag::Caption
                | Tag::Dd
                | Tag::Details
                | Tag::Div
                | Tag::Dl
                | Tag::Dt
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hr
                | Tag::Html
                | Tag::Li
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr
                | Tag::Ul
                | Tag::Iframe
                | Tag::Video
                | Tag::Audio
                | Tag::Object
                | Tag::Embed
        )
    }
}

#[derive(Debug)]
pub struct Element {
    pub name: QualName,
    pub tag: Tag,
    pub attrs: Vec<Attribute>,
}

impl Element {
    /// The value of attribute `name` (lower case, no namespace).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    pub fn id(&self) -> &str {
        self.attr("id").unwrap_or("")
    }

    pub fn class(&self) -> &str {
        self.attr("class").unwrap_or("")
    }

    /// Whether the class attribute holds `class` as one of its words.
    pub fn has_class(&self, class: &str) -> bool {
        self.class().split_ascii_whitespace().any(|c| c == class)
    }
}

#[derive(Debug)]
pub enum NodeData {
    Document,
    Element(Element),
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: never shown.
    Other,
}

#[derive(Debug)]
pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev: NodeId,
    pub next: NodeId,
    pub data: NodeData,
}

impl Node {
    fn new(data: NodeData) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
        }
    }

    pub fn element(&self) -> Option<&Element> {
        match &self.data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn tag(&self) -> Option<Tag> {
        self.element().map(|e| e.tag)
    }

    pub fn text(&self) -> Option<&str> {
        match &self.data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// Parsing stopped early: the page built far more nodes than its size explains.
    pub truncated: bool,
    /// Elements nested deeper than [`MAX_DEPTH`] were left out (their text is kept).
    pub flattened: bool,
    /// Tokens the tree builder was given plus the depth of its stack at each
    /// start tag: an upper bound, up to a constant, on the steps it took
    /// (its scans never go deeper than the stack). Tests compare it at n and 4n.
    pub work: u64,
}

impl Dom {
    /// What the import says of a tree it had to cut: `what` is the markup's
    /// subject ("the page", "the feed's HTML for this item").
    pub fn warnings(&self, what: &str) -> Vec<String> {
        let mut warnings = Vec::new();
        if self.flattened {
            warnings.push(format!(
                "{what} nests elements more than {MAX_DEPTH} deep; the deeper ones were flattened, their text kept"
            ));
        }
        if self.truncated {
            warnings.push(format!(
                "{what} builds far more elements than its size explains; it was read only in part"
            ));
        }
        warnings
    }

    /// Parses `html` as a whole document, as a browser would (scripting on:
    /// a `<noscript>`'s content stays one text node, never shown).
    pub fn parse(html: &str) -> Dom {
        let sink = Sink {
            nodes: RefCell::new(vec![Node::new(NodeData::Document)]),
            quirks: Cell::new(QuirksMode::NoQuirks),
        };
        let builder = TreeBuilder::new(
            sink,
            TreeBuilderOpts {
                drop_doctype: true,
                ..Default::default()
            },
        );
        let guard = DepthGuard {
            inner: builder,
            shadow: RefCell::new(Shadow::default()),
        };
        let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
        let budget = node_budget(html.len());
        let queue = BufferQueue::default();
        let mut truncated = false;
        let mut rest = html;
        while !rest.is_empty() {
            let mut cut = rest.len().min(CHUNK);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (chunk, tail) = rest.split_at(cut);
            queue.push_back(StrTendril::from_slice(chunk));
            // Script and encoding-indicator pauses just resume: scripts never
            // run, and the encoding was settled before parsing (charset.rs).
            while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
            rest = tail;
            if tokenizer.sink.inner.sink.nodes.borrow().len() > budget {
                truncated = true;
                break;
            }
        }
        if !truncated {
            tokenizer.end();
        }
        let flattened = tokenizer.sink.shadow.borrow().dropped_any;
        let work = tokenizer.sink.shadow.borrow().work;
        let sink = tokenizer.sink.inner.sink;
        Dom {
            nodes: sink.nodes.into_inner(),
            truncated,
            flattened,
            work,
        }
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        self.node(id).element()
    }

    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        self.node(id).tag()
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).first_child,
        }
    }

    /// `id` and every node under it, in document order (a loop, no recursion).
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: id,
        }
    }

    /// The node after `id` in document order, skipping `id`'s subtree, within `root`.
    pub fn next_skipping(&self, id: NodeId, root: NodeId) -> NodeId {
        let mut at = id;
        loop {
            if at == root {
                return NONE;
            }
            let node = self.node(at);
            if node.next != NONE {
                return node.next;
            }
            at = node.parent;
            if at == NONE {
                return NONE;
            }
        }
    }

    /// All the text under `id`, as is (scripts, styles and other hidden
    /// elements left out), appended to `out`.
    pub fn append_text(&self, id: NodeId, out: &mut String) {
        let mut at = id;
        while at != NONE {
            let node = self.node(at);
            match &node.data {
                NodeData::Text(t) => out.push_str(t),
                NodeData::Element(e) if e.tag.is_never_shown() && at != id => {
                    at = self.next_skipping(at, id);
                    continue;
                }
                _ => {}
            }
            at = if node.first_child != NONE {
                node.first_child
            } else {
                self.next_skipping(at, id)
            };
        }
    }

    /// The raw text under `id` (a script's, a style's), at most `max` bytes more.
    pub fn append_raw_text(&self, id: NodeId, out: &mut String, max: usize) {
        let limit = out.len().saturating_add(max);
        for n in self.descendants(id) {
            if let Some(t) = self.node(n).text() {
                if out.len() + t.len() > limit {
                    return;
                }
                out.push_str(t);
            }
        }
    }

    /// The text under `id` with runs of white space made one space, trimmed.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut raw = String::new();
        self.append_text(id, &mut raw);
        collapse_whitespace(&raw)
    }

    /// The first element with tag `tag` under `id` (or `id` itself).
    pub fn find(&self, id: NodeId, tag: Tag) -> Option<NodeId> {
        self.descendants(id).find(|&n| self.tag(n) == Some(tag))
    }
}

/// Runs of HTML white space (and no-break spaces are kept: they are text) → one space, trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Most nodes a page may build: one per 4 bytes (real pages spend 10 bytes
/// a node at the very least, 30 to 100 usually: measured on the benchmark's
/// and Readability's 263 pages), so only pathological markup reaches it, and
/// memory stays within a constant times the page.
fn node_budget(len: usize) -> usize {
    (len / 4).saturating_add(20_000)
}

/// Deepest nesting the tree builder is given (Blink's parser flattens past 512;
/// real pages nest 30 to 80 deep). Each token costs the tree builder up to
/// this many steps, so it is the constant of the parse's linear cost.
pub const MAX_DEPTH: usize = 256;

/// html5ever's tree builder scans its stack of open elements for many
/// start tags ("is there a `<p>` in button scope?"), so a page that nests
/// `<div>`s 100,000 deep costs it 100,000² steps. This filter between the
/// tokenizer and the tree builder keeps a shadow of that stack (the same
/// implied closings for `<p>`, `<li>`, table parts; void elements never
/// pushed; self-closing tags only pushed outside SVG and MathML) and drops
/// start tags past [`MAX_DEPTH`] with their end tags: their text stays, at
/// the deepest level. Each token costs O(1) amortised here and the tree
/// builder never sees a stack deeper than about `MAX_DEPTH`.
struct DepthGuard<S> {
    inner: S,
    shadow: RefCell<Shadow>,
}

#[derive(Default)]
struct Shadow {
    stack: Vec<LocalName>,
    /// Where each tag is on `stack` (indices, innermost last).
    at: HashMap<LocalName, Vec<usize>>,
    /// Start tags dropped and not closed yet, per tag.
    dropped: HashMap<LocalName, u32>,
    dropped_any: bool,
    /// Tokens seen plus the stack depth at each start tag: a bound on the tree builder's work.
    work: u64,
    /// Open `<svg>` and `<math>` elements (self-closing tags close themselves there).
    foreign: u32,
}

impl Shadow {
    fn push(&mut self, name: LocalName) {
        if name == local_name!("svg") || name == local_name!("math") {
            self.foreign += 1;
        }
        self.at
            .entry(name.clone())
            .or_default()
            .push(self.stack.len());
        self.stack.push(name);
    }

    fn top(&self, name: &str) -> Option<usize> {
        self.at
            .get(&LocalName::from(name))
            .and_then(|v| v.last().copied())
    }

    /// Pops down to and including the topmost `name`, if one is open.
    fn close(&mut self, name: &LocalName) {
        if self.at.get(name).is_none_or(Vec::is_empty) {
            return;
        }
        while let Some(top) = self.stack.pop() {
            if let Some(v) = self.at.get_mut(&top) {
                v.pop();
            }
            if top == local_name!("svg") || top == local_name!("math") {
                self.foreign = self.foreign.saturating_sub(1);
            }
            if &top == name {
                break;
            }
        }
    }

    /// Closes the topmost `name` when no element of `boundaries` is open above it
    /// (the scope in which a start tag implies the end of an open one).
    fn close_in_scope(&mut self, name: &LocalName, boundaries: &[&str]) {
        let Some(at) = self.at.get(name).and_then(|v| v.last().copied()) else {
            return;
        };
        if boundaries
            .iter()
            .any(|b| self.top(b).is_some_and(|i| i > at))
        {
            return;
        }
        self.close(name);
    }
}

/// Elements that bound the scope of an implied `</p>`, `</a>` or `</button>`.
const SCOPE: &[&str] = &[
    "table", "td", "th", "caption", "button", "object", "applet", "marquee", "template", "svg",
    "math",
];
const LIST_SCOPE: &[&str] = &["ul", "ol", "menu", "table", "td", "th"];
const DL_SCOPE: &[&str] = &["dl", "table", "td", "th"];
const TABLE_SCOPE: &[&str] = &["table"];
const SELECT_SCOPE: &[&str] = &["select", "datalist"];

/// Elements with no content: never on the stack.
fn is_void(name: &LocalName) -> bool {
    matches!(
        &**name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The scope in which a start tag closes an open element of the same name, if it does.
fn same_name_scope(name: &LocalName) -> Option<&'static [&'static str]> {
    Some(match &**name {
        "p" | "a" | "nobr" | "button" => SCOPE,
        "li" => LIST_SCOPE,
        "dd" | "dt" => DL_SCOPE,
        "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "caption" | "colgroup" => TABLE_SCOPE,
        "option" | "optgroup" => SELECT_SCOPE,
        "rb" | "rt" | "rp" | "rtc" => SCOPE,
        _ => return None,
    })
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &LocalName) -> bool {
    matches!(
        &**name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "listing"
            | "form"
            | "table"
            | "xmp"
            | "plaintext"
    )
}

/// Tags never dropped: the document's frame, and those that switch the tokenizer's state.
fn never_dropped(name: &LocalName) -> bool {
    matches!(
        &**name,
        "html"
            | "head"
            | "body"
            | "script"
            | "style"
            | "textarea"
            | "title"
            | "plaintext"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "template"
            | "frameset"
    )
}

impl<S: TokenSink> TokenSink for DepthGuard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        self.shadow.borrow_mut().work += 1;
        if let Token::TagToken(tag) = &token {
            let mut shadow = self.shadow.borrow_mut();
            if tag.kind == TagKind::StartTag {
                shadow.work += shadow.stack.len() as u64;
            }
            match tag.kind {
                TagKind::StartTag => {
                    let name = &tag.name;
                    if matches!(&**name, "html" | "head" | "body") || is_void(name) {
                        // Not pushed (or already on the stack).
                    } else if tag.self_closing && shadow.foreign > 0 {
                        // <path/> in an SVG: opens and closes.
                    } else {
                        if let Some(scope) = same_name_scope(name) {
                            shadow.close_in_scope(name, scope);
                        }
                        if closes_p(name) {
                            shadow.close_in_scope(&local_name!("p"), SCOPE);
                        }
                        if shadow.stack.len() >= MAX_DEPTH && !never_dropped(name) {
                            *shadow.dropped.entry(name.clone()).or_insert(0) += 1;
                            shadow.dropped_any = true;
                            return TokenSinkResult::Continue;
                        }
                        shadow.push(name.clone());
                    }
                }
                TagKind::EndTag => {
                    if let Some(count) = shadow.dropped.get_mut(&tag.name)
                        && *count > 0
                    {
                        *count -= 1;
                        return TokenSinkResult::Continue;
                    }
                    shadow.close(&tag.name);
                }
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.node(id).next;
        Some(id)
    }
}

pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        let node = self.dom.node(id);
        self.next = if node.first_child != NONE {
            node.first_child
        } else {
            self.dom.next_skipping(id, self.root)
        };
        Some(id)
    }
}

/// The tree builder's side: html5ever calls these as it parses.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    quirks: Cell<QuirksMode>,
}

impl Sink {
    fn push(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        let id = nodes.len() as NodeId;
        grow::push(&mut nodes, Node::new(data));
        id
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = {
            let n = &nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev as usize].next = next;
        } else {
            nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            nodes[next as usize].prev = prev;
        } else {
            nodes[parent as usize].last_child = prev;
        }
        let n = &mut nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    fn append_node(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let last = nodes[parent as usize].last_child;
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = last;
        }
        if last != NONE {
            nodes[last as usize].next = child;
        } else {
            nodes[parent as usize].first_child = child;
        }
        nodes[parent as usize].last_child = child;
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let (parent, prev) = {
            let s = &nodes[sibling as usize];
            (s.parent, s.prev)
        };
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        nodes[sibling as usize].prev = child;
        if prev != NONE {
            nodes[prev as usize].next = child;
        } else if parent != NONE {
            nodes[parent as usize].first_child = child;
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Sink;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Sink {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        ROOT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| {
            match &nodes[*target as usize].data {
                NodeData::Element(e) => &e.name,
                // The tree builder only asks for elements' names.
                _ => &PLACEHOLDER_NAME,
            }
        })
    }

    fn create_element(&self, name: QualName, mut attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        // The tokenizer's list has room for four: most elements have one or none.
        attrs.shrink_to_fit();
        let tag = Tag::of(&name);
        self.push(NodeData::Element(Element { name, tag, attrs }))
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(child) => {
                Self::append_node(&mut self.nodes.borrow_mut(), *parent, child)
            }
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                let last = nodes[*parent as usize].last_child;
                if last != NONE
                    && let NodeData::Text(t) = &mut nodes[last as usize].data
                {
                    t.push_tendril(&text);
                    return;
                }
                drop(nodes);
                let id = self.push(NodeData::Text(text));
                Self::append_node(&mut self.nodes.borrow_mut(), *parent, id);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow()[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // The template's content is its children here; never shown anyway.
        *target
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        match new_node {
            NodeOrText::AppendNode(child) => {
                Self::insert_before(&mut self.nodes.borrow_mut(), *sibling, child)
            }
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                let prev = nodes[*sibling as usize].prev;
                if prev != NONE
                    && let NodeData::Text(t) = &mut nodes[prev as usize].data
                {
                    t.push_tendril(&text);
                    return;
                }
                drop(nodes);
                let id = self.push(NodeData::Text(text));
                Self::insert_before(&mut self.nodes.borrow_mut(), *sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let NodeData::Element(e) = &mut nodes[*target as usize].data {
            for attr in attrs {
                if !e.attrs.iter().any(|a| a.name == attr.name) {
                    e.attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[*node as usize].first_child;
        while child != NONE {
            let next = nodes[child as usize].next;
            Self::append_node(&mut nodes, *new_parent, child);
            child = next;
        }
    }
}

static PLACEHOLDER_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, ns!(html), LocalName::from("")));

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(dom: &Dom, tag: Tag) -> Vec<String> {
        dom.descendants(ROOT)
            .filter(|&n| dom.tag(n) == Some(tag))
            .map(|n| dom.text_of(n))
            .collect()
    }

    #[test]
    fn parses_like_a_browser() {
        let dom = Dom::parse("<title>T</title><p>one<p>two <b>bold</b><script>x()</script>");
        assert_eq!(texts(&dom, Tag::P), ["one", "two bold"]);
        assert_eq!(texts(&dom, Tag::Title), ["T"]);
        assert!(!dom.truncated);
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        let dom = Dom::parse("<p><b>1<i>2</b>3</i>4</p>");
        assert_eq!(texts(&dom, Tag::P), ["1234"]);
        assert_eq!(texts(&dom, Tag::I), ["2", "3"]);
    }

    #[test]
    fn tables_foster_parent_stray_text() {
        let dom = Dom::parse("<table>before<tr><td>cell</td></tr></table>");
        let body = dom.find(ROOT, Tag::Body).unwrap();
        assert_eq!(dom.text_of(body), "beforecell");
    }

    #[test]
    fn attributes_are_read() {
        let dom = Dom::parse(r#"<div id="main" class="a  story b">x</div>"#);
        let div = dom.find(ROOT, Tag::Div).unwrap();
        let e = dom.element(div).unwrap();
        assert_eq!(e.id(), "main");
        assert!(e.has_class("story"));
        assert!(!e.has_class("stor"));
    }

    #[test]
    fn deep_nesting_is_flattened_past_the_limit_text_kept() {
        let depth = 10_000;
        let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let dom = Dom::parse(&html);
        let body = dom.find(ROOT, Tag::Body).unwrap();
        assert_eq!(dom.text_of(body), "deep");
        assert!(dom.flattened && !dom.truncated);
        let divs = dom
            .descendants(ROOT)
            .filter(|&n| dom.tag(n) == Some(Tag::Div))
            .count();
        assert!((MAX_DEPTH - 10..=MAX_DEPTH).contains(&divs), "{divs}");
    }

    #[test]
    fn ordinary_nesting_is_untouched() {
        // Unclosed <p>, <li>, table cells and SVG paths never count as depth.
        let mut html = String::from("<svg>");
        html.push_str(&"<path d='M0 0'/>".repeat(2000));
        html.push_str("</svg>");
        html.push_str(&"<p>para".repeat(2000));
        html.push_str("<ul>");
        html.push_str(&"<li>item".repeat(2000));
        html.push_str("</ul><table>");
        html.push_str(&"<tr><td>a<td>b".repeat(2000));
        html.push_str("</table><div><div><p>last</div></div>");
        let dom = Dom::parse(&html);
        assert!(!dom.flattened);
        let count = |tag| {
            dom.descendants(ROOT)
                .filter(|&n| dom.tag(n) == Some(tag))
                .count()
        };
        assert_eq!(count(Tag::P), 2001);
        assert_eq!(count(Tag::Li), 2000);
        assert_eq!(count(Tag::Td), 4000);
    }

    #[test]
    fn stray_end_tags_do_not_hide_depth() {
        // </span> closes nothing: the <div>s stay open and still count.
        let html = "<div></span>".repeat(5000);
        let dom = Dom::parse(&html);
        assert!(dom.flattened);
        let divs = dom
            .descendants(ROOT)
            .filter(|&n| dom.tag(n) == Some(Tag::Div))
            .count();
        assert!(divs <= MAX_DEPTH, "{divs}");
    }

    #[test]
    fn formatting_bombs_stop_at_the_node_budget() {
        // Every <p> re-opens all the unclosed <b>s before it: without the
        // depth guard and the budget this builds (n²)/2 elements.
        let n = 3_000;
        let mut html = String::new();
        for i in 0..n {
            html.push_str(&format!("<b id={i}>"));
        }
        for _ in 0..n {
            html.push_str("</p>x<p>");
        }
        let dom = Dom::parse(&html);
        assert!(dom.nodes.len() <= node_budget(html.len()) + MAX_DEPTH * CHUNK);
    }
}
