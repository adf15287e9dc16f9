//! The title bar: the article's title, its date and notice when they fit,
//! and which article of the corpus it is ("2/7").

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::widgets::fit;
use crate::reader::App;

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    buf.set_style(rect, theme.bar());
    let article = app.article();
    let count = app.corpus.articles.len();
    let position = if count > 1 {
        format!(" {}/{count} ", app.current + 1)
    } else {
        String::new()
    };
    let details: Vec<&str> = [article.date.as_deref(), article.notice.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let details = if details.is_empty() {
        String::new()
    } else {
        format!(" {} ", details.join(" · "))
    };
    let room = (rect.width as usize).saturating_sub(position.width() + 1);
    let title_width = article.title.width();
    // The title first; date and notice at the right when they fit beside it,
    // or when they leave the title at least half the bar.
    let (title_room, details) = if title_width + details.width() <= room {
        (title_width, details)
    } else if details.width() * 2 <= room {
        (room - details.width(), details)
    } else {
        (room, String::new())
    };
    let bold = theme.bar_label();
    buf.set_stringn(rect.x, rect.y, " ", 1, bold);
    buf.set_stringn(
        rect.x + 1,
        rect.y,
        fit(&article.title, title_room),
        title_room,
        bold,
    );
    let right = format!("{details}{position}");
    let right_width = right.width().min(rect.width as usize) as u16;
    buf.set_stringn(
        rect.right() - right_width,
        rect.y,
        right,
        right_width as usize,
        theme.bar(),
    );
}
