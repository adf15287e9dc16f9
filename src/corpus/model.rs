//! The in-memory corpus: validated, sanitised text with indices.
//!
//! Everything here has been through `read` and `validate` (format → validation →
//! sanitisation), so every string is safe to put on a terminal and every
//! cross-reference resolves. Nothing in this module does I/O.

use std::collections::HashMap;
use std::ops::Range;

/// A whole corpus: one or more articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    pub articles: Vec<Article>,
}

/// Where a block stands in its article, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockRef {
    pub section: usize,
    pub block: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub language: Option<String>,
    pub notice: Option<String>,
    /// As written in the corpus (ISO 8601), already checked to parse.
    pub date: Option<String>,
    pub sections: Vec<Section>,
    pub sources: Vec<Source>,
    /// Every post block, in reading order.
    pub posts: Vec<BlockRef>,
    /// For each source (same index as `sources`), the blocks citing it, in reading order.
    pub citations: Vec<Vec<BlockRef>>,
    /// Source id → index in `sources`.
    pub source_index: HashMap<String, usize>,
    /// Section id → index in `sections`.
    pub section_index: HashMap<String, usize>,
    /// Post id → where it stands.
    pub post_index: HashMap<String, BlockRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    /// `None` for an untitled lead section.
    pub heading: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Post(Post),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// Indices into `Article::sources`.
    pub cites: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    X,
    Bluesky,
    Telegram,
    Mastodon,
    Other,
}

impl Platform {
    pub fn label(self) -> &'static str {
        match self {
            Platform::X => "X",
            Platform::Bluesky => "Bluesky",
            Platform::Telegram => "Telegram",
            Platform::Mastodon => "Mastodon",
            Platform::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub id: String,
    pub platform: Platform,
    pub author: String,
    /// Without the leading `@` (the UI adds it).
    pub handle: String,
    /// As written in the corpus (ISO 8601 date or RFC 3339 date-time), already checked to parse.
    pub date: String,
    /// May hold `\n` line breaks; no other control character.
    pub text: String,
    pub truncated: bool,
    pub url: Option<String>,
    pub links: Vec<String>,
    /// Indices into `Article::sources`.
    pub cites: Vec<usize>,
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
    pub id: String,
    pub kind: SourceKind,
    pub name: String,
    pub description: Option<String>,
    pub url: Option<String>,
}

impl Block {
    pub fn cites(&self) -> &[usize] {
        match self {
            Block::Paragraph(p) => &p.cites,
            Block::Post(p) => &p.cites,
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
    pub fn new(
        id: String,
        title: String,
        language: Option<String>,
        notice: Option<String>,
        date: Option<String>,
        sections: Vec<Section>,
        sources: Vec<Source>,
    ) -> Article {
        let mut posts = Vec::new();
        let mut citations = vec![Vec::new(); sources.len()];
        let mut post_index = HashMap::new();
        for (s, section) in sections.iter().enumerate() {
            for (b, block) in section.blocks.iter().enumerate() {
                let at = BlockRef {
                    section: s,
                    block: b,
                };
                if let Block::Post(post) = block {
                    posts.push(at);
                    post_index.insert(post.id.clone(), at);
                }
                for &c in block.cites() {
                    if let Some(list) = citations.get_mut(c)
                        && list.last() != Some(&at)
                    {
                        list.push(at);
                    }
                }
            }
        }
        let source_index = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let section_index = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Article {
            id,
            title,
            language,
            notice,
            date,
            sections,
            sources,
            posts,
            citations,
            source_index,
            section_index,
            post_index,
        }
    }

    pub fn block(&self, at: BlockRef) -> Option<&Block> {
        self.sections.get(at.section)?.blocks.get(at.block)
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
                        section: s,
                        block: b,
                    },
                    block,
                )
            })
        })
    }
}

/// A piece of article text a reader sees: what layout lines and search
/// matches point into. Byte ranges are always relative to the string this
/// names (see [`Article::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextRef {
    Title,
    Notice,
    Heading(usize),
    /// A paragraph's text.
    Paragraph(BlockRef),
    PostAuthor(BlockRef),
    PostHandle(BlockRef),
    PostText(BlockRef),
    /// The post's `url` (index `usize::MAX`) or one of its `links`.
    PostLink(BlockRef, usize),
}

/// A span of article text: a byte range of the string `text` names (a
/// search match, a URL written in the text).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextSpan {
    pub text: TextRef,
    pub range: Range<usize>,
}

impl Article {
    /// The string a [`TextRef`] names, or `None` if it does not exist.
    pub fn text(&self, r: TextRef) -> Option<&str> {
        match r {
            TextRef::Title => Some(&self.title),
            TextRef::Notice => self.notice.as_deref(),
            TextRef::Heading(s) => self.sections.get(s)?.heading.as_deref(),
            TextRef::Paragraph(at) => match self.block(at)? {
                Block::Paragraph(p) => Some(&p.text),
                Block::Post(_) => None,
            },
            TextRef::PostAuthor(at) => Some(&self.post(at)?.author),
            TextRef::PostHandle(at) => Some(&self.post(at)?.handle),
            TextRef::PostText(at) => Some(&self.post(at)?.text),
            TextRef::PostLink(at, i) => {
                let post = self.post(at)?;
                if i == usize::MAX {
                    post.url.as_deref()
                } else {
                    post.links.get(i).map(String::as_str)
                }
            }
        }
    }

    /// Every searchable text of the article in reading order.
    pub fn texts(&self) -> Vec<TextRef> {
        let mut out = vec![TextRef::Title];
        if self.notice.is_some() {
            out.push(TextRef::Notice);
        }
        for (s, section) in self.sections.iter().enumerate() {
            if section.heading.is_some() {
                out.push(TextRef::Heading(s));
            }
            for (b, block) in section.blocks.iter().enumerate() {
                let at = BlockRef {
                    section: s,
                    block: b,
                };
                match block {
                    Block::Paragraph(_) => out.push(TextRef::Paragraph(at)),
                    Block::Post(_) => {
                        out.push(TextRef::PostAuthor(at));
                        out.push(TextRef::PostHandle(at));
                        out.push(TextRef::PostText(at));
                    }
                }
            }
        }
        out
    }
}
