//! An article laid out for one column width: display lines that remember
//! where their text comes from (section, block, `TextRef` + byte range).
//!
//! Built once per width (O(document)) and cached by the app; drawing only
//! reads the lines it shows, so the cost of a frame follows the screen.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::corpus::grow;
use crate::corpus::model::Platform;

use super::wrap::{line_breaks, wrap_preformatted};
use crate::corpus::model::{Article, Block, BlockRef, Paragraph, Post, TextKind, TextRef};

/// Text lines stay readable on wide panes: at most this many columns, unless
/// the configuration says otherwise (`[layout] text-width`).
pub const MAX_TEXT_WIDTH: u16 = 90;
/// The widest text column a configuration may ask for.
pub const WIDEST_TEXT: u16 = 400;
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
    /// A line of a list item, after its indent; the first shows the bullet
    /// or number ([`text_prefix`]).
    ListItem {
        first: bool,
    },
    /// A line of a quotation, after its bar.
    Quote,
    Caption,
    /// A line of preformatted text: broken at the width, spaces kept.
    Code,
    /// A table row on one line, its cells aligned in the columns
    /// `ArticleLayout::tables[table]` gives.
    TableRow {
        table: u32,
    },
    /// A line of a table row too wide for the column: its text wrapped, the
    /// cells apart as the text writes them.
    TableRowWrapped,
    /// One line of a post's author, wrapped like text (and, when author
    /// and card line fit on one line, `@handle · platform · date` after it;
    /// a post with no author shows the card line alone).
    PostHeader {
        meta_inline: bool,
    },
    /// One line of the card line `@handle · platform · date`
    /// (`TextRef::PostMeta`), wrapped like text, when it does not fit beside the author.
    PostMeta,
    /// What a post the page did not include calls itself (a video's title).
    PostTitle,
    /// A line of [`not_included`]'s words (`range` into them).
    PostNotIncluded,
    PostText,
    /// The hint under a truncated post.
    PostTruncated,
    /// One wrapped line of one of a post's `links`.
    PostLink(u32),
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

/// One line of the laid-out article, in 24 bytes (an article of many short
/// blocks has a few of them a block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayLine {
    pub kind: LineKind,
    /// The section this line belongs to (title and notice belong to the
    /// first) and its block, [`NO_BLOCK`] for the title, notice and headings:
    /// see [`DisplayLine::section`] and [`DisplayLine::block`].
    at: BlockRef,
    /// Byte range of the main text in [`DisplayLine::text_ref`].
    pub range: Range<u32>,
}

/// The block of a line that belongs to none (the title, the notice, a heading).
const NO_BLOCK: u32 = u32::MAX;

impl DisplayLine {
    /// Section this line belongs to (title and notice belong to the first).
    pub fn section(&self) -> usize {
        self.at.section as usize
    }

    /// Block this line belongs to; `None` for the title, notice and headings.
    pub fn block(&self) -> Option<BlockRef> {
        (self.at.block != NO_BLOCK).then_some(self.at)
    }

    /// [`DisplayLine::range`] as a range of `usize` (what slices a string).
    pub fn text_range(&self) -> Range<usize> {
        self.range.start as usize..self.range.end as usize
    }

    /// The text the line's `range` points into, if it shows text.
    pub fn text_ref(&self) -> Option<TextRef> {
        let at = self.block();
        match self.kind {
            LineKind::Title => Some(TextRef::Title),
            LineKind::Notice => Some(TextRef::Notice),
            LineKind::Heading => Some(TextRef::Heading(self.at.section)),
            LineKind::Paragraph
            | LineKind::ListItem { .. }
            | LineKind::Quote
            | LineKind::Caption
            | LineKind::Code
            | LineKind::TableRow { .. }
            | LineKind::TableRowWrapped => at.map(TextRef::Paragraph),
            LineKind::PostHeader { .. } => at.map(TextRef::PostAuthor),
            LineKind::PostMeta => at.map(TextRef::PostMeta),
            LineKind::PostTitle => at.map(TextRef::PostTitle),
            LineKind::PostText => at.map(TextRef::PostText),
            LineKind::PostLink(i) => at.map(|at| TextRef::PostLink(at, i)),
            LineKind::PostUrl => at.map(TextRef::PostUrl),
            LineKind::PostTruncated | LineKind::PostNotIncluded | LineKind::Blank => None,
        }
    }

    /// Every piece of article text on this line, in display order (a header
    /// line with its card line inline shows the author and the card line).
    pub fn segments(&self, article: &Article) -> Vec<Segment> {
        let mut out = Vec::with_capacity(2);
        if let Some(text) = self.text_ref() {
            out.push(Segment {
                text,
                range: self.text_range(),
            });
        }
        if let (LineKind::PostHeader { meta_inline: true }, Some(at)) = (self.kind, self.block())
            && let Some(meta) = article.text(TextRef::PostMeta(at))
        {
            out.push(Segment {
                text: TextRef::PostMeta(at),
                range: 0..meta.len(),
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
                | LineKind::PostTitle
                | LineKind::PostNotIncluded
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
    pub post_starts: Vec<u32>,
    /// The column widths of each table laid out aligned ([`LineKind::TableRow`]).
    pub tables: Vec<Vec<usize>>,
    /// Whether every section is laid out; `false` for a prefix
    /// ([`ArticleLayout::build_prefix`]) shown while the whole is built.
    pub complete: bool,
}

/// A post's day, for the Quotes list (the card shows the date whole).
pub fn display_day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

/// What is said of a post the page did not include (of a video, "video").
pub fn not_included(post: &Post) -> &'static str {
    match post.platform {
        Platform::YouTube | Platform::Vimeo => "video not included in the page",
        _ => "post not included in the page",
    }
}

/// What a card says of a post the page did not include: [`not_included`],
/// and how to see it.
pub fn not_included_card(post: &Post) -> &'static str {
    match post.platform {
        Platform::YouTube | Platform::Vimeo => "video not included in the page — o opens it",
        _ => "post not included in the page — o opens it",
    }
}

/// What stands before each line of a text block, as (first line, other
/// lines), both as wide: a list item's indent and bullet or number (then
/// as many spaces), a quotation's bar, preformatted text's indent. Never
/// wider than `col - 1`, so a column of any width keeps room for the text.
pub fn text_prefix(kind: &TextKind, col: usize) -> (String, String) {
    let (first, rest) = match kind {
        TextKind::ListItem {
            ordered,
            depth,
            number,
        } => {
            let indent = " ".repeat(2 * usize::from(depth.saturating_sub(1)));
            let marker = if *ordered {
                format!("{number}. ")
            } else {
                "• ".to_string()
            };
            let rest = " ".repeat(indent.len() + marker.width());
            (format!("{indent}{marker}"), rest)
        }
        TextKind::Quote => ("│ ".to_string(), "│ ".to_string()),
        TextKind::Code => ("  ".to_string(), "  ".to_string()),
        TextKind::Paragraph | TextKind::Caption | TextKind::TableRow { .. } => {
            return (String::new(), String::new());
        }
    };
    let max = col.saturating_sub(1);
    if first.width() <= max {
        return (first, rest);
    }
    // Too narrow for the indent: keep the marker's end (the bullet, the
    // number's last digits), as many columns as there are.
    let cut: String = first
        .chars()
        .rev()
        .scan(0, |w, c| {
            *w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            (*w <= max).then_some(c)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let rest = " ".repeat(cut.width());
    let rest = if matches!(kind, TextKind::Quote) {
        cut.clone()
    } else {
        rest
    };
    (cut, rest)
}

/// Whether a block is a list item (consecutive items stand together).
pub fn is_list_item(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if matches!(p.kind, TextKind::ListItem { .. }))
}

/// The separator drawn between the cells of an aligned table row (as wide
/// as the `CELL_SEPARATOR` the text and the dump use).
pub const COLUMN_GAP: &str = " │ ";

/// Column widths for a run of table rows if the rows fit `col` aligned.
pub fn table_columns(rows: &[&Paragraph], col: usize) -> Option<Vec<usize>> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        let TextKind::TableRow { cells, .. } = &row.kind else {
            continue;
        };
        if cells.len() > widths.len() {
            widths.resize(cells.len(), 0);
        }
        for (c, range) in cells.iter().enumerate() {
            let width = row.text.get(range.clone()).map_or(0, |t| t.width());
            widths[c] = widths[c].max(width);
        }
    }
    let total = widths.iter().sum::<usize>() + COLUMN_GAP.width() * widths.len().saturating_sub(1);
    (total <= col && !widths.is_empty()).then_some(widths)
}

/// The text column for a pane of `pane_width` columns (scrollbar and
/// margins included), `widest` at most (the configured text width).
pub fn text_width_for(pane_width: u16, widest: u16) -> u16 {
    // One column for the scrollbar, one margin each side when there is room.
    let inner = pane_width.saturating_sub(1);
    let with_margins = if inner >= 12 { inner - 2 } else { inner };
    with_margins.clamp(MIN_TEXT_WIDTH, widest.clamp(MIN_TEXT_WIDTH, WIDEST_TEXT))
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
        grow::push(
            &mut self.lines,
            DisplayLine {
                kind,
                at: block.unwrap_or(BlockRef {
                    section: section as u32,
                    block: NO_BLOCK,
                }),
                range: range.start as u32..range.end as u32,
            },
        );
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

    /// A post as a card: its author then its card line `meta`, each wrapped
    /// like text (never cut), on one line when both fit (a post with no
    /// author: the card line alone); its title, its text or what is said of
    /// a post not included, its links and URL.
    fn post(&mut self, section: usize, at: BlockRef, post: &Post, meta: &str, card: usize) {
        let author = post.author.as_deref().unwrap_or("");
        let fits = if author.is_empty() {
            meta.width() <= card
        } else {
            author.width() + 1 + meta.width() <= card
        };
        let block = Some(at);
        if fits {
            let header = LineKind::PostHeader { meta_inline: true };
            self.push(header, section, block, 0..author.len());
        } else {
            if !author.is_empty() {
                let header = LineKind::PostHeader { meta_inline: false };
                self.wrapped(header, section, block, author, card);
            }
            self.wrapped(LineKind::PostMeta, section, block, meta, card);
        }
        if let Some(title) = &post.title {
            self.wrapped(LineKind::PostTitle, section, block, title, card);
        }
        match &post.text {
            Some(text) => self.wrapped(LineKind::PostText, section, block, text, card),
            None => self.wrapped(
                LineKind::PostNotIncluded,
                section,
                block,
                not_included_card(post),
                card,
            ),
        }
        if post.truncated {
            self.push(LineKind::PostTruncated, section, block, 0..0);
        }
        for (i, link) in post.links.iter().enumerate() {
            self.wrapped(LineKind::PostLink(i as u32), section, block, link, card);
        }
        if let Some(url) = &post.url {
            self.wrapped(LineKind::PostUrl, section, block, url, card);
        }
    }

    /// A block of text laid out as its kind wants; `table` is the column
    /// widths' index when the row belongs to a table laid out aligned.
    fn text(
        &mut self,
        section: usize,
        at: BlockRef,
        paragraph: &Paragraph,
        col: usize,
        table: Option<u32>,
    ) {
        let block = Some(at);
        let text = &paragraph.text;
        let (first, rest) = text_prefix(&paragraph.kind, col);
        let widths = (col - first.width(), col - rest.width());
        match &paragraph.kind {
            TextKind::Paragraph => self.wrapped(LineKind::Paragraph, section, block, text, col),
            TextKind::Caption => self.wrapped(LineKind::Caption, section, block, text, col),
            TextKind::Quote => self.wrapped(LineKind::Quote, section, block, text, widths.1),
            TextKind::ListItem { .. } => {
                for (i, range) in line_breaks(text, widths.0, widths.1).enumerate() {
                    self.push(LineKind::ListItem { first: i == 0 }, section, block, range);
                }
            }
            TextKind::Code => {
                for range in wrap_preformatted(text, widths.1) {
                    self.push(LineKind::Code, section, block, range);
                }
            }
            TextKind::TableRow { .. } => match table {
                Some(table) => {
                    self.push(LineKind::TableRow { table }, section, block, 0..text.len())
                }
                None => self.wrapped(LineKind::TableRowWrapped, section, block, text, col),
            },
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
    post_starts: Vec<u32>,
    tables: Vec<Vec<usize>>,
}

impl<'a> SectionsBuilder<'a> {
    /// The title and notice laid out; no section yet.
    fn new(article: &'a Article, width: u16) -> SectionsBuilder<'a> {
        let width = width.clamp(MIN_TEXT_WIDTH, WIDEST_TEXT);
        let col = width as usize;
        let mut b = Builder { lines: Vec::new() };
        b.wrapped(LineKind::Title, 0, None, &article.title, col);
        if let Some(notice) = article.notice() {
            b.wrapped(LineKind::Notice, 0, None, notice, col);
        }
        SectionsBuilder {
            article,
            width,
            lines: b,
            section_starts: Vec::with_capacity(article.sections.len()),
            blocks: Vec::new(),
            post_starts: Vec::new(),
            tables: Vec::new(),
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
            grow::push(&mut self.section_starts, b.lines.len());
            b.wrapped(LineKind::Heading, s, None, heading, col);
        } else if s == 0 {
            self.section_starts.push(0);
        } else {
            self.section_starts.push(b.lines.len() + 1);
        }
        // The table the rows being laid out belong to: (its last block, its
        // columns' index when aligned).
        let mut table: Option<(usize, Option<u32>)> = None;
        for (i, block) in section.blocks.iter().enumerate() {
            let at = BlockRef {
                section: s as u32,
                block: i as u32,
            };
            let row =
                matches!(block, Block::Paragraph(p) if matches!(p.kind, TextKind::TableRow { .. }));
            let in_table = row && table.is_some_and(|(last, _)| i <= last);
            // The rows of a table and the items of a list stand together,
            // without blank lines between.
            let item_after_item =
                i > 0 && is_list_item(block) && is_list_item(&section.blocks[i - 1]);
            if !(in_table || item_after_item) {
                b.push(LineKind::Blank, s, Some(at), 0..0);
            }
            if row && !in_table {
                let rows: Vec<&Paragraph> = section.blocks[i..]
                    .iter()
                    .map_while(|b| match b {
                        Block::Paragraph(p) if matches!(p.kind, TextKind::TableRow { .. }) => {
                            Some(p)
                        }
                        _ => None,
                    })
                    .collect();
                let columns = table_columns(&rows, col).map(|widths| {
                    self.tables.push(widths);
                    (self.tables.len() - 1) as u32
                });
                table = Some((i + rows.len() - 1, columns));
            }
            let start = b.lines.len();
            match block {
                Block::Paragraph(p) => {
                    let columns = table.filter(|_| row).and_then(|(_, c)| c);
                    b.text(s, at, p, col, columns);
                }
                Block::Post(post) => {
                    grow::push(&mut self.post_starts, start as u32);
                    let meta = self.article.text(TextRef::PostMeta(at)).unwrap_or("");
                    b.post(s, at, post, meta, card);
                }
            }
            grow::push(
                &mut self.blocks,
                BlockSpan {
                    at,
                    start,
                    end: b.lines.len(),
                },
            );
        }
    }

    fn finish(self) -> ArticleLayout {
        let complete = self.is_done();
        let mut lines = self.lines.lines;
        lines.shrink_to_fit();
        let mut section_starts = self.section_starts;
        section_starts.shrink_to_fit();
        let (mut blocks, mut post_starts) = (self.blocks, self.post_starts);
        blocks.shrink_to_fit();
        post_starts.shrink_to_fit();
        let len = lines.len();
        for start in &mut section_starts {
            *start = (*start).min(len.saturating_sub(1));
        }
        ArticleLayout {
            width: self.width,
            lines,
            section_starts,
            blocks,
            post_starts,
            tables: self.tables,
            complete,
        }
    }
}

impl ArticleLayout {
    /// Lays `article` out for a column of `width` (clamped to
    /// [`MIN_TEXT_WIDTH`]..=[`WIDEST_TEXT`]).
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
            tables: Vec::new(),
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
            .map_or(0, DisplayLine::section)
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
        self.lines.get(line)?.block()
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
                let start = *self.section_starts.get(s as usize)?;
                start..self.len()
            }
            TextRef::Paragraph(at)
            | TextRef::PostAuthor(at)
            | TextRef::PostMeta(at)
            | TextRef::PostTitle(at)
            | TextRef::PostText(at)
            | TextRef::PostUrl(at)
            | TextRef::PostLink(at, _) => {
                let span = self.block_span(at)?;
                span.start..span.end
            }
            // Shown in the Sources pane, not in the article.
            TextRef::SourceName(_) | TextRef::SourceDescription(_) | TextRef::SourceUrl(_) => {
                return None;
            }
        };
        let mut found = None;
        for i in candidates {
            let line = &self.lines[i];
            let shows = line.text_ref() == Some(text)
                || (line.kind == (LineKind::PostHeader { meta_inline: true })
                    && line.block().map(TextRef::PostMeta) == Some(text));
            if shows {
                if found.is_some() && line.range.start as usize > byte {
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
                byte: next.range.start as usize,
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
                    byte: line.range.start as usize,
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
        assert_eq!(text_width_for(200, MAX_TEXT_WIDTH), MAX_TEXT_WIDTH);
        assert_eq!(text_width_for(60, MAX_TEXT_WIDTH), 57);
        assert_eq!(text_width_for(0, MAX_TEXT_WIDTH), MIN_TEXT_WIDTH);
        assert_eq!(text_width_for(200, 120), 120, "a wider column configured");
        assert_eq!(text_width_for(200, 1000), 197);
    }

    #[test]
    fn quotes_show_the_day() {
        assert_eq!(display_day("2026-01-03T18:00:23+00:00"), "2026-01-03");
        assert_eq!(display_day("2025-12-31"), "2025-12-31");
    }
}
