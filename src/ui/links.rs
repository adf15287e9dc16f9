//! The links on screen numbered after `o` or `y` (as w3m and newsboat
//! number links): each number on its link in the article, and a box at
//! the bottom of the article pane listing them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::Hyperlink;
use super::article::column_of;
use super::theme::Theme;
use super::widgets::{fit, pane_frame};
use crate::corpus::links::link_target;
use crate::reader::App;
use crate::reader::links::LinkPicker;
use crate::reader::settings::Borders;

/// Draws the numbers over the links shown in the article pane `rect`
/// (text at column `x`, `width` wide), and the list of links (which covers
/// the links drawn under it: they leave `links`, its own come in).
pub fn render(
    buf: &mut Buffer,
    app: &App,
    theme: Theme,
    rect: Rect,
    x: u16,
    width: u16,
    links: &mut Vec<Hyperlink>,
) {
    let Some(picker) = &app.picker else {
        return;
    };
    let layout = &app.layout;
    let article = app.article();
    for (n, link) in picker.links.iter().enumerate() {
        let Some(line_index) = layout.line_of_text(link.text, link.range.start) else {
            continue;
        };
        let Some(row) = line_index.checked_sub(app.top) else {
            continue;
        };
        if row >= rect.height as usize {
            continue;
        }
        let line = &layout.lines[line_index];
        let start = link.range.start.max(line.text_range().start);
        let Some(before) = column_of(article, layout, line, start) else {
            continue;
        };
        let column = x as usize + before;
        let label = format!("{}", n + 1);
        if column + label.width() <= (x + width) as usize {
            buf.set_stringn(
                column as u16,
                rect.y + row as u16,
                label,
                width as usize,
                theme.search_current(),
            );
        }
    }
    let borders = app.settings.layout.borders;
    let drawn_before = links.len();
    if let Some(area) = list(buf, picker, theme, borders, rect, app.current, links) {
        let listed = links.split_off(drawn_before);
        links.retain(|l| !(area.y..area.bottom()).contains(&l.y));
        links.extend(listed);
    }
}

/// The box listing the numbered links, at the bottom of `rect`, each a
/// link in `links`; returns where the box is.
fn list(
    buf: &mut Buffer,
    picker: &LinkPicker,
    theme: Theme,
    borders: Borders,
    rect: Rect,
    article: usize,
    links: &mut Vec<Hyperlink>,
) -> Option<Rect> {
    let rows = picker
        .links
        .len()
        .min((rect.height as usize / 2).saturating_sub(2));
    if rows == 0 || rect.width < 8 {
        return None;
    }
    let height = rows as u16 + 2;
    // Left of the scrollbar.
    let area = Rect::new(rect.x, rect.bottom() - height, rect.width - 1, height);
    Clear.render(area, buf);
    let verb = if picker.copy { "Copy" } else { "Open" };
    let title = if picker.cancel.is_empty() {
        format!("{verb} which link? Its number")
    } else {
        format!("{verb} which link? Its number; {}", picker.cancel)
    };
    let inner = pane_frame(buf, theme, borders, area, &title, true);
    let digits = picker.links.len().to_string().len();
    for (n, link) in picker.links.iter().take(rows).enumerate() {
        let more = picker.links.len() - rows;
        let text = if n + 1 == rows && more > 0 {
            format!("{:>digits$} … and {more} more", n + 1)
        } else {
            format!("{:>digits$} {}", n + 1, link.written)
        };
        let y = inner.y + n as u16;
        let shown = fit(&text, inner.width as usize);
        buf.set_stringn(inner.x, y, &shown, inner.width as usize, theme.link());
        let url_cells = shown.width().saturating_sub(digits + 1);
        if !(n + 1 == rows && more > 0)
            && url_cells > 0
            && let Some(url) = link_target(&link.written)
        {
            links.push(Hyperlink {
                x: inner.x + digits as u16 + 1,
                y,
                width: url_cells as u16,
                url,
                id: format!("depeche-{article}-n{}", n + 1),
            });
        }
        buf.set_stringn(
            inner.x,
            y,
            format!("{:>digits$}", n + 1),
            digits,
            theme.search_current(),
        );
    }
    Some(area)
}
