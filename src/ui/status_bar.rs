//! The status bar (focused pane, position, search, section, keys or a
//! message), or the search prompt while it is open.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme::Theme;
use super::widgets::{fit, prefix_for, symbols};
use crate::reader::help::help_rows;
use crate::reader::keymap::{Keymap, Section};
use crate::reader::library::Level;
use crate::reader::{App, Overlay, Screen};
use crate::search::SearchMode;

/// The main keys, shown when there is room, each hint whole or not at all:
/// the first key of each binding named (from the keymap in force), then
/// what they do.
const KEYS_HINT: [(&[&str], &str); 7] = [
    (&["help"], "help"),
    (&["quit"], "quit"),
    (&["search"], "search"),
    (&["focus-next"], "pane"),
    (&["next-section", "prev-section"], "section"),
    (&["next-post", "prev-post"], "post"),
    (&["back"], "back"),
];

/// The keys of the help screen (scrolling is the reader's, closing the lists').
const HELP_HINT: [(Section, &[&str], &str); 2] = [
    (
        Section::Reader,
        &["line-down", "line-up", "page-down"],
        "scroll",
    ),
    (Section::Lists, &["close"], "close"),
];

/// The main keys of the library's lists.
const LIBRARY_HINT: [(Section, &[&str], &str); 6] = [
    (Section::Reader, &["help"], "help"),
    (Section::Library, &["enter"], "open"),
    (Section::Library, &["back-or-quit"], "back"),
    (Section::Library, &["refresh", "refresh-all"], "refresh"),
    (Section::Library, &["next-unread"], "unread"),
    (Section::Library, &["toggle-read"], "read"),
];

/// A hint such as `]/[:section`: the first key of each binding, or `None`
/// when one has no key.
fn hint(keymap: &Keymap, section: Section, names: &[&str], what: &str) -> Option<String> {
    let keys: Option<Vec<String>> = names
        .iter()
        .map(|name| keymap.first_label(section, name))
        .collect();
    Some(format!(" {}:{what}", keys?.join("/")))
}

/// One part of the status bar: its text, its style, and how it gives way.
struct Part {
    text: String,
    style: Style,
    /// The parts that go first have the highest number; 0 never goes.
    gives_way: u8,
    /// Narrowest it is shown cut (with "…"); `None`: whole or not at all.
    min_cut: Option<usize>,
}

impl Part {
    fn new(text: impl Into<String>, style: Style, gives_way: u8, min_cut: Option<usize>) -> Part {
        Part {
            text: text.into(),
            style,
            gives_way,
            min_cut,
        }
    }
}

/// The status bar, or the search prompt while it is open: then returns
/// where the terminal cursor goes.
///
/// Left to right: the focused pane, the position, the search and its
/// count (where the match is), the message of the last action, the
/// section, the keys. When room is short they give way in a fixed order:
/// the keys first, then the section name, the message, the query, the
/// pane's name; the position and the search count stay. Anything cut ends
/// in "…".
pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) -> Option<Position> {
    if app.search.is_typing() {
        return Some(prompt(buf, app, theme, rect));
    }
    buf.set_style(rect, Style::new());
    let parts = match app.overlay {
        Some(Overlay::Help) => help_parts(app, theme),
        _ if app.screen == Screen::Library => library_parts(app, theme),
        _ => reader_parts(app, theme),
    };
    let shown = fit_parts(&parts, rect.width as usize);
    let mut x = rect.x;
    for (part, text) in parts.iter().zip(shown) {
        let Some(text) = text else { continue };
        let room = rect.right().saturating_sub(x) as usize;
        let (end, _) = buf.set_stringn(x, rect.y, &text, room, part.style);
        x = end;
    }
    None
}

/// The parts of the status bar over the article (or the list of articles).
fn reader_parts(app: &App, theme: Theme) -> Vec<Part> {
    let focus = match app.overlay {
        Some(Overlay::Articles) => "Articles",
        _ => app.focus.label(),
    };
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
    let mut parts = vec![
        Part::new(format!(" {focus} "), theme.bar_label(), 4, None),
        Part::new(position, Style::new(), 0, None),
    ];
    if app.search.is_active() {
        let search = &app.search;
        let lead = match search.mode {
            SearchMode::Plain => "/",
            SearchMode::Regex => "/(re) ",
        };
        let query = format!(" {lead}{} ", prefix_for(&search.query, 200));
        parts.push(Part::new(query, theme.search_match(), 3, Some(6)));
        parts.push(Part::new(
            format!(" {} ", search.summary()),
            summary_style(app, theme),
            0,
            None,
        ));
        if let Some(m) = search.current_match().filter(|_| search.error.is_none()) {
            let place = format!("in {} ", m.text.place());
            parts.push(Part::new(place, theme.dim(), 5, None));
        }
    }
    if let Some(picker) = &app.picker {
        let text = format!(" {} ", picker.prompt());
        parts.push(Part::new(text, theme.current(), 1, Some(6)));
    }
    work_and_message(app, theme, &mut parts);
    let name = app
        .article()
        .sections
        .get(app.current_section())
        .map_or("", |s| s.label());
    let section = format!(" § {} ", prefix_for(name, 200));
    parts.push(Part::new(section, theme.heading(), 6, Some(8)));
    let keymap = &app.settings.keymap;
    for (names, what) in KEYS_HINT {
        // Reading an item of the library, its key goes back to the list
        // where quit's would quit.
        let text = if names == ["quit"] && app.reading_library_item() {
            hint(keymap, Section::Library, &["reading-back"], "back")
        } else {
            hint(keymap, Section::Reader, names, what)
        };
        if let Some(text) = text {
            parts.push(Part::new(text, theme.dim(), 7, None));
        }
    }
    parts
}

/// The parts of the status bar over the library's lists: the list and
/// where its selection is, the work under way, the message, the keys.
fn library_parts(app: &App, theme: Theme) -> Vec<Part> {
    let Some(library) = app.library.as_deref() else {
        return Vec::new();
    };
    let (label, list, len) = match library.level {
        Level::Feeds => ("Feeds", &library.feed_list, library.feed_rows()),
        Level::Items => ("Items", &library.item_list, library.items.len()),
    };
    let position = if len == 0 {
        " 0/0 ".to_string()
    } else {
        format!(" {}/{len} ", list.selected + 1)
    };
    let mut parts = vec![
        Part::new(format!(" {label} "), theme.bar_label(), 4, None),
        Part::new(position, Style::new(), 0, None),
    ];
    work_and_message(app, theme, &mut parts);
    // The selected feed's failure, in its words.
    if library.level == Level::Feeds
        && let Some(error) = library
            .feed_of_row(list.selected)
            .and_then(|f| f.last_error.as_deref())
    {
        let failed = symbols(app.settings.layout.borders).failed;
        let text = format!(" {failed} {} ", prefix_for(error, 200));
        parts.push(Part::new(text, theme.error(), 3, Some(8)));
    }
    for (section, names, what) in LIBRARY_HINT {
        // From the feeds there is nothing to go back to: the key quits.
        let what = match (names, library.level) {
            (["back-or-quit"], Level::Feeds) => "quit",
            _ => what,
        };
        if let Some(text) = hint(&app.settings.keymap, section, names, what) {
            parts.push(Part::new(text, theme.dim(), 7, None));
        }
    }
    parts
}

/// The library's work under way (an item being fetched, a refresh), then
/// the message of the last action.
fn work_and_message(app: &App, theme: Theme, parts: &mut Vec<Part>) {
    let keymap = &app.settings.keymap;
    if let Some(work) = (app.library.as_deref()).and_then(|l| super::library::work(l, keymap)) {
        let style = super::library::work_style(theme);
        parts.push(Part::new(format!(" {work} "), style, 1, Some(10)));
    }
    if let Some(message) = app.message.as_ref().map(|m| &m.value) {
        let style = if message.error {
            theme.error()
        } else {
            theme.current()
        };
        let text = format!(" {} ", prefix_for(&message.text, 400));
        parts.push(Part::new(text, style, 2, Some(6)));
    }
}

/// The parts of the status bar under the help screen: its own position.
fn help_parts(app: &App, theme: Theme) -> Vec<Part> {
    let keymap = &app.settings.keymap;
    let rows = help_rows(keymap, app.help.inner().width).len();
    let shown = app.help.inner().height as usize;
    let first = app.help.offset + 1;
    let last = (app.help.offset + shown).min(rows);
    let more = if last < rows { " more below" } else { "" };
    let mut parts = vec![
        Part::new(" Help ", theme.bar_label(), 4, None),
        Part::new(format!(" {first}–{last}/{rows} "), Style::new(), 0, None),
        Part::new(more, theme.current(), 3, None),
    ];
    for (section, names, what) in HELP_HINT {
        if let Some(text) = hint(keymap, section, names, what) {
            parts.push(Part::new(text, theme.dim(), 7, None));
        }
    }
    parts
}

/// What each part shows in `width` columns: whole, cut with "…", or
/// nothing, the parts that give way last served first.
fn fit_parts(parts: &[Part], width: usize) -> Vec<Option<String>> {
    let mut shown: Vec<Option<String>> = vec![None; parts.len()];
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| parts[i].gives_way);
    let mut room = width;
    // Once a part has gone, those that give way before it go too (the keys
    // never show without the section), and the keys go from the first that
    // does not fit.
    let mut gone: Option<u8> = None;
    for i in order {
        let part = &parts[i];
        let w = part.text.width();
        if gone.is_some_and(|level| part.gives_way >= level) && part.gives_way > 0 {
            continue;
        }
        let fits = w <= room || part.min_cut.is_some_and(|min| room >= min);
        if !fits && part.gives_way > 0 {
            gone = Some(part.gives_way);
            continue;
        }
        if w <= room {
            shown[i] = Some(part.text.clone());
            room -= w;
        } else if let Some(min) = part.min_cut
            && room >= min
        {
            // A space after the cut keeps it apart from what follows.
            let cut = fit(part.text.trim_end(), room - 1);
            room -= cut.width() + 1;
            shown[i] = Some(format!("{cut} "));
        } else if part.gives_way == 0 {
            // What never goes takes what is left.
            shown[i] = Some(fit(&part.text, room).into_owned());
            room = room.saturating_sub(part.text.width());
        }
    }
    shown
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<Part> {
        let p = |text: &str, gives_way, min_cut| Part::new(text, Style::new(), gives_way, min_cut);
        vec![
            p(" Article ", 4, None),
            p(" 12/180 6% ", 0, None),
            p(" § Des efforts diplomatiques ", 6, Some(8)),
            p(" ?:help", 7, None),
            p(" q:quit", 7, None),
        ]
    }

    fn line(width: usize) -> String {
        fit_parts(&parts(), width).into_iter().flatten().collect()
    }

    #[test]
    fn parts_give_way_in_order_and_cuts_end_in_an_ellipsis() {
        assert_eq!(
            line(70),
            " Article  12/180 6%  § Des efforts diplomatiques  ?:help q:quit"
        );
        assert_eq!(
            line(60),
            " Article  12/180 6%  § Des efforts diplomatiques  ?:help"
        );
        assert_eq!(line(40), " Article  12/180 6%  § Des efforts dip… ");
        // The keys never show without the section.
        assert_eq!(line(26), " Article  12/180 6% ");
        assert_eq!(line(12), " 12/180 6% ");
        assert_eq!(line(6), " 12/1…");
    }
}
