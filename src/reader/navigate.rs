//! Moving around: scrolling the article, moving in lists and overlays,
//! jumping to sections, posts and citations (remembered for `Back`),
//! switching articles, and the mouse.

use super::history::{Place, Target};
use super::layout::{Anchor, LineKind};
use super::list::{heading_rows, section_lead};
use super::message::{Action, Effect, Motion, Start};
use super::pointer::WHEEL_LINES;
use super::status::{FLASH_TICKS, Timed};
use super::work::Goal;
use super::{App, Overlay, Pane, SearchWait};
use crate::corpus::model::BlockRef;
use crate::reader::search_state::AfterSearch;

/// Half a page and a page of a pane `height` rows high.
fn page(height: usize) -> (usize, usize) {
    ((height / 2).max(1), height.saturating_sub(1).max(1))
}

impl App {
    /// Brings every offset back in range and keeps every selection in view.
    pub(super) fn keep_in_view(&mut self) {
        self.top = self.clamp_top(self.top);
        if self.geometry.too_small {
            // Nothing shows: keep the lists' places for when the screen grows.
            return;
        }
        let article = &self.corpus.articles[self.current];
        self.sections.keep_in_view(article.sections.len());
        self.quotes.keep_in_view(article.posts.len());
        self.sources.keep_in_view();
        self.articles.keep_in_view(self.corpus.articles.len());
    }

    /// Lists follow the article: Sections selects the section being read,
    /// and Quotes, unless the reader is moving in it, the post jumped to or
    /// the first on screen, keeping those on screen in view.
    pub(super) fn after_scroll(&mut self) {
        self.sections.selected = self.current_section();
        self.keep_in_view();
        if self.focus != Pane::Quotes && !self.geometry.too_small {
            self.follow_in_quotes();
        }
    }

    /// Quotes shows the posts on screen (the first selected, or the one jumped to).
    fn follow_in_quotes(&mut self) {
        let bottom = self.top + self.article_height();
        let article = &self.corpus.articles[self.current];
        let index = |at: BlockRef| article.posts.binary_search(&at).ok();
        let shown: Vec<usize> = self
            .layout
            .blocks_in(self.top..bottom)
            .iter()
            .filter_map(|span| index(span.at))
            .collect();
        let (Some(&first), Some(&last)) = (shown.first(), shown.last()) else {
            return;
        };
        let jumped = match self.pinned() {
            Some(Target::Block(at)) => index(at),
            _ => None,
        };
        let posts = article.posts.len();
        let list = &mut self.quotes;
        list.selected = jumped.unwrap_or(first);
        // The last on screen in view too, when they fit together.
        let capacity = list.capacity();
        if last >= list.offset + capacity && last + 1 - capacity <= list.selected {
            list.offset = last + 1 - capacity;
        }
        list.keep_in_view(posts);
    }

    /// Each heading of the Sections pane on one row, or two when it does
    /// not fit on one (it is cut only past two).
    pub(super) fn fit_section_headings(&mut self) {
        let article = &self.corpus.articles[self.current];
        let lead = section_lead(article.sections.len());
        let room = (self.sections.inner().width as usize).saturating_sub(lead);
        self.sections.item_rows = article
            .sections
            .iter()
            .map(|s| {
                if heading_rows(s.label(), room).len() > 1 {
                    2
                } else {
                    1
                }
            })
            .collect();
    }

    /// The lists of a newly shown article, from their first item.
    pub(super) fn reset_lists(&mut self) {
        self.fit_section_headings();
        self.sections.reset();
        self.quotes.reset();
        self.sources.reset(&self.corpus.articles[self.current]);
        self.after_scroll();
    }

    /// Finds the URLs and links of the article shown (after every action,
    /// so after a switch too): here, or when work is offloaded on a worker
    /// (`Effect::FindLinks`), so that nothing long runs before the first
    /// frame; the Sources pane lists them and the article marks them once
    /// they come (`links_found`).
    pub(super) fn find_links(&mut self) {
        let current = self.current;
        let article = &self.corpus.articles[current];
        if article.are_links_found() {
            return;
        }
        if !self.work.is_offloaded() {
            article.links();
            self.links_found(current);
        } else if self.work.ask_links(current) {
            self.effects.push(Effect::FindLinks {
                article: self.current,
            });
        }
    }

    /// The links of `article` are found: the Sources pane lists them
    /// (keeping its selection: they come after every source).
    pub(super) fn links_found(&mut self, article: usize) {
        self.work.links_arrived(article);
        if article == self.current {
            self.sources.refresh(&self.corpus.articles[article]);
            self.keep_in_view();
        }
    }

    pub(super) fn cycle_focus(&mut self, step: usize) {
        self.overlay = None;
        let i = self.focus.number() - 1;
        self.focus = Pane::ALL[(i + step) % Pane::ALL.len()];
    }

    /// Moves in `pane` (the article scrolls; a list moves its selection).
    pub(super) fn move_in(&mut self, pane: Pane, motion: Motion) {
        match pane {
            Pane::Article => return self.scroll_article(motion),
            Pane::Sources => self.sources.select(motion),
            Pane::Sections | Pane::Quotes => {
                let len = self.list_len(pane);
                if let Some(list) = self.list_mut(pane) {
                    list.selected = list.moved(motion, len);
                }
            }
        }
        self.keep_in_view();
    }

    fn scroll_article(&mut self, motion: Motion) {
        let (half, page) = page(self.article_height());
        let max = self.max_top();
        let down = |app: &mut App, n: usize| {
            if app.top >= max && app.work.pending.is_some() {
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
        self.work.goal = None;
        self.pinned = None;
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

    /// Rows of the help screen at its width.
    pub(super) fn help_len(&self) -> usize {
        super::help::help_rows(&self.settings.keymap, self.help.inner().width).len()
    }

    /// The help's offset that shows the library's keys first (their
    /// heading at the top), as far as the help scrolls.
    pub(super) fn help_library_row(&self) -> usize {
        let rows = super::help::help_rows(&self.settings.keymap, self.help.inner().width);
        let heading = super::help::LIBRARY_HEADING.1;
        rows.iter()
            .position(|row| {
                row.keys.is_empty() && !row.text.is_empty() && heading.starts_with(&row.text)
            })
            .map_or(0, |at| at.min(self.help.last_offset(rows.len())))
    }

    pub(super) fn move_help(&mut self, motion: Motion) {
        let len = self.help_len();
        self.help.scroll(motion, len);
    }

    pub(super) fn move_articles(&mut self, motion: Motion) {
        self.articles.selected = self.articles.moved(motion, self.corpus.articles.len());
        self.keep_in_view();
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

    /// Where the reader is now.
    pub(super) fn here(&self) -> Place {
        Place {
            article: self.current,
            anchor: self.layout.anchor(self.top),
        }
    }

    /// Remembers where the reader is, for `Back`.
    fn remember(&mut self) {
        let here = self.here();
        self.history.push(here);
    }

    /// Puts `line` at the top (one line of context above) or as high as it
    /// goes without scrolling past the end, remembers where we were when
    /// that moves, marks the target.
    fn jump(&mut self, line: usize, target: Target) {
        let top = self.clamp_top(self.jump_top(line));
        if top != self.top {
            self.remember();
        }
        self.top = top;
        self.pinned = Some((target, top));
        self.flash = Some(Timed::new(target, FLASH_TICKS));
        self.after_scroll();
    }

    /// Jumps to a section or a block, or waits for the layout to reach it.
    pub(super) fn jump_to(&mut self, target: Target) {
        match target {
            Target::Section(section) => self.jump_to_section(section),
            Target::Block(at) => self.jump_to_block(at),
        }
    }

    pub fn jump_to_section(&mut self, section: usize) {
        if let Some(&line) = self.layout.section_starts.get(section) {
            self.jump(line, Target::Section(section));
        } else if section < self.article().sections.len() {
            self.wait_for_layout(Goal::Jump(Target::Section(section)));
        }
    }

    pub fn jump_to_block(&mut self, at: BlockRef) {
        if let Some(line) = self.layout.line_of(at) {
            self.jump(line, Target::Block(at));
        } else if self.article().block(at).is_some() {
            self.wait_for_layout(Goal::Jump(Target::Block(at)));
        }
    }

    /// The next (or previous) of `lines` (sorted) whose jump would move the top down (up).
    fn find_target(&self, lines: &[u32], forward: bool) -> Option<usize> {
        if forward {
            let i = lines.partition_point(|&l| self.jump_top(l as usize) <= self.top);
            (i < lines.len()).then_some(i)
        } else {
            lines
                .partition_point(|&l| self.jump_top(l as usize) < self.top)
                .checked_sub(1)
        }
    }

    /// `]` / `[`: the section after the one being read (the one the
    /// scroll-spy marks), or the start of the one being read, then the one
    /// before it.
    pub(super) fn next_section(&mut self, forward: bool) {
        let current = self.current_section();
        let target = if forward {
            Some(current + 1).filter(|&s| s < self.article().sections.len())
        } else {
            let start = self.layout.section_starts.get(current);
            let below_start = self.pinned().is_none()
                && start.is_some_and(|&line| self.clamp_top(self.jump_top(line)) < self.top);
            if below_start {
                Some(current)
            } else {
                current.checked_sub(1)
            }
        };
        match target {
            Some(section) => self.jump_to_section(section),
            None if forward => self.say("no section below"),
            None => self.say("no section above"),
        }
    }

    /// The index in `Article::posts` of the post jumped to last, while the top has not moved.
    fn pinned_post(&self) -> Option<usize> {
        match self.pinned()? {
            Target::Block(at) => self.article().posts.binary_search(&at).ok(),
            Target::Section(_) => None,
        }
    }

    pub(super) fn next_post(&mut self, forward: bool) {
        let found = match self.pinned_post() {
            Some(p) if forward => Some(p + 1),
            Some(p) => p.checked_sub(1),
            None => self.find_target(&self.layout.post_starts, forward),
        };
        match found.and_then(|i| Some((i, *self.article().posts.get(i)?))) {
            Some((i, at)) => self.jump_to_post(i, at),
            None if forward && self.layout.post_starts.len() < self.article().posts.len() => {
                let i = self.layout.post_starts.len();
                self.jump_to_post(i, self.article().posts[i]);
            }
            None if forward => self.say("no post below"),
            None => self.say("no post above"),
        }
    }

    /// Selects post `i` in Quotes (in view even while its jump waits for
    /// the layout) and jumps to it.
    fn jump_to_post(&mut self, i: usize, at: BlockRef) {
        self.quotes.selected = i;
        self.keep_in_view();
        self.jump_to_block(at);
    }

    pub(super) fn enter(&mut self) {
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
        match self
            .sources
            .next_citation(&self.corpus.articles[self.current])
        {
            Ok(Some((at, turn, of))) => {
                self.jump_to_block(at);
                self.say(format!("cited {turn}/{of}"));
            }
            Ok(None) => {}
            Err(why) => self.say(why),
        }
    }

    pub(super) fn open_article_list(&mut self) {
        if self.corpus.articles.len() < 2 {
            return self.say("this corpus holds one article");
        }
        self.articles.selected = self.current;
        self.overlay = Some(Overlay::Articles);
        self.keep_in_view();
    }

    /// Switches to article `index` at `anchor` (its beginning when `None`).
    pub(super) fn switch_to(&mut self, index: usize, anchor: Option<Anchor>) {
        let here = self.layout.anchor(self.top);
        self.history.leave(self.current, here);
        self.work.goal = None;
        let width = self.work.pending.map_or(self.layout.width, |(_, w)| w);
        self.show_layout(index, width, anchor);
        self.current = index;
        self.flash = None;
        self.pinned = None;
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

    /// Where the command line asked the reader to open.
    pub(super) fn go_to_start(&mut self, start: Start) {
        match start {
            Start::Top => {}
            Start::Search(query, mode) => {
                self.search.prompt.remember(&query, mode);
                if self.search_wait(&query, mode) == Some(SearchWait::Indexing) {
                    // A large article: the matches come with its index.
                    return self.search.wait_for(&query, mode, SearchWait::Indexing);
                }
                self.run_search(&query, mode, AfterSearch::ShowFrom(None));
                if let Some(error) = self.search.error.clone() {
                    self.search.clear();
                    self.error(error);
                } else if self.search.matches.is_empty() && self.search.wait.is_none() {
                    self.error(format!("no match for {query}"));
                }
            }
            Start::Place {
                article,
                text,
                byte,
            } => {
                let anchor = Anchor {
                    text: Some(text),
                    byte,
                    lines_above: 0,
                    blank_above: false,
                };
                if article != self.current && article < self.corpus.articles.len() {
                    self.switch_to(article, Some(anchor));
                } else {
                    self.top = self.clamp_top(self.layout.restore(anchor));
                }
                self.after_scroll();
            }
        }
    }

    /// Opens article `index` where the reader left it.
    fn open_article(&mut self, index: usize) {
        self.overlay = None;
        if index == self.current || index >= self.corpus.articles.len() {
            return;
        }
        self.remember();
        self.switch_to(index, self.history.left_at(index));
    }

    pub(super) fn back(&mut self) {
        let Some(place) = self.history.pop() else {
            return self.say("no earlier place");
        };
        self.pinned = None;
        if place.article != self.current && place.article < self.corpus.articles.len() {
            self.switch_to(place.article, Some(place.anchor));
        } else {
            self.top = self.clamp_top(self.layout.restore(place.anchor));
        }
        self.after_scroll();
    }

    /// The pane a pointer at a cell acts on: the folded pane shown over the
    /// article, else the pane under it.
    fn pane_under(&self, column: u16, row: u16) -> Option<Pane> {
        if self.is_folded(self.focus) {
            Some(self.focus)
        } else {
            self.geometry.pane_at(column, row)
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, lines: i32) {
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
        match self.pane_under(column, row) {
            Some(Pane::Article) => {
                self.pinned = None;
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

    pub(super) fn click(&mut self, column: u16, row: u16, at_ms: u64) {
        let double = self.pointer.click(column, row, at_ms);
        if self.overlay == Some(Overlay::Articles) {
            if let Some(item) = self.articles.item_at(row, self.corpus.articles.len()) {
                self.articles.selected = item;
                if double {
                    self.enter();
                }
            }
            return;
        }
        if self.overlay.is_some() {
            return;
        }
        let Some(pane) = self.pane_under(column, row) else {
            return;
        };
        self.focus = pane;
        let len = self.list_len(pane);
        let Some(item) = self.list(pane).and_then(|list| list.item_at(row, len)) else {
            return;
        };
        let selected = match pane {
            Pane::Sources => self.sources.click(item),
            _ => self
                .list_mut(pane)
                .map(|list| list.selected = item)
                .is_some(),
        };
        if selected {
            self.keep_in_view();
            if double {
                self.enter();
            }
        }
    }
}
