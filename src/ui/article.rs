//! The article pane: the visible slice of the layout, and a scrollbar.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::theme::Theme;
use crate::corpus::model::{Article, BlockRef, Post, TextRef, spans_touching};
use crate::reader::layout::{DisplayLine, LineKind, post_meta};
use crate::reader::{App, Target};
use crate::search::Match;

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let layout = &app.layout;
    let inner_width = rect.width.saturating_sub(1);
    let width = layout.width.min(inner_width);
    let x = rect.x + (inner_width - width) / 2;
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
        let mut shown = display(article, line, &marks);
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
    urls: &'m [Match],
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
        let urls = &self.urls[spans_touching(self.urls, text_ref, range.clone())];
        let clip = |at: usize| at.clamp(range.start, range.end);
        let mut cuts = vec![range.start, range.end];
        for m in self.matches[found.clone()].iter().chain(urls) {
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

    /// A post's `@handle · platform · date`, its handle marked.
    fn meta<'a>(&self, post: &'a Post, at: BlockRef) -> Vec<Span<'a>> {
        let meta = post_meta(post);
        let style = self.theme.meta();
        // `post_meta` starts with "@" and the handle.
        let rest = meta.get(1 + post.handle.len()..).unwrap_or("").to_string();
        let mut spans = vec![Span::styled("@", style)];
        spans.extend(self.spans(
            &post.handle,
            TextRef::PostHandle(at),
            0..post.handle.len(),
            style,
        ));
        spans.push(Span::styled(rest, style));
        spans
    }
}

/// One display line as styled spans.
fn display<'a>(article: &'a Article, line: &DisplayLine, marks: &Marks) -> Line<'a> {
    let theme = marks.theme;
    let text_ref = line.text_ref();
    let text = text_ref.and_then(|r| article.text(r)).unwrap_or("");
    let range = if text.get(line.range.clone()).is_some() {
        line.range.clone()
    } else {
        0..0
    };
    let marked = |base: Style| match text_ref {
        Some(r) => marks.spans(text, r, range.clone(), base),
        None => Vec::new(),
    };
    let post = line.block.and_then(|at| Some((at, article.post(at)?)));
    let bar = |symbol: &'static str| Span::styled(symbol, theme.card_bar());
    let in_card = |first: Span<'a>, rest: Vec<Span<'a>>| {
        let mut spans = vec![first];
        spans.extend(rest);
        Line::from(spans)
    };
    match line.kind {
        LineKind::Title => Line::from(marked(theme.title())),
        LineKind::Notice => Line::from(marked(theme.notice())),
        LineKind::Heading => Line::from(marked(theme.heading())),
        LineKind::Paragraph => Line::from(marked(Style::new())),
        LineKind::Blank => Line::default(),
        LineKind::PostHeader { meta_inline } => {
            let mut spans = marked(theme.author());
            if let (true, Some((at, post))) = (meta_inline, post) {
                spans.push(Span::raw(" "));
                spans.extend(marks.meta(post, at));
            }
            in_card(bar("▌ "), spans)
        }
        LineKind::PostMeta => in_card(
            bar("│ "),
            post.map(|(at, post)| marks.meta(post, at))
                .unwrap_or_default(),
        ),
        LineKind::PostText => in_card(bar("│ "), marked(Style::new())),
        LineKind::PostTruncated => Line::from(vec![
            bar("│ "),
            Span::styled("(truncated)", theme.truncated()),
        ]),
        LineKind::PostLink(_) | LineKind::PostUrl => in_card(bar("│ "), marked(theme.link())),
    }
}
