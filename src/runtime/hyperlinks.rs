//! Clickable links (OSC 8). ratatui 0.30 has no hyperlinks, and an escape
//! sequence inside a cell would make ratatui count its bytes as columns; so
//! after each frame is flushed, the cells of every link on screen
//! ([`Hyperlink`], from `ui::draw_with`) are written again, the same symbols
//! in the same styles at the same places, between `ESC ] 8 ; id=ID ; URL
//! ESC \` and `ESC ] 8 ; ; ESC \`. The sequences take no column, so nothing
//! moves; a terminal that ignores them shows the same screen.
//!
//! What goes into a sequence is checked here once more: the URL must come
//! out of `sanitize_url` unchanged-safe (absolute http(s), printable ASCII,
//! no `ESC`, no control byte), the id only letters, digits, `-`, `_` and `.`.

use std::io::{self, Write};

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

use crate::corpus::links::sanitize_url;
use crate::ui::Hyperlink;

/// Ends a hyperlink.
pub const OSC8_CLOSE: &str = "\x1b]8;;\x1b\\";

/// The longest id written (terminals keep ids; no need for long ones).
const MAX_ID_LEN: usize = 64;

/// The sequence that starts a hyperlink to `url` named `id`, or `None`
/// when `url` is not a safe http(s) URL. An id with any other character
/// than letters, digits, `-`, `_` and `.` is left out.
pub fn osc8_open(id: &str, url: &str) -> Option<String> {
    let url = sanitize_url(url)?;
    // `sanitize_url` promises printable ASCII; the sequence depends on it.
    if !url.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let id_ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    Some(if id_ok {
        format!("\x1b]8;id={id};{url}\x1b\\")
    } else {
        format!("\x1b]8;;{url}\x1b\\")
    })
}

/// One cell to write again: where, and what.
type Placed = (u16, u16, Cell);

/// What to write after a frame: the cells of the links that left the screen
/// (written again plainly, in case ratatui saw no change there), then each
/// link's cells between its sequences.
#[derive(Debug, Default)]
pub struct LinkPaint {
    plain: Vec<Placed>,
    links: Vec<(String, Vec<Placed>)>,
}

/// Remembers the links of the last frame, to unmark those that went.
#[derive(Debug, Default)]
pub struct LinkPainter {
    last: Vec<Hyperlink>,
}

impl LinkPainter {
    /// What to write for the frame just drawn into `buffer`, whose links are `links`.
    pub fn prepare(&mut self, buffer: &Buffer, links: &[Hyperlink]) -> LinkPaint {
        let mut paint = LinkPaint::default();
        for gone in self.last.iter().filter(|old| !links.contains(old)) {
            paint.plain.extend(cells(buffer, gone));
        }
        for link in links {
            if let Some(open) = osc8_open(&link.id, &link.url) {
                paint.links.push((open, cells(buffer, link)));
            }
        }
        self.last = links.to_vec();
        paint
    }
}

/// The cells a link covers, as ratatui writes them: a cell hidden under the
/// wide character before it, or marked `skip`, is not written.
fn cells(buffer: &Buffer, link: &Hyperlink) -> Vec<Placed> {
    let area = buffer.area;
    let mut out = Vec::new();
    let mut hidden = 0;
    let end = link.x.saturating_add(link.width).min(area.right());
    for x in link.x..end {
        let Some(cell) = buffer.cell((x, link.y)) else {
            break;
        };
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        if cell.diff_option == CellDiffOption::Skip {
            continue;
        }
        hidden = cell.symbol().width().saturating_sub(1);
        out.push((x, link.y, cell.clone()));
    }
    out
}

/// Writes `paint` through the backend (so the cells' styles are written as
/// ratatui writes them), then puts the cursor back at `cursor`.
pub fn write_links<W: Write>(
    backend: &mut CrosstermBackend<W>,
    paint: &LinkPaint,
    cursor: Option<Position>,
) -> io::Result<()> {
    if paint.plain.is_empty() && paint.links.is_empty() {
        return Ok(());
    }
    if !paint.plain.is_empty() {
        backend.draw(paint.plain.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
    }
    for (open, cells) in &paint.links {
        if cells.is_empty() {
            continue;
        }
        backend.write_all(open.as_bytes())?;
        backend.draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
        backend.write_all(OSC8_CLOSE.as_bytes())?;
    }
    if let Some(cursor) = cursor {
        backend.set_cursor_position(cursor)?;
    }
    Backend::flush(backend)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_urls_and_plain_ids_go_into_a_sequence() {
        assert_eq!(
            osc8_open("depeche-0-u3", "https://example.org/a?b=1").as_deref(),
            Some("\x1b]8;id=depeche-0-u3;https://example.org/a?b=1\x1b\\")
        );
        assert_eq!(osc8_open("x", "javascript:alert(1)"), None);
        assert_eq!(osc8_open("x", "https://example.org/\x1b]8;;\x07"), None);
        assert_eq!(
            osc8_open("bad;id", "https://example.org/é").as_deref(),
            Some("\x1b]8;;https://example.org/%C3%A9\x1b\\"),
            "non-ASCII percent-encoded, an id with ; left out"
        );
    }
}
