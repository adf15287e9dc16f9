//! The help overlay, generated from the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_frame};
use crate::app::App;
use crate::keymap::help_lines;

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    Clear.render(rect, buf);
    let inner = pane_frame(buf, theme, rect, "Help — Esc, q or ? closes", true);
    let lines = help_lines();
    let key_width = lines.iter().map(|(k, _)| k.width()).max().unwrap_or(0) as u16 + 2;
    let key_width = key_width.min(inner.width / 2);
    let rows = lines.iter().skip(app.help_top).take(inner.height as usize);
    for (n, (keys, help)) in rows.enumerate() {
        let y = inner.y + n as u16;
        let key_style = Style::new()
            .add_modifier(Modifier::BOLD)
            .patch(theme.heading());
        buf.set_stringn(
            inner.x,
            y,
            keys,
            key_width.saturating_sub(1) as usize,
            key_style,
        );
        buf.set_stringn(
            inner.x + key_width,
            y,
            help,
            inner.width.saturating_sub(key_width) as usize,
            Style::new(),
        );
    }
}
