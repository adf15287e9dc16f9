//! The article pane: the visible slice of the layout, and a scrollbar.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::corpus::model::{Article, BlockRef, TextKind, TextRef, Urls, spans_touching};
use crate::reader::layout::{COLUMN_GAP, DisplayLine, LineKind, not_included_card, text_prefix};
use crate::reader::{App, Target};
use crate::search::Match;

/// Where the text of the article pane `rect` goes: its first column and width.
pub fn text_column(app: &App, rect: Rect) -> (u16, u16) {
    let inner_width = rect.width.saturating_sub(1);
    let width = app.layout.width.min(inner_width);
    (rect.x + (inner_width - width) / 2, width)
}

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let layout = &app.layout;
    let (x, width) = text_column(app, rect);
    let flash = app.flash.map(|f| flash_lines(app, f.value));
    let article = app.article();
    let marks = Marks {
        matches: &app.search.matches,
        current: app.search.current,
        urls: article.urls_found(),
        theme,
    };
    let visible = layout
        .lines
        .iter()
        .enumerate()
        .skip(app.top)
        .take(rect.height as usize);
    for (row, (index, line)) in visible.enumerate() {
        let mut shown = display(article, line, &marks, &layout.tables, layout.width.into());
        if flash.as_ref().is_some_and(|f| f.contains(&index)) {
            shown = shown.patch_style(theme.flash());
        }
        buf.set_line(x, rect.y + row as u16, &shown, width);
    }
    if layout.len() > rect.height as usize && rect.width > 0 {
        let mut state = ScrollbarState::new(app.max_top() + 1)
            .position(app.top)
            .viewport_content_length(rect.height as usize);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.dim())
            .render(rect, buf, &mut state);
    }
}

/// The lines a jump target covers: a section's heading (the title for the lead), or a block.
fn flash_lines(app: &App, target: Target) -> Range<usize> {
    let layout = &app.layout;
    match target {
        Target::Section(s) => {
            let start = layout.section_starts.get(s).copied().unwrap_or(0);
            let kind = layout.lines.get(start).map(|l| l.kind);
            let end = layout.lines[start..]
                .iter()
                .position(|l| Some(l.kind) != kind)
                .map_or(layout.len(), |n| start + n);
            start..end
        }
        Target::Block(at) => layout.block_span(at).map_or(0..0, |s| s.start..s.end),
    }
}

/// What marks the text of a line: the search's matches (one of them
/// current) and the URLs the layout found.
struct Marks<'m> {
    matches: &'m [Match],
    current: Option<usize>,
    urls: &'m Urls,
    theme: Theme,
}

impl Marks<'_> {
    /// `text[range]` (`text` being the string `text_ref` names) in `base`
    /// style, cut where a URL or a match starts or ends: a match split over
    /// two lines is marked on both, each line marking its own part.
    fn spans<'a>(
        &self,
        text: &'a str,
        text_ref: TextRef,
        range: Range<usize>,
        base: Style,
    ) -> Vec<Span<'a>> {
        let found = spans_touching(self.matches, text_ref, range.clone());
        let urls: Vec<Match> = self.urls.touching(text_ref, range.clone()).collect();
        let clip = |at: usize| at.clamp(range.start, range.end);
        let mut cuts = vec![range.start, range.end];
        for m in self.matches[found.clone()].iter().chain(&urls) {
            cuts.extend([clip(m.range.start), clip(m.range.end)]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let covers = |m: &Match, piece: &Range<usize>| {
            m.range.start <= piece.start && piece.end <= m.range.end
        };
        cuts.windows(2)
            .filter_map(|w| {
                let piece = w[0]..w[1];
                let mut style = base;
                if urls.iter().any(|u| covers(u, &piece)) {
                    style = style.patch(self.theme.link());
                }
                if let Some(i) = found.clone().find(|&i| covers(&self.matches[i], &piece)) {
                    style = style.patch(if Some(i) == self.current {
                        self.theme.search_current()
                    } else {
                        self.theme.search_match()
                    });
                }
                Some(Span::styled(text.get(piece)?, style))
            })
            .collect()
    }

    /// A table row laid out aligned: each cell marked and padded to its
    /// column, the columns apart by [`COLUMN_GAP`].
    fn row<'a>(
        &self,
        text: &'a str,
        at: BlockRef,
        cells: &[Range<usize>],
        widths: &[usize],
        base: Style,
    ) -> Vec<Span<'a>> {
        let mut spans = Vec::new();
        for (c, width) in widths.iter().enumerate() {
            if c > 0 {
                spans.push(Span::styled(COLUMN_GAP, self.theme.dim()));
            }
            let range = cells.get(c).cloned().unwrap_or(0..0);
            let shown = text.get(range.clone()).map_or(0, UnicodeWidthStr::width);
            if text.get(range.clone()).is_some() {
                spans.extend(self.spans(text, TextRef::Paragraph(at), range, base));
            }
            // The last column needs no padding.
            if c + 1 < widths.len() {
                spans.push(Span::raw(" ".repeat(width.saturating_sub(shown))));
            }
        }
        spans
    }
}

/// One display line as styled spans; `tables` are the layout's column widths.
fn display<'a>(
    article: &'a Article,
    line: &DisplayLine,
    marks: &Marks,
    tables: &[Vec<usize>],
    width: usize,
) -> Line<'a> {
    let theme = marks.theme;
    let text_ref = line.text_ref();
    let text = text_ref.and_then(|r| article.text(r)).unwrap_or("");
    let range = if text.get(line.text_range()).is_some() {
        line.text_range()
    } else {
        0..0
    };
    let marked = |base: Style| match text_ref {
        Some(r) => marks.spans(text, r, range.clone(), base),
        None => Vec::new(),
    };
    let post = line.block().and_then(|at| Some((at, article.post(at)?)));
    let bar = |symbol: &'static str| Span::styled(symbol, theme.card_bar());
    let in_card = |first: Span<'a>, rest: Vec<Span<'a>>| {
        let mut spans = vec![first];
        spans.extend(rest);
        Line::from(spans)
    };
    let paragraph = line
        .block()
        .and_then(|at| article.block(at))
        .and_then(|b| b.as_paragraph());
    // A text block's indent, bullet or bar before its text.
    let prefixed = |first: bool, style: Style, base: Style| {
        let (lead, rest) = paragraph.map_or_else(Default::default, |p| text_prefix(&p.kind, width));
        let mut spans = vec![Span::styled(if first { lead } else { rest }, style)];
        spans.extend(marked(base));
        Line::from(spans)
    };
    let header_row = matches!(
        paragraph.map(|p| &p.kind),
        Some(TextKind::TableRow { header: true, .. })
    );
    let row_style = if header_row {
        theme.author()
    } else {
        Style::new()
    };
    match line.kind {
        LineKind::Title => Line::from(marked(theme.title())),
        LineKind::Notice => Line::from(marked(theme.notice())),
        LineKind::Heading => Line::from(marked(theme.heading())),
        LineKind::Paragraph => Line::from(marked(Style::new())),
        LineKind::ListItem { first } => prefixed(first, theme.list_marker(), Style::new()),
        LineKind::Quote => prefixed(true, theme.quote_bar(), theme.quote()),
        LineKind::Code => prefixed(true, Style::new(), theme.code()),
        LineKind::Caption => Line::from(marked(theme.caption())),
        LineKind::TableRowWrapped => Line::from(marked(row_style)),
        LineKind::TableRow { table } => {
            let (Some(at), Some(p)) = (line.block(), paragraph) else {
                return Line::default();
            };
            let TextKind::TableRow { cells, .. } = &p.kind else {
                return Line::default();
            };
            let widths = tables.get(table as usize).map_or(&[][..], Vec::as_slice);
            Line::from(marks.row(&p.text, at, cells, widths, row_style))
        }
        LineKind::Blank => Line::default(),
        LineKind::PostHeader { meta_inline } => {
            let mut spans = marked(theme.author());
            let meta = line.block().map(TextRef::PostMeta);
            if let (true, Some(meta)) = (meta_inline, meta)
                && let Some(text) = article.text(meta)
            {
                if !spans.is_empty() {
                    spans.push(Span::raw(" "));
                }
                spans.extend(marks.spans(text, meta, 0..text.len(), theme.meta()));
            }
            in_card(bar("▌ "), spans)
        }
        LineKind::PostTitle => in_card(bar("│ "), marked(theme.author())),
        LineKind::PostNotIncluded => {
            let words = post
                .map(|(_, p)| not_included_card(p))
                .and_then(|w| w.get(line.text_range()))
                .unwrap_or("");
            in_card(bar("│ "), vec![Span::styled(words, theme.truncated())])
        }
        LineKind::PostMeta => {
            // A post with no author: its card line opens the card.
            let opens = line.range.start == 0 && post.is_some_and(|(_, p)| p.author.is_none());
            in_card(bar(if opens { "▌ " } else { "│ " }), marked(theme.meta()))
        }
        LineKind::PostText => in_card(bar("│ "), marked(Style::new())),
        LineKind::PostTruncated => Line::from(vec![
            bar("│ "),
            Span::styled("(truncated)", theme.truncated()),
        ]),
        LineKind::PostLink(_) | LineKind::PostUrl => in_card(bar("│ "), marked(theme.link())),
    }
}
