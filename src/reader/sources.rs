//! The Sources pane's rows: the article's sources grouped by kind, and the
//! links no source names under Links; a group heading is never selected;
//! `Enter` walks the places citing the selected row in turn.

use std::ops::Range;

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
/// within a group; the links no source names end the Links group. Worked
/// out when asked rather than kept (4 bytes a source, nothing a link).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRows {
    groups: Vec<Group>,
    /// The sources, group after group (indices into `Article::sources`).
    sources: Vec<u32>,
    len: usize,
}

/// A group of rows: its heading's row, then its sources, then (under
/// Links) the links no source names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    kind: SourceKind,
    row: usize,
    sources: Range<usize>,
    found: usize,
}

impl Group {
    fn members(&self) -> usize {
        self.sources.len() + self.found
    }
}

impl SourceRows {
    pub fn of(article: &Article) -> SourceRows {
        let mut rows = SourceRows::default();
        for kind in SourceKind::ALL {
            let start = rows.sources.len();
            rows.sources
                .extend(article.sources_of(kind).map(|s| s as u32));
            let found = if kind == SourceKind::Link {
                article.links_found().len()
            } else {
                0
            };
            let group = Group {
                kind,
                row: rows.len,
                sources: start..rows.sources.len(),
                found,
            };
            if group.members() > 0 {
                rows.len += 1 + group.members();
                rows.groups.push(group);
            }
        }
        rows
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Row `i`.
    pub fn get(&self, i: usize) -> Option<SourceRow> {
        let g = self.groups.partition_point(|g| g.row <= i).checked_sub(1)?;
        let group = &self.groups[g];
        let member = i - group.row;
        if member == 0 {
            return Some(SourceRow::Group(group.kind, group.members()));
        }
        let member = member - 1;
        if member < group.sources.len() {
            Some(SourceRow::Source(
                self.sources[group.sources.start + member] as usize,
            ))
        } else if member < group.members() {
            Some(SourceRow::Found(member - group.sources.len()))
        } else {
            None
        }
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl Iterator<Item = SourceRow> + '_ {
        (0..self.len).filter_map(|i| self.get(i))
    }

    /// The row of source `source`, if it has one.
    pub fn row_of_source(&self, source: usize) -> Option<usize> {
        self.groups.iter().find_map(|group| {
            let members = &self.sources[group.sources.clone()];
            let at = members.partition_point(|&s| (s as usize) < source);
            (members.get(at) == Some(&(source as u32))).then_some(group.row + 1 + at)
        })
    }
}

/// The Sources pane: its rows, the list over them (the selection always on
/// a source or link when there is one), and the citation `Enter` showed last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcesView {
    pub rows: SourceRows,
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
            rows: SourceRows::default(),
            list: ListView::new(1),
            detail: Rect::default(),
            citation_turn: None,
        }
    }
}

impl SourcesView {
    /// The rows of `article`, the first source selected.
    pub fn reset(&mut self, article: &Article) {
        self.rows = SourceRows::of(article);
        self.list.reset();
        self.list.selected = self.rows.iter().position(|r| r.is_item()).unwrap_or(0);
        self.citation_turn = None;
    }

    /// The rows of `article` again (its links have come), the selection kept.
    pub fn refresh(&mut self, article: &Article) {
        self.rows = SourceRows::of(article);
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
        self.rows.get(self.list.selected)
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
        if let Some(row) = self.rows.row_of_source(source) {
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
            Some(SourceRow::Source(source)) => article.citations.get(source).map(<[_]>::to_vec),
            Some(SourceRow::Found(link)) => article.links_found().get(link).map(|l| l.places()),
            _ => return Ok(None),
        };
        let places = places.unwrap_or_default();
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
            SourceRow::Found(i) => article.links_found().get(i).map(|l| l.url().to_string()),
            SourceRow::Group(..) => None,
        }
    }
}

/// The nearest source row to `target` (a group heading is never selected), searching in the direction of travel first.
fn snap_to_source(rows: &SourceRows, target: usize, down: bool) -> usize {
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
        let rows = SourceRows {
            groups: vec![
                Group {
                    kind: SourceKind::Person,
                    row: 0,
                    sources: 0..1,
                    found: 0,
                },
                Group {
                    kind: SourceKind::Link,
                    row: 2,
                    sources: 1..2,
                    found: 0,
                },
            ],
            sources: vec![0, 1],
            len: 4,
        };
        assert_eq!(
            rows.iter().collect::<Vec<_>>(),
            [
                SourceRow::Group(SourceKind::Person, 1),
                SourceRow::Source(0),
                SourceRow::Group(SourceKind::Link, 1),
                SourceRow::Source(1),
            ]
        );
        assert_eq!(rows.row_of_source(1), Some(3));
        assert_eq!(snap_to_source(&rows, 2, true), 3);
        assert_eq!(snap_to_source(&rows, 2, false), 1);
        assert_eq!(snap_to_source(&rows, 0, false), 1);
    }
}
