//! The Sections pane: the table of contents, the section being read highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::theme::Theme;
use super::widgets::{empty_line, pane_frame, row_with_count, symbols};
use crate::reader::list::{heading_rows, section_lead};
use crate::reader::{App, Pane};

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let focused = app.focus == Pane::Sections;
    let borders = app.settings.layout.borders;
    let inner = pane_frame(buf, theme, borders, rect, "1 Sections", focused);
    let sections = &app.article().sections;
    if sections.is_empty() {
        return empty_line(buf, theme, inner, "no sections");
    }
    let current = app.current_section();
    let lead = section_lead(sections.len());
    let room = (inner.width as usize).saturating_sub(lead);
    for i in app.sections.visible(sections.len()) {
        let name = sections[i].label();
        let y = app.sections.row_of(i);
        let marker = if i == current {
            symbols(borders).reading
        } else {
            " "
        };
        let mut style = if i == current {
            theme.current()
        } else {
            Style::new()
        };
        if i == app.sections.selected {
            style = style.patch(theme.selection(focused));
        }
        let number = format!("{marker}{:>digits$} ", i + 1, digits = lead - 2);
        // How many matches of the search the section holds, at the right.
        let count = match app.search.section_counts.get(i) {
            Some(&n) if n > 0 => format!(" {n}"),
            _ => String::new(),
        };
        let rows = app.sections.rows_of(i);
        let lines = heading_rows(name, room);
        // One row: the heading (cut with "…" by the row) and the count;
        // two: the heading's first row whole, then the rest and the count.
        let (first, count_on_first) = match (rows > 1, lines.first()) {
            (true, Some(first)) => (&name[first.clone()], ""),
            _ => (name, count.as_str()),
        };
        row_with_count(
            buf,
            inner,
            y,
            &number,
            first,
            count_on_first,
            style,
            theme.search_match(),
        );
        if let (true, Some(second)) = (rows > 1, lines.get(1)) {
            let indent = " ".repeat(lead);
            row_with_count(
                buf,
                inner,
                y + 1,
                &indent,
                &name[second.clone()],
                &count,
                style,
                theme.search_match(),
            );
        }
    }
}
