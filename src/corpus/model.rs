//! The in-memory corpus: validated, sanitised text with indices.
//!
//! Everything here has been through `read` and `validate` (format → validation →
//! sanitisation), so every string is safe to put on a terminal and every
//! cross-reference resolves. Nothing in this module does I/O.
//!
//! What the reader needs of an article beyond its text is derived here, in
//! one place: its posts, citations and indices when it is built
//! ([`Article::new`]); the URLs written in
//! its text and the links no source names on first use ([`Article::urls`],
//! [`Article::links`]), so that `--check` or `--dump` of a large corpus
//! never scans for them.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::OnceLock;

use super::cost::{self, Work};
pub use super::refs::{BlockRef, TextRef, TextSpan, spans_touching};
use super::{grow, links};

/// A string of the model: up to 24 bytes held inline (ids, names, handles,
/// dates, short texts need no allocation of their own), longer ones on the
/// heap as a `String` would be; it derefs to `str`.
pub type Text = compact_str::CompactString;

/// A whole corpus: one or more articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    pub articles: Vec<Article>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: Text,
    pub title: Text,
    /// Its language, notice, date, origin and byline, those it has
    /// ([`Article::language`]…), boxed: an article of little text is mostly
    /// these fields, empty.
    about: Option<Box<About>>,
    pub sections: Vec<Section>,
    pub sources: Vec<Source>,
    /// Every post block, in reading order.
    pub posts: Vec<BlockRef>,
    /// For each source (same index as `sources`), the blocks citing it, in reading order.
    pub citations: Citations,
    /// Source, section and post ids → their place ([`Article::source_index`],
    /// [`Article::section_index`], [`Article::post_index`]).
    ids: Ids,
    /// The URLs in the text and the links no source names, found on first use.
    links: Derived<Box<ArticleLinks>>,
    /// Each post's card line ([`Post::meta`]), made on first use.
    metas: Derived<Box<Metas>>,
}

/// What an article says about itself, when it does.
#[derive(Debug, Clone, Default, PartialEq)]
struct About {
    language: Option<Text>,
    notice: Option<Text>,
    date: Option<Text>,
    url: Option<Text>,
    byline: Option<Text>,
}

impl About {
    /// Boxed if any is given.
    fn boxed(self) -> Option<Box<About>> {
        (self != About::default()).then(|| Box::new(self))
    }
}

/// What an article is made of, before [`Article::new`] builds its indices.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleParts {
    pub id: Text,
    pub title: Text,
    pub language: Option<Text>,
    pub notice: Option<Text>,
    /// ISO 8601, already checked to parse.
    pub date: Option<Text>,
    pub sections: Vec<Section>,
    pub sources: Vec<Source>,
}

/// What an untitled lead section is called wherever sections are named
/// (the reader, `--toc`, `--search`).
pub const LEAD_LABEL: &str = "Lead";

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: Text,
    /// `None` for an untitled lead section.
    pub heading: Option<Text>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    /// Boxed: a post is three times the size of a paragraph, and most
    /// blocks are paragraphs.
    Post(Box<Post>),
}

/// A block of text: a paragraph, or a list item, quotation, caption, table
/// row or preformatted text (its `kind`). Everything that reads text (search,
/// links, the dump) reads them alike; only how they are laid out differs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub text: Text,
    /// Indices into `Article::sources`.
    pub cites: Box<[usize]>,
    pub kind: TextKind,
}

/// What a [`Paragraph`] block is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TextKind {
    #[default]
    Paragraph,
    /// `depth` 1 for a top-level list; `number` is the item's place (from 1)
    /// in its run of items of the same kind at its depth ([`Article::new`]).
    ListItem {
        ordered: bool,
        depth: u8,
        number: u32,
    },
    Quote,
    Caption,
    /// Preformatted: line breaks and runs of spaces kept.
    Code,
    /// The text holds the cells joined by [`CELL_SEPARATOR`]; `cells` are
    /// their byte ranges in it.
    TableRow {
        header: bool,
        cells: Cells,
    },
}

/// A table row's cells: their byte ranges in its text, behind one pointer
/// (a table row is rare; every block is as large as its largest kind, so
/// this keeps each block 8 bytes smaller). Derefs to the ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells(Box<Box<[Range<usize>]>>);

impl From<Vec<Range<usize>>> for Cells {
    fn from(ranges: Vec<Range<usize>>) -> Cells {
        Cells(Box::new(ranges.into_boxed_slice()))
    }
}

impl std::ops::Deref for Cells {
    type Target = [Range<usize>];

    fn deref(&self) -> &[Range<usize>] {
        &self.0
    }
}

/// What joins a table row's cells into its text (what search and the dump see).
pub const CELL_SEPARATOR: &str = " | ";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Platform {
    X,
    Bluesky,
    Telegram,
    Mastodon,
    Instagram,
    TikTok,
    Facebook,
    Threads,
    YouTube,
    Vimeo,
    #[default]
    Other,
}

impl Platform {
    pub fn label(self) -> &'static str {
        match self {
            Platform::X => "X",
            Platform::Bluesky => "Bluesky",
            Platform::Telegram => "Telegram",
            Platform::Mastodon => "Mastodon",
            Platform::Instagram => "Instagram",
            Platform::TikTok => "TikTok",
            Platform::Facebook => "Facebook",
            Platform::Threads => "Threads",
            Platform::YouTube => "YouTube",
            Platform::Vimeo => "Vimeo",
            Platform::Other => "other",
        }
    }
}

/// An embedded post. A post the page included has an author, a handle, a
/// date and its text; one it did not (an embed already turned into a
/// player, only its address left) has a `url` and whatever else is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Post {
    pub id: Text,
    pub platform: Platform,
    pub author: Option<Text>,
    /// Without the leading `@` (the UI adds it).
    pub handle: Option<Text>,
    /// As written in the corpus (ISO 8601 date or RFC 3339 date-time), already checked to parse.
    pub date: Option<Text>,
    /// What a post not included calls itself (a video's title).
    pub title: Option<Text>,
    /// May hold `\n` line breaks; no other control character. `None`: the
    /// page did not include the post (then `url` is known).
    pub text: Option<Text>,
    pub truncated: bool,
    pub url: Option<Text>,
    pub links: Vec<Text>,
    /// Indices into `Article::sources`.
    pub cites: Box<[usize]>,
}

impl Post {
    /// Whether the page included the post, or only its address (then the
    /// reader says so, and `o` opens it).
    pub fn included(&self) -> bool {
        self.text.is_some()
    }

    /// The line a card shows under the author, `@handle · platform · date`,
    /// what the post does not say left out (the platform is always known),
    /// the date as the corpus writes it (as `--dump` prints it).
    pub fn meta(&self) -> String {
        let mut meta = String::new();
        if let Some(handle) = &self.handle {
            meta.push('@');
            meta.push_str(handle);
            meta.push_str(" · ");
        }
        meta.push_str(self.platform.label());
        if let Some(date) = &self.date {
            meta.push_str(" · ");
            meta.push_str(date);
        }
        meta
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    Person,
    Organisation,
    Outlet,
    Account,
    Link,
}

impl SourceKind {
    pub const ALL: [SourceKind; 5] = [
        SourceKind::Person,
        SourceKind::Organisation,
        SourceKind::Outlet,
        SourceKind::Account,
        SourceKind::Link,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organisation => "organisation",
            SourceKind::Outlet => "outlet",
            SourceKind::Account => "account",
            SourceKind::Link => "link",
        }
    }

    /// Heading of the group in the Sources pane.
    pub fn group_label(self) -> &'static str {
        match self {
            SourceKind::Person => "People",
            SourceKind::Organisation => "Organisations",
            SourceKind::Outlet => "Outlets",
            SourceKind::Account => "Accounts",
            SourceKind::Link => "Links",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: Text,
    pub kind: SourceKind,
    pub name: Text,
    pub description: Option<Text>,
    pub url: Option<Text>,
}

impl Section {
    /// The heading, or [`LEAD_LABEL`] for an untitled section.
    pub fn label(&self) -> &str {
        self.heading.as_deref().unwrap_or(LEAD_LABEL)
    }

    /// Bytes of paragraph and post text in the section.
    pub fn text_bytes(&self) -> usize {
        self.blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph(p) => p.text.len(),
                Block::Post(post) => post.text.as_ref().map_or(0, |t| t.len()),
            })
            .sum()
    }
}

impl Block {
    pub fn cites(&self) -> &[usize] {
        match self {
            Block::Paragraph(p) => &p.cites,
            Block::Post(p) => &p.cites,
        }
    }

    pub fn as_paragraph(&self) -> Option<&Paragraph> {
        match self {
            Block::Paragraph(p) => Some(p),
            Block::Post(_) => None,
        }
    }

    pub fn as_post(&self) -> Option<&Post> {
        match self {
            Block::Post(p) => Some(p),
            Block::Paragraph(_) => None,
        }
    }
}

impl Article {
    /// Builds an article and its indices from validated parts.
    pub fn new(parts: ArticleParts) -> Article {
        let ArticleParts {
            id,
            title,
            language,
            notice,
            date,
            mut sections,
            sources,
        } = parts;
        for section in &mut sections {
            number_list_items(&mut section.blocks);
        }
        let mut posts = Vec::new();
        for (s, section) in sections.iter().enumerate() {
            for (b, block) in section.blocks.iter().enumerate() {
                if let Block::Post(_) = block {
                    posts.push(BlockRef {
                        section: s as u32,
                        block: b as u32,
                    });
                }
            }
        }
        posts.shrink_to_fit();
        let citations = Citations::of(&sections, sources.len());
        let post_id = |i: usize| {
            let at: BlockRef = posts[i];
            match &sections[at.section as usize].blocks[at.block as usize] {
                Block::Post(post) => post.id.as_str(),
                Block::Paragraph(_) => "",
            }
        };
        let ids = Ids::new([
            (sources.len(), &|i| &sources[i].id),
            (sections.len(), &|i| &sections[i].id),
            (posts.len(), &post_id),
        ]);
        Article {
            id,
            title,
            about: About {
                language,
                notice,
                date,
                ..About::default()
            }
            .boxed(),
            sections,
            sources,
            posts,
            citations,
            ids,
            links: Derived::default(),
            metas: Derived::default(),
        }
    }

    /// The article with where it was published and who wrote it (format
    /// v1's optional `url` and `byline`).
    pub fn with_origin(mut self, url: Option<Text>, byline: Option<Text>) -> Article {
        let mut about = self.about.take().map(|a| *a).unwrap_or_default();
        about.url = url;
        about.byline = byline;
        self.about = about.boxed();
        self
    }

    fn about(&self, field: impl Fn(&About) -> &Option<Text>) -> Option<&str> {
        self.about.as_deref().and_then(|a| field(a).as_deref())
    }

    /// Its language (a BCP 47 tag), when the corpus says.
    pub fn language(&self) -> Option<&str> {
        self.about(|a| &a.language)
    }

    /// A line to show above the article (an event passed, a correction).
    pub fn notice(&self) -> Option<&str> {
        self.about(|a| &a.notice)
    }

    /// As written in the corpus (ISO 8601), already checked to parse.
    pub fn date(&self) -> Option<&str> {
        self.about(|a| &a.date)
    }

    /// Where it was published (an http(s) URL), when the corpus says.
    pub fn url(&self) -> Option<&str> {
        self.about(|a| &a.url)
    }

    /// Who wrote it, when the corpus says.
    pub fn byline(&self) -> Option<&str> {
        self.about(|a| &a.byline)
    }

    /// The host of the article's `url` (`www.` left off): where it comes from.
    pub fn host(&self) -> Option<String> {
        let url = url::Url::parse(self.url()?).ok()?;
        let host = url.host_str()?;
        Some(host.strip_prefix("www.").unwrap_or(host).to_string())
    }

    /// The index in `sources` of the source with this id.
    pub fn source_index(&self, id: &str) -> Option<usize> {
        let sources = self.sources.len();
        self.ids.find(0, sources, id, |i| &self.sources[i].id)
    }

    /// The index in `sections` of the section with this id.
    pub fn section_index(&self, id: &str) -> Option<usize> {
        let (sources, sections) = (self.sources.len(), self.sections.len());
        self.ids
            .find(sources, sections, id, |i| &self.sections[i].id)
    }

    /// Where the post with this id stands.
    pub fn post_index(&self, id: &str) -> Option<BlockRef> {
        let post_id = |i: usize| self.post(self.posts[i]).map_or("", |p| p.id.as_str());
        let start = self.sources.len() + self.sections.len();
        self.ids
            .find(start, self.posts.len(), id, post_id)
            .map(|i| self.posts[i])
    }

    /// The sources of one kind (indices into `sources`), in corpus order.
    pub fn sources_of(&self, kind: SourceKind) -> impl Iterator<Item = usize> + '_ {
        (0..self.sources.len()).filter(move |&i| self.sources[i].kind == kind)
    }

    /// Bytes of paragraph and post text in the whole article.
    pub fn text_bytes(&self) -> usize {
        self.sections.iter().map(Section::text_bytes).sum()
    }

    /// Every URL written in a paragraph or a post's text
    /// ([`links::find_urls`]), in reading order.
    pub fn urls(&self) -> &Urls {
        &self.derived_links().urls
    }

    /// The links shown in the article (a post's `url` or `links`, or a URL
    /// in the text) that no source's `url` names, in order of first appearance.
    pub fn links(&self) -> Links<'_> {
        Links {
            article: self,
            links: self.derived_links(),
        }
    }

    /// [`Article::urls`] if they have been found, else none: what the
    /// reader draws while a worker finds them (it never waits for them).
    pub fn urls_found(&self) -> &Urls {
        self.links.0.get().map_or(&NO_LINKS.urls, |l| &l.urls)
    }

    /// [`Article::links`] if they have been found, else none (see [`Article::urls_found`]).
    pub fn links_found(&self) -> Links<'_> {
        Links {
            article: self,
            links: self.links.0.get().map_or(&NO_LINKS, |l| l),
        }
    }

    /// Whether the URLs and links have been found ([`Article::urls`] was called).
    pub fn are_links_found(&self) -> bool {
        self.links.0.get().is_some()
    }

    fn derived_links(&self) -> &ArticleLinks {
        self.links
            .0
            .get_or_init(|| Box::new(ArticleLinks::find(self)))
    }

    pub fn block(&self, at: BlockRef) -> Option<&Block> {
        self.sections
            .get(at.section as usize)?
            .blocks
            .get(at.block as usize)
    }

    pub fn post(&self, at: BlockRef) -> Option<&Post> {
        self.block(at)?.as_post()
    }

    /// Every block in reading order with where it stands.
    pub fn blocks(&self) -> impl Iterator<Item = (BlockRef, &Block)> {
        self.sections.iter().enumerate().flat_map(|(s, section)| {
            section.blocks.iter().enumerate().map(move |(b, block)| {
                (
                    BlockRef {
                        section: s as u32,
                        block: b as u32,
                    },
                    block,
                )
            })
        })
    }
}

/// Numbers list items: each item's place in its run of items of the same
/// kind (bulleted or numbered) at its depth; a deeper item does not end the
/// run, anything else does. One pass, a counter per depth.
fn number_list_items(blocks: &mut [Block]) {
    let mut runs: Vec<(bool, u32)> = Vec::new();
    for block in blocks {
        let Block::Paragraph(Paragraph {
            kind:
                TextKind::ListItem {
                    ordered,
                    depth,
                    number,
                },
            ..
        }) = block
        else {
            runs.clear();
            continue;
        };
        let level = usize::from((*depth).max(1));
        runs.truncate(level);
        runs.resize(level, (*ordered, 0));
        let run = &mut runs[level - 1];
        if run.0 != *ordered {
            *run = (*ordered, 0);
        }
        run.1 += 1;
        *number = run.1;
    }
}

/// For each source, the blocks citing it, in reading order, all in one
/// list (12 bytes a citation and a source, rather than a list each).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citations {
    /// Where each source's blocks start in `places`, and where the last's end.
    starts: Box<[u32]>,
    places: Box<[BlockRef]>,
}

impl Citations {
    /// The citations of `sources` sources by the blocks of `sections`.
    fn of(sections: &[Section], sources: usize) -> Citations {
        let blocks = || {
            sections.iter().enumerate().flat_map(|(s, section)| {
                section.blocks.iter().enumerate().map(move |(b, block)| {
                    let at = BlockRef {
                        section: s as u32,
                        block: b as u32,
                    };
                    (at, block.cites())
                })
            })
        };
        if sources == 0 {
            return Citations::default();
        }
        // Counted, then placed: a block cites a source once at most.
        let mut starts = vec![0u32; sources + 1];
        for (_, cites) in blocks() {
            for &c in cites.iter().filter(|&&c| c < sources) {
                starts[c + 1] += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next: Vec<u32> = starts[..sources].to_vec();
        let mut places = vec![BlockRef::default(); starts[sources] as usize];
        let mut repeated = false;
        for (at, cites) in blocks() {
            for &c in cites.iter().filter(|&&c| c < sources) {
                let end = next[c] as usize;
                if end > starts[c] as usize && places[end - 1] == at {
                    repeated = true;
                    continue;
                }
                places[end] = at;
                next[c] += 1;
            }
        }
        if repeated {
            // A block citing a source twice (never from a validated corpus): close the gaps.
            let mut kept = Vec::with_capacity(places.len());
            let mut new_starts = vec![0u32; sources + 1];
            for c in 0..sources {
                kept.extend_from_slice(&places[starts[c] as usize..next[c] as usize]);
                new_starts[c + 1] = kept.len() as u32;
            }
            places = kept;
            starts = new_starts;
        }
        Citations {
            starts: starts.into(),
            places: places.into(),
        }
    }

    /// How many sources.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The blocks citing source `source`, in reading order.
    pub fn get(&self, source: usize) -> Option<&[BlockRef]> {
        let start = *self.starts.get(source)? as usize;
        let end = *self.starts.get(source + 1)? as usize;
        Some(&self.places[start..end])
    }

    /// Each source's citing blocks, in source order.
    pub fn iter(&self) -> impl Iterator<Item = &[BlockRef]> {
        (0..self.len()).filter_map(|s| self.get(s))
    }
}

impl std::ops::Index<usize> for Citations {
    type Output = [BlockRef];

    fn index(&self, source: usize) -> &[BlockRef] {
        self.get(source).expect("a source of the article")
    }
}

/// The URLs written in an article's texts (paragraphs, posts' texts), in
/// reading order: for each text holding any, where its URLs start; for
/// each URL, its byte range in its text (8 bytes a URL).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Urls {
    texts: Vec<(TextRef, u32)>,
    ranges: Vec<[u32; 2]>,
}

impl Urls {
    const fn new() -> Urls {
        Urls {
            texts: Vec::new(),
            ranges: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// URL `i` (reading order).
    pub fn get(&self, i: usize) -> Option<TextSpan> {
        let &[start, end] = self.ranges.get(i)?;
        let t = self
            .texts
            .partition_point(|&(_, first)| first as usize <= i)
            - 1;
        Some(TextSpan {
            text: self.texts[t].0,
            range: start as usize..end as usize,
        })
    }

    /// Every URL, in reading order.
    pub fn iter(&self) -> impl Iterator<Item = TextSpan> + '_ {
        self.texts
            .iter()
            .enumerate()
            .flat_map(move |(t, &(text, _))| {
                self.of_text_at(t)
                    .iter()
                    .map(move |&[start, end]| TextSpan {
                        text,
                        range: start as usize..end as usize,
                    })
            })
    }

    /// The URLs of `text` that touch `range`, in order (what one display line marks).
    pub fn touching(
        &self,
        text: TextRef,
        range: Range<usize>,
    ) -> impl Iterator<Item = TextSpan> + '_ {
        let ranges = match self.texts.binary_search_by(|(t, _)| t.cmp(&text)) {
            Ok(t) => self.of_text_at(t),
            Err(_) => &[],
        };
        let from = ranges.partition_point(|&[_, end]| end as usize <= range.start);
        let to = from + ranges[from..].partition_point(|&[start, _]| (start as usize) < range.end);
        ranges[from..to].iter().map(move |&[start, end]| TextSpan {
            text,
            range: start as usize..end as usize,
        })
    }

    /// The ranges of the `t`-th text holding URLs.
    fn of_text_at(&self, t: usize) -> &[[u32; 2]] {
        let start = self.texts[t].1 as usize;
        let end = self
            .texts
            .get(t + 1)
            .map_or(self.ranges.len(), |&(_, next)| next as usize);
        &self.ranges[start..end]
    }
}

/// Where a link is first written: a URL in a text (its index in [`Urls`]),
/// a post's own `url`, or one of its `links` (a post by its index in
/// `Article::posts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Url(u32),
    PostUrl(u32),
    PostLink(u32, u32),
}

/// A link shown in the article (a post's `url` or `links`, or a URL in the
/// text of a paragraph or post) that no source's `url` names: the reader
/// lists it with the sources, so every link can be found, opened and copied.
/// It names where it is written rather than holding a copy (what it says
/// and where it goes are read through [`Link`]); 16 bytes a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FoundLink {
    written: Written,
    /// The places after the first (index into `ArticleLinks::more_places`),
    /// [`NO_MORE`] if none (rather than an `Option`: 4 bytes a link less).
    more: u32,
}

/// [`FoundLink::more`] of a link shown in one block only.
const NO_MORE: u32 = u32::MAX;

impl FoundLink {
    fn more(&self) -> Option<usize> {
        (self.more != NO_MORE).then_some(self.more as usize)
    }
}

/// The links of an article, found once.
#[derive(Debug, Clone, Default)]
struct ArticleLinks {
    urls: Urls,
    found: Vec<FoundLink>,
    /// Where a link goes when that is not what it says (`www.…` made
    /// `https://www.…`, characters percent-encoded): link index → target,
    /// sorted (most links go where they say).
    targets: Vec<(u32, Box<str>)>,
    /// The blocks showing a link after the first, for the links shown in more than one.
    more_places: Vec<Vec<BlockRef>>,
}

/// What an article has before its links are found.
static NO_LINKS: ArticleLinks = ArticleLinks {
    urls: Urls::new(),
    found: Vec::new(),
    targets: Vec::new(),
    more_places: Vec::new(),
};

impl ArticleLinks {
    fn find(article: &Article) -> ArticleLinks {
        let mut urls = Urls::default();
        for (at, block) in article.blocks() {
            let (text, text_ref) = match block {
                Block::Paragraph(p) => (&p.text, TextRef::Paragraph(at)),
                Block::Post(post) => match &post.text {
                    Some(text) => (text, TextRef::PostText(at)),
                    None => continue,
                },
            };
            let first = urls.ranges.len();
            grow::extend(
                &mut urls.ranges,
                links::urls_in(text).map(|range| [range.start as u32, range.end as u32]),
            );
            if urls.ranges.len() > first {
                urls.texts.push((text_ref, first as u32));
            }
        }
        urls.texts.shrink_to_fit();
        urls.ranges.shrink_to_fit();
        let mut links = ArticleLinks {
            urls,
            ..ArticleLinks::default()
        };
        links.find_links(article);
        links
    }

    /// What `written` says, as the article writes it.
    fn written<'a>(&self, article: &'a Article, written: Written) -> &'a str {
        let text = match written {
            Written::Url(i) => self
                .urls
                .get(i as usize)
                .and_then(|url| article.text(url.text).and_then(|t| t.get(url.range))),
            Written::PostUrl(post) => post_at(article, post).and_then(|p| p.url.as_deref()),
            Written::PostLink(post, i) => post_at(article, post)
                .and_then(|p| p.links.get(i as usize))
                .map(Text::as_str),
        };
        text.unwrap_or_default()
    }

    /// Where link `i` goes.
    fn target<'a>(&'a self, article: &'a Article, i: usize) -> &'a str {
        match self
            .targets
            .binary_search_by_key(&(i as u32), |&(link, _)| link)
        {
            Ok(t) => &self.targets[t].1,
            Err(_) => self.written(article, self.found[i].written),
        }
    }

    /// The links of `article` that no source names, in order of first
    /// appearance. Linear in the links: the URLs sources name are a set,
    /// and the links found so far a table of their indices by where they go.
    fn find_links(&mut self, article: &Article) {
        let named: HashSet<String> = article
            .sources
            .iter()
            .filter_map(|s| links::sanitize_url(s.url.as_deref()?))
            .collect();
        let hasher = std::hash::RandomState::new();
        let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::new();
        // The last place of each link shown in more than one, while looking.
        let mut next_url = 0;
        // The index in `Article::posts` of the next post.
        let mut next_post = 0u32;
        for (at, block) in article.blocks() {
            let place = at;
            // What the block writes: a post's URL and links, then the URLs in its text.
            let (post_url, post_links) = match block {
                Block::Post(post) => (post.url.is_some(), post.links.len() as u32),
                Block::Paragraph(_) => (false, 0),
            };
            let post = next_post;
            if let Block::Post(_) = block {
                next_post += 1;
            }
            let first_url = next_url;
            while self.urls.get(next_url).and_then(|u| u.text.block()) == Some(at) {
                next_url += 1;
            }
            let written = post_url
                .then_some(Written::PostUrl(post))
                .into_iter()
                .chain((0..post_links).map(|i| Written::PostLink(post, i)))
                .chain((first_url..next_url).map(|i| Written::Url(i as u32)));
            for written in written {
                let text = self.written(article, written);
                let Some(url) = links::link_target(text) else {
                    continue;
                };
                cost::count(Work::LinkLookups, 1);
                if named.contains(&url) {
                    continue;
                }
                let hash = hasher.hash_one(url.as_str());
                let found = table
                    .find(hash, |&i| self.target(article, i as usize) == url)
                    .copied();
                match found {
                    Some(i) => self.add_place(article, i as usize, place),
                    None => {
                        let i = self.found.len() as u32;
                        if url != text {
                            self.targets.push((i, url.into_boxed_str()));
                        }
                        grow::push(
                            &mut self.found,
                            FoundLink {
                                written,
                                more: NO_MORE,
                            },
                        );
                        let this = &*self;
                        table.insert_unique(hash, i, |&i| {
                            hasher.hash_one(this.target(article, i as usize))
                        });
                    }
                }
            }
        }
        self.found.shrink_to_fit();
        self.targets.shrink_to_fit();
        self.more_places.shrink_to_fit();
    }

    /// Notes that link `i` is shown in the block at `place` too (once a block).
    fn add_place(&mut self, article: &Article, i: usize, place: BlockRef) {
        let first = self.first_place(article, i);
        match self.found[i].more() {
            None if first != place => {
                self.found[i].more = self.more_places.len() as u32;
                self.more_places.push(vec![place]);
            }
            None => {}
            Some(m) => {
                let more = &mut self.more_places[m];
                if more.last() != Some(&place) {
                    more.push(place);
                }
            }
        }
    }

    /// The block where link `i` is first shown.
    fn first_place(&self, article: &Article, i: usize) -> BlockRef {
        match self.found[i].written {
            Written::Url(u) => self.urls.get(u as usize).and_then(|url| url.text.block()),
            Written::PostUrl(post) | Written::PostLink(post, _) => {
                article.posts.get(post as usize).copied()
            }
        }
        .unwrap_or_default()
    }
}

/// Post `post` of `article` (its index in `Article::posts`).
fn post_at(article: &Article, post: u32) -> Option<&Post> {
    article.post(*article.posts.get(post as usize)?)
}

/// The links of an article no source names ([`Article::links`]).
#[derive(Clone, Copy)]
pub struct Links<'a> {
    article: &'a Article,
    links: &'a ArticleLinks,
}

impl<'a> Links<'a> {
    pub fn len(&self) -> usize {
        self.links.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.links.found.is_empty()
    }

    /// Link `i`, in order of first appearance.
    pub fn get(&self, i: usize) -> Option<Link<'a>> {
        (i < self.len()).then_some(Link {
            article: self.article,
            links: self.links,
            i,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = Link<'a>> + 'a {
        let (article, links) = (self.article, self.links);
        (0..links.found.len()).map(move |i| Link { article, links, i })
    }
}

/// One link no source names.
#[derive(Clone, Copy)]
pub struct Link<'a> {
    article: &'a Article,
    links: &'a ArticleLinks,
    i: usize,
}

impl<'a> Link<'a> {
    /// As the article writes it (where it first does).
    pub fn text(&self) -> &'a str {
        self.links
            .written(self.article, self.links.found[self.i].written)
    }

    /// Where it goes (sanitised, see [`links::link_target`]).
    pub fn url(&self) -> &'a str {
        self.links.target(self.article, self.i)
    }

    /// The blocks showing it, in reading order.
    pub fn places(&self) -> Vec<BlockRef> {
        let first = self.links.first_place(self.article, self.i);
        let more = match self.links.found[self.i].more() {
            Some(m) => &self.links.more_places[m][..],
            None => &[],
        };
        std::iter::once(first).chain(more.iter().copied()).collect()
    }

    /// How many blocks show it.
    pub fn place_count(&self) -> usize {
        1 + self.links.found[self.i]
            .more()
            .map_or(0, |m| self.links.more_places[m].len())
    }
}

impl std::fmt::Debug for Link<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Link")
            .field("text", &self.text())
            .field("url", &self.url())
            .field("places", &self.places())
            .finish()
    }
}

/// The ids of an article's sources, sections and posts, found without a
/// copy of them: each list's indices sorted by id (4 bytes an item), one
/// list after the other (as long as `sources`, `sections` and `posts`),
/// searched by halves.
#[derive(Debug, Clone, Default, PartialEq)]
struct Ids(Box<[u32]>);

/// Lists of no more items than this are looked through rather than sorted.
const SMALL: usize = 8;

impl Ids {
    fn new<'a>(lists: [(usize, &dyn Fn(usize) -> &'a str); 3]) -> Ids {
        if lists.iter().all(|&(len, _)| len <= SMALL) {
            // A few items are looked through: no list to keep.
            return Ids::default();
        }
        let mut order = Vec::with_capacity(lists.iter().map(|l| l.0).sum());
        for (len, id) in lists {
            let start = order.len();
            order.extend(0..len as u32);
            order[start..].sort_by(|&a, &b| id(a as usize).cmp(id(b as usize)));
        }
        Ids(order.into())
    }

    /// Among the `len` items from `start` in the list, the one with id
    /// `wanted` (the first, should ids repeat).
    fn find<'a>(
        &self,
        start: usize,
        len: usize,
        wanted: &str,
        id: impl Fn(usize) -> &'a str,
    ) -> Option<usize> {
        if self.0.is_empty() {
            return (0..len).find(|&i| id(i) == wanted);
        }
        let sorted = self.0.get(start..start + len)?;
        let at = sorted.partition_point(|&i| id(i as usize) < wanted);
        let &i = sorted.get(at)?;
        (id(i as usize) == wanted).then_some(i as usize)
    }
}

/// Each post's card line, held once however many posts share it (the
/// posts of one account on one day do): the distinct lines, and for each
/// post, in the order of `Article::posts`, which is its own (4 bytes a post).
#[derive(Debug, Clone, Default)]
struct Metas {
    /// Held as `Text`: a card line is mostly short enough to need no allocation.
    lines: Box<[Text]>,
    of_post: Box<[u32]>,
}

impl Metas {
    fn of(article: &Article) -> Metas {
        let hasher = std::hash::RandomState::new();
        let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::new();
        let mut lines: Vec<Text> = Vec::new();
        let mut of_post = Vec::with_capacity(article.posts.len());
        for &at in &article.posts {
            let meta = article.post(at).map(Post::meta).unwrap_or_default();
            let hash = hasher.hash_one(meta.as_str());
            let line = match table.find(hash, |&i| lines[i as usize] == meta) {
                Some(&i) => i,
                None => {
                    let i = lines.len() as u32;
                    grow::push(&mut lines, Text::from(meta));
                    table.insert_unique(hash, i, |&i| hasher.hash_one(lines[i as usize].as_str()));
                    i
                }
            };
            of_post.push(line);
        }
        Metas {
            lines: lines.into(),
            of_post: of_post.into(),
        }
    }

    /// The card line of post `i` (in the order of `Article::posts`).
    fn get(&self, i: usize) -> Option<&str> {
        let &line = self.of_post.get(i)?;
        self.lines.get(line as usize).map(Text::as_str)
    }
}

/// Derived data kept with what it is derived from: computed once, on first
/// use, and left out of comparisons (it follows from the rest).
#[derive(Debug, Clone, Default)]
struct Derived<T>(OnceLock<T>);

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Article {
    /// The string a [`TextRef`] names, or `None` if it does not exist.
    pub fn text(&self, r: TextRef) -> Option<&str> {
        match r {
            TextRef::Title => Some(&self.title),
            TextRef::Notice => self.notice(),
            TextRef::Heading(s) => self.sections.get(s as usize)?.heading.as_deref(),
            TextRef::Paragraph(at) => match self.block(at)? {
                Block::Paragraph(p) => Some(&p.text),
                Block::Post(_) => None,
            },
            TextRef::PostAuthor(at) => self.post(at)?.author.as_deref(),
            TextRef::PostMeta(at) => {
                let i = self.posts.binary_search(&at).ok()?;
                let metas = self.metas.0.get_or_init(|| Box::new(Metas::of(self)));
                metas.get(i)
            }
            TextRef::PostTitle(at) => self.post(at)?.title.as_deref(),
            TextRef::PostText(at) => self.post(at)?.text.as_deref(),
            TextRef::PostUrl(at) => self.post(at)?.url.as_deref(),
            TextRef::PostLink(at, i) => self.post(at)?.links.get(i as usize).map(Text::as_str),
            TextRef::SourceName(i) => Some(&self.sources.get(i as usize)?.name),
            TextRef::SourceDescription(i) => self.sources.get(i as usize)?.description.as_deref(),
            TextRef::SourceUrl(i) => self.sources.get(i as usize)?.url.as_deref(),
        }
    }

    /// Every text the reader shows for the article, in reading order: what
    /// search looks in (a post's card line, links and URL included, then
    /// the sources' names, descriptions and URLs).
    pub fn texts(&self) -> Vec<TextRef> {
        self.each_text().collect()
    }

    /// [`Article::texts`], one at a time (an article of many short texts
    /// need not list them all to be searched).
    pub fn each_text(&self) -> impl Iterator<Item = TextRef> + '_ {
        let head = std::iter::once(TextRef::Title).chain(self.notice().map(|_| TextRef::Notice));
        let body = self.sections.iter().enumerate().flat_map(|(s, section)| {
            let heading = section.heading.as_ref().map(|_| TextRef::Heading(s as u32));
            let blocks = section
                .blocks
                .iter()
                .enumerate()
                .flat_map(move |(b, block)| {
                    let at = BlockRef {
                        section: s as u32,
                        block: b as u32,
                    };
                    // A paragraph is one text; a post its parts, those it has.
                    let (parts, links, url) = match block {
                        Block::Paragraph(_) => {
                            ([Some(TextRef::Paragraph(at)), None, None, None], 0, None)
                        }
                        Block::Post(post) => (
                            [
                                post.author.as_ref().map(|_| TextRef::PostAuthor(at)),
                                Some(TextRef::PostMeta(at)),
                                post.title.as_ref().map(|_| TextRef::PostTitle(at)),
                                post.text.as_ref().map(|_| TextRef::PostText(at)),
                            ],
                            post.links.len() as u32,
                            post.url.as_ref().map(|_| TextRef::PostUrl(at)),
                        ),
                    };
                    parts
                        .into_iter()
                        .flatten()
                        .chain((0..links).map(move |i| TextRef::PostLink(at, i)))
                        .chain(url)
                });
            heading.into_iter().chain(blocks)
        });
        let sources = self.sources.iter().enumerate().flat_map(|(i, source)| {
            let i = i as u32;
            [
                Some(TextRef::SourceName(i)),
                source
                    .description
                    .as_ref()
                    .map(|_| TextRef::SourceDescription(i)),
                source.url.as_ref().map(|_| TextRef::SourceUrl(i)),
            ]
            .into_iter()
            .flatten()
        });
        head.chain(body).chain(sources)
    }
}
