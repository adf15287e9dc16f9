//! Moving around: scrolling the article, moving in lists and overlays,
//! jumping to sections, posts and citations (remembered for `Back`),
//! switching articles, and the mouse.

use super::history::{Place, Target};
use super::layout::{Anchor, LineKind};
use super::message::{Action, Effect, Motion};
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
        self.top = self.top.min(self.layout.len().saturating_sub(1));
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

    /// Lists follow the article: Sections selects the section being read.
    pub(super) fn after_scroll(&mut self) {
        self.sections.selected = self.current_section();
        self.keep_in_view();
    }

    /// The lists of a newly shown article, from their first item.
    pub(super) fn reset_lists(&mut self) {
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
        super::help::help_rows(self.help.inner().width).len()
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

    /// Puts `line` at the top (one line of context above), remembers where we were, marks the target.
    fn jump(&mut self, line: usize, target: Target) {
        self.remember();
        self.top = self.jump_top(line).min(self.layout.len().saturating_sub(1));
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

    pub(super) fn next_section(&mut self, forward: bool) {
        match self.find_target(&self.layout.section_starts, forward) {
            Some(section) => self.jump_to_section(section),
            None if forward && self.layout.section_starts.len() < self.article().sections.len() => {
                self.jump_to_section(self.layout.section_starts.len());
            }
            None if forward => self.say("no section below"),
            None => self.say("no section above"),
        }
    }

    pub(super) fn next_post(&mut self, forward: bool) {
        let found = self.find_target(&self.layout.post_starts, forward);
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
    fn switch_to(&mut self, index: usize, anchor: Option<Anchor>) {
        let here = self.layout.anchor(self.top);
        self.history.leave(self.current, here);
        self.work.goal = None;
        let width = self.work.pending.map_or(self.layout.width, |(_, w)| w);
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
        if place.article != self.current && place.article < self.corpus.articles.len() {
            self.switch_to(place.article, Some(place.anchor));
        } else {
            self.top = self.layout.restore(place.anchor);
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
