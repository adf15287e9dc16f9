//! Rendering: one file per pane (and bar), drawing only the visible slice
//! from `&App`, in the styles of [`Theme`]. Besides the cells, a frame says
//! where the links are ([`Hyperlink`], for the runtime to make them
//! clickable) and where the terminal's cursor goes: on the focused item, so
//! that a screen reader or a magnifier follows it.
//!
//! Every function writes inside the rectangle it is given (ratatui clips
//! wide characters that would cross its edge), and builds `Line`s only for
//! the rows it shows.

mod article;
mod articles;
mod help;
pub mod library;
mod links;
mod quotes;
mod sections;
mod sources;
mod status_bar;
mod theme;
mod title_bar;
mod widgets;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::{Clear, Widget};

pub use theme::{Preset, Role, Theme, parse_style, style_spec};
pub use widgets::{Symbols, fit, symbols};

use crate::reader::{App, Overlay, Pane, Screen};

/// A link drawn on screen: `width` cells from (`x`, `y`) show (part of) a
/// URL that opens `url`. The parts of one link wrapped over several lines
/// share its `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    /// The URL it opens, made safe (`corpus::links`): absolute http(s), ASCII.
    pub url: String,
    /// Letters, digits, `-` and `.`; one per link on screen.
    pub id: String,
}

/// What a frame drew besides its cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    /// The links on screen, in drawing order.
    pub links: Vec<Hyperlink>,
    /// Where the terminal's cursor is (hidden when `None`).
    pub cursor: Option<Position>,
}

/// Draws the whole screen in the standard theme (dark, or mono without colour).
pub fn draw(frame: &mut Frame, app: &App) {
    draw_with(frame, app, Theme::standard(app.options.color));
}

/// Draws the whole screen from the state in `theme`; computes nothing that
/// `update` should have. Returns where the links are and where the cursor went.
pub fn draw_with(frame: &mut Frame, app: &App, theme: Theme) -> Drawn {
    let area = frame.area();
    let g = &app.geometry;
    // The loop resizes before drawing; a frame of another size only gets the notice.
    if g.too_small || g.area != area {
        too_small(frame.buffer_mut(), area);
        paint_defaults(frame.buffer_mut(), theme);
        return Drawn::default();
    }
    let mut drawn = Drawn::default();
    let typing_at = status_bar::render(frame.buffer_mut(), app, theme, g.status_bar);
    let buf = frame.buffer_mut();
    title_bar::render(buf, app, theme, g.title_bar);
    if app.screen == Screen::Library {
        library::render(buf, app, theme, g.body, &mut drawn.links);
        if app.overlay == Some(Overlay::Help) {
            help::render(buf, app, theme, g.body);
            drawn.links.clear();
        }
        return finish(frame, app, theme, typing_at, drawn);
    }
    article::render(buf, app, theme, g.article, &mut drawn.links);
    if app.picker.is_some() {
        let (x, width) = article::text_column(app, g.article);
        links::render(buf, app, theme, g.article, x, width, &mut drawn.links);
    }
    let mut lists_drawn = Vec::new();
    for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
        if let Some(rect) = g.pane(pane) {
            render_list(buf, app, theme, pane, rect, &mut lists_drawn);
        }
    }
    let folded_over = app.focus != Pane::Article && app.is_folded(app.focus);
    if folded_over && app.overlay.is_none() {
        Clear.render(g.body, buf);
        // What the panes beside it drew is under it now.
        drawn.links.clear();
        lists_drawn.clear();
        render_list(buf, app, theme, app.focus, g.body, &mut lists_drawn);
    }
    drawn.links.extend(lists_drawn);
    match app.overlay {
        Some(Overlay::Help) => help::render(buf, app, theme, g.body),
        Some(Overlay::Articles) => articles::render(buf, app, theme, g.body),
        None => {}
    }
    if app.overlay.is_some() {
        drawn.links.clear();
    }
    finish(frame, app, theme, typing_at, drawn)
}

/// The last of a frame: the cells no role coloured, and the cursor (in the
/// prompt when typing, else on the focused item).
fn finish(
    frame: &mut Frame,
    app: &App,
    theme: Theme,
    typing_at: Option<Position>,
    mut drawn: Drawn,
) -> Drawn {
    paint_defaults(frame.buffer_mut(), theme);
    drawn.cursor = typing_at.or_else(|| focus_cursor(app));
    if let Some(cursor) = drawn.cursor {
        frame.set_cursor_position(cursor);
    }
    drawn
}

/// Gives every cell no role coloured the text role's colours (a theme with
/// a background of its own paints the whole screen; the dark theme's text
/// has none, and this changes nothing).
fn paint_defaults(buf: &mut Buffer, theme: Theme) {
    let text = theme.text();
    if text.fg.is_none() && text.bg.is_none() {
        return;
    }
    for cell in &mut buf.content {
        if let Some(fg) = text.fg
            && cell.fg == Color::Reset
        {
            cell.fg = fg;
        }
        if let Some(bg) = text.bg
            && cell.bg == Color::Reset
        {
            cell.bg = bg;
        }
    }
}

/// Where the cursor goes when the prompt is closed (`[layout] cursor`): on
/// the selected row of the focused list or overlay (in the library, the
/// selected feed or item), else on the line being
/// read in the article (the current match, where a jump landed, or the top
/// line).
fn focus_cursor(app: &App) -> Option<Position> {
    if !app.settings.layout.cursor {
        return None;
    }
    let on_row = |list: &crate::reader::list::ListView, len: usize| {
        list.visible(len)
            .contains(&list.selected)
            .then(|| Position::new(list.inner().x, list.row_of(list.selected)))
    };
    match app.overlay {
        Some(Overlay::Help) => {
            let inner = app.help.inner();
            return (inner.height > 0).then(|| Position::new(inner.x, inner.y));
        }
        Some(Overlay::Articles) => return on_row(&app.articles, app.corpus.articles.len()),
        None => {}
    }
    if app.screen == Screen::Library {
        // The selected feed or item.
        let (list, len) = app.library_list()?;
        return on_row(list, len);
    }
    match app.focus {
        Pane::Article => article::reading_position(app, app.geometry.article),
        Pane::Sources => on_row(&app.sources.list, app.sources.rows.len()),
        pane => on_row(app.list(pane)?, app.list_len(pane)),
    }
}

fn render_list(
    buf: &mut Buffer,
    app: &App,
    theme: Theme,
    pane: Pane,
    rect: Rect,
    links: &mut Vec<Hyperlink>,
) {
    match pane {
        Pane::Sections => sections::render(buf, app, theme, rect),
        Pane::Quotes => quotes::render(buf, app, theme, rect),
        Pane::Sources => sources::render(buf, app, theme, rect, links),
        Pane::Article => {}
    }
}

fn too_small(buf: &mut Buffer, area: Rect) {
    Clear.render(area, buf);
    let text = if area.width >= 18 {
        "Terminal too small"
    } else {
        "too small"
    };
    let y = area.y + area.height / 2;
    if area.height > 0 {
        buf.set_stringn(area.x, y, text, area.width as usize, Style::new());
    }
}
