//! The article pane: the visible slice of the layout, a scrollbar, and
//! where its links and the line being read are on screen.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Hyperlink;
use super::theme::Theme;
use super::widgets::{Symbols, scrollbar, symbols};
use crate::corpus::links::{link_target, sanitize_url};
use crate::corpus::model::{Article, BlockRef, TextKind, TextRef, Urls, spans_touching};
use crate::reader::layout::{
    ArticleLayout, CARD_PREFIX_WIDTH, COLUMN_GAP, DisplayLine, LineKind, not_included_card,
    text_prefix,
};
use crate::reader::{App, Target};
use crate::search::Match;

/// Where the text of the article pane `rect` goes: its first column and width.
pub fn text_column(app: &App, rect: Rect) -> (u16, u16) {
    let inner_width = rect.width.saturating_sub(1);
    let width = app.layout.width.min(inner_width);
    (rect.x + (inner_width - width) / 2, width)
}

/// Draws the visible lines, and adds the links they show to `links`.
pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect, links: &mut Vec<Hyperlink>) {
    let layout = &app.layout;
    let (x, width) = text_column(app, rect);
    let flash = app.flash.map(|f| flash_lines(app, f.value));
    let article = app.article();
    let borders = app.settings.layout.borders;
    let marks = Marks {
        matches: &app.search.matches,
        current: app.search.current,
        urls: article.urls_found(),
        theme,
        symbols: symbols(borders),
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
        let y = rect.y + row as u16;
        buf.set_line(x, y, &shown, width);
        line_links(app, line, (x, y, width), links);
    }
    if app.settings.layout.scrollbar && layout.len() > rect.height as usize && rect.width > 0 {
        let place = (app.top, app.max_top() + 1, rect.height as usize);
        scrollbar(buf, theme, borders, rect, place);
    }
}

/// The columns after the text column's start where byte `byte` of the
/// line's text shows (it must be in the line's range, or in a table row's
/// cells): what a card's bar, a bullet or a table's columns put before it.
pub fn column_of(
    article: &Article,
    layout: &ArticleLayout,
    line: &DisplayLine,
    byte: usize,
) -> Option<usize> {
    let text = article.text(line.text_ref()?)?;
    let width = usize::from(layout.width);
    let width_of = |range: Range<usize>| text.get(range).map(UnicodeWidthStr::width);
    let paragraph = line
        .block()
        .and_then(|at| article.block(at))
        .and_then(|b| b.as_paragraph());
    let lead = match line.kind {
        _ if line.in_card() => CARD_PREFIX_WIDTH,
        LineKind::ListItem { first } => {
            let (lead, rest) = text_prefix(&paragraph?.kind, width);
            if first { lead.width() } else { rest.width() }
        }
        LineKind::Quote | LineKind::Code => text_prefix(&paragraph?.kind, width).0.width(),
        LineKind::TableRow { table } => {
            let TextKind::TableRow { cells, .. } = &paragraph?.kind else {
                return None;
            };
            let widths = layout.tables.get(table as usize)?;
            let c = cells
                .iter()
                .position(|cell| cell.contains(&byte) || cell.end == byte)?;
            let before: usize = widths[..c].iter().sum::<usize>() + c * COLUMN_GAP.width();
            return Some(before + width_of(cells[c].start..byte)?);
        }
        _ => 0,
    };
    Some(lead + width_of(line.text_range().start..byte)?)
}

/// Adds the links line `line` shows at `(x, y)` in a column `width` wide:
/// the URLs its text holds, or the whole line for a post's link.
fn line_links(
    app: &App,
    line: &DisplayLine,
    (x, y, width): (u16, u16, u16),
    links: &mut Vec<Hyperlink>,
) {
    let article = app.article();
    let Some(text_ref) = line.text_ref() else {
        return;
    };
    let Some(text) = article.text(text_ref) else {
        return;
    };
    let mut add = |range: Range<usize>, url: Option<String>, id: String| {
        let (Some(url), Some(column)) = (url, column_of(article, &app.layout, line, range.start))
        else {
            return;
        };
        let shown = text.get(range).map_or(0, UnicodeWidthStr::width);
        let room = usize::from(width).saturating_sub(column);
        let cells = shown.min(room);
        if cells > 0 {
            links.push(Hyperlink {
                x: x + column as u16,
                y,
                width: cells as u16,
                url,
                id,
            });
        }
    };
    let article_id = app.current;
    match (line.kind, line.block()) {
        (LineKind::PostUrl, Some(at)) => add(
            line.text_range(),
            sanitize_url(text),
            format!("depeche-{article_id}-p{}.{}", at.section, at.block),
        ),
        (LineKind::PostLink(i), Some(at)) => add(
            line.text_range(),
            sanitize_url(text),
            format!("depeche-{article_id}-p{}.{}.{i}", at.section, at.block),
        ),
        _ => {
            let urls = article.urls();
            let pieces: Vec<Range<usize>> = match (line.kind, line.block()) {
                (LineKind::TableRow { .. }, Some(at)) => {
                    match article.block(at).and_then(|b| b.as_paragraph()) {
                        Some(p) => match &p.kind {
                            TextKind::TableRow { cells, .. } => cells.to_vec(),
                            _ => vec![line.text_range()],
                        },
                        None => Vec::new(),
                    }
                }
                _ => vec![line.text_range()],
            };
            for piece in pieces {
                for found in urls.touching(text_ref, piece.clone()) {
                    let start = found.range.start.max(piece.start);
                    let end = found.range.end.min(piece.end);
                    if start >= end {
                        continue;
                    }
                    let target = text.get(found.range.clone()).and_then(link_target);
                    add(
                        start..end,
                        target,
                        url_id(article_id, text_ref, found.range.start),
                    );
                }
            }
        }
    }
}

/// The OSC 8 id of a URL found in a text: the same for every piece of it
/// (a wrapped URL is one link), different for every URL of the article.
fn url_id(article: usize, text: TextRef, start: usize) -> String {
    use std::hash::{Hash, Hasher};
    // `DefaultHasher::new` has fixed keys: the id is the same every frame.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    format!("depeche-{article}-u{:x}.{start}", hasher.finish())
}

/// Where the cursor goes in the article: on the current match when it
/// shows, else on the first line of where a jump landed, else on the top
/// line, at the start of the text.
pub fn reading_position(app: &App, rect: Rect) -> Option<Position> {
    let layout = &app.layout;
    let (x, _) = text_column(app, rect);
    let shown = app.top..(app.top + rect.height as usize).min(layout.len());
    if shown.is_empty() {
        return None;
    }
    let at_line = |line: usize, column: usize| {
        Position::new(x + column as u16, rect.y + (line - app.top) as u16)
    };
    if let Some(m) = app.search.current_match()
        && let Some(line) = layout.line_of_text(m.text, m.range.start)
        && shown.contains(&line)
    {
        let column =
            column_of(app.article(), layout, &layout.lines[line], m.range.start).unwrap_or(0);
        return Some(at_line(line, column.min(usize::from(layout.width))));
    }
    if let Some(target) = app.flash.map(|f| f.value).or_else(|| app.pinned()) {
        let lines = flash_lines(app, target);
        if shown.contains(&lines.start) {
            return Some(at_line(lines.start, 0));
        }
    }
    Some(at_line(app.top, 0))
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
    symbols: Symbols,
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
    let symbols = &marks.symbols;
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
        let lead = if first { lead } else { rest };
        // The layout's marks, in the set the borders ask for (same width).
        let lead = lead
            .replace('•', symbols.bullet)
            .replace('│', symbols.quote_bar);
        let mut spans = vec![Span::styled(lead, style)];
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
            in_card(bar(symbols.card_open), spans)
        }
        LineKind::PostTitle => in_card(bar(symbols.card), marked(theme.author())),
        LineKind::PostNotIncluded => {
            let words = post
                .map(|(_, p)| not_included_card(p))
                .and_then(|w| w.get(line.text_range()))
                .unwrap_or("");
            in_card(
                bar(symbols.card),
                vec![Span::styled(words, theme.truncated())],
            )
        }
        LineKind::PostMeta => {
            // A post with no author: its card line opens the card.
            let opens = line.range.start == 0 && post.is_some_and(|(_, p)| p.author.is_none());
            let symbol = if opens {
                symbols.card_open
            } else {
                symbols.card
            };
            in_card(bar(symbol), marked(theme.meta()))
        }
        LineKind::PostText => in_card(bar(symbols.card), marked(Style::new())),
        LineKind::PostTruncated => Line::from(vec![
            bar(symbols.card),
            Span::styled("(truncated)", theme.truncated()),
        ]),
        LineKind::PostLink(_) | LineKind::PostUrl => {
            in_card(bar(symbols.card), marked(theme.link()))
        }
    }
}
