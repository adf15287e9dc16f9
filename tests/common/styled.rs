//! A screen with its styles, as text: each row, then under it each run of
//! cells whose style is not plain (`@x+n style`, the style in the words a
//! theme writes), so a snapshot shows the colours and attributes too.

use depeche::reader::App;
use depeche::ui::{Drawn, Theme, style_spec};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

/// Draws `app` at its size in `theme`: the buffer, and what the frame says
/// besides (links, cursor); the backend, for the cursor as the terminal has it.
pub fn draw_themed(app: &App, theme: Theme) -> (Buffer, Drawn, TestBackend) {
    let area = app.geometry.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("backend");
    let mut drawn = Drawn::default();
    let buffer = terminal
        .draw(|frame| drawn = depeche::ui::draw_with(frame, app, theme))
        .expect("draw")
        .buffer
        .clone();
    (buffer, drawn, terminal.backend().clone())
}

fn style_of(cell: &ratatui::buffer::Cell) -> Style {
    let mut style = Style::new().add_modifier(cell.modifier);
    if cell.fg != ratatui::style::Color::Reset {
        style = style.fg(cell.fg);
    }
    if cell.bg != ratatui::style::Color::Reset {
        style = style.bg(cell.bg);
    }
    style
}

/// The screen as text with its style runs.
pub fn styled_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut runs: Vec<(u16, u16, Style)> = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            out.push_str(symbol);
            let width = symbol.width().max(1) as u16;
            let style = style_of(cell);
            match runs.last_mut() {
                Some((start, len, last)) if *last == style && *start + *len == x => *len += width,
                _ => runs.push((x, width, style)),
            }
            x += width;
        }
        out.push('\n');
        for (start, len, style) in runs {
            if style != Style::new() {
                out.push_str(&format!("    @{start}+{len} {}\n", style_spec(style)));
            }
        }
    }
    out
}
