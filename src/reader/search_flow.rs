//! The search flow: the prompt opening where the reader is, each key
//! rerunning the query (or asking a worker to), `Enter` keeping it and
//! `Esc` going back, `n`/`N` stepping through the matches. The decisions
//! are listed in `search_state.rs`.

use std::sync::Arc;

use super::memory::Remember;
use super::message::{Effect, PromptEdit};
use super::search_state::{AfterSearch, SearchStart, SearchWait};
use super::work::Goal;
use super::{App, Pane, Target};
use crate::corpus::model::TextRef;
use crate::search::{self, Scan, SearchIndex, SearchMode};

/// In a large article a plain query shorter than this (folded) waits for
/// more or `Enter`: it would match much of the article, and its first scan
/// costs the whole text; from here on keys narrow it.
pub const LARGE_MIN_QUERY_CHARS: usize = 3;

/// Lines shown above a match `n` brings on screen (at most a third of the
/// pane), so what leads to it shows too.
pub const MATCH_CONTEXT: usize = 3;

impl App {
    /// The search index has come: the query typed (or kept) meanwhile runs.
    pub(super) fn index_ready(&mut self, article: usize, index: Arc<SearchIndex>) {
        self.work.index_arrived(article);
        if self.search.has_index_for(article) {
            return;
        }
        self.search.set_index(article, index);
        if article != self.current {
            return;
        }
        if self.search.is_typing() {
            self.search_as_typed();
        } else if self.search.wait == Some(SearchWait::Indexing) {
            let query = self.search.query.clone();
            let mode = self.search.mode;
            self.run_search(&query, mode, AfterSearch::Select(None));
        }
    }

    /// Runs `query` over the current article and does `then` with its
    /// matches; in a large article, a query that would scan the whole text
    /// is asked of a worker instead (`Effect::Search`), `then` done when
    /// its matches come back (`search_done`).
    pub(super) fn run_search(&mut self, query: &str, mode: SearchMode, then: AfterSearch) {
        let article = self.current;
        if self.is_large(article)
            && self.search.needs_scan(article, query, mode)
            && let Some(effect) = self.search.start_scan(article, query, mode, then)
        {
            return self.effects.push(effect);
        }
        self.search
            .run(article, &self.corpus.articles[article], query, mode);
        self.after_search(then);
    }

    fn after_search(&mut self, then: AfterSearch) {
        let matches = &self.search.matches;
        match then {
            AfterSearch::ShowFrom(from) if !matches.is_empty() => {
                let first = from
                    .and_then(|(text, byte)| search::first_at_or_after(matches, text, byte))
                    .unwrap_or(0);
                self.show_match(first);
            }
            AfterSearch::ShowFrom(_) => {}
            AfterSearch::Select(current) => {
                self.search.current = current.filter(|&c| c < matches.len());
            }
        }
    }

    /// A scan is back: its matches are taken if the query is still the
    /// one scanned, else the query typed since runs (narrowing its places
    /// when it extends it). A stale scan is dropped.
    pub(super) fn search_done(&mut self, generation: u64, scan: Arc<Scan>) {
        let Some(pending) = self.search.take_scan(generation, self.current) else {
            return;
        };
        let scan = Arc::try_unwrap(scan).unwrap_or_else(|shared| (*shared).clone());
        let article = &self.corpus.articles[self.current];
        if self.search.finish_scan(&pending, article, scan) {
            self.after_search(pending.then);
        } else {
            let (query, mode) = (self.search.query.clone(), self.search.mode);
            self.run_search(&query, mode, pending.then);
        }
        self.after_scroll();
    }

    /// Whether the index of the current article must be waited for (asked
    /// for now if it was not).
    fn needs_index(&mut self) -> bool {
        let article = self.current;
        if !self.is_large(article) || self.search.has_index_for(article) {
            return false;
        }
        if self.work.ask_index(article) {
            self.effects.push(Effect::BuildSearchIndex { article });
        }
        true
    }

    /// The first text shown at or below the top of the article pane, and its first byte.
    fn text_at_top(&self) -> Option<(TextRef, usize)> {
        self.layout.lines.get(self.top..)?.iter().find_map(|line| {
            let text = line.text_ref()?;
            Some((text, line.range.start as usize))
        })
    }

    /// `/`: opens the prompt; the search begins here.
    pub(super) fn open_search(&mut self) {
        if self.is_folded(self.focus) {
            self.focus = Pane::Article;
        }
        let previous = self.search.is_active().then(|| {
            (
                self.search.query.clone(),
                self.search.mode,
                self.search.current,
            )
        });
        self.search.start = Some(SearchStart {
            place: self.here(),
            from: self.text_at_top(),
            previous,
        });
        self.search.prompt.open();
        self.search.clear();
        if !self.needs_index() {
            self.search
                .prepare(self.current, &self.corpus.articles[self.current]);
        }
    }

    pub(super) fn edit_prompt(&mut self, edit: PromptEdit) {
        if !self.search.is_typing() {
            return;
        }
        let prompt = &mut self.search.prompt;
        let before = (prompt.text().to_string(), prompt.mode());
        match edit {
            PromptEdit::Insert(c) => {
                prompt.insert(c);
            }
            PromptEdit::Backspace => prompt.backspace(),
            PromptEdit::Delete => prompt.delete(),
            PromptEdit::Clear => prompt.clear(),
            PromptEdit::DeleteWord => prompt.delete_word_before(),
            PromptEdit::Left => prompt.left(),
            PromptEdit::Right => prompt.right(),
            PromptEdit::Home => prompt.home(),
            PromptEdit::End => prompt.end(),
            PromptEdit::HistoryUp => prompt.history_up(),
            PromptEdit::HistoryDown => prompt.history_down(),
            PromptEdit::ToggleRegex => prompt.toggle_mode(),
            PromptEdit::Commit => return self.commit_search(),
            PromptEdit::Cancel => return self.cancel_search(),
        }
        let prompt = &self.search.prompt;
        if (prompt.text(), prompt.mode()) != (before.0.as_str(), before.1) {
            self.search_as_typed();
        }
    }

    /// Reruns the query being typed and shows its first match at or after
    /// where the search began (or the place itself when nothing matches).
    pub(super) fn search_as_typed(&mut self) {
        let Some(start) = self.search.start.clone() else {
            return;
        };
        self.work.forget_match_goal();
        let query = self.search.prompt.text().to_string();
        let mode = self.search.prompt.mode();
        self.pinned = None;
        self.top = self.layout.restore(start.place.anchor);
        if let Some(wait) = self.search_wait(&query, mode) {
            self.search.wait_for(&query, mode, wait);
            return self.after_scroll();
        }
        if self.search.is_scanning() {
            // It runs when the scan is back.
            self.search.retype(&query, mode);
        } else {
            self.run_search(&query, mode, AfterSearch::ShowFrom(start.from));
        }
        self.after_scroll();
    }

    /// Why `query` cannot run as typed in the current article, if it cannot:
    /// its index is not built yet, or it is one character in a large article.
    pub(super) fn search_wait(&mut self, query: &str, mode: SearchMode) -> Option<SearchWait> {
        if query.is_empty() {
            return None;
        }
        if self.needs_index() {
            return Some(SearchWait::Indexing);
        }
        let short = mode == SearchMode::Plain
            && search::Query::new(query, mode)
                .is_ok_and(|q| q.plain_chars().is_some_and(|n| n < LARGE_MIN_QUERY_CHARS));
        (short && self.is_large(self.current)).then_some(SearchWait::TypeMore)
    }

    /// `Enter` in the prompt: the search stays in force; the place where it
    /// began goes on the jump stack (`Ctrl-o` returns there).
    fn commit_search(&mut self) {
        let Some(start) = self.search.start.take() else {
            return;
        };
        let query = self.search.prompt.commit();
        if query.is_empty() {
            return self.end_search(start);
        }
        // Kept across runs (nothing is kept without the runtime's store).
        let mode = self.search.prompt.mode();
        self.effects.push(Effect::Remember(Remember::Search {
            query: query.clone(),
            mode,
        }));
        if self.search.wait == Some(SearchWait::TypeMore) {
            let mode = self.search.mode;
            self.run_search(&query, mode, AfterSearch::ShowFrom(start.from));
        }
        if let Some(error) = self.search.error.clone() {
            self.end_search(start);
            return self.error(error);
        }
        if self.search.wait.is_some() {
            // Indexing or scanning: the matches show when they come.
        } else if self.search.matches.is_empty() {
            self.error(format!("no match for {query}"));
        }
        // A search still waiting for its matches will move the article when
        // they come: the place where it began goes on the stack now.
        let began_at = self.layout.restore(start.place.anchor);
        if began_at != self.top || self.search.wait.is_some() {
            self.history.push(start.place);
        }
    }

    /// `Esc` in the prompt: back to where the search began, with the search
    /// that was in force then.
    fn cancel_search(&mut self) {
        if let Some(start) = self.search.start.take() {
            self.end_search(start);
        }
    }

    fn end_search(&mut self, start: SearchStart) {
        self.work.forget_match_goal();
        match start.previous {
            Some((query, mode, current)) => {
                self.run_search(&query, mode, AfterSearch::Select(current));
            }
            None => self.search.clear(),
        }
        self.pinned = None;
        self.top = self.layout.restore(start.place.anchor);
        self.after_scroll();
    }

    /// The lines match `i` covers, first and last.
    fn match_lines(&self, i: usize) -> Option<(usize, usize)> {
        let m = self.search.matches.get(i)?;
        let first = self.layout.line_of_text(m.text, m.range.start)?;
        let last = self
            .layout
            .line_of_text(m.text, m.range.end.saturating_sub(1).max(m.range.start))
            .unwrap_or(first);
        Some((first, last.max(first)))
    }

    /// Whether match `i` is on screen (one in a source counts as shown: the
    /// status line names it).
    fn match_visible(&self, i: usize) -> bool {
        if self
            .search
            .matches
            .get(i)
            .is_some_and(|m| m.text.source().is_some())
        {
            return true;
        }
        self.match_lines(i).is_some_and(|(first, last)| {
            first >= self.top && last < self.top + self.article_height()
        })
    }

    /// Makes match `i` current; if it is not on screen, it comes a few
    /// lines down ([`MATCH_CONTEXT`]), with the header of its card when it
    /// is in a post and the card fits, never past the end (not a jump: `n`
    /// does not fill `Ctrl-o`).
    /// A match in a source (shown in the Sources pane, not in the article)
    /// selects that source.
    pub(super) fn show_match(&mut self, i: usize) {
        self.search.current = Some(i);
        self.flash = None;
        if let Some(source) = self.search.matches[i].text.source() {
            self.sources.select_source(source);
            return self.after_scroll();
        }
        if !self.match_visible(i) {
            match self.match_lines(i) {
                Some((line, last)) => {
                    self.top = self.clamp_top(self.top_showing(i, line, last));
                    // Lines of context above may belong to the section
                    // before: the reader is in the match's section.
                    let section = self.search.matches[i].text.section().unwrap_or(0);
                    self.pinned = Some((Target::Section(section), self.top));
                }
                None => {
                    self.wait_for_layout(Goal::Match(i));
                }
            }
        }
        self.after_scroll();
    }

    /// The top line that shows match `i` (lines `line..=last`) a few lines
    /// down, or from the blank line above its card when that still shows it.
    fn top_showing(&self, i: usize, line: usize, last: usize) -> usize {
        let height = self.article_height();
        let context = MATCH_CONTEXT.min(height / 3);
        let top = line.saturating_sub(context);
        let card = self.search.matches[i]
            .text
            .post()
            .and_then(|at| self.layout.line_of(at));
        match card {
            Some(header) if header < top && last < header.saturating_sub(1) + height => {
                header.saturating_sub(1)
            }
            _ => top,
        }
    }

    /// `n` / `N`: from the current match when it is on screen, else from the
    /// top of the screen; wrapping around at the ends says so.
    pub(super) fn step_search(&mut self, forward: bool) {
        if self.search.is_typing() {
            return;
        }
        if !self.search.is_active() {
            return self.say("no search: / to search");
        }
        if self.search.wait.is_some() {
            return self.say(self.search.summary());
        }
        if let Some(error) = self.search.error.clone() {
            return self.error(error);
        }
        let len = self.search.matches.len();
        if len == 0 {
            return self.error(format!("no match for {}", self.search.query));
        }
        let current = self.search.current.filter(|&c| self.match_visible(c));
        let step = match current {
            Some(c) if forward => search::next_with_wrap(len, c),
            Some(c) => search::prev_with_wrap(len, c),
            None => {
                let at = self.text_at_top().and_then(|(text, byte)| {
                    search::first_at_or_after(&self.search.matches, text, byte)
                });
                Some(match (at, forward) {
                    (Some(i), true) => (i, false),
                    (None, true) => (0, true),
                    (Some(i), false) if i > 0 => (i - 1, false),
                    (Some(_), false) => (len - 1, true),
                    (None, false) => (len - 1, false),
                })
            }
        };
        let Some((next, wrapped)) = step else {
            return;
        };
        self.show_match(next);
        if wrapped {
            self.say("search wrapped");
        }
    }
}
