//! What the reader remembers across runs, as plain values: where each
//! article was left (a place that survives a new width), its marks (`m` +
//! letter, `'` + letter), the searches. The runtime's storage worker keeps
//! them (`Effect::Remember`) and recalls them when a document opens
//! (`Action::Recalled`); nothing here does I/O.
//!
//! The place is saved when it has changed and about a second has passed
//! (so scrolling writes at most once a second), when the reader leaves an
//! article, and on quitting.

use std::collections::{BTreeMap, HashMap};

use super::history::Place;
use super::layout::{Anchor, LineKind};
use super::message::Effect;
use super::{App, Screen};
use crate::corpus::model::{Block, BlockRef, TextRef};
use crate::search::SearchMode;

/// Ticks (about 200 ms each) a changed place waits before it is saved.
pub const SAVE_TICKS: u8 = 5;

/// What the reader says when it reopens an article where it was left.
pub const RESTORED_MESSAGE: &str = "back to where you were — Ctrl-o for the top";

/// [`RESTORED_MESSAGE`] with the key of `back` in force (none: no key named).
pub fn restored_message(keymap: &super::keymap::Keymap) -> String {
    match keymap.first_label(super::keymap::Section::Reader, "back") {
        Some(key) => format!("back to where you were — {key} for the top"),
        None => "back to where you were".to_string(),
    }
}

/// A place in an article independent of the terminal's width: a block of a
/// section (`block: None`: the section's heading), and a byte offset in the
/// block's text (in a post, its text; 0: the card's top).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SavedPlace {
    pub section: usize,
    pub block: Option<usize>,
    pub offset: usize,
}

impl SavedPlace {
    /// The top of an article (the first section's heading, or what comes first).
    pub const TOP: SavedPlace = SavedPlace {
        section: 0,
        block: None,
        offset: 0,
    };

    /// The place of a layout anchor (the line at the top of the pane).
    pub fn of_anchor(anchor: Anchor) -> SavedPlace {
        let block = |at: BlockRef, offset: usize| SavedPlace {
            section: at.section as usize,
            block: Some(at.block as usize),
            offset,
        };
        match anchor.text {
            Some(TextRef::Heading(section)) => SavedPlace {
                section: section as usize,
                block: None,
                offset: 0,
            },
            Some(TextRef::Paragraph(at) | TextRef::PostText(at)) => block(at, anchor.byte),
            Some(
                TextRef::PostAuthor(at)
                | TextRef::PostMeta(at)
                | TextRef::PostTitle(at)
                | TextRef::PostUrl(at)
                | TextRef::PostLink(at, _),
            ) => block(at, 0),
            _ => SavedPlace::TOP,
        }
    }

    /// An anchor that shows this place at the top, for an article whose
    /// block `at` is (or is not) a post.
    pub fn anchor(self, post: bool) -> Anchor {
        let text = match self.block {
            None => TextRef::Heading(self.section as u32),
            Some(block) => {
                let at = BlockRef {
                    section: self.section as u32,
                    block: block as u32,
                };
                match (post, self.offset) {
                    (true, 0) => TextRef::PostAuthor(at),
                    (true, _) => TextRef::PostText(at),
                    (false, _) => TextRef::Paragraph(at),
                }
            }
        };
        Anchor {
            text: Some(text),
            byte: self.offset,
            lines_above: 0,
            blank_above: false,
        }
    }
}

/// Something to remember across runs, or to recall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remember {
    /// Recall what is known of `document` (answered with `Action::Recalled`).
    Recall { document: String },
    /// Where the reader is in an article of `document`.
    Place {
        document: String,
        article: String,
        place: SavedPlace,
    },
    /// A mark set with `m`.
    Mark {
        document: String,
        article: String,
        letter: char,
        place: SavedPlace,
    },
    /// A search kept with Enter.
    Search { query: String, mode: SearchMode },
}

/// What was remembered of a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recalled {
    pub document: String,
    /// Each article's place (by article id), the article read last first.
    pub places: Vec<(String, SavedPlace)>,
    /// Every mark: article id, letter, place.
    pub marks: Vec<(String, char, SavedPlace)>,
}

/// The key that waits for a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKey {
    /// `m`: set a mark here.
    Set,
    /// `'`: go to a mark.
    Jump,
}

/// The reader's memory of the document being read.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// The document's key in the store; `None`: nothing is remembered.
    pub document: Option<String>,
    /// Marks by article id, then letter.
    marks: HashMap<String, BTreeMap<char, SavedPlace>>,
    /// The place last saved or restored: (article, place).
    saved: Option<(usize, SavedPlace)>,
    /// Ticks since the place changed without being saved.
    unsaved: Option<u8>,
    /// `m` or `'` typed, waiting for its letter.
    pub awaiting: Option<MarkKey>,
    /// What was recalled before the terminal's size was known: restored at
    /// the first size that shows the article.
    pending: Option<Recalled>,
    /// The reader moved before anything was recalled: the old place does
    /// not override where the reader went.
    moved: bool,
}

impl Memory {
    /// Whether a changed place waits to be saved (the loop then ticks).
    pub fn wants_tick(&self) -> bool {
        self.unsaved.is_some()
    }
}

impl App {
    /// From now on the reader remembers its places and marks under
    /// `document` (a store key), and asks for what was remembered.
    pub fn remember_as(&mut self, document: impl Into<String>) {
        let document = document.into();
        self.memory = Memory {
            document: Some(document.clone()),
            ..Memory::default()
        };
        self.memory.saved = Some((self.current, self.saved_place()));
        self.effects
            .push(Effect::Remember(Remember::Recall { document }));
    }

    /// Where the reader is, as a place that survives a new width.
    fn saved_place(&self) -> SavedPlace {
        if self.top == 0 {
            return SavedPlace::TOP;
        }
        SavedPlace::of_anchor(self.layout.anchor(self.top))
    }

    /// After every action: a changed place starts waiting to be saved.
    pub(super) fn note_place(&mut self) {
        if self.memory.document.is_none() || self.screen != Screen::Reader || self.layout.width == 0
        {
            return;
        }
        let here = (self.current, self.saved_place());
        if self.memory.saved != Some(here) {
            self.memory.moved = true;
            if self.memory.unsaved.is_none() {
                self.memory.unsaved = Some(0);
            }
        }
    }

    /// A tick: saves a place changed long enough ago.
    pub(super) fn tick_memory(&mut self) {
        if let Some(ticks) = self.memory.unsaved.as_mut() {
            *ticks += 1;
            if *ticks >= SAVE_TICKS {
                self.save_place();
            }
        }
    }

    /// Saves the place now if it changed (leaving an article, quitting).
    pub(super) fn save_place(&mut self) {
        self.memory.unsaved = None;
        let Some(document) = self.memory.document.clone() else {
            return;
        };
        if self.layout.width == 0 {
            return;
        }
        let here = (self.current, self.saved_place());
        if self.memory.saved == Some(here) {
            return;
        }
        self.memory.saved = Some(here);
        let article = self.article().id.to_string();
        self.effects.push(Effect::Remember(Remember::Place {
            document,
            article,
            place: here.1,
        }));
    }

    /// What the storage worker recalled: the marks, and the place the
    /// reader left, restored unless the reader was sent elsewhere (`-p`,
    /// `--line`) or has moved already.
    pub(super) fn recalled(&mut self, recalled: Recalled) {
        if self.memory.document.as_deref() != Some(recalled.document.as_str()) {
            return;
        }
        for (article, letter, place) in &recalled.marks {
            self.memory
                .marks
                .entry(article.clone())
                .or_default()
                .insert(*letter, *place);
        }
        if self.memory.moved || self.start.as_ref().is_some_and(|s| *s != super::Start::Top) {
            return;
        }
        if self.layout.width == 0 || self.geometry.too_small {
            self.memory.pending = Some(recalled);
            return;
        }
        self.restore_recalled(recalled);
    }

    /// Restores what was recalled before the size was known.
    pub(super) fn restore_pending(&mut self) {
        if let Some(recalled) = self.memory.pending.take()
            && !self.memory.moved
        {
            self.restore_recalled(recalled);
        }
    }

    fn restore_recalled(&mut self, recalled: Recalled) {
        let Some((article, place)) = recalled.places.into_iter().find_map(|(id, place)| {
            let index = self.corpus.articles.iter().position(|a| a.id == id)?;
            Some((index, place))
        }) else {
            return;
        };
        if article == 0 && place == SavedPlace::TOP {
            return;
        }
        self.history.push(Place {
            article: self.current,
            anchor: Anchor {
                text: None,
                byte: 0,
                lines_above: 0,
                blank_above: false,
            },
        });
        self.go_to_place(article, place);
        self.memory.saved = Some((self.current, self.saved_place()));
        self.memory.moved = false;
        self.say(restored_message(&self.settings.keymap));
    }

    /// Shows `place` of article `index` at the top.
    fn go_to_place(&mut self, index: usize, place: SavedPlace) {
        let Some(text) = self.corpus.articles.get(index) else {
            return;
        };
        let at = place.block.map(|block| BlockRef {
            section: place.section as u32,
            block: block as u32,
        });
        let post = at.is_some_and(|at| matches!(text.block(at), Some(Block::Post(_))));
        let anchor = place.anchor(post);
        self.pinned = None;
        if index != self.current {
            self.switch_to(index, Some(anchor));
        } else {
            let width = self.work.pending.map_or(self.layout.width, |(_, w)| w);
            self.show_layout(index, width, Some(anchor));
        }
        // A block whose first line shows no text of its own (a post not
        // included): its first line.
        if self.top == 0
            && let Some(line) = at.and_then(|at| self.layout.line_of(at))
        {
            self.top = self.clamp_top(line);
        }
        // A block's start with the blank line above it, as a jump shows it
        // (and as it was when the place was taken at that blank line).
        if place.offset == 0
            && let Some(above) = self.top.checked_sub(1)
            && self.layout.lines.get(above).map(|l| l.kind) == Some(LineKind::Blank)
        {
            self.top = above;
        }
        self.after_scroll();
    }

    /// `m` or `'`: the next letter names the mark.
    pub(super) fn await_mark(&mut self, key: MarkKey) {
        self.memory.awaiting = Some(key);
        self.say(match key {
            MarkKey::Set => "mark: type a letter",
            MarkKey::Jump => "go to mark: type its letter ('' goes back)",
        });
    }

    /// The letter after `m` or `'`.
    pub(super) fn mark_letter(&mut self, letter: char) {
        let Some(key) = self.memory.awaiting.take() else {
            return;
        };
        if key == MarkKey::Jump && letter == '\'' {
            return self.back();
        }
        if !letter.is_ascii_alphabetic() {
            return self.say("marks are letters: a to z, A to Z");
        }
        let article = self.article().id.to_string();
        match key {
            MarkKey::Set => {
                let place = self.saved_place();
                self.memory
                    .marks
                    .entry(article.clone())
                    .or_default()
                    .insert(letter, place);
                if let Some(document) = self.memory.document.clone() {
                    self.effects.push(Effect::Remember(Remember::Mark {
                        document,
                        article,
                        letter,
                        place,
                    }));
                }
                self.say(format!("mark {letter} set"));
            }
            MarkKey::Jump => {
                let Some(&place) = self.memory.marks.get(&article).and_then(|m| m.get(&letter))
                else {
                    return self.say(format!("no mark {letter} in this article"));
                };
                let before = self.top;
                let here = self.here();
                self.go_to_place(self.current, place);
                if self.top != before {
                    self.history.push(here);
                }
                self.say(format!("mark {letter}"));
            }
        }
    }

    /// The marks of the article being read, by letter.
    pub fn marks(&self) -> Vec<char> {
        self.memory
            .marks
            .get(self.article().id.as_str())
            .map(|m| m.keys().copied().collect())
            .unwrap_or_default()
    }
}
