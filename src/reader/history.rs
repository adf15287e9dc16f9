//! Where the reader has been: the jumps `Back` returns through, and where
//! it left each article. Positions are [`Anchor`]s, so they survive resizes.

use super::layout::Anchor;
use crate::corpus::model::BlockRef;

/// Jumps remembered for `Back`.
pub const HISTORY_LIMIT: usize = 100;

/// A place in the corpus, independent of the width: an article and where its top line was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub article: usize,
    pub anchor: Anchor,
}

/// What a jump lands on (and marks for a moment): a section's heading, or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Section(usize),
    Block(BlockRef),
}

/// The back stack and the place left in each article.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Most recent last, at most [`HISTORY_LIMIT`].
    back: Vec<Place>,
    /// Where the reader left each article (`None`: never read, or at its top).
    left: Vec<Option<Anchor>>,
}

impl History {
    pub fn new(articles: usize) -> History {
        History {
            back: Vec::new(),
            left: vec![None; articles],
        }
    }

    /// Remembers `place` for `Back`, forgetting the oldest past the limit.
    pub fn push(&mut self, place: Place) {
        if self.back.len() >= HISTORY_LIMIT {
            self.back.remove(0);
        }
        self.back.push(place);
    }

    /// The place before the last jump.
    pub fn pop(&mut self) -> Option<Place> {
        self.back.pop()
    }

    /// Where the reader left `article`.
    pub fn left_at(&self, article: usize) -> Option<Anchor> {
        self.left.get(article).copied().flatten()
    }

    /// The reader leaves `article` at `anchor`.
    pub fn leave(&mut self, article: usize, anchor: Anchor) {
        if let Some(slot) = self.left.get_mut(article) {
            *slot = Some(anchor);
        }
    }
}
