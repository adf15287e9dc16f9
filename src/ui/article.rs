//! The article pane: the visible slice of the layout, and a scrollbar.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::Theme;
use crate::app::{App, JumpTarget};
use crate::layout::{DisplayLine, LineKind, post_meta};
use crate::model::Article;

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let layout = &app.layout;
    let inner_width = rect.width.saturating_sub(1);
    let width = layout.width.min(inner_width);
    let x = rect.x + (inner_width - width) / 2;
    let flash = app.flash.map(|f| flash_lines(app, f.target));
    let article = app.article();
    let visible = layout
        .lines
        .iter()
        .enumerate()
        .skip(app.top)
        .take(rect.height as usize);
    for (row, (index, line)) in visible.enumerate() {
        let mut shown = display(article, line, theme);
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
fn flash_lines(app: &App, target: JumpTarget) -> Range<usize> {
    let layout = &app.layout;
    match target {
        JumpTarget::Section(s) => {
            let start = layout.section_starts.get(s).copied().unwrap_or(0);
            let kind = layout.lines.get(start).map(|l| l.kind);
            let end = layout.lines[start..]
                .iter()
                .position(|l| Some(l.kind) != kind)
                .map_or(layout.len(), |n| start + n);
            start..end
        }
        JumpTarget::Block(at) => layout.block_span(at).map_or(0..0, |s| s.start..s.end),
    }
}

/// One display line as styled spans.
fn display<'a>(article: &'a Article, line: &DisplayLine, theme: Theme) -> Line<'a> {
    let text = line
        .text_ref()
        .and_then(|r| article.text(r))
        .and_then(|t| t.get(line.range.clone()))
        .unwrap_or("");
    let post = line.block.and_then(|at| article.post(at));
    let bar = |symbol: &'static str| Span::styled(symbol, theme.card_bar());
    match line.kind {
        LineKind::Title => Line::styled(text, theme.title()),
        LineKind::Notice => Line::styled(text, theme.notice()),
        LineKind::Heading => Line::styled(text, theme.heading()),
        LineKind::Paragraph => Line::raw(text),
        LineKind::Blank => Line::default(),
        LineKind::PostHeader { meta_inline } => {
            let mut spans = vec![bar("▌ "), Span::styled(text, theme.author())];
            if let (true, Some(post)) = (meta_inline, post) {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(post_meta(post), theme.meta()));
            }
            Line::from(spans)
        }
        LineKind::PostMeta => Line::from(vec![
            bar("│ "),
            Span::styled(post.map(post_meta).unwrap_or_default(), theme.meta()),
        ]),
        LineKind::PostText => Line::from(vec![bar("│ "), Span::raw(text)]),
        LineKind::PostTruncated => Line::from(vec![
            bar("│ "),
            Span::styled("(truncated)", theme.dim().add_modifier(Modifier::ITALIC)),
        ]),
        LineKind::PostLink(_) => Line::from(vec![bar("│ "), Span::styled(text, theme.link())]),
    }
}
