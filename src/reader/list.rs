//! One type for every list on screen (Sections, Quotes, Sources, the list of
//! articles, the help): its selection, the first item shown, where it is
//! drawn, and the arithmetic of its border and of items several rows high.

use std::ops::Range;

use ratatui::layout::Rect;

use super::message::Motion;
use super::wrap::wrap_lines;

/// The width of a list's border on each side.
const BORDER: u16 = 1;

/// A list as shown: which item is selected, which comes first, in what area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    pub selected: usize,
    /// The first item shown.
    pub offset: usize,
    /// Where the list is drawn, its border included (set on each resize).
    pub area: Rect,
    /// Screen rows one item takes.
    pub rows_per_item: u16,
    /// Rows each item takes when items differ (the Sections pane wraps a
    /// long heading onto two rows); empty: `rows_per_item` each.
    pub item_rows: Vec<u16>,
}

impl ListView {
    pub fn new(rows_per_item: u16) -> ListView {
        ListView {
            selected: 0,
            offset: 0,
            area: Rect::default(),
            rows_per_item: rows_per_item.max(1),
            item_rows: Vec::new(),
        }
    }

    /// Back to the first item (the area stays).
    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// The inside of the border.
    pub fn inner(&self) -> Rect {
        let a = self.area;
        Rect::new(
            a.x.saturating_add(BORDER),
            a.y.saturating_add(BORDER),
            a.width.saturating_sub(2 * BORDER),
            a.height.saturating_sub(2 * BORDER),
        )
    }

    /// Screen rows item `item` takes.
    pub fn rows_of(&self, item: usize) -> u16 {
        self.item_rows
            .get(item)
            .copied()
            .unwrap_or(self.rows_per_item)
            .max(1)
    }

    /// How many items from `from` on fit in the list's rows, at most `len - from`.
    fn fitting_from(&self, from: usize, len: usize) -> usize {
        let height = self.inner().height;
        if self.item_rows.is_empty() {
            return ((height / self.rows_per_item) as usize).min(len.saturating_sub(from));
        }
        let mut used = 0;
        let mut n = 0;
        for item in from..len {
            used += self.rows_of(item);
            if used > height {
                break;
            }
            n += 1;
        }
        n
    }

    /// Items shown at once from the first shown (at least one).
    pub fn capacity(&self) -> usize {
        if self.item_rows.is_empty() {
            return (self.inner().height / self.rows_per_item).max(1) as usize;
        }
        self.fitting_from(self.offset, self.item_rows.len()).max(1)
    }

    /// The items of a list of `len` drawn now: those whose rows fit inside.
    pub fn visible(&self, len: usize) -> Range<usize> {
        let from = self.offset.min(len);
        from..from + self.fitting_from(from, len)
    }

    /// The screen row of the first row of item `item` (one of [`ListView::visible`]).
    pub fn row_of(&self, item: usize) -> u16 {
        let above: u16 = (self.offset..item).map(|i| self.rows_of(i)).sum();
        self.inner().y + above
    }

    /// Half a page and a page, in items.
    pub fn page(&self) -> (usize, usize) {
        let rows = self.capacity();
        ((rows / 2).max(1), rows.saturating_sub(1).max(1))
    }

    /// Where `motion` takes the selection in a list of `len`.
    pub fn moved(&self, motion: Motion, len: usize) -> usize {
        let (half, page) = self.page();
        motion.apply(self.selected, half, page, len.saturating_sub(1))
    }

    /// Keeps the selection among `len` items and in view, moving the view
    /// as little as possible and leaving no empty rows after the last item.
    pub fn keep_in_view(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.item_rows.is_empty() {
            let capacity = self.capacity();
            self.offset = scroll_offset(self.offset, capacity, self.selected)
                .min(len.saturating_sub(capacity));
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        while self.offset < self.selected
            && self.offset + self.fitting_from(self.offset, len) <= self.selected
        {
            self.offset += 1;
        }
        // The first offset from which the rest of the list fits.
        let mut tail = len;
        while tail > 0 && self.fitting_from(tail - 1, len) == len - (tail - 1) {
            tail -= 1;
        }
        self.offset = self.offset.min(tail);
    }

    /// Moves the view only (the help): `motion` applied to the first item
    /// shown, never past the last page.
    pub fn scroll(&mut self, motion: Motion, len: usize) {
        let (half, page) = self.page();
        self.offset = motion.apply(self.offset, half, page, self.last_offset(len));
    }

    /// The first item shown when the last page of `len` items is.
    pub fn last_offset(&self, len: usize) -> usize {
        len.saturating_sub(self.inner().height as usize)
    }

    /// The item of a list of `len` at screen row `row`, if there is one.
    pub fn item_at(&self, row: u16, len: usize) -> Option<usize> {
        let inner = self.inner();
        if row < inner.y || row >= self.area.bottom().saturating_sub(BORDER) {
            return None;
        }
        let mut y = inner.y;
        for item in self.visible(len) {
            y += self.rows_of(item);
            if row < y {
                return Some(item);
            }
        }
        None
    }
}

/// Columns before a heading in the Sections pane, for `sections` of them:
/// its marker, number (two digits at least) and a space (`▸ 1 `).
pub fn section_lead(sections: usize) -> usize {
    2 + sections.to_string().len().max(2)
}

/// How the Sections pane shows a heading in `room` columns: its rows (two
/// at most, the second running to the end of the heading, cut with "…" when
/// drawn), as byte ranges of `label`.
pub fn heading_rows(label: &str, room: usize) -> Vec<Range<usize>> {
    let mut rows = wrap_lines(label, room, room);
    if rows.len() > 2 {
        let end = rows[rows.len() - 1].end;
        rows.truncate(2);
        rows[1].end = end;
    }
    rows
}

/// The offset that keeps `selection` in a window of `height` items, moving
/// as little as possible from `offset`.
pub fn scroll_offset(offset: usize, height: usize, selection: usize) -> usize {
    let height = height.max(1);
    if selection < offset {
        selection
    } else if selection >= offset + height {
        selection + 1 - height
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_top_moves_only_to_keep_the_selection_visible() {
        assert_eq!(scroll_offset(0, 5, 3), 0);
        assert_eq!(scroll_offset(0, 5, 5), 1);
        assert_eq!(scroll_offset(4, 5, 2), 2);
        assert_eq!(scroll_offset(2, 5, 6), 2);
        assert_eq!(scroll_offset(0, 0, 7), 7);
    }

    #[test]
    fn items_two_rows_high_inside_a_border() {
        let mut list = ListView::new(2);
        list.area = Rect::new(0, 1, 30, 12);
        assert_eq!(list.capacity(), 5);
        assert_eq!(list.item_at(1, 9), None, "the top border");
        assert_eq!(list.item_at(2, 9), Some(0));
        assert_eq!(list.item_at(4, 9), Some(1));
        assert_eq!(list.item_at(12, 9), None, "the bottom border");
        list.selected = 7;
        list.keep_in_view(9);
        assert_eq!((list.offset, list.visible(9)), (3, 3..8));
        assert_eq!(list.row_of(4), 4);
        assert_eq!(list.item_at(3, 2), None, "past the end of the list");
    }

    #[test]
    fn items_of_one_or_two_rows() {
        let mut list = ListView::new(1);
        list.area = Rect::new(0, 0, 20, 7); // 5 rows inside
        list.item_rows = vec![1, 2, 1, 2, 2, 1];
        assert_eq!(list.visible(6), 0..3, "1 + 2 + 1 rows, the next needs 2");
        assert_eq!(list.row_of(2), 4);
        assert_eq!(list.item_at(2, 6), Some(1));
        assert_eq!(list.item_at(3, 6), Some(1));
        assert_eq!(list.item_at(4, 6), Some(2));
        list.selected = 4;
        list.keep_in_view(6);
        assert_eq!(list.visible(6), 2..5, "moved as little as possible");
        list.selected = 5;
        list.keep_in_view(6);
        assert_eq!(list.visible(6), 3..6);
        list.selected = 0;
        list.keep_in_view(6);
        assert_eq!(list.offset, 0);
    }
}
