//! The Sources pane's rows: the article's sources grouped by kind, and the
//! links no source names under Links; a group heading is never selected;
//! `Enter` walks the places citing the selected row in turn.

use ratatui::layout::Rect;

use super::list::ListView;
use super::message::Motion;
use crate::corpus::model::{Article, BlockRef, SourceKind};

/// One row of the Sources pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceRow {
    /// A group heading and how many rows it holds.
    Group(SourceKind, usize),
    /// A source (index into `Article::sources`).
    Source(usize),
    /// A link no source names, under Links (index into `Article::links`).
    Found(usize),
}

impl SourceRow {
    /// Whether the row can be selected (a group heading cannot).
    pub fn is_item(self) -> bool {
        !matches!(self, SourceRow::Group(..))
    }
}

/// The rows of the Sources pane: sources grouped by kind, in corpus order
/// within a group; the links no source names end the Links group.
pub fn source_rows(article: &Article) -> Vec<SourceRow> {
    let mut rows = Vec::new();
    for kind in SourceKind::ALL {
        let mut members: Vec<SourceRow> = article.sources_of(kind).map(SourceRow::Source).collect();
        if kind == SourceKind::Link {
            members.extend((0..article.links_found().len()).map(SourceRow::Found));
        }
        if !members.is_empty() {
            rows.push(SourceRow::Group(kind, members.len()));
            rows.extend(members);
        }
    }
    rows
}

/// The Sources pane: its rows, the list over them (the selection always on
/// a source or link when there is one), and the citation `Enter` showed last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcesView {
    pub rows: Vec<SourceRow>,
    pub list: ListView,
    /// Under the list, inside the pane's border: the selected row's kind,
    /// description and URL (empty when the pane is too short for it).
    pub detail: Rect,
    /// The row whose citations `Enter` walks, and the last one shown.
    citation_turn: Option<(usize, usize)>,
}

impl Default for SourcesView {
    fn default() -> Self {
        SourcesView {
            rows: Vec::new(),
            list: ListView::new(1),
            detail: Rect::default(),
            citation_turn: None,
        }
    }
}

impl SourcesView {
    /// The rows of `article`, the first source selected.
    pub fn reset(&mut self, article: &Article) {
        self.rows = source_rows(article);
        self.list.reset();
        self.list.selected = self.rows.iter().position(|r| r.is_item()).unwrap_or(0);
        self.citation_turn = None;
    }

    /// The rows of `article` again (its links have come), the selection kept.
    pub fn refresh(&mut self, article: &Article) {
        self.rows = source_rows(article);
        let selected = self.list.selected.min(self.rows.len().saturating_sub(1));
        self.list.selected = snap_to_source(&self.rows, selected, true);
    }

    /// Where the pane is drawn (its border included): the list above, and
    /// below a rule the selected row's details, when the pane has room.
    pub fn set_area(&mut self, area: Rect) {
        let inside = area.height.saturating_sub(2);
        let lines = match inside {
            12.. => 3,
            7..=11 => 2,
            _ => 0,
        };
        // The list's bottom border row is the rule above the details.
        let list_height = area.height - if lines > 0 { lines + 1 } else { 0 };
        self.list.area = Rect::new(area.x, area.y, area.width, list_height);
        self.detail = Rect::new(
            area.x + 1,
            area.y + list_height,
            area.width.saturating_sub(2),
            lines,
        );
    }

    /// The row selected.
    pub fn selected(&self) -> Option<SourceRow> {
        self.rows.get(self.list.selected).copied()
    }

    /// Keeps the selection in view, with the heading of its group when it
    /// is the group's first row.
    pub fn keep_in_view(&mut self) {
        let list = &mut self.list;
        list.keep_in_view(self.rows.len());
        if list.capacity() > 1
            && list.offset == list.selected
            && list.selected > 0
            && matches!(self.rows.get(list.selected - 1), Some(SourceRow::Group(..)))
        {
            list.offset -= 1;
        }
    }

    /// Moves the selection, skipping group headings in the direction of travel.
    pub fn select(&mut self, motion: Motion) {
        let target = self.list.moved(motion, self.rows.len());
        let down = target >= self.list.selected;
        self.list.selected = snap_to_source(&self.rows, target, down);
    }

    /// Selects the row of source `source` (index into `Article::sources`).
    pub fn select_source(&mut self, source: usize) {
        if let Some(row) = self
            .rows
            .iter()
            .position(|&r| r == SourceRow::Source(source))
        {
            self.list.selected = row;
            self.keep_in_view();
        }
    }

    /// Selects the row clicked; `false` for a group heading (nothing selected).
    pub fn click(&mut self, item: usize) -> bool {
        if !self.rows.get(item).is_some_and(|r| r.is_item()) {
            return false;
        }
        self.list.selected = item;
        true
    }

    /// The next place citing the selected row, in turn: the block, its
    /// number from 1 and how many there are. `Ok(None)` on a heading;
    /// `Err` when the row is cited nowhere.
    pub fn next_citation(
        &mut self,
        article: &Article,
    ) -> Result<Option<(BlockRef, usize, usize)>, &'static str> {
        let row = self.list.selected;
        let places = match self.rows.get(row) {
            Some(&SourceRow::Source(source)) => article.citations.get(source),
            Some(&SourceRow::Found(link)) => article.links_found().get(link).map(|l| &l.places),
            _ => return Ok(None),
        };
        let places = places.map_or(&[][..], Vec::as_slice);
        if places.is_empty() {
            return Err("not cited in the text");
        }
        let turn = match self.citation_turn {
            Some((r, last)) if r == row => (last + 1) % places.len(),
            _ => 0,
        };
        self.citation_turn = Some((row, turn));
        Ok(Some((places[turn], turn + 1, places.len())))
    }

    /// The URL of the selected source or link, as written.
    pub fn link(&self, article: &Article) -> Option<String> {
        match self.selected()? {
            SourceRow::Source(s) => article.sources.get(s)?.url.as_ref().map(|u| u.to_string()),
            SourceRow::Found(i) => article.links_found().get(i).map(|l| l.url.clone()),
            SourceRow::Group(..) => None,
        }
    }
}

/// The nearest source row to `target` (a group heading is never selected), searching in the direction of travel first.
fn snap_to_source(rows: &[SourceRow], target: usize, down: bool) -> usize {
    let is_source = |i: &usize| rows.get(*i).is_some_and(|r| r.is_item());
    let below = (target..rows.len()).find(is_source);
    let above = (0..=target.min(rows.len().saturating_sub(1)))
        .rev()
        .find(is_source);
    let (first, second) = if down { (below, above) } else { (above, below) };
    first.or(second).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_selection_skips_group_headings() {
        let rows = [
            SourceRow::Group(SourceKind::Person, 1),
            SourceRow::Source(0),
            SourceRow::Group(SourceKind::Link, 1),
            SourceRow::Source(1),
        ];
        assert_eq!(snap_to_source(&rows, 2, true), 3);
        assert_eq!(snap_to_source(&rows, 2, false), 1);
        assert_eq!(snap_to_source(&rows, 0, false), 1);
    }
}
