//! Reader state and the pure `update`: no I/O here, so all of it is unit-tested.
//!
//! `terminal.rs` feeds actions in (from `keymap`) and draws with `ui::draw`;
//! everything the screen shows is decided here, including the geometry of
//! the panes and every scroll offset, so drawing only reads.

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::layout::{Anchor, ArticleLayout, LineKind, text_width_for};
use crate::model::{Article, BlockRef, Corpus, SourceKind};

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
    /// A group heading and how many sources it holds.
    Group(SourceKind, usize),
    /// A source (index into `Article::sources`).
    Source(usize),
}

/// The rows of the Sources pane: sources grouped by kind, in corpus order within a group.
pub fn source_rows(article: &Article) -> Vec<SourceRow> {
    let mut rows = Vec::new();
    for kind in SourceKind::ALL {
        let members: Vec<usize> = (0..article.sources.len())
            .filter(|&i| article.sources[i].kind == kind)
            .collect();
        if !members.is_empty() {
            rows.push(SourceRow::Group(kind, members.len()));
            rows.extend(members.into_iter().map(SourceRow::Source));
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
    pub corpus: Corpus,
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
    /// The source whose citations `Enter` walks, and the last one shown.
    citation_turn: Option<(usize, usize)>,
    last_click: Option<(u16, u16, u64)>,
    layouts: Vec<((usize, u16), Arc<ArticleLayout>)>,
    quit: bool,
    effects: Vec<Effect>,
}

/// What an empty corpus shows, so the reader never has to handle "no article".
fn placeholder_article() -> Article {
    Article::new(
        "empty".into(),
        "This corpus holds no article".into(),
        None,
        None,
        None,
        Vec::new(),
        Vec::new(),
    )
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
            corpus,
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
            articles: ListState::default(),
            help_top: 0,
            flash: None,
            message: None,
            history: Vec::new(),
            resize_anchor: None,
            places,
            citation_turn: None,
            last_click: None,
            quit: false,
            effects: Vec::new(),
        };
        app.reset_lists();
        app
    }

    pub fn article(&self) -> &Article {
        &self.corpus.articles[self.current]
    }

    pub fn should_quit(&self) -> bool {
        self.quit
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
            Action::Quit | Action::Resize { .. } | Action::Tick | Action::EffectDone(_)
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

    /// The layout of article `article` at `width`, from the cache or built now.
    fn layout_for(&mut self, article: usize, width: u16) -> Arc<ArticleLayout> {
        let key = (article, width);
        if let Some(i) = self.layouts.iter().position(|(k, _)| *k == key) {
            let entry = self.layouts.remove(i);
            let layout = entry.1.clone();
            self.layouts.push(entry);
            return layout;
        }
        let layout = Arc::new(ArticleLayout::build(&self.corpus.articles[article], width));
        if self.layouts.len() >= LAYOUT_CACHE {
            self.layouts.remove(0);
        }
        self.layouts.push((key, layout.clone()));
        layout
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::compute(width, height);
        if !self.geometry.too_small {
            let text_width = text_width_for(self.geometry.article.width);
            if text_width != self.layout.width {
                let anchor = *self
                    .resize_anchor
                    .get_or_insert_with(|| self.layout.anchor(self.top));
                self.layout = self.layout_for(self.current, text_width);
                self.top = self.layout.restore(anchor);
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
                .position(|r| matches!(r, SourceRow::Source(_)))
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
        let target = match motion {
            Motion::LineDown => list.selected + 1,
            Motion::LineUp => list.selected.saturating_sub(1),
            Motion::HalfPageDown => list.selected + half,
            Motion::HalfPageUp => list.selected.saturating_sub(half),
            Motion::PageDown => list.selected + page,
            Motion::PageUp => list.selected.saturating_sub(page),
            Motion::Top => 0,
            Motion::Bottom => last,
        }
        .min(last);
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
            if app.top >= max {
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
        match motion {
            Motion::LineDown => down(self, 1),
            Motion::LineUp => up(self, 1),
            Motion::HalfPageDown => down(self, half),
            Motion::HalfPageUp => up(self, half),
            Motion::PageDown => down(self, page),
            Motion::PageUp => up(self, page),
            Motion::Top => self.top = 0,
            Motion::Bottom => self.top = max,
        }
        self.after_scroll();
    }

    fn help_max_top(&self) -> usize {
        let rows = self.geometry.body.height.saturating_sub(2) as usize;
        let width = self.geometry.body.width.saturating_sub(2);
        crate::keymap::help_rows(width).len().saturating_sub(rows)
    }

    fn move_help(&mut self, motion: Motion) {
        let rows = self.geometry.body.height.saturating_sub(2) as usize;
        let (half, page) = self.page(rows);
        self.help_top = match motion {
            Motion::LineDown => self.help_top + 1,
            Motion::LineUp => self.help_top.saturating_sub(1),
            Motion::HalfPageDown => self.help_top + half,
            Motion::HalfPageUp => self.help_top.saturating_sub(half),
            Motion::PageDown => self.help_top + page,
            Motion::PageUp => self.help_top.saturating_sub(page),
            Motion::Top => 0,
            Motion::Bottom => usize::MAX,
        }
        .min(self.help_max_top());
    }

    /// Items the article list shows at once (two rows each, inside borders).
    pub fn articles_capacity(&self) -> usize {
        (self.geometry.body.height.saturating_sub(2) / 2).max(1) as usize
    }

    fn move_articles(&mut self, motion: Motion) {
        let last = self.corpus.articles.len() - 1;
        let (half, page) = self.page(self.articles_capacity());
        let s = self.articles.selected;
        self.articles.selected = match motion {
            Motion::LineDown => s + 1,
            Motion::LineUp => s.saturating_sub(1),
            Motion::HalfPageDown => s + half,
            Motion::HalfPageUp => s.saturating_sub(half),
            Motion::PageDown => s + page,
            Motion::PageUp => s.saturating_sub(page),
            Motion::Top => 0,
            Motion::Bottom => last,
        }
        .min(last);
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
        if self.history.len() >= HISTORY_LIMIT {
            self.history.remove(0);
        }
        let here = self.here();
        self.history.push(here);
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
        }
    }

    pub fn jump_to_block(&mut self, at: BlockRef) {
        if let Some(line) = self.layout.line_of(at) {
            self.jump(line, JumpTarget::Block(at));
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
        let Some(&SourceRow::Source(source)) = self.source_rows.get(self.sources.selected) else {
            return;
        };
        let places = self
            .article()
            .citations
            .get(source)
            .cloned()
            .unwrap_or_default();
        if places.is_empty() {
            return self.say("not cited in the text");
        }
        let turn = match self.citation_turn {
            Some((s, last)) if s == source => (last + 1) % places.len(),
            _ => 0,
        };
        self.citation_turn = Some((source, turn));
        self.jump_to_block(places[turn]);
        self.say(format!("cited {}/{}", turn + 1, places.len()));
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
        self.current = index;
        let width = self.layout.width;
        self.layout = self.layout_for(index, width);
        self.top = anchor.map_or(0, |a| self.layout.restore(a));
        self.flash = None;
        self.reset_lists();
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
            if pane == Pane::Sources && !matches!(self.source_rows[item], SourceRow::Source(_)) {
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

/// The nearest source row to `target` (a group heading is never selected), searching in the direction of travel first.
fn snap_to_source(rows: &[SourceRow], target: usize, down: bool) -> usize {
    let is_source = |i: &usize| matches!(rows.get(*i), Some(SourceRow::Source(_)));
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
