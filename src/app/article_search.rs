//! The reader's search: the prompt, the index of the article being read,
//! the matches of the query in force and which one is current.
//!
//! Matches are positions in the text (`TextRef` + byte range), never on the
//! screen, so they survive a resize untouched; only the line a match is on
//! is looked up again in the new layout. The index is built once per
//! article, when a search first needs it, never on a keystroke; each
//! keystroke reruns the query into the same `Vec`.
//!
//! Decisions (what `App` does with it):
//! - A match already on screen does not move the article; one off screen
//!   comes to the top with a line of context above.
//! - `Enter` puts the place where the search began on the jump stack when
//!   the search moved away from it (`Ctrl-o` returns); `n`/`N` do not, as in
//!   `less`. They step from the current match when it is on screen, else
//!   from the top of the screen.
//! - `Esc` in the prompt brings back the place and the search in force
//!   before `/`; an empty query kept with `Enter` does the same.
//! - Switching articles keeps the query and reruns it over the other
//!   article (building its index then); no match is current until `n`.

use crate::model::{Article, BlockRef, TextRef};
use crate::search::prompt::Prompt;
use crate::search::{self, Match, Query, SearchIndex, SearchMode};

use super::Place;

/// Where a search began: where `Esc` returns, where the first match is
/// counted from, and the search it replaces (back in force after `Esc`).
#[derive(Debug, Clone)]
pub(super) struct SearchStart {
    pub place: Place,
    /// The first text shown at the top when the search began, and its byte.
    pub from: Option<(TextRef, usize)>,
    pub previous: Option<(String, SearchMode, Option<usize>)>,
}

#[derive(Debug, Default)]
pub struct ArticleSearch {
    /// The query line: its text, cursor, mode, and this run's history.
    pub prompt: Prompt,
    /// `Some` while the prompt is open.
    pub(super) start: Option<SearchStart>,
    /// The folded text of article `.0`, built on first use.
    index: Option<(usize, SearchIndex)>,
    /// The query the matches are for (being typed, or kept with `Enter`);
    /// empty when no search is in force.
    pub query: String,
    pub mode: SearchMode,
    /// Every match of `query` in reading order.
    pub matches: Vec<Match>,
    /// The match the reader is on (shown apart), an index into `matches`.
    pub current: Option<usize>,
    /// Why the query has no matches when it is not a valid regex.
    pub error: Option<String>,
    /// Matches per section (for the Sections pane).
    pub section_counts: Vec<usize>,
    /// Posts holding a match, sorted (for the Quotes pane).
    pub posts: Vec<BlockRef>,
}

impl ArticleSearch {
    /// Whether the prompt is open.
    pub fn is_typing(&self) -> bool {
        self.start.is_some()
    }

    /// Whether a search is in force (its highlights shown, `n`/`N` walk it).
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Runs `query` over `article` (number `article_index`), building the
    /// article's index first if it has none yet. The current match is reset.
    pub fn run(&mut self, article_index: usize, article: &Article, query: &str, mode: SearchMode) {
        self.query.clear();
        self.query.push_str(query);
        self.mode = mode;
        self.current = None;
        self.error = None;
        self.matches.clear();
        if !query.is_empty() {
            match Query::new(query, mode) {
                Ok(prepared) => index_for(&mut self.index, article_index, article)
                    .find_into(&prepared, &mut self.matches),
                Err(message) => self.error = Some(message),
            }
        }
        self.section_counts = search::count_by_section(&self.matches, article.sections.len());
        self.posts = search::posts_with_matches(&self.matches);
    }

    /// Reruns the query in force over another article (after switching).
    pub fn rerun(&mut self, article_index: usize, article: &Article) {
        if self.is_active() {
            let query = std::mem::take(&mut self.query);
            self.run(article_index, article, &query, self.mode);
        }
    }

    /// Builds the index of article `article_index` unless it is built:
    /// when the prompt opens, so that no keystroke pays for it.
    pub fn prepare(&mut self, article_index: usize, article: &Article) {
        index_for(&mut self.index, article_index, article);
    }

    /// Whether the index of article `article_index` is built (for tests of laziness).
    pub fn has_index_for(&self, article_index: usize) -> bool {
        self.index
            .as_ref()
            .is_some_and(|(i, _)| *i == article_index)
    }

    /// No search in force any more (the prompt's history stays).
    pub fn clear(&mut self) {
        self.query.clear();
        self.matches.clear();
        self.current = None;
        self.error = None;
        self.section_counts.clear();
        self.posts.clear();
    }

    /// The current match.
    pub fn current_match(&self) -> Option<&Match> {
        self.matches.get(self.current?)
    }

    /// How the search stands, for the status line: `3/13`, `13 matches`,
    /// `no match`, or the regex error.
    pub fn summary(&self) -> String {
        if let Some(error) = &self.error {
            return error.clone();
        }
        match (self.current, self.matches.len()) {
            (_, 0) => "no match".to_string(),
            (Some(k), n) => format!("{}/{n}", k + 1),
            (None, 1) => "1 match".to_string(),
            (None, n) => format!("{n} matches"),
        }
    }
}

/// The index in `slot` if it is article `article_index`'s, else a new one built there.
fn index_for<'a>(
    slot: &'a mut Option<(usize, SearchIndex)>,
    article_index: usize,
    article: &Article,
) -> &'a SearchIndex {
    if slot.as_ref().is_none_or(|(i, _)| *i != article_index) {
        *slot = Some((article_index, SearchIndex::build(article)));
    }
    &slot.as_ref().expect("just built").1
}
