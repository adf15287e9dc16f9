//! Rendering: one file per pane (and bar), drawing only the visible slice
//! from `&App`, in the styles of [`Theme`].
//!
//! Every function writes inside the rectangle it is given (ratatui clips
//! wide characters that would cross its edge), and builds `Line`s only for
//! the rows it shows.

mod article;
mod articles;
mod help;
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
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

pub use theme::Theme;

use crate::reader::{App, Overlay, Pane};

/// Draws the whole screen from the state; computes nothing that `update` should have.
pub fn draw(frame: &mut Frame, app: &App) {
    let theme = Theme {
        color: app.options.color,
    };
    let area = frame.area();
    let g = &app.geometry;
    // The loop resizes before drawing; a frame of another size only gets the notice.
    if g.too_small || g.area != area {
        return too_small(frame.buffer_mut(), area);
    }
    if let Some(cursor) = status_bar::render(frame.buffer_mut(), app, theme, g.status_bar) {
        frame.set_cursor_position(cursor);
    }
    let buf = frame.buffer_mut();
    title_bar::render(buf, app, theme, g.title_bar);
    article::render(buf, app, theme, g.article);
    if app.picker.is_some() {
        let (x, width) = article::text_column(app, g.article);
        links::render(buf, app, theme, g.article, x, width);
    }
    for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
        if let Some(rect) = g.pane(pane) {
            render_list(buf, app, theme, pane, rect);
        }
    }
    if app.focus != Pane::Article && app.is_folded(app.focus) && app.overlay.is_none() {
        Clear.render(g.body, buf);
        render_list(buf, app, theme, app.focus, g.body);
    }
    match app.overlay {
        Some(Overlay::Help) => help::render(buf, app, theme, g.body),
        Some(Overlay::Articles) => articles::render(buf, app, theme, g.body),
        None => {}
    }
}

fn render_list(buf: &mut Buffer, app: &App, theme: Theme, pane: Pane, rect: Rect) {
    match pane {
        Pane::Sections => sections::render(buf, app, theme, rect),
        Pane::Quotes => quotes::render(buf, app, theme, rect),
        Pane::Sources => sources::render(buf, app, theme, rect),
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
