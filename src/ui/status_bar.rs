//! The status bar (focused pane, position, search, section, keys or a
//! message), or the search prompt while it is open.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::sections::LEAD_LABEL;
use super::theme::Theme;
use super::widgets::prefix_for;
use crate::reader::{App, Overlay};
use crate::search::SearchMode;

/// The main keys, shown when there is no message.
const KEYS_HINT: &str = "?:help  q:quit  /:search  Tab:pane  ]/[:section  }/{:post  Ctrl-o:back";

/// The status bar, or the search prompt while it is open: then returns
/// where the terminal cursor goes.
pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) -> Option<Position> {
    if app.search.is_typing() {
        return Some(prompt(buf, app, theme, rect));
    }
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
    // While the whole layout is built, its length is not known yet.
    let position = if app.work.pending.is_some() {
        format!(" {} laying out… ", app.top + 1)
    } else {
        format!(" {}/{len} {percent}% ", app.top + 1)
    };
    let mut x = rect.x;
    let right = rect.right();
    let mut put = |buf: &mut Buffer, text: &str, style: Style| {
        let (end, _) = buf.set_stringn(x, rect.y, text, right.saturating_sub(x) as usize, style);
        x = end;
    };
    put(buf, &format!(" {focus} "), theme.bar_label());
    put(buf, &position, Style::new());
    if app.search.is_active() {
        let search = &app.search;
        put(
            buf,
            &format!(" /{} ", prefix_for(&search.query, rect.width)),
            theme.search_match(),
        );
        put(
            buf,
            &format!(" {} ", search.summary()),
            summary_style(app, theme),
        );
    }
    if let Some(message) = app.message.as_ref().map(|m| &m.value) {
        let style = if message.error {
            theme.error()
        } else {
            theme.current()
        };
        put(buf, " ", Style::new());
        put(buf, prefix_for(&message.text, rect.width), style);
        return None;
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
    None
}

/// `K/N` in the colour of what is current; "no match" and errors stand out.
fn summary_style(app: &App, theme: Theme) -> Style {
    if app.search.error.is_some() || app.search.matches.is_empty() {
        theme.error()
    } else {
        theme.search_count()
    }
}

/// The search prompt: `/` (`/(re) ` for a regex), the query scrolled so
/// that the cursor shows, and at the right how the search stands. Returns
/// the cursor's cell, placed by display width.
fn prompt(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) -> Position {
    let search = &app.search;
    let prompt = &search.prompt;
    buf.set_style(rect, Style::new());
    let lead = match prompt.mode() {
        SearchMode::Plain => "/",
        SearchMode::Regex => "/(re) ",
    };
    let (after_lead, _) = buf.set_stringn(rect.x, rect.y, lead, rect.width as usize, theme.bar());
    let info = if prompt.text().is_empty() {
        String::new()
    } else {
        format!(" {} ", search.summary())
    };
    let info_width = info.width().min(rect.width as usize / 2) as u16;
    if info_width > 0 {
        let text = prefix_for(&info, rect.width);
        buf.set_stringn(
            rect.right() - info_width,
            rect.y,
            text,
            info_width as usize,
            summary_style(app, theme),
        );
    }
    // One cell for the cursor after the last character.
    let room = rect.right().saturating_sub(after_lead + info_width).max(1) as usize;
    let text = prompt.text();
    let cursor = prompt.cursor_column();
    // Scroll the query left until the cursor fits.
    let mut skipped = 0;
    let mut from = 0;
    for (i, c) in text.char_indices() {
        if cursor.saturating_sub(skipped) < room {
            break;
        }
        skipped += c.width().unwrap_or(0);
        from = i + c.len_utf8();
    }
    buf.set_stringn(after_lead, rect.y, &text[from..], room, Style::new());
    let x = (after_lead as usize + cursor.saturating_sub(skipped))
        .min(rect.right().saturating_sub(1) as usize);
    Position::new(x as u16, rect.y)
}
