//! The Quotes pane: every post in reading order, those visible in the article
//! marked `●`, those holding a match of the search `*`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{pane_frame, prefix_for};
use crate::reader::layout::display_date;
use crate::reader::{App, Pane};

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let focused = app.focus == Pane::Quotes;
    let inner = pane_frame(buf, theme, rect, "3 Quotes", focused);
    let article = app.article();
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
            Span::styled("●", theme.current())
        } else {
            Span::raw(" ")
        };
        // A post holding a match of the search.
        let found = if app.search.posts.binary_search(&at).is_ok() {
            Span::styled("*", theme.search_match())
        } else {
            Span::raw(" ")
        };
        let header = Line::from(vec![
            marker,
            found,
            Span::styled(prefix_for(&post.author, inner.width), theme.author()),
            Span::styled(format!(" @{} ", post.handle), theme.meta()),
            Span::styled(display_date(&post.date), theme.dim()),
        ]);
        let words = Line::from(vec![
            Span::raw("  "),
            Span::raw(prefix_for(&post.text, inner.width).replace('\n', " ")),
        ]);
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
