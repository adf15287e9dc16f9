//! The reader's search: the prompt, the index of the article being read,
//! the matches of the query in force and which one is current.
//!
//! Matches are positions in the text (`TextRef` + byte range), never on the
//! screen, so they survive a resize untouched; only the line a match is on
//! is looked up again in the new layout. The index is built once per
//! article, when a search first needs it, never on a keystroke; each
//! keystroke reruns the query into the same `Vec`.
//!
//! Decisions (what `App` does with it, in `search_flow.rs`):
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
//!
//! At scale (an article past `App::offload_large_work`'s size):
//! - The index is built on a worker thread (`Effect::BuildSearchIndex`);
//!   meanwhile the prompt says "indexing…" and the query typed so far runs
//!   when the index arrives (`Action::SearchIndexReady`).
//! - A plain query of one or two characters (`LARGE_MIN_QUERY_CHARS`) is not
//!   run as typed (it would match a good part of the article, and the first
//!   scan of a query costs the whole text): the prompt says "type more or
//!   Enter", and `Enter` runs it. The first scan comes with the third.
//! - A keystroke that extends a plain query (same case sensitivity) only
//!   re-checks the previous query's places ([`SearchIndex::find_narrowing`]),
//!   so after the first scan each key costs what the matches cost, not
//!   what the article does. A shorter query (Backspace) scans again.
//! - Any other query (the third character, `Enter` on a shorter one, a
//!   Backspace, a regex, an edit inside) would scan the whole text: it
//!   runs on a worker (`Effect::Search` → `Action::SearchDone`) and the
//!   prompt says "searching…". Keys typed meanwhile only change the query;
//!   when the scan comes back for a query since changed, its places narrow
//!   to the new query, or a new scan starts. A newer scan, a synchronous
//!   run or a cleared search drops the older scan's result.

use std::sync::Arc;

use super::history::Place;
use super::message::{Built, Effect};
use super::prompt::Prompt;
use crate::corpus::model::{Article, BlockRef, TextRef};
use crate::search::{self, Match, Narrowing, Query, Scan, SearchIndex, SearchMode};

/// Where a search began: where `Esc` returns, where the first match is
/// counted from, and the search it replaces (back in force after `Esc`).
#[derive(Debug, Clone)]
pub struct SearchStart {
    pub place: Place,
    /// The first text shown at the top when the search began, and its byte.
    pub from: Option<(TextRef, usize)>,
    pub previous: Option<(String, SearchMode, Option<usize>)>,
}

/// Why a query typed in a large article has not run yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchWait {
    /// Its index is being built on a worker thread.
    Indexing,
    /// Too short: it runs once longer, or on `Enter`.
    TypeMore,
    /// Its scan of the whole text runs on a worker thread.
    Scanning,
}

/// What the matches of a query do once found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSearch {
    /// Show the first match at or after this place (or the first of all).
    ShowFrom(Option<(TextRef, usize)>),
    /// Make this match current if there is one so far (none: no match is).
    Select(Option<usize>),
}

/// A scan asked for (`Effect::Search`) and not back yet.
#[derive(Debug, Clone)]
pub struct PendingScan {
    generation: u64,
    article: usize,
    query: String,
    mode: SearchMode,
    pub then: AfterSearch,
}

#[derive(Debug, Default)]
pub struct ArticleSearch {
    /// The query line: its text, cursor, mode, and this run's history.
    pub prompt: Prompt,
    /// `Some` while the prompt is open.
    pub(super) start: Option<SearchStart>,
    /// The folded text of article `.0`, built on first use.
    index: Option<(usize, Arc<SearchIndex>)>,
    /// The last plain query's places in `index`, narrowed as it grows.
    narrowing: Narrowing,
    /// Why the query has not run yet (its matches are empty meanwhile).
    pub wait: Option<SearchWait>,
    /// The scan on a worker whose result is awaited.
    scan: Option<PendingScan>,
    /// The generation of the last scan asked for.
    scans: u64,
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
        self.wait = None;
        self.scan = None;
        self.matches.clear();
        if !query.is_empty() {
            match Query::new(query, mode) {
                Ok(prepared) => {
                    if !self.has_index_for(article_index) {
                        self.narrowing.clear();
                    }
                    index_for(&mut self.index, article_index, article).find_narrowing(
                        &prepared,
                        &mut self.narrowing,
                        &mut self.matches,
                    )
                }
                Err(message) => self.error = Some(message),
            }
        }
        self.section_counts = search::count_by_section(&self.matches, article.sections.len());
        self.posts = search::posts_with_matches(&self.matches);
    }

    /// Whether running `query` over article `article_index` would scan its
    /// whole index (not built yet, or the query does not extend the last).
    pub fn needs_scan(&self, article_index: usize, query: &str, mode: SearchMode) -> bool {
        !query.is_empty()
            && self.has_index_for(article_index)
            && Query::new(query, mode).is_ok_and(|q| !self.narrowing.extends(&q))
    }

    /// `query` is in force and scanned on a worker: the effect that asks
    /// for it (this scan supersedes any older one). `None` without the
    /// article's index.
    pub(super) fn start_scan(
        &mut self,
        article_index: usize,
        query: &str,
        mode: SearchMode,
        then: AfterSearch,
    ) -> Option<Effect> {
        let index = Arc::clone(&self.index.as_ref().filter(|(i, _)| *i == article_index)?.1);
        self.wait_for(query, mode, SearchWait::Scanning);
        self.scans += 1;
        self.scan = Some(PendingScan {
            generation: self.scans,
            article: article_index,
            query: query.to_string(),
            mode,
            then,
        });
        Some(Effect::Search {
            article: article_index,
            index: Built(index),
            query: query.to_string(),
            mode,
            generation: self.scans,
        })
    }

    /// Whether a scan is awaited.
    pub fn is_scanning(&self) -> bool {
        self.scan.is_some()
    }

    /// The query typed while a scan is awaited: it runs when the scan is back.
    pub fn retype(&mut self, query: &str, mode: SearchMode) {
        self.query.clear();
        self.query.push_str(query);
        self.mode = mode;
    }

    /// The scan awaited if `generation` is its, over article
    /// `article_index` with its index here (else the result is stale).
    pub(super) fn take_scan(
        &mut self,
        generation: u64,
        article_index: usize,
    ) -> Option<PendingScan> {
        let fresh =
            |scan: &mut PendingScan| scan.generation == generation && scan.article == article_index;
        let pending = self.scan.take_if(fresh)?;
        self.has_index_for(article_index).then_some(pending)
    }

    /// Takes what `pending`'s scan found over `article` (its index is the
    /// one here). `false`: the query in force changed since; only the
    /// places are kept, to narrow the new query.
    pub(super) fn finish_scan(
        &mut self,
        pending: &PendingScan,
        article: &Article,
        scan: Scan,
    ) -> bool {
        self.narrowing = scan.narrowing;
        if (self.query.as_str(), self.mode) != (pending.query.as_str(), pending.mode) {
            return false;
        }
        self.wait = None;
        self.error = None;
        self.current = None;
        self.matches = scan.matches;
        self.section_counts = search::count_by_section(&self.matches, article.sections.len());
        self.posts = search::posts_with_matches(&self.matches);
        true
    }

    /// Builds the index of article `article_index` unless it is built:
    /// when the prompt opens, so that no keystroke pays for it.
    pub fn prepare(&mut self, article_index: usize, article: &Article) {
        index_for(&mut self.index, article_index, article);
    }

    /// Takes the index of article `article_index`, built elsewhere.
    pub fn set_index(&mut self, article_index: usize, index: Arc<SearchIndex>) {
        self.narrowing.clear();
        self.index = Some((article_index, index));
    }

    /// `query` is in force but does not run yet, for the reason `wait` gives.
    pub fn wait_for(&mut self, query: &str, mode: SearchMode, wait: SearchWait) {
        self.clear();
        self.query.push_str(query);
        self.mode = mode;
        self.wait = Some(wait);
    }

    /// Whether the index of article `article_index` is built (for tests of laziness).
    pub fn has_index_for(&self, article_index: usize) -> bool {
        self.index
            .as_ref()
            .is_some_and(|(i, _)| *i == article_index)
    }

    /// No search in force any more (the prompt's history stays).
    pub fn clear(&mut self) {
        self.wait = None;
        self.scan = None;
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
        match self.wait {
            Some(SearchWait::Indexing) => return "indexing…".to_string(),
            Some(SearchWait::TypeMore) => return "type more or Enter".to_string(),
            Some(SearchWait::Scanning) => return "searching…".to_string(),
            None => {}
        }
        match (self.current, self.matches.len()) {
            (_, 0) => "no match".to_string(),
            (Some(k), n) => format!("{}/{n}", k + 1),
            (None, 1) => "1 match".to_string(),
            (None, n) => format!("{n} matches"),
        }
    }
}

impl ArticleSearch {
    /// [`ArticleSearch::summary`] and where the current match is: `3/13 in
    /// post` (body, post or source), for the status line.
    pub fn summary_with_place(&self) -> String {
        let summary = self.summary();
        match self.current_match() {
            Some(m) if self.error.is_none() && self.wait.is_none() => {
                format!("{summary} in {}", m.text.place())
            }
            _ => summary,
        }
    }
}

/// The index in `slot` if it is article `article_index`'s, else a new one built there.
fn index_for<'a>(
    slot: &'a mut Option<(usize, Arc<SearchIndex>)>,
    article_index: usize,
    article: &Article,
) -> &'a SearchIndex {
    if slot.as_ref().is_none_or(|(i, _)| *i != article_index) {
        *slot = Some((article_index, Arc::new(SearchIndex::build(article))));
    }
    &slot.as_ref().expect("just built").1
}
