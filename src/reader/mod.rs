//! The reader's state and the pure `update`: no I/O here, so all of it is
//! unit-tested. The runtime feeds actions in (from [`keymap`]) and draws
//! with `ui::draw`; everything the screen shows is decided here, including
//! the geometry of the panes and every scroll offset, so drawing only reads.
//!
//! [`App`] holds one value per piece of state, each owning its data: the
//! lists ([`list::ListView`], [`sources::SourcesView`]), the search
//! ([`search_state::ArticleSearch`]), the layouts kept and the work asked
//! of workers ([`work::Work`]), where the reader has been
//! ([`history::History`]), the mouse ([`pointer::Pointer`]). `update`
//! dispatches each [`Action`] to the flow that handles it: moving and
//! jumping (`navigate.rs`), laying out (`layouts.rs`), searching
//! (`search_flow.rs`), links (`links.rs`).

pub mod geometry;
pub mod help;
pub mod history;
pub mod keymap;
pub mod layout;
mod layouts;
pub mod library;
pub mod links;
pub mod list;
pub mod memory;
pub mod message;
mod navigate;
pub mod pointer;
pub mod prompt;
mod search_flow;
pub mod search_state;
pub mod settings;
pub mod sources;
pub mod status;
pub mod work;
pub mod wrap;

use std::sync::Arc;

pub use geometry::{Geometry, Overlay, Pane, PaneLayout};
pub use history::{Place, Target};
pub use message::{Action, Built, Effect, Motion, PromptEdit, Start};
pub use search_state::{ArticleSearch, SearchWait};
pub use settings::{Borders, LayoutSettings, Settings};
pub use status::{Message, Timed};
pub use work::Goal;

use history::History;
use keymap::KeyContext;
use layout::{Anchor, ArticleLayout};
use library::Library;
use list::ListView;
use memory::Memory;
use pointer::Pointer;
use sources::SourcesView;
use work::Work;

use crate::corpus::model::{Article, ArticleParts, Corpus};

/// What fills the screen between the bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// The article and its panes.
    #[default]
    Reader,
    /// The library's lists (feeds, items).
    Library,
}

/// Options from the command line that shape the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `false` with `NO_COLOR` or `--color never`: styles only (bold, reverse, underline).
    pub color: bool,
}

#[derive(Debug)]
pub struct App {
    /// Shared with the worker threads that lay out and index it.
    pub corpus: Arc<Corpus>,
    pub options: Options,
    /// The keys and layout from the configuration.
    pub settings: Settings,
    pub geometry: Geometry,
    /// Index of the article being read.
    pub current: usize,
    /// The current article laid out for the article pane's width.
    pub layout: Arc<ArticleLayout>,
    /// First line of the article shown at the top of its pane.
    pub top: usize,
    pub focus: Pane,
    pub overlay: Option<Overlay>,
    pub sections: ListView,
    pub quotes: ListView,
    pub sources: SourcesView,
    /// The list of articles (`a`).
    pub articles: ListView,
    /// The help screen (scrolled, nothing selected).
    pub help: ListView,
    /// The search: prompt, matches, current match.
    pub search: ArticleSearch,
    /// The target of the last jump, marked for a moment.
    pub flash: Option<Timed<Target>>,
    /// The target of the last jump and the top line it left: while the
    /// top has not moved since, the target is where the reader is (on the
    /// last page several sections and posts show, and a jump to one of
    /// them may not move the text: the scroll-spy and the next jump go by it).
    pinned: Option<(Target, usize)>,
    pub message: Option<Timed<Message>>,
    /// `o` or `y` with several links on screen: the links numbered, waiting for a number.
    pub picker: Option<links::LinkPicker>,
    /// Where to open, done at the first size that shows the article.
    start: Option<Start>,
    /// Layouts kept, and the layout and indexes asked of workers.
    pub work: Work,
    history: History,
    /// The place resizes keep, taken at the first of a run of resizes (so
    /// going through narrow sizes and back does not drift).
    resize_anchor: Option<Anchor>,
    pointer: Pointer,
    quit: bool,
    effects: Vec<Effect>,
    /// The article, or the library's lists.
    pub screen: Screen,
    /// The library (`depeche library`), or `None` for a corpus or page.
    pub library: Option<Box<Library>>,
    /// Places and marks remembered across runs.
    pub memory: Memory,
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
    /// The reader with the default keys and layout.
    pub fn new(corpus: Corpus, options: Options) -> App {
        App::with_settings(corpus, options, Settings::default())
    }

    /// The reader with the keys and layout of a configuration.
    pub fn with_settings(mut corpus: Corpus, options: Options, settings: Settings) -> App {
        if corpus.articles.is_empty() {
            corpus.articles.push(placeholder_article());
        }
        // Nothing is laid out until the loop sends the size (`Resize`), so a
        // long article is laid out once, for the width it is read at.
        let history = History::new(corpus.articles.len());
        let mut app = App {
            corpus: Arc::new(corpus),
            options,
            settings,
            geometry: Geometry::compute(0, 0),
            current: 0,
            layout: Arc::new(ArticleLayout::empty()),
            top: 0,
            focus: Pane::Article,
            overlay: None,
            sections: ListView::new(Pane::Sections.rows_per_item()),
            quotes: ListView::new(Pane::Quotes.rows_per_item()),
            sources: SourcesView::default(),
            articles: ListView::new(2),
            help: ListView::new(1),
            search: ArticleSearch::default(),
            flash: None,
            pinned: None,
            message: None,
            picker: None,
            start: None,
            work: Work::default(),
            history,
            resize_anchor: None,
            pointer: Pointer::default(),
            quit: false,
            effects: Vec::new(),
            screen: Screen::Reader,
            library: None,
            memory: Memory::default(),
        };
        app.reset_lists();
        app
    }

    /// Reads another corpus from its beginning (an item of the library):
    /// the panes, search and layouts start afresh; the library, the
    /// search history, the keys and layout, the size and the effects not
    /// yet taken stay.
    pub fn replace_corpus(&mut self, corpus: Arc<Corpus>) {
        let corpus = Arc::try_unwrap(corpus).unwrap_or_else(|shared| (*shared).clone());
        let mut fresh = App::with_settings(corpus, self.options, self.settings.clone());
        fresh.work.keep_offload(&self.work);
        std::mem::swap(&mut fresh.search.prompt, &mut self.search.prompt);
        fresh.search.prompt.open();
        fresh.library = self.library.take();
        // Work asked for the old corpus means nothing for the new one; what
        // was asked of the services (a place to keep, a read flag) stands.
        let mut effects: Vec<Effect> = std::mem::take(&mut self.effects)
            .into_iter()
            .filter(|e| {
                matches!(
                    e,
                    Effect::Remember(_)
                        | Effect::Library(_)
                        | Effect::OpenUrl(_)
                        | Effect::CopyToClipboard(_)
                )
            })
            .collect();
        effects.append(&mut fresh.effects);
        fresh.effects = effects;
        fresh.message = self.message.take();
        fresh.screen = self.screen;
        let area = self.geometry.area;
        *self = fresh;
        if area.width > 0 {
            self.resize(area.width, area.height);
        }
    }

    /// From now on, an article with more than `min_bytes` of text is laid
    /// out and indexed off the UI thread: the reader shows a prefix of the
    /// layout at once and asks for the rest with `Effect::Layout` (and for
    /// the index with `Effect::BuildSearchIndex`), which whoever runs the
    /// effects must answer. Off by default: without an effect runner (tests,
    /// benchmarks) everything is built in `update`, as before.
    pub fn offload_large_work(&mut self, min_bytes: usize) {
        self.work.offload_large(min_bytes);
    }

    /// Opens at `start` once the terminal's size is known (before any key).
    pub fn start_at(&mut self, start: Start) {
        self.start = Some(start);
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
        self.work.is_busy() || self.search.is_scanning()
    }

    /// Whether the loop should send `Action::Tick` (something on screen is
    /// transient, or a changed place waits to be saved).
    pub fn wants_tick(&self) -> bool {
        self.flash.is_some() || self.message.is_some() || self.memory.wants_tick()
    }

    /// Effects requested since the last call, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// What the keymap needs to know to choose a binding.
    pub fn key_context(&self) -> KeyContext {
        KeyContext {
            typing: self.search.is_typing(),
            overlay: self.overlay.is_some(),
            folded_pane: self.screen == Screen::Reader
                && self.focus != Pane::Article
                && self.is_folded(self.focus),
            searching: self.search.is_active() && self.screen == Screen::Reader,
            picking: self.picker.is_some(),
            library_list: self.in_library_list(),
            library_article: self.reading_library_item(),
            opening: self.library_opening(),
            awaiting_mark: self.memory.awaiting.is_some(),
        }
    }

    /// Rows of the article pane.
    pub fn article_height(&self) -> usize {
        self.geometry.article.height as usize
    }

    /// The last top line plain scrolling reaches (the end of the article at the bottom of the pane).
    pub fn max_top(&self) -> usize {
        self.layout.len().saturating_sub(self.article_height())
    }

    /// The last top line any movement reaches: the end of the article at
    /// the bottom of the pane once it is all laid out (a prefix may grow).
    pub(crate) fn clamp_top(&self, top: usize) -> usize {
        let last = self.layout.len().saturating_sub(1);
        if self.layout.complete {
            top.min(self.max_top())
        } else {
            top.min(last)
        }
    }

    /// Whether the last page of the article shows (and there is more than one page).
    pub fn at_bottom(&self) -> bool {
        self.layout.complete && self.max_top() > 0 && self.top >= self.max_top()
    }

    /// The target of the last jump, while the top line has not moved since.
    pub fn pinned(&self) -> Option<Target> {
        self.pinned
            .filter(|&(_, top)| top == self.top)
            .map(|(target, _)| target)
    }

    /// Section being read (the scroll-spy): the one the top line belongs
    /// to; on the last page, the last one whose heading shows (so every
    /// section can be marked); after a jump, the section jumped to.
    pub fn current_section(&self) -> usize {
        match self.pinned() {
            Some(Target::Section(s)) => return s,
            Some(Target::Block(at)) => return at.section as usize,
            None => {}
        }
        if self.at_bottom() {
            let bottom = self.top + self.article_height();
            let starts = &self.layout.section_starts;
            let shown = starts.partition_point(|&l| l < bottom);
            if let Some(last) = shown.checked_sub(1)
                && starts[last] >= self.top
            {
                return last;
            }
        }
        self.layout.section_at(self.top)
    }

    /// Whether the pane is folded away at this size (then it shows over the body when focused).
    pub fn is_folded(&self, pane: Pane) -> bool {
        self.geometry.pane(pane).is_none()
    }

    /// The list of a pane (the article has none).
    pub fn list(&self, pane: Pane) -> Option<&ListView> {
        match pane {
            Pane::Sections => Some(&self.sections),
            Pane::Quotes => Some(&self.quotes),
            Pane::Sources => Some(&self.sources.list),
            Pane::Article => None,
        }
    }

    fn list_mut(&mut self, pane: Pane) -> Option<&mut ListView> {
        match pane {
            Pane::Sections => Some(&mut self.sections),
            Pane::Quotes => Some(&mut self.quotes),
            Pane::Sources => Some(&mut self.sources.list),
            Pane::Article => None,
        }
    }

    /// Items the list of a pane holds.
    pub fn list_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Sections => self.article().sections.len(),
            Pane::Quotes => self.article().posts.len(),
            Pane::Sources => self.sources.rows.len(),
            Pane::Article => 0,
        }
    }

    pub fn update(&mut self, action: Action) {
        let is_resize = matches!(action, Action::Resize { .. });
        let before = (self.current, self.top);
        let always = action == Action::Quit || action.is_event();
        if !always && !matches!(action, Action::MarkLetter(_)) {
            // `m` or `'` then anything but a letter: the mark is forgotten
            // (and `Esc` does only that).
            let awaited = self.memory.awaiting.take();
            if awaited.is_some() && action == Action::Close {
                return;
            }
        }
        if self.geometry.too_small && !always {
            // Nothing is on screen to act on.
            return;
        }
        // A message belongs to the action that produced it: a key that
        // changes something clears the last one; a key that changes nothing
        // (and says nothing) leaves it.
        let said_before = if always { None } else { self.message.take() };
        let seen_before = said_before.as_ref().map(|_| self.seen());
        // Numbers given to the links on screen mean nothing once anything else happens.
        let picks = matches!(
            action,
            Action::PickDigit(_)
                | Action::Enter
                | Action::Close
                | Action::Tick
                | Action::EffectDone(_)
                | Action::SearchIndexReady { .. }
                | Action::LinksFound { .. }
                | Action::SearchDone { .. }
        );
        if !picks {
            self.picker = None;
        }
        self.dispatch(action);
        self.note_place();
        if self.message.is_none() && seen_before.is_some_and(|seen| seen == self.seen()) {
            self.message = said_before;
        }
        if !is_resize && (self.current, self.top) != before {
            self.resize_anchor = None;
        }
        self.find_links();
    }

    /// What an action can change that the reader sees (to tell whether it did).
    fn seen(&self) -> impl PartialEq + use<> {
        let list = |l: &ListView| (l.selected, l.offset);
        (
            (self.current, self.top, self.focus, self.overlay),
            [
                list(&self.sections),
                list(&self.quotes),
                list(&self.sources.list),
                list(&self.articles),
                list(&self.help),
            ],
            (
                self.search.query.clone(),
                self.search.mode,
                self.search.current,
                self.search.matches.len(),
                self.search.is_typing(),
            ),
            self.picker.as_ref().map(|p| p.typed.clone()),
            self.library.as_ref().map(|l| {
                (
                    l.level,
                    list(&l.feed_list),
                    list(&l.item_list),
                    l.opening.is_some(),
                )
            }),
            self.screen,
        )
    }

    fn dispatch(&mut self, action: Action) {
        match action {
            Action::Quit => {
                self.save_place();
                self.quit = true;
            }
            Action::Resize { width, height } => self.resize(width, height),
            Action::Tick => {
                Timed::tick(&mut self.flash);
                Timed::tick(&mut self.message);
                self.tick_memory();
            }
            Action::Recalled(recalled) => self.recalled(recalled),
            Action::SearchHistory(past) => self.search.prompt.add_past(past),
            Action::MarkKey(key) => self.await_mark(key),
            Action::MarkLetter(letter) => self.mark_letter(letter),
            Action::OpenOriginal => self.open_original(),
            Action::Library(key) => self.library_key(key),
            Action::LibraryEvent(event) => self.library_event(event),
            Action::Move(motion) if self.in_library_list() && self.overlay.is_none() => {
                self.library_move(motion)
            }
            Action::Enter if self.in_library_list() && self.overlay.is_none() => {
                self.library_enter()
            }
            Action::EffectDone(Ok(text)) => self.say(text),
            Action::EffectDone(Err(text)) => self.error(text),
            Action::LayoutReady {
                article,
                width,
                layout,
            } => self.layout_ready(article, width, layout.0),
            Action::SearchIndexReady { article, index } => self.index_ready(article, index.0),
            Action::LinksFound { article } => self.links_found(article),
            Action::SearchDone { generation, scan } => self.search_done(generation, scan.0),
            Action::Move(motion) => match self.overlay {
                Some(Overlay::Help) => self.move_help(motion),
                Some(Overlay::Articles) => self.move_articles(motion),
                None => self.move_in(self.focus, motion),
            },
            Action::Enter if self.picker.is_some() => self.pick_typed(),
            Action::Enter => self.enter(),
            Action::PickDigit(digit) => self.pick_digit(digit),
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
                self.help.offset = 0;
                if self.overlay.is_some() && self.screen == Screen::Library {
                    // Over the library, the help opens at the library's keys.
                    self.help.offset = self.help_library_row();
                }
            }
            Action::ArticleList => self.open_article_list(),
            Action::Back => self.back(),
            Action::Close => {
                if self.picker.take().is_some() {
                    // The numbers go; nothing else closes.
                } else if self.overlay.is_some() {
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
                    self.work.forget_match_goal();
                    self.search.clear();
                }
            }
            Action::OpenLink => self.link_effect(false),
            Action::CopyLink => self.link_effect(true),
            Action::Wheel { lines, .. } if self.in_library_list() && self.overlay.is_none() => self
                .library_move(if lines > 0 {
                    Motion::LineDown
                } else {
                    Motion::LineUp
                }),
            Action::Click { row, at_ms, .. }
                if self.in_library_list() && self.overlay.is_none() =>
            {
                self.library_click(row, at_ms)
            }
            Action::Wheel { column, row, lines } => self.wheel(column, row, lines),
            Action::Click { column, row, at_ms } => self.click(column, row, at_ms),
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Timed::new(
            Message {
                text: text.into(),
                error: false,
            },
            status::MESSAGE_TICKS,
        ));
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Timed::new(
            Message {
                text: text.into(),
                error: true,
            },
            status::MESSAGE_TICKS,
        ));
    }

    /// Checks what must hold after any sequence of actions: every offset
    /// and selection in range and in view, the search's current match one
    /// of its matches and every match on real text, a goal only while a
    /// layout is awaited. For property tests and the fuzz target.
    #[doc(hidden)]
    pub fn check_invariants(&self) -> Result<(), String> {
        let fail = |what: String| Err(what);
        let lines = self.layout.len();
        if self.current >= self.corpus.articles.len() {
            return fail(format!(
                "article {} of {}",
                self.current,
                self.corpus.articles.len()
            ));
        }
        if self.top >= lines.max(1) {
            return fail(format!("top {} of {lines} lines", self.top));
        }
        if self.layout.complete && !self.geometry.too_small && self.top > self.max_top() {
            return fail(format!(
                "top {} past the last page {}",
                self.top,
                self.max_top()
            ));
        }
        for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
            let Some(list) = self.list(pane) else {
                continue;
            };
            let len = self.list_len(pane);
            if list.selected >= len.max(1) {
                return fail(format!("{pane:?}: selected {} of {len}", list.selected));
            }
            // Too small, nothing shows: the lists keep their places.
            if self.geometry.too_small {
                continue;
            }
            if list.offset > list.selected {
                return fail(format!(
                    "{pane:?}: top {} after the selection {}",
                    list.offset, list.selected
                ));
            }
            if list.selected >= list.offset + list.capacity() {
                return fail(format!(
                    "{pane:?}: selection {} below the view {}+{}",
                    list.selected,
                    list.offset,
                    list.capacity()
                ));
            }
        }
        if self.articles.selected >= self.corpus.articles.len() {
            return fail(format!("article list: selected {}", self.articles.selected));
        }
        let search = &self.search;
        if search.current.is_some_and(|c| c >= search.matches.len()) {
            return fail(format!(
                "current match {:?} of {}",
                search.current,
                search.matches.len()
            ));
        }
        if !search.is_active() && !search.matches.is_empty() {
            return fail("matches without a search in force".into());
        }
        for m in &search.matches {
            let text = self.article().text(m.text);
            if text.is_none_or(|t| t.get(m.range.clone()).is_none()) {
                return fail(format!("a match off its text: {m:?}"));
            }
        }
        if let Some(library) = &self.library {
            if library.feed_list.selected >= library.feed_rows() {
                return fail(format!(
                    "feed list: selected {}",
                    library.feed_list.selected
                ));
            }
            if library.item_list.selected >= library.items.len().max(1) {
                return fail(format!(
                    "item list: selected {}",
                    library.item_list.selected
                ));
            }
        }
        if self.work.goal.is_some() && self.work.pending.is_none() {
            return fail(format!("goal {:?} with no layout awaited", self.work.goal));
        }
        Ok(())
    }
}
