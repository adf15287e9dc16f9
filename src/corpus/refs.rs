//! References into an article: a block, a text, a span of text. They name
//! places in the model without borrowing it, and sort in reading order.

use std::ops::Range;

/// Where a block stands in its article, in reading order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockRef {
    pub section: u32,
    pub block: u32,
}

/// A piece of article text a reader sees: what layout lines and search
/// matches point into. Byte ranges are always relative to the string this
/// names (see [`Article::text`]). Ordered as it is read: the title, the
/// notice, then each section's heading and blocks, and in a post its author,
/// its card line (`@handle · platform · date`), title, text, links and own
/// URL as the card shows them; then the sources, as the Sources pane lists
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextRef {
    Title,
    Notice,
    Heading(u32),
    /// A paragraph's text (or a list item's, a quotation's…).
    Paragraph(BlockRef),
    PostAuthor(BlockRef),
    /// The line under a post's author: `@handle · platform · date`
    /// ([`Post::meta`]), derived from the post, as the card and the search show it.
    PostMeta(BlockRef),
    /// What a post the page did not include calls itself (a video's title).
    PostTitle(BlockRef),
    PostText(BlockRef),
    /// The post's own `url`.
    PostUrl(BlockRef),
    /// One of the post's `links`.
    PostLink(BlockRef, u32),
    /// A source's name (index into `Article::sources`).
    SourceName(u32),
    /// A source's description.
    SourceDescription(u32),
    /// A source's URL.
    SourceUrl(u32),
}

impl TextRef {
    /// Where the text stands in reading order: (before the sections, section,
    /// within the section: heading (`None`) or block and part).
    fn reading_position(self) -> (u8, usize, Option<(usize, u8, usize)>) {
        let part = |at: BlockRef, part: u8, link: usize| {
            (
                2,
                at.section as usize,
                Some((at.block as usize, part, link)),
            )
        };
        let source = |i: usize, part: u8| (3, i, Some((0, part, 0)));
        match self {
            TextRef::Title => (0, 0, None),
            TextRef::Notice => (1, 0, None),
            TextRef::Heading(s) => (2, s as usize, None),
            TextRef::Paragraph(at) | TextRef::PostAuthor(at) => part(at, 0, 0),
            TextRef::PostMeta(at) => part(at, 1, 0),
            TextRef::PostTitle(at) => part(at, 2, 0),
            TextRef::PostText(at) => part(at, 3, 0),
            TextRef::PostLink(at, i) => part(at, 4, i as usize),
            TextRef::PostUrl(at) => part(at, 5, 0),
            TextRef::SourceName(i) => source(i as usize, 0),
            TextRef::SourceDescription(i) => source(i as usize, 1),
            TextRef::SourceUrl(i) => source(i as usize, 2),
        }
    }

    /// The section the text belongs to (title and notice count in section
    /// 0); `None` for a source's texts.
    pub fn section(self) -> Option<usize> {
        match self {
            TextRef::Title | TextRef::Notice => Some(0),
            TextRef::Heading(s) => Some(s as usize),
            TextRef::Paragraph(at)
            | TextRef::PostAuthor(at)
            | TextRef::PostMeta(at)
            | TextRef::PostTitle(at)
            | TextRef::PostText(at)
            | TextRef::PostUrl(at)
            | TextRef::PostLink(at, _) => Some(at.section as usize),
            TextRef::SourceName(_) | TextRef::SourceDescription(_) | TextRef::SourceUrl(_) => None,
        }
    }

    /// The block the text belongs to, if any.
    pub fn block(self) -> Option<BlockRef> {
        match self {
            TextRef::Paragraph(at) => Some(at),
            other => other.post(),
        }
    }

    /// The post the text belongs to, if any.
    pub fn post(self) -> Option<BlockRef> {
        match self {
            TextRef::PostAuthor(at)
            | TextRef::PostMeta(at)
            | TextRef::PostTitle(at)
            | TextRef::PostText(at)
            | TextRef::PostUrl(at)
            | TextRef::PostLink(at, _) => Some(at),
            _ => None,
        }
    }

    /// The source the text belongs to, if any (index into `Article::sources`).
    pub fn source(self) -> Option<usize> {
        match self {
            TextRef::SourceName(i) | TextRef::SourceDescription(i) | TextRef::SourceUrl(i) => {
                Some(i as usize)
            }
            _ => None,
        }
    }

    /// Where the text is shown, in a word: `body` (title, notice, headings,
    /// paragraphs), `post` or `source`.
    pub fn place(self) -> &'static str {
        if self.post().is_some() {
            "post"
        } else if self.source().is_some() {
            "source"
        } else {
            "body"
        }
    }
}

impl Ord for TextRef {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.reading_position().cmp(&other.reading_position())
    }
}

impl PartialOrd for TextRef {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A span of article text: a byte range of the string `text` names (a
/// search match, a URL written in the text).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextSpan {
    pub text: TextRef,
    pub range: Range<usize>,
}

/// The indices of the spans (sorted in reading order, not overlapping) that
/// touch `range` of `text`, as one contiguous range found by binary search:
/// what one display line marks.
pub fn spans_touching(spans: &[TextSpan], text: TextRef, range: Range<usize>) -> Range<usize> {
    let from =
        spans.partition_point(|m| m.text < text || m.text == text && m.range.end <= range.start);
    let to = from + spans[from..].partition_point(|m| m.text == text && m.range.start < range.end);
    from..to
}
