//! The list of articles (`a`), the current one marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::theme::Theme;
use super::widgets::{fit, pane_frame, symbols};
use crate::reader::App;
use crate::reader::keymap::Section;

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    ratatui::widgets::Widget::render(ratatui::widgets::Clear, rect, buf);
    let borders = app.settings.layout.borders;
    let keys = &app.settings.keymap;
    let title = match (
        keys.first_label(Section::Reader, "enter"),
        keys.first_label(Section::Lists, "close"),
    ) {
        (Some(open), Some(close)) => format!("Articles — {open} opens, {close} closes"),
        _ => "Articles".to_string(),
    };
    let inner = pane_frame(buf, theme, borders, rect, &title, true);
    for i in app.articles.visible(app.corpus.articles.len()) {
        let article = &app.corpus.articles[i];
        let y = app.articles.row_of(i);
        let style = if i == app.articles.selected {
            theme.selection(true)
        } else {
            Style::new()
        };
        let marker = if i == app.current {
            format!("{} ", symbols(borders).shown)
        } else {
            "  ".to_string()
        };
        let title = format!(
            "{marker}{}",
            fit(&article.title, (inner.width as usize).saturating_sub(2))
        );
        let details = format!(
            "  {} · {} · {}",
            article.date().unwrap_or("no date"),
            count(article.sections.len(), "section"),
            count(article.posts.len(), "post")
        );
        for (dy, (text, extra)) in [(title, theme.author()), (details, theme.dim())]
            .into_iter()
            .enumerate()
        {
            let row = Rect::new(inner.x, y + dy as u16, inner.width, 1);
            buf.set_style(row, style);
            buf.set_stringn(
                inner.x,
                row.y,
                text,
                inner.width as usize,
                extra.patch(style),
            );
        }
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
