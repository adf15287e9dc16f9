//! An article laid out for one column width: display lines that remember
//! where their text comes from (section, block, `TextRef` + byte range).
//!
//! Built once per width (O(document)) and cached by the app; drawing only
//! reads the lines it shows, so the cost of a frame follows the screen.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use super::wrap::line_breaks;
use crate::corpus::model::{Article, Block, BlockRef, Post, TextRef};

/// Text lines stay readable on wide panes: at most this many columns.
pub const MAX_TEXT_WIDTH: u16 = 90;
/// The narrowest column laid out; narrower panes clip (a wide char needs 2, a card bar 2 more).
pub const MIN_TEXT_WIDTH: u16 = 4;
/// Width of a post card's left bar and its gap ("│ ").
pub const CARD_PREFIX_WIDTH: usize = 2;

/// What a display line shows; with its block it names the text it points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Notice,
    Heading,
    Paragraph,
    /// Author (and, when it fits, `@handle · platform · date`) of a post.
    PostHeader {
        meta_inline: bool,
    },
    /// `@handle · platform · date` when it does not fit on the header line.
    PostMeta,
    PostText,
    /// The hint under a truncated post.
    PostTruncated,
    /// One wrapped line of one of a post's `links`.
    PostLink(usize),
    /// One wrapped line of a post's own `url`.
    PostUrl,
    /// Space between blocks; belongs to the block or heading below it.
    Blank,
}

/// A piece of article text shown on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: TextRef,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayLine {
    pub kind: LineKind,
    /// Section this line belongs to (title and notice belong to the first).
    pub section: usize,
    /// Block this line belongs to; `None` for the title, notice and headings.
    pub block: Option<BlockRef>,
    /// Byte range of the main text in [`DisplayLine::text_ref`].
    pub range: Range<usize>,
}

impl DisplayLine {
    /// The text the line's `range` points into, if it shows text.
    pub fn text_ref(&self) -> Option<TextRef> {
        let at = self.block;
        match self.kind {
            LineKind::Title => Some(TextRef::Title),
            LineKind::Notice => Some(TextRef::Notice),
            LineKind::Heading => Some(TextRef::Heading(self.section)),
            LineKind::Paragraph => at.map(TextRef::Paragraph),
            LineKind::PostHeader { .. } => at.map(TextRef::PostAuthor),
            LineKind::PostMeta => at.map(TextRef::PostHandle),
            LineKind::PostText => at.map(TextRef::PostText),
            LineKind::PostLink(i) => at.map(|at| TextRef::PostLink(at, i)),
            LineKind::PostUrl => at.map(TextRef::PostUrl),
            LineKind::PostTruncated | LineKind::Blank => None,
        }
    }

    /// Every piece of article text on this line, in display order (a header
    /// line with its meta inline shows the author and the handle).
    pub fn segments(&self, article: &Article) -> Vec<Segment> {
        let mut out = Vec::with_capacity(2);
        if let Some(text) = self.text_ref() {
            out.push(Segment {
                text,
                range: self.range.clone(),
            });
        }
        if let (LineKind::PostHeader { meta_inline: true }, Some(at)) = (self.kind, self.block)
            && let Some(post) = article.post(at)
        {
            out.push(Segment {
                text: TextRef::PostHandle(at),
                range: 0..post.handle.len(),
            });
        }
        out
    }

    /// Whether the line is drawn inside a post card (with the left bar).
    pub fn in_card(&self) -> bool {
        matches!(
            self.kind,
            LineKind::PostHeader { .. }
                | LineKind::PostMeta
                | LineKind::PostText
                | LineKind::PostTruncated
                | LineKind::PostLink(_)
                | LineKind::PostUrl
        )
    }
}

/// Lines a block occupies: `start..end`, blank separator excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockSpan {
    pub at: BlockRef,
    pub start: usize,
    pub end: usize,
}

/// Where a reader is, independent of width: a point in the text, and how
/// many lines above it the top of the pane was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub text: Option<TextRef>,
    pub byte: usize,
    pub lines_above: usize,
    /// The top was the blank separator just above `text`, which belongs to it.
    pub blank_above: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLayout {
    /// Column width the text was wrapped to.
    pub width: u16,
    pub lines: Vec<DisplayLine>,
    /// First content line of each section (its heading; the title for an untitled lead).
    pub section_starts: Vec<usize>,
    /// Every block in reading order (sorted by `at`).
    pub blocks: Vec<BlockSpan>,
    /// First line of each post, in the order of `Article::posts`.
    pub post_starts: Vec<usize>,
    /// Whether every section is laid out; `false` for a prefix
    /// ([`ArticleLayout::build_prefix`]) shown while the whole is built.
    pub complete: bool,
}

/// How a post's date reads on its card: the day, and the time when there is one.
pub fn display_date(date: &str) -> String {
    match (date.get(..10), date.get(11..16)) {
        (Some(day), Some(time)) if date.as_bytes().get(10) == Some(&b'T') => {
            format!("{day} {time}")
        }
        (Some(day), _) => day.to_string(),
        _ => date.to_string(),
    }
}

/// `@handle · platform · date`, as a post card shows it.
pub fn post_meta(post: &Post) -> String {
    format!(
        "@{} · {} · {}",
        post.handle,
        post.platform.label(),
        display_date(&post.date)
    )
}

/// The text column for a pane of `pane_width` columns (scrollbar and margins included).
pub fn text_width_for(pane_width: u16) -> u16 {
    // One column for the scrollbar, one margin each side when there is room.
    let inner = pane_width.saturating_sub(1);
    let with_margins = if inner >= 12 { inner - 2 } else { inner };
    with_margins.clamp(MIN_TEXT_WIDTH, MAX_TEXT_WIDTH)
}

struct Builder {
    lines: Vec<DisplayLine>,
}

impl Builder {
    fn push(
        &mut self,
        kind: LineKind,
        section: usize,
        block: Option<BlockRef>,
        range: Range<usize>,
    ) {
        self.lines.push(DisplayLine {
            kind,
            section,
            block,
            range,
        });
    }

    fn wrapped(
        &mut self,
        kind: LineKind,
        section: usize,
        block: Option<BlockRef>,
        text: &str,
        width: usize,
    ) {
        for range in line_breaks(text, width, width) {
            self.push(kind, section, block, range);
        }
    }

    fn post(&mut self, section: usize, at: BlockRef, post: &Post, card: usize) {
        let meta = post_meta(post);
        let meta_inline = post.author.width() + 1 + meta.width() <= card;
        let block = Some(at);
        self.push(
            LineKind::PostHeader { meta_inline },
            section,
            block,
            0..post.author.len(),
        );
        if !meta_inline {
            self.push(LineKind::PostMeta, section, block, 0..post.handle.len());
        }
        self.wrapped(LineKind::PostText, section, block, &post.text, card);
        if post.truncated {
            self.push(LineKind::PostTruncated, section, block, 0..0);
        }
        for (i, link) in post.links.iter().enumerate() {
            self.wrapped(LineKind::PostLink(i), section, block, link, card);
        }
        if let Some(url) = &post.url {
            self.wrapped(LineKind::PostUrl, section, block, url, card);
        }
    }
}

/// Lays an article out section by section, so that a prefix can stop early
/// and a build on a worker thread can be cancelled between sections.
struct SectionsBuilder<'a> {
    article: &'a Article,
    width: u16,
    lines: Builder,
    section_starts: Vec<usize>,
    blocks: Vec<BlockSpan>,
    post_starts: Vec<usize>,
}

impl<'a> SectionsBuilder<'a> {
    /// The title and notice laid out; no section yet.
    fn new(article: &'a Article, width: u16) -> SectionsBuilder<'a> {
        let width = width.clamp(MIN_TEXT_WIDTH, MAX_TEXT_WIDTH);
        let col = width as usize;
        let mut b = Builder { lines: Vec::new() };
        b.wrapped(LineKind::Title, 0, None, &article.title, col);
        if let Some(notice) = &article.notice {
            b.wrapped(LineKind::Notice, 0, None, notice, col);
        }
        SectionsBuilder {
            article,
            width,
            lines: b,
            section_starts: Vec::with_capacity(article.sections.len()),
            blocks: Vec::new(),
            post_starts: Vec::new(),
        }
    }

    fn sections_done(&self) -> usize {
        self.section_starts.len()
    }

    fn is_done(&self) -> bool {
        self.sections_done() >= self.article.sections.len()
    }

    /// Lays out the next section.
    fn section(&mut self) {
        let s = self.sections_done();
        let Some(section) = self.article.sections.get(s) else {
            return;
        };
        let col = self.width as usize;
        let card = col - CARD_PREFIX_WIDTH;
        let b = &mut self.lines;
        if let Some(heading) = &section.heading {
            b.push(LineKind::Blank, s, None, 0..0);
            self.section_starts.push(b.lines.len());
            b.wrapped(LineKind::Heading, s, None, heading, col);
        } else if s == 0 {
            self.section_starts.push(0);
        } else {
            self.section_starts.push(b.lines.len() + 1);
        }
        for (i, block) in section.blocks.iter().enumerate() {
            let at = BlockRef {
                section: s,
                block: i,
            };
            b.push(LineKind::Blank, s, Some(at), 0..0);
            let start = b.lines.len();
            match block {
                Block::Paragraph(p) => {
                    b.wrapped(LineKind::Paragraph, s, Some(at), &p.text, col);
                }
                Block::Post(post) => {
                    self.post_starts.push(start);
                    b.post(s, at, post, card);
                }
            }
            self.blocks.push(BlockSpan {
                at,
                start,
                end: b.lines.len(),
            });
        }
    }

    fn finish(self) -> ArticleLayout {
        let complete = self.is_done();
        let lines = self.lines.lines;
        let mut section_starts = self.section_starts;
        let len = lines.len();
        for start in &mut section_starts {
            *start = (*start).min(len.saturating_sub(1));
        }
        ArticleLayout {
            width: self.width,
            lines,
            section_starts,
            blocks: self.blocks,
            post_starts: self.post_starts,
            complete,
        }
    }
}

impl ArticleLayout {
    /// Lays `article` out for a column of `width` (clamped to
    /// [`MIN_TEXT_WIDTH`]..=[`MAX_TEXT_WIDTH`]).
    pub fn build(article: &Article, width: u16) -> ArticleLayout {
        Self::build_cancellable(article, width, &|| false).expect("never cancelled")
    }

    /// [`ArticleLayout::build`], checking `cancelled` between sections (for
    /// a build on a worker thread whose result is no longer wanted): `None`
    /// when it was.
    pub fn build_cancellable(
        article: &Article,
        width: u16,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<ArticleLayout> {
        let mut b = SectionsBuilder::new(article, width);
        while !b.is_done() {
            if cancelled() {
                return None;
            }
            b.section();
        }
        Some(b.finish())
    }

    /// The first sections of `article` only, what the screen needs while
    /// the whole layout is built elsewhere: every section up to and
    /// including `through_section`, then more until `extra_lines` lines
    /// follow its start (or the article ends). [`ArticleLayout::complete`]
    /// says whether that was the whole article.
    pub fn build_prefix(
        article: &Article,
        width: u16,
        through_section: usize,
        extra_lines: usize,
    ) -> ArticleLayout {
        let mut b = SectionsBuilder::new(article, width);
        let mut from = None;
        while !b.is_done() {
            let s = b.sections_done();
            if s > through_section
                && from.is_some_and(|from: usize| b.lines.lines.len() >= from + extra_lines)
            {
                break;
            }
            b.section();
            if s == through_section.min(article.sections.len().saturating_sub(1)) {
                from = b.section_starts.last().copied();
            }
        }
        b.finish()
    }

    /// No lines, for no width: what the reader holds before it knows its size.
    pub fn empty() -> ArticleLayout {
        ArticleLayout {
            width: 0,
            lines: Vec::new(),
            section_starts: Vec::new(),
            blocks: Vec::new(),
            post_starts: Vec::new(),
            complete: true,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Section a line belongs to (what the scroll-spy shows).
    pub fn section_at(&self, line: usize) -> usize {
        self.lines
            .get(line.min(self.lines.len().saturating_sub(1)))
            .map_or(0, |l| l.section)
    }

    /// The lines of a block (blank separator excluded).
    pub fn block_span(&self, at: BlockRef) -> Option<BlockSpan> {
        let i = self.blocks.binary_search_by(|s| s.at.cmp(&at)).ok()?;
        Some(self.blocks[i])
    }

    /// First line of a block.
    pub fn line_of(&self, at: BlockRef) -> Option<usize> {
        self.block_span(at).map(|s| s.start)
    }

    /// The block shown on a line (blank separators count for the block below).
    pub fn block_at(&self, line: usize) -> Option<BlockRef> {
        self.lines.get(line)?.block
    }

    /// Blocks with at least one line in `lines`, in reading order.
    pub fn blocks_in(&self, lines: Range<usize>) -> &[BlockSpan] {
        let from = self.blocks.partition_point(|s| s.end <= lines.start);
        let to = self.blocks.partition_point(|s| s.start < lines.end);
        &self.blocks[from..to.max(from)]
    }

    /// The line showing byte `byte` of `text` (the last line starting at or before it).
    pub fn line_of_text(&self, text: TextRef, byte: usize) -> Option<usize> {
        let candidates = match text {
            TextRef::Title | TextRef::Notice => {
                let header = self
                    .lines
                    .iter()
                    .take_while(|l| matches!(l.kind, LineKind::Title | LineKind::Notice))
                    .count();
                0..header
            }
            TextRef::Heading(s) => {
                let start = *self.section_starts.get(s)?;
                start..self.len()
            }
            TextRef::Paragraph(at)
            | TextRef::PostAuthor(at)
            | TextRef::PostHandle(at)
            | TextRef::PostText(at)
            | TextRef::PostUrl(at)
            | TextRef::PostLink(at, _) => {
                let span = self.block_span(at)?;
                span.start..span.end
            }
        };
        let mut found = None;
        for i in candidates {
            let line = &self.lines[i];
            let shows = line.text_ref() == Some(text)
                || (line.kind == (LineKind::PostHeader { meta_inline: true })
                    && line.block.map(TextRef::PostHandle) == Some(text));
            if shows {
                if found.is_some() && line.range.start > byte {
                    break;
                }
                found = Some(i);
            } else if found.is_some() {
                break;
            }
        }
        found
    }

    /// Where the top line `top` stands in the text, to find it again at another width.
    pub fn anchor(&self, top: usize) -> Anchor {
        let top = top.min(self.len().saturating_sub(1));
        // A blank separator belongs to what follows it: anchor there, or the
        // line above would be found again at another width (it may wrap to
        // more lines) and the top would slip into the previous block.
        if let Some(next) = self.lines.get(top + 1)
            && self.lines[top].kind == LineKind::Blank
            && let Some(text) = next.text_ref()
        {
            return Anchor {
                text: Some(text),
                byte: next.range.start,
                lines_above: 0,
                blank_above: true,
            };
        }
        let mut i = top;
        loop {
            if let Some(line) = self.lines.get(i)
                && let Some(text) = line.text_ref()
            {
                return Anchor {
                    text: Some(text),
                    byte: line.range.start,
                    lines_above: top - i,
                    blank_above: false,
                };
            }
            if i == 0 {
                return Anchor {
                    text: None,
                    byte: 0,
                    lines_above: top,
                    blank_above: false,
                };
            }
            i -= 1;
        }
    }

    /// The top line that shows `anchor` as it was shown at another width.
    pub fn restore(&self, anchor: Anchor) -> usize {
        let line = anchor
            .text
            .and_then(|t| self.line_of_text(t, anchor.byte))
            .unwrap_or(0)
            .saturating_sub(usize::from(anchor.blank_above));
        (line + anchor.lines_above).min(self.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_width_is_capped_and_has_margins() {
        assert_eq!(text_width_for(200), MAX_TEXT_WIDTH);
        assert_eq!(text_width_for(60), 57);
        assert_eq!(text_width_for(0), MIN_TEXT_WIDTH);
    }

    #[test]
    fn dates_read_short() {
        assert_eq!(
            display_date("2026-01-03T18:00:23+00:00"),
            "2026-01-03 18:00"
        );
        assert_eq!(display_date("2025-12-31"), "2025-12-31");
    }
}
