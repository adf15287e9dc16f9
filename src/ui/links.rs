//! The links on screen numbered after `o` or `y` (as w3m and newsboat
//! number links): each number on its link in the article, and a box at
//! the bottom of the article pane listing them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::widgets::{fit, pane_frame};
use crate::reader::App;
use crate::reader::layout::CARD_PREFIX_WIDTH;
use crate::reader::links::LinkPicker;

/// Draws the numbers over the links shown in the article pane `rect`
/// (text at column `x`, `width` wide), and the list of links.
pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect, x: u16, width: u16) {
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
        let text = article.text(link.text).unwrap_or("");
        let before = text
            .get(line.range.start as usize..link.range.start.max(line.range.start as usize))
            .map_or(0, UnicodeWidthStr::width);
        let bar = if line.in_card() { CARD_PREFIX_WIDTH } else { 0 };
        let column = x as usize + bar + before;
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
    list(buf, picker, theme, rect);
}

/// The box listing the numbered links, at the bottom of `rect`.
fn list(buf: &mut Buffer, picker: &LinkPicker, theme: Theme, rect: Rect) {
    let rows = picker
        .links
        .len()
        .min((rect.height as usize / 2).saturating_sub(2));
    if rows == 0 || rect.width < 8 {
        return;
    }
    let height = rows as u16 + 2;
    // Left of the scrollbar.
    let area = Rect::new(rect.x, rect.bottom() - height, rect.width - 1, height);
    Clear.render(area, buf);
    let title = if picker.copy {
        "Copy which link? Its number; Esc"
    } else {
        "Open which link? Its number; Esc"
    };
    let inner = pane_frame(buf, theme, area, title, true);
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
        buf.set_stringn(
            inner.x,
            y,
            format!("{:>digits$}", n + 1),
            digits,
            theme.search_current(),
        );
    }
}
