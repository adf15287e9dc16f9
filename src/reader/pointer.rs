//! The mouse: the wheel scrolls, a click focuses and selects, two close
//! clicks on the same cell are a double click.

/// Lines one notch of the mouse wheel scrolls the article.
pub const WHEEL_LINES: usize = 3;
/// Two clicks closer than this are a double click.
pub const DOUBLE_CLICK_MS: u64 = 400;

/// Where and when the last click was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pointer {
    last_click: Option<(u16, u16, u64)>,
}

impl Pointer {
    /// A click at a cell at `at_ms` (monotonic): whether it makes a double click.
    pub fn click(&mut self, column: u16, row: u16, at_ms: u64) -> bool {
        let double = self.last_click.is_some_and(|(c, r, t)| {
            c == column && r == row && at_ms.saturating_sub(t) <= DOUBLE_CLICK_MS
        });
        self.last_click = Some((column, row, at_ms));
        double
    }
}
