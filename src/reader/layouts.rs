//! The layout shown: built here, taken from the cache, or, for a large
//! article, a prefix now and the whole from a worker (`Effect::Layout` →
//! `Action::LayoutReady`); where the reader asked to go meanwhile is
//! reached when it comes. Resizing lays out again, keeping the place.

use std::sync::Arc;

use super::geometry::Geometry;
use super::layout::{Anchor, ArticleLayout, text_width_for};
use super::message::Effect;
use super::work::Goal;
use super::{App, Pane};
use crate::corpus::model::Section;

impl App {
    /// Whether article `article` is laid out and indexed by workers.
    pub(super) fn is_large(&self, article: usize) -> bool {
        self.work.is_large(&self.corpus.articles[article])
    }

    /// Shows article `article` laid out for `width` with `anchor` (or the
    /// beginning) at the top. A large article not laid out yet (with work
    /// offloaded) shows a prefix through the anchor's section at once, or
    /// keeps the layout it has of another width when the anchor is far
    /// down, and asks for the whole layout (`Effect::Layout`).
    pub(super) fn show_layout(&mut self, article: usize, width: u16, anchor: Option<Anchor>) {
        self.work.pending = None;
        self.pinned = None;
        // A place still to reach is where the reader is.
        let anchor = self.work.take_anchor_goal().or(anchor);
        let restore = |layout: &ArticleLayout| anchor.map_or(0, |a| layout.restore(a));
        let corpus = Arc::clone(&self.corpus);
        let text = &corpus.articles[article];
        let whole = match self.work.cached(article, width) {
            Some(layout) => Some(layout),
            None if !self.work.is_large(text) => {
                let layout = Arc::new(ArticleLayout::build(text, width));
                self.work.keep(article, width, layout.clone());
                Some(layout)
            }
            None => None,
        };
        if let Some(layout) = whole {
            self.top = restore(&layout);
            self.layout = layout;
            return self.reach_goal();
        }
        let section = anchor.and_then(|a| a.text?.section()).unwrap_or(0);
        let before: usize = text
            .sections
            .iter()
            .take(section)
            .map(Section::text_bytes)
            .sum();
        let same_article = article == self.current && self.layout.width != 0;
        // A prefix longer than what is offloaded would cost as much as a small article.
        if self.work.is_cheap(before) {
            let extra = anchor.map_or(0, |a| a.lines_above) + 3 * self.article_height().max(24);
            let layout = ArticleLayout::build_prefix(text, width, section, extra);
            self.top = restore(&layout);
            self.layout = Arc::new(layout);
            if self.layout.complete {
                self.work.keep(article, width, self.layout.clone());
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
                && self.work.goal.is_none()
            {
                self.work.goal = Some(Goal::Anchor(anchor));
            }
        }
        self.work.pending = Some((article, width));
        self.effects.push(Effect::Layout { article, width });
    }

    /// The full layout asked for has come: it replaces the prefix, keeping
    /// the reader's place, then goes where the reader asked meanwhile.
    /// Anything else (a width or article left since) is dropped.
    pub(super) fn layout_ready(&mut self, article: usize, width: u16, layout: Arc<ArticleLayout>) {
        if self.work.pending != Some((article, width)) || !layout.complete {
            return;
        }
        self.work.keep(article, width, layout.clone());
        let anchor = self
            .work
            .take_anchor_goal()
            .unwrap_or_else(|| self.layout.anchor(self.top));
        self.layout = layout;
        self.work.pending = None;
        self.pinned = None;
        self.top = self.layout.restore(anchor);
        self.reach_goal();
    }

    /// Goes where the reader asked to go while the layout was a prefix.
    fn reach_goal(&mut self) {
        match self.work.goal.take() {
            Some(Goal::Bottom) => self.top = self.max_top(),
            Some(Goal::Jump(target)) => self.jump_to(target),
            Some(Goal::Match(i)) if i < self.search.matches.len() => self.show_match(i),
            Some(Goal::Match(_)) => {}
            Some(Goal::Anchor(anchor)) => self.top = self.layout.restore(anchor),
            None => {}
        }
        self.after_scroll();
    }

    /// Whether a target not in the layout may still come (the layout is a
    /// prefix): then it becomes the goal (the status line says "laying
    /// out…" meanwhile).
    pub(super) fn wait_for_layout(&mut self, goal: Goal) -> bool {
        if self.layout.complete || self.work.pending.is_none() {
            return false;
        }
        self.work.goal = Some(goal);
        true
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        let g = Geometry::compute_with(width, height, &self.settings.layout.panes);
        self.geometry = g;
        self.sections.area = g.pane_or_body(Pane::Sections);
        self.quotes.area = g.pane_or_body(Pane::Quotes);
        self.sources.set_area(g.pane_or_body(Pane::Sources));
        self.articles.area = g.body;
        self.help.area = g.body;
        if let Some(library) = self.library.as_deref_mut() {
            library.feed_list.area = g.body;
            library.item_list.area = g.body;
        }
        if !g.too_small {
            let text_width = text_width_for(g.article.width, self.settings.layout.text_width);
            let wanted = self.work.pending.map_or(self.layout.width, |(_, w)| w);
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
        self.fit_section_headings();
        let help_len = self.help_len();
        self.help.offset = self.help.offset.min(self.help.last_offset(help_len));
        self.keep_in_view();
        self.library_keep_in_view();
        if !g.too_small
            && let Some(start) = self.start.take()
        {
            self.go_to_start(start);
        }
        if !g.too_small {
            self.restore_pending();
        }
    }
}
