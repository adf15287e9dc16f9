//! Rendering: one function per pane, drawing only the visible slice from `&App`.
//!
//! Every function writes inside the rectangle it is given (ratatui clips
//! wide characters that would cross its edge), and builds `Line`s only for
//! the rows it shows.

mod article;
mod articles;
mod help;
mod quotes;
mod sections;
mod sources;
mod status;

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::reader::{App, Overlay, Pane};

/// Styles from the terminal's palette, or none at all without colour:
/// everything that matters also shows as bold, reverse, underline or dim.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn notice(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::ITALIC)
    }
    pub fn heading(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn author(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn meta(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    pub fn card_bar(self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn link(self) -> Style {
        // Cyan rather than blue: ANSI blue is too dark on many dark backgrounds.
        self.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED)
    }
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    /// The target of a jump, for a moment.
    pub fn flash(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// A search match (not the current one): a yellow background, or
    /// underlined and bold without colour.
    pub fn search_match(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }
    /// The current search match: reverse and bold (over the text's own
    /// colours), so it shows without colour too.
    pub fn search_current(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// The selected item of a list: reversed when the list has focus, underlined otherwise.
    pub fn selection(self, focused: bool) -> Style {
        let modifier = if focused {
            Modifier::REVERSED
        } else {
            Modifier::UNDERLINED
        };
        Style::new().add_modifier(modifier)
    }
    /// What the article shows now: the current section, the visible posts.
    pub fn current(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    pub fn border_title(self, focused: bool) -> Style {
        if focused {
            self.border(true).add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        }
    }
    pub fn bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn error(self) -> Style {
        self.fg(Color::Red)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
}

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
    if let Some(cursor) = status::status_bar(frame.buffer_mut(), app, theme, g.status_bar) {
        frame.set_cursor_position(cursor);
    }
    let buf = frame.buffer_mut();
    status::title_bar(buf, app, theme, g.title_bar);
    article::render(buf, app, theme, g.article);
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

/// A pane's frame: its number and name in the top border, bold when focused.
/// Returns the inside.
fn pane_frame(buf: &mut Buffer, theme: Theme, rect: Rect, title: &str, focused: bool) -> Rect {
    let block =
        Block::bordered()
            .border_style(theme.border(focused))
            .title(ratatui::text::Span::styled(
                format!(" {title} "),
                theme.border_title(focused),
            ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// One list row: `lead` then `name` cut to fit at the left, `count` (if not
/// empty) against the right edge in `count_style`, the whole row in `style`.
#[allow(clippy::too_many_arguments)]
fn row_with_count(
    buf: &mut Buffer,
    inner: Rect,
    y: u16,
    lead: &str,
    name: &str,
    count: &str,
    style: Style,
    count_style: Style,
) {
    buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
    let room = (inner.width as usize).saturating_sub(lead.width() + count.width());
    let label = format!("{lead}{}", fit(name, room));
    buf.set_stringn(inner.x, y, label, inner.width as usize, style);
    if !count.is_empty() && count.width() < inner.width as usize {
        let x = inner.right() - count.width() as u16;
        buf.set_stringn(x, y, count, count.width(), style.patch(count_style));
    }
}

/// The longest prefix of `text` that could fill `width` columns (cheap cut
/// before ratatui clips exactly; never splits a char).
fn prefix_for(text: &str, width: u16) -> &str {
    let max = width as usize * 4;
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` cut to `width` columns, ending in "…" when cut (never splits a char;
/// looks at no more of `text` than fits).
fn fit(text: &str, width: usize) -> Cow<'_, str> {
    let mut used = 0;
    let mut cut = None;
    for (i, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if cut.is_none() && used > width.saturating_sub(1) {
            cut = Some(i);
        }
        if used > width {
            let mut short = text[..cut.unwrap_or(i)].to_string();
            if width > 0 {
                short.push('…');
            }
            return Cow::Owned(short);
        }
    }
    Cow::Borrowed(text)
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_cuts_by_width_with_an_ellipsis() {
        assert_eq!(fit("Réunis à Kiev", 20), "Réunis à Kiev");
        assert_eq!(fit("Réunis à Kiev", 8), "Réunis …");
        assert_eq!(fit("日本は有志連合", 7), "日本は…");
        assert_eq!(fit("日本は有志連合", 6), "日本…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 0), "");
    }
}
