//! The layouts kept and the work asked of workers: a cache of recent
//! layouts, the full layout being built while a prefix shows, where to go
//! when it comes ([`Goal`]), and the search indexes being built.
//!
//! Only articles past the offload size ([`Work::offload_large`]) are laid
//! out and indexed elsewhere; without an effect runner (tests, benchmarks)
//! everything is built in `update`.

use std::sync::Arc;

use super::history::Target;
use super::layout::{Anchor, ArticleLayout};
use crate::corpus::model::Article;

/// What laying out a block costs beside its text, in bytes of text: a post
/// is a card of several lines, so 100,000 one-word posts are a large article.
const BLOCK_COST: usize = 64;

/// Layouts kept for sizes seen recently, so resizing back is free.
const LAYOUT_CACHE: usize = 6;

/// Where the reader asked to go that the layout being built does not
/// reach yet: done when it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// `G` / `End`.
    Bottom,
    /// A section's heading or a block.
    Jump(Target),
    /// Search match `i`.
    Match(usize),
    /// A place in the text (a resize, or an article read far down).
    Anchor(Anchor),
}

#[derive(Debug, Clone, Default)]
pub struct Work {
    /// (article, width) → layout, the most recently used last.
    cache: Vec<((usize, u16), Arc<ArticleLayout>)>,
    /// The full layout asked for (`Effect::Layout`) while the one shown is
    /// a prefix, or the layout of another width kept meanwhile.
    pub pending: Option<(usize, u16)>,
    /// Where to go when it arrives.
    pub goal: Option<Goal>,
    /// Articles with more text than this (bytes) are laid out and indexed
    /// off the UI thread; `None`: never.
    offload_bytes: Option<usize>,
    /// Search indexes asked for (`Effect::BuildSearchIndex`) and not yet here.
    indexing: Vec<usize>,
    /// Articles whose links were asked for (`Effect::FindLinks`) and are not yet found.
    finding_links: Vec<usize>,
}

impl Work {
    /// From now on, articles with more than `min_bytes` of text are laid
    /// out and indexed by workers.
    pub fn offload_large(&mut self, min_bytes: usize) {
        self.offload_bytes = Some(min_bytes);
    }

    /// The same offload size as `other` (a new corpus read by the same runtime).
    pub fn keep_offload(&mut self, other: &Work) {
        self.offload_bytes = other.offload_bytes;
    }

    /// Whether work is offloaded at all (there is a runner for effects).
    pub fn is_offloaded(&self) -> bool {
        self.offload_bytes.is_some()
    }

    /// Whether `article` is laid out and indexed by workers: its text, and
    /// what each block costs beside its text, weigh more than the offload size.
    pub fn is_large(&self, article: &Article) -> bool {
        self.offload_bytes.is_some_and(|min| {
            let blocks: usize = article.sections.iter().map(|s| s.blocks.len()).sum();
            article.text_bytes() + BLOCK_COST * blocks > min
        })
    }

    /// Whether laying out `bytes` of text here costs no more than what is
    /// offloaded (so a prefix that long is built at once).
    pub fn is_cheap(&self, bytes: usize) -> bool {
        self.offload_bytes.is_none_or(|min| bytes <= min)
    }

    /// Whether a layout, an index or links are being made.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some() || !self.indexing.is_empty() || !self.finding_links.is_empty()
    }

    /// The layout of `article` at `width`, if kept.
    pub fn cached(&mut self, article: usize, width: u16) -> Option<Arc<ArticleLayout>> {
        let i = self
            .cache
            .iter()
            .position(|(k, _)| *k == (article, width))?;
        let entry = self.cache.remove(i);
        let layout = entry.1.clone();
        self.cache.push(entry);
        Some(layout)
    }

    /// Keeps `layout`, forgetting the least recently used past the limit.
    pub fn keep(&mut self, article: usize, width: u16, layout: Arc<ArticleLayout>) {
        if self.cache.len() >= LAYOUT_CACHE {
            self.cache.remove(0);
        }
        self.cache.push(((article, width), layout));
    }

    /// A place still to reach is taken (it is where the reader is).
    pub fn take_anchor_goal(&mut self) -> Option<Anchor> {
        match self.goal {
            Some(Goal::Anchor(anchor)) => {
                self.goal = None;
                Some(anchor)
            }
            _ => None,
        }
    }

    /// A match waited for means nothing once the matches change.
    pub fn forget_match_goal(&mut self) {
        if matches!(self.goal, Some(Goal::Match(_))) {
            self.goal = None;
        }
    }

    /// The index of `article` is asked for: `true` the first time (then the
    /// effect must go out), `false` while it is already being built.
    pub fn ask_index(&mut self, article: usize) -> bool {
        if self.indexing.contains(&article) {
            return false;
        }
        self.indexing.push(article);
        true
    }

    /// The links of `article` are asked for: `true` the first time (then
    /// the effect must go out), `false` while they are already being found.
    pub fn ask_links(&mut self, article: usize) -> bool {
        if self.finding_links.contains(&article) {
            return false;
        }
        self.finding_links.push(article);
        true
    }

    /// The links of `article` are found.
    pub fn links_arrived(&mut self, article: usize) {
        self.finding_links.retain(|&a| a != article);
    }

    /// The index of `article` has come.
    pub fn index_arrived(&mut self, article: usize) {
        self.indexing.retain(|&a| a != article);
    }
}
