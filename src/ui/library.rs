//! The library's screens: the feed list (unread counts, last refresh, a
//! failed refresh marked ✗, `!` in ASCII) and an item list (unread marked
//! ●, `*` in ASCII; date, title, feed), each filling the body between the
//! bars; and what the two bars say over them. Unread shows as a mark and in bold, read is dimmed,
//! the selection reversed: none of it by colour alone. The marks are ASCII
//! with ASCII borders or none (`--plain`). A feed known only by its URL
//! shows the URL, as a link.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::Hyperlink;
use super::theme::Theme;
use super::widgets::{empty_line, fit, pane_frame, prefix_for, symbols};
use crate::corpus::links::sanitize_url;
use crate::reader::keymap::{Keymap, Section};
use crate::reader::library::{Level, Library, Which};
use crate::reader::{App, Borders};

/// The library's list on screen; `links` gets the URLs it shows.
pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect, links: &mut Vec<Hyperlink>) {
    let Some(library) = app.library.as_deref() else {
        return;
    };
    let borders = app.settings.layout.borders;
    match library.level {
        Level::Feeds => feeds(buf, library, theme, borders, rect, links),
        Level::Items => {
            let keymap = &app.settings.keymap;
            items(buf, library, keymap, theme, borders, rect, links)
        }
    }
}

/// A link over the `shown` text at (`x`, `y`) when what it shows is the
/// URL itself (a feed or item with no title of its own).
fn url_shown(
    links: &mut Vec<Hyperlink>,
    (x, y): (u16, u16),
    shown: &str,
    (text, url): (&str, Option<&str>),
    id: String,
) {
    let Some(url) = url.filter(|url| *url == text) else {
        return;
    };
    if let Some(url) = sanitize_url(url)
        && !shown.is_empty()
    {
        links.push(Hyperlink {
            x,
            y,
            width: shown.width() as u16,
            url,
            id,
        });
    }
}

fn feeds(
    buf: &mut Buffer,
    library: &Library,
    theme: Theme,
    borders: Borders,
    rect: Rect,
    links: &mut Vec<Hyperlink>,
) {
    let marks = symbols(borders);
    let title = format!("Feeds — {} unread", library.unread());
    let inner = pane_frame(buf, theme, borders, rect, &title, true);
    if !library.feeds_loaded {
        return empty_line(buf, theme, inner, "loading…");
    }
    if library.feeds.is_empty() {
        return empty_line(
            buf,
            theme,
            inner,
            "no feeds yet: depeche feeds add URL subscribes to one",
        );
    }
    let list = &library.feed_list;
    let width = inner.width as usize;
    // Room for the date of the last refresh when the list is wide enough.
    let dated = width >= 60;
    for row in list.visible(library.feed_rows()) {
        let y = list.row_of(row);
        let selected = row == list.selected;
        let feed = library.feed_of_row(row);
        let (name, unread, error, refreshed) = match feed {
            None => ("All feeds".to_string(), library.unread(), false, None),
            Some(feed) => (
                feed.name.clone(),
                feed.unread,
                feed.last_error.is_some(),
                Some(
                    feed.last_refresh
                        .map_or_else(|| "never".to_string(), date_time),
                ),
            ),
        };
        let base = if unread > 0 {
            theme.author()
        } else {
            theme.dim()
        };
        let style = if selected {
            base.patch(theme.selection(true))
        } else {
            base
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        let count = if unread > 0 {
            format!("{unread:>5} ")
        } else {
            "      ".to_string()
        };
        let mark = if error {
            format!("{} ", marks.failed)
        } else {
            "  ".to_string()
        };
        let right = match (&refreshed, dated) {
            (Some(when), true) => format!("  {when} "),
            _ => String::new(),
        };
        let room = width.saturating_sub(count.width() + mark.width() + right.width());
        let shown = fit(&name, room);
        let line = format!("{count}{mark}{shown}");
        buf.set_stringn(inner.x, y, &line, width, style);
        if let Some(feed) = feed {
            let at = (inner.x + (count.width() + mark.width()) as u16, y);
            let id = format!("depeche-feed-{}", feed.id);
            url_shown(links, at, &shown, (&feed.name, Some(&feed.url)), id);
        }
        if error {
            let x = inner.x + count.width() as u16;
            buf.set_stringn(x, y, marks.failed, 1, style.patch(theme.error()));
        }
        if !right.is_empty() {
            let x = inner.right().saturating_sub(right.width() as u16);
            buf.set_stringn(x, y, &right, right.width(), style.patch(theme.dim()));
        }
    }
}

fn items(
    buf: &mut Buffer,
    library: &Library,
    keymap: &Keymap,
    theme: Theme,
    borders: Borders,
    rect: Rect,
    links: &mut Vec<Hyperlink>,
) {
    let marks = symbols(borders);
    let unread = library.items.iter().filter(|i| !i.read).count();
    let title = if library.items_loaded {
        format!(
            "{} — {} item{}, {unread} unread",
            library.which_name(),
            library.items.len(),
            if library.items.len() == 1 { "" } else { "s" }
        )
    } else {
        library.which_name()
    };
    let inner = pane_frame(buf, theme, borders, rect, &title, true);
    if !library.items_loaded {
        return empty_line(buf, theme, inner, "loading…");
    }
    if library.items.is_empty() {
        // The keys in force, as the status bar names them.
        let key = |name| keymap.first_label(Section::Library, name);
        let how = match (key("refresh"), key("refresh-all")) {
            (Some(one), Some(all)) => format!(": {one} refreshes this feed, {all} every feed"),
            (Some(one), None) => format!(": {one} refreshes this feed"),
            (None, Some(all)) => format!(": {all} refreshes every feed"),
            (None, None) => String::new(),
        };
        return empty_line(buf, theme, inner, &format!("no items yet{how}"));
    }
    let list = &library.item_list;
    let width = inner.width as usize;
    let show_date = width >= 40;
    // Whose item it is, in the list of every feed's.
    let show_feed = width >= 70 && library.which == Which::All;
    for i in list.visible(library.items.len()) {
        let item = &library.items[i];
        let y = list.row_of(i);
        let base = if item.read {
            theme.dim()
        } else {
            theme.author()
        };
        let style = if i == list.selected {
            base.patch(theme.selection(true))
        } else {
            base
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        let mark = if item.read {
            "  ".to_string()
        } else {
            format!("{} ", marks.unread)
        };
        let date = match (show_date, item.date) {
            (true, Some(date)) => format!("{}  ", day(date)),
            (true, None) => format!("{:10}  ", ""),
            (false, _) => String::new(),
        };
        let feed = if show_feed {
            format!("  {} ", fit(prefix_for(&item.feed, 30), 24))
        } else {
            String::new()
        };
        let room = width.saturating_sub(mark.width() + date.width() + feed.width());
        let opening = library.opening.as_ref().is_some_and(|o| o.item == item.id);
        let title = if opening {
            format!("{} …", item.title)
        } else {
            item.title.clone()
        };
        let shown = fit(prefix_for(&title, 400), room);
        let line = format!("{mark}{date}{shown}");
        buf.set_stringn(inner.x, y, &line, width, style);
        let at = (inner.x + (mark.width() + date.width()) as u16, y);
        let id = format!("depeche-item-{}", item.id);
        url_shown(links, at, &shown, (&item.title, item.url.as_deref()), id);
        if !item.read {
            buf.set_stringn(inner.x, y, marks.unread, 1, style.patch(theme.current()));
        }
        if !feed.is_empty() {
            let x = inner.right().saturating_sub(feed.width() as u16);
            buf.set_stringn(x, y, &feed, feed.width(), style.patch(theme.dim()));
        }
    }
}

/// A Unix time as a day: `2026-01-06` (UTC).
pub fn day(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map_or_else(|| "?".to_string(), |t| t.format("%Y-%m-%d").to_string())
}

/// A Unix time to the minute: `2026-01-06 14:02` (UTC).
pub fn date_time(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0).map_or_else(
        || "?".to_string(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}

/// The title bar over the library: where you are, and the unread count.
pub fn title(app: &App) -> String {
    let Some(library) = app.library.as_deref() else {
        return String::new();
    };
    match library.level {
        Level::Feeds => format!(
            "Library · {} feed{} · {} unread",
            library.feeds.len(),
            if library.feeds.len() == 1 { "" } else { "s" },
            library.unread()
        ),
        Level::Items => format!("Library › {}", library.which_name()),
    }
}

/// What the status bar says of the library's work under way: an item being
/// opened (its page fetched, and the key that stops it), a refresh.
pub fn work(library: &Library, keymap: &Keymap) -> Option<String> {
    if let Some(opening) = &library.opening {
        return Some(match &opening.fetching {
            Some(url) => {
                let cancel = keymap
                    .first_label(Section::Library, "cancel")
                    .map_or_else(String::new, |key| format!(" — {key} cancels"));
                format!("fetching {}{cancel}", prefix_for(url, 120))
            }
            None => format!("opening {}…", prefix_for(&opening.title, 120)),
        });
    }
    let refreshing = library.refreshing.as_ref()?;
    let failed = if refreshing.failed > 0 {
        format!(", {} failed", refreshing.failed)
    } else {
        String::new()
    };
    Some(if refreshing.total == 0 {
        "refreshing…".to_string()
    } else {
        format!(
            "refreshing {}/{}{failed}: {}",
            refreshing.done,
            refreshing.total,
            prefix_for(&refreshing.last, 120)
        )
    })
}

/// The style of the work's part of the status bar.
pub fn work_style(theme: Theme) -> Style {
    theme.current()
}
