//! The title bar (article title, date, notice, "2/7") and the status bar
//! (focused pane, section, position, keys or a message).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::sections::LEAD_LABEL;
use super::{Theme, fit, prefix_for};
use crate::app::{App, Overlay};

/// The main keys, shown when there is no message.
const KEYS_HINT: &str = "?:help  q:quit  Tab:pane  ]/[:section  }/{:post  Ctrl-o:back";

pub fn title_bar(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
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
    let bold = theme.bar().add_modifier(Modifier::BOLD);
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

pub fn status_bar(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let focus = match app.overlay {
        Some(Overlay::Help) => "Help",
        Some(Overlay::Articles) => "Articles",
        None => app.focus.label(),
    };
    let section = app.current_section();
    let name = app
        .article()
        .sections
        .get(section)
        .map(|s| s.heading.as_deref().unwrap_or(LEAD_LABEL))
        .unwrap_or("");
    let len = app.layout.len();
    let percent = if app.max_top() == 0 {
        100
    } else {
        (app.top.min(app.max_top()) * 100 / app.max_top()) as u32
    };
    let position = format!(" {}/{len} {percent}% ", app.top + 1);
    let mut x = rect.x;
    let right = rect.right();
    let mut put = |buf: &mut Buffer, text: &str, style: Style| {
        let (end, _) = buf.set_stringn(x, rect.y, text, right.saturating_sub(x) as usize, style);
        x = end;
    };
    put(
        buf,
        &format!(" {focus} "),
        theme.bar().add_modifier(Modifier::BOLD),
    );
    put(buf, &position, Style::new());
    if let Some(message) = &app.message {
        let style = if message.error {
            theme.error()
        } else {
            theme.current()
        };
        put(buf, " ", Style::new());
        put(buf, prefix_for(&message.text, rect.width), style);
        return;
    }
    let section_label = format!("§ {} ", prefix_for(name, rect.width / 3));
    let section_width = section_label.width().min((rect.width / 3) as usize);
    let (end, _) = buf.set_stringn(x, rect.y, &section_label, section_width, theme.heading());
    x = end;
    buf.set_stringn(
        x,
        rect.y,
        format!(" {KEYS_HINT}"),
        right.saturating_sub(x) as usize,
        theme.dim(),
    );
}
