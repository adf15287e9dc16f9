//! What the panes share: a pane's frame, the marks they draw (Unicode or
//! ASCII), a list row with a count at the right, and cutting text to a width.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::{border, scrollbar};
use ratatui::text::Span;
use ratatui::widgets::{
    Block, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme::Theme;
use crate::reader::Borders;

/// The marks the panes draw beside the text, all of one width whatever the
/// set (the layout counts on it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbols {
    pub border: border::Set<'static>,
    pub scrollbar: scrollbar::Set<'static>,
    /// The first line of a post card, and the others.
    pub card_open: &'static str,
    pub card: &'static str,
    /// What stands for the layout's `•` bullet and `│` quotation bar.
    pub bullet: &'static str,
    pub quote_bar: &'static str,
    /// The section being read (Sections), a post on screen (Quotes), the
    /// article being read (the list of articles).
    pub reading: &'static str,
    pub shown: &'static str,
    /// The rule above the selected source's details.
    pub rule: &'static str,
    /// An unread item of the library; a feed whose last refresh failed.
    pub unread: &'static str,
    pub failed: &'static str,
}

const UNICODE: Symbols = Symbols {
    border: border::PLAIN,
    scrollbar: scrollbar::DOUBLE_VERTICAL,
    card_open: "▌ ",
    card: "│ ",
    bullet: "•",
    quote_bar: "│",
    reading: "▸",
    shown: "●",
    rule: "─",
    unread: "●",
    failed: "✗",
};

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

const ASCII: Symbols = Symbols {
    border: ASCII_BORDER,
    scrollbar: scrollbar::Set {
        track: "|",
        thumb: "#",
        begin: "^",
        end: "v",
    },
    card_open: "> ",
    card: "| ",
    bullet: "*",
    quote_bar: "|",
    reading: ">",
    shown: "+",
    rule: "-",
    unread: "*",
    failed: "!",
};

/// The marks for a kind of borders: box drawing, or ASCII with `ascii` and
/// `none` (no lines at all then: a pane's title alone, the card's bar only
/// on its first line).
pub fn symbols(borders: Borders) -> Symbols {
    match borders {
        Borders::Rounded => Symbols {
            border: border::ROUNDED,
            ..UNICODE
        },
        Borders::Plain => UNICODE,
        Borders::Ascii => ASCII,
        Borders::None => Symbols {
            border: border::EMPTY,
            card: "  ",
            rule: " ",
            ..ASCII
        },
    }
}

/// A pane's frame: its number and name in the top border, reversed when
/// focused (so focus shows without colour and without lines). Returns the
/// inside, the same whatever the borders.
pub fn pane_frame(
    buf: &mut Buffer,
    theme: Theme,
    borders: Borders,
    rect: Rect,
    title: &str,
    focused: bool,
) -> Rect {
    let block = Block::bordered()
        .border_set(symbols(borders).border)
        .border_style(theme.border(focused))
        .title(Span::styled(
            format!(" {title} "),
            theme.border_title(focused),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// A scrollbar at the right of `rect` for `positions` places, at `position`,
/// `shown` rows showing at once.
pub fn scrollbar(
    buf: &mut Buffer,
    theme: Theme,
    borders: Borders,
    rect: Rect,
    (position, positions, shown): (usize, usize, usize),
) {
    let mut state = ScrollbarState::new(positions)
        .position(position)
        .viewport_content_length(shown);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .symbols(symbols(borders).scrollbar)
        .begin_symbol(None)
        .end_symbol(None)
        .style(theme.dim())
        .render(rect, buf, &mut state);
}

/// What an empty pane shows: one dim line saying so.
pub fn empty_line(buf: &mut Buffer, theme: Theme, inner: Rect, text: &str) {
    if inner.height > 0 {
        let line = fit(text, inner.width as usize);
        buf.set_stringn(inner.x, inner.y, line, inner.width as usize, theme.dim());
    }
}

/// One list row: `lead` then `name` cut to fit at the left, `count` (if not
/// empty) against the right edge in `count_style`, the whole row in `style`.
#[allow(clippy::too_many_arguments)]
pub fn row_with_count(
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
pub fn prefix_for(text: &str, width: u16) -> &str {
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
pub fn fit(text: &str, width: usize) -> Cow<'_, str> {
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

/// Pieces of text in their styles cut to `width` columns together, the
/// last piece shown ending in "…" when anything is cut.
pub fn fit_spans<'a>(pieces: Vec<(Cow<'a, str>, Style)>, width: usize) -> Vec<Span<'a>> {
    let total: usize = pieces.iter().map(|(text, _)| text.width()).sum();
    if total <= width {
        return pieces
            .into_iter()
            .map(|(text, style)| Span::styled(text, style))
            .collect();
    }
    let mut out = Vec::new();
    let mut room = width;
    for (text, style) in pieces {
        let w = text.width();
        if w < room {
            room -= w;
            out.push(Span::styled(text, style));
            continue;
        }
        // The piece where the cut falls (more follows it even when it
        // fills the room): as much as fits before "…".
        let cut = fit(&format!("{text}  "), room).into_owned();
        out.push(Span::styled(cut, style));
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{fit, fit_spans};
    use ratatui::style::Style;
    use std::borrow::Cow;

    #[test]
    fn pieces_cut_together_end_in_an_ellipsis() {
        let pieces = || {
            vec![
                (Cow::from("Le HuffPost"), Style::new()),
                (Cow::from(" @LeHuffPost "), Style::new()),
                (Cow::from("2026-01-01"), Style::new()),
            ]
        };
        let text = |spans: Vec<ratatui::text::Span>| {
            spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        assert_eq!(
            text(fit_spans(pieces(), 40)),
            "Le HuffPost @LeHuffPost 2026-01-01"
        );
        assert_eq!(text(fit_spans(pieces(), 20)), "Le HuffPost @LeHuff…");
        assert_eq!(text(fit_spans(pieces(), 11)), "Le HuffPos…");
        assert_eq!(text(fit_spans(pieces(), 12)), "Le HuffPost…");
    }

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
