//! The Sections pane: the table of contents, the section being read highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::theme::Theme;
use super::widgets::{pane_frame, row_with_count};
use crate::reader::{App, Pane};

/// What the untitled lead section is called in the table of contents.
pub const LEAD_LABEL: &str = "Lead";

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let focused = app.focus == Pane::Sections;
    let inner = pane_frame(buf, theme, rect, "1 Sections", focused);
    let sections = &app.article().sections;
    let current = app.current_section();
    for i in app.sections.visible(sections.len()) {
        let section = &sections[i];
        let y = app.sections.row_of(i);
        let name = section.heading.as_deref().unwrap_or(LEAD_LABEL);
        let marker = if i == current { "▸" } else { " " };
        let mut style = if i == current {
            theme.current()
        } else {
            Style::new()
        };
        if i == app.sections.selected {
            style = style.patch(theme.selection(focused));
        }
        let number = format!("{marker}{:>2} ", i + 1);
        // How many matches of the search the section holds, at the right.
        let count = match app.search.section_counts.get(i) {
            Some(&n) if n > 0 => format!(" {n}"),
            _ => String::new(),
        };
        row_with_count(
            buf,
            inner,
            y,
            &number,
            name,
            &count,
            style,
            theme.search_match(),
        );
    }
}
