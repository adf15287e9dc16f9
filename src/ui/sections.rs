//! The Sections pane: the table of contents, the section being read highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::{Theme, fit, pane_frame};
use crate::app::{App, Pane};

/// What the untitled lead section is called in the table of contents.
pub const LEAD_LABEL: &str = "Lead";

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let focused = app.focus == Pane::Sections;
    let inner = pane_frame(buf, theme, rect, "1 Sections", focused);
    let sections = &app.article().sections;
    let current = app.current_section();
    let rows = sections
        .iter()
        .enumerate()
        .skip(app.sections.top)
        .take(inner.height as usize);
    for (row, (i, section)) in rows.enumerate() {
        let y = inner.y + row as u16;
        let name = section.heading.as_deref().unwrap_or(LEAD_LABEL);
        let marker = if i == current { "▸" } else { " " };
        let mut style = if i == current {
            theme.current()
        } else {
            Style::new()
        };
        if i == app.sections.selected {
            style = style.patch(if focused {
                theme.selected()
            } else {
                theme.selected_unfocused()
            });
        }
        let number = format!("{marker}{:>2} ", i + 1);
        // How many matches of the search the section holds, at the right.
        let count = match app.search.section_counts.get(i) {
            Some(&n) if n > 0 => format!(" {n}"),
            _ => String::new(),
        };
        let room = (inner.width as usize).saturating_sub(number.width() + count.width());
        let label = format!("{number}{}", fit(name, room));
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_stringn(inner.x, y, label, inner.width as usize, style);
        if !count.is_empty() && count.width() < inner.width as usize {
            let x = inner.right() - count.width() as u16;
            buf.set_stringn(
                x,
                y,
                &count,
                count.width(),
                style.patch(theme.search_match()),
            );
        }
    }
}
