//! The Sources pane: sources grouped by kind, each with the number of places citing it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use unicode_width::UnicodeWidthStr;

use super::Hyperlink;
use super::theme::Theme;
use super::widgets::{empty_line, fit, pane_frame, row_with_count, symbols};
use crate::corpus::links::sanitize_url;
use crate::corpus::model::TextRef;
use crate::reader::sources::SourceRow;
use crate::reader::wrap::wrap_ranges;
use crate::reader::{App, Pane};

/// Draws the pane; the selected row's URL, in its details, goes to `links`.
pub fn render(buf: &mut Buffer, app: &App, theme: Theme, rect: Rect, links: &mut Vec<Hyperlink>) {
    let focused = app.focus == Pane::Sources;
    let borders = app.settings.layout.borders;
    let inner = pane_frame(buf, theme, borders, rect, "4 Sources", focused);
    let article = app.article();
    let list = &app.sources.list;
    if app.sources.rows.is_empty() {
        return empty_line(buf, theme, inner, "no sources");
    }
    detail(buf, app, theme, links);
    for i in list.visible(app.sources.rows.len()) {
        let y = list.row_of(i);
        let Some(row) = app.sources.rows.get(i) else {
            continue;
        };
        match row {
            SourceRow::Group(kind, count) => {
                let label = format!("{} ({count})", kind.group_label());
                let style = theme.group_heading();
                buf.set_stringn(inner.x, y, label, inner.width as usize, style);
            }
            SourceRow::Source(s) => {
                let Some(source) = article.sources.get(s) else {
                    continue;
                };
                let cited = article.citations.get(s).map_or(0, <[_]>::len);
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
                if holds_a_match(app, s) {
                    buf.set_stringn(inner.x + 1, y, "*", 1, theme.search_match());
                }
            }
            SourceRow::Found(f) => {
                let Some(link) = article.links_found().get(f) else {
                    continue;
                };
                let selected = i == list.selected;
                let shown = link.place_count();
                item(
                    buf,
                    theme,
                    inner,
                    y,
                    link.text(),
                    shown,
                    selected.then_some(focused),
                );
            }
        }
    }
}

/// Under a rule, the selected row's kind and description, then its URL,
/// each cut with "…" where the room ends (the reader tells what the dump does).
fn detail(buf: &mut Buffer, app: &App, theme: Theme, links: &mut Vec<Hyperlink>) {
    let area = app.sources.detail;
    if area.height == 0 || area.width == 0 {
        return;
    }
    let rule = symbols(app.settings.layout.borders)
        .rule
        .repeat(area.width as usize);
    buf.set_stringn(area.x, area.y - 1, rule, area.width as usize, theme.dim());
    let article = app.article();
    let (kind, description, url) = match app.sources.selected() {
        Some(SourceRow::Source(s)) => match article.sources.get(s) {
            Some(source) => (
                source.kind.label(),
                source.description.as_deref(),
                source.url.as_deref(),
            ),
            None => return,
        },
        Some(SourceRow::Found(f)) => match article.links_found().get(f) {
            Some(link) => ("link, named by no source", None, Some(link.url())),
            None => return,
        },
        _ => return,
    };
    let width = area.width as usize;
    let about = match description {
        Some(description) => format!("{kind} · {description}"),
        None => kind.to_string(),
    };
    let lines_for_about = area.height as usize - usize::from(url.is_some());
    let mut rows: Vec<(String, Style)> = Vec::new();
    let wrapped = wrap_ranges(&about, width);
    for (n, range) in wrapped.iter().take(lines_for_about.max(1)).enumerate() {
        let last = n + 1 == lines_for_about && wrapped.len() > lines_for_about;
        let text = if last {
            fit(&about[range.start..], width).into_owned()
        } else {
            about[range.clone()].to_string()
        };
        rows.push((text, theme.dim()));
    }
    if let Some(url) = url {
        rows.truncate(area.height as usize - 1);
        let shown = fit(url, width).into_owned();
        if let Some(target) = sanitize_url(url) {
            links.push(Hyperlink {
                x: area.x,
                y: area.y + rows.len() as u16,
                width: shown.width() as u16,
                url: target,
                id: format!("depeche-{}-s{}", app.current, app.sources.list.selected),
            });
        }
        rows.push((shown, theme.link()));
    }
    for (n, (text, style)) in rows.into_iter().enumerate() {
        buf.set_stringn(area.x, area.y + n as u16, text, width, style);
    }
}

/// Whether the search found something in source `s` (its name, description or URL).
fn holds_a_match(app: &App, s: usize) -> bool {
    let matches = &app.search.matches;
    let first = matches.partition_point(|m| m.text < TextRef::SourceName(s as u32));
    matches
        .get(first)
        .is_some_and(|m| m.text.source() == Some(s))
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
