//! The search prompt's line editing: a query, a cursor, and the history of
//! this run's queries. Pure state, no I/O: the UI maps keys to these calls
//! and draws [`Prompt::text`] with the cursor at [`Prompt::cursor_column`].

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::search::SearchMode;

/// The query being typed, its cursor, its mode, and earlier queries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    text: String,
    /// Byte index into `text`, always on a grapheme boundary.
    cursor: usize,
    mode: SearchMode,
    /// Earlier queries of this run with their mode (a regex comes back a
    /// regex), oldest first, no two equal neighbours.
    history: Vec<(String, SearchMode)>,
    /// While recalling: which history entry is shown, and what was being
    /// typed (in its mode).
    recall: Option<(usize, (String, SearchMode))>,
}

impl Prompt {
    pub fn new() -> Prompt {
        Prompt::default()
    }

    /// Starts a new query (empty, plain mode), keeping the history.
    pub fn open(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.mode = SearchMode::Plain;
        self.recall = None;
    }

    /// Keeps the current query in the history (`Enter`) and returns it.
    pub fn commit(&mut self) -> String {
        self.recall = None;
        let entry = (self.text.clone(), self.mode);
        if !self.text.is_empty() && self.history.last() != Some(&entry) {
            self.history.push(entry);
        }
        self.text.clone()
    }

    /// Keeps a query run without the prompt (`depeche -p`) in the history.
    pub fn remember(&mut self, query: &str, mode: SearchMode) {
        let entry = (query.to_string(), mode);
        if !query.is_empty() && self.history.last() != Some(&entry) {
            self.history.push(entry);
        }
    }

    /// Adds queries of earlier runs (oldest first) before this run's, so
    /// `↑` reaches them after this run's; a regex comes back a regex.
    pub fn add_past(&mut self, past: Vec<(String, SearchMode)>) {
        let mut history: Vec<(String, SearchMode)> = past
            .into_iter()
            .filter(|(query, _)| !query.is_empty())
            .collect();
        history.dedup();
        for entry in std::mem::take(&mut self.history) {
            if history.last() != Some(&entry) {
                history.push(entry);
            }
        }
        self.history = history;
        self.recall = None;
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte index into [`Prompt::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn mode(&self) -> SearchMode {
        self.mode
    }

    /// `Ctrl-r`: plain ↔ regular expression.
    pub fn toggle_mode(&mut self) {
        self.mode = self.mode.toggled();
    }

    /// Earlier queries of this run, oldest first, with their mode.
    pub fn history(&self) -> &[(String, SearchMode)] {
        &self.history
    }

    /// The cursor's column from the start of the query, in terminal cells.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.cursor].width()
    }

    /// Inserts `c` at the cursor. Control characters are refused (`false`):
    /// they are keys, not text.
    pub fn insert(&mut self, c: char) -> bool {
        if c.is_control() {
            return false;
        }
        self.text.insert(self.cursor, c);
        // A combining mark typed before a letter may join it: land on the
        // next grapheme boundary.
        self.cursor = self.boundary_at_or_after(self.cursor + c.len_utf8());
        true
    }

    /// Deletes the grapheme before the cursor.
    pub fn backspace(&mut self) {
        let start = self.prev_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the grapheme under the cursor.
    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    /// `Ctrl-u`: clears the query.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// `Ctrl-w`: deletes the spaces before the cursor, then the word before them.
    pub fn delete_word_before(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn left(&mut self) {
        self.cursor = self.prev_boundary();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// `↑`: shows the previous query of the history in its mode (the first
    /// press keeps what was being typed, for `↓` to come back to).
    pub fn history_up(&mut self) {
        let shown = match &self.recall {
            Some((i, _)) => i.checked_sub(1),
            None => self.history.len().checked_sub(1),
        };
        let Some(shown) = shown else { return };
        let draft = match self.recall.take() {
            Some((_, draft)) => draft,
            None => (std::mem::take(&mut self.text), self.mode),
        };
        self.recall = Some((shown, draft));
        self.set_entry(self.history[shown].clone());
    }

    /// `↓`: shows the next query of the history, then what was being typed.
    pub fn history_down(&mut self) {
        let Some((shown, draft)) = self.recall.take() else {
            return;
        };
        if shown + 1 < self.history.len() {
            self.recall = Some((shown + 1, draft));
            self.set_entry(self.history[shown + 1].clone());
        } else {
            self.set_entry(draft);
        }
    }

    fn set_entry(&mut self, (text, mode): (String, SearchMode)) {
        self.text = text;
        self.mode = mode;
        self.cursor = self.text.len();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .find(|&i| i >= at)
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> Prompt {
        let mut p = Prompt::new();
        for c in s.chars() {
            assert!(p.insert(c));
        }
        p
    }

    #[test]
    fn wide_characters_keep_the_cursor_right() {
        let mut p = typed("é中🔴a");
        assert_eq!(p.cursor_column(), 1 + 2 + 2 + 1);
        p.left();
        assert_eq!(p.cursor_column(), 5);
        p.left();
        assert_eq!(p.cursor_column(), 3);
        p.left();
        assert_eq!(p.cursor_column(), 1);
        p.insert('x');
        assert_eq!(p.text(), "éx中🔴a");
        assert_eq!(p.cursor_column(), 2);
        p.end();
        assert_eq!(p.cursor_column(), 7);
        p.home();
        assert_eq!(p.cursor_column(), 0);
    }

    #[test]
    fn moves_by_grapheme_not_by_char() {
        // e + combining acute, and a flag made of two regional indicators.
        let mut p = typed("e\u{301}🇫🇷");
        p.left();
        assert_eq!(p.cursor(), "e\u{301}".len());
        p.left();
        assert_eq!(p.cursor(), 0);
        p.right();
        assert_eq!(p.cursor(), "e\u{301}".len());
        p.delete();
        assert_eq!(p.text(), "e\u{301}");
        p.backspace();
        assert_eq!(p.text(), "");
    }

    #[test]
    fn backspace_and_delete_at_the_ends_do_nothing() {
        let mut p = typed("ab");
        p.delete();
        assert_eq!(p.text(), "ab");
        p.home();
        p.backspace();
        assert_eq!(p.text(), "ab");
        assert_eq!(p.cursor(), 0);
    }

    #[test]
    fn control_characters_are_refused() {
        let mut p = typed("a");
        assert!(!p.insert('\u{1b}'));
        assert!(!p.insert('\n'));
        assert_eq!(p.text(), "a");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before() {
        let mut p = typed("la sécurité  ");
        p.delete_word_before();
        assert_eq!(p.text(), "la ");
        p.delete_word_before();
        assert_eq!(p.text(), "");
        let mut p = typed("中文 한국어");
        p.left();
        p.delete_word_before();
        assert_eq!(p.text(), "中文 어");
        assert_eq!(p.cursor_column(), 5);
    }

    #[test]
    fn ctrl_u_clears() {
        let mut p = typed("cœur");
        p.clear();
        assert_eq!((p.text(), p.cursor()), ("", 0));
    }

    #[test]
    fn history_recalls_and_keeps_the_draft() {
        let mut p = Prompt::new();
        for q in ["sécurité", "cœur", "cœur", "中"] {
            p.open();
            for c in q.chars() {
                p.insert(c);
            }
            p.commit();
        }
        let queries: Vec<&str> = p.history().iter().map(|(q, _)| q.as_str()).collect();
        assert_eq!(queries, ["sécurité", "cœur", "中"]);
        p.open();
        p.insert('W');
        p.history_up();
        assert_eq!(p.text(), "中");
        assert_eq!(p.cursor_column(), 2);
        p.history_up();
        p.history_up();
        assert_eq!(p.text(), "sécurité");
        p.history_up(); // stays on the oldest
        assert_eq!(p.text(), "sécurité");
        p.history_down();
        assert_eq!(p.text(), "cœur");
        p.history_down();
        p.history_down();
        assert_eq!(p.text(), "W");
        p.history_down(); // nothing more
        assert_eq!(p.text(), "W");
    }

    #[test]
    fn history_keeps_each_query_s_mode() {
        let mut p = Prompt::new();
        p.open();
        p.toggle_mode();
        p.insert('x');
        p.commit();
        p.open();
        p.insert('x');
        p.commit();
        assert_eq!(p.history().len(), 2, "the same text in another mode");
        p.open();
        p.insert('y');
        p.history_up();
        assert_eq!((p.text(), p.mode()), ("x", SearchMode::Plain));
        p.history_up();
        assert_eq!((p.text(), p.mode()), ("x", SearchMode::Regex));
        p.history_down();
        p.history_down();
        assert_eq!((p.text(), p.mode()), ("y", SearchMode::Plain));
    }

    #[test]
    fn mode_toggles_and_resets_on_open() {
        let mut p = Prompt::new();
        p.toggle_mode();
        assert_eq!(p.mode(), SearchMode::Regex);
        p.open();
        assert_eq!(p.mode(), SearchMode::Plain);
    }
}
