//! The Sources pane: sources grouped by kind, each with the number of places citing it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{Theme, pane_frame, row_with_count};
use crate::reader::{App, Pane, SourceRow};

pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect) {
    let focused = app.focus == Pane::Sources;
    let inner = pane_frame(buf, theme, rect, "4 Sources", focused);
    let article = app.article();
    let rows = app
        .source_rows
        .iter()
        .enumerate()
        .skip(app.sources.top)
        .take(inner.height as usize);
    for (n, (i, row)) in rows.enumerate() {
        let y = inner.y + n as u16;
        match *row {
            SourceRow::Group(kind, count) => {
                let label = format!("{} ({count})", kind.group_label());
                let style = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                buf.set_stringn(inner.x, y, label, inner.width as usize, style);
            }
            SourceRow::Source(s) => {
                let Some(source) = article.sources.get(s) else {
                    continue;
                };
                let cited = article.citations.get(s).map_or(0, Vec::len);
                let selected = i == app.sources.selected;
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
                let Some(link) = article.links().get(f) else {
                    continue;
                };
                let selected = i == app.sources.selected;
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
