//! Reader state and the pure `update`: no I/O here, so all of it is unit-tested.
//!
//! `terminal.rs` feeds actions in (from `keymap`) and draws with `ui::draw`;
//! everything the screen shows is decided here, including the geometry of
//! the panes and every scroll offset, so drawing only reads.

pub mod keymap;
pub mod layout;
pub mod prompt;
mod search_flow;

use std::sync::Arc;

use ratatui::layout::Rect;

use search_flow::{AfterSearch, SearchStart};
pub use search_flow::{ArticleSearch, Scan, SearchWait};

use crate::corpus::links;
use crate::corpus::model::{
    Article, ArticleParts, BlockRef, Corpus, SourceKind, TextRef, spans_touching,
};
use crate::reader::layout::{Anchor, ArticleLayout, LineKind, text_width_for};
use crate::search::{self, SearchIndex, SearchMode};

/// Options from the command line that shape the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `false` with `NO_COLOR` or `--color never`: styles only (bold, reverse, underline).
    pub color: bool,
}

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

/// The four panes of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Sections,
    Article,
    Quotes,
    Sources,
}

impl Pane {
    /// In focus order (Tab), numbered 1 to 4.
    pub const ALL: [Pane; 4] = [Pane::Sections, Pane::Article, Pane::Quotes, Pane::Sources];

    pub fn label(self) -> &'static str {
        match self {
            Pane::Sections => "Sections",
            Pane::Article => "Article",
            Pane::Quotes => "Quotes",
            Pane::Sources => "Sources",
        }
    }

    /// The number key that focuses it.
    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|&p| p == self).unwrap_or(0) + 1
    }

    /// Screen rows one item of the pane's list takes.
    pub fn rows_per_item(self) -> u16 {
        match self {
            Pane::Quotes => 2,
            Pane::Sections | Pane::Article | Pane::Sources => 1,
        }
    }
}

/// A screen drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The list of articles (`a`).
    Articles,
}

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
    fn apply(self, from: usize, half: usize, page: usize, last: usize) -> usize {
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

/// Below this size the screen only says it is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width the Sections pane shows.
pub const SECTIONS_MIN_WIDTH: u16 = 100;
/// From this width the Quotes and Sources panes show.
pub const SIDE_MIN_WIDTH: u16 = 70;
/// Ticks (about 200 ms each) a jump target stays marked.
pub const FLASH_TICKS: u8 = 8;
/// Ticks a status message stays.
pub const MESSAGE_TICKS: u8 = 15;
/// Lines one notch of the mouse wheel scrolls the article.
pub const WHEEL_LINES: usize = 3;
/// Two clicks closer than this are a double click.
pub const DOUBLE_CLICK_MS: u64 = 400;
/// Jumps remembered for `Back`.
pub const HISTORY_LIMIT: usize = 100;
/// Layouts kept for sizes seen recently, so resizing back is free.
const LAYOUT_CACHE: usize = 6;
/// In a large article a plain query shorter than this (folded) waits for
/// more or `Enter`: it would match much of the article, and its first scan
/// costs the whole text; from here on keys narrow it.
pub const LARGE_MIN_QUERY_CHARS: usize = 3;

/// Where the reader asked to go that the layout being built (see
/// `App::layout_pending`) does not reach yet: done when it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// `G` / `End`.
    Bottom,
    Section(usize),
    Block(BlockRef),
    /// Search match `i`.
    Match(usize),
    /// A place (switching to an article read far down).
    Place(Anchor),
}

/// Where every part of the screen goes for one terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub area: Rect,
    pub too_small: bool,
    pub title_bar: Rect,
    pub status_bar: Rect,
    /// Between the two bars: where the panes, and overlays, go.
    pub body: Rect,
    pub sections: Option<Rect>,
    pub article: Rect,
    pub quotes: Option<Rect>,
    pub sources: Option<Rect>,
}

impl Geometry {
    pub fn compute(width: u16, height: u16) -> Geometry {
        let area = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Geometry {
                area,
                too_small: true,
                ..Geometry::default()
            };
        }
        let body = Rect::new(0, 1, width, height - 2);
        let mut g = Geometry {
            area,
            too_small: false,
            title_bar: Rect::new(0, 0, width, 1),
            status_bar: Rect::new(0, height - 1, width, 1),
            body,
            sections: None,
            article: body,
            quotes: None,
            sources: None,
        };
        if width < SIDE_MIN_WIDTH {
            return g;
        }
        let (left, right) = if width >= SECTIONS_MIN_WIDTH {
            (width / 5, width / 4)
        } else {
            (0, width * 3 / 10)
        };
        if left > 0 {
            g.sections = Some(Rect::new(0, body.y, left, body.height));
        }
        let right_x = width - right;
        g.article = Rect::new(left, body.y, right_x - left, body.height);
        let upper = body.height / 2;
        g.quotes = Some(Rect::new(right_x, body.y, right, upper));
        g.sources = Some(Rect::new(
            right_x,
            body.y + upper,
            right,
            body.height - upper,
        ));
        g
    }

    /// The pane's own place, if it is not folded away.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Sections => self.sections,
            Pane::Article => (!self.too_small).then_some(self.article),
            Pane::Quotes => self.quotes,
            Pane::Sources => self.sources,
        }
    }

    /// Where the pane is drawn: its own place, or over the whole body when folded.
    pub fn pane_or_body(&self, pane: Pane) -> Rect {
        self.pane(pane).unwrap_or(self.body)
    }

    /// The pane under a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let pos = ratatui::layout::Position::new(column, row);
        Pane::ALL
            .into_iter()
            .find(|&p| self.pane(p).is_some_and(|r| r.contains(pos)))
    }
}

/// The top offset that keeps `selection` in a window of `height` rows, moving
/// as little as possible from `current_top`.
pub fn calc_scroll_top(current_top: usize, height: usize, selection: usize) -> usize {
    let height = height.max(1);
    if selection < current_top {
        selection
    } else if selection >= current_top + height {
        selection + 1 - height
    } else {
        current_top
    }
}

/// A list's selection and the first item it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListState {
    pub selected: usize,
    pub top: usize,
}

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
/// within a group; `found` links (those no source names) end the Links group.
pub fn source_rows(article: &Article) -> Vec<SourceRow> {
    let mut rows = Vec::new();
    for kind in SourceKind::ALL {
        let mut members: Vec<SourceRow> = (0..article.sources.len())
            .filter(|&i| article.sources[i].kind == kind)
            .map(SourceRow::Source)
            .collect();
        if kind == SourceKind::Link {
            members.extend((0..article.links().len()).map(SourceRow::Found));
        }
        if !members.is_empty() {
            rows.push(SourceRow::Group(kind, members.len()));
            rows.extend(members);
        }
    }
    rows
}

/// What a jump landed on, marked for a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JumpTarget {
    Section(usize),
    Block(BlockRef),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flash {
    pub target: JumpTarget,
    pub ticks_left: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub ticks_left: u8,
}

/// A place in the corpus, independent of the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub article: usize,
    pub anchor: Anchor,
}

#[derive(Debug)]
pub struct App {
    /// Shared with the worker threads that lay out and index it.
    pub corpus: Arc<Corpus>,
    pub options: Options,
    pub geometry: Geometry,
    /// Index of the article being read.
    pub current: usize,
    /// The current article laid out for the article pane's width.
    pub layout: Arc<ArticleLayout>,
    /// First line of the article shown at the top of its pane.
    pub top: usize,
    pub focus: Pane,
    pub overlay: Option<Overlay>,
    pub sections: ListState,
    pub quotes: ListState,
    /// Selection over `source_rows` (always on a `SourceRow::Source` when there is one).
    pub sources: ListState,
    pub source_rows: Vec<SourceRow>,
    /// The search: prompt, matches, current match.
    pub search: ArticleSearch,
    pub articles: ListState,
    /// First line of the help overlay shown.
    pub help_top: usize,
    pub flash: Option<Flash>,
    pub message: Option<Message>,
    history: Vec<Place>,
    /// The place resizes keep, taken at the first of a run of resizes (so
    /// going through narrow sizes and back does not drift).
    resize_anchor: Option<Anchor>,
    /// Where the reader left each article.
    places: Vec<Option<Anchor>>,
    /// The Sources row whose citations `Enter` walks, and the last one shown.
    citation_turn: Option<(usize, usize)>,
    last_click: Option<(u16, u16, u64)>,
    layouts: Vec<((usize, u16), Arc<ArticleLayout>)>,
    /// The full layout asked for (`Effect::Layout`) while `layout` is a
    /// prefix, or the layout of another width kept meanwhile.
    pub layout_pending: Option<(usize, u16)>,
    /// Where to go when it arrives.
    pub goal: Option<Goal>,
    /// Articles with more text than this (bytes) are laid out and indexed
    /// off the UI thread; `None`: never (see `offload_large_work`).
    offload_bytes: Option<usize>,
    /// Search indexes asked for (`Effect::BuildSearchIndex`) and not yet here.
    indexing: Vec<usize>,
    quit: bool,
    effects: Vec<Effect>,
}

/// What an empty corpus shows, so the reader never has to handle "no article".
fn placeholder_article() -> Article {
    Article::new(ArticleParts {
        id: "empty".into(),
        title: "This corpus holds no article".into(),
        language: None,
        notice: None,
        date: None,
        sections: Vec::new(),
        sources: Vec::new(),
    })
}

impl App {
    pub fn new(mut corpus: Corpus, options: Options) -> App {
        if corpus.articles.is_empty() {
            corpus.articles.push(placeholder_article());
        }
        // Nothing is laid out until the loop sends the size (`Resize`), so a
        // long article is laid out once, for the width it is read at.
        let geometry = Geometry::compute(0, 0);
        let layout = Arc::new(ArticleLayout::empty());
        let places = vec![None; corpus.articles.len()];
        let mut app = App {
            corpus: Arc::new(corpus),
            options,
            geometry,
            current: 0,
            layouts: Vec::new(),
            layout,
            top: 0,
            focus: Pane::Article,
            overlay: None,
            sections: ListState::default(),
            quotes: ListState::default(),
            sources: ListState::default(),
            source_rows: Vec::new(),
            search: ArticleSearch::default(),
            articles: ListState::default(),
            help_top: 0,
            flash: None,
            message: None,
            history: Vec::new(),
            resize_anchor: None,
            places,
            citation_turn: None,
            last_click: None,
            layout_pending: None,
            goal: None,
            offload_bytes: None,
            indexing: Vec::new(),
            quit: false,
            effects: Vec::new(),
        };
        app.reset_lists();
        app
    }

    /// From now on, an article with more than `min_bytes` of text is laid
    /// out and indexed off the UI thread: the reader shows a prefix of the
    /// layout at once and asks for the rest with `Effect::Layout` (and for
    /// the index with `Effect::BuildSearchIndex`), which whoever runs the
    /// effects must answer. Off by default: without an effect runner (tests,
    /// benchmarks) everything is built in `update`, as before.
    pub fn offload_large_work(&mut self, min_bytes: usize) {
        self.offload_bytes = Some(min_bytes);
    }

    fn is_large(&self, article: usize) -> bool {
        let bytes = self
            .corpus
            .articles
            .get(article)
            .map_or(0, Article::text_bytes);
        self.offload_bytes.is_some_and(|min| bytes > min)
    }

    pub fn article(&self) -> &Article {
        &self.corpus.articles[self.current]
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether a layout, an index or a scan is being made for the reader
    /// (the loop then looks for it often).
    pub fn has_background_work(&self) -> bool {
        self.layout_pending.is_some() || !self.indexing.is_empty() || self.search.is_scanning()
    }

    /// Whether the loop should send `Action::Tick` (something on screen is transient).
    pub fn wants_tick(&self) -> bool {
        self.flash.is_some() || self.message.is_some()
    }

    /// Effects requested since the last call, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Rows of the article pane.
    pub fn article_height(&self) -> usize {
        self.geometry.article.height as usize
    }

    /// The last top line plain scrolling reaches (the end of the article at the bottom of the pane).
    pub fn max_top(&self) -> usize {
        self.layout.len().saturating_sub(self.article_height())
    }

    /// Section being read: the one the top line belongs to.
    pub fn current_section(&self) -> usize {
        self.layout.section_at(self.top)
    }

    /// Whether the pane is folded away at this size (then it shows over the body when focused).
    pub fn is_folded(&self, pane: Pane) -> bool {
        self.geometry.pane(pane).is_none()
    }

    /// Items the list of a pane holds.
    pub fn list_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Sections => self.article().sections.len(),
            Pane::Quotes => self.article().posts.len(),
            Pane::Sources => self.source_rows.len(),
            Pane::Article => 0,
        }
    }

    /// Items a list shows at once (inside its borders); no limit while the
    /// screen is too small to show anything.
    pub fn list_capacity(&self, pane: Pane) -> usize {
        if self.geometry.too_small {
            return usize::MAX / 2;
        }
        let rows = self.geometry.pane_or_body(pane).height.saturating_sub(2);
        (rows / pane.rows_per_item()).max(1) as usize
    }

    fn list_mut(&mut self, pane: Pane) -> Option<&mut ListState> {
        match pane {
            Pane::Sections => Some(&mut self.sections),
            Pane::Quotes => Some(&mut self.quotes),
            Pane::Sources => Some(&mut self.sources),
            Pane::Article => None,
        }
    }

    pub fn update(&mut self, action: Action) {
        let is_resize = matches!(action, Action::Resize { .. });
        let before = (self.current, self.top);
        let always = matches!(
            action,
            Action::Quit
                | Action::Resize { .. }
                | Action::Tick
                | Action::EffectDone(_)
                | Action::LayoutReady { .. }
                | Action::SearchIndexReady { .. }
                | Action::SearchDone { .. }
        );
        if self.geometry.too_small && !always {
            // Nothing is on screen to act on.
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.resize(width, height),
            Action::Tick => self.tick(),
            Action::EffectDone(Ok(text)) => self.say(text),
            Action::EffectDone(Err(text)) => self.error(text),
            Action::LayoutReady {
                article,
                width,
                layout,
            } => self.layout_ready(article, width, layout.0),
            Action::SearchIndexReady { article, index } => self.index_ready(article, index.0),
            Action::SearchDone { generation, scan } => self.search_done(generation, scan.0),
            Action::Move(motion) => match self.overlay {
                Some(Overlay::Help) => self.move_help(motion),
                Some(Overlay::Articles) => self.move_articles(motion),
                None => self.move_in(self.focus, motion),
            },
            Action::Enter => self.enter(),
            Action::NextSection => self.next_section(true),
            Action::PrevSection => self.next_section(false),
            Action::NextPost => self.next_post(true),
            Action::PrevPost => self.next_post(false),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(Pane::ALL.len() - 1),
            Action::Focus(pane) => {
                self.overlay = None;
                self.focus = pane;
            }
            Action::Help => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help) => None,
                    _ => Some(Overlay::Help),
                };
                self.help_top = 0;
            }
            Action::ArticleList => self.open_article_list(),
            Action::Back => self.back(),
            Action::Close => {
                if self.overlay.is_some() {
                    self.overlay = None;
                } else if self.is_folded(self.focus) {
                    self.focus = Pane::Article;
                }
            }
            Action::Search => self.open_search(),
            Action::Prompt(edit) => self.edit_prompt(edit),
            Action::SearchNext => self.step_search(true),
            Action::SearchPrev => self.step_search(false),
            Action::ClearSearch => {
                if !self.search.is_typing() {
                    self.forget_match_goal();
                    self.search.clear();
                }
            }
            Action::OpenLink => self.link_effect(false),
            Action::CopyLink => self.link_effect(true),
            Action::Wheel { column, row, lines } => self.wheel(column, row, lines),
            Action::Click { column, row, at_ms } => self.click(column, row, at_ms),
        }
        if !is_resize && (self.current, self.top) != before {
            self.resize_anchor = None;
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            ticks_left: MESSAGE_TICKS,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
            ticks_left: MESSAGE_TICKS,
        });
    }

    fn tick(&mut self) {
        if let Some(flash) = &mut self.flash {
            flash.ticks_left = flash.ticks_left.saturating_sub(1);
            if flash.ticks_left == 0 {
                self.flash = None;
            }
        }
        if let Some(message) = &mut self.message {
            message.ticks_left = message.ticks_left.saturating_sub(1);
            if message.ticks_left == 0 {
                self.message = None;
            }
        }
    }

    /// The layout of article `article` at `width` from the cache.
    fn cached_layout(&mut self, article: usize, width: u16) -> Option<Arc<ArticleLayout>> {
        let i = self
            .layouts
            .iter()
            .position(|(k, _)| *k == (article, width))?;
        let entry = self.layouts.remove(i);
        let layout = entry.1.clone();
        self.layouts.push(entry);
        Some(layout)
    }

    fn cache_layout(&mut self, article: usize, width: u16, layout: Arc<ArticleLayout>) {
        if self.layouts.len() >= LAYOUT_CACHE {
            self.layouts.remove(0);
        }
        self.layouts.push(((article, width), layout));
    }

    /// Shows article `article` laid out for `width` with `anchor` (or the
    /// beginning) at the top. A large article not laid out yet (with work
    /// offloaded) shows a prefix through the anchor's section at once, or
    /// keeps the layout it has of another width when the anchor is far
    /// down, and asks for the whole layout (`Effect::Layout`).
    fn show_layout(&mut self, article: usize, width: u16, anchor: Option<Anchor>) {
        self.layout_pending = None;
        // A place still to reach is where the reader is.
        let anchor = match self.goal {
            Some(Goal::Place(place)) => {
                self.goal = None;
                Some(place)
            }
            _ => anchor,
        };
        let restore = |layout: &ArticleLayout| anchor.map_or(0, |a| layout.restore(a));
        let whole = match self.cached_layout(article, width) {
            Some(layout) => Some(layout),
            None if !self.is_large(article) => {
                let layout = Arc::new(ArticleLayout::build(&self.corpus.articles[article], width));
                self.cache_layout(article, width, layout.clone());
                Some(layout)
            }
            None => None,
        };
        if let Some(layout) = whole {
            self.top = restore(&layout);
            self.layout = layout;
            return self.reach_goal();
        }
        let text = &self.corpus.articles[article];
        let section = anchor.and_then(|a| a.text).map_or(0, TextRef::section);
        let before: usize = text.section_bytes.iter().take(section).sum();
        let same_article = article == self.current && self.layout.width != 0;
        // A prefix longer than what is offloaded would cost as much as a small article.
        if self.offload_bytes.is_none_or(|min| before <= min) {
            let extra = anchor.map_or(0, |a| a.lines_above) + 3 * self.article_height().max(24);
            let layout = ArticleLayout::build_prefix(text, width, section, extra);
            self.top = restore(&layout);
            self.layout = Arc::new(layout);
            if self.layout.complete {
                self.cache_layout(article, width, self.layout.clone());
                return self.reach_goal();
            }
        } else {
            if !same_article {
                // Far down another article: its beginning until the layout arrives.
                let layout = ArticleLayout::build_prefix(text, width, 0, 3 * self.article_height());
                self.layout = Arc::new(layout);
                self.top = 0;
            }
            // Else the layout of the old width stays (drawn clipped) until then.
            if let Some(anchor) = anchor
                && self.goal.is_none()
            {
                self.goal = Some(Goal::Place(anchor));
            }
        }
        self.layout_pending = Some((article, width));
        self.effects.push(Effect::Layout { article, width });
    }

    /// The full layout asked for has come: it replaces the prefix, keeping
    /// the reader's place, then goes where the reader asked meanwhile.
    /// Anything else (a width or article left since) is dropped.
    fn layout_ready(&mut self, article: usize, width: u16, layout: Arc<ArticleLayout>) {
        if self.layout_pending != Some((article, width)) || !layout.complete {
            return;
        }
        self.cache_layout(article, width, layout.clone());
        let anchor = match self.goal {
            Some(Goal::Place(anchor)) => {
                self.goal = None;
                anchor
            }
            _ => self.layout.anchor(self.top),
        };
        self.layout = layout;
        self.layout_pending = None;
        self.top = self.layout.restore(anchor);
        self.reach_goal();
    }

    /// A match waited for means nothing once the matches change.
    fn forget_match_goal(&mut self) {
        if matches!(self.goal, Some(Goal::Match(_))) {
            self.goal = None;
        }
    }

    /// Goes where the reader asked to go while the layout was a prefix.
    fn reach_goal(&mut self) {
        match self.goal.take() {
            Some(Goal::Bottom) => self.top = self.max_top(),
            Some(Goal::Section(s)) => self.jump_to_section(s),
            Some(Goal::Block(at)) => self.jump_to_block(at),
            Some(Goal::Match(i)) if i < self.search.matches.len() => self.show_match(i),
            Some(Goal::Match(_)) => {}
            Some(Goal::Place(anchor)) => self.top = self.layout.restore(anchor),
            None => {}
        }
        self.after_scroll();
    }

    /// Whether a target not in the layout may still come (the layout is a
    /// prefix): then it becomes the goal (the status line says "laying
    /// out…" meanwhile).
    fn wait_for_layout(&mut self, goal: Goal) -> bool {
        if self.layout.complete || self.layout_pending.is_none() {
            return false;
        }
        self.goal = Some(goal);
        true
    }

    /// The search index has come: the query typed (or kept) meanwhile runs.
    fn index_ready(&mut self, article: usize, index: Arc<SearchIndex>) {
        self.indexing.retain(|&a| a != article);
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
    fn run_search(&mut self, query: &str, mode: SearchMode, then: AfterSearch) {
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
    fn search_done(&mut self, generation: u64, scan: Arc<Scan>) {
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
        if !self.indexing.contains(&article) {
            self.indexing.push(article);
            self.effects.push(Effect::BuildSearchIndex { article });
        }
        true
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::compute(width, height);
        if !self.geometry.too_small {
            let text_width = text_width_for(self.geometry.article.width);
            let wanted = self.layout_pending.map_or(self.layout.width, |(_, w)| w);
            if text_width != wanted {
                let anchor = *self
                    .resize_anchor
                    .get_or_insert_with(|| self.layout.anchor(self.top));
                self.show_layout(self.current, text_width, Some(anchor));
            }
            if self.is_folded(self.focus) && self.focus != Pane::Article {
                self.focus = Pane::Article;
            }
        }
        self.help_top = self.help_top.min(self.help_max_top());
        self.clamp();
    }

    /// Brings every offset back in range and keeps every selection in view.
    fn clamp(&mut self) {
        self.top = self.top.min(self.layout.len().saturating_sub(1));
        if self.geometry.too_small {
            // Nothing shows: keep the lists' places for when the screen grows.
            return;
        }
        for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
            let len = self.list_len(pane);
            let capacity = self.list_capacity(pane);
            let heading_above = pane == Pane::Sources;
            let rows = &self.source_rows;
            let Some(list) = (match pane {
                Pane::Sections => Some(&mut self.sections),
                Pane::Quotes => Some(&mut self.quotes),
                Pane::Sources => Some(&mut self.sources),
                Pane::Article => None,
            }) else {
                continue;
            };
            list.selected = list.selected.min(len.saturating_sub(1));
            list.top = calc_scroll_top(list.top, capacity, list.selected)
                .min(len.saturating_sub(capacity));
            // Show the group heading of the first source of a group too.
            if heading_above
                && capacity > 1
                && list.top == list.selected
                && list.selected > 0
                && matches!(rows.get(list.selected - 1), Some(SourceRow::Group(..)))
            {
                list.top -= 1;
            }
        }
        let len = self.corpus.articles.len();
        let capacity = self.articles_capacity();
        self.articles.selected = self.articles.selected.min(len - 1);
        self.articles.top = calc_scroll_top(self.articles.top, capacity, self.articles.selected)
            .min(len.saturating_sub(capacity));
    }

    /// Lists follow the article: Sections selects the section being read.
    fn after_scroll(&mut self) {
        self.sections.selected = self.current_section();
        self.clamp();
    }

    fn reset_lists(&mut self) {
        self.source_rows = source_rows(self.article());
        self.sections = ListState::default();
        self.quotes = ListState::default();
        self.sources = ListState {
            selected: self
                .source_rows
                .iter()
                .position(|r| r.is_item())
                .unwrap_or(0),
            top: 0,
        };
        self.citation_turn = None;
        self.after_scroll();
    }

    fn cycle_focus(&mut self, step: usize) {
        self.overlay = None;
        let i = self.focus.number() - 1;
        self.focus = Pane::ALL[(i + step) % Pane::ALL.len()];
    }

    fn page(&self, height: usize) -> (usize, usize) {
        ((height / 2).max(1), height.saturating_sub(1).max(1))
    }

    /// Moves in `pane` (the article scrolls; a list moves its selection).
    fn move_in(&mut self, pane: Pane, motion: Motion) {
        if pane == Pane::Article {
            return self.scroll_article(motion);
        }
        let len = self.list_len(pane);
        let (half, page) = self.page(self.list_capacity(pane));
        let Some(list) = self.list_mut(pane).copied() else {
            return;
        };
        let last = len.saturating_sub(1);
        let target = motion.apply(list.selected, half, page, last);
        let selected = if pane == Pane::Sources {
            snap_to_source(&self.source_rows, target, target >= list.selected)
        } else {
            target
        };
        if let Some(list) = self.list_mut(pane) {
            list.selected = selected;
        }
        self.clamp();
    }

    fn scroll_article(&mut self, motion: Motion) {
        let (half, page) = self.page(self.article_height());
        let max = self.max_top();
        let down = |app: &mut App, n: usize| {
            if app.top >= max && app.layout_pending.is_some() {
                // The end is not known yet; the status line says so.
            } else if app.top >= max {
                app.say("bottom of article");
            } else {
                app.top = (app.top + n).min(max);
            }
        };
        let up = |app: &mut App, n: usize| {
            if app.top == 0 {
                app.say("top of article");
            } else {
                app.top = app.top.saturating_sub(n);
            }
        };
        self.goal = None;
        match motion {
            Motion::LineDown => down(self, 1),
            Motion::LineUp => up(self, 1),
            Motion::HalfPageDown => down(self, half),
            Motion::HalfPageUp => up(self, half),
            Motion::PageDown => down(self, page),
            Motion::PageUp => up(self, page),
            Motion::Top => self.top = 0,
            Motion::Bottom => {
                self.wait_for_layout(Goal::Bottom);
                self.top = max;
            }
        }
        self.after_scroll();
    }

    fn help_max_top(&self) -> usize {
        let rows = self.geometry.body.height.saturating_sub(2) as usize;
        let width = self.geometry.body.width.saturating_sub(2);
        crate::reader::keymap::help_rows(width)
            .len()
            .saturating_sub(rows)
    }

    fn move_help(&mut self, motion: Motion) {
        let rows = self.geometry.body.height.saturating_sub(2) as usize;
        let (half, page) = self.page(rows);
        self.help_top = motion.apply(self.help_top, half, page, self.help_max_top());
    }

    /// Items the article list shows at once (two rows each, inside borders).
    pub fn articles_capacity(&self) -> usize {
        (self.geometry.body.height.saturating_sub(2) / 2).max(1) as usize
    }

    fn move_articles(&mut self, motion: Motion) {
        let last = self.corpus.articles.len().saturating_sub(1);
        let (half, page) = self.page(self.articles_capacity());
        self.articles.selected = motion.apply(self.articles.selected, half, page, last);
        self.clamp();
    }

    /// The top line that shows `line` with its blank line of context above.
    fn jump_top(&self, line: usize) -> usize {
        match line.checked_sub(1) {
            Some(above)
                if self.layout.lines.get(above).map(|l| l.kind) == Some(LineKind::Blank) =>
            {
                above
            }
            _ => line,
        }
    }

    fn here(&self) -> Place {
        Place {
            article: self.current,
            anchor: self.layout.anchor(self.top),
        }
    }

    fn remember(&mut self) {
        let here = self.here();
        self.remember_place(here);
    }

    fn remember_place(&mut self, place: Place) {
        if self.history.len() >= HISTORY_LIMIT {
            self.history.remove(0);
        }
        self.history.push(place);
    }

    /// Puts `line` at the top (one line of context above), remembers where we were, marks the target.
    fn jump(&mut self, line: usize, target: JumpTarget) {
        self.remember();
        self.top = self.jump_top(line).min(self.layout.len().saturating_sub(1));
        self.flash = Some(Flash {
            target,
            ticks_left: FLASH_TICKS,
        });
        self.after_scroll();
    }

    pub fn jump_to_section(&mut self, section: usize) {
        if let Some(&line) = self.layout.section_starts.get(section) {
            self.jump(line, JumpTarget::Section(section));
        } else if section < self.article().sections.len() {
            self.wait_for_layout(Goal::Section(section));
        }
    }

    pub fn jump_to_block(&mut self, at: BlockRef) {
        if let Some(line) = self.layout.line_of(at) {
            self.jump(line, JumpTarget::Block(at));
        } else if self.article().block(at).is_some() {
            self.wait_for_layout(Goal::Block(at));
        }
    }

    /// The next (or previous) of `lines` (sorted) whose jump would move the top down (up).
    fn find_target(&self, lines: &[usize], forward: bool) -> Option<usize> {
        if forward {
            let i = lines.partition_point(|&l| self.jump_top(l) <= self.top);
            (i < lines.len()).then_some(i)
        } else {
            lines
                .partition_point(|&l| self.jump_top(l) < self.top)
                .checked_sub(1)
        }
    }

    fn next_section(&mut self, forward: bool) {
        match self.find_target(&self.layout.section_starts, forward) {
            Some(section) => self.jump_to_section(section),
            None if forward && self.layout.section_starts.len() < self.article().sections.len() => {
                self.jump_to_section(self.layout.section_starts.len());
            }
            None if forward => self.say("no section below"),
            None => self.say("no section above"),
        }
    }

    fn next_post(&mut self, forward: bool) {
        let found = self.find_target(&self.layout.post_starts, forward);
        match found.and_then(|i| Some((i, *self.article().posts.get(i)?))) {
            Some((i, at)) => {
                self.quotes.selected = i;
                self.jump_to_block(at);
            }
            None if forward && self.layout.post_starts.len() < self.article().posts.len() => {
                let i = self.layout.post_starts.len();
                self.quotes.selected = i;
                self.jump_to_block(self.article().posts[i]);
            }
            None if forward => self.say("no post below"),
            None => self.say("no post above"),
        }
    }

    fn enter(&mut self) {
        if self.overlay == Some(Overlay::Articles) {
            return self.open_article(self.articles.selected);
        }
        if self.overlay.is_some() {
            return;
        }
        let folded = self.is_folded(self.focus);
        match self.focus {
            Pane::Article => return,
            Pane::Sections => self.jump_to_section(self.sections.selected),
            Pane::Quotes => {
                if let Some(&at) = self.article().posts.get(self.quotes.selected) {
                    self.jump_to_block(at);
                }
            }
            Pane::Sources => self.next_citation(),
        }
        if folded {
            self.focus = Pane::Article;
        }
    }

    /// Jumps to the next place citing the selected source, in turn.
    fn next_citation(&mut self) {
        let row = self.sources.selected;
        let places = match self.source_rows.get(row) {
            Some(&SourceRow::Source(source)) => self.article().citations.get(source).cloned(),
            Some(&SourceRow::Found(link)) => {
                self.article().links().get(link).map(|l| l.places.clone())
            }
            _ => return,
        }
        .unwrap_or_default();
        if places.is_empty() {
            return self.say("not cited in the text");
        }
        let turn = match self.citation_turn {
            Some((r, last)) if r == row => (last + 1) % places.len(),
            _ => 0,
        };
        self.citation_turn = Some((row, turn));
        self.jump_to_block(places[turn]);
        self.say(format!("cited {}/{}", turn + 1, places.len()));
    }

    /// The first text shown at or below the top of the article pane, and its first byte.
    fn text_at_top(&self) -> Option<(TextRef, usize)> {
        self.layout.lines.get(self.top..)?.iter().find_map(|line| {
            let text = line.text_ref()?;
            Some((text, line.range.start))
        })
    }

    /// `/`: opens the prompt; the search begins here.
    fn open_search(&mut self) {
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

    fn edit_prompt(&mut self, edit: PromptEdit) {
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
    fn search_as_typed(&mut self) {
        let Some(start) = self.search.start.clone() else {
            return;
        };
        self.forget_match_goal();
        let query = self.search.prompt.text().to_string();
        let mode = self.search.prompt.mode();
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
    fn search_wait(&mut self, query: &str, mode: SearchMode) -> Option<SearchWait> {
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
            self.remember_place(start.place);
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
        self.forget_match_goal();
        match start.previous {
            Some((query, mode, current)) => {
                self.run_search(&query, mode, AfterSearch::Select(current));
            }
            None => self.search.clear(),
        }
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

    fn match_visible(&self, i: usize) -> bool {
        self.match_lines(i).is_some_and(|(first, last)| {
            first >= self.top && last < self.top + self.article_height()
        })
    }

    /// Makes match `i` current; if it is not on screen, its line goes to the
    /// top with a line of context above (not a jump: `n` does not fill `Ctrl-o`).
    fn show_match(&mut self, i: usize) {
        self.search.current = Some(i);
        self.flash = None;
        if !self.match_visible(i) {
            match self.match_lines(i) {
                Some((line, _)) => {
                    self.top = line
                        .saturating_sub(1)
                        .min(self.layout.len().saturating_sub(1));
                }
                None => {
                    self.wait_for_layout(Goal::Match(i));
                }
            }
        }
        self.after_scroll();
    }

    /// `n` / `N`: from the current match when it is on screen, else from the
    /// top of the screen; wrapping around at the ends says so.
    fn step_search(&mut self, forward: bool) {
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

    /// The link `o` and `y` act on: in Sources the selected source's (or
    /// found link's) URL; in Quotes the selected post's URL or first link;
    /// otherwise the first link on screen, a post counting for its URL or
    /// first link. `Err`: what to say instead.
    fn link_here(&self) -> Result<String, &'static str> {
        let article = self.article();
        let written: Option<String> = match self.focus {
            Pane::Sources => match self.source_rows.get(self.sources.selected) {
                Some(&SourceRow::Source(s)) => article.sources.get(s).and_then(|s| s.url.clone()),
                Some(&SourceRow::Found(i)) => article.links().get(i).map(|l| l.url.clone()),
                _ => None,
            },
            Pane::Quotes => article
                .posts
                .get(self.quotes.selected)
                .and_then(|&at| post_link(article, at)),
            Pane::Article | Pane::Sections => self.first_link_on_screen(),
        };
        let written = written.ok_or("no link here")?;
        links::link_target(&written).ok_or("this link is not a safe http(s) URL")
    }

    fn first_link_on_screen(&self) -> Option<String> {
        let article = self.article();
        let mut post_seen = None;
        let shown = self
            .layout
            .lines
            .iter()
            .skip(self.top)
            .take(self.article_height());
        for line in shown {
            if let Some(at) = line.block.filter(|&at| post_seen != Some(at))
                && article.post(at).is_some()
            {
                post_seen = Some(at);
                if let Some(link) = post_link(article, at) {
                    return Some(link);
                }
            }
            if let Some(text) = line.text_ref()
                && matches!(line.kind, LineKind::Paragraph | LineKind::PostText)
            {
                let urls = spans_touching(article.urls(), text, line.range.clone());
                if let Some(url) = article.urls()[urls].first() {
                    return Some(article.text(text)?.get(url.range.clone())?.to_string());
                }
            }
        }
        None
    }

    /// `o` / `y`: asks the terminal loop to open or copy the link here.
    fn link_effect(&mut self, copy: bool) {
        match self.link_here() {
            Ok(url) if copy => {
                self.say(format!("copied {url}"));
                self.effects.push(Effect::CopyToClipboard(url));
            }
            Ok(url) => {
                self.say(format!("opening {url}"));
                self.effects.push(Effect::OpenUrl(url));
            }
            Err(why) => self.say(why),
        }
    }

    fn open_article_list(&mut self) {
        if self.corpus.articles.len() < 2 {
            return self.say("this corpus holds one article");
        }
        self.articles.selected = self.current;
        self.overlay = Some(Overlay::Articles);
        self.clamp();
    }

    /// Switches to article `index` at the place where the reader left it.
    fn switch_to(&mut self, index: usize, anchor: Option<Anchor>) {
        let here = self.layout.anchor(self.top);
        self.places[self.current] = Some(here);
        self.goal = None;
        let width = self.layout_pending.map_or(self.layout.width, |(_, w)| w);
        self.show_layout(index, width, anchor);
        self.current = index;
        self.flash = None;
        self.reset_lists();
        // The query in force follows the reader to the other article.
        let (query, mode) = (self.search.query.clone(), self.search.mode);
        match self.search_wait(&query, mode) {
            Some(SearchWait::Indexing) => self.search.wait_for(&query, mode, SearchWait::Indexing),
            _ if self.search.is_active() => {
                self.run_search(&query, mode, AfterSearch::Select(None))
            }
            _ => {}
        }
    }

    fn open_article(&mut self, index: usize) {
        self.overlay = None;
        if index == self.current || index >= self.corpus.articles.len() {
            return;
        }
        self.remember();
        self.switch_to(index, self.places[index]);
    }

    fn back(&mut self) {
        let Some(place) = self.history.pop() else {
            return self.say("no earlier place");
        };
        if place.article != self.current && place.article < self.corpus.articles.len() {
            self.switch_to(place.article, Some(place.anchor));
        } else {
            self.top = self.layout.restore(place.anchor);
        }
        self.after_scroll();
    }

    fn wheel(&mut self, column: u16, row: u16, lines: i32) {
        let motion = if lines > 0 {
            Motion::LineDown
        } else {
            Motion::LineUp
        };
        if let Some(overlay) = self.overlay {
            let times = if overlay == Overlay::Help {
                WHEEL_LINES
            } else {
                1
            };
            for _ in 0..times {
                self.update(Action::Move(motion));
            }
            return;
        }
        let pane = if self.is_folded(self.focus) {
            Some(self.focus)
        } else {
            self.geometry.pane_at(column, row)
        };
        match pane {
            Some(Pane::Article) => {
                let n = WHEEL_LINES * lines.unsigned_abs().max(1) as usize;
                self.top = if lines > 0 {
                    (self.top + n).min(self.max_top().max(self.top))
                } else {
                    self.top.saturating_sub(n)
                };
                self.after_scroll();
            }
            Some(pane) => self.move_in(pane, motion),
            None => {}
        }
    }

    /// The list item of `pane` at screen row `row`, if there is one.
    pub fn item_at(&self, pane: Pane, row: u16) -> Option<usize> {
        let rect = self.geometry.pane_or_body(pane);
        let inner_top = rect.y + 1;
        if row < inner_top || row >= rect.bottom().saturating_sub(1) {
            return None;
        }
        let top = match pane {
            Pane::Sections => self.sections.top,
            Pane::Quotes => self.quotes.top,
            Pane::Sources => self.sources.top,
            Pane::Article => return None,
        };
        let item = top + ((row - inner_top) / pane.rows_per_item()) as usize;
        (item < self.list_len(pane)).then_some(item)
    }

    fn click(&mut self, column: u16, row: u16, at_ms: u64) {
        let double = self.last_click.is_some_and(|(c, r, t)| {
            c == column && r == row && at_ms.saturating_sub(t) <= DOUBLE_CLICK_MS
        });
        self.last_click = Some((column, row, at_ms));
        if self.overlay == Some(Overlay::Articles) {
            let rect = self.geometry.body;
            if row > rect.y && row < rect.bottom().saturating_sub(1) {
                let item = self.articles.top + ((row - rect.y - 1) / 2) as usize;
                if item < self.corpus.articles.len() {
                    self.articles.selected = item;
                    if double {
                        self.enter();
                    }
                }
            }
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        let pane = if self.is_folded(self.focus) {
            Some(self.focus)
        } else {
            self.geometry.pane_at(column, row)
        };
        let Some(pane) = pane else {
            return;
        };
        self.focus = pane;
        if let Some(item) = self.item_at(pane, row) {
            if pane == Pane::Sources && !self.source_rows[item].is_item() {
                return;
            }
            if let Some(list) = self.list_mut(pane) {
                list.selected = item;
            }
            self.clamp();
            if double {
                self.enter();
            }
        }
    }
}

/// A post's own URL, else its first link, as written.
fn post_link(article: &Article, at: BlockRef) -> Option<String> {
    let post = article.post(at)?;
    post.url.clone().or_else(|| post.links.first().cloned())
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
    fn scroll_top_moves_only_to_keep_the_selection_visible() {
        assert_eq!(calc_scroll_top(0, 5, 3), 0);
        assert_eq!(calc_scroll_top(0, 5, 5), 1);
        assert_eq!(calc_scroll_top(4, 5, 2), 2);
        assert_eq!(calc_scroll_top(2, 5, 6), 2);
        assert_eq!(calc_scroll_top(0, 0, 7), 7);
    }

    #[test]
    fn geometry_folds_panes_by_width() {
        let wide = Geometry::compute(120, 40);
        assert!(wide.sections.is_some() && wide.quotes.is_some() && wide.sources.is_some());
        assert_eq!(wide.sections.unwrap().width, 24);
        assert_eq!(wide.article.height, 38);
        let medium = Geometry::compute(80, 24);
        assert!(medium.sections.is_none() && medium.quotes.is_some());
        assert_eq!(medium.article.width + medium.quotes.unwrap().width, 80);
        let narrow = Geometry::compute(50, 16);
        assert!(narrow.quotes.is_none() && narrow.sources.is_none());
        assert_eq!(narrow.article, Rect::new(0, 1, 50, 14));
        assert!(Geometry::compute(19, 6).too_small);
        assert!(Geometry::compute(20, 5).too_small);
        assert!(!Geometry::compute(20, 6).too_small);
    }

    #[test]
    fn panes_tile_the_body_without_overlap() {
        for width in [70, 99, 100, 120, 301] {
            let g = Geometry::compute(width, 30);
            let rects: Vec<Rect> = Pane::ALL.iter().filter_map(|&p| g.pane(p)).collect();
            let area: u32 = rects.iter().map(|r| r.area()).sum();
            assert_eq!(area, g.body.area(), "width {width}");
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    assert!(!a.intersects(*b), "width {width}: {a:?} {b:?}");
                }
            }
        }
    }

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
