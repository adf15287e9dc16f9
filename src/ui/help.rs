//! The help overlay, generated from the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{
    Clear, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::theme::Theme;
use super::widgets::pane_frame;
use crate::reader::App;
use crate::reader::help::{help_key_width, help_rows};

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    Clear.render(rect, buf);
    let inner = pane_frame(buf, theme, rect, "Help — Esc, q or ? closes", true);
    let key_width = help_key_width(inner.width);
    let rows = help_rows(inner.width);
    let visible = rows
        .iter()
        .skip(app.help.offset)
        .take(inner.height as usize);
    if rows.len() > inner.height as usize {
        // More than fits: a scrollbar, and the status bar says where.
        let mut state = ScrollbarState::new(app.help.last_offset(rows.len()) + 1)
            .position(app.help.offset)
            .viewport_content_length(inner.height as usize);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.dim())
            .render(inner, buf, &mut state);
    }
    for (n, row) in visible.enumerate() {
        let y = inner.y + n as u16;
        buf.set_stringn(
            inner.x,
            y,
            &row.keys,
            key_width.saturating_sub(1) as usize,
            theme.heading(),
        );
        buf.set_stringn(
            inner.x + key_width,
            y,
            &row.text,
            inner.width.saturating_sub(key_width + 1) as usize,
            Style::new(),
        );
    }
}
