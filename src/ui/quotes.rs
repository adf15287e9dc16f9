//! The Quotes pane: every post in reading order, those visible in the article
//! marked `●`, those holding a match of the search `*`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{empty_line, fit, fit_spans, pane_frame, prefix_for, symbols};
use crate::reader::layout::{display_day, not_included_card};
use crate::reader::{App, Pane};

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let focused = app.focus == Pane::Quotes;
    let borders = app.settings.layout.borders;
    let inner = pane_frame(buf, theme, borders, rect, "3 Quotes", focused);
    let article = app.article();
    if article.posts.is_empty() {
        return empty_line(buf, theme, inner, "no quoted posts");
    }
    let bottom = app.top + app.article_height();
    let visible = app.layout.blocks_in(app.top..bottom);
    for i in app.quotes.visible(article.posts.len()) {
        let at = article.posts[i];
        let Some(post) = article.post(at) else {
            continue;
        };
        let y = app.quotes.row_of(i);
        let shown = visible.iter().any(|s| s.at == at);
        let mut style = Style::new();
        if i == app.quotes.selected {
            style = theme.selection(focused);
        }
        let marker = if shown {
            Span::styled(symbols(borders).shown, theme.current())
        } else {
            Span::raw(" ")
        };
        // A post holding a match of the search.
        let found = if app.search.posts.binary_search(&at).is_ok() {
            Span::styled("*", theme.search_match())
        } else {
            Span::raw(" ")
        };
        // Who posted it: the author, else the account, else the platform;
        // everything cut ends in "…".
        let room = (inner.width as usize).saturating_sub(2);
        let (name, handle) = match (&post.author, &post.handle) {
            (Some(author), handle) => (prefix_for(author, inner.width).into(), handle.as_deref()),
            (None, Some(handle)) => (format!("@{}", prefix_for(handle, inner.width)), None),
            (None, None) => (post.platform.label().into(), None),
        };
        let mut pieces = vec![(name.into(), theme.author())];
        if let Some(handle) = handle {
            pieces.push((format!(" @{handle}").into(), theme.meta()));
        }
        if let Some(date) = &post.date {
            pieces.push((format!(" {}", display_day(date)).into(), theme.dim()));
        }
        let mut header = vec![marker, found];
        header.extend(fit_spans(pieces, room));
        let header = Line::from(header);
        let words = match (&post.text, &post.title) {
            (Some(text), _) => {
                Span::raw(fit(&prefix_for(text, inner.width).replace('\n', " "), room).into_owned())
            }
            (None, Some(title)) => {
                Span::raw(fit(prefix_for(title, inner.width), room).into_owned())
            }
            (None, None) => Span::styled(
                fit(not_included_card(post), room).into_owned(),
                theme.truncated(),
            ),
        };
        let words = Line::from(vec![Span::raw("  "), words]);
        for (dy, line) in [header, words].iter().enumerate() {
            let line_rect = Rect::new(inner.x, y + dy as u16, inner.width, 1);
            buf.set_style(line_rect, style);
            buf.set_line(
                inner.x,
                line_rect.y,
                &line.clone().patch_style(style),
                inner.width,
            );
        }
    }
}
