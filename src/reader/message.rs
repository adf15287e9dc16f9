//! What flows into the reader ([`Action`]: keys, mouse, terminal, time,
//! results of work) and out of it ([`Effect`]: what needs I/O or a worker).

use std::sync::Arc;

use super::geometry::Pane;
use super::layout::ArticleLayout;
use super::library::{LibraryEvent, LibraryKey, LibraryRequest};
use super::memory::{MarkKey, Recalled, Remember};
use crate::corpus::model::TextRef;
use crate::search::{Scan, SearchIndex, SearchMode};

/// Something the reader asked for that needs I/O; the terminal loop carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this (sanitised, http/https) URL in a browser.
    OpenUrl(String),
    /// Copy this (sanitised) URL to the clipboard with OSC 52.
    CopyToClipboard(String),
    /// Lay article `article` out in full for `width`, off the UI thread
    /// (`ArticleLayout::build` over `App::corpus`), and send back
    /// `Action::LayoutReady`. A newer request makes older ones useless.
    Layout { article: usize, width: u16 },
    /// Build the search index of article `article` off the UI thread and
    /// send back `Action::SearchIndexReady`.
    BuildSearchIndex { article: usize },
    /// Find the URLs and links of article `article` (`Article::links`) off
    /// the UI thread and send back `Action::LinksFound`.
    FindLinks { article: usize },
    /// Run `query` over the whole of `index` (article `article`'s) off the
    /// UI thread (`Scan::run`) and send back `Action::SearchDone` with
    /// `generation`. A newer request makes older ones useless.
    Search {
        article: usize,
        index: Built<SearchIndex>,
        query: String,
        mode: SearchMode,
        generation: u64,
    },
    /// Remember something across runs (a place, a mark, a search), or
    /// recall what was remembered of a document: the runtime's storage
    /// worker does it (nothing when state is off).
    Remember(Remember),
    /// Ask the library for data or work (feeds, items, an article, a
    /// refresh): the runtime's storage and network workers answer with
    /// `Action::LibraryEvent`.
    Library(LibraryRequest),
}

/// Something built off the UI thread, handed to `update`; compared by
/// identity (so actions stay `Eq`) and never printed whole.
pub struct Built<T>(pub Arc<T>);

impl<T> Clone for Built<T> {
    fn clone(&self) -> Self {
        Built(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Built<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Built<T> {}

impl<T> std::fmt::Debug for Built<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Built(..)")
    }
}

/// Where the reader opens (from the command line), reached once the
/// terminal's size is known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Start {
    /// The first article, at its top.
    #[default]
    Top,
    /// The first match of a query, the search kept (`depeche -p QUERY`).
    Search(String, SearchMode),
    /// A text of an article, from its byte (`depeche --line N`).
    Place {
        article: usize,
        text: TextRef,
        byte: usize,
    },
}

/// A movement in the focused pane or overlay, as the keys name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    LineDown,
    LineUp,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
}

impl Motion {
    /// Where this motion takes a position `from` in a list whose last position is
    /// `last`, with `half` and `page` the sizes of half a page and a page.
    pub fn apply(self, from: usize, half: usize, page: usize, last: usize) -> usize {
        match self {
            Motion::LineDown => from + 1,
            Motion::LineUp => from.saturating_sub(1),
            Motion::HalfPageDown => from + half,
            Motion::HalfPageUp => from.saturating_sub(half),
            Motion::PageDown => from + page,
            Motion::PageUp => from.saturating_sub(page),
            Motion::Top => 0,
            Motion::Bottom => last,
        }
        .min(last)
    }
}

/// Everything that changes the reader: keys, the mouse, the terminal, time,
/// and the results of effects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// The terminal is now this size (also sent once at start).
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passes (sent by the loop while `App::wants_tick`), for transient marks and messages.
    Tick,
    /// The result of an effect, shown in the status line.
    EffectDone(Result<String, String>),
    /// The full layout `Effect::Layout` asked for.
    LayoutReady {
        article: usize,
        width: u16,
        layout: Built<ArticleLayout>,
    },
    /// The search index `Effect::BuildSearchIndex` asked for.
    SearchIndexReady {
        article: usize,
        index: Built<SearchIndex>,
    },
    /// The URLs and links `Effect::FindLinks` asked for are found (kept in the article).
    LinksFound {
        article: usize,
    },
    /// What the scan `Effect::Search` asked for found.
    SearchDone {
        generation: u64,
        scan: Built<Scan>,
    },
    /// Move in the focused pane (or overlay): the article scrolls, lists move their selection.
    Move(Motion),
    /// `Enter`: act on the selection of the focused pane.
    Enter,
    NextSection,
    PrevSection,
    NextPost,
    PrevPost,
    FocusNext,
    FocusPrev,
    /// Focus a pane, showing it over the article if it is folded away.
    Focus(Pane),
    /// Open or close the help overlay.
    Help,
    /// Open the list of articles.
    ArticleList,
    /// Back to the place before the last jump.
    Back,
    /// Close the overlay (or the folded pane shown over the article).
    Close,
    /// `/`: open the search prompt.
    Search,
    /// An edit in the open search prompt.
    Prompt(PromptEdit),
    /// `n`: the next match (wrapping to the first).
    SearchNext,
    /// `N`: the previous match (wrapping to the last).
    SearchPrev,
    /// `Esc` with a search in force and no overlay: clear the highlights.
    ClearSearch,
    /// `o`: open the link here in a browser.
    OpenLink,
    /// `y`: copy the link here to the clipboard.
    CopyLink,
    /// A digit typed while the links on screen are numbered (after `o` or `y`).
    PickDigit(u8),
    /// What the storage worker recalled of the document being read.
    Recalled(Recalled),
    /// Searches of earlier runs with their mode, oldest first (for `↑`).
    SearchHistory(Vec<(String, SearchMode)>),
    /// `m` or `'`: a letter comes next.
    MarkKey(MarkKey),
    /// The letter typed after `m` or `'` (`'` after `'`: back).
    MarkLetter(char),
    /// `O`: open the page the article was published on.
    OpenOriginal,
    /// A key of the library's screens.
    Library(LibraryKey),
    /// News from the library's workers.
    LibraryEvent(LibraryEvent),
    /// Mouse wheel at a screen cell: positive scrolls down.
    Wheel {
        column: u16,
        row: u16,
        lines: i32,
    },
    /// Left click at a screen cell, at a monotonic time in ms (two close clicks: Enter).
    Click {
        column: u16,
        row: u16,
        at_ms: u64,
    },
}

impl Action {
    /// Whether this is news from the terminal, the clock or a worker rather
    /// than something the user did: it has no key, and never cancels what
    /// the user was in the middle of (a mark awaiting its letter).
    pub fn is_event(&self) -> bool {
        matches!(
            self,
            Action::Resize { .. }
                | Action::Tick
                | Action::EffectDone(_)
                | Action::LayoutReady { .. }
                | Action::SearchIndexReady { .. }
                | Action::LinksFound { .. }
                | Action::SearchDone { .. }
                | Action::Recalled(_)
                | Action::SearchHistory(_)
                | Action::LibraryEvent(_)
        )
    }
}

/// What a key does in the search prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptEdit {
    Insert(char),
    Backspace,
    Delete,
    /// `Ctrl-u`
    Clear,
    /// `Ctrl-w`
    DeleteWord,
    Left,
    Right,
    Home,
    End,
    /// `↑`: an earlier query of this run.
    HistoryUp,
    /// `↓`: a later one, then what was being typed.
    HistoryDown,
    /// `Ctrl-r`: plain text ↔ regular expression.
    ToggleRegex,
    /// `Enter`: keep the search.
    Commit,
    /// `Esc`: cancel it, back to where it began.
    Cancel,
}
