//! The help overlay, generated from the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::theme::Theme;
use super::widgets::{pane_frame, scrollbar};
use crate::reader::App;
use crate::reader::help::{help_key_width, help_rows};
use crate::reader::keymap::{Keymap, Section, key_label};

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    Clear.render(rect, buf);
    let borders = app.settings.layout.borders;
    let keymap = &app.settings.keymap;
    let title = format!("Help — {} closes", closing_keys(keymap));
    let inner = pane_frame(buf, theme, borders, rect, &title, true);
    let key_width = help_key_width(keymap, inner.width);
    let rows = help_rows(keymap, inner.width);
    let visible = rows
        .iter()
        .skip(app.help.offset)
        .take(inner.height as usize);
    if rows.len() > inner.height as usize && app.settings.layout.scrollbar {
        // More than fits: a scrollbar, and the status bar says where.
        let place = (
            app.help.offset,
            app.help.last_offset(rows.len()) + 1,
            inner.height as usize,
        );
        scrollbar(buf, theme, borders, inner, place);
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

/// The keys that close the help, as its title lists them ("Esc, q or ?").
fn closing_keys(keymap: &Keymap) -> String {
    let mut keys: Vec<String> = keymap
        .keys_of(Section::Lists, "close")
        .iter()
        .chain(keymap.keys_of(Section::Reader, "help").first())
        .map(|&k| key_label(k))
        .collect();
    keys.dedup();
    match keys.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}
