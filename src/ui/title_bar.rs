//! The title bar: the article's title, its date, byline, site and notice
//! when they fit, and which article of the corpus it is ("2/7").

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::widgets::fit;
use crate::reader::layout::LineKind;
use crate::reader::{App, Pane, Screen};

/// What the bar shows, in order of need: the title, then the date, the
/// byline, the site the article comes from, the notice, each only when the article does not show it on screen
/// (the title and notice are the article's first lines); the title is cut
/// (with "…") only when it alone does not fit.
pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    buf.set_style(rect, theme.bar());
    if app.screen == Screen::Library {
        let title = super::library::title(app);
        let room = (rect.width as usize).saturating_sub(1);
        buf.set_stringn(rect.x, rect.y, " ", 1, theme.bar_label());
        buf.set_stringn(
            rect.x + 1,
            rect.y,
            fit(&title, room),
            room,
            theme.bar_label(),
        );
        return;
    }
    let article = app.article();
    let count = app.corpus.articles.len();
    let position = if count > 1 {
        format!(" {}/{count} ", app.current + 1)
    } else {
        String::new()
    };
    let (title_shown, notice_shown) = header_on_screen(app);
    let room = (rect.width as usize).saturating_sub(position.width() + 1);
    let title = if title_shown { "" } else { &article.title };
    let title_room = title.width().min(room);
    let mut left = room - title_room;
    let mut details: Vec<&str> = Vec::new();
    let notice = article.notice().filter(|_| !notice_shown);
    let host = article.host();
    let details_by_need = [article.date(), article.byline(), host.as_deref(), notice];
    for detail in details_by_need.into_iter().flatten() {
        // " · " between details, a space around them.
        let needs = detail.width() + if details.is_empty() { 2 } else { 3 };
        if needs <= left {
            left -= needs;
            details.push(detail);
        }
    }
    let bold = theme.bar_label();
    buf.set_stringn(rect.x, rect.y, " ", 1, bold);
    buf.set_stringn(rect.x + 1, rect.y, fit(title, title_room), title_room, bold);
    let details = if details.is_empty() {
        String::new()
    } else {
        format!(" {} ", details.join(" · "))
    };
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

/// Whether the article pane shows the title, and the notice, at its top
/// (not when an overlay or a folded pane covers it).
fn header_on_screen(app: &App) -> (bool, bool) {
    let covered = app.overlay.is_some() || (app.focus != Pane::Article && app.is_folded(app.focus));
    if covered {
        return (false, false);
    }
    let lines = &app.layout.lines;
    let title = lines
        .iter()
        .take_while(|l| l.kind == LineKind::Title)
        .count();
    let notice = lines[title..]
        .iter()
        .take_while(|l| l.kind == LineKind::Notice)
        .count();
    let shown = app.top..app.top + app.article_height();
    let title_shown = title > 0 && shown.start < title;
    let notice_shown = notice > 0 && shown.start < title + notice && shown.end > title;
    (title_shown, notice_shown)
}
