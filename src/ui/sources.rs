//! The Sources pane: sources grouped by kind, each with the number of places citing it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::theme::Theme;
use super::widgets::{pane_frame, row_with_count};
use crate::reader::sources::SourceRow;
use crate::reader::{App, Pane};

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let focused = app.focus == Pane::Sources;
    let inner = pane_frame(buf, theme, rect, "4 Sources", focused);
    let article = app.article();
    let list = &app.sources.list;
    for i in list.visible(app.sources.rows.len()) {
        let y = list.row_of(i);
        match app.sources.rows[i] {
            SourceRow::Group(kind, count) => {
                let label = format!("{} ({count})", kind.group_label());
                let style = theme.group_heading();
                buf.set_stringn(inner.x, y, label, inner.width as usize, style);
            }
            SourceRow::Source(s) => {
                let Some(source) = article.sources.get(s) else {
                    continue;
                };
                let cited = article.citations.get(s).map_or(0, Vec::len);
                let selected = i == list.selected;
                item(
                    buf,
                    theme,
                    inner,
                    y,
                    &source.name,
                    cited,
                    selected.then_some(focused),
                );
            }
            SourceRow::Found(f) => {
                let Some(link) = article.links_found().get(f) else {
                    continue;
                };
                let selected = i == list.selected;
                let shown = link.places.len();
                item(
                    buf,
                    theme,
                    inner,
                    y,
                    &link.text,
                    shown,
                    selected.then_some(focused),
                );
            }
        }
    }
}

/// One source row: its name, and at the right how many places cite it.
/// `selected`: `Some(focused)` when the row is the selection.
fn item(
    buf: &mut Buffer,
    theme: Theme,
    inner: Rect,
    y: u16,
    name: &str,
    cited: usize,
    selected: Option<bool>,
) {
    let style = selected.map_or_else(Style::new, |focused| theme.selection(focused));
    // Two spaces before the count keep a gap after a name cut with "…".
    let count = format!("  {cited}");
    row_with_count(buf, inner, y, "  ", name, &count, style, theme.dim());
}
